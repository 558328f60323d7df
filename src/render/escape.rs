//! Text that came from a user, made safe where it is shown: a terminal,
//! Markdown, HTML, a spreadsheet.
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

/// A GitHub-flavoured Markdown table cell: pipes and line breaks escaped.
pub(crate) fn markdown_cell(text: &str) -> String {
    escape(text).replace('|', "\\|")
}

/// `text` safe between HTML tags and inside attribute values; control
/// characters, which no document shows, are dropped.
pub(crate) fn html(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            '\n' | '\t' => out.push(c),
            c if is_control(c) => {}
            c => out.push(c),
        }
    }
    out
}

/// A spreadsheet cell: one that starts with `=`, `+`, `-`, `@`, a tab or a
/// CR is a formula to Excel (OWASP CSV injection); a leading `'` makes it
/// text.
pub(crate) fn spreadsheet_cell(cell: &str) -> Cow<'_, str> {
    if cell.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{cell}").into()
    } else {
        cell.into()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn user_text_cannot_open_a_tag() {
        assert_eq!(
            html("<script>\"a\" & 'b'\u{1b}</script>"),
            "&lt;script&gt;&quot;a&quot; &amp; &#39;b&#39;&lt;/script&gt;"
        );
    }

    #[test]
    fn formula_cells_are_made_text() {
        for bad in ["=1+1", "+81", "-2", "@SUM(A1)", "\tx", "\rx"] {
            assert_eq!(spreadsheet_cell(bad), format!("'{bad}"));
        }
        assert_eq!(spreadsheet_cell("web server"), "web server");
    }

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
