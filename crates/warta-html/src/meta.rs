//! What the page says about itself: JSON-LD, OpenGraph/Twitter/Dublin Core meta tags,
//! microdata and plain HTML (`<title>`, `<html lang>`, `<link rel=canonical>`, `<time>`).
//!
//! Sources are ranked by how deliberately publishers fill them: JSON-LD is written for search
//! engines and is usually exact, OpenGraph next, generic tags and markup last. Values are kept
//! as found (dates unparsed) so later stages can judge them against the text.

use crate::dom::{normalize_space, Dom, Kind};
use serde_json::Value;

#[derive(Default)]
pub struct Meta {
    pub title: Option<String>,
    pub authors: Vec<String>,
    pub published: Option<String>,
    pub modified: Option<String>,
    pub site_name: Option<String>,
    pub canonical_url: Option<String>,
    pub language: Option<String>,
    pub description: Option<String>,
    /// JSON-LD `articleBody`, when present: the publisher's own statement of the body text.
    pub article_body: Option<String>,
}

/// Candidates for one field, best source first: `(rank, value)` with lower rank winning.
#[derive(Default)]
struct Slot(Option<(u8, String)>);

impl Slot {
    fn offer(&mut self, rank: u8, value: &str) {
        let value = normalize_space(value);
        if value.is_empty() {
            return;
        }
        if self.0.as_ref().is_none_or(|(r, _)| rank < *r) {
            self.0 = Some((rank, value));
        }
    }
    fn take(self) -> Option<String> {
        self.0.map(|(_, v)| v)
    }
}

#[derive(Default)]
struct Slots {
    title: Slot,
    published: Slot,
    modified: Slot,
    site_name: Slot,
    canonical: Slot,
    language: Slot,
    description: Slot,
    /// Kept raw: its line breaks are the paragraph breaks.
    body: Option<String>,
    authors: Vec<(u8, String)>,
}

pub fn extract(dom: &Dom, url: Option<&str>) -> Meta {
    let mut s = Slots::default();
    let mut in_body = false;
    for (index, node) in dom.nodes.iter().enumerate() {
        let Kind::Element(e) = &node.kind else {
            continue;
        };
        let attr = |name: &str| {
            e.attrs
                .iter()
                .find(|(n, _)| n.eq_ignore_ascii_case(name))
                .map(|(_, v)| v.as_str())
        };
        match e.tag.as_str() {
            "html" => s.language.offer(0, attr("lang").unwrap_or_default()),
            "body" => in_body = true,
            "title" if !in_body => s.title.offer(3, &dom.text(index)),
            "meta" => meta_tag(&mut s, &attr),
            "link" => {
                let rel = attr("rel").unwrap_or_default().to_ascii_lowercase();
                if rel.split_whitespace().any(|r| r == "canonical") {
                    s.canonical.offer(0, attr("href").unwrap_or_default());
                }
            }
            "script" => {
                // Publishers often leave raw newlines inside strings, which strict JSON
                // refuses; outside strings they are plain whitespace, so replacing them is safe.
                let raw: String = dom
                    .text(index)
                    .chars()
                    .map(|c| if c.is_control() { ' ' } else { c })
                    .collect();
                if let Ok(json) = serde_json::from_str::<Value>(&raw) {
                    json_ld(&mut s, &json, 0);
                }
            }
            "time" if in_body => {
                let datetime = attr("datetime").unwrap_or_default();
                let rank = if attr("pubdate").is_some() { 4 } else { 6 };
                s.published.offer(rank, datetime);
            }
            _ => {}
        }
        if !e.itemprop.is_empty() {
            let value = attr("content").or(attr("datetime"));
            let text = || value.map(str::to_string).unwrap_or_else(|| dom.text(index));
            for prop in e.itemprop.split_whitespace() {
                match prop {
                    "datePublished" => s.published.offer(3, &text()),
                    "dateModified" => s.modified.offer(3, &text()),
                    "headline" => s.title.offer(2, &text()),
                    "author" | "creator" => {
                        // Microdata authors are often a Person wrapping `name` and a bio.
                        let name = itemprop_name(dom, index).unwrap_or_else(text);
                        s.authors.push((3, name));
                    }
                    _ => {}
                }
            }
        }
    }

    let canonical = s
        .canonical
        .take()
        .map(|c| absolutize(&c, url))
        .or(url.map(str::to_string));
    Meta {
        title: s.title.take(),
        authors: authors(s.authors),
        published: s.published.take(),
        modified: s.modified.take(),
        site_name: s.site_name.take(),
        canonical_url: canonical,
        language: s.language.take(),
        description: s.description.take(),
        article_body: s.body,
    }
}

