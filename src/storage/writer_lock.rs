//! One tab writes at a time: the tab holding the Web Lock `spanmark-writer` saves; another tab
//! of the same origin pauses editing (and says so) until the user takes over, which steals the
//! lock — the tab that had it is told at once and pauses in turn. No tab ever overwrites
//! another's records unseen.
//!
//! web-sys offers the Web Locks API only as unstable, so it is called through `Reflect`.

use js_sys::{Function, Object, Promise, Reflect};
use wasm_bindgen::{closure::Closure, JsCast, JsValue};
use wasm_bindgen_futures::{spawn_local, JsFuture};

const LOCK_NAME: &str = "spanmark-writer";

/// Asks to be the writing tab. With `steal`, takes the lock from the tab holding it; without,
/// only takes it if it is free. Resolves to whether this tab now writes. `on_lost` is called if
/// another tab steals the lock later. A browser without Web Locks always writes.
pub async fn acquire(steal: bool, on_lost: impl FnOnce() + 'static) -> Result<bool, String> {
    let Some(locks) = web_sys::window()
        .map(|w| w.navigator())
        .and_then(|n| Reflect::get(&n, &"locks".into()).ok())
        .filter(|l| !l.is_undefined() && !l.is_null())
    else {
        return Ok(true);
    };
    let request: Function = Reflect::get(&locks, &"request".into())
        .map_err(|_| "no locks.request")?
        .dyn_into()
        .map_err(|_| "locks.request is not a function")?;
    let options = Object::new();
    let flag = if steal { "steal" } else { "ifAvailable" };
    Reflect::set(&options, &flag.into(), &JsValue::TRUE).map_err(|_| "lock options")?;

    // Resolved with whether the lock was granted; the lock itself is held by a promise that never
    // settles (until the page goes, or another tab steals it).
    let mut granted_resolve: Option<Function> = None;
    let granted = Promise::new(&mut |resolve, _| granted_resolve = Some(resolve));
    let granted_resolve = granted_resolve.expect("promise executor runs at once");
    let callback = Closure::once_into_js(move |lock: JsValue| -> JsValue {
        let held = !lock.is_null() && !lock.is_undefined();
        let _ = granted_resolve.call1(&JsValue::NULL, &JsValue::from_bool(held));
        if held {
            Promise::new(&mut |_, _| {}).into()
        } else {
            JsValue::UNDEFINED
        }
    });
    let held: Promise = request
        .call3(&locks, &LOCK_NAME.into(), &options, &callback)
        .map_err(|e| format!("{e:?}"))?
        .dyn_into()
        .map_err(|_| "locks.request returned no promise")?;
    let is_held = JsFuture::from(granted)
        .await
        .map(|v| v.as_bool() == Some(true))
        .unwrap_or(false);
    if is_held {
        // The request's promise rejects (AbortError) when another tab steals the lock.
        spawn_local(async move {
            if JsFuture::from(held).await.is_err() {
                on_lost();
            }
        });
    }
    Ok(is_held)
}
