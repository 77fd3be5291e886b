//! Mentions and within-document entities.
//!
//! 1. **Names**: runs of capitalised tokens (with inner connectors such as
//!    "of the", "von"), typed by the entity tagger and by lexicon rules
//!    (event heads, organisation heads, group suffixes, place gazetteer,
//!    titles, given names); titles ("Grand Duke", "Empress") are kept out of
//!    the name. Works come from title spans after cue words ("wrote",
//!    "his book") and from quoted title-case spans.
//! 2. **Aliases**: cue phrases ("byname of", "born", "known as",
//!    "nicknamed", "real name", "called him") and acronyms defined in
//!    parentheses link a second name to the first, with evidence.
//! 3. **Coreference**: exact names join; a shorter person name joins the
//!    latest fuller name ending with it ("Trotsky" → "Leon Trotsky") or,
//!    when unique (among those named before it, else in the document),
//!    starting with it; descriptions with a title ("the Tsar") join the
//!    person bearing that title; pronouns join the most salient person of
//!    compatible gender: the first in their own sentence, else the subject
//!    of one of the four sentences before, else the first person of the
//!    closest of them.

use crate::lexicon::data_lines;
use crate::tagger::unaccented;
use crate::Analyzer;
use annalist_model::{
    AliasEvidence, EntityType, LocalEntity, Mention, MentionForm, RegionKind, Sentence, Span, Token,
};
// Fx hashing: the keys are our own short words and indexes (no untrusted
// input can make a table degenerate beyond one document's size)
use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};

/// Rule lexicons of the mention stage (`resources/text/`).
#[derive(Debug, Default)]
pub struct MentionLexicon {
    /// Words never a name alone (`non_names.txt` and `page_furniture.txt`).
    pub non_names: HashSet<String>,
    /// Interjections and page furniture (`page_furniture.txt`): they never
    /// lead a name either, as a month may ("October Revolution").
    pub furniture: HashSet<String>,
    pub work_heads: HashSet<String>,
    pub work_first: HashSet<String>,
    /// First words that make a name a place ("Fort Sumter", "Mount
    /// Vernon", "Lake Ladoga"; `place_first.txt`).
    pub place_first: HashSet<String>,
    /// Lower-case street words before a name ("the rue Dauphine";
    /// `street_leads.txt`): the name is a place.
    pub street_leads: HashSet<String>,
    /// Cue token sequences (lower case) and the alias kind they introduce.
    pub alias_cues: Vec<(Vec<String>, String)>,
    pub descriptions: HashSet<String>,
    pub surname_gender: Vec<(String, String)>,
    /// Collective nouns after a capitalised word; true when part of the name.
    pub group_nouns: HashMap<String, bool>,
    /// Tokens that end a clause (pronoun binding).
    pub clause_breaks: HashSet<String>,
    /// Words joining a compound surname (`surname_joiners.txt`: "y").
    pub surname_joiners: HashSet<String>,
    /// Titles that make a style after a name and a comma (`style_titles.txt`:
    /// "Mary, Queen of Scots").
    pub style_titles: HashSet<String>,
    /// Given names that do not tell the sex of a hyphenated given name
    /// they open (`compound_given_neutral.txt`: "Marie-Georges" is a man).
    pub compound_given_neutral: HashSet<String>,
    /// Conjunctions opening a fronted clause whose subject pronoun may
    /// point forward (`fronted_subordinators.txt`).
    pub fronted: HashSet<String>,
    /// Titles of sovereigns, lower case ("the Tsar" → the regnal name).
    pub sovereigns: HashSet<String>,
    /// Lower-case words continuing a place name → `place`, `org`, `event`
    /// or `mod` ("Tobolsk province", "the Leningrad party committee").
    pub lower_designators: HashMap<String, String>,
    /// Time-phrase words that may stand between a name and an alias cue.
    pub alias_skip: HashSet<String>,
    /// "the city of X": X is a place.
    pub place_nouns: HashSet<String>,
    /// Prepositions that place what follows ("at Savannah", "towards
    /// Volodymyr-Volynskyi"; `place_preps.txt`).
    pub place_preps: HashSet<String>,
    /// Endings of town names (`place_suffixes.txt`): with a place
    /// preposition, a one-word "person" with one is a place.
    pub place_suffixes: Vec<String>,
    /// Prepositions after which a one-word name is more likely a town
    /// (`town_preps.txt`: "moved to Nikolayev").
    pub town_preps: HashSet<String>,
    /// Last words making a name a place (`place_heads.txt`: "Hue City").
    pub place_heads: HashSet<String>,
    /// Dotted state abbreviations after "Town," (`place_qualifiers.txt`).
    pub place_qualifiers: HashSet<String>,
    /// Country names that are no given name, and continents (`countries.txt`,
    /// lower case).
    pub countries: HashSet<String>,
    /// Collective nouns whose possessive is part of a name ("People's
    /// Republic", "Workers' Party"; `possessive_name_words.txt`).
    pub possessive_name_words: HashSet<String>,
    /// Words that stand before a title (`title_modifiers.txt`): `true` for
    /// the first words of compound titles, part of the title ("Grand Duke",
    /// "Brigadier General"), `false` for sides, left out of the mention
    /// ("Confederate General"; the demonyms count as sides too).
    pub title_modifiers: HashMap<String, bool>,
    /// Head nouns of named buildings (`facility_nouns.txt`): a renamed one
    /// is still the same building.
    pub facility_nouns: HashSet<String>,
    /// Endings of common nouns (no unknown word with one is a surname).
    pub common_suffixes: Vec<String>,
    /// Token sequences (lower case) right after (`false`) or before
    /// (`true`) a name that only a person's name takes (`person_cues.tsv`).
    pub person_cues: Vec<(bool, Vec<String>)>,
    /// The first word of every cue: a name with none of them beside it
    /// has no cue.
    pub person_cue_words: HashSet<String>,
}

impl MentionLexicon {
    pub fn load() -> Self {
        let set =
            |s: &str| -> HashSet<String> { data_lines(s).map(|l| l.trim().to_string()).collect() };
        let mut alias_cues: Vec<(Vec<String>, String)> =
            data_lines(include_str!("../../../resources/text/alias_cues.tsv"))
                .filter_map(|l| {
                    let mut it = l.split('\t');
                    let cue = it
                        .next()?
                        .split_whitespace()
                        .map(str::to_string)
                        .collect::<Vec<_>>();
                    Some((cue, it.next()?.trim().to_string()))
                })
                .collect();
        // longest cues first
        alias_cues.sort_by_key(|(c, _)| std::cmp::Reverse(c.len()));
        let furniture = include_str!("../../../resources/text/page_furniture.txt");
        let person_cues: Vec<(bool, Vec<String>)> =
            data_lines(include_str!("../../../resources/text/person_cues.tsv"))
                .filter_map(|l| {
                    let (side, cue) = l.split_once('\t')?;
                    let cue: Vec<String> = cue.split_whitespace().map(str::to_string).collect();
                    (!cue.is_empty()).then_some((side.trim() == "before", cue))
                })
                .collect();
        MentionLexicon {
            non_names: set(include_str!("../../../resources/text/non_names.txt"))
                .into_iter()
                .chain(set(furniture))
                .collect(),
            furniture: set(furniture),
            work_heads: set(include_str!("../../../resources/text/work_heads.txt")),
            work_first: set(include_str!("../../../resources/text/work_first.txt")),
            place_first: set(include_str!("../../../resources/text/place_first.txt")),
            street_leads: set(include_str!("../../../resources/text/street_leads.txt")),
            alias_cues,
            descriptions: set(include_str!("../../../resources/text/descriptions.txt")),
            clause_breaks: set(include_str!("../../../resources/text/clause_breaks.txt")),
            surname_joiners: set(include_str!("../../../resources/text/surname_joiners.txt")),
            style_titles: set(include_str!("../../../resources/text/style_titles.txt")),
            compound_given_neutral: set(include_str!(
                "../../../resources/text/compound_given_neutral.txt"
            )),
            fronted: set(include_str!(
                "../../../resources/text/fronted_subordinators.txt"
            )),
            sovereigns: set(include_str!("../../../resources/text/sovereign_titles.txt")),
            alias_skip: set(include_str!("../../../resources/text/alias_skip.txt")),
            place_nouns: set(include_str!("../../../resources/text/place_nouns.txt")),
            place_preps: set(include_str!("../../../resources/text/place_preps.txt")),
            place_suffixes: set(include_str!("../../../resources/text/place_suffixes.txt"))
                .into_iter()
                .collect(),
            town_preps: set(include_str!("../../../resources/text/town_preps.txt")),
            place_heads: set(include_str!("../../../resources/text/place_heads.txt")),
            place_qualifiers: set(include_str!("../../../resources/text/place_qualifiers.txt")),
            possessive_name_words: set(include_str!(
                "../../../resources/text/possessive_name_words.txt"
            )),
            countries: data_lines(include_str!("../../../resources/text/countries.txt"))
                .map(str::to_lowercase)
                .collect(),
            title_modifiers: data_lines(include_str!(
                "../../../resources/text/title_modifiers.txt"
            ))
            .filter_map(|l| {
                let (w, kind) = l.split_once('\t')?;
                Some((w.trim().to_string(), kind.trim() == "part"))
            })
            .collect(),
            facility_nouns: set(include_str!("../../../resources/text/facility_nouns.txt")),
            common_suffixes: data_lines(include_str!(
                "../../../resources/text/common_suffixes.txt"
            ))
            .map(|l| l.trim().to_string())
            .collect(),
            person_cue_words: person_cues
                .iter()
                .filter_map(|(_, c)| c.first().cloned())
                .collect(),
            person_cues,
            lower_designators: data_lines(include_str!(
                "../../../resources/text/lower_designators.tsv"
            ))
            .filter_map(|l| {
                let mut it = l.split('\t');
                Some((it.next()?.trim().to_string(), it.next()?.trim().to_string()))
            })
            .collect(),
            group_nouns: data_lines(include_str!("../../../resources/text/group_nouns.tsv"))
                .filter_map(|l| {
                    let mut it = l.split('\t');
                    Some((it.next()?.to_string(), it.next()?.trim() == "yes"))
                })
                .collect(),
            surname_gender: data_lines(include_str!("../../../resources/text/surname_gender.tsv"))
                .filter_map(|l| {
                    let mut it = l.split('\t');
                    Some((it.next()?.to_string(), it.next()?.trim().to_string()))
                })
                .collect(),
        }
    }
}

/// A mention candidate over tokens `a..b`.
#[derive(Clone, Debug)]
struct Cand {
    a: usize,
    b: usize,
    etype: EntityType,
    form: MentionForm,
    sentence: usize,
    /// Title tokens before the name ("Grand Duke"), `ta..a`.
    ta: usize,
    /// Gender cue (title, pronoun).
    gender: Option<String>,
    /// Bytes cut from the end of the last token ("Trotskys" whose
    /// apostrophe was lost: the mention is "Trotsky").
    cut: usize,
}

impl Cand {
    /// A copy without the gender (no String cloned): where and what it is.
    fn position(&self) -> Cand {
        Cand {
            gender: None,
            ..*self
        }
    }
}

struct Ctx<'a> {
    an: &'a Analyzer,
    text: &'a str,
    toks: &'a [Token],
    words: Vec<&'a str>,
    /// Per token: where its lower-cased form is in `lower_text` (start,
    /// end), or [`SAME`] when the word has no capital (most words): no
    /// String per word.
    lower_at: Vec<(u32, u32)>,
    lower_text: String,
    /// Per token: UPOS and BIO tags (read once from the tokens: the rules
    /// test them many times) and [`Ctx::is_cap`].
    upos: Vec<&'a str>,
    ent: Vec<&'a str>,
    cap: Vec<bool>,
    /// Per token: [`word_flags`].
    flags: Vec<u16>,
    /// Capitalised words the document also writes inside a sentence (a
    /// name's evidence: "Woods" in "said Woods"), not only at its start.
    mid_caps: HashSet<&'a str>,
}

/// Lexicon facts of a word the rules test per token ([`word_flags`]):
/// computed once per word type, not looked up again at every test.
const WORK_CUE: u16 = 1; // its lower-case form is a work cue
const NON_NAME: u16 = 1 << 1;
const STARTER: u16 = 1 << 2; // a sentence starter
const VOCAB: u16 = 1 << 3; // a word of the training vocabulary
const TITLE: u16 = 1 << 4;
const INNER: u16 = 1 << 5; // its lower-case form is a title-inner word
const PARTICLE: u16 = 1 << 6;
const DEMONYM: u16 = 1 << 7;
const GIVEN: u16 = 1 << 8;
const PRONOUN: u16 = 1 << 9; // its lower-case form is a pronoun
const CLAUSE_BREAK: u16 = 1 << 10; // its lower-case form ends a clause
const HEADLINE_INNER: u16 = 1 << 11; // its lower-case form is a headline-inner word
const NAME_BREAK: u16 = 1 << 12; // its lower-case form is a name breaker
/// Set in every computed value (so 0 means "not computed").
const FLAGS_SET: u16 = 1 << 15;

/// The lexicon flags of word `w`.
pub(crate) fn word_flags(an: &Analyzer, w: &str) -> u16 {
    let lower;
    let lw = if w.chars().any(char::is_uppercase) {
        lower = w.to_lowercase();
        lower.as_str()
    } else {
        w
    };
    let names = &an.names;
    [
        (WORK_CUE, names.work_cues.contains(lw)),
        (NON_NAME, an.ml.non_names.contains(w)),
        (STARTER, an.tok.is_starter(w)),
        (VOCAB, an.tok.in_vocab(w)),
        (TITLE, names.titles.contains_key(w)),
        (INNER, names.title_inner.contains(lw)),
        (HEADLINE_INNER, names.headline_inner.contains(lw)),
        (NAME_BREAK, names.name_breakers.contains(lw)),
        (PARTICLE, names.particles.contains(w)),
        (DEMONYM, names.demonyms.contains(w)),
        (GIVEN, names.given.contains_key(w)),
        (PRONOUN, names.pronoun(lw).is_some()),
        (CLAUSE_BREAK, an.ml.clause_breaks.contains(lw)),
    ]
    .into_iter()
    .filter(|x| x.1)
    .fold(FLAGS_SET, |f, x| f | x.0)
}

/// [`Ctx::lower_at`] of a word that is its own lower-case form.
const SAME: (u32, u32) = (u32::MAX, 0);

impl<'a> Ctx<'a> {
    fn w(&self, i: usize) -> &'a str {
        self.words.get(i).copied().unwrap_or("")
    }
    fn lw(&self, i: usize) -> &str {
        match self.lower_at.get(i) {
            None => "",
            Some(&SAME) => self.w(i),
            Some(&(a, b)) => &self.lower_text[a as usize..b as usize],
        }
    }
    fn upos(&self, i: usize) -> &'a str {
        self.upos.get(i).copied().unwrap_or("")
    }
    fn ent(&self, i: usize) -> &'a str {
        self.ent.get(i).copied().unwrap_or("")
    }
    /// Starts with a capital letter.
    fn is_cap(&self, i: usize) -> bool {
        self.cap.get(i).copied().unwrap_or(false)
    }
    fn glued(&self, i: usize) -> bool {
        // token i starts right where token i-1 ends
        i > 0 && self.toks[i].span.start == self.toks[i - 1].span.end
    }
    fn span(&self, a: usize, b: usize) -> Span {
        Span::new(self.toks[a].span.start, self.toks[b - 1].span.end)
    }
    fn slice(&self, a: usize, b: usize) -> &'a str {
        self.span(a, b).slice(self.text)
    }
    fn is_title(&self, i: usize) -> bool {
        // ("Saint-Ouen", "Saint-Denis": joined by a hyphen to a
        // capitalised word that is no title it opens a name; not
        // "Commander-in-Chief", "King-Emperor")
        self.flag(i, TITLE)
            && !(i + 2 < self.toks.len()
                && self.glued(i + 1)
                && self.glued(i + 2)
                && self.w(i + 1) == "-"
                && self.is_cap(i + 2)
                && !self.flag(i + 2, TITLE))
    }
    /// Token `i` has lexicon flag `f` ([`word_flags`]).
    fn flag(&self, i: usize, f: u16) -> bool {
        self.flags.get(i).is_some_and(|x| x & f != 0)
    }
}

fn is_open_quote(w: &str) -> bool {
    matches!(w, "\"" | "“" | "‘" | "«" | "'")
}
fn is_close_quote(w: &str) -> bool {
    matches!(w, "\"" | "”" | "’" | "»" | "'")
}
const CONNECT: [&str; 3] = ["of", "the", "for"];

/// Mentions and local entities of one document.
pub fn extract(
    an: &Analyzer,
    text: &str,
    toks: &[Token],
    sents: &[Sentence],
) -> (Vec<Mention>, Vec<LocalEntity>) {
    let words: Vec<&str> = toks.iter().map(|t| t.span.slice(text)).collect();
    let upos = toks.iter().map(|t| t.upos.as_str()).collect();
    let ent = toks.iter().map(|t| t.ent.as_str()).collect();
    // flags once per distinct word of the document
    let mut seen: HashMap<&str, u16> = HashMap::default();
    let flags = words
        .iter()
        .map(|&w| *seen.entry(w).or_insert_with(|| word_flags(an, w)))
        .collect();
    extract_tagged(an, text, toks, sents, words, upos, ent, flags)
}

