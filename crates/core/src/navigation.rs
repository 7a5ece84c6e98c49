//! Orders the app steps through: spans in text order, documents in list order. (The text ranges an
//! edit touches are `Edit::ranges`.)

use std::collections::HashSet;

use crate::model::{Document, DocumentId, SpanId, Workspace};
use crate::records::DocSummary;

/// A document's spans in reading order: by start, the outer (longer) span first; with the start
/// of each.
pub fn span_order(doc: &Document) -> Vec<(SpanId, usize)> {
    let mut spans: Vec<_> = doc
        .spans
        .iter()
        .map(|s| (s.start, std::cmp::Reverse(s.end), s.id))
        .collect();
    spans.sort();
    spans.into_iter().map(|(s, _, id)| (id, s.0)).collect()
}

/// The index `delta` steps from `at` in a list of `len` items. Spans stop at either end
/// (`wrap` false); documents wrap around (`wrap` true). From nowhere, a step forward goes to the
/// first item and a step back to the last. `None` for an empty list.
pub fn step_index(at: Option<usize>, delta: isize, len: usize, wrap: bool) -> Option<usize> {
    if len == 0 {
        return None;
    }
    Some(match at {
        Some(i) if wrap => (i as isize + delta).rem_euclid(len as isize) as usize,
        Some(i) => (i as isize + delta).clamp(0, len as isize - 1) as usize,
        None if delta < 0 => len - 1,
        None => 0,
    })
}

/// Every document's id and done mark in list order: the workspace's documents, or while it
/// loads, the saved listing (documents already in memory overriding their summary) followed by
/// documents added meanwhile.
pub fn document_order(ws: &Workspace, listing: Option<&[DocSummary]>) -> Vec<(DocumentId, bool)> {
    let Some(listing) = listing else {
        return ws
            .documents
            .iter()
            .map(|d| (d.id.clone(), d.done))
            .collect();
    };
    let mut order: Vec<(DocumentId, bool)> = listing
        .iter()
        .map(|s| {
            let done = ws.document(&s.id).map_or(s.done, |d| d.done);
            (s.id.clone(), done)
        })
        .collect();
    let listed: HashSet<&DocumentId> = listing.iter().map(|s| &s.id).collect();
    order.extend(
        ws.documents
            .iter()
            .filter(|d| !listed.contains(&d.id))
            .map(|d| (d.id.clone(), d.done)),
    );
    order
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{LabelSet, Span};
    use crate::offsets::CharOffset;

    fn span(id: u64, start: usize, end: usize) -> Span {
        Span {
            id: SpanId(id),
            start: CharOffset(start),
            end: CharOffset(end),
            label: "quote".into(),
            note: String::new(),
            attributes: Default::default(),
        }
    }

    fn ws_with(spans: Vec<Span>) -> Workspace {
        let mut d = Document::new(DocumentId("d".into()), "d", "a".repeat(40), 0);
        d.spans = spans;
        Workspace {
            documents: vec![d],
            labels: LabelSet::default(),
        }
    }

    #[test]
    fn spans_go_in_reading_order_outer_first() {
        let ws = ws_with(vec![span(1, 10, 12), span(2, 3, 20), span(3, 3, 5)]);
        let order: Vec<u64> = span_order(&ws.documents[0])
            .iter()
            .map(|(id, _)| id.0)
            .collect();
        assert_eq!(order, vec![2, 3, 1]);
    }

    #[test]
    fn steps_stop_or_wrap() {
        assert_eq!(step_index(Some(2), 1, 3, false), Some(2));
        assert_eq!(step_index(Some(2), 1, 3, true), Some(0));
        assert_eq!(step_index(Some(0), -1, 3, true), Some(2));
        assert_eq!(step_index(None, -1, 3, false), Some(2));
        assert_eq!(step_index(None, 1, 3, false), Some(0));
        assert_eq!(step_index(None, 1, 0, true), None);
    }

    #[test]
    fn while_loading_the_listing_leads_and_memory_wins() {
        let mut ws = ws_with(vec![]);
        ws.documents[0].done = true;
        ws.documents
            .push(Document::new(DocumentId("new".into()), "n", "x", 1));
        let listing = vec![
            DocSummary {
                id: DocumentId("old".into()),
                title: "o".into(),
                spans: 0,
                per_label: vec![],
                done: true,
            },
            DocSummary {
                id: DocumentId("d".into()),
                title: "d".into(),
                spans: 0,
                per_label: vec![],
                done: false,
            },
        ];
        let order = document_order(&ws, Some(&listing));
        let expected: Vec<(DocumentId, bool)> = vec![
            (DocumentId("old".into()), true),
            (DocumentId("d".into()), true),
            (DocumentId("new".into()), false),
        ];
        assert_eq!(order, expected);
        assert_eq!(document_order(&ws, None).len(), 2);
    }
}
