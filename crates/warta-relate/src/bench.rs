//! Measuring reuse detection on a PAN text-alignment corpus.
//!
//! The folder holds `source-documents/*.txt` and `suspicious-documents/*.txt`, each
//! suspicious document with a `.xml` file of cases: the characters
//! `this_offset..+this_length` of the suspicious document were taken from
//! `source_reference` at `source_offset..+source_length` (offsets count Unicode
//! characters, not bytes). warta runs as it would on news: signatures and candidate
//! generation over all documents, then alignment of each candidate (source,
//! suspicious) pair; its passages are the detections.
//!
//! Scores are the PAN measures (Potthast et al., "An Evaluation Framework for
//! Plagiarism Detection", COLING 2010), macro-averaged, with a case and a detection
//! each taken as the set of characters they cover on both documents; a detection
//! *detects* a case when both name the same two documents and overlap on both sides:
//!
//! * precision = mean over detections r of |⋃ₛ (s ⊓ r)| / |r|
//! * recall = mean over cases s of |⋃ᵣ (s ⊓ r)| / |s|
//! * granularity = mean over detected cases of the number of detections detecting it
//! * plagdet = F₁ / log₂(1 + granularity)

use std::collections::HashMap;
use std::fmt;
use std::path::{Path, PathBuf};
use std::time::Instant;

use crate::signature::{candidates, Signature};
use crate::text::{analyze, paragraph_spans};

#[derive(Debug, thiserror::Error)]
pub enum BenchError {
    #[error("benchmark folder {0} not found: expected a PAN corpus with source-documents/ and suspicious-documents/ (e.g. shared/datasets/reuse-id)")]
    MissingFolder(PathBuf),
    #[error("cannot read {path}: {source}")]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("{0} is not UTF-8: convert it (e.g. with iconv) and run again")]
    Encoding(PathBuf),
    #[error("{path}: {detail}")]
    BadCase { path: PathBuf, detail: String },
}

/// PAN scores over one set of cases.
#[derive(Clone, Debug, Default, PartialEq, serde::Serialize)]
pub struct PanScores {
    pub cases: usize,
    pub detections: usize,
    pub precision: f64,
    pub recall: f64,
    pub granularity: f64,
    pub plagdet: f64,
}

#[derive(Clone, Debug, Default, serde::Serialize)]
pub struct PanReport {
    pub source_documents: usize,
    pub suspicious_documents: usize,
    /// (source, suspicious) pairs proposed by candidate generation.
    pub candidate_pairs: usize,
    /// Candidate pairs that turned out to be reuse.
    pub linked_pairs: usize,
    /// Suspicious-source document pairs that hold at least one case, and how many of
    /// them candidate generation proposed: the recall of the candidate stage alone.
    pub true_pairs: usize,
    pub true_pairs_proposed: usize,
    pub overall: PanScores,
    /// By obfuscation (`none`, `random-shuffling`, …; `simulated` for hand-written
    /// paraphrase). Precision here counts only detections touching a case of the type,
    /// so it shows how exact the detections are, not how many false alarms there are.
    pub by_obfuscation: Vec<(String, PanScores)>,
    pub seconds: f64,
}

impl fmt::Display for PanReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(
            f,
            "{} source and {} suspicious documents; {} candidate pairs ({} of {} true pairs), {} linked; {:.2} s",
            self.source_documents,
            self.suspicious_documents,
            self.candidate_pairs,
            self.true_pairs_proposed,
            self.true_pairs,
            self.linked_pairs,
            self.seconds
        )?;
        writeln!(
            f,
            "{:<20} {:>5} {:>5} {:>9} {:>7} {:>11} {:>8}",
            "obfuscation", "cases", "dets", "precision", "recall", "granularity", "plagdet"
        )?;
        let row = |f: &mut fmt::Formatter<'_>, name: &str, s: &PanScores| {
            writeln!(
                f,
                "{:<20} {:>5} {:>5} {:>9.3} {:>7.3} {:>11.3} {:>8.3}",
                name, s.cases, s.detections, s.precision, s.recall, s.granularity, s.plagdet
            )
        };
        for (name, s) in &self.by_obfuscation {
            row(f, name, s)?;
        }
        row(f, "all", &self.overall)
    }
}

