//! Secondary indexes whose keys are templates: queried by the values of
//! their partition placeholders, narrowed by their sort placeholders.

use super::{PartitionArgs, TemplateModel};
use crate::ops::{OnIndex, Query};
use crate::{AttributeValue, Dynox, Tracked};

/// The keys of a templated index, as a type: what its query writes and
/// keeps to. `#[derive(DynoModel)]` makes one per `gsi(...)` of a model.
pub trait IndexKeys: 'static {
    /// The index's sort template's fixed text before its first
    /// placeholder (`""` without a sort template).
    const SORT_PREFIX: &'static str;
    /// The sort template has no placeholder: `SORT_PREFIX` is the whole key.
    const SORT_FIXED: bool = false;
    /// The partition template with its placeholders unnamed.
    const PARTITION_SHAPE: &'static str;
    /// The index key attributes.
    const ATTRIBUTES: (&'static str, Option<&'static str>);
    /// The partition placeholders' types, as a tuple.
    type Partition;
}

/// A global index whose keys are templates; `Model::index_name()` gives
/// it. `K` is the index's keys as a type.
pub struct TemplateIndex<M, K> {
    name: &'static str,
    _types: std::marker::PhantomData<fn() -> (M, K)>,
}

impl<M, K> std::fmt::Debug for TemplateIndex<M, K> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "TemplateIndex({})", self.name)
    }
}

impl<M: TemplateModel, K: IndexKeys> TemplateIndex<M, K> {
    #[doc(hidden)]
    pub const fn __new(name: &'static str) -> Self {
        TemplateIndex {
            name,
            _types: std::marker::PhantomData,
        }
    }

    /// The index name.
    pub fn name(&self) -> &'static str {
        self.name
    }

    /// Queries the index partition of these placeholder values (one value,
    /// or a tuple of them all, in order), within the sort template's fixed
    /// prefix when it has one.
    pub fn query<'a>(
        &self,
        db: &'a Dynox,
        partition: impl PartitionArgs<K>,
    ) -> Query<'a, M, K, Tracked<M>, OnIndex> {
        let mut key = crate::__private::key_text();
        partition.write_partition(&mut key);
        let (pk, sk) = K::ATTRIBUTES;
        let query = Query::new(db, Some(self.name), (pk, AttributeValue::S(key)), sk);
        super::entity_query(query, K::SORT_PREFIX, K::SORT_FIXED)
    }
}
