//! The POS and entity taggers: feature templates and greedy decoding over
//! the averaged perceptron models of [`crate::perceptron`].
//!
//! The same feature code runs in training (`annalist-train`) and at
//! analysis time, so a model always sees the features it was trained on.

use crate::lexicon::{data_lines, gunzip};
use crate::perceptron::{FHash, Model};
use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};

/// Lexicons the entity tagger uses as features (and the mention stage as rules).
#[derive(Debug, Default)]
pub struct NameLexicon {
    /// Lower-cased place names, words joined by one space.
    pub places: HashSet<String>,
    pub place_max_words: usize,
    /// Given name -> gender.
    pub given: HashMap<String, String>,
    pub particles: HashSet<String>,
    /// Title -> gender ("-" when none).
    pub titles: HashMap<String, String>,
    pub org_heads: HashSet<String>,
    pub event_heads: HashSet<String>,
    pub event_prefixes: HashSet<String>,
    pub work_cues: HashSet<String>,
    pub group_suffixes: Vec<String>,
    pub groups: HashSet<String>,
    pub demonyms: HashSet<String>,
    /// Pronoun -> gender.
    pub pronouns: HashMap<String, String>,
}

impl NameLexicon {
    pub fn load() -> Self {
        let mut lx = NameLexicon::default();
        let g = gunzip(include_bytes!(
            "../../../resources/text/gazetteer_places.txt.gz"
        ));
        for l in String::from_utf8_lossy(&g).lines() {
            let n = l.split_whitespace().count();
            if n == 0 {
                continue;
            }
            lx.place_max_words = lx.place_max_words.max(n);
            lx.places.insert(l.to_lowercase());
        }
        for l in data_lines(include_str!("../../../resources/text/places_extra.txt")) {
            lx.places.insert(l.trim().to_lowercase());
        }
        lx.place_max_words = lx.place_max_words.min(4);
        for src in [
            include_str!("../../../resources/text/given_names.tsv"),
            include_str!("../../../resources/text/given_names_extra.tsv"),
        ] {
            for l in data_lines(src) {
                let mut it = l.split('\t');
                if let (Some(n), Some(gd)) = (it.next(), it.next()) {
                    lx.given.insert(n.trim().to_string(), gd.trim().to_string());
                }
            }
        }
        for l in data_lines(include_str!("../../../resources/text/titles.tsv")) {
            let mut it = l.split('\t');
            if let (Some(n), Some(gd)) = (it.next(), it.next()) {
                lx.titles
                    .insert(n.trim().to_string(), gd.trim().to_string());
            }
        }
        for l in data_lines(include_str!("../../../resources/text/pronouns.tsv")) {
            let mut it = l.split('\t');
            if let (Some(n), Some(gd)) = (it.next(), it.next()) {
                lx.pronouns
                    .insert(n.trim().to_string(), gd.trim().to_string());
            }
        }
        let set =
            |s: &str| -> HashSet<String> { data_lines(s).map(|l| l.trim().to_string()).collect() };
        lx.particles = set(include_str!("../../../resources/text/name_particles.txt"));
        lx.org_heads = set(include_str!("../../../resources/text/org_heads.txt"));
        lx.event_heads = set(include_str!("../../../resources/text/event_heads.txt"));
        lx.event_prefixes = set(include_str!("../../../resources/text/event_prefixes.txt"));
        lx.work_cues = set(include_str!("../../../resources/text/work_cues.txt"));
        lx.groups = set(include_str!("../../../resources/text/groups.txt"));
        lx.demonyms = set(include_str!("../../../resources/text/demonyms.txt"));
        lx.group_suffixes = data_lines(include_str!("../../../resources/text/group_suffixes.txt"))
            .map(|l| l.trim().to_string())
            .collect();
        lx
    }

    /// For each word, the gazetteer place-match code: 0 none, 1 begins a
    /// match, 2 inside a match (longest match, left to right, capitalised only).
    pub fn place_matches(&self, words: &[&str]) -> Vec<u8> {
        let lower: Vec<String> = words.iter().map(|w| w.to_lowercase()).collect();
        self.place_matches_lower(words, &lower)
    }