/// A case or a detection: a stretch of a suspicious document and the stretch of a
/// source document it came from, in characters.
#[derive(Clone, Debug, PartialEq, Eq)]
struct Reuse {
    suspicious: String,
    this: (usize, usize),
    source: String,
    that: (usize, usize),
}

impl Reuse {
    fn len(&self) -> usize {
        (self.this.1 - self.this.0) + (self.that.1 - self.that.0)
    }

    fn detects(&self, case: &Reuse) -> bool {
        self.suspicious == case.suspicious
            && self.source == case.source
            && overlap(self.this, case.this) > 0
            && overlap(self.that, case.that) > 0
    }
}

fn overlap(a: (usize, usize), b: (usize, usize)) -> usize {
    a.1.min(b.1).saturating_sub(a.0.max(b.0))
}

/// Characters of `of` covered by the union of `by` (intervals on the same document).
fn covered(of: (usize, usize), by: &mut [(usize, usize)]) -> usize {
    by.sort_unstable();
    let mut total = 0;
    let mut reach = of.0;
    for &(s, e) in by.iter() {
        let (s, e) = (s.max(reach), e.min(of.1));
        if e > s {
            total += e - s;
            reach = e;
        }
    }
    total
}

/// |⋃ᵢ (x ⊓ yᵢ)| / |x| over those `ys` that overlap `x` on both sides.
fn share_covered(x: &Reuse, ys: &[&Reuse]) -> f64 {
    let mut this: Vec<(usize, usize)> = Vec::new();
    let mut that: Vec<(usize, usize)> = Vec::new();
    for y in ys.iter().filter(|y| y.detects(x)) {
        this.push(y.this);
        that.push(y.that);
    }
    let len = x.len();
    if len == 0 {
        return 0.0;
    }
    (covered(x.this, &mut this) + covered(x.that, &mut that)) as f64 / len as f64
}

/// The PAN measures for `cases` against `detections`.
fn score(cases: &[&Reuse], detections: &[&Reuse]) -> PanScores {
    let recall = if cases.is_empty() {
        0.0
    } else {
        cases
            .iter()
            .map(|c| share_covered(c, detections))
            .sum::<f64>()
            / cases.len() as f64
    };
    let precision = if detections.is_empty() {
        0.0
    } else {
        detections
            .iter()
            .map(|d| share_covered(d, cases))
            .sum::<f64>()
            / detections.len() as f64
    };
    let detected: Vec<usize> = cases
        .iter()
        .map(|c| detections.iter().filter(|d| d.detects(c)).count())
        .filter(|&n| n > 0)
        .collect();
    let granularity = if detected.is_empty() {
        1.0
    } else {
        detected.iter().sum::<usize>() as f64 / detected.len() as f64
    };
    let f1 = if precision + recall > 0.0 {
        2.0 * precision * recall / (precision + recall)
    } else {
        0.0
    };
    PanScores {
        cases: cases.len(),
        detections: detections.len(),
        precision,
        recall,
        granularity,
        plagdet: f1 / (1.0 + granularity).log2(),
    }
}

fn read_text(path: &Path) -> Result<String, BenchError> {
    let bytes = std::fs::read(path).map_err(|source| BenchError::Io {
        path: path.to_path_buf(),
        source,
    })?;
    String::from_utf8(bytes).map_err(|_| BenchError::Encoding(path.to_path_buf()))
}

/// `.txt` files of a folder, sorted by name.
fn texts_in(dir: &Path) -> Result<Vec<(String, String)>, BenchError> {
    if !dir.is_dir() {
        return Err(BenchError::MissingFolder(dir.to_path_buf()));
    }
    let entries = std::fs::read_dir(dir).map_err(|source| BenchError::Io {
        path: dir.to_path_buf(),
        source,
    })?;
    let mut names: Vec<String> = entries
        .filter_map(Result::ok)
        .filter_map(|e| e.file_name().into_string().ok())
        .filter(|n| n.ends_with(".txt"))
        .collect();
    names.sort();
    names
        .into_iter()
        .map(|n| Ok((n.clone(), read_text(&dir.join(&n))?)))
        .collect()
}

