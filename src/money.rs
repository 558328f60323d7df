//! Whole yen and consumption tax.
//!
//! Money is an integer number of yen; there is no floating point anywhere in
//! hoshu. Every sum and product is checked, so an absurd input (a billion
//! servers) is an error, never a wrapped number or a panic. Tax is computed in
//! exactly one place, [`tax`], once per total: the qualified-invoice rules
//! (適格請求書) round once per document per tax rate, never per line.

use serde::{Deserialize, Serialize};
use std::fmt;

/// An amount of Japanese yen, whole yen only.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    Hash,
    Default,
    Serialize,
    Deserialize,
    schemars::JsonSchema,
)]
#[serde(transparent)]
pub struct Yen(pub i64);

/// An amount went past what hoshu can represent (about 9.2 × 10¹⁸ yen).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Overflow;

impl std::error::Error for Overflow {}

impl Yen {
    pub const ZERO: Yen = Yen(0);

    pub fn checked_add(self, other: Yen) -> Result<Yen, Overflow> {
        self.0.checked_add(other.0).map(Yen).ok_or(Overflow)
    }

    /// `self × quantity`.
    pub fn checked_mul(self, quantity: u64) -> Result<Yen, Overflow> {
        i64::try_from(quantity)
            .ok()
            .and_then(|q| self.0.checked_mul(q))
            .map(Yen)
            .ok_or(Overflow)
    }

    /// `percent`% of `self`, rounded down to the yen (a handling fee, not
    /// tax: tax is only ever [`tax`]).
    pub fn percent_floor(self, percent: u32) -> Result<Yen, Overflow> {
        let value = (i128::from(self.0) * i128::from(percent)).div_euclid(100);
        i64::try_from(value).map(Yen).map_err(|_| Overflow)
    }

    /// The sum of `amounts`, checked.
    pub fn sum(amounts: impl IntoIterator<Item = Yen>) -> Result<Yen, Overflow> {
        amounts
            .into_iter()
            .try_fold(Yen::ZERO, |acc, amount| acc.checked_add(amount))
    }
}

impl fmt::Display for Yen {
    /// `¥1,234,567`: yen sign and thousands separators, as on a Japanese quote.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let sign = if self.0 < 0 { "-" } else { "" };
        let grouped = group_thousands(self.0.unsigned_abs());
        f.pad(&format!("{sign}¥{grouped}"))
    }
}

/// 1234567 -> "1,234,567": the separators a Japanese document uses.
pub fn group_thousands(n: u64) -> String {
    let digits = n.to_string();
    let mut grouped = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, ch) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            grouped.push(',');
        }
        grouped.push(ch);
    }
    grouped
}

/// How the fraction of a yen in a tax amount is removed. The qualified-invoice
/// rules leave the direction to the issuer; `floor` (切り捨て) is the usual one.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, schemars::JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum Rounding {
    /// 切り捨て: drop the fraction.
    #[default]
    Floor,
    /// 切り上げ: any fraction makes one more yen.
    Ceil,
    /// 四捨五入: half a yen or more makes one more yen.
    HalfUp,
}

/// A consumption-tax rate in whole percent (10 is the standard rate, 8 the
/// reduced one).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct TaxRate(pub u32);

/// The consumption tax on `subtotal`, rounded once, as `rounding` says.
///
/// This is the only place in hoshu where tax is computed: call it once per
/// total (monthly, annual, one-time), never per line.
pub fn tax(subtotal: Yen, rate: TaxRate, rounding: Rounding) -> Result<Yen, Overflow> {
    hundredths_of(subtotal, rate.0.into(), rounding)
}