    /// [`NameLexicon::place_matches`] with the lower-cased words given.
    pub fn place_matches_lower<S: AsRef<str>>(&self, words: &[&str], lower: &[S]) -> Vec<u8> {
        let mut out = vec![0u8; words.len()];
        let mut i = 0;
        let mut key = String::new();
        while i < words.len() {
            if !words[i].chars().next().is_some_and(char::is_uppercase) {
                i += 1;
                continue;
            }
            let mut best = 0;
            key.clear();
            for n in 1..=self.place_max_words.min(words.len() - i) {
                if n > 1 {
                    key.push(' ');
                }
                key.push_str(lower[i + n - 1].as_ref());
                if self.places.contains(key.as_str()) {
                    best = n;
                }
            }
            if best > 0 {
                out[i] = 1;
                for o in out.iter_mut().skip(i + 1).take(best - 1) {
                    *o = 2;
                }
                i += best;
            } else {
                i += 1;
            }
        }
        out
    }
}

/// Word shape: X upper, x lower, d digit, other chars as is; runs cut at 3.
pub fn shape(w: &str) -> String {
    let mut s = String::with_capacity(8);
    let mut last = '\0';
    let mut run = 0;
    for c in w.chars() {
        let k = if c.is_uppercase() {
            'X'
        } else if c.is_lowercase() {
            'x'
        } else if c.is_ascii_digit() {
            'd'
        } else {
            c
        };
        if k == last {
            run += 1;
            if run >= 3 {
                continue;
            }
        } else {
            run = 0;
            last = k;
        }
        s.push(k);
    }
    s
}

/// Normalized form for word-identity features.
pub fn norm(w: &str) -> String {
    let first = w.chars().next().unwrap_or(' ');
    if first.is_ascii_digit() {
        if w.len() == 4 && w.chars().all(|c| c.is_ascii_digit()) {
            return "!YEAR".into();
        }
        return "!DIGITS".into();
    }
    let mut s = String::with_capacity(w.len());
    for c in w.chars() {
        match c {
            '’' | '‘' => s.push('\''),
            '“' | '”' | '«' | '»' | '„' => s.push('"'),
            '—' | '–' | '―' => s.push('-'),
            _ => s.extend(c.to_lowercase()),
        }
    }
    s
}

fn suffix(s: &str, n: usize) -> &str {
    let mut idx = s.len();
    for (k, (i, _)) in s.char_indices().rev().enumerate() {
        idx = i;
        if k + 1 >= n {
            break;
        }
    }
    &s[idx..]
}

fn prefix(s: &str, n: usize) -> &str {
    match s.char_indices().nth(n) {
        Some((i, _)) => &s[..i],
        None => s,
    }
}

/// Per-sentence precomputed word views.
pub struct Prepared<'a> {
    pub words: Vec<&'a str>,
    pub norms: Vec<String>,
    pub shapes: Vec<String>,
}

