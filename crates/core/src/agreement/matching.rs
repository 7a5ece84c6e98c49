//! Pairwise span matching and F1 = 2·TP / (|A| + |B|).
//!
//! Exact: same label, start and end (each span counts once: a multiset intersection). Relaxed: same
//! label and character IoU ≥ 0.5, one-to-one, with as many pairs as possible — a maximum bipartite
//! matching (augmenting paths), not a greedy one, so nested spans cannot steal each other's partner.

use std::collections::VecDeque;

use super::coverage::Range;
use super::ratio;
use crate::model::Span;

/// Counts behind one F1: true positives and the two annotators' span counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct F1Counts {
    /// Matched pairs.
    pub tp: usize,
    /// Annotator A's spans.
    pub a: usize,
    /// Annotator B's spans.
    pub b: usize,
}

impl F1Counts {
    /// 2·TP / (|A| + |B|); `None` when neither annotator has a span.
    pub fn f1(&self) -> Option<f64> {
        ratio(2.0 * self.tp as f64, (self.a + self.b) as f64)
    }

    /// Adds another count (micro-averaging).
    pub fn add(&mut self, other: F1Counts) {
        self.tp += other.tp;
        self.a += other.a;
        self.b += other.b;
    }
}

fn range(s: &Span) -> Range {
    (s.start.0, s.end.0)
}

/// Characters shared and characters covered by either of two ranges.
pub fn overlap_and_union(a: Range, b: Range) -> (usize, usize) {
    let inter = a.1.min(b.1).saturating_sub(a.0.max(b.0));
    (inter, (a.1 - a.0) + (b.1 - b.0) - inter)
}

/// Whether two ranges' character IoU is at least 0.5 (exact, in integers: 2·|A∩B| ≥ |A∪B|).
pub fn iou_at_least_half(a: Range, b: Range) -> bool {
    let (inter, union) = overlap_and_union(a, b);
    inter > 0 && 2 * inter >= union
}

/// How many spans of `a` have an identical range in `b`, one-to-one. Both lists hold one label's
/// spans sorted by (start, end), as [`super::coverage::spans_by_label`] gives them.
pub fn exact_matches(a: &[&Span], b: &[&Span]) -> usize {
    let (mut i, mut j, mut n) = (0, 0, 0);
    while i < a.len() && j < b.len() {
        match range(a[i]).cmp(&range(b[j])) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                n += 1;
                i += 1;
                j += 1;
            }
        }
    }
    n
}

/// For each span of `a`, the spans of `b` it may be paired with (IoU ≥ 0.5), best IoU first.
/// `b` must be sorted by start.
pub fn candidates(a: &[Range], b: &[Range]) -> Vec<Vec<usize>> {
    a.iter()
        .map(|&ra| {
            // IoU ≥ 0.5 needs b to start no more than |a| before a (else the union outgrows
            // twice the intersection) and before a's end.
            let len = ra.1 - ra.0;
            let from = b.partition_point(|rb| rb.0 + len < ra.0);
            let to = b.partition_point(|rb| rb.0 < ra.1);
            let mut found: Vec<(usize, usize, usize)> = (from..to)
                .filter(|&j| iou_at_least_half(ra, b[j]))
                .map(|j| {
                    let (i, u) = overlap_and_union(ra, b[j]);
                    (j, i, u)
                })
                .collect();
            // Highest i/u first (compared by cross-multiplying), then document order.
            found.sort_by(|x, y| (y.1 * x.2).cmp(&(x.1 * y.2)).then(x.0.cmp(&y.0)));
            found.into_iter().map(|(j, _, _)| j).collect()
        })
        .collect()
}

/// A maximum one-to-one matching of left vertices to right ones over `adj` (each left vertex's
/// acceptable right vertices, preferred first). Returns, per left vertex, its partner.
///
/// A greedy pass takes each left vertex's first free preference; then every left vertex still
/// unmatched searches for an augmenting path (breadth-first, no recursion). By Berge's theorem the
/// result is maximum; the greedy start only decides which of the maximum matchings is returned.
pub fn max_matching(adj: &[Vec<usize>], n_right: usize) -> Vec<Option<usize>> {
    let mut left: Vec<Option<usize>> = vec![None; adj.len()];
    let mut right: Vec<Option<usize>> = vec![None; n_right];
    for (u, prefs) in adj.iter().enumerate() {
        if let Some(&v) = prefs.iter().find(|&&v| right[v].is_none()) {
            left[u] = Some(v);
            right[v] = Some(u);
        }
    }
    // parent[v] = the left vertex from which right vertex v was reached in this search.
    let mut parent: Vec<usize> = vec![usize::MAX; n_right];
    let mut touched: Vec<usize> = vec![];
    let mut queue = VecDeque::new();
    for root in 0..adj.len() {
        if left[root].is_some() || adj[root].is_empty() {
            continue;
        }
        queue.clear();
        queue.push_back(root);
        let mut end = None;
        'search: while let Some(u) = queue.pop_front() {
            for &v in &adj[u] {
                if parent[v] != usize::MAX {
                    continue;
                }
                parent[v] = u;
                touched.push(v);
                match right[v] {
                    None => {
                        end = Some(v);
                        break 'search;
                    }
                    Some(w) => queue.push_back(w),
                }
            }
        }
        // Flip the path: each right vertex on it takes the left vertex that reached it.
        let mut v = end;
        while let Some(rv) = v {
            let u = parent[rv];
            let previous = left[u];
            left[u] = Some(rv);
            right[rv] = Some(u);
            v = previous;
        }
        for v in touched.drain(..) {
            parent[v] = usize::MAX;
        }
    }
    left
}

