//! The ingest orchestration: find the input files, extract them in parallel, store each
//! file's articles in one transaction, and report every problem with its place.

use std::io::{IsTerminal, Read};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;

use anyhow::{bail, Context};
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use rayon::prelude::*;
use serde::Serialize;
use warta_extract::{extract_file, Severity};
use warta_model::ArticleId;
use warta_store::{Store, Stored};

use crate::{exit, Global};

/// Files larger than this are refused rather than read into memory.
const MAX_FILE_BYTES: u64 = 2 << 30;

/// Files extracted in parallel before their articles are stored: bounds memory while
/// keeping both cores busy.
const FILES_PER_ROUND: usize = 32;

/// Articles per transaction for archives holding many: a kill loses at most this many
/// finished articles' work, never a half-written one.
const ARTICLES_PER_TRANSACTION: usize = 500;

/// One input to read: a file, or standard input.
#[derive(Clone, Debug)]
enum Input {
    File(PathBuf),
    Stdin,
}

impl Input {
    fn label(&self) -> String {
        match self {
            Input::File(path) => path.display().to_string(),
            Input::Stdin => "-".into(),
        }
    }
}

#[derive(Debug, Serialize)]
pub struct ProblemView {
    pub source: String,
    pub location: Option<String>,
    pub severity: &'static str,
    pub message: String,
    pub hint: String,
}

#[derive(Debug, Serialize)]
pub struct StoredView {
    pub id: String,
    pub source: String,
    pub record: Option<String>,
    pub status: &'static str,
    pub version: Option<u32>,
    pub previous: Option<String>,
}

/// What an ingest run did.
#[derive(Debug, Default, Serialize)]
pub struct Report {
    pub files: usize,
    pub added: usize,
    pub new_versions: usize,
    pub already_stored: usize,
    pub skipped_records: usize,
    pub errors: usize,
    pub warnings: usize,
    pub interrupted: bool,
    pub articles: Vec<StoredView>,
    pub problems: Vec<ProblemView>,
}

impl Report {
    pub fn exit_code(&self) -> u8 {
        if self.interrupted {
            exit::INTERRUPTED
        } else if self.errors > 0 {
            exit::INPUT_ERRORS
        } else {
            0
        }
    }

    /// Ids of every article the run saw, new or already stored, in input order.
    pub fn article_ids(&self) -> impl Iterator<Item = &str> {
        self.articles.iter().map(|a| a.id.as_str())
    }

    pub fn summary_line(&self) -> String {
        let mut line = format!(
            "{} file{}: {} new article{}",
            self.files,
            plural(self.files),
            self.added,
            plural(self.added)
        );
        if self.new_versions > 0 {
            line.push_str(&format!(" ({} new version{} of stored URLs)", self.new_versions, plural(self.new_versions)));
        }
        line.push_str(&format!(", {} already stored", self.already_stored));
        if self.skipped_records > 0 {
            line.push_str(&format!(", {} non-article record{} skipped", self.skipped_records, plural(self.skipped_records)));
        }
        line.push_str(&format!(", {} error{}, {} warning{}", self.errors, plural(self.errors), self.warnings, plural(self.warnings)));
        if self.interrupted {
            line.push_str(" — interrupted: every finished file is stored; run the same command again to go on");
        }
        line
    }

    pub fn print(&self, global: &Global) -> anyhow::Result<()> {
        if global.json {
            outln!("{}", serde_json::to_string_pretty(self)?);
        } else {
            outln!("{}", self.summary_line());
        }
        Ok(())
    }
}

fn plural(n: usize) -> &'static str {
    if n == 1 {
        ""
    } else {
        "s"
    }
}

