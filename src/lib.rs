//! hoshu (保守, "maintenance"): price the maintenance of a web system and
//! decide who pays for a defect.
//!
//! The library holds the engines and the data they work on; it never prints
//! and never asks the clock. The `hoshu` binary (`src/main.rs`, `src/cli.rs`,
//! `src/run.rs`) parses flags, reads files, calls the engines and renders.
//!
//! The layers, top to bottom; a module imports only from the layers below
//! it (no import circle):
//!
//! ```text
//! CLI face (binary)  main, cli, run, exit, output, pdf   flags, files, the clock
//! render             render (catalogue, errors, formats) every word, every format
//! engines            quote, compare, diff, coverage,     pure functions over data
//!                    intake, batch, invoice; error
//!                    (their errors by kind)
//! model              system, rates, firm                 the files, checked
//! readers, words     vocab, fact, lang, money, date,     enums, numbers, dates;
//!                    period, holidays, toml_read,        no sentence below render
//!                    key_path, file_error, suggest,
//!                    register (the SQLite store)
//! ```
//!
//! Where things live:
//! - [`vocab`]: the domain's words as enums (kinds of work, platforms, what a
//!   value must be…), shared by every layer and worded only in render;
//! - [`fact`]: the facts of a case (each declared once, with its column and
//!   flag names), how each is read and what can be wrong with one;
//! - [`lang`]: which language the user reads;
//! - [`money`]: whole yen, checked arithmetic, and the one tax function;
//! - [`date`]: reading and writing `YYYY-MM-DD` dates (flags, batch cells);
//! - [`toml_read`]: TOML numbers and dates read with what is allowed, and the
//!   tag through which they say what they refused;
//! - [`mod@key_path`], [`file_error`]: where a key stands in a TOML file, and a
//!   file's every problem with its place, as data; [`error`]: every library
//!   error by kind, for exit codes and messages;
//! - [`period`]: periods in months counted as the Civil Code counts them;
//! - [`holidays`]: Japanese holidays, for Civil Code Art. 142;
//! - [`system`]: the customer's system description (`system.toml`);
//! - [`rates`]: the rate card, with the maintenance plans;
//! - [`firm`]: the issuing firm's profile, for the 見積書;
//! - [`quote`]: the quote engine;
//! - [`compare`]: every plan side by side, against a budget;
//! - [`diff`]: what changes between two quotes, line by line;
//! - [`coverage`]: the warranty and coverage rules (who pays for a defect);
//! - [`intake`]: the facts of a case from flags,
//!   system files and batch cells;
//! - [`batch`]: classifying CSV and JSON Lines files row by row, streaming;
//! - [`invoice`]: the month's 適格請求書 of a contract, and its credit note;
//! - [`register`]: the numbered documents issued, in one SQLite file;
//! - [`suggest`]: "did you mean …?";
//! - [`render`]: every sentence in every language (the catalogue), every
//!   library error's words, tables, JSON and the 見積書.
//!
//! Pricing a system and deciding who pays, as the binary does:
//!
//! ```
//! use hoshu::coverage::{Case, Cause, Kind, Verdict, classify};
//! use hoshu::date::parse_date;
//! use hoshu::money::Yen;
//! use hoshu::rates::RateCard;
//! use hoshu::system::System;
//!
//! let system = System::from_toml("name = \"Shop\"\n[[sites]]\nname = \"www\"\npages = 20\n", "shop.toml")?;
//! let card = RateCard::default_card();
//! let quote = hoshu::quote::quote(&system, &card, "standard", parse_date("2026-11-28")?)?;
//! // Low traffic 3,000 + a 20-page site 5,000 + the standard plan 25,000.
//! assert_eq!(quote.monthly.subtotal, Yen(33_000));
//! assert_eq!(quote.monthly.tax, Yen(3_300));
//!
//! let case = Case {
//!     reported: parse_date("2024-03-01")?,
//!     delivered: Some(parse_date("2024-01-10")?),
//!     cause: Cause::Internal,
//!     kind: Kind::Defect,
//!     warranty_months: Some(3),
//!     plan: None,
//!     terms: Default::default(),
//! };
//! assert_eq!(classify(&case)?.verdict, Verdict::Covered);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
#![warn(clippy::print_stdout, clippy::print_stderr)]
#![forbid(unsafe_code)]

pub mod batch;
pub mod compare;
pub mod coverage;
pub mod date;
pub mod diff;
pub mod error;
pub mod fact;
pub mod file_error;
pub mod firm;
pub mod holidays;
pub mod intake;
pub mod invoice;
pub mod key_path;
pub mod lang;
pub mod money;
pub mod period;
pub mod quote;
pub mod rates;
pub mod register;
pub mod render;
pub mod suggest;
pub mod system;
pub mod toml_read;
pub mod vocab;
