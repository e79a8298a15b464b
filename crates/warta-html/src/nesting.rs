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
    let lower_name = |from: usize| -> String {
        bytes[from..]
            .iter()
            .take_while(|b| b.is_ascii_alphanumeric())
            .map(|b| b.to_ascii_lowercase() as char)
            .collect()
    };
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
                let name = lower_name(at + 1);
                let tag_end = bytes[at..].iter().position(|&b| b == b'>').map_or(bytes.len(), |e| at + e);
                let self_closing = tag_end > 0 && bytes.get(tag_end - 1) == Some(&b'/');
                if name == "script" || name == "style" {
                    let close = format!("</{name}");
                    i = find_ignore_case(bytes, tag_end, close.as_bytes()).unwrap_or(bytes.len());
                } else if !self_closing && !FLAT.contains(&name.as_str()) {
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

fn find_ignore_case(bytes: &[u8], from: usize, needle: &[u8]) -> Option<usize> {
    bytes.get(from..)?.windows(needle.len()).position(|w| w.eq_ignore_ascii_case(needle)).map(|p| p + from)
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
