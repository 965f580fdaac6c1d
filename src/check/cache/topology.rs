//! Replicas and zones: the replica count, Multi-AZ and automatic failover, and where the primary
//! and the replicas go relative to the subnet group's zones.

use crate::aws::quotas::READ_REPLICAS as MAX_REPLICAS;
use crate::aws::regions::is_zone_letter;
use crate::diag::{Diag, codes};
use crate::model::{Cache, Model, S};

pub fn check(model: &Model, cache: &Cache, out: &mut Vec<Diag>) {
    counts(cache, out);
    multi_az(cache, out);
    zones(model, cache, out);
}

fn counts(cache: &Cache, out: &mut Vec<Diag>) {
    if let Some(zones) = &cache.replica_zones
        && zones.value.len() as i64 > MAX_REPLICAS
    {
        out.push(
            Diag::new(
                codes::E0110,
                zones.span,
                format!(
                    "{} replica zones, one per read replica: a group has 0 to {MAX_REPLICAS}",
                    zones.value.len()
                ),
                "too many replicas",
            )
            .help(format!("list at most {MAX_REPLICAS} zones")),
        );
    }
    if let (Some(n), Some(zones)) = (&cache.replicas, &cache.replica_zones)
        && n.value != zones.value.len() as i64
    {
        out.push(
            Diag::new(
                codes::E0111,
                n.span,
                format!(
                    "replicas = {} but replica_zones lists {} zone{}",
                    n.value,
                    zones.value.len(),
                    if zones.value.len() == 1 { "" } else { "s" }
                ),
                "replica count given here",
            )
            .with_label(zones.span, "one zone per replica here")
            .help("remove `replicas`: the length of replica_zones is the replica count"),
        );
    }
}

fn multi_az(cache: &Cache, out: &mut Vec<Diag>) {
    let replicas = cache.replica_count();
    if let Some(m) = cache.multi_az.as_ref().filter(|m| m.value) {
        if replicas < 1 {
            out.push(
                Diag::new(
                    codes::E0112,
                    m.span,
                    "Multi-AZ needs at least one read replica",
                    "Multi-AZ with a primary only",
                )
                .help("add replica_zones = [\"...\"] (or replicas = 1), or remove multi_az"),
            );
        }
        if let Some(f) = cache.automatic_failover.as_ref().filter(|f| !f.value) {
            out.push(
                Diag::new(
                    codes::E0113,
                    f.span,
                    "Multi-AZ needs automatic failover",
                    "failover turned off",
                )
                .with_label(m.span, "Multi-AZ asked for here")
                .help("remove automatic_failover = false: it follows multi_az"),
            );
        }
    }
    if let Some(f) = cache.automatic_failover.as_ref().filter(|f| f.value)
        && replicas < 1
    {
        out.push(
            Diag::new(
                codes::E0114,
                f.span,
                "automatic failover needs at least one read replica to promote",
                "failover with a primary only",
            )
            .help("add replica_zones = [\"...\"] (or replicas = 1), or remove automatic_failover"),
        );
    }
}

fn zones(model: &Model, cache: &Cache, out: &mut Vec<Diag>) {
    let replicas = cache.replica_count();
    match (&cache.primary_zone, &cache.replica_zones) {
        (Some(p), None) if replicas > 0 => out.push(
            Diag::new(
                codes::E0115,
                p.span,
                "primary_zone is given but the replicas' zones are not",
                "only the primary's zone",
            )
            .help(format!(
                "add replica_zones with one zone per replica ({replicas}), or remove primary_zone"
            )),
        ),
        (None, Some(z)) if !z.value.is_empty() => out.push(
            Diag::new(
                codes::E0115,
                z.span,
                "replica_zones is given but the primary's zone is not",
                "only the replicas' zones",
            )
            .help("add primary_zone = \"...\": AWS takes the zones of all nodes or of none"),
        ),
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
    let listed = group_zones.join(", ");
    let nodes = cache
        .primary_zone
        .iter()
        .chain(cache.replica_zones.iter().flat_map(|z| z.value.iter()));
    let outside =
        |z: &&S<String>| is_zone_letter(&z.value) && !group_zones.contains(&z.value.as_str());
    // One cause, one error: every node outside the group is a label of one diagnostic.
    let outside: Vec<&S<String>> = nodes.filter(outside).collect();
    if let Some((first, rest)) = outside.split_first() {
        let mut missing: Vec<String> = Vec::new();
        for zone in &outside {
            let quoted = format!("\"{}\"", zone.value);
            if !missing.contains(&quoted) {
                missing.push(quoted);
            }
        }
        let (zones, subnets) = if missing.len() == 1 {
            ("zone", "a subnet")
        } else {
            ("zones", "subnets")
        };
        let missing = missing.join(", ");
        let mut diag = Diag::new(
            codes::E0116,
            first.span,
            format!("no subnet of the group is in {zones} {missing}"),
            "outside the subnet group",
        );
        for zone in rest {
            diag = diag.with_label(zone.span, "also outside");
        }
        out.push(
            diag.with_label(
                cache.subnets_span,
                format!("the subnet group's zones: {listed}"),
            )
            .help(format!(
                "use one of the zones {listed}, or add {subnets} in {zones} {missing} to subnets"
            )),
        );
    }
    spread(cache, &group_zones, out);
}

/// Multi-AZ is pointless when every node sits in the primary's zone.
fn spread(cache: &Cache, group_zones: &[&str], out: &mut Vec<Diag>) {
    let (Some(primary), Some(replicas)) = (&cache.primary_zone, &cache.replica_zones) else {
        return;
    };
    if !cache.multi_az() || replicas.value.is_empty() || group_zones.len() < 2 {
        return;
    }
    if replicas.value.iter().all(|z| z.value == primary.value) {
        let other = group_zones
            .iter()
            .find(|z| **z != primary.value)
            .copied()
            .unwrap_or_default();
        out.push(
            Diag::new(
                codes::E0117,
                replicas.span,
                format!(
                    "Multi-AZ, but every replica is in the primary's zone \"{}\"",
                    primary.value
                ),
                "all in one zone",
            )
            .with_label(primary.span, "the primary's zone")
            .help(format!(
                "put at least one replica in another zone of the group, such as \"{other}\""
            )),
        );
    }
}
