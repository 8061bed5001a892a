//! CreateTable: a table from a model's schema. Its size on the wire is
//! counted by the table name alone: table management is rare and its bodies
//! small (the schema adds a few hundred bytes at most).

use super::support::*;
use aws_sdk_dynamodb::operation::create_table::{CreateTableInput, CreateTableOutput};

pub(crate) struct CreateTable;

impl Operation for CreateTable {
    type Input = CreateTableInput;
    type Output = CreateTableOutput;

    fn request_size(i: &CreateTableInput) -> usize {
        let mut o = Object::new();
        o.str("TableName", i.table_name.as_deref());
        o.len()
    }

    fn response_size(_: &CreateTableOutput) -> usize {
        Object::new().len()
    }

    async fn send_aws(c: &Client, i: CreateTableInput) -> Result<CreateTableOutput> {
        aws_request(c, i)
            .send()
            .await
            .map_err(|e| map_sdk_error(e, ConditionItem::none))
    }

    #[cfg(feature = "embedded")]
    fn send_embedded(e: &Engine, i: CreateTableInput) -> Result<CreateTableOutput> {
        use crate::transport::embedded_schema::{
            attribute_definitions, describe, key_schema, projection, throughput,
        };
        use dynoxide::types as engine;
        let request = dynoxide::actions::create_table::CreateTableRequest {
            table_name: i.table_name.unwrap_or_default(),
            key_schema: key_schema(i.key_schema.unwrap_or_default()),
            attribute_definitions: attribute_definitions(
                i.attribute_definitions.unwrap_or_default(),
            ),
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
            stream_specification: i.stream_specification.map(|s| {
                dynoxide::actions::create_table::StreamSpecification {
                    stream_enabled: s.stream_enabled,
                    stream_view_type: s.stream_view_type.map(|v| v.as_str().to_owned()),
                }
            }),
            tags: i.tags.map(|v| {
                v.into_iter()
                    .map(|t| engine::Tag {
                        key: t.key,
                        value: t.value,
                    })
                    .collect()
            }),
            sse_specification: i.sse_specification.map(|s| engine::SseSpecification {
                enabled: s.enabled,
                sse_type: s.sse_type.map(|t| t.as_str().to_owned()),
                kms_master_key_id: s.kms_master_key_id,
            }),
            table_class: i.table_class.map(|c| c.as_str().to_owned()),
            deletion_protection_enabled: i.deletion_protection_enabled,
            // not rendered by dynox
            vector_indexes: None,
            on_demand_throughput: None,
        };
        let out = e.engine().create_table(request).map_err(map_error)?;
        Ok(CreateTableOutput::builder()
            .table_description(describe(out.table_description)?)
            .build())
    }
}

/// The input on the SDK's builder, with every member dynox renders (checked
/// by `operation::tests`).
pub(super) fn aws_request(
    c: &Client,
    i: CreateTableInput,
) -> aws_sdk_dynamodb::operation::create_table::builders::CreateTableFluentBuilder {
    c.create_table()
        .set_table_name(i.table_name)
        .set_key_schema(i.key_schema)
        .set_attribute_definitions(i.attribute_definitions)
        .set_global_secondary_indexes(i.global_secondary_indexes)
        .set_local_secondary_indexes(i.local_secondary_indexes)
        .set_billing_mode(i.billing_mode)
        .set_provisioned_throughput(i.provisioned_throughput)
        .set_stream_specification(i.stream_specification)
        .set_tags(i.tags)
        .set_sse_specification(i.sse_specification)
        .set_table_class(i.table_class)
        .set_deletion_protection_enabled(i.deletion_protection_enabled)
}
