//! Global indexes with multi-attribute keys on both backends: created from
//! the model (several HASH and RANGE attributes, each of its own type),
//! queried with a tuple of the partition values, narrowed left to right
//! on the sort attributes; a range on a sort attribute after one that is
//! not held equal is refused before it is sent.

use dynox_core::prelude::*;
use dynox_tests::backend_tests;

#[derive(DynoModel, Debug, Clone, PartialEq)]
#[dyno(
    table = "places",
    gsi(
        name = "by_place",
        partition = "country, city",
        sort = "zip, street, number"
    )
)]
pub struct Shop {
    #[dyno(partition_key)]
    pub id: String,
    pub country: String,
    pub city: String,
    pub zip: u32,
    pub street: String,
    pub number: u16,
}

fn shop(id: u32, city: &str, zip: u32, street: &str, number: u16) -> Shop {
    Shop {
        id: format!("s{id}"),
        country: "FR".into(),
        city: city.into(),
        zip,
        street: street.into(),
        number,
    }
}

fn ids(shops: Vec<Tracked<Shop>>) -> Vec<String> {
    let mut ids: Vec<String> = shops.iter().map(|s| s.id.clone()).collect();
    ids.sort();
    ids
}

backend_tests! {
    async fn a_multi_attribute_index_is_created_and_queried(db: Dynox) -> Result<()> {
        Shop::create_table(&db).await?;
        let description = Shop::describe_table(&db).await?;
        let index = &description.global_secondary_indexes()[0];
        let keys: Vec<(&str, &str)> = index
            .key_schema()
            .iter()
            .map(|k| (k.attribute_name(), k.key_type().as_str()))
            .collect();
        assert_eq!(
            keys,
            [("country", "HASH"), ("city", "HASH"), ("zip", "RANGE"), ("street", "RANGE"), ("number", "RANGE")]
        );
        assert!(Shop::verify_table(&db).await?.is_empty(), "the schema matches");

        for s in [
            shop(1, "Paris", 75001, "Rivoli", 10),
            shop(2, "Paris", 75001, "Rivoli", 12),
            shop(3, "Paris", 75001, "Louvre", 3),
            shop(4, "Paris", 75002, "Rivoli", 1),
            shop(5, "Lyon", 69001, "Rivoli", 10),
        ] {
            s.save(&db).await?;
        }
        let paris = Shop::by_place().query(&db, ("FR", "Paris")).all().await?;
        assert_eq!(ids(paris), ["s1", "s2", "s3", "s4"]);
        let zip = Shop::by_place().query(&db, ("FR", "Paris")).sort_prefix((75001u32,)).all().await?;
        assert_eq!(ids(zip), ["s1", "s2", "s3"]);
        let street = Shop::by_place()
            .query(&db, ("FR", "Paris"))
            .sort_prefix((75001u32, "Rivoli"))
            .all()
            .await?;
        assert_eq!(ids(street), ["s1", "s2"]);
        let from = Shop::by_place()
            .query(&db, ("FR", "Paris"))
            .sort_from((75001u32, "Rivoli", 11u16))
            .all()
            .await?;
        assert_eq!(ids(from), ["s2"]);
        // a sort condition set again replaces the one before
        let again = Shop::by_place()
            .query(&db, ("FR", "Paris"))
            .sort_prefix((75002u32,))
            .sort_from((75001u32, "Rivoli", 11u16))
            .all()
            .await?;
        assert_eq!(ids(again), ["s2"]);
        let between = Shop::by_place()
            .query(&db, ("FR", "Paris"))
            .sort_between((75001u32,), (75002u32,))
            .all()
            .await?;
        assert_eq!(ids(between), ["s1", "s2", "s3", "s4"]);

        // a range needs the same leading values on both ends
        match Shop::by_place()
            .query(&db, ("FR", "Paris"))
            .sort_between((75001u32, "A"), (75002u32, "Z"))
            .all()
            .await
        {
            Err(Error::Validation { message }) => assert!(message.contains("last"), "{message}"),
            other => panic!("expected a refusal, got {other:?}"),
        }
        Ok(())
    }
}
