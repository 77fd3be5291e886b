//! Segmenting text into main / comment / boilerplate regions, and the
//! sentence-level pass that finds scraped residue and off-topic sentences of
//! aggregate (spam) pages.
//!
//! Two levels:
//! 1. **Lines.** Each line gets a cue from `resources/ingest/line_cues.tsv`
//!    (thread header, dated comment header, furniture, …) and layout
//!    features (length, word count, title-case link-list shape, position).
//!    A small state machine tracks whether we are inside a comment thread,
//!    and short non-sentence lines next to furniture (user names, tag
//!    lists) take their neighbours' label.
//! 2. **Sentences** inside main lines: residue phrases (`residue.tsv`),
//!    scraped titles with a site suffix after a question mark
//!    (`site_suffix.tsv`), `Title | Site` fragments, and — on pages judged
//!    spam — sentences sharing no topic word with the rest of the page.

use crate::caseless::Hay;
use crate::cues::{LineCue, CUES};
use annalist_model::{RegionKind, Span};
use rustc_hash::FxHashMap;

/// The result of segmenting one text.
#[derive(Debug, Default, Clone)]
pub struct Segmentation {
    /// Labelled pieces, sorted, non-overlapping, covering all non-blank text.
    pub pieces: Vec<(Span, RegionKind)>,
    /// Within-page repeated sentences and off-topic sentences, with a reason.
    pub flagged: Vec<(Span, String)>,
    pub spam_reasons: Vec<String>,
    /// Layout features worth keeping (for kind/quality and debugging).
    pub features: Vec<String>,
    /// Number of sentences seen in main lines.
    pub sentences: usize,
}

struct Line {
    /// Trimmed content span (text offsets).
    span: Span,
    /// Content without bullets/numbering (for cue matching).
    body_start: usize,
    cue: Option<LineCue>,
    title_list: bool,
    kind: RegionKind,
}

fn strip_bullet(s: &str) -> usize {
    // Bullets and list numbering: "•", "-", "*", "1.", "2)", "(a)".
    let b = s.as_bytes();
    let mut i = 0;
    if let Some(ch) = s.chars().next() {
        if matches!(ch, '•' | '◦' | '▪' | '·' | '*' | '-' | '–' | '—' | '>') {
            i += ch.len_utf8();
            let rest = &s[i..];
            let ws = rest.len() - rest.trim_start().len();
            if ws == 0 && !rest.is_empty() {
                return 0;
            }
            return i + ws;
        }
    }
    let digits = b.iter().take_while(|c| c.is_ascii_digit()).count();
    if digits > 0 && digits <= 3 && matches!(b.get(digits), Some(b'.') | Some(b')')) {
        let rest = &s[digits + 1..];
        let ws = rest.len() - rest.trim_start().len();
        if ws > 0 {
            return digits + 1 + ws;
        }
    }
    0
}

/// Words: maximal runs of alphanumeric characters and apostrophes (`'`, `’`).
fn words(s: &str) -> crate::Runs<'_> {
    crate::Runs::words(s)
}

fn is_capitalized(w: &str) -> bool {
    w.chars().next().is_some_and(|c| c.is_uppercase())
}

/// "Toyota Corolla Hybrid Mpg 2021, Best Pizza In Brooklyn Heights, …":
/// a comma-separated list of title-case link texts.
fn is_title_list(s: &str) -> bool {
    if s.len() > 800
        || s.bytes().filter(|&b| b == b',').count() < 2
        || s.ends_with(['.', '!', '?', ':', ';'])
    {
        return false;
    }
    let items = s.split(',').filter(|p| !p.trim().is_empty()).count();
    if items < 3 {
        return false;
    }
    let ws: Vec<&str> = words(s).collect();
    if ws.len() < 6 {
        return false;
    }
    let cap = ws
        .iter()
        .filter(|w| is_capitalized(w) || w.chars().all(|c| c.is_ascii_digit()))
        .count();
    cap * 10 >= ws.len() * 8
}

/// A short line that is not a sentence (user name, tag list, counter).
fn is_fragment(s: &str) -> bool {
    s.len() <= 60 && !s.ends_with(['.', '!', '?', ':', ';', ',']) && words(s).count() <= 4
}

