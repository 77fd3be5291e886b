//! Name knowledge kept as data (`resources/kb/`): curated aliases of one
//! referent, designators ("Institute", "Governorate"), droppable leading
//! modifiers ("Bolshoy") and a place gazetteer for correcting misspelt
//! place names. Parsed once.

use super::{osa_distance, NameKey, NameRules};
use std::collections::{BTreeMap, BTreeSet};
use std::sync::OnceLock;
use unicode_normalization::UnicodeNormalization;

const ALIASES: &str = include_str!("../../../../resources/kb/aliases.tsv");
const DESIGNATORS: &str = include_str!("../../../../resources/kb/designators.tsv");
const MODIFIERS: &str = include_str!("../../../../resources/kb/modifiers.txt");
const PLACES: &str = include_str!("../../../../resources/kb/places.txt");
/// The text stage's countries and continents (no given names among them),
/// shared: a country is never a person, whatever its events say.
const COUNTRIES: &str = include_str!("../../../../resources/text/countries.txt");

fn data_lines(s: &str) -> impl Iterator<Item = &str> {
    s.lines()
        .map(|l| l.trim_end_matches('\r'))
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
}

/// The parsed lexicons.
#[derive(Debug, Default)]
pub struct Lexicon {
    /// Non-person name key → row of `aliases.tsv`.
    alias_row: BTreeMap<String, usize>,
    /// Designator word → `None` for "contain", `Some(label)` for a synonym class.
    designators: BTreeMap<String, Option<String>>,
    modifiers: BTreeSet<String>,
    /// Designators whose members are named by the adjective before them
    /// ("Social Democratic Labour Party" → "Social Democrats").
    member: BTreeSet<String>,
    /// Designators of a numbered meeting of a body ("congress").
    session: BTreeSet<String>,
    /// Folded gazetteer names (all words) → surface form.
    places: BTreeMap<String, String>,
    /// Folded country and continent names.
    countries: BTreeSet<String>,
    /// Single-word gazetteer names, folded (sorted, each once).
    place_words: Vec<String>,
    /// Their deletion variants, as (hash of the variant, index into
    /// `place_words`), sorted. Hashes, not the variants' text: the index
    /// holds ~15 variants per word and is loaded by every build, so text
    /// keys cost megabytes; a look-up checks each candidate against the
    /// variant itself ([`is_variant`]), so a hash collision never adds one.
    place_deletions: Vec<(u64, u32)>,
}

