//! Runs the per-document pipeline on a folder and prints the merged
//! knowledge base as JSON: `cargo run -p annalist-kb --example kbdump -- DIR`.
use annalist_pipeline::Pipeline;
use std::path::PathBuf;

fn main() {
    let dirs: Vec<PathBuf> = std::env::args().skip(1).map(PathBuf::from).collect();
    let p = Pipeline::new();
    let mut b = annalist_kb::KbBuilder::new();
    for dir in &dirs {
        let (files, _) = annalist_ingest::walk(std::slice::from_ref(dir));
        for (path, root) in files {
            for raw in annalist_ingest::read_path(&path, &root).docs {
                if let Ok(a) = p.analyze(&raw) {
                    if std::env::var("KBDUMP_DOCS").is_ok() {
                        eprintln!("{}", serde_json::to_string(&a).unwrap_or_default());
                    }
                    b.add(a);
                }
            }
        }
    }
    let kb = b.finish();
    println!("{}", serde_json::to_string_pretty(&kb).unwrap_or_default());
}
