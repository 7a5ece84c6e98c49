//! One story: its name (renamed here), its documents (checked ones can be split off into a new
//! story; another story can be merged into it), its quote clusters and its figure groups.

use leptos::prelude::*;
use spanmark_core::link::{Links, StoryId};
use spanmark_core::DocumentId;

use super::figure_group::FigureGroupView;
use super::quote_cluster::QuoteClusterView;
use super::Outlets;
use crate::state::{use_documents, use_screen, use_stories};

/// The selected story.
#[component]
pub fn StoryDetail(id: StoryId, links: Links, outlets: Outlets) -> impl IntoView {
    let stories = use_stories();
    let docs = use_documents();
    let screen = use_screen();
    let Some(story) = links.stories.story(&id).cloned() else {
        return view! { <p class="muted">"No story is selected."</p> }.into_any();
    };
    let name = RwSignal::new(story.name.clone());
    let checked = RwSignal::new(Vec::<DocumentId>::new());
    let others: Vec<(StoryId, String)> = links
        .stories
        .stories
        .iter()
        .filter(|s| s.id != id)
        .map(|s| (s.id.clone(), format!("{} ({})", s.name, s.documents.len())))
        .collect();
    let merge_from = RwSignal::new(others.first().map(|(i, _)| i.clone()));
    let count = story.documents.len();
    let documents = story
        .documents
        .iter()
        .map(|d| {
            let (d1, d2, d3) = (d.clone(), d.clone(), d.clone());
            view! {
                <li>
                    <input type="checkbox" aria-label=format!("Split off {}", outlets.name(d))
                        prop:checked=move || checked.with(|c| c.contains(&d1))
                        on:change=move |e| {
                            let on = event_target_checked(&e);
                            checked.update(|c| { c.retain(|x| *x != d2); if on { c.push(d2.clone()) } });
                        } />
                    <button class="link-button" title="Open in the reader" on:click=move |_| {
                        docs.open(d3.clone());
                        screen.close_dialog();
                    }>{outlets.name(d)}</button>
                </li>
            }
        })
        .collect_view();
    let quotes: Vec<_> = links
        .quotes
        .iter()
        .filter(|q| q.story == id)
        .cloned()
        .collect();
    let figures: Vec<_> = links
        .figures
        .iter()
        .filter(|f| f.story == id)
        .cloned()
        .collect();
    let (no_quotes, no_figures) = (quotes.is_empty(), figures.is_empty());
    let (rename_id, split_id, merge_id) = (id.clone(), id.clone(), id.clone());
    let rename = move || stories.rename(rename_id.clone(), name.get_untracked());
    let rename_on_enter = rename.clone();
    let has_others = !others.is_empty();
    view! {
        <div class="story-detail">
            <div class="dialog-row story-name">
                <label for="story-name">"Name"</label>
                <input id="story-name" data-testid="story-name" prop:value=move || name.get()
                    on:input=move |e| name.set(event_target_value(&e))
                    on:keydown=move |e| if e.key() == "Enter" { rename_on_enter() } />
                <button data-testid="story-rename" on:click=move |_| rename()>"Rename"</button>
            </div>
            <h4>{format!("Documents ({count})")}</h4>
            <ul class="story-documents">{documents}</ul>
            <div class="dialog-row">
                <button data-testid="story-split" disabled=move || { let n = checked.with(Vec::len); n == 0 || n == count }
                    title="Move the checked documents into a new story"
                    on:click=move |_| stories.split(split_id.clone(), checked.get_untracked())>"Split off checked"</button>
                <Show when=move || has_others>
                    <label for="story-merge">"Merge in"</label>
                    <select id="story-merge" data-testid="story-merge-from"
                        on:change=move |e| merge_from.set(Some(StoryId(event_target_value(&e))))>
                        {others.iter().map(|(i, n)| view! { <option value=i.0.clone()>{n.clone()}</option> }).collect_view()}
                    </select>
                    <button data-testid="story-merge" title="Move that story's documents into this one"
                        on:click={
                            let merge_id = merge_id.clone();
                            move |_| if let Some(from) = merge_from.get_untracked() { stories.merge(merge_id.clone(), from) }
                        }>"Merge"</button>
                </Show>
            </div>
            <h4>"Quotes across outlets"</h4>
            {no_quotes.then(|| view! { <p class="muted">"No quote recurs in two documents of this story."</p> })}
            {quotes.into_iter().map(|c| view! { <QuoteClusterView cluster=c outlets=outlets.clone() /> }).collect_view()}
            <h4>"Figures across outlets"</h4>
            {no_figures.then(|| view! { <p class="muted">"No quantity is reported by two documents of this story."</p> })}
            {figures.into_iter().map(|g| view! { <FigureGroupView group=g outlets=outlets.clone() /> }).collect_view()}
        </div>
    }
    .into_any()
}
