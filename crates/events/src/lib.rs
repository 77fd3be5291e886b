//! Extracts events (birth, death, killing, exile, …) with their roles, time
//! and factuality from one analysed document.
//!
//! [`Extractor`] loads its trigger lexicon from `resources/events/` once;
//! [`Extractor::extract`] is a pure function of its inputs. The approach is
//! described in `docs/events.md`: trigger patterns (data) → a light chunker
//! over the tagged tokens (voice, subject, object, prepositional phrases,
//! appositions, coordination) → role frames (data) → time (clause, sentence,
//! age, narrative) → factuality cues (data).

mod chunk;
mod lexicon;

use annalist_model::interval::interval;
use annalist_model::{
    CleanDoc, EntityType, EventMention, EventTime, EventType, Factuality, MentionForm, RegionKind,
    Role, RoleFiller, Span, TextAnalysis, Timex, TimexMod, TimexType,
};
use chunk::{Np, Sent, SentMentions, C};
use lexicon::{Cl, CueScope, HeadKind, ItemKind, Lexicon};
use std::collections::HashMap;

/// The event-extraction stage.
#[derive(Debug)]
pub struct Extractor {
    lex: Lexicon,
}

impl Default for Extractor {
    fn default() -> Self {
        Self::new()
    }
}

/// A trigger pattern matched in a sentence (token indices of the sentence).
#[derive(Clone, Debug)]
struct Match {
    trig: usize,
    a: usize,
    b: usize,
    gap: Option<(usize, usize)>,
    poss: Option<(usize, usize)>,
}

/// An event before its time is settled.
struct Draft {
    ev: EventMention,
    /// Sentence-level age in years ("at the age of eight").
    age: Option<u32>,
    /// Whether a time may be inferred from the narrative (not for named events).
    narrative: bool,
}

/// Day count of a `YYYY-MM-DD` value (or of its first ten characters).
fn day_count(v: &str) -> Option<i64> {
    let b = v.as_bytes();
    if b.len() < 10 || b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    let y: i64 = v.get(0..4)?.parse().ok()?;
    let m: u32 = v.get(5..7)?.parse().ok()?;
    let d: u32 = v.get(8..10)?.parse().ok()?;
    annalist_time::calendar::valid(y, m, d)
        .then(|| annalist_time::calendar::days_from_civil(y, m, d))
}

fn day_value(n: i64) -> String {
    let (y, m, d) = annalist_time::calendar::civil_from_days(n);
    format!("{y:04}-{m:02}-{d:02}")
}

/// A once-event (`Lexicon::once`) dated twice in one document, once by a date
/// and once by a relative expression resolved against the narrative ("Trotsky
/// died on August 21st, 1940" … "he was attacked in his study …, and died next
/// day"): the date wins, and the event the relative expression hung on — an
/// undated event told before it in the same sentence — is dated by the
/// corrected anchor (the attack: August 20th).
fn correct_relative_dates(drafts: &mut [Draft], timexes: &[Timex], once: &[EventType]) {
    let timex_of = |d: &Draft| {
        d.ev.time
            .as_ref()
            .filter(|t| !t.inferred)
            .and_then(|t| timexes.get(t.timex?))
    };
    let key = |d: &Draft| {
        let e = d.ev.etype.filter(|t| once.contains(t))?;
        let s = d.ev.fillers(Role::Subject).next()?.entity?;
        (d.ev.factuality == Factuality::Asserted).then_some((e, s))
    };
    // Dates stated outright (no anchor), day precision.
    let mut stated: HashMap<(EventType, usize), i64> = HashMap::new();
    for d in drafts.iter() {
        if let (Some(k), Some(t)) = (key(d), timex_of(d)) {
            if t.anchor.is_none() && t.value.len() == 10 {
                if let Some(n) = day_count(&t.value) {
                    stated.entry(k).or_insert(n);
                }
            }
        }
    }
    if stated.is_empty() {
        return;
    }
    let mut fixes: Vec<(usize, String, String)> = Vec::new();
    for (i, d) in drafts.iter().enumerate() {
        let (Some(k), Some(t)) = (key(d), timex_of(d)) else {
            continue;
        };
        let (Some(&want), Some(anchor)) = (stated.get(&k), t.anchor.as_deref()) else {
            continue;
        };
        let (Some(got), Some(base)) = (
            day_count(&t.value).filter(|_| t.value.len() == 10),
            day_count(anchor),
        ) else {
            continue;
        };
        // Only a small slip of the narrative ("next day" off by one).
        if got == want || (got - want).abs() > 7 {
            continue;
        }
        let corrected_anchor = day_value(base + (want - got));
        fixes.push((i, day_value(want), corrected_anchor));
    }
    for (i, value, anchor) in fixes {
        let (sentence, trig) = (drafts[i].ev.sentence, drafts[i].ev.trigger.start);
        let tx = drafts[i].ev.time.as_ref().and_then(|t| t.timex);
        if let Some(t) = drafts[i].ev.time.as_mut() {
            t.value = value;
        }
        for (j, d) in drafts.iter_mut().enumerate() {
            // Undated, or dated by the relative expression that is not its own.
            let hung = match &d.ev.time {
                None => true,
                Some(t) => t.timex.is_some() && t.timex == tx && j != i,
            };
            if d.ev.sentence == sentence && d.ev.trigger.start < trig && hung {
                d.ev.time = Some(EventTime {
                    value: anchor.clone(),
                    timex: None,
                    how: "relative".into(),
                    inferred: false,
                });
            }
        }
    }
}

/// A time that may date an event: a date or a time of day with a value on
/// the calendar, not the header of a post or comment (when it was written).
fn usable(t: &Timex) -> bool {
    matches!(t.ttype, TimexType::Date | TimexType::Time)
        && !t.header
        && interval(&t.value).is_some()
}

fn year_of(value: &str) -> Option<i32> {
    interval(value).map(|i| i.start.year)
}

fn blank_line_between(text: &str, a: usize, b: usize) -> bool {
    let s = text.get(a.min(b)..b).unwrap_or("");
    let mut newlines = 0;
    for c in s.chars() {
        if c == '\n' {
            newlines += 1;
            if newlines >= 2 {
                return true;
            }
        } else if !c.is_whitespace() {
            newlines = 0;
        }
    }
    false
}

impl Extractor {
    pub fn new() -> Self {
        Extractor {
            lex: Lexicon::load(),
        }
    }

    /// Event mentions of `doc`, in analysis-text offsets.
    pub fn extract(
        &self,
        doc: &CleanDoc,
        ta: &TextAnalysis,
        timexes: &[Timex],
    ) -> Vec<EventMention> {
        let text = doc.text.as_str();
        let mut order: Vec<usize> = (0..timexes.len()).collect();
        order.sort_by_key(|&i| timexes[i].span.start);
        let sorted = ta
            .mentions
            .windows(2)
            .all(|w| w[0].span.start <= w[1].span.start);
        let mut by_sentence: Vec<Vec<usize>> = Vec::new();
        if !sorted {
            by_sentence = vec![Vec::new(); ta.sentences.len()];
            for (i, m) in ta.mentions.iter().enumerate() {
                if let Some(v) = by_sentence.get_mut(m.sentence) {
                    v.push(i);
                }
            }
        }
        let mut drafts: Vec<Draft> = Vec::new();
        let mut last_victim: Option<RoleFiller> = None;
        // (sentence, subjects) of the last event told of a group
        let mut last_group: (usize, Vec<RoleFiller>) = (0, Vec::new());
        let mut body_seen = false;
        let mut lowered = String::new();
        for (si, s) in ta.sentences.iter().enumerate() {
            let region = if doc.regions.is_empty() {
                s.region
            } else {
                match doc.region_at(s.span.start) {
                    RegionKind::Boilerplate => RegionKind::Boilerplate,
                    _ => s.region,
                }
            };
            if region == RegionKind::Boilerplate || s.tokens.1 <= s.tokens.0 {
                continue;
            }
            let words = Sent::words(text, ta, si, &self.lex, &mut lowered);
            if words.is_empty() {
                continue;
            }
            let body_before =
                std::mem::replace(&mut body_seen, words.iter().any(|w| w.has(Cl::Bodynoun)));
            let first = order.partition_point(|&i| timexes[i].span.start < s.span.start);
            // Most sentences can yield no event: no trigger word (the only
            // way into `find_matches`), no "(" with two dates in the sentence
            // (`lifespans`) and no title among its mentions
            // (`possessed_works`). Those skip the chunker's set-up (mentions
            // per token, classes, clause breaks), most of the cost; what
            // carries over to the next sentence (`body_seen`) is set above,
            // and `last_victim` changes only with an event.
            let ms = SentMentions::of(ta, s.span, si, sorted, &by_sentence);
            let dates_here = order[first..]
                .iter()
                .take_while(|&&i| timexes[i].span.start < s.span.end)
                .count();
            let paren = words.iter().any(|w| w.lower == "(");
            let may_yield = (0..words.len()).any(|i| self.may_match(&words, i))
                || (paren && dates_here >= 2)
                // (one date after a cue opening any parenthesis:
                // "Wycliffe (d. 1384)")
                || (dates_here == 1
                    && words.windows(2).any(|p| {
                        p[0].lower == "(" && (p[1].has(Cl::Lifeborn) || p[1].has(Cl::Lifedied))
                    }))
                // (a work cited with its year: "X's Title (1995)")
                || (paren
                    && words.iter().any(|w| w.lower == "'s" || w.lower == "’s")
                    && dates_here >= 1)
                || ms.iter().any(|m| ta.mentions[m].etype == EntityType::Work);
            if !may_yield {
                continue;
            }
            let mut sent = Sent::from_words(words, text, ta, si, &self.lex, &ms);
            // Timexes of this sentence: (index, token position).
            let stx: Vec<(usize, usize)> = order[first..]
                .iter()
                .copied()
                .take_while(|&i| timexes[i].span.start < s.span.end)
                .filter(|&i| s.span.contains(timexes[i].span))
                .map(|i| {
                    let pos = sent
                        .w
                        .iter()
                        .position(|w| w.span.end > timexes[i].span.start)
                        .unwrap_or(0);
                    (i, pos)
                })
                .collect();
            for &(i, pos) in &stx {
                sent.mark_timex(pos, timexes[i].span);
            }
            let age = self.age_in_sentence(&sent, &stx, timexes);
            let flagged = doc.flagged.iter().any(|(f, _)| f.overlaps(s.span));
            let mut ctx = SentCtx {
                sent: &sent,
                si,
                region,
                flagged,
                stx: &stx,
                timexes,
                matches: Vec::new(),
                age,
                sentence_span: s.span,
                last_victim: last_victim.clone(),
                body_before,
                last_group: if si <= last_group.0 + GROUP_REACH {
                    last_group.1.clone()
                } else {
                    Vec::new()
                },
            };
            let (life, consumed) = self.lifespans(&ctx);
            drafts.extend(life);
            let works = self.possessed_works(&ctx);
            let done: Vec<Span> = works.iter().map(|d| d.ev.trigger).collect();
            drafts.extend(works);
            drafts.extend(self.cited_works(&ctx, &done));
            let (matches, alternatives) = self.find_matches(&sent);
            let matches: Vec<Match> = matches
                .into_iter()
                .filter(|m| !consumed.iter().any(|&(a, b)| m.a < b && a < m.b))
                .collect();
            ctx.matches = matches.clone();
            let before = drafts.len();
            for m in &matches {
                let built = self.build(&ctx, m);
                // (a veto, "emit=none", holds its words)
                if !built.is_empty() || self.lex.triggers[m.trig].frame.veto {
                    drafts.extend(built);
                    continue;
                }
                // A pattern whose frame does not fit leaves its head word
                // to another pattern ("entered the city" is no joining,
                // "entered the University" no move; "flew to Belgrade" is
                // no passive "was flown to").
                for alt in alternatives.iter().filter(|x| x.a == m.a) {
                    let built = self.build(&ctx, alt);
                    if !built.is_empty() {
                        drafts.extend(built);
                        break;
                    }
                }
            }
            for d in &drafts[before..] {
                let victim = matches!(
                    d.ev.etype,
                    Some(EventType::Death | EventType::Killing | EventType::Execution)
                ) && d.ev.factuality == Factuality::Asserted;
                if victim {
                    last_victim = d.ev.fillers(Role::Subject).next().cloned();
                }
            }
            // one draft per subject: a group is a run of drafts of one
            // trigger
            let mut k = before;
            while k < drafts.len() {
                let d = &drafts[k].ev;
                let run = drafts[k..]
                    .iter()
                    .take_while(|x| x.ev.trigger == d.trigger && x.ev.etype == d.etype)
                    .count();
                if run >= 2 && d.factuality == Factuality::Asserted {
                    let group: Vec<RoleFiller> = drafts[k..k + run]
                        .iter()
                        .filter_map(|x| x.ev.fillers(Role::Subject).next().cloned())
                        .collect();
                    last_group = (si, group);
                }
                k += run;
            }
        }
        self.settle_times(doc, ta, timexes, drafts)
    }

    /// Whether a trigger headed by token `i` of `words` could match: each
    /// word its pattern requires after the head occurs at or after `i`
    /// (items match consecutive tokens from the head on). A cheap superset
    /// of [`Extractor::find_matches`]' candidates, asked before the chunker
    /// is set up: "had" heads "have _ killed", and most sentences with
    /// "had" have no "killed".
    fn may_match(&self, words: &[chunk::W], i: usize) -> bool {
        let Some(cands) = self.lex.triggers_of(words[i].lower, words[i].bits) else {
            return false;
        };
        let rest = &words[i..];
        cands.iter().any(|&t| {
            self.lex.triggers[t]
                .items
                .iter()
                .skip(1)
                .all(|item| match &item.kind {
                    ItemKind::Words(set) if !item.optional => rest
                        .iter()
                        .any(|w| w.bits & lexicon::REQUIRED_BIT != 0 && set.contains(w.lower)),
                    _ => true,
                })
        })
    }

    /// Every trigger match of the sentence, overlaps resolved in favour of
    /// the longest (then strongest) pattern; and the matches left out that
    /// share the head word of a kept one, longest first (tried when its
    /// frame fits nothing).
    fn find_matches(&self, sent: &Sent) -> (Vec<Match>, Vec<Match>) {
        let mut all = Vec::new();
        for i in 0..sent.len() {
            let Some(cands) = self.lex.triggers_of(sent.w[i].lower, sent.w[i].bits) else {
                continue;
            };
            for &t in cands {
                if let Some(m) = self.match_at(sent, t, i) {
                    all.push(m);
                }
            }
        }
        all.sort_by(|x, y| {
            (y.b - y.a)
                .cmp(&(x.b - x.a))
                .then(
                    self.lex.triggers[y.trig]
                        .weight
                        .total_cmp(&self.lex.triggers[x.trig].weight),
                )
                .then(x.a.cmp(&y.a))
        });
        let mut kept: Vec<Match> = Vec::new();
        let mut alternatives: Vec<Match> = Vec::new();
        for m in all {
            if kept.iter().all(|k| m.b <= k.a || k.b <= m.a) {
                kept.push(m);
            } else if kept.iter().any(|k| k.a == m.a) {
                alternatives.push(m);
            }
        }
        kept.sort_by_key(|m| m.a);
        (kept, alternatives)
    }

    fn match_at(&self, sent: &Sent, t: usize, i: usize) -> Option<Match> {
        let trig = &self.lex.triggers[t];
        let items = &trig.items;
        // Nouns and verbs sharing a form ("murder"): the context decides
        // (multiword patterns carry their own context).
        let single = items.len() == 1;
        match trig.head {
            HeadKind::Noun if single && (sent.verbal_context(i) || sent.modifies_noun(i)) => {
                return None
            }
            HeadKind::Verb | HeadKind::Lit
                if (single && sent.nominal_context(i)) || sent.w[i].mention.is_some() =>
            {
                return None
            }
            // An adjective sharing a verb's base form ("once he was *free*"):
            // no verb, unless it is a participle the tagger read as one
            // ("was *injured*").
            HeadKind::Verb
                if single
                    && sent.ta_upos(i) == Some("ADJ")
                    && !trig.participles.contains(sent.w[i].lower) =>
            {
                return None
            }
            _ => {}
        }
        let mut m = Match {
            trig: t,
            a: i,
            b: i,
            gap: None,
            poss: None,
        };
        if self.match_items(sent, items, 0, i, &mut m) {
            Some(m)
        } else {
            None
        }
    }

