//! Finding and reading input files.

use annalist_model::{Format, RawDoc};
use std::path::{Path, PathBuf};

/// A file or record that could not be read, and why.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct InputProblem {
    /// The file (and `#record` for a WARC record).
    pub file: String,
    pub message: String,
}

impl std::fmt::Display for InputProblem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.file, self.message)
    }
}

/// What reading one input file produced.
#[derive(Debug, Default)]
pub struct ReadOutcome {
    pub docs: Vec<RawDoc>,
    pub problems: Vec<InputProblem>,
    /// Records skipped on purpose (non-HTML payloads, requests, …).
    pub skipped: usize,
}

/// The content id of a document: hex of the BLAKE3 hash of its bytes (128 bits).
pub fn content_id(bytes: &[u8]) -> String {
    let h = blake3::hash(bytes);
    h.to_hex()[..32].to_string()
}

fn format_of(path: &Path) -> Option<Format> {
    let name = path.file_name()?.to_string_lossy().to_lowercase();
    if name.ends_with(".txt") || name.ends_with(".text") {
        Some(Format::Text)
    } else if name.ends_with(".md") || name.ends_with(".markdown") {
        Some(Format::Markdown)
    } else if name.ends_with(".html") || name.ends_with(".htm") || name.ends_with(".xhtml") {
        Some(Format::Html)
    } else {
        None
    }
}

/// Every readable input under `paths` (folders are walked recursively, in
/// sorted order), paired with the root it was found under.
pub fn walk(paths: &[PathBuf]) -> (Vec<(PathBuf, PathBuf)>, Vec<InputProblem>) {
    let mut out = Vec::new();
    let mut problems = Vec::new();
    for root in paths {
        if root.is_file() {
            let base = root.parent().map(Path::to_path_buf).unwrap_or_default();
            out.push((root.clone(), base));
            continue;
        }
        if !root.is_dir() {
            problems.push(InputProblem {
                file: root.display().to_string(),
                message: "no such file or folder".into(),
            });
            continue;
        }
        let mut stack = vec![root.clone()];
        while let Some(dir) = stack.pop() {
            let entries = match std::fs::read_dir(&dir) {
                Ok(e) => e,
                Err(e) => {
                    problems.push(InputProblem {
                        file: dir.display().to_string(),
                        message: format!("cannot list folder: {e}"),
                    });
                    continue;
                }
            };
            let mut entries: Vec<PathBuf> =
                entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
            entries.sort();
            for p in entries.into_iter().rev() {
                if p.is_dir() {
                    stack.push(p);
                } else if format_of(&p).is_some() {
                    out.push((p, root.clone()));
                }
            }
        }
    }
    out.sort();
    (out, problems)
}

/// Reads one file into raw documents. `root` is the PATH given to `build`,
/// used to name the source relative to it.
pub fn read_path(path: &Path, root: &Path) -> ReadOutcome {
    let mut outcome = ReadOutcome::default();
    let name = path
        .strip_prefix(root)
        .unwrap_or(path)
        .to_string_lossy()
        .replace('\\', "/");
    let name = if name.is_empty() {
        path.file_name()
            .map(|n| n.to_string_lossy().to_string())
            .unwrap_or_default()
    } else {
        name
    };
    let Some(format) = format_of(path) else {
        outcome.problems.push(InputProblem {
            file: name,
            message: "unsupported file type".into(),
        });
        return outcome;
    };
    match std::fs::read(path) {
        Ok(bytes) => outcome.docs.push(RawDoc {
            name,
            bytes,
            format,
            ..Default::default()
        }),
        Err(e) => outcome.problems.push(InputProblem {
            file: name,
            message: format!("cannot read: {e}"),
        }),
    }
    outcome
}
