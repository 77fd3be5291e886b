//! The POS and entity taggers: feature templates and greedy decoding over
//! the averaged perceptron models of [`crate::perceptron`].
//!
//! The same feature code runs in training (`annalist-train`) and at
//! analysis time, so a model always sees the features it was trained on.

use crate::lexicon::{data_lines, gunzip};
use crate::perceptron::{feat, FHash, Model};
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
    shape_into(w, &mut s);
    s
}

fn shape_into(w: &str, s: &mut String) {
    s.clear();
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
}

/// Normalized form for word-identity features.
pub fn norm(w: &str) -> String {
    let mut s = String::with_capacity(w.len());
    norm_into(w, &mut s);
    s
}

fn norm_into(w: &str, s: &mut String) {
    s.clear();
    let first = w.chars().next().unwrap_or(' ');
    if first.is_ascii_digit() {
        let year = w.len() == 4 && w.bytes().all(|b| b.is_ascii_digit());
        s.push_str(if year { "!YEAR" } else { "!DIGITS" });
        return;
    }
    for c in w.chars() {
        match c {
            '’' | '‘' => s.push('\''),
            '“' | '”' | '«' | '»' | '„' => s.push('"'),
            '—' | '–' | '―' => s.push('-'),
            c if c.is_ascii() => s.push(c.to_ascii_lowercase()),
            _ => s.extend(c.to_lowercase()),
        }
    }
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

/// Hash of one string view of a word.
#[inline]
fn hs(s: &str) -> u64 {
    FHash::new(0).str(s).finish()
}

/// Lexicon classes of [`lex_code`], by id (the last two are the sentence
/// boundaries).
pub const LEX_CODES: [&str; 10] = [
    "-",
    "title",
    "given",
    "particle",
    "orghead",
    "eventhead",
    "demonym",
    "group",
    "<s>",
    "</s>",
];

/// Tag id of "no tag" in [`WordInfo::dict`].
pub const NO_TAG: u8 = u8::MAX;

/// One word type's views as the feature templates read them: hashes of the
/// raw form, the normalized form ([`norm`]), its shape and affixes, plus
/// the lexicon class. Computed once per word type (per document at analysis
/// time), so no feature ever re-reads a string.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct WordInfo {
    pub raw: u64,
    pub norm: u64,
    pub shape: u64,
    pub suf2: u64,
    pub suf3: u64,
    pub suf4: u64,
    pub pre1: u64,
    pub pre3: u64,
    /// Index in [`LEX_CODES`].
    pub lex: u8,
    /// Starts with an upper-case letter.
    pub upper: bool,
    /// Starts with an ASCII digit.
    pub digit: bool,
    /// Tag-dictionary class of the word ([`NO_TAG`] when none).
    pub dict: u8,
}

impl WordInfo {
    /// The views of `w`; `dict` is the POS tag dictionary (None in training).
    pub fn new(w: &str, lx: &NameLexicon, dict: Option<&TagDict>) -> Self {
        let mut n = String::new();
        let mut sh = String::new();
        Self::with_buffers(w, lx, dict, &mut n, &mut sh)
    }

    /// [`WordInfo::new`] writing the normalized form and the shape into the
    /// given buffers (reused across words).
    pub fn with_buffers(
        w: &str,
        lx: &NameLexicon,
        dict: Option<&TagDict>,
        n: &mut String,
        sh: &mut String,
    ) -> Self {
        norm_into(w, n);
        shape_into(w, sh);
        let first = w.chars().next().unwrap_or(' ');
        WordInfo {
            raw: hs(w),
            norm: hs(n),
            shape: hs(sh),
            suf2: hs(suffix(n, 2)),
            suf3: hs(suffix(n, 3)),
            suf4: hs(suffix(n, 4)),
            pre1: hs(prefix(n, 1)),
            pre3: hs(prefix(n, 3)),
            lex: lex_id(lx, w),
            upper: first.is_uppercase(),
            digit: first.is_ascii_digit(),
            dict: dict
                .and_then(|d| d.get(w))
                .map_or(NO_TAG, |&t| t.min(NO_TAG as usize - 1) as u8),
        }
    }

    /// The pseudo word before the sentence start (`end` false) or after its end.
    pub fn boundary(end: bool) -> Self {
        let h = if end {
            0x2f73_3e00_0000_0001
        } else {
            0x3c73_3e00_0000_0002
        };
        WordInfo {
            raw: h,
            norm: h,
            shape: h,
            suf2: h,
            suf3: h,
            suf4: h,
            pre1: h,
            pre3: h,
            lex: 8 + end as u8,
            upper: false,
            digit: false,
            dict: NO_TAG,
        }
    }
}

