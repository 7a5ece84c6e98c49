//! The only code that touches DOM text, Ranges and Selections (and the browser's other APIs the
//! app needs: files, downloads, timing). UTF-16 offsets live here and nowhere else in the app:
//! everything leaving this module is in code points. `live_reader` holds the reader as drawn.

pub mod download;
pub mod files;
pub mod highlights;
pub mod lazy_agree;
pub mod lazy_formats;
pub mod link_worker;
pub mod live_reader;
pub mod paragraphs;
pub mod perf;
pub mod points;
pub mod reader_view;
pub mod selection;
