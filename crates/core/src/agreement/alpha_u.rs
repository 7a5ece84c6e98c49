//! Krippendorff's unitizing α_U (Krippendorff 1995, "On the reliability of unitizing contiguous
//! data", Sociological Methodology 25; the same formulas in Content Analysis, 2nd ed., 2004, §12),
//! for one label on characters.
//!
//! Each annotator cuts the continuum (the characters) into segments: units of the label (w = 1)
//! and the gaps between them (w = 0). For annotators i ≠ j and segments g of i, h of j:
//!
//! ```text
//! δ²(ig, jh) = (b_ig − b_jh)² + (e_ig − e_jh)²   both units and they overlap
//!            = l_ig²                             unit ig lies inside gap jh
//!            = l_jh²                             unit jh lies inside gap ig
//!            = 0                                 otherwise
//! D_o = Σ_i Σ_{j≠i} Σ_g Σ_h δ²(ig, jh) / (m (m − 1) L²)
//! D_e = (2 / L) · Σ_ig w_ig [ (N − 1)/3 · (2l³ − 3l² + l) + l² Σ_jh (1 − w_jh)(l_jh − l + 1)[l_jh ≥ l] ]
//!                / [ m L (m L − 1) − Σ_ig w_ig l_ig (l_ig − 1) ]          (l = l_ig)
//! α_U = 1 − D_o / D_e
//! ```
//!
//! with m annotators, L the continuum's length, N the number of units of all annotators. This is
//! the form DKPro Agreement implements (`KrippendorffAlphaUnitizingAgreement`), whose tests
//! reproduce the published examples; the tests below check the same examples.
//!
//! Several documents form one continuum of their summed length. A gap never reaches across a
//! document boundary (each document's segmentation starts and ends at its own edges), and only
//! segments of the same document are compared for D_o. The expected disagreement pairs units
//! and gaps across the whole set. Undefined (`None`): D_e = 0, i.e. nobody marked the label.

use super::coverage::Range;

/// One label's α_U and its two disagreements.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct AlphaU {
    /// Observed disagreement D_o.
    pub observed: f64,
    /// Expected disagreement D_e.
    pub expected: f64,
    /// 1 − D_o / D_e; `None` when D_e = 0.
    pub alpha: Option<f64>,
}

/// The sums α_U needs, added up one document (section of the continuum) at a time.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AlphaUSums {
    raters: u64,
    length: u64,
    /// Σ over ordered annotator pairs of δ².
    observed: u128,
    unit_lengths: Vec<u64>,
    gap_lengths: Vec<u64>,
}

impl AlphaUSums {
    /// Empty sums for `raters` annotators.
    pub fn new(raters: usize) -> Self {
        AlphaUSums {
            raters: raters as u64,
            length: 0,
            observed: 0,
            unit_lengths: vec![],
            gap_lengths: vec![],
        }
    }

    /// Adds a section of `len` characters where annotator k marked `units[k]` (sorted by start,
    /// not overlapping, inside `0..len`). `units.len()` must be the number of annotators.
    pub fn add_section(&mut self, len: usize, units: &[Vec<Range>]) {
        debug_assert_eq!(units.len() as u64, self.raters);
        self.length += len as u64;
        for ranges in units {
            let mut at = 0;
            for &(s, e) in ranges {
                if s > at {
                    self.gap_lengths.push((s - at) as u64);
                }
                self.unit_lengths.push((e - s) as u64);
                at = e;
            }
            if len > at {
                self.gap_lengths.push((len - at) as u64);
            }
        }
        for i in 0..units.len() {
            for j in i + 1..units.len() {
                // Both orders (i, j) and (j, i) give the same sum.
                self.observed += 2 * pair_observed(&units[i], &units[j]);
            }
        }
    }

    /// D_o, D_e and α_U over every section added.
    pub fn result(&self) -> AlphaU {
        let (m, l) = (self.raters as f64, self.length as f64);
        let observed = if self.raters < 2 || self.length == 0 {
            0.0
        } else {
            self.observed as f64 / (m * (m - 1.0) * l * l)
        };
        let expected = self.expected();
        let alpha = (expected > 0.0).then(|| 1.0 - observed / expected);
        AlphaU {
            observed,
            expected,
            alpha,
        }
    }

