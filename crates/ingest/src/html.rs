//! HTML: visible text with an offset map, main content and comments from
//! the `trafilatura` crate, aligned back onto that text.
//!
//! `trafilatura` (like every DOM library: html5ever, scraper, lol_html)
//! returns text without source positions, so we make our own pass over the
//! markup that produces the page's visible text together with an
//! [`OffsetMap`] (anchors wherever a tag is dropped, an entity decoded or
//! whitespace collapsed). The extractor's main text and comment text are
//! then aligned token by token onto that visible text: aligned tokens become
//! `main` / `comment` regions, everything else visible stays in the analysis
//! text as `boilerplate`.

use crate::segment::{segment, Segmentation};
use annalist_model::{OffsetMap, RegionKind, Span};
use std::collections::HashMap;

/// What the HTML path yields.
pub struct HtmlClean {
    /// Visible text of the page.
    pub text: String,
    /// Text offsets → offsets in the decoded HTML string.
    pub map: OffsetMap,
    pub seg: Segmentation,
    pub meta: HtmlMeta,
}

#[derive(Default)]
pub struct HtmlMeta {
    pub title: Option<String>,
    pub author: Option<String>,
    /// Publication date, ISO 8601.
    pub date: Option<String>,
    pub url: Option<String>,
    pub features: Vec<String>,
}

const RAW_TEXT: &[&str] = &[
    "script", "style", "noscript", "template", "svg", "math", "title", "iframe", "textarea", "xmp",
    "object", "select",
];
/// Block-level tag names: each starts a new line of the cleaned text. The
/// web UI's reader view of an HTML original breaks lines at the same tags.
pub const BLOCK_TAGS: &[&str] = &[
    "p",
    "div",
    "br",
    "li",
    "ul",
    "ol",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "tr",
    "td",
    "th",
    "table",
    "section",
    "article",
    "header",
    "footer",
    "nav",
    "blockquote",
    "pre",
    "hr",
    "dd",
    "dt",
    "dl",
    "figcaption",
    "figure",
    "aside",
    "main",
    "form",
    "address",
    "caption",
    "body",
    "html",
    "details",
    "summary",
    "fieldset",
    "legend",
    "option",
    "label",
    "tbody",
    "thead",
];

struct Out {
    text: String,
    map: OffsetMap,
    expect: Option<usize>,
}

impl Out {
    fn verbatim(&mut self, s: &str, orig: usize) {
        if s.is_empty() {
            return;
        }
        if self.expect != Some(orig) {
            self.map.push(self.text.len(), orig);
        }
        self.text.push_str(s);
        self.expect = Some(orig + s.len());
    }
    fn synth(&mut self, s: &str, orig: usize) {
        self.map.push(self.text.len(), orig);
        self.text.push_str(s);
        self.expect = None;
    }
    fn at_break(&self) -> bool {
        self.text.is_empty() || self.text.ends_with([' ', '\n'])
    }
    fn newline(&mut self, orig: usize) {
        if !self.text.is_empty() && !self.text.ends_with('\n') {
            self.synth("\n", orig);
        }
    }
}

fn find_ci(hay: &[u8], from: usize, needle: &[u8]) -> Option<usize> {
    let n = needle.len();
    if hay.len() < n {
        return None;
    }
    (from..=hay.len() - n).find(|&i| hay[i..i + n].eq_ignore_ascii_case(needle))
}

/// The visible text of an HTML document, with its map to `s` offsets, and
/// the `<title>` text.
pub fn visible_text(s: &str) -> (String, OffsetMap, Option<String>) {
    let v = scan(s);
    (v.text, v.map, v.title)
}

/// What the markup pass yields.
struct Visible {
    text: String,
    map: OffsetMap,
    title: Option<String>,
    /// Text ranges inside elements whose class or id names a comment
    /// container (`comments`, `comment-list`, `disqus`, …).
    comment_boxes: Vec<Span>,
}

