//! The firm profile (`firm.toml`): who issues the 見積書. Its company,
//! address and contact, the person in charge, and the qualified-invoice
//! registration number (適格請求書発行事業者登録番号), checked as the
//! National Tax Agency checks it.

use serde::{Deserialize, Serialize};

use crate::file_error::{Checked, FileError, KeyProblem};
use crate::key_path;
use crate::key_path::KeyPath;

/// The issuer of a quote.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Firm {
    /// The company name, as on the seal.
    pub company: String,
    /// 〒 postal code, e.g. `150-0002`.
    #[serde(default)]
    pub postal_code: Option<String>,
    #[serde(default)]
    pub address: Option<String>,
    #[serde(default)]
    pub phone: Option<String>,
    #[serde(default)]
    pub email: Option<String>,
    /// 担当: the person in charge of the quote.
    #[serde(default)]
    pub person: Option<String>,
    /// The qualified-invoice registration number: `T` and 13 digits.
    #[serde(default)]
    pub registration: Option<String>,
    /// How many days a quote is valid; default 30.
    #[serde(default)]
    pub valid_days: Option<u32>,
    /// Still `hoshu init firm`'s template, with its fictitious firm: no
    /// document is issued from it.
    #[serde(default)]
    pub template: bool,
    /// The firm's seal (角印) and logo: image files (PNG, JPEG, SVG),
    /// relative to the profile.
    #[serde(default)]
    pub seal: Option<String>,
    #[serde(default)]
    pub logo: Option<String>,
    /// The seal and logo read and checked ([`Picture::read`]).
    #[serde(skip)]
    pub seal_picture: Option<Picture>,
    #[serde(skip)]
    pub logo_picture: Option<Picture>,
    /// The register (SQLite) `hoshu issue` records into, relative to the
    /// profile; `--register` and `HOSHU_REGISTER` come first.
    #[serde(default)]
    pub register: Option<String>,
    /// `register` beside the profile, once it was read from a file.
    #[serde(skip)]
    pub register_path: Option<std::path::PathBuf>,
    /// The profile's text as read: what the register records it as.
    #[serde(skip)]
    pub text: String,
    /// How the register numbers documents.
    #[serde(default)]
    pub numbering: Numbering,
    /// Years a record is kept after its fiscal year ends: 7 (the default),
    /// or 10 in a year of losses carried forward.
    #[serde(default)]
    pub retention_years: Option<u32>,
    /// The fiscal year's last day, `MM-DD`; default `03-31`.
    #[serde(default)]
    pub fiscal_year_end: Option<String>,
    /// When an invoice is due (支払期限).
    #[serde(default)]
    pub payment: Payment,
    /// Where the customer pays (振込先), printed on the invoice.
    #[serde(default)]
    pub bank: Option<Bank>,
    /// The monthly fee on an invoice: `one` line (the default) or
    /// `itemised`.
    #[serde(default)]
    pub invoice_lines: crate::invoice::MonthlyLines,
}

/// `[payment]`: 月末締め翌月末払い unless told.
#[derive(Debug, Clone, PartialEq, Eq, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Payment {
    /// Months after the invoiced month (1: the next month).
    #[serde(default)]
    pub due_months: Option<u32>,
    /// The day of that month (absent: its last day).
    #[serde(default)]
    pub due_day: Option<u32>,
    /// On a bank holiday: `before` (the business day before, the default)
    /// or `after`.
    #[serde(default)]
    pub on_holiday: Option<OnHoliday>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum OnHoliday {
    Before,
    After,
}

/// `[bank]`: the account an invoice is paid into.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Bank {
    /// みずほ銀行
    pub name: String,
    /// 渋谷支店
    pub branch: String,
    /// 普通 or 当座
    pub account_type: String,
    pub account_number: String,
    /// The holder as the bank writes it (カ）ホシュコウボウ).
    pub holder: String,
}

/// `[numbering]`: the firm's document number patterns.
#[derive(Debug, Clone, PartialEq, Eq, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Numbering {
    /// A 見積書's number (default `{yyyy}{mm}-{seq:3}`).
    #[serde(default)]
    pub quote: Option<String>,
    /// A revision's suffix after the first number (default `-{version:2}`).
    #[serde(default)]
    pub revision: Option<String>,
    /// An invoice's number (default `INV-{yyyy}{mm}-{seq:3}`).
    #[serde(default)]
    pub invoice: Option<String>,
    /// A credit note's number (default `CN-{yyyy}{mm}-{seq:3}`).
    #[serde(default)]
    pub credit: Option<String>,
}

impl Firm {
    /// The quote number pattern, checked when the profile was read.
    pub fn quote_pattern(&self) -> crate::register::numbering::Pattern {
        use crate::register::numbering::{DEFAULT_QUOTE, Pattern};
        self.numbering
            .quote
            .as_deref()
            .and_then(|p| Pattern::document(p).ok())
            .unwrap_or_else(|| Pattern::document(DEFAULT_QUOTE).expect("the default numbers"))
    }

