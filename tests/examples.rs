//! Every file in `examples/` is a real customer's system: each must check
//! and quote, and two are pinned as rendered tables.

use hoshu::rates::RateCard;
use hoshu::render::{self, Style};
use hoshu::system::System;
use std::path::Path;

use crate::support::today;

fn example_files() -> Vec<std::path::PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples");
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "toml"))
        .collect();
    files.sort();
    files
}

fn quote_table(name: &str) -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("examples")
        .join(name);
    let system = System::from_file(&path).unwrap();
    let plan = system
        .maintenance
        .as_ref()
        .and_then(|m| m.plan.as_deref())
        .unwrap_or("standard");
    let quote = hoshu::quote::quote(&system, &RateCard::default_card(), plan, today()).unwrap();
    render::quote::table(&quote, Style::PLAIN)
}

#[test]
fn every_example_checks_and_quotes_under_every_plan() {
    let files = example_files();
    assert!(files.len() >= 5, "{files:?}");
    let card = RateCard::default_card();
    for path in files {
        let text = std::fs::read_to_string(&path).unwrap();
        let origin = path.display().to_string();
        let system = System::from_toml(&text, &origin).unwrap_or_else(|e| panic!("{e}"));
        system.check_against(&card, &text, &origin).unwrap();
        let mut previous = None;
        for plan in ["operation", "standard", "full"] {
            let q = hoshu::quote::quote(&system, &card, plan, today()).unwrap();
            assert!(q.monthly.subtotal.0 > 0, "{origin}");
            assert!(
                previous < Some(q.monthly.subtotal),
                "{origin}: plans rise in price"
            );
            previous = Some(q.monthly.subtotal);
            let json: serde_json::Value = serde_json::from_str(&render::quote::json(&q)).unwrap();
            assert_eq!(json["schema"], "hoshu.quote.v1");
        }
    }
}

#[test]
fn corporate_site_table() {
    insta::assert_snapshot!(quote_table("corporate-site.toml"));
}

#[test]
fn legacy_system_table() {
    insta::assert_snapshot!(quote_table("legacy-system.toml"));
}

#[test]
fn sakura_shop_json() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/sakura-shop.toml");
    let system = System::from_file(&path).unwrap();
    let quote =
        hoshu::quote::quote(&system, &RateCard::default_card(), "standard", today()).unwrap();
    insta::assert_snapshot!(render::quote::json(&quote));
}
