//! Paste a new article (or try the sample). Text copied from a news page is read as soon as it is
//! pasted (`spanmark_core::paste`): its headline, byline and publication date fill the fields the
//! user has not typed in, and the page's chrome (a close button's word, menu and share rows, photo
//! labels, captions repeated, newsletter prompts) is listed and left out unless the user keeps it.

use leptos::prelude::*;
use spanmark_core::paste::{article_text, read_paste, PasteReading};

use crate::sample;
use crate::state::by_hand::PastedDetails;
use crate::state::{use_documents, use_screen, Pane};

/// How long after the last input the text is read (milliseconds).
const READ_AFTER_MS: u64 = 120;

/// A field of the form: its value, and whether the user typed in it (detection then leaves it).
#[derive(Clone, Copy)]
struct Field {
    value: RwSignal<String>,
    typed: RwSignal<bool>,
}

impl Field {
    fn new() -> Self {
        Field {
            value: RwSignal::new(String::new()),
            typed: RwSignal::new(false),
        }
    }

    fn detected(&self, found: Option<&String>) {
        if !self.typed.get_untracked() {
            self.value.set(found.cloned().unwrap_or_default());
        }
    }

    fn clear(&self) {
        self.value.set(String::new());
        self.typed.set(false);
    }
}

/// Title, details and text → new document.
#[component]
pub fn PastePanel() -> impl IntoView {
    let state = use_documents();
    let screen = use_screen();
    let (title, source, date, byline) = (Field::new(), Field::new(), Field::new(), Field::new());
    let text = RwSignal::new(String::new());
    let reading = RwSignal::new(PasteReading::default());
    let keep = RwSignal::new(Vec::<usize>::new());
    // Which input the reading is of: text typed (or inserted line by line) is read once it
    // settles, not at every keystroke; a paste is one input and is read at once after it.
    let generation = StoredValue::new(0u64);
    let read_generation = StoredValue::new(0u64);
    let read_now = move || {
        let found = text.with_untracked(|t| read_paste(t));
        title.detected(found.title.as_ref());
        byline.detected(found.byline.as_ref());
        date.detected(found.published.as_ref());
        keep.set(vec![]);
        reading.set(found);
        read_generation.set_value(generation.get_value());
    };
    let on_text = move |value: String| {
        text.set(value);
        generation.update_value(|g| *g += 1);
        let this = generation.get_value();
        set_timeout(
            move || {
                if generation.try_get_value() == Some(this) {
                    read_now();
                }
            },
            std::time::Duration::from_millis(READ_AFTER_MS),
        );
    };
    let submit = move || {
        if read_generation.get_value() != generation.get_value() {
            read_now();
        }
        let article = reading.with_untracked(|r| {
            text.with_untracked(|t| keep.with_untracked(|k| article_text(t, &r.left_out, k)))
        });
        let details = PastedDetails {
            source: source.value.get_untracked(),
            published: date.value.get_untracked(),
            byline: byline.value.get_untracked(),
        };
        match state.add_pasted_with(&title.value.get_untracked(), &article, &details) {
            Ok(()) => {
                for f in [title, source, date, byline] {
                    f.clear();
                }
                text.set(String::new());
                reading.set(PasteReading::default());
                keep.set(vec![]);
            }
            Err(e) => screen.fail(e),
        }
    };
    let input =
        move |id: &'static str, label: &'static str, placeholder: &'static str, f: Field| {
            view! {
                <label for=id>{label}</label>
                <input id=id data-testid=id placeholder=placeholder
                    prop:value=move || f.value.get()
                    on:input=move |e| { f.typed.set(true); f.value.set(event_target_value(&e)); } />
            }
        };
    let left_out = move || reading.with(|r| r.left_out.clone());
    view! {
        <form class="paste-panel" on:submit=move |e| { e.prevent_default(); submit(); }>
            <h2>"New document"</h2>
            {input("paste-title", "Title", "Headline (found in pasted page text, or type one)", title)}
            <label for="paste-text">"Article text"</label>
            <textarea id="paste-text" data-testid="paste-text" placeholder="Paste the article here (copied from a news page: its menus, share buttons and photo labels are found and left out)"
                prop:value=move || text.get() on:input=move |e| on_text(event_target_value(&e))></textarea>
            <Show when=move || reading.with(|r| !r.left_out.is_empty())>
                <fieldset class="paste-chrome" data-testid="paste-chrome">
                    <legend>{move || format!("Left out of the text ({} lines) — tick a line to keep it", reading.with(|r| r.left_out.len()))}</legend>
                    <ul>
                        {move || left_out().into_iter().map(|l| {
                            let line = l.line;
                            view! {
                                <li data-testid="paste-chrome-item" data-line=line>
                                    <label>
                                        <input type="checkbox" data-testid="paste-chrome-keep" aria-label=format!("Keep “{}”", l.text)
                                            prop:checked=move || keep.with(|k| k.contains(&line))
                                            on:change=move |e| {
                                                let on = event_target_checked(&e);
                                                keep.update(|k| { k.retain(|x| *x != line); if on { k.push(line) } });
                                            } />
                                        <q dir="auto">{l.text.clone()}</q>
                                        <span class="why">{l.why.describe()}</span>
                                    </label>
                                </li>
                            }
                        }).collect_view()}
                    </ul>
                </fieldset>
            </Show>
            <div class="paste-details">
                <div>{input("paste-byline", "Byline", "Who wrote it", byline)}</div>
                <div>{input("paste-date", "Published", "YYYY-MM-DD", date)}</div>
                <div>{input("paste-source", "Source", "https://… (the article's address)", source)}</div>
            </div>
            <div class="actions">
                <button type="submit" class="primary" data-testid="paste-submit">"Add document"</button>
                <button type="button" data-testid="sample-load" on:click=move |_| {
                    let _ = state.add_pasted(sample::TITLE, sample::TEXT);
                }>"Try a sample article"</button>
                <Show when=move || state.ws.with(|ws| !ws.documents.is_empty())>
                    <button type="button" on:click=move |_| screen.pane.set(Pane::Reader)>"Cancel"</button>
                </Show>
            </div>
        </form>
    }
}
