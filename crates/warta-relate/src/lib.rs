//! The relate stage, reuse part: who copied whom.
//!
//! Newsrooms republish wire copy, copy each other and rewrite articles in their own
//! words. For every pair of articles that share text, [`find_reuse`] says what was
//! reused (aligned passages with byte spans in each article's clean text), how
//! ([`ReuseKind`]), and which came first (with a confidence and a reason), and reports
//! quotes whose wording changed on the way. Two articles that merely cover the same
//! event — same names, different sentences — are not linked.
//!
//! The work is split so that it scales near-linearly:
//! 1. [`Signature`]s (winnowed word n-grams plus per-sentence MinHash bands) and an
//!    inverted index give [`candidates`] without all-pairs comparison;
//! 2. each candidate pair is aligned sentence by sentence (`align`);
//! 3. the alignment is classified and oriented (`link`).
//!
//! Everything is a pure function: no I/O outside [`bench`], which reads a benchmark
//! folder on request.

mod align;
pub mod bench;
pub mod events;
mod lexicon;
mod link;
mod signature;
mod text;

pub use link::{compare_texts, TextReuse};
pub use signature::{candidates, index_bytes, Candidate, Signature, MAX_POSTING};

use serde::{Deserialize, Serialize};
use warta_model::{Article, ArticleId, Span};

/// How a derived article reuses its source.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ReuseKind {
    /// Near-identical text, no credit to an outside source.
    Duplicate,
    /// Near-verbatim copy whose text credits a source ("Sumber: …", "(Antara)",
    /// "seperti dilansir …", "Reuters"): wire copy republished as agreed.
    Syndicated,
    /// Mostly the same sentences with words added, cut or swapped.
    LightEdit,
    /// The same facts, names, numbers and quotes in mostly the same order, with most
    /// other words changed: a paraphrase.
    Rewrite,
    /// Some passages only.
    Partial,
}

impl ReuseKind {
    pub fn name(self) -> &'static str {
        match self {
            ReuseKind::Duplicate => "duplicate",
            ReuseKind::Syndicated => "syndicated",
            ReuseKind::LightEdit => "light_edit",
            ReuseKind::Rewrite => "rewrite",
            ReuseKind::Partial => "partial",
        }
    }
}

/// One passage of the source found again in the derived article.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct AlignedPassage {
    /// Bytes of the source's `text`.
    pub source_span: Span,
    /// Bytes of the derived article's `text`.
    pub derived_span: Span,
    /// Content-word similarity of the two passages in [0, 1]; 1 for a verbatim copy.
    pub similarity: f64,
}

/// A quotation present in both articles of an aligned passage with different words —
/// someone changed what a person is reported to have said.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AlteredQuote {
    pub source_span: Span,
    pub derived_span: Span,
    pub source_text: String,
    pub derived_text: String,
}

/// Reuse between two articles: `derived` took text from `source`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ReuseLink {
    pub source: ArticleId,
    pub derived: ArticleId,
    pub kind: ReuseKind,
    /// Strength of the reuse in [0, 1]: the share of the derived article's content
    /// inside aligned passages, times their mean similarity.
    pub score: f64,
    /// How sure the direction is, in [0, 1]; 0.5 means no evidence either way.
    pub direction_confidence: f64,
    /// Why the direction was chosen, for a reader asking "why?".
    pub direction_reason: String,
    pub passages: Vec<AlignedPassage>,
    pub altered_quotes: Vec<AlteredQuote>,
}

/// Every reuse link among `articles`, ordered by source then derived position in
/// `articles`. Pairs are found through an index, not by comparing all pairs.
pub fn find_reuse(articles: &[Article]) -> Vec<ReuseLink> {
    link::find_reuse(articles)
}

/// Share of `article`'s text not taken from another article according to `links`
/// (those where it is the derived side), in [0, 1]. Whitespace is not counted, so
/// paragraph breaks do not dilute the figure.
pub fn originality(article: &Article, links: &[ReuseLink]) -> f64 {
    let text = article.text.as_str();
    let mut spans: Vec<Span> = links
        .iter()
        .filter(|l| l.derived == article.id)
        .flat_map(|l| l.passages.iter().map(|p| p.derived_span))
        .filter(|s| s.start <= s.end && s.end <= text.len())
        .collect();
    spans.sort();
    let counted = |from: usize, to: usize| -> usize {
        text.get(from..to)
            .map_or(0, |s| s.chars().filter(|c| !c.is_whitespace()).count())
    };
    let total = counted(0, text.len());
    if total == 0 {
        return 1.0;
    }
    let mut taken = 0;
    let mut reach = 0;
    for s in spans {
        let from = s.start.max(reach);
        if s.end > from {
            taken += counted(from, s.end);
            reach = s.end;
        }
    }
    (1.0 - taken as f64 / total as f64).clamp(0.0, 1.0)
}

/// The aligned passages by which `derived` reuses `source`, two raw texts (paragraphs
/// separated by blank lines); empty when the texts are not related by reuse.
pub fn align_texts(source: &str, derived: &str) -> Vec<AlignedPassage> {
    compare_texts(source, derived)
        .map(|r| r.passages)
        .unwrap_or_default()
}

/// The signature of an article, for callers that index articles as they arrive and
/// keep signatures instead of texts.
pub fn article_signature(article: &Article) -> Signature {
    Signature::of(&link::analyze_article(article))
}

/// The signature of a raw text (paragraphs separated by blank lines), for callers that
/// build their own candidate index.
pub fn text_signature(text: &str) -> Signature {
    Signature::of(&text::analyze(text, &text::paragraph_spans(text)))
}
