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
    /// data set and per type, on the dev splits and on any test splits (test.txt beside
    /// them), with the shipped model. The shipped model learned from the dev splits too;
    /// a split it has seen (same file contents) is scored with a model trained the same way
    /// on the train splits alone (about a minute), marked held-out. Rows "title-cased"
    /// score the cased sets' sentences written as title-case headlines, run as on articles.
    ///
    /// PATH is a folder like ../shared/datasets/ner-id (nergrit/, nerp/, idner-news-2k/);
    /// English is scored on the dev topics of ECB+ found beside it (../ecbplus).
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
    /// Briefs: share of summary sentences supported by their cited spans (goal: all),
    /// redundancy between summary sentences, and coverage of each event's key entities
    /// and dates.
    ///
    /// PATH is either ECB+ topic folders (briefs of the gold events) or any folder of
    /// articles warta can ingest (briefs of the events warta finds); it defaults to
    /// ../shared/datasets/ecbplus.
    ///
    /// With --llm, each brief's abstractive summary is also asked of the configured
    /// model and checked: how many generated sentences the sources they cite support.
    ///
    /// Example: warta bench brief ../shared/datasets/ecbplus
    ///          warta bench brief examples/
    ///          warta bench brief examples/ --llm --llm-url http://localhost:11434/v1 --llm-model qwen2.5:7b
    #[command(verbatim_doc_comment)]
    Brief {
        path: Option<PathBuf>,
        #[command(flatten)]
        llm: crate::llm::LlmArgs,
    },
    /// Whole-analysis speed: every article of the PATHs (any input warta ingests) run
    /// through the full analyze stage (NER, entities, quotes, times, quantities) on one
    /// thread, repeated until --seconds have passed; articles per second per core, mean
    /// article length and the share of each stage.
    ///
    /// PATHs default to the sample corpus ../shared/corpus/seeds and the news texts of
    /// the data sets (../shared/datasets/timex-id/raw-dev, Indonesian Kompas articles;
    /// ../shared/datasets/quotes-en/dev/text, English US news).
    ///
    /// Example: warta bench analyze ../shared/corpus/seeds ../shared/datasets/timex-id/raw-dev
    #[command(verbatim_doc_comment)]
    Analyze {
        paths: Vec<PathBuf>,
        /// Keep analysing the articles again until this many seconds have passed.
        #[arg(long, default_value_t = 3.0)]
        seconds: f64,
    },
}

