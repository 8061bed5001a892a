//! Global indexes with multi-attribute keys (up to four partition and
//! four sort attributes, as DynamoDB allows since November 2025): each
//! attribute keeps its own type, no composed text. A query holds every
//! partition attribute equal, and the sort attributes left to right: the
//! leading ones equal, a range on the last one given.
//!
//! ```
//! # use dynox_core::prelude::*;
//! #[derive(DynoModel, Debug, Clone, PartialEq)]
//! #[dyno(table = "shops", gsi(name = "by_place", partition = "country, city", sort = "zip, street"))]
//! pub struct Shop {
//!     #[dyno(partition_key)]
//!     pub id: String,
//!     pub country: String,
//!     pub city: String,
//!     pub zip: u32,
//!     pub street: String,
//! }
//! # #[tokio::main(flavor = "current_thread")]
//! # async fn main() -> dynox_core::Result<()> {
//! let db = Dynox::memory_with::<(Shop,)>();
//! let shop = |id: &str, zip, street: &str| Shop {
//!     id: id.into(), country: "FR".into(), city: "Paris".into(), zip, street: street.into(),
//! };
//! shop("a", 75001, "Rivoli").save(&db).await?;
//! shop("b", 75002, "Rivoli").save(&db).await?;
//! // every partition attribute, as a tuple; the sort attributes left to right
//! let in_75001 = Shop::by_place().query(&db, ("FR", "Paris")).sort_prefix((75001u32,)).all().await?;
//! assert_eq!(in_75001.len(), 1);
//! # Ok(())
//! # }
//! ```
//!
//! Declared with `gsi(name = "...", partition = "a, b", sort = "c, d")` on
//! the model (`keys_only` or `include = "..."` choose its projection);
//! `create_table` creates it. Both DynamoDB Local (10.3.0) and the embedded
//! engine run such indexes, so its tests run on both.

use crate::ops::{OnIndex, Query, SortCondition};
use crate::value::FieldValue;
use crate::{AttributeValue, DynoModel, Dynox, Tracked};

/// Values of a multi-attribute key, in order: a tuple, one element per
/// attribute (`("FR",)` for one).
#[diagnostic::on_unimplemented(
    message = "`{Self}` is not the values of the index's key attributes",
    label = "expected a tuple with a value for each key attribute, in order: {T}"
)]
pub trait KeyValues<T> {
    /// The attribute values (`None` for a value that is absent).
    fn into_values(self) -> Vec<Option<AttributeValue>>;
}

/// Values of the leading attributes of a multi-attribute sort key: a tuple
/// of one to all of them, in order.
#[diagnostic::on_unimplemented(
    message = "`{Self}` is not values of the leading sort key attributes",
    label = "expected a tuple of the first sort key attributes' values, in order: {T}"
)]
pub trait SortValues<T> {
    /// The attribute values (`None` for a value that is absent).
    fn into_values(self) -> Vec<Option<AttributeValue>>;
}

macro_rules! key_values {
    ($( ($($a:ident: $t:ident),+) )*) => {$(
        impl<$($a: FieldValue<$t>, $t),+> KeyValues<($($t,)+)> for ($($a,)+) {
            #[allow(non_snake_case)]
            fn into_values(self) -> Vec<Option<AttributeValue>> {
                let ($($a,)+) = self;
                vec![$($a.into_attribute_value()),+]
            }
        }
    )*};
}

key_values! {
    (A: T1)
    (A: T1, B: T2)
    (A: T1, B: T2, C: T3)
    (A: T1, B: T2, C: T3, D: T4)
}

macro_rules! sort_values {
    ($( [$($all:ident),+] ($($a:ident: $t:ident),+); )*) => {$(
        impl<$($a: FieldValue<$t>,)+ $($all),+> SortValues<($($all,)+)> for ($($a,)+) {
            #[allow(non_snake_case)]
            fn into_values(self) -> Vec<Option<AttributeValue>> {
                let ($($a,)+) = self;
                vec![$($a.into_attribute_value()),+]
            }
        }
    )*};
}

sort_values! {
    [T1] (A: T1);
    [T1, T2] (A: T1);
    [T1, T2] (A: T1, B: T2);
    [T1, T2, T3] (A: T1);
    [T1, T2, T3] (A: T1, B: T2);
    [T1, T2, T3] (A: T1, B: T2, C: T3);
    [T1, T2, T3, T4] (A: T1);
    [T1, T2, T3, T4] (A: T1, B: T2);
    [T1, T2, T3, T4] (A: T1, B: T2, C: T3);
    [T1, T2, T3, T4] (A: T1, B: T2, C: T3, D: T4);
}

