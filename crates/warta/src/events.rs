//! `warta events`, `warta event`, `warta storylines` and `warta brief`: the stored articles
//! grouped into events (online clustering in publication order), storylines across
//! events, and each event's cross-checked brief (with, on request, a language model's
//! summary checked against its sources). Computed from the store on each run.

use std::collections::HashMap;

use anyhow::bail;
use serde::Serialize;
use warta_model::{Analysis, Article};
use warta_relate::events::{cluster_all, Clustering, Event};
use warta_store::Store;

use crate::llm::{self, LlmOptions};
use crate::view::ArticleSummary;
use crate::Global;

/// Every stored article with its analysis (analyzed now if it never was).
pub fn load(store: &dyn Store) -> anyhow::Result<(Vec<warta_store::StoredArticle>, Vec<(Article, Analysis)>)> {
    let stored = store.articles(None)?;
    let mut items = Vec::with_capacity(stored.len());
    for s in &stored {
        let analysis = match store.analysis(&s.article.id)? {
            Some((_, analysis)) => analysis,
            None => warta_analyze::analyze(&s.article),
        };
        items.push((s.article.clone(), analysis));
    }
    Ok((stored, items))
}

/// The event `id` names: an id or unique prefix, or the id of an event later merged.
fn find<'a>(clustering: &'a Clustering, id: &str) -> anyhow::Result<&'a Event> {
    let mut wanted = id.to_string();
    while let Some(merge) = clustering.history.iter().find(|m| m.from.as_str() == wanted) {
        wanted = merge.into.as_str().to_string();
    }
    let found: Vec<&Event> = clustering.events.iter().filter(|e| e.id.as_str().starts_with(&wanted)).collect();
    match found.as_slice() {
        [one] => Ok(one),
        [] => bail!("no event has an id starting with {id:?}; list them with `warta events`"),
        many => bail!("{} events have ids starting with {id:?}; give more characters", many.len()),
    }
}

fn dates(e: &Event) -> String {
    match (&e.start, &e.end) {
        (Some(a), Some(b)) if a != b => format!("{a}..{b}"),
        (Some(a), _) => a.clone(),
        _ => "undated".into(),
    }
}

pub fn list(store: &dyn Store, global: &Global) -> anyhow::Result<u8> {
    let (_, items) = load(store)?;
    let clustering = cluster_all(&items);
    let mut events: Vec<&Event> = clustering.events.iter().collect();
    events.sort_by(|a, b| b.latest_report.cmp(&a.latest_report));
    if global.json {
        outln!("{}", serde_json::to_string_pretty(&events)?);
        return Ok(0);
    }
    if events.is_empty() {
        outln!("No events yet: ingest articles with `warta ingest PATH`.");
        return Ok(0);
    }
    outln!("{:<19}  {:<22}  {:>8}  {:>7}  TITLE", "EVENT", "WHEN", "ARTICLES", "OUTLETS");
    for e in events {
        outln!("{:<19}  {:<22}  {:>8}  {:>7}  {}", e.id, dates(e), e.articles.len(), e.outlets.len(), e.title.as_deref().unwrap_or("(untitled)"));
    }
    outln!("\nOne event with `warta event ID`, its brief with `warta brief ID`.");
    Ok(0)
}

#[derive(Serialize)]
struct TimelineEntry<'a> {
    value: &'a str,
    text: &'a str,
    article: &'a str,
    outlet: Option<&'a str>,
    start: usize,
    end: usize,
    flags: &'a [String],
}

#[derive(Serialize)]
struct EventView<'a> {
    #[serde(flatten)]
    event: &'a Event,
    members: Vec<ArticleSummary<'a>>,
    timeline: Vec<TimelineEntry<'a>>,
}

pub fn show(store: &dyn Store, id: &str, global: &Global) -> anyhow::Result<u8> {
    let (stored, items) = load(store)?;
    let clustering = cluster_all(&items);
    let event = find(&clustering, id)?;
    let members: Vec<&warta_store::StoredArticle> = event.articles.iter().filter_map(|a| stored.iter().find(|s| &s.article.id == a)).collect();
    let mut timeline: Vec<TimelineEntry<'_>> = Vec::new();
    for (article, analysis) in items.iter().filter(|(a, _)| event.articles.contains(&a.id)) {
        for t in &analysis.times {
            // Dates only: durations and unresolved references do not place the event in time.
            if t.value.starts_with(|c: char| c.is_ascii_digit()) && !t.value.starts_with('P') {
                timeline.push(TimelineEntry { value: &t.value, text: &t.text, article: article.id.as_str(), outlet: article.outlet.as_deref(), start: t.start, end: t.end, flags: &t.flags });
            }
        }
    }
    timeline.sort_by(|a, b| a.value.cmp(b.value).then(a.article.cmp(b.article)));
    if global.json {
        let view = EventView { event, members: members.iter().map(|s| ArticleSummary::of(s)).collect(), timeline };
        outln!("{}", serde_json::to_string_pretty(&view)?);
        return Ok(0);
    }
    outln!("{}", event.title.as_deref().unwrap_or("(untitled event)"));
    outln!("event      {}  ({})", event.id, dates(event));
    if let Some(s) = &event.storyline {
        outln!("storyline  {s}");
    }
    outln!("outlets    {}", event.outlets.join(", "));
    outln!("entities   {}", event.entities.join(", "));
    outln!("\nArticles ({}):", members.len());
    for s in &members {
        let a = &s.article;
        let published = a.published.map(|m| m.to_string()).unwrap_or_else(|| "-".into());
        outln!("  {}  {:<25}  {:<20}  {}", a.id, published, a.outlet.as_deref().unwrap_or("-"), a.title.as_deref().unwrap_or("(untitled)"));
    }
    outln!("\nTimeline ({} dated mentions):", timeline.len());
    for t in &timeline {
        let flags = if t.flags.is_empty() { String::new() } else { format!("  ⚠ {}", t.flags.join("; ")) };
        outln!("  {:<22} {:<28} {} [{}..{}]{flags}", t.value, t.text, t.outlet.unwrap_or(t.article), t.start, t.end);
    }
    Ok(0)
}

