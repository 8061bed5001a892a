//! Generated code compiles when the user's scope shadows the prelude names it
//! could otherwise pick up, and triggers no warnings.
#![deny(warnings)]
#![allow(dead_code, non_camel_case_types)]

struct Result;
struct Ok;
struct Option;
struct Some;
struct None;
struct HashMap;
struct Vec;
struct Box;
struct Default;
struct Clone;
struct Into;
struct String;

mod models {
    use dynox_core::{DynoModel, DynoValue};

    #[derive(DynoValue, ::core::clone::Clone, ::core::cmp::PartialEq, ::core::fmt::Debug)]
    pub(crate) struct Inner {
        pub(crate) a: ::std::string::String,
    }

    #[derive(
        DynoValue,
        ::core::clone::Clone,
        ::core::marker::Copy,
        ::core::cmp::PartialEq,
        ::core::fmt::Debug,
    )]
    pub(crate) enum Kind {
        One,
        Two,
    }

    #[derive(DynoModel, ::core::clone::Clone, ::core::cmp::PartialEq, ::core::fmt::Debug)]
    #[dyno(table = "hygiene")]
    pub(crate) struct Model {
        #[dyno(partition_key)]
        pub(crate) pk: ::std::string::String,
        #[dyno(sort_key)]
        pub(crate) sk: u64,
        pub(crate) inner: Inner,
        pub(crate) kind: Kind,
        pub(crate) opt: ::core::option::Option<::std::vec::Vec<u8>>,
        #[dyno(default)]
        pub(crate) n: i32,
        #[dyno(version)]
        pub(crate) version: u64,
    }
}

#[test]
fn round_trips_with_shadowed_names() {
    use dynox_core::DynoModel as _;
    let m = models::Model {
        pk: "p".into(),
        sk: 1,
        inner: models::Inner { a: "x".into() },
        kind: models::Kind::Two,
        opt: ::core::option::Option::None,
        n: 3,
        version: 0,
    };
    let back = models::Model::from_item(m.to_item()).expect("reads back");
    assert_eq!(back, m);
    assert_eq!(models::Model::PK.name(), "pk");
}