    fn match_items(
        &self,
        sent: &Sent,
        items: &[lexicon::Item],
        k: usize,
        pos: usize,
        m: &mut Match,
    ) -> bool {
        let Some(item) = items.get(k) else {
            m.b = pos;
            return true;
        };
        if item.optional && self.match_items(sent, items, k + 1, pos, m) {
            return true;
        }
        let Some(w) = sent.w.get(pos) else {
            return false;
        };
        match &item.kind {
            ItemKind::Words(set) => {
                // A pattern's last word owned, or capitalised before an
                // owner's name, is a modifier or a title, no office held:
                // "serving as the President's physician", "was Emperor
                // Haile Selassie's son-in-law" (but "threw in their lot
                // with Trotsky", "became King James I of England": the
                // office and the name taken with it).
                let titled = || {
                    k > 0
                        && k + 1 == items.len()
                        && sent.w.get(pos + 1).is_some_and(|x| {
                            x.class == C::PossMark
                                || (x.mention.is_some()
                                    && x.mention != w.mention
                                    && w.text.starts_with(char::is_uppercase)
                                    && sent.w[pos + 1..]
                                        .iter()
                                        .find(|y| y.mention != x.mention)
                                        .is_some_and(|y| y.class == C::PossMark))
                        })
                };
                set.contains(w.lower)
                    && !titled()
                    && self.match_items(sent, items, k + 1, pos + 1, m)
            }
            ItemKind::Det => w.class == C::Det && self.match_items(sent, items, k + 1, pos + 1, m),
            ItemKind::Poss => {
                if w.class == C::Poss || w.glued_poss {
                    m.poss = Some((pos, pos + 1));
                    return self.match_items(sent, items, k + 1, pos + 1, m);
                }
                // A name followed by 's.
                let mut e = pos;
                while e < sent.len() && e - pos < 5 && sent.w[e].mention.is_some() {
                    e += 1;
                }
                if e > pos && sent.w.get(e).is_some_and(|x| x.class == C::PossMark) {
                    m.poss = Some((pos, e));
                    return self.match_items(sent, items, k + 1, e + 1, m);
                }
                false
            }
            ItemKind::Gap => {
                // ("spent *sixteen years* in prison": a time fills it too)
                if sent.in_timex(pos) {
                    let mut e = pos;
                    while e < sent.len() && sent.in_timex(e) {
                        e += 1;
                    }
                    if e - pos > 6 {
                        return false;
                    }
                    // (the time may end with the pattern's next word:
                    // "held for *533* days", the unit a word of the
                    // pattern — the whole time first)
                    for end in (pos + 1..=e).rev() {
                        m.gap = Some((pos, end));
                        if self.match_items(sent, items, k + 1, end, m) {
                            return true;
                        }
                    }
                    return false;
                }
                let Some(np) = sent.np_right(pos) else {
                    return false;
                };
                if np.b - pos > 6 {
                    return false;
                }
                // (the phrase may have run over the pattern's next word:
                // "found Karl Kopp *dead*" — then the gap ends before it;
                // a gap ending with a name is tried first: "appointed
                // *Joseph Ileo* prime minister", not "Joseph Ileo prime")
                let name_end = |e: usize| {
                    sent.w[e - 1].mention.is_some()
                        && sent
                            .w
                            .get(e)
                            .is_none_or(|x| x.mention != sent.w[e - 1].mention)
                };
                let ends = (pos + 1..=np.b).rev();
                ends.clone()
                    .filter(|&e| name_end(e))
                    .chain(ends.filter(|&e| !name_end(e)))
                    .any(|e| {
                        m.gap = Some((pos, e));
                        self.match_items(sent, items, k + 1, e, m)
                    })
            }
        }
    }

    /// Fillers for a role from noun phrases.
    fn fillers(&self, ctx: &SentCtx, nps: &[Np], role: Role) -> Vec<RoleFiller> {
        let sent = ctx.sent;
        let mut out = Vec::new();
        let named_beside = nps.iter().any(|n| n.mention.is_some() || n.pronoun);
        for np in nps {
            // "Eight men were tried in the Red Fort: Godse, Apte, …": a
            // counted group named by a list after it is each one named.
            let counted = matches!(role, Role::Subject | Role::Agent) && sent.counted_group(np);
            // (a list never names more than the number counted)
            let count = sent.count_of(np);
            if counted
                || (!np.pronoun && np.mention.is_none() && self.lex.is(Cl::Members, &np.head))
            {
                let listed = sent.list_after(np.b);
                if !listed.is_empty() && count.is_none_or(|n| listed.len() <= n) {
                    for mi in listed {
                        out.push(named(sent, mi, role, sent.mention(mi).span));
                    }
                    continue;
                }
                // "Mandela and seven other accused": the others, unnamed —
                // not an earlier list of names
                if named_beside {
                    continue;
                }
            }
            // "they" left unresolved by the text stage: the last list of
            // coordinated names ("Zinoviev and Kamenev were arrested …; … they
            // were shot").
            // ("The couple arrived", "the conspirators were hanged": the
            // same, for a noun of people named together)
            // ("two of his companions": some of a group, never the last
            // group named)
            let some_of = sent.w.get(np.b).is_some_and(|w| w.lower == "of");
            if counted && some_of {
                continue;
            }
            // "police killed a 16-year-old, Larry Payne": named in apposition
            // ("his only novel, The Picture of Dorian Gray, appeared": a work)
            let apposed_type = match role {
                Role::Subject | Role::Agent => Some(EntityType::Person),
                Role::Work => Some(EntityType::Work),
                _ => None,
            };
            if let Some(etype) = apposed_type {
                let apposed = sent.apposed_names(np, etype);
                if !apposed.is_empty() {
                    for mi in apposed {
                        out.push(named(sent, mi, role, sent.mention(mi).span));
                    }
                    continue;
                }
            }
            // "Both men were executed": the last two people named (as a
            // clause's subject only: in "Wills sentenced both men" the last
            // named is the judge)
            if !np.pronoun
                && np.mention.is_none()
                && np.b == np.a + 2
                && sent.w[np.a].lower == "both"
                && self.lex.is(Cl::People, &np.head)
                && !(sent.clause_of(np.a).0..np.a).any(|k| sent.is_verbish(k))
            {
                let pair = sent.last_two_of_any_sex(np.a);
                if pair.len() == 2 {
                    for mi in pair {
                        out.push(named(sent, mi, role, sent.np_span(np)));
                    }
                    continue;
                }
            }
            let members = !np.pronoun
                && np.mention.is_none()
                && (self.lex.is(Cl::Members, &np.head) || (counted && sent.is_number(np.b - 1)));
            if members
                || (np.pronoun
                    && np.mention.is_none()
                    && matches!(np.head.as_str(), "they" | "them"))
            {
                let mut pair = sent.resolve_plural(np.a);
                // "They were married", "they wed": with no list of names,
                // the last two people named
                if pair.is_empty()
                    && np.pronoun
                    && np.head == "they"
                    && (np.b..(np.b + 3).min(sent.len()))
                        .any(|k| self.lex.is(Cl::Reciprocal, sent.w[k].lower))
                {
                    pair = sent.last_two_people(np.a);
                }
                // "the accused", "the conspirators" before any list in
                // their own sentence: the last group an event was told of
                // (not "The defence team included A, B and C. … the accused
                // were re-arrested")
                let in_sentence = pair
                    .first()
                    .is_some_and(|&mi| sent.mention(mi).span.start >= ctx.sentence_span.start);
                if members && !in_sentence {
                    pair.clear();
                    // ("all fourteen" are not the five last named)
                    let group: &[RoleFiller] = match count {
                        Some(n) if n != ctx.last_group.len() => &[],
                        _ => &ctx.last_group,
                    };
                    for f in group {
                        out.push(RoleFiller {
                            role: Some(role),
                            span: sent.np_span(np),
                            ..f.clone()
                        });
                    }
                    if !group.is_empty() {
                        continue;
                    }
                    // "the couple were driven away": the last man and
                    // woman named
                    if self.lex.is(Cl::Couple, &np.head) {
                        pair = sent.last_two_people(np.a);
                    }
                }
                // ("the eight" after a list of names in the sentence: as
                // many as counted)
                if count.is_some_and(|n| n != pair.len()) {
                    pair.clear();
                }
                // (a plural noun phrase between the pair and the pronoun is
                // the closer antecedent: "freed three Taliban prisoners
                // and sent them to Qatar")
                let after = pair.last().map_or(0, |&mi| sent.mention(mi).span.end);
                if pair.is_empty() && members {
                    out.extend(self.filler(ctx, np, role));
                    continue;
                }
                if !members && self.plural_phrase_between(ctx, after, np.a) {
                    continue;
                }
                for mi in pair {
                    out.push(named(sent, mi, role, sent.np_span(np)));
                }
                continue;
            }
            out.extend(self.filler(ctx, np, role));
        }
        out
    }

    /// A plural common noun (no name, no time: "prisoners", not
    /// "years") after byte `from` and before token `i` of the sentence.
    fn plural_phrase_between(&self, ctx: &SentCtx, from: usize, i: usize) -> bool {
        let sent = ctx.sent;
        (0..i.min(sent.len())).any(|k| {
            let w = &sent.w[k];
            w.span.start >= from
                && w.class == C::Noun
                && w.mention.is_none()
                && w.text.starts_with(|c: char| c.is_lowercase())
                && w.lower.len() > 3
                && w.lower.ends_with('s')
                && !w.lower.ends_with("ss")
                && !ctx.timexes.iter().any(|t| t.span.contains(w.span))
        })
    }

    fn filler(&self, ctx: &SentCtx, np: &Np, role: Role) -> Option<RoleFiller> {
        let sent = ctx.sent;
        // "attacked his house" → him.
        if matches!(role, Role::Subject) && self.lex.is(Cl::Proxy, &np.head) {
            if let Some(p) = &np.possessor {
                return self.filler(ctx, p, role);
            }
        }
        // "attacked by a blow to the head", "killed by a bomb": a by-phrase
        // naming a blow is the means, and one naming a weapon the
        // instrument, never the agent.
        let role = if role == Role::Agent && np.mention.is_none() && !np.pronoun {
            if self.lex.is(Cl::Act, &np.head) {
                return None;
            }
            if self.lex.is(Cl::Weapon, &np.head) {
                Role::Instrument
            } else {
                role
            }
        } else {
            role
        };
        // "he went to Yusupov's palace": a named person's house is a visit
        // to that person, not a destination to move to.
        if role == Role::Destination
            && np
                .possessor
                .as_ref()
                .is_some_and(|p| !p.pronoun && names_person(sent, p))
        {
            return None;
        }
        let span = sent.np_span(np);
        // Time expressions are times, not places or objects.
        if ctx
            .stx
            .iter()
            .any(|&(ti, _)| ctx.timexes[ti].span.overlaps(span) && np.mention.is_none())
        {
            return None;
        }
        let mention = if np.pronoun {
            sent.parenthetical_antecedent(np.a)
        } else {
            None
        }
        .or(np.mention)
        .or_else(|| {
            // "Bernard Lazare, whose pamphlet": the name before the comma
            if np.head == "whose" {
                return np
                    .a
                    .checked_sub(2)
                    .filter(|&k| sent.w[k + 1].lower == ",")
                    .and_then(|k| sent.w[k].mention);
            }
            if np.pronoun || np.head == "his" || np.head == "her" {
                sent.resolve_pronoun(np.a)
            } else {
                None
            }
        })
        .or_else(|| {
            // "Karl Liebknecht, a lawyer born in Leipzig": a description
            // set off after a person's name, or predicated of it, is that
            // person
            if !matches!(role, Role::Subject | Role::Agent) || np.pronoun {
                return None;
            }
            // (an article: "According to Thucydides, *this* fleet sailed"
            // is a new clause)
            if !matches!(sent.w.get(np.a)?.lower, "a" | "an" | "the") {
                return None;
            }
            let k = np.a.checked_sub(2)?;
            // (or the predicate of "be" after a person's name: "Socrates
            // was a Greek philosopher born in 479 BC")
            if sent.w[k + 1].lower != "," && sent.w[k + 1].class != C::Be {
                return None;
            }
            let m = sent.w[k].mention?;
            let start = sent.mention_run(k).0;
            // (nor the object of an opening preposition: "After Trotsky,
            // the party split")
            let governed = start > 0 && sent.w[start - 1].class == C::Prep;
            (sent.mention(m).etype == EntityType::Person && !governed).then_some(m)
        });
        let etype = mention.map(|m| sent.mention(m).etype);
        let first_cap = sent.w[np.a..np.b]
            .iter()
            .find(|w| !matches!(w.class, C::Det | C::Poss))
            .is_some_and(|w| w.text.chars().next().is_some_and(char::is_uppercase));
        let ok = match role {
            Role::Place | Role::Destination => match etype {
                // (a destination the tagger took for a person, a lone word
                // with nothing of a person: "moved to Nikolayev" — the kb
                // types it by the role)
                Some(EntityType::Person) => {
                    role == Role::Destination
                        && !np.pronoun
                        && mention.is_some_and(|mi| {
                            let mm = sent.mention(mi);
                            !mm.text.contains(' ')
                                && mm.form == annalist_model::MentionForm::Name
                                && sent
                                    .ta
                                    .entities
                                    .get(mm.entity)
                                    .is_some_and(|le| le.gender.is_none() && !le.name.contains(' '))
                        })
                }
                Some(t) => matches!(t, EntityType::Place | EntityType::Organization),
                // (an unnamed place where something happened is a
                // capitalised phrase whose head is capitalised too: not "in
                // Israeli artillery shelling"; a destination may be "the
                // Persian front")
                None => {
                    let head_cap = role == Role::Destination
                        || sent.w[np.a..np.b]
                            .last()
                            .is_some_and(|w| w.text.chars().next().is_some_and(char::is_uppercase));
                    // ("the Auschwitz concentration camp": a named site)
                    let site = first_cap && self.lex.is(Cl::Sitenoun, &np.head);
                    !np.pronoun
                        && !owned_by_person(sent, np)
                        && !hyphen_modifier(sent, np)
                        && ((first_cap && head_cap) || site || self.lex.is(Cl::Placenoun, &np.head))
                }
            },
            // (a person is a companion, no instrument: "murdered with his
            // wife")
            Role::Instrument => {
                etype.is_none() && !np.pronoun && !self.lex.is(Cl::People, &np.head)
            }
            Role::Work => match etype {
                Some(t) => !matches!(t, EntityType::Person | EntityType::Place),
                None => first_cap || self.lex.is(Cl::Worknoun, &np.head),
            },
            Role::Organization => match etype {
                Some(t) => !matches!(t, EntityType::Person | EntityType::Place),
                None => !np.pronoun,
            },
            Role::Subject | Role::Agent => mention.is_some() || !np.pronoun,
        };
        if !ok {
            return None;
        }
        Some(match mention {
            Some(m) => {
                let mm = sent.mention(m);
                RoleFiller {
                    role: Some(role),
                    entity: Some(mm.entity),
                    text: mm.text.clone(),
                    span: if np.pronoun { span } else { mm.span },
                }
            }
            None => RoleFiller {
                role: Some(role),
                entity: None,
                text: sent.text_of(np.a, np.b).to_string(),
                span,
            },
        })
    }

    /// Prepositional phrases from token `from` to the end of the clause.
    /// With `contiguous`, only the chain of phrases right after `from`
    /// (the complements of a noun: "the murder of Kirov by Nikolaev").
    fn pps(
        &self,
        sent: &Sent,
        from: usize,
        end: usize,
        contiguous: bool,
    ) -> Vec<(String, Vec<Np>)> {
        let mut out = Vec::new();
        let mut i = from;
        let mut steps = 0;
        while i < end.min(sent.len()) && steps < 30 {
            steps += 1;
            if i > from && sent.clause_break(i) {
                break;
            }
            // Multiword prepositions first.
            let mut prep = None;
            for (p, canon) in &self.lex.mwprep {
                if p.iter()
                    .enumerate()
                    .all(|(k, w)| sent.w.get(i + k).is_some_and(|x| x.lower == w.as_str()))
                {
                    prep = Some((canon.clone(), p.len()));
                    break;
                }
            }
            if prep.is_none() && sent.w[i].class == C::Prep {
                prep = Some((sent.w[i].lower.to_string(), 1));
            }
            let Some((p, n)) = prep else {
                if contiguous && !matches!(sent.w[i].class, C::Adv) {
                    break;
                }
                i += 1;
                continue;
            };
            let k = sent.skip_adverbs(i + n);
            match sent.np_right(k) {
                Some(np) => {
                    let mut nps = sent.coordinated_right(np);
                    // A noun's complements end where a conjunct names
                    // another event ("Julia's death in 54 BC and the death
                    // of Crassus": "of Crassus" is the second death's).
                    if contiguous {
                        // (heads are lower-cased words)
                        if let Some(cut) = nps.iter().skip(1).position(|x| {
                            self.lex
                                .triggers_of(&x.head, self.lex.bits(&x.head))
                                .is_some()
                        }) {
                            nps.truncate(cut + 1);
                            out.push((p, nps));
                            break;
                        }
                    }
                    i = nps.last().map(|x| x.b).unwrap_or(k + 1);
                    out.push((p, nps));
                }
                None => i = k.max(i + 1),
            }
        }
        out
    }

