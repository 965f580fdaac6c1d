//! The instances template: per instance, a role and profile for Session Manager, the AMI looked up
//! from its public SSM parameter for the instance's architecture, and user data installing clients.

use super::layers::{assume_role, managed_policy};
use super::network::name_tag;
use super::node::{Node, Parameter, Resource, map};
use super::plan::{Plan, Section};
use crate::aws::images::{Pin, ami_parameter, install_commands, instance_arch, pin};
use crate::model::ids::{InstanceIds, SessionIds, aws_name, endpoint_id};
use crate::model::{Instance, Model};

pub fn emit(model: &Model, plan: &mut Plan) {
    let stack = &model.stack.name.value;
    for instance in &model.instances {
        let name = &instance.name.value;
        let arch = instance_arch(&instance.instance_type.value);
        let ids = InstanceIds::of(instance);
        let image = match (&ids.image, &instance.ami) {
            (Some(parameter), _) => {
                plan.add_parameter(
                    Section::Instances,
                    &instance.name,
                    parameter.clone(),
                    Parameter {
                        ty: "AWS::SSM::Parameter::Value<AWS::EC2::Image::Id>".into(),
                        description: format!(
                            "{} AMI for {} ({})",
                            instance.image.value,
                            name,
                            arch.as_str()
                        ),
                        default: ami_parameter(&instance.image.value, arch),
                    },
                );
                Node::reference(parameter)
            }
            (None, Some(ami)) => pinned(&ami.value),
            (None, None) => Node::str(""),
        };
        // IMDSv2 stated either way, not left to the AMI's default (Amazon Linux 2 allows IMDSv1).
        let tokens = if instance.imdsv2() {
            "required"
        } else {
            "optional"
        };
        let mut props = map([
            ("ImageId", image),
            ("InstanceType", Node::str(&instance.instance_type.value)),
            (
                "MetadataOptions",
                Node::Map(map([("HttpTokens", Node::str(tokens))])),
            ),
        ]);
        if let Some(SessionIds { role, profile }) = ids.session {
            plan.add(
                Section::Instances,
                &instance.name,
                role.clone(),
                Resource::new(
                    "AWS::IAM::Role",
                    map([
                        ("AssumeRolePolicyDocument", assume_role("ec2.amazonaws.com")),
                        (
                            "ManagedPolicyArns",
                            Node::list([managed_policy("AmazonSSMManagedInstanceCore")]),
                        ),
                    ]),
                ),
            );
            plan.add(
                Section::Instances,
                &instance.name,
                profile.clone(),
                Resource::new(
                    "AWS::IAM::InstanceProfile",
                    map([("Roles", Node::list([Node::reference(role)]))]),
                ),
            );
            props.insert("IamInstanceProfile".into(), Node::reference(profile));
        }
        if let Some(subnet) = model.subnet(&instance.subnet) {
            props.insert("SubnetId".into(), super::network::subnet_ref(subnet));
        }
        props.insert(
            "SecurityGroupIds".into(),
            Node::list([Node::reference(ids.security_group)]),
        );
        if let Some(script) = user_data(instance) {
            props.insert("UserData".into(), Node::Base64(Box::new(Node::Str(script))));
        }
        props.insert("Tags".into(), name_tag(&aws_name(stack, name)));
        let mut resource = Resource::new("AWS::EC2::Instance", props);
        // The boot script runs once, at first boot: the S3 route its dnf needs, and the endpoints
        // the SSM agent registers through, must exist before the instance starts.
        resource.depends_on = model
            .network
            .endpoints
            .iter()
            .filter(|e| e.subnets.iter().any(|s| s.index == instance.subnet.index))
            .map(|e| endpoint_id(&e.name.value))
            .collect();
        let instance_id = ids.instance.clone();
        plan.add(Section::Instances, &instance.name, ids.instance, resource);
        plan.trace(&instance_id, "ImageId", instance.image.span);
        if let Some(ami) = &instance.ami {
            plan.trace(&instance_id, "ImageId", ami.span);
        }
        plan.trace(&instance_id, "InstanceType", instance.instance_type.span);
        if let Some(imdsv2) = &instance.imdsv2 {
            plan.trace(&instance_id, "MetadataOptions", imdsv2.span);
        }
        plan.trace(&instance_id, "SubnetId", instance.subnet.name.span);
        if let Some(first) = instance.packages.first() {
            let last = instance.packages.last().map_or(first.span, |p| p.span);
            plan.trace(&instance_id, "UserData", first.span.to(last));
        }
    }
}

/// The ImageId of a pinned AMI: the id itself, or one version of its SSM parameter read as a
/// dynamic reference (a parameter of type `AWS::SSM::Parameter::Value` cannot name a version).
fn pinned(ami: &str) -> Node {
    match pin(ami) {
        Ok(Pin::Ssm { name, version }) => {
            Node::str(format!("{{{{resolve:ssm:{name}:{version}}}}}"))
        }
        _ => Node::str(ami),
    }
}

/// A boot script installing the requested clients, or `None` when nothing is requested.
pub fn user_data(instance: &Instance) -> Option<String> {
    let lines: Vec<&str> = instance
        .packages
        .iter()
        .filter_map(|p| install_commands(&instance.image.value, &p.value))
        .flatten()
        .copied()
        .collect();
    if lines.is_empty() {
        return None;
    }
    Some(format!(
        "#!/bin/bash\nset -euxo pipefail\n{}\n",
        lines.join("\n")
    ))
}