/// Ingests `paths` into `store`. Problems with inputs are collected in the report (and
/// shown on standard error as they happen); only a store failure stops the run.
pub fn run(paths: &[String], store: &mut dyn Store, global: &Global) -> anyhow::Result<Report> {
    let inputs = discover(paths)?;
    let interrupted = Arc::new(AtomicBool::new(false));
    {
        let flag = interrupted.clone();
        // A second handler cannot be installed (tests call this repeatedly in one
        // process); the first one keeps working, so the error is harmless.
        let _ = ctrlc::set_handler(move || flag.store(true, Ordering::SeqCst));
    }
    let progress = progress_bar(inputs.len() as u64, "ingesting", "files", global);
    let analyzer = warta_analyze::analyzer_version();
    let mut report = Report::default();
    for round in inputs.chunks(FILES_PER_ROUND) {
        if interrupted.load(Ordering::SeqCst) {
            report.interrupted = true;
            break;
        }
        let outcomes: Vec<(String, Result<warta_extract::Outcome, String>)> = round
            .par_iter()
            .map(|input| {
                let label = input.label();
                let outcome = read_input(input).map(|bytes| extract_file(&label, &bytes));
                (label, outcome)
            })
            .collect();
        for (label, outcome) in outcomes {
            report.files += 1;
            progress.inc(1);
            let outcome = match outcome {
                Ok(outcome) => outcome,
                Err(message) => {
                    note_problem(&mut report, &progress, &label, None, Severity::Error, message, "check the path and permissions, then run again".into(), global);
                    continue;
                }
            };
            for problem in &outcome.problems {
                note_problem(&mut report, &progress, &label, problem.location.clone(), problem.severity, problem.message.clone(), problem.hint.clone(), global);
            }
            report.skipped_records += outcome.skipped;
            let batch: Vec<_> = outcome.articles.into_iter().map(|e| (e.article, e.raw)).collect();
            for chunk in batch.chunks(ARTICLES_PER_TRANSACTION) {
                let stored = store.put_batch(chunk).with_context(|| format!("storing the articles of {label}"))?;
                let analyses: Vec<(ArticleId, warta_model::Analysis)> = chunk
                    .par_iter()
                    .zip(stored.par_iter())
                    .filter(|(_, result)| matches!(result, Stored::Added { .. }))
                    .map(|((article, _), _)| (article.id.clone(), warta_analyze::analyze(article)))
                    .collect();
                store
                    .put_analyses(&analyzer, &analyses)
                    .with_context(|| format!("storing the analyses of {label}"))?;
                for ((article, _), result) in chunk.iter().zip(stored) {
                    for warning in &article.warnings {
                        note_problem(&mut report, &progress, &label, article.origin.record.clone(), Severity::Warning, warning.clone(), "the article was stored".into(), global);
                    }
                    report.articles.push(stored_view(&label, &article.id, article.origin.record.clone(), &result));
                    match result {
                        Stored::AlreadyStored => report.already_stored += 1,
                        Stored::Added { previous, .. } => {
                            report.added += 1;
                            if previous.is_some() {
                                report.new_versions += 1;
                            }
                        }
                    }
                }
            }
        }
    }
    progress.finish_and_clear();
    Ok(report)
}

#[allow(clippy::too_many_arguments)]
fn note_problem(
    report: &mut Report,
    progress: &ProgressBar,
    source: &str,
    location: Option<String>,
    severity: Severity,
    message: String,
    hint: String,
    global: &Global,
) {
    let severity_name = match severity {
        Severity::Error => {
            report.errors += 1;
            "error"
        }
        Severity::Warning => {
            report.warnings += 1;
            "warning"
        }
    };
    if !global.json {
        let place = match &location {
            Some(location) => format!("{source}: {location}"),
            None => source.to_string(),
        };
        progress.suspend(|| eprintln!("warta: {severity_name}: {place}: {message}; {hint}"));
    }
    report.problems.push(ProblemView { source: source.to_string(), location, severity: severity_name, message, hint });
}