/// Roles a word plays around the tagged position: itself, one or two words
/// before, one or two after.
pub const CUR: usize = 0;
pub const PREV1: usize = 1;
pub const PREV2: usize = 2;
pub const NEXT1: usize = 3;
pub const NEXT2: usize = 4;
pub const ROLES: usize = 5;
const ROLE_OFFSET: [isize; ROLES] = [0, -1, -2, 1, 2];

/// The word in `role` around position `i` (boundary pseudo words outside).
fn at<'w>(s: &'w [WordInfo], i: usize, role: usize, bounds: &'w [WordInfo; 2]) -> &'w WordInfo {
    let j = i as isize + ROLE_OFFSET[role];
    if j < 0 {
        &bounds[0]
    } else {
        s.get(j as usize).unwrap_or(&bounds[1])
    }
}

// ---- feature templates ----------------------------------------------------
//
// Each tagger's features come in three groups, each defined once and used
// both by training (all groups concatenated: `pos_features`,
// `ner_features`) and by the cached decoder:
// - word features: depend on one word in one role (cached per word type);
// - context features: depend on small closed values (previous tags, shapes,
//   POS tags, lexicon and gazetteer codes; cached per distinct context);
// - pair features: two open words (looked up for a whole sentence at once)
//   or a tag and a word (looked up per token).
// Tag ids are class index + 1 (0 = sentence start); POS ids for the entity
// tagger are POS class index + 2 (0 = before the start, 1 = after the end).

/// POS features of one word in one role.
pub fn pos_word_features(w: &WordInfo, role: usize, out: &mut Vec<u64>) {
    let f = |t: u16, a: u64| feat(t, a, 0, 0);
    match role {
        CUR => out.extend([
            f(0, 0),
            f(1, w.norm),
            f(2, w.suf3),
            f(3, w.pre1),
            f(13, w.shape),
            f(14, w.suf2),
            f(15, w.suf4),
            f(19, w.raw),
        ]),
        PREV1 => out.extend([f(7, w.norm), f(8, w.suf3)]),
        PREV2 => out.push(f(9, w.norm)),
        NEXT1 => out.extend([f(10, w.norm), f(11, w.suf3)]),
        _ => out.push(f(12, w.norm)),
    }
}

/// Closed context of a POS decision: the two previous tags, the word's
/// shape and whether it starts the sentence.
#[derive(Clone, Copy, Debug)]
pub struct PosContext {
    pub t1: u8,
    pub t2: u8,
    pub shape: u64,
    pub first: bool,
}

impl PosContext {
    fn key(&self) -> u64 {
        feat(
            900,
            self.t1 as u64 | (self.t2 as u64) << 8 | (self.first as u64) << 16,
            self.shape,
            0,
        )
    }
}

/// POS features of the closed context.
pub fn pos_context_features(c: &PosContext, out: &mut Vec<u64>) {
    out.extend([
        feat(4, c.t1 as u64, 0, 0),
        feat(5, c.t2 as u64, c.t1 as u64, 0),
        feat(16, c.shape, c.first as u64, 0),
    ]);
}

/// POS word-pair features: the word with each neighbour.
pub fn pos_bigram_features(prev: &WordInfo, w: &WordInfo, next: &WordInfo, out: &mut Vec<u64>) {
    out.extend([
        feat(17, prev.norm, w.norm, 0),
        feat(18, w.norm, next.norm, 0),
    ]);
}

/// POS tag-word feature: previous tag × word.
pub fn pos_tagword_features(t1: u8, w: &WordInfo, out: &mut Vec<u64>) {
    out.push(feat(6, t1 as u64, w.norm, 0));
}

/// All POS features of word `i` given the two previous tag ids (training).
pub fn pos_features(s: &[WordInfo], i: usize, t1: u8, t2: u8, out: &mut Vec<u64>) {
    out.clear();
    let b = [WordInfo::boundary(false), WordInfo::boundary(true)];
    for role in 0..ROLES {
        pos_word_features(at(s, i, role, &b), role, out);
    }
    let ctx = PosContext {
        t1,
        t2,
        shape: s[i].shape,
        first: i == 0,
    };
    pos_context_features(&ctx, out);
    pos_bigram_features(at(s, i, PREV1, &b), &s[i], at(s, i, NEXT1, &b), out);
    pos_tagword_features(t1, &s[i], out);
}

