//! The language reference agrees with the schema: each kind's table lists exactly its keys, with
//! the schema's type and required flag, and the range and default of every key that has one.

use cachec::model::schema::{KindSchema, SCHEMAS};

/// One table row: key, type, meaning.
type Row = (String, String, String);

/// The rows of the table under each `### \`keyword` heading.
fn tables(doc: &str) -> Vec<(String, Vec<Row>)> {
    let mut out: Vec<(String, Vec<Row>)> = Vec::new();
    for line in doc.lines() {
        if let Some(heading) = line
            .strip_prefix("#### `")
            .or_else(|| line.strip_prefix("### `"))
        {
            let keyword: String = heading
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                .collect();
            out.push((keyword, Vec::new()));
        } else if let Some(row) = line.strip_prefix("| `") {
            let cells: Vec<&str> = row.split(" | ").collect();
            let [key, ty, meaning] = cells.as_slice() else {
                panic!("a row of three cells: {line}");
            };
            let rows = &mut out.last_mut().expect("a table under a heading").1;
            rows.push((
                key.trim_end_matches('`').to_string(),
                ty.to_string(),
                meaning.trim_end_matches(" |").to_string(),
            ));
        }
    }
    out
}

fn check_kind(kind: &KindSchema, rows: &[Row]) {
    let listed: Vec<&str> = rows.iter().map(|(k, _, _)| k.as_str()).collect();
    let keys: Vec<&str> = kind.keys.iter().map(|k| k.name).collect();
    assert_eq!(listed, keys, "the keys of `{}`, in order", kind.keyword);
    for (key, (_, ty, meaning)) in kind.keys.iter().zip(rows) {
        let expected = format!(
            "{}{}",
            key.ty.doc_type(),
            if key.required { ", required" } else { "" }
        );
        assert_eq!(ty, &expected, "type of `{}.{}`", kind.keyword, key.name);
        if let Some(range) = key.ty.range() {
            assert!(
                meaning.contains(&range),
                "`{}.{}` should say its range {range}: {meaning}",
                kind.keyword,
                key.name
            );
        }
        if let Some(default) = key.default {
            assert!(
                meaning.contains(&format!("default `{default}`")),
                "`{}.{}` should say its default `{default}`: {meaning}",
                kind.keyword,
                key.name
            );
        }
    }
}

#[test]
fn language_reference_tables_match_the_schema() {
    let doc = std::fs::read_to_string("docs/language.md").expect("docs/language.md");
    let tables = tables(&doc);
    for kind in SCHEMAS {
        let rows = tables
            .iter()
            .find(|(k, _)| k == kind.keyword)
            .map(|(_, rows)| rows.as_slice())
            .unwrap_or_else(|| panic!("docs/language.md has no section for `{}`", kind.keyword));
        check_kind(kind, rows);
    }
}

#[test]
fn a_wrong_row_is_caught() {
    let port = |meaning: &str| vec![("port".to_string(), "int".to_string(), meaning.to_string())];
    let kind = SCHEMAS
        .iter()
        .find(|k| k.keyword == "replication_group")
        .expect("the schema has replication groups");
    let only_port = KindSchema {
        keys: std::slice::from_ref(kind.key("port").expect("port")),
        ..*kind
    };
    check_kind(&only_port, &port("1 to 65535, default `6379`"));
    for wrong in ["1 to 65536, default `6379`", "1 to 65535"] {
        let caught = std::panic::catch_unwind(|| check_kind(&only_port, &port(wrong)));
        assert!(caught.is_err(), "`{wrong}` should disagree with the schema");
    }
}

#[test]
fn language_reference_lists_every_covered_parameter() {
    let doc = std::fs::read_to_string("docs/language.md").expect("docs/language.md");
    let table = cachec::aws::parameters::doc_table();
    assert!(
        doc.contains(&table),
        "docs/language.md should hold the parameter table as parameters::doc_table() writes it:\n{table}"
    );
}
