//! `#[dyno(crate = "...")]`: the derive reaches the runtime through another
//! path, as a crate that re-exports dynox under its own name would need.

extern crate dynox_core as renamed;

#[derive(renamed::DynoModel, Debug, Clone, PartialEq)]
#[dyno(table = "custom", crate = "renamed")]
struct Model {
    #[dyno(partition_key)]
    id: String,
    value: Value,
}

#[derive(renamed::DynoValue, Debug, Clone, PartialEq)]
#[dyno(crate = "renamed")]
struct Value {
    n: u8,
}

#[test]
fn generated_code_uses_the_given_path() {
    use renamed::DynoModel as _;
    let m = Model {
        id: "a".into(),
        value: Value { n: 7 },
    };
    assert_eq!(Model::from_item(m.to_item()).expect("reads back"), m);
    assert_eq!(Model::VALUE.name(), "value");
}
