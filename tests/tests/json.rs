//! Plain JSON (`to_json` / `from_json`) and DynamoDB JSON
//! (`to_dynamodb_json` / `from_dynamodb_json`): every field type of the
//! every-type model round-trips through both, as JSON text; items stored on
//! each backend read back through both; bad input is a `Deserialize` error
//! naming the field. (`interop_boto3.rs` checks the shapes against boto3 and
//! DynamoDB's own wire format on DynamoDB Local.)

use dynox_core::prelude::*;
use dynox_core::Number;
use dynox_tests::models::{Account, Address, AllTypes, Color, Shape};
use dynox_tests::{backend_tests, secrets};
use proptest::collection::{btree_map, btree_set, hash_map, hash_set, vec};
use proptest::prelude::*;
use serde_json::{json, Value};

/// Through JSON text and back, as a file or an HTTP body would carry it.
fn through_text(json: &Value) -> Value {
    serde_json::from_str(&json.to_string()).expect("dynox writes valid JSON")
}

/// The `Deserialize` error's field and expected/found, or a failure.
fn deserialize_error<T: std::fmt::Debug>(result: Result<T>) -> (String, String, String) {
    match result {
        Err(Error::Deserialize {
            field,
            expected,
            found,
            ..
        }) => (field, expected, found),
        other => panic!("expected a Deserialize error, got {other:?}"),
    }
}

