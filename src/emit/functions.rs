//! The functions template: per function, its role, the function with its source inlined, its VPC
//! config and environment, and a function URL with the permissions that URL needs.

use super::cache;
use super::layers::{assume_role, managed_policy};
use super::node::{Map, Node, Resource, map};
use super::plan::{Plan, Section};
use super::serverless;
use crate::model::ids::{FUNCTION_URL, FunctionIds, UrlIds, aws_name, layer_id};
use crate::model::{EnvValue, Function, Model, S, UrlAuth};

pub fn emit(model: &Model, plan: &mut Plan) {
    let stack = &model.stack.name.value;
    for function in &model.functions {
        let name = &function.name.value;
        let ids = FunctionIds::of(function);
        let policy = if function.subnet.is_some() {
            "service-role/AWSLambdaVPCAccessExecutionRole"
        } else {
            "service-role/AWSLambdaBasicExecutionRole"
        };
        plan.add(
            Section::Functions,
            &function.name,
            ids.role.clone(),
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
            ids.function.clone(),
            lambda(model, stack, function, &ids),
        );
        trace_function(plan, function, &ids.function);
        if let (Some(auth), Some(url)) = (&function.url, ids.url) {
            let value = Node::get_att(&url.url, FUNCTION_URL);
            let output = url.output.clone();
            url_resources(plan, &function.name, auth.value, &ids.function, url);
            plan.output(
                output,
                format!("Function URL of {}", aws_name(stack, name)),
                value,
            );
        }
    }
}

fn trace_function(plan: &mut Plan, function: &Function, id: &str) {
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
            plan.trace(id, property, span);
        }
    }
}

fn lambda(model: &Model, stack: &str, function: &Function, ids: &FunctionIds) -> Resource {
    let name = &function.name.value;
    let mut props = map([
        ("FunctionName", Node::str(aws_name(stack, name))),
        ("Runtime", Node::str(&function.runtime.value)),
        (
            "Architectures",
            Node::list([Node::str(function.arch().as_str())]),
        ),
        ("Handler", Node::str(&function.handler.value)),
        ("Role", Node::get_att(&ids.role, "Arn")),
        (
            "Code",
            Node::Map(map([("ZipFile", Node::str(&function.code))])),
        ),
    ]);
    for (key, value) in [
        ("Timeout", &function.timeout),
        ("MemorySize", &function.memory),
        (
            "ReservedConcurrentExecutions",
            &function.reserved_concurrency,
        ),
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
                    EnvValue::Serverless { cache: r, attr } => {
                        let target = model
                            .serverless_cache(r)
                            .map_or("", |c| c.name.value.as_str());
                        serverless::attr(target, *attr)
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
    if let (Some(subnet), Some(group)) = (
        function.subnet.as_ref().and_then(|r| model.subnet(r)),
        &ids.security_group,
    ) {
        props.insert(
            "VpcConfig".into(),
            Node::Map(map([
                ("SecurityGroupIds", Node::list([Node::reference(group)])),
                (
                    "SubnetIds",
                    Node::list([super::network::subnet_ref(subnet)]),
                ),
            ])),
        );
    }
    Resource::new("AWS::Lambda::Function", props)
}

/// A public URL needs both permissions since October 2025: `lambda:InvokeFunctionUrl` and
/// `lambda:InvokeFunction` (the latter only via the URL).
fn url_resources(plan: &mut Plan, owner: &S<String>, auth: UrlAuth, function: &str, ids: UrlIds) {
    let arn = Node::get_att(function, "Arn");
    let function = Node::reference(function);
    let auth_type = match auth {
        UrlAuth::Public => "NONE",
        UrlAuth::Iam => "AWS_IAM",
    };
    plan.add(
        Section::Functions,
        owner,
        ids.url,
        Resource::new(
            "AWS::Lambda::Url",
            map([
                ("AuthType", Node::str(auth_type)),
                ("TargetFunctionArn", arn),
            ]),
        ),
    );
    if let Some((url_permission, invoke_permission)) = ids.public {
        plan.add(
            Section::Functions,
            owner,
            url_permission,
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
            invoke_permission,
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
