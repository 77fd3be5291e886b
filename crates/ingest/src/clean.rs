//! From raw bytes to analysis text with regions.

use annalist_model::{CleanDoc, Format, OffsetMap, RawDoc, Region, RegionKind, SourceMeta, Span};

/// Why a document cannot be analysed at all.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum CleanError {
    #[error("empty document")]
    Empty,
    #[error("binary content ({0})")]
    Binary(String),
}

/// Cleans one raw document. Pure.
pub fn clean(raw: &RawDoc) -> Result<CleanDoc, CleanError> {
    if raw.bytes.iter().all(|b| b.is_ascii_whitespace()) {
        return Err(CleanError::Empty);
    }
    let nul = raw.bytes.iter().take(8192).filter(|&&b| b == 0).count();
    if nul > 0 {
        return Err(CleanError::Binary(format!(
            "{nul} NUL bytes in the first 8 KiB"
        )));
    }
    let mut warnings = Vec::new();
    let (text, map) = match std::str::from_utf8(&raw.bytes) {
        Ok(s) => (s.to_string(), OffsetMap::identity(raw.bytes.len())),
        Err(_) => {
            warnings.push("invalid UTF-8 replaced with U+FFFD".to_string());
            lossy_with_map(&raw.bytes)
        }
    };
    let _ = Format::Text;
    let title = text
        .lines()
        .find(|l| !l.trim().is_empty())
        .map(|l| l.trim().to_string());
    let regions = vec![Region {
        kind: RegionKind::Main,
        span: Span::new(0, text.len()),
    }];
    Ok(CleanDoc {
        meta: SourceMeta {
            id: crate::content_id(&raw.bytes),
            file: raw.name.clone(),
            url: raw.url.clone(),
            title,
            created: raw.fetched.clone(),
            format: raw.format,
            quality: 0.5,
            language: Some("en".into()),
            byte_len: raw.bytes.len(),
            warnings,
            ..Default::default()
        },
        text,
        map,
        regions,
        flagged: Vec::new(),
    })
}

/// Decodes UTF-8 lossily, recording an anchor around every replacement.
pub fn lossy_with_map(bytes: &[u8]) -> (String, OffsetMap) {
    let mut text = String::with_capacity(bytes.len());
    let mut map = OffsetMap::new(bytes.len());
    let mut pos = 0;
    for chunk in bytes.utf8_chunks() {
        map.push(text.len(), pos);
        text.push_str(chunk.valid());
        pos += chunk.valid().len();
        if !chunk.invalid().is_empty() {
            map.push(text.len(), pos);
            text.push('\u{FFFD}');
            pos += chunk.invalid().len();
        }
    }
    (text, map)
}
