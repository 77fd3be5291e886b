//! Finds temporal expressions in text and normalizes them to TIMEX3.
//!
//! [`Tagger`] loads its rules from `resources/timex/` once and is immutable
//! afterwards; [`Tagger::tag`] is a pure function of the text and its
//! [`TimexContext`]. See `docs/time.md` for the design.

pub mod calendar;
pub mod gold;
pub mod rules;
pub mod score;
pub mod timeml;
pub mod value;

use annalist_model::{Region, RegionKind, Sentence, Span, Timex, TimexMod, TimexType};
use rules::RuleSet;
use value::{Anchors, Groups};

/// What the tagger may use besides the text itself.
#[derive(Clone, Copy, Debug, Default)]
pub struct TimexContext<'a> {
    /// Document creation time (ISO 8601), anchor of deictic expressions.
    pub dct: Option<&'a str>,
    /// Regions in text offsets; boilerplate is not tagged except dated
    /// comment headers.
    pub regions: &'a [Region],
    /// Sentences in text offsets (may be empty: the tagger then splits itself).
    pub sentences: &'a [Sentence],
    /// The document tells of a past that its creation time is not part of
    /// (an encyclopedia, a blog post, a Q&A, not news): a narrative's
    /// anaphoric time ("at 12:30 p.m.", "that evening", "in April") before
    /// the story has told any date is of no known day, instead of the
    /// creation time's (or a post header's).
    pub undated_story: bool,
}

/// How a document tells time.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Style {
    /// Historical narrative (the default): bare months, days and weekdays
    /// take their year from the narrative's reference time.
    #[default]
    Narrative,
    /// News: bare months and weekdays are anchored on the creation time.
    News,
}

/// The TIMEX3 tagger.
#[derive(Debug)]
pub struct Tagger {
    rules: RuleSet,
    style: Style,
}

impl Default for Tagger {
    fn default() -> Self {
        Self::new()
    }
}

/// A match before anchoring.
#[derive(Clone, Debug)]
struct Cand {
    span: Span,
    rule: usize,
    raw: String,
    tmod: Option<TimexMod>,
    calendar: Option<String>,
    convert: bool,
    /// A marker says the date is New Style ("N.S.", "by our calendar").
    gregorian: bool,
}

/// Once the narrative has a month-precise date, a bare year further than this
/// from its current reference is an aside and does not move the reference
/// (tuned on WikiWars: 5–30 give the same figure there; 20 keeps the gold's
/// decade-apart flashbacks).
const ASIDE_YEARS: i64 = 20;

/// The first year from which a day date before the Gregorian reform is read
/// as Julian and given in the proleptic Gregorian calendar (the Julian
/// calendar's leap years ran as designed from 8 AD; earlier dates, and the
/// Roman republic's, are left as written).
const JULIAN_SETTLED: i64 = 8;

/// A bare year this much *before* a day-precise reference is a look back
/// ("the Smolny had been the Bolsheviks' headquarters in 1917" in a story of
/// December 1934): the story stays where it was.
const ASIDE_YEARS_BACK: i64 = 5;

/// A bare year this close to the last far one (an aside) is the story
/// moving there, not another aside.
const FAR_AGAIN_YEARS: i64 = 2;

/// How many years after a birth date a bare year is still the life's story
/// (not an aside far from it).
const LIFE_YEARS: i64 = 100;

fn char_floor(s: &str, i: usize) -> usize {
    annalist_model::span::floor_char_boundary(s, i)
}

/// Whether `hay` contains `pat`: for the short raw values of candidates
/// (a few dozen bytes), asked many times per timex, where `str::contains`
/// spent more setting up its two-way search than searching.
#[inline]
fn has(hay: &str, pat: &str) -> bool {
    let (h, p) = (hay.as_bytes(), pat.as_bytes());
    let Some((&first, rest)) = p.split_first() else {
        return true;
    };
    h.iter()
        .enumerate()
        .any(|(i, &b)| b == first && h.get(i + 1..i + p.len()) == Some(rest))
}

/// How many ASCII letters `bytes` starts with. Eight bytes at a time: the
/// scan skips the inside of every word, most of the text.
#[inline]
fn skip_letters(bytes: &[u8]) -> usize {
    const LO: u64 = 0x0101_0101_0101_0101;
    const HI: u64 = 0x8080_8080_8080_8080;
    let mut n = 0;
    while let Some(chunk) = bytes.get(n..n + 8) {
        let mut w = [0u8; 8];
        w.copy_from_slice(chunk);
        let x = u64::from_le_bytes(w);
        // Per byte, with the ASCII case bit set (no byte carries into the
        // next: every byte of `y` below 0x80 stays below 0x100): a letter
        // is 0x61..=0x7a, i.e. y + 0x1f has its high bit and y + 0x05 not.
        let y = (x | (0x20 * LO)) & !HI;
        let letters = (y.wrapping_add(0x1f * LO) & !y.wrapping_add(0x05 * LO)) & HI & !x;
        if letters != HI {
            return n + ((!letters & HI).trailing_zeros() / 8) as usize;
        }
        n += 8;
    }
    n + bytes[n..]
        .iter()
        .position(|b| !b.is_ascii_alphabetic())
        .unwrap_or(bytes.len() - n)
}

impl Tagger {
    /// Loads the embedded rules. Panics only if the shipped rule files are
    /// broken (a unit test loads them).
    pub fn new() -> Self {
        Tagger {
            rules: RuleSet::load().expect("resources/timex rules load"),
            style: Style::Narrative,
        }
    }

    /// The same tagger with another [`Style`].
    pub fn with_style(mut self, style: Style) -> Self {
        self.style = style;
        self
    }

    /// Number of rules loaded.
    pub fn rule_count(&self) -> usize {
        self.rules.rules.len()
    }

    /// Every time expression in `text`, in text offsets, sorted by start.
    pub fn tag(&self, text: &str, ctx: &TimexContext) -> Vec<Timex> {
        self.tag_as(text, ctx, self.style)
    }

    /// [`Tagger::tag`] with another [`Style`] for this text only.
    pub fn tag_as(&self, text: &str, ctx: &TimexContext, style: Style) -> Vec<Timex> {
        let cands = self.find(text, ctx, style);
        self.anchor(text, ctx, cands, style)
    }

    fn in_boilerplate(ctx: &TimexContext, off: usize) -> bool {
        if ctx.regions.is_empty() {
            return false;
        }
        let i = ctx.regions.partition_point(|r| r.span.end <= off);
        match ctx.regions.get(i) {
            Some(r) if r.span.contains_offset(off) => r.kind == RegionKind::Boilerplate,
            _ => false,
        }
    }

