//! UI tests: every `tests/ui/*.cache` with a snapshot of its rendered diagnostics.
//! A case may start with `# args: --deny warnings` (or `--allow CODE`) to set the policy, and with
//! `--as-of YYYY-MM-DD` to compare lifecycle dates against another day than the pinned one, and
//! `--single` to build one flat template (where CloudFormation's per-template limits bite).

use crate::common;

#[test]
fn ui() {
    insta::glob!("..", "ui/*.cache", |path| {
        let src = std::fs::read_to_string(path).expect("readable");
        let mut options = common::options();
        if let Some(args) = src.lines().next().and_then(|l| l.strip_prefix("# args:")) {
            let words: Vec<&str> = args.split_whitespace().collect();
            options.emit.single = words.contains(&"--single");
            for pair in words.windows(2) {
                match pair {
                    ["--deny", "warnings"] => options.policy.deny_warnings = true,
                    ["--allow", code] => options.policy.allow.push((*code).to_string()),
                    ["--as-of", day] => {
                        options.check.today = cachec::date::Date::parse(day).expect("a date")
                    }
                    _ => {}
                }
            }
        }
        let (_, rendered, diags) = common::compile(path, &options);
        for d in &diags {
            assert!(
                !d.help.is_empty(),
                "{} in {} has no help line",
                d.code.id,
                path.display()
            );
            assert!(
                !d.labels.is_empty(),
                "{} in {} has no label",
                d.code.id,
                path.display()
            );
        }
        let name = path
            .file_stem()
            .expect("stem")
            .to_string_lossy()
            .into_owned();
        insta::with_settings!({ snapshot_path => "../ui/snapshots", snapshot_suffix => "", prepend_module_to_snapshot => false, input_file => path }, {
            insta::assert_snapshot!(name, rendered);
        });
    });
}
