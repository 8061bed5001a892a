//! ExecuteTransaction: `db.transact_statements().statement(s1).statement(s2).await`.

use super::Partiql;
use crate::transport::Request;
use crate::{Dynox, Item, Result};
use aws_sdk_dynamodb::operation::execute_transaction::{
    ExecuteTransactionInput, ExecuteTransactionOutput,
};
use aws_sdk_dynamodb::types::{ParameterizedStatement, ReturnConsumedCapacity};
use std::future::IntoFuture;

/// The most statements one ExecuteTransaction takes (DynamoDB's limit).
pub const MAX_TRANSACTION_STATEMENTS: usize = 100;

/// Up to 100 PartiQL statements that all happen or none does
/// (ExecuteTransaction), all reads or all writes. Awaiting gives the row
/// each `SELECT` found, in order (`None` for writes); a statement whose
/// condition fails cancels them all with
/// [`Error::TransactionCanceled`](crate::Error::TransactionCanceled), one
/// reason per statement.
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
/// let table = db.table_name::<Order>();
/// let insert = format!(r#"INSERT INTO "{table}" VALUE {{'customer': ?, 'id': ?, 'total': ?}}"#);
/// db.transact_statements()
///     .statement(Partiql::new(&insert).bind("c1").bind("o1").bind(5u32))
///     .statement(Partiql::new(&insert).bind("c1").bind("o2").bind(7u32))
///     .await?;
/// let n = db.statement(format!(r#"SELECT * FROM "{table}" WHERE customer = ?"#)).bind("c1").count().await?;
/// assert_eq!(n, 2);
/// # Ok(())
/// # }
/// ```
#[must_use = "a transaction does nothing until awaited"]
#[derive(Debug)]
pub struct TransactStatements<'a> {
    db: &'a Dynox,
    statements: Vec<Partiql>,
    token: Option<String>,
}

impl Dynox {
    /// A transaction of PartiQL statements. See [`TransactStatements`].
    pub fn transact_statements(&self) -> TransactStatements<'_> {
        TransactStatements {
            db: self,
            statements: Vec::new(),
            token: None,
        }
    }
}

impl<'a> TransactStatements<'a> {
    /// Adds a statement.
    pub fn statement(mut self, statement: Partiql) -> Self {
        self.statements.push(statement);
        self
    }

    /// Makes the transaction idempotent for ten minutes: a retry with the
    /// same token and statements does not apply them twice.
    pub fn idempotency_token(mut self, token: impl Into<String>) -> Self {
        self.token = Some(token.into());
        self
    }

    async fn run(self) -> Result<Vec<Option<Item>>> {
        let Some(label) =
            super::label_within(&self.statements, MAX_TRANSACTION_STATEMENTS, "transaction")?
        else {
            return Ok(Vec::new());
        };
        let members = self
            .statements
            .into_iter()
            .map(|s| {
                ParameterizedStatement::builder()
                    .statement(s.text)
                    .set_parameters((!s.parameters.is_empty()).then_some(s.parameters))
                    .build()
                    .map_err(crate::ops::build_error)
            })
            .collect::<Result<Vec<_>>>()?;
        let input = ExecuteTransactionInput::builder()
            .set_transact_statements(Some(members))
            .set_client_request_token(self.token)
            .return_consumed_capacity(ReturnConsumedCapacity::Total)
            .build()
            .map_err(crate::ops::build_error)?;
        let output: ExecuteTransactionOutput = self
            .db
            .send(&label, Request::ExecuteTransaction(input))
            .await?;
        Ok(output
            .responses
            .unwrap_or_default()
            .into_iter()
            .map(|r| r.item)
            .collect())
    }
}

impl<'a> IntoFuture for TransactStatements<'a> {
    type Output = Result<Vec<Option<Item>>>;
    type IntoFuture = crate::ops::OpFuture<'a, Vec<Option<Item>>>;
    fn into_future(self) -> Self::IntoFuture {
        Box::pin(self.run())
    }
}
