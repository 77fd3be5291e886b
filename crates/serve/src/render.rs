//! Renders a stretch of an original document as HTML with coloured regions,
//! one highlighted span and inline marks (names, time expressions,
//! triggers). Every byte of document text goes through [`E`].

use crate::html::E;
use crate::w;
use annalist_model::{floor_char_boundary, Region};

/// An inline mark over `[start, end)`: `open` is trusted HTML written by
/// this crate (its variable parts already escaped), `close` its end tag.
#[derive(Clone, Debug)]
pub struct Mark {
    pub start: usize,
    pub end: usize,
    pub open: String,
    pub close: &'static str,
}

/// What to draw over the text.
#[derive(Default)]
pub struct Layers<'a> {
    pub regions: &'a [Region],
    /// One highlighted span (the evidence or the requested span), drawn as `<mark>`.
    pub highlight: Option<(usize, usize)>,
    /// The `id` attribute of the highlight, for `#` links.
    pub highlight_id: Option<&'a str>,
    /// Non-overlapping after [`Layers::normalize`]; sorted by start.
    pub marks: Vec<Mark>,
    /// Markup to hide or replace (HTML sources): (start, end, shown
    /// instead): a line break for block tags, the character a character
    /// reference stands for, nothing for other tags. Sorted, non-overlapping.
    pub hidden: Vec<(usize, usize, Option<char>)>,
}

impl Layers<'_> {
    /// Sorts marks and drops those overlapping an earlier one.
    pub fn normalize(&mut self) {
        self.marks
            .sort_by(|a, b| a.start.cmp(&b.start).then(b.end.cmp(&a.end)));
        let mut end = 0;
        self.marks.retain(|m| {
            if m.start >= end && m.end > m.start {
                end = m.end;
                true
            } else {
                false
            }
        });
    }
}

fn covering<T>(items: &[T], at: usize, span: impl Fn(&T) -> (usize, usize)) -> Option<usize> {
    let i = items.partition_point(|x| span(x).1 <= at);
    (i < items.len() && span(&items[i]).0 <= at && at < span(&items[i]).1).then_some(i)
}

/// Writes `text[a..b]` with the layers. Offsets that fall inside a UTF-8
/// character are moved to its start; nothing panics on bad offsets.
pub fn render(out: &mut String, text: &str, a: usize, b: usize, layers: &Layers) {
    let a = floor_char_boundary(text, a);
    let b = floor_char_boundary(text, b.max(a));
    let mut cuts: Vec<usize> = vec![a, b];
    let mut add = |x: usize| {
        if x > a && x < b {
            cuts.push(floor_char_boundary(text, x));
        }
    };
    for r in layers.regions {
        add(r.span.start);
        add(r.span.end);
    }
    if let Some((s, e)) = layers.highlight {
        add(s);
        add(e);
    }
    for m in &layers.marks {
        add(m.start);
        add(m.end);
    }
    for h in &layers.hidden {
        add(h.0);
        add(h.1);
    }
    cuts.sort_unstable();
    cuts.dedup();
    let mut cur: (Option<usize>, bool, Option<usize>) = (None, false, None);
    let close = |out: &mut String, cur: &(Option<usize>, bool, Option<usize>), level: u8| {
        if let Some(m) = cur.2 {
            out.push_str(layers.marks[m].close);
        }
        if level >= 1 && cur.1 {
            out.push_str("</mark>");
        }
        if level >= 2 && cur.0.is_some() {
            out.push_str("</span>");
        }
    };
    for w in cuts.windows(2) {
        let (p, q) = (w[0], w[1]);
        if p >= q {
            continue;
        }
        let r = covering(layers.regions, p, |r| (r.span.start, r.span.end));
        let h = layers.highlight.is_some_and(|(s, e)| s <= p && p < e);
        let m = covering(&layers.marks, p, |m| (m.start, m.end));
        let next = (r, h, m);
        if next != cur {
            let level = if r != cur.0 {
                2
            } else if h != cur.1 {
                1
            } else {
                0
            };
            close(out, &cur, level);
            if level >= 2 {
                if let Some(ri) = r {
                    w!(
                        out,
                        "<span class=\"rg rg-{}\">",
                        layers.regions[ri].kind.as_str()
                    );
                }
            }
            if level >= 1 && h {
                match layers.highlight_id {
                    Some(id) => w!(out, "<mark class=\"hl\" id=\"{}\">", E(id)),
                    None => out.push_str("<mark class=\"hl\">"),
                }
            }
            if let Some(mi) = m {
                out.push_str(&layers.marks[mi].open);
            }
            cur = next;
        }
        match covering(&layers.hidden, p, |h| (h.0, h.1)) {
            Some(hi) => {
                if layers.hidden[hi].0 == p {
                    if let Some(c) = layers.hidden[hi].2 {
                        let mut b = [0u8; 4];
                        w!(out, "{}", E(c.encode_utf8(&mut b)));
                    }
                }
            }
            None => w!(out, "{}", E(&text[p..q])),
        }
    }
    close(out, &cur, 2);
}

