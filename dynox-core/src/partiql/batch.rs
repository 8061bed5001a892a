//! BatchExecuteStatement: `db.batch_statements().statement(s1).statement(s2).await`.

use super::Partiql;
use crate::transport::Request;
use crate::{Dynox, Error, Item, Result};
use aws_sdk_dynamodb::operation::batch_execute_statement::{
    BatchExecuteStatementInput, BatchExecuteStatementOutput,
};
use aws_sdk_dynamodb::types::{BatchStatementError, BatchStatementRequest, ReturnConsumedCapacity};
use std::future::IntoFuture;

/// The most statements one BatchExecuteStatement takes (DynamoDB's limit).
pub const MAX_BATCH_STATEMENTS: usize = 25;

/// Up to 25 PartiQL statements in one request (BatchExecuteStatement), all
/// reads (`SELECT` by full key) or all writes, each on a different item
/// (DynamoDB refuses the whole batch otherwise). Each succeeds or fails on its
/// own: awaiting gives one outcome per statement, in order, `Ok` with the
/// row a `SELECT` found (`None` for a write or a missing item) or the error
/// of that statement alone, mapped as a single request's would be
/// (a failed condition is
/// [`Error::ConditionalCheckFailed`](crate::Error::ConditionalCheckFailed)).
///
/// ```
/// # use dynox_core::prelude::*;
/// # use dynox_core::partiql::Partiql;
/// # #[derive(DynoModel, Debug, Clone, PartialEq)]
/// # #[dyno(table = "orders")]
/// # pub struct Order { #[dyno(partition_key)] pub customer: String, #[dyno(sort_key)] pub id: String, pub total: u32 }
/// # #[tokio::main(flavor = "current_thread")]
/// # async fn main() -> dynox_core::Result<()> {
/// # let db = Dynox::memory_with::<(Order,)>();
/// let insert = format!(r#"INSERT INTO "{}" VALUE {{'customer': ?, 'id': ?, 'total': ?}}"#, db.table_name::<Order>());
/// db.run_statement(Partiql::new(&insert).bind("c1").bind("o1").bind(5u32)).await?;
/// let outcomes = db
///     .batch_statements()
///     .statement(Partiql::new(&insert).bind("c1").bind("o1").bind(6u32))
///     .statement(Partiql::new(&insert).bind("c1").bind("o2").bind(7u32))
///     .await?;
/// assert!(outcomes[0].is_err(), "o1 exists: a duplicate, for this statement alone");
/// assert!(outcomes[1].is_ok());
/// # Ok(())
/// # }
/// ```
#[must_use = "a batch does nothing until awaited"]
#[derive(Debug)]
pub struct BatchStatements<'a> {
    db: &'a Dynox,
    statements: Vec<Partiql>,
    consistent_read: bool,
}

impl Dynox {
    /// A batch of PartiQL statements. See [`BatchStatements`].
    pub fn batch_statements(&self) -> BatchStatements<'_> {
        BatchStatements {
            db: self,
            statements: Vec::new(),
            consistent_read: false,
        }
    }
}

impl<'a> BatchStatements<'a> {
    /// Adds a statement.
    pub fn statement(mut self, statement: Partiql) -> Self {
        self.statements.push(statement);
        self
    }

    /// Strongly consistent reads for every `SELECT` of the batch.
    pub fn consistent_read(mut self, consistent: bool) -> Self {
        self.consistent_read = consistent;
        self
    }

    async fn run(self) -> Result<Vec<Result<Option<Item>>>> {
        let Some(label) = super::label_within(&self.statements, MAX_BATCH_STATEMENTS, "batch")?
        else {
            return Ok(Vec::new());
        };
        let members = self
            .statements
            .into_iter()
            .map(|s| {
                BatchStatementRequest::builder()
                    .statement(s.text)
                    .set_parameters((!s.parameters.is_empty()).then_some(s.parameters))
                    .set_consistent_read(self.consistent_read.then_some(true))
                    .build()
                    .map_err(crate::ops::build_error)
            })
            .collect::<Result<Vec<_>>>()?;
        let expected = members.len();
        let input = BatchExecuteStatementInput::builder()
            .set_statements(Some(members))
            .return_consumed_capacity(ReturnConsumedCapacity::Total)
            .build()
            .map_err(crate::ops::build_error)?;
        let output: BatchExecuteStatementOutput = self
            .db
            .send(&label, Request::BatchExecuteStatement(input))
            .await?;
        let responses = output.responses.unwrap_or_default();
        if responses.len() != expected {
            return Err(Error::backend(
                "MismatchedResponse",
                format!(
                    "{expected} statements were sent and {} outcomes came back",
                    responses.len()
                ),
            ));
        }
        Ok(responses
            .into_iter()
            .map(|r| match r.error {
                Some(e) => Err(statement_error(e)),
                None => Ok(r.item),
            })
            .collect())
    }
}

/// A statement's own error, as the same error of a single request maps.
fn statement_error(e: BatchStatementError) -> Error {
    let message = e.message.unwrap_or_default();
    let code = e.code.as_ref().map_or("", |c| c.as_str()).to_owned();
    match code.as_str() {
        "ConditionalCheckFailed" => Error::ConditionalCheckFailed {
            item: e.item.map(Box::new),
        },
        "ValidationError" => Error::Validation { message },
        "ResourceNotFound" => Error::ResourceNotFound { message },
        "ProvisionedThroughputExceeded" | "ThrottlingError" | "RequestLimitExceeded" => {
            Error::Throttled { message }
        }
        // DynamoDB's single-request codes end in `Exception`; so does this
        _ => Error::backend(format!("{code}Exception"), message),
    }
}

impl<'a> IntoFuture for BatchStatements<'a> {
    type Output = Result<Vec<Result<Option<Item>>>>;
    type IntoFuture = crate::ops::OpFuture<'a, Vec<Result<Option<Item>>>>;
    fn into_future(self) -> Self::IntoFuture {
        Box::pin(self.run())
    }
}
