//! Counts from comparing what a stage found with gold annotations, shared by every
//! benchmark so precision, recall and F1 mean the same thing everywhere.

use std::ops::AddAssign;

use serde::ser::SerializeStruct;
use serde::{Serialize, Serializer};

/// Predicted and gold items and how many of each found a match. The two matched counts
/// differ only under many-to-one matching (one long prediction overlapping two gold spans).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct MatchCounts {
    pub predicted: usize,
    pub gold: usize,
    pub matched_predicted: usize,
    pub matched_gold: usize,
}

impl MatchCounts {
    /// Counts under one-to-one matching, where `matched` items pair up on both sides.
    pub fn one_to_one(matched: usize, predicted: usize, gold: usize) -> Self {
        MatchCounts { predicted, gold, matched_predicted: matched, matched_gold: matched }
    }

    pub fn precision(&self) -> f64 {
        ratio(self.matched_predicted, self.predicted)
    }

    pub fn recall(&self) -> f64 {
        ratio(self.matched_gold, self.gold)
    }

    pub fn f1(&self) -> f64 {
        let (p, r) = (self.precision(), self.recall());
        if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        }
    }
}

impl AddAssign for MatchCounts {
    fn add_assign(&mut self, other: MatchCounts) {
        self.predicted += other.predicted;
        self.gold += other.gold;
        self.matched_predicted += other.matched_predicted;
        self.matched_gold += other.matched_gold;
    }
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 {
        0.0
    } else {
        a as f64 / b as f64
    }
}

/// The counts together with the figures they give, so JSON readers need not recompute.
impl Serialize for MatchCounts {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut s = serializer.serialize_struct("MatchCounts", 7)?;
        s.serialize_field("precision", &self.precision())?;
        s.serialize_field("recall", &self.recall())?;
        s.serialize_field("f1", &self.f1())?;
        s.serialize_field("predicted", &self.predicted)?;
        s.serialize_field("gold", &self.gold)?;
        s.serialize_field("matched_predicted", &self.matched_predicted)?;
        s.serialize_field("matched_gold", &self.matched_gold)?;
        s.end()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn figures_follow_the_counts() {
        let mut c = MatchCounts::one_to_one(3, 4, 6);
        assert_eq!(c.precision(), 0.75);
        assert_eq!(c.recall(), 0.5);
        assert!((c.f1() - 0.6).abs() < 1e-12);
        c += MatchCounts::one_to_one(1, 0, 2);
        assert_eq!((c.predicted, c.gold, c.matched_gold), (4, 8, 4));
        assert_eq!(MatchCounts::default().f1(), 0.0);
    }
}