impl<'a> Prepared<'a> {
    pub fn new(words: &[&'a str]) -> Self {
        Prepared {
            words: words.to_vec(),
            norms: words.iter().map(|w| norm(w)).collect(),
            shapes: words.iter().map(|w| shape(w)).collect(),
        }
    }
    fn n(&self, i: isize) -> &str {
        if i < 0 {
            "<s>"
        } else {
            self.norms
                .get(i as usize)
                .map(String::as_str)
                .unwrap_or("</s>")
        }
    }
    fn sh(&self, i: isize) -> &str {
        if i < 0 {
            "<s>"
        } else {
            self.shapes
                .get(i as usize)
                .map(String::as_str)
                .unwrap_or("</s>")
        }
    }
}

/// POS features of word `i` given the two previous tags.
pub fn pos_features(p: &Prepared, i: usize, t1: &str, t2: &str, out: &mut Vec<u64>) {
    out.clear();
    let ii = i as isize;
    let w = p.n(ii);
    let f = |t: u8| FHash::new(t);
    out.push(f(0).finish());
    out.push(f(1).str(w).finish());
    out.push(f(2).str(suffix(w, 3)).finish());
    out.push(f(3).str(prefix(w, 1)).finish());
    out.push(f(4).str(t1).finish());
    out.push(f(5).str(t2).str(t1).finish());
    out.push(f(6).str(t1).str(w).finish());
    out.push(f(7).str(p.n(ii - 1)).finish());
    out.push(f(8).str(suffix(p.n(ii - 1), 3)).finish());
    out.push(f(9).str(p.n(ii - 2)).finish());
    out.push(f(10).str(p.n(ii + 1)).finish());
    out.push(f(11).str(suffix(p.n(ii + 1), 3)).finish());
    out.push(f(12).str(p.n(ii + 2)).finish());
    out.push(f(13).str(p.sh(ii)).finish());
    out.push(f(14).str(suffix(w, 2)).finish());
    out.push(f(15).str(suffix(w, 4)).finish());
    out.push(
        f(16)
            .str(p.sh(ii))
            .str(if i == 0 { "F" } else { "M" })
            .finish(),
    );
    out.push(f(17).str(p.n(ii - 1)).str(w).finish());
    out.push(f(18).str(w).str(p.n(ii + 1)).finish());
    out.push(f(19).str(p.words[i]).finish());
}

/// Greedy POS decoding of one sentence.
pub fn tag_pos(model: &Model, words: &[&str]) -> Vec<usize> {
    tag_pos_dict(model, None, words)
}

/// Frequent words that (nearly) always carry one tag: tagged without the
/// model (the classic averaged-perceptron tag dictionary).
pub type TagDict = HashMap<String, usize>;

/// Parses `word<TAB>TAG` lines against the model's classes.
pub fn parse_tagdict(text: &str, model: &Model) -> TagDict {
    text.lines()
        .filter_map(|l| {
            let (w, t) = l.split_once('\t')?;
            Some((w.to_string(), model.class_id(t)?))
        })
        .collect()
}

/// The per-document caches of both taggers.
#[derive(Default)]
pub struct DocCache {
    pub pos: PosCache,
    pub ner: NerCache,
}

/// Per-document cache of the POS scores that depend on one word only
/// (the word itself and its role as a neighbour): five score vectors per
/// word type, so each token pays only for its tag-history and word-pair
/// features. Sums the same weights as [`pos_features`] does.
#[derive(Default)]
pub struct PosCache {
    index: HashMap<String, usize>,
    vecs: Vec<Box<[f32]>>,
}

const CUR: usize = 0;
const PREV1: usize = 1;
const PREV2: usize = 2;
const NEXT1: usize = 3;
const NEXT2: usize = 4;

impl PosCache {
    /// Index of the five score vectors of `key` (`raw` None for the
    /// sentence-boundary pseudo words).
    fn slot(&mut self, model: &Model, key: &str, raw: Option<&str>) -> usize {
        if let Some(&i) = self.index.get(key) {
            return i;
        }
        let c = model.n_classes();
        let mut v = vec![0f32; 5 * c].into_boxed_slice();
        let f = |t: u8| FHash::new(t);
        let mut tmp = vec![0f32; c];
        let (nrm, shp) = match raw {
            Some(w) => (norm(w), shape(w)),
            None => (key.to_string(), String::new()),
        };
        let n = nrm.as_str();
        let groups: [(usize, Vec<u64>); 5] = [
            (
                CUR,
                match raw {
                    Some(w) => vec![
                        f(0).finish(),
                        f(1).str(n).finish(),
                        f(2).str(suffix(n, 3)).finish(),
                        f(3).str(prefix(n, 1)).finish(),
                        f(13).str(&shp).finish(),
                        f(14).str(suffix(n, 2)).finish(),
                        f(15).str(suffix(n, 4)).finish(),
                        f(19).str(w).finish(),
                    ],
                    None => vec![],
                },
            ),
            (
                PREV1,
                vec![f(7).str(n).finish(), f(8).str(suffix(n, 3)).finish()],
            ),
            (PREV2, vec![f(9).str(n).finish()]),
            (
                NEXT1,
                vec![f(10).str(n).finish(), f(11).str(suffix(n, 3)).finish()],
            ),
            (NEXT2, vec![f(12).str(n).finish()]),
        ];
        for (role, feats) in groups {
            if feats.is_empty() {
                continue;
            }
            model.score(&feats, &mut tmp);
            v[role * c..role * c + c].copy_from_slice(&tmp);
        }
        self.vecs.push(v);
        self.index.insert(key.to_string(), self.vecs.len() - 1);
        self.vecs.len() - 1
    }
}

/// Greedy POS decoding with an optional tag dictionary and a per-document cache.
pub fn tag_pos_cached(
    model: &Model,
    dict: Option<&TagDict>,
    cache: &mut PosCache,
    words: &[&str],
) -> Vec<usize> {
    tag_pos_prepared(model, dict, cache, &Prepared::new(words))
}

/// [`tag_pos_cached`] over precomputed word views.
pub fn tag_pos_prepared(
    model: &Model,
    dict: Option<&TagDict>,
    cache: &mut PosCache,
    p: &Prepared,
) -> Vec<usize> {
    let words = &p.words[..];
    let c = model.n_classes();
    let mut out: Vec<usize> = Vec::with_capacity(words.len());
    let mut feats = Vec::with_capacity(8);
    let mut scores = vec![0f32; c];
    let mut total = vec![0f32; c];
    let f = |t: u8| FHash::new(t);
    let start = cache.slot(model, "<s>", None);
    let end = cache.slot(model, "</s>", None);
    let slots: Vec<usize> = words
        .iter()
        .map(|w| cache.slot(model, w, Some(w)))
        .collect();
    let n = words.len() as isize;
    for i in 0..words.len() {
        if let Some(&t) = dict.and_then(|d| d.get(words[i])) {
            out.push(t);
            continue;
        }
        total.iter_mut().for_each(|x| *x = 0.0);
        let ii = i as isize;
        let roles: [(isize, usize); 5] = [
            (ii, CUR),
            (ii - 1, PREV1),
            (ii - 2, PREV2),
            (ii + 1, NEXT1),
            (ii + 2, NEXT2),
        ];
        for (j, role) in roles {
            let s = if j < 0 {
                start
            } else if j >= n {
                end
            } else {
                slots[j as usize]
            };
            let v = &cache.vecs[s][role * c..role * c + c];
            for (t, x) in total.iter_mut().zip(v) {
                *t += *x;
            }
        }
        let t1 = if i >= 1 {
            model.classes[out[i - 1]].as_str()
        } else {
            "<s>"
        };
        let t2 = if i >= 2 {
            model.classes[out[i - 2]].as_str()
        } else {
            "<s>"
        };
        let w = p.n(ii);
        feats.clear();
        feats.push(f(4).str(t1).finish());
        feats.push(f(5).str(t2).str(t1).finish());
        feats.push(f(6).str(t1).str(w).finish());
        feats.push(
            f(16)
                .str(p.sh(ii))
                .str(if i == 0 { "F" } else { "M" })
                .finish(),
        );
        feats.push(f(17).str(p.n(ii - 1)).str(w).finish());
        feats.push(f(18).str(w).str(p.n(ii + 1)).finish());
        model.score(&feats, &mut scores);
        for (t, x) in total.iter_mut().zip(&scores) {
            *t += *x;
        }
        out.push(Model::argmax(&total, None));
    }
    out
}

/// Greedy POS decoding with an optional tag dictionary.
pub fn tag_pos_dict(model: &Model, dict: Option<&TagDict>, words: &[&str]) -> Vec<usize> {
    let p = Prepared::new(words);
    let mut out: Vec<usize> = Vec::with_capacity(words.len());
    let mut feats = Vec::with_capacity(24);
    let mut scores = vec![0f32; model.n_classes()];
    for i in 0..words.len() {
        if let Some(&t) = dict.and_then(|d| d.get(words[i])) {
            out.push(t);
            continue;
        }
        let t1 = if i >= 1 {
            model.classes[out[i - 1]].as_str()
        } else {
            "<s>"
        };
        let t2 = if i >= 2 {
            model.classes[out[i - 2]].as_str()
        } else {
            "<s>"
        };
        pos_features(&p, i, t1, t2, &mut feats);
        model.score(&feats, &mut scores);
        out.push(Model::argmax(&scores, None));
    }
    out
}

/// Per-sentence gazetteer/lexicon codes for NER features.
pub struct NerContext<'a> {
    pub prep: Prepared<'a>,
    pub pos: Vec<&'a str>,
    pub place: Vec<u8>,
    pub lex: Vec<&'static str>,
}

