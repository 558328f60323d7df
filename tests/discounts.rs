//! Discounts (値引き, `[[quote.discounts]]`): taken before tax from the
//! period they apply to, shown as negative lines, taxed once on what is
//! left, and carried through JSON, diff, compare and every document.

use hoshu::diff::{SavedError, SavedProblem, Side};
use hoshu::money::Yen;
use hoshu::quote::{QuoteError, Recurrence};
use hoshu::rates::RateCard;
use hoshu::vocab::DiscountOn;
use proptest::prelude::*;

use crate::support::*;

/// Monthly lines 29,734 (tier 3,000, mail 1,234 + handling, plan 25,000),
/// yearly 3,500, one-time 600,000 (take-over): figures that do not divide.
const BASE: &str = "name = \"t\"\ncustomer = \"c\"\nlast_maintained = 2020-01-07\n\
[[services]]\nkind = \"mail\"\nname = \"m\"\ncost = 1234\nper = \"month\"\n\
[[services]]\nkind = \"domain\"\nname = \"d\"\ncost = 3000\nper = \"year\"\n";

fn discount(label: &str, what: &str, on: &str) -> String {
    format!("[[quote.discounts]]\nlabel = \"{label}\"\n{what}\napplies_to = \"{on}\"\n")
}

fn quote_with(discounts: &str) -> Result<hoshu::quote::Quote, QuoteError> {
    hoshu::quote::quote(
        &system(&format!("{BASE}{discounts}")),
        &RateCard::default_card(),
        "standard",
        today(),
    )
}

#[test]
fn without_discounts_the_base_is_as_documented() {
    let q = quote_with("").unwrap();
    assert_eq!(q.monthly.subtotal, Yen(29_734));
    assert_eq!(q.annual.subtotal, Yen(360_308));
    assert_eq!(q.one_time.subtotal, Yen(600_000));
    assert!(q.discounts.is_empty());
}

#[test]
fn a_monthly_percent_is_rounded_down_and_taxed_once_on_what_is_left() {
    let q = quote_with(&discount("長期契約割引", "percent = 7", "monthly")).unwrap();
    let d = &q.discounts[0];
    // 7% of 29,734 is 2,081.38: the customer gets 2,081 off.
    assert_eq!(
        (d.base, d.amount, d.percent),
        (Yen(29_734), Yen(-2_081), Some(7))
    );
    assert_eq!(d.recurrence, Recurrence::Monthly);
    assert_eq!(d.key, "discount/長期契約割引");
    assert_eq!(
        (q.monthly.subtotal, q.monthly.tax, q.monthly.total),
        (Yen(27_653), Yen(2_765), Yen(30_418))
    );
    // The year is 12 discounted months and the yearly lines.
    assert_eq!(q.annual.subtotal, Yen(12 * 27_653 + 3_500));
    assert_eq!(q.annual.tax, Yen(33_533));
    assert_eq!(q.one_time.subtotal, Yen(600_000));
}

#[test]
fn an_annual_discount_is_taken_once_a_year_and_leaves_the_month_alone() {
    let q = quote_with(&discount("年間一括割引", "percent = 10", "annual")).unwrap();
    let d = &q.discounts[0];
    // 10% of 12 × 29,734 + 3,500 = 360,308 is 36,030.8.
    assert_eq!((d.base, d.amount), (Yen(360_308), Yen(-36_030)));
    assert_eq!(d.recurrence, Recurrence::Yearly);
    assert_eq!(q.monthly.subtotal, Yen(29_734));
    assert_eq!(q.annual.subtotal, Yen(324_278));
    assert_eq!(q.annual.tax, Yen(32_427));
}

#[test]
fn a_fixed_one_time_discount_and_the_first_year_add_up() {
    let q = quote_with(&discount("出精値引き", "amount = 100000", "one_time")).unwrap();
    assert_eq!(q.discounts[0].amount, Yen(-100_000));
    assert_eq!(q.discounts[0].percent, None);
    assert_eq!(q.one_time.subtotal, Yen(500_000));
    assert_eq!(q.one_time.tax, Yen(50_000));
    assert_eq!(
        q.first_year.subtotal,
        Yen(q.annual.subtotal.0 + q.one_time.subtotal.0)
    );
}

