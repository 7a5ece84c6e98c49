//! Draws a document into the reader element, paragraph by paragraph, and redraws only the
//! paragraphs an edit touches.
//!
//! Design (measured in the PR note): one `<div class="para">` per paragraph; inside it, plain text
//! nodes for unannotated runs and one `<span class="seg …">` per run covered by the same spans, so
//! nested and overlapping spans stay distinguishable (background of the innermost span, one
//! underline band per nesting level). An edit re-renders only the paragraphs its span touches, so its
//! cost does not grow with the document. All text is inserted with `createTextNode`: never as HTML.

use std::ops::Range;

use spanmark_core::{Document, Span, SpanId};
use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlElement};

use super::paragraphs::{segments, Paragraphs};

/// Documents with more spans than this show no label initials in the text (see `render`).
pub const MARKS_LIMIT: usize = 3000;

/// How spans look: which colour slot a label uses, and which span is selected.
pub struct SpanStyle<'a> {
    /// The colour slot (0–11) of a label name.
    pub slot_of: &'a dyn Fn(&str) -> usize,
    /// The selected span, drawn with an outline.
    pub selected: Option<SpanId>,
    /// Suggested ranges, drawn as dashed "ghost" highlights (sorted by start).
    pub ghosts: &'a [Range<usize>],
    /// The colour slot of each ghost.
    pub ghost_slots: &'a [usize],
    /// The ghost under the suggestion cursor.
    pub current_ghost: Option<usize>,
}

/// The rendered state of the reader for one document.
pub struct ReaderView {
    root: HtmlElement,
    paragraphs: Paragraphs,
    elements: Vec<Element>,
}

impl ReaderView {
    /// Replaces the content of `root` with `doc`'s text and highlights.
    pub fn render(root: HtmlElement, doc: &Document, style: &SpanStyle) -> ReaderView {
        let paragraphs = Paragraphs::new(&doc.text);
        let document = root.owner_document().expect("the reader is in a document");
        root.set_text_content(None);
        let fragment = document.create_document_fragment();
        let mut sorted: Vec<&Span> = doc.spans.iter().collect();
        sorted.sort_by_key(|s| s.start);
        let mut next = 0;
        let mut active: Vec<&Span> = vec![];
        let mut elements = Vec::with_capacity(paragraphs.count());
        for i in 0..paragraphs.count() {
            let chars = paragraphs.chars(i);
            active.retain(|s| s.end.0 > chars.start);
            while next < sorted.len() && sorted[next].start.0 < chars.end.max(chars.start + 1) {
                if sorted[next].end.0 > chars.start {
                    active.push(sorted[next]);
                }
                next += 1;
            }
            let el = document.create_element("div").expect("div");
            el.set_class_name("para");
            let _ = el.set_attribute("dir", "auto");
            let _ = el.set_attribute("data-p", &i.to_string());
            fill_paragraph(&document, &el, doc, &paragraphs, i, &active, style);
            let _ = fragment.append_child(&el);
            elements.push(el);
        }
        let _ = root.append_child(&fragment);
        // Label initials at span starts cost a generated box each; past a few thousand spans they
        // slow layout more than they help (the tooltips and the span list still name every label).
        let _ = root
            .class_list()
            .toggle_with_force("with-marks", doc.spans.len() <= MARKS_LIMIT);
        ReaderView {
            root,
            paragraphs,
            elements,
        }
    }

    /// Re-renders the paragraphs touched by any of `ranges` (code points).
    pub fn refresh(&mut self, doc: &Document, ranges: &[Range<usize>], style: &SpanStyle) {
        let document = self
            .root
            .owner_document()
            .expect("the reader is in a document");
        let mut todo: Vec<usize> = ranges
            .iter()
            .flat_map(|r| self.paragraphs.touching(r.start, r.end))
            .collect();
        todo.sort_unstable();
        todo.dedup();
        for i in todo {
            let chars = self.paragraphs.chars(i);
            let touching: Vec<&Span> = doc
                .spans
                .iter()
                .filter(|s| s.start.0 < chars.end.max(chars.start + 1) && s.end.0 > chars.start)
                .collect();
            let el = &self.elements[i];
            el.set_text_content(None);
            fill_paragraph(&document, el, doc, &self.paragraphs, i, &touching, style);
        }
    }

    /// The paragraph layout (for mapping selections).
    pub fn paragraphs(&self) -> &Paragraphs {
        &self.paragraphs
    }

