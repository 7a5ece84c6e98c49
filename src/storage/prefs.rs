//! Small per-browser preferences in localStorage (versioned keys): the colour theme and the
//! user's name as an annotator.

const THEME_KEY: &str = "spanmark.v1.theme";

fn local() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok()?
}

/// The remembered theme: "light", "dark", or `None` to follow the system.
pub fn theme() -> Option<&'static str> {
    match local()?.get_item(THEME_KEY).ok()??.as_str() {
        "light" => Some("light"),
        "dark" => Some("dark"),
        _ => None,
    }
}

/// Remembers the theme (`None`: follow the system).
pub fn set_theme(theme: Option<&str>) {
    if let Some(s) = local() {
        let _ = match theme {
            Some(t) => s.set_item(THEME_KEY, t),
            None => s.remove_item(THEME_KEY),
        };
    }
}

const ANNOTATOR_KEY: &str = "spanmark.v1.annotator";

/// The user's name as an annotator (written as `annotator` in exported records), if set.
pub fn annotator() -> Option<String> {
    local()?
        .get_item(ANNOTATOR_KEY)
        .ok()?
        .filter(|n| !n.trim().is_empty())
}

/// Remembers the user's name as an annotator.
pub fn set_annotator(name: &str) {
    if let Some(s) = local() {
        let _ = s.set_item(ANNOTATOR_KEY, name);
    }
}