/// [`extract`] with each token's text, UPOS and BIO tags and [`word_flags`]
/// given (`analyze` passes the model's class names, so no token string is
/// read again, and flags cached per word type).
#[allow(clippy::too_many_arguments)]
pub(crate) fn extract_tagged<'a>(
    an: &'a Analyzer,
    text: &'a str,
    toks: &'a [Token],
    sents: &[Sentence],
    words: Vec<&'a str>,
    upos: Vec<&'a str>,
    ent: Vec<&'a str>,
    flags: Vec<u16>,
) -> (Vec<Mention>, Vec<LocalEntity>) {
    let mut lower_text = String::new();
    let mut lower_at = Vec::with_capacity(words.len());
    let mut cap = Vec::with_capacity(words.len());
    for w in &words {
        let first_upper = w.chars().next().is_some_and(char::is_uppercase);
        cap.push(first_upper && w.chars().any(char::is_alphabetic));
        let has_upper = if w.is_ascii() {
            w.bytes().any(|b| b.is_ascii_uppercase())
        } else {
            w.chars().any(char::is_uppercase)
        };
        if !has_upper {
            lower_at.push(SAME);
            continue;
        }
        let start = lower_text.len();
        if w.is_ascii() {
            lower_text.push_str(w);
            lower_text[start..].make_ascii_lowercase();
        } else {
            lower_text.push_str(&w.to_lowercase());
        }
        lower_at.push((start as u32, lower_text.len() as u32));
    }
    let mut mid_caps = HashSet::default();
    for s in sents {
        let (a, b) = s.tokens;
        let first = (a..b.min(words.len())).find(|&k| words[k].chars().any(char::is_alphanumeric));
        for k in first.map_or(b, |f| f + 1)..b.min(words.len()) {
            if cap[k] {
                mid_caps.insert(words[k]);
            }
        }
    }
    let cx = Ctx {
        an,
        text,
        toks,
        words,
        lower_at,
        lower_text,
        upos,
        ent,
        cap,
        flags,
        mid_caps,
    };
    let mut cands: Vec<Cand> = Vec::new();
    let mut taken = Vec::new();
    for (si, s) in sents.iter().enumerate() {
        let (a, b) = s.tokens;
        let b = b.min(toks.len());
        // A verbless line of page furniture (a menu, a list of links, a
        // footer) names no one the page is about: on web pages most
        // capitalised words are there ("Congress Blog", "All Sports
        // Games"). Furniture written as sentences keeps its names: the
        // cleaner's boilerplate also catches some of the article.
        if s.region == RegionKind::Boilerplate
            && !(a..b).any(|k| matches!(cx.upos(k), "VERB" | "AUX"))
        {
            continue;
        }
        sentence_names(&cx, si, a, b, &mut cands, &mut taken);
    }
    cands.sort_by_key(|c| (c.a, std::cmp::Reverse(c.b)));
    // drop overlaps (earlier/longer wins)
    let mut kept: Vec<Cand> = Vec::new();
    for c in cands {
        if kept.last().is_some_and(|k| c.a < k.b) {
            continue;
        }
        kept.push(c);
    }
    capitals_only(&cx, sents, &mut kept);
    repeat_names(&cx, sents, &mut kept);
    resolve(&cx, sents, kept)
}

/// Fewest words of a sentence written in capitals for its case to say
/// nothing (a shorter one is an acronym or two).
const SHOUTED_MIN_WORDS: usize = 3;

/// The sentence `a..b` is written in capitals (a headline, a shouted
/// title): at least four in five of its words of two letters or more have
/// no lower-case letter.
fn shouted(cx: &Ctx, a: usize, b: usize) -> bool {
    let (mut words, mut caps) = (0, 0);
    for k in a..b {
        let w = cx.w(k);
        if w.chars().filter(|c| c.is_alphabetic()).count() < 2 {
            continue;
        }
        words += 1;
        if !w.chars().any(char::is_lowercase) {
            caps += 1;
        }
    }
    words >= SHOUTED_MIN_WORDS && caps * 5 >= words * 4
}

/// In a sentence written in capitals every word looks like a name
/// ("LAUREN ALAINA SAYS 'DWTS' HAS HELPED HER"), so a name found there
/// stands only as far as it is a name the document writes in mixed case
/// elsewhere, or a gazetteer place: it shrinks to the longest such run of
/// its words, or goes. Pronouns and descriptions stay.
fn capitals_only(cx: &Ctx, sents: &[Sentence], kept: &mut Vec<Cand>) {
    let loud: Vec<bool> = sents
        .iter()
        .map(|s| shouted(cx, s.tokens.0, s.tokens.1.min(cx.toks.len())))
        .collect();
    if !loud.contains(&true) {
        return;
    }
    let key = |a: usize, b: usize| lower_key(cx, a, b);
    let is_loud = |c: &Cand| loud.get(c.sentence).copied().unwrap_or(false);
    let named = |c: &Cand| matches!(c.form, MentionForm::Name | MentionForm::Partial);
    let known: HashMap<String, EntityType> = kept
        .iter()
        .filter(|c| !is_loud(c) && named(c))
        .map(|c| (key(c.a, c.b), c.etype))
        .collect();
    let mut out = Vec::with_capacity(kept.len());
    for c in kept.drain(..) {
        if !is_loud(&c) || !named(&c) {
            out.push(c);
            continue;
        }
        let n = c.b - c.a;
        let found = (1..=n).rev().find_map(|len| {
            (c.a..=c.b - len).find_map(|i| {
                let t = known
                    .get(&key(i, i + len))
                    .copied()
                    .or_else(|| is_place(cx, i, i + len).then_some(EntityType::Place))?;
                Some((i, i + len, t))
            })
        });
        if let Some((a, b, etype)) = found {
            out.push(cand(c.sentence, a, b, etype, MentionForm::Name));
        }
    }
    *kept = out;
}

/// A one-word name of the document used again where the chunker or the
/// tagger let it pass ("of the Smolny the shot", "Rayner had been"): each
/// other capitalised use of the same word, when the word is no common
/// English word, is a mention of the same type; the first and last words
/// of a person's full name are that person where used like a name
/// ([`surname_use`]).
fn repeat_names(cx: &Ctx, sents: &[Sentence], kept: &mut Vec<Cand>) {
    let mut single: HashMap<&str, EntityType> = HashMap::default();
    // The surnames of the people named in full ("King" of "Martin Luther
    // King Jr."), taken even when they are common words.
    let mut surnames: HashSet<&str> = HashSet::default();
    let mut firsts: HashSet<&str> = HashSet::default();
    for c in kept.iter() {
        if c.b == c.a + 1
            && c.form == MentionForm::Name
            && !matches!(c.etype, EntityType::Work | EntityType::EventName)
        {
            single.entry(cx.w(c.a)).or_insert(c.etype);
        }
        if c.b >= c.a + 2 && c.form == MentionForm::Name && c.etype == EntityType::Person {
            let mut e = c.b;
            while e > c.a + 1 && cx.an.names.name_suffixes.contains(cx.w(e - 1)) {
                e -= 1;
            }
            if e >= c.a + 2 && cx.w(e - 1).chars().all(char::is_alphabetic) {
                surnames.insert(cx.w(e - 1));
                // (and the first name: "In 1610 Galileo moved" after
                // "Galileo Galilei", a word the tagger's vocabulary knows)
                if cx.w(c.a).chars().all(char::is_alphabetic) {
                    firsts.insert(cx.w(c.a));
                }
            }
        }
    }
    if single.is_empty() && surnames.is_empty() && firsts.is_empty() {
        return;
    }
    let mut covered = vec![false; cx.toks.len()];
    for c in kept.iter() {
        let lo = c.ta.min(c.a).min(covered.len());
        let hi = c.b.min(covered.len()).max(lo);
        covered[lo..hi].fill(true);
    }
    let mut added = Vec::new();
    for (si, s) in sents.iter().enumerate() {
        let (a, b) = s.tokens;
        for k in a..b.min(cx.toks.len()) {
            let w = cx.w(k);
            if covered.get(k) != Some(&false) || !cx.is_cap(k) {
                continue;
            }
            // ("and Urban himself died": an intensified name, whatever the
            // tagger made of the word)
            let intensified = matches!(cx.lw(k + 1), "himself" | "herself");
            let named = ((surnames.contains(w)
                || firsts.contains(w) && (cx.upos(k) == "PROPN" || intensified))
                && (intensified || surname_use(cx, k, a)))
                || (surnames.contains(w) && clause_end_object(cx, k, a));
            // the document's few names first, the large vocabulary after
            if let Some(&t) = single.get(w).filter(|_| !cx.flag(k, VOCAB)) {
                added.push(cand(si, k, k + 1, t, MentionForm::Name));
            } else if named {
                added.push(cand(si, k, k + 1, EntityType::Person, MentionForm::Name));
            }
        }
    }
    if !added.is_empty() {
        kept.extend(added);
        kept.sort_by_key(|c| (c.a, c.b));
    }
}

/// A surname that is also a common word or a title stands alone for its
/// bearer where it is used like a name: before a verb, a possessive or a
/// comma ("King was born", "King's death", "King, who"), not after an
/// article ("the King") and not before a capitalised word or "of" ("King
/// George", "King of France"). `a` is the sentence's first token.
fn surname_use(cx: &Ctx, k: usize, a: usize) -> bool {
    // (nor a part of a hyphenated word: "Volodymyr-Volynskyi fell")
    // (page furniture may be a surname: "Thomas More" … "More was born")
    if (cx.flag(k, NON_NAME) && !cx.an.ml.furniture.contains(cx.w(k)))
        || (k > a && matches!(cx.lw(k - 1), "the" | "a" | "an" | "-"))
        || cx.glued(k)
    {
        return false;
    }
    let Some(next) = cx.toks.get(k + 1) else {
        return false;
    };
    matches!(next.upos.as_str(), "VERB" | "AUX") || matches!(cx.w(k + 1), "'s" | "’s" | ",")
}

/// A surname (of a full name of the document) that is also a common word
/// stands for its bearer as the object of a preposition ending the clause:
/// "how much the liturgical year meant *to More*." (`surname_use` asks for a
/// verb, a possessive or a comma after it).
fn clause_end_object(cx: &Ctx, k: usize, a: usize) -> bool {
    k > a
        && !cx.glued(k)
        && (cx.upos(k - 1) == "ADP" || cx.lw(k - 1) == "to")
        && matches!(cx.w(k + 1), "." | "!" | "?" | ";" | ":")
}

/// A lone given name between "the" (and maybe an adjective) and a
/// lower-case common noun modifies the noun ("the Julian calendar", "the
/// old Julian dates"): no person.
fn modifier_name(cx: &Ctx, a: usize, b: usize) -> bool {
    b == a + 1
        && cx.flag(a, GIVEN)
        && a > 0
        && (cx.lw(a - 1) == "the" || (a > 1 && cx.upos(a - 1) == "ADJ" && cx.lw(a - 2) == "the"))
        && cx.upos(b) == "NOUN"
        && cx.w(b).chars().next().is_some_and(char::is_lowercase)
}

/// The word at `i` is a common noun's plural capitalised by its place
/// ("Officers arrested him", "Journalists and politicians"): its singular
/// is a word of the vocabulary, the document never capitalises it inside
/// a sentence ("said Woods", "Governor John Bel Edwards"), and it names no
/// group or people ("Bolsheviks", "Greeks" stay).
fn plural_common_noun(cx: &Ctx, i: usize) -> bool {
    let w = cx.w(i);
    let Some(singular) = w.strip_suffix('s').filter(|s| s.len() >= 3) else {
        return false;
    };
    let names = &cx.an.names;
    !cx.flag(i, GIVEN | DEMONYM)
        && !cx.mid_caps.contains(w)
        && !names.groups.contains(w)
        && !names.demonyms.contains(singular)
        && cx.an.tok.in_vocab(singular)
}

