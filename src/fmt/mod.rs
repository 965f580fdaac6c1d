//! The formatter: one canonical layout for `.cache` programs, with every comment kept in place.
//! It prints from the AST plus the comments the lexer finds; a syntax error stops it.

mod lines;
mod print;
mod tree;

use crate::diag::Diag;
use crate::syntax;

pub use print::WIDTH;

/// The canonical text of `src`, or the syntax errors that stop it from being parsed.
pub fn format(src: &str) -> Result<String, Vec<Diag>> {
    let file = syntax::parse(src)?;
    let comments = syntax::comments(src);
    let tree = tree::attach(src, &file, &comments);
    Ok(print::file(src, &tree))
}
