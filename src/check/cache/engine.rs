//! The engine, its version, the parameter group that must match the version, and support dates.

use crate::aws::engines::{self, CLUSTER_ON, ENGINES, Version};
use crate::check::Context;
use crate::diag::suggest::did_you_mean;
use crate::diag::{Diag, codes};
use crate::model::Cache;

pub fn check(cache: &Cache, cx: &Context, out: &mut Vec<Diag>) {
    let engine = cache.engine.value.as_str();
    if !ENGINES.contains(&engine) {
        out.push(unknown_engine(cache));
        return;
    }
    let version = cache.engine_version.value.as_str();
    let Some(default_group) = engines::default_parameter_group(engine, version) else {
        out.push(unknown_version(cache, engine));
        return;
    };
    parameter_group(cache, engine, default_group, out);
    if let Some(end) = engines::standard_support_ends(engine, version)
        && cx.today > end
    {
        let latest = engines::versions(engine).last().unwrap_or_default();
        out.push(
            Diag::new(
                codes::W0101,
                cache.engine_version.span,
                format!(
                    "{} {version} left standard support on {end}",
                    engines::display_name(engine)
                ),
                "past the end of standard support",
            )
            .help(format!(
                "AWS bills Extended Support for it; write engine_version = \"{latest}\", or move \
                 to engine = \"valkey\""
            )),
        );
    }
}

fn unknown_engine(cache: &Cache) -> Diag {
    let engine = &cache.engine;
    let (message, help) = if engine.value == "memcached" {
        (
            "memcached cannot form a replication group".to_string(),
            "write engine = \"valkey\" or engine = \"redis\"".to_string(),
        )
    } else {
        (
            format!("unknown engine `{}`", engine.value),
            did_you_mean(&engine.value, ENGINES, "engine"),
        )
    };
    Diag::new(codes::E0101, engine.span, message, "not an engine").help(help)
}

fn unknown_version(cache: &Cache, engine: &str) -> Diag {
    let written = cache.engine_version.value.as_str();
    let known: Vec<&str> = engines::versions(engine).collect();
    let name = engines::display_name(engine);
    let mut diag = Diag::new(
        codes::E0102,
        cache.engine_version.span,
        format!("`{written}` is not a {name} version CloudFormation accepts"),
        "unknown version",
    );
    let other = ENGINES
        .iter()
        .find(|e| **e != engine && engines::default_parameter_group(e, written).is_some());
    if let Some(other) = other {
        diag = diag.with_label(
            cache.engine.span,
            format!("{written} is a {} version", engines::display_name(other)),
        );
    }
    let help = match closest_version(written, &known) {
        Some(v) if written.split('.').count() == 3 && v.split('.').count() == 2 => {
            format!("write \"{v}\": from 6.0 on, CloudFormation takes major.minor only")
        }
        Some(v) => format!("did you mean \"{v}\"?"),
        None => format!("{name} versions: {}", known.join(", ")),
    };
    diag.help(help)
}

/// "7.1.0" -> "7.1"; "5.0" -> "5.0.6": the known version the written one abbreviates or extends.
fn closest_version<'a>(written: &str, known: &[&'a str]) -> Option<&'a str> {
    let parsed = Version::parse(written)?;
    known.iter().copied().find(|k| {
        Version::parse(k).is_some_and(|v| v.major == parsed.major && v.minor == parsed.minor)
    })
}

fn parameter_group(cache: &Cache, engine: &str, default_group: &str, out: &mut Vec<Diag>) {
    let Some(group) = &cache.parameter_group else {
        return;
    };
    let name = group.value.as_str();
    let version = &cache.engine_version;
    let fix = format!("write parameter_group = \"{default_group}\", or leave parameter_group out");
    if name.ends_with(CLUSTER_ON) {
        out.push(
            Diag::new(
                codes::E0104,
                group.span,
                format!("`{name}` turns cluster mode on, but cachec builds groups with cluster mode disabled"),
                "a cluster-mode-enabled parameter group",
            )
            .help(fix),
        );
        return;
    }
    if name == default_group || !name.starts_with("default.") {
        // A custom group's family cannot be seen from its name.
        return;
    }
    let label = format!(
        "{} {} is set here",
        engines::display_name(engine),
        version.value
    );
    let message = match engines::group_serves(name) {
        Some((e, versions)) => format!(
            "`{name}` is the parameter group of {} {}, not of {} {}",
            engines::display_name(e),
            versions.join(" and "),
            engines::display_name(engine),
            version.value
        ),
        None => format!("there is no default parameter group `{name}`"),
    };
    out.push(
        Diag::new(
            codes::E0103,
            group.span,
            message,
            "wrong parameter group family",
        )
        .with_label(version.span, label)
        .help(fix),
    );
}
