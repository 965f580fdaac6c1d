//! The parameter group family's findings as data, and their wording. The rules in `parameters`
//! only find; this module alone writes the messages, labels and help, and names the facts JSON carries.

use crate::aws::parameters::{self, Family, Param, Value};
use crate::diag::suggest::did_you_mean;
use crate::diag::{Diag, codes};
use crate::model::{ParamValue, Parameter, ParameterGroup};

/// What the parameter group rules find.
#[derive(Debug, Clone)]
pub enum ParameterProblem<'m> {
    /// W0131: a declared group no replication group names.
    Unused { group: &'m ParameterGroup },
    /// E0134: a family that is not one of Redis OSS or Valkey.
    UnknownFamily { group: &'m ParameterGroup },
    /// E0130: a name the family does not take; `elsewhere` holds its entries in other families.
    Unknown {
        family: Family,
        param: &'m Parameter,
        elsewhere: Vec<&'static Param>,
    },
    /// E0133: a parameter ElastiCache keeps fixed.
    Fixed {
        param: &'m Parameter,
        known: &'static Param,
    },
    /// E0131: a value of another type than the parameter's.
    WrongType {
        param: &'m Parameter,
        known: &'static Param,
    },
    /// E0132: a yes/no parameter given another word.
    NotYesNo { param: &'m Parameter },
    /// E0132: a word outside the parameter's set.
    NotAWord {
        param: &'m Parameter,
        known: &'static Param,
    },
    /// E0132: an integer outside the parameter's range.
    OutOfRange {
        param: &'m Parameter,
        known: &'static Param,
        n: i64,
    },
    /// E0132: a letter that is no keyspace event class of the family.
    NotAnEvent {
        param: &'m Parameter,
        family: Family,
        letter: char,
    },
    /// W0130: keyspace event classes without `K` or `E`.
    NoChannel { param: &'m Parameter },
}

impl ParameterProblem<'_> {
    pub fn diag(&self) -> Diag {
        match self {
            ParameterProblem::Unused { group } => Diag::new(
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
            ))
            .fact("group", group.name.value.as_str()),
            ParameterProblem::UnknownFamily { group } => {
                let names: Vec<&str> = parameters::FAMILIES.iter().map(|f| f.name).collect();
                let written = &group.family.value;
                let help = match written.strip_prefix("default.") {
                    Some(bare) if parameters::by_name(bare).is_some() => format!(
                        "write family = \"{bare}\": a family is the default group's name without `default.`"
                    ),
                    _ => did_you_mean(written, &names, "family"),
                };
                Diag::new(
                    codes::E0134,
                    group.family.span,
                    format!("`{written}` is not a parameter group family of Redis OSS or Valkey"),
                    "unknown family",
                )
                .help(help)
                .fact("family", written.as_str())
            }
            ParameterProblem::Unknown {
                family,
                param,
                elsewhere,
            } => {
                let name = &param.name.value;
                let diag = match elsewhere.first() {
                    Some(other) => Diag::new(
                        codes::E0130,
                        param.name.span,
                        format!("family {} has no parameter `{name}`", family.name),
                        "not in this family",
                    )
                    .help(format!(
                        "`{name}` belongs to {}; remove it here",
                        other.families().join(", ")
                    )),
                    None => Diag::new(
                        codes::E0130,
                        param.name.span,
                        format!("`{name}` is not a parameter of family {}", family.name),
                        "unknown parameter",
                    )
                    .help(did_you_mean(
                        name,
                        &parameters::names(Some(*family)),
                        "parameter",
                    )),
                };
                diag.fact("parameter", name.as_str())
                    .fact("family", family.name)
            }
            ParameterProblem::Fixed { param, known } => Diag::new(
                codes::E0133,
                param.name.span,
                format!(
                    "ElastiCache does not let a parameter group change `{}`",
                    param.name.value
                ),
                "cannot be modified",
            )
            .help(match known.default {
                "" => "remove it".to_string(),
                default => format!("remove it; ElastiCache keeps it at {default}"),
            })
            .fact("parameter", known.name),
            ParameterProblem::WrongType { param, known } => {
                let name = known.name;
                let help = match known.value {
                    Value::YesNo => format!("write {name} = true or {name} = false"),
                    Value::Words(words) => format!("write one of {} in quotes", words.join(", ")),
                    other => format!("write {}", other.describe()),
                };
                Diag::new(
                    codes::E0131,
                    param.value.span,
                    format!(
                        "`{name}` takes {}, not {}",
                        known.value.describe(),
                        kind(&param.value.value)
                    ),
                    format!("expected {}", known.value.short()),
                )
                .help(help)
                .fact("parameter", name)
            }
            ParameterProblem::NotYesNo { param } => {
                let name = &param.name.value;
                not_allowed(
                    param,
                    format!("`{name}` is yes or no, not `{}`", param.value.value.api()),
                    "not allowed",
                    format!("write {name} = true or {name} = false"),
                )
            }
            ParameterProblem::NotAWord { param, known } => {
                let written = param.value.value.api();
                let words = match known.value {
                    Value::Words(words) => words,
                    _ => &[],
                };
                not_allowed(
                    param,
                    format!("`{written}` is not a value of `{}`", known.name),
                    "not allowed",
                    did_you_mean(&written, words, "value"),
                )
            }
            ParameterProblem::OutOfRange { param, known, n } => not_allowed(
                param,
                format!(
                    "`{}` is {n}; ElastiCache allows {}",
                    known.name,
                    known.value.describe()
                ),
                "not allowed",
                format!(
                    "write {}{}",
                    known.value.describe(),
                    match known.default {
                        "" => String::new(),
                        d => format!(" (default {d})"),
                    }
                ),
            ),
            ParameterProblem::NotAnEvent {
                param,
                family,
                letter,
            } => not_allowed(
                param,
                format!(
                    "`{letter}` is not a keyspace event class of family {}",
                    family.name
                ),
                "not an event class",
                format!(
                    "use letters of {}: K or E (keyspace or keyevent channel) and the classes, such as \"Ex\" for expiries",
                    parameters::event_letters(*family)
                ),
            ),
            ParameterProblem::NoChannel { param } => {
                let text = param.value.value.api();
                Diag::new(
                    codes::W0130,
                    param.value.span,
                    format!(
                        "`{}` = \"{text}\" names no channel, so no event is published",
                        param.name.value
                    ),
                    "neither K nor E",
                )
                .help(format!(
                    "add K (keyspace) or E (keyevent): \"E{text}\" publishes on __keyevent@*__"
                ))
                .fact("parameter", param.name.value.as_str())
            }
        }
    }
}

/// E0132 at the value.
fn not_allowed(param: &Parameter, message: String, label: &str, help: String) -> Diag {
    Diag::new(codes::E0132, param.value.span, message, label)
        .help(help)
        .fact("parameter", param.name.value.as_str())
}

fn kind(value: &ParamValue) -> &'static str {
    match value {
        ParamValue::Text(_) => "a string",
        ParamValue::Int(_) => "an integer",
        ParamValue::Bool(_) => "a boolean",
    }
}