impl<'a> NerContext<'a> {
    pub fn new(words: &[&'a str], pos: Vec<&'a str>, lx: &NameLexicon) -> Self {
        Self::with_prepared(Prepared::new(words), pos, lx)
    }

    /// Reuses the word views the POS tagger already computed.
    pub fn with_prepared(prep: Prepared<'a>, pos: Vec<&'a str>, lx: &NameLexicon) -> Self {
        let words = &prep.words[..];
        let place = lx.place_matches_lower(words, &prep.norms);
        let lex = words.iter().map(|w| lex_code(lx, w)).collect();
        NerContext {
            prep,
            pos,
            place,
            lex,
        }
    }
    fn pos_at(&self, i: isize) -> &str {
        if i < 0 {
            "<s>"
        } else {
            self.pos.get(i as usize).copied().unwrap_or("</s>")
        }
    }
    fn lex_at(&self, i: isize) -> &str {
        if i < 0 {
            "<s>"
        } else {
            self.lex.get(i as usize).copied().unwrap_or("</s>")
        }
    }
}

const PLACE_CODE: [&str; 3] = ["-", "B", "I"];

/// Entity-tagger features of word `i` given the two previous BIO tags.
pub fn ner_features(c: &NerContext, i: usize, t1: &str, t2: &str, out: &mut Vec<u64>) {
    out.clear();
    let p = &c.prep;
    let ii = i as isize;
    let w = p.n(ii);
    let raw = p.words[i];
    let sh = p.sh(ii);
    let f = |t: u8| FHash::new(t);
    out.push(f(100).finish());
    out.push(f(101).str(raw).finish());
    out.push(f(102).str(w).finish());
    out.push(f(103).str(sh).finish());
    out.push(f(104).str(suffix(w, 3)).finish());
    out.push(f(105).str(prefix(w, 3)).finish());
    out.push(f(106).str(c.pos_at(ii)).finish());
    out.push(f(107).str(c.pos_at(ii - 1)).str(c.pos_at(ii)).finish());
    out.push(f(108).str(c.pos_at(ii)).str(c.pos_at(ii + 1)).finish());
    out.push(f(109).str(p.n(ii - 1)).finish());
    out.push(f(110).str(p.n(ii + 1)).finish());
    out.push(f(111).str(p.n(ii - 2)).finish());
    out.push(f(112).str(p.n(ii + 2)).finish());
    out.push(f(113).str(p.sh(ii - 1)).str(sh).finish());
    out.push(f(114).str(sh).str(p.sh(ii + 1)).finish());
    out.push(f(115).str(t1).finish());
    out.push(f(116).str(t2).str(t1).finish());
    out.push(f(117).str(t1).str(sh).finish());
    out.push(f(118).str(t1).str(w).finish());
    out.push(f(119).str(sh).str(if i == 0 { "F" } else { "M" }).finish());
    let pc = PLACE_CODE[c.place.get(i).copied().unwrap_or(0) as usize];
    out.push(f(120).str(pc).finish());
    out.push(f(121).str(pc).str(t1).finish());
    out.push(f(122).str(c.lex_at(ii)).finish());
    out.push(f(123).str(c.lex_at(ii - 1)).str(c.lex_at(ii)).finish());
    out.push(f(124).str(c.lex_at(ii + 1)).finish());
    out.push(f(125).str(c.lex_at(ii)).str(sh).finish());
    out.push(f(126).str(suffix(w, 4)).finish());
    out.push(f(127).str(c.lex_at(ii - 1)).str(t1).finish());
    out.push(f(128).str(p.n(ii - 1)).str(w).finish());
    out.push(f(129).str(c.pos_at(ii)).str(sh).str(t1).finish());
}

/// The lexicon class of a word, a feature of the entity tagger.
pub fn lex_code(lx: &NameLexicon, w: &str) -> &'static str {
    // every list but the particles holds capitalised words
    if !w.chars().next().is_some_and(char::is_uppercase) {
        return if lx.particles.contains(w) {
            "particle"
        } else {
            "-"
        };
    }
    if lx.titles.contains_key(w) {
        "title"
    } else if lx.given.contains_key(w) {
        "given"
    } else if lx.particles.contains(w) {
        "particle"
    } else if lx.org_heads.contains(w) {
        "orghead"
    } else if lx.event_heads.contains(w) {
        "eventhead"
    } else if lx.demonyms.contains(w) {
        "demonym"
    } else if lx.groups.contains(w) {
        "group"
    } else {
        "-"
    }
}

