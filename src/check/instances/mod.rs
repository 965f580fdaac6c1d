//! EC2 client instances: a known instance type, an Amazon Linux image that runs on it and is still
//! supported, a well-formed pinned AMI, IMDSv2, and client tools that speak the cache's TLS;
//! `problem` words the findings.

mod problem;

use problem::InstanceProblem;

use super::Context;
use crate::aws::{images, instance_types};
use crate::diag::Diag;
use crate::diag::suggest::closest;
use crate::model::{Instance, Model, S};

pub fn check(model: &Model, cx: &Context, out: &mut Vec<Diag>) {
    out.extend(find(model, cx).iter().map(InstanceProblem::diag));
}

fn find<'m>(model: &'m Model, cx: &Context) -> Vec<InstanceProblem<'m>> {
    let mut found = Vec::new();
    let types = instance_types::sorted();
    for instance in &model.instances {
        found.extend(instance_type(instance, &types));
        found.extend(pinned(instance));
        if let Some(off) = instance.imdsv2.as_ref().filter(|b| !b.value) {
            found.push(InstanceProblem::Imdsv1 { instance, off });
        }
        if !images::IMAGES.contains(&instance.image.value.as_str()) {
            found.push(InstanceProblem::UnknownImage { instance });
            continue;
        }
        found.extend(end_of_support(instance, cx));
        packages(model, instance, &mut found);
    }
    found
}

fn instance_type<'m>(
    instance: &'m Instance,
    types: &[&'static str],
) -> Option<InstanceProblem<'m>> {
    let t = &instance.instance_type.value;
    if types.binary_search(&t.as_str()).is_err() {
        Some(InstanceProblem::UnknownType {
            instance,
            near: closest(t, types.iter().copied()),
        })
    } else {
        instance_types::is_mac(t).then_some(InstanceProblem::MacType { instance })
    }
}

/// A pinned AMI reads as an AMI id or a versioned parameter, for the instance's architecture
/// where the parameter's name tells it.
fn pinned(instance: &Instance) -> Option<InstanceProblem<'_>> {
    let ami = instance.ami.as_ref()?;
    match images::pin(&ami.value) {
        Err(why) => Some(InstanceProblem::BadPin { ami, why }),
        Ok(images::Pin::Ssm { name, .. }) => {
            let runs = images::instance_arch(&instance.instance_type.value);
            let named = images::named_arch(name)?;
            (named != runs).then_some(InstanceProblem::PinOtherArch {
                instance,
                ami,
                named,
                runs,
            })
        }
        Ok(images::Pin::Ami(_)) => None,
    }
}

fn end_of_support<'m>(instance: &'m Instance, cx: &Context) -> Option<InstanceProblem<'m>> {
    let (last_day, successor) = images::end_of_support(&instance.image.value)?;
    (cx.today > last_day).then_some(InstanceProblem::EndOfSupport {
        instance,
        last_day,
        successor,
    })
}

/// Each rule here reports once for the whole list, with every package it concerns.
fn packages<'m>(model: &'m Model, instance: &'m Instance, found: &mut Vec<InstanceProblem<'m>>) {
    let image = &instance.image.value;
    let (known, unknown): (Vec<&S<String>>, Vec<&S<String>>) = instance
        .packages
        .iter()
        .partition(|p| images::PACKAGES.contains(&p.value.as_str()));
    if let Some((first, more)) = unknown.split_first() {
        found.push(InstanceProblem::UnknownPackages {
            first,
            more: more.to_vec(),
        });
    }
    let (available, unavailable): (Vec<&S<String>>, Vec<&S<String>>) = known
        .into_iter()
        .partition(|p| images::install_commands(image, &p.value).is_some());
    if let Some((first, more)) = unavailable.split_first() {
        found.push(InstanceProblem::NotPackaged {
            instance,
            first,
            more: more.to_vec(),
            alternatives: images::PACKAGES
                .iter()
                .copied()
                .filter(|p| images::install_commands(image, p).is_some())
                .collect(),
        });
    }
    // The first cache this instance reaches over TLS: a replication group with transit
    // encryption, else a serverless cache, which always requires TLS.
    let group = instance
        .connects
        .iter()
        .filter_map(|r| model.cache(r))
        .find(|c| c.transit_encryption())
        .map(|c| {
            let encrypted = c
                .transit_encryption
                .as_ref()
                .map_or(c.name.span, |b| b.span);
            (
                &c.name,
                encrypted,
                "transit encryption: clients must use TLS",
            )
        });
    let serverless = || {
        instance
            .connects_serverless
            .iter()
            .find_map(|r| model.serverless_cache(r))
            .map(|c| (&c.name, c.name.span, "serverless: clients must use TLS"))
    };
    let Some((cache, encrypted, why)) = group.or_else(serverless) else {
        return;
    };
    let plain: Vec<&S<String>> = available
        .into_iter()
        .filter(|p| !images::speaks_tls(image, &p.value))
        .collect();
    if let Some((first, more)) = plain.split_first() {
        found.push(InstanceProblem::NoTls {
            instance,
            cache,
            encrypted,
            why,
            first,
            more: more.to_vec(),
        });
    }
}
