//! The report stage: an event's comparison → a brief whose every sentence cites its
//! sources, rendered as Markdown, JSON or one self-contained HTML file.
//!
//! The brief is extractive on purpose: it only ever shows sentences the outlets wrote,
//! each with the article id and byte span it came from, so nothing in it can be a
//! paraphrase error of warta's own. [`check_support`] measures that promise.
//!
//! An abstractive summary written by a language model can be added on request
//! ([`abstractive`]); it is checked sentence by sentence against the source sentences
//! it cites and never replaces the extractive one.

pub mod abstractive;
mod build;
mod render;
mod support;

use serde::Serialize;
use warta_compare::ConflictKind;
use warta_model::{ArticleId, Moment, Span};

pub use build::brief;
pub use render::{to_html, to_json, to_markdown};
pub use support::{check_support, SupportReport};

/// What the report needs to know about the event; the caller maps its own event type
/// onto this, so the renderers do not depend on how events are found.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct EventInfo {
    pub id: String,
    pub title: Option<String>,
    /// First and last day (`YYYY-MM-DD`) the event happened, per its articles.
    pub start: Option<String>,
    pub end: Option<String>,
}

/// Where a sentence comes from: enough to open the article at the exact bytes.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Citation {
    pub article: ArticleId,
    pub outlet: Option<String>,
    pub span: Span,
}

/// A sentence of an article and where else it is reported.
#[derive(Clone, Debug, Serialize)]
pub struct Cited {
    /// Exactly the text at `citations[0]`.
    pub text: String,
    /// The first is the sentence itself; the others say the same in other articles.
    pub citations: Vec<Citation>,
}

#[derive(Clone, Debug, Serialize)]
pub struct TimelineEntry {
    /// The resolved time (TimeML-style value).
    pub when: String,
    pub text: String,
    pub citations: Vec<Citation>,
}

#[derive(Clone, Debug, Serialize)]
pub struct SpeakerQuotes {
    /// Canonical id of the speaker, or the name as written when unresolved.
    pub speaker: String,
    pub quotes: Vec<QuoteEntry>,
}

#[derive(Clone, Debug, Serialize)]
pub struct QuoteEntry {
    /// The quoted words, as the first outlet carrying them has them.
    pub text: String,
    pub direct: bool,
    /// Every article carrying these words, with the span of the quote.
    pub carried_by: Vec<Citation>,
}

#[derive(Clone, Debug, Serialize)]
pub struct ConflictView {
    pub kind: ConflictKind,
    pub changed_over_time: bool,
    pub about: String,
    pub reason: String,
    pub claims: Vec<SideView>,
}

#[derive(Clone, Debug, Serialize)]
pub struct SideView {
    pub article: ArticleId,
    pub outlet: Option<String>,
    pub published: Option<Moment>,
    pub text: String,
    pub span: Span,
    pub value: String,
}

#[derive(Clone, Debug, Serialize)]
pub struct SingleView {
    pub article: ArticleId,
    pub outlet: Option<String>,
    pub text: String,
    pub span: Span,
    /// Set when only a derived article (a copy or rewrite) has it.
    pub added_in_derived: bool,
}

#[derive(Clone, Debug, Serialize)]
pub struct CorroboratedView {
    pub text: String,
    pub articles: Vec<ArticleId>,
    pub independent_sources: usize,
    pub citations: Vec<Citation>,
}

#[derive(Clone, Debug, Serialize)]
pub struct Coverage {
    /// Articles in order of publication.
    pub articles: Vec<CoverageRow>,
    /// The earliest-published article.
    pub first: Option<ArticleId>,
    /// Who copied whom.
    pub reuse: Vec<ReuseRow>,
}

#[derive(Clone, Debug, Serialize)]
pub struct CoverageRow {
    pub article: ArticleId,
    pub outlet: Option<String>,
    pub title: Option<String>,
    pub published: Option<Moment>,
    pub language: Option<String>,
    /// Independent source group (see `warta_compare::SourceGroup`).
    pub source_group: Option<usize>,
    pub claims: usize,
    pub corroborated: usize,
    pub single_source: usize,
}

#[derive(Clone, Debug, Serialize)]
pub struct ReuseRow {
    pub source: ArticleId,
    pub derived: ArticleId,
    pub kind: String,
    pub direction_reason: String,
}

/// A cited brief on one event.
#[derive(Clone, Debug, Serialize)]
pub struct Brief {
    pub event: EventInfo,
    pub summary: Vec<Cited>,
    pub timeline: Vec<TimelineEntry>,
    pub quotes: Vec<SpeakerQuotes>,
    /// Contradictions only.
    pub conflicts: Vec<ConflictView>,
    /// Figures that changed between reports.
    pub updates: Vec<ConflictView>,
    pub single_source: Vec<SingleView>,
    pub corroborated: Vec<CorroboratedView>,
    pub coverage: Coverage,
    /// The checked summary of a language model, only when one was asked for (absent
    /// from the JSON otherwise, so the default contract is unchanged).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub abstractive: Option<abstractive::Abstractive>,
}
