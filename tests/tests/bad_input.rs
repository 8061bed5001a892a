//! Bad input gets a typed error, never a panic, on both backends.

use aws_sdk_dynamodb::types::AttributeValue as AV;
use dynox_core::prelude::*;
use dynox_tests::backend_tests;
use dynox_tests::models::{AllTypes, User};
use dynox_tests::{item, raw_put};

/// The advice a `Deserialize` error ends with, after the last `; `.
fn advice(r: Result<Option<Tracked<User>>>) -> String {
    let message = r.expect_err("a read error").to_string();
    message.rsplit("; ").next().unwrap_or_default().to_owned()
}

fn deserialize_error(r: Result<Option<Tracked<User>>>) -> (String, String, String, String) {
    match r {
        Err(Error::Deserialize {
            table,
            field,
            expected,
            found,
        }) => (table, field, expected, found),
        other => panic!("expected Error::Deserialize, got {other:?}"),
    }
}

backend_tests! {
    async fn missing_required_field(db: Dynox) -> Result<()> {
        User::create_table(&db).await?;
        let table = db.table_name::<User>();
        raw_put(&db, &table, item([("pk", AV::S("U".into())), ("sk", AV::S("P".into())), ("st", AV::S("x".into()))])).await?;
        let (t, field, expected, found) = deserialize_error(User::get(&db, "U", "P").await);
        assert_eq!((t.as_str(), field.as_str()), ("users", "name"));
        assert_eq!(expected, "S");
        assert!(found.contains("missing"), "{found}");
        let said = advice(User::get(&db, "U", "P").await);
        assert!(said.contains("`Option`") && said.contains("#[dyno(default)]"), "{said}");
        Ok(())
    }

    async fn wrong_type(db: Dynox) -> Result<()> {
        User::create_table(&db).await?;
        let table = db.table_name::<User>();
        raw_put(&db, &table, item([
            ("pk", AV::S("U".into())), ("sk", AV::S("P".into())),
            ("name", AV::N("12".into())), ("st", AV::S("x".into())),
        ])).await?;
        let (_, field, expected, found) = deserialize_error(User::get(&db, "U", "P").await);
        assert_eq!((field.as_str(), expected.as_str(), found.as_str()), ("name", "S", "N"));
        // an Option or a default would not read an N into a String: no such advice
        let said = advice(User::get(&db, "U", "P").await);
        assert!(said.contains("another DynamoDB type") && !said.contains("Option"), "{said}");
        Ok(())
    }

    async fn number_out_of_range(db: Dynox) -> Result<()> {
        User::create_table(&db).await?;
        let table = db.table_name::<User>();
        raw_put(&db, &table, item([
            ("pk", AV::S("U".into())), ("sk", AV::S("P".into())), ("name", AV::S("n".into())),
            ("st", AV::S("x".into())), ("age", AV::N("4294967296".into())),
        ])).await?;
        let (_, field, _, found) = deserialize_error(User::get(&db, "U", "P").await);
        assert_eq!(field, "age");
        assert!(found.contains("out of range"), "{found}");
        let said = advice(User::get(&db, "U", "P").await);
        assert!(said.contains("wider type") && !said.contains("Option"), "{said}");
        // a 38-digit number is an error for u32 too, not a wrap
        raw_put(&db, &table, item([
            ("pk", AV::S("U".into())), ("sk", AV::S("P".into())), ("name", AV::S("n".into())),
            ("st", AV::S("x".into())), ("age", AV::N("12345678901234567890123456789012345678".into())),
        ])).await?;
        assert!(matches!(User::get(&db, "U", "P").await, Err(Error::Deserialize { .. })));
        // a fraction is not an integer
        raw_put(&db, &table, item([
            ("pk", AV::S("U".into())), ("sk", AV::S("P".into())), ("name", AV::S("n".into())),
            ("st", AV::S("x".into())), ("age", AV::N("1.5".into())),
        ])).await?;
        let (_, _, _, found) = deserialize_error(User::get(&db, "U", "P").await);
        assert!(found.contains("not an integer"), "{found}");
        let said = advice(User::get(&db, "U", "P").await);
        assert!(said.contains("not one the field's type can hold"), "{said}");
        Ok(())
    }

    async fn wrong_type_inside_nested_value(db: Dynox) -> Result<()> {
        AllTypes::create_table(&db).await?;
        let mut bad = AllTypes::sample(1).to_item();
        bad.insert("address".into(), AV::M([("city".to_owned(), AV::Bool(true))].into()));
        raw_put(&db, &db.table_name::<AllTypes>(), bad).await?;
        match AllTypes::get(&db, 1, vec![0, 1, 2, 255]).await {
            Err(Error::Deserialize { field, expected, found, .. }) => {
                assert_eq!((field.as_str(), expected.as_str(), found.as_str()), ("address.city", "S", "BOOL"));
            }
            other => panic!("expected Deserialize, got {other:?}"),
        }
        let mut bad = AllTypes::sample(1).to_item();
        bad.insert("color".into(), AV::S("green".into()));
        raw_put(&db, &db.table_name::<AllTypes>(), bad).await?;
        assert!(matches!(AllTypes::get(&db, 1, vec![0, 1, 2, 255]).await, Err(Error::Deserialize { .. })));
        Ok(())
    }

    async fn binary_in_string_field_and_set_type_mismatch(db: Dynox) -> Result<()> {
        User::create_table(&db).await?;
        let table = db.table_name::<User>();
        raw_put(&db, &table, item([
            ("pk", AV::S("U".into())), ("sk", AV::S("P".into())), ("name", AV::S("n".into())),
            ("st", AV::B(aws_smithy_types::Blob::new(vec![1]))),
        ])).await?;
        let (_, field, _, found) = deserialize_error(User::get(&db, "U", "P").await);
        assert_eq!((field.as_str(), found.as_str()), ("st", "B"));
        raw_put(&db, &table, item([
            ("pk", AV::S("U".into())), ("sk", AV::S("P".into())), ("name", AV::S("n".into())),
            ("st", AV::S("x".into())), ("tags", AV::Ns(vec!["1".into()])),
        ])).await?;
        let (_, field, expected, found) = deserialize_error(User::get(&db, "U", "P").await);
        assert_eq!((field.as_str(), expected.as_str(), found.as_str()), ("tags", "SS", "NS"));
        Ok(())
    }

    async fn unknown_attributes_are_ignored(db: Dynox) -> Result<()> {
        User::create_table(&db).await?;
        let mut stored = User::new("U", "P", "n").to_item();
        stored.insert("added_by_another_service".into(), AV::S("x".into()));
        raw_put(&db, &db.table_name::<User>(), stored).await?;
        assert_eq!(User::get(&db, "U", "P").await?.map(|u| u.into_inner().name), Some("n".to_owned()));
        Ok(())
    }

    async fn missing_table_is_resource_not_found(db: Dynox) -> Result<()> {
        let r = User::get(&db, "U", "P").await;
        assert!(matches!(r, Err(Error::ResourceNotFound { .. })), "{r:?}");
        let r = User::new("U", "P", "n").save(&db).await;
        assert!(matches!(r, Err(Error::ResourceNotFound { .. })), "{r:?}");
        Ok(())
    }

    async fn values_dynamodb_rejects_are_validation_errors(db: Dynox) -> Result<()> {
        User::create_table(&db).await?;
        // an empty string is not a valid key value
        let r = User::new("", "P", "n").save(&db).await;
        assert!(matches!(r, Err(Error::Validation { .. })), "{r:?}");
        // NaN has no DynamoDB number form
        AllTypes::create_table(&db).await?;
        let mut v = AllTypes::sample(1);
        v.f64_ = f64::NAN;
        let r = v.save(&db).await;
        assert!(matches!(r, Err(Error::Validation { .. })), "{r:?}");
        // u128::MAX has 39 digits, one more than DynamoDB keeps
        let mut v = AllTypes::sample(1);
        v.u128_ = u128::MAX;
        let r = v.save(&db).await;
        assert!(matches!(r, Err(Error::Validation { .. })), "{r:?}");
        // nothing was stored by the failed writes
        assert!(AllTypes::get(&db, 1, vec![0, 1, 2, 255]).await?.is_none());
        Ok(())
    }

    async fn table_names_dynamodb_rejects_are_validation_errors(db: Dynox) -> Result<()> {
        // DynamoDB allows 3 to 255 characters of a-z, A-Z, 0-9, '_', '-', '.'
        for prefix in ["bad name ", "bad/", "ünï"] {
            let bad = db.with_table_prefix(prefix);
            let r = User::create_table(&bad).await;
            assert!(matches!(r, Err(Error::Validation { .. })), "{prefix:?}: {r:?}");
            let r = User::new("U", "P", "n").save(&bad).await;
            assert!(matches!(r, Err(Error::Validation { .. })), "{prefix:?}: {r:?}");
        }
        let long = db.with_table_prefix("x".repeat(300));
        let r = User::create_table(&long).await;
        assert!(matches!(r, Err(Error::Validation { .. })), "{r:?}");
        Ok(())
    }

    async fn over_large_item_is_rejected(db: Dynox) -> Result<()> {
        User::create_table(&db).await?;
        let user = User::new("U", "P", &"x".repeat(410 * 1024));
        let r = user.save(&db).await;
        assert!(matches!(r, Err(Error::Validation { .. }) | Err(Error::ItemTooLarge { .. })), "{r:?}");
        Ok(())
    }
}

