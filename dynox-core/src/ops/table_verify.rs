//! `Model::verify_table(&db)`: the differences between the table DynamoDB
//! has and the model's schema, so a deployment catches drift before a query
//! of a missing index fails in production.

use super::table::describe;
use super::OpFuture;
use crate::model::{IndexKind, IndexProjection, IndexSchema, KeyAttribute};
use crate::{DynoModel, Dynox, Error};
use aws_sdk_dynamodb::types::{
    KeySchemaElement, KeyType, Projection, ProjectionType, TableDescription,
};

/// One way a table differs from its model's schema. `Display` says what
/// differs and what to change.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum SchemaDifference {
    /// There is no table of this name.
    MissingTable {
        /// The table name, with the client's prefix.
        table: String,
    },
    /// A key of the table (`index` is `None`) or of an index differs.
    Key {
        /// The index, or `None` for the table's own key.
        index: Option<String>,
        /// `"partition key"` or `"sort key"`.
        role: &'static str,
        /// What the model declares, as `name (type)`, or `none`.
        expected: String,
        /// What the table has, in the same form.
        found: String,
    },
    /// The model declares an index the table lacks.
    MissingIndex {
        /// The index name.
        index: String,
        /// Whether it is a global index (one can be added to a table).
        global: bool,
    },
    /// The table has an index the model does not declare.
    ExtraIndex {
        /// The index name.
        index: String,
        /// Whether it is a global index.
        global: bool,
    },
    /// An index is global in one and local in the other.
    IndexKind {
        /// The index name.
        index: String,
        /// Whether the model declares it global.
        global_in_model: bool,
    },
    /// The table's stream is off or keeps another view than the model's
    /// `#[dyno(stream = "...")]`.
    Stream {
        /// The view the model names.
        expected: String,
        /// The table's view, or `none`.
        found: String,
    },
    /// An index copies other attributes than the model declares.
    Projection {
        /// The index name.
        index: String,
        /// `ALL`, `KEYS_ONLY` or `INCLUDE(a, b)` as the model declares it.
        expected: String,
        /// The same, as the table has it.
        found: String,
    },
}

impl std::fmt::Display for SchemaDifference {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let kind = |global: &bool| if *global { "global" } else { "local" };
        match self {
            SchemaDifference::MissingTable { table } => {
                write!(
                    f,
                    "table {table} does not exist: create it (`create_table`)"
                )
            }
            SchemaDifference::Key {
                index,
                role,
                expected,
                found,
            } => {
                let of = index
                    .as_ref()
                    .map_or("the table".to_owned(), |i| format!("index {i}"));
                write!(f, "the {role} of {of} is {found}, the model declares {expected}: a key cannot change, so recreate the {}", if index.is_some() { "index" } else { "table" })
            }
            SchemaDifference::MissingIndex {
                index,
                global: true,
            } => write!(
                f,
                "global index {index} is missing: add it (`update_table().add_index(\"{index}\")`)"
            ),
            SchemaDifference::MissingIndex {
                index,
                global: false,
            } => write!(
                f,
                "local index {index} is missing: a local index is created with its table only"
            ),
            SchemaDifference::ExtraIndex { index, global } => write!(
                f,
                "the table has a {} index {index} that the model does not declare",
                kind(global)
            ),
            SchemaDifference::IndexKind {
                index,
                global_in_model,
            } => write!(
                f,
                "index {index} is {} in the table and {} in the model",
                kind(&!global_in_model),
                kind(global_in_model)
            ),
            SchemaDifference::Stream { expected, found } => write!(
                f,
                "the table's stream is {found}, the model declares {expected}: turn it on (`update_table().stream(..)`; a stream's view cannot change, so turn another off first)"
            ),
            SchemaDifference::Projection {
                index,
                expected,
                found,
            } => write!(
                f,
                "index {index} projects {found}, the model declares {expected}: recreate the index"
            ),
        }
    }
}

pub(crate) fn verify_table<M: DynoModel>(db: &Dynox) -> OpFuture<'_, Vec<SchemaDifference>> {
    Box::pin(async move {
        let table = db.table_name::<M>();
        match describe(db, &table).await {
            Ok(description) => Ok(differences::<M>(&description)),
            Err(Error::ResourceNotFound { .. }) => Ok(vec![SchemaDifference::MissingTable {
                table: table.into_owned(),
            }]),
            Err(e) => Err(e),
        }
    })
}

