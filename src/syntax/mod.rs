//! Syntax: source text to an AST with spans, or a syntax diagnostic.
//! pest's types never leave this module; later stages see only `ast`.

pub mod ast;
mod decode;
mod depth;
mod parse;

pub use decode::decode;
pub use parse::parse;
