//! Event clustering measured on ECB+ (Cybulska & Vossen, LREC 2014).
//!
//! Each ECB+ topic holds articles on two real events of the same kind (two celebrity
//! rehab stays, two earthquakes): `N_Mecb.xml` files report one, `N_Mecbplus.xml` the
//! other. All documents of all topics are clustered in one run, as a news stream would
//! be, and the events found are scored with B-cubed against the gold events (topic +
//! ecb/ecbplus). Topic purity says whether unrelated subjects were mixed; the
//! cross-event figures say how often the two events of one topic were confused, which
//! is the hard part: they share almost all their vocabulary.
//!
//! The library never calls the analyze stage, so the caller passes it in
//! (`warta_analyze::analyze` from the CLI and the tests).

use std::collections::HashMap;
use std::path::Path;

use rayon::prelude::*;
use serde::Serialize;
use warta_model::{Analysis, Article, ArticleId};

use super::features::{self, Vocabs};
use super::{cluster_all_with, dot, top, weighted, year_agreement, EventConfig, EventsError, LinkWeights, MEMBER_LINK_NAMES, MEMBER_LINK_TERMS};

/// Topics of the ECB+ dev split (Cybulska & Vossen 2015); the other topics present
/// (1–35 without 15 and 17) are train topics. The defaults were tuned on train only.
pub const DEV_TOPICS: [u32; 8] = [2, 5, 12, 18, 21, 23, 34, 35];

/// One ECB+ document rebuilt as an article, with its gold event.
#[derive(Clone, Debug)]
pub struct EcbDocument {
    /// File name, e.g. `1_10ecbplus.xml`.
    pub name: String,
    pub topic: u32,
    /// Whether it reports the topic's ECB+ event (else the original ECB one).
    pub plus: bool,
    pub article: Article,
    pub analysis: Analysis,
}

/// All documents of a benchmark folder, analysed once so that several configurations
/// can be scored without analysing again.
#[derive(Clone, Debug, Default)]
pub struct EcbCorpus {
    pub documents: Vec<EcbDocument>,
    /// Files that could not be used, with the reason.
    pub skipped: Vec<String>,
}

/// B-cubed precision, recall and F1.
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize)]
pub struct BCubed {
    pub precision: f64,
    pub recall: f64,
    pub f1: f64,
}

/// How the two events of one topic were clustered.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct TopicConfusion {
    pub topic: u32,
    pub ecb_documents: usize,
    pub ecbplus_documents: usize,
    /// Predicted events holding documents of this topic.
    pub events: usize,
    /// Predicted events holding documents of both gold events.
    pub mixed_events: usize,
    /// (ecb, ecbplus) document pairs placed in one event, of all such pairs.
    pub confused_pairs: usize,
    pub cross_pairs: usize,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct EcbReport {
    pub documents: usize,
    /// Documents that name at least one day (ECB+ has no publication dates: only dates
    /// written in the text can tell the two events of a topic apart in time).
    pub dated_documents: usize,
    pub gold_events: usize,
    pub predicted_events: usize,
    /// Over all documents.
    pub all: BCubed,
    /// Over the documents of train topics and of dev topics ([`DEV_TOPICS`]), from the
    /// same run.
    pub train: BCubed,
    pub dev: BCubed,
    /// Share of documents whose predicted event's majority topic is their own topic.
    pub topic_purity: f64,
    /// Share of (ecb, ecbplus) pairs of a topic placed in one event.
    pub confused_pair_rate: f64,
    pub topics: Vec<TopicConfusion>,
    pub skipped: Vec<String>,
}

impl EcbReport {
    /// A Markdown summary for `BENCHMARKS.md` and the CLI.
    pub fn summary(&self) -> String {
        let row = |name: &str, b: &BCubed| format!("| {name} | {:.3} | {:.3} | {:.3} |\n", b.precision, b.recall, b.f1);
        let mut s = format!(
            "{} documents ({} naming a day), {} gold events, {} predicted events; topic purity {:.3}; \
             (ecb, ecbplus) pairs of one topic placed together: {:.1}%\n\n\
             | documents | B3 precision | B3 recall | B3 F1 |\n|---|---:|---:|---:|\n",
            self.documents,
            self.dated_documents,
            self.gold_events,
            self.predicted_events,
            self.topic_purity,
            100.0 * self.confused_pair_rate
        );
        s += &row("all", &self.all);
        s += &row("train topics", &self.train);
        s += &row("dev topics", &self.dev);
        if !self.skipped.is_empty() {
            s += &format!("\nskipped: {}\n", self.skipped.join("; "));
        }
        s
    }
}

