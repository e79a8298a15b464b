//! The trained model: feature weights per tag, tag-transition weights, Viterbi decoding
//! under BIO constraints, and the compact file format.
//!
//! File layout (little-endian): magic `WARTANER`, format version (u32), feature version
//! (u32), a hash of the word-cluster file (u64), data-set names, the runtime data set and kinds, transition and start weights
//! (f32), the fingerprints of the data files it was trained on (u32 count, u64 each),
//! the weight scale (f32), then the rows: for each feature key in ascending order
//! the key delta (LEB128), a u16 mask of the tags with a weight, and those weights as i16
//! multiples of the scale; then the mined names: their count (u32) and each name's hash
//! (u64) and kinds (u8, with the bit that says a longer name begins so).

use std::cell::RefCell;
use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};
use std::sync::atomic::{AtomicU64, Ordering};

use warta_model::EntityKind;

use super::features::{self, SIDES};
use super::names::Names;
use crate::fasthash::FastMap;
use super::table::WeightTable;
use super::tags::{self, Tag, COUNT};
use super::NerError;

const MAGIC: &[u8; 8] = b"WARTANER";
const FORMAT_VERSION: u32 = 6;
/// Bump when `features.rs` changes what it emits: old models then refuse to load.
pub const FEATURE_VERSION: u32 = 10;
/// The data set whose indicator tags cased text of a language other than the runtime
/// one's (Indonesian): English news reads best with the English set's.
pub const RUNTIME_BY_LANGUAGE: &[(&str, &str)] = &[("en", "ecbplus")];
/// Weights of one tag-pair feature: one per (previous tag, tag).
pub const PAIRS: usize = COUNT * COUNT;

/// FNV-1a of the word files the features read (clusters, context-vector classes,
/// capitalisation counts): a model trained with other ones would score the wrong
/// features, so it refuses to load.
fn word_files_hash() -> u64 {
    super::data::fingerprint(&[features::CLUSTERS, features::VECTOR_CLASSES, features::CAPITALISATION].concat())
}

/// Keys are hashes already.
#[derive(Default)]
pub struct KeyHasher(u64);

impl Hasher for KeyHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0 << 8) | b as u64;
        }
    }
    fn write_u32(&mut self, n: u32) {
        self.0 = (n as u64).wrapping_mul(0x9e37_79b9_7f4a_7c15);
    }
}

pub type KeyMap<V> = HashMap<u32, V, BuildHasherDefault<KeyHasher>>;

pub struct Model {
    /// Data-set names; data set `i` has domain `i + 1` in the features.
    pub domains: Vec<String>,
    /// Data-set indicator used for running text (0: none, general features only).
    pub runtime_domain: u8,
    /// Kinds `recognise` may output.
    pub runtime_kinds: Vec<EntityKind>,
    /// [`super::data::fingerprint`]s of the files it learned from: scores on those are
    /// not held-out scores, and the benchmark says so.
    pub trained_on: Vec<u64>,
    pub transitions: [[f32; COUNT]; COUNT],
    pub start: [f32; COUNT],
    pub rows: KeyMap<u32>,
    pub weights: Vec<f32>,
    /// Names mined from the training labels, for the name features.
    pub names: Names,
    /// Tag-pair features: the row of each key of [`features::pair_keys`] in
    /// `pair_weights`, which holds [`PAIRS`] weights per row, one per (previous tag,
    /// tag), added to the step into the word that has the feature. Row 0 ([`NO_PAIR`])
    /// is all zero: a token without a feature reads it, so decoding needs no branch.
    pub pair_rows: KeyMap<u32>,
    pub pair_weights: Vec<f32>,
    /// For the indicators running text uses (cased and lower-cased, per language): each general feature's
    /// weights with its data-set copy already added, stored in the table itself. One
    /// lookup per feature instead of two lookups and a row fetch each: tagging is bound
    /// by memory latency, not arithmetic. Weights are `i16` multiples of the table's
    /// scale, so an entry is half the size and more of the table stays in cache.
    merged: Vec<Merged>,
    /// Tells this model's cached word sums from another's (see [`WordCache`]).
    id: u64,
}

