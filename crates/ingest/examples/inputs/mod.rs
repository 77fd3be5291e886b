//! Inputs shared by the speed example, the digest example and the criterion
//! bench (`#[path]`-included by each): the corpus texts and the
//! article-extraction benchmark pages from ../shared, and WARC.gz files built
//! from them in memory (one gzip member per record, as crawls are).
#![allow(dead_code)] // each user takes what it needs

use std::io::{Read, Write};
use std::path::PathBuf;

pub const SHARED: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared");

/// (path, bytes) of the 13 gold corpus documents (seeds, kirov, rasputin), sorted.
pub fn corpus_texts() -> Vec<(PathBuf, Vec<u8>)> {
    let mut out = Vec::new();
    for topic in ["seeds", "kirov", "rasputin"] {
        let Ok(rd) = std::fs::read_dir(format!("{SHARED}/corpus/{topic}")) else {
            continue;
        };
        let mut paths: Vec<_> = rd.filter_map(|e| e.ok().map(|e| e.path())).collect();
        paths.sort();
        for p in paths {
            if let Ok(b) = std::fs::read(&p) {
                out.push((p, b));
            }
        }
    }
    out
}

/// The texts repeated (blank line between) until at least 1 MiB.
pub fn big_text(texts: &[Vec<u8>]) -> Vec<u8> {
    let mut big = Vec::new();
    while !texts.is_empty() && big.len() < 1 << 20 {
        for t in texts {
            big.extend_from_slice(t);
            big.extend_from_slice(b"\n\n");
        }
    }
    big
}

/// (path, decompressed HTML) of the first `n` benchmark pages, sorted.
pub fn html_pages(n: usize) -> Vec<(PathBuf, Vec<u8>)> {
    let dir = format!("{SHARED}/data/article-extraction-benchmark/html");
    let Ok(rd) = std::fs::read_dir(&dir) else {
        return Vec::new();
    };
    let mut paths: Vec<_> = rd.filter_map(|e| e.ok().map(|e| e.path())).collect();
    paths.sort();
    paths
        .into_iter()
        .take(n)
        .filter_map(|p| {
            let mut v = Vec::new();
            flate2::read::GzDecoder::new(std::fs::File::open(&p).ok()?)
                .read_to_end(&mut v)
                .ok()?;
            Some((p, v))
        })
        .collect()
}

/// One WARC `response` record (record id `urn:uuid:{i}`) holding an HTTP
/// response with `status` line and `content_type`, as one gzip member.
pub fn warc_gz_member(i: usize, status: &str, content_type: &str, payload: &[u8]) -> Vec<u8> {
    let mut http =
        format!("HTTP/1.1 {status}\r\nContent-Type: {content_type}\r\n\r\n").into_bytes();
    http.extend_from_slice(payload);
    let mut rec = format!(
        "WARC/1.1\r\nWARC-Type: response\r\nWARC-Record-ID: <urn:uuid:{i}>\r\nWARC-Target-URI: http://example.org/{i}\r\nWARC-Date: 2020-01-01T00:00:00Z\r\nContent-Type: application/http; msgtype=response\r\nContent-Length: {}\r\n\r\n",
        http.len()
    )
    .into_bytes();
    rec.extend(http);
    rec.extend_from_slice(b"\r\n\r\n");
    let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    let _ = e.write_all(&rec);
    e.finish().unwrap_or_default()
}

/// A WARC.gz of 200 OK HTML responses, one per page.
pub fn warc_gz(pages: &[Vec<u8>]) -> Vec<u8> {
    let mut out = Vec::new();
    for (i, p) in pages.iter().enumerate() {
        out.extend(warc_gz_member(i, "200 OK", "text/html; charset=utf-8", p));
    }
    out
}