/// An open comment container: its tag name and nesting depth of that name.
struct OpenBox {
    tag: String,
    depth: usize,
    start: usize,
}

fn is_comment_container(attrs: &[u8]) -> bool {
    crate::cues::CUES
        .comment_container
        .as_ref()
        .is_some_and(|r| r.is_match(attrs))
}

fn scan(s: &str) -> Visible {
    let b = s.as_bytes();
    let mut out = Out {
        text: String::with_capacity(s.len() / 3),
        map: OffsetMap::new(s.len()),
        expect: None,
    };
    let mut title = None;
    let mut boxes: Vec<Span> = Vec::new();
    let mut open: Option<OpenBox> = None;
    let mut i = 0;
    let mut run = 0; // start of pending verbatim text
    while i < b.len() {
        match b[i] {
            b'<' => {
                let Some((next, name, closing)) = parse_tag(b, i) else {
                    i += 1;
                    continue;
                };
                text_run(s, run, i, &mut out);
                let lname = name.to_ascii_lowercase();
                // Comment containers: follow nesting of the same tag name.
                if let Some(ob) = open.as_mut() {
                    if lname == ob.tag {
                        if closing {
                            ob.depth -= 1;
                            if ob.depth == 0 {
                                boxes.push(Span::new(ob.start, out.text.len()));
                                open = None;
                            }
                        } else if !b[..next].ends_with(b"/>") {
                            ob.depth += 1;
                        }
                    }
                } else if !closing
                    && !lname.is_empty()
                    && !RAW_TEXT.contains(&lname.as_str())
                    && is_comment_container(&b[i..next])
                {
                    open = Some(OpenBox {
                        tag: lname.clone(),
                        depth: 1,
                        start: out.text.len(),
                    });
                }
                let mut end = next;
                if !closing && RAW_TEXT.contains(&lname.as_str()) && !b[..next].ends_with(b"/>") {
                    let mut close = Vec::with_capacity(lname.len() + 2);
                    close.extend_from_slice(b"</");
                    close.extend_from_slice(lname.as_bytes());
                    match find_ci(b, next, &close) {
                        Some(c) => {
                            if lname == "title" && title.is_none() {
                                let t = html_escape::decode_html_entities(&s[next..c]);
                                let t = t.split_whitespace().collect::<Vec<_>>().join(" ");
                                if !t.is_empty() {
                                    title = Some(t);
                                }
                            }
                            end = b[c..]
                                .iter()
                                .position(|&x| x == b'>')
                                .map_or(b.len(), |p| c + p + 1);
                        }
                        None => end = b.len(),
                    }
                }
                if BLOCK_TAGS.contains(&lname.as_str()) {
                    out.newline(i);
                } else if !name.is_empty() {
                    // Inline tag: nothing visible, but the map must jump.
                    out.expect = None;
                }
                i = end;
                run = i;
            }
            b'&' => {
                text_run(s, run, i, &mut out);
                let lim = (i + 34).min(b.len());
                let semi = b[i + 1..lim]
                    .iter()
                    .position(|&x| x == b';')
                    .map(|p| i + 1 + p);
                let ok = semi.is_some_and(|e| {
                    e > i + 1
                        && b[i + 1..e]
                            .iter()
                            .all(|c| c.is_ascii_alphanumeric() || *c == b'#')
                });
                match semi {
                    Some(e) if ok => {
                        let ent = &s[i..=e];
                        let dec = html_escape::decode_html_entities(ent);
                        if dec != ent {
                            let dec: String = dec
                                .chars()
                                .map(|c| if c == '\u{a0}' { ' ' } else { c })
                                .collect();
                            if dec == " " {
                                if !out.at_break() {
                                    out.synth(" ", i);
                                }
                            } else {
                                out.synth(&dec, i);
                            }
                        } else {
                            out.verbatim(ent, i);
                        }
                        i = e + 1;
                    }
                    _ => {
                        out.verbatim("&", i);
                        i += 1;
                    }
                }
                run = i;
            }
            _ => i += 1,
        }
    }
    text_run(s, run, b.len(), &mut out);
    if out.map.anchors().is_empty() {
        out.map.push(0, 0);
    }
    if let Some(ob) = open {
        boxes.push(Span::new(ob.start, out.text.len()));
    }
    Visible {
        text: out.text,
        map: out.map,
        title,
        comment_boxes: boxes,
    }
}