/// Name, work, event and group candidates in one sentence `a..b`.
fn sentence_names(
    cx: &Ctx,
    si: usize,
    a: usize,
    b: usize,
    out: &mut Vec<Cand>,
    taken: &mut Vec<bool>,
) {
    let an = cx.an;
    taken.clear();
    taken.resize(b.saturating_sub(a), false);
    let push = |out: &mut Vec<Cand>, taken: &mut Vec<bool>, mut c: Cand| {
        if c.b <= c.a || c.b > b || c.ta < a || (c.ta..c.b).any(|k| taken[k - a]) {
            return;
        }
        // A name written with figures is no person's ("BEL20", "the B1242
        // road", "A3"): a body, unless the figures are an ordinal or a
        // regnal number ("Louis XVI" has none; "Louis 16th" is ordinal).
        if c.etype == EntityType::Person
            && c.form == MentionForm::Name
            && (c.a..c.b).any(|k| {
                let w = cx.w(k);
                w.bytes().any(|x| x.is_ascii_digit()) && !is_ordinal_figure(w)
            })
        {
            c.etype = EntityType::Organization;
            c.gender = None;
        }
        for k in c.ta..c.b {
            taken[k - a] = true;
        }
        out.push(c);
    };
    // 1. works after cue words, and quoted title-case spans
    let mut i = a;
    while i < b {
        // "the so-called Congress of Victors" names no work
        let so_called = i >= a + 2 && cx.w(i - 1) == "-" && cx.lw(i - 2) == "so";
        if cx.flag(i, WORK_CUE) && !so_called {
            let mut k = i + 1;
            // skip "," ":" and one adjective-like lowercase word ("his famed")
            while k < b && matches!(cx.w(k), "," | ":") {
                k += 1;
            }
            if k < b && is_open_quote(cx.w(k)) {
                k += 1;
            }
            if k < b && cx.is_cap(k) && !cx.flag(k, NON_NAME) && cx.upos(k) != "PRON" {
                let e = title_end(cx, k, b);
                let single_person = e == k + 1 && cx.ent(k).ends_with("PER");
                if e > k && !single_person && !(e == k + 1 && cx.flag(k, GIVEN)) {
                    push(
                        out,
                        taken,
                        cand(si, k, e, EntityType::Work, MentionForm::Name),
                    );
                    i = e;
                    continue;
                }
            }
        }
        // a capitalised "The" inside a sentence opens a title: "in The Revolution Betrayed"
        if cx.w(i) == "The"
            && i > a
            && cx.w(i - 1).chars().any(char::is_alphabetic)
            && i + 1 < b
            && cx.is_cap(i + 1)
        {
            let e = title_end(cx, i, b);
            if e >= i + 2 {
                push(
                    out,
                    taken,
                    cand(si, i, e, EntityType::Work, MentionForm::Name),
                );
                i = e;
                continue;
            }
        }
        // a title right before "(1989)": "Stalin and the Kirov Murder (1989)"
        if cx.w(i) == "("
            && i + 2 < b
            && cx.w(i + 2) == ")"
            && cx.w(i + 1).len() == 4
            && cx.w(i + 1).chars().all(|c| c.is_ascii_digit())
            && i > a
        {
            let mut s0 = i;
            while s0 > a {
                let w = cx.w(s0 - 1);
                if cx.is_cap(s0 - 1)
                    || (w == "?" && s0 == i)
                    || (matches!(w, "and" | "of" | "the" | "a") && s0 < i)
                {
                    s0 -= 1;
                } else {
                    break;
                }
            }
            while s0 < i && !cx.is_cap(s0) {
                s0 += 1;
            }
            let words = (s0..i)
                .filter(|&k| cx.w(k).chars().any(char::is_alphabetic))
                .count();
            if words >= 2 && (s0..i).all(|k| !taken[k - a]) {
                push(
                    out,
                    taken,
                    cand(si, s0, i, EntityType::Work, MentionForm::Name),
                );
            }
        }
        if is_open_quote(cx.w(i)) && i + 1 < b {
            // closing quote within 10 tokens
            let close = (i + 1..b.min(i + 12)).find(|&k| is_close_quote(cx.w(k)));
            if let Some(c) = close {
                let inner = i + 1..c;
                let n = inner.len();
                let caps = inner.clone().filter(|&k| cx.is_cap(k)).count();
                let cue_last = c > i + 1 && cx.flag(c - 1, WORK_CUE);
                // '"October" Revolution': quoted word + event head
                if n == 1 && caps == 1 && c + 1 < b && an.names.event_heads.contains(cx.w(c + 1)) {
                    push(
                        out,
                        taken,
                        cand(si, i, c + 2, EntityType::EventName, MentionForm::Name),
                    );
                    i = c + 2;
                    continue;
                }
                let before = if i > a { cx.lw(i - 1) } else { "" };
                // (the quoted words less the punctuation before the
                // closing quote)
                let mut e = c;
                while e > i + 1 && matches!(cx.w(e - 1), "," | "." | ";") {
                    e -= 1;
                }
                // A quoted name after a noun for a person is that person's
                // name or nickname: 'Arab warlord "Khattab,"', 'the rebel
                // leader "Shamil"'.
                if (1..=3).contains(&(e - i - 1))
                    && an.ml.descriptions.contains(before)
                    && (i + 1..e).all(|k| cx.is_cap(k) && !cx.flag(k, NON_NAME))
                {
                    push(
                        out,
                        taken,
                        cand(si, i + 1, e, EntityType::Person, MentionForm::Name),
                    );
                    i = c + 1;
                    continue;
                }
                let after_called = matches!(before, "him" | "her" | "called" | "as");
                // (words addressed to someone are no title: "Pierre, my
                // Pierre" — a comma before a lower-case word)
                let addressed =
                    (i + 1..e).any(|k| cx.w(k) == "," && k + 1 < e && !cx.is_cap(k + 1));
                if (1..=8).contains(&n)
                    && cx.is_cap(i + 1)
                    && (caps * 2 >= n || cue_last)
                    && !after_called
                    && !addressed
                    && (n >= 2 || !cx.ent(i + 1).ends_with("PER"))
                {
                    push(
                        out,
                        taken,
                        cand(si, i + 1, e, EntityType::Work, MentionForm::Name),
                    );
                    i = c + 1;
                    continue;
                }
            }
        }
        i += 1;
    }
    // 2. capitalised chunks
    let mut i = a;
    // words starting with a letter, and how many of them are capitalised
    let (alpha, alpha_caps) = (a..b)
        .filter(|&k| cx.w(k).chars().next().is_some_and(char::is_alphabetic))
        .fold((0, 0), |(n, c), k| (n + 1, c + cx.is_cap(k) as usize));
    let title_case =
        alpha >= 4 && alpha_caps * 10 >= alpha * 7 && !matches!(cx.w(b - 1), "." | "!" | "?");
    let first_word = (a..b)
        .find(|&k| cx.w(k).chars().any(char::is_alphanumeric))
        .unwrap_or(a);
    while i < b {
        // an ordinal in figures opens the name of a body or an event
        // ("the 17th Party Congress"): kept when the rest is one
        let mut ord = None;
        if !taken[i - a]
            && is_ordinal_figure(cx.w(i))
            && i + 1 < b
            && !taken[i + 1 - a]
            && cx.is_cap(i + 1)
        {
            ord = Some(i);
            i += 1;
        }
        if taken[i - a] || !cx.is_cap(i) {
            i += 1;
            continue;
        }
        let w = cx.w(i);
        // A month right after a day number is a date, never the start
        // of a name ("On 15 January Kolchak was handed over").
        let after_day = i > a && {
            let p = cx.w(i - 1);
            (!p.is_empty() && p.bytes().all(|c| c.is_ascii_digit())) || is_ordinal_figure(p)
        };
        // "By April Brutus and Cassius had left": after such a word a
        // month opens a date (`month_preps.txt`)
        let date_prep = i > a && an.names.month_preps.contains(cx.lw(i - 1));
        // (a word in capitals is no month: "Hadid DBE RA"; page furniture
        // leads none: "Advertisement Galileo published …")
        let month_led = !an.ml.furniture.contains(w)
            && !after_day
            && !date_prep
            && i + 1 < b
            && cx.is_cap(i + 1)
            && !cx.flag(i + 1, NON_NAME)
            && w.chars().all(char::is_alphabetic)
            && w.chars().skip(1).any(char::is_lowercase);
        // an auxiliary opening a question is no name ("Did Stalin order it?")
        let starter = (cx.flag(i, STARTER) && cx.upos(i) != "PROPN")
            || cx.flag(i, INNER)
            || (title_case && cx.flag(i, HEADLINE_INNER))
            || (cx.upos(i) == "AUX" && cx.flag(i, VOCAB));
        // "Washington, D.C. Lincoln was shot": a state's dotted
        // abbreviation after a capitalised word and a comma qualifies that
        // place; it is not the initials of the name after it
        let place_qualifier = i >= a + 2
            && cx.w(i - 1) == ","
            && cx.is_cap(i - 2)
            && an.ml.place_qualifiers.contains(w)
            && i + 1 < b
            && cx.is_cap(i + 1);
        // ("Assassination Abraham Lincoln": the person starts after it; a
        // lone "Assassination" of a headline names no one)
        let breaker_lead =
            cx.flag(i, NAME_BREAK) && (i + 1 >= b || !cx.is_cap(i + 1) || cx.ent(i + 1) == "B-PER");
        // A given name opening the sentence before another capitalised
        // word or a regnal number opens a name, whatever the tagger made
        // of it ("Oliver/ADV Cromwell became …", "Edward VII became …")
        // (not a determiner or an adjective that is also a given name:
        // "My Special Envoy", "German Spring Offensive")
        let given_before_name = cx.flag(i, GIVEN)
            && matches!(cx.upos(i), "ADV" | "NOUN" | "X" | "INTJ")
            && i + 1 < b
            && cx.is_cap(i + 1)
            && !cx.flag(i + 1, NON_NAME)
            && cx.upos(i + 1) != "VERB";
        if starter
            || place_qualifier
            || breaker_lead
            || (cx.flag(i, NON_NAME) && !month_led)
            || (i == first_word
                && cx.upos(i) != "PROPN"
                && cx.flag(i, VOCAB)
                && !cx.is_title(i)
                && !given_before_name)
            || (i == first_word && !cx.is_cap(i + 1) && plural_common_noun(cx, i))
        {
            i += 1;
            continue;
        }
        // extend
        let mut e = i + 1;
        loop {
            if e >= b || taken[e - a] {
                break;
            }
            // In a line of capitalised words (a menu, a list of links) the
            // tagger's second person start inside the run begins another
            // name ("Bill Barr Jeffrey Epstein"). (Not in running text,
            // where the tagger also starts one inside "George Rogers
            // Clark" or after a title.)
            let second_person = title_case
                && cx.ent(e) == "B-PER"
                && (i..e).any(|k| cx.ent(k) == "B-PER" && !cx.is_title(k));
            // "In Mexico Trotsky lived", "at Potidaea Socrates saved": a
            // one-word gazetteer place after a place preposition, then a
            // capitalised word before a verb, is the place and the doer
            // (not "in Mexico City", a place of two words)
            // (a place the gazetteer lacks too, when the doer's name, no
            // common word, stands alone elsewhere in the document: "at
            // Potidaea Socrates saved" where "Socrates fought" came before)
            let doer_alone_elsewhere = || {
                // (the place no common word either: "at Fort Ticonderoga
                // were", "in Old Goa was" are one place)
                !cx.flag(i, GIVEN)
                    && !an.tok.in_vocab(cx.lw(i))
                    && (0..cx.toks.len())
                        .any(|k| k != e && cx.w(k) == cx.w(e) && (k == 0 || cx.w(k - 1) != cx.w(i)))
            };
            let place_then_doer = e == i + 1
                && i > a
                && an.ml.place_preps.contains(cx.lw(i - 1))
                && !is_place(cx, i, e + 1)
                && !an.ml.place_heads.contains(cx.lw(e))
                // (a name, not a common word: "at Wako Securities said")
                && !an.tok.in_vocab(cx.lw(e))
                // (a finite verb: "at Austin Whataburger following …")
                && matches!(cx.upos(e + 1), "VERB" | "AUX")
                && !cx.lw(e + 1).ends_with("ing")
                // (last: the document scan runs only where all else holds)
                && (is_place(cx, i, e) || doer_alone_elsewhere());
            if place_then_doer {
                break;
            }
            // "Lincoln Assassination Abraham Lincoln": what befell a
            // person ends the person's name
            let breaks_person = cx.flag(e, NAME_BREAK)
                && ((i..e).any(|k| cx.ent(k).ends_with("PER") || cx.flag(k, GIVEN))
                    || (e + 1 < b && cx.ent(e + 1) == "B-PER"));
            // "Charles I", "Elizabeth I": the regnal number one right
            // after a given name, which the tagger calls a pronoun
            if cx.w(e) == "I"
                && e == i + 1
                && (cx.flag(i, GIVEN) || (cx.ent(i).ends_with("PER") && is_sovereign_name(cx, i)))
            {
                e += 1;
                continue;
            }
            // "Mary Queen of Scots", "Richard Duke of York": a title with
            // a sex and its "of" after a personal name are that person's
            // title, not more of the name (as after a comma, "Mary, Queen
            // of Scots")
            let title_of = e > i
                && cx.is_title(e)
                && an.names.titles.get(cx.w(e)).is_some_and(|g| g != "-")
                && e + 2 < b
                && cx.w(e + 1) == "of"
                && cx.is_cap(e + 2)
                && !(i..e).any(|k| cx.is_title(k))
                && (i..e).any(|k| cx.flag(k, GIVEN) || cx.ent(k).ends_with("PER"));
            if title_of {
                break;
            }
            // A surname that is also page furniture ("More", "Read") after
            // a given name the tagger continues as a person: "Thomas More"
            // (not a caption's label: "Captain America Image: Nick Moreau")
            let furniture_surname = cx.flag(e - 1, GIVEN)
                && cx.ent(e) == "I-PER"
                && an.ml.furniture.contains(cx.w(e))
                && cx.w(e + 1) != ":";
            if cx.is_cap(e)
                && (!cx.flag(e, NON_NAME) || furniture_surname)
                && (!cx.flag(e, STARTER) || cx.upos(e) == "PROPN")
                && !cx.flag(
                    e,
                    if title_case {
                        INNER | HEADLINE_INNER
                    } else {
                        INNER
                    },
                )
                && !second_person
                && !breaks_person
            {
                e += 1;
                continue;
            }
            // "People's Republic", "Workers' Party": a collective noun's
            // possessive inside a name; so is any name's before a facility
            // noun or a place head ("St Elizabeth's Church", "Ford's
            // Theatre", "King William's Town": a building or a town, not the
            // person)
            if matches!(cx.w(e), "'s" | "’s" | "'" | "’")
                && cx.glued(e)
                && e + 1 < b
                && cx.is_cap(e + 1)
                && (an.ml.possessive_name_words.contains(cx.lw(e - 1))
                    || an.ml.facility_nouns.contains(cx.lw(e + 1))
                    || (an.ml.place_heads.contains(cx.w(e + 1))
                        && cx.flag(e - 1, GIVEN)
                        && !cx.is_cap(e + 2)))
            {
                e += 1;
                continue;
            }
            // hyphenated: All-Union
            if cx.w(e) == "-"
                && cx.glued(e)
                && e + 1 < b
                && cx.glued(e + 1)
                && cx.w(e + 1).chars().next().is_some_and(char::is_uppercase)
            {
                e += 2;
                continue;
            }
            // hyphenated around a short lower-case word: Dar-es-Salaam,
            // Stratford-upon-Avon, Aix-en-Provence (the glued shape is the cue)
            if cx.w(e) == "-"
                && e + 3 < b
                && (e..e + 4).all(|k| cx.glued(k))
                && cx.w(e + 1).len() <= 5
                && cx.w(e + 1).chars().all(|c| c.is_lowercase())
                && cx.w(e + 2) == "-"
                && cx.w(e + 3).chars().next().is_some_and(char::is_uppercase)
            {
                e += 4;
                continue;
            }
            // connectors: "of (the)", particles
            let lw = cx.w(e);
            if CONNECT.contains(&lw) || cx.flag(e, PARTICLE) {
                let mut k = e + 1;
                while k < b && (CONNECT.contains(&cx.w(k)) || cx.flag(k, PARTICLE)) {
                    k += 1;
                }
                // (a month word after a particle ends a place name, "Viña
                // del Mar", "Plaza de Mayo", unless a day number follows)
                let month_name = cx.flag(k, NON_NAME)
                    && (e..k).any(|x| cx.flag(x, PARTICLE))
                    && cx.w(k).chars().skip(1).any(char::is_lowercase)
                    && !cx.w(k).ends_with('.')
                    && !cx.w(k + 1).starts_with(|c: char| c.is_ascii_digit());
                if k < b
                    && cx.is_cap(k)
                    && !taken[k - a]
                    && (!cx.flag(k, NON_NAME) || month_name)
                    && k - e <= 2
                {
                    // "of" only joins organisations/places/events, not "Stalin of
                    // Russia", nor a common-noun head to a person ("Assassination of
                    // Leon Trotsky" in a title-case heading) unless the head is an
                    // organisation, event or work head ("Order of Lenin")
                    let particle = cx.flag(e, PARTICLE);
                    let head_kind = (i..e).any(|h| {
                        an.names.org_heads.contains(cx.w(h))
                            || an.names.event_heads.contains(cx.w(h))
                            || an.ml.work_heads.contains(cx.w(h))
                            || cx.is_title(h)
                    });
                    let person_after = cx.ent(k) == "B-PER" && !head_kind;
                    // "for" joins only after the head of a body ("Commission
                    // for Combat", "Society for the Prevention"): "secured
                    // China for the CPC" is two names.
                    let for_ok = !(e..k).any(|x| cx.w(x) == "for")
                        || an.names.org_heads.contains(cx.w(e - 1));
                    // "Foreign Minister Janos Martonyi of Hungary": a holder
                    // of an office is "of" his country, not named after it
                    // (a sovereign's or noble's "of" stays: "King Louis of
                    // France", titles with a gender)
                    let office_holder = (i.saturating_sub(1)..e).any(|t| {
                        cx.is_title(t)
                            && an.names.titles.get(cx.w(t)).is_some_and(|g| g == "-")
                            && (t + 1..e).any(|x| cx.is_cap(x) && !cx.is_title(x))
                    });
                    // "Joan of Arc", "Catherine of Valois": a lone given name
                    // "of" one capitalised word is a byname
                    let byname = e == i + 1
                        && cx.w(e) == "of"
                        && k == e + 1
                        && cx.flag(i, GIVEN)
                        // (not "King of Abyssinia", nor a common word, "Son
                        // of Famous": one the tag dictionary knows)
                        && !cx.is_title(i)
                        && !an.tagdict.contains_key(cx.lw(i))
                        && !(k + 1 < b && cx.is_cap(k + 1));
                    let of_ok = byname
                        || (!particle
                            && !cx.ent(i).ends_with("PER")
                            && !person_after
                            && for_ok
                            && !office_holder);
                    if particle || of_ok {
                        e = k + 1;
                        continue;
                    }
                }
            }
            // ordinal numbers inside names: "Nicholas II" is caps already; "Law of 1 December"
            break;
        }
        // trim trailing connectors (never end with them by construction)
        let (c_a, c_b) = (i, e);
        i = e;
        // title-case headings: "Poison, Bullets and Ice" names no one called Bullets
        if title_case && c_b == c_a + 1 && cx.flag(c_a, VOCAB) {
            continue;
        }
        if let Some(mut c) = classify(cx, si, c_a, c_b, first_word) {
            // "People's Will" names no person, whatever "Will" is
            if c.etype == EntityType::Person
                && c.b >= c.a + 3
                && an.ml.possessive_name_words.contains(cx.lw(c.a))
                && matches!(cx.w(c.a + 1), "'s" | "’s" | "'" | "’")
            {
                c.etype = EntityType::Organization;
            }
            let body = matches!(c.etype, EntityType::Organization | EntityType::EventName);
            if let Some(o) = ord.filter(|_| body && c.ta == c.a) {
                c.a = o;
                c.ta = o;
            }
            extend_name(cx, &mut c, a, b, taken);
            push(out, taken, c);
        }
    }
    // 3. tagger-only spans (lowercase or other shapes the chunker skipped)
    let mut k = a;
    while k < b {
        let t = cx.ent(k);
        if let Some(ty) = t.strip_prefix("B-") {
            let mut e = k + 1;
            while e < b && cx.ent(e).strip_prefix("I-") == Some(ty) {
                e += 1;
            }
            let single_adj =
                e == k + 1 && (cx.flag(k, DEMONYM) || cx.upos(k) == "ADJ" || combining_form(cx, k));
            let initial_word = (k == first_word
                && (cx.upos(k) != "PROPN" || (e == k + 1 && plural_common_noun(cx, k))))
                || (k..e).all(|j| cx.is_title(j));
            let function_edge = cx.flag(k, INNER) || cx.flag(e - 1, INNER);
            if (k..e).all(|j| !taken[j - a])
                && !function_edge
                && !modifier_name(cx, k, e)
                && (k..e).any(|j| cx.is_cap(j))
                && !cx.flag(k, NON_NAME)
                && !single_adj
                && !initial_word
                && !cx.flag(k, STARTER)
            {
                let et = match ty {
                    "PER" => Some(EntityType::Person),
                    "LOC" => Some(EntityType::Place),
                    "ORG" => Some(EntityType::Organization),
                    _ => None,
                };
                if let Some(et) = et {
                    if cx.is_cap(k) && cx.is_cap(e - 1) {
                        push(out, taken, cand(si, k, e, et, MentionForm::Name));
                    }
                }
            }
            k = e;
        } else {
            k += 1;
        }
    }
    // 4. pronouns and descriptions with a title ("the Tsar")
    for k in a..b {
        if taken[k - a] {
            continue;
        }
        let lw = cx.lw(k);
        if let Some(g) = cx.flag(k, PRONOUN).then(|| an.names.pronoun(lw)).flatten() {
            let mut c = cand(si, k, k + 1, EntityType::Person, MentionForm::Pronoun);
            c.gender = Some(g.clone());
            out.push(c);
            continue;
        }
        if lw == "the" && k + 1 < b && cx.is_title(k + 1) && !taken[k + 1 - a] {
            let mut e = k + 2;
            while e < b && cx.is_title(e) && !taken[e - a] {
                e += 1;
            }
            if e < b && cx.is_cap(e) {
                continue; // "the Grand Duke Dmitri": a name follows
            }
            let mut c = cand(si, k, e, EntityType::Person, MentionForm::Description);
            c.gender = an
                .names
                .titles
                .get(cx.w(e - 1))
                .filter(|g| *g != "-")
                .cloned();
            out.push(c);
        }
    }
}

/// The word at `k` is a nationality's combining form before its hyphen
/// ("Sino" of "Sino-Korean"; `Sino-` in `demonyms.txt`).
fn combining_form(cx: &Ctx, k: usize) -> bool {
    cx.w(k + 1) == "-" && cx.an.names.demonyms.contains(&format!("{}-", cx.w(k)))
}

/// "17th", "2nd", "21st": an ordinal written in figures.
fn is_ordinal_figure(w: &str) -> bool {
    let digits = w.chars().take_while(char::is_ascii_digit).count();
    digits > 0
        && matches!(
            w[digits..].to_ascii_lowercase().as_str(),
            "st" | "nd" | "rd" | "th"
        )
}

