//! DOM Selection and Range boundaries ⇄ code-point offsets in the reader.
//!
//! A boundary is mapped by measuring the UTF-16 length of the text between its paragraph's start (or
//! its raw chunk's start, see `reader_view`) and the boundary (a DOM Range's `toString`), then
//! converting that local UTF-16 offset to code points with the paragraph's (or chunk's) own text.
//! The cost is that of one paragraph or chunk, whatever the document size.

use spanmark_core::offsets::{char_to_utf16_in, utf16_to_char_in, Utf16Offset};
use spanmark_core::CharOffset;
use wasm_bindgen::JsCast;
use web_sys::{Element, Node, Range};

use super::reader_view::ReaderView;

/// The reader's layout, as needed to map boundaries.
pub struct ReaderLayout<'a> {
    /// The drawn reader.
    pub view: &'a ReaderView,
    /// The document text.
    pub text: &'a str,
}

/// Code points of `content` before UTF-16 offset `utf16`; `None` past its end.
fn local_chars(content: &str, utf16: usize) -> Option<usize> {
    match utf16_to_char_in(content, Utf16Offset(utf16)) {
        Ok(c) => Some(c.0),
        Err(_) if utf16 > content.encode_utf16().count() => None,
        // Inside a surrogate pair (never from a real selection): round down.
        Err(_) => Some(
            utf16_to_char_in(content, Utf16Offset(utf16 - 1))
                .map(|c| c.0)
                .unwrap_or(0),
        ),
    }
}

impl ReaderLayout<'_> {
    /// The reader element.
    pub fn root(&self) -> &Element {
        self.view.root()
    }

    /// The code-point offset of DOM boundary (`node`, `offset`), if it lies in the reader.
    pub fn offset_of(&self, node: &Node, offset: u32) -> Option<usize> {
        let root: &Node = self.root().as_ref();
        let paragraphs = self.view.paragraphs();
        if node == root {
            let c = offset as usize;
            return Some(match self.view.chunk(c) {
                Some((_, paras, _)) => paragraphs.span_chars(&paras).start,
                None => self.len(),
            });
        }
        if !root.contains(Some(node)) {
            return None;
        }
        // `child` climbs to the node whose parent is a chunk (a paragraph element, or a raw
        // chunk's text node); `node` may also be a chunk itself.
        let mut child = node.clone();
        loop {
            let parent = child.parent_node()?;
            if &parent == root {
                // `node` is a chunk element: `offset` counts its children.
                let c: usize = child
                    .dyn_ref::<Element>()?
                    .get_attribute("data-c")?
                    .parse()
                    .ok()?;
                let (_, paras, filled) = self.view.chunk(c)?;
                let chunk = paragraphs.span_chars(&paras);
                let k = offset as usize;
                return Some(if filled && paras.start + k < paras.end {
                    paragraphs.chars(paras.start + k).start
                } else if k == 0 {
                    chunk.start
                } else {
                    chunk.end
                });
            }
            if parent.parent_node().as_ref() == Some(root) {
                break;
            }
            child = parent;
        }
        let range = Range::new().ok()?;
        range.set_start(&child, 0).ok()?;
        range.set_end(node, offset).ok()?;
        let utf16 = String::from(range.to_string()).encode_utf16().count();
        if let Some(i) = Self::paragraph_index(&child) {
            let chars = paragraphs.chars(i);
            let content = &self.text[paragraphs.bytes(i)];
            // Past the paragraph's content: at or after its '\n'.
            let local = local_chars(content, utf16).unwrap_or(chars.len() + 1);
            return Some((chars.start + local).min(self.len()));
        }
        // A raw chunk's text node.
        let c: usize = child
            .parent_element()?
            .get_attribute("data-c")?
            .parse()
            .ok()?;
        let (_, paras, _) = self.view.chunk(c)?;
        let chunk = paragraphs.span_chars(&paras);
        let content = &self.text[paragraphs.span_bytes(&paras)];
        let local = local_chars(content, utf16).unwrap_or(chunk.len());
        Some((chunk.start + local).min(self.len()))
    }

    /// A DOM boundary (text node, UTF-16 offset) for code-point `offset`.
    pub fn boundary_of(&self, offset: usize) -> Option<(Node, u32)> {
        let paragraphs = self.view.paragraphs();
        let i = paragraphs.index_of(offset.min(self.len()));
        let Some(para) = self.view.paragraph_element(i) else {
            // A raw chunk: one text node with the chunk's text.
            let (el, paras, _) = self.view.chunk(self.view.chunk_of(i))?;
            let chunk = paragraphs.span_chars(&paras);
            let content = &self.text[paragraphs.span_bytes(&paras)];
            let local = offset.saturating_sub(chunk.start).min(chunk.len());
            let utf16 = char_to_utf16_in(content, CharOffset(local)).ok()?.0 as u32;
            return Some((el.first_child()?, utf16));
        };
        let chars = paragraphs.chars(i);
        let content = &self.text[paragraphs.bytes(i)];
        let local = offset.saturating_sub(chars.start).min(chars.len());
        let mut want = char_to_utf16_in(content, CharOffset(local)).ok()?.0 as u32;
        let document = para.owner_document()?;
        let walker = document
            .create_tree_walker_with_what_to_show(para, 4 /* SHOW_TEXT */)
            .ok()?;
        let mut last = None;
        while let Ok(Some(node)) = walker.next_node() {
            let len = node
                .text_content()
                .map(|t| t.encode_utf16().count() as u32)
                .unwrap_or(0);
            if want <= len {
                return Some((node, want));
            }
            want -= len;
            last = Some((node, len));
        }
        last.or(Some((para.clone().into(), 0)))
    }

    /// The current window selection as code points `(anchor, focus)` ordered `(start, end)`, if both
    /// ends lie in the reader (an end outside is clamped to the reader's start or end).
    pub fn selection(&self) -> Option<(usize, usize)> {
        let sel = web_sys::window()?.get_selection().ok()??;
        if sel.range_count() == 0 {
            return None;
        }
        let range = sel.get_range_at(0).ok()?;
        let root: &Node = self.root().as_ref();
        let (sn, so) = (range.start_container().ok()?, range.start_offset().ok()?);
        let (en, eo) = (range.end_container().ok()?, range.end_offset().ok()?);
        let s_in = root.contains(Some(&sn));
        let e_in = root.contains(Some(&en));
        if !s_in && !e_in {
            // Both ends outside: the selection covers the reader only if it encloses it.
            return range
                .intersects_node(root)
                .ok()
                .filter(|&b| b)
                .map(|_| (0, self.len()));
        }
        let start = if s_in { self.offset_of(&sn, so)? } else { 0 };
        let end = if e_in {
            self.offset_of(&en, eo)?
        } else {
            self.len()
        };
        Some((start.min(end), start.max(end)))
    }

    /// Selects code points `start..end` in the window (a caret when equal).
    pub fn select(&self, start: usize, end: usize) -> Option<()> {
        let sel = web_sys::window()?.get_selection().ok()??;
        let (an, ao) = self.boundary_of(start)?;
        let (fnode, fo) = self.boundary_of(end)?;
        sel.set_base_and_extent(&an, ao, &fnode, fo).ok()
    }

    fn paragraph_index(child: &Node) -> Option<usize> {
        // The renderer numbers paragraph elements in `data-p`.
        child
            .dyn_ref::<Element>()?
            .get_attribute("data-p")?
            .parse()
            .ok()
    }

    fn len(&self) -> usize {
        let paragraphs = self.view.paragraphs();
        paragraphs.chars(paragraphs.count() - 1).end
    }
}