/// Entity-tagger features of one word in one role.
pub fn ner_word_features(w: &WordInfo, role: usize, out: &mut Vec<u64>) {
    let f = |t: u16, a: u64| feat(t, a, 0, 0);
    match role {
        CUR => out.extend([
            f(100, 0),
            f(101, w.raw),
            f(102, w.norm),
            f(103, w.shape),
            f(104, w.suf3),
            f(105, w.pre3),
            f(122, w.lex as u64),
            feat(125, w.lex as u64, w.shape, 0),
            f(126, w.suf4),
        ]),
        PREV1 => out.push(f(109, w.norm)),
        PREV2 => out.push(f(111, w.norm)),
        NEXT1 => out.extend([f(110, w.norm), f(124, w.lex as u64)]),
        _ => out.push(f(112, w.norm)),
    }
}

/// Closed context of an entity decision: POS ids and shapes of the word and
/// its neighbours, previous tags, gazetteer code (0 none, 1 begins a place,
/// 2 inside one), lexicon ids of the word and the previous word.
#[derive(Clone, Copy, Debug)]
pub struct NerContext {
    pub pos_prev: u8,
    pub pos: u8,
    pub pos_next: u8,
    pub t1: u8,
    pub t2: u8,
    pub place: u8,
    pub lex_prev: u8,
    pub lex: u8,
    pub first: bool,
    pub sh_prev: u64,
    pub sh: u64,
    pub sh_next: u64,
}

impl NerContext {
    fn key(&self) -> u64 {
        let small = [
            self.pos_prev,
            self.pos,
            self.pos_next,
            self.t1,
            self.t2,
            self.place,
            self.lex_prev,
            self.lex,
        ];
        let k = u64::from_le_bytes(small) ^ (self.first as u64) << 63;
        feat(901, k, self.sh ^ self.sh_prev.rotate_left(21), self.sh_next)
    }
}

/// Entity-tagger features of the closed context.
pub fn ner_context_features(c: &NerContext, out: &mut Vec<u64>) {
    let (t1, t2) = (c.t1 as u64, c.t2 as u64);
    let (p, pp, pn) = (c.pos as u64, c.pos_prev as u64, c.pos_next as u64);
    out.extend([
        feat(106, p, 0, 0),
        feat(107, pp, p, 0),
        feat(108, p, pn, 0),
        feat(113, c.sh_prev, c.sh, 0),
        feat(114, c.sh, c.sh_next, 0),
        feat(115, t1, 0, 0),
        feat(116, t2, t1, 0),
        feat(117, t1, c.sh, 0),
        feat(119, c.sh, c.first as u64, 0),
        feat(120, c.place as u64, 0, 0),
        feat(121, c.place as u64, t1, 0),
        feat(123, c.lex_prev as u64, c.lex as u64, 0),
        feat(127, c.lex_prev as u64, t1, 0),
        feat(129, p, c.sh, t1),
    ]);
}

/// Entity-tagger word-pair feature: previous word × word.
pub fn ner_bigram_features(prev: &WordInfo, w: &WordInfo, out: &mut Vec<u64>) {
    out.push(feat(128, prev.norm, w.norm, 0));
}

/// Entity-tagger tag-word feature: previous tag × word.
pub fn ner_tagword_features(t1: u8, w: &WordInfo, out: &mut Vec<u64>) {
    out.push(feat(118, t1 as u64, w.norm, 0));
}

/// A sentence as the entity tagger sees it.
pub struct NerView<'s> {
    pub words: &'s [WordInfo],
    /// POS ids (POS class index + 2).
    pub pos: &'s [u8],
    /// Gazetteer codes ([`NameLexicon::place_matches`]).
    pub place: &'s [u8],
}

impl NerView<'_> {
    fn context(&self, i: usize, t1: u8, t2: u8) -> NerContext {
        let b = [WordInfo::boundary(false), WordInfo::boundary(true)];
        let pos_at = |j: isize| -> u8 {
            if j < 0 {
                0
            } else {
                self.pos.get(j as usize).copied().unwrap_or(1)
            }
        };
        let ii = i as isize;
        NerContext {
            pos_prev: pos_at(ii - 1),
            pos: pos_at(ii),
            pos_next: pos_at(ii + 1),
            t1,
            t2,
            place: self.place.get(i).copied().unwrap_or(0),
            lex_prev: at(self.words, i, PREV1, &b).lex,
            lex: self.words[i].lex,
            first: i == 0,
            sh_prev: at(self.words, i, PREV1, &b).shape,
            sh: self.words[i].shape,
            sh_next: at(self.words, i, NEXT1, &b).shape,
        }
    }
}

