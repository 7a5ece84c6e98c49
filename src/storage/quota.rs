//! The browser's storage manager: persistence (`navigator.storage.persist()`) and the usage/quota
//! estimate (`navigator.storage.estimate()`). Outside a secure context browsers offer neither, so
//! every call reports an error instead of failing the app.

use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{StorageEstimate, StorageManager};

use crate::dom::download::js_error;

/// Bytes this origin uses and may use, as the browser estimates them.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Estimate {
    pub usage: f64,
    pub quota: f64,
}

fn manager() -> Result<StorageManager, String> {
    let navigator = web_sys::window().ok_or("no window")?.navigator();
    // `navigator.storage` is undefined in insecure contexts: check before using the typed getter.
    let storage =
        js_sys::Reflect::get(&navigator, &JsValue::from_str("storage")).map_err(js_error)?;
    if storage.is_undefined() || storage.is_null() {
        return Err("this browser offers no storage manager".into());
    }
    Ok(storage.unchecked_into())
}

async fn resolve(promise: Result<js_sys::Promise, JsValue>) -> Result<JsValue, String> {
    JsFuture::from(promise.map_err(js_error)?)
        .await
        .map_err(js_error)
}

/// Asks the browser not to evict this origin's data under storage pressure; true when granted
/// (or already granted). Browsers decide by their own rules; some ask the user.
pub async fn persist() -> Result<bool, String> {
    Ok(resolve(manager()?.persist())
        .await?
        .as_bool()
        .unwrap_or(false))
}

/// Whether this origin's storage is already persistent (asks nothing).
pub async fn persisted() -> Result<bool, String> {
    Ok(resolve(manager()?.persisted())
        .await?
        .as_bool()
        .unwrap_or(false))
}

/// The current usage/quota estimate.
pub async fn estimate() -> Result<Estimate, String> {
    let estimate: StorageEstimate = resolve(manager()?.estimate()).await?.unchecked_into();
    Ok(Estimate {
        usage: estimate.get_usage().unwrap_or(0.0),
        quota: estimate.get_quota().unwrap_or(0.0),
    })
}

/// A byte count in decimal units, as browsers and file managers show them: "512 B", "1.2 MB", "10 GB".
pub fn format_bytes(bytes: f64) -> String {
    const UNITS: [&str; 5] = ["B", "kB", "MB", "GB", "TB"];
    let mut value = bytes.max(0.0);
    let mut unit = 0;
    while value >= 999.5 && unit < UNITS.len() - 1 {
        value /= 1000.0;
        unit += 1;
    }
    if unit == 0 || value >= 9.95 {
        format!("{value:.0} {}", UNITS[unit])
    } else {
        format!("{value:.1} {}", UNITS[unit])
    }
}

/// The indicator's text, e.g. "Storage: 1.2 MB of 10 GB · persistent".
pub fn describe(estimate: Option<&Estimate>, persisted: Option<bool>) -> String {
    let amount = match estimate {
        Some(e) => format!("{} of {}", format_bytes(e.usage), format_bytes(e.quota)),
        None => "unknown".to_string(),
    };
    match persisted {
        Some(true) => format!("Storage: {amount} · persistent"),
        Some(false) => format!("Storage: {amount} · not persistent"),
        None => format!("Storage: {amount}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bytes_in_decimal_units() {
        assert_eq!(format_bytes(0.0), "0 B");
        assert_eq!(format_bytes(512.0), "512 B");
        assert_eq!(format_bytes(999.0), "999 B");
        assert_eq!(format_bytes(1_000.0), "1.0 kB");
        assert_eq!(format_bytes(1_234_567.0), "1.2 MB");
        assert_eq!(format_bytes(10_000_000_000.0), "10 GB");
        assert_eq!(format_bytes(299_965_000_000.0), "300 GB");
        assert_eq!(format_bytes(-3.0), "0 B");
    }

    #[test]
    fn description() {
        let e = Estimate {
            usage: 1_200_000.0,
            quota: 10_000_000_000.0,
        };
        assert_eq!(
            describe(Some(&e), Some(true)),
            "Storage: 1.2 MB of 10 GB · persistent"
        );
        assert_eq!(
            describe(Some(&e), Some(false)),
            "Storage: 1.2 MB of 10 GB · not persistent"
        );
        assert_eq!(describe(None, None), "Storage: unknown");
    }
}
