//! The field extensions' examples: values dynox generates, and fields it
//! stores compressed, encrypted or in S3.

pub mod compression;
pub mod encryption;
pub mod generated_values;
pub mod s3_files;