/// Reads, analyses and clusters every document under `dir` with the default
/// configuration.
pub fn evaluate_ecb(dir: &Path, analyze: impl Fn(&Article) -> Analysis + Sync) -> Result<EcbReport, EventsError> {
    Ok(score_ecb(&load_ecb(dir, analyze)?, &EventConfig::default()))
}

/// Reads every `N/N_M{ecb,ecbplus}.xml` under `dir` into articles and analyses them.
/// Unreadable or empty files are listed in `skipped`, not fatal.
pub fn load_ecb(dir: &Path, analyze: impl Fn(&Article) -> Analysis + Sync) -> Result<EcbCorpus, EventsError> {
    let io = |path: &Path, source| EventsError::Io { path: path.display().to_string(), source };
    let mut files = Vec::new();
    for topic in std::fs::read_dir(dir).map_err(|e| io(dir, e))? {
        let topic = topic.map_err(|e| io(dir, e))?.path();
        let Ok(entries) = std::fs::read_dir(&topic) else { continue };
        for entry in entries.filter_map(Result::ok) {
            let path = entry.path();
            let Some(name) = path.file_name().and_then(|n| n.to_str()).map(str::to_string) else { continue };
            if let Some((topic, plus)) = gold_of(&name) {
                files.push((path, name, topic, plus));
            }
        }
    }
    files.sort_by(|a, b| a.1.cmp(&b.1));
    let read: Vec<Result<EcbDocument, String>> = files
        .par_iter()
        .map(|(path, name, topic, plus)| {
            let raw = std::fs::read(path).map_err(|e| format!("{name}: {e}"))?;
            let xml = String::from_utf8_lossy(&raw);
            let article = article_of(name, &raw, &xml).ok_or_else(|| format!("{name}: no tokens"))?;
            let analysis = analyze(&article);
            Ok(EcbDocument { name: name.clone(), topic: *topic, plus: *plus, article, analysis })
        })
        .collect();
    let mut corpus = EcbCorpus::default();
    for r in read {
        match r {
            Ok(doc) => corpus.documents.push(doc),
            Err(why) => corpus.skipped.push(why),
        }
    }
    if corpus.documents.is_empty() {
        return Err(EventsError::Empty(dir.display().to_string()));
    }
    Ok(corpus)
}

/// Topic number and event of a file name `N_Mecb.xml` / `N_Mecbplus.xml`.
fn gold_of(name: &str) -> Option<(u32, bool)> {
    let stem = name.strip_suffix(".xml")?;
    let (topic, rest) = stem.split_once('_')?;
    let plus = rest.ends_with("ecbplus");
    if !plus && !rest.ends_with("ecb") {
        return None;
    }
    Some((topic.parse().ok()?, plus))
}

/// Decodes the five XML entities.
fn unescape(s: &str) -> String {
    s.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&apos;", "'")
        .replace("&amp;", "&")
}

/// The tokens of a document grouped by sentence, in order.
fn sentences(xml: &str) -> Vec<Vec<String>> {
    let mut out: Vec<(String, Vec<String>)> = Vec::new();
    let mut rest = xml;
    while let Some(at) = rest.find("<token ") {
        rest = &rest[at..];
        let Some(open_end) = rest.find('>') else { break };
        let attrs = &rest[..open_end];
        let Some(close) = rest.find("</token>") else { break };
        let word = rest.get(open_end + 1..close).unwrap_or("");
        let sentence = attrs
            .split("sentence=\"")
            .nth(1)
            .and_then(|s| s.split('"').next())
            .unwrap_or("")
            .to_string();
        match out.last_mut() {
            Some((s, words)) if *s == sentence => words.push(unescape(word)),
            _ => out.push((sentence, vec![unescape(word)])),
        }
        rest = &rest[close + "</token>".len()..];
    }
    out.into_iter().map(|(_, words)| words).collect()
}

