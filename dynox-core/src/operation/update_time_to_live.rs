//! UpdateTimeToLive: turns expiry on for the model's TTL attribute.

use super::support::*;
use aws_sdk_dynamodb::operation::update_time_to_live::{
    UpdateTimeToLiveInput, UpdateTimeToLiveOutput,
};

pub(crate) struct UpdateTimeToLive;

impl Operation for UpdateTimeToLive {
    type Input = UpdateTimeToLiveInput;
    type Output = UpdateTimeToLiveOutput;

    fn request_size(i: &UpdateTimeToLiveInput) -> usize {
        let mut o = Object::new();
        o.str("TableName", i.table_name.as_deref());
        o.len()
    }

    fn response_size(_: &UpdateTimeToLiveOutput) -> usize {
        Object::new().len()
    }

    async fn send_aws(c: &Client, i: UpdateTimeToLiveInput) -> Result<UpdateTimeToLiveOutput> {
        aws_request(c, i)
            .send()
            .await
            .map_err(|e| map_sdk_error(e, ConditionItem::none))
    }

    #[cfg(feature = "embedded")]
    fn send_embedded(e: &Engine, i: UpdateTimeToLiveInput) -> Result<UpdateTimeToLiveOutput> {
        use dynoxide::actions::update_time_to_live as ttl;
        let spec = i
            .time_to_live_specification
            .ok_or_else(|| Error::Validation {
                message: "TimeToLiveSpecification is required".to_owned(),
            })?;
        let out = e
            .engine()
            .update_time_to_live(ttl::UpdateTimeToLiveRequest {
                table_name: i.table_name.unwrap_or_default(),
                time_to_live_specification: ttl::TimeToLiveSpecification {
                    attribute_name: spec.attribute_name,
                    enabled: spec.enabled,
                },
            })
            .map_err(map_error)?;
        let spec = out.time_to_live_specification;
        Ok(UpdateTimeToLiveOutput::builder()
            .time_to_live_specification(
                sdk::TimeToLiveSpecification::builder()
                    .attribute_name(spec.attribute_name)
                    .enabled(spec.enabled)
                    .build()
                    .map_err(crate::transport::embedded_schema::build_error)?,
            )
            .build())
    }
}

/// The input on the SDK's builder, with every member dynox renders (checked
/// by `operation::tests`).
pub(super) fn aws_request(
    c: &Client,
    i: UpdateTimeToLiveInput,
) -> aws_sdk_dynamodb::operation::update_time_to_live::builders::UpdateTimeToLiveFluentBuilder {
    c.update_time_to_live()
        .set_table_name(i.table_name)
        .set_time_to_live_specification(i.time_to_live_specification)
}
