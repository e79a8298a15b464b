//! Scores the quote finder against PolNeAR (English political news, brat standoff).
//!
//! Layout of a split (`dev/`, `train/`, `test/`):
//! `text/<article>.txt` and `attributions/<article>_<annotator>.ann`, where each `.ann`
//! holds `T` lines (`Source`, `Cue`, `Content`, `Attribution`, `Discard`, `Discuss`;
//! character offsets, discontinuous spans joined by `;`) and `E` lines tying one cue to
//! its content (`Content`, sometimes `Content2`) and, unless `Attribution-no-source`,
//! its source.
//!
//! **Several annotators.** Most articles have one `.ann`; a few (two in `dev`) were
//! annotated by all six annotators. Each article is scored against exactly one
//! annotation, the annotator whose id sorts first — a choice fixed before looking at
//! any prediction, so it cannot flatter the finder, and every article counts once.
//!
//! **Units.** A gold unit is one contiguous piece of a Content span (a quote split by
//! its attribution, `“…,” Flynn said. “…”`, is two units, both with the same source).
//! A predicted unit is one [`Quote`](warta_model::Quote) of kind Direct or Indirect;
//! fragments are not attributions in PolNeAR's sense and are only counted.
//!
//! **Kinds.** PolNeAR does not label direct versus indirect. A gold unit is *direct*
//! when, trimmed, it starts and ends with a quotation mark; otherwise *indirect* (this
//! includes mixed content such as `Trump was “absolutely right”`).
//!
//! **Matching.** Spans are compared after normalisation: surrounding whitespace,
//! quotation marks, trailing `.,;:` and a leading "that" are dropped from both sides
//! (PolNeAR includes the marks and often the complementiser; warta's spans exclude
//! them). *Exact*: equal normalised spans. *Overlap*: the spans share at least one
//! byte; pairs are matched one to one, largest overlap first. Precision is matched
//! predictions over predictions, recall matched gold units over gold units.
//!
//! **As warta runs it.** The finder reads each article with the names the recogniser
//! and the entity stage find in it, as `warta analyze` does.
//!
//! **Sources.** Among content pairs matched by overlap, the predicted source phrase as
//! written at the quote ([`Quote::source`](warta_model::Quote::source): "White House
//! spokesman Josh Earnest", "he", not the resolved name) is compared with the gold
//! Source span: exact after normalisation, or overlapping. Precision is over
//! predictions with a speaker, recall over gold units with a source.
//!
//! PolNeAR annotates every attribution (beliefs, "saw", "an answer about", "as much"),
//! so recall has a ceiling well below 1 for a speech-verb finder.

use std::collections::BTreeMap;
use std::fmt;
use std::fs;
use std::path::{Path, PathBuf};

use warta_model::{Quote, QuoteKind};

use super::find_quotes_in;


#[derive(Debug)]
pub enum QuoteError {
    /// A file or folder could not be read.
    Io { path: PathBuf, source: std::io::Error },
    /// A line of an `.ann` file is not brat standoff.
    Format { path: PathBuf, line: usize, reason: String },
    /// The folder has no `text/*.txt` with a matching `attributions/*.ann`.
    Empty { path: PathBuf },
}

impl fmt::Display for QuoteError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            QuoteError::Io { path, source } => write!(f, "cannot read {}: {source}", path.display()),
            QuoteError::Format { path, line, reason } => write!(f, "{}:{line}: {reason}", path.display()),
            QuoteError::Empty { path } => write!(
                f,
                "{} has no articles: expected text/<name>.txt and attributions/<name>_<annotator>.ann (a PolNeAR split such as dev/)",
                path.display()
            ),
        }
    }
}

impl std::error::Error for QuoteError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            QuoteError::Io { source, .. } => Some(source),
            _ => None,
        }
    }
}

/// Matches, predictions and gold units for one measure.
pub use warta_model::MatchCounts as Scores;

