//! A readable Markdown report: people, a timeline of events, conflicts, and
//! the sources as footnotes (`[^1]`), numbered in order of first citation.
//!
//! Document text is untrusted: Markdown punctuation and `<`/`>` are escaped
//! so that nothing in a source turns into markup or HTML when rendered.

use crate::util::{names, ordered, title};
use crate::ExportError;
use annalist_model::{EntityType, KnowledgeBase};
use std::collections::HashMap;
use std::fmt::Write as _;

/// Escapes text for Markdown (CommonMark) inline content, one line.
pub fn md(s: &str) -> String {
    let mut o = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '\\' | '`' | '*' | '_' | '[' | ']' | '#' | '|' | '!' => {
                o.push('\\');
                o.push(c);
            }
            '<' => o.push_str("&lt;"),
            '>' => o.push_str("&gt;"),
            '&' => o.push_str("&amp;"),
            '\n' | '\r' | '\t' => o.push(' '),
            c => o.push(c),
        }
    }
    o
}

struct Notes<'a> {
    kb: &'a KnowledgeBase,
    order: Vec<&'a str>,
    num: HashMap<&'a str, usize>,
}

impl<'a> Notes<'a> {
    fn cite(&mut self, source: &'a str) -> String {
        let n = *self.num.entry(source).or_insert_with(|| {
            self.order.push(source);
            self.order.len()
        });
        format!("[^{n}]")
    }
    fn cites(&mut self, sources: &'a [String]) -> String {
        sources.iter().map(|s| self.cite(s)).collect()
    }
    fn write(&self, out: &mut String) {
        if self.order.is_empty() {
            return;
        }
        out.push_str("\n## Sources\n\n");
        for (i, id) in self.order.iter().enumerate() {
            match self.kb.source(id) {
                Some(s) => {
                    let m = &s.meta;
                    let _ = write!(
                        out,
                        "[^{}]: {} — `{}`, {}, quality {:.2}",
                        i + 1,
                        md(m.title.as_deref().unwrap_or(&m.file)),
                        m.file.replace('`', "'"),
                        m.kind.as_str(),
                        m.quality
                    );
                    if let Some(u) = &m.url {
                        let _ = write!(out, ", <{}>", u.replace(['<', '>', ' '], ""));
                    }
                    if m.spam {
                        out.push_str(" (flagged as spam)");
                    }
                    out.push('\n');
                }
                None => {
                    let _ = writeln!(out, "[^{}]: source {}", i + 1, md(id));
                }
            }
        }
    }
}

pub fn to_string(kb: &KnowledgeBase) -> String {
    let names = names(kb);
    let mut notes = Notes {
        kb,
        order: Vec::new(),
        num: HashMap::new(),
    };
    let mut out = String::new();
    let _ = writeln!(
        out,
        "# annalist report\n\n{} sources · {} entities · {} events · {} conflicts\n",
        kb.sources.len(),
        kb.entities.len(),
        kb.events.len(),
        kb.conflicts.len()
    );
    // People by mentions.
    let mut people: Vec<_> = kb
        .entities
        .iter()
        .filter(|e| e.etype == EntityType::Person)
        .collect();
    people.sort_by(|a, b| {
        b.mentions
            .len()
            .cmp(&a.mentions.len())
            .then(a.name.cmp(&b.name))
    });
    if !people.is_empty() {
        out.push_str("## People\n\n");
        for e in people.iter().take(30) {
            let other: Vec<String> = e
                .aliases
                .iter()
                .filter(|a| **a != e.name)
                .take(5)
                .map(|a| md(a))
                .collect();
            let _ = write!(out, "- **{}** — {} mentions", md(&e.name), e.mentions.len());
            if !other.is_empty() {
                let _ = write!(out, "; also called {}", other.join(", "));
            }
            out.push('\n');
        }
        out.push('\n');
    }
    let evs = ordered(kb);
    if !evs.is_empty() {
        out.push_str("## Timeline\n\n");
        for e in &evs {
            let when = e
                .time
                .as_ref()
                .map(|t| t.value.clone())
                .unwrap_or_else(|| "undated".into());
            let _ = write!(
                out,
                "- **{}** — {} ({}, confidence {:.2}){}",
                md(&when),
                md(&title(e, &names)),
                e.etype.as_str(),
                e.confidence,
                notes.cites(&e.sources)
            );
            if !e.conflicts.is_empty() {
                out.push_str(" — *sources disagree, see Conflicts*");
            }
            out.push('\n');
            if let Some(x) = e.evidence.first() {
                let quote: String = x.text.trim().chars().take(300).collect();
                let _ = writeln!(out, "  > {}{}", md(&quote), notes.cite(&x.source));
            }
        }
        out.push('\n');
    }
    if !kb.conflicts.is_empty() {
        out.push_str("## Conflicts\n\n");
        for c in &kb.conflicts {
            let ev = kb
                .event(&c.event)
                .map(|e| title(e, &names))
                .unwrap_or_else(|| c.event.clone());
            let _ = writeln!(out, "- **{}**, {}:", md(&ev), md(&c.field));
            for v in &c.values {
                let pref = if v.value == c.preferred {
                    " ← preferred"
                } else {
                    ""
                };
                let _ = writeln!(
                    out,
                    "  - {}{}{}",
                    md(&v.value),
                    notes.cites(&v.sources),
                    pref
                );
            }
            if !c.reason.is_empty() {
                let _ = writeln!(out, "  - *why:* {}", md(&c.reason));
            }
        }
    }
    notes.write(&mut out);
    out
}

pub fn write(kb: &KnowledgeBase, out: &mut dyn std::io::Write) -> Result<(), ExportError> {
    out.write_all(to_string(kb).as_bytes())?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn report_has_footnotes_and_no_raw_html() {
        let kb = crate::util::sample();
        let s = to_string(&kb);
        assert!(s.starts_with("# annalist report"));
        assert!(s.contains("## Timeline"));
        assert!(s.contains("[^1]"));
        assert!(s.contains("\n[^1]: The &lt;i&gt;Assassination&lt;/i&gt; &amp; more"));
        assert!(!s.contains("<script>"));
        assert!(!s.contains("<b>"));
        assert!(s.contains("← preferred"));
        // Every footnote used is defined.
        for n in 1..=3 {
            let r = format!("[^{n}]");
            if s.contains(&r) {
                assert!(s.contains(&format!("\n[^{n}]: ")), "{r} defined");
            }
        }
    }
}
