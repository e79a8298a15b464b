//! Passage alignment between a possible source and a possible derived text.
//!
//! Sentences are the unit: a copy keeps them, a rewrite keeps their facts (names,
//! numbers, key nouns) and usually their order. Each derived sentence is matched to the
//! source sentence (or two adjacent ones, for merged sentences) whose content words
//! overlap most, weighting each word by how rare it is *within the pair*: words on
//! every line of both texts ("Korea Utara" in two articles on North Korea) say little
//! about reuse, a shared "11.000 kontainer" says a lot. Matched sentences that sit close
//! together on both sides are then merged into passages; order inside a passage may
//! differ (shuffled or restructured rewrites), which a strictly monotone alignment
//! would miss.

use std::collections::HashMap;

use warta_model::Span;

use crate::text::{Analysis, Kind};

/// Lowest sentence similarity that seeds a match. Paraphrased sentences of a rewrite
/// typically score 0.4–0.8; sentences of two independent articles on one event that
/// share a few names score below 0.35 once topic-wide words are discounted.
const SEED_SIMILARITY: f64 = 0.35;
/// Content keys a sentence pair must share: one shared name is coincidence.
const MIN_SHARED_KEYS: usize = 3;
/// Unmatched derived sentences tolerated inside one passage.
const MAX_DERIVED_GAP: usize = 2;
/// How far (in sentences) a match may fall outside the source range of the passage
/// being built and still extend it: covers restructured or shuffled sentences.
const MAX_SOURCE_JUMP: usize = 5;
/// Extra weight of numbers and names, which paraphrase keeps.
const NUMBER_WEIGHT: f64 = 1.5;
const NAME_WEIGHT: f64 = 1.2;

/// One aligned stretch, with the evidence needed to classify the pair.
#[derive(Clone, Debug)]
pub(crate) struct Passage {
    pub source_span: Span,
    pub derived_span: Span,
    /// Mean similarity of the matched sentence pairs inside the passage, in [0, 1]:
    /// weighted content-word Dice, lifted by the function-word skeleton when that is
    /// closer (synonym substitution).
    pub similarity: f64,
    /// Dice of lower-cased word bigrams (stop words included): 1 for copy-paste, low
    /// for a paraphrase of the same content.
    pub verbatim: f64,
    /// Dice of function-word skeleton trigrams (see `skeletons`): high when only
    /// content words were swapped for synonyms.
    pub skeleton: f64,
    pub source_sentences: std::ops::Range<usize>,
    pub derived_sentences: std::ops::Range<usize>,
    /// Matched sentence pairs inside the passage.
    pub matches: usize,
}

#[derive(Clone, Debug, Default)]
pub(crate) struct Alignment {
    pub passages: Vec<Passage>,
    /// Share of each side's content words inside aligned passages.
    pub source_coverage: f64,
    pub derived_coverage: f64,
}

/// Content keys of one sentence with their kinds, sorted and deduplicated.
fn sentence_keys(analysis: &Analysis) -> Vec<Vec<(u64, Kind)>> {
    analysis
        .sentences
        .iter()
        .map(|s| {
            let mut keys: Vec<(u64, Kind)> = analysis.tokens[s.tokens.clone()]
                .iter()
                .filter(|t| t.is_content())
                .map(|t| (t.key, t.kind))
                .collect();
            keys.sort_unstable_by_key(|k| k.0);
            keys.dedup_by_key(|k| k.0);
            keys
        })
        .collect()
}

/// The function-word skeleton of each sentence: word trigrams in which content words
/// are blanked out and function words, names and numbers kept, sorted and
/// deduplicated. Synonym substitution changes content words but keeps this skeleton
/// (Stamatatos, "Plagiarism detection using stopword n-grams", 2011).
fn skeletons(analysis: &Analysis) -> Vec<Vec<u64>> {
    analysis
        .sentences
        .iter()
        .map(|s| {
            let seq: Vec<u64> = analysis.tokens[s.tokens.clone()]
                .iter()
                .map(|t| if t.kind == Kind::Content { 0 } else { t.key })
                .collect();
            let mut grams: Vec<u64> = seq
                .windows(3)
                .filter(|w| w.iter().filter(|&&k| k != 0).count() >= 2)
                .map(|w| w[0].rotate_left(7) ^ w[1].rotate_left(29) ^ w[2])
                .collect();
            grams.sort_unstable();
            grams.dedup();
            grams
        })
        .collect()
}

/// Plain Dice of two sorted sets.
fn set_dice(a: &[u64], b: &[u64]) -> f64 {
    if a.is_empty() || b.is_empty() {
        return 0.0;
    }
    let (mut i, mut j, mut shared) = (0, 0, 0usize);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                shared += 1;
                i += 1;
                j += 1;
            }
        }
    }
    2.0 * shared as f64 / (a.len() + b.len()) as f64
}

struct Weights(HashMap<u64, f64>);

