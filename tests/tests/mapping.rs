//! Every mapped type round-trips through each backend, and is stored as the
//! DynamoDB type a user of boto3 or the AWS SDK expects.

use aws_sdk_dynamodb::types::AttributeValue as AV;
use dynox_core::prelude::*;
use dynox_core::ModelKey;
use dynox_tests::backend_tests;
use dynox_tests::models::{AllTypes, Color};

fn n(s: &str) -> AV {
    AV::N(s.to_owned())
}

fn s(s: &str) -> AV {
    AV::S(s.to_owned())
}

fn b(bytes: &[u8]) -> AV {
    AV::B(aws_smithy_types::Blob::new(bytes.to_vec()))
}

fn sorted(mut v: Vec<String>) -> Vec<String> {
    v.sort();
    v
}

backend_tests! {
    async fn every_type_round_trips(db: Dynox) -> Result<()> {
        AllTypes::create_table(&db).await?;
        let value = AllTypes::sample(1);
        value.save(&db).await?;
        let loaded = AllTypes::get(&db, 1, vec![0, 1, 2, 255]).await?.expect("saved");
        assert_eq!(loaded.into_inner(), value);
        Ok(())
    }

    async fn stored_types_are_what_sdk_users_expect(db: Dynox) -> Result<()> {
        AllTypes::create_table(&db).await?;
        let value = AllTypes::sample(2);
        value.save(&db).await?;
        let raw = dynox_tests::raw_get(&db, &db.table_name::<AllTypes>(), value.key().to_key_item()).await;

        assert_eq!(raw["id"], n("2"));
        assert_eq!(raw["bin_key"], b(&[0, 1, 2, 255]));
        assert_eq!(raw["s"], s("héllo \"wörld\" #:."));
        assert_eq!(raw["empty_s"], s(""));
        assert_eq!(raw["flag"], AV::Bool(true));
        assert_eq!(raw["i8_"], n("-128"));
        assert_eq!(raw["i64_"], n("-9223372036854775808"));
        assert_eq!(raw["i128_"], n("-170141183460469231731687303715884105"));
        assert_eq!(raw["u8_"], n("255"));
        assert_eq!(raw["u64_"], n("18446744073709551615"));
        assert_eq!(raw["u128_"], n("99999999999999999999999999999999999999"));
        assert_eq!(raw["f32_"], n("1.5"));
        assert_eq!(raw["f64_"], n("0.1"));
        assert_eq!(raw["bytes_vec"], b(&[0, 159, 146, 150]));
        assert_eq!(raw["bytes"], b(b"\x00raw\xff"));
        assert_eq!(raw["list_s"], AV::L(vec![s("a"), s("b")]));
        assert_eq!(raw["list_n"], AV::L(vec![n("1"), n("-2"), n("3")]));
        assert_eq!(
            raw["list_nested"],
            AV::L(vec![AV::M([("city".to_owned(), s("Oslo"))].into())])
        );
        assert_eq!(raw["hmap"], AV::M([("one".to_owned(), n("1")), ("two".to_owned(), n("2"))].into()));
        assert_eq!(raw["bmap"], AV::M([("k".to_owned(), s("v"))].into()));
        assert_eq!(sorted(raw["ss"].as_ss().expect("SS").clone()), ["x", "y"]);
        assert_eq!(
            sorted(raw["ns"].as_ns().expect("NS").clone()),
            sorted(vec!["1".into(), "9007199254740993".into(), "18446744073709551615".into()])
        );
        let mut bs: Vec<Vec<u8>> = raw["bs"].as_bs().expect("BS").iter().map(|b| b.as_ref().to_vec()).collect();
        bs.sort();
        assert_eq!(bs, [vec![1u8], vec![2u8, 3]]);
        // absent means absent: no NULL, no empty set
        assert!(!raw.contains_key("empty_set"), "empty set stored: {:?}", raw.get("empty_set"));
        assert!(!raw.contains_key("opt_none"), "None stored: {:?}", raw.get("opt_none"));
        assert_eq!(raw["opt_some"], s("here"));
        assert_eq!(raw["opt_n"], n("-5"));
        assert_eq!(
            raw["address"],
            AV::M([("city".to_owned(), s("Paris")), ("zip_code".to_owned(), s("75001"))].into())
        );
        assert_eq!(raw["color"], s("dark_blue"));
        assert_eq!(raw["big"], n("12345678901234567890123456789012345678"));
        // serde data model: an externally tagged enum is a map
        assert_eq!(
            raw["shape"],
            AV::M([("Circle".to_owned(), AV::M([("radius".to_owned(), n("3"))].into()))].into())
        );
        assert_eq!(raw["shapes"], AV::L(vec![AV::M([("Label".to_owned(), s("x"))].into())]));
        Ok(())
    }

    async fn items_from_other_tools_read_back(db: Dynox) -> Result<()> {
        // numbers written in other forms, a NULL for an option and a missing set
        AllTypes::create_table(&db).await?;
        let mut item = AllTypes::sample(3).to_item();
        item.insert("u32_".into(), n("4.0E+1"));
        item.insert("opt_some".into(), AV::Null(true));
        item.remove("ss");
        dynox_tests::raw_put(&db, &db.table_name::<AllTypes>(), item).await?;
        let loaded = AllTypes::get(&db, 3, vec![0, 1, 2, 255]).await?.expect("written");
        assert_eq!(loaded.u32_, 40);
        assert_eq!(loaded.opt_some, None);
        assert!(loaded.ss.is_empty());
        assert_eq!(loaded.color, Color::DarkBlue);
        Ok(())
    }
}
