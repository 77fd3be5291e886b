//! The POS and entity taggers: feature templates and greedy decoding over
//! the averaged perceptron models of [`crate::perceptron`].
//!
//! The same feature code runs in training (`annalist-train`) and at
//! analysis time, so a model always sees the features it was trained on.

use crate::lexicon::{data_lines, gunzip};
use crate::perceptron::{feat, mix64, FHash, Model};
use annalist_model::Lemma;
use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};

/// Lexicons the entity tagger uses as features (and the mention stage as rules).
#[derive(Debug, Default)]
pub struct NameLexicon {
    /// Lower-cased place names, words joined by one space.
    pub places: HashSet<String>,
    /// First words (up to the first space) of the places of several words.
    pub place_starts: HashSet<String>,
    pub place_max_words: usize,
    /// Given name -> gender.
    pub given: HashMap<String, String>,
    pub particles: HashSet<String>,
    /// Function words inside a work's title, never in a name (lower case).
    pub title_inner: HashSet<String>,
    /// Function words title case capitalises: a name stops at one in a
    /// line written in title case (lower case).
    pub headline_inner: HashSet<String>,
    /// Nouns of what befell a person, where a person's name stops
    /// (`name_breakers.txt`, lower case).
    pub name_breakers: HashSet<String>,
    /// Words after which a month opens a date, not a given name
    /// (`month_preps.txt`, lower case).
    pub month_preps: HashSet<String>,
    /// Generational suffixes ending a name after its surname
    /// (`name_suffixes.txt`, as written).
    pub name_suffixes: HashSet<String>,
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
    /// Quick rejection before a pronoun look-up (asked for every token):
    /// the longest pronoun in bytes and a bit per ASCII first byte.
    pronoun_max: usize,
    pronoun_first: u128,
}

impl NameLexicon {
    /// Loads the lexicons, reading the taggers' vocabulary itself (for
    /// tools that have no [`crate::lexicon::TokLexicon`] at hand).
    pub fn load() -> Self {
        Self::load_with(&crate::lexicon::TokLexicon::load().vocab)
    }

