//! Offsets: every region and sentence-like span of the analysis text, mapped
//! to the original bytes, must show the same visible words there. Also: bad
//! input never panics.

use annalist_ingest::html::visible_text;
use annalist_ingest::segment::sentences;
use annalist_ingest::{clean, read_bytes, RawDoc};
use annalist_model::{Format, Span};
use std::io::Read;

const SHARED: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared");

fn words(s: &str) -> Vec<String> {
    s.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_string)
        .collect()
}

fn check_doc(raw: &RawDoc) -> usize {
    let Ok(doc) = clean(raw) else {
        return 0;
    };
    let original = String::from_utf8_lossy(&raw.bytes).to_string();
    let html = matches!(raw.format, Format::Html | Format::WarcHtml);
    let mut checked = 0;
    let mut spans: Vec<Span> = doc.regions.iter().map(|r| r.span).collect();
    for r in &doc.regions {
        spans.extend(sentences(&doc.text, r.span));
    }
    let mut prev_end = 0;
    for (i, r) in doc.regions.iter().enumerate() {
        assert!(
            r.span.start >= prev_end || i == 0,
            "regions overlap or unsorted"
        );
        prev_end = r.span.end;
    }
    for s in spans {
        let t = s.slice(&doc.text);
        let o = doc.map.span_to_original(s);
        let Some(orig) = original.get(o.start..o.end) else {
            panic!(
                "{}: span {s:?} maps to {o:?}, not on char boundaries",
                raw.name
            );
        };
        let seen = if html {
            visible_text(orig).0
        } else {
            orig.to_string()
        };
        assert_eq!(words(t), words(&seen), "{}: {s:?} -> {o:?}", raw.name);
        checked += 1;
    }
    // Every non-blank byte of the text is inside a region.
    let mut covered = vec![false; doc.text.len()];
    for r in &doc.regions {
        covered[r.span.start..r.span.end]
            .iter_mut()
            .for_each(|c| *c = true);
    }
    for (i, c) in doc.text.char_indices() {
        if !c.is_whitespace() {
            assert!(covered[i], "{}: {:?} at {i} outside regions", raw.name, c);
        }
    }
    checked
}

#[test]
fn html_regions_map_back() {
    let page = r#"<!DOCTYPE html><html><head><meta charset="utf-8"><title>Trotsky &amp; Mexico</title>
<meta name="author" content="Jane Doe"><meta property="article:published_time" content="2019-12-01T10:00:00Z">
<script>var x = "<p>not text</p>";</script><style>p{}</style></head>
<body><nav><a href="/">Home</a> | <a href="/about">About</a></nav>
<article><h1>The Assassination of Leon Trotsky</h1>
<p>On 20&nbsp;August 1940, Ram&oacute;n Mercader attacked Leon Trotsky in his study at Coyoac&aacute;n with an ice axe. Trotsky died the next day in hospital.</p>
<p>Mercader had gained the confidence of the household over many months, posing as &quot;Jacques Mornard&quot;, a Belgian businessman. <b>He was arrested</b> at the scene and spent twenty years in a Mexican prison.</p>
<p>Stalin had ordered the killing after an earlier raid on the house in May 1940 failed. The assassin was awarded the title Hero of the Soviet Union after his release.</p>
</article>
<section id="comments" class="comments"><h2>3 Comments</h2>
<div class="comment"><p class="author">reader1</p><p>Great article, thanks for writing about the raid in May as well, it is often forgotten.</p></div>
</section>
<footer>&copy; 2024 Example History Blog. All rights reserved.</footer></body></html>"#;
    let raw = RawDoc {
        name: "t.html".into(),
        bytes: page.as_bytes().to_vec(),
        format: Format::Html,
        ..Default::default()
    };
    assert!(check_doc(&raw) > 3);
    let doc = clean(&raw).expect("clean");
    let main: String = doc
        .regions
        .iter()
        .filter(|r| r.kind == annalist_model::RegionKind::Main)
        .map(|r| r.span.slice(&doc.text))
        .collect::<Vec<_>>()
        .join(" ");
    assert!(main.contains("Ramón Mercader attacked"), "{main}");
    assert!(!main.contains("All rights reserved"));
    let comments: Vec<&str> = doc
        .regions
        .iter()
        .filter(|r| r.kind == annalist_model::RegionKind::Comment)
        .map(|r| r.span.slice(&doc.text))
        .collect();
    assert!(
        comments.iter().any(|c| c.contains("Great article")),
        "{comments:?}"
    );
    assert!(
        !comments.iter().any(|c| c.contains("3 Comments")),
        "{comments:?}"
    );
    assert_eq!(doc.meta.created.as_deref(), Some("2019-12-01"));
}

#[test]
fn benchmark_pages_map_back() {
    let dir = format!("{SHARED}/data/article-extraction-benchmark/html");
    let Ok(rd) = std::fs::read_dir(&dir) else {
        eprintln!("skipping: {dir} not found");
        return;
    };
    let mut paths: Vec<_> = rd.filter_map(|e| e.ok().map(|e| e.path())).collect();
    paths.sort();
    let mut checked = 0;
    for p in paths.iter().take(3) {
        let mut html = Vec::new();
        flate2::read::GzDecoder::new(std::fs::File::open(p).expect("open"))
            .read_to_end(&mut html)
            .expect("gunzip");
        checked += check_doc(&RawDoc {
            name: p.display().to_string(),
            bytes: html,
            format: Format::Html,
            ..Default::default()
        });
    }
    assert!(checked > 10);
}

#[test]
fn gold_texts_map_back() {
    for topic in ["seeds", "kirov", "rasputin"] {
        let Ok(rd) = std::fs::read_dir(format!("{SHARED}/corpus/{topic}")) else {
            return;
        };
        for e in rd.flatten() {
            let bytes = std::fs::read(e.path()).expect("read");
            check_doc(&RawDoc {
                name: e.path().display().to_string(),
                bytes,
                format: Format::Text,
                ..Default::default()
            });
        }
    }
}

#[test]
fn bad_input_never_panics() {
    let mut inputs: Vec<Vec<u8>> = vec![
        Vec::new(),
        b"   \n\n ".to_vec(),
        vec![0u8; 100],
        vec![0xff, 0xfe, 0x00],
        b"\xff\xfe\xfd plain \xc3 text".to_vec(),
        "Ramón | | | ? - Quora ? : r/x - Reddit".as_bytes().to_vec(),
        b"<html><body><p>unclosed <b>tags <i>everywhere".to_vec(),
        b"<<<<>>>>&&&&;;;;<!--".to_vec(),
    ];
    // A single 1 MB line (the 100 MB case differs only in size).
    inputs.push(b"word ".repeat(200_000));
    // Pseudo-random bytes.
    let mut x: u64 = 0x9E3779B97F4A7C15;
    for n in [10usize, 100, 1000, 5000] {
        let v: Vec<u8> = (0..n)
            .map(|_| {
                x ^= x << 13;
                x ^= x >> 7;
                x ^= x << 17;
                (x >> 24) as u8
            })
            .collect();
        inputs.push(v);
    }
    for b in inputs {
        for format in [Format::Text, Format::Html, Format::Markdown] {
            let raw = RawDoc {
                name: "bad".into(),
                bytes: b.clone(),
                format,
                ..Default::default()
            };
            if let Ok(doc) = clean(&raw) {
                for r in &doc.regions {
                    let o = doc.map.span_to_original(r.span);
                    assert!(o.end <= b.len());
                }
            }
        }
        let out = read_bytes("-", b.clone());
        for p in &out.problems {
            assert!(p.file.starts_with('-'));
        }
    }
}
