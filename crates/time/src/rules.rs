//! Loading the rule data of `resources/timex/`: lexicons, macros and rules
//! (the format is documented in `resources/timex/README.md`).

use annalist_model::TimexType;
use regex::{Regex, RegexBuilder};
use regex_automata::{
    dfa::onepass,
    hybrid,
    nfa::thompson::{self, backtrack, pikevm},
    util::{captures::Captures, syntax},
    Anchored, Input, MatchKind, PatternID,
};
// FxHash: every look-up key is a short word of our own lexicons (SipHash was
// ~3 % of tagging).
use rustc_hash::FxHashMap as HashMap;

macro_rules! lexicons {
    ($($name:literal),* $(,)?) => {
        &[$(($name, include_str!(concat!("../../../resources/timex/", $name, ".tsv")))),*]
    };
}

/// Lexicon files, by name (the file stem, as rules and templates call them).
pub const LEXICONS: &[(&str, &str)] = lexicons!(
    "months",
    "weekdays",
    "numbers",
    "ordinals",
    "seasons",
    "partsofday",
    "units",
    "eras",
    "calendars",
    "roman",
    "decadewords",
    "modifiers",
    "directions",
    "halves",
    "setadverbs",
    "halfunits",
    "holidays",
    "movableholidays",
    "easter",
    "clockwords",
    "duradjectives",
    "yearshift",
    "calendarchanges",
    "weekshift",
    "dayshift",
    "setunits",
    "eventcues",
);

/// The rule file.
pub const RULES: &str = include_str!("../../../resources/timex/rules.txt");

/// One lexicon entry: surface (lower-cased), value columns, flags.
#[derive(Clone, Debug)]
pub struct Entry {
    pub surface: String,
    pub values: Vec<String>,
    pub flags: Vec<String>,
}

/// A word list with its normalization values.
#[derive(Clone, Debug, Default)]
pub struct Lexicon {
    pub entries: Vec<Entry>,
    pub index: HashMap<String, usize>,
}

/// Lower-cases and collapses blanks and hyphens, the key of every lookup.
pub fn norm_key(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut blank = false;
    for c in s.trim().chars() {
        if c.is_whitespace() || c == '-' || c == '\u{2013}' {
            blank = true;
        } else {
            if blank && !out.is_empty() {
                out.push(' ');
            }
            blank = false;
            out.extend(c.to_lowercase());
        }
    }
    out
}

impl Lexicon {
    pub fn parse(text: &str) -> Lexicon {
        let mut lex = Lexicon::default();
        for line in text.lines() {
            if line.trim().is_empty() || line.starts_with('#') {
                continue;
            }
            let cols: Vec<&str> = line.split('\t').collect();
            let surface = cols[0].trim().to_lowercase();
            let mut values = Vec::new();
            let mut flags = Vec::new();
            for (i, c) in cols.iter().enumerate().skip(1) {
                let c = c.trim();
                // The last column of a 3+ column file may hold flags.
                if i == cols.len() - 1
                    && i >= 2
                    && c.chars().all(|ch| ch.is_ascii_lowercase() || ch == ',')
                {
                    flags = c.split(',').map(str::to_string).collect();
                } else {
                    values.push(c.to_string());
                }
            }
            let key = norm_key(&surface);
            lex.index.entry(key).or_insert(lex.entries.len());
            lex.entries.push(Entry {
                surface,
                values,
                flags,
            });
        }
        lex
    }

    pub fn get(&self, s: &str) -> Option<&Entry> {
        // Most keys asked are one lower-case ASCII word, their own key: no
        // need to build it.
        let plain = s.bytes().all(|b| {
            b.is_ascii() && !b.is_ascii_uppercase() && !(b as char).is_whitespace() && b != b'-'
        });
        let i = if plain {
            self.index.get(s)
        } else {
            self.index.get(&norm_key(s))
        };
        i.map(|&i| &self.entries[i])
    }

    /// A regex alternation of the surfaces (longest first), filtered by flag.
    pub fn alternation(&self, with: Option<&str>, without: Option<&str>) -> String {
        let mut words: Vec<&str> = self
            .entries
            .iter()
            .filter(|e| with.is_none_or(|f| e.flags.iter().any(|x| x == f)))
            .filter(|e| without.is_none_or(|f| !e.flags.iter().any(|x| x == f)))
            .map(|e| e.surface.as_str())
            .collect();
        words.sort_by(|a, b| b.len().cmp(&a.len()).then(a.cmp(b)));
        words.dedup();
        let alts: Vec<String> = words
            .iter()
            .map(|w| {
                let mut s = String::new();
                for c in w.chars() {
                    match c {
                        ' ' => s.push_str(r"\s+"),
                        '-' => s.push_str(r"[-\s]"),
                        c => s.push_str(&regex::escape(&c.to_string())),
                    }
                }
                s
            })
            .collect();
        format!("(?:{})", alts.join("|"))
    }
}

/// A piece of a value template.
#[derive(Clone, Debug)]
pub enum Piece {
    Lit(String),
    /// `{group:function(arg)}`
    Call {
        group: String,
        func: String,
        arg: Option<String>,
    },
}

/// A value (or mod) template: literal text with `{group:function}` holes.
#[derive(Clone, Debug, Default)]
pub struct Template(pub Vec<Piece>);

impl Template {
    pub fn parse(s: &str) -> Result<Template, String> {
        let mut pieces = Vec::new();
        let mut rest = s;
        while let Some(i) = rest.find('{') {
            if i > 0 {
                pieces.push(Piece::Lit(rest[..i].to_string()));
            }
            let j = rest[i..]
                .find('}')
                .ok_or_else(|| format!("unclosed {{ in template {s:?}"))?
                + i;
            let inner = &rest[i + 1..j];
            let (group, call) = match inner.split_once(':') {
                Some((g, c)) => (g, c),
                None => (inner, ""),
            };
            let (func, arg) = match call.split_once('(') {
                Some((f, a)) => (f, Some(a.trim_end_matches(')').to_string())),
                None => (call, None),
            };
            pieces.push(Piece::Call {
                group: group.to_string(),
                func: func.to_string(),
                arg,
            });
            rest = &rest[j + 1..];
        }
        if !rest.is_empty() {
            pieces.push(Piece::Lit(rest.to_string()));
        }
        Ok(Template(pieces))
    }
}

/// What [`Lazy`] compiles.
pub trait Compile: Sized {
    fn compile(pattern: &str) -> Result<Self, String>;
    /// Stands in for a pattern that does not compile: never matches.
    fn never() -> Self {
        Self::compile(r"[^\s\S]").expect("valid")
    }
}

