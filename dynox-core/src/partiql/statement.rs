//! ExecuteStatement: `db.statement("SELECT ...").bind(v).all().await`.

use super::{Parameter, Partiql};
use crate::ops::Projection;
use crate::transport::Request;
use crate::{DynoModel, Dynox, Error, Item, Result, Tracked};
use aws_sdk_dynamodb::operation::execute_statement::{
    ExecuteStatementInput, ExecuteStatementOutput,
};
use aws_sdk_dynamodb::types::ReturnConsumedCapacity;
use futures::stream::BoxStream;
use futures::TryStreamExt;
use std::collections::VecDeque;
use std::future::IntoFuture;

/// One PartiQL statement (ExecuteStatement). Awaiting it runs it and returns
/// every row of every page; [`page`](Self::page) and
/// [`stream`](Self::stream) read a page or a row at a time. Rows are
/// [`Item`]s unless [`model`](Self::model) or [`project`](Self::project)
/// says what they are; a row that does not fit is
/// [`Error::Deserialize`](crate::Error::Deserialize).
///
/// A failed condition of an `UPDATE` or `DELETE` is
/// [`Error::ConditionalCheckFailed`](crate::Error::ConditionalCheckFailed),
/// an `INSERT` of an existing key a backend error with the code
/// `DuplicateItemException`, a statement DynamoDB cannot run
/// [`Error::Validation`](crate::Error::Validation) with DynamoDB's message.
#[must_use = "a statement does nothing until awaited"]
pub struct ExecuteStatement<'a, O = Item> {
    db: &'a Dynox,
    statement: Partiql,
    consistent_read: bool,
    limit: Option<i32>,
    start: Option<String>,
    decode: fn(Item) -> Result<O>,
    /// The model rows are read as, to open their encrypted attributes.
    schema: Option<&'static crate::model::TableSchema>,
}

impl<O> std::fmt::Debug for ExecuteStatement<'_, O> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ExecuteStatement")
            .field("statement", &self.statement)
            .field("consistent_read", &self.consistent_read)
            .field("limit", &self.limit)
            .finish_non_exhaustive()
    }
}

/// One page of a statement's rows and where the next one starts.
#[derive(Debug)]
pub struct StatementPage<T> {
    /// The page's rows.
    pub items: Vec<T>,
    /// DynamoDB's `NextToken`, or `None` when this was the last page; give
    /// it to [`ExecuteStatement::start_after`] to read on.
    pub next_token: Option<String>,
}

impl Dynox {
    /// A PartiQL statement; bind its `?` placeholders with
    /// [`bind`](ExecuteStatement::bind). See [`ExecuteStatement`] and the
    /// [`partiql`](crate::partiql) module.
    pub fn statement(&self, text: impl Into<String>) -> ExecuteStatement<'_> {
        self.run_statement(Partiql::new(text))
    }

    /// A statement built beforehand, with its values bound.
    pub fn run_statement(&self, statement: Partiql) -> ExecuteStatement<'_> {
        ExecuteStatement {
            db: self,
            statement,
            consistent_read: false,
            limit: None,
            start: None,
            decode: Ok,
            schema: None,
        }
    }
}

