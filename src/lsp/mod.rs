//! `cachec lsp`: a Language Server Protocol server over stdio that checks documents as they are
//! typed with the same library as the CLI, and answers hover, definition, completion and symbols.

mod completion;
mod context;
mod convert;
mod definition;
mod diagnostics;
mod document;
mod hover;
mod server;
mod symbols;

pub use server::run;
