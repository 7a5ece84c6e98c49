//! The import progress bar, the summary of the last import, and the offer to import the valid
//! records of a rejected one.

use leptos::prelude::*;

use super::{start, ImportState};
use crate::state::use_screen;

/// Progress and summary of imports (shown under the top bar).
#[component]
pub fn ImportSummary() -> impl IntoView {
    let screen = use_screen();
    let import = expect_context::<ImportState>();
    view! {
        <Show when=move || import.progress.get().is_some()>
            <div class="banner info">
                <label>"Importing… "
                    <progress data-testid="import-progress"
                        max=move || import.progress.get().map(|p| p.1).unwrap_or(1)
                        value=move || import.progress.get().map(|p| p.0).unwrap_or(0)></progress>
                </label>
            </div>
        </Show>
        <Show when=move || import.can_keep_valid.get() && screen.error.with(Option::is_some)>
            <div class="banner error">
                <span>"The files above were not imported. "</span>
                <button data-testid="import-valid" on:click=move |_| {
                    let files = import.rejected.get_value();
                    import.rejected.set_value(vec![]);
                    start(import, files, true);
                }>"Import the valid records"</button>
            </div>
        </Show>
        <Show when=move || import.report.with(Option::is_some)>
            {move || import.report.get().map(|r| view! {
                <div class="banner info" data-testid="import-summary" role="status">
                    <div>
                        <strong>{format!(
                            "Imported {} document(s) with {} span(s) from {} file(s); {} warning(s).",
                            r.documents, r.spans, r.files, r.warnings.len()
                        )}</strong>
                        <Show when={
                            let n = r.warnings.len();
                            move || n > 0
                        }>
                            <details>
                                <summary>"Warnings"</summary>
                                <ul class="warnings">
                                    {r.warnings.iter().map(|w| view! { <li>{w.clone()}</li> }).collect_view()}
                                </ul>
                            </details>
                        </Show>
                    </div>
                    <button aria-label="Dismiss" on:click=move |_| import.report.set(None)>"×"</button>
                </div>
            })}
        </Show>
    }
}
