//! From an alignment to a reuse link: is this reuse at all, of which kind, and which
//! article came first.

use warta_model::{Article, Span};

use crate::align::{align, Alignment, Passage};
use crate::lexicon::lexicon;
use crate::signature::{candidates, Signature};
use crate::text::{analyze, paragraph_spans, Analysis};
use crate::{AlignedPassage, AlteredQuote, ReuseKind, ReuseLink};

/// Share of both articles' content inside aligned passages above which the pair is
/// whole-article reuse (copy, edit or rewrite) rather than partial reuse. A rewrite
/// usually adds an introduction and a closing paragraph of its own, so this is well
/// below one; a condensed copy covers little of its source but is itself almost
/// entirely covered.
const WHOLE_COVERAGE: f64 = 0.6;
const CONDENSED_COVERAGE: f64 = 0.8;
/// Mean passage similarity a whole-article link needs: two articles on one event can
/// align loosely sentence by sentence; reuse aligns closely.
const WHOLE_SIMILARITY: f64 = 0.58;
/// Word-bigram overlap above which the text is the same wording (duplicate or
/// syndicated), and above which it is a light edit rather than a rewrite.
const VERBATIM_COPY: f64 = 0.85;
const VERBATIM_EDIT: f64 = 0.5;
/// Coverage of both sides needed to call a copy a duplicate rather than a light edit.
const DUPLICATE_COVERAGE: f64 = 0.85;
/// A passage on its own is evidence of (partial) reuse when it is either several
/// closely matching sentences, or one long verbatim stretch.
const PARTIAL_SIMILARITY: f64 = 0.58;
const PARTIAL_MIN_MATCHES: usize = 3;
/// Two sentences alone must match more closely than three.
const PAIR_SIMILARITY: f64 = 0.65;
const PARTIAL_VERBATIM: f64 = 0.8;
const PARTIAL_VERBATIM_WORDS: usize = 25;
/// Synonym substitution keeps names, numbers and the function-word skeleton but
/// changes most content words: three or more consecutive sentences that keep the
/// skeleton are reuse even at modest content similarity. Independent articles on one
/// event share names but not sentence structure (skeleton below 0.3 on the seeds).
const SYNONYM_MIN_MATCHES: usize = 3;
const SYNONYM_SKELETON: f64 = 0.4;
const SYNONYM_SIMILARITY: f64 = 0.3;
/// Quotes whose content words overlap this much (relative to the shorter quote) are
/// taken to be the same statement.
const SAME_QUOTE: f64 = 0.5;

/// Reuse found between two texts, before articles, credits and times are considered.
#[derive(Clone, Debug, PartialEq)]
pub struct TextReuse {
    pub kind: ReuseKind,
    pub score: f64,
    pub passages: Vec<crate::AlignedPassage>,
    /// Shares of each side's content words inside the passages.
    pub source_coverage: f64,
    pub derived_coverage: f64,
}

/// What the alignment says, before credits and direction.
struct Verdict {
    kind: ReuseKind,
    score: f64,
    passages: Vec<Passage>,
}

/// Content tokens of a passage's derived side.
fn derived_tokens(derived: &Analysis, p: &Passage) -> usize {
    derived.sentences[p.derived_sentences.clone()]
        .iter()
        .map(|s| {
            derived.tokens[s.tokens.clone()]
                .iter()
                .filter(|t| t.is_content())
                .count()
        })
        .sum()
}

/// All words of a passage's derived side, function words included.
fn derived_words(derived: &Analysis, p: &Passage) -> usize {
    derived.sentences[p.derived_sentences.clone()]
        .iter()
        .map(|s| s.tokens.len())
        .sum()
}

