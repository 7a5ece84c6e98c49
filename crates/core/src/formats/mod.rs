//! Dataset formats: one module per format, each with an export and an import, all from the one model.
//!
//! The registry here is what the CLI and the web app call: [`Format`] names a format by its id,
//! [`detect`] guesses it from a file's bytes, [`export`] writes documents as one file (bytes, a file
//! name and warnings about what the format could not hold) and [`import`] reads the bytes of a picked
//! file back into documents (plus warnings). Offsets are code points everywhere (see `docs/formats.md`).

#[cfg(feature = "formats")]
pub mod brat;
#[cfg(feature = "formats")]
pub mod doccano;
#[cfg(feature = "formats")]
pub mod hf;
#[cfg(feature = "formats")]
pub mod iob2;
#[cfg(feature = "formats")]
pub mod label_studio;
#[cfg(feature = "formats")]
mod layers;
#[cfg(feature = "formats")]
pub mod plain;
#[cfg(feature = "formats")]
pub mod spacy;
pub mod spanmark_jsonl;
#[cfg(feature = "formats")]
pub mod streamed;
#[cfg(feature = "formats")]
pub mod tokens;
#[cfg(feature = "formats")]
pub mod w3c;

use std::fmt;
use std::str::FromStr;

use thiserror::Error;

use crate::model::{Document, DocumentId};
#[cfg(feature = "formats")]
use crate::offsets::{CharOffset, OffsetIndex};

/// Why an import failed. It names where (line or record) and what, so the user can fix the file;
/// the workspace is never touched by a failed import.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[error("{location}: {message}")]
pub struct ImportError {
    /// Where the problem is, e.g. "line 3" or "record 2, span 4".
    pub location: String,
    /// What is wrong.
    pub message: String,
}

impl ImportError {
    /// An error on a 1-based line of the input.
    pub fn at_line(line: usize, message: impl Into<String>) -> Self {
        ImportError {
            location: format!("line {line}"),
            message: message.into(),
        }
    }

    /// An error on a 1-based record (an element of a JSON array, a document of an archive).
    pub fn at_record(record: usize, message: impl Into<String>) -> Self {
        ImportError {
            location: format!("record {record}"),
            message: message.into(),
        }
    }

    /// An error at a named place, e.g. `"doc1.ann line 4"`.
    pub fn at(location: impl Into<String>, message: impl Into<String>) -> Self {
        ImportError {
            location: location.into(),
            message: message.into(),
        }
    }

    /// An error about the input as a whole.
    pub fn whole(message: impl Into<String>) -> Self {
        ImportError {
            location: "file".into(),
            message: message.into(),
        }
    }

    /// The same error with the file's name in front of its location.
    pub fn in_file(mut self, file_name: &str) -> Self {
        if !file_name.is_empty() {
            self.location = format!("{file_name}, {}", self.location);
        }
        self
    }
}

/// Something an export or import could not carry over exactly; the operation still succeeded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Warning {
    /// Where, e.g. `"document d1, span 3"` or `"line 7"`.
    pub location: String,
    /// What happened to the data.
    pub message: String,
}

impl Warning {
    /// A warning at a place.
    pub fn new(location: impl Into<String>, message: impl Into<String>) -> Self {
        Warning {
            location: location.into(),
            message: message.into(),
        }
    }
}

impl fmt::Display for Warning {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.location, self.message)
    }
}

