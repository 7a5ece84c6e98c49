//! Screen state: which dialog is open, the paste panel, the find bar, the theme, the list's
//! filter, and the messages shown to the user. Plain enums, no workspace data.

use leptos::prelude::*;

/// A modal dialog (at most one is open).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Dialog {
    /// The export dialog.
    Export,
    /// The label editor.
    Labels,
    /// The keyboard help.
    Help,
    /// Stories across documents.
    Stories,
}

/// What the middle column shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pane {
    /// The open document.
    Reader,
    /// The paste panel (a new document).
    Paste,
}

/// The colour theme.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Theme {
    /// Follow the system's preference.
    System,
    /// Always light.
    Light,
    /// Always dark.
    Dark,
}

impl Theme {
    /// The remembered name (`None` for the system's).
    pub fn name(self) -> Option<&'static str> {
        match self {
            Theme::System => None,
            Theme::Light => Some("light"),
            Theme::Dark => Some("dark"),
        }
    }

    /// The theme a remembered name stands for.
    pub fn from_name(name: Option<&str>) -> Self {
        match name {
            Some("light") => Theme::Light,
            Some("dark") => Theme::Dark,
            _ => Theme::System,
        }
    }

    /// The next theme of the toggle: system → dark → light → system.
    pub fn next(self) -> Self {
        match self {
            Theme::System => Theme::Dark,
            Theme::Dark => Theme::Light,
            Theme::Light => Theme::System,
        }
    }
}

/// Which documents the list shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StatusFilter {
    /// Every document.
    All,
    /// Documents still to do.
    ToDo,
    /// Documents marked done.
    Done,
}

impl StatusFilter {
    /// Whether a document with this done mark is listed.
    pub fn admits(self, done: bool) -> bool {
        match self {
            StatusFilter::All => true,
            StatusFilter::ToDo => !done,
            StatusFilter::Done => done,
        }
    }
}

/// What an error is about: a later success of the same kind clears it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ErrorAbout {
    /// Writing to the browser's storage.
    Saving,
    /// Anything else (reading storage, an import, an edit, an export).
    Other,
}

/// An error shown to the user.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AppError {
    /// What it concerns.
    pub about: ErrorAbout,
    /// The message, complete sentences.
    pub text: String,
}

/// The screen's state. Every field is a reactive handle: the struct is cheap to copy.
#[derive(Clone, Copy)]
pub struct Screen {
    /// The open dialog, if any.
    pub dialog: RwSignal<Option<Dialog>>,
    /// Whether the find bar is open.
    pub find_open: RwSignal<bool>,
    /// What the middle column shows.
    pub pane: RwSignal<Pane>,
    /// The colour theme (remembered by `storage::prefs`).
    pub theme: RwSignal<Theme>,
    /// Which documents the list shows.
    pub status_filter: RwSignal<StatusFilter>,
    /// The error shown, if any.
    pub error: RwSignal<Option<AppError>>,
    /// A passing notice.
    pub notice: RwSignal<Option<String>>,
}

impl Screen {
    /// Creates the screen state with the remembered theme.
    pub fn new(theme: Theme) -> Self {
        Screen {
            dialog: RwSignal::new(None),
            find_open: RwSignal::new(false),
            pane: RwSignal::new(Pane::Reader),
            theme: RwSignal::new(theme),
            status_filter: RwSignal::new(StatusFilter::All),
            error: RwSignal::new(None),
            notice: RwSignal::new(None),
        }
    }

    /// Shows an error.
    pub fn fail(&self, text: impl Into<String>) {
        self.fail_about(ErrorAbout::Other, text);
    }

    /// Shows an error about `about`.
    pub fn fail_about(&self, about: ErrorAbout, text: impl Into<String>) {
        self.error.set(Some(AppError {
            about,
            text: text.into(),
        }));
    }

    /// Clears the error, if it is about `about`; returns whether one was cleared.
    pub fn clear_error_about(&self, about: ErrorAbout) -> bool {
        let matches = self
            .error
            .with_untracked(|e| e.as_ref().is_some_and(|e| e.about == about));
        if matches {
            self.error.set(None);
        }
        matches
    }

    /// Shows a passing notice.
    pub fn notify(&self, text: impl Into<String>) {
        self.notice.set(Some(text.into()));
    }

    /// Opens a dialog (closing any other).
    pub fn open_dialog(&self, dialog: Dialog) {
        self.dialog.set(Some(dialog));
    }

    /// Closes any dialog.
    pub fn close_dialog(&self) {
        self.dialog.set(None);
    }

    /// Whether `dialog` is open (tracked).
    pub fn is_open(&self, dialog: Dialog) -> bool {
        self.dialog.get() == Some(dialog)
    }
}

/// Reads the screen state from context.
pub fn use_screen() -> Screen {
    expect_context::<Screen>()
}