fn is_username(s: &str) -> bool {
    !s.contains(char::is_whitespace) && s.len() <= 40 && !s.ends_with(['.', '!', '?', ':'])
}

/// Splits `text` into lines and labels them (`hay`: the text and its
/// lower-cased copy, for the cue regexes).
fn label_lines(hay: Hay<'_>) -> Vec<Line> {
    let text = hay.text;
    let mut lines = Vec::new();
    let mut pos = 0;
    for raw in text.split_inclusive('\n') {
        let start = pos;
        pos += raw.len();
        let lead = raw.len() - raw.trim_start().len();
        let content = raw.trim();
        if content.is_empty() {
            continue;
        }
        let s = start + lead;
        let span = Span::new(s, s + content.len());
        let body_off = strip_bullet(content);
        let body = &content[body_off..];
        lines.push(Line {
            span,
            body_start: s + body_off,
            cue: CUES.line_cue_hay(hay.slice(s + body_off, s + content.len())),
            title_list: is_title_list(body),
            kind: RegionKind::Main,
        });
    }
    // State machine over lines.
    let mut in_thread = false;
    let n = lines.len();
    for i in 0..n {
        let body = &text[lines[i].body_start..lines[i].span.end];
        let next_dated = lines
            .get(i + 1)
            .is_some_and(|l| l.cue == Some(LineCue::Dated));
        lines[i].kind = match lines[i].cue {
            Some(LineCue::Thread) => {
                in_thread = true;
                RegionKind::Boilerplate
            }
            Some(LineCue::End) => {
                in_thread = false;
                RegionKind::Boilerplate
            }
            Some(LineCue::Dated) => {
                in_thread = true;
                RegionKind::Comment
            }
            Some(LineCue::InlineComment) => RegionKind::Comment,
            Some(LineCue::Boilerplate) => RegionKind::Boilerplate,
            Some(LineCue::YearHeading) => {
                let paragraph_next = lines.get(i + 1).is_some_and(|l| {
                    l.cue.is_none() && !is_fragment(&text[l.body_start..l.span.end])
                });
                // (Vote counts come after furniture: "2 answers", "Sorted by".)
                let after_furniture = i > 0 && lines[i - 1].kind == RegionKind::Boilerplate;
                if paragraph_next && !in_thread && !after_furniture {
                    RegionKind::Main
                } else {
                    RegionKind::Boilerplate
                }
            }
            None if lines[i].title_list => RegionKind::Boilerplate,
            None if in_thread => {
                if is_username(body) || (next_dated && is_fragment(body)) {
                    RegionKind::Boilerplate
                } else {
                    RegionKind::Comment
                }
            }
            None if next_dated && is_fragment(body) && i > 0 => RegionKind::Boilerplate,
            None => RegionKind::Main,
        };
    }
    // A first line that is furniture-shaped but uncued stays main (title).
    // Short fragments next to furniture become furniture (user names after
    // "answered …", tag lists before "Share Improve this question").
    for _ in 0..3 {
        let mut changed = false;
        for i in 1..n {
            if lines[i].kind != RegionKind::Main || lines[i].cue.is_some() {
                continue;
            }
            let body = &text[lines[i].body_start..lines[i].span.end];
            if !is_fragment(body) {
                continue;
            }
            let prev_b = lines[i - 1].kind == RegionKind::Boilerplate;
            let next_b = lines
                .get(i + 1)
                .is_some_and(|l| l.kind == RegionKind::Boilerplate);
            // Only glue to furniture that is itself cued (not to another glued fragment
            // on both sides), so a title between two furniture lines stays main if long.
            if prev_b || next_b {
                lines[i].kind = RegionKind::Boilerplate;
                changed = true;
            }
        }
        if !changed {
            break;
        }
    }
    lines
}