    fn build(&self, ctx: &SentCtx, m: &Match) -> Vec<Draft> {
        let sent = ctx.sent;
        let trig = &self.lex.triggers[m.trig];
        let frame = &trig.frame;
        if frame.veto {
            return vec![];
        }
        let h = m.a;
        let mut etype = trig.etype;
        let mut roles: Vec<(Role, RoleFiller)> = Vec::new();
        let push = |roles: &mut Vec<(Role, RoleFiller)>, fs: Vec<RoleFiller>| {
            for f in fs {
                let r = f.role.unwrap_or_default();
                let dup = roles.iter().any(|(rr, x)| {
                    *rr == r
                        && match (x.entity, f.entity) {
                            (Some(a), Some(b)) => a == b,
                            _ => x.span.overlaps(f.span),
                        }
                });
                if !dup {
                    roles.push((r, f));
                }
            }
        };
        let (clause_a, clause_b) = sent.clause_of(h);
        let mut passive = false;
        let mut after = m.b;
        // (the trigger took a direct object: "arrested *everyone*")
        let mut had_object = false;
        // The pattern ends with its preposition ("fired *at*", "sided
        // *with*"): the phrase after it is that preposition's, no object.
        let ends_in_prep = m.b >= m.a + 2 && sent.w[m.b - 1].class == C::Prep;
        let mut self_filled = false;

        if let Some(mi) = sent.w[h].mention {
            // A title ("Who Killed Kirov?", "Stalin and the Kirov Murder") tells no event.
            if sent.mention(mi).etype == EntityType::Work {
                return vec![];
            }
        }
        if trig.head == HeadKind::Noun {
            // Inside a proper name ("History of the Russian Revolution")?
            if let Some(mi) = sent.w[h].mention.filter(|_| frame.slot("self").is_some()) {
                let mm = sent.mention(mi);
                // Heading the complement of another head ("Women Writers of
                // the Revolution"): the name is not the event's. ("The State
                // of Katanga rebellion" is headed by the trigger.)
                let before = (0..h)
                    .rev()
                    .take_while(|&k| sent.w[k].mention == Some(mi))
                    .find(|&k| sent.w[k].class != C::Det);
                if before.is_some_and(|k| sent.w[k].lower == "of") {
                    return vec![];
                }
                // Not inside the name of a work, place or body ("Special
                // Department for Combat of Counter-Revolution").
                if !matches!(
                    mm.etype,
                    EntityType::Work | EntityType::Place | EntityType::Organization
                ) && mm.text.chars().next().is_some_and(char::is_uppercase)
                {
                    self_filled = true;
                    roles.push((
                        Role::Subject,
                        RoleFiller {
                            role: Some(Role::Subject),
                            entity: Some(mm.entity),
                            text: mm.text.clone(),
                            span: mm.span,
                        },
                    ));
                }
                let (_, b) = (h..sent.len())
                    .take_while(|&k| sent.w[k].mention == Some(mi))
                    .fold((h, h), |(a, _), k| (a, k + 1));
                after = after.max(b);
            } else if sent.w.get(m.b).is_some_and(|w| {
                matches!(w.class, C::Noun) || (w.class == C::Other && !sent.is_verbish(m.b))
            }) && m.b == h + 1
            {
                // A modifier of another noun ("death sentences", "murder weapon").
                return vec![];
            }
            // Possessor: "his exile", "Trotsky's assassination", "the Kirov murder".
            let mut j = h;
            let mut skipped = 0;
            while j > 0 && skipped < 3 {
                let w = &sent.w[j - 1];
                if matches!(w.class, C::Adj) || (w.class == C::Other && !sent.is_verbish(j - 1)) {
                    j -= 1;
                    skipped += 1;
                    continue;
                }
                break;
            }
            if j > 0 {
                let k = j - 1;
                let w = &sent.w[k];
                let poss_np = if w.class == C::Poss || w.glued_poss {
                    Some(Np {
                        a: k,
                        b: k + 1,
                        mention: w.mention,
                        pronoun: w.class == C::Poss,
                        head: w.lower.to_string(),
                        possessor: None,
                    })
                } else if w.class == C::PossMark && k > 0 {
                    sent.np_left(k - 1)
                } else if w.mention.is_some() && w.mention != sent.w[h].mention {
                    sent.np_left(k)
                } else {
                    None
                };
                // A bare place name before the noun is where it happened
                // ("three Atlanta attacks"), not whom it befell.
                let place_modifier =
                    !(w.class == C::Poss || w.glued_poss || w.class == C::PossMark)
                        && w.mention
                            .is_some_and(|mi| sent.mention(mi).etype == EntityType::Place);
                let role = if place_modifier {
                    frame.slot("in").filter(|r| *r == Role::Place)
                } else {
                    frame.slot("poss")
                };
                if let (Some(np), Some(role)) = (poss_np, role) {
                    push(&mut roles, self.fillers(ctx, &[np], role));
                }
            }
        } else {
            // Verbs: voice, subject and object.
            let participle = trig.participles.contains(sent.w[h].lower);
            let mut k = h;
            let mut has_aux = false;
            while k > 0 {
                match sent.w[k - 1].class {
                    C::Adv | C::Neg => k -= 1,
                    C::Be | C::Aux | C::Modal => {
                        has_aux = true;
                        k -= 1
                    }
                    _ => break,
                }
            }
            passive = frame.force_passive || sent.is_passive_at(h);
            // A reduced participle clause right after a name ("Kirov, born …").
            let next_is_prep = sent
                .w
                .get(m.b)
                .is_some_and(|w| matches!(w.class, C::Prep | C::Punct));
            // (only a verb with an object has a passive: "Two workers,
            // Cole and Walker, died in a truck" is no reduced clause)
            let reduced = (participle
                && !has_aux
                && (frame.force_passive || (next_is_prep && frame.slot("obj").is_some()))
                && h >= 2
                && sent.w[h - 1].lower == ",")
                .then(|| sent.np_left(h - 2))
                .flatten()
                .filter(|np| {
                    np.mention.is_some()
                        // "Yusupov's own account, published …": an owned
                        // thing, where the owner fills a slot.
                        || (frame.slot("objposs").is_some()
                            && np.possessor.as_ref().is_some_and(|p| p.mention.is_some()))
                });
            let among = sent.among_those(h);
            let (subj, inherited): (Vec<Np>, Option<bool>) = match (reduced, among) {
                (_, Some(nps)) => {
                    passive = true;
                    (nps, None)
                }
                (Some(np), None) => {
                    passive = true;
                    (vec![np], None)
                }
                (None, None) => sent.subject_of(h, 0),
            };
            // "was arrested and exiled": the passive carries over — but not
            // to a verb that has no object to passivise ("was attacked …,
            // and died next day").
            if !passive && !has_aux && participle && frame.slot("obj").is_some() {
                if let Some(p) = inherited {
                    passive = p;
                }
                // (an object right after the verb makes it active:
                // "Alarcon, …, dismissed suggestions by politicians")
                let k = sent.skip_adverbs(m.b);
                let object_follows = sent
                    .w
                    .get(k)
                    .is_some_and(|w| !matches!(w.class, C::Prep | C::Punct | C::Conj | C::Sconj));
                let by_follows = !object_follows
                    && (m.b..clause_b.min(m.b + 8))
                        .any(|i| sent.w.get(i).is_some_and(|w| w.lower == "by"));
                if h > 0 && sent.w[h - 1].lower == "," && by_follows {
                    passive = true;
                }
            }
            if (frame.passive_only && !passive)
                || (frame.passive_aux && !has_aux)
                || (frame.active_only && passive)
            {
                return vec![];
            }
            if frame.require.iter().any(|r| r == "body") {
                // "found the body", "his body was found": whose body?
                let body = if passive {
                    subj.first().and_then(|np| sent.np_right(np.a))
                } else {
                    let k = sent.skip_adverbs(m.b);
                    sent.np_right(k)
                };
                // "The body was thrown into the river. Two days later it was
                // recovered": "it" right after a sentence about the body.
                let Some(body) = body.filter(|np| {
                    self.lex.is(Cl::Bodynoun, &np.head)
                        || (ctx.body_before
                            && np.pronoun
                            && np.possessor.is_none()
                            && np.head == "it")
                }) else {
                    return vec![];
                };
                // ("the body of Sergei Ivanov": the of-phrase owns it)
                let of_owner = (body.possessor.is_none()
                    && sent.w.get(body.b).is_some_and(|w| w.lower == "of"))
                .then(|| sent.np_right(body.b + 1))
                .flatten()
                .filter(|np| np.pronoun || np.mention.is_some());
                let owner = match (&body.possessor, &of_owner) {
                    (Some(p), _) => self.filler(ctx, p, Role::Subject),
                    (None, Some(np)) => self.filler(ctx, np, Role::Subject),
                    (None, None) => ctx.last_victim.clone(),
                };
                let body_end = of_owner.as_ref().map_or(body.b, |np| np.b);
                let Some(mut owner) = owner else {
                    return vec![];
                };
                owner.role = Some(Role::Subject);
                owner.span = sent.np_span(&body);
                roles.push((Role::Subject, owner));
                after = after.max(body_end);
                if !passive {
                    if let Some(r) = frame.slot("subj") {
                        push(&mut roles, self.fillers(ctx, &subj, r));
                    }
                }
                // The body phrase is read; what follows are its circumstances.
                let t = self.clause_time(ctx, h, clause_a, clause_b, etype);
                let factuality = self.factuality(sent, h, clause_a, true, false);
                let trigger = sent.span(m.a, m.b);
                for (p, nps) in self.pps(sent, after, clause_b.max(after + 1), false) {
                    if let Some(r) = frame.slot(&p).filter(|r| *r == Role::Place) {
                        push(&mut roles, self.fillers(ctx, &nps, r));
                    }
                }
                return self.emit(
                    ctx,
                    etype,
                    trigger,
                    roles,
                    t,
                    factuality,
                    trig.weight,
                    m.a,
                    m.b,
                );
            }
            let gsubj_role = if passive {
                frame.slot("obj")
            } else {
                frame.slot("subj")
            };
            if let Some(r) = gsubj_role {
                push(&mut roles, self.fillers(ctx, &subj, r));
            }
            // "Yusupov's own account, published in 1927": the owner of the
            // passive subject (`objposs` slot).
            // ("Bernard Lazare, whose pamphlet appeared in 1896": the owner
            // of the active subject, `subjposs`.)
            if let Some(r) = frame.slot(if passive { "objposs" } else { "subjposs" }) {
                let owners: Vec<Np> = subj
                    .iter()
                    .filter_map(|np| np.possessor.as_deref().cloned())
                    .collect();
                push(&mut roles, self.fillers(ctx, &owners, r));
            }
            // Object: the gap, or the phrase right after the match (not
            // after a pattern ending in its preposition: "fired *at* him",
            // "threw a bomb *at* the car" — that phrase is read below).
            let obj = if let Some((ga, gb)) = m.gap {
                // (the phrase ends with the gap: "found Karl Kopp | dead")
                sent.np_right(ga)
                    .and_then(|np| {
                        if np.b > gb {
                            sent.np_left(gb - 1)
                        } else {
                            Some(np)
                        }
                    })
                    .map(|np| sent.coordinated_right(np))
            } else if !passive && !ends_in_prep {
                let k = sent.skip_adverbs(m.b);
                if sent.w.get(k).is_some_and(|w| {
                    !matches!(w.class, C::Prep | C::Punct | C::Conj | C::Sconj | C::Rel)
                }) {
                    sent.np_right(k).map(|np| sent.coordinated_right(np))
                } else {
                    None
                }
            } else {
                None
            };
            // "seized the port of Valparaíso", "captured the town of
            // Jargeau": a place noun's of-phrase naming a place is the object
            let obj = obj.map(|nps| {
                nps.into_iter()
                    .map(|np| {
                        let named = np.mention.is_none()
                            && self.lex.is(Cl::Placenoun, &np.head)
                            && sent.w.get(np.b).is_some_and(|w| w.lower == "of");
                        named
                            .then(|| sent.np_right(np.b + 1))
                            .flatten()
                            .filter(|x| {
                                x.mention
                                    .is_some_and(|mi| sent.mention(mi).etype == EntityType::Place)
                            })
                            .unwrap_or(np)
                    })
                    .collect::<Vec<Np>>()
            });
            // An intransitive reading with an object that is no place.
            // A place object: a Place entity or a `placenoun` ("home").
            let place = |np: &Np| {
                self.lex.is(Cl::Placenoun, &np.head)
                    || np
                        .mention
                        .is_some_and(|mi| sent.mention(mi).etype == EntityType::Place)
            };
            if frame.no_object
                && obj.as_ref().is_some_and(|nps| {
                    // (with one's army the commander moves: "moved his
                    // forces to Yorktown")
                    nps.iter()
                        .any(|np| !place(np) && !self.lex.is(Cl::Unitnoun, &np.head))
                })
            {
                return vec![];
            }
            // A reading that needs a place as its object ("left Rome").
            if frame.place_object && !obj.as_ref().is_some_and(|nps| nps.iter().all(place)) {
                return vec![];
            }
            if let Some(mut nps) = obj {
                had_object |= !nps.is_empty();
                if m.gap.is_none() {
                    after = after.max(nps.last().map(|n| n.b).unwrap_or(after));
                }
                // A plain object pronoun never means the clause's subject
                // ("Stalin sent him": him ≠ Stalin): re-resolve it.
                let subj_entities: Vec<usize> = subj
                    .iter()
                    .filter_map(|np| np.mention.map(|mi| sent.mention(mi).entity))
                    .collect();
                for np in nps.iter_mut() {
                    let same = np.pronoun
                        && !np.head.ends_with("self")
                        && !np.head.ends_with("selves")
                        && np
                            .mention
                            .is_some_and(|mi| subj_entities.contains(&sent.mention(mi).entity));
                    if same {
                        np.mention = sent.resolve_excluding(np.a, &subj_entities);
                        if np.mention.is_none() {
                            np.pronoun = true;
                            np.head = String::new();
                        }
                    }
                }
                nps.retain(|np| !(np.pronoun && np.mention.is_none() && np.head.is_empty()));
                if let Some(r) = frame.slot("obj") {
                    push(&mut roles, self.fillers(ctx, &nps, r));
                }
            }
        }
        // The trigger's own possessive slot ("succumbed to his wounds", "attempt on his life").
        if let (Some((pa, pb)), Some(r)) = (m.poss, frame.slot("poss")) {
            if trig.head != HeadKind::Noun || roles.is_empty() {
                let np = if pb == pa + 1 {
                    Np {
                        a: pa,
                        b: pb,
                        mention: sent.w[pa].mention,
                        pronoun: sent.w[pa].class == C::Poss,
                        head: sent.w[pa].lower.to_string(),
                        possessor: None,
                    }
                } else {
                    sent.np_left(pb - 1).unwrap_or(Np {
                        a: pa,
                        b: pb,
                        mention: sent.w[pa].mention,
                        pronoun: false,
                        head: String::new(),
                        possessor: None,
                    })
                };
                push(&mut roles, self.fillers(ctx, &[np], r));
            }
        }
        // A pattern ending in a preposition ("sided with", "defected to"):
        // its object.
        if ends_in_prep && after == m.b {
            let p = sent.w[m.b - 1].lower.to_string();
            let k = sent.skip_adverbs(m.b);
            if let Some(np) = sent.np_right(k) {
                let nps = sent.coordinated_right(np);
                after = nps.last().map(|n| n.b).unwrap_or(after);
                let slot = if p == "by" && passive {
                    frame.slot("subj")
                } else {
                    frame.slot(&p)
                };
                if let Some(r) = slot {
                    push(&mut roles, self.fillers(ctx, &nps, r));
                }
            }
        }
        // Prepositional phrases after the trigger.
        let mut from_place = false;
        // The preposition of the phrase before, and whether its noun
        // phrases named no one ("by agents").
        let mut prev: Option<(String, bool)> = None;
        // The end of a destination phrase that named no place ("to a
        // house"): the phrases chained to it may ("in the grounds of …").
        let mut unnamed_destination: Option<usize> = None;
        // (phrases that name no one and are no pronoun: "a house")
        let common = |nps: &[Np]| nps.iter().all(|np| np.mention.is_none() && !np.pronoun);
        for (p, nps) in self.pps(
            sent,
            after,
            clause_b.max(after + 1),
            trig.head == HeadKind::Noun,
        ) {
            let unnamed = nps.iter().all(|np| np.mention.is_none());
            let before = prev.replace((p.clone(), unnamed));
            // An absolute "with" fills no role: ", with Joan standing near
            // the altar", "with Belli defending him", "with Joan at his
            // side" (a comma before it, or a verb or "at his" after it).
            if p == "with" {
                let first = nps.first().map_or(0, |np| np.a);
                let at = (0..first).rev().find(|&k| sent.w[k].lower == "with");
                let comma = at.is_some_and(|k| k > 0 && sent.w[k - 1].lower == ",");
                let end = nps.last().map_or(0, |np| np.b);
                let verb = sent.is_verbish(end)
                    || sent.w.get(end).is_some_and(|x| x.class == C::Prep)
                        && sent.w.get(end + 1).is_some_and(|x| x.class == C::Poss);
                if comma || verb {
                    continue;
                }
                // (companions sharing the subject's fate come right after
                // the verb: "was hanged with Canaris"; not "released the
                // transcript of his call with Zelensky", nor after a noun:
                // "walked out of prison with Winnie")
                let companions = frame.slot("with") == Some(Role::Subject)
                    && trig.etype != EventType::Move
                    && (trig.head == HeadKind::Noun || at != Some(sent.skip_adverbs(m.b)));
                if companions {
                    continue;
                }
            }
            // "imprisonment at the pleasure of the Holy Office": after a
            // phrase that named no one, an of-phrase complements that
            // phrase's noun, not the event noun
            // (but "a siege on the city of Luoyang": a place noun's of-phrase
            // names that place)
            let head_before = nps
                .first()
                .and_then(|np| np.a.checked_sub(2))
                .map_or("", |k| sent.w[k].lower);
            if p == "of"
                && trig.head == HeadKind::Noun
                && before
                    .as_ref()
                    .is_some_and(|(b, unnamed)| *unnamed && b != "by" && b != "of")
                && !self.lex.is(Cl::Placenoun, head_before)
                && !self.lex.is(Cl::Sitenoun, head_before)
            {
                continue;
            }
            // "by agents of the Cheka": the of-phrase belongs to the agent,
            // not to the trigger; when the agent is unnamed, the body
            // named there is the agent.
            if p == "of" && before.as_ref().is_some_and(|(b, _)| b == "by") {
                let agent = trig.head == HeadKind::Noun || passive;
                if agent && before.is_some_and(|(_, unnamed)| unnamed) {
                    let named: Vec<Np> =
                        nps.into_iter().filter(|np| np.mention.is_some()).collect();
                    let fill = self.fillers(ctx, &named, Role::Agent);
                    if !fill.is_empty() {
                        roles.retain(|(r, f)| !(*r == Role::Agent && f.entity.is_none()));
                        push(&mut roles, fill);
                    }
                }
                continue;
            }
            // "sentenced to death together with X and Y": the people named
            // share the fate of the clause's subject (or, after a noun, of
            // its of-phrase; after a direct object, of the object: "arrested
            // everyone in the annex, together with Kleiman and Kugler"); a
            // companion named by no name adds no one.
            if p == "alongside" {
                let shared = if trig.head == HeadKind::Noun {
                    frame.slot("of")
                } else if passive || had_object {
                    frame.slot("obj")
                } else {
                    frame.slot("subj")
                };
                if let Some(r) = shared {
                    let people: Vec<Np> = nps
                        .into_iter()
                        .filter(|np| {
                            // (named: "perished along with her" is left to
                            // the pronoun's own clause)
                            !np.pronoun && names_person(sent, np)
                        })
                        .collect();
                    push(&mut roles, self.fillers(ctx, &people, r));
                }
                continue;
            }
            let slot = if p == "by" {
                if trig.head == HeadKind::Noun {
                    frame.slot("by")
                } else if passive {
                    frame.slot("subj")
                } else {
                    None
                }
            } else {
                frame.slot(&p)
            };
            if p == "from" {
                from_place |= nps.iter().any(|np| {
                    np.mention
                        .is_some_and(|mi| sent.mention(mi).etype == EntityType::Place)
                        || self.lex.is(Cl::Placenoun, &np.head)
                        || self.lex.is(Cl::Polity, &np.head)
                });
            }
            // "founded … outside of Paris": near a place, not in it — the
            // words are the claim (a source saying "in Paris" disagrees).
            if slot.is_none()
                && self.lex.is(Cl::Vicinity, &p)
                && frame.slot("in") == Some(Role::Place)
            {
                for np in &nps {
                    if let Some(mut f) = self.filler(ctx, np, Role::Place) {
                        f.entity = None;
                        f.text = format!("{p} {}", sent.text_of(np.a, np.b));
                        push(&mut roles, vec![f]);
                    }
                }
                continue;
            }
            // "moved to a house in the grounds of Victor Verster Prison":
            // an unnamed destination's own complements name the place.
            if let Some(end) = unnamed_destination.take() {
                let chained = nps.first().is_some_and(|np| np.a <= end + 2)
                    && (p == "of" || self.lex.is(Cl::Locprep, &p) || p == "near");
                if chained {
                    let named: Vec<Np> = nps
                        .iter()
                        .filter(|np| names_place(sent, np))
                        .cloned()
                        .collect();
                    let fill = self.fillers(ctx, &named, Role::Destination);
                    if !fill.is_empty() {
                        push(&mut roles, fill);
                        continue;
                    }
                    if common(&nps) {
                        unnamed_destination = nps.last().map(|np| np.b);
                    }
                }
            }
            if let Some(r) = slot {
                let fill = self.fillers(ctx, &nps, r);
                if r == Role::Destination && fill.is_empty() && common(&nps) {
                    unnamed_destination = nps.last().map(|np| np.b);
                }
                push(&mut roles, fill);
            }
        }
        // Place phrases before the trigger in its clause ("In Paris, …").
        if let Some(r) = frame.slot("in") {
            if r == Role::Place {
                for (p, nps) in self.pps(sent, clause_a, h, false) {
                    if p == "in" || p == "at" {
                        push(&mut roles, self.fillers(ctx, &nps, Role::Place));
                    }
                }
            }
        }
        // A clause opened by a relative "where": its antecedent is the
        // place ("the same military prison where Dreyfus had been held in
        // 1894", "Lochleven Castle, where …").
        if frame.slot("in") == Some(Role::Place)
            && clause_a > 0
            && sent.w[clause_a].lower == "where"
            && !roles.iter().any(|(r, _)| *r == Role::Place)
        {
            let mut k = clause_a - 1;
            if sent.w[k].lower == "," && k > 0 {
                k -= 1;
            }
            if let Some(mut np) = sent.np_left(k) {
                // (an unnamed apposition names the place before its comma:
                // "the Cherche-Midi, the same military prison where …")
                if np.mention.is_none() && np.a >= 2 && sent.w[np.a - 1].lower == "," {
                    if let Some(named) = sent.np_left(np.a - 2).filter(|x| x.mention.is_some()) {
                        np = named;
                    }
                }
                push(&mut roles, self.fillers(ctx, &[np], Role::Place));
            }
        }
        // Still no named place: a named place entered or stood in earlier in
        // the sentence by the same actors ("walked into the Tauride Palace,
        // …, waited in the corridor and shot him").
        if frame.slot("in") == Some(Role::Place)
            && !roles
                .iter()
                .any(|(r, f)| *r == Role::Place && f.entity.is_some())
        {
            // Only when no other trigger precedes in the sentence: the
            // phrase would belong to it ("Born in Urzhum, he was arrested").
            let alone = !ctx.matches.iter().any(|o| o.a < h && o.a != m.a);
            let named: Vec<RoleFiller> = if alone {
                self.pps(sent, 0, h, false)
                    .into_iter()
                    .rev()
                    .filter(|(p, _)| self.lex.is(Cl::Locprep, p))
                    .flat_map(|(_, nps)| nps.into_iter().rev())
                    .find(|np| names_place(sent, np))
                    .into_iter()
                    .flat_map(|np| self.filler(ctx, &np, Role::Place))
                    .collect()
            } else {
                Vec::new()
            };
            push(&mut roles, named);
        }
        // Nouns: the clause subject ("forced into exile", "were under arrest").
        let has_subject =
            |roles: &Vec<(Role, RoleFiller)>| roles.iter().any(|(r, _)| *r == Role::Subject);
        // The noun's own of-complement, even unnamed ("the arrest and
        // execution of hundreds of CPC members"), is whom it is about: the
        // clause's subject is not.
        let of_complement = {
            let mut k = m.b;
            if sent.w.get(k).is_some_and(|w| w.lower == "and")
                && sent.w.get(k + 1).is_some_and(|w| {
                    w.class == C::Noun || (w.class == C::Other && !sent.is_verbish(k + 1))
                })
            {
                k += 2;
            }
            sent.w.get(k).is_some_and(|w| w.lower == "of")
        };
        // The noun inside another noun's or a verb's of-phrase ("broke the
        // news of the arrest", "was told of the arrest"): the clause's
        // subject tells or hears of it, it is not its subject.
        let in_of_phrase = {
            let mut k = h;
            while k > 0 && matches!(sent.w[k - 1].class, C::Det | C::Adj | C::Poss) {
                k -= 1;
            }
            // (or a verb's: "his wife was told of the arrest", "heard
            // about his exile")
            k >= 2
                && matches!(sent.w[k - 1].lower, "of" | "about")
                && (sent.w[k - 2].class == C::Noun || sent.is_verbish(k - 2))
        };
        if trig.head == HeadKind::Noun && !has_subject(&roles) && !of_complement && !in_of_phrase {
            if let Some(r) = frame.slot("clause") {
                // The subject of the verb governing the noun ("he would serve
                // 20 years in a Mexican prison").
                let verb = (clause_a..h)
                    .rev()
                    .find(|&k| sent.is_verbish(k) || sent.w[k].class == C::Be);
                if let Some(k) = verb {
                    let (subj, _) = sent.subject_of(k, 0);
                    push(&mut roles, self.fillers(ctx, &subj, r));
                }
            }
        }
        // A name the trigger is part of is not its own participant
        // ("Assassination of Sergei Kirov" as one title mention).
        if !self_filled {
            if let Some(he) = sent.w[h].mention.map(|mi| sent.mention(mi).entity) {
                roles.retain(|(_, f)| f.entity != Some(he));
            }
        }
        // Owned by a name or a noun: a building ("the city's Hoa Lo prison").
        if frame.unowned && trig.head == HeadKind::Noun {
            let mut k = h;
            while k > 0 && h - k < 5 {
                let x = &sent.w[k - 1];
                if x.class == C::PossMark || x.glued_poss {
                    return vec![];
                }
                if !(matches!(x.class, C::Adj | C::Noun | C::Propn) || x.mention.is_some()) {
                    break;
                }
                k -= 1;
            }
        }
        // Words that make it talk, not deed ("attacked Stalin politically").
        if let Some(cl) = frame.unless {
            if (m.b..clause_b.min(m.b + 10)).any(|k| sent.w.get(k).is_some_and(|w| w.has(cl))) {
                return vec![];
            }
        }
        // Part of another event told in the clause.
        if !frame.part_of.is_empty()
            && ctx.matches.iter().any(|o| {
                o.a >= clause_a
                    && o.a < clause_b.max(h + 1)
                    && o.a != m.a
                    && frame.part_of.contains(&self.lex.triggers[o.trig].etype)
            })
        {
            return vec![];
        }
        // `ROLE` or `ROLE:TYPE|TYPE`: the role is filled (by an entity of
        // one of those types).
        let filled = |spec: &str| {
            let (r, types) = spec.split_once(':').unwrap_or((spec, ""));
            Role::parse(r).is_some_and(|role| {
                roles.iter().any(|(x, f)| {
                    *x == role
                        && (types.is_empty()
                            || f.entity
                                .and_then(|e| sent.ta.entities.get(e))
                                .is_some_and(|le| types.split('|').any(|t| type_is(le, t))))
                })
            })
        };
        // Exclusions ("subject:place"), then requirements ("self",
        // "subject", "subject:organization|group").
        if frame.forbid.iter().any(|spec| filled(spec)) {
            return vec![];
        }
        if !frame.require.iter().all(|req| {
            if req == "self" {
                self_filled
            } else {
                filled(req)
            }
        }) {
            return vec![];
        }
        // "was shot and killed by Nikolaev": the by-phrase of the
        // coordinated participle names this act's agent too.
        let shared_by = sent.w.get(m.b).is_some_and(|w| w.lower == "and")
            && (m.b + 1..sent.len().min(m.b + 6))
                .any(|i| sent.w.get(i).is_some_and(|w| w.lower == "by"));
        // (a weapon named makes it an assault, not an execution: "was shot
        // with a rifle")
        let armed = roles.iter().any(|(r, _)| *r == Role::Instrument);
        // (nor is a shot told by where it struck or the minute it was
        // fired: "JFK was shot in the head", "was shot at 12:30 p.m.")
        let told = || {
            let end = sent.len().min(m.b + 6);
            (m.b..end).any(|i| {
                let w = &sent.w[i];
                (matches!(w.lower, "in" | "through")
                    && (i + 1..end.min(i + 4)).any(|j| sent.w[j].has(Cl::Wound)))
                    || w.has(Cl::Clock)
                    || w.lower.split_once(':').is_some_and(|(h, mi)| {
                        !h.is_empty()
                            && h.bytes().all(|b| b.is_ascii_digit())
                            && mi.len() == 2
                            && mi.bytes().all(|b| b.is_ascii_digit())
                    })
            })
        };
        if passive
            && !shared_by
            && !armed
            && !roles.iter().any(|(r, _)| *r == Role::Agent)
            && !told()
        {
            if let Some(t) = frame.passive_noagent {
                etype = t;
            }
        }
        // (a body expelled from a city is no exile: "expelling the PVA and
        // the KPA from the South Korean capital city")
        let bodies = roles.iter().any(|(r, f)| {
            *r == Role::Subject
                && f.entity
                    .and_then(|e| sent.ta.entities.get(e))
                    .is_some_and(|le| le.etype == EntityType::Organization)
        });
        if from_place && !bodies {
            if let Some(t) = frame.from_place {
                etype = t;
            }
        }
        // "was shot in the back in a Rennes street but survived": the
        // victim lived, an attack.
        if let Some(t) = frame.survived {
            if (m.b..sent.len()).any(|i| sent.w[i].has(Cl::Survival)) {
                etype = t;
            }
        }
        // "was killed in a car crash": no killer, a death
        if let Some(t) = frame.accident {
            if passive
                && !roles.iter().any(|(r, _)| *r == Role::Agent)
                && (m.b..clause_b.min(m.b + 8)).any(|i| sent.w[i].has(Cl::Accident))
            {
                etype = t;
            }
        }
        // "was sent to Pentonville prison": a move into custody implies an
        // imprisonment there (below).
        let into_custody = frame.custody.filter(|_| {
            roles.iter().any(|(r, f)| {
                *r == Role::Destination
                    && f.text
                        .rsplit(|c: char| !c.is_alphanumeric())
                        .find(|w| !w.is_empty())
                        .is_some_and(|w| self.lex.is(Cl::Custody, &w.to_lowercase()))
            })
        });
        // "killed himself", "hanged herself": the subject is its own
        // agent. The reflexive object is dropped and the doer becomes the
        // subject (a trigger read as passive has the doer as subject
        // already).
        let reflexive = sent.w.get(m.b).is_some_and(|w| w.has(Cl::Reflexive));
        if let Some(t) = frame.reflexive.filter(|_| reflexive) {
            etype = t;
            let is_refl = |f: &RoleFiller| self.lex.is(Cl::Reflexive, &f.text.to_lowercase());
            // (a plural reflexive has no mention to fill the subject:
            // "Brutus and Cassius killed themselves")
            let no_subject = !roles.iter().any(|(r, _)| *r == Role::Subject);
            if no_subject || roles.iter().any(|(r, f)| *r == Role::Subject && is_refl(f)) {
                roles.retain(|(r, f)| !(*r == Role::Subject && is_refl(f)));
                for (r, f) in roles.iter_mut() {
                    if *r == Role::Agent {
                        *r = Role::Subject;
                        f.role = Some(Role::Subject);
                    }
                }
            } else {
                roles.retain(|(r, _)| *r != Role::Agent);
            }
        }
        let subject_is_work = || {
            roles
                .iter()
                .any(|(r, f)| *r == Role::Subject && self.names_work(sent, f))
        };
        if let Some(t) = frame.of_work.filter(|_| subject_is_work()) {
            etype = t;
            for (r, f) in roles.iter_mut() {
                *r = match *r {
                    Role::Subject => Role::Work,
                    Role::Agent => Role::Subject,
                    other => other,
                };
                f.role = Some(*r);
            }
        }
        let factuality = self.factuality(
            sent,
            h,
            clause_a,
            trig.head != HeadKind::Noun,
            frame.slot("obj").is_none(),
        );
        let trigger = sent.span(m.a, m.b);
        let mut time = self.clause_time(ctx, h, clause_a, clause_b, etype);
        // A named event's date is in its own phrase ("the October Revolution
        // in 1917", "the 1917 Russian Revolution"), not elsewhere; a
        // nominalization's is in its clause.
        let near = |t: &EventTime| {
            t.timex
                .and_then(|ti| ctx.timex_pos(ti))
                .is_some_and(|p| p + 4 >= h && p <= after + 3)
        };
        if self_filled && time.as_ref().is_some_and(|t| t.how != "clause" || !near(t)) {
            time = None;
        }

        // (nor does a gerund naming a charge or a cause, a nominalization
        // too: "the man arrested *for killing* him was himself killed";
        // "by invading Laos" is the means, of the sentence's time)
        let gerund = h > 0
            && sent.w[h].lower.ends_with("ing")
            && matches!(sent.w[h - 1].lower, "for" | "of");
        if (trig.head == HeadKind::Noun || gerund)
            && time.as_ref().is_some_and(|t| t.how == "sentence")
        {
            time = None;
        }
        // A pluperfect event lies before the time the sentence or the story
        // is at ("Oswald died at 1:07 p.m., in the same hospital where
        // Kennedy had died"): a time before it, in a sentence with another
        // verb before it, dates that verb, and the narrative's time is not
        // its own ("In 1904 he had joined" keeps its year). (The
        // trigger's auxiliaries start at `aux`.)
        let mut aux = h;
        while aux > 0 && h - aux < 4 && matches!(sent.w[aux - 1].class, C::Aux | C::Be | C::Adv) {
            aux -= 1;
        }
        let pluperfect = trig.head != HeadKind::Noun && (aux..h).any(|k| sent.w[k].lower == "had");
        if pluperfect {
            let other_verb = (0..aux).any(|k| sent.is_verbish(k));
            let before_verb = |ti: usize| other_verb && ctx.timex_pos(ti).is_some_and(|p| p < aux);
            if time.as_ref().and_then(|t| t.timex).is_some_and(before_verb) {
                time = None;
            }
            // (nor does a time of another clause after it: "canonised with
            // John Fisher, who had been beheaded a fortnight before him, by
            // Pius XI on 19 May 1935")
            let after_in_other_clause = |t: &EventTime| {
                t.how == "sentence"
                    && t.timex
                        .and_then(|ti| ctx.timex_pos(ti))
                        .is_some_and(|p| p > h)
            };
            if time.as_ref().is_some_and(after_in_other_clause) {
                time = None;
            }
        }
        // "held in the Warsaw Citadel until her release on bail that
        // summer": a time past a `later` word after the trigger is when the
        // state ended or what came after, not the event's ("lived until
        // 1970" holds the word in its pattern and keeps it).
        if trig.head != HeadKind::Noun {
            let past_later = |t: &EventTime| {
                t.timex
                    .and_then(|ti| ctx.timex_pos(ti))
                    .is_some_and(|p| p > m.b && (m.b..p).any(|k| sent.w[k].has(Cl::Later)))
            };
            if time.as_ref().is_some_and(past_later) {
                time = None;
            }
        }
        // "celebrated the birth of Jose Marti on Friday", "the anniversary
        // of his death": the clause dates the remembrance, not the event.
        let remembered = trig.head == HeadKind::Noun
            && (clause_a.max(h.saturating_sub(5))..h).any(|k| sent.w[k].has(Cl::Commemoration));
        if remembered {
            time = None;
        }
        // "slipped out of France in September 1898, a few days after
        // Henry's suicide": the event lies before the clause's time, which
        // does not date it (a time after the noun, its own, still does:
        // "after his pardon in 1899").
        let earlier = trig.head == HeadKind::Noun
            && (h.saturating_sub(4)..h).any(|k| sent.w[k].has(Cl::Earlier));
        if earlier
            && time.as_ref().is_some_and(|t| {
                t.timex
                    .is_none_or(|ti| ctx.timexes[ti].span.start < sent.w[h].span.start)
            })
        {
            time = None;
        }
        // "held the chair until his death": the event lies after the
        // narrative's time, not in it.
        let later = trig.head == HeadKind::Noun
            && (h.saturating_sub(3)..h).any(|k| sent.w[k].has(Cl::Later));
        // An entailed event ("was shot dead" → a death), same subject, time,
        // place (a custody moved into is the place: "sent to Pentonville
        // prison" → imprisoned there).
        let entailed = frame.implies.filter(|_| etype == trig.etype);
        let implied = entailed.or(into_custody).map(|t| {
            let roles: Vec<(Role, RoleFiller)> = roles
                .iter()
                .filter_map(|(r, f)| match r {
                    Role::Subject | Role::Place => Some((*r, f.clone())),
                    Role::Destination if entailed.is_none() => {
                        let mut f = f.clone();
                        f.role = Some(Role::Place);
                        Some((Role::Place, f))
                    }
                    _ => None,
                })
                .collect();
            self.emit(
                ctx,
                t,
                trigger,
                roles,
                time.clone(),
                factuality,
                trig.weight * 0.8,
                m.a,
                m.b,
            )
        });
        let mut out = self.emit(
            ctx,
            etype,
            trigger,
            roles,
            time,
            factuality,
            trig.weight,
            m.a,
            m.b,
        );
        if self_filled || remembered || later || earlier || pluperfect {
            for d in &mut out {
                d.narrative = false;
            }
        }
        out.extend(implied.into_iter().flatten());
        out
    }