    /// The invoice number pattern, checked when the profile was read.
    pub fn invoice_pattern(&self) -> crate::register::numbering::Pattern {
        use crate::register::numbering::{DEFAULT_INVOICE, Pattern};
        self.numbering
            .invoice
            .as_deref()
            .and_then(|p| Pattern::document(p).ok())
            .unwrap_or_else(|| Pattern::document(DEFAULT_INVOICE).expect("the default numbers"))
    }

    /// The credit note number pattern, checked when the profile was read.
    pub fn credit_pattern(&self) -> crate::register::numbering::Pattern {
        use crate::register::numbering::{DEFAULT_CREDIT, Pattern};
        self.numbering
            .credit
            .as_deref()
            .and_then(|p| Pattern::document(p).ok())
            .unwrap_or_else(|| Pattern::document(DEFAULT_CREDIT).expect("the default numbers"))
    }

    /// The payment terms.
    pub fn payment_terms(&self) -> crate::invoice::PaymentTerms {
        let default = crate::invoice::PaymentTerms::default();
        crate::invoice::PaymentTerms {
            months: self.payment.due_months.unwrap_or(default.months),
            day: self.payment.due_day,
            earlier: self.payment.on_holiday != Some(OnHoliday::After),
        }
    }

    /// The revision suffix pattern.
    pub fn revision_pattern(&self) -> crate::register::numbering::Pattern {
        use crate::register::numbering::{DEFAULT_REVISION, Pattern};
        self.numbering
            .revision
            .as_deref()
            .and_then(|p| Pattern::revision(p).ok())
            .unwrap_or_else(|| Pattern::revision(DEFAULT_REVISION).expect("the default revises"))
    }

    /// Years records are kept, and the fiscal year's last day (month, day).
    pub fn retention(&self) -> (u32, (u32, u32)) {
        let end = self
            .fiscal_year_end
            .as_deref()
            .and_then(month_day)
            .unwrap_or((3, 31));
        (self.retention_years.unwrap_or(7), end)
    }
}

/// `MM-DD` as a month and a day that some year has.
fn month_day(text: &str) -> Option<(u32, u32)> {
    let (m, d) = text.split_once('-')?;
    let (m, d): (u32, u32) = (m.parse().ok()?, d.parse().ok()?);
    // 2024 is a leap year: 02-29 is a day some year has.
    chrono::NaiveDate::from_ymd_opt(2024, m, d).map(|_| (m, d))
}

/// The largest seal or logo: 1 MiB.
pub const MAX_PICTURE: u64 = 1 << 20;

/// An image embedded in a document as data: never fetched.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Picture {
    pub kind: PictureKind,
    pub bytes: Vec<u8>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PictureKind {
    Png,
    Jpeg,
    Svg,
}

impl PictureKind {
    pub fn mime(self) -> &'static str {
        match self {
            PictureKind::Png => "image/png",
            PictureKind::Jpeg => "image/jpeg",
            PictureKind::Svg => "image/svg+xml",
        }
    }
}

/// Why a seal or logo cannot be used.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PictureProblem {
    Unreadable(String),
    TooLarge,
    /// Not PNG, JPEG or SVG by its content.
    NotAnImage,
}

impl Picture {
    /// The image at `path`, checked by its content.
    pub fn read(path: &std::path::Path) -> Result<Picture, PictureProblem> {
        use std::io::Read;
        let file =
            std::fs::File::open(path).map_err(|e| PictureProblem::Unreadable(e.to_string()))?;
        let mut bytes = Vec::new();
        file.take(MAX_PICTURE + 1)
            .read_to_end(&mut bytes)
            .map_err(|e| PictureProblem::Unreadable(e.to_string()))?;
        if bytes.len() as u64 > MAX_PICTURE {
            return Err(PictureProblem::TooLarge);
        }
        let kind = Picture::kind_of(&bytes).ok_or(PictureProblem::NotAnImage)?;
        Ok(Picture { kind, bytes })
    }

    fn kind_of(bytes: &[u8]) -> Option<PictureKind> {
        if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
            return Some(PictureKind::Png);
        }
        if bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
            return Some(PictureKind::Jpeg);
        }
        let text = std::str::from_utf8(bytes).ok()?;
        let text = text.trim_start_matches('\u{feff}').trim_start();
        (text.starts_with("<svg") || text.starts_with("<?xml") && text.contains("<svg"))
            .then_some(PictureKind::Svg)
    }
}

impl Firm {
    pub fn from_toml(text: &str, origin: &str) -> Result<Firm, FileError> {
        FileError::parse_checked(origin, text)
    }