    fn expected(&self) -> f64 {
        let n_units = self.unit_lengths.len() as u128;
        if n_units == 0 || self.length == 0 {
            return 0.0;
        }
        // Units against units: (N − 1)/3 · Σ l(l − 1)(2l − 1); that product is 6 · Σ_{k<l} k², so
        // the division by 3 is exact.
        let cubic: u128 = self
            .unit_lengths
            .iter()
            .map(|&l| {
                let l = l as u128;
                l * l.saturating_sub(1) * (2 * l).saturating_sub(1)
            })
            .sum();
        let within = (n_units - 1) * cubic / 3;
        // Units against the gaps at least as long: l² · Σ (l_gap − l + 1), from suffix sums over
        // the gaps sorted by length.
        let mut gaps = self.gap_lengths.clone();
        gaps.sort_unstable();
        let mut suffix: Vec<u128> = vec![0; gaps.len() + 1];
        for k in (0..gaps.len()).rev() {
            suffix[k] = suffix[k + 1] + gaps[k] as u128;
        }
        let across: u128 = self
            .unit_lengths
            .iter()
            .map(|&l| {
                let from = gaps.partition_point(|&g| g < l);
                let count = (gaps.len() - from) as u128;
                let l = l as u128;
                // Σ (g − l + 1) = Σ g − (l − 1) · count, with every g ≥ l.
                l * l * (suffix[from] - (l - 1) * count)
            })
            .sum();
        let ml = self.raters as u128 * self.length as u128;
        let pairs: u128 = self
            .unit_lengths
            .iter()
            .map(|&l| l as u128 * (l as u128).saturating_sub(1))
            .sum();
        let denominator = (ml * ml.saturating_sub(1)).saturating_sub(pairs);
        if denominator == 0 {
            return 0.0;
        }
        2.0 / self.length as f64 * ((within + across) as f64 / denominator as f64)
    }
}

/// Σ δ² for one order of two annotators: overlapping units by their boundary distances, and each
/// unit that overlaps none of the other's (so lies inside one of their gaps) by its length².
fn pair_observed(a: &[Range], b: &[Range]) -> u128 {
    let sq = |x: usize, y: usize| {
        let d = x.abs_diff(y) as u128;
        d * d
    };
    let mut a_alone = vec![true; a.len()];
    let mut b_alone = vec![true; b.len()];
    let (mut i, mut j, mut sum) = (0, 0, 0u128);
    while i < a.len() && j < b.len() {
        if a[i].0 < b[j].1 && b[j].0 < a[i].1 {
            sum += sq(a[i].0, b[j].0) + sq(a[i].1, b[j].1);
            a_alone[i] = false;
            b_alone[j] = false;
        }
        if a[i].1 <= b[j].1 {
            i += 1;
        } else {
            j += 1;
        }
    }
    let alone = |ranges: &[Range], flags: &[bool]| -> u128 {
        ranges
            .iter()
            .zip(flags)
            .filter(|(_, &f)| f)
            .map(|(r, _)| sq(r.1, r.0))
            .sum()
    };
    sum + alone(a, &a_alone) + alone(b, &b_alone)
}