fn judge(alignment: Alignment, derived: &Analysis, credited: bool) -> Option<Verdict> {
    let weight = |p: &Passage| derived_tokens(derived, p).max(1) as f64;
    let total: f64 = alignment.passages.iter().map(weight).sum();
    if total == 0.0 {
        return None;
    }
    let mean = |f: &dyn Fn(&Passage) -> f64| {
        alignment
            .passages
            .iter()
            .map(|p| f(p) * weight(p))
            .sum::<f64>()
            / total
    };
    let similarity = mean(&|p| p.similarity);
    let verbatim = mean(&|p| p.verbatim);
    let both = alignment.derived_coverage.min(alignment.source_coverage);

    if (both >= WHOLE_COVERAGE || alignment.derived_coverage >= CONDENSED_COVERAGE)
        && similarity >= WHOLE_SIMILARITY
    {
        let kind = if verbatim >= VERBATIM_COPY && both >= DUPLICATE_COVERAGE {
            if credited {
                ReuseKind::Syndicated
            } else {
                ReuseKind::Duplicate
            }
        } else if verbatim >= VERBATIM_COPY && credited {
            ReuseKind::Syndicated
        } else if verbatim >= VERBATIM_EDIT {
            ReuseKind::LightEdit
        } else {
            ReuseKind::Rewrite
        };
        let score = (alignment.derived_coverage * similarity).clamp(0.0, 1.0);
        return Some(Verdict {
            kind,
            score,
            passages: alignment.passages,
        });
    }

    let strong: Vec<Passage> = alignment
        .passages
        .into_iter()
        .filter(|p| {
            let distinct = p.matches.min(p.source_sentences.len());
            (distinct >= PARTIAL_MIN_MATCHES && p.similarity >= PARTIAL_SIMILARITY)
                || (distinct >= 2 && p.similarity >= PAIR_SIMILARITY)
                || (distinct >= SYNONYM_MIN_MATCHES
                    && p.skeleton >= SYNONYM_SKELETON
                    && p.similarity >= SYNONYM_SIMILARITY)
                || (p.verbatim >= PARTIAL_VERBATIM
                    && derived_words(derived, p) >= PARTIAL_VERBATIM_WORDS)
        })
        .collect();
    if strong.is_empty() {
        return None;
    }
    let content: usize = derived
        .tokens
        .iter()
        .filter(|t| t.is_content())
        .count()
        .max(1);
    let covered: f64 = strong
        .iter()
        .map(|p| derived_tokens(derived, p) as f64 * p.similarity)
        .sum();
    Some(Verdict {
        kind: ReuseKind::Partial,
        score: (covered / content as f64).clamp(0.0, 1.0),
        passages: strong,
    })
}

fn public_passages(passages: &[Passage]) -> Vec<AlignedPassage> {
    passages
        .iter()
        .map(|p| AlignedPassage {
            source_span: p.source_span,
            derived_span: p.derived_span,
            similarity: p.similarity,
        })
        .collect()
}

/// Compares two raw texts (paragraphs separated by blank lines), `derived` against
/// `source`; `None` when they are not related by reuse. Raw texts carry no credits, so
/// credited copies come out as duplicates here.
pub fn compare_texts(source: &str, derived: &str) -> Option<TextReuse> {
    let s = analyze(source, &paragraph_spans(source));
    let d = analyze(derived, &paragraph_spans(derived));
    compare_analyses(&s, &d)
}

pub(crate) fn compare_analyses(s: &Analysis, d: &Analysis) -> Option<TextReuse> {
    let alignment = align(s, d);
    let (source_coverage, derived_coverage) =
        (alignment.source_coverage, alignment.derived_coverage);
    let verdict = judge(alignment, d, false)?;
    Some(TextReuse {
        kind: verdict.kind,
        score: verdict.score,
        passages: public_passages(&verdict.passages),
        source_coverage,
        derived_coverage,
    })
}

/// The paragraph spans of an article, or the blank-line paragraphs of its text when
/// it has none (hand-built articles, other extractors).
pub(crate) fn analyze_article(article: &Article) -> Analysis {
    let spans: Vec<Span> = article.paragraphs.iter().map(|p| p.span).collect();
    if spans.is_empty() {
        analyze(&article.text, &paragraph_spans(&article.text))
    } else {
        analyze(&article.text, &spans)
    }
}

/// A credit phrase the article carries: in its text, in boilerplate the extractor
/// removed ("Sumber: …" lines), or the `credit` field itself.
fn credit_of(article: &Article) -> Option<String> {
    let lex = lexicon();
    if let Some(found) = lex.find_credit(&article.text) {
        return Some(found.to_string());
    }
    if let Some(found) = article
        .removed
        .iter()
        .find_map(|r| lex.find_credit(&r.text))
    {
        return Some(found.to_string());
    }
    article.credit.clone()
}

/// Whether `derived` names the source's outlet outside the shared passages, which
/// settles direction: "seperti dilansir Liputan6" points at Liputan6.
fn names_outlet(derived: &Article, source: &Article) -> bool {
    let Some(outlet) = source
        .outlet
        .as_deref()
        .map(str::to_lowercase)
        .filter(|o| o.len() >= 3)
    else {
        return false;
    };
    derived.text.to_lowercase().contains(&outlet) && !source.text.to_lowercase().contains(&outlet)
}

/// Containment difference below which it says nothing about direction.
const MIN_CONTAINMENT_ASYMMETRY: f64 = 0.1;

/// Distinct numbers of `a` that `b` does not have.
fn numbers_missing(a: &Analysis, b: &Analysis) -> usize {
    let numbers = |x: &Analysis| -> std::collections::HashSet<u64> {
        x.tokens
            .iter()
            .filter(|t| t.kind == crate::text::Kind::Number)
            .map(|t| t.key)
            .collect()
    };
    let (na, nb) = (numbers(a), numbers(b));
    na.difference(&nb).count()
}

