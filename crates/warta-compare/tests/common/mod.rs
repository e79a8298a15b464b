//! The example corpus's event A and the seeds, run through the real extract and
//! analyze stages, as the orchestrator would hand them to compare.

use std::path::{Path, PathBuf};

use warta_model::{Analysis, Article};

fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// Event A of `examples/README.md` (A1–A10): files and, for containers, the record.
/// The feed lists items newest first, so guid `?p=7309` (A8) is item 2 and `?p=7298`
/// (A5) item 3; A10 is line 1 of the JSONL file.
const EVENT_A: &[(&str, Option<&str>)] = &[
    ("kantor-berita-samudra-2025-03-04.txt", None),
    ("kabar-nusantara-2025-03-04.txt", None),
    ("sarinjaya-pos-2025-03-04-a.html", None),
    ("harianpesisir-2025-03-04.html", None),
    ("suara-tanaweri-feed.xml", Some("item 3")),
    ("lensa-timur-2025-03-04.txt", None),
    ("straits-ledger-2025-03-04.txt", None),
    ("suara-tanaweri-feed.xml", Some("item 2")),
    ("kabar-nusantara-2025-03-05.txt", None),
    ("scraped-articles.jsonl", Some("line 1")),
];

fn load(path: &Path, record: Option<&str>) -> Vec<(Article, Analysis)> {
    let Ok(bytes) = std::fs::read(path) else { return Vec::new() };
    let name = path.to_string_lossy();
    warta_extract::extract_file(&name, &bytes)
        .articles
        .into_iter()
        .map(|e| e.article)
        .filter(|a| record.is_none() || a.origin.record.as_deref() == record)
        .map(|a| {
            let analysis = warta_analyze::analyze(&a);
            (a, analysis)
        })
        .collect()
}

#[allow(dead_code)] // each test binary uses one of the two corpora
pub fn event_a() -> Vec<(Article, Analysis)> {
    let dir = workspace().join("examples/news");
    let items: Vec<_> = EVENT_A.iter().flat_map(|(file, record)| load(&dir.join(file), *record)).collect();
    assert_eq!(items.len(), 10, "event A has ten articles");
    items
}

/// Event B of `examples/README.md`: the September fire, told by three outlets, one of
/// which reuses a passage of another.
#[allow(dead_code)]
pub fn event_b() -> Vec<(Article, Analysis)> {
    let dir = workspace().join("examples/news");
    let items: Vec<_> = ["harianpesisir-2025-09-11.txt", "straits-ledger-2025-09-11.html", "scraped-articles.jsonl"]
        .iter()
        .flat_map(|file| load(&dir.join(file), None))
        .filter(|(a, _)| a.text.contains("Bahari Sentosa"))
        .collect();
    assert_eq!(items.len(), 3, "event B has three articles");
    items
}

/// The seed articles, or `None` (with a message) when the shared corpus is absent.
#[allow(dead_code)]
pub fn seeds() -> Option<Vec<(Article, Analysis)>> {
    let dir = workspace().join("../shared/corpus/seeds");
    let Ok(entries) = std::fs::read_dir(&dir) else {
        eprintln!("skipped: no seed corpus at {}", dir.display());
        return None;
    };
    let mut paths: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
    paths.sort();
    Some(paths.iter().flat_map(|p| load(p, None)).collect())
}

pub fn articles(items: &[(Article, Analysis)]) -> Vec<Article> {
    items.iter().map(|(a, _)| a.clone()).collect()
}