impl<'a, O: Send + 'a> ExecuteStatement<'a, O> {
    /// Binds the next `?` to `value`.
    pub fn bind(mut self, value: impl Parameter) -> Self {
        self.statement = self.statement.bind(value);
        self
    }

    /// Reads the rows as model `M`, tracked for smart save, with its
    /// `after_load` hook.
    pub fn model<M: DynoModel>(self) -> ExecuteStatement<'a, Tracked<M>> {
        let mut statement = self.decoded(crate::ops::decode_tracked::<M>);
        statement.schema = Some(M::SCHEMA);
        statement
    }

    /// Reads the rows as the partial view `V` (select its attributes in the
    /// statement).
    pub fn project<V: Projection>(self) -> ExecuteStatement<'a, V> {
        self.decoded(V::from_projected)
    }

    fn decoded<T>(self, decode: fn(Item) -> Result<T>) -> ExecuteStatement<'a, T> {
        ExecuteStatement {
            db: self.db,
            statement: self.statement,
            consistent_read: self.consistent_read,
            limit: self.limit,
            start: self.start,
            decode,
            schema: self.schema,
        }
    }

    /// Strongly consistent reads (`true`), or eventually consistent ones
    /// (`false`, the default, at half the read units).
    pub fn consistent_read(mut self, consistent: bool) -> Self {
        self.consistent_read = consistent;
        self
    }

    /// Evaluates at most `n` items per page (DynamoDB's `Limit`).
    pub fn limit(mut self, n: u32) -> Self {
        self.limit = Some(i32::try_from(n).unwrap_or(i32::MAX));
        self
    }

    /// Starts at the page after the one that returned `next_token`.
    pub fn start_after(mut self, next_token: impl Into<String>) -> Self {
        self.start = Some(next_token.into());
        self
    }

    /// One page of rows, from the start or from `start_after`.
    pub async fn page(self) -> Result<StatementPage<O>> {
        let output = fetch(
            self.db,
            &self.statement,
            self.consistent_read,
            self.limit,
            self.start,
        )
        .await?;
        let mut items = output.items.unwrap_or_default();
        if let Some(schema) = self.schema {
            crate::encrypt::item::open_items(self.db, schema, &mut items).await?;
        }
        Ok(StatementPage {
            items: items.into_iter().map(self.decode).collect::<Result<_>>()?,
            next_token: output.next_token,
        })
    }

    /// Every row, page after page, holding one page at a time.
    pub fn stream(self) -> BoxStream<'a, Result<O>> {
        let state = Paging {
            statement: self,
            buffer: VecDeque::new(),
            started: false,
            done: false,
        };
        Box::pin(futures::stream::unfold(state, |mut st| async move {
            loop {
                if let Some(item) = st.buffer.pop_front() {
                    let row = (st.statement.decode)(item);
                    return Some((row, st));
                }
                if st.done || (st.started && st.statement.start.is_none()) {
                    return None;
                }
                st.started = true;
                let s = &mut st.statement;
                let start = s.start.take();
                match fetch(
                    s.db,
                    &s.statement,
                    s.consistent_read,
                    s.limit,
                    start.clone(),
                )
                .await
                {
                    Ok(page) => {
                        if page.next_token.is_some() && page.next_token == start {
                            st.done = true;
                            return Some((Err(repeated_token()), st));
                        }
                        let mut items = page.items.unwrap_or_default();
                        if let Some(schema) = st.statement.schema {
                            let opened = crate::encrypt::item::open_items(
                                st.statement.db,
                                schema,
                                &mut items,
                            )
                            .await;
                            if let Err(e) = opened {
                                st.done = true;
                                return Some((Err(e), st));
                            }
                        }
                        st.buffer = items.into();
                        st.statement.start = page.next_token;
                    }
                    Err(e) => {
                        st.done = true;
                        return Some((Err(e), st));
                    }
                }
            }
        }))
    }

    /// [`stream`](Self::stream) as a blocking iterator, for code with no
    /// async runtime.
    pub fn blocking_iter(self) -> crate::BlockingIter<'a, O> {
        crate::BlockingIter::new(self.stream())
    }

    /// Every row of every page.
    pub async fn all(self) -> Result<Vec<O>> {
        self.stream().try_collect().await
    }

    /// Runs the statement and counts its rows.
    pub async fn count(self) -> Result<u64> {
        self.stream()
            .try_fold(0u64, |n, _| async move { Ok(n + 1) })
            .await
    }
}

struct Paging<'a, O> {
    statement: ExecuteStatement<'a, O>,
    buffer: VecDeque<Item>,
    started: bool,
    done: bool,
}

fn repeated_token() -> Error {
    Error::Refused {
        message:
            "DynamoDB returned the page's own start token as NextToken; stopping instead of looping"
                .to_owned(),
    }
}

async fn fetch(
    db: &Dynox,
    statement: &Partiql,
    consistent_read: bool,
    limit: Option<i32>,
    start: Option<String>,
) -> Result<ExecuteStatementOutput> {
    let input = ExecuteStatementInput::builder()
        .statement(statement.text.as_str())
        .set_parameters((!statement.parameters.is_empty()).then(|| statement.parameters.clone()))
        .set_consistent_read(consistent_read.then_some(true))
        .set_limit(limit)
        .set_next_token(start)
        .return_consumed_capacity(ReturnConsumedCapacity::Total)
        .build()
        .map_err(crate::ops::build_error)?;
    db.send(&statement.table(), Request::ExecuteStatement(input))
        .await
}

impl<'a, O: Send + 'a> IntoFuture for ExecuteStatement<'a, O> {
    type Output = Result<Vec<O>>;
    type IntoFuture = crate::ops::OpFuture<'a, Vec<O>>;
    fn into_future(self) -> Self::IntoFuture {
        Box::pin(self.stream().try_collect())
    }
}
