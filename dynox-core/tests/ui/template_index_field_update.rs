use dynox_core::prelude::*;

#[derive(DynoModel, Debug)]
#[dyno(
    table = "app",
    pk = "CUSTOMER#{customer}",
    sk = "INVOICE#{number}",
    gsi(name = "by_status", pk = "STATUS#{status}")
)]
struct Invoice {
    customer: String,
    number: u32,
    status: String,
}

fn main() {
    let db = Dynox::memory();
    // the index key is composed from `status`: only a save rewrites both
    let _ = Invoice::update_by_key(&db, "c1", 1).set(Invoice::STATUS, "paid".to_owned());
}