/// Emits text `s[a..e]` collapsing whitespace runs.
fn text_run(s: &str, a: usize, e: usize, out: &mut Out) {
    let b = s.as_bytes();
    let mut i = a;
    let mut run = a;
    while i < e {
        if matches!(b[i], b' ' | b'\t' | b'\n' | b'\r' | 0x0c) {
            out.verbatim(&s[run..i], run);
            let mut j = i;
            while j < e && matches!(b[j], b' ' | b'\t' | b'\n' | b'\r' | 0x0c) {
                j += 1;
            }
            if !out.at_break() {
                if j == i + 1 && b[i] == b' ' {
                    out.verbatim(" ", i);
                } else {
                    out.synth(" ", i);
                }
            }
            i = j;
            run = j;
        } else {
            i += 1;
        }
    }
    out.verbatim(&s[run..e], run);
}

/// Parses a tag at `i` (`b[i] == b'<'`): (offset after it, name, closing).
/// Comments, doctypes and processing instructions have an empty name.
fn parse_tag(b: &[u8], i: usize) -> Option<(usize, String, bool)> {
    let rest = &b[i..];
    if rest.starts_with(b"<!--") {
        let end = find_ci(b, i + 4, b"-->").map_or(b.len(), |p| p + 3);
        return Some((end, String::new(), false));
    }
    if rest.starts_with(b"<!") || rest.starts_with(b"<?") {
        let end = b[i..]
            .iter()
            .position(|&x| x == b'>')
            .map_or(b.len(), |p| i + p + 1);
        return Some((end, String::new(), false));
    }
    let (closing, ns) = if rest.starts_with(b"</") {
        (true, i + 2)
    } else {
        (false, i + 1)
    };
    if !b.get(ns).is_some_and(u8::is_ascii_alphabetic) {
        return None;
    }
    let mut j = ns;
    while j < b.len() && (b[j].is_ascii_alphanumeric() || b[j] == b'-' || b[j] == b':') {
        j += 1;
    }
    let name = String::from_utf8_lossy(&b[ns..j]).to_string();
    // Find '>' outside quotes.
    let mut q: u8 = 0;
    let mut k = j;
    while k < b.len() {
        let c = b[k];
        if q != 0 {
            if c == q {
                q = 0;
            }
        } else if c == b'"' || c == b'\'' {
            // Quotes only open inside attribute values (after '=').
            let prev = b[j..k].iter().rev().find(|x| !x.is_ascii_whitespace());
            if prev == Some(&b'=') {
                q = c;
            }
        } else if c == b'>' {
            return Some((k + 1, name, closing));
        }
        k += 1;
        if k - i > 100_000 {
            break;
        }
    }
    // Unterminated tag: drop the rest of the line as markup.
    let end = b[j..]
        .iter()
        .position(|&x| x == b'\n')
        .map_or(b.len(), |p| j + p);
    Some((end, name, closing))
}

fn norm(tok: &str) -> String {
    tok.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

/// Word tokens of `text` with their spans.
fn tokens(text: &str) -> Vec<(Span, String)> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in text.char_indices() {
        if c.is_whitespace() {
            if let Some(s) = start.take() {
                out.push((Span::new(s, i), norm(&text[s..i])));
            }
        } else if start.is_none() {
            start = Some(i);
        }
    }
    if let Some(s) = start {
        out.push((Span::new(s, text.len()), norm(&text[s..])));
    }
    out
}

