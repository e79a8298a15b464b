//! `warta reanalyze`: run the analyze stage again over stored articles after a model or
//! resource change, replacing their stored analyses.

use rayon::prelude::*;
use serde::Serialize;
use warta_model::{Analysis, ArticleId};
use warta_store::Store;

use crate::ingest::progress_bar;
use crate::Global;

/// Articles analyzed per transaction: a kill loses at most this much work.
const PER_TRANSACTION: usize = 200;

#[derive(Serialize)]
struct Summary {
    analyzer: String,
    analyzed: usize,
    already_current: usize,
}

pub fn run(store: &mut dyn Store, all: bool, global: &Global) -> anyhow::Result<u8> {
    let analyzer = warta_analyze::analyzer_version();
    let mut stale: Vec<ArticleId> = Vec::new();
    let ids = store.article_ids()?;
    for id in &ids {
        let current = store.analysis(id)?.is_some_and(|(by, _)| by == analyzer);
        if all || !current {
            stale.push(id.clone());
        }
    }
    let progress = progress_bar(stale.len() as u64, "analyzing", "articles", global);
    for chunk in stale.chunks(PER_TRANSACTION) {
        let articles = chunk.iter().map(|id| store.article(id.as_str()).map(|s| s.article)).collect::<Result<Vec<_>, _>>()?;
        let analyses: Vec<(ArticleId, Analysis)> = articles.par_iter().map(|a| (a.id.clone(), warta_analyze::analyze(a))).collect();
        store.put_analyses(&analyzer, &analyses)?;
        progress.inc(chunk.len() as u64);
    }
    progress.finish_and_clear();
    let summary = Summary { analyzer, analyzed: stale.len(), already_current: ids.len() - stale.len() };
    if global.json {
        outln!("{}", serde_json::to_string_pretty(&summary)?);
    } else {
        outln!("{} articles analyzed by {}; {} were already current", summary.analyzed, summary.analyzer, summary.already_current);
    }
    Ok(0)
}