    /// The reader's root element.
    pub fn root(&self) -> &HtmlElement {
        &self.root
    }
}

fn fill_paragraph(
    document: &web_sys::Document,
    el: &Element,
    doc: &Document,
    paragraphs: &Paragraphs,
    i: usize,
    spans: &[&Span],
    style: &SpanStyle,
) {
    let chars = paragraphs.chars(i);
    let bytes = paragraphs.bytes(i);
    let content = &doc.text[bytes.clone()];
    let segs = segments(chars.clone(), spans, style.ghosts);
    // Walk the paragraph once, turning each segment's code points into a byte slice.
    let mut iter = content
        .char_indices()
        .map(|(b, _)| b)
        .chain(std::iter::once(content.len()));
    let mut pos = chars.start;
    let mut byte = iter.next().unwrap_or(0);
    for seg in segs {
        let from = byte;
        while pos < seg.chars.end {
            byte = iter.next().unwrap_or(content.len());
            pos += 1;
        }
        let piece = &content[from..byte];
        if piece.is_empty() {
            continue;
        }
        let text = document.create_text_node(piece);
        if seg.spans.is_empty() && seg.ghosts.is_empty() {
            let _ = el.append_child(&text);
            continue;
        }
        let mark = document.create_element("mark").expect("mark");
        let mut class = if seg.spans.is_empty() {
            String::from("ghost-only")
        } else {
            segment_class(&seg.spans, spans, style)
        };
        if let Some(&g) = seg.ghosts.last() {
            let slot = style.ghost_slots.get(g).copied().unwrap_or(0);
            class.push_str(&format!(" ghost g-{slot}"));
            if style.current_ghost.is_some_and(|c| seg.ghosts.contains(&c)) {
                class.push_str(" ghost-current");
            }
            let ids: Vec<String> = seg.ghosts.iter().map(usize::to_string).collect();
            let _ = mark.set_attribute("data-ghosts", &ids.join(","));
        }
        mark.set_class_name(&class);
        if !seg.spans.is_empty() {
            let ids: Vec<String> = seg.spans.iter().map(|id| id.0.to_string()).collect();
            let _ = mark.set_attribute("data-spans", &ids.join(","));
            // Spans are perceivable without colour: each one's label initial marks its start
            // (a CSS ::before, so the text content stays the document text).
            let starting: String = seg
                .spans
                .iter()
                .filter_map(|id| spans.iter().find(|s| s.id == *id))
                .filter(|s| s.start.0 == seg.chars.start)
                .filter_map(|s| s.label.chars().next())
                .flat_map(char::to_uppercase)
                .collect();
            if !starting.is_empty() {
                let _ = mark.set_attribute("data-mark", &starting);
            }
            // The labels, outermost first, for a tooltip and screen readers.
            let names: Vec<&str> = seg
                .spans
                .iter()
                .filter_map(|id| spans.iter().find(|s| s.id == *id))
                .map(|s| s.label.as_str())
                .collect();
            let _ = mark.set_attribute("title", &names.join(" › "));
        }
        let _ = mark.append_child(&text);
        let _ = el.append_child(&mark);
    }
    if paragraphs.has_newline(i) {
        let _ = el.append_child(&document.create_text_node("\n"));
    }
}

fn segment_class(ids: &[SpanId], spans: &[&Span], style: &SpanStyle) -> String {
    let slot = |id: &SpanId| {
        spans
            .iter()
            .find(|s| s.id == *id)
            .map(|s| (style.slot_of)(&s.label))
            .unwrap_or(0)
    };
    let innermost = ids.last().expect("a covered segment has spans");
    let mut class = format!("seg bg-{}", slot(innermost));
    for (level, id) in ids.iter().take(4).enumerate() {
        class.push_str(&format!(" u{}-{}", level + 1, slot(id)));
    }
    if style.selected.is_some_and(|sel| ids.contains(&sel)) {
        class.push_str(" sel");
    }
    class
}

/// The span ids a clicked element carries (innermost last), if it is a highlighted segment.
pub fn spans_at(target: &web_sys::EventTarget) -> Vec<SpanId> {
    let Some(el) = target.dyn_ref::<Element>() else {
        return vec![];
    };
    let Ok(Some(seg)) = el.closest(".seg") else {
        return vec![];
    };
    seg.get_attribute("data-spans")
        .unwrap_or_default()
        .split(',')
        .filter_map(|s| s.parse().ok().map(SpanId))
        .collect()
}