    fn find(&self, text: &str, ctx: &TimexContext, style: Style) -> Vec<Cand> {
        let rs = &self.rules;
        let mut scratch = rs
            .scratch
            .lock()
            .ok()
            .and_then(|mut v| v.pop())
            .unwrap_or_default();
        Self::scan(rs, text, &mut scratch);
        Self::propose(rs, text, &mut scratch);
        let starts = std::mem::take(&mut scratch.starts);
        let mut hits = std::mem::take(&mut scratch.hits);
        let mut out = Vec::new();
        let mut pos = 0;
        let mut i = 0;
        while i < starts.len() {
            let s = starts[i].0;
            let mut j = i;
            while j < starts.len() && starts[j].0 == s {
                j += 1;
            }
            if s < pos {
                i = j;
                continue;
            }
            let wend = char_floor(text, s + 200);
            let window = &text[s..wend];
            // Rules matching at s, longest first, then file order.
            hits.clear();
            hits.extend(
                starts[i..j]
                    .iter()
                    .filter(|&&(_, r)| rs.rules[r].style.is_none_or(|st| st == style))
                    .filter_map(|&(_, r)| {
                        let (re, cache) = scratch.rules.get(&rs.rules[r].regex);
                        re.find_end(cache, window).map(|e| (r, e))
                    })
                    .filter(|h| h.1 > 0),
            );
            i = j;
            hits.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
            for &(ri, end) in &hits {
                if let Some(c) = self.try_rule(text, s, ri, end, &mut scratch) {
                    pos = c.span.end;
                    let r = &rs.rules[c.rule];
                    if !r.drop && (r.header || !Self::in_boilerplate(ctx, c.span.start)) {
                        out.push(c);
                    }
                    break;
                }
            }
        }
        scratch.starts = starts;
        scratch.hits = hits;
        if let Ok(mut v) = rs.scratch.lock() {
            v.push(scratch);
        }
        out
    }

    /// One pass over the bytes of `text`: where the words of each `needs`
    /// group start (sorted, one entry per position) into `scratch.needs`,
    /// and the (position, rule) pairs the prefilter literals propose at
    /// word starts into `scratch.proposed`. One trie holds both kinds of
    /// literal, so a word start is walked once. The trie reads the text
    /// through [`rules::FOLD`] (lower case, blanks as spaces) as it walks:
    /// no lower-cased copy is made.
    #[inline(never)]
    fn scan(rs: &RuleSet, text: &str, scratch: &mut rules::Scratch) {
        use rules::class::{ALNUM, ALPHA, NEEDS, ODD};
        let bytes = text.as_bytes();
        let needs = &mut scratch.needs;
        needs.resize_with(64, Vec::new);
        needs.iter_mut().for_each(Vec::clear);
        let proposed = &mut scratch.proposed;
        proposed.clear();
        // The class of the byte before: needed words start words or follow
        // digits ("on", not the "on" of "nation"; "20years"); rule literals
        // start at word starts, and at the few other bytes that start a
        // literal ("'98") when a character starts there.
        let mut prev = 0u8;
        let mut p = 0;
        let class = &rs.byte_class;
        while p < bytes.len() {
            let c = class[bytes[p] as usize];
            if c == 0 {
                // Blanks and most punctuation start nothing.
                prev = 0;
                p += 1;
                continue;
            }
            let (need_here, rule_here) = if c & ALPHA != 0 {
                // A word start (the rest of a word is skipped below).
                (c & NEEDS != 0, prev & ALNUM == 0)
            } else {
                (
                    c & NEEDS != 0 && prev & ALPHA == 0,
                    if c & ALNUM != 0 {
                        prev & ALNUM == 0
                    } else {
                        c & ODD != 0 && text.is_char_boundary(p)
                    },
                )
            };
            prev = c;
            if need_here || rule_here {
                rs.prefilter.walk_split(&bytes[p..], |a, n_rules, n_needs| {
                    // A literal's ids ascend: its rules, then its needs groups.
                    if rule_here && n_rules > 0 {
                        proposed.push((p, a..a + n_rules));
                    }
                    if need_here && n_needs > 0 {
                        for &id in rs.prefilter.ids(a + n_rules..a + n_rules + n_needs) {
                            let k = id as usize - rules::NEEDS_ID;
                            if needs[k].last() != Some(&p) {
                                needs[k].push(p);
                            }
                        }
                    }
                });
            }
            p += 1;
            if c & ALPHA != 0 {
                // Inside a word nothing starts: skip to its end.
                p += skip_letters(&bytes[p..]);
            }
        }
    }

    /// Candidate (start, rule) pairs into `scratch.starts`, sorted and
    /// without repeats: the proposed pairs whose `needs` words are near
    /// (also at the start of an optional lead-in before the position), and
    /// the matches of the unfiltered rules.
    #[inline(never)]
    fn propose(rs: &RuleSet, text: &str, scratch: &mut rules::Scratch) {
        let needs = &scratch.needs;
        // Distance from a position to the nearest word of each group after
        // and before it, computed once per position and group (a digit
        // proposes thirty rules, most of them needing a month name).
        // Positions are asked in increasing order, so each group keeps a
        // cursor at its first word not before the last position asked (a
        // binary search per position and group cost more).
        let mut near_after = [usize::MAX; 64];
        let mut near_before = [usize::MAX; 64];
        let mut cursor = [0usize; 64];
        let mut known: u64;
        let mut needed = |known: &mut u64, p: usize, k: usize, within: isize| {
            if *known & (1 << k) == 0 {
                let v = &needs[k];
                let mut i = cursor[k];
                while v.get(i).is_some_and(|&x| x < p) {
                    i += 1;
                }
                cursor[k] = i;
                near_after[k] = v.get(i).map_or(usize::MAX, |&x| x - p);
                near_before[k] = if i > 0 { p - v[i - 1] } else { usize::MAX };
                *known |= 1 << k;
            }
            if within >= 0 {
                near_after[k] < within.unsigned_abs()
            } else {
                near_before[k] <= within.unsigned_abs()
            }
        };
        let starts = &mut scratch.starts;
        starts.clear();
        // The pairs come by position; `known` and the lead-in are per position.
        let mut lead: Option<usize> = None;
        let mut at = usize::MAX;
        known = 0;
        for (p, range) in &scratch.proposed {
            let p = *p;
            if p != at {
                at = p;
                lead = None;
                known = 0;
            }
            for &r in rs.prefilter.ids(range.clone()) {
                let r = r as usize;
                if let Some((k, within)) = rs.rule_needs[r] {
                    if !needed(&mut known, p, k, within) {
                        continue;
                    }
                }
                if rs.lead_in[r] {
                    let s = *lead.get_or_insert_with(|| {
                        let a = char_floor(text, p.saturating_sub(24));
                        let hay = &text[a..p];
                        // A lead-in ends with blanks after a lead-in word: most
                        // positions are ruled out without the regex.
                        let word = hay.trim_end_matches(char::is_whitespace);
                        let maybe = word.len() < hay.len()
                            && match (word.as_bytes().last(), &rs.lead_in_last) {
                                (None, _) => false,
                                (Some(&b), Some(set)) if b.is_ascii() => {
                                    set[b.to_ascii_lowercase() as usize]
                                }
                                _ => true,
                            };
                        if !maybe {
                            return p;
                        }
                        rs.lead_in_re
                            .find(hay)
                            .filter(|m| m.start() < m.end())
                            .map_or(p, |m| a + m.start())
                    });
                    if s < p {
                        starts.push((s, r));
                    }
                }
                starts.push((p, r));
            }
        }
        for (r, re) in &rs.unfiltered {
            for m in re.find_iter(text) {
                starts.push((m.start(), *r));
            }
        }
        starts.sort_unstable();
        starts.dedup();
    }

