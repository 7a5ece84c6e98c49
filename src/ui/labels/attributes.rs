//! In the label editor: a label's typed attributes (name, type, the options of a one-of-a-list
//! attribute, required or not), and the relation kinds between spans. Compact: a line of chips
//! and one small form each.

use leptos::prelude::*;
use spanmark_core::{AttrType, AttributeDef, Label, RelationKind};

use super::editor::apply_set;
use crate::state::Documents;

const TYPES: &[(AttrType, &str)] = &[
    (AttrType::Text, "text"),
    (AttrType::Number, "number"),
    (AttrType::Bool, "yes/no"),
    (AttrType::Choice, "one of a list"),
];

fn describe(def: &AttributeDef) -> String {
    let mut s = format!("{} · {}", def.name, def.kind.name());
    if def.kind == AttrType::Choice {
        s.push_str(&format!(" ({})", def.options.join(", ")));
    }
    if def.required {
        s.push_str(" · required");
    }
    s
}

/// The attributes of label `i` and a form to add one.
pub fn label_attributes(
    app: Documents,
    problem: RwSignal<Option<String>>,
    i: usize,
    label: &Label,
) -> impl IntoView {
    let (name, kind, options, required) = (
        RwSignal::new(String::new()),
        RwSignal::new(AttrType::Text),
        RwSignal::new(String::new()),
        RwSignal::new(false),
    );
    let add = move || {
        let def = AttributeDef {
            name: name.get_untracked().trim().to_string(),
            kind: kind.get_untracked(),
            options: if kind.get_untracked() == AttrType::Choice {
                options
                    .get_untracked()
                    .split(',')
                    .map(|o| o.trim().to_string())
                    .filter(|o| !o.is_empty())
                    .collect()
            } else {
                vec![]
            },
            required: required.get_untracked(),
        };
        apply_set(app, problem, |set| set.labels[i].attributes.push(def));
    };
    let label_name = label.name.clone();
    view! {
        <tr class="attr-row" data-testid="label-attrs" data-name=label_name.clone()>
            <td colspan="5">
                <span class="attr-caption">"Attributes:"</span>
                {label.attributes.iter().enumerate().map(|(k, def)| {
                    let text = describe(def);
                    view! {
                        <span class="attr-chip" data-testid="label-attr" data-attr=def.name.clone()>
                            {text}
                            <button data-testid="label-attr-delete" aria-label=format!("Delete attribute {}", def.name)
                                title="Delete this attribute (values already given stay on the spans)"
                                on:click=move |_| apply_set(app, problem, |set| { set.labels[i].attributes.remove(k); })>"✕"</button>
                        </span>
                    }
                }).collect_view()}
                <form class="attr-add" on:submit=move |e| { e.prevent_default(); add(); }>
                    <input data-testid="label-attr-new-name" placeholder="attribute" aria-label=format!("New attribute of {label_name}")
                        on:input=move |e| name.set(event_target_value(&e)) prop:value=move || name.get() />
                    <select data-testid="label-attr-new-type" aria-label="Attribute type" on:change=move |e| {
                        let v = event_target_value(&e);
                        kind.set(TYPES.iter().find(|(_, n)| *n == v).map_or(AttrType::Text, |(t, _)| *t));
                    }>
                        {TYPES.iter().map(|(_, n)| view! { <option value=*n>{*n}</option> }).collect_view()}
                    </select>
                    <input data-testid="label-attr-new-options" placeholder="options, comma-separated" aria-label="Options"
                        hidden=move || kind.get() != AttrType::Choice
                        on:input=move |e| options.set(event_target_value(&e)) prop:value=move || options.get() />
                    <label class="hint"><input type="checkbox" data-testid="label-attr-new-required"
                        prop:checked=move || required.get() on:change=move |e| required.set(event_target_checked(&e)) />" required"</label>
                    <button type="submit" data-testid="label-attr-add">"Add"</button>
                </form>
            </td>
        </tr>
    }
}

/// The relation kinds and a form to add one.
#[component]
pub fn RelationKinds(app: Documents, problem: RwSignal<Option<String>>) -> impl IntoView {
    let kinds = Memo::new(move |_| app.ws.with(|ws| ws.labels.relation_kinds.clone()));
    let names = Memo::new(move |_| {
        app.ws.with(|ws| {
            ws.labels
                .labels
                .iter()
                .map(|l| l.name.clone())
                .collect::<Vec<_>>()
        })
    });
    let (name, from, to) = (
        RwSignal::new(String::new()),
        RwSignal::new(String::new()),
        RwSignal::new(String::new()),
    );
    let add = move || {
        let kind = RelationKind {
            name: name.get_untracked().trim().to_string(),
            from: Some(from.get_untracked()).filter(|s| !s.is_empty()),
            to: Some(to.get_untracked()).filter(|s| !s.is_empty()),
            description: String::new(),
        };
        let before = app.ws.with_untracked(|ws| ws.labels.relation_kinds.len());
        apply_set(app, problem, |set| set.relation_kinds.push(kind));
        if app.ws.with_untracked(|ws| ws.labels.relation_kinds.len()) > before {
            name.set(String::new());
        }
    };
    let label_select = move |testid: &'static str, aria: &'static str, value: RwSignal<String>| {
        view! {
            <select data-testid=testid aria-label=aria on:change=move |e| value.set(event_target_value(&e))>
                <option value="">"any label"</option>
                {move || names.get().into_iter().map(|n| {
                    let selected = value.get_untracked() == n;
                    view! { <option value=n.clone() selected=selected>{n.clone()}</option> }
                }).collect_view()}
            </select>
        }
    };
    view! {
        <div class="relation-kinds" data-testid="relation-kinds">
            <span class="attr-caption">"Relation kinds (the first that fits two spans is preselected):"</span>
            {move || kinds.get().into_iter().enumerate().map(|(k, kind)| {
                let ends = format!("{} → {}", kind.from.as_deref().unwrap_or("any"), kind.to.as_deref().unwrap_or("any"));
                view! {
                    <span class="attr-chip" data-testid="relation-kind-item" data-kind=kind.name.clone()>
                        {format!("{}: {ends}", kind.name)}
                        <button data-testid="relation-kind-delete" aria-label=format!("Delete relation kind {}", kind.name)
                            title="Delete this kind (relations already made keep it)"
                            on:click=move |_| apply_set(app, problem, |set| { set.relation_kinds.remove(k); })>"✕"</button>
                    </span>
                }
            }).collect_view()}
            <form class="attr-add" on:submit=move |e| { e.prevent_default(); add(); }>
                <input data-testid="relation-kind-new-name" placeholder="kind, e.g. about" aria-label="New relation kind"
                    on:input=move |e| name.set(event_target_value(&e)) prop:value=move || name.get() />
                {label_select("relation-kind-new-from", "From label", from)}
                "→"
                {label_select("relation-kind-new-to", "To label", to)}
                <button type="submit" data-testid="relation-kind-add">"Add kind"</button>
            </form>
        </div>
    }
}
