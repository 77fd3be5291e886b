//! TimelineJS3 JSON: `{"title": …, "events": [{"start_date": {"year": …}, "text": {…}}]}`.
//!
//! One slide per dated event (TimelineJS needs a `start_date.year` on every
//! event, so undated events are left out). An imprecise date keeps its
//! precision (a year, a month) and a range gets an `end_date`. TimelineJS
//! renders `headline` and `text` as HTML, so every piece of text is escaped.

use crate::util::{names, ordered, title, ymd};
use crate::ExportError;
use annalist_model::{KbTime, KnowledgeBase};
use serde_json::{json, Map, Value};

fn esc(s: &str) -> String {
    let mut o = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => o.push_str("&amp;"),
            '<' => o.push_str("&lt;"),
            '>' => o.push_str("&gt;"),
            '"' => o.push_str("&quot;"),
            '\'' => o.push_str("&#39;"),
            c => o.push(c),
        }
    }
    o
}

fn days_in_month(y: i64, m: u32) -> u32 {
    match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        _ if (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 => 29,
        _ => 28,
    }
}

fn date(y: i64, m: Option<u32>, d: Option<u32>) -> Value {
    let mut o = Map::new();
    o.insert("year".into(), json!(y));
    if let Some(m) = m {
        o.insert("month".into(), json!(m));
    }
    if let Some(d) = d {
        o.insert("day".into(), json!(d));
    }
    Value::Object(o)
}

/// TimelineJS start and end dates for a time, keeping its precision.
pub fn dates(t: &KbTime) -> Option<(Value, Option<Value>)> {
    let (y0, m0, d0) = ymd(&t.start)?;
    let (y1, m1, d1) = ymd(&t.end).unwrap_or((y0, m0, d0));
    if y0 == y1 && (m0, d0, m1, d1) == (1, 1, 12, 31) {
        return Some((date(y0, None, None), None));
    }
    if y0 == y1 && m0 == m1 && d0 == 1 && d1 == days_in_month(y1, m1) {
        return Some((date(y0, Some(m0), None), None));
    }
    let start = date(y0, Some(m0), Some(d0));
    if (y0, m0, d0) == (y1, m1, d1) {
        Some((start, None))
    } else {
        Some((start, Some(date(y1, Some(m1), Some(d1)))))
    }
}

/// The TimelineJS3 document as a JSON value.
pub fn to_value(kb: &KnowledgeBase) -> Value {
    let names = names(kb);
    let titles: std::collections::HashMap<&str, &str> = kb
        .sources
        .iter()
        .map(|s| {
            (
                s.meta.id.as_str(),
                s.meta.title.as_deref().unwrap_or(&s.meta.file),
            )
        })
        .collect();
    let mut events = Vec::new();
    for e in ordered(kb) {
        let Some(t) = &e.time else { continue };
        let Some((start, end)) = dates(t) else {
            continue;
        };
        let mut text = String::new();
        for x in e.evidence.iter().take(3) {
            let src = titles.get(x.source.as_str()).copied().unwrap_or(&x.source);
            text.push_str(&format!(
                "<blockquote>{}</blockquote><p><cite>{}</cite></p>",
                esc(x.text.trim()),
                esc(src)
            ));
        }
        if e.evidence.len() > 3 {
            text.push_str(&format!(
                "<p>and {} more passages</p>",
                e.evidence.len() - 3
            ));
        }
        if !e.conflicts.is_empty() {
            text.push_str("<p><strong>Sources disagree about this event.</strong></p>");
        }
        let mut ev = Map::new();
        ev.insert("unique_id".into(), json!(e.id));
        ev.insert("start_date".into(), start);
        if let Some(end) = end {
            ev.insert("end_date".into(), end);
        }
        ev.insert(
            "text".into(),
            json!({"headline": esc(&title(e, &names)), "text": text}),
        );
        ev.insert("group".into(), json!(e.etype.as_str()));
        ev.insert("display_date".into(), json!(t.value));
        events.push(Value::Object(ev));
    }
    json!({
        "title": {"text": {
            "headline": "annalist timeline",
            "text": format!("{} events from {} sources", events.len(), kb.sources.len()),
        }},
        "events": events,
    })
}

pub fn write(kb: &KnowledgeBase, out: &mut dyn std::io::Write) -> Result<(), ExportError> {
    serde_json::to_writer_pretty(&mut *out, &to_value(kb))?;
    out.write_all(b"\n")?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn has_what_timelinejs_requires() {
        let kb = crate::util::sample();
        let mut out = Vec::new();
        write(&kb, &mut out).unwrap();
        let v: Value = serde_json::from_slice(&out).unwrap();
        let evs = v["events"].as_array().unwrap();
        assert_eq!(evs.len(), 3, "undated events are left out");
        for e in evs {
            assert!(e["start_date"]["year"].is_i64(), "{e}");
            assert!(e["text"]["headline"].is_string());
            assert!(!e["text"]["text"].as_str().unwrap().contains("<script>"));
            assert!(!e["text"]["headline"].as_str().unwrap().contains("<b>"));
        }
        // A year stays a year; a month stays a month; a day is a day.
        assert_eq!(evs[0]["start_date"], json!({"year": 1879}));
        assert_eq!(evs[1]["start_date"], json!({"year": 1940, "month": 8}));
        assert_eq!(
            evs[2]["start_date"],
            json!({"year": 1940, "month": 8, "day": 20})
        );
        assert!(v["title"]["text"]["headline"].is_string());
    }

    #[test]
    fn ranges_get_end_dates() {
        let t = KbTime {
            value: "1940-08-20".into(),
            start: "1940-08-20".into(),
            end: "1940-08-22".into(),
            inferred: false,
        };
        let (s, e) = dates(&t).unwrap();
        assert_eq!(s["day"], 20);
        assert_eq!(e.unwrap()["day"], 22);
        let bc = KbTime {
            value: "BC0044".into(),
            start: "-0043-01-01".into(),
            end: "-0043-12-31".into(),
            inferred: false,
        };
        assert_eq!(dates(&bc).unwrap().0, json!({"year": -43}));
    }
}
