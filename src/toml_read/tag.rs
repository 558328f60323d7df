//! serde's `expecting` and `custom` take only strings. Where a reader must
//! say what it refused through them, it writes a tag here, and the file
//! reader (`file_error`) reads it back as data: this module is the one
//! writer and the one reader of the tag, so no sentence is ever parsed.

use crate::date::{DateError, Era};
use crate::vocab::Expected;

/// Private-use characters around a tag: no user's TOML makes serde say
/// them, and no catalogue ever shows them.
const OPEN: char = '\u{E000}';
const CLOSE: char = '\u{E001}';

/// What a tag says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Tagged {
    /// The value must be this.
    Expected(Expected),
    /// A date that is not one.
    Date(DateError),
}

/// The tag of an expectation, for serde's `expecting`.
pub fn expected(e: Expected) -> String {
    format!("{OPEN}{}{CLOSE}", e.id())
}

/// The tag of a refused date, for serde's `custom`.
pub fn date(e: &DateError) -> String {
    let (kind, text) = match e {
        DateError::Format(t) => ("format".to_owned(), t),
        DateError::NoSuchDay(t) => ("no-such-day".to_owned(), t),
        DateError::HasTime(t) => ("has-time".to_owned(), t),
        DateError::NotADate(t) => ("not-a-date".to_owned(), t),
        DateError::Ambiguous(t) => ("ambiguous".to_owned(), t),
        DateError::OutsideEra { text, era } => (format!("era-{era:?}"), text),
    };
    format!("{OPEN}date:{kind}:{text}{CLOSE}")
}

/// What `words` is the tag of, if it is one.
pub fn read(words: &str) -> Option<Tagged> {
    let inner = words.strip_prefix(OPEN)?.strip_suffix(CLOSE)?;
    if let Some(rest) = inner.strip_prefix("date:") {
        let (kind, text) = rest.split_once(':')?;
        let text = text.to_owned();
        return Some(Tagged::Date(match kind {
            "format" => DateError::Format(text),
            "no-such-day" => DateError::NoSuchDay(text),
            "has-time" => DateError::HasTime(text),
            "not-a-date" => DateError::NotADate(text),
            "ambiguous" => DateError::Ambiguous(text),
            era => {
                let era = Era::ALL
                    .into_iter()
                    .find(|e| era.strip_prefix("era-") == Some(&format!("{e:?}")))?;
                DateError::OutsideEra { text, era }
            }
        }));
    }
    Expected::ALL
        .iter()
        .copied()
        .find(|e| e.id() == inner)
        .map(Tagged::Expected)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_tag_reads_back() {
        for &e in Expected::ALL {
            assert_eq!(read(&expected(e)), Some(Tagged::Expected(e)));
        }
        for e in [
            DateError::Format("2024/01/10".into()),
            DateError::NoSuchDay("2024-02-30".into()),
            DateError::HasTime("2024-01-10T10:00:00: \u{E001}".into()),
            DateError::NotADate("x".into()),
            DateError::Ambiguous("10/01/2025".into()),
            DateError::OutsideEra {
                text: "平成32年1月1日".into(),
                era: Era::Heisei,
            },
        ] {
            assert_eq!(read(&date(&e)), Some(Tagged::Date(e)));
        }
        assert_eq!(read("a string"), None);
    }
}
