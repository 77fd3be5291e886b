//! Character decoding with an offset map back to the original bytes.

use annalist_model::OffsetMap;
use encoding_rs::Encoding;

/// Decodes `bytes` with `enc` (UTF-8 lossily when `enc` is UTF-8), returning
/// the text, the map to original offsets, and whether replacements happened.
pub fn decode(bytes: &[u8], enc: &'static Encoding) -> (String, OffsetMap, bool) {
    // A BOM is part of the original but not of the text.
    let (bom_enc, bom_len) = Encoding::for_bom(bytes).unwrap_or((enc, 0));
    let enc = if bom_len > 0 { bom_enc } else { enc };
    let body = &bytes[bom_len..];
    if enc == encoding_rs::UTF_8 {
        return match std::str::from_utf8(body) {
            Ok(s) => {
                let mut m = OffsetMap::new(bytes.len());
                m.push(0, bom_len);
                (s.to_string(), m, false)
            }
            Err(_) => {
                let (t, m) = lossy_with_map(body, bom_len, bytes.len());
                (t, m, true)
            }
        };
    }
    decode_generic(body, bom_len, bytes.len(), enc)
}

/// Decodes UTF-8 lossily, recording an anchor around every replacement.
pub fn lossy_with_map(bytes: &[u8], base: usize, original_len: usize) -> (String, OffsetMap) {
    let mut text = String::with_capacity(bytes.len());
    let mut map = OffsetMap::new(original_len);
    let mut pos = 0;
    for chunk in bytes.utf8_chunks() {
        map.push(text.len(), base + pos);
        text.push_str(chunk.valid());
        pos += chunk.valid().len();
        if !chunk.invalid().is_empty() {
            map.push(text.len(), base + pos);
            text.push('\u{FFFD}');
            pos += chunk.invalid().len();
        }
    }
    if map.anchors().is_empty() {
        map.push(0, base);
    }
    (text, map)
}

/// Any other encoding: feed the decoder byte by byte so that every output
/// character is tied to the input bytes that made it (encoding_rs has no
/// offset-reporting API; legacy encodings are rare enough that the simple
/// loop is fine).
fn decode_generic(
    body: &[u8],
    base: usize,
    original_len: usize,
    enc: &'static Encoding,
) -> (String, OffsetMap, bool) {
    let mut dec = enc.new_decoder_without_bom_handling();
    let mut text = String::with_capacity(body.len() + body.len() / 2);
    let mut map = OffsetMap::new(original_len);
    let mut had_errors = false;
    let mut char_start = 0usize; // input offset where the pending char began
    let mut expect: Option<usize> = None; // original offset continuing the last anchor
    for (i, b) in body.iter().enumerate() {
        let before = text.len();
        text.reserve(16);
        let (_, _, err) = dec.decode_to_string(std::slice::from_ref(b), &mut text, false);
        had_errors |= err;
        if text.len() > before {
            let produced = text.len() - before;
            let consumed = i + 1 - char_start;
            let orig = base + char_start;
            if expect != Some(orig) || produced != consumed {
                map.push(before, orig);
            }
            expect = if produced == consumed {
                Some(orig + consumed)
            } else {
                map.push(text.len(), base + i + 1);
                Some(base + i + 1)
            };
            char_start = i + 1;
        }
    }
    let before = text.len();
    text.reserve(16);
    let (_, _, err) = dec.decode_to_string(&[], &mut text, true);
    had_errors |= err;
    if text.len() > before {
        map.push(before, base + char_start);
    }
    if map.anchors().is_empty() {
        map.push(0, base);
    }
    (text, map, had_errors)
}

