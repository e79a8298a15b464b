//! Candidate generation: which pairs of articles are worth aligning, without comparing
//! all pairs.
//!
//! Each text gets a small [`Signature`] of 32-bit keys from two channels, and an
//! inverted index over the keys yields the pairs that share enough of them:
//!
//! * **Verbatim channel** — winnowed hashes of word 5-grams over normalised tokens
//!   (Schleimer et al., 2003). Any stretch of at least `K + W - 1` identical normalised
//!   words in two texts is guaranteed to share a fingerprint, however long the texts
//!   are, so partial copies inside long articles are found too.
//! * **Paraphrase channel** — MinHash bands over the set of content words of each
//!   sentence. A rewrite changes most words but keeps names, numbers and many nouns, so
//!   rewritten sentences still share a third to a half of their content words; sixteen
//!   4-row bands catch such pairs with high probability, where word n-grams find nothing.
//!
//! The cost is linear in the corpus plus the pairs emitted per key; keys shared by more
//! than [`MAX_POSTING`] texts (site boilerplate, stock phrases) are skipped. Key hashes
//! are cheap multiply-xor-shift mixes of the token keys (no per-token allocation, no
//! SipHash), so keys are not comparable with signatures made by earlier versions.

use crate::text::{mix, Analysis, Kind};

/// Words per shingle for the verbatim channel: five words rarely repeat by chance.
const K: usize = 5;
/// Winnowing window: one fingerprint per window of this many shingles, so any shared
/// run of `K + W - 1` = 12 words is caught.
const W: usize = 8;
/// MinHash bands per sentence, and rows per band. Both S-curves put the threshold near
/// Jaccard 0.5, but more rows make it steeper: a sentence pair whose content words
/// overlap by Jaccard 0.5 (a rewritten sentence) collides in one band of sixteen with
/// probability 1 - (1 - 0.5⁴)¹⁶ ≈ 0.64, as with eight 3-row bands, while one at 0.2–0.3
/// (two reports of one event, sharing names and common words) collides 2.5 and 1.7
/// times less often (0.025 and 0.12). On the generated 10k corpus that cut candidate
/// pairs from 24 857 to 5 901 with the same links; PAN plagdet is unchanged.
const BANDS: usize = 16;
const ROWS: usize = 4;
/// Sentences with fewer content words than this make no paraphrase keys: short
/// sentences ("Itu harus dihentikan.") collide by chance.
const MIN_SENTENCE_CONTENT: usize = 4;
/// Keys found in more texts than this are boilerplate or stock phrases; pairing all
/// their texts would make the cost quadratic.
pub const MAX_POSTING: usize = 256;
/// A pair becomes a candidate when it shares at least this many keys in one channel.
const MIN_SHARED: u32 = 2;

/// The keys of one text. Keys are 32-bit to halve index memory; a chance collision only
/// costs one needless alignment, which then finds nothing.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Signature {
    /// Sorted, deduplicated winnowing fingerprints.
    pub fingerprints: Vec<u32>,
    /// Sorted, deduplicated sentence MinHash band keys.
    pub sentence_keys: Vec<u32>,
}

impl Signature {
    /// The signature of an analysed text.
    pub(crate) fn of(analysis: &Analysis) -> Signature {
        let keys: Vec<u64> = analysis.tokens.iter().map(|t| t.key).collect();
        let mut fingerprints = winnow(&keys);
        fingerprints.sort_unstable();
        fingerprints.dedup();

        let mut sentence_keys = Vec::with_capacity(analysis.sentences.len() * BANDS);
        let mut words: Vec<u64> = Vec::new();
        for sentence in &analysis.sentences {
            words.clear();
            words.extend(
                analysis.tokens[sentence.tokens.clone()]
                    .iter()
                    .filter(|t| t.kind != Kind::Stop)
                    .map(|t| t.key),
            );
            // MinHash ignores repeats, so the words need no dedup, only a count of
            // distinct ones up to the minimum.
            if !distinct_at_least(&words, MIN_SENTENCE_CONTENT) {
                continue;
            }
            sentence_keys.extend(minhash_bands(&words));
        }
        sentence_keys.sort_unstable();
        sentence_keys.dedup();
        fingerprints.shrink_to_fit();
        sentence_keys.shrink_to_fit();
        Signature {
            fingerprints,
            sentence_keys,
        }
    }

    /// Heap bytes held by this signature.
    pub fn heap_bytes(&self) -> usize {
        (self.fingerprints.capacity() + self.sentence_keys.capacity()) * std::mem::size_of::<u32>()
    }
}