#[tokio::test]
async fn unreachable_endpoint_fails_fast_with_a_clear_error() {
    use aws_sdk_dynamodb::config::{BehaviorVersion, Credentials, Region};
    // a port nothing listens on; the SDK's connect timeout bounds the wait
    let config = aws_sdk_dynamodb::Config::builder()
        .behavior_version(BehaviorVersion::latest())
        .endpoint_url("http://127.0.0.1:9")
        .region(Region::new("us-east-1"))
        .credentials_provider(Credentials::new(
            "k",
            "secret-do-not-print",
            None,
            None,
            "test",
        ))
        .retry_config(aws_sdk_dynamodb::config::retry::RetryConfig::disabled())
        .build();
    let db = Dynox::from_client(aws_sdk_dynamodb::Client::from_conf(config));
    let started = std::time::Instant::now();
    let r = User::get(&db, "U", "P").await;
    assert!(matches!(r, Err(Error::Unreachable { .. })), "{r:?}");
    assert!(started.elapsed() < std::time::Duration::from_secs(30));
    assert!(!format!("{db:?}").contains("secret"), "{db:?}");
}

#[tokio::test]
async fn a_server_that_never_answers_times_out_within_the_configured_time() {
    use aws_sdk_dynamodb::config::{BehaviorVersion, Credentials, Region};
    use aws_smithy_types::timeout::TimeoutConfig;
    // accepts connections and reads, but never answers
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("a port");
    let endpoint = format!("http://{}", listener.local_addr().expect("address"));
    let silent = tokio::spawn(async move {
        let mut held = Vec::new();
        while let Ok((socket, _)) = listener.accept().await {
            held.push(socket);
        }
    });
    let config = aws_sdk_dynamodb::Config::builder()
        .behavior_version(BehaviorVersion::latest())
        .endpoint_url(endpoint)
        .region(Region::new("us-east-1"))
        .credentials_provider(Credentials::new("k", "s", None, None, "test"))
        .timeout_config(
            TimeoutConfig::builder()
                .operation_attempt_timeout(std::time::Duration::from_millis(500))
                .operation_timeout(std::time::Duration::from_secs(2))
                .build(),
        )
        .build();
    let db = Dynox::from_client(aws_sdk_dynamodb::Client::from_conf(config));
    let started = std::time::Instant::now();
    let r = User::get(&db, "U", "P").await;
    let waited = started.elapsed();
    assert!(matches!(&r, Err(Error::Unreachable { .. })), "{r:?}");
    assert!(
        r.unwrap_err().to_string().contains("timeout"),
        "says what happened"
    );
    assert!(
        waited < std::time::Duration::from_secs(5),
        "gave up after {waited:?}"
    );
    silent.abort();
}

