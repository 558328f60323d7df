//! Rendering: every sentence a user reads is made here, from the engines'
//! data. Renderers are pure functions returning a `String`; the binary writes
//! it. Adding a language or a format means adding code here, not in the
//! engines.

pub mod batch;
pub mod catalogue;

/// How `check` answers: a line of text, or `hoshu.check.v1`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum CheckFormat {
    Text,
    Json,
}

/// How `rates` shows a card: the TOML itself, or `hoshu.rates.v1`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum RatesFormat {
    Toml,
    Json,
}

/// How a report for people and scripts is written: compare, diff and one
/// classification.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Report {
    Table,
    Json,
    /// GitHub-flavoured Markdown, for tickets and pull requests.
    Markdown,
}
pub mod classify;
pub mod compare;
pub mod diff;
pub mod document;
pub mod errors;
pub(crate) mod escape;
mod grid;
pub mod invoice;
pub mod quote;
pub mod rates;
pub mod register;
pub(crate) mod sheet;

pub use escape::{escape, escape_lines};
pub(crate) use escape::{markdown_cell, markdown_code};
pub(crate) use grid::{Column, Grid};

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
        width: Some(100),
    };
}

/// How many terminal columns `text` takes: East Asian wide and fullwidth
/// characters take two.
pub fn width(text: &str) -> usize {
    text.chars().map(|c| if is_wide(c) { 2 } else { 1 }).sum()
}

fn is_wide(c: char) -> bool {
    matches!(c as u32,
        0x1100..=0x115F | 0x2E80..=0x303E | 0x3041..=0x33FF | 0x3400..=0x4DBF
        | 0x4E00..=0x9FFF | 0xA000..=0xA4CF | 0xAC00..=0xD7A3 | 0xF900..=0xFAFF
        | 0xFE30..=0xFE4F | 0xFF00..=0xFF60 | 0xFFE0..=0xFFE6)
}

/// Characters a line may not start with (行頭禁則, after JIS X 4051):
/// closing brackets and punctuation, hyphens and the wave dash, the
/// prolonged sound mark, small kana and iteration marks.
fn starts_no_line(c: char) -> bool {
    matches!(
        c,
        '、' | '。'
            | '，'
            | '．'
            | '：'
            | '；'
            | '・'
            | '！'
            | '？'
            | '）'
            | '」'
            | '』'
            | '】'
            | '〕'
            | '〉'
            | '》'
            | 'ー'
            | '〜'
            | '゠'
            | '‐'
            | '々'
            | 'ゝ'
            | 'ゞ'
            | 'ヽ'
            | 'ヾ'
            | 'ぁ'
            | 'ぃ'
            | 'ぅ'
            | 'ぇ'
            | 'ぉ'
            | 'っ'
            | 'ゃ'
            | 'ゅ'
            | 'ょ'
            | 'ゎ'
            | 'ゕ'
            | 'ゖ'
            | 'ァ'
            | 'ィ'
            | 'ゥ'
            | 'ェ'
            | 'ォ'
            | 'ッ'
            | 'ャ'
            | 'ュ'
            | 'ョ'
            | 'ヮ'
            | 'ヵ'
            | 'ヶ'
            | ')'
            | ','
            | '.'
            | ':'
            | ';'
            | '!'
            | '?'
    )
}

/// Counters and units that follow a number: 円, 年, 月, 日, 時間, 台, 件, 条, 項….
fn is_counter(c: char) -> bool {
    "円年月日時分秒週台件社名人回個枚本点倍割万億千かヶカ条項号".contains(c)
}

/// `text` cut where a line may break: each piece with whether a space
/// came before it. A piece is a run of narrow characters (a word, a
/// number), or one wide character with the marks that must stay with it.
fn segments(text: &str) -> Vec<(String, bool)> {
    let mut segments: Vec<(String, bool)> = Vec::new(); // (text, space before)
    let mut space = false;
    // Characters still to join a short bracketed phrase: （税込） stays whole.
    let mut hold = 0;
    let chars: Vec<char> = text.chars().collect();
    for (i, &c) in chars.iter().enumerate() {
        if c == ' ' {
            space = true;
            continue;
        }
        if hold > 0 {
            hold -= 1;
            segments.last_mut().expect("a bracket opened it").0.push(c);
            continue;
        }
        let closing = starts_no_line(c);
        let joins = match segments.last() {
            Some((last, _)) if !space => {
                let end = last.chars().last();
                let opening = end.is_some_and(|e| {
                    matches!(e, '「' | '『' | '（' | '【' | '〔' | '〈' | '《' | '(')
                });
                let mut tail = last.chars().rev();
                // Not inside a dotted name such as a rule's:
                // after.external-cause.
                let compound = c.is_ascii_alphabetic()
                    && tail.next().is_some_and(|h| h == '-' || h == '/')
                    && tail.next().is_some_and(|p| p.is_ascii_alphabetic())
                    && !last.contains('.');
                // A counter or unit stays with its number: 8,118,000円, 2時間.
                let counter = (is_counter(c) && end.is_some_and(|e| e.is_ascii_digit()))
                    || matches!(
                        (end, c),
                        (Some('時'), '間') | (Some('か' | 'ヶ' | 'カ'), '月')
                    );
                closing
                    || opening
                    || counter
                    || (!is_wide(c) && !end.is_some_and(is_wide) && !compound)
            }
            _ => false,
        };
        if joins {
            segments.last_mut().expect("joined to a segment").0.push(c);
        } else {
            segments.push((c.to_string(), space));
        }
        if let Some(close) = closing_of(c) {
            hold = chars[i + 1..]
                .iter()
                .take(5)
                .take_while(|&&n| n != ' ')
                .position(|&n| n == close)
                .map_or(0, |at| at + 1);
        }
        space = false;
    }
    segments
}

