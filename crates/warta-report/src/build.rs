//! Building the brief from the comparison.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use warta_compare::{text_similarity, ClaimKind, Comparison, Conflict, Evidence};
use warta_model::{Analysis, Article, ArticleId, QuoteKind, Span};
use warta_relate::ReuseLink;

use crate::support::{facts_in, key_facts};
use crate::{
    Brief, Citation, Cited, ConflictView, CorroboratedView, Coverage, CoverageRow, EventInfo, QuoteEntry,
    ReuseRow, SideView, SingleView, SpeakerQuotes, TimelineEntry,
};

/// Sentences in the summary: enough for the gist of a news event, few enough to read
/// at a glance.
const SUMMARY_SENTENCES: usize = 5;
/// MMR trade-off between centrality and novelty.
const LAMBDA: f64 = 0.7;
/// Above this content-word overlap a candidate repeats a chosen sentence.
const REDUNDANT: f64 = 0.5;
/// Weight of mentioning key entities and dates not yet covered, against centrality.
const COVERAGE: f64 = 0.3;

struct Lookup<'a> {
    items: HashMap<&'a ArticleId, &'a (Article, Analysis)>,
}

impl<'a> Lookup<'a> {
    fn outlet(&self, id: &ArticleId) -> Option<String> {
        self.items.get(id).and_then(|(a, _)| a.outlet.clone())
    }

    fn cite(&self, article: &ArticleId, span: Span) -> Citation {
        Citation { article: article.clone(), outlet: self.outlet(article), span }
    }

    fn published(&self, id: &ArticleId) -> Option<jiff::Timestamp> {
        self.items.get(id).and_then(|(a, _)| a.published.map(|m| m.timestamp))
    }
}

pub fn brief(event: &EventInfo, items: &[(Article, Analysis)], comparison: &Comparison, links: &[ReuseLink]) -> Brief {
    let look = Lookup { items: items.iter().map(|it| (&it.0.id, it)).collect() };
    let (conflicts, updates): (Vec<&Conflict>, Vec<&Conflict>) =
        comparison.conflicts.iter().partition(|c| c.is_contradiction());
    Brief {
        event: event.clone(),
        summary: summary(&look, items, comparison),
        timeline: timeline(&look, comparison),
        quotes: quotes(&look, items, comparison),
        conflicts: conflicts.into_iter().map(|c| conflict_view(&look, c)).collect(),
        updates: updates.into_iter().map(|c| conflict_view(&look, c)).collect(),
        single_source: comparison
            .single_source
            .iter()
            .map(|s| SingleView {
                article: s.article.clone(),
                outlet: look.outlet(&s.article),
                text: s.text.clone(),
                span: s.span,
                added_in_derived: s.added_in_derived,
            })
            .collect(),
        corroborated: comparison
            .corroborated
            .iter()
            .map(|c| CorroboratedView {
                text: c.text.clone(),
                articles: c.articles.clone(),
                independent_sources: c.independent_sources,
                citations: citations(&look, &c.evidence),
            })
            .collect(),
        coverage: coverage(&look, items, comparison, links),
        abstractive: None,
    }
}

/// One citation per article, the statement's own sentence first.
fn citations(look: &Lookup, evidence: &[Evidence]) -> Vec<Citation> {
    let mut out: Vec<Citation> = Vec::new();
    for e in evidence {
        if !out.iter().any(|c| c.article == e.article) {
            out.push(look.cite(&e.article, e.span));
        }
    }
    out
}

/// Maximal marginal relevance over the corroborated statements: centrality is how many
/// independent sources state it (plus a little for being said early in an article,
/// where news puts what matters), novelty is low overlap with what is already chosen,
/// and coverage is the share of the event's key entities and dates
/// ([`crate::support::key_facts`]) it mentions that no chosen sentence mentions yet.
fn summary(look: &Lookup, items: &[(Article, Analysis)], comparison: &Comparison) -> Vec<Cited> {
    let key = key_facts(items);
    let key_count = (key.entities.len() + key.dates.len()).max(1) as f64;
    let candidates: Vec<(&Evidence, &[Evidence], f64, BTreeSet<String>)> = comparison
        .corroborated
        .iter()
        .filter_map(|c| {
            let first = c.evidence.first()?;
            let lead = 1.0 / (1.0 + first.span.start as f64 / 500.0);
            let mut facts = BTreeSet::new();
            for e in &c.evidence {
                let Some((_, analysis)) = look.items.get(&e.article) else { continue };
                let (entities, dates) = facts_in(analysis, e.span);
                facts.extend(entities.into_iter().filter(|id| key.entities.contains(id)));
                facts.extend(dates.into_iter().filter(|d| key.dates.contains(d)).map(|d| format!("date:{d}")));
            }
            Some((first, c.evidence.as_slice(), c.independent_sources as f64 + 0.5 * lead, facts))
        })
        .collect();
    let top = candidates.iter().map(|c| c.2).fold(0.0_f64, f64::max).max(1e-9);
    let mut chosen: Vec<usize> = Vec::new();
    while chosen.len() < SUMMARY_SENTENCES {
        let best = candidates
            .iter()
            .enumerate()
            .filter(|(i, _)| !chosen.contains(i))
            .filter_map(|(i, (e, _, score, facts))| {
                let overlap = chosen
                    .iter()
                    .map(|&j| text_similarity(&e.text, &candidates[j].0.text))
                    .fold(0.0_f64, f64::max);
                let new_facts = facts.iter().filter(|f| !chosen.iter().any(|&j| candidates[j].3.contains(*f))).count();
                let gain = LAMBDA * score / top - (1.0 - LAMBDA) * overlap + COVERAGE * new_facts as f64 / key_count;
                (overlap <= REDUNDANT).then_some((i, gain))
            })
            .max_by(|a, b| a.1.total_cmp(&b.1));
        match best {
            Some((i, _)) => chosen.push(i),
            None => break,
        }
    }
    chosen.sort_by_key(|&i| {
        let e = candidates[i].0;
        (look.published(&e.article).is_none(), look.published(&e.article), e.article.clone(), e.span.start)
    });
    chosen
        .into_iter()
        .map(|i| Cited { text: candidates[i].0.text.clone(), citations: citations(look, candidates[i].1) })
        .collect()
}

