//! What each declaration kind may contain: its keys, their types, and a line of documentation each.
//! Lowering validates against this table; the language server reads it for hover and completion.

/// The kinds of things a program declares. Names of all kinds share one namespace.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Kind {
    Stack,
    Network,
    Subnet,
    Endpoint,
    ReplicationGroup,
    Layer,
    Instance,
    Function,
    Environment,
    Moved,
}

impl Kind {
    /// The keyword that declares it.
    pub fn keyword(self) -> &'static str {
        self.schema().keyword
    }

    /// How a message names it: "a subnet", "a replication group".
    pub fn article(self) -> &'static str {
        match self {
            Kind::Stack => "the stack",
            Kind::Network => "a network",
            Kind::Subnet => "a subnet",
            Kind::Endpoint => "an endpoint",
            Kind::ReplicationGroup => "a replication group",
            Kind::Layer => "a layer",
            Kind::Instance => "an instance",
            Kind::Function => "a function",
            Kind::Environment => "an environment block",
            Kind::Moved => "a moved statement",
        }
    }

    // SCHEMAS has an entry for every kind (a unit test checks it), so the fallback is never taken.
    #[allow(clippy::indexing_slicing)]
    pub fn schema(self) -> &'static KindSchema {
        SCHEMAS
            .iter()
            .find(|s| s.kind == self)
            .unwrap_or(&SCHEMAS[0])
    }
}

/// The type a key's value must have.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ty {
    Str,
    Int,
    Bool,
    /// A list of strings.
    Strs,
    /// A bare word from a fixed set, such as `gateway`.
    Word(&'static [&'static str]),
    /// The name of one declared thing of this kind.
    Ref(Kind),
    /// A list of names of declared things of this kind.
    Refs(Kind),
}

impl Ty {
    pub fn describe(self) -> String {
        match self {
            Ty::Str => "a string".into(),
            Ty::Int => "an integer".into(),
            Ty::Bool => "`true` or `false`".into(),
            Ty::Strs => "a list of strings".into(),
            Ty::Word(words) => format!("one of {}", words.join(", ")),
            Ty::Ref(kind) => format!("the name of {}", kind.article()),
            Ty::Refs(kind) => format!("a list of names, each {}", kind.article()),
        }
    }
}

#[derive(Debug)]
pub struct KeySchema {
    pub name: &'static str,
    pub ty: Ty,
    pub required: bool,
    pub doc: &'static str,
}

/// How many names a declaration takes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Names {
    None,
    One,
    /// `endpoint ssm, ssmmessages { ... }` declares one endpoint per name.
    Many,
}

#[derive(Debug)]
pub struct KindSchema {
    pub kind: Kind,
    pub keyword: &'static str,
    pub names: Names,
    pub top_level: bool,
    pub doc: &'static str,
    pub keys: &'static [KeySchema],
    pub children: &'static [Kind],
    /// Keys are free-form (environment variables); values are strings, numbers, booleans or references.
    pub free_keys: bool,
}

impl KindSchema {
    pub fn key(&self, name: &str) -> Option<&'static KeySchema> {
        self.keys.iter().find(|k| k.name == name)
    }
}

const fn key(name: &'static str, ty: Ty, required: bool, doc: &'static str) -> KeySchema {
    KeySchema {
        name,
        ty,
        required,
        doc,
    }
}

/// The attributes that a dotted reference to a replication group may name.
pub const CACHE_ATTRS: &[(&str, &str)] = &[
    (
        "primary_address",
        "DNS name of the primary endpoint (writes)",
    ),
    (
        "reader_address",
        "DNS name of the reader endpoint (reads, spread over replicas)",
    ),
    ("port", "port the cache listens on"),
];

