//! Parameter group rules: a known family, and every parameter known to that family, changeable,
//! and of its type and range (`aws::parameters`). Whether the family fits the engine is `cache`'s.

use crate::aws::parameters::{self, Family, Param, Value};
use crate::diag::suggest::did_you_mean;
use crate::diag::{Diag, codes};
use crate::model::{Model, ParamValue, Parameter, ParameterGroup, RefOrStr};

pub fn check(model: &Model, out: &mut Vec<Diag>) {
    for (index, group) in model.parameter_groups.iter().enumerate() {
        let used = model
            .caches
            .iter()
            .any(|c| matches!(&c.parameter_group, Some(RefOrStr::Declared(r)) if r.index == index));
        if !used {
            out.push(
                Diag::new(
                    codes::W0131,
                    group.name.span,
                    format!(
                        "no replication group uses parameter group `{}`",
                        group.name.value
                    ),
                    "not used",
                )
                .help(format!(
                    "write parameter_group = {} in a replication group, or remove the group",
                    group.name.value
                )),
            );
        }
        let Some(family) = parameters::by_name(&group.family.value) else {
            out.push(unknown_family(group));
            continue;
        };
        for p in &group.parameters {
            match parameters::lookup(family, &p.name.value) {
                Ok(param) => value(family, param, p, out),
                Err(elsewhere) => out.push(unknown(family, p, &elsewhere)),
            }
        }
    }
}

fn unknown_family(group: &ParameterGroup) -> Diag {
    let names: Vec<&str> = parameters::FAMILIES.iter().map(|f| f.name).collect();
    let written = &group.family.value;
    let help = match written.strip_prefix("default.") {
        Some(bare) if parameters::by_name(bare).is_some() => {
            format!(
                "write family = \"{bare}\": a family is the default group's name without `default.`"
            )
        }
        _ => did_you_mean(written, &names, "family"),
    };
    Diag::new(
        codes::E0134,
        group.family.span,
        format!("`{written}` is not a parameter group family of Redis OSS or Valkey"),
        "unknown family",
    )
    .help(help)
}

fn unknown(family: Family, p: &Parameter, elsewhere: &[&Param]) -> Diag {
    let name = &p.name.value;
    match elsewhere.first() {
        Some(other) => Diag::new(
            codes::E0130,
            p.name.span,
            format!("family {} has no parameter `{name}`", family.name),
            "not in this family",
        )
        .help(format!(
            "`{name}` belongs to {}; remove it here",
            other.families().join(", ")
        )),
        None => Diag::new(
            codes::E0130,
            p.name.span,
            format!("`{name}` is not a parameter of family {}", family.name),
            "unknown parameter",
        )
        .help(did_you_mean(
            name,
            &parameters::names(Some(family)),
            "parameter",
        )),
    }
}

fn value(family: Family, param: &Param, p: &Parameter, out: &mut Vec<Diag>) {
    let name = &p.name.value;
    if !param.modifiable {
        out.push(
            Diag::new(
                codes::E0133,
                p.name.span,
                format!("ElastiCache does not let a parameter group change `{name}`"),
                "cannot be modified",
            )
            .help(match param.default {
                "" => "remove it".to_string(),
                default => format!("remove it; ElastiCache keeps it at {default}"),
            }),
        );
        return;
    }
    let written = &p.value.value;
    let wrong_type = |help: String| {
        Diag::new(
            codes::E0131,
            p.value.span,
            format!(
                "`{name}` takes {}, not {}",
                param.value.describe(),
                kind(written)
            ),
            format!("expected {}", param.value.short()),
        )
        .help(help)
    };
    let outside = |why: String, help: String| {
        Diag::new(codes::E0132, p.value.span, why, "not allowed").help(help)
    };
    match (param.value, written) {
        (Value::YesNo, ParamValue::Bool(_)) => {}
        (Value::YesNo, ParamValue::Text(t)) if t == "yes" || t == "no" => {}
        (Value::YesNo, ParamValue::Text(t)) => out.push(outside(
            format!("`{name}` is yes or no, not `{t}`"),
            format!("write {name} = true or {name} = false"),
        )),
        (Value::Words(words), ParamValue::Text(t)) if !words.contains(&t.as_str()) => {
            out.push(outside(
                format!("`{t}` is not a value of `{name}`"),
                did_you_mean(t, words, "value"),
            ))
        }
        (Value::Words(_), ParamValue::Text(_)) => {}
        // The API takes every value as a string, so "300" is 300.
        (Value::Int { min, max, or_zero }, ParamValue::Int(_) | ParamValue::Text(_))
            if number(written).is_some() =>
        {
            let n = number(written).unwrap_or_default();
            if !((min..=max).contains(&n) || (or_zero && n == 0)) {
                out.push(outside(
                    format!(
                        "`{name}` is {n}; ElastiCache allows {}",
                        param.value.describe()
                    ),
                    format!(
                        "write {}{}",
                        param.value.describe(),
                        match param.default {
                            "" => String::new(),
                            d => format!(" (default {d})"),
                        }
                    ),
                ));
            }
        }
        (Value::Events, ParamValue::Text(t)) => events(family, name, t, p, out),
        (Value::Text, ParamValue::Text(_)) => {}
        (Value::YesNo, ParamValue::Int(_)) => {
            out.push(wrong_type(format!("write {name} = true or {name} = false")))
        }
        (Value::Words(words), _) => out.push(wrong_type(format!(
            "write one of {} in quotes",
            words.join(", ")
        ))),
        (_, _) => out.push(wrong_type(format!("write {}", param.value.describe()))),
    }
}

/// `notify-keyspace-events`: letters of event classes, and `K` or `E` for anything to be sent.
/// Source: the engines' "keyspace notifications" page ("At least K or E should be present").
fn events(family: Family, name: &str, text: &str, p: &Parameter, out: &mut Vec<Diag>) {
    let letters = parameters::event_letters(family);
    if let Some(bad) = text.chars().find(|c| !letters.contains(*c)) {
        out.push(
            Diag::new(
                codes::E0132,
                p.value.span,
                format!(
                    "`{bad}` is not a keyspace event class of family {}",
                    family.name
                ),
                "not an event class",
            )
            .help(format!(
                "use letters of {letters}: K or E (keyspace or keyevent channel) and the classes, such as \"Ex\" for expiries"
            )),
        );
        return;
    }
    if !text.is_empty() && !text.contains(['K', 'E']) {
        out.push(
            Diag::new(
                codes::W0130,
                p.value.span,
                format!("`{name}` = \"{text}\" names no channel, so no event is published"),
                "neither K nor E",
            )
            .help(format!(
                "add K (keyspace) or E (keyevent): \"E{text}\" publishes on __keyevent@*__"
            )),
        );
    }
}

fn number(value: &ParamValue) -> Option<i64> {
    match value {
        ParamValue::Int(n) => Some(*n),
        ParamValue::Text(t) => t.parse().ok(),
        ParamValue::Bool(_) => None,
    }
}

fn kind(value: &ParamValue) -> &'static str {
    match value {
        ParamValue::Text(_) => "a string",
        ParamValue::Int(_) => "an integer",
        ParamValue::Bool(_) => "a boolean",
    }
}
