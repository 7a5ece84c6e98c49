#![no_main]
//! Fuzzes the any importer: any bytes give documents or an error, never a panic.

use libfuzzer_sys::fuzz_target;
#[allow(unused_imports)]
use spanmark_core::formats::{self, Format};

fuzz_target!(|data: &[u8]| {
    let _ = formats::detect("input", data);
    let _ = formats::import_any("input.txt", data);
    let _ = formats::import_any("input.html", data);
    let _ = formats::import_any("input.md", data);
});
