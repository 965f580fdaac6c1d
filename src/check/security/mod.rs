//! Security warnings: what works but exposes the stack. Warnings by default; `--deny warnings`
//! makes them errors and `--allow W05xx` silences one kind. The wording is in `problem`.

mod problem;

use problem::SecurityProblem;

use crate::diag::Diag;
use crate::model::{Model, UrlAuth};

pub fn check(model: &Model, out: &mut Vec<Diag>) {
    out.extend(find(model).iter().map(SecurityProblem::diag));
}

fn find(model: &Model) -> Vec<SecurityProblem<'_>> {
    let mut found = Vec::new();
    for function in &model.functions {
        if let Some(url) = function.url.as_ref().filter(|u| u.value == UrlAuth::Public) {
            found.push(SecurityProblem::PublicUrl {
                function: &function.name.value,
                at: url.span,
            });
        }
    }
    for cache in &model.caches {
        if !cache.transit_encryption() {
            found.push(SecurityProblem::Cleartext {
                cache: &cache.name.value,
                at: cache
                    .transit_encryption
                    .as_ref()
                    .map_or(cache.name.span, |flag| flag.span),
                written: cache.transit_encryption.is_some(),
            });
        }
        let mut open = cache
            .allow_cidrs
            .iter()
            .filter(|cidr| matches!(cidr.value.trim(), "0.0.0.0/0" | "::/0"))
            .map(|cidr| (cidr.value.as_str(), cidr.span));
        if let Some(first) = open.next() {
            found.push(SecurityProblem::AnyAddress {
                cache: &cache.name.value,
                port: cache.port(),
                first,
                more: open.collect(),
            });
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    struct NoSources;

    impl crate::model::SourceLoader for NoSources {
        fn load(&self, path: &str) -> Result<String, String> {
            Err(format!("no source {path}"))
        }
    }

    fn model(src: &str) -> Model {
        let file = crate::syntax::parse(src).expect("parses");
        let (model, diags) = crate::model::lower(&file, &NoSources);
        assert!(diags.is_empty(), "{diags:?}");
        model
    }

    const BASE: &str = r#"stack "s" {}
network vpc {
  cidr = "10.0.0.0/16"
  subnet data { zone = "a"  cidr = "10.0.1.0/24" }
}
"#;

    #[test]
    fn open_blocks_of_one_cache_are_one_finding() {
        let m = model(&format!(
            "{BASE}replication_group cache {{ engine = \"redis\"  engine_version = \"7.1\"\n  \
             node_type = \"cache.t4g.micro\"  subnets = [data]  transit_encryption = true\n  \
             allow_cidrs = [\"0.0.0.0/0\", \"10.0.0.0/16\", \"::/0\"] }}\n"
        ));
        let found = find(&m);
        let [
            SecurityProblem::AnyAddress {
                first, more, port, ..
            },
        ] = found.as_slice()
        else {
            panic!("one finding: {found:?}");
        };
        assert_eq!((first.0, *port), ("0.0.0.0/0", 6379));
        assert_eq!(more.iter().map(|(b, _)| *b).collect::<Vec<_>>(), ["::/0"]);
        let diag = found[0].diag();
        assert_eq!(diag.labels.len(), 2);
        assert!(
            diag.message.starts_with("`0.0.0.0/0` and `::/0` admit"),
            "{}",
            diag.message
        );
    }

    #[test]
    fn the_default_and_the_written_cleartext_differ_only_in_the_label() {
        let m = model(&format!(
            "{BASE}replication_group cache {{ engine = \"redis\"  engine_version = \"7.1\"\n  \
             node_type = \"cache.t4g.micro\"  subnets = [data] }}\n"
        ));
        let found = find(&m);
        assert!(
            matches!(
                found.as_slice(),
                [SecurityProblem::Cleartext {
                    written: false,
                    cache: "cache",
                    ..
                }]
            ),
            "{found:?}"
        );
    }
}
