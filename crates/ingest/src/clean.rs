//! From raw bytes to analysis text with regions.

use crate::caseless::Hay;
use crate::cues::CUES;
use crate::segment::{to_regions, Segmentation};
use annalist_model::{
    CleanDoc, Format, OffsetMap, RawDoc, Region, RegionKind, SourceKind, SourceMeta, Span,
};

/// Why a document cannot be analysed at all.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum CleanError {
    #[error("empty document")]
    Empty,
    #[error("binary content ({0})")]
    Binary(String),
}

/// Cleans one raw document. Pure and deterministic.
pub fn clean(raw: &RawDoc) -> Result<CleanDoc, CleanError> {
    if raw.bytes.iter().all(|b| b.is_ascii_whitespace()) {
        return Err(CleanError::Empty);
    }
    let utf16 = matches!(
        encoding_rs::Encoding::for_bom(&raw.bytes),
        Some((e, _)) if e == encoding_rs::UTF_16LE || e == encoding_rs::UTF_16BE
    );
    if !utf16 {
        let head = &raw.bytes[..raw.bytes.len().min(8192)];
        let nul = head.iter().filter(|&&b| b == 0).count();
        if nul > 0 {
            return Err(CleanError::Binary(format!(
                "{nul} NUL bytes in the first 8 KiB"
            )));
        }
        let ctrl = head
            .iter()
            .filter(|&&b| b < 0x20 && !matches!(b, b'\n' | b'\r' | b'\t' | 0x0c | 0x1b))
            .count();
        if ctrl * 10 > head.len() {
            return Err(CleanError::Binary(format!(
                "{ctrl} control bytes in the first 8 KiB"
            )));
        }
    }
    let is_html = matches!(raw.format, Format::Html | Format::WarcHtml);
    let enc = crate::decode::sniff(&raw.bytes, raw.charset.as_deref(), is_html);
    let (decoded, dmap, replaced) = crate::decode::decode(&raw.bytes, enc);
    let mut warnings = Vec::new();
    if replaced {
        warnings.push(format!("invalid {} replaced with U+FFFD", enc.name()));
    }
    let mut meta = SourceMeta {
        id: crate::content_id(&raw.bytes),
        file: raw.name.clone(),
        url: raw.url.clone(),
        format: raw.format,
        byte_len: raw.bytes.len(),
        ..Default::default()
    };
    // Plain text: the segmenter and the kind features share one
    // lower-cased copy of the text (the cue regexes run on it).
    let mut lower = None;
    let (text, map, seg, html_meta) = if is_html {
        let h = crate::html::clean_html(&decoded);
        let map = compose(&h.map, &dmap);
        (h.text, map, h.seg, Some(h.meta))
    } else {
        let l = decoded.to_ascii_lowercase();
        let seg = crate::segment::segment_hay(Hay::new(&decoded, &l));
        lower = Some(l);
        (decoded, dmap, seg, None)
    };
    if text.trim().is_empty() {
        return Err(CleanError::Empty);
    }
    let regions = to_regions(&seg.pieces);
    profile(&text, lower.as_deref(), &regions, &seg, &mut meta);
    if let Some(h) = html_meta {
        if h.title.is_some() {
            meta.title = h.title;
        }
        meta.author = h.author.or(meta.author);
        meta.created = h.date.or(meta.created);
        if meta.url.is_none() {
            meta.url = h.url;
        }
        meta.kind_features.extend(h.features);
    }
    if meta.created.is_none() {
        meta.created = raw.fetched.clone();
    }
    if replaced {
        meta.quality = (meta.quality - 0.05).max(0.05);
    }
    meta.warnings.extend(warnings);
    Ok(CleanDoc {
        meta,
        text,
        map,
        regions,
        flagged: seg.flagged,
    })
}

/// Composes text→decoded (`inner`) with decoded→original (`outer`).
pub fn compose(inner: &OffsetMap, outer: &OffsetMap) -> OffsetMap {
    let oa = outer.anchors();
    if oa.len() <= 1 && oa.first().is_none_or(|&(t, o)| t == 0 && o == 0) {
        let mut m = OffsetMap::new(outer.original_len());
        for &(t, o) in inner.anchors() {
            m.push(t, o);
        }
        return m;
    }
    let mut m = OffsetMap::new(outer.original_len());
    let ia = inner.anchors();
    for (k, &(t, d)) in ia.iter().enumerate() {
        m.push(t, outer.to_original(d));
        // Verbatim run [d, d + len) of the decoded text: add outer anchors inside it.
        let run_end_t = ia.get(k + 1).map(|a| a.0).unwrap_or(usize::MAX);
        let len = run_end_t.saturating_sub(t);
        let i = oa.partition_point(|&(od, _)| od <= d);
        for &(od, oo) in &oa[i..] {
            if od >= d.saturating_add(len) {
                break;
            }
            let tt = t + (od - d);
            if tt < run_end_t {
                m.push(tt, oo);
            }
        }
    }
    m
}

