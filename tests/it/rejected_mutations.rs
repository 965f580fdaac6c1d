//! Generated programs broken on purpose must be rejected: each mutation below makes a valid program
//! invalid in one way, structurally or against an AWS rule, and the checker must report an error.
//!
//! Each mutation names the diagnostic code it expects, and the rejection must carry that code:
//! an error for another reason would hide a rule that no longer fires.

use crate::common;
#[path = "common/edit.rs"]
mod edit;

use cachec::diag::{Severity, codes};
use cachec::generate::program;
use edit::Program;

type Mutate = fn(&mut Program) -> Option<()>;

/// (what the mutation does, the code expected, the mutation).
const MUTATIONS: &[(&str, &str, Mutate)] = &[
    // Structure and names (E00xx).
    ("syntax: the last closing brace removed", "E0001", |p| {
        let last = p.last("}")?;
        p.remove_line(last)
    }),
    ("unknown declaration kind", "E0002", |p| {
        p.push("cluster extra { size = 3 }");
        Some(())
    }),
    ("unknown attribute on a cache", "E0003", |p| {
        let c = p.block("replication_group cache0 {", "")?;
        p.insert(c, None, "  colour = \"blue\"").map(drop)
    }),
    ("a boolean given as a string", "E0004", |p| {
        let c = p.block("replication_group cache0 {", "")?;
        p.set(c, "transit_encryption", "\"yes\"");
        Some(())
    }),
    ("node_type missing", "E0005", |p| {
        let c = p.block("replication_group cache0 {", "")?;
        p.remove(c, "node_type").then_some(())
    }),
    ("engine given twice", "E0006", |p| {
        let c = p.block("replication_group cache0 {", "")?;
        p.insert(c, None, "  engine = \"redis\"").map(drop)
    }),
    ("duplicate subnet name", "E0007", |p| {
        let line = p.line("  subnet clients_")?.to_string();
        let name = line.split_whitespace().nth(1)?.to_string();
        let zone = line.split('"').nth(1)?.to_string();
        p.insert_before(
            "  subnet lambda_",
            &format!("  subnet {name} {{ zone = \"{zone}\"  cidr = \"10.0.254.0/24\" }}"),
        )
    }),
    ("unknown subnet in a cache's subnets", "E0008", |p| {
        p.replace("  subnets = [c0_", "  subnets = [nowhere, c0_")
    }),
    ("a cache listed as a subnet", "E0009", |p| {
        p.replace("  subnets = [c0_", "  subnets = [cache0, c0_")
    }),
    ("the stack declaration removed", "E0010", |p| {
        let s = p.block("stack ", "")?;
        p.remove_block(s);
        Some(())
    }),
    ("unknown attribute of a cache reference", "E0011", |p| {
        p.replace(".primary_address", ".primary_addr")
    }),
    ("endpoint kind not gateway or interface", "E0012", |p| {
        p.replace("kind = gateway", "kind = tunnel")
    }),
    ("function source missing", "E0013", |p| {
        p.replace("source = \"f0_0.py\"", "source = \"missing.py\"")
    }),
    // Network (E02xx).
    // An existing subnet may lie in a secondary block of its VPC: only created subnets are held
    // to the VPC's stated block.
    ("subnet outside the VPC", "E0204", |p| {
        if p.text().contains("  existing = ") {
            return None;
        }
        p.replace("cidr = \"10.0.0.0/24\"", "cidr = \"10.1.0.0/24\"")
    }),
    ("malformed existing VPC id", "E0220", |p| {
        p.line("  existing = \"vpc-")?;
        p.replace("  existing = \"vpc-", "  existing = \"vpc-x")
    }),
    ("gateway endpoint on existing subnets", "E0225", |p| {
        p.line("  existing = ")?;
        p.replace(
            "  provides = [s3]",
            "  endpoint s3 { kind = gateway  subnets = [clients_a] }",
        )
    }),
    ("overlapping subnet CIDRs", "E0205", |p| {
        let line = p.line("  subnet clients_")?.to_string();
        let zone = line.split('"').nth(1)?.to_string();
        let cidr = line.split('"').nth(3)?.to_string();
        p.insert_before(
            "  subnet lambda_",
            &format!("  subnet overlap {{ zone = \"{zone}\"  cidr = \"{cidr}\" }}"),
        )
    }),
    ("VPC CIDR larger than /16", "E0203", |p| {
        p.replace("cidr = \"10.0.0.0/16\"", "cidr = \"10.0.0.0/8\"")
    }),
    ("zone the region does not offer", "E0208", |p| {
        let s = p.block("stack ", "")?;
        p.set(s, "region", "\"ap-northeast-1\"");
        p.insert_before(
            "  subnet lambda_",
            "  subnet odd { zone = \"e\"  cidr = \"10.0.253.0/24\" }",
        )
    }),
    ("private DNS without DNS hostnames", "E0211", |p| {
        let n = p.block("network vpc {", "kind = interface")?;
        p.remove(n, "dns_support");
        p.set(n, "dns_hostnames", "false");
        Some(())
    }),
    ("ssm as a gateway endpoint", "E0212", |p| {
        p.replace(
            "kind = interface  subnets = [clients_",
            "kind = gateway  subnets = [clients_",
        )
    }),
    // Replication groups (E01xx).
    ("engine_version 9.9", "E0102", |p| {
        let c = p.block("replication_group cache0 {", "")?;
        p.set(c, "engine_version", "\"9.9\"");
        Some(())
    }),
    ("patch engine version 7.1.0", "E0102", |p| {
        let c = p.block("replication_group cache0 {", "")?;
        p.set(c, "engine_version", "\"7.1.0\"");
        Some(())
    }),
    ("unknown node type", "E0105", |p| {
        let c = p.block("replication_group cache0 {", "")?;
        p.remove(c, "data_tiering");
        p.set(c, "node_type", "\"cache.x9.huge\"");
        Some(())
    }),
    (
        "previous-generation node type cache.t2.micro",
        "E0106",
        |p| {
            let c = p.block("replication_group cache0 {", "")?;
            p.remove(c, "data_tiering");
            p.set(c, "node_type", "\"cache.t2.micro\"");
            Some(())
        },
    ),
    ("six replicas", "E0110", |p| {
        let c = p.block("replication_group cache0 {", "")?;
        p.remove(c, "primary_zone");
        p.remove(c, "replica_zones");
        p.set(c, "replicas", "6");
        Some(())
    }),
    ("multi_az with no replicas", "E0112", |p| {
        let c = p.block("replication_group cache0 {", "")?;
        for key in [
            "primary_zone",
            "replica_zones",
            "replicas",
            "automatic_failover",
        ] {
            p.remove(c, key);
        }
        p.set(c, "multi_az", "true");
        Some(())
    }),
    ("multi_az with automatic failover off", "E0113", |p| {
        let c = p.block("replication_group cache0 {", "")?;
        p.remove(c, "primary_zone");
        p.remove(c, "replica_zones");
        let c = p.set(c, "replicas", "2");
        let c = p.set(c, "multi_az", "true");
        p.set(c, "automatic_failover", "false");
        Some(())
    }),
    ("auth token without transit encryption", "E0120", |p| {
        let c = p.block("replication_group cache0 {", "")?;
        let c = p.set(c, "transit_encryption", "false");
        p.set(c, "auth_token", "\"ssm:/cache/auth\"");
        Some(())
    }),
    ("data tiering on a node type without it", "E0109", |p| {
        let c = p.block("replication_group cache0 {", "")?;
        let c = p.set(c, "engine", "\"valkey\"");
        let c = p.set(c, "engine_version", "\"8.0\"");
        let c = p.set(c, "node_type", "\"cache.m7g.large\"");
        p.set(c, "data_tiering", "true");
        Some(())
    }),
    ("cluster-mode parameter group", "E0104", |p| {
        let c = p.block("replication_group cache0 {", "")?;
        p.set(c, "parameter_group", "\"default.redis7.cluster.on\"");
        Some(())
    }),
    ("snapshot retention of 36 days", "E0123", |p| {
        let c = p.block("replication_group cache0 {", "")?;
        p.set(c, "snapshot_retention", "36");
        Some(())
    }),
    ("replica in a zone without a cache subnet", "E0116", |p| {
        let c = p.block("replication_group cache0 {", "")?;
        p.remove(c, "replicas");
        let c = p.set(c, "replica_zones", "[\"e\"]");
        p.set(c, "primary_zone", "\"a\"");
        Some(())
    }),
    ("port 70000", "E0119", |p| {
        let c = p.block("replication_group cache0 {", "")?;
        p.set(c, "port", "70000");
        Some(())
    }),
    // Clients, functions and layers (E03xx, E04xx).
    ("python3.7 runtime", "E0402", |p| {
        for v in ["12", "13", "14"] {
            p.replace_all(
                &format!("runtime = \"python3.{v}\""),
                "runtime = \"python3.7\"",
            );
        }
        p.line("function ").map(drop)
    }),
    ("handler outside index.py", "E0404", |p| {
        p.replace("handler = \"index.", "handler = \"main.")
    }),
    ("reserved environment key", "E0412", |p| {
        let f = p.block("function ", "environment {")?;
        p.insert(f, Some("  environment {"), "    AWS_REGION = \"x\"")
            .map(drop)
    }),
    ("layer built for another architecture", "E0407", |p| {
        let f = p.block("function ", "layers = [")?;
        let arch = if p.body(f).contains("\"arm64\"") {
            "\"x86_64\""
        } else {
            "\"arm64\""
        };
        p.set(f, "architecture", arch);
        Some(())
    }),
    ("function timeout of 901 s", "E0414", |p| {
        let f = p.block("function ", "")?;
        p.set(f, "timeout", "901");
        Some(())
    }),
    ("function memory of 64 MB", "E0414", |p| {
        let f = p.block("function ", "")?;
        p.set(f, "memory", "64");
        Some(())
    }),
    ("unknown instance image", "E0304", |p| {
        let i = p.block("instance ", "")?;
        p.set(i, "image", "\"ubuntu\"");
        Some(())
    }),
    (
        "function connects to a cache without a subnet",
        "E0308",
        |p| {
            let f = p.block("function ", "connects = [")?;
            p.remove(f, "subnet").then_some(())
        },
    ),
    ("Session Manager without its endpoints", "E0301", |p| {
        p.block("instance ", "session_manager = true")?;
        p.remove_lines("  endpoint ssm, ssmmessages, ec2messages ")
    }),
];

