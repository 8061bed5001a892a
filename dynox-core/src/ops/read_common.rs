//! What queries and scans share: decoding, projections and expressions.

use crate::condition::{Condition, RawPath};
use crate::expr::Placeholders;
use crate::{DynoModel, Item, Result, Tracked};

/// A partial view of an item: the attributes to fetch and how to read them.
/// `#[derive(DynoValue)]` on a struct implements it, fetching exactly the
/// struct's fields, so a view never lacks an attribute it needs.
pub trait Projection: Sized + Send + 'static {
    /// The stored attribute names to fetch.
    const ATTRIBUTES: &'static [&'static str];
    /// Reads a fetched item.
    fn from_projected(item: Item) -> Result<Self>;
}

pub(crate) fn decode_tracked<M: DynoModel>(item: Item) -> Result<Tracked<M>> {
    let mut value = M::from_item(item)?;
    if super::hooks_run::enabled::<M>(false) {
        value.after_load()?;
    }
    Ok(Tracked::loaded(value))
}

pub(crate) fn decode_tracked_without_hooks<M: DynoModel>(item: Item) -> Result<Tracked<M>> {
    Ok(Tracked::loaded(M::from_item(item)?))
}

pub(crate) fn decode_projection<V: Projection>(item: Item) -> Result<V> {
    V::from_projected(item)
}

/// `#n0, #n1, ...` for the projected attributes.
pub(crate) fn projection_expression(attributes: &[&'static str], p: &mut Placeholders) -> String {
    attributes
        .iter()
        .map(|a| RawPath::attribute(a).render(p))
        .collect::<Vec<_>>()
        .join(", ")
}

pub(crate) fn filter_expression<M>(
    filter: Option<&Condition<M>>,
    p: &mut Placeholders,
) -> Option<String> {
    filter.and_then(|c| c.render(p))
}
