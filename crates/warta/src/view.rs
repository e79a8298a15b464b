//! What the user sees: the JSON contract other tools read, and the text for people.

use std::collections::BTreeMap;
use std::io::{IsTerminal, Write};

use serde::Serialize;
use serde_json::{Map, Value};
use warta_model::{Analysis, Article, ParagraphKind, Span};
use warta_store::StoredArticle;

use crate::ingest::Report;
use crate::Global;

/// One article in `warta articles --json`: the documented contract's fields first.
#[derive(Serialize)]
pub struct ArticleSummary<'a> {
    pub id: &'a str,
    pub source: &'a str,
    pub record: Option<&'a str>,
    pub format: &'static str,
    pub url: Option<&'a str>,
    pub title: Option<&'a str>,
    pub outlet: Option<&'a str>,
    pub credit: Option<&'a str>,
    pub authors: &'a [String],
    pub editors: &'a [String],
    pub published: Option<String>,
    pub modified: Option<String>,
    pub dateline: Option<&'a str>,
    pub language: Option<&'a str>,
    pub version: u32,
    pub previous: Option<&'a str>,
    pub ingested_at: &'a str,
}

impl<'a> ArticleSummary<'a> {
    pub fn of(stored: &'a StoredArticle) -> Self {
        let a = &stored.article;
        ArticleSummary {
            id: a.id.as_str(),
            source: &a.origin.path,
            record: a.origin.record.as_deref(),
            format: a.origin.format.name(),
            url: a.url.as_deref(),
            title: a.title.as_deref(),
            outlet: a.outlet.as_deref(),
            credit: a.credit.as_deref(),
            authors: &a.authors,
            editors: &a.editors,
            published: a.published.map(|m| m.to_string()),
            modified: a.modified.map(|m| m.to_string()),
            dateline: a.dateline.as_deref(),
            language: a.language.as_deref(),
            version: stored.version,
            previous: stored.previous.as_ref().map(|p| p.as_str()),
            ingested_at: &stored.ingested_at,
        }
    }
}

#[derive(Serialize)]
struct ParagraphView<'a> {
    text: &'a str,
    kind: ParagraphKind,
    start: usize,
    end: usize,
    /// Byte range in the decoded raw record (`warta show ID --raw`), when known.
    raw: Option<Span>,
}

/// `warta show ID --json`: the summary plus the text and everything removed from it.
#[derive(Serialize)]
struct ArticleDetail<'a> {
    #[serde(flatten)]
    summary: ArticleSummary<'a>,
    canonical_url: Option<&'a str>,
    description: Option<&'a str>,
    compression: Option<warta_model::Compression>,
    encoding: &'a str,
    text: &'a str,
    paragraphs: Vec<ParagraphView<'a>>,
    removed: &'a [warta_model::Removed],
    warnings: &'a [String],
    extra: &'a Map<String, Value>,
    /// Which analyzer produced the fields below (null when the article was never analyzed).
    analyzer: Option<&'a str>,
    entities: &'a [warta_model::Entity],
    quotes: &'a [warta_model::Quote],
    times: &'a [warta_model::TimeExpression],
    quantities: &'a [warta_model::Quantity],
}

fn detail<'a>(stored: &'a StoredArticle, analysis: Option<&'a (String, Analysis)>) -> ArticleDetail<'a> {
    let a = &stored.article;
    ArticleDetail {
        summary: ArticleSummary::of(stored),
        canonical_url: a.canonical_url.as_deref(),
        description: a.description.as_deref(),
        compression: a.origin.compression,
        encoding: &a.origin.encoding,
        text: &a.text,
        paragraphs: a
            .paragraphs
            .iter()
            .map(|p| ParagraphView { text: &a.text[p.span.start..p.span.end], kind: p.kind, start: p.span.start, end: p.span.end, raw: p.raw })
            .collect(),
        removed: &a.removed,
        warnings: &a.warnings,
        extra: &a.extra,
        analyzer: analysis.map(|(analyzer, _)| analyzer.as_str()),
        entities: analysis.map_or(&[], |(_, x)| &x.entities),
        quotes: analysis.map_or(&[], |(_, x)| &x.quotes),
        times: analysis.map_or(&[], |(_, x)| &x.times),
        quantities: analysis.map_or(&[], |(_, x)| &x.quantities),
    }
}

