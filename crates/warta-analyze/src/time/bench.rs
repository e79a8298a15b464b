//! Measures [`resolve_times`](super::resolve_times) on TimeML files (`.tml`): the
//! `<DCT>` TIMEX3 gives the publication date, the `<TIMEX3 type value>` elements inside
//! `<TEXT>` the gold spans and values.
//!
//! Scores: span precision/recall/F1, strict (same start and end) and relaxed (any
//! overlap), overall and per TIMEX3 type (DATE, TIME, DURATION, SET; a prediction's
//! type is read from its value); value accuracy over the relaxed matches.
//!
//! Conventions: the gold files give the publication *date* only, so it is taken as
//! 12:00 in the Indonesian western zone (WIB, +07:00). Gold clock values carry no zone,
//! so a written zone is dropped from our value before comparing (`…T21:40+08:00` →
//! `…T21:40`).

use std::collections::BTreeMap;
use std::fmt;

use warta_model::MatchCounts;
use std::path::{Path, PathBuf};

use jiff::civil::Date;
use jiff::tz::Offset;
use warta_model::Moment;

/// Why a benchmark could not run.
#[derive(Debug)]
pub enum TimeError {
    /// The folder or a file could not be read.
    Io { path: PathBuf, source: std::io::Error },
    /// A file is not TimeML as expected.
    Format { path: PathBuf, reason: String },
    /// No `.tml` file in the folder.
    Empty(PathBuf),
}

impl fmt::Display for TimeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            TimeError::Io { path, source } => write!(f, "cannot read {}: {source}", path.display()),
            TimeError::Format { path, reason } => write!(f, "{}: {reason}", path.display()),
            TimeError::Empty(path) => write!(
                f,
                "no .tml files in {} (expected TimeML gold files such as shared/datasets/timex-id/gold/)",
                path.display()
            ),
        }
    }
}

impl std::error::Error for TimeError {}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 {
        0.0
    } else {
        a as f64 / b as f64
    }
}

/// Scores for one TIMEX3 type or for all.
#[derive(Clone, Debug, Default, PartialEq, serde::Serialize)]
pub struct Scores {
    pub strict: MatchCounts,
    pub relaxed: MatchCounts,
    /// Relaxed matches whose value equals the gold value.
    pub value_correct: usize,
    /// Relaxed matches (the denominator of value accuracy).
    pub value_total: usize,
}

impl Scores {
    pub fn value_accuracy(&self) -> f64 {
        ratio(self.value_correct, self.value_total)
    }
}

/// One disagreement, for looking at what goes wrong.
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
pub struct Miss {
    pub file: String,
    pub kind: &'static str,
    pub text: String,
    pub gold: String,
    pub predicted: String,
}

#[derive(Clone, Debug, Default, PartialEq, serde::Serialize)]
pub struct Report {
    pub files: usize,
    pub overall: Scores,
    /// Keyed by TIMEX3 type.
    pub per_type: BTreeMap<String, Scores>,
    pub misses: Vec<Miss>,
}

impl fmt::Display for Report {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "time expressions: {} files", self.files)?;
        writeln!(
            f,
            "{:<10} {:>5} {:>5}  {:>6} {:>6} {:>6}  {:>6} {:>6} {:>6}  {:>8}",
            "type", "gold", "pred", "P", "R", "F1", "relP", "relR", "relF1", "value"
        )?;
        let row = |f: &mut fmt::Formatter<'_>, name: &str, s: &Scores| {
            writeln!(
                f,
                "{:<10} {:>5} {:>5}  {:>6.3} {:>6.3} {:>6.3}  {:>6.3} {:>6.3} {:>6.3}  {:>8}",
                name,
                s.strict.gold,
                s.strict.predicted,
                s.strict.precision(),
                s.strict.recall(),
                s.strict.f1(),
                s.relaxed.precision(),
                s.relaxed.recall(),
                s.relaxed.f1(),
                format!("{:.3} ({}/{})", s.value_accuracy(), s.value_correct, s.value_total),
            )
        };
        for (t, s) in &self.per_type {
            row(f, t, s)?;
        }
        row(f, "all", &self.overall)
    }
}

/// A gold or predicted expression.
#[derive(Clone, Debug)]
struct Timex {
    start: usize,
    end: usize,
    kind: String,
    value: String,
    text: String,
}