fn stored_view(source: &str, id: &ArticleId, record: Option<String>, result: &Stored) -> StoredView {
    let (status, version, previous) = match result {
        Stored::AlreadyStored => ("already stored", None, None),
        Stored::Added { version, previous } => (
            if previous.is_some() { "new version" } else { "added" },
            Some(*version),
            previous.as_ref().map(|p| p.to_string()),
        ),
    };
    StoredView { id: id.to_string(), source: source.to_string(), record, status, version, previous }
}

/// A progress bar on standard error, hidden when that is not a terminal or output is JSON.
pub fn progress_bar(len: u64, doing: &str, unit: &str, global: &Global) -> ProgressBar {
    let bar = ProgressBar::new(len);
    if global.json || !std::io::stderr().is_terminal() {
        bar.set_draw_target(ProgressDrawTarget::hidden());
    } else if let Ok(style) = ProgressStyle::with_template(&format!("{{spinner}} {doing} [{{bar:30}}] {{pos}}/{{len}} {unit} {{elapsed_precise}} (eta {{eta}})")) {
        bar.set_style(style.progress_chars("=> "));
    }
    bar
}

fn read_input(input: &Input) -> Result<Vec<u8>, String> {
    match input {
        Input::Stdin => {
            let mut bytes = Vec::new();
            std::io::stdin()
                .take(MAX_FILE_BYTES + 1)
                .read_to_end(&mut bytes)
                .map_err(|e| format!("cannot read standard input: {e}"))?;
            too_big(bytes.len() as u64)?;
            Ok(bytes)
        }
        Input::File(path) => {
            let metadata = std::fs::metadata(path).map_err(|e| format!("cannot read the file: {e}"))?;
            too_big(metadata.len())?;
            std::fs::read(path).map_err(|e| format!("cannot read the file: {e}"))
        }
    }
}

fn too_big(len: u64) -> Result<(), String> {
    if len > MAX_FILE_BYTES {
        return Err(format!(
            "the file is larger than {} GiB; split it (JSON Lines and WARC split cleanly between records) and ingest the parts",
            MAX_FILE_BYTES >> 30
        ));
    }
    Ok(())
}

/// Expands the arguments into input files: folders recursively, glob patterns, `-`.
fn discover(paths: &[String]) -> anyhow::Result<Vec<Input>> {
    let mut inputs = Vec::new();
    for arg in paths {
        if arg == "-" {
            inputs.push(Input::Stdin);
            continue;
        }
        let path = Path::new(arg);
        if path.is_dir() {
            inputs.extend(walk(path).into_iter().map(Input::File));
        } else if path.exists() {
            inputs.push(Input::File(path.to_path_buf()));
        } else if arg.contains(['*', '?', '[']) {
            let matches: Vec<PathBuf> = glob::glob(arg)
                .with_context(|| format!("{arg:?} is not a valid glob pattern"))?
                .filter_map(Result::ok)
                .collect();
            if matches.is_empty() {
                bail!("no file matches {arg:?}");
            }
            for m in matches {
                if m.is_dir() {
                    inputs.extend(walk(&m).into_iter().map(Input::File));
                } else {
                    inputs.push(Input::File(m));
                }
            }
        } else {
            bail!("{arg}: no such file or folder; check the path");
        }
    }
    if inputs.is_empty() {
        bail!("no input files found in {}; give files, folders, glob patterns or `-`", paths.join(" "));
    }
    Ok(inputs)
}

/// Files under `folder`, sorted so runs are repeatable; hidden files and the project
/// files that sit beside articles (README, LICENSE) are not articles.
fn walk(folder: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = walkdir::WalkDir::new(folder)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| e.depth() == 0 || !e.file_name().to_string_lossy().starts_with('.'))
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .filter(|e| {
            let name = e.file_name().to_string_lossy().to_ascii_uppercase();
            !(name.starts_with("README") || name.starts_with("LICENSE") || name.starts_with("LICENCE"))
        })
        .map(|e| e.into_path())
        .collect();
    files.sort();
    files
}
