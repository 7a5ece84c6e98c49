//! The registry the CLI and the web app call: [`Format`] names a format by its id, [`detect`] guesses
//! it from a file's bytes, [`export`] writes documents as one file (bytes, a file name and warnings
//! about what the format could not hold) and [`import`] reads the bytes of a picked file back into
//! documents (plus warnings).

use std::fmt;
use std::str::FromStr;

use thiserror::Error;

#[cfg(feature = "formats")]
use super::checks::{check_document, checked, utf8};
#[cfg(feature = "formats")]
use super::{
    brat, doccano, file_stem, hf, iob2, label_studio, plain, spacy, spanmark_jsonl, w3c,
    ExportError,
};
use super::{ImportError, Warning};
use crate::model::{Document, LabelSet};

/// A dataset format Spanmark reads and writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Format {
    /// Spanmark's native JSONL (`spanmark`).
    Spanmark,
    /// spaCy / Prodigy JSONL (`spacy`).
    Spacy,
    /// doccano JSONL, label-tuple or entities/relations variant (`doccano`).
    Doccano,
    /// Label Studio JSON tasks (`label-studio`).
    LabelStudio,
    /// brat standoff, as a zip of `.txt` + `.ann` + `annotation.conf` (`brat`).
    Brat,
    /// W3C Web Annotation JSON-LD (`w3c`).
    W3c,
    /// CoNLL IOB2, one column per label layer (`iob2`).
    Iob2,
    /// Hugging Face NER JSONL: `tokens`, `ner_tags` and the tag names (`hf`).
    Hf,
}

impl Format {
    /// Every format, in the order menus show them.
    pub const ALL: [Format; 8] = [
        Format::Spanmark,
        Format::Spacy,
        Format::Doccano,
        Format::LabelStudio,
        Format::Brat,
        Format::W3c,
        Format::Iob2,
        Format::Hf,
    ];

    /// The id used by the CLI and the app, e.g. `"label-studio"`.
    pub fn id(self) -> &'static str {
        match self {
            Format::Spanmark => "spanmark",
            Format::Spacy => "spacy",
            Format::Doccano => "doccano",
            Format::LabelStudio => "label-studio",
            Format::Brat => "brat",
            Format::W3c => "w3c",
            Format::Iob2 => "iob2",
            Format::Hf => "hf",
        }
    }

    /// A human name for menus.
    pub fn name(self) -> &'static str {
        match self {
            Format::Spanmark => "Spanmark JSONL",
            Format::Spacy => "spaCy / Prodigy JSONL",
            Format::Doccano => "doccano JSONL",
            Format::LabelStudio => "Label Studio JSON",
            Format::Brat => "brat standoff (zip)",
            Format::W3c => "W3C Web Annotation JSON-LD",
            Format::Iob2 => "CoNLL IOB2",
            Format::Hf => "Hugging Face NER JSONL",
        }
    }

    /// The file extension an export gets (without the dot).
    pub fn extension(self) -> &'static str {
        match self {
            Format::Spanmark | Format::Spacy | Format::Doccano | Format::Hf => "jsonl",
            Format::LabelStudio => "json",
            Format::Brat => "zip",
            Format::W3c => "jsonld",
            Format::Iob2 => "conll",
        }
    }

    /// The export's media type.
    pub fn media_type(self) -> &'static str {
        match self {
            Format::Spanmark | Format::Spacy | Format::Doccano | Format::Hf => {
                "application/x-ndjson"
            }
            Format::LabelStudio => "application/json",
            Format::Brat => "application/zip",
            Format::W3c => "application/ld+json",
            Format::Iob2 => "text/plain",
        }
    }
}

impl fmt::Display for Format {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.id())
    }
}

/// A format id that is not one of [`Format::ALL`].
#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[error(
    "unknown format {0:?} (known: spanmark, spacy, doccano, label-studio, brat, w3c, iob2, hf)"
)]
pub struct UnknownFormat(pub String);

