//! Names mined from the training labels: every entity string of the training splits
//! with the kinds it was labelled as. A name seen labelled once ("Kementerian Luar
//! Negeri", "Sulawesi Tengah") is then recognised whole wherever it stands.
//!
//! Kept as 64-bit hashes of the lower-cased words (no text of the data sets is
//! shipped). In training, each sentence sees only the names mined from the *other*
//! folds of the training data ("jackknifing"): with its own names in the list, the
//! feature would be right every time in training and the model would trust it more than
//! it deserves on text it has not seen.

use super::data::Sentence;
use super::tags;
use crate::fasthash::FastMap;

/// Longest name looked up, in words.
const MAX_WORDS: usize = 6;

/// Folds of the training data for jackknifing.
pub const FOLDS: usize = 5;

/// Hashes of lower-cased names → bit mask of the kinds (`tags::KINDS` order), with
/// [`CONTINUES`] set on every proper beginning of a longer name ("sulawesi" of "sulawesi
/// tengah", also when it is no name itself).
#[derive(Clone, Default, Debug, PartialEq)]
pub struct Names {
    pub kinds: FastMap<u64, u8>,
}

/// A longer name begins with these words: matching reads on past them. Without it every
/// word would be looked up with the five after it, though few begin any name.
const CONTINUES: u8 = 0x80;

/// The hash of a name continued by one more (lower-cased) word.
fn extend(hash: u64, word: &str) -> u64 {
    let mut h = hash ^ 0x20;
    for b in word.bytes() {
        h = (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
    }
    h.wrapping_mul(0x0100_0000_01b3)
}

const EMPTY: u64 = 0xcbf2_9ce4_8422_2325;

impl Names {
    /// Names of the labelled sentences whose index `i` satisfies `keep(i)`.
    pub fn mine<'a>(sentences: impl Iterator<Item = &'a Sentence>, keep: impl Fn(usize) -> bool) -> Names {
        let mut names = Names::default();
        for (i, s) in sentences.enumerate() {
            if !keep(i) {
                continue;
            }
            for (start, end, kind) in tags::spans(&s.tags) {
                if end - start > MAX_WORDS {
                    continue;
                }
                let mut hash = EMPTY;
                for (i, w) in s.tokens[start..end].iter().enumerate() {
                    hash = extend(hash, &w.to_lowercase());
                    if start + i + 1 < end {
                        *names.kinds.entry(hash).or_insert(0) |= CONTINUES;
                    }
                }
                let bit = 1u8 << tags::KINDS.iter().position(|k| *k == kind).expect("a known kind");
                *names.kinds.entry(hash).or_insert(0) |= bit;
            }
        }
        names
    }

    /// For each word: the kinds of the longest known name covering it, and whether the
    /// word begins it. Names are matched left to right, longest first.
    pub fn matches<S: AsRef<str>>(&self, lower: &[S]) -> Vec<Option<(u8, bool)>> {
        let mut out = vec![None; lower.len()];
        if self.kinds.is_empty() {
            return out;
        }
        let mut i = 0;
        while i < lower.len() {
            let mut hash = EMPTY;
            let mut best: Option<(usize, u8)> = None;
            for (len, w) in lower[i..].iter().take(MAX_WORDS).enumerate() {
                hash = extend(hash, w.as_ref());
                let Some(&kinds) = self.kinds.get(&hash) else { break };
                if kinds & !CONTINUES != 0 {
                    best = Some((len + 1, kinds & !CONTINUES));
                }
                if kinds & CONTINUES == 0 {
                    break;
                }
            }
            match best {
                Some((len, kinds)) => {
                    for (j, slot) in out[i..i + len].iter_mut().enumerate() {
                        *slot = Some((kinds, j == 0));
                    }
                    i += len;
                }
                None => i += 1,
            }
        }
        out
    }

    /// Entries in ascending hash order (for the model file).
    pub fn sorted(&self) -> Vec<(u64, u8)> {
        let mut all: Vec<(u64, u8)> = self.kinds.iter().map(|(&h, &k)| (h, k)).collect();
        all.sort_unstable();
        all
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use warta_model::EntityKind;

    fn sentence(words: &[&str], tags: &[tags::Tag]) -> Sentence {
        Sentence { tokens: words.iter().map(|w| w.to_string()).collect(), tags: tags.to_vec(), open: Vec::new() }
    }

    #[test]
    fn longest_known_name_wins_and_folds_stay_apart() {
        let (bp, ip) = (tags::begin(EntityKind::Place), tags::inside(EntityKind::Place));
        let bo = tags::begin(EntityKind::Organization);
        let data = [
            sentence(&["di", "Sulawesi", "Tengah"], &[tags::O, bp, ip]),
            sentence(&["Sulawesi", "luas"], &[bp, tags::O]),
            sentence(&["PT", "Pertamina"], &[bo, tags::inside(EntityKind::Organization)]),
        ];
        let all = Names::mine(data.iter(), |_| true);
        let lower: Vec<String> = ["ke", "sulawesi", "tengah", "dan", "sulawesi", "."].iter().map(|w| w.to_string()).collect();
        let place = 1 << 2;
        assert_eq!(all.matches(&lower), vec![None, Some((place, true)), Some((place, false)), None, Some((place, true)), None]);
        // Without the first sentence's fold, only the one-word name is known.
        let others = Names::mine(data.iter(), |i| i != 0);
        assert_eq!(others.matches(&lower)[2], None);
        assert_eq!(others.matches(&lower)[1], Some((place, true)));
        // Three names and "pt", which only begins one.
        assert_eq!(all.sorted().len(), 4);
        assert_eq!(all.matches(&["pt", "telkom"]), vec![None, None]);
    }
}