    /// Rule `ri`'s match at `s`, which ends at `s + end`, if it stands.
    fn try_rule(
        &self,
        text: &str,
        s: usize,
        ri: usize,
        end: usize,
        scratch: &mut rules::Scratch,
    ) -> Option<Cand> {
        let rs = &self.rules;
        let rule = &rs.rules[ri];
        let wend = char_floor(text, s + 200);
        let mut window = &text[s..wend];
        let (regex, cache) = scratch.rules.get(&rule.regex);
        // The groups are searched for last, once the match has passed the
        // checks below, which do not need them (the backtracking search is
        // the dearest step here; the DFA already found the match).
        let mut end = end;
        let mut e = s + end;
        // Whole words only: never start or end inside a word or number.
        let inside = |a: Option<char>, b: Option<char>| {
            a.zip(b)
                .is_some_and(|(a, b)| a.is_alphanumeric() && b.is_alphanumeric())
        };
        if inside(text[..s].chars().next_back(), text[s..].chars().next()) {
            return None;
        }
        // (nor right after an underscore: "fords_box_7 Apr 20, 2017" is a
        // user name before a date)
        if text[..s].ends_with('_') {
            return None;
        }
        if inside(text[..e].chars().next_back(), text[e..].chars().next()) {
            // An optional tail took the start of the next word ("the August
            // 1988 cease-fire": era "ce"): match again before that word.
            let cut = text[s..e]
                .rfind(|c: char| !c.is_alphanumeric())
                .map(|i| i + 1)
                .unwrap_or(0);
            if cut == 0 {
                return None;
            }
            window = &window[..cut];
            end = regex.find_end(cache, window)?;
            e = s + end;
            if inside(text[..e].chars().next_back(), text[e..].chars().next()) {
                return None;
            }
        }
        // Word boundaries and the global guards.
        let before = &text[char_floor(text, s.saturating_sub(40))..s];
        let after = &text[e..char_floor(text, e + 40)];
        if let Some(r) = &rule.reject_before {
            if scratch.guards.matches(r, before) {
                return None;
            }
        }
        if let Some(r) = &rule.require_before {
            if !scratch.guards.matches(r, before) {
                return None;
            }
        }
        if let Some(r) = &rule.require_after {
            if !scratch.guards.matches(r, after) {
                return None;
            }
        }
        if let Some(r) = &rule.reject_after {
            if scratch.guards.matches(r, after) {
                return None;
            }
        }
        if !regex.captures(cache, window, end) {
            return None;
        }
        let g: Groups = regex.groups(cache, window).collect();
        let raw = value::eval(&rule.value, &g, &rs.lex)?;
        if raw.is_empty() || (!raw.starts_with('@') && !value::valid_value(&raw)) {
            return None;
        }
        let mut tmod = match &rule.tmod {
            Some(t) => TimexMod::parse(&value::eval(t, &g, &rs.lex)?),
            None => None,
        };
        let mut start = s;
        let mut end = e;
        // A modifier just before ("the late", "early", "more than").
        // (Each guard is asked `is_match` first: rarely true, and it does
        // not allocate the capture slots that `captures` does.)
        if let Some(c) = rs
            .modifier_before
            .is_match(before)
            .then(|| rs.modifier_before.captures(before))
            .flatten()
        {
            let m = c.name("m")?;
            if let Some(entry) = rs.lex.get("modifiers").and_then(|l| l.get(m.as_str())) {
                let applies = entry.values.get(1).map(String::as_str).unwrap_or("any");
                let ok = match applies {
                    "date" => matches!(rule.ttype, TimexType::Date | TimexType::Time),
                    "duration" => rule.ttype == TimexType::Duration,
                    _ => true,
                };
                if ok {
                    if tmod.is_none() {
                        tmod = entry.values.first().and_then(|v| TimexMod::parse(v));
                    }
                    start = s - (before.len() - m.start());
                }
            }
        }
        // Calendar markers: "(O.S.)", ", Old Style", "[N.S.]", "by our
        // calendar", "In New Style that is …".
        let mut calendar = rule.calendar.clone().or(rule.calendar_note.clone());
        let mut convert = rule.calendar.as_deref() == Some("julian");
        let mut gregorian = false;
        if calendar.is_none() {
            let which_of = |word: &str| {
                rs.lex
                    .get("calendars")
                    .and_then(|l| l.get(word))
                    .and_then(|e| e.values.first().cloned())
            };
            let mark = rs
                .calendar_after
                .is_match(after)
                .then(|| rs.calendar_after.captures(after))
                .flatten()
                .map(|c| {
                    let word = c.name("c").or(c.name("d")).or(c.name("e"));
                    (c.get(0).map_or(0, |m| m.end()), word)
                })
                .map(|(len, c)| (len, c.map(|m| m.as_str().to_string())));
            let which = if let Some((len, Some(word))) = mark {
                let which = which_of(&word);
                // "(O.S.)" joins the expression; "by our calendar" does not.
                if which.as_deref() != Some("gregorian") {
                    end = e + len;
                }
                which
            } else if let Some(c) = rs
                .calendar_before
                .is_match(before)
                .then(|| rs.calendar_before.captures(before))
                .flatten()
            {
                which_of(c.name("c").or(c.name("c2")).map_or("", |m| m.as_str()))
            } else {
                None
            };
            match which.as_deref() {
                Some("julian") => {
                    calendar = Some("julian".into());
                    convert = true;
                }
                Some("gregorian") => gregorian = true,
                _ => {}
            }
        }
        Some(Cand {
            span: Span::new(start, end),
            rule: ri,
            raw,
            tmod,
            calendar,
            convert,
            gregorian,
        })
    }

    /// Where the clause before `off` starts: `off - max`, or the start of
    /// `off`'s sentence when that is nearer (the lead-in of cue words).
    fn lead_start(text: &str, ctx: &TimexContext, off: usize, max: usize) -> usize {
        let a = char_floor(text, off.saturating_sub(max));
        if !ctx.sentences.is_empty() {
            let i = ctx.sentences.partition_point(|s| s.span.end <= off);
            return match ctx.sentences.get(i) {
                Some(s) if s.span.contains_offset(off) => s.span.start.clamp(a, off),
                _ => a,
            };
        }
        let off = char_floor(text, off);
        let bytes = text.as_bytes();
        let mut hi = off;
        while let Some(i) = text[a..hi].rfind(['.', '!', '?', '\n']) {
            let j = a + i;
            // "Daniel P. Davison": the period of an initial ends nothing.
            let initial = bytes[j] == b'.'
                && j >= 1
                && bytes[j - 1].is_ascii_uppercase()
                && (j < 2 || bytes[j - 2] == b' ');
            if bytes[j] == b'\n'
                || (!initial && bytes.get(j + 1).is_none_or(|c| c.is_ascii_whitespace()))
            {
                return j + 1;
            }
            hi = j;
        }
        a
    }

