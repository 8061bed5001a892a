//! Rendering and combining of conditions.

use super::*;
use crate::Attr;
use std::collections::{BTreeSet, HashMap};

struct M;
const NAME: Attr<M, String> = Attr::__new("name", "name");
const AGE: Attr<M, u32> = Attr::__new("age", "age");
const EMAIL: Attr<M, Option<String>> = Attr::__new("email", "email");
const TAGS: Attr<M, BTreeSet<String>> = Attr::__new("tags", "tags");
const MAP: Attr<M, HashMap<String, Vec<u8>>> = Attr::__new("a.b #c", "map");
const LIST: Attr<M, Vec<u32>> = Attr::__new("list", "list");

fn text(
    c: &Condition<M>,
) -> (
    Option<String>,
    Option<HashMap<String, String>>,
    Option<crate::Item>,
) {
    let mut p = Placeholders::default();
    let t = c.render(&mut p);
    let (n, v) = p.finish();
    (t, n, v)
}

#[test]
fn every_function_renders_with_placeholders() {
    let cases: Vec<(Condition<M>, &str)> = vec![
        (NAME.eq("x"), "#n0 = :v0"),
        (NAME.ne("x"), "#n0 <> :v0"),
        (AGE.lt(1), "#n0 < :v0"),
        (AGE.le(1), "#n0 <= :v0"),
        (AGE.gt(1), "#n0 > :v0"),
        (AGE.ge(1), "#n0 >= :v0"),
        (AGE.between(1, 2), "#n0 BETWEEN :v0 AND :v1"),
        (NAME.begins_with("a"), "begins_with(#n0, :v0)"),
        (NAME.contains("a"), "contains(#n0, :v0)"),
        (TAGS.contains("vip"), "contains(#n0, :v0)"),
        (AGE.is_in([1, 2, 3]), "#n0 IN (:v0, :v1, :v2)"),
        (NAME.exists(), "attribute_exists(#n0)"),
        (NAME.not_exists(), "attribute_not_exists(#n0)"),
        (
            NAME.attribute_type(DynamoType::S),
            "attribute_type(#n0, :v0)",
        ),
        (NAME.size().gt(3), "size(#n0) > :v0"),
        (TAGS.size().between(1, 2), "size(#n0) BETWEEN :v0 AND :v1"),
        (EMAIL.eq("e"), "#n0 = :v0"),
        (EMAIL.eq(None::<String>), "attribute_not_exists(#n0)"),
        (MAP.key("k.1").exists(), "attribute_exists(#n0.#n1)"),
        (LIST.index(2).gt(5), "#n0[2] > :v0"),
        (AGE.gt(1) & NAME.eq("x"), "(#n0 > :v0 AND #n1 = :v1)"),
        (
            AGE.gt(1) | NAME.eq("x") | NAME.exists(),
            "(#n0 > :v0 OR #n1 = :v1 OR attribute_exists(#n1))",
        ),
        (!NAME.exists(), "(NOT attribute_exists(#n0))"),
        (!!NAME.exists(), "attribute_exists(#n0)"),
        (
            AGE.is_in(Vec::<u32>::new()),
            "(attribute_exists(#n0) AND attribute_not_exists(#n0))",
        ),
    ];
    for (c, expected) in cases {
        assert_eq!(text(&c).0.as_deref(), Some(expected), "{c:?}");
    }
}

#[test]
fn names_and_values_never_enter_the_text() {
    let c = MAP.key("x = :y OR #z").exists() & NAME.eq(") OR attribute_exists(pk");
    let (t, names, values) = text(&c);
    let t = t.expect("rendered");
    assert!(
        !t.contains("OR attribute") && !t.contains(":y") && !t.contains("a.b"),
        "{t}"
    );
    let names = names.expect("names");
    assert_eq!(names["#n0"], "a.b #c");
    assert_eq!(names["#n1"], "x = :y OR #z");
    assert_eq!(names["#n2"], "name");
    assert_eq!(
        values.expect("values")[":v0"],
        AttributeValue::S(") OR attribute_exists(pk".into())
    );
}

#[test]
fn all_and_any_at_run_time() {
    assert_eq!(
        text(&Condition::<M>::all([])).0,
        None,
        "all of nothing always holds"
    );
    assert_eq!(
        text(&Condition::all([AGE.gt(1)])).0.as_deref(),
        Some("#n0 > :v0"),
        "one condition needs no parentheses"
    );
    assert_eq!(
        text(&Condition::any(Vec::<Condition<M>>::new()))
            .0
            .as_deref(),
        Some("(attribute_exists(#n0) AND attribute_not_exists(#n0))"),
        "any of nothing never holds"
    );
    let built: Vec<_> = (0..3).map(|i| AGE.ne(i)).collect();
    assert_eq!(
        text(&Condition::all(built)).0.as_deref(),
        Some("(#n0 <> :v0 AND #n0 <> :v1 AND #n0 <> :v2)")
    );
}

#[test]
fn rendering_is_deterministic() {
    let make = || (AGE.gt(1) & MAP.key("k").exists()) | NAME.begins_with("p");
    assert_eq!(format!("{:?}", make()), format!("{:?}", make()));
}