/// Extends a typed name over what continues it after its last capitalised
/// word: a parenthesised qualifier of a body ("All-Union Communist Party
/// (Bolsheviks)"; an acronym in capitals stays apart), and lower-case
/// designators after a place ("Tobolsk province", "the Leningrad party
/// committee", "the Nuremberg trials"; `lower_designators.tsv`).
fn extend_name(cx: &Ctx, c: &mut Cand, a: usize, b: usize, taken: &[bool]) {
    let free = |k: usize| k < b && !taken[k - a];
    if c.etype == EntityType::Organization
        && cx.an.names.org_heads.contains(cx.w(c.b - 1))
        && free(c.b)
        && free(c.b + 1)
        && free(c.b + 2)
        && cx.w(c.b) == "("
        && cx.w(c.b + 2) == ")"
        && cx.is_cap(c.b + 1)
        && cx.w(c.b + 1).chars().skip(1).any(char::is_lowercase)
    {
        c.b += 3;
        return;
    }
    let placeish = c.ta == c.a
        && (c.etype == EntityType::Place
            || (c.etype == EntityType::Organization
                && (c.a..c.b).any(|k| cx.ent(k).ends_with("LOC"))));
    if !placeish {
        return;
    }
    let kind = |k: usize| -> Option<&str> {
        let w = cx.w(k);
        if !free(k) || w.chars().next().is_none_or(|ch| !ch.is_lowercase()) {
            return None;
        }
        cx.an.ml.lower_designators.get(w).map(String::as_str)
    };
    let mut k = c.b;
    while k < c.b + 3 && kind(k) == Some("mod") {
        k += 1;
    }
    let etype = match kind(k) {
        Some("place") if k == c.b => EntityType::Place,
        Some("org") => EntityType::Organization,
        Some("event") => EntityType::EventName,
        _ => return,
    };
    c.b = k + 1;
    c.etype = etype;
}

fn cand(si: usize, a: usize, b: usize, etype: EntityType, form: MentionForm) -> Cand {
    Cand {
        a,
        b,
        etype,
        form,
        sentence: si,
        ta: a,
        gender: None,
        cut: 0,
    }
}

/// End of a title starting at `k`: capitalised words and inner function
/// words, ending on a capitalised word (or "?" right after one).
fn title_end(cx: &Ctx, k: usize, b: usize) -> usize {
    let mut e = k;
    let mut last_cap = k;
    let mut j = k;
    while j < b && j < k + 12 {
        let w = cx.w(j);
        if cx.is_cap(j) || (j > k && w.chars().all(|c| c.is_ascii_digit()) && !w.is_empty()) {
            last_cap = j + 1;
            e = last_cap;
        } else if (j > k && (cx.flag(j, INNER | HEADLINE_INNER) && !cx.is_cap(j)))
            || (w == "-" && cx.glued(j))
        {
            // inner word
        } else if w == "?" && last_cap == j {
            e = j + 1;
            break;
        } else {
            break;
        }
        j += 1;
    }
    e.max(last_cap)
}

/// Words `a..b`, lower-cased and joined by single spaces, are a gazetteer place.
fn is_place(cx: &Ctx, a: usize, b: usize) -> bool {
    cx.an.names.places.contains(&lower_key(cx, a, b))
}

/// Names listed after a place preposition share a type: "pulled their
/// troops out of Murmansk and Arkhangelsk", "in Moscow, Arkhangelsk or
/// Kiev", "in Gilchrist, Oregon": a one-word name the tagger called a
/// person, listed with a place the gazetteer knows, is a place too (not
/// one named in full elsewhere as a person: "Joseph Stalin … with Stalin
/// and Moscow").
/// Returns the places it read so, known to no gazetteer (their vote
/// outweighs a bare name's elsewhere in the document).
fn list_places(cx: &Ctx, cands: &mut [Cand]) -> Vec<bool> {
    let mut listed = vec![false; cands.len()];
    let known_place = |c: &Cand| {
        c.etype == EntityType::Place && c.form == MentionForm::Name && is_place(cx, c.a, c.b)
    };
    let surnames: HashSet<&str> = cands
        .iter()
        .filter(|c| c.etype == EntityType::Person && c.b >= c.a + 2)
        .map(|c| cx.w(c.b - 1))
        .collect();
    let lone_person = |c: &Cand| {
        c.etype == EntityType::Person
            && c.form == MentionForm::Name
            && c.b == c.a + 1
            && c.ta == c.a
            && !cx.flag(c.a, GIVEN)
            && !surnames.contains(cx.w(c.a))
    };
    let joins =
        |a: usize, b: usize| a < b && (a..b).all(|k| matches!(cx.lw(k), "," | "and" | "or"));
    // the runs of names joined by commas, "and", "or"
    let mut i = 0;
    while i < cands.len() {
        let mut j = i;
        while j + 1 < cands.len()
            && cands[j + 1].sentence == cands[i].sentence
            && joins(cands[j].b, cands[j + 1].ta.min(cands[j + 1].a))
        {
            j += 1;
        }
        let first = cands[i].ta.min(cands[i].a);
        let prep = first > 0 && {
            let p = cx.lw(first - 1);
            cx.an.ml.place_preps.contains(p) || matches!(p, "from" | "of")
        };
        // (two names joined by a comma alone are a town and its region,
        // "in Gilchrist, Oregon", or a fronted phrase and the clause's
        // subject, "Originally from Indiana, Barger hesitated": only the
        // first takes the second's type)
        let conj =
            (cands[i].b..cands[j].ta.min(cands[j].a)).any(|k| matches!(cx.lw(k), "and" | "or"));
        let town_region = j == i + 1 && !conj && known_place(&cands[j]);
        if j > i && prep && (town_region || conj && cands[i..=j].iter().any(known_place)) {
            for k in i..=j {
                if lone_person(&cands[k]) && (conj || k == i) {
                    cands[k].etype = EntityType::Place;
                    cands[k].gender = None;
                }
                listed[k] = cands[k].etype == EntityType::Place && !known_place(&cands[k]);
            }
        }
        i = j + 1;
    }
    listed
}

/// Words `a..b`, lower-cased and joined by single spaces.
fn lower_key(cx: &Ctx, a: usize, b: usize) -> String {
    let mut key = String::with_capacity(32);
    for k in a..b {
        if k > a {
            key.push(' ');
        }
        key.push_str(cx.lw(k));
    }
    key
}

/// Types a capitalised chunk `a..b`, or rejects it.
fn classify(cx: &Ctx, si: usize, a: usize, b: usize, _first_word: usize) -> Option<Cand> {
    let an = cx.an;
    let names = &an.names;
    let whole_place = is_place(cx, a, b);
    if whole_place && b - a >= 2 {
        return Some(Cand {
            a,
            b,
            etype: EntityType::Place,
            form: MentionForm::Name,
            sentence: si,
            ta: a,
            gender: None,
            cut: 0,
        });
    }
    // titles in front, with the first words of compound titles ("Grand
    // Duke", "Brigadier General", "Field Marshal") and after sides, which
    // are left out of the mention ("Confederate General", "British Field
    // Marshal")
    let mut a = a;
    let modifier = |k: usize| -> Option<bool> {
        an.ml
            .title_modifiers
            .get(cx.lw(k))
            .copied()
            .or_else(|| names.demonyms.contains(cx.w(k)).then_some(false))
    };
    let mut m = a;
    while m < b && modifier(m).is_some() {
        m += 1;
    }
    if m > a && m < b && cx.is_title(m) {
        while a < m && modifier(a) == Some(false) {
            a += 1;
        }
    }
    let mut ta = a;
    let mut gender = None;
    // ("Lieutenant-Colonel", "Major-General", "Commander-in-Chief": titles
    // joined by hyphens, with lower-case words between, are one title: the
    // token after it, if any)
    let hyphen_joined = |a: usize| -> Option<usize> {
        if a == ta || cx.w(a) != "-" || !cx.is_title(a - 1) {
            return None;
        }
        let mut k = a + 1;
        while k + 1 < b && cx.w(k) == cx.lw(k) && cx.w(k + 1) == "-" && cx.glued(k + 1) {
            k += 2;
        }
        // ("Chief" of "Commander-in-Chief" is a title modifier)
        (k + 1 < b && cx.glued(k) && (cx.is_title(k) || modifier(k).is_some())).then_some(k + 1)
    };
    while a < b
        && (cx.is_title(a)
            || (a + 1 < b && modifier(a) == Some(true) && (a + 1..b).any(|k| cx.is_title(k))))
    {
        if let Some(g) = names.titles.get(cx.w(a)) {
            if g != "-" {
                gender = Some(g.clone());
            }
        }
        a += 1;
        if let Some(k) = hyphen_joined(a) {
            a = k;
        }
    }
    if a >= b {
        return None; // only titles: handled as a description when after "the"
    }
    // "Secretary of State Madeleine Albright", "Minister of Foreign Affairs
    // Igor Ivanov": the title's complement runs up to a given name.
    let after_title_of = if a > ta {
        cx.lw(a) == "of"
    } else {
        a >= 2 && cx.lw(a - 1) == "of" && cx.is_title(a - 2)
    };
    if after_title_of {
        if let Some(k) = (a + 1..b.saturating_sub(1)).find(|&k| names.given.contains_key(cx.w(k))) {
            if a == ta {
                ta = k;
            }
            a = k;
        }
    }
    if a > ta && !(cx.is_cap(a)) {
        ta = a;
    }
    let first = cx.w(a);
    let last = cx.w(b - 1);
    let n = b - a;
    // (the tagger's place continued past a one-word place into the doer —
    // "In Mexico Trotsky lived" — is no vote for the doer)
    let split_from_place =
        a > 0 && cx.ent(a) == "I-LOC" && cx.ent(a - 1).ends_with("LOC") && is_place(cx, a - 1, a);
    let vote = |t: &str| {
        (a..b)
            .filter(|&k| cx.ent(k).ends_with(t) && !(k == a && split_from_place))
            .count()
    };
    let (per, loc, org, misc) = (vote("PER"), vote("LOC"), vote("ORG"), vote("MISC"));
    let mk = |etype: EntityType| -> Option<Cand> {
        Some(Cand {
            a,
            b,
            etype,
            form: MentionForm::Name,
            sentence: si,
            ta,
            gender: gender.clone(),
            cut: 0,
        })
    };
    // "St Elizabeth's Church", "Ford's Theatre", "King William's Town": a
    // name's possessive before a facility noun or a place head names a
    // building or a town, a place, titles and all
    if n >= 3
        && matches!(cx.w(b - 2), "'s" | "’s")
        && (an.ml.facility_nouns.contains(cx.lw(b - 1)) || an.ml.place_heads.contains(last))
    {
        return Some(Cand {
            a: ta,
            ..mk(EntityType::Place)?
        });
    }
    if ta < a || person_cue(cx, ta, b) {
        return mk(EntityType::Person);
    }
    // Nationalities joined by hyphens are an adjective, not a name
    // ("German-American mathematician", "the Anglo-French alliance"), nor
    // is a combining form before its hyphen ("Sino" of "Sino-Korean").
    if n == 1 && combining_form(cx, a) {
        return None;
    }
    if n >= 3
        && (a..b).any(|k| cx.w(k) == "-")
        && (a..b).all(|k| {
            let w = cx.w(k);
            w == "-" || names.demonyms.contains(w) || combining_form(cx, k)
        })
    {
        return None;
    }
    // "the city of Vyatka"
    if a >= 2 && cx.lw(a - 1) == "of" && an.ml.place_nouns.contains(cx.lw(a - 2)) {
        return mk(EntityType::Place);
    }
    // "Fort Sumter", "Mount Vernon", "Lake Ladoga"; "Saint-Ouen",
    // "Sainte-Chapelle" (`Saint-` as written there: hyphen-joined)
    let hyphened = n >= 3 && cx.w(a + 1) == "-" && cx.glued(a + 1) && cx.glued(a + 2);
    if n >= 2 && an.ml.place_first.contains(first)
        || hyphened && an.ml.place_first.contains(format!("{first}-").as_str())
    {
        return mk(EntityType::Place);
    }
    // "the rue Dauphine", "quai de Béthune" (as written: lower case)
    let lead = |k: usize| k > 0 && an.ml.street_leads.contains(cx.w(k - 1));
    if lead(a) || (a >= 2 && lead(a - 1) && an.names.particles.contains(cx.lw(a - 1))) {
        return mk(EntityType::Place);
    }
    let is_event_prefix = n >= 2 && names.event_prefixes.contains(first);
    let single_unknown = |w: &str| !an.tok.in_vocab(w);
    if is_event_prefix && first != "Treaty" {
        return mk(EntityType::EventName);
    }
    if n >= 3 && an.ml.work_first.contains(first) && (a..b).any(|k| cx.w(k) == "of") {
        return mk(EntityType::Work);
    }
    // "X of Y" is headed by X: "Volunteer Army of General Denikin" is a
    // body, whatever Y names (a Commission for Combat of Counter-Revolution
    // is no revolution).
    if let Some(p) = (a + 1..b.saturating_sub(1)).find(|&k| cx.w(k) == "of") {
        let head = cx.w(p - 1);
        if names.org_heads.contains(head) {
            return mk(EntityType::Organization);
        }
        // ... and "Declaration of the Rights of Man", "Three Principles of
        // the People" are works.
        if an.ml.work_heads.contains(head) || an.ml.work_first.contains(head) {
            return mk(EntityType::Work);
        }
    }
    if names.event_heads.contains(last) && (n >= 2 || single_unknown(last)) {
        return mk(EntityType::EventName);
    }
    // "Hue City", "German Empire", "Black Sea"
    if n >= 2 && an.ml.place_heads.contains(last) {
        return mk(EntityType::Place);
    }
    if an.ml.work_heads.contains(last) && (n >= 2 || single_unknown(last)) {
        return mk(EntityType::Work);
    }
    if names.org_heads.contains(last)
        && (n >= 2 || last.chars().all(char::is_uppercase) || single_unknown(last) || org > 0)
    {
        return mk(EntityType::Organization);
    }
    // a body named after its members: "National Democrats", "Kentucky
    // Democrats", "Left Socialists"
    if n >= 2 && names.groups.contains(last) && !(a..b).any(|k| cx.w(k) == "of") {
        return mk(EntityType::Organization);
    }
    // groups: Bolsheviks, Stalinists, Freikorps
    if n == 1 && b < cx.toks.len() {
        if let Some(&part) = an.ml.group_nouns.get(cx.w(b)) {
            if part && !names.demonyms.contains(first) {
                return Some(Cand {
                    b: b + 1,
                    ..mk(EntityType::Group)?
                });
            }
            if !part
                && (names.demonyms.contains(first)
                    || first.ends_with("ist")
                    || cx.upos(a) == "PROPN")
            {
                return mk(EntityType::Group);
            }
        }
    }
    // "North Americans", "Anglo-Americans", "Bosnian Serbs": a name ending
    // in a people's plural names that people (not "the Congress of
    // Americans")
    if n >= 2
        && last
            .strip_suffix('s')
            .is_some_and(|d| names.demonyms.contains(d))
        && !(a..b).any(|k| cx.lw(k) == "of")
        && !(a..b).any(|k| names.org_heads.contains(cx.w(k)))
    {
        return mk(EntityType::Group);
    }
    if n == 1 {
        // ("the Burgundians": a plural after "the" names a group, whatever
        // the entity tagger said)
        let after_the = a > 0 && cx.lw(a - 1) == "the" && first.ends_with('s');
        let is_group = names.groups.contains(first)
            || first
                .strip_suffix('s')
                .is_some_and(|d| names.demonyms.contains(d))
            || (first.chars().count() >= 6
                && names
                    .group_suffixes
                    .iter()
                    .any(|s| first.ends_with(s.as_str()))
                && !names.places.contains(&first.to_lowercase())
                && (per == 0 || after_the));
        if is_group {
            return mk(EntityType::Group);
        }
        let prev = if a > 0 { cx.lw(a - 1) } else { "" };
        if an.ml.work_heads.contains(first) && matches!(prev, "his" | "her" | "their" | "'s" | "’s")
        {
            return mk(EntityType::Work);
        }
        if names.demonyms.contains(first)
            && matches!(prev, "a" | "an")
            && matches!(cx.upos(a), "NOUN" | "PROPN")
        {
            return mk(EntityType::Group);
        }
        if names.demonyms.contains(first) {
            // "Trotskyist" as a noun names a group; "Soviet" alone is no mention
            if first.ends_with("ist") && cx.upos(a) == "NOUN" {
                return mk(EntityType::Group);
            }
            // a possessor is a noun: "the Bolshevik's victory"
            if prev == "the" && matches!(cx.w(b), "'s" | "’s") {
                return mk(EntityType::Group);
            }
            return None;
        }
        if cx.upos(a) == "ADJ" && per + loc + org == 0 {
            return None;
        }
    }
    // a lone given name between "the" and a common noun modifies the noun
    // ("the Julian calendar", "the Victoria Cross"): no person
    if modifier_name(cx, a, b) {
        return None;
    }
    // a single common word that the POS tagger does not call a proper noun
    if n == 1 && cx.upos(a) != "PROPN" && an.tok.in_vocab(first) && !names.given.contains_key(first)
    {
        return None;
    }
    let place = is_place(cx, a, b);
    // a country is a place, whatever organisation the tagger saw in it
    // ("Hungary signed", "the Czech Republic joined")
    if per == 0 && an.ml.countries.contains(&cx.slice(a, b).to_lowercase()) {
        return mk(EntityType::Place);
    }
    // a nationality before a place names a place ("British India",
    // "German East-Asia", "Russian Poland")
    if n >= 2 && names.demonyms.contains(first) && names.places.contains(&last.to_lowercase()) {
        return mk(EntityType::Place);
    }
    // a given name with a regnal number ("Leopold II", "Louis XVI") is a
    // sovereign, whatever the tagger made of the numeral
    if n == 2 && is_regnal_number(last) && is_sovereign_name(cx, a) {
        return mk(EntityType::Person);
    }
    if per > 0 && per >= loc.max(org) {
        return mk(EntityType::Person);
    }
    if loc > 0 && loc >= org {
        return mk(EntityType::Place);
    }
    if org > 0 {
        return mk(EntityType::Organization);
    }
    // A given name owning something ("Julia's death", "Daniel's book"): a
    // person, the tagger's silence notwithstanding (not one a gazetteer
    // knows: "Argentina's first division").
    let owner = matches!(cx.w(b), "'s" | "’s");
    if n == 1 && owner && !place && per + loc + org + misc == 0 && names.given.contains_key(first) {
        return mk(EntityType::Person);
    }
    if place {
        return mk(EntityType::Place);
    }
    if names.given.contains_key(first) && n >= 2 {
        return mk(EntityType::Person);
    }
    if misc > 0 {
        if n >= 2 {
            return mk(EntityType::Work);
        }
        return None;
    }
    // untagged capitalised words: proper nouns only
    // (the hyphens and inner particles of "Aix-en-Provence" are no words)
    let propn = (a..b).filter(|&k| cx.upos(k) == "PROPN").count();
    let words = (a..b).filter(|&k| !cx.glued(k) || cx.is_cap(k)).count();
    // A lower-case word glued between hyphens and capitals is a name's
    // particle, whatever the tagger made of the words: after a place
    // preposition, a place.
    let particle = (a + 1..b)
        .any(|k| cx.glued(k) && cx.w(k - 1) == "-" && cx.w(k).chars().all(char::is_lowercase));
    if particle && a > 0 && an.ml.place_preps.contains(cx.lw(a - 1)) {
        return mk(EntityType::Place);
    }
    if (propn * 2 > words || particle) && !(n == 1 && an.tok.in_vocab(first)) {
        if n == 1 && first.chars().all(char::is_uppercase) && first.len() >= 2 {
            return mk(EntityType::Organization);
        }
        return mk(EntityType::Person);
    }
    // an unknown capitalised word acting as a subject ("Rayner had been…",
    // "Youssoupoff later wrote…"): the taggers often miss a surname that
    // opens a sentence
    if n == 1 && unknown_subject(cx, a) {
        return mk(EntityType::Person);
    }
    None
}

