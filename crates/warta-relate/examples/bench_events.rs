//! Scale benchmark of online event clustering over a generated news stream.
//!
//! ```sh
//! cargo run -p warta-relate --release --example bench_events -- 100000
//! ```
//!
//! Generates `N` articles (default 100 000) about `N / 5` events spread over a year and
//! fed in publication order: each event has its own actors drawn from a pool of 20 000
//! entities (a few very common ones, like countries, appear everywhere), its own
//! vocabulary drawn from 50 000 words, a day, and a few numbers; each article mixes the
//! event's words with common words. Reports articles per second (excluding
//! generation), peak memory, and B-cubed F1 against the generating events as a sanity
//! check that the index still finds the right candidates at scale.

use std::collections::HashMap;
use std::time::Instant;

use warta_model::{
    Analysis, Article, ArticleId, Bound, Entity, EntityKind, Mention, Moment, Quantity, TimeExpression,
};
use warta_relate::events::EventIndex;

/// A small deterministic generator (SplitMix64): the same stream on every run.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: u64) -> u64 {
        self.next() % n.max(1)
    }

    /// Skewed towards small values, like word and entity frequencies.
    fn skewed(&mut self, n: u64) -> u64 {
        let r = (self.next() >> 11) as f64 / (1u64 << 53) as f64;
        ((n as f64).powf(r) as u64).saturating_sub(1).min(n - 1)
    }
}

/// Articles between two consolidation passes of the stream.
const CONSOLIDATE_EVERY: usize = 1_000;
const VOCAB: u64 = 50_000;
const ENTITIES: u64 = 20_000;

fn word(i: u64) -> String {
    // Letters only, so the tokenizer keeps them as words.
    let mut s = String::from("w");
    let mut n = i;
    loop {
        s.push((b'a' + (n % 26) as u8) as char);
        n /= 26;
        if n == 0 {
            break;
        }
    }
    s.push_str("ta");
    s
}

struct SynthEvent {
    words: Vec<u64>,
    entities: Vec<u64>,
    day: u32,
    numbers: Vec<f64>,
}

