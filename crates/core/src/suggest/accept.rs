//! Accepting and rejecting suggestions as undoable edits.

use std::collections::{HashMap, HashSet};

use crate::attributes::{AttrValue, Attributes};
use crate::history::Edit;
use crate::model::{Document, Rejection, Relation, Span, SpanId};
use crate::offsets::CharOffset;

use super::{QuoteStyle, Suggestion, SuggestionKind, SAID_BY};

/// The typed attributes an accepted suggestion gives its span: a figure's value, range, unit,
/// qualifier, quantity and source; a quote's kind (`direct`, or `partial` for a few words).
pub fn span_attributes(s: &Suggestion) -> Attributes {
    let mut out: Attributes = s
        .attributes
        .iter()
        .map(|(k, v)| (k.to_string(), v.clone()))
        .collect();
    if s.kind == SuggestionKind::Quote {
        let kind = match s.quote_style {
            Some(QuoteStyle::Partial) => "partial",
            _ => "direct",
        };
        out.insert("kind".into(), AttrValue::Text(kind.into()));
    }
    out
}

/// The one undoable edit that turns `suggestions` into spans of `doc` (see [`plan`] for the
/// rule).
pub fn acceptance_edit(doc: &Document, suggestions: &[Suggestion]) -> Edit {
    Edit::Batch(plan(doc, suggestions).0)
}

/// The one rule for accepting suggestions, shared by the app ([`acceptance_edit`]) and the CLI
/// ([`super::add_to_document`]): each suggestion becomes a span labelled with its kind (its typed
/// attributes from [`span_attributes`]; the note stays free for the user), and an attributed quote also gets a `speaker` span for its
/// speaker and a [`SAID_BY`] relation to it. A span with the same range and label — in the
/// document or made earlier in the same batch — is reused, never duplicated (whatever its label);
/// a relation the document or the batch already has is not added again.
///
/// Returns the edits, in order, and the span id each suggestion ended up as.
pub fn plan(doc: &Document, suggestions: &[Suggestion]) -> (Vec<Edit>, Vec<SpanId>) {
    let mut next_span = doc.next_span_id().0;
    let mut next_relation = doc.next_relation_id().0;
    // Spans by (start, end, label), the document's first: accepting every suggestion of a long
    // article looks thousands up, and a scan of all spans for each was quadratic.
    let mut by_range: HashMap<(CharOffset, CharOffset, String), SpanId> =
        HashMap::with_capacity(doc.spans.len() + suggestions.len());
    for s in &doc.spans {
        by_range
            .entry((s.start, s.end, s.label.clone()))
            .or_insert(s.id);
    }
    let said_by: HashSet<(SpanId, SpanId)> = doc
        .relations
        .iter()
        .filter(|r| r.kind == SAID_BY)
        .map(|r| (r.from, r.to))
        .collect();
    let mut linked: HashSet<(SpanId, SpanId)> = HashSet::new();
    let mut edits = vec![];
    let mut ids = Vec::with_capacity(suggestions.len());
    let mut find_or_add = |start: CharOffset,
                           end: CharOffset,
                           label: &str,
                           attributes: Attributes,
                           edits: &mut Vec<Edit>| {
        if let Some(id) = by_range.get(&(start, end, label.to_string())) {
            return *id;
        }
        let span = Span {
            id: SpanId(next_span),
            start,
            end,
            label: label.to_string(),
            note: String::new(),
            attributes,
        };
        next_span += 1;
        by_range.insert((start, end, label.to_string()), span.id);
        edits.push(Edit::CreateSpan {
            doc: doc.id.clone(),
            span: span.clone(),
        });
        span.id
    };
    for s in suggestions {
        let id = find_or_add(s.start, s.end, s.label(), span_attributes(s), &mut edits);
        ids.push(id);
        if let Some((a, b)) = s.speaker {
            let speaker = find_or_add(a, b, "speaker", Attributes::new(), &mut edits);
            let exists = linked.contains(&(id, speaker)) || said_by.contains(&(id, speaker));
            if !exists {
                linked.insert((id, speaker));
                let relation = Relation {
                    id: crate::RelationId(next_relation),
                    from: id,
                    to: speaker,
                    kind: SAID_BY.into(),
                };
                next_relation += 1;
                edits.push(Edit::CreateRelation {
                    doc: doc.id.clone(),
                    relation,
                });
            }
        }
    }
    (edits, ids)
}

/// The undoable edit that rejects a suggestion for good (for this document).
pub fn rejection_edit(doc: &Document, suggestion: &Suggestion) -> Edit {
    Edit::Reject {
        doc: doc.id.clone(),
        rejection: Rejection {
            start: suggestion.start,
            end: suggestion.end,
            label: suggestion.label().to_string(),
        },
    }
}

