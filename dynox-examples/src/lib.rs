//! Runnable dynox programs, one per documented scenario.
//!
//! Each scenario is a module with `pub async fn run(db: &Dynox)`. They run on
//! the embedded in-memory engine by default, and against DynamoDB when
//! `AWS_ENDPOINT_URL_DYNAMODB` (or `DYNOX_USE_AWS=1` with an AWS
//! configuration) says so.

pub mod models;
pub mod scenarios;

use dynox_core::{Dynox, Result};

/// The client the examples use: embedded unless the environment points at DynamoDB.
pub async fn connect() -> Result<Dynox> {
    let aws = std::env::var_os("AWS_ENDPOINT_URL_DYNAMODB").is_some()
        || std::env::var("DYNOX_USE_AWS").is_ok_and(|v| v == "1");
    if aws {
        Dynox::from_env().await
    } else {
        Ok(Dynox::memory())
    }
}
