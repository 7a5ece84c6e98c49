//! One figure group: a table, one row per outlet (value or range, qualifier, unit, who reports
//! it, date) and the group's status; a row's outlet opens its figure in the reader.

use leptos::prelude::*;
use spanmark_core::link::{FigureGroup, FigureOccurrence, FigureStatus};

use super::Outlets;
use crate::state::use_stories;

/// A number as people write it: thousands grouped, no ".0".
pub fn number(v: f64) -> String {
    if v.fract() != 0.0 || v.abs() >= 1e15 {
        return format!("{v}");
    }
    let digits = format!("{}", v.abs() as u64);
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    if v < 0.0 {
        out.insert(0, '-');
    }
    out
}

/// The value or range an occurrence allows.
fn range(o: &FigureOccurrence) -> String {
    let Some(r) = o.range else {
        return o.value.map(number).unwrap_or_else(|| "—".into());
    };
    match (r.min, r.max) {
        (Some(a), Some(b)) if a == b => number(a),
        (Some(a), Some(b)) => format!("{} – {}", number(a), number(b)),
        (Some(a), None) => format!("≥ {}", number(a)),
        (None, Some(b)) => format!("≤ {}", number(b)),
        (None, None) => "any".into(),
    }
}

fn status_text(s: FigureStatus) -> &'static str {
    match s {
        FigureStatus::Agree => "agree",
        FigureStatus::Divergent => "divergent: values differ, ranges overlap",
        FigureStatus::Contradictory => "contradictory: ranges do not overlap",
    }
}

/// A figure group.
#[component]
pub fn FigureGroupView(group: FigureGroup, outlets: Outlets) -> impl IntoView {
    let stories = use_stories();
    let status = group.status;
    let rows = group
        .occurrences
        .into_iter()
        .map(|o| {
            let outlet = outlets.name(&o.document);
            let (doc, start, end) = (o.document.clone(), o.start.0, o.end.0);
            let dash = || "—".to_string();
            view! {
                <tr data-testid="figure-row" data-document=o.document.0.clone()>
                    <td><button class="link-button" title="Open this figure in the reader"
                        on:click=move |_| stories.open_occurrence(doc.clone(), start, end)>{outlet}</button></td>
                    <td class="num" title=o.text.clone()>{range(&o)}</td>
                    <td>{o.qualifier.clone().unwrap_or_else(dash)}</td>
                    <td>{o.unit.clone().unwrap_or_else(dash)}</td>
                    <td>{o.source.clone().unwrap_or_else(dash)}</td>
                    <td>{o.date.clone().unwrap_or_else(dash)}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <section class="figure-group" data-testid="figure-group" data-status=status.as_str()>
            <h5>{group.quantity}" "<span class=format!("badge status-{}", status.as_str())>{status_text(status)}</span></h5>
            <table class="figure-table">
                <thead><tr><th>"Outlet"</th><th>"Value"</th><th>"Qualifier"</th><th>"Unit"</th><th>"Reported by"</th><th>"Date"</th></tr></thead>
                <tbody>{rows}</tbody>
            </table>
        </section>
    }
}
