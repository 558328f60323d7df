//! Text that came from a user, made safe to show on a terminal.
//!
//! A name, a cell or a file path can hold control characters: an ESC that
//! starts a sequence retitling the terminal, a CR or LF that forges a table
//! row. Tables and messages show them escaped (`\e`, `\r`, `\n`, `\u{7}`);
//! JSON, CSV and JSON Lines keep them as data.

use std::borrow::Cow;

/// Whether `c` is a C0 or C1 control character or DEL.
fn is_control(c: char) -> bool {
    matches!(c, '\0'..='\x1f' | '\x7f'..='\u{9f}')
}

/// `text` with every control character written as an escape.
pub fn escape(text: &str) -> Cow<'_, str> {
    if !text.chars().any(is_control) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match c {
            '\x1b' => out.push_str("\\e"),
            '\r' => out.push_str("\\r"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            c if is_control(c) => out.push_str(&format!("\\u{{{:x}}}", u32::from(c))),
            c => out.push(c),
        }
    }
    Cow::Owned(out)
}

/// A message of several lines for the terminal: each line escaped, the line
/// breaks kept.
pub fn escape_lines(text: &str) -> Cow<'_, str> {
    if !text.chars().any(|c| c != '\n' && is_control(c)) {
        return Cow::Borrowed(text);
    }
    Cow::Owned(text.split('\n').map(escape).collect::<Vec<_>>().join("\n"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn control_characters_are_escaped_and_other_text_is_kept() {
        assert_eq!(escape("web"), "web");
        assert_eq!(escape("日本語"), "日本語");
        assert_eq!(escape("a\r\nb"), "a\\r\\nb");
        assert_eq!(escape("\x1b]0;pwned\x07"), "\\e]0;pwned\\u{7}");
        assert_eq!(escape("\x08\x7f\u{9b}"), "\\u{8}\\u{7f}\\u{9b}");
        assert_eq!(escape_lines("one\x1b[31m\ntwo"), "one\\e[31m\ntwo");
    }
}
