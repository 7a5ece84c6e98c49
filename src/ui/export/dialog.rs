//! The export dialog: choose a format (and its options), see the first record and every warning
//! (misaligned spans, nesting a format cannot hold) before downloading.

use leptos::task::spawn_local;
use leptos::{html, prelude::*};
use spanmark_core::formats::{self, DoccanoVariant, ExportOptions, Format};
use spanmark_core::transfer::documents_to_bytes;

use crate::dom::lazy_formats::{self, ExportedFile};
use crate::state::{use_documents, use_screen, Dialog};

/// Characters of the first record shown as a preview.
const PREVIEW_CHARS: usize = 3000;

/// The export dialog; `open` shows and hides it.
#[component]
pub fn ExportDialog() -> impl IntoView {
    let app = use_documents();
    let screen = use_screen();
    let identity = crate::state::use_identity();
    let open = Signal::derive(move || screen.is_open(Dialog::Export));
    // The first export asks for the user's name (written as `annotator` on every record).
    Effect::new(move |_| {
        if open.get() && identity.name.get_untracked().is_none() {
            identity.ask();
        }
    });
    let format = RwSignal::new(Format::Spanmark);
    let doccano = RwSignal::new(DoccanoVariant::LabelTuples);
    let all_labels = Memo::new(move |_| {
        app.ws.with(|ws| {
            let mut names: Vec<String> = ws.labels.labels.iter().map(|l| l.name.clone()).collect();
            for l in formats::labels_in(&ws.documents) {
                if !names.contains(&l) {
                    names.push(l);
                }
            }
            names
        })
    });
    // Labels left out of IOB2/HF layers (empty: all).
    let excluded = RwSignal::new(Vec::<String>::new());
    let options = move || ExportOptions {
        labels: Some(
            all_labels
                .get()
                .into_iter()
                .filter(|l| !excluded.with(|e| e.contains(l)))
                .collect(),
        ),
        doccano: doccano.get(),
        file_stem: None,
        schema: Some(app.ws.with(|ws| ws.labels.clone())),
    };
    // The export and its preview are made by the formats module (loaded on first use): each
    // change of format, options or documents starts a new run; a run's result is shown only if
    // no later run has started.
    // Local: the file is a browser Blob. Read with `with` (never cloned out of the signal).
    let exported = RwSignal::new_local(None::<Result<ExportedFile, String>>);
    let preview = RwSignal::new(String::new());
    let run = StoredValue::new(0u64);
    Effect::new(move |_| {
        exported.set(None);
        preview.set(String::new());
        if !open.get() {
            return;
        }
        let (format, options) = (format.get(), options());
        let name = identity.name.get();
        let (all, first) = app.ws.with(|ws| {
            let named: Vec<_> = ws
                .documents
                .iter()
                .map(|d| crate::state::Identity::stamp(name.as_deref(), d))
                .collect();
            (
                documents_to_bytes(&named),
                named.first().map(|d| documents_to_bytes([d])),
            )
        });
        run.update_value(|n| *n += 1);
        let this_run = run.get_value();
        let current = move || run.get_value() == this_run;
        spawn_local(async move {
            let text = match first {
                Some(first) => lazy_formats::preview(format, first, &options)
                    .await
                    .unwrap_or_else(|e| e),
                None => "(no documents)".to_string(),
            };
            let mut cut: String = text.chars().take(PREVIEW_CHARS).collect();
            if text.chars().count() > PREVIEW_CHARS {
                cut.push_str("\n…");
            }
            let result = lazy_formats::export(format, all, &options).await;
            if current() {
                preview.set(cut);
                exported.set(Some(result));
            }
        });
    });
    let download = move |_| {
        let Some(result) = exported.with_untracked(|r| r.clone()) else {
            return;
        };
        match result {
            Ok(e) => {
                if let Err(err) = crate::dom::download::download_blob(&e.file_name, &e.blob) {
                    screen.fail(format!("The export could not be downloaded: {err}"));
                } else {
                    screen.close_dialog();
                }
            }
            Err(e) => screen.fail(format!("Export failed: {e}")),
        }
    };
    let select_ref = NodeRef::<html::Select>::new();
    Effect::new(move |_| {
        if open.get() {
            if let Some(s) = select_ref.get() {
                let _ = s.focus();
            }
        }
    });
    let layered = move || matches!(format.get(), Format::Iob2 | Format::Hf);
    view! {
        <Show when=move || open.get()>
            <div class="overlay" on:click=move |_| screen.close_dialog()></div>
            <div class="dialog" role="dialog" aria-modal="true" aria-labelledby="export-title"
                aria-busy=move || exported.with(Option::is_none).to_string()
                on:keydown=move |e| if e.key() == "Escape" { screen.close_dialog() }>
                <h2 id="export-title">"Export the workspace"</h2>
                <div class="dialog-row">
                    <label for="export-format">"Format"</label>
                    <select id="export-format" data-testid="export-format" node_ref=select_ref
                        on:change=move |e| {
                            if let Ok(f) = event_target_value(&e).parse::<Format>() { format.set(f) }
                        }>
                        {Format::ALL.iter().map(|f| view! {
                            <option value=f.id() selected=move || format.get() == *f>{format!("{} ({})", f.name(), f.id())}</option>
                        }).collect_view()}
                    </select>
                </div>
                <Show when=move || format.get() == Format::Doccano>
                    <div class="dialog-row">
                        <label for="export-doccano">"doccano variant"</label>
                        <select id="export-doccano" data-testid="export-doccano-variant" on:change=move |e| {
                            doccano.set(if event_target_value(&e) == "entities" { DoccanoVariant::EntitiesRelations } else { DoccanoVariant::LabelTuples })
                        }>
                            <option value="tuples">"label tuples (sequence labelling)"</option>
                            <option value="entities">"entities + relations"</option>
                        </select>
                    </div>
                </Show>
                <Show when=layered>
                    <fieldset class="dialog-row" data-testid="export-layers">
                        <legend>"Layers (one per label; nested spans of different labels are kept across layers)"</legend>
                        {move || all_labels.get().into_iter().map(|l| {
                            let name = l.clone();
                            view! {
                                <label class="layer">
                                    <input type="checkbox" prop:checked={
                                        let n = name.clone();
                                        move || !excluded.with(|e| e.contains(&n))
                                    } on:change={
                                        let n = name.clone();
                                        move |e| {
                                            let on = event_target_checked(&e);
                                            excluded.update(|x| { x.retain(|y| *y != n); if !on { x.push(n.clone()) } });
                                        }
                                    } />
                                    {l}
                                </label>
                            }
                        }).collect_view()}
                    </fieldset>
                </Show>
                <h3>"First record"</h3>
                <pre class="preview" data-testid="export-preview" dir="auto">{move || preview.get()}</pre>
                <h3>"Warnings"</h3>
                <ul class="warnings" data-testid="export-warnings">
                    {move || exported.with(|r| match r {
                        Some(Ok(e)) if e.warnings.is_empty() => view! { <li class="none">"None: every span fits this format exactly."</li> }.into_any(),
                        Some(Ok(e)) => e.warnings.iter().map(|w| view! { <li>{w.to_string()}</li> }).collect_view().into_any(),
                        Some(Err(e)) => view! { <li>{e.clone()}</li> }.into_any(),
                        None => view! { <li class="none">"Preparing the export…"</li> }.into_any(),
                    })}
                </ul>
                <div class="dialog-actions">
                    <button on:click=move |_| screen.close_dialog()>"Cancel"</button>
                    <button class="primary" data-testid="export-download" on:click=download
                        disabled=move || !exported.with(|r| matches!(r, Some(Ok(_))))>
                        {move || exported.with(|r| match r {
                            Some(Ok(e)) => format!("Download {}", e.file_name),
                            _ => "Download".into(),
                        })}
                    </button>
                </div>
            </div>
        </Show>
    }
}