impl FromStr for Format {
    type Err = UnknownFormat;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let lower = s.trim().to_ascii_lowercase();
        Format::ALL
            .into_iter()
            .find(|f| f.id() == lower)
            .or(match lower.as_str() {
                "prodigy" => Some(Format::Spacy),
                "labelstudio" | "ls" => Some(Format::LabelStudio),
                "conll" | "iob" => Some(Format::Iob2),
                "huggingface" => Some(Format::Hf),
                "jsonld" | "web-annotation" => Some(Format::W3c),
                _ => None,
            })
            .ok_or_else(|| UnknownFormat(s.to_string()))
    }
}

/// Which doccano JSONL variant to write.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum DoccanoVariant {
    /// `{"text", "label": [[start, end, "LABEL"], …]}` — doccano's sequence-labelling default.
    #[default]
    LabelTuples,
    /// `{"text", "entities": [...], "relations": [...]}` — doccano's relation-extraction projects.
    EntitiesRelations,
}

/// Choices for an export.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ExportOptions {
    /// For IOB2 and HF: the labels to export, one layer each, in this order. `None`: every label
    /// found in the documents, in order of first appearance.
    pub labels: Option<Vec<String>>,
    /// For doccano: which variant.
    pub doccano: DoccanoVariant,
    /// The exported file's name without extension; `None`: `spanmark-<format>`.
    pub file_stem: Option<String>,
    /// The workspace's label set, which says which text attributes are one-of-a-list (Label
    /// Studio `choices`, brat `A` lines and `annotation.conf`). `None`: the default set.
    pub schema: Option<LabelSet>,
}

/// An exported file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Exported {
    /// Suggested file name, e.g. `spanmark-spacy.jsonl`.
    pub file_name: String,
    /// Media type, e.g. `application/zip`.
    pub media_type: &'static str,
    /// The file's bytes.
    pub bytes: Vec<u8>,
    /// What the format could not hold exactly (nothing is dropped silently).
    pub warnings: Vec<Warning>,
}

/// The result of an import: new documents and what could not be carried over exactly.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Imported {
    /// The documents read, in file order.
    pub documents: Vec<Document>,
    /// What could not be carried over exactly.
    pub warnings: Vec<Warning>,
}

#[cfg(feature = "formats")]
/// Writes `docs` in `format`.
pub fn export(
    format: Format,
    docs: &[Document],
    options: &ExportOptions,
) -> Result<Exported, ExportError> {
    for doc in docs {
        check_document(doc)?;
    }
    let mut warnings = vec![];
    let schema = options.schema.clone().unwrap_or_default();
    let bytes = match format {
        Format::Spanmark => spanmark_jsonl::export(docs).into_bytes(),
        Format::Spacy => spacy::export(docs, &mut warnings),
        Format::Doccano => doccano::export(docs, options.doccano, &mut warnings).into_bytes(),
        Format::LabelStudio => label_studio::export(docs, &schema).into_bytes(),
        Format::Brat => brat::export_zip(docs, &schema, &mut warnings)?,
        Format::W3c => w3c::export(docs, &mut warnings).into_bytes(),
        Format::Iob2 => iob2::export(docs, options.labels.as_deref(), &mut warnings).into_bytes(),
        Format::Hf => hf::export(docs, options.labels.as_deref(), &mut warnings).into_bytes(),
    };
    let stem = options
        .file_stem
        .clone()
        .unwrap_or_else(|| format!("spanmark-{}", format.id()));
    Ok(Exported {
        file_name: format!("{stem}.{}", format.extension()),
        media_type: format.media_type(),
        bytes,
        warnings,
    })
}

#[cfg(feature = "formats")]
/// Reads the bytes of one file in `format`. `file_name` names documents that carry no id and
/// prefixes error locations.
pub fn import(format: Format, file_name: &str, bytes: &[u8]) -> Result<Imported, ImportError> {
    let stem = file_stem(file_name);
    let result = match format {
        Format::Brat => brat::import_file(file_name, bytes),
        other => {
            let text = utf8(bytes).map_err(|e| e.in_file(file_name))?;
            match other {
                Format::Spanmark => spanmark_jsonl::import(text).map(|documents| Imported {
                    documents,
                    warnings: vec![],
                }),
                Format::Spacy => spacy::import(&stem, text),
                Format::Doccano => doccano::import(&stem, text),
                Format::LabelStudio => label_studio::import(&stem, text),
                Format::W3c => w3c::import(text),
                Format::Iob2 => iob2::import(&stem, text),
                Format::Hf => hf::import(text),
                Format::Brat => unreachable!("handled above"),
            }
        }
    };
    result.and_then(checked).map_err(|e| e.in_file(file_name))
}

