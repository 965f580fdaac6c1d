//! The engine parameters a custom parameter group may set, per family: value type, allowed values,
//! whether AWS lets them be changed, default. A family is a default group's name without `default.`.

// Sources, checked 2026-12-02: ElastiCache "Engine specific parameters" (Valkey and Redis OSS
// parameter changes per version:
// https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/ParameterGroups.Engine.html, formerly
// "Redis OSS-specific parameters":
// https://docs.aws.amazon.com/AmazonElastiCache/latest/red-ug/ParameterGroups.Redis.html) and the
// AWS CLI's `describe-engine-default-parameters` example for family `redis5.0` (allowed values,
// data types and `IsModifiable`, e.g. `timeout` "0,20-", `maxclients` not modifiable). Where the
// two disagree (the 4.0.10 page gives `active-defrag-ignore-bytes` 10485760-104857600, the API
// 1048576-), the wider range is kept: cachec is never stricter than AWS.

use super::engines;

/// A parameter group family of cluster mode disabled and the engine generation it belongs to:
/// families of one generation take the same parameters (Valkey 7.2 takes Redis OSS 7's).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Family {
    pub name: &'static str,
    pub engine: &'static str,
    generation: u8,
}

const fn family(name: &'static str, engine: &'static str, generation: u8) -> Family {
    Family {
        name,
        engine,
        generation,
    }
}

/// Every family cachec emits groups for, oldest first.
pub const FAMILIES: &[Family] = &[
    family("redis4.0", "redis", 0),
    family("redis5.0", "redis", 1),
    family("redis6.x", "redis", 2),
    family("redis7", "redis", 3),
    family("valkey7", "valkey", 3),
    family("valkey8", "valkey", 4),
    family("valkey9", "valkey", 5),
];

const REDIS5: u8 = 1;
const REDIS6: u8 = 2;
const REDIS7: u8 = 3;
const VALKEY8: u8 = 4;
const NEVER: u8 = u8::MAX;

/// The family named `name`.
pub fn by_name(name: &str) -> Option<Family> {
    FAMILIES.iter().copied().find(|f| f.name == name)
}

/// The family an engine version's groups must have: its default group's, without `default.`.
pub fn family_of(engine: &str, version: &str) -> Option<&'static str> {
    engines::default_parameter_group(engine, version)?.strip_prefix("default.")
}

/// What a parameter's value may be.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Value {
    /// `yes` or `no` (written `true`/`false` or `"yes"`/`"no"`).
    YesNo,
    /// One of these words.
    Words(&'static [&'static str]),
    /// An integer from `min` to `max`; with `or_zero`, 0 too (`timeout`: 0 or 20 and more).
    Int { min: i64, max: i64, or_zero: bool },
    /// Letters of keyspace event classes (`notify-keyspace-events`).
    Events,
    /// Free text (`rename-commands`).
    Text,
}

/// Integers above this are unbounded.
pub const NO_MAX: i64 = i64::MAX;

impl Value {
    /// "an integer from 1 to 75", "yes or no", for messages and hover.
    pub fn describe(self) -> String {
        match self {
            Value::YesNo => "yes or no".into(),
            Value::Words(words) => format!("one of {}", words.join(", ")),
            Value::Int { min, max, or_zero } => {
                let range = match max {
                    NO_MAX => format!("of {min} or more"),
                    _ => format!("from {min} to {max}"),
                };
                match or_zero {
                    true => format!("0, or an integer {range}"),
                    false => format!("an integer {range}"),
                }
            }
            Value::Events => "keyspace event class letters, such as \"Ex\"".into(),
            Value::Text => "text".into(),
        }
    }

    /// "an integer", "a word": for labels, where the whole set is too long.
    pub fn short(self) -> &'static str {
        match self {
            Value::YesNo => "yes or no",
            Value::Words(_) => "a word",
            Value::Int { .. } => "an integer",
            Value::Events => "event class letters",
            Value::Text => "text",
        }
    }
}

