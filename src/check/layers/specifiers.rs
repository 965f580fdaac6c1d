//! One requirement line read as pip reads it: a PEP 508 specifier (parsed by `pep508_rs`) with
//! per-requirement options, a URL, or an option line; and whether it pins one version.

use std::ops::Range;
use std::str::FromStr;

use pep508_rs::pep440_rs::Operator;
use pep508_rs::{Requirement, VerbatimUrl, VersionOrUrl};

use super::pep508_guard;

/// What a line is to pip and to the builder, which runs `pip install -r` on the lines in Lambda.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Reading {
    /// A requirement pip installs; `pinned` when it names exactly one version (or one archive).
    Requirement { pinned: bool },
    /// A global option pip accepts in a requirements file (`--index-url`, `--only-binary`, ...).
    Option,
    /// pip accepts it, but not where the builder runs: why.
    NotFollowed(&'static str),
    /// Not something pip reads: its complaint, and the bytes of the line it is about.
    Invalid { why: String, at: Range<usize> },
}

/// Options pip takes on a line of their own, and those taking a value. Source: pip User Guide,
/// "Requirements File Format", supported options.
const GLOBAL: &[(&str, bool)] = &[
    ("-i", true),
    ("--index-url", true),
    ("--extra-index-url", true),
    ("--no-index", false),
    ("-f", true),
    ("--find-links", true),
    ("--no-binary", true),
    ("--only-binary", true),
    ("--prefer-binary", false),
    ("--require-hashes", false),
    ("--pre", false),
    ("--trusted-host", true),
    ("--use-feature", true),
];

/// Options pip reads but the builder cannot follow.
const NOT_FOLLOWED: &[(&str, &str)] = &[
    ("-r", OTHER_FILE),
    ("--requirement", OTHER_FILE),
    ("-c", OTHER_FILE),
    ("--constraint", OTHER_FILE),
    ("-e", EDITABLE),
    ("--editable", EDITABLE),
];

/// Options pip takes after a requirement on its line.
const PER_REQUIREMENT: &[&str] = &["--hash", "--config-settings", "--global-option"];

const OTHER_FILE: &str = "it names another file, which cachec does not read";
const EDITABLE: &str =
    "an editable install needs a local project or a checkout, which the builder does not have";
const LOCAL: &str = "a local path, which does not exist where the builder runs";
const VCS: &str = "a VCS checkout needs its client (git), which the Lambda runtime does not have";

pub fn read(line: &str) -> Reading {
    let line = line.trim();
    if line.starts_with('-') {
        return option(line);
    }
    // pip splits a line at its first word starting with `-`: the requirement, then its options.
    let split = words(line)
        .find(|(_, w)| w.starts_with('-'))
        .map_or(line.len(), |(at, _)| at);
    let (requirement, options) = line.split_at(split);
    let mut rest = words(options);
    while let Some((at, word)) = rest.next() {
        let name = word.split('=').next().unwrap_or(word);
        if !PER_REQUIREMENT.contains(&name) {
            return Reading::Invalid {
                why: format!("pip has no option `{name}` after a requirement"),
                at: split + at..split + at + word.len(),
            };
        }
        if !word.contains('=') {
            rest.next();
        }
    }
    specifier(requirement.trim_end())
}

/// The words of `text` with their byte offsets.
fn words(text: &str) -> impl Iterator<Item = (usize, &str)> {
    text.split_whitespace().map(move |w| {
        let at = w.as_ptr() as usize - text.as_ptr() as usize;
        (at, w)
    })
}

fn option(line: &str) -> Reading {
    let name = line
        .split(|c: char| c == '=' || c.is_whitespace())
        .next()
        .unwrap_or(line);
    if let Some((_, why)) = NOT_FOLLOWED.iter().find(|(o, _)| *o == name) {
        return Reading::NotFollowed(why);
    }
    match GLOBAL.iter().find(|(o, _)| *o == name) {
        Some((_, takes_value)) => {
            let has_value = line.len() > name.len();
            if *takes_value && !has_value {
                Reading::Invalid {
                    why: format!("`{name}` needs a value"),
                    at: 0..name.len(),
                }
            } else {
                Reading::Option
            }
        }
        None => Reading::Invalid {
            why: format!("pip has no option `{name}` in a requirements file"),
            at: 0..name.len(),
        },
    }
}

