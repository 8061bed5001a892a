//! Table schemas between the SDK and the embedded engine: key schemas,
//! projections and throughput to the engine, table descriptions (with
//! their projections, throughput and stream) back.

use crate::{Error, Result};
use aws_sdk_dynamodb::types as sdk;
use dynoxide::actions;
use dynoxide::types as engine;

pub(crate) fn key_schema(elements: Vec<sdk::KeySchemaElement>) -> Vec<engine::KeySchemaElement> {
    elements
        .into_iter()
        .map(|e| engine::KeySchemaElement {
            attribute_name: e.attribute_name,
            key_type: match e.key_type {
                sdk::KeyType::Range => engine::KeyType::RANGE,
                _ => engine::KeyType::HASH,
            },
        })
        .collect()
}

pub(crate) fn attribute_definitions(
    definitions: Vec<sdk::AttributeDefinition>,
) -> Vec<engine::AttributeDefinition> {
    definitions
        .into_iter()
        .map(|d| engine::AttributeDefinition {
            attribute_name: d.attribute_name,
            attribute_type: match d.attribute_type {
                sdk::ScalarAttributeType::N => engine::ScalarAttributeType::N,
                sdk::ScalarAttributeType::B => engine::ScalarAttributeType::B,
                _ => engine::ScalarAttributeType::S,
            },
        })
        .collect()
}

pub(crate) fn projection(p: sdk::Projection) -> engine::Projection {
    engine::Projection {
        projection_type: p.projection_type.map(|t| match t {
            sdk::ProjectionType::KeysOnly => engine::ProjectionType::KEYS_ONLY,
            sdk::ProjectionType::Include => engine::ProjectionType::INCLUDE,
            _ => engine::ProjectionType::ALL,
        }),
        non_key_attributes: p.non_key_attributes,
    }
}

pub(crate) fn throughput(
    p: Option<sdk::ProvisionedThroughput>,
) -> Option<engine::ProvisionedThroughput> {
    p.map(|p| engine::ProvisionedThroughput {
        read_capacity_units: Some(p.read_capacity_units),
        write_capacity_units: Some(p.write_capacity_units),
    })
}

pub(crate) fn build_error(e: aws_sdk_dynamodb::error::BuildError) -> Error {
    Error::backend("EmbeddedEngineError", e)
}

fn sdk_key_schema(elements: Vec<engine::KeySchemaElement>) -> Result<Vec<sdk::KeySchemaElement>> {
    elements
        .into_iter()
        .map(|e| {
            sdk::KeySchemaElement::builder()
                .attribute_name(e.attribute_name)
                .key_type(match e.key_type {
                    engine::KeyType::RANGE => sdk::KeyType::Range,
                    engine::KeyType::HASH => sdk::KeyType::Hash,
                })
                .build()
                .map_err(build_error)
        })
        .collect()
}

