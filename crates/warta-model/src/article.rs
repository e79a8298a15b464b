use std::fmt;

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use crate::Moment;

/// A stable content hash: the same input bytes always give the same id, so re-ingesting
/// a file is a no-op and ids seen by users never drift.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct ArticleId(pub String);

impl ArticleId {
    /// Hex digits kept from the BLAKE3 digest: 64 bits keep the chance of any collision
    /// among a billion articles near 3%, and ids stay short enough to type.
    const HEX_LEN: usize = 16;

    /// The id of an article whose verbatim input record is `raw`.
    pub fn from_raw(raw: &[u8]) -> Self {
        let hex = blake3::hash(raw).to_hex();
        ArticleId(hex[..Self::HEX_LEN].to_string())
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for ArticleId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// A half-open byte range `[start, end)`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

impl Span {
    pub fn new(start: usize, end: usize) -> Self {
        debug_assert!(start <= end);
        Span { start, end }
    }

    pub fn len(&self) -> usize {
        self.end - self.start
    }

    pub fn is_empty(&self) -> bool {
        self.start == self.end
    }
}

/// How the input was written, recognised from its content.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Format {
    Text,
    Html,
    Json,
    Jsonl,
    Rss,
    Atom,
    Warc,
}

impl Format {
    pub fn name(self) -> &'static str {
        match self {
            Format::Text => "text",
            Format::Html => "html",
            Format::Json => "json",
            Format::Jsonl => "jsonl",
            Format::Rss => "rss",
            Format::Atom => "atom",
            Format::Warc => "warc",
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Compression {
    Gzip,
    Zstd,
}

/// Where an article came from, precisely enough to find its raw record again.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Origin {
    /// The input path as the user gave it (or `-` for standard input).
    pub path: String,
    /// The record inside the file ("line 3", "item 2", "record 5"), when the file holds many.
    pub record: Option<String>,
    pub format: Format,
    pub compression: Option<Compression>,
    /// The character set the raw bytes were decoded from (`UTF-8` for most input).
    pub encoding: String,
}

/// What a paragraph is, so renderers can show headings as headings.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ParagraphKind {
    Body,
    Heading,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Paragraph {
    /// Bytes of `Article::text`.
    pub span: Span,
    /// Bytes of the decoded raw record this paragraph was taken from, when known. Plain
    /// text maps exactly; HTML maps to the stretch from the paragraph's first to last word.
    pub raw: Option<Span>,
    pub kind: ParagraphKind,
}

/// A piece of the input left out of the clean text, and why: users must be able to see
/// that nothing was dropped silently.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Removed {
    pub text: String,
    pub reason: String,
    pub raw: Option<Span>,
}

/// One news article, cleanly extracted. Stages after extraction read `text` and cite
/// evidence as byte spans into it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Article {
    pub id: ArticleId,
    pub origin: Origin,
    pub url: Option<String>,
    pub canonical_url: Option<String>,
    pub title: Option<String>,
    /// Standfirst or summary the page gives about itself.
    pub description: Option<String>,
    pub authors: Vec<String>,
    pub editors: Vec<String>,
    pub outlet: Option<String>,
    /// A wire agency or other outlet the dateline credits, when it is not the publisher
    /// ("KBS" in "Bandar Sarinjaya (KBS) -" on a newspaper's site).
    pub credit: Option<String>,
    /// The place in the dateline ("Brussels" in "Liputan6.com, Brussels -").
    pub dateline: Option<String>,
    pub published: Option<Moment>,
    pub modified: Option<Moment>,
    /// ISO 639-1 code.
    pub language: Option<String>,
    /// Paragraphs joined by a blank line.
    pub text: String,
    pub paragraphs: Vec<Paragraph>,
    pub removed: Vec<Removed>,
    /// Things the user may want to know about the input (legacy charset, unparsable date).
    pub warnings: Vec<String>,
    /// Fields of the input that warta does not interpret, kept as given.
    pub extra: Map<String, Value>,
}

impl Article {
    /// A plain-text article with nothing but its text: id from the `raw` record, origin
    /// `path`, one body paragraph per blank-line-separated block, every other field
    /// empty. For benchmarks, tests and data sets that come as bare text; set the fields
    /// they do know with struct-update syntax.
    pub fn from_text(raw: &[u8], path: &str, text: String) -> Self {
        let mut paragraphs = Vec::new();
        let mut at = 0;
        for block in text.split("\n\n") {
            let start = at + (block.len() - block.trim_start().len());
            let end = at + block.trim_end().len();
            if end > start {
                paragraphs.push(Paragraph { span: Span::new(start, end), raw: None, kind: ParagraphKind::Body });
            }
            at += block.len() + 2;
        }
        Article {
            id: ArticleId::from_raw(raw),
            origin: Origin { path: path.to_string(), record: None, format: Format::Text, compression: None, encoding: "UTF-8".into() },
            url: None,
            canonical_url: None,
            title: None,
            description: None,
            authors: Vec::new(),
            editors: Vec::new(),
            outlet: None,
            credit: None,
            dateline: None,
            published: None,
            modified: None,
            language: None,
            text,
            paragraphs,
            removed: Vec::new(),
            warnings: Vec::new(),
            extra: Map::new(),
        }
    }

    pub fn paragraph_texts(&self) -> impl Iterator<Item = &str> {
        self.paragraphs
            .iter()
            .map(|p| &self.text[p.span.start..p.span.end])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_plain_text_article_has_a_paragraph_per_block() {
        let a = Article::from_text(b"raw", "x.txt", "First block.\n\n  Second block. \n\n\n\nThird.".into());
        assert_eq!(a.id, ArticleId::from_raw(b"raw"));
        assert_eq!(a.paragraph_texts().collect::<Vec<_>>(), ["First block.", "Second block.", "Third."]);
        assert!(Article::from_text(b"", "e", String::new()).paragraphs.is_empty());
    }

    #[test]
    fn ids_are_stable_and_differ_with_content() {
        let a = ArticleId::from_raw(b"Putin tiba di Pyongyang");
        assert_eq!(a, ArticleId::from_raw(b"Putin tiba di Pyongyang"));
        assert_ne!(a, ArticleId::from_raw(b"Putin tiba di Pyongyang."));
        assert_eq!(a.as_str().len(), 16);
        assert!(a.as_str().chars().all(|c| c.is_ascii_hexdigit()));
    }
}