/// Per-document cache of the entity-tagger scores that depend on one word
/// only (see [`PosCache`]); sums the same weights as [`ner_features`].
#[derive(Default)]
pub struct NerCache {
    index: HashMap<String, usize>,
    vecs: Vec<Box<[f32]>>,
}

impl NerCache {
    fn slot(&mut self, model: &Model, lx: &NameLexicon, key: &str, raw: Option<&str>) -> usize {
        if let Some(&i) = self.index.get(key) {
            return i;
        }
        let c = model.n_classes();
        let mut v = vec![0f32; 5 * c].into_boxed_slice();
        let f = |t: u8| FHash::new(t);
        let mut tmp = vec![0f32; c];
        let (nrm, shp, lex) = match raw {
            Some(w) => (norm(w), shape(w), lex_code(lx, w)),
            None => (key.to_string(), String::new(), ""),
        };
        let n = nrm.as_str();
        let lexk = if raw.is_some() { lex } else { key };
        let groups: [(usize, Vec<u64>); 5] = [
            (
                CUR,
                match raw {
                    Some(w) => vec![
                        f(100).finish(),
                        f(101).str(w).finish(),
                        f(102).str(n).finish(),
                        f(103).str(&shp).finish(),
                        f(104).str(suffix(n, 3)).finish(),
                        f(105).str(prefix(n, 3)).finish(),
                        f(122).str(lex).finish(),
                        f(125).str(lex).str(&shp).finish(),
                        f(126).str(suffix(n, 4)).finish(),
                    ],
                    None => vec![],
                },
            ),
            (PREV1, vec![f(109).str(n).finish()]),
            (PREV2, vec![f(111).str(n).finish()]),
            (
                NEXT1,
                vec![f(110).str(n).finish(), f(124).str(lexk).finish()],
            ),
            (NEXT2, vec![f(112).str(n).finish()]),
        ];
        for (role, feats) in groups {
            if feats.is_empty() {
                continue;
            }
            model.score(&feats, &mut tmp);
            v[role * c..role * c + c].copy_from_slice(&tmp);
        }
        self.vecs.push(v);
        self.index.insert(key.to_string(), self.vecs.len() - 1);
        self.vecs.len() - 1
    }
}

