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

/// Whether `c` changes how a terminal shows the text around it without
/// showing itself: a direction mark, embedding, override or isolate
/// (U+202E turns `txt.exe` into `exe.txt`), a zero-width character, a line
/// or paragraph separator, a BOM.
fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{200b}'..='\u{200f}'
            | '\u{2028}'..='\u{202e}'
            | '\u{2060}'..='\u{2064}'
            | '\u{2066}'..='\u{2069}'
            | '\u{061c}'
            | '\u{feff}'
    )
}

/// What [`escape`] writes as an escape.
fn is_escaped(c: char) -> bool {
    is_control(c) || is_invisible(c)
}

/// `text` with every control character written as an escape.
pub fn escape(text: &str) -> Cow<'_, str> {
    if !text.chars().any(is_escaped) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match c {
            '\x1b' => out.push_str("\\e"),
            '\r' => out.push_str("\\r"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            c if is_escaped(c) => out.push_str(&format!("\\u{{{:x}}}", u32::from(c))),
            c => out.push(c),
        }
    }
    Cow::Owned(out)
}

/// A message of several lines for the terminal: each line escaped, the line
/// breaks kept.
pub fn escape_lines(text: &str) -> Cow<'_, str> {
    if !text.chars().any(|c| c != '\n' && is_escaped(c)) {
        return Cow::Borrowed(text);
    }
    Cow::Owned(text.split('\n').map(escape).collect::<Vec<_>>().join("\n"))
}

/// Text for GitHub-flavoured Markdown (a table cell, a list item, a
/// heading), shown as it is and doing nothing else: control and invisible
/// characters escaped as on a terminal; every character Markdown reads as
/// syntax backslash-escaped (`\` `` ` `` `*` `_` `~` `[` `]` `|`); `<`, `>`
/// and `&` as entities, so no HTML tag opens; and a zero-width space after
/// `@` and `#` and inside `://` and `www.`, so that no one is mentioned and
/// nothing is linked (`@team`, `#123`, `https://`).
pub(crate) fn markdown_cell(text: &str) -> String {
    const BREAK: &str = "&#8203;";
    let text = escape(text);
    let mut out = String::with_capacity(text.len() + 8);
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' | '`' | '*' | '_' | '~' | '[' | ']' | '|' => {
                out.push('\\');
                out.push(c);
            }
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            '@' | '#' => {
                out.push(c);
                out.push_str(BREAK);
            }
            ':' if chars.peek() == Some(&'/') => {
                out.push(':');
                out.push_str(BREAK);
            }
            '.' if out.ends_with("www") => {
                out.push_str(BREAK);
                out.push('.');
            }
            c => out.push(c),
        }
    }
    out
}

/// `text` as a Markdown code span, backticks and all: inside one nothing is
/// syntax, so only a backtick could end it early. The fence is one backtick
/// longer than the longest run in `text`, with a space inside when `text`
/// starts or ends with one; a line break cannot stand in a table, so
/// control and invisible characters are escaped as on a terminal.
pub(crate) fn markdown_code(text: &str) -> String {
    let text = escape(text);
    let mut longest = 0;
    let mut run = 0;
    for c in text.chars() {
        run = if c == '`' { run + 1 } else { 0 };
        longest = longest.max(run);
    }
    let fence = "`".repeat(longest + 1);
    let pad = if text.starts_with('`') || text.ends_with('`') {
        " "
    } else {
        ""
    };
    // A `|` would still end a table cell: GitHub reads `\|` in a code span
    // as `|`.
    let text = text.replace('|', "\\|");
    format!("{fence}{pad}{text}{pad}{fence}")
}

/// `text` safe between HTML tags and inside attribute values; control
/// characters, which no document shows, are dropped.
/// `text` as the inside of a CSS string in a `<style>` element: quotes and
/// backslashes escaped, and every character that could end the string,
/// the rule or the element (`"`, `\\`, `<`, `>`, `&`, line ends) written
/// as a hexadecimal escape; control characters dropped.
pub(crate) fn css_string(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '"' | '\\' | '<' | '>' | '&' | '\n' | '\r' | '\u{2028}' | '\u{2029}' => {
                // The space ends the escape, whatever follows.
                out.push_str(&format!("\\{:X} ", u32::from(c)));
            }
            c if is_control(c) => {}
            c => out.push(c),
        }
    }
    out
}

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
    fn user_text_cannot_leave_a_css_string() {
        assert_eq!(css_string("Q-01"), "Q-01");
        assert_eq!(
            css_string("a\"b\\c</style>\nd"),
            "a\\22 b\\5C c\\3C /style\\3E \\A d"
        );
        assert_eq!(css_string("見積\u{1b}番号"), "見積番号");
    }

    #[test]
    fn user_text_cannot_open_a_tag() {
        assert_eq!(
            html("<script>\"a\" & 'b'\u{1b}</script>"),
            "&lt;script&gt;&quot;a&quot; &amp; &#39;b&#39;&lt;/script&gt;"
        );
    }

    #[test]
    fn markdown_text_is_shown_and_does_nothing() {
        assert_eq!(
            markdown_cell("<img src=x onerror=alert(1)>"),
            "&lt;img src=x onerror=alert(1)&gt;"
        );
        assert_eq!(
            markdown_cell("[x](http://e.vil)"),
            "\\[x\\](http:&#8203;//e.vil)"
        );
        assert_eq!(markdown_cell("![i](u)"), "!\\[i\\](u)");
        assert_eq!(markdown_cell("@team #12"), "@&#8203;team #&#8203;12");
        assert_eq!(markdown_cell("a`b|c*d_e~f\\"), "a\\`b\\|c\\*d\\_e\\~f\\\\");
        assert_eq!(
            markdown_cell("www.x.jp & 日本語"),
            "www&#8203;.x.jp &amp; 日本語"
        );
        assert_eq!(markdown_cell("a\nb"), "a\\\\nb");
    }

    #[test]
    fn a_code_span_holds_any_text() {
        assert_eq!(
            markdown_code("payments/credit_card"),
            "`payments/credit_card`"
        );
        assert_eq!(markdown_code("a`b"), "``a`b``");
        assert_eq!(markdown_code("`x``"), "``` `x`` ```");
        assert_eq!(markdown_code("a|b"), "`a\\|b`");
    }

    #[test]
    fn invisible_characters_are_escaped_for_the_terminal() {
        assert_eq!(escape("txt\u{202e}exe.bat"), "txt\\u{202e}exe.bat");
        assert_eq!(
            escape("a\u{200b}b\u{2066}c\u{feff}"),
            "a\\u{200b}b\\u{2066}c\\u{feff}"
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
