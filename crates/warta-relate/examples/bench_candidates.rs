//! Throughput of signatures and candidate generation on a generated corpus.
//!
//! ```sh
//! cargo run --release -p warta-relate --example bench_candidates -- 10000 100000
//! ```
//!
//! The corpus is synthetic but shaped like news: ~350-word articles of 8–14 paragraphs
//! drawn from a 30 000-word vocabulary with a Zipf-like skew, names and numbers, in
//! topics of ~50 articles that share names; 10% are copies of an earlier article with a
//! few words changed and 5% rewrites with most non-name words replaced. It measures
//! how fast signatures are made, how fast the index yields candidate pairs, how many
//! pairs it yields (alignment cost grows with them), and memory per article.

use std::time::Instant;

use warta_relate::{candidates, text_signature, Signature};

/// xorshift64*: deterministic, dependency-free randomness for a reproducible corpus.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }

    /// Skewed towards small indices, like word frequencies.
    fn zipf(&mut self, n: usize) -> usize {
        let u = (self.next() >> 11) as f64 / (1u64 << 53) as f64;
        ((n as f64).powf(u) as usize).saturating_sub(1).min(n - 1)
    }
}

fn word(rng: &mut Rng) -> String {
    const SYLLABLES: [&str; 16] = [
        "ka", "ba", "ran", "te", "lu", "mi", "sa", "ng", "pe", "ri", "to", "da", "we", "ha", "nu",
        "ya",
    ];
    (0..2 + rng.below(3))
        .map(|_| SYLLABLES[rng.below(SYLLABLES.len())])
        .collect()
}

fn capitalise(w: &str) -> String {
    let mut c = w.chars();
    c.next()
        .map(|f| f.to_uppercase().collect::<String>() + c.as_str())
        .unwrap_or_default()
}

struct Corpus {
    vocabulary: Vec<String>,
    names: Vec<String>,
}

impl Corpus {
    /// The most frequent "words" are real function words, as in real text, where they
    /// make up about half of all tokens.
    fn new(rng: &mut Rng) -> Corpus {
        const FUNCTION: &str = "yang di dan itu dengan untuk tidak ini dari dalam akan pada juga ke karena tersebut bisa ada mereka lebih kata telah oleh saat sudah atau hanya kami masih harus bahwa para sebagai namun sementara jika setelah kepada hingga agar seperti belum menurut antara sejak bagi tetapi";
        let vocabulary = FUNCTION
            .split(' ')
            .map(str::to_string)
            .chain((0..30_000).map(|_| word(rng)))
            .collect();
        Corpus {
            vocabulary,
            names: (0..5_000).map(|_| capitalise(&word(rng))).collect(),
        }
    }

    fn article(&self, rng: &mut Rng, topic: usize) -> String {
        let topic_names: Vec<&String> = (0..6)
            .map(|i| &self.names[(topic * 7 + i * 13) % self.names.len()])
            .collect();
        let mut text = String::new();
        for p in 0..8 + rng.below(7) {
            if p > 0 {
                text.push_str("\n\n");
            }
            for _ in 0..1 + rng.below(3) {
                let mut sentence: Vec<String> = Vec::new();
                for i in 0..8 + rng.below(14) {
                    let roll = rng.below(100);
                    let w = if roll < 8 {
                        topic_names[rng.below(topic_names.len())].clone()
                    } else if roll < 11 {
                        rng.below(2000).to_string()
                    } else {
                        self.vocabulary[rng.zipf(self.vocabulary.len())].clone()
                    };
                    sentence.push(if i == 0 { capitalise(&w) } else { w });
                }
                text.push_str(&sentence.join(" "));
                text.push_str(". ");
            }
        }
        text
    }

    /// Replaces a share of the non-capitalised words: a few for an edit, most for a
    /// rewrite.
    fn edit(&self, rng: &mut Rng, text: &str, percent: usize) -> String {
        text.split(' ')
            .map(|w| {
                if rng.below(100) < percent && w.chars().next().is_some_and(char::is_lowercase) {
                    self.vocabulary[rng.zipf(self.vocabulary.len())].clone()
                } else {
                    w.to_string()
                }
            })
            .collect::<Vec<_>>()
            .join(" ")
    }
}

fn peak_rss_kib() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

fn main() {
    let sizes: Vec<usize> = std::env::args()
        .skip(1)
        .filter_map(|a| a.parse().ok())
        .collect();
    let sizes = if sizes.is_empty() {
        vec![10_000]
    } else {
        sizes
    };
    println!(
        "{:>8} {:>10} {:>12} {:>10} {:>12} {:>10} {:>12} {:>12}",
        "articles",
        "words/art",
        "sig art/s",
        "cand s",
        "cand art/s",
        "pairs",
        "sig B/art",
        "peak RSS MiB"
    );
    println!("(pairs: all candidate pairs / those with verbatim evidence)");
    for n in sizes {
        let mut rng = Rng(0x9e37_79b9_7f4a_7c15 ^ n as u64);
        let corpus = Corpus::new(&mut rng);
        let mut texts: Vec<String> = Vec::with_capacity(n);
        for i in 0..n {
            let roll = rng.below(100);
            let text = if i > 0 && roll < 10 {
                let j = rng.below(i);
                corpus.edit(&mut rng, &texts[j], 3)
            } else if i > 0 && roll < 15 {
                let j = rng.below(i);
                corpus.edit(&mut rng, &texts[j], 60)
            } else {
                corpus.article(&mut rng, i / 50)
            };
            texts.push(text);
        }
        let words: usize = texts.iter().map(|t| t.split_whitespace().count()).sum();

        let started = Instant::now();
        let signatures: Vec<Signature> = texts.iter().map(|t| text_signature(t)).collect();
        let sig_seconds = started.elapsed().as_secs_f64();
        drop(texts);

        let started = Instant::now();
        let pairs = candidates(&signatures);
        let cand_seconds = started.elapsed().as_secs_f64();
        let verbatim = pairs.iter().filter(|c| c.shared_fingerprints >= 2).count();

        let sig_bytes: usize = signatures
            .iter()
            .map(|s| s.heap_bytes() + std::mem::size_of::<Signature>())
            .sum();
        println!(
            "{:>8} {:>10.0} {:>12.0} {:>10.2} {:>12.0} {:>10} {:>12.0} {:>12.0}  ({} / {verbatim})",
            n,
            words as f64 / n as f64,
            n as f64 / sig_seconds,
            cand_seconds,
            n as f64 / cand_seconds,
            pairs.len(),
            sig_bytes as f64 / n as f64,
            peak_rss_kib().unwrap_or(0) as f64 / 1024.0,
            pairs.len()
        );
    }
}
