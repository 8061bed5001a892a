//! The field extensions' examples: values dynox generates, and fields it
//! stores compressed or encrypted.

pub mod compression;
pub mod encryption;
pub mod generated_values;