pub fn print_articles(articles: &[StoredArticle], global: &Global) -> anyhow::Result<()> {
    if global.json {
        let views: Vec<ArticleSummary<'_>> = articles.iter().map(ArticleSummary::of).collect();
        outln!("{}", serde_json::to_string_pretty(&views)?);
        return Ok(());
    }
    if articles.is_empty() {
        outln!("No articles stored yet. Add some with `warta ingest PATH`.");
        return Ok(());
    }
    let mut out = std::io::stdout().lock();
    writeln!(out, "{:<16}  {:<16}  {:<4}  {:<20}  TITLE", "ID", "PUBLISHED", "LANG", "OUTLET")?;
    for stored in articles {
        let a = &stored.article;
        let published = a.published.map(|m| m.local().strftime("%Y-%m-%d %H:%M").to_string()).unwrap_or_else(|| "-".into());
        let version = if stored.version > 1 { format!(" (v{})", stored.version) } else { String::new() };
        writeln!(
            out,
            "{:<16}  {:<16}  {:<4}  {:<20}  {}{}",
            a.id,
            published,
            a.language.as_deref().unwrap_or("?"),
            truncate(a.outlet.as_deref().unwrap_or("-"), 20),
            truncate(&display_title(a), 70),
            version
        )?;
    }
    Ok(())
}

/// The title, or the opening words when the page had none, marked as such.
fn display_title(a: &Article) -> String {
    match &a.title {
        Some(t) => t.clone(),
        None => format!("[untitled] {}", a.text.split_whitespace().take(12).collect::<Vec<_>>().join(" ")),
    }
}

fn truncate(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        s.to_string()
    } else {
        let mut t: String = s.chars().take(max.saturating_sub(1)).collect();
        t.push('…');
        t
    }
}

pub fn print_article(stored: &StoredArticle, analysis: Option<&(String, Analysis)>, global: &Global) -> anyhow::Result<()> {
    if global.json {
        outln!("{}", serde_json::to_string_pretty(&detail(stored, analysis))?);
        return Ok(());
    }
    let a = &stored.article;
    let mut out = std::io::stdout().lock();
    writeln!(out, "{}", display_title(a))?;
    writeln!(out, "{}", "=".repeat(display_title(a).chars().count().min(78)))?;
    let field = |out: &mut dyn Write, name: &str, value: Option<String>| -> std::io::Result<()> {
        if let Some(v) = value.filter(|v| !v.is_empty()) {
            writeln!(out, "{name:<10} {v}")?;
        }
        Ok(())
    };
    field(&mut out, "id", Some(format!("{}  (version {}{})", a.id, stored.version, stored.previous.as_ref().map(|p| format!(", previous {p}")).unwrap_or_default())))?;
    field(&mut out, "outlet", a.outlet.clone())?;
    field(&mut out, "credit", a.credit.clone())?;
    field(&mut out, "dateline", a.dateline.clone())?;
    field(&mut out, "published", a.published.map(|m| m.to_string()))?;
    field(&mut out, "modified", a.modified.map(|m| m.to_string()))?;
    field(&mut out, "authors", Some(a.authors.join("; ")))?;
    field(&mut out, "editors", Some(a.editors.join("; ")))?;
    field(&mut out, "language", a.language.clone())?;
    field(&mut out, "url", a.url.clone())?;
    let mut source = a.origin.path.clone();
    if let Some(record) = &a.origin.record {
        source.push_str(&format!(", {record}"));
    }
    source.push_str(&format!(" [{}", a.origin.format.name()));
    if let Some(c) = a.origin.compression {
        source.push_str(&format!(", {c:?}").to_lowercase());
    }
    source.push_str(&format!(", {}]", a.origin.encoding));
    field(&mut out, "source", Some(source))?;
    writeln!(out)?;
    let marks = analysis.map(|(_, x)| highlights(x)).unwrap_or_default();
    let color = std::io::stdout().is_terminal();
    for p in &a.paragraphs {
        let text = highlighted(&a.text, p.span, &marks, color);
        match p.kind {
            ParagraphKind::Heading => writeln!(out, "## {text}\n")?,
            ParagraphKind::Body => writeln!(out, "{text}\n")?,
        }
    }
    if let Some((analyzer, x)) = analysis {
        write_analysis(&mut out, &a.text, x, analyzer)?;
    }
    if !a.removed.is_empty() {
        writeln!(out, "Removed ({}):", a.removed.len())?;
        for r in &a.removed {
            writeln!(out, "  [{}] {}", r.reason, truncate(&r.text, 100))?;
        }
    }
    if !a.warnings.is_empty() {
        writeln!(out, "Warnings:")?;
        for w in &a.warnings {
            writeln!(out, "  {w}")?;
        }
    }
    Ok(())
}

