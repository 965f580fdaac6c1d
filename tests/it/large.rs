//! Large programs: past each CloudFormation template limit a program still builds, into a set of
//! templates that each keep the limits, wire together consistently, and that cfn-lint accepts.
//! Correctness only: how fast this goes is measured by `make bench`, not asserted here.

use crate::common;

use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;

use cachec::diag::render::{Style, render};
use cachec::emit::node::Node;
use cachec::emit::plan::{Plan, Section};
use cachec::emit::split::{Limits, export_name};
use cachec::emit::{self, EmitOptions, Format};
use cachec::generate::{Generated, program};
use serde_yaml::Value;

/// Checks and plans a generated program; panics on any error.
fn plan_of(g: &Generated) -> Plan {
    let checked = cachec::check(&g.source, g, &common::options());
    let errors: Vec<_> = checked
        .diags
        .iter()
        .filter(|d| d.severity == cachec::diag::Severity::Error)
        .collect();
    assert!(errors.is_empty(), "{errors:?}");
    emit::plan(&checked.model.expect("a model"))
}

/// The printed template set under `limits`, as (file name, contents).
fn build(g: &Generated, format: Format, limits: &Limits) -> Vec<(String, String)> {
    let options = EmitOptions {
        format,
        single: false,
    };
    emit::templates_within(plan_of(g), options, limits)
        .expect("the program fits once split")
        .into_iter()
        .map(|(stem, t)| {
            (
                format!("{stem}.{}", format.extension()),
                emit::print(&t, format),
            )
        })
        .collect()
}

/// Outside references of one section: values it reads from other sections, and its values that
/// other sections or the root read. What the section would need as parameters and outputs unsplit.
fn crossings(plan: &Plan, section: Section) -> (BTreeSet<String>, BTreeSet<String>) {
    let section_of = |id: &str| {
        plan.resources
            .get(id)
            .map(|r| r.section)
            .or_else(|| plan.local_parameters.get(id).map(|p| p.section))
    };
    let (mut reads, mut read_by_others) = (BTreeSet::new(), BTreeSet::new());
    let mut visit = |from: Option<Section>, node: &Node| {
        let Some(to) = node.target().and_then(section_of) else {
            return;
        };
        let name = export_name(node).expect("a reference");
        if from == Some(section) && to != section {
            reads.insert(name);
        } else if to == section && from != Some(section) {
            read_by_others.insert(name);
        }
    };
    for r in plan.resources.values() {
        for value in r.item.properties.values() {
            value.each_ref(&mut |n| visit(Some(r.section), n));
        }
    }
    for o in plan.outputs.values() {
        o.value.each_ref(&mut |n| visit(None, n));
    }
    (reads, read_by_others)
}

fn tag(v: &Value) -> Option<(String, &Value)> {
    match v {
        Value::Tagged(t) => Some((
            t.tag.to_string().trim_start_matches('!').to_string(),
            &t.value,
        )),
        _ => None,
    }
}

fn keys(v: &Value, section: &str) -> BTreeSet<String> {
    v.get(section)
        .and_then(Value::as_mapping)
        .map(|m| {
            m.keys()
                .filter_map(|k| k.as_str().map(str::to_string))
                .collect()
        })
        .unwrap_or_default()
}

/// Every `!Ref` and `!GetAtt` target below `v`.
fn references(v: &Value, out: &mut Vec<(String, String)>) {
    match v {
        Value::Tagged(t) => {
            if let Some((name, inner)) = tag(v)
                && (name == "Ref" || name == "GetAtt")
                && let Some(s) = inner.as_str()
            {
                out.push((name, s.to_string()));
                return;
            }
            references(&t.value, out);
        }
        Value::Sequence(items) => items.iter().for_each(|i| references(i, out)),
        Value::Mapping(m) => m.values().for_each(|i| references(i, out)),
        _ => {}
    }
}