pub fn storylines(store: &dyn Store, global: &Global) -> anyhow::Result<u8> {
    let (_, items) = load(store)?;
    let clustering = cluster_all(&items);
    if global.json {
        outln!("{}", serde_json::to_string_pretty(&clustering.storylines)?);
        return Ok(0);
    }
    if clustering.storylines.is_empty() {
        outln!("No storylines: no two events share their actors and subject yet.");
        return Ok(0);
    }
    let by_id: HashMap<&str, &Event> = clustering.events.iter().map(|e| (e.id.as_str(), e)).collect();
    for s in &clustering.storylines {
        outln!("Storyline {} ({} events)", s.id, s.events.len());
        for id in &s.events {
            if let Some(e) = by_id.get(id.as_str()) {
                outln!("  {}  {:<22}  {}", e.id, dates(e), e.title.as_deref().unwrap_or("(untitled)"));
            }
        }
        for l in &s.links {
            outln!("    {} → {}: {} ({:.2})", l.from, l.to, l.reason, l.score);
        }
        outln!();
    }
    Ok(0)
}

/// How `warta brief` renders.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum BriefFormat {
    Markdown,
    Json,
    Html,
}

/// The members of `event` and their brief: the comparison of its articles (independent
/// sources counted through reuse links), with a citation after every sentence.
fn build_brief(event: &Event, items: &[(Article, Analysis)]) -> (Vec<(Article, Analysis)>, warta_report::Brief) {
    let members: Vec<(Article, Analysis)> = items.iter().filter(|(a, _)| event.articles.contains(&a.id)).cloned().collect();
    let articles: Vec<Article> = members.iter().map(|(a, _)| a.clone()).collect();
    let links = warta_relate::find_reuse(&articles);
    let comparison = warta_compare::compare(&members, &links);
    let info = warta_report::EventInfo { id: event.id.to_string(), title: event.title.clone(), start: event.start.clone(), end: event.end.clone() };
    let brief = warta_report::brief(&info, &members, &comparison, &links);
    (members, brief)
}

fn render(brief: &warta_report::Brief, format: BriefFormat) -> anyhow::Result<String> {
    Ok(match format {
        BriefFormat::Markdown => warta_report::to_markdown(brief),
        BriefFormat::Json => serde_json::to_string_pretty(&warta_report::to_json(brief))?,
        BriefFormat::Html => warta_report::to_html(brief),
    })
}

/// The brief of one event, rendered.
pub fn brief_text(event: &Event, items: &[(Article, Analysis)], format: BriefFormat) -> anyhow::Result<String> {
    render(&build_brief(event, items).1, format)
}

/// Prints the brief of event `id`. With `llm`, a language model's summary is added,
/// checked against the sources it cites; when the model cannot be asked the brief is
/// still printed, the failure is told on standard error and in the brief, and the exit
/// code says part of the job failed.
pub fn brief(store: &dyn Store, id: &str, format: BriefFormat, llm: Option<&LlmOptions>) -> anyhow::Result<u8> {
    let (_, items) = load(store)?;
    let clustering = cluster_all(&items);
    let event = find(&clustering, id)?;
    let (members, mut brief) = build_brief(event, &items);
    let mut code = 0;
    if let Some(options) = llm {
        let abstractive = llm::summarise(&brief, &members, options);
        if let Some(error) = &abstractive.error {
            eprintln!("warta: no abstractive summary: {error}");
            eprintln!("warta: the extractive brief is printed in full without it");
            code = crate::exit::LLM_FAILED;
        } else if abstractive.sentences.is_empty() {
            // The endpoint worked and the check did its job: not a failure, but a reader
            // expecting a summary should hear why there is none.
            eprintln!(
                "warta: none of the model's {} sentences is supported by the sources it cites; the brief lists them with the reasons",
                abstractive.dropped.len()
            );
        }
        brief.abstractive = Some(abstractive);
    }
    outln!("{}", render(&brief, format)?);
    Ok(code)
}
