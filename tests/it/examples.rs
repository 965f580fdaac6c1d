//! Every example compiles without errors; its warnings and every emitted file are snapshotted (so a
//! new warning is reviewed like a changed template), and emission is deterministic.

use crate::common;

use cachec::emit::{EmitOptions, Format};

#[test]
fn examples() {
    insta::glob!("../../examples", "*/stack.cache", |path| {
        let example = path
            .parent()
            .and_then(|p| p.file_name())
            .expect("example folder")
            .to_string_lossy()
            .into_owned();
        for (suffix, emit) in [
            ("", EmitOptions::default()),
            (
                "single",
                EmitOptions {
                    single: true,
                    format: Format::Yaml,
                },
            ),
        ] {
            let mut options = common::options();
            options.emit = emit;
            // Local paths as `make examples` writes them, into out/<example>/.
            options.assets = format!("../../examples/{example}");
            let (files, rendered, diags) = common::compile(path, &options);
            assert!(
                !cachec::diag::has_errors(&diags),
                "{example} has errors:\n{rendered}"
            );
            if suffix.is_empty() {
                insta::with_settings!({ snapshot_path => "../snapshots/examples", snapshot_suffix => "", prepend_module_to_snapshot => false }, {
                    insta::assert_snapshot!(format!("{example}__warnings"), rendered);
                });
            }
            let files = files.expect("templates");
            let (again, _, _) = common::compile(path, &options);
            assert_eq!(
                Some(&files),
                again.as_ref(),
                "{example}: output differs between runs"
            );
            // Packaged code is the example's own files, copied: only the templates are snapshots.
            for file in files.into_iter().filter(|f| f.is_template()) {
                let name = format!(
                    "{example}{}{}__{}",
                    if suffix.is_empty() { "" } else { "__" },
                    suffix,
                    // `prod/stack.yaml` of an example with environments, `us-east-1/stack.yaml`
                    // of a Global Datastore: snapshots stay in one folder.
                    file.name.replace('/', "__")
                );
                insta::with_settings!({ snapshot_path => "../snapshots/examples", snapshot_suffix => "", prepend_module_to_snapshot => false }, {
                    insta::assert_snapshot!(name, file.contents);
                });
            }
        }
    });
}