#[tokio::test]
async fn a_missing_region_is_a_configuration_error_that_says_what_to_set() {
    use aws_sdk_dynamodb::config::{BehaviorVersion, Credentials};
    // no region: the SDK cannot sign the request, so nothing is sent
    let config = aws_sdk_dynamodb::Config::builder()
        .behavior_version(BehaviorVersion::latest())
        .endpoint_url("http://127.0.0.1:9")
        .credentials_provider(Credentials::new("k", "s", None, None, "test"))
        .build();
    let db = Dynox::from_client(aws_sdk_dynamodb::Client::from_conf(config));
    let err = User::get(&db, "U", "P").await.expect_err("no region");
    assert!(matches!(err, Error::Configuration { .. }), "{err:?}");
    assert!(!err.is_retryable(), "no retry sets a region");
    assert!(err.to_string().contains("AWS_REGION"), "{err}");
}

/// The error patterns as API.md writes them compile against `Error`.
#[test]
fn error_variants_match_the_api_contract() {
    fn describe(e: &Error) -> &'static str {
        match e {
            Error::ConditionalCheckFailed { item: _ } => "condition",
            Error::VersionConflict { item: _ } => "version",
            Error::ResourceNotFound { .. } => "missing",
            Error::Throttled { .. } => "throttled",
            Error::Validation { message: _ } => "validation",
            Error::ItemTooLarge { size: _, max: _ } => "too large",
            Error::TransactionCanceled { reasons: _ } => "canceled",
            Error::Deserialize { .. } => "deserialize",
            Error::KeyChanged { .. } => "key changed",
            Error::Hook(..) => "hook",
            Error::Backend(..) => "backend",
            _ => "other",
        }
    }
    assert_eq!(describe(&Error::backend("X", "cause")), "backend");
    assert_eq!(describe(&Error::Hook("no".into())), "hook");
}
