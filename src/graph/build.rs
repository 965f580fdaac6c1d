//! From the model to the diagram: where each node sits (subnet, VPC or outside) and which arrows
//! join them. A cache node sits in the group's subnet of its zone, else in an "unplaced" box.

use indexmap::IndexMap;

use super::{Edge, Graph, Group, GroupKind, Node, NodeKind};
use crate::model::{Cache, EndpointKind, Model, Ref, S, SERVERLESS_PORT, UrlAuth, global};
use crate::words::Word;

// More read replicas than a group can have are never drawn, so a program the checker has not
// yet refused cannot make the diagram huge.
use crate::aws::quotas::READ_REPLICAS as MAX_REPLICAS;

/// Without a Global Datastore, the stack's one VPC; with one, a box per region holding that
/// region's VPC, the primary region first, and an arrow from each primary group to its secondaries.
pub fn build(model: &Model) -> Graph {
    let (vpc, outside, mut edges) = region(model, "");
    let region_name = model.stack.region.as_ref().map(|r| r.value.as_str());
    let secondaries = global::secondary_regions(model);
    let groups = if secondaries.is_empty() {
        vec![vpc]
    } else {
        let mut groups = vec![Group {
            id: "region_0".to_string(),
            kind: GroupKind::Region,
            title: region_name.unwrap_or_default().to_string(),
            detail: "primary region".to_string(),
            existing: false,
            nodes: Vec::new(),
            groups: vec![vpc],
        }];
        for (k, name) in secondaries.iter().enumerate() {
            let secondary = global::secondary_model(model, name);
            let prefix = format!("region_{}_", k + 1);
            let (vpc, _, more) = region(&secondary, &prefix);
            edges.extend(more);
            for (c, cache) in secondary.caches.iter().enumerate() {
                let Some(p) = model
                    .caches
                    .iter()
                    .position(|o| o.name.value == cache.name.value)
                else {
                    continue;
                };
                edges.push(Edge {
                    from: format!("cache_{p}_primary"),
                    to: format!("{prefix}cache_{c}_primary"),
                    label: "global replication".to_string(),
                    dashed: true,
                });
            }
            groups.push(Group {
                id: format!("region_{}", k + 1),
                kind: GroupKind::Region,
                title: name.clone(),
                detail: "secondary region".to_string(),
                existing: false,
                nodes: Vec::new(),
                groups: vec![vpc],
            });
        }
        groups
    };
    Graph {
        root: Group {
            id: "stack".to_string(),
            kind: GroupKind::Stack,
            title: model.stack.name.value.clone(),
            detail: region_name.unwrap_or_default().to_string(),
            existing: false,
            nodes: outside,
            groups,
        },
        edges,
    }
}