pub fn print_raw(raw: &[u8], stored: &StoredArticle, global: &Global) -> anyhow::Result<()> {
    if global.json {
        let view = serde_json::json!({
            "id": stored.article.id,
            "encoding": stored.article.origin.encoding,
            "raw": String::from_utf8_lossy(raw),
        });
        outln!("{}", serde_json::to_string_pretty(&view)?);
    } else {
        std::io::stdout().lock().write_all(raw)?;
    }
    Ok(())
}

#[derive(Serialize)]
struct AnalyzeReport<'a> {
    ingest: &'a Report,
    events: &'a [warta_relate::events::Event],
    storylines: &'a [warta_relate::events::Storyline],
    briefs: Vec<Value>,
    reuse: &'a [warta_relate::ReuseLink],
    articles: Vec<ArticleSummary<'a>>,
    outlets: BTreeMap<&'a str, usize>,
    languages: BTreeMap<&'a str, usize>,
}

/// The report of `warta analyze`. Until events exist it describes the articles found.
pub fn print_analysis(
    report: &Report,
    articles: &[StoredArticle],
    reuse: &[warta_relate::ReuseLink],
    clustering: &warta_relate::events::Clustering,
    items: &[(Article, Analysis)],
    global: &Global,
) -> anyhow::Result<()> {
    let mut outlets = BTreeMap::new();
    let mut languages = BTreeMap::new();
    for stored in articles {
        *outlets.entry(stored.article.outlet.as_deref().unwrap_or("(unknown outlet)")).or_insert(0) += 1;
        *languages.entry(stored.article.language.as_deref().unwrap_or("(unknown)")).or_insert(0) += 1;
    }
    if global.json {
        let mut briefs = Vec::new();
        for event in &clustering.events {
            briefs.push(serde_json::from_str(&crate::events::brief_text(event, items, crate::events::BriefFormat::Json)?)?);
        }
        let analysis = AnalyzeReport { ingest: report, events: &clustering.events, storylines: &clustering.storylines, briefs, reuse, articles: articles.iter().map(ArticleSummary::of).collect(), outlets, languages };
        outln!("{}", serde_json::to_string_pretty(&analysis)?);
        return Ok(());
    }
    let mut out = std::io::stdout().lock();
    writeln!(out, "{} articles from {} outlets", articles.len(), outlets.len())?;
    let join = |m: &BTreeMap<&str, usize>| m.iter().map(|(k, v)| format!("{k} {v}")).collect::<Vec<_>>().join(", ");
    writeln!(out, "outlets:   {}", join(&outlets))?;
    writeln!(out, "languages: {}\n", join(&languages))?;
    drop(out);
    let mut sorted: Vec<StoredArticle> = articles.to_vec();
    sorted.sort_by(|a, b| b.article.published.cmp(&a.article.published));
    print_articles(&sorted, global)?;
    if !reuse.is_empty() {
        let outlet = |id: &warta_model::ArticleId| {
            let a = articles.iter().find(|s| &s.article.id == id);
            format!("{} ({})", a.and_then(|s| s.article.outlet.as_deref()).unwrap_or("?"), &id.as_str()[..8])
        };
        outln!("\nReuse ({} links; details with `warta reuse`):", reuse.len());
        for l in reuse {
            outln!("  {} → {}: {} {:.2}", outlet(&l.source), outlet(&l.derived), l.kind.name(), l.score);
        }
    }
    outln!("\nEvents ({}; storylines: {}):", clustering.events.len(), clustering.storylines.len());
    for e in &clustering.events {
        outln!("  {}  {} articles, {} outlets  {}", e.id, e.articles.len(), e.outlets.len(), e.title.as_deref().unwrap_or("(untitled)"));
    }
    for event in &clustering.events {
        outln!("\n{}", crate::events::brief_text(event, items, crate::events::BriefFormat::Markdown)?);
    }
    outln!("\nShow an article with `warta show ID`, an event with `warta event ID`.");
    Ok(())
}

/// What kind of finding a highlighted stretch of text is.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Mark {
    Entity,
    Quote,
    Time,
    Quantity,
}

impl Mark {
    /// ANSI colours on a terminal; brackets that survive copy and paste otherwise.
    fn open(self, color: bool) -> &'static str {
        match (self, color) {
            (Mark::Entity, true) => "\x1b[1;36m",
            (Mark::Quote, true) => "\x1b[32m",
            (Mark::Time, true) => "\x1b[1;33m",
            (Mark::Quantity, true) => "\x1b[1;35m",
            (Mark::Entity, false) => "[",
            (Mark::Quote, false) => "«",
            (Mark::Time, false) => "{",
            (Mark::Quantity, false) => "<",
        }
    }

    fn close(self, color: bool) -> &'static str {
        match (self, color) {
            (_, true) => "\x1b[0m",
            (Mark::Entity, false) => "]",
            (Mark::Quote, false) => "»",
            (Mark::Time, false) => "}",
            (Mark::Quantity, false) => ">",
        }
    }
}