#[test]
fn a_repeated_label_keeps_apart_in_its_key() {
    let q = quote_with(&format!(
        "{}{}",
        discount("値引き", "amount = 1000", "monthly"),
        discount("値引き", "amount = 500", "monthly")
    ))
    .unwrap();
    let keys: Vec<&str> = q.discounts.iter().map(|d| d.key.as_str()).collect();
    assert_eq!(keys, ["discount/値引き", "discount/値引き#2"]);
    assert_eq!(q.monthly.subtotal, Yen(29_734 - 1_500));
}

#[test]
fn percents_are_of_the_lines_before_any_discount_not_compounded() {
    let q = quote_with(&format!(
        "{}{}",
        discount("a", "percent = 10", "monthly"),
        discount("b", "percent = 10", "monthly")
    ))
    .unwrap();
    assert_eq!(q.discounts[0].amount, Yen(-2_973));
    assert_eq!(q.discounts[1].amount, Yen(-2_973));
    assert_eq!(q.monthly.subtotal, Yen(29_734 - 2 * 2_973));
}

#[test]
fn discounts_that_take_more_than_a_period_has_are_refused_naming_the_one() {
    let e = quote_with(&format!(
        "{}{}",
        discount("a", "amount = 20000", "monthly"),
        discount("b", "amount = 10000", "monthly")
    ))
    .unwrap_err();
    assert_eq!(
        e,
        QuoteError::DiscountExceeds {
            index: 1,
            label: "b".into(),
            applies_to: DiscountOn::Monthly,
            discounts: Yen(30_000),
            lines: Yen(29_734),
        }
    );
    // All of a month is allowed: the subtotal is zero, not below.
    let q = quote_with(&discount("all", "percent = 100", "monthly")).unwrap();
    assert_eq!(q.monthly.subtotal, Yen(0));
    // An annual discount after a monthly one: the year would fall below
    // zero although each is within its own period.
    let e = quote_with(&format!(
        "{}{}",
        discount("year", "amount = 360000", "annual"),
        discount("month", "amount = 1000", "monthly")
    ))
    .unwrap_err();
    assert!(
        matches!(
            e,
            QuoteError::DiscountExceeds {
                index: 1,
                applies_to: DiscountOn::Annual,
                ..
            }
        ),
        "{e:?}"
    );
    // No one-time work: nothing to take a one-time discount from.
    let e = hoshu::quote::quote(
        &system(&format!(
            "name = \"t\"\n{}",
            discount("x", "amount = 1", "one_time")
        )),
        &RateCard::default_card(),
        "standard",
        today(),
    )
    .unwrap_err();
    assert!(matches!(e, QuoteError::DiscountExceeds { index: 0, .. }));
}

#[test]
fn a_discount_too_large_exits_2_naming_the_key_in_both_languages() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("s.toml");
    std::fs::write(
        &path,
        format!(
            "{BASE}{}",
            discount("出精値引き", "amount = 700000", "one_time")
        ),
    )
    .unwrap();
    let out = hoshu().arg("quote").arg(&path).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(
        err.contains("`quote.discounts[0]` (`出精値引き`) takes ¥700,000"),
        "{err}"
    );
    assert!(
        err.contains("one-time subtotal, which is ¥600,000"),
        "{err}"
    );
    let out = hoshu()
        .args(["quote", "--lang", "ja", "--format", "json"])
        .arg(&path)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let doc: serde_json::Value = serde_json::from_slice(&out.stderr).unwrap();
    assert_eq!(doc["errors"][0]["code"], "discount-exceeds");
    assert_eq!(doc["errors"][0]["key"], "quote.discounts[0]");
    let message = doc["errors"][0]["message"].as_str().unwrap();
    assert!(
        message.contains("合計700,000円で、一時費用の小計600,000円を超えます"),
        "{message}"
    );
}

