//! The comparison view: several annotators' files of the same documents, imported apart from the
//! workspace; the agreement matrix, the documents by lowest agreement, and the adjudication of one
//! document into its gold version (`adjudicate`).

pub mod adjudicate;
pub mod matrix;

use leptos::prelude::*;
use leptos::task::spawn_local;
use wasm_bindgen::JsCast;
use web_sys::HtmlInputElement;

use crate::dom::files;
use crate::state::{use_comparison, use_screen};
use crate::ui::import::ImportState;

/// A measure as shown: two decimals, "—" when undefined.
pub fn figure(x: Option<f64>) -> String {
    x.map_or_else(|| "—".to_string(), |x| format!("{x:.2}"))
}

/// The comparison view (shown while `Comparison::open`).
#[component]
pub fn CompareView() -> impl IntoView {
    let cmp = use_comparison();
    let screen = use_screen();
    let import = expect_context::<ImportState>();
    let error = RwSignal::new(None::<String>);
    let reading = RwSignal::new(false);
    let on_pick = move |e: web_sys::Event| {
        let Some(input) = e
            .target()
            .and_then(|t| t.dyn_into::<HtmlInputElement>().ok())
        else {
            return;
        };
        let picked: Vec<files::PickedFile> = input
            .files()
            .map(|l| files::files_of(&l))
            .unwrap_or_default()
            .into_iter()
            .map(files::PickedFile::new)
            .collect();
        input.set_value("");
        let format = import.format.get_untracked();
        reading.set(true);
        spawn_local(async move {
            let (mut read, mut errors) = (vec![], vec![]);
            for (name, result) in crate::ui::import::read_apart(format, picked).await {
                match result {
                    Ok(docs) => read.push((name, docs)),
                    Err(e) => errors.push(e),
                }
            }
            if !read.is_empty() {
                cmp.add_files(read);
            }
            reading.set(false);
            error.set((!errors.is_empty()).then(|| errors.join("\n")));
        });
    };
    let close = move || {
        cmp.open.set(false);
        screen.close_dialog();
    };
    view! {
        <Show when=move || cmp.open.get()>
            <section class="compare" data-testid="compare" role="dialog" aria-modal="true" aria-labelledby="compare-title"
                on:keydown=move |e| {
                    // The workspace's keys stay out of the comparison.
                    e.stop_propagation();
                    if e.key() == "Escape" && !e.default_prevented() { close() }
                }>
                <header class="compare-head">
                    <h2 id="compare-title">"Compare annotators"</h2>
                    <label class="file-button">
                        <span class="button-like" aria-hidden="true">"Import annotators' files…"</span>
                        <input type="file" data-testid="compare-import" multiple
                            accept=".jsonl,.json,.jsonld,.zip,.txt,.ann,.conll,.iob,.tsv"
                            aria-label="Import annotators' files (one per annotator, any supported format)" on:change=on_pick />
                    </label>
                    <button data-testid="compare-clear" on:click=move |_| { cmp.clear(); error.set(None) }
                        disabled=move || cmp.annotators.with(Vec::is_empty)>"Clear"</button>
                    <span class="spacer"></span>
                    <button data-testid="compare-close" on:click=move |_| close()>"Close"</button>
                </header>
                <ul class="compare-annotators" data-testid="compare-annotators">
                    {move || cmp.annotators.with(|list| list.iter().enumerate().map(|(k, (name, docs))| view! {
                        <li><span class="lane-no">{k + 1}</span>{name.clone()}<span class="muted">{format!(" · {} document(s)", docs.len())}</span></li>
                    }).collect_view())}
                </ul>
                <Show when=move || reading.get()><p class="muted">"Reading the files…"</p></Show>
                {move || error.get().map(|e| view! { <p class="compare-error" role="alert" data-testid="compare-error">{e}</p> })}
                {move || match cmp.report.get() {
                    None if cmp.annotators.with(|a| a.len() < 2) => view! {
                        <p class="muted compare-hint">"Import each annotator's export of the same documents (any format Spanmark reads). The annotator is the records' "<code>"annotator"</code>", else the file name."</p>
                    }.into_any(),
                    None => view! { <p class="muted">"Comparing…"</p> }.into_any(),
                    Some(Err(e)) => view! { <p class="compare-error" role="alert" data-testid="compare-error">{e}</p> }.into_any(),
                    Some(Ok(_)) => view! {
                        <Show when=move || cmp.adjudicating.with(Option::is_some) fallback=move || view! { <Overview /> }>
                            <adjudicate::Adjudicate />
                        </Show>
                    }.into_any(),
                }}
            </section>
        </Show>
    }
}

/// The matrix and the documents, lowest agreement first.
#[component]
fn Overview() -> impl IntoView {
    let cmp = use_comparison();
    let failed = RwSignal::new(None::<String>);
    view! {
        <div class="compare-overview">
            <p class="compare-summary" data-testid="compare-summary">{move || cmp.report.with(|r| match r {
                Some(Ok(r)) => format!(
                    "{} annotators · {} documents compared ({} by everyone{}){}",
                    r.annotators.len(), r.documents, r.complete,
                    if r.single > 0 { format!(", {} with one annotator left out", r.single) } else { String::new() },
                    cmp.took_ms.get().map(|t| format!(" · computed in {t:.0} ms")).unwrap_or_default(),
                ),
                _ => String::new(),
            })}</p>
            <matrix::Matrix />
            <h3>"Documents, lowest agreement first"</h3>
            {move || failed.get().map(|e| view! { <p class="compare-error" role="alert">{e}</p> })}
            <table class="agree-docs" data-testid="agree-docs">
                <thead><tr><th>"Document"</th><th>"F1 exact"</th><th>"F1 relaxed"</th><th>"Annotators"</th><th></th></tr></thead>
                <tbody>
                    {move || cmp.report.with(|r| match r {
                        Some(Ok(r)) => r.rows.iter().enumerate().map(|(i, row)| {
                            let present = row.versions.iter().filter(|v| v.is_some()).count();
                            view! {
                                <tr data-testid="agree-doc-row" data-id=row.id.clone() data-f1-relaxed=figure(row.f1_relaxed)>
                                    <td class="title">{row.title.clone()}</td>
                                    <td class="num">{figure(row.f1_exact)}</td>
                                    <td class="num">{figure(row.f1_relaxed)}</td>
                                    <td class="num">{present}</td>
                                    <td><button data-testid="adjudicate-open" on:click=move |_| cmp.adjudicate(i, move |e| failed.set(Some(e)))>"Adjudicate"</button></td>
                                </tr>
                            }
                        }).collect_view().into_any(),
                        _ => ().into_any(),
                    })}
                </tbody>
            </table>
        </div>
    }
}
