//! Prints the full analysis (entities, quotes, times, quantities with their spans) of
//! every article under the given paths, one JSON line per article, so that a change
//! meant only for speed can be checked for identical output with `diff`.
//!
//! `--repeat N` analyses everything N more times without printing, for profilers
//! (`valgrind --tool=callgrind`): instructions per article are steadier than timings on
//! a shared machine.
//!
//! Example: cargo run --release -p warta-analyze --example analysis_dump -- \
//!     ../shared/corpus/seeds examples ../shared/datasets/timex-id/raw-dev \
//!     ../shared/datasets/quotes-en/dev/text > before.jsonl

use std::io::Write;
use std::path::{Path, PathBuf};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1).peekable();
    let mut repeat = 0;
    let mut roots = Vec::new();
    while let Some(a) = args.next() {
        if a == "--repeat" {
            repeat = args.next().ok_or("--repeat needs a count")?.parse()?;
        } else {
            roots.push(PathBuf::from(a));
        }
    }
    let mut files = Vec::new();
    for root in &roots {
        collect(root, &mut files)?;
    }
    let mut articles = Vec::new();
    for path in files {
        let bytes = std::fs::read(&path)?;
        let name = path.display().to_string();
        articles.extend(warta_extract::extract_file(&name, &bytes).articles.into_iter().map(|e| (name.clone(), e.article)));
    }
    if repeat > 0 {
        for _ in 0..repeat {
            for (_, a) in &articles {
                std::hint::black_box(warta_analyze::analyze(a));
            }
        }
        eprintln!("{} articles analysed {repeat} times", articles.len());
        return Ok(());
    }
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    for (path, article) in &articles {
        let analysis = warta_analyze::analyze(article);
        let line = serde_json::json!({ "path": path, "article": article.id, "analysis": analysis });
        writeln!(out, "{line}")?;
    }
    Ok(())
}

/// Files under `path` in name order, skipping hidden, README and LICENSE files as
/// `warta ingest` does.
fn collect(path: &Path, out: &mut Vec<PathBuf>) -> std::io::Result<()> {
    if path.is_file() {
        out.push(path.to_path_buf());
        return Ok(());
    }
    let mut entries: Vec<PathBuf> = std::fs::read_dir(path)?.map(|e| e.map(|e| e.path())).collect::<Result<_, _>>()?;
    entries.sort();
    for e in entries {
        let name = e.file_name().map(|n| n.to_string_lossy().to_ascii_uppercase()).unwrap_or_default();
        if name.starts_with('.') || name.starts_with("README") || name.starts_with("LICENSE") {
            continue;
        }
        collect(&e, out)?;
    }
    Ok(())
}
