//! EC2 client instances: a known instance type, an Amazon Linux image that runs on it and is still
//! supported, and client tools that the image's repositories carry and that speak the cache's TLS.

use super::Context;
use crate::aws::{images, instance_types};
use crate::diag::suggest::{closest, did_you_mean};
use crate::diag::{Diag, codes};
use crate::model::{Instance, Model, S};

pub fn check(model: &Model, cx: &Context, out: &mut Vec<Diag>) {
    let types = instance_types::sorted();
    for instance in &model.instances {
        instance_type(instance, &types, out);
        let image = &instance.image;
        if !images::IMAGES.contains(&image.value.as_str()) {
            out.push(
                Diag::new(
                    codes::E0304,
                    image.span,
                    format!("unknown image `{}`", image.value),
                    "not an image cachec knows",
                )
                .help(did_you_mean(&image.value, images::IMAGES, "image")),
            );
            continue;
        }
        end_of_support(instance, cx, out);
        packages(model, instance, out);
    }
}

fn instance_type(instance: &Instance, types: &[&str], out: &mut Vec<Diag>) {
    let t = &instance.instance_type;
    if types.binary_search(&t.value.as_str()).is_err() {
        let known = types.iter().copied();
        out.push(
            Diag::new(
                codes::E0303,
                t.span,
                format!("unknown instance type `{}`", t.value),
                "not an EC2 instance type",
            )
            .help(match closest(&t.value, known) {
                Some(near) => format!("did you mean `{near}`?"),
                None => {
                    "write an EC2 instance type, such as \"t3.micro\" (x86_64) or \"t4g.nano\" \
                         (arm64)"
                        .to_string()
                }
            }),
        );
    } else if instance_types::is_mac(&t.value) {
        out.push(
            Diag::new(
                codes::E0305,
                t.span,
                format!(
                    "{} does not run on `{}`",
                    images::title(&instance.image.value),
                    t.value
                ),
                "a Mac instance: macOS on a Dedicated Host only",
            )
            .with_label(
                instance.image.span,
                "no AMI of this image for Mac instances",
            )
            .help("pick a Linux instance type, such as `instance_type = \"t4g.nano\"`"),
        );
    }
}

fn end_of_support(instance: &Instance, cx: &Context, out: &mut Vec<Diag>) {
    let image = &instance.image;
    let Some((last_day, successor)) = images::end_of_support(&image.value) else {
        return;
    };
    if cx.today <= last_day {
        return;
    }
    let title = images::title(&image.value);
    out.push(
        Diag::new(
            codes::W0301,
            image.span,
            format!("{title} reached its end of support on {last_day}"),
            "no more security updates",
        )
        .help(match successor {
            Some(next) => format!(
                "write `image = \"{next}\"` ({}); packages are installed the same way",
                images::title(next)
            ),
            None => format!("move to the successor of {title}"),
        }),
    );
}

/// Each rule here reports once for the whole list, with a label on every package it concerns.
fn packages(model: &Model, instance: &Instance, out: &mut Vec<Diag>) {
    let image = &instance.image;
    let known: Vec<&S<String>> = instance
        .packages
        .iter()
        .filter(|p| images::PACKAGES.contains(&p.value.as_str()))
        .collect();
    unknown_packages(instance, out);
    let (available, unavailable): (Vec<&S<String>>, Vec<&S<String>>) = known
        .into_iter()
        .partition(|p| images::install_commands(&image.value, &p.value).is_some());
    if let Some((first, rest)) = unavailable.split_first() {
        let alternatives: Vec<String> = images::PACKAGES
            .iter()
            .filter(|p| images::install_commands(&image.value, p).is_some())
            .map(|p| format!("\"{p}\""))
            .collect();
        let names: Vec<String> = unavailable
            .iter()
            .map(|p| format!("`{}`", p.value))
            .collect();
        let (names, are) = match names.as_slice() {
            [one] => (one.clone(), "is"),
            _ => (names.join(" and "), "are"),
        };
        let mut diag = Diag::new(
            codes::E0307,
            first.span,
            format!(
                "{names} {are} not packaged for {}",
                images::title(&image.value)
            ),
            "not in this image's repositories",
        );
        for p in rest {
            diag = diag.with_label(p.span, "not in this image's repositories");
        }
        out.push(diag.with_label(image.span, "this image").help(format!(
            "write `image = \"al2023\"`, or install {} instead",
            alternatives.join(" or ")
        )));
    }
    // The first cache this instance reaches over TLS, for the TLS warning's second label.
    let Some(cache) = instance
        .connects
        .iter()
        .filter_map(|r| model.cache(r))
        .find(|c| c.transit_encryption())
    else {
        return;
    };
    let plain: Vec<&S<String>> = available
        .into_iter()
        .filter(|p| !images::speaks_tls(&image.value, &p.value))
        .collect();
    let Some((first, rest)) = plain.split_first() else {
        return;
    };
    let encrypted = cache
        .transit_encryption
        .as_ref()
        .map_or(cache.name.span, |b| b.span);
    let names: Vec<String> = plain.iter().map(|p| format!("`{}`", p.value)).collect();
    let names = names.join(" and ");
    let mut diag = Diag::new(
        codes::W0302,
        first.span,
        format!(
            "{names} from {} cannot open TLS connections, but `{}` accepts only TLS",
            images::title(&image.value),
            cache.name.value
        ),
        "built without TLS",
    );
    for p in rest {
        diag = diag.with_label(p.span, "built without TLS");
    }
    out.push(
        diag.with_label(encrypted, "transit encryption: clients must use TLS")
            .help(
                "write `image = \"al2023\"`: its redis6-cli (linked as redis-cli) speaks TLS \
                 with `--tls`",
            ),
    );
}

/// Packages cachec cannot install, with each one's nearest known package on its label.
fn unknown_packages(instance: &Instance, out: &mut Vec<Diag>) {
    let unknown: Vec<&S<String>> = instance
        .packages
        .iter()
        .filter(|p| !images::PACKAGES.contains(&p.value.as_str()))
        .collect();
    let Some((first, rest)) = unknown.split_first() else {
        return;
    };
    if rest.is_empty() {
        out.push(
            Diag::new(
                codes::E0306,
                first.span,
                format!("unknown package `{}`", first.value),
                "not a client cachec can install",
            )
            .help(did_you_mean(&first.value, images::PACKAGES, "package")),
        );
        return;
    }
    let label = |p: &S<String>| match closest(&p.value, images::PACKAGES.iter().copied()) {
        Some(near) => format!("did you mean `{near}`?"),
        None => "not a client cachec can install".to_string(),
    };
    let names: Vec<String> = unknown.iter().map(|p| format!("`{}`", p.value)).collect();
    let mut diag = Diag::new(
        codes::E0306,
        first.span,
        format!("unknown packages {}", names.join(", ")),
        label(first),
    );
    for p in rest {
        diag = diag.with_label(p.span, label(p));
    }
    out.push(diag.help(format!(
        "cachec installs these clients: {}",
        images::PACKAGES.join(", ")
    )));
}