/// A merged table: see [`Model::merged`].
struct Merged {
    domain: u8,
    scale: f32,
    table: WeightTable,
}

impl Model {
    /// A model from its weights; builds the merged tables for running text.
    pub fn new(
        domains: Vec<String>,
        runtime_domain: u8,
        runtime_kinds: Vec<EntityKind>,
        transitions: [[f32; COUNT]; COUNT],
        start: [f32; COUNT],
        rows: KeyMap<u32>,
        weights: Vec<f32>,
    ) -> Model {
        let mut model = Model {
            domains,
            runtime_domain,
            runtime_kinds,
            trained_on: Vec::new(),
            transitions,
            start,
            rows,
            weights,
            names: Names::default(),
            pair_rows: KeyMap::default(),
            pair_weights: Vec::new(),
            merged: Vec::new(),
            id: {
                static NEXT: AtomicU64 = AtomicU64::new(1);
                NEXT.fetch_add(1, Ordering::Relaxed)
            },
        };
        let domain_keys = model.domain_keys();
        let mut domains: Vec<u8> = Vec::new();
        for (cased, language) in [(true, ""), (false, "")].into_iter().chain(RUNTIME_BY_LANGUAGE.iter().map(|(l, _)| (true, *l))) {
            let domain = model.domain_for(cased, language);
            if domains.contains(&domain) {
                continue;
            }
            domains.push(domain);
            let mut sums: Vec<(u32, [f32; COUNT])> = Vec::with_capacity(model.rows.len() - domain_keys.len());
            for (&k, &r) in &model.rows {
                if domain_keys.contains(&k) {
                    continue;
                }
                let mut w: [f32; COUNT] = model.row(r).try_into().expect("a row has COUNT weights");
                if domain > 0 {
                    if let Some(&d) = model.rows.get(&features::with_domain(k, domain)) {
                        for (x, y) in w.iter_mut().zip(model.row(d)) {
                            *x += y;
                        }
                    }
                }
                sums.push((k, w));
            }
            let max = sums.iter().flat_map(|(_, w)| w.iter()).fold(0f32, |m, w| m.max(w.abs())).max(1e-6);
            let scale = max / i16::MAX as f32;
            let table = WeightTable::new(sums.into_iter().map(|(k, w)| (k, w.map(|x| (x / scale).round() as i16))).collect());
            model.merged.push(Merged { domain, scale, table });
        }
        model
    }

    fn row(&self, r: u32) -> &[f32] {
        &self.weights[r as usize * COUNT..(r as usize + 1) * COUNT]
    }

    /// Keys that are a data-set copy of another key of the model.
    fn domain_keys(&self) -> std::collections::HashSet<u32, BuildHasherDefault<KeyHasher>> {
        let mut out = std::collections::HashSet::default();
        for &k in self.rows.keys() {
            for d in 1..=self.domains.len() as u8 {
                let dk = features::with_domain(k, d);
                if self.rows.contains_key(&dk) {
                    out.insert(dk);
                }
            }
        }
        out
    }

    pub fn domain_of(&self, name: &str) -> u8 {
        self.domains.iter().position(|d| d == name).map(|i| i as u8 + 1).unwrap_or(0)
    }

    /// The data-set indicator for running text: for cased text the one of its language
    /// ([`RUNTIME_BY_LANGUAGE`]) or else the runtime one, the lower-cased set's (NERP) for
    /// a sentence without any capital letter.
    pub fn domain_for(&self, cased: bool, language: &str) -> u8 {
        let own = if cased {
            RUNTIME_BY_LANGUAGE.iter().find(|(l, _)| *l == language).map_or(0, |(_, set)| self.domain_of(set))
        } else {
            self.domain_of("nerp")
        };
        if own > 0 {
            own
        } else {
            self.runtime_domain
        }
    }

