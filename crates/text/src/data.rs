//! Readers for the open training/evaluation corpora (CoNLL-U, CoNLL NER),
//! used by the `annalist-train` binary, the sentence-boundary evaluation and
//! the quality tests. Nothing here runs during analysis.

use std::io::Read;
use std::path::Path;

/// One sentence of a CoNLL-U file (syntactic words; multiword-token ranges
/// and empty nodes skipped).
#[derive(Clone, Debug, Default)]
pub struct UdSentence {
    pub doc: String,
    pub new_par: bool,
    pub text: String,
    pub words: Vec<String>,
    pub upos: Vec<String>,
    /// Raw MISC column per word.
    pub misc: Vec<String>,
}

/// Reads a file, gunzipping `.gz`.
pub fn read_maybe_gz(path: &Path) -> std::io::Result<String> {
    let bytes = std::fs::read(path)?;
    if path.extension().is_some_and(|e| e == "gz") {
        let mut s = String::new();
        flate2::read::GzDecoder::new(&bytes[..]).read_to_string(&mut s)?;
        Ok(s)
    } else {
        Ok(String::from_utf8_lossy(&bytes).into_owned())
    }
}

pub fn read_conllu(path: &Path) -> std::io::Result<Vec<UdSentence>> {
    let s = read_maybe_gz(path)?;
    let mut out = Vec::new();
    let mut cur = UdSentence::default();
    let mut doc = String::new();
    let mut new_par = false;
    for line in s.lines() {
        if line.is_empty() {
            if !cur.words.is_empty() {
                cur.doc = doc.clone();
                cur.new_par = new_par;
                new_par = false;
                out.push(std::mem::take(&mut cur));
            }
            continue;
        }
        if let Some(c) = line.strip_prefix('#') {
            let c = c.trim();
            if let Some(d) = c.strip_prefix("newdoc id =") {
                doc = d.trim().to_string();
                new_par = true;
            } else if c.starts_with("newdoc") {
                doc = format!("{doc}+");
                new_par = true;
            } else if c.starts_with("newpar") {
                new_par = true;
            } else if let Some(t) = c.strip_prefix("text =") {
                cur.text = t.trim().to_string();
            }
            continue;
        }
        let cols: Vec<&str> = line.split('\t').collect();
        if cols.len() < 10 || cols[0].contains('-') || cols[0].contains('.') {
            continue;
        }
        cur.words.push(cols[1].to_string());
        cur.upos.push(cols[3].to_string());
        cur.misc.push(cols[9].to_string());
    }
    if !cur.words.is_empty() {
        cur.doc = doc;
        cur.new_par = new_par;
        out.push(cur);
    }
    Ok(out)
}

/// A sentence with BIO entity tags over PER/LOC/ORG/MISC.
#[derive(Clone, Debug, Default)]
pub struct NerSentence {
    pub doc: usize,
    pub words: Vec<String>,
    pub tags: Vec<String>,
}

/// Reads a CoNLL NER file (token, whitespace, tag); `map` turns the file's
/// entity type into ours (None drops the entity). IO tags become BIO.
pub fn read_conll_ner(
    path: &Path,
    map: &dyn Fn(&str) -> Option<&'static str>,
) -> std::io::Result<Vec<NerSentence>> {
    let s = read_maybe_gz(path)?;
    let mut out = Vec::new();
    let mut cur = NerSentence::default();
    let mut doc = 0;
    for line in s.lines() {
        let line = line.trim_end();
        if line.is_empty() {
            if !cur.words.is_empty() {
                cur.doc = doc;
                out.push(std::mem::take(&mut cur));
            }
            continue;
        }
        let mut it = line.split_whitespace();
        let (Some(w), Some(tag)) = (it.next(), it.last()) else {
            continue;
        };
        if w == "-DOCSTART-" {
            doc += 1;
            continue;
        }
        let (bi, ty) = match tag.split_once('-') {
            Some((b, t)) => (b, map(t)),
            None => ("O", None),
        };
        let t = match ty {
            None => "O".to_string(),
            Some(t) => {
                let prev = cur.tags.last().map(String::as_str).unwrap_or("O");
                let cont = bi == "I" && prev.len() > 2 && &prev[2..] == t;
                format!("{}-{}", if cont { "I" } else { "B" }, t)
            }
        };
        cur.words.push(w.to_string());
        cur.tags.push(t);
    }
    if !cur.words.is_empty() {
        cur.doc = doc;
        out.push(cur);
    }
    Ok(out)
}

