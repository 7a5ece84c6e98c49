//! Cohen's κ (two annotators) and Fleiss' κ (any number) on characters: each character of each
//! shared document is a subject, in or out of the label's spans.
//!
//! Both are built from integer counts that add up over documents, so the whole set's κ is the κ of
//! the summed table (not a mean of per-document values).

use super::coverage::{cover_histogram, covered, shared, Range};

/// Two annotators' 2×2 table for one label, in characters.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct CohenCounts {
    /// Characters both put in the label.
    pub both: u64,
    /// Characters only A put in it.
    pub only_a: u64,
    /// Characters only B put in it.
    pub only_b: u64,
    /// Characters neither put in it.
    pub neither: u64,
}

impl CohenCounts {
    /// The table for a text of `len` characters and the two annotators' sorted, disjoint ranges.
    pub fn from_ranges(len: usize, a: &[Range], b: &[Range]) -> Self {
        let both = shared(a, b);
        let (ca, cb) = (covered(a), covered(b));
        CohenCounts {
            both: both as u64,
            only_a: (ca - both) as u64,
            only_b: (cb - both) as u64,
            neither: (len - (ca + cb - both)) as u64,
        }
    }

    /// Adds another table.
    pub fn add(&mut self, o: CohenCounts) {
        self.both += o.both;
        self.only_a += o.only_a;
        self.only_b += o.only_b;
        self.neither += o.neither;
    }

    /// κ = (p_o − p_e) / (1 − p_e). `None` when p_e = 1: both annotators put every character on
    /// the same side (all out, or all in), or there are no characters.
    pub fn kappa(&self) -> Option<f64> {
        let n = self.both + self.only_a + self.only_b + self.neither;
        let a_in = self.both + self.only_a;
        let b_in = self.both + self.only_b;
        if n == 0 || (a_in == 0 && b_in == 0) || (a_in == n && b_in == n) {
            return None;
        }
        let n = n as f64;
        let po = (self.both + self.neither) as f64 / n;
        let (pa, pb) = (a_in as f64 / n, b_in as f64 / n);
        let pe = pa * pb + (1.0 - pa) * (1.0 - pb);
        Some((po - pe) / (1.0 - pe))
    }
}

/// What Fleiss' κ needs for `m` annotators over characters, for one label.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct FleissCounts {
    /// Annotators per subject.
    pub raters: u64,
    /// Subjects (characters).
    pub chars: u64,
    /// Σ over characters of how many annotators put it in the label.
    pub in_total: u64,
    /// Σ over characters of the agreeing ordered rater pairs: k(k−1) + (m−k)(m−k−1).
    pub agreeing_pairs: u64,
}

impl FleissCounts {
    /// The counts for a text of `len` characters and each annotator's sorted, disjoint ranges.
    pub fn from_ranges(len: usize, per_annotator: &[Vec<Range>]) -> Self {
        let m = per_annotator.len() as u64;
        let hist = cover_histogram(len, per_annotator);
        let mut c = FleissCounts {
            raters: m,
            ..Default::default()
        };
        for (k, &n) in hist.iter().enumerate() {
            let (k, n) = (k as u64, n as u64);
            c.chars += n;
            c.in_total += k * n;
            c.agreeing_pairs += (k * k.saturating_sub(1) + (m - k) * (m - k).saturating_sub(1)) * n;
        }
        c
    }

    /// Adds counts over more characters (same number of annotators).
    pub fn add(&mut self, o: FleissCounts) {
        self.raters = self.raters.max(o.raters);
        self.chars += o.chars;
        self.in_total += o.in_total;
        self.agreeing_pairs += o.agreeing_pairs;
    }

    /// κ = (P̄ − P_e) / (1 − P_e) (Fleiss 1971). `None` when P_e = 1 (every annotator puts every
    /// character on the same side), with fewer than two annotators, or without characters. For two
    /// annotators it equals Scott's π.
    pub fn kappa(&self) -> Option<f64> {
        let m = self.raters;
        if m < 2 || self.chars == 0 || self.in_total == 0 || self.in_total == m * self.chars {
            return None;
        }
        let n = self.chars as f64;
        let p_bar = self.agreeing_pairs as f64 / (n * (m * (m - 1)) as f64);
        let p_in = self.in_total as f64 / (n * m as f64);
        let pe = p_in * p_in + (1.0 - p_in) * (1.0 - p_in);
        Some((p_bar - pe) / (1.0 - pe))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn close(a: f64, b: f64) {
        assert!((a - b).abs() < 5e-4, "{a} vs {b}");
    }

    /// Krippendorff (1995: 57), example A, digitised per character as DKPro Agreement's
    /// `Krippendorff1995Test.testDigitizedAgreement` does: Cohen's κ = 0.385 and Scott's π
    /// (= Fleiss' κ for two raters) = 0.314 are that test's expected values.
    #[test]
    fn krippendorff_1995_example_a_digitised() {
        let bertha = [(2, 10), (14, 20)];
        let bill = [(4, 8), (15, 17)];
        close(
            CohenCounts::from_ranges(24, &bertha, &bill)
                .kappa()
                .unwrap(),
            0.385,
        );
        close(
            FleissCounts::from_ranges(24, &[bertha.to_vec(), bill.to_vec()])
                .kappa()
                .unwrap(),
            0.314,
        );
    }

    /// Example C of the same source and test: Cohen's κ = Scott's π = 0.314.
    #[test]
    fn krippendorff_1995_example_c_digitised() {
        let gerret = [(2, 8), (10, 12), (14, 18), (20, 22)];
        let gill = [(0, 2), (4, 8), (10, 14), (16, 18), (20, 22)];
        close(
            CohenCounts::from_ranges(24, &gerret, &gill)
                .kappa()
                .unwrap(),
            0.314,
        );
        close(
            FleissCounts::from_ranges(24, &[gerret.to_vec(), gill.to_vec()])
                .kappa()
                .unwrap(),
            0.314,
        );
    }

    /// Example D: every character in for both raters; DKPro raises InsufficientDataException,
    /// here the value is undefined.
    #[test]
    fn zero_variance_is_undefined() {
        let all = [(0, 24)];
        assert_eq!(CohenCounts::from_ranges(24, &all, &all).kappa(), None);
        assert_eq!(CohenCounts::from_ranges(24, &[], &[]).kappa(), None);
        assert_eq!(
            FleissCounts::from_ranges(24, &[vec![], vec![], vec![]]).kappa(),
            None
        );
        // Complete disagreement is defined: κ = 0 when one is all in and the other all out.
        assert_eq!(CohenCounts::from_ranges(24, &all, &[]).kappa(), Some(0.0));
    }

    /// Fleiss (1971)'s formula by hand for 3 raters on 4 characters: k = 3, 2, 0, 0 raters in.
    /// P_i = 1, 1/3, 1, 1 → P̄ = 5/6; p_in = 5/12 → P_e = 25/144 + 49/144 = 74/144;
    /// κ = (120/144 − 74/144) / (70/144) = 46/70.
    #[test]
    fn fleiss_three_raters_by_hand() {
        let c = FleissCounts::from_ranges(4, &[vec![(0, 2)], vec![(0, 2)], vec![(0, 1)]]);
        close(c.kappa().unwrap(), 46.0 / 70.0);
    }
}
