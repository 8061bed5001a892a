//! Single-table design on both backends: key templates composed from
//! fields and read back, sort order of padded numbers and dates, queries
//! by placeholder that stay within their entity type, escaping of the
//! separator, stored keys that do not parse, and entity-type checks.

use aws_sdk_dynamodb::types::AttributeValue as Av;
use chrono::{DateTime, NaiveDate, TimeZone, Utc};
use dynox_core::ops::Query;
use dynox_core::prelude::*;
use dynox_core::ModelKey;
use dynox_tests::{backend_tests, item, raw_get, raw_put};
use proptest::prelude::*;
use proptest::strategy::ValueTree;
use proptest::test_runner::{Config, TestRng, TestRunner};
use uuid::Uuid;

#[derive(DynoValue, Debug, Clone, Copy, PartialEq)]
#[dyno(rename_all = "snake_case")]
pub enum Tier {
    Free,
    Pro,
}

/// Every placeholder type, in two templates of up to eight placeholders.
#[derive(DynoModel, Debug, Clone, PartialEq)]
#[dyno(
    table = "st_types",
    pk = "T#{text}#{tier}#{day}#{at}#{id}",
    sk = "{small}#{u16v}#{u32v}#{u64v}#{i8v}#{i16v}#{i32v}#{i64v}"
)]
pub struct Every {
    pub text: String,
    pub tier: Tier,
    pub day: NaiveDate,
    pub at: DateTime<Utc>,
    pub id: Uuid,
    pub small: u8,
    pub u16v: u16,
    pub u32v: u32,
    pub u64v: u64,
    pub i8v: i8,
    pub i16v: i16,
    pub i32v: i32,
    pub i64v: i64,
    pub note: String,
}

/// A user and their orders, in one table.
#[derive(DynoModel, Debug, Clone, PartialEq)]
#[dyno(table = "st_app", pk = "USER#{user}", sk = "PROFILE")]
pub struct User {
    pub user: String,
    pub name: String,
}

#[derive(DynoModel, Debug, Clone, PartialEq)]
#[dyno(table = "st_app", pk = "USER#{user}", sk = "ORDER#{placed}#{number}")]
pub struct Order {
    pub user: String,
    pub placed: NaiveDate,
    pub number: u32,
    pub total: i64,
}

/// Sorts by a signed number and a time, to check the key text's order.
#[derive(DynoModel, Debug, Clone, PartialEq)]
#[dyno(table = "st_app", pk = "SERIES#{series}", sk = "AT#{at}#{delta}")]
pub struct Point {
    pub series: String,
    pub at: DateTime<Utc>,
    pub delta: i32,
}

fn day(d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, d).expect("a day")
}

fn every(text: &str, n: i64) -> Every {
    Every {
        text: text.into(),
        tier: if n % 2 == 0 { Tier::Free } else { Tier::Pro },
        day: day(1 + (n.unsigned_abs() % 28) as u32),
        at: Utc
            .timestamp_opt(1_700_000_000 + n, 123_456_000)
            .single()
            .expect("a time"),
        id: Uuid::from_u128(0x1234_5678_9abc_def0_1234_5678_9abc_def0 ^ n as u128),
        small: (n as u8).wrapping_mul(7),
        u16v: u16::MAX - n as u16,
        u32v: n as u32,
        u64v: (u64::MAX / 3).wrapping_add(n as u64),
        i8v: (n as i8).wrapping_neg(),
        i16v: i16::MIN.wrapping_add(n as i16),
        i32v: -(n as i32),
        i64v: (i64::MIN / 2).wrapping_add(n),
        note: format!("note {n}"),
    }
}

fn order(user: &str, d: u32, number: u32) -> Order {
    Order {
        user: user.into(),
        placed: day(d),
        number,
        total: 10 * i64::from(number),
    }
}

/// Sorts by a date and an unsigned number.
#[derive(DynoModel, Debug, Clone, PartialEq)]
#[dyno(table = "st_app", pk = "DAYS#{series}", sk = "D#{day}#{n}")]
pub struct Dated {
    pub series: String,
    pub day: NaiveDate,
    pub n: u64,
}

/// Two models of one table, each with an index of its own.
#[derive(DynoModel, Debug, Clone, PartialEq)]
#[dyno(table = "st_shop", pk = "CUSTOMER#{customer}", sk = "PROFILE")]
pub struct Customer {
    pub customer: String,
    #[dyno(gsi = "by_email")]
    pub email: String,
}

