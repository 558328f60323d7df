//! Each seed rule of the quote (DOMAIN.md "Cost factors"), a test named after it,
//! and the invariants every quote keeps.

use hoshu::money::Yen;
use hoshu::quote::{Band, Factor, Recurrence, Why};
use hoshu::rates::RateCard;
use hoshu::vocab::GapFrom;
use proptest::prelude::*;

use crate::support::*;

const BASE: &str = "name = \"t\"\n";

fn with(extra: &str) -> String {
    format!("{BASE}{extra}")
}

fn access_amount(daily: u64, peak: Option<u64>) -> i64 {
    let peak = peak.map_or(String::new(), |p| format!("peak_per_minute = {p}\n"));
    let q = quote_toml(&with(&format!("[traffic]\ndaily_visits = {daily}\n{peak}")));
    factor_total(&q, Factor::Access)
}

#[test]
fn rule_01_traffic_tiers_from_daily_visits_and_peak() {
    // The default card: low 3,000; medium 15,000; high 50,000; very high 120,000.
    assert_eq!(access_amount(100, None), 3_000);
    assert_eq!(access_amount(1_000, Some(60)), 3_000);
    assert_eq!(
        access_amount(1_001, None),
        15_000,
        "daily visits move the tier"
    );
    assert_eq!(
        access_amount(100, Some(1_000)),
        50_000,
        "100 a day but 1,000 a minute is a different setup"
    );
    assert_eq!(access_amount(200_000, None), 120_000);
}

#[test]
fn rule_01_no_traffic_table_is_low_traffic() {
    let q = quote_toml(BASE);
    assert_eq!(factor_total(&q, Factor::Access), 3_000);
    assert!(matches!(
        q.lines[0].why,
        Why::AccessTier {
            daily_visits: None,
            ..
        }
    ));
}

#[test]
fn rule_01_business_critical_adds_standby_and_data_sync() {
    let plain = quote_toml(&with("[traffic]\ndaily_visits = 3000\n"));
    let critical = quote_toml(&with(
        "[traffic]\ndaily_visits = 3000\nbusiness_critical = true\n",
    ));
    assert!(lines_where(&plain, |w| matches!(w, Why::Standby | Why::DataSync)).is_empty());
    let standby = lines_where(&critical, |w| matches!(w, Why::Standby));
    let sync = lines_where(&critical, |w| matches!(w, Why::DataSync));
    assert_eq!((standby.len(), standby[0].amount), (1, Yen(50_000)));
    assert_eq!((sync.len(), sync[0].amount), (1, Yen(30_000)));
    assert_eq!(
        factor_total(&critical, Factor::Access) - factor_total(&plain, Factor::Access),
        80_000
    );
}

fn servers(count: u32, linked: bool) -> i64 {
    let q = quote_toml(&with(&format!(
        "[[servers]]\nrole = \"web\"\ncount = {count}\nlinked = {linked}\n"
    )));
    factor_total(&q, Factor::Servers)
}

#[test]
fn rule_02_unlinked_identical_servers_cost_exactly_n_times_one() {
    let one = servers(1, false);
    assert_eq!(one, 10_000);
    for n in [2, 3, 10] {
        assert_eq!(servers(n, false), i64::from(n) * one);
    }
}

#[test]
fn rule_02_linked_servers_add_a_linkage_line() {
    let q = quote_toml(&with(
        "[[servers]]\nrole = \"web\"\ncount = 2\nlinked = true\n",
    ));
    let linkage = lines_where(&q, |w| matches!(w, Why::ServerLinkage { .. }));
    assert_eq!(linkage.len(), 1);
    assert_eq!(
        (
            linkage[0].quantity,
            linkage[0].unit_price,
            linkage[0].amount
        ),
        (2, Yen(5_000), Yen(10_000))
    );
    assert_eq!(servers(2, true), servers(2, false) + 10_000);
}

#[test]
fn rule_03_every_site_costs_also_on_a_shared_server() {
    let one = quote_toml(&with(
        "[[servers]]\nrole = \"web\"\ncount = 1\n[[sites]]\nname = \"a\"\npages = 20\n",
    ));
    let two = quote_toml(&with(
        "[[servers]]\nrole = \"web\"\ncount = 1\n[[sites]]\nname = \"a\"\npages = 20\n[[sites]]\nname = \"b\"\npages = 20\n",
    ));
    assert_eq!(factor_total(&one, Factor::Sites), 5_000);
    assert_eq!(
        factor_total(&two, Factor::Sites),
        10_000,
        "two sites on one server cost two sites"
    );
    assert_eq!(
        factor_total(&one, Factor::Servers),
        factor_total(&two, Factor::Servers)
    );
}

