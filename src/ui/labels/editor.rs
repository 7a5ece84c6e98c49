//! Edit the label set: add, rename (everywhere), recolour (with a contrast check), describe,
//! re-key (conflicts refused), reorder, delete (asks first, says how many spans go; undoable);
//! export and import the set alone as a small JSON file.

use leptos::{prelude::*, task::spawn_local};
use spanmark_core::labels::{
    self, contrast_warnings, delete_edit, rename_edit, set_edit, spans_with,
};
use spanmark_core::{Label, LabelSet};
use wasm_bindgen::JsCast;

use crate::state::{use_documents, use_screen, Dialog, Documents};

/// Applies a new label set through the history, or shows why it is refused.
pub(super) fn apply_set(
    app: Documents,
    problem: RwSignal<Option<String>>,
    change: impl FnOnce(&mut LabelSet),
) {
    let edit = app.ws.with_untracked(|ws| {
        let mut set = ws.labels.clone();
        change(&mut set);
        set_edit(ws, set)
    });
    match edit {
        Ok(edit) => {
            problem.set(None);
            app.apply(edit);
        }
        Err(e) => {
            problem.set(Some(format!("Not changed: {e}.")));
            // Redraw the editor from the unchanged set (reverts the refused input).
            app.ws.update(|_| {});
        }
    }
}

