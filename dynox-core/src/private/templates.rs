//! The runtime side of key templates in generated code.

pub use crate::template::collection::{common_prefix, decode, entity_of};
pub use crate::template::stored::{check_entity, take_stored_key};
pub use crate::template::{
    same_text, Collection, CollectionQuery, Entry, IndexKeys, KeyArg, KeyPart, PartitionArgs,
    Segment, Slot, SortPrefix, SortTemplate, StoredKey, Template, TemplateIndex, TemplateModel,
};

use crate::ops::Query;
use crate::value::DynoValue;
use crate::{AttributeValue, Dynox};

/// What a model does with a placeholder's field: one constant per field,
/// so a type that cannot be key text is one error, at the template.
pub struct PartOps<T> {
    /// Appends the key text.
    pub write: fn(&T, &mut String),
    /// Reads a value back from key text.
    pub parse: fn(&str) -> Option<T>,
    /// The value as the field stores it.
    pub attribute: fn(&T) -> Option<AttributeValue>,
}

impl<T> std::fmt::Debug for PartOps<T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PartOps").finish_non_exhaustive()
    }
}

/// A type that can be a placeholder's field: key text, and storable.
pub trait KeyPartField: KeyPart + DynoValue {
    /// Its operations.
    const PART: PartOps<Self> = PartOps {
        write: Self::write_key_part,
        parse: Self::parse_key_part,
        attribute: Self::to_attribute_value,
    };
}

impl<T: KeyPart + DynoValue> KeyPartField for T {}

/// Compile-time check that a collection's variant is a templated model.
#[inline]
pub const fn assert_template_model<T: TemplateModel>() {}

/// Compile-time check that two models of a collection take the same
/// partition values.
#[inline]
pub fn same_partition<A: TemplateModel, B: TemplateModel<Partition = A::Partition>>() {}

/// Compile-time check that two models' indexes of a collection take the
/// same partition values.
#[inline]
pub fn same_index_partition<A: IndexKeys, B: IndexKeys<Partition = A::Partition>>() {}

/// A key under construction, with room for typical keys.
#[inline]
pub fn key_text() -> String {
    String::with_capacity(48)
}

/// A unit enum's key text: its stored name, escaped as text is.
pub fn enum_key_write(name: &str, out: &mut String) {
    crate::template::escape(name, out);
}

/// A unit enum read back from its key text.
pub fn enum_key_parse<T: DynoValue>(text: &str) -> Option<T> {
    let name = crate::template::unescape(text)?;
    T::from_attribute_value(Some(AttributeValue::S(name))).ok()
}

/// A query of a templated model's partition, kept to its entity type
/// (see `template::entity_query`).
pub fn template_query<'a, M: TemplateModel, K: SortTemplate>(
    db: &'a Dynox,
    index: Option<&'static str>,
    partition_key: &'static str,
    value: String,
    sort_key: &'static str,
) -> Query<'a, M, K> {
    let query = super::query::<M, K>(
        db,
        index,
        partition_key,
        Some(AttributeValue::S(value)),
        Some(sort_key),
    );
    crate::template::entity_query(query, K::SORT_PREFIX, K::SORT_FIXED)
}

/// A query of a templated model without a sort template, kept to its
/// entity type.
pub fn template_partition_query<'a, M: TemplateModel>(
    db: &'a Dynox,
    partition_key: &'static str,
    value: String,
) -> Query<'a, M, ()> {
    let query = super::query::<M, ()>(
        db,
        None,
        partition_key,
        Some(AttributeValue::S(value)),
        None,
    );
    crate::template::entity_query(query, "", false)
}

/// Puts placeholder `i` of `key` into `item` as the field stored under
/// `attribute`, unless the item has that field already.
pub fn fill_part<T>(
    item: &mut crate::Item,
    table: &str,
    t: &Template,
    key: &StoredKey,
    i: usize,
    attribute: &str,
    ops: &PartOps<T>,
) -> crate::Result<()> {
    if item.contains_key(attribute) {
        return Ok(());
    }
    let text = key.part(i);
    let value = (ops.parse)(text).ok_or_else(|| {
        crate::template::stored::key_error(
            table,
            t,
            format!("`{text}` where `{attribute}` belongs, which does not read as one"),
        )
    })?;
    if let Some(v) = (ops.attribute)(&value) {
        item.insert(attribute.to_owned(), v);
    }
    Ok(())
}
