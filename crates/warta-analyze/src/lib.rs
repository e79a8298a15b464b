//! The analyze stage: one article at a time, no I/O. Each finding carries the byte span
//! of its evidence in the article's clean text.

pub mod entities;
pub mod ner;
pub mod quantity;
pub mod quotes;
pub mod time;
pub mod tokens;

use warta_model::{Analysis, Article, EntityKind};

use crate::entities::{canonical_entities, NamedSpan};
use crate::quotes::PersonMention;

/// Names what produced an analysis, so `warta reanalyze` can tell stale results from
/// current ones: the crate version and a fingerprint of the shipped model and data.
pub fn analyzer_version() -> String {
    format!("warta-analyze {} ner:{}", env!("CARGO_PKG_VERSION"), ner::model_fingerprint())
}

/// Language assumed when an article's language is unknown: warta's first language.
const FALLBACK_LANGUAGE: &str = "id";

/// Everything analyze finds in `article`.
pub fn analyze(article: &Article) -> Analysis {
    let text = article.text.as_str();
    let language = article.language.as_deref().unwrap_or(FALLBACK_LANGUAGE);
    let recognised: Vec<NamedSpan> = ner::recognise(text)
        .into_iter()
        .map(|s| NamedSpan { start: s.start, end: s.end, kind: s.kind })
        .collect();
    let entities = canonical_entities(text, language, &recognised);
    let people: Vec<PersonMention> = entities
        .iter()
        .filter(|e| e.kind == EntityKind::Person)
        .flat_map(|e| e.mentions.iter().map(|m| PersonMention { start: m.start, end: m.end, entity_id: Some(e.id.clone()) }))
        .collect();
    let quotes = quotes::find_quotes(text, language, &people);
    let times = time::resolve_times(text, article.published, language);
    let quantities = quantity::find_quantities(text, language);
    Analysis { entities, quotes, times, quantities }
}
