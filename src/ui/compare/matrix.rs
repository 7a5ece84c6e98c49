//! The annotator × annotator matrix for one label (or all labels): exact and relaxed span F1 and
//! Cohen's κ on characters per pair; under it, every label's Krippendorff α_U and Fleiss' κ.

use leptos::prelude::*;

use super::figure;
use crate::state::use_comparison;

/// The agreement matrix.
#[component]
pub fn Matrix() -> impl IntoView {
    let cmp = use_comparison();
    // "" is every label together (micro F1; κ is per label only).
    let label = RwSignal::new(String::new());
    view! {
        {move || cmp.report.with(|r| {
            let Some(Ok(r)) = r else { return ().into_any() };
            let chosen = label.get();
            let names = r.annotators.clone();
            let head = names.iter().map(|n| view! { <th scope="col">{n.clone()}</th> }).collect_view();
            let rows = names.iter().enumerate().map(|(a, na)| {
                let cells = (0..names.len()).map(|b| {
                    if a == b {
                        return view! { <td class="self">"—"</td> }.into_any();
                    }
                    let s = r.pair(a, b).map(|p| if chosen.is_empty() { p.overall } else { p.labels.get(&chosen).copied().unwrap_or_default() }).unwrap_or_default();
                    view! {
                        <td data-testid="agree-cell" data-a=na.clone() data-b=names[b].clone()
                            data-f1-exact=figure(s.f1_exact) data-f1-relaxed=figure(s.f1_relaxed) data-kappa=figure(s.kappa)>
                            <span class="measure"><span class="k">"F1 exact "</span>{figure(s.f1_exact)}</span>
                            <span class="measure"><span class="k">"F1 relaxed "</span>{figure(s.f1_relaxed)}</span>
                            {(!chosen.is_empty()).then(|| view! { <span class="measure"><span class="k">"κ chars "</span>{figure(s.kappa)}</span> })}
                        </td>
                    }.into_any()
                }).collect_view();
                view! { <tr><th scope="row">{na.clone()}</th>{cells}</tr> }
            }).collect_view();
            let options = r.labels.iter().map(|l| {
                let l2 = l.clone();
                view! { <option value=l.clone() selected={let c = chosen.clone(); move || c == l2}>{l.clone()}</option> }
            }).collect_view();
            let multi = r.multi.iter().map(|(l, m)| view! {
                <li data-label=l.clone()><b>{l.clone()}</b>{format!(": α_U {} · Fleiss κ {}", figure(m.alpha_u), figure(m.fleiss))}</li>
            }).collect_view();
            view! {
                <div class="agree-matrix-wrap">
                    <div class="dialog-row">
                        <label for="agree-label">"Label"</label>
                        <select id="agree-label" data-testid="agree-label" on:change=move |e| label.set(event_target_value(&e))>
                            <option value="">"All labels (micro F1)"</option>
                            {options}
                        </select>
                    </div>
                    <table class="agree-matrix" data-testid="agree-matrix" data-label=chosen.clone()>
                        <thead><tr><th></th>{head}</tr></thead>
                        <tbody>{rows}</tbody>
                    </table>
                    {chosen.is_empty().then(|| view! { <p class="muted">"κ on characters is per label: choose one above."</p> })}
                    <ul class="agree-multi" data-testid="agree-multi" aria-label="All annotators together, per label">{multi}</ul>
                </div>
            }.into_any()
        })}
    }
}
