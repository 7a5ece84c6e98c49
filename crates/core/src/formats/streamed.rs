//! Importing a large line-based file as it is read, a slice at a time, instead of after reading all
//! of it: the reading of the next slice overlaps the parsing of this one, and the whole file is
//! never held in memory at once. Only spaCy / Prodigy JSONL is read this way (its workspaces are
//! the largest files users import: every task carries its token list).
//!
//! The result of a streamed import that succeeds is the result of [`super::import`] on the whole
//! file; a streamed import fails exactly when the whole import fails, but may name a different
//! problem (a malformed line is reported before a later byte that is not UTF-8, say). Callers that
//! show the error run the whole import then, for its message and for "keep the valid lines".

use super::{detect, plain, spacy, ImportError, Imported};
use super::{file_stem, Format};

/// A line-based import fed the file's bytes in slices of any size, in order.
pub struct StreamedImport {
    file_name: String,
    reader: spacy::Importer,
    /// Bytes after the last line break seen: the start of a line still arriving.
    pending: Vec<u8>,
    /// Bytes of the file before `pending`.
    offset: usize,
    /// Number (1-based) of the line `pending` starts.
    line: usize,
}

impl StreamedImport {
    /// The import of `file_name` in `format` (chosen by the user, or `None` to detect it from
    /// `head`, the file's first bytes up to the end of its first line that is not blank), if that
    /// format is read as a stream; `None` when the file must be imported whole.
    pub fn start(format: Option<Format>, file_name: &str, head: &[u8]) -> Option<Self> {
        let format = match format {
            Some(format) => format,
            // Plain articles follow their own rule (`import_any`); a first line that is a whole
            // JSON object is detected as the whole file would be.
            None if plain::Kind::from_file_name(file_name).is_some() => return None,
            None => detect(file_name, head)?,
        };
        (format == Format::Spacy).then(|| StreamedImport {
            file_name: file_name.to_string(),
            reader: spacy::Importer::new(&file_stem(file_name)),
            pending: vec![],
            offset: 0,
            line: 1,
        })
    }

    /// Reads the next slice of the file: every line it completes.
    pub fn push(&mut self, slice: &[u8]) -> Result<(), ImportError> {
        let Some(last_break) = slice.iter().rposition(|&b| b == b'\n') else {
            self.pending.extend_from_slice(slice);
            return Ok(());
        };
        let (complete, rest) = (&slice[..last_break], &slice[last_break + 1..]);
        if self.pending.is_empty() {
            self.read_lines(complete)?;
        } else {
            let mut lines = std::mem::take(&mut self.pending);
            lines.extend_from_slice(complete);
            self.read_lines(&lines)?;
            lines.clear();
            self.pending = lines;
        }
        self.pending.extend_from_slice(rest);
        Ok(())
    }

    /// Reads the last line (if the file does not end with a line break) and returns what the file
    /// held.
    pub fn finish(mut self) -> Result<Imported, ImportError> {
        let last = std::mem::take(&mut self.pending);
        self.read_lines(&last)?;
        let file_name = self.file_name;
        self.reader
            .finish()
            .and_then(super::checked)
            .map_err(|e| e.in_file(&file_name))
    }