/// Scores every `.tml` file in `dir`.
pub fn evaluate(dir: &Path) -> Result<Report, TimeError> {
    let entries = std::fs::read_dir(dir).map_err(|source| TimeError::Io { path: dir.to_path_buf(), source })?;
    let mut files: Vec<PathBuf> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "tml"))
        .collect();
    files.sort();
    if files.is_empty() {
        return Err(TimeError::Empty(dir.to_path_buf()));
    }
    let mut report = Report { files: files.len(), ..Report::default() };
    for path in &files {
        let bytes = std::fs::read(path).map_err(|source| TimeError::Io { path: path.clone(), source })?;
        // Some files of the corpus are Latin-1, not UTF-8.
        let xml = String::from_utf8(bytes).unwrap_or_else(|e| e.into_bytes().iter().map(|&b| b as char).collect());
        let doc = parse_tml(&xml).map_err(|reason| TimeError::Format { path: path.clone(), reason })?;
        let published = doc.dct.map(|d| {
            let wib = Offset::from_hours(7).unwrap_or(Offset::UTC);
            let dt = d.at(12, 0, 0, 0);
            Moment::new(wib.to_timestamp(dt).unwrap_or_default(), wib)
        });
        let predicted: Vec<Timex> = super::resolve_times(&doc.text, published, "id")
            .into_iter()
            .map(|t| Timex { kind: kind_of(&t.value).to_string(), value: t.value, start: t.start, end: t.end, text: t.text })
            .collect();
        let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        score(&name, &doc.gold, &predicted, &mut report);
    }
    Ok(report)
}

/// The TIMEX3 type a value implies.
fn kind_of(value: &str) -> &'static str {
    if value.starts_with('P') && !value.starts_with("PAST") && !value.starts_with("PRESENT") {
        "DURATION"
    } else if value.contains('T') && !value.ends_with("_REF") {
        "TIME"
    } else {
        "DATE"
    }
}

/// Our value in the gold's conventions: no zone offset on clock times.
fn comparable(value: &str) -> String {
    if let Some(t) = value.find('T') {
        let (date, time) = value.split_at(t);
        if time.len() > 6 && (time[6..].starts_with('+') || time[6..].starts_with('-')) {
            return format!("{date}{}", &time[..6]);
        }
    }
    value.to_string()
}

fn score(file: &str, gold: &[Timex], predicted: &[Timex], report: &mut Report) {
    let overlap = |a: &Timex, b: &Timex| a.start < b.end && b.start < a.end;
    for s in std::iter::once(None).chain(["DATE", "TIME", "DURATION", "SET"].iter().map(Some)) {
        let g: Vec<&Timex> = gold.iter().filter(|x| s.is_none_or(|k| x.kind == *k)).collect();
        let p: Vec<&Timex> = predicted.iter().filter(|x| s.is_none_or(|k| x.kind == *k)).collect();
        let scores = match s {
            None => &mut report.overall,
            Some(k) => report.per_type.entry(k.to_string()).or_default(),
        };
        scores.strict.gold += g.len();
        scores.relaxed.gold += g.len();
        scores.strict.predicted += p.len();
        scores.relaxed.predicted += p.len();
        let strict = g.iter().filter(|x| p.iter().any(|y| x.start == y.start && x.end == y.end)).count();
        scores.strict.matched_predicted += strict;
        scores.strict.matched_gold += strict;
        // Relaxed: one-to-one greedy matching by overlap, so one long prediction
        // cannot match two gold spans.
        let mut used = vec![false; p.len()];
        for x in &g {
            if let Some((k, _)) = p.iter().enumerate().find(|(k, y)| !used[*k] && overlap(x, y)) {
                used[k] = true;
                scores.relaxed.matched_predicted += 1;
                scores.relaxed.matched_gold += 1;
            }
        }
    }
    // Values, and the misses, on all types together (a gold DATE may be predicted as
    // TIME; its value is still compared).
    let mut used = vec![false; predicted.len()];
    for x in gold {
        let found = predicted.iter().enumerate().find(|(k, y)| !used[*k] && overlap(x, y));
        match found {
            Some((k, y)) => {
                used[k] = true;
                let correct = comparable(&y.value) == x.value;
                for s in [Some(x.kind.as_str()), None] {
                    let scores = match s {
                        None => &mut report.overall,
                        Some(k) => report.per_type.entry(k.to_string()).or_default(),
                    };
                    scores.value_total += 1;
                    scores.value_correct += usize::from(correct);
                }
                if !correct {
                    report.misses.push(Miss {
                        file: file.into(),
                        kind: "value",
                        text: format!("{} | {}", x.text, y.text),
                        gold: x.value.clone(),
                        predicted: y.value.clone(),
                    });
                }
            }
            None => report.misses.push(Miss {
                file: file.into(),
                kind: "missed",
                text: x.text.clone(),
                gold: x.value.clone(),
                predicted: String::new(),
            }),
        }
    }
    for (k, y) in predicted.iter().enumerate() {
        if !used[k] {
            report.misses.push(Miss {
                file: file.into(),
                kind: "spurious",
                text: y.text.clone(),
                gold: String::new(),
                predicted: y.value.clone(),
            });
        }
    }
}