/// Whether the name over tokens `a..b` stands where only a person's name
/// does ("… was born", "the son of …": `person_cues.tsv`). (Not a name in
/// capitals, a body's or a numeral: "The VI was born 9/23/06".)
fn person_cue(cx: &Ctx, a: usize, b: usize) -> bool {
    let ml = &cx.an.ml;
    // (most names have no cue word beside them: a look-up or four)
    let near = ml.person_cue_words.contains(cx.lw(b))
        || (1..=3).any(|n| a >= n && ml.person_cue_words.contains(cx.lw(a - n)));
    let spelt = || (a..b).any(|k| cx.w(k).chars().skip(1).any(char::is_lowercase));
    near && spelt()
        && ml.person_cues.iter().any(|(before, cue)| {
            let start = if *before {
                match a.checked_sub(cue.len()) {
                    Some(s) => s,
                    None => return false,
                }
            } else {
                b
            };
            cue.iter().enumerate().all(|(j, w)| cx.lw(start + j) == w)
        })
}

/// A capitalised word of four letters or more that no training corpus
/// knows, written like a name (not in capitals), followed by a verb (or an
/// adverb and a verb).
fn unknown_subject(cx: &Ctx, k: usize) -> bool {
    let w = cx.w(k);
    let letters = w.chars().count();
    if letters < 4
        || !w.chars().all(char::is_alphabetic)
        || !w.chars().skip(1).all(char::is_lowercase)
        || cx.an.tok.in_vocab(w)
        || cx.an.ml.non_names.contains(w)
        || cx
            .an
            .ml
            .common_suffixes
            .iter()
            .any(|s| w.len() > s.len() + 2 && w.ends_with(s.as_str()))
    {
        return false;
    }
    let verb = |j: usize| matches!(cx.upos(j), "VERB" | "AUX");
    verb(k + 1) || (cx.upos(k + 1) == "ADV" && verb(k + 2))
}

/// The alias pattern and its evidence span, when a mention came from one.
type AliasHow = Option<(String, Span)>;

/// Union-find over mention indices.
struct Dsu(Vec<usize>);
impl Dsu {
    fn find(&mut self, x: usize) -> usize {
        let mut r = x;
        while self.0[r] != r {
            r = self.0[r];
        }
        let mut x = x;
        while self.0[x] != r {
            let n = self.0[x];
            self.0[x] = r;
            x = n;
        }
        r
    }
    fn union(&mut self, a: usize, b: usize) {
        let (ra, rb) = (self.find(a), self.find(b));
        if ra != rb {
            // keep the earlier mention as root
            let (lo, hi) = if ra < rb { (ra, rb) } else { (rb, ra) };
            self.0[hi] = lo;
        }
    }
}

/// `s` with each run of whitespace as one space and none at either end
/// (`split_whitespace` joined by spaces, in one allocation).
fn single_spaced(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for w in s.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(w);
    }
    out
}

/// `s.to_lowercase()` into `out` (reused; ASCII without the general rules).
fn lower_into(s: &str, out: &mut String) {
    out.clear();
    if s.is_ascii() {
        out.push_str(s);
        out.make_ascii_lowercase();
    } else {
        out.push_str(&s.to_lowercase());
    }
}

/// The words of each candidate with a letter or digit, as slices of one
/// buffer (no Vec per candidate).
fn words_of<'a>(cx: &Ctx<'a>, cands: &[Cand], flat: &'a mut Vec<&'a str>) -> Vec<&'a [&'a str]> {
    let mut ends = Vec::with_capacity(cands.len());
    for c in cands {
        flat.extend(
            (c.a..c.b)
                .map(|k| cx.w(k))
                .filter(|w| w.chars().any(char::is_alphanumeric)),
        );
        ends.push(flat.len());
    }
    let flat: &'a [&'a str] = flat;
    let mut start = 0;
    ends.into_iter()
        .map(|e| {
            let s = &flat[start..e];
            start = e;
            s
        })
        .collect()
}