/// One region's VPC, the nodes outside it and the arrows, every id behind `prefix`.
fn region(model: &Model, prefix: &str) -> (Group, Vec<Node>, Vec<Edge>) {
    let subnets = &model.network.subnets;
    let mut in_subnet: Vec<Vec<Node>> = vec![Vec::new(); subnets.len()];
    let mut in_vpc = Vec::new();
    let mut unplaced = Vec::new();
    let mut outside = Vec::new();
    let mut edges = Vec::new();

    let mut put = |r: Option<&Ref>, node: Node, outside: &mut Vec<Node>| match r
        .and_then(|r| in_subnet.get_mut(r.index))
    {
        Some(nodes) => nodes.push(node),
        None => outside.push(node),
    };
    for (i, inst) in model.instances.iter().enumerate() {
        let node = Node {
            id: format!("instance_{i}"),
            kind: NodeKind::Instance,
            title: inst.name.value.clone(),
            detail: format!("EC2 {} {}", inst.instance_type.value, inst.image.value),
        };
        put(Some(&inst.subnet), node, &mut outside);
    }
    for (i, f) in model.functions.iter().enumerate() {
        let url = match f.url.as_ref().map(|u| u.value) {
            Some(UrlAuth::Public) => ", public URL",
            Some(UrlAuth::Iam) => ", IAM URL",
            None => "",
        };
        // A node sits in one subnet: the function's first; the others are named on it.
        let others: Vec<&str> = f
            .subnets
            .iter()
            .skip(1)
            .map(|r| r.name.value.as_str())
            .collect();
        let also = if others.is_empty() {
            String::new()
        } else {
            format!(", also in {}", others.join(", "))
        };
        let node = Node {
            id: format!("function_{i}"),
            kind: NodeKind::Function,
            title: f.name.value.clone(),
            detail: format!(
                "Lambda {} {}{url}{also}",
                f.runtime.value,
                f.arch().as_str()
            ),
        };
        put(f.subnet(), node, &mut outside);
    }
    for (c, cache) in model.caches.iter().enumerate() {
        let mut homeless = Vec::new();
        for (node, zone) in cache_nodes(c, cache) {
            let home = zone.and_then(|z| {
                cache
                    .subnets
                    .iter()
                    .find(|r| subnets.get(r.index).is_some_and(|s| s.zone.value == z))
            });
            match home {
                Some(r) => put(Some(r), node, &mut outside),
                None => homeless.push(node),
            }
        }
        if !homeless.is_empty() {
            unplaced.push(Group {
                id: format!("cache_{c}_unplaced"),
                kind: GroupKind::Unplaced,
                title: cache.name.value.clone(),
                detail: "zones chosen by AWS".to_string(),
                existing: false,
                nodes: homeless,
                groups: Vec::new(),
            });
        }
        for s in 0..drawn_shards(cache) {
            for r in 1..=cache.replica_count().min(MAX_REPLICAS) {
                edges.push(Edge {
                    from: primary_id(c, s),
                    to: replica_id(c, s, r),
                    label: "replication".to_string(),
                    dashed: true,
                });
            }
        }
    }
    // A serverless cache is drawn where it is reached: its VPC endpoint in each of its subnets.
    for (c, cache) in model.serverless.iter().enumerate() {
        let version = cache
            .major_version
            .as_ref()
            .map_or(String::new(), |v| format!(" {}", v.value));
        for r in &cache.subnets {
            let node = Node {
                id: format!("serverless_{c}_in_{}", r.index),
                kind: NodeKind::Serverless,
                title: cache.name.value.clone(),
                detail: format!("serverless {}{version}", cache.engine().word()),
            };
            put(Some(r), node, &mut outside);
        }
    }
    for (e, ep) in model.network.endpoints.iter().enumerate() {
        let served: Vec<&str> = ep.subnets.iter().map(|r| r.name.value.as_str()).collect();
        match ep.kind.value {
            EndpointKind::Gateway => in_vpc.push(Node {
                id: format!("endpoint_{e}"),
                kind: NodeKind::Endpoint,
                title: ep.name.value.clone(),
                detail: format!("gateway endpoint for {}", served.join(", ")),
            }),
            EndpointKind::Interface => {
                for r in &ep.subnets {
                    let node = Node {
                        id: format!("endpoint_{e}_in_{}", r.index),
                        kind: NodeKind::Endpoint,
                        title: ep.name.value.clone(),
                        detail: "interface endpoint".to_string(),
                    };
                    put(Some(r), node, &mut outside);
                }
            }
        }
    }
    for (l, layer) in model.layers.iter().enumerate() {
        let detail = match &layer.content {
            Some(folder) => format!("layer from {}", folder.path.value),
            None => format!("layer: {}", layer.requirement_lines().join(", ")),
        };
        outside.push(Node {
            id: format!("layer_{l}"),
            kind: NodeKind::Layer,
            title: layer.name.value.clone(),
            detail,
        });
    }
    let instances = model.instances.iter().enumerate();
    let functions = model.functions.iter().enumerate();
    let clients = instances
        .map(|(i, x)| (format!("instance_{i}"), &x.connects))
        .chain(functions.map(|(i, f)| (format!("function_{i}"), &f.connects)));
    for (from, connects) in clients {
        for r in connects {
            let Some(cache) = model.cache(r) else {
                continue;
            };
            let tls = if cache.transit_encryption() {
                " TLS"
            } else {
                ""
            };
            edges.push(Edge {
                from: from.clone(),
                to: format!("cache_{}_primary", r.index),
                label: format!("{}{tls}", cache.port()),
                dashed: false,
            });
        }
    }
    let instances = model.instances.iter().enumerate();
    let functions = model.functions.iter().enumerate();
    let clients = instances
        .map(|(i, x)| (format!("instance_{i}"), &x.connects_serverless))
        .chain(functions.map(|(i, f)| (format!("function_{i}"), &f.connects_serverless)));
    for (from, connects) in clients {
        for r in connects {
            let Some(first) = model.serverless_cache(r).and_then(|c| c.subnets.first()) else {
                continue;
            };
            edges.push(Edge {
                from: from.clone(),
                to: format!("serverless_{}_in_{}", r.index, first.index),
                label: format!("{SERVERLESS_PORT} TLS"),
                dashed: false,
            });
        }
    }
    for (i, f) in model.functions.iter().enumerate() {
        for r in &f.layers.value {
            edges.push(Edge {
                from: format!("layer_{}", r.index),
                to: format!("function_{i}"),
                label: "layer".to_string(),
                dashed: true,
            });
        }
    }

    let region = model.stack.region.as_ref().map(|r| r.value.as_str());
    let mut zones: IndexMap<&str, Vec<Group>> = IndexMap::new();
    for (s, (subnet, nodes)) in subnets.iter().zip(in_subnet).enumerate() {
        zones.entry(&subnet.zone.value).or_default().push(Group {
            id: format!("subnet_{s}"),
            kind: GroupKind::Subnet,
            title: subnet.name.value.clone(),
            detail: detail("", &subnet.existing, &subnet.cidr),
            existing: subnet.existing.is_some(),
            nodes,
            groups: Vec::new(),
        });
    }
    // Zones in the order of their letters, as AWS lists them, whatever the order of the subnets.
    zones.sort_keys();
    let mut vpc_groups: Vec<Group> = zones
        .into_iter()
        .enumerate()
        .map(|(z, (zone, groups))| Group {
            id: format!("zone_{z}"),
            kind: GroupKind::Zone,
            title: format!("zone {zone}"),
            detail: region.map(|r| format!("{r}{zone}")).unwrap_or_default(),
            existing: false,
            nodes: Vec::new(),
            groups,
        })
        .collect();
    vpc_groups.extend(unplaced);
    let mut vpc = Group {
        id: "vpc".to_string(),
        kind: GroupKind::Vpc,
        title: model.network.name.value.clone(),
        detail: detail("VPC ", &model.network.existing, &model.network.cidr),
        existing: model.network.is_existing(),
        nodes: in_vpc,
        groups: vpc_groups,
    };
    if !prefix.is_empty() {
        prefixed(&mut vpc, prefix);
        for e in &mut edges {
            e.from.insert_str(0, prefix);
            e.to.insert_str(0, prefix);
        }
    }
    (vpc, outside, edges)
}