/// Labels the tokens of `t` that `extracted` (in order) aligns with.
fn align(
    t: &[(Span, String)],
    extracted: &str,
    kind: RegionKind,
    labels: &mut [Option<RegionKind>],
) {
    let e: Vec<String> = extracted
        .split_whitespace()
        .map(norm)
        .filter(|w| !w.is_empty())
        .collect();
    if e.is_empty() {
        return;
    }
    // Index of T positions (over non-empty tokens) by trigram.
    let idx: Vec<usize> = (0..t.len()).filter(|&i| !t[i].1.is_empty()).collect();
    let mut grams: HashMap<(&str, &str, &str), Vec<usize>> = HashMap::new();
    for w in idx.windows(3) {
        grams
            .entry((&t[w[0]].1, &t[w[1]].1, &t[w[2]].1))
            .or_default()
            .push(w[0]);
    }
    // Position of T token in idx.
    let mut p = 0usize; // index into idx
    let mut q = 0usize;
    while q < e.len() {
        if p < idx.len() && t[idx[p]].1 == e[q] && labels[idx[p]].is_none() {
            labels[idx[p]] = Some(kind);
            p += 1;
            q += 1;
            continue;
        }
        let mut jumped = false;
        if q + 2 < e.len() {
            if let Some(list) = grams.get(&(e[q].as_str(), e[q + 1].as_str(), e[q + 2].as_str())) {
                let cur = idx.get(p).copied().unwrap_or(usize::MAX);
                let fwd = list.iter().find(|&&x| x >= cur && labels[x].is_none());
                let any = || list.iter().find(|&&x| labels[x].is_none());
                if let Some(&x) = fwd.or_else(any) {
                    p = idx.partition_point(|&y| y < x);
                    jumped = true;
                }
            }
        }
        if !jumped {
            q += 1;
        }
    }
}

/// Comment threads as extractors return them still hold their header
/// ("3 Comments"), user names and "Reply" links: apply the plain-text line
/// cues inside comment pieces.
fn relabel_comment_furniture(text: &str, seg: &mut Segmentation) {
    use crate::cues::{LineCue, CUES};
    let mut out = Vec::with_capacity(seg.pieces.len());
    for &(span, kind) in &seg.pieces {
        if kind != RegionKind::Comment {
            out.push((span, kind));
            continue;
        }
        let body = span.slice(text);
        let lines: Vec<(usize, &str)> = body
            .split_inclusive('\n')
            .scan(span.start, |pos, l| {
                let s = *pos;
                *pos += l.len();
                Some((s, l))
            })
            .collect();
        for (k, &(s, l)) in lines.iter().enumerate() {
            let t = l.trim();
            if t.is_empty() {
                continue;
            }
            let lead = l.len() - l.trim_start().len();
            let sp = Span::new(s + lead, s + lead + t.len());
            let next_dated = lines
                .get(k + 1)
                .is_some_and(|(_, n)| CUES.line_cue(n.trim()) == Some(LineCue::Dated));
            let furniture = match CUES.line_cue(t) {
                // Inside a comment, a bare year-like number is a counter.
                Some(
                    LineCue::Thread | LineCue::End | LineCue::Boilerplate | LineCue::YearHeading,
                ) => true,
                Some(_) => false,
                None => {
                    // A lone user name before the comment text or a date.
                    !t.contains(char::is_whitespace)
                        && t.len() <= 40
                        && !t.ends_with(['.', '!', '?'])
                        && (next_dated || k + 1 < lines.len())
                }
            };
            let kd = if furniture {
                RegionKind::Boilerplate
            } else {
                RegionKind::Comment
            };
            match out.last_mut() {
                Some((p, pk)) if *pk == kd && p.end <= sp.start => p.end = sp.end,
                _ => out.push((sp, kd)),
            }
        }
    }
    seg.pieces = out;
}