/// α_U for one continuum of `len` characters where annotator k marked `units[k]`.
pub fn alpha_u(len: usize, units: &[Vec<Range>]) -> AlphaU {
    let mut sums = AlphaUSums::new(units.len());
    sums.add_section(len, units);
    sums.result()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn close(got: f64, want: f64, tolerance: f64) {
        assert!(
            (got - want).abs() <= tolerance,
            "{got} vs {want} ± {tolerance}"
        );
    }

    /// (begin, length) as the sources write units, scaled by `num / den` the way DKPro's
    /// `Krippendorff1995Test.createExample` does (each of begin and length truncated).
    fn scaled(list: &[(usize, usize)], num: usize, den: usize) -> Vec<Range> {
        list.iter()
            .map(|&(b, l)| (b * num / den, b * num / den + l * num / den))
            .collect()
    }

    fn units(list: &[(usize, usize)], stretch: usize) -> Vec<Range> {
        scaled(list, stretch, 1)
    }

    /// DKPro Agreement, `UnitizingAgreementTest.testAgreement`: a 10-character continuum,
    /// r0 -11111111-, r1 --1-1-1---. Expected D_o 0.9100, D_e 0.5351, α_U −0.7003 (± 0.0001).
    #[test]
    fn dkpro_unitizing_example() {
        let r = alpha_u(10, &[vec![(1, 9)], vec![(2, 3), (4, 5), (6, 7)]]);
        close(r.observed, 0.9100, 1e-4);
        close(r.expected, 0.5351, 1e-4);
        close(r.alpha.unwrap(), -0.7003, 1e-4);
    }

    /// Krippendorff (2004: 254), as in DKPro's `Krippendorff2004Test`: continuum 150..450 (shifted
    /// to 0..300 here), categories c and k. Expected: c D_o 0.0144, D_e 0.0532, α 0.7286; k D_o 0,
    /// D_e 0.0490, α 1 (± 0.0001); over both categories α 0.8591 (± 0.0005), which is
    /// 1 − ΣD_o / ΣD_e.
    #[test]
    fn krippendorff_2004_example() {
        let shift = |v: &[(usize, usize)]| {
            units(v, 1)
                .iter()
                .map(|r| (r.0 - 150, r.1 - 150))
                .collect::<Vec<_>>()
        };
        let c = alpha_u(
            300,
            &[
                shift(&[(225, 70), (370, 30)]),
                shift(&[(220, 80), (355, 20), (400, 20)]),
            ],
        );
        close(c.observed, 0.0144, 1e-4);
        close(c.expected, 0.0532, 1e-4);
        close(c.alpha.unwrap(), 0.7286, 1e-4);
        let k = alpha_u(
            300,
            &[
                shift(&[(180, 60), (300, 50)]),
                shift(&[(180, 60), (300, 50)]),
            ],
        );
        close(k.observed, 0.0, 1e-12);
        close(k.expected, 0.0490, 1e-4);
        close(k.alpha.unwrap(), 1.0, 1e-12);
        let overall = 1.0 - (c.observed + k.observed) / (c.expected + k.expected);
        close(overall, 0.8591, 5e-4);
    }

    fn example_1995(num: usize, den: usize) -> [[Vec<Range>; 2]; 4] {
        let u = |list: &[(usize, usize)]| scaled(list, num, den);
        [
            [u(&[(2, 8), (14, 6)]), u(&[(4, 4), (15, 2)])],
            [
                u(&[(0, 18)]),
                u(&[(0, 2), (2, 1), (3, 1), (4, 1), (5, 1), (6, 3), (9, 1)]),
            ],
            [
                u(&[(2, 6), (10, 2), (14, 4), (20, 2)]),
                u(&[(0, 2), (4, 4), (10, 4), (16, 2), (20, 2)]),
            ],
            [
                u(&[(0, 2), (2, 8), (10, 4), (14, 6), (20, 4)]),
                u(&[(0, 4), (4, 4), (8, 7), (15, 2), (17, 7)]),
            ],
        ]
    }

    /// Krippendorff (1995: 57), examples A–D on 24 positions, as in DKPro's
    /// `Krippendorff1995Test.testAgreement`: D_o A 0.03125, B 2.26736, C 0.02777, D 0.38715
    /// (± 0.00001).
    #[test]
    fn krippendorff_1995_examples_observed() {
        let want = [0.03125, 2.26736, 0.02777, 0.38715];
        for (example, want) in example_1995(1, 1).iter().zip(want) {
            close(alpha_u(24, example).observed, want, 1e-5);
        }
    }

    /// Example C at other resolutions, DKPro's `Krippendorff1995Test.testVaryingLengths`: on 12
    /// positions D_o 0.02777, D_e 0.05494 (± 0.00001), α 0.494 (± 0.02); on 120 positions D_e
    /// 0.08234 (± 0.005), α 0.663 (± 0.02). D_e depends on the resolution, D_o does not.
    #[test]
    fn krippendorff_1995_example_c_resolution() {
        let c = alpha_u(12, &example_1995(1, 2)[2]);
        close(c.observed, 0.02777, 1e-5);
        close(c.expected, 0.05494, 1e-5);
        close(c.alpha.unwrap(), 0.494, 0.02);
        let c = alpha_u(120, &example_1995(5, 1)[2]);
        close(c.observed, 0.02777, 1e-5);
        close(c.expected, 0.08234, 0.005);
        close(c.alpha.unwrap(), 0.663, 0.02);
    }

    /// The same examples stretched to 1,200,000 positions (the continuous limit the paper's
    /// figures are for), DKPro's tolerances: D_e A 0.06990, B 1.17731, C 0.08642, D 0.41445
    /// (± 0.005); α A 0.553, B −0.926, C 0.679, D 0.066 (± 0.02).
    #[test]
    fn krippendorff_1995_examples_continuous() {
        let want = [
            (0.06990, 0.553),
            (1.17731, -0.926),
            (0.08642, 0.679),
            (0.41445, 0.066),
        ];
        for (example, (d_e, alpha)) in example_1995(50_000, 1).iter().zip(want) {
            let r = alpha_u(1_200_000, example);
            close(r.expected, d_e, 0.005);
            close(r.alpha.unwrap(), alpha, 0.02);
        }
    }

    /// DKPro's `testSingleAnnotationUnit` (3 raters, 20 positions, one unit of length 1: α = 0)
    /// and `testEmptyAnnotationSet` (no unit: NaN there, undefined here).
    #[test]
    fn single_unit_and_empty_study() {
        let one = alpha_u(20, &[vec![(0, 1)], vec![], vec![]]);
        close(one.alpha.unwrap(), 0.0, 1e-12);
        assert_eq!(alpha_u(20, &[vec![], vec![], vec![]]).alpha, None);
    }

    /// Sections: two documents with identical marks agree perfectly; a second, disagreeing
    /// document lowers α below the first's alone.
    #[test]
    fn sections_add_up() {
        let mut sums = AlphaUSums::new(2);
        sums.add_section(30, &[vec![(3, 9)], vec![(3, 9)]]);
        assert_eq!(sums.result().alpha, Some(1.0));
        sums.add_section(30, &[vec![(0, 10)], vec![(20, 25)]]);
        assert!(sums.result().alpha.unwrap() < 0.5);
    }
}
