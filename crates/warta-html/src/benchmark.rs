//! Scorer for the scrapinghub article-extraction benchmark format.
//!
//! A benchmark folder holds `ground-truth.json` (`{id: {"articleBody": …, "url": …}}`) and
//! `html/<id>.html.gz`. The metric is the benchmark's own: word 4-gram shingles (tokens are
//! runs of Unicode word characters, like Python's `\w+`), true/false positives and false
//! negatives counted per page and normalised so long pages weigh no more than short ones,
//! precision and recall averaged over pages, and F1 taken from those two averages. Matching the
//! upstream `evaluate.py` exactly is what makes our figures comparable with published tables.

use std::collections::HashMap;
use std::fmt;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// Scores of one page. `true_positive + false_positive + false_negative` is 1 unless both
/// texts are empty, so pages of any length weigh the same in the averages.
#[derive(Debug, Clone, PartialEq)]
pub struct PageScore {
    pub id: String,
    pub precision: f64,
    pub recall: f64,
    pub f1: f64,
    pub true_positive: f64,
    pub false_positive: f64,
    pub false_negative: f64,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Report {
    pub pages: usize,
    pub precision: f64,
    pub recall: f64,
    pub f1: f64,
    pub pages_per_second: f64,
    pub ms_per_page: f64,
    pub per_page: Vec<PageScore>,
}

/// Why a benchmark folder could not be scored; the message names the file and the fix.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BenchError {
    pub message: String,
}

impl fmt::Display for BenchError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for BenchError {}

fn error(message: String) -> BenchError {
    BenchError { message }
}

/// One benchmark page, read and decompressed ahead of timing.
struct Page {
    id: String,
    url: Option<String>,
    truth: String,
    html: String,
}

/// Scores `extract` (html, url) -> body text on a folder in the benchmark's format.
///
/// Only the extraction calls are timed: reading and gunzipping happen before the clock starts.
pub fn evaluate(
    dir: &Path,
    extract: impl Fn(&str, Option<&str>) -> String,
) -> Result<Report, BenchError> {
    let pages = load_pages(dir, true)?;
    let mut predictions = Vec::with_capacity(pages.len());
    let mut elapsed = Duration::ZERO;
    for page in &pages {
        let start = Instant::now();
        let text = extract(&page.html, page.url.as_deref());
        elapsed += start.elapsed();
        predictions.push(text);
    }
    Ok(report(&pages, &predictions, Some(elapsed)))
}

/// Scores another extractor's saved output (`{id: {"articleBody": …}}`, the benchmark's
/// `output/*.json` shape, optionally wrapped as `{"output": {…}, "version": …}`) against the same ground truth, so our scorer can be checked against
/// published tables. Timing fields are zero: nothing was run.
pub fn evaluate_predictions(dir: &Path, predictions_file: &Path) -> Result<Report, BenchError> {
    let pages = load_pages(dir, false)?;
    let json = read_json(predictions_file)?;
    let unwrapped = json
        .get("output")
        .filter(|o| o.is_object())
        .unwrap_or(&json);
    let Some(object) = unwrapped.as_object() else {
        return Err(error(format!(
            "{}: expected a JSON object {{id: {{\"articleBody\": …}}}}",
            predictions_file.display()
        )));
    };
    let predictions: Vec<String> = pages
        .iter()
        .map(|page| {
            object
                .get(&page.id)
                .and_then(|entry| entry.get("articleBody"))
                .and_then(|body| body.as_str())
                .unwrap_or_default()
                .to_string()
        })
        .collect();
    Ok(report(&pages, &predictions, None))
}

fn report(pages: &[Page], predictions: &[String], elapsed: Option<Duration>) -> Report {
    let per_page: Vec<PageScore> = pages
        .iter()
        .zip(predictions)
        .map(|(page, predicted)| score_page(&page.id, &page.truth, predicted))
        .collect();
    let (precision, recall, f1) = aggregate(&per_page);
    let (pages_per_second, ms_per_page) = match elapsed {
        Some(elapsed) if !pages.is_empty() => {
            let secs = elapsed.as_secs_f64();
            let per_second = if secs > 0.0 {
                pages.len() as f64 / secs
            } else {
                f64::INFINITY
            };
            (per_second, secs * 1000.0 / pages.len() as f64)
        }
        _ => (0.0, 0.0),
    };
    Report {
        pages: pages.len(),
        precision,
        recall,
        f1,
        pages_per_second,
        ms_per_page,
        per_page,
    }
}