impl Weights {
    /// Inverse sentence frequency over the sentences of both texts, scaled by kind.
    fn new(source: &[Vec<(u64, Kind)>], derived: &[Vec<(u64, Kind)>]) -> Weights {
        let mut df: HashMap<u64, (usize, Kind)> = HashMap::new();
        for keys in source.iter().chain(derived) {
            for &(key, kind) in keys {
                let entry = df.entry(key).or_insert((0, kind));
                entry.0 += 1;
                if kind != Kind::Content {
                    entry.1 = kind;
                }
            }
        }
        let n = (source.len() + derived.len()).max(1) as f64;
        Weights(
            df.into_iter()
                .map(|(key, (count, kind))| {
                    let boost = match kind {
                        Kind::Number => NUMBER_WEIGHT,
                        Kind::Name => NAME_WEIGHT,
                        _ => 1.0,
                    };
                    (key, boost * (1.0 + n / count as f64).ln())
                })
                .collect(),
        )
    }

    fn of(&self, key: u64) -> f64 {
        self.0.get(&key).copied().unwrap_or(0.0)
    }

    fn total(&self, keys: &[(u64, Kind)]) -> f64 {
        keys.iter().map(|k| self.of(k.0)).sum()
    }
}

/// Weighted Dice of two sorted key lists, and how many keys they share.
fn dice(a: &[(u64, Kind)], b: &[(u64, Kind)], w: &Weights) -> (f64, usize) {
    let (mut i, mut j, mut shared, mut count) = (0, 0, 0.0, 0);
    while i < a.len() && j < b.len() {
        match a[i].0.cmp(&b[j].0) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                shared += w.of(a[i].0);
                count += 1;
                i += 1;
                j += 1;
            }
        }
    }
    let total = w.total(a) + w.total(b);
    if total <= 0.0 {
        (0.0, count)
    } else {
        (2.0 * shared / total, count)
    }
}

fn union(lists: &[Vec<(u64, Kind)>]) -> Vec<(u64, Kind)> {
    let mut all: Vec<(u64, Kind)> = lists.iter().flatten().copied().collect();
    all.sort_unstable_by_key(|k| k.0);
    all.dedup_by_key(|k| k.0);
    all
}

/// Aligns `derived` against `source`. Texts are needed only for spans; all comparison
/// happens on the analyses.
pub(crate) fn align(source: &Analysis, derived: &Analysis) -> Alignment {
    let src_keys = sentence_keys(source);
    let dst_keys = sentence_keys(derived);
    if src_keys.is_empty() || dst_keys.is_empty() {
        return Alignment::default();
    }
    let weights = Weights::new(&src_keys, &dst_keys);
    let (src_skel, dst_skel) = (skeletons(source), skeletons(derived));

    // Inverted index of source sentences by key, so each derived sentence is scored only
    // against source sentences it shares words with.
    let mut by_key: HashMap<u64, Vec<usize>> = HashMap::new();
    for (i, keys) in src_keys.iter().enumerate() {
        for k in keys {
            by_key.entry(k.0).or_default().push(i);
        }
    }

    // Best source sentence range for each derived sentence.
    let mut matched: Vec<Option<(std::ops::Range<usize>, f64)>> = vec![None; dst_keys.len()];
    let mut seen = vec![false; src_keys.len()];
    let mut touched: Vec<usize> = Vec::new();
    for (t, keys) in dst_keys.iter().enumerate() {
        for k in keys {
            for &s in by_key.get(&k.0).into_iter().flatten() {
                if !seen[s] {
                    seen[s] = true;
                    touched.push(s);
                }
            }
        }
        let mut best: Option<(usize, f64)> = None;
        for &s in &touched {
            let (content, shared) = dice(&src_keys[s], keys, &weights);
            // The skeleton can lift a pair whose content words were swapped for
            // synonyms, never sink one.
            let sim = content.max((content + set_dice(&src_skel[s], &dst_skel[t])) / 2.0);
            if shared >= MIN_SHARED_KEYS
                && best.is_none_or(|(b, bs)| sim > bs || (sim == bs && s < b))
            {
                best = Some((s, sim));
            }
        }
        for &s in &touched {
            seen[s] = false;
        }
        touched.clear();
        let Some((s, sim)) = best else { continue };
        // A derived sentence may merge two adjacent source sentences.
        let mut range = s..s + 1;
        let mut best_sim = sim;
        for candidate in [s.saturating_sub(1)..s + 1, s..(s + 2).min(src_keys.len())] {
            if candidate.len() == 2 {
                let (merged, _) = dice(&union(&src_keys[candidate.clone()]), keys, &weights);
                if merged > best_sim {
                    best_sim = merged;
                    range = candidate;
                }
            }
        }
        if best_sim >= SEED_SIMILARITY {
            matched[t] = Some((range, best_sim));
        }
    }

    let passages = build_passages(source, derived, &matched, (&src_skel, &dst_skel));
    let content = |a: &Analysis, range: std::ops::Range<usize>| -> usize {
        a.sentences[range]
            .iter()
            .map(|s| {
                a.tokens[s.tokens.clone()]
                    .iter()
                    .filter(|t| t.is_content())
                    .count()
            })
            .sum()
    };
    let mut src_covered = vec![false; src_keys.len()];
    let mut dst_covered = vec![false; dst_keys.len()];
    for p in &passages {
        src_covered[p.source_sentences.clone()]
            .iter_mut()
            .for_each(|c| *c = true);
        dst_covered[p.derived_sentences.clone()]
            .iter_mut()
            .for_each(|c| *c = true);
    }
    let share = |a: &Analysis, covered: &[bool]| -> f64 {
        let total = content(a, 0..a.sentences.len());
        if total == 0 {
            return 0.0;
        }
        let inside: usize = covered
            .iter()
            .enumerate()
            .filter(|(_, &c)| c)
            .map(|(i, _)| content(a, i..i + 1))
            .sum();
        inside as f64 / total as f64
    };
    Alignment {
        source_coverage: share(source, &src_covered),
        derived_coverage: share(derived, &dst_covered),
        passages,
    }
}

