//! `spanmark eval` (being written).

/// Runs `spanmark eval`.
pub fn run(_args: &[String]) -> Result<u8, String> {
    Err("`eval` is not available in this build yet".into())
}