#[derive(Clone, Debug, Default, PartialEq, serde::Serialize)]
pub struct Report {
    pub dir: PathBuf,
    pub articles: usize,
    /// Articles scored per annotator id.
    pub annotators: BTreeMap<String, usize>,
    pub content_exact: Scores,
    pub content_overlap: Scores,
    pub direct_exact: Scores,
    pub direct_overlap: Scores,
    pub indirect_exact: Scores,
    pub indirect_overlap: Scores,
    pub source_exact: Scores,
    pub source_overlap: Scores,
    /// Fragments found (not scored).
    pub fragments: usize,
}

impl fmt::Display for Report {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "PolNeAR quotes: {} ({} articles; one annotator each: {:?})", self.dir.display(), self.articles, self.annotators)?;
        writeln!(f, "{:<22} {:>6} {:>6} {:>6} {:>11} {:>11}", "measure", "P", "R", "F1", "pred(ok)", "gold(ok)")?;
        let rows = [
            ("content exact", self.content_exact),
            ("content overlap", self.content_overlap),
            ("direct exact", self.direct_exact),
            ("direct overlap", self.direct_overlap),
            ("indirect exact", self.indirect_exact),
            ("indirect overlap", self.indirect_overlap),
            ("source exact", self.source_exact),
            ("source overlap", self.source_overlap),
        ];
        for (name, s) in rows {
            writeln!(
                f,
                "{:<22} {:>6.3} {:>6.3} {:>6.3} {:>5}({:>4}) {:>5}({:>4})",
                name,
                s.precision(),
                s.recall(),
                s.f1(),
                s.predicted,
                s.matched_predicted,
                s.gold,
                s.matched_gold
            )?;
        }
        write!(f, "fragments found (not scored): {}", self.fragments)
    }
}

#[derive(Clone, Debug)]
struct Unit {
    start: usize,
    end: usize,
    direct: bool,
    source: Option<(usize, usize)>,
}

/// Scores the finder on one PolNeAR split (`dir` holds `text/` and `attributions/`).
pub fn evaluate(dir: &Path) -> Result<Report, QuoteError> {
    let io = |path: &Path| {
        let path = path.to_path_buf();
        move |source| QuoteError::Io { path, source }
    };
    let ann_dir = dir.join("attributions");
    let text_dir = dir.join("text");
    // article → annotators
    let mut annotations: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for entry in fs::read_dir(&ann_dir).map_err(io(&ann_dir))? {
        let entry = entry.map_err(io(&ann_dir))?;
        let name = entry.file_name().to_string_lossy().to_string();
        let Some(stem) = name.strip_suffix(".ann") else { continue };
        let Some((article, annotator)) = stem.rsplit_once('_') else { continue };
        annotations.entry(article.to_string()).or_default().push(annotator.to_string());
    }
    let mut report = Report { dir: dir.to_path_buf(), ..Report::default() };
    for (article, mut annotators) in annotations {
        let text_path = text_dir.join(format!("{article}.txt"));
        if !text_path.exists() {
            continue;
        }
        annotators.sort();
        let annotator = annotators[0].clone();
        let ann_path = ann_dir.join(format!("{article}_{annotator}.ann"));
        let text = fs::read_to_string(&text_path).map_err(io(&text_path))?;
        let ann = fs::read_to_string(&ann_path).map_err(io(&ann_path))?;
        let gold = parse_ann(&text, &ann, &ann_path)?;
        score_article(&text, &gold, &mut report);
        report.articles += 1;
        *report.annotators.entry(annotator).or_default() += 1;
    }
    if report.articles == 0 {
        return Err(QuoteError::Empty { path: dir.to_path_buf() });
    }
    Ok(report)
}

/// Byte offset of every character offset (plus the end).
fn char_to_byte(text: &str) -> Vec<usize> {
    let mut v: Vec<usize> = text.char_indices().map(|(b, _)| b).collect();
    v.push(text.len());
    v
}