struct Direction {
    source: usize,
    derived: usize,
    confidence: f64,
    reason: String,
}

/// Publication times differing by less than this are too close to trust alone: feeds
/// round times and outlets mislabel zones.
const CLOSE_MINUTES: i64 = 10;

fn by_time(articles: &[Article], a: usize, b: usize) -> Option<Direction> {
    let (ta, tb) = (articles[a].published?, articles[b].published?);
    let minutes = (tb.timestamp.as_second() - ta.timestamp.as_second()) / 60;
    if minutes == 0 {
        return None;
    }
    let (source, derived) = if minutes > 0 { (a, b) } else { (b, a) };
    let (s, d) = (&articles[source], &articles[derived]);
    let gap = minutes.abs();
    let confidence = if gap >= CLOSE_MINUTES { 0.95 } else { 0.75 };
    let reason = format!(
        "published earlier ({} vs {}, {} minutes before)",
        s.published.map(|m| m.to_string()).unwrap_or_default(),
        d.published.map(|m| m.to_string()).unwrap_or_default(),
        gap
    );
    Some(Direction {
        source,
        derived,
        confidence,
        reason,
    })
}

/// Direction from the texts when times do not settle it: a credit to the other's
/// outlet, then containment asymmetry (the copy is the one more fully contained in the
/// other), then which text has numbers the other lacks, then a credit phrase only one
/// carries. A bare credit phrase is the weakest sign: the source may itself credit a
/// third party ("seperti dilansir CNA").
fn by_evidence(
    articles: &[Article],
    (analysis_a, analysis_b): (&Analysis, &Analysis),
    a: usize,
    b: usize,
) -> Direction {
    if names_outlet(&articles[b], &articles[a]) {
        return Direction {
            source: a,
            derived: b,
            confidence: 0.85,
            reason: "the derived text names the source's outlet".into(),
        };
    }
    if names_outlet(&articles[a], &articles[b]) {
        return Direction {
            source: b,
            derived: a,
            confidence: 0.85,
            reason: "the derived text names the source's outlet".into(),
        };
    }
    let forward = align(analysis_a, analysis_b);
    // Fraction of each text found in the other; the copy is the more contained one,
    // the source has details the copy lacks.
    let (a_in_b, b_in_a) = (forward.source_coverage, forward.derived_coverage);
    let asymmetry = (b_in_a - a_in_b).abs();
    if asymmetry < MIN_CONTAINMENT_ASYMMETRY {
        // Rewriters drop details far more often than they invent them: the text with
        // numbers the other lacks is the likelier source.
        let (a_only, b_only) = (
            numbers_missing(analysis_a, analysis_b),
            numbers_missing(analysis_b, analysis_a),
        );
        if a_only != b_only {
            let (source, derived, more, fewer) = if a_only > b_only {
                (a, b, a_only, b_only)
            } else {
                (b, a, b_only, a_only)
            };
            return Direction {
                source,
                derived,
                confidence: 0.6,
                reason: format!("the source has details the derived text lacks ({more} numbers not in the other, vs {fewer})"),
            };
        }
    }
    match (credit_of(&articles[a]), credit_of(&articles[b])) {
        (None, Some(c)) => {
            return Direction {
                source: a,
                derived: b,
                confidence: 0.7,
                reason: format!("only the derived text credits a source (\"{c}\")"),
            };
        }
        (Some(c), None) => {
            return Direction {
                source: b,
                derived: a,
                confidence: 0.7,
                reason: format!("only the derived text credits a source (\"{c}\")"),
            };
        }
        _ => {}
    }
    if asymmetry < 0.01 {
        return Direction {
            source: a,
            derived: b,
            confidence: 0.5,
            reason: "no evidence of direction: no publication times, equal containment".into(),
        };
    }
    let confidence = (0.5 + asymmetry).min(0.7);
    if b_in_a > a_in_b {
        Direction {
            source: a,
            derived: b,
            confidence,
            reason: format!("the derived text is more fully contained in the source ({:.0}% vs {:.0}%), which has details it lacks", b_in_a * 100.0, a_in_b * 100.0),
        }
    } else {
        Direction {
            source: b,
            derived: a,
            confidence,
            reason: format!("the derived text is more fully contained in the source ({:.0}% vs {:.0}%), which has details it lacks", a_in_b * 100.0, b_in_a * 100.0),
        }
    }
}

