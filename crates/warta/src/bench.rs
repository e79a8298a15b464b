//! `warta bench`: quality and speed on labeled data. Every command takes the data path,
//! so the same measurement runs on held-out splits in the same format.

use std::path::{Path, PathBuf};

use anyhow::{bail, Context};
use clap::Subcommand;

use crate::Global;

#[derive(Subcommand)]
pub enum Bench {
    /// Main-text extraction from HTML: F1, precision and recall over word 4-grams, and speed.
    ///
    /// PATH is a folder in the article-extraction benchmark's format (`html/<id>.html.gz`
    /// and `ground-truth.json`); it defaults to ../shared/datasets/article-extraction.
    ///
    /// Example: warta bench extract ../shared/datasets/article-extraction
    #[command(verbatim_doc_comment)]
    Extract {
        path: Option<PathBuf>,
        /// Also list each page's scores.
        #[arg(long)]
        pages: bool,
    },
    /// Text reuse on a PAN-format corpus: character-level precision, recall, granularity
    /// and plagdet, overall and per obfuscation type.
    ///
    /// PATH holds `source-documents/` and `suspicious-documents/` (with `.xml` cases); it
    /// defaults to ../shared/datasets/reuse-id.
    ///
    /// Example: warta bench reuse ../shared/datasets/reuse-id
    #[command(verbatim_doc_comment)]
    Reuse { path: Option<PathBuf> },
    /// Named entities: entity-level precision, recall and F1 (exact span and type) per
    /// data set and per type, on the dev splits, with the shipped model.
    ///
    /// PATH is a folder like ../shared/datasets/ner-id (nergrit/, nerp/, idner-news-2k/).
    ///
    /// Example: warta bench ner ../shared/datasets/ner-id
    #[command(verbatim_doc_comment)]
    Ner { path: Option<PathBuf> },
    /// Time expressions: span F1 (strict and relaxed) and value accuracy against TimeML
    /// gold files (`*.tml` with a DCT and TIMEX3 tags).
    ///
    /// Example: warta bench time ../shared/datasets/timex-id/gold
    #[command(verbatim_doc_comment)]
    Time { path: Option<PathBuf> },
    /// Quotes: content- and source-span precision, recall and F1 against brat standoff
    /// attributions (PolNeAR layout: text/*.txt and attributions/*.ann).
    ///
    /// Example: warta bench quotes ../shared/datasets/quotes-en/dev
    #[command(verbatim_doc_comment)]
    Quotes { path: Option<PathBuf> },
    /// Events: all documents of all topics clustered in one run, scored with B-cubed
    /// precision, recall and F1 against the gold events, with topic purity and how often
    /// the two events of a topic are confused.
    ///
    /// PATH holds topic folders of ECB+ XML files (`N/N_Mecb.xml`, `N/N_Mecbplus.xml`); it
    /// defaults to ../shared/datasets/ecbplus.
    ///
    /// Example: warta bench events ../shared/datasets/ecbplus
    #[command(verbatim_doc_comment)]
    Events { path: Option<PathBuf> },
}

#[derive(Subcommand)]
pub enum Train {
    /// The named-entity model shipped in crates/warta-analyze/models/ner.bin, rebuilt
    /// from the labeled data (deterministic: the same data gives the same file).
    ///
    /// Example: warta train ner --data ../shared/datasets/ner-id --out crates/warta-analyze/models/ner.bin
    #[command(verbatim_doc_comment)]
    Ner {
        /// The ner-id folder (defaults to ../shared/datasets/ner-id).
        #[arg(long)]
        data: Option<PathBuf>,
        /// Where to write the model.
        #[arg(long, default_value = "crates/warta-analyze/models/ner.bin")]
        out: PathBuf,
    },
}

pub fn train(command: Train, global: &Global) -> anyhow::Result<u8> {
    match command {
        Train::Ner { data, out } => {
            let dir = match data {
                Some(p) => p,
                None => dataset("ner-id")?,
            };
            let started = std::time::Instant::now();
            let bytes = warta_analyze::ner::train(&warta_analyze::ner::TrainOptions::new(&dir)).map_err(|e| anyhow::anyhow!("{e}"))?;
            std::fs::write(&out, &bytes).with_context(|| format!("writing the model to {}; check the folder exists and is writable", out.display()))?;
            let seconds = started.elapsed().as_secs_f64();
            if global.json {
                outln!("{}", serde_json::json!({"model": out.display().to_string(), "bytes": bytes.len(), "seconds": seconds}));
            } else {
                outln!("wrote {} ({} bytes) in {seconds:.0} s; rebuild warta to ship it", out.display(), bytes.len());
            }
            Ok(0)
        }
    }
}

/// Prints a benchmark report as JSON or as its own table.
fn print_report<R: serde::Serialize + std::fmt::Display>(dir: &Path, report: &R, global: &Global) -> anyhow::Result<u8> {
    if global.json {
        outln!("{}", serde_json::to_string_pretty(report)?);
    } else {
        outln!("data       {}", dir.display());
        outln!("{report}");
    }
    Ok(0)
}

