//! Word clusters learned from unlabelled text, so a name the labelled data never showed
//! still shares a feature with words seen in the same kind of context ("Sulawesi" with
//! "Kalimantan", "Pertamina" with "Telkom").
//!
//! Clusters are built by the exchange algorithm (Kneser & Ney 1993; Martin, Liermann &
//! Ney 1998): each word sits in one of K classes, and words are moved one at a time to
//! the class that most raises the likelihood of a class-bigram model of the text. It
//! needs only bigram counts and is deterministic (words in frequency order, ties to the
//! lower class). Several K are trained, coarse and fine; each becomes a feature.
//!
//! File format (`resources/common/word-clusters.tsv`): `#` comment lines, then one
//! lower-cased word per line followed by its class under each K, tab-separated.

use std::collections::HashMap;

use crate::fasthash::FastMap;

/// Word → class under each clustering, read from the file text.
pub struct Clusters {
    classes: FastMap<String, Vec<u16>>,
    /// How many clusterings each word has.
    pub levels: usize,
}

impl Clusters {
    pub fn parse(text: &str) -> Clusters {
        let mut classes = FastMap::default();
        let mut levels = 0;
        for line in text.lines().filter(|l| !l.is_empty() && !l.starts_with('#')) {
            let mut fields = line.split('\t');
            let Some(word) = fields.next() else { continue };
            let ids: Vec<u16> = fields.filter_map(|f| f.parse().ok()).collect();
            levels = levels.max(ids.len());
            classes.insert(word.to_string(), ids);
        }
        Clusters { classes, levels }
    }

    /// The classes of a lower-cased word, coarse first; `None` for a word not clustered.
    pub fn of(&self, lower: &str) -> Option<&[u16]> {
        self.classes.get(lower).map(Vec::as_slice)
    }
}

/// How to cluster.
pub struct ClusterOptions {
    /// Class counts, one clustering each (coarse to fine).
    pub sizes: Vec<usize>,
    /// Words seen fewer times are left out (their contexts are too thin to place them).
    pub min_count: u32,
    /// Passes of the exchange algorithm over the vocabulary.
    pub iterations: usize,
}

impl Default for ClusterOptions {
    fn default() -> Self {
        ClusterOptions { sizes: vec![64, 256, 1024], min_count: 3, iterations: 12 }
    }
}

/// `x ln x`, with 0 for 0.
fn xlogx(x: f64) -> f64 {
    if x > 0.0 {
        x * x.ln()
    } else {
        0.0
    }
}

/// The words of `sentences` seen at least `min_count` times with their counts, most
/// frequent first (ties by the word itself, so the order never depends on hashing), and
/// each word's place in that list.
pub(super) fn vocabulary<S: AsRef<str>>(sentences: &[Vec<S>], min_count: u32) -> (Vec<(&str, u32)>, HashMap<&str, u32>) {
    let mut counts: HashMap<&str, u32> = HashMap::new();
    for s in sentences {
        for w in s {
            *counts.entry(w.as_ref()).or_insert(0) += 1;
        }
    }
    let mut vocab: Vec<(&str, u32)> = counts.into_iter().filter(|(_, c)| *c >= min_count).collect();
    vocab.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
    let index: HashMap<&str, u32> = vocab.iter().enumerate().map(|(i, (w, _))| (*w, i as u32)).collect();
    (vocab, index)
}

/// Clusters the words of `sentences` (already lower-cased tokens) and returns the file
/// text: a header naming `source`, then each word with its classes, most frequent first.
pub fn build<S: AsRef<str>>(sentences: &[Vec<S>], options: &ClusterOptions, source: &str) -> String {
    let (vocab, index) = vocabulary(sentences, options.min_count);
    // Rare words and sentence edges are one shared context word outside the vocabulary.
    let other = vocab.len() as u32;
    let mut bigrams: HashMap<(u32, u32), u32> = HashMap::new();
    for s in sentences {
        let ids: Vec<u32> = std::iter::once(other)
            .chain(s.iter().map(|w| index.get(w.as_ref()).copied().unwrap_or(other)))
            .chain(std::iter::once(other))
            .collect();
        for pair in ids.windows(2) {
            *bigrams.entry((pair[0], pair[1])).or_insert(0) += 1;
        }
    }
    let n = vocab.len() + 1;
    let mut right: Vec<Vec<(u32, u32)>> = vec![Vec::new(); n];
    let mut left: Vec<Vec<(u32, u32)>> = vec![Vec::new(); n];
    let mut pairs: Vec<((u32, u32), u32)> = bigrams.into_iter().collect();
    pairs.sort_unstable();
    for ((a, b), c) in pairs {
        right[a as usize].push((b, c));
        left[b as usize].push((a, c));
    }
    let unigram: Vec<u32> = (0..n).map(|w| right[w].iter().map(|x| x.1).sum::<u32>().max(1)).collect();
    let mut all: Vec<Vec<u16>> = vec![Vec::new(); vocab.len()];
    for &k in &options.sizes {
        let classes = exchange(&right, &left, &unigram, k, options.iterations);
        for (w, c) in all.iter_mut().zip(&classes) {
            w.push(*c);
        }
    }
    let mut out = format!(
        "# Word clusters (exchange algorithm over bigrams; classes per line: {}), built by `warta train clusters`\n# from {source}; words seen at least {} times.\n",
        options.sizes.iter().map(|k| k.to_string()).collect::<Vec<_>>().join(", "),
        options.min_count
    );
    for ((word, _), classes) in vocab.iter().zip(&all) {
        out.push_str(word);
        for c in classes {
            out.push('\t');
            out.push_str(&c.to_string());
        }
        out.push('\n');
    }
    out
}