/// All entity-tagger features of word `i` given the two previous tag ids
/// (training).
pub fn ner_features(s: &NerView, i: usize, t1: u8, t2: u8, out: &mut Vec<u64>) {
    out.clear();
    let b = [WordInfo::boundary(false), WordInfo::boundary(true)];
    for role in 0..ROLES {
        ner_word_features(at(s.words, i, role, &b), role, out);
    }
    ner_context_features(&s.context(i, t1, t2), out);
    ner_bigram_features(at(s.words, i, PREV1, &b), &s.words[i], out);
    ner_tagword_features(t1, &s.words[i], out);
}

/// A lower-case (or symbol) word after an `O` opens no entity: the decoder
/// tags it `O` without scoring (most tokens).
pub fn ner_skips(w: &WordInfo, i: usize, prev: Option<usize>, o: usize) -> bool {
    !w.upper && !w.digit && (i == 0 || prev == Some(o))
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

/// The lexicon class of a word, a feature of the entity tagger.
pub fn lex_code(lx: &NameLexicon, w: &str) -> &'static str {
    LEX_CODES[lex_id(lx, w) as usize]
}

fn lex_id(lx: &NameLexicon, w: &str) -> u8 {
    // every list but the particles holds capitalised words
    if !w.chars().next().is_some_and(char::is_uppercase) {
        return if lx.particles.contains(w) { 3 } else { 0 };
    }
    if lx.titles.contains_key(w) {
        1
    } else if lx.given.contains_key(w) {
        2
    } else if lx.particles.contains(w) {
        3
    } else if lx.org_heads.contains(w) {
        4
    } else if lx.event_heads.contains(w) {
        5
    } else if lx.demonyms.contains(w) {
        6
    } else if lx.groups.contains(w) {
        7
    } else {
        0
    }
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

/// The models and lexicons the taggers read.
#[derive(Clone, Copy)]
pub struct Taggers<'m> {
    pub pos: &'m Model,
    pub dict: Option<&'m TagDict>,
    pub ner: &'m Model,
    pub lx: &'m NameLexicon,
}

/// Integer score rows stored back to back.
#[derive(Default)]
struct Rows {
    data: Vec<i32>,
}

impl Rows {
    fn push(&mut self, v: &[i32]) -> usize {
        let i = self.data.len();
        self.data.extend_from_slice(v);
        i
    }
    #[inline]
    fn add(&self, at: usize, acc: &mut [i32]) {
        let n = acc.len();
        for (a, x) in acc.iter_mut().zip(&self.data[at..at + n]) {
            *a += *x;
        }
    }
}

/// Per-document caches of both taggers: word types (interned once, with
/// their [`WordInfo`] and normalized form), the partial scores of each word
/// type in each role, and the partial scores of each closed context seen.
/// Cached sums are exact integer sums of the same features as
/// [`pos_features`] / [`ner_features`], so cached decoding gives the tags of
/// plain decoding. Use one per document (it grows with the vocabulary).
#[derive(Default)]
pub struct DocCache {
    types: HashMap<Box<str>, u32>,
    infos: Vec<WordInfo>,
    norms: Vec<Box<str>>,
    /// Offset of the type's POS role rows (ROLES × classes), usize::MAX until scored.
    pos_rows: Vec<usize>,
    ner_rows: Vec<usize>,
    pos: Rows,
    ner: Rows,
    pos_ctx: crate::perceptron::IdMap<usize>,
    ner_ctx: crate::perceptron::IdMap<usize>,
    feats: Vec<u64>,
    buf: (String, String),
    /// Lemma per (word type, UPOS class), filled by `Analyzer::analyze`.
    pub(crate) lemmas: HashMap<(u32, usize), Box<str>>,
}

/// The POS tagger's cache is the document cache (kept for the old name).
pub type PosCache = DocCache;

const START: u32 = 0;
const END: u32 = 1;

impl DocCache {
    /// Word types and contexts held.
    pub fn len(&self) -> usize {
        self.infos.len() + self.pos_ctx.len() + self.ner_ctx.len() + self.lemmas.len()
    }