fn highlights(x: &Analysis) -> Vec<(Span, Mark)> {
    let mut marks: Vec<(Span, Mark)> = Vec::new();
    for e in &x.entities {
        marks.extend(e.mentions.iter().map(|m| (m.span(), Mark::Entity)));
    }
    marks.extend(x.times.iter().map(|t| (Span::new(t.start, t.end), Mark::Time)));
    marks.extend(x.quantities.iter().map(|q| (Span::new(q.start, q.end), Mark::Quantity)));
    marks.extend(x.quotes.iter().filter(|q| q.kind != warta_model::QuoteKind::Fragment).map(|q| (Span::new(q.start, q.end), Mark::Quote)));
    marks.sort_by_key(|(s, m)| (s.start, std::cmp::Reverse(s.end), *m));
    marks
}

/// The paragraph at `span` with findings marked. Overlapping marks are dropped rather
/// than nested (a quote containing names shows the quote), so the markup always balances.
fn highlighted(text: &str, span: Span, marks: &[(Span, Mark)], color: bool) -> String {
    let mut out = String::new();
    let mut at = span.start;
    for (s, mark) in marks.iter().filter(|(s, _)| s.start >= span.start && s.end <= span.end) {
        if s.start < at || !text.is_char_boundary(s.start) || !text.is_char_boundary(s.end) {
            continue;
        }
        out.push_str(&text[at..s.start]);
        out.push_str(mark.open(color));
        out.push_str(&text[s.start..s.end]);
        out.push_str(mark.close(color));
        at = s.end;
    }
    out.push_str(&text[at..span.end]);
    out
}

fn write_analysis(out: &mut dyn Write, text: &str, x: &Analysis, analyzer: &str) -> std::io::Result<()> {
    writeln!(out, "Entities ({}):", x.entities.len())?;
    for e in &x.entities {
        let kind = serde_json::to_value(e.kind).ok().and_then(|v| v.as_str().map(str::to_string)).unwrap_or_default();
        let mut line = format!("  {} ({kind}, {}) ×{}", e.name, e.id, e.mentions.len());
        if !e.aliases.is_empty() {
            line.push_str(&format!(" aka {}", e.aliases.join(", ")));
        }
        if let Some(government) = &e.stands_for {
            line.push_str(&format!(" — stands for {government}"));
        }
        writeln!(out, "{line}")?;
        for r in &e.roles {
            writeln!(out, "      role: {} [{}..{}]", r.text, r.start, r.end)?;
        }
    }
    writeln!(out, "\nQuotes ({}):", x.quotes.len())?;
    for q in &x.quotes {
        let kind = match q.kind {
            warta_model::QuoteKind::Direct => "direct",
            warta_model::QuoteKind::Indirect => "indirect",
            warta_model::QuoteKind::Fragment => "fragment",
        };
        let speaker = q.speaker.as_deref().unwrap_or("(unattributed)");
        // The source as the text names it, when that says more than the name.
        let written = q.source.and_then(|s| text.get(s.start..s.end)).filter(|w| *w != speaker).map(|w| format!(" (\"{}\")", truncate(w, 80))).unwrap_or_default();
        writeln!(out, "  {speaker}{written} [{kind}, {}..{}]: {}", q.start, q.end, truncate(&q.text, 110))?;
    }
    writeln!(out, "\nTimes ({}):", x.times.len())?;
    for t in &x.times {
        let flags = if t.flags.is_empty() { String::new() } else { format!("  ⚠ {}", t.flags.join("; ")) };
        writeln!(out, "  {} → {} ({}){flags}", t.text, t.value, t.anchor)?;
    }
    writeln!(out, "\nQuantities ({}):", x.quantities.len())?;
    for q in &x.quantities {
        let bound = serde_json::to_value(q.bound).ok().and_then(|v| v.as_str().map(str::to_string)).unwrap_or_default();
        // "1200000 mobil" when the number counts a thing, "10 tonne of beras" when it
        // measures it.
        let unit = q.unit.as_deref().map(|u| format!(" {u}")).unwrap_or_default();
        let of = if q.unit.is_some() { " of" } else { "" };
        let counted = q.counted.as_deref().map(|c| format!("{of} {c}")).unwrap_or_default();
        let upper = q.upper.map(|u| format!("–{u}")).unwrap_or_default();
        writeln!(out, "  {} → {}{upper}{unit}{counted} ({bound})", q.text, q.value)?;
    }
    writeln!(out, "\n(analyzed by {analyzer})")
}
