//! Who the user is as an annotator: a name set once (asked at the first export), remembered in
//! this browser (`storage::prefs`) and written as `annotator` on every exported record.

use std::sync::Arc;

use leptos::prelude::*;
use spanmark_core::Document;

type Then = Arc<dyn Fn() + Send + Sync>;

/// The annotator's name and the prompt asking for it.
#[derive(Clone, Copy)]
pub struct Identity {
    /// The name, once set.
    pub name: RwSignal<Option<String>>,
    /// Whether the prompt for the name is shown.
    pub asking: RwSignal<bool>,
    /// What to do once the name is given (the export that asked for it).
    then: StoredValue<Option<Then>>,
}

impl Identity {
    /// The remembered name, if any.
    pub fn new() -> Self {
        Identity {
            name: RwSignal::new(crate::storage::prefs::annotator()),
            asking: RwSignal::new(false),
            then: StoredValue::new(None),
        }
    }

    /// Runs `then` at once when the name is known; otherwise asks for it and runs `then` once it
    /// is given (not if the prompt is cancelled).
    pub fn ensure(&self, then: impl Fn() + Send + Sync + 'static) {
        if self.name.get_untracked().is_some() {
            then();
        } else {
            self.then.set_value(Some(Arc::new(then)));
            self.asking.set(true);
        }
    }

    /// Shows the prompt to change the name (nothing runs afterwards).
    pub fn ask(&self) {
        self.then.set_value(None);
        self.asking.set(true);
    }

    /// Sets and remembers the name, then runs what was waiting for it.
    pub fn set(&self, name: &str) {
        let name = name.trim();
        if name.is_empty() {
            return;
        }
        crate::storage::prefs::set_annotator(name);
        self.name.set(Some(name.to_string()));
        self.asking.set(false);
        if let Some(then) = self.then.try_update_value(Option::take).flatten() {
            then();
        }
    }

    /// Closes the prompt without a name; what was waiting is dropped.
    pub fn cancel(&self) {
        self.then.set_value(None);
        self.asking.set(false);
    }

    /// `doc` as exported: its `annotator` is the user's name unless it already names someone.
    pub fn stamp(name: Option<&str>, doc: &Document) -> Document {
        let mut doc = doc.clone();
        if doc.annotator.is_none() {
            doc.annotator = name.map(str::to_string);
        }
        doc
    }
}

impl Default for Identity {
    fn default() -> Self {
        Self::new()
    }
}

/// Reads the identity from context.
pub fn use_identity() -> Identity {
    expect_context::<Identity>()
}
