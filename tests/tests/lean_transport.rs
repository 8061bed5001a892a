//! The lean AWS transport against the SDK transport, request by request, on
//! DynamoDB Local through a recording proxy: the same bytes on the wire,
//! the same answers, the same errors, and the SDK's standard retries.
#![cfg(feature = "dynamodb-local")]

use aws_sdk_dynamodb::operation::{
    batch_get_item::BatchGetItemInput, batch_write_item::BatchWriteItemInput,
    delete_item::DeleteItemInput, get_item::GetItemInput, put_item::PutItemInput,
    query::QueryInput, scan::ScanInput, transact_get_items::TransactGetItemsInput,
    transact_write_items::TransactWriteItemsInput, update_item::UpdateItemInput,
};
use aws_sdk_dynamodb::primitives::Blob;
use aws_sdk_dynamodb::types::{
    AttributeDefinition, AttributeValue as V, BillingMode, ConditionCheck, Delete, DeleteRequest,
    Get, KeySchemaElement, KeyType, KeysAndAttributes, Put, PutRequest, ReturnConsumedCapacity,
    ReturnItemCollectionMetrics, ReturnValue, ReturnValuesOnConditionCheckFailure,
    ScalarAttributeType, Select, TransactGetItem, TransactWriteItem, Update, WriteRequest,
};
use dynox_core::transport::{AwsTransport, LeanTransport, Request, Response, Transport};
use dynox_core::{Error, Item};
use dynox_tests::proxy::Proxy;
use dynox_tests::{item, local_endpoint, sdk_client_at, unique_prefix};
use std::collections::HashMap;

/// Text that exercises JSON escaping: quotes, backslashes, every control
/// character, multi-byte text, an emoji, a lone `/`.
fn awkward_text() -> String {
    let mut s = String::from("\"quoted\" \\back\\slash/ é ü ß 日本 🦀 ");
    s.extend((0u8..0x20).map(char::from));
    s.push('\u{7f}');
    s.push('\u{2028}');
    s
}

fn key(pk: &str, sk: &str) -> Item {
    item([("pk", V::S(pk.into())), ("sk", V::S(sk.into()))])
}

fn rich_item(pk: &str, sk: &str) -> Item {
    let mut it = key(pk, sk);
    let nested: Item = item([
        ("text", V::S(awkward_text())),
        ("n", V::N("-1.5e10".into())),
        (
            "list",
            V::L(vec![V::Bool(true), V::Null(true), V::N("0".into())]),
        ),
    ]);
    it.extend([
        ("s".to_owned(), V::S(awkward_text())),
        (
            "n".to_owned(),
            V::N("12345678901234567890.123456789".into()),
        ),
        (
            "b".to_owned(),
            V::B(Blob::new(vec![0u8, 1, 2, 254, 255, b'"'])),
        ),
        (
            "ss".to_owned(),
            V::Ss(vec!["a".into(), "b\"".into(), "ü".into()]),
        ),
        ("ns".to_owned(), V::Ns(vec!["1".into(), "-2.5".into()])),
        (
            "bs".to_owned(),
            V::Bs(vec![Blob::new(vec![1u8]), Blob::new(vec![2u8, 3])]),
        ),
        ("m".to_owned(), V::M(nested)),
        (
            "l".to_owned(),
            V::L(vec![V::S("x".into()), V::M(HashMap::new()), V::L(vec![])]),
        ),
        ("flag".to_owned(), V::Bool(false)),
        ("nothing".to_owned(), V::Null(true)),
        ("empty".to_owned(), V::S(String::new())),
    ]);
    it
}

fn names(pairs: &[(&str, &str)]) -> HashMap<String, String> {
    pairs
        .iter()
        .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
        .collect()
}

