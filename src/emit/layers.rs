//! The layers template: per layer built at deploy time, its requirements in an SSM parameter and a
//! builder function run as a custom resource that pip-installs them into a zip in the artifact
//! bucket; per layer packaged from a folder, its local path; and each layer version.

use super::node::{Node, Resource, map};
use super::plan::{Plan, Section};
use crate::model::ids::{LayerBuildIds, LayerIds, aws_name};
use crate::model::{Layer, Model};

/// The root parameter naming the bucket that layer zips are uploaded to.
pub const ARTIFACT_BUCKET: &str = "ArtifactBucket";

/// Seconds the builder function may run: pip installs of large wheels take minutes.
const BUILDER_TIMEOUT: i64 = 600;

const BUILDER_SOURCE: &str = include_str!("assets/layer_builder.py");

/// Where the layer's zip goes: the hash changes with the content, so a changed layer gets a new key
/// (LayerVersion content cannot be updated in place).
pub fn layer_key(stack: &str, layer: &Layer) -> String {
    format!(
        "cachec/{stack}/layers/{}-{:016x}.zip",
        layer.name.value,
        content_hash(layer)
    )
}

/// Every key this layer's zips can have: a changed layer gets a new key, and the builder must
/// still be allowed to remove the old zip once CloudFormation replaces the build.
fn layer_keys(stack: &str, layer: &Layer) -> String {
    format!("cachec/{stack}/layers/{}-*.zip", layer.name.value)
}

/// SSM parameter holding the requirements, one per line.
pub fn parameter_name(stack: &str, layer: &Layer) -> String {
    format!("/cachec/{stack}/layers/{}/requirements", layer.name.value)
}

pub fn emit(model: &Model, plan: &mut Plan) {
    let stack = &model.stack.name.value;
    for layer in &model.layers {
        let name = &layer.name.value;
        let ids = LayerIds::of(layer);
        let arch = layer.arch().as_str();
        let content = match (&ids.build, &layer.content) {
            (Some(build), _) => {
                add_build(stack, layer, build, plan);
                Node::Map(map([
                    ("S3Bucket", Node::get_att(&build.build, "Bucket")),
                    ("S3Key", Node::get_att(&build.build, "Key")),
                ]))
            }
            // A local folder: `aws cloudformation package` zips it and puts its S3 location here.
            (None, Some(folder)) => Node::str(folder.path.value.trim_end_matches('/')),
            (None, None) => Node::str(""),
        };
        let mut props = map([
            ("LayerName", Node::str(aws_name(stack, name))),
            ("Content", content),
            (
                "CompatibleRuntimes",
                Node::list([Node::str(&layer.runtime.value)]),
            ),
            ("CompatibleArchitectures", Node::list([Node::str(arch)])),
        ]);
        if let Some(d) = &layer.description {
            props.insert("Description".into(), Node::str(&d.value));
        }
        let layer_id = ids.layer.clone();
        plan.add(
            Section::Layers,
            &layer.name,
            ids.layer,
            Resource::new("AWS::Lambda::LayerVersion", props),
        );
        if let Some(folder) = &layer.content {
            plan.trace(&layer_id, "Content", folder.path.span);
        }
    }
}

