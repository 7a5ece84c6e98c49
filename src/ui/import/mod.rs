//! Importing files: every format Spanmark reads (detected from content, or chosen), plain
//! `.txt`/`.md`/`.html` articles, and brat `.txt` + `.ann` pairs picked together.
//!
//! All files are read and checked before anything changes: one bad record rejects the import and
//! names file, line/record and problem, unless the user then asks to import the valid records.

pub mod summary;

use std::collections::HashMap;

use leptos::prelude::*;
use leptos::task::spawn_local;
use spanmark_core::formats::{spanmark_jsonl, Format, Imported, Warning};
use spanmark_core::{Document, LabelSet};

use crate::dom::files::PickedFile;
use crate::dom::lazy_formats;
use crate::state::{Documents, Screen};

/// What the last import did, for the summary panel.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ImportReport {
    /// Files read.
    pub files: usize,
    /// Documents added.
    pub documents: usize,
    /// Spans they carry.
    pub spans: usize,
    /// What could not be carried over exactly (and, for a partial import, what was skipped).
    pub warnings: Vec<String>,
}

/// Import state shared by the top bar (pickers), the drop target and the summary.
#[derive(Clone, Copy)]
pub struct ImportState {
    /// `Some(format)` forces a format; `None` detects it from each file's content.
    pub format: RwSignal<Option<Format>>,
    /// Progress of the running import: (files done, files in all).
    pub progress: RwSignal<Option<(usize, usize)>>,
    /// The last import's report.
    pub report: RwSignal<Option<ImportReport>>,
    /// Files of a rejected import, kept so the user can import their valid records.
    pub rejected: StoredValue<Vec<PickedFile>, LocalStorage>,
    /// Whether a rejected import can be retried keeping its valid records.
    pub can_keep_valid: RwSignal<bool>,
    docs: Documents,
    screen: Screen,
}

impl ImportState {
    /// Creates the state.
    pub fn new(docs: Documents, screen: Screen) -> Self {
        ImportState {
            docs,
            screen,
            format: RwSignal::new(None),
            progress: RwSignal::new(None),
            report: RwSignal::new(None),
            rejected: StoredValue::new_local(vec![]),
            can_keep_valid: RwSignal::new(false),
        }
    }
}

/// Reads the picked files and imports them (see the module's rules).
pub fn start(import: ImportState, files: Vec<PickedFile>, keep_valid: bool) {
    if files.is_empty() {
        return;
    }
    let (app, screen) = (import.docs, import.screen);
    spawn_local(async move {
        let total = files.len();
        import.progress.set(Some((0, total)));
        import.can_keep_valid.set(false);
        let format = import.format.get_untracked();
        let mut docs: Vec<Document> = vec![];
        let mut warnings: Vec<String> = vec![];
        let mut errors: Vec<String> = vec![];
        let mut done = 0;
        let mut pending_labels = vec![];
        for unit in units(files.clone()) {
            let (result, count) = match unit {
                Unit::BratPair { stem, text, ann } => {
                    (import_brat_pair(&stem, &text, &ann).await, 2)
                }
                Unit::File(f) => (
                    import_file(format, &f, keep_valid, &mut pending_labels).await,
                    1,
                ),
            };
            match result {
                Ok(imported) => {
                    docs.extend(imported.documents);
                    warnings.extend(imported.warnings.iter().map(Warning::to_string));
                }
                Err(e) => errors.push(e),
            }
            done += count;
            import.progress.set(Some((done.min(total), total)));
            crate::dom::perf::yield_to_browser().await;
        }
        import.progress.set(None);
        if !errors.is_empty() && !keep_valid {
            screen.fail(format!("Nothing was imported:\n{}", errors.join("\n")));
            import.rejected.set_value(files);
            import.can_keep_valid.set(true);
            return;
        }
        warnings.extend(errors.into_iter().map(|e| format!("skipped {e}")));
        // Id clashes and labels are checked against every document.
        app.until_loaded().await;
        for labels in pending_labels {
            app.merge_labels(labels);
        }
        let spans = docs.iter().map(|d| d.spans.len()).sum();
        let added = app.add_documents(docs);
        let renamed = added.renamed;
        if renamed > 0 {
            warnings.push(format!(
                "{renamed} document(s) had an id already in use and got a new one"
            ));
        }
        screen.error.set(None);
        import.report.set(Some(ImportReport {
            files: total,
            documents: added.ids.len(),
            spans,
            warnings,
        }));
        if let Some(first) = added.ids.first().cloned() {
            app.open(first);
        }
    });
}