    /// Reads `bytes`: whole lines separated by `\n`, the last one's break not included.
    fn read_lines(&mut self, bytes: &[u8]) -> Result<(), ImportError> {
        let text = std::str::from_utf8(bytes).map_err(|e| {
            let valid = &bytes[..e.valid_up_to()];
            let line = self.line + valid.iter().filter(|&&b| b == b'\n').count();
            ImportError::at_line(
                line,
                format!(
                    "not UTF-8 (invalid byte at offset {})",
                    self.offset + e.valid_up_to()
                ),
            )
            .in_file(&self.file_name)
        })?;
        let text = match self.offset {
            0 => text.strip_prefix('\u{feff}').unwrap_or(text),
            _ => text,
        };
        for raw in text.split('\n') {
            self.reader
                .line(self.line, raw)
                .map_err(|e| e.in_file(&self.file_name))?;
            self.line += 1;
        }
        self.offset += bytes.len() + 1;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::formats::{self, export, ExportOptions};
    use crate::model::{Document, DocumentId, Span, SpanId};
    use crate::offsets::CharOffset;

    fn workspace() -> Vec<u8> {
        let texts = [
            "\u{ab}\u{a0}Nous gagnerons\u{a0}\u{bb}, a dit Ana \u{2014} 3,5\u{a0}% de plus.",
            "\u{201c}She said \u{2018}no\u{2019},\u{201d} Ali wrote. \u{1f600} about 40 percent.",
            "\u{0648}\u{0632}\u{06cc}\u{0631} \u{06af}\u{0641}\u{062a}: \u{00ab}\u{0646}\u{0647}\u{00bb}",
            "Plain \"straight\" quotes, 1.2 million people.",
        ];
        let docs: Vec<Document> = texts
            .iter()
            .enumerate()
            .map(|(i, text)| {
                let mut doc = Document::new(DocumentId(format!("d{i}")), "", *text, 0);
                doc.spans.push(Span {
                    id: SpanId(1),
                    start: CharOffset(0),
                    end: CharOffset(text.chars().count()),
                    label: "quote".into(),
                    note: "a note".into(),
                    attributes: Default::default(),
                });
                doc
            })
            .collect();
        export(Format::Spacy, &docs, &ExportOptions::default())
            .unwrap()
            .bytes
    }

    fn streamed(bytes: &[u8], slice: usize) -> Result<Imported, ImportError> {
        // The head as the app gives it: up to the end of the first line that is not blank.
        let mut head_end = 0;
        for line in bytes.split(|&b| b == b'\n') {
            head_end += line.len();
            if !line.iter().all(u8::is_ascii_whitespace) {
                break;
            }
            head_end += 1;
        }
        let mut import = StreamedImport::start(None, "ws.jsonl", &bytes[..head_end])
            .expect("a spaCy file is streamed");
        for part in bytes.chunks(slice.max(1)) {
            import.push(part)?;
        }
        import.finish()
    }

    fn whole(bytes: &[u8]) -> Result<Imported, ImportError> {
        formats::import(Format::Spacy, "ws.jsonl", bytes)
    }

    #[test]
    fn any_slicing_reads_what_the_whole_file_reads() {
        let file = workspace();
        let mut crlf_bom = "\u{feff}".as_bytes().to_vec();
        crlf_bom.extend(
            String::from_utf8(file.clone())
                .unwrap()
                .replace('\n', "\r\n")
                .bytes(),
        );
        let mut no_final_break = file.clone();
        no_final_break.pop();
        let mut blank_lines = b"\n\n".to_vec();
        blank_lines.extend(&file);
        blank_lines.extend(b"\n  \n");
        for bytes in [file, crlf_bom, no_final_break, blank_lines] {
            let want = whole(&bytes).unwrap();
            assert_eq!(want.documents.len(), 4);
            for slice in [1, 2, 3, 7, 64, 1000, bytes.len()] {
                let got = streamed(&bytes, slice).unwrap();
                assert_eq!(got.documents, want.documents, "slices of {slice} bytes");
                assert_eq!(got.warnings, want.warnings);
            }
        }
    }

    #[test]
    fn fails_where_the_whole_import_fails() {
        let file = String::from_utf8(workspace()).unwrap();
        let lines: Vec<&str> = file.lines().collect();
        let broken_json = format!("{}\n{{\"text\": 3}}\n{}\n", lines[0], lines[1]);
        let mut not_utf8 = format!("{}\n", lines[0]).into_bytes();
        not_utf8.extend(b"{\"text\": \"caf\xe9\"}\n");
        let duplicate = format!("{}\n{}\n", lines[0], lines[0]);
        for bytes in [broken_json.into_bytes(), not_utf8, duplicate.into_bytes()] {
            let want = whole(&bytes).unwrap_err();
            for slice in [1, 5, 100, bytes.len()] {
                let got = streamed(&bytes, slice).unwrap_err();
                assert_eq!(got, want, "slices of {slice} bytes");
            }
        }
        // A file of blank lines has no documents, streamed or not.
        assert!(whole(b"\n \n").is_err());
        let mut empty = StreamedImport::start(Some(Format::Spacy), "ws.jsonl", b"").unwrap();
        empty.push(b"\n \n").unwrap();
        assert_eq!(empty.finish().unwrap_err(), whole(b"\n \n").unwrap_err());
    }

    #[test]
    fn only_spacy_files_are_streamed() {
        let spacy = br#"{"text":"a","spans":[]}"#;
        assert!(StreamedImport::start(None, "a.jsonl", spacy).is_some());
        // A plain-text name follows the plain article rule; other formats are read whole.
        assert!(StreamedImport::start(None, "a.txt", spacy).is_none());
        let doccano = br#"{"text":"a","label":[]}"#;
        assert!(StreamedImport::start(None, "a.jsonl", doccano).is_none());
        assert!(StreamedImport::start(Some(Format::Doccano), "a.jsonl", spacy).is_none());
        assert!(StreamedImport::start(Some(Format::Spacy), "a.txt", b"").is_some());
        // A first line that is not a whole JSON object is not detected from the head alone.
        assert!(StreamedImport::start(None, "a.jsonl", br#"{"text":"a","#).is_none());
    }
}
