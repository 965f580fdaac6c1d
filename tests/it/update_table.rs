//! The update table agrees with CloudFormation's registry schemas (as cfn-lint ships them): a
//! property is marked `Replace` exactly when it is create-only; and every property cachec emits,
//! in the examples and in generated programs, has a row.

use std::collections::BTreeSet;
use std::process::Command;

use cachec::plan::table::{TABLE, Update};

use crate::common;

/// The top-level create-only properties of each type, read from cfn-lint's schemas.
fn create_only(types: &[&str]) -> Vec<(String, BTreeSet<String>)> {
    let script = r#"
import json, sys
from cfnlint.schema import PROVIDER_SCHEMA_MANAGER as m
for t in sys.argv[1:]:
    s = m.get_resource_schema("us-east-1", t).schema
    props = sorted({p.split("/")[2] for p in s.get("createOnlyProperties", [])})
    print(json.dumps([t, props]))
"#;
    let out = Command::new("python3")
        .arg("-c")
        .arg(script)
        .args(types)
        .output()
        .expect("python3 runs");
    assert!(
        out.status.success(),
        "cfn-lint's schemas are needed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).expect("one JSON array per type"))
        .collect()
}

#[test]
fn replace_rows_are_exactly_the_create_only_properties() {
    let types: Vec<&str> = TABLE
        .iter()
        .map(|t| t.ty)
        .filter(|t| !t.starts_with("Custom::"))
        .collect();
    let mut wrong = Vec::new();
    for (ty, create_only) in create_only(&types) {
        let rows = TABLE.iter().find(|t| t.ty == ty).expect("asked for").rows;
        for row in rows {
            let replaces = row.update == Update::Replace;
            if replaces != create_only.contains(row.property) {
                wrong.push(format!(
                    "{ty} {}: table says {:?}, schema create-only: {}",
                    row.property,
                    row.update,
                    create_only.contains(row.property)
                ));
            }
        }
    }
    assert!(
        wrong.is_empty(),
        "the table disagrees with the schemas: {wrong:#?}"
    );
}

#[test]
fn every_emitted_property_has_a_row() {
    let mut built = Vec::new();
    for example in [
        "fa-063",
        "production",
        "serverless",
        "sharded",
        "single-node",
        "valkey-3az",
        "global",
        "autoscaled",
    ] {
        let path = std::path::PathBuf::from(format!("examples/{example}/stack.cache"));
        let src = std::fs::read_to_string(&path).expect("example");
        let loader = cachec::DirLoader(path.parent().expect("folder").to_path_buf());
        built.push(cachec::build(&src, &loader, &common::options()).0);
    }
    for seed in 1..=4 {
        let generated = cachec::generate::program(seed, 6, 3);
        built.push(cachec::build(&generated.source, &generated, &common::options()).0);
    }
    let mut missing = BTreeSet::new();
    for set in built {
        let set = set.expect("the programs build");
        let secondaries = set.secondaries.iter().flat_map(|(_, t)| t);
        for (_, template) in set.templates.iter().chain(secondaries) {
            for resource in template.resources.values() {
                let ty = cachec::plan::table::lookup(resource.ty);
                for property in resource.properties.keys() {
                    if ty.and_then(|t| t.row(property)).is_none() {
                        missing.insert(format!("{} {property}", resource.ty));
                    }
                }
            }
        }
    }
    assert!(
        missing.is_empty(),
        "no row in the update table: {missing:#?}"
    );
}