#[derive(Debug, Clone, Copy)]
pub struct Param {
    pub name: &'static str,
    pub value: Value,
    /// AWS refuses to change it in a custom group.
    pub modifiable: bool,
    /// As the API reports it; empty for none.
    pub default: &'static str,
    pub doc: &'static str,
    since: u8,
    /// The first generation without it.
    until: u8,
}

impl Param {
    /// Whether groups of `family` take it.
    pub fn in_family(&self, family: Family) -> bool {
        (self.since..self.until).contains(&family.generation)
    }

    /// The families that take it, for messages.
    pub fn families(&self) -> Vec<&'static str> {
        FAMILIES
            .iter()
            .filter(|f| self.in_family(**f))
            .map(|f| f.name)
            .collect()
    }

    const fn since(self, since: u8) -> Self {
        Param { since, ..self }
    }

    const fn until(self, until: u8) -> Self {
        Param { until, ..self }
    }

    const fn fixed(self) -> Self {
        Param {
            modifiable: false,
            ..self
        }
    }
}

const fn p(name: &'static str, value: Value, default: &'static str, doc: &'static str) -> Param {
    Param {
        name,
        value,
        modifiable: true,
        default,
        doc,
        since: 0,
        until: NEVER,
    }
}

const fn int(min: i64, max: i64) -> Value {
    Value::Int {
        min,
        max,
        or_zero: false,
    }
}

const YES_NO: Value = Value::YesNo;
const ANY_INT: Value = int(i64::MIN, NO_MAX);
const COUNT: Value = int(0, NO_MAX);

/// Eviction policies; the LFU ones since Redis OSS 4.0.10.
pub const POLICIES: &[&str] = &[
    "volatile-lru",
    "allkeys-lru",
    "volatile-lfu",
    "allkeys-lfu",
    "volatile-random",
    "allkeys-random",
    "volatile-ttl",
    "noeviction",
];

