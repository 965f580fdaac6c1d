//! The endpoints template: gateway endpoints on the route tables of their subnets, interface
//! endpoints in their subnets behind their own security group, with private DNS.

use super::network::VPC;
use super::node::{Node, Resource, map};
use super::plan::{Plan, Section};
use crate::model::ids::{EndpointIds, route_table_id, subnet_id};
use crate::model::{EndpointKind, Model};

pub fn emit(model: &Model, plan: &mut Plan) {
    for endpoint in &model.network.endpoints {
        let name = &endpoint.name.value;
        let ids = EndpointIds::of(endpoint);
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
                    Node::list(ids.security_group.map(Node::reference)),
                ),
                ("PrivateDnsEnabled", Node::Bool(endpoint.private_dns())),
            ]),
        };
        plan.add(
            Section::Endpoints,
            &endpoint.name,
            ids.endpoint,
            Resource::new("AWS::EC2::VPCEndpoint", props),
        );
    }
}