/// A regex compiled on first use. Compiling the ~250 per-rule regexes was
/// most of `Tagger::new` (every `annalist` command pays it) while a short
/// text uses a handful of rules; a `OnceLock` keeps the tagger `Sync`.
pub struct Lazy<T> {
    pattern: String,
    /// Index of its search state in a [`Scratch`].
    pub id: usize,
    cell: std::sync::OnceLock<T>,
}

impl<T> std::fmt::Debug for Lazy<T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_tuple("Lazy").field(&self.pattern).finish()
    }
}

impl<T: Compile> Lazy<T> {
    /// Compiled now when `eager` (an error is returned), else on first use:
    /// [`RuleSet::load_from`] compiles every pattern at once (and a unit
    /// test does for the shipped rules, which load lazily).
    fn new(pattern: String, id: usize, eager: bool) -> Result<Lazy<T>, String> {
        let cell = std::sync::OnceLock::new();
        if eager {
            let _ = cell.set(T::compile(&pattern)?);
        }
        Ok(Lazy { pattern, id, cell })
    }

    /// The compiled pattern. One that does not compile (only possible with
    /// broken rule data, which loading with [`RuleSet::load_from`] or the
    /// rules' unit test reports) never matches.
    #[inline]
    pub fn get(&self) -> &T {
        self.cell
            .get_or_init(|| T::compile(&self.pattern).unwrap_or_else(|_| T::never()))
    }

    /// The pattern's source.
    pub fn as_str(&self) -> &str {
        &self.pattern
    }

    /// Compiles the pattern if it was not yet.
    pub fn compile(&self) -> Result<(), String> {
        if self.cell.get().is_none() {
            let _ = self.cell.set(T::compile(&self.pattern)?);
        }
        Ok(())
    }
}

/// The compile configuration `regex::RegexBuilder` gives its meta regex
/// (case-insensitive, Unicode, UTF-8, 64 MB), so the same matches.
fn compile_nfa(pattern: &str, captures: thompson::WhichCaptures) -> Result<thompson::NFA, String> {
    thompson::Compiler::new()
        .syntax(syntax::Config::new().case_insensitive(true))
        .configure(
            thompson::Config::new()
                .nfa_size_limit(Some(64 << 20))
                .shrink(false)
                .which_captures(captures),
        )
        .build(pattern)
        .map_err(|e| e.to_string())
}

/// The lazy DFA as the meta regex configures it.
fn compile_dfa(nfa: &thompson::NFA) -> Result<hybrid::dfa::DFA, String> {
    hybrid::dfa::Builder::new()
        .configure(
            hybrid::dfa::Config::new()
                .match_kind(MatchKind::LeftmostFirst)
                .unicode_word_boundary(true)
                .cache_capacity(64 << 20)
                .minimum_cache_clear_count(Some(3))
                .minimum_bytes_per_state(Some(10)),
        )
        .build_from_nfa(nfa.clone())
        .map_err(|e| e.to_string())
}

/// A rule's guard (`reject_before`, `require_after`…): only asked whether
/// it matches anywhere in 40 bytes. Compiled to a lazy DFA without groups:
/// the meta regex also built a reverse NFA and literal prefilters for it.
pub struct MatchRegex {
    dfa: hybrid::dfa::DFA,
    vm: pikevm::PikeVM,
}

/// The mutable search state of one [`MatchRegex`].
#[derive(Clone, Debug)]
pub struct MatchCache {
    dfa: hybrid::dfa::Cache,
    vm: pikevm::Cache,
}

impl Compile for MatchRegex {
    fn compile(pattern: &str) -> Result<MatchRegex, String> {
        let nfa = compile_nfa(pattern, thompson::WhichCaptures::Implicit)?;
        let dfa = compile_dfa(&nfa)?;
        let vm = pikevm::Builder::new()
            .build_from_nfa(nfa)
            .map_err(|e| e.to_string())?;
        Ok(MatchRegex { dfa, vm })
    }
}

impl MatchRegex {
    pub fn cache(&self) -> MatchCache {
        MatchCache {
            dfa: self.dfa.create_cache(),
            vm: self.vm.create_cache(),
        }
    }

    /// Whether it matches anywhere in `hay`.
    pub fn is_match(&self, c: &mut MatchCache, hay: &str) -> bool {
        let input = Input::new(hay).earliest(true);
        match self.dfa.try_search_fwd(&mut c.dfa, &input) {
            Ok(m) => m.is_some(),
            Err(_) => self.vm.is_match(&mut c.vm, input),
        }
    }
}

/// A rule's anchored pattern, compiled straight to the engines the tagger
/// uses rather than to a `regex::Regex`: the tagger asks where a match
/// ending at a known start ends (lazy DFA), then the groups of the winner
/// within that span (backtracker). The meta regex also built a reverse NFA
/// and a one-pass DFA for every rule (a third of the compile time, unused
/// here), took a cache from its pool on every call and ran the DFA again
/// before each capture search. Same syntax and match semantics
/// (leftmost-first, Unicode, case-insensitive), so the same matches.
pub struct RuleRegex {
    dfa: hybrid::dfa::DFA,
    /// The groups' engine when the pattern is one-pass (one way to match
    /// at each byte): a table walk instead of the backtracker's search, same
    /// leftmost-first groups. `None` when the pattern is not one-pass or
    /// uses what the one-pass DFA does not support (Unicode `\b`).
    onepass: Option<onepass::DFA>,
    bt: backtrack::BoundedBacktracker,
    vm: pikevm::PikeVM,
    /// Named groups: (name, group index).
    names: Vec<(String, usize)>,
}

/// The mutable search state of one [`RuleRegex`].
#[derive(Clone, Debug)]
pub struct RuleCache {
    dfa: hybrid::dfa::Cache,
    onepass: Option<onepass::Cache>,
    bt: backtrack::Cache,
    vm: pikevm::Cache,
    caps: Captures,
}

impl Compile for RuleRegex {
    fn compile(pattern: &str) -> Result<RuleRegex, String> {
        let nfa = compile_nfa(pattern, thompson::WhichCaptures::All)?;
        let dfa = compile_dfa(&nfa)?;
        let onepass = onepass::Builder::new().build_from_nfa(nfa.clone()).ok();
        let bt = backtrack::Builder::new()
            .build_from_nfa(nfa.clone())
            .map_err(|e| e.to_string())?;
        let vm = pikevm::Builder::new()
            .build_from_nfa(nfa.clone())
            .map_err(|e| e.to_string())?;
        let names = nfa
            .group_info()
            .pattern_names(PatternID::ZERO)
            .enumerate()
            .filter_map(|(i, n)| n.map(|n| (n.to_string(), i)))
            .collect();
        Ok(RuleRegex {
            dfa,
            onepass,
            bt,
            vm,
            names,
        })
    }
}

