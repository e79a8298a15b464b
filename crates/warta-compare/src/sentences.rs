//! Sentences as compared across articles, and agreement between sources.

use std::collections::{BTreeSet, HashMap, HashSet};

use warta_model::{person_keys, Analysis, Article, Span};
use warta_relate::{ReuseKind, ReuseLink};

use crate::claims::{amounts_agree, Ctx};
use crate::groups::Groups;
use crate::lexicon::lexicon;
use crate::text::{sentences, stem_id, words};
use crate::{Corroboration, Evidence, SingleSource};

/// Weighted overlap above which two sentences of different articles state the same
/// thing. Set on the example corpus: copies score near 1, paraphrases 0.4–0.7, and
/// unrelated sentences of one story below 0.3.
const SAME_STATEMENT: f64 = 0.45;
/// Fewer content words than this make a sentence too thin to stand as a claim alone
/// ("Sumber: KBS").
const MIN_WORDS: usize = 5;

pub(crate) struct Sent {
    pub doc: usize,
    pub span: Span,
    /// The independent source this sentence counts for.
    pub group: usize,
    /// Content words, `#numbers` and `@entities`, without the words of time expressions.
    pub features: HashSet<String>,
    pub entities: Vec<String>,
    pub words: usize,
}

pub(crate) struct Docs {
    pub sents: Vec<Sent>,
    /// Range of `sents` of each article.
    ranges: Vec<(usize, usize)>,
    idf: HashMap<String, f64>,
    person_key: HashMap<String, String>,
}

impl Docs {
    pub fn new(event: &[(Article, Analysis)], groups: &Groups, links: &[ReuseLink]) -> Self {
        let person_key = person_keys(event.iter().flat_map(|(_, a)| a.entities.iter().map(|e| e.id.as_str())));
        let key = |id: &str| person_key.get(id).cloned().unwrap_or_else(|| id.to_string());
        let index: HashMap<_, usize> = event.iter().enumerate().map(|(i, (a, _))| (&a.id, i)).collect();
        let lex = lexicon();
        let mut sents = Vec::new();
        let mut ranges = Vec::new();
        for (doc, (article, analysis)) in event.iter().enumerate() {
            let first = sents.len();
            // Passages a partial reuse took from another article count for that source.
            let borrowed: Vec<(Span, usize)> = links
                .iter()
                .filter(|l| l.kind == ReuseKind::Partial && l.derived == article.id)
                .filter_map(|l| index.get(&l.source).map(|&s| (l, groups.of[s])))
                .flat_map(|(l, g)| l.passages.iter().map(move |p| (p.derived_span, g)))
                .collect();
            let indonesian = matches!(article.language.as_deref(), Some("id" | "ms"));
            for span in sentences(article) {
                let Some(body) = article.text.get(span.start..span.end) else { continue };
                let inside = |s: usize, e: usize| s >= span.start && e <= span.end;
                let in_time = |w: &Span| {
                    analysis.times.iter().any(|t| {
                        let (s, e) = (w.start + span.start, w.end + span.start);
                        s >= t.start && e <= t.end
                    })
                };
                let mut features = HashSet::new();
                let mut count = 0;
                for (w, at) in words(body) {
                    if in_time(&at) || lex.stopwords.contains(&w) {
                        continue;
                    }
                    if w.chars().all(|c| c.is_ascii_digit()) {
                        features.insert(format!("#{}", w.trim_start_matches('0')));
                    } else if w.chars().count() > 1 {
                        count += 1;
                        features.insert(if indonesian { stem_id(&w) } else { w });
                    }
                }
                for q in analysis.quantities.iter().filter(|q| inside(q.start, q.end)) {
                    features.insert(format!("#{}", crate::claims::format_amount(q.value)));
                }
                let mut entities = BTreeSet::new();
                for e in &analysis.entities {
                    if e.mentions.iter().any(|m| inside(m.start, m.end)) {
                        entities.insert(key(&e.id));
                    }
                }
                features.extend(entities.iter().map(|e| format!("@{e}")));
                let group = borrowed
                    .iter()
                    .find(|(p, _)| span.start >= p.start && span.end <= p.end)
                    .map_or(groups.of[doc], |(_, g)| *g);
                sents.push(Sent { doc, span, group, features, entities: entities.into_iter().collect(), words: count });
            }
            ranges.push((first, sents.len()));
        }
        let mut df: HashMap<&str, usize> = HashMap::new();
        for s in &sents {
            for f in &s.features {
                *df.entry(f.as_str()).or_default() += 1;
            }
        }
        let n = sents.len().max(1) as f64;
        let idf = df.into_iter().map(|(f, d)| (f.to_string(), (1.0 + n / d as f64).ln())).collect();
        Docs { sents, ranges, idf, person_key }
    }