impl Lexicon {
    /// The lexicons, parsed once.
    pub fn get() -> &'static Lexicon {
        static LEX: OnceLock<Lexicon> = OnceLock::new();
        LEX.get_or_init(Lexicon::parse)
    }

    fn parse() -> Lexicon {
        let mut lex = Lexicon::default();
        for l in data_lines(DESIGNATORS) {
            let mut it = l.split('\t');
            let (Some(w), Some(u)) = (it.next(), it.next()) else {
                continue;
            };
            let w = w.trim().to_lowercase();
            let u = u.trim();
            let v = u.strip_prefix('=').map(str::to_string);
            if u == "member" {
                lex.member.insert(w);
            } else if u == "session" {
                lex.session.insert(w);
            } else if v.is_some() || u == "contain" {
                lex.designators.insert(w, v);
            }
        }
        lex.modifiers = data_lines(MODIFIERS)
            .map(|l| l.trim().to_lowercase())
            .collect();
        // Alias rows are keyed like the names they will meet (non-person
        // keys, designator synonyms applied), hence after `designators`.
        for (row, l) in data_lines(ALIASES).enumerate() {
            for name in l.split('\t').map(str::trim).filter(|n| !n.is_empty()) {
                let k = NameKey::new(name, false).key();
                if !k.is_empty() {
                    lex.alias_row.entry(k).or_insert(row);
                }
            }
        }
        let rules = NameRules::get();
        lex.countries = data_lines(COUNTRIES)
            .map(|l| rules.fold(l.trim()))
            .collect();
        for l in data_lines(PLACES) {
            let name = l.trim();
            let f = rules.fold(name);
            if f.is_empty() {
                continue;
            }
            if !f.contains(' ') {
                lex.place_words.push(f.clone());
            }
            lex.places.entry(f).or_insert_with(|| name.to_string());
        }
        lex.place_words.sort_unstable();
        lex.place_words.dedup();
        for (i, w) in lex.place_words.iter().enumerate() {
            let i = u32::try_from(i).unwrap_or(u32::MAX);
            lex.place_deletions
                .extend(deletions1(w).iter().map(|v| (variant_hash(v), i)));
        }
        lex.place_deletions.sort_unstable();
        lex.place_deletions.shrink_to_fit();
        lex
    }

    /// The single-word gazetteer names (folded) that have `v` among their
    /// deletion variants ([`deletions1`]).
    fn places_with_variant(&self, v: &str) -> Vec<&str> {
        let h = variant_hash(v);
        let from = self.place_deletions.partition_point(|&(x, _)| x < h);
        self.place_deletions[from..]
            .iter()
            .take_while(|&&(x, _)| x == h)
            .filter_map(|&(_, i)| self.place_words.get(i as usize))
            .map(String::as_str)
            .filter(|g| is_variant(g, v))
            .collect()
    }

    /// The row of `aliases.tsv` a (non-person) name key belongs to.
    pub fn alias_row(&self, key: &str) -> Option<usize> {
        self.alias_row.get(key).copied()
    }

    /// `Some(None)`: a "contain" designator; `Some(Some(label))`: a
    /// designator of a synonym class; `None`: not a designator.
    pub fn designator(&self, word: &str) -> Option<Option<&str>> {
        self.designators.get(word).map(|v| v.as_deref())
    }

    pub fn is_modifier(&self, word: &str) -> bool {
        self.modifiers.contains(word)
    }

    /// True when the folded name is a gazetteer place (a city or country).
    pub fn is_place(&self, folded: &str) -> bool {
        self.places.contains_key(folded)
    }

    /// True when the folded name is a country or a continent.
    pub fn is_country(&self, folded: &str) -> bool {
        self.countries.contains(folded)
    }

    /// The reductions of a non-person name by which it may be called for
    /// short: without a trailing "contain" designator ("smolny institute" →
    /// "smolny"), without a leading modifier ("bolshoy petrovsky bridge" →
    /// "petrovsky bridge"), and both. Keys (transliteration keys) joined
    /// by spaces.
    pub fn reductions(&self, name: &NameKey) -> Vec<String> {
        let n = name.tokens.len();
        if n < 2 {
            return Vec::new();
        }
        let head = self.modifiers.contains(&name.tokens[0]) as usize;
        let tail = matches!(self.designator(&name.tokens[n - 1]), Some(None)) as usize;
        let mut out = Vec::new();
        // Members of a party: the words before "Party" ending in an "-ic"
        // adjective, or right before it ("Social Democratic Labour Party"
        // → "social democrat"; "Bolshevik Party" → "bolshevik").
        if let Some(j) = name.tokens.iter().position(|t| self.member.contains(t)) {
            for e in 0..j {
                let ic = name.keys[e].len() > 4 && name.keys[e].ends_with("ic");
                if !ic && e + 1 != j {
                    continue;
                }
                for st in 0..=e {
                    let mut k: Vec<String> = name.keys[st..=e].to_vec();
                    if ic {
                        let last = k.last_mut().expect("one key");
                        last.truncate(last.len() - 2);
                    }
                    let k = k.join(" ");
                    if !out.contains(&k) {
                        out.push(k);
                    }
                }
            }
        }
        // A numbered meeting of a party: "Seventeenth Congress of the
        // All-Union Communist Party (Bolsheviks)" → "17th party congress".
        let ordinal = |k: &str| {
            let d = k.chars().take_while(char::is_ascii_digit).count();
            d > 0 && matches!(&k[d..], "st" | "nd" | "rd" | "th")
        };
        if n >= 4
            && ordinal(&name.keys[0])
            && self.session.contains(&name.tokens[1])
            && name.tokens[2] == "of"
        {
            if let Some(m) = name.tokens[3..]
                .iter()
                .position(|t| self.member.contains(t))
            {
                // Keyed as that phrase would be (final plural, designators).
                let phrase = [&name.tokens[0], &name.tokens[3 + m], &name.tokens[1]];
                let k = NameKey::new(&phrase.map(String::as_str).join(" "), false).key();
                if !out.contains(&k) {
                    out.push(k);
                }
            }
        }
        for (h, t) in [(head, 0), (0, tail), (head, tail)] {
            if h + t == 0 || n <= h + t {
                continue;
            }
            let k = name.keys[h..n - t].join(" ");
            if !out.contains(&k) {
                out.push(k);
            }
        }
        out
    }

    /// A gazetteer spelling for a misspelt one-word place name: the unique
    /// gazetteer name of 7 or more letters that differs from `name` only by
    /// a swap of two adjacent letters ("Khabarovks" → Khabarovsk) or by one
    /// lost accented letter, as when scraping drops a non-ASCII character
    /// ("Coyoacn" → Coyoacán). Names that are themselves in the gazetteer
    /// are never corrected.
    pub fn correct_place(&self, name: &str) -> Option<&str> {
        let rules = NameRules::get();
        let f = rules.fold(name);
        if f.contains(' ') || f.chars().count() < 6 || self.places.contains_key(&f) {
            return None;
        }
        let mut found: BTreeSet<&str> = BTreeSet::new();
        // Swapped letters: the two words share a deletion variant and have
        // the same length.
        for v in deletions1(&f) {
            for g in self.places_with_variant(&v) {
                if g.chars().count() == f.chars().count()
                    && osa_distance(g, &f) == 1
                    && g.chars().next() == f.chars().next()
                    && sorted(g) == sorted(&f)
                {
                    found.insert(g);
                }
            }
        }
        // A lost letter: `f` is a deletion variant of a gazetteer name
        // whose deleted letter was written with an accent.
        for g in self.places_with_variant(&f) {
            if g.chars().count() != f.chars().count() + 1 || g.chars().next() != f.chars().next() {
                continue;
            }
            let surface = &self.places[g];
            if lost_accented(surface, &f) {
                found.insert(g);
            }
        }
        let mut it = found.into_iter();
        match (it.next(), it.next()) {
            (Some(g), None) if g.chars().count() >= 7 => self.places.get(g).map(String::as_str),
            _ => None,
        }
    }
}

