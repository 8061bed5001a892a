//! The table a model's schema describes, as DynamoDB's request types:
//! CreateTable's input, and the parts UpdateTable and the schema check
//! share (key schemas, attribute definitions, index projections).

use super::table::build_error;
use crate::model::{IndexKind, IndexProjection, IndexSchema, KeyAttribute, TableSchema};
use crate::Result;
use aws_sdk_dynamodb::operation::create_table::CreateTableInput;
use aws_sdk_dynamodb::types::{
    AttributeDefinition, BillingMode, GlobalSecondaryIndex, KeySchemaElement, KeyType,
    LocalSecondaryIndex, Projection, ProjectionType, ProvisionedThroughput, ScalarAttributeType,
    SseSpecification, SseType, StreamSpecification, StreamViewType, TableClass, Tag,
};

fn key_element(name: &str, key_type: KeyType) -> Result<KeySchemaElement> {
    KeySchemaElement::builder()
        .attribute_name(name)
        .key_type(key_type)
        .build()
        .map_err(build_error)
}

fn key_schema(pk: &KeyAttribute, sk: Option<&KeyAttribute>) -> Result<Vec<KeySchemaElement>> {
    let mut schema = vec![key_element(pk.name, KeyType::Hash)?];
    if let Some(sk) = sk {
        schema.push(key_element(sk.name, KeyType::Range)?);
    }
    Ok(schema)
}

fn scalar_type(k: &KeyAttribute) -> ScalarAttributeType {
    ScalarAttributeType::from(k.key_type.as_str())
}

/// The keys and indexes a table is created with: one model's, or those of
/// the models that share the table (see `table_shared`).
pub(super) struct Shape<'s> {
    pub(super) partition_key: &'s KeyAttribute,
    pub(super) sort_key: Option<&'s KeyAttribute>,
    pub(super) indexes: Vec<&'s IndexSchema>,
}

impl<'s> Shape<'s> {
    pub(super) fn of(schema: &'s TableSchema) -> Self {
        Shape {
            partition_key: &schema.partition_key,
            sort_key: schema.sort_key.as_ref(),
            indexes: schema.indexes.iter().collect(),
        }
    }
}

/// Renders the CreateTable request of a table of `shape`.
pub(super) fn create_table_input(
    table: &str,
    shape: &Shape<'_>,
    options: &TableOptions,
) -> Result<CreateTableInput> {
    let throughput = options.throughput;
    let mut keys: Vec<&KeyAttribute> = vec![shape.partition_key];
    keys.extend(shape.sort_key);
    for index in &shape.indexes {
        keys.extend(index.partition_keys().chain(index.sort_keys()));
    }
    let definitions = definitions(keys)?;
    let provisioned = match throughput {
        Some((read, write)) => Some(
            ProvisionedThroughput::builder()
                .read_capacity_units(read)
                .write_capacity_units(write)
                .build()
                .map_err(build_error)?,
        ),
        None => None,
    };
    let mut gsis = Vec::new();
    let mut lsis = Vec::new();
    for index in shape.indexes.iter().copied() {
        match index.kind {
            IndexKind::Global => gsis.push(global_index(index, provisioned.clone())?),
            IndexKind::Local => lsis.push(
                LocalSecondaryIndex::builder()
                    .index_name(index.name)
                    .set_key_schema(Some(index_key_schema(index)?))
                    .projection(projection(index))
                    .build()
                    .map_err(build_error)?,
            ),
        }
    }
    CreateTableInput::builder()
        .table_name(table)
        .set_key_schema(Some(key_schema(shape.partition_key, shape.sort_key)?))
        .set_attribute_definitions(Some(definitions))
        .set_global_secondary_indexes((!gsis.is_empty()).then_some(gsis))
        .set_local_secondary_indexes((!lsis.is_empty()).then_some(lsis))
        .billing_mode(if provisioned.is_some() {
            BillingMode::Provisioned
        } else {
            BillingMode::PayPerRequest
        })
        .set_provisioned_throughput(provisioned)
        .set_tags(options.tags()?)
        .set_table_class(options.table_class.clone())
        .set_sse_specification(options.sse.as_ref().map(|key| {
            SseSpecification::builder()
                .enabled(true)
                .sse_type(SseType::Kms)
                .set_kms_master_key_id(key.clone())
                .build()
        }))
        .set_deletion_protection_enabled(options.deletion_protection.then_some(true))
        .set_stream_specification(
            options
                .stream
                .clone()
                .map(|view| {
                    StreamSpecification::builder()
                        .stream_enabled(true)
                        .stream_view_type(view)
                        .build()
                        .map_err(build_error)
                })
                .transpose()?,
        )
        .build()
        .map_err(build_error)
}