fn resolve(cx: &Ctx, sents: &[Sentence], mut cands: Vec<Cand>) -> (Vec<Mention>, Vec<LocalEntity>) {
    let an = cx.an;
    let listed = list_places(cx, &mut cands);
    let n = cands.len();
    let mut dsu = Dsu((0..n).collect());
    let mut how: Vec<Option<(String, Span)>> = vec![None; n];
    // --- alias patterns: NAME <cue> NAME2 ---
    let named: Vec<usize> = (0..n)
        .filter(|&i| cands[i].form == MentionForm::Name)
        .collect();
    let mut between: Vec<&str> = Vec::new();
    for (pos, &i) in named.iter().enumerate() {
        let c = cands[i].position();
        // tokens between previous mention end and this mention start
        let Some(&prev) = pos.checked_sub(1).and_then(|p| named.get(p)) else {
            continue;
        };
        let p = cands[prev].position();
        if p.sentence != c.sentence || p.b > c.ta {
            continue;
        }
        between.clear();
        between.extend(
            (p.b..c.ta)
                .map(|k| cx.lw(k))
                .filter(|w| !matches!(*w, "," | "(" | "the" | ":" | "“" | "\"" | "”")),
        );
        // a title of a place set off by a comma after a person's name is
        // that person's style: "Mary, Queen of Scots", "Edward, Prince of
        // Wales" (the title inside the mention, read as its title, or
        // left before it)
        let t = if c.ta < c.a {
            c.ta
        } else if c.a >= 2 && cx.lw(c.a - 1) == "of" {
            c.a - 2
        } else {
            c.a
        };
        // (or right after the name, without the comma: "Mary Queen of
        // Scots", "Richard Duke of York" — then the mention is the whole
        // title, which stands in the name's noun phrase)
        let glued_style = p.b == t;
        let styled = (p.etype == EntityType::Person || (p.b == p.a + 1 && cx.flag(p.a, GIVEN)))
            && c.etype == EntityType::Person
            && ((p.b + 1 == t && cx.w(p.b) == ",") || glued_style)
            && c.b > t + 2
            && cx.lw(t + 1) == "of"
            && an.ml.style_titles.contains(cx.lw(t));
        if styled {
            if glued_style {
                cands[i].a = t;
                cands[i].ta = t;
            }
            cands[prev].etype = EntityType::Person;
            dsu.union(prev, i);
            how[i] = Some((
                "style".to_string(),
                Span::new(cx.toks[p.a].span.start, cx.toks[c.b - 1].span.end),
            ));
            continue;
        }
        if between.is_empty() {
            // acronym: "International Left Opposition (ILO)"
            continue;
        }
        // "was born", "is also known as"
        let skip = between
            .iter()
            .take_while(|w| {
                matches!(
                    **w,
                    "was" | "is" | "also" | "then" | "originally" | "had" | "been" | "his" | "her"
                )
            })
            .count();
        let between = &between[skip..];
        // a dated phrase may stand before the cue ("… Congress in early
        // 1934 — the so-called Congress of Victors")
        let skippable = |ws: &[&str]| {
            ws.iter().any(|w| w.chars().all(|ch| ch.is_ascii_digit()))
                && ws.iter().all(|w| {
                    an.ml.alias_skip.contains(*w) || w.chars().all(|ch| ch.is_ascii_digit())
                })
        };
        // a cue opening with a comma wants one right after the first name
        // (", called": "Trotsky called Stalin a traitor" is no alias)
        let comma_first = p.b < c.ta && cx.w(p.b) == ",";
        let hit = an
            .ml
            .alias_cues
            .iter()
            .find(|(cue, _)| match cue.split_first() {
                Some((first, rest)) if first == "," => comma_first && *rest == between[..],
                _ => *cue == between[..],
            })
            .or_else(|| {
                an.ml.alias_cues.iter().find(|(cue, _)| {
                    between.len() > cue.len()
                        && between[between.len() - cue.len()..] == cue[..]
                        && skippable(&between[..between.len() - cue.len()])
                })
            });
        // a place renamed after a person of the document ("Vyatka was
        // renamed Kirov") keeps the person's name apart
        let honours_person = |kind: &str| {
            kind == "renamed"
                && c.b == c.a + 1
                && cands.iter().enumerate().any(|(j, o)| {
                    j != i
                        && o.etype == EntityType::Person
                        && o.b > o.a
                        && cx.w(o.b - 1) == cx.w(c.a)
                })
        };
        // a body renamed is a new body under the new name ("the ILO was
        // renamed to the International Communist League": the events stage
        // founds it), not another name of the old one; places and buildings
        // keep one identity through their names (Petrograd, Leningrad; the
        // Mariinsky Theatre, the Kirov Theatre)
        let new_body = |kind: &str| {
            kind == "renamed"
                && matches!(p.etype, EntityType::Organization | EntityType::Group)
                && !an.ml.facility_nouns.contains(cx.lw(p.b - 1))
        };
        if let Some((_, kind)) = hit.filter(|(_, k)| !honours_person(k) && !new_body(k)) {
            // a person's birth or real name is a name whatever the tagger
            // typed it ("Kirov was born Kostrikov", Kostrikov read as a place)
            let personal_cue = p.etype == EntityType::Person
                && matches!(kind.as_str(), "born" | "byname" | "real_name" | "pseudonym")
                && matches!(
                    c.etype,
                    EntityType::Place | EntityType::Organization | EntityType::Person
                );
            let bodies = !matches!(p.etype, EntityType::Person)
                && !matches!(c.etype, EntityType::Person | EntityType::Work);
            // ("Dragutin Dimitrijević, called Apis": a one-word nickname
            // is a name whatever the tagger typed it)
            let one_word_nickname =
                kind == "nickname" && p.etype == EntityType::Person && c.b == c.a + 1;
            let target_ok = c.etype == p.etype
                || c.etype == EntityType::Person
                || one_word_nickname
                || kind == "renamed"
                || (kind == "known_as" && bodies)
                || personal_cue;
            if target_ok && p.etype != EntityType::Work {
                cands[i].etype = p.etype;
                dsu.union(prev, i);
                how[i] = Some((
                    kind.clone(),
                    Span::new(cx.toks[p.a].span.start, cx.toks[c.b - 1].span.end),
                ));
            }
        }
    }
    // nickname patterns with pronouns / descriptions: "referred to him ... as the Old Man",
    // "called him “Our Friend”", "Grishka, as his enemies called him"
    let mut extra: Vec<Cand> = Vec::new();
    let mut extra_how: Vec<(String, Span)> = Vec::new();
    for (si, s) in sents.iter().enumerate() {
        let (a, b) = s.tokens;
        let b = b.min(cx.toks.len());
        let mut k = a;
        while k < b {
            let lw = cx.lw(k);
            if matches!(lw, "called" | "referred" | "nicknamed" | "dubbed") {
                // find "him/her" within 2 tokens, then "as"? then the nickname
                let mut j = k + 1;
                if j < b && cx.lw(j) == "to" {
                    j += 1;
                }
                if j < b && matches!(cx.lw(j), "him" | "her") {
                    let pron = j;
                    j += 1;
                    // "called him simply “Mironych”"
                    while j < b && cx.lw(j).ends_with("ly") && cx.upos(j) == "ADV" {
                        j += 1;
                    }
                    // skip up to 6 tokens to "as" when "referred"
                    if lw == "referred" {
                        match (j..b.min(j + 8)).find(|&x| cx.lw(x) == "as") {
                            Some(x) => j = x + 1,
                            None => {
                                k += 1;
                                continue;
                            }
                        }
                    }
                    let q = j < b && is_open_quote(cx.w(j));
                    if q {
                        j += 1;
                    }
                    let start = j;
                    if j < b && cx.lw(j) == "the" {
                        j += 1;
                    }
                    if j < b && cx.is_cap(j) {
                        let mut e = j;
                        while e < b && (cx.is_cap(e) || (e > j && cx.w(e) == "of")) {
                            e += 1;
                        }
                        if e > j {
                            // replace any candidate over the nickname
                            let mut c =
                                cand(si, start, e, EntityType::Person, MentionForm::Description);
                            c.gender = an.names.pronouns.get(cx.lw(pron)).cloned();
                            extra.push(c);
                            extra_how.push(("nickname".into(), cx.span(k, e)));
                            k = e;
                            continue;
                        }
                    }
                }
            }
            k += 1;
        }
    }
    // "X is a nickname" / "X, as his enemies called him": nickname before the cue
    for (si, s) in sents.iter().enumerate() {
        let (a, b) = s.tokens;
        let b = b.min(cx.toks.len());
        for k in a..b {
            let lw = cx.lw(k);
            let inverse =
                (lw == "nickname" && k >= a + 2 && matches!(cx.lw(k - 1), "a" | "his" | "her"))
                    || (lw == "called"
                        && k + 1 < b
                        && matches!(cx.lw(k + 1), "him" | "her")
                        && (a..k).any(|x| cx.lw(x) == "as"));
            if !inverse {
                continue;
            }
            // the capitalised name at the sentence start (optionally "The ...")
            let mut j = a;
            let start = j;
            if cx.lw(j) == "the" {
                j += 1;
            }
            let mut e = j;
            while e < k && cx.is_cap(e) {
                e += 1;
            }
            if e > j && e <= k {
                let c = cand(si, start, e, EntityType::Person, MentionForm::Description);
                extra.push(c);
                extra_how.push(("nickname".into(), cx.span(start, k + 1)));
            }
            break;
        }
    }
    // merge extras: they replace overlapping candidates
    let mut nick_of: Vec<Option<(String, Span)>> = vec![None; n];
    if !extra.is_empty() {
        let mut all: Vec<(Cand, AliasHow, AliasHow)> = Vec::new();
        let mut old: Vec<(Cand, Option<(String, Span)>)> = cands.into_iter().zip(how).collect();
        for (c, h) in extra.into_iter().zip(extra_how) {
            old.retain(|(o, _)| !(o.a < c.b && c.a < o.b));
            all.push((c, None, Some(h)));
        }
        for (c, h) in old {
            all.push((c, h, None));
        }
        all.sort_by_key(|(c, _, _)| c.a);
        cands = Vec::with_capacity(all.len());
        how = Vec::with_capacity(all.len());
        nick_of = Vec::with_capacity(all.len());
        for (c, h, nk) in all {
            cands.push(c);
            how.push(h);
            nick_of.push(nk);
        }
        // recompute unions for alias patterns after re-indexing: rerun simply
        let n2 = cands.len();
        dsu = Dsu((0..n2).collect());
        for i in 0..n2 {
            if how[i].is_some() {
                // the alias joins the closest preceding named mention in its sentence
                if let Some(p) = (0..i).rev().find(|&p| {
                    cands[p].sentence == cands[i].sentence && cands[p].form == MentionForm::Name
                }) {
                    dsu.union(p, i);
                }
            }
        }
    }
    let n = cands.len();
    // --- acronyms: NAME ( ACR ) ---
    for i in 0..n {
        let c = cands[i].position();
        if c.form != MentionForm::Name || c.b + 2 >= cx.toks.len() {
            continue;
        }
        if cx.w(c.b) != "(" || cx.w(c.b + 2) != ")" {
            continue;
        }
        let acr = cx.w(c.b + 1);
        if acr.len() < 2 || !acr.chars().all(|ch| ch.is_uppercase()) {
            continue;
        }
        let initials: String = (c.a..c.b)
            .map(|k| cx.w(k))
            .filter(|w| w.chars().next().is_some_and(char::is_uppercase))
            .filter_map(|w| w.chars().next())
            .collect();
        if initials == acr {
            if let Some(j) = (i + 1..n).find(|&j| cands[j].a == c.b + 1) {
                cands[j].form = MentionForm::Acronym;
                cands[j].etype = c.etype;
                dsu.union(i, j);
                how[j] = Some(("acronym".into(), cx.span(c.a, c.b + 3)));
            } else {
                let mut ac = cand(c.sentence, c.b + 1, c.b + 2, c.etype, MentionForm::Acronym);
                ac.gender = None;
                cands.push(ac);
                how.push(Some(("acronym".into(), cx.span(c.a, c.b + 3))));
                nick_of.push(None);
                dsu.0.push(cands.len() - 1);
                let j = cands.len() - 1;
                dsu.union(i, j);
            }
        }
    }
    // keep document order after possible pushes
    let n = cands.len();
    let mut order: Vec<usize> = (0..n).collect();
    order.sort_by_key(|&i| (cands[i].a, cands[i].b));
    // --- exact names, acronyms used later, partial names ---
    // mention text with whitespace runs (newlines, no-break spaces) as one space
    let mut text_of: Vec<String> = cands
        .iter()
        .map(|c| {
            let sp = cx.span(c.a, c.b);
            single_spaced(Span::new(sp.start, sp.end - c.cut.min(sp.len())).slice(cx.text))
        })
        .collect();
    // Whether each candidate stands where only a person's name does
    // (spans do not change below).
    let cued: Vec<bool> = cands
        .iter()
        .map(|c| person_cue(cx, c.ta.min(c.a), c.b))
        .collect();
    // Surnames of full names whose given name has a sex: (surname, sex).
    let full_sexes: HashSet<(&str, &str)> = cands
        .iter()
        .filter(|c| c.form == MentionForm::Name && c.etype == EntityType::Person && c.b >= c.a + 2)
        .filter_map(|c| {
            let g = an
                .names
                .given
                .get(cx.w(c.a))
                .map(String::as_str)
                .filter(|g| is_sex(g))?;
            Some((cx.w(c.b - 1), g))
        })
        .collect();
    // "Madame Curie" and a bare "Curie" are not one family by their words
    // when the text names a man "Pierre Curie" too: the bare surname is
    // left to the full names ("fuller" below), the title keeps its sex.
    let title_apart = |c: &Cand| -> Option<&'static str> {
        let g = match c.gender.as_deref() {
            Some("male") if c.ta < c.a => "male",
            Some("female") if c.ta < c.a => "female",
            _ => return None,
        };
        let other = if g == "male" { "female" } else { "male" };
        full_sexes.contains(&(cx.w(c.b - 1), other)).then_some(g)
    };
    // one family: the same surface text is one entity whatever the tagger said
    let mut seen: HashMap<String, usize> = HashMap::default();
    let mut key = String::new();
    for &i in &order {
        let c = cands[i].position();
        if c.form == MentionForm::Pronoun {
            continue;
        }
        lower_into(&text_of[i], &mut key);
        if let Some(g) = title_apart(&cands[i]) {
            key.push('\0');
            key.push_str(g);
        }
        // (a sovereign's title and a lesser one keep one name apart: "Tsar
        // Nicholas" and "Grand Duke Nicholas")
        match seen.get(key.as_str()).filter(|&&j| {
            !matches!((sovereign_title(cx, &c), sovereign_title(cx, &cands[j])), (Some(x), Some(y)) if x != y)
        }) {
            Some(&j) => {
                if c.form == MentionForm::Name && cands[j].form == MentionForm::Acronym {
                    cands[i].form = MentionForm::Acronym;
                }
                if c.form == MentionForm::Name && cands[j].form == MentionForm::Description {
                    cands[i].form = MentionForm::Description;
                }
                // (a name where only a person's stands — "… was born" —
                // makes the whole family a person's)
                if c.form == MentionForm::Name && c.etype == EntityType::Person && cued[i] {
                    cands[j].etype = EntityType::Person;
                }
                if cands[i].form != MentionForm::Name
                    || cands[j].etype == c.etype
                    || c.etype == EntityType::Person
                {
                    cands[i].etype = cands[j].etype;
                }
                dsu.union(j, i)
            }
            None => {
                seen.insert(key.clone(), i);
            }
        }
    }
    // nickname descriptions join the pronoun's antecedent: resolved with pronouns below
    // partial person names
    let mut flat_words = Vec::new();
    let person_words: Vec<&[&str]> = words_of(cx, &cands, &mut flat_words);
    // Candidates one of whose family (the same surface so far) bears a
    // title no sovereign bears ("Grand Duke Nicholas … Nicholas planned"):
    // none of them is a sovereign's name ("Nicholas II").
    let lesser_roots: HashSet<usize> = (0..cands.len())
        .filter(|&k| sovereign_title(cx, &cands[k]) == Some(false))
        .map(|k| dsu.find(k))
        .collect();
    let lesser_family: Vec<bool> = (0..cands.len())
        .map(|k| lesser_roots.contains(&dsu.find(k)))
        .collect();
    // positions in `order` of the candidates by last and by first word
    let mut by_last: HashMap<&str, Vec<usize>> = HashMap::default();
    let mut by_first: HashMap<&str, Vec<usize>> = HashMap::default();
    for (p, &j) in order.iter().enumerate() {
        if let (Some(f), Some(l)) = (person_words[j].first(), person_words[j].last()) {
            by_last.entry(l).or_default().push(p);
            by_first.entry(f).or_default().push(p);
            // (a compound surname under its first surname too)
            let first_surname = paternal(an, person_words[j]);
            if let Some(&m) = first_surname.last().filter(|m| *m != l) {
                by_last.entry(m).or_default().push(p);
            }
            // (and under the surname before a generational suffix:
            // "King" of "Martin Luther King Jr.")
            let bare = unsuffixed(an, person_words[j]);
            if let Some(&m) = bare.last().filter(|m| *m != l) {
                by_last.entry(m).or_default().push(p);
            }
        }
    }
    // Per component (by root): the first words of the full personal names
    // in it. A surname whose uses are already one person's ("Francisco I.
    // Madero" … "Madero") joins no full name with another first name
    // ("Raúl Madero, brother of President Madero"): that would make the
    // brothers one person.
    // (an other name the text gives, "Lumumba was born Élias
    // Okit'Asombo", is no other first name of the person's uses)
    let mut firsts_of: HashMap<usize, Vec<&str>> = HashMap::default();
    for k in 0..cands.len() {
        if cands[k].form == MentionForm::Name
            && how[k].is_none()
            && person_words[k].len() >= 2
            && person_like(an, &cands, &person_words, k)
        {
            firsts_of
                .entry(dsu.find(k))
                .or_default()
                .push(person_words[k][0]);
        }
    }
    for (oi, &i) in order.iter().enumerate() {
        let c = &cands[i];
        let wi = &person_words[i];
        if c.form != MentionForm::Name || how[i].is_some() || wi.is_empty() {
            continue;
        }
        let retype = c.etype != EntityType::Person;
        if retype && wi.len() != 1 {
            continue;
        }
        let root_i = dsu.find(i);
        // earlier fuller names ending with these words (surname match);
        // both tests need the same last word: only those candidates are read
        // A surname the tagger read as a person also claims a fuller name
        // it took for a place or a body when that name is shaped like a
        // person's ("Zapata" … "Emiliano Zapata"): two or three plain
        // capitalised words, none a head or designator of places, bodies,
        // works or buildings, opening with a word the tagger's vocabulary
        // does not know (a foreign given name; "Fort Washington", "Mount
        // Vernon" open with English words).
        let person_shaped = |j: usize| {
            let wj = &person_words[j];
            !retype
                && (2..=3).contains(&wj.len())
                && !an.tok.in_vocab(wj[0])
                // (a verb opens a title, not a name: "Retrying Galileo")
                && cx.upos(cands[j].a) != "VERB"
                && wj.iter().all(|w| {
                    if !(w.chars().next().is_some_and(char::is_uppercase)
                        && w.chars().all(char::is_alphabetic)
                        && !an.names.org_heads.contains(*w)
                        && !an.ml.work_heads.contains(*w)
                        && !an.ml.non_names.contains(*w))
                    {
                        return false;
                    }
                    let l = w.to_lowercase();
                    !an.ml.place_nouns.contains(&l)
                        && !an.ml.facility_nouns.contains(&l)
                        && !an.ml.lower_designators.contains_key(&l)
                })
        };
        let fuller = |j: usize| {
            let cj = &cands[j];
            let wj = &person_words[j];
            // ("Diego Silang" of "Diego Silang y Andaya")
            let wp = paternal(an, wj);
            let ws = unsuffixed(an, wj);
            // ("Mrs. Kennedy" is not "John F. Kennedy"; asked last)
            let other_sex = || {
                let gj = cj.gender.as_deref().or_else(|| {
                    wj.first()
                        .and_then(|f| an.names.given.get(*f))
                        .map(String::as_str)
                        .filter(|g| is_sex(g))
                });
                matches!((c.gender.as_deref(), gj), (Some(x), Some(y)) if x != y)
            };
            cj.form == MentionForm::Name
                && ((wj.len() > wi.len() && (wj.ends_with(wi) || drops_middle(wj, wi)))
                    || initials_of(wj, wi)
                    || (ws.len() < wj.len() && ws.len() > wi.len() && ws.ends_with(wi))
                    || (wp.len() < wj.len()
                        && wp.len() >= wi.len()
                        && (wp.ends_with(wi) || drops_middle(wp, wi))))
                && (person_like(an, &cands, &person_words, j) || person_shaped(j))
                && !other_sex()
        };
        let same_last = by_last.get(wi[wi.len() - 1]).map_or(&[][..], Vec::as_slice);
        let split = same_last.partition_point(|&p| p < oi);
        let earlier: Vec<usize> = same_last[..split]
            .iter()
            .rev()
            .map(|&p| order[p])
            .filter(|&j| fuller(j))
            .collect();
        let mut best: Option<usize> = earlier.first().copied();
        // Two people of that surname named before ("Abraham Lincoln and
        // his wife Mary … Mary Lincoln … Lincoln never woke up"): the one
        // named more often so far; on a tie the first named (a relative is
        // brought in after the person the text is about).
        if earlier.len() > 1 {
            let roots: Vec<usize> = earlier.iter().map(|&j| dsu.find(j)).collect();
            if roots.iter().any(|&r| r != roots[0]) {
                let mut named: HashMap<usize, usize> = HashMap::default();
                for &k in &order[..oi] {
                    let r = dsu.find(k);
                    if roots.contains(&r) {
                        *named.entry(r).or_default() += 1;
                    }
                }
                let count = |r: &usize| named.get(r).copied().unwrap_or(0);
                let top = roots.iter().map(count).max().unwrap_or(0);
                best = earlier
                    .iter()
                    .zip(&roots)
                    .rev()
                    .find(|(_, r)| count(r) == top)
                    .map(|(&j, _)| j);
            }
        }
        // or a later full name ("Trotsky ... Leon Trotsky") when nothing earlier
        if best.is_none() {
            best = same_last[split..]
                .iter()
                .filter(|&&p| p > oi)
                .map(|&p| order[p])
                .find(|&j| fuller(j));
        }
        // A full name with a middle name after the same name without it
        // (a page's heading "Patrice Lumumba", then "Patrice Émery Lumumba
        // (2 July 1925 – …)"): one person, whatever the heading was read as.
        if best.is_none() && wi.len() >= 3 {
            let shorter = same_last[..split].iter().map(|&p| order[p]).find(|&j| {
                cands[j].form == MentionForm::Name
                    && how[j].is_none()
                    && drops_middle(wi, person_words[j])
                    && dsu.find(j) != root_i
            });
            if let Some(j) = shorter {
                cands[j].etype = EntityType::Person;
                dsu.union(j, i);
                continue;
            }
            // (or with one more surname after it, when the shorter name is
            // a heading, a line of its own: "Emiliano Zapata", then
            // "Emiliano Zapata Salazar (8 August 1879 – …)"; not so in
            // running text, where "George Washington Carver" is not George
            // Washington)
            let prefix = &wi[..wi.len() - 1];
            let heading = order[..oi].iter().copied().find(|&j| {
                cands[j].form == MentionForm::Name
                    && how[j].is_none()
                    && person_words[j] == prefix
                    && dsu.find(j) != root_i
                    && sents.get(cands[j].sentence).is_some_and(|s| {
                        let (a, b) = s.tokens;
                        let a0 = cands[j].ta.min(cands[j].a);
                        (a..a0)
                            .chain(cands[j].b..b.min(cx.toks.len()))
                            .all(|k| !cx.w(k).chars().any(char::is_alphanumeric))
                    })
            });
            if let Some(j) = heading {
                cands[j].etype = EntityType::Person;
                dsu.union(j, i);
                continue;
            }
        }
        // a lone given name: the unique person whose full name starts with
        // it; in a list of bare names ("three children, Dmitri, Maria and
        // Varvara") people are introduced: only a full name told after
        // the list may be theirs ("Maria Rasputin" later on)
        if best.is_none() && wi.len() == 1 {
            let introduced = in_name_list(cx, &cands, &order, oi);
            // (a given name before "and" and a full name shares its
            // surname: "Nicolae and Elena Ceaușescu" is Nicolae Ceaușescu,
            // not another Nicolae of the page)
            let shared = (cx.lw(c.b) == "and")
                .then(|| {
                    cands.iter().enumerate().find(|(k, x)| {
                        x.a == c.b + 1
                            && x.etype == EntityType::Person
                            && person_words[*k].len() >= 2
                            && cx.flag(x.a, GIVEN)
                    })
                })
                .flatten()
                .and_then(|(k, _)| person_words[k].last().map(|l| unaccented(l)));
            // (a title that no sovereign bears keeps the name off a
            // sovereign's: "Grand Duke Nicholas" is not "Nicholas II",
            // "Tsar Nicholas" is)
            let lesser_title = lesser_family[i];
            let fits: Vec<usize> = by_first
                .get(wi[0])
                .map_or(&[][..], Vec::as_slice)
                .iter()
                .map(|&p| order[p])
                .filter(|&j| {
                    j != i
                        && (!introduced || cands[j].a > c.a)
                        && !(lesser_title
                            && person_words[j].last().is_some_and(|l| is_regnal_number(l)))
                        && person_like(an, &cands, &person_words, j)
                        && cands[j].form == MentionForm::Name
                        && person_words[j].len() >= 2
                        && shared.as_ref().is_none_or(|sn| {
                            person_words[j].last().is_some_and(|l| unaccented(l) == *sn)
                        })
                })
                .collect();
            let roots: HashSet<usize> = fits.iter().map(|&j| dsu.find(j)).collect();
            // (the one named so far wins over people named only later:
            // "Friedrich von Schlegel … Friedrich died … Friedrich the Great")
            let earlier: HashSet<usize> = fits
                .iter()
                .filter(|&&j| cands[j].a < c.a)
                .map(|&j| dsu.find(j))
                .collect();
            if earlier.len() == 1 {
                best = earlier.into_iter().next();
            } else if roots.len() == 1 {
                best = roots.into_iter().next();
            }
        }
        // a possessive whose apostrophe was lost in scraping ("Trotskys
        // plans"): the name without the final s is a person of this document
        // and the "s" form is no one's surname ("Robin Williams")
        let mut cut = 0;
        if best.is_none() && wi.len() == 1 && c.b == c.a + 1 && !retype {
            let stem = wi[0]
                .strip_suffix('s')
                .filter(|st| st.chars().count() >= 3 && !st.ends_with('s'));
            let next_lower = cx.w(c.b).chars().next().is_some_and(char::is_lowercase);
            let after_the = c.a > 0 && cx.lw(c.a - 1) == "the";
            let own_surname = by_last
                .get(wi[0])
                .is_some_and(|ps| ps.iter().any(|&p| person_words[order[p]].len() >= 2));
            if let (Some(stem), true, false, false) = (stem, next_lower, after_the, own_surname) {
                let same = by_last.get(stem).map_or(&[][..], Vec::as_slice);
                let split = same.partition_point(|&p| p < oi);
                let ok = |&j: &usize| {
                    person_like(an, &cands, &person_words, j)
                        && matches!(cands[j].form, MentionForm::Name | MentionForm::Partial)
                };
                best = same[..split]
                    .iter()
                    .rev()
                    .map(|&p| order[p])
                    .find(ok)
                    .or_else(|| same[split..].iter().map(|&p| order[p]).find(ok));
                cut = best.map_or(0, |_| 1);
            }
        }
        if retype && best.is_some_and(|j| person_words[j].first() == wi.first()) {
            continue; // "Leon" of a place is not "Leon Trotsky"
        }
        if let Some(j) = best {
            let root_j = dsu.find(j);
            // (An initial is compatible with the name it abbreviates.)
            let same_first = |a: &str, b: &str| {
                a == b
                    || ((is_initial(a) || is_initial(b))
                        && a.chars().next().map(|c| c.to_lowercase().to_string())
                            == b.chars().next().map(|c| c.to_lowercase().to_string()))
            };
            // (A first word inside the fuller name is no other first name
            // when only the fuller name's first word is dropped: "Julius
            // Caesar" of "Gaius Julius Caesar"; "Haile Selassie" is not
            // "Ras Imru Haile Selassie".)
            let other_person = person_words[j].len() >= 2
                && firsts_of.get(&root_i).is_some_and(|fs| {
                    !fs.iter().any(|f| {
                        same_first(f, person_words[j][0])
                            || (wi.len() >= 2
                                && person_words[j].len() == wi.len() + 1
                                && person_words[j][1..].contains(f))
                    })
                });
            if root_j != root_i && !other_person {
                // (A fuller name claimed by its person-shape is a person's.)
                if !retype && cands[j].etype != EntityType::Person {
                    cands[j].etype = EntityType::Person;
                }
                cands[i].form = MentionForm::Partial;
                cands[i].etype = EntityType::Person;
                cands[i].cut = cut;
                if cut > 0 {
                    let sp = cx.span(cands[i].a, cands[i].b);
                    text_of[i] = Span::new(sp.start, sp.end - cut.min(sp.len()))
                        .slice(cx.text)
                        .to_string();
                }
                dsu.union(j, i);
                let root = dsu.find(i);
                let mut fs = firsts_of.remove(&root_i).unwrap_or_default();
                fs.extend(firsts_of.remove(&root_j).unwrap_or_default());
                if person_words[j].len() >= 2 && !fs.contains(&person_words[j][0]) {
                    fs.push(person_words[j][0]);
                }
                firsts_of.insert(root, fs);
            }
        }
    }
    // the other uses of a name cut as a lost-apostrophe possessive join it
    // with the same cut ("Kirovs" everywhere is "Kirov")
    let cut_texts: HashSet<String> = (0..cands.len())
        .filter(|&i| cands[i].cut > 0)
        .map(|i| cx.slice(cands[i].a, cands[i].b).to_string())
        .collect();
    if !cut_texts.is_empty() {
        for i in 0..cands.len() {
            let c = &cands[i];
            if c.cut == 0
                && c.b == c.a + 1
                && c.form == MentionForm::Name
                && cut_texts.contains(cx.slice(c.a, c.b))
            {
                let sp = cx.span(c.a, c.b);
                cands[i].cut = 1;
                cands[i].form = MentionForm::Partial;
                cands[i].etype = EntityType::Person;
                text_of[i] = Span::new(sp.start, sp.end - 1.min(sp.len()))
                    .slice(cx.text)
                    .to_string();
            }
        }
    }
    // --- a full name misspelt in the same page ("Gavrilo Princip" …
    // "Gavrillo Princip", "Lee Harvey Oswald" … "Lee Harvy Oswald"): the
    // same words but one a single edit away, that word not the given name
    // unless it is long (a short given name one letter off is someone
    // else's: "John" / "Joan")
    {
        let full: Vec<usize> = order
            .iter()
            .copied()
            .filter(|&i| {
                cands[i].form == MentionForm::Name
                    && person_words[i].len() >= 2
                    && how[i].is_none()
                    && person_like(an, &cands, &person_words, i)
            })
            .collect();
        // (names one word apart share their first or their last word: only
        // those are compared, so that a page of thousands of names is not
        // read pair by pair)
        let mut by_end: HashMap<(usize, bool, &str), Vec<usize>> = HashMap::default();
        for &i in &full {
            let w = &person_words[i];
            by_end.entry((w.len(), true, w[0])).or_default().push(i);
            by_end
                .entry((w.len(), false, w[w.len() - 1]))
                .or_default()
                .push(i);
        }
        let mut pairs: Vec<(usize, usize)> = by_end
            .values()
            .flat_map(|v| {
                v.iter()
                    .enumerate()
                    .flat_map(move |(x, &i)| v[..x].iter().map(move |&j| (j, i)))
            })
            .collect();
        // (in document order, whatever the map's: the unions are the same
        // either way, but the order of reading stays reproducible)
        pairs.sort_unstable();
        pairs.dedup();
        for (j, i) in pairs {
            let (wi, wj) = (&person_words[i], &person_words[j]);
            if dsu.find(i) == dsu.find(j) {
                continue;
            }
            let mut differ = (0..wi.len()).filter(|&k| wi[k] != wj[k]);
            let (Some(k), None) = (differ.next(), differ.next()) else {
                continue;
            };
            let shorter = wi[k].chars().count().min(wj[k].chars().count());
            if (k > 0 || shorter >= 6)
                && shorter >= 4
                && wi[k].chars().next() == wj[k].chars().next()
                && one_edit(wi[k], wj[k])
            {
                dsu.union(j, i);
            }
        }
    }
    // --- components so far ---
    let mut comp_of: HashMap<usize, usize> = HashMap::default();
    let mut comps: Vec<Vec<usize>> = Vec::new();
    for &i in &order {
        if cands[i].form == MentionForm::Pronoun {
            continue;
        }
        // nickname descriptions and descriptions without a name are
        // resolved below like pronouns (unless joined to a name)
        let r = dsu.find(i);
        let k = *comp_of.entry(r).or_insert_with(|| {
            comps.push(Vec::new());
            comps.len() - 1
        });
        comps[k].push(i);
    }
    // gender and titles per component
    let mut comp_gender: Vec<Option<String>> = vec![None; comps.len()];
    let mut comp_titles: Vec<HashSet<String>> = vec![HashSet::default(); comps.len()];
    let mut comp_type: Vec<EntityType> = vec![EntityType::Person; comps.len()];
    let mut comp_has_name_v: Vec<bool> = vec![false; comps.len()];
    for (k, ms) in comps.iter().enumerate() {
        // (type, votes): a handful of types, read in a line
        let mut votes: Vec<(EntityType, usize)> = Vec::new();
        let mut vote = |t: EntityType, v: usize| match votes.iter_mut().find(|x| x.0 == t) {
            Some(x) => x.1 += v,
            None => votes.push((t, v)),
        };
        for &i in ms {
            let c = &cands[i];
            if matches!(
                c.form,
                MentionForm::Name | MentionForm::Partial | MentionForm::Acronym
            ) {
                comp_has_name_v[k] = true;
            }
            // a full personal name ("Sergei Kirov") outweighs the tagger's
            // reading of the bare surname as a place
            // (not a place's or a body's name opening with a word that is
            // also a given name: "German Empire", "Hue City")
            let headed = person_words[i]
                .last()
                .is_some_and(|l| an.ml.place_heads.contains(*l) || an.names.org_heads.contains(*l));
            // (nor a place the gazetteer names whole: "the convent of
            // Santa Maria sopra Minerva" — "Santa" is also a given name)
            let gazetteer_place = c.etype == EntityType::Place && is_place(cx, c.a, c.b);
            let full_person = c.form == MentionForm::Name
                && (c.ta < c.a
                    || (person_words[i].len() >= 2
                        && !headed
                        && !gazetteer_place
                        && an.names.given.contains_key(person_words[i][0])));
            if full_person || (c.form == MentionForm::Name && cued[i]) {
                vote(EntityType::Person, 1000);
            }
            let listed = listed.get(i).copied().unwrap_or(false);
            vote(
                c.etype,
                match c.form {
                    _ if listed => 3,
                    MentionForm::Name => 2,
                    _ => 1,
                },
            );
            for t in c.ta..c.a {
                comp_titles[k].insert(cx.w(t).to_lowercase());
            }
            if comp_gender[k].is_none() {
                if let Some(g) = &c.gender {
                    comp_gender[k] = Some(g.clone());
                }
            }
        }
        // most votes, ties to the first type in `EntityType` order
        comp_type[k] = votes
            .iter()
            .min_by_key(|(t, v)| (std::cmp::Reverse(*v), *t))
            .map(|x| x.0)
            .unwrap_or_default();
        // A one-word gazetteer place the tagger read as a person, with
        // nothing of a person about it (no title, no gender, no given
        // name) and placed by a preposition somewhere ("at Savannah",
        // "towards Volodymyr-Volynskyi"), is the place.
        if comp_type[k] == EntityType::Person
            && comp_gender[k].is_none()
            && comp_titles[k].is_empty()
            && votes.iter().all(|(_, v)| *v < 1000)
        {
            let names: Vec<usize> = ms
                .iter()
                .copied()
                .filter(|&i| matches!(cands[i].form, MentionForm::Name | MentionForm::Partial))
                .collect();
            // (or a town name's ending: "settled in Stanleyville")
            let one_word_place = |i: usize| {
                let l = text_of[i].to_lowercase();
                !text_of[i].contains(' ')
                    && (an.names.places.contains(&l)
                        || an
                            .ml
                            .place_suffixes
                            .iter()
                            .any(|x| l.len() > x.len() + 2 && l.ends_with(x.as_str())))
            };
            let placed = |i: usize| {
                let a = cands[i].ta.min(cands[i].a);
                a > 0 && an.ml.place_preps.contains(cx.lw(a - 1))
            };
            // (a country needs no preposition: "Tanzania expelled …")
            let country = |i: usize| an.ml.countries.contains(&text_of[i].to_lowercase());
            if !names.is_empty()
                && names.iter().all(|&i| one_word_place(i))
                && (names.iter().any(|&i| placed(i)) || names.iter().all(|&i| country(i)))
            {
                comp_type[k] = EntityType::Place;
            }
        }
        if comp_gender[k].is_none() && comp_type[k] == EntityType::Person {
            comp_gender[k] = guess_gender(cx, &cands, &person_words, ms);
        }
        if comp_type[k] == EntityType::Group {
            comp_gender[k] = Some("plural".into());
        }
    }
    // components named with a regnal number ("Nicholas II")
    let comp_regnal: Vec<bool> = comps
        .iter()
        .map(|ms| {
            ms.iter().any(|&i| {
                let w = &person_words[i];
                cands[i].form == MentionForm::Name
                    && w.len() >= 2
                    && w.last().is_some_and(|l| is_regnal_number(l))
            })
        })
        .collect();
    // token starts of possessors ("Trotsky's", "Trotskys" cut)
    let possessor: HashSet<usize> = cands
        .iter()
        .filter(|c| c.cut > 0 || matches!(cx.w(c.b), "'s" | "’s" | "'" | "’"))
        .map(|c| c.a)
        .collect();
    // named persons by their first token (for cataphora)
    let person_at: HashMap<usize, usize> = cands
        .iter()
        .enumerate()
        .filter(|(_, c)| c.etype == EntityType::Person && c.form == MentionForm::Name)
        .map(|(j, c)| (c.ta.min(c.a), j))
        .collect();
    // --- pronouns, nickname descriptions, titled descriptions ---
    // salience: walk the document; remember person components by last mention
    let mut assign: HashMap<usize, usize> = HashMap::default(); // cand -> comp
                                                                // components named at least once by a name of two words or more
    let comp_full_name: Vec<bool> = comps
        .iter()
        .map(|ms| {
            ms.iter()
                .any(|&i| cands[i].form == MentionForm::Name && person_words[i].len() >= 2)
        })
        .collect();
    // (comp, sentence, token)
    let mut history: Vec<(usize, usize, usize)> = Vec::new();
    // the sentence of the latest comment signature read (see below)
    let mut barrier = 0usize;
    for &i in &order {
        let c = &cands[i];
        let root = dsu.find(i);
        let comp = comp_of.get(&root).copied();
        let needs = c.form == MentionForm::Pronoun
            || ((c.form == MentionForm::Description) && comp.is_some_and(|k| !comp_has_name_v[k]));
        if !needs {
            // A name in a menu or a footer ("RT Shop", "Follow RT") is no
            // antecedent of the article's pronouns.
            let boiler = sents
                .get(c.sentence)
                .is_some_and(|s| s.region == RegionKind::Boilerplate);
            // Nor is a reader's signature, a comment's line holding only
            // its author's name ("Andrés V."): the writer is "I", and
            // "Spare a thought for General Prats. *He* went into exile"
            // is Prats.
            let signature = sents.get(c.sentence).is_some_and(|s| {
                let blank = [' ', '\t', '\r'];
                s.region == RegionKind::Comment && s.tokens.0 == c.ta.min(c.a) && {
                    let sp = cx.span(c.ta.min(c.a), c.b);
                    let before = cx.text[..sp.start].trim_end_matches(blank);
                    let after = cx.text[sp.end..].trim_start_matches(blank);
                    (before.is_empty() || before.ends_with('\n'))
                        && (after.is_empty() || after.starts_with('\n'))
                }
            });
            if signature {
                // (a new comment: the pronouns after it read back no
                // further than its signature)
                barrier = barrier.max(c.sentence);
            }
            if let Some(k) = comp {
                if comp_type[k] == EntityType::Person && comp_has_name_v[k] && !boiler && !signature
                {
                    history.push((k, c.sentence, c.a));
                }
            }
            continue;
        }
        // titled description: the person bearing that title
        if c.form == MentionForm::Description && nick_of[i].is_none() {
            let title = cx.lw(c.b - 1);
            let hit = history
                .iter()
                .rev()
                .find(|(k, _, _)| comp_titles[*k].contains(title))
                .map(|x| x.0);
            // "the Tsar" with no one titled so: the ruler with a regnal
            // name, the latest mentioned, else the only one of the document
            let hit = hit.or_else(|| {
                if !an.ml.sovereigns.contains(title) {
                    return None;
                }
                let fits = |k: usize| {
                    comp_regnal[k]
                        && comp_type[k] == EntityType::Person
                        && match (&c.gender, &comp_gender[k]) {
                            (Some(x), Some(y)) => x == y,
                            _ => true,
                        }
                };
                history
                    .iter()
                    .rev()
                    .map(|h| h.0)
                    .find(|&k| fits(k))
                    .or_else(|| {
                        let all: Vec<usize> = (0..comps.len()).filter(|&k| fits(k)).collect();
                        (all.len() == 1).then(|| all[0])
                    })
            });
            if let Some(k) = hit {
                assign.insert(i, k);
                history.push((k, c.sentence, c.a));
            }
            continue;
        }
        let g = c.gender.clone();
        let compatible = |k: usize| -> bool {
            match (&g, &comp_gender[k]) {
                (Some(a), Some(b)) => a == b,
                (Some(_), None) => true,
                _ => true,
            }
        };
        // subject preference: in the current sentence the first compatible person
        // before the pronoun, else the first person of the closest previous sentence
        let mut pick = None;
        // history is in document order: read back only the last few sentences
        let recent_from = history.partition_point(|h| h.1 + 4 < c.sentence || h.1 < barrier);
        let recent = &history[recent_from..];
        // an object pronoun is not bound by the subject of its own clause
        // ("Stalin sent him north": him is someone else), taken as the first
        // person after the last clause break that is not a possessor
        // ("Trotsky's arrogance won him few friends": him is Trotsky)
        let object = matches!(cx.lw(c.a), "him" | "them");
        let sent_start = sents.get(c.sentence).map_or(0, |s| s.tokens.0);
        let clause_start = (sent_start..c.a)
            .rev()
            .find(|&t| cx.flag(t, CLAUSE_BREAK))
            .map_or(sent_start, |t| t + 1);
        // A reflexive whose clause opens with a common noun's article
        // stands for that noun's unnamed referent: "the man arrested for
        // killing him was *himself* killed" is no one named.
        if matches!(cx.lw(c.a), "himself" | "herself") {
            let first = (clause_start..c.a).find(|&t| cx.w(t).chars().any(char::is_alphanumeric));
            let unnamed = first.is_some_and(|t| {
                matches!(cx.lw(t), "the" | "a" | "an")
                    && !cands.iter().any(|o| {
                        o.form != MentionForm::Pronoun && o.ta.min(o.a) <= t + 1 && o.b > t + 1
                    })
            });
            if unnamed {
                continue;
            }
        }
        let subject = recent
            .iter()
            .find(|h| {
                h.1 == c.sentence && h.2 >= clause_start && h.2 < c.a && !possessor.contains(&h.2)
            })
            .map(|h| h.2);
        let bound = |h: &(usize, usize, usize)| object && subject == Some(h.2);
        // People inside a fronted prepositional phrase with no verb before
        // the pronoun are not its antecedent: "With Guyton de Morveau,
        // Berthollet and Fourcroy *he* published the Méthode"
        // (`fronted_subordinators.txt` holds the prepositions too).
        let prep_opener = (sent_start..c.a)
            .find(|&t| cx.lw(t).chars().any(char::is_alphanumeric))
            .filter(|&t| {
                cx.an.ml.fronted.contains(cx.lw(t))
                    && cx.upos(t) == "ADP"
                    && !(t..c.a).any(|k| matches!(cx.upos(k), "VERB" | "AUX"))
            });
        let in_fronted = |h: &(usize, usize, usize)| prep_opener.is_some_and(|t| h.2 > t);
        let cur = || {
            recent
                .iter()
                .filter(|h| h.1 == c.sentence && h.2 < c.a && !bound(h) && !in_fronted(h))
        };
        let strict = |k: usize| g.is_some() && comp_gender[k].as_ref() == g.as_ref();
        // (a person of no known sex yet named there by a given name alone
        // of the pronoun's sex: "Mary was born at Linlithgow, the child of
        // James V and his wife, Mary of Guise. Her father died …" is Mary)
        let given_sex = |h: &&(usize, usize, usize)| {
            g.is_some()
                && comp_gender[h.0].is_none()
                && an.names.given.get(cx.w(h.2)).filter(|x| is_sex(x)) == g.as_ref()
        };
        // Cataphora: the subject pronoun of a fronted subordinate clause
        // is the person named right after the clause's comma ("Before he
        // died, Steve Jobs gave ...").
        let opener = (sent_start..c.a).find(|&t| cx.lw(t).chars().any(char::is_alphanumeric));
        if matches!(cx.lw(c.a), "he" | "she")
            && opener.is_some_and(|t| t + 1 == c.a && cx.an.ml.fronted.contains(cx.lw(t)))
        {
            let end = sents
                .get(c.sentence)
                .map_or(c.a, |s| s.tokens.1.min(cx.toks.len()));
            let comma = (c.a + 1..end.min(c.a + 16)).find(|&t| cx.w(t) == ",");
            let named = comma
                .and_then(|t| person_at.get(&(t + 1)))
                .and_then(|&j| comp_of.get(&dsu.find(j)).copied())
                .filter(|&k| comp_type[k] == EntityType::Person && compatible(k));
            if named.is_some() {
                pick = named;
            }
        }
        // (a person told before the sentence's first verb, its subject,
        // wins over one in a later phrase of a closer sentence: "Dorothea
        // … They visited the salons of Rahel Levin … she moved")
        // (in an earlier sentence opening with a fronted clause, the
        // subject is the main clause's, after the clause's comma: "After
        // Gheorghe Gheorghiu-Dej died in 1965, Nicolae Ceaușescu became the
        // leader. In 1974 he made himself President" is Ceaușescu)
        let subject_like = |h: &&(usize, usize, usize)| {
            let (start, end) = sents.get(h.1).map_or((0, 0), |s| s.tokens);
            let end = end.min(cx.toks.len());
            let start = if h.1 == c.sentence {
                start
            } else {
                (start..end)
                    .find(|&t| cx.lw(t).chars().any(char::is_alphanumeric))
                    .filter(|&t| cx.an.ml.fronted.contains(cx.lw(t)))
                    .and_then(|t| (t..end.min(t + 24)).find(|&k| cx.w(k) == ","))
                    .map_or(start, |k| k + 1)
            };
            h.2 >= start && !(start..h.2).any(|t| matches!(cx.upos(t), "VERB" | "AUX"))
        };
        // In its own sentence, the sentence's subject of no known gender
        // wins over a later person of the pronoun's gender as the subject
        // of a later clause: "Princip fired the shots that killed Franz
        // Ferdinand, yet *he* got a prison term" (a possessive binds nearer:
        // "the daughter of Otto Frank and *his* wife").
        // (not the subject of a fronted clause: "When Hitler came to power,
        // Otto concluded that *his* family …")
        let fronted_end = opener
            .filter(|&t| cx.an.ml.fronted.contains(cx.lw(t)))
            .and_then(|t| (t..c.a).find(|&k| cx.w(k) == ","));
        if let Some(h) = cur()
            .filter(|_| pick.is_none())
            .find(|h| {
                matches!(cx.lw(c.a), "he" | "she")
                    && compatible(h.0)
                    && subject_like(h)
                    && comp_full_name[h.0]
                    && fronted_end.is_none_or(|e| h.2 > e)
            })
            .or_else(|| cur().find(|h| strict(h.0)))
            .or_else(|| cur().find(|h| compatible(h.0)))
        {
            pick = Some(h.0);
        }
        if pick.is_none() {
            'phases: for subjects_only in [true, false] {
                for back in 1..=4usize {
                    let Some(s) = c.sentence.checked_sub(back) else {
                        break;
                    };
                    let prev = || {
                        recent
                            .iter()
                            .filter(|h| h.1 == s)
                            .filter(|h| !subjects_only || subject_like(h))
                    };
                    // (a subject of unknown gender named in full too:
                    // "Galileo Galilei was born in Pisa, the son of
                    // Vincenzo Galilei. He was appointed …" is Galileo; a
                    // bare surname is weaker: "Youssoupoff later wrote …")
                    let found = prev().find(|h| strict(h.0) || given_sex(h)).or_else(|| {
                        prev().find(|h| compatible(h.0) && (!subjects_only || comp_full_name[h.0]))
                    });
                    if let Some(h) = found {
                        pick = Some(h.0);
                        break 'phases;
                    }
                }
            }
        }
        // nobody of the pronoun's sex in the last sentences (a reader's
        // comment opening "They picked him up"): the person of that sex
        // named most so far, the page's topic (on a tie the latest)
        // (not when the writer's own kin was told just before: "My father
        // spent five weeks in the stadium. They let *him* go" is no one
        // named)
        let own_kin = || {
            let from = sents
                .get(c.sentence.saturating_sub(1).max(barrier))
                .map_or(sent_start, |s| s.tokens.0);
            (from..c.a).any(|t| {
                matches!(cx.lw(t), "my" | "our") && cx.an.ml.descriptions.contains(cx.lw(t + 1))
            })
        };
        if pick.is_none() && !own_kin() {
            let mut count: HashMap<usize, usize> = HashMap::default();
            for h in history.iter().filter(|h| strict(h.0)) {
                *count.entry(h.0).or_default() += 1;
            }
            pick = history
                .iter()
                .rev()
                .filter(|h| strict(h.0))
                .max_by_key(|h| count.get(&h.0).copied().unwrap_or(0))
                .map(|h| h.0);
        }
        if let Some(k) = pick {
            assign.insert(i, k);
            if c.form == MentionForm::Pronoun {
                history.push((k, c.sentence, c.a));
            }
            if comp_gender[k].is_none() {
                if let Some(g) = &g {
                    comp_gender[k] = Some(g.clone());
                }
            }
            if nick_of[i].is_some() {
                // the nickname text is an alias of that person; later uses join too
                let key = text_of[i].to_lowercase();
                for &j in &order {
                    if j != i && text_of[j].to_lowercase() == key {
                        assign.insert(j, k);
                    }
                }
            }
        }
    }
    // --- build entities ---
    let mut ent_of_comp: HashMap<usize, usize> = HashMap::default();
    let mut entities: Vec<LocalEntity> = Vec::new();
    let mut mentions: Vec<Mention> = Vec::new();
    for &i in &order {
        let c = &cands[i];
        let comp = match assign.get(&i) {
            Some(&k) => Some(k),
            None => {
                if c.form == MentionForm::Pronoun {
                    None
                } else {
                    let k = comp_of.get(&dsu.find(i)).copied();
                    // a description never resolved stays out
                    k.filter(|&k| comp_has_name_v[k] || c.form == MentionForm::Name)
                }
            }
        };
        let Some(k) = comp else { continue };
        let e = *ent_of_comp.entry(k).or_insert_with(|| {
            entities.push(LocalEntity {
                etype: comp_type[k],
                gender: comp_gender[k].clone(),
                ..Default::default()
            });
            entities.len() - 1
        });
        let span = cx.span(c.a, c.b);
        let span = Span::new(span.start, span.end - c.cut.min(span.len()));
        let mi = mentions.len();
        mentions.push(Mention {
            span,
            text: text_of[i].clone(),
            etype: comp_type[k],
            form: c.form,
            entity: e,
            sentence: c.sentence,
        });
        let ent = &mut entities[e];
        ent.mentions.push(mi);
        if c.form != MentionForm::Pronoun {
            let alias = &text_of[i];
            if !ent.aliases.iter().any(|x| x.alias == *alias) {
                let alias = alias.clone();
                let h = how[i].as_ref().or(nick_of[i].as_ref());
                let (how_s, sp) = match (h, c.form) {
                    (Some((h, sp)), _) => (h.clone(), Some(*sp)),
                    (None, MentionForm::Partial) => ("partial".to_string(), None),
                    (None, MentionForm::Description) => ("description".to_string(), None),
                    _ => ("surface".to_string(), None),
                };
                ent.aliases.push(AliasEvidence {
                    alias,
                    how: how_s,
                    span: sp,
                });
            }
            // a name the scraper glued to the next word ("Smolnythe"): the
            // source's spelling, kept as a misspelling
            if matches!(c.form, MentionForm::Name | MentionForm::Partial)
                && c.cut == 0
                && c.b < cx.toks.len()
                && cx.glued(c.b)
                && cx
                    .w(c.b - 1)
                    .chars()
                    .last()
                    .is_some_and(char::is_alphabetic)
                && an.tok.glue_suffixes().iter().any(|g| g == cx.w(c.b))
            {
                let sp = cx.span(c.a, c.b + 1);
                let glued = sp.slice(cx.text).to_string();
                if !ent.aliases.iter().any(|x| x.alias == glued) {
                    ent.aliases.push(AliasEvidence {
                        alias: glued,
                        how: "misspelling".into(),
                        span: Some(sp),
                    });
                }
            }
            if c.ta < c.a {
                let titled = single_spaced(cx.slice(c.ta, c.b));
                if !ent.aliases.iter().any(|x| x.alias == titled) {
                    ent.aliases.push(AliasEvidence {
                        alias: titled,
                        how: "title".into(),
                        span: None,
                    });
                }
            }
        }
    }
    // entity names: the fullest surface name (not a birth name / alias)
    for ent in &mut entities {
        let mut best: Option<(usize, usize, &str)> = None; // (words, spelt out, text)
        for m in &ent.mentions {
            let mm = &mentions[*m];
            if !matches!(mm.form, MentionForm::Name | MentionForm::Partial) {
                continue;
            }
            let a = ent.aliases.iter().find(|x| x.alias == mm.text);
            if a.is_some_and(|x| !matches!(x.how.as_str(), "surface" | "partial")) {
                continue;
            }
            let nw = mm.text.split_whitespace().count();
            // (of two as long, the one spelling out more names: "Jefferson
            // Davis Tippit", not "J. D. Tippit")
            let spelt = mm
                .text
                .split_whitespace()
                .filter(|w| w.trim_end_matches('.').chars().count() > 1)
                .count();
            if best.is_none_or(|b| (nw, spelt) > (b.0, b.1)) {
                best = Some((nw, spelt, &mm.text));
            }
        }
        ent.name = match best {
            Some(b) => b.2.to_string(),
            None => ent
                .mentions
                .iter()
                .map(|m| &mentions[*m])
                .find(|m| m.form != MentionForm::Pronoun)
                .map(|m| m.text.clone())
                .unwrap_or_default(),
        };
    }
    (mentions, entities)
}