/// Whether hiding the tag `name` leaves a line break: the block-level tags
/// at which the cleaned text breaks lines too, and the title, which stands
/// on its own line.
fn breaks_line(name: &str) -> bool {
    annalist_ingest::html::BLOCK_TAGS.contains(&name) || name == "title"
}

/// Named character references common in web pages (the rest stay as written).
const ENTITIES: &[(&str, char)] = &[
    ("amp", '&'),
    ("lt", '<'),
    ("gt", '>'),
    ("quot", '"'),
    ("apos", '\''),
    ("nbsp", '\u{a0}'),
    ("rsquo", '\u{2019}'),
    ("lsquo", '\u{2018}'),
    ("rdquo", '\u{201d}'),
    ("ldquo", '\u{201c}'),
    ("mdash", '\u{2014}'),
    ("ndash", '\u{2013}'),
    ("hellip", '\u{2026}'),
    ("copy", '\u{a9}'),
    ("laquo", '\u{ab}'),
    ("raquo", '\u{bb}'),
    ("eacute", '\u{e9}'),
    ("aacute", '\u{e1}'),
    ("oacute", '\u{f3}'),
    ("iacute", '\u{ed}'),
    ("uacute", '\u{fa}'),
    ("ntilde", '\u{f1}'),
    ("uuml", '\u{fc}'),
    ("ouml", '\u{f6}'),
    ("auml", '\u{e4}'),
    ("szlig", '\u{df}'),
];

/// The character a reference at the start of `s` (`&amp;`, `&#233;`,
/// `&#xE9;`) stands for, and its length.
fn char_ref(s: &str) -> Option<(char, usize)> {
    let end = s.get(..12.min(s.len()))?.find(';')?;
    let name = &s[1..end];
    let c = if let Some(num) = name.strip_prefix('#') {
        let v = match num.strip_prefix(['x', 'X']) {
            Some(h) => u32::from_str_radix(h, 16).ok()?,
            None => num.parse().ok()?,
        };
        char::from_u32(v).filter(|c| !c.is_control() || *c == '\n')?
    } else {
        ENTITIES.iter().find(|(n, _)| *n == name)?.1
    };
    Some((c, end + 1))
}

