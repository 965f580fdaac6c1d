//! The diagnostic catalog is complete: every code has a real explanation with a wrong and a right
//! example, and at least one test whose rendered snapshot shows it (a UI test, or for programs too
//! large for a UI file, one in `tests/it/large.rs`).

use std::fs;

#[test]
fn every_code_is_explained_and_tested() {
    // UI snapshots, the rendered diagnostics of programs too large for a UI file (tests/it/large.rs),
    // of `cachec up` about the machine (tests/it/local.rs), of plans (tests/it/plan.rs) and of
    // deploy events and lint reports (tests/it/events.rs).
    let snapshots: String = [
        "tests/ui/snapshots",
        "tests/snapshots/large",
        "tests/snapshots/local",
        "tests/plan/snapshots",
        "tests/events/snapshots",
    ]
    .iter()
    .flat_map(|dir| fs::read_dir(dir).expect("snapshots exist"))
    .filter_map(|e| fs::read_to_string(e.ok()?.path()).ok())
    .collect();
    for code in cachec::diag::codes::ALL {
        let text = code.explanation;
        assert!(
            text.starts_with(&format!("# {}: ", code.id)),
            "{} explanation needs a `# {}: title` heading",
            code.id,
            code.id
        );
        assert!(
            text.contains("Wrong:") && text.contains("Right:"),
            "{} explanation needs Wrong: and Right: examples",
            code.id
        );
        assert!(
            snapshots.lines().any(|l| l.trim() == code.id),
            "{} has no UI test (no snapshot under tests/ui/snapshots shows it)",
            code.id
        );
    }
}

#[test]
fn codes_are_unique_and_well_formed() {
    let mut ids: Vec<&str> = cachec::diag::codes::ALL.iter().map(|c| c.id).collect();
    for id in &ids {
        assert!(
            id.len() == 5 && (id.starts_with('E') || id.starts_with('W')),
            "{id}"
        );
    }
    let n = ids.len();
    ids.sort_unstable();
    ids.dedup();
    assert_eq!(ids.len(), n, "duplicate code ids");
}
