//! Bad input never panics and never loses data.

mod common;
use common::*;

#[test]
fn a_folder_of_bad_files_builds_and_names_each_problem() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("in");
    std::fs::create_dir(&input).unwrap();
    std::fs::write(input.join("empty.txt"), b"").unwrap();
    std::fs::write(
        input.join("binary.txt"),
        [0u8, 159, 146, 150, 0, 0, 1, 2, 3, 0, 255].repeat(100),
    )
    .unwrap();
    std::fs::write(
        input.join("latin1.txt"),
        b"Ram\xf3n Mercader attacked Leon Trotsky in Coyoac\xe1n on 20 August 1940.\n",
    )
    .unwrap();
    std::fs::write(
        input.join("good.md"),
        "# Kirov\n\nSergei Kirov was shot in Leningrad on 1 December 1934.\n",
    )
    .unwrap();
    let line = "The Assassination Of Leon Trotsky happened in 1940. ".repeat(1024);
    let big: String = line.repeat(50 * 1024 * 1024 / line.len() + 1);
    std::fs::write(input.join("big.txt"), big).unwrap();
    std::fs::write(
        input.join("malformed.html"),
        "<html><body><p>Lenin died in <b>1924<p><div></span>Stalin",
    )
    .unwrap();

    // A store that already holds the seeds: nothing of it may be lost.
    let db = build(dir.path(), "kb.db", &[&seeds()]);
    let out = run(&[
        "build",
        "--db",
        &db.display().to_string(),
        &input.display().to_string(),
    ]);
    let err = stderr(&out);
    assert_eq!(
        out.status.code(),
        Some(2),
        "exit code 2 tells that inputs were skipped; stderr: {err}"
    );
    for f in ["empty.txt", "binary.txt", "big.txt"] {
        assert_eq!(
            err.lines().filter(|l| l.contains(f)).count(),
            1,
            "one line naming {f}: {err}"
        );
    }
    assert!(!err.contains("panicked"), "{err}");
    for f in ["latin1.txt", "good.md", "malformed.html"] {
        assert!(!err.contains(f), "{f} must be processed: {err}");
    }
    let sources = run(&["sources", "--json", "--db", &db.display().to_string()]);
    let v: serde_json::Value = serde_json::from_str(&stdout(&sources)).unwrap();
    let files: Vec<&str> = v
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["file"].as_str().unwrap())
        .collect();
    assert_eq!(files.len(), 8, "5 seeds + 3 good inputs: {files:?}");
    for f in [
        "latin1.txt",
        "good.md",
        "malformed.html",
        "003_969f507ee640f208.txt",
    ] {
        assert!(
            files.iter().any(|x| x.ends_with(f)),
            "{f} stored: {files:?}"
        );
    }
}

#[test]
fn missing_paths_and_databases_are_clear_errors() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("none.db");
    let out = run(&["timeline", "Trotsky", "--db", &db.display().to_string()]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("no database"), "{}", stderr(&out));
    let out = run(&[
        "build",
        "--db",
        &db.display().to_string(),
        "/nonexistent/folder",
    ]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("/nonexistent/folder"));
}

#[test]
fn build_reads_one_document_from_stdin() {
    use std::io::Write;
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("stdin.db").display().to_string();
    let mut child = std::process::Command::new(bin())
        .args(["build", "--quiet", "--db", &db, "-"])
        .stdin(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(b"Sergei Kirov was shot in Leningrad on 1 December 1934.\n")
        .unwrap();
    assert!(child.wait().unwrap().success());
    let out = run(&["sources", "--json", "--db", &db]);
    let v: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert_eq!(v[0]["file"], "-");
    assert_eq!(v[0]["byte_len"], 55);
}