/// Sentence spans (text offsets) inside `span` of `text`.
pub fn sentences(text: &str, span: Span) -> Vec<Span> {
    let s = span.slice(text);
    let mut out = Vec::new();
    let bytes = s.as_bytes();
    let mut start = 0;
    let mut i = 0;
    // Jump from one '.', '?' or '!' to the next (memchr) instead of byte by byte.
    while let Some(k) = memchr::memchr3(b'.', b'?', b'!', &bytes[i.min(bytes.len())..]) {
        i += k;
        let c = bytes[i];
        // Include closing quotes/brackets.
        let mut j = i + 1;
        while j < bytes.len() && matches!(bytes[j], b'.' | b'?' | b'!' | b'"' | b'\'' | b')') {
            j += 1;
        }
        while s[j..].starts_with(['”', '’', '»']) {
            j += s[j..].chars().next().map_or(1, char::len_utf8);
        }
        let rest = &s[j..];
        let trimmed = rest.trim_start();
        let ws = rest.len() - trimmed.len();
        let next = trimmed.chars().next();
        let boundary = ws > 0
            && next.is_some_and(|ch| !ch.is_lowercase())
            && !(c == b'.' && is_abbreviation(&s[start..i]));
        if boundary || j >= bytes.len() {
            if j > start {
                out.push(Span::new(span.start + start, span.start + j));
            }
            start = j + ws;
            i = start;
        } else {
            i = j;
        }
    }
    if start < s.len() {
        let tail = s[start..].trim_end();
        if !tail.is_empty() {
            out.push(Span::new(
                span.start + start,
                span.start + start + tail.len(),
            ));
        }
    }
    out
}

fn is_abbreviation(before: &str) -> bool {
    let w = before
        .rsplit(|c: char| c.is_whitespace() || c == '(')
        .next()
        .unwrap_or("");
    // Initials: "J. Smith" (one letter, whose lower case is one letter).
    let mut cs = w.chars();
    if let (Some(c), None) = (cs.next(), cs.next()) {
        let mut l = c.to_lowercase();
        if l.len() == 1 && l.all(char::is_alphabetic) {
            return true;
        }
    }
    // Dotted initials: "J.D. Tippett", "U.S. Marine" (the last dot is the
    // one being asked about).
    if w.contains('.')
        && w.split('.').all(|p| {
            let n = p.chars().count();
            (1..=2).contains(&n) && p.chars().all(char::is_alphabetic)
        })
    {
        return true;
    }
    CUES.is_abbreviation(w.trim_start_matches(['"', '\'']))
}

/// Stems of the content words of a sentence: a hash of the first 6
/// lower-cased letters of each non-stopword of 4+ letters (hashes rather
/// than strings: this runs on every sentence and must not allocate per word).
fn content_stems(s: &str, out: &mut Vec<u64>) {
    const FNV_OFFSET: u64 = 0xcbf29ce484222325;
    const FNV_PRIME: u64 = 0x100000001b3;
    for w in words(s) {
        if w.len() < 4 {
            continue;
        }
        // FNV-1a of the whole lower-cased word (stopword key) and of its
        // first 6 chars (stem); words with a non-letter are skipped.
        let (mut full, mut stem) = (FNV_OFFSET, 0u64);
        let mut n = 0usize;
        if w.is_ascii() {
            // Fast path, same values: for ASCII, `is_alphabetic` and
            // `to_lowercase` are the ASCII versions.
            let b = w.as_bytes();
            if !b.iter().all(u8::is_ascii_alphabetic) {
                continue;
            }
            for (k, &c) in b.iter().enumerate() {
                full = (full ^ u64::from(c.to_ascii_lowercase())).wrapping_mul(FNV_PRIME);
                if k == 5 {
                    stem = full;
                }
            }
            n = b.len();
        } else {
            let mut alpha = true;
            for c in w.chars() {
                if !c.is_alphabetic() {
                    alpha = false;
                    break;
                }
                for l in c.to_lowercase() {
                    full = (full ^ l as u64).wrapping_mul(FNV_PRIME);
                }
                n += 1;
                if n == 6 {
                    stem = full;
                }
            }
            if !alpha {
                continue;
            }
        }
        // A word of more chars than the longest stopword cannot be one (its
        // lower case has at least as many chars).
        if n < 4 || (n <= CUES.stopword_max_chars && CUES.stopword_hashes.contains(&full)) {
            continue;
        }
        out.push(if n >= 6 { stem } else { full });
    }
}