#[derive(DynoModel, Debug, Clone, PartialEq)]
#[dyno(
    table = "st_shop",
    pk = "CUSTOMER#{customer}",
    sk = "PURCHASE#{number}"
)]
pub struct Purchase {
    pub customer: String,
    pub number: u32,
    #[dyno(gsi = "by_status")]
    pub status: String,
}

/// Declares the `by_email` index of `st_shop` with another key type.
#[derive(DynoModel, Debug, Clone, PartialEq)]
#[dyno(table = "st_shop", pk = "CUSTOMER#{customer}", sk = "NOTE#{number}")]
pub struct Note {
    pub customer: String,
    pub number: u32,
    #[dyno(gsi = "by_email")]
    pub email: u64,
}

/// Names the sort key of `st_shop` differently.
#[derive(DynoModel, Debug, Clone, PartialEq)]
#[dyno(
    table = "st_shop",
    pk = "CUSTOMER#{customer}",
    sk = "X#{number}",
    sk_attribute = "SK"
)]
pub struct Stray {
    pub customer: String,
    pub number: u32,
}

/// A blog in one table: an author's profile, posts and remarks share the
/// author's partition; drafts too, which the collection does not name.
#[derive(DynoModel, Debug, Clone, PartialEq)]
#[dyno(table = "st_blog", pk = "AUTHOR#{author}", sk = "PROFILE")]
pub struct Author {
    pub author: String,
    pub name: String,
}

#[derive(DynoModel, Debug, Clone, PartialEq)]
#[dyno(table = "st_blog", pk = "AUTHOR#{author}", sk = "POST#{n}")]
pub struct Post {
    pub author: String,
    pub n: u32,
    pub body: String,
}

#[derive(DynoModel, Debug, Clone, PartialEq)]
#[dyno(table = "st_blog", pk = "AUTHOR#{author}", sk = "REMARK#{post}#{n}")]
pub struct Remark {
    pub author: String,
    pub post: u32,
    pub n: u32,
    pub text: String,
}

#[derive(DynoModel, Debug, Clone, PartialEq)]
#[dyno(table = "st_blog", pk = "AUTHOR#{author}", sk = "DRAFT#{n}")]
pub struct Draft {
    pub author: String,
    pub n: u32,
}

#[derive(DynoCollection, Debug)]
pub enum Blog {
    Author(Author),
    Posts(Post),
    Remarks(Remark),
}

/// Who follows whom, and the inverted index: who is followed by whom.
#[derive(DynoModel, Debug, Clone, PartialEq)]
#[dyno(
    table = "st_follow",
    pk = "USER#{follower}",
    sk = "FOLLOWS#{followed}",
    gsi(
        name = "inverted",
        pk = "USER#{followed}",
        sk = "FOLLOWED_BY#{follower}"
    )
)]
pub struct Follow {
    pub follower: String,
    pub followed: String,
    pub since: u32,
}

/// The classic inverted index: the table's sort key as the index's
/// partition key, no attribute of its own; and an index on a field that
/// changes, which a save keeps up to date.
#[derive(DynoModel, Debug, Clone, PartialEq)]
#[dyno(
    table = "st_invoices",
    pk = "CUSTOMER#{customer}",
    sk = "INVOICE#{number}",
    gsi(
        name = "by_number",
        pk_attribute = "sk",
        pk = "INVOICE#{number}",
        sk_attribute = "pk",
        sk = "CUSTOMER#{customer}"
    ),
    gsi(name = "by_status", pk = "STATUS#{status}", sk = "INVOICE#{number}")
)]
pub struct Invoice {
    pub customer: String,
    pub number: u32,
    pub status: Tier,
    pub amount: u64,
}

/// An order and its lines, under their user; the index `by_order` gathers
/// them by order.
#[derive(DynoModel, Debug, Clone, PartialEq)]
#[dyno(
    table = "st_orders",
    pk = "USER#{user}",
    sk = "ORDER#{order}",
    gsi(name = "by_order", pk = "ORDER#{order}", sk = "HEAD")
)]
pub struct Head {
    pub user: String,
    pub order: u32,
}