fn site(pages: u32) -> i64 {
    factor_total(
        &quote_toml(&with(&format!(
            "[[sites]]\nname = \"a\"\npages = {pages}\n"
        ))),
        Factor::Sites,
    )
}

#[test]
fn rule_03_the_size_changes_the_price() {
    assert_eq!(site(1), 3_000);
    assert_eq!(site(10), 3_000);
    assert_eq!(site(11), 5_000);
    assert_eq!(site(200), 12_000);
    assert_eq!(site(1_000), 25_000);
    assert_eq!(site(1_001), 50_000);
}

#[test]
fn rule_04_every_web_system_adds_cost_by_kind_and_complexity() {
    let ws = |kind: &str, c: &str| {
        let q = quote_toml(&with(&format!(
            "[[web_systems]]\nname = \"x\"\nkind = \"{kind}\"\ncomplexity = \"{c}\"\n"
        )));
        factor_total(&q, Factor::WebSystems)
    };
    assert_eq!(ws("ec", "medium"), 50_000);
    assert_eq!(ws("reservation", "high"), 70_000);
    assert_eq!(ws("cms", "low"), 10_000);
    for kind in ["ec", "reservation", "crm", "cms", "other"] {
        assert!(
            ws(kind, "low") <= ws(kind, "medium") && ws(kind, "medium") <= ws(kind, "high"),
            "{kind}"
        );
    }
    let two = quote_toml(&with(
        "[[web_systems]]\nname = \"a\"\nkind = \"ec\"\ncomplexity = \"low\"\n[[web_systems]]\nname = \"b\"\nkind = \"crm\"\ncomplexity = \"low\"\n",
    ));
    assert_eq!(factor_total(&two, Factor::WebSystems), 30_000 + 20_000);
}

fn payments(toml: &str) -> hoshu::quote::Quote {
    quote_toml(&with(&format!("[payments]\n{toml}")))
}

#[test]
fn rule_05_credit_payment_adds_integration_and_irregular_operations() {
    let q = payments("credit_card = true\n");
    let integration = lines_where(&q, |w| matches!(w, Why::CreditCardIntegration { .. }));
    let irregular = lines_where(&q, |w| matches!(w, Why::CreditCardIrregularOperations));
    assert_eq!(
        (integration[0].quantity, integration[0].amount),
        (1, Yen(20_000))
    );
    assert_eq!(irregular[0].amount, Yen(30_000));
    assert_eq!(factor_total(&q, Factor::Payments), 50_000);
}

#[test]
fn rule_05_convenience_store_payment_adds_more_on_top() {
    let credit = factor_total(&payments("credit_card = true\n"), Factor::Payments);
    let both = factor_total(
        &payments("credit_card = true\nconvenience_store = true\n"),
        Factor::Payments,
    );
    assert_eq!(both - credit, 15_000 + 20_000);
}

#[test]
fn rule_05_each_provider_counts() {
    let one = factor_total(
        &payments(
            "credit_card = true\nconvenience_store = true\ncredit_card_providers = 1\nconvenience_store_providers = 1\n",
        ),
        Factor::Payments,
    );
    let three = factor_total(
        &payments(
            "credit_card = true\nconvenience_store = true\ncredit_card_providers = 3\nconvenience_store_providers = 3\n",
        ),
        Factor::Payments,
    );
    assert_eq!(three - one, 2 * (20_000 + 15_000));
}

#[test]
fn rule_05_providers_count_per_method() {
    // One card company and two store agents: described, and priced apart.
    let q = payments(
        "credit_card = true\nconvenience_store = true\ncredit_card_providers = 1\nconvenience_store_providers = 2\n",
    );
    let integration = |pick: fn(&Why) -> bool| lines_where(&q, pick)[0].quantity;
    assert_eq!(
        integration(|w| matches!(w, Why::CreditCardIntegration { .. })),
        1
    );
    assert_eq!(
        integration(|w| matches!(w, Why::ConvenienceStoreIntegration { .. })),
        2
    );
    assert_eq!(
        factor_total(&q, Factor::Payments),
        20_000 + 30_000 + 2 * 15_000 + 20_000
    );
}

