//! Compile-fail tests: each misuse of the derive or of typed attributes is
//! rejected with a message that says what to do. One `.rs` + `.stderr` pair
//! per message under `tests/ui/`.

#[test]
fn ui() {
    let t = trybuild::TestCases::new();
    t.compile_fail("tests/ui/*.rs");
}
