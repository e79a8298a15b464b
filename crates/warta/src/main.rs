//! The `warta` command. Thin: it parses arguments, reads inputs, runs the pipeline
//! stages and hands their results to the store and the renderers.

/// `println!` that returns an error instead of panicking when the reader has gone
/// (`warta articles | head`), so the caller can stop quietly.
#[macro_export]
macro_rules! outln {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        writeln!(std::io::stdout(), $($arg)*)?
    }};
}

mod bench;
mod events;
mod ingest;
mod llm;
mod reanalyze;
mod reuse;
mod view;

/// mimalloc, not the system allocator: the analysis makes many small short-lived
/// allocations per sentence, and glibc's malloc and free took 8% of its instructions
/// (`crates/warta-analyze/BENCHMARKS.md`).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand};
use warta_store::{SqliteStore, Store};

/// Exit codes, documented in the README: scripts can tell "some input was bad" from
/// "nothing could be done".
pub mod exit {
    /// Some inputs or records could not be ingested; everything else was stored.
    pub const INPUT_ERRORS: u8 = 1;
    /// `warta brief --llm`: the language model could not be asked (or gave no usable
    /// answer); the extractive brief was printed in full. Same code as a partly failed
    /// ingest: part of the job failed, the rest is done.
    pub const LLM_FAILED: u8 = 1;
    /// Nothing was done: bad arguments, no inputs found, the database cannot be opened.
    pub const FATAL: u8 = 2;
    /// Stopped by Ctrl-C or a signal after storing every finished file.
    pub const INTERRUPTED: u8 = 130;
}

#[derive(Parser)]
#[command(name = "warta", version, about = "News intelligence: which articles tell the same story, who copied whom, what independent outlets confirm.", long_about = None)]
struct Cli {
    #[command(flatten)]
    global: Global,
    #[command(subcommand)]
    command: Command,
}

#[derive(Args, Clone)]
pub struct Global {
    /// The database file (created if missing).
    #[arg(long, global = true, env = "WARTA_DB", default_value = "warta.db")]
    db: PathBuf,
    /// Print machine-readable JSON on standard output instead of text.
    #[arg(long, global = true)]
    json: bool,
}

#[derive(Subcommand)]
enum Command {
    /// Read articles from files, folders, globs or standard input into the store.
    ///
    /// Formats are recognised from the content: text pasted from web pages, HTML pages,
    /// JSON and JSON Lines, RSS and Atom feeds, WARC archives, each optionally gzip- or
    /// zstd-compressed. Folders are read recursively (hidden files and README/LICENSE
    /// files skipped). Ingesting the same input twice stores nothing new.
    ///
    /// Example: warta ingest news/ extra/*.html feed.xml.gz
    ///          curl -s https://example.com/a.html | warta ingest -
    #[command(verbatim_doc_comment)]
    Ingest {
        /// Files, folders, glob patterns, or `-` for standard input.
        #[arg(required = true)]
        paths: Vec<String>,
    },
    /// List the stored articles, newest first.
    ///
    /// Example: warta articles --limit 20
    ///          warta articles --json | jq '.[].title'
    #[command(verbatim_doc_comment)]
    Articles {
        /// Show at most this many.
        #[arg(long)]
        limit: Option<usize>,
    },
    /// Show one article: metadata, clean text, what was removed and why, and its source.
    ///
    /// The id may be shortened to any unique prefix.
    ///
    /// Example: warta show 5a631abb
    #[command(verbatim_doc_comment)]
    Show {
        id: String,
        /// Print the verbatim raw input record instead.
        #[arg(long)]
        raw: bool,
    },
    /// The main job: ingest a folder, then report on what it holds.
    ///
    /// Example: warta analyze examples/
    #[command(verbatim_doc_comment)]
    Analyze {
        /// Folder (or files) to analyze.
        #[arg(required = true)]
        paths: Vec<String>,
    },
    /// Run the analysis (entities, quotes, times, quantities) again over stored articles,
    /// after a model or resource change. By default only articles analyzed by another
    /// version (or never) are redone.
    ///
    /// Example: warta reanalyze
    ///          warta reanalyze --all
    #[command(verbatim_doc_comment)]
    Reanalyze {
        /// Redo every article, current or not.
        #[arg(long)]
        all: bool,
    },
    /// List the events: articles grouped by the real-world happening they report,
    /// newest first, with their dates, article and outlet counts.
    ///
    /// Example: warta events
    ///          warta events --json | jq '.[0].articles'
    #[command(verbatim_doc_comment)]
    Events,
    /// Show one event: its articles, outlets, key entities and timeline.
    ///
    /// Example: warta event ev-3f2a
    #[command(verbatim_doc_comment)]
    Event {
        /// Event id or unique prefix (ids of merged events still resolve).
        id: String,
    },
    /// List the storylines: events linked through shared actors and subject over time.
    ///
    /// Example: warta storylines
    #[command(verbatim_doc_comment)]
    Storylines,
    /// Write an event's brief: summary, timeline, who said what, where sources disagree,
    /// what only one source claims, and coverage; every sentence cites its sources.
    ///
    /// With --llm, a language model at an OpenAI-compatible endpoint you run (llama.cpp
    /// server, Ollama, vLLM, ...) also writes an abstractive summary from the event's
    /// numbered source sentences; each of its sentences is checked against the sources
    /// it cites (numbers, dates, names, quotations, wording) and dropped when they do
    /// not support it. Without --llm nothing leaves the machine.
    ///
    /// Example: warta brief ev-3f2a
    ///          warta brief ev-3f2a --html > brief.html
    ///          warta brief ev-3f2a --llm --llm-url http://localhost:11434/v1 --llm-model qwen2.5:7b
    #[command(verbatim_doc_comment)]
    Brief {
        /// Event id or unique prefix.
        id: String,
        /// One self-contained HTML file instead of Markdown.
        #[arg(long)]
        html: bool,
        #[command(flatten)]
        llm: llm::LlmArgs,
    },
    /// Build a model from labeled data.
    #[command(subcommand)]
    Train(bench::Train),
    /// Who copied whom: duplicates, syndicated copies, rewrites and partial reuse among
    /// the stored articles, with direction, originality and aligned passages.
    ///
    /// Example: warta reuse                   (all links and each article's originality)
    ///          warta reuse 5a631abb 22d66342 (one pair's passages side by side)
    ///          warta reuse --dot | dot -Tsvg > reuse.svg
    #[command(verbatim_doc_comment)]
    Reuse {
        /// Two article ids (or unique prefixes) to compare.
        ids: Vec<String>,
        /// Print a Graphviz graph of the links.
        #[arg(long)]
        dot: bool,
    },
    /// Measure warta's quality and speed on labeled data.
    #[command(subcommand)]
    Bench(bench::Bench),
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli) {
        Ok(code) => ExitCode::from(code),
        Err(e) if is_broken_pipe(&e) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("warta: {e:#}");
            ExitCode::from(exit::FATAL)
        }
    }
}