/// The parts of a table description dynox reads: name, status, keys,
/// attribute types, sizes and indexes.
pub(crate) fn describe(t: actions::TableDescription) -> Result<sdk::TableDescription> {
    let attribute_definitions = t
        .attribute_definitions
        .into_iter()
        .map(|d| {
            sdk::AttributeDefinition::builder()
                .attribute_name(d.attribute_name)
                .attribute_type(match d.attribute_type {
                    engine::ScalarAttributeType::N => sdk::ScalarAttributeType::N,
                    engine::ScalarAttributeType::B => sdk::ScalarAttributeType::B,
                    engine::ScalarAttributeType::S => sdk::ScalarAttributeType::S,
                })
                .build()
                .map_err(build_error)
        })
        .collect::<Result<Vec<_>>>()?;
    let gsis = match t.global_secondary_indexes {
        Some(v) => Some(
            v.into_iter()
                .map(|g| {
                    Ok(sdk::GlobalSecondaryIndexDescription::builder()
                        .index_name(g.index_name)
                        .index_arn(g.index_arn)
                        .index_status(sdk::IndexStatus::from(g.index_status.as_str()))
                        .set_key_schema(Some(sdk_key_schema(g.key_schema)?))
                        .projection(sdk_projection(g.projection))
                        .set_provisioned_throughput(g.provisioned_throughput.map(sdk_throughput))
                        .set_item_count(g.item_count)
                        .set_index_size_bytes(g.index_size_bytes)
                        .build())
                })
                .collect::<Result<Vec<_>>>()?,
        ),
        None => None,
    };
    let lsis = match t.local_secondary_indexes {
        Some(v) => Some(
            v.into_iter()
                .map(|l| {
                    Ok(sdk::LocalSecondaryIndexDescription::builder()
                        .index_name(l.index_name)
                        .index_arn(l.index_arn)
                        .set_key_schema(Some(sdk_key_schema(l.key_schema)?))
                        .projection(sdk_projection(l.projection))
                        .set_item_count(l.item_count)
                        .set_index_size_bytes(l.index_size_bytes)
                        .build())
                })
                .collect::<Result<Vec<_>>>()?,
        ),
        None => None,
    };
    Ok(sdk::TableDescription::builder()
        .table_name(t.table_name)
        .table_arn(t.table_arn)
        .table_status(sdk::TableStatus::from(t.table_status.as_str()))
        .set_key_schema(Some(sdk_key_schema(t.key_schema)?))
        .set_attribute_definitions(Some(attribute_definitions))
        .set_item_count(t.item_count)
        .set_table_size_bytes(t.table_size_bytes)
        .set_billing_mode_summary(t.billing_mode_summary.map(|b| {
            sdk::BillingModeSummary::builder()
                .billing_mode(sdk::BillingMode::from(b.billing_mode.as_str()))
                .build()
        }))
        .set_provisioned_throughput(t.provisioned_throughput.map(sdk_throughput))
        .set_global_secondary_indexes(gsis)
        .set_local_secondary_indexes(lsis)
        .set_stream_specification(
            t.stream_specification
                .map(|s| {
                    sdk::StreamSpecification::builder()
                        .stream_enabled(s.stream_enabled)
                        .set_stream_view_type(
                            s.stream_view_type
                                .map(|v| sdk::StreamViewType::from(v.as_str())),
                        )
                        .build()
                        .map_err(build_error)
                })
                .transpose()?,
        )
        .set_latest_stream_arn(t.latest_stream_arn)
        .set_latest_stream_label(t.latest_stream_label)
        .set_table_class_summary(t.table_class_summary.map(|c| {
            sdk::TableClassSummary::builder()
                .table_class(sdk::TableClass::from(c.table_class.as_str()))
                .build()
        }))
        .set_deletion_protection_enabled(t.deletion_protection_enabled)
        .build())
}

/// An index's projection as the SDK describes it.
fn sdk_projection(p: engine::Projection) -> sdk::Projection {
    sdk::Projection::builder()
        .set_projection_type(p.projection_type.map(|t| match t {
            engine::ProjectionType::KEYS_ONLY => sdk::ProjectionType::KeysOnly,
            engine::ProjectionType::INCLUDE => sdk::ProjectionType::Include,
            engine::ProjectionType::ALL => sdk::ProjectionType::All,
        }))
        .set_non_key_attributes(p.non_key_attributes)
        .build()
}

fn sdk_throughput(
    p: actions::TableProvisionedThroughputDescription,
) -> sdk::ProvisionedThroughputDescription {
    // the engine counts in u64; DynamoDB's limits are far below i64::MAX
    let units = |n: u64| i64::try_from(n).unwrap_or(i64::MAX);
    sdk::ProvisionedThroughputDescription::builder()
        .read_capacity_units(units(p.read_capacity_units))
        .write_capacity_units(units(p.write_capacity_units))
        .number_of_decreases_today(units(p.number_of_decreases_today))
        .build()
}
