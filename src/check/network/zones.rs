//! Zones and subnet lists: zone letters are letters, exist in the stack's region and are open to
//! new accounts; subnet groups list distinct subnets, and span two zones for Multi-AZ.

use crate::hash::IndexMap;

use super::problem::NetworkProblem;
use crate::aws::quotas::SUBNET_GROUP_SUBNETS_DEFAULT;
use crate::aws::regions;
use crate::diag::Diag;
use crate::model::{Cache, Model, Ref, S};
use std::collections::HashSet;

pub fn check(model: &Model, out: &mut Vec<Diag>) {
    out.extend(find(model).iter().map(NetworkProblem::diag));
}

fn find(model: &Model) -> Vec<NetworkProblem<'_>> {
    let mut found = Vec::new();
    let region = region(model, &mut found);
    let region_name = region.map(|(r, _)| r);
    for subnet in &model.network.subnets {
        if let Some(letter) = letter(&subnet.zone, region_name, &mut found)
            && let Some((region, letters)) = region
        {
            found.extend(exists(&subnet.zone, letter, region, letters));
        }
    }
    for cache in &model.caches {
        let zones = cache
            .primary_zone
            .iter()
            .chain(cache.replica_zones.iter().flat_map(|z| z.value.iter()));
        for zone in zones {
            letter(zone, region_name, &mut found);
        }
        subnet_group(model, cache, &mut found);
    }
    found
}

/// The stack's region and its zone letters, when the region is given and known.
fn region<'m>(
    model: &'m Model,
    found: &mut Vec<NetworkProblem<'m>>,
) -> Option<(&'m S<String>, &'static str)> {
    let region = model.stack.region.as_ref()?;
    let letters = regions::zone_letters(&region.value);
    if letters.is_none() {
        found.push(NetworkProblem::UnknownRegion { region });
    }
    Some((region, letters?))
}

/// The zone as one lowercase letter, or a finding that it is not one.
fn letter<'m>(
    zone: &'m S<String>,
    region: Option<&'m S<String>>,
    found: &mut Vec<NetworkProblem<'m>>,
) -> Option<char> {
    let mut chars = zone.value.chars();
    if let (Some(c), None) = (chars.next(), chars.next())
        && c.is_ascii_lowercase()
    {
        return Some(c);
    }
    found.push(NetworkProblem::NotAZoneLetter { zone, region });
    None
}

fn exists<'m>(
    zone: &'m S<String>,
    letter: char,
    region: &'m S<String>,
    letters: &'static str,
) -> Option<NetworkProblem<'m>> {
    if !letters.contains(letter) {
        return Some(NetworkProblem::NoSuchZone {
            zone,
            letter,
            region,
            letters,
        });
    }
    let open = regions::closed_to_new_accounts(&region.value, letter)?;
    Some(NetworkProblem::ClosedZone {
        zone,
        letter,
        region,
        open,
    })
}

fn subnet_group<'m>(model: &'m Model, cache: &'m Cache, found: &mut Vec<NetworkProblem<'m>>) {
    if cache.subnets.is_empty() {
        found.push(NetworkProblem::NoSubnets { cache });
        return;
    }
    found.extend(duplicates(&cache.subnets));
    let distinct: HashSet<usize> = cache.subnets.iter().map(|r| r.index).collect();
    if distinct.len() > SUBNET_GROUP_SUBNETS_DEFAULT {
        found.push(NetworkProblem::OverSubnetQuota {
            cache,
            count: distinct.len(),
        });
    }
    let mut zones: Vec<&str> = Vec::new();
    for subnet in cache.subnets.iter().filter_map(|r| model.subnet(r)) {
        if !zones.contains(&subnet.zone.value.as_str()) {
            zones.push(&subnet.zone.value);
        }
    }
    if let Some(m) = cache.multi_az.as_ref().filter(|m| m.value)
        && let [zone] = zones.as_slice()
    {
        found.push(NetworkProblem::OneZone {
            cache,
            zone,
            multi_az: m.span,
        });
    }
}

/// Subnets named more than once in one list, each repeat with its first mention, in linear time.
pub fn duplicates(refs: &[Ref]) -> Option<NetworkProblem<'_>> {
    let mut first_seen: IndexMap<usize, &Ref> = IndexMap::default();
    let mut repeats: Vec<(&Ref, &Ref)> = Vec::new();
    for r in refs {
        match first_seen.get(&r.index) {
            Some(first) => repeats.push((r, first)),
            None => {
                first_seen.insert(r.index, r);
            }
        }
    }
    let mut repeats = repeats.into_iter();
    Some(NetworkProblem::ListedAgain {
        first: repeats.next()?,
        more: repeats.collect(),
    })
}