    /// The canonical key of a person id (see [`person_keys`]).
    pub fn key(&self, id: &str) -> String {
        self.person_key.get(id).cloned().unwrap_or_else(|| id.to_string())
    }

    /// The sentence of article `doc` holding byte `pos`.
    pub fn sentence_at(&self, doc: usize, pos: usize) -> Option<usize> {
        let (from, to) = *self.ranges.get(doc)?;
        (from..to).find(|&i| self.sents[i].span.start <= pos && pos < self.sents[i].span.end.max(self.sents[i].span.start + 1))
    }

    pub fn of_doc(&self, doc: usize) -> std::ops::Range<usize> {
        self.ranges.get(doc).map_or(0..0, |&(a, b)| a..b)
    }

    /// IDF-weighted Jaccard overlap of two sentences' features, in [0, 1]: shared rare
    /// words, names and numbers count most, so "146 passengers and 19 crew" meets "146
    /// penumpang dan 19 anak buah kapal" across languages.
    pub fn similarity(&self, a: usize, b: usize) -> f64 {
        let (fa, fb) = (&self.sents[a].features, &self.sents[b].features);
        let weight = |f: &String| self.idf.get(f).copied().unwrap_or(1.0);
        let shared: f64 = fa.intersection(fb).map(weight).sum();
        let all: f64 = fa.union(fb).map(weight).sum();
        if all > 0.0 { shared / all } else { 0.0 }
    }
}

/// Content-word overlap (Dice) of two texts in [0, 1], for callers comparing sentences
/// outside an event (the report's redundancy check).
pub fn text_similarity(a: &str, b: &str) -> f64 {
    let lex = lexicon();
    let set = |t: &str| -> HashSet<String> {
        words(t).into_iter().map(|(w, _)| w).filter(|w| !lex.stopwords.contains(w)).collect()
    };
    let (sa, sb) = (set(a), set(b));
    if sa.is_empty() || sb.is_empty() {
        return 0.0;
    }
    2.0 * sa.intersection(&sb).count() as f64 / (sa.len() + sb.len()) as f64
}

/// Share of the content words of `claim` that `evidence` also has (1 when `claim` has
/// none). Asymmetric on purpose, unlike [`text_similarity`]: a short sentence that
/// restates part of a long source sentence is fully covered by it. Both sides go
/// through the same Indonesian affix stripping, so "terbakar" is covered by
/// "kebakaran", and a word is also covered by another language's word for the same
/// concept (`resources/common/bilingual.toml`: "kebakaran" by "fire"). Numbers are left
/// out, since a caller checks them as values.
pub fn word_coverage(claim: &str, evidence: &str) -> f64 {
    let lex = lexicon();
    let content = |t: &str| -> HashMap<String, Option<&'static str>> {
        words(t)
            .into_iter()
            .filter(|(w, _)| !lex.stopwords.contains(w) && !w.chars().all(|c| c.is_ascii_digit()))
            .map(|(w, at)| (stem_id(&w), t.get(at.start..at.end).and_then(warta_relate::events::concept)))
            .collect()
    };
    let wanted = content(claim);
    if wanted.is_empty() {
        return 1.0;
    }
    let found = content(evidence);
    let concepts: HashSet<&str> = found.values().flatten().copied().collect();
    let covered = wanted.iter().filter(|(w, concept)| found.contains_key(*w) || concept.is_some_and(|c| concepts.contains(c))).count();
    covered as f64 / wanted.len() as f64
}