/// Every parameter cachec knows, by name; a name missing here is reported as unknown.
pub const PARAMS: &[Param] = &[
    // Memory and eviction.
    p(
        "maxmemory-policy",
        Value::Words(POLICIES),
        "volatile-lru",
        "what to evict when memory is full",
    ),
    p(
        "maxmemory-samples",
        int(1, NO_MAX),
        "3",
        "keys sampled per eviction",
    ),
    p(
        "reserved-memory-percent",
        int(0, 100),
        "25",
        "percent of memory kept for non-data use (backups, failover)",
    ),
    p(
        "lfu-log-factor",
        int(1, NO_MAX),
        "10",
        "key hits that saturate the LFU counter",
    ),
    p(
        "lfu-decay-time",
        COUNT,
        "1",
        "minutes after which the LFU counter decays",
    ),
    // Connections.
    p(
        "timeout",
        Value::Int {
            min: 20,
            max: NO_MAX,
            or_zero: true,
        },
        "0",
        "seconds before an idle client is closed; 0 never",
    ),
    p(
        "tcp-keepalive",
        COUNT,
        "300",
        "seconds between TCP keepalives; 0 off",
    ),
    p(
        "maxclients",
        int(1, 65_000),
        "65000",
        "most clients connected at once (fixed by ElastiCache)",
    )
    .fixed(),
    p(
        "client-query-buffer-limit",
        int(1_048_576, 1_073_741_824),
        "1073741824",
        "largest query buffer of one client, bytes",
    ),
    p(
        "proto-max-bulk-len",
        int(1_048_576, 536_870_912),
        "536870912",
        "largest single element of a request, bytes",
    ),
    p(
        "client-output-buffer-limit-normal-hard-limit",
        COUNT,
        "0",
        "output buffer bytes that disconnect a normal client",
    ),
    p(
        "client-output-buffer-limit-normal-soft-limit",
        COUNT,
        "0",
        "output buffer bytes that disconnect a normal client after the soft seconds",
    ),
    p(
        "client-output-buffer-limit-normal-soft-seconds",
        COUNT,
        "0",
        "seconds over the soft limit before a normal client is disconnected",
    ),
    p(
        "client-output-buffer-limit-pubsub-hard-limit",
        COUNT,
        "33554432",
        "output buffer bytes that disconnect a pub/sub client",
    ),
    p(
        "client-output-buffer-limit-pubsub-soft-limit",
        COUNT,
        "8388608",
        "output buffer bytes that disconnect a pub/sub client after the soft seconds",
    ),
    p(
        "client-output-buffer-limit-pubsub-soft-seconds",
        COUNT,
        "60",
        "seconds over the soft limit before a pub/sub client is disconnected",
    ),
    p(
        "client-output-buffer-limit-replica-soft-seconds",
        COUNT,
        "60",
        "seconds over the soft limit before a replica is disconnected",
    )
    .fixed()
    .since(REDIS5),
    p(
        "client-output-buffer-limit-slave-soft-seconds",
        COUNT,
        "60",
        "seconds over the soft limit before a replica is disconnected",
    )
    .fixed()
    .until(REDIS5),
    // Keyspace notifications.
    p(
        "notify-keyspace-events",
        Value::Events,
        "",
        "keyspace events published to subscribers; empty for none",
    ),
    // Slow log and latency.
    p(
        "slowlog-log-slower-than",
        ANY_INT,
        "10000",
        "microseconds a command must take to be logged; negative turns the slow log off",
    ),
    p("slowlog-max-len", COUNT, "128", "slow log entries kept"),
    p(
        "latency-tracking",
        YES_NO,
        "no",
        "per-command latency percentiles in INFO",
    )
    .since(REDIS7),
    // Active defragmentation.
    p(
        "activedefrag",
        YES_NO,
        "no",
        "active memory defragmentation",
    ),
    p(
        "active-defrag-ignore-bytes",
        int(1_048_576, NO_MAX),
        "104857600",
        "fragmentation waste, bytes, below which defragmentation does not start",
    ),
    p(
        "active-defrag-threshold-lower",
        int(1, 100),
        "10",
        "fragmentation percent at which defragmentation starts",
    ),
    p(
        "active-defrag-threshold-upper",
        int(1, 100),
        "100",
        "fragmentation percent at which it runs at full effort",
    ),
    p(
        "active-defrag-cycle-min",
        int(1, 75),
        "5",
        "least CPU percent spent defragmenting",
    ),
    p(
        "active-defrag-cycle-max",
        int(1, 75),
        "75",
        "most CPU percent spent defragmenting",
    ),
    p(
        "active-defrag-max-scan-fields",
        int(1, 1_000_000),
        "1000",
        "fields of a set, hash, sorted set or list scanned at once",
    )
    .since(REDIS5),
    // Lazy freeing.
    p(
        "lazyfree-lazy-eviction",
        YES_NO,
        "no",
        "free evicted keys in the background",
    ),
    p(
        "lazyfree-lazy-expire",
        YES_NO,
        "no",
        "free expired keys in the background",
    ),
    p(
        "lazyfree-lazy-server-del",
        YES_NO,
        "no",
        "free values that commands overwrite in the background",
    ),
    p("lazyfree-lazy-user-del", YES_NO, "no", "DEL acts as UNLINK").since(REDIS6),
    // In the engine since Redis OSS 6.2; not in the AWS pages (unconfirmed), so it is accepted, not required.
    p(
        "lazyfree-lazy-user-flush",
        YES_NO,
        "no",
        "FLUSHALL and FLUSHDB free in the background",
    )
    .since(REDIS7),
    // Replication.
    p(
        "close-on-replica-write",
        YES_NO,
        "yes",
        "disconnect clients that write to a replica",
    )
    .since(REDIS5),
    p(
        "close-on-slave-write",
        YES_NO,
        "yes",
        "disconnect clients that write to a replica",
    )
    .until(REDIS5),
    p(
        "min-replicas-to-write",
        COUNT,
        "0",
        "replicas that must be reachable for the primary to take writes",
    )
    .since(REDIS5),
    p(
        "min-replicas-max-lag",
        COUNT,
        "10",
        "seconds within which a replica must answer to count",
    )
    .since(REDIS5),
    p(
        "min-slaves-to-write",
        COUNT,
        "0",
        "replicas that must be reachable for the primary to take writes",
    )
    .until(REDIS5),
    p(
        "min-slaves-max-lag",
        COUNT,
        "10",
        "seconds within which a replica must answer to count",
    )
    .until(REDIS5),
    p(
        "repl-backlog-size",
        int(16_384, NO_MAX),
        "1048576",
        "replication backlog, bytes",
    ),
    p(
        "repl-backlog-ttl",
        COUNT,
        "3600",
        "seconds the backlog is kept after the last replica left",
    ),
    p(
        "replica-allow-chaining",
        YES_NO,
        "no",
        "replicas of replicas",
    )
    .fixed()
    .since(REDIS5),
    p(
        "replica-ignore-maxmemory",
        YES_NO,
        "yes",
        "replicas do not evict on their own",
    )
    .fixed()
    .since(REDIS5),
    p(
        "replica-lazy-flush",
        YES_NO,
        "no",
        "asynchronous flush during a replica's sync",
    )
    .fixed()
    .since(REDIS5),
    p(
        "slave-lazy-flush",
        YES_NO,
        "no",
        "asynchronous flush during a replica's sync",
    )
    .fixed()
    .until(REDIS5),
    // Persistence: ElastiCache turns AOF off and does not let it be turned on.
    p(
        "appendonly",
        YES_NO,
        "no",
        "append-only file (not available on ElastiCache)",
    )
    .fixed(),
    p(
        "appendfsync",
        Value::Words(&["always", "everysec", "no"]),
        "everysec",
        "append-only file fsync (not available on ElastiCache)",
    )
    .fixed(),
    // Cluster mode: set when a group is created; `yes` only for cluster mode enabled.
    p(
        "cluster-enabled",
        YES_NO,
        "no",
        "cluster mode: yes for groups with cluster_mode enabled or compatible, no otherwise",
    ),
    p(
        "cluster-require-full-coverage",
        YES_NO,
        "no",
        "stop serving when a hash slot is uncovered",
    ),
    p(
        "cluster-allow-reads-when-down",
        YES_NO,
        "no",
        "serve reads while the cluster is down",
    )
    .since(REDIS6),
    p(
        "cluster-allow-pubsubshard-when-down",
        YES_NO,
        "yes",
        "serve shard pub/sub while the cluster is down",
    )
    .since(REDIS7),
    p(
        "cluster-preferred-endpoint-type",
        Value::Words(&["ip", "tls-dynamic"]),
        "ip",
        "endpoint returned by MOVED and CLUSTER SLOTS",
    )
    .since(REDIS7),
    // Keyspace and scripting.
    p(
        "databases",
        int(1, 1_200_000),
        "16",
        "number of logical databases (only while no cluster uses the group)",
    ),
    p(
        "activerehashing",
        YES_NO,
        "yes",
        "incremental rehashing of the main dictionary",
    )
    .until(REDIS7),
    p(
        "activerehashing",
        YES_NO,
        "yes",
        "incremental rehashing (hidden and on since Redis OSS 7)",
    )
    .fixed()
    .since(REDIS7),
    p(
        "lua-time-limit",
        int(5000, 5000),
        "5000",
        "milliseconds a Lua script may run",
    )
    .fixed(),
    p(
        "lua-replicate-commands",
        YES_NO,
        "yes",
        "replicate Lua scripts by their effects",
    )
    .since(REDIS5)
    .until(REDIS6),
    p(
        "rename-commands",
        Value::Text,
        "",
        "space-separated renamed commands",
    )
    .since(REDIS5),
    p(
        "acl-pubsub-default",
        Value::Words(&["resetchannels", "allchannels"]),
        "allchannels",
        "default pub/sub channel permissions of ACL users",
    )
    .since(REDIS6),
    p("acllog-max-len", COUNT, "128", "entries of the ACL log").since(REDIS6),
    p(
        "tracking-table-max-keys",
        COUNT,
        "1000000",
        "keys tracked for client-side caching",
    )
    .since(REDIS6),
    p(
        "active-expire-effort",
        int(1, 10),
        "1",
        "effort spent expiring keys",
    )
    .since(REDIS6),
    // Encodings.
    p(
        "hash-max-ziplist-entries",
        COUNT,
        "512",
        "hash entries kept compact",
    )
    .until(REDIS7),
    p(
        "hash-max-ziplist-value",
        COUNT,
        "64",
        "largest hash value kept compact",
    )
    .until(REDIS7),
    p(
        "zset-max-ziplist-entries",
        COUNT,
        "128",
        "sorted set entries kept compact",
    )
    .until(REDIS7),
    p(
        "zset-max-ziplist-value",
        COUNT,
        "64",
        "largest sorted set value kept compact",
    )
    .until(REDIS7),
    p(
        "list-max-ziplist-size",
        ANY_INT,
        "-2",
        "entries or bytes per list node",
    )
    .fixed()
    .until(REDIS7),
    p(
        "hash-max-listpack-entries",
        COUNT,
        "512",
        "hash entries kept compact",
    )
    .since(REDIS7),
    p(
        "hash-max-listpack-value",
        COUNT,
        "64",
        "largest hash value kept compact",
    )
    .since(REDIS7),
    p(
        "zset-max-listpack-entries",
        COUNT,
        "128",
        "sorted set entries kept compact",
    )
    .since(REDIS7),
    p(
        "zset-max-listpack-value",
        COUNT,
        "64",
        "largest sorted set value kept compact",
    )
    .since(REDIS7),
    p(
        "list-compress-depth",
        COUNT,
        "0",
        "list nodes at each end left uncompressed",
    ),
    p(
        "set-max-intset-entries",
        COUNT,
        "512",
        "set entries kept as an intset",
    ),
    p(
        "hll-sparse-max-bytes",
        int(1, 16_000),
        "3000",
        "HyperLogLog sparse representation limit, bytes",
    ),
    p(
        "stream-node-max-bytes",
        COUNT,
        "4096",
        "bytes per stream node; 0 unlimited",
    )
    .since(REDIS5),
    p(
        "stream-node-max-entries",
        COUNT,
        "100",
        "entries per stream node; 0 unlimited",
    )
    .since(REDIS5),
    // Valkey 8.1 (family valkey8): the command log.
    p(
        "commandlog-execution-slower-than",
        ANY_INT,
        "10000",
        "microseconds a command must take to enter the command log",
    )
    .since(VALKEY8),
    p(
        "commandlog-slow-execution-max-len",
        int(0, 1024),
        "128",
        "slow executions kept in the command log",
    )
    .since(VALKEY8),
    p(
        "commandlog-request-larger-than",
        COUNT,
        "1048576",
        "request bytes that enter the command log",
    )
    .since(VALKEY8),
    p(
        "commandlog-large-request-max-len",
        int(0, 1024),
        "128",
        "large requests kept in the command log",
    )
    .since(VALKEY8),
    p(
        "commandlog-reply-larger-than",
        COUNT,
        "1048576",
        "reply bytes that enter the command log",
    )
    .since(VALKEY8),
    p(
        "commandlog-large-reply-max-len",
        int(0, 1024),
        "128",
        "large replies kept in the command log",
    )
    .since(VALKEY8),
];