backend_tests! {
    /// A stored item reads back from both forms, as JSON text, and an export
    /// to S3 (one `{"Item": ...}` object a line) reads back line by line.
    async fn stored_items_read_back_from_both_forms(db: Dynox) -> Result<()> {
        AllTypes::create_table(&db).await?;
        let samples = [AllTypes::sample(1), AllTypes::sample(2)];
        for sample in &samples {
            sample.save(&db).await?;
        }
        let mut export = String::new();
        for sample in &samples {
            let stored = AllTypes::get(&db, sample.id, sample.bin_key.clone())
                .await?
                .expect("saved");
            assert_eq!(&*stored, sample);
            assert_eq!(&AllTypes::from_json(&through_text(&stored.to_json()))?, sample);
            assert_eq!(
                &AllTypes::from_dynamodb_json(&through_text(&stored.to_dynamodb_json()))?,
                sample
            );
            export.push_str(&json!({ "Item": stored.to_dynamodb_json() }).to_string());
            export.push('\n');
        }
        let read: Vec<AllTypes> = export
            .lines()
            .map(|line| {
                let line: Value = serde_json::from_str(line).expect("a JSON line");
                AllTypes::from_dynamodb_json(&line["Item"])
            })
            .collect::<Result<_>>()?;
        assert_eq!(read, samples);
        Ok(())
    }

    /// Plain JSON has the stored names, exact numbers, arrays for sets and
    /// base64 for binary; what `from_json` builds saves and loads as itself.
    async fn plain_json_has_the_stored_shape(db: Dynox) -> Result<()> {
        AllTypes::create_table(&db).await?;
        let json = AllTypes::sample(1).to_json();
        assert_eq!(json["u128_"].to_string(), "99999999999999999999999999999999999999");
        assert_eq!(json["i128_"].to_string(), "-170141183460469231731687303715884105");
        assert_eq!(json["big"].to_string(), "12345678901234567890123456789012345678");
        assert_eq!(json["u64_"].to_string(), u64::MAX.to_string());
        assert_eq!(json["f64_"].to_string(), "0.1");
        assert_eq!(json["bytes_vec"], json!("AJ+Slg=="));
        assert_eq!(json["bin_key"], json!("AAEC/w=="));
        assert_eq!(json["color"], json!("dark_blue"));
        assert_eq!(json["address"], json!({ "city": "Paris", "zip_code": "75001" }));
        assert_eq!(json["shape"], json!({ "Circle": { "radius": 3 } }));
        let mut bs = json["bs"].as_array().expect("a binary set is an array").clone();
        bs.sort_by_key(Value::to_string);
        assert_eq!(bs, vec![json!("AQ=="), json!("AgM=")]);
        assert!(json.get("opt_none").is_none() && json.get("empty_set").is_none());

        let mut changed = json;
        changed["id"] = json!(7);
        // 38 digits, DynamoDB's most; no f64 holds it
        changed["u128_"] = serde_json::from_str("12345678901234567890123456789012345678").expect("a number");
        let built = AllTypes::from_json(&changed)?;
        assert_eq!(built.u128_, 12345678901234567890123456789012345678);
        built.save(&db).await?;
        let stored = AllTypes::get(&db, 7, built.bin_key.clone()).await?.expect("saved");
        assert_eq!(*stored, built);
        Ok(())
    }

    /// Each kind of bad input is a `Deserialize` error naming the field, with
    /// a path into nested values; nothing panics.
    async fn bad_json_names_the_field(db: Dynox) -> Result<()> {
        AllTypes::create_table(&db).await?;
        AllTypes::sample(1).save(&db).await?;
        let stored = AllTypes::get(&db, 1u64, vec![0, 1, 2, 255]).await?.expect("saved");
        let good = stored.to_json();
        let with = |path: &[&str], value: Value| {
            let mut json = good.clone();
            let mut at = &mut json;
            for step in path {
                at = match step.parse::<usize>() {
                    Ok(i) => &mut at[i],
                    Err(_) => &mut at[*step],
                };
            }
            *at = value;
            json
        };

        let (field, expected, found) = deserialize_error(AllTypes::from_json(&with(&["u32_"], json!("x"))));
        assert_eq!((field.as_str(), expected.as_str(), found.as_str()), ("u32_", "N", "S"));
        let (field, _, found) = deserialize_error(AllTypes::from_json(&with(&["s"], Value::Null)));
        assert_eq!(field, "s");
        assert!(found.contains("missing"), "{found}");
        let (field, _, found) = deserialize_error(AllTypes::from_json(&with(&["bytes"], json!("not base64!"))));
        assert_eq!(field, "bytes");
        assert!(found.contains("not base64"), "{found}");
        let (field, ..) = deserialize_error(AllTypes::from_json(&with(&["bs", "0"], json!("%%"))));
        assert_eq!(field, "bs[0]");
        let (field, ..) = deserialize_error(AllTypes::from_json(&with(&["address", "city"], json!(5))));
        assert_eq!(field, "address.city");
        let (field, ..) = deserialize_error(AllTypes::from_json(&with(&["list_nested", "0", "city"], json!(true))));
        assert_eq!(field, "list_nested[0].city");
        let (field, ..) = deserialize_error(AllTypes::from_json(&with(&["u8_"], json!(256))));
        assert_eq!(field, "u8_");
        let (field, ..) = deserialize_error(AllTypes::from_json(&with(&["ss"], json!(["a", "a"]))));
        assert_eq!(field, "ss[1]");
        let (field, ..) = deserialize_error(AllTypes::from_json(&with(&["shape"], json!({ "Square": 1 }))));
        assert_eq!(field, "shape");
        let (field, expected, found) = deserialize_error(AllTypes::from_json(&json!([1, 2])));
        assert_eq!((field.as_str(), found.as_str()), ("(the item)", "a JSON array"));
        assert!(expected.contains("object"), "{expected}");

        let typed = stored.to_dynamodb_json();
        let mut bad = typed.clone();
        bad["s"] = json!({ "S": 1 });
        assert_eq!(deserialize_error(AllTypes::from_dynamodb_json(&bad)).0, "s");
        bad = typed.clone();
        bad["s"] = json!({ "X": "text" });
        assert_eq!(deserialize_error(AllTypes::from_dynamodb_json(&bad)).0, "s");
        bad = typed.clone();
        bad["list_s"] = json!({ "L": [{ "S": "a" }, { "S": "b", "N": "1" }] });
        assert_eq!(deserialize_error(AllTypes::from_dynamodb_json(&bad)).0, "list_s[1]");
        bad = typed.clone();
        bad["u16_"] = json!({ "S": "1" });
        let (field, expected, found) = deserialize_error(AllTypes::from_dynamodb_json(&bad));
        assert_eq!((field.as_str(), expected.as_str(), found.as_str()), ("u16_", "N", "S"));
        assert_eq!(deserialize_error(AllTypes::from_dynamodb_json(&json!("text"))).0, "(the item)");
        assert_eq!(deserialize_error(AllTypes::from_dynamodb_json(&Value::Null)).0, "(the item)");
        Ok(())
    }

    /// A sensitive field's value never reaches the error of a bad JSON.
    async fn bad_json_of_a_sensitive_field_hides_its_value(db: Dynox) -> Result<()> {
        Account::create_table(&db).await?;
        secrets::account().save(&db).await?;
        let stored = Account::get(&db, "A").await?.expect("saved");
        let mut json = stored.to_json();
        assert_eq!(json["password"], json!(secrets::SECRET));
        json["pin"] = json!(secrets::PIN.to_string());
        let e = Account::from_json(&json).expect_err("a pin as text is refused");
        secrets::assert_hidden("the error", &format!("{e} {e:?}"));
        let mut typed = stored.to_dynamodb_json();
        typed["password"] = json!({ "N": secrets::SECRET });
        let e = Account::from_dynamodb_json(&typed).expect_err("a password as a number is refused");
        secrets::assert_hidden("the error", &format!("{e} {e:?}"));
        Ok(())
    }
}