    pub fn is_empty(&self) -> bool {
        self.infos.is_empty()
    }

    fn init(&mut self) {
        if self.infos.is_empty() {
            for end in [false, true] {
                self.infos.push(WordInfo::boundary(end));
                self.norms.push(if end { "</s>" } else { "<s>" }.into());
                self.pos_rows.push(usize::MAX);
                self.ner_rows.push(usize::MAX);
            }
        }
    }

    /// The type id of `w` (interning it on first sight).
    pub fn intern(&mut self, m: &Taggers, w: &str) -> u32 {
        self.init();
        if let Some(&id) = self.types.get(w) {
            return id;
        }
        let (n, sh) = &mut self.buf;
        let info = WordInfo::with_buffers(w, m.lx, m.dict, n, sh);
        let id = self.infos.len() as u32;
        self.infos.push(info);
        self.norms.push(n.as_str().into());
        self.pos_rows.push(usize::MAX);
        self.ner_rows.push(usize::MAX);
        self.types.insert(w.into(), id);
        id
    }

    /// Scores the word features of every role of the types around the
    /// words of `need` (positions in `ids`) not scored yet, with one batched
    /// model look-up for the whole sentence.
    fn ensure_word_rows(&mut self, model: &Model, ner: bool, ids: &[u32], need: &[usize]) {
        let c = model.n_classes();
        let mut todo: Vec<u32> = Vec::new();
        for &i in need {
            for off in ROLE_OFFSET {
                let j = i as isize + off;
                let id = if j < 0 {
                    START
                } else {
                    ids.get(j as usize).copied().unwrap_or(END)
                };
                let have = if ner {
                    &mut self.ner_rows[id as usize]
                } else {
                    &mut self.pos_rows[id as usize]
                };
                if *have == usize::MAX {
                    *have = usize::MAX - 1; // queued
                    todo.push(id);
                }
            }
        }
        if todo.is_empty() {
            return;
        }
        // features of every (type, role), with where each group ends
        let mut feats = std::mem::take(&mut self.feats);
        feats.clear();
        let mut ends: Vec<usize> = Vec::with_capacity(todo.len() * ROLES);
        for &id in &todo {
            let info = self.infos[id as usize];
            for role in 0..ROLES {
                // the boundary pseudo words are never the current word
                if id >= 2 || role != CUR {
                    if ner {
                        ner_word_features(&info, role, &mut feats);
                    } else {
                        pos_word_features(&info, role, &mut feats);
                    }
                }
                ends.push(feats.len());
            }
        }
        let mut rows = Vec::with_capacity(feats.len());
        model.rows(&feats, &mut rows);
        let mut v = vec![0i32; ROLES * c];
        let mut f = 0;
        for (t, &id) in todo.iter().enumerate() {
            v.fill(0);
            for role in 0..ROLES {
                let end = ends[t * ROLES + role];
                for &r in &rows[f..end] {
                    model.add_row(r, &mut v[role * c..role * c + c]);
                }
                f = end;
            }
            if ner {
                self.ner_rows[id as usize] = self.ner.push(&v);
            } else {
                self.pos_rows[id as usize] = self.pos.push(&v);
            }
        }
        self.feats = feats;
    }

    /// Adds the word-feature scores of the five roles around `i` (scored
    /// by [`DocCache::ensure_word_rows`]).
    fn add_word_scores(&self, ner: bool, ids: &[u32], i: usize, acc: &mut [i32]) {
        let c = acc.len();
        for (role, off) in ROLE_OFFSET.iter().enumerate() {
            let j = i as isize + off;
            let id = if j < 0 {
                START
            } else {
                ids.get(j as usize).copied().unwrap_or(END)
            } as usize;
            if ner {
                self.ner.add(self.ner_rows[id] + role * c, acc);
            } else {
                self.pos.add(self.pos_rows[id] + role * c, acc);
            }
        }
    }

    /// Row offset of the closed context's scores (scored on first sight).
    fn context_rows(&mut self, model: &Model, ner: bool, key: u64, feats: &[u64]) -> usize {
        let map = if ner {
            &mut self.ner_ctx
        } else {
            &mut self.pos_ctx
        };
        if let Some(&at) = map.get(&key) {
            return at;
        }
        let c = model.n_classes().min(32);
        let mut v = [0i32; 32];
        model.add_scores(feats, &mut v[..c]);
        let at = if ner {
            self.ner.push(&v[..c])
        } else {
            self.pos.push(&v[..c])
        };
        map.insert(key, at);
        at
    }

