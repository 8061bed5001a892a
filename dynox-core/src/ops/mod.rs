//! Operations: each is a builder that renders one DynamoDB request when
//! awaited (`IntoFuture`), so options chain before it runs.

mod batch_get;
mod batch_keys;
mod batch_write;
mod checks;
mod cursor;
mod delete;
mod get;
mod hooks_run;
mod paging;
mod put;
mod query;

/// Whether a model's hooks run on the items a read returns.
pub(crate) fn hooks_enabled<M: crate::DynoModel>() -> bool {
    hooks_run::enabled::<M>(false)
}
pub(crate) mod objects;
mod query_sort;
mod read;
mod requests;
mod retry;
mod same_item;
mod scan;
mod smart_save;
mod table;
mod table_list;
mod table_schema;
mod table_shared;
mod table_update;
mod table_verify;
mod tracked_delete;
mod tracked_update;
mod transact_get;
mod transact_write;
mod update;
pub(crate) mod update_expr;
mod update_methods;
mod versioning;
mod write_once;

pub use crate::blocking::BlockingIter;
pub use batch_get::{BatchGet, MAX_BATCH_GET_KEYS};
pub(crate) use batch_write::tables_label;
pub use batch_write::{BatchWrite, BatchWriteReport, MAX_BATCH_WRITE_ITEMS};
pub use cursor::Cursor;
pub use delete::{Delete, DeleteByKey};
pub use get::Get;
pub use paging::Page;
pub use put::Save;
pub(crate) use query::SortCondition;
pub use query::{OnIndex, OnTable, Query, QueryFilter};
pub(crate) use read::decode_tracked;
pub use read::Projection;
pub use retry::RetryPolicy;
pub use scan::Scan;
pub use smart_save::SmartSave;
pub(crate) use table::{build_error, describe as describe_table};
pub use table::{CreateTable, DeleteTable, DescribeTable};
pub use table_update::UpdateTable;
pub use table_verify::SchemaDifference;
pub use tracked_delete::TrackedDelete;
pub use tracked_update::TrackedUpdate;
pub use transact_get::{TransactGet, TransactGetResult};
pub(crate) use transact_write::render_update_for_bench;
pub use transact_write::{TransactUpdate, TransactWrite, MAX_TRANSACTION_ITEMS};
pub use update::UpdateByKey;
pub use update_methods::{Addable, Numeric, SetField};

use crate::{DynoModel, Dynox, Tracked};

/// `.condition(..)` (ANDed with any earlier one) and, where hooks apply,
/// `.skip_hooks()`, for a builder with `condition` and `skip_hooks` fields.
macro_rules! builder_options {
    ($builder:ident) => {
        impl<'a, M: $crate::DynoModel> $builder<'a, M> {
            /// Only write when `condition` holds on the stored item (ANDed with
            /// any earlier condition and the version check); otherwise
            /// [`crate::Error::ConditionalCheckFailed`] with the stored item.
            pub fn condition(mut self, condition: impl $crate::ConditionOf<M>) -> Self {
                self.condition = super::versioning::and(
                    self.condition.take(),
                    Some($crate::ConditionOf::into_condition(condition)),
                );
                self
            }
        }
    };
    ($builder:ident, hooks) => {
        builder_options!($builder);

        impl<'a, M: $crate::DynoModel> $builder<'a, M> {
            /// Runs no hooks for this call.
            pub fn skip_hooks(mut self) -> Self {
                self.skip_hooks = true;
                self
            }
        }
    };
}

pub(crate) use builder_options;

/// The boxed future an operation runs as.
pub(crate) type OpFuture<'a, T> = futures::future::BoxFuture<'a, crate::Result<T>>;

/// Operations on any model; brought in by the prelude.
///
/// The derive adds the ones that take typed keys (`User::get(&db, pk, sk)`,
/// `User::delete_by_key`, `User::update_by_key`) as inherent functions.
pub trait ModelExt: DynoModel {
    /// Writes this value as a whole item (PutItem: create or replace). See
    /// [`Save`] for a `#[dyno(version)]` model.
    fn save<'a>(&'a self, db: &'a Dynox) -> Save<'a, Self> {
        Save::new(db, self)
    }

    /// Fills the fields that dynox generates (`#[dyno(generate = "...")]`)
    /// and that hold their empty value, as a first save would, and stamps
    /// those made on every write: so a borrowed value's save stores the
    /// values the caller has, and a retried save writes the same ids.
    fn fill_generated(&mut self) {
        self.__generate(true);
    }