/// Joins tokens with spaces except where English typesetting has none.
fn detokenize(words: &[String]) -> String {
    const NO_SPACE_BEFORE: [&str; 14] = [",", ".", ";", ":", "!", "?", ")", "]", "%", "'s", "n't", "'re", "'ll", "'ve"];
    let mut s = String::new();
    let mut glue = true;
    for w in words {
        if !glue && !NO_SPACE_BEFORE.contains(&w.as_str()) {
            s.push(' ');
        }
        s.push_str(w);
        glue = matches!(w.as_str(), "(" | "[" | "$");
    }
    s
}

/// The article an ECB+ document was made from: one paragraph per sentence; a leading
/// URL line (ECB+ files start with the source URL) becomes the article's URL and the
/// sentence after it the title.
fn article_of(name: &str, raw: &[u8], xml: &str) -> Option<Article> {
    let mut sents = sentences(xml);
    if sents.is_empty() {
        return None;
    }
    let mut url = None;
    let mut title = None;
    if sents.first().and_then(|s| s.first()).is_some_and(|w| w.starts_with("http")) {
        url = Some(sents.remove(0).concat());
        title = sents.first().map(|s| detokenize(s));
    }
    let text = sents.iter().map(|s| detokenize(s)).collect::<Vec<_>>().join("\n\n");
    Some(Article { url, title, language: Some("en".into()), ..Article::from_text(raw, name, text) })
}

/// Clusters the whole corpus in one run with `config` and scores it.
pub fn score_ecb(corpus: &EcbCorpus, config: &EventConfig) -> EcbReport {
    let items: Vec<(Article, Analysis)> = corpus.documents.iter().map(|d| (d.article.clone(), d.analysis.clone())).collect();
    let clustering = cluster_all_with(&items, config.clone());
    let mut predicted: HashMap<&ArticleId, usize> = HashMap::new();
    for (i, e) in clustering.events.iter().enumerate() {
        for a in &e.articles {
            predicted.insert(a, i);
        }
    }
    // Documents whose id is not in any event (two files with identical bytes share an
    // id) each count as a singleton.
    let labels: Vec<(usize, (u32, bool))> = corpus
        .documents
        .iter()
        .enumerate()
        .map(|(i, d)| (predicted.get(&d.article.id).copied().unwrap_or(usize::MAX - i), (d.topic, d.plus)))
        .collect();

    let mut cluster_size: HashMap<usize, usize> = HashMap::new();
    let mut gold_size: HashMap<(u32, bool), usize> = HashMap::new();
    let mut both: HashMap<(usize, (u32, bool)), usize> = HashMap::new();
    let mut cluster_topic: HashMap<(usize, u32), usize> = HashMap::new();
    for &(c, g) in &labels {
        *cluster_size.entry(c).or_default() += 1;
        *gold_size.entry(g).or_default() += 1;
        *both.entry((c, g)).or_default() += 1;
        *cluster_topic.entry((c, g.0)).or_default() += 1;
    }
    let bcubed = |keep: &dyn Fn(u32) -> bool| {
        let (mut p, mut r, mut n) = (0.0, 0.0, 0usize);
        for &(c, g) in labels.iter().filter(|(_, g)| keep(g.0)) {
            let shared = both[&(c, g)] as f64;
            p += shared / cluster_size[&c] as f64;
            r += shared / gold_size[&g] as f64;
            n += 1;
        }
        if n == 0 {
            return BCubed::default();
        }
        let (precision, recall) = (p / n as f64, r / n as f64);
        let f1 = if precision + recall > 0.0 { 2.0 * precision * recall / (precision + recall) } else { 0.0 };
        BCubed { precision, recall, f1 }
    };
    let all = bcubed(&|_| true);
    let train = bcubed(&|t| !DEV_TOPICS.contains(&t));
    let dev = bcubed(&|t| DEV_TOPICS.contains(&t));

    let mut majority: HashMap<usize, (usize, u32)> = HashMap::new();
    for (&(c, t), &n) in &cluster_topic {
        let m = majority.entry(c).or_insert((0, t));
        if n > m.0 || (n == m.0 && t < m.1) {
            *m = (n, t);
        }
    }
    let pure = labels.iter().filter(|(c, g)| majority.get(c).is_some_and(|m| m.1 == g.0)).count();

    let mut topic_ids: Vec<u32> = gold_size.keys().map(|g| g.0).collect();
    topic_ids.sort_unstable();
    topic_ids.dedup();
    let mut topics = Vec::new();
    let (mut confused_all, mut cross_all) = (0, 0);
    for t in topic_ids {
        let ecb = gold_size.get(&(t, false)).copied().unwrap_or(0);
        let plus = gold_size.get(&(t, true)).copied().unwrap_or(0);
        let mut clusters: Vec<usize> = labels.iter().filter(|(_, g)| g.0 == t).map(|&(c, _)| c).collect();
        clusters.sort_unstable();
        clusters.dedup();
        let mut mixed = 0;
        let mut confused = 0;
        for &c in &clusters {
            let a = both.get(&(c, (t, false))).copied().unwrap_or(0);
            let b = both.get(&(c, (t, true))).copied().unwrap_or(0);
            if a > 0 && b > 0 {
                mixed += 1;
            }
            confused += a * b;
        }
        confused_all += confused;
        cross_all += ecb * plus;
        topics.push(TopicConfusion {
            topic: t,
            ecb_documents: ecb,
            ecbplus_documents: plus,
            events: clusters.len(),
            mixed_events: mixed,
            confused_pairs: confused,
            cross_pairs: ecb * plus,
        });
    }
    EcbReport {
        documents: labels.len(),
        dated_documents: corpus
            .documents
            .iter()
            .filter(|d| d.analysis.times.iter().any(|t| super::features::day_of_value(&t.value).is_some()))
            .count(),
        gold_events: gold_size.len(),
        predicted_events: cluster_size.len(),
        all,
        train,
        dev,
        topic_purity: pure as f64 / labels.len().max(1) as f64,
        confused_pair_rate: confused_all as f64 / cross_all.max(1) as f64,
        topics,
        skipped: corpus.skipped.clone(),
    }
}

