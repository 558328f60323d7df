//! Rendering: every sentence a user reads is made here, from the engines'
//! data. Renderers are pure functions returning a `String`; the binary writes
//! it. Adding a language or a format means adding code here, not in the
//! engines.

pub mod batch;
pub mod classify;
pub mod compare;
pub mod diff;
mod escape;
pub mod quote;
pub mod rates;
mod text;

pub use escape::{escape, escape_lines};
pub use text::{item, why};

use comfy_table::{ContentArrangement, Table, presets};

/// How a table may look where it is going.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Style {
    /// Colour and bold: only for a terminal, and never with NO_COLOR.
    pub color: bool,
    /// Wrap long cells to this many columns; `None` never wraps.
    pub width: Option<u16>,
}

impl Style {
    /// Plain text at a fixed width: files, pipes and tests.
    pub const PLAIN: Style = Style {
        color: false,
        width: Some(120),
    };
}

/// A table in hoshu's house style.
fn table(style: Style) -> Table {
    let mut table = Table::new();
    table.load_preset(presets::UTF8_FULL_CONDENSED);
    if style.color {
        table.enforce_styling();
    } else {
        table.force_no_tty();
    }
    if let Some(width) = style.width {
        table
            .set_width(width)
            .set_content_arrangement(ContentArrangement::Dynamic);
    }
    table
}

/// `text` wrapped at spaces to lines of at most `width` characters (a word
/// longer than that stands alone); as it is when `width` is `None`.
fn wrap(text: &str, width: Option<u16>) -> String {
    let Some(width) = width.map(usize::from) else {
        return text.to_owned();
    };
    let mut out = String::new();
    let mut line = 0;
    for word in text.split(' ') {
        let len = word.chars().count();
        if line > 0 && line + 1 + len > width {
            out.push('\n');
            line = 0;
        } else if line > 0 {
            out.push(' ');
            line += 1;
        }
        out.push_str(word);
        line += len;
    }
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn wrap_breaks_at_spaces_within_the_width() {
        assert_eq!(super::wrap("aa bb cc", Some(5)), "aa bb\ncc");
        assert_eq!(super::wrap("aa bb cc", None), "aa bb cc");
        assert_eq!(super::wrap("aaaaaaa b", Some(3)), "aaaaaaa\nb");
    }
}
