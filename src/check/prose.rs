//! Wording the families' `problem.rs` modules share: names in backticks, and lists read as prose
//! (`a, b and c`), so that every message quotes and lists the same way.

/// Each name in backticks, in order.
pub fn quoted<N: AsRef<str>>(names: &[N]) -> Vec<String> {
    names.iter().map(|n| format!("`{}`", n.as_ref())).collect()
}

/// `a`, `a and b`, `a, b and c`.
pub fn and_list<N: AsRef<str>>(names: &[N]) -> String {
    match names.split_last() {
        Some((last, [])) => last.as_ref().to_string(),
        Some((last, rest)) => {
            let rest: Vec<&str> = rest.iter().map(AsRef::as_ref).collect();
            format!("{} and {}", rest.join(", "), last.as_ref())
        }
        None => String::new(),
    }
}
