//! Averaged structured perceptron (Collins 2002) over BIO tags, with first-order
//! transitions and Viterbi decoding. Each sentence is decoded among the kinds its data
//! set annotates, so a set that does not mark events never teaches "events are O".
//! Features are kept twice when `domain_features` is on: once general, once conjoined
//! with the data set ("frustratingly easy" domain adaptation, Daumé 2007).
//! Tag-pair features (the word's class and shape × previous tag × tag) weigh the steps
//! of Viterbi, and feature dropout falling to zero over the epochs keeps the perceptron
//! from leaning on its strongest features alone. Several runs in other sentence orders
//! are averaged into the model (models/README.md has the figures). A sentence whose
//! labels are partial (ECB+) is learned against the best path that keeps its known tags.

use warta_model::EntityKind;

use super::data::{Corpus, Sentence};
use super::features;
use super::model::{viterbi, viterbi_with, KeyMap, Model, NO_PAIR, PAIRS};
use super::names::{Names, FOLDS};
use super::splitmix::Rng;
use super::tags::{self, Tag, COUNT};

/// Called after every epoch with the epoch number and the averaged model so far.
pub type EpochHook = Box<dyn Fn(usize, &Model) + Send + Sync>;

pub struct Settings {
    pub epochs: usize,
    /// Seed of the first run's sentence order; run `i` uses `seed + i`.
    pub seed: u64,
    /// Runs mixed into the model ([`Weights::mean`]).
    pub runs: usize,
    pub domain_features: bool,
    /// Features seen fewer times than this in training are dropped.
    pub min_count: u32,
    pub runtime_domain: Option<String>,
    /// Share of a sentence's features left out of its decode and update in the first
    /// epoch, falling linearly to zero by the last.
    pub dropout: f32,
    /// Learn tag-pair features ([`features::pair_keys`]).
    pub pair_features: bool,
    pub runtime_kinds: Vec<EntityKind>,
    pub on_epoch: Option<EpochHook>,
    /// Told the number of epochs done so far, over all runs, after each (no model is
    /// built for it).
    pub progress: Option<super::EpochProgress>,
}

struct Instance {
    /// Row indices per token, flattened; `offsets[i]..offsets[i+1]` for token i.
    rows: Vec<u32>,
    offsets: Vec<u32>,
    gold: Vec<Tag>,
    /// Tokens whose tag is open ([`Sentence::open`]); empty when all are known.
    open: Vec<bool>,
    mask: [bool; COUNT],
    /// Tag-pair feature rows per token (`NO_PAIR`: none); empty without them.
    pairs: Vec<[u32; 2]>,
}

fn keys_of(feats: &[Vec<u32>], domain: u8) -> impl Iterator<Item = (usize, u32)> + '_ {
    feats.iter().enumerate().flat_map(move |(i, keys)| {
        keys.iter().flat_map(move |&k| {
            let d = if domain > 0 { Some(features::with_domain(k, domain)) } else { None };
            std::iter::once((i, k)).chain(d.map(|d| (i, d)))
        })
    })
}

pub fn train(sets: &[(&Corpus, Vec<Sentence>)], settings: &Settings) -> Model {
    let prepared = prepare(sets, settings);
    let runs = settings.runs.max(1);
    let done = std::sync::atomic::AtomicUsize::new(0);
    let tick = || {
        let epochs = done.fetch_add(1, std::sync::atomic::Ordering::Relaxed) + 1;
        if let Some(progress) = &settings.progress {
            progress(epochs);
        }
    };
    // Runs differ only in their seed; each takes a share of the cores, and the mix
    // averages them in seed order, so the result does not depend on the threads.
    let workers = std::thread::available_parallelism().map_or(1, usize::from).min(runs);
    let mut results: Vec<(usize, Weights)> = std::thread::scope(|scope| {
        let handles: Vec<_> = (0..workers)
            .map(|worker| {
                let (prepared, tick) = (&prepared, &tick);
                scope.spawn(move || {
                    (worker..runs)
                        .step_by(workers)
                        .map(|run| {
                            // Only the first run reports its epochs' models (to the verbose hook).
                            let hook = if run == 0 { settings.on_epoch.as_ref() } else { None };
                            (run, prepared.run(settings, settings.seed.wrapping_add(run as u64), hook, tick))
                        })
                        .collect::<Vec<_>>()
                })
            })
            .collect();
        handles.into_iter().flat_map(|h| h.join().expect("a training run panicked")).collect()
    });
    results.sort_by_key(|(run, _)| *run);
    let weights: Vec<Weights> = results.into_iter().map(|(_, w)| w).collect();
    prepared.model(Weights::mean(&weights), settings)
}