    /// Greedy POS decoding of a sentence of interned words: class indexes.
    pub fn tag_pos(&mut self, m: &Taggers, ids: &[u32]) -> Vec<usize> {
        self.init();
        let model = m.pos;
        let c = model.n_classes().min(32);
        let use_dict = m.dict.is_some();
        let scored: Vec<usize> = (0..ids.len())
            .filter(|&i| !use_dict || self.infos[ids[i] as usize].dict == NO_TAG)
            .collect();
        self.ensure_word_rows(model, false, ids, &scored);
        // word-pair features of the whole sentence in one batch
        let mut feats = std::mem::take(&mut self.feats);
        feats.clear();
        let info = |j: isize| -> &WordInfo {
            let id = if j < 0 {
                START
            } else {
                ids.get(j as usize).copied().unwrap_or(END)
            };
            &self.infos[id as usize]
        };
        for &i in &scored {
            let ii = i as isize;
            pos_bigram_features(info(ii - 1), info(ii), info(ii + 1), &mut feats);
        }
        let per = feats.len() / scored.len().max(1);
        let mut bi = Vec::with_capacity(feats.len());
        model.rows(&feats, &mut bi);
        let mut out: Vec<usize> = Vec::with_capacity(ids.len());
        let mut acc = [0i32; 32];
        let mut next_scored = 0;
        for i in 0..ids.len() {
            let w = self.infos[ids[i] as usize];
            if scored.get(next_scored) != Some(&i) {
                out.push(w.dict as usize);
                continue;
            }
            let acc = &mut acc[..c];
            acc.fill(0);
            self.add_word_scores(false, ids, i, acc);
            for &r in &bi[next_scored * per..next_scored * per + per] {
                model.add_row(r, acc);
            }
            next_scored += 1;
            let t1 = if i >= 1 { out[i - 1] as u8 + 1 } else { 0 };
            let t2 = if i >= 2 { out[i - 2] as u8 + 1 } else { 0 };
            let ctx = PosContext {
                t1,
                t2,
                shape: w.shape,
                first: i == 0,
            };
            feats.clear();
            pos_context_features(&ctx, &mut feats);
            let at = self.context_rows(model, false, ctx.key(), &feats);
            self.pos.add(at, acc);
            feats.clear();
            pos_tagword_features(t1, &w, &mut feats);
            model.add_scores(&feats, acc);
            out.push(Model::argmax_i32(acc, None));
        }
        self.feats = feats;
        out
    }

    /// Gazetteer codes of a sentence of interned words.
    pub fn place_codes(&self, m: &Taggers, words: &[&str], ids: &[u32]) -> Vec<u8> {
        let norms: Vec<&str> = ids.iter().map(|&i| &*self.norms[i as usize]).collect();
        m.lx.place_matches_lower(words, &norms)
    }