    /// The words at `span` name a group of people as one: a phrase headed by
    /// a `groupnoun` and named by a proper name ("the Frank family", "the
    /// Sarajevo conspirators"; not "his family", "the rioters", which no
    /// reader could tell apart across sources), not opened by an indefinite
    /// word ("a Jewish family"). (A number
    /// after "the" or "all", "all fourteen were sentenced", was tried: it
    /// anchored the next sentence's undated executions on its year.)
    fn group_phrase(&self, sent: &Sent, span: Span) -> bool {
        let toks = sent.tokens_in(span);
        let (Some(&first), Some(&last)) = (toks.first(), toks.last()) else {
            return false;
        };
        if toks.len() > 6
            || matches!(
                sent.w[first].lower,
                "a" | "an" | "some" | "many" | "several" | "few" | "other"
            )
        {
            return false;
        }
        // (named by a proper name, so that sources can be told apart:
        // "the Frank family", not "his family", "the rioters")
        let named = (first..last).any(|k| {
            let w = &sent.w[k];
            !matches!(w.class, C::Pron | C::Poss | C::Det)
                && (w.mention.is_some()
                    || (k > first && w.text.chars().next().is_some_and(char::is_uppercase)))
        });
        named && sent.w[last].has(Cl::Groupnoun)
    }

