//! Table management on the embedded engine: SDK inputs to engine requests,
//! engine table descriptions back to the SDK's shape.

use super::embedded_convert::map_error;
use crate::{Error, Result};
use aws_sdk_dynamodb::operation as op;
use aws_sdk_dynamodb::types as sdk;
use dynoxide::actions;
use dynoxide::types as engine;

fn key_schema(elements: Vec<sdk::KeySchemaElement>) -> Vec<engine::KeySchemaElement> {
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

fn projection(p: sdk::Projection) -> engine::Projection {
    engine::Projection {
        projection_type: p.projection_type.map(|t| match t {
            sdk::ProjectionType::KeysOnly => engine::ProjectionType::KEYS_ONLY,
            sdk::ProjectionType::Include => engine::ProjectionType::INCLUDE,
            _ => engine::ProjectionType::ALL,
        }),
        non_key_attributes: p.non_key_attributes,
    }
}

fn throughput(p: Option<sdk::ProvisionedThroughput>) -> Option<engine::ProvisionedThroughput> {
    p.map(|p| engine::ProvisionedThroughput {
        read_capacity_units: Some(p.read_capacity_units),
        write_capacity_units: Some(p.write_capacity_units),
    })
}

pub(super) fn create_table(
    db: &dynoxide::Database,
    i: op::create_table::CreateTableInput,
) -> Result<op::create_table::CreateTableOutput> {
    let request = actions::create_table::CreateTableRequest {
        table_name: i.table_name.unwrap_or_default(),
        key_schema: key_schema(i.key_schema.unwrap_or_default()),
        attribute_definitions: i
            .attribute_definitions
            .unwrap_or_default()
            .into_iter()
            .map(|d| engine::AttributeDefinition {
                attribute_name: d.attribute_name,
                attribute_type: match d.attribute_type {
                    sdk::ScalarAttributeType::N => engine::ScalarAttributeType::N,
                    sdk::ScalarAttributeType::B => engine::ScalarAttributeType::B,
                    _ => engine::ScalarAttributeType::S,
                },
            })
            .collect(),
        global_secondary_indexes: i.global_secondary_indexes.map(|v| {
            v.into_iter()
                .map(|g| engine::GlobalSecondaryIndex {
                    index_name: g.index_name,
                    key_schema: key_schema(g.key_schema),
                    projection: g.projection.map(projection).unwrap_or_default(),
                    provisioned_throughput: throughput(g.provisioned_throughput),
                })
                .collect()
        }),
        local_secondary_indexes: i.local_secondary_indexes.map(|v| {
            v.into_iter()
                .map(|l| engine::LocalSecondaryIndex {
                    index_name: l.index_name,
                    key_schema: key_schema(l.key_schema),
                    projection: l.projection.map(projection).unwrap_or_default(),
                })
                .collect()
        }),
        billing_mode: i.billing_mode.map(|b| b.as_str().to_owned()),
        provisioned_throughput: throughput(i.provisioned_throughput),
        ..Default::default()
    };
    let out = db.create_table(request).map_err(map_error)?;
    Ok(op::create_table::CreateTableOutput::builder()
        .table_description(describe(out.table_description)?)
        .build())
}

pub(super) fn describe_table(
    db: &dynoxide::Database,
    i: op::describe_table::DescribeTableInput,
) -> Result<op::describe_table::DescribeTableOutput> {
    let out = db
        .describe_table(actions::describe_table::DescribeTableRequest {
            table_name: i.table_name.unwrap_or_default(),
        })
        .map_err(map_error)?;
    Ok(op::describe_table::DescribeTableOutput::builder()
        .table(describe(out.table)?)
        .build())
}

pub(super) fn delete_table(
    db: &dynoxide::Database,
    i: op::delete_table::DeleteTableInput,
) -> Result<op::delete_table::DeleteTableOutput> {
    let out = db
        .delete_table(actions::delete_table::DeleteTableRequest {
            table_name: i.table_name.unwrap_or_default(),
        })
        .map_err(map_error)?;
    Ok(op::delete_table::DeleteTableOutput::builder()
        .table_description(describe(out.table_description)?)
        .build())
}

pub(super) fn update_ttl(
    db: &dynoxide::Database,
    i: op::update_time_to_live::UpdateTimeToLiveInput,
) -> Result<op::update_time_to_live::UpdateTimeToLiveOutput> {
    let spec = i
        .time_to_live_specification
        .ok_or_else(|| Error::Validation {
            message: "TimeToLiveSpecification is required".to_owned(),
        })?;
    let out = db
        .update_time_to_live(actions::update_time_to_live::UpdateTimeToLiveRequest {
            table_name: i.table_name.unwrap_or_default(),
            time_to_live_specification: actions::update_time_to_live::TimeToLiveSpecification {
                attribute_name: spec.attribute_name,
                enabled: spec.enabled,
            },
        })
        .map_err(map_error)?;
    let spec = out.time_to_live_specification;
    Ok(op::update_time_to_live::UpdateTimeToLiveOutput::builder()
        .time_to_live_specification(
            sdk::TimeToLiveSpecification::builder()
                .attribute_name(spec.attribute_name)
                .enabled(spec.enabled)
                .build()
                .map_err(build_error)?,
        )
        .build())
}

fn build_error(e: aws_sdk_dynamodb::error::BuildError) -> Error {
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
fn describe(t: actions::TableDescription) -> Result<sdk::TableDescription> {
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
                        .index_status(sdk::IndexStatus::from(g.index_status.as_str()))
                        .set_key_schema(Some(sdk_key_schema(g.key_schema)?))
                        .set_item_count(g.item_count)
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
                        .set_key_schema(Some(sdk_key_schema(l.key_schema)?))
                        .set_item_count(l.item_count)
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
        .set_global_secondary_indexes(gsis)
        .set_local_secondary_indexes(lsis)
        .build())
}
