//! Whether two items hold the same values as DynamoDB compares them: set
//! members in any order, numbers by value (`1.50` = `1.5`).

use super::batch_keys::canonical_number;
use crate::{AttributeValue, Item};

/// Whether `a` and `b` have the same attributes with the same values.
pub(crate) fn same_item(a: &Item, b: &Item) -> bool {
    a.len() == b.len()
        && a.iter()
            .all(|(name, v)| b.get(name).is_some_and(|w| same_value(v, w)))
}

fn same_value(a: &AttributeValue, b: &AttributeValue) -> bool {
    use AttributeValue as V;
    match (a, b) {
        (V::N(x), V::N(y)) => canonical_number(x) == canonical_number(y),
        (V::Ns(x), V::Ns(y)) => same_members(
            x.iter().map(|n| canonical_number(n)),
            y.iter().map(|n| canonical_number(n)),
        ),
        (V::Ss(x), V::Ss(y)) => same_members(x.iter().cloned(), y.iter().cloned()),
        (V::Bs(x), V::Bs(y)) => same_members(
            x.iter().map(|b| b.as_ref().to_vec()),
            y.iter().map(|b| b.as_ref().to_vec()),
        ),
        (V::L(x), V::L(y)) => x.len() == y.len() && x.iter().zip(y).all(|(v, w)| same_value(v, w)),
        (V::M(x), V::M(y)) => same_item(x, y),
        (x, y) => x == y,
    }
}

fn same_members<T: Ord>(a: impl Iterator<Item = T>, b: impl Iterator<Item = T>) -> bool {
    let (mut a, mut b): (Vec<T>, Vec<T>) = (a.collect(), b.collect());
    a.sort();
    b.sort();
    a == b
}

#[cfg(test)]
mod tests {
    use super::*;

    fn item(pairs: Vec<(&str, AttributeValue)>) -> Item {
        pairs.into_iter().map(|(k, v)| (k.to_owned(), v)).collect()
    }

    #[test]
    fn sets_in_any_order_and_numbers_by_value_are_the_same() {
        let a = item(vec![
            ("s", AttributeValue::Ss(vec!["a".into(), "b".into()])),
            ("n", AttributeValue::N("1.50".into())),
            (
                "m",
                AttributeValue::M(item(vec![(
                    "x",
                    AttributeValue::Ns(vec!["1".into(), "2".into()]),
                )])),
            ),
        ]);
        let b = item(vec![
            ("s", AttributeValue::Ss(vec!["b".into(), "a".into()])),
            ("n", AttributeValue::N("1.5".into())),
            (
                "m",
                AttributeValue::M(item(vec![(
                    "x",
                    AttributeValue::Ns(vec!["2".into(), "1.0".into()]),
                )])),
            ),
        ]);
        assert!(same_item(&a, &b));
        let mut c = b.clone();
        c.insert("n".into(), AttributeValue::N("2".into()));
        assert!(!same_item(&a, &c));
        c.remove("n");
        assert!(!same_item(&a, &c), "an attribute fewer");
        let l1 = item(vec![(
            "l",
            AttributeValue::L(vec![
                AttributeValue::S("a".into()),
                AttributeValue::S("b".into()),
            ]),
        )]);
        let l2 = item(vec![(
            "l",
            AttributeValue::L(vec![
                AttributeValue::S("b".into()),
                AttributeValue::S("a".into()),
            ]),
        )]);
        assert!(!same_item(&l1, &l2), "lists keep their order");
    }
}
