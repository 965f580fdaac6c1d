//! Serverless cache rules: engine major version, the cache's AWS name, usage limits, the daily
//! snapshot time, the final snapshot's name, the description, the subnets' zones, the user group.
//! The rules here find; `problem` words what they find.

mod problem;

use problem::{NameFault, ServerlessProblem};

use crate::aws::quotas::{SERVERLESS_CACHE_NAME_CHARS, SERVERLESS_DESCRIPTION_CHARS};
use crate::diag::Diag;
use crate::model::ids::{final_snapshot_name, serverless_cache_name};
use crate::model::{Model, OnDelete, RefOrStr, Serverless, ServerlessEngine, UserEngine};

/// Major versions serverless caches run, per engine: the oldest and the newest cachec knows.
/// Source: ElastiCache "Supported engines and versions" (serverless: Valkey 7.2 and 8, Redis OSS
/// 7.1; https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/engine-versions.html).
fn majors(engine: ServerlessEngine) -> (u32, u32) {
    match engine {
        ServerlessEngine::Redis => (7, 7),
        ServerlessEngine::Valkey => (7, 8),
    }
}

pub fn check(model: &Model, out: &mut Vec<Diag>) {
    let mut found = Vec::new();
    for cache in &model.serverless {
        major_version(cache, &mut found);
        name(model, cache, &mut found);
        limits(cache, &mut found);
        snapshot_time(cache, &mut found);
        final_snapshot(model, cache, &mut found);
        description(cache, &mut found);
        zones(model, cache, &mut found);
        user_group(model, cache, &mut found);
    }
    out.extend(found.iter().map(ServerlessProblem::diag));
}

fn major_version<'m>(cache: &'m Serverless, found: &mut Vec<ServerlessProblem<'m>>) {
    let Some(version) = &cache.major_version else {
        return;
    };
    let (oldest, newest) = majors(cache.engine());
    match version.value.parse::<u32>() {
        Ok(n) if n < oldest => found.push(ServerlessProblem::OldMajor {
            cache,
            version,
            oldest,
            newest,
        }),
        Ok(n) if n > newest => found.push(ServerlessProblem::NewMajor {
            cache,
            version,
            newest,
        }),
        Ok(_) => {}
        Err(_) => found.push(ServerlessProblem::NotMajor { version, newest }),
    }
}

/// The name is `<stack>-<name>`: a letter first, letters, digits and single hyphens, at most 40.
fn name<'m>(model: &'m Model, cache: &'m Serverless, found: &mut Vec<ServerlessProblem<'m>>) {
    let full = serverless_cache_name(&model.stack.name.value, &cache.name.value);
    let mut faults = Vec::new();
    if full.len() > SERVERLESS_CACHE_NAME_CHARS {
        faults.push(NameFault::TooLong(full.len()));
    }
    faults.extend(name_faults(&full));
    if !faults.is_empty() {
        found.push(ServerlessProblem::BadName {
            cache,
            stack: &model.stack.name,
            full,
            faults,
        });
    }
}

/// The character rules ElastiCache names share (ReplicationGroupId, ServerlessCacheName,
/// FinalSnapshotName): a letter first, then letters, digits and hyphens, never two hyphens in a
/// row nor one at the end.
fn name_faults(name: &str) -> Vec<NameFault> {
    let mut faults = Vec::new();
    if !name.starts_with(|c: char| c.is_ascii_alphabetic()) {
        faults.push(NameFault::NoLetterFirst);
    }
    if let Some(c) = name
        .chars()
        .find(|c| !(c.is_ascii_alphanumeric() || *c == '-'))
    {
        faults.push(NameFault::BadChar(c));
    }
    if name.contains("--") || name.ends_with('-') {
        faults.push(NameFault::Hyphens);
    }
    faults
}