/// Averages as upstream does: a page with no predicted shingles is left out of precision and
/// a page with no true shingles out of recall, rather than counted as 0 or 1.
fn aggregate(pages: &[PageScore]) -> (f64, f64, f64) {
    let mean = |values: Vec<f64>| {
        if values.is_empty() {
            0.0
        } else {
            values.iter().sum::<f64>() / values.len() as f64
        }
    };
    let precision = mean(
        pages
            .iter()
            .filter(|p| p.true_positive + p.false_positive > 0.0)
            .map(|p| p.precision)
            .collect(),
    );
    let recall = mean(
        pages
            .iter()
            .filter(|p| p.true_positive + p.false_negative > 0.0)
            .map(|p| p.recall)
            .collect(),
    );
    (precision, recall, harmonic(precision, recall))
}

fn harmonic(precision: f64, recall: f64) -> f64 {
    if precision + recall > 0.0 {
        2.0 * precision * recall / (precision + recall)
    } else {
        0.0
    }
}

/// Scores one predicted body against the true one with the benchmark's shingle matching.
pub fn score_page(id: &str, truth: &str, predicted: &str) -> PageScore {
    let true_shingles = shingles(truth);
    let predicted_shingles = shingles(predicted);
    let (mut tp, mut fp, mut fn_) = (0.0f64, 0.0f64, 0.0f64);
    for (key, &t) in &true_shingles {
        let p = predicted_shingles.get(key).copied().unwrap_or(0);
        tp += t.min(p) as f64;
        fn_ += t.saturating_sub(p) as f64;
    }
    for (key, &p) in &predicted_shingles {
        let t = true_shingles.get(key).copied().unwrap_or(0);
        fp += p.saturating_sub(t) as f64;
    }
    let sum = tp + fp + fn_;
    if sum > 0.0 {
        tp /= sum;
        fp /= sum;
        fn_ /= sum;
    }
    let precision = ratio(tp, fp, fn_, fp);
    let recall = ratio(tp, fp, fn_, fn_);
    PageScore {
        id: id.to_string(),
        precision,
        recall,
        f1: harmonic(precision, recall),
        true_positive: tp,
        false_positive: fp,
        false_negative: fn_,
    }
}

/// Upstream's precision/recall with its edge cases: both texts empty scores 1, nothing right 0.
fn ratio(tp: f64, fp: f64, fn_: f64, wrong: f64) -> f64 {
    if fp == 0.0 && fn_ == 0.0 {
        1.0
    } else if tp == 0.0 && wrong == 0.0 {
        0.0
    } else {
        tp / (tp + wrong)
    }
}

/// Python's `re.findall(r"\w+")`: runs of letters, digits and underscores.
fn tokens(text: &str) -> Vec<&str> {
    text.split(|c: char| !(c.is_alphanumeric() || c == '_'))
        .filter(|t| !t.is_empty())
        .collect()
}

/// Multiset of 4-token shingles; a text shorter than four tokens is one shorter shingle, as
/// upstream's `_ngrams` does.
fn shingles(text: &str) -> HashMap<Vec<&str>, usize> {
    let tokens = tokens(text);
    let mut counts = HashMap::new();
    if tokens.is_empty() {
        return counts;
    }
    if tokens.len() < 4 {
        counts.insert(tokens, 1);
        return counts;
    }
    for window in tokens.windows(4) {
        *counts.entry(window.to_vec()).or_insert(0) += 1;
    }
    counts
}

fn read_json(path: &Path) -> Result<serde_json::Value, BenchError> {
    let bytes = std::fs::read(path).map_err(|e| {
        error(format!(
            "cannot read {}: {e}; point the command at a benchmark folder holding \
             ground-truth.json and html/<id>.html.gz",
            path.display()
        ))
    })?;
    serde_json::from_slice(&bytes)
        .map_err(|e| error(format!("{} is not valid JSON: {e}", path.display())))
}

