//! `warta reuse`: who copied whom among the stored articles, with the aligned passages
//! as evidence. Links are computed from the stored articles each time (candidates come
//! from a fingerprint index, so the cost grows near-linearly with the store).

use std::collections::HashMap;
use std::io::Write;

use anyhow::bail;
use warta_model::Article;
use warta_relate::{find_reuse, originality, ReuseLink};
use warta_store::Store;

use crate::Global;

pub fn run(store: &dyn Store, pair: &[String], dot: bool, global: &Global) -> anyhow::Result<u8> {
    let articles: Vec<Article> = store.articles(None)?.into_iter().map(|s| s.article).collect();
    let links = find_reuse(&articles);
    let by_id: HashMap<&str, &Article> = articles.iter().map(|a| (a.id.as_str(), a)).collect();
    match pair {
        [] if dot => print_dot(&links, &by_id)?,
        [] if global.json => outln!("{}", serde_json::to_string_pretty(&links)?),
        [] => print_table(&links, &articles, &by_id)?,
        [a, b] => {
            let a = store.article(a)?.article.id;
            let b = store.article(b)?.article.id;
            let Some(link) = links.iter().find(|l| (l.source == a && l.derived == b) || (l.source == b && l.derived == a)) else {
                if global.json {
                    outln!("null");
                } else {
                    outln!("No reuse found between {a} and {b}: they share no passage (covering the same event is not reuse).");
                }
                return Ok(0);
            };
            if global.json {
                outln!("{}", serde_json::to_string_pretty(link)?);
            } else {
                print_pair(link, &by_id)?;
            }
        }
        _ => bail!("give no id (all links) or exactly two ids (one pair's passages); see `warta reuse --help`"),
    }
    Ok(0)
}

fn label(article: Option<&&Article>) -> String {
    match article {
        Some(a) => format!("{} {}", a.id, a.outlet.as_deref().unwrap_or("(unknown outlet)")),
        None => "(missing)".into(),
    }
}

fn print_table(links: &[ReuseLink], articles: &[Article], by_id: &HashMap<&str, &Article>) -> anyhow::Result<()> {
    if links.is_empty() {
        outln!("No reuse found among {} articles.", articles.len());
        return Ok(());
    }
    outln!("{:<38} {:<38} {:<11} {:>5} {:>4} {:>8}", "SOURCE", "DERIVED", "KIND", "SCORE", "DIR", "PASSAGES");
    for l in links {
        outln!(
            "{:<38} {:<38} {:<11} {:>5.2} {:>4.2} {:>8}",
            truncate(&label(by_id.get(l.source.as_str())), 38),
            truncate(&label(by_id.get(l.derived.as_str())), 38),
            l.kind.name(),
            l.score,
            l.direction_confidence,
            l.passages.len()
        );
        for q in &l.altered_quotes {
            outln!("    altered quote: “{}” → “{}”", truncate(&q.source_text, 60), truncate(&q.derived_text, 60));
        }
    }
    outln!("\nOriginality (share of the text not taken from another article):");
    let mut derived: Vec<&Article> = articles.iter().filter(|a| links.iter().any(|l| l.derived == a.id)).collect();
    derived.sort_by(|a, b| originality(a, links).total_cmp(&originality(b, links)));
    for a in derived {
        outln!("  {:>4.0}%  {}", originality(a, links) * 100.0, label(Some(&a)));
    }
    outln!("\nSee one pair's passages with `warta reuse SOURCE DERIVED`.");
    Ok(())
}

fn print_pair(link: &ReuseLink, by_id: &HashMap<&str, &Article>) -> anyhow::Result<()> {
    let (Some(source), Some(derived)) = (by_id.get(link.source.as_str()), by_id.get(link.derived.as_str())) else {
        bail!("the linked articles are no longer in the store");
    };
    outln!("{} → {}", label(Some(source)), label(Some(derived)));
    outln!("kind {}, score {:.2}; direction {:.0}% sure: {}", link.kind.name(), link.score, link.direction_confidence * 100.0, link.direction_reason);
    outln!("originality of the derived article: {:.0}%\n", originality(derived, std::slice::from_ref(link)) * 100.0);
    let mut out = std::io::stdout().lock();
    for (i, p) in link.passages.iter().enumerate() {
        let left = source.text.get(p.source_span.start..p.source_span.end).unwrap_or("");
        let right = derived.text.get(p.derived_span.start..p.derived_span.end).unwrap_or("");
        writeln!(out, "── passage {} · similarity {:.2} ──", i + 1, p.similarity)?;
        for (l, r) in side_by_side(left, right, 58) {
            writeln!(out, "{l:<58} │ {r}")?;
        }
        writeln!(out)?;
    }
    for q in &link.altered_quotes {
        writeln!(out, "Altered quote:\n  source:  “{}”\n  derived: “{}”", q.source_text, q.derived_text)?;
    }
    Ok(())
}

/// Two texts wrapped to `width` columns and paired line by line.
fn side_by_side(left: &str, right: &str, width: usize) -> Vec<(String, String)> {
    let (l, r) = (wrap(left, width), wrap(right, width));
    (0..l.len().max(r.len()))
        .map(|i| (l.get(i).cloned().unwrap_or_default(), r.get(i).cloned().unwrap_or_default()))
        .collect()
}

fn wrap(text: &str, width: usize) -> Vec<String> {
    let mut lines = vec![String::new()];
    for word in text.split_whitespace() {
        let last = lines.last_mut().map(|l| l.chars().count()).unwrap_or(0);
        if last > 0 && last + 1 + word.chars().count() > width {
            lines.push(String::new());
        }
        if let Some(line) = lines.last_mut() {
            if !line.is_empty() {
                line.push(' ');
            }
            line.push_str(word);
        }
    }
    lines
}

fn truncate(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        s.to_string()
    } else {
        s.chars().take(max - 1).chain(std::iter::once('…')).collect()
    }
}

/// Graphviz: articles as nodes labelled with their outlet, links as edges labelled with
/// the kind.
fn print_dot(links: &[ReuseLink], by_id: &HashMap<&str, &Article>) -> anyhow::Result<()> {
    let escape = |s: &str| s.replace('\\', "\\\\").replace('"', "\\\"");
    outln!("digraph reuse {{\n  rankdir=LR;\n  node [shape=box];");
    let mut nodes: Vec<&str> = links.iter().flat_map(|l| [l.source.as_str(), l.derived.as_str()]).collect();
    nodes.sort();
    nodes.dedup();
    for id in nodes {
        let a = by_id.get(id);
        let outlet = a.and_then(|a| a.outlet.as_deref()).unwrap_or("?");
        let title = a.and_then(|a| a.title.as_deref()).unwrap_or("");
        outln!("  \"{id}\" [label=\"{}\\n{}\\n{id}\"];", escape(outlet), escape(&truncate(title, 40)));
    }
    for l in links {
        outln!("  \"{}\" -> \"{}\" [label=\"{} {:.2}\"];", l.source, l.derived, l.kind.name(), l.score);
    }
    outln!("}}");
    Ok(())
}
