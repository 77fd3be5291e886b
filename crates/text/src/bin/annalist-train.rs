//! Trains the POS and entity taggers and writes the model files.
//!
//! ```text
//! cargo run -p annalist-text --release --bin annalist-train -- \
//!     --data /work/shared/data --out resources/models
//! ```
//! Deterministic (fixed shuffle seed). See docs/text.md for the data
//! provenance and the splits.

use annalist_text::data::{bio_spans, gum_to_ner, prf, read_conll_ner, read_conllu, NerSentence};
use annalist_text::perceptron::{Model, Trainer};
use annalist_text::tagger::{
    allowed_after, ner_features, parse_tagdict, pos_features, pos_ids, tag_ner, tag_pos_dict,
    NameLexicon, NerView, WordInfo,
};
use std::collections::HashMap;
use std::io::Write;
use std::path::{Path, PathBuf};

struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn shuffle<T>(&mut self, v: &mut [T]) {
        for i in (1..v.len()).rev() {
            let j = (self.next() % (i as u64 + 1)) as usize;
            v.swap(i, j);
        }
    }
}

fn gz_write(path: &Path, bytes: &[u8]) {
    let f = std::fs::File::create(path).expect("create model file");
    let mut e = flate2::GzBuilder::new()
        .mtime(0)
        .write(f, flate2::Compression::best());
    e.write_all(bytes).expect("write");
    e.finish().expect("finish");
}

