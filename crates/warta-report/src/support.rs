//! How well the brief keeps its promise: every summary sentence supported by the span
//! it cites, no repetition, and the event's key entities and dates covered.

use std::collections::{BTreeMap, BTreeSet};

use serde::Serialize;
use warta_compare::text_similarity;
use warta_model::{Analysis, Article, Span};

use crate::{Brief, Citation};

#[derive(Clone, Debug, Serialize)]
pub struct SupportReport {
    pub sentences: usize,
    /// Summary sentences found verbatim at one of their cited spans.
    pub supported: usize,
    /// `supported / sentences` (1 for an empty summary: nothing unsupported was said).
    pub support: f64,
    /// The sentences that failed, for a reader asking which.
    pub unsupported: Vec<String>,
    /// Highest content-word overlap between two summary sentences.
    pub redundancy: f64,
    /// Entities named by at least half of the articles.
    pub key_entities: Vec<String>,
    pub entities_covered: Vec<String>,
    /// Days stated in at least two articles.
    pub key_dates: Vec<String>,
    pub dates_covered: Vec<String>,
}

/// The text a citation points at, when its article is among `items` and the span is
/// a valid range of its text: a citation that resolves to nothing supports nothing.
pub(crate) fn cited_text<'a>(items: &'a [(Article, Analysis)], citation: &Citation) -> Option<&'a str> {
    items
        .iter()
        .find(|(a, _)| a.id == citation.article)
        .and_then(|(a, _)| a.text.get(citation.span.start..citation.span.end))
}

/// What a brief about an event should mention: entities named by at least half of its
/// articles, and days stated in at least two.
pub(crate) struct KeyFacts {
    pub entities: Vec<String>,
    pub dates: Vec<String>,
}

pub(crate) fn key_facts(items: &[(Article, Analysis)]) -> KeyFacts {
    let mut entity_articles: BTreeMap<&str, usize> = BTreeMap::new();
    let mut date_articles: BTreeMap<String, usize> = BTreeMap::new();
    for (_, analysis) in items {
        let ids: BTreeSet<&str> = analysis.entities.iter().map(|e| e.id.as_str()).collect();
        for id in ids {
            *entity_articles.entry(id).or_default() += 1;
        }
        let days: BTreeSet<String> = analysis.times.iter().filter_map(|t| day(&t.value)).collect();
        for d in days {
            *date_articles.entry(d).or_default() += 1;
        }
    }
    let half = items.len().div_ceil(2).max(1);
    KeyFacts {
        entities: entity_articles.iter().filter(|(_, &n)| n >= half).map(|(id, _)| id.to_string()).collect(),
        dates: date_articles.iter().filter(|(_, &n)| n >= 2).map(|(d, _)| d.clone()).collect(),
    }
}

/// The entity ids mentioned and the days stated inside `span` of an article.
pub(crate) fn facts_in(analysis: &Analysis, span: Span) -> (BTreeSet<String>, BTreeSet<String>) {
    let inside = |s: usize, e: usize| s >= span.start && e <= span.end;
    let entities = analysis
        .entities
        .iter()
        .filter(|e| e.mentions.iter().any(|m| inside(m.start, m.end)))
        .map(|e| e.id.clone())
        .collect();
    let dates = analysis.times.iter().filter(|t| inside(t.start, t.end)).filter_map(|t| day(&t.value)).collect();
    (entities, dates)
}

pub fn check_support(brief: &Brief, items: &[(Article, Analysis)]) -> SupportReport {
    let find = |id: &warta_model::ArticleId| items.iter().find(|(a, _)| &a.id == id);
    let mut supported = 0;
    let mut unsupported = Vec::new();
    let mut cited = Vec::new();
    for s in &brief.summary {
        let ok = s.citations.iter().any(|c| cited_text(items, c).is_some_and(|t| t.contains(s.text.as_str())));
        if ok {
            supported += 1;
        } else {
            unsupported.push(s.text.clone());
        }
        cited.extend(s.citations.iter().cloned());
    }
    let mut redundancy = 0.0_f64;
    for (i, a) in brief.summary.iter().enumerate() {
        for b in &brief.summary[i + 1..] {
            redundancy = redundancy.max(text_similarity(&a.text, &b.text));
        }
    }
    let KeyFacts { entities: key_entities, dates: key_dates } = key_facts(items);
    let mut entities_seen = BTreeSet::new();
    let mut dates_seen = BTreeSet::new();
    for c in &cited {
        let Some((_, analysis)) = find(&c.article) else { continue };
        let (entities, dates) = facts_in(analysis, c.span);
        entities_seen.extend(entities);
        dates_seen.extend(dates);
    }
    let n = brief.summary.len();
    SupportReport {
        sentences: n,
        supported,
        support: if n == 0 { 1.0 } else { supported as f64 / n as f64 },
        unsupported,
        redundancy,
        entities_covered: key_entities.iter().filter(|e| entities_seen.contains(*e)).cloned().collect(),
        key_entities,
        dates_covered: key_dates.iter().filter(|d| dates_seen.contains(*d)).cloned().collect(),
        key_dates,
    }
}

/// The `YYYY-MM-DD` of a resolved time value, when it has a full date.
fn day(value: &str) -> Option<String> {
    let d = value.get(..10)?;
    let ok = d.bytes().enumerate().all(|(i, b)| if i == 4 || i == 7 { b == b'-' } else { b.is_ascii_digit() });
    ok.then(|| d.to_string())
}