/// `amount` × `hundredths` / 100, rounded once as `rounding` says: a
/// percent of an amount, or an amount for hours given in hundredths.
pub fn hundredths_of(amount: Yen, hundredths: i64, rounding: Rounding) -> Result<Yen, Overflow> {
    // The product is exact in i128; only the final division rounds.
    let numerator = i128::from(amount.0) * i128::from(hundredths);
    let (quotient, remainder) = (numerator.div_euclid(100), numerator.rem_euclid(100));
    let rounded = match rounding {
        Rounding::Floor => quotient,
        Rounding::Ceil if remainder > 0 => quotient + 1,
        Rounding::Ceil => quotient,
        Rounding::HalfUp if remainder >= 50 => quotient + 1,
        Rounding::HalfUp => quotient,
    };
    i64::try_from(rounded).map(Yen).map_err(|_| Overflow)
}

/// A total as a Japanese quote states it: before tax (税抜), the tax, and
/// with tax (税込).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Totals {
    pub subtotal: Yen,
    pub tax: Yen,
    pub total: Yen,
}

/// Hours of work, to the hundredth (0.25 is a quarter of an hour).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Hours {
    hundredths: u32,
}

impl Hours {
    /// The most hours an estimate takes.
    pub const MAX: Hours = Hours {
        hundredths: 10_000 * 100,
    };

    pub fn from_hundredths(hundredths: u32) -> Hours {
        Hours { hundredths }
    }

    pub fn hundredths(self) -> u32 {
        self.hundredths
    }

    /// `1`, `1.5`, `0.25`, `2.` or `.5`: more than 0 and at most
    /// [`Hours::MAX`], at most two decimals; `None` for anything else.
    pub fn parse(text: &str) -> Option<Hours> {
        let text = text.trim();
        let (whole, fraction) = text.split_once('.').unwrap_or((text, ""));
        let digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
        if whole.is_empty() && fraction.is_empty()
            || !digits(whole)
            || !digits(fraction)
            || fraction.len() > 2
            || whole.len() > 5
        {
            return None;
        }
        let whole: u32 = if whole.is_empty() {
            0
        } else {
            whole.parse().ok()?
        };
        let fraction: u32 = format!("{fraction:0<2}").parse().ok()?;
        let hours = Hours {
            hundredths: whole.checked_mul(100)?.checked_add(fraction)?,
        };
        (hours.hundredths > 0 && hours <= Hours::MAX).then_some(hours)
    }

    /// Whether it is exactly one hour (a word in the singular).
    pub fn is_one(self) -> bool {
        self.hundredths == 100
    }
}

impl fmt::Display for Hours {
    /// `2`, `1.5`, `0.25`: as few decimals as the value needs.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (whole, fraction) = (self.hundredths / 100, self.hundredths % 100);
        match fraction {
            0 => write!(f, "{whole}"),
            n if n % 10 == 0 => write!(f, "{whole}.{}", n / 10),
            n => write!(f, "{whole}.{n:02}"),
        }
    }
}

impl Serialize for Hours {
    /// A JSON number: whole hours as an integer, as before decimals.
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        if self.hundredths.is_multiple_of(100) {
            s.serialize_u32(self.hundredths / 100)
        } else {
            // Hundredths are exact enough in binary for a shown number;
            // no amount is computed from it.
            s.serialize_f64(f64::from(self.hundredths) / 100.0)
        }
    }
}

impl schemars::JsonSchema for Hours {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Hours".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "type": "number",
            "exclusiveMinimum": 0,
            "description": "Hours of work, to the hundredth."
        })
    }
}

impl Totals {
    /// Two totals added, figure by figure.
    pub fn checked_add(self, other: Totals) -> Result<Totals, Overflow> {
        Ok(Totals {
            subtotal: self.subtotal.checked_add(other.subtotal)?,
            tax: self.tax.checked_add(other.tax)?,
            total: self.total.checked_add(other.total)?,
        })
    }