/// A global index whose key is several attributes; `Model::index_name()`
/// gives it. `P` and `S` are the partition and sort attributes' types, as
/// tuples.
pub struct MultiIndex<M, P, S> {
    name: &'static str,
    partition: &'static [&'static str],
    sort: &'static [&'static str],
    _types: std::marker::PhantomData<Types<M, P, S>>,
}

/// The model and key types an index stands for, owned by none of its values.
type Types<M, P, S> = fn() -> (M, P, S);

impl<M, P, S> std::fmt::Debug for MultiIndex<M, P, S> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "MultiIndex({})", self.name)
    }
}

/// The sort of a query of a multi-attribute index: its attributes' names
/// and types, for the sort conditions.
pub struct MultiSort<S> {
    _types: std::marker::PhantomData<fn() -> S>,
}

impl<S> std::fmt::Debug for MultiSort<S> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("MultiSort")
    }
}

impl<M: DynoModel, P, S> MultiIndex<M, P, S> {
    #[doc(hidden)]
    pub const fn __new(
        name: &'static str,
        partition: &'static [&'static str],
        sort: &'static [&'static str],
    ) -> Self {
        MultiIndex {
            name,
            partition,
            sort,
            _types: std::marker::PhantomData,
        }
    }

    /// The index name.
    pub fn name(&self) -> &'static str {
        self.name
    }

    /// Queries the index partition of these values, one per partition
    /// attribute, in order.
    pub fn query<'a>(
        &self,
        db: &'a Dynox,
        partition: impl KeyValues<P>,
    ) -> Query<'a, M, MultiSort<S>, Tracked<M>, OnIndex> {
        let mut values = self
            .partition
            .iter()
            .zip(partition.into_values())
            // a key value is never absent; NULL makes DynamoDB say so clearly
            .map(|(name, v)| (*name, v.unwrap_or(AttributeValue::Null(true))));
        let first = values.next().unwrap_or(("", AttributeValue::Null(true)));
        let query = Query::new(db, Some(self.name), first, None).with_sort_names(self.sort);
        values.fold(query, |q, (name, v)| q.with_equal(name, v))
    }
}

/// How a range bounds the last sort attribute given.
enum Range {
    From,
    To,
}

impl<'a, M: DynoModel, S, O: Send + 'a, On> Query<'a, M, MultiSort<S>, O, On> {
    /// Holds the leading values equal, and bounds the last one with `last`.
    fn sort_values(
        self,
        values: Vec<Option<AttributeValue>>,
        last: impl FnOnce(AttributeValue) -> SortCondition,
    ) -> Self {
        let names = self.sort_names();
        let mut values: Vec<(&'static str, AttributeValue)> = names
            .iter()
            .zip(values)
            .map(|(name, v)| (*name, v.unwrap_or(AttributeValue::Null(true))))
            .collect();
        let Some((last_name, last_value)) = values.pop() else {
            return self;
        };
        // a condition set again replaces the one before, as for one attribute
        let query = values
            .into_iter()
            .fold(self.without_equal_on(names), |q, (name, v)| {
                q.with_equal(name, v)
            });
        query.with_sort_on(last_name, last(last_value))
    }

    /// Items whose leading sort attributes equal these values.
    pub fn sort_prefix(self, values: impl SortValues<S>) -> Self {
        self.sort_values(values.into_values(), |v| SortCondition::Compare("=", v))
    }

    /// Items from these values on: the leading ones equal, the last one at
    /// least its value.
    pub fn sort_from(self, values: impl SortValues<S>) -> Self {
        self.range(values.into_values(), Range::From)
    }

    /// Items up to these values: the leading ones equal, the last one at
    /// most its value.
    pub fn sort_to(self, values: impl SortValues<S>) -> Self {
        self.range(values.into_values(), Range::To)
    }

    fn range(self, values: Vec<Option<AttributeValue>>, range: Range) -> Self {
        let op = match range {
            Range::From => ">=",
            Range::To => "<=",
        };
        self.sort_values(values, |v| SortCondition::Compare(op, v))
    }

    /// Items between `low` and `high`, both included: the same number of
    /// values, the leading ones the same in both (DynamoDB takes a range on
    /// the last sort attribute given only), the last one between its two.
    pub fn sort_between(self, low: impl SortValues<S>, high: impl SortValues<S>) -> Self {
        let (low, mut high) = (low.into_values(), high.into_values());
        let leading_differ =
            low.len() != high.len() || low[..low.len() - 1] != high[..high.len() - 1];
        if leading_differ {
            return self.with_invalid(
                "sort_between on a multi-attribute key: give the same values for every sort attribute but the last, and a range on the last one".to_owned(),
            );
        }
        let hi = high.pop().flatten().unwrap_or(AttributeValue::Null(true));
        self.sort_values(low, move |lo| SortCondition::Between(lo, hi))
    }
}