impl RuleRegex {
    /// A fresh search state.
    pub fn cache(&self) -> RuleCache {
        RuleCache {
            dfa: self.dfa.create_cache(),
            onepass: self.onepass.as_ref().map(onepass::DFA::create_cache),
            bt: self.bt.create_cache(),
            vm: self.vm.create_cache(),
            caps: self.vm.create_captures(),
        }
    }

    /// Where the match at the start of `hay` ends.
    #[inline]
    pub fn find_end(&self, c: &mut RuleCache, hay: &str) -> Option<usize> {
        let input = Input::new(hay).anchored(Anchored::Yes);
        match self.dfa.try_search_fwd(&mut c.dfa, &input) {
            Ok(m) => m.map(|m| m.offset()),
            // The lazy DFA gave up (its cache thrashed): the PikeVM never does.
            Err(_) => self.vm.find(&mut c.vm, input).map(|m| m.end()),
        }
    }

    /// The groups of the match at the start of `hay` that ends at `end`
    /// (found with [`RuleRegex::find_end`] on the same `hay`); false if none.
    pub fn captures(&self, c: &mut RuleCache, hay: &str, end: usize) -> bool {
        let input = Input::new(hay).span(0..end).anchored(Anchored::Yes);
        if let (Some(op), Some(oc)) = (&self.onepass, &mut c.onepass) {
            if op.try_search(oc, &input, &mut c.caps).is_ok() {
                return c.caps.is_match();
            }
        }
        if end <= self.bt.max_haystack_len()
            && self.bt.try_search(&mut c.bt, &input, &mut c.caps).is_ok()
        {
            return c.caps.is_match();
        }
        self.vm.search(&mut c.vm, &input, &mut c.caps);
        c.caps.is_match()
    }

    /// The named groups of the last [`RuleRegex::captures`] on `hay`.
    pub fn groups<'a, 'h>(
        &'a self,
        c: &'a RuleCache,
        hay: &'h str,
    ) -> impl Iterator<Item = (&'a str, Option<&'h str>)> + 'a
    where
        'h: 'a,
    {
        self.names.iter().map(move |(n, i)| {
            (
                n.as_str(),
                c.caps.get_group(*i).and_then(|sp| hay.get(sp.range())),
            )
        })
    }
}

/// Search state of every rule and guard, for one tagging call at a time,
/// with the buffers of the candidate search (kept between calls: a fresh
/// set per document was a good part of the allocations).
#[derive(Debug, Default)]
pub struct Scratch {
    pub rules: RuleCaches,
    pub guards: GuardCaches,
    /// Where the words of each `needs` group start.
    pub needs: Vec<Vec<usize>>,
    /// What the prefilter literals propose, before their `needs` are
    /// checked: a position and the range of the rules of one literal
    /// (`Trie::ids` of the prefilter).
    pub proposed: Vec<(usize, std::ops::Range<usize>)>,
    /// Candidate (start, rule) pairs.
    pub starts: Vec<(usize, usize)>,
    /// Rules matching at one start, with the end of each match.
    pub hits: Vec<(usize, usize)>,
}

/// In [`RuleSet::prefilter`], `NEEDS_ID + k` stands for a literal of the
/// `needs` group `k`; smaller ids are rules.
pub const NEEDS_ID: usize = 1 << 24;

/// Bits of [`RuleSet::byte_class`].
pub mod class {
    /// An ASCII letter or digit.
    pub const ALNUM: u8 = 1;
    /// An ASCII letter.
    pub const ALPHA: u8 = 2;
    /// Starts a literal of the `needs` trie.
    pub const NEEDS: u8 = 4;
    /// Starts a prefilter literal without being alphanumeric ("'98").
    pub const ODD: u8 = 8;
}

/// How the tries read the text: ASCII lower-cased, every ASCII blank a
/// space (the literals are written so), other bytes as they are.
pub const FOLD: [u8; 256] = {
    let mut t = [0u8; 256];
    let mut i = 0;
    while i < 256 {
        let b = i as u8;
        t[i] = if b.is_ascii_whitespace() {
            b' '
        } else {
            b.to_ascii_lowercase()
        };
        i += 1;
    }
    t
};

/// Search states of the rules' patterns, by [`Lazy::id`].
#[derive(Debug, Default)]
pub struct RuleCaches(Vec<Option<RuleCache>>);

/// Search states of the rules' guards, by [`Lazy::id`].
#[derive(Debug, Default)]
pub struct GuardCaches(Vec<Option<MatchCache>>);

impl RuleCaches {
    /// A rule's pattern and its search state (made on first use).
    #[inline]
    pub fn get<'r>(&mut self, re: &'r Lazy<RuleRegex>) -> (&'r RuleRegex, &mut RuleCache) {
        let r = re.get();
        if self.0.len() <= re.id {
            self.0.resize(re.id + 1, None);
        }
        (r, self.0[re.id].get_or_insert_with(|| r.cache()))
    }
}

impl GuardCaches {
    /// Whether a guard matches anywhere in `hay`.
    pub fn matches(&mut self, re: &Lazy<MatchRegex>, hay: &str) -> bool {
        let r = re.get();
        if self.0.len() <= re.id {
            self.0.resize(re.id + 1, None);
        }
        r.is_match(self.0[re.id].get_or_insert_with(|| r.cache()), hay)
    }
}

/// One tagging rule.
#[derive(Debug)]
pub struct Rule {
    pub name: String,
    /// `^(?:pattern)`, with named groups.
    pub regex: Lazy<RuleRegex>,
    pub ttype: TimexType,
    pub value: Template,
    pub tmod: Option<Template>,
    /// `julian`: the value is written in the Julian calendar and converted.
    pub calendar: Option<String>,
    /// The value is already Gregorian but the text also gives the Julian date.
    pub calendar_note: Option<String>,
    pub reject_before: Option<Lazy<MatchRegex>>,
    pub reject_after: Option<Lazy<MatchRegex>>,
    /// The match counts only if the 40 bytes before it match this.
    pub require_before: Option<Lazy<MatchRegex>>,
    /// The match counts only if the 40 bytes after it match this.
    pub require_after: Option<Lazy<MatchRegex>>,
    /// Dated comment/post header ("March 13, 2017 at 11:21 am"): tagged in
    /// boilerplate, and it becomes the creation time of what follows.
    pub header: bool,
    /// `drop = true`: a negative rule. What it matches is not a time
    /// expression ("three-quarters of its food", "$2 million a year"): the
    /// span is consumed and nothing is tagged.
    pub drop: bool,
    /// `needs`: the rule is tried at a position only when one of the
    /// literals of need group `.0` starts within `.1` bytes after it (before
    /// it when negative): a cheap filter before the regex ("a" only proposes
    /// `dur_n_unit` when a unit word follows).
    pub needs: Option<(usize, isize)>,
    /// `style = news|narrative`: the rule applies in that style only (the
    /// conventions differ: TimeML news annotates "two days after the
    /// attack" as the duration "two days", a narrative as the date).
    pub style: Option<crate::Style>,
    /// `unanchored = now`: a forward offset told before any date of the
    /// story, counted from the creation time, is the present ("Sixty
    /// years on, Howick remembers" in a headline is now, not 60 years
    /// ahead): the creation time's year.
    pub unanchored_now: bool,
}