#[derive(Subcommand)]
pub enum Train {
    /// Word classes for the named-entity features, from the training splits' sentences
    /// without their labels and the Indonesian and English articles of any --text
    /// folders: bigram clusters (resources/common/word-clusters.tsv) and classes of
    /// context vectors (resources/common/word-vector-classes.tsv). Deterministic; about
    /// 7 minutes for 1.5 M words. Retrain the NER model afterwards.
    ///
    /// Example: warta train clusters --data ../shared/datasets/ner-id --text ../shared/datasets/timex-id/raw-dev \
    ///              --text ../shared/datasets/quotes-en/train/text
    #[command(verbatim_doc_comment)]
    Clusters {
        /// The ner-id folder (defaults to ../shared/datasets/ner-id).
        #[arg(long)]
        data: Option<PathBuf>,
        /// Folders of unlabelled articles to learn from as well (those in other languages
        /// than Indonesian and English are skipped).
        #[arg(long)]
        text: Vec<PathBuf>,
        /// Where to write the clusters.
        #[arg(long, default_value = "resources/common/word-clusters.tsv")]
        out: PathBuf,
        /// Where to write the context-vector classes.
        #[arg(long, default_value = "resources/common/word-vector-classes.tsv")]
        vectors_out: PathBuf,
    },
    /// How running text writes each word, counted inside sentences of the cased training
    /// splits of the ner-id folder (Indonesian) and of the articles in the --text folders
    /// (each in its language): the lower-case word lists with which headlines in title
    /// case are read (resources/id/lower-case-words.txt, resources/en/lower-case-words.txt)
    /// and the capitalisation counts the NER model reads as a feature
    /// (resources/common/word-capitalisation.tsv). Deterministic; retrain the NER model
    /// and rebuild warta afterwards.
    ///
    /// Example: warta train case --data ../shared/datasets/ner-id --text ../shared/datasets/reuse-id \
    ///              --text ../shared/datasets/timex-id/raw-dev --text ../shared/corpus/seeds \
    ///              --text ../shared/datasets/quotes-en/train/text --text ../shared/datasets/article-extraction/html
    #[command(verbatim_doc_comment)]
    Case {
        /// The ner-id folder (defaults to ../shared/datasets/ner-id).
        #[arg(long)]
        data: Option<PathBuf>,
        /// Folders of articles (Indonesian or English) to count words in as well.
        #[arg(long)]
        text: Vec<PathBuf>,
        /// The resources folder; each list goes to <lang>/lower-case-words.txt in it, the
        /// counts to common/word-capitalisation.tsv.
        #[arg(long, default_value = "resources")]
        out: PathBuf,
    },
    /// The named-entity model shipped in crates/warta-analyze/models/ner.bin, rebuilt
    /// from the labeled data: the ner-id folder and, for English, the ECB+ train topics
    /// beside it in ../ecbplus (deterministic: the same data gives the same file).
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
        Train::Clusters { data, text, out, vectors_out } => {
            let dir = match data {
                Some(p) => p,
                None => dataset("ner-id")?,
            };
            let started = std::time::Instant::now();
            let mut sentences = warta_analyze::ner::unlabelled_training_text(&dir).map_err(|e| anyhow::anyhow!("{e}"))?;
            let mut sources = vec![format!("the training splits of {} (labels dropped)", dir.display())];
            for folder in &text {
                let articles: Vec<_> = read_articles(folder)?.into_iter().filter(|a| a.language.as_deref().is_some_and(|l| warta_analyze::ner::LANGUAGES.contains(&l))).collect();
                for a in &articles {
                    sentences.extend(warta_analyze::ner::text_sentences(&a.text));
                }
                sources.push(format!("{} articles of {}", articles.len(), folder.display()));
            }
            let tokens: usize = sentences.iter().map(Vec::len).sum();
            let source = format!("{} ({tokens} tokens)", sources.join(", "));
            // Two steps of minutes each: the bar ticks on its own to show the time going.
            let bar = crate::ingest::progress_bar(2, "building word classes (bigram clusters, then context vectors)", "steps", global);
            bar.enable_steady_tick(std::time::Duration::from_millis(250));
            let file = warta_analyze::ner::build_clusters(&sentences, &warta_analyze::ner::ClusterOptions::default(), &source);
            std::fs::write(&out, &file).with_context(|| format!("writing the clusters to {}; check the folder exists and is writable", out.display()))?;
            bar.inc(1);
            let vectors = warta_analyze::ner::build_vector_classes(&sentences, &warta_analyze::ner::VectorOptions::default(), &source);
            std::fs::write(&vectors_out, &vectors).with_context(|| format!("writing the context-vector classes to {}; check the folder exists and is writable", vectors_out.display()))?;
            bar.finish_and_clear();
            let seconds = started.elapsed().as_secs_f64();
            let words = file.lines().filter(|l| !l.starts_with('#')).count();
            if global.json {
                outln!("{}", serde_json::json!({"clusters": out.display().to_string(), "vector_classes": vectors_out.display().to_string(), "words": words, "tokens": tokens, "seconds": seconds}));
            } else {
                outln!("wrote {} and {} ({words} words from {tokens} tokens) in {seconds:.0} s; retrain the NER model (warta train ner) and rebuild warta", out.display(), vectors_out.display());
            }
            Ok(0)
        }
        Train::Case { data, text, out } => {
            let dir = match data {
                Some(p) => p,
                None => dataset("ner-id")?,
            };
            let mut by_language: std::collections::BTreeMap<&str, (Vec<Vec<String>>, Vec<String>)> = Default::default();
            let id = by_language.entry("id").or_default();
            id.0 = warta_analyze::ner::cased_training_text(&dir).map_err(|e| anyhow::anyhow!("{e}"))?;
            id.1.push(format!("the cased training splits of {} (labels dropped)", dir.display()));
            for folder in &text {
                let articles = read_articles(folder)?;
                for language in warta_analyze::ner::LANGUAGES {
                    let theirs: Vec<_> = articles.iter().filter(|a| a.language.as_deref() == Some(language)).collect();
                    if theirs.is_empty() {
                        continue;
                    }
                    let (sentences, sources) = by_language.entry(language).or_default();
                    for a in &theirs {
                        sentences.extend(warta_analyze::ner::text_sentences_as_written(&a.text));
                    }
                    sources.push(format!("{} articles of {}", theirs.len(), folder.display()));
                }
            }
            let mut written = Vec::new();
            for (language, (sentences, sources)) in &by_language {
                let tokens: usize = sentences.iter().map(Vec::len).sum();
                let file = warta_analyze::ner::build_lower_case_words(sentences, &format!("{} ({tokens} tokens)", sources.join(", ")));
                let path = out.join(language).join("lower-case-words.txt");
                std::fs::write(&path, &file).with_context(|| format!("writing {}; pass --out the resources folder", path.display()))?;
                let words = file.lines().filter(|l| !l.starts_with('#')).count();
                written.push(serde_json::json!({"language": language, "file": path.display().to_string(), "words": words, "tokens": tokens}));
                if !global.json {
                    outln!("wrote {} ({words} words from {tokens} tokens)", path.display());
                }
            }
            // One capitalisation file for both languages, as the word clusters are: a name
            // both write ("Jakarta") is one word.
            let all: Vec<&Vec<String>> = by_language.values().flat_map(|(sentences, _)| sentences).collect();
            let sources: Vec<&str> = by_language.values().flat_map(|(_, sources)| sources.iter().map(String::as_str)).collect();
            let tokens: usize = all.iter().map(|s| s.len()).sum();
            let file = warta_analyze::ner::build_capitalisation(&all, &format!("{} ({tokens} tokens)", sources.join(", ")));
            let path = out.join("common").join("word-capitalisation.tsv");
            std::fs::write(&path, &file).with_context(|| format!("writing {}; pass --out the resources folder", path.display()))?;
            let words = file.lines().filter(|l| !l.starts_with('#')).count();
            if global.json {
                outln!("{}", serde_json::json!({"lists": written, "capitalisation": {"file": path.display().to_string(), "words": words, "tokens": tokens}}));
            } else {
                outln!("wrote {} ({words} words from {tokens} tokens)", path.display());
                outln!("retrain the NER model (warta train ner) and rebuild warta to ship them");
            }
            Ok(0)
        }
        Train::Ner { data, out } => {
            let dir = match data {
                Some(p) => p,
                None => dataset("ner-id")?,
            };
            let started = std::time::Instant::now();
            let mut options = warta_analyze::ner::TrainOptions::new(&dir);
            let bar = epoch_bar(&options, "training the NER model", global);
            options.progress = Some(bar.clone());
            let bytes = warta_analyze::ner::train(&options).map_err(|e| anyhow::anyhow!("{e}"))?;
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

/// A progress bar over the epochs of NER training, all runs together (training reports
/// the epochs done over every run); it draws nothing until an epoch ends, so a benchmark
/// that needs no training shows none.
fn epoch_bar(options: &warta_analyze::ner::TrainOptions, doing: &str, global: &Global) -> warta_analyze::ner::EpochProgress {
    let bar = crate::ingest::progress_bar((options.epochs * options.runs.max(1)) as u64, doing, "epochs", global);
    std::sync::Arc::new(move |epoch| {
        bar.set_position(epoch as u64);
        if Some(epoch as u64) == bar.length() {
            bar.finish_and_clear();
        }
    })
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
    shared("datasets", std::env::var_os("WARTA_DATASETS"), name, "pass its folder as PATH or set WARTA_DATASETS")
}

/// Where the shared sample corpus is: `shared/corpus` beside the working copy.
fn corpus(name: &str) -> anyhow::Result<PathBuf> {
    shared("corpus", None, name, "pass the folders of articles to use as PATHs")
}

fn shared(folder: &str, root: Option<std::ffi::OsString>, name: &str, hint: &str) -> anyhow::Result<PathBuf> {
    let mut candidates: Vec<PathBuf> = Vec::new();
    if let Some(root) = root {
        candidates.push(PathBuf::from(root).join(name));
    }
    candidates.push(Path::new("../shared").join(folder).join(name));
    candidates.push(Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared").join(folder).join(name));
    for c in &candidates {
        if c.is_dir() {
            return Ok(c.clone());
        }
    }
    bail!(
        "the {name} folder was not found (looked in {}); {hint}",
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
            let bar = epoch_bar(&warta_analyze::ner::TrainOptions::new(&dir), "training a held-out model (the shipped one learned from the dev splits)", global);
            let report = warta_analyze::ner::bench::evaluate(warta_analyze::ner::shipped(), "shipped", &dir, Some(bar)).map_err(|e| anyhow::anyhow!("{e}"))?;
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
        Bench::Brief { path, llm } => {
            let dir = path.map_or_else(|| dataset("ecbplus"), Ok)?;
            let report = brief_support(&dir, llm.options().as_ref())?;
            if global.json {
                outln!("{}", serde_json::to_string_pretty(&report)?);
            } else {
                outln!("data       {}", dir.display());
                outln!("events     {} ({} articles)", report.events, report.articles);
                outln!("support    {}/{} summary sentences found verbatim at their cited spans ({:.3})", report.supported, report.sentences, report.support);
                outln!("redundancy {:.3} mean of each brief's highest overlap between two summary sentences", report.mean_redundancy);
                outln!("coverage   key entities {:.3}, key dates {:.3} (share mentioned in the brief)", report.entity_coverage, report.date_coverage);
                for u in &report.unsupported {
                    outln!("  unsupported: {u}");
                }
                if let Some(a) = &report.abstractive {
                    outln!(
                        "llm        {}/{} generated sentences supported by the sources they cite ({:.3}); {} of {} requests failed",
                        a.supported, a.sentences, a.support, a.failed, a.requests
                    );
                    for d in &a.dropped {
                        outln!("  dropped: {} — {}", d.text, d.reason);
                    }
                    for e in &a.errors {
                        outln!("  failed: {e}");
                    }
                }
            }
            let llm_failed = report.abstractive.as_ref().is_some_and(|a| a.failed > 0);
            Ok(if llm_failed { crate::exit::LLM_FAILED } else { 0 })
        }
        Bench::Analyze { paths, seconds } => {
            let paths = if paths.is_empty() {
                vec![corpus("seeds")?, dataset("timex-id/raw-dev")?, dataset("quotes-en/dev/text")?]
            } else {
                paths
            };
            let report = analyze_speed(&paths, seconds)?;
            if global.json {
                outln!("{}", serde_json::to_string_pretty(&report)?);
            } else {
                outln!("data       {}", report.data.join(", "));
                let languages: Vec<String> = report.languages.iter().map(|(l, n)| format!("{n} {l}")).collect();
                outln!("articles   {} ({}), mean {:.0} characters ({:.0} bytes), {:.0} tokens", report.articles, languages.join(", "), report.mean_chars, report.mean_bytes, report.mean_tokens);
                outln!("speed      {:.0} articles/s per core ({:.3} ms per article, {:.2} MB/s), {} passes on one thread", report.articles_per_second, report.ms_per_article, report.megabytes_per_second, report.passes);
                match report.cpu_seconds {
                    Some(cpu) => outln!("time       {cpu:.2} s on a CPU in {:.2} s on the clock (the figures above are per CPU second)", report.wall_seconds),
                    None => outln!("time       {:.2} s on the clock (CPU time unknown here; the figures above are per clock second)", report.wall_seconds),
                }
                let t = &report.stages;
                let share = |x: f64| 100.0 * x / t.total().max(1e-12);
                outln!(
                    "stages     NER {:.1}%, entities {:.1}%, words {:.1}%, quotes {:.1}%, times {:.1}%, quantities {:.1}%",
                    share(t.ner),
                    share(t.entities),
                    share(t.words),
                    share(t.quotes),
                    share(t.times),
                    share(t.quantities)
                );
                outln!("warm-up    {:.0} ms for a first untimed pass (it loads the model and data files)", report.warm_up_ms);
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

/// Totals of `warta bench brief`.
#[derive(serde::Serialize)]
struct BriefBench {
    events: usize,
    articles: usize,
    sentences: usize,
    supported: usize,
    support: f64,
    mean_redundancy: f64,
    entity_coverage: f64,
    date_coverage: f64,
    unsupported: Vec<String>,
    /// With `--llm` only.
    #[serde(skip_serializing_if = "Option::is_none")]
    abstractive: Option<AbstractiveBench>,
}

/// What the checker made of a model's summaries over all briefs of `warta bench brief`.
#[derive(serde::Serialize, Default)]
struct AbstractiveBench {
    model: String,
    /// Briefs the model was asked for.
    requests: usize,
    /// Requests that got no usable answer, and why (each reason once).
    failed: usize,
    errors: Vec<String>,
    /// Sentences the model wrote, and those the sources they cite support.
    sentences: usize,
    supported: usize,
    support: f64,
    dropped: Vec<DroppedSentence>,
}

#[derive(serde::Serialize)]
struct DroppedSentence {
    text: String,
    reason: String,
}

impl AbstractiveBench {
    fn add(&mut self, a: warta_report::abstractive::Abstractive) {
        self.model = a.model;
        self.requests += 1;
        if let Some(error) = a.error {
            self.failed += 1;
            if !self.errors.contains(&error) {
                self.errors.push(error);
            }
        }
        for s in a.sentences.into_iter().chain(a.dropped) {
            self.sentences += 1;
            match s.reason {
                None => self.supported += 1,
                Some(reason) => self.dropped.push(DroppedSentence { text: s.text, reason }),
            }
        }
    }
}

/// Groups of articles to brief: the gold events of ECB+ topic folders, or the events
/// warta finds among the articles of any other folder.
fn brief_groups(dir: &Path) -> anyhow::Result<Vec<Vec<(warta_model::Article, warta_model::Analysis)>>> {
    let is_ecb = std::fs::read_dir(dir)
        .with_context(|| format!("reading {}", dir.display()))?
        .filter_map(Result::ok)
        .any(|e| e.path().is_dir() && std::fs::read_dir(e.path()).is_ok_and(|mut files| files.any(|f| f.is_ok_and(|f| f.file_name().to_string_lossy().contains("ecb")))));
    if is_ecb {
        let corpus = warta_relate::events::bench::load_ecb(dir, warta_analyze::analyze).map_err(|e| anyhow::anyhow!("{e}"))?;
        let mut groups: std::collections::BTreeMap<(u32, bool), Vec<_>> = std::collections::BTreeMap::new();
        for d in corpus.documents {
            groups.entry((d.topic, d.plus)).or_default().push((d.article, d.analysis));
        }
        return Ok(groups.into_values().collect());
    }
    let items: Vec<_> = read_articles(dir)?
        .into_iter()
        .map(|article| {
            let analysis = warta_analyze::analyze(&article);
            (article, analysis)
        })
        .collect();
    let clustering = warta_relate::events::cluster_all(&items);
    Ok(clustering
        .events
        .iter()
        .map(|e| items.iter().filter(|(a, _)| e.articles.contains(&a.id)).cloned().collect())
        .collect())
}

fn brief_support(dir: &Path, llm: Option<&crate::llm::LlmOptions>) -> anyhow::Result<BriefBench> {
    let groups = brief_groups(dir)?;
    let mut totals = BriefBench {
        events: 0,
        articles: 0,
        sentences: 0,
        supported: 0,
        support: 0.0,
        mean_redundancy: 0.0,
        entity_coverage: 0.0,
        date_coverage: 0.0,
        unsupported: Vec::new(),
        abstractive: llm.map(|_| AbstractiveBench::default()),
    };
    let (mut entities, mut entities_covered, mut dates, mut dates_covered) = (0, 0, 0, 0);
    for members in groups.iter().filter(|g| !g.is_empty()) {
        let articles: Vec<warta_model::Article> = members.iter().map(|(a, _)| a.clone()).collect();
        let links = warta_relate::find_reuse(&articles);
        let comparison = warta_compare::compare(members, &links);
        let info = warta_report::EventInfo { id: members[0].0.id.to_string(), title: members[0].0.title.clone(), start: None, end: None };
        let brief = warta_report::brief(&info, members, &comparison, &links);
        let check = warta_report::check_support(&brief, members);
        if let (Some(options), Some(bench)) = (llm, totals.abstractive.as_mut()) {
            bench.add(crate::llm::summarise(&brief, members, options));
        }
        totals.events += 1;
        totals.articles += members.len();
        totals.sentences += check.sentences;
        totals.supported += check.supported;
        totals.mean_redundancy += check.redundancy;
        totals.unsupported.extend(check.unsupported);
        entities += check.key_entities.len();
        entities_covered += check.entities_covered.len();
        dates += check.key_dates.len();
        dates_covered += check.dates_covered.len();
    }
    let share = |a: usize, b: usize| if b == 0 { 1.0 } else { a as f64 / b as f64 };
    totals.support = share(totals.supported, totals.sentences);
    totals.mean_redundancy /= totals.events.max(1) as f64;
    totals.entity_coverage = share(entities_covered, entities);
    totals.date_coverage = share(dates_covered, dates);
    if let Some(a) = totals.abstractive.as_mut() {
        a.support = share(a.supported, a.sentences);
    }
    Ok(totals)
}

/// Every article warta extracts from the files under `dir` (in name order; hidden,
/// README and LICENSE files skipped, as ingest does).
fn read_articles(dir: &Path) -> anyhow::Result<Vec<warta_model::Article>> {
    if !dir.exists() {
        bail!("{} does not exist; pass a folder or file of articles", dir.display());
    }
    let mut articles = Vec::new();
    for entry in walkdir::WalkDir::new(dir).sort_by_file_name().into_iter().filter_map(Result::ok).filter(|e| e.file_type().is_file()) {
        let name = entry.file_name().to_string_lossy().to_ascii_uppercase();
        if name.starts_with('.') || name.starts_with("README") || name.starts_with("LICENSE") {
            continue;
        }
        let bytes = std::fs::read(entry.path()).with_context(|| format!("reading {}", entry.path().display()))?;
        articles.extend(warta_extract::extract_file(&entry.path().display().to_string(), &bytes).articles.into_iter().map(|e| e.article));
    }
    Ok(articles)
}

/// What `warta bench analyze` measured.
#[derive(serde::Serialize)]
struct AnalyzeBench {
    data: Vec<String>,
    articles: usize,
    /// Article count per language.
    languages: std::collections::BTreeMap<String, usize>,
    mean_chars: f64,
    mean_bytes: f64,
    mean_tokens: f64,
    passes: usize,
    /// Per CPU-second of the one analysing thread: articles per second per core.
    articles_per_second: f64,
    ms_per_article: f64,
    megabytes_per_second: f64,
    /// Seconds per stage over all passes.
    stages: warta_analyze::StageTimes,
    /// The first, untimed pass: it loads the model and the data files.
    warm_up_ms: f64,
    /// Time the timed passes took on the clock, and on a CPU (what the speed figures
    /// divide by; null where the system does not tell, and the clock is used).
    wall_seconds: f64,
    cpu_seconds: Option<f64>,
}

fn analyze_speed(paths: &[PathBuf], min_seconds: f64) -> anyhow::Result<AnalyzeBench> {
    let mut articles = Vec::new();
    for p in paths {
        articles.extend(read_articles(p)?);
    }
    articles.retain(|a| !a.text.trim().is_empty());
    if articles.is_empty() {
        bail!("no articles with text found in {}", paths.iter().map(|p| p.display().to_string()).collect::<Vec<_>>().join(", "));
    }
    // One untimed pass loads the model and every language's data files.
    let started = std::time::Instant::now();
    for a in &articles {
        std::hint::black_box(warta_analyze::analyze(a));
    }
    let warm_up_ms = started.elapsed().as_secs_f64() * 1000.0;
    let mut stages = warta_analyze::StageTimes::default();
    let mut passes = 0;
    let cpu_started = thread_cpu_seconds();
    let started = std::time::Instant::now();
    while passes == 0 || started.elapsed().as_secs_f64() < min_seconds {
        for a in &articles {
            std::hint::black_box(warta_analyze::analyze_timed(a, &mut stages));
        }
        passes += 1;
    }
    let wall_seconds = started.elapsed().as_secs_f64();
    // Per core means CPU time: on a shared machine the thread also waits for a core.
    let cpu_seconds = cpu_started.zip(thread_cpu_seconds()).map(|(a, b)| b - a).filter(|s| *s > 0.0);
    let seconds = cpu_seconds.unwrap_or(wall_seconds);
    let n = articles.len() as f64;
    let bytes: usize = articles.iter().map(|a| a.text.len()).sum();
    let mut languages = std::collections::BTreeMap::new();
    for a in &articles {
        *languages.entry(a.language.clone().unwrap_or_else(|| "unknown".into())).or_insert(0) += 1;
    }
    let analysed = n * passes as f64;
    Ok(AnalyzeBench {
        data: paths.iter().map(|p| p.display().to_string()).collect(),
        articles: articles.len(),
        languages,
        mean_chars: articles.iter().map(|a| a.text.chars().count()).sum::<usize>() as f64 / n,
        mean_bytes: bytes as f64 / n,
        mean_tokens: articles.iter().map(|a| warta_analyze::tokens::tokens(&a.text).len()).sum::<usize>() as f64 / n,
        passes,
        articles_per_second: analysed / seconds,
        ms_per_article: 1000.0 * seconds / analysed,
        megabytes_per_second: bytes as f64 * passes as f64 / seconds / 1e6,
        stages,
        warm_up_ms,
        wall_seconds,
        cpu_seconds,
    })
}

/// Seconds the calling thread has run on a CPU (Linux `/proc/thread-self/schedstat`);
/// `None` elsewhere.
fn thread_cpu_seconds() -> Option<f64> {
    let stat = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    let nanoseconds: u64 = stat.split_whitespace().next()?.parse().ok()?;
    Some(nanoseconds as f64 / 1e9)
}
