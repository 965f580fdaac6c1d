//! Syntax: source text to an AST with spans, or a syntax diagnostic.
//! pest's types never leave this module; later stages see only `ast`.

pub mod ast;
mod fast;
mod parse;

pub use parse::parse;