#[test]
fn rule_05_the_old_providers_key_is_refused_naming_its_replacements() {
    let e = hoshu::system::System::from_toml(
        "name = \"x\"\n[payments]\ncredit_card = true\nproviders = 2\n",
        "s.toml",
    )
    .unwrap_err()
    .to_string();
    assert!(
        e.contains("  --> s.toml:4:1")
            && e.starts_with("`payments.providers`")
            && e.contains("give credit_card_providers and convenience_store_providers instead"),
        "{e}"
    );
}

#[test]
fn rule_05_no_payment_function_costs_nothing() {
    assert_eq!(
        factor_total(&payments("credit_card = false\n"), Factor::Payments),
        0
    );
}

fn app(platform: &str, versions: u32) -> i64 {
    let q = quote_toml(&with(&format!(
        "[[apps]]\nname = \"a\"\nplatform = \"{platform}\"\nsupported_os_versions = {versions}\n"
    )));
    factor_total(&q, Factor::Apps)
}

#[test]
fn rule_06_every_app_platform_costs() {
    assert_eq!(app("ios", 1), 50_000);
    assert_eq!(app("android", 1), 70_000);
    let both = quote_toml(&with(
        "[[apps]]\nname = \"a\"\nplatform = \"ios\"\n[[apps]]\nname = \"a\"\nplatform = \"android\"\n",
    ));
    assert_eq!(factor_total(&both, Factor::Apps), 120_000);
}

#[test]
fn rule_06_android_costs_more_than_ios_for_the_same_app() {
    for versions in 1..=5 {
        assert!(
            app("android", versions) > app("ios", versions),
            "{versions} versions"
        );
    }
}

#[test]
fn rule_06_each_extra_supported_os_version_adds_cost() {
    assert_eq!(app("ios", 2) - app("ios", 1), 10_000);
    assert_eq!(app("android", 4) - app("android", 1), 3 * 15_000);
}

#[test]
fn rule_plan_fee_is_its_own_line_and_plans_rise_in_price() {
    let fee = |plan| factor_total(&quote_plan(BASE, plan), Factor::Plan);
    assert_eq!(
        (fee("operation"), fee("standard"), fee("full")),
        (10_000, 25_000, 50_000)
    );
}

#[test]
fn rule_development_cost_states_annual_maintenance_as_a_percent() {
    let q = quote_toml(&with("development_cost = 1000000\n"));
    // Monthly: low traffic 3,000 + standard 25,000 = 28,000; annual 336,000 = 33.60%.
    let d = q.development.unwrap();
    assert_eq!(
        (d.annual, d.basis_points, d.band),
        (Yen(336_000), 3_360, Band::Above)
    );
    let q = quote_toml(&with("development_cost = 3360000\n"));
    assert_eq!(q.development.unwrap().band, Band::Within);
    assert_eq!(quote_toml(BASE).development, None);
}

#[test]
fn rule_services_are_passed_on_at_cost_plus_handling() {
    let q = quote_toml(
        "name = \"x\"\n[[services]]\nkind = \"ssl\"\nname = \"cert\"\ncost = 20000\nper = \"year\"\n[[services]]\nkind = \"mail\"\nname = \"mail\"\ncost = 1200\nper = \"month\"\n",
    );
    let services = lines_where(&q, |w| matches!(w, Why::Service { .. }));
    // 10% handling, at least 500: 20,000 + 2,000 a year; 1,200 + 500 a month.
    assert_eq!(
        services
            .iter()
            .map(|l| (l.amount.0, l.recurrence))
            .collect::<Vec<_>>(),
        [(22_000, Recurrence::Yearly), (1_700, Recurrence::Monthly)]
    );
    assert!(
        services
            .iter()
            .all(|l| l.factor == Factor::Services && l.work.is_none())
    );
    // The yearly one is in the annual total, not the monthly one.
    let base = quote_toml("name = \"x\"\n");
    assert_eq!(q.monthly.subtotal.0 - base.monthly.subtotal.0, 1_700);
    assert_eq!(
        q.annual.subtotal.0 - base.annual.subtotal.0,
        12 * 1_700 + 22_000
    );
    // Charged under every plan: the firm pays for them whatever the plan.
    assert!(
        lines_where(&quote_plan(
            "name = \"x\"\n[[services]]\nkind = \"domain\"\nname = \"d\"\ncost = 3000\nper = \"year\"\n",
            "operation"
        ), |w| matches!(w, Why::Service { .. }))
        .len()
            == 1
    );
}

