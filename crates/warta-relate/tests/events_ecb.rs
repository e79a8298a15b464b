//! Event clustering on ECB+ (`shared/datasets/ecbplus`): all documents of all topics in
//! one run, scored with B-cubed against the gold events. A benchmark, so ignored by
//! default; run it in release mode:
//!
//! ```sh
//! cargo test -p warta-relate --release --test events_ecb -- --ignored --nocapture
//! ```
//!
//! Analyses are cached under the target directory so that a configuration sweep
//! (`EVENTS_SWEEP=1`) does not analyse the corpus again.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use warta_model::{Analysis, ArticleId};
use warta_relate::events::bench::{fit_link_weights, load_ecb, score_ecb};
use warta_relate::events::{EventConfig, LinkWeights};

fn dataset() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/datasets/ecbplus")
}

#[test]
#[ignore = "benchmark: run with --release -- --ignored"]
fn ecbplus_event_clustering() {
    let dir = dataset();
    if !dir.is_dir() {
        println!("skipped: ECB+ not found at {}", dir.display());
        return;
    }
    let cache_path = Path::new(env!("CARGO_TARGET_TMPDIR")).join("ecbplus-analyses.json");
    let cache: HashMap<ArticleId, Analysis> = std::fs::read(&cache_path)
        .ok()
        .and_then(|b| serde_json::from_slice(&b).ok())
        .unwrap_or_default();
    let started = std::time::Instant::now();
    let corpus = load_ecb(&dir, |a| cache.get(&a.id).cloned().unwrap_or_else(|| warta_analyze::analyze(a)))
        .expect("ECB+ folder readable");
    println!("loaded and analysed {} documents in {:.1}s", corpus.documents.len(), started.elapsed().as_secs_f64());
    let fresh: HashMap<&ArticleId, &Analysis> = corpus.documents.iter().map(|d| (&d.article.id, &d.analysis)).collect();
    if let Ok(json) = serde_json::to_vec(&fresh) {
        let _ = std::fs::write(&cache_path, json);
    }

    let started = std::time::Instant::now();
    let report = score_ecb(&corpus, &EventConfig::default());
    println!("clustered in {:.2}s", started.elapsed().as_secs_f64());
    println!("{}", report.summary());
    for t in &report.topics {
        println!(
            "topic {:2}: ecb {:2} ecbplus {:2} events {:2} mixed {} confused pairs {}/{}",
            t.topic, t.ecb_documents, t.ecbplus_documents, t.events, t.mixed_events, t.confused_pairs, t.cross_pairs
        );
    }

    // The default `LinkWeights` are this fit, rounded (see BENCHMARKS.md).
    let base = EventConfig::default();
    println!("weights fitted on train-topic document pairs: {:?}", fit_link_weights(&corpus, base.consolidation.entities));

    if std::env::var_os("EVENTS_SWEEP").is_some() {
        // Comma-separated values to try, from the environment: EVENTS_JOIN,
        // EVENTS_CONSOLIDATE, EVENTS_CONSOLIDATE_ENTITIES, EVENTS_CONSOLIDATE_NAMES,
        // EVENTS_CONSOLIDATE_YEARS (the weights default to the configured ones).
        let list = |name: &str, default: &str| -> Vec<f64> {
            std::env::var(name).unwrap_or(default.into()).split(',').filter_map(|v| v.parse().ok()).collect()
        };
        let w = &base.consolidation;
        for join in list("EVENTS_JOIN", "0.3,0.5,0.7") {
            for consolidate in list("EVENTS_CONSOLIDATE", "0.38,0.42,0.46,0.5") {
                for entities in list("EVENTS_CONSOLIDATE_ENTITIES", &w.entities.to_string()) {
                    for names in list("EVENTS_CONSOLIDATE_NAMES", &w.names.to_string()) {
                        for years in list("EVENTS_CONSOLIDATE_YEARS", &w.years.to_string()) {
                            let consolidation = LinkWeights { entities, names, years, ..w.clone() };
                            let config = EventConfig { join, merge: join + 0.15, consolidate, consolidation, ..base.clone() };
                            let r = score_ecb(&corpus, &config);
                            println!(
                                "join {join:.2} consolidate {consolidate:.2} entities {entities:.2} names {names:.2} years {years:.2}: train F1 {:.3} (P {:.3} R {:.3}) dev F1 {:.3} all F1 {:.3} purity {:.3} events {}",
                                r.train.f1, r.train.precision, r.train.recall, r.dev.f1, r.all.f1, r.topic_purity, r.predicted_events
                            );
                        }
                    }
                }
            }
        }
    }
    assert!(report.topic_purity > 0.9, "topics must stay pure: {}", report.topic_purity);
}
