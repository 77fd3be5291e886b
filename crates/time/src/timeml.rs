//! TempEval-3 style TimeML in and out: read a `.tml` file's text, creation
//! time and gold TIMEX3 tags; write the text back with our TIMEX3 tags.
//!
//! TimeML files are a tiny, flat XML dialect (no nesting inside TIMEX3, no
//! namespaces in the body); a hand-written reader keeps exact character
//! offsets of the stripped text, which a general XML parser would make us
//! reconstruct.

use annalist_model::{Span, Timex, TimexMod, TimexType};

/// One TimeML document.
#[derive(Clone, Debug, Default)]
pub struct TimemlDoc {
    pub docid: String,
    /// Creation time value (`1998-01-08`), if any.
    pub dct: Option<String>,
    /// The `<TEXT>` content, tags stripped, entities decoded.
    pub text: String,
    /// The TIMEX3 tags inside `<TEXT>`, spans in `text` bytes.
    pub timexes: Vec<Timex>,
    /// Everything before `<TEXT>` (kept verbatim when writing).
    pub head: String,
}

/// Decodes the five XML entities and numeric references.
pub fn decode_entities(s: &str) -> String {
    if !s.contains('&') {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(i) = rest.find('&') {
        out.push_str(&rest[..i]);
        let tail = &rest[i..];
        let end = tail.find(';').filter(|&j| j <= 10);
        let rep = end.and_then(|j| {
            let name = &tail[1..j];
            let c = match name {
                "amp" => Some('&'),
                "lt" => Some('<'),
                "gt" => Some('>'),
                "quot" => Some('"'),
                "apos" => Some('\''),
                _ => name
                    .strip_prefix("#x")
                    .and_then(|h| u32::from_str_radix(h, 16).ok())
                    .or_else(|| name.strip_prefix('#').and_then(|d| d.parse().ok()))
                    .and_then(char::from_u32),
            };
            c.map(|c| (c, j + 1))
        });
        match rep {
            Some((c, n)) => {
                out.push(c);
                rest = &tail[n..];
            }
            None => {
                out.push('&');
                rest = &tail[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// Escapes text for XML content or attribute values.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            c => out.push(c),
        }
    }
    out
}

/// The attributes of a start tag (`<TIMEX3 a="b" c='d'>`).
pub fn attributes(tag: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let mut rest = tag;
    while let Some(eq) = rest.find('=') {
        let name = rest[..eq]
            .rsplit(|c: char| c.is_whitespace() || c == '<')
            .next()
            .unwrap_or("")
            .trim()
            .to_string();
        let after = rest[eq + 1..].trim_start();
        let Some(q) = after.chars().next().filter(|c| *c == '"' || *c == '\'') else {
            break;
        };
        let body = &after[1..];
        let Some(close) = body.find(q) else { break };
        out.push((name, decode_entities(&body[..close])));
        rest = &body[close + 1..];
    }
    out
}

fn attr<'a>(attrs: &'a [(String, String)], k: &str) -> Option<&'a str> {
    attrs.iter().find(|(a, _)| a == k).map(|(_, v)| v.as_str())
}

/// Reads a TimeML document; never fails (missing parts stay empty).
pub fn parse(xml: &str) -> TimemlDoc {
    let mut doc = TimemlDoc::default();
    if let (Some(a), Some(b)) = (xml.find("<DOCID>"), xml.find("</DOCID>")) {
        if a + 7 <= b {
            doc.docid = xml[a + 7..b].trim().to_string();
        }
    }
    if let Some(a) = xml.find("<DCT>") {
        let rest = &xml[a..];
        if let Some(t) = rest.find("<TIMEX3") {
            let tag_end = rest[t..].find('>').map_or(rest.len(), |e| t + e);
            let attrs = attributes(&rest[t..tag_end]);
            doc.dct = attr(&attrs, "value").map(str::to_string);
        }
    }
    let (start, end) = match xml.find("<TEXT>") {
        Some(a) => (a + 6, xml[a..].find("</TEXT>").map_or(xml.len(), |b| a + b)),
        None => (0, xml.len()),
    };
    doc.head = xml[..start.saturating_sub(6)].to_string();
    let body = &xml[start..end];
    let mut text = String::with_capacity(body.len());
    let mut open: Option<(usize, Vec<(String, String)>)> = None;
    let mut rest = body;
    while let Some(lt) = rest.find('<') {
        text.push_str(&decode_entities(&rest[..lt]));
        let Some(gt) = rest[lt..].find('>') else {
            rest = "";
            break;
        };
        let tag = &rest[lt..lt + gt + 1];
        if tag.starts_with("<TIMEX3") {
            open = Some((text.len(), attributes(tag)));
            if tag.ends_with("/>") {
                open = None;
            }
        } else if tag.starts_with("</TIMEX3") {
            if let Some((s, attrs)) = open.take() {
                let span = Span::new(s, text.len());
                doc.timexes.push(Timex {
                    span,
                    text: text[s..].to_string(),
                    ttype: attr(&attrs, "type")
                        .and_then(TimexType::parse)
                        .unwrap_or_default(),
                    value: attr(&attrs, "value").unwrap_or("").to_string(),
                    tmod: attr(&attrs, "mod").and_then(TimexMod::parse),
                    ..Default::default()
                });
            }
        }
        rest = &rest[lt + gt + 1..];
    }
    text.push_str(&decode_entities(rest));
    doc.text = text;
    doc
}

/// Writes `doc` back as TimeML with `timexes` (spans into `doc.text`) as
/// the only tags of the text.
pub fn write(doc: &TimemlDoc, timexes: &[Timex]) -> String {
    let mut out = String::with_capacity(doc.text.len() * 2);
    if doc.head.trim().is_empty() {
        out.push_str("<?xml version=\"1.0\" ?>\n<TimeML>\n");
        if !doc.docid.is_empty() {
            out.push_str(&format!("<DOCID>{}</DOCID>\n", escape(&doc.docid)));
        }
        if let Some(d) = &doc.dct {
            out.push_str(&format!(
                "<DCT><TIMEX3 tid=\"t0\" type=\"DATE\" value=\"{}\" temporalFunction=\"false\" functionInDocument=\"CREATION_TIME\">{}</TIMEX3></DCT>\n",
                escape(d),
                escape(d)
            ));
        }
    } else {
        out.push_str(&doc.head);
    }
    out.push_str("<TEXT>");
    let mut pos = 0;
    let mut n = 0;
    for t in timexes {
        if t.span.start < pos
            || t.span.end > doc.text.len()
            || !doc.text.is_char_boundary(t.span.start)
            || !doc.text.is_char_boundary(t.span.end)
        {
            continue;
        }
        n += 1;
        out.push_str(&escape(&doc.text[pos..t.span.start]));
        out.push_str(&format!(
            "<TIMEX3 tid=\"t{}\" type=\"{}\" value=\"{}\"",
            n,
            t.ttype.as_str(),
            escape(&t.value)
        ));
        if let Some(m) = t.tmod {
            out.push_str(&format!(" mod=\"{}\"", m.as_str()));
        }
        if let Some(c) = &t.calendar {
            out.push_str(&format!(" calendar=\"{}\"", escape(c)));
        }
        out.push('>');
        out.push_str(&escape(&doc.text[t.span.start..t.span.end]));
        out.push_str("</TIMEX3>");
        pos = t.span.end;
    }
    out.push_str(&escape(&doc.text[pos..]));
    out.push_str("</TEXT>\n\n</TimeML>\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trip() {
        let xml = "<TimeML><DOCID>x</DOCID><DCT><TIMEX3 tid=\"t0\" type=\"DATE\" value=\"1998-01-08\">x</TIMEX3></DCT>\n<TEXT>On <TIMEX3 tid=\"t1\" type=\"DATE\" value=\"1998-01-07\">Wednesday</TIMEX3> A &amp; B <EVENT eid=\"e1\">met</EVENT>.</TEXT></TimeML>";
        let d = parse(xml);
        assert_eq!(d.dct.as_deref(), Some("1998-01-08"));
        assert_eq!(d.text, "On Wednesday A & B met.");
        assert_eq!(d.timexes[0].span.slice(&d.text), "Wednesday");
        let w = write(&d, &d.timexes);
        let d2 = parse(&w);
        assert_eq!(d2.text, d.text);
        assert_eq!(d2.timexes, d.timexes);
    }
}
