//! Every example compiles without diagnostics; every emitted file is snapshotted, and emission is
//! deterministic (two runs give identical bytes).

mod common;

use cachec::emit::{EmitOptions, Format};

#[test]
fn examples() {
    insta::glob!("../examples", "*/stack.cache", |path| {
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
            let (files, rendered, _) = common::compile(path, &options);
            assert_eq!(rendered, "", "{example} has diagnostics");
            let files = files.expect("templates");
            let (again, _, _) = common::compile(path, &options);
            assert_eq!(
                Some(&files),
                again.as_ref(),
                "{example}: output differs between runs"
            );
            for file in files {
                let name = format!(
                    "{example}{}{}__{}",
                    if suffix.is_empty() { "" } else { "__" },
                    suffix,
                    file.name
                );
                insta::with_settings!({ snapshot_path => "snapshots/examples", snapshot_suffix => "", prepend_module_to_snapshot => false }, {
                    insta::assert_snapshot!(name, file.contents);
                });
            }
        }
    });
}