/// The parameter `name` as groups of `family` know it, else every family's entry of that name
/// (for "exists in redis6.x only").
pub fn lookup(family: Family, name: &str) -> Result<&'static Param, Vec<&'static Param>> {
    let named: Vec<&'static Param> = PARAMS.iter().filter(|p| p.name == name).collect();
    named
        .iter()
        .copied()
        .find(|p| p.in_family(family))
        .ok_or(named)
}

/// The names groups of `family` take, for suggestions and completion.
pub fn names(family: Option<Family>) -> Vec<&'static str> {
    let mut names: Vec<&'static str> = PARAMS
        .iter()
        .filter(|p| family.is_none_or(|f| p.in_family(f)))
        .map(|p| p.name)
        .collect();
    names.dedup();
    names
}

/// The table of covered parameters in `docs/language.md` (a test holds the two together). Names
/// are not in backticks there, so the reference's key tables do not read them as keys.
pub fn doc_table() -> String {
    let mut out =
        String::from("| parameter | value | families, default, meaning |\n|---|---|---|\n");
    for p in PARAMS {
        let families = match (p.since, p.until) {
            (0, NEVER) => "all families".to_string(),
            _ => p.families().join(", "),
        };
        let fixed = if p.modifiable {
            ""
        } else {
            "; fixed by ElastiCache (E0133)"
        };
        let default = match p.default {
            "" => "no default".to_string(),
            d => format!("default {d}"),
        };
        let value = p.value.describe().replace('|', "\\|");
        out.push_str(&format!(
            "| {} | {value} | {families}; {default}{fixed}; {} |\n",
            p.name, p.doc
        ));
    }
    out
}