/// How many generated programs each mutation is tried on.
const SEEDS_PER_MUTATION: usize = 5;

#[test]
fn broken_programs_are_rejected() {
    let options = common::options();
    let mut failures = Vec::new();
    for (what, code, mutate) in MUTATIONS {
        assert!(
            codes::lookup(code).is_some(),
            "{what}: {code} is not in the catalog"
        );
        let mut tried = 0;
        for seed in 0..200u64 {
            if tried == SEEDS_PER_MUTATION {
                break;
            }
            let generated = program(seed, 1 + (seed % 3) as usize, 1 + (seed % 2) as usize);
            let mut p = Program::new(&generated.source);
            if mutate(&mut p).is_none() {
                continue;
            }
            let source = p.text();
            assert_ne!(
                source, generated.source,
                "{what}: the mutation changed nothing"
            );
            tried += 1;
            let (files, diags) = cachec::compile(&source, &generated, &options);
            let rejected = diags.iter().any(|d| d.severity == Severity::Error);
            assert_eq!(
                files.is_some(),
                !rejected,
                "{what}: templates despite errors"
            );
            if !diags
                .iter()
                .any(|d| d.severity == Severity::Error && d.code.id == *code)
            {
                let found: Vec<&str> = diags.iter().map(|d| d.code.id).collect();
                failures.push(format!(
                    "{what} (expects {code}), seed {seed}: found {found:?}\n{source}"
                ));
            }
        }
        assert!(
            tried > 0,
            "{what}: no generated program had a place for this mutation"
        );
    }
    eprintln!(
        "mutations: {} kinds, each on up to {SEEDS_PER_MUTATION} programs",
        MUTATIONS.len()
    );
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

#[test]
fn generated_programs_have_no_errors() {
    let options = common::options();
    for seed in 0..100 {
        let generated = program(seed, 1 + (seed % 4) as usize, 1 + (seed % 4) as usize);
        let (_, diags) = cachec::compile(&generated.source, &generated, &options);
        let errors: Vec<_> = diags
            .iter()
            .filter(|d| d.severity == Severity::Error)
            .collect();
        assert!(
            errors.is_empty(),
            "seed {seed}: {errors:#?}\n{}",
            generated.source
        );
    }
}
