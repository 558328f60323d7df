//! The language a user reads: English or Japanese, chosen by `--lang`, else
//! `HOSHU_LANG`, else the locale. This module only names the language; every
//! word, date and amount in running text is the render layer's catalogue's.

use serde::Serialize;

/// A language hoshu speaks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    #[default]
    En,
    Ja,
}

impl Lang {
    /// Every language, for tests that go over all of them.
    pub const ALL: [Lang; 2] = [Lang::En, Lang::Ja];

    /// `en` or `ja`, as `--lang` takes it.
    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Ja => "ja",
        }
    }

    /// `en` or `ja` (any case, with or without a region: `ja_JP.UTF-8`).
    pub fn parse(text: &str) -> Option<Lang> {
        let lower = text.trim().to_ascii_lowercase();
        if lower.starts_with("ja") {
            Some(Lang::Ja)
        } else if lower.starts_with("en") {
            Some(Lang::En)
        } else {
            None
        }
    }

    /// The language of the environment: `HOSHU_LANG` when it names one, else
    /// Japanese when the first of `LC_ALL`, `LC_MESSAGES` and `LANG` that is
    /// set starts with `ja`, else English. `var` reads a variable (the
    /// binary passes `std::env::var`; tests pass a table).
    pub fn from_env(var: impl Fn(&str) -> Option<String>) -> Lang {
        let set = |name: &str| var(name).filter(|v| !v.is_empty());
        if let Some(lang) = set("HOSHU_LANG").and_then(|v| Lang::parse(&v)) {
            return lang;
        }
        let locale = ["LC_ALL", "LC_MESSAGES", "LANG"]
            .into_iter()
            .find_map(set)
            .unwrap_or_default();
        if locale.starts_with("ja") {
            Lang::Ja
        } else {
            Lang::En
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    fn env(pairs: &[(&str, &str)]) -> impl Fn(&str) -> Option<String> {
        let map: HashMap<String, String> = pairs
            .iter()
            .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
            .collect();
        move |k| map.get(k).cloned()
    }

    #[test]
    fn hoshu_lang_comes_first_then_the_first_locale_variable_set() {
        assert_eq!(Lang::from_env(env(&[])), Lang::En);
        assert_eq!(Lang::from_env(env(&[("LANG", "ja_JP.UTF-8")])), Lang::Ja);
        assert_eq!(
            Lang::from_env(env(&[("LANG", "ja_JP.UTF-8"), ("HOSHU_LANG", "en")])),
            Lang::En
        );
        // LC_ALL is set, so LANG is not looked at.
        assert_eq!(
            Lang::from_env(env(&[("LC_ALL", "C.UTF-8"), ("LANG", "ja_JP.UTF-8")])),
            Lang::En
        );
        assert_eq!(
            Lang::from_env(env(&[("LC_ALL", ""), ("LC_MESSAGES", "ja_JP")])),
            Lang::Ja
        );
        // A HOSHU_LANG that names no language is passed over.
        assert_eq!(
            Lang::from_env(env(&[("HOSHU_LANG", "fr"), ("LANG", "ja_JP")])),
            Lang::Ja
        );
    }
}