/// Title, author, date from the top lines of a plain-text page.
fn text_header(text: &str, meta: &mut SourceMeta) {
    let mut lines = text.lines().map(str::trim).filter(|l| !l.is_empty());
    if let Some(first) = lines.clone().next() {
        if first.chars().count() <= 200 {
            meta.title = Some(first.to_string());
        }
    }
    static BYLINE: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
        // "Posted on March 13, 2017 by X", "Published: 05 Aug 2022 | 17:45",
        // "Published: January 30, 2023 06:00 IST | Updated: …"
        regex::Regex::new(concat!(
            r"(?i)^(?:posted on|published:?|updated:?|on)\s+",
            r"(?:(?P<m1>[a-z]+)\.?\s+(?P<d1>\d{1,2}),?|(?P<d2>\d{1,2})\s+(?P<m2>[a-z]+)\.?,?)",
            r"\s+(?P<y>\d{4})",
            r"(?:\s+by\s+(?P<a>.{1,60})|\s*[|,·•]\s.*|,?\s+(?:at\s+)?\d{1,2}[:.]\d{2}\b.*)?$"
        ))
        .expect("static regex")
    });
    static UPDATED_BY: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
        regex::Regex::new(r"(?i)^(?:updated|written|posted) by:?\s+(.{1,80})$")
            .expect("static regex")
    });
    for l in lines.by_ref().take(8) {
        if let Some(c) = BYLINE.captures(l) {
            let (Some(mo), Some(da)) =
                (c.name("m1").or(c.name("m2")), c.name("d1").or(c.name("d2")))
            else {
                continue;
            };
            let month = CUES.months.get(&mo.as_str().to_lowercase()).copied();
            if let (Some(m), Ok(d), Ok(y)) =
                (month, da.as_str().parse::<u32>(), c["y"].parse::<i32>())
            {
                if (1..=31).contains(&d) && meta.created.is_none() {
                    meta.created = Some(format!("{y:04}-{m:02}-{d:02}"));
                }
            }
            if let Some(a) = c.name("a") {
                meta.author = Some(a.as_str().trim().to_string());
            }
        } else if let Some(c) = UPDATED_BY.captures(l) {
            meta.author = Some(c[1].trim().to_string());
        }
    }
}

/// Kind, quality, language and spam flags.
/// `lower`: `text.to_ascii_lowercase()` when the caller has it.
fn profile(
    text: &str,
    lower: Option<&str>,
    regions: &[Region],
    seg: &Segmentation,
    meta: &mut SourceMeta,
) {
    if !matches!(meta.format, Format::Html | Format::WarcHtml) {
        text_header(text, meta);
    }
    meta.spam = !seg.spam_reasons.is_empty();
    meta.spam_reasons = seg.spam_reasons.clone();
    // Kind.
    let mut scores: Vec<(SourceKind, f32)> = Vec::new();
    let mut feats = Vec::new();
    // Page-level features: the first 64 KiB say enough, in one pass.
    let cut = crate::floor_boundary(text, 64 << 10);
    let probe_lower;
    let probe = match lower.and_then(|l| l.get(..cut)) {
        Some(l) => Hay::new(&text[..cut], l),
        None => {
            probe_lower = text[..cut].to_ascii_lowercase();
            Hay::new(&text[..cut], &probe_lower)
        }
    };
    for (kind, w, name, _) in CUES
        .kind_features(probe)
        .into_iter()
        .filter_map(|i| CUES.kinds.get(i))
    {
        {
            let Some(k) = SourceKind::parse(kind) else {
                continue;
            };
            feats.push(format!("{kind}:{name}"));
            match scores.iter_mut().find(|(kk, _)| *kk == k) {
                Some(s) => s.1 += w,
                None => scores.push((k, *w)),
            }
        }
    }
    let mut bytes = [0usize; 3];
    for r in regions {
        let i = match r.kind {
            RegionKind::Main => 0,
            RegionKind::Comment => 1,
            RegionKind::Boilerplate => 2,
        };
        bytes[i] += r.span.len();
    }
    let total = bytes.iter().sum::<usize>().max(1);
    if bytes[1] > 0 {
        feats.push(format!("comments:{:.2}", bytes[1] as f32 / total as f32));
    }
    feats.extend(seg.features.iter().cloned());
    meta.kind = if meta.spam {
        feats.push("aggregate:spam".into());
        SourceKind::Aggregate
    } else {
        scores
            .iter()
            .fold(None::<(SourceKind, f32)>, |best, &(k, s)| match best {
                Some((_, bs)) if bs >= s => best,
                _ => Some((k, s)),
            })
            .map(|(k, _)| k)
            .unwrap_or(if bytes[1] > 0 {
                SourceKind::Blog
            } else {
                SourceKind::Unknown
            })
    };
    // A page the kind cues call an aggregate ("People also ask", "Join our
    // WhatsApp group") is stitched for search traffic: spam, like one the
    // segmenter flagged.
    if meta.kind == SourceKind::Aggregate && !meta.spam {
        meta.spam = true;
        let cues: Vec<&str> = feats
            .iter()
            .filter_map(|f| f.strip_prefix("aggregate:"))
            .collect();
        meta.spam_reasons
            .push(format!("search-engine page cues: {}", cues.join(", ")));
    }
    meta.kind_features = feats;
    // Language from the main text.
    let mut main = String::new();
    for r in regions.iter().filter(|r| r.kind == RegionKind::Main) {
        if main.len() > 4000 {
            break; // the sample is the first 4000 bytes
        }
        main.push_str(r.span.slice(text));
        main.push('\n');
    }
    let sample = if main.trim().is_empty() { text } else { &main };
    let sample = &sample[..crate::floor_boundary(sample, 4000)];
    meta.language = language(sample);
    // Quality (see docs/ingest.md).
    let base = match meta.kind {
        SourceKind::Encyclopedia => 0.8,
        SourceKind::News => 0.75,
        SourceKind::Qa => 0.6,
        SourceKind::Blog => 0.55,
        SourceKind::Opinion => 0.5,
        SourceKind::Unknown => 0.5,
        SourceKind::Aggregate => 0.3,
    };
    let main_share = bytes[0] as f32 / total as f32;
    let mut q: f32 = base * (0.8 + 0.2 * main_share);
    if bytes[0] < 500 {
        q *= 0.8;
    }
    if meta.spam {
        q = q.min(0.2);
    }
    meta.quality = q.clamp(0.05, 1.0);
}

