//! Plan tests as data: every `tests/plan/<case>/` holds `old.cache` and `new.cache`; the snapshot
//! shows what `cachec plan` shows: both programs' diagnostics (errors, and NEW's warnings that OLD
//! does not have), the plan, its findings and the exit status.
//! `new.cache` may start with `# args: --allow-replace NAME` (and `--env ENV`, for both programs).

use std::collections::BTreeSet;
use std::path::Path;

use cachec::diag::render::{Style, render};
use cachec::diag::{Diag, has_errors};
use cachec::plan::render::{Source, Sources};
use cachec::plan::{self, Side, table};
use cachec::{Built, DirLoader};

use crate::common;

struct Program {
    src: String,
    built: Option<Built>,
    diags: Vec<Diag>,
}

fn build(path: &Path, env: Option<String>) -> Program {
    let src = std::fs::read_to_string(path).expect("readable");
    let loader = DirLoader(path.parent().expect("folder").to_path_buf());
    let mut options = common::options();
    options.env = env;
    let (built, diags) = cachec::build(&src, &loader, &options);
    Program { src, built, diags }
}

/// The plan of one case, rendered, and the (type, property) rows its changes used.
fn run(dir: &Path) -> (String, Vec<(String, String)>) {
    let header = std::fs::read_to_string(dir.join("new.cache")).expect("readable");
    let env = arg(&header, "--env").into_iter().next();
    let old = build(&dir.join("old.cache"), env.clone());
    let new = build(&dir.join("new.cache"), env);
    let allow = allowed(&new.src);
    // As `cachec plan` shows them: OLD's errors, NEW's errors and the warnings OLD does not have.
    let shown = plan::carried::shown(&old.diags, &new.diags);
    let mut out = render(&shown.old, "old.cache", &old.src, Style::PLAIN);
    out.push_str(&render(&shown.new, "new.cache", &new.src, Style::PLAIN));
    if let Some(note) = shown.note("new.cache", "old.cache") {
        out.push_str(&note);
        out.push('\n');
    }
    let (Some(before), Some(after)) = (&old.built, &new.built) else {
        out.insert_str(0, "exit: 1\n");
        return (out, Vec::new());
    };
    let plan = plan::plan(before, after, &allow);
    let sources = Sources {
        old: Source {
            name: "old.cache",
            src: &old.src,
        },
        new: Source {
            name: "new.cache",
            src: &new.src,
        },
    };
    out.push_str(&plan::render::human(&plan, sources));
    for side in [Side::Old, Side::New] {
        let diags: Vec<Diag> = plan
            .findings
            .iter()
            .filter(|f| f.side == side)
            .map(|f| f.diag.clone())
            .collect();
        for d in &diags {
            assert!(!d.help.is_empty(), "{} has no help", d.code.id);
        }
        let source = sources.get(side);
        out.push_str(&render(&diags, source.name, source.src, Style::PLAIN));
    }
    let failed = plan.has_errors() || has_errors(&old.diags) || has_errors(&new.diags);
    out.insert_str(0, &format!("exit: {}\n", u8::from(failed)));
    let rows = plan
        .changes
        .iter()
        .flat_map(|c| {
            c.properties
                .iter()
                .map(|p| (c.resource_type.to_string(), p.name.clone()))
        })
        .collect();
    (out, rows)
}

/// The `--allow-replace` names of a case's `# args:` header (on `new.cache`'s first line).
pub(crate) fn allowed(src: &str) -> Vec<String> {
    arg(src, "--allow-replace")
}

/// The values of option `name` in a case's `# args:` header.
pub(crate) fn arg(src: &str, name: &str) -> Vec<String> {
    let words: Vec<&str> = src
        .lines()
        .next()
        .and_then(|l| l.strip_prefix("# args:"))
        .unwrap_or_default()
        .split_whitespace()
        .collect();
    words
        .windows(2)
        .filter(|w| w.first() == Some(&name))
        .filter_map(|w| w.get(1).map(|n| n.to_string()))
        .collect()
}

/// Every case folder under `tests/plan`, in order.
pub(crate) fn cases() -> Vec<std::path::PathBuf> {
    let mut dirs: Vec<_> = std::fs::read_dir("tests/plan")
        .expect("tests/plan exists")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.join("new.cache").is_file())
        .collect();
    dirs.sort();
    dirs
}

#[test]
fn plans() {
    for dir in cases() {
        let name = dir
            .file_name()
            .expect("name")
            .to_string_lossy()
            .into_owned();
        let (rendered, _) = run(&dir);
        insta::with_settings!({ snapshot_path => "../plan/snapshots", snapshot_suffix => "", prepend_module_to_snapshot => false, input_file => dir.join("new.cache") }, {
            insta::assert_snapshot!(name, rendered);
        });
    }
}