    /// Emission scores of every token.
    pub fn emissions(&self, feats: &[Vec<u32>], domain: u8) -> Vec<[f32; COUNT]> {
        if let Some(merged) = self.merged.iter().find(|m| m.domain == domain) {
            return feats
                .iter()
                .map(|keys| {
                    let mut sum = [0i32; COUNT];
                    for row in keys.iter().filter_map(|&k| merged.table.get(k)) {
                        add(&mut sum, row);
                    }
                    sum.map(|s| s as f32 * merged.scale)
                })
                .collect();
        }
        feats
            .iter()
            .map(|keys| {
                let mut score = [0f32; COUNT];
                let mut add = |k: u32| {
                    if let Some(&r) = self.rows.get(&k) {
                        let row = self.row(r);
                        for (s, w) in score.iter_mut().zip(row) {
                            *s += w;
                        }
                    }
                };
                for &k in keys {
                    add(k);
                    if domain > 0 {
                        add(features::with_domain(k, domain));
                    }
                }
                score
            })
            .collect()
    }

    /// Best tag sequence for words, choosing only among `kinds`.
    pub fn tag<S: AsRef<str>>(&self, words: &[S], cased: bool, domain: u8, mask: &[bool; COUNT]) -> Vec<Tag> {
        let (em, pairs) = match self.merged.iter().position(|m| m.domain == domain) {
            Some(slot) => self.cached_emissions(words, cased, slot),
            None => self.uncached_scores(words, cased, domain),
        };
        self.decode(&em, &pairs, mask)
    }

    /// Emission scores feature by feature, and each token's tag-pair rows.
    pub(crate) fn uncached_scores<S: AsRef<str>>(&self, words: &[S], cased: bool, domain: u8) -> (Vec<[f32; COUNT]>, Vec<[u32; 2]>) {
        let mut keys = Vec::new();
        let pairs = words
            .iter()
            .map(|w| {
                keys.clear();
                features::pair_keys(w.as_ref(), &w.as_ref().to_lowercase(), cased, &mut keys);
                let mut rows = [NO_PAIR; 2];
                for (slot, r) in rows.iter_mut().zip(keys.iter().filter_map(|k| self.pair_rows.get(k))) {
                    *slot = *r;
                }
                rows
            })
            .collect();
        (self.emissions(&features::sentence(words, cased, &self.names), domain), pairs)
    }

    /// Viterbi over emission scores and the tag-pair rows of each token.
    pub(crate) fn decode(&self, em: &[[f32; COUNT]], pairs: &[[u32; 2]], mask: &[bool; COUNT]) -> Vec<Tag> {
        if self.pair_rows.is_empty() {
            return viterbi(em, &self.transitions, &self.start, mask);
        }
        viterbi_with(em, &self.transitions, &self.pair_weights, pairs, &self.start, mask)
    }