#[test]
fn a_discount_must_be_an_amount_or_a_percent_said_at_its_key() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("s.toml");
    for (what, needle) in [
        (
            "amount = 1000\npercent = 5",
            "`quote.discounts[0]` gives both `amount` and `percent`",
        ),
        (
            "",
            "`quote.discounts[0]` needs `amount` (yen off) or `percent`",
        ),
        ("percent = 0", "a whole percent from 1 to 100"),
        ("percent = 101", "a whole percent from 1 to 100"),
        ("amount = 0", "1 or more"),
        ("amount = -5", "1 or more"),
    ] {
        std::fs::write(&path, format!("{BASE}{}", discount("x", what, "monthly"))).unwrap();
        let out = hoshu().arg("check").arg(&path).output().unwrap();
        assert_eq!(out.status.code(), Some(2), "{what}");
        let err = String::from_utf8(out.stderr).unwrap();
        assert!(err.contains(needle), "{what}: {err}");
    }
    std::fs::write(
        &path,
        format!("{BASE}{}", discount("x", "amount = 1", "weekly")),
    )
    .unwrap();
    let out = hoshu().arg("check").arg(&path).output().unwrap();
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(
        err.contains("monthly") && err.contains("annual") && err.contains("one_time"),
        "{err}"
    );
    std::fs::write(
        &path,
        format!("{BASE}{}", discount(" ", "amount = 1", "monthly")),
    )
    .unwrap();
    let out = hoshu().arg("check").arg(&path).output().unwrap();
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(err.contains("quote.discounts[0].label"), "{err}");
}

#[test]
fn a_quote_without_discounts_keeps_its_number() {
    // Discounts are left out of the canonical form when there are none:
    // a [quote] table without them numbers the quote as before.
    let plain = quote_with("").unwrap();
    let terms = quote_with("[quote]\nsubject = \"s\"\n").unwrap();
    let discounted = quote_with(&discount("x", "amount = 1", "monthly")).unwrap();
    assert_ne!(plain.quote_id, discounted.quote_id);
    assert_ne!(terms.quote_id, discounted.quote_id);
    let text = std::fs::read_to_string("examples/sakura-shop.toml").unwrap();
    let q = hoshu::quote::quote(
        &system(&text),
        &RateCard::default_card(),
        "standard",
        d("2026-11-28"),
    )
    .unwrap();
    assert!(q.discounts.is_empty());
}

