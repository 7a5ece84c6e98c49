//! Draws a document into the reader element, chunk by chunk, and redraws only the paragraphs an
//! edit touches.
//!
//! Design (measured in bench/results.md): the reader's children are chunks of consecutive
//! paragraphs (about 4,000 code points each) with `content-visibility: auto`, so Chromium lays out
//! and paints only the chunks near the viewport, however long the document. A chunk starts *raw*:
//! one text node holding its text exactly. Chunks near the viewport (an `IntersectionObserver` on
//! the scroll container, with a wide margin) are *filled*: one `<div class="para">` per paragraph;
//! inside it, plain text nodes for unannotated runs and one `<mark class="seg …">` per run covered by
//! the same spans, so nested and overlapping spans stay distinguishable (background of the innermost
//! span, one underline band per nesting level). Raw or filled, the reader's text content is the
//! document text. An edit re-renders only the filled paragraphs its span touches (a raw chunk is
//! drawn from the model when it is filled), so its cost does not grow with the document.
//! All text is inserted with `createTextNode`: never as HTML.

use std::ops::Range;

use spanmark_core::{Document, Span, SpanId};
use wasm_bindgen::prelude::Closure;
use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlElement, IntersectionObserver, IntersectionObserverEntry};

use super::paragraphs::{segments, Paragraphs};

/// Documents with more spans than this show no label initials in the text (see `render`).
pub const MARKS_LIMIT: usize = 3000;

/// How the reader is cut into chunks.
#[derive(Debug, Clone, Copy)]
pub struct ChunkOptions {
    /// About this many code points per chunk.
    pub chunk_chars: usize,
    /// At most this many paragraphs per chunk.
    pub max_paragraphs: usize,
    /// This many chunks from the start are filled when the document is drawn.
    pub eager_chunks: usize,
}

impl Default for ChunkOptions {
    fn default() -> Self {
        ChunkOptions {
            chunk_chars: 4000,
            max_paragraphs: 64,
            eager_chunks: 2,
        }
    }
}

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

/// One chunk of the reader: its element and paragraphs, and whether it has been filled.
struct Chunk {
    el: HtmlElement,
    paras: Range<usize>,
    filled: bool,
}

/// Watches chunks coming near the viewport; dropping it disconnects the observer.
struct Watch {
    observer: IntersectionObserver,
    _callback: Closure<dyn FnMut(js_sys::Array)>,
}

impl Drop for Watch {
    fn drop(&mut self) {
        self.observer.disconnect();
    }
}

/// The rendered state of the reader for one document.
pub struct ReaderView {
    root: HtmlElement,
    paragraphs: Paragraphs,
    chunks: Vec<Chunk>,
    /// The chunk of each paragraph.
    chunk_of: Vec<usize>,
    /// Paragraph elements of filled chunks.
    elements: Vec<Option<Element>>,
    watch: Option<Watch>,
}

/// Estimated height in pixels of paragraphs `paras` before they are laid out (about 85 code
/// points per line of the 46rem column, lines of 1.9 × 1.05rem): a raw chunk's placeholder size.
fn estimated_height(paragraphs: &Paragraphs, paras: &Range<usize>) -> usize {
    paras
        .clone()
        .map(|i| paragraphs.chars(i).len().div_ceil(85).max(1) * 32)
        .sum()
}

impl ReaderView {
    /// Replaces the content of `root` with `doc`'s text and highlights.
    pub fn render(root: HtmlElement, doc: &Document, style: &SpanStyle) -> ReaderView {
        Self::render_with(root, doc, style, ChunkOptions::default())
    }

    /// [`ReaderView::render`] with explicit chunking.
    pub fn render_with(
        root: HtmlElement,
        doc: &Document,
        style: &SpanStyle,
        options: ChunkOptions,
    ) -> ReaderView {
        let paragraphs = Paragraphs::new(&doc.text);
        let document = root.owner_document().expect("the reader is in a document");
        root.set_text_content(None);
        let fragment = document.create_document_fragment();
        let ranges = paragraphs.chunks(options.chunk_chars, options.max_paragraphs.max(1));
        let mut chunk_of = vec![0; paragraphs.count()];
        let mut chunks = Vec::with_capacity(ranges.len());
        for (c, paras) in ranges.into_iter().enumerate() {
            chunk_of[paras.clone()].fill(c);
            let el: HtmlElement = document
                .create_element("div")
                .expect("div")
                .unchecked_into();
            el.set_class_name("chunk raw");
            let _ = el.set_attribute("data-c", &c.to_string());
            let height = estimated_height(&paragraphs, &paras);
            let _ = el
                .style()
                .set_property("contain-intrinsic-size", &format!("auto {height}px"));
            let text = &doc.text[paragraphs.span_bytes(&paras)];
            let _ = el.append_child(&document.create_text_node(text));
            let _ = fragment.append_child(&el);
            chunks.push(Chunk {
                el,
                paras,
                filled: false,
            });
        }
        let _ = root.append_child(&fragment);
        // Label initials at span starts cost a generated box each; past a few thousand spans they
        // slow layout more than they help (the tooltips and the span list still name every label).
        let _ = root
            .class_list()
            .toggle_with_force("with-marks", doc.spans.len() <= MARKS_LIMIT);
        let mut view = ReaderView {
            root,
            elements: vec![None; paragraphs.count()],
            paragraphs,
            chunks,
            chunk_of,
            watch: None,
        };
        let eager: Vec<usize> = (0..options.eager_chunks.min(view.chunks.len())).collect();
        view.fill(&eager, doc, style);
        view
    }