/// The requirements parameter, the builder function and role, and the custom resource that runs it.
fn add_build(stack: &str, layer: &Layer, ids: &LayerBuildIds, plan: &mut Plan) {
    let name = &layer.name.value;
    let arch = layer.arch().as_str();
    let key = layer_key(stack, layer);
    let parameter = parameter_name(stack, layer);
    plan.add(
        Section::Layers,
        &layer.name,
        ids.requirements.clone(),
        Resource::new(
            "AWS::SSM::Parameter",
            map([
                ("Name", Node::str(&parameter)),
                ("Type", Node::str("String")),
                ("Value", Node::str(layer.requirement_lines().join("\n"))),
                (
                    "Description",
                    Node::str(format!(
                        "pip requirements of layer {}",
                        aws_name(stack, name)
                    )),
                ),
            ]),
        ),
    );
    plan.add(
        Section::Layers,
        &layer.name,
        ids.builder_role.clone(),
        builder_role(&parameter, &layer_keys(stack, layer)),
    );
    plan.add(
        Section::Layers,
        &layer.name,
        ids.builder.clone(),
        Resource::new(
            "AWS::Lambda::Function",
            map([
                (
                    "Description",
                    Node::str(format!("Builds layer {}", aws_name(stack, name))),
                ),
                ("Runtime", Node::str(&layer.runtime.value)),
                ("Architectures", Node::list([Node::str(arch)])),
                ("Handler", Node::str("index.handler")),
                ("Timeout", Node::Int(BUILDER_TIMEOUT)),
                ("MemorySize", Node::Int(1024)),
                (
                    "EphemeralStorage",
                    Node::Map(map([("Size", Node::Int(2048))])),
                ),
                ("Role", Node::get_att(&ids.builder_role, "Arn")),
                (
                    "Code",
                    Node::Map(map([("ZipFile", Node::str(BUILDER_SOURCE))])),
                ),
            ]),
        ),
    );
    plan.add(
        Section::Layers,
        &layer.name,
        ids.build.clone(),
        Resource::new(
            "Custom::LayerBuild",
            map([
                ("ServiceToken", Node::get_att(&ids.builder, "Arn")),
                // A builder that never answers fails the stack after this long, not
                // CloudFormation's default hour. 1 to 3600 seconds (CloudFormation
                // `AWS::CloudFormation::CustomResource`, ServiceTimeout); above the builder's
                // own Timeout so a slow pip install still reports.
                ("ServiceTimeout", Node::Int(BUILDER_TIMEOUT + 60)),
                ("ParameterName", Node::reference(&ids.requirements)),
                ("Bucket", Node::reference(ARTIFACT_BUCKET)),
                ("Key", Node::str(&key)),
            ]),
        ),
    );
}

/// Reads exactly its parameter and writes only its own layer's keys, plus basic Lambda logging.
fn builder_role(parameter: &str, keys: &str) -> Resource {
    let statements = Node::list([
        Node::Map(map([
            ("Effect", Node::str("Allow")),
            ("Action", Node::str("ssm:GetParameter")),
            (
                "Resource",
                Node::sub(format!(
                    "arn:${{AWS::Partition}}:ssm:${{AWS::Region}}:${{AWS::AccountId}}:parameter{parameter}"
                )),
            ),
        ])),
        Node::Map(map([
            ("Effect", Node::str("Allow")),
            (
                "Action",
                Node::list([Node::str("s3:PutObject"), Node::str("s3:DeleteObject")]),
            ),
            (
                "Resource",
                Node::SubWith(
                    format!("arn:${{AWS::Partition}}:s3:::${{Bucket}}/{keys}"),
                    map([("Bucket", Node::reference(ARTIFACT_BUCKET))]),
                ),
            ),
        ])),
    ]);
    Resource::new(
        "AWS::IAM::Role",
        map([
            (
                "AssumeRolePolicyDocument",
                assume_role("lambda.amazonaws.com"),
            ),
            (
                "ManagedPolicyArns",
                Node::list([managed_policy("service-role/AWSLambdaBasicExecutionRole")]),
            ),
            (
                "Policies",
                Node::list([Node::Map(map([
                    ("PolicyName", Node::str("build-layer")),
                    (
                        "PolicyDocument",
                        Node::Map(map([
                            ("Version", Node::str("2012-10-17")),
                            ("Statement", statements),
                        ])),
                    ),
                ]))]),
            ),
        ]),
    )
}

pub fn assume_role(service: &str) -> Node {
    Node::Map(map([
        ("Version", Node::str("2012-10-17")),
        (
            "Statement",
            Node::list([Node::Map(map([
                ("Effect", Node::str("Allow")),
                (
                    "Principal",
                    Node::Map(map([("Service", Node::str(service))])),
                ),
                ("Action", Node::str("sts:AssumeRole")),
            ]))]),
        ),
    ]))
}

pub fn managed_policy(name: &str) -> Node {
    Node::sub(format!("arn:${{AWS::Partition}}:iam::aws:policy/{name}"))
}

/// FNV-1a over what determines the zip's content; stable across runs and machines.
fn content_hash(layer: &Layer) -> u64 {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    let parts = [layer.runtime.value.as_str(), layer.arch().as_str()]
        .into_iter()
        .chain(layer.requirement_lines());
    for part in parts {
        for byte in part.bytes().chain([0]) {
            hash ^= u64::from(byte);
            hash = hash.wrapping_mul(0x0000_0100_0000_01b3);
        }
    }
    hash
}
