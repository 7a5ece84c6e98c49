//! `spanmark suggest` (being written).

/// Runs `spanmark suggest`.
pub fn run(_args: &[String]) -> Result<u8, String> {
    Err("`suggest` is not available in this build yet".into())
}