    /// Calls `on_near` with the indices of raw chunks that come within a few screens of the
    /// scroll container's viewport (the caller fills them with [`ReaderView::fill`]).
    pub fn watch(
        &mut self,
        scroller: Option<&Element>,
        mut on_near: impl FnMut(Vec<usize>) + 'static,
    ) {
        let callback = Closure::<dyn FnMut(js_sys::Array)>::new(move |entries: js_sys::Array| {
            let near: Vec<usize> = entries
                .iter()
                .filter_map(|e| e.dyn_into::<IntersectionObserverEntry>().ok())
                .filter(|e| e.is_intersecting())
                .filter_map(|e| e.target().get_attribute("data-c")?.parse().ok())
                .collect();
            if !near.is_empty() {
                on_near(near);
            }
        });
        let init = web_sys::IntersectionObserverInit::new();
        init.set_root_margin("2400px 0px");
        if let Some(scroller) = scroller {
            init.set_root(Some(scroller));
        }
        let Ok(observer) =
            IntersectionObserver::new_with_options(callback.as_ref().unchecked_ref(), &init)
        else {
            return;
        };
        for chunk in self.chunks.iter().filter(|c| !c.filled) {
            observer.observe(&chunk.el);
        }
        self.watch = Some(Watch {
            observer,
            _callback: callback,
        });
    }

    /// Fills the raw chunks among `chunks` (indices) with paragraphs and highlights.
    pub fn fill(&mut self, chunks: &[usize], doc: &Document, style: &SpanStyle) {
        let document = self
            .root
            .owner_document()
            .expect("the reader is in a document");
        for &c in chunks {
            let Some(chunk) = self.chunks.get(c).filter(|c| !c.filled) else {
                continue;
            };
            let paras = chunk.paras.clone();
            let range = self.paragraphs.span_chars(&paras);
            let mut sorted: Vec<&Span> = doc
                .spans
                .iter()
                .filter(|s| s.start.0 < range.end.max(range.start + 1) && s.end.0 > range.start)
                .collect();
            sorted.sort_by_key(|s| s.start);
            let fragment = document.create_document_fragment();
            let mut next = 0;
            let mut active: Vec<&Span> = vec![];
            for i in paras {
                let chars = self.paragraphs.chars(i);
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
                fill_paragraph(&document, &el, doc, &self.paragraphs, i, &active, style);
                let _ = fragment.append_child(&el);
                self.elements[i] = Some(el);
            }
            let chunk = &mut self.chunks[c];
            chunk.el.set_text_content(None);
            let _ = chunk.el.append_child(&fragment);
            chunk.el.set_class_name("chunk");
            chunk.filled = true;
            if let Some(watch) = &self.watch {
                watch.observer.unobserve(&chunk.el);
            }
        }
    }

    /// The chunks (indices) holding code points `start..end`.
    pub fn chunks_touching(&self, start: usize, end: usize) -> Vec<usize> {
        let paras = self.paragraphs.touching(start, end);
        let mut chunks: Vec<usize> = paras.map(|p| self.chunk_of[p]).collect();
        chunks.dedup();
        chunks
    }

    /// Re-renders the filled paragraphs touched by any of `ranges` (code points).
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
            // A raw chunk is drawn from the model when it is filled.
            let Some(el) = &self.elements[i] else {
                continue;
            };
            let chars = self.paragraphs.chars(i);
            let touching: Vec<&Span> = doc
                .spans
                .iter()
                .filter(|s| s.start.0 < chars.end.max(chars.start + 1) && s.end.0 > chars.start)
                .collect();
            el.set_text_content(None);
            fill_paragraph(&document, el, doc, &self.paragraphs, i, &touching, style);
        }
    }

    /// The paragraph layout (for mapping selections).
    pub fn paragraphs(&self) -> &Paragraphs {
        &self.paragraphs
    }

    /// Chunk `c`: its element, its paragraphs and whether it is filled.
    pub fn chunk(&self, c: usize) -> Option<(&HtmlElement, Range<usize>, bool)> {
        let chunk = self.chunks.get(c)?;
        Some((&chunk.el, chunk.paras.clone(), chunk.filled))
    }

    /// How many chunks there are.
    pub fn chunk_count(&self) -> usize {
        self.chunks.len()
    }

    /// The element of paragraph `p`, if its chunk is filled.
    pub fn paragraph_element(&self, p: usize) -> Option<&Element> {
        self.elements.get(p)?.as_ref()
    }

    /// The chunk index of paragraph `p`.
    pub fn chunk_of(&self, p: usize) -> usize {
        self.chunk_of[p]
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