pub const SCHEMAS: &[KindSchema] = &[
    KindSchema {
        kind: Kind::Stack,
        keyword: "stack",
        names: Names::One,
        top_level: true,
        doc: "The stack: its name prefixes every AWS name; one per program.",
        keys: &[
            key(
                "region",
                Ty::Str,
                false,
                "AWS region such as \"ap-northeast-1\"; enables region-specific checks",
            ),
            key(
                "description",
                Ty::Str,
                false,
                "description of the root template",
            ),
        ],
        children: &[],
        free_keys: false,
    },
    KindSchema {
        kind: Kind::Network,
        keyword: "network",
        names: Names::One,
        top_level: true,
        doc: "The VPC, its subnets and its VPC endpoints; one per program.",
        keys: &[
            key(
                "cidr",
                Ty::Str,
                true,
                "IPv4 CIDR block of the VPC, /16 to /28",
            ),
            key(
                "dns_support",
                Ty::Bool,
                false,
                "EnableDnsSupport (default true)",
            ),
            key(
                "dns_hostnames",
                Ty::Bool,
                false,
                "EnableDnsHostnames (default true)",
            ),
        ],
        children: &[Kind::Subnet, Kind::Endpoint],
        free_keys: false,
    },
    KindSchema {
        kind: Kind::Subnet,
        keyword: "subnet",
        names: Names::One,
        top_level: false,
        doc: "A private subnet with its own route table.",
        keys: &[
            key(
                "zone",
                Ty::Str,
                true,
                "Availability Zone letter within the region, such as \"a\"",
            ),
            key("cidr", Ty::Str, true, "IPv4 CIDR block inside the VPC's"),
        ],
        children: &[],
        free_keys: false,
    },
    KindSchema {
        kind: Kind::Endpoint,
        keyword: "endpoint",
        names: Names::Many,
        top_level: false,
        doc: "VPC endpoints, one per service name (s3, ssm, ssmmessages, ec2messages, ...).",
        keys: &[
            key(
                "kind",
                Ty::Word(&["gateway", "interface"]),
                true,
                "gateway (s3, dynamodb) or interface",
            ),
            key(
                "subnets",
                Ty::Refs(Kind::Subnet),
                true,
                "subnets whose route tables (gateway) or ENIs (interface) it serves",
            ),
            key(
                "private_dns",
                Ty::Bool,
                false,
                "interface endpoints: PrivateDnsEnabled (default true)",
            ),
        ],
        children: &[],
        free_keys: false,
    },
    KindSchema {
        kind: Kind::ReplicationGroup,
        keyword: "replication_group",
        names: Names::One,
        top_level: true,
        doc: "An ElastiCache replication group with cluster mode disabled: one primary and 0 to 5 read replicas.",
        keys: &[
            key(
                "engine",
                Ty::Str,
                true,
                "\"redis\" (Redis OSS) or \"valkey\"",
            ),
            key(
                "engine_version",
                Ty::Str,
                true,
                "major.minor, such as \"7.1\" or \"8.0\"",
            ),
            key(
                "node_type",
                Ty::Str,
                true,
                "cache node type, such as \"cache.t4g.micro\"",
            ),
            key(
                "parameter_group",
                Ty::Str,
                false,
                "parameter group name; defaults to the engine version's default group",
            ),
            key(
                "port",
                Ty::Int,
                false,
                "port the nodes listen on (default 6379)",
            ),
            key(
                "multi_az",
                Ty::Bool,
                false,
                "Multi-AZ with automatic failover (default false)",
            ),
            key(
                "automatic_failover",
                Ty::Bool,
                false,
                "promote a replica when the primary fails (default: same as multi_az)",
            ),
            key(
                "subnets",
                Ty::Refs(Kind::Subnet),
                true,
                "subnets of the cache subnet group",
            ),
            key(
                "primary_zone",
                Ty::Str,
                false,
                "zone letter of the primary node",
            ),
            key(
                "replica_zones",
                Ty::Strs,
                false,
                "zone letter of each read replica; its length is the replica count",
            ),
            key(
                "replicas",
                Ty::Int,
                false,
                "number of read replicas when their zones are left to AWS",
            ),
            key(
                "transit_encryption",
                Ty::Bool,
                false,
                "TLS between clients and nodes (default false)",
            ),
            key(
                "at_rest_encryption",
                Ty::Bool,
                false,
                "encrypt data on disk (default false)",
            ),
            key(
                "auth_token",
                Ty::Str,
                false,
                "AUTH token reference: \"ssm:/path\" or \"secretsmanager:name\", never the secret itself",
            ),
            key(
                "data_tiering",
                Ty::Bool,
                false,
                "data tiering; required by and only for r6gd node types",
            ),
            key(
                "snapshot_retention",
                Ty::Int,
                false,
                "days of automatic backups to keep, 0 to 35",
            ),
            key(
                "allow_cidrs",
                Ty::Strs,
                false,
                "extra CIDR blocks admitted to the port, besides `connects` clients",
            ),
            key("description", Ty::Str, false, "ReplicationGroupDescription"),
        ],
        children: &[],
        free_keys: false,
    },
    KindSchema {
        kind: Kind::Layer,
        keyword: "layer",
        names: Names::One,
        top_level: true,
        doc: "A Lambda layer of Python packages, built at deploy time by a custom resource.",
        keys: &[
            key(
                "runtime",
                Ty::Str,
                true,
                "Lambda runtime the layer is built for, such as \"python3.12\"",
            ),
            key(
                "architecture",
                Ty::Word(&["x86_64", "arm64"]),
                false,
                "x86_64 (default) or arm64",
            ),
            key(
                "requirements",
                Ty::Strs,
                true,
                "pip requirement specifiers, such as \"redis==5.2.1\"",
            ),
            key("description", Ty::Str, false, "layer description"),
        ],
        children: &[],
        free_keys: false,
    },
    KindSchema {
        kind: Kind::Instance,
        keyword: "instance",
        names: Names::One,
        top_level: true,
        doc: "An EC2 instance that reaches the cache, optionally over Session Manager.",
        keys: &[
            key(
                "subnet",
                Ty::Ref(Kind::Subnet),
                true,
                "subnet the instance runs in",
            ),
            key(
                "instance_type",
                Ty::Str,
                true,
                "EC2 instance type, such as \"t4g.nano\"",
            ),
            key(
                "image",
                Ty::Str,
                true,
                "\"al2023\" or \"al2\"; the AMI is looked up for the instance's architecture",
            ),
            key(
                "packages",
                Ty::Strs,
                false,
                "client tools to install: \"redis-cli\", \"valkey-cli\"",
            ),
            key(
                "session_manager",
                Ty::Bool,
                false,
                "reach the instance with SSM Session Manager (default false)",
            ),
            key(
                "connects",
                Ty::Refs(Kind::ReplicationGroup),
                false,
                "caches this instance may reach",
            ),
        ],
        children: &[],
        free_keys: false,
    },
    KindSchema {
        kind: Kind::Function,
        keyword: "function",
        names: Names::One,
        top_level: true,
        doc: "A Lambda function whose source file is inlined into the template.",
        keys: &[
            key(
                "subnet",
                Ty::Ref(Kind::Subnet),
                false,
                "subnet for the function's VPC config (needed to reach a cache)",
            ),
            key(
                "runtime",
                Ty::Str,
                true,
                "Lambda runtime, such as \"python3.12\"",
            ),
            key(
                "architecture",
                Ty::Word(&["x86_64", "arm64"]),
                false,
                "x86_64 (default) or arm64",
            ),
            key(
                "handler",
                Ty::Str,
                true,
                "\"index.<function>\": inline code is stored as index.py",
            ),
            key(
                "source",
                Ty::Str,
                true,
                "path of the source file, relative to this file",
            ),
            key(
                "layers",
                Ty::Refs(Kind::Layer),
                false,
                "layers to attach, at most 5",
            ),
            key(
                "url",
                Ty::Word(&["public", "iam"]),
                false,
                "a function URL: public (no auth) or iam",
            ),
            key(
                "connects",
                Ty::Refs(Kind::ReplicationGroup),
                false,
                "caches this function may reach",
            ),
            key("timeout", Ty::Int, false, "seconds, 1 to 900 (default 3)"),
            key("memory", Ty::Int, false, "MB, 128 to 10240 (default 128)"),
            key(
                "ephemeral_storage",
                Ty::Int,
                false,
                "MB of /tmp, 512 to 10240 (default 512)",
            ),
        ],
        children: &[Kind::Environment],
        free_keys: false,
    },
    KindSchema {
        kind: Kind::Environment,
        keyword: "environment",
        names: Names::None,
        top_level: false,
        doc: "Environment variables: strings, numbers, booleans or references such as cache.primary_address.",
        keys: &[],
        children: &[],
        free_keys: true,
    },
    KindSchema {
        kind: Kind::Moved,
        keyword: "moved",
        names: Names::None,
        top_level: true,
        doc: "A replication group renamed since the last deploy: it keeps the old name's logical ids and ReplicationGroupId, so the update does not replace it.",
        keys: &[
            key(
                "from",
                Ty::Str,
                true,
                "the name the replication group had, such as \"cache\" (no longer declared)",
            ),
            key(
                "to",
                Ty::Ref(Kind::ReplicationGroup),
                true,
                "the replication group as it is named now",
            ),
        ],
        children: &[],
        free_keys: false,
    },
];

/// The schema declared by `keyword`, if any.
pub fn by_keyword(keyword: &str) -> Option<&'static KindSchema> {
    SCHEMAS.iter().find(|s| s.keyword == keyword)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_kind_has_its_schema() {
        for kind in [
            Kind::Stack,
            Kind::Network,
            Kind::Subnet,
            Kind::Endpoint,
            Kind::ReplicationGroup,
            Kind::Layer,
            Kind::Instance,
            Kind::Function,
            Kind::Environment,
        ] {
            assert_eq!(kind.schema().kind, kind);
        }
    }
}