/// A person name: typed person, or a full personal name whatever the tagger
/// said ("Leon Trotsky" tagged as a place in a heading: given name first, or
/// a title in front).
fn person_like(an: &Analyzer, cands: &[Cand], words: &[&[&str]], j: usize) -> bool {
    let c = &cands[j];
    // (a building named after a person is not one: "Anne Frank House",
    // whatever the tagger made of it)
    let building = words[j].len() >= 2
        && words[j]
            .last()
            .is_some_and(|l| an.ml.facility_nouns.contains(&l.to_lowercase()));
    !building
        && (c.etype == EntityType::Person
            || (c.form == MentionForm::Name
                && (c.ta < c.a
                    || (words[j].len() >= 2 && an.names.given.contains_key(words[j][0])))))
}

/// True when the candidate at `order[oi]` is one of three or more one-word
/// names listed with commas and "and"/"or" ("Dmitri, Maria and Varvara").
fn in_name_list(cx: &Ctx, cands: &[Cand], order: &[usize], oi: usize) -> bool {
    let single = |p: usize| {
        let c = &cands[order[p]];
        c.form == MentionForm::Name && c.b == c.a + 1
    };
    // the candidates at positions p < q are neighbours in a list
    let linked = |p: usize, q: usize| {
        let (x, y) = (&cands[order[p]], &cands[order[q]]);
        x.sentence == y.sentence
            && x.b < y.a
            && y.a - x.b <= 2
            && (x.b..y.a).all(|k| matches!(cx.lw(k), "," | "and" | "or"))
    };
    if !single(oi) {
        return false;
    }
    let mut n = 1;
    let mut p = oi;
    while p > 0 && single(p - 1) && linked(p - 1, p) {
        n += 1;
        p -= 1;
    }
    let mut q = oi;
    while q + 1 < order.len() && single(q + 1) && linked(q, q + 1) {
        n += 1;
        q += 1;
    }
    n >= 3
}