fn merge_marks(mut marks: Vec<Span>, text: &str) -> Vec<Span> {
    marks.sort();
    let mut out: Vec<Span> = Vec::new();
    for m in marks {
        if let Some(last) = out.last_mut() {
            let gap = text.get(last.end.min(m.start)..m.start).unwrap_or("");
            if m.start <= last.end || gap.chars().all(|c| c.is_whitespace() || c == '.') {
                last.end = last.end.max(m.end);
                continue;
            }
        }
        out.push(m);
    }
    out
}

/// Extends a `Title | Site` fragment around the pipe at `pipe` (offset of
/// '|') over title-case words, within `sent`.
fn pipe_title(text: &str, sent: Span, pipe: usize) -> Span {
    let connectors = ["of", "the", "and", "in", "a", "for", "to", "on", "&", "-"];
    // Left.
    let left = &text[sent.start..pipe];
    let mut start = pipe;
    let toks: Vec<(usize, &str)> = left
        .split_whitespace()
        .map(|w| (w.as_ptr() as usize - text.as_ptr() as usize, w))
        .collect();
    for (off, w) in toks.iter().rev().take(12) {
        let core = w.trim_matches(|c: char| !c.is_alphanumeric());
        if is_capitalized(core)
            || core.chars().all(|c| c.is_ascii_digit())
            || connectors.contains(&core.to_lowercase().as_str())
            || *w == "|"
        {
            start = *off;
        } else {
            break;
        }
    }
    // Right, over further pipes.
    let right = &text[pipe..sent.end];
    let toks: Vec<(usize, &str)> = right
        .split_whitespace()
        .map(|w| (w.as_ptr() as usize - text.as_ptr() as usize, w))
        .collect();
    let mut end = pipe + 1;
    let mut last_cap: Option<(usize, usize)> = None;
    let mut k = 0;
    while k < toks.len() {
        let (off, w) = toks[k];
        let core = w.trim_matches(|c: char| !c.is_alphanumeric());
        if w == "|" || w == "&" || w == "-" {
            end = off + w.len();
            k += 1;
            continue;
        }
        let next_cap = toks
            .get(k + 1)
            .is_some_and(|(_, n)| is_capitalized(n) || *n == "|");
        if is_capitalized(core) {
            last_cap = Some((off, off + w.len()));
            end = off + w.len();
            if w.ends_with(['.', '?', '!']) {
                break;
            }
        } else if connectors.contains(&core.to_lowercase().as_str()) && next_cap {
            end = off + w.len();
        } else {
            // A capitalized word right before lower-case text starts the
            // next sentence: give it back.
            if let Some((s, e)) = last_cap {
                if e == end && core.chars().next().is_some_and(char::is_lowercase) && s > pipe + 2 {
                    end = text[..s].trim_end().len();
                }
            }
            break;
        }
        k += 1;
    }
    Span::new(start.min(pipe), end.max(pipe + 1))
}

/// Segments plain text. `allow_spam_marks`: when the page is judged spam,
/// off-topic sentences become boilerplate.
pub fn segment(text: &str) -> Segmentation {
    // The cue regexes run on an ASCII-lower-cased copy (same offsets; see
    // `caseless`): one copy per text instead of case-insensitive automata.
    let lower = text.to_ascii_lowercase();
    segment_hay(Hay::new(text, &lower))
}

