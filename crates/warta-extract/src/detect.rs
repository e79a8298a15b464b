//! Recognising the input format from the content, whatever the file is called.

use warta_model::Format;

use crate::Problem;

/// How much of the start of a file is looked at to recognise it.
const SNIFF_BYTES: usize = 8192;

/// Names the format of decompressed `data`, or explains why it cannot be ingested.
pub fn detect_format(data: &[u8]) -> Result<Format, Problem> {
    let head = &data[..data.len().min(SNIFF_BYTES)];
    if head.starts_with(b"WARC/") {
        return Ok(Format::Warc);
    }
    if looks_binary(head) {
        return Err(Problem::error(
            None,
            "this is a binary file, not text, HTML, JSON, a feed or WARC",
            "convert it to one of those formats (for PDF or Word files, save the article as text or HTML first)",
        ));
    }
    let text = String::from_utf8_lossy(head);
    let trimmed = text.trim_start_matches('\u{feff}').trim_start();
    // A whole-file JSON value is one document, whatever it starts with (a bare string or
    // number is reported as "not an object" rather than stored as text).
    let whole = std::str::from_utf8(data).ok().map(|w| w.trim_start_matches('\u{feff}').trim());
    if whole.is_some_and(|w| serde_json::from_str::<serde::de::IgnoredAny>(w).is_ok()) {
        return Ok(Format::Json);
    }
    if trimmed.starts_with('[') {
        return Ok(Format::Json);
    }
    // JSON Lines: most lines are objects, even when the first one is damaged.
    if trimmed.starts_with('{') || mostly_object_lines(&text) {
        return Ok(Format::Jsonl);
    }
    if trimmed.starts_with('<') {
        let lower = trimmed.to_ascii_lowercase();
        let first_element = first_element_name(&lower);
        return Ok(match first_element.as_deref() {
            Some("rss") | Some("rdf:rdf") => Format::Rss,
            Some("feed") => Format::Atom,
            _ => Format::Html,
        });
    }
    if looks_like_html(&text.to_ascii_lowercase()) {
        return Ok(Format::Html);
    }
    Ok(Format::Text)
}

/// The first element that is not a declaration, comment or processing instruction.
fn first_element_name(lower: &str) -> Option<String> {
    let mut rest = lower;
    loop {
        let at = rest.find('<')?;
        rest = &rest[at + 1..];
        if rest.starts_with('?') || rest.starts_with('!') {
            if let Some(after_comment) = rest.strip_prefix("!--") {
                rest = &after_comment[after_comment.find("-->")? + 3..];
            }
            continue;
        }
        let name: String = rest
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || matches!(c, ':' | '-' | '_'))
            .collect();
        return (!name.is_empty()).then_some(name);
    }
}

/// Text pasted with a few tags still in it is text; a page with structure is HTML.
fn looks_like_html(lower: &str) -> bool {
    ["<html", "<!doctype html", "<head>", "<body"].iter().any(|m| lower.contains(m))
}

fn mostly_object_lines(text: &str) -> bool {
    let lines: Vec<&str> = text.lines().map(str::trim).filter(|l| !l.is_empty()).take(50).collect();
    let objects = lines.iter().filter(|l| l.starts_with('{')).count();
    lines.len() >= 2 && objects * 2 > lines.len()
}

/// Many NUL bytes or control characters mean the file is not text in any charset warta
/// reads. A stray NUL in one damaged line does not: that line is reported, the rest read.
fn looks_binary(head: &[u8]) -> bool {
    // UTF-16 text is full of NULs too, but starts with a byte-order mark.
    if head.starts_with(&[0xff, 0xfe]) || head.starts_with(&[0xfe, 0xff]) {
        return false;
    }
    let control = head
        .iter()
        .filter(|&&b| b < 0x20 && !matches!(b, b'\n' | b'\r' | b'\t' | 0x0c))
        .count();
    let nul = head.iter().filter(|&&b| b == 0).count();
    nul * 100 > head.len() || control * 20 > head.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recognises_each_format_from_content() {
        assert_eq!(detect_format(b"WARC/1.0\r\n").unwrap(), Format::Warc);
        assert_eq!(detect_format(b"<?xml version=\"1.0\"?>\n<rss version=\"2.0\">").unwrap(), Format::Rss);
        assert_eq!(detect_format(b"<?xml version=\"1.0\"?><!-- x --><feed xmlns=\"http://www.w3.org/2005/Atom\">").unwrap(), Format::Atom);
        assert_eq!(detect_format(b"<!DOCTYPE html><html><body><p>x</p>").unwrap(), Format::Html);
        assert_eq!(detect_format(b"  <div><p>fragment</p></div>").unwrap(), Format::Html);
        assert_eq!(detect_format(b"{\"title\": \"a\"}").unwrap(), Format::Json);
        assert_eq!(detect_format(b"[{\"title\": \"a\"}]").unwrap(), Format::Json);
        assert_eq!(detect_format(b"{\"title\": \"a\"}\n{\"title\": \"b\"}\n").unwrap(), Format::Jsonl);
        assert_eq!(detect_format("Judul berita\n\nIsi berita.".as_bytes()).unwrap(), Format::Text);
    }

    #[test]
    fn refuses_binary_files() {
        assert!(detect_format(b"%PDF-1.7\n\x00\x01\x02\x00\x00\x03binary").is_err());
        assert!(detect_format(&[0x7f, b'E', b'L', b'F', 2, 1, 1, 0, 0, 0]).is_err());
        let utf16 = [0xff, 0xfe, b'h', 0, b'i', 0];
        assert_eq!(detect_format(&utf16).unwrap(), Format::Text);
    }
}