/// The words of `text` that negate what it says ("tidak", "not"), as written, from the
/// languages' `compare.toml`. A restatement that negates where its source does not says
/// the opposite in the source's own words, which word overlap cannot see.
pub fn negations(text: &str) -> Vec<&str> {
    let lex = lexicon();
    words(text).into_iter().filter(|(w, _)| lex.negations.contains(w)).filter_map(|(_, at)| text.get(at.start..at.end)).collect()
}

/// Sentences of different articles stating the same thing, clustered: by wording
/// (weighted overlap), or by agreeing claims (the same quote from the same speaker, the
/// same count in the same slot, the same day for the same happening). A cluster spanning two independent sources is
/// corroborated; one confined to a single source, if it carries a claim, is
/// single-source.
pub(crate) fn agreement(
    event: &[(Article, Analysis)],
    docs: &Docs,
    claims: &[Ctx],
    links: &[ReuseLink],
) -> (Vec<Corroboration>, Vec<SingleSource>) {
    let n = docs.sents.len();
    // Links between sentences of different articles, scored; sentences whose claims
    // contradict (146 vs 164 passengers) never confirm each other however alike.
    let mut score: HashMap<(usize, usize), f64> = HashMap::new();
    let mut postings: HashMap<&str, Vec<usize>> = HashMap::new();
    for (i, s) in docs.sents.iter().enumerate() {
        for f in &s.features {
            postings.entry(f.as_str()).or_default().push(i);
        }
    }
    for list in postings.values().filter(|l| l.len() <= 200) {
        for (x, &a) in list.iter().enumerate() {
            for &b in &list[x + 1..] {
                let key = (a.min(b), a.max(b));
                if docs.sents[a].doc != docs.sents[b].doc && !score.contains_key(&key) {
                    let sim = docs.similarity(a, b);
                    if sim >= SAME_STATEMENT {
                        score.insert(key, sim);
                    }
                }
            }
        }
    }
    // A rewrite restates its source sentence by sentence in other words: sentences the
    // reuse aligner paired are the same statement even where wording alone would not
    // say so (they still count as one source: the rewrite is derived).
    let restated: HashSet<(usize, usize)> = rewritten_pairs(event, docs, links).into_iter().map(|(a, b)| (a.min(b), a.max(b))).collect();
    for &key in &restated {
        let s = score.entry(key).or_insert(0.0);
        *s = s.max(SAME_STATEMENT);
    }
    let mut against = HashSet::new();
    for (x, a) in claims.iter().enumerate() {
        for b in &claims[x + 1..] {
            if a.doc == b.doc {
                continue;
            }
            let key = (a.sent.min(b.sent), a.sent.max(b.sent));
            if claims_agree(docs, a, b) {
                let s = score.entry(key).or_insert(0.0);
                *s = s.max(SAME_STATEMENT);
            } else if claims_disagree(a, b) {
                against.insert(key);
            }
        }
    }
    let published = |doc: usize| event[doc].0.published.map(|m| m.timestamp);
    let mut order: Vec<usize> = (0..n).collect();
    order.sort_by_key(|&s| (published(docs.sents[s].doc).is_none(), published(docs.sents[s].doc), docs.sents[s].doc, docs.sents[s].span.start));
    // Greedy clustering against each cluster's first sentence, not single linkage:
    // chains of "alike" sentences would otherwise glue a whole story into one cluster.
    // A rewrite's restatement joins the cluster of the sentence it restates.
    let mut clusters: Vec<Vec<usize>> = Vec::new();
    for &s in &order {
        let best = clusters
            .iter()
            .enumerate()
            .filter(|(_, c)| !c.iter().any(|&m| docs.sents[m].doc == docs.sents[s].doc))
            .filter_map(|(i, c)| {
                let clean = !c.iter().any(|&m| against.contains(&(m.min(s), m.max(s))));
                let restates = c.iter().find(|&&m| restated.contains(&(m.min(s), m.max(s))));
                let key = restates.map_or((c[0].min(s), c[0].max(s)), |&m| (m.min(s), m.max(s)));
                score.get(&key).filter(|_| clean).map(|&sc| (i, sc))
            })
            .max_by(|a, b| a.1.total_cmp(&b.1));
        match best {
            Some((i, _)) => clusters[i].push(s),
            None => clusters.push(vec![s]),
        }
    }
    let mut claims_of: HashMap<usize, Vec<usize>> = HashMap::new();
    for c in claims {
        claims_of.entry(c.sent).or_default().push(c.claim.id);
    }
    let added = added_in_derived(event, docs, links);
    let mut corroborated = Vec::new();
    let mut single = Vec::new();
    for members in clusters {
        let Some(&first) = members.first() else { continue };
        let sources: BTreeSet<usize> = members.iter().map(|&s| docs.sents[s].group).collect();
        let claim_ids: Vec<usize> = members.iter().flat_map(|s| claims_of.get(s).cloned().unwrap_or_default()).collect();
        let text_of = |s: usize| {
            let sent = &docs.sents[s];
            event[sent.doc].0.text.get(sent.span.start..sent.span.end).unwrap_or_default().to_string()
        };
        let mut articles = Vec::new();
        for &s in &members {
            let id = &event[docs.sents[s].doc].0.id;
            if !articles.contains(id) {
                articles.push(id.clone());
            }
        }
        if sources.len() >= 2 {
            corroborated.push(Corroboration {
                text: text_of(first),
                claim_ids,
                evidence: members
                    .iter()
                    .map(|&s| Evidence { article: event[docs.sents[s].doc].0.id.clone(), span: docs.sents[s].span, text: text_of(s) })
                    .collect(),
                articles,
                independent_sources: sources.len(),
            });
        } else {
            let in_derived_only = members.iter().all(|s| added.contains(s));
            let substantial = docs.sents[first].words >= MIN_WORDS;
            if substantial && (!claim_ids.is_empty() || in_derived_only) {
                single.push(SingleSource {
                    article: event[docs.sents[first].doc].0.id.clone(),
                    text: text_of(first),
                    span: docs.sents[first].span,
                    repeated_by: articles.into_iter().skip(1).collect(),
                    added_in_derived: in_derived_only,
                    claim_ids,
                });
            }
        }
    }
    (corroborated, single)
}

