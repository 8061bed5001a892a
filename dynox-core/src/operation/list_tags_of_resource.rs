//! ListTagsOfResource: a table's tags.

use super::support::*;
use aws_sdk_dynamodb::operation::list_tags_of_resource::{
    ListTagsOfResourceInput, ListTagsOfResourceOutput,
};

pub(crate) struct ListTagsOfResource;

fn tag(t: &sdk::Tag) -> usize {
    let mut o = Object::new();
    o.field("Key", string_len(&t.key))
        .field("Value", string_len(&t.value));
    o.len()
}

impl Operation for ListTagsOfResource {
    type Input = ListTagsOfResourceInput;
    type Output = ListTagsOfResourceOutput;

    fn request_size(i: &ListTagsOfResourceInput) -> usize {
        let mut o = Object::new();
        o.str("ResourceArn", i.resource_arn.as_deref())
            .str("NextToken", i.next_token.as_deref());
        o.len()
    }

    fn response_size(x: &ListTagsOfResourceOutput) -> usize {
        let mut o = Object::new();
        o.opt("Tags", x.tags.as_deref(), |v| array(v.iter().map(tag)))
            .str("NextToken", x.next_token.as_deref());
        o.len()
    }

    async fn send_aws(c: &Client, i: ListTagsOfResourceInput) -> Result<ListTagsOfResourceOutput> {
        aws_request(c, i)
            .send()
            .await
            .map_err(|e| map_sdk_error(e, ConditionItem::none))
    }

    #[cfg(feature = "embedded")]
    fn send_embedded(e: &Engine, i: ListTagsOfResourceInput) -> Result<ListTagsOfResourceOutput> {
        // the engine answers in one page: `NextToken` has nothing to continue
        let out = e
            .engine()
            .list_tags_of_resource(
                dynoxide::actions::list_tags_of_resource::ListTagsOfResourceRequest {
                    resource_arn: i.resource_arn,
                },
            )
            .map_err(map_error)?;
        let tags = out
            .tags
            .into_iter()
            .map(|t| sdk::Tag::builder().key(t.key).value(t.value).build())
            .collect::<std::result::Result<Vec<_>, _>>()
            .map_err(|e| crate::Error::backend("EmbeddedEngineError", e))?;
        Ok(ListTagsOfResourceOutput::builder()
            .set_tags(Some(tags))
            .build())
    }
}

/// The input on the SDK's builder, with every member dynox renders (checked
/// by `operation::tests`).
pub(super) fn aws_request(
    c: &Client,
    i: ListTagsOfResourceInput,
) -> aws_sdk_dynamodb::operation::list_tags_of_resource::builders::ListTagsOfResourceFluentBuilder {
    c.list_tags_of_resource()
        .set_resource_arn(i.resource_arn)
        .set_next_token(i.next_token)
}
