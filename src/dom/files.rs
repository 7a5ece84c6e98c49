//! Reading files the user picked or dropped.

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

    /// Its bytes as the browser reads them, in pieces of its choosing (under a megabyte for a
    /// file on disk), the first at once: the fastest way to read a large file from start to end.
    pub fn pieces(&self) -> FilePieces {
        FilePieces {
            reader: self.file.stream().get_reader().unchecked_into(),
            ahead: None,
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

    /// Starts reading it from the start, as far as the end of its first line that is not blank:
    /// what format detection reads, without reading a large file whole.
    pub async fn open(&self) -> Result<OpenedFile, String> {
        let mut rest = self.pieces();
        let mut head = vec![];
        let mut read = vec![];
        while let Some(piece) = rest.next().await.map_err(|e| self.unreadable(e))? {
            let searched = head.len();
            head.extend(piece.to_vec());
            read.push(piece);
            if let Some(end) = first_line_end(&head, searched) {
                head.truncate(end);
                break;
            }
        }
        Ok(OpenedFile { head, read, rest })
    }
}

/// Where the first line that is not blank ends in `bytes` (the offset of its `\n`), if it does;
/// `searched` bytes at the start are known to hold no such line's end.
fn first_line_end(bytes: &[u8], searched: usize) -> Option<usize> {
    // Go back to the start of the line the search stopped in.
    let mut start = bytes[..searched]
        .iter()
        .rposition(|&b| b == b'\n')
        .map_or(0, |i| i + 1);
    while let Some(end) = bytes[start..].iter().position(|&b| b == b'\n') {
        if !bytes[start..start + end]
            .iter()
            .all(u8::is_ascii_whitespace)
        {
            return Some(start + end);
        }
        start += end + 1;
    }
    None
}

/// A file being read from its start (see [`PickedFile::open`]).
pub struct OpenedFile {
    /// Its bytes up to the end of its first line that is not blank (all of them if there is none).
    pub head: Vec<u8>,
    /// The pieces read to find it, in order.
    pub read: Vec<Uint8Array>,
    /// The rest of the file.
    pub rest: FilePieces,
}

/// A file's bytes, read one piece after another (see [`PickedFile::pieces`]).
pub struct FilePieces {
    reader: ReadableStreamDefaultReader,
    /// The read of the piece after the one last returned, already asked for: the browser reads it
    /// while the caller works on that one (the stream reads nothing ahead on its own).
    ahead: Option<JsFuture>,
}

impl Drop for FilePieces {
    fn drop(&mut self) {
        // Stop reading a file left before its end (after the last piece, this does nothing).
        let _ = self.reader.cancel();
    }
}

impl FilePieces {
    /// The next piece; `None` after the last. The read of the piece after it starts at once.
    pub async fn next(&mut self) -> Result<Option<Uint8Array>, String> {
        let read = match self.ahead.take() {
            Some(read) => read,
            None => JsFuture::from(self.reader.read()),
        };
        let read = read.await.map_err(js_error)?;
        let done = Reflect::get(&read, &"done".into()).map_err(js_error)?;
        if done.is_truthy() {
            return Ok(None);
        }
        self.ahead = Some(JsFuture::from(self.reader.read()));
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

#[cfg(test)]
mod tests {
    use super::first_line_end;

    /// Feeds `file` in pieces of `n` bytes as `PickedFile::open` does.
    fn head(file: &[u8], n: usize) -> &[u8] {
        let mut len = 0;
        for piece in file.chunks(n) {
            let searched = len;
            len += piece.len();
            if let Some(end) = first_line_end(&file[..len], searched) {
                return &file[..end];
            }
        }
        file
    }

    #[test]
    fn the_head_ends_with_the_first_line_that_is_not_blank_however_the_file_arrives() {
        let file = b"\n \r\n\t\n{\"a\": 1}\r\n{\"b\": 2}\n";
        for n in 1..=file.len() {
            assert_eq!(head(file, n), b"\n \r\n\t\n{\"a\": 1}\r", "pieces of {n}");
        }
        for all in [&b"abc"[..], b"\n \n", b""] {
            assert_eq!(head(all, 2), all);
        }
    }
}