    /// Totals for `subtotal`, its tax rounded once.
    pub fn from_subtotal(
        subtotal: Yen,
        rate: TaxRate,
        rounding: Rounding,
    ) -> Result<Totals, Overflow> {
        let tax = tax(subtotal, rate, rounding)?;
        Ok(Totals {
            subtotal,
            tax,
            total: subtotal.checked_add(tax)?,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEN: TaxRate = TaxRate(10);

    #[test]
    fn tax_floor_drops_the_fraction() {
        assert_eq!(tax(Yen(12_345), TEN, Rounding::Floor), Ok(Yen(1_234)));
    }

    #[test]
    fn tax_ceil_adds_a_yen_for_any_fraction() {
        assert_eq!(tax(Yen(12_341), TEN, Rounding::Ceil), Ok(Yen(1_235)));
        assert_eq!(tax(Yen(12_340), TEN, Rounding::Ceil), Ok(Yen(1_234)));
    }

    #[test]
    fn tax_half_up_rounds_half_a_yen_up() {
        assert_eq!(tax(Yen(12_345), TEN, Rounding::HalfUp), Ok(Yen(1_235)));
        assert_eq!(tax(Yen(12_344), TEN, Rounding::HalfUp), Ok(Yen(1_234)));
    }

    #[test]
    fn tax_is_rounded_once_on_the_total_not_per_line() {
        // Three lines of 105 yen: per line 10 + 10 + 10 = 30, once on 315 = 31.
        let total = Yen::sum([Yen(105), Yen(105), Yen(105)]).unwrap();
        assert_eq!(tax(total, TEN, Rounding::Floor), Ok(Yen(31)));
    }

    #[test]
    fn tax_of_the_largest_amount_does_not_overflow_silently() {
        assert_eq!(
            tax(Yen(i64::MAX), TaxRate(10), Rounding::Floor),
            Ok(Yen(i64::MAX / 10))
        );
        assert_eq!(
            tax(Yen(i64::MAX), TaxRate(200), Rounding::Floor),
            Err(Overflow)
        );
    }

    #[test]
    fn checked_arithmetic_reports_overflow() {
        assert_eq!(Yen(i64::MAX).checked_add(Yen(1)), Err(Overflow));
        assert_eq!(Yen(10).checked_mul(u64::MAX), Err(Overflow));
        assert_eq!(Yen(15_000).checked_mul(2), Ok(Yen(30_000)));
    }

    #[test]
    fn yen_display_groups_thousands() {
        assert_eq!(Yen(0).to_string(), "¥0");
        assert_eq!(Yen(999).to_string(), "¥999");
        assert_eq!(Yen(1_000).to_string(), "¥1,000");
        assert_eq!(Yen(1_234_567).to_string(), "¥1,234,567");
        assert_eq!(Yen(-12_000).to_string(), "-¥12,000");
    }

    #[test]
    fn hours_read_to_the_hundredth_and_say_as_few_decimals_as_they_need() {
        let h = |t: &str| Hours::parse(t).map(|h| (h.hundredths(), h.to_string()));
        assert_eq!(h("3"), Some((300, "3".into())));
        assert_eq!(h("1.5"), Some((150, "1.5".into())));
        assert_eq!(h("0.25"), Some((25, "0.25".into())));
        assert_eq!(h(".5"), Some((50, "0.5".into())));
        assert_eq!(h("2."), Some((200, "2".into())));
        assert_eq!(h("10000"), Some((1_000_000, "10000".into())));
        for bad in [
            "0", "0.00", "-1", "1.333", "1,5", "", ".", "10000.01", "1e3", "abc",
        ] {
            assert_eq!(Hours::parse(bad), None, "{bad}");
        }
    }

    #[test]
    fn an_amount_for_hundredths_is_rounded_once_by_the_rounding() {
        // 0.25 h of ¥8,333: ¥2,083.25.
        let amount = |r| hundredths_of(Yen(8_333), 25, r);
        assert_eq!(amount(Rounding::Floor), Ok(Yen(2_083)));
        assert_eq!(amount(Rounding::Ceil), Ok(Yen(2_084)));
        assert_eq!(amount(Rounding::HalfUp), Ok(Yen(2_083)));
        assert_eq!(
            hundredths_of(Yen(8_333), 150, Rounding::HalfUp),
            Ok(Yen(12_500))
        );
    }
}
