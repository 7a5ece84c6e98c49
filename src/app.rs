//! The top-level component: creates the state's rooms, mounts the views (each owner mounts its
//! own: the find bar, the label editor and the suggestion ghosts are wired here, not inside the
//! reader), and wires global keys, drag-and-drop and the root element's attributes.

use std::sync::Arc;

use leptos::{ev, prelude::*};
use wasm_bindgen::JsCast;

use spanmark_core::LabelSet;

use crate::state::saving::Writer;
use crate::state::{provide_state, Pane};
use crate::ui::find::FindBar;
use crate::ui::help::Help;
use crate::ui::import::{summary::ImportSummary, ImportState};
use crate::ui::labels::editor::LabelEditor;
use crate::ui::palette::Palette;
use crate::ui::reader::{GhostSource, Reader};
use crate::ui::suggest_panel::SuggestionPanel;
use crate::ui::{
    banner::Banners, doc_list::DocList, paste_panel::PastePanel, span_list::SpanList,
    topbar::TopBar,
};

fn root_element() -> Option<web_sys::Element> {
    document().document_element()
}

/// The whole app.
#[component]
pub fn App() -> impl IntoView {
    let (docs, saving, screen, suggest) = provide_state();
    let import = ImportState::new(docs, screen);
    provide_context(import);

    // Label colours are CSS variables on the root element (set through the CSSOM, allowed by the
    // CSP). Only when the colours change: touching the root's style restyles the whole document.
    let colours = Memo::new(move |_| {
        docs.ws.with(|ws| {
            ws.labels
                .labels
                .iter()
                .map(|l| l.colour.clone())
                .collect::<Vec<_>>()
        })
    });
    Effect::new(move |_| {
        colours.with(|colours| {
            let Some(root) = root_element().and_then(|r| r.dyn_into::<web_sys::HtmlElement>().ok())
            else {
                return;
            };
            // A colour the user chose overrides the theme's palette; the defaults keep the palette,
            // so they adapt to dark mode.
            let defaults = LabelSet::default();
            for i in 0..12 {
                let custom = colours.get(i).map(String::as_str).filter(|c| {
                    !c.is_empty() && Some(*c) != defaults.labels.get(i).map(|d| d.colour.as_str())
                });
                let name = format!("--label-{i}");
                let _ = match custom {
                    Some(c) => root.style().set_property(&name, c),
                    None => root.style().remove_property(&name).map(|_| ()),
                };
            }
        })
    });

    // `data-workspace="loaded"` once every saved document has been read (the list shows before).
    Effect::new(move |_| {
        let loaded = docs.loaded.get();
        if let Some(root) = root_element() {
            let _ = root.set_attribute("data-workspace", if loaded { "loaded" } else { "loading" });
        }
    });
    Effect::new(move |_| {
        let saved = saving.state.get();
        if let Some(root) = root_element() {
            let _ = root.set_attribute("data-save-state", saved.as_str());
        }
    });
    // `data-writer`: whether this tab writes ("writing"), another does ("paused"), or it is asking.
    Effect::new(move |_| {
        let writer = match saving.writer.get() {
            Writer::Asking => "asking",
            Writer::Writing => "writing",
            Writer::Paused => "paused",
        };
        if let Some(root) = root_element() {
            let _ = root.set_attribute("data-writer", writer);
        }
    });
    Effect::new(move |_| {
        let theme = screen.theme.get();
        if let Some(root) = root_element() {
            let _ = match theme.name() {
                Some(t) => root.set_attribute("data-theme", t),
                None => root.remove_attribute("data-theme"),
            };
        }
    });

    // Follow the system's colour scheme (used when no theme is chosen), live.
    if let Ok(Some(query)) = window().match_media("(prefers-color-scheme: dark)") {
        let apply = move |dark: bool| {
            if let Some(root) = root_element() {
                let _ = root.toggle_attribute_with_force("data-system-dark", dark);
            }
        };
        apply(query.matches());
        let on_change =
            wasm_bindgen::closure::Closure::<dyn FnMut(web_sys::MediaQueryListEvent)>::new(
                move |e: web_sys::MediaQueryListEvent| apply(e.matches()),
            );
        let _ =
            query.add_event_listener_with_callback("change", on_change.as_ref().unchecked_ref());
        on_change.forget();
    }

    let keys = window_event_listener(ev::keydown, move |e| {
        crate::ui::keys::on_global_key(docs, screen, suggest, &e)
    });
    on_cleanup(move || keys.remove());
    let dragover = window_event_listener(ev::dragover, |e| e.prevent_default());
    on_cleanup(move || dragover.remove());
    // A file dragged in is likely to be imported: have the formats module ready.
    let dragenter = window_event_listener(ev::dragenter, |_| crate::dom::lazy_formats::preload());
    on_cleanup(move || dragenter.remove());
    let drop = window_event_listener(ev::drop, move |e: web_sys::DragEvent| {
        e.prevent_default();
        let Some(list) = e.data_transfer().and_then(|d| d.files()) else {
            return;
        };
        let files = crate::dom::files::files_of(&list);
        crate::ui::topbar::import_picked(import, files);
    });
    on_cleanup(move || drop.remove());

    let ghosts = GhostSource(Arc::new(move |doc, ws| suggest.ghosts(doc, ws)));
    view! {
        <div class="app">
            <TopBar />
            <Banners />
            <Help />
            <LabelEditor />
            <ImportSummary />
            <crate::ui::compare::CompareView />
            <crate::ui::annotator_prompt::AnnotatorPrompt />
            <crate::ui::stories::dialog::StoriesDialog />
            <main class="columns">
                <nav class="column docs-column" aria-label="Documents">
                    <DocList />
                </nav>
                <section class="column reader" aria-label="Reader">
                    <Show when=move || screen.pane.get() == Pane::Reader fallback=|| view! { <PastePanel /> }>
                        <Palette />
                        <FindBar />
                        <crate::ui::by_hand::link_bar::LinkBar />
                        <crate::ui::by_hand::doc_details::DocDetails />
                        <Reader ghosts=ghosts.clone() />
                    </Show>
                </section>
                <aside class="column spans-column" aria-label="Spans">
                    <SuggestionPanel />
                    <crate::ui::by_hand::span_details::SpanDetails />
                    <SpanList />
                </aside>
            </main>
        </div>
    }
}
