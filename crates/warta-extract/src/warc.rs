//! WARC 1.0/1.1 archives (Common Crawl's CC-NEWS among them): each HTML response record
//! is an article. A damaged record is reported and the reader moves on to the next
//! `WARC/` header, so one bad record costs only itself.

use std::io::Read;

use serde_json::Value;

use crate::decode::{decode_text, html_declared_charset};
use crate::record::{push_article, Body, Hints, Input, Record};
use crate::{Outcome, Problem};

const RECORD_START: &[u8] = b"WARC/";

pub(crate) fn split(input: &Input<'_>, data: &[u8], outcome: &mut Outcome) {
    let mut pos = 0;
    let mut number = 0;
    while pos < data.len() {
        while pos < data.len() && data[pos].is_ascii_whitespace() {
            pos += 1;
        }
        if pos >= data.len() {
            break;
        }
        if !data[pos..].starts_with(RECORD_START) {
            // Not a record: report the stretch and go on at the next header, without
            // counting it as a record so later records keep their numbers.
            outcome.problems.push(Problem::error(
                Some(format!("byte {pos}")),
                "expected a WARC record header here",
                "the archive is damaged at this point; records after it are still read",
            ));
            match next_header(data, pos + 1) {
                Some(next) => {
                    pos = next;
                    continue;
                }
                None => break,
            }
        }
        number += 1;
        let locator = format!("record {number} (byte {pos})");
        let Some((header_end, body_start)) = header_end(data, pos) else {
            outcome.problems.push(Problem::error(Some(locator), "the record header never ends", "the archive is truncated; download it again for the rest"));
            break;
        };
        let headers = parse_headers(&data[pos..header_end]);
        let Some(length) = header(&headers, "content-length").and_then(|v| v.trim().parse::<usize>().ok()) else {
            outcome.problems.push(Problem::error(Some(locator), "the record has no valid Content-Length", "the archive is damaged here; records after it are still read"));
            match next_header(data, body_start) {
                Some(next) => {
                    pos = next;
                    continue;
                }
                None => break,
            }
        };
        let end = body_start.saturating_add(length);
        // Where the next record starts: right after this block when the archive is sound;
        // otherwise the first header after this one's, which tells a length that is too
        // long (the header lies inside the announced block) from one too short.
        let next = if followed_by_record_or_end(data, end) {
            (end < data.len()).then(|| end + skip_whitespace(&data[end..]))
        } else {
            next_header(data, body_start)
        };
        // The next header must follow the block: a length that runs past it, or past the
        // end of the file, marks this record as damaged.
        let overruns = match next {
            Some(next) => end > next,
            None => end > data.len(),
        };
        let next = next.filter(|n| *n < data.len());
        if overruns {
            let present = next.unwrap_or(data.len()) - body_start;
            let (hint, resume) = match next {
                Some(next) => ("this record is skipped; the records after it are still read", Some(next)),
                None => ("the archive is truncated; download it again for the rest", None),
            };
            outcome.problems.push(Problem::error(
                Some(locator),
                format!("the record is cut off: {length} bytes announced, {present} present"),
                hint,
            ));
            match resume {
                Some(next) => {
                    pos = next;
                    continue;
                }
                None => break,
            }
        }
        let gap_end = next.unwrap_or(data.len());
        let gap = &data[end..gap_end];
        if !gap.iter().all(u8::is_ascii_whitespace) {
            outcome.problems.push(if next.is_some() {
                Problem::warning(
                    Some(locator.clone()),
                    format!("{} bytes after this record belong to no record: its Content-Length may be too short and its content cut", gap.len()),
                    "the record was read as announced; check the archive's source if the article looks incomplete",
                )
            } else {
                Problem::error(
                    Some(format!("byte {end}")),
                    format!("the archive ends with {} bytes that are not a whole record", gap.len()),
                    "the archive is truncated; download it again for the rest",
                )
            });
        }
        let record_type = header(&headers, "warc-type").unwrap_or_default().to_ascii_lowercase();
        let content_type = header(&headers, "content-type").unwrap_or_default().to_ascii_lowercase();
        let block = &data[body_start..end];
        let page = match record_type.as_str() {
            "response" if content_type.contains("application/http") => http_html_body(block),
            "resource" if content_type.contains("html") => Some((block.to_vec(), None)),
            _ => None,
        };
        match page {
            Some((body, charset)) => {
                let declared = charset.or_else(|| html_declared_charset(&body));
                let decoded = decode_text(&body, declared.as_deref());
                let mut extra = serde_json::Map::new();
                if let Some(date) = header(&headers, "warc-date") {
                    extra.insert("crawled".into(), Value::String(date.trim().to_string()));
                }
                if let Some(id) = header(&headers, "warc-record-id") {
                    extra.insert("warc_record_id".into(), Value::String(id.trim().to_string()));
                }
                let hints = Hints {
                    url: header(&headers, "warc-target-uri").map(|u| u.trim().trim_matches(['<', '>']).to_string()),
                    extra,
                    ..Hints::default()
                };
                let record = Record {
                    locator: Some(locator),
                    raw: data[pos..end].to_vec(),
                    encoding: decoded.encoding,
                    body: Body::Html(decoded.text),
                    hints,
                    warnings: decoded.warning.into_iter().collect(),
                };
                push_article(input, record, outcome);
            }
            None => outcome.skipped += 1,
        }
        pos = gap_end;
    }
}

