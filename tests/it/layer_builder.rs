//! The layer builder runs: its code, taken out of the emitted template, is called as CloudFormation
//! would call the custom resource, under moto's S3 and SSM mocks. On Create it installs the
//! requirements from the SSM parameter and uploads a zip of python/ to the exact bucket and key the
//! AWS::Lambda::LayerVersion reads; on Delete, and on a failure, it still answers.

use crate::common;

use std::path::Path;
use std::process::Command;

use crate::common::cfn::{ROOT, TemplateSet, intrinsic};
use serde_json::json;

const LAYERS: &str = "layers.yaml";
const BUCKET: &str = "cachec-artifacts-test";

fn reference<'v>(value: &'v serde_yaml::Value, what: &str) -> &'v str {
    match intrinsic(value) {
        Some(("!Ref", name)) => name,
        _ => panic!("{what} is not a !Ref: {value:?}"),
    }
}

#[test]
fn fa063_layer_builds_uploads_and_answers() {
    let (files, rendered, _) =
        common::compile(Path::new("examples/fa-063/stack.cache"), &common::options());
    assert!(files.is_some(), "fa-063 has errors:\n{rendered}");
    let set = TemplateSet::parse(&files.expect("templates"));
    let layers = set.get(LAYERS);

    let builds = set.resources(LAYERS, "Custom::LayerBuild");
    let [(build_id, build)] = builds.as_slice() else {
        panic!("fa-063 has one layer, found {} builds", builds.len());
    };
    // The function behind the custom resource, and its inline code.
    let Some(("!GetAtt", token)) = intrinsic(&build["ServiceToken"]) else {
        panic!("ServiceToken is not a !GetAtt");
    };
    let builder_id = token.strip_suffix(".Arn").expect("ServiceToken reads .Arn");
    let builder = &layers["Resources"][builder_id];
    assert_eq!(builder["Type"].as_str(), Some("AWS::Lambda::Function"));
    let code = builder["Properties"]["Code"]["ZipFile"]
        .as_str()
        .expect("inline builder code");

    // The requirements parameter, as the custom resource's Ref resolves it (to its name).
    let requirements = &layers["Resources"][reference(&build["ParameterName"], "ParameterName")];
    assert_eq!(requirements["Type"].as_str(), Some("AWS::SSM::Parameter"));
    let parameter = json!({
        "Name": requirements["Properties"]["Name"].as_str().expect("parameter name"),
        "Value": requirements["Properties"]["Value"].as_str().expect("parameter value"),
    });

    // The bucket is the root's ArtifactBucket parameter, wired down to the layers stack.
    let (file, bucket) = set.resolve(LAYERS, &build["Bucket"]);
    assert_eq!(file, ROOT);
    let bucket_param = reference(&bucket, "Bucket");
    assert!(
        set.get(ROOT)["Parameters"].get(bucket_param).is_some(),
        "Bucket should come from a root parameter, not {bucket_param}"
    );
    let key = build["Key"].as_str().expect("a literal key");

    // The layer reads what the build reports, so the two cannot disagree.
    let versions = set.resources(LAYERS, "AWS::Lambda::LayerVersion");
    let [(_, version)] = versions.as_slice() else {
        panic!("one layer version expected");
    };
    for (prop, attr) in [("S3Bucket", "Bucket"), ("S3Key", "Key")] {
        assert_eq!(
            intrinsic(&version["Content"][prop]),
            Some(("!GetAtt", format!("{build_id}.{attr}").as_str())),
            "Content.{prop}"
        );
    }

    let dir = std::env::temp_dir().join(format!("cachec-layer-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("work folder");
    let builder_py = dir.join("index.py");
    std::fs::write(&builder_py, code).expect("builder written");
    let facts = json!({
        "parameter": parameter,
        "properties": {"ParameterName": parameter["Name"], "Bucket": BUCKET, "Key": key},
    });
    let output = Command::new("python3")
        .arg("tests/py/layer_builder.py")
        .arg(&builder_py)
        .arg(facts.to_string())
        .output()
        .expect("python3 runs");
    std::fs::remove_dir_all(&dir).ok();
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(
        output.status.success(),
        "the layer builder check failed:\n{stdout}\n{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let summary: serde_json::Value =
        serde_json::from_str(stdout.lines().last().expect("a summary line")).expect("JSON summary");
    assert_eq!(summary["create"]["Status"], "SUCCESS");
    assert_eq!(
        summary["create"]["Data"],
        json!({"Bucket": BUCKET, "Key": key})
    );
    assert_eq!(
        summary["create"]["PhysicalResourceId"],
        format!("s3://{BUCKET}/{key}")
    );
    assert!(summary["entries"].as_u64().unwrap_or(0) > 0);
    assert_eq!(summary["delete"]["Status"], "SUCCESS");
    assert_eq!(summary["failure"]["Status"], "FAILED");
    assert_eq!(summary["rollback"]["Status"], "SUCCESS");
    assert_eq!(summary["timed_out"]["Status"], "SUCCESS");
}