fn meta_tag<'a>(s: &mut Slots, attr: &impl Fn(&str) -> Option<&'a str>) {
    let content = attr("content").unwrap_or_default();
    if let Some(equiv) = attr("http-equiv") {
        if equiv.eq_ignore_ascii_case("content-language") {
            s.language.offer(1, content);
        }
        return;
    }
    let key = attr("property")
        .or(attr("name"))
        .unwrap_or_default()
        .to_ascii_lowercase();
    match key.as_str() {
        "og:title" => s.title.offer(1, content),
        "twitter:title" => s.title.offer(2, content),
        "og:site_name" => s.site_name.offer(0, content),
        "application-name" | "twitter:site" => s.site_name.offer(3, content),
        "og:url" => s.canonical.offer(1, content),
        "og:locale" => s.language.offer(2, content),
        "dc.language" | "language" => s.language.offer(2, content),
        "description" => s.description.offer(1, content),
        "og:description" => s.description.offer(2, content),
        "twitter:description" => s.description.offer(3, content),
        "article:published_time" | "og:published_time" => s.published.offer(1, content),
        "pubdate" | "publishdate" | "publish-date" | "publish_date" | "date" | "dc.date"
        | "dc.date.issued" | "dcterms.created" | "sailthru.date" | "parsely-pub-date" => {
            s.published.offer(2, content)
        }
        "article:modified_time" | "og:updated_time" => s.modified.offer(1, content),
        "dcterms.modified" | "last-modified" | "lastmod" => s.modified.offer(2, content),
        "author" | "dc.creator" | "sailthru.author" | "parsely-author" | "byl" => {
            s.authors.push((2, content.to_string()))
        }
        // Often a profile URL rather than a name; a name is worth keeping.
        "article:author" if !content.contains("://") => s.authors.push((2, content.to_string())),
        _ => {}
    }
}

/// Object types whose fields describe the article itself rather than, say, a breadcrumb.
const ARTICLE_TYPES: &[&str] = &[
    "Article",
    "NewsArticle",
    "ReportageNews",
    "AnalysisNewsArticle",
    "OpinionNewsArticle",
    "BackgroundNewsArticle",
    "BlogPosting",
    "LiveBlogPosting",
    "Report",
    "ScholarlyArticle",
    "TechArticle",
    "SocialMediaPosting",
    "WebPage",
    "ItemPage",
    "Review",
];