    /// The words at `span` name a family without naming it ("the family",
    /// "his family", "her own family"; not "a family", "the family of the
    /// victim"): "the X family", X the surname of the person a possessive
    /// stands for, or else of the last person named before it (a family is
    /// told of right after one of its people: "Karl Bonhoeffer … In 1912 the
    /// family moved to Berlin").
    fn family_name(&self, sent: &Sent, span: Span) -> Option<String> {
        let toks = sent.tokens_in(span);
        let (&first, &last) = (toks.first()?, toks.last()?);
        let w = &sent.w;
        if toks.len() > 3
            || !w[last].has(Cl::Kin)
            || toks
                .iter()
                .any(|&k| w[k].mention.is_some() && w[k].class != C::Poss)
            || w.get(last + 1).is_some_and(|x| x.lower == "of")
        {
            return None;
        }
        let person = match w[first].class {
            // (a possessive the text stage left unresolved, or "their",
            // names no one person)
            // (whose owner was told of just before: "the former Tsar and
            // his family" once bound "his" to a "Cossacks" far back)
            C::Poss => {
                let m = w[first].mention?;
                let e = sent.mention(m).entity;
                sent.people_before(first)
                    .any(|k| sent.mention(k).entity == e)
                    .then_some(m)?
            }
            C::Det if w[first].lower == "the" => sent.last_person(first)?,
            _ => return None,
        };
        let m = sent.mention(person);
        let e = sent.ta.entities.get(m.entity)?;
        // (someone the text stage knows the sex of)
        if m.etype != EntityType::Person || !matches!(e.gender.as_deref(), Some("male" | "female"))
        {
            return None;
        }
        // (the surname: the last word of the name that is no initial or
        // generation, "Jr.", "III", after a first word; none after "of":
        // "Joan of Arc")
        let words: Vec<&str> = e.name.split_whitespace().collect();
        let k = words.iter().rposition(|x| {
            x.chars().next().is_some_and(char::is_uppercase)
                && !x.ends_with('.')
                && !x.chars().all(|c| matches!(c, 'I' | 'V' | 'X'))
        })?;
        // (a name of one word may be a given name alone: "Margot")
        if k == 0 || words[k - 1].eq_ignore_ascii_case("of") {
            return None;
        }
        Some(format!(
            "the {} family",
            words[k].trim_end_matches([',', '\'', '’'])
        ))
    }

    /// The time of an event told in a clause counted from the main
    /// clause's time: "unveiled in 1915, five hundred years *after* Jan Hus
    /// died" is 1415; "two days *before* he was shot" is two days later
    /// than the date before it. The clause opens with a `posterior` or
    /// `later` word of `words.tsv` right after a duration, and a date of
    /// the sentence comes before the duration.
    fn counted_clause_time(&self, ctx: &SentCtx, h: usize, ca: usize) -> Option<EventTime> {
        let sent = ctx.sent;
        // (the subordinator opening the event's clause: before the trigger,
        // with no verb or comma between)
        let j = (ca..h)
            .rev()
            .find(|&k| sent.w[k].has(Cl::Posterior) || sent.w[k].has(Cl::Later))?;
        if (j + 1..h).any(|k| sent.w[k].lower == "," || sent.is_verbish(k)) {
            return None;
        }
        let sub = &sent.w[j];
        let gap_ok = |a: usize, b: usize| sent.text.get(a..b).is_some_and(|g| g.trim().is_empty());
        let (di, _) = ctx.stx.iter().copied().find(|&(ti, _)| {
            let t = &ctx.timexes[ti];
            t.ttype == TimexType::Duration && gap_ok(t.span.end, sub.span.start)
        })?;
        let dur = &ctx.timexes[di];
        let (n, unit) = counted_span(&dur.value)?;
        let (ai, _) = ctx.stx.iter().copied().rfind(|&(ti, _)| {
            usable(&ctx.timexes[ti]) && ctx.timexes[ti].span.end <= dur.span.start
        })?;
        let n = if sub.has(Cl::Posterior) { -n } else { n };
        let value = shift_value(&event_value(&ctx.timexes[ai]), n, unit)?;
        Some(EventTime {
            value,
            timex: Some(ai),
            how: "counted".into(),
            inferred: true,
        })
    }

    /// A pronoun subject of a death that the text stage bound to the one
    /// who speaks in the sentence, or who acts in the clause a `posterior`
    /// conjunction places after the death, names somebody else: a speaker
    /// does not report his own death ("Jack Scarola, who represents some of
    /// Epstein's accusers, said he was pleased to see authorities
    /// investigate the circumstances of *his* death"). It becomes the
    /// nearest other person named before it, or no one.
    fn unspeak_the_dead(&self, sent: &Sent, roles: &mut [(Role, RoleFiller)]) {
        for (r, f) in roles.iter_mut() {
            if *r != Role::Subject {
                continue;
            }
            let Some(k) = sent.w.iter().position(|w| w.span.start == f.span.start) else {
                continue;
            };
            if !matches!(sent.w[k].class, C::Pron | C::Poss) {
                continue;
            }
            // The named subjects of the verb at `v`.
            let subjects_of = |v: usize| {
                sent.subject_of(v, 0)
                    .0
                    .into_iter()
                    .filter_map(|np| np.mention)
                    .map(|m| sent.mention(m).entity)
            };
            // (the speakers of a verb of saying before the pronoun: what
            // they say follows it)
            let mut speakers: Vec<usize> = Vec::new();
            for v in 0..k {
                let w = &sent.w[v];
                if w.has(Cl::Speech) && w.mention.is_none() && sent.is_verbish(v) {
                    speakers.extend(subjects_of(v));
                }
            }
            // (and, in a clause opened by a `posterior` conjunction, the
            // doers of the clauses before it: a man acts after his own
            // death in none — "Ghamdi succeeded Arab warlord Khattab …
            // after he was killed")
            let (ca, _) = sent.clause_of(k);
            let posterior = (ca.saturating_sub(1)..=ca)
                .any(|o| o < k && sent.w.get(o).is_some_and(|w| w.has(Cl::Posterior)));
            if posterior {
                for v in 0..ca {
                    let w = &sent.w[v];
                    let passive = v > 0 && sent.w[v - 1].class == C::Be;
                    if matches!(w.class, C::Verb | C::Other)
                        && w.mention.is_none()
                        && sent.is_verbish(v)
                        && !passive
                    {
                        speakers.extend(subjects_of(v));
                    }
                }
            }
            if !f.entity.is_some_and(|e| speakers.contains(&e)) {
                continue;
            }
            f.entity = sent
                .resolve_excluding(k, &speakers)
                .map(|m| sent.mention(m))
                .filter(|m| m.etype == EntityType::Person)
                .map(|m| m.entity);
        }
    }

    #[allow(clippy::too_many_arguments)]
    fn emit(
        &self,
        ctx: &SentCtx,
        etype: EventType,
        trigger: Span,
        roles: Vec<(Role, RoleFiller)>,
        time: Option<EventTime>,
        factuality: Factuality,
        weight: f32,
        a: usize,
        b: usize,
    ) -> Vec<Draft> {
        let sent = ctx.sent;
        let mut roles = roles;
        if matches!(
            etype,
            EventType::Death | EventType::Killing | EventType::Execution
        ) {
            self.unspeak_the_dead(sent, &mut roles);
        }
        // "the family", "his family": named by the surname of the person
        // whose family it is ("the Bonhoeffer family")
        let mut families = Vec::new();
        for (r, f) in roles.iter_mut() {
            if *r == Role::Subject && f.entity.is_none() {
                if let Some(name) = self.family_name(sent, f.span) {
                    f.text = name;
                    families.push(f.span);
                }
            }
        }
        let subjects: Vec<&RoleFiller> = roles
            .iter()
            .filter(|(r, _)| *r == Role::Subject)
            .map(|(_, f)| f)
            .collect();
        // Only named (or resolved) subjects: "his mother", "a group of
        // accomplices" cannot be told apart across documents — save a
        // definite group ("the Frank family", "the rioters", "the eight"),
        // kept as words, and a family named by its surname.
        let subjects: Vec<&RoleFiller> = subjects
            .iter()
            .copied()
            .filter(|f| {
                f.entity.is_some() || families.contains(&f.span) || self.group_phrase(sent, f.span)
            })
            .collect();
        if subjects.is_empty() {
            return vec![];
        }
        let region_factor = match ctx.region {
            RegionKind::Comment => 0.6,
            _ => 1.0,
        };
        let fact_factor = match factuality {
            Factuality::Asserted => 1.0,
            Factuality::Reported => 0.6,
            _ => 0.3,
        };
        let flag_factor = if ctx.flagged { 0.7 } else { 1.0 };
        // Evidence: the sentence, or the part of a long one around the event.
        let mut lo = a;
        let mut hi = b;
        for (_, f) in &roles {
            if let Some(i) = sent.w.iter().position(|w| w.span.start >= f.span.start) {
                lo = lo.min(i);
            }
            if let Some(i) = sent.w.iter().rposition(|w| w.span.end <= f.span.end) {
                hi = hi.max(i + 1);
            }
        }
        if let Some(t) = &time {
            if let Some(ti) = t.timex {
                let ts = ctx.timexes[ti].span;
                if let Some(i) = sent.w.iter().position(|w| w.span.end > ts.start) {
                    lo = lo.min(i);
                }
                if let Some(i) = sent.w.iter().rposition(|w| w.span.start < ts.end) {
                    hi = hi.max(i + 1);
                }
            }
        }
        let evidence = if ctx.sentence_span.len() <= 300 {
            ctx.sentence_span
        } else {
            sent.span(lo, hi.min(sent.len()))
        };
        // A mutual event told of two people with no one in its pair role
        // ("The next summer they were married"): each is the other's
        // partner, so that the couple's marriage told elsewhere as "Marie
        // married Pierre" is the same happening.
        let pair = self
            .lex
            .pairs
            .iter()
            .find(|(t, _)| *t == etype)
            .map(|&(_, r)| r)
            .filter(|&r| {
                subjects.len() == 2
                    && subjects.iter().all(|f| f.entity.is_some())
                    && subjects[0].entity != subjects[1].entity
                    && !roles.iter().any(|(x, _)| *x == r)
            });
        subjects
            .iter()
            .enumerate()
            .map(|(si, subj)| {
                let mut fillers: Vec<RoleFiller> = vec![(*subj).clone()];
                if let Some(r) = pair {
                    let mut other = subjects[1 - si].clone();
                    other.role = Some(r);
                    fillers.push(other);
                }
                fillers.extend(
                    roles
                        .iter()
                        .filter(|(r, f)| {
                            *r != Role::Subject && f.entity.is_none_or(|e| Some(e) != subj.entity)
                        })
                        .map(|(_, f)| f.clone()),
                );
                let subj_factor = if subj.entity.is_some() { 1.0 } else { 0.8 };
                Draft {
                    ev: EventMention {
                        etype: Some(etype),
                        trigger,
                        trigger_text: trigger.slice(sent.text).to_string(),
                        evidence,
                        roles: fillers,
                        time: time.clone(),
                        factuality,
                        region: ctx.region,
                        confidence: (weight
                            * region_factor
                            * fact_factor
                            * flag_factor
                            * subj_factor)
                            .clamp(0.0, 1.0),
                        sentence: ctx.si,
                        ..Default::default()
                    },
                    age: ctx.age,
                    narrative: true,
                }
            })
            .collect()
    }

    /// A time expression in the event's clause, else elsewhere in its
    /// sentence (unless it belongs to another event's clause).
    /// An Old Style date the time stage converted, restated by the source
    /// itself in the New Style right after it ("19 December, which would be
    /// December 30 in the Western calendar"): the source's own Gregorian
    /// value is what it claims, even where it differs from the conversion.
    fn stated_gregorian(&self, ctx: &SentCtx, ti: usize) -> usize {
        let t = &ctx.timexes[ti];
        if t.calendar.as_deref() != Some("julian") {
            return ti;
        }
        let Some(a) = day_count(&t.value).filter(|_| t.value.len() == 10) else {
            return ti;
        };
        ctx.stx
            .iter()
            .map(|&(j, _)| j)
            .find(|&j| {
                let u = &ctx.timexes[j];
                u.span.start >= t.span.end
                    && u.span.start - t.span.end <= 48
                    && u.calendar.is_none()
                    && u.value.len() == 10
                    && day_count(&u.value).is_some_and(|b| b != a && (b - a).abs() <= 15)
            })
            .unwrap_or(ti)
    }