#[test]
fn rule_takeover_counts_from_the_latest_of_last_maintained_previous_end_and_delivery() {
    let takeover = |extra: &str| {
        let q = quote_toml(&format!("name = \"x\"\n{extra}"));
        lines_where(&q, |w| matches!(w, Why::Takeover { .. }))
            .first()
            .map(|l| (l.quantity, l.why.clone()))
    };
    // Delivered in 2024: not six years unmaintained, but the months since
    // the delivery (2024-06-01 to 2026-11-28: 29 full months, 2 years).
    let from_delivery =
        takeover("last_maintained = 2020-01-01\n[delivery]\ndate = 2024-06-01\n").unwrap();
    assert_eq!(from_delivery.0, 2);
    assert!(matches!(
        from_delivery.1,
        Why::Takeover {
            months_unmaintained: 29,
            ..
        }
    ));
    // An earlier contract that ended last month: maintained until then.
    assert_eq!(
        takeover("last_maintained = 2020-01-01\n[maintenance]\nprevious_end = 2026-10-31\n"),
        None
    );
    // The previous contract alone is enough to count from.
    let from_contract = takeover("[maintenance]\nprevious_end = 2023-11-27\n").unwrap();
    assert_eq!(from_contract.0, 3);
    // Never maintained since the delivery: counted from it, and said so.
    let never = takeover("[delivery]\ndate = 2020-01-10\n").unwrap();
    assert_eq!(never.0, 6);
    assert!(matches!(
        never.1,
        Why::Takeover {
            counted_from: GapFrom::Delivery,
            ..
        }
    ));
    // A contract in force maintains the system: no take-over.
    assert_eq!(
        takeover("[delivery]\ndate = 2020-01-10\n[maintenance]\nplan = \"standard\"\n"),
        None
    );
    // A contract whose end has passed: counted from its end.
    let ended = takeover(
        "[delivery]\ndate = 2020-01-10\n[maintenance]\nplan = \"standard\"\nend = 2024-06-30\n",
    )
    .unwrap();
    assert!(matches!(
        ended.1,
        Why::Takeover {
            counted_from: GapFrom::ContractEnd,
            months_unmaintained: 28,
            ..
        }
    ));
    // last_maintained later than that end: counted from last_maintained.
    let later = takeover(
        "last_maintained = 2025-01-31\n[delivery]\ndate = 2020-01-10\n[maintenance]\nplan = \"standard\"\nend = 2024-06-30\n",
    )
    .unwrap();
    assert!(matches!(
        later.1,
        Why::Takeover {
            counted_from: GapFrom::LastMaintained,
            ..
        }
    ));
}

#[test]
fn rule_last_maintained_over_12_months_adds_a_one_time_takeover() {
    // The quote date is 2026-11-28; 12 months from 2025-11-27 end on 2026-11-27.
    let recent = quote_toml(&with("last_maintained = 2025-11-28\n"));
    assert!(lines_where(&recent, |w| matches!(w, Why::Takeover { .. })).is_empty());
    assert_eq!(recent.one_time.subtotal, Yen(0));

    let stale = quote_toml(&with("last_maintained = 2025-11-27\n"));
    let takeover = lines_where(&stale, |w| matches!(w, Why::Takeover { .. }));
    assert_eq!(takeover.len(), 1);
    assert_eq!(takeover[0].recurrence, Recurrence::OneTime);
    assert_eq!(stale.one_time.subtotal, Yen(100_000));
    assert_eq!(stale.one_time.tax, Yen(10_000));
    assert_eq!(
        stale.monthly, recent.monthly,
        "one-time work is not in the monthly total"
    );

    let years = quote_toml(&with("last_maintained = 2022-03-31\n"));
    assert_eq!(
        years.one_time.subtotal,
        Yen(400_000),
        "55 months: 4 full years"
    );
}

#[test]
fn totals_annual_is_twelve_months_with_tax_rounded_once() {
    // A monthly subtotal with a fraction of a yen in its tax: 28,005 -> 2,800.5.
    let card = RateCard::from_toml(
        &hoshu::rates::DEFAULT_CARD.replacen(
            "title_en = \"Maintenance and operation\"\nmonthly = 25000",
            "title_en = \"Maintenance and operation\"\nmonthly = 25005",
            1,
        ),
        "r",
    )
    .unwrap();
    let q = hoshu::quote::quote(&system(BASE), &card, "operation", today()).unwrap();
    assert_eq!(q.monthly.subtotal, Yen(13_000));
    let q = hoshu::quote::quote(&system(BASE), &card, "standard", today()).unwrap();
    assert_eq!(
        (q.monthly.subtotal, q.monthly.tax, q.monthly.total),
        (Yen(28_005), Yen(2_800), Yen(30_805))
    );
    assert_eq!(
        (q.annual.subtotal, q.annual.tax, q.annual.total),
        (Yen(336_060), Yen(33_606), Yen(369_666))
    );
}

