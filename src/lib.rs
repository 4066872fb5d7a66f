//! yosan (予算): a rule engine that lints YAML transcriptions of budget documents.
//!
//! The pipeline, one module each: [`load`] (YAML → span tree) → [`model`] (typed dataset,
//! exact amounts) → [`index`] (ids, references, link graph) → [`rules`] (the catalog in
//! `rules/*.yaml`, binding check kinds to codes) → [`checks`] → [`findings`] → [`render`].
//! Around the pipeline: [`engine`] runs it, [`suppress`] applies `# yosan-allow:` comments,
//! [`config`] reads `yosan.toml` into a [`policy`]. The library never prints: renderers write
//! into what they are given.

pub mod amount;
pub mod arithmetic;
pub mod baseline;
pub mod checks;
pub mod config;
pub mod diff;
pub mod engine;
pub mod files;
pub mod findings;
pub mod fingerprint;
pub mod fix;
mod graph;
pub mod import;
pub mod index;
pub mod load;
pub mod model;
pub mod policy;
pub mod render;
pub mod report;
pub mod rules;
pub mod setup_error;
pub mod source;
pub mod span;
pub mod suggest;
pub mod suppress;
mod walk;