/// [`segment`] of a text and its ASCII-lower-cased copy.
pub(crate) fn segment_hay(hay: Hay<'_>) -> Segmentation {
    let text = hay.text;
    let lines = label_lines(hay);
    let mut seg = Segmentation::default();

    // Sentences of main lines.
    let mut main_sents: Vec<(usize, Span)> = Vec::new(); // (line index, span)
    for (li, l) in lines.iter().enumerate() {
        if l.kind == RegionKind::Main {
            for s in sentences(text, l.span) {
                main_sents.push((li, s));
            }
        }
    }
    seg.sentences = main_sents.len();
    let mut sents_per_line: Vec<usize> = vec![0; lines.len()];
    for (li, _) in &main_sents {
        sents_per_line[*li] += 1;
    }

    // Residue marks.
    let mut marks: Vec<Span> = Vec::new();
    let mut residue_mid = 0usize;
    // Residue regexes run once per main line that the prefilter flags,
    // and their matches are handed to the sentences holding them.
    let mut residue_hits: Vec<(Span, bool)> = Vec::new();
    for l in lines.iter().filter(|l| l.kind == RegionKind::Main) {
        let lt = hay.slice(l.span.start, l.span.end);
        if !CUES.residue_set.is_match(lt) {
            continue;
        }
        for (whole, r) in &CUES.residue {
            for (a, b) in r.find_iter(lt) {
                residue_hits.push((Span::new(l.span.start + a, l.span.start + b), *whole));
            }
        }
    }
    residue_hits.sort_by_key(|(s, _)| *s);
    for &(li, s) in &main_sents {
        let st = s.slice(text);
        let mut hit = false;
        let first = residue_hits.partition_point(|(h, _)| h.end <= s.start);
        for &(h, whole) in residue_hits[first..]
            .iter()
            .take_while(|(h, _)| h.start < s.end)
        {
            hit = true;
            if whole {
                marks.push(s);
            } else {
                marks.push(Span::new(h.start.max(s.start), h.end.min(s.end)));
            }
        }
        // Scraped title with a site suffix: "Why …? - Quora".
        if st.ends_with('?') {
            let after = &text[s.end..lines[li].span.end];
            for r in &CUES.site_suffix {
                if let Some(m) = r.find(after) {
                    hit = true;
                    marks.push(Span::new(s.start, s.end + m.end()));
                    break;
                }
            }
        }
        // "Title | Site" fragments.
        for (off, _) in st.match_indices(" | ") {
            hit = true;
            marks.push(pipe_title(text, s, s.start + off + 1));
        }
        if hit && sents_per_line[li] >= 3 {
            residue_mid += 1;
        }
    }

    // Exact repeats inside the page.
    let mut seen: FxHashMap<u64, Span> =
        FxHashMap::with_capacity_and_hasher(main_sents.len(), Default::default());
    let mut repeats = 0usize;
    for (_, s) in &main_sents {
        let st = s.slice(text);
        if st.split_whitespace().take(6).count() < 6 {
            continue;
        }
        let fp = crate::dedup::fingerprint(st);
        if let std::collections::hash_map::Entry::Vacant(e) = seen.entry(fp) {
            e.insert(*s);
        } else {
            repeats += 1;
            seg.flagged.push((*s, "repeated within the page".into()));
        }
    }
    // Spam decision.
    let longest_par = sents_per_line.iter().copied().max().unwrap_or(0);
    let trailing_list = lines
        .iter()
        .rev()
        .take(2)
        .any(|l| l.title_list && l.cue.is_none());
    // Strong signals name scraped pages by themselves in pairs; weak ones
    // (repeats, off-topic sentences, drift, long paragraphs) also occur in honest
    // pages and only count next to a strong one.
    let mut strong = 0;
    let mut weak = 0;
    if residue_mid >= 2 {
        strong += 1;
        seg.spam_reasons.push(format!(
            "scraped-site residue inside running text ({residue_mid})"
        ));
    }
    if repeats >= 1 {
        // News pages repeat pull quotes and captions: weak on its own.
        weak += 1;
        seg.spam_reasons
            .push(format!("sentences repeated within the page ({repeats})"));
    }
    if trailing_list {
        strong += 1;
        seg.spam_reasons
            .push("trailing list of unrelated titles".into());
    }
    // Topic words and off-topic sentences.
    // Topic words: only needed when a strong signal already points to a
    // scraped page (weak signals never decide alone).
    // Flat storage: sentence k's stems are `stem_buf[a..b]`, sorted and
    // deduplicated, `n` = how many content words it had (with repeats).
    let mut stem_buf: Vec<u64> = Vec::new();
    let mut stem_rng: Vec<(usize, usize, usize)> = Vec::new();
    if strong > 0 {
        stem_rng.reserve(main_sents.len());
        for (_, s) in &main_sents {
            let a = stem_buf.len();
            content_stems(s.slice(text), &mut stem_buf);
            let n = stem_buf.len() - a;
            stem_buf[a..].sort_unstable();
            let mut w = a;
            for r in a..stem_buf.len() {
                if w == a || stem_buf[r] != stem_buf[w - 1] {
                    stem_buf[w] = stem_buf[r];
                    w += 1;
                }
            }
            stem_buf.truncate(w);
            stem_rng.push((a, w, n));
        }
    }
    let stems = |k: usize| {
        let (a, b, _) = stem_rng[k];
        &stem_buf[a..b]
    };
    let mut df: FxHashMap<u64, usize> =
        FxHashMap::with_capacity_and_hasher(stem_buf.len(), Default::default());
    for &w in &stem_buf {
        *df.entry(w).or_default() += 1;
    }
    let min_df = if main_sents.len() >= 30 { 3 } else { 2 };
    let mut off_topic: Vec<Span> = Vec::new();
    let mut drift_pairs = 0usize;
    let mut pairs = 0usize;
    for (k, (_, s)) in main_sents.iter().enumerate().take(stem_rng.len()) {
        let st = stems(k);
        if stem_rng[k].2 >= 2 && !st.iter().any(|w| df.get(w).copied().unwrap_or(0) >= min_df) {
            off_topic.push(*s);
        }
        if k > 0 && !st.is_empty() && !stems(k - 1).is_empty() {
            pairs += 1;
            let prev = stems(k - 1);
            if !st.iter().any(|w| prev.binary_search(w).is_ok()) {
                drift_pairs += 1;
            }
        }
    }
    let off_share = off_topic.len() as f32 / main_sents.len().max(1) as f32;
    if off_topic.len() >= 3 && off_share >= 0.04 {
        weak += 1;
        seg.spam_reasons.push(format!(
            "off-topic sentences ({} of {})",
            off_topic.len(),
            main_sents.len()
        ));
    }
    let drift = drift_pairs as f32 / pairs.max(1) as f32;
    if pairs >= 20 && drift >= 0.8 {
        weak += 1;
        seg.spam_reasons
            .push(format!("topic drift between sentences ({drift:.2})"));
    }
    if longest_par >= 40 {
        weak += 1;
        seg.spam_reasons
            .push(format!("one paragraph of {longest_par} sentences"));
    }
    let spam = strong >= 2 || (strong >= 1 && weak >= 1);
    seg.features.push(format!("drift={drift:.2}"));
    seg.features.push(format!("off_topic={}", off_topic.len()));
    if spam {
        for s in &off_topic {
            marks.push(*s);
            seg.flagged.push((*s, "off-topic".into()));
        }
    } else {
        seg.spam_reasons.clear();
    }
    seg.flagged.sort_by_key(|(s, _)| *s);

    // Build pieces.
    let marks = merge_marks(marks, text);
    let mut mi = 0;
    for l in &lines {
        if l.kind != RegionKind::Main {
            seg.pieces.push((l.span, l.kind));
            continue;
        }
        let mut cur = l.span.start;
        while mi < marks.len() && marks[mi].end <= l.span.start {
            mi += 1;
        }
        let mut k = mi;
        while k < marks.len() && marks[k].start < l.span.end {
            let m = Span::new(
                marks[k].start.max(l.span.start),
                marks[k].end.min(l.span.end),
            );
            push_trimmed(
                text,
                &mut seg.pieces,
                Span::new(cur, m.start),
                RegionKind::Main,
            );
            push_trimmed(text, &mut seg.pieces, m, RegionKind::Boilerplate);
            cur = m.end;
            k += 1;
        }
        push_trimmed(
            text,
            &mut seg.pieces,
            Span::new(cur, l.span.end),
            RegionKind::Main,
        );
    }
    seg
}

