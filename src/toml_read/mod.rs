//! Readers of TOML values that say what is allowed: whole numbers (counts,
//! yen, percents) and dates. serde's own messages ("expected u32") leave a
//! salesperson guessing; these name the range, and toml adds the line,
//! column and a caret under the value. What they refused reaches the file
//! reader as a [`tag`], never as a sentence.

pub mod dates;
pub mod numbers;
pub mod tag;
