//! The endpoints template: gateway endpoints on the route tables of their subnets, interface
//! endpoints in their subnets behind their own security group, with private DNS.

use super::ids::id;
use super::network::{VPC, endpoint_group_name, route_table_id, security_group_id, subnet_id};
use super::node::{Node, Resource, map};
use super::plan::{Plan, Section};
use crate::model::{EndpointKind, Model};

pub fn endpoint_id(name: &str) -> String {
    id(name, "Endpoint")
}

pub fn emit(model: &Model, plan: &mut Plan) {
    for endpoint in &model.network.endpoints {
        let name = &endpoint.name.value;
        let subnets = endpoint.subnets.iter().filter_map(|r| model.subnet(r));
        let service = Node::sub(format!("com.amazonaws.${{AWS::Region}}.{name}"));
        let props = match endpoint.kind.value {
            EndpointKind::Gateway => map([
                ("VpcEndpointType", Node::str("Gateway")),
                ("ServiceName", service),
                ("VpcId", Node::reference(VPC)),
                (
                    "RouteTableIds",
                    Node::list(subnets.map(|s| Node::reference(route_table_id(&s.name.value)))),
                ),
            ]),
            EndpointKind::Interface => map([
                ("VpcEndpointType", Node::str("Interface")),
                ("ServiceName", service),
                ("VpcId", Node::reference(VPC)),
                (
                    "SubnetIds",
                    Node::list(subnets.map(|s| Node::reference(subnet_id(&s.name.value)))),
                ),
                (
                    "SecurityGroupIds",
                    Node::list([Node::reference(security_group_id(&endpoint_group_name(
                        name,
                    )))]),
                ),
                ("PrivateDnsEnabled", Node::Bool(endpoint.private_dns())),
            ]),
        };
        plan.add(
            Section::Endpoints,
            &endpoint.name,
            endpoint_id(name),
            Resource::new("AWS::EC2::VPCEndpoint", props),
        );
    }
}
