#![no_main]
//! Fuzzes the brat importer: any bytes give documents or an error, never a panic.

use libfuzzer_sys::fuzz_target;
#[allow(unused_imports)]
use spanmark_core::formats::{self, Format};

fuzz_target!(|data: &[u8]| {
    if let Ok(imported) = formats::import(Format::Brat, "input", data) {
        // Whatever imports must export again, in every format.
        for f in Format::ALL {
            formats::export(f, &imported.documents, &Default::default())
                .expect("imported documents export");
        }
    }
});