    /// Greedy BIO decoding of a sentence of interned words given POS ids
    /// (POS class + 2) and gazetteer codes: class indexes.
    pub fn tag_ner(&mut self, m: &Taggers, ids: &[u32], pos: &[u8], place: &[u8]) -> Vec<usize> {
        self.init();
        let model = m.ner;
        let c = model.n_classes().min(32);
        let classes = &model.classes[..c];
        let mut masks: Vec<Vec<bool>> = (0..c)
            .map(|k| allowed_after(classes, Some(&classes[k])))
            .collect();
        masks.push(allowed_after(classes, None));
        let o = model.class_id("O").unwrap_or(0);
        let words: Vec<WordInfo> = ids.iter().map(|&i| self.infos[i as usize]).collect();
        let sent = NerView {
            words: &words,
            pos,
            place,
        };
        // words that may be scored: capitalised or digits (and the first
        // word); a lower-case word after a non-O tag is handled alone
        let likely: Vec<usize> = (0..ids.len())
            .filter(|&i| !ner_skips(&words[i], i, Some(o), o))
            .collect();
        self.ensure_word_rows(model, true, ids, &likely);
        let mut feats = std::mem::take(&mut self.feats);
        feats.clear();
        for &i in &likely {
            let prev = if i >= 1 { ids[i - 1] } else { START };
            ner_bigram_features(&self.infos[prev as usize], &words[i], &mut feats);
        }
        let mut bi = Vec::with_capacity(feats.len());
        model.rows(&feats, &mut bi);
        let mut out: Vec<usize> = Vec::with_capacity(ids.len());
        let mut acc = [0i32; 32];
        let mut next_likely = 0;
        for i in 0..ids.len() {
            if ner_skips(&words[i], i, out.last().copied(), o) {
                out.push(o);
                continue;
            }
            let acc = &mut acc[..c];
            acc.fill(0);
            let prev = if i >= 1 { ids[i - 1] } else { START };
            while likely.get(next_likely).is_some_and(|&k| k < i) {
                next_likely += 1;
            }
            if likely.get(next_likely) == Some(&i) {
                model.add_row(bi[next_likely], acc);
            } else {
                self.ensure_word_rows(model, true, ids, &[i]);
                feats.clear();
                ner_bigram_features(&self.infos[prev as usize], &words[i], &mut feats);
                model.add_scores(&feats, acc);
            }
            self.add_word_scores(true, ids, i, acc);
            let t1 = if i >= 1 { out[i - 1] as u8 + 1 } else { 0 };
            let t2 = if i >= 2 { out[i - 2] as u8 + 1 } else { 0 };
            let ctx = sent.context(i, t1, t2);
            feats.clear();
            ner_context_features(&ctx, &mut feats);
            let at = self.context_rows(model, true, ctx.key(), &feats);
            self.ner.add(at, acc);
            feats.clear();
            ner_tagword_features(t1, &words[i], &mut feats);
            model.add_scores(&feats, acc);
            let mask = &masks[out.last().copied().unwrap_or(c)];
            out.push(Model::argmax_i32(acc, Some(mask)));
        }
        self.feats = feats;
        out
    }
}

/// POS ids for the entity tagger (POS class index + 2).
pub fn pos_ids(tags: &[usize]) -> Vec<u8> {
    tags.iter().map(|&t| (t + 2).min(255) as u8).collect()
}

/// Greedy POS decoding of one sentence with an optional tag dictionary
/// (a fresh cache: same tags as the per-document cached decoder).
pub fn tag_pos_dict(
    model: &Model,
    dict: Option<&TagDict>,
    lx: &NameLexicon,
    words: &[&str],
) -> Vec<usize> {
    let m = Taggers {
        pos: model,
        dict,
        ner: model,
        lx,
    };
    let mut cache = DocCache::default();
    let ids: Vec<u32> = words.iter().map(|w| cache.intern(&m, w)).collect();
    cache.tag_pos(&m, &ids)
}