    fn clause_time(
        &self,
        ctx: &SentCtx,
        h: usize,
        ca: usize,
        cb: usize,
        etype: EventType,
    ) -> Option<EventTime> {
        if let Some(t) = self.counted_clause_time(ctx, h, ca) {
            return Some(t);
        }
        let sent = ctx.sent;
        let cand: Vec<(usize, usize)> = ctx
            .stx
            .iter()
            .copied()
            .filter(|&(ti, _)| usable(&ctx.timexes[ti]))
            .filter(|&(ti, p)| {
                // A time modifying a noun after a determiner ("for *the
                // March 21* call", "Kopp's *1987* Chevrolet") dates that
                // noun only: an event noun right after it ("the 1996
                // Olympic bombing").
                let end = ctx.timexes[ti].span.end;
                let mut after = (p..sent.len()).find(|&k| sent.w[k].span.start >= end);
                // (past the end of a range: "his 1973-1990 regime")
                if let Some(k) = after.filter(|&k| {
                    sent.w[k].has(Cl::Rangesep)
                        && sent.w.get(k + 1).is_some_and(|w| w.class == C::Num)
                }) {
                    after = Some(k + 2).filter(|&k| k < sent.len());
                }
                // (from the start of a range: "his 1973-*1990* regime")
                let start =
                    if p >= 2 && sent.w[p - 1].has(Cl::Rangesep) && sent.w[p - 2].class == C::Num {
                        p - 2
                    } else {
                        p
                    };
                let determined = start > 0
                    && (matches!(sent.w[start - 1].class, C::Det | C::Poss | C::PossMark)
                        || sent.w[start - 1].glued_poss);
                // (after a determiner and a time, any content word is the
                // noun, whatever the tagger says: "his 1973-1990 regime")
                let modifies = after.is_some_and(|k| {
                    let w = &sent.w[k];
                    matches!(w.class, C::Noun | C::Adj | C::Propn | C::Verb | C::Other)
                        && w.text.chars().next().is_some_and(char::is_alphabetic)
                });
                !(determined && modifies) || after.is_some_and(|k| h >= k && h < k + 3)
            })
            .collect();
        // "70 years after his death": a time counted from the event is no
        // time of it.
        let cand: Vec<(usize, usize)> = cand
            .into_iter()
            .filter(|&(ti, _)| {
                let t = &ctx.timexes[ti];
                let counted = t
                    .text
                    .rsplit(char::is_whitespace)
                    .next()
                    .is_some_and(|w| self.lex.is(Cl::Counted, &w.to_lowercase()));
                let next = sent.w.iter().position(|w| w.span.start >= t.span.end);
                // (nor, for an event noun, one counted from anything else:
                // "… after his death and more than 100 years after
                // publication")
                !(counted
                    && (next.is_some_and(|k| k <= h && h <= k + 2) || sent.nominal_context(h)))
            })
            .collect();
        let dist = |p: usize| p.abs_diff(h);
        // A time set off right before the verb of a coordinated clause
        // ("and, in January 1935, sentenced") belongs to it.
        let adjacent = |ti: usize, p: usize| {
            let end = ctx.timexes[ti].span.end;
            let mut r = p;
            if r > 0 && sent.w[r - 1].class == C::Prep {
                r -= 1;
            }
            let after_conj = (r >= 1 && sent.w[r - 1].class == C::Conj)
                || (r >= 2 && sent.w[r - 1].lower == "," && sent.w[r - 2].class == C::Conj);
            p < h
                && after_conj
                && sent.w[p..h]
                    .iter()
                    .filter(|w| w.span.start >= end)
                    .all(|w| matches!(w.class, C::Punct | C::Adv))
        };
        // Whether tokens a..b hold a verb of saying (a time in its reach
        // dates the report, not the event).
        let speech_in = |a: usize, b: usize| {
            sent.w.get(a..b.min(sent.len())).is_some_and(|ws| {
                // (not inside a name: "the United *States*")
                ws.iter()
                    .any(|w| w.has(Cl::Speech) && w.mention.is_none() && w.class != C::Propn)
            })
        };
        // A verb of saying between the trigger and the time takes the time
        // ("the house where he was born …, the minister said on Tuesday").
        let said_between = |p: usize| {
            let (a, b) = if p < h { (p, h) } else { (h + 1, p) };
            speech_in(a, b)
        };
        // A coordinated verb between the trigger and the time takes the
        // time ("was born in Prague and fled … in 1948").
        let verb_between = |p: usize| {
            let (a, b) = if p < h { (p, h) } else { (h + 1, p) };
            (a..b).any(|k| {
                sent.w[k].class == C::Conj && {
                    let mut j = k + 1;
                    while j < b && matches!(sent.w[j].class, C::Adv | C::Aux | C::Be) {
                        j += 1;
                    }
                    j < b && matches!(sent.w[j].class, C::Verb | C::Other) && sent.is_verbish(j)
                }
            })
        };
        // An event noun between the trigger and a time after it takes the
        // time ("was hanged for the execution of 148 civilians … in the
        // early 1980s").
        // (Not one framing the event's time: "replaced … during Lee's
        // invasion, in June".)
        let noun_between = |p: usize| {
            p > h
                && ctx.matches.iter().any(|m| {
                    let framed = (m.a.saturating_sub(4)..m.a)
                        .rev()
                        .take_while(|&k| k > h)
                        .any(|k| sent.w[k].has(Cl::Frameprep));
                    // ("died in the same prison in 1916", "was shot in
                    // Moabit prison on 10 March": a noun after a locative
                    // preposition is where, not another event)
                    let placed = (h + 1..m.a)
                        .rev()
                        .find(|&k| {
                            !matches!(sent.w[k].class, C::Det | C::Adj | C::Poss)
                                && sent.w[k].mention.is_none()
                        })
                        .is_some_and(|k| sent.w[k].has(Cl::Locprep));
                    // ("was sentenced to life imprisonment in 1966": the
                    // noun is the trigger's own complement, its time the
                    // sentence's)
                    let complement = {
                        let k = sent.skip_adverbs(h + 1);
                        k < m.a
                            && sent.w[k].lower == "to"
                            && (k + 1..m.a).all(|j| {
                                matches!(
                                    sent.w[j].class,
                                    C::Det | C::Adj | C::Num | C::Noun | C::Poss | C::PossMark
                                ) || (sent.w[j].class == C::Other && !sent.is_verbish(j))
                            })
                    };
                    m.a > h
                        && m.b <= p
                        && self.lex.triggers[m.trig].head == HeadKind::Noun
                        && !framed
                        && !placed
                        && !complement
                        // (not a word of a name: "released from Victor
                        // Verster *Prison* on 11 February 1990")
                        && sent.w[m.a].mention.is_none()
                })
        };
        // A date in brackets right after the event's phrase dates it, as a
        // heading or a list gives it ("First invasion of Greece (492-490
        // BC)", "the Winter War (1939-1940)"): the first time inside, when
        // nothing but the phrase (no verb, no comma) stands between, and
        // the brackets hold no one's life data.
        let open = (h + 1..sent.len().min(h + 8)).find(|&k| sent.w[k].lower == "(");
        // (not after a time of the clause, nor the years of a person named
        // before it, life dates: "married in 1838 to Stanisław Baranowski
        // (1806-1843)")
        let person_before = |o: usize| {
            let year_in = cand
                .iter()
                .find(|&&(_, p)| p == o + 1)
                .is_some_and(|&(ti, _)| ctx.timexes[ti].value.len() == 4);
            o > 0
                && year_in
                && sent.w[o - 1]
                    .mention
                    .is_some_and(|m| sent.mention(m).etype == EntityType::Person)
        };
        let bracketed =
            open.filter(|&o| !person_before(o) && !cand.iter().any(|&(_, p)| p > h && p < o));
        let bracketed = bracketed.filter(|&o| {
            (h + 1..o).all(|k| {
                let w = &sent.w[k];
                !sent.is_verbish(k) && !matches!(w.class, C::Punct | C::Conj | C::Sconj | C::Rel)
            }) && {
                let close = (o..sent.len()).find(|&k| sent.w[k].lower == ")");
                close.is_some_and(|c| !sent.w[o + 1..c].iter().any(|w| w.has(Cl::Lifecue)))
            }
        });
        let in_brackets = bracketed.and_then(|o| cand.iter().find(|&&(_, p)| p == o + 1));
        // A time right after another event noun, before this trigger, is
        // that noun's ("Julia's death in 54 BC and the death of Crassus
        // … the following year").
        // (Not one the clause happens within: "*during* the Russian
        // Revolution of 1905 she went to Warsaw".)
        let other_nouns = |p: usize| {
            p < h
                && ctx.matches.iter().any(|m| {
                    m.b <= p
                        && p <= m.b + 2
                        && m.a != h
                        && self.lex.triggers[m.trig].head == HeadKind::Noun
                        && !(m.a.saturating_sub(4)..m.a).any(|k| sent.w[k].has(Cl::Within))
                })
        };
        let in_clause = cand
            .iter()
            .filter(|&&(_, p)| {
                p >= ca
                    && p < cb
                    && !said_between(p)
                    && !verb_between(p)
                    && !noun_between(p)
                    && !other_nouns(p)
            })
            .min_by_key(|&&(_, p)| dist(p));
        let adj = cand
            .iter()
            .filter(|&&(ti, p)| adjacent(ti, p))
            .min_by_key(|&&(_, p)| dist(p));
        // A bare verb coordinated with the next one shares what follows,
        // its time too ("was jailed and brought to trial in 1906"; not
        // "was born in Prague and fled … in 1948").
        let shared = || {
            let k = sent.skip_adverbs(h + 1);
            if sent
                .w
                .get(k)
                .is_none_or(|w| w.class != C::Conj || w.lower != "and")
            {
                return None;
            }
            let mut j = k + 1;
            while j < sent.len() && matches!(sent.w[j].class, C::Adv | C::Aux | C::Be) {
                j += 1;
            }
            if j >= sent.len() || !sent.is_verbish(j) {
                return None;
            }
            let (_, cb2) = sent.clause_of(j);
            // (a date as written: "the next day" counts from the first
            // verb's event, it cannot be that one's)
            cand.iter()
                .filter(|&&(ti, _)| ctx.timexes[ti].anchor.is_none())
                .filter(|&&(_, p)| p > j && p < cb2 && !said_between(p) && !noun_between(p))
                .filter(|&&(_, p)| {
                    !(j + 1..p).any(|q| sent.w[q].class == C::Conj && sent.is_verbish(q + 1))
                })
                .min_by_key(|&&(_, p)| dist(p))
        };
        // "held until June 1647, when Joyce seized him": a clause opened by
        // a relative "when" right after a time takes that time
        let when_time = || {
            let k = (ca..h).find(|&k| sent.w[k].class != C::Punct)?;
            if !sent.w[k].has(Cl::Timerel) {
                return None;
            }
            let mut j = k;
            while j > 0 && sent.w[j - 1].lower == "," {
                j -= 1;
            }
            let end = sent.w.get(j.checked_sub(1)?)?.span.end;
            cand.iter()
                .find(|&&(ti, _)| ctx.timexes[ti].span.end == end)
        };
        // "became heir when his elder brother died in November 1612": a
        // clause with no time of its own followed by a "when" clause takes
        // that clause's time.
        // (the "when" in the event's clause or right after it; the time
        // the first after it, an apposition between: "when his elder
        // brother Henry, Prince of Wales, died of typhoid in November 1612")
        let when_after = || {
            let k = (h + 1..sent.len().min(cb + 2)).find(|&k| sent.w[k].has(Cl::Timerel))?;
            cand.iter()
                .filter(|&&(_, p)| {
                    p > k && !said_between(p) && !sent.w[k..p].iter().any(|w| w.lower == ";")
                })
                .min_by_key(|&&(_, p)| p)
        };
        if let Some(&(ti, _)) = in_brackets
            .or(in_clause)
            .or(adj)
            .or_else(shared)
            .or_else(when_time)
            .or_else(when_after)
        {
            let ti = self.stated_gregorian(ctx, ti);
            return Some(EventTime {
                value: event_value(&ctx.timexes[ti]),
                timex: Some(ti),
                how: "clause".into(),
                inferred: false,
            });
        }
        let free = |p: usize| {
            let (a, b) = sent.clause_of(p);
            !ctx.matches
                .iter()
                .any(|m| m.a >= a && m.a < b && self.lex.triggers[m.trig].etype != etype)
        };
        // A sentence-initial time ("That same year he went …, joined …") or
        // one in a temporal clause ("When he moved … in 1896, …") scopes over
        // the whole sentence.
        let temporal = |p: usize| {
            let (a, _) = sent.clause_of(p);
            sent.w.get(a).is_some_and(|w| w.has(Cl::TemporalSconj))
        };
        // A time in the clause of a verb of saying dates the report
        // ("officials said on Tuesday that the house where he was born …").
        let report = |p: usize| {
            let (a, b) = sent.clause_of(p);
            speech_in(a, b)
        };
        // A parenthesis of someone's life holds its own times: "the
        // daughter of Katherine, a dancer (d. 1990)" dates no birth outside
        // it (a work's or an event's "(1937)" does date it).
        let paren = |p: usize| {
            let open = (0..p)
                .rev()
                .take_while(|&k| sent.w[k].lower != ")")
                .find(|&k| sent.w[k].lower == "(");
            open.is_some_and(|o| {
                let close = (p..sent.len())
                    .find(|&k| sent.w[k].lower == ")")
                    .unwrap_or(sent.len());
                let life = sent.w[o + 1..close].iter().any(|w| w.has(Cl::Lifecue));
                life && !(h > o && h < close)
            })
        };
        // A time in brackets right after a name is that name's own date
        // ("Shakespeare's invention in Julius Caesar (1599)": the play's
        // year), not the time of another clause's event.
        let named_paren = |p: usize| {
            p >= 2
                && sent.w[p - 1].lower == "("
                && sent.w[p - 2].mention.is_some()
                && (h + 8 < p || h > p)
        };
        // The event's clause is ordered against another's time ("were
        // charged Tuesday … in the hours before he hanged himself"): only a
        // sentence-initial time spans both.
        let ordered = (ca.saturating_sub(1)..=ca)
            .any(|k| k < h && sent.w.get(k).is_some_and(|w| w.has(Cl::Ordering)));
        // A time inside a fronted participle's phrase dates that
        // participle, not the main clause after its comma: "*Arrested in
        // April 1943*, he spent eighteen months in Tegel and was hanged at
        // Flossenbürg" (no date of the hanging).
        let fronted_participle = |p: usize| {
            let f = sent.skip_adverbs(0);
            f < p
                && sent.is_verbish(f)
                && (sent.w[f].lower.ends_with("ed") || sent.w[f].lower.ends_with("ing"))
                && (p..h).any(|k| sent.w[k].lower == ",")
        };
        cand.iter()
            .filter(|&&(_, p)| {
                !paren(p)
                    && !named_paren(p)
                    && !fronted_participle(p)
                    && (p <= 3 || (!ordered && (temporal(p) || free(p))))
                    && !report(p)
                    // ("In 1979 the House Select Committee on
                    // Assassinations (HSCA) said that JFK was killed …":
                    // the bracket ends no report)
                    && !(p < h && said_between(p))
                    && !(verb_between(p) && !temporal(p) && p > 3)
                    && !noun_between(p)
            })
            .min_by_key(|&&(_, p)| dist(p))
            .map(|&(ti, _)| EventTime {
                value: event_value(&ctx.timexes[ti]),
                timex: Some(ti),
                how: "sentence".into(),
                inferred: false,
            })
    }

    /// "at the age of eight", "aged 60", "at thirteen": from the time
    /// stage's age DURATION, else from the tokens.
    fn age_in_sentence(
        &self,
        sent: &Sent,
        stx: &[(usize, usize)],
        timexes: &[Timex],
    ) -> Option<u32> {
        for &(ti, _) in stx {
            let t = &timexes[ti];
            // (an age after a possessive is the age of what is owned: "in
            // favour of her *one-year-old* son"; not "she was a
            // 25-year-old widow")
            let owned = || {
                sent.w
                    .iter()
                    .rposition(|w| w.span.end <= t.span.start)
                    .is_some_and(|k| matches!(sent.w[k].class, C::Poss | C::PossMark))
            };
            if t.ttype == TimexType::Duration && t.rule.contains("age") && !owned() {
                if let Some(n) = counted_span(&t.value)
                    .filter(|&(_, unit)| unit == 'Y')
                    .and_then(|(n, _)| u32::try_from(n).ok())
                {
                    return Some(n);
                }
            }
        }
        let num = |i: usize| -> Option<u32> {
            let w = sent.w.get(i)?;
            w.lower
                .parse()
                .ok()
                .or_else(|| self.lex.numbers.get(w.lower).copied())
        };
        for i in 0..sent.len() {
            let w = sent.w[i].lower;
            if w == "age" && sent.w.get(i + 1).is_some_and(|x| x.lower == "of") {
                if let Some(n) = num(i + 2) {
                    return Some(n);
                }
            }
            if w == "aged" {
                if let Some(n) = num(i + 1) {
                    return Some(n);
                }
            }
            // "married off at thirteen, sailed at eighteen": "at" and a
            // number of years that ends its phrase (not "at 13 Rue Dauphine",
            // "at 3 p.m.", "at 10 o'clock", "at 50 kilometres")
            if w == "at" {
                let ends = sent
                    .w
                    .get(i + 2)
                    .is_none_or(|x| matches!(x.class, C::Punct | C::Conj | C::Sconj));
                let clock = sent
                    .w
                    .get(i + 1)
                    .is_some_and(|x| x.text.contains([':', '.']));
                if let Some(n) = num(i + 1).filter(|n| (5..=110).contains(n)) {
                    if ends && !clock {
                        return Some(n);
                    }
                }
            }
        }
        None
    }

