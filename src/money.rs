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
    // The product is exact in i128; only the final division rounds.
    let numerator = i128::from(subtotal.0) * i128::from(rate.0);
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
}