fn build_passages(
    source: &Analysis,
    derived: &Analysis,
    matched: &[Option<(std::ops::Range<usize>, f64)>],
    (src_skel, dst_skel): (&[Vec<u64>], &[Vec<u64>]),
) -> Vec<Passage> {
    struct Open {
        dst: std::ops::Range<usize>,
        src: std::ops::Range<usize>,
        matches: usize,
        sim_sum: f64,
    }
    let mut open: Option<Open> = None;
    let mut ranges: Vec<Open> = Vec::new();
    let fits = |p: &Open, t: usize, src: &std::ops::Range<usize>| {
        t - p.dst.end <= MAX_DERIVED_GAP
            && src.start + MAX_SOURCE_JUMP >= p.src.start
            && src.end <= p.src.end + MAX_SOURCE_JUMP
    };
    for (t, m) in matched.iter().enumerate() {
        let Some((src, sim)) = m else { continue };
        if let Some(p) = open.as_mut() {
            // One stray match (a sentence aligned far away, common in shuffled text)
            // must not cut a passage that the next match continues.
            let next = matched
                .iter()
                .enumerate()
                .skip(t + 1)
                .find_map(|(u, m)| m.as_ref().map(|(r, _)| (u, r.clone())));
            let stray = !fits(p, t, src) && next.is_some_and(|(u, r)| fits(p, u, &r));
            if stray {
                continue;
            }
            if fits(p, t, src) {
                p.dst.end = t + 1;
                p.src = p.src.start.min(src.start)..p.src.end.max(src.end);
                p.matches += 1;
                p.sim_sum += sim;
                continue;
            }
        }
        if let Some(p) = open.take() {
            ranges.push(p);
        }
        open = Some(Open {
            dst: t..t + 1,
            src: src.clone(),
            matches: 1,
            sim_sum: *sim,
        });
    }
    ranges.extend(open);

    ranges
        .into_iter()
        .map(|r| Passage {
            source_span: span_of(source, r.src.clone()),
            derived_span: span_of(derived, r.dst.clone()),
            similarity: r.sim_sum / r.matches as f64,
            verbatim: bigram_dice(source, r.src.clone(), derived, r.dst.clone()),
            skeleton: set_dice(
                &merged(&src_skel[r.src.clone()]),
                &merged(&dst_skel[r.dst.clone()]),
            ),
            source_sentences: r.src,
            derived_sentences: r.dst,
            matches: r.matches,
        })
        .collect()
}

fn merged(lists: &[Vec<u64>]) -> Vec<u64> {
    let mut all: Vec<u64> = lists.iter().flatten().copied().collect();
    all.sort_unstable();
    all.dedup();
    all
}

fn span_of(a: &Analysis, range: std::ops::Range<usize>) -> Span {
    let first = &a.sentences[range.start];
    let last = &a.sentences[range.end - 1];
    Span::new(first.span.start, last.span.end.max(first.span.start))
}

/// Dice of lower-cased word bigram sets of two sentence ranges.
fn bigram_dice(
    a: &Analysis,
    ar: std::ops::Range<usize>,
    b: &Analysis,
    br: std::ops::Range<usize>,
) -> f64 {
    let bigrams = |x: &Analysis, r: std::ops::Range<usize>| -> Vec<u64> {
        let first = x.sentences[r.start].tokens.start;
        let last = x.sentences[r.end - 1].tokens.end;
        let toks = &x.tokens[first..last];
        let mut v: Vec<u64> = toks
            .windows(2)
            .map(|w| w[0].surface.rotate_left(17) ^ w[1].surface)
            .collect();
        v.sort_unstable();
        v.dedup();
        v
    };
    set_dice(&bigrams(a, ar), &bigrams(b, br))
}
