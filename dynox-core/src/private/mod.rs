//! The runtime side of generated code. Not public API: the derive is its only
//! user, and it may change in any release.

pub use crate::attr::Attr;
pub use crate::client::Dynox;
pub use crate::condition::{Keyed, Nested};
pub use crate::hooks::DynoHooks;
pub use crate::index::Index;
pub use crate::index_multi::MultiIndex;
pub use crate::model::{
    DynoModel, FieldInfo, IndexKind, IndexProjection, IndexSchema, KeyAttribute, ModelKey,
    S3Attribute, TableSchema,
};
pub use crate::ops::{DeleteByKey, Get, Projection, Query, Scan, UpdateByKey};
pub use crate::value::{
    DynoValue, FieldValue, IndexKeyValue, KeyText, KeyType, KeyValue, ValueError,
};
pub use crate::version::{TtlValue, VersionValue};
pub use crate::{AttributeValue, Error, Item, Result};
pub use serde_json::Value as JsonValue;

mod fields;
mod templates;
pub use crate::compress::codec;
pub use crate::encrypt::{EncryptedAttribute, Mode as EncryptMode, Sealed};
pub use fields::{
    CompressedField, CompressedSerdeField, EncryptedField, FieldOps, ObjectField, PlainField,
    S3Stored, SerdeField, TtlField,
};
pub use templates::*;

/// The stored form JSON has when no type directs it (an attribute that no
/// field names).
#[inline]
pub fn natural_json(json: &JsonValue) -> Option<AttributeValue> {
    crate::json::natural(json)
}

/// The plain JSON of a derived struct's field, read as its type `T` directs.
#[inline]
pub fn nested_from_json<T: DynoValue>(
    json: &JsonValue,
) -> std::result::Result<Option<AttributeValue>, ValueError> {
    T::attribute_value_from_json(json)
}

/// The plain JSON of a derived struct: each field read as its type directs.
#[inline]
pub fn struct_from_json(
    json: &JsonValue,
    read: impl Fn(&str, &JsonValue) -> std::result::Result<Option<AttributeValue>, ValueError>,
) -> std::result::Result<Option<AttributeValue>, ValueError> {
    crate::json::map_from_json(json, read)
}

/// Adds a field to an item under construction unless its value is absent.
#[inline]
pub fn put_attr<T: DynoValue>(item: &mut Item, name: &'static str, value: &T) {
    if let Some(v) = value.to_attribute_value() {
        item.insert(name.to_owned(), v);
    }
}

/// An empty item with room for `n` attributes.
#[inline]
pub fn new_item(n: usize) -> Item {
    Item::with_capacity(n)
}

/// Reads a nested struct's field from its map; errors carry the path.
#[inline]
pub fn take_nested<T: DynoValue>(map: &mut Item, name: &str) -> std::result::Result<T, ValueError> {
    T::from_attribute_value(map.remove(name)).map_err(|e| e.at_key(name))
}

/// Like [`take_nested`] for a `#[dyno(default)]` field.
#[inline]
pub fn take_nested_or_default<T: DynoValue + Default>(
    map: &mut Item,
    name: &str,
) -> std::result::Result<T, ValueError> {
    match map.remove(name) {
        None => Ok(T::default()),
        v => T::from_attribute_value(v).map_err(|e| e.at_key(name)),
    }
}

pub(crate) fn deserialize_error(table: &str, name: &str, e: ValueError) -> Error {
    Error::Deserialize {
        table: table.to_owned(),
        field: format!("{name}{}", e.path),
        expected: e.expected.into_owned(),
        found: e.found.into_owned(),
    }
}

/// Compile-time check that a key field's type can be a DynamoDB key.
#[inline]
pub const fn assert_key<T: KeyValue>() {}

/// Compile-time check that a secondary-index key field can be an index key.
#[inline]
pub const fn assert_index_key<T: IndexKeyValue>() {}

/// Compile-time check that a `#[dyno(version)]` field has a counter type.
#[inline]
pub const fn assert_version<T: VersionValue>() {}

/// The key type of a model whose derive failed; keeps errors from cascading.
pub struct FallbackKey<M>(core::marker::PhantomData<fn() -> M>);

impl<M> std::fmt::Debug for FallbackKey<M> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("FallbackKey")
    }
}

impl<M> Clone for FallbackKey<M> {
    fn clone(&self) -> Self {
        FallbackKey(core::marker::PhantomData)
    }
}

