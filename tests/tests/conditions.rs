//! Every condition function and operator, on both backends, against names
//! that are reserved words or full of expression syntax.

use dynox_core::prelude::*;
use dynox_tests::backend_tests;
use dynox_tests::models::{Address, Doc};

/// Whether `condition` holds on the stored sample document: a conditional
/// update that changes nothing visible tells.
async fn holds(db: &Dynox, condition: Condition<Doc>) -> Result<bool> {
    match Doc::update_by_key(db, "d")
        .set(Doc::DOTTED, 10)
        .condition(condition)
        .await
    {
        Ok(()) => Ok(true),
        Err(Error::ConditionalCheckFailed { item }) => {
            assert!(
                item.is_some(),
                "the stored item comes back with a failed condition"
            );
            Ok(false)
        }
        Err(e) => Err(e),
    }
}

backend_tests! {
    async fn each_function_holds_or_not(db: Dynox) -> Result<()> {
        Doc::create_table(&db).await?;
        Doc::sample("d").save(&db).await?;
        let cases: Vec<(&str, Condition<Doc>, bool)> = vec![
            ("eq reserved word", Doc::TITLE.eq("Report"), true),
            ("eq false", Doc::TITLE.eq("Other"), false),
            ("ne", Doc::TITLE.ne("Other"), true),
            ("eq option", Doc::STATE.eq("pending"), true),
            ("eq None means absent", Doc::STATE.eq(None::<String>), false),
            ("lt dotted name", Doc::DOTTED.lt(11), true),
            ("le", Doc::DOTTED.le(10), true),
            ("gt", Doc::DOTTED.gt(10), false),
            ("ge", Doc::DOTTED.ge(10), true),
            ("between", Doc::DOTTED.between(5, 15), true),
            ("between outside", Doc::DOTTED.between(11, 15), false),
            ("gt on # : name", Doc::WEIRD.gt(6), true),
            ("unicode name", Doc::UNICODE.eq("ñ"), true),
            ("begins_with", Doc::TITLE.begins_with("Rep"), true),
            ("begins_with no", Doc::TITLE.begins_with("rep"), false),
            ("begins_with binary", Doc::DATA.begins_with(vec![1u8, 2]), true),
            ("contains substring", Doc::TITLE.contains("por"), true),
            ("contains set member", Doc::TAGS.contains("vip"), true),
            ("contains set no", Doc::TAGS.contains("blue"), false),
            ("contains number set", Doc::NUMS.contains(2), true),
            ("contains list element", Doc::LIST.contains("second"), true),
            ("is_in", Doc::COUNTER.is_in([1, 5, 9]), true),
            ("is_in no", Doc::COUNTER.is_in([1, 9]), false),
            ("is_in empty", Doc::COUNTER.is_in(Vec::<u64>::new()), false),
            ("exists", Doc::STATE.exists(), true),
            ("not_exists", Doc::STATE.not_exists(), false),
            ("attribute_type", Doc::COUNTER.attribute_type(DynamoType::N), true),
            ("attribute_type no", Doc::COUNTER.attribute_type(DynamoType::S), false),
            ("attribute_type set", Doc::TAGS.attribute_type(DynamoType::Ss), true),
            ("size string", Doc::TITLE.size().eq(6), true),
            ("size set", Doc::TAGS.size().ge(2), true),
            ("size list", Doc::LIST.size().lt(2), false),
            ("size map", Doc::ATTRS.size().between(1, 1), true),
            ("size binary", Doc::DATA.size().eq(3), true),
            ("map key", Doc::ATTRS.key("city").eq("NYC"), true),
            ("map key missing", Doc::ATTRS.key("zip").exists(), false),
            ("list index", Doc::LIST.index(0).eq("first"), true),
            ("list index out of range", Doc::LIST.index(5).exists(), false),
            ("nested field", Doc::ADDRESS.field(Address::CITY).eq("Lyon"), true),
            ("nested renamed field", Doc::ADDRESS.field(Address::ZIP).begins_with("69"), true),
            ("float", Doc::AMOUNT.gt(2.0), true),
            ("and", Doc::DOTTED.eq(10) & Doc::TITLE.eq("Report"), true),
            ("and false", Doc::DOTTED.eq(10) & Doc::TITLE.eq("x"), false),
            ("or", Doc::DOTTED.eq(1) | Doc::TITLE.eq("Report"), true),
            ("not", !Doc::STATE.exists(), false),
            ("nested logic", !(Doc::DOTTED.eq(1) | Doc::TITLE.eq("x")) & Doc::TAGS.contains("red"), true),
            ("all at run time", Condition::all((0..3).map(|i| Doc::COUNTER.ne(i))), true),
            ("all of none", Condition::all([]), true),
            ("any of none", Condition::any([]), false),
            ("any at run time", Condition::any([Doc::COUNTER.eq(1), Doc::COUNTER.eq(5)]), true),
        ];
        for (name, condition, expected) in cases {
            assert_eq!(holds(&db, condition).await?, expected, "{name}");
        }
        Ok(())
    }

    async fn values_with_expression_syntax_are_data(db: Dynox) -> Result<()> {
        Doc::create_table(&db).await?;
        let mut doc = Doc::sample("d");
        doc.title = ") OR attribute_exists(id) OR (#x = :y".into();
        doc.save(&db).await?;
        assert!(holds(&db, Doc::TITLE.eq(") OR attribute_exists(id) OR (#x = :y")).await?);
        assert!(!holds(&db, Doc::TITLE.eq(") OR attribute_exists(id)")).await?);
        Ok(())
    }

    async fn conditional_save_and_delete(db: Dynox) -> Result<()> {
        Doc::create_table(&db).await?;
        let doc = Doc::sample("d");
        // create-only: refuse to replace an existing item
        doc.save(&db).condition(Doc::ID.not_exists()).await?;
        let again = doc.save(&db).condition(Doc::ID.not_exists()).await;
        match again {
            Err(Error::ConditionalCheckFailed { item: Some(item) }) => {
                assert_eq!(Doc::from_item(*item)?, doc, "the stored item comes back");
            }
            other => panic!("expected ConditionalCheckFailed, got {other:?}"),
        }
        // a failed delete keeps the item
        let r = Doc::delete_by_key(&db, "d").condition(Doc::STATE.eq("done")).await;
        assert!(matches!(r, Err(Error::ConditionalCheckFailed { .. })), "{r:?}");
        assert!(Doc::get(&db, "d").await?.is_some());
        doc.delete(&db).condition(Doc::STATE.eq("pending")).await?;
        assert!(Doc::get(&db, "d").await?.is_none());
        // a condition on a missing item: attribute_exists fails without an item to return
        let r = Doc::delete_by_key(&db, "d").condition(Doc::ID.exists()).await;
        assert!(matches!(r, Err(Error::ConditionalCheckFailed { item: None })), "{r:?}");
        Ok(())
    }
}