    /// The emission scores [`Model::emissions`] gives with a merged table, from the
    /// thread's [`WordCache`]: most features depend on one word alone, so their summed
    /// weights are looked up once per word form and each token only adds the features
    /// that look at several words. Sums are integers, so the scores are the same.
    /// Also returns each token's tag-pair rows (from the same cache).
    fn cached_emissions<S: AsRef<str>>(&self, words: &[S], cased: bool, slot: usize) -> (Vec<[f32; COUNT]>, Vec<[u32; 2]>) {
        let merged = &self.merged[slot];
        let sum = |keys: &[u32]| {
            let mut total = [0i32; COUNT];
            for row in keys.iter().filter_map(|&k| merged.table.get(k)) {
                add(&mut total, row);
            }
            total
        };
        let n = words.len();
        WORDS.with_borrow_mut(|cache| {
            if cache.model != self.id || cache.entries.len() + n > CACHE_WORDS {
                *cache = WordCache { model: self.id, ..WordCache::default() };
            }
            let which = 2 * slot + usize::from(cased);
            let mut keys = Vec::new();
            let at: Vec<usize> = words
                .iter()
                .map(|w| {
                    let raw = w.as_ref();
                    if let Some(&e) = cache.index[which].get(raw) {
                        return e as usize;
                    }
                    let lower = raw.to_lowercase();
                    keys.clear();
                    features::own_keys(raw, &lower, cased, &mut keys);
                    let own = sum(&keys);
                    let lends = SIDES.map(|side| {
                        keys.clear();
                        features::neighbour_keys(side, Some((raw, &lower)), cased, &mut keys);
                        sum(&keys)
                    });
                    keys.clear();
                    features::pair_keys(raw, &lower, cased, &mut keys);
                    let mut pairs = [NO_PAIR; 2];
                    for (slot, r) in pairs.iter_mut().zip(keys.iter().filter_map(|k| self.pair_rows.get(k))) {
                        *slot = *r;
                    }
                    let e = cache.entries.len();
                    cache.entries.push(WordSums { ctx: features::context_word(&lower), case: features::case_of(raw), lower: lower.into(), own, lends, pairs });
                    cache.index[which].insert(raw.into(), e as u32);
                    e
                })
                .collect();
            let edge = SIDES.map(|side| {
                keys.clear();
                features::neighbour_keys(side, None, cased, &mut keys);
                sum(&keys)
            });
            let entries = &cache.entries;
            let lower: Vec<&str> = at.iter().map(|&e| &*entries[e].lower).collect();
            let ctx: Vec<&str> = at.iter().map(|&e| entries[e].ctx.unwrap_or(&entries[e].lower)).collect();
            let classes: Vec<char> = at.iter().map(|&e| entries[e].case).collect();
            let (mut context, mut ends) = (Vec::new(), Vec::with_capacity(n));
            features::context_keys(&lower, &ctx, &classes, cased, &self.names, &mut context, &mut ends);
            let mut found = Vec::new();
            merged.table.find_all(&context, &mut found);
            let mut from = 0;
            let em = (0..n)
                .map(|i| {
                    let mut total = entries[at[i]].own;
                    for (k, side) in SIDES.iter().enumerate() {
                        let j = i as isize + side.offset();
                        let lent = if j >= 0 && (j as usize) < n { &entries[at[j as usize]].lends[k] } else { &edge[k] };
                        for (t, x) in total.iter_mut().zip(lent) {
                            *t += x;
                        }
                    }
                    for row in found[from..ends[i]].iter().filter_map(|&r| merged.table.row(r)) {
                        add(&mut total, row);
                    }
                    from = ends[i];
                    total.map(|x| x as f32 * merged.scale)
                })
                .collect();
            (em, at.iter().map(|&e| entries[e].pairs).collect())
        })
    }

    pub fn to_bytes(&self, prune: f32) -> Vec<u8> {
        let mut out = Vec::new();
        out.extend_from_slice(MAGIC);
        out.extend_from_slice(&FORMAT_VERSION.to_le_bytes());
        out.extend_from_slice(&FEATURE_VERSION.to_le_bytes());
        out.extend_from_slice(&word_files_hash().to_le_bytes());
        out.push(self.domains.len() as u8);
        for d in &self.domains {
            out.push(d.len() as u8);
            out.extend_from_slice(d.as_bytes());
        }
        out.push(self.runtime_domain);
        out.push(self.runtime_kinds.len() as u8);
        for k in &self.runtime_kinds {
            out.push(tags::KINDS.iter().position(|x| x == k).unwrap() as u8);
        }
        out.push(COUNT as u8);
        for row in &self.transitions {
            for w in row {
                out.extend_from_slice(&w.to_le_bytes());
            }
        }
        for w in &self.start {
            out.extend_from_slice(&w.to_le_bytes());
        }
        out.extend_from_slice(&(self.trained_on.len() as u32).to_le_bytes());
        for f in &self.trained_on {
            out.extend_from_slice(&f.to_le_bytes());
        }
        let scale = i16_scale(&self.weights);
        out.extend_from_slice(&scale.to_le_bytes());
        let significant = |r: u32| self.row(r).iter().any(|w| w.abs() >= prune && (w / scale).round() != 0.0);
        // A general row stays (even all zero) while a data-set copy of it stays, so the
        // loader can merge the copy into it.
        let kept_copy = |k: u32| (1..=self.domains.len() as u8).any(|d| self.rows.get(&features::with_domain(k, d)).is_some_and(|&r| significant(r)));
        let mut keys: Vec<(u32, u32)> = self.rows.iter().map(|(&k, &r)| (k, r)).filter(|&(k, r)| significant(r) || kept_copy(k)).collect();
        keys.sort_unstable();
        out.extend_from_slice(&(keys.len() as u32).to_le_bytes());
        let mut last = 0u32;
        for (k, r) in keys {
            leb128(&mut out, k - last);
            last = k;
            let row = self.row(r);
            let q: Vec<i16> = row.iter().map(|w| if w.abs() < prune { 0 } else { (w / scale).round() as i16 }).collect();
            let mask: u16 = q.iter().enumerate().filter(|(_, v)| **v != 0).fold(0, |m, (i, _)| m | (1 << i));
            out.extend_from_slice(&mask.to_le_bytes());
            for v in q.iter().filter(|v| **v != 0) {
                out.extend_from_slice(&v.to_le_bytes());
            }
        }
        let names = self.names.sorted();
        out.extend_from_slice(&(names.len() as u32).to_le_bytes());
        for (hash, kinds) in names {
            out.extend_from_slice(&hash.to_le_bytes());
            out.push(kinds);
        }
        // Tag-pair rows: few (a few hundred), so all of them, every weight.
        let scale = i16_scale(&self.pair_weights);
        out.extend_from_slice(&scale.to_le_bytes());
        let mut keys: Vec<(u32, u32)> = self.pair_rows.iter().map(|(&k, &r)| (k, r)).collect();
        keys.sort_unstable();
        out.extend_from_slice(&(keys.len() as u32).to_le_bytes());
        let mut last = 0u32;
        for (k, r) in keys {
            leb128(&mut out, k - last);
            last = k;
            for w in &self.pair_weights[r as usize * PAIRS..(r as usize + 1) * PAIRS] {
                out.extend_from_slice(&((w / scale).round() as i16).to_le_bytes());
            }
        }
        out
    }