/// Each minimum at most its maximum. Source: CloudFormation `AWS::ElastiCache::ServerlessCache
/// DataStorage` and `ECPUPerSecond`; ElastiCache "Scaling ElastiCache" (serverless limits).
fn limits<'m>(cache: &'m Serverless, found: &mut Vec<ServerlessProblem<'m>>) {
    let Some(limits) = &cache.limits else { return };
    for (what, min, max) in [
        ("storage", &limits.storage_min, &limits.storage_max),
        ("ECPU", &limits.ecpu_min, &limits.ecpu_max),
    ] {
        if let (Some(min), Some(max)) = (min, max)
            && min.value > max.value
        {
            found.push(ServerlessProblem::MinAboveMax { what, min, max });
        }
    }
}

/// `hh:mm`, 24-hour, UTC. Source: ElastiCache API reference, CreateServerlessCache
/// (DailySnapshotTime) and ModifyServerlessCache ("in the format hh:mm").
fn snapshot_time<'m>(cache: &'m Serverless, found: &mut Vec<ServerlessProblem<'m>>) {
    let Some(time) = &cache.snapshot_time else {
        return;
    };
    let ok = match time.value.split_once(':') {
        Some((h, m)) if h.len() == 2 && m.len() == 2 => {
            matches!((h.parse::<u32>(), m.parse::<u32>()), (Ok(h), Ok(m)) if h < 24 && m < 60)
        }
        _ => false,
    };
    if !ok {
        found.push(ServerlessProblem::BadSnapshotTime { time });
    }
}

/// The final snapshot's name follows the snapshot naming rules. Source: ElastiCache API
/// reference, DeleteServerlessCache (FinalSnapshotName); the CDK's serverless cache validation.
fn final_snapshot<'m>(
    model: &Model,
    cache: &'m Serverless,
    found: &mut Vec<ServerlessProblem<'m>>,
) {
    let Some(written) = &cache.final_snapshot else {
        return;
    };
    if cache.on_delete() != OnDelete::Snapshot {
        found.push(ServerlessProblem::SnapshotNotTaken { cache, written });
        return;
    }
    let faults = name_faults(&final_snapshot_name(&model.stack.name.value, cache));
    if !faults.is_empty() {
        found.push(ServerlessProblem::BadSnapshotName { written, faults });
    }
}

fn description<'m>(cache: &'m Serverless, found: &mut Vec<ServerlessProblem<'m>>) {
    if let Some(d) = &cache.description
        && d.value.chars().count() > SERVERLESS_DESCRIPTION_CHARS
    {
        found.push(ServerlessProblem::LongDescription { description: d });
    }
}

/// One subnet per zone: the cache puts an endpoint in each subnet to spread over zones.
/// Source: ElastiCache "Choosing regions and availability zones" (serverless: "subnets from
/// different availability zones").
fn zones<'m>(model: &'m Model, cache: &'m Serverless, found: &mut Vec<ServerlessProblem<'m>>) {
    let subnets: Vec<_> = cache
        .subnets
        .iter()
        .filter_map(|r| model.subnet(r).map(|s| (r, s)))
        .collect();
    for (i, (r, subnet)) in subnets.iter().enumerate() {
        if let Some((first, _)) = subnets
            .iter()
            .take(i)
            .find(|(_, s)| s.zone.value == subnet.zone.value)
        {
            found.push(ServerlessProblem::SameZone {
                at: &r.name,
                first: &first.name,
                zone: &subnet.zone,
            });
        }
    }
}

/// A Redis OSS cache takes only user groups of engine `redis`. Source: ElastiCache
/// "Role-Based Access Control (RBAC)"
/// (https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/Clusters.RBAC.html).
fn user_group<'m>(model: &'m Model, cache: &'m Serverless, found: &mut Vec<ServerlessProblem<'m>>) {
    let Some(RefOrStr::Declared(r)) = &cache.user_group else {
        return;
    };
    let Some(group) = model.user_group(r) else {
        return;
    };
    if cache.engine() == ServerlessEngine::Redis && group.engine() == UserEngine::Valkey {
        found.push(ServerlessProblem::ValkeyGroupOnRedis {
            cache,
            group,
            at: &r.name,
        });
    }
}