#[derive(DynoModel, Debug, Clone, PartialEq)]
#[dyno(
    table = "st_orders",
    pk = "USER#{user}",
    sk = "LINE#{order}#{n}",
    gsi(name = "by_order", pk = "ORDER#{order}", sk = "LINE#{n}")
)]
pub struct Line {
    pub user: String,
    pub order: u32,
    pub n: u32,
    pub sku: String,
}

#[derive(DynoCollection, Debug)]
#[dyno(index = "by_order")]
pub enum OrderItems {
    Head(Head),
    Lines(Line),
}

/// A parcel and its lines: the lines' sort keys extend the parcel's
/// (`PARCEL#1` and `PARCEL#1#LINE#2`), and a photo's the profile's.
#[derive(DynoModel, Debug, Clone, PartialEq)]
#[dyno(table = "st_parcels", pk = "USER#{user}", sk = "PARCEL#{id}")]
pub struct Parcel {
    pub user: String,
    pub id: u32,
}

#[derive(DynoModel, Debug, Clone, PartialEq)]
#[dyno(table = "st_parcels", pk = "USER#{user}", sk = "PARCEL#{id}#LINE#{n}")]
pub struct ParcelLine {
    pub user: String,
    pub id: u32,
    pub n: u32,
}

#[derive(DynoModel, Debug, Clone, PartialEq)]
#[dyno(table = "st_parcels", pk = "USER#{user}", sk = "PROFILE")]
pub struct Holder {
    pub user: String,
}

#[derive(DynoModel, Debug, Clone, PartialEq)]
#[dyno(table = "st_parcels", pk = "USER#{user}", sk = "PROFILE_PHOTO#{n}")]
pub struct Photo {
    pub user: String,
    pub n: u32,
}

/// The day and number of each order a query reads, in order.
async fn numbers(query: Query<'_, Order, OrderKey>) -> Result<Vec<(u32, u32)>> {
    use chrono::Datelike;
    let orders = query.all().await?;
    Ok(orders.iter().map(|o| (o.placed.day(), o.number)).collect())
}

