//! Fixed-height virtual lists (the document list, the span list): which rows to draw for the
//! scroll position, and scrolling a row into view — from the list's own scroll signals, since
//! reading the element's scroll position during an edit would force a layout of the page.

use leptos::{html, prelude::*};
use wasm_bindgen::{closure::Closure, JsCast};

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
        // The height is read when the browser reports it (a ResizeObserver: after its own layout,
        // before the paint), never on mounting, where reading it would force a layout of the whole
        // page before its first paint; and again whenever it changes (a window resized).
        Effect::new(move |_| {
            let Some(el) = list.scroll_ref.get() else {
                return;
            };
            let viewport = list.viewport;
            let on_resize =
                Closure::<dyn FnMut(js_sys::Array)>::new(move |entries: js_sys::Array| {
                    // The content box: the containers have no padding, so this is their
                    // clientHeight, read without asking for a layout.
                    let height = entries
                        .get(0)
                        .dyn_into::<web_sys::ResizeObserverEntry>()
                        .map(|e| e.content_rect().height().floor());
                    if let Ok(h) = height {
                        if h > 0.0 && viewport.try_get_untracked() != Some(h) {
                            let _ = viewport.try_set(h);
                        }
                    }
                });
            let Ok(observer) = web_sys::ResizeObserver::new(on_resize.as_ref().unchecked_ref())
            else {
                return;
            };
            observer.observe(&el);
            // Both lists live as long as the app: the callback stays with the observer.
            on_resize.forget();
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
