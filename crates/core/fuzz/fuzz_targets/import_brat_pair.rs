#![no_main]
//! Fuzzes the brat pair importer (a `.txt` and its `.ann` picked together), which the zip target
//! only reaches through a well-formed zip: the bytes up to the first NUL are the text, the rest
//! the annotations. Any input gives a document or an error, never a panic.

use libfuzzer_sys::fuzz_target;
use spanmark_core::formats::{self, Format};

fuzz_target!(|data: &[u8]| {
    let split = data.iter().position(|&b| b == 0).unwrap_or(data.len());
    let (text, ann) = (&data[..split], data.get(split + 1..).unwrap_or_default());
    if let Ok(imported) = formats::import_brat_pair("input", ("input.txt", text), ("input.ann", ann)) {
        // Whatever imports must export again, in every format.
        for f in Format::ALL {
            formats::export(f, &imported.documents, &Default::default())
                .expect("imported documents export");
        }
    }
});