/// The set keeps every limit, each template resolves its own references, and the root wires every
/// nested stack's parameters to outputs that exist, without a cycle between stacks.
fn assert_consistent(files: &[(String, String)], limits: &Limits) {
    let docs: BTreeMap<&str, Value> = files
        .iter()
        .map(|(name, text)| {
            assert!(
                text.len() <= limits.bytes,
                "{name} is {} bytes, over {}",
                text.len(),
                limits.bytes
            );
            (
                name.as_str(),
                serde_yaml::from_str(text).expect("valid YAML"),
            )
        })
        .collect();
    for (name, doc) in &docs {
        let (resources, parameters) = (keys(doc, "Resources"), keys(doc, "Parameters"));
        assert!(
            resources.len() <= limits.resources,
            "{name}: {} resources",
            resources.len()
        );
        assert!(
            parameters.len() <= limits.parameters,
            "{name}: {} parameters",
            parameters.len()
        );
        let outputs = keys(doc, "Outputs").len();
        assert!(outputs <= limits.outputs, "{name}: {outputs} outputs");
        let mut refs = Vec::new();
        references(doc.get("Resources").expect("resources"), &mut refs);
        if let Some(o) = doc.get("Outputs") {
            references(o, &mut refs);
        }
        for (kind, target) in refs {
            let id = target.split('.').next().unwrap_or_default();
            let known = resources.contains(id)
                || (kind == "Ref" && (parameters.contains(id) || id.starts_with("AWS::")));
            assert!(
                known,
                "{name}: !{kind} {target} points outside the template"
            );
        }
    }
    let root = docs.get("stack.yaml").expect("a root template");
    let stacks = root
        .get("Resources")
        .and_then(Value::as_mapping)
        .expect("root resources");
    let mut after: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    let file_of = |stack: &str| {
        stacks[stack]["Properties"]["TemplateURL"]
            .as_str()
            .expect("a local template path")
            .to_string()
    };
    for (id, stack) in stacks {
        let id = id.as_str().expect("an id").to_string();
        assert_eq!(stack["Type"].as_str(), Some("AWS::CloudFormation::Stack"));
        let nested = &docs[file_of(&id).as_str()];
        let required: BTreeSet<String> = keys(nested, "Parameters")
            .into_iter()
            .filter(|p| nested["Parameters"][p.as_str()].get("Default").is_none())
            .collect();
        let wires = &stack["Properties"]["Parameters"];
        assert_eq!(keys(&stack["Properties"], "Parameters"), required, "{id}");
        for wire in wires.as_mapping().into_iter().flat_map(|m| m.values()) {
            let (kind, target) = tag(wire).expect("a wire is a reference");
            let target = target.as_str().expect("a name");
            if kind == "Ref" {
                assert!(keys(root, "Parameters").contains(target), "{id}: {target}");
                continue;
            }
            let (producer, output) = target.split_once(".Outputs.").expect("a stack output");
            let outputs = keys(&docs[file_of(producer).as_str()], "Outputs");
            assert!(outputs.contains(output), "{id} reads {producer}.{output}");
            after
                .entry(id.clone())
                .or_default()
                .insert(producer.to_string());
        }
        for dep in stack
            .get("DependsOn")
            .and_then(Value::as_sequence)
            .into_iter()
            .flatten()
        {
            after
                .entry(id.clone())
                .or_default()
                .insert(dep.as_str().expect("an id").to_string());
        }
    }
    // Stacks in root order only ever wait on earlier stacks: no cycle can form.
    let order: Vec<String> = stacks
        .keys()
        .filter_map(|k| k.as_str().map(str::to_string))
        .collect();
    for (i, id) in order.iter().enumerate() {
        for dep in after.get(id).into_iter().flatten() {
            let j = order.iter().position(|o| o == dep).expect("a known stack");
            assert!(j < i, "{id} waits on the later stack {dep}");
        }
    }
}

/// Writes each case's files into its own folder and runs cfn-lint once over all of them.
fn lint(cases: &[(&str, Vec<(String, String)>)]) {
    // A folder per call: tests lint in parallel, and each removes its own folder at the end.
    let first = cases.first().map_or("none", |(case, _)| *case);
    let dir = std::env::temp_dir().join(format!("cachec-large-{}-{first}", std::process::id()));
    let mut paths: Vec<PathBuf> = Vec::new();
    for (case, files) in cases {
        let out = dir.join(case);
        std::fs::create_dir_all(&out).expect("a temp folder");
        for (name, text) in files {
            let path = out.join(name);
            std::fs::write(&path, text).expect("written");
            paths.push(path);
        }
    }
    common::assert_lints_clean(&paths);
    std::fs::remove_dir_all(&dir).ok();
}

fn count(plan: &Plan, section: Section) -> usize {
    plan.resources
        .values()
        .filter(|r| r.section == section)
        .count()
}

/// A function source of about `bytes` bytes: real Python, its bulk a table of constants.
/// `original` (whose handler the program names) after a table that pads it to `bytes`.
fn big_source(original: &str, bytes: usize) -> String {
    let mut s = String::from("TABLE = [\n");
    let mut i = 0;
    while s.len() < bytes {
        s.push_str(&format!(
            "    \"{i:08}-padding-for-a-large-inline-source\",\n"
        ));
        i += 1;
    }
    s.push_str("]\n\n");
    s.push_str(original);
    s
}