/// Two claims of different articles that say the same thing.
fn claims_agree(docs: &Docs, a: &Ctx, b: &Ctx) -> bool {
    use crate::ClaimKind::*;
    match (a.claim.kind, b.claim.kind) {
        (Quote, Quote) => {
            a.direct && b.direct && a.claim.subject.is_some() && a.claim.subject == b.claim.subject
                && crate::conflicts::same_words(&a.claim.value, &b.claim.value)
        }
        (Quantity, Quantity) => match (&a.slot, &b.slot, a.amount, b.amount) {
            (Some(sa), Some(sb), Some(x), Some(y)) => sa.category.is_some() && sa == sb && amounts_agree(x, y),
            _ => false,
        },
        (Happening, Happening) => match (a.when, b.when) {
            (Some(x), Some(y)) => x.agrees(&y) && crate::conflicts::same_happening(docs, a, b),
            _ => false,
        },
        _ => false,
    }
}

/// Two claims of different articles that cannot both be true.
fn claims_disagree(a: &Ctx, b: &Ctx) -> bool {
    match (&a.slot, &b.slot, a.amount, b.amount, a.when, b.when) {
        (Some(sa), Some(sb), Some(x), Some(y), _, _) => sa == sb && !amounts_agree(x, y),
        (_, _, _, _, Some(x), Some(y)) => !x.agrees(&y),
        _ => false,
    }
}

