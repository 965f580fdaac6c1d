//! Syntax: source text to an AST with spans, or a syntax diagnostic; and the comments beside it.
//! pest's types never leave this module; later stages see only `ast` and `comments`.

pub mod ast;
mod comments;
mod depth;
mod fast;
pub mod locate;
mod parse;

pub use comments::{Comment, comments};
pub use parse::parse;
