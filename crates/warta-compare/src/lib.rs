//! The compare stage: within one event, what do the outlets agree on, what does only
//! one of them say, and where do they contradict each other?
//!
//! [`compare`] breaks every article into [`Claim`]s built from its analysis (who said
//! what, what happened when, how many, who holds which role), aligns them across
//! articles, and counts agreement by *independent* sources: articles joined by reuse
//! (a syndicated copy, a rewrite) are one source, because a copy does not confirm its
//! original. A pure function: no I/O, no globals beyond the compiled-in word lists.

mod claims;
mod conflicts;
mod groups;
mod lexicon;
mod sentences;
mod text;

use serde::Serialize;
use warta_model::{Analysis, Article, ArticleId, Moment, Span};
use warta_relate::ReuseLink;

pub use claims::{counted_as, CountedAs};
pub use sentences::{negations, text_similarity, word_coverage};
pub use text::text_sentences;

/// Everything compare found in one event.
#[derive(Clone, Debug, Default, Serialize)]
pub struct Comparison {
    /// Independent sources: each group is one original and everything derived from it.
    pub sources: Vec<SourceGroup>,
    pub claims: Vec<Claim>,
    /// Statements made by at least two independent sources.
    pub corroborated: Vec<Corroboration>,
    /// Statements made by one independent source only (however many copies carry them).
    pub single_source: Vec<SingleSource>,
    /// Disagreements, each with the evidence of every side. Figures that moved between
    /// reports are here too, as kind `update` with `changed_over_time: true`, so a
    /// reader sees them but does not take them for contradictions.
    pub conflicts: Vec<Conflict>,
}

/// Articles that are one source: an original and its copies and rewrites.
#[derive(Clone, Debug, Serialize)]
pub struct SourceGroup {
    pub id: usize,
    /// The earliest-published member, or the one others derive from.
    pub original: ArticleId,
    pub articles: Vec<ArticleId>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum ClaimKind {
    /// Someone said something (a direct or reported quote).
    Quote,
    /// Something happened at a resolved time.
    Happening,
    /// A count or amount of something.
    Quantity,
    /// A person holds a title or function.
    Role,
}

/// One checkable statement of one article.
#[derive(Clone, Debug, Serialize)]
pub struct Claim {
    /// Index in [`Comparison::claims`].
    pub id: usize,
    pub article: ArticleId,
    pub kind: ClaimKind,
    /// The sentence stating it, exactly `article.text[span]`.
    pub text: String,
    /// The sentence's bytes in `Article::text`.
    pub span: Span,
    /// The bytes of the item itself: the quote, time expression, number or role.
    pub evidence: Span,
    /// Speaker of a quote, person holding a role, or what a number counts.
    pub subject: Option<String>,
    /// Quote words, resolved time value, number with unit, or canonical role.
    pub value: String,
    /// Canonical ids of the entities named in the sentence.
    pub entities: Vec<String>,
    /// The independent source group the claim belongs to.
    pub source_group: usize,
}

#[derive(Clone, Debug, Serialize)]
pub struct Corroboration {
    /// The statement as the earliest article put it.
    pub text: String,
    pub claim_ids: Vec<usize>,
    pub articles: Vec<ArticleId>,
    /// Where each article states it.
    pub evidence: Vec<Evidence>,
    pub independent_sources: usize,
}

/// A sentence of an article: the unit every fact is cited by.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Evidence {
    pub article: ArticleId,
    pub span: Span,
    pub text: String,
}

#[derive(Clone, Debug, Serialize)]
pub struct SingleSource {
    pub article: ArticleId,
    pub text: String,
    pub span: Span,
    /// Copies of the same source repeating it (not confirmation).
    pub repeated_by: Vec<ArticleId>,
    /// Set when the statement appears only in a derived article: it was added (maybe
    /// invented) in the copy or rewrite.
    pub added_in_derived: bool,
    pub claim_ids: Vec<usize>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum ConflictKind {
    /// Different dates for the same happening.
    Date,
    /// Different numbers for the same count, not explained by time.
    Number,
    /// Different titles for the same person.
    Role,
    /// Different words inside quotation marks for the same quote.
    Quote,
    /// A weekday that does not match its date.
    Weekday,
    /// A figure that changed between reports (a toll that rose): not a contradiction.
    Update,
}

impl ConflictKind {
    pub fn name(self) -> &'static str {
        match self {
            ConflictKind::Date => "date",
            ConflictKind::Number => "number",
            ConflictKind::Role => "role",
            ConflictKind::Quote => "quote",
            ConflictKind::Weekday => "weekday",
            ConflictKind::Update => "update",
        }
    }
}

#[derive(Clone, Debug, Serialize)]
pub struct Conflict {
    pub kind: ConflictKind,
    pub changed_over_time: bool,
    /// What is disputed, in words ("count of people injured", "role of person:x").
    pub about: String,
    /// Why it was judged so, for a reader asking "why?".
    pub reason: String,
    pub claims: Vec<ConflictClaim>,
}

impl Conflict {
    /// Whether the sides really contradict each other (an update does not).
    pub fn is_contradiction(&self) -> bool {
        !self.changed_over_time
    }
}

/// One side of a conflict.
#[derive(Clone, Debug, Serialize)]
pub struct ConflictClaim {
    pub article: ArticleId,
    /// The sentence, exactly `article.text[span]`.
    pub text: String,
    pub span: Span,
    /// The disputed item's bytes inside the sentence.
    pub evidence: Span,
    pub value: String,
    pub published: Option<Moment>,
    pub claim: Option<usize>,
}

/// Compares the articles of one event. `links` may hold links to articles outside the
/// event; they are ignored.
pub fn compare(event: &[(Article, Analysis)], links: &[ReuseLink]) -> Comparison {
    let groups = groups::Groups::new(event, links);
    let docs = sentences::Docs::new(event, &groups, links);
    let claims = claims::build(event, &docs);
    let conflicts = conflicts::find(event, &docs, &claims, links);
    let (corroborated, single_source) = sentences::agreement(event, &docs, &claims, links);
    Comparison {
        sources: groups.public(event),
        claims: claims.into_iter().map(|c| c.claim).collect(),
        corroborated,
        single_source,
        conflicts,
    }
}
