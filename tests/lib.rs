//! One integration test binary (one link), a module per feature.

mod batch;
mod browser;
mod classify;
mod cli;
mod compare;
mod contract;
mod diff;
mod discounts;
mod errors;
mod examples;
mod helpdesk;
mod holidays;
mod hostile;
mod invoice;
mod lang;
mod layers;
mod quote_rules;
mod readme;
mod register;
mod sample;
mod schemas;
mod shell;
mod support;
mod targets;
mod xlsx;
