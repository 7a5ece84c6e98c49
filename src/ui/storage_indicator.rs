//! The top bar's storage indicator: how much this browser holds for Spanmark, how much it allows,
//! and whether the browser promised to keep it (persistent storage, requested once at start-up).

use leptos::{prelude::*, task::spawn_local};

use crate::state::{use_saving, SaveState};
use crate::storage::quota::{self, Estimate};

/// "Storage: 1.2 MB of 10 GB · persistent", refreshed after every completed save.
#[component]
pub fn StorageIndicator() -> impl IntoView {
    let saving = use_saving();
    let persisted = RwSignal::new(None::<bool>);
    let estimate = RwSignal::new(None::<Estimate>);

    // Ask for persistent storage once, when the app starts (the top bar is mounted once).
    spawn_local(async move {
        let granted = match quota::persist().await {
            Ok(granted) => Some(granted),
            Err(_) => quota::persisted().await.ok(),
        };
        let _ = persisted.try_set(granted);
    });

    // Estimate at start and again whenever a save has completed.
    Effect::new(move |_| {
        if saving.state.get() == SaveState::Saved {
            spawn_local(async move {
                if let Ok(e) = quota::estimate().await {
                    let _ = estimate.try_set(Some(e));
                }
            });
        }
    });

    let title = move || match persisted.get() {
        Some(true) => "The browser keeps this data until you delete it.",
        Some(false) => {
            "The browser may clear this data when the disk runs low: export your work regularly."
        }
        None => "Data saved in this browser.",
    };
    view! {
        <span class="storage-indicator" data-testid="storage-indicator" title=title
            data-persisted=move || match persisted.get() { Some(true) => "true", Some(false) => "false", None => "unknown" }
            data-usage=move || estimate.get().map(|e| e.usage.to_string())
            data-quota=move || estimate.get().map(|e| e.quota.to_string())>
            {move || quota::describe(estimate.get().as_ref(), persisted.get())}
        </span>
    }
}