    pub fn from_bytes(bytes: &[u8]) -> Result<Model, NerError> {
        let mut r = Reader { bytes, at: 0 };
        let bad = |m: &str| NerError::Model(format!("{m}; retrain with `warta train ner`"));
        if r.take(8).ok_or_else(|| bad("empty model file"))? != MAGIC {
            return Err(bad("not a warta NER model"));
        }
        if r.u32() != Some(FORMAT_VERSION) {
            return Err(bad("model file format version differs from this build"));
        }
        if r.u32() != Some(FEATURE_VERSION) {
            return Err(bad("model was trained with other features than this build computes"));
        }
        if r.u64() != Some(word_files_hash()) {
            return Err(bad("model was trained with other word files than resources/common/word-clusters.tsv, word-vector-classes.tsv and word-capitalisation.tsv"));
        }
        let truncated = || bad("model file is truncated");
        let n = r.u8().ok_or_else(truncated)?;
        let mut domains = Vec::new();
        for _ in 0..n {
            let len = r.u8().ok_or_else(truncated)? as usize;
            domains.push(String::from_utf8_lossy(r.take(len).ok_or_else(truncated)?).into_owned());
        }
        let runtime_domain = r.u8().ok_or_else(truncated)?;
        let nk = r.u8().ok_or_else(truncated)?;
        let mut runtime_kinds = Vec::new();
        for _ in 0..nk {
            let k = r.u8().ok_or_else(truncated)? as usize;
            runtime_kinds.push(*tags::KINDS.get(k).ok_or_else(|| bad("unknown entity kind"))?);
        }
        if r.u8() != Some(COUNT as u8) {
            return Err(bad("model has another tag set"));
        }
        let mut transitions = [[0f32; COUNT]; COUNT];
        for row in transitions.iter_mut() {
            for w in row.iter_mut() {
                *w = r.f32().ok_or_else(truncated)?;
            }
        }
        let mut start = [0f32; COUNT];
        for w in start.iter_mut() {
            *w = r.f32().ok_or_else(truncated)?;
        }
        let files = r.u32().ok_or_else(truncated)?;
        let trained_on = (0..files).map(|_| r.u64().ok_or_else(truncated)).collect::<Result<Vec<u64>, _>>()?;
        let scale = r.f32().ok_or_else(truncated)?;
        let count = r.u32().ok_or_else(truncated)? as usize;
        let mut rows = KeyMap::default();
        rows.reserve(count);
        let mut weights = Vec::with_capacity(count * COUNT);
        let mut key = 0u32;
        for i in 0..count {
            key = key.wrapping_add(r.leb128().ok_or_else(truncated)?);
            let mask = r.u16().ok_or_else(truncated)?;
            for t in 0..COUNT {
                weights.push(if mask & (1 << t) != 0 {
                    r.i16().ok_or_else(truncated)? as f32 * scale
                } else {
                    0.0
                });
            }
            rows.insert(key, i as u32);
        }
        let mut names = Names::default();
        let count = r.u32().ok_or_else(truncated)? as usize;
        names.kinds.reserve(count);
        for _ in 0..count {
            let hash = r.u64().ok_or_else(truncated)?;
            names.kinds.insert(hash, r.u8().ok_or_else(truncated)?);
        }
        let scale = r.f32().ok_or_else(truncated)?;
        let count = r.u32().ok_or_else(truncated)? as usize;
        let mut pair_rows = KeyMap::default();
        let mut pair_weights = vec![0.0; PAIRS];
        pair_weights.reserve(count * PAIRS);
        let mut key = 0u32;
        for i in 0..count {
            key = key.wrapping_add(r.leb128().ok_or_else(truncated)?);
            for _ in 0..PAIRS {
                pair_weights.push(r.i16().ok_or_else(truncated)? as f32 * scale);
            }
            pair_rows.insert(key, i as u32 + 1);
        }
        if r.at != bytes.len() {
            return Err(bad("model file has bytes after its end"));
        }
        let mut model = Model::new(domains, runtime_domain, runtime_kinds, transitions, start, rows, weights);
        model.trained_on = trained_on;
        model.names = names;
        model.pair_rows = pair_rows;
        model.pair_weights = pair_weights;
        Ok(model)
    }
}

