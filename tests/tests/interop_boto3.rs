//! Interoperability with boto3 on DynamoDB Local: an item dynox writes has
//! the attribute names and DynamoDB types a Python user expects, and the same
//! values written by boto3 (from Python's own types) read back into the model.
//!
//! Runs with the `dynamodb-local` feature; the test script installs boto3
//! into a virtual environment and passes its Python in `DYNOX_PYTHON`.

#![cfg(feature = "dynamodb-local")]

use dynox_core::prelude::*;
use dynox_tests::models::AllTypes;
use dynox_tests::{connect, run_interop_script, Backend};
use std::collections::BTreeMap;

#[tokio::test]
async fn boto3_reads_what_dynox_writes_and_dynox_reads_what_boto3_writes() -> Result<()> {
    let db = connect(Backend::DynamoDbLocal);
    AllTypes::create_table(&db).await?;
    let sample = AllTypes::sample(1);
    sample.save(&db).await?;

    let out = run_interop_script("boto3_roundtrip.py", &db.table_name::<AllTypes>());
    let report: serde_json::Value = serde_json::from_slice(&out).expect("a JSON report");

    // the DynamoDB type of every attribute, as boto3's client sees it
    let types: BTreeMap<String, String> =
        serde_json::from_value(report["dynamodb_types"].clone()).expect("types");
    let expected: BTreeMap<String, String> = [
        ("id", "N"),
        ("bin_key", "B"),
        ("s", "S"),
        ("empty_s", "S"),
        ("flag", "BOOL"),
        ("i8_", "N"),
        ("i16_", "N"),
        ("i32_", "N"),
        ("i64_", "N"),
        ("i128_", "N"),
        ("isize_", "N"),
        ("u8_", "N"),
        ("u16_", "N"),
        ("u32_", "N"),
        ("u64_", "N"),
        ("u128_", "N"),
        ("usize_", "N"),
        ("f32_", "N"),
        ("f64_", "N"),
        ("bytes_vec", "B"),
        ("bytes", "B"),
        ("list_s", "L"),
        ("list_n", "L"),
        ("list_nested", "L"),
        ("hmap", "M"),
        ("bmap", "M"),
        ("ss", "SS"),
        ("ns", "NS"),
        ("bs", "BS"),
        ("opt_some", "S"),
        ("opt_n", "N"),
        ("address", "M"),
        ("color", "S"),
        ("big", "N"),
        ("shape", "M"),
        ("shapes", "L"),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_owned(), v.to_owned()))
    .collect();
    // empty_set and opt_none are absent: an empty set and None are not stored
    assert_eq!(types, expected);

    // what Python code gets from the resource API
    let py = &report["python_types"];
    for (attr, ty) in [
        ("s", "str"),
        ("flag", "bool"),
        ("u64_", "Decimal"),
        ("f64_", "Decimal"),
        ("bytes_vec", "Binary"),
        ("list_s", "list"),
        ("hmap", "dict"),
        ("ss", "set[str]"),
        ("ns", "set[Decimal]"),
        ("bs", "set[Binary]"),
        ("address", "dict"),
        ("big", "Decimal"),
    ] {
        assert_eq!(py[attr], ty, "{attr}");
    }
    // numbers keep every digit; strings and bytes are as written
    let values = &report["values"];
    assert_eq!(values["u64_"], u64::MAX.to_string());
    assert_eq!(values["i128_"], sample.i128_.to_string());
    assert_eq!(values["big"], "12345678901234567890123456789012345678");
    assert_eq!(
        values["ns"],
        serde_json::json!(["1", "18446744073709551615", "9007199254740993"])
    );
    assert_eq!(values["s"], sample.s);
    assert_eq!(values["color"], "dark_blue");
    assert_eq!(
        values["address"],
        serde_json::json!({"city": "Paris", "zip_code": "75001"})
    );
    assert_eq!(values["bytes_vec"], serde_json::json!([0, 159, 146, 150]));

    // boto3 wrote the values it read, from Python types, under id 2
    let back = AllTypes::get(&db, 2, vec![0, 1, 2, 255])
        .await?
        .expect("boto3 wrote it");
    let mut expected = sample.clone();
    expected.id = 2;
    assert_eq!(back.into_inner(), expected);
    Ok(())
}

/// `to_json` is the item as boto3's resource API gives it to Python code
/// (written as JSON, numbers with their exact digits), and
/// `to_dynamodb_json` is the item as DynamoDB's own GetItem response carries
/// it; both read back into the model.
#[tokio::test]
async fn json_forms_match_boto3_and_the_wire() -> Result<()> {
    let db = connect(Backend::DynamoDbLocal);
    AllTypes::create_table(&db).await?;
    AllTypes::sample(1).save(&db).await?;
    let stored = AllTypes::get(&db, 1, vec![0, 1, 2, 255])
        .await?
        .expect("saved");

    let out = run_interop_script("json_shapes.py", &db.table_name::<AllTypes>());
    let report: serde_json::Value = serde_json::from_slice(&out).expect("a JSON report");
    let resource = sorted_sets(report["resource"].clone());
    let wire = sorted_sets(report["wire"].clone());
    assert_eq!(sorted_sets(stored.to_json()), resource);
    assert_eq!(sorted_sets(stored.to_dynamodb_json()), wire);
    assert_eq!(AllTypes::from_json(&resource)?, *stored);
    assert_eq!(AllTypes::from_dynamodb_json(&wire)?, *stored);
    Ok(())
}

/// The same item with its sets' members in one order: a set has none, and
/// DynamoDB returns them in any.
fn sorted_sets(mut item: serde_json::Value) -> serde_json::Value {
    for set in ["ss", "ns", "bs"] {
        let members = match item[set].as_array_mut() {
            Some(members) => members,
            // DynamoDB JSON: {"SS": [...]}
            None => item[set]
                .as_object_mut()
                .and_then(|tagged| tagged.values_mut().next())
                .and_then(|v| v.as_array_mut())
                .expect("a set"),
        };
        members.sort_by_key(|m| m.to_string());
    }
    item
}