/// The full-width closing bracket of an opening one.
fn closing_of(c: char) -> Option<char> {
    Some(match c {
        '（' => '）',
        '「' => '」',
        '『' => '』',
        '【' => '】',
        '〔' => '〕',
        '〈' => '〉',
        '《' => '》',
        _ => return None,
    })
}

/// The widest piece of `text` that [`wrap`] cannot break.
pub(crate) fn unbreakable(text: &str) -> usize {
    segments(text)
        .iter()
        .map(|(s, _)| width(s))
        .max()
        .unwrap_or(0)
}

/// `text` wrapped to lines of at most `width` terminal columns: at spaces,
/// after the hyphen of a compound word or the slash of a path
/// (`vendor-|customised`, `payments/|credit_card`; never inside
/// `2024-01-10`), and between Japanese characters (but never before a
/// closing mark such as 、。）, the prolonged sound mark ー or a small
/// kana, nor between a number and the counter after it: 1,000円, 8時間,
/// nor inside a short bracketed phrase: （税込）); a word
/// longer than the width stands alone. As it is when `width`
/// is `None`.
pub(crate) fn wrap(text: &str, width: Option<u16>) -> String {
    let Some(width) = width.map(usize::from) else {
        return text.to_owned();
    };
    each_line(text, |line| lay_out(segments(line), width))
}

/// `text` wrapped at its spaces only, to lines of at most `width` columns
/// where its words allow: for short labels (`#01 アクセス数`), whose words
/// should not be broken.
pub(crate) fn wrap_words(text: &str, width: usize) -> String {
    each_line(text, |line| {
        lay_out(line.split(' ').map(|word| (word, true)), width)
    })
}

/// Each line of `text` wrapped on its own.
fn each_line(text: &str, wrap: impl Fn(&str) -> String) -> String {
    text.split('\n').map(wrap).collect::<Vec<_>>().join("\n")
}

/// Pieces that may not break (each with whether a space came before it)
/// laid out greedily on lines of at most `width` columns; a piece wider
/// than that stands alone.
fn lay_out<S: AsRef<str>>(pieces: impl IntoIterator<Item = (S, bool)>, width: usize) -> String {
    let mut out = String::new();
    let mut line = 0;
    for (piece, space) in pieces {
        let piece = piece.as_ref();
        let len = self::width(piece);
        let gap = usize::from(space && line > 0);
        if line > 0 && line + gap + len > width {
            out.push('\n');
            line = 0;
        } else if gap == 1 {
            out.push(' ');
            line += 1;
        }
        out.push_str(piece);
        line += len;
    }
    out
}

/// The firm profile's template `hoshu init firm` writes, its comments in
/// `lang`: every key, and the mark that it is still the template.
pub fn firm_template(lang: crate::lang::Lang) -> &'static str {
    match lang {
        crate::lang::Lang::En => include_str!("templates/firm.en.toml"),
        crate::lang::Lang::Ja => include_str!("templates/firm.ja.toml"),
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn wrap_words_breaks_only_at_spaces() {
        assert_eq!(super::wrap_words("#01 アクセス数", 12), "#01\nアクセス数");
        assert_eq!(super::wrap_words("¥10,000 /mo", 8), "¥10,000\n/mo");
        assert_eq!(super::wrap_words("Unit price", 10), "Unit price");
    }

    #[test]
    fn wrap_breaks_after_the_hyphen_of_a_compound_word_only() {
        assert_eq!(
            super::wrap("Android's vendor-customised OS", Some(16)),
            "Android's\nvendor-\ncustomised OS"
        );
        assert_eq!(super::wrap("on 2024-01-10", Some(8)), "on\n2024-01-10");
        assert_eq!(
            super::wrap("rule after.external-cause", Some(16)),
            "rule\nafter.external-cause"
        );
        assert_eq!(
            super::wrap("payments/credit_card/integration", Some(21)),
            "payments/credit_card/\nintegration"
        );
    }

    #[test]
    fn wrap_breaks_at_spaces_within_the_width() {
        assert_eq!(super::wrap("aa bb cc", Some(5)), "aa bb\ncc");
        assert_eq!(super::wrap("aa bb cc", None), "aa bb cc");
        assert_eq!(super::wrap("aaaaaaa b", Some(3)), "aaaaaaa\nb");
        assert_eq!(super::wrap("a (b), c", Some(5)), "a\n(b),\nc");
        // Each line on its own.
        assert_eq!(super::wrap("aa bb\ncc dd", Some(5)), "aa bb\ncc dd");
    }

    #[test]
    fn wrap_breaks_japanese_between_characters_not_before_closing_marks() {
        assert_eq!(super::wrap("保守費用、月額", Some(6)), "保守費\n用、月\n額");
        // Nor before the prolonged sound mark or a small kana.
        assert_eq!(super::wrap("保守ページ", Some(6)), "保守\nページ");
        assert_eq!(super::wrap("サーバー監視", Some(4)), "サー\nバー\n監視");
        assert_eq!(super::wrap("保守チェック", Some(8)), "保守\nチェック");
        // Nor between a number and its counter.
        assert_eq!(
            super::wrap("税込8,118,000円。", Some(14)),
            "税込\n8,118,000円。"
        );
        assert_eq!(
            super::wrap("月額¥1,000です。", Some(10)),
            "月額¥1,000\nです。"
        );
        assert!(
            super::wrap("契約不適合責任の期間内に報告された", Some(20))
                .lines()
                .all(|l| super::width(l) <= 20)
        );
    }
}