#[test]
fn json_carries_the_discounts_and_a_saved_quote_is_checked_with_them() {
    let q = quote_with(&format!(
        "{}{}{}",
        discount("長期契約割引", "percent = 7", "monthly"),
        discount("年間一括割引", "percent = 10", "annual"),
        discount("出精値引き", "amount = 100000", "one_time")
    ))
    .unwrap();
    let text = hoshu::render::quote::json(&q, hoshu::lang::Lang::Ja);
    let doc: serde_json::Value = serde_json::from_str(&text).unwrap();
    let d = &doc["discounts"];
    assert_eq!(d.as_array().unwrap().len(), 3);
    assert_eq!(d[0]["amount"], -2_081);
    assert_eq!(d[0]["base"], 29_734);
    assert_eq!(d[0]["percent"], 7);
    assert_eq!(d[0]["applies_to"], "monthly");
    assert_eq!(d[1]["recurrence"], "yearly");
    assert_eq!(d[2]["percent"], serde_json::Value::Null);
    assert!(d[0]["why"].as_str().unwrap().contains("7%"));
    // Each subtotal is its lines and its discounts.
    for (name, recurrence) in [("monthly", "monthly"), ("one_time", "one_time")] {
        let sum: i64 = doc["lines"]
            .as_array()
            .unwrap()
            .iter()
            .chain(d.as_array().unwrap())
            .filter(|l| l["recurrence"] == recurrence)
            .map(|l| l["amount"].as_i64().unwrap())
            .sum();
        assert_eq!(doc[name]["subtotal"].as_i64().unwrap(), sum, "{name}");
    }
    // Read back as hoshu wrote it.
    let side = Side::from_json("q.json", &text).unwrap();
    assert!(side.lines.iter().any(|l| l.key == "discount/出精値引き"));

    // Edited: each figure is re-derived, not trusted.
    let edit = |path: &[&str], value: serde_json::Value| {
        let mut doc = doc.clone();
        let mut at = &mut doc;
        for step in path {
            at = match step.parse::<usize>() {
                Ok(i) => &mut at[i],
                Err(_) => &mut at[*step],
            };
        }
        *at = value;
        Side::from_json("q.json", &doc.to_string()).unwrap_err()
    };
    let figure = |e: SavedError| match e {
        SavedError::Figure { field, problem, .. } => (field, problem),
        other => panic!("{other:?}"),
    };
    assert_eq!(
        figure(edit(&["discounts", "0", "amount"], (-3_000).into())),
        (
            "discounts[0].amount".into(),
            SavedProblem::DiscountFigure {
                stated: Yen(-3_000),
                derived: Some(Yen(-2_081))
            }
        )
    );
    assert_eq!(
        figure(edit(&["discounts", "1", "base"], 1.into())).0,
        "discounts[1].base"
    );
    assert_eq!(
        figure(edit(&["discounts", "2", "amount"], 100_000.into())),
        (
            "discounts[2].amount".into(),
            SavedProblem::DiscountAboveZero(Yen(100_000))
        )
    );
    assert_eq!(
        figure(edit(&["discounts", "0", "percent"], 0.into())),
        (
            "discounts[0].percent".into(),
            SavedProblem::DiscountPercent(0)
        )
    );
    assert_eq!(
        figure(edit(&["discounts", "1", "recurrence"], "monthly".into())).0,
        "discounts[1].recurrence"
    );
    assert_eq!(
        figure(edit(
            &["discounts", "2", "key"],
            "discount/長期契約割引".into()
        ))
        .0,
        "discounts[2].key"
    );
    // A fixed discount changed with the totals left alone: the totals say.
    assert_eq!(
        figure(edit(&["discounts", "2", "amount"], (-1).into())).0,
        "one_time.subtotal"
    );
    // Dropped from the saved quote: the totals no longer add up.
    assert_eq!(
        figure(edit(&["discounts"], serde_json::json!([]))).0,
        "monthly.subtotal"
    );
}

#[test]
fn diff_shows_a_discount_added() {
    let dir = tempfile::tempdir().unwrap();
    let (old, new) = (dir.path().join("old.toml"), dir.path().join("new.toml"));
    std::fs::write(&old, BASE).unwrap();
    std::fs::write(
        &new,
        format!(
            "{BASE}{}",
            discount("出精値引き", "amount = 2000", "monthly")
        ),
    )
    .unwrap();
    let out = hoshu()
        .args(["diff", "--format", "json"])
        .arg(&old)
        .arg(&new)
        .output()
        .unwrap();
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let change = doc["changes"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["key"] == "discount/出精値引き")
        .unwrap_or_else(|| panic!("{doc}"));
    assert_eq!(change["kind"], "added");
    assert_eq!(change["difference"], -2_000);
    assert_eq!(doc["monthly"]["difference"], -2_000);
    let out = hoshu().arg("diff").arg(&old).arg(&new).output().unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("出精値引き"), "{text}");
}

#[test]
fn compare_takes_each_plans_discounts_and_shows_them() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("s.toml");
    std::fs::write(
        &path,
        format!(
            "{BASE}{}",
            discount("長期契約割引", "percent = 10", "monthly")
        ),
    )
    .unwrap();
    let out = hoshu()
        .args(["compare", "--format", "json"])
        .arg(&path)
        .output()
        .unwrap();
    assert!(out.status.success());
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    for column in doc["columns"].as_array().unwrap() {
        let plan = column["plan"].as_str().unwrap();
        let q = hoshu::quote::quote(
            &system(&std::fs::read_to_string(&path).unwrap()),
            &RateCard::default_card(),
            plan,
            today(),
        )
        .unwrap();
        assert_eq!(column["discounts"][0]["amount"], q.discounts[0].amount.0);
        assert_eq!(column["monthly"]["subtotal"], q.monthly.subtotal.0);
    }
    for (lang, row) in [
        (
            "en",
            "| Discounts, first year (before tax) | -¥17,676 | -¥35,676 | -¥65,676 |",
        ),
        (
            "ja",
            "| 値引き（初年度・税抜） | -¥17,676 | -¥35,676 | -¥65,676 |",
        ),
    ] {
        let out = hoshu()
            .args(["compare", "--format", "markdown", "--lang", lang])
            .arg(&path)
            .output()
            .unwrap();
        let text = String::from_utf8(out.stdout).unwrap();
        assert!(text.contains(row), "{text}");
    }
    // Without discounts the row is not there.
    std::fs::write(&path, BASE).unwrap();
    let out = hoshu().arg("compare").arg(&path).output().unwrap();
    assert!(!String::from_utf8(out.stdout).unwrap().contains("Discounts"));
}

