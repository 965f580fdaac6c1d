//! The logical ids each declaration becomes in the templates, computed from the model with
//! `emit::ids` before anything is emitted, and the rule that no two declarations share one.

use std::collections::{HashMap, HashSet};

use crate::diag::{Diag, codes};
use crate::emit::ids::{id, pascal};
use crate::model::{EndpointKind, Model, S, UrlAuth};

/// Resources and parameters share one name space in a template; outputs have their own.
/// Exports are the outputs and parameters that carry a value from one nested template to another.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Space {
    Resource,
    Output,
    Export,
}

/// One declaration and the ids it is emitted as.
pub struct Declared<'m> {
    pub name: &'m S<String>,
    pub ids: Vec<(Space, String)>,
}

fn declared<'m>(name: &'m S<String>, ids: &[(Space, &str)]) -> Declared<'m> {
    let n = &name.value;
    Declared {
        name,
        ids: ids.iter().map(|(s, suffix)| (*s, id(n, suffix))).collect(),
    }
}

/// Every declaration's ids, in source order. Kept in step with the emitters by a test that
/// compares these with the ids of emitted templates.
pub fn all(model: &Model) -> Vec<Declared<'_>> {
    use Space::{Export, Output, Resource};
    let mut out = Vec::new();
    for s in &model.network.subnets {
        out.push(declared(
            &s.name,
            &[
                (Resource, "Subnet"),
                (Resource, "RouteTable"),
                (Resource, "RouteTableAssociation"),
            ],
        ));
    }
    for e in &model.network.endpoints {
        let mut d = declared(&e.name, &[(Resource, "Endpoint")]);
        if e.kind.value == EndpointKind::Interface {
            d.ids.push((
                Resource,
                format!(
                    "{}SecurityGroup",
                    pascal(&format!("{}_endpoint", e.name.value))
                ),
            ));
        }
        out.push(d);
    }
    for c in &model.caches {
        out.push(declared(
            &c.name,
            &[
                (Resource, "SubnetGroup"),
                (Resource, "ReplicationGroup"),
                (Resource, "SecurityGroup"),
                (Output, "PrimaryAddress"),
                (Output, "ReaderAddress"),
                (Export, "ReplicationGroupPrimaryEndPointAddress"),
                (Export, "ReplicationGroupReaderEndPointAddress"),
                (Export, "ReplicationGroupPrimaryEndPointPort"),
            ],
        ));
    }
    for l in &model.layers {
        out.push(declared(
            &l.name,
            &[
                (Resource, "Requirements"),
                (Resource, "BuilderRole"),
                (Resource, "Builder"),
                (Resource, "Build"),
                (Resource, "Layer"),
            ],
        ));
    }
    for i in &model.instances {
        let mut ids = vec![
            (Resource, "ImageId"),
            (Resource, "Instance"),
            (Resource, "SecurityGroup"),
        ];
        if i.session_manager() {
            ids.extend([(Resource, "Role"), (Resource, "InstanceProfile")]);
        }
        let mut d = declared(&i.name, &ids);
        d.ids
            .extend(endpoint_ingress(model, i.subnet.index, &i.name.value));
        out.push(d);
    }
    for f in &model.functions {
        let mut ids = vec![(Resource, "Role"), (Resource, "Function")];
        if f.subnet.is_some() {
            ids.push((Resource, "SecurityGroup"));
        }
        if let Some(url) = &f.url {
            ids.extend([
                (Resource, "Url"),
                (Output, "Url"),
                (Export, "UrlFunctionUrl"),
            ]);
            if url.value == UrlAuth::Public {
                ids.extend([(Resource, "UrlPermission"), (Resource, "InvokePermission")]);
            }
        }
        let mut d = declared(&f.name, &ids);
        if let Some(subnet) = &f.subnet {
            d.ids
                .extend(endpoint_ingress(model, subnet.index, &f.name.value));
        }
        out.push(d);
    }
    out.sort_by_key(|d| d.name.span);
    out
}

/// The HTTPS rule a client in `subnet` gets in each interface endpoint's group serving it.
fn endpoint_ingress(model: &Model, subnet: usize, client: &str) -> Vec<(Space, String)> {
    model
        .network
        .endpoints
        .iter()
        .filter(|e| e.kind.value == EndpointKind::Interface)
        .filter(|e| e.subnets.iter().any(|s| s.index == subnet))
        .map(|e| {
            let group = pascal(&format!("{}_endpoint", e.name.value));
            (Space::Resource, format!("{}{group}Ingress", pascal(client)))
        })
        .collect()
}

/// Two declarations whose names differ only in what logical ids drop (`cache_a` and `cacheA`
/// both give `CacheASubnet`) would overwrite each other in the template.
pub fn check(model: &Model, out: &mut Vec<Diag>) {
    let declared = all(model);
    let mut owner: HashMap<(Space, &str), usize> = HashMap::new();
    let mut reported: HashSet<(usize, usize)> = HashSet::new();
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
    use std::collections::BTreeSet;

    use super::*;
    use crate::emit::{self, EmitOptions};
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
layer deps { runtime = "python3.12"  requirements = ["redis"] }
instance shell { subnet = app  instance_type = "t3.micro"  image = "al2023"  session_manager = true }
instance quiet { subnet = app  instance_type = "t3.micro"  image = "al2023" }
function open { subnet = app  runtime = "python3.12"  handler = "index.handler"  source = "a.py"
  layers = [deps]  url = "public"  connects = [cache]
  environment { HOST = cache.primary_address  PORT = cache.port  READER = cache.reader_address } }
function signed { runtime = "python3.12"  handler = "index.handler"  source = "a.py"  url = "iam" }
"#;

    /// Every id of every emitted template, besides the fixed ones, is one `all` predicts.
    #[test]
    fn predicted_ids_match_the_emitted_templates() {
        let file = crate::syntax::parse(PROGRAM).expect("parses");
        let (model, diags) = crate::model::lower(&file, &Inline);
        assert!(diags.is_empty(), "{diags:?}");
        let predicted: BTreeSet<String> = all(&model)
            .into_iter()
            .flat_map(|d| d.ids.into_iter().map(|(_, id)| id))
            .collect();
        let fixed = [
            "Vpc",
            "ArtifactBucket",
            "NetworkStack",
            "EndpointsStack",
            "CacheStack",
            "LayersStack",
            "InstancesStack",
            "FunctionsStack",
        ];
        let mut emitted = BTreeSet::new();
        for single in [false, true] {
            let options = EmitOptions {
                single,
                ..EmitOptions::default()
            };
            for (_, t) in emit::templates(emit::plan(&model), options).expect("fits") {
                let ids = t.resources.keys().chain(t.parameters.keys());
                emitted.extend(ids.chain(t.outputs.keys()).cloned());
            }
        }
        emitted.retain(|id| !fixed.contains(&id.as_str()));
        let exports_unused: BTreeSet<&String> = predicted.difference(&emitted).collect();
        assert!(
            exports_unused.is_empty() && emitted.is_subset(&predicted),
            "predicted but not emitted: {exports_unused:?}; emitted but not predicted: {:?}",
            emitted.difference(&predicted).collect::<Vec<_>>()
        );
    }

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
