//! UI tests: every `tests/ui/*.cache` with a snapshot of its rendered diagnostics.
//! A case may start with a header, `# args: ...` (see [`Header`]): the policy (`--deny warnings`,
//! `--allow CODE`), another day than the pinned one (`--as-of`), one flat template (`--single`),
//! one environment of a program with environments (`--env ENV`).

use cachec::Options;
use cachec::date::Date;

use crate::common;

/// What a case's first line may set: `# args:` then any of `--deny warnings`, `--allow CODE`
/// (repeatable), `--as-of YYYY-MM-DD`, `--single` and `--env ENV`. Anything else fails the case.
#[derive(Debug, Default, PartialEq)]
struct Header {
    deny_warnings: bool,
    allow: Vec<String>,
    as_of: Option<Date>,
    single: bool,
    env: Option<String>,
}

impl Header {
    /// The header of a case from its text; no `# args:` line is the empty header.
    fn of(src: &str) -> Result<Header, String> {
        let first = src.lines().next().unwrap_or_default();
        let Some(args) = first.strip_prefix("# args:") else {
            if first.starts_with("# arg") {
                return Err(format!("`{first}`: the header is written `# args: ...`"));
            }
            return Ok(Header::default());
        };
        let mut header = Header::default();
        let mut words = args.split_whitespace();
        while let Some(word) = words.next() {
            let mut value =
                |what: &str| words.next().ok_or_else(|| format!("`{word}` needs {what}"));
            match word {
                "--deny" => match value("`warnings`")? {
                    "warnings" => header.deny_warnings = true,
                    other => return Err(format!("`--deny {other}`: only `--deny warnings`")),
                },
                "--allow" => {
                    let code = value("a warning code")?;
                    let code = cachec::diag::allow::allowed(code).map_err(|e| e.to_string())?;
                    header.allow.push(code.id.to_string());
                }
                "--as-of" => {
                    let day = value("a day, YYYY-MM-DD")?;
                    header.as_of =
                        Some(Date::parse(day).ok_or_else(|| format!("`{day}` is not a day"))?);
                }
                "--single" => header.single = true,
                "--env" => header.env = Some(value("an environment")?.to_string()),
                other => return Err(format!("unknown header argument `{other}`")),
            }
        }
        Ok(header)
    }

    fn apply(&self, options: &mut Options) {
        options.policy.deny_warnings = self.deny_warnings;
        options.policy.allow.extend(self.allow.iter().cloned());
        if let Some(day) = self.as_of {
            options.check.today = day;
        }
        options.emit.single = self.single;
        options.env = self.env.clone();
    }
}

#[test]
fn headers_are_typed_and_strict() {
    let header = Header::of("# args: --allow w0502 --as-of 2026-06-30 --single\nstack").unwrap();
    assert_eq!(
        header,
        Header {
            deny_warnings: false,
            allow: vec!["W0502".into()],
            as_of: Date::parse("2026-06-30"),
            single: true,
            env: None,
        }
    );
    assert_eq!(Header::of("stack \"s\" {}"), Ok(Header::default()));
    for wrong in [
        "# args: --allow W9999",
        "# args: --allow E0008",
        "# args: --deny everything",
        "# args: --as-of tomorrow",
        "# args: --as-of",
        "# args: --single --verbose",
        "# arg: --single",
    ] {
        assert!(Header::of(wrong).is_err(), "{wrong} was accepted");
    }
}

#[test]
fn ui() {
    insta::glob!("..", "ui/*.cache", |path| {
        let src = std::fs::read_to_string(path).expect("readable");
        let mut options = common::options();
        match Header::of(&src) {
            Ok(header) => header.apply(&mut options),
            Err(why) => panic!("{}: {why}", path.display()),
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

/// `build_trees` (what `plan` uses) measures a template by its size bound and prints it only when
/// the bound passes the body limit: on every case, flat and nested, it must give `build`'s
/// diagnostics and trees, so a template over the limit (limits_body_size) still gets E0604.
#[test]
fn trees_without_printing_judge_the_limits_as_build_does() {
    let mut over_limit = 0;
    insta::glob!("..", "ui/*.cache", |path| {
        let src = std::fs::read_to_string(path).expect("readable");
        let loader = cachec::DirLoader(path.parent().expect("has a folder").to_path_buf());
        for single in [false, true] {
            let mut options = common::options();
            if let Ok(header) = Header::of(&src) {
                header.apply(&mut options);
            }
            options.emit.single |= single;
            let (built, diags) = cachec::build(&src, &loader, &options);
            let (trees, tree_diags) = cachec::build_trees(&src, &loader, &options);
            assert_eq!(diags, tree_diags, "{} single={single}", path.display());
            assert_eq!(
                built.map(|b| b.templates),
                trees.map(|t| t.templates),
                "{}",
                path.display()
            );
            over_limit += diags.iter().filter(|d| d.code.id == "E0604").count();
        }
    });
    assert!(over_limit > 0, "a case has a template over the body limit");
}