/// A byte trie of the rules' lower-cased literal prefixes, walked from each
/// word start. Hand-written rather than an anchored Aho-Corasick search: the
/// per-call setup of the automaton cost more than the few steps a walk takes.
///
/// Laid out flat in breadth-first order by [`Trie::finish`]: the walk from
/// every word start was bound by cache misses on per-node heap lists; now a
/// node is 16 bytes, the children of a node are consecutive nodes and the
/// top of the trie, where most walks end, shares a few cache lines. It is
/// built level by level from the sorted literals (no per-node lists).
#[derive(Debug, Default)]
pub struct Trie {
    /// While building: (literal, rule).
    pending: Vec<(Vec<u8>, u32)>,
    /// After [`Trie::finish`]: children of the root by text byte, read
    /// through [`FOLD`] (0: none).
    root: Vec<u32>,
    nodes: Vec<Node>,
    /// The byte leading into each node.
    label: Vec<u8>,
    rule_ids: Vec<u32>,
    /// The class of each text byte: 1 + the rank of its [`FOLD`] among the
    /// bytes the literals use, 0 when no literal uses it.
    class: Vec<u8>,
    /// Entries per dense table: the number of classes + 1.
    stride: usize,
    /// The nodes two bytes down from the root, by the classes of the two
    /// bytes (`stride` × `stride`; empty when there are too many classes):
    /// the walk looks the second node up without waiting for the first.
    root2: Vec<u32>,
    /// Dense child tables for nodes with many children, where a scan of the
    /// labels was the hot spot: `stride` entries each, by class, holding
    /// 1 + the index of the child among the node's children (0: none).
    /// By class and in bytes they are a few cache lines, not a kilobyte:
    /// the walk was bound by cache misses on them.
    tables: Vec<u8>,
}

/// A node of the flat trie.
#[derive(Clone, Copy, Debug, Default)]
struct Node {
    first_rule: u32,
    /// Its ids are `first_rule ..` + `n_rules` rule ids, then `n_needs`
    /// ids of `needs` groups (ids from [`NEEDS_ID`] up sort last): the walk
    /// hands both counts over and the scan need not search for the split.
    n_rules: u16,
    n_needs: u16,
    /// Its children are nodes `first_kid .. first_kid + n_kids`.
    first_kid: u32,
    n_kids: u16,
    /// Index into `tables`, or `u16::MAX`.
    dense: u16,
}

impl Trie {
    fn new() -> Trie {
        Trie::default()
    }

    /// Adds a literal and the rule it proposes (the trie is built by
    /// [`Trie::finish`]).
    fn insert(&mut self, lit: Vec<u8>, rule: usize) {
        if !lit.is_empty() {
            self.pending.push((lit, rule as u32));
        }
    }

    /// Builds the flat trie once every literal is in. In sorted order the
    /// literals sharing a prefix are consecutive, so the nodes of each depth
    /// come out in order, each node's children consecutive (breadth-first
    /// numbering), and a node's rules (ascending) consecutive too.
    fn finish(&mut self) {
        let mut lits = std::mem::take(&mut self.pending);
        // A literal whose rule already has a shorter literal that is a
        // prefix of it proposes nothing new (the walk meets the shorter one
        // first): the extractor gives "1" and "19", "194"… for digit rules,
        // which made the trie 60,000 nodes and a digit propose a rule once
        // per depth. In (rule, literal) order a literal is redundant exactly
        // when the last one kept for its rule is a prefix of it (any kept
        // prefix would be a prefix of everything sorted between them).
        lits.sort_unstable_by(|a, b| a.1.cmp(&b.1).then_with(|| a.0.cmp(&b.0)));
        lits.dedup();
        let mut kept: Option<usize> = None;
        let mut keep = vec![true; lits.len()];
        for i in 0..lits.len() {
            if let Some(k) = kept {
                if lits[k].1 == lits[i].1 && lits[i].0.starts_with(&lits[k].0) {
                    keep[i] = false;
                    continue;
                }
            }
            kept = Some(i);
        }
        let mut keep = keep.into_iter();
        lits.retain(|_| keep.next().unwrap_or(true));
        lits.sort_unstable();
        self.nodes = vec![Node {
            dense: u16::MAX,
            ..Node::default()
        }];
        self.label = vec![0];
        self.rule_ids.clear();
        self.tables.clear();
        // The node of each literal's prefix at the previous depth.
        let mut cur = vec![0u32; lits.len()];
        let max = lits.iter().map(|l| l.0.len()).max().unwrap_or(0);
        for d in 1..=max {
            let mut last: Option<(u32, u8)> = None;
            let mut id = 0u32;
            for (i, (l, r)) in lits.iter().enumerate() {
                if l.len() < d {
                    continue;
                }
                let (parent, b) = (cur[i], l[d - 1]);
                if last != Some((parent, b)) {
                    id = self.nodes.len() as u32;
                    self.nodes.push(Node {
                        first_rule: self.rule_ids.len() as u32,
                        dense: u16::MAX,
                        ..Node::default()
                    });
                    self.label.push(b);
                    let p = &mut self.nodes[parent as usize];
                    if p.n_kids == 0 {
                        p.first_kid = id;
                    }
                    p.n_kids += 1;
                    last = Some((parent, b));
                }
                cur[i] = id;
                if l.len() == d {
                    self.rule_ids.push(*r);
                    let nd = &mut self.nodes[id as usize];
                    // (At most 65,535 of each per literal: `RuleSet` loading
                    // refuses more rules or groups than that.)
                    if (*r as usize) < NEEDS_ID {
                        nd.n_rules = nd.n_rules.saturating_add(1);
                    } else {
                        nd.n_needs = nd.n_needs.saturating_add(1);
                    }
                }
            }
        }
        // Byte classes: the bytes the literals use, ranked.
        let mut used = [false; 256];
        for &b in &self.label[1..] {
            used[b as usize] = true;
        }
        let mut rank = [0u8; 256];
        let mut n_classes = 0usize;
        for (b, &u) in used.iter().enumerate() {
            if u && n_classes < 255 {
                n_classes += 1;
                rank[b] = n_classes as u8;
            }
        }
        self.class = FOLD.iter().map(|&f| rank[f as usize]).collect();
        self.stride = n_classes + 1;
        let mut root_by_label = [0u32; 256];
        let root = self.nodes[0];
        for k in 0..root.n_kids as usize {
            let c = root.first_kid as usize + k;
            root_by_label[self.label[c] as usize] = c as u32;
        }
        self.root = FOLD.iter().map(|&f| root_by_label[f as usize]).collect();
        let mut n_tables = 0usize;
        // (Every used byte needs a class for a table to be complete.)
        let all_ranked = used.iter().filter(|&&u| u).count() <= 255;
        self.root2.clear();
        if all_ranked && self.stride <= 128 {
            self.root2 = vec![0; self.stride * self.stride];
            for k in 0..root.n_kids as usize {
                let c = root.first_kid as usize + k;
                let r0 = rank[self.label[c] as usize] as usize;
                let nd = self.nodes[c];
                for j in 0..nd.n_kids as usize {
                    let c2 = nd.first_kid as usize + j;
                    let r1 = rank[self.label[c2] as usize] as usize;
                    self.root2[r0 * self.stride + r1] = c2 as u32;
                }
            }
        }
        for n in 0..self.nodes.len() {
            let nd = self.nodes[n];
            if all_ranked && nd.n_kids > 4 && nd.n_kids < 255 && n_tables < u16::MAX as usize {
                let at = self.tables.len();
                self.tables.resize(at + self.stride, 0);
                for k in 0..nd.n_kids as usize {
                    let c = nd.first_kid as usize + k;
                    let cl = rank[self.label[c] as usize] as usize;
                    self.tables[at + cl] = (k + 1) as u8;
                }
                self.nodes[n].dense = n_tables as u16;
                n_tables += 1;
            }
        }
    }