#[cfg(feature = "formats")]
/// Reads any supported file: a dataset format (detected from its content) or a plain `.txt`, `.md`
/// or `.html` article, which becomes one new document.
pub fn import_any(file_name: &str, bytes: &[u8]) -> Result<Imported, ImportError> {
    if let Some(kind) = plain::Kind::from_file_name(file_name) {
        if kind != plain::Kind::Text || detect(file_name, bytes).is_none() {
            return plain::import(kind, file_name, bytes).map_err(|e| e.in_file(file_name));
        }
    }
    match detect(file_name, bytes) {
        Some(format) => import(format, file_name, bytes),
        None => Err(ImportError::whole(
            "not a format Spanmark reads (expected Spanmark, spaCy, doccano, Label Studio, brat, \
             W3C, IOB2 or HF NER data, or a .txt/.md/.html article)",
        )
        .in_file(file_name)),
    }
}

/// Imports one file the user picked: in `format`, or detected when `None`. With `keep_valid`, a
/// line-based file whose import fails keeps its valid lines and reports each skipped line as a
/// warning (it still fails when no line is valid).
#[cfg(feature = "formats")]
pub fn import_picked(
    format: Option<Format>,
    file_name: &str,
    bytes: &[u8],
    keep_valid: bool,
) -> Result<Imported, ImportError> {
    let whole = match format {
        Some(format) => import(format, file_name, bytes),
        None => import_any(file_name, bytes),
    };
    let Err(error) = whole else { return whole };
    let format = format.or_else(|| detect(file_name, bytes));
    let line_based = matches!(
        format,
        Some(Format::Spanmark | Format::Spacy | Format::Doccano | Format::Hf)
    );
    match (keep_valid && line_based, format, std::str::from_utf8(bytes)) {
        (true, Some(format), Ok(text)) => keep_valid_lines(file_name, text, error, |line| {
            import(format, file_name, line.as_bytes())
        }),
        _ => Err(error),
    }
}

/// Imports a brat pair picked together: `<stem>.txt` (the text) and `<stem>.ann`.
#[cfg(feature = "formats")]
pub fn import_brat_pair(
    stem: &str,
    (text_name, text): (&str, &[u8]),
    (ann_name, ann): (&str, &[u8]),
) -> Result<Imported, ImportError> {
    let utf8 = |name: &str, bytes: &[u8]| {
        std::str::from_utf8(bytes).map(str::to_string).map_err(|e| {
            ImportError::whole(format!("not UTF-8 text (byte {})", e.valid_up_to())).in_file(name)
        })
    };
    // The text is kept as written (CRLF included): the .ann offsets count every character of it.
    let (text, ann_text) = (utf8(text_name, text)?, utf8(ann_name, ann)?);
    let mut warnings = vec![];
    let doc = brat::import_pair(stem, &text, &ann_text, &mut warnings)
        .map_err(|e| e.in_file(ann_name))?;
    checked(Imported {
        documents: vec![doc],
        warnings,
    })
    .map_err(|e| e.in_file(ann_name))
}

/// What the export dialog shows of `format` before downloading: the first document's record (for
/// brat, its `.ann` file, as the export is a zip).
#[cfg(feature = "formats")]
pub fn preview(format: Format, first: &Document, options: &ExportOptions) -> String {
    if format == Format::Brat {
        return format!(
            "{}.ann\n{}",
            brat::encode_name(&first.id.0),
            brat::export_ann(
                first,
                &options.schema.clone().unwrap_or_default(),
                &mut vec![]
            )
        );
    }
    match export(format, std::slice::from_ref(first), options) {
        Ok(e) => String::from_utf8_lossy(&e.bytes).into_owned(),
        Err(e) => e.to_string(),
    }
}

