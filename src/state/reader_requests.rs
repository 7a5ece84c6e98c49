//! What the state asks of the reader, as data: redraw these ranges, reveal this offset, select
//! this range. The state never calls the view; the reader drains the queue after each change.

use std::ops::Range;

use leptos::prelude::*;
use spanmark_core::DocumentId;

/// One request to the reader.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ReaderRequest {
    /// Redraw the paragraphs holding these code-point ranges of `doc` (if it is the one drawn).
    Redraw {
        /// The document concerned.
        doc: DocumentId,
        /// Code-point ranges whose paragraphs must be redrawn.
        ranges: Vec<Range<usize>>,
    },
    /// Scroll so that this code point is in view.
    Reveal {
        /// Code-point offset.
        offset: usize,
    },
    /// Select this range of the text and focus the reader (keyboard users go on from there).
    Select {
        /// First code point.
        start: usize,
        /// End (exclusive).
        end: usize,
    },
}

/// The queue of requests, and a count of changes to the reader's drawing (DOM Ranges into the
/// reader, such as find highlights, must be made anew after each).
#[derive(Clone, Copy)]
pub struct ReaderQueue {
    requests: RwSignal<Vec<ReaderRequest>>,
    /// Bumped by the reader each time its DOM changes.
    pub drawn: RwSignal<u64>,
}

impl ReaderQueue {
    /// An empty queue.
    pub fn new() -> Self {
        ReaderQueue {
            requests: RwSignal::new(vec![]),
            drawn: RwSignal::new(0),
        }
    }

    /// Queues a request (several may come in one tick; they are served in order).
    pub fn push(&self, request: ReaderRequest) {
        self.requests.update(|q| q.push(request));
    }

    /// Queues a redraw of `ranges` of `doc` (nothing when there are none).
    pub fn redraw(&self, doc: DocumentId, ranges: Vec<Range<usize>>) {
        if !ranges.is_empty() {
            self.push(ReaderRequest::Redraw { doc, ranges });
        }
    }

    /// Queues a scroll to `offset`.
    pub fn reveal(&self, offset: usize) {
        self.push(ReaderRequest::Reveal { offset });
    }

    /// Tracks the queue (for the reader's effect).
    pub fn track(&self) {
        self.requests.track();
    }

    /// Takes every queued request, without notifying.
    pub fn drain(&self) -> Vec<ReaderRequest> {
        self.requests
            .try_update_untracked(std::mem::take)
            .unwrap_or_default()
    }

    /// Marks the reader's DOM changed.
    pub fn mark_drawn(&self) {
        self.drawn.update(|n| *n += 1);
    }
}

impl Default for ReaderQueue {
    fn default() -> Self {
        Self::new()
    }
}