/// Why an export failed (exports of valid documents do not fail; this guards invalid ones).
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum ExportError {
    /// A span lies outside its document's text.
    #[error("document {document:?}, span {span}: {message}")]
    InvalidSpan {
        /// The document's id.
        document: String,
        /// The span's id.
        span: u64,
        /// What is wrong.
        message: String,
    },
    /// The archive could not be written.
    #[error("could not write the archive: {0}")]
    Archive(String),
}

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
    let bytes = match format {
        Format::Spanmark => spanmark_jsonl::export(docs).into_bytes(),
        Format::Spacy => spacy::export(docs, &mut warnings),
        Format::Doccano => doccano::export(docs, options.doccano, &mut warnings).into_bytes(),
        Format::LabelStudio => label_studio::export(docs).into_bytes(),
        Format::Brat => brat::export_zip(docs, &mut warnings)?,
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

/// What an importer read, refused if a span is not a non-empty range inside its text: each
/// importer checks its format's offsets, and this holds for every format that nothing reaches
/// the workspace that the reader could not draw or an export could not write.
#[cfg(feature = "formats")]
pub(crate) fn checked(imported: Imported) -> Result<Imported, ImportError> {
    for doc in &imported.documents {
        if let Err(ExportError::InvalidSpan {
            document,
            span,
            message,
        }) = check_document(doc)
        {
            return Err(ImportError::whole(format!(
                "document {document:?}, span {span}: {message}"
            )));
        }
    }
    Ok(imported)
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
            brat::export_ann(first, &mut vec![])
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

/// The text of a file's bytes, without a byte-order mark; the error names the line of the first
/// byte that is not UTF-8.
pub fn utf8(bytes: &[u8]) -> Result<&str, ImportError> {
    let text = std::str::from_utf8(bytes).map_err(|e| {
        let line = bytes[..e.valid_up_to()]
            .iter()
            .filter(|&&b| b == b'\n')
            .count()
            + 1;
        ImportError::at_line(
            line,
            format!("not UTF-8 (invalid byte at offset {})", e.valid_up_to()),
        )
    })?;
    Ok(text.strip_prefix('\u{feff}').unwrap_or(text))
}

#[cfg(feature = "formats")]
/// Checks every span of a document lies inside its text and relations point at spans.
fn check_document(doc: &Document) -> Result<(), ExportError> {
    let len = doc.len_chars();
    for s in &doc.spans {
        if s.start >= s.end || s.end.0 > len {
            return Err(ExportError::InvalidSpan {
                document: doc.id.0.clone(),
                span: s.id.0,
                message: format!(
                    "{}..{} is not a non-empty range inside the text ({len} code points)",
                    s.start.0, s.end.0
                ),
            });
        }
    }
    Ok(())
}

/// A file name without directories and without its last extension.
pub fn file_stem(file_name: &str) -> String {
    let base = file_name.rsplit(['/', '\\']).next().unwrap_or(file_name);
    let stem = match base.rfind('.') {
        Some(i) if i > 0 => &base[..i],
        _ => base,
    };
    if stem.is_empty() {
        "import".into()
    } else {
        stem.to_string()
    }
}

/// The id given to the `n`th (1-based) document of a file that carries none: `<stem>-<n>`.
pub fn derived_id(stem: &str, n: usize) -> DocumentId {
    DocumentId(format!("{stem}-{n}"))
}

/// The title given to a document whose file carries none: its first non-blank line, cut to 80
/// code points at a word boundary when longer; the fallback when the text is blank.
pub fn derived_title(text: &str, fallback: &str) -> String {
    let Some(line) = text.lines().map(str::trim).find(|l| !l.is_empty()) else {
        return fallback.to_string();
    };
    if line.chars().count() <= 80 {
        return line.to_string();
    }
    let cut: String = line.chars().take(80).collect();
    let cut = match cut.rfind(' ') {
        Some(i) if i > 20 => cut[..i].to_string(),
        _ => cut,
    };
    format!("{}…", cut.trim_end())
}

#[cfg(feature = "formats")]
/// Checks an imported span's range against the text; the message names the range and the bound.
pub(crate) fn check_range(index: &OffsetIndex, start: i64, end: i64) -> Result<(), String> {
    check_range_in(index.len_chars(), start, end)
}

#[cfg(feature = "formats")]
/// [`check_range`] for a text of `len_chars` code points (when no [`OffsetIndex`] is at hand).
pub(crate) fn check_range_in(len_chars: usize, start: i64, end: i64) -> Result<(), String> {
    let len = len_chars as i64;
    if start < 0 || end < 0 {
        return Err(format!("span {start}..{end} has a negative offset"));
    }
    if end <= start {
        return Err(format!(
            "span {start}..{end} is empty or ends before it starts"
        ));
    }
    if end > len {
        return Err(format!(
            "span {start}..{end} reaches past the end of the text ({len} code points)"
        ));
    }
    Ok(())
}

#[cfg(feature = "formats")]
/// Checks that `quoted` (when the file gives it) is the text at `start..end`.
pub(crate) fn check_quote(
    index: &OffsetIndex,
    start: usize,
    end: usize,
    quoted: Option<&str>,
) -> Result<(), String> {
    let Some(quoted) = quoted else { return Ok(()) };
    let covered = index
        .slice(CharOffset(start), CharOffset(end))
        .map_err(|e| e.to_string())?;
    if covered != quoted {
        return Err(format!(
            "span text {quoted:?} does not match the document text at {start}..{end} ({covered:?})"
        ));
    }
    Ok(())
}

#[cfg(feature = "formats")]
/// Milliseconds since the epoch as an RFC 3339 UTC timestamp, e.g. `2024-05-01T12:00:00.000Z`.
pub(crate) fn iso8601(ms: u64) -> String {
    let secs = ms / 1000;
    let days = (secs / 86_400) as i64;
    let rem = secs % 86_400;
    let (y, m, d) = civil_from_days(days);
    format!(
        "{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}.{:03}Z",
        rem / 3600,
        (rem % 3600) / 60,
        rem % 60,
        ms % 1000
    )
}

#[cfg(feature = "formats")]
/// Parses the RFC 3339 timestamps [`iso8601`] writes (and ones without milliseconds or with an
/// offset of `Z`/`+00:00`); `None` for anything else.
pub(crate) fn parse_iso8601(s: &str) -> Option<u64> {
    let s = s.trim();
    let s = s
        .strip_suffix('Z')
        .or_else(|| s.strip_suffix("+00:00"))
        .unwrap_or(s);
    let (date, time) = s.split_once('T')?;
    let mut dp = date.splitn(3, '-');
    let y: i64 = dp.next()?.parse().ok()?;
    let m: u32 = dp.next()?.parse().ok()?;
    let d: u32 = dp.next()?.parse().ok()?;
    let (hms, frac) = match time.split_once('.') {
        Some((a, b)) => (a, b),
        None => (time, "0"),
    };
    let mut tp = hms.splitn(3, ':');
    let h: u64 = tp.next()?.parse().ok()?;
    let mi: u64 = tp.next()?.parse().ok()?;
    let se: u64 = tp.next()?.parse().ok()?;
    if !(1..=12).contains(&m) || !(1..=31).contains(&d) || h > 23 || mi > 59 || se > 60 || y < 1970
    {
        return None;
    }
    let frac3: String = frac.chars().chain("000".chars()).take(3).collect();
    let ms: u64 = frac3.parse().ok()?;
    let days = days_from_civil(y, m, d);
    if days < 0 {
        return None;
    }
    Some(((days as u64 * 86_400) + h * 3600 + mi * 60 + se) * 1000 + ms)
}

// Howard Hinnant's civil-date algorithms.
#[cfg(feature = "formats")]
fn civil_from_days(z: i64) -> (i64, u32, u32) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    (if m <= 2 { y + 1 } else { y }, m, d)
}

#[cfg(feature = "formats")]
fn days_from_civil(y: i64, m: u32, d: u32) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y.rem_euclid(400);
    let mp = (m as i64 + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d as i64 - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// The labels of `docs` in order of first appearance.
pub fn labels_in(docs: &[Document]) -> Vec<String> {
    let mut labels: Vec<String> = vec![];
    for d in docs {
        for s in &d.spans {
            if !labels.contains(&s.label) {
                labels.push(s.label.clone());
            }
        }
    }
    labels
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

    #[test]
    fn no_import_hands_over_a_span_outside_its_text() {
        let mut doc = Document::new(DocumentId("d".into()), "", "abc", 0);
        doc.spans.push(crate::model::Span {
            id: crate::model::SpanId(4),
            start: CharOffset(2),
            end: CharOffset(2),
            label: "x".into(),
            note: String::new(),
        });
        let err = checked(Imported {
            documents: vec![doc],
            warnings: vec![],
        })
        .unwrap_err();
        assert_eq!(err.location, "file");
        assert!(
            err.message.starts_with("document \"d\", span 4: 2..2"),
            "{}",
            err.message
        );
    }

    #[test]
    fn timestamps_round_trip() {
        for ms in [0, 1_700_000_000_123, 951_782_400_000] {
            assert_eq!(parse_iso8601(&iso8601(ms)), Some(ms), "{}", iso8601(ms));
        }
        assert_eq!(iso8601(0), "1970-01-01T00:00:00.000Z");
    }

    #[test]
    fn derived_titles_use_the_first_line() {
        assert_eq!(derived_title("\n  Budget row\nmore", "x"), "Budget row");
        assert_eq!(derived_title("  ", "x"), "x");
    }

    #[test]
    fn stems_drop_directories_and_extension() {
        assert_eq!(file_stem("a/b/news.jsonl"), "news");
        assert_eq!(file_stem(""), "import");
    }
}
