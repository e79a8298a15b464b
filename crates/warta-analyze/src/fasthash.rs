//! A fast hasher for the lexicon lookups of the hot paths (a word per token, several
//! times per token). The standard SipHash resists hash flooding, which these tables,
//! built from warta's own data files at start-up, do not need; it costs several times
//! more per short word. The mixing is FxHash's (rustc): rotate, xor, multiply.

use std::collections::{HashMap, HashSet};
use std::hash::{BuildHasherDefault, Hasher};

#[derive(Default, Clone, Copy)]
pub struct FastHasher(u64);

const SEED: u64 = 0x51_7c_c1_b7_27_22_0a_95;

impl FastHasher {
    fn add(&mut self, word: u64) {
        self.0 = (self.0.rotate_left(5) ^ word).wrapping_mul(SEED);
    }
}

impl Hasher for FastHasher {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            self.add(u64::from_le_bytes(c.try_into().expect("8 bytes")));
        }
        let rest = chunks.remainder();
        if !rest.is_empty() {
            let mut last = [0u8; 8];
            last[..rest.len()].copy_from_slice(rest);
            self.add(u64::from_le_bytes(last));
        }
    }

    fn write_u8(&mut self, n: u8) {
        self.add(u64::from(n));
    }

    fn write_usize(&mut self, n: usize) {
        self.add(n as u64);
    }
}

pub type FastMap<K, V> = HashMap<K, V, BuildHasherDefault<FastHasher>>;
pub type FastSet<K> = HashSet<K, BuildHasherDefault<FastHasher>>;

/// The first bytes and lengths of a set's words: a word whose pair no word of the set
/// has is not in it, which is known without hashing. Asked for every token of a text
/// where few are in the set.
#[derive(Default)]
pub struct WordShapes {
    /// By first byte, a bit for each length (63 for any longer).
    lengths: Vec<u64>,
    empty: bool,
}

impl WordShapes {
    pub fn add(&mut self, word: &str) {
        let Some(&first) = word.as_bytes().first() else {
            self.empty = true;
            return;
        };
        if self.lengths.is_empty() {
            self.lengths = vec![0; 256];
        }
        self.lengths[first as usize] |= 1 << word.len().min(63);
    }

    /// False when `word` is surely not in the set.
    pub fn may_hold(&self, word: &str) -> bool {
        match word.as_bytes().first() {
            None => self.empty,
            Some(&first) => self.lengths.get(first as usize).is_some_and(|bits| bits >> word.len().min(63) & 1 == 1),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn maps_find_what_they_hold_and_nothing_else() {
        let words = ["di", "dari", "kepada", "", "sebelumnya", "Rabu", "rabu", "ke"];
        let map: FastMap<String, usize> = words.iter().enumerate().map(|(i, w)| (w.to_string(), i)).collect();
        for (i, w) in words.iter().enumerate() {
            assert_eq!(map.get(*w), Some(&i));
        }
        assert_eq!(map.get("sebelumny"), None);
        assert_eq!(map.get("dik"), None);
        // Strings that differ only past the first 8 bytes, or by a trailing zero byte.
        let set: FastSet<&str> = ["abcdefgh1", "abcdefgh2", "a", "a\0"].into_iter().collect();
        assert_eq!(set.len(), 4);
    }

    #[test]
    fn word_shapes_turn_away_only_what_is_not_there() {
        let words = ["dua", "puluh", "sebelas", "a", "seratus-ribu-juta-miliar-triliun-kuadriliun-kuintiliun-sekstiliun"];
        let mut shapes = WordShapes::default();
        assert!(!shapes.may_hold("dua") && !shapes.may_hold(""));
        for w in words {
            shapes.add(w);
        }
        for w in words {
            assert!(shapes.may_hold(w), "{w}");
        }
        assert!(!shapes.may_hold("tiga") && !shapes.may_hold("du") && !shapes.may_hold("") && !shapes.may_hold("b"));
        // Past 63 bytes lengths share a bit: longer words are only maybe there.
        assert!(shapes.may_hold(&format!("s{}", "x".repeat(70))));
    }
}
