//! hoshu (保守, "maintenance"): price the maintenance of a web system and
//! decide who pays for a defect.
//!
//! The library holds the engines and the data they work on; it never prints
//! and never asks the clock. The `hoshu` binary (`src/main.rs`, `src/cli.rs`,
//! `src/run.rs`) parses flags, reads files, calls the engines and renders.
//!
//! Where things live:
//! - [`money`]: whole yen, checked arithmetic, and the one tax function;
//! - [`date`]: reading dates from TOML, flags and batch cells;
//! - [`period`]: periods in months counted as the Civil Code counts them;
//! - [`system`]: the customer's system description (`system.toml`);
//! - [`rates`]: the rate card, with the maintenance plans;
//! - [`quote`]: the quote engine;
//! - [`coverage`]: the warranty and coverage rules (who pays for a defect);
//! - [`batch`]: classifying CSV and JSON Lines files row by row, streaming;
//! - [`render`]: tables, JSON and the English text of every reason.
#![warn(clippy::print_stdout, clippy::print_stderr)]
#![forbid(unsafe_code)]

pub mod batch;
pub mod coverage;
pub mod date;
pub mod intake;
pub mod locate;
pub mod money;
pub mod period;
pub mod quote;
pub mod rates;
pub mod render;
pub mod system;
