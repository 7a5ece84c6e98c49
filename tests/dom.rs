//! DOM ⇄ code-point conversions in a real browser (wasm-bindgen-test in headless Chromium).

use spanmark::dom::reader_view::{ChunkOptions, ReaderView, SpanStyle};
use spanmark::dom::selection::ReaderLayout;
use spanmark_core::{CharOffset, Document, DocumentId, Span, SpanId};
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

const TEXT: &str = "Weather 🌧️👩‍👩‍👧 — گزارش\n\n“The river rose 3.2 m,” said é\u{301}.\nEnd";

fn span(id: u64, start: usize, end: usize, label: &str) -> Span {
    Span::new(SpanId(id), CharOffset(start), CharOffset(end), label)
}

fn mount(spans: Vec<Span>) -> (web_sys::HtmlElement, ReaderView, Document) {
    mount_with(spans, ChunkOptions::default())
}

fn no_style() -> SpanStyle<'static> {
    SpanStyle {
        slot_of: &|_: &str| 0usize,
        selected: None,
        ghosts: &[],
        ghost_slots: &[],
        current_ghost: None,
    }
}

fn mount_with(
    spans: Vec<Span>,
    options: ChunkOptions,
) -> (web_sys::HtmlElement, ReaderView, Document) {
    let document = web_sys::window().unwrap().document().unwrap();
    let root: web_sys::HtmlElement = document.create_element("div").unwrap().unchecked_into();
    document.body().unwrap().append_child(&root).unwrap();
    let mut doc = Document::new(DocumentId("t".into()), "t", TEXT, 0);
    doc.spans = spans;
    let slot = |_: &str| 0usize;
    let view = ReaderView::render_with(
        root.clone(),
        &doc,
        &SpanStyle {
            slot_of: &slot,
            selected: None,
            ghosts: &[],
            ghost_slots: &[],
            current_ghost: None,
        },
        options,
    );
    (root, view, doc)
}

#[wasm_bindgen_test]
fn rendered_text_content_is_the_document_text() {
    let (root, _view, _doc) = mount(vec![
        span(1, 2, 12, "claim"),
        span(2, 5, 9, "quote"),
        span(3, 20, 40, "figure"),
    ]);
    assert_eq!(root.text_content().unwrap(), TEXT);
}

#[wasm_bindgen_test]
fn every_offset_maps_to_a_boundary_and_back() {
    let (_root, view, doc) = mount(vec![
        span(1, 2, 12, "claim"),
        span(2, 5, 9, "quote"),
        span(3, 20, 40, "figure"),
    ]);
    assert_round_trips(&view, &doc);
}

/// Selects code points `start..end` through the layout and checks what the window selection
/// holds (its Range's text: Selection.toString would collapse white space as rendered) and that it
/// maps back to the same offsets.
fn assert_selects(view: &ReaderView, doc: &Document, start: usize, end: usize) {
    let layout = ReaderLayout {
        view,
        text: &doc.text,
    };
    layout.select(start, end).unwrap();
    let selected = web_sys::window()
        .unwrap()
        .get_selection()
        .unwrap()
        .unwrap()
        .get_range_at(0)
        .unwrap()
        .to_string();
    let expected: String = doc.text.chars().skip(start).take(end - start).collect();
    assert_eq!(String::from(selected), expected);
    assert_eq!(layout.selection(), Some((start, end)));
}

#[wasm_bindgen_test]
fn selection_after_emoji_and_persian_is_in_code_points() {
    let (_root, view, doc) = mount(vec![span(1, 0, 7, "claim")]);
    let start = doc.text.chars().position(|c| c == '“').unwrap();
    let end = start + "“The river".chars().count();
    assert_eq!(
        doc.text
            .chars()
            .skip(start)
            .take(end - start)
            .collect::<String>(),
        "“The river"
    );
    assert_selects(&view, &doc, start, end);
}

#[wasm_bindgen_test]
fn refresh_redraws_only_touched_paragraphs_and_keeps_text() {
    let (root, mut view, mut doc) = mount(vec![]);
    let untouched = root.query_selector_all(".para").unwrap().item(3).unwrap();
    doc.spans.push(span(9, 0, 4, "quote"));
    let slot = |_: &str| 1usize;
    view.refresh(
        &doc,
        &[std::ops::Range { start: 0, end: 4 }],
        &SpanStyle {
            slot_of: &slot,
            selected: Some(SpanId(9)),
            ghosts: &[],
            ghost_slots: &[],
            current_ghost: None,
        },
    );
    assert_eq!(root.text_content().unwrap(), TEXT);
    let seg = root
        .query_selector(".seg")
        .unwrap()
        .expect("a highlighted segment");
    assert_eq!(seg.get_attribute("data-spans").as_deref(), Some("9"));
    assert!(seg.class_name().contains("sel"));
    assert!(root
        .query_selector_all(".para")
        .unwrap()
        .item(3)
        .unwrap()
        .is_same_node(Some(&untouched)));
}

