// A versioned value's save moves its version on, so it needs the value
// mutably: saving a value that cannot change would conflict with itself
// the second time.
use dynox_core::prelude::*;

#[derive(DynoModel, Debug, Clone, PartialEq)]
#[dyno(table = "counters")]
struct Counter {
    #[dyno(partition_key)]
    id: String,
    count: u64,
    #[dyno(version)]
    version: u64,
}

async fn run(db: &Dynox) -> Result<()> {
    let c = Counter { id: "c".into(), count: 0, version: 0 };
    c.save(db).await
}

fn main() {}