/// Serde shapes that serde_json's `arbitrary_precision` breaks when read
/// from JSON text: floats inside untagged, internally tagged and flattened
/// types.
#[derive(serde::Serialize, serde::Deserialize, Debug, Clone, PartialEq)]
#[serde(untagged)]
enum Untagged {
    Float(f64),
    Text(String),
}

#[derive(serde::Serialize, serde::Deserialize, Debug, Clone, PartialEq)]
#[serde(tag = "kind")]
enum Tagged {
    Point { x: f64 },
}

#[derive(serde::Serialize, serde::Deserialize, Debug, Clone, PartialEq)]
struct Outer {
    #[serde(flatten)]
    inner: Inner,
}

#[derive(serde::Serialize, serde::Deserialize, Debug, Clone, PartialEq)]
struct Inner {
    n: f64,
}

#[derive(DynoModel, Debug, Clone, PartialEq)]
#[dyno(table = "serde_floats")]
struct SerdeFloats {
    #[dyno(partition_key)]
    id: String,
    #[dyno(serde)]
    untagged: Untagged,
    #[dyno(serde)]
    tagged: Tagged,
    #[dyno(serde)]
    flattened: Outer,
}

backend_tests! {
    /// `arbitrary_precision` is on for the whole build; `#[dyno(serde)]`
    /// fields that it would break when read from JSON text still store,
    /// load and pass through both JSON forms.
    async fn serde_fields_with_floats_in_untagged_shapes(db: Dynox) -> Result<()> {
        SerdeFloats::create_table(&db).await?;
        let value = SerdeFloats {
            id: "1".into(),
            untagged: Untagged::Float(1.5),
            tagged: Tagged::Point { x: 0.25 },
            flattened: Outer { inner: Inner { n: -2.5e-8 } },
        };
        value.save(&db).await?;
        let stored = SerdeFloats::get(&db, "1").await?.expect("saved");
        assert_eq!(*stored, value);
        assert_eq!(SerdeFloats::from_json(&through_text(&stored.to_json()))?, value);
        assert_eq!(SerdeFloats::from_dynamodb_json(&through_text(&stored.to_dynamodb_json()))?, value);
        Ok(())
    }
}