/// The weights of one training run, averaged over its steps.
struct Weights {
    transitions: [[f32; COUNT]; COUNT],
    start: [f32; COUNT],
    features: Vec<f32>,
    pairs: Vec<f32>,
}

impl Weights {
    /// Parameter mixing (McDonald, Hall & Mann 2010): the mean of runs that saw the
    /// sentences in other orders. One run's F1 on NERGrit dev swings by 2 points with
    /// the order alone; the mean of eight is steadier and better than the runs' mean
    /// (models/README.md); pruned harder, it keeps one run's size and speed.
    fn mean(runs: &[Weights]) -> Weights {
        let k = runs.len() as f32;
        let mean_of = |get: &dyn Fn(&Weights) -> &[f32]| -> Vec<f32> {
            let mut out = vec![0f32; get(&runs[0]).len()];
            for run in runs {
                for (o, x) in out.iter_mut().zip(get(run)) {
                    *o += x;
                }
            }
            out.iter().map(|x| x / k).collect()
        };
        let transitions = mean_of(&|w| w.transitions.as_flattened());
        let mut out = Weights {
            transitions: [[0f32; COUNT]; COUNT],
            start: mean_of(&|w| &w.start).try_into().expect("COUNT start weights"),
            features: mean_of(&|w| &w.features),
            pairs: mean_of(&|w| &w.pairs),
        };
        out.transitions.as_flattened_mut().copy_from_slice(&transitions);
        out
    }
}

/// Everything about the training data that does not depend on the seed: features of
/// every sentence as weight rows, and the names mined from the labels.
struct Prepared {
    domains: Vec<String>,
    runtime_domain: u8,
    names: Names,
    rows: KeyMap<u32>,
    pair_index: KeyMap<u32>,
    pair_count: usize,
    instances: Vec<Instance>,
}

fn prepare(sets: &[(&Corpus, Vec<Sentence>)], settings: &Settings) -> Prepared {
    let domains: Vec<String> = super::data::CORPORA.iter().map(|c| c.name.to_string()).collect();
    // Names from the labels: all of them for the model, and for each fold of the
    // training sentences the names of the other folds, which its sentences see.
    let all_sentences = || sets.iter().flat_map(|(_, sentences)| sentences.iter());
    let names = Names::mine(all_sentences(), |_| true);
    let fold_names: Vec<Names> = (0..FOLDS).map(|f| Names::mine(all_sentences(), |i| i % FOLDS != f)).collect();
    let pair_feats = |tokens: &[String], cased: bool| -> Vec<Vec<u32>> {
        if !settings.pair_features {
            return Vec::new();
        }
        tokens
            .iter()
            .map(|w| {
                let mut keys = Vec::new();
                features::pair_keys(w, &w.to_lowercase(), cased, &mut keys);
                keys
            })
            .collect()
    };
    // Features of every sentence, computed once.
    let mut prepared = Vec::new();
    let mut index = 0;
    for (corpus, sentences) in sets {
        let domain = if settings.domain_features { corpus.domain() } else { 0 };
        let mask = tags::mask(&corpus.kinds());
        for s in sentences {
            let cased = !corpus.lowercased && features::is_cased(&s.tokens);
            prepared.push((features::sentence(&s.tokens, cased, &fold_names[index % FOLDS]), domain, mask, s.tags.clone(), s.open.clone(), pair_feats(&s.tokens, cased)));
            index += 1;
        }
    }
    let mut counts: KeyMap<u32> = KeyMap::default();
    let mut pair_index: KeyMap<u32> = KeyMap::default();
    let mut pair_sorted: Vec<u32> = prepared.iter().flat_map(|p| p.5.iter().flatten().copied()).collect();
    pair_sorted.sort_unstable();
    pair_sorted.dedup();
    for (i, &k) in pair_sorted.iter().enumerate() {
        pair_index.insert(k, i as u32 + 1);
    }
    for (feats, domain, ..) in &prepared {
        for (_, k) in keys_of(feats, *domain) {
            *counts.entry(k).or_insert(0) += 1;
        }
    }
    let mut sorted: Vec<u32> = counts.iter().filter(|(_, &c)| c >= settings.min_count).map(|(&k, _)| k).collect();
    sorted.sort_unstable();
    let rows: KeyMap<u32> = sorted.iter().enumerate().map(|(i, &k)| (k, i as u32)).collect();
    drop(counts);
    let instances: Vec<Instance> = prepared
        .into_iter()
        .map(|(feats, domain, mask, gold, open, pairs)| {
            let mut r = Vec::new();
            let mut offsets = vec![0u32];
            for keys in &feats {
                for (_, k) in keys_of(std::slice::from_ref(keys), domain) {
                    if let Some(&row) = rows.get(&k) {
                        r.push(row);
                    }
                }
                offsets.push(r.len() as u32);
            }
            let pairs = pairs
                .iter()
                .map(|keys| {
                    let mut rows = [NO_PAIR; 2];
                    for (slot, k) in rows.iter_mut().zip(keys) {
                        *slot = pair_index[k];
                    }
                    rows
                })
                .collect();
            Instance { rows: r, offsets, gold, open, mask, pairs }
        })
        .collect();
    let runtime_domain = settings
        .runtime_domain
        .as_deref()
        .and_then(|d| domains.iter().position(|x| x == d))
        .map(|i| i as u8 + 1)
        .unwrap_or(0);
    let pair_count = pair_sorted.len();
    Prepared { domains, runtime_domain, names, rows, pair_index, pair_count, instances }
}