    /// Whether some literal starts with byte `b` (as [`FOLD`] reads it).
    #[inline]
    pub fn starts_with_byte(&self, b: u8) -> bool {
        self.root.get(b as usize).is_some_and(|&n| n != 0)
    }

    /// Calls `f` with the rules of every literal that `bytes` starts with,
    /// the bytes read through [`FOLD`] (a literal is at most 12 bytes long,
    /// so no more are read).
    #[inline]
    pub fn walk(&self, bytes: &[u8], mut f: impl FnMut(usize)) {
        self.walk_ids(bytes, |r| {
            for &id in self.ids(r) {
                f(id as usize)
            }
        });
    }

    /// [`Trie::walk`] a literal at a time: `f` gets the range of the ids of
    /// each literal `bytes` starts with (see [`Trie::ids`]), ascending.
    #[inline]
    pub fn walk_ids(&self, bytes: &[u8], mut f: impl FnMut(std::ops::Range<usize>)) {
        self.walk_split(bytes, |a, n_rules, n_needs| f(a..a + n_rules + n_needs));
    }

    /// [`Trie::walk_ids`] with each literal's ids split: `f(first, n_rules,
    /// n_needs)` — ids `first .. first + n_rules` are rules (below
    /// [`NEEDS_ID`]), the `n_needs` after them `needs` groups.
    #[inline]
    pub fn walk_split(&self, bytes: &[u8], mut f: impl FnMut(usize, usize, usize)) {
        let mut rest = bytes.iter();
        let Some(&b) = rest.next() else { return };
        let Some(&first) = self.root.get(b as usize) else {
            return;
        };
        let mut node = first as usize;
        if !self.root2.is_empty() {
            // The first node's rules, then straight to the second node.
            let Some(&nd) = self.nodes.get(node).filter(|_| node != 0) else {
                return;
            };
            if nd.n_rules | nd.n_needs != 0 {
                f(
                    nd.first_rule as usize,
                    nd.n_rules as usize,
                    nd.n_needs as usize,
                );
            }
            let Some(&b1) = rest.next() else { return };
            let c0 = self.class.get(b as usize).copied().unwrap_or(0) as usize;
            let c1 = self.class.get(b1 as usize).copied().unwrap_or(0) as usize;
            node = self.root2.get(c0 * self.stride + c1).copied().unwrap_or(0) as usize;
        }
        while let Some(&nd) = self.nodes.get(node).filter(|_| node != 0) {
            if nd.n_rules | nd.n_needs != 0 {
                f(
                    nd.first_rule as usize,
                    nd.n_rules as usize,
                    nd.n_needs as usize,
                );
            }
            let Some(&b) = rest.next() else { return };
            node = if nd.dense != u16::MAX {
                let cl = self.class.get(b as usize).copied().unwrap_or(0) as usize;
                match self.tables.get(nd.dense as usize * self.stride + cl) {
                    Some(&k) if k > 0 => nd.first_kid as usize + k as usize - 1,
                    _ => 0,
                }
            } else {
                let b = FOLD[b as usize];
                let a = nd.first_kid as usize;
                match self.label[a..a + nd.n_kids as usize]
                    .iter()
                    .position(|&x| x == b)
                {
                    Some(j) => a + j,
                    None => 0,
                }
            };
        }
    }

    /// The ids of a range given by [`Trie::walk_ids`].
    #[inline]
    pub fn ids(&self, r: std::ops::Range<usize>) -> &[u32] {
        self.rule_ids.get(r).unwrap_or(&[])
    }

    /// Number of nodes (for tests and statistics).
    pub fn len(&self) -> usize {
        self.nodes.len()
    }

    pub fn is_empty(&self) -> bool {
        self.len() <= 1
    }
}