    /// The happening `eventcues.tsv` ties to lower-case word `lw` ("born"
    /// → birth, "assassination" → killing).
    fn happening_of(&self, lw: &str) -> Option<&String> {
        self.rules.lex.get("eventcues")?.get(lw)?.values.first()
    }

    /// Whether `sentence` has a word `eventcues.tsv` ties to `happening`
    /// ("born" → birth).
    fn tells_of(&self, sentence: &str, happening: &str) -> bool {
        let mut lower = String::new();
        sentence.split(|ch: char| !ch.is_alphanumeric()).any(|w| {
            if w.is_empty() {
                return false;
            }
            // (lower-cased only when it has to be)
            let w = if w.chars().any(char::is_uppercase) {
                lower.clear();
                lower.extend(w.chars().flat_map(char::to_lowercase));
                lower.as_str()
            } else {
                w
            };
            self.happening_of(w).is_some_and(|h| h == happening)
        })
    }

    /// The sentence around `off` (from ctx.sentences, else by punctuation).
    fn sentence_of<'t>(text: &'t str, ctx: &TimexContext, off: usize) -> &'t str {
        if !ctx.sentences.is_empty() {
            let i = ctx.sentences.partition_point(|s| s.span.end <= off);
            if let Some(s) = ctx.sentences.get(i) {
                if s.span.contains_offset(off) {
                    return s.span.slice(text);
                }
            }
        }
        let a = char_floor(text, off.saturating_sub(150));
        let b = char_floor(text, off + 150);
        let off = char_floor(text, off);
        // A sentence ends at a newline, or at . ! ? followed by a blank
        // ("$1.61 a share" and "Sept.30" do not end one).
        let bytes = text.as_bytes();
        let ends_at = |i: usize| {
            bytes[i] == b'\n'
                || (matches!(bytes[i], b'.' | b'!' | b'?')
                    && bytes.get(i + 1).is_none_or(|c| c.is_ascii_whitespace()))
        };
        let stops = ['.', '!', '?', '\n'];
        let mut left = a;
        let mut hi = off;
        while let Some(i) = text[a..hi].rfind(stops) {
            if ends_at(a + i) {
                left = a + i + 1;
                break;
            }
            hi = a + i;
        }
        let mut right = b;
        let mut lo = off;
        while let Some(i) = text[lo..b].find(stops) {
            if ends_at(lo + i) {
                right = lo + i;
                break;
            }
            lo += i + 1;
        }
        text.get(left..right).unwrap_or("")
    }

    /// "Two years after the assassination", "eleven days after Lincoln's
    /// death": when an offset ending with "after"/"before" is followed by
    /// a word of `eventcues.tsv` (after a determiner or an owner's name),
    /// the latest earlier date of the document whose sentence tells of
    /// that happening, nearer to that date than to any other: told with the
    /// same word before a synonym ("the assassination" before "killed"),
    /// naming the owner before not. "The day after the battle" is the last
    /// battle told.
    fn happening_date(
        &self,
        text: &str,
        ctx: &TimexContext,
        span: annalist_model::Span,
        out: &[Timex],
    ) -> Option<String> {
        let own = span.slice(text).trim_end().to_lowercase();
        if !(own.ends_with(" after") || own.ends_with(" before")) {
            return None;
        }
        let trim = |w: &str| {
            w.trim_matches(|ch: char| !ch.is_alphanumeric() && ch != '\'' && ch != '’')
                .to_string()
        };
        let mut owner: Option<String> = None;
        let mut cue = None;
        for w in text.get(span.end..)?.split_whitespace().take(5) {
            let w = trim(w);
            let lw = w.to_lowercase();
            if self.happening_of(&lw).is_some() {
                cue = Some(lw);
                break;
            }
            if matches!(lw.as_str(), "the" | "his" | "her" | "their" | "its") {
                continue;
            }
            let capital = w.starts_with(char::is_uppercase);
            if let Some(o) = w.strip_suffix("'s").or_else(|| w.strip_suffix("’s")) {
                if capital {
                    owner = Some(o.to_string());
                    continue;
                }
            }
            if !capital {
                return None;
            }
        }
        let cue = cue?;
        let happening = self.happening_of(&cue)?;
        let of = |lw: &str| self.happening_of(lw);
        let earlier: Vec<&Timex> = out
            .iter()
            .rev()
            .filter(|t| {
                t.span.end <= span.start
                    && value::parse_point(&t.value).is_some()
                    && !t.value.contains('X')
                    && matches!(t.ttype, TimexType::Date | TimexType::Time)
            })
            .collect();
        // How `t`'s sentence tells of the happening, nearer to `t` than to
        // its other dates: (in the same word, names the owner), `None`
        // when it does not. Read once per date, latest first.
        let telling = |t: &Timex| -> Option<(bool, bool)> {
            let sent = Self::sentence_of(text, ctx, t.span.start);
            let base = sent.as_ptr() as usize - text.as_ptr() as usize;
            // (`out` is in document order: the sentence's dates are a run)
            let lo = out.partition_point(|u| u.span.start < base);
            let dates =
                &out[lo..lo + out[lo..].partition_point(|u| u.span.end <= base + sent.len())];
            let mut at = 0;
            let mut exact = false;
            let mut told = false;
            for w in sent.split_inclusive(|ch: char| !ch.is_alphanumeric()) {
                let start = base + at;
                at += w.len();
                let lw = trim(w).to_lowercase();
                // (not the cue after the offset itself)
                if lw.is_empty() || start >= span.start || of(&lw) != Some(happening) {
                    continue;
                }
                let dist = |u: &Timex| u.span.start.abs_diff(start).min(u.span.end.abs_diff(start));
                if dates.iter().all(|u| dist(u) >= dist(t)) {
                    told = true;
                    exact |= lw == cue;
                }
            }
            let owned = owner.as_deref().is_none_or(|o| sent.contains(o));
            told.then_some((exact, owned))
        };
        let tellings: Vec<(&Timex, (bool, bool))> = earlier
            .iter()
            .filter_map(|&t| telling(t).map(|how| (t, how)))
            .collect();
        // the same word before a synonym, the owner named before not
        for tier in [(true, true), (true, false), (false, true), (false, false)] {
            let fits = |&(exact, owned): &(bool, bool)| (exact || !tier.0) && (owned || !tier.1);
            if let Some((t, _)) = tellings.iter().find(|(_, how)| fits(how)) {
                return Some(t.value.split('T').next().unwrap_or(&t.value).to_string());
            }
        }
        None
    }

    /// Where a document declares that its dates are Old Style ("Until 1918
    /// Russia used the Julian calendar"): the start of the declaring
    /// sentence and the country's first Gregorian day.
    fn julian_declaration(
        &self,
        text: &str,
        ctx: &TimexContext,
    ) -> Option<(usize, (i64, u32, u32))> {
        let rs = &self.rules;
        if rs
            .julian_decl_hint
            .as_ref()
            .is_some_and(|h| !h.is_match(text))
        {
            return None;
        }
        for m in rs.julian_decl.find_iter(text) {
            let sent = Self::sentence_of(text, ctx, m.start());
            if !rs.julian_decl_verb.is_match(sent) {
                continue;
            }
            let Some(k) = rs.calendar_country.captures(sent).and_then(|c| c.name("k")) else {
                continue;
            };
            let change = rs
                .lex
                .get("calendarchanges")
                .and_then(|l| l.get(k.as_str()))
                .and_then(|e| e.values.first())
                .and_then(|v| value::parse_point(v))
                .and_then(|p| Some((p.y, p.m?, p.d?)));
            let Some(change) = change else { continue };
            let sent_start = (sent.as_ptr() as usize).saturating_sub(text.as_ptr() as usize);
            return Some((sent_start.min(m.start()), change));
        }
        None
    }

    /// The calendar of candidate `ci`: its own marker; or the other half of
    /// a double date ("19 December (1 January 1917 by our calendar)" is Old
    /// Style, "27 March 1886 (15 March by the Old Style calendar)" New
    /// Style); or the document's declaration.
    fn calendar_of(
        &self,
        text: &str,
        cands: &[Cand],
        ci: usize,
        declared: Option<(usize, (i64, u32, u32))>,
    ) -> Cal {
        let c = &cands[ci];
        if c.convert {
            return Cal::Julian;
        }
        if c.gregorian || c.calendar.is_some() {
            return Cal::Gregorian;
        }
        let paren = |a: usize, b: usize| {
            b >= a
                && b - a <= 3
                && text
                    .get(a..b)
                    .is_some_and(|g| g.trim() == "(" || g.trim() == "[")
        };
        if let Some(n) = cands
            .get(ci + 1)
            .filter(|n| paren(c.span.end, n.span.start))
        {
            if n.convert {
                return Cal::Gregorian;
            }
            if n.gregorian {
                return Cal::Julian;
            }
        }
        if let Some(p) = ci.checked_sub(1).and_then(|i| cands.get(i)) {
            if paren(p.span.end, c.span.start) && (p.convert || p.gregorian) {
                return Cal::Gregorian;
            }
        }
        match declared {
            Some((from, change)) if c.span.start >= from => Cal::Declared(change),
            _ => Cal::Unmarked,
        }
    }

    /// The changeover of the country a document is about, when writers of
    /// English customarily give that country's dates in its old calendar
    /// unmarked (`calendarchanges.tsv`, flag `unmarked`: England
    /// before 1752, where "Charles I was executed on 30 January 1649" is
    /// an Old Style date): its country words are at least three and more
    /// than half of all the country words of `text`. (A day date before the
    /// Gregorian reform is Julian in any document: `JULIAN_SETTLED`.)
    fn customary_calendar(&self, text: &str) -> Option<Custom> {
        let lex = self.rules.lex.get("calendarchanges")?;
        let mut counts: Vec<(&str, bool, usize)> = Vec::new();
        let mut total = 0;
        for m in self.rules.calendar_country.find_iter(text) {
            let Some(e) = lex.get(&m.as_str().to_lowercase()) else {
                continue;
            };
            let Some(change) = e.values.first() else {
                continue;
            };
            let unmarked = e.flags.iter().any(|f| f == "unmarked");
            total += 1;
            match counts.iter_mut().find(|x| x.0 == change.as_str()) {
                Some(x) => x.2 += 1,
                None => counts.push((change.as_str(), unmarked, 1)),
            }
        }
        let &(change, unmarked, n) = counts.iter().max_by_key(|x| x.2)?;
        if !unmarked || n < 3 || 2 * n <= total {
            return None;
        }
        let p = value::parse_point(change)?;
        Some(Custom {
            change: (p.y, p.m?, p.d?),
        })
    }

    /// Whether day date `day` of candidate `c` is another full day date's
    /// Old Style day made New Style, in a sentence that names a calendar
    /// ("executed on 30 January 1649 … some websites say 9 February 1649
    /// because of the New Style calendar"): New Style already. (Without
    /// the calendar named, ten days apart is as often two days of a story:
    /// the trial on 20 January, the execution on the 30th.) Asked only of
    /// a date the custom would convert.
    fn restated_new_style(
        &self,
        text: &str,
        ctx: &TimexContext,
        cands: &[Cand],
        day: (i64, u32, u32),
        c: &Cand,
    ) -> bool {
        let image = cands.iter().any(|o| {
            value::parse_point(&o.raw).and_then(|p| calendar::julian_to_gregorian(p.y, p.m?, p.d?))
                == Some(day)
        });
        if !image {
            return false;
        }
        let Some(calendars) = self.rules.lex.get("calendars") else {
            return false;
        };
        let sent = Self::sentence_of(text, ctx, c.span.start).to_lowercase();
        calendars
            .entries
            .iter()
            .map(|e| e.surface.as_str())
            .any(|w| {
                w.len() > 3
                    && sent.match_indices(w).any(|(i, _)| {
                        let before = sent[..i].chars().next_back();
                        let after = sent[i + w.len()..].chars().next();
                        !before.is_some_and(char::is_alphanumeric)
                            && !after.is_some_and(char::is_alphanumeric)
                    })
            })
    }

    fn anchor(&self, text: &str, ctx: &TimexContext, cands: Vec<Cand>, style: Style) -> Vec<Timex> {
        let rs = &self.rules;
        let mut dct: Option<String> = ctx.dct.map(|d| d.trim().to_string());
        // Whether the reference is a date the document gave a birth.
        let mut birth_ref = false;
        let mut reference: Option<String> = None;
        let mut reference_day: Option<String> = None;
        let mut reference_month: Option<String> = None;
        // The last date named (asides too), for "that same year" (`@last`).
        let mut last_named: Option<String> = None;
        // The year of the last bare year taken for an aside far back from
        // the story: a second one near it means the story has gone back
        // there ("unveiled in August 2012 … had gone underground in 1961 …
        // Early in 1962 … in July").
        let mut last_far: Option<i64> = None;
        let mut out: Vec<Timex> = Vec::with_capacity(cands.len());
        let declared = self.julian_declaration(text, ctx);
        // (asked only when an unmarked day date falls between the two
        // reforms)
        let mut customary: Option<Option<Custom>> = None;
        let mut comment: Option<usize> = None;
        for (ci, c) in cands.iter().enumerate() {
            let rule = &rs.rules[c.rule];
            let mut anchor = None;
            // Each comment is its own discourse about the post's story: its
            // narrative starts from the main text's focus, not from the last
            // date the post happened to mention.
            let here = ctx.regions.partition_point(|r| r.span.end <= c.span.start);
            let in_comment = ctx
                .regions
                .get(here)
                .filter(|r| r.kind == RegionKind::Comment && r.span.contains_offset(c.span.start))
                .map(|_| here);
            if in_comment.is_some() && in_comment != comment {
                if let Some(f) = focus(ctx, &out) {
                    reference_day = f.1;
                    reference_month = Some(f.0.clone());
                    reference = Some(f.0);
                }
            }
            comment = in_comment;
            // Which calendar this date is written in.
            let cal = self.calendar_of(text, &cands, ci, declared);
            let mut value = if c.raw.starts_with('@') {
                // "December 7 (December 8 in Asia), 1941": a year stated
                // later in the same sentence anchors a bare month or day.
                let mut local_ref = reference.clone();
                if has(&c.raw, "month=") {
                    if let Some(y) = cands[ci + 1..]
                        .iter()
                        .take_while(|n| {
                            n.span.start < c.span.end + 60
                                && !text[c.span.end..n.span.start.max(c.span.end)]
                                    .contains(['.', '!', '?', '\n'])
                        })
                        .find(|n| {
                            n.raw.len() == 4
                                && n.raw.bytes().all(|b| b.is_ascii_digit())
                                // ", 1941" / "), 1941", not "until 1918";
                                // "on 10th December in 1989" too
                                && (text[..n.span.start].trim_end().ends_with([',', ')'])
                                    || text
                                        .get(c.span.end..n.span.start)
                                        .is_some_and(|g| g.trim().eq_ignore_ascii_case("in")))
                        })
                    {
                        local_ref = Some(y.raw.clone());
                    }
                }
                // "August and September 1914", "26 June – 4 August 1952",
                // "the spring and summer of 1979": a bare month, day or
                // season coordinated with a dated one takes its year.
                if (has(&c.raw, "month=") || has(&c.raw, "season="))
                    && !has(&c.raw, " +")
                    && !has(&c.raw, " -")
                {
                    let mut end = c.span.end;
                    for n in &cands[ci + 1..] {
                        let gap = text.get(end..n.span.start).unwrap_or(".");
                        if n.span.start < end || !rs.coordination.is_match(gap) {
                            break;
                        }
                        if !n.raw.starts_with('@') {
                            if let Some(p) = value::parse_point(&n.raw) {
                                local_ref = Some(value::fmt_year(p.y));
                            }
                            break;
                        }
                        end = n.span.end;
                    }
                }
                // An Old Style day and month that is the New Style date
                // already given is that date ("Wikipedia gives 30 December
                // 1916 … a Russian book says 17 December"): take its year.
                // (The same day and month in the same calendar is not: war
                // narratives come back to a day of another year.)
                if let Some(y) =
                    same_day_year(&c.raw, &out, !matches!(cal, Cal::Gregorian | Cal::Unmarked))
                {
                    local_ref = Some(y);
                }
                let a = Anchors {
                    dct: dct.clone(),
                    undated_story: ctx.undated_story,
                    reference: local_ref,
                    reference_day: reference_day.clone(),
                    reference_month: reference_month.clone(),
                    last: last_named.clone(),
                    // (a news story told years after its dates — an
                    // anniversary piece — reads a bare day of a month like a
                    // narrative: "Ten days earlier, on January 20"; a month
                    // alone, weekdays and "yesterday" stay the writer's)
                    narrative: style == Style::Narrative
                        || has(&c.raw, "day=")
                            && {
                                let year = |v: &Option<String>| {
                                    v.as_deref().and_then(value::parse_point).map(|p| p.y)
                                };
                                // (the story's last day, not a year mentioned in
                                // passing: TimeBank's news name past years often)
                                matches!((year(&reference_day), year(&dct)), (Some(r), Some(d)) if (d - r).abs() > 1)
                            },
                    // Only news conventions, weekdays and "the weekend" read
                    // `future` (value::resolve): the cue searches are skipped
                    // for the rest.
                    future: (style == Style::News
                        || has(&c.raw, "wd=")
                        || has(&c.raw, "pastwe")
                        || c.raw.starts_with("@next "))
                        && {
                            // The clause right before the expression.
                            let lead =
                                &text[Self::lead_start(text, ctx, c.span.start, 70)..c.span.start];
                            (rs.future_cue.is_match(lead)
                            || rs.future_cue.is_match(c.span.slice(text))
                            || (has(&c.raw, "month=")
                                && !has(&c.raw, "day=")
                                && rs.future_cue_month.is_match(lead)))
                            // "had been scheduled to expire Friday": a plan
                            // told in the past perfect is over.
                            && !rs.past_plan.is_match(lead)
                        },
                };
                // A day range ("22–25 April", "April 6–7"): the bare day
                // takes its month and year from the date next to it.
                let mut a = a;
                let mut raw = c.raw.as_str();
                if let Some(rest) = c.raw.strip_prefix("@next ") {
                    let next = cands
                        .get(ci + 1)
                        .filter(|n| n.span.start <= c.span.end + 12)
                        .map(|n| {
                            if n.raw.starts_with('@') {
                                value::resolve(&n.raw, &a).0
                            } else {
                                n.raw.clone()
                            }
                        });
                    let Some(next) = next else { continue };
                    a.reference = Some(next);
                    raw = rest;
                } else if let Some(rest) = c.raw.strip_prefix("@prev ") {
                    let prev: Option<&Timex> = out
                        .last()
                        .filter(|p: &&Timex| p.span.end + 12 >= c.span.start);
                    let Some(prev) = prev else { continue };
                    a.reference = Some(prev.value.clone());
                    raw = rest;
                }
                // "two years after the assassination": from the date the
                // document gave that happening, not from the story's now.
                if raw.len() == c.raw.len() && (has(raw, " +") || has(raw, " -")) {
                    if let Some(d) = self.happening_date(text, ctx, c.span, &out) {
                        let day = value::parse_point(&d).is_some_and(|p| p.d.is_some());
                        a.reference_day = day.then(|| d.clone());
                        a.reference_month = Some(d.clone());
                        a.reference = Some(d);
                    }
                }
                // "until 1436, more than twenty years after Hus's death": an
                // offset from a happening set off after a date restates that
                // date, whatever the story's now.
                let offset_from = |w: &str| {
                    let t = c.span.slice(text);
                    t.len() > w.len() && t.ends_with(w) && t[..t.len() - w.len()].ends_with(' ')
                };
                let apposed = (has(raw, " +") || has(raw, " -"))
                    && (offset_from("after") || offset_from("before"))
                    && raw.len() == c.raw.len();
                let apposed = out
                    .last()
                    .filter(|p| {
                        apposed
                            && p.ttype == TimexType::Date
                            && p.span.end <= c.span.start
                            && text[p.span.end..c.span.start].trim() == ","
                            && value::parse_point(&p.value).is_some()
                    })
                    .map(|p| p.value.clone());
                let (v, an) = if let Some(v) = apposed {
                    (v, None)
                } else if raw.len() < c.raw.len() {
                    (value::resolve(&format!("@ref {raw}"), &a).0, None)
                } else {
                    value::resolve(raw, &a)
                };
                anchor = an;
                // (a headline's "Sixty years on": now)
                let untold = reference.is_none() || reference.as_deref() == dct.as_deref();
                match dct.as_deref().and_then(|d| d.get(..4)) {
                    Some(now) if rule.unanchored_now && untold => now.to_string(),
                    _ => v,
                }
            } else {
                c.raw.clone()
            };
            // Earnings reports (news): "a year ago" next to figures is the
            // fiscal quarter named last, a year earlier; "the 1988 period"
            // is that quarter in 1988.
            let year_ago = matches!(c.raw.as_str(), "@dct Y -1Y" | "@ref Y -1Y")
                && (rule.name.starts_with("rel_unit") || rule.name.starts_with("year_ago"));
            let year_period = rule.name == "year_period";
            if style == Style::News && (year_ago || year_period) {
                if let Some((y, q)) = reported_quarter(&out, dct.as_deref()) {
                    let sentence = Self::sentence_of(text, ctx, c.span.start);
                    // "the first nine months … a year earlier" compares the
                    // year to date, not the quarter.
                    let quarterly =
                        rs.finance_cue.is_match(sentence) && !rs.year_to_date.is_match(sentence);
                    // "the first nine months … the 1988 period" stays the
                    // year (its first nine months).
                    if year_period {
                        if let Some(p) = value::parse_point(&value)
                            .filter(|_| !rs.year_to_date.is_match(sentence))
                        {
                            value = format!("{}-Q{q}", value::fmt_year(p.y));
                        }
                    } else if quarterly {
                        value = format!("{}-Q{q}", value::fmt_year(y - 1));
                    }
                }
            }
            let convert = match cal {
                Cal::Julian => true,
                Cal::Declared(change) => {
                    explicit_day(&c.raw)
                        && value::parse_point(&value)
                            .and_then(|p| calendar::julian_to_gregorian(p.y, p.m?, p.d?))
                            .is_some_and(|g| g < change)
                }
                Cal::Unmarked => {
                    let day = value::parse_point(&value).and_then(|p| Some((p.y, p.m?, p.d?)));
                    explicit_day(&c.raw)
                        && day
                            .and_then(|(y, m, d)| calendar::julian_to_gregorian(y, m, d))
                            .is_some_and(|g| {
                                // (before the Gregorian reform every day date
                                // is Julian, the only calendar there was; from
                                // 8 AD, when its leap years settled)
                                (g.0 >= JULIAN_SETTLED && g < calendar::GREGORIAN_REFORM)
                                    || customary
                                        .get_or_insert_with(|| self.customary_calendar(text))
                                        .is_some_and(|c| {
                                            g < c.change && g >= calendar::GREGORIAN_REFORM
                                        })
                            })
                        && !day.is_some_and(|d| self.restated_new_style(text, ctx, &cands, d, c))
                }
                Cal::Gregorian => false,
            };
            let calendar_attr = if convert && cal != Cal::Julian {
                Some("julian".to_string())
            } else {
                c.calendar.clone()
            };
            if convert {
                if let Some(p) = value::parse_point(&value) {
                    if let (Some(m), Some(d)) = (p.m, p.d) {
                        if let Some((y, m, d)) = calendar::julian_to_gregorian(p.y, m, d) {
                            let tail = value.find('T').map(|i| value[i..].to_string());
                            value = format!("{}-{m:02}-{d:02}", value::fmt_year(y));
                            if let Some(t) = tail {
                                value.push_str(&t);
                            }
                        }
                    }
                }
            }
            if !value::valid_value(&value) {
                continue;
            }
            // The narrative reference time moves to each new concrete date,
            // unless it only restates the current one less precisely.
            if matches!(rule.ttype, TimexType::Date | TimexType::Time) {
                if let Some(p) = value::parse_point(&value) {
                    // (where the story is, parsed once for the tests below)
                    let story = reference.as_deref().and_then(value::parse_point);
                    // (the day part: "1940-08-20T17:30" is 1940-08-20)
                    let date = value.split('T').next().unwrap_or(&value).to_string();
                    let keep = story.is_some_and(|r| {
                        r.y == p.y
                            && (p.m.is_none() || (p.m == r.m && (p.d.is_none() || p.d == r.d)))
                    });
                    let lead = &text[Self::lead_start(text, ctx, c.span.start, 60)..c.span.start];
                    // (Asked last, below: most dates settle before it.)
                    let hypothetical = || {
                        rs.no_ref_before.is_match(lead)
                            || rs.pluperfect_clause_before.is_match(
                                &text[Self::lead_start(text, ctx, c.span.start, 200)..c.span.start],
                            )
                    };
                    // A flashback ("a year earlier") does not move the story on.
                    // (But "Seventy-five years ago this evening", a day
                    // counted back in years from the creation time, is where
                    // the story is told from: "a little after five o'clock".)
                    let years_ago_day = c.raw.starts_with("@dct D -")
                        && c.raw.split(' ').nth(2).is_some_and(|o| o.ends_with('Y'));
                    let flashback = c.raw.starts_with('@') && has(&c.raw, " -") && !years_ago_day;
                    // Nor does the writer's present month or year in a story
                    // long past ("I have been rereading the transcripts *this
                    // month*" in a post on the 1895 trial): an aside. (The
                    // writer's day sets a scene that clock times follow:
                    // "*Today* … I'll be down there at 10:50".)
                    let writers_now = c.raw.starts_with("@dct")
                        && !years_ago_day
                        && p.d.is_none()
                        && story.is_some_and(|r| (r.y - p.y).abs() > ASIDE_YEARS);
                    // Nor does a bare year far from the story ("Khrushchev
                    // hinted as much in 1956" in a story of 1934), or one in
                    // parentheses.
                    // (Measured from where the story is now: a biography
                    // told in bare years after a birth date moves on,
                    // "born 13 July 100 BC … in 84 BC … in 60 BC".)
                    // (And a life told from its birth date moves on through
                    // its years: "born in Pisa on 15 February 1564 … in
                    // 1589".)
                    let far = p.m.is_none()
                        && reference_month.is_some()
                        && story.is_some_and(|r| {
                            let life = birth_ref && p.y > r.y && p.y - r.y <= LIFE_YEARS;
                            ((r.y - p.y).abs() > ASIDE_YEARS && !life)
                                || (r.d.is_some() && r.y - p.y > ASIDE_YEARS_BACK)
                        });
                    // (back in time only: later years told after a story
                    // are its aftermath — "the 1999 civil trial … in 2000")
                    let back = story.is_some_and(|r| p.y < r.y);
                    let far = far && {
                        let again =
                            back && last_far.is_some_and(|y| (p.y - y).abs() <= FAR_AGAIN_YEARS);
                        last_far = back.then_some(p.y);
                        !again
                    };
                    // (a month inside a parenthesis is an aside too: "not
                    // the first attempt on his life (a bomb had been hurled
                    // at a car in his motorcade in June 1934), nor even the
                    // first that month")
                    let paren = p.d.is_none() && {
                        let from = char_floor(text, c.span.start.saturating_sub(240));
                        let before = &text[from..c.span.start];
                        before.rfind('(').is_some_and(|i| {
                            !before[i..].contains([')', '\n'])
                                && (p.m.is_none() || before.len() - i > 12)
                        })
                    };
                    // A relative date that had to hang on an older day date
                    // (the reference was a bare year far from it) does not
                    // replace that year.
                    let detached = anchor
                        .as_deref()
                        .and_then(|a| value::parse_point(a.split(' ').next().unwrap_or("")))
                        .zip(story)
                        .is_some_and(|(a, r)| r.m.is_none() && (a.y - r.y).abs() > 1);
                    // "the winter" told in the autumn is next year's but
                    // the story has not got there yet.
                    let coming_winter = c.raw.starts_with('@')
                        && has(&c.raw, "season=WI")
                        && story.is_some_and(|r| r.y != p.y);
                    // A year naming a thing of that year ("annulled the
                    // 1894 judgment", "the 1894 prosecution") is no step of
                    // the story.
                    let attributive = p.m.is_none()
                        && !c.raw.starts_with('@')
                        && rs.attributive_before.is_match(lead)
                        && !rs.attributive_timed.is_match(lead)
                        && text[c.span.end..]
                            .strip_prefix(' ')
                            .is_some_and(|r| r.starts_with(|ch: char| ch.is_lowercase()));
                    let flashback = flashback
                        || far
                        || paren
                        || detached
                        || coming_winter
                        || writers_now
                        || attributive;
                    // Post and comment headers set the creation time only.
                    if !keep
                        && !flashback
                        && !rule.header
                        && !value.contains('X')
                        && !hypothetical()
                    {
                        if p.d.is_some() {
                            reference_day = Some(date.clone());
                        } else if p.m.is_some()
                            && !c.raw.starts_with('@')
                            && reference_day
                                .as_deref()
                                .and_then(value::parse_point)
                                .is_some_and(|r| {
                                    (r.y, r.m) != (p.y, p.m) && (p.y - r.y).abs() <= ASIDE_YEARS
                                })
                        {
                            // "acquitted in January 1898; two days later":
                            // a month and year told in full put the story
                            // in another month, and the last day told is
                            // no anchor for a day count. (One far from it
                            // is an aside: "in August 2012" in a story of
                            // 1962.)
                            reference_day = None;
                        }
                        // (a day counted back in years from now holds the
                        // story's day, but bare years after it still move
                        // the story on: "460 years ago today … Then, in 1609")
                        if p.m.is_some() && !years_ago_day {
                            reference_month = Some(date.clone());
                        }
                        reference = Some(date.clone());
                        birth_ref =
                            self.tells_of(Self::sentence_of(text, ctx, c.span.start), "birth");
                    }
                    if rule.header {
                        dct = Some(date);
                    } else if !value.contains('X') && !paren {
                        last_named = Some(date);
                    }
                }
            }
            out.push(Timex {
                span: c.span,
                text: c.span.slice(text).to_string(),
                ttype: rule.ttype,
                value,
                tmod: c.tmod,
                calendar: calendar_attr,
                anchor,
                freq: None,
                rule: rule.name.clone(),
                header: rule.header,
            });
        }
        out
    }
}