/// Keyspace event class letters the engine of `family` takes: `t` (streams) since Redis OSS 5,
/// `m` (key misses) and `d` (module types) since 6, `n` (new keys) since 7. Source: the engines'
/// "Redis keyspace notifications" page.
pub fn event_letters(family: Family) -> String {
    let mut letters = String::from("KEg$lshzxeA");
    for (letter, since) in [('t', REDIS5), ('m', REDIS6), ('d', REDIS6), ('n', REDIS7)] {
        if family.generation >= since {
            letters.push(letter);
        }
    }
    letters
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_version_has_a_family_and_names_are_unique_per_family() {
        for (engine, version, _) in engines::VERSIONS {
            let name = family_of(engine, version).expect("a family");
            assert_eq!(by_name(name).map(|f| f.engine), Some(*engine));
        }
        for family in FAMILIES {
            let names: Vec<&str> = PARAMS
                .iter()
                .filter(|p| p.in_family(*family))
                .map(|p| p.name)
                .collect();
            for (i, n) in names.iter().enumerate() {
                assert!(!names[i + 1..].contains(n), "{n} twice in {}", family.name);
            }
        }
    }

    #[test]
    fn lookups_know_where_a_parameter_lives() {
        let redis7 = by_name("redis7").unwrap();
        let redis6 = by_name("redis6.x").unwrap();
        assert!(lookup(redis7, "latency-tracking").is_ok());
        let Err(elsewhere) = lookup(redis6, "latency-tracking") else {
            panic!("not in redis6.x")
        };
        assert_eq!(
            elsewhere[0].families(),
            ["redis7", "valkey7", "valkey8", "valkey9"]
        );
        assert!(lookup(redis7, "activerehashing").is_ok_and(|p| !p.modifiable));
        assert!(lookup(redis6, "activerehashing").is_ok_and(|p| p.modifiable));
        assert!(lookup(redis7, "nope").is_err_and(|e| e.is_empty()));
        assert_eq!(event_letters(redis6), "KEg$lshzxeAtmd");
        assert_eq!(
            Value::Int {
                min: 20,
                max: NO_MAX,
                or_zero: true
            }
            .describe(),
            "0, or an integer of 20 or more"
        );
    }
}