/// ISO 639-1 code of a text sample. A cheap English check first (share of
/// English function words among the words, which is 30-50 % in English prose
/// and under 10 % in other languages); whatlang's trigram model otherwise.
fn language(sample: &str) -> Option<String> {
    let mut n = 0usize;
    let mut stop = 0usize;
    for w in crate::Runs::letters(sample).take(400) {
        n += 1;
        if w.len() <= 12 && CUES.is_stopword(w) {
            stop += 1;
            if stop >= 100 {
                // At most 400 words are counted: 100 stopwords are a share of
                // at least 25 % whatever comes next.
                return Some("en".into());
            }
        }
    }
    if n >= 30 && stop * 100 >= n * 25 {
        return Some("en".into());
    }
    whatlang::detect(sample)
        .filter(|i| i.is_reliable() || i.confidence() >= 0.5)
        .and_then(|i| CUES.languages.get(i.lang().code()).cloned())
}

/// Spans of `regions` of the given kind, mapped to original offsets.
pub fn original_spans(doc: &CleanDoc, kind: RegionKind) -> Vec<Span> {
    doc.regions
        .iter()
        .filter(|r| r.kind == kind)
        .map(|r| doc.map.span_to_original(r.span))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_plain_text_header_dates_the_page() {
        for (text, date) in [
            ("Title\nPosted on March 13, 2017 by Ann Lee\nBody.", "2017-03-13"),
            ("Title\nBy S. Ndlovu\nPublished: 05 Aug 2022 | 17:45\nBody.", "2022-08-05"),
            (
                "Title\nPublished: January 30, 2023 06:00 IST | Updated: January 30, 2023 14:05 IST\nBody.",
                "2023-01-30",
            ),
        ] {
            let mut meta = SourceMeta::default();
            text_header(text, &mut meta);
            assert_eq!(meta.created.as_deref(), Some(date), "{text}");
        }
        let mut meta = SourceMeta::default();
        text_header("Title\nPosted on March 13, 2017 by Ann Lee\n", &mut meta);
        assert_eq!(meta.author.as_deref(), Some("Ann Lee"));
    }

    fn kind_of(text: &str) -> SourceKind {
        let raw = RawDoc {
            name: "t.txt".into(),
            bytes: text.as_bytes().to_vec(),
            format: Format::Text,
            ..Default::default()
        };
        clean(&raw).expect("clean").meta.kind
    }

    #[test]
    fn wiki_furniture_datelines_and_seo_cues_tell_the_kind() {
        let para = "The treaty was signed in the hall of mirrors after long talks between the delegations, \
                    and the crowds outside cheered when the news was read out to them by an official.\n\n";
        let wiki = format!(
            "Treaty of Versailles\nFrom Historica, the free encyclopedia\nJump to navigation Jump to search\n\n{}",
            para.repeat(4)
        );
        assert_eq!(kind_of(&wiki), SourceKind::Encyclopedia);
        // a dateline opening a long first paragraph
        let news = format!(
            "Peace at last\n\nBy Ann Lee\nPublished: 28 Jun 2019 | 17:45\n\nVERSAILLES — {}",
            para.repeat(4)
        );
        assert_eq!(kind_of(&news), SourceKind::News);
        let seo = format!(
            "Treaty of Versailles Facts for Kids\nHome » History » Treaty\nJoin Our WhatsApp Group\n{}People also ask\nWhen was it signed?\n",
            para.repeat(3)
        );
        assert_eq!(kind_of(&seo), SourceKind::Aggregate);
        let raw = RawDoc {
            name: "t.txt".into(),
            bytes: seo.as_bytes().to_vec(),
            format: Format::Text,
            ..Default::default()
        };
        let meta = clean(&raw).expect("clean").meta;
        assert!(meta.spam && meta.quality <= 0.2, "{meta:?}");
    }
}
