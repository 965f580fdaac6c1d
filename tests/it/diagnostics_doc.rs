//! `docs/diagnostics.md` agrees with the catalog: every row names a real code with its severity
//! and title, and every code outside E00xx (structure, documented by the language) has a row.

use cachec::diag::codes::{ALL, lookup};

#[test]
fn the_diagnostics_table_matches_the_catalog() {
    let doc = std::fs::read_to_string("docs/diagnostics.md").expect("docs/diagnostics.md exists");
    let mut rows = Vec::new();
    for line in doc
        .lines()
        .filter(|l| l.starts_with("| E") || l.starts_with("| W"))
    {
        let cells: Vec<&str> = line.split('|').map(str::trim).collect();
        let [_, id, severity, title, ..] = cells.as_slice() else {
            panic!("malformed row: {line}");
        };
        let code = lookup(id).unwrap_or_else(|| panic!("{id} is not in the catalog"));
        assert_eq!(*severity, code.severity.as_str(), "{id} severity");
        assert_eq!(*title, code.title, "{id} title");
        rows.push(code.id);
    }
    for code in ALL.iter().filter(|c| !c.id.starts_with("E00")) {
        assert!(
            rows.contains(&code.id),
            "{} has no row in docs/diagnostics.md",
            code.id
        );
    }
}