#[test]
fn every_document_shows_the_discount_as_a_negative_line() {
    let toml = format!(
        "{BASE}{}",
        discount("出精値引き <b>", "amount = 100000", "one_time")
    );
    let system = system(&toml);
    let render = |lang, format| {
        String::from_utf8(render_quote(&system, "standard", lang, format).1).unwrap()
    };
    use hoshu::render::quote::Format;
    for lang in hoshu::lang::Lang::ALL {
        let html = render(lang, Format::Html);
        assert!(html.contains("出精値引き &lt;b&gt;"), "escaped");
        assert!(html.contains("-¥100,000"), "{lang:?}");
        let csv = render(lang, Format::Csv);
        assert!(csv.contains("discount/出精値引き <b>"), "{csv}");
        assert!(csv.contains(",-100000,"), "{csv}");
        let md = render(lang, Format::Markdown);
        assert!(md.contains("-¥100,000"), "{md}");
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(128))]

    /// Whatever the discounts, every subtotal is its lines and its
    /// discounts, no subtotal is below zero, tax is the one tax function
    /// on each subtotal, and the saved JSON reads back.
    #[test]
    fn every_total_is_the_sum_of_its_lines_and_discounts(
        terms in proptest::collection::vec(
            (0usize..3, any::<bool>(), 1u64..400_000, 1u32..=100),
            0..5,
        )
    ) {
        let toml: String = terms
            .iter()
            .enumerate()
            .map(|(i, (on, fixed, amount, percent))| {
                let what = if *fixed {
                    format!("amount = {amount}")
                } else {
                    format!("percent = {percent}")
                };
                discount(&format!("d{i}"), &what, ["monthly", "annual", "one_time"][*on])
            })
            .collect();
        let card = RateCard::default_card();
        match quote_with(&toml) {
            Err(QuoteError::DiscountExceeds { .. }) => {}
            Err(e) => prop_assert!(false, "{e:?}"),
            Ok(q) => {
                let sum = |r: Recurrence| -> i64 {
                    q.lines
                        .iter()
                        .filter(|l| l.recurrence == r)
                        .map(|l| l.amount.0)
                        .chain(q.discounts.iter().filter(|d| d.recurrence == r).map(|d| d.amount.0))
                        .sum()
                };
                prop_assert_eq!(q.monthly.subtotal.0, sum(Recurrence::Monthly));
                prop_assert_eq!(
                    q.annual.subtotal.0,
                    12 * sum(Recurrence::Monthly) + sum(Recurrence::Yearly)
                );
                prop_assert_eq!(q.one_time.subtotal.0, sum(Recurrence::OneTime));
                for t in [q.monthly, q.annual, q.one_time, q.first_year] {
                    prop_assert!(t.subtotal.0 >= 0);
                    prop_assert_eq!(t.total.0, t.subtotal.0 + t.tax.0);
                }
                for t in [q.monthly, q.annual, q.one_time] {
                    prop_assert_eq!(
                        t.tax,
                        hoshu::money::tax(t.subtotal, card.tax.rate_percent, card.tax.rounding).unwrap()
                    );
                }
                for d in &q.discounts {
                    prop_assert!(d.amount.0 <= 0);
                }
                let text = hoshu::render::quote::json(&q, hoshu::lang::Lang::En);
                prop_assert!(Side::from_json("q.json", &text).is_ok());
            }
        }
    }
}