/// One paragraph per chunk, only the first filled: raw and filled chunks side by side.
fn mount_partly_filled(spans: Vec<Span>) -> (web_sys::HtmlElement, ReaderView, Document) {
    mount_with(
        spans,
        ChunkOptions {
            chunk_chars: 1,
            max_paragraphs: 1,
            eager_chunks: 1,
        },
    )
}

fn assert_round_trips(view: &ReaderView, doc: &Document) {
    let layout = ReaderLayout {
        view,
        text: &doc.text,
    };
    for offset in 0..=doc.text.chars().count() {
        let (node, utf16) = layout.boundary_of(offset).expect("a boundary");
        assert_eq!(
            layout.offset_of(&node, utf16),
            Some(offset),
            "offset {offset}"
        );
    }
}

#[wasm_bindgen_test]
fn raw_chunks_hold_the_text_and_map_offsets_until_filled() {
    let spans = vec![span(1, 2, 12, "claim"), span(2, 20, 40, "figure")];
    let (root, mut view, doc) = mount_partly_filled(spans);
    assert_eq!(view.chunk_count(), 4);
    assert_eq!(root.query_selector_all(".chunk.raw").unwrap().length(), 3);
    assert_eq!(root.text_content().unwrap(), TEXT);
    assert_round_trips(&view, &doc);

    // Redrawing a range in a raw chunk leaves it raw (it is drawn from the model when filled).
    view.refresh(&doc, &[std::ops::Range { start: 20, end: 40 }], &no_style());
    assert_eq!(root.text_content().unwrap(), TEXT);

    view.fill(&[2], &doc, &no_style());
    assert_eq!(root.query_selector_all(".chunk.raw").unwrap().length(), 2);
    let seg = root
        .query_selector("[data-c='2'] .seg")
        .unwrap()
        .expect("the filled chunk has its highlight");
    assert_eq!(seg.get_attribute("data-spans").as_deref(), Some("2"));
    assert_eq!(root.text_content().unwrap(), TEXT);
    assert_round_trips(&view, &doc);
}

#[wasm_bindgen_test]
fn a_selection_from_a_filled_into_a_raw_chunk_is_in_code_points() {
    let (_root, view, doc) = mount_partly_filled(vec![]);
    let start = doc.text.chars().position(|c| c == 'گ').unwrap();
    let end = doc.text.chars().position(|c| c == '”').unwrap() + 1;
    assert_selects(&view, &doc, start, end);
}

fn picked(bytes: &[u8]) -> spanmark::dom::files::PickedFile {
    let parts = js_sys::Array::of1(&js_sys::Uint8Array::from(bytes));
    let file = web_sys::File::new_with_u8_array_sequence(&parts, "f.jsonl").unwrap();
    spanmark::dom::files::PickedFile::new(file)
}

#[wasm_bindgen_test]
async fn the_head_reaches_past_a_long_first_line_and_skips_blank_lines() {
    // Blank lines, then a first record longer than the first 64 KB read: the head is read on
    // until that line ends, and stops there.
    let long = format!(
        "{{\"schema\":\"spanmark/1\",\"text\":\"{}\"}}",
        "x".repeat(200_000)
    );
    let file = format!("\n  \n{long}\n{{\"second\":1}}\n");
    let head = picked(file.as_bytes()).open().await.unwrap().head;
    assert_eq!(head, format!("\n  \n{long}").as_bytes());
    assert!(spanmark_core::formats::spanmark_jsonl::looks_native(&head));
    // A file without a line break, or only blank lines: all of it.
    for all in [&b"abc"[..], b"\n \n", b""] {
        assert_eq!(picked(all).open().await.unwrap().head, all);
    }
    // The same judgement as on the whole file.
    let whole = file.as_bytes();
    assert_eq!(
        spanmark_core::formats::spanmark_jsonl::looks_native(
            &picked(whole).open().await.unwrap().head
        ),
        spanmark_core::formats::spanmark_jsonl::looks_native(whole)
    );
}

#[wasm_bindgen_test]
async fn an_opened_file_reads_on_to_the_same_bytes_as_its_contents() {
    let mut bytes: Vec<u8> = b"\n\n{\"first\": 1}\n".to_vec();
    bytes.extend((0..=255u8).cycle().take(3_000_000));
    let file = picked(&bytes);
    let mut opened = file.open().await.unwrap();
    assert_eq!(opened.head, b"\n\n{\"first\": 1}");
    let mut read: Vec<u8> = opened.read.iter().flat_map(|p| p.to_vec()).collect();
    while let Some(piece) = opened.rest.next().await.unwrap() {
        read.extend(piece.to_vec());
    }
    assert_eq!(read, bytes);
    assert!(opened.rest.next().await.unwrap().is_none());
    assert_eq!(file.contents().await.unwrap().to_vec(), bytes);
    assert_eq!(file.size(), bytes.len() as f64);
    // A file left after its first line is read no further, and can be read again.
    drop(file.open().await.unwrap());
    assert_eq!(file.contents().await.unwrap().to_vec(), bytes);
}