fn is_broken_pipe(e: &anyhow::Error) -> bool {
    e.chain()
        .filter_map(|cause| cause.downcast_ref::<std::io::Error>())
        .any(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
}

fn run(cli: Cli) -> anyhow::Result<u8> {
    let global = cli.global;
    match cli.command {
        Command::Ingest { paths } => {
            let mut store = SqliteStore::open(&global.db)?;
            let report = ingest::run(&paths, &mut store, &global)?;
            report.print(&global)?;
            Ok(report.exit_code())
        }
        Command::Articles { limit } => {
            let store = SqliteStore::open(&global.db)?;
            view::print_articles(&store.articles(limit)?, &global)?;
            Ok(0)
        }
        Command::Show { id, raw } => {
            let store = SqliteStore::open(&global.db)?;
            let stored = store.article(&id)?;
            if raw {
                view::print_raw(&store.raw(&stored.article.id)?, &stored, &global)?;
            } else {
                let analysis = store.analysis(&stored.article.id)?;
                view::print_article(&stored, analysis.as_ref(), &global)?;
            }
            Ok(0)
        }
        Command::Analyze { paths } => {
            let mut store = SqliteStore::open(&global.db)?;
            let report = ingest::run(&paths, &mut store, &global)?;
            if !global.json {
                eprintln!("{}", report.summary_line());
            }
            let mut articles: Vec<warta_store::StoredArticle> = Vec::new();
            for id in report.article_ids() {
                if !articles.iter().any(|a| a.article.id.as_str() == id) {
                    articles.push(store.article(id)?);
                }
            }
            let mut items = Vec::with_capacity(articles.len());
            for s in &articles {
                let analysis = match store.analysis(&s.article.id)? {
                    Some((_, analysis)) => analysis,
                    None => warta_analyze::analyze(&s.article),
                };
                items.push((s.article.clone(), analysis));
            }
            let plain: Vec<warta_model::Article> = items.iter().map(|(a, _)| a.clone()).collect();
            let reuse = warta_relate::find_reuse(&plain);
            let clustering = warta_relate::events::cluster_all(&items);
            view::print_analysis(&report, &articles, &reuse, &clustering, &items, &global)?;
            Ok(report.exit_code())
        }
        Command::Events => events::list(&SqliteStore::open(&global.db)?, &global),
        Command::Event { id } => events::show(&SqliteStore::open(&global.db)?, &id, &global),
        Command::Storylines => events::storylines(&SqliteStore::open(&global.db)?, &global),
        Command::Brief { id, html, llm } => {
            let format = match (global.json, html) {
                (true, _) => events::BriefFormat::Json,
                (false, true) => events::BriefFormat::Html,
                (false, false) => events::BriefFormat::Markdown,
            };
            events::brief(&SqliteStore::open(&global.db)?, &id, format, llm.options().as_ref())
        }
        Command::Reanalyze { all } => {
            let mut store = SqliteStore::open(&global.db)?;
            reanalyze::run(&mut store, all, &global)
        }
        Command::Train(command) => bench::train(command, &global),
        Command::Reuse { ids, dot } => {
            let store = SqliteStore::open(&global.db)?;
            reuse::run(&store, &ids, dot, &global)
        }
        Command::Bench(command) => bench::run(command, &global),
    }
}