fn parse_ann(text: &str, ann: &str, path: &Path) -> Result<Vec<Unit>, QuoteError> {
    let map = char_to_byte(text);
    let bad = |line: usize, reason: &str| QuoteError::Format { path: path.to_path_buf(), line, reason: reason.to_string() };
    let mut spans: BTreeMap<&str, Vec<(usize, usize)>> = BTreeMap::new();
    let mut relations: Vec<BTreeMap<&str, &str>> = Vec::new();
    for (n, line) in ann.lines().enumerate() {
        let n = n + 1;
        let mut cols = line.split('\t');
        let id = cols.next().unwrap_or_default();
        let body = cols.next().unwrap_or_default();
        // A brat id is a letter and a number; other lines continue the text field of the
        // line before (annotated text with a line break in it) and carry no annotation.
        let is_id = |letter: char| id.strip_prefix(letter).is_some_and(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()));
        if is_id('T') {
            let (_, offsets) = body.split_once(' ').ok_or_else(|| bad(n, "text-bound line without offsets"))?;
            let mut v = Vec::new();
            for piece in offsets.split(';') {
                let mut it = piece.split_whitespace().map(str::parse::<usize>);
                match (it.next(), it.next()) {
                    (Some(Ok(s)), Some(Ok(e))) if s <= e && e < map.len() => v.push((map[s], map[e])),
                    _ => return Err(bad(n, "offsets are not `start end` within the text")),
                }
            }
            spans.insert(id, v);
        } else if is_id('E') {
            let mut roles = BTreeMap::new();
            for arg in body.split_whitespace() {
                if let Some((role, target)) = arg.split_once(':') {
                    roles.insert(role, target);
                }
            }
            relations.push(roles);
        }
    }
    let mut units = Vec::new();
    for roles in relations {
        let source = roles.get("Source").and_then(|t| spans.get(t)).and_then(|v| {
            let s = v.iter().map(|x| x.0).min()?;
            let e = v.iter().map(|x| x.1).max()?;
            Some((s, e))
        });
        for role in ["Content", "Content2"] {
            let Some(pieces) = roles.get(role).and_then(|t| spans.get(t)) else { continue };
            for &(s, e) in pieces {
                let (ns, ne) = normalize(text, s, e);
                if ns >= ne {
                    continue;
                }
                let raw = text[s..e].trim().trim_end_matches(['.', ',', ';', ':', ' ']);
                // Some outlets open with the closing mark too (”…”).
                let direct = raw.starts_with(['"', '“', '”', '‘', '\'', '«']) && raw.ends_with(['"', '”', '’', '\'', '»']);
                units.push(Unit { start: ns, end: ne, direct, source });
            }
        }
    }
    Ok(units)
}

/// Drops surrounding whitespace, quotation marks, `.,;:` and a leading "that".
fn normalize(text: &str, mut s: usize, mut e: usize) -> (usize, usize) {
    let junk = |c: char| c.is_whitespace() || matches!(c, '"' | '“' | '”' | '‘' | '’' | '\'' | '.' | ',' | ';' | ':' | '«' | '»');
    loop {
        let before = (s, e);
        while s < e {
            let c = text[s..e].chars().next().unwrap_or(' ');
            if junk(c) {
                s += c.len_utf8();
            } else {
                break;
            }
        }
        while e > s {
            let c = text[s..e].chars().next_back().unwrap_or(' ');
            if junk(c) {
                e -= c.len_utf8();
            } else {
                break;
            }
        }
        let lower = text[s..e].to_lowercase();
        if lower.starts_with("that ") {
            s += 5;
        }
        if (s, e) == before {
            return (s, e);
        }
    }
}

/// One-to-one matching, largest overlap first. Returns (pred, gold) index pairs.
fn match_units(pred: &[(usize, usize)], gold: &[(usize, usize)], exact: bool) -> Vec<(usize, usize)> {
    let mut pairs = Vec::new();
    for (i, p) in pred.iter().enumerate() {
        for (j, g) in gold.iter().enumerate() {
            let ov = p.1.min(g.1).saturating_sub(p.0.max(g.0));
            let ok = if exact { p == g } else { ov > 0 };
            if ok {
                pairs.push((ov, i, j));
            }
        }
    }
    pairs.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)).then(a.2.cmp(&b.2)));
    let (mut used_p, mut used_g) = (vec![false; pred.len()], vec![false; gold.len()]);
    let mut out = Vec::new();
    for (_, i, j) in pairs {
        if !used_p[i] && !used_g[j] {
            used_p[i] = true;
            used_g[j] = true;
            out.push((i, j));
        }
    }
    out
}

