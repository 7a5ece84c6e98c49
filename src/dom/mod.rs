//! The only code that touches DOM text, Ranges and Selections. UTF-16 offsets live here and nowhere
//! else in the app: everything leaving this module is in code points.

pub mod download;
pub mod files;
pub mod highlights;
pub mod lazy_formats;
pub mod paragraphs;
pub mod perf;
pub mod reader_view;
pub mod selection;
