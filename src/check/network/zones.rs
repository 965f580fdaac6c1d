//! Zones and subnet lists: zone letters are letters, exist in the stack's region and are open to
//! new accounts; subnet groups list distinct subnets, and span two zones for Multi-AZ.

use indexmap::IndexMap;

use crate::aws::regions;
use crate::diag::suggest::did_you_mean;
use crate::diag::{Diag, codes};
use crate::model::{Cache, Model, Ref, S};

pub fn check(model: &Model, out: &mut Vec<Diag>) {
    let region = region(model, out);
    for subnet in &model.network.subnets {
        if let Some(letter) = letter(&subnet.zone, region.map(|(r, _)| r), out)
            && let Some((region, letters)) = region
        {
            exists(&subnet.zone, letter, region, letters, out);
        }
    }
    for cache in &model.caches {
        let zones = cache
            .primary_zone
            .iter()
            .chain(cache.replica_zones.iter().flat_map(|z| z.value.iter()));
        for zone in zones {
            letter(zone, region.map(|(r, _)| r), out);
        }
        subnet_group(model, cache, out);
    }
}

/// The stack's region and its zone letters, when the region is given and known.
fn region<'m>(model: &'m Model, out: &mut Vec<Diag>) -> Option<(&'m S<String>, &'static str)> {
    let region = model.stack.region.as_ref()?;
    match regions::zone_letters(&region.value) {
        Some(letters) => Some((region, letters)),
        None => {
            let known: Vec<&str> = regions::names().collect();
            out.push(
                Diag::new(
                    codes::E0207,
                    region.span,
                    format!("unknown region `{}`", region.value),
                    "not an AWS region",
                )
                .help(did_you_mean(&region.value, &known, "region")),
            );
            None
        }
    }
}

/// The zone as one lowercase letter, or a diagnostic saying what to write instead.
fn letter(zone: &S<String>, region: Option<&S<String>>, out: &mut Vec<Diag>) -> Option<char> {
    let mut chars = zone.value.chars();
    let (first, rest) = (chars.next(), chars.next());
    if let (Some(c), None) = (first, rest)
        && c.is_ascii_lowercase()
    {
        return Some(c);
    }
    let last = zone.value.chars().last().filter(char::is_ascii_alphabetic);
    let help = match (last, zone.value.chars().count()) {
        (Some(c), 1) => format!("write \"{}\"", c.to_ascii_lowercase()),
        (Some(c), _) if zone.value.contains('-') => {
            let region =
                region.map_or(String::new(), |r| format!(" (the region is `{}`)", r.value));
            format!(
                "write only the zone letter, \"{}\"{region}",
                c.to_ascii_lowercase()
            )
        }
        _ => "write one lowercase letter, such as \"a\"".into(),
    };
    out.push(
        Diag::new(
            codes::E0206,
            zone.span,
            format!("`{}` is not a zone letter", zone.value),
            "not a zone letter",
        )
        .help(help),
    );
    None
}

fn exists(zone: &S<String>, letter: char, region: &S<String>, letters: &str, out: &mut Vec<Diag>) {
    let list = letters
        .chars()
        .map(String::from)
        .collect::<Vec<_>>()
        .join(", ");
    if !letters.contains(letter) {
        out.push(
            Diag::new(
                codes::E0208,
                zone.span,
                format!("{} has no zone {}{letter}", region.value, region.value),
                "no such zone",
            )
            .with_label(region.span, format!("zones of this region: {list}"))
            .help(format!("use one of the zones {list}")),
        );
    } else if let Some(open) = regions::closed_to_new_accounts(&region.value, letter) {
        out.push(
            Diag::new(
                codes::W0201,
                zone.span,
                format!("{}{letter} is not offered to newer accounts", region.value),
                "older accounts only",
            )
            .with_label(region.span, "in this region")
            .help(format!(
                "use one of the zones {open}, which every account has"
            )),
        );
    }
}

fn subnet_group(model: &Model, cache: &Cache, out: &mut Vec<Diag>) {
    if cache.subnets.is_empty() {
        out.push(
            Diag::new(
                codes::E0214,
                cache.subnets_span,
                "a subnet group needs at least one subnet",
                "no subnets",
            )
            .help("list the subnets the nodes go in, such as subnets = [cache_a, cache_b]"),
        );
        return;
    }
    duplicates(&cache.subnets, out);
    let mut zones: Vec<&str> = Vec::new();
    for subnet in cache.subnets.iter().filter_map(|r| model.subnet(r)) {
        if !zones.contains(&subnet.zone.value.as_str()) {
            zones.push(&subnet.zone.value);
        }
    }
    if let Some(m) = cache.multi_az.as_ref().filter(|m| m.value)
        && zones.len() == 1
    {
        let zone = zones.first().copied().unwrap_or_default();
        out.push(
            Diag::new(
                codes::E0209,
                cache.subnets_span,
                format!(
                    "Multi-AZ needs subnets in two zones, but these are all in zone \"{zone}\""
                ),
                "one zone only",
            )
            .with_label(m.span, "Multi-AZ asked for here")
            .help("add a subnet in another zone to subnets"),
        );
    }
}

/// Subnets named more than once in one list: one diagnostic for the list, at the first repeat,
/// with a label on every repeat and on each first mention; found in linear time.
pub fn duplicates(refs: &[Ref], out: &mut Vec<Diag>) {
    let mut first_seen: IndexMap<usize, &Ref> = IndexMap::new();
    let mut repeats: Vec<(&Ref, &Ref)> = Vec::new();
    for r in refs {
        match first_seen.get(&r.index) {
            Some(first) => repeats.push((r, first)),
            None => {
                first_seen.insert(r.index, r);
            }
        }
    }
    let Some(((repeat, _), _)) = repeats.split_first() else {
        return;
    };
    let mut names: Vec<&str> = Vec::new();
    for (r, _) in &repeats {
        if !names.contains(&r.name.value.as_str()) {
            names.push(&r.name.value);
        }
    }
    let message = match names.as_slice() {
        [one] if repeats.len() == 1 => format!("subnet `{one}` is listed twice"),
        [one] => format!("subnet `{one}` is listed {} times", repeats.len() + 1),
        _ => format!("subnets {} are listed more than once", quoted(&names)),
    };
    let mut diag = Diag::new(codes::E0210, repeat.name.span, message, "listed again here");
    let mut firsts: Vec<usize> = Vec::new();
    for (i, (r, first)) in repeats.iter().enumerate() {
        if i > 0 {
            diag = diag.with_label(r.name.span, "listed again here");
        }
        if !firsts.contains(&first.index) {
            firsts.push(first.index);
            diag = diag.with_label(first.name.span, "first listed here");
        }
    }
    out.push(diag.help("list each subnet once"));
}

/// `` `a`, `b` `` for a message naming several declarations.
fn quoted(names: &[&str]) -> String {
    names
        .iter()
        .map(|n| format!("`{n}`"))
        .collect::<Vec<_>>()
        .join(", ")
}