fn specifier(text: &str) -> Reading {
    if let Some(why) = location(text) {
        return why;
    }
    if let Some((why, at)) = pep508_guard::refused(text) {
        return Reading::Invalid { why, at };
    }
    let Some(parsed) = pep508_guard::quietly(|| Requirement::<VerbatimUrl>::from_str(text)) else {
        return Reading::Invalid {
            why: "the PEP 508 parser cachec uses failed on it; `pip install --dry-run` says what \
                  pip makes of it"
                .to_string(),
            at: 0..text.len(),
        };
    };
    match parsed {
        Ok(req) => match req.version_or_url {
            None => Reading::Requirement { pinned: false },
            Some(VersionOrUrl::VersionSpecifier(specs)) => Reading::Requirement {
                pinned: specs.len() == 1
                    && specs
                        .iter()
                        .all(|s| matches!(s.operator(), Operator::Equal | Operator::ExactEqual)),
            },
            Some(VersionOrUrl::Url(url)) => {
                location(&url.to_string()).unwrap_or(Reading::Requirement { pinned: true })
            }
        },
        Err(e) => {
            let bytes = |chars: usize| {
                text.char_indices()
                    .nth(chars)
                    .map_or(text.len(), |(i, _)| i)
            };
            let start = bytes(e.start);
            let end = bytes(e.start + e.len).max(start);
            Reading::Invalid {
                why: e.message.to_string(),
                at: start..end,
            }
        }
    }
}

/// A bare URL or path, which pip installs without a name: fine from the network, not followed from
/// the disk or a VCS.
fn location(text: &str) -> Option<Reading> {
    let vcs = ["git+", "hg+", "svn+", "bzr+"];
    if vcs.iter().any(|v| text.starts_with(v)) {
        Some(Reading::NotFollowed(VCS))
    } else if text.starts_with("file:")
        || text.starts_with(['.', '/', '~'])
        || (!text.contains("://") && text.contains('/'))
    {
        Some(Reading::NotFollowed(LOCAL))
    } else if text.starts_with("http://") || text.starts_with("https://") {
        Some(Reading::Requirement { pinned: true })
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pinned(line: &str) -> bool {
        read(line) == Reading::Requirement { pinned: true }
    }

    #[test]
    fn non_ascii_outside_quotes_and_urls_is_refused_where_it_stands() {
        let line = "hiredis==3.0.0 ; platform_machine == 'aarch64'\u{e9}\u{e9}";
        let Reading::Invalid { at, .. } = read(line) else {
            panic!("{:?}", read(line));
        };
        assert_eq!(&line[at], "\u{e9}");
        assert!(matches!(
            read("x\u{e9} ; os_name == 'a'"),
            Reading::Invalid { .. }
        ));
        assert_eq!(
            read("x ; platform_machine == 'a\u{e9}'"),
            Reading::Requirement { pinned: false }
        );
        assert!(pinned(
            "x @ https://files.example/\u{e9}/x-1-py3-none-any.whl"
        ));
    }

    #[test]
    fn exact_versions_pin_and_ranges_do_not() {
        for line in [
            "redis==5.2.1",
            "redis[hiredis] == 5.2.1 ; python_version >= \"3.9\"",
            "redis===5.2.1",
            "redis==5.2.1 --hash=sha256:abc --hash sha256:def",
            "redis @ https://files.example/redis-5.2.1-py3-none-any.whl",
            "https://files.example/redis-5.2.1-py3-none-any.whl",
        ] {
            assert!(pinned(line), "{line}: {:?}", read(line));
        }
        for line in [
            "redis",
            "redis>=5",
            "redis==5.*",
            "redis~=5.2",
            "redis>=5,<6",
        ] {
            assert_eq!(read(line), Reading::Requirement { pinned: false }, "{line}");
        }
    }

    #[test]
    fn options_pip_accepts_and_those_cachec_does_not_follow() {
        for line in [
            "--index-url https://pypi.example/simple",
            "--pre",
            "-i https://x",
        ] {
            assert_eq!(read(line), Reading::Option, "{line}");
        }
        for line in [
            "-r other.txt",
            "--constraint=c.txt",
            "-e .",
            "git+https://github.com/redis/redis-py@v5.2.1",
            "./dist/pkg-1.0-py3-none-any.whl",
            "pkg @ file:///tmp/pkg.whl",
        ] {
            assert!(matches!(read(line), Reading::NotFollowed(_)), "{line}");
        }
    }

    #[test]
    fn errors_point_at_what_pip_would_refuse() {
        let Reading::Invalid { at, .. } = read("redis==5.2.1 --nope") else {
            panic!("not invalid");
        };
        assert_eq!(at, 13..19);
        assert!(matches!(read("--index-url"), Reading::Invalid { .. }));
        assert!(matches!(read("--frobnicate"), Reading::Invalid { .. }));
        for line in [
            "redis=5.2.1",
            "redis >= ",
            "re dis",
            "redis[hiredis",
            "redis==5.2.1;",
        ] {
            assert!(
                matches!(read(line), Reading::Invalid { .. }),
                "{line}: {:?}",
                read(line)
            );
        }
    }
}
