//! The functions template: per function, its role, the function with its source inlined, its VPC
//! config and environment, and a function URL with the permissions that URL needs.

use super::cache;
use super::ids::{aws_name, id};
use super::layers::{assume_role, layer_id, managed_policy};
use super::network::{security_group_id, subnet_id};
use super::node::{Map, Node, Resource, map};
use super::plan::{Plan, Section};
use crate::model::{EnvValue, Function, Model, S, UrlAuth};

pub fn emit(model: &Model, plan: &mut Plan) {
    let stack = &model.stack.name.value;
    for function in &model.functions {
        let name = &function.name.value;
        let policy = if function.subnet.is_some() {
            "service-role/AWSLambdaVPCAccessExecutionRole"
        } else {
            "service-role/AWSLambdaBasicExecutionRole"
        };
        plan.add(
            Section::Functions,
            &function.name,
            id(name, "Role"),
            Resource::new(
                "AWS::IAM::Role",
                map([
                    (
                        "AssumeRolePolicyDocument",
                        assume_role("lambda.amazonaws.com"),
                    ),
                    ("ManagedPolicyArns", Node::list([managed_policy(policy)])),
                ]),
            ),
        );
        plan.add(
            Section::Functions,
            &function.name,
            id(name, "Function"),
            lambda(model, stack, function),
        );
        trace_function(plan, function);
        if let Some(url) = &function.url {
            url_resources(plan, &function.name, url.value);
            plan.output(
                id(name, "Url"),
                format!("Function URL of {}", aws_name(stack, name)),
                Node::get_att(id(name, "Url"), "FunctionUrl"),
            );
        }
    }
}

fn trace_function(plan: &mut Plan, function: &Function) {
    let id = id(&function.name.value, "Function");
    let spans = [
        ("FunctionName", Some(function.name.span)),
        ("Runtime", Some(function.runtime.span)),
        (
            "Architectures",
            function.architecture.as_ref().map(|a| a.span),
        ),
        ("Handler", Some(function.handler.span)),
        ("Code", Some(function.source.span)),
        ("Layers", Some(function.layers.span)),
        ("Timeout", function.timeout.as_ref().map(|t| t.span)),
        ("MemorySize", function.memory.as_ref().map(|m| m.span)),
        (
            "EphemeralStorage",
            function.ephemeral_storage.as_ref().map(|e| e.span),
        ),
        ("VpcConfig", function.subnet.as_ref().map(|s| s.name.span)),
    ];
    for (property, span) in spans {
        if let Some(span) = span {
            plan.trace(&id, property, span);
        }
    }
}

fn lambda(model: &Model, stack: &str, function: &Function) -> Resource {
    let name = &function.name.value;
    let mut props = map([
        ("FunctionName", Node::str(aws_name(stack, name))),
        ("Runtime", Node::str(&function.runtime.value)),
        (
            "Architectures",
            Node::list([Node::str(function.arch().as_str())]),
        ),
        ("Handler", Node::str(&function.handler.value)),
        ("Role", Node::get_att(id(name, "Role"), "Arn")),
        (
            "Code",
            Node::Map(map([("ZipFile", Node::str(&function.code))])),
        ),
    ]);
    for (key, value) in [
        ("Timeout", &function.timeout),
        ("MemorySize", &function.memory),
    ] {
        if let Some(v) = value {
            props.insert(key.into(), Node::Int(v.value));
        }
    }
    if let Some(size) = &function.ephemeral_storage {
        props.insert(
            "EphemeralStorage".into(),
            Node::Map(map([("Size", Node::Int(size.value))])),
        );
    }
    let layers: Vec<Node> = function
        .layers
        .value
        .iter()
        .filter_map(|r| model.layer(r))
        .map(|l| Node::reference(layer_id(&l.name.value)))
        .collect();
    if !layers.is_empty() {
        props.insert("Layers".into(), Node::List(layers));
    }
    if !function.environment.is_empty() {
        let vars: Map = function
            .environment
            .iter()
            .map(|var| {
                let value = match &var.value.value {
                    EnvValue::Text(text) => Node::str(text),
                    EnvValue::Cache { cache: r, attr } => {
                        let target = model.cache(r).map_or("", |c| c.name.value.as_str());
                        cache::attr(target, *attr)
                    }
                };
                (var.key.value.clone(), value)
            })
            .collect();
        props.insert(
            "Environment".into(),
            Node::Map(map([("Variables", Node::Map(vars))])),
        );
    }
    if let Some(subnet) = function.subnet.as_ref().and_then(|r| model.subnet(r)) {
        props.insert(
            "VpcConfig".into(),
            Node::Map(map([
                (
                    "SecurityGroupIds",
                    Node::list([Node::reference(security_group_id(name))]),
                ),
                (
                    "SubnetIds",
                    Node::list([Node::reference(subnet_id(&subnet.name.value))]),
                ),
            ])),
        );
    }
    Resource::new("AWS::Lambda::Function", props)
}

/// A public URL needs both permissions since October 2025: `lambda:InvokeFunctionUrl` and
/// `lambda:InvokeFunction` (the latter only via the URL).
fn url_resources(plan: &mut Plan, owner: &S<String>, auth: UrlAuth) {
    let name = &owner.value;
    let function = Node::reference(id(name, "Function"));
    let auth_type = match auth {
        UrlAuth::Public => "NONE",
        UrlAuth::Iam => "AWS_IAM",
    };
    plan.add(
        Section::Functions,
        owner,
        id(name, "Url"),
        Resource::new(
            "AWS::Lambda::Url",
            map([
                ("AuthType", Node::str(auth_type)),
                (
                    "TargetFunctionArn",
                    Node::get_att(id(name, "Function"), "Arn"),
                ),
            ]),
        ),
    );
    if auth == UrlAuth::Public {
        plan.add(
            Section::Functions,
            owner,
            id(name, "UrlPermission"),
            Resource::new(
                "AWS::Lambda::Permission",
                map([
                    ("Action", Node::str("lambda:InvokeFunctionUrl")),
                    ("FunctionName", function.clone()),
                    ("Principal", Node::str("*")),
                    ("FunctionUrlAuthType", Node::str("NONE")),
                ]),
            ),
        );
        plan.add(
            Section::Functions,
            owner,
            id(name, "InvokePermission"),
            Resource::new(
                "AWS::Lambda::Permission",
                map([
                    ("Action", Node::str("lambda:InvokeFunction")),
                    ("FunctionName", function),
                    ("Principal", Node::str("*")),
                    ("InvokedViaFunctionUrl", Node::Bool(true)),
                ]),
            ),
        );
    }
}