/// Dated statements in time order, one entry per sentence wording, with every article
/// carrying that wording.
fn timeline(look: &Lookup, comparison: &Comparison) -> Vec<TimelineEntry> {
    let mut entries: Vec<TimelineEntry> = Vec::new();
    for c in comparison.claims.iter().filter(|c| c.kind == ClaimKind::Happening) {
        match entries.iter_mut().find(|e| e.when == c.value && e.text == c.text) {
            Some(e) => {
                if !e.citations.iter().any(|x| x.article == c.article) {
                    e.citations.push(look.cite(&c.article, c.span));
                }
            }
            None => entries.push(TimelineEntry { when: c.value.clone(), text: c.text.clone(), citations: vec![look.cite(&c.article, c.span)] }),
        }
    }
    entries.sort_by(|a, b| a.when.cmp(&b.when));
    entries
}

/// Quotes by speaker; the same words in several articles are one entry listing every
/// outlet that carries them.
fn quotes(look: &Lookup, items: &[(Article, Analysis)], comparison: &Comparison) -> Vec<SpeakerQuotes> {
    let direct_at: HashMap<(&ArticleId, usize), bool> = items
        .iter()
        .flat_map(|(a, an)| an.quotes.iter().map(move |q| ((&a.id, q.start), q.kind == QuoteKind::Direct)))
        .collect();
    let mut by_speaker: BTreeMap<String, Vec<QuoteEntry>> = BTreeMap::new();
    let mut claims: Vec<_> = comparison.claims.iter().filter(|c| c.kind == ClaimKind::Quote).collect();
    claims.sort_by_key(|c| (look.published(&c.article).is_none(), look.published(&c.article), c.evidence.start));
    // A resolved speaker is keyed by its canonical id; show the canonical name.
    let names: HashMap<&str, &str> = items
        .iter()
        .flat_map(|(_, an)| an.entities.iter().map(|e| (e.id.as_str(), e.name.as_str())))
        .collect();
    for c in claims {
        let speaker = match c.subject.as_deref() {
            Some(id) => names.get(id).map_or_else(|| id.to_string(), |name| name.to_string()),
            None => "(unattributed)".into(),
        };
        let entries = by_speaker.entry(speaker).or_default();
        let cite = look.cite(&c.article, c.evidence);
        match entries.iter_mut().find(|e| e.text == c.value) {
            Some(e) => {
                if !e.carried_by.iter().any(|x| x.article == c.article) {
                    e.carried_by.push(cite);
                }
            }
            None => entries.push(QuoteEntry {
                text: c.value.clone(),
                direct: direct_at.get(&(&c.article, c.evidence.start)).copied().unwrap_or(false),
                carried_by: vec![cite],
            }),
        }
    }
    by_speaker.into_iter().map(|(speaker, quotes)| SpeakerQuotes { speaker, quotes }).collect()
}

fn conflict_view(look: &Lookup, c: &Conflict) -> ConflictView {
    ConflictView {
        kind: c.kind,
        changed_over_time: c.changed_over_time,
        about: c.about.clone(),
        reason: c.reason.clone(),
        claims: c
            .claims
            .iter()
            .map(|s| SideView {
                article: s.article.clone(),
                outlet: look.outlet(&s.article),
                published: s.published,
                text: s.text.clone(),
                span: s.span,
                value: s.value.clone(),
            })
            .collect(),
    }
}

fn coverage(look: &Lookup, items: &[(Article, Analysis)], comparison: &Comparison, links: &[ReuseLink]) -> Coverage {
    let mut rows: Vec<CoverageRow> = items
        .iter()
        .map(|(a, _)| CoverageRow {
            article: a.id.clone(),
            outlet: a.outlet.clone(),
            title: a.title.clone(),
            published: a.published,
            language: a.language.clone(),
            source_group: comparison.sources.iter().find(|g| g.articles.contains(&a.id)).map(|g| g.id),
            claims: comparison.claims.iter().filter(|c| c.article == a.id).count(),
            corroborated: comparison.corroborated.iter().filter(|c| c.articles.contains(&a.id)).count(),
            single_source: comparison.single_source.iter().filter(|s| s.article == a.id).count(),
        })
        .collect();
    rows.sort_by_key(|r| (r.published.is_none(), r.published.map(|m| m.timestamp)));
    let first = rows.iter().find(|r| r.published.is_some()).map(|r| r.article.clone());
    let reuse = links
        .iter()
        .filter(|l| look.items.contains_key(&l.source) && look.items.contains_key(&l.derived))
        .map(|l| ReuseRow {
            source: l.source.clone(),
            derived: l.derived.clone(),
            kind: l.kind.name().to_string(),
            direction_reason: l.direction_reason.clone(),
        })
        .collect();
    Coverage { articles: rows, first, reuse }
}