    /// `intransitive`: the trigger's frame has no object, so a form of
    /// "be" before an earlier verb is not its auxiliary.
    fn factuality(
        &self,
        sent: &Sent,
        h: usize,
        clause_a: usize,
        verb: bool,
        intransitive: bool,
    ) -> Factuality {
        // A question mark right after the sentence's last token.
        let last = sent.w.last().map(|w| w.lower).unwrap_or("");
        let after = sent
            .w
            .last()
            .and_then(|w| sent.text.get(w.span.end..))
            .and_then(|s| s.trim_start().chars().next());
        if last == "?" || after == Some('?') {
            return Factuality::Question;
        }
        let mut found: Vec<Factuality> = Vec::new();
        // (first word, words, category) of every cue that matches.
        let mut hits: Vec<(usize, usize, Factuality)> = Vec::new();
        let start = sent.w.iter().position(|w| w.class != C::Punct).unwrap_or(0);
        // Only cues whose first word occurs before the trigger are tried.
        let lo_before = clause_a.max(h.saturating_sub(6));
        // A predicate coordinated with the one before, sharing its subject
        // and auxiliaries ("he should be impeached by the House and
        // removed from office"), takes that one's cues too: the clause
        // before counts as its own.
        // (not after a comma, and only when the clause before has a verb
        // of its own for the cue to govern: "He was not a candidate …,
        // and died" is no denied death)
        let shared = verb
            && clause_a > 0
            && sent.w.get(clause_a).is_some_and(|w| w.has(Cl::Sharedconj))
            && sent.w[clause_a - 1].lower != ","
            && sent.skip_adverbs(clause_a + 1) == h;
        let prev_start = if shared {
            sent.clause_of(clause_a - 1).0
        } else {
            lo_before
        };
        let lo_shared =
            if (prev_start..clause_a).any(|k| sent.w[k].class == C::Verb && sent.is_verbish(k)) {
                prev_start
            } else {
                lo_before
            };
        // A negation is shared only through an auxiliary ("was not
        // arrested and tried", "did not flee and hide"); on a verb alone it
        // is that verb's ("never fully recovered from the loss and died");
        // nor does a passive's "be" reach a verb that takes no object ("was
        // never prosecuted and died in 1982").
        let aux_shared = (lo_shared..clause_a).any(|k| match sent.w[k].class {
            C::Aux | C::Modal => true,
            C::Be => !(verb && intransitive),
            _ => false,
        });
        for i in 0..h.min(sent.len()) {
            let Some(ids) = self.lex.cue_index.get(sent.w[i].lower) else {
                continue;
            };
            // ("On the morning of 30 May she was led out": a month, not "may")
            if sent.in_timex(i) {
                continue;
            }
            for &ci in ids {
                let cue = &self.lex.cues[ci];
                let n = cue.words.len();
                if i + n > h {
                    continue;
                }
                let ok = match cue.scope {
                    CueScope::Start => i == start,
                    // (a semicolon joins a clause of its own: "X argued
                    // that …; Souchon … died in 1982")
                    // (nor does a cue inside an apposition or a relative
                    // clause set off by commas before the verb govern it:
                    // "Bothwell, widely *thought* to have organised the
                    // murder, was acquitted")
                    CueScope::Sentence => {
                        !(i..h).any(|k| sent.w[k].lower == ";")
                            && !(i + 1..h).any(|c| {
                                sent.w[c].lower == ","
                                    && sent.apposition_start(c).is_some_and(|o| o < i)
                            })
                    }
                    CueScope::Before => {
                        i >= lo_before
                            || (i >= lo_shared
                                && i < clause_a
                                && (cue.category != Factuality::Negated || aux_shared))
                    }
                    CueScope::Next => i + n == h,
                };
                if ok
                    && cue
                        .words
                        .iter()
                        .enumerate()
                        .skip(1)
                        .all(|(k, set)| sent.w.get(i + k).is_some_and(|w| set.contains(w.lower)))
                {
                    hits.push((i, n, cue.category));
                }
            }
        }
        // Words of an `asserted` phrase ("not long after") open no cue.
        let masked = |i: usize| {
            hits.iter()
                .any(|&(a, n, c)| c == Factuality::Asserted && (a..a + n).contains(&i))
        };
        for &(i, _, c) in &hits {
            if c != Factuality::Asserted && !masked(i) {
                found.push(c);
            }
        }
        // Negation glued to the auxiliary ("wasn't", "didn't").
        if (clause_a.max(h.saturating_sub(4))..h).any(|i| sent.w[i].class == C::Neg && !masked(i)) {
            found.push(Factuality::Negated);
        }
        // A purpose infinitive ("sent … to kill him") is not asserted,
        // unless the governing verb entails it ("was forced to flee").
        if verb && h >= 1 && sent.w[h - 1].lower == "to" {
            let gov = h.checked_sub(2).map(|k| sent.w[k].lower).unwrap_or("");
            if !self.lex.is(Cl::Entailing, gov) {
                found.push(Factuality::Hypothetical);
            }
        }
        for f in [
            Factuality::Question,
            Factuality::Hypothetical,
            Factuality::Negated,
            Factuality::Reported,
        ] {
            if found.contains(&f) {
                return f;
            }
        }
        Factuality::Asserted
    }

    /// Encyclopedia life spans after a name: "(born November 7, 1879,
    /// Yanovka — died August 21, 1940, Coyoacán)", "(Nov. 7, 1879-Aug. 21, 1940)".
    fn lifespans(&self, ctx: &SentCtx) -> (Vec<Draft>, Vec<(usize, usize)>) {
        let sent = ctx.sent;
        let mut out = Vec::new();
        let mut consumed = Vec::new();
        for p in 0..sent.len() {
            if sent.w[p].lower != "(" {
                continue;
            }
            let mut q = p + 1;
            let mut depth = 0;
            while q < sent.len() {
                match sent.w[q].lower {
                    "[" => depth += 1,
                    "]" => depth -= 1,
                    ")" if depth <= 0 => break,
                    _ => {}
                }
                q += 1;
            }
            // Dates inside, outside square brackets ("[October 26, Old Style]").
            let in_brackets = |pos: usize| {
                let opens = (p..pos).filter(|&k| sent.w[k].lower == "[").count();
                let closes = (p..pos).filter(|&k| sent.w[k].lower == "]").count();
                opens > closes
            };
            let dates: Vec<(usize, usize)> = ctx
                .stx
                .iter()
                .copied()
                .filter(|&(ti, pos)| {
                    pos > p && pos < q && usable(&ctx.timexes[ti]) && !in_brackets(pos)
                })
                .collect();
            // One date after a cue opening the parenthesis: "John Wycliffe
            // (d. 1384)", "(born 4 February 1906)".
            let single = match (dates.as_slice(), sent.w.get(p + 1)) {
                ([(d, _)], Some(w)) if w.has(Cl::Lifeborn) => Some((EventType::Birth, *d)),
                ([(d, _)], Some(w)) if w.has(Cl::Lifedied) => Some((EventType::Death, *d)),
                _ => None,
            };
            if dates.len() < 2 && single.is_none() {
                continue;
            }
            let (d1, p1) = dates[0];
            let (d2, p2) = dates[dates.len() - 1];
            let (v1, v2) = (&ctx.timexes[d1].value, &ctx.timexes[d2].value);
            let (Some(y1), Some(y2)) = (year_of(v1), year_of(v2)) else {
                continue;
            };
            let cue =
                (p + 1..q).any(|k| sent.w[k].has(Cl::Lifeborn) || sent.w[k].has(Cl::Lifedied));
            // (one full date is enough: "Jan Hus (c. 1370 – 6 July 1415)";
            // two bare years may be a reign)
            let precise = v1.len() >= 10 || v2.len() >= 10;
            let gap_ok = y2 > y1 && y2 - y1 >= 15 && y2 - y1 <= 110;
            if single.is_none() && !(gap_ok && (cue || precise)) {
                continue;
            }
            // (over post-nominal letters: "Daniel Bernoulli FRS (…)")
            let mut name_end = p.checked_sub(1);
            while let Some(k) = name_end.filter(|&k| {
                k > 0 && sent.w[k].mention.is_none() && {
                    let t = sent.w[k].text;
                    t.len() <= 5 && t.len() >= 2 && t.chars().all(|c| c.is_ascii_uppercase())
                }
            }) {
                name_end = Some(k - 1);
            }
            let subj = match name_end {
                Some(k) if sent.w[k].mention.is_some() => sent.np_left(k),
                _ => sent.subject_of(p, 0).0.into_iter().next(),
            };
            let Some(mut subj) = subj else {
                continue;
            };
            // "Patrick Gordon of Auchleuchries (31 March 1635 – …)": the
            // person the place is attached to.
            let place = |np: &Np| {
                np.mention
                    .is_some_and(|mi| sent.mention(mi).etype == EntityType::Place)
            };
            if place(&subj) && subj.a >= 2 && sent.w[subj.a - 1].lower == "of" {
                if let Some(np) = sent.np_left(subj.a - 2).filter(|np| names_person(sent, np)) {
                    subj = np;
                }
            }
            if subj.mention.is_none() {
                continue;
            }
            let place_after = |from: usize, to: usize| -> Option<Np> {
                let mut k = from;
                while k < to {
                    let w = &sent.w[k];
                    let is_time = ctx
                        .stx
                        .iter()
                        .any(|&(ti, _)| ctx.timexes[ti].span.overlaps(w.span));
                    if !is_time && (w.mention.is_some() || w.class == C::Propn) {
                        return sent.np_right(k);
                    }
                    k += 1;
                }
                None
            };
            let t1_end = (p1..q)
                .find(|&k| sent.w[k].span.start >= ctx.timexes[d1].span.end)
                .unwrap_or(p2);
            let t2_end = (p2..q)
                .find(|&k| sent.w[k].span.start >= ctx.timexes[d2].span.end)
                .unwrap_or(q);
            let plan = match single {
                Some((etype, d)) => vec![(etype, d, place_after(t1_end, q))],
                None => vec![
                    (EventType::Birth, d1, place_after(t1_end, p2)),
                    (EventType::Death, d2, place_after(t2_end, q)),
                ],
            };
            for (etype, ti, pl) in plan {
                let mut roles = vec![];
                if let Some(f) = self.filler(ctx, &subj, Role::Subject) {
                    roles.push((Role::Subject, f));
                }
                // The position decides: whatever name follows the date is its place.
                if let Some(np) = pl {
                    let f = match np.mention {
                        Some(mi) => {
                            let mm = sent.mention(mi);
                            RoleFiller {
                                role: Some(Role::Place),
                                entity: Some(mm.entity),
                                text: mm.text.clone(),
                                span: mm.span,
                            }
                        }
                        None => RoleFiller {
                            role: Some(Role::Place),
                            entity: None,
                            text: sent.text_of(np.a, np.b).to_string(),
                            span: sent.np_span(&np),
                        },
                    };
                    roles.push((Role::Place, f));
                }
                let time = Some(EventTime {
                    value: event_value(&ctx.timexes[ti]),
                    timex: Some(ti),
                    how: "apposition".into(),
                    inferred: false,
                });
                let tpos = ctx.stx.iter().find(|x| x.0 == ti).map(|x| x.1).unwrap_or(p);
                out.extend(self.emit(
                    ctx,
                    etype,
                    ctx.timexes[ti].span,
                    roles,
                    time,
                    Factuality::Asserted,
                    0.9,
                    tpos,
                    tpos + 1,
                ));
            }
            consumed.push((p, q + 1));
        }
        (out, consumed)
    }

    /// A title owned by someone is their publication: "his famed History of
    /// the Russian Revolution", "Amy Knight's book Who Killed Kirov? (1999)".
    fn possessed_works(&self, ctx: &SentCtx) -> Vec<Draft> {
        let sent = ctx.sent;
        let mut out = Vec::new();
        let mut i = 0;
        while i < sent.len() {
            let Some(mi) = sent.w[i].mention else {
                i += 1;
                continue;
            };
            let mut b = i + 1;
            while b < sent.len() && sent.w[b].mention == Some(mi) {
                b += 1;
            }
            let (a, end) = (i, b);
            i = b;
            if sent.mention(mi).etype != EntityType::Work {
                continue;
            }
            // A name headed by an armed unit or body ("his 'Army of the
            // Center'") or opening with an operation ("his March to the
            // Sea") is no title of his.
            let head = (a..end)
                .find(|&k| sent.w[k].lower == "of")
                .map_or(end - 1, |k| k.saturating_sub(1).max(a));
            if sent.w[head].has(Cl::Unitnoun) || sent.w[a].has(Cl::Opnoun) {
                continue;
            }
            // A quoted name modifying a noun that names no work ("his
            // 'No Re-election' slogan") is no title of his.
            let after = (end..sent.len())
                .find(|&k| !matches!(sent.w[k].lower, "\"" | "”" | "’" | "'" | "»"))
                .unwrap_or(sent.len());
            if sent.w.get(after).is_some_and(|w| {
                (w.class == C::Noun || (w.class == C::Other && !sent.is_verbish(after)))
                    && w.mention.is_none()
                    && !w.has(Cl::Worknoun)
            }) {
                continue;
            }
            // A gloss in brackets that names a unit ("Villa's División del
            // Norte (Northern Division)") shows a body, not a title.
            if sent.w.get(after).is_some_and(|w| w.lower == "(") {
                let close =
                    (after + 1..sent.len().min(after + 8)).find(|&k| sent.w[k].lower == ")");
                if close.is_some_and(|c| c > after + 1 && sent.w[c - 1].has(Cl::Unitnoun)) {
                    continue;
                }
            }
            // Skip "famed", "book", quotes between the possessor and the title.
            let mut k = a;
            while k > 0 && a - k < 3 {
                let w = &sent.w[k - 1];
                let skip = w.mention.is_none()
                    && (matches!(w.class, C::Adj | C::Noun)
                        || (w.class == C::Punct && !matches!(w.lower, "," | "." | "(" | ")"))
                        || (w.class == C::Other && !sent.is_verbish(k - 1)));
                if !skip {
                    break;
                }
                k -= 1;
            }
            if k == 0 {
                continue;
            }
            let p = &sent.w[k - 1];
            let owner = if p.class == C::Poss || p.glued_poss {
                Some(Np {
                    a: k - 1,
                    b: k,
                    mention: p.mention,
                    pronoun: p.class == C::Poss,
                    head: p.lower.to_string(),
                    possessor: None,
                })
            } else if p.class == C::PossMark && k >= 2 {
                sent.np_left(k - 2)
            } else if p.lower == "in" && k >= 2 && k == a && cited_year(sent, end) {
                // A citation: "developed by Robert Conquest in Stalin and
                // the Kirov Murder (1989)".
                sent.np_left(k - 2).filter(|np| {
                    np.mention
                        .is_some_and(|m2| sent.mention(m2).etype == EntityType::Person)
                })
            } else {
                None
            };
            let Some(mut owner) = owner else { continue };
            // "In his Secret Speech of 1956, Nikita Khrushchev stated": the
            // possessive points forward to the main clause's subject.
            if owner.pronoun && owner.a <= 2 {
                let comma = (end..(end + 8).min(sent.len())).find(|&k| sent.w[k].lower == ",");
                // Without the comma ("In his Secret Speech of 25 February
                // 1956 Khrushchev said"): the first person named after the
                // title, outside a prepositional phrase.
                let start = comma.map(|c| c + 1).or_else(|| {
                    (end..(end + 10).min(sent.len())).find(|&k| {
                        sent.w[k].mention.is_some_and(|m2| {
                            sent.mention(m2).etype == EntityType::Person
                                && sent.mention(m2).form != MentionForm::Pronoun
                        }) && sent.w[k - 1].class != C::Prep
                    })
                });
                if let Some(np) = start.and_then(|c| sent.np_right(c)) {
                    if np
                        .mention
                        .is_some_and(|m2| sent.mention(m2).etype == EntityType::Person)
                    {
                        owner = np;
                    }
                }
            }
            let Some(subj) = self.filler(ctx, &owner, Role::Subject) else {
                continue;
            };
            if subj.entity == Some(sent.mention(mi).entity) {
                continue;
            }
            // Authorship, not ownership: a place's or a body's title is
            // what it owns or runs ("Kazakhstan's Air Astana", "the
            // party's newspaper"), so only a person's counts.
            if !is_person(sent, &subj) {
                continue;
            }
            let work = mention_filler(sent, mi, Role::Work);
            let (ca, cb) = sent.clause_of(a);
            let time = self.clause_time(ctx, a, ca, cb.max(end), EventType::Publication);
            let factuality = self.factuality(sent, a, ca, false, false);
            out.extend(self.emit(
                ctx,
                EventType::Publication,
                sent.mention(mi).span,
                vec![(Role::Subject, subj), (Role::Work, work)],
                time,
                factuality,
                0.6,
                k - 1,
                end,
            ));
        }
        out
    }