fn main() {
    let n: usize = std::env::args().nth(1).and_then(|a| a.parse().ok()).unwrap_or(100_000);
    let mut rng = Rng(42);
    let event_count = (n / 5).max(1);
    let events: Vec<SynthEvent> = (0..event_count)
        .map(|i| SynthEvent {
            words: (0..25).map(|_| rng.below(VOCAB)).collect(),
            entities: (0..6).map(|_| rng.skewed(ENTITIES)).collect(),
            day: (i * 365 / event_count) as u32,
            numbers: (0..3).map(|_| (3 + rng.below(500)) as f64).collect(),
        })
        .collect();

    let generated = Instant::now();
    let mut items: Vec<(Article, Analysis, usize)> = Vec::with_capacity(n);
    for i in 0..n {
        // Articles arrive in order of their event's day, with some spread.
        let e = ((i / 5) + rng.below(3) as usize).min(event_count - 1);
        let ev = &events[e];
        let mut text = String::new();
        for _ in 0..120 {
            let w = if rng.below(10) < 4 { ev.words[rng.below(ev.words.len() as u64) as usize] } else { rng.skewed(VOCAB) };
            text.push_str(&word(w));
            text.push(' ');
        }
        let day = ev.day + rng.below(2) as u32;
        let (month, dom) = (1 + day / 31, 1 + day % 28);
        let published: Option<Moment> = format!("2025-{:02}-{:02}T{:02}:00:00+07:00", month.min(12), dom, rng.below(24)).parse().ok();
        let kept: Vec<(u64, usize)> = ev
            .entities
            .iter()
            .filter_map(|&id| (rng.below(10) < 8).then(|| (id, 1 + rng.below(3) as usize)))
            .collect();
        let entities = kept
            .into_iter()
            .map(|(id, mentions)| Entity {
                id: format!("org:entity-{id}"),
                name: format!("Entity {id}"),
                kind: if id % 3 == 0 { EntityKind::Place } else { EntityKind::Organization },
                aliases: vec![],
                roles: vec![],
                stands_for: None,
                mentions: vec![Mention { text: String::new(), start: 0, end: 0 }; mentions],
            })
            .collect();
        let times = vec![TimeExpression {
            text: String::new(),
            start: 0,
            end: 0,
            value: format!("2025-{:02}-{:02}", (1 + ev.day / 31).min(12), 1 + ev.day % 28),
            anchor: "written".into(),
            flags: vec![],
        }];
        let quantities = ev
            .numbers
            .iter()
            .map(|&value| Quantity { text: String::new(), start: 0, end: 0, value, unit: None, counted: None, bound: Bound::Exact, upper: None })
            .collect();
        let title = Some(text.split(' ').take(8).collect::<Vec<_>>().join(" "));
        let outlet = Some(format!("outlet{}", rng.below(40)));
        let language = Some(if rng.below(4) == 0 { "en" } else { "id" }.into());
        let article = Article {
            id: ArticleId(format!("{i:016x}")),
            title,
            outlet,
            published,
            language,
            ..Article::from_text(b"", "synthetic", text)
        };
        items.push((article, Analysis { entities, quotes: vec![], times, quantities }, e));
    }
    items.sort_by(|a, b| a.0.published.cmp(&b.0.published).then(a.0.id.cmp(&b.0.id)));
    println!("generated {n} articles about {event_count} events in {:.1}s", generated.elapsed().as_secs_f64());

    let rss_before = peak_rss_kib();
    let started = Instant::now();
    let mut index = EventIndex::new();
    let mut checkpoints = Vec::new();
    for (k, (article, analysis, _)) in items.iter().enumerate() {
        index.add(article, analysis);
        // A stream consolidates as it goes, so fresh events are never far behind.
        if (k + 1) % CONSOLIDATE_EVERY == 0 {
            index.consolidate();
        }
        if (k + 1) % (n / 4).max(1) == 0 {
            checkpoints.push((k + 1, started.elapsed().as_secs_f64()));
        }
    }
    index.consolidate();
    let secs = started.elapsed().as_secs_f64();
    let snapshot = Instant::now();
    let clustering = index.clustering();
    let snapshot_secs = snapshot.elapsed().as_secs_f64();

    let mut prev = (0usize, 0.0f64);
    for (k, t) in &checkpoints {
        println!("  articles {:>8}: {:>8.0} articles/s over the last quarter", k, (k - prev.0) as f64 / (t - prev.1).max(1e-9));
        prev = (*k, *t);
    }
    println!("{n} articles in {secs:.2}s: {:.0} articles/s; snapshot (events + storylines) {snapshot_secs:.2}s", n as f64 / secs);
    println!("index: {:?}", index.stats());
    println!(
        "peak RSS {:.0} MiB (generated input alone {:.0} MiB)",
        peak_rss_kib() as f64 / 1024.0,
        rss_before as f64 / 1024.0
    );

    // Sanity: B-cubed against the generating events.
    let truth: HashMap<&ArticleId, usize> = items.iter().map(|(a, _, e)| (&a.id, *e)).collect();
    let mut predicted: HashMap<&ArticleId, usize> = HashMap::new();
    for (i, e) in clustering.events.iter().enumerate() {
        for a in &e.articles {
            predicted.insert(a, i);
        }
    }
    let mut both: HashMap<(usize, usize), f64> = HashMap::new();
    let mut csize: HashMap<usize, f64> = HashMap::new();
    let mut gsize: HashMap<usize, f64> = HashMap::new();
    for (a, &g) in &truth {
        let c = predicted.get(a).copied().unwrap_or(usize::MAX);
        *both.entry((c, g)).or_default() += 1.0;
        *csize.entry(c).or_default() += 1.0;
        *gsize.entry(g).or_default() += 1.0;
    }
    let (mut p, mut r) = (0.0, 0.0);
    for (a, &g) in &truth {
        let c = predicted.get(a).copied().unwrap_or(usize::MAX);
        p += both[&(c, g)] / csize[&c];
        r += both[&(c, g)] / gsize[&g];
    }
    let (p, r) = (p / n as f64, r / n as f64);
    println!(
        "{} events found for {} generated; B3 precision {p:.3} recall {r:.3} F1 {:.3}; {} storylines",
        clustering.events.len(),
        gsize.len(),
        2.0 * p * r / (p + r).max(1e-9),
        clustering.storylines.len()
    );
}

/// Peak resident memory of this process (Linux), in KiB; 0 elsewhere.
fn peak_rss_kib() -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmHWM:"))
                .and_then(|l| l.split_whitespace().nth(1))
                .and_then(|v| v.parse().ok())
        })
        .unwrap_or(0)
}