    /// Loads the lexicons; `vocab` is the taggers' vocabulary
    /// ([`crate::lexicon::TokLexicon::vocab`], read once at start-up).
    pub fn load_with(vocab: &HashSet<String>) -> Self {
        let mut lx = NameLexicon::default();
        let g = gunzip(include_bytes!(
            "../../../resources/text/gazetteer_places.txt.gz"
        ));
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
        // (an English word of the taggers' vocabulary or a given name that
        // a place name becomes without its accents — "come" of Cômé, "god"
        // of Göd, "gloria" of Glória — is no place)
        let given_lower: HashSet<String> = lx.given.keys().map(|n| n.to_lowercase()).collect();
        let common = |w: &str| vocab.contains(w) || given_lower.contains(w);
        for l in String::from_utf8_lossy(&g).lines() {
            let n = l.split_whitespace().count();
            if n == 0 {
                continue;
            }
            lx.place_max_words = lx.place_max_words.max(n);
            let l = l.to_lowercase();
            // also as the web often writes it, without its accents
            // ("Krakow" for Kraków, "Sao Paulo" for São Paulo)
            let bare = unaccented(&l);
            if bare != l && !common(&bare) {
                lx.places.insert(bare);
            }
            lx.places.insert(l);
        }
        for l in data_lines(include_str!("../../../resources/text/places_extra.txt")) {
            lx.places.insert(l.trim().to_lowercase());
        }
        lx.place_max_words = lx.place_max_words.min(4);
        lx.place_starts = lx
            .places
            .iter()
            .filter_map(|p| Some(p.split_once(' ')?.0.to_string()))
            .collect();
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
        for p in lx.pronouns.keys() {
            lx.pronoun_max = lx.pronoun_max.max(p.len());
            let b = p.as_bytes().first().copied().unwrap_or(0);
            // a non-ASCII first byte sets bit 127: such words are always looked up
            lx.pronoun_first |= 1 << b.min(127);
        }
        let set =
            |s: &str| -> HashSet<String> { data_lines(s).map(|l| l.trim().to_string()).collect() };
        lx.particles = set(include_str!("../../../resources/text/name_particles.txt"));
        lx.title_inner = set(include_str!("../../../resources/text/title_inner.txt"));
        lx.headline_inner = set(include_str!("../../../resources/text/headline_inner.txt"));
        lx.name_breakers = set(include_str!("../../../resources/text/name_breakers.txt"));
        lx.month_preps = set(include_str!("../../../resources/text/month_preps.txt"));
        lx.name_suffixes = set(include_str!("../../../resources/text/name_suffixes.txt"));
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

    /// The gender of pronoun `w` (lower case), if it is one.
    pub fn pronoun(&self, w: &str) -> Option<&String> {
        let b = w.as_bytes().first().copied().unwrap_or(0);
        if w.len() > self.pronoun_max || self.pronoun_first & (1 << b.min(127)) == 0 {
            return None;
        }
        self.pronouns.get(w)
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

/// POS features of the closed context.
pub fn pos_context_features(c: &PosContext, out: &mut Vec<u64>) {
    pos_tag_features(c.t1, c.t2, out);
    pos_shape_features(c.shape, c.first, out);
}

/// The context features of the previous tags alone (decoding: one table).
pub fn pos_tag_features(t1: u8, t2: u8, out: &mut Vec<u64>) {
    out.extend([feat(4, t1 as u64, 0, 0), feat(5, t2 as u64, t1 as u64, 0)]);
}

/// The context feature of the word's shape and sentence start (decoding:
/// with the word's own features, corrected at the first word).
pub fn pos_shape_features(shape: u64, first: bool, out: &mut Vec<u64>) {
    out.push(feat(16, shape, first as u64, 0));
}

/// POS word-pair features: the word with each neighbour.
pub fn pos_bigram_features(prev: &WordInfo, w: &WordInfo, next: &WordInfo, out: &mut Vec<u64>) {
    pos_bigram_norms(prev.norm, w.norm, next.norm, out);
}

/// [`pos_bigram_features`] from the words' normalized-form hashes.
pub fn pos_bigram_norms(prev: u64, w: u64, next: u64, out: &mut Vec<u64>) {
    out.extend([feat(17, prev, w, 0), feat(18, w, next, 0)]);
}

/// POS tag-word feature: previous tag × word.
pub fn pos_tagword_features(t1: u8, w: &WordInfo, out: &mut Vec<u64>) {
    pos_tagword_norm(t1, w.norm, out);
}

/// [`pos_tagword_features`] from the word's normalized-form hash.
pub fn pos_tagword_norm(t1: u8, norm: u64, out: &mut Vec<u64>) {
    out.push(feat(6, t1 as u64, norm, 0));
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

/// Entity-tagger features of the closed context.
pub fn ner_context_features(c: &NerContext, out: &mut Vec<u64>) {
    ner_static_features(c, out);
    ner_tag_features(c.t1, c.t2, out);
    ner_shape_tag_features(c.t1, c.sh, out);
    ner_place_tag_features(c.place, c.t1, out);
    ner_lex_tag_features(c.lex_prev, c.t1, out);
    ner_pos_shape_tag_features(c.pos, c.sh, c.t1, out);
}

/// The context features that read no tag. Decoding sums them in parts:
/// tables over the closed values (POS ids, gazetteer code, lexicon
/// classes), a cache per pair of neighbouring shapes, and the shape ×
/// sentence-start feature folded into the word's own row.
pub fn ner_static_features(c: &NerContext, out: &mut Vec<u64>) {
    ner_pos_prev_features(c.pos_prev, c.pos, out);
    ner_pos_next_features(c.pos, c.pos_next, out);
    ner_shape_prev_feature(c.sh_prev, c.sh, out);
    ner_shape_next_feature(c.sh, c.sh_next, out);
    ner_shape_first_features(c.sh, c.first, out);
    ner_place_features(c.place, out);
    ner_lex_pair_features(c.lex_prev, c.lex, out);
}

/// The word's POS, and the previous word's POS with it.
pub fn ner_pos_prev_features(pp: u8, p: u8, out: &mut Vec<u64>) {
    let (p, pp) = (p as u64, pp as u64);
    out.extend([feat(106, p, 0, 0), feat(107, pp, p, 0)]);
}

/// The word's POS with the next word's.
pub fn ner_pos_next_features(p: u8, pn: u8, out: &mut Vec<u64>) {
    out.push(feat(108, p as u64, pn as u64, 0));
}

/// The shape of the previous word (`a`) with the word's (`b`). With
/// [`ner_shape_next_feature`], the two features of a pair of neighbouring
/// shapes (decoding: cached per pair).
pub fn ner_shape_prev_feature(a: u64, b: u64, out: &mut Vec<u64>) {
    out.push(feat(113, a, b, 0));
}

/// The word's shape (`a`) with the next word's (`b`).
pub fn ner_shape_next_feature(a: u64, b: u64, out: &mut Vec<u64>) {
    out.push(feat(114, a, b, 0));
}

/// The word's shape and whether it opens the sentence.
pub fn ner_shape_first_features(sh: u64, first: bool, out: &mut Vec<u64>) {
    out.push(feat(119, sh, first as u64, 0));
}

/// The gazetteer code of the word.
pub fn ner_place_features(place: u8, out: &mut Vec<u64>) {
    out.push(feat(120, place as u64, 0, 0));
}

/// The lexicon classes of the previous word and the word.
pub fn ner_lex_pair_features(lex_prev: u8, lex: u8, out: &mut Vec<u64>) {
    out.push(feat(123, lex_prev as u64, lex as u64, 0));
}

/// The previous tags alone (decoding: one table).
pub fn ner_tag_features(t1: u8, t2: u8, out: &mut Vec<u64>) {
    out.extend([
        feat(115, t1 as u64, 0, 0),
        feat(116, t2 as u64, t1 as u64, 0),
    ]);
}

/// Previous tag × the word's shape (decoding: with the word type's tag-word features).
pub fn ner_shape_tag_features(t1: u8, sh: u64, out: &mut Vec<u64>) {
    out.push(feat(117, t1 as u64, sh, 0));
}

/// Gazetteer code × previous tag (decoding: one table).
pub fn ner_place_tag_features(place: u8, t1: u8, out: &mut Vec<u64>) {
    out.push(feat(121, place as u64, t1 as u64, 0));
}

/// Previous word's lexicon class × previous tag (decoding: one table).
pub fn ner_lex_tag_features(lex_prev: u8, t1: u8, out: &mut Vec<u64>) {
    out.push(feat(127, lex_prev as u64, t1 as u64, 0));
}

/// POS × shape × previous tag (decoding: cached per POS and shape).
pub fn ner_pos_shape_tag_features(p: u8, sh: u64, t1: u8, out: &mut Vec<u64>) {
    out.push(feat(129, p as u64, sh, t1 as u64));
}

/// Entity-tagger word-pair feature: previous word × word.
pub fn ner_bigram_features(prev: &WordInfo, w: &WordInfo, out: &mut Vec<u64>) {
    ner_bigram_norms(prev.norm, w.norm, out);
}

/// [`ner_bigram_features`] from the words' normalized-form hashes.
pub fn ner_bigram_norms(prev: u64, w: u64, out: &mut Vec<u64>) {
    out.push(feat(128, prev, w, 0));
}

/// Entity-tagger tag-word feature: previous tag × word.
pub fn ner_tagword_features(t1: u8, w: &WordInfo, out: &mut Vec<u64>) {
    ner_tagword_norm(t1, w.norm, out);
}

/// [`ner_tagword_features`] from the word's normalized-form hash.
pub fn ner_tagword_norm(t1: u8, norm: u64, out: &mut Vec<u64>) {
    out.push(feat(118, t1 as u64, norm, 0));
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
        let ls = |w: &WordInfo| (w.lex, w.shape);
        let mut c = ner_context_at(
            self.pos,
            self.place,
            i,
            ls(&self.words[i]),
            ls(at(self.words, i, PREV1, &b)),
            ls(at(self.words, i, NEXT1, &b)),
        );
        c.t1 = t1;
        c.t2 = t2;
        c
    }
}

/// The closed context of word `i` given the (lexicon class, shape) of the
/// word, the previous and the next word, with no previous tags (0).
fn ner_context_at(
    pos: &[u8],
    place: &[u8],
    i: usize,
    (lex, sh): (u8, u64),
    (lex_prev, sh_prev): (u8, u64),
    (_, sh_next): (u8, u64),
) -> NerContext {
    let pos_at = |j: isize| -> u8 {
        if j < 0 {
            0
        } else {
            pos.get(j as usize).copied().unwrap_or(1)
        }
    };
    let ii = i as isize;
    NerContext {
        pos_prev: pos_at(ii - 1),
        pos: pos_at(ii),
        pos_next: pos_at(ii + 1),
        t1: 0,
        t2: 0,
        place: place.get(i).copied().unwrap_or(0),
        lex_prev,
        lex,
        first: i == 0,
        sh_prev,
        sh,
        sh_next,
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
    ner_skips_flags(w.upper, w.digit, i, prev, o)
}

/// [`ner_skips`] from the word's flags.
#[inline]
fn ner_skips_flags(upper: bool, digit: bool, i: usize, prev: Option<usize>, o: usize) -> bool {
    !upper && !digit && (i == 0 || prev == Some(o))
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

/// Integer score rows stored back to back: a block whose values all fit in
/// i16 (nearly all) is stored in i16, else in i32 with its offset marked
/// [`WIDE`]. Half the bytes: decoding is bound by memory reads.
#[derive(Default)]
struct Rows {
    narrow: Vec<i16>,
    wide: Vec<i32>,
}

/// Offset bit of a block stored in i32 (offsets stay far below 2³¹: the
/// word cache is bounded).
const WIDE: u32 = 1 << 31;

impl Rows {
    fn push(&mut self, v: &[i32]) -> u32 {
        if v.iter().all(|&x| x == x as i16 as i32) {
            let i = self.narrow.len();
            self.narrow.extend(v.iter().map(|&x| x as i16));
            i as u32
        } else {
            let i = self.wide.len();
            self.wide.extend_from_slice(v);
            i as u32 | WIDE
        }
    }
    #[inline]
    fn add(&self, at: u32, acc: &mut [i32]) {
        let n = acc.len();
        if at & WIDE == 0 {
            let at = at as usize;
            for (a, x) in acc.iter_mut().zip(&self.narrow[at..at + n]) {
                *a += *x as i32;
            }
        } else {
            let at = (at & !WIDE) as usize;
            for (a, x) in acc.iter_mut().zip(&self.wide[at..at + n]) {
                *a += *x;
            }
        }
    }
    fn bytes(&self) -> usize {
        2 * self.narrow.len() + 4 * self.wide.len()
    }
}

/// [`TypeRec::seen`] of a type whose tag-word list is built.
const LIST_BUILT: u8 = u8::MAX;
/// [`TypeRec::seen`] of a type queued for its tag-word list.
const LIST_QUEUED: u8 = u8::MAX - 1;
/// A type's tag-word list is built at its occurrence after this many.
const LIST_AFTER: u8 = 2;
/// Previous-tag values a [`TagList`] mask can hold (bits of a `u32`): a
/// model with more classes looks its tag-word features up per token.
const LIST_TAGS: usize = 32;

/// Per-previous-tag score entries stored back to back in `Side::data`:
/// `mask` has bit `t1` set when previous tag `t1` has an entry; the entry
/// of `t1` is the `popcount(mask & (2^t1 - 1))`-th, `c` values each. One
/// read finds it (no scan over the entries).
#[derive(Clone, Copy, Debug, Default)]
struct TagList {
    at: u32,
    mask: u32,
}

/// Row offset of a word type not scored yet / queued for scoring.
const UNSCORED: u32 = u32::MAX;
const QUEUED: u32 = u32::MAX - 1;

/// What decoding reads of a word type, in one cache line: the hashes the
/// open features mix, the closed values, and where its cached scores are.
/// (The mention stage's lexicon flags ride along: one line per token.)
#[derive(Clone, Copy, Debug)]
#[repr(C, align(64))]
struct TypeRec {
    norm: u64,
    shape: u64,
    /// Per tagger (0 POS, 1 entity): offset of its ROLES × classes rows.
    rows: [u32; 2],
    /// Per tagger: its tag-word entries in `Side::data` (valid once
    /// `seen` is [`LIST_BUILT`], see [`DocCache::ensure_tag_lists`]).
    tw: [TagList; 2],
    /// Per tagger: times scored before its tag-word list was built, then
    /// [`LIST_QUEUED`] / [`LIST_BUILT`].
    seen: [u8; 2],
    /// Lemma of the first UPOS seen: index in `DocCache::lemmas`, UPOS + 1
    /// (0 none).
    lemma_at: u32,
    lemma_pos: u8,
    dict: u8,
    lex: u8,
    upper: bool,
    digit: bool,
    /// [`PLACE_ONE`] | [`PLACE_START`].
    place: u8,
    /// The mention stage's lexicon flags (0 = not computed yet).
    flags: u16,
}

const _: () = assert!(std::mem::size_of::<TypeRec>() == 64);

impl TypeRec {
    fn new(w: &WordInfo, place: u8) -> Self {
        TypeRec {
            norm: w.norm,
            shape: w.shape,
            rows: [UNSCORED; 2],
            tw: [TagList::default(); 2],
            seen: [0; 2],
            lemma_at: 0,
            lemma_pos: 0,
            dict: w.dict,
            lex: w.lex,
            upper: w.upper,
            digit: w.digit,
            place,
            flags: 0,
        }
    }
}

/// One tagger's caches inside a [`DocCache`].
///
/// Decoding splits each decision's features into parts that are summed
/// separately (integer sums are exact, so any grouping gives the tags of
/// plain decoding):
/// - per word type and role, the sum of its word features
///   ([`TypeRec::rows`] into `data`);
/// - per word type, its features that combine the previous tag with the
///   word: a short list of (previous tag, scores) entries ([`TypeRec::tw`]),
///   built once the type has been seen a few times;
/// - features of the previous tags, and of a closed value with the previous
///   tag: tables over every tag built once per cache (`trans`, `place_t1`,
///   `lex_t1`);
/// - the entity tagger's tag-free context features: tables over its closed
///   values and a cache per pair of neighbouring shapes (no look-up in a
///   large per-context map), and its POS × shape × tag feature per (POS,
///   shape) (`ps`).
#[derive(Default)]
struct Side {
    data: Rows,
    /// Classes (≤ 32) of the model the tables were built from; 0 = not built.
    c: usize,
    /// (t2 × (c+1) + t1) × c: scores of the tag-only context features.
    trans: Vec<i32>,
    /// Entity tagger: (place × (c+1) + t1) × c and (lex_prev × (c+1) + t1) × c.
    place_t1: Vec<i32>,
    lex_t1: Vec<i32>,
    /// Entity tagger: transition masks (row c: at the sentence start).
    masks: Vec<Vec<bool>>,
    o: usize,
    /// Entity tagger, tag-free context ([`ner_static_features`]): tables
    /// (pos_prev × [`NER_POS`] + pos) × c, (pos × [`NER_POS`] + pos_next) × c,
    /// place × c and (lex_prev × lex classes + lex) × c.
    pos_prev_t: Vec<i32>,
    pos_next_t: Vec<i32>,
    place_t: Vec<i32>,
    lex_pair_t: Vec<i32>,
    /// Entity tagger: per pair of neighbouring shapes (a, b), the offset in
    /// `data` of the scores of feat 113 (read at b) then of 114 (read at a).
    shape_pairs: HashMap<(u64, u64), u32>,
    ps: crate::perceptron::IdMap<TagList>,
}

/// POS ids (POS classes + 2) the entity tagger's POS tables cover; a model
/// with more POS classes looks the larger ids up per token.
const NER_POS: usize = 32;

/// Gazetteer codes ([`NameLexicon::place_matches`]).
const PLACE_CODES: usize = 3;

/// Places of a word type in the gazetteer ([`DocCache::place_codes`]).
const PLACE_ONE: u8 = 1;
const PLACE_START: u8 = 2;

/// Reusable buffers of one sentence's decoding.
#[derive(Default)]
struct Scratch {
    feats: Vec<u64>,
    tags: Vec<u8>,
    rows: Vec<u32>,
    todo: Vec<u32>,
    ends: Vec<usize>,
    scored: Vec<usize>,
    bi: Vec<u32>,
    emis: Vec<i32>,
    block: Vec<i32>,
    ranges: Vec<Option<TagList>>,
    hashes: Vec<u64>,
    key: String,
}

/// One tagged sentence: type ids, UPOS class indexes, POS ids for the
/// entity tagger, gazetteer codes, BIO class indexes.
#[derive(Default)]
pub(crate) struct SentenceTags {
    pub ids: Vec<u32>,
    pub pos: Vec<usize>,
    pub pos8: Vec<u8>,
    pub place: Vec<u8>,
    pub ner: Vec<usize>,
}

/// Longest word kept inside a [`TypeTable`] slot.
const INLINE: usize = 23;

#[derive(Clone, Copy)]
#[repr(C, align(32))]
struct Slot {
    /// High hash bits, never 0 in a used slot.
    tag: u32,
    id: u32,
    len: u8,
    bytes: [u8; INLINE],
}

const EMPTY_SLOT: Slot = Slot {
    tag: 0,
    id: 0,
    len: 0,
    bytes: [0; INLINE],
};

/// Word → type id. Hand-written rather than a general map: each slot holds
/// the word itself (up to [`INLINE`] bytes, nearly every word), so a look-up
/// reads one cache line, where a map of `Box<str>` reads the control bytes,
/// the entry and the key's heap string. Longer words go to `long`.
#[derive(Default)]
struct TypeTable {
    slots: Vec<Slot>,
    used: usize,
    long: HashMap<Box<str>, u32>,
}

impl TypeTable {
    #[inline]
    fn hash(w: &[u8]) -> u64 {
        let mut h = (w.len() as u64).wrapping_mul(0x9e37_79b9_7f4a_7c15);
        let mut chunks = w.chunks_exact(8);
        for c in &mut chunks {
            let x = u64::from_le_bytes(c.try_into().unwrap_or([0; 8]));
            h = (h ^ x).wrapping_mul(0x9e37_79b9_7f4a_7c15).rotate_left(29);
        }
        let rest = chunks.remainder();
        if !rest.is_empty() {
            let mut b = [0u8; 8];
            b[..rest.len()].copy_from_slice(rest);
            h = (h ^ u64::from_le_bytes(b))
                .wrapping_mul(0x9e37_79b9_7f4a_7c15)
                .rotate_left(29);
        }
        mix64(h)
    }

    fn key(w: &[u8]) -> [u8; INLINE] {
        let mut k = [0u8; INLINE];
        k[..w.len()].copy_from_slice(w);
        k
    }

    /// The slot tag of hash `h` (never 0).
    #[inline]
    fn tag(h: u64) -> u32 {
        ((h >> 32) as u32).max(1)
    }

    /// Reads the home slot of `w` (of hash `h`) and returns its tag: called
    /// for all the words of a sentence before they are looked up, these
    /// independent loads overlap their cache misses.
    #[inline]
    fn touch(&self, w: &str, h: u64) -> u32 {
        if w.len() > INLINE || self.slots.is_empty() {
            return 0;
        }
        self.slots[h as usize & (self.slots.len() - 1)].tag
    }

    /// The type id of `w` of hash `h` ([`TypeTable::hash`]).
    fn get(&self, w: &str, h: u64) -> Option<u32> {
        let b = w.as_bytes();
        if b.len() > INLINE {
            return self.long.get(w).copied();
        }
        if self.slots.is_empty() {
            return None;
        }
        let tag = Self::tag(h);
        let key = Self::key(b);
        let len = b.len() as u8;
        let mask = self.slots.len() - 1;
        let mut i = h as usize & mask;
        loop {
            let s = &self.slots[i];
            if s.tag == 0 {
                return None;
            }
            if s.tag == tag && s.len == len && s.bytes == key {
                return Some(s.id);
            }
            i = (i + 1) & mask;
        }
    }

    /// Adds `w` of hash `h` as type `id`.
    fn insert(&mut self, w: &str, h: u64, id: u32) {
        let b = w.as_bytes();
        if b.len() > INLINE {
            self.long.insert(w.into(), id);
            return;
        }
        if (self.used + 1) * 2 > self.slots.len() {
            self.grow();
        }
        let slot = Slot {
            tag: Self::tag(h),
            id,
            len: b.len() as u8,
            bytes: Self::key(b),
        };
        self.place(slot, h);
        self.used += 1;
    }

    fn place(&mut self, slot: Slot, h: u64) {
        let mask = self.slots.len() - 1;
        let mut i = h as usize & mask;
        while self.slots[i].tag != 0 {
            i = (i + 1) & mask;
        }
        self.slots[i] = slot;
    }

    fn grow(&mut self) {
        let size = (self.slots.len() * 2).max(1024);
        let old = std::mem::replace(&mut self.slots, vec![EMPTY_SLOT; size]);
        for s in old.into_iter().filter(|s| s.tag != 0) {
            self.place(s, Self::hash(&s.bytes[..s.len as usize]));
        }
    }
}

/// Per-document caches of both taggers: word types (interned once, with
/// their [`WordInfo`], normalized form and gazetteer flags), the partial
/// scores of each word type (see [`Side`]) and of each closed context seen.
/// Cached sums are exact integer sums of the same features as
/// [`pos_features`] / [`ner_features`], so cached decoding gives the tags of
/// plain decoding. Use one per document, or bound it (it grows with the
/// vocabulary; see [`DocCache::approx_bytes`]).
#[derive(Default)]
pub struct DocCache {
    types: TypeTable,
    infos: Vec<WordInfo>,
    recs: Vec<TypeRec>,
    norms: Vec<Box<str>>,
    pos: Side,
    ner: Side,
    sc: Scratch,
    buf: (String, String),
    /// Lemmas (index in `lemmas`) of a word type's other UPOS than its
    /// first ([`TypeRec::lemma_at`]).
    lemma_more: HashMap<(u32, u8), u32>,
    /// Every lemma computed, ready to be copied into a token.
    lemmas: Vec<Lemma>,
    /// Bytes of the lemmas too long to be held inline.
    lemma_heap: usize,
    /// Bytes of the normalized forms (and of words too long for the word table).
    norm_bytes: usize,
    pub(crate) sent: SentenceTags,
}

/// The POS tagger's cache is the document cache (kept for the old name).
pub type PosCache = DocCache;

const START: u32 = 0;
const END: u32 = 1;
const POS: usize = 0;
const NER: usize = 1;

impl DocCache {
    /// Word types and contexts held.
    pub fn len(&self) -> usize {
        self.infos.len() + self.ner.shape_pairs.len() + self.ner.ps.len() + self.lemmas.len()
    }

    pub fn is_empty(&self) -> bool {
        self.infos.is_empty()
    }

    /// About how many bytes the cache holds (its bound in `Analyzer`).
    pub fn approx_bytes(&self) -> usize {
        let per_type = std::mem::size_of::<WordInfo>() + std::mem::size_of::<TypeRec>() + 64 + 32;
        self.infos.len() * per_type
            + self.norm_bytes
            + self.pos.data.bytes()
            + self.ner.data.bytes()
            + 32 * (self.ner.shape_pairs.len() + self.ner.ps.len())
            + self.lemma_heap
            + (std::mem::size_of::<Lemma>() + 12) * self.lemmas.len()
    }

    /// Adds the boundary pseudo words on first use (called per word: the
    /// test inline, the rest apart).
    #[inline]
    fn init(&mut self) {
        if self.infos.is_empty() {
            self.init_boundaries();
        }
    }

    #[cold]
    fn init_boundaries(&mut self) {
        for end in [false, true] {
            let w = WordInfo::boundary(end);
            self.recs.push(TypeRec::new(&w, 0));
            self.infos.push(w);
            self.norms.push(if end { "</s>" } else { "<s>" }.into());
        }
    }

    /// The type id of `w` (interning it on first sight).
    pub fn intern(&mut self, m: &Taggers, w: &str) -> u32 {
        self.intern_hashed(m, w, TypeTable::hash(w.as_bytes()))
    }

    /// [`DocCache::intern`] given the word's [`TypeTable::hash`].
    fn intern_hashed(&mut self, m: &Taggers, w: &str, h: u64) -> u32 {
        self.init();
        if let Some(id) = self.types.get(w, h) {
            return id;
        }
        let (n, sh) = &mut self.buf;
        let info = WordInfo::with_buffers(w, m.lx, m.dict, n, sh);
        let id = self.infos.len() as u32;
        let mut place = 0;
        if m.lx.place_max_words >= 1 && m.lx.places.contains(n.as_str()) {
            place |= PLACE_ONE;
        }
        if m.lx.place_max_words >= 2 && m.lx.place_starts.contains(n.as_str()) {
            place |= PLACE_START;
        }
        self.recs.push(TypeRec::new(&info, place));
        self.infos.push(info);
        self.norms.push(n.as_str().into());
        self.norm_bytes += n.len() + w.len();
        self.types.insert(w, h, id);
        id
    }

    /// Tags one sentence into `self.sent` (what `Analyzer::analyze` runs).
    pub(crate) fn tag_words(&mut self, m: &Taggers, words: &[&str]) {
        let mut s = std::mem::take(&mut self.sent);
        s.ids.clear();
        let mut hashes = std::mem::take(&mut self.sc.hashes);
        hashes.clear();
        let mut t = 0;
        for w in words {
            let h = TypeTable::hash(w.as_bytes());
            t ^= self.types.touch(w, h);
            hashes.push(h);
        }
        std::hint::black_box(t);
        for (w, &h) in words.iter().zip(&hashes) {
            let id = self.intern_hashed(m, w, h);
            s.ids.push(id);
        }
        self.sc.hashes = hashes;
        self.tag_pos_into(m, &s.ids, &mut s.pos);
        // A sentence's first word read as a determiner or a common noun that
        // is a given name before a proper noun, or before "of" and a proper
        // noun, opens a name: "Dietrich Bonhoeffer was born" (the suffix of
        // "which" misleads the model), "Catherine of Aragon died". Repaired
        // before the entity tagger, which reads the tags.
        if let ([w0, w1, ..], [p0, p1, ..]) = (words, s.pos.as_slice()) {
            let class = |t: usize| m.pos.classes.get(t).map(String::as_str);
            let propn = if class(*p1) == Some("PROPN") {
                Some(*p1)
            } else {
                s.pos
                    .get(2)
                    .copied()
                    .filter(|&p2| *w1 == "of" && class(p2) == Some("PROPN"))
            };
            if let Some(propn) = propn {
                if matches!(class(*p0), Some("DET" | "NOUN"))
                    && w0.starts_with(char::is_uppercase)
                    && m.lx.given.contains_key(*w0)
                {
                    s.pos[0] = propn;
                }
            }
        }
        s.pos8.clear();
        s.pos8.extend(s.pos.iter().map(|&t| (t + 2).min(255) as u8));
        self.place_codes_into(m, &s.ids, &mut s.place);
        self.tag_ner_into(m, &s.ids, &s.pos8, &s.place, &mut s.ner);
        self.sent = s;
    }

    /// The lemma of word type `id` as UPOS class `upos`, computed by `f` on
    /// first sight.
    pub(crate) fn lemma(&mut self, id: u32, upos: usize, f: impl FnOnce() -> String) -> &Lemma {
        let key = (upos as u8).wrapping_add(1);
        let rec = &mut self.recs[id as usize];
        let at = if rec.lemma_pos == key {
            rec.lemma_at
        } else if let Some(&at) = self.lemma_more.get(&(id, key)) {
            at
        } else {
            let l = f();
            if l.len() > 22 {
                self.lemma_heap += l.len();
            }
            let at = self.lemmas.len() as u32;
            self.lemmas.push(Lemma::new(&l));
            if rec.lemma_pos == 0 {
                rec.lemma_pos = key;
                rec.lemma_at = at;
            } else {
                self.lemma_more.insert((id, key), at);
            }
            at
        };
        &self.lemmas[at as usize]
    }

    /// The mention stage's lexicon flags of word type `id`
    /// (`mentions::word_flags`, never 0), computed by `f` on first sight.
    pub(crate) fn word_flags(&mut self, id: u32, f: impl FnOnce() -> u16) -> u16 {
        let rec = &mut self.recs[id as usize];
        if rec.flags == 0 {
            rec.flags = f();
        }
        rec.flags
    }

    /// The type id at position `j` of a sentence (boundary pseudo words outside).
    #[inline]
    fn id_at(ids: &[u32], j: isize) -> u32 {
        if j < 0 {
            START
        } else {
            ids.get(j as usize).copied().unwrap_or(END)
        }
    }

    /// Builds the tag tables of one side from its model (once per cache).
    fn build_tables(side: &mut Side, model: &Model, ner: bool) {
        let c = model.n_classes().min(32);
        if side.c == c && c > 0 {
            return;
        }
        side.c = c;
        let t = c + 1;
        let table = |n: usize, f: &mut dyn FnMut(usize, u8, &mut Vec<u64>)| -> Vec<i32> {
            let mut v = vec![0i32; n * t * c];
            let mut feats = Vec::new();
            for a in 0..n {
                for t1 in 0..t {
                    feats.clear();
                    f(a, t1 as u8, &mut feats);
                    let at = (a * t + t1) * c;
                    model.add_scores(&feats, &mut v[at..at + c]);
                }
            }
            v
        };
        if ner {
            side.trans = table(t, &mut |t2, t1, out| ner_tag_features(t1, t2 as u8, out));
            side.place_t1 = table(3, &mut |p, t1, out| {
                ner_place_tag_features(p as u8, t1, out)
            });
            side.lex_t1 = table(LEX_CODES.len(), &mut |l, t1, out| {
                ner_lex_tag_features(l as u8, t1, out)
            });
            // tables over two closed values: (a × n + b) × c
            let pairs = |n: usize, m: usize, f: &dyn Fn(u8, u8, &mut Vec<u64>)| -> Vec<i32> {
                let mut v = vec![0i32; n * m * c];
                let mut feats = Vec::new();
                for a in 0..n {
                    for b in 0..m {
                        feats.clear();
                        f(a as u8, b as u8, &mut feats);
                        let at = (a * m + b) * c;
                        model.add_scores(&feats, &mut v[at..at + c]);
                    }
                }
                v
            };
            side.pos_prev_t = pairs(NER_POS, NER_POS, &ner_pos_prev_features);
            side.pos_next_t = pairs(NER_POS, NER_POS, &ner_pos_next_features);
            side.place_t = pairs(PLACE_CODES, 1, &|p, _, out| ner_place_features(p, out));
            let nl = LEX_CODES.len();
            side.lex_pair_t = pairs(nl, nl, &ner_lex_pair_features);
            let classes = &model.classes[..c];
            side.masks = (0..c)
                .map(|k| allowed_after(classes, Some(&classes[k])))
                .collect();
            side.masks.push(allowed_after(classes, None));
            side.o = model.class_id("O").unwrap_or(0);
        } else {
            side.trans = table(t, &mut |t2, t1, out| pos_tag_features(t1, t2 as u8, out));
        }
    }

    /// Scores the word features of every role (and the tag-word features)
    /// of the types around the words of `need` (positions in `ids`) not
    /// scored yet, with one batched model look-up for the whole sentence.
    #[allow(clippy::too_many_arguments)]
    fn ensure_word_rows(
        side: &mut Side,
        sc: &mut Scratch,
        recs: &mut [TypeRec],
        infos: &[WordInfo],
        model: &Model,
        s: usize,
        ids: &[u32],
        need: &[usize],
    ) {
        let c = side.c;
        sc.todo.clear();
        for &i in need {
            for off in ROLE_OFFSET {
                let id = Self::id_at(ids, i as isize + off) as usize;
                if recs[id].rows[s] == UNSCORED {
                    recs[id].rows[s] = QUEUED;
                    sc.todo.push(id as u32);
                }
            }
        }
        if sc.todo.is_empty() {
            return;
        }
        // features of every (type, role), then the type's tag-word features
        // (with their previous tag in `tags`), with where each group ends
        sc.feats.clear();
        sc.tags.clear();
        sc.ends.clear();
        for &id in &sc.todo {
            let info = &infos[id as usize];
            for role in 0..ROLES {
                // the boundary pseudo words are never the current word
                if id >= 2 || role != CUR {
                    if s == NER {
                        ner_word_features(info, role, &mut sc.feats);
                        if role == CUR {
                            // folded in here; corrected at the first word
                            ner_shape_first_features(info.shape, false, &mut sc.feats);
                        }
                    } else {
                        pos_word_features(info, role, &mut sc.feats);
                        if role == CUR {
                            // folded in here; corrected at the first word
                            pos_shape_features(info.shape, false, &mut sc.feats);
                        }
                    }
                }
                sc.ends.push(sc.feats.len());
            }
        }
        sc.rows.clear();
        model.rows(&sc.feats, &mut sc.rows);
        let mut v = [0i32; ROLES * 32];
        let v = &mut v[..ROLES * c];
        let mut f = 0;
        for (t, &id) in sc.todo.iter().enumerate() {
            v.fill(0);
            let e = &sc.ends[t * ROLES..(t + 1) * ROLES];
            for role in 0..ROLES {
                for &r in &sc.rows[f..e[role]] {
                    model.add_row(r, &mut v[role * c..role * c + c]);
                }
                f = e[role];
            }
            recs[id as usize].rows[s] = side.data.push(v);
        }
    }

    /// Builds the tag-word lists of the types at the positions `need` of
    /// `ids` seen at least [`LIST_AFTER`] times before (until then their
    /// tag-word features are looked up per token: a rare word does not pay
    /// for the features of every previous tag).
    fn ensure_tag_lists(
        side: &mut Side,
        sc: &mut Scratch,
        recs: &mut [TypeRec],
        model: &Model,
        s: usize,
        ids: &[u32],
        need: &[usize],
    ) {
        let c = side.c;
        if c + 1 > LIST_TAGS {
            return;
        }
        sc.todo.clear();
        for &i in need {
            let id = ids[i];
            let rec = &mut recs[id as usize];
            if rec.seen[s] < LIST_AFTER {
                rec.seen[s] += 1;
            } else if rec.seen[s] == LIST_AFTER {
                rec.seen[s] = LIST_QUEUED;
                sc.todo.push(id);
            }
        }
        if sc.todo.is_empty() {
            return;
        }
        sc.feats.clear();
        sc.tags.clear();
        for &id in &sc.todo {
            let rec = &recs[id as usize];
            for t1 in 0..=c as u8 {
                let before = sc.feats.len();
                if s == NER {
                    ner_shape_tag_features(t1, rec.shape, &mut sc.feats);
                    ner_tagword_norm(t1, rec.norm, &mut sc.feats);
                } else {
                    pos_tagword_norm(t1, rec.norm, &mut sc.feats);
                }
                sc.tags
                    .extend(std::iter::repeat_n(t1, sc.feats.len() - before));
            }
            sc.tags.push(u8::MAX); // end of the type's features
            sc.feats.push(0);
        }
        sc.rows.clear();
        model.rows(&sc.feats, &mut sc.rows);
        // one entry per previous tag with any feature: its summed scores
        let mut k = 0;
        for &id in &sc.todo {
            sc.block.clear();
            let mut mask = 0u32;
            while sc.tags[k] != u8::MAX {
                let t1 = sc.tags[k];
                let mut entry = [0i32; 32];
                let mut any = false;
                while sc.tags[k] == t1 {
                    let r = sc.rows[k];
                    if r != u32::MAX {
                        any = true;
                        model.add_row(r, &mut entry[..c]);
                    }
                    k += 1;
                }
                if any {
                    sc.block.extend_from_slice(&entry[..c]);
                    mask |= 1 << t1;
                }
            }
            k += 1;
            let rec = &mut recs[id as usize];
            rec.tw[s] = TagList {
                at: side.data.push(&sc.block),
                mask,
            };
            rec.seen[s] = LIST_BUILT;
        }
    }

    /// Adds the tag-word scores of word type `rec` for previous tag `t1`:
    /// from its list when built, else looked up.
    #[inline]
    fn add_tagword(
        side: &Side,
        feats: &mut Vec<u64>,
        model: &Model,
        s: usize,
        rec: &TypeRec,
        t1: u8,
        acc: &mut [i32],
    ) {
        if rec.seen[s] == LIST_BUILT {
            return Self::add_tag_list(side, rec.tw[s], t1, acc);
        }
        feats.clear();
        if s == NER {
            ner_shape_tag_features(t1, rec.shape, feats);
            ner_tagword_norm(t1, rec.norm, feats);
        } else {
            pos_tagword_norm(t1, rec.norm, feats);
        }
        model.add_scores(feats, acc);
    }

    /// Adds the word-feature scores of the five roles around `i` (scored
    /// by [`DocCache::ensure_word_rows`]).
    #[inline]
    fn add_word_scores(
        side: &Side,
        recs: &[TypeRec],
        s: usize,
        ids: &[u32],
        i: usize,
        acc: &mut [i32],
    ) {
        let c = acc.len();
        for (role, off) in ROLE_OFFSET.iter().enumerate() {
            let id = Self::id_at(ids, i as isize + off) as usize;
            side.data.add(recs[id].rows[s] + (role * c) as u32, acc);
        }
    }

    /// Adds the scores of the entry for previous tag `t1` of `list`, if any.
    #[inline]
    fn add_tag_list(side: &Side, list: TagList, t1: u8, acc: &mut [i32]) {
        let bit = 1u32.checked_shl(t1 as u32).unwrap_or(0);
        if list.mask & bit != 0 {
            let k = (list.mask & (bit - 1)).count_ones();
            side.data.add(list.at + k * acc.len() as u32, acc);
        }
    }

    /// Greedy POS decoding of a sentence of interned words: class indexes.
    pub fn tag_pos(&mut self, m: &Taggers, ids: &[u32]) -> Vec<usize> {
        let mut out = Vec::with_capacity(ids.len());
        self.tag_pos_into(m, ids, &mut out);
        out
    }

    fn tag_pos_into(&mut self, m: &Taggers, ids: &[u32], out: &mut Vec<usize>) {
        self.init();
        out.clear();
        let model = m.pos;
        let side = &mut self.pos;
        let sc = &mut self.sc;
        Self::build_tables(side, model, false);
        let c = side.c;
        if c == 0 {
            out.resize(ids.len(), 0);
            return;
        }
        let use_dict = m.dict.is_some();
        let mut scored = std::mem::take(&mut sc.scored);
        scored.clear();
        {
            let recs = &self.recs;
            scored.extend(
                (0..ids.len()).filter(|&i| !use_dict || recs[ids[i] as usize].dict == NO_TAG),
            );
        }
        Self::ensure_word_rows(
            side,
            sc,
            &mut self.recs,
            &self.infos,
            model,
            POS,
            ids,
            &scored,
        );
        Self::ensure_tag_lists(side, sc, &mut self.recs, model, POS, ids, &scored);
        let recs = &self.recs;
        // word-pair features of the whole sentence in one batch
        sc.feats.clear();
        let norm = |j: isize| recs[Self::id_at(ids, j) as usize].norm;
        for &i in &scored {
            let ii = i as isize;
            pos_bigram_norms(norm(ii - 1), norm(ii), norm(ii + 1), &mut sc.feats);
        }
        let per = sc.feats.len() / scored.len().max(1);
        sc.bi.clear();
        model.rows(&sc.feats, &mut sc.bi);
        // emission scores (everything but the previous tags) of every
        // scored word first: independent loads that the CPU overlaps
        sc.emis.clear();
        sc.emis.resize(scored.len() * c, 0);
        for (k, &i) in scored.iter().enumerate() {
            let e = &mut sc.emis[k * c..k * c + c];
            Self::add_word_scores(side, recs, POS, ids, i, e);
            for &r in &sc.bi[k * per..k * per + per] {
                model.add_row(r, e);
            }
        }
        if scored.first() == Some(&0) {
            // the shape feature folded into the word's rows is the
            // non-initial one: swap it for the sentence-initial one
            let shape = recs[ids[0] as usize].shape;
            sc.feats.clear();
            pos_shape_features(shape, true, &mut sc.feats);
            pos_shape_features(shape, false, &mut sc.feats);
            let e = &mut sc.emis[..c];
            model.add_row(model.row(sc.feats[0]), e);
            model.sub_row(model.row(sc.feats[1]), e);
        }
        let mut acc = [0i32; 32];
        let acc = &mut acc[..c];
        let mut next_scored = 0;
        for i in 0..ids.len() {
            let w = &recs[ids[i] as usize];
            if scored.get(next_scored) != Some(&i) {
                out.push(w.dict as usize);
                continue;
            }
            acc.copy_from_slice(&sc.emis[next_scored * c..next_scored * c + c]);
            next_scored += 1;
            let t1 = if i >= 1 { (out[i - 1] + 1).min(c) } else { 0 };
            let t2 = if i >= 2 { (out[i - 2] + 1).min(c) } else { 0 };
            let at = (t2 * (c + 1) + t1) * c;
            for (a, x) in acc.iter_mut().zip(&side.trans[at..at + c]) {
                *a += *x;
            }
            Self::add_tagword(side, &mut sc.feats, model, POS, w, t1 as u8, acc);
            out.push(Model::argmax_i32(acc, None));
        }
        sc.scored = scored;
    }

    /// Gazetteer codes of a sentence of interned words.
    pub fn place_codes(&self, m: &Taggers, words: &[&str], ids: &[u32]) -> Vec<u8> {
        let norms: Vec<&str> = ids.iter().map(|&i| &*self.norms[i as usize]).collect();
        m.lx.place_matches_lower(words, &norms)
    }

    /// [`DocCache::place_codes`] from the word types' gazetteer flags: the
    /// same codes, with a key built only at words that begin a longer place.
    fn place_codes_into(&mut self, m: &Taggers, ids: &[u32], out: &mut Vec<u8>) {
        out.clear();
        out.resize(ids.len(), 0);
        let max = m.lx.place_max_words;
        let key = &mut self.sc.key;
        let mut i = 0;
        while i < ids.len() {
            let id = ids[i] as usize;
            let rec = &self.recs[id];
            if rec.place == 0 || !rec.upper {
                i += 1;
                continue;
            }
            let mut best = (rec.place & PLACE_ONE != 0) as usize;
            if rec.place & PLACE_START != 0 {
                key.clear();
                key.push_str(&self.norms[id]);
                for n in 2..=max.min(ids.len() - i) {
                    key.push(' ');
                    key.push_str(&self.norms[ids[i + n - 1] as usize]);
                    if m.lx.places.contains(key.as_str()) {
                        best = n;
                    }
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
    }

    /// Adds the tag-free context scores of `ctx` ([`ner_static_features`])
    /// but the shape × sentence-start one, folded into the word's row
    /// (corrected here at the first word).
    fn add_ner_static(
        side: &mut Side,
        feats: &mut Vec<u64>,
        model: &Model,
        ctx: &NerContext,
        acc: &mut [i32],
    ) {
        let c = side.c;
        let add = |acc: &mut [i32], table: &[i32], at: usize| {
            for (a, x) in acc.iter_mut().zip(&table[at * c..at * c + c]) {
                *a += *x;
            }
        };
        let (pp, p, pn) = (
            ctx.pos_prev as usize,
            ctx.pos as usize,
            ctx.pos_next as usize,
        );
        feats.clear();
        if pp < NER_POS && p < NER_POS {
            add(acc, &side.pos_prev_t, pp * NER_POS + p);
        } else {
            ner_pos_prev_features(ctx.pos_prev, ctx.pos, feats);
        }
        if p < NER_POS && pn < NER_POS {
            add(acc, &side.pos_next_t, p * NER_POS + pn);
        } else {
            ner_pos_next_features(ctx.pos, ctx.pos_next, feats);
        }
        if (ctx.place as usize) < PLACE_CODES {
            add(acc, &side.place_t, ctx.place as usize);
        } else {
            ner_place_features(ctx.place, feats);
        }
        let nl = LEX_CODES.len();
        if (ctx.lex_prev as usize) < nl && (ctx.lex as usize) < nl {
            add(
                acc,
                &side.lex_pair_t,
                ctx.lex_prev as usize * nl + ctx.lex as usize,
            );
        } else {
            ner_lex_pair_features(ctx.lex_prev, ctx.lex, feats);
        }
        if ctx.first {
            ner_shape_first_features(ctx.sh, true, feats);
        }
        model.add_scores(feats, acc);
        if ctx.first {
            feats.clear();
            ner_shape_first_features(ctx.sh, false, feats);
            model.sub_row(model.row(feats[0]), acc);
        }
        let prev = Self::shape_pair(side, feats, model, ctx.sh_prev, ctx.sh);
        side.data.add(prev, acc);
        let next = Self::shape_pair(side, feats, model, ctx.sh, ctx.sh_next);
        side.data.add(next + c as u32, acc);
    }

    /// Offset of the scores of the shape pair `(a, b)` ([`Side::shape_pairs`]).
    fn shape_pair(side: &mut Side, feats: &mut Vec<u64>, model: &Model, a: u64, b: u64) -> u32 {
        if let Some(&at) = side.shape_pairs.get(&(a, b)) {
            return at;
        }
        let c = side.c;
        let mut v = [0i32; 64];
        feats.clear();
        ner_shape_prev_feature(a, b, feats);
        model.add_scores(feats, &mut v[..c]);
        feats.clear();
        ner_shape_next_feature(a, b, feats);
        model.add_scores(feats, &mut v[c..2 * c]);
        let at = side.data.push(&v[..2 * c]);
        side.shape_pairs.insert((a, b), at);
        at
    }

    /// The per-previous-tag entries ([`TagList`]) of the POS × shape × tag
    /// feature of `ctx` (looked up on first sight).
    fn ner_pos_shape(
        side: &mut Side,
        feats: &mut Vec<u64>,
        rows: &mut Vec<u32>,
        model: &Model,
        ctx: &NerContext,
    ) -> Option<TagList> {
        if side.c + 1 > LIST_TAGS {
            return None;
        }
        let key = feat(903, ctx.pos as u64, ctx.sh, 0);
        if let Some(&r) = side.ps.get(&key) {
            return Some(r);
        }
        feats.clear();
        for t1 in 0..=side.c as u8 {
            ner_pos_shape_tag_features(ctx.pos, ctx.sh, t1, feats);
        }
        rows.clear();
        model.rows(feats, rows);
        let mut block = Vec::new();
        let mut mask = 0u32;
        for (t1, &r) in rows.iter().enumerate() {
            if r != u32::MAX {
                let mut entry = [0i32; 32];
                model.add_row(r, &mut entry[..side.c]);
                block.extend_from_slice(&entry[..side.c]);
                mask |= 1 << t1;
            }
        }
        let r = TagList {
            at: side.data.push(&block),
            mask,
        };
        side.ps.insert(key, r);
        Some(r)
    }

    /// Greedy BIO decoding of a sentence of interned words given POS ids
    /// (POS class + 2) and gazetteer codes: class indexes.
    pub fn tag_ner(&mut self, m: &Taggers, ids: &[u32], pos: &[u8], place: &[u8]) -> Vec<usize> {
        let mut out = Vec::with_capacity(ids.len());
        self.tag_ner_into(m, ids, pos, place, &mut out);
        out
    }

    fn tag_ner_into(
        &mut self,
        m: &Taggers,
        ids: &[u32],
        pos: &[u8],
        place: &[u8],
        out: &mut Vec<usize>,
    ) {
        self.init();
        out.clear();
        let model = m.ner;
        let side = &mut self.ner;
        let sc = &mut self.sc;
        Self::build_tables(side, model, true);
        let c = side.c;
        if c == 0 {
            out.resize(ids.len(), 0);
            return;
        }
        let o = side.o;
        let skips = |r: &TypeRec, i: usize, prev: Option<usize>| {
            ner_skips_flags(r.upper, r.digit, i, prev, o)
        };
        // words that may be scored: capitalised or digits (and the first
        // word); a lower-case word after a non-O tag is handled alone
        let mut likely = std::mem::take(&mut sc.scored);
        likely.clear();
        {
            let recs = &self.recs;
            likely.extend((0..ids.len()).filter(|&i| !skips(&recs[ids[i] as usize], i, Some(o))));
        }
        Self::ensure_word_rows(
            side,
            sc,
            &mut self.recs,
            &self.infos,
            model,
            NER,
            ids,
            &likely,
        );
        Self::ensure_tag_lists(side, sc, &mut self.recs, model, NER, ids, &likely);
        {
            let recs = &self.recs;
            sc.feats.clear();
            for &i in &likely {
                let prev = if i >= 1 { ids[i - 1] } else { START };
                ner_bigram_norms(
                    recs[prev as usize].norm,
                    recs[ids[i] as usize].norm,
                    &mut sc.feats,
                );
            }
        }
        sc.bi.clear();
        model.rows(&sc.feats, &mut sc.bi);
        let ctx_at = |recs: &[TypeRec], i: usize| {
            let r = |j: isize| {
                let x = &recs[Self::id_at(ids, j) as usize];
                (x.lex, x.shape)
            };
            let ii = i as isize;
            ner_context_at(pos, place, i, r(ii), r(ii - 1), r(ii + 1))
        };
        // emission scores (everything but the previous tags) of the likely
        // words first: independent loads that the CPU overlaps
        sc.emis.clear();
        sc.emis.resize(likely.len() * c, 0);
        sc.ranges.clear();
        for (k, &i) in likely.iter().enumerate() {
            let ctx = ctx_at(&self.recs, i);
            let ps = Self::ner_pos_shape(side, &mut sc.feats, &mut sc.rows, model, &ctx);
            sc.ranges.push(ps);
            let e = &mut sc.emis[k * c..k * c + c];
            model.add_row(sc.bi[k], e);
            Self::add_word_scores(side, &self.recs, NER, ids, i, e);
            Self::add_ner_static(side, &mut sc.feats, model, &ctx, e);
        }
        let mut acc = [0i32; 32];
        let acc = &mut acc[..c];
        let t = c + 1;
        let mut next_likely = 0;
        for i in 0..ids.len() {
            let w = self.recs[ids[i] as usize];
            if skips(&w, i, out.last().copied()) {
                out.push(o);
                continue;
            }
            while likely.get(next_likely).is_some_and(|&k| k < i) {
                next_likely += 1;
            }
            let ctx = ctx_at(&self.recs, i);
            let ps = if likely.get(next_likely) == Some(&i) {
                acc.copy_from_slice(&sc.emis[next_likely * c..next_likely * c + c]);
                sc.ranges[next_likely]
            } else {
                // a lower-case word after an entity word
                acc.fill(0);
                Self::ensure_word_rows(
                    side,
                    sc,
                    &mut self.recs,
                    &self.infos,
                    model,
                    NER,
                    ids,
                    &[i],
                );
                let prev = if i >= 1 { ids[i - 1] } else { START };
                sc.feats.clear();
                ner_bigram_norms(self.recs[prev as usize].norm, w.norm, &mut sc.feats);
                model.add_scores(&sc.feats, acc);
                Self::add_word_scores(side, &self.recs, NER, ids, i, acc);
                Self::add_ner_static(side, &mut sc.feats, model, &ctx, acc);
                Self::ner_pos_shape(side, &mut sc.feats, &mut sc.rows, model, &ctx)
            };
            let t1 = if i >= 1 { (out[i - 1] + 1).min(c) } else { 0 };
            let t2 = if i >= 2 { (out[i - 2] + 1).min(c) } else { 0 };
            // tag tables
            let add = |acc: &mut [i32], table: &[i32], at: usize| {
                for (a, x) in acc.iter_mut().zip(&table[at..at + c]) {
                    *a += *x;
                }
            };
            add(acc, &side.trans, (t2 * t + t1) * c);
            if (ctx.place as usize) < 3 {
                add(acc, &side.place_t1, (ctx.place as usize * t + t1) * c);
            } else {
                sc.feats.clear();
                ner_place_tag_features(ctx.place, t1 as u8, &mut sc.feats);
                model.add_scores(&sc.feats, acc);
            }
            if (ctx.lex_prev as usize) < LEX_CODES.len() {
                add(acc, &side.lex_t1, (ctx.lex_prev as usize * t + t1) * c);
            } else {
                sc.feats.clear();
                ner_lex_tag_features(ctx.lex_prev, t1 as u8, &mut sc.feats);
                model.add_scores(&sc.feats, acc);
            }
            Self::add_tagword(side, &mut sc.feats, model, NER, &w, t1 as u8, acc);
            match ps {
                Some(list) => Self::add_tag_list(side, list, t1 as u8, acc),
                None => {
                    sc.feats.clear();
                    ner_pos_shape_tag_features(ctx.pos, ctx.sh, t1 as u8, &mut sc.feats);
                    model.add_scores(&sc.feats, acc);
                }
            }
            let mask = &side.masks[out.last().copied().unwrap_or(c).min(c)];
            out.push(Model::argmax_i32(acc, Some(mask)));
        }
        sc.scored = likely;
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

/// `s` without its combining accents (NFD, marks dropped): "kraków" →
/// "krakow". Letters that do not decompose ("ł", "ø") stay.
pub(crate) fn unaccented(s: &str) -> String {
    use unicode_normalization::{char::is_combining_mark, UnicodeNormalization};
    s.nfd().filter(|c| !is_combining_mark(*c)).collect()
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