/// The documents of every line of `text` that `import_line` accepts; each refused line becomes a
/// warning. `error` (the whole file's) is returned when no line is accepted.
pub fn keep_valid_lines(
    file_name: &str,
    text: &str,
    error: ImportError,
    import_line: impl Fn(&str) -> Result<Imported, ImportError>,
) -> Result<Imported, ImportError> {
    let mut kept = Imported::default();
    for (i, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        match import_line(line) {
            Ok(one) => {
                kept.documents.extend(one.documents);
                kept.warnings.extend(one.warnings);
            }
            Err(e) => kept.warnings.push(Warning::new(
                format!("{file_name}, line {}", i + 1),
                format!("skipped: {}", e.message),
            )),
        }
    }
    if kept.documents.is_empty() {
        return Err(error);
    }
    Ok(kept)
}

#[cfg(feature = "formats")]
/// Guesses a file's format from its content (the name only breaks ties). `None` when it is none of
/// the dataset formats (plain text, for instance).
pub fn detect(file_name: &str, bytes: &[u8]) -> Option<Format> {
    if bytes.starts_with(b"PK\x03\x04") {
        return Some(Format::Brat);
    }
    let text = std::str::from_utf8(bytes).ok()?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let trimmed = text.trim_start();
    if trimmed.starts_with('{') || trimmed.starts_with('[') {
        if let Ok(value) = serde_json::from_str::<serde_json::Value>(trimmed) {
            if let Some(f) = detect_json(&value) {
                return Some(f);
            }
        }
        let first = trimmed.lines().find(|l| !l.trim().is_empty())?;
        let value = serde_json::from_str::<serde_json::Value>(first).ok()?;
        return detect_json(&value);
    }
    let lower = file_name.to_ascii_lowercase();
    let first = text.lines().find(|l| !l.trim().is_empty())?;
    if brat::looks_like_ann(first) || lower.ends_with(".ann") {
        return Some(Format::Brat);
    }
    let iob_name = [".conll", ".iob", ".iob2", ".bio"]
        .iter()
        .any(|ext| lower.ends_with(ext));
    if first.starts_with(iob2::DOCSTART) || iob2::looks_like_line(first) || iob_name {
        return Some(Format::Iob2);
    }
    None
}

#[cfg(feature = "formats")]
fn detect_json(value: &serde_json::Value) -> Option<Format> {
    use serde_json::Value;
    match value {
        Value::Array(items) => {
            let first = items.first()?;
            match first {
                Value::Object(o) if o.contains_key("data") => Some(Format::LabelStudio),
                Value::Object(o)
                    if o.get("type").and_then(Value::as_str) == Some("Annotation")
                        || o.contains_key("@context") =>
                {
                    Some(Format::W3c)
                }
                Value::Array(pair) if pair.len() == 2 && pair[0].is_string() => Some(Format::Spacy),
                _ => None,
            }
        }
        Value::Object(o) => {
            if o.contains_key("@context")
                || matches!(
                    o.get("type").and_then(Value::as_str),
                    Some("Annotation" | "AnnotationCollection" | "AnnotationPage")
                )
            {
                Some(Format::W3c)
            } else if o
                .get("schema")
                .and_then(Value::as_str)
                .is_some_and(|s| s.starts_with("spanmark/"))
            {
                Some(Format::Spanmark)
            } else if o.contains_key("tokens") && o.contains_key("ner_tags") {
                Some(Format::Hf)
            } else if o.contains_key("data") && o.contains_key("annotations") {
                Some(Format::LabelStudio)
            } else if o.contains_key("entities")
                && o.contains_key("text")
                && !o.contains_key("spans")
                || o.contains_key("label")
                || o.contains_key("labels")
            {
                Some(Format::Doccano)
            } else if o.contains_key("text")
                && (o.contains_key("spans") || o.contains_key("tokens") || o.contains_key("answer"))
            {
                Some(Format::Spacy)
            } else {
                None
            }
        }
        _ => None,
    }
}

#[cfg(all(test, feature = "formats"))]
mod tests {
    use super::*;

    #[test]
    fn format_ids_round_trip() {
        for f in Format::ALL {
            assert_eq!(f.id().parse::<Format>(), Ok(f));
            assert_eq!(f.to_string(), f.id());
        }
        assert!("csv".parse::<Format>().is_err());
    }
}