/// Rows no change of a program can reach: the value is a constant of the emitter, or derived from
/// the declaration's name (so it never changes while the logical id stays), or it refers to a
/// resource that is never replaced on its own (a role, a subnet group).
const UNREACHABLE: &[(&str, &str)] = &[
    ("AWS::ElastiCache::ReplicationGroup", "CacheSubnetGroupName"),
    ("AWS::ElastiCache::UserGroup", "UserGroupId"),
    (
        "AWS::ElastiCache::ReplicationGroup",
        "AutoMinorVersionUpgrade",
    ),
    ("AWS::EC2::SecurityGroupIngress", "IpProtocol"),
    ("AWS::EC2::SecurityGroupIngress", "Description"),
    ("AWS::EC2::SecurityGroupIngress", "FromPort"),
    ("AWS::EC2::SecurityGroupIngress", "ToPort"),
    ("AWS::Lambda::Function", "Role"),
    ("AWS::Lambda::LayerVersion", "Description"),
    ("AWS::Lambda::Permission", "FunctionUrlAuthType"),
    ("AWS::EC2::VPCEndpoint", "ServiceName"),
    ("AWS::EC2::VPCEndpoint", "VpcEndpointType"),
    ("AWS::EC2::Instance", "IamInstanceProfile"),
    ("AWS::IAM::Role", "AssumeRolePolicyDocument"),
    ("AWS::IAM::InstanceProfile", "Roles"),
    ("AWS::Lambda::Permission", "Action"),
    ("AWS::Lambda::Permission", "Principal"),
    ("AWS::Lambda::Permission", "InvokedViaFunctionUrl"),
    ("AWS::SSM::Parameter", "Type"),
    ("AWS::CloudFormation::Stack", "TemplateURL"),
    ("Custom::LayerBuild", "ServiceToken"),
    ("Custom::LayerBuild", "Bucket"),
    // A constant: every build gets the same.
    ("Custom::LayerBuild", "ServiceTimeout"),
    ("AWS::KMS::Key", "KeyPolicy"),
    ("AWS::KMS::Alias", "TargetKeyId"),
    // Constants of each alarm's logical id (the metric and its window never change under one id).
    ("AWS::CloudWatch::Alarm", "ComparisonOperator"),
    ("AWS::CloudWatch::Alarm", "EvaluationPeriods"),
    ("AWS::CloudWatch::Alarm", "Namespace"),
    ("AWS::CloudWatch::Alarm", "Period"),
    ("AWS::CloudWatch::Alarm", "Statistic"),
    ("AWS::CloudWatch::Alarm", "TreatMissingData"),
    // Only a secondary region's group joins a Global Datastore; `plan` compares the primary
    // region's set, where the datastore's suffix and description derive from the group's name
    // and its one member is the group itself.
    (
        "AWS::ElastiCache::ReplicationGroup",
        "GlobalReplicationGroupId",
    ),
    (
        "AWS::ElastiCache::GlobalReplicationGroup",
        "GlobalReplicationGroupDescription",
    ),
    (
        "AWS::ElastiCache::GlobalReplicationGroup",
        "GlobalReplicationGroupIdSuffix",
    ),
    ("AWS::ElastiCache::GlobalReplicationGroup", "Members"),
    // Constants of a dimension's scalable target and policy (their logical ids name the dimension).
    ("AWS::ApplicationAutoScaling::ScalableTarget", "ResourceId"),
    ("AWS::ApplicationAutoScaling::ScalableTarget", "RoleARN"),
    (
        "AWS::ApplicationAutoScaling::ScalableTarget",
        "ScalableDimension",
    ),
    (
        "AWS::ApplicationAutoScaling::ScalableTarget",
        "ServiceNamespace",
    ),
    ("AWS::ApplicationAutoScaling::ScalingPolicy", "PolicyName"),
    ("AWS::ApplicationAutoScaling::ScalingPolicy", "PolicyType"),
    (
        "AWS::ApplicationAutoScaling::ScalingPolicy",
        "ScalingTargetId",
    ),
];

#[test]
fn the_cases_cover_every_reachable_row_of_the_update_table() {
    let used: BTreeSet<(String, String)> = cases().iter().flat_map(|d| run(d).1).collect();
    let mut missing = Vec::new();
    for ty in table::TABLE {
        for row in ty.rows {
            let key = (ty.ty.to_string(), row.property.to_string());
            let exempt = UNREACHABLE.contains(&(ty.ty, row.property));
            if used.contains(&key) == exempt {
                missing.push(format!("{} {} (exempt: {exempt})", ty.ty, row.property));
            }
        }
    }
    assert!(
        missing.is_empty(),
        "rows no case changes, or exempt rows a case does change: {missing:#?}"
    );
}
