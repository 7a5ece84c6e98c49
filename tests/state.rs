//! The documents room in a real browser (wasm-bindgen-test): an action goes through the history and
//! comes out as data — requests for the reader and records to save — never as calls into the view.

use leptos::prelude::*;
use spanmark::state::reader_requests::ReaderRequest;
use spanmark::state::{Documents, Screen, Theme};
use spanmark_core::{CharOffset, Document, DocumentId, Edit, Span, SpanId, Workspace};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

const TEXT: &str = "Mayor Ana Ruiz said “the river rose 3 m” on Monday. 🌧️ گزارش";

fn room() -> (Documents, Screen, DocumentId) {
    let screen = Screen::new(Theme::System);
    let docs = Documents::new(screen);
    let id = DocumentId("d1".into());
    docs.ws.set(Workspace {
        documents: vec![Document::new(id.clone(), "Flood", TEXT, 1)],
        ..Workspace::default()
    });
    docs.current.set(Some(id.clone()));
    docs.take_unsaved();
    (docs, screen, id)
}

fn redrawn(requests: &[ReaderRequest]) -> Vec<std::ops::Range<usize>> {
    requests
        .iter()
        .flat_map(|r| match r {
            ReaderRequest::Redraw { ranges, .. } => ranges.clone(),
            _ => vec![],
        })
        .collect()
}

#[wasm_bindgen_test]
fn tagging_asks_for_a_redraw_and_a_save_and_undo_reverses_it() {
    let (docs, _screen, id) = room();
    docs.tag("quote", Some((6, 15)));
    let spans = docs.ws.with_untracked(|ws| ws.documents[0].spans.clone());
    assert_eq!(spans.len(), 1);
    assert_eq!(
        (spans[0].start.0, spans[0].end.0),
        (6, 14),
        "trimmed of the space"
    );
    assert_eq!(docs.selected.get_untracked(), Some(spans[0].id));
    assert!(redrawn(&docs.reader.drain()).contains(&(6..14)));
    let unsaved = docs.take_unsaved();
    assert!(unsaved.annotations.contains(&id));
    assert!(docs.can_undo.get_untracked());

    docs.undo();
    assert!(docs
        .ws
        .with_untracked(|ws| ws.documents[0].spans.is_empty()));
    assert_eq!(
        docs.selected.get_untracked(),
        None,
        "the undone span is deselected"
    );
    assert!(redrawn(&docs.reader.drain()).contains(&(6..14)));
    assert!(docs.take_unsaved().annotations.contains(&id));
    assert!(!docs.can_undo.get_untracked() && docs.can_redo.get_untracked());
}

#[wasm_bindgen_test]
fn stepping_through_spans_reveals_them_in_text_order() {
    let (docs, _screen, id) = room();
    for (n, (s, e)) in [(20, 40), (0, 14)].into_iter().enumerate() {
        let span = Span::new(SpanId(n as u64 + 1), CharOffset(s), CharOffset(e), "claim");
        assert!(docs.apply(Edit::CreateSpan {
            doc: id.clone(),
            span
        }));
    }
    docs.reader.drain();
    docs.step_span(1);
    assert_eq!(docs.selected.get_untracked(), Some(SpanId(2)));
    docs.step_span(1);
    assert_eq!(docs.selected.get_untracked(), Some(SpanId(1)));
    let requests = docs.reader.drain();
    assert!(requests.contains(&ReaderRequest::Reveal { offset: 0 }));
    assert!(requests.contains(&ReaderRequest::Reveal { offset: 20 }));
}

#[wasm_bindgen_test]
fn a_refused_edit_is_shown_and_changes_nothing() {
    let (docs, screen, id) = room();
    let before = docs.ws.get_untracked();
    let ghost = Span::new(SpanId(9), CharOffset(0), CharOffset(3), "quote");
    assert!(!docs.apply(Edit::DeleteSpan {
        doc: id,
        span: ghost,
        index: 0,
        relations: vec![],
    }));
    assert_eq!(docs.ws.get_untracked(), before);
    assert!(screen.error.get_untracked().is_some());
    assert!(docs.take_unsaved().is_empty());
}

#[wasm_bindgen_test]
fn a_deleted_document_is_removed_from_storage_and_undo_saves_it_again() {
    let (docs, _screen, id) = room();
    docs.delete_document(id.clone());
    assert!(docs.ws.with_untracked(|ws| ws.documents.is_empty()));
    assert_eq!(docs.current.get_untracked(), None);
    let unsaved = docs.take_unsaved();
    assert!(unsaved.removed.contains(&id));
    docs.undo();
    assert_eq!(docs.ws.with_untracked(|ws| ws.documents.len()), 1);
    let unsaved = docs.take_unsaved();
    assert!(
        !unsaved.removed.contains(&id),
        "undo does not delete it again"
    );
    assert!(unsaved.texts.contains(&id), "undo writes it back");
}

#[wasm_bindgen_test]
fn a_relation_drawn_by_hand_gets_the_preselected_kind_and_undoes() {
    let (docs, _screen, id) = room();
    // “the river rose 3 m” (20..40) said by Mayor Ana Ruiz (0..14).
    for (n, (s, e, label)) in [(20, 40, "quote"), (0, 14, "speaker")]
        .into_iter()
        .enumerate()
    {
        let span = Span::new(SpanId(n as u64 + 1), CharOffset(s), CharOffset(e), label);
        assert!(docs.apply(Edit::CreateSpan {
            doc: id.clone(),
            span
        }));
    }
    docs.select_span(Some(SpanId(1)));
    docs.start_link();
    docs.finish_link(SpanId(1));
    assert!(
        docs.is_linking(),
        "a span cannot point at itself: linking goes on"
    );
    docs.finish_link(SpanId(2));
    assert!(!docs.is_linking());
    let relations = docs
        .ws
        .with_untracked(|ws| ws.documents[0].relations.clone());
    assert_eq!(relations.len(), 1);
    assert_eq!(
        (
            relations[0].from,
            relations[0].to,
            relations[0].kind.as_str()
        ),
        (SpanId(1), SpanId(2), "said-by")
    );
    docs.undo();
    assert!(docs
        .ws
        .with_untracked(|ws| ws.documents[0].relations.is_empty()));
    docs.link_nearest();
    assert_eq!(
        docs.ws.with_untracked(|ws| ws.documents[0].relations.len()),
        1,
        "w links the selected quote to the nearest speaker"
    );
    assert!(docs.set_attribute(SpanId(1), "kind", "direct").is_ok());
    assert!(docs.set_attribute(SpanId(1), "kind", "shouted").is_err());
    assert_eq!(
        docs.ws.with_untracked(|ws| ws.documents[0].spans[0]
            .attributes
            .get("kind")
            .map(|v| v.to_string())),
        Some("direct".to_string()),
        "a value not in the list is refused and nothing is stored"
    );
}