/// Every difference between `description` and `M`'s schema: the table's
/// keys, then the model's indexes in order, then the table's extra ones.
fn differences<M: DynoModel>(description: &TableDescription) -> Vec<SchemaDifference> {
    let schema = M::SCHEMA;
    let mut out = Vec::new();
    key_differences(
        &mut out,
        description,
        None,
        [
            vec![&schema.partition_key],
            schema.sort_key.iter().collect(),
        ],
        description.key_schema(),
    );
    let globals: Vec<(&str, &[KeySchemaElement], Option<&Projection>)> = description
        .global_secondary_indexes()
        .iter()
        .map(|g| {
            (
                g.index_name().unwrap_or_default(),
                g.key_schema(),
                g.projection(),
            )
        })
        .collect();
    let locals: Vec<(&str, &[KeySchemaElement], Option<&Projection>)> = description
        .local_secondary_indexes()
        .iter()
        .map(|l| {
            (
                l.index_name().unwrap_or_default(),
                l.key_schema(),
                l.projection(),
            )
        })
        .collect();
    for index in schema.indexes {
        let global = index.kind == IndexKind::Global;
        let (same_kind, other_kind) = if global {
            (&globals, &locals)
        } else {
            (&locals, &globals)
        };
        let Some((_, key_schema, projection)) = same_kind.iter().find(|(n, ..)| *n == index.name)
        else {
            out.push(if other_kind.iter().any(|(n, ..)| *n == index.name) {
                SchemaDifference::IndexKind {
                    index: index.name.to_owned(),
                    global_in_model: global,
                }
            } else {
                SchemaDifference::MissingIndex {
                    index: index.name.to_owned(),
                    global,
                }
            });
            continue;
        };
        key_differences(
            &mut out,
            description,
            Some(index.name),
            [
                index.partition_keys().collect(),
                index.sort_keys().collect(),
            ],
            key_schema,
        );
        let (expected, found) = (expected_projection(index), found_projection(*projection));
        if expected != found {
            out.push(SchemaDifference::Projection {
                index: index.name.to_owned(),
                expected,
                found,
            });
        }
    }
    if let Some(expected) = schema.stream {
        let found = description
            .stream_specification()
            .filter(|s| s.stream_enabled())
            .and_then(|s| s.stream_view_type())
            .map_or("none", |v| v.as_str());
        if found != expected {
            out.push(SchemaDifference::Stream {
                expected: expected.to_owned(),
                found: found.to_owned(),
            });
        }
    }
    for (list, global) in [(&globals, true), (&locals, false)] {
        for (name, ..) in list.iter() {
            if !schema.indexes.iter().any(|i| i.name == *name) {
                out.push(SchemaDifference::ExtraIndex {
                    index: (*name).to_owned(),
                    global,
                });
            }
        }
    }
    out
}

/// The differences of one key schema, partition key then sort key.
fn key_differences(
    out: &mut Vec<SchemaDifference>,
    description: &TableDescription,
    index: Option<&str>,
    expected: [Vec<&KeyAttribute>; 2],
    found: &[KeySchemaElement],
) {
    let found_type = |name: &str| {
        description
            .attribute_definitions()
            .iter()
            .find(|d| d.attribute_name == name)
            .map_or("?", |d| d.attribute_type.as_str())
    };
    let roles = [
        ("partition key", KeyType::Hash),
        ("sort key", KeyType::Range),
    ];
    // a multi-attribute key lists its attributes in order
    let shown = |names: Vec<String>| {
        if names.is_empty() {
            "none".to_owned()
        } else {
            names.join(", ")
        }
    };
    for ((role, key_type), expected) in roles.into_iter().zip(expected) {
        let expected = shown(
            expected
                .iter()
                .map(|k| format!("{} ({})", k.name, k.key_type.as_str()))
                .collect(),
        );
        let found = shown(
            found
                .iter()
                .filter(|e| e.key_type == key_type)
                .map(|e| format!("{} ({})", e.attribute_name, found_type(&e.attribute_name)))
                .collect(),
        );
        if expected != found {
            out.push(SchemaDifference::Key {
                index: index.map(str::to_owned),
                role,
                expected,
                found,
            });
        }
    }
}

fn expected_projection(index: &IndexSchema) -> String {
    match index.projection {
        IndexProjection::All => "ALL".to_owned(),
        IndexProjection::KeysOnly => "KEYS_ONLY".to_owned(),
        IndexProjection::Include(attributes) => include(attributes.iter().copied()),
    }
}

fn found_projection(projection: Option<&Projection>) -> String {
    match projection.and_then(|p| p.projection_type()) {
        Some(ProjectionType::Include) => include(
            projection
                .map(|p| p.non_key_attributes())
                .unwrap_or_default()
                .iter()
                .map(String::as_str),
        ),
        Some(t) => t.as_str().to_owned(),
        None => "ALL".to_owned(),
    }
}

/// `INCLUDE(a, b)`, sorted: the order of the names does not matter.
fn include<'s>(attributes: impl Iterator<Item = &'s str>) -> String {
    let mut names: Vec<&str> = attributes.collect();
    names.sort_unstable();
    format!("INCLUDE({})", names.join(", "))
}
