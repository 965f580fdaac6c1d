//! The formatter: one canonical layout for `.cache` programs, with every comment kept in place.
//! It works from the AST plus the comments the grammar skips; a program with a syntax error is left alone.

mod lines;
mod print;
mod tree;

use crate::diag::Diag;
use crate::syntax;

pub use print::WIDTH;

/// The canonical text of `src`, or the syntax diagnostic that stops it from being parsed.
pub fn format(src: &str) -> Result<String, Diag> {
    let file = syntax::parse(src)?;
    let comments = syntax::comments(src);
    let tree = tree::attach(src, &file, &comments);
    Ok(print::file(src, &tree))
}
