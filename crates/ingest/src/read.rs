//! Finding and reading input files: text, Markdown, HTML, WARC/WET (plain
//! or gzip), and single documents from memory (stdin).
//!
//! Reading never panics and never gives up on a whole file because one part
//! of it is bad: a corrupt WARC record is reported (file and record number)
//! and reading resumes at the next record; a truncated gzip stream keeps
//! every record read before the damage.

use annalist_model::{Format, RawDoc};
use std::io::{BufRead, BufReader, Read};
use std::path::{Path, PathBuf};

/// A file or record that could not be read, and why.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct InputProblem {
    /// The file (and `#record` for a WARC record).
    pub file: String,
    pub message: String,
}

impl std::fmt::Display for InputProblem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.file, self.message)
    }
}

/// What reading one input file produced.
#[derive(Debug, Default)]
pub struct ReadOutcome {
    pub docs: Vec<RawDoc>,
    pub problems: Vec<InputProblem>,
    /// Records skipped on purpose (non-HTML payloads, requests, …).
    pub skipped: usize,
}

/// Limits for reading.
#[derive(Clone, Debug)]
pub struct ReadOptions {
    /// Largest decompressed WARC record (or single file) kept, in bytes;
    /// larger ones are skipped and reported (decompression-bomb guard).
    pub max_record_bytes: u64,
    /// Largest total decompressed size read from one compressed file.
    pub max_total_bytes: u64,
}

impl Default for ReadOptions {
    fn default() -> Self {
        ReadOptions {
            max_record_bytes: 64 << 20,
            max_total_bytes: 16 << 30,
        }
    }
}

/// The content id of a document: hex of the BLAKE3 hash of its bytes (128 bits).
pub fn content_id(bytes: &[u8]) -> String {
    let h = blake3::hash(bytes);
    h.to_hex()[..32].to_string()
}

/// What a file name says about its container.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Container {
    Doc(Format),
    Warc,
}

fn container_of(name: &str) -> Option<(Container, bool)> {
    let name = name.to_lowercase();
    let (stem, gz) = match name.strip_suffix(".gz") {
        Some(s) => (s.to_string(), true),
        None => (name.clone(), false),
    };
    let c = if stem.ends_with(".warc") || stem.ends_with(".wet") || stem.ends_with(".arc.warc") {
        Container::Warc
    } else if stem.ends_with(".txt") || stem.ends_with(".text") {
        Container::Doc(Format::Text)
    } else if stem.ends_with(".md") || stem.ends_with(".markdown") {
        Container::Doc(Format::Markdown)
    } else if stem.ends_with(".html") || stem.ends_with(".htm") || stem.ends_with(".xhtml") {
        Container::Doc(Format::Html)
    } else {
        return None;
    };
    Some((c, gz))
}

fn readable(path: &Path) -> bool {
    path.file_name()
        .map(|n| container_of(&n.to_string_lossy()).is_some())
        .unwrap_or(false)
}

/// Every readable input under `paths` (folders are walked recursively, in
/// sorted order), paired with the root it was found under.
pub fn walk(paths: &[PathBuf]) -> (Vec<(PathBuf, PathBuf)>, Vec<InputProblem>) {
    let mut out = Vec::new();
    let mut problems = Vec::new();
    for root in paths {
        if root.is_file() {
            let base = root.parent().map(Path::to_path_buf).unwrap_or_default();
            out.push((root.clone(), base));
            continue;
        }
        if !root.is_dir() {
            problems.push(InputProblem {
                file: root.display().to_string(),
                message: "no such file or folder".into(),
            });
            continue;
        }
        let mut stack = vec![root.clone()];
        while let Some(dir) = stack.pop() {
            let entries = match std::fs::read_dir(&dir) {
                Ok(e) => e,
                Err(e) => {
                    problems.push(InputProblem {
                        file: dir.display().to_string(),
                        message: format!("cannot list folder: {e}"),
                    });
                    continue;
                }
            };
            let mut entries: Vec<PathBuf> =
                entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
            entries.sort();
            for p in entries.into_iter().rev() {
                if p.is_dir() {
                    stack.push(p);
                } else if readable(&p) {
                    out.push((p, root.clone()));
                }
            }
        }
    }
    out.sort();
    (out, problems)
}

