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
}
