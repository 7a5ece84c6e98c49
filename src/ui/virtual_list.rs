//! Fixed-height virtual lists (the document list, the span list): which rows to draw for the
//! scroll position, and scrolling a row into view — from the list's own scroll signals, since
//! reading the element's scroll position during an edit would force a layout of the page.

use leptos::{html, prelude::*};

/// A scroll container of rows `row_height` pixels high, drawing those in view and `overscan` more
/// on each side.
#[derive(Clone, Copy)]
pub struct VirtualList {
    /// The scroll container (give it `on:scroll` → [`VirtualList::on_scroll`]).
    pub scroll_ref: NodeRef<html::Div>,
    scroll_top: RwSignal<f64>,
    viewport: RwSignal<f64>,
    row_height: f64,
    overscan: usize,
}

impl VirtualList {
    /// A list with no rows scrolled past; measures the container once it exists.
    pub fn new(row_height: f64, overscan: usize) -> Self {
        let list = VirtualList {
            scroll_ref: NodeRef::new(),
            scroll_top: RwSignal::new(0.0),
            viewport: RwSignal::new(900.0),
            row_height,
            overscan,
        };
        Effect::new(move |_| {
            if let Some(el) = list.scroll_ref.get() {
                let h = el.client_height() as f64;
                if h > 0.0 {
                    list.viewport.set(h);
                }
            }
        });
        list
    }

    /// The rows to draw, `first..last`, of `total` (reactive: follows the scroll position).
    pub fn window(&self, total: usize) -> (usize, usize) {
        let first =
            ((self.scroll_top.get() / self.row_height) as usize).saturating_sub(self.overscan);
        let count = (self.viewport.get() / self.row_height) as usize + 2 * self.overscan + 1;
        (first.min(total), (first + count).min(total))
    }

    /// Pixels standing for `rows` rows.
    pub fn px(&self, rows: usize) -> String {
        format!("{}px", rows as f64 * self.row_height)
    }

    /// Scrolls row `index` to the middle of the view if it is not in view (in the next frame,
    /// where layout happens anyway).
    pub fn keep_in_view(&self, index: usize) {
        let top = index as f64 * self.row_height;
        let (view_top, height) = (
            self.scroll_top.get_untracked(),
            self.viewport.get_untracked(),
        );
        if top < view_top || top + self.row_height > view_top + height {
            let target = (top - height / 2.0).max(0.0);
            if let Some(el) = self.scroll_ref.get_untracked() {
                request_animation_frame(move || el.set_scroll_top(target as i32));
            }
            self.scroll_top.set(target);
        }
    }

    /// Follows the container's scrolling.
    pub fn on_scroll(&self, e: &web_sys::Event) {
        let el = event_target::<web_sys::HtmlElement>(e);
        self.scroll_top.set(el.scroll_top() as f64);
        self.viewport.set(el.client_height() as f64);
    }
}