/// The markup of an HTML document: tags, comments, the contents of
/// `script`/`style` elements (hidden; block tags leave a line break) and
/// character references (shown as their character), for a reader's view.
pub fn markup_ranges(text: &str) -> Vec<(usize, usize, Option<char>)> {
    let bytes = text.as_bytes();
    let lower = text.to_ascii_lowercase();
    let mut out = Vec::new();
    let mut i = 0;
    while let Some(off) = text[i..].find(['<', '&']) {
        let s = i + off;
        if bytes[s] == b'&' {
            if let Some((c, len)) = char_ref(&text[s..]) {
                out.push((s, s + len, Some(c)));
                i = s + len;
            } else {
                i = s + 1;
            }
            if i >= text.len() {
                break;
            }
            continue;
        }
        let rest = &lower[s..];
        let end = if rest.starts_with("<!--") {
            rest.find("-->").map(|e| s + e + 3).unwrap_or(text.len())
        } else if rest.starts_with("<script") || rest.starts_with("<style") {
            let name = if rest.starts_with("<script") {
                "</script"
            } else {
                "</style"
            };
            match rest.find(name) {
                Some(e) => {
                    let after = s + e;
                    lower[after..]
                        .find('>')
                        .map(|g| after + g + 1)
                        .unwrap_or(text.len())
                }
                None => text.len(),
            }
        } else if bytes
            .get(s + 1)
            .is_some_and(|c| c.is_ascii_alphabetic() || *c == b'/' || *c == b'!' || *c == b'?')
        {
            rest.find('>').map(|e| s + e + 1).unwrap_or(text.len())
        } else {
            i = s + 1;
            continue;
        };
        let name: String = rest
            .trim_start_matches(['<', '/'])
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric())
            .collect();
        out.push((s, end, breaks_line(&name).then_some('\n')));
        i = end;
        if i >= text.len() {
            break;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use annalist_model::{RegionKind, Span};

    #[test]
    fn nested_layers_close_in_order() {
        let t = "Leon Trotsky died <script>x</script> in 1940.";
        let regions = [Region {
            kind: RegionKind::Main,
            span: Span::new(0, t.len()),
        }];
        let mut l = Layers {
            regions: &regions,
            highlight: Some((5, 17)),
            marks: vec![Mark {
                start: 0,
                end: 12,
                open: "<a>".into(),
                close: "</a>",
            }],
            ..Default::default()
        };
        l.normalize();
        let mut out = String::new();
        render(&mut out, t, 0, t.len(), &l);
        assert_eq!(
            out,
            "<span class=\"rg rg-main\"><a>Leon </a><mark class=\"hl\"><a>Trotsky</a> died</mark> &lt;script&gt;x&lt;/script&gt; in 1940.</span>"
        );
    }

    #[test]
    fn bad_offsets_do_not_panic() {
        let t = "Ramón Mercader";
        let l = Layers {
            highlight: Some((3, 4)),
            ..Default::default()
        };
        let mut out = String::new();
        render(&mut out, t, 4, 999, &l);
        render(&mut out, t, 999, 2, &l);
    }

    /// Random layers over random text (multi-byte characters, markup,
    /// references, offsets past the end): never panics, every tag opened
    /// is closed, and no raw `<` from the text gets through.
    #[test]
    fn random_layers_stay_balanced() {
        let pieces = [
            "a",
            "é",
            "日本",
            " ",
            "<p>",
            "</p>",
            "<script>x<y</script>",
            "&amp;",
            "&#x1F600;",
            "<b onclick=\"z\">",
            "\n",
            "&",
            "<",
            ">",
            "\"",
        ];
        let mut seed = 0x2545_F491_4F6C_DD1Du64;
        let mut rnd = |n: usize| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            (seed % n.max(1) as u64) as usize
        };
        for _ in 0..300 {
            let text: String = (0..rnd(40)).map(|_| pieces[rnd(pieces.len())]).collect();
            let n = text.len() + 4;
            let mut regions = Vec::new();
            let mut at = 0;
            while at < n {
                let end = at + 1 + rnd(12);
                regions.push(Region {
                    kind: [
                        RegionKind::Main,
                        RegionKind::Comment,
                        RegionKind::Boilerplate,
                    ][rnd(3)],
                    span: Span::new(at, end),
                });
                at = end + rnd(3);
            }
            let marks = (0..rnd(8))
                .map(|_| {
                    let a = rnd(n);
                    Mark {
                        start: a,
                        end: a + rnd(10),
                        open: "<i>".into(),
                        close: "</i>",
                    }
                })
                .collect();
            let a = rnd(n);
            let mut l = Layers {
                regions: &regions,
                highlight: Some((a, a + rnd(15))),
                marks,
                hidden: if rnd(2) == 0 {
                    markup_ranges(&text)
                } else {
                    Vec::new()
                },
                ..Default::default()
            };
            l.normalize();
            let mut out = String::new();
            render(&mut out, &text, rnd(n), rnd(n) + rnd(n), &l);
            assert_eq!(
                out.matches("<span").count(),
                out.matches("</span>").count(),
                "{text:?}"
            );
            assert_eq!(
                out.matches("<mark").count(),
                out.matches("</mark>").count(),
                "{text:?}"
            );
            assert_eq!(
                out.matches("<i>").count(),
                out.matches("</i>").count(),
                "{text:?}"
            );
            let stripped = out
                .replace("<span class=\"rg rg-main\">", "")
                .replace("<span class=\"rg rg-comment\">", "")
                .replace("<span class=\"rg rg-boilerplate\">", "")
                .replace("</span>", "")
                .replace("<mark class=\"hl\">", "")
                .replace("</mark>", "")
                .replace("<i>", "")
                .replace("</i>", "");
            assert!(!stripped.contains('<'), "{text:?} -> {out}");
        }
    }

    #[test]
    fn markup_is_found() {
        let t = "<p>Hi <b>there</b></p><script>if (a<b) x()</script><!-- c -->ok &lt;b&gt; &rsquo;&#233;&#xE9;&bogus; & &#0;";
        let r = markup_ranges(t);
        let kept: String = {
            let l = Layers {
                hidden: r,
                ..Default::default()
            };
            let mut o = String::new();
            render(&mut o, t, 0, t.len(), &l);
            o
        };
        assert_eq!(
            kept,
            "\nHi there\nok &lt;b&gt; \u{2019}\u{e9}\u{e9}&amp;bogus; &amp; &amp;#0;"
        );
    }
}
