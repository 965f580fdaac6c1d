//! The network template: VPC, subnets with a route table each, and one security group per
//! declared thing, with the ingress rules that `connects` and endpoints imply.

use super::node::{Map, Node, Parameter, Resource, import_value, map, zone};
use super::plan::{Plan, Section};
use crate::model::ids::{
    IMPORT, SubnetIds, VPC_ID_PARAMETER, aws_name, endpoint_group_name, endpoint_ingress_id,
    security_group_id, subnet_id,
};
use crate::model::{
    Client, EndpointKind, Existing, Model, Network, S, SERVERLESS_PORT, SERVERLESS_READER_PORT,
    Serverless, Subnet,
};
use crate::words::Word;

pub const VPC: &str = "Vpc";

pub fn emit(model: &Model, plan: &mut Plan) {
    let stack = &model.stack.name.value;
    let net = &model.network;
    // A parameter nothing reads is a finding of cfn-lint (W2001): only ids in use are read.
    let in_use = model.subnets_in_use();
    let vpc_in_use = !model.caches.is_empty()
        || model.clients().any(|c| c.subnet().is_some())
        || !net.endpoints.is_empty()
        || net.subnets.iter().any(|s| s.existing.is_none());
    match (&net.existing, &net.cidr) {
        (Some(existing), _) => {
            if let (Existing::Ssm(name), true) = (Existing::of(&existing.value), vpc_in_use) {
                let description = format!("SSM parameter holding the id of VPC {}", net.name.value);
                ssm_parameter(plan, &net.name, VPC_ID_PARAMETER, "VPC", description, name);
            }
        }
        (None, Some(cidr)) => {
            plan.add(
                Section::Network,
                &net.name,
                VPC,
                Resource::new(
                    "AWS::EC2::VPC",
                    map([
                        ("CidrBlock", Node::str(&cidr.value)),
                        ("EnableDnsSupport", Node::Bool(net.dns_support())),
                        ("EnableDnsHostnames", Node::Bool(net.dns_hostnames())),
                        ("Tags", name_tag(&aws_name(stack, &net.name.value))),
                    ]),
                ),
            );
            plan.trace(VPC, "CidrBlock", cidr.span);
        }
        (None, None) => {}
    }
    for (index, subnet) in net.subnets.iter().enumerate() {
        let name = &subnet.name.value;
        let ids = SubnetIds::of(subnet);
        let cidr = match (&subnet.existing, &subnet.cidr) {
            (Some(existing), _) => {
                if let (Existing::Ssm(param), true) =
                    (Existing::of(&existing.value), in_use.contains(&index))
                {
                    let description = format!("SSM parameter holding the id of subnet {name}");
                    ssm_parameter(
                        plan,
                        &subnet.name,
                        &ids.parameter,
                        "Subnet",
                        description,
                        param,
                    );
                }
                continue;
            }
            (None, Some(cidr)) => cidr,
            (None, None) => continue,
        };
        plan.trace(&ids.subnet, "CidrBlock", cidr.span);
        plan.trace(&ids.subnet, "AvailabilityZone", subnet.zone.span);
        plan.add(
            Section::Network,
            &subnet.name,
            ids.subnet.clone(),
            Resource::new(
                "AWS::EC2::Subnet",
                map([
                    ("VpcId", vpc_id(net)),
                    ("CidrBlock", Node::str(&cidr.value)),
                    ("AvailabilityZone", zone(&subnet.zone.value)),
                    ("Tags", name_tag(&aws_name(stack, name))),
                ]),
            ),
        );
        plan.add(
            Section::Network,
            &subnet.name,
            ids.route_table.clone(),
            Resource::new(
                "AWS::EC2::RouteTable",
                map([
                    ("VpcId", vpc_id(net)),
                    ("Tags", name_tag(&aws_name(stack, name))),
                ]),
            ),
        );
        plan.add(
            Section::Network,
            &subnet.name,
            ids.association,
            Resource::new(
                "AWS::EC2::SubnetRouteTableAssociation",
                map([
                    ("RouteTableId", Node::reference(ids.route_table)),
                    ("SubnetId", Node::reference(ids.subnet)),
                ]),
            ),
        );
    }
    let clients_by_cache = model.clients_by_cache();
    for (cache, clients) in model.caches.iter().zip(&clients_by_cache) {
        let port = cache.port();
        let mut rules: Vec<Node> = clients
            .iter()
            .map(|c| {
                Node::Map(map([
                    ("IpProtocol", Node::str("tcp")),
                    ("FromPort", Node::Int(port)),
                    ("ToPort", Node::Int(port)),
                    (
                        "SourceSecurityGroupId",
                        Node::reference(security_group_id(&c.name().value)),
                    ),
                    (
                        "Description",
                        Node::str(format!("{} from {}", cache.engine.value, c.name().value)),
                    ),
                ]))
            })
            .collect();
        rules.extend(cache.allow_cidrs.iter().map(|cidr| {
            Node::Map(map([
                ("IpProtocol", Node::str("tcp")),
                ("FromPort", Node::Int(port)),
                ("ToPort", Node::Int(port)),
                ("CidrIp", Node::str(&cidr.value)),
                (
                    "Description",
                    Node::str(format!("{} from {}", cache.engine.value, cidr.value)),
                ),
            ]))
        }));
        rules.extend(cache.allow_security_groups.iter().map(|group| {
            let source = match group.value.strip_prefix(IMPORT) {
                Some(export) => import_value(export),
                None => Node::str(&group.value),
            };
            Node::Map(map([
                ("IpProtocol", Node::str("tcp")),
                ("FromPort", Node::Int(port)),
                ("ToPort", Node::Int(port)),
                ("SourceSecurityGroupId", source),
                (
                    "Description",
                    Node::str(format!("{} from {}", cache.engine.value, group.value)),
                ),
            ]))
        }));
        let description = format!(
            "{} replication group {}",
            cache.engine.value, cache.name.value
        );
        security_group(
            plan,
            model,
            &cache.name,
            &cache.name.value,
            &description,
            rules,
        );
    }
    for (cache, clients) in model.serverless.iter().zip(model.clients_by_serverless()) {
        serverless_group(plan, model, cache, &clients);
    }
    for client in model.clients().filter(|c| c.subnet().is_some()) {
        let (what, name) = match client {
            Client::Instance(i) => ("instance", &i.name.value),
            Client::Function(f) => ("function", &f.name.value),
        };
        security_group(
            plan,
            model,
            client.name(),
            name,
            &format!("{what} {name}"),
            Vec::new(),
        );
    }
    for endpoint in net
        .endpoints
        .iter()
        .filter(|e| e.kind.value == EndpointKind::Interface)
    {
        let name = &endpoint.name.value;
        let group = endpoint_group_name(name);
        security_group(
            plan,
            model,
            &endpoint.name,
            &group,
            &format!("{name} endpoint"),
            Vec::new(),
        );
        // One rule per client, as a resource of its own that belongs with the client: an endpoint
        // shared by thousands of clients then never needs all their groups in one template.
        let mut seen = crate::hash::HashSet::default();
        for subnet in &endpoint.subnets {
            for client in model.clients_in(subnet.index) {
                let source = &client.name().value;
                if !seen.insert(source.as_str()) {
                    continue;
                }
                plan.add(
                    Section::Network,
                    client.name(),
                    endpoint_ingress_id(source, name),
                    Resource::new(
                        "AWS::EC2::SecurityGroupIngress",
                        map([
                            ("GroupId", Node::reference(security_group_id(&group))),
                            ("IpProtocol", Node::str("tcp")),
                            ("FromPort", Node::Int(443)),
                            ("ToPort", Node::Int(443)),
                            (
                                "SourceSecurityGroupId",
                                Node::reference(security_group_id(source)),
                            ),
                            ("Description", Node::str(format!("HTTPS from {source}"))),
                        ]),
                    ),
                );
            }
        }
    }
}

