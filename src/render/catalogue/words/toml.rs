//! A file's refused value or syntax (TOML, and serde's words for what it
//! wanted), decided once.

use super::super::Catalogue;
use super::super::template::Tpl;
use crate::file_error::{Refused, SyntaxLine, Token, Wanted};
use crate::render::escape;
use crate::vocab::{Expected, Got};

impl dyn Catalogue + '_ {
    /// A problem at a key: `` `sites[0].pages`: … `` for a value that did not
    /// parse, `` `plan` … `` for one hoshu refused; a problem that opens with
    /// a full-width bracket needs no space before it.
    pub fn at_key(&self, key: &str, problem: &str, parse: bool) -> String {
        if parse {
            format!("`{key}`: {problem}")
        } else if problem.starts_with('（') {
            format!("`{key}`{problem}")
        } else {
            format!("`{key}` {problem}")
        }
    }

    /// A value or a file the reader refused.
    pub fn refused(&self, r: &Refused) -> String {
        let hint = |got: &str, allowed: &[String]| {
            self.did_you_mean(got, allowed.iter().map(String::as_str))
        };
        match r {
            Refused::UnknownKey { key, allowed } if allowed.is_empty() => {
                self.put(Tpl::RefusedUnknownKeyNone, &[("key", &escape(key))])
            }
            Refused::UnknownKey { key, allowed } => self.put(
                Tpl::RefusedUnknownKey,
                &[
                    ("key", &escape(key)),
                    ("allowed", &allowed.join(", ")),
                    ("hint", &hint(key, allowed)),
                ],
            ),
            Refused::NotAllowed { value, allowed } => self.put(
                Tpl::RefusedNotAllowed,
                &[
                    ("value", &escape(value)),
                    ("allowed", &allowed.join(", ")),
                    ("hint", &hint(value, allowed)),
                ],
            ),
            Refused::TooLarge { value } => self.put(
                Tpl::RefusedTooLarge,
                &[("value", &escape(value)), ("max", &i64::MAX)],
            ),
            Refused::Date(e) => self.date_error(e),
            Refused::Invalid {
                value,
                got,
                wanted,
                max,
            } => {
                let wanted = match wanted {
                    Wanted::Is(e) => self.expected(*e).to_owned(),
                    Wanted::Said(words) => words.clone(),
                };
                let wanted = match max {
                    Some(max) => self.put(Tpl::WantedAtMost, &[("wanted", &wanted), ("max", max)]),
                    None => wanted,
                };
                let tpl = match (value, got) {
                    (true, Some(_)) => Tpl::InvalidValueGot,
                    (false, Some(_)) => Tpl::InvalidTypeGot,
                    (true, None) => Tpl::InvalidValue,
                    (false, None) => Tpl::InvalidType,
                };
                let got = got.as_ref().map_or_else(String::new, |g| self.got(g));
                self.put(tpl, &[("got", &got), ("wanted", &wanted)])
            }
            Refused::Syntax(lines) => {
                let lines: Vec<String> = lines.iter().map(|l| self.syntax_line(l)).collect();
                self.put(
                    Tpl::SyntaxLines,
                    &[("lines", &lines.join(self.template(Tpl::SyntaxSep)))],
                )
            }
            Refused::Said(message) => message.clone(),
        }
    }

    /// What a value must be.
    fn expected(&self, e: Expected) -> &'static str {
        self.template(match e {
            Expected::WholeFromOne => Tpl::ExpectedWholeFromOne,
            Expected::WholeFromZero => Tpl::ExpectedWholeFromZero,
            Expected::YenFromOne => Tpl::ExpectedYenFromOne,
            Expected::YenFromZero => Tpl::ExpectedYenFromZero,
            Expected::PriceFromZero => Tpl::ExpectedPriceFromZero,
            Expected::Percent => Tpl::ExpectedPercent,
            Expected::PercentFromOne => Tpl::ExpectedPercentFromOne,
            Expected::Term => Tpl::ExpectedTerm,
            Expected::Date => Tpl::ExpectedDate,
            Expected::ClosedDay => Tpl::ExpectedClosedDay,
            Expected::MonthOfYear => Tpl::ExpectedMonthOfYear,
            Expected::YearMonth => Tpl::ExpectedYearMonth,
            Expected::Text => Tpl::ExpectedText,
            Expected::TextOrList => Tpl::ExpectedTextOrList,
            Expected::Boolean => Tpl::ExpectedBoolean,
            Expected::List => Tpl::ExpectedList,
            Expected::Table => Tpl::ExpectedTable,
        })
    }

    /// A value as the parser gave it: `string "many"`, ``integer `5` ``.
    fn got(&self, g: &Got) -> String {
        match g {
            Got::Text(t) => self.put(Tpl::GotText, &[("text", t)]),
            Got::Integer(n) => self.put(Tpl::GotInteger, &[("n", n)]),
            Got::Float(n) => self.put(Tpl::GotFloat, &[("n", n)]),
            Got::Boolean(b) => self.put(Tpl::GotBoolean, &[("b", b)]),
            Got::List => self.put(Tpl::GotList, &[]),
            Got::Table => self.put(Tpl::GotTable, &[]),
            Got::Other(words) => words.clone(),
        }
    }

    /// One line of the TOML parser's message.
    fn syntax_line(&self, line: &SyntaxLine) -> String {
        let tpl = match line {
            SyntaxLine::TableHeader => Tpl::SyntaxTableHeader,
            SyntaxLine::Array => Tpl::SyntaxArray,
            SyntaxLine::InlineTable => Tpl::SyntaxInlineTable,
            SyntaxLine::String => Tpl::SyntaxString,
            SyntaxLine::BasicString => Tpl::SyntaxBasicString,
            SyntaxLine::LiteralString => Tpl::SyntaxLiteralString,
            SyntaxLine::Key => Tpl::SyntaxKey,
            SyntaxLine::Integer => Tpl::SyntaxInteger,
            SyntaxLine::Float => Tpl::SyntaxFloat,
            SyntaxLine::Expected(tokens) => {
                let tokens: Vec<&str> = tokens
                    .iter()
                    .map(|t| match t {
                        Token::Newline => self.template(Tpl::TokenNewline),
                        Token::Digit => self.template(Tpl::TokenDigit),
                        Token::Literal(l) => l,
                    })
                    .collect();
                return self.put(Tpl::SyntaxExpected, &[("tokens", &tokens.join(", "))]);
            }
            SyntaxLine::DuplicateKey { key, table: None } => {
                return self.put(Tpl::SyntaxDuplicateKeyInRoot, &[("key", key)]);
            }
            SyntaxLine::DuplicateKey {
                key,
                table: Some(table),
            } => {
                return self.put(
                    Tpl::SyntaxDuplicateKeyInTable,
                    &[("key", key), ("table", table)],
                );
            }
            SyntaxLine::Said(words) => return words.clone(),
        };
        self.put(tpl, &[])
    }
}
