//! The Stories view: the workspace's documents grouped by event, linked in a worker (progress
//! shown while it runs), with the selected story's quotes and figures, and the links exports.
//! Keys: ↑ / ↓ move through the stories, Tab into the story; Escape closes.

use leptos::{html, prelude::*};
use spanmark_core::link::{export_jsonl, export_w3c};
use wasm_bindgen::JsCast;

use super::story_detail::StoryDetail;
use super::Outlets;
use crate::state::{use_documents, use_screen, use_stories, Dialog};
use crate::ui::virtual_list::VirtualList;

/// Height of a story's row in the list, in pixels (set in the CSS too).
const ROW_HEIGHT: f64 = 34.0;
/// Rows drawn beyond the visible ones on each side.
const OVERSCAN: usize = 8;

/// A story as the list shows it.
#[derive(Clone, PartialEq, Eq, Hash)]
struct StoryRow {
    id: spanmark_core::link::StoryId,
    name: String,
    documents: usize,
}

/// "1 story", "2 stories".
fn count(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// The Stories dialog.
#[component]
pub fn StoriesDialog() -> impl IntoView {
    let screen = use_screen();
    let docs = use_documents();
    let stories = use_stories();
    let open = Memo::new(move |_| screen.is_open(Dialog::Stories));
    // Linked on opening, and again whenever the workspace changes while open (a merge, split or
    // rename is an edit of it; so is its undo).
    Effect::new(move |_| {
        if open.get() && stories.outdated.get() {
            stories.refresh();
        }
    });
    let outlets = Memo::new(move |_| {
        if !open.get() {
            return Outlets::default();
        }
        docs.ws.with(|ws| {
            Outlets(
                ws.documents
                    .iter()
                    .map(|d| {
                        let name = match d.source.as_deref().filter(|s| !s.is_empty()) {
                            Some(s) if s != d.title => format!("{s} — {}", d.title),
                            _ => d.title.clone(),
                        };
                        (d.id.clone(), name)
                    })
                    .collect(),
            )
        })
    });
    // One row per story (a workspace of 10,000 articles has thousands): virtualised.
    let rows = Memo::new(move |_| {
        stories.links.with(|l| {
            l.as_ref()
                .map(|l| {
                    l.stories
                        .stories
                        .iter()
                        .map(|s| StoryRow {
                            id: s.id.clone(),
                            name: s.name.clone(),
                            documents: s.documents.len(),
                        })
                        .collect::<Vec<_>>()
                })
                .unwrap_or_default()
        })
    });
    let list = VirtualList::new(ROW_HEIGHT, OVERSCAN);
    let window = Memo::new(move |_| list.window(rows.with(Vec::len)));
    let visible = move || {
        let (first, last) = window.get();
        rows.with(|rows| rows[first..last].to_vec())
    };
    let list_ref = NodeRef::<html::Ul>::new();
    let focus_selected = move || {
        if let Some(list) = list_ref.get_untracked() {
            if let Ok(Some(el)) = list.query_selector("[aria-current=true]") {
                if let Some(el) = el.dyn_ref::<web_sys::HtmlElement>() {
                    let _ = el.focus();
                }
            }
        }
    };
    // Focus the selected story once the links are in.
    Effect::new(move |_| {
        if open.get() && stories.links.with(Option::is_some) && !stories.running() {
            request_animation_frame(focus_selected);
        }
    });
    let step = move |delta: isize| {
        let ids: Vec<_> = stories.links.with_untracked(|l| {
            l.as_ref()
                .map(|l| l.stories.stories.iter().map(|s| s.id.clone()).collect())
                .unwrap_or_default()
        });
        if ids.is_empty() {
            return;
        }
        let at = stories
            .selected
            .with_untracked(|s| s.as_ref().and_then(|s| ids.iter().position(|i| i == s)))
            .unwrap_or(0) as isize;
        let next = (at + delta).clamp(0, ids.len() as isize - 1) as usize;
        stories.selected.set(Some(ids[next].clone()));
        list.keep_in_view(next);
        request_animation_frame(focus_selected);
    };
    let on_list_key = move |e: web_sys::KeyboardEvent| match e.key().as_str() {
        "ArrowDown" => {
            e.prevent_default();
            step(1);
        }
        "ArrowUp" => {
            e.prevent_default();
            step(-1);
        }
        _ => {}
    };
    let export_links = move |_| {
        let body = stories
            .links
            .with_untracked(|l| l.as_ref().map(export_jsonl));
        if let Some(body) = body {
            let name = format!("spanmark-links-{}.jsonl", crate::dom::download::today());
            if let Err(e) =
                crate::dom::download::download(&name, "application/jsonl", body.as_bytes())
            {
                screen.fail(format!("The links could not be downloaded: {e}"));
            }
        }
    };
    let export_annotations = move |_| {
        let body = stories.links.with_untracked(|l| {
            l.as_ref()
                .map(|l| docs.ws.with_untracked(|ws| export_w3c(l, &ws.documents)))
        });
        if let Some(body) = body {
            let name = format!(
                "spanmark-links-{}.w3c.jsonld",
                crate::dom::download::today()
            );
            if let Err(e) =
                crate::dom::download::download(&name, "application/ld+json", body.as_bytes())
            {
                screen.fail(format!("The annotations could not be downloaded: {e}"));
            }
        }
    };
    let ready = move || stories.links.with(Option::is_some) && !stories.running();
    view! {
        <Show when=move || open.get()>
            <div class="overlay" on:click=move |_| screen.close_dialog()></div>
            <div class="dialog stories-dialog" role="dialog" aria-modal="true" aria-labelledby="stories-title"
                data-testid="stories" aria-busy=move || stories.running().to_string()
                on:keydown=move |e| if e.key() == "Escape" { screen.close_dialog() }>
                <div class="stories-head">
                    <h2 id="stories-title">"Stories"</h2>
                    <div class="stories-progress" data-testid="stories-progress" role="status"
                        data-state=move || if stories.running() { "running" } else { "done" }>
                        {move || match stories.progress.get() {
                            Some((done, total)) if total > 0 && done == total => view! {
                                <progress></progress>
                                {format!(" Grouping {total} documents into stories and linking…")}
                            }.into_any(),
                            Some((done, total)) if total > 0 => view! {
                                <progress max=total value=done></progress>
                                {format!(" Linking… {done} of {total} documents read")}
                            }.into_any(),
                            Some(_) => view! { <progress></progress>" Linking…" }.into_any(),
                            None => stories.links.with(|l| l.as_ref().map(|l| format!(
                                "{} · {} · {}",
                                count(l.stories.stories.len(), "story", "stories"),
                                count(l.quotes.len(), "quote cluster", "quote clusters"),
                                count(l.figures.len(), "figure group", "figure groups"),
                            ))).unwrap_or_default().into_any(),
                        }}
                    </div>
                    <span class="spacer"></span>
                    <button data-testid="stories-regroup" title="Forget merges, splits and names and group the documents afresh"
                        disabled=move || !ready() on:click=move |_| stories.regroup()>"Regroup"</button>
                    <button data-testid="stories-export" class="primary" title="Download the links (spanmark-links/1 JSONL)"
                        disabled=move || !ready() on:click=export_links>"Export links"</button>
                    <button data-testid="stories-export-w3c" title="Download cross-document W3C Web Annotations"
                        disabled=move || !ready() on:click=export_annotations>"Export W3C"</button>
                    <button on:click=move |_| screen.close_dialog()>"Close"</button>
                </div>
                <p class="muted stories-note">"Quotes and figures come from your spans, else from suggestions. Merges, splits and names are saved with the workspace (Ctrl+Z undoes them)."</p>
                <div class="stories-body">
                    <div class="story-list-scroll" node_ref=list.scroll_ref on:scroll=move |e| list.on_scroll(&e)>
                        <ul class="story-list" aria-label="Stories" node_ref=list_ref on:keydown=on_list_key
                            style:height=move || list.px(rows.with(Vec::len))
                            style:padding-top=move || list.px(window.get().0)>
                            <For each=visible key=|row| row.clone() let:row>
                                {
                                    let StoryRow { id, name, documents } = row;
                                    let current = {
                                        let id = id.clone();
                                        move || stories.selected.with(|x| x.as_ref() == Some(&id))
                                    };
                                    view! {
                                        <li>
                                            <button data-testid="story-item" data-story=id.0.clone() class:many={documents > 1}
                                                aria-current=move || current().to_string()
                                                on:click=move |_| stories.selected.set(Some(id.clone()))>
                                                <span class="story-title" dir="auto" title=name.clone()>{name.clone()}</span>
                                                <span class="story-count" aria-label=format!("{documents} documents")>{documents}</span>
                                            </button>
                                        </li>
                                    }
                                }
                            </For>
                        </ul>
                    </div>
                    <div class="story-pane">
                        {move || {
                            let id = stories.selected.get()?;
                            let links = stories.links.get()?;
                            Some(view! { <StoryDetail id=id links=links outlets=outlets.get() /> })
                        }}
                    </div>
                </div>
            </div>
        </Show>
    }
}
