//! Reading files the user picked or dropped.

use wasm_bindgen_futures::JsFuture;
use web_sys::{File, FileList};

use super::download::js_error;

/// A file's name and bytes.
#[derive(Clone)]
pub struct PickedFile {
    /// The file name as the user's system gave it.
    pub name: String,
    /// Its contents.
    pub bytes: Vec<u8>,
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
        bytes: js_sys::Uint8Array::new(&buffer).to_vec(),
    })
}