fn add(total: &mut [i32; COUNT], row: &[i16; COUNT]) {
    for (t, w) in total.iter_mut().zip(row) {
        *t += i32::from(*w);
    }
}

/// Distinct word forms a thread keeps the sums of; past that it starts over, so memory
/// stays bounded on any stream of text (news vocabulary repeats: most tokens hit).
const CACHE_WORDS: usize = 1 << 14;

/// What one word form contributes to emission scores, in its merged table's units.
struct WordSums {
    lower: Box<str>,
    /// `features::context_word` of it.
    ctx: Option<&'static str>,
    /// `features::case_of` it.
    case: char,
    /// Summed weights of its `features::own_keys`.
    own: [i32; COUNT],
    /// Summed weights of the `features::neighbour_keys` it lends the token at each side
    /// of it, in `SIDES` order.
    lends: [[i32; COUNT]; 4],
    /// Rows of its `features::pair_keys` in `Model::pair_weights` (`NO_PAIR`: none).
    pairs: [u32; 2],
}

/// An empty slot of a token's tag-pair rows: the all-zero row 0 of the pair weights.
pub const NO_PAIR: u32 = 0;

/// Word sums of one model, per merged table and case setting (`2 * table + cased`).
#[derive(Default)]
struct WordCache {
    model: u64,
    index: [FastMap<Box<str>, u32>; 2 * (2 + RUNTIME_BY_LANGUAGE.len())],
    entries: Vec<WordSums>,
}

thread_local! {
    static WORDS: RefCell<WordCache> = RefCell::new(WordCache::default());
}

/// The weight one `i16` step stands for, so the largest weight fits.
fn i16_scale(weights: &[f32]) -> f32 {
    weights.iter().fold(0f32, |m, w| m.max(w.abs())).max(1e-6) / i16::MAX as f32
}

fn leb128(out: &mut Vec<u8>, mut v: u32) {
    loop {
        let byte = (v & 0x7f) as u8;
        v >>= 7;
        if v == 0 {
            out.push(byte);
            return;
        }
        out.push(byte | 0x80);
    }
}

