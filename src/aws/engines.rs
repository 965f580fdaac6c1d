//! ElastiCache engines and versions (cluster mode disabled) and their default parameter groups.
//! Source: cfn-lint 1.51 `engine_version.json`; ElastiCache "Engine specific parameters".

/// Versions CloudFormation accepts on create, per engine, with their default parameter group.
pub const VERSIONS: &[(&str, &str, &str)] = &[
    ("redis", "4.0.10", "default.redis4.0"),
    ("redis", "5.0.6", "default.redis5.0"),
    ("redis", "6.0", "default.redis6.x"),
    ("redis", "6.2", "default.redis6.x"),
    ("redis", "7.0", "default.redis7"),
    ("redis", "7.1", "default.redis7"),
    ("valkey", "7.2", "default.valkey7"),
    ("valkey", "8.0", "default.valkey8"),
    ("valkey", "8.1", "default.valkey8"),
    ("valkey", "8.2", "default.valkey8"),
    ("valkey", "9.0", "default.valkey9"),
];

pub const ENGINES: &[&str] = &["redis", "valkey"];

/// The default parameter group for an engine version, if the version is known.
pub fn default_parameter_group(engine: &str, version: &str) -> Option<&'static str> {
    VERSIONS
        .iter()
        .find(|(e, v, _)| *e == engine && *v == version)
        .map(|(_, _, g)| *g)
}
