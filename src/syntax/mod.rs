//! Syntax: source text to an AST with spans, or a syntax diagnostic; and the comments beside it.
//! pest's types never leave this module; later stages see only `ast` and `comments`.

pub mod ast;
mod comments;
mod decode;
mod depth;
mod fast;
pub mod locate;
mod parse;
mod unescape;

pub use comments::{Comment, comments};
pub use decode::decode;
pub use parse::parse;