/// A serverless cache's group admits its clients and CIDR blocks to both endpoints: 6379 and the
/// reader's 6380. Source: ElastiCache "Step 1: Create a cache" (serverless security groups).
fn serverless_group(plan: &mut Plan, model: &Model, cache: &Serverless, clients: &[Client<'_>]) {
    let engine = cache.engine().word();
    let rule = |source: (&str, Node), what: &str| {
        Node::Map(map([
            ("IpProtocol", Node::str("tcp")),
            ("FromPort", Node::Int(SERVERLESS_PORT)),
            ("ToPort", Node::Int(SERVERLESS_READER_PORT)),
            source,
            ("Description", Node::str(format!("{engine} from {what}"))),
        ]))
    };
    let mut rules: Vec<Node> = clients
        .iter()
        .map(|c| {
            let group = Node::reference(security_group_id(&c.name().value));
            rule(("SourceSecurityGroupId", group), &c.name().value)
        })
        .collect();
    rules.extend(
        cache
            .allow_cidrs
            .iter()
            .map(|cidr| rule(("CidrIp", Node::str(&cidr.value)), &cidr.value)),
    );
    security_group(
        plan,
        model,
        &cache.name,
        &cache.name.value,
        &format!("serverless cache {}", cache.name.value),
        rules,
    );
}

/// `owner` is the declaration the group belongs with when the network template is split.
fn security_group(
    plan: &mut Plan,
    model: &Model,
    owner: &S<String>,
    name: &str,
    description: &str,
    ingress: Vec<Node>,
) {
    let mut props: Map = map([
        ("GroupDescription", Node::str(description)),
        ("VpcId", vpc_id(&model.network)),
    ]);
    if !ingress.is_empty() {
        props.insert("SecurityGroupIngress".into(), Node::List(ingress));
    }
    props.insert(
        "Tags".into(),
        name_tag(&aws_name(&model.stack.name.value, name)),
    );
    plan.add(
        Section::Network,
        owner,
        security_group_id(name),
        Resource::new("AWS::EC2::SecurityGroup", props),
    );
}

/// The VPC's id where a template needs it: the VPC cachec creates, or the existing one's id, the
/// export that holds it, or the SSM parameter that reads it.
pub fn vpc_id(net: &Network) -> Node {
    match &net.existing {
        None => Node::reference(VPC),
        Some(e) => existing(Existing::of(&e.value), VPC_ID_PARAMETER),
    }
}

/// A subnet's id where a template needs it, as [`vpc_id`] gives the VPC's.
pub fn subnet_ref(subnet: &Subnet) -> Node {
    match &subnet.existing {
        None => Node::reference(subnet_id(&subnet.name.value)),
        Some(e) => existing(Existing::of(&e.value), &SubnetIds::of(subnet).parameter),
    }
}

fn existing(e: Existing, parameter: &str) -> Node {
    match e {
        Existing::Id(id) => Node::str(id),
        Existing::Import(export) => import_value(export),
        Existing::Ssm(_) => Node::reference(parameter),
    }
}

/// A parameter whose value CloudFormation reads from SSM at deploy time, checked to be an id of
/// the right kind. Source: CloudFormation User Guide, "Use CloudFormation-supplied parameter
/// types" (`AWS::SSM::Parameter::Value<AWS::EC2::VPC::Id>`, `<AWS::EC2::Subnet::Id>`).
fn ssm_parameter(
    plan: &mut Plan,
    owner: &S<String>,
    id: &str,
    what: &str,
    description: String,
    name: &str,
) {
    plan.add_parameter(
        Section::Network,
        owner,
        id,
        Parameter {
            ty: format!("AWS::SSM::Parameter::Value<AWS::EC2::{what}::Id>"),
            description,
            default: Some(name.to_string()),
        },
    );
}

pub fn name_tag(value: &str) -> Node {
    Node::list([Node::Map(map([
        ("Key", Node::str("Name")),
        ("Value", Node::str(value)),
    ]))])
}