/// Reads one file into raw documents. `root` is the PATH given to `build`,
/// used to name the source relative to it.
pub fn read_path(path: &Path, root: &Path) -> ReadOutcome {
    read_path_with(path, root, &ReadOptions::default())
}

/// [`read_path`] with explicit limits.
pub fn read_path_with(path: &Path, root: &Path, opts: &ReadOptions) -> ReadOutcome {
    let name = path
        .strip_prefix(root)
        .unwrap_or(path)
        .to_string_lossy()
        .replace('\\', "/");
    let name = if name.is_empty() {
        path.file_name()
            .map(|n| n.to_string_lossy().to_string())
            .unwrap_or_default()
    } else {
        name
    };
    let mut outcome = ReadOutcome::default();
    let file_name = path
        .file_name()
        .map(|n| n.to_string_lossy().to_string())
        .unwrap_or_default();
    let Some((container, gz)) = container_of(&file_name) else {
        outcome.problems.push(InputProblem {
            file: name,
            message: "unsupported file type".into(),
        });
        return outcome;
    };
    let file = match std::fs::File::open(path) {
        Ok(f) => f,
        Err(e) => {
            outcome.problems.push(InputProblem {
                file: name,
                message: format!("cannot read: {e}"),
            });
            return outcome;
        }
    };
    // Large reads: the gzip decoder pulls compressed input straight from this buffer.
    read_stream(
        &name,
        BufReader::with_capacity(1 << 18, file),
        container,
        gz,
        opts,
    )
}

/// Reads one in-memory input (e.g. stdin for `annalist build -`). The format
/// is sniffed from the bytes: gzip magic, `WARC/` header, HTML markup, else
/// text. `name` names the source (`-` for stdin).
pub fn read_bytes(name: &str, bytes: Vec<u8>) -> ReadOutcome {
    read_bytes_with(name, bytes, &ReadOptions::default())
}

/// [`read_bytes`] with explicit limits.
pub fn read_bytes_with(name: &str, bytes: Vec<u8>, opts: &ReadOptions) -> ReadOutcome {
    let gz = bytes.starts_with(&[0x1f, 0x8b]);
    let by_name = container_of(name);
    if gz {
        let container = match by_name {
            Some((c, _)) => c,
            None => {
                // Peek at the decompressed start to tell WARC from a document.
                let mut head = Vec::new();
                let _ = flate2::read::MultiGzDecoder::new(&bytes[..])
                    .take(4096)
                    .read_to_end(&mut head);
                sniff(&head)
            }
        };
        return read_stream(name, std::io::Cursor::new(bytes), container, true, opts);
    }
    let container = match by_name {
        Some((c, _)) => c,
        None => sniff(&bytes),
    };
    if container == Container::Warc {
        return read_stream(name, std::io::Cursor::new(bytes), container, false, opts);
    }
    let mut outcome = ReadOutcome::default();
    if let Container::Doc(format) = container {
        push_single_doc(name, bytes, format, opts.max_record_bytes, &mut outcome);
    }
    outcome
}

/// Keeps one whole document read from a file or from memory, or reports why
/// not (over the size cap, empty). Shared by every non-WARC input path.
fn push_single_doc(
    name: &str,
    bytes: Vec<u8>,
    format: Format,
    cap: u64,
    outcome: &mut ReadOutcome,
) {
    if bytes.len() as u64 > cap {
        outcome.problems.push(InputProblem {
            file: name.to_string(),
            message: format!("document exceeds the {cap}-byte limit; skipped"),
        });
        return;
    }
    if bytes.is_empty() {
        outcome.problems.push(InputProblem {
            file: name.to_string(),
            message: "empty input; skipped".into(),
        });
        return;
    }
    outcome.docs.push(RawDoc {
        name: name.to_string(),
        bytes,
        format,
        ..Default::default()
    });
}

