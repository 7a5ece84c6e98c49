//! Running the large-file paths (and the suggestion engine) once on a small made-up workspace while
//! the page is idle, so the user's first import, export or suggestions run optimised code.
//!
//! The browser compiles a WebAssembly function quickly and naively when it is first called, and
//! optimises it in the background only once it has run for a while: without this, the first
//! megabytes of a user's first large import are parsed by the naive code, two to four times slower.

use std::sync::atomic::{AtomicBool, Ordering};

use spanmark_core::formats::streamed::StreamedImport;
use spanmark_core::formats::{self, ExportOptions, Format};
use spanmark_core::model::{Document, DocumentId, Relation, RelationId, Span, SpanId};
use spanmark_core::offsets::CharOffset;
use spanmark_core::suggest::accept::rejected_triples;
use spanmark_core::suggest::{fresh_suggestions, SuggestionKind};
use spanmark_core::transfer::{documents_from_bytes, documents_to_bytes};

/// Whether the module has done real work (or warmed up) already: then warming up is pointless.
static USED: AtomicBool = AtomicBool::new(false);

/// Records that the module is at work for the user.
pub fn used() {
    USED.store(true, Ordering::Relaxed);
}

/// Sentences the made-up articles are built from: the characters and shapes real news has (curly
/// and straight quotes, guillemets, Persian, emoji, figures), so the same code paths run.
const SENTENCES: [&str; 6] = [
    "“We cannot wait another year,” said Mayor Ana Ruiz on Tuesday. ",
    "The council approved a €40 million plan, up from nearly 30% last year. ",
    "\"The numbers do not add up,\" Tomas Berg told the Ellis Courier. ",
    "Dr. Leila Farahani called it « solide, mais tardif » 🌊. ",
    "Her report begins: «این دیوار تنها آغاز کار است» — “only the beginning.” ",
    "At least 646 homes flooded, and around 85 jobs will be created by 2029.\n\n",
];

/// How many made-up documents, and sentences in each: some 370 kB of spaCy JSONL in all (about 90
/// spans a document), enough for the browser to optimise the parser's functions; 30–50 ms of work
/// in the browser, most of it before that code is optimised.
const DOCUMENTS: usize = 8;
const SENTENCES_PER_DOCUMENT: usize = 30;

/// Exports the made-up workspace as spaCy JSONL and imports it back as a large file is (in
/// slices), with the hand-over between modules both ways, and asks for suggestions in it. Does
/// nothing once the module has been used. Returns whether it ran.
pub fn warm_up() -> bool {
    if USED.swap(true, Ordering::Relaxed) {
        return false;
    }
    let documents: Vec<Document> = (0..DOCUMENTS).map(made_up_document).collect();
    let documents = documents_from_bytes(&documents_to_bytes(&documents)).expect("round trip");
    let Ok(exported) = formats::export(Format::Spacy, &documents, &ExportOptions::default()) else {
        return true;
    };
    let Some(mut import) = StreamedImport::start(Some(Format::Spacy), "warm-up.jsonl", &[]) else {
        return true;
    };
    for slice in exported.bytes.chunks(64 * 1024) {
        if import.push(slice).is_err() {
            return true;
        }
    }
    if let Ok(imported) = import.finish() {
        documents_to_bytes(&imported.documents);
    }
    for doc in &documents {
        fresh_suggestions(doc, &rejected_triples(doc), SuggestionKind::ALL);
    }
    true
}

/// Document `n`: its sentences, a span on every word of six letters or more (labels in turn), and
/// a relation from every third span to the one before it.
fn made_up_document(n: usize) -> Document {
    let text: String = (0..SENTENCES_PER_DOCUMENT)
        .map(|i| SENTENCES[(n + i) % SENTENCES.len()])
        .collect();
    let mut doc = Document::new(
        DocumentId(format!("warm-{n}")),
        format!("Made up {n}"),
        text,
        0,
    );
    let mut start = None;
    let mut spans = vec![];
    for (at, c) in doc.text.chars().chain([' ']).enumerate() {
        match (c.is_alphanumeric(), start) {
            (true, None) => start = Some(at),
            (false, Some(from)) => {
                if at - from >= 6 {
                    let id = spans.len() as u64 + 1;
                    spans.push(Span::new(
                        SpanId(id),
                        CharOffset(from),
                        CharOffset(at),
                        ["claim", "quote", "figure"][spans.len() % 3],
                    ));
                }
                start = None;
            }
            _ => {}
        }
    }
    doc.relations = spans
        .chunks(3)
        .filter(|c| c.len() == 3)
        .enumerate()
        .map(|(i, c)| Relation {
            id: RelationId(i as u64 + 1),
            from: c[2].id,
            to: c[1].id,
            kind: "said-by".to_string(),
        })
        .collect();
    doc.spans = spans;
    doc
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_made_up_workspace_exports_and_imports_back_unchanged() {
        let documents: Vec<Document> = (0..DOCUMENTS).map(made_up_document).collect();
        assert!(documents.iter().all(|d| d.spans.len() >= 40));
        let exported =
            formats::export(Format::Spacy, &documents, &ExportOptions::default()).unwrap();
        assert!(
            exported.bytes.len() > 100_000,
            "{} bytes",
            exported.bytes.len()
        );
        let mut import = StreamedImport::start(Some(Format::Spacy), "w.jsonl", &[]).unwrap();
        for slice in exported.bytes.chunks(64 * 1024) {
            import.push(slice).unwrap();
        }
        let imported = import.finish().unwrap();
        assert!(imported.warnings.is_empty(), "{:?}", imported.warnings);
        assert_eq!(imported.documents.len(), DOCUMENTS);
        for (back, made) in imported.documents.iter().zip(&documents) {
            assert_eq!(back.text, made.text);
            assert_eq!(back.spans, made.spans);
            assert_eq!(back.relations, made.relations);
        }
        assert!(warm_up());
        assert!(!warm_up(), "once only");
    }
}