/// Every id in `group` behind `prefix`, so that each region's boxes and nodes keep apart.
fn prefixed(group: &mut Group, prefix: &str) {
    group.id.insert_str(0, prefix);
    for n in &mut group.nodes {
        n.id.insert_str(0, prefix);
    }
    for g in &mut group.groups {
        prefixed(g, prefix);
    }
}

/// Shards drawn of a sharded group: all up to this many; a drawing of 500 shards says nothing more.
const MAX_SHARDS: i64 = 6;

/// 1 for a group with cluster mode disabled; its shards (up to [`MAX_SHARDS`]) otherwise.
fn drawn_shards(cache: &Cache) -> i64 {
    match cache.sharded() {
        true => cache.shard_count().clamp(1, MAX_SHARDS),
        false => 1,
    }
}

/// The first shard's primary is the group's node that clients' edges reach.
fn primary_id(c: usize, shard: i64) -> String {
    match shard {
        0 => format!("cache_{c}_primary"),
        s => format!("cache_{c}_shard_{s}_primary"),
    }
}

fn replica_id(c: usize, shard: i64, r: i64) -> String {
    match shard {
        0 => format!("cache_{c}_replica_{r}"),
        s => format!("cache_{c}_shard_{s}_replica_{r}"),
    }
}

/// The primary and each replica of every drawn shard, with the zone written for it, if any.
fn cache_nodes(c: usize, cache: &Cache) -> Vec<(Node, Option<&str>)> {
    let what = format!(
        "{} {} {}",
        cache.engine.value, cache.engine_version.value, cache.node_type.value
    );
    let mut out = Vec::new();
    for s in 0..drawn_shards(cache) {
        let block = cache.shard_blocks.get(usize::try_from(s).unwrap_or(0));
        let (shard, primary_zone, zones) = match (cache.sharded(), block) {
            (false, _) => (
                String::new(),
                cache.primary_zone.as_ref(),
                cache.replica_zones.as_ref(),
            ),
            (true, Some(b)) => (
                format!("shard {}, ", b.name.value),
                b.primary_zone.as_ref(),
                b.replica_zones.as_ref(),
            ),
            (true, None) => (format!("shard {}, ", s + 1), None, None),
        };
        out.push((
            Node {
                id: primary_id(c, s),
                kind: NodeKind::Primary,
                title: cache.name.value.clone(),
                detail: format!("{shard}primary, {what}"),
            },
            primary_zone.map(|z| z.value.as_str()),
        ));
        for r in 1..=cache.replica_count().min(MAX_REPLICAS) {
            let zone = zones
                .and_then(|z| z.value.get(usize::try_from(r - 1).ok()?))
                .map(|z| z.value.as_str());
            out.push((
                Node {
                    id: replica_id(c, s, r),
                    kind: NodeKind::Replica,
                    title: cache.name.value.clone(),
                    detail: format!("{shard}replica {r}, {what}"),
                },
                zone,
            ));
        }
    }
    out
}

/// "VPC 10.0.0.0/16", or for one that exists "existing vpc-0abc, 10.0.0.0/16" (its block if stated).
fn detail(what: &str, existing: &Option<S<String>>, cidr: &Option<S<String>>) -> String {
    let cidr = cidr.as_ref().map(|c| c.value.as_str());
    match (existing, cidr) {
        (Some(e), Some(c)) => format!("existing {what}{}, {c}", e.value),
        (Some(e), None) => format!("existing {what}{}", e.value),
        (None, c) => format!("{what}{}", c.unwrap_or_default()),
    }
}
