//! The network template: VPC, subnets with a route table each, and one security group per
//! declared thing, with the ingress rules that `connects` and endpoints imply.

use super::node::{Map, Node, Resource, import_value, map, zone};
use super::plan::{Plan, Section};
use crate::model::ids::IMPORT;
use crate::model::ids::{
    SubnetIds, aws_name, endpoint_group_name, endpoint_ingress_id, security_group_id,
};
use crate::model::{Client, EndpointKind, Model, S};

pub const VPC: &str = "Vpc";

pub fn emit(model: &Model, plan: &mut Plan) {
    let stack = &model.stack.name.value;
    let net = &model.network;
    plan.add(
        Section::Network,
        &net.name,
        VPC,
        Resource::new(
            "AWS::EC2::VPC",
            map([
                ("CidrBlock", Node::str(&net.cidr.value)),
                ("EnableDnsSupport", Node::Bool(net.dns_support())),
                ("EnableDnsHostnames", Node::Bool(net.dns_hostnames())),
                ("Tags", name_tag(&aws_name(stack, &net.name.value))),
            ]),
        ),
    );
    plan.trace(VPC, "CidrBlock", net.cidr.span);
    for subnet in &net.subnets {
        let name = &subnet.name.value;
        let ids = SubnetIds::of(subnet);
        plan.trace(&ids.subnet, "CidrBlock", subnet.cidr.span);
        plan.trace(&ids.subnet, "AvailabilityZone", subnet.zone.span);
        plan.add(
            Section::Network,
            &subnet.name,
            ids.subnet.clone(),
            Resource::new(
                "AWS::EC2::Subnet",
                map([
                    ("VpcId", Node::reference(VPC)),
                    ("CidrBlock", Node::str(&subnet.cidr.value)),
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
                    ("VpcId", Node::reference(VPC)),
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
            stack,
            &cache.name,
            &cache.name.value,
            &description,
            rules,
        );
    }
    for client in model.clients().filter(|c| c.subnet().is_some()) {
        let (what, name) = match client {
            Client::Instance(i) => ("instance", &i.name.value),
            Client::Function(f) => ("function", &f.name.value),
        };
        security_group(
            plan,
            stack,
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
            stack,
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

/// `owner` is the declaration the group belongs with when the network template is split.
fn security_group(
    plan: &mut Plan,
    stack: &str,
    owner: &S<String>,
    name: &str,
    description: &str,
    ingress: Vec<Node>,
) {
    let mut props: Map = map([
        ("GroupDescription", Node::str(description)),
        ("VpcId", Node::reference(VPC)),
    ]);
    if !ingress.is_empty() {
        props.insert("SecurityGroupIngress".into(), Node::List(ingress));
    }
    props.insert("Tags".into(), name_tag(&aws_name(stack, name)));
    plan.add(
        Section::Network,
        owner,
        security_group_id(name),
        Resource::new("AWS::EC2::SecurityGroup", props),
    );
}

pub fn name_tag(value: &str) -> Node {
    Node::list([Node::Map(map([
        ("Key", Node::str("Name")),
        ("Value", Node::str(value)),
    ]))])
}
