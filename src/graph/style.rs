//! How each kind of box and node looks, shared by the DOT and SVG printers.
//! Colours follow AWS architecture diagrams: green VPC, blue zones, orange compute, red caches.

use super::{GroupKind, NodeKind};

pub struct NodeStyle {
    pub fill: &'static str,
    pub stroke: &'static str,
    pub dot_shape: &'static str,
}

pub struct GroupStyle {
    pub fill: &'static str,
    pub stroke: &'static str,
    pub dashed: bool,
}

pub fn node_style(kind: NodeKind) -> NodeStyle {
    let (fill, stroke, dot_shape) = match kind {
        NodeKind::Instance => ("#FDEBD8", "#ED7100", "box"),
        NodeKind::Function => ("#FDEBD8", "#ED7100", "box"),
        NodeKind::Primary => ("#FBE3E6", "#C7131F", "cylinder"),
        NodeKind::Replica => ("#FDF1F2", "#C7131F", "cylinder"),
        NodeKind::Endpoint => ("#EFE6FB", "#8C4FFF", "hexagon"),
        NodeKind::Layer => ("#F2F3F3", "#7D8998", "component"),
        NodeKind::Serverless => ("#FBE3E6", "#C7131F", "cylinder"),
    };
    NodeStyle {
        fill,
        stroke,
        dot_shape,
    }
}

pub fn group_style(kind: GroupKind) -> GroupStyle {
    let (fill, stroke, dashed) = match kind {
        GroupKind::Stack => ("#FFFFFF", "#232F3E", false),
        // AWS's architecture icons draw a region as a dashed teal box.
        GroupKind::Region => ("#FFFFFF", "#00A4A6", true),
        GroupKind::Vpc => ("#FFFFFF", "#248814", false),
        GroupKind::Zone => ("#FFFFFF", "#147EBA", true),
        GroupKind::Subnet => ("#E6F2F8", "#147EBA", false),
        GroupKind::Unplaced => ("#FFFFFF", "#C7131F", true),
    };
    GroupStyle {
        fill,
        stroke,
        dashed,
    }
}