    /// A cited work, its author's possessive before the title and its year
    /// in brackets after ("Susan Quinn's Marie Curie: A Life (1995)",
    /// "Raoul Peck's film Lumumba (2000)", "Jean-Pierre Poirier's biography
    /// (1993)"), whatever the title's words were read as: the author's
    /// publication that year. A title the possessed-works pass read is left
    /// to it (`done`: the trigger spans of its drafts).
    fn cited_works(&self, ctx: &SentCtx, done: &[Span]) -> Vec<Draft> {
        let sent = ctx.sent;
        let mut out = Vec::new();
        for p in 1..sent.len() {
            if !cited_year(sent, p) {
                continue;
            }
            let Some(&(ti, _)) = ctx.stx.iter().find(|&&(_, q)| q == p + 1) else {
                continue;
            };
            // The title: names, capitalised words, the small words of
            // titles (`titleinner`), a work noun ("film", "biography"), up
            // to 12 words.
            let title_word = |w: &chunk::W| {
                w.mention.is_some()
                    || w.text.starts_with(char::is_uppercase)
                    || w.has(Cl::Worknoun)
                    || w.has(Cl::Titleinner)
                    || (w.class == C::Punct
                        && matches!(w.lower, "\"" | "“" | "”" | "'" | "‘" | "’"))
            };
            let mut k = p;
            while k > 0 && p - k < 12 && title_word(&sent.w[k - 1]) {
                k -= 1;
            }
            if k == p || k < 2 || sent.w[k - 1].class != C::PossMark {
                continue;
            }
            let run = &sent.w[k..p];
            // (a title, not a person's or a place's name alone: "Stalin's
            // Russia (1930)", "his wife Natalia (1882)" — a work noun, a
            // work's name or a capitalised word no name holds)
            let worded = run.iter().any(|w| {
                w.has(Cl::Worknoun)
                    || w.mention
                        .is_some_and(|m| sent.mention(m).etype == EntityType::Work)
                    || (w.mention.is_none()
                        && w.text.starts_with(char::is_uppercase)
                        && w.class != C::Punct)
            });
            let span = sent.span(k, p);
            if !worded || done.iter().any(|d| d.overlaps(span)) {
                continue;
            }
            let Some(owner) = sent.np_left(k - 2) else {
                continue;
            };
            let Some(subj) = self.filler(ctx, &owner, Role::Subject) else {
                continue;
            };
            // (the author a person, as in `possessed_works`)
            if !is_person(sent, &subj) {
                continue;
            }
            let work = match run
                .iter()
                .filter_map(|w| w.mention)
                .find(|&m| sent.mention(m).etype == EntityType::Work)
            {
                Some(m) => mention_filler(sent, m, Role::Work),
                None => RoleFiller {
                    role: Some(Role::Work),
                    entity: None,
                    text: sent.text_of(k, p).to_string(),
                    span,
                },
            };
            let time = Some(EventTime {
                value: event_value(&ctx.timexes[ti]),
                timex: Some(ti),
                how: "clause".into(),
                inferred: false,
            });
            let (ca, _) = sent.clause_of(k);
            let factuality = self.factuality(sent, k, ca, false, false);
            out.extend(self.emit(
                ctx,
                EventType::Publication,
                span,
                vec![(Role::Subject, subj), (Role::Work, work)],
                time,
                factuality,
                0.6,
                owner.a,
                p + 3,
            ));
        }
        out
    }

    /// Second pass: events without a time in their sentence get one from an
    /// age and a known birth date, else from the narrative reference time.
    fn settle_times(
        &self,
        doc: &CleanDoc,
        ta: &TextAnalysis,
        timexes: &[Timex],
        mut drafts: Vec<Draft>,
    ) -> Vec<EventMention> {
        correct_relative_dates(&mut drafts, timexes, &self.lex.once);
        let mut births: HashMap<usize, i32> = HashMap::new();
        for d in &drafts {
            if d.ev.etype == Some(EventType::Birth) && d.ev.factuality == Factuality::Asserted {
                if let (Some(e), Some(y)) = (
                    d.ev.fillers(Role::Subject).next().and_then(|f| f.entity),
                    d.ev.time.as_ref().and_then(|t| year_of(&t.value)),
                ) {
                    births.entry(e).or_insert(y);
                }
            }
        }
        // The reference time of each sentence: the last time stated for one
        // of its events (in the text, not inferred).
        let mut stated: HashMap<usize, (usize, String)> = HashMap::new();
        for d in &drafts {
            if let Some(t) = d.ev.time.as_ref().filter(|t| !t.inferred) {
                let pos = d.ev.trigger.start;
                let e = stated
                    .entry(d.ev.sentence)
                    .or_insert((pos, t.value.clone()));
                if pos >= e.0 {
                    *e = (pos, t.value.clone());
                }
            }
        }
        // ... unless the sentence moves on to a later year after it ("He
        // went to St. Petersburg in 1724, … and an illness in 1733 gave him
        // an excuse for leaving"): the last year stated in the sentence.
        let mut later: HashMap<usize, String> = HashMap::new();
        for t in timexes
            .iter()
            .filter(|t| usable(t) && year_of(&t.value).is_some())
        {
            let si = ta.sentences.partition_point(|s| s.span.end <= t.span.start);
            if !ta
                .sentences
                .get(si)
                .is_some_and(|s| s.span.contains(t.span))
            {
                continue;
            }
            if let Some((pos, v)) = stated.get(&si) {
                if t.span.start > *pos && year_of(&t.value) > year_of(v) {
                    later.insert(si, t.value.clone());
                }
            }
        }
        for (si, v) in later {
            if let Some(e) = stated.get_mut(&si) {
                e.1 = v;
            }
        }
        let mut out = Vec::with_capacity(drafts.len());
        for mut d in drafts {
            d.ev.age = d.age;
            if d.ev.time.is_none() {
                let subj = d.ev.fillers(Role::Subject).next().and_then(|f| f.entity);
                if let (Some(n), Some(y)) = (d.age, subj.and_then(|e| births.get(&e))) {
                    if d.ev.etype != Some(EventType::Birth) {
                        d.ev.time = Some(EventTime {
                            // (n years old from the n-th birthday to the next)
                            value: format!("{:04}/{:04}", y + n as i32, y + n as i32 + 1),
                            timex: None,
                            how: "age".into(),
                            inferred: true,
                        });
                    }
                }
            }
            if d.ev.time.is_none() && d.narrative {
                d.ev.time = self.narrative_time(doc, ta, &stated, d.ev.sentence);
            }
            out.push(d.ev);
        }
        // One mention per (sentence, type, subject): merge duplicates.
        let mut merged: Vec<EventMention> = Vec::with_capacity(out.len());
        for ev in out {
            let key = |e: &EventMention| {
                let s = e.fillers(Role::Subject).next();
                (
                    e.sentence,
                    e.etype,
                    s.and_then(|f| f.entity),
                    s.map(|f| f.text.to_lowercase()),
                )
            };
            // (two clauses dated apart are two events: "In 1954 he became
            // pastor …, and in December 1955 … he was elected president")
            let dated_apart = |p: &EventMention| match (&p.time, &ev.time) {
                (Some(a), Some(b)) => {
                    !a.inferred && !b.inferred && a.timex.is_some() && a.timex != b.timex
                }
                _ => false,
            };
            if let Some(prev) = merged
                .iter_mut()
                .find(|p| key(p) == key(&ev) && !dated_apart(p))
            {
                for f in &ev.roles {
                    if !prev
                        .roles
                        .iter()
                        .any(|g| g.role == f.role && g.span.overlaps(f.span))
                    {
                        prev.roles.push(f.clone());
                    }
                }
                if prev.time.is_none() {
                    prev.time = ev.time.clone();
                }
                prev.confidence = prev.confidence.max(ev.confidence);
                continue;
            }
            merged.push(ev);
        }
        merged
    }

    /// The narrative reference time: the year of the time last stated for
    /// an event of the previous sentence, when in the same paragraph of the
    /// main text.
    fn narrative_time(
        &self,
        doc: &CleanDoc,
        ta: &TextAnalysis,
        stated: &HashMap<usize, (usize, String)>,
        si: usize,
    ) -> Option<EventTime> {
        let s = ta.sentences.get(si)?;
        // Reader comments are fragments, not a narrative.
        if s.region != RegionKind::Main || si == 0 {
            return None;
        }
        let prev = &ta.sentences[si - 1];
        if prev.region != s.region || blank_line_between(&doc.text, prev.span.end, s.span.start) {
            return None;
        }
        let (_, value) = stated.get(&(si - 1))?;
        Some(EventTime {
            // Only the year is carried: the story may have moved on by days
            // or months ("1 December" … "the trial opened").
            value: year_value(value),
            timex: None,
            how: "narrative".into(),
            inferred: true,
        })
    }
}

/// Whether a year in parentheses follows token `end`: "(1989)".
fn cited_year(sent: &Sent, end: usize) -> bool {
    let w = |i: usize| sent.w.get(i).map(|w| w.lower);
    w(end) == Some("(")
        && w(end + 1).is_some_and(|y| y.len() == 4 && y.bytes().all(|b| b.is_ascii_digit()))
        && w(end + 2) == Some(")")
}

/// Whether a filler is a person the text stage named (an entity of that
/// type).
fn is_person(sent: &Sent, f: &RoleFiller) -> bool {
    f.entity
        .and_then(|e| sent.ta.entities.get(e))
        .is_some_and(|le| le.etype == EntityType::Person)
}

/// A role filled by mention `mi` of the sentence, as the text stage named it.
fn mention_filler(sent: &Sent, mi: usize, role: Role) -> RoleFiller {
    let mm = sent.mention(mi);
    RoleFiller {
        role: Some(role),
        entity: Some(mm.entity),
        text: mm.text.clone(),
        span: mm.span,
    }
}

/// `value` moved by `n` units of a duration (`Y`, `M`, `W`, `D`), kept to
/// its own precision ("1915" less 500 years is "1415"); none when the unit
/// is finer than the value (a year moved by months, a month by days).
fn shift_value(value: &str, n: i64, unit: char) -> Option<String> {
    let p = annalist_time::value::parse_point(value)?;
    let (y, m, d) = match (unit, p.m, p.d) {
        ('Y', m, d) => (p.y + n, m, d),
        ('M', Some(m), d) => {
            let (y, m) = annalist_time::calendar::add_months(p.y, m, n);
            (y, Some(m), d)
        }
        ('W' | 'D', Some(m), Some(d)) => {
            let days = if unit == 'W' { 7 * n } else { n };
            let (y, m, d) = annalist_time::calendar::add_days(p.y, m, d, days);
            (y, Some(m), Some(d))
        }
        _ => return None,
    };
    let d = match (m, d) {
        (Some(m), Some(d)) => Some(d.min(annalist_time::calendar::days_in_month(y, m))),
        _ => d,
    };
    let year = annalist_time::value::fmt_year(y);
    Some(match (m, d) {
        (Some(m), Some(d)) => format!("{year}-{m:02}-{d:02}"),
        (Some(m), None) => format!("{year}-{m:02}"),
        _ => year,
    })
}

/// A whole-number duration value ("P500Y", "P2D") as its count and unit.
fn counted_span(value: &str) -> Option<(i64, char)> {
    let body = value.strip_prefix('P')?;
    let unit = body.chars().last()?;
    let n: i64 = body.get(..body.len() - unit.len_utf8())?.parse().ok()?;
    matches!(unit, 'Y' | 'M' | 'W' | 'D').then_some((n, unit))
}

/// The value an event takes from a time expression: an approximate or bounded day
/// ("about six weeks earlier" → 1934-10-20, APPROX; "less than three weeks
/// later", LESS_THAN) claims only its month,
/// so that it agrees with a source giving the exact day.
fn event_value(t: &Timex) -> String {
    let day_precise = t.value.len() == 10
        && t.value.as_bytes().get(4) == Some(&b'-')
        && t.value.as_bytes().get(7) == Some(&b'-');
    // ("about three weeks later", "less than three weeks later": a day
    // counted roughly, or a bound, is no day of its own — its month)
    let rough = matches!(
        t.tmod,
        Some(
            TimexMod::Approx
                | TimexMod::LessThan
                | TimexMod::MoreThan
                | TimexMod::EqualOrLess
                | TimexMod::EqualOrMore
        )
    );
    if rough && day_precise {
        t.value[..7].to_string()
    } else {
        t.value.clone()
    }
}

/// The year part of a TIMEX3 value (`1934-12-01` → `1934`, `BC0044-03` → `BC0044`).
fn year_value(v: &str) -> String {
    let (bc, rest) = match v.strip_prefix("BC") {
        Some(r) => ("BC", r),
        None => ("", v),
    };
    let y: String = rest.chars().take(4).collect();
    format!("{bc}{y}")
}

/// How many sentences on "the accused" or "the conspirators" may still
/// mean the last group an event was told of.
const GROUP_REACH: usize = 3;

/// The filler of `role` naming mention `mi`, cited at `span`.
fn named(sent: &Sent, mi: usize, role: Role, span: Span) -> RoleFiller {
    let mm = sent.mention(mi);
    RoleFiller {
        role: Some(role),
        entity: Some(mm.entity),
        text: mm.text.clone(),
        span,
    }
}

/// What the role and time readers need to know about the current sentence.
struct SentCtx<'a> {
    sent: &'a Sent<'a>,
    si: usize,
    region: RegionKind,
    flagged: bool,
    stx: &'a [(usize, usize)],
    timexes: &'a [Timex],
    matches: Vec<Match>,
    age: Option<u32>,
    sentence_span: Span,
    /// The subject of the document's last asserted death, killing or
    /// execution (for "the body" without a possessor).
    last_victim: Option<RoleFiller>,
    /// The previous sentence spoke of a body ("it was recovered" is then
    /// the body).
    body_before: bool,
    /// The subjects of the last asserted event told of two or more people
    /// in the last [`GROUP_REACH`] sentences ("the accused", "the
    /// conspirators").
    last_group: Vec<RoleFiller>,
}

impl SentCtx<'_> {
    /// The token position of the sentence's timex `ti` (each is listed
    /// once in `stx`).
    fn timex_pos(&self, ti: usize) -> Option<usize> {
        self.stx.iter().find(|&&(x, _)| x == ti).map(|&(_, p)| p)
    }
}

/// Whether the phrase names a person (a name or a resolved pronoun).
fn names_person(sent: &Sent, np: &Np) -> bool {
    np.mention
        .is_some_and(|mi| sent.mention(mi).etype == EntityType::Person)
}

/// Whether the phrase's head is a named place (or a building, which the
/// tagger often calls an organization).
fn names_place(sent: &Sent, np: &Np) -> bool {
    np.mention.is_some_and(|mi| {
        matches!(
            sent.mention(mi).etype,
            EntityType::Place | EntityType::Organization
        )
    })
}

/// A person (or a capitalised word the text stage named nothing) only
/// owns the phrase's common-noun head: it names no place ("at
/// *Musharraf's* invitation"), unless the head is a `proxy` noun for
/// the owner's place ("to Trotsky's villa"); a place's own ("to Mexico's
/// capital") is a place.
fn owned_by_person(sent: &Sent, np: &Np) -> bool {
    let Some(head) = np.b.checked_sub(1).and_then(|h| sent.w.get(h)) else {
        return false;
    };
    if head.has(Cl::Proxy) || !head.text.starts_with(|c: char| c.is_lowercase()) {
        return false;
    }
    (np.a..np.b).any(|k| {
        let w = &sent.w[k];
        let owner = if w.glued_poss {
            Some(k)
        } else {
            k.checked_sub(1)
        };
        (w.class == C::PossMark || w.glued_poss)
            && owner.is_some_and(|o| {
                let x = &sent.w[o];
                x.text.starts_with(|c: char| c.is_uppercase())
                    && x.mention
                        .is_none_or(|m| sent.mention(m).etype == EntityType::Person)
            })
    })
}

/// The phrase stops inside a hyphenated modifier ("in the
/// *United*-States-led invasion"): the words are no phrase of their own.
fn hyphen_modifier(sent: &Sent, np: &Np) -> bool {
    let (Some(last), Some(next)) = (
        np.b.checked_sub(1).and_then(|k| sent.w.get(k)),
        sent.w.get(np.b),
    ) else {
        return false;
    };
    next.text == "-" && next.span.start == last.span.end
}

impl Extractor {
    /// The filler names a work: a Work entity, or a phrase with a
    /// `worknoun` in it or right before it ("the album Desert Orchid",
    /// "their debut EP").
    fn names_work(&self, sent: &Sent, f: &RoleFiller) -> bool {
        if f.entity
            .and_then(|e| sent.ta.entities.get(e))
            .is_some_and(|le| le.etype == EntityType::Work)
        {
            return true;
        }
        let Some(a) = sent.w.iter().position(|w| w.span.end > f.span.start) else {
            return false;
        };
        let inside = sent.w[a..]
            .iter()
            .take_while(|w| w.span.start < f.span.end)
            .any(|w| w.has(Cl::Worknoun));
        let before = sent.w[..a]
            .iter()
            .rev()
            .take(3)
            .take_while(|w| matches!(w.class, C::Det | C::Poss | C::Adj | C::Noun | C::Other))
            .any(|w| w.has(Cl::Worknoun));
        inside || before
    }
}

/// Whether local entity `le` is of frame type `t`: an entity type
/// (`person`, `place`, …) or `known_person`, a person the text knows as
/// one beyond the tagger's reading of a lone word: a name of two words or
/// more, or a gender (from a title, a given name or a pronoun). A lone
/// unknown word tagged a person may be a place ("capturing Brodno").
fn type_is(le: &annalist_model::LocalEntity, t: &str) -> bool {
    if t == "known_person" {
        return le.etype == EntityType::Person
            && (le.name.split_whitespace().count() >= 2
                || matches!(le.gender.as_deref(), Some("male" | "female")));
    }
    t == le.etype.as_str()
}

#[cfg(test)]
mod tests;