/// The charset named in the first bytes of an HTML document
/// (`<meta charset=…>` or `<meta http-equiv … content="…charset=…">`).
pub fn html_meta_charset(bytes: &[u8]) -> Option<&'static Encoding> {
    let head = &bytes[..bytes.len().min(4096)];
    let lower: Vec<u8> = head.iter().map(u8::to_ascii_lowercase).collect();
    let mut from = 0;
    while let Some(p) = find(&lower[from..], b"charset") {
        let mut i = from + p + 7;
        while i < lower.len()
            && (lower[i] == b' ' || lower[i] == b'=' || lower[i] == b'"' || lower[i] == b'\'')
        {
            i += 1;
        }
        let start = i;
        while i < lower.len()
            && (lower[i].is_ascii_alphanumeric() || matches!(lower[i], b'-' | b'_' | b':' | b'.'))
        {
            i += 1;
        }
        if i > start {
            if let Some(e) = Encoding::for_label(&lower[start..i]) {
                // A page that says UTF-16 in ASCII cannot be UTF-16.
                if e == encoding_rs::UTF_16LE || e == encoding_rs::UTF_16BE {
                    return Some(encoding_rs::UTF_8);
                }
                return Some(e);
            }
        }
        from = i.max(from + p + 7);
    }
    None
}

fn find(h: &[u8], n: &[u8]) -> Option<usize> {
    h.windows(n.len()).position(|w| w == n)
}

/// Picks the encoding of a document: BOM, then the transport charset, then
/// (for HTML) the meta charset, then UTF-8 when valid, else windows-1252.
pub fn sniff(bytes: &[u8], transport: Option<&str>, html: bool) -> &'static Encoding {
    if let Some((e, _)) = Encoding::for_bom(bytes) {
        return e;
    }
    if let Some(e) = transport.and_then(|c| Encoding::for_label(c.as_bytes())) {
        return e;
    }
    if html {
        if let Some(e) = html_meta_charset(bytes) {
            return e;
        }
    }
    let probe = &bytes[..bytes.len().min(1 << 20)];
    match std::str::from_utf8(probe) {
        Ok(_) => encoding_rs::UTF_8,
        // An error in the last 3 bytes of the probe may be a cut character.
        Err(e) if e.error_len().is_none() => encoding_rs::UTF_8,
        Err(e) => {
            // Mostly UTF-8 with a few bad bytes stays UTF-8 (lossy).
            let bad = probe
                .utf8_chunks()
                .filter(|c| !c.invalid().is_empty())
                .count();
            if bad * 200 < probe.len() && e.valid_up_to() > 0 {
                encoding_rs::UTF_8
            } else {
                encoding_rs::WINDOWS_1252
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use annalist_model::Span;

    #[test]
    fn latin1_maps_back() {
        let bytes = b"Ram\xf3n Mercader";
        let (t, m, err) = decode(bytes, encoding_rs::WINDOWS_1252);
        assert!(!err);
        assert_eq!(t, "Ramón Mercader");
        let i = t.find("Mercader").unwrap();
        let o = m.span_to_original(Span::new(i, i + 8));
        assert_eq!(&bytes[o.start..o.end], b"Mercader");
        let o = m.span_to_original(Span::new(0, 6));
        assert_eq!(&bytes[o.start..o.end], b"Ram\xf3n");
    }

    #[test]
    fn utf16_bom() {
        let mut bytes = vec![0xFF, 0xFE];
        for u in "Hi there".encode_utf16() {
            bytes.extend_from_slice(&u.to_le_bytes());
        }
        let (t, m, _) = decode(&bytes, encoding_rs::UTF_8);
        assert_eq!(t, "Hi there");
        let o = m.span_to_original(Span::new(3, 8));
        assert_eq!(o.start, 8);
        assert!(o.end >= 17 && o.end <= 18);
    }

    #[test]
    fn meta_charset() {
        assert_eq!(
            html_meta_charset(b"<meta charset=\"ISO-8859-1\">"),
            Some(encoding_rs::WINDOWS_1252)
        );
        assert_eq!(
            html_meta_charset(
                b"<meta http-equiv=Content-Type content='text/html; charset=koi8-r'>"
            ),
            Some(encoding_rs::KOI8_R)
        );
    }
}
