//! Every logical id the emitters write is one that `model::ids` predicts for its declaration, so
//! the checks that read those ids (collisions, lengths) judge what is really emitted.

use std::collections::BTreeSet;

use super::{EmitOptions, plan, templates};
use crate::model::ids::all;
use crate::model::{Model, SourceLoader};

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

/// The ids of the root's own resources and parameters, which belong to no declaration.
const FIXED: [&str; 9] = [
    "VpcIdParameter",
    "Vpc",
    "ArtifactBucket",
    "NetworkStack",
    "EndpointsStack",
    "CacheStack",
    "LayersStack",
    "InstancesStack",
    "FunctionsStack",
];

/// `complete`: the program uses every id it can have, exports included, so every predicted id
/// must appear; otherwise only what is emitted must have been predicted.
fn assert_predicted(model: &Model, what: &str, complete: bool) {
    let predicted: BTreeSet<String> = all(model)
        .into_iter()
        .flat_map(|d| d.ids.into_iter().map(|(_, id)| id))
        .collect();
    let mut emitted = BTreeSet::new();
    for single in [false, true] {
        let options = EmitOptions {
            single,
            ..EmitOptions::default()
        };
        for (_, t) in templates(plan(model), options).expect("fits") {
            let ids = t.resources.keys().chain(t.parameters.keys());
            emitted.extend(ids.chain(t.outputs.keys()).cloned());
        }
    }
    emitted.retain(|id| !FIXED.contains(&id.as_str()));
    let never_emitted: BTreeSet<&String> = if complete {
        predicted.difference(&emitted).collect()
    } else {
        BTreeSet::new()
    };
    assert!(
        never_emitted.is_empty() && emitted.is_subset(&predicted),
        "{what}: predicted but not emitted: {never_emitted:?}; emitted but not predicted: {:?}",
        emitted.difference(&predicted).collect::<Vec<_>>()
    );
}

#[test]
fn predicted_ids_match_the_emitted_templates() {
    let file = crate::syntax::parse(PROGRAM).expect("parses");
    let (model, diags) = crate::model::lower(&file, &Inline);
    assert!(diags.is_empty(), "{diags:?}");
    assert_predicted(&model, "the program of every kind", true);
}

#[test]
fn predicted_ids_match_generated_programs() {
    for seed in 0..8 {
        let g = crate::generate::program(seed, 3, 2);
        let file = crate::syntax::parse(&g.source).expect("parses");
        let (model, _) = crate::model::lower(&file, &g);
        assert_predicted(&model, &format!("seed {seed}"), false);
    }
}
