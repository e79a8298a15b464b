//! Throughput of signatures, candidate generation and full linking on a generated
//! corpus.
//!
//! ```sh
//! cargo run --release -p warta-relate --example bench_candidates -- 10000 100000
//! cargo run --release -p warta-relate --example bench_candidates -- --link 10000 100000 1000000
//! ```
//!
//! With `--link`, every size also runs `find_reuse` (signatures, candidates, alignment
//! and the link decision, all threads) over the articles, each published a minute after
//! the previous one, and checks the links against the planted copies and rewrites.
//!
//! The corpus is synthetic but shaped like news: ~350-word articles of 8–14 paragraphs
//! drawn from a 30 000-word vocabulary with a Zipf-like skew, names and numbers, in
//! topics of ~50 articles that share names; 10% are copies of an earlier article with a
//! few words changed and 5% rewrites with most non-name words replaced. It measures
//! how fast signatures are made, how fast the index yields candidate pairs, how many
//! pairs it yields (alignment cost grows with them), and memory per article.

use std::time::Instant;

use rayon::prelude::*;

use warta_model::{Article, ArticleId, Moment};
use warta_relate::{candidates, find_reuse, index_bytes, text_signature, Signature};

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

fn current_rss_kib() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmRSS:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

/// CPU seconds this process has used (all threads), from /proc: unlike wall time it
/// does not grow when other jobs share the cores.
fn cpu_seconds() -> f64 {
    let Ok(stat) = std::fs::read_to_string("/proc/self/stat") else {
        return 0.0;
    };
    // Fields after the parenthesised command name; utime and stime are the 12th and
    // 13th of them, in clock ticks (100 per second on Linux).
    let rest = stat.rsplit(')').next().unwrap_or("");
    let fields: Vec<&str> = rest.split_whitespace().collect();
    let ticks = |i: usize| {
        fields
            .get(i)
            .and_then(|f| f.parse::<f64>().ok())
            .unwrap_or(0.0)
    };
    (ticks(11) + ticks(12)) / 100.0
}

/// How an article of the corpus came about.
#[derive(Clone, Copy, PartialEq)]
enum Planted {
    Original,
    /// A copy of the given earlier article with a few words changed.
    Copy(usize),
    /// A rewrite of the given earlier article, most non-name words replaced.
    Rewrite(usize),
}

/// The deterministic corpus of `n` articles and how each came about.
fn corpus(n: usize) -> (Vec<String>, Vec<Planted>) {
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15 ^ n as u64);
    let corpus = Corpus::new(&mut rng);
    let mut texts: Vec<String> = Vec::with_capacity(n);
    let mut planted = Vec::with_capacity(n);
    for i in 0..n {
        let roll = rng.below(100);
        let (text, how) = if i > 0 && roll < 10 {
            let j = rng.below(i);
            (corpus.edit(&mut rng, &texts[j], 3), Planted::Copy(j))
        } else if i > 0 && roll < 15 {
            let j = rng.below(i);
            (corpus.edit(&mut rng, &texts[j], 60), Planted::Rewrite(j))
        } else {
            (corpus.article(&mut rng, i / 50), Planted::Original)
        };
        texts.push(text);
        planted.push(how);
    }
    (texts, planted)
}