/// Attributes of every `<feature …/>` element of a PAN case file. The files are flat
/// and machine-written, so a full XML parser is not needed.
fn features(xml: &str) -> Vec<HashMap<String, String>> {
    let mut out = Vec::new();
    for chunk in xml.split("<feature").skip(1) {
        let element = chunk.split('>').next().unwrap_or("");
        let mut attrs = HashMap::new();
        let mut rest = element;
        while let Some(eq) = rest.find("=\"") {
            let name = rest[..eq]
                .rsplit(|c: char| c.is_whitespace())
                .next()
                .unwrap_or("")
                .to_string();
            let after = &rest[eq + 2..];
            let Some(close) = after.find('"') else { break };
            attrs.insert(name, xml_unescape(&after[..close]));
            rest = &after[close + 1..];
        }
        out.push(attrs);
    }
    out
}

fn xml_unescape(s: &str) -> String {
    s.replace("&quot;", "\"")
        .replace("&apos;", "'")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&")
}

fn number(attrs: &HashMap<String, String>, key: &str, path: &Path) -> Result<usize, BenchError> {
    attrs
        .get(key)
        .and_then(|v| v.trim().parse().ok())
        .ok_or_else(|| BenchError::BadCase {
            path: path.to_path_buf(),
            detail: format!("feature without a numeric {key}"),
        })
}

/// Character offset of every byte offset that starts a char, plus the end.
fn char_offsets(text: &str) -> HashMap<usize, usize> {
    let mut map: HashMap<usize, usize> = text
        .char_indices()
        .enumerate()
        .map(|(ci, (bi, _))| (bi, ci))
        .collect();
    map.insert(text.len(), text.chars().count());
    map
}

