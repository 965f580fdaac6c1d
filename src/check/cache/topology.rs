//! Replicas and zones: the replica count, Multi-AZ and automatic failover, and where the primary
//! and the replicas go relative to the subnet group's zones.

use super::problem::CacheProblem;
use crate::aws::quotas::READ_REPLICAS as MAX_REPLICAS;
use crate::aws::regions::is_zone_letter;
use crate::model::{Cache, Model, S};

pub fn check<'m>(model: &'m Model, cache: &'m Cache, out: &mut Vec<CacheProblem<'m>>) {
    counts(cache, out);
    multi_az(cache, out);
    zones(model, cache, out);
}

fn counts<'m>(cache: &'m Cache, out: &mut Vec<CacheProblem<'m>>) {
    if let Some(zones) = &cache.replica_zones
        && zones.value.len() as i64 > MAX_REPLICAS
    {
        out.push(CacheProblem::TooManyReplicas { zones });
    }
    if let (Some(replicas), Some(zones)) = (&cache.replicas, &cache.replica_zones)
        && replicas.value != zones.value.len() as i64
    {
        out.push(CacheProblem::ReplicaCount { replicas, zones });
    }
}

fn multi_az<'m>(cache: &'m Cache, out: &mut Vec<CacheProblem<'m>>) {
    let replicas = cache.replica_count();
    if let Some(m) = cache.multi_az.as_ref().filter(|m| m.value) {
        if replicas < 1 {
            out.push(CacheProblem::MultiAzAlone { multi_az: m.span });
        }
        if let Some(f) = cache.automatic_failover.as_ref().filter(|f| !f.value) {
            out.push(CacheProblem::MultiAzNoFailover {
                failover: f.span,
                multi_az: m.span,
            });
        }
    }
    // Cluster mode enabled takes failover with or without replicas (the cluster family's rules).
    if let Some(f) = cache.automatic_failover.as_ref().filter(|f| f.value)
        && replicas < 1
        && !cache.sharded()
    {
        out.push(CacheProblem::FailoverAlone { failover: f.span });
    }
}

fn zones<'m>(model: &'m Model, cache: &'m Cache, out: &mut Vec<CacheProblem<'m>>) {
    let replicas = cache.replica_count();
    match (&cache.primary_zone, &cache.replica_zones) {
        (Some(p), None) if replicas > 0 => out.push(CacheProblem::OnlyPrimaryZone {
            primary: p.span,
            replicas,
        }),
        (None, Some(z)) if !z.value.is_empty() => {
            out.push(CacheProblem::OnlyReplicaZones { zones: z.span });
        }
        _ => {}
    }
    // Zones that are not letters are reported on their own (E0206), not again here.
    let mut group_zones: Vec<&str> = Vec::new();
    for subnet in cache.subnets.iter().filter_map(|r| model.subnet(r)) {
        if is_zone_letter(&subnet.zone.value) && !group_zones.contains(&subnet.zone.value.as_str())
        {
            group_zones.push(&subnet.zone.value);
        }
    }
    if group_zones.is_empty() {
        return;
    }
    let nodes = cache
        .primary_zone
        .iter()
        .chain(cache.replica_zones.iter().flat_map(|z| z.value.iter()));
    let outside =
        |z: &&S<String>| is_zone_letter(&z.value) && !group_zones.contains(&z.value.as_str());
    // One cause, one error: every node outside the group is a label of one diagnostic.
    let outside: Vec<&S<String>> = nodes.filter(outside).collect();
    if let Some((first, rest)) = outside.split_first() {
        let mut missing: Vec<&str> = Vec::new();
        for zone in &outside {
            if !missing.contains(&zone.value.as_str()) {
                missing.push(&zone.value);
            }
        }
        out.push(CacheProblem::OutsideGroup {
            cache,
            first,
            rest: rest.to_vec(),
            missing,
            group_zones: group_zones.clone(),
        });
    }
    spread(cache, &group_zones, out);
}

/// Multi-AZ is pointless when every node sits in the primary's zone.
fn spread<'m>(cache: &'m Cache, group_zones: &[&'m str], out: &mut Vec<CacheProblem<'m>>) {
    let (Some(primary), Some(replicas)) = (&cache.primary_zone, &cache.replica_zones) else {
        return;
    };
    if !cache.multi_az() || replicas.value.is_empty() || group_zones.len() < 2 {
        return;
    }
    if replicas.value.iter().all(|z| z.value == primary.value) {
        out.push(CacheProblem::OneZone {
            primary,
            replicas: replicas.span,
            other: group_zones
                .iter()
                .find(|z| **z != primary.value)
                .copied()
                .unwrap_or_default(),
        });
    }
}