#[test]
fn tax_rounding_follows_the_card() {
    let card = |rounding: &str| {
        let text = hoshu::rates::DEFAULT_CARD
            .replacen(
                "title_en = \"Maintenance and operation\"\nmonthly = 25000",
                "title_en = \"Maintenance and operation\"\nmonthly = 25005",
                1,
            )
            .replacen(
                "rounding = \"floor\"",
                &format!("rounding = \"{rounding}\""),
                1,
            );
        RateCard::from_toml(&text, "r").unwrap()
    };
    let tax = |r| {
        hoshu::quote::quote(&system(BASE), &card(r), "standard", today())
            .unwrap()
            .monthly
            .tax
    };
    assert_eq!(
        (tax("floor"), tax("ceil"), tax("half_up")),
        (Yen(2_800), Yen(2_801), Yen(2_801))
    );
}

#[test]
fn an_absurd_input_is_an_overflow_error_not_a_panic() {
    let card = RateCard::from_toml(
        &hoshu::rates::DEFAULT_CARD.replacen(
            "per_server_monthly = 10000",
            "per_server_monthly = 9223372036854775807",
            1,
        ),
        "r",
    )
    .unwrap();
    let s = system(&with("[[servers]]\nrole = \"web\"\ncount = 4000000000\n"));
    let err = hoshu::quote::quote(&s, &card, "standard", today()).unwrap_err();
    assert_eq!(
        err.to_string(),
        "the amount is too large to compute (over 9223372036854775807 yen)"
    );
}

#[test]
fn unknown_plan_is_an_error_naming_the_allowed() {
    let err =
        hoshu::quote::quote(&system(BASE), &RateCard::default_card(), "gold", today()).unwrap_err();
    assert_eq!(
        err.to_string(),
        "the rate card has no plan `gold`; allowed: operation, standard, full"
    );
}

/// A random system description, as TOML.
fn arb_system() -> impl Strategy<Value = String> {
    (
        proptest::option::of((0u64..500_000, proptest::option::of(0u64..5_000), any::<bool>())),
        proptest::collection::vec((1u32..20, any::<bool>()), 0..4),
        proptest::collection::vec(1u32..3_000, 0..4),
        proptest::collection::vec((0usize..5, 0usize..3), 0..4),
        proptest::option::of((any::<bool>(), any::<bool>(), 1u32..4)),
        proptest::collection::vec((any::<bool>(), 1u32..6), 0..3),
    )
        .prop_map(|(traffic, servers, sites, systems, payments, apps)| {
            let mut t = String::from("name = \"p\"\n");
            if let Some((daily, peak, critical)) = traffic {
                t += &format!("[traffic]\ndaily_visits = {daily}\nbusiness_critical = {critical}\n");
                if let Some(p) = peak {
                    t += &format!("peak_per_minute = {p}\n");
                }
            }
            for (count, linked) in servers {
                t += &format!("[[servers]]\nrole = \"r\"\ncount = {count}\nlinked = {}\n", linked && count > 1);
            }
            for (i, pages) in sites.into_iter().enumerate() {
                t += &format!("[[sites]]\nname = \"s{i}\"\npages = {pages}\n");
            }
            for (i, (kind, c)) in systems.into_iter().enumerate() {
                let kind = ["ec", "reservation", "crm", "cms", "other"][kind];
                let c = ["low", "medium", "high"][c];
                t += &format!("[[web_systems]]\nname = \"w{i}\"\nkind = \"{kind}\"\ncomplexity = \"{c}\"\n");
            }
            if let Some((credit, cvs, providers)) = payments {
                // A provider count needs a payment method to count for.
                let mut counts = String::new();
                if credit { counts += &format!("credit_card_providers = {providers}\n"); }
                if cvs { counts += &format!("convenience_store_providers = {providers}\n"); }
                let providers = counts;
                t += &format!("[payments]\ncredit_card = {credit}\nconvenience_store = {cvs}\n{providers}");
            }
            for (i, (ios, versions)) in apps.into_iter().enumerate() {
                let p = if ios { "ios" } else { "android" };
                t += &format!("[[apps]]\nname = \"a{i}\"\nplatform = \"{p}\"\nsupported_os_versions = {versions}\n");
            }
            t
        })
}