backend_tests! {
    async fn every_placeholder_type_round_trips(db: Dynox) -> Result<()> {
        Every::create_table(&db).await?;
        let values = [
            every("plain", 0),
            every("with # and % and %23", 1),
            every("", 2),
            every("é#ü", -3),
            Every { i8v: i8::MIN, i16v: i16::MIN, i32v: i32::MIN, i64v: i64::MIN, ..every("min", 4) },
            Every { i8v: i8::MAX, i16v: i16::MAX, i32v: i32::MAX, i64v: i64::MAX, small: u8::MAX, u64v: u64::MAX, ..every("max", 5) },
        ];
        for v in &values {
            v.save(&db).await?;
        }
        for v in &values {
            let got = Every::get(
                &db, v.text.as_str(), v.tier, v.day, v.at, v.id, v.small, v.u16v, v.u32v,
                v.u64v, v.i8v, v.i16v, v.i32v, v.i64v,
            )
            .await?;
            assert_eq!(got.as_deref(), Some(v));
            // the keys alone give every placeholder's field back
            let mut keys_and_note = v.key().to_key_item();
            keys_and_note.insert("note".into(), Av::S(v.note.clone()));
            assert_eq!(Every::from_item(keys_and_note)?, *v);
        }
        // the separator is escaped, not split on
        let stored = raw_get(&db, &db.table_name::<Every>(), values[1].key().to_key_item()).await;
        let Some(Av::S(pk)) = stored.get("pk") else { panic!("no pk: {stored:?}") };
        assert!(pk.starts_with("T#with %23 and %25 and %2523#pro#2026-11-02#"), "{pk}");
        assert_eq!(stored.get("_et"), Some(&Av::S("Every".into())));
        assert_eq!(stored.get("text"), Some(&Av::S("with # and % and %23".into())), "the field is stored too");
        Ok(())
    }

    async fn numbers_and_times_sort_as_their_values(db: Dynox) -> Result<()> {
        Point::create_table(&db).await?;
        let mut runner = TestRunner::new_with_rng(
            Config::default(),
            TestRng::from_seed(proptest::test_runner::RngAlgorithm::ChaCha, &[7; 32]),
        );
        let strategy = (-2_000_000_000i64..2_000_000_000, any::<i32>());
        let mut points = Vec::new();
        for _ in 0..1_000 {
            let (seconds, delta) = strategy.new_tree(&mut runner).expect("a value").current();
            let at = Utc.timestamp_opt(seconds, 0).single().expect("a time");
            points.push(Point { series: "s".into(), at, delta });
        }
        let mut batch = db.batch_write();
        for p in &points {
            batch = batch.put(p);
        }
        batch.await?;
        let read: Vec<(DateTime<Utc>, i32)> = Point::query(&db, "s")
            .all()
            .await?
            .into_iter()
            .map(|p| (p.at, p.delta))
            .collect();
        let mut expected: Vec<(DateTime<Utc>, i32)> = points.iter().map(|p| (p.at, p.delta)).collect();
        expected.sort();
        expected.dedup();
        assert_eq!(read, expected, "key order is the typed order");

        // dates and unsigned numbers the same way
        let strategy = (0i32..3_000_000, any::<u64>());
        let mut dated = Vec::new();
        for _ in 0..1_000 {
            let (days, n) = strategy.new_tree(&mut runner).expect("a value").current();
            let day = NaiveDate::from_num_days_from_ce_opt(days).expect("a day in years 1 to 8214");
            dated.push(Dated { series: "s".into(), day, n });
        }
        db.batch_write().put_all(&dated).await?;
        let read: Vec<(NaiveDate, u64)> = Dated::query(&db, "s")
            .all()
            .await?
            .into_iter()
            .map(|d| (d.day, d.n))
            .collect();
        let mut expected: Vec<(NaiveDate, u64)> = dated.iter().map(|d| (d.day, d.n)).collect();
        expected.sort();
        expected.dedup();
        assert_eq!(read, expected, "key order is the typed order");
        Ok(())
    }

    async fn a_query_stays_within_its_entity_type(db: Dynox) -> Result<()> {
        Order::create_table(&db).await?;
        User { user: "ann".into(), name: "Ann".into() }.save(&db).await?;
        for (d, n) in [(1, 9), (1, 10), (2, 1), (3, 5), (3, 6), (4, 1)] {
            order("ann", d, n).save(&db).await?;
        }
        order("bob", 1, 1).save(&db).await?;

        let all = numbers(Order::query(&db, "ann")).await?;
        assert_eq!(all, [(1, 9), (1, 10), (2, 1), (3, 5), (3, 6), (4, 1)]);
        let profile = User::query(&db, "ann").all().await?;
        assert_eq!(profile.len(), 1, "the profile alone");

        let q = numbers;
        assert_eq!(q(Order::query(&db, "ann").sort_prefix(day(1))).await?, [(1, 9), (1, 10)]);
        assert_eq!(q(Order::query(&db, "ann").sort_prefix((day(3), 6u32))).await?, [(3, 6)]);
        assert_eq!(q(Order::query(&db, "ann").sort_between(day(2), day(3))).await?, [(2, 1), (3, 5), (3, 6)]);
        assert_eq!(q(Order::query(&db, "ann").sort_between((day(1), 10u32), (day(3), 5u32))).await?, [(1, 10), (2, 1), (3, 5)]);
        assert_eq!(q(Order::query(&db, "ann").sort_from(day(3))).await?, [(3, 5), (3, 6), (4, 1)]);
        assert_eq!(q(Order::query(&db, "ann").sort_to(day(1))).await?, [(1, 9), (1, 10)]);
        let last = Order::query(&db, "ann").sort_from(day(3)).reverse().limit(1).page().await?;
        assert_eq!(last.items.iter().map(|o| (o.number, o.total)).collect::<Vec<_>>(), [(1, 10)]);

        // the profile item is not read at all: no filter drops it
        db.reset_metrics();
        let n = Order::query(&db, "ann").all().await?.len();
        assert_eq!((n as u64, db.metrics().scanned_count), (6, 6));
        Ok(())
    }

    async fn another_entity_types_item_is_a_clear_error(db: Dynox) -> Result<()> {
        Order::create_table(&db).await?;
        User { user: "ann".into(), name: "Ann".into() }.save(&db).await?;
        let table = db.table_name::<Order>();
        // an order's key, holding a user's item
        let mut stolen = raw_get(&db, &table, User { user: "ann".into(), name: String::new() }.key().to_key_item()).await;
        stolen.insert("sk".into(), Av::S("ORDER#2026-11-01#0000000001".into()));
        raw_put(&db, &table, stolen).await?;
        match Order::get(&db, "ann", day(1), 1).await {
            Err(Error::Deserialize { field, found, .. }) => {
                assert_eq!(field, "_et");
                assert!(found.contains("User"), "{found}");
            }
            other => panic!("expected an entity type error, got {other:?}"),
        }
        Ok(())
    }

    async fn a_stored_key_that_does_not_parse_is_a_clear_error(db: Dynox) -> Result<()> {
        Order::create_table(&db).await?;
        let table = db.table_name::<Order>();
        // written by another tool: no fields, only keys (read from them)
        raw_put(&db, &table, item([
            ("pk", Av::S("USER#cy".into())),
            ("sk", Av::S("ORDER#2026-11-05#0000000007".into())),
            ("total", Av::N("70".into())),
        ])).await?;
        assert_eq!(Order::get(&db, "cy", day(5), 7).await?.map(|o| o.number), Some(7));

        for (sk, problem) in [
            ("ORDER#2026-11-05#seven", "number"),
            ("ORDER#2026-13-05#0000000007", "placed"),
            ("ORDER#2026-11-05", "segments"),
            ("ORDER#2026-11-05#1#2", "segments"),
            ("INVOICE#2026-11-05#1", "ORDER"),
        ] {
            raw_put(&db, &table, item([
                ("pk", Av::S("USER#dee".into())),
                ("sk", Av::S(sk.into())),
                ("total", Av::N("1".into())),
            ])).await?;
            let read = Order::query(&db, "dee").consistent_read(true).all().await;
            if sk.starts_with("INVOICE") {
                // outside the template's prefix: never read
                assert_eq!(read?.len(), 0);
            } else {
                match read {
                    Err(Error::Deserialize { field, found, .. }) => {
                        assert_eq!(field, "sk", "{sk}");
                        assert!(found.contains(problem), "{sk}: {found}");
                    }
                    other => panic!("{sk}: expected a key error, got {other:?}"),
                }
            }
            Order::delete_by_key(&db, "dee", day(5), 7).await?;
            dynox_tests::raw_delete(&db, &table, item([
                ("pk", Av::S("USER#dee".into())),
                ("sk", Av::S(sk.into())),
            ])).await?;
        }
        Ok(())
    }

    async fn changing_a_placeholder_field_is_key_changed(db: Dynox) -> Result<()> {
        Order::create_table(&db).await?;
        order("ann", 1, 1).save(&db).await?;
        let mut loaded = Order::get(&db, "ann", day(1), 1).await?.expect("stored");
        loaded.number = 2;
        match loaded.save(&db).await {
            Err(Error::KeyChanged { field }) => assert_eq!(field, "sk"),
            other => panic!("expected KeyChanged, got {other:?}"),
        }
        assert!(Order::get(&db, "ann", day(1), 2).await?.is_none(), "nothing written");
        let mut loaded = Order::get(&db, "ann", day(1), 1).await?.expect("stored");
        loaded.total = 99;
        assert_eq!(loaded.changed_fields(), ["total"]);
        loaded.save(&db).await?;
        assert_eq!(Order::get(&db, "ann", day(1), 1).await?.map(|o| o.total), Some(99));
        Ok(())
    }

    async fn a_shared_table_is_created_once_with_every_index(db: Dynox) -> Result<()> {
        db.create_tables::<(Customer, Purchase)>().await?;
        let description = Customer::describe_table(&db).await?;
        let mut indexes: Vec<&str> = description
            .global_secondary_indexes()
            .iter()
            .filter_map(|g| g.index_name())
            .collect();
        indexes.sort();
        assert_eq!(indexes, ["by_email", "by_status"]);
        // created again: nothing to do
        db.create_tables::<(Purchase, Customer)>().await?;

        Customer { customer: "c1".into(), email: "c1@example.com".into() }.save(&db).await?;
        for number in 1..=3 {
            let status = if number == 2 { "open" } else { "shipped" };
            Purchase { customer: "c1".into(), number, status: status.into() }.save(&db).await?;
        }
        let by_email = Customer::by_email().query(&db, "c1@example.com").all().await?;
        assert_eq!(by_email.len(), 1);
        let open = Purchase::by_status().query(&db, "open").all().await?;
        assert_eq!(open.iter().map(|p| p.number).collect::<Vec<_>>(), [2]);
        assert_eq!(Purchase::query(&db, "c1").all().await?.len(), 3);
        Ok(())
    }

    async fn models_that_disagree_on_a_shared_table_are_refused(db: Dynox) -> Result<()> {
        for (result, what) in [
            (db.create_tables::<(Customer, Note)>().await, "by_email"),
            (db.create_tables::<(Purchase, Stray)>().await, "sort key"),
        ] {
            match result {
                Err(Error::Configuration { message }) => assert!(message.contains(what), "{message}"),
                other => panic!("expected a refusal naming {what}, got {other:?}"),
            }
        }
        assert!(!Customer::table_exists(&db).await?, "refused before any request");
        Ok(())
    }

    async fn a_collection_reads_every_entity_type_of_a_partition_across_pages(db: Dynox) -> Result<()> {
        Blog::create_table(&db).await?;
        // 5,000 items of "ann": 1 profile, 2,000 posts, 2,900 remarks, 99 drafts
        let mut batch = db.batch_write();
        batch = batch.put(&Author { author: "ann".into(), name: "Ann".into() });
        for n in 0..2_000 {
            batch = batch.put(&Post { author: "ann".into(), n, body: "p".repeat(400) });
        }
        for n in 0..2_900 {
            batch = batch.put(&Remark { author: "ann".into(), post: n % 7, n, text: "r".repeat(100) });
        }
        for n in 0..99 {
            batch = batch.put(&Draft { author: "ann".into(), n });
        }
        // another author's items stay out
        batch = batch.put(&Post { author: "bob".into(), n: 0, body: String::new() });
        batch.await?;

        db.reset_metrics();
        let all = Blog::query(&db, "ann").all().await?;
        assert_eq!(all.author.as_ref().map(|a| a.name.as_str()), Some("Ann"));
        assert_eq!((all.posts.len(), all.remarks.len(), all.unknown()), (2_000, 2_900, 99));
        assert!(all.posts.windows(2).all(|w| w[0].n < w[1].n), "in key order");
        assert!(db.metrics().requests >= 2, "more than one page: {:?}", db.metrics());

        match Blog::query(&db, "ann").strict().all().await {
            Err(Error::Deserialize { field, found, .. }) => {
                assert_eq!(field, "_et");
                assert!(found.contains("Draft"), "{found}");
            }
            other => panic!("expected the draft refused, got {other:?}"),
        }

        // manual paging: every item once
        let (mut known, mut unknown, mut pages) = (0, 0, 0);
        let mut cursor = None;
        loop {
            let mut query = Blog::query(&db, "ann").limit(700);
            if let Some(c) = cursor.take() {
                query = query.start_after(c);
            }
            let page = query.page().await?;
            pages += 1;
            known += page.items.len();
            unknown += page.unknown;
            match page.next {
                Some(next) => cursor = Some(next),
                None => break,
            }
        }
        assert_eq!((known, unknown), (4_901, 99));
        assert!(pages >= 8, "{pages} pages");

        use futures::TryStreamExt;
        let streamed: Vec<Blog> = Blog::query(&db, "ann").stream().try_collect().await?;
        assert_eq!(streamed.len(), 4_901);
        // by sort key: DRAFT# (skipped) < POST# < PROFILE < REMARK#
        assert!(matches!(streamed.first(), Some(Blog::Posts(_))));
        assert!(matches!(streamed[2_000], Blog::Author(_)), "the profile after the posts");
        Ok(())
    }

    async fn an_inverted_index_is_queried_by_its_placeholders(db: Dynox) -> Result<()> {
        Follow::create_table(&db).await?;
        for (a, b) in [("ann", "bob"), ("ann", "cy"), ("bob", "cy"), ("dee", "cy"), ("cy", "ann")] {
            Follow { follower: a.into(), followed: b.into(), since: 2026 }.save(&db).await?;
        }
        let names = |v: Vec<Tracked<Follow>>, f: fn(&Follow) -> &str| -> Vec<String> {
            v.iter().map(|x| f(x).to_owned()).collect()
        };
        let follows = Follow::query(&db, "ann").all().await?;
        assert_eq!(names(follows, |f| &f.followed), ["bob", "cy"]);
        let followers = Follow::inverted().query(&db, "cy").all().await?;
        assert_eq!(names(followers, |f| &f.follower), ["ann", "bob", "dee"]);
        let one = Follow::inverted().query(&db, "cy").sort_prefix("dee").all().await?;
        assert_eq!(names(one, |f| &f.follower), ["dee"]);
        let stored = raw_get(&db, &db.table_name::<Follow>(), Follow { follower: "ann".into(), followed: "bob".into(), since: 0 }.key().to_key_item()).await;
        assert_eq!(stored.get("inverted_pk"), Some(&Av::S("USER#bob".into())));
        assert_eq!(stored.get("inverted_sk"), Some(&Av::S("FOLLOWED_BY#ann".into())));
        Ok(())
    }

    async fn a_save_keeps_a_templated_index_key_up_to_date(db: Dynox) -> Result<()> {
        Invoice::create_table(&db).await?;
        for (customer, number) in [("c1", 1), ("c1", 2), ("c2", 3)] {
            Invoice { customer: customer.into(), number, status: Tier::Free, amount: 10 }.save(&db).await?;
        }
        // the reused attributes: no index attribute of its own
        let stored = raw_get(&db, &db.table_name::<Invoice>(), Invoice { customer: "c2".into(), number: 3, status: Tier::Free, amount: 0 }.key().to_key_item()).await;
        assert!(!stored.contains_key("by_number_pk"), "{stored:?}");
        let by_number = Invoice::by_number().query(&db, 3u32).all().await?;
        assert_eq!(by_number.iter().map(|i| i.customer.as_str()).collect::<Vec<_>>(), ["c2"]);

        let mut invoice = Invoice::get(&db, "c1", 2).await?.expect("stored");
        invoice.status = Tier::Pro;
        assert_eq!(invoice.changed_fields(), ["status"]);
        invoice.save(&db).await?;
        let pro = Invoice::by_status().query(&db, Tier::Pro).all().await?;
        assert_eq!(pro.iter().map(|i| i.number).collect::<Vec<_>>(), [2]);
        let free = Invoice::by_status().query(&db, Tier::Free).all().await?;
        assert_eq!(free.iter().map(|i| i.number).collect::<Vec<_>>(), [1, 3]);
        // a change of another field leaves the index key alone
        let mut invoice = Invoice::get(&db, "c1", 1).await?.expect("stored");
        invoice.amount = 99;
        invoice.save(&db).await?;
        let free = Invoice::by_status().query(&db, Tier::Free).sort_prefix(1u32).all().await?;
        assert_eq!(free.len(), 1);
        Ok(())
    }

    async fn a_collection_reads_an_index_partition(db: Dynox) -> Result<()> {
        OrderItems::create_table(&db).await?;
        for (user, order, lines) in [("ann", 7, 3), ("bob", 8, 2)] {
            Head { user: user.into(), order }.save(&db).await?;
            for n in 0..lines {
                Line { user: user.into(), order, n, sku: format!("s{n}") }.save(&db).await?;
            }
        }
        let items = OrderItems::query(&db, 7u32).all().await?;
        assert_eq!(items.head.iter().map(|h| h.user.as_str()).collect::<Vec<_>>(), ["ann"]);
        assert_eq!(items.lines.iter().map(|l| l.n).collect::<Vec<_>>(), [0, 1, 2]);
        assert_eq!(items.unknown(), 0);
        Ok(())
    }

    async fn a_query_keeps_to_its_entity_type_when_another_extends_its_keys(db: Dynox) -> Result<()> {
        db.create_tables::<(Parcel, ParcelLine, Holder, Photo)>().await?;
        Holder { user: "ann".into() }.save(&db).await?;
        for id in 1..=3 {
            Parcel { user: "ann".into(), id }.save(&db).await?;
            for n in 0..2 {
                ParcelLine { user: "ann".into(), id, n }.save(&db).await?;
            }
            Photo { user: "ann".into(), n: id }.save(&db).await?;
        }
        let parcels = Parcel::query(&db, "ann").all().await?;
        assert_eq!(parcels.iter().map(|p| p.id).collect::<Vec<_>>(), [1, 2, 3]);
        let some = Parcel::query(&db, "ann").sort_between(1u32, 2u32).all().await?;
        assert_eq!(some.iter().map(|p| p.id).collect::<Vec<_>>(), [1, 2]);
        let lines = ParcelLine::query(&db, "ann").sort_prefix(2u32).all().await?;
        assert_eq!(lines.iter().map(|l| l.n).collect::<Vec<_>>(), [0, 1]);
        // a sort key without placeholders is one key, not a prefix
        let holder = Holder::query(&db, "ann").all().await?;
        assert_eq!(holder.len(), 1);
        assert_eq!(Holder::query(&db, "ann").count().await?, 1);
        Ok(())
    }
}