/// Least word similarity at which a derived sentence inside an aligned passage is taken
/// to restate the passage's most similar source sentence.
const RESTATED: f64 = 0.2;

/// (source sentence, derived sentence) pairs of every rewrite link: each derived
/// sentence inside an aligned passage with its most similar source sentence in the
/// passage, when they share enough words.
fn rewritten_pairs(event: &[(Article, Analysis)], docs: &Docs, links: &[ReuseLink]) -> Vec<(usize, usize)> {
    let index: HashMap<_, usize> = event.iter().enumerate().map(|(i, (a, _))| (&a.id, i)).collect();
    let inside = |span: Span, passage: Span| span.start >= passage.start && span.end <= passage.end;
    let mut pairs = Vec::new();
    for link in links {
        let (Some(&src), Some(&der)) = (index.get(&link.source), index.get(&link.derived)) else { continue };
        for p in &link.passages {
            for d in docs.of_doc(der).filter(|&d| inside(docs.sents[d].span, p.derived_span)) {
                let best = docs
                    .of_doc(src)
                    .filter(|&t| inside(docs.sents[t].span, p.source_span))
                    .map(|t| (t, docs.similarity(d, t)))
                    .max_by(|a, b| a.1.total_cmp(&b.1).then(b.0.cmp(&a.0)));
                if let Some((t, _)) = best.filter(|&(_, sim)| sim >= RESTATED) {
                    pairs.push((t, d));
                }
            }
        }
    }
    pairs
}

/// Sentences of derived articles that their source does not have: outside every
/// aligned passage, or inside one but like no sentence of the source.
fn added_in_derived(event: &[(Article, Analysis)], docs: &Docs, links: &[ReuseLink]) -> HashSet<usize> {
    let index: HashMap<_, usize> = event.iter().enumerate().map(|(i, (a, _))| (&a.id, i)).collect();
    let mut added = HashSet::new();
    // Syndicated and duplicate copies add credits and site chrome, not reporting.
    let rewritten = links.iter().filter(|l| !matches!(l.kind, ReuseKind::Syndicated | ReuseKind::Duplicate));
    for link in rewritten {
        let (Some(&src), Some(&der)) = (index.get(&link.source), index.get(&link.derived)) else { continue };
        for s in docs.of_doc(der) {
            let span = docs.sents[s].span;
            let covered = link.passages.iter().any(|p| span.start >= p.derived_span.start && span.end <= p.derived_span.end);
            let echoed = docs.of_doc(src).any(|t| docs.similarity(s, t) >= 0.3);
            // An article that reuses only a passage reports the rest itself: only what it
            // changed inside the reused passage was added to a copy.
            let own_reporting = link.kind == ReuseKind::Partial && !covered;
            if !own_reporting && (!covered || !echoed) {
                added.insert(s);
            }
        }
    }
    added
}

#[cfg(test)]
mod tests {
    use super::{negations, word_coverage};

    #[test]
    fn negations_are_found_in_both_languages() {
        assert_eq!(negations("Kapal itu tidak laik laut, dan belum diperiksa."), ["tidak", "belum"]);
        assert_eq!(negations("The ferry was not seaworthy and didn't sail."), ["not", "didn"]);
        assert!(negations("Kapal itu laik laut. The ferry won the award.").is_empty());
    }

    #[test]
    fn coverage_counts_the_claims_words_found_in_the_evidence() {
        let evidence = "Kebakaran kapal KMP Bahari Lestari terjadi di Selat Lembayung pada Senin malam.";
        assert_eq!(word_coverage("Kapal terbakar di Selat Lembayung.", evidence), 1.0);
        let half = word_coverage("Kapal tenggelam di Teluk Biru.", evidence);
        assert!(half > 0.0 && half < 0.5, "{half}");
        assert_eq!(word_coverage("12 dan 14.", evidence), 1.0, "numbers and stop words are not content words");
        assert_eq!(word_coverage("Kapal terbakar.", "A ferry caught fire."), 1.0, "the same concepts in English");
    }
}
