//! Quality floors on the open evaluation data and the project's gold (real
//! figures minus a small margin; see docs/bench/time.md for the current
//! ones). Skipped with a note when the data is not beside the repository.

use annalist_time::{gold, score, timeml, Style, Tagger, TimexContext};
use std::path::{Path, PathBuf};

fn shared() -> PathBuf {
    PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared"))
}

fn tagger() -> &'static Tagger {
    static T: std::sync::OnceLock<Tagger> = std::sync::OnceLock::new();
    T.get_or_init(Tagger::new)
}

fn score_dir(dir: &Path, style: Style, use_dct: bool) -> Option<score::Counts> {
    let rd = std::fs::read_dir(dir).ok()?;
    let tagger = tagger();
    let mut files: Vec<PathBuf> = rd.filter_map(|e| e.ok().map(|e| e.path())).collect();
    files.retain(|f| f.extension().is_some_and(|e| e == "tml"));
    let mut total = score::Counts::default();
    for f in files {
        let doc = timeml::parse(&std::fs::read_to_string(&f).ok()?);
        let ctx = TimexContext {
            dct: if use_dct { doc.dct.as_deref() } else { None },
            ..Default::default()
        };
        let mut sys = tagger.tag_as(&doc.text, &ctx, style);
        sys.retain(|t| !t.rule.starts_with("age"));
        total.add(&score::score_doc(&doc.timexes, &sys));
    }
    Some(total)
}

#[test]
fn wikiwars_floor() {
    let Some(c) = score_dir(
        &shared().join("data/wikiwars/timex3-tml"),
        Style::Narrative,
        false,
    ) else {
        eprintln!("WikiWars not found: skipped");
        return;
    };
    eprintln!("{}", score::report("WikiWars", &c));
    assert!(c.relaxed().f1 >= 92.0, "{}", score::report("WikiWars", &c));
    assert!(c.value_f1().f1 >= 86.4, "{}", score::report("WikiWars", &c));
}

#[test]
fn tbaq_floor() {
    let base = shared().join("data/tempeval3/TBAQ-cleaned");
    let mut total = score::Counts::default();
    for d in ["TimeBank", "AQUAINT"] {
        let Some(c) = score_dir(&base.join(d), Style::News, true) else {
            eprintln!("TBAQ not found: skipped");
            return;
        };
        total.add(&c);
    }
    eprintln!("{}", score::report("TBAQ", &total));
    assert!(
        total.relaxed().f1 >= 93.0,
        "{}",
        score::report("TBAQ", &total)
    );
    assert!(
        total.value_f1().f1 >= 81.3,
        "{}",
        score::report("TBAQ", &total)
    );
}

#[test]
fn gold_floor() {
    let root = shared();
    if !root.join("gold").is_dir() {
        eprintln!("gold not found: skipped");
        return;
    }
    let c = gold::score_gold_dir(tagger(), &root.join("gold"), &root.join("corpus"));
    eprintln!("{}", score::report("gold", &c));
    assert!(c.relaxed().f1 >= 93.0, "{}", score::report("gold", &c));
    assert!(c.value_f1().f1 >= 83.5, "{}", score::report("gold", &c));
}
