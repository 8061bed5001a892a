//! UpdateTable: add or remove a global index, change the billing mode or
//! the stream. Sized by the table name alone, as CreateTable is.

use super::support::*;
use aws_sdk_dynamodb::operation::update_table::{UpdateTableInput, UpdateTableOutput};

pub(crate) struct UpdateTable;

impl Operation for UpdateTable {
    type Input = UpdateTableInput;
    type Output = UpdateTableOutput;

    fn request_size(i: &UpdateTableInput) -> usize {
        let mut o = Object::new();
        o.str("TableName", i.table_name.as_deref());
        o.len()
    }

    fn response_size(_: &UpdateTableOutput) -> usize {
        Object::new().len()
    }

    async fn send_aws(c: &Client, i: UpdateTableInput) -> Result<UpdateTableOutput> {
        aws_request(c, i)
            .send()
            .await
            .map_err(|e| map_sdk_error(e, ConditionItem::none))
    }

    #[cfg(feature = "embedded")]
    fn send_embedded(e: &Engine, i: UpdateTableInput) -> Result<UpdateTableOutput> {
        use crate::transport::embedded_schema::{
            attribute_definitions, describe, key_schema, projection,
        };
        use dynoxide::actions::update_table as ut;
        let index_updates = i.global_secondary_index_updates.map(|v| {
            v.into_iter()
                .map(|u| ut::GlobalSecondaryIndexUpdate {
                    update: u.update.map(|x| ut::UpdateGsiAction {
                        index_name: x.index_name,
                        provisioned_throughput: x.provisioned_throughput.map(|p| {
                            dynoxide::types::ProvisionedThroughput {
                                read_capacity_units: Some(p.read_capacity_units),
                                write_capacity_units: Some(p.write_capacity_units),
                            }
                        }),
                    }),
                    // the engine keeps no throughput per index: on demand
                    // and provisioned indexes work the same there
                    create: u.create.map(|x| ut::CreateGsiAction {
                        index_name: x.index_name,
                        key_schema: key_schema(x.key_schema),
                        projection: x.projection.map(projection).unwrap_or_default(),
                    }),
                    delete: u.delete.map(|x| ut::DeleteGsiAction {
                        index_name: x.index_name,
                    }),
                })
                .collect()
        });
        let request = ut::UpdateTableRequest {
            table_name: i.table_name.unwrap_or_default(),
            attribute_definitions: i.attribute_definitions.map(attribute_definitions),
            global_secondary_index_updates: index_updates,
            stream_specification: i.stream_specification.map(|s| {
                dynoxide::actions::create_table::StreamSpecification {
                    stream_enabled: s.stream_enabled,
                    stream_view_type: s.stream_view_type.map(|v| v.as_str().to_owned()),
                }
            }),
            provisioned_throughput: i.provisioned_throughput.map(|p| {
                serde_json::json!({
                    "ReadCapacityUnits": p.read_capacity_units,
                    "WriteCapacityUnits": p.write_capacity_units,
                })
            }),
            billing_mode: i.billing_mode.map(|b| b.as_str().to_owned()),
            table_class: i.table_class.map(|c| c.as_str().to_owned()),
            deletion_protection_enabled: i.deletion_protection_enabled,
            // not rendered by dynox
            vector_index_updates: None,
            on_demand_throughput: None,
        };
        let out = e.engine().update_table(request).map_err(map_error)?;
        Ok(UpdateTableOutput::builder()
            .table_description(describe(out.table_description)?)
            .build())
    }
}

/// The input on the SDK's builder, with every member dynox renders (checked
/// by `operation::tests`).
pub(super) fn aws_request(
    c: &Client,
    i: UpdateTableInput,
) -> aws_sdk_dynamodb::operation::update_table::builders::UpdateTableFluentBuilder {
    c.update_table()
        .set_table_name(i.table_name)
        .set_attribute_definitions(i.attribute_definitions)
        .set_global_secondary_index_updates(i.global_secondary_index_updates)
        .set_stream_specification(i.stream_specification)
        .set_provisioned_throughput(i.provisioned_throughput)
        .set_billing_mode(i.billing_mode)
        .set_table_class(i.table_class)
        .set_deletion_protection_enabled(i.deletion_protection_enabled)
}
