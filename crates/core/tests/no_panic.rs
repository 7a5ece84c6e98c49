#![cfg(feature = "formats")]
//! Every importer, fed arbitrary or damaged input, returns an error or documents — never panics.
//! (The cargo-fuzz targets in `crates/core/fuzz/` go further on nightly.)

mod common;

use proptest::prelude::*;
use spanmark_core::formats::{self, Format};

fn feed(name: &str, bytes: &[u8]) {
    let _ = formats::detect(name, bytes);
    let _ = formats::import_any(name, bytes);
    for format in Format::ALL {
        if let Ok(imported) = formats::import(format, name, bytes) {
            // Whatever imports must export again.
            for f in Format::ALL {
                formats::export(f, &imported.documents, &Default::default()).unwrap_or_else(|e| {
                    panic!("{format} import gave documents {f} cannot export: {e}")
                });
            }
        }
    }
    for name in ["a.txt", "a.md", "a.html"] {
        let _ = formats::import_any(name, bytes);
    }
}

proptest! {
    #![proptest_config(common::proptest_config(64))]

    #[test]
    fn arbitrary_bytes(bytes in proptest::collection::vec(any::<u8>(), 0..300)) {
        feed("x.bin", &bytes);
    }

    #[test]
    fn arbitrary_strings(text in "\\PC{0,200}") {
        feed("x.jsonl", text.as_bytes());
    }

    /// Valid exports cut short or with one byte changed: close to every parser's edge cases.
    #[test]
    fn damaged_exports(docs in common::documents(), f in 0usize..8, cut in any::<prop::sample::Index>(), flip in any::<prop::sample::Index>(), byte in any::<u8>()) {
        let format = Format::ALL[f];
        let mut bytes = formats::export(format, &docs, &Default::default()).unwrap().bytes;
        let mut changed = bytes.clone();
        if !changed.is_empty() {
            let at = flip.index(changed.len());
            changed[at] = byte;
        }
        feed("x", &changed);
        bytes.truncate(cut.index(bytes.len() + 1));
        feed("x", &bytes);
    }
}