/// Everything loaded from `resources/timex/`.
#[derive(Debug)]
pub struct RuleSet {
    pub lex: HashMap<String, Lexicon>,
    pub rules: Vec<Rule>,
    /// Literal prefixes of the rules (lower-cased): where a rule may start;
    /// and the literals of the `needs` groups, group `k` as `NEEDS_ID + k`
    /// (one walk from a word start finds both).
    pub prefilter: Trie,
    /// Rules whose pattern starts with an optional lead-in, and the regex
    /// finding that lead-in before a core match.
    pub lead_in: Vec<bool>,
    pub lead_in_re: Regex,
    /// The ASCII bytes (lower case) a word of a lead-in can end with, when
    /// they are known: a lead-in ends with blanks after such a byte, so the
    /// regex is run only there.
    pub lead_in_last: Option<[bool; 128]>,
    /// Each rule's `needs`, by rule: read for every rule the trie proposes,
    /// kept apart from the large [`Rule`]s so that those reads stay in cache.
    pub rule_needs: Vec<Option<(usize, isize)>>,
    /// Rules without a usable prefix set, with an unanchored regex.
    pub unfiltered: Vec<(usize, Regex)>,
    /// Bytes that may start a literal without being a word start ("'98").
    pub odd_start: [bool; 256],
    /// What each byte is to the scan of the text, bits of [`class`]: one
    /// table look-up instead of the tests one by one.
    pub byte_class: [u8; 256],
    /// Literals of the `needs` groups, with the group(s) of each: walked
    /// from every position not inside a word (an overlapping Aho-Corasick
    /// scan of every byte, then dropping the matches inside words, cost
    /// three times as much).
    pub needs: Trie,
    /// `(modifier)[\s-]+$` on the text before a match.
    pub modifier_before: Regex,
    /// Calendar markers after / before a match.
    pub calendar_after: Regex,
    pub calendar_before: Regex,
    /// Julian declarations: calendar word, statement verb, country.
    pub julian_decl: Regex,
    /// Words every `julian_decl` match contains: when none occurs, the
    /// search is skipped.
    pub julian_decl_hint: Option<Regex>,
    pub julian_decl_verb: Regex,
    pub calendar_country: Regex,
    /// Earnings-report words (quarter convention of news).
    pub finance_cue: Regex,
    /// Future-tense cues for weekday and bare-month direction.
    pub future_cue: Regex,
    /// More future cues for a bare month only ("by February", "would … in
    /// January").
    pub future_cue_month: Regex,
    /// A plan told in the past perfect ("had been due to"): no future.
    pub past_plan: Regex,
    /// Year-to-date periods of an earnings report ("the first nine months").
    pub year_to_date: Regex,
    /// What may stand between coordinated dates ("August and September
    /// 1914", "26 June – 4 August 1952").
    pub coordination: Regex,
    /// Words before a date that keep it from moving the reference time.
    pub no_ref_before: Regex,
    /// The same for a pluperfect relative clause, looked for further back
    /// ("who had been expelled from his diocese when Beauvais went over to
    /// Charles VII in 1429").
    pub pluperfect_clause_before: Regex,
    /// A determiner or possessive right before a bare year that modifies
    /// the noun after it ("the 1894 judgment").
    pub attributive_before: Regex,
    /// A preposition before that determiner: the thing dates the clause
    /// ("in a 1973 coup").
    pub attributive_timed: Regex,
    /// Rule search states not in use (one is taken per tagging call).
    pub scratch: std::sync::Mutex<Vec<Scratch>>,
}

/// Expands `%MACRO` and `%lexicon[+flag]` references. The name regex is
/// compiled once and every reference's expansion is kept: the same macros
/// are used by hundreds of patterns.
struct Expander<'a> {
    name_re: Regex,
    macros: &'a HashMap<String, String>,
    lex: &'a HashMap<String, Lexicon>,
    cache: std::cell::RefCell<HashMap<String, String>>,
}

impl<'a> Expander<'a> {
    fn new(macros: &'a HashMap<String, String>, lex: &'a HashMap<String, Lexicon>) -> Self {
        Expander {
            name_re: Regex::new(r"%([A-Za-z_][A-Za-z0-9_]*)(\[([+-])([a-z]+)\])?").expect("valid"),
            macros,
            lex,
            cache: Default::default(),
        }
    }

    fn expand(&self, p: &str) -> Result<String, String> {
        self.expand_at(p, 0)
    }

    fn expand_at(&self, p: &str, depth: usize) -> Result<String, String> {
        if depth > 10 {
            return Err(format!("macro recursion in {p:?}"));
        }
        let mut err = None;
        let out = self.name_re.replace_all(p, |c: &regex::Captures| {
            let whole = &c[0];
            if let Some(done) = self.cache.borrow().get(whole) {
                return done.clone();
            }
            let name = &c[1];
            let done = if let Some(m) = self.macros.get(name) {
                match self.expand_at(m, depth + 1) {
                    Ok(s) => format!("(?:{s})"),
                    Err(e) => {
                        err = Some(e);
                        return String::new();
                    }
                }
            } else if let Some(l) = self.lex.get(name) {
                let flag = c.get(4).map(|m| m.as_str());
                match c.get(3).map(|m| m.as_str()) {
                    Some("+") => l.alternation(flag, None),
                    Some("-") => l.alternation(None, flag),
                    _ => l.alternation(None, None),
                }
            } else {
                err = Some(format!("unknown macro or lexicon %{name}"));
                return String::new();
            };
            self.cache
                .borrow_mut()
                .insert(whole.to_string(), done.clone());
            done
        });
        match err {
            Some(e) => Err(e),
            None => Ok(out.replace(r"\b", r"(?-u:\b)")),
        }
    }
}

/// The literals (prefixes or suffixes, by `kind`) of the matches of
/// `pattern`, within the bounds both prefilters use; None when the pattern
/// does not parse.
fn literal_seq(
    pattern: &str,
    kind: regex_syntax::hir::literal::ExtractKind,
) -> Option<regex_syntax::hir::literal::Seq> {
    let hir = regex_syntax::ParserBuilder::new()
        .build()
        .parse(pattern)
        .ok()?;
    let mut ex = regex_syntax::hir::literal::Extractor::new();
    ex.kind(kind)
        .limit_class(16)
        .limit_total(4000)
        .limit_literal_len(12);
    Some(ex.extract(&hir))
}

/// The set of last bytes (ASCII, lower-cased) of the matches of `pattern`,
/// or None when it is not a finite set of ASCII literals.
fn last_bytes(pattern: &str) -> Option<[bool; 128]> {
    let seq = literal_seq(pattern, regex_syntax::hir::literal::ExtractKind::Suffix)?;
    let mut set = [false; 128];
    for l in seq.literals()? {
        let &b = l.as_bytes().last()?;
        if !b.is_ascii() {
            return None;
        }
        set[b.to_ascii_lowercase() as usize] = true;
    }
    Some(set)
}

/// The finite set of lower-cased literal prefixes a pattern's matches start
/// with, or None when there is none worth using (empty or unbounded).
fn prefixes(pattern: &str) -> Option<Vec<Vec<u8>>> {
    // The trie walk reads the text through `FOLD` (lower case, every blank
    // a ' '): a run of blanks is looked for as one space.
    let pattern = pattern.replace(r"\s+", " ").replace(r"\s*", " ?");
    let seq = literal_seq(&pattern, regex_syntax::hir::literal::ExtractKind::Prefix)?;
    let lits = seq.literals()?;
    let mut out: Vec<Vec<u8>> = lits
        .iter()
        .map(|l| l.as_bytes().to_ascii_lowercase())
        .collect();
    if out.is_empty() || out.iter().any(|l| l.is_empty()) {
        return None;
    }
    out.sort();
    out.dedup();
    Some(out)
}

fn build(p: &str) -> Result<Regex, String> {
    RegexBuilder::new(p)
        .case_insensitive(true)
        .size_limit(64 << 20)
        .dfa_size_limit(64 << 20)
        .build()
        .map_err(|e| e.to_string())
}

impl RuleSet {
    /// The shipped rules; the per-rule regexes are compiled on first use
    /// (`tests::rules_compile` compiles them all).
    pub fn load() -> Result<RuleSet, String> {
        Self::load_with(RULES, LEXICONS, true)
    }

