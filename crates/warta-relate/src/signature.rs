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
//!   rewritten sentences still share a third to a half of their content words; a few
//!   2-row bands catch such pairs with high probability, where word n-grams find nothing.
//!
//! The cost is linear in the corpus plus the pairs emitted per key; keys shared by more
//! than [`MAX_POSTING`] texts (site boilerplate, stock phrases) are skipped.

use crate::text::{mix, Analysis, Kind};

/// Words per shingle for the verbatim channel: five words rarely repeat by chance.
const K: usize = 5;
/// Winnowing window: one fingerprint per window of this many shingles, so any shared
/// run of `K + W - 1` = 12 words is caught.
const W: usize = 8;
/// MinHash bands per sentence, and rows per band. With two rows, a sentence pair whose
/// content words overlap by Jaccard 0.4 collides in one band of six with probability
/// 1 - (1 - 0.4²)⁶ ≈ 0.65; over the ten or so sentences of a rewritten article the pair
/// is found almost surely, while unrelated sentences (Jaccard < 0.1) rarely collide.
const BANDS: usize = 8;
const ROWS: usize = 3;
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
        let mut fingerprints = winnow(&analysis.tokens.iter().map(|t| t.key).collect::<Vec<_>>());
        fingerprints.sort_unstable();
        fingerprints.dedup();

        let mut sentence_keys = Vec::new();
        let mut words: Vec<u64> = Vec::new();
        for sentence in &analysis.sentences {
            words.clear();
            words.extend(
                analysis.tokens[sentence.tokens.clone()]
                    .iter()
                    .filter(|t| t.kind != Kind::Stop)
                    .map(|t| t.key),
            );
            words.sort_unstable();
            words.dedup();
            if words.len() < MIN_SENTENCE_CONTENT {
                continue;
            }
            for band in 0..BANDS {
                let mut band_hash = mix(band as u64 ^ 0x5bd1_e995);
                for row in 0..ROWS {
                    let seed = mix((band * ROWS + row) as u64 + 1);
                    let min = words.iter().map(|&w| mix(w ^ seed)).min().unwrap_or(0);
                    band_hash = mix(band_hash ^ min);
                }
                sentence_keys.push(band_hash as u32);
            }
        }
        sentence_keys.sort_unstable();
        sentence_keys.dedup();
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
    let mut out = Vec::new();
    let mut last: Option<usize> = None;
    let window = W.min(shingles.len());
    for start in 0..=shingles.len() - window {
        let mut best = start;
        for i in start..start + window {
            if shingles[i] <= shingles[best] {
                best = i;
            }
        }
        if last != Some(best) {
            out.push(shingles[best] as u32);
            last = Some(best);
        }
    }
    out
}

fn shingle(keys: &[u64]) -> u64 {
    keys.iter()
        .fold(0x9e37_79b9_7f4a_7c15, |h, &k| mix(h.rotate_left(5) ^ k))
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
pub fn candidates(signatures: &[Signature]) -> Vec<Candidate> {
    let verbatim = shared_counts(signatures, |s| &s.fingerprints);
    let paraphrase = shared_counts(signatures, |s| &s.sentence_keys);
    let mut out: Vec<Candidate> = Vec::new();
    let (mut i, mut j) = (0, 0);
    while i < verbatim.len() || j < paraphrase.len() {
        let take_v =
            j >= paraphrase.len() || (i < verbatim.len() && verbatim[i].0 <= paraphrase[j].0);
        let take_p =
            i >= verbatim.len() || (j < paraphrase.len() && paraphrase[j].0 <= verbatim[i].0);
        let pair = if take_v {
            verbatim[i].0
        } else {
            paraphrase[j].0
        };
        let fv = if take_v { verbatim[i].1 } else { 0 };
        let fp = if take_p { paraphrase[j].1 } else { 0 };
        if take_v {
            i += 1;
        }
        if take_p {
            j += 1;
        }
        if fv >= MIN_SHARED || fp >= MIN_SHARED {
            out.push(Candidate {
                a: (pair >> 32) as usize,
                b: (pair & 0xffff_ffff) as usize,
                shared_fingerprints: fv,
                shared_sentence_keys: fp,
            });
        }
    }
    out
}

/// For every pair of texts sharing at least one key of the channel chosen by `keys`:
/// the pair packed as `a << 32 | b` (a < b) and how many keys it shares. Sorted.
///
/// The index is a flat sorted vector of (key, text) postings rather than a hash map:
/// eight bytes per posting and no per-key allocation.
fn shared_counts(
    signatures: &[Signature],
    keys: impl Fn(&Signature) -> &Vec<u32>,
) -> Vec<(u64, u32)> {
    let mut postings: Vec<(u32, u32)> =
        Vec::with_capacity(signatures.iter().map(|s| keys(s).len()).sum());
    for (doc, signature) in signatures.iter().enumerate() {
        let Ok(doc) = u32::try_from(doc) else { break };
        postings.extend(keys(signature).iter().map(|&k| (k, doc)));
    }
    postings.sort_unstable();
    let mut pairs: Vec<u64> = Vec::new();
    let mut start = 0;
    while start < postings.len() {
        let key = postings[start].0;
        let mut end = start + 1;
        while end < postings.len() && postings[end].0 == key {
            end += 1;
        }
        let run = &postings[start..end];
        if run.len() >= 2 && run.len() <= MAX_POSTING {
            for (x, &(_, a)) in run.iter().enumerate() {
                for &(_, b) in &run[x + 1..] {
                    if a != b {
                        pairs.push(u64::from(a) << 32 | u64::from(b));
                    }
                }
            }
        }
        start = end;
    }
    drop(postings);
    pairs.sort_unstable();
    let mut counted = Vec::new();
    let mut i = 0;
    while i < pairs.len() {
        let mut j = i + 1;
        while j < pairs.len() && pairs[j] == pairs[i] {
            j += 1;
        }
        counted.push((pairs[i], u32::try_from(j - i).unwrap_or(u32::MAX)));
        i = j;
    }
    counted
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