    /// Deletes the item with this value's key.
    fn delete<'a>(&'a self, db: &'a Dynox) -> Delete<'a, Self> {
        Delete::new(db, self)
    }

    /// Creates the model's table from its schema, waiting until it is active.
    fn create_table(db: &Dynox) -> CreateTable<'_, Self> {
        CreateTable::new(db)
    }

    /// Deletes the model's table and every item in it.
    fn delete_table(db: &Dynox) -> DeleteTable<'_, Self> {
        DeleteTable::new(db)
    }

    /// Describes the model's table as DynamoDB sees it.
    fn describe_table(db: &Dynox) -> DescribeTable<'_, Self> {
        DescribeTable::new(db)
    }

    /// Reads the items with these keys, any number of them, in batches.
    /// See [`BatchGet`].
    fn batch_get<I>(db: &Dynox, keys: I) -> BatchGet<'_, Self>
    where
        I: IntoIterator<Item = Self::Key>,
    {
        BatchGet::new(db, keys.into_iter().collect())
    }

    /// Scans the model's table. See [`Scan`].
    fn scan(db: &Dynox) -> Scan<'_, Self> {
        Scan::new(db, None)
    }

    /// Whether the model's table exists.
    fn table_exists(db: &Dynox) -> OpFuture<'_, bool> {
        table::table_exists::<Self>(db)
    }

    /// The table's stream as typed changes of this model. See
    /// [`crate::streams`].
    fn changes(db: &Dynox) -> crate::streams::Changes<'_, Self> {
        crate::streams::Changes::new(db)
    }

    /// Waits until the model's table and its global indexes are active
    /// (after a change made elsewhere: `create_table` and `update_table`
    /// wait by themselves), polling DescribeTable; past `timeout`,
    /// [`crate::Error::Refused`].
    fn wait_until_active(
        db: &Dynox,
        timeout: std::time::Duration,
    ) -> OpFuture<'_, aws_sdk_dynamodb::types::TableDescription> {
        Box::pin(async move { table::wait_active(db, &db.table_name::<Self>(), timeout).await })
    }

    /// The tags of the model's table.
    fn table_tags(db: &Dynox) -> OpFuture<'_, std::collections::BTreeMap<String, String>> {
        table_list::table_tags::<Self>(db)
    }

    /// Changes the model's table: global indexes, billing, stream. See
    /// [`UpdateTable`].
    fn update_table(db: &Dynox) -> UpdateTable<'_, Self> {
        UpdateTable::new(db)
    }

    /// How the table DynamoDB has differs from the model's schema (keys,
    /// indexes, projections); empty when it matches. See
    /// [`SchemaDifference`].
    fn verify_table(db: &Dynox) -> OpFuture<'_, Vec<SchemaDifference>> {
        table_verify::verify_table::<Self>(db)
    }

    /// The item's size by DynamoDB's rules (names, values, overheads).
    fn item_size(&self) -> usize {
        crate::item_size(&self.to_item())
    }

    /// Write units a PutItem of this value consumes.
    fn estimated_wcu(&self) -> f64 {
        crate::write_units(self.item_size())
    }

    /// Read units a GetItem of this value consumes, with the model's default consistency.
    fn estimated_rcu(&self) -> f64 {
        crate::read_units(self.item_size(), Self::SCHEMA.consistent_read)
    }

    /// The metrics of this model's table.
    fn metrics(db: &Dynox) -> crate::TableMetrics {
        db.table_metrics(&db.table_name::<Self>())
    }

    /// Clears the metrics of this model's table.
    fn reset_metrics(db: &Dynox) {
        db.reset_table_metrics(&db.table_name::<Self>())
    }
}

impl<M: DynoModel> ModelExt for M {}

/// The operations of a [`Tracked`] value.
impl<M: DynoModel> Tracked<M> {
    /// Smart save: nothing when clean, only the changed fields otherwise,
    /// a PutItem for a value never saved. See [`SmartSave`].
    pub fn save<'a>(&'a mut self, db: &'a Dynox) -> SmartSave<'a, M> {
        SmartSave::new(db, self)
    }

    /// Chosen update actions in one request; the value becomes the stored item.
    pub fn update<'a>(&'a mut self, db: &'a Dynox) -> TrackedUpdate<'a, M> {
        TrackedUpdate::new(db, self)
    }

    /// Deletes the item, checking the loaded version.
    pub fn delete<'a>(&'a mut self, db: &'a Dynox) -> TrackedDelete<'a, M> {
        TrackedDelete::new(db, self)
    }
}
