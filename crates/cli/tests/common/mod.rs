//! Helpers for the CLI integration tests.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

pub fn bin() -> &'static str {
    env!("CARGO_BIN_EXE_annalist")
}

pub fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

pub fn seeds() -> PathBuf {
    repo().join("corpus/seeds")
}

/// `../shared` beside the repository (present on developer machines and in CI).
pub fn shared() -> PathBuf {
    repo().join("../shared")
}

pub fn run(args: &[&str]) -> Output {
    Command::new(bin())
        .args(args)
        .output()
        .expect("run annalist")
}

pub fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

pub fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// Builds `paths` into a new database in `dir`; returns the db path.
pub fn build(dir: &Path, name: &str, paths: &[&Path]) -> PathBuf {
    let db = dir.join(name);
    let mut args: Vec<String> = vec![
        "build".into(),
        "--quiet".into(),
        "--db".into(),
        db.display().to_string(),
    ];
    args.extend(paths.iter().map(|p| p.display().to_string()));
    let out = Command::new(bin())
        .args(&args)
        .output()
        .expect("run annalist");
    assert!(out.status.success(), "build failed: {}", stderr(&out));
    db
}

pub fn export_json(db: &Path) -> String {
    let out = run(&[
        "export",
        "--db",
        &db.display().to_string(),
        "--format",
        "json",
    ]);
    assert!(out.status.success(), "export failed: {}", stderr(&out));
    stdout(&out)
}
