//! Every file in `examples/` is a real customer's system: each must check
//! and quote, and two are pinned as rendered tables.

use hoshu::lang::Lang;
use hoshu::rates::RateCard;
use hoshu::render;
use hoshu::render::quote::Format;
use hoshu::system::System;
use std::path::Path;

use crate::support::{render_quote, today};

fn example_files() -> Vec<std::path::PathBuf> {
    crate::support::example_files()
        .into_iter()
        .map(|f| Path::new(env!("CARGO_MANIFEST_DIR")).join(f))
        .collect()
}

/// An example quoted under its own plan, in `lang` and `format`.
fn quote_as(path: &Path, lang: Lang, format: Format) -> Vec<u8> {
    let system = System::from_file(path).unwrap();
    let plan = system
        .maintenance
        .as_ref()
        .and_then(|m| m.plan.as_deref())
        .unwrap_or("standard");
    render_quote(&system, plan, lang, format).1
}

fn quote_table(name: &str) -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("examples")
        .join(name);
    String::from_utf8(quote_as(&path, Lang::En, Format::Table)).unwrap()
}

/// Every example's table and Markdown in both languages, pinned: the
/// Japanese as the English.
#[test]
fn every_example_in_both_languages() {
    for path in example_files() {
        let name = path.file_stem().unwrap().to_string_lossy().into_owned();
        for lang in Lang::ALL {
            for (format, ext) in [(Format::Table, "table"), (Format::Markdown, "md")] {
                let text = String::from_utf8(quote_as(&path, lang, format)).unwrap();
                insta::assert_snapshot!(format!("{name}.{}.{ext}", lang.code()), text);
            }
        }
    }
}

/// Every example in every format and language renders, and the document
/// formats carry the quote's number and totals.
#[test]
fn every_example_in_every_format() {
    for path in example_files() {
        for lang in Lang::ALL {
            let html = String::from_utf8(quote_as(&path, lang, Format::Html)).unwrap();
            assert!(html.starts_with("<!DOCTYPE html>"), "{path:?}");
            assert!(
                !html.contains("http://") || html.matches("http://").count() == 1,
                "only the SVG namespace"
            );
            assert!(!html.contains("https://"), "nothing fetched");
            let csv = quote_as(&path, lang, Format::Csv);
            assert!(csv.starts_with(b"\xEF\xBB\xBF"), "BOM");
            assert!(String::from_utf8(csv).unwrap().contains("\r\n"));
            let xlsx = quote_as(&path, lang, Format::Xlsx);
            assert!(xlsx.starts_with(b"PK"), "a zip");
        }
    }
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
            let json: serde_json::Value =
                serde_json::from_str(&render::quote::json(&q, Lang::Ja)).unwrap();
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
    insta::assert_snapshot!(render::quote::json(&quote, Lang::En));
}

/// The Japanese 見積書 of one example, pinned as HTML.
#[test]
fn corporate_site_mitsumorisho_html() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/corporate-site.toml");
    let html = String::from_utf8(quote_as(&path, Lang::Ja, Format::Html)).unwrap();
    insta::assert_snapshot!(html);
}

mod hostile_text {
    use super::*;
    use proptest::prelude::*;

    /// A system whose every user text is `text`, quoted for TOML.
    fn system(text: &str) -> System {
        let q = toml::Value::String(text.to_owned()).to_string();
        let toml = format!(
            "name = {q}\ncustomer = {q}\n[[sites]]\nname = {q}\npages = 3\n[[servers]]\nrole = {q}\ncount = 1\n[quote]\nsubject = {q}\nnotes = [{q}]\n"
        );
        System::from_toml(&toml, "s.toml").unwrap()
    }

    fn render_all(text: &str, lang: Lang) -> [Vec<u8>; 4] {
        let system = system(text);
        [Format::Html, Format::Csv, Format::Markdown, Format::Table]
            .map(|f| render_quote(&system, "standard", lang, f).1)
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(64))]
        /// No text a user writes can open a tag in the 見積書, start a
        /// formula in the CSV, add a cell to the Markdown or drive the
        /// terminal.
        #[test]
        fn user_text_is_escaped_in_every_format(
            text in "[a-zあ-ん<>&\"'=+@#|\\-\t\r\n\u{1b}\u{7f}\u{202e}\u{200b}\\[\\]()!`*_~:/0-9 ]{1,24}"
                .prop_filter("a name is not blank", |t| !t.trim().is_empty()),
            ja in any::<bool>(),
        ) {
            let lang = if ja { Lang::Ja } else { Lang::En };
            let [html, csv, md, table] = render_all(&text, lang);
            let [plain_html, _, plain_md, _] = render_all("x", lang);
            let count = |b: &[u8], c: u8| b.iter().filter(|x| **x == c).count();
            // Less the spans that keep a number on one line (hoshu's own).
            let tags = |b: &[u8]| {
                let text = String::from_utf8_lossy(b);
                count(b, b'<') - 2 * text.matches("<span class=\"nw\">").count()
            };
            prop_assert_eq!(tags(&html), tags(&plain_html));
            let mut reader = csv::ReaderBuilder::new()
                .has_headers(false)
                .from_reader(&csv[3..]);
            for record in reader.records() {
                for cell in record.unwrap().iter() {
                    prop_assert!(!cell.starts_with(['=', '+', '-', '@', '\t', '\r']), "{:?}", cell);
                }
            }
            let pipes = |m: &[u8]| -> Vec<usize> {
                String::from_utf8_lossy(m)
                    .lines()
                    .filter(|l| l.starts_with('|'))
                    .map(|l| l.replace("\\|", "").matches('|').count())
                    .collect()
            };
            prop_assert_eq!(pipes(&md), pipes(&plain_md));
            // No tag, link, image, mention or issue reference from the
            // user's text: as many `<` and `](` as with a plain name, and
            // every `@` and `#` followed by a zero-width space or nothing
            // a reference could start with.
            let md_text = String::from_utf8_lossy(&md).into_owned();
            let plain_text = String::from_utf8_lossy(&plain_md).into_owned();
            prop_assert_eq!(md_text.matches('<').count(), plain_text.matches('<').count());
            let links = |t: &str| t.replace("\\]", "").matches("](").count();
            prop_assert_eq!(links(&md_text), links(&plain_text));
            for (i, _) in md_text.match_indices(['@', '#']) {
                let rest = &md_text[i + 1..];
                if md_text[..i].ends_with('&') {
                    continue; // the zero-width space's own `&#8203;`
                }
                prop_assert!(
                    rest.starts_with("&#8203;") || !rest.starts_with(|c: char| c.is_ascii_alphanumeric()),
                    "{:?}", &md_text[i..]
                );
            }
            let overrides = String::from_utf8_lossy(&table).contains('\u{202e}');
            prop_assert!(!overrides, "a direction override reached the terminal");
            prop_assert!(!table.contains(&0x1b));
            prop_assert!(!html.contains(&0x1b));
        }
    }
}

/// One example's CSV, pinned: a line item a row, the amounts as numbers.
#[test]
fn corporate_site_csv() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/corporate-site.toml");
    let csv = quote_as(&path, Lang::En, Format::Csv);
    let text = String::from_utf8(csv[3..].to_vec()).unwrap();
    assert_eq!(text.matches("\r\n").count(), text.lines().count());
    insta::assert_snapshot!(text.replace("\r\n", "\n"));
}