/// The relaxed matching of two annotators' spans of one label (each sorted by start): pairs
/// `(index in a, index in b)` in `a`'s order.
pub fn relaxed_pairs(a: &[&Span], b: &[&Span]) -> Vec<(usize, usize)> {
    let ra: Vec<Range> = a.iter().map(|s| range(s)).collect();
    let rb: Vec<Range> = b.iter().map(|s| range(s)).collect();
    let adj = candidates(&ra, &rb);
    max_matching(&adj, rb.len())
        .into_iter()
        .enumerate()
        .filter_map(|(i, j)| j.map(|j| (i, j)))
        .collect()
}

/// Exact and relaxed counts for one label's spans of two annotators (each sorted by start).
pub fn f1_counts(a: &[&Span], b: &[&Span]) -> (F1Counts, F1Counts) {
    let counts = |tp| F1Counts {
        tp,
        a: a.len(),
        b: b.len(),
    };
    (
        counts(exact_matches(a, b)),
        counts(relaxed_pairs(a, b).len()),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::SpanId;
    use crate::offsets::CharOffset;

    fn span(start: usize, end: usize) -> Span {
        Span {
            id: SpanId(start as u64),
            start: CharOffset(start),
            end: CharOffset(end),
            label: "quote".into(),
            note: String::new(),
            attributes: Default::default(),
        }
    }

    fn refs(spans: &[Span]) -> Vec<&Span> {
        spans.iter().collect()
    }

    #[test]
    fn iou_threshold_is_inclusive_and_exact() {
        // 5 shared of 10 covered: exactly 0.5.
        assert!(iou_at_least_half((0, 10), (5, 10)));
        assert!(!iou_at_least_half((0, 10), (6, 10)));
        assert!(!iou_at_least_half((0, 5), (5, 10)));
    }

    #[test]
    fn exact_is_a_multiset_intersection() {
        let a = [span(0, 5), span(0, 5), span(7, 9)];
        let b = [span(0, 5), span(7, 9), span(7, 10)];
        assert_eq!(exact_matches(&refs(&a), &refs(&b)), 2);
    }

    #[test]
    fn relaxed_matching_is_maximum_where_greedy_is_not() {
        // B0 = 0..6, B1 = 1..10. A0 = 0..10 fits B1 (IoU 9/10) best and B0 (6/10); A1 = 3..11
        // fits only B1 (7/10; with B0 3/11). Greedy on best IoU pairs A0-B1 and leaves A1 alone;
        // the maximum matching is A0-B0, A1-B1.
        let a = [span(0, 10), span(3, 11)];
        let b = [span(0, 6), span(1, 10)];
        let pairs = relaxed_pairs(&refs(&a), &refs(&b));
        assert_eq!(pairs, vec![(0, 0), (1, 1)]);
    }

    #[test]
    fn f1_is_undefined_only_without_spans() {
        assert_eq!(F1Counts::default().f1(), None);
        let c = F1Counts { tp: 0, a: 2, b: 0 };
        assert_eq!(c.f1(), Some(0.0));
        let c = F1Counts { tp: 2, a: 3, b: 2 };
        assert_eq!(c.f1(), Some(0.8));
    }

    #[test]
    fn matching_agrees_with_brute_force_on_small_graphs() {
        // Every bipartite graph on 4 × 4 vertices from a fixed pseudo-random sequence.
        let mut seed = 0x2545_f491_u64;
        for _ in 0..300 {
            let adj: Vec<Vec<usize>> = (0..4)
                .map(|_| {
                    (0..4)
                        .filter(|_| {
                            seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1);
                            (seed >> 33).is_multiple_of(3)
                        })
                        .collect()
                })
                .collect();
            let got = max_matching(&adj, 4).iter().filter(|m| m.is_some()).count();
            assert_eq!(got, brute_force(&adj, 0, &mut [false; 4]), "{adj:?}");
        }
    }

    fn brute_force(adj: &[Vec<usize>], u: usize, used: &mut [bool; 4]) -> usize {
        if u == adj.len() {
            return 0;
        }
        let mut best = brute_force(adj, u + 1, used);
        for &v in &adj[u] {
            if !used[v] {
                used[v] = true;
                best = best.max(1 + brute_force(adj, u + 1, used));
                used[v] = false;
            }
        }
        best
    }
}