/// Every item operation the lean transport carries, with every member dynox
/// renders, in an order whose answers depend on what came before.
fn requests(table: &str) -> Vec<Request> {
    let t = table.to_owned();
    let put = PutItemInput::builder()
        .table_name(&t)
        .set_item(Some(rich_item("p1", "a")))
        .condition_expression("attribute_not_exists(#pk) OR #s <> :v")
        .set_expression_attribute_names(Some(names(&[("#pk", "pk"), ("#s", "s")])))
        .set_expression_attribute_values(Some(item([(":v", V::S(awkward_text()))])))
        .return_values(ReturnValue::AllOld)
        .return_consumed_capacity(ReturnConsumedCapacity::Indexes)
        .return_item_collection_metrics(ReturnItemCollectionMetrics::Size)
        .return_values_on_condition_check_failure(ReturnValuesOnConditionCheckFailure::AllOld)
        .build()
        .expect("put");
    let overwrite = put.clone();
    let refused = PutItemInput::builder()
        .table_name(&t)
        .set_item(Some(key("p1", "a")))
        .condition_expression("attribute_not_exists(pk)")
        .return_values_on_condition_check_failure(ReturnValuesOnConditionCheckFailure::AllOld)
        .build()
        .expect("put");
    let get = GetItemInput::builder()
        .table_name(&t)
        .set_key(Some(key("p1", "a")))
        .consistent_read(true)
        .projection_expression("#s, m.#t, l[1], ss")
        .set_expression_attribute_names(Some(names(&[("#s", "s"), ("#t", "text")])))
        .return_consumed_capacity(ReturnConsumedCapacity::Total)
        .build()
        .expect("get");
    let update = UpdateItemInput::builder()
        .table_name(&t)
        .set_key(Some(key("p1", "a")))
        .update_expression("SET #c = if_not_exists(#c, :zero) + :one, m.#t = :text REMOVE flag ADD ns :ns DELETE ss :ss")
        .condition_expression("attribute_exists(pk) AND size(#s) > :zero")
        .set_expression_attribute_names(Some(names(&[("#c", "count"), ("#t", "text"), ("#s", "s")])))
        .set_expression_attribute_values(Some(item([
            (":zero", V::N("0".into())),
            (":one", V::N("1".into())),
            (":text", V::S(awkward_text())),
            (":ns", V::Ns(vec!["7".into()])),
            (":ss", V::Ss(vec!["a".into()])),
        ])))
        .return_values(ReturnValue::UpdatedNew)
        .return_consumed_capacity(ReturnConsumedCapacity::Total)
        .build()
        .expect("update");
    let writes = (0..6)
        .map(|i| {
            WriteRequest::builder()
                .put_request(
                    PutRequest::builder()
                        .set_item(Some(rich_item("q", &format!("{i:02}"))))
                        .build()
                        .expect("put"),
                )
                .build()
        })
        .chain(std::iter::once(
            WriteRequest::builder()
                .delete_request(
                    DeleteRequest::builder()
                        .set_key(Some(key("nobody", "x")))
                        .build()
                        .expect("delete"),
                )
                .build(),
        ))
        .collect();
    let batch_write = BatchWriteItemInput::builder()
        .request_items(&t, writes)
        .return_consumed_capacity(ReturnConsumedCapacity::Total)
        .return_item_collection_metrics(ReturnItemCollectionMetrics::Size)
        .build()
        .expect("batch write");
    let batch_get = BatchGetItemInput::builder()
        .request_items(
            &t,
            KeysAndAttributes::builder()
                .set_keys(Some(vec![key("q", "00"), key("q", "03"), key("none", "x")]))
                .consistent_read(true)
                .projection_expression("pk, sk, #m")
                .set_expression_attribute_names(Some(names(&[("#m", "m")])))
                .build()
                .expect("keys"),
        )
        .return_consumed_capacity(ReturnConsumedCapacity::Total)
        .build()
        .expect("batch get");
    let query = QueryInput::builder()
        .table_name(&t)
        .key_condition_expression("pk = :pk AND sk BETWEEN :a AND :z")
        .filter_expression("attribute_exists(#m) AND NOT contains(#s, :x)")
        .projection_expression("pk, sk, #m, #s")
        .set_expression_attribute_names(Some(names(&[("#m", "m"), ("#s", "s")])))
        .set_expression_attribute_values(Some(item([
            (":pk", V::S("q".into())),
            (":a", V::S("01".into())),
            (":z", V::S("05".into())),
            (":x", V::S("never".into())),
        ])))
        .limit(3)
        .scan_index_forward(false)
        .consistent_read(true)
        .set_exclusive_start_key(Some(key("q", "05")))
        .return_consumed_capacity(ReturnConsumedCapacity::Total)
        .build()
        .expect("query");
    let count = QueryInput::builder()
        .table_name(&t)
        .key_condition_expression("pk = :pk")
        .set_expression_attribute_values(Some(item([(":pk", V::S("q".into()))])))
        .select(Select::Count)
        .build()
        .expect("count");
    let scan = ScanInput::builder()
        .table_name(&t)
        .filter_expression("begins_with(sk, :p)")
        .set_expression_attribute_values(Some(item([(":p", V::S("0".into()))])))
        .limit(4)
        .segment(1)
        .total_segments(2)
        .consistent_read(true)
        .return_consumed_capacity(ReturnConsumedCapacity::Total)
        .build()
        .expect("scan");
    let transact = TransactWriteItemsInput::builder()
        .transact_items(
            TransactWriteItem::builder()
                .condition_check(
                    ConditionCheck::builder()
                        .table_name(&t)
                        .set_key(Some(key("q", "00")))
                        .condition_expression("attribute_exists(pk)")
                        .build()
                        .expect("check"),
                )
                .build(),
        )
        .transact_items(
            TransactWriteItem::builder()
                .put(
                    Put::builder()
                        .table_name(&t)
                        .set_item(Some(rich_item("t", "1")))
                        .condition_expression("attribute_not_exists(pk)")
                        .build()
                        .expect("put"),
                )
                .build(),
        )
        .transact_items(
            TransactWriteItem::builder()
                .update(
                    Update::builder()
                        .table_name(&t)
                        .set_key(Some(key("q", "01")))
                        .update_expression("SET #n = :n")
                        .set_expression_attribute_names(Some(names(&[("#n", "n")])))
                        .set_expression_attribute_values(Some(item([(":n", V::N("9".into()))])))
                        .return_values_on_condition_check_failure(
                            ReturnValuesOnConditionCheckFailure::AllOld,
                        )
                        .build()
                        .expect("update"),
                )
                .build(),
        )
        .transact_items(
            TransactWriteItem::builder()
                .delete(
                    Delete::builder()
                        .table_name(&t)
                        .set_key(Some(key("q", "02")))
                        .build()
                        .expect("delete"),
                )
                .build(),
        )
        .client_request_token(format!("{t}-token-1-sdk"))
        .return_consumed_capacity(ReturnConsumedCapacity::Indexes)
        .return_item_collection_metrics(ReturnItemCollectionMetrics::Size)
        .build()
        .expect("transact write");
    // the same condition check now fails: cancelled, with the reasons
    let cancelled = TransactWriteItemsInput::builder()
        .transact_items(
            TransactWriteItem::builder()
                .condition_check(
                    ConditionCheck::builder()
                        .table_name(&t)
                        .set_key(Some(key("q", "02")))
                        .condition_expression("attribute_exists(pk)")
                        .return_values_on_condition_check_failure(
                            ReturnValuesOnConditionCheckFailure::AllOld,
                        )
                        .build()
                        .expect("check"),
                )
                .build(),
        )
        .transact_items(
            TransactWriteItem::builder()
                .put(
                    Put::builder()
                        .table_name(&t)
                        .set_item(Some(key("t", "2")))
                        .build()
                        .expect("put"),
                )
                .build(),
        )
        .client_request_token(format!("{t}-token-2-sdk"))
        .build()
        .expect("transact write");
    let transact_get = TransactGetItemsInput::builder()
        .transact_items(
            TransactGetItem::builder()
                .get(
                    Get::builder()
                        .table_name(&t)
                        .set_key(Some(key("t", "1")))
                        .projection_expression("#s, b")
                        .set_expression_attribute_names(Some(names(&[("#s", "s")])))
                        .build()
                        .expect("get"),
                )
                .build(),
        )
        .transact_items(
            TransactGetItem::builder()
                .get(
                    Get::builder()
                        .table_name(&t)
                        .set_key(Some(key("missing", "x")))
                        .build()
                        .expect("get"),
                )
                .build(),
        )
        .return_consumed_capacity(ReturnConsumedCapacity::Total)
        .build()
        .expect("transact get");
    let delete = DeleteItemInput::builder()
        .table_name(&t)
        .set_key(Some(key("p1", "a")))
        .condition_expression("#c = :one")
        .set_expression_attribute_names(Some(names(&[("#c", "count")])))
        .set_expression_attribute_values(Some(item([(":one", V::N("1".into()))])))
        .return_values(ReturnValue::AllOld)
        .return_consumed_capacity(ReturnConsumedCapacity::Total)
        .build()
        .expect("delete");
    let missing_table = GetItemInput::builder()
        .table_name(format!("{t}_missing"))
        .set_key(Some(key("a", "b")))
        .build()
        .expect("get");
    let invalid = UpdateItemInput::builder()
        .table_name(&t)
        .set_key(Some(key("q", "03")))
        .update_expression("SET #undefined = :v")
        .set_expression_attribute_values(Some(item([(":v", V::N("1".into()))])))
        .build()
        .expect("update");
    vec![
        Request::PutItem(put),
        Request::PutItem(overwrite),
        Request::PutItem(refused),
        Request::GetItem(get),
        Request::UpdateItem(update),
        Request::BatchWriteItem(batch_write),
        Request::BatchGetItem(batch_get),
        Request::Query(query),
        Request::Query(count),
        Request::Scan(scan),
        Request::TransactWriteItems(transact),
        Request::TransactWriteItems(cancelled),
        Request::TransactGetItems(transact_get),
        Request::DeleteItem(delete),
        Request::GetItem(missing_table),
        Request::UpdateItem(invalid),
    ]
}

