//! One tab writes at a time: the tab holding the Web Lock `spanmark-writer` saves; another tab
//! of the same origin pauses editing (and says so) until the writing tab closes or the user takes
//! over, which steals the lock — the tab that had it is told at once and pauses in turn. No tab
//! ever overwrites another's records unseen.
//!
//! web-sys offers the Web Locks API only as unstable, so it is called through `Reflect`.

use std::cell::RefCell;
use std::rc::Rc;

use js_sys::{Function, Object, Promise, Reflect};
use wasm_bindgen::{closure::Closure, JsCast, JsValue};
use wasm_bindgen_futures::{spawn_local, JsFuture};

const LOCK_NAME: &str = "spanmark-writer";

/// How to ask for the lock.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ask {
    /// Only if no tab holds it.
    IfFree,
    /// Take it from the tab that holds it.
    Steal,
    /// Wait until it is free (the tab holding it closes or lets go).
    Wait,
}

/// The lock, held until released (or until another tab steals it, or the page goes).
pub struct Held {
    release: Option<Function>,
}

impl Held {
    /// Lets go of the lock.
    pub fn release(self) {
        if let Some(release) = self.release {
            let _ = release.call0(&JsValue::NULL);
        }
    }
}

/// Asks for the writer's lock. Resolves with the lock once held, or `None` when `IfFree` found
/// another tab holding it. `on_lost` is called if another tab steals it later. A browser without
/// Web Locks always holds it.
pub async fn acquire(ask: Ask, on_lost: impl FnOnce() + 'static) -> Result<Option<Held>, String> {
    let Some(locks) = web_sys::window()
        .map(|w| w.navigator())
        .and_then(|n| Reflect::get(&n, &"locks".into()).ok())
        .filter(|l| !l.is_undefined() && !l.is_null())
    else {
        return Ok(Some(Held { release: None }));
    };
    let request: Function = Reflect::get(&locks, &"request".into())
        .map_err(|_| "no locks.request")?
        .dyn_into()
        .map_err(|_| "locks.request is not a function")?;
    let options = Object::new();
    let flag = match ask {
        Ask::IfFree => Some("ifAvailable"),
        Ask::Steal => Some("steal"),
        Ask::Wait => None,
    };
    if let Some(flag) = flag {
        Reflect::set(&options, &flag.into(), &JsValue::TRUE).map_err(|_| "lock options")?;
    }

    // Resolved with whether the lock was granted; the lock itself is held by a promise that
    // settles only when released.
    let mut granted_resolve: Option<Function> = None;
    let granted = Promise::new(&mut |resolve, _| granted_resolve = Some(resolve));
    let granted_resolve = granted_resolve.expect("a promise's executor runs at once");
    let release: Rc<RefCell<Option<Function>>> = Rc::default();
    let release_slot = release.clone();
    let callback = Closure::once_into_js(move |lock: JsValue| -> JsValue {
        let held = !lock.is_null() && !lock.is_undefined();
        let hold = held
            .then(|| Promise::new(&mut |resolve, _| *release_slot.borrow_mut() = Some(resolve)));
        let _ = granted_resolve.call1(&JsValue::NULL, &JsValue::from_bool(held));
        hold.map_or(JsValue::UNDEFINED, JsValue::from)
    });
    let requested: Promise = request
        .call3(&locks, &LOCK_NAME.into(), &options, &callback)
        .map_err(|e| format!("{e:?}"))?
        .dyn_into()
        .map_err(|_| "locks.request returned no promise")?;
    let held = JsFuture::from(granted)
        .await
        .map(|v| v.as_bool() == Some(true))
        .unwrap_or(false);
    if !held {
        return Ok(None);
    }
    // The request's promise rejects (AbortError) when another tab steals the lock; it resolves
    // when this tab lets go.
    spawn_local(async move {
        if JsFuture::from(requested).await.is_err() {
            on_lost();
        }
    });
    let release = release.borrow_mut().take();
    Ok(Some(Held { release }))
}
