//! `cargo run -p dynox-examples` runs the quickstart on the embedded engine;
//! `-- all` runs every scenario, `-- <name>` one of them. The blocking
//! scenarios (`sync_*`) run from this plain `fn main`, outside the runtime
//! that the async ones run on.

use dynox_examples::scenarios::{ALL, SYNC};

fn main() -> dynox_core::Result<()> {
    let rt = tokio::runtime::Runtime::new().expect("a runtime for the async scenarios");
    let db = rt.block_on(dynox_examples::connect())?;
    let wanted = std::env::args().nth(1).unwrap_or_else(|| "crud".to_owned());
    let mut ran = 0;
    for (name, run) in ALL {
        if wanted == "all" || wanted == *name {
            println!("--- {name} ---");
            rt.block_on(run(&db))?;
            ran += 1;
        }
    }
    for (name, run) in SYNC {
        if wanted == "all" || wanted == *name {
            println!("--- {name} ---");
            run(&db)?;
            ran += 1;
        }
    }
    if ran == 0 {
        let names: Vec<&str> = ALL
            .iter()
            .map(|(n, _)| *n)
            .chain(SYNC.iter().map(|(n, _)| *n))
            .collect();
        eprintln!("no scenario named {wanted:?}; choose one of {names:?} or `all`");
        std::process::exit(2);
    }
    Ok(())
}