/// The [`LinkWeights`] that best tell, by logistic regression, whether two train-topic
/// documents report one event, from the per-pair evidence average link sums (word,
/// name and entity cosines, year agreement), with document frequencies over the whole
/// corpus as [`super::cluster_all`] counts them. Weights are scaled to `terms` = 1.
///
/// `entities` is fixed rather than fitted: ECB+ is English only, where the capitalised
/// names carry what the entity ids do, but entity ids are what joins an Indonesian
/// report to an English one, which this data cannot measure. Their cosine is added to
/// the word cosine with that weight before fitting.
pub fn fit_link_weights(corpus: &EcbCorpus, entities: f64) -> LinkWeights {
    let train: Vec<&EcbDocument> = corpus.documents.iter().filter(|d| !DEV_TOPICS.contains(&d.topic)).collect();
    let mut vocabs = Vocabs::default();
    let all: Vec<_> = corpus.documents.iter().map(|d| features::extract(&d.article, &d.analysis, &mut vocabs, true)).collect();
    let docs = all.len() as u32;
    let evidence: Vec<_> = corpus
        .documents
        .iter()
        .zip(&all)
        .filter(|(d, _)| !DEV_TOPICS.contains(&d.topic))
        .map(|(_, f)| {
            let terms = top(&weighted(&f.terms, &vocabs.terms, docs, false), MEMBER_LINK_TERMS);
            let entities = top(&weighted(&f.entities, &vocabs.entities, docs, true), MEMBER_LINK_NAMES);
            let names = top(&weighted(&f.names, &vocabs.names, docs, false), MEMBER_LINK_NAMES);
            (terms, entities, names, f.years.clone())
        })
        .collect();
    let mut pairs: Vec<([f64; 4], bool)> = Vec::new();
    for i in 0..evidence.len() {
        for j in i + 1..evidence.len() {
            let (a, b) = (&evidence[i], &evidence[j]);
            let x = [
                dot(&a.0, &b.0).clamp(0.0, 1.0) + entities * dot(&a.1, &b.1).clamp(0.0, 1.0),
                dot(&a.2, &b.2).clamp(0.0, 1.0),
                year_agreement(&a.3, &b.3),
                1.0,
            ];
            pairs.push((x, (train[i].topic, train[i].plus) == (train[j].topic, train[j].plus)));
        }
    }
    let w = logistic_regression(&pairs);
    LinkWeights { terms: 1.0, entities, names: w[1] / w[0], years: w[2] / w[0] }
}