    /// Rules from text, every regex compiled now (errors are returned).
    pub fn load_from(rules_text: &str, lexicons: &[(&str, &str)]) -> Result<RuleSet, String> {
        Self::load_with(rules_text, lexicons, false)
    }

    /// Compiles every regex not compiled yet (the first error is returned).
    pub fn compile_all(&self) -> Result<(), String> {
        for r in &self.rules {
            r.regex
                .compile()
                .map_err(|e| format!("rule {}: {e}", r.name))?;
            for x in [
                &r.reject_before,
                &r.reject_after,
                &r.require_before,
                &r.require_after,
            ]
            .into_iter()
            .flatten()
            {
                x.compile().map_err(|e| format!("rule {}: {e}", r.name))?;
            }
        }
        Ok(())
    }

    fn load_with(
        rules_text: &str,
        lexicons: &[(&str, &str)],
        lazy: bool,
    ) -> Result<RuleSet, String> {
        let lex: HashMap<String, Lexicon> = lexicons
            .iter()
            .map(|(n, t)| (n.to_string(), Lexicon::parse(t)))
            .collect();
        let mut macros: HashMap<String, String> = HashMap::default();
        // Parse blocks.
        let mut blocks: Vec<(String, Vec<(String, String)>)> = Vec::new();
        for (ln, line) in rules_text.lines().enumerate() {
            let t = line.trim();
            if t.is_empty() || t.starts_with('#') {
                continue;
            }
            if let Some(def) = t.strip_prefix("@define ") {
                let (n, v) = def
                    .split_once('=')
                    .ok_or_else(|| format!("line {}: @define NAME = regex", ln + 1))?;
                macros.insert(n.trim().to_string(), v.trim().to_string());
            } else if t.starts_with('[') && t.ends_with(']') {
                blocks.push((t[1..t.len() - 1].trim().to_string(), Vec::new()));
            } else if let Some((k, v)) = t.split_once('=') {
                let b = blocks
                    .last_mut()
                    .ok_or_else(|| format!("line {}: key outside a [rule]", ln + 1))?;
                b.1.push((k.trim().to_string(), v.trim().to_string()));
            } else {
                return Err(format!("line {}: cannot read {t:?}", ln + 1));
            }
        }
        let ex = Expander::new(&macros, &lex);
        let strip_names = Regex::new(r"\(\?P?<[A-Za-z_][A-Za-z0-9_]*>").expect("valid");
        let mut rules = Vec::new();
        let mut plain = Vec::new();
        let mut cores: Vec<(String, bool)> = Vec::new();
        let mut needs_pats: Vec<String> = Vec::new();
        let mut guards = 0;
        for (name, kv) in blocks {
            let get = |k: &str| kv.iter().find(|(a, _)| a == k).map(|(_, v)| v.as_str());
            let raw = get("pattern").ok_or_else(|| format!("rule {name}: no pattern"))?;
            // The core without an optional lead-in ("Sunday, ", "the "): the
            // prefilter looks for the core, the lead-in is found looking back.
            let mut core = raw;
            let mut lead_in = false;
            while let Some(c) = core
                .strip_prefix(r"(?:%WD,?\s+)?")
                .or_else(|| core.strip_prefix(r"(?:the\s+)?"))
            {
                core = c;
                lead_in = true;
            }
            let core = ex.expand(core).map_err(|e| format!("rule {name}: {e}"))?;
            cores.push((strip_names.replace_all(&core, "(?:").into_owned(), lead_in));
            let pat = ex.expand(raw).map_err(|e| format!("rule {name}: {e}"))?;
            let regex = Lazy::new(format!("^(?:{pat})"), rules.len(), !lazy)
                .map_err(|e| format!("rule {name}: {e}"))?;
            let ttype = TimexType::parse(get("type").unwrap_or("DATE"))
                .ok_or_else(|| format!("rule {name}: bad type"))?;
            let value =
                Template::parse(get("value").ok_or_else(|| format!("rule {name}: no value"))?)?;
            let tmod = get("mod").map(Template::parse).transpose()?;
            let mut opt_re = |k: &str| -> Result<Option<Lazy<MatchRegex>>, String> {
                match get(k) {
                    Some(p) => {
                        let p = ex.expand(p)?;
                        guards += 1;
                        Ok(Some(
                            Lazy::new(p, guards - 1, !lazy)
                                .map_err(|e| format!("rule {name} {k}: {e}"))?,
                        ))
                    }
                    None => Ok(None),
                }
            };
            let reject_before = opt_re("reject_before")?;
            let reject_after = opt_re("reject_after")?;
            let require_before = opt_re("require_before")?;
            let require_after = opt_re("require_after")?;
            let needs = match get("needs") {
                Some(n) => {
                    let k = match needs_pats.iter().position(|x| x == n) {
                        Some(k) => k,
                        None => {
                            needs_pats.push(n.to_string());
                            needs_pats.len() - 1
                        }
                    };
                    if k >= 64 {
                        return Err(format!("rule {name}: more than 64 needs groups"));
                    }
                    let within = match get("needs_within") {
                        Some(w) => w
                            .parse()
                            .map_err(|_| format!("rule {name}: needs_within is a number"))?,
                        None => 200,
                    };
                    Some((k, within))
                }
                None => None,
            };
            plain.push(strip_names.replace_all(&pat, "(?:").into_owned());
            let style = match get("style") {
                None => None,
                Some("news") => Some(crate::Style::News),
                Some("narrative") => Some(crate::Style::Narrative),
                Some(o) => return Err(format!("rule {name}: unknown style {o}")),
            };
            let unanchored_now = match get("unanchored") {
                None => false,
                Some("now") => true,
                Some(o) => return Err(format!("rule {name}: unknown unanchored {o}")),
            };
            rules.push(Rule {
                name,
                regex,
                ttype,
                value,
                tmod,
                calendar: get("calendar").map(str::to_string),
                calendar_note: get("calendar_note").map(str::to_string),
                reject_before,
                reject_after,
                require_before,
                require_after,
                header: get("header") == Some("true"),
                drop: get("drop") == Some("true"),
                needs,
                style,
                unanchored_now,
            });
        }
        // The prefilter: literal prefixes of every rule (lower-cased), found
        // with one Aho-Corasick pass over the lower-cased text; rules
        // without a finite prefix set are scanned on their own.
        // The literals go straight into the trie (which merges repeats).
        // It is walked only at word starts (and at the odd bytes that start
        // a literal without being alphanumeric): an unanchored overlapping
        // scan reported every literal inside words too.
        let mut prefilter = Trie::new();
        let mut odd_start = [false; 256];
        let mut unfiltered = Vec::new();
        let mut lead_in = Vec::new();
        for (ri, (p, lead)) in cores.iter().enumerate() {
            lead_in.push(*lead);
            match prefixes(p) {
                Some(set) => {
                    for l in set {
                        if let Some(&b) = l.first() {
                            if !b.is_ascii_alphanumeric() {
                                odd_start[b as usize] = true;
                            }
                        }
                        prefilter.insert(l, ri);
                    }
                }
                None => unfiltered.push((ri, build(&plain[ri])?)),
            }
        }
        let mut needs = Trie::new();
        for (k, n) in needs_pats.iter().enumerate() {
            let p = ex.expand(n)?;
            let set = prefixes(&strip_names.replace_all(&p, "(?:"))
                .ok_or_else(|| format!("needs {n:?}: no literal prefixes"))?;
            for l in set {
                prefilter.insert(l.clone(), NEEDS_ID + k);
                needs.insert(l, k);
            }
        }
        // A trie node counts its rule ids and its group ids in 16 bits each.
        if rules.len() > u16::MAX as usize || needs_pats.len() > u16::MAX as usize {
            return Err(format!("{} rules: at most 65,535", rules.len()));
        }
        prefilter.finish();
        needs.finish();
        let mut byte_class = [0u8; 256];
        for (b, c) in byte_class.iter_mut().enumerate() {
            let b = b as u8;
            if b.is_ascii_alphanumeric() {
                *c |= class::ALNUM;
            }
            if b.is_ascii_alphabetic() {
                *c |= class::ALPHA;
            }
            if needs.starts_with_byte(b) {
                *c |= class::NEEDS;
            }
            if odd_start[b as usize] {
                *c |= class::ODD;
            }
        }
        let m = ex.expand("%modifiers")?;
        let modifier_before = build(&format!(r"(?:^|[^\w])(?P<m>{m})(?:\s+|-)$"))?;
        let calendar_after = build(&ex.expand("%CALENDAR_AFTER")?)?;
        let calendar_before = build(&ex.expand("%CALENDAR_BEFORE")?)?;
        let finance_cue = build(&ex.expand("%FINANCE_CUE")?)?;
        let julian_decl = build(&ex.expand("%JULIAN_DECL")?)?;
        let julian_decl_verb = build(&ex.expand("%JULIAN_DECL_VERB")?)?;
        let calendar_country = build(&ex.expand(r"\b(?P<k>%calendarchanges)\b")?)?;
        // An optional macro, or a pattern used when the resources lack it
        // (`[^\s\S]` never matches).
        let macro_or = |name: &str, default: &str| -> Result<Regex, String> {
            let p = macros.get(name).map(|m| ex.expand(m)).transpose()?;
            build(p.as_deref().unwrap_or(default))
        };
        let julian_decl_hint = macros
            .get("JULIAN_DECL_HINT")
            .map(|m| build(&ex.expand(m)?))
            .transpose()?;
        let future_cue = macro_or("FUTURE_CUE", r"\bwill\b")?;
        let future_cue_month = macro_or("FUTURE_CUE_MONTH", r"[^\s\S]")?;
        let past_plan = macro_or("PAST_PLAN", r"[^\s\S]")?;
        let year_to_date = macro_or("YEAR_TO_DATE", r"[^\s\S]")?;
        let coordination = build(&ex.expand("%COORDINATION")?)?;
        let no_ref_before = build(&ex.expand("%NO_REF_BEFORE")?)?;
        let pluperfect_clause_before = macro_or("PLUPERFECT_CLAUSE_BEFORE", r"[^\s\S]")?;
        let attributive_before = macro_or("ATTRIBUTIVE_BEFORE", r"[^\s\S]")?;
        let attributive_timed = macro_or("ATTRIBUTIVE_TIMED", r"[^\s\S]")?;
        let lead_in_re = build(&ex.expand(r"(?:%WD,?\s+)?(?:the\s+)?$")?)?;
        // The words of that lead-in, without their blanks.
        let lead_in_last = last_bytes(&ex.expand(r"(?:%WD,?|the)")?);
        Ok(RuleSet {
            scratch: Default::default(),
            rule_needs: rules.iter().map(|r| r.needs).collect(),
            lead_in,
            lead_in_re,
            lead_in_last,
            prefilter,
            odd_start,
            byte_class,
            needs,
            unfiltered,
            no_ref_before,
            pluperfect_clause_before,
            attributive_before,
            attributive_timed,
            lex,
            rules,
            modifier_before,
            calendar_after,
            calendar_before,
            julian_decl,
            julian_decl_hint,
            julian_decl_verb,
            calendar_country,
            finance_cue,
            future_cue,
            future_cue_month,
            past_plan,
            year_to_date,
            coordination,
        })
    }
}