/// A word that can carry a regnal number: a capitalised name that heads no
/// event, body or work and is no place ("World War II", "Vatican II").
fn is_sovereign_name(cx: &Ctx, k: usize) -> bool {
    let (names, w) = (&cx.an.names, cx.w(k));
    cx.is_cap(k)
        && !is_regnal_number(w)
        && !names.event_heads.contains(w)
        && !names.org_heads.contains(w)
        && !cx.an.ml.work_heads.contains(w)
        && !names.places.contains(cx.lw(k))
}

/// A regnal number in Roman figures ("II", "XVI").
fn is_regnal_number(w: &str) -> bool {
    (1..=6).contains(&w.len()) && w.chars().all(|ch| "IVXLC".contains(ch))
}

/// Whether the candidate's title is a sovereign's ("Tsar Nicholas":
/// `Some(true)`) or another ("Grand Duke Nicholas": `Some(false)`); `None`
/// without a title.
fn sovereign_title(cx: &Ctx, c: &Cand) -> Option<bool> {
    (c.ta < c.a).then(|| (c.ta..c.a).any(|k| cx.an.ml.sovereigns.contains(cx.lw(k))))
}

/// A person's name without the generational suffixes ending it
/// (`name_suffixes.txt`): "Martin Luther King" of "Martin Luther King Jr.".
fn unsuffixed<'a, 'b>(an: &Analyzer, words: &'b [&'a str]) -> &'b [&'a str] {
    let mut e = words.len();
    while e > 1 && an.names.name_suffixes.contains(words[e - 1]) {
        e -= 1;
    }
    &words[..e]
}

/// A person's name up to its first surname: "Diego Silang" of "Diego
/// Silang y Andaya" (a joiner after a given name and a surname), else the
/// whole name.
fn paternal<'a, 'b>(an: &Analyzer, words: &'b [&'a str]) -> &'b [&'a str] {
    let cut =
        (2..words.len().saturating_sub(1)).find(|&k| an.ml.surname_joiners.contains(words[k]));
    &words[..cut.unwrap_or(words.len())]
}

/// "Grigori Rasputin" within "Grigori Yefimovich Rasputin": same first and
/// last word, the rest a subsequence.
fn drops_middle(full: &[&str], short: &[&str]) -> bool {
    if short.len() < 2
        || full.len() <= short.len()
        || full[0] != short[0]
        || full.last() != short.last()
    {
        return false;
    }
    let mut it = full.iter();
    short.iter().all(|w| it.any(|f| f == w))
}

/// Whether `a` and `b` differ by exactly one edit: a letter added, dropped,
/// changed, or two neighbours swapped ("Gavrilo" / "Gavrillo", "Harvey" /
/// "Harvy"). (The knowledge base's edit distance, `osa_distance`, lives in
/// a later crate; this is the one question the text stage asks.)
fn one_edit(a: &str, b: &str) -> bool {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    if a == b || a.len().abs_diff(b.len()) > 1 {
        return false;
    }
    let p = a.iter().zip(&b).take_while(|(x, y)| x == y).count();
    let s = a[p..]
        .iter()
        .rev()
        .zip(b[p..].iter().rev())
        .take_while(|(x, y)| x == y)
        .count();
    let (ra, rb) = (
        a.len() - p - s.min(a.len() - p),
        b.len() - p - s.min(b.len() - p),
    );
    match (ra, rb) {
        (0, 1) | (1, 0) | (1, 1) => true,
        // two neighbours swapped
        (2, 2) => a[p] == b[p + 1] && a[p + 1] == b[p],
        _ => false,
    }
}

/// A one-letter word, with or without its dot ("J.", "D").
fn is_initial(w: &str) -> bool {
    w.trim_end_matches('.').chars().count() == 1
}

/// Whether `short` writes the given names of `full` as their initials:
/// "J. D. Tippit" of "Jefferson Davis Tippit", "J. Edgar Hoover" of "John
/// Edgar Hoover" (same surname, same number of names, at least one initial,
/// every other given name equal).
fn initials_of(full: &[&str], short: &[&str]) -> bool {
    let initial = |w: &str| is_initial(w) && w.starts_with(char::is_uppercase);
    let n = full.len();
    n >= 2
        && short.len() == n
        && full[n - 1] == short[n - 1]
        && short[..n - 1].iter().any(|w| initial(w))
        && full[..n - 1].iter().zip(&short[..n - 1]).all(|(f, s)| {
            f == s || (initial(s) && !initial(f) && f.chars().next() == s.chars().next())
        })
}

/// A given name's entry tells a sex ("male", "female"), not `either`
/// (given_names_extra.tsv: "Nicola", "Jean").
fn is_sex(g: &str) -> bool {
    matches!(g, "male" | "female")
}

/// Gender from given names and surname endings.
fn guess_gender(cx: &Ctx, cands: &[Cand], words: &[&[&str]], ms: &[usize]) -> Option<String> {
    for &i in ms {
        if cands[i].form != MentionForm::Name {
            continue;
        }
        let w = &words[i];
        // (a hyphenated given name opened by a name that tells nothing
        // there: the second part tells, "Marie-Georges")
        let a = cands[i].a;
        if w.len() >= 3 && cx.w(a + 1) == "-" && cx.an.ml.compound_given_neutral.contains(w[0]) {
            if let Some(g) = cx.an.names.given.get(w[1]).filter(|g| is_sex(g)) {
                return Some(g.clone());
            }
        }
        if w.len() >= 2 {
            if let Some(g) = cx.an.names.given.get(w[0]).filter(|g| is_sex(g)) {
                return Some(g.clone());
            }
        }
    }
    // A one-word name only ever placed by a preposition ("moved to
    // Nikolayev", "in Kirov") is more likely a town than a man: its ending
    // tells no gender.
    let placed = |i: usize| {
        let a = cands[i].ta.min(cands[i].a);
        a > 0 && cx.an.ml.town_preps.contains(cx.lw(a - 1))
    };
    if ms.iter().all(|&i| words[i].len() == 1 && placed(i)) {
        return None;
    }
    for &i in ms {
        let w = &words[i];
        if let Some(last) = w.last() {
            for (suf, g) in &cx.an.ml.surname_gender {
                if g != "-" && last.len() > suf.len() + 2 && last.ends_with(suf.as_str()) {
                    return Some(g.clone());
                }
            }
        }
    }
    None
}
