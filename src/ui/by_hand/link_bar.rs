//! While a relation is being drawn: what it starts from, the kind it will get (a chooser: the kind
//! the labels preselect, or any other), and a button to cancel.

use leptos::prelude::*;

use crate::state::by_hand::Linking;
use crate::state::use_documents;

/// The bar shown while a relation is being drawn.
#[component]
pub fn LinkBar() -> impl IntoView {
    let docs = use_documents();
    // The span drawn from (label, text) and the kind preselected for the span selected now.
    let info = Memo::new(move |_| {
        let linking = docs.linking.get()?;
        let doc = docs.current.get()?;
        let target = docs.selected.get().filter(|t| *t != linking.from);
        docs.ws.with(|ws| {
            let d = ws.document(&doc)?;
            let from = d.span(linking.from)?;
            let mut text: String = d.covered_text(from).chars().take(40).collect();
            if d.covered_text(from).chars().count() > 40 {
                text.push('…');
            }
            let to_label = target
                .and_then(|t| d.span(t))
                .map(|s| s.label.clone())
                .unwrap_or_else(|| crate::state::by_hand::SPEAKER.to_string());
            let auto = ws
                .labels
                .preselected_kind(&from.label, &to_label)
                .map_or_else(|| "related".to_string(), |k| k.name.clone());
            let kinds: Vec<String> = ws
                .labels
                .relation_kinds
                .iter()
                .map(|k| k.name.clone())
                .collect();
            Some((from.label.clone(), text, auto, kinds, linking))
        })
    });
    move || {
        info.get().map(|(label, text, auto, kinds, linking)| {
            let Linking { retarget, kind, .. } = linking;
            let what = if retarget.is_some() {
                "New target for the relation from"
            } else {
                "Linking from"
            };
            view! {
                <div class="link-bar" role="status" data-testid="link-bar">
                    <span>{format!("{what} the {label} {text} — click the target span, or reach it with n / p and press Enter.")}</span>
                    <label>"Kind "
                        <select data-testid="relation-kind" aria-label="Relation kind"
                            on:change=move |e| {
                                let v = event_target_value(&e);
                                docs.linking.update(|l| if let Some(l) = l { l.kind = (!v.is_empty()).then_some(v) });
                            }>
                            <option value="" selected=kind.is_none()>{format!("{auto} (preselected)")}</option>
                            {kinds.into_iter().map(|k| {
                                let selected = kind.as_deref() == Some(k.as_str());
                                view! { <option value=k.clone() selected=selected>{k.clone()}</option> }
                            }).collect_view()}
                        </select>
                    </label>
                    <button data-testid="relation-cancel" on:click=move |_| docs.cancel_link()>"Cancel (Esc)"</button>
                </div>
            }
        })
    }
}