/// What a new table gets beyond its schema.
#[derive(Debug, Clone, Default)]
pub(super) struct TableOptions {
    /// Provisioned read and write units, or on-demand billing.
    pub(super) throughput: Option<(i64, i64)>,
    pub(super) tags: Vec<(String, String)>,
    pub(super) table_class: Option<TableClass>,
    /// Encryption at rest with a KMS key: `Some(None)` for the AWS managed
    /// key, `Some(Some(id))` for a key of the account.
    pub(super) sse: Option<Option<String>>,
    pub(super) deletion_protection: bool,
    pub(super) stream: Option<StreamViewType>,
}

impl TableOptions {
    fn tags(&self) -> Result<Option<Vec<Tag>>> {
        if self.tags.is_empty() {
            return Ok(None);
        }
        self.tags
            .iter()
            .map(|(k, v)| Tag::builder().key(k).value(v).build().map_err(build_error))
            .collect::<Result<Vec<_>>>()
            .map(Some)
    }
}

/// The key attributes of one index, as UpdateTable wants them defined.
pub(super) fn index_attribute_definitions(index: &IndexSchema) -> Result<Vec<AttributeDefinition>> {
    definitions(index.partition_keys().chain(index.sort_keys()))
}

fn definitions<'k>(
    keys: impl IntoIterator<Item = &'k KeyAttribute>,
) -> Result<Vec<AttributeDefinition>> {
    let mut definitions: Vec<AttributeDefinition> = Vec::new();
    for k in keys {
        if !definitions.iter().any(|d| d.attribute_name == k.name) {
            definitions.push(
                AttributeDefinition::builder()
                    .attribute_name(k.name)
                    .attribute_type(scalar_type(k))
                    .build()
                    .map_err(build_error)?,
            );
        }
    }
    Ok(definitions)
}

/// The key schema of an index.
pub(super) fn index_key_schema(index: &IndexSchema) -> Result<Vec<KeySchemaElement>> {
    let hash = index
        .partition_keys()
        .map(|k| key_element(k.name, KeyType::Hash));
    let range = index
        .sort_keys()
        .map(|k| key_element(k.name, KeyType::Range));
    hash.chain(range).collect()
}

/// Which attributes an index copies, as DynamoDB says it.
pub(super) fn projection(index: &IndexSchema) -> Projection {
    match index.projection {
        IndexProjection::All => Projection::builder()
            .projection_type(ProjectionType::All)
            .build(),
        IndexProjection::KeysOnly => Projection::builder()
            .projection_type(ProjectionType::KeysOnly)
            .build(),
        IndexProjection::Include(attributes) => Projection::builder()
            .projection_type(ProjectionType::Include)
            .set_non_key_attributes(Some(attributes.iter().map(|a| (*a).to_owned()).collect()))
            .build(),
    }
}

/// A global index as CreateTable and UpdateTable take it.
pub(super) fn global_index(
    index: &IndexSchema,
    provisioned: Option<ProvisionedThroughput>,
) -> Result<GlobalSecondaryIndex> {
    GlobalSecondaryIndex::builder()
        .index_name(index.name)
        .set_key_schema(Some(index_key_schema(index)?))
        .projection(projection(index))
        .set_provisioned_throughput(provisioned)
        .build()
        .map_err(build_error)
}
