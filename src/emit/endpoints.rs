//! The endpoints template: gateway endpoints on the route tables of their subnets, interface
//! endpoints in their subnets behind their own security group, with private DNS.

use super::network::{subnet_ref, vpc_id};
use super::node::{Node, Resource, map};
use super::plan::{Plan, Section};
use crate::model::ids::{EndpointIds, route_table_id};
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
                ("VpcId", vpc_id(&model.network)),
                (
                    "RouteTableIds",
                    // An existing subnet's route table is not known (E0225 rejects the program).
                    Node::list(
                        subnets
                            .filter(|s| s.existing.is_none())
                            .map(|s| Node::reference(route_table_id(&s.name.value))),
                    ),
                ),
            ]),
            EndpointKind::Interface => map([
                ("VpcEndpointType", Node::str("Interface")),
                ("ServiceName", service),
                ("VpcId", vpc_id(&model.network)),
                ("SubnetIds", Node::list(subnets.map(subnet_ref))),
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