/// Start of the next `WARC/` header line at or after `from`.
fn next_header(data: &[u8], from: usize) -> Option<usize> {
    find(data, from, b"\nWARC/").map(|at| at + 1)
}

/// True when only whitespace separates `end` from the next `WARC/` header or the end
/// of the data, as in a sound archive.
fn followed_by_record_or_end(data: &[u8], end: usize) -> bool {
    let Some(rest) = data.get(end..) else { return false };
    let rest = &rest[skip_whitespace(rest)..];
    rest.is_empty() || rest.starts_with(RECORD_START)
}

fn skip_whitespace(bytes: &[u8]) -> usize {
    bytes.iter().take_while(|b| b.is_ascii_whitespace()).count()
}

fn find(data: &[u8], from: usize, needle: &[u8]) -> Option<usize> {
    data.get(from..)?.windows(needle.len()).position(|w| w == needle).map(|p| p + from)
}

/// End of a header block (before the blank line) and start of what follows it.
fn header_end(data: &[u8], from: usize) -> Option<(usize, usize)> {
    let crlf = find(data, from, b"\r\n\r\n").map(|at| (at, at + 4));
    let lf = find(data, from, b"\n\n").map(|at| (at, at + 2));
    match (crlf, lf) {
        (Some(a), Some(b)) => Some(if a.0 <= b.0 { a } else { b }),
        (a, b) => a.or(b),
    }
}

fn parse_headers(block: &[u8]) -> Vec<(String, String)> {
    String::from_utf8_lossy(block)
        .lines()
        .skip(1)
        .filter_map(|line| {
            let (name, value) = line.split_once(':')?;
            Some((name.trim().to_ascii_lowercase(), value.trim().to_string()))
        })
        .collect()
}

fn header<'a>(headers: &'a [(String, String)], name: &str) -> Option<&'a str> {
    headers.iter().find(|(n, _)| n == name).map(|(_, v)| v.as_str())
}

/// The body of an HTTP response when it is an HTML page, and its declared charset.
fn http_html_body(block: &[u8]) -> Option<(Vec<u8>, Option<String>)> {
    let (head_end, body_start) = header_end(block, 0)?;
    let head = String::from_utf8_lossy(&block[..head_end]).to_string();
    let status_ok = head.lines().next().is_some_and(|l| l.split_whitespace().nth(1).is_some_and(|s| s.starts_with('2')));
    let headers: Vec<(String, String)> = head
        .lines()
        .skip(1)
        .filter_map(|l| l.split_once(':').map(|(n, v)| (n.trim().to_ascii_lowercase(), v.trim().to_string())))
        .collect();
    let content_type = header(&headers, "content-type").unwrap_or("text/html").to_ascii_lowercase();
    if !status_ok || !(content_type.contains("html")) {
        return None;
    }
    let charset = content_type.split("charset=").nth(1).map(|c| c.trim_matches(['"', '\'', ' ', ';']).to_string());
    let mut body = block[body_start..].to_vec();
    if header(&headers, "transfer-encoding").is_some_and(|v| v.eq_ignore_ascii_case("chunked")) {
        body = dechunk(&body).unwrap_or(body);
    }
    if header(&headers, "content-encoding").is_some_and(|v| v.eq_ignore_ascii_case("gzip")) {
        let mut plain = Vec::new();
        if flate2::read::MultiGzDecoder::new(&body[..]).read_to_end(&mut plain).is_ok() {
            body = plain;
        }
    }
    Some((body, charset))
}

/// Undoes HTTP chunked transfer coding, or gives `None` when the body is not chunked.
fn dechunk(body: &[u8]) -> Option<Vec<u8>> {
    let mut out = Vec::new();
    let mut pos = 0;
    loop {
        let line_end = find(body, pos, b"\r\n")?;
        let size_text = String::from_utf8_lossy(&body[pos..line_end]);
        let size = usize::from_str_radix(size_text.split(';').next()?.trim(), 16).ok()?;
        pos = line_end + 2;
        if size == 0 {
            return Some(out);
        }
        out.extend_from_slice(body.get(pos..pos.checked_add(size)?)?);
        pos += size + 2;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dechunks_http_bodies() {
        assert_eq!(dechunk(b"5\r\nhello\r\n6\r\n world\r\n0\r\n\r\n").unwrap(), b"hello world");
        assert!(dechunk(b"<html>not chunked").is_none());
    }
}