/// Weights of a logistic regression (the last input is the constant 1), by Newton's
/// method with a slight ridge so that a channel that is never nonzero stays at zero.
fn logistic_regression(pairs: &[([f64; 4], bool)]) -> [f64; 4] {
    const RIDGE: f64 = 1e-3;
    let mut w = [0.0; 4];
    for _ in 0..30 {
        let mut grad = [0.0; 4];
        let mut hess = [[0.0; 4]; 4];
        for (x, y) in pairs {
            let z: f64 = (0..4).map(|k| w[k] * x[k]).sum();
            let p = 1.0 / (1.0 + (-z).exp());
            for r in 0..4 {
                grad[r] += (p - f64::from(u8::from(*y))) * x[r];
                for c in 0..4 {
                    hess[r][c] += p * (1.0 - p) * x[r] * x[c];
                }
            }
        }
        for k in 0..4 {
            grad[k] += RIDGE * w[k];
            hess[k][k] += RIDGE;
        }
        let step = solve(hess, grad);
        for k in 0..4 {
            w[k] -= step[k];
        }
    }
    w
}

/// `x` with `a x = b`, by Gaussian elimination with partial pivoting.
fn solve(mut a: [[f64; 4]; 4], mut b: [f64; 4]) -> [f64; 4] {
    for col in 0..4 {
        let pivot = (col..4).max_by(|&i, &j| a[i][col].abs().total_cmp(&a[j][col].abs())).unwrap_or(col);
        a.swap(col, pivot);
        b.swap(col, pivot);
        if a[col][col].abs() < 1e-12 {
            continue;
        }
        let pivot_row = a[col];
        for row in col + 1..4 {
            let f = a[row][col] / pivot_row[col];
            for (x, p) in a[row][col..].iter_mut().zip(&pivot_row[col..]) {
                *x -= f * p;
            }
            b[row] -= f * b[col];
        }
    }
    let mut x = [0.0; 4];
    for row in (0..4).rev() {
        let rest: f64 = (row + 1..4).map(|k| a[row][k] * x[k]).sum();
        x[row] = if a[row][row].abs() < 1e-12 { 0.0 } else { (b[row] - rest) / a[row][row] };
    }
    x
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn logistic_regression_finds_the_separating_weight() {
        // y = 1 exactly when the first input exceeds 0.5; the second input is noise.
        let pairs: Vec<([f64; 4], bool)> = (0..200)
            .map(|i| {
                let x = f64::from(i % 20) / 19.0;
                let noise = f64::from((i * 7) % 11) / 10.0;
                ([x, noise, 0.0, 1.0], x > 0.5 || (i % 13 == 0 && x > 0.3))
            })
            .collect();
        let w = logistic_regression(&pairs);
        assert!(w[0] > 5.0 && w[1].abs() < 0.2 * w[0] && w[2] == 0.0, "{w:?}");
        assert!((-w[3] / w[0] - 0.5).abs() < 0.1, "{w:?}");
    }

    #[test]
    fn file_names_give_the_gold_event() {
        assert_eq!(gold_of("1_10ecb.xml"), Some((1, false)));
        assert_eq!(gold_of("12_3ecbplus.xml"), Some((12, true)));
        assert_eq!(gold_of("notes.txt"), None);
        assert_eq!(gold_of("x_1ecb.xml"), None);
    }

    #[test]
    fn documents_are_rebuilt_from_tokens() {
        let xml = r#"<Document><token t_id="1" sentence="0" number="0">http</token><token t_id="2" sentence="0" number="1">:</token>
<token t_id="3" sentence="1" number="0">Quake</token><token t_id="4" sentence="1" number="1">hits</token>
<token t_id="5" sentence="2" number="0">It</token><token t_id="6" sentence="2" number="1">was</token><token t_id="7" sentence="2" number="2">strong</token><token t_id="8" sentence="2" number="3">,</token><token t_id="9" sentence="2" number="4">AT&amp;T</token><token t_id="10" sentence="2" number="5">said</token><token t_id="11" sentence="2" number="6">.</token>"#;
        let a = article_of("1_1ecbplus.xml", xml.as_bytes(), xml).expect("tokens");
        assert_eq!(a.url.as_deref(), Some("http:"));
        assert_eq!(a.title.as_deref(), Some("Quake hits"));
        assert_eq!(a.text, "Quake hits\n\nIt was strong, AT&T said.");
        assert_eq!(a.paragraphs.len(), 2);
        assert!(article_of("x", b"", "<Document></Document>").is_none());
        assert!(article_of("x", b"", "<token sentence=\"0\">unclosed").is_none());
    }
}
