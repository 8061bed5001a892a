//! The field extensions' examples: values dynox generates, and fields it
//! stores compressed.

pub mod compression;
pub mod generated_values;
