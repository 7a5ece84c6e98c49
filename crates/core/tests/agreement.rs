//! The agreement measures against naive reference models, over generated segmentations: the
//! interval arithmetic of the core against character-by-character counting (Cohen's and Fleiss'
//! κ) and against the literal α_U formulas over every pair of segments, gaps included.

use proptest::prelude::*;
use spanmark_core::agreement::alpha_u::alpha_u;
use spanmark_core::agreement::kappa::{CohenCounts, FleissCounts};

type Range = (usize, usize);

fn config() -> ProptestConfig {
    let cases = std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(64);
    ProptestConfig {
        cases,
        ..ProptestConfig::default()
    }
}

/// A text length and, per annotator, sorted non-overlapping units (touching allowed).
fn study(max_raters: usize) -> impl Strategy<Value = (usize, Vec<Vec<Range>>)> {
    (1usize..60, 2..=max_raters).prop_flat_map(|(len, m)| {
        let coder = prop::collection::vec((0usize..6, 1usize..9), 0..8).prop_map(move |steps| {
            let mut at = 0;
            let mut units = vec![];
            for (gap, width) in steps {
                let (s, e) = (at + gap, (at + gap + width).min(len));
                if s >= e {
                    break;
                }
                units.push((s, e));
                at = e;
            }
            units
        });
        (Just(len), prop::collection::vec(coder, m))
    })
}

fn marks(len: usize, units: &[Range]) -> Vec<bool> {
    let mut v = vec![false; len];
    for &(s, e) in units {
        v[s..e].iter_mut().for_each(|c| *c = true);
    }
    v
}

/// Cohen's κ counted character by character (None where p_e = 1).
fn naive_cohen(a: &[bool], b: &[bool]) -> Option<f64> {
    let n = a.len() as f64;
    let agree = a.iter().zip(b).filter(|(x, y)| x == y).count() as f64;
    let pa = a.iter().filter(|x| **x).count() as f64 / n;
    let pb = b.iter().filter(|x| **x).count() as f64 / n;
    let pe = pa * pb + (1.0 - pa) * (1.0 - pb);
    (pe < 1.0).then(|| (agree / n - pe) / (1.0 - pe))
}

/// Fleiss' κ from its textbook definition, one subject (character) at a time.
fn naive_fleiss(coders: &[Vec<bool>]) -> Option<f64> {
    let (m, n) = (coders.len() as f64, coders[0].len());
    let mut p_bar = 0.0;
    let mut p_in = 0.0;
    for c in 0..n {
        let k = coders.iter().filter(|v| v[c]).count() as f64;
        p_bar += (k * (k - 1.0) + (m - k) * (m - k - 1.0)) / (m * (m - 1.0));
        p_in += k / m;
    }
    p_bar /= n as f64;
    p_in /= n as f64;
    let pe = p_in * p_in + (1.0 - p_in) * (1.0 - p_in);
    (pe < 1.0).then(|| (p_bar - pe) / (1.0 - pe))
}

/// α_U's D_o and D_e written out as in Krippendorff (1995): every segment (begin, length,
/// unit?) of every annotator against every segment of every other.
fn naive_alpha(len: usize, coders: &[Vec<Range>]) -> (f64, f64) {
    let segments: Vec<Vec<(i64, i64, bool)>> = coders
        .iter()
        .map(|units| {
            let mut out = vec![];
            let mut at = 0;
            for &(s, e) in units {
                if s > at {
                    out.push((at as i64, (s - at) as i64, false));
                }
                out.push((s as i64, (e - s) as i64, true));
                at = e;
            }
            if len > at {
                out.push((at as i64, (len - at) as i64, false));
            }
            out
        })
        .collect();
    let (m, l) = (coders.len() as f64, len as f64);
    let mut observed = 0i64;
    for (i, gi) in segments.iter().enumerate() {
        for (j, gj) in segments.iter().enumerate() {
            if i == j {
                continue;
            }
            for &(b1, l1, w1) in gi {
                for &(b2, l2, w2) in gj {
                    let d = b1 - b2;
                    observed += match (w1, w2) {
                        (true, true) if -l1 < d && d < l2 => d * d + (b1 + l1 - b2 - l2).pow(2),
                        (true, false) if l2 - l1 >= d && d >= 0 => l1 * l1,
                        (false, true) if l2 - l1 <= d && d <= 0 => l2 * l2,
                        _ => 0,
                    };
                }
            }
        }
    }
    let d_o = observed as f64 / (m * (m - 1.0) * l * l);
    let all: Vec<(i64, i64, bool)> = segments.concat();
    let n_units = all.iter().filter(|s| s.2).count() as f64;
    let mut numerator = 0.0;
    let mut within = 0.0;
    for &(_, lu, w) in &all {
        if !w {
            continue;
        }
        let lu = lu as f64;
        let mut gaps = 0.0;
        for &(_, lg, wg) in &all {
            if !wg && lg as f64 >= lu {
                gaps += lg as f64 - lu + 1.0;
            }
        }
        numerator +=
            (n_units - 1.0) / 3.0 * (2.0 * lu.powi(3) - 3.0 * lu * lu + lu) + lu * lu * gaps;
        within += lu * (lu - 1.0);
    }
    let denominator = m * l * (m * l - 1.0) - within;
    let d_e = if denominator > 0.0 {
        2.0 / l * numerator / denominator
    } else {
        0.0
    };
    (d_o, d_e)
}

fn same(got: Option<f64>, want: Option<f64>) -> bool {
    match (got, want) {
        (Some(a), Some(b)) => (a - b).abs() < 1e-9,
        (None, None) => true,
        _ => false,
    }
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn cohen_kappa_matches_character_counting((len, coders) in study(2)) {
        let got = CohenCounts::from_ranges(len, &coders[0], &coders[1]).kappa();
        let want = naive_cohen(&marks(len, &coders[0]), &marks(len, &coders[1]));
        prop_assert!(same(got, want), "{got:?} vs {want:?}");
    }

    #[test]
    fn fleiss_kappa_matches_its_definition((len, coders) in study(4)) {
        let got = FleissCounts::from_ranges(len, &coders).kappa();
        let marked: Vec<Vec<bool>> = coders.iter().map(|u| marks(len, u)).collect();
        let want = naive_fleiss(&marked);
        prop_assert!(same(got, want), "{got:?} vs {want:?}");
    }

    #[test]
    fn alpha_u_matches_the_literal_formulas((len, coders) in study(4)) {
        let got = alpha_u(len, &coders);
        let (d_o, d_e) = naive_alpha(len, &coders);
        prop_assert!((got.observed - d_o).abs() < 1e-9, "D_o {} vs {d_o}", got.observed);
        prop_assert!((got.expected - d_e).abs() < 1e-9 * d_e.max(1.0), "D_e {} vs {d_e}", got.expected);
        prop_assert_eq!(got.alpha.is_some(), d_e > 0.0);
    }
}