fn load_pages(dir: &Path, with_html: bool) -> Result<Vec<Page>, BenchError> {
    if !dir.is_dir() {
        return Err(error(format!(
            "benchmark folder {} does not exist; pass the folder that holds ground-truth.json \
             and html/ (e.g. shared/datasets/article-extraction)",
            dir.display()
        )));
    }
    let truth_path = dir.join("ground-truth.json");
    let truth = read_json(&truth_path)?;
    let Some(entries) = truth.as_object() else {
        return Err(error(format!(
            "{}: expected a JSON object {{id: {{\"articleBody\": …, \"url\": …}}}}",
            truth_path.display()
        )));
    };
    let mut pages = Vec::with_capacity(entries.len());
    for (id, entry) in entries {
        let html = if with_html {
            read_html(dir, id)?
        } else {
            String::new()
        };
        pages.push(Page {
            id: id.clone(),
            url: entry
                .get("url")
                .and_then(|u| u.as_str())
                .map(str::to_string),
            truth: entry
                .get("articleBody")
                .and_then(|b| b.as_str())
                .unwrap_or_default()
                .to_string(),
            html,
        });
    }
    pages.sort_by(|a, b| a.id.cmp(&b.id));
    Ok(pages)
}

/// Reads `html/<id>.html.gz`, or `html/<id>.html` for an unpacked copy. Bytes that are not
/// UTF-8 are replaced rather than refused: the extractor must cope with such pages anyway.
fn read_html(dir: &Path, id: &str) -> Result<String, BenchError> {
    let gz: PathBuf = dir.join("html").join(format!("{id}.html.gz"));
    let plain: PathBuf = dir.join("html").join(format!("{id}.html"));
    let mut bytes = Vec::new();
    if gz.is_file() {
        let file = std::fs::File::open(&gz)
            .map_err(|e| error(format!("cannot open {}: {e}", gz.display())))?;
        flate2::read::MultiGzDecoder::new(file)
            .read_to_end(&mut bytes)
            .map_err(|e| {
                error(format!(
                    "cannot gunzip {}: {e}; replace it with an intact copy or remove its entry \
                     from ground-truth.json",
                    gz.display()
                ))
            })?;
    } else {
        bytes = std::fs::read(&plain).map_err(|e| {
            error(format!(
                "page {id} is listed in ground-truth.json but neither {} nor {} can be read \
                 ({e}); restore the page or remove its entry",
                gz.display(),
                plain.display()
            ))
        })?;
    }
    Ok(String::from_utf8_lossy(&bytes).into_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn identical_texts_score_one() {
        let s = score_page("a", "one two three four five", "one two three four five");
        assert_eq!((s.precision, s.recall, s.f1), (1.0, 1.0, 1.0));
    }

    #[test]
    fn punctuation_and_spacing_do_not_matter() {
        let s = score_page("a", "One, two; three  four!", "One two three four");
        assert_eq!(s.f1, 1.0);
    }

    #[test]
    fn extra_text_lowers_precision_only() {
        // 2 true shingles, 2 extra predicted ones.
        let s = score_page("a", "a b c d e", "a b c d e f g");
        assert!((s.recall - 1.0).abs() < 1e-12);
        assert!((s.precision - 0.5).abs() < 1e-12);
    }

    #[test]
    fn empty_prediction_is_left_out_of_precision() {
        let pages = vec![
            score_page("a", "a b c d e", ""),
            score_page("b", "a b c d", "a b c d"),
        ];
        let (p, r, _) = aggregate(&pages);
        assert_eq!(p, 1.0);
        assert_eq!(r, 0.5);
    }

    #[test]
    fn short_texts_are_one_shingle() {
        assert_eq!(shingles("hello world").len(), 1);
        assert_eq!(score_page("a", "hello world", "hello world").f1, 1.0);
    }

    #[test]
    fn missing_folder_is_a_clear_error() {
        let err = evaluate(Path::new("/no/such/benchmark"), |_, _| String::new())
            .err()
            .map(|e| e.message)
            .unwrap_or_default();
        assert!(err.contains("/no/such/benchmark"), "{err}");
        assert!(err.contains("ground-truth.json"), "{err}");
    }
}