/// Imports one file: Spanmark JSONL here, a large spaCy file as it is read (when it imports
/// cleanly), anything else (and any error's full report) through the formats module, whole.
async fn import_file(
    format: Option<Format>,
    file: &PickedFile,
    keep_valid: bool,
    pending_labels: &mut Vec<LabelSet>,
) -> Result<Imported, String> {
    let opened = file.open().await?;
    let native = match format {
        Some(chosen) => chosen == Format::Spanmark,
        None => spanmark_jsonl::looks_native(&opened.head),
    };
    if native {
        drop(opened);
        let bytes = file.contents().await?.to_vec();
        pending_labels.extend(
            std::str::from_utf8(&bytes)
                .ok()
                .and_then(spanmark_jsonl::labels_of),
        );
        return lazy_formats::import_native(&file.name, &bytes, keep_valid)
            .map_err(|e| e.to_string());
    }
    if !keep_valid {
        if let Some(imported) = lazy_formats::import_streamed(format, &file.name, opened).await {
            return Ok(imported);
        }
    }
    let contents = file.contents().await?;
    lazy_formats::import(format, &file.name, &contents, keep_valid).await
}

async fn import_brat_pair(
    stem: &str,
    text: &PickedFile,
    ann: &PickedFile,
) -> Result<Imported, String> {
    let (text_bytes, ann_bytes) = (text.contents().await?, ann.contents().await?);
    lazy_formats::import_brat_pair(stem, (&text.name, &text_bytes), (&ann.name, &ann_bytes)).await
}

enum Unit {
    File(PickedFile),
    BratPair {
        stem: String,
        text: PickedFile,
        ann: PickedFile,
    },
}

/// Groups `<name>.txt` + `<name>.ann` picked together into brat pairs.
fn units(files: Vec<PickedFile>) -> Vec<Unit> {
    let stem = |n: &str| {
        n.rsplit_once('.')
            .map(|(s, _)| s.to_string())
            .unwrap_or_default()
    };
    let anns: HashMap<String, usize> = files
        .iter()
        .enumerate()
        .filter(|(_, f)| f.name.ends_with(".ann"))
        .map(|(i, f)| (stem(&f.name), i))
        .collect();
    let mut paired_anns = vec![];
    let mut units = vec![];
    let mut files: Vec<Option<PickedFile>> = files.into_iter().map(Some).collect();
    for i in 0..files.len() {
        let is_txt = files[i].as_ref().is_some_and(|f| f.name.ends_with(".txt"));
        if !is_txt {
            continue;
        }
        let s = stem(&files[i].as_ref().expect("present").name);
        if let Some(&j) = anns.get(&s) {
            let text = files[i].take().expect("present");
            let ann = files[j].take().expect("present");
            paired_anns.push(j);
            units.push(Unit::BratPair { stem: s, text, ann });
        }
    }
    units.extend(files.into_iter().flatten().map(Unit::File));
    units
}

/// Reads the picked files for the comparison view, without adding them to the workspace: per
/// file (or brat pair), its name and its documents, or the error naming the file and problem.
pub async fn read_apart(
    format: Option<Format>,
    files: Vec<PickedFile>,
) -> Vec<(String, Result<Vec<Document>, String>)> {
    let mut out = vec![];
    for unit in units(files) {
        let (name, result) = match unit {
            Unit::BratPair { stem, text, ann } => (
                format!("{stem}.ann"),
                import_brat_pair(&stem, &text, &ann).await,
            ),
            Unit::File(f) => {
                let mut labels = vec![];
                (
                    f.name.clone(),
                    import_file(format, &f, false, &mut labels).await,
                )
            }
        };
        out.push((name, result.map(|i| i.documents)));
        crate::dom::perf::yield_to_browser().await;
    }
    out
}
