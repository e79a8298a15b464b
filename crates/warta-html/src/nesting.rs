//! How deep a page nests its elements, found by a scan that costs one pass over the
//! bytes. html5ever's tree builder takes time quadratic in the depth of open elements
//! (100,000 nested `<div>`s: minutes), so pages deeper than any real one are refused
//! before parsing.

/// Deepest nesting accepted. Browsers stop nesting at 512; pages with unclosed tags
/// legitimately go somewhat past what a scan counts, and html5ever parses 5,000 levels
/// in about half a second.
pub const MAX_NESTING: usize = 5000;

/// Elements that never hold others, or whose end tag browsers infer when a sibling
/// starts: neither deepens the tree.
const FLAT: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source", "track", "wbr",
    "p", "li", "dt", "dd", "option", "optgroup", "tr", "td", "th", "thead", "tbody", "tfoot", "colgroup", "caption", "rt", "rp",
];

/// The deepest nesting of elements the page reaches, approximately: tags are counted
/// as written, skipping comments and the contents of `<script>` and `<style>`.
pub fn nesting_depth(html: &str) -> usize {
    let bytes = html.as_bytes();
    let (mut depth, mut deepest, mut i) = (0usize, 0usize, 0usize);
    while let Some(offset) = bytes[i..].iter().position(|&b| b == b'<') {
        let at = i + offset;
        i = at + 1;
        match bytes.get(at + 1) {
            Some(b'!') => {
                if bytes[at..].starts_with(b"<!--") {
                    i = find(bytes, at + 4, b"-->").map_or(bytes.len(), |e| e + 3);
                }
            }
            Some(b'/') => depth = depth.saturating_sub(usize::from(bytes.get(at + 2).is_some_and(u8::is_ascii_alphabetic))),
            Some(b) if b.is_ascii_alphabetic() => {
                let name_len = bytes[at + 1..].iter().take_while(|b| b.is_ascii_alphanumeric()).count();
                let name = &bytes[at + 1..at + 1 + name_len];
                let tag_end = bytes[at..].iter().position(|&b| b == b'>').map_or(bytes.len(), |e| at + e);
                let self_closing = tag_end > 0 && bytes.get(tag_end - 1) == Some(&b'/');
                if name.eq_ignore_ascii_case(b"script") || name.eq_ignore_ascii_case(b"style") {
                    i = end_tag(bytes, tag_end, name).unwrap_or(bytes.len());
                } else if !self_closing && !FLAT.iter().any(|flat| name.eq_ignore_ascii_case(flat.as_bytes())) {
                    depth += 1;
                    deepest = deepest.max(depth);
                }
            }
            _ => {}
        }
    }
    deepest
}

fn find(bytes: &[u8], from: usize, needle: &[u8]) -> Option<usize> {
    bytes.get(from..)?.windows(needle.len()).position(|w| w == needle).map(|p| p + from)
}

/// Where `</name` next starts at or after `from`, ignoring case.
fn end_tag(bytes: &[u8], from: usize, name: &[u8]) -> Option<usize> {
    let mut i = from;
    loop {
        let at = i + bytes.get(i..)?.iter().position(|&b| b == b'<')?;
        let after = bytes.get(at + 2..at + 2 + name.len());
        if bytes.get(at + 1) == Some(&b'/') && after.is_some_and(|n| n.eq_ignore_ascii_case(name)) {
            return Some(at);
        }
        i = at + 1;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_open_elements_not_paragraphs_or_scripts() {
        assert_eq!(nesting_depth("<html><body><div><div><p>a<p>b</div></div></body></html>"), 4);
        assert_eq!(nesting_depth("<div><br><img src=x/><!-- <div><div> --></div>"), 1);
        assert_eq!(nesting_depth("<script>if (a<b && c<d) {}</script><div></div>"), 1);
        assert_eq!(nesting_depth(&"<div>".repeat(5000)), 5000);
        assert_eq!(nesting_depth(""), 0);
        assert_eq!(nesting_depth("<"), 0);
    }
}
