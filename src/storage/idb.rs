//! Minimal promise-style wrappers around IndexedDB requests and transactions.

use js_sys::{Array, Promise};
use wasm_bindgen::{closure::Closure, JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{IdbDatabase, IdbOpenDbRequest, IdbRequest, IdbTransaction, IdbTransactionMode};

use crate::dom::download::js_error;

/// Opens (creating or upgrading) database `name` at `version`; `upgrade` creates missing stores.
pub async fn open(
    name: &str,
    version: u32,
    stores: &'static [&'static str],
) -> Result<IdbDatabase, String> {
    let factory = web_sys::window()
        .ok_or("no window")?
        .indexed_db()
        .map_err(js_error)?
        .ok_or("this browser offers no IndexedDB (private mode?)")?;
    let request: IdbOpenDbRequest = factory.open_with_u32(name, version).map_err(js_error)?;
    let on_upgrade = Closure::<dyn FnMut(web_sys::Event)>::new(move |event: web_sys::Event| {
        let Some(req) = event.target().and_then(|t| t.dyn_into::<IdbRequest>().ok()) else {
            return;
        };
        let Ok(db) = req.result().and_then(|r| r.dyn_into::<IdbDatabase>()) else {
            return;
        };
        let existing = db.object_store_names();
        for store in stores {
            if !existing.contains(store) {
                let _ = db.create_object_store(store);
            }
        }
    });
    request.set_onupgradeneeded(Some(on_upgrade.as_ref().unchecked_ref()));
    let blocked = Closure::<dyn FnMut()>::new(|| {
        web_sys::console::warn_1(&"IndexedDB upgrade blocked by another tab".into());
    });
    request.set_onblocked(Some(blocked.as_ref().unchecked_ref()));
    let result = request_done(&request).await;
    drop((on_upgrade, blocked));
    result?
        .dyn_into::<IdbDatabase>()
        .map_err(|_| "IndexedDB returned no database".to_string())
}

/// Resolves with a request's result, or its error.
pub async fn request_done(request: &IdbRequest) -> Result<JsValue, String> {
    let req = request.clone();
    let promise = Promise::new(&mut |resolve, reject| {
        let ok_req = req.clone();
        let on_success = Closure::once_into_js(move || {
            let _ = resolve.call1(
                &JsValue::NULL,
                &ok_req.result().unwrap_or(JsValue::UNDEFINED),
            );
        });
        let err_req = req.clone();
        let on_error = Closure::once_into_js(move || {
            let err = err_req
                .error()
                .ok()
                .flatten()
                .map(JsValue::from)
                .unwrap_or(JsValue::NULL);
            let _ = reject.call1(&JsValue::NULL, &err);
        });
        req.set_onsuccess(Some(on_success.unchecked_ref()));
        req.set_onerror(Some(on_error.unchecked_ref()));
    });
    JsFuture::from(promise).await.map_err(describe)
}

/// Resolves when a transaction commits; rejects with its error when it fails or aborts.
pub async fn transaction_done(tx: &IdbTransaction) -> Result<(), String> {
    let t = tx.clone();
    let promise = Promise::new(&mut |resolve, reject| {
        let on_complete = Closure::once_into_js(move || {
            let _ = resolve.call0(&JsValue::NULL);
        });
        let err_tx = t.clone();
        let reject2 = reject.clone();
        let abort_tx = t.clone();
        let on_error = Closure::once_into_js(move || {
            let err = err_tx.error().map(JsValue::from).unwrap_or(JsValue::NULL);
            let _ = reject.call1(&JsValue::NULL, &err);
        });
        let on_abort = Closure::once_into_js(move || {
            let err = abort_tx
                .error()
                .map(JsValue::from)
                .unwrap_or_else(|| JsValue::from_str("transaction aborted"));
            let _ = reject2.call1(&JsValue::NULL, &err);
        });
        t.set_oncomplete(Some(on_complete.unchecked_ref()));
        t.set_onerror(Some(on_error.unchecked_ref()));
        t.set_onabort(Some(on_abort.unchecked_ref()));
    });
    JsFuture::from(promise).await.map(|_| ()).map_err(describe)
}

/// A transaction over `stores`.
pub fn transaction(
    db: &IdbDatabase,
    stores: &[&str],
    write: bool,
) -> Result<IdbTransaction, String> {
    let names: Array = stores.iter().map(|s| JsValue::from_str(s)).collect();
    let mode = if write {
        IdbTransactionMode::Readwrite
    } else {
        IdbTransactionMode::Readonly
    };
    db.transaction_with_str_sequence_and_mode(&names, mode)
        .map_err(js_error)
}

fn describe(e: JsValue) -> String {
    if e.is_null() || e.is_undefined() {
        return "unknown storage error".into();
    }
    js_error(e)
}