/// The label editor dialog.
#[component]
pub fn LabelEditor() -> impl IntoView {
    let app = use_documents();
    let screen = use_screen();
    let problem = RwSignal::new(None::<String>);
    let confirm_delete = RwSignal::new(None::<(String, usize)>);
    let labels = Memo::new(move |_| app.ws.with(|ws| ws.labels.labels.clone()));
    let (new_name, new_key, new_colour) = (
        RwSignal::new(String::new()),
        RwSignal::new(String::new()),
        RwSignal::new("#7b1fa2".to_string()),
    );

    let add = move || {
        let name = new_name.get_untracked().trim().to_string();
        let key = new_key.get_untracked().chars().next().unwrap_or(' ');
        let colour = new_colour.get_untracked();
        let before = app.ws.with_untracked(|ws| ws.labels.labels.len());
        apply_set(app, problem, |set| {
            set.labels.push(Label {
                name,
                colour,
                key,
                description: String::new(),
                attributes: vec![],
            })
        });
        if app.ws.with_untracked(|ws| ws.labels.labels.len()) > before {
            new_name.set(String::new());
            new_key.set(String::new());
        }
    };
    let export = move |_| {
        let body = app.ws.with_untracked(|ws| labels::export_file(&ws.labels));
        if let Err(e) = crate::dom::download::download(
            "spanmark-labels.json",
            "application/json",
            body.as_bytes(),
        ) {
            problem.set(Some(format!("The label set could not be downloaded: {e}")));
        }
    };
    let import = move |e: web_sys::Event| {
        let Some(input) = e
            .target()
            .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
        else {
            return;
        };
        let Some(file) = input.files().and_then(|l| l.item(0)) else {
            return;
        };
        input.set_value("");
        spawn_local(async move {
            let picked = crate::dom::files::PickedFile::new(file);
            let contents = match picked.contents().await {
                Ok(contents) => contents,
                Err(e) => return problem.set(Some(e)),
            };
            let text = String::from_utf8_lossy(&contents.to_vec()).into_owned();
            match labels::import_file(&text) {
                Ok(mut set) => apply_set(app, problem, |current| {
                    // Labels that spans use but the shared scheme lacks stay, so no span loses its label.
                    for old in &current.labels {
                        if set.by_name(&old.name).is_none()
                            && app.ws.with_untracked(|ws| spans_with(ws, &old.name)) > 0
                        {
                            let mut kept = old.clone();
                            if set.by_key(kept.key).is_some() {
                                kept.key = ' ';
                            }
                            set.labels.push(kept);
                        }
                    }
                    *current = set;
                }),
                Err(e) => problem.set(Some(format!(
                    "{}: {e}. The label set is unchanged.",
                    picked.name
                ))),
            }
        });
    };

    let rows = move || {
        labels
            .get()
            .into_iter()
            .enumerate()
            .collect::<Vec<(usize, Label)>>()
    };
    view! {
        <Show when=move || screen.is_open(Dialog::Labels)>
            <div class="overlay" on:click=move |_| screen.close_dialog()></div>
            <div class="dialog" role="dialog" aria-modal="true" aria-labelledby="labels-title" data-testid="label-editor"
                on:keydown=move |e| if e.key() == "Escape" { screen.close_dialog() }>
                <h2 id="labels-title">"Labels"</h2>
                <p class="status">"Renaming changes every span with the label; all changes can be undone (Ctrl+Z)."</p>
                <div class="banner error" role="alert" data-testid="label-error" hidden=move || problem.with(Option::is_none)>
                    {move || problem.get().unwrap_or_default()}
                </div>
                <table class="label-table">
                    <thead><tr><th>"Name"</th><th>"Key"</th><th>"Colour"</th><th>"Description"</th><th></th></tr></thead>
                    <tbody>
                        <For each=rows key=|item| item.clone() let:item>
                            {
                                let (i, label) = item;
                                let name = label.name.clone();
                                let warnings = contrast_warnings(&label.colour);
                                view! {
                                    <tr data-testid="label-row" data-name=label.name.clone()>
                                        <td><input data-testid="label-name" aria-label="Name" value=label.name.clone()
                                            on:change={
                                                let from = name.clone();
                                                move |e| {
                                                    let to = event_target_value(&e).trim().to_string();
                                                    if to == from { return }
                                                    match app.ws.with_untracked(|ws| rename_edit(ws, &from, &to)) {
                                                        Ok(edit) => { problem.set(None); app.apply(edit); }
                                                        Err(err) => { problem.set(Some(format!("Not renamed: {err}."))); app.ws.update(|_| {}); }
                                                    }
                                                }
                                            } /></td>
                                        <td><input data-testid="label-key" aria-label="Shortcut key" class="key-input" maxlength="1"
                                            value=label.key.to_string().trim().to_string()
                                            on:change=move |e| {
                                                let key = event_target_value(&e).chars().next().unwrap_or(' ');
                                                apply_set(app, problem, |set| set.labels[i].key = key);
                                            } /></td>
                                        <td>
                                            <input type="color" data-testid="label-colour" aria-label="Colour" value=label.colour.clone()
                                                on:change=move |e| {
                                                    let colour = event_target_value(&e);
                                                    apply_set(app, problem, |set| set.labels[i].colour = colour);
                                                } />
                                            {(!warnings.is_empty()).then(|| view! {
                                                <span class="contrast-warning" data-testid="label-contrast" title=warnings.join("\n")>"⚠ low contrast"</span>
                                            })}
                                        </td>
                                        <td><input data-testid="label-description" aria-label="Description" value=label.description.clone()
                                            on:change=move |e| {
                                                let d = event_target_value(&e);
                                                apply_set(app, problem, |set| set.labels[i].description = d);
                                            } /></td>
                                        <td class="label-actions">
                                            <button data-testid="label-up" title="Move up" disabled={i == 0}
                                                on:click=move |_| apply_set(app, problem, |set| set.labels.swap(i, i - 1))>"Up"</button>
                                            <button data-testid="label-down" title="Move down"
                                                disabled={move || i + 1 >= labels.with(Vec::len)}
                                                on:click=move |_| apply_set(app, problem, |set| set.labels.swap(i, i + 1))>"Down"</button>
                                            <button data-testid="label-delete" aria-label=format!("Delete label {}", name) on:click={
                                                let name = name.clone();
                                                move |_| {
                                                    let n = app.ws.with_untracked(|ws| spans_with(ws, &name));
                                                    confirm_delete.set(Some((name.clone(), n)));
                                                }
                                            }>"Delete"</button>
                                        </td>
                                    </tr>
                                    {super::attributes::label_attributes(app, problem, i, &label)}
                                }
                            }
                        </For>
                    </tbody>
                </table>
                <super::attributes::RelationKinds app=app problem=problem />
                <Show when=move || confirm_delete.with(Option::is_some)>
                    {move || confirm_delete.get().map(|(name, n)| view! {
                        <div class="confirm" role="alertdialog" aria-label="Confirm deletion" data-testid="label-delete-confirm">
                            <span>{format!("Delete the label “{name}” and the {n} span(s) that carry it? You can undo this.")}</span>
                            <button class="danger" data-testid="label-delete-yes" on:click={
                                let name = name.clone();
                                move |_| {
                                    let edit = app.ws.with_untracked(|ws| delete_edit(ws, &name));
                                    app.apply(edit);
                                    confirm_delete.set(None);
                                }
                            }>{format!("Delete {n} span(s)")}</button>
                            <button on:click=move |_| confirm_delete.set(None)>"Keep it"</button>
                        </div>
                    })}
                </Show>
                <form class="dialog-row add-label" on:submit=move |e| { e.prevent_default(); add(); }>
                    <input data-testid="label-new-name" placeholder="New label" aria-label="New label name"
                        prop:value=move || new_name.get() on:input=move |e| new_name.set(event_target_value(&e)) />
                    <input data-testid="label-new-key" class="key-input" placeholder="key" maxlength="1" aria-label="New label key"
                        prop:value=move || new_key.get() on:input=move |e| new_key.set(event_target_value(&e)) />
                    <input type="color" data-testid="label-new-colour" aria-label="New label colour"
                        prop:value=move || new_colour.get() on:input=move |e| new_colour.set(event_target_value(&e)) />
                    <button type="submit" data-testid="label-add">"Add label"</button>
                </form>
                <div class="dialog-actions">
                    <button data-testid="labels-export" on:click=export>"Export label set"</button>
                    <label class="file-button">
                        <span class="button-like">"Import label set…"</span>
                        <input type="file" data-testid="labels-import" accept=".json,application/json" aria-label="Import a label set" on:change=import />
                    </label>
                    <span class="spacer"></span>
                    <button class="primary" on:click=move |_| screen.close_dialog()>"Done"</button>
                </div>
            </div>
        </Show>
    }
}
