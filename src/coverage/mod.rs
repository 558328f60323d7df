//! Who pays for a defect: the warranty and the maintenance plan, as an
//! ordered decision table (first hit wins).
//!
//! The table is data ([`RULES`]): each rule has a stable id, the conditions
//! it tests and its verdict. A case's facts are resolved first (stage,
//! warranty, plan in force); an unknown fact (the cause, the warranty length)
//! is resolved by trying every value it could take. When every try gives the
//! same verdict, that is the verdict; when they differ the verdict is
//! *negotiate* and the result names the facts that must be settled.
//!
//! The engine takes the report date as an argument and returns data; the
//! sentences are made in `render::classify`.
//!
//! Three parts: `facts` (what a case is made of), `rules` (the decision
//! table and the facts it tests) and `classification` (settling a case's
//! facts, trying the unknown ones, and the answer).

mod classification;
mod facts;
mod rules;

pub use classification::*;
pub use facts::*;
pub use rules::*;
