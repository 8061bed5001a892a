//! Items as JSON, in the two forms users meet.
//!
//! - Plain JSON ([`item_to_json`], and a model's `to_json` / `from_json`):
//!   what boto3's resource API hands Python code, written as JSON. Strings are
//!   strings, numbers are JSON numbers with their exact text (an `i128`, a
//!   `u128` or a 38-digit decimal passes without rounding), sets are arrays,
//!   binary is base64 text. Reading it back needs the model's types (a string
//!   may be text or base64 binary, an array a list or a set), so only a model
//!   reads plain JSON.
//! - DynamoDB JSON ([`item_to_dynamodb_json`], [`item_from_dynamodb_json`]):
//!   each value tagged with its type (`{"S": "..."}`), the format of the AWS
//!   CLI, of DynamoDB's API and of its export to S3. It carries its own
//!   types, so it reads into an [`Item`](crate::Item) without a model.
//!
//! Exact numbers come from serde_json's `arbitrary_precision` feature, which
//! dynox turns on (features are shared by the whole build, so a program that
//! uses dynox has it on too; see the README's JSON section).

mod model;
mod plain;
mod typed;

pub use plain::{attribute_to_json, item_to_json};
pub use typed::{
    attribute_from_dynamodb_json, attribute_to_dynamodb_json, item_from_dynamodb_json,
    item_to_dynamodb_json,
};

pub(crate) use model::{model_from_dynamodb_json, model_from_json};
pub(crate) use plain::{binary_from_json, list_from_json, map_from_json, natural, set_from_json};