impl Prepared {
    fn model(&self, weights: Weights, settings: &Settings) -> Model {
        let mut model = Model::new(
            self.domains.clone(),
            self.runtime_domain,
            settings.runtime_kinds.clone(),
            weights.transitions,
            weights.start,
            self.rows.clone(),
            weights.features,
        );
        model.names = self.names.clone();
        model.pair_rows = self.pair_index.clone();
        model.pair_weights = weights.pairs;
        model
    }

    /// One averaged-perceptron run with its own sentence order and dropout stream.
    fn run(&self, settings: &Settings, seed: u64, on_epoch: Option<&EpochHook>, tick: &(dyn Fn() + Sync)) -> Weights {
        let instances = &self.instances;
        let n_rows = self.rows.len();
        let mut w = vec![0f32; n_rows * COUNT];
        let mut u = vec![0f32; n_rows * COUNT];
        let mut tw = [[0f32; COUNT]; COUNT];
        let mut tu = [[0f32; COUNT]; COUNT];
        let mut sw = [0f32; COUNT];
        let mut su = [0f32; COUNT];
        // Row 0 is `NO_PAIR`, never updated.
        let mut pw = vec![0f32; (self.pair_count + 1) * PAIRS];
        let mut pu = vec![0f32; (self.pair_count + 1) * PAIRS];
        let mut c: f32 = 1.0;
        let mut order: Vec<usize> = (0..instances.len()).collect();
        let mut rng = Rng(seed);
        let averaged = |pw: &[f32], pu: &[f32], w: &[f32], u: &[f32], tw: &[[f32; COUNT]; COUNT], tu: &[[f32; COUNT]; COUNT], sw: &[f32; COUNT], su: &[f32; COUNT], c: f32| {
            let mut transitions = [[0f32; COUNT]; COUNT];
            for a in 0..COUNT {
                for b in 0..COUNT {
                    transitions[a][b] = tw[a][b] - tu[a][b] / c;
                }
            }
            let mut start = [0f32; COUNT];
            for a in 0..COUNT {
                start[a] = sw[a] - su[a] / c;
            }
            Weights {
                transitions,
                start,
                features: w.iter().zip(u).map(|(w, u)| w - u / c).collect(),
                pairs: pw.iter().zip(pu).map(|(w, u)| w - u / c).collect(),
            }
        };

        // Feature dropout: its own generator, so the sentence order does not depend on it.
        let mut drop_rng = Rng(seed ^ 0x0005_eedd_4090_u64);
        for epoch in 0..settings.epochs {
            rng.shuffle(&mut order);
            let rate = settings.dropout * (1.0 - epoch as f32 / settings.epochs as f32);
            for &idx in &order {
                let inst = &instances[idx];
                let n = inst.gold.len();
                let dropped = (rate > 0.0).then(|| {
                    let (mut kept, mut ends) = (Vec::with_capacity(inst.rows.len()), vec![0u32]);
                    for i in 0..n {
                        for &r in &inst.rows[inst.offsets[i] as usize..inst.offsets[i + 1] as usize] {
                            if (drop_rng.next() >> 40) as f32 / (1u64 << 24) as f32 >= rate {
                                kept.push(r);
                            }
                        }
                        ends.push(kept.len() as u32);
                    }
                    (kept, ends)
                });
                let (rows, offsets) = match &dropped {
                    Some((r, o)) => (&r[..], &o[..]),
                    None => (&inst.rows[..], &inst.offsets[..]),
                };
                let mut em = vec![[0f32; COUNT]; n];
                for (i, e) in em.iter_mut().enumerate() {
                    for &r in &rows[offsets[i] as usize..offsets[i + 1] as usize] {
                        let row = &w[r as usize * COUNT..(r as usize + 1) * COUNT];
                        for (s, x) in e.iter_mut().zip(row) {
                            *s += x;
                        }
                    }
                }
                let decode = |em: &[[f32; COUNT]]| {
                    if inst.pairs.is_empty() {
                        viterbi(em, &tw, &sw, &inst.mask)
                    } else {
                        viterbi_with(em, &tw, &pw, &inst.pairs, &sw, &inst.mask)
                    }
                };
                let pred = decode(&em);
                // Partial labels: the gold path is the model's best among those that
                // keep every known tag (latent-variable perceptron).
                let filled;
                let gold = if inst.open.is_empty() {
                    &inst.gold
                } else {
                    let constrained: Vec<[f32; COUNT]> = em
                        .iter()
                        .zip(inst.gold.iter().zip(&inst.open))
                        .map(|(e, (&g, &open))| if open { *e } else { std::array::from_fn(|t| if t == g as usize { e[t] } else { f32::NEG_INFINITY }) })
                        .collect();
                    filled = decode(&constrained);
                    &filled
                };
                if pred != *gold {
                    for i in 0..n {
                        let (g, p) = (gold[i] as usize, pred[i] as usize);
                        if g != p {
                            for &r in &rows[offsets[i] as usize..offsets[i + 1] as usize] {
                                let base = r as usize * COUNT;
                                w[base + g] += 1.0;
                                u[base + g] += c;
                                w[base + p] -= 1.0;
                                u[base + p] -= c;
                            }
                        }
                        if i == 0 {
                            if g != p {
                                sw[g] += 1.0;
                                su[g] += c;
                                sw[p] -= 1.0;
                                su[p] -= c;
                            }
                        } else {
                            let (gp, pp) = (gold[i - 1] as usize, pred[i - 1] as usize);
                            if (gp, g) != (pp, p) {
                                tw[gp][g] += 1.0;
                                tu[gp][g] += c;
                                tw[pp][p] -= 1.0;
                                tu[pp][p] -= c;
                                if let Some(rows) = inst.pairs.get(i) {
                                    for &r in rows.iter().filter(|&&r| r != NO_PAIR) {
                                        let base = r as usize * PAIRS;
                                        pw[base + gp * COUNT + g] += 1.0;
                                        pu[base + gp * COUNT + g] += c;
                                        pw[base + pp * COUNT + p] -= 1.0;
                                        pu[base + pp * COUNT + p] -= c;
                                    }
                                }
                            }
                        }
                    }
                }
                c += 1.0;
            }
            tick();
            if let Some(cb) = on_epoch {
                cb(epoch + 1, &self.model(averaged(&pw, &pu, &w, &u, &tw, &tu, &sw, &su, c), settings));
            }
        }
        averaged(&pw, &pu, &w, &u, &tw, &tu, &sw, &su, c)
    }
}