struct Reader<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl<'a> Reader<'a> {
    fn take(&mut self, n: usize) -> Option<&'a [u8]> {
        let s = self.bytes.get(self.at..self.at.checked_add(n)?)?;
        self.at += n;
        Some(s)
    }
    fn u8(&mut self) -> Option<u8> {
        self.take(1).map(|b| b[0])
    }
    fn u16(&mut self) -> Option<u16> {
        self.take(2).map(|b| u16::from_le_bytes([b[0], b[1]]))
    }
    fn i16(&mut self) -> Option<i16> {
        self.take(2).map(|b| i16::from_le_bytes([b[0], b[1]]))
    }
    fn u32(&mut self) -> Option<u32> {
        self.take(4).map(|b| u32::from_le_bytes([b[0], b[1], b[2], b[3]]))
    }
    fn u64(&mut self) -> Option<u64> {
        self.take(8).map(|b| u64::from_le_bytes(b.try_into().expect("8 bytes")))
    }
    fn f32(&mut self) -> Option<f32> {
        self.take(4).map(|b| f32::from_le_bytes([b[0], b[1], b[2], b[3]]))
    }
    fn leb128(&mut self) -> Option<u32> {
        let mut v = 0u32;
        for shift in (0..35).step_by(7) {
            let b = self.u8()?;
            v |= ((b & 0x7f) as u32).checked_shl(shift)?;
            if b & 0x80 == 0 {
                return Some(v);
            }
        }
        None
    }
}

/// Viterbi decoding over tags open in `mask`, never letting `I-X` follow anything but
/// `B-X`/`I-X`.
pub fn viterbi(em: &[[f32; COUNT]], trans: &[[f32; COUNT]; COUNT], start: &[f32; COUNT], mask: &[bool; COUNT]) -> Vec<Tag> {
    viterbi_inner(em, trans, |_, _, _| 0.0, start, mask)
}

/// [`viterbi`] with tag-pair weights: the step from `p` at `i - 1` to `t` at `i` also
/// gets `weights[r * PAIRS + p * COUNT + t]` for each row `r` of `pairs[i]` (`NO_PAIR`,
/// all zero: none). Looked up per step, not summed per token: only open steps are read.
pub fn viterbi_with(em: &[[f32; COUNT]], trans: &[[f32; COUNT]; COUNT], weights: &[f32], pairs: &[[u32; 2]], start: &[f32; COUNT], mask: &[bool; COUNT]) -> Vec<Tag> {
    let weight = |r: u32, o: usize| weights[r as usize * PAIRS + o];
    viterbi_inner(
        em,
        trans,
        |i, p, t| {
            let [a, b] = pairs[i];
            weight(a, p * COUNT + t) + weight(b, p * COUNT + t)
        },
        start,
        mask,
    )
}

#[inline(always)]
fn viterbi_inner(em: &[[f32; COUNT]], trans: &[[f32; COUNT]; COUNT], extra: impl Fn(usize, usize, usize) -> f32, start: &[f32; COUNT], mask: &[bool; COUNT]) -> Vec<Tag> {
    let n = em.len();
    if n == 0 {
        return Vec::new();
    }
    const NEG: f32 = f32::NEG_INFINITY;
    // The open tags, and for each the open tags that may precede it with the weight of
    // that step: the constraints are checked once per sentence, not once per token.
    let open: Vec<usize> = (0..COUNT).filter(|&t| mask[t]).collect();
    let before: Vec<Vec<(usize, f32)>> = open
        .iter()
        .map(|&t| open.iter().filter(|&&p| tags::allowed(Some(p as Tag), t as Tag)).map(|&p| (p, trans[p][t])).collect())
        .collect();
    let mut score = vec![[NEG; COUNT]; n];
    let mut back = vec![[0u8; COUNT]; n];
    for &t in &open {
        if tags::allowed(None, t as Tag) {
            score[0][t] = start[t] + em[0][t];
        }
    }
    for i in 1..n {
        let (done, rest) = score.split_at_mut(i);
        let previous = &done[i - 1];
        for (&t, from) in open.iter().zip(&before) {
            let mut best = NEG;
            let mut arg = 0u8;
            for &(p, w) in from {
                let s = previous[p] + w + extra(i, p, t);
                if s > best {
                    best = s;
                    arg = p as u8;
                }
            }
            if best > NEG {
                rest[0][t] = best + em[i][t];
                back[i][t] = arg;
            }
        }
    }
    let mut last = 0u8;
    let mut best = NEG;
    for (t, &s) in score[n - 1].iter().enumerate() {
        if s > best {
            best = s;
            last = t as u8;
        }
    }
    let mut out = vec![0u8; n];
    out[n - 1] = last;
    for i in (1..n).rev() {
        out[i - 1] = back[i][out[i] as usize];
    }
    out
}

