//! cfn-lint, AWS's own linter, is the judge of what cachec emits: every example, in every output
//! shape, must lint with no error and no warning. W3002 (a local path in TemplateURL or Code) is
//! the input `aws cloudformation package` expects, so it is the one finding ignored.

use crate::common;

use std::path::{Path, PathBuf};

use cachec::emit::{EmitOptions, Format};

fn examples() -> Vec<PathBuf> {
    let mut found: Vec<PathBuf> = std::fs::read_dir("examples")
        .expect("examples folder")
        .filter_map(|e| Some(e.ok()?.path().join("stack.cache")))
        .filter(|p| p.exists())
        .collect();
    found.sort();
    found
}

#[test]
fn every_example_lints_clean_in_every_shape() {
    let dir = std::env::temp_dir().join(format!("cachec-cfn-lint-{}", std::process::id()));
    let mut files = Vec::new();
    let shapes = [
        ("nested", EmitOptions::default()),
        (
            "single",
            EmitOptions {
                single: true,
                format: Format::Yaml,
            },
        ),
        (
            "json",
            EmitOptions {
                single: false,
                format: Format::Json,
            },
        ),
    ];
    for example in examples() {
        let name = example
            .parent()
            .and_then(Path::file_name)
            .expect("folder")
            .to_string_lossy()
            .into_owned();
        for (shape, emit) in shapes {
            let mut options = common::options();
            options.emit = emit;
            let (out, rendered, diags) = common::compile(&example, &options);
            assert!(
                !cachec::diag::has_errors(&diags),
                "{name} has errors:\n{rendered}"
            );
            let out_dir = dir.join(&name).join(shape);
            let out = out.expect("templates");
            cachec::emit::write::write_all(&out_dir, &out).expect("written");
            // Every environment's and region's templates; packaged code sits beside them.
            files.extend(
                out.iter()
                    .filter(|f| f.is_template())
                    .map(|f| out_dir.join(&f.name)),
            );
        }
    }
    assert!(
        files.len() >= 8,
        "expected the examples' templates, found {}",
        files.len()
    );
    common::assert_lints_clean(&files);
    std::fs::remove_dir_all(&dir).ok();
}
