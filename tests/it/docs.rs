//! The language reference documents every kind and every key the schema accepts.

#[test]
fn language_reference_covers_the_schema() {
    let doc = std::fs::read_to_string("docs/language.md").expect("docs/language.md");
    for kind in cachec::model::schema::SCHEMAS {
        assert!(
            doc.contains(&format!("`{}", kind.keyword)),
            "docs/language.md does not document `{}`",
            kind.keyword
        );
        for key in kind.keys {
            assert!(
                doc.contains(&format!("| `{}` |", key.name)),
                "docs/language.md does not document `{}` of `{}`",
                key.name,
                kind.keyword
            );
        }
    }
}