fn sniff(head: &[u8]) -> Container {
    let start = &head[..head.len().min(1024)];
    let trimmed: Vec<u8> = start
        .iter()
        .skip_while(|b| b.is_ascii_whitespace() || **b == 0xEF || **b == 0xBB || **b == 0xBF)
        .take(256)
        .map(|b| b.to_ascii_lowercase())
        .collect();
    if trimmed.starts_with(b"warc/") {
        Container::Warc
    } else if trimmed.starts_with(b"<!doctype html")
        || trimmed.starts_with(b"<html")
        || trimmed.starts_with(b"<head")
        || trimmed.starts_with(b"<!--")
        || trimmed.starts_with(b"<?xml")
        || trimmed.starts_with(b"<body")
    {
        Container::Doc(Format::Html)
    } else {
        Container::Doc(Format::Text)
    }
}

fn read_stream<R: BufRead>(
    name: &str,
    input: R,
    container: Container,
    gz: bool,
    opts: &ReadOptions,
) -> ReadOutcome {
    // `bufread::MultiGzDecoder` inflates straight from the caller's buffer
    // (the in-memory bytes, or the file's 256 KiB buffer) with no extra copy.
    let reader: Box<dyn Read + '_> = if gz {
        Box::new(flate2::bufread::MultiGzDecoder::new(input))
    } else {
        Box::new(input)
    };
    // The total cap bounds how much a bomb can make us decompress.
    let mut limited = reader.take(opts.max_total_bytes);
    match container {
        Container::Warc => {
            let mut outcome =
                read_warc(name, BufReader::with_capacity(1 << 14, &mut limited), opts);
            if limited.limit() == 0 {
                outcome.problems.push(InputProblem {
                    file: name.to_string(),
                    message: format!(
                        "stopped after {} decompressed bytes (limit)",
                        opts.max_total_bytes
                    ),
                });
            }
            outcome
        }
        Container::Doc(format) => {
            let mut outcome = ReadOutcome::default();
            let mut bytes = Vec::new();
            let cap = opts.max_record_bytes;
            let res = (&mut limited).take(cap + 1).read_to_end(&mut bytes);
            if let Err(e) = res {
                outcome.problems.push(InputProblem {
                    file: name.to_string(),
                    message: if bytes.is_empty() {
                        format!("cannot read: {e}")
                    } else {
                        format!(
                            "read error after {} bytes, kept what was read: {e}",
                            bytes.len()
                        )
                    },
                });
                if bytes.is_empty() {
                    return outcome;
                }
            }
            push_single_doc(name, bytes, format, cap, &mut outcome);
            outcome
        }
    }
}

/// Headers of one WARC record, as needed here.
#[derive(Default)]
struct WarcHead {
    warc_type: String,
    record_id: String,
    target_uri: Option<String>,
    date: Option<String>,
    content_type: String,
    content_length: Option<u64>,
}

