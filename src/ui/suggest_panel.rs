//! The suggestion list for the open document: kind, covered text, speaker; accept / reject; accept
//! all of one label.

use leptos::prelude::*;
use spanmark_core::suggest::{QuoteStyle, SuggestionKind};
use spanmark_core::CharCheckpoints;

use crate::state::{use_documents, use_suggestions};

/// Suggestions listed at most at once (a window around the cursor).
const WINDOW: usize = 60;

/// The list of open suggestions of the current document.
#[component]
pub fn SuggestionPanel() -> impl IntoView {
    let app = use_documents();
    let suggest = use_suggestions();
    let listed = Memo::new(move |_| match app.current.get() {
        Some(doc) => suggest.listed(&doc),
        None => vec![],
    });
    let total = Memo::new(move |_| {
        let doc = app.current.get();
        suggest
            .by_doc
            .with(|m| doc.and_then(|d| m.get(&d).map(Vec::len)).unwrap_or(0))
    });
    let rows = move || {
        let cursor = suggest.cursor.get();
        let doc = app.current.get_untracked();
        listed.with(|list| {
            app.ws.with_untracked(|ws| {
                let Some(d) = doc.as_ref().and_then(|d| ws.document(d)) else {
                    return vec![];
                };
                let cp = CharCheckpoints::new(&d.text);
                let first = cursor.saturating_sub(WINDOW / 3);
                list.iter()
                    .enumerate()
                    .skip(first)
                    .take(WINDOW)
                    .map(|(i, s)| {
                        let text: String = cp
                            .slice(&d.text, s.start, s.end)
                            .chars()
                            .take(140)
                            .collect();
                        let speaker = s.speaker.map(|(a, b)| cp.slice(&d.text, a, b).to_string());
                        let detail = match (s.kind, s.quote_style, &s.unit, &s.qualifier, s.value) {
                            (SuggestionKind::Quote, Some(QuoteStyle::Partial), ..) => {
                                "partial quote".to_string()
                            }
                            (SuggestionKind::Quote, ..) => "quote".to_string(),
                            (SuggestionKind::Figure, _, unit, qualifier, value) => {
                                let mut parts = vec![];
                                if let Some(q) = qualifier {
                                    parts.push(q.clone())
                                }
                                if let Some(v) = value {
                                    parts.push(format!("{v}"))
                                }
                                if let Some(u) = unit {
                                    parts.push(u.clone())
                                }
                                format!("figure: {}", parts.join(" "))
                            }
                            (kind, ..) => kind.label().to_string(),
                        };
                        (
                            i,
                            s.label().to_string(),
                            s.start.0,
                            s.end.0,
                            text,
                            speaker,
                            detail,
                            i == cursor,
                        )
                    })
                    .collect::<Vec<_>>()
            })
        })
    };
    let filter_label = move || match suggest.filter.get() {
        Some(k) => format!("Accept all {}s", k.label()),
        None => "Accept all".to_string(),
    };
    view! {
        <Show when=move || { total.get() > 0 }>
            <section class="suggestions" aria-label="Suggestions">
                <div class="suggest-head">
                    <h2>{move || format!("Suggestions ({})", listed.with(Vec::len))}</h2>
                    <select data-testid="suggest-filter" aria-label="Show suggestions of" on:change=move |e| {
                        suggest.set_filter(SuggestionKind::from_label(&event_target_value(&e)));
                    }>
                        <option value="all">"all kinds"</option>
                        <option value="quote">"quotes"</option>
                        <option value="figure">"figures"</option>
                        <option value="claim">"claims"</option>
                    </select>
                    <button data-testid="suggest-accept-all" on:click=move |_| {
                        let n = listed.with_untracked(Vec::len);
                        suggest.accept(&(0..n).collect::<Vec<_>>());
                    } disabled=move || listed.with(Vec::is_empty)>{filter_label}</button>
                </div>
                <p class="status">"j / k move · Enter or a accept · x reject"</p>
                <ul class="suggestion-list" data-testid="suggestion-list">
                    <For each=rows key=|r| r.clone() let:r>
                        {
                            let (i, label, start, end, text, speaker, detail, current) = r;
                            view! {
                                <li data-testid="suggestion-item" data-label=label.clone() data-start=start data-end=end
                                    class="suggestion-item" class:current=current aria-current=if current { "true" } else { "false" }
                                    on:click=move |_| {
                                        let delta = i as isize - suggest.cursor.get_untracked() as isize;
                                        suggest.step(delta);
                                    }>
                                    <div class="row">
                                        <span class="kind">{detail}</span>
                                        <span class="offsets">{format!("{start}–{end}")}</span>
                                        <button data-testid="suggestion-accept" title="Accept (Enter / a)" aria-label="Accept"
                                            on:click=move |e| { e.stop_propagation(); suggest.accept(&[i]); }>"✓"</button>
                                        <button data-testid="suggestion-reject" title="Reject (x)" aria-label="Reject"
                                            on:click=move |e| { e.stop_propagation(); suggest.reject(i); }>"✗"</button>
                                    </div>
                                    <div class="covered" dir="auto">{text}</div>
                                    {speaker.map(|s| view! { <div class="speaker" dir="auto">"said by " <strong>{s}</strong></div> })}
                                </li>
                            }
                        }
                    </For>
                </ul>
            </section>
        </Show>
    }
}
