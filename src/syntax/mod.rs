//! Syntax: source text to an AST with spans and every syntax error, through one lexer and one
//! recovering parser; the comments the tree leaves out come from the same lexer.

pub mod ast;
mod comments;
mod decode;
mod depth;
pub mod lex;
pub mod locate;
mod parse;
#[cfg(test)]
mod reference;
mod report;

pub use comments::{Comment, comments};
pub use decode::decode;
pub use depth::MAX_DEPTH;
pub use parse::{parse, parse_partial};
