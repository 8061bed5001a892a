//! Compile-fail tests: each misuse of the derive or of typed attributes is
//! rejected with a message that says what to do. One `.rs` + `.stderr` pair
//! per message under `tests/ui/`.
//!
//! The expected messages are those of the README's test command, which
//! builds `dynox-core` with the features the whole workspace asks for
//! (the integration tests turn on `chrono` and `uuid`, which add types to
//! rustc's lists of implementors). Bless changed messages the same way:
//! `TRYBUILD=overwrite cargo test --workspace --features
//! dynox-tests/dynamodb-local --test ui`.

#[test]
fn ui() {
    let t = trybuild::TestCases::new();
    t.compile_fail("tests/ui/*.rs");
}
