//! The runtime side of generated code. Not public API: the derive is its only
//! user, and it may change in any release.

pub use crate::attr::Attr;
pub use crate::client::Dynox;
pub use crate::condition::{Keyed, Nested};
pub use crate::hooks::DynoHooks;
pub use crate::index::Index;
pub use crate::model::{
    DynoModel, FieldInfo, IndexKind, IndexProjection, IndexSchema, KeyAttribute, ModelKey,
    TableSchema,
};
pub use crate::ops::{DeleteByKey, Get, Projection, Query, Scan, UpdateByKey};
pub use crate::value::{
    DynoValue, FieldValue, IndexKeyValue, KeyText, KeyType, KeyValue, ValueError,
};
pub use crate::version::{TtlValue, VersionValue};
pub use crate::{AttributeValue, Error, Item, Result};
pub use serde_json::Value as JsonValue;

/// The plain JSON of a field that keeps its natural stored form (serde, TTL).
#[inline]
pub fn natural_from_json(
    json: &JsonValue,
) -> std::result::Result<Option<AttributeValue>, ValueError> {
    Ok(crate::json::natural(json))
}

/// The plain JSON of a model field, read as its type `T` directs.
#[inline]
pub fn field_from_json<T: ModelField>(
    json: &JsonValue,
) -> std::result::Result<Option<AttributeValue>, ValueError> {
    T::attribute_value_from_json(json)
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

/// What every stored field of a model needs: storage, and copying and
/// comparing for change tracking. Generated code checks it once per field, at
/// the field's type, so a wrong type gives one error there.
#[diagnostic::on_unimplemented(
    message = "`{Self}` cannot be a field of a `DynoModel`",
    label = "this field type needs `DynoValue`, `Clone` and `PartialEq`",
    note = "derive `DynoValue` (and `Clone`, `PartialEq`) for your own types, or mark the field `#[dyno(serde)]` or `#[dyno(skip)]`"
)]
pub trait ModelField: DynoValue + Clone + PartialEq {}

impl<T: DynoValue + Clone + PartialEq> ModelField for T {}

/// What a `#[dyno(serde)]` field needs.
#[diagnostic::on_unimplemented(
    message = "`{Self}` cannot be a `#[dyno(serde)]` field",
    label = "this field type needs `Serialize`, `DeserializeOwned`, `Clone` and `PartialEq`"
)]
pub trait SerdeField: serde::Serialize + serde::de::DeserializeOwned + Clone + PartialEq {}

impl<T: serde::Serialize + serde::de::DeserializeOwned + Clone + PartialEq> SerdeField for T {}

/// A copy of a field, for the snapshot.
#[inline]
pub fn clone_field<T: ModelField>(value: &T) -> T {
    value.clone()
}

/// Whether a field differs from its snapshot.
#[inline]
pub fn differs<T: ModelField>(now: &T, then: &T) -> bool {
    now != then
}

/// A copy of a serde field, for the snapshot.
#[inline]
pub fn clone_serde<T: SerdeField>(value: &T) -> T {
    value.clone()
}

/// Whether a serde field differs from its snapshot.
#[inline]
pub fn differs_serde<T: SerdeField>(now: &T, then: &T) -> bool {
    now != then
}

/// Stored value of a model field.
#[inline]
pub fn field_to_attr<T: ModelField>(value: &T) -> Option<AttributeValue> {
    value.to_attribute_value()
}

/// Adds a model field to an item under construction unless it is absent.
#[inline]
pub fn put_field<T: ModelField>(item: &mut Item, name: &'static str, value: &T) {
    put_attr(item, name, value)
}

/// Takes a model field out of a loaded item.
#[inline]
pub fn take_model_field<T: ModelField>(item: &mut Item, table: &str, name: &str) -> Result<T> {
    take_field(item, table, name)
}

/// Takes a `#[dyno(default)]` model field.
#[inline]
pub fn take_model_field_or_default<T: ModelField + Default>(
    item: &mut Item,
    table: &str,
    name: &str,
) -> Result<T> {
    take_field_or_default(item, table, name)
}

/// Takes a `#[dyno(default = "path")]` model field: absent means `default()`.
#[inline]
pub fn take_model_field_or_else<T: ModelField, F: FnOnce() -> T>(
    item: &mut Item,
    table: &str,
    name: &str,
    default: F,
) -> Result<T> {
    take_or_else(item, table, name, default, T::from_attribute_value)
}

/// A missing attribute is `default()`; a present one goes through `read`.
fn take_or_else<T>(
    item: &mut Item,
    table: &str,
    name: &str,
    default: impl FnOnce() -> T,
    read: impl FnOnce(Option<AttributeValue>) -> std::result::Result<T, ValueError>,
) -> Result<T> {
    match item.remove(name) {
        None => Ok(default()),
        v => read(v).map_err(|e| deserialize_error(table, name, e)),
    }
}

