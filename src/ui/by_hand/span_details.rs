//! The selected span's details: its label and text, buttons to link it (to a span picked next, or
//! to the nearest speaker), and its typed attributes, each edited with a control fitting its type
//! (text and numbers typed, stored on Enter or on leaving the field; yes/no and one-of-a-list
//! chosen). A value that does not fit is refused with a message saying what it must look like.

use leptos::prelude::*;
use spanmark_core::{AttrType, AttributeDef, SpanId};

use crate::state::by_hand::SPEAKER;
use crate::state::{use_documents, Documents};

/// Characters of the span's text the panel shows.
const PREVIEW_CHARS: usize = 90;

#[derive(Debug, Clone, PartialEq)]
struct Shown {
    id: SpanId,
    label: String,
    text: String,
    defs: Vec<AttributeDef>,
}

/// The selected span's details.
#[component]
pub fn SpanDetails() -> impl IntoView {
    let docs = use_documents();
    let problem = RwSignal::new(None::<String>);
    // What the panel is built from: a value changing keeps the controls (and the focus) in place.
    let shown = Memo::new(move |_| {
        let id = docs.selected.get()?;
        let doc = docs.current.get()?;
        docs.ws.with(|ws| {
            let d = ws.document(&doc)?;
            let s = d.span(id)?;
            let covered = d.covered_text(s).replace('\n', " ");
            let mut text: String = covered.chars().take(PREVIEW_CHARS).collect();
            if covered.chars().count() > PREVIEW_CHARS {
                text.push('…');
            }
            Some(Shown {
                id,
                label: s.label.clone(),
                text,
                defs: ws
                    .labels
                    .by_name(&s.label)
                    .map(|l| l.attributes.clone())
                    .unwrap_or_default(),
            })
        })
    });
    Effect::new(move |_| {
        shown.with(|s| s.as_ref().map(|s| s.id));
        problem.set(None);
    });
    move || {
        shown.get().map(|s| {
            let Shown { id, label, text, defs } = s;
            let no_attributes = defs.is_empty();
            let is_speaker = label == SPEAKER;
            view! {
                <section class="span-details" data-testid="span-details" aria-label="Selected span">
                    <div class="details-head">
                        <strong>{label.clone()}</strong>
                        <span class="details-text" dir="auto" title=text.clone()>{text.clone()}</span>
                    </div>
                    <div class="details-actions">
                        <button data-testid="relation-start" title="Link this span to another: click it next, or reach it with n / p and press Enter (r)"
                            on:click=move |_| { docs.select_span(Some(id)); docs.start_link(); }>"Link to… " <kbd>"r"</kbd></button>
                        {(!is_speaker).then(|| view! {
                            <button data-testid="link-nearest" title="Link to the nearest speaker before it (w)"
                                on:click=move |_| { docs.select_span(Some(id)); docs.link_nearest(); }>"Link to nearest speaker " <kbd>"w"</kbd></button>
                        })}
                    </div>
                    {(!no_attributes).then(|| view! {
                        <div class="attr-grid">
                            {defs.into_iter().map(|def| attribute_control(docs, id, def, problem)).collect_view()}
                        </div>
                    })}
                    <p class="attr-error" role="alert" data-testid="span-attr-error" hidden=move || problem.with(Option::is_none)>
                        {move || problem.get().unwrap_or_default()}
                    </p>
                </section>
            }
        })
    }
}

/// One attribute's label and control.
fn attribute_control(
    docs: Documents,
    id: SpanId,
    def: AttributeDef,
    problem: RwSignal<Option<String>>,
) -> impl IntoView {
    let name = def.name.clone();
    let value = Memo::new({
        let name = name.clone();
        move |_| {
            let doc = docs.current.get()?;
            docs.ws.with(|ws| {
                ws.document(&doc)
                    .and_then(|d| d.span(id))
                    .and_then(|s| s.attributes.get(&name))
                    .map(|v| v.to_string())
            })
        }
    });
    let store = {
        let name = name.clone();
        move |input: String| match docs.set_attribute(id, &name, &input) {
            Ok(()) => problem.set(None),
            Err(e) => problem.set(Some(format!("Not stored — {e}."))),
        }
    };
    let field_id = format!("attr-{}", name);
    let title = match def.kind {
        AttrType::Number => format!("{name}: a number, e.g. 2000 or 3.5 (Enter stores it)"),
        AttrType::Text => format!("{name}: text (Enter stores it)"),
        AttrType::Bool => format!("{name}: yes or no"),
        AttrType::Choice => format!("{name}: one of {}", def.options.join(", ")),
    };
    let control = match def.kind {
        AttrType::Text | AttrType::Number => view! {
            <input id=field_id.clone() data-testid="span-attr" data-attr=name.clone() title=title
                inputmode=if def.kind == AttrType::Number { "decimal" } else { "text" }
                placeholder=def.kind.name()
                prop:value=move || value.get().unwrap_or_default()
                on:change=move |e| store(event_target_value(&e))
                on:keydown=move |e| if e.key() == "Escape" {
                    // Escape puts back the stored value.
                    let el = event_target::<web_sys::HtmlInputElement>(&e);
                    el.set_value(&value.get_untracked().unwrap_or_default());
                    problem.set(None);
                } />
        }
        .into_any(),
        AttrType::Bool | AttrType::Choice => {
            let options: Vec<String> = if def.kind == AttrType::Bool {
                vec!["yes".into(), "no".into()]
            } else {
                def.options.clone()
            };
            view! {
                <select id=field_id.clone() data-testid="span-attr" data-attr=name.clone() title=title
                    prop:value=move || value.get().unwrap_or_default()
                    on:change=move |e| store(event_target_value(&e))>
                    <option value="">"—"</option>
                    {options.into_iter().map(|o| {
                        let selected = value.get_untracked().as_deref() == Some(o.as_str());
                        view! { <option value=o.clone() selected=selected>{o.clone()}</option> }
                    }).collect_view()}
                </select>
            }
            .into_any()
        }
    };
    view! {
        <label for=field_id class:required=def.required>
            {name.clone()}{def.required.then_some(" *")}
        </label>
        {control}
    }
}
