//! The models of the examples, as in the seed documents.

use dynox_core::prelude::*;

/// The `User` of the models guide.
#[derive(DynoModel, Debug, Clone, PartialEq)]
#[dyno(table = "examples_users")]
pub struct User {
    /// Partition key, e.g. `USER#123`.
    #[dyno(partition_key)]
    pub pk: String,
    /// Sort key, e.g. `PROFILE`.
    #[dyno(sort_key)]
    pub sk: String,
    /// Required: an item without it fails to load.
    pub name: String,
    /// Optional: `None` is not stored.
    pub email: Option<String>,
    /// Missing in the item -> 0.
    #[dyno(default)]
    pub age: u32,
}

impl User {
    /// A user with the given key and name.
    pub fn new(pk: &str, sk: &str, name: &str) -> Self {
        User {
            pk: pk.into(),
            sk: sk.into(),
            name: name.into(),
            email: None,
            age: 0,
        }
    }
}

/// The user of the smart-save guide.
#[derive(DynoModel, Debug, Clone, PartialEq)]
#[dyno(table = "examples_profiles")]
pub struct Profile {
    /// Partition key.
    #[dyno(partition_key)]
    pub pk: String,
    /// Sort key.
    #[dyno(sort_key)]
    pub sk: String,
    /// Display name.
    pub name: String,
    /// Contact address.
    pub email: String,
    /// A long text.
    pub bio: String,
    /// Postal address.
    pub address: String,
    /// Phone number.
    pub phone: String,
    /// Employer.
    pub company: String,
    /// Workflow state.
    pub status: String,
}

impl Profile {
    /// The guide's example profile, with a bio of `bio_len` bytes.
    pub fn sample(pk: &str, bio_len: usize) -> Self {
        Profile {
            pk: pk.into(),
            sk: "PROFILE".into(),
            name: "John Doe".into(),
            email: "john@example.com".into(),
            bio: "A".repeat(bio_len),
            address: "123 Main St, City, Country".into(),
            phone: "+1-555-0123".into(),
            company: "Acme Corp".into(),
            status: "pending".into(),
        }
    }
}

/// A user under optimistic locking.
#[derive(DynoModel, Debug, Clone, PartialEq)]
#[dyno(table = "examples_versioned")]
pub struct VersionedUser {
    /// Partition key.
    #[dyno(partition_key)]
    pub pk: String,
    /// Sort key.
    #[dyno(sort_key)]
    pub sk: String,
    /// Display name.
    pub name: String,
    /// Incremented by every write; a stale copy cannot overwrite a newer one.
    #[dyno(version)]
    pub version: u64,
}

/// A user whose hooks validate before writes.
#[derive(DynoModel, Debug, Clone, PartialEq)]
#[dyno(table = "examples_hooked", hooks)]
pub struct ValidatedUser {
    /// Partition key.
    #[dyno(partition_key)]
    pub pk: String,
    /// Must look like an address.
    pub email: String,
}

impl DynoHooks for ValidatedUser {
    fn before_save(&mut self) -> Result<()> {
        // several checks for one event run in the order written here
        if !self.email.contains('@') {
            return Err(Error::Hook(format!("invalid email: {}", self.email).into()));
        }
        Ok(())
    }

    fn after_save(&self) -> Result<()> {
        println!("saved {}", self.pk);
        Ok(())
    }
}