/// Quotes in aligned passages that are the same statement worded differently.
fn altered_quotes(
    source: &Article,
    s: &Analysis,
    derived: &Article,
    d: &Analysis,
    passages: &[Passage],
) -> Vec<AlteredQuote> {
    let inside = |q: &Span, p: &Span| q.start >= p.start && q.end <= p.end;
    let keys = |a: &Analysis, q: &crate::text::Quote| -> Vec<u64> {
        let mut k: Vec<u64> = a.tokens[q.tokens.clone()]
            .iter()
            .filter(|t| t.is_content())
            .map(|t| t.key)
            .collect();
        k.sort_unstable();
        k.dedup();
        k
    };
    let surface = |a: &Analysis, q: &crate::text::Quote| -> Vec<u64> {
        a.tokens[q.tokens.clone()]
            .iter()
            .map(|t| t.surface)
            .collect()
    };
    let mut out = Vec::new();
    let mut used = vec![false; s.quotes.len()];
    for p in passages {
        for dq in d.quotes.iter().filter(|q| inside(&q.span, &p.derived_span)) {
            let dk = keys(d, dq);
            let best = s
                .quotes
                .iter()
                .enumerate()
                .filter(|(i, q)| !used[*i] && inside(&q.span, &p.source_span))
                .map(|(i, q)| {
                    let sk = keys(s, q);
                    let shared = sk.iter().filter(|k| dk.binary_search(k).is_ok()).count();
                    let smaller = sk.len().min(dk.len()).max(1);
                    (i, shared, shared as f64 / smaller as f64)
                })
                .filter(|&(_, shared, overlap)| shared >= 2 && overlap >= SAME_QUOTE)
                .max_by(|x, y| x.2.total_cmp(&y.2));
            let Some((i, _, _)) = best else { continue };
            used[i] = true;
            let sq = &s.quotes[i];
            if surface(s, sq) != surface(d, dq) {
                out.push(AlteredQuote {
                    source_span: sq.span,
                    derived_span: dq.span,
                    source_text: source
                        .text
                        .get(sq.span.start..sq.span.end)
                        .unwrap_or("")
                        .to_string(),
                    derived_text: derived
                        .text
                        .get(dq.span.start..dq.span.end)
                        .unwrap_or("")
                        .to_string(),
                });
            }
        }
    }
    out
}

pub(crate) fn find_reuse(articles: &[Article]) -> Vec<ReuseLink> {
    use rayon::prelude::*;
    // Signatures in parallel; analyses are not kept (about 40 bytes per token, too much
    // for a million articles) but redone for the articles that have candidates.
    let signatures: Vec<Signature> = articles
        .par_iter()
        .map(|a| Signature::of(&analyze_article(a)))
        .collect();
    let pairs = candidates(&signatures);
    drop(signatures);
    // Pairs come sorted by first article: each group analyses its first article once,
    // and groups are aligned in parallel.
    let groups: Vec<&[crate::Candidate]> = pairs.chunk_by(|x, y| x.a == y.a).collect();
    groups
        .into_par_iter()
        .flat_map_iter(|group| {
            let first = analyze_article(&articles[group[0].a]);
            group
                .iter()
                .filter_map(|c| {
                    let second = analyze_article(&articles[c.b]);
                    link_pair(articles, c.a, c.b, &first, &second)
                })
                .collect::<Vec<_>>()
        })
        .collect()
}

/// The reuse link between articles `a` and `b` (analysed as `analysis_a`,
/// `analysis_b`), if they are related by reuse.
fn link_pair(
    articles: &[Article],
    a: usize,
    b: usize,
    analysis_a: &Analysis,
    analysis_b: &Analysis,
) -> Option<ReuseLink> {
    let direction = by_time(articles, a, b)
        .unwrap_or_else(|| by_evidence(articles, (analysis_a, analysis_b), a, b));
    let (si, di) = (direction.source, direction.derived);
    let (source, derived) = (&articles[si], &articles[di]);
    let (s, d) = if si == a {
        (analysis_a, analysis_b)
    } else {
        (analysis_b, analysis_a)
    };
    let alignment = align(s, d);
    // A copy of wire text credits its source; two copies of the same wire story both
    // carry the credit, and neither is the other's syndicated source.
    let credited = credit_of(derived).is_some() && lexicon().find_credit(&source.text).is_none();
    let verdict = judge(alignment, d, credited)?;
    let altered = altered_quotes(source, s, derived, d, &verdict.passages);
    Some(ReuseLink {
        source: source.id.clone(),
        derived: derived.id.clone(),
        kind: verdict.kind,
        score: verdict.score,
        direction_confidence: direction.confidence,
        direction_reason: direction.reason,
        passages: public_passages(&verdict.passages),
        altered_quotes: altered,
    })
}
