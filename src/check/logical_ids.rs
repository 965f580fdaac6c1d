//! No two declarations may become the same logical id: the ids come from `model::ids`, the
//! names the emitters build the templates from.

use crate::hash::{HashMap, HashSet};

use crate::diag::{Diag, codes};
use crate::model::Model;
use crate::model::ids::{self, Space};

/// Two declarations whose names differ only in what logical ids drop (`cache_a` and `cacheA`
/// both give `CacheASubnet`) would overwrite each other in the template.
pub fn check(model: &Model, out: &mut Vec<Diag>) {
    let declared = ids::all(model);
    let count = declared.iter().map(|d| d.ids.len()).sum();
    let mut owner: HashMap<(Space, &str), usize> =
        HashMap::with_capacity_and_hasher(count, Default::default());
    let mut reported: HashSet<(usize, usize)> = HashSet::default();
    for (index, d) in declared.iter().enumerate() {
        for (space, logical) in &d.ids {
            if *space == Space::Export {
                continue;
            }
            let first = *owner.entry((*space, logical.as_str())).or_insert(index);
            if first == index || !reported.insert((first, index)) {
                continue;
            }
            let Some(earlier) = declared.get(first) else {
                continue;
            };
            out.push(
                Diag::new(
                    codes::E0605,
                    d.name.span,
                    format!(
                        "`{}` and `{}` both become the logical id `{logical}`",
                        d.name.value, earlier.name.value
                    ),
                    format!("becomes `{logical}`"),
                )
                .with_label(earlier.name.span, format!("also becomes `{logical}`"))
                .help(
                    "rename one of them: logical ids keep only letters and digits, and `_` only \
                     capitalises the next letter",
                ),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::SourceLoader;

    struct Inline;

    impl SourceLoader for Inline {
        fn load(&self, _: &str) -> Result<String, String> {
            Ok("def handler(event, context):\n    return 1\n".into())
        }
    }

    const PROGRAM: &str = r#"
stack "s" {}
network vpc {
  cidr = "10.0.0.0/16"
  subnet app { zone = "a"  cidr = "10.0.1.0/24" }
  subnet data { zone = "d"  cidr = "10.0.2.0/24" }
  endpoint s3 { kind = gateway  subnets = [app] }
  endpoint ssm, ssmmessages, ec2messages { kind = interface  subnets = [app] }
}
replication_group cache {
  engine = "redis"  engine_version = "7.1"  node_type = "cache.t4g.micro"  subnets = [data]
}
layer deps { runtime = "python3.12"  requirements = ["redis==5.2.1"] }
instance shell { subnet = app  instance_type = "t3.micro"  image = "al2023"  session_manager = true }
instance quiet { subnet = app  instance_type = "t3.micro"  image = "al2023" }
function open { subnet = app  runtime = "python3.12"  handler = "index.handler"  source = "a.py"
  layers = [deps]  url = "public"  connects = [cache]
  environment { HOST = cache.primary_address  PORT = cache.port  READER = cache.reader_address } }
function signed { runtime = "python3.12"  handler = "index.handler"  source = "a.py"  url = "iam" }
"#;

    #[test]
    fn names_that_lose_only_underscores_collide() {
        let program = PROGRAM.replace(
            "subnet data {",
            "subnet cache_a { zone = \"a\"  cidr = \"10.0.3.0/24\" }\n  subnet cacheA { zone = \"a\"  cidr = \"10.0.4.0/24\" }\n  subnet data {",
        );
        let file = crate::syntax::parse(&program).expect("parses");
        let (model, _) = crate::model::lower(&file, &Inline);
        let mut out = Vec::new();
        check(&model, &mut out);
        assert_eq!(out.len(), 1, "{out:?}");
        assert!(out[0].message.contains("`cacheA` and `cache_a`"));
    }
}
