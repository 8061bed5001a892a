//! `cargo run -p dynox-examples` runs the quickstart on the embedded engine;
//! `-- all` runs every scenario, `-- <name>` one of them.

use dynox_examples::scenarios::ALL;

#[tokio::main]
async fn main() -> dynox_core::Result<()> {
    let db = dynox_examples::connect().await?;
    let wanted = std::env::args().nth(1).unwrap_or_else(|| "crud".to_owned());
    let mut ran = 0;
    for (name, run) in ALL {
        if wanted == "all" || wanted == *name {
            println!("--- {name} ---");
            run(&db).await?;
            ran += 1;
        }
    }
    if ran == 0 {
        let names: Vec<_> = ALL.iter().map(|(n, _)| *n).collect();
        eprintln!("no scenario named {wanted:?}; choose one of {names:?} or `all`");
        std::process::exit(2);
    }
    Ok(())
}
