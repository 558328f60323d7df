//! "Did you mean …?": the closest allowed word to one that is not allowed.

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

/// `; did you mean `x`?` when there is a likely candidate, else nothing.
pub fn did_you_mean<'c>(got: &str, candidates: impl IntoIterator<Item = &'c str>) -> String {
    closest(got, candidates).map_or_else(String::new, |c| format!("; did you mean `{c}`?"))
}

/// A serde message about a word not allowed, said plainly with the likely
/// one named: "unknown variant `iOS`, expected `ios` or `android`" becomes
/// "`iOS` is not allowed; allowed: ios, android; did you mean `ios`?".
/// Other messages are returned as they are.
pub fn improve_serde_message(message: &str) -> String {
    let (rest, what) = if let Some(rest) = message.strip_prefix("unknown variant `") {
        (rest, "value")
    } else if let Some(rest) = message.strip_prefix("unknown field `") {
        (rest, "key")
    } else {
        return message.to_owned();
    };
    let Some((got, expected)) = rest.split_once('`') else {
        return message.to_owned();
    };
    let candidates: Vec<&str> = expected.split('`').skip(1).step_by(2).collect();
    let shown = crate::render::escape(got);
    let head = match what {
        "key" => format!("unknown key `{shown}`"),
        _ => format!("`{shown}` is not allowed"),
    };
    if candidates.is_empty() {
        return format!("{head}; this table takes no keys");
    }
    format!(
        "{head}; allowed: {}{}",
        candidates.join(", "),
        did_you_mean(got, candidates.iter().copied())
    )
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

    #[test]
    fn serde_messages_gain_a_suggestion() {
        assert_eq!(
            improve_serde_message("unknown variant `iOS`, expected `ios` or `android`"),
            "`iOS` is not allowed; allowed: ios, android; did you mean `ios`?"
        );
        assert_eq!(
            improve_serde_message(
                "unknown field `peak_per_minut`, expected one of `daily_visits`, `peak_per_minute`, `business_critical`"
            ),
            "unknown key `peak_per_minut`; allowed: daily_visits, peak_per_minute, business_critical; did you mean `peak_per_minute`?"
        );
        assert_eq!(
            improve_serde_message("missing field `name`"),
            "missing field `name`"
        );
    }
}
