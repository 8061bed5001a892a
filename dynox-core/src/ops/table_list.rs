//! `db.list_tables()`: every table name the client can see, page after page.

use super::table::build_error;
use super::OpFuture;
use crate::transport::Request;
use crate::{Dynox, Error};
use aws_sdk_dynamodb::operation::list_tables::{ListTablesInput, ListTablesOutput};

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