async fn create_table(client: &aws_sdk_dynamodb::Client, table: &str) {
    let s = |n: &str| {
        AttributeDefinition::builder()
            .attribute_name(n)
            .attribute_type(ScalarAttributeType::S)
            .build()
            .expect("attribute")
    };
    let k = |n: &str, t| {
        KeySchemaElement::builder()
            .attribute_name(n)
            .key_type(t)
            .build()
            .expect("key")
    };
    client
        .create_table()
        .table_name(table)
        .attribute_definitions(s("pk"))
        .attribute_definitions(s("sk"))
        .key_schema(k("pk", KeyType::Hash))
        .key_schema(k("sk", KeyType::Range))
        .billing_mode(BillingMode::PayPerRequest)
        .send()
        .await
        .expect("table");
}

/// Whether two answers carry the same values (request ids aside: only the
/// SDK's outputs carry one). Maps are compared as maps, not as printed.
fn same(a: &dynox_core::Result<Response>, b: &dynox_core::Result<Response>) -> bool {
    use Response as R;
    // the members an answer carries, compared as values
    macro_rules! members {
        ($x:ident, $y:ident: $($m:ident),+) => {
            ($(&$x.$m,)+) == ($(&$y.$m,)+)
        };
    }
    match (a, b) {
        (Ok(R::PutItem(x)), Ok(R::PutItem(y))) => {
            members!(x, y: attributes, consumed_capacity, item_collection_metrics)
        }
        (Ok(R::UpdateItem(x)), Ok(R::UpdateItem(y))) => {
            members!(x, y: attributes, consumed_capacity, item_collection_metrics)
        }
        (Ok(R::DeleteItem(x)), Ok(R::DeleteItem(y))) => {
            members!(x, y: attributes, consumed_capacity, item_collection_metrics)
        }
        (Ok(R::GetItem(x)), Ok(R::GetItem(y))) => members!(x, y: item, consumed_capacity),
        (Ok(R::Query(x)), Ok(R::Query(y))) => {
            members!(x, y: items, count, scanned_count, last_evaluated_key, consumed_capacity)
        }
        (Ok(R::Scan(x)), Ok(R::Scan(y))) => {
            members!(x, y: items, count, scanned_count, last_evaluated_key, consumed_capacity)
        }
        (Ok(R::BatchGetItem(x)), Ok(R::BatchGetItem(y))) => {
            (&x.responses, &x.unprocessed_keys, &x.consumed_capacity)
                == (&y.responses, &y.unprocessed_keys, &y.consumed_capacity)
        }
        (Ok(R::BatchWriteItem(x)), Ok(R::BatchWriteItem(y))) => {
            (
                &x.unprocessed_items,
                &x.item_collection_metrics,
                &x.consumed_capacity,
            ) == (
                &y.unprocessed_items,
                &y.item_collection_metrics,
                &y.consumed_capacity,
            )
        }
        (Ok(R::TransactGetItems(x)), Ok(R::TransactGetItems(y))) => {
            (&x.responses, &x.consumed_capacity) == (&y.responses, &y.consumed_capacity)
        }
        (Ok(R::TransactWriteItems(x)), Ok(R::TransactWriteItems(y))) => {
            (&x.consumed_capacity, &x.item_collection_metrics)
                == (&y.consumed_capacity, &y.item_collection_metrics)
        }
        (
            Err(Error::ConditionalCheckFailed { item: x }),
            Err(Error::ConditionalCheckFailed { item: y }),
        ) => x == y,
        (
            Err(Error::TransactionCanceled { reasons: x }),
            Err(Error::TransactionCanceled { reasons: y }),
        ) => x == y,
        (Err(Error::Backend(x)), Err(Error::Backend(y))) => x.code == y.code,
        (Err(x), Err(y)) => format!("{x}") == format!("{y}"),
        _ => false,
    }
}

