//! The functions template: per function, its role, the function with its source inlined or its
//! packaged folder named, its VPC config and environment, and a function URL with its permissions.

use super::cache;
use super::layers::{assume_role, managed_policy};
use super::node::{Map, Node, Resource, map};
use super::plan::{Plan, Section};
use super::serverless;
use crate::model::ids::{
    FUNCTION_URL, FunctionIds, UrlIds, aws_name, code_folder, layer_id, user_variables,
};
use crate::model::{EnvValue, Function, Model, S, UrlAuth, User};

pub fn emit(model: &Model, plan: &mut Plan) {
    let stack = &model.stack.name.value;
    for function in &model.functions {
        let name = &function.name.value;
        let ids = FunctionIds::of(function);
        let policy = if function.subnet().is_some() {
            "service-role/AWSLambdaVPCAccessExecutionRole"
        } else {
            "service-role/AWSLambdaBasicExecutionRole"
        };
        let mut role = map([
            (
                "AssumeRolePolicyDocument",
                assume_role("lambda.amazonaws.com"),
            ),
            ("ManagedPolicyArns", Node::list([managed_policy(policy)])),
        ]);
        if let Some(secret) = user(model, function).and_then(|u| u.password_secret()) {
            role.insert("Policies".into(), read_secret(secret));
        }
        plan.add(
            Section::Functions,
            &function.name,
            ids.role.clone(),
            Resource::new("AWS::IAM::Role", role),
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

fn user<'m>(model: &'m Model, function: &Function) -> Option<&'m User> {
    function.user.as_ref().and_then(|r| model.user(r))
}

/// `secretsmanager:GetSecretValue` on the one secret. A secret's ARN ends in `-` and six random
/// characters: `-??????` matches them and no longer name. Source: Secrets Manager User Guide,
/// "Permissions policy examples" and "Secrets Manager ARN format"
/// (https://docs.aws.amazon.com/secretsmanager/latest/userguide/auth-and-access_examples.html).
fn read_secret(secret: &str) -> Node {
    let arn = if secret.starts_with("arn:") {
        Node::str(secret)
    } else {
        Node::sub(format!(
            "arn:${{AWS::Partition}}:secretsmanager:${{AWS::Region}}:${{AWS::AccountId}}:secret:{secret}-??????"
        ))
    };
    Node::list([Node::Map(map([
        ("PolicyName", Node::str("read-cache-password")),
        (
            "PolicyDocument",
            Node::Map(map([
                ("Version", Node::str("2012-10-17")),
                (
                    "Statement",
                    Node::list([Node::Map(map([
                        ("Effect", Node::str("Allow")),
                        ("Action", Node::str("secretsmanager:GetSecretValue")),
                        ("Resource", arn),
                    ]))]),
                ),
            ])),
        ),
    ]))])
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
        ("VpcConfig", function.subnet().map(|s| s.name.span)),
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
        ("Code", code(function)),
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
    let user = user(model, function);
    if !function.environment.is_empty() || user.is_some() {
        let mut vars: Map = function
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
        for (key, value) in user.map(user_variables).unwrap_or_default() {
            vars.insert(key.into(), Node::str(value));
        }
        props.insert(
            "Environment".into(),
            Node::Map(map([("Variables", Node::Map(vars))])),
        );
    }
    let subnets: Vec<Node> = function
        .subnets
        .iter()
        .filter_map(|r| model.subnet(r))
        .map(super::network::subnet_ref)
        .collect();
    if let (false, Some(group)) = (subnets.is_empty(), &ids.security_group) {
        props.insert(
            "VpcConfig".into(),
            Node::Map(map([
                ("SecurityGroupIds", Node::list([Node::reference(group)])),
                ("SubnetIds", Node::List(subnets)),
            ])),
        );
    }
    Resource::new("AWS::Lambda::Function", props)
}

/// Inline source as Code.ZipFile; packaged code as the path of its folder beside the templates,
/// which `aws cloudformation package` zips, uploads and replaces with S3Bucket and S3Key.
fn code(function: &Function) -> Node {
    match &function.package {
        None => Node::Map(map([("ZipFile", Node::str(&function.code))])),
        Some(_) => Node::str(code_folder(&function.name.value)),
    }
}

/// The files of every packaged function, each in its folder beside the templates.
pub fn code_files(model: &Model) -> Vec<super::File> {
    model
        .functions
        .iter()
        .filter_map(|f| Some((code_folder(&f.name.value), f.package.as_ref()?)))
        .flat_map(|(folder, package)| {
            package.files.iter().map(move |file| super::File {
                name: format!("{folder}/{}", file.path),
                contents: file.text.clone(),
            })
        })
        .collect()
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