/// Reads a WARC 1.0/1.1 (or WET) stream.
///
/// Written by hand over `BufRead` rather than with the `warc` crate's
/// iterator because that iterator buffers a whole record whatever its
/// Content-Length (no decompression-bomb cap) and cannot resynchronise after
/// a corrupt record; here an oversized record is skipped without being
/// stored and a corrupt one is reported, then reading resumes at the next
/// `WARC/` header line.
fn read_warc<R: BufRead>(name: &str, mut r: R, opts: &ReadOptions) -> ReadOutcome {
    let mut out = ReadOutcome::default();
    let mut line = Vec::with_capacity(256);
    let mut record_no = 0usize;
    // A `WARC/` line already read (it ended an unterminated header).
    let mut pending_version = false;
    loop {
        // Find the version line (skipping blank lines between records).
        if !std::mem::take(&mut pending_version) {
            let mut garbage = 0usize;
            loop {
                line.clear();
                match read_line_capped(&mut r, &mut line, 1 << 16) {
                    Ok(0) => {
                        if garbage > 0 {
                            out.problems.push(InputProblem {
                                file: format!("{name}#{}", record_no + 1),
                                message: format!("{garbage} bytes of trailing garbage ignored"),
                            });
                        }
                        return out;
                    }
                    Ok(n) => {
                        let t = trim_eol(&line);
                        if t.starts_with(b"WARC/") {
                            if garbage > 0 {
                                out.problems.push(InputProblem {
                                    file: format!("{name}#{}", record_no + 1),
                                    message: format!(
                                        "{garbage} bytes not in any record skipped before it"
                                    ),
                                });
                            }
                            break;
                        }
                        if !t.is_empty() {
                            garbage += n;
                        }
                    }
                    Err(e) => {
                        out.problems.push(InputProblem {
                            file: format!("{name}#{}", record_no + 1),
                            message: format!("read error (truncated or corrupt stream?): {e}"),
                        });
                        return out;
                    }
                }
            }
        }
        record_no += 1;
        let rec_name = |head: &WarcHead| {
            if head.record_id.is_empty() {
                format!("{name}#{record_no}")
            } else {
                format!("{name}#{record_no} {}", head.record_id)
            }
        };
        let mut head = WarcHead::default();
        // Header fields up to the blank line.
        let mut header_ok = true;
        let mut header_bytes = 0usize;
        loop {
            line.clear();
            match read_line_capped(&mut r, &mut line, 1 << 16) {
                Ok(0) => {
                    out.problems.push(InputProblem {
                        file: rec_name(&head),
                        message: "stream ends inside the record header".into(),
                    });
                    return out;
                }
                Ok(n) => {
                    header_bytes += n;
                    let t = trim_eol(&line);
                    if t.is_empty() {
                        break;
                    }
                    if t.starts_with(b"WARC/") {
                        // A new record began: this one had no blank line.
                        out.problems.push(InputProblem {
                            file: rec_name(&head),
                            message: "record header not terminated; skipped".into(),
                        });
                        pending_version = true;
                        header_ok = false;
                        break;
                    }
                    if header_bytes > 1 << 20 {
                        out.problems.push(InputProblem {
                            file: rec_name(&head),
                            message: "record header longer than 1 MiB; skipped".into(),
                        });
                        header_ok = false;
                        break;
                    }
                    parse_warc_field(t, &mut head);
                }
                Err(e) => {
                    out.problems.push(InputProblem {
                        file: rec_name(&head),
                        message: format!("read error in header (truncated stream?): {e}"),
                    });
                    return out;
                }
            }
        }
        if !header_ok {
            continue;
        }
        let Some(len) = head.content_length else {
            out.problems.push(InputProblem {
                file: rec_name(&head),
                message: "record without a valid Content-Length; skipped".into(),
            });
            continue;
        };
        // Only records that can hold a document are read into memory; the
        // others are passed over (still decompressed: a gzip member cannot be
        // skipped without inflating it).
        let doc_name = if head.record_id.is_empty() {
            format!("{name}#{record_no}")
        } else {
            format!(
                "{name}#{}",
                head.record_id.trim_matches(|c| c == '<' || c == '>')
            )
        };
        let mut body = (&mut r).take(len);
        let res = read_record(doc_name, &head, &mut body, opts)
            .and_then(|b| std::io::copy(&mut body, &mut std::io::sink()).map(|_| b));
        match res {
            Err(e) => {
                out.problems.push(InputProblem {
                    file: rec_name(&head),
                    message: format!("read error in record body (truncated stream?): {e}"),
                });
                return out;
            }
            Ok(_) if body.limit() > 0 => {
                out.problems.push(InputProblem {
                    file: rec_name(&head),
                    message: format!(
                        "truncated record ({} of {len} bytes); skipped",
                        len - body.limit()
                    ),
                });
                return out;
            }
            Ok(Record::Doc(doc)) => out.docs.push(doc),
            Ok(Record::Skipped) => out.skipped += 1,
            Ok(Record::TooBig(n)) => out.problems.push(InputProblem {
                file: rec_name(&head),
                message: format!(
                    "record payload of {n} bytes exceeds the {}-byte limit; skipped",
                    opts.max_record_bytes
                ),
            }),
        }
    }
}