impl<M> PartialEq for FallbackKey<M> {
    fn eq(&self, _: &Self) -> bool {
        true
    }
}

impl<M: DynoModel<Key = Self>> ModelKey for FallbackKey<M> {
    type Model = M;
    fn to_key_item(&self) -> Item {
        Item::new()
    }
}

/// Entry point of generated `Model::get`.
#[inline]
pub fn get<M: DynoModel>(db: &Dynox, key: M::Key) -> Get<'_, M> {
    Get::new(db, key)
}

/// Entry point of generated `Model::delete_by_key`.
#[inline]
pub fn delete_by_key<M: DynoModel>(db: &Dynox, key: M::Key) -> DeleteByKey<'_, M> {
    DeleteByKey::new(db, key)
}

/// Entry point of generated `Model::update_by_key`.
#[inline]
pub fn update_by_key<M: DynoModel>(db: &Dynox, key: M::Key) -> UpdateByKey<'_, M> {
    UpdateByKey::new(db, key)
}

/// The schema of a model whose derive failed.
pub const FALLBACK_SCHEMA: &TableSchema = &TableSchema {
    table: "",
    partition_key: KeyAttribute {
        name: "",
        key_type: KeyType::S,
    },
    sort_key: None,
    indexes: &[],
    ttl_attribute: None,
    version_attribute: None,
    consistent_read: false,
    max_size: None,
    skip_hooks: false,
    sensitive: &[],
    stream: None,
    write_once: &[],
    encrypted: &[],
    s3_objects: &[],
};

/// The read of a `#[dyno(sensitive)]` field: on a failure, `found` names the
/// stored type only, never the value.
#[inline]
pub fn hide_found<T>(result: Result<T>) -> Result<T> {
    result.map_err(crate::redact::hide_found)
}

/// Entry point of generated `Model::query` and index queries.
#[inline]
pub fn query<'a, M: DynoModel, S>(
    db: &'a Dynox,
    index: Option<&'static str>,
    partition_key: &'static str,
    value: Option<AttributeValue>,
    sort_key: Option<&'static str>,
) -> Query<'a, M, S> {
    // a key value is never absent; NULL makes DynamoDB say so clearly
    Query::new(
        db,
        index,
        (partition_key, value.unwrap_or(AttributeValue::Null(true))),
        sort_key,
    )
}

/// Reads a projected item into a `#[derive(DynoValue)]` view.
#[inline]
pub fn projected<T: DynoValue>(item: Item) -> Result<T> {
    T::from_attribute_value(Some(AttributeValue::M(item))).map_err(|e| Error::Deserialize {
        table: "(projection)".to_owned(),
        field: e.path.trim_start_matches('.').to_owned(),
        expected: e.expected.into_owned(),
        found: e.found.into_owned(),
    })
}

/// Renders a condition as its request would carry it (expression, names,
/// values) and returns the expression's length. For the rendering benchmark.
#[doc(hidden)]
pub fn bench_render_condition<M>(condition: &crate::Condition<M>) -> usize {
    let mut p = crate::expr::Placeholders::default();
    let expression = condition.render(&mut p);
    let (names, values) = p.finish();
    expression.map_or(0, |e| e.len()) + names.map_or(0, |n| n.len()) + values.map_or(0, |v| v.len())
}

/// Renders the update `actions` builds (with its condition) and returns the
/// expressions' length. For the rendering benchmark.
#[doc(hidden)]
pub fn bench_render_update<M: DynoModel>(
    actions: impl FnOnce(crate::TransactUpdate<'static, M>) -> crate::TransactUpdate<'static, M>,
) -> usize {
    crate::ops::render_update_for_bench(actions)
}

/// What a model does with a generated field: one constant per field, so a
/// strategy that cannot make the field's type is one error, at the
/// attribute.
pub struct GenOps<T> {
    /// A new value.
    pub generate: fn() -> T,
    /// Whether a value is the empty one a first write fills.
    pub is_empty: fn(&T) -> bool,
}

impl<T> std::fmt::Debug for GenOps<T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("GenOps").finish_non_exhaustive()
    }
}

/// A field type that strategy `S` makes.
pub trait GeneratedBy<S>: Sized {
    /// Its operations.
    const GEN: GenOps<Self>;
}

impl<T, S: crate::generate::Generates<T>> GeneratedBy<S> for T {
    const GEN: GenOps<T> = GenOps {
        generate: S::generate,
        is_empty: S::is_empty,
    };
}

pub use crate::generate::strategy;
