//! Global Datastore rules: the secondary regions (known, distinct, not the primary's, at most
//! two, offering Global Datastore), and the node type, engine version and zones every member needs.
//! The rules here find; `problem` words what they find.

mod problem;

use problem::GlobalProblem;

use crate::aws::engines::Version;
use crate::aws::{global, regions};
use crate::diag::Diag;
use crate::model::{Cache, Global, Model, RefOrStr};

pub fn check(model: &Model, out: &mut Vec<Diag>) {
    let mut found = Vec::new();
    for cache in &model.caches {
        if let Some(g) = &cache.global {
            datastore(model, cache, g, &mut found);
        }
    }
    out.extend(found.iter().map(GlobalProblem::diag));
}

fn datastore<'m>(
    model: &'m Model,
    cache: &'m Cache,
    g: &'m Global,
    found: &mut Vec<GlobalProblem<'m>>,
) {
    let primary = model.stack.region.as_ref();
    if primary.is_none() {
        found.push(GlobalProblem::NoPrimaryRegion { global: g });
    }
    if let Some(extra) = g.regions.value.get(global::MAX_SECONDARIES..)
        && !extra.is_empty()
    {
        found.push(GlobalProblem::TooMany { extra });
    }
    let mut china = primary.is_some_and(|p| global::CHINA.contains(&p.value.as_str()));
    let mut outside = primary.is_some_and(|p| !global::CHINA.contains(&p.value.as_str()));
    for (i, region) in g.regions.value.iter().enumerate() {
        let Some(letters) = regions::zone_letters(&region.value) else {
            found.push(GlobalProblem::UnknownRegion { region });
            continue;
        };
        let earlier = g
            .regions
            .value
            .iter()
            .take(i)
            .find(|r| r.value == region.value);
        if let Some(first) = earlier {
            found.push(GlobalProblem::Repeated {
                region,
                first: first.span,
            });
            continue;
        }
        if let Some(p) = primary.filter(|p| p.value == region.value) {
            found.push(GlobalProblem::Primary { region, primary: p });
            continue;
        }
        if !global::region_supported(&region.value) {
            found.push(GlobalProblem::RegionWithout { region });
            continue;
        }
        china |= global::CHINA.contains(&region.value.as_str());
        outside |= !global::CHINA.contains(&region.value.as_str());
        for subnet in cache.subnets.iter().filter_map(|r| model.subnet(r)) {
            let letter = subnet.zone.value.chars().next_back();
            if subnet.zone.value.len() == 1 && letter.is_some_and(|l| !letters.contains(l)) {
                found.push(GlobalProblem::ZoneMissing {
                    zone: &subnet.zone,
                    region,
                    letters,
                });
            }
        }
    }
    if china && outside {
        found.push(GlobalProblem::ChinaMix { global: g });
    }
    if !global::node_type_supported(&cache.node_type.value) {
        found.push(GlobalProblem::NodeType { cache });
    }
    if cache.engine.value == "redis"
        && Version::parse(&cache.engine_version.value).is_some_and(|v| v < global::MIN_REDIS)
    {
        found.push(GlobalProblem::EngineVersion { cache });
    }
    if let Some(RefOrStr::Existing(key)) = &cache.kms_key {
        found.push(GlobalProblem::ExistingKey { key, global: g });
    }
}