/// A plain article: one paragraph per blank-line block, published `minute` minutes
/// after the corpus starts.
fn article(i: usize, text: String, minute: usize) -> Article {
    let published = jiff::Timestamp::from_second(1_700_000_000 + 60 * minute as i64)
        .ok()
        .map(|t| Moment::new(t, jiff::tz::Offset::UTC));
    let plain = Article::from_text(format!("generated-{i}").as_bytes(), &format!("generated/{i}.txt"), text);
    Article { published, language: Some("id".into()), ..plain }
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let link = args.iter().any(|a| a == "--link");
    let sizes: Vec<usize> = args.iter().filter_map(|a| a.parse().ok()).collect();
    let sizes = if sizes.is_empty() {
        vec![10_000]
    } else {
        sizes
    };
    let threads = rayon::current_num_threads();
    println!("threads: {threads}");
    for n in sizes {
        let started = Instant::now();
        let (texts, planted) = corpus(n);
        let gen_seconds = started.elapsed().as_secs_f64();
        let words: usize = texts.iter().map(|t| t.split_whitespace().count()).sum();
        let text_bytes: usize = texts.iter().map(String::len).sum();
        println!(
            "\n== {n} articles, {:.0} words and {:.0} bytes each (generated in {gen_seconds:.1} s)",
            words as f64 / n as f64,
            text_bytes as f64 / n as f64
        );

        // Per core: one thread over (at most) the first 20 000 articles.
        let sample = n.min(20_000);
        let started = Instant::now();
        let one: Vec<Signature> = texts[..sample].iter().map(|t| text_signature(t)).collect();
        let per_core = sample as f64 / started.elapsed().as_secs_f64();
        drop(one);

        let (started, cpu) = (Instant::now(), cpu_seconds());
        let signatures: Vec<Signature> = texts.par_iter().map(|t| text_signature(t)).collect();
        let sig_seconds = started.elapsed().as_secs_f64();
        let sig_cpu = cpu_seconds() - cpu;

        let rss_before = current_rss_kib().unwrap_or(0);
        let (started, cpu) = (Instant::now(), cpu_seconds());
        let pairs = candidates(&signatures);
        let cand_seconds = started.elapsed().as_secs_f64();
        let cand_cpu = cpu_seconds() - cpu;
        let verbatim = pairs.iter().filter(|c| c.shared_fingerprints >= 2).count();
        let sig_bytes: usize = signatures
            .iter()
            .map(|s| s.heap_bytes() + std::mem::size_of::<Signature>())
            .sum();
        let idx_bytes = index_bytes(&signatures);
        let planted_pairs: Vec<(usize, usize)> = planted
            .iter()
            .enumerate()
            .filter_map(|(i, p)| match *p {
                Planted::Copy(j) | Planted::Rewrite(j) => Some((j, i)),
                Planted::Original => None,
            })
            .collect();
        let proposed = {
            let set: std::collections::HashSet<(usize, usize)> =
                pairs.iter().map(|c| (c.a, c.b)).collect();
            planted_pairs.iter().filter(|p| set.contains(p)).count()
        };
        println!(
            "signatures: {per_core:.0} articles/s on one core, {:.0} articles/s on {threads} threads ({sig_seconds:.2} s, {sig_cpu:.1} CPU s); {:.0} bytes/article",
            n as f64 / sig_seconds,
            sig_bytes as f64 / n as f64
        );
        println!(
            "candidates: {cand_seconds:.2} s ({cand_cpu:.1} CPU s, {:.0} articles/s), {} pairs ({verbatim} with verbatim evidence), {proposed} of {} planted pairs; index {:.0} bytes/article",
            n as f64 / cand_seconds,
            pairs.len(),
            planted_pairs.len(),
            idx_bytes as f64 / n as f64
        );
        println!(
            "memory: RSS {:.0} MiB before candidates (texts + signatures), peak {:.0} MiB",
            rss_before as f64 / 1024.0,
            peak_rss_kib().unwrap_or(0) as f64 / 1024.0
        );
        if std::env::var_os("BENCH_HISTOGRAM").is_some() {
            let root = |mut i: usize| {
                while let Planted::Copy(j) | Planted::Rewrite(j) = planted[i] {
                    i = j;
                }
                i
            };
            let mut hist = std::collections::BTreeMap::<(bool, u32, u32), usize>::new();
            for c in &pairs {
                let related = root(c.a) == root(c.b);
                *hist
                    .entry((
                        related,
                        c.shared_fingerprints.min(9),
                        c.shared_sentence_keys.min(20),
                    ))
                    .or_default() += 1;
            }
            for ((related, fv, fp), count) in hist {
                println!("  related={related} fingerprints={fv} sentence_keys={fp}: {count}");
            }
        }
        drop(pairs);
        drop(signatures);
        if !link {
            continue;
        }

        let articles: Vec<Article> = texts
            .into_iter()
            .enumerate()
            .map(|(i, t)| article(i, t, i))
            .collect();
        let (started, cpu) = (Instant::now(), cpu_seconds());
        let links = find_reuse(&articles);
        let link_seconds = started.elapsed().as_secs_f64();
        let link_cpu = cpu_seconds() - cpu;
        let position: std::collections::HashMap<&ArticleId, usize> = articles
            .iter()
            .enumerate()
            .map(|(i, a)| (&a.id, i))
            .collect();
        let linked: std::collections::HashSet<(usize, usize)> = links
            .iter()
            .filter_map(|l| {
                let (s, d) = (*position.get(&l.source)?, *position.get(&l.derived)?);
                Some((s.min(d), s.max(d)))
            })
            .collect();
        let (mut copies, mut copies_found, mut rewrites, mut rewrites_found) = (0, 0, 0, 0);
        for (i, p) in planted.iter().enumerate() {
            match *p {
                Planted::Copy(j) => {
                    copies += 1;
                    copies_found += usize::from(linked.contains(&(j, i)));
                }
                Planted::Rewrite(j) => {
                    rewrites += 1;
                    rewrites_found += usize::from(linked.contains(&(j, i)));
                }
                Planted::Original => {}
            }
        }
        // A link is explained when one article descends from the other through planted
        // copies and rewrites (a copy of a copy is reuse too).
        let root = |mut i: usize| {
            while let Planted::Copy(j) | Planted::Rewrite(j) = planted[i] {
                i = j;
            }
            i
        };
        let unexplained = linked.iter().filter(|&&(a, b)| root(a) != root(b)).count();
        println!(
            "find_reuse: {link_seconds:.1} s ({link_cpu:.1} CPU s, {:.0} articles/s), {} links: {copies_found} of {copies} copies, {rewrites_found} of {rewrites} rewrites, {unexplained} between unrelated articles; peak RSS {:.0} MiB",
            n as f64 / link_seconds,
            links.len(),
            peak_rss_kib().unwrap_or(0) as f64 / 1024.0
        );
    }
}