/// A short name of an outcome, to check the sequence reached each kind.
fn kind(result: &dynox_core::Result<Response>) -> String {
    match result {
        Ok(r) => format!("{:?}", r.kind()),
        Err(Error::ConditionalCheckFailed { item }) => {
            format!("ConditionalCheckFailed(item: {})", item.is_some())
        }
        Err(Error::TransactionCanceled { reasons }) => format!(
            "TransactionCanceled({})",
            reasons.iter().filter(|r| r.is_some()).count()
        ),
        Err(Error::Backend(b)) => format!("Backend({})", b.code),
        Err(e) => format!("{e:?}")
            .split([' ', '{', '('])
            .next()
            .unwrap_or_default()
            .to_owned(),
    }
}

async fn run(
    transport: &dyn Transport,
    proxy: &Proxy,
    table: &str,
    requests: &[Request],
) -> (
    Vec<dynox_core::Result<Response>>,
    Vec<dynox_tests::proxy::Recorded>,
) {
    let client = sdk_client_at(&local_endpoint());
    let _ = client.delete_table().table_name(table).send().await;
    create_table(&client, table).await;
    proxy.take();
    let mut outcomes = Vec::new();
    // clones: a map's clone iterates in the original's order, so both
    // transports get the same values in the same order
    for r in requests {
        let mut r = r.clone();
        if let Request::TransactWriteItems(t) = &mut r {
            // DynamoDB keeps a token for 10 minutes, across tables: each
            // run's transactions need tokens of their own to be applied
            if transport.name() == "aws-lean" {
                t.client_request_token = t
                    .client_request_token
                    .take()
                    .map(|token| token.replace("-sdk", "-lean"));
            }
        }
        outcomes.push(transport.send(r).await);
    }
    (outcomes, proxy.take())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_lean_transport_sends_the_sdk_bytes_and_reads_the_same_answers() {
    let proxy = Proxy::start(&local_endpoint()).await;
    let table = format!("{}lean_bytes", unique_prefix());
    let sdk = AwsTransport::new(sdk_client_at(&proxy.endpoint));
    let lean = LeanTransport::new(sdk_client_at(&proxy.endpoint));
    let requests = requests(&table);
    let (sdk_outcomes, sdk_sent) = run(&sdk, &proxy, &table, &requests).await;
    let (lean_outcomes, lean_sent) = run(&lean, &proxy, &table, &requests).await;

    // the lean transport resolves its endpoint once with a request that is
    // stopped before it is sent: the proxy saw exactly the operations
    assert_eq!(sdk_sent.len(), requests.len());
    assert_eq!(lean_sent.len(), sdk_sent.len());
    for (i, (s, l)) in sdk_sent.iter().zip(&lean_sent).enumerate() {
        assert_eq!(s.target, l.target, "request {i}");
        assert_eq!(s.content_type, l.content_type, "request {i} ({})", s.target);
        // the same bytes, but for the runs' own transaction tokens
        let lean_body = String::from_utf8_lossy(&l.body)
            .replace("-token-1-lean", "-token-1-sdk")
            .replace("-token-2-lean", "-token-2-sdk");
        assert!(
            s.body == lean_body.as_bytes(),
            "request {i} ({}): the bodies differ\n  sdk:  {}\n  lean: {}",
            s.target,
            String::from_utf8_lossy(&s.body),
            String::from_utf8_lossy(&l.body)
        );
    }
    assert_eq!(lean_outcomes.len(), sdk_outcomes.len());
    for (i, (s, l)) in sdk_outcomes.iter().zip(&lean_outcomes).enumerate() {
        assert!(
            same(s, l),
            "request {i}: the answers differ\n  sdk:  {s:?}\n  lean: {l:?}"
        );
    }
    // the sequence reached what it is for: items, a failed condition with
    // the stored item, a cancelled transaction, a missing table, a refusal
    let kinds: Vec<String> = sdk_outcomes.iter().map(kind).collect();
    for expected in [
        "ConditionalCheckFailed(item: true)",
        "TransactionCanceled(1)",
        "ResourceNotFound",
        "Validation",
        "Query",
        "Scan",
        "BatchGetItem",
        "TransactGetItems",
        "TransactWriteItems",
        "DeleteItem",
    ] {
        assert!(
            kinds.iter().any(|k| k == expected),
            "no outcome is {expected}: {kinds:?}"
        );
    }
    // and the reads found what the writes stored
    match (&sdk_outcomes[3], &sdk_outcomes[7]) {
        (Ok(Response::GetItem(g)), Ok(Response::Query(q))) => {
            assert!(g.item.as_ref().is_some_and(|i| i.len() == 4), "{g:?}");
            assert_eq!(
                (q.count, q.items.as_ref().map(Vec::len)),
                (3, Some(3)),
                "{q:?}"
            );
        }
        other => panic!("{other:?}"),
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_transaction_without_a_token_gets_one_and_keeps_it_across_retries() {
    let proxy = Proxy::start(&local_endpoint()).await;
    let table = format!("{}lean_token", unique_prefix());
    let client = sdk_client_at(&local_endpoint());
    create_table(&client, &table).await;
    let lean = LeanTransport::new(sdk_client_at(&proxy.endpoint));
    let put = TransactWriteItemsInput::builder()
        .transact_items(
            TransactWriteItem::builder()
                .put(
                    Put::builder()
                        .table_name(&table)
                        .set_item(Some(key("a", "b")))
                        .build()
                        .expect("put"),
                )
                .build(),
        )
        .build()
        .expect("transact");
    proxy.take();
    proxy.inject(1, 500, "InternalServerError");
    lean.send(Request::TransactWriteItems(put))
        .await
        .expect("retried, then applied");
    let sent = proxy.take();
    assert_eq!(sent.len(), 2, "one failed attempt, one retry");
    assert_eq!(
        sent[0].body, sent[1].body,
        "the retry carries the same token"
    );
    let body: serde_json::Value = serde_json::from_slice(&sent[0].body).expect("JSON");
    let token = body["ClientRequestToken"].as_str().expect("a token");
    assert_eq!(
        uuid::Uuid::parse_str(token).map(|u| u.get_version_num()),
        Ok(4),
        "{token}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn throttling_and_server_errors_are_retried_as_the_sdk_retries_them() {
    let proxy = Proxy::start(&local_endpoint()).await;
    let table = format!("{}lean_retry", unique_prefix());
    let client = sdk_client_at(&local_endpoint());
    create_table(&client, &table).await;
    let get = || {
        Request::GetItem(
            GetItemInput::builder()
                .table_name(&table)
                .set_key(Some(key("a", "b")))
                .build()
                .expect("get"),
        )
    };
    // a fast backoff, so the test waits milliseconds, not seconds
    let config = sdk_client_at(&proxy.endpoint)
        .config()
        .to_builder()
        .retry_config(
            aws_sdk_dynamodb::config::retry::RetryConfig::standard()
                .with_max_attempts(3)
                .with_initial_backoff(std::time::Duration::from_millis(5)),
        )
        .build();
    let sdk = AwsTransport::new(aws_sdk_dynamodb::Client::from_conf(config.clone()));
    let lean = LeanTransport::new(aws_sdk_dynamodb::Client::from_conf(config));
    lean.send(get()).await.expect("the endpoint probe"); // resolves once, unrecorded
    for transport in [&sdk as &dyn Transport, &lean] {
        let name = transport.name();
        for (status, code) in [
            (400, "ThrottlingException"),
            (400, "ProvisionedThroughputExceededException"),
            (500, "InternalServerError"),
            (503, "ServiceUnavailable"),
        ] {
            proxy.take();
            proxy.inject(2, status, code);
            transport
                .send(get())
                .await
                .unwrap_or_else(|e| panic!("{name}: {code} twice, then the answer: {e:?}"));
            assert_eq!(
                proxy.take().len(),
                3,
                "{name}: {code}: two failures and the answer"
            );
        }
        // three attempts at most: the third failure is the error
        proxy.inject(3, 400, "ThrottlingException");
        let e = transport.send(get()).await.expect_err("out of attempts");
        assert!(matches!(e, Error::Throttled { .. }), "{name}: {e:?}");
        assert_eq!(proxy.take().len(), 3, "{name}");
        // not retried: a validation error, a failed condition
        proxy.inject(1, 400, "ValidationException");
        let e = transport.send(get()).await.expect_err("refused");
        assert!(matches!(e, Error::Validation { .. }), "{name}: {e:?}");
        assert_eq!(proxy.take().len(), 1, "{name}: not retried");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_unreachable_endpoint_is_unreachable_on_both() {
    // a port nothing listens on
    let closed = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
    let endpoint = format!("http://{}", closed.local_addr().expect("address"));
    drop(closed);
    let config = sdk_client_at(&endpoint)
        .config()
        .to_builder()
        .retry_config(
            aws_sdk_dynamodb::config::retry::RetryConfig::standard()
                .with_initial_backoff(std::time::Duration::from_millis(5)),
        )
        .build();
    let get = Request::GetItem(
        GetItemInput::builder()
            .table_name("t")
            .set_key(Some(key("a", "b")))
            .build()
            .expect("get"),
    );
    for transport in [
        Box::new(AwsTransport::new(aws_sdk_dynamodb::Client::from_conf(
            config.clone(),
        ))) as Box<dyn Transport>,
        Box::new(LeanTransport::new(aws_sdk_dynamodb::Client::from_conf(
            config,
        ))),
    ] {
        match transport.send(get.clone()).await {
            Err(Error::Unreachable { message, .. }) => {
                assert_eq!(message, "connection failed", "{}", transport.name())
            }
            other => panic!("{}: {other:?}", transport.name()),
        }
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_stalled_answer_times_out_per_attempt_on_both() {
    let proxy = Proxy::start(&local_endpoint()).await;
    let table = format!("{}lean_timeout", unique_prefix());
    create_table(&sdk_client_at(&local_endpoint()), &table).await;
    let config = sdk_client_at(&proxy.endpoint)
        .config()
        .to_builder()
        .retry_config(
            aws_sdk_dynamodb::config::retry::RetryConfig::standard()
                .with_max_attempts(2)
                .with_initial_backoff(std::time::Duration::from_millis(5)),
        )
        .timeout_config(
            aws_sdk_dynamodb::config::timeout::TimeoutConfig::builder()
                .operation_attempt_timeout(std::time::Duration::from_millis(300))
                .build(),
        )
        .build();
    let get = Request::GetItem(
        GetItemInput::builder()
            .table_name(&table)
            .set_key(Some(key("a", "b")))
            .build()
            .expect("get"),
    );
    let lean = LeanTransport::new(aws_sdk_dynamodb::Client::from_conf(config.clone()));
    lean.send(get.clone()).await.expect("the endpoint probe"); // resolves once
    let sdk = AwsTransport::new(aws_sdk_dynamodb::Client::from_conf(config));
    for transport in [&sdk as &dyn Transport, &lean] {
        proxy.take();
        proxy.stall(2);
        let started = std::time::Instant::now();
        match transport.send(get.clone()).await {
            Err(Error::Unreachable { message, .. }) => {
                assert_eq!(
                    message,
                    "no answer within the configured timeout",
                    "{}",
                    transport.name()
                )
            }
            other => panic!("{}: {other:?}", transport.name()),
        }
        assert_eq!(
            proxy.take().len(),
            2,
            "{}: each attempt timed out",
            transport.name()
        );
        assert!(
            started.elapsed() >= std::time::Duration::from_millis(600),
            "{}",
            transport.name()
        );
        // and the next request, answered, goes through
        transport.send(get.clone()).await.expect("answered");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn requests_of_the_legacy_api_go_through_the_sdk_with_their_conditions() {
    use aws_sdk_dynamodb::types::ExpectedAttributeValue;
    let proxy = Proxy::start(&local_endpoint()).await;
    let table = format!("{}lean_legacy", unique_prefix());
    create_table(&sdk_client_at(&local_endpoint()), &table).await;
    let lean = LeanTransport::new(sdk_client_at(&proxy.endpoint));
    let put = |expected: bool| {
        let mut b = PutItemInput::builder()
            .table_name(&table)
            .set_item(Some(key("a", "b")));
        if expected {
            // the legacy form of attribute_not_exists(pk)
            b = b.expected(
                "pk",
                ExpectedAttributeValue::builder().exists(false).build(),
            );
        }
        Request::PutItem(b.build().expect("put"))
    };
    lean.send(put(false)).await.expect("stored");
    proxy.take();
    // dropping `Expected` would overwrite the item: it must fail instead
    let refused = lean.send(put(true)).await;
    assert!(
        matches!(refused, Err(Error::ConditionalCheckFailed { .. })),
        "{refused:?}"
    );
    let sent = proxy.take();
    assert_eq!(sent.len(), 1);
    let body = String::from_utf8_lossy(&sent[0].body);
    assert!(
        body.contains(r#""Expected":{"pk":{"Exists":false}}"#),
        "{body}"
    );
    // the SDK transport too; the embedded engine refuses such a request
    let sdk = AwsTransport::new(sdk_client_at(&local_endpoint()));
    let refused = sdk.send(put(true)).await;
    assert!(
        matches!(refused, Err(Error::ConditionalCheckFailed { .. })),
        "{refused:?}"
    );
    let memory = dynox_core::Dynox::memory();
    let refused = memory.transport().send(put(true)).await;
    assert!(matches!(refused, Err(Error::Refused { .. })), "{refused:?}");
}