fn sorted(s: &str) -> Vec<char> {
    let mut v: Vec<char> = s.chars().collect();
    v.sort_unstable();
    v
}

/// True when deleting one accented letter from `surface` (then folding)
/// gives `folded`.
fn lost_accented(surface: &str, folded: &str) -> bool {
    let rules = NameRules::get();
    let chars: Vec<char> = surface.nfc().collect();
    chars.iter().enumerate().any(|(i, c)| {
        !c.is_ascii()
            && c.is_alphabetic()
            && rules.fold(&chars[..i].iter().chain(&chars[i + 1..]).collect::<String>()) == folded
    })
}

/// The string and every string obtained by deleting one char.
/// The hash keying a deletion variant in the gazetteer's index (fixed
/// keys: the same on every run).
fn variant_hash(v: &str) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut h = rustc_hash::FxHasher::default();
    v.hash(&mut h);
    h.finish()
}

/// Whether `v` is one of [`deletions1`]`(w)`: `w` itself, or `w` less one
/// letter.
fn is_variant(w: &str, v: &str) -> bool {
    if w == v {
        return true;
    }
    let mut y = v.chars().peekable();
    let mut skipped = false;
    for c in w.chars() {
        if y.peek() == Some(&c) {
            y.next();
        } else if skipped {
            return false;
        } else {
            skipped = true;
        }
    }
    skipped && y.next().is_none()
}