/// The quarter an earnings report is about: the last one named that was
/// over by the creation time (not a forecast of the current one), else the
/// latest named.
fn reported_quarter(out: &[Timex], dct: Option<&str>) -> Option<(i64, u32)> {
    let quarters: Vec<(i64, u32)> = out
        .iter()
        .filter_map(|t| {
            let (y, q) = t.value.split_once("-Q")?;
            Some((y.parse().ok()?, q.parse().ok()?))
        })
        .collect();
    let now = dct
        .and_then(value::parse_point)
        .and_then(|p| Some((p.y, (p.m? - 1) / 3 + 1)));
    quarters
        .iter()
        .rev()
        .find(|&&(y, q)| {
            now.is_some_and(|(ny, nq)| {
                let back = (ny * 4 + nq as i64) - (y * 4 + q as i64);
                (1..=4).contains(&back)
            })
        })
        .or(quarters.iter().max())
        .copied()
}

/// The calendar a date is written in, as far as the document tells.
/// The calendar custom of a document's country ([`Tagger::customary_calendar`]).
#[derive(Clone, Copy)]
struct Custom {
    /// The country's first Gregorian day.
    change: (i64, u32, u32),
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Cal {
    Gregorian,
    /// Marked Old Style: always converted.
    Julian,
    /// Unmarked, in the scope of a declaration: converted when it falls
    /// before the changeover (the first Gregorian day).
    Declared((i64, u32, u32)),
    /// Unmarked, no declaration: converted when the document's country
    /// customarily writes old-calendar dates unmarked and the date falls
    /// before that country's changeover (before the Gregorian reform too
    /// when the country dominates the document: [`Tagger::customary_calendar`]).
    Unmarked,
}

/// The focus of the main text: the month its dates fall in most often (ties:
/// the first), with the first day date of that month.
fn focus(ctx: &TimexContext, out: &[Timex]) -> Option<(String, Option<String>)> {
    let main = |t: &Timex| {
        let i = ctx.regions.partition_point(|r| r.span.end <= t.span.start);
        ctx.regions
            .get(i)
            .is_none_or(|r| r.kind == RegionKind::Main || !r.span.contains_offset(t.span.start))
    };
    let months: Vec<(i64, u32, Option<u32>)> = out
        .iter()
        .filter(|t| t.ttype == TimexType::Date && main(t))
        .filter_map(|t| value::parse_point(&t.value))
        .filter_map(|p| Some((p.y, p.m?, p.d)))
        .collect();
    let mut best: Option<((i64, u32), usize)> = None;
    for &(y, m, _) in &months {
        let n = months.iter().filter(|x| (x.0, x.1) == (y, m)).count();
        if best.is_none_or(|b| n > b.1) {
            best = Some(((y, m), n));
        }
    }
    let ((y, m), _) = best?;
    let day = months
        .iter()
        .find(|x| (x.0, x.1) == (y, m) && x.2.is_some())
        .and_then(|x| x.2)
        .map(|d| format!("{}-{m:02}-{d:02}", value::fmt_year(y)));
    let month = day
        .clone()
        .unwrap_or_else(|| format!("{}-{m:02}", value::fmt_year(y)));
    Some((month, day))
}

/// Whether a raw value takes its day from the text ("17 December", "the
/// 29th"), so that it can be written Old Style; relative days ("the next
/// day") are computed from values that are already Gregorian.
fn explicit_day(raw: &str) -> bool {
    if raw.starts_with('@') {
        // "17 December", not "the 29th" (a day of the reference's month);
        // the first day of a range takes the month of the date after it
        // ("on 14 and 15 October 1586": both Old Style days).
        return has(raw, "day=") && (has(raw, "month=") || raw.starts_with("@next "));
    }
    value::parse_point(raw).is_some_and(|p| p.d.is_some())
}

/// For an Old Style bare `month= day=` directive `raw`, the year in which it
/// is the Gregorian day date given last, as a reference value.
fn same_day_year(raw: &str, out: &[Timex], julian: bool) -> Option<String> {
    if !julian {
        return None;
    }
    if !raw.starts_with('@') || has(raw, " +") || has(raw, " -") {
        return None;
    }
    let key = |k: &str| {
        raw.split_whitespace()
            .find_map(|w| w.strip_prefix(k))
            .and_then(|v| v.parse::<u32>().ok())
    };
    let (m, d) = (key("month=")?, key("day=")?);
    out.iter().rev().find_map(|t| {
        if t.ttype != TimexType::Date && t.ttype != TimexType::Time {
            return None;
        }
        let p = value::parse_point(&t.value)?;
        let (pm, pd) = (p.m?, p.d?);
        [p.y, p.y - 1]
            .into_iter()
            .find(|&y| calendar::julian_to_gregorian(y, m, d) == Some((p.y, pm, pd)))
            .map(|y| format!("{}-{m:02}-{d:02}", value::fmt_year(y)))
    })
}

#[cfg(test)]
mod tests;