    /// The keys whose values are still `template`'s (its fictitious firm).
    pub fn keys_as_in(&self, template: &Firm) -> Vec<&'static str> {
        let pairs: [(&'static str, bool); 7] = [
            ("company", self.company == template.company),
            (
                "postal_code",
                self.postal_code.is_some() && self.postal_code == template.postal_code,
            ),
            (
                "address",
                self.address.is_some() && self.address == template.address,
            ),
            (
                "phone",
                self.phone.is_some() && self.phone == template.phone,
            ),
            (
                "email",
                self.email.is_some() && self.email == template.email,
            ),
            (
                "person",
                self.person.is_some() && self.person == template.person,
            ),
            (
                "registration",
                self.registration.is_some() && self.registration == template.registration,
            ),
        ];
        pairs
            .into_iter()
            .filter(|(_, same)| *same)
            .map(|(k, _)| k)
            .collect()
    }
}

impl Checked for Firm {
    fn problems(&self) -> Vec<(KeyPath, KeyProblem)> {
        let mut out = Vec::new();
        if self.company.trim().is_empty() {
            out.push((key_path!["company"], KeyProblem::Empty));
        }
        if let Some(number) = &self.registration
            && !registration_is_valid(number)
        {
            out.push((
                key_path!["registration"],
                KeyProblem::BadRegistration {
                    got: number.clone(),
                },
            ));
        }
        if self.valid_days == Some(0) {
            out.push((
                key_path!["valid_days"],
                KeyProblem::TooSmall { min: 1, got: 0 },
            ));
        }
        use crate::register::numbering::Pattern;
        if let Some(Err(problem)) = self.numbering.quote.as_deref().map(Pattern::document) {
            out.push((
                key_path!["numbering", "quote"],
                KeyProblem::BadPattern { problem },
            ));
        }
        for (key, pattern) in [
            ("invoice", &self.numbering.invoice),
            ("credit", &self.numbering.credit),
        ] {
            if let Some(Err(problem)) = pattern.as_deref().map(Pattern::document) {
                out.push((
                    key_path!["numbering", key],
                    KeyProblem::BadPattern { problem },
                ));
            }
        }
        if let Some(day) = self.payment.due_day.filter(|d| *d == 0) {
            out.push((
                key_path!["payment", "due_day"],
                KeyProblem::TooSmall {
                    min: 1,
                    got: day.into(),
                },
            ));
        }
        if let Some(Err(problem)) = self.numbering.revision.as_deref().map(Pattern::revision) {
            out.push((
                key_path!["numbering", "revision"],
                KeyProblem::BadPattern { problem },
            ));
        }
        if let Some(years) = self.retention_years.filter(|y| *y < 7) {
            out.push((
                key_path!["retention_years"],
                KeyProblem::TooSmall {
                    min: 7,
                    got: years.into(),
                },
            ));
        }
        if let Some(end) = &self.fiscal_year_end
            && month_day(end).is_none()
        {
            out.push((
                key_path!["fiscal_year_end"],
                KeyProblem::NotMonthDay { got: end.clone() },
            ));
        }
        out
    }
}

/// Whether `number` is `T` and a corporate number (法人番号) whose first digit
/// is its check digit: 9 − (Σ Pₙ·Qₙ mod 9) over the other 12 digits, Pₙ the
/// n-th digit from the right and Qₙ 1 for odd n, 2 for even n.
pub fn registration_is_valid(number: &str) -> bool {
    let Some(digits) = number.strip_prefix('T') else {
        return false;
    };
    if digits.len() != 13 || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return false;
    }
    let d: Vec<u32> = digits.bytes().map(|b| u32::from(b - b'0')).collect();
    let sum: u32 = d[1..]
        .iter()
        .rev()
        .enumerate()
        .map(|(i, p)| p * if i % 2 == 0 { 1 } else { 2 })
        .sum();
    d[0] == 9 - sum % 9
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn registration_numbers_are_checked_by_the_check_digit() {
        // The National Tax Agency's own corporate number.
        assert!(registration_is_valid("T7000012050002"));
        // Any other first digit is wrong.
        for first in (0..=9).filter(|d| *d != 7) {
            assert!(!registration_is_valid(&format!("T{first}000012050002")));
        }
        assert!(!registration_is_valid("7000012050002"));
        assert!(!registration_is_valid("T700001205000"));
        assert!(!registration_is_valid("T70000120500０2"));
    }

    #[test]
    fn the_template_is_a_valid_profile() {
        let firm = Firm::from_toml(
            crate::render::firm_template(crate::lang::Lang::En),
            "firm.toml",
        )
        .unwrap();
        assert!(!firm.company.is_empty());
    }

    #[test]
    fn a_wrong_registration_number_is_a_problem_at_its_key() {
        let e = Firm::from_toml(
            "company = \"Hoshu Works\"\nregistration = \"T1234567890123\"\n",
            "firm.toml",
        )
        .unwrap_err();
        let FileError::Invalid { problems, .. } = e else {
            panic!("{e:?}")
        };
        assert_eq!(problems[0].problem.code(), "bad-registration");
        assert_eq!(problems[0].at.map(|a| a.line), Some(2));
    }
}
