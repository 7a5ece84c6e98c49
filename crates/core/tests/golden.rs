#![cfg(feature = "formats")]
//! Each format's export of the hand-checked sample (`common::sample`) matches its committed golden
//! file under `tests/golden/`. After an intended change, regenerate with
//! `UPDATE_GOLDEN=1 cargo test -p spanmark-core --test golden` and review the diff.

mod common;

use std::path::PathBuf;

use spanmark_core::formats::{self, DoccanoVariant, ExportOptions, Format};

fn golden_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/golden")
}

fn check(name: &str, actual: &[u8]) {
    let path = golden_dir().join(name);
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, actual).unwrap();
        return;
    }
    let expected = std::fs::read(&path)
        .unwrap_or_else(|e| panic!("{}: {e} (run with UPDATE_GOLDEN=1)", path.display()));
    assert!(
        expected == actual,
        "{name} differs from its golden file:\n--- expected\n{}\n--- actual\n{}",
        String::from_utf8_lossy(&expected),
        String::from_utf8_lossy(actual)
    );
}

/// The brat zip is checked file by file (readable diffs), plus its listing.
fn unzip(bytes: &[u8]) -> Vec<(String, Vec<u8>)> {
    use std::io::Read;
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    (0..archive.len())
        .map(|i| {
            let mut f = archive.by_index(i).unwrap();
            let mut content = vec![];
            f.read_to_end(&mut content).unwrap();
            (f.name().to_string(), content)
        })
        .collect()
}

#[test]
fn exports_match_golden_files() {
    let docs = common::sample();
    for format in Format::ALL {
        let exported = formats::export(format, &docs, &ExportOptions::default()).unwrap();
        if format == Format::Brat {
            let files = unzip(&exported.bytes);
            let listing: String = files.iter().map(|(n, _)| format!("{n}\n")).collect();
            check("brat/listing.txt", listing.as_bytes());
            for (name, content) in files {
                check(&format!("brat/{name}"), &content);
            }
        } else {
            check(
                &format!("sample.{}.{}", format.id(), format.extension()),
                &exported.bytes,
            );
        }
        let warnings: String = exported.warnings.iter().map(|w| format!("{w}\n")).collect();
        check(
            &format!("warnings/{}.txt", format.id()),
            warnings.as_bytes(),
        );
    }
    let entities = ExportOptions {
        doccano: DoccanoVariant::EntitiesRelations,
        ..Default::default()
    };
    let exported = formats::export(Format::Doccano, &docs, &entities).unwrap();
    check("sample.doccano-entities.jsonl", &exported.bytes);
    let one_label = ExportOptions {
        labels: Some(vec!["figure".into()]),
        ..Default::default()
    };
    let exported = formats::export(Format::Iob2, &docs, &one_label).unwrap();
    check("sample.iob2-figure.conll", &exported.bytes);
}

#[test]
fn golden_files_import_back() {
    let docs = common::sample();
    for format in [
        Format::Spanmark,
        Format::Spacy,
        Format::W3c,
        Format::LabelStudio,
    ] {
        let name = format!("sample.{}.{}", format.id(), format.extension());
        let bytes = std::fs::read(golden_dir().join(&name)).unwrap();
        let got = formats::import(format, &name, &bytes).unwrap();
        assert_eq!(got.documents, docs, "{name}");
    }
}

/// The brat files read back: spans, notes, relations and attributes (brat has no title, source,
/// date or byline).
#[test]
fn golden_brat_files_import_back() {
    let docs = common::sample();
    for doc in &docs {
        let stem = formats::brat::encode_name(&doc.id.0);
        let read =
            |ext: &str| std::fs::read(golden_dir().join(format!("brat/{stem}.{ext}"))).unwrap();
        let (txt, ann) = (read("txt"), read("ann"));
        let got = formats::import_brat_pair(&stem, ("t.txt", &txt), ("t.ann", &ann)).unwrap();
        assert!(got.warnings.is_empty(), "{:?}", got.warnings);
        let got = &got.documents[0];
        assert_eq!(got.spans, doc.spans, "{stem}");
        assert_eq!(got.relations, doc.relations, "{stem}");
    }
}