/// Runs the plain-text segmenter over the main text alone (everything else
/// blanked, so offsets stay put) for the spam signals of aggregate pages and
/// within-page repeats; on a spam page its boilerplate (scraped residue,
/// off-topic sentences, furniture lines) replaces main.
fn refine_main(text: &str, seg: &mut Segmentation) {
    let mut masked = vec![b' '; text.len()];
    for (i, b) in text.bytes().enumerate() {
        if b == b'\n' {
            masked[i] = b'\n';
        }
    }
    let mut any = false;
    for &(sp, k) in &seg.pieces {
        if k == RegionKind::Main {
            masked[sp.start..sp.end].copy_from_slice(&text.as_bytes()[sp.start..sp.end]);
            any = true;
        }
    }
    if !any {
        return;
    }
    // Whole characters were copied or blanked, so this is valid UTF-8.
    let Ok(masked) = String::from_utf8(masked) else {
        return;
    };
    let inner = segment(&masked);
    if inner.spam_reasons.is_empty() {
        // Not a scraped page: the extractor's main text is kept as is (its
        // boilerplate removal is better informed than our line cues on
        // HTML; applying them cost 0.005 F1 on the article benchmark).
        seg.flagged = inner.flagged;
        seg.features.extend(inner.features);
        seg.sentences = inner.sentences;
        return;
    }
    let mut out = Vec::with_capacity(seg.pieces.len() + inner.pieces.len());
    let mut j = 0;
    for &(sp, k) in &seg.pieces {
        if k != RegionKind::Main {
            out.push((sp, k));
            continue;
        }
        while j < inner.pieces.len() && inner.pieces[j].0.end <= sp.start {
            j += 1;
        }
        let mut cur = sp.start;
        let mut jj = j;
        while jj < inner.pieces.len() && inner.pieces[jj].0.start < sp.end {
            let (isp, ik) = inner.pieces[jj];
            let a = isp.start.max(sp.start);
            let b = isp.end.min(sp.end);
            if a > cur {
                out.push((Span::new(cur, a), RegionKind::Main));
            }
            if b > a {
                // Comment cues inside extracted main text stay main: the
                // extractor's comment detection is better informed.
                let kind = if ik == RegionKind::Comment {
                    RegionKind::Main
                } else {
                    ik
                };
                out.push((Span::new(a, b), kind));
            }
            cur = b.max(cur);
            jj += 1;
        }
        if cur < sp.end {
            out.push((Span::new(cur, sp.end), RegionKind::Main));
        }
    }
    // Merge neighbours of the same kind.
    let mut merged: Vec<(Span, RegionKind)> = Vec::with_capacity(out.len());
    for (sp, k) in out {
        if sp.slice(text).trim().is_empty() {
            continue;
        }
        match merged.last_mut() {
            Some((p, pk)) if *pk == k && p.end <= sp.start => p.end = sp.end,
            _ => merged.push((sp, k)),
        }
    }
    seg.pieces = merged;
    seg.flagged = inner.flagged;
    seg.spam_reasons = inner.spam_reasons;
    seg.features.extend(inner.features);
    seg.sentences = inner.sentences;
}

