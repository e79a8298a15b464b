//! The weight table that tags running text: feature key → one `i16` weight per tag.
//!
//! Tagging looks up some fifteen keys per token in a table of several megabytes, so
//! nearly every lookup waits for memory; a general hash map also branches on what it
//! finds, which keeps the processor from starting the next lookup early. Here a key's
//! place is a multiply and a shift, so [`WeightTable::find_all`] can ask the memory for
//! the slots of the keys a few places ahead (prefetch) while it reads the current one,
//! and the waits overlap instead of adding up.

use super::tags::COUNT;

/// A row index meaning "no such key".
pub const MISSING: u32 = u32::MAX;

/// How many keys ahead [`WeightTable::find_all`] prefetches: enough to cover a memory
/// wait with the work of the keys in between, few enough that the requests do not
/// outnumber what the processor keeps in flight.
const AHEAD: usize = 16;

/// Open addressing with linear probing over `(key, row)` slots, at most half full.
pub struct WeightTable {
    /// `(key, row index)`; a free slot has row [`MISSING`].
    slots: Vec<(u32, u32)>,
    rows: Vec<[i16; COUNT]>,
    shift: u32,
}

impl WeightTable {
    pub fn new(entries: Vec<(u32, [i16; COUNT])>) -> WeightTable {
        let capacity = (entries.len() * 2).max(2).next_power_of_two();
        let mut table = WeightTable {
            slots: vec![(0, MISSING); capacity],
            rows: Vec::with_capacity(entries.len()),
            shift: 64 - capacity.trailing_zeros(),
        };
        for (key, row) in entries {
            let mut at = table.home(key);
            loop {
                let slot = &mut table.slots[at];
                if slot.1 == MISSING {
                    *slot = (key, table.rows.len() as u32);
                    table.rows.push(row);
                    break;
                }
                if slot.0 == key {
                    table.rows[slot.1 as usize] = row;
                    break;
                }
                at = (at + 1) & (capacity - 1);
            }
        }
        table
    }

    /// Fibonacci hashing: keys are hashes already, the multiply spreads their low bits.
    fn home(&self, key: u32) -> usize {
        (u64::from(key).wrapping_mul(0x9e37_79b9_7f4a_7c15) >> self.shift) as usize
    }

    fn row_index(&self, key: u32) -> u32 {
        let mask = self.slots.len() - 1;
        let mut at = self.home(key);
        loop {
            let (k, row) = self.slots[at];
            if row == MISSING || k == key {
                return row;
            }
            at = (at + 1) & mask;
        }
    }

    pub fn get(&self, key: u32) -> Option<&[i16; COUNT]> {
        self.row(self.row_index(key))
    }

    /// The row of an index from [`WeightTable::find_all`].
    pub fn row(&self, index: u32) -> Option<&[i16; COUNT]> {
        self.rows.get(index as usize)
    }

    /// The row index of each key (or [`MISSING`]) into `out`, with the slots of keys
    /// ahead prefetched; then the rows found are prefetched, for the caller's sums.
    pub fn find_all(&self, keys: &[u32], out: &mut Vec<u32>) {
        out.clear();
        out.reserve(keys.len());
        for &key in keys.iter().take(AHEAD) {
            prefetch(&self.slots[self.home(key)]);
        }
        for (i, &key) in keys.iter().enumerate() {
            if let Some(&ahead) = keys.get(i + AHEAD) {
                prefetch(&self.slots[self.home(ahead)]);
            }
            let row = self.row_index(key);
            if let Some(r) = self.rows.get(row as usize) {
                prefetch(r);
            }
            out.push(row);
        }
    }
}

/// Asks the memory for the cache line of `value` without waiting for it.
#[inline(always)]
fn prefetch<T>(value: &T) {
    #[cfg(target_arch = "x86_64")]
    // SAFETY: a prefetch only hints the cache; it reads nothing the program sees and
    // cannot fault, and the pointer comes from a live reference anyway.
    unsafe {
        use std::arch::x86_64::{_mm_prefetch, _MM_HINT_T0};
        _mm_prefetch::<_MM_HINT_T0>((value as *const T).cast());
    }
    #[cfg(not(target_arch = "x86_64"))]
    let _ = value;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_every_key_and_nothing_else() {
        let entries: Vec<(u32, [i16; COUNT])> = (0..5000u32).map(|i| (i.wrapping_mul(2_654_435_761), [i as i16; COUNT])).collect();
        let table = WeightTable::new(entries.clone());
        for (k, row) in &entries {
            assert_eq!(table.get(*k), Some(row));
        }
        // Keys next to the stored ones, and key 0 (stored: i = 0) next to u32::MAX (not).
        assert_eq!(table.get(0), Some(&[0; COUNT]));
        assert_eq!(table.get(u32::MAX), None);
        assert_eq!(table.get(1), None);
        let keys: Vec<u32> = entries.iter().map(|(k, _)| k ^ 1).chain(entries.iter().map(|(k, _)| *k)).collect();
        let mut found = Vec::new();
        table.find_all(&keys, &mut found);
        assert_eq!(found.len(), 10_000);
        assert!(found[..5000].iter().all(|&r| table.row(r).is_none()));
        for (r, (_, row)) in found[5000..].iter().zip(&entries) {
            assert_eq!(table.row(*r), Some(row));
        }
    }

    #[test]
    fn a_key_given_twice_keeps_its_last_row() {
        let table = WeightTable::new(vec![(7, [1; COUNT]), (7, [2; COUNT])]);
        assert_eq!(table.get(7), Some(&[2; COUNT]));
        assert_eq!(table.rows.len(), 1);
        assert_eq!(WeightTable::new(Vec::new()).get(7), None);
    }
}
