//! Per-model clients: `db.route::<AuditLog>(audit_db)` sends every request
//! for `AuditLog`'s table through `audit_db`, and the rest through `db`; and
//! the process's default client. Routing happens where requests are sent
//! (`Dynox::send`), so every operation follows it.

use crate::{DynoModel, Dynox, Error, Result};
use std::collections::HashMap;
use std::sync::{Arc, RwLock};

/// The models a client sends through other clients.
#[derive(Clone, Default)]
pub(crate) struct Routes {
    /// By the model's table name as declared (before any prefix).
    by_model: HashMap<&'static str, Dynox>,
    /// By the full table name the other client gives it, as requests carry it.
    by_table: HashMap<String, Dynox>,
}

impl Routes {
    pub(crate) fn len(&self) -> usize {
        self.by_model.len()
    }

    pub(crate) fn with<M: DynoModel>(&self, other: Dynox) -> Routes {
        let mut routes = self.clone();
        routes
            .by_table
            .insert(other.table_name::<M>().into_owned(), other.clone());
        routes.by_model.insert(M::SCHEMA.table, other);
        routes
    }

    /// The client a model's requests go through, if not this one.
    pub(crate) fn for_model(&self, table: &'static str) -> Option<&Dynox> {
        self.by_model.get(table)
    }

    /// The client a request over `label` (one table, or several joined by
    /// commas) goes through: `None` for this one. A request over tables of
    /// two clients cannot be sent: DynamoDB cannot make a batch or a
    /// transaction atomic across accounts or regions.
    pub(crate) fn for_request(&self, label: &str) -> Result<Option<&Dynox>> {
        let mut chosen: Option<Option<&Dynox>> = None;
        for table in label.split(',') {
            let here = self.by_table.get(table);
            match chosen {
                None => chosen = Some(here),
                Some(first) if same(first, here) => {}
                Some(_) => {
                    return Err(Error::Configuration {
                        message: format!(
                            "one request names tables of two clients ({label}); a batch or transaction goes through one client: split it per client"
                        ),
                    })
                }
            }
        }
        Ok(chosen.flatten())
    }
}

fn same(a: Option<&Dynox>, b: Option<&Dynox>) -> bool {
    match (a, b) {
        (None, None) => true,
        (Some(a), Some(b)) => a.same_client(b),
        _ => false,
    }
}

static DEFAULT: RwLock<Option<Dynox>> = RwLock::new(None);

/// Makes `db` the client that [`Dynox::default_client`] returns, for the
/// whole process (the seed pages' `set_default_client`). Set it once at
/// start-up; setting it again replaces it.
pub fn set_default_client(db: Dynox) {
    let mut slot = DEFAULT
        .write()
        .unwrap_or_else(|poisoned| poisoned.into_inner());
    *slot = Some(db);
}

impl Dynox {
    /// The client set by [`set_default_client`]; unset, an
    /// [`Error::Configuration`] that says to set it.
    pub fn default_client() -> Result<Dynox> {
        let slot = DEFAULT
            .read()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        slot.clone().ok_or_else(|| Error::Configuration {
            message:
                "no default client is set; call `dynox_core::set_default_client(db)` at start-up"
                    .to_owned(),
        })
    }

    /// This client, with every request for `M`'s table sent through `other`
    /// (its transport, table prefix and metrics) instead: one model in
    /// another region or account. A batch or transaction that names tables
    /// of both clients is refused before anything is sent.
    pub fn route<M: DynoModel>(&self, other: Dynox) -> Dynox {
        let routes = self.routes().with::<M>(other);
        self.with_routes(Arc::new(routes))
    }
}
