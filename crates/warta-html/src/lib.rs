//! HTML page → main article text plus the metadata the page declares about itself.
//!
//! The page is parsed once with html5ever (via `dom_query`), copied into a flat array
//! ([`dom`]), and read twice: once for metadata ([`meta`]) and once to find and read out the
//! article body ([`content`]). Nothing here does I/O, and no input can make it panic: bad
//! markup is repaired by the parser the way browsers repair it, and every walk is iterative.
//!
//! [`benchmark`] scores any extractor on the scrapinghub article-extraction benchmark format.

pub mod benchmark;
mod boilerplate;
mod content;
mod dom;
mod meta;
mod nesting;

pub use nesting::{nesting_depth, MAX_NESTING};

pub use boilerplate::{BOILERPLATE_LINES, BOILERPLATE_PREFIXES};

/// What the page says about itself plus its main text.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct HtmlDocument {
    pub title: Option<String>,
    pub authors: Vec<String>,
    /// As found in the page (JSON-LD `datePublished`, `article:published_time`,
    /// `<time datetime>`, …), unparsed: the page's own words are the evidence.
    pub published: Option<String>,
    /// Same, for the modification time.
    pub modified: Option<String>,
    /// `og:site_name`, JSON-LD publisher name, …
    pub site_name: Option<String>,
    pub canonical_url: Option<String>,
    /// Declared: `<html lang>`, `content-language`, `og:locale`, JSON-LD `inLanguage`.
    pub language: Option<String>,
    pub description: Option<String>,
    /// Main text, one entry per paragraph/heading/list item, whitespace-normalised.
    pub paragraphs: Vec<String>,
    /// Text-bearing blocks dropped as boilerplate from inside the article area, with why.
    pub removed: Vec<Removed>,
}

/// A block of text that was dropped, kept so a reader can ask why it is missing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Removed {
    pub text: String,
    pub reason: String,
}

/// Language-specific phrase lists for chrome inside the article area. The defaults are the
/// short English/Indonesian tables in [`BOILERPLATE_LINES`] and [`BOILERPLATE_PREFIXES`].
#[derive(Debug, Clone, Copy)]
pub struct Options<'a> {
    /// A paragraph equal to one of these (case-insensitive, ignoring edge punctuation) is
    /// dropped.
    pub boilerplate_lines: &'a [&'a str],
    /// A short paragraph starting with one of these (case-insensitive) is dropped.
    pub boilerplate_prefixes: &'a [&'a str],
}

impl Default for Options<'_> {
    fn default() -> Self {
        Options {
            boilerplate_lines: BOILERPLATE_LINES,
            boilerplate_prefixes: BOILERPLATE_PREFIXES,
        }
    }
}

/// Prefix matches only apply to paragraphs up to this many characters: a long paragraph
/// that happens to start with "Related:" is prose.
const MAX_PREFIXED_CHROME_CHARS: usize = 200;

impl Options<'_> {
    fn is_boilerplate(&self, paragraph: &str) -> bool {
        let lower = paragraph.to_lowercase();
        let core = lower.trim_matches(|c: char| !c.is_alphanumeric());
        if self
            .boilerplate_lines
            .iter()
            .any(|l| l.eq_ignore_ascii_case(core))
        {
            return true;
        }
        lower.chars().count() <= MAX_PREFIXED_CHROME_CHARS
            && self
                .boilerplate_prefixes
                .iter()
                .any(|p| lower.starts_with(&p.to_lowercase()))
    }
}

/// Extracts metadata and main text with the default phrase tables. `url` is the page's own
/// address, used to resolve a relative canonical link and as the canonical URL fallback.
pub fn extract_html(html: &str, url: Option<&str>) -> HtmlDocument {
    extract_html_with(html, url, &Options::default())
}

/// [`extract_html`] with caller-supplied phrase tables (for example from per-language data
/// files).
pub fn extract_html_with(html: &str, url: Option<&str>, options: &Options) -> HtmlDocument {
    let dom = dom::Dom::parse(html);
    let meta = meta::extract(&dom, url);
    let mut content = content::extract(&dom, options, meta.title.as_deref());
    // JSON-LD `articleBody` is the publisher's own copy of the text. When the page pass found
    // far less than it, the pass picked the wrong block or the body is rendered by script, and
    // the declared text is the better answer.
    if let Some(body) = &meta.article_body {
        let found: usize = content.paragraphs.iter().map(|p| p.len()).sum();
        if found * 2 < body.len() {
            content.paragraphs = body
                .split(['\n', '\r'])
                .map(dom::normalize_space)
                .filter(|p| !p.is_empty())
                .collect();
        }
    }
    HtmlDocument {
        title: meta.title,
        authors: meta.authors,
        published: meta.published,
        modified: meta.modified,
        site_name: meta.site_name,
        canonical_url: meta.canonical_url,
        language: meta.language,
        description: meta.description,
        paragraphs: content.paragraphs,
        removed: content.removed,
    }
}
