//! DOM Selection and Range boundaries ⇄ code-point offsets in the reader.
//!
//! A boundary is mapped by measuring the UTF-16 length of the text between its paragraph's start and
//! the boundary (a DOM Range's `toString`), then converting that paragraph-local UTF-16 offset to code
//! points with the paragraph's own text. The cost is that of one paragraph, whatever the document size.

use spanmark_core::offsets::{char_to_utf16_in, utf16_to_char_in, Utf16Offset};
use spanmark_core::CharOffset;
use wasm_bindgen::JsCast;
use web_sys::{Element, Node, Range};

use super::paragraphs::Paragraphs;

/// The reader's layout, as needed to map boundaries.
pub struct ReaderLayout<'a> {
    /// The reader element; its children are the paragraph elements, in order.
    pub root: &'a Element,
    /// The document text.
    pub text: &'a str,
    /// Its paragraphs.
    pub paragraphs: &'a Paragraphs,
}

impl ReaderLayout<'_> {
    /// The code-point offset of DOM boundary (`node`, `offset`), if it lies in the reader.
    pub fn offset_of(&self, node: &Node, offset: u32) -> Option<usize> {
        let root: &Node = self.root.as_ref();
        if node == root {
            let i = offset as usize;
            return Some(if i >= self.paragraphs.count() {
                self.len()
            } else {
                self.paragraphs.chars(i).start
            });
        }
        if !root.contains(Some(node)) {
            return None;
        }
        // The paragraph element is the ancestor whose parent is the root.
        let mut para = node.clone();
        while para.parent_node().as_ref() != Some(root) {
            para = para.parent_node()?;
        }
        let i = self.index_of_child(&para)?;
        let range = Range::new().ok()?;
        range.set_start(&para, 0).ok()?;
        range.set_end(node, offset).ok()?;
        let utf16 = String::from(range.to_string()).encode_utf16().count();
        let chars = self.paragraphs.chars(i);
        let content = &self.text[self.paragraphs.bytes(i)];
        let local = match utf16_to_char_in(content, Utf16Offset(utf16)) {
            Ok(c) => c.0,
            // Past the paragraph's content: at or after its '\n'.
            Err(_) if utf16 > content.encode_utf16().count() => chars.len() + 1,
            // Inside a surrogate pair (never from a real selection): round down.
            Err(_) => utf16_to_char_in(content, Utf16Offset(utf16 - 1))
                .map(|c| c.0)
                .unwrap_or(0),
        };
        Some((chars.start + local).min(self.len()))
    }

    /// A DOM boundary (text node, UTF-16 offset) for code-point `offset`.
    pub fn boundary_of(&self, offset: usize) -> Option<(Node, u32)> {
        let i = self.paragraphs.index_of(offset.min(self.len()));
        let para = self.root.children().item(i as u32)?;
        let chars = self.paragraphs.chars(i);
        let content = &self.text[self.paragraphs.bytes(i)];
        let local = offset.saturating_sub(chars.start).min(chars.len());
        let mut want = char_to_utf16_in(content, CharOffset(local)).ok()?.0 as u32;
        let document = para.owner_document()?;
        let walker = document
            .create_tree_walker_with_what_to_show(&para, 4 /* SHOW_TEXT */)
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
        last.or(Some((para.into(), 0)))
    }

    /// The current window selection as code points `(anchor, focus)` ordered `(start, end)`, if both
    /// ends lie in the reader (an end outside is clamped to the reader's start or end).
    pub fn selection(&self) -> Option<(usize, usize)> {
        let sel = web_sys::window()?.get_selection().ok()??;
        if sel.range_count() == 0 {
            return None;
        }
        let range = sel.get_range_at(0).ok()?;
        let root: &Node = self.root.as_ref();
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

    fn index_of_child(&self, child: &Node) -> Option<usize> {
        // The renderer numbers paragraph elements in `data-p`.
        child
            .dyn_ref::<Element>()?
            .get_attribute("data-p")?
            .parse()
            .ok()
    }

    fn len(&self) -> usize {
        self.paragraphs.chars(self.paragraphs.count() - 1).end
    }
}