/// The document's rejections in the form [`super::fresh_suggestions`] takes.
pub fn rejected_triples(doc: &Document) -> Vec<(CharOffset, CharOffset, String)> {
    doc.rejected
        .iter()
        .map(|r| (r.start, r.end, r.label.clone()))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::history::History;
    use crate::model::{DocumentId, Workspace};
    use crate::suggest::{fresh_suggestions, SuggestionKind};

    fn workspace(text: &str) -> Workspace {
        Workspace {
            documents: vec![Document::new(DocumentId("d".into()), "t", text, 0)],
            ..Workspace::default()
        }
    }

    #[test]
    fn accepting_a_quote_adds_its_speaker_and_relation_and_undoes_as_one() {
        let mut ws = workspace("“We will rebuild the harbour,” said Ana Ruiz on Tuesday.");
        let doc = &ws.documents[0];
        let quote: Vec<_> =
            fresh_suggestions(doc, &rejected_triples(doc), &[SuggestionKind::Quote])
                .into_iter()
                .filter(|s| s.kind == SuggestionKind::Quote)
                .collect();
        assert_eq!(quote.len(), 1);
        assert!(quote[0].speaker.is_some(), "{quote:?}");
        let edit = acceptance_edit(doc, &quote);
        let mut history = History::default();
        history.apply(&mut ws, edit).unwrap();
        let doc = &ws.documents[0];
        let labels: Vec<_> = doc.spans.iter().map(|s| s.label.as_str()).collect();
        assert_eq!(labels, vec!["quote", "speaker"]);
        assert_eq!(doc.covered_text(&doc.spans[1]), "Ana Ruiz");
        assert_eq!(doc.relations.len(), 1);
        assert_eq!(doc.relations[0].kind, SAID_BY);
        // Accepted suggestions are not suggested again.
        assert!(
            fresh_suggestions(doc, &rejected_triples(doc), &[SuggestionKind::Quote])
                .iter()
                .all(|s| s.kind != SuggestionKind::Quote)
        );
        history.undo(&mut ws).unwrap();
        assert!(ws.documents[0].spans.is_empty() && ws.documents[0].relations.is_empty());
    }

    #[test]
    fn accepting_twice_adds_nothing_the_second_time() {
        let mut ws = workspace("“We will rebuild the harbour,” said Ana Ruiz on Tuesday.");
        let all = crate::suggest::suggest(&ws.documents[0].text, SuggestionKind::ALL);
        let edit = acceptance_edit(&ws.documents[0], &all);
        History::default().apply(&mut ws, edit).unwrap();
        let (spans, relations) = (ws.documents[0].spans.len(), ws.documents[0].relations.len());
        let again = acceptance_edit(&ws.documents[0], &all);
        assert_eq!(again, Edit::Batch(vec![]));
        assert_eq!(relations, 1);
        assert!(spans >= 2);
    }

    #[test]
    fn a_batch_reuses_its_own_spans_and_links_once() {
        let ws = workspace("“We stay,” said Ana Ruiz. “We build,” said Ana Ruiz.");
        let doc = &ws.documents[0];
        let quote = crate::suggest::suggest(&doc.text, &[SuggestionKind::Quote]).remove(0);
        let (edits, ids) = plan(doc, &[quote.clone(), quote]);
        assert_eq!(ids[0], ids[1], "the same quote twice is one span");
        let relations = edits
            .iter()
            .filter(|e| matches!(e, Edit::CreateRelation { .. }))
            .count();
        assert_eq!(relations, 1);
    }

    #[test]
    fn the_cli_and_the_app_accept_by_the_same_rule() {
        let text = "“We stay,” said Ana Ruiz. “We build,” she said. At least 40 homes burned.";
        let mut ws = workspace(text);
        let all = crate::suggest::suggest(text, SuggestionKind::ALL);
        // The CLI adds the suggestions straight to its document …
        let mut cli = ws.documents[0].clone();
        crate::suggest::add_to_document(&mut cli, &all);
        // … the app applies the acceptance edit through history: the results are the same.
        let edit = acceptance_edit(&ws.documents[0], &all);
        History::default().apply(&mut ws, edit).unwrap();
        assert_eq!(cli, ws.documents[0]);
        let speakers = cli.spans.iter().filter(|s| s.label == "speaker").count();
        assert_eq!(speakers, 1, "one speaker span for both quotes");
        assert_eq!(cli.relations.len(), 2);
    }

    #[test]
    fn rejected_suggestions_stay_rejected() {
        let mut ws = workspace("Officials said at least 646 homes were evacuated.");
        let doc = &ws.documents[0];
        let figures = fresh_suggestions(doc, &rejected_triples(doc), &[SuggestionKind::Figure]);
        assert_eq!(figures.len(), 1);
        let mut history = History::default();
        let edit = rejection_edit(&ws.documents[0], &figures[0]);
        history.apply(&mut ws, edit).unwrap();
        let doc = &ws.documents[0];
        assert!(
            fresh_suggestions(doc, &rejected_triples(doc), &[SuggestionKind::Figure]).is_empty()
        );
        history.undo(&mut ws).unwrap();
        let doc = &ws.documents[0];
        assert_eq!(
            fresh_suggestions(doc, &rejected_triples(doc), &[SuggestionKind::Figure]).len(),
            1
        );
    }
}