/// What one WARC record gave.
enum Record {
    Doc(RawDoc),
    /// Not a document (request, metadata, image, error page, …).
    Skipped,
    /// A document payload over `max_record_bytes` (its length).
    TooBig(u64),
}

/// Reads the body of one record (at most its Content-Length: `body` is
/// limited to it). The payload of a kept record is read straight into its
/// own buffer (its exact size is known), without copying it again; the
/// HTTP header block of `application/http` records is parsed line by line
/// first, so non-2xx and non-HTML/non-text payloads are never stored.
fn read_record<R: BufRead>(
    doc_name: String,
    head: &WarcHead,
    body: &mut std::io::Take<R>,
    opts: &ReadOptions,
) -> std::io::Result<Record> {
    let (format, charset) = match head.warc_type.as_str() {
        "response" | "resource" if head.content_type.starts_with("application/http") => {
            let Some(http) = read_http_head(body)? else {
                return Ok(Record::Skipped);
            };
            if !(200..300).contains(&http.status) {
                return Ok(Record::Skipped);
            }
            let Some(format) = payload_format(&http.mime) else {
                return Ok(Record::Skipped);
            };
            (format, http.charset)
        }
        "response" | "resource" | "conversion" => {
            let (mime, charset) = media_type(&head.content_type);
            let Some(format) = payload_format(&mime) else {
                return Ok(Record::Skipped);
            };
            (format, charset)
        }
        _ => return Ok(Record::Skipped),
    };
    let payload_len = body.limit();
    if payload_len > opts.max_record_bytes {
        return Ok(Record::TooBig(payload_len));
    }
    let mut bytes = Vec::with_capacity(payload_len as usize);
    body.read_to_end(&mut bytes)?;
    if bytes.iter().all(|b| b.is_ascii_whitespace()) {
        return Ok(Record::Skipped);
    }
    Ok(Record::Doc(RawDoc {
        name: doc_name,
        bytes,
        format,
        url: head.target_uri.clone(),
        fetched: head.date.clone(),
        charset,
    }))
}

/// The parts of an HTTP response header block used here.
struct HttpHead {
    status: u16,
    mime: String,
    charset: Option<String>,
}

/// Reads an HTTP response header block up to its blank line (CRLF or LF);
/// `None` when the block never ends (no payload) or exceeds 1 MiB.
fn read_http_head<R: BufRead>(r: &mut R) -> std::io::Result<Option<HttpHead>> {
    let mut line = Vec::with_capacity(256);
    let mut total = 0usize;
    let mut head = HttpHead {
        status: 200,
        mime: String::new(),
        charset: None,
    };
    let mut first = true;
    loop {
        line.clear();
        let n = read_line_capped(r, &mut line, 1 << 16)?;
        total += n;
        if n == 0 || total > 1 << 20 {
            return Ok(None);
        }
        let t = trim_eol(&line);
        if t.is_empty() {
            return Ok(Some(head));
        }
        if std::mem::take(&mut first) {
            // "HTTP/1.1 200 OK"
            if let Some(code) = t
                .split(|b| b.is_ascii_whitespace())
                .filter(|w| !w.is_empty())
                .nth(1)
            {
                if let Some(c) = std::str::from_utf8(code).ok().and_then(|c| c.parse().ok()) {
                    head.status = c;
                }
            }
            continue;
        }
        if let Some((k, v)) = split_field(t) {
            if k.eq_ignore_ascii_case(b"content-type") {
                let (m, c) = media_type(&String::from_utf8_lossy(v));
                head.mime = m;
                head.charset = c;
            }
        }
    }
}

/// `Name: value` → (name, value), both trimmed of ASCII whitespace.
fn split_field(t: &[u8]) -> Option<(&[u8], &[u8])> {
    let colon = t.iter().position(|&b| b == b':')?;
    Some((t[..colon].trim_ascii(), t[colon + 1..].trim_ascii()))
}

