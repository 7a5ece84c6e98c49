//! Reading files the user picked or dropped.

use wasm_bindgen_futures::JsFuture;
use web_sys::{File, FileList};

use super::download::js_error;

/// A file's name and contents. The contents stay a JavaScript `Uint8Array`: a file in another
/// format than Spanmark JSONL goes straight to the formats module, and a retry or a brat pair
/// costs no copy; only Spanmark JSONL is copied into this module (`to_vec`).
#[derive(Clone)]
pub struct PickedFile {
    /// The file name as the user's system gave it.
    pub name: String,
    /// Its contents.
    pub contents: js_sys::Uint8Array,
}

impl PickedFile {
    /// A copy of the contents in this module's memory.
    pub fn to_vec(&self) -> Vec<u8> {
        self.contents.to_vec()
    }

    /// The contents up to the end of the first line that is not blank (or all of them): what
    /// `spanmark_jsonl::looks_native` reads, copied without copying a large file.
    pub fn head_line(&self) -> Vec<u8> {
        let len = self.contents.length();
        let mut n = 64 * 1024;
        loop {
            let mut head = self.contents.subarray(0, n.min(len)).to_vec();
            let mut start = 0;
            while let Some(end) = head[start..].iter().position(|&b| b == b'\n') {
                let line = &head[start..start + end];
                if !line.iter().all(u8::is_ascii_whitespace) {
                    head.truncate(start + end);
                    return head;
                }
                start += end + 1;
            }
            if n >= len {
                return head;
            }
            n = n.saturating_mul(4);
        }
    }
}

/// The files of a `FileList` (from an `<input type=file>` or a drop).
pub fn files_of(list: &FileList) -> Vec<File> {
    (0..list.length()).filter_map(|i| list.item(i)).collect()
}

/// Reads a file completely.
pub async fn read(file: &File) -> Result<PickedFile, String> {
    let buffer = JsFuture::from(file.array_buffer())
        .await
        .map_err(js_error)?;
    Ok(PickedFile {
        name: file.name(),
        contents: js_sys::Uint8Array::new(&buffer),
    })
}
