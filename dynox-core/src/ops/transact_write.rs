//! TransactWriteItems: `db.transact_write().put(..).update(..).await`.

use super::batch_write::tables_label;
use super::requests::{render, Rendered};
use super::update_expr::UpdateActions;
use super::update_methods::update_methods;
use super::versioning::{self, Expected};
use super::{checks, OpFuture};
use crate::condition::{Condition, ConditionOf};
use crate::transport::Request;
use crate::Item;
use crate::{DynoModel, Dynox, Error, ModelKey, Result};
use aws_sdk_dynamodb::operation::transact_write_items::{
    TransactWriteItemsInput, TransactWriteItemsOutput,
};
use aws_sdk_dynamodb::types::{
    ConditionCheck, Delete, Put, ReturnConsumedCapacity, ReturnValuesOnConditionCheckFailure,
    TransactWriteItem, Update,
};
use std::future::IntoFuture;
use std::marker::PhantomData;

/// DynamoDB's limit of actions in one transaction.
pub const MAX_TRANSACTION_ITEMS: usize = 100;

/// DynamoDB's limit on the total size of a transaction's items.
const MAX_TRANSACTION_BYTES: usize = 4 * 1024 * 1024;

/// Writes that all happen or none do (TransactWriteItems): puts, updates,
/// deletes and condition checks on items of any models, up to 100 of them
/// and 4 MB. Await it to run.
///
/// Each action's condition is checked on the item as stored; when any fails,
/// nothing is written and the result is [`Error::TransactionCanceled`] with a
/// reason per action, in the order they were added (`None` for the actions
/// that did not fail), carrying the stored item where DynamoDB returns it.
/// A `put` of a `#[dyno(version)]` model checks and advances the version as
/// `save` does. Transactions run no hooks.
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
/// // move the total of o1 to a new order o2, or do nothing
/// let key = OrderKey { customer: "c1".into(), id: "o1".into() };
/// db.transact_write()
///     .update(key.clone(), |u| u.set(Order::TOTAL, 0u32).condition(Order::TOTAL.ge(5)))
///     .put_if(&order("o2", 5), Order::ID.not_exists())
///     .await?;
/// // o1 is now 0: the same transaction is cancelled, and writes nothing
/// let again = db
///     .transact_write()
///     .update(key, |u| u.set(Order::TOTAL, 0u32).condition(Order::TOTAL.ge(5)))
///     .put_if(&order("o3", 5), Order::ID.not_exists())
///     .await;
/// assert!(matches!(again, Err(Error::TransactionCanceled { .. })));
/// assert!(Order::get(&db, "c1", "o3").await?.is_none());
/// # Ok(())
/// # }
/// ```
#[must_use = "an operation does nothing until awaited"]
pub struct TransactWrite<'a> {
    db: &'a Dynox,
    items: Vec<TransactWriteItem>,
    tables: Vec<String>,
    bytes: usize,
    token: Option<String>,
    refused: Option<Error>,
    /// Puts whose encrypted attributes are sealed when the transaction
    /// runs (a data key is asked for then), each rendered into its place.
    sealing: Vec<Sealing<'a>>,
}

/// A put waiting for its encrypted attributes, at `items[at]`.
struct Sealing<'a> {
    at: usize,
    schema: &'static crate::model::TableSchema,
    item: Item,
    render: Box<dyn FnOnce(Item) -> Result<TransactWriteItem> + Send + 'a>,
}

impl std::fmt::Debug for TransactWrite<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("TransactWrite")
            .field("actions", &self.items.len())
            .field("tables", &self.tables)
            .field("idempotency_token", &self.token.is_some())
            .finish_non_exhaustive()
    }
}

impl Dynox {
    /// A write transaction. See [`TransactWrite`].
    pub fn transact_write(&self) -> TransactWrite<'_> {
        TransactWrite {
            db: self,
            items: Vec::new(),
            tables: Vec::new(),
            bytes: 0,
            token: None,
            refused: None,
            sealing: Vec::new(),
        }
    }
}