#[cfg(test)]
mod trie_tests {
    use super::{Trie, FOLD};
    use proptest::prelude::*;
    use std::collections::BTreeSet;

    /// The ids a walk from the start of `text` must report: those of every
    /// literal the folded text starts with.
    fn naive(lits: &[(Vec<u8>, usize)], text: &[u8]) -> BTreeSet<usize> {
        lits.iter()
            .filter(|(l, _)| {
                !l.is_empty()
                    && text.len() >= l.len()
                    && text.iter().zip(l).all(|(&t, &c)| FOLD[t as usize] == c)
            })
            .map(|&(_, r)| r)
            .collect()
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(200))]
        #[test]
        fn walk_reports_the_literals_the_text_starts_with(
            lits in prop::collection::vec(
                (prop::collection::vec(prop::sample::select(b"ab1 -\xc3".to_vec()), 0..6), 0usize..5),
                0..40,
            ),
            text in prop::collection::vec(prop::sample::select(b"aAb1 \t-\xc3\xa9".to_vec()), 0..10),
        ) {
            let mut t = Trie::new();
            for (l, r) in &lits {
                t.insert(l.clone(), *r);
            }
            t.finish();
            for p in 0..=text.len() {
                let mut got = BTreeSet::new();
                t.walk(&text[p..], |r| {
                    got.insert(r);
                });
                prop_assert_eq!(&got, &naive(&lits, &text[p..]));
            }
        }
    }

    #[test]
    fn wide_nodes_use_dense_tables() {
        // Ten children under "x" make a dense table; every child is found.
        let mut t = Trie::new();
        for (i, b) in b"0123456789".iter().enumerate() {
            t.insert(vec![b'x', *b], i);
        }
        t.finish();
        for (i, b) in b"0123456789".iter().enumerate() {
            let mut got = Vec::new();
            t.walk(&[b'X', *b, b'!'], |r| got.push(r));
            assert_eq!(got, vec![i]);
        }
        let mut got = Vec::new();
        t.walk(b"xa", |r| got.push(r));
        assert!(got.is_empty());
    }
}