/// GUM's `Entity=` annotation turned into named-entity BIO tags.
///
/// A mention counts as a *name* when it carries a Wikipedia identity or all
/// words of its minimal span are PROPN; a leading determiner is dropped; the
/// rest must look like a name (capitalised first and last word, inner words
/// PROPN/ADP/DET/CCONJ/NUM/ADJ or hyphens). Outermost names win. Types:
/// person→PER, place→LOC, organization→ORG, event/object/abstract→MISC.
pub fn gum_to_ner(sents: &[UdSentence]) -> Vec<NerSentence> {
    let mut out = Vec::new();
    let mut docs: Vec<&str> = Vec::new();
    // mentions may span sentences rarely; we handle per sentence
    for s in sents {
        if docs.last() != Some(&s.doc.as_str()) {
            docs.push(&s.doc);
        }
        let n = s.words.len();
        // (start, end_exclusive, type, named)
        let mut open: Vec<(String, usize, String, Vec<usize>, bool)> = Vec::new();
        let mut mentions: Vec<(usize, usize, String, Vec<usize>, bool)> = Vec::new();
        for (i, m) in s.misc.iter().enumerate() {
            let Some(ent) = m.split('|').find_map(|kv| kv.strip_prefix("Entity=")) else {
                continue;
            };
            let b = ent.as_bytes();
            let mut p = 0;
            while p < b.len() {
                if b[p] == b'(' {
                    let q = ent[p + 1..]
                        .find(['(', ')'])
                        .map(|x| p + 1 + x)
                        .unwrap_or(ent.len());
                    let body = &ent[p + 1..q];
                    let fields: Vec<&str> = body.splitn(8, '-').collect();
                    let id = fields.first().copied().unwrap_or("").to_string();
                    let ty = fields.get(1).copied().unwrap_or("").to_string();
                    let minspan: Vec<usize> = fields
                        .get(5)
                        .map(|m| m.split(',').filter_map(|x| x.parse().ok()).collect())
                        .unwrap_or_default();
                    let linked = fields.len() >= 8 && !fields[7].is_empty();
                    if q < ent.len() && b[q] == b')' {
                        mentions.push((i, i + 1, ty, minspan, linked));
                        p = q + 1;
                    } else {
                        open.push((id, i, ty, minspan, linked));
                        p = q;
                    }
                } else if b[p].is_ascii_digit() {
                    let q = ent[p..].find(')').map(|x| p + x).unwrap_or(ent.len());
                    let id = &ent[p..q];
                    if let Some(k) = open.iter().rposition(|o| o.0 == id) {
                        let o = open.remove(k);
                        mentions.push((o.1, i + 1, o.2, o.3, o.4));
                    }
                    p = q + 1;
                } else {
                    p += 1;
                }
            }
        }
        let mut cands: Vec<(usize, usize, &'static str)> = Vec::new();
        for (a, e, ty, minspan, linked) in &mentions {
            let t = match ty.as_str() {
                "person" => "PER",
                "place" => "LOC",
                "organization" => "ORG",
                "event" | "object" | "abstract" => "MISC",
                _ => continue,
            };
            let heads: Vec<usize> = minspan
                .iter()
                .filter(|k| **k >= 1)
                .map(|k| a + k - 1)
                .filter(|&k| k < *e)
                .collect();
            let propn_head = !heads.is_empty() && heads.iter().all(|&k| s.upos[k] == "PROPN");
            if !(*linked || propn_head) {
                continue;
            }
            let mut a = *a;
            while a < *e && matches!(s.upos[a].as_str(), "DET" | "PRON") {
                a += 1;
            }
            if a >= *e {
                continue;
            }
            let cap = |k: usize| s.words[k].chars().next().is_some_and(char::is_uppercase);
            let inner_ok = (a..*e).all(|k| {
                matches!(
                    s.upos[k].as_str(),
                    "PROPN" | "ADP" | "DET" | "CCONJ" | "NUM" | "ADJ" | "NOUN"
                ) && (cap(k) || matches!(s.upos[k].as_str(), "ADP" | "DET" | "CCONJ" | "NUM"))
                    || s.words[k] == "-"
                    || s.words[k] == "."
            });
            if !(cap(a) && (cap(e - 1) || s.upos[e - 1] == "NUM") && inner_ok) {
                continue;
            }
            cands.push((a, *e, t));
        }
        cands.sort_by_key(|&(a, e, _)| (a, std::cmp::Reverse(e)));
        let mut tags = vec!["O".to_string(); n];
        let mut taken = vec![false; n];
        for (a, e, t) in cands {
            if (a..e).any(|k| taken[k]) {
                continue;
            }
            for k in a..e {
                taken[k] = true;
                tags[k] = format!("{}-{}", if k == a { "B" } else { "I" }, t);
            }
        }
        out.push(NerSentence {
            doc: docs.len() - 1,
            words: s.words.clone(),
            tags,
        });
    }
    out
}

/// Entity spans (start, end, type) of a BIO sequence.
pub fn bio_spans<S: AsRef<str>>(tags: &[S]) -> Vec<(usize, usize, String)> {
    let mut out = Vec::new();
    let mut cur: Option<(usize, String)> = None;
    for (i, t) in tags.iter().enumerate() {
        let t = t.as_ref();
        let (b, ty) = match t.split_once('-') {
            Some((b, ty)) => (b, ty),
            None => ("O", ""),
        };
        let cont = b == "I" && cur.as_ref().is_some_and(|(_, c)| c == ty);
        if !cont {
            if let Some((s, c)) = cur.take() {
                out.push((s, i, c));
            }
            if b == "B" || b == "I" {
                cur = Some((i, ty.to_string()));
            }
        }
    }
    if let Some((s, c)) = cur {
        out.push((s, tags.len(), c));
    }
    out
}

/// Precision, recall, F1 of predicted vs gold span sets.
pub fn prf(tp: usize, npred: usize, ngold: usize) -> (f64, f64, f64) {
    let p = if npred == 0 {
        0.0
    } else {
        tp as f64 / npred as f64
    };
    let r = if ngold == 0 {
        0.0
    } else {
        tp as f64 / ngold as f64
    };
    let f = if p + r == 0.0 {
        0.0
    } else {
        2.0 * p * r / (p + r)
    };
    (p, r, f)
}
