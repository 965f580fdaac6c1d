//! The integration tests, one crate with one module per concern, so the suite links once.
//! Shared helpers live in `common` (compiling as the CLI does, cfn-lint, processes) and `lsp_client`.

mod as_of;
mod common;
mod lsp_client;

mod allow;
mod atomic_write;
mod catalog;
mod cfn_lint;
mod cli;
mod cluster_roundtrip;
mod conventions;
mod diagnostics_doc;
mod docs;
mod edges;
mod events;
mod examples;
mod fmt;
mod graph;
mod init;
mod json_diagnostics;
mod large;
mod layer_builder;
mod lint_at_scale;
mod local;
mod lsp;
mod mermaid_render;
mod neovim;
mod no_panic;
mod package;
mod plan;
mod plan_cli;
mod plan_stage;
mod readme;
mod redis_roundtrip;
mod rejected_mutations;
mod safe_output;
mod sarif;
mod stages;
mod terminal;
mod ui;
mod update_table;