/// The entity-tagger features of word `i` that depend on more than one word.
fn ner_dynamic_features(c: &NerContext, i: usize, t1: &str, t2: &str, out: &mut Vec<u64>) {
    out.clear();
    let p = &c.prep;
    let ii = i as isize;
    let w = p.n(ii);
    let sh = p.sh(ii);
    let f = |t: u8| FHash::new(t);
    out.push(f(106).str(c.pos_at(ii)).finish());
    out.push(f(107).str(c.pos_at(ii - 1)).str(c.pos_at(ii)).finish());
    out.push(f(108).str(c.pos_at(ii)).str(c.pos_at(ii + 1)).finish());
    out.push(f(113).str(p.sh(ii - 1)).str(sh).finish());
    out.push(f(114).str(sh).str(p.sh(ii + 1)).finish());
    out.push(f(115).str(t1).finish());
    out.push(f(116).str(t2).str(t1).finish());
    out.push(f(117).str(t1).str(sh).finish());
    out.push(f(118).str(t1).str(w).finish());
    out.push(f(119).str(sh).str(if i == 0 { "F" } else { "M" }).finish());
    let pc = PLACE_CODE[c.place.get(i).copied().unwrap_or(0) as usize];
    out.push(f(120).str(pc).finish());
    out.push(f(121).str(pc).str(t1).finish());
    out.push(f(123).str(c.lex_at(ii - 1)).str(c.lex_at(ii)).finish());
    out.push(f(127).str(c.lex_at(ii - 1)).str(t1).finish());
    out.push(f(128).str(p.n(ii - 1)).str(w).finish());
    out.push(f(129).str(c.pos_at(ii)).str(sh).str(t1).finish());
}

