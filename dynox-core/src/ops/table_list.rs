//! Listings: `db.list_tables()`, every table name the client can see, and
//! `Model::table_tags(&db)`, a table's tags; each page after page.

use super::table::{build_error, describe};
use super::OpFuture;
use crate::transport::Request;
use crate::{DynoModel, Dynox, Error};
use aws_sdk_dynamodb::operation::list_tables::{ListTablesInput, ListTablesOutput};
use aws_sdk_dynamodb::operation::list_tags_of_resource::{
    ListTagsOfResourceInput, ListTagsOfResourceOutput,
};
use std::collections::BTreeMap;

impl Dynox {
    /// The names of every table in the client's account and region (or
    /// embedded database), in DynamoDB's order, all pages of ListTables.
    /// Names are as stored, table prefixes included.
    pub fn list_tables(&self) -> OpFuture<'_, Vec<String>> {
        Box::pin(async move {
            let mut names = Vec::new();
            let mut start: Option<String> = None;
            loop {
                let input = ListTablesInput::builder()
                    .set_exclusive_start_table_name(start.clone())
                    .build()
                    .map_err(build_error)?;
                let out: ListTablesOutput = self.send("", Request::ListTables(input)).await?;
                names.extend(out.table_names.unwrap_or_default());
                match out.last_evaluated_table_name {
                    Some(next) if Some(&next) == start.as_ref() => {
                        return Err(Error::Refused {
                            message: "ListTables returned the page's own start as LastEvaluatedTableName; stopping instead of looping".to_owned(),
                        })
                    }
                    Some(next) => start = Some(next),
                    None => return Ok(names),
                }
            }
        })
    }
}

/// A model's table's tags, by key.
pub(crate) fn table_tags<M: DynoModel>(db: &Dynox) -> OpFuture<'_, BTreeMap<String, String>> {
    Box::pin(async move {
        let table = db.table_name::<M>();
        let arn = describe(db, &table)
            .await?
            .table_arn
            .ok_or_else(|| Error::ResourceNotFound {
                message: format!("DescribeTable gave no ARN for {table}"),
            })?;
        let mut tags = BTreeMap::new();
        let mut next: Option<String> = None;
        loop {
            let input = ListTagsOfResourceInput::builder()
                .resource_arn(arn.as_str())
                .set_next_token(next.clone())
                .build()
                .map_err(build_error)?;
            let out: ListTagsOfResourceOutput =
                db.send(&table, Request::ListTagsOfResource(input)).await?;
            tags.extend(
                out.tags
                    .unwrap_or_default()
                    .into_iter()
                    .map(|t| (t.key, t.value)),
            );
            match out.next_token {
                Some(token) if Some(&token) == next.as_ref() => {
                    return Err(Error::Refused {
                        message: "ListTagsOfResource returned the page's own NextToken; stopping instead of looping".to_owned(),
                    })
                }
                Some(token) => next = Some(token),
                None => return Ok(tags),
            }
        }
    })
}