/// Runs warta's reuse detection on the PAN corpus in `dir` and scores it.
pub fn evaluate_pan(dir: &Path) -> Result<PanReport, BenchError> {
    if !dir.is_dir() {
        return Err(BenchError::MissingFolder(dir.to_path_buf()));
    }
    let sources = texts_in(&dir.join("source-documents"))?;
    let suspicious = texts_in(&dir.join("suspicious-documents"))?;

    let mut cases: Vec<(String, Reuse)> = Vec::new();
    for (name, _) in &suspicious {
        let xml_path = dir
            .join("suspicious-documents")
            .join(name.replace(".txt", ".xml"));
        if !xml_path.exists() {
            continue;
        }
        let xml = read_text(&xml_path)?;
        for attrs in features(&xml) {
            let Some(source) = attrs.get("source_reference") else {
                continue;
            };
            let this_offset = number(&attrs, "this_offset", &xml_path)?;
            let this_length = number(&attrs, "this_length", &xml_path)?;
            let source_offset = number(&attrs, "source_offset", &xml_path)?;
            let source_length = number(&attrs, "source_length", &xml_path)?;
            let kind = attrs
                .get("obfuscation")
                .or_else(|| attrs.get("type"))
                .cloned()
                .unwrap_or_else(|| "unknown".into());
            cases.push((
                kind,
                Reuse {
                    suspicious: name.clone(),
                    this: (this_offset, this_offset + this_length),
                    source: source.clone(),
                    that: (source_offset, source_offset + source_length),
                },
            ));
        }
    }

    let started = Instant::now();
    let analyses: Vec<_> = sources
        .iter()
        .chain(&suspicious)
        .map(|(_, t)| analyze(t, &paragraph_spans(t)))
        .collect();
    let signatures: Vec<Signature> = analyses.iter().map(Signature::of).collect();
    let n_sources = sources.len();
    let mut pairs: Vec<(usize, usize)> = candidates(&signatures)
        .into_iter()
        .filter(|c| c.a < n_sources && c.b >= n_sources)
        .map(|c| (c.a, c.b - n_sources))
        .collect();
    pairs.sort_unstable();

    let mut detections: Vec<Reuse> = Vec::new();
    let mut linked = 0;
    let offsets: Vec<HashMap<usize, usize>> = sources
        .iter()
        .chain(&suspicious)
        .map(|(_, t)| char_offsets(t))
        .collect();
    let at = |doc: usize, byte: usize| offsets[doc].get(&byte).copied().unwrap_or(0);
    for &(src, sus) in &pairs {
        let Some(found) = crate::link::compare_analyses(&analyses[src], &analyses[n_sources + sus])
        else {
            continue;
        };
        linked += 1;
        for p in found.passages {
            detections.push(Reuse {
                suspicious: suspicious[sus].0.clone(),
                this: (
                    at(n_sources + sus, p.derived_span.start),
                    at(n_sources + sus, p.derived_span.end),
                ),
                source: sources[src].0.clone(),
                that: (at(src, p.source_span.start), at(src, p.source_span.end)),
            });
        }
    }
    let seconds = started.elapsed().as_secs_f64();

    let mut true_pairs: Vec<(&str, &str)> = cases
        .iter()
        .map(|(_, c)| (c.source.as_str(), c.suspicious.as_str()))
        .collect();
    true_pairs.sort_unstable();
    true_pairs.dedup();
    let proposed = true_pairs
        .iter()
        .filter(|(src, sus)| {
            pairs
                .iter()
                .any(|&(a, b)| sources[a].0 == *src && suspicious[b].0 == *sus)
        })
        .count();

    let all_cases: Vec<&Reuse> = cases.iter().map(|(_, c)| c).collect();
    let all_detections: Vec<&Reuse> = detections.iter().collect();
    let mut kinds: Vec<String> = cases.iter().map(|(k, _)| k.clone()).collect();
    kinds.sort();
    kinds.dedup();
    let by_obfuscation = kinds
        .into_iter()
        .map(|kind| {
            let these: Vec<&Reuse> = cases
                .iter()
                .filter(|(k, _)| *k == kind)
                .map(|(_, c)| c)
                .collect();
            let touching: Vec<&Reuse> = detections
                .iter()
                .filter(|d| these.iter().any(|c| d.detects(c)))
                .collect();
            let scores = score(&these, &touching);
            (kind, scores)
        })
        .collect();

    Ok(PanReport {
        source_documents: sources.len(),
        suspicious_documents: suspicious.len(),
        candidate_pairs: pairs.len(),
        linked_pairs: linked,
        true_pairs: true_pairs.len(),
        true_pairs_proposed: proposed,
        overall: score(&all_cases, &all_detections),
        by_obfuscation,
        seconds,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn r(this: (usize, usize), that: (usize, usize)) -> Reuse {
        Reuse {
            suspicious: "s".into(),
            this,
            source: "d".into(),
            that,
        }
    }

    #[test]
    fn perfect_detection_scores_one() {
        let case = r((0, 100), (50, 150));
        let s = score(&[&case], &[&case]);
        assert_eq!(
            (s.precision, s.recall, s.granularity, s.plagdet),
            (1.0, 1.0, 1.0, 1.0)
        );
    }

    #[test]
    fn split_detection_is_penalised_by_granularity() {
        let case = r((0, 100), (0, 100));
        let (a, b) = (r((0, 50), (0, 50)), r((50, 100), (50, 100)));
        let s = score(&[&case], &[&a, &b]);
        assert_eq!((s.precision, s.recall, s.granularity), (1.0, 1.0, 2.0));
        assert!((s.plagdet - 1.0 / 3f64.log2()).abs() < 1e-9);
    }

    #[test]
    fn half_overlap_and_false_alarm() {
        let case = r((0, 100), (0, 100));
        let half = r((50, 150), (50, 150));
        let wrong = Reuse {
            source: "other".into(),
            ..case.clone()
        };
        let s = score(&[&case], &[&half, &wrong]);
        assert!((s.recall - 0.5).abs() < 1e-9);
        assert!((s.precision - 0.25).abs() < 1e-9);
    }

    #[test]
    fn parses_case_files() {
        let xml = r#"<document reference="s.txt"><feature name="plagiarism" type="artificial" obfuscation="none" this_offset="2" this_length="3" source_reference="d.txt" source_offset="4" source_length="5"/></document>"#;
        let f = features(xml);
        assert_eq!(f.len(), 1);
        assert_eq!(f[0]["obfuscation"], "none");
        assert_eq!(f[0]["source_length"], "5");
    }

    #[test]
    fn missing_folder_is_named() {
        let err = evaluate_pan(Path::new("/nonexistent/reuse-id"))
            .err()
            .map(|e| e.to_string())
            .unwrap_or_default();
        assert!(err.contains("/nonexistent/reuse-id"), "{err}");
    }
}