fn scores(pred: &[(usize, usize)], gold: &[(usize, usize)], exact: bool) -> Scores {
    let m = match_units(pred, gold, exact).len();
    Scores::one_to_one(m, pred.len(), gold.len())
}

fn score_article(text: &str, gold: &[Unit], report: &mut Report) {
    // As warta runs it: with the names the recogniser and the entity stage find.
    let words = crate::tokens::Words::new(text);
    let entities = crate::entities::canonical_entities(text, "en", &crate::recognised_names(text, &words, "en"));
    let names = crate::speaking_names(&entities);
    let found = find_quotes_in(text, &words, "en", &names);
    report.fragments += found.iter().filter(|a| a.kind == QuoteKind::Fragment).count();
    let preds: Vec<_> = found.iter().filter(|a| a.kind != QuoteKind::Fragment).collect();
    let span = |a: &&Quote| normalize(text, a.start, a.end);
    let all_p: Vec<(usize, usize)> = preds.iter().map(span).collect();
    let all_g: Vec<(usize, usize)> = gold.iter().map(|u| (u.start, u.end)).collect();
    report.content_exact += scores(&all_p, &all_g, true);
    report.content_overlap += scores(&all_p, &all_g, false);
    for direct in [true, false] {
        let kind = if direct { QuoteKind::Direct } else { QuoteKind::Indirect };
        let p: Vec<(usize, usize)> = preds.iter().filter(|a| a.kind == kind).map(span).collect();
        let g: Vec<(usize, usize)> = gold.iter().filter(|u| u.direct == direct).map(|u| (u.start, u.end)).collect();
        let (exact, overlap) = if direct {
            (&mut report.direct_exact, &mut report.direct_overlap)
        } else {
            (&mut report.indirect_exact, &mut report.indirect_overlap)
        };
        *exact += scores(&p, &g, true);
        *overlap += scores(&p, &g, false);
    }
    // Sources, over content pairs matched by overlap.
    let pairs = match_units(&all_p, &all_g, false);
    let with_source_p = preds.iter().filter(|a| a.source.is_some()).count();
    let with_source_g = gold.iter().filter(|u| u.source.is_some()).count();
    let (mut ok_exact, mut ok_overlap) = (0, 0);
    for (i, j) in pairs {
        let (Some(ps), Some(gs)) = (preds[i].source, gold[j].source) else { continue };
        let a = normalize(text, ps.start, ps.end);
        let b = normalize(text, gs.0, gs.1);
        if a == b {
            ok_exact += 1;
        }
        if a.1.min(b.1) > a.0.max(b.0) {
            ok_overlap += 1;
        }
    }
    report.source_exact += Scores::one_to_one(ok_exact, with_source_p, with_source_g);
    report.source_overlap += Scores::one_to_one(ok_overlap, with_source_p, with_source_g);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn annotated_text_with_a_line_break_is_read_past() {
        let text = "3.\n\nThe number of people she is vetting, the Post reported, is small.";
        // brat writes the text field of a discontinuous span with its line breaks; the
        // continuation line starts with a capital T like a text-bound id would.
        let ann = "T1\tSource 41 49\tthe Post\nT2\tCue 50 58\treported\nT3\tContent 0 2;4 39\t3.\n\nThe number of people she is vetting\nT4\tAttribution 50 58\treported\nE1\tAttribution:T4 Content:T3 Cue:T2 Source:T1\n";
        let units = parse_ann(text, ann, Path::new("a.ann")).unwrap();
        assert_eq!(units.len(), 2, "{units:?}");
        assert_eq!(&text[units[1].start..units[1].end], "The number of people she is vetting");
        assert_eq!(units[1].source.map(|(s, e)| &text[s..e]), Some("the Post"));
        let broken = "T1\tSource\tno offsets\n";
        assert!(matches!(parse_ann(text, broken, Path::new("b.ann")), Err(QuoteError::Format { line: 1, .. })));
    }
}