/// Pushes `span` trimmed of whitespace; a piece without letters or digits
/// joins the previous piece's kind (so punctuation never forms a region).
fn push_trimmed(text: &str, pieces: &mut Vec<(Span, RegionKind)>, span: Span, kind: RegionKind) {
    if span.is_empty() {
        return;
    }
    let s = span.slice(text);
    let lead = s.len() - s.trim_start().len();
    let t = s.trim();
    if t.is_empty() {
        return;
    }
    let sp = Span::new(span.start + lead, span.start + lead + t.len());
    let kind = if !t.chars().any(char::is_alphanumeric) {
        pieces.last().map(|p| p.1).unwrap_or(kind)
    } else {
        kind
    };
    pieces.push((sp, kind));
}

/// Merges labelled pieces into regions (same-kind neighbours joined).
pub fn to_regions(pieces: &[(Span, RegionKind)]) -> Vec<annalist_model::Region> {
    let mut out: Vec<annalist_model::Region> = Vec::new();
    for &(span, kind) in pieces {
        if span.is_empty() {
            continue;
        }
        if let Some(last) = out.last_mut() {
            if last.kind == kind && span.start >= last.span.end {
                last.span.end = span.end;
                continue;
            }
            if span.start < last.span.end {
                // Never overlap (pieces are sorted; be safe anyway).
                let s = last.span.end;
                if s >= span.end {
                    continue;
                }
                out.push(annalist_model::Region {
                    kind,
                    span: Span::new(s, span.end),
                });
                continue;
            }
        }
        out.push(annalist_model::Region { kind, span });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sentence_split() {
        let t = "He left in Nov. 1930. Why? - Quora Then 1 yr. ago. Stop";
        let ss: Vec<&str> = sentences(t, Span::new(0, t.len()))
            .iter()
            .map(|s| s.slice(t))
            .collect();
        assert_eq!(
            ss,
            vec![
                "He left in Nov. 1930.",
                "Why?",
                "- Quora Then 1 yr. ago.",
                "Stop"
            ]
        );
        // (dotted initials end no sentence)
        let t = "Oswald also shot officer J.D. Tippett in Oak Cliff. He ran.";
        assert_eq!(sentences(t, Span::new(0, t.len())).len(), 2);
    }

    #[test]
    fn pipe_titles() {
        let t = "x crimes. Sergei Kirov | Biography, Death, & Facts | Britannica Stalin was one.";
        let s = sentences(t, Span::new(0, t.len()));
        let p = t.find('|').unwrap();
        let sp = pipe_title(t, s[1], p);
        assert_eq!(
            sp.slice(t),
            "Sergei Kirov | Biography, Death, & Facts | Britannica"
        );
    }

    #[test]
    fn year_headings() {
        // A year over a paragraph is a section heading: main text (the
        // time anchor of what follows).
        let t = "1936\n\nSanjurjo was killed in a plane crash on 20 July, leaving a split command.\n\n1917–1922\n\nThe war went on for years after the revolution ended.\n";
        let seg = segment(t);
        let kinds: Vec<(&str, RegionKind)> =
            seg.pieces.iter().map(|(s, k)| (s.slice(t), *k)).collect();
        assert!(kinds.contains(&("1936", RegionKind::Main)), "{kinds:?}");
        assert!(
            kinds.contains(&("1917–1922", RegionKind::Main)),
            "{kinds:?}"
        );
        // A bare number among furniture or in a thread stays a counter.
        let q = "Why did it happen?\n\n1936\nShare improve this question\n\n2 answers\n\n1024\n\nBecause the army turned against the republic that summer.\n";
        let seg = segment(q);
        let kinds: Vec<(&str, RegionKind)> =
            seg.pieces.iter().map(|(s, k)| (s.slice(q), *k)).collect();
        assert!(
            kinds.contains(&("1936", RegionKind::Boilerplate)),
            "{kinds:?}"
        );
        assert!(
            kinds.contains(&("1024", RegionKind::Boilerplate)),
            "{kinds:?}"
        );
        assert!(!kinds
            .iter()
            .any(|(s, k)| s.chars().all(|c| c.is_ascii_digit()) && *k == RegionKind::Main));
    }

    #[test]
    fn blog_comments() {
        let t = "A Title\n\nBody text here. More body.\n\n2 thoughts on “A Title”\n\nnevsky84\nDecember 1, 2019 at 6:42 pm\nGreat post, really.\nLiked by 2 people\nReply\n\nLeave a Reply\n";
        let seg = segment(t);
        let kinds: Vec<(&str, RegionKind)> =
            seg.pieces.iter().map(|(s, k)| (s.slice(t), *k)).collect();
        assert_eq!(kinds[0], ("A Title", RegionKind::Main));
        assert!(kinds.contains(&("nevsky84", RegionKind::Boilerplate)));
        assert!(kinds.contains(&("December 1, 2019 at 6:42 pm", RegionKind::Comment)));
        assert!(kinds.contains(&("Great post, really.", RegionKind::Comment)));
        assert!(kinds.contains(&("Leave a Reply", RegionKind::Boilerplate)));
    }
}
