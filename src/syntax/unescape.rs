//! String literals: the text written between quotes, with `\n`, `\t` and `\<char>` resolved.
//! Both parsers read strings through this, so they cannot disagree about escapes.

/// Text written between quotes, with escapes resolved; unknown escapes keep the escaped char.
pub fn unescape(inner: &str) -> String {
    let mut out = String::with_capacity(inner.len());
    let mut chars = inner.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('n') => out.push('\n'),
            Some('t') => out.push('\t'),
            Some(other) => out.push(other),
            None => {}
        }
    }
    out
}
