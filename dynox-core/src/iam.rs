//! Least-privilege IAM: the DynamoDB actions each request needs, on which
//! resources, recorded as requests are sent, and the policy that allows
//! exactly those (`Dynox::iam_policy`).

use crate::transport::Request;
use std::collections::{BTreeMap, BTreeSet};

/// What a request is authorized as: an IAM action on a resource.
pub(crate) type Permission = (Resource, &'static str);

/// An IAM resource of DynamoDB, by table (full name).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub(crate) enum Resource {
    Table(String),
    Index(String, String),
    Stream(String),
    /// Account-wide (ListTables).
    All,
}

impl Resource {
    fn arn(&self) -> String {
        // region and account are not known to the client: the policy's
        // reader pins them if they want to
        match self {
            Resource::Table(t) => format!("arn:aws:dynamodb:*:*:table/{t}"),
            Resource::Index(t, i) => format!("arn:aws:dynamodb:*:*:table/{t}/index/{i}"),
            Resource::Stream(t) => format!("arn:aws:dynamodb:*:*:table/{t}/stream/*"),
            Resource::All => "*".to_owned(),
        }
    }
}

/// The permissions `request` needs; `label` is the table (or tables,
/// comma-joined) the request was sent for. The match has no catch-all: a
/// new operation does not compile until it says what it needs.
pub(crate) fn permissions(request: &Request, label: &str) -> Vec<Permission> {
    let table = |name: Option<&str>| Resource::Table(name.unwrap_or(label).to_owned());
    let read = |name: Option<&str>, index: Option<&str>| match index {
        Some(i) => Resource::Index(name.unwrap_or(label).to_owned(), i.to_owned()),
        None => table(name),
    };
    match request {
        Request::PutItem(i) => vec![(table(i.table_name()), "dynamodb:PutItem")],
        Request::GetItem(i) => vec![(table(i.table_name()), "dynamodb:GetItem")],
        Request::UpdateItem(i) => vec![(table(i.table_name()), "dynamodb:UpdateItem")],
        Request::DeleteItem(i) => vec![(table(i.table_name()), "dynamodb:DeleteItem")],
        Request::Query(i) => vec![(read(i.table_name(), i.index_name()), "dynamodb:Query")],
        Request::Scan(i) => vec![(read(i.table_name(), i.index_name()), "dynamodb:Scan")],
        Request::BatchGetItem(i) => i
            .request_items
            .iter()
            .flatten()
            .map(|(t, _)| (table(Some(t)), "dynamodb:BatchGetItem"))
            .collect(),
        Request::BatchWriteItem(i) => i
            .request_items
            .iter()
            .flatten()
            .map(|(t, _)| (table(Some(t)), "dynamodb:BatchWriteItem"))
            .collect(),
        // a transaction is authorized action by action
        Request::TransactWriteItems(i) => i
            .transact_items
            .iter()
            .flatten()
            .filter_map(|t| {
                if let Some(p) = &t.put {
                    Some((table(Some(&p.table_name)), "dynamodb:PutItem"))
                } else if let Some(u) = &t.update {
                    Some((table(Some(&u.table_name)), "dynamodb:UpdateItem"))
                } else if let Some(d) = &t.delete {
                    Some((table(Some(&d.table_name)), "dynamodb:DeleteItem"))
                } else {
                    t.condition_check
                        .as_ref()
                        .map(|c| (table(Some(&c.table_name)), "dynamodb:ConditionCheckItem"))
                }
            })
            .collect(),
        Request::TransactGetItems(i) => i
            .transact_items
            .iter()
            .flatten()
            .filter_map(|t| t.get.as_ref())
            .map(|g| (table(Some(&g.table_name)), "dynamodb:GetItem"))
            .collect(),
        Request::CreateTable(i) => vec![(table(i.table_name()), "dynamodb:CreateTable")],
        Request::DescribeTable(i) => vec![(table(i.table_name()), "dynamodb:DescribeTable")],
        Request::DeleteTable(i) => vec![(table(i.table_name()), "dynamodb:DeleteTable")],
        Request::UpdateTable(i) => vec![(table(i.table_name()), "dynamodb:UpdateTable")],
        Request::UpdateTimeToLive(i) => {
            vec![(table(i.table_name()), "dynamodb:UpdateTimeToLive")]
        }
        Request::ListTagsOfResource(_) => vec![(table(None), "dynamodb:ListTagsOfResource")],
        Request::ListTables(_) => vec![(Resource::All, "dynamodb:ListTables")],
        Request::DescribeStream(_) => vec![(
            Resource::Stream(label.to_owned()),
            "dynamodb:DescribeStream",
        )],
        Request::GetShardIterator(_) => {
            vec![(
                Resource::Stream(label.to_owned()),
                "dynamodb:GetShardIterator",
            )]
        }
        Request::GetRecords(_) => vec![(Resource::Stream(label.to_owned()), "dynamodb:GetRecords")],
        // PartiQL is authorized by verb, per statement
        Request::ExecuteStatement(i) => partiql(i.statement().unwrap_or_default()),
        Request::BatchExecuteStatement(i) => i
            .statements()
            .iter()
            .flat_map(|s| partiql(&s.statement))
            .collect(),
        Request::ExecuteTransaction(i) => i
            .transact_statements()
            .iter()
            .flat_map(|s| partiql(&s.statement))
            .collect(),
    }
}

fn partiql(statement: &str) -> Vec<Permission> {
    let verb = statement.split_whitespace().next().unwrap_or_default();
    let action = ["SELECT", "INSERT", "UPDATE", "DELETE"]
        .iter()
        .zip([
            "dynamodb:PartiQLSelect",
            "dynamodb:PartiQLInsert",
            "dynamodb:PartiQLUpdate",
            "dynamodb:PartiQLDelete",
        ])
        .find(|(v, _)| verb.eq_ignore_ascii_case(v))
        .map(|(_, a)| a);
    match action {
        Some(a) => vec![(Resource::Table(crate::partiql::table_of(statement)), a)],
        None => Vec::new(),
    }
}

/// An IAM policy document allowing exactly `permissions`: one statement
/// per resource, actions sorted.
pub(crate) fn policy(permissions: &BTreeSet<Permission>) -> serde_json::Value {
    let mut by_resource: BTreeMap<&Resource, BTreeSet<&str>> = BTreeMap::new();
    for (resource, action) in permissions {
        by_resource.entry(resource).or_default().insert(action);
    }
    let statements: Vec<serde_json::Value> = by_resource
        .into_iter()
        .map(|(resource, actions)| {
            serde_json::json!({
                "Effect": "Allow",
                "Action": actions.into_iter().collect::<Vec<_>>(),
                "Resource": resource.arn(),
            })
        })
        .collect();
    serde_json::json!({ "Version": "2012-10-17", "Statement": statements })
}
