//! The single-table guide's examples: several entity types in one table,
//! keys composed from fields by templates.

pub mod follower_following;
pub mod inverted_index;
pub mod mixed_entities;
pub mod template_basic;
pub mod template_multiple;