/// Greedy BIO decoding with a per-document cache of one-word scores
/// (same tags as [`tag_ner`]).
pub fn tag_ner_cached(
    model: &Model,
    ctx: &NerContext,
    lx: &NameLexicon,
    cache: &mut NerCache,
) -> Vec<usize> {
    let words = &ctx.prep.words[..];
    let n = words.len();
    let c = model.n_classes();
    let mut out: Vec<usize> = Vec::with_capacity(n);
    let mut feats = Vec::with_capacity(20);
    let mut scores = vec![0f32; c];
    let mut total = vec![0f32; c];
    let mut masks: Vec<Vec<bool>> = (0..c)
        .map(|k| allowed_after(&model.classes, Some(&model.classes[k])))
        .collect();
    masks.push(allowed_after(&model.classes, None));
    let o = model.class_id("O").unwrap_or(0);
    let mut slots: Vec<Option<usize>> = vec![None; n];
    for i in 0..n {
        let w = words[i];
        let first = w.chars().next().unwrap_or(' ');
        if !first.is_uppercase() && !first.is_ascii_digit() && (i == 0 || out[i - 1] == o) {
            out.push(o);
            continue;
        }
        total.iter_mut().for_each(|x| *x = 0.0);
        let ii = i as isize;
        let roles: [(isize, usize); 5] = [
            (ii, CUR),
            (ii - 1, PREV1),
            (ii - 2, PREV2),
            (ii + 1, NEXT1),
            (ii + 2, NEXT2),
        ];
        for (j, role) in roles {
            let s = if j < 0 {
                cache.slot(model, lx, "<s>", None)
            } else if j as usize >= n {
                cache.slot(model, lx, "</s>", None)
            } else {
                let ju = j as usize;
                match slots[ju] {
                    Some(s) => s,
                    None => {
                        let s = cache.slot(model, lx, words[ju], Some(words[ju]));
                        slots[ju] = Some(s);
                        s
                    }
                }
            };
            for (t, x) in total.iter_mut().zip(&cache.vecs[s][role * c..role * c + c]) {
                *t += *x;
            }
        }
        let t1 = if i >= 1 {
            model.classes[out[i - 1]].as_str()
        } else {
            "<s>"
        };
        let t2 = if i >= 2 {
            model.classes[out[i - 2]].as_str()
        } else {
            "<s>"
        };
        ner_dynamic_features(ctx, i, t1, t2, &mut feats);
        model.score(&feats, &mut scores);
        for (t, x) in total.iter_mut().zip(&scores) {
            *t += *x;
        }
        let mask = if i >= 1 {
            &masks[out[i - 1]]
        } else {
            &masks[c]
        };
        out.push(Model::argmax(&total, Some(mask)));
    }
    out
}

/// Transition mask: `I-X` only after `B-X` or `I-X`.
pub fn allowed_after(classes: &[String], prev: Option<&str>) -> Vec<bool> {
    classes
        .iter()
        .map(|c| match c.strip_prefix("I-") {
            Some(t) => prev.is_some_and(|p| p.len() > 2 && &p[2..] == t),
            None => true,
        })
        .collect()
}

/// Greedy BIO decoding of one sentence with transition constraints.
pub fn tag_ner(model: &Model, ctx: &NerContext) -> Vec<usize> {
    let n = ctx.prep.words.len();
    let mut out: Vec<usize> = Vec::with_capacity(n);
    let mut feats = Vec::with_capacity(32);
    let mut scores = vec![0f32; model.n_classes()];
    // masks per previous class (index = prev class, last = sentence start)
    let nc = model.n_classes();
    let mut masks: Vec<Vec<bool>> = (0..nc)
        .map(|k| allowed_after(&model.classes, Some(&model.classes[k])))
        .collect();
    masks.push(allowed_after(&model.classes, None));
    let o = model.class_id("O").unwrap_or(0);
    for i in 0..n {
        // a word that starts in lower case (or with a symbol) after an O tag
        // opens no entity: skip the model (most tokens; same answer in practice)
        let w = ctx.prep.words[i];
        let first = w.chars().next().unwrap_or(' ');
        if !first.is_uppercase() && !first.is_ascii_digit() && (i == 0 || out[i - 1] == o) {
            out.push(o);
            continue;
        }
        let t1 = if i >= 1 {
            model.classes[out[i - 1]].as_str()
        } else {
            "<s>"
        };
        let t2 = if i >= 2 {
            model.classes[out[i - 2]].as_str()
        } else {
            "<s>"
        };
        ner_features(ctx, i, t1, t2, &mut feats);
        model.score(&feats, &mut scores);
        let mask = if i >= 1 {
            &masks[out[i - 1]]
        } else {
            &masks[nc]
        };
        out.push(Model::argmax(&scores, Some(mask)));
    }
    out
}
