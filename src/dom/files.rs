//! Reading files the user picked or dropped.

use std::future::Future;

use js_sys::{Reflect, Uint8Array};
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::{File, FileList, ReadableStreamDefaultReader};

use super::download::js_error;

/// A file the user picked or dropped. It is read when it is imported, and only as it is needed:
/// its first line to tell its format, then all of it, or slice by slice as they are parsed (a
/// large spaCy file). Its bytes stay JavaScript `Uint8Array`s: a file in another format than
/// Spanmark JSONL goes straight to the formats module; only Spanmark JSONL is copied into this one.
#[derive(Clone)]
pub struct PickedFile {
    /// The file name as the user's system gave it.
    pub name: String,
    /// The browser's handle on it.
    pub file: File,
}

impl PickedFile {
    /// The picked or dropped `file`.
    pub fn new(file: File) -> Self {
        PickedFile {
            name: file.name(),
            file,
        }
    }

    /// Its size in bytes.
    pub fn size(&self) -> f64 {
        self.file.size()
    }

    /// Starts reading bytes `start..end` (cut at the end of the file) and returns the read to
    /// await: the browser reads while the caller goes on (parsing the slice before, say).
    pub fn read_slice(
        &self,
        start: f64,
        end: f64,
    ) -> impl Future<Output = Result<Uint8Array, String>> {
        let reading = self
            .file
            .slice_with_f64_and_f64(start, end)
            .map(|slice| JsFuture::from(slice.array_buffer()));
        async move {
            let buffer = reading.map_err(js_error)?.await.map_err(js_error)?;
            Ok(Uint8Array::new(&buffer))
        }
    }

    /// Its bytes as the browser reads them, in pieces of its choosing (under a megabyte for a
    /// file on disk), the first at once: the fastest way to read a large file from start to end.
    pub fn pieces(&self) -> FilePieces {
        FilePieces {
            reader: self.file.stream().get_reader().unchecked_into(),
        }
    }

    /// All of its bytes (an error names the file).
    pub async fn contents(&self) -> Result<Uint8Array, String> {
        let buffer = JsFuture::from(self.file.array_buffer())
            .await
            .map_err(|e| self.unreadable(js_error(e)))?;
        Ok(Uint8Array::new(&buffer))
    }

    fn unreadable(&self, problem: String) -> String {
        format!("{}: could not be read ({problem})", self.name)
    }

    /// Its bytes up to the end of the first line that is not blank (or all of them): what
    /// `spanmark_jsonl::looks_native` and format detection read, without reading a large file (an
    /// error names the file).
    pub async fn head_line(&self) -> Result<Vec<u8>, String> {
        let len = self.size();
        let mut n: f64 = 64.0 * 1024.0;
        loop {
            let mut head = self
                .read_slice(0.0, n.min(len))
                .await
                .map_err(|e| self.unreadable(e))?
                .to_vec();
            let mut start = 0;
            while let Some(end) = head[start..].iter().position(|&b| b == b'\n') {
                let line = &head[start..start + end];
                if !line.iter().all(u8::is_ascii_whitespace) {
                    head.truncate(start + end);
                    return Ok(head);
                }
                start += end + 1;
            }
            if n >= len {
                return Ok(head);
            }
            n *= 4.0;
        }
    }
}

/// A file's bytes, read one piece after another (see [`PickedFile::pieces`]).
pub struct FilePieces {
    reader: ReadableStreamDefaultReader,
}

impl FilePieces {
    /// The next piece; `None` after the last.
    pub async fn next(&mut self) -> Result<Option<Uint8Array>, String> {
        let read = JsFuture::from(self.reader.read()).await.map_err(js_error)?;
        let done = Reflect::get(&read, &"done".into()).map_err(js_error)?;
        if done.is_truthy() {
            return Ok(None);
        }
        let value = Reflect::get(&read, &"value".into()).map_err(js_error)?;
        value
            .dyn_into::<Uint8Array>()
            .map(Some)
            .map_err(|_| "the browser read something that is not bytes".to_string())
    }
}

/// The files of a `FileList` (from an `<input type=file>` or a drop).
pub fn files_of(list: &FileList) -> Vec<File> {
    (0..list.length()).filter_map(|i| list.item(i)).collect()
}
