//! Local paths that `aws cloudformation package` uploads (a layer's folder): emitted relative to
//! the program's folder, then made relative to the folder the templates are written to.

use std::path::{Component, Path, PathBuf};

use super::node::{Node, Template};

/// The properties that hold a local path, by resource type (`aws cloudformation package` lists the
/// properties it uploads; AWS CLI Command Reference, `cloudformation package`).
pub const PACKAGED: &[(&str, &str)] = &[("AWS::Lambda::LayerVersion", "Content")];

/// Puts `prefix` (the way from the templates' folder to the program's, `/`-separated) before every
/// local path; an empty prefix leaves them relative to the program's folder.
pub fn relocate(templates: &mut [(String, Template)], prefix: &str) {
    if prefix.is_empty() {
        return;
    }
    for (_, template) in templates {
        for resource in template.resources.values_mut() {
            for (ty, property) in PACKAGED {
                if resource.ty != *ty {
                    continue;
                }
                if let Some(Node::Str(path)) = resource.properties.get_mut(*property) {
                    *path = format!("{prefix}/{path}");
                }
            }
        }
    }
}

/// The way from the folder `out` to the folder `program`, as `/`-separated relative path ("" when
/// they are one folder). Lexical: both are made absolute against the current folder first.
pub fn prefix(out: &Path, program: &Path) -> String {
    let (Ok(out), Ok(program)) = (std::path::absolute(out), std::path::absolute(program)) else {
        return String::new();
    };
    let (out, program) = (normal(&out), normal(&program));
    let common = out
        .iter()
        .zip(program.iter())
        .take_while(|(a, b)| a == b)
        .count();
    let ups = out.iter().skip(common).map(|_| "..".to_string());
    let downs = program
        .iter()
        .skip(common)
        .map(|c| c.to_string_lossy().into_owned());
    ups.chain(downs).collect::<Vec<_>>().join("/")
}

/// `a/./b/../c` as `a/c`.
fn normal(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for c in path.components() {
        match c {
            Component::CurDir => {}
            Component::ParentDir => {
                out.pop();
            }
            other => out.push(other),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prefixes_lead_from_the_output_to_the_program() {
        assert_eq!(
            prefix(Path::new("/w/out/layers"), Path::new("/w/examples/layers")),
            "../../examples/layers"
        );
        assert_eq!(prefix(Path::new("/w/a"), Path::new("/w/a")), "");
        assert_eq!(prefix(Path::new("/w/a/./b/.."), Path::new("/w")), "..");
    }
}