/// Greedy BIO decoding of one sentence given its POS class indexes.
pub fn tag_ner(model: &Model, lx: &NameLexicon, words: &[&str], pos: &[usize]) -> Vec<usize> {
    let m = Taggers {
        pos: model,
        dict: None,
        ner: model,
        lx,
    };
    let mut cache = DocCache::default();
    let ids: Vec<u32> = words.iter().map(|w| cache.intern(&m, w)).collect();
    let place = cache.place_codes(&m, words, &ids);
    cache.tag_ner(&m, &ids, &pos_ids(pos), &place)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::perceptron::Trainer;

    /// The cached decoder sums exactly the features of the training
    /// functions: decode both ways with a small trained model.
    #[test]
    fn cached_decoding_matches_training_features() {
        let lx = NameLexicon::default();
        let sents: Vec<Vec<&str>> = vec![
            "Leon Trotsky was killed in Coyoacán .".split(' ').collect(),
            "The Tsar met Rasputin in 1916 at the palace ."
                .split(' ')
                .collect(),
            "He wrote the book in Paris and left .".split(' ').collect(),
        ];
        let classes: Vec<String> = ["A", "B", "C"].iter().map(|s| s.to_string()).collect();
        let mut tr = Trainer::new(classes.clone());
        let mut feats = Vec::new();
        let mut sc = vec![0f32; 3];
        for _ in 0..3 {
            for s in &sents {
                let ws: Vec<WordInfo> = s.iter().map(|w| WordInfo::new(w, &lx, None)).collect();
                let mut hist: Vec<usize> = Vec::new();
                for i in 0..s.len() {
                    let t1 = if i >= 1 { hist[i - 1] as u8 + 1 } else { 0 };
                    let t2 = if i >= 2 { hist[i - 2] as u8 + 1 } else { 0 };
                    pos_features(&ws, i, t1, t2, &mut feats);
                    tr.score(&feats, &mut sc);
                    let guess = Model::argmax(&sc, None);
                    let gold = (s[i].len() + i) % 3;
                    tr.update(&feats, gold, guess);
                    hist.push(guess);
                }
            }
        }
        let (model, _) = tr.finish(0.0);
        let mut acc = vec![0i32; 3];
        for s in &sents {
            let ws: Vec<WordInfo> = s.iter().map(|w| WordInfo::new(w, &lx, None)).collect();
            let mut plain: Vec<usize> = Vec::new();
            for i in 0..s.len() {
                let t1 = if i >= 1 { plain[i - 1] as u8 + 1 } else { 0 };
                let t2 = if i >= 2 { plain[i - 2] as u8 + 1 } else { 0 };
                pos_features(&ws, i, t1, t2, &mut feats);
                acc.fill(0);
                model.add_scores(&feats, &mut acc);
                plain.push(Model::argmax_i32(&acc, None));
            }
            assert_eq!(plain, tag_pos_dict(&model, None, &lx, s));
        }
    }

    /// Same for the entity tagger (with its skip rule and transition masks).
    #[test]
    fn cached_ner_decoding_matches_training_features() {
        let lx = NameLexicon::default();
        let sents: Vec<Vec<&str>> = vec![
            "Leon Trotsky was killed in Coyoacán by Ramón Mercader ."
                .split(' ')
                .collect(),
            "The Tsar met Rasputin in 1916 at the Alexander Palace ."
                .split(' ')
                .collect(),
            "He wrote The Revolution Betrayed in Norway ."
                .split(' ')
                .collect(),
        ];
        let classes: Vec<String> = ["O", "B-PER", "I-PER", "B-LOC", "I-LOC"]
            .iter()
            .map(|s| s.to_string())
            .collect();
        let mut masks: Vec<Vec<bool>> = (0..classes.len())
            .map(|k| allowed_after(&classes, Some(&classes[k])))
            .collect();
        masks.push(allowed_after(&classes, None));
        let views = |s: &[&str]| -> (Vec<WordInfo>, Vec<u8>, Vec<u8>) {
            let ws = s.iter().map(|w| WordInfo::new(w, &lx, None)).collect();
            let pos = s.iter().map(|w| (w.len() % 5) as u8 + 2).collect();
            (ws, pos, lx.place_matches(s))
        };
        let mut tr = Trainer::new(classes.clone());
        let mut feats = Vec::new();
        let mut sc = vec![0f32; classes.len()];
        for _ in 0..3 {
            for s in &sents {
                let (ws, pos, place) = views(s);
                let v = NerView {
                    words: &ws,
                    pos: &pos,
                    place: &place,
                };
                let mut hist: Vec<usize> = Vec::new();
                for i in 0..s.len() {
                    let t1 = if i >= 1 { hist[i - 1] as u8 + 1 } else { 0 };
                    let t2 = if i >= 2 { hist[i - 2] as u8 + 1 } else { 0 };
                    ner_features(&v, i, t1, t2, &mut feats);
                    tr.score(&feats, &mut sc);
                    let guess = Model::argmax(&sc, None);
                    let gold = if ws[i].upper { 1 + (i % 2) * 2 } else { 0 };
                    tr.update(&feats, gold, guess);
                    hist.push(guess);
                }
            }
        }
        let (model, _) = tr.finish(0.0);
        let mut acc = vec![0i32; classes.len()];
        for s in &sents {
            let (ws, pos, place) = views(s);
            let v = NerView {
                words: &ws,
                pos: &pos,
                place: &place,
            };
            let mut plain: Vec<usize> = Vec::new();
            for i in 0..s.len() {
                if ner_skips(&ws[i], i, plain.last().copied(), 0) {
                    plain.push(0);
                    continue;
                }
                let t1 = if i >= 1 { plain[i - 1] as u8 + 1 } else { 0 };
                let t2 = if i >= 2 { plain[i - 2] as u8 + 1 } else { 0 };
                ner_features(&v, i, t1, t2, &mut feats);
                acc.fill(0);
                model.add_scores(&feats, &mut acc);
                let mask = &masks[plain.last().copied().unwrap_or(classes.len())];
                plain.push(Model::argmax_i32(&acc, Some(mask)));
            }
            let pos_classes: Vec<usize> = pos.iter().map(|&p| p as usize - 2).collect();
            assert_eq!(plain, tag_ner(&model, &lx, s, &pos_classes));
            assert!(plain.iter().any(|&t| t != 0));
        }
    }
}