/// The actions of an update inside a transaction: the typed `set`, `add`,
/// `remove`, ... of [`crate::ops::UpdateByKey`], and its `condition`.
#[derive(Debug)]
pub struct TransactUpdate<'a, M: DynoModel> {
    actions: UpdateActions,
    condition: Option<Condition<M>>,
    _lifetime: PhantomData<&'a ()>,
}

update_methods!(TransactUpdate);

impl<M: DynoModel> TransactUpdate<'_, M> {
    /// Only update when `condition` holds on the stored item (ANDed with any
    /// earlier condition); otherwise the transaction is cancelled.
    pub fn condition(mut self, condition: impl ConditionOf<M>) -> Self {
        self.condition = versioning::and(self.condition.take(), Some(condition.into_condition()));
        self
    }
}

impl<M: DynoModel> TransactUpdate<'_, M> {
    fn empty() -> Self {
        TransactUpdate {
            actions: UpdateActions::default(),
            condition: None,
            _lifetime: PhantomData,
        }
    }
}

/// Renders the update `actions` builds, for the rendering benchmark.
pub(crate) fn render_update_for_bench<M: DynoModel>(
    actions: impl FnOnce(TransactUpdate<'static, M>) -> TransactUpdate<'static, M>,
) -> usize {
    let u = actions(TransactUpdate::empty());
    let r = render(Some(&u.actions), u.condition.as_ref());
    r.update.map_or(0, |s| s.len())
        + r.condition.map_or(0, |s| s.len())
        + r.names.map_or(0, |n| n.len())
        + r.values.map_or(0, |v| v.len())
}

fn on_failure() -> ReturnValuesOnConditionCheckFailure {
    ReturnValuesOnConditionCheckFailure::AllOld
}

/// The members an Update, Delete and ConditionCheck action share: table,
/// key, condition with its placeholders, and the stored item on a failure.
/// (The SDK gives each action its own builder type.)
macro_rules! keyed_action {
    ($action:ty, $table:expr, $key:expr, $rendered:expr) => {
        <$action>::builder()
            .table_name($table)
            .set_key(Some($key))
            .set_condition_expression($rendered.condition)
            .set_expression_attribute_names($rendered.names)
            .set_expression_attribute_values($rendered.values)
            .return_values_on_condition_check_failure(on_failure())
    };
}

impl<'a> TransactWrite<'a> {
    fn add<M: DynoModel>(mut self, built: Result<TransactWriteItem>, bytes: usize) -> Self {
        let built = match super::objects::refusal::<M>("a transaction") {
            Some(refusal) => Err(refusal),
            None => built,
        };
        // every action names its item's key: check it as DynamoDB would
        let key = built.as_ref().ok().and_then(|item| {
            item.put()
                .map(|p| p.item())
                .or(item.update().map(|u| u.key()))
                .or(item.delete().map(|d| d.key()))
                .or(item.condition_check().map(|c| c.key()))
        });
        let built = match key.map(|k| super::checks::keys(M::SCHEMA, k)) {
            Some(Err(e)) => Err(e),
            _ => built,
        };
        match built {
            Ok(item) => {
                self.items.push(item);
                self.tables.push(self.db.table_name::<M>().into_owned());
                self.bytes += bytes;
            }
            Err(e) => {
                self.refused.get_or_insert(e);
            }
        }
        self
    }

    /// Puts `value` as a whole item. For a `#[dyno(version)]` model: stored
    /// with its version plus one, if the stored version is the value's.
    pub fn put<M: DynoModel>(self, value: &M) -> Self {
        self.put_with(value, None)
    }

    /// Puts `value` if `condition` holds on the stored item (and the version check).
    pub fn put_if<M: DynoModel>(self, value: &M, condition: impl ConditionOf<M>) -> Self {
        self.put_with(value, Some(condition.into_condition()))
    }

    fn put_with<M: DynoModel>(self, value: &M, condition: Option<Condition<M>>) -> Self {
        let generated = match crate::generate::filled_copy(value) {
            Ok(g) => g,
            Err(e) => return self.add::<M>(Err(e), 0),
        };
        let value = generated.as_ref().unwrap_or(value);
        let mut item = value.to_item();
        let expected = Expected::of_value(value);
        versioning::stamp::<M>(&mut item, expected.next());
        let bytes = crate::item_size(&item);
        let table = self.db.table_name::<M>().into_owned();
        let build = move |item: Item| {
            checks::size::<M>(&item)?;
            let condition = versioning::and(condition, versioning::check::<M>(expected, false));
            if super::write_once::any::<M>() {
                // an update that keeps the stored write-once values
                let (key, actions) = super::write_once::replace::<M>(item);
                let mut r: Rendered = render(Some(&actions), condition.as_ref());
                let update = r.update.take();
                return keyed_action!(Update, table, key, r)
                    .set_update_expression(update)
                    .build()
                    .map(|u| TransactWriteItem::builder().update(u).build())
                    .map_err(super::table::build_error);
            }
            let r = render(None, condition.as_ref());
            let put = Put::builder()
                .table_name(table)
                .set_item(Some(item))
                .set_condition_expression(r.condition)
                .set_expression_attribute_names(r.names)
                .set_expression_attribute_values(r.values)
                .return_values_on_condition_check_failure(on_failure())
                .build()
                .map_err(super::table::build_error)?;
            Ok(TransactWriteItem::builder().put(put).build())
        };
        if M::SCHEMA.encrypted.is_empty() {
            let built = build(item);
            return self.add::<M>(built, bytes);
        }
        // sealed when the transaction runs; its place is kept, its key
        // checked now
        let at = self.items.len();
        let mut this = self.add::<M>(Ok(TransactWriteItem::builder().build()), bytes);
        if let Err(e) = checks::keys(M::SCHEMA, &item) {
            this.refused.get_or_insert(e);
        }
        this.sealing.push(Sealing {
            at,
            schema: M::SCHEMA,
            item,
            render: Box::new(build),
        });
        this
    }

    /// Updates the item with `key`: `|u| u.set(User::NAME, "Ann").condition(..)`.
    /// Like UpdateItem, it creates the item when none has the key, unless a
    /// condition says otherwise.
    pub fn update<K: ModelKey>(
        self,
        key: K,
        actions: impl FnOnce(TransactUpdate<'static, K::Model>) -> TransactUpdate<'static, K::Model>,
    ) -> Self {
        let mut u = actions(TransactUpdate::empty());
        if u.actions.is_empty() {
            return self.add::<K::Model>(
                Err(Error::Refused {
                    message: "an update in a transaction needs at least one action (set, remove, add, ...)"
                        .to_owned(),
                }),
                0,
            );
        }
        if let Err(e) = checks::update_size::<K::Model>(&u.actions) {
            return self.add::<K::Model>(Err(e), 0);
        }
        // every write of a versioned model moves its version on
        crate::generate::stamp_update::<K::Model>(&mut u.actions);
        u.actions.keep_once(K::Model::SCHEMA.write_once);
        versioning::bump_in::<K::Model>(&mut u.actions);
        let key = key.to_key_item();
        let bytes = crate::item_size(&key);
        let mut r: Rendered = render(Some(&u.actions), u.condition.as_ref());
        let update = r.update.take();
        let built = keyed_action!(Update, self.db.table_name::<K::Model>(), key, r)
            .set_update_expression(update)
            .build()
            .map(|u| TransactWriteItem::builder().update(u).build())
            .map_err(super::table::build_error);
        self.add::<K::Model>(built, bytes)
    }

    /// Deletes the item with `key`.
    pub fn delete<K: ModelKey>(self, key: K) -> Self {
        self.delete_with(key, None)
    }

    /// Deletes the item with `key` if `condition` holds on it.
    pub fn delete_if<K: ModelKey>(self, key: K, condition: impl ConditionOf<K::Model>) -> Self {
        self.delete_with(key, Some(condition.into_condition()))
    }

    /// Deletes the item of `value`; for a `#[dyno(version)]` model, only if
    /// the stored version is the value's.
    pub fn delete_value<M: DynoModel>(self, value: &M) -> Self {
        let check = match Expected::of_value(value) {
            Expected::New => None,
            stored => versioning::check::<M>(stored, false),
        };
        self.delete_item::<M>(value.key().to_key_item(), check)
    }

    fn delete_with<K: ModelKey>(self, key: K, condition: Option<Condition<K::Model>>) -> Self {
        self.delete_item::<K::Model>(key.to_key_item(), condition)
    }

    fn delete_item<M: DynoModel>(self, key: crate::Item, condition: Option<Condition<M>>) -> Self {
        let bytes = crate::item_size(&key);
        let r = render(None, condition.as_ref());
        let built = keyed_action!(Delete, self.db.table_name::<M>(), key, r)
            .build()
            .map(|d| TransactWriteItem::builder().delete(d).build())
            .map_err(super::table::build_error);
        self.add::<M>(built, bytes)
    }

    /// Cancels the transaction unless `condition` holds on the item with
    /// `key`, writing nothing to that item.
    pub fn check<K: ModelKey>(self, key: K, condition: impl ConditionOf<K::Model>) -> Self {
        let condition = condition.into_condition();
        let key = key.to_key_item();
        let bytes = crate::item_size(&key);
        let r = render(None, Some(&condition));
        let built = keyed_action!(ConditionCheck, self.db.table_name::<K::Model>(), key, r)
            .build()
            .map(|c| TransactWriteItem::builder().condition_check(c).build())
            .map_err(super::table::build_error);
        self.add::<K::Model>(built, bytes)
    }

    /// DynamoDB's ClientRequestToken: the same transaction sent again with
    /// the same token within 10 minutes (a retry after a lost answer) is
    /// applied once.
    pub fn idempotency_token(mut self, token: impl Into<String>) -> Self {
        self.token = Some(token.into());
        self
    }

    /// The number of actions so far.
    pub fn len(&self) -> usize {
        self.items.len()
    }

    /// Whether the transaction has no actions.
    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    async fn run(mut self) -> Result<()> {
        if let Some(e) = self.refused {
            return Err(e);
        }
        let mut sealers: Vec<crate::encrypt::item::Sealer<'_>> = Vec::new();
        for Sealing {
            at,
            schema,
            mut item,
            render,
        } in std::mem::take(&mut self.sealing)
        {
            let sealer = match sealers.iter().position(|s| s.seals(schema)) {
                Some(i) => &mut sealers[i],
                None => {
                    sealers.push(crate::encrypt::item::Sealer::new(self.db, schema));
                    sealers.last_mut().expect("just pushed")
                }
            };
            let plain = crate::item_size(&item);
            sealer.seal_item(&mut item).await?;
            self.bytes = self.bytes - plain + crate::item_size(&item);
            self.items[at] = render(item)?;
        }
        if self.items.is_empty() {
            return Ok(());
        }
        if self.items.len() > MAX_TRANSACTION_ITEMS {
            return Err(Error::Validation {
                message: format!(
                    "a transaction holds at most {MAX_TRANSACTION_ITEMS} actions, this one has {}; split it, or use a batch write if the writes need not be atomic",
                    self.items.len()
                ),
            });
        }
        if self.bytes > MAX_TRANSACTION_BYTES {
            return Err(Error::Validation {
                message: format!(
                    "a transaction's items total at most {MAX_TRANSACTION_BYTES} bytes, this one has {}; split it",
                    self.bytes
                ),
            });
        }
        let label = tables_label(self.tables.iter());
        let input = TransactWriteItemsInput::builder()
            .set_transact_items(Some(self.items))
            .set_client_request_token(self.token)
            .return_consumed_capacity(ReturnConsumedCapacity::Total)
            .build()
            .map_err(super::table::build_error)?;
        let _: TransactWriteItemsOutput = self
            .db
            .send(&label, Request::TransactWriteItems(input))
            .await?;
        Ok(())
    }
}

impl<'a> IntoFuture for TransactWrite<'a> {
    type Output = Result<()>;
    type IntoFuture = OpFuture<'a, ()>;
    fn into_future(self) -> Self::IntoFuture {
        Box::pin(self.run())
    }
}
