//! `annalist serve` and `annalist demo`.

use super::build::{build_into, open_or_create};
use super::common::{load_kb, DbArg};
use super::query::print_timeline;
use annalist_kb::query::find_entity;
use annalist_pipeline::Pipeline;
use annalist_serve::AppState;
use annalist_store::Store;
use anyhow::Context;
use clap::Args;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Args, Debug)]
pub struct ServeArgs {
    #[command(flatten)]
    pub db: DbArg,
    /// Address to listen on (loopback unless you say otherwise).
    #[arg(long, default_value = "127.0.0.1:7878")]
    pub addr: SocketAddr,
}

#[derive(Args, Debug)]
pub struct DemoArgs {
    /// Address to listen on.
    #[arg(long, default_value = "127.0.0.1:7878")]
    pub addr: SocketAddr,
    /// Where to keep the demo database (default: a fresh file in the temp folder).
    #[arg(long)]
    pub db: Option<PathBuf>,
    /// Build and print, but do not start the server.
    #[arg(long)]
    pub no_serve: bool,
}

/// The bundled seed corpus (five web documents about Trotsky's assassination).
pub const SEEDS: &[(&str, &[u8])] = &[
    (
        "000_2d0ed0fa18ef7854.txt",
        include_bytes!("../../../../corpus/seeds/000_2d0ed0fa18ef7854.txt"),
    ),
    (
        "001_b3d46aad436df1fe.txt",
        include_bytes!("../../../../corpus/seeds/001_b3d46aad436df1fe.txt"),
    ),
    (
        "002_2f10e032c9be5642.txt",
        include_bytes!("../../../../corpus/seeds/002_2f10e032c9be5642.txt"),
    ),
    (
        "003_969f507ee640f208.txt",
        include_bytes!("../../../../corpus/seeds/003_969f507ee640f208.txt"),
    ),
    (
        "004_da12b3e549a0b096.txt",
        include_bytes!("../../../../corpus/seeds/004_da12b3e549a0b096.txt"),
    ),
];

fn start_server(state: AppState, addr: SocketAddr) -> anyhow::Result<()> {
    let rt = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .context("starting the async runtime")?;
    rt.block_on(annalist_serve::serve(state, addr))
        .with_context(|| format!("serving on {addr}"))
}

pub fn run_serve(a: &ServeArgs) -> anyhow::Result<ExitCode> {
    let kb = load_kb(&a.db.db)?;
    let store = Store::open_readonly(&a.db.db)?;
    let state = AppState::new(kb, store);
    eprintln!(
        "annalist: serving {} on http://{}/ (Ctrl-C to stop)",
        a.db.db.display(),
        a.addr
    );
    start_server(state, a.addr)?;
    Ok(ExitCode::SUCCESS)
}

pub fn run_demo(a: &DemoArgs) -> anyhow::Result<ExitCode> {
    let db = match &a.db {
        Some(p) => p.clone(),
        None => {
            let dir = std::env::temp_dir().join(format!("annalist-demo-{}", std::process::id()));
            std::fs::create_dir_all(&dir)?;
            dir.join("demo.db")
        }
    };
    // The seeds are written out so that sources carry their file names.
    let corpus = db.with_extension("seeds");
    std::fs::create_dir_all(&corpus)?;
    for (name, bytes) in SEEDS {
        std::fs::write(corpus.join(name), bytes)?;
    }
    let mut store = open_or_create(&db)?;
    let report = build_into(
        &mut store,
        std::slice::from_ref(&corpus),
        &Pipeline::new(),
        &Default::default(),
    )?;
    drop(store);
    println!("annalist demo — five web documents about the assassination of Leon Trotsky\n");
    report.print();
    let kb = load_kb(&db)?;
    println!();
    if let Some(e) = find_entity(&kb, "Leon Trotsky") {
        println!("{} — timeline (! marks a conflict between sources)", e.name);
        print_timeline(&kb, &e.id, &mut std::io::stdout().lock())?;
    }
    if !kb.conflicts.is_empty() {
        println!(
            "\n{} conflicts between sources: `annalist conflicts --db {}`",
            kb.conflicts.len(),
            db.display()
        );
    }
    if a.no_serve {
        return Ok(ExitCode::SUCCESS);
    }
    let store = Store::open_readonly(&db)?;
    println!("\nweb UI: http://{}/   (Ctrl-C to stop)", a.addr);
    start_server(AppState::new(kb, store), a.addr)?;
    Ok(ExitCode::SUCCESS)
}