#[test]
fn programs_past_each_limit_split_into_sets_cfn_lint_accepts() {
    let cloudformation = Limits::CLOUDFORMATION;
    // Past the resource, parameter and output limits at once: 75 caches with their clients.
    let many = program(11, 75, 2);
    let plan = plan_of(&many);
    assert!(
        count(&plan, Section::Network) > 500,
        "network needs more than 500 resources"
    );
    let (function_reads, _) = crossings(&plan, Section::Functions);
    assert!(
        function_reads.len() > 200,
        "functions read {} values",
        function_reads.len()
    );
    let (_, network_read) = crossings(&plan, Section::Network);
    assert!(
        network_read.len() > 200,
        "network publishes {} values",
        network_read.len()
    );
    let many_files = build(&many, Format::Yaml, &cloudformation);
    assert!(
        many_files.iter().any(|(n, _)| n == "network-2.yaml"),
        "network is split"
    );
    assert!(
        many_files.iter().any(|(n, _)| n == "functions-2.yaml"),
        "functions are split"
    );
    assert_consistent(&many_files, &cloudformation);

    // Past the body limit: functions with 300 kB of inline source each, over 1 MB in all.
    let mut heavy = program(12, 6, 2);
    // Function sources only: a layer's requirements file is held to an SSM parameter's 4 KB.
    let mut sources = 0;
    for (_, source) in heavy.files.iter_mut().filter(|(n, _)| n.ends_with(".py")) {
        *source = big_source(source, 300_000);
        sources += 1;
    }
    assert!(sources >= 4, "{sources} functions");
    let heavy_files = build(&heavy, Format::Yaml, &cloudformation);
    assert!(
        heavy_files.iter().any(|(n, _)| n == "functions-2.yaml"),
        "functions are split"
    );
    assert_consistent(&heavy_files, &cloudformation);

    // Packed wiring, which only a root past 1 MB needs, reached on a small program by a small root.
    let packed_limits = Limits {
        bytes: 80_000,
        ..cloudformation
    };
    let packed = build(&program(13, 40, 2), Format::Yaml, &packed_limits);
    let root = &packed
        .iter()
        .find(|(n, _)| n == "stack.yaml")
        .expect("root")
        .1;
    assert!(root.contains("Values0"), "wires are packed:\n{root}");
    assert_consistent(&packed, &cloudformation);
    let json = build(&program(13, 40, 2), Format::Json, &packed_limits);

    lint(&[
        ("many", many_files),
        ("heavy", heavy_files),
        ("packed", packed),
        ("packed-json", json),
    ]);
}

#[test]
fn splitting_is_deterministic() {
    let g = program(21, 120, 2);
    let limits = Limits::CLOUDFORMATION;
    assert_eq!(
        build(&g, Format::Yaml, &limits),
        build(&g, Format::Yaml, &limits)
    );
}

#[test]
fn two_thousand_caches_check_and_build() {
    let g = program(1, 2000, 2);
    let files = build(&g, Format::Yaml, &Limits::CLOUDFORMATION);
    assert!(files.len() > 100, "{} templates", files.len());
    assert_consistent(&files, &Limits::CLOUDFORMATION);
}

/// Renders what the program's build reports, for a snapshot in `tests/snapshots/large`.
/// The model comes from lowering alone: the checker stops most oversized declarations earlier
/// (E0410 for inline sources), and these tests are about the emitter's own safety net behind it.
fn rendered(g: &Generated, limits: &Limits) -> String {
    let file = cachec::syntax::parse(&g.source).expect("generated programs parse");
    // A generated program with environments is lowered as its first environment sees it.
    let env = cachec::model::environments::names(&file).into_iter().next();
    let file = cachec::model::environments::select(&file, env.as_deref());
    let (model, diags) = cachec::model::lower(&file, g);
    assert!(diags.is_empty(), "{diags:?}");
    let plan = emit::plan(&model);
    let diag =
        emit::templates_within(plan, EmitOptions::default(), limits).expect_err("no split fits");
    assert!(!diag.help.is_empty() && !diag.labels.is_empty());
    render(&[diag], "stack.cache", &g.source, Style::PLAIN)
}

#[test]
fn no_split_fits_a_function_larger_than_a_template() {
    let mut g = program(31, 1, 1);
    // Function sources only: a layer's requirements file is held to an SSM parameter's 4 KB.
    for (_, source) in g.files.iter_mut().filter(|(n, _)| n.ends_with(".py")) {
        *source = big_source(source, 1_100_000);
    }
    let text = rendered(&g, &Limits::CLOUDFORMATION);
    assert!(text.starts_with("E0651"), "{text}");
    insta::with_settings!({ snapshot_path => "../snapshots/large", prepend_module_to_snapshot => false }, {
        insta::assert_snapshot!("limits_function_too_large", text);
    });
}

