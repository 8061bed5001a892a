//! TransactGetItems: `db.transact_get().get(key).get(other_key).await`.

use super::batch_write::tables_label;
use super::read;
use super::transact_write::MAX_TRANSACTION_ITEMS;
use super::OpFuture;
use crate::transport::Request;
use crate::{DynoModel, Dynox, Error, Item, ModelKey, Result, Tracked};
use aws_sdk_dynamodb::operation::transact_get_items::{
    TransactGetItemsInput, TransactGetItemsOutput,
};
use aws_sdk_dynamodb::types::{Get, ReturnConsumedCapacity, TransactGetItem};
use std::future::IntoFuture;

/// Reads up to 100 items of any models as one consistent snapshot
/// (TransactGetItems): no write lands between the reads. Await it to run;
/// read the items with [`TransactGetResult::get`] by the order they were added.
///
/// ```
/// # use dynox_core::prelude::*;
/// # #[derive(DynoModel, Debug, Clone, PartialEq)]
/// # #[dyno(table = "orders")]
/// # pub struct Order { #[dyno(partition_key)] pub customer: String, #[dyno(sort_key)] pub id: String, pub total: u32 }
/// # fn order(id: &str, total: u32) -> Order { Order { customer: "c1".into(), id: id.into(), total } }
/// # #[tokio::main(flavor = "current_thread")]
/// # async fn main() -> dynox_core::Result<()> {
/// # let db = Dynox::memory_with::<(Order,)>();
/// order("o1", 5).save(&db).await?;
/// let snapshot = db
///     .transact_get()
///     .get(OrderKey { customer: "c1".into(), id: "o1".into() })
///     .get(OrderKey { customer: "c1".into(), id: "o9".into() })
///     .await?;
/// assert_eq!(snapshot.get::<Order>(0)?.map(|o| o.total), Some(5));
/// assert!(snapshot.get::<Order>(1)?.is_none());
/// # Ok(())
/// # }
/// ```
#[must_use = "an operation does nothing until awaited"]
pub struct TransactGet<'a> {
    db: &'a Dynox,
    items: Vec<TransactGetItem>,
    tables: Vec<String>,
    /// Each get's model, to open its encrypted attributes.
    schemas: Vec<&'static crate::model::TableSchema>,
    refused: Option<Error>,
}

impl std::fmt::Debug for TransactGet<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("TransactGet")
            .field("gets", &self.items.len())
            .field("tables", &self.tables)
            .finish_non_exhaustive()
    }
}

impl Dynox {
    /// A read transaction. See [`TransactGet`].
    pub fn transact_get(&self) -> TransactGet<'_> {
        TransactGet {
            db: self,
            items: Vec::new(),
            tables: Vec::new(),
            schemas: Vec::new(),
            refused: None,
        }
    }
}

impl<'a> TransactGet<'a> {
    /// Reads the item with `key`.
    pub fn get<K: ModelKey>(mut self, key: K) -> Self {
        let key = key.to_key_item();
        if let Err(e) = super::checks::keys(<K::Model as crate::DynoModel>::SCHEMA, &key) {
            self.refused.get_or_insert(e);
            return self;
        }
        let table = self.db.table_name::<K::Model>().into_owned();
        match Get::builder()
            .table_name(table.as_str())
            .set_key(Some(key))
            .build()
        {
            Ok(get) => {
                self.items.push(TransactGetItem::builder().get(get).build());
                self.tables.push(table);
                self.schemas.push(<K::Model as crate::DynoModel>::SCHEMA);
            }
            Err(e) => {
                self.refused.get_or_insert(super::table::build_error(e));
            }
        }
        self
    }

    async fn run(self) -> Result<TransactGetResult> {
        if let Some(e) = self.refused {
            return Err(e);
        }
        if self.items.is_empty() {
            return Ok(TransactGetResult { items: Vec::new() });
        }
        if self.items.len() > MAX_TRANSACTION_ITEMS {
            return Err(Error::Validation {
                message: format!(
                    "a read transaction holds at most {MAX_TRANSACTION_ITEMS} gets, this one has {}; split it",
                    self.items.len()
                ),
            });
        }
        let label = tables_label(self.tables.iter());
        let input = TransactGetItemsInput::builder()
            .set_transact_items(Some(self.items))
            .return_consumed_capacity(ReturnConsumedCapacity::Total)
            .build()
            .map_err(super::table::build_error)?;
        let output: TransactGetItemsOutput = self
            .db
            .send(&label, Request::TransactGetItems(input))
            .await?;
        let mut items: Vec<Option<Item>> = output
            .responses
            .unwrap_or_default()
            .into_iter()
            .map(|r| r.item)
            .collect();
        for (item, schema) in items.iter_mut().zip(&self.schemas) {
            if let Some(item) = item {
                crate::encrypt::item::open_item(self.db, schema, item).await?;
            }
        }
        Ok(TransactGetResult { items })
    }
}

/// The items of a read transaction, in the order their gets were added.
#[derive(Debug, Clone, PartialEq)]
pub struct TransactGetResult {
    items: Vec<Option<Item>>,
}

impl TransactGetResult {
    /// The item of the `index`th get as model `M` (tracked for smart save),
    /// `None` when no item has that key.
    ///
    /// An `index` past the end, or an item that is not an `M`, is an error.
    pub fn get<M: DynoModel>(&self, index: usize) -> Result<Option<Tracked<M>>> {
        let slot = self.items.get(index).ok_or_else(|| Error::Refused {
            message: format!(
                "the read transaction has {} gets, there is none at index {index}",
                self.items.len()
            ),
        })?;
        slot.clone().map(read::decode_tracked::<M>).transpose()
    }

    /// The stored items, `None` where no item had the key.
    pub fn into_items(self) -> Vec<Option<Item>> {
        self.items
    }

    /// The number of gets.
    pub fn len(&self) -> usize {
        self.items.len()
    }

    /// Whether there were no gets.
    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }
}

impl<'a> IntoFuture for TransactGet<'a> {
    type Output = Result<TransactGetResult>;
    type IntoFuture = OpFuture<'a, TransactGetResult>;
    fn into_future(self) -> Self::IntoFuture {
        Box::pin(self.run())
    }
}