fn read_line_capped<R: BufRead>(r: &mut R, buf: &mut Vec<u8>, cap: u64) -> std::io::Result<usize> {
    r.by_ref().take(cap).read_until(b'\n', buf)
}

fn trim_eol(l: &[u8]) -> &[u8] {
    let mut e = l.len();
    while e > 0 && (l[e - 1] == b'\n' || l[e - 1] == b'\r') {
        e -= 1;
    }
    &l[..e]
}

fn parse_warc_field(t: &[u8], head: &mut WarcHead) {
    let Some((key, val)) = split_field(t) else {
        return;
    };
    let text = || String::from_utf8_lossy(val).into_owned();
    if key.eq_ignore_ascii_case(b"warc-type") {
        head.warc_type = text().to_ascii_lowercase();
    } else if key.eq_ignore_ascii_case(b"warc-record-id") {
        head.record_id = text();
    } else if key.eq_ignore_ascii_case(b"warc-target-uri") {
        head.target_uri = Some(text().trim_matches(|c| c == '<' || c == '>').to_string());
    } else if key.eq_ignore_ascii_case(b"warc-date") {
        head.date = Some(text());
    } else if key.eq_ignore_ascii_case(b"content-type") {
        head.content_type = text().to_ascii_lowercase();
    } else if key.eq_ignore_ascii_case(b"content-length") {
        head.content_length = std::str::from_utf8(val).ok().and_then(|v| v.parse().ok());
    }
}

/// The media type and charset parameter of a Content-Type value.
fn media_type(ct: &str) -> (String, Option<String>) {
    let mut parts = ct.split(';');
    let mime = parts.next().unwrap_or("").trim().to_ascii_lowercase();
    let charset = parts.find_map(|p| {
        let p = p.trim();
        let (k, v) = p.split_once('=')?;
        (k.trim().eq_ignore_ascii_case("charset"))
            .then(|| v.trim().trim_matches('"').to_ascii_lowercase())
    });
    (mime, charset)
}