fn deletions1(s: &str) -> Vec<String> {
    let chars: Vec<char> = s.chars().collect();
    let mut out = vec![s.to_string()];
    for i in 0..chars.len() {
        out.push(chars[..i].iter().chain(&chars[i + 1..]).collect());
    }
    out.sort();
    out.dedup();
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The hashed deletion index finds exactly what a map from each
    /// variant's text to its words would (every variant of every
    /// gazetteer word, and variants of no word).
    #[test]
    fn deletion_index_is_exact() {
        let l = Lexicon::get();
        let mut by_text: BTreeMap<String, BTreeSet<&str>> = BTreeMap::new();
        for w in &l.place_words {
            for v in deletions1(w) {
                by_text.entry(v).or_default().insert(w);
            }
        }
        assert!(by_text.len() > 10_000);
        for (v, words) in &by_text {
            let got: BTreeSet<&str> = l.places_with_variant(v).into_iter().collect();
            assert_eq!(&got, words, "{v}");
        }
        for v in ["", "zzzzzzq", "khabarovskk", "moscowx"] {
            assert!(!by_text.contains_key(v));
            assert!(l.places_with_variant(v).is_empty(), "{v}");
        }
        assert!(is_variant("aab", "ab") && is_variant("abc", "ab") && is_variant("ab", "ab"));
        assert!(!is_variant("abcd", "ab") && !is_variant("ab", "ba") && !is_variant("ab", "abc"));
    }

    #[test]
    fn corrections() {
        let l = Lexicon::get();
        assert_eq!(l.correct_place("Coyoacn"), Some("Coyoacán"));
        assert_eq!(l.correct_place("Khabarovks"), Some("Khabarovsk"));
        assert_eq!(l.correct_place("Khabarovsk"), None);
        assert_eq!(l.correct_place("Coyoacan"), None);
        assert_eq!(l.correct_place("Stalin"), None);
        assert_eq!(l.correct_place(""), None);
    }

    #[test]
    fn reductions_and_rows() {
        let l = Lexicon::get();
        let r = l.reductions(&NameKey::new("Bolshoy Petrovsky Bridge", false));
        assert!(r.contains(&NameKey::new("Petrovsky Bridge", false).key()));
        let r = l.reductions(&NameKey::new("Smolny Institute", false));
        assert_eq!(r, vec![NameKey::new("Smolny", false).key()]);
        let r = l.reductions(&NameKey::new(
            "Russian Social Democratic Labour Party",
            false,
        ));
        assert!(r.contains(&NameKey::new("Social Democrats", false).key()));
        assert!(!r.contains(&NameKey::new("Russians", false).key()));
        assert!(l
            .reductions(&NameKey::new("Vyatka Province", false))
            .is_empty());
        let r = l.reductions(&NameKey::new(
            "Seventeenth Congress of the All-Union Communist Party (Bolsheviks)",
            false,
        ));
        assert!(r.contains(&NameKey::new("17th Party Congress", false).key()));
        assert!(r.contains(&NameKey::new("Seventeenth Party Congress", false).key()));
        assert!(l
            .reductions(&NameKey::new("Congress of Victors", false))
            .is_empty());
        let row = |s: &str| l.alias_row(&NameKey::new(s, false).key());
        assert!(row("USSR").is_some());
        assert_eq!(row("USSR"), row("Soviet Union"));
        assert_eq!(row("Petrograd"), row("St. Petersburg"));
        assert_ne!(row("Comintern"), row("Soviet Union"));
        assert_eq!(row("Leon Trotsky"), None);
    }
}