fn main() {
    let mut data = PathBuf::from("../shared/data");
    let mut out = PathBuf::from("resources/models");
    let mut pos_epochs = 6;
    let mut ner_epochs = 8;
    let mut sets = String::from("gum,wikigold");
    let mut prune = 0.05f32;
    let mut pos_prune = 0.05f32;
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        match a.as_str() {
            "--data" => data = args.next().expect("--data DIR").into(),
            "--out" => out = args.next().expect("--out DIR").into(),
            "--pos-epochs" => pos_epochs = args.next().and_then(|x| x.parse().ok()).unwrap_or(6),
            "--ner-sets" => sets = args.next().expect("--ner-sets LIST"),
            "--pos-prune" => pos_prune = args.next().and_then(|x| x.parse().ok()).unwrap_or(0.05),
            "--prune" => prune = args.next().and_then(|x| x.parse().ok()).unwrap_or(0.02),
            "--ner-epochs" => ner_epochs = args.next().and_then(|x| x.parse().ok()).unwrap_or(8),
            _ => {
                eprintln!("usage: annalist-train [--data DIR] [--out DIR] [--pos-epochs N] [--ner-epochs N]");
                std::process::exit(2);
            }
        }
    }
    std::fs::create_dir_all(&out).expect("create out dir");
    let t0 = std::time::Instant::now();
    let ewt = data.join("ud-english-ewt");
    let gum = data.join("ud-english-gum");
    let ewt_train = read_conllu(&ewt.join("en_ewt-ud-train.conllu.gz")).expect("EWT train");
    let gum_train = read_conllu(&gum.join("en_gum-ud-train.conllu.gz")).expect("GUM train");
    let ewt_test = read_conllu(&ewt.join("en_ewt-ud-test.conllu.gz")).expect("EWT test");
    let gum_test = read_conllu(&gum.join("en_gum-ud-test.conllu.gz")).expect("GUM test");

    // ---- vocabulary (run-on word splitting) ----
    let mut counts: HashMap<String, usize> = HashMap::new();
    for s in ewt_train.iter().chain(&gum_train) {
        for w in &s.words {
            if w.chars().all(char::is_alphabetic) {
                *counts.entry(w.to_lowercase()).or_default() += 1;
            }
        }
    }
    let mut vocab: Vec<&String> = counts
        .iter()
        .filter(|(w, c)| {
            **c >= 1 && w.chars().count() >= 2 || w.as_str() == "a" || w.as_str() == "i"
        })
        .map(|(w, _)| w)
        .collect();
    vocab.sort();
    let vtext: String = vocab.iter().map(|w| format!("{w}\n")).collect();
    gz_write(&out.join("vocab.txt.gz"), vtext.as_bytes());
    eprintln!("vocab: {} words", vocab.len());

    // ---- POS tag dictionary: frequent, unambiguous words ----
    let mut wt: HashMap<&str, HashMap<&str, usize>> = HashMap::new();
    for s in ewt_train.iter().chain(&gum_train) {
        for (w, t) in s.words.iter().zip(&s.upos) {
            *wt.entry(w.as_str())
                .or_default()
                .entry(t.as_str())
                .or_default() += 1;
        }
    }
    let mut dict: Vec<(String, String)> = wt
        .iter()
        .filter_map(|(w, tags)| {
            let n: usize = tags.values().sum();
            let (t, c) = tags
                .iter()
                .max_by_key(|(t, c)| (**c, std::cmp::Reverse(**t)))?;
            (n >= 20 && *c as f64 / n as f64 >= 0.99).then(|| (w.to_string(), t.to_string()))
        })
        .collect();
    dict.sort();
    let dtext: String = dict.iter().map(|(w, t)| format!("{w}\t{t}\n")).collect();
    gz_write(&out.join("tagdict.tsv.gz"), dtext.as_bytes());
    eprintln!("tag dictionary: {} words", dict.len());

    // ---- POS ----
    let mut classes: Vec<String> = ewt_train
        .iter()
        .chain(&gum_train)
        .flat_map(|s| s.upos.iter().cloned())
        .collect::<std::collections::BTreeSet<_>>()
        .into_iter()
        .collect();
    classes.retain(|c| c != "_");
    let cid: HashMap<String, usize> = classes
        .iter()
        .enumerate()
        .map(|(i, c)| (c.clone(), i))
        .collect();
    let train: Vec<&annalist_text::data::UdSentence> = ewt_train.iter().chain(&gum_train).collect();
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    let lx = NameLexicon::load();
    let infos = |words: &[String]| -> Vec<WordInfo> {
        words.iter().map(|w| WordInfo::new(w, &lx, None)).collect()
    };
    let train_infos: Vec<Vec<WordInfo>> = train.iter().map(|s| infos(&s.words)).collect();
    let mut order: Vec<usize> = (0..train.len()).collect();
    let mut tr = Trainer::new(classes.clone());
    let mut feats = Vec::new();
    let mut scores = vec![0f32; classes.len()];
    for ep in 0..pos_epochs {
        rng.shuffle(&mut order);
        let (mut ok, mut tot) = (0usize, 0usize);
        for &k in &order {
            let s = train[k];
            let ws = &train_infos[k];
            let mut hist: Vec<usize> = Vec::with_capacity(ws.len());
            for i in 0..ws.len() {
                let t1 = if i >= 1 { hist[i - 1] as u8 + 1 } else { 0 };
                let t2 = if i >= 2 { hist[i - 2] as u8 + 1 } else { 0 };
                pos_features(ws, i, t1, t2, &mut feats);
                tr.score(&feats, &mut scores);
                let guess = Model::argmax(&scores, None);
                let gold = cid.get(&s.upos[i]).copied().unwrap_or(guess);
                tr.update(&feats, gold, guess);
                ok += (gold == guess) as usize;
                tot += 1;
                hist.push(guess);
            }
        }
        eprintln!("pos epoch {ep}: train acc {:.4}", ok as f64 / tot as f64);
    }
    let (pos_model, pos_bytes) = tr.finish(pos_prune);
    let tagdict = parse_tagdict(&dtext, &pos_model);
    gz_write(&out.join("pos.apm.gz"), &pos_bytes);
    eprintln!(
        "pos model: {} features, {} bytes raw",
        pos_model.n_features(),
        pos_bytes.len()
    );
    for (name, set) in [("EWT test", &ewt_test), ("GUM test", &gum_test)] {
        let (mut ok, mut tot) = (0, 0);
        for s in set {
            let words: Vec<&str> = s.words.iter().map(String::as_str).collect();
            let tags = tag_pos_dict(&pos_model, Some(&tagdict), &lx, &words);
            for (t, g) in tags.iter().zip(&s.upos) {
                ok += (pos_model.classes[*t] == *g) as usize;
                tot += 1;
            }
        }
        println!(
            "POS accuracy {name}: {:.4} ({tot} words)",
            ok as f64 / tot as f64
        );
    }

    // ---- NER ----
    let wiki_map = |t: &str| -> Option<&'static str> {
        match t {
            "PER" => Some("PER"),
            "LOC" => Some("LOC"),
            "ORG" => Some("ORG"),
            "MISC" => Some("MISC"),
            _ => None,
        }
    };
    let wnut_map = |t: &str| -> Option<&'static str> {
        match t {
            "person" => Some("PER"),
            "location" => Some("LOC"),
            "group" | "corporation" => Some("ORG"),
            "creative-work" | "product" => Some("MISC"),
            _ => None,
        }
    };
    let wiki =
        read_conll_ner(&data.join("wikigold/wikigold.conll.txt"), &wiki_map).expect("wikigold");
    let (wiki_train, wiki_test): (Vec<NerSentence>, Vec<NerSentence>) =
        wiki.into_iter().partition(|s| s.doc % 5 != 4);
    let gum_ner_test = gum_to_ner(&gum_test);
    let mut ner_train: Vec<NerSentence> = Vec::new();
    let sets: Vec<&str> = sets.split(',').collect();
    if sets.contains(&"gum") {
        ner_train.extend(gum_to_ner(&gum_train));
    }
    if sets.contains(&"wikigold") {
        ner_train.extend(wiki_train);
    }
    if sets.contains(&"wnut") {
        for f in ["wnut17/wnut17train.conll", "wnut17/emerging.dev.conll"] {
            ner_train.extend(read_conll_ner(&data.join(f), &wnut_map).expect("wnut17"));
        }
    }
    if sets.contains(&"btc") {
        for f in ["a", "b", "e", "f", "g", "h"] {
            ner_train.extend(
                read_conll_ner(&data.join(format!("btc/{f}.conll")), &wiki_map).expect("btc"),
            );
        }
    }
    eprintln!("ner train sentences: {}", ner_train.len());
    let ner_classes: Vec<String> = [
        "O", "B-PER", "I-PER", "B-LOC", "I-LOC", "B-ORG", "I-ORG", "B-MISC", "I-MISC",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    let ncid: HashMap<&str, usize> = ner_classes
        .iter()
        .enumerate()
        .map(|(i, c)| (c.as_str(), i))
        .collect();
    // POS-tag the NER data with the trained tagger (as at analysis time)
    let tag_all = |sents: &[NerSentence]| -> Vec<Vec<usize>> {
        sents
            .iter()
            .map(|s| {
                let words: Vec<&str> = s.words.iter().map(String::as_str).collect();
                tag_pos_dict(&pos_model, Some(&tagdict), &lx, &words)
            })
            .collect()
    };
    let train_pos = tag_all(&ner_train);
    let ner_infos: Vec<Vec<WordInfo>> = ner_train.iter().map(|s| infos(&s.words)).collect();
    let ner_pos: Vec<Vec<u8>> = train_pos.iter().map(|p| pos_ids(p)).collect();
    let ner_place: Vec<Vec<u8>> = ner_train
        .iter()
        .map(|s| {
            let words: Vec<&str> = s.words.iter().map(String::as_str).collect();
            lx.place_matches(&words)
        })
        .collect();
    let mut order: Vec<usize> = (0..ner_train.len()).collect();
    let mut tr = Trainer::new(ner_classes.clone());
    let mut scores = vec![0f32; ner_classes.len()];
    let nc = ner_classes.len();
    let mut masks: Vec<Vec<bool>> = (0..nc)
        .map(|k| allowed_after(&ner_classes, Some(&ner_classes[k])))
        .collect();
    masks.push(allowed_after(&ner_classes, None));
    for ep in 0..ner_epochs {
        rng.shuffle(&mut order);
        let (mut ok, mut tot) = (0usize, 0usize);
        for &k in &order {
            let s = &ner_train[k];
            let ws = &ner_infos[k];
            let sent = NerView {
                words: ws,
                pos: &ner_pos[k],
                place: &ner_place[k],
            };
            let mut hist: Vec<usize> = Vec::with_capacity(ws.len());
            for i in 0..ws.len() {
                let t1 = if i >= 1 { hist[i - 1] as u8 + 1 } else { 0 };
                let t2 = if i >= 2 { hist[i - 2] as u8 + 1 } else { 0 };
                ner_features(&sent, i, t1, t2, &mut feats);
                tr.score(&feats, &mut scores);
                let mask = if i >= 1 {
                    &masks[hist[i - 1]]
                } else {
                    &masks[nc]
                };
                let guess = Model::argmax(&scores, Some(mask));
                let gold = ncid.get(s.tags[i].as_str()).copied().unwrap_or(0);
                tr.update(&feats, gold, guess);
                ok += (gold == guess) as usize;
                tot += 1;
                hist.push(guess);
            }
        }
        eprintln!("ner epoch {ep}: train acc {:.4}", ok as f64 / tot as f64);
    }
    let (ner_model, ner_bytes) = tr.finish(prune);
    gz_write(&out.join("ner.apm.gz"), &ner_bytes);
    eprintln!(
        "ner model: {} features, {} bytes raw",
        ner_model.n_features(),
        ner_bytes.len()
    );
    if let Ok(dir) = std::env::var("ANNALIST_DUMP_TEST") {
        // the exact NER test sets, for comparing other taggers (scripts/text/spacy_compare.py)
        for (f, set) in [
            ("gum_test.conll", &gum_ner_test),
            ("wikigold_test.conll", &wiki_test),
        ] {
            let mut t = String::new();
            for s in set.iter() {
                for (w, g) in s.words.iter().zip(&s.tags) {
                    t.push_str(&format!("{w}\t{g}\n"));
                }
                t.push('\n');
            }
            std::fs::write(Path::new(&dir).join(f), t).expect("dump test set");
        }
    }
    for (name, set) in [
        ("GUM test", &gum_ner_test),
        ("wikigold test (docs i%5==4)", &wiki_test),
    ] {
        let pos = tag_all(set);
        let (mut tp, mut np, mut ng) = (0, 0, 0);
        let (mut tpu, mut npu) = (0, 0);
        for (s, p) in set.iter().zip(pos) {
            let words: Vec<&str> = s.words.iter().map(String::as_str).collect();
            let tags: Vec<&str> = tag_ner(&ner_model, &lx, &words, &p)
                .into_iter()
                .map(|t| ner_model.classes[t].as_str())
                .collect();
            let pred = bio_spans(&tags);
            let gold = bio_spans(&s.tags);
            if std::env::var("ANNALIST_DEBUG").is_ok() && pred != gold {
                let show = |v: &Vec<(usize, usize, String)>| -> String {
                    v.iter()
                        .map(|(a, b, t)| format!("[{} {}]", s.words[*a..*b].join(" "), t))
                        .collect::<Vec<_>>()
                        .join(" ")
                };
                eprintln!(
                    "DBG {}\n  gold {}\n  pred {}",
                    s.words.join(" "),
                    show(&gold),
                    show(&pred)
                );
            }
            np += pred.len();
            ng += gold.len();
            tp += pred.iter().filter(|x| gold.contains(x)).count();
            let gu: Vec<(usize, usize)> = gold.iter().map(|x| (x.0, x.1)).collect();
            npu += pred.len();
            tpu += pred.iter().filter(|x| gu.contains(&(x.0, x.1))).count();
        }
        let (p, r, f) = prf(tp, np, ng);
        let (_, _, fu) = prf(tpu, npu, ng);
        println!(
            "NER {name}: P {p:.3} R {r:.3} F1 {f:.3} (untyped span F1 {fu:.3}; {ng} gold entities)"
        );
    }
    eprintln!("trained in {:.1}s", t0.elapsed().as_secs_f64());
}
