//! "Did you mean …?": the closest allowed word to one that is not allowed
//! (the render layer words the question).

/// The candidate `got` most likely meant: one equal but for case first
/// (`iOS` for `ios`), else the nearest within two edits, else none.
pub fn closest<'c>(got: &str, candidates: impl IntoIterator<Item = &'c str>) -> Option<&'c str> {
    let candidates: Vec<&str> = candidates.into_iter().collect();
    if let Some(same) = candidates.iter().find(|c| c.eq_ignore_ascii_case(got)) {
        return Some(same);
    }
    let lower = got.to_lowercase();
    candidates
        .iter()
        .map(|c| (strsim::levenshtein(&lower, c), *c))
        .filter(|(d, c)| *d <= 2 && *d < c.chars().count())
        .min_by_key(|(d, _)| *d)
        .map(|(_, c)| c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn case_first_then_edits() {
        assert_eq!(closest("iOS", ["ios", "android"]), Some("ios"));
        assert_eq!(closest("Medium", ["low", "medium", "high"]), Some("medium"));
        assert_eq!(
            closest("standrd", ["operation", "standard", "full"]),
            Some("standard")
        );
        assert_eq!(closest("gold", ["operation", "standard", "full"]), None);
        assert_eq!(closest("ab", ["x"]), None);
    }
}