proptest! {
    #[test]
    fn totals_add_up(toml in arb_system()) {
        let q = quote_toml(&toml);
        for line in &q.lines {
            prop_assert_eq!(line.amount.0, line.unit_price.0 * line.quantity as i64);
        }
        let monthly: i64 = q.lines.iter().filter(|l| l.recurrence == Recurrence::Monthly).map(|l| l.amount.0).sum();
        prop_assert_eq!(q.monthly.subtotal.0, monthly);
        prop_assert_eq!(q.monthly.total.0, q.monthly.subtotal.0 + q.monthly.tax.0);
        prop_assert_eq!(q.annual.subtotal.0, 12 * monthly);
        prop_assert_eq!(q.annual.tax.0, q.annual.subtotal.0 / 10);
        prop_assert_eq!(q.one_time.total.0, q.one_time.subtotal.0 + q.one_time.tax.0);
    }

    #[test]
    fn more_traffic_never_costs_less(daily in 0u64..300_000, peak in 0u64..5_000, more_daily in 0u64..100_000, more_peak in 0u64..3_000) {
        prop_assert!(access_amount(daily + more_daily, Some(peak + more_peak)) >= access_amount(daily, Some(peak)));
    }

    #[test]
    fn more_pages_never_cost_less(pages in 1u32..5_000, more in 0u32..2_000) {
        prop_assert!(site(pages + more) >= site(pages));
    }

    #[test]
    fn adding_a_unit_never_lowers_a_quote(toml in arb_system(), extra in 0usize..5) {
        let before = quote_toml(&toml).monthly.subtotal;
        let unit = [
            "[[servers]]\nrole = \"x\"\ncount = 1\n",
            "[[sites]]\nname = \"added\"\npages = 5\n",
            "[[web_systems]]\nname = \"added\"\nkind = \"cms\"\ncomplexity = \"low\"\n",
            "[[apps]]\nname = \"added\"\nplatform = \"ios\"\n",
            "[[servers]]\nrole = \"y\"\ncount = 3\nlinked = true\n",
        ][extra];
        let after = quote_toml(&format!("{toml}{unit}")).monthly.subtotal;
        prop_assert!(after > before);
    }
}

/// Every total the page shows is the sum of those it is made of: the first
/// year is the annual and the one-time totals, before tax, tax and with
/// tax, for every rounding and odd prices (each taxed once, as invoiced).
#[test]
fn the_first_year_adds_up_on_the_page_for_every_rounding() {
    use hoshu::money::Rounding;
    use proptest::prelude::*;
    let mut runner = proptest::test_runner::TestRunner::new(proptest::test_runner::Config {
        cases: 200,
        ..Default::default()
    });
    runner
        .run(
            &(1i64..10_000_000, 1i64..10_000_000, 1i64..1_000_000, 0usize..3),
            |(monthly_cost, yearly_cost, one_time, r)| {
                let rounding = [Rounding::Floor, Rounding::Ceil, Rounding::HalfUp][r];
                let mut card = RateCard::default_card();
                card.tax.rounding = rounding;
                card.takeover.per_year = hoshu::rates::Price(Yen(one_time));
                let toml = format!(
                    "name = \"x\"\nlast_maintained = 2020-01-07\n\
                     [[services]]\nkind = \"mail\"\nname = \"m\"\ncost = {monthly_cost}\nper = \"month\"\n\
                     [[services]]\nkind = \"domain\"\nname = \"d\"\ncost = {yearly_cost}\nper = \"year\"\n"
                );
                let q = hoshu::quote::quote(
                    &crate::support::system(&toml),
                    &card,
                    "standard",
                    crate::support::today(),
                )
                .unwrap();
                prop_assert!(q.one_time.subtotal.0 > 0);
                let (a, o, f) = (q.annual, q.one_time, q.first_year);
                prop_assert_eq!(f.subtotal.0, a.subtotal.0 + o.subtotal.0);
                prop_assert_eq!(f.tax.0, a.tax.0 + o.tax.0);
                prop_assert_eq!(f.total.0, a.total.0 + o.total.0);
                prop_assert_eq!(f.total.0, f.subtotal.0 + f.tax.0);
                Ok(())
            },
        )
        .unwrap();
}