/// The exchange algorithm with `k` classes over the vocabulary `0..n-1` (word `n-1` is the
/// fixed context word for rare words and sentence edges, which keeps a class of its own).
/// Returns each vocabulary word's class.
fn exchange(right: &[Vec<(u32, u32)>], left: &[Vec<(u32, u32)>], unigram: &[u32], k: usize, iterations: usize) -> Vec<u16> {
    let n = right.len();
    let other = n - 1;
    // Classes 0..k for words; class k for the context word.
    let classes_total = k + 1;
    let mut class: Vec<usize> = (0..n).map(|w| if w == other { k } else { w % k }).collect();
    let mut pair = vec![0f64; classes_total * classes_total];
    let mut size = vec![0f64; classes_total];
    for w in 0..n {
        size[class[w]] += unigram[w] as f64;
        for &(v, c) in &right[w] {
            pair[class[w] * classes_total + class[v as usize]] += c as f64;
        }
    }
    let mut to = vec![0f64; classes_total];
    let mut from = vec![0f64; classes_total];
    let mut touched: Vec<usize> = Vec::new();
    for _ in 0..iterations {
        let mut moved = 0;
        for w in 0..other {
            let a = class[w];
            // Counts from w to each class and from each class to w, w's own bigram apart.
            touched.clear();
            let mut own = 0f64;
            for &(v, c) in &right[w] {
                if v as usize == w {
                    own += c as f64;
                    continue;
                }
                let cv = class[v as usize];
                if to[cv] == 0.0 && from[cv] == 0.0 {
                    touched.push(cv);
                }
                to[cv] += c as f64;
            }
            for &(u, c) in &left[w] {
                if u as usize == w {
                    continue;
                }
                let cu = class[u as usize];
                if to[cu] == 0.0 && from[cu] == 0.0 {
                    touched.push(cu);
                }
                from[cu] += c as f64;
            }
            let count = unigram[w] as f64;
            // Take w out of its class.
            for &c in &touched {
                pair[a * classes_total + c] -= to[c];
                pair[c * classes_total + a] -= from[c];
            }
            pair[a * classes_total + a] -= own;
            size[a] -= count;
            // Gain of putting w into class b.
            let gain = |b: usize| -> f64 {
                let mut g = 0.0;
                for &c in &touched {
                    if c == b {
                        continue;
                    }
                    let r = pair[b * classes_total + c];
                    g += xlogx(r + to[c]) - xlogx(r);
                    let l = pair[c * classes_total + b];
                    g += xlogx(l + from[c]) - xlogx(l);
                }
                let d = pair[b * classes_total + b];
                g += xlogx(d + to[b] + from[b] + own) - xlogx(d);
                g - 2.0 * (xlogx(size[b] + count) - xlogx(size[b]))
            };
            let mut best = a;
            let mut best_gain = gain(a);
            for b in 0..k {
                let g = gain(b);
                if g > best_gain + 1e-9 {
                    best = b;
                    best_gain = g;
                }
            }
            for &c in &touched {
                pair[best * classes_total + c] += to[c];
                pair[c * classes_total + best] += from[c];
            }
            pair[best * classes_total + best] += own;
            size[best] += count;
            if best != a {
                class[w] = best;
                moved += 1;
            }
            for &c in &touched {
                to[c] = 0.0;
                from[c] = 0.0;
            }
        }
        if moved == 0 {
            break;
        }
    }
    class[..other].iter().map(|&c| c as u16).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_of_the_same_contexts_share_a_class() {
        // Cities follow "di"/"ke" and people follow "kata"/"oleh": two kinds of context.
        let mut sentences = Vec::new();
        let cities = ["jakarta", "bandung", "medan", "surabaya"];
        let people = ["budi", "siti", "andi", "rina"];
        for (i, c) in cities.iter().enumerate() {
            for (j, p) in people.iter().enumerate() {
                let prep = if (i + j) % 2 == 0 { "di" } else { "ke" };
                let verb = if (i + j) % 2 == 0 { "kata" } else { "oleh" };
                sentences.push(vec!["ia", "tiba", prep, c, "hari", "ini"]);
                sentences.push(vec!["demikian", verb, p, "kepada", "wartawan"]);
            }
        }
        let options = ClusterOptions { sizes: vec![4], min_count: 1, iterations: 20 };
        let clusters = Clusters::parse(&build(&sentences, &options, "test"));
        let class = |w: &str| clusters.of(w).unwrap()[0];
        assert!(cities.iter().all(|c| class(c) == class("jakarta")), "cities together");
        assert!(people.iter().all(|p| class(p) == class("budi")), "people together");
        assert_ne!(class("jakarta"), class("budi"));
        // Deterministic: the same text gives the same file.
        assert_eq!(build(&sentences, &options, "test"), build(&sentences, &options, "test"));
    }

    #[test]
    fn file_round_trip_and_unknown_words() {
        let c = Clusters::parse("# header\njakarta\t3\t17\nbudi\t1\t2\n");
        assert_eq!(c.of("jakarta"), Some(&[3u16, 17][..]));
        assert_eq!(c.levels, 2);
        assert_eq!(c.of("surabaya"), None);
    }
}
