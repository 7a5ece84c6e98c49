//! Each annotator's characters for one label, as sorted ranges: what the character measures
//! (Cohen's κ, Fleiss' κ, α_U) count.

use std::collections::BTreeMap;

use crate::model::{Document, Span};

/// A range of code points, `start..end` (end exclusive).
pub type Range = (usize, usize);

/// A document's spans grouped by label, each group in document order (start, then end).
pub fn spans_by_label(doc: &Document) -> BTreeMap<&str, Vec<&Span>> {
    let mut map: BTreeMap<&str, Vec<&Span>> = BTreeMap::new();
    for s in &doc.spans {
        map.entry(s.label.as_str()).or_default().push(s);
    }
    for spans in map.values_mut() {
        spans.sort_by_key(|s| (s.start, s.end));
    }
    map
}

/// The units of one label for α_U: spans sorted by start, where spans that share a character are
/// merged into their union (α_U needs one segmentation per annotator; nested or overlapping spans
/// of one label cannot be told apart on characters anyway). Spans that only touch stay apart.
pub fn units(spans: &[&Span]) -> Vec<Range> {
    let mut ranges: Vec<Range> = spans.iter().map(|s| (s.start.0, s.end.0)).collect();
    ranges.sort_unstable();
    let mut out: Vec<Range> = Vec::with_capacity(ranges.len());
    for (s, e) in ranges {
        match out.last_mut() {
            Some(last) if s < last.1 => last.1 = last.1.max(e),
            _ => out.push((s, e)),
        }
    }
    out
}

/// The number of characters in sorted, non-overlapping ranges.
pub fn covered(ranges: &[Range]) -> usize {
    ranges.iter().map(|(s, e)| e - s).sum()
}

/// The number of characters two sorted, non-overlapping range lists share.
pub fn shared(a: &[Range], b: &[Range]) -> usize {
    let (mut i, mut j, mut n) = (0, 0, 0);
    while i < a.len() && j < b.len() {
        let (s, e) = (a[i].0.max(b[j].0), a[i].1.min(b[j].1));
        if s < e {
            n += e - s;
        }
        if a[i].1 <= b[j].1 {
            i += 1;
        } else {
            j += 1;
        }
    }
    n
}

/// For `m` annotators' sorted, non-overlapping ranges over a text of `len` characters: for each
/// k in 0..=m, how many characters exactly k annotators cover.
pub fn cover_histogram(len: usize, per_annotator: &[Vec<Range>]) -> Vec<usize> {
    let m = per_annotator.len();
    let mut events: Vec<(usize, i32)> = Vec::new();
    for ranges in per_annotator {
        for &(s, e) in ranges {
            events.push((s, 1));
            events.push((e, -1));
        }
    }
    events.sort_unstable();
    let mut hist = vec![0; m + 1];
    let (mut at, mut k) = (0usize, 0i32);
    for (pos, delta) in events {
        hist[k as usize] += pos - at;
        at = pos;
        k += delta;
    }
    hist[0] += len.saturating_sub(at);
    hist
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

    #[test]
    fn overlapping_spans_merge_and_touching_ones_do_not() {
        let spans = [span(5, 9), span(0, 3), span(2, 4), span(3, 5), span(6, 7)];
        let refs: Vec<&Span> = spans.iter().collect();
        assert_eq!(units(&refs), vec![(0, 5), (5, 9)]);
    }

    #[test]
    fn shared_and_histogram_count_characters() {
        let a = [(0, 4), (6, 10)];
        let b = [(2, 8)];
        assert_eq!(shared(&a, &b), 4);
        assert_eq!(covered(&a), 8);
        // Characters 0..12: k=2 on 2,3,6,7; k=1 on 0,1,4,5,8,9; k=0 on 10,11.
        assert_eq!(
            cover_histogram(12, &[a.to_vec(), b.to_vec()]),
            vec![2, 6, 4]
        );
    }
}