/// Seeds of the MinHash permutations, one per row of every band.
static SEEDS: [u64; BANDS * ROWS] = {
    let mut seeds = [0u64; BANDS * ROWS];
    let mut i = 0;
    while i < seeds.len() {
        // SplitMix64 of the index, spelled out because `mix` is not const.
        let mut x = (i as u64 + 1).wrapping_mul(0x9e37_79b9_7f4a_7c15);
        x = (x ^ (x >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        x = (x ^ (x >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        seeds[i] = x ^ (x >> 31);
        i += 1;
    }
    seeds
};

/// Whether `words` holds at least `k` distinct values (`k` is small).
fn distinct_at_least(words: &[u64], k: usize) -> bool {
    if words.len() < k {
        return false;
    }
    let mut seen: Vec<u64> = Vec::with_capacity(k);
    for &w in words {
        if !seen.contains(&w) {
            seen.push(w);
            if seen.len() >= k {
                return true;
            }
        }
    }
    false
}

/// The band keys of one sentence's content words (already well-mixed 64-bit hashes;
/// repeats do not matter). Permutation `i` orders words by `(w ^ seedᵢ) · φ`: word
/// keys are uniform and the high bits of the product, which decide the minimum, depend
/// on every bit of `w ^ seedᵢ`, so one multiply stands in for a full mixer; all
/// permutations are updated in one pass over the words.
fn minhash_bands(words: &[u64]) -> [u32; BANDS] {
    let mut mins = [u64::MAX; BANDS * ROWS];
    // Four permutations at a time over all words, so that their minima stay in
    // registers instead of going through memory on every word.
    for (chunk, seeds) in mins.chunks_exact_mut(4).zip(SEEDS.chunks_exact(4)) {
        let (s0, s1, s2, s3) = (seeds[0], seeds[1], seeds[2], seeds[3]);
        let (mut m0, mut m1, mut m2, mut m3) = (u64::MAX, u64::MAX, u64::MAX, u64::MAX);
        for &w in words {
            m0 = m0.min((w ^ s0).wrapping_mul(0x9e37_79b9_7f4a_7c15));
            m1 = m1.min((w ^ s1).wrapping_mul(0x9e37_79b9_7f4a_7c15));
            m2 = m2.min((w ^ s2).wrapping_mul(0x9e37_79b9_7f4a_7c15));
            m3 = m3.min((w ^ s3).wrapping_mul(0x9e37_79b9_7f4a_7c15));
        }
        chunk.copy_from_slice(&[m0, m1, m2, m3]);
    }
    let mut out = [0u32; BANDS];
    for (band, rows) in mins.chunks_exact(ROWS).enumerate() {
        let mut h = (band as u64 + 1).wrapping_mul(0x5bd1_e995_9e37_79b9);
        for &m in rows {
            h = (h.rotate_left(23) ^ m).wrapping_mul(0x94d0_49bb_1331_11eb);
        }
        out[band] = (mix(h) >> 32) as u32;
    }
    out
}

/// Winnowing: the minimum shingle hash of every window of `W` shingles (the rightmost
/// minimum on ties, so that a run of equal windows yields one fingerprint).
fn winnow(keys: &[u64]) -> Vec<u32> {
    if keys.len() < K {
        // Too short for a shingle: one fingerprint for the whole text still lets two
        // identical tiny texts meet.
        return if keys.is_empty() {
            Vec::new()
        } else {
            vec![shingle(keys) as u32]
        };
    }
    let shingles: Vec<u64> = keys.windows(K).map(shingle).collect();
    let window = W.min(shingles.len());
    let mut out = Vec::with_capacity(2 * shingles.len() / (W + 1) + 1);
    // The rightmost minimum of the current window, kept as the window slides: a new
    // shingle takes over when it is not larger; a rescan is needed only when the
    // minimum falls out of the window.
    let rescan = |from: usize| -> usize {
        let mut best = from;
        for i in from..from + window {
            if shingles[i] <= shingles[best] {
                best = i;
            }
        }
        best
    };
    let mut best = rescan(0);
    out.push(shingles[best] as u32);
    for start in 1..=shingles.len() - window {
        let new = start + window - 1;
        let next = if best < start {
            rescan(start)
        } else if shingles[new] <= shingles[best] {
            new
        } else {
            best
        };
        if next != best {
            out.push(shingles[next] as u32);
            best = next;
        }
    }
    out
}

/// Hash of `K` consecutive word keys: the keys are already well-mixed, so rotating
/// each by its position (order matters) and mixing once is enough.
fn shingle(keys: &[u64]) -> u64 {
    let folded = keys
        .iter()
        .enumerate()
        .fold(0x9e37_79b9_7f4a_7c15, |h, (i, &k)| {
            h ^ k.rotate_left(13 * i as u32)
        });
    mix(folded)
}

/// A pair of texts worth aligning, by index in the order they were given.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Candidate {
    pub a: usize,
    pub b: usize,
    /// Fingerprints shared (verbatim evidence).
    pub shared_fingerprints: u32,
    /// Sentence keys shared (paraphrase evidence).
    pub shared_sentence_keys: u32,
}

/// Candidate pairs among `signatures`, sorted by `(a, b)` with `a < b`.
///
/// Streaming and parallel: an inverted index keeps only keys shared by 2 to
/// [`MAX_POSTING`] texts (built a slice of the key space at a time, so the unsorted
/// postings never exist all at once), then every text looks up its own keys and counts,
/// per later text, how many keys of each channel they share. No list of all
/// co-occurring pairs is ever built: memory is the index plus the candidates.
pub fn candidates(signatures: &[Signature]) -> Vec<Candidate> {
    use rayon::prelude::*;
    let n = signatures.len().min(u32::MAX as usize);
    let verbatim = Index::build(&signatures[..n], |s| &s.fingerprints);
    let paraphrase = Index::build(&signatures[..n], |s| &s.sentence_keys);
    let chunks: Vec<std::ops::Range<usize>> = (0..n)
        .step_by(CHUNK)
        .map(|a| a..(a + CHUNK).min(n))
        .collect();
    chunks
        .into_par_iter()
        .flat_map_iter(|texts| {
            let mut counts = Counts::new(n);
            let mut out = Vec::new();
            for a in texts {
                let s = &signatures[a];
                counts.add(&verbatim, &s.fingerprints, a, 0);
                counts.add(&paraphrase, &s.sentence_keys, a, 1);
                counts.drain(a, &mut out);
            }
            out
        })
        .collect()
}

/// Texts per parallel task of candidate counting (each task has its own counters).
const CHUNK: usize = 2048;

/// Keys shared by at least two and at most [`MAX_POSTING`] texts, with their texts:
/// `keys[i]` is found in `docs[starts[i]..starts[i + 1]]`, ascending.
struct Index {
    keys: Vec<u32>,
    starts: Vec<u32>,
    docs: Vec<u32>,
    /// Keys are uniform, so their top `32 - shift` bits say where to look:
    /// `keys[directory[h]..directory[h + 1]]` are the keys with top bits `h`.
    directory: Vec<u32>,
    shift: u32,
}

/// Slices of the key space the index is built in: the transient postings of one slice
/// are 1/16 of all postings.
const INDEX_SLICES: u32 = 16;

impl Index {
    fn build(signatures: &[Signature], keys: impl Fn(&Signature) -> &Vec<u32> + Sync) -> Index {
        use rayon::prelude::*;
        let mut index = Index {
            keys: Vec::new(),
            starts: vec![0],
            docs: Vec::new(),
            directory: Vec::new(),
            shift: 32,
        };
        let width = (u64::from(u32::MAX) + 1) / u64::from(INDEX_SLICES);
        for slice in 0..u64::from(INDEX_SLICES) {
            let (lo, hi) = (slice * width, (slice + 1) * width);
            // Signature keys are sorted, so each text's keys in the slice are a range.
            let mut postings: Vec<u64> = signatures
                .par_iter()
                .enumerate()
                .flat_map_iter(|(doc, s)| {
                    let k = keys(s);
                    let from = k.partition_point(|&x| u64::from(x) < lo);
                    let to = k.partition_point(|&x| u64::from(x) < hi);
                    k[from..to]
                        .iter()
                        .map(move |&x| u64::from(x) << 32 | doc as u64)
                })
                .collect();
            postings.par_sort_unstable();
            let mut i = 0;
            while i < postings.len() {
                let key = postings[i] >> 32;
                let mut j = i + 1;
                while j < postings.len() && postings[j] >> 32 == key {
                    j += 1;
                }
                if j - i >= 2 && j - i <= MAX_POSTING {
                    index.keys.push(key as u32);
                    index.docs.extend(postings[i..j].iter().map(|&p| p as u32));
                    index.starts.push(index.docs.len() as u32);
                }
                i = j;
            }
        }
        index.keys.shrink_to_fit();
        index.starts.shrink_to_fit();
        index.docs.shrink_to_fit();
        // About one key per directory slot.
        let bits = (usize::BITS - index.keys.len().leading_zeros()).min(30);
        index.shift = 32 - bits;
        index.directory = (0..=(1u64 << bits))
            .map(|h| {
                index
                    .keys
                    .partition_point(|&k| u64::from(k) >> index.shift < h) as u32
            })
            .collect();
        index
    }

    /// The texts holding `key`, ascending; empty when the key is not indexed.
    fn docs(&self, key: u32) -> &[u32] {
        let h = (u64::from(key) >> self.shift) as usize;
        let (from, to) = (self.directory[h] as usize, self.directory[h + 1] as usize);
        match self.keys[from..to].iter().position(|&k| k == key) {
            Some(i) => {
                let i = from + i;
                &self.docs[self.starts[i] as usize..self.starts[i + 1] as usize]
            }
            None => &[],
        }
    }

    /// Heap bytes of the index.
    fn heap_bytes(&self) -> usize {
        (self.keys.capacity()
            + self.starts.capacity()
            + self.docs.capacity()
            + self.directory.capacity())
            * 4
    }
}

/// Paraphrase keys found in at most this many texts count in full towards
/// [`MIN_SHARED`]; a key in more texts counts `DF_FULL / texts`. A sentence band key
/// made of words common across the corpus collides by chance in many unrelated texts
/// (more, the larger the corpus), while the sentences of a rewrite share rare ones.
/// Verbatim keys always count in full: a wire story copied by a hundred outlets is
/// still a hundred copies.
/// On the generated 100k corpus this cut candidate pairs from 143 654 to 40 772 (of
/// 15 104 planted copies and rewrites, 15 of those proposed before were lost).
const DF_FULL: u64 = 16;

/// Fixed-point unit of paraphrase evidence.
const UNIT: u64 = 256;

/// Per-thread scratch: shared-key counts of the current text with every later text:
/// verbatim keys in bits 0–15, paraphrase keys in bits 16–31, and paraphrase evidence
/// (keys weighted by document frequency, in [`UNIT`]s) from bit 32.
struct Counts {
    shared: Vec<u64>,
    touched: Vec<u32>,
}

impl Counts {
    fn new(n: usize) -> Counts {
        Counts {
            shared: vec![0; n],
            touched: Vec::new(),
        }
    }

    fn add(&mut self, index: &Index, keys: &[u32], a: usize, channel: u32) {
        for &key in keys {
            let docs = index.docs(key);
            let step = if channel == 0 {
                1
            } else {
                let weight = (UNIT * DF_FULL / docs.len().max(1) as u64).min(UNIT);
                (1 << 16) | (weight << 32)
            };
            let half = 16 * channel;
            // Only later texts: each pair is counted once, from its first text.
            let later = docs.partition_point(|&d| d as usize <= a);
            for &b in &docs[later..] {
                let c = &mut self.shared[b as usize];
                if *c == 0 {
                    self.touched.push(b);
                }
                // Saturate each count at 0xffff rather than carry into the next.
                if (*c >> half) & 0xffff != 0xffff {
                    *c += step;
                }
            }
        }
    }

    /// The candidates of text `a`, by later text, resetting the counts.
    fn drain(&mut self, a: usize, out: &mut Vec<Candidate>) {
        self.touched.sort_unstable();
        for &b in &self.touched {
            let c = std::mem::take(&mut self.shared[b as usize]);
            let (fv, fp, evidence) = ((c & 0xffff) as u32, ((c >> 16) & 0xffff) as u32, c >> 32);
            if fv >= MIN_SHARED || evidence >= u64::from(MIN_SHARED) * UNIT {
                out.push(Candidate {
                    a,
                    b: b as usize,
                    shared_fingerprints: fv,
                    shared_sentence_keys: fp,
                });
            }
        }
        self.touched.clear();
    }
}

/// Heap bytes the candidate index of `signatures` takes (both channels), for memory
/// accounting: what [`candidates`] holds besides the signatures and its output.
pub fn index_bytes(signatures: &[Signature]) -> usize {
    Index::build(signatures, |s| &s.fingerprints).heap_bytes()
        + Index::build(signatures, |s| &s.sentence_keys).heap_bytes()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::{analyze, paragraph_spans};

    fn sig(text: &str) -> Signature {
        Signature::of(&analyze(text, &paragraph_spans(text)))
    }

    #[test]
    fn verbatim_passage_inside_longer_texts_is_found() {
        let shared = "Kapal motor penumpang Bahari Lestari milik PT Arunika Lintas Nusa terbakar di perairan Selat Lembayung saat berlayar dari Pelabuhan Teluk Randai menuju Pulau Tanaweri.";
        let a = format!("Harga cabai naik lagi di pasar induk minggu ini menurut pedagang. {shared} Cuaca cerah.");
        let b = format!("{shared} Timnas menang dua gol tanpa balas di stadion utama kota itu.");
        let c =
            "Harga emas turun delapan ribu rupiah per gram di pasar hari ini menurut data resmi.";
        let found = candidates(&[sig(&a), sig(&b), sig(c)]);
        assert_eq!(found.len(), 1);
        assert_eq!((found[0].a, found[0].b), (0, 1));
        assert!(found[0].shared_fingerprints >= MIN_SHARED);
    }

    #[test]
    fn empty_and_tiny_texts_are_harmless() {
        let sigs = [sig(""), sig("a"), sig("a"), sig("北京")];
        let found = candidates(&sigs);
        assert!(found.iter().all(|c| c.a < c.b));
    }
}