struct Doc {
    dct: Option<Date>,
    text: String,
    gold: Vec<Timex>,
}

/// Reads `<DCT>` and the text of `<TEXT>` with its TIMEX3 spans (byte offsets into the
/// text with the tags removed and entities decoded).
fn parse_tml(xml: &str) -> Result<Doc, String> {
    let dct = xml
        .find("<DCT>")
        .and_then(|i| attribute(&xml[i..], "value"))
        .and_then(|v| read_date(&v));
    let body_start = xml.find("<TEXT>").ok_or("no <TEXT> element")? + "<TEXT>".len();
    let body_end = xml[body_start..].find("</TEXT>").map(|i| body_start + i).ok_or("no </TEXT>")?;
    let body = &xml[body_start..body_end];
    let mut text = String::with_capacity(body.len());
    let mut gold = Vec::new();
    let mut open: Option<(usize, String, String)> = None;
    let mut rest = body;
    while !rest.is_empty() {
        if rest.starts_with('<') {
            let close = rest.find('>').ok_or("unclosed tag")?;
            let tag = &rest[..=close];
            if tag.starts_with("<TIMEX3") {
                let kind = attribute(tag, "type").unwrap_or_default();
                let value = attribute(tag, "value").unwrap_or_default();
                open = Some((text.len(), kind, value));
            } else if tag.starts_with("</TIMEX3") {
                if let Some((start, kind, value)) = open.take() {
                    gold.push(Timex { start, end: text.len(), kind, value, text: text[start..].to_string() });
                }
            }
            rest = &rest[close + 1..];
        } else if rest.starts_with('&') {
            let semi = rest.find(';').filter(|&i| i < 10);
            let (decoded, used) = match semi.map(|i| &rest[..=i]) {
                Some("&amp;") => ("&", 5),
                Some("&lt;") => ("<", 4),
                Some("&gt;") => (">", 4),
                Some("&quot;") => ("\"", 6),
                Some("&apos;") => ("'", 6),
                _ => ("&", 1),
            };
            text.push_str(decoded);
            rest = &rest[used..];
        } else {
            let next = rest.find(['<', '&']).unwrap_or(rest.len());
            text.push_str(&rest[..next]);
            rest = &rest[next..];
        }
    }
    Ok(Doc { dct, text, gold })
}

/// `2014-12-29`, also unpadded (`2013-12-4`) as some files write it.
fn read_date(v: &str) -> Option<Date> {
    let mut parts = v.split(['-', 'T']).map(|p| p.trim().parse::<i32>().ok());
    let (y, m, d) = (parts.next()??, parts.next()??, parts.next()??);
    Date::new(i16::try_from(y).ok()?, i8::try_from(m).ok()?, i8::try_from(d).ok()?).ok()
}

fn attribute(tag: &str, name: &str) -> Option<String> {
    let key = format!(" {name}=\"");
    let i = tag.find(&key)? + key.len();
    let j = tag[i..].find('"')? + i;
    Some(tag[i..j].to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_timeml_spans_against_the_plain_text() {
        let xml = r#"<DCT><TIMEX3 tid="t0" type="TIME" value="2014-12-29">x</TIMEX3></DCT>
<TEXT>Pada <TIMEX3 tid="t1" type="DATE" value="2014-12-28">Minggu (28/12/2014)</TIMEX3> &quot;ok&quot; <TIMEX3 tid="t2" type="DURATION" value="P6Y">enam tahun</TIMEX3>.</TEXT>"#;
        let doc = parse_tml(xml).unwrap();
        assert_eq!(doc.dct, Some(jiff::civil::date(2014, 12, 29)));
        assert_eq!(doc.gold.len(), 2);
        for g in &doc.gold {
            assert_eq!(&doc.text[g.start..g.end], g.text);
        }
        assert_eq!(doc.gold[1].text, "enam tahun");
        assert!(doc.text.contains("\"ok\""));
    }

    #[test]
    fn compares_clock_values_without_the_zone() {
        assert_eq!(comparable("2014-12-28T07:55+07:00"), "2014-12-28T07:55");
        assert_eq!(comparable("2014-12-28TNI"), "2014-12-28TNI");
        assert_eq!(kind_of("PT2M"), "DURATION");
        assert_eq!(kind_of("PAST_REF"), "DATE");
        assert_eq!(kind_of("2014-12-28TNI"), "TIME");
    }
}