/// Cleans decoded HTML.
pub fn clean_html(s: &str) -> HtmlClean {
    let Visible {
        text,
        map,
        title,
        comment_boxes,
    } = scan(s);
    let mut meta = HtmlMeta {
        title,
        ..Default::default()
    };
    let opts = trafilatura::Options::default();
    let extracted = trafilatura::extract(s, &opts).ok();
    let seg = match &extracted {
        Some(r) if !r.content_text.trim().is_empty() => {
            let toks = tokens(&text);
            let mut labels: Vec<Option<RegionKind>> = vec![None; toks.len()];
            align(&toks, &r.content_text, RegionKind::Main, &mut labels);
            align(&toks, &r.comments_text, RegionKind::Comment, &mut labels);
            if r.comments_text.trim().is_empty() {
                // Our own pass: text in comment containers that the
                // extractor left out becomes comment (main stays main).
                for b in &comment_boxes {
                    let first = toks.partition_point(|(sp, _)| sp.end <= b.start);
                    for k in first..toks.len() {
                        if toks[k].0.start >= b.end {
                            break;
                        }
                        if labels[k].is_none() {
                            labels[k] = Some(RegionKind::Comment);
                        }
                    }
                }
            }
            let mut seg = Segmentation::default();
            let mut prev = RegionKind::Boilerplate;
            for (k, (span, n)) in toks.iter().enumerate() {
                let kind = if n.is_empty() {
                    // Punctuation takes its left neighbour's label when the
                    // right neighbour agrees.
                    let next = toks[k + 1..]
                        .iter()
                        .position(|(_, m)| !m.is_empty())
                        .and_then(|d| labels[k + 1 + d]);
                    if next == Some(prev) {
                        prev
                    } else {
                        RegionKind::Boilerplate
                    }
                } else {
                    labels[k].unwrap_or(RegionKind::Boilerplate)
                };
                prev = kind;
                match seg.pieces.last_mut() {
                    Some((sp, kd)) if *kd == kind && !text[sp.end..span.start].contains("\n\n") => {
                        sp.end = span.end
                    }
                    _ => seg.pieces.push((*span, kind)),
                }
            }
            relabel_comment_furniture(&text, &mut seg);
            refine_main(&text, &mut seg);
            seg
        }
        _ => {
            let mut seg = segment(&text);
            seg.features.push("html:no_extraction".into());
            seg
        }
    };
    if let Some(r) = extracted {
        let m = r.metadata;
        let some = |x: String| (!x.trim().is_empty()).then(|| x.trim().to_string());
        meta.title = some(m.title).or(meta.title);
        meta.author = some(m.author);
        meta.date = m.date.map(|d| d.format("%Y-%m-%d").to_string());
        meta.url = some(m.url);
        if let Some(t) = some(m.page_type) {
            meta.features.push(format!("html:page_type={t}"));
        }
        if let Some(t) = some(m.sitename) {
            meta.features.push(format!("html:site={t}"));
        }
    }
    HtmlClean {
        text,
        map,
        seg,
        meta,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn visible_text_maps_back() {
        let h = "<html><head><title>T &amp; U</title><script>var x='<p>';</script></head><body><p>Hello&nbsp;<b>big</b>   world &amp; you</p><div>Second</div></body></html>";
        let (t, m, title) = visible_text(h);
        assert_eq!(title.as_deref(), Some("T & U"));
        assert_eq!(t.trim(), "Hello big world & you\nSecond");
        for w in ["Hello", "big", "world", "you", "Second"] {
            let i = t.find(w).unwrap();
            let o = m.span_to_original(Span::new(i, i + w.len()));
            assert_eq!(&h[o.start..o.end], w);
        }
        let i = t.find('&').unwrap();
        let o = m.span_to_original(Span::new(i, i + 1));
        assert_eq!(&h[o.start..o.end], "&");
    }

    #[test]
    fn comment_containers_are_found() {
        let h = r#"<p>Body text.</p><div id="comments" class="x"><div class="comment"><p>Hi there</p></div><p>Two</p></div><p>After</p>"#;
        let v = scan(h);
        assert_eq!(v.comment_boxes.len(), 1);
        let b = v.comment_boxes[0].slice(&v.text);
        assert!(b.contains("Hi there") && b.contains("Two"), "{b:?}");
        assert!(!b.contains("After") && !b.contains("Body"), "{b:?}");
        assert!(scan("<section class='commentary'>x</section>")
            .comment_boxes
            .is_empty());
    }

    #[test]
    fn malformed_never_panics() {
        for h in [
            "<",
            "<a",
            "<p attr=\"x>",
            "&",
            "&#;",
            "<!--",
            "<script>",
            "</",
            "<é>",
            "a<b>c&d;e",
            "<title>x",
        ] {
            let _ = visible_text(h);
            let _ = clean_html(h);
        }
    }
}
