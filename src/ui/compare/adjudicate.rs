//! The adjudication of one document: its disagreements listed (what kind each is), one lane per
//! annotator aligned on the text around the item under the cursor, and a decision per item —
//! accept the proposed version, reject, take lane 1/2/3, or edit — all by keyboard. Items everyone
//! agrees on are taken at once unless switched off. The result is exported as the gold layer.

use leptos::task::spawn_local;
use leptos::{html, prelude::*};

use crate::state::comparison::{Choice, Item};
use crate::state::{use_comparison, use_identity, use_screen};

/// Characters of context shown each side of an item.
const CONTEXT: usize = 50;

fn describe(choice: &Choice) -> String {
    match choice {
        Choice::Accept => "accepted".into(),
        Choice::Reject => "rejected".into(),
        Choice::Lane(k) => format!("lane {}", k + 1),
        Choice::Edit { .. } => "edited".into(),
    }
}

/// The adjudication view of the document `Comparison::adjudicating`.
#[component]
pub fn Adjudicate() -> impl IntoView {
    let cmp = use_comparison();
    let identity = use_identity();
    let screen = use_screen();
    let root = NodeRef::<html::Div>::new();
    let editing = RwSignal::new(None::<(usize, usize, String)>);
    Effect::new(move |_| {
        if let Some(r) = root.get() {
            let _ = r.focus();
        }
    });
    let lanes = move || {
        cmp.report.with(|r| match r {
            Some(Ok(r)) => r.annotators.clone(),
            _ => vec![],
        })
    };
    let current = move || -> Option<Item> {
        let c = cmp.cursor.get()?;
        cmp.adjudicating
            .with(|a| a.as_ref().and_then(|a| a.items.get(c).cloned()))
    };
    let start_edit = move || {
        if let Some(item) = current() {
            let from = item
                .proposed
                .or_else(|| item.lanes.iter().position(Option::is_some));
            let label = from
                .and_then(|k| item.lanes[k].as_ref().map(|l| l.label.clone()))
                .unwrap_or_default();
            let (s, e) = from
                .and_then(|k| item.lanes[k].as_ref().map(|l| (l.start, l.end)))
                .unwrap_or((item.start, item.end));
            editing.set(Some((s, e, label)));
        }
    };
    let export = move || {
        identity.ensure(move || {
            let name = identity.name.get_untracked();
            spawn_local(async move {
                match cmp.gold_file(name).await {
                    Ok(body) => {
                        let file = format!("gold-{}.jsonl", cmp.golds.with_untracked(|g| g.len()));
                        if let Err(e) = crate::dom::download::download(
                            &file,
                            "application/jsonl",
                            body.as_bytes(),
                        ) {
                            screen.fail(format!("The gold file could not be downloaded: {e}"));
                        }
                    }
                    Err(e) => screen.fail(format!("The gold document could not be made: {e}")),
                }
            });
        })
    };
    let on_key = move |e: web_sys::KeyboardEvent| {
        let in_field = e
            .target()
            .and_then(|t| wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(t).ok())
            .is_some_and(|t| matches!(t.tag_name().as_str(), "INPUT" | "SELECT" | "TEXTAREA"));
        if in_field && e.key() == "Escape" {
            editing.set(None);
            e.prevent_default();
            return;
        }
        if in_field || e.ctrl_key() || e.meta_key() || e.alt_key() {
            return;
        }
        let key = e.key();
        let handled = match key.as_str() {
            "ArrowDown" | "j" | "n" => {
                cmp.step(1, false);
                true
            }
            "ArrowUp" | "k" | "p" => {
                cmp.step(-1, false);
                true
            }
            "a" | "Enter" => {
                cmp.decide(Choice::Accept);
                true
            }
            "r" | "x" => {
                cmp.decide(Choice::Reject);
                true
            }
            "u" | "Backspace" => {
                cmp.undecide();
                true
            }
            "e" => {
                start_edit();
                true
            }
            "Escape" => {
                cmp.adjudicating.set(None);
                true
            }
            k => match k.parse::<usize>() {
                Ok(n) if n >= 1 && n <= lanes().len() => {
                    cmp.decide(Choice::Lane(n - 1));
                    true
                }
                _ => false,
            },
        };
        if handled {
            e.prevent_default();
        }
    };
    let counts = move || {
        let id = cmp.current_id().unwrap_or_default();
        let decided = cmp.decisions.with(|d| {
            d.get(&id)
                .map(|m| m.keys().copied().collect::<Vec<_>>())
                .unwrap_or_default()
        });
        cmp.adjudicating.with(|a| {
            let Some(a) = a else { return (0, 0, 0) };
            let dis: Vec<usize> = a
                .items
                .iter()
                .filter(|i| !i.agreed())
                .map(|i| i.id)
                .collect();
            let left = dis.iter().filter(|i| !decided.contains(i)).count();
            (dis.len(), left, a.items.len() - dis.len())
        })
    };
    let title = move || {
        let row = cmp.adjudicating.with(|a| a.as_ref().map(|a| a.row));
        cmp.report.with(|r| match (r, row) {
            (Some(Ok(r)), Some(row)) => {
                r.rows.get(row).map(|r| r.title.clone()).unwrap_or_default()
            }
            _ => String::new(),
        })
    };
    view! {
        <div class="adjudicate" data-testid="adjudicate" tabindex="0" node_ref=root on:keydown=on_key
            aria-label="Adjudication: j/k next/previous disagreement, 1–3 take a lane, a accept, r reject, e edit, u undo the decision, Escape back">
            <div class="adjudicate-head">
                <button data-testid="adjudicate-back" on:click=move |_| cmp.adjudicating.set(None)>"← All documents"</button>
                <h3>{title}</h3>
                <span class="muted" data-testid="adjudicate-count">{move || {
                    let (dis, left, agreed) = counts();
                    format!("{dis} disagreement(s), {left} undecided · {agreed} agreed")
                }}</span>
                <span class="spacer"></span>
                <label class="check">
                    <input type="checkbox" data-testid="adjudicate-accept-agreed" prop:checked=move || cmp.accept_agreed.get()
                        on:change=move |e| cmp.accept_agreed.set(event_target_checked(&e)) />
                    "Accept agreed spans"
                </label>
                <button class="primary" data-testid="adjudicate-export" on:click=move |_| export()
                    title="Download the gold documents made so far (Spanmark JSONL, adjudicated)">"Export gold"</button>
            </div>
            <p class="muted keys-hint">"Keys: j / k next / previous disagreement · 1–3 take that lane · a accept the proposal · r reject · e edit · u undo · Esc back"</p>
            <div class="adjudicate-body">
                <ol class="adjudicate-items" aria-label="Items">
                    {move || cmp.adjudicating.with(|a| {
                        let Some(a) = a else { return ().into_any() };
                        let text: Vec<char> = a.text.chars().collect();
                        a.items.iter().map(|item| {
                            let id = item.id;
                            let kind = if item.agreed() { "agreed".to_string() } else { item.kinds.join(" ") };
                            let kind_attr = kind.clone();
                            let snippet: String = text[item.start.min(text.len())..item.end.min(text.len())].iter().take(60).collect();
                            let labels: Vec<String> = item.lanes.iter().flatten().map(|l| l.label.clone()).collect::<std::collections::BTreeSet<_>>().into_iter().collect();
                            view! {
                                <li data-testid="adjudicate-item" data-kind=kind_attr data-item=id
                                    class:current=move || cmp.cursor.get() == Some(id)
                                    class:agreed=item.agreed()
                                    data-decision=move || cmp.decision(id).map(|c| describe(&c)).unwrap_or_default()
                                    on:click=move |_| cmp.cursor.set(Some(id))>
                                    <span class="kinds">{kind}</span>
                                    <span class="labels">{labels.join(" / ")}</span>
                                    <span class="snippet">{snippet}</span>
                                    <span class="decision">{move || cmp.decision(id).map(|c| describe(&c)).unwrap_or_else(|| if item_agreed(cmp, id) && cmp.accept_agreed.get() { "accepted (agreed)".into() } else { String::new() })}</span>
                                </li>
                            }
                        }).collect_view().into_any()
                    })}
                </ol>
                <div class="adjudicate-current" data-testid="adjudicate-current">
                    {move || {
                        let Some(item) = current() else {
                            return view! { <p class="muted">"Nothing to adjudicate: no annotator marked anything here."</p> }.into_any();
                        };
                        let names = lanes();
                        let text: Vec<char> = cmp.adjudicating.with(|a| a.as_ref().map(|a| a.text.chars().collect()).unwrap_or_default());
                        let w0 = item.start.saturating_sub(CONTEXT);
                        let w1 = (item.end + CONTEXT).min(text.len());
                        let piece = |a: usize, b: usize| -> String {
                            let mut p: String = text[a.clamp(w0, w1)..b.clamp(w0, w1)].iter().collect();
                            if a <= w0 && w0 > 0 { p.insert(0, '…') }
                            if b >= w1 && w1 < text.len() { p.push('…') }
                            p
                        };
                        let decision = cmp.decision(item.id);
                        let lanes_view = item.lanes.iter().enumerate().map(|(k, lane)| {
                            let name = names.get(k).cloned().unwrap_or_default();
                            let proposed = item.proposed == Some(k);
                            let chosen = decision == Some(Choice::Lane(k));
                            let body = match lane {
                                Some(l) => view! {
                                    <span class="excerpt" dir="auto">{piece(w0, l.start)}<mark class="lane-span">{piece(l.start, l.end)}</mark>{piece(l.end, w1)}</span>
                                    <span class="lane-label">{l.label.clone()}
                                        {l.attributes.iter().map(|(k, v)| format!(" · {k}: {v}")).collect::<String>()}
                                        {l.relations.iter().map(|(k, t)| format!(" · {k} → item {}", t + 1)).collect::<String>()}
                                    </span>
                                }.into_any(),
                                None => view! { <span class="excerpt none" dir="auto">{piece(w0, w1)}</span><span class="lane-label muted">"no span"</span> }.into_any(),
                            };
                            view! {
                                <div class="lane" data-testid="adjudicate-lane" class:proposed=proposed class:chosen=chosen>
                                    <button data-testid=format!("adjudicate-lane-{}", k + 1) title=format!("Take {name}'s version ({})", k + 1)
                                        on:click=move |_| cmp.decide(Choice::Lane(k))>{format!("{} {name}", k + 1)}</button>
                                    {body}
                                    {proposed.then(|| view! { <span class="badge">"proposed"</span> })}
                                </div>
                            }
                        }).collect_view();
                        view! {
                            <p class="item-kinds">{if item.agreed() { "Everyone agrees".to_string() } else { format!("Disagreement: {}", item.kinds.join(", ")) }}
                                {match item.proposed {
                                    Some(k) => format!(" · proposal: lane {} ({})", k + 1, names.get(k).cloned().unwrap_or_default()),
                                    None => " · proposal: no span".to_string(),
                                }}
                                {decision.as_ref().map(|d| format!(" · decided: {}", describe(d)))}</p>
                            <div class="lanes">{lanes_view}</div>
                        }.into_any()
                    }}
                    <div class="adjudicate-actions">
                        <button data-testid="adjudicate-accept" title="Accept the proposed (most common) version (a)" on:click=move |_| cmp.decide(Choice::Accept)>"Accept proposal"</button>
                        <button data-testid="adjudicate-reject" title="No span here (r)" on:click=move |_| cmp.decide(Choice::Reject)>"Reject"</button>
                        <button data-testid="adjudicate-edit" title="Your own span (e)" on:click=move |_| start_edit()>"Edit…"</button>
                        <button data-testid="adjudicate-next" title="Next disagreement (j)" on:click=move |_| cmp.step(1, false)>"Next"</button>
                    </div>
                    {move || editing.get().map(|(s, e, label)| {
                        let (start, end, lab) = (RwSignal::new(s), RwSignal::new(e), RwSignal::new(label));
                        view! {
                            <div class="adjudicate-edit" data-testid="adjudicate-edit-form">
                                <label>"Start "<input type="number" min="0" data-testid="adjudicate-edit-start" prop:value=move || start.get().to_string()
                                    on:input=move |ev| if let Ok(n) = event_target_value(&ev).parse() { start.set(n) } /></label>
                                <label>"End "<input type="number" min="1" data-testid="adjudicate-edit-end" prop:value=move || end.get().to_string()
                                    on:input=move |ev| if let Ok(n) = event_target_value(&ev).parse() { end.set(n) } /></label>
                                <label>"Label "<input data-testid="adjudicate-edit-label" prop:value=move || lab.get()
                                    on:input=move |ev| lab.set(event_target_value(&ev)) /></label>
                                <button class="primary" data-testid="adjudicate-edit-save" on:click=move |_| {
                                    cmp.decide(Choice::Edit { start: start.get_untracked(), end: end.get_untracked(), label: lab.get_untracked() });
                                    editing.set(None);
                                    if let Some(r) = root.get_untracked() { let _ = r.focus(); }
                                }>"Use this span"</button>
                                <button on:click=move |_| editing.set(None)>"Cancel"</button>
                            </div>
                        }
                    })}
                </div>
            </div>
        </div>
    }
}

fn item_agreed(cmp: crate::state::Comparison, id: usize) -> bool {
    cmp.adjudicating.with_untracked(|a| {
        a.as_ref()
            .and_then(|a| a.items.get(id))
            .is_some_and(Item::agreed)
    })
}