fn json_ld(s: &mut Slots, value: &Value, depth: usize) {
    // Nesting deeper than a real page's JSON-LD is noise; the cap bounds the recursion.
    if depth > 8 {
        return;
    }
    match value {
        Value::Array(items) => items.iter().for_each(|v| json_ld(s, v, depth + 1)),
        Value::Object(map) => {
            if let Some(graph) = map.get("@graph") {
                json_ld(s, graph, depth + 1);
            }
            let types: Vec<&str> = match map.get("@type") {
                Some(Value::String(t)) => vec![t.as_str()],
                Some(Value::Array(ts)) => ts.iter().filter_map(Value::as_str).collect(),
                _ => Vec::new(),
            };
            let Some(kind) = types
                .iter()
                .find_map(|t| ARTICLE_TYPES.iter().position(|a| a == t))
            else {
                return;
            };
            // A WebPage is a weaker witness than the article inside it.
            let rank = if ARTICLE_TYPES[kind].ends_with("Page") {
                1
            } else {
                0
            };
            let text = |key: &str| map.get(key).and_then(Value::as_str).unwrap_or_default();
            s.title.offer(rank, text("headline"));
            s.published.offer(rank, text("datePublished"));
            s.modified.offer(rank, text("dateModified"));
            s.description.offer(rank + 1, text("description"));
            if s.body.is_none() && !text("articleBody").trim().is_empty() {
                s.body = Some(text("articleBody").to_string());
            }
            if let Some(lang) = map.get("inLanguage") {
                s.language.offer(
                    3,
                    lang.as_str()
                        .or(lang.get("name").and_then(Value::as_str))
                        .unwrap_or_default(),
                );
            }
            if let Some(publisher) = map.get("publisher") {
                s.site_name.offer(
                    1 + rank,
                    names(publisher)
                        .first()
                        .map(String::as_str)
                        .unwrap_or_default(),
                );
            }
            if let Some(author) = map.get("author").or(map.get("creator")) {
                s.authors
                    .extend(names(author).into_iter().map(|n| (rank, n)));
            }
            if let Some(main) = map.get("mainEntity") {
                json_ld(s, main, depth + 1);
            }
        }
        _ => {}
    }
}

/// Names from a JSON-LD person/organisation value: a string, `{name}`, or a list of either.
fn names(value: &Value) -> Vec<String> {
    match value {
        Value::String(name) => vec![name.clone()],
        Value::Object(map) => map
            .get("name")
            .and_then(Value::as_str)
            .map(|n| vec![n.to_string()])
            .unwrap_or_default(),
        Value::Array(items) => items.iter().flat_map(names).collect(),
        _ => Vec::new(),
    }
}

fn itemprop_name(dom: &Dom, index: usize) -> Option<String> {
    let end = dom.nodes.get(index)?.end;
    (index + 1..end).find_map(|i| {
        let e = dom.element(i)?;
        e.itemprop.split_whitespace().any(|p| p == "name").then(|| {
            e.attrs
                .iter()
                .find(|(n, _)| n == "content")
                .map(|(_, v)| normalize_space(v))
                .unwrap_or_else(|| dom.text(i))
        })
    })
}

/// Keeps the best-ranked source's authors, de-duplicated, dropping URLs and empty names.
fn authors(mut found: Vec<(u8, String)>) -> Vec<String> {
    let Some(best) = found.iter().map(|(rank, _)| *rank).min() else {
        return Vec::new();
    };
    found.retain(|(rank, _)| *rank == best);
    let mut out: Vec<String> = Vec::new();
    for (_, name) in found {
        for part in name.split([';', '|']) {
            let part = normalize_space(part);
            let part = part
                .strip_prefix("By ")
                .or(part.strip_prefix("by "))
                .unwrap_or(&part);
            if part.is_empty() || part.contains("://") || part.chars().count() > 80 {
                continue;
            }
            if !out.iter().any(|o| o.eq_ignore_ascii_case(part)) {
                out.push(part.to_string());
            }
        }
    }
    out
}

/// Resolves a root-relative or scheme-relative canonical link against the page URL; the
/// common cases need no full URL parser.
fn absolutize(link: &str, base: Option<&str>) -> String {
    let Some(base) = base else {
        return link.to_string();
    };
    let Some(scheme_end) = base.find("://") else {
        return link.to_string();
    };
    if let Some(rest) = link.strip_prefix("//") {
        return format!("{}//{rest}", &base[..scheme_end + 1]);
    }
    if link.starts_with('/') {
        let host_end = base[scheme_end + 3..]
            .find('/')
            .map_or(base.len(), |i| i + scheme_end + 3);
        return format!("{}{link}", &base[..host_end]);
    }
    link.to_string()
}
