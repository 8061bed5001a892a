//! The sensitive account shared by the tests of `#[dyno(sensitive)]`: its
//! secret values, and the check that a text shows neither of them.

use crate::models::Account;

/// The account's password, which no error, `Debug` or trace may show.
pub const SECRET: &str = "correct-horse-battery-staple";
/// The account's pin, likewise.
pub const PIN: u32 = 987_654;

/// An account holding [`SECRET`] and [`PIN`].
pub fn account() -> Account {
    Account {
        id: "A".into(),
        name: "Ann".into(),
        password: SECRET.into(),
        pin: PIN,
    }
}

/// Fails when `shown` (described as `what`) carries the password or the pin.
pub fn assert_hidden(what: &str, shown: &str) {
    assert!(
        !shown.contains(SECRET),
        "{what} shows the password: {shown}"
    );
    assert!(
        !shown.contains(&PIN.to_string()),
        "{what} shows the pin: {shown}"
    );
}