#[test]
fn no_split_fits_a_root_too_small_for_the_wiring() {
    // Templates of five resources: the root can hold five nested stacks, far fewer than the
    // program needs. Under CloudFormation's limits this takes some 250,000 resources.
    let limits = Limits {
        resources: 5,
        ..Limits::CLOUDFORMATION
    };
    // Seed 33: its caches have no alarms, so no single declaration outgrows five resources.
    let g = program(33, 3, 1);
    let text = rendered(&g, &limits);
    assert!(text.starts_with("E0652"), "{text}");
    insta::with_settings!({ snapshot_path => "../snapshots/large", prepend_module_to_snapshot => false }, {
        insta::assert_snapshot!("limits_root_too_small", text);
    });
}

/// A Valkey cluster at the node limit: 100 shards of a primary and 4 replicas, 500 nodes, each
/// shard placed and given its share of the slots, an alarm set on every node, read by a function.
fn cluster_at_the_node_limit(alarms: bool) -> Generated {
    let mut source = String::from(
        r#"stack "big" { region = "us-east-1" }
network vpc {
  cidr = "10.0.0.0/16"
  subnet a { zone = "a"  cidr = "10.0.0.0/20" }
  subnet b { zone = "b"  cidr = "10.0.16.0/20" }
  subnet c { zone = "c"  cidr = "10.0.32.0/20" }
}
replication_group big {
  engine = "valkey"  engine_version = "8.0"  node_type = "cache.m7g.large"
  subnets = [a, b, c]  transit_encryption = true  multi_az = true
  cluster_mode = enabled  shards = 100  replicas_per_shard = 4
"#,
    );
    let zones = ["a", "b", "c"];
    for s in 0..100usize {
        let (start, end) = (s * 16_384 / 100, (s + 1) * 16_384 / 100 - 1);
        let replicas: Vec<String> = (1..=4)
            .map(|r| format!("\"{}\"", zones[(s + r) % 3]))
            .collect();
        source.push_str(&format!(
            "  shard s{s} {{ slots = \"{start}-{end}\"  primary_zone = \"{}\"  replica_zones = [{}] }}\n",
            zones[s % 3],
            replicas.join(", ")
        ));
    }
    if alarms {
        source.push_str("  alarms { }\n");
    }
    source.push_str(
        r#"}
function api {
  subnets = [a, b]  runtime = "python3.12"  handler = "index.handler"  source = "api.py"
  connects = [big]
  environment { HOST = big.configuration_address  PORT = big.configuration_port }
}
"#,
    );
    let mut files = indexmap::IndexMap::new();
    files.insert(
        "api.py".to_string(),
        "def handler(event, context):\n    return 1\n".to_string(),
    );
    Generated { source, files }
}

#[test]
fn a_cluster_at_the_node_limit_builds_and_lints_clean() {
    let g = cluster_at_the_node_limit(false);
    let checked = cachec::check(&g.source, &g, &common::options());
    let codes: Vec<&str> = checked.diags.iter().map(|d| d.code.id).collect();
    // 500 nodes is the most a cluster may have; above 90 the account needs a quota increase.
    assert_eq!(codes, ["W1001"], "{:?}", checked.diags);
    let model = checked.model.expect("a model");
    assert_eq!(model.caches[0].node_count(), 500);
    let files = build(&g, Format::Yaml, &Limits::CLOUDFORMATION);
    let cache = &files
        .iter()
        .find(|(n, _)| n == "cache.yaml")
        .expect("the cache template")
        .1;
    assert_eq!(cache.matches("NodeGroupId:").count(), 100);
    assert!(cache.contains("UseOnlineResharding: true"));
    assert_consistent(&files, &Limits::CLOUDFORMATION);

    lint(&[("cluster", files)]);

    // With an alarm set on every node, the group's 3,000 alarms cannot share its template: the
    // build says so at the declaration instead of writing a template CloudFormation refuses.
    let watched = cluster_at_the_node_limit(true);
    let options = EmitOptions {
        format: Format::Yaml,
        single: false,
    };
    let refused = emit::templates_within(plan_of(&watched), options, &Limits::CLOUDFORMATION)
        .expect_err("the alarms do not fit one template");
    assert_eq!(refused.code.id, "E0651", "{refused:?}");
}