/// Where the shared labeled data sets are, unless a path is given: `$WARTA_DATASETS`, or
/// `shared/datasets` beside the working copy as the project lays it out.
fn dataset(name: &str) -> anyhow::Result<PathBuf> {
    let mut candidates: Vec<PathBuf> = Vec::new();
    if let Some(root) = std::env::var_os("WARTA_DATASETS") {
        candidates.push(PathBuf::from(root).join(name));
    }
    candidates.push(Path::new("../shared/datasets").join(name));
    candidates.push(Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/datasets").join(name));
    for c in &candidates {
        if c.is_dir() {
            return Ok(c.clone());
        }
    }
    bail!(
        "the {name} data set was not found (looked in {}); pass its folder as PATH or set WARTA_DATASETS",
        candidates.iter().map(|c| c.display().to_string()).collect::<Vec<_>>().join(", ")
    )
}

pub fn run(command: Bench, global: &Global) -> anyhow::Result<u8> {
    match command {
        Bench::Reuse { path } => {
            let dir = path.map_or_else(|| dataset("reuse-id"), Ok)?;
            let report = warta_relate::bench::evaluate_pan(&dir).map_err(|e| anyhow::anyhow!("{e}"))?;
            print_report(&dir, &report, global)
        }
        Bench::Ner { path } => {
            let dir = path.map_or_else(|| dataset("ner-id"), Ok)?;
            let report = warta_analyze::ner::bench::evaluate(&dir).map_err(|e| anyhow::anyhow!("{e}"))?;
            print_report(&dir, &report, global)
        }
        Bench::Time { path } => {
            let dir = path.map_or_else(|| dataset("timex-id/gold"), Ok)?;
            let report = warta_analyze::time::bench::evaluate(&dir).map_err(|e| anyhow::anyhow!("{e}"))?;
            print_report(&dir, &report, global)
        }
        Bench::Events { path } => {
            let dir = path.map_or_else(|| dataset("ecbplus"), Ok)?;
            let report = warta_relate::events::bench::evaluate_ecb(&dir, warta_analyze::analyze).map_err(|e| anyhow::anyhow!("{e}"))?;
            if global.json {
                outln!("{}", serde_json::to_string_pretty(&report)?);
            } else {
                outln!("data       {}", dir.display());
                outln!("{}", report.summary());
            }
            Ok(0)
        }
        Bench::Quotes { path } => {
            let dir = path.map_or_else(|| dataset("quotes-en/dev"), Ok)?;
            let report = warta_analyze::quotes::bench::evaluate(&dir).map_err(|e| anyhow::anyhow!("{e}"))?;
            print_report(&dir, &report, global)
        }
        Bench::Extract { path, pages } => {
            let dir = match path {
                Some(p) => p,
                None => dataset("article-extraction")?,
            };
            // The one-time model load is reported apart from the per-page figure.
            let load_started = std::time::Instant::now();
            warta_lang::warm_up();
            let warm_up_ms = load_started.elapsed().as_secs_f64() * 1000.0;
            let report = warta_html::benchmark::evaluate(&dir, |html, _url| {
                let outcome = warta_extract::extract_file("page.html", html.as_bytes());
                outcome
                    .articles
                    .first()
                    .map(|e| e.article.paragraph_texts().collect::<Vec<_>>().join("\n"))
                    .unwrap_or_default()
            })
            .map_err(|e| anyhow::anyhow!("{e}"))
            .with_context(|| format!("benchmarking extraction on {}", dir.display()))?;
            if global.json {
                let per_page: Vec<_> = report
                    .per_page
                    .iter()
                    .map(|p| serde_json::json!({"id": p.id, "precision": p.precision, "recall": p.recall, "f1": p.f1}))
                    .collect();
                let view = serde_json::json!({
                    "data": dir.display().to_string(),
                    "pages": report.pages,
                    "f1": report.f1,
                    "precision": report.precision,
                    "recall": report.recall,
                    "pages_per_second": report.pages_per_second,
                    "ms_per_page": report.ms_per_page,
                    "warm_up_ms": warm_up_ms,
                    "per_page": if pages { serde_json::Value::Array(per_page) } else { serde_json::Value::Null },
                });
                outln!("{}", serde_json::to_string_pretty(&view)?);
            } else {
                if pages {
                    for p in &report.per_page {
                        outln!("{}  F1 {:.3}  P {:.3}  R {:.3}", p.id, p.f1, p.precision, p.recall);
                    }
                }
                outln!("data       {}", dir.display());
                outln!("pages      {}", report.pages);
                outln!("F1         {:.4}", report.f1);
                outln!("precision  {:.4}", report.precision);
                outln!("recall     {:.4}", report.recall);
                outln!("speed      {:.0} pages/s ({:.2} ms/page, one thread, whole warta extraction path)", report.pages_per_second, report.ms_per_page);
                outln!("warm-up    {warm_up_ms:.0} ms once per process (language data files and patterns)");
            }
            Ok(0)
        }
    }
}