fn address() -> impl Strategy<Value = Address> {
    (".*", proptest::option::of(".*")).prop_map(|(city, zip)| Address { city, zip })
}

fn shape() -> impl Strategy<Value = Shape> {
    prop_oneof![
        any::<u32>().prop_map(|radius| Shape::Circle { radius }),
        ".*".prop_map(Shape::Label),
    ]
}

/// Decimal text as DynamoDB keeps it: up to 38 significant digits, no
/// exponent (serde_json writes a positive exponent with its `+`).
fn number() -> impl Strategy<Value = Number> {
    (
        "-?[1-9][0-9]{0,20}",
        proptest::option::of("[0-9]{0,16}[1-9]"),
    )
        .prop_map(|(int, frac)| Number::new(frac.map_or(int.clone(), |f| format!("{int}.{f}"))))
}

fn finite<T: std::fmt::Debug + Copy>(
    s: impl Strategy<Value = T>,
    ok: fn(T) -> bool,
) -> impl Strategy<Value = T> {
    s.prop_filter("finite", move |v| ok(*v))
}

prop_compose! {
    fn all_types()(
        (id, bin_key, s, empty_s, flag, i8_, i16_, i32_, i64_, i128_, isize_) in (
            any::<u64>(), vec(any::<u8>(), 1..8), ".*", ".*", any::<bool>(), any::<i8>(),
            any::<i16>(), any::<i32>(), any::<i64>(), any::<i128>(), any::<isize>(),
        ),
        (u8_, u16_, u32_, u64_, u128_, usize_, f32_, f64_, bytes_vec, bytes) in (
            any::<u8>(), any::<u16>(), any::<u32>(), any::<u64>(), any::<u128>(), any::<usize>(),
            finite(any::<f32>(), f32::is_finite), finite(any::<f64>(), f64::is_finite),
            vec(any::<u8>(), 0..16), vec(any::<u8>(), 0..16),
        ),
        (list_s, list_n, list_nested, hmap, bmap, ss, ns, bs, empty_set) in (
            vec(".*", 0..4), vec(any::<i64>(), 0..4), vec(address(), 0..3),
            hash_map(".*", any::<i32>(), 0..4), btree_map(".*", ".*", 0..4),
            hash_set(".*", 0..4), btree_set(any::<u64>(), 0..4),
            btree_set(vec(any::<u8>(), 0..6), 0..4), btree_set(".*", 0..3),
        ),
        (opt_some, opt_none, opt_n, address, color, big, shape, shapes) in (
            proptest::option::of(".*"), proptest::option::of(".*"), proptest::option::of(any::<i64>()),
            address(), prop_oneof![Just(Color::Red), Just(Color::DarkBlue)], number(),
            shape(), vec(shape(), 0..3),
        ),
    ) -> AllTypes {
        AllTypes {
            id, bin_key, s, empty_s, flag, i8_, i16_, i32_, i64_, i128_, isize_,
            u8_, u16_, u32_, u64_, u128_, usize_, f32_, f64_, bytes_vec,
            bytes: bytes.into(), list_s, list_n, list_nested, hmap, bmap, ss, ns, bs, empty_set,
            opt_some, opt_none, opt_n, address, color, big, shape, shapes,
        }
    }
}

proptest! {
    /// Every field type, any value: JSON text of either form reads back equal.
    #[test]
    fn every_type_round_trips_through_both_forms(value in all_types()) {
        let plain = AllTypes::from_json(&through_text(&value.to_json()));
        prop_assert_eq!(plain.as_ref().ok(), Some(&value), "plain JSON: {:?}", plain);
        let typed = AllTypes::from_dynamodb_json(&through_text(&value.to_dynamodb_json()));
        prop_assert_eq!(typed.as_ref().ok(), Some(&value), "DynamoDB JSON: {:?}", typed);
    }
}
