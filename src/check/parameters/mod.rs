//! Parameter group rules: a known family, and every parameter known to that family, changeable,
//! and of its type and range (`aws::parameters`); `problem` words the findings.

mod problem;

use problem::ParameterProblem;

use crate::aws::parameters::{self, Family, Param, Value};
use crate::diag::Diag;
use crate::model::{Model, ParamValue, Parameter, RefOrStr};

pub fn check(model: &Model, out: &mut Vec<Diag>) {
    out.extend(find(model).iter().map(ParameterProblem::diag));
}

fn find(model: &Model) -> Vec<ParameterProblem<'_>> {
    let mut found = Vec::new();
    for (index, group) in model.parameter_groups.iter().enumerate() {
        let used = model
            .caches
            .iter()
            .any(|c| matches!(&c.parameter_group, Some(RefOrStr::Declared(r)) if r.index == index));
        if !used {
            found.push(ParameterProblem::Unused { group });
        }
        let Some(family) = parameters::by_name(&group.family.value) else {
            found.push(ParameterProblem::UnknownFamily { group });
            continue;
        };
        for param in &group.parameters {
            match parameters::lookup(family, &param.name.value) {
                Ok(known) => value(family, known, param, &mut found),
                Err(elsewhere) => found.push(ParameterProblem::Unknown {
                    family,
                    param,
                    elsewhere,
                }),
            }
        }
    }
    found
}

fn value<'m>(
    family: Family,
    known: &'static Param,
    param: &'m Parameter,
    out: &mut Vec<ParameterProblem<'m>>,
) {
    if !known.modifiable {
        out.push(ParameterProblem::Fixed { param, known });
        return;
    }
    let written = &param.value.value;
    match (known.value, written) {
        (Value::YesNo, ParamValue::Bool(_)) => {}
        (Value::YesNo, ParamValue::Text(t)) if t == "yes" || t == "no" => {}
        (Value::YesNo, ParamValue::Text(_)) => out.push(ParameterProblem::NotYesNo { param }),
        (Value::Words(words), ParamValue::Text(t)) if !words.contains(&t.as_str()) => {
            out.push(ParameterProblem::NotAWord { param, known })
        }
        (Value::Words(_), ParamValue::Text(_)) => {}
        // The API takes every value as a string, so "300" is 300.
        (Value::Int { min, max, or_zero }, _) if number(written).is_some() => {
            let n = number(written).unwrap_or_default();
            if !((min..=max).contains(&n) || (or_zero && n == 0)) {
                out.push(ParameterProblem::OutOfRange { param, known, n });
            }
        }
        (Value::Events, ParamValue::Text(t)) => events(family, t, param, out),
        (Value::Text, ParamValue::Text(_)) => {}
        (_, _) => out.push(ParameterProblem::WrongType { param, known }),
    }
}

/// `notify-keyspace-events`: letters of event classes, and `K` or `E` for anything to be sent.
/// Source: the engines' "keyspace notifications" page ("At least K or E should be present").
fn events<'m>(
    family: Family,
    text: &str,
    param: &'m Parameter,
    out: &mut Vec<ParameterProblem<'m>>,
) {
    let letters = parameters::event_letters(family);
    if let Some(letter) = text.chars().find(|c| !letters.contains(*c)) {
        out.push(ParameterProblem::NotAnEvent {
            param,
            family,
            letter,
        });
    } else if !text.is_empty() && !text.contains(['K', 'E']) {
        out.push(ParameterProblem::NoChannel { param });
    }
}

fn number(value: &ParamValue) -> Option<i64> {
    match value {
        ParamValue::Int(n) => Some(*n),
        ParamValue::Text(t) => t.parse().ok(),
        ParamValue::Bool(_) => None,
    }
}