fn payload_format(mime: &str) -> Option<Format> {
    if mime.contains("html") {
        Some(Format::WarcHtml)
    } else if mime.is_empty() || mime.starts_with("text/plain") || mime == "text/markdown" {
        Some(Format::WarcText)
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn warc_record(kind: &str, uri: &str, ct: &str, body: &[u8]) -> Vec<u8> {
        let mut v = format!(
            "WARC/1.1\r\nWARC-Type: {kind}\r\nWARC-Record-ID: <urn:uuid:{uri}>\r\nWARC-Target-URI: {uri}\r\nWARC-Date: 2020-01-02T03:04:05Z\r\nContent-Type: {ct}\r\nContent-Length: {}\r\n\r\n",
            body.len()
        )
        .into_bytes();
        v.extend_from_slice(body);
        v.extend_from_slice(b"\r\n\r\n");
        v
    }

    fn http(ct: &str, body: &str) -> Vec<u8> {
        format!("HTTP/1.1 200 OK\r\nContent-Type: {ct}\r\n\r\n{body}").into_bytes()
    }

    #[test]
    fn reads_warc_records_and_skips_others() {
        let mut w = warc_record(
            "warcinfo",
            "x",
            "application/warc-fields",
            b"software: x\r\n",
        );
        w.extend(warc_record(
            "response",
            "http://a/",
            "application/http; msgtype=response",
            &http("text/html; charset=iso-8859-1", "<p>Hello</p>"),
        ));
        w.extend(warc_record(
            "response",
            "http://b/img",
            "application/http; msgtype=response",
            &http("image/png", "\u{1}PNG"),
        ));
        w.extend(warc_record(
            "conversion",
            "http://c/",
            "text/plain",
            b"Plain words.",
        ));
        let out = read_bytes("x.warc", w);
        assert_eq!(out.docs.len(), 2, "{:?}", out.problems);
        assert_eq!(out.docs[0].bytes, b"<p>Hello</p>");
        assert_eq!(out.docs[0].url.as_deref(), Some("http://a/"));
        assert_eq!(out.docs[0].charset.as_deref(), Some("iso-8859-1"));
        assert_eq!(out.docs[0].fetched.as_deref(), Some("2020-01-02T03:04:05Z"));
        assert_eq!(out.docs[0].format, Format::WarcHtml);
        assert_eq!(out.docs[1].format, Format::WarcText);
        assert_eq!(out.skipped, 2);
        assert!(out.problems.is_empty());
    }

    #[test]
    fn corrupt_record_is_reported_and_next_is_kept() {
        let mut w = warc_record("conversion", "http://a/", "text/plain", b"First.");
        // A record whose Content-Length lies (too short) leaves junk behind.
        let mut bad = warc_record("conversion", "http://b/", "text/plain", b"Second record.");
        let s = String::from_utf8(bad.clone())
            .unwrap()
            .replace("Content-Length: 14", "Content-Length: x");
        bad = s.into_bytes();
        w.extend(bad);
        w.extend(warc_record(
            "conversion",
            "http://c/",
            "text/plain",
            b"Third.",
        ));
        let out = read_bytes("x.wet", w);
        let urls: Vec<_> = out.docs.iter().filter_map(|d| d.url.clone()).collect();
        assert_eq!(urls, vec!["http://a/", "http://c/"]);
        assert!(!out.problems.is_empty());
        assert!(
            out.problems[0].file.starts_with("x.wet#2"),
            "{:?}",
            out.problems
        );
    }

    fn gz(data: &[u8]) -> Vec<u8> {
        use std::io::Write;
        let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
        e.write_all(data).unwrap();
        e.finish().unwrap()
    }

    #[test]
    fn multi_member_gzip_and_truncation() {
        let mut all = Vec::new();
        let mut last_len = 0;
        for i in 0..3 {
            let before = all.len();
            all.extend(gz(&warc_record(
                "conversion",
                &format!("http://{i}/"),
                "text/plain",
                format!("Record {i}.").as_bytes(),
            )));
            last_len = all.len() - before;
        }
        let out = read_bytes("a.warc.gz", all.clone());
        assert_eq!(out.docs.len(), 3);
        // Cut inside the third member: the first two survive, one problem.
        let cut = all.len() - last_len / 2;
        let out = read_bytes("a.warc.gz", all[..cut].to_vec());
        assert_eq!(out.docs.len(), 2, "{:?}", out.problems);
        assert_eq!(out.problems.len(), 1);
        assert!(out.problems[0].file.contains("a.warc.gz#3"));
    }

    #[test]
    fn bomb_cap_skips_big_record() {
        let big = vec![b'a'; 10_000];
        let mut w = warc_record("conversion", "http://big/", "text/plain", &big);
        w.extend(warc_record(
            "conversion",
            "http://small/",
            "text/plain",
            b"ok",
        ));
        let opts = ReadOptions {
            max_record_bytes: 1000,
            ..Default::default()
        };
        let out = read_bytes_with("b.warc.gz", gz(&w), &opts);
        assert_eq!(out.docs.len(), 1);
        assert_eq!(out.docs[0].url.as_deref(), Some("http://small/"));
        assert!(out.problems[0].message.contains("limit"));
    }

    #[test]
    fn http_header_variants() {
        // LF-only header block; a body that itself holds a blank CRLF line;
        // a 404; a header block that never ends; a huge image that is passed
        // over without being stored (no limit problem: it is not a document).
        let mut w = warc_record(
            "response",
            "http://lf/",
            "application/http",
            b"HTTP/1.0 200 OK\nContent-Type: text/plain\n\nLine one.\r\n\r\nLine two.",
        );
        w.extend(warc_record(
            "response",
            "http://404/",
            "application/http",
            b"HTTP/1.1 404 Not Found\r\nContent-Type: text/html\r\n\r\n<p>Not found</p>",
        ));
        w.extend(warc_record(
            "response",
            "http://nohead/",
            "application/http",
            b"HTTP/1.1 200 OK\r\nContent-Type: text/html",
        ));
        let mut img = b"HTTP/1.1 200 OK\r\nContent-Type: image/jpeg\r\n\r\n".to_vec();
        img.extend(vec![0xffu8; 5000]);
        w.extend(warc_record(
            "response",
            "http://img/",
            "application/http",
            &img,
        ));
        w.extend(warc_record(
            "resource",
            "http://res/",
            "text/html; charset=windows-1252",
            b"<p>Caf\xe9</p>",
        ));
        let opts = ReadOptions {
            max_record_bytes: 1000,
            ..Default::default()
        };
        let out = read_bytes_with("h.warc", w, &opts);
        assert!(out.problems.is_empty(), "{:?}", out.problems);
        assert_eq!(out.skipped, 3);
        assert_eq!(out.docs.len(), 2);
        assert_eq!(out.docs[0].bytes, b"Line one.\r\n\r\nLine two.");
        assert_eq!(out.docs[0].format, Format::WarcText);
        assert_eq!(out.docs[1].charset.as_deref(), Some("windows-1252"));
        assert_eq!(out.docs[1].name, "h.warc#urn:uuid:http://res/");
    }

    #[test]
    fn oversized_payload_is_reported_and_reading_goes_on() {
        let body = http("text/html", &"x".repeat(3000));
        let mut w = warc_record("response", "http://big/", "application/http", &body);
        w.extend(warc_record(
            "conversion",
            "http://ok/",
            "text/plain",
            b"Fine.",
        ));
        let opts = ReadOptions {
            max_record_bytes: 1000,
            ..Default::default()
        };
        let out = read_bytes_with("o.warc.gz", gz(&w), &opts);
        assert_eq!(out.docs.len(), 1);
        assert_eq!(out.docs[0].url.as_deref(), Some("http://ok/"));
        assert_eq!(out.problems.len(), 1);
        assert!(out.problems[0].file.starts_with("o.warc.gz#1"));
        assert!(out.problems[0].message.contains("exceeds"));
    }

    #[test]
    fn truncated_plain_warc_names_the_record() {
        let mut w = warc_record("conversion", "http://a/", "text/plain", b"First record.");
        w.extend(warc_record(
            "conversion",
            "http://b/",
            "text/plain",
            b"Second record, cut.",
        ));
        w.truncate(w.len() - 10);
        let out = read_bytes("t.warc", w);
        assert_eq!(out.docs.len(), 1);
        assert_eq!(out.problems.len(), 1);
        assert!(out.problems[0].file.starts_with("t.warc#2"));
        assert!(out.problems[0].message.contains("truncated"));
    }

    #[test]
    fn garbage_never_panics() {
        for input in [
            &b""[..],
            b"WARC/1.0\r\n",
            b"WARC/1.0\r\nContent-Length: 99999999999\r\n\r\nabc",
            b"\x1f\x8b\x08\x00garbage",
            b"WARC/1.0\r\nWARC-Type: response\r\nContent-Type: application/http\r\nContent-Length: 3\r\n\r\nabc",
            &[0xff; 300],
        ] {
            let _ = read_bytes("g.warc", input.to_vec());
            let _ = read_bytes("-", input.to_vec());
            let _ = read_bytes("g.warc.gz", input.to_vec());
        }
    }

    #[test]
    fn empty_inputs_are_reported() {
        let out = read_bytes("-", Vec::new());
        assert!(out.docs.is_empty());
        assert_eq!(out.problems[0].file, "-");
        let dir = std::env::temp_dir().join(format!("annalist-ingest-{}", std::process::id()));
        let _ = std::fs::create_dir_all(&dir);
        let p = dir.join("empty.txt");
        let _ = std::fs::write(&p, b"");
        let out = read_path(&p, &dir);
        assert!(out.docs.is_empty());
        assert_eq!(out.problems[0].file, "empty.txt");
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn sniffs_stdin() {
        let out = read_bytes("-", b"<!DOCTYPE html><p>x</p>".to_vec());
        assert_eq!(out.docs[0].format, Format::Html);
        let out = read_bytes("-", b"Just text.".to_vec());
        assert_eq!(out.docs[0].format, Format::Text);
    }
}