/// Stored value of a field, `None` when absent.
#[inline]
pub fn to_attr<T: DynoValue>(value: &T) -> Option<AttributeValue> {
    value.to_attribute_value()
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

/// Takes a field out of a loaded item.
#[inline]
pub fn take_field<T: DynoValue>(item: &mut Item, table: &str, name: &str) -> Result<T> {
    T::from_attribute_value(item.remove(name)).map_err(|e| deserialize_error(table, name, e))
}

/// Takes a `#[dyno(default)]` field: absent means `Default::default()`.
#[inline]
pub fn take_field_or_default<T: DynoValue + Default>(
    item: &mut Item,
    table: &str,
    name: &str,
) -> Result<T> {
    match item.remove(name) {
        None => Ok(T::default()),
        v => T::from_attribute_value(v).map_err(|e| deserialize_error(table, name, e)),
    }
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

/// Compile-time check that a `#[dyno(ttl)]` field holds a time.
#[inline]
pub const fn assert_ttl<T: TtlValue + Clone + PartialEq>() {}

/// Stored value of a `#[dyno(ttl)]` field: epoch seconds (N), or absent.
#[inline]
pub fn ttl_to_attr<T: TtlValue>(value: &T) -> Option<AttributeValue> {
    value
        .to_epoch_seconds()
        .map(|s| AttributeValue::N(s.to_string()))
}

/// Adds a `#[dyno(ttl)]` field to an item under construction.
#[inline]
pub fn ttl_put_attr<T: TtlValue>(item: &mut Item, name: &'static str, value: &T) {
    if let Some(v) = ttl_to_attr(value) {
        item.insert(name.to_owned(), v);
    }
}

/// Takes a `#[dyno(ttl)]` field out of a loaded item.
pub fn ttl_take_field<T: TtlValue>(item: &mut Item, table: &str, name: &str) -> Result<T> {
    let expected = "N holding epoch seconds";
    let fail = |found: String| Error::Deserialize {
        table: table.to_owned(),
        field: name.to_owned(),
        expected: expected.to_owned(),
        found,
    };
    match item.remove(name) {
        None => T::missing().ok_or_else(|| fail("no attribute (missing)".to_owned())),
        Some(AttributeValue::N(n)) => {
            let seconds =
                crate::value::parse_integer_i64(&n).map_err(|e| fail(e.found.into_owned()))?;
            T::from_epoch_seconds(seconds).ok_or_else(|| fail(format!("N `{n}`, out of range")))
        }
        Some(other) => Err(fail(crate::value::type_name(&other).to_owned())),
    }
}

/// Whether a TTL field differs from its snapshot.
#[inline]
pub fn differs_ttl<T: TtlValue + PartialEq>(now: &T, then: &T) -> bool {
    now != then
}

/// A copy of a TTL field, for the snapshot.
#[inline]
pub fn clone_ttl<T: TtlValue + Clone>(value: &T) -> T {
    value.clone()
}

/// Compile-time check that a field type can be stored and tracked.
#[inline]
pub const fn assert_value<T: ModelField>() {}

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

/// Stored value of a `#[dyno(serde)]` field.
#[inline]
pub fn serde_to_attr<T: SerdeField>(value: &T) -> Option<AttributeValue> {
    crate::value::serde_value::to_attribute_value(value)
}

/// Adds a `#[dyno(serde)]` field to an item under construction.
#[inline]
pub fn serde_put_attr<T: SerdeField>(item: &mut Item, name: &'static str, value: &T) {
    if let Some(v) = serde_to_attr(value) {
        item.insert(name.to_owned(), v);
    }
}

/// Takes a `#[dyno(serde)]` field out of a loaded item.
#[inline]
pub fn serde_take_field<T: SerdeField>(item: &mut Item, table: &str, name: &str) -> Result<T> {
    crate::value::serde_value::from_attribute_value(item.remove(name))
        .map_err(|e| deserialize_error(table, name, e))
}

/// Takes a `#[dyno(serde)]` field with `#[dyno(default)]`.
#[inline]
pub fn serde_take_field_or_default<T: SerdeField + Default>(
    item: &mut Item,
    table: &str,
    name: &str,
) -> Result<T> {
    match item.remove(name) {
        None => Ok(T::default()),
        v => crate::value::serde_value::from_attribute_value(v)
            .map_err(|e| deserialize_error(table, name, e)),
    }
}

/// Takes a `#[dyno(serde, default = "path")]` field: absent means `default()`.
pub fn serde_take_field_or_else<T: SerdeField, F: FnOnce() -> T>(
    item: &mut Item,
    table: &str,
    name: &str,
    default: F,
) -> Result<T> {
    take_or_else(
        item,
        table,
        name,
        default,
        crate::value::serde_value::from_attribute_value,
    )
}

/// Compile-time check that a `#[dyno(serde)]` field is serde-compatible.
#[inline]
pub const fn assert_serde<T: SerdeField>() {}

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
