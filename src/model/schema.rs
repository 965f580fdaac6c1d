//! The language, declared once: every kind and every attribute with its type, range or word set,
//! default, one-line doc and CloudFormation target. Lowering, hover, completion, docs and generator read it.
//!
//! A new attribute is one `key(...)` entry here (its range or words included), a field the emitter
//! writes, and a UI case; the generic rule in `lower.rs` checks it. Maps (parameters, tags) are
//! blocks with free keys, as `environment` is.

use super::types::{
    Arch, Authentication, ClusterMode, DEFAULT_PORT, DEFAULT_SCALING_TARGET, EndpointKind,
    KeyDeletion, LogDestination, LogFormat, OnDelete, Provided, ServerlessEngine, ShardMetric,
    TransitMode, UrlAuth, UserEngine,
};
use super::types::{
    DEFAULT_CONNECTIONS, DEFAULT_CPU, DEFAULT_EVICTIONS, DEFAULT_MEMORY, DEFAULT_REPLICATION_LAG,
    DEFAULT_SWAP_MB,
};
use crate::aws::quotas::{READ_REPLICAS, SHARDS};
use crate::diag::{Code, codes};
use crate::words::Word;

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
    Tags,
    KmsKey,
    ParameterGroup,
    Parameters,
    User,
    UserGroup,
    Topic,
    SlowLog,
    EngineLog,
    Alarms,
    Shard,
    ServerlessCache,
    Limits,
    Global,
    Autoscaling,
}

impl Kind {
    /// Every kind, in the order the reference documents them.
    pub const ALL: [Kind; 25] = [
        Kind::Stack,
        Kind::Network,
        Kind::Subnet,
        Kind::Endpoint,
        Kind::ReplicationGroup,
        Kind::Layer,
        Kind::Instance,
        Kind::Function,
        Kind::Environment,
        Kind::Moved,
        Kind::Tags,
        Kind::KmsKey,
        Kind::ParameterGroup,
        Kind::Parameters,
        Kind::User,
        Kind::UserGroup,
        Kind::Topic,
        Kind::SlowLog,
        Kind::EngineLog,
        Kind::Alarms,
        Kind::Shard,
        Kind::ServerlessCache,
        Kind::Limits,
        Kind::Global,
        Kind::Autoscaling,
    ];

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
            Kind::Tags => "a tags block",
            Kind::KmsKey => "a KMS key",
            Kind::ParameterGroup => "a parameter group",
            Kind::Parameters => "a parameters block",
            Kind::User => "a user",
            Kind::UserGroup => "a user group",
            Kind::Topic => "a topic",
            Kind::SlowLog => "a slow log block",
            Kind::EngineLog => "an engine log block",
            Kind::Alarms => "an alarms block",
            Kind::Shard => "a shard",
            Kind::ServerlessCache => "a serverless cache",
            Kind::Limits => "a limits block",
            Kind::Global => "a global block",
            Kind::Autoscaling => "an autoscaling block",
        }
    }

    pub fn schema(self) -> &'static KindSchema {
        match self {
            Kind::Stack => &STACK,
            Kind::Network => &NETWORK,
            Kind::Subnet => &SUBNET,
            Kind::Endpoint => &ENDPOINT,
            Kind::ReplicationGroup => &REPLICATION_GROUP,
            Kind::Layer => &LAYER,
            Kind::Instance => &INSTANCE,
            Kind::Function => &FUNCTION,
            Kind::Environment => &ENVIRONMENT,
            Kind::Moved => &MOVED,
            Kind::Tags => &TAGS,
            Kind::KmsKey => &KMS_KEY,
            Kind::ParameterGroup => &PARAMETER_GROUP,
            Kind::Parameters => &PARAMETERS,
            Kind::User => &USER,
            Kind::UserGroup => &USER_GROUP,
            Kind::Topic => &TOPIC,
            Kind::SlowLog => &SLOW_LOG,
            Kind::EngineLog => &ENGINE_LOG,
            Kind::Alarms => &ALARMS,
            Kind::Shard => &SHARD,
            Kind::ServerlessCache => &SERVERLESS_CACHE,
            Kind::Limits => &LIMITS,
            Kind::Global => &GLOBAL,
            Kind::Autoscaling => &AUTOSCALING,
        }
    }
}

/// The type a key's value must have.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ty {
    Str,
    /// An integer from `min` to `max`, both included.
    Int {
        min: i64,
        max: i64,
    },
    Bool,
    /// A list of strings.
    Strs,
    /// A list of bare names that name nothing declared: the environments of `stack`.
    Names,
    /// A bare word from a fixed set, such as `gateway`; the set is a [`Word`] enum's table.
    Word(&'static [&'static str]),
    /// A list of words from a fixed set, such as `[nat, s3]`.
    Words(&'static [&'static str]),
    /// The name of one declared thing of this kind.
    Ref(Kind),
    /// A list of names of declared things of this kind.
    Refs(Kind),
    /// The name of one declared thing of this kind, or a quoted string naming one that exists
    /// outside the program (an existing parameter group, a KMS key ARN or alias).
    RefOrStr(Kind),
    /// A list of names, each a replication group or a serverless cache: what clients reach.
    Caches,
}

/// Integers above this are written "at least min": the API takes 32-bit integers.
const UNBOUNDED: i64 = i32::MAX as i64;

impl Ty {
    /// For messages and hover: "an integer from 0 to 35", "one of gateway, interface".
    pub fn describe(self) -> String {
        match self {
            Ty::Str => "a string".into(),
            Ty::Int { min, max } if max >= UNBOUNDED => format!("an integer of {min} or more"),
            Ty::Int { min, max } => format!("an integer from {min} to {max}"),
            Ty::Bool => "`true` or `false`".into(),
            Ty::Strs => "a list of strings".into(),
            Ty::Names => "a list of names".into(),
            Ty::Word(words) => format!("one of {}", words.join(", ")),
            Ty::Words(words) => format!("a list of words, each one of {}", words.join(", ")),
            Ty::Ref(kind) => format!("the name of {}", kind.article()),
            Ty::Refs(kind) => format!("a list of names, each {}", kind.article()),
            Ty::RefOrStr(kind) => format!(
                "the name of {} or a string naming an existing one",
                kind.article()
            ),
            Ty::Caches => "a list of names, each a replication group or a serverless cache".into(),
        }
    }

    /// "0 to 35" or "0 or more", for integers.
    pub fn range(self) -> Option<String> {
        match self {
            Ty::Int { min, max } if max >= UNBOUNDED => Some(format!("{min} or more")),
            Ty::Int { min, max } => Some(format!("{min} to {max}")),
            _ => None,
        }
    }

    /// The type column of `docs/language.md`: "string", "list of subnets", "`x86_64` or `arm64`".
    pub fn doc_type(self) -> String {
        match self {
            Ty::Str => "string".into(),
            Ty::Int { .. } => "int".into(),
            Ty::Bool => "bool".into(),
            Ty::Strs => "list of strings".into(),
            Ty::Names => "list of names".into(),
            Ty::Word(words) => {
                let quoted: Vec<String> = words.iter().map(|w| format!("`{w}`")).collect();
                match quoted.split_last() {
                    Some((last, [])) => last.clone(),
                    Some((last, rest)) => format!("{} or {last}", rest.join(", ")),
                    None => String::new(),
                }
            }
            Ty::Words(words) => {
                let quoted: Vec<String> = words.iter().map(|w| format!("`{w}`")).collect();
                format!("list of {}", quoted.join(", "))
            }
            Ty::Ref(kind) => kind.noun().into(),
            Ty::Refs(kind) => format!("list of {}s", kind.noun()),
            Ty::RefOrStr(kind) => format!("{} or string", kind.noun()),
            Ty::Caches => "list of replication groups and serverless caches".into(),
        }
    }
}

impl Kind {
    /// "subnet", "replication group": the keyword as words.
    fn noun(self) -> &'static str {
        match self {
            Kind::ReplicationGroup => "replication group",
            Kind::KmsKey => "KMS key",
            Kind::ParameterGroup => "parameter group",
            Kind::UserGroup => "user group",
            Kind::ServerlessCache => "serverless cache",
            other => other.keyword(),
        }
    }
}

/// The value a key has when it is not written, as the language spells it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DefaultValue {
    Int(i64),
    Bool(bool),
    Word(&'static str),
}

impl std::fmt::Display for DefaultValue {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            DefaultValue::Int(n) => write!(f, "{n}"),
            DefaultValue::Bool(b) => write!(f, "{b}"),
            DefaultValue::Word(w) => f.write_str(w),
        }
    }
}

/// Where a value lands in the template: a resource type and the property path on it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Cfn {
    pub resource: &'static str,
    pub property: &'static str,
}

const fn at(resource: &'static str, property: &'static str) -> Cfn {
    Cfn { resource, property }
}

#[derive(Debug, Clone, Copy)]
pub struct KeySchema {
    pub name: &'static str,
    pub ty: Ty,
    pub required: bool,
    pub default: Option<DefaultValue>,
    pub doc: &'static str,
    /// What an integer counts ("days", "MB"), for messages; empty when it counts itself.
    pub unit: &'static str,
    /// Where the value goes in CloudFormation; empty when only checks read it.
    pub cfn: &'static [Cfn],
    /// The code a value outside an integer's range gets.
    pub out_of_range: Code,
}

/// An optional key without default, target or unit; the methods below add them.
const fn key(name: &'static str, ty: Ty, doc: &'static str) -> KeySchema {
    KeySchema {
        name,
        ty,
        required: false,
        default: None,
        doc,
        unit: "",
        cfn: &[],
        out_of_range: codes::E0020,
    }
}

impl KeySchema {
    const fn required(self) -> Self {
        KeySchema {
            required: true,
            ..self
        }
    }

    const fn default(self, default: DefaultValue) -> Self {
        KeySchema {
            default: Some(default),
            ..self
        }
    }

    const fn unit(self, unit: &'static str) -> Self {
        KeySchema { unit, ..self }
    }

    const fn cfn(self, cfn: &'static [Cfn]) -> Self {
        KeySchema { cfn, ..self }
    }

    /// Keeps the code an older, attribute-specific rule gave out-of-range values.
    const fn code(self, out_of_range: Code) -> Self {
        KeySchema {
            out_of_range,
            ..self
        }
    }
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
    /// The service whose limits its values meet, for messages: "ElastiCache allows 0 to 35".
    pub service: &'static str,
    /// The resource type it becomes; empty for blocks that only feed others.
    pub resource: &'static str,
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
    (
        "configuration_address",
        "DNS name of the configuration endpoint (cluster mode enabled or compatible: cluster clients discover every shard from it)",
    ),
    (
        "configuration_port",
        "port of the configuration endpoint (cluster mode enabled)",
    ),
];

/// The attributes that a dotted reference to a serverless cache may name.
pub const SERVERLESS_ATTRS: &[(&str, &str)] = &[
    ("address", "DNS name of the endpoint (reads and writes)"),
    (
        "reader_address",
        "DNS name of the reader endpoint (reads from the nearest replica)",
    ),
    ("port", "port of the endpoint, 6379"),
    ("reader_port", "port of the reader endpoint, 6380"),
];

const VPC: &str = "AWS::EC2::VPC";
const SUBNET_TYPE: &str = "AWS::EC2::Subnet";
const VPC_ENDPOINT: &str = "AWS::EC2::VPCEndpoint";
const GROUP: &str = "AWS::ElastiCache::ReplicationGroup";
const SUBNET_GROUP: &str = "AWS::ElastiCache::SubnetGroup";
const SECURITY_GROUP: &str = "AWS::EC2::SecurityGroup";
const LAYER_VERSION: &str = "AWS::Lambda::LayerVersion";
const EC2_INSTANCE: &str = "AWS::EC2::Instance";
const LAMBDA: &str = "AWS::Lambda::Function";
const PARAMETER_GROUP_TYPE: &str = "AWS::ElastiCache::ParameterGroup";
const SNS_TOPIC: &str = "AWS::SNS::Topic";
const LOG_GROUP: &str = "AWS::Logs::LogGroup";
const ALARM: &str = "AWS::CloudWatch::Alarm";
const LOG_DELIVERY: &str = "AWS::ElastiCache::ReplicationGroup.LogDeliveryConfigurations";

const STACK: KindSchema = KindSchema {
    kind: Kind::Stack,
    keyword: "stack",
    names: Names::One,
    top_level: true,
    doc: "The stack: its name prefixes every AWS name; one per program.",
    service: "CloudFormation",
    resource: "AWS::CloudFormation::Stack",
    keys: &[
        key(
            "region",
            Ty::Str,
            "AWS region such as \"ap-northeast-1\"; enables region-specific checks",
        ),
        key("description", Ty::Str, "description of the root template")
            .cfn(&[at("template", "Description")]),
        // Not a CloudFormation property: each environment is a stack of its own, built apart.
        key(
            "environments",
            Ty::Names,
            "environments the program builds, each a stack `<stack>-<env>` of its own",
        ),
    ],
    children: &[Kind::Tags],
    free_keys: false,
};

const NETWORK: KindSchema = KindSchema {
    kind: Kind::Network,
    keyword: "network",
    names: Names::One,
    top_level: true,
    doc: "The VPC, its subnets and its VPC endpoints; one per program.",
    service: "Amazon VPC",
    resource: VPC,
    keys: &[
        key(
            "cidr",
            Ty::Str,
            "IPv4 CIDR block of the VPC, /16 to /28; required unless existing",
        )
        .cfn(&[at(VPC, "CidrBlock")]),
        key("dns_support", Ty::Bool, "EnableDnsSupport")
            .default(DefaultValue::Bool(true))
            .cfn(&[at(VPC, "EnableDnsSupport")]),
        key("dns_hostnames", Ty::Bool, "EnableDnsHostnames")
            .default(DefaultValue::Bool(true))
            .cfn(&[at(VPC, "EnableDnsHostnames")]),
        // An id, "import:Export" (Fn::ImportValue) or "ssm:/name" (a parameter of type
        // AWS::SSM::Parameter::Value<AWS::EC2::VPC::Id>). Source: CloudFormation User Guide,
        // "Use CloudFormation-supplied parameter types" (Systems Manager parameter types).
        key(
            "existing",
            Ty::Str,
            "the VPC exists: \"vpc-...\", \"import:Export\" or \"ssm:/name\"",
        )
        .cfn(&[at(SECURITY_GROUP, "VpcId"), at(VPC_ENDPOINT, "VpcId")]),
        key(
            "provides",
            Ty::Words(Provided::WORDS),
            "paths to AWS services an existing network already has (nat, endpoints)",
        ),
    ],
    children: &[Kind::Subnet, Kind::Endpoint, Kind::Tags],
    free_keys: false,
};

const SUBNET: KindSchema = KindSchema {
    kind: Kind::Subnet,
    keyword: "subnet",
    names: Names::One,
    top_level: false,
    doc: "A private subnet with its own route table.",
    service: "Amazon VPC",
    resource: SUBNET_TYPE,
    keys: &[
        key(
            "zone",
            Ty::Str,
            "Availability Zone letter within the region, such as \"a\"",
        )
        .required()
        .cfn(&[at(SUBNET_TYPE, "AvailabilityZone")]),
        key(
            "cidr",
            Ty::Str,
            "IPv4 CIDR block inside the VPC's; required unless existing",
        )
        .cfn(&[at(SUBNET_TYPE, "CidrBlock")]),
        // Source: as the network's `existing`, with AWS::EC2::Subnet::Id.
        key(
            "existing",
            Ty::Str,
            "the subnet exists: \"subnet-...\", \"import:Export\" or \"ssm:/name\"",
        )
        .cfn(&[
            at(SUBNET_GROUP, "SubnetIds"),
            at(VPC_ENDPOINT, "SubnetIds"),
            at(EC2_INSTANCE, "SubnetId"),
            at(LAMBDA, "VpcConfig.SubnetIds"),
        ]),
    ],
    children: &[],
    free_keys: false,
};

const ENDPOINT: KindSchema = KindSchema {
    kind: Kind::Endpoint,
    keyword: "endpoint",
    names: Names::Many,
    top_level: false,
    doc: "VPC endpoints, one per service name (s3, ssm, ssmmessages, ec2messages, ...).",
    service: "Amazon VPC",
    resource: VPC_ENDPOINT,
    keys: &[
        key(
            "kind",
            Ty::Word(EndpointKind::WORDS),
            "gateway (s3, dynamodb) or interface",
        )
        .required()
        .cfn(&[at(VPC_ENDPOINT, "VpcEndpointType")]),
        key(
            "subnets",
            Ty::Refs(Kind::Subnet),
            "subnets whose route tables (gateway) or ENIs (interface) it serves",
        )
        .required()
        .cfn(&[
            at(VPC_ENDPOINT, "RouteTableIds"),
            at(VPC_ENDPOINT, "SubnetIds"),
        ]),
        key(
            "private_dns",
            Ty::Bool,
            "interface endpoints: PrivateDnsEnabled",
        )
        .default(DefaultValue::Bool(true))
        .cfn(&[at(VPC_ENDPOINT, "PrivateDnsEnabled")]),
    ],
    children: &[],
    free_keys: false,
};

const REPLICATION_GROUP: KindSchema = KindSchema {
    kind: Kind::ReplicationGroup,
    keyword: "replication_group",
    names: Names::One,
    top_level: true,
    doc: "An ElastiCache replication group: one primary and 0 to 5 read replicas, or with cluster mode enabled 1 to 500 shards of them.",
    service: "ElastiCache",
    resource: GROUP,
    keys: &[
        key("engine", Ty::Str, "\"redis\" (Redis OSS) or \"valkey\"")
            .required()
            .cfn(&[at(GROUP, "Engine")]),
        key(
            "engine_version",
            Ty::Str,
            "major.minor, such as \"7.1\" or \"8.0\"",
        )
        .required()
        .cfn(&[at(GROUP, "EngineVersion")]),
        key(
            "node_type",
            Ty::Str,
            "cache node type, such as \"cache.t4g.micro\"",
        )
        .required()
        .cfn(&[at(GROUP, "CacheNodeType")]),
        key(
            "parameter_group",
            Ty::RefOrStr(Kind::ParameterGroup),
            "a declared parameter group, or the quoted name of an existing one; defaults to the engine version's default group",
        )
        .cfn(&[at(GROUP, "CacheParameterGroupName")]),
        // A TCP port. Source: CloudFormation `AWS::ElastiCache::ReplicationGroup` (Port).
        key(
            "port",
            Ty::Int { min: 1, max: 65535 },
            "port the nodes listen on",
        )
        .default(DefaultValue::Int(DEFAULT_PORT))
        .code(codes::E0119)
        .cfn(&[at(GROUP, "Port")]),
        key("multi_az", Ty::Bool, "Multi-AZ with automatic failover")
            .default(DefaultValue::Bool(false))
            .cfn(&[at(GROUP, "MultiAZEnabled")]),
        key(
            "automatic_failover",
            Ty::Bool,
            "promote a replica when the primary fails (default: same as multi_az)",
        )
        .cfn(&[at(GROUP, "AutomaticFailoverEnabled")]),
        key(
            "subnets",
            Ty::Refs(Kind::Subnet),
            "subnets of the cache subnet group",
        )
        .required()
        .cfn(&[at(SUBNET_GROUP, "SubnetIds")]),
        key("primary_zone", Ty::Str, "zone letter of the primary node")
            .cfn(&[at(GROUP, "PreferredCacheClusterAZs")]),
        key(
            "replica_zones",
            Ty::Strs,
            "zone letter of each read replica; its length is the replica count",
        )
        .cfn(&[
            at(GROUP, "PreferredCacheClusterAZs"),
            at(GROUP, "NumCacheClusters"),
        ]),
        key(
            "replicas",
            Ty::Int {
                min: 0,
                max: READ_REPLICAS,
            },
            "number of read replicas when their zones are left to AWS",
        )
        .code(codes::E0110)
        .cfn(&[at(GROUP, "NumCacheClusters")]),
        key(
            "transit_encryption",
            Ty::Bool,
            "TLS between clients and nodes",
        )
        .default(DefaultValue::Bool(false))
        .cfn(&[at(GROUP, "TransitEncryptionEnabled")]),
        key("at_rest_encryption", Ty::Bool, "encrypt data on disk")
            .default(DefaultValue::Bool(false))
            .cfn(&[at(GROUP, "AtRestEncryptionEnabled")]),
        key(
            "auth_token",
            Ty::Str,
            "AUTH token reference: \"ssm:/path\" or \"secretsmanager:name\", never the secret itself",
        )
        .cfn(&[at(GROUP, "AuthToken")]),
        key(
            "data_tiering",
            Ty::Bool,
            "data tiering; required by and only for r6gd node types",
        )
        .cfn(&[at(GROUP, "DataTieringEnabled")]),
        // Source: ElastiCache "Scheduling automatic backups"; CloudFormation
        // `AWS::ElastiCache::ReplicationGroup` (SnapshotRetentionLimit).
        key(
            "snapshot_retention",
            Ty::Int { min: 0, max: 35 },
            "days of automatic backups to keep",
        )
        .unit("days")
        .default(DefaultValue::Int(0))
        .code(codes::E0123)
        .cfn(&[at(GROUP, "SnapshotRetentionLimit")]),
        // Source: CloudFormation "DeletionPolicy attribute" and "UpdateReplacePolicy attribute".
        key(
            "on_delete",
            Ty::Word(OnDelete::WORDS),
            "what deleting or replacing the group does to its data: a final snapshot, keep it, or delete it",
        )
        .default(DefaultValue::Word("snapshot"))
        .cfn(&[at(GROUP, "DeletionPolicy"), at(GROUP, "UpdateReplacePolicy")]),
        // Source: ElastiCache API reference, CreateReplicationGroup (PreferredMaintenanceWindow).
        key(
            "maintenance_window",
            Ty::Str,
            "weekly maintenance, \"ddd:hh24:mi-ddd:hh24:mi\" in UTC, at least 60 minutes",
        )
        .cfn(&[at(GROUP, "PreferredMaintenanceWindow")]),
        // Source: ElastiCache API reference, CreateReplicationGroup (SnapshotWindow).
        key(
            "snapshot_window",
            Ty::Str,
            "daily automatic backup, \"hh24:mi-hh24:mi\" in UTC, at least 60 minutes",
        )
        .cfn(&[at(GROUP, "SnapshotWindow")]),
        // Source: ElastiCache API reference, CreateReplicationGroup (TransitEncryptionMode).
        key(
            "transit_mode",
            Ty::Word(TransitMode::WORDS),
            "TLS only (required), or TLS and plain connections while clients migrate (preferred)",
        )
        .cfn(&[at(GROUP, "TransitEncryptionMode")]),
        // Source: ElastiCache API reference, CreateReplicationGroup (KmsKeyId).
        key(
            "kms_key",
            Ty::RefOrStr(Kind::KmsKey),
            "customer managed key for at-rest encryption: a declared kms_key, or a key id, key ARN, \"alias/name\" or alias ARN",
        )
        .cfn(&[at(GROUP, "KmsKeyId")]),
        // Source: ElastiCache "Role-Based Access Control (RBAC)"; CloudFormation
        // `AWS::ElastiCache::ReplicationGroup` (UserGroupIds).
        key(
            "user_group",
            Ty::RefOrStr(Kind::UserGroup),
            "RBAC: the user group whose users may connect (needs TLS; not with auth_token)",
        )
        .cfn(&[at(GROUP, "UserGroupIds")]),
        key(
            "export",
            Ty::Bool,
            "export the endpoints, port and security group id for other stacks to import",
        )
        .default(DefaultValue::Bool(false))
        .cfn(&[at("template", "Outputs.Export")]),
        key(
            "allow_security_groups",
            Ty::Strs,
            "existing security groups admitted to the port: \"sg-...\" or \"import:ExportName\"",
        )
        .cfn(&[at(SECURITY_GROUP, "SecurityGroupIngress.SourceSecurityGroupId")]),
        key(
            "notifications",
            Ty::RefOrStr(Kind::Topic),
            "SNS topic for the group's events and its alarms: a declared topic or an existing topic's ARN",
        )
        .cfn(&[
            at(GROUP, "NotificationTopicArn"),
            at(ALARM, "AlarmActions"),
            at(ALARM, "OKActions"),
        ]),
        // Source: CloudFormation `AWS::ElastiCache::ReplicationGroup` (ClusterMode); ElastiCache
        // "Modifying cluster mode".
        key(
            "cluster_mode",
            Ty::Word(ClusterMode::WORDS),
            "shard the keyspace (enabled), or the one-shard step that serves both protocols while clients migrate (compatible)",
        )
        .default(DefaultValue::Word("disabled"))
        .cfn(&[at(GROUP, "ClusterMode")]),
        // Source: CloudFormation `AWS::ElastiCache::ReplicationGroup` (NumNodeGroups; at most
        // 500 shards per cluster, `quotas::SHARDS`).
        key(
            "shards",
            Ty::Int {
                min: 1,
                max: SHARDS,
            },
            "cluster mode enabled: node groups, each a primary and its replicas holding a share of the slots",
        )
        .cfn(&[at(GROUP, "NumNodeGroups")]),
        // Source: CloudFormation `AWS::ElastiCache::ReplicationGroup` (ReplicasPerNodeGroup, 0 to 5).
        key(
            "replicas_per_shard",
            Ty::Int {
                min: 0,
                max: READ_REPLICAS,
            },
            "cluster mode enabled: read replicas of every shard",
        )
        .cfn(&[at(GROUP, "ReplicasPerNodeGroup")]),
        key(
            "allow_cidrs",
            Ty::Strs,
            "extra CIDR blocks admitted to the port, besides `connects` clients",
        )
        .cfn(&[at(SECURITY_GROUP, "SecurityGroupIngress.CidrIp")]),
        key("description", Ty::Str, "ReplicationGroupDescription")
            .cfn(&[at(GROUP, "ReplicationGroupDescription")]),
    ],
    children: &[
        Kind::Tags,
        Kind::SlowLog,
        Kind::EngineLog,
        Kind::Alarms,
        Kind::Shard,
        Kind::Global,
        Kind::Autoscaling,
    ],
    free_keys: false,
};

const LAYER: KindSchema = KindSchema {
    kind: Kind::Layer,
    keyword: "layer",
    names: Names::One,
    top_level: true,
    doc: "A Lambda layer: Python packages built at deploy time by a custom resource, or a local folder.",
    service: "Lambda",
    resource: LAYER_VERSION,
    keys: &[
        key(
            "runtime",
            Ty::Str,
            "Lambda runtime the layer is built for, such as \"python3.12\"",
        )
        .required()
        .cfn(&[at(LAYER_VERSION, "CompatibleRuntimes")]),
        key(
            "architecture",
            Ty::Word(Arch::WORDS),
            "instruction set the layer is built for",
        )
        .default(DefaultValue::Word("x86_64"))
        .cfn(&[at(LAYER_VERSION, "CompatibleArchitectures")]),
        key(
            "requirements",
            Ty::Strs,
            "pip requirement specifiers, such as \"redis==5.2.1\"",
        )
        .cfn(&[at("AWS::SSM::Parameter", "Value")]),
        key(
            "requirements_file",
            Ty::Str,
            "a pip requirements file, relative to this file, instead of `requirements`",
        )
        .cfn(&[at("AWS::SSM::Parameter", "Value")]),
        key(
            "content",
            Ty::Str,
            "a folder packaged as the layer (python/ inside), instead of requirements",
        )
        .cfn(&[at(LAYER_VERSION, "Content")]),
        key("description", Ty::Str, "layer description").cfn(&[at(LAYER_VERSION, "Description")]),
    ],
    children: &[Kind::Tags],
    free_keys: false,
};

const INSTANCE: KindSchema = KindSchema {
    kind: Kind::Instance,
    keyword: "instance",
    names: Names::One,
    top_level: true,
    doc: "An EC2 instance that reaches the cache, optionally over Session Manager.",
    service: "EC2",
    resource: EC2_INSTANCE,
    keys: &[
        key(
            "subnet",
            Ty::Ref(Kind::Subnet),
            "subnet the instance runs in",
        )
        .required()
        .cfn(&[at(EC2_INSTANCE, "SubnetId")]),
        key(
            "instance_type",
            Ty::Str,
            "EC2 instance type, such as \"t4g.nano\"",
        )
        .required()
        .cfn(&[at(EC2_INSTANCE, "InstanceType")]),
        key(
            "image",
            Ty::Str,
            "\"al2023\" or \"al2\"; the AMI is looked up for the instance's architecture",
        )
        .required()
        .cfn(&[at(EC2_INSTANCE, "ImageId")]),
        key(
            "packages",
            Ty::Strs,
            "client tools to install: \"redis-cli\", \"valkey-cli\"",
        )
        .cfn(&[at(EC2_INSTANCE, "UserData")]),
        key(
            "session_manager",
            Ty::Bool,
            "reach the instance with SSM Session Manager",
        )
        .default(DefaultValue::Bool(false))
        .cfn(&[at(EC2_INSTANCE, "IamInstanceProfile")]),
        key(
            "connects",
            Ty::Caches,
            "caches (replication groups or serverless caches) this instance may reach",
        )
        .cfn(&[at(SECURITY_GROUP, "SecurityGroupIngress")]),
        // CloudFormation `AWS::EC2::Instance` MetadataOptions.HttpTokens (optional | required),
        // updated with no interruption.
        key(
            "imdsv2",
            Ty::Bool,
            "require IMDSv2 (session tokens) for the instance metadata service",
        )
        .default(DefaultValue::Bool(true))
        .cfn(&[at(EC2_INSTANCE, "MetadataOptions.HttpTokens")]),
        key(
            "ami",
            Ty::Str,
            "pin the AMI: \"ami-...\" or \"ssm:/parameter:VERSION\"; without it the latest is read at every deploy",
        )
        .cfn(&[at(EC2_INSTANCE, "ImageId")]),
    ],
    children: &[Kind::Tags],
    free_keys: false,
};

// Function settings. Source: Lambda Developer Guide, "Lambda quotas"; CloudFormation
// `AWS::Lambda::Function` (Timeout, MemorySize, EphemeralStorage.Size, ReservedConcurrentExecutions).
const FUNCTION: KindSchema = KindSchema {
    kind: Kind::Function,
    keyword: "function",
    names: Names::One,
    top_level: true,
    doc: "A Lambda function: a source file inlined into the template, or code packaged as a zip.",
    service: "Lambda",
    resource: LAMBDA,
    keys: &[
        key(
            "subnet",
            Ty::Ref(Kind::Subnet),
            "subnet for the function's VPC config (needed to reach a cache)",
        )
        .cfn(&[at(LAMBDA, "VpcConfig.SubnetIds")]),
        // Lambda takes up to 16 subnets (VpcConfig.SubnetIds, CloudFormation schema maxItems).
        key(
            "subnets",
            Ty::Refs(Kind::Subnet),
            "subnets for the VPC config, in several zones; instead of `subnet`",
        )
        .cfn(&[at(LAMBDA, "VpcConfig.SubnetIds")]),
        key("runtime", Ty::Str, "Lambda runtime, such as \"python3.12\"")
            .required()
            .cfn(&[at(LAMBDA, "Runtime")]),
        key(
            "architecture",
            Ty::Word(Arch::WORDS),
            "instruction set the function runs on",
        )
        .default(DefaultValue::Word("x86_64"))
        .cfn(&[at(LAMBDA, "Architectures")]),
        key(
            "handler",
            Ty::Str,
            "\"module.function\": \"index.<function>\" for inline code (index.py, index.js)",
        )
        .required()
        .cfn(&[at(LAMBDA, "Handler")]),
        key(
            "source",
            Ty::Str,
            "path of the source file, relative to this file; inlined unless `inline = false`",
        )
        .cfn(&[at(LAMBDA, "Code.ZipFile")]),
        key(
            "inline",
            Ty::Bool,
            "false: package the source file as a zip instead of inlining it",
        )
        .default(DefaultValue::Bool(true))
        .cfn(&[at(LAMBDA, "Code")]),
        key(
            "code",
            Ty::Str,
            "folder of the function's code, relative to this file, packaged as a zip; instead of `source`",
        )
        .cfn(&[at(LAMBDA, "Code")]),
        key(
            "layers",
            Ty::Refs(Kind::Layer),
            "layers to attach, at most 5",
        )
        .cfn(&[at(LAMBDA, "Layers")]),
        key(
            "url",
            Ty::Word(UrlAuth::WORDS),
            "a function URL: public (no auth) or iam",
        )
        .cfn(&[at("AWS::Lambda::Url", "AuthType")]),
        key(
            "connects",
            Ty::Caches,
            "caches (replication groups or serverless caches) this function may reach",
        )
        .cfn(&[at(SECURITY_GROUP, "SecurityGroupIngress")]),
        key(
            "timeout",
            Ty::Int { min: 1, max: 900 },
            "how long an invocation may run",
        )
        .unit("seconds")
        .default(DefaultValue::Int(3))
        .code(codes::E0414)
        .cfn(&[at(LAMBDA, "Timeout")]),
        key(
            "memory",
            Ty::Int {
                min: 128,
                max: 10_240,
            },
            "memory, which also sets the CPU share",
        )
        .unit("MB")
        .default(DefaultValue::Int(128))
        .code(codes::E0414)
        .cfn(&[at(LAMBDA, "MemorySize")]),
        key(
            "ephemeral_storage",
            Ty::Int {
                min: 512,
                max: 10_240,
            },
            "size of /tmp",
        )
        .unit("MB")
        .default(DefaultValue::Int(512))
        .code(codes::E0414)
        .cfn(&[at(LAMBDA, "EphemeralStorage.Size")]),
        // Any count from 0 (which stops every invocation); the account's pool bounds it at deploy.
        key(
            "reserved_concurrency",
            Ty::Int {
                min: 0,
                max: UNBOUNDED,
            },
            "concurrent executions set aside for this function alone",
        )
        .cfn(&[at(LAMBDA, "ReservedConcurrentExecutions")]),
        key(
            "user",
            Ty::Ref(Kind::User),
            "RBAC user to connect as: CACHE_USER and CACHE_PASSWORD_SECRET in the environment",
        )
        .cfn(&[at(LAMBDA, "Environment.Variables")]),
    ],
    children: &[Kind::Environment, Kind::Tags],
    free_keys: false,
};

const ENVIRONMENT: KindSchema = KindSchema {
    kind: Kind::Environment,
    keyword: "environment",
    names: Names::None,
    top_level: false,
    doc: "Environment variables: strings, numbers, booleans or references such as cache.primary_address.",
    service: "Lambda",
    resource: "",
    keys: &[],
    children: &[],
    free_keys: true,
};

// Tag rules. Source: "Tagging your AWS resources" (Tagging Best Practices, tag naming limits and
// requirements); checked in `check/tags.rs`.
const TAGS: KindSchema = KindSchema {
    kind: Kind::Tags,
    keyword: "tags",
    names: Names::None,
    top_level: false,
    doc: "Tags: in `stack`, on every resource that takes them; in a declaration, on its resources (a declaration's tag wins over the stack's).",
    service: "AWS",
    resource: "",
    keys: &[],
    children: &[],
    free_keys: true,
};

const MOVED: KindSchema = KindSchema {
    kind: Kind::Moved,
    keyword: "moved",
    names: Names::None,
    top_level: true,
    doc: "A replication group renamed since the last deploy: it keeps the old name's logical ids and ReplicationGroupId, so the update does not replace it.",
    service: "CloudFormation",
    resource: "",
    keys: &[
        key(
            "from",
            Ty::Str,
            "the name the replication group had, such as \"cache\" (no longer declared)",
        )
        .required(),
        key(
            "to",
            Ty::Ref(Kind::ReplicationGroup),
            "the replication group as it is named now",
        )
        .required(),
    ],
    children: &[],
    free_keys: false,
};

const KMS_KEY_TYPE: &str = "AWS::KMS::Key";

// Source: CloudFormation `AWS::KMS::Key` (EnableKeyRotation, PendingWindowInDays) and
// `AWS::KMS::Alias` (AliasName).
const KMS_KEY: KindSchema = KindSchema {
    kind: Kind::KmsKey,
    keyword: "kms_key",
    names: Names::One,
    top_level: true,
    doc: "A customer managed KMS key for at-rest encryption, administered by the account and usable by ElastiCache. Deleting it makes every snapshot encrypted with it unreadable, so it is retained by default.",
    service: "KMS",
    resource: KMS_KEY_TYPE,
    keys: &[
        key("description", Ty::Str, "description of the key")
            .cfn(&[at(KMS_KEY_TYPE, "Description")]),
        key("rotation", Ty::Bool, "rotate the key material every year")
            .default(DefaultValue::Bool(true))
            .cfn(&[at(KMS_KEY_TYPE, "EnableKeyRotation")]),
        key(
            "on_delete",
            Ty::Word(KeyDeletion::WORDS),
            "what removing the key from the stack does: keep it, or schedule its deletion",
        )
        .default(DefaultValue::Word("retain"))
        .cfn(&[
            at(KMS_KEY_TYPE, "DeletionPolicy"),
            at(KMS_KEY_TYPE, "UpdateReplacePolicy"),
        ]),
        key(
            "pending_days",
            Ty::Int { min: 7, max: 30 },
            "days a deleted key waits before KMS destroys it",
        )
        .unit("days")
        .default(DefaultValue::Int(30))
        .code(codes::E0144)
        .cfn(&[at(KMS_KEY_TYPE, "PendingWindowInDays")]),
        key(
            "alias",
            Ty::Str,
            "an alias such as \"alias/cache\" that names the key",
        )
        .cfn(&[at("AWS::KMS::Alias", "AliasName")]),
    ],
    children: &[],
    free_keys: false,
};

const TOPIC: KindSchema = KindSchema {
    kind: Kind::Topic,
    keyword: "topic",
    names: Names::One,
    top_level: true,
    doc: "An SNS topic for a replication group's events and alarms, with its email subscribers.",
    service: "SNS",
    resource: SNS_TOPIC,
    keys: &[key(
        "email",
        Ty::Strs,
        "email addresses subscribed to the topic; each confirms by mail",
    )
    .cfn(&[at(SNS_TOPIC, "Subscription")])],
    children: &[],
    free_keys: false,
};

// Source: CloudFormation `AWS::ElastiCache::ParameterGroup` (CacheParameterGroupFamily and
// Description are required; Properties is a map of parameter names to values).
const PARAMETER_GROUP: KindSchema = KindSchema {
    kind: Kind::ParameterGroup,
    keyword: "parameter_group",
    names: Names::One,
    top_level: true,
    doc: "A custom parameter group: engine parameters for the replication groups that name it.",
    service: "ElastiCache",
    resource: PARAMETER_GROUP_TYPE,
    keys: &[
        key(
            "family",
            Ty::Str,
            "the family of the engine version that uses it, such as \"valkey8\" or \"redis7\"",
        )
        .required()
        .cfn(&[at(PARAMETER_GROUP_TYPE, "CacheParameterGroupFamily")]),
        key("description", Ty::Str, "what the group is for")
            .cfn(&[at(PARAMETER_GROUP_TYPE, "Description")]),
    ],
    children: &[Kind::Parameters],
    free_keys: false,
};

const PARAMETERS: KindSchema = KindSchema {
    kind: Kind::Parameters,
    keyword: "parameters",
    names: Names::None,
    top_level: false,
    doc: "Engine parameters by their AWS names, such as maxmemory-policy = \"allkeys-lru\" or timeout = 300.",
    service: "ElastiCache",
    resource: "",
    keys: &[],
    children: &[],
    free_keys: true,
};

const USER_TYPE: &str = "AWS::ElastiCache::User";
const USER_GROUP_TYPE: &str = "AWS::ElastiCache::UserGroup";

// Source: ElastiCache "Role-Based Access Control (RBAC)"
// (https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/Clusters.RBAC.html); CloudFormation
// `AWS::ElastiCache::User`.
const USER: KindSchema = KindSchema {
    kind: Kind::User,
    keyword: "user",
    names: Names::One,
    top_level: true,
    doc: "An RBAC user of Valkey or Redis OSS caches: its name, access string and how it authenticates.",
    service: "ElastiCache",
    resource: USER_TYPE,
    keys: &[
        key(
            "user_name",
            Ty::Str,
            "the name clients authenticate as (default: the declaration's name); `default` is the user of unauthenticated connections",
        )
        .cfn(&[at(USER_TYPE, "UserName")]),
        key(
            "user_id",
            Ty::Str,
            "UserId: a letter, then letters, digits and hyphens (default: <stack>-<name>)",
        )
        .cfn(&[at(USER_TYPE, "UserId")]),
        key(
            "engine",
            Ty::Word(UserEngine::WORDS),
            "engine of the user; `redis` users also serve Valkey caches",
        )
        .default(DefaultValue::Word("redis"))
        .cfn(&[at(USER_TYPE, "Engine")]),
        key(
            "access",
            Ty::Str,
            "access string, such as \"on ~app:* -@all +@read\": on/off, key and channel patterns, +/- categories and commands",
        )
        .required()
        .cfn(&[at(USER_TYPE, "AccessString")]),
        key(
            "authentication",
            Ty::Word(Authentication::WORDS),
            "password (from `passwords`), iam, or none (no password required)",
        )
        .default(DefaultValue::Word("password"))
        .cfn(&[at(USER_TYPE, "AuthenticationMode.Type")]),
        key(
            "passwords",
            Ty::Strs,
            "one or two password references, \"secretsmanager:name\"; never the password itself",
        )
        .cfn(&[at(USER_TYPE, "AuthenticationMode.Passwords")]),
    ],
    children: &[],
    free_keys: false,
};

// Source: CloudFormation `AWS::ElastiCache::UserGroup`.
const USER_GROUP: KindSchema = KindSchema {
    kind: Kind::UserGroup,
    keyword: "user_group",
    names: Names::One,
    top_level: true,
    doc: "An RBAC user group: the users a replication group admits, one of them named `default`.",
    service: "ElastiCache",
    resource: USER_GROUP_TYPE,
    keys: &[
        key(
            "users",
            Ty::Refs(Kind::User),
            "the users of the group; one must have user_name \"default\"",
        )
        .required()
        .cfn(&[at(USER_GROUP_TYPE, "UserIds")]),
        key(
            "engine",
            Ty::Word(UserEngine::WORDS),
            "engine of the group; `valkey` groups serve Valkey caches only",
        )
        .default(DefaultValue::Word("redis"))
        .cfn(&[at(USER_GROUP_TYPE, "Engine")]),
    ],
    children: &[],
    free_keys: false,
};

/// The keys of `slow_log` and `engine_log`. Source: CloudFormation
/// `AWS::ElastiCache::ReplicationGroup LogDeliveryConfigurationRequest`; ElastiCache "Log delivery".
const LOG_KEYS: &[KeySchema] = &[
    key(
        "to",
        Ty::Word(LogDestination::WORDS),
        "where ElastiCache delivers the log: a CloudWatch Logs group cachec creates, or a Firehose stream",
    )
    .required()
    .cfn(&[at(LOG_DELIVERY, "DestinationType")]),
    key("format", Ty::Word(LogFormat::WORDS), "format of each entry")
        .default(DefaultValue::Word("text"))
        .cfn(&[at(LOG_DELIVERY, "LogFormat")]),
    // The allowed values are CloudWatch Logs' list (E0150); the range only bounds them.
    key(
        "retention",
        Ty::Int { min: 1, max: 3653 },
        "cloudwatch: days the log group keeps entries, one of CloudWatch Logs' values (default: forever)",
    )
    .unit("days")
    .code(codes::E0150)
    .cfn(&[at(LOG_GROUP, "RetentionInDays")]),
    key(
        "stream",
        Ty::Str,
        "firehose: name of an existing Firehose delivery stream",
    )
    .cfn(&[at(LOG_DELIVERY, "DestinationDetails.KinesisFirehoseDetails.DeliveryStream")]),
];

const SLOW_LOG: KindSchema = KindSchema {
    kind: Kind::SlowLog,
    keyword: "slow_log",
    names: Names::None,
    top_level: false,
    doc: "Delivery of the SLOWLOG (Redis OSS 6.0 or later, or Valkey) to CloudWatch Logs or Firehose.",
    service: "CloudWatch Logs",
    resource: "",
    keys: LOG_KEYS,
    children: &[],
    free_keys: false,
};

const ENGINE_LOG: KindSchema = KindSchema {
    kind: Kind::EngineLog,
    keyword: "engine_log",
    names: Names::None,
    top_level: false,
    doc: "Delivery of the engine log (Redis OSS 6.2 or later, or Valkey) to CloudWatch Logs or Firehose.",
    service: "CloudWatch Logs",
    resource: "",
    keys: LOG_KEYS,
    children: &[],
    free_keys: false,
};

/// Thresholds of the alarms on every node. Defaults: CPU and memory as in ElastiCache "Which
/// Metrics Should I Monitor?" (90% of the engine's core); the rest as widdix's ElastiCache
/// template sets them, swap at the 50 MB that guide once named. Percentages 1 to 100, counts from 0.
const ALARMS: KindSchema = KindSchema {
    kind: Kind::Alarms,
    keyword: "alarms",
    names: Names::None,
    top_level: false,
    doc: "CloudWatch alarms on every node of the group, notifying the group's `notifications` topic.",
    service: "CloudWatch",
    resource: ALARM,
    keys: &[
        key(
            "cpu",
            Ty::Int { min: 1, max: 100 },
            "percent of the engine's core: EngineCPUUtilization, or CPUUtilization scaled to the vCPUs on nodes of 2 vCPUs",
        )
        .unit("percent")
        .default(DefaultValue::Int(DEFAULT_CPU))
        .code(codes::E0156)
        .cfn(&[at(ALARM, "Threshold")]),
        key(
            "memory",
            Ty::Int { min: 1, max: 100 },
            "DatabaseMemoryUsagePercentage: percent of maxmemory in use",
        )
        .unit("percent")
        .default(DefaultValue::Int(DEFAULT_MEMORY))
        .code(codes::E0156)
        .cfn(&[at(ALARM, "Threshold")]),
        key(
            "evictions",
            Ty::Int {
                min: 0,
                max: UNBOUNDED,
            },
            "Evictions: keys evicted in 10 minutes",
        )
        .default(DefaultValue::Int(DEFAULT_EVICTIONS))
        .code(codes::E0156)
        .cfn(&[at(ALARM, "Threshold")]),
        key(
            "replication_lag",
            Ty::Int {
                min: 0,
                max: UNBOUNDED,
            },
            "ReplicationLag of a replica behind the primary",
        )
        .unit("seconds")
        .default(DefaultValue::Int(DEFAULT_REPLICATION_LAG))
        .code(codes::E0156)
        .cfn(&[at(ALARM, "Threshold")]),
        key(
            "connections",
            Ty::Int {
                min: 0,
                max: UNBOUNDED,
            },
            "CurrConnections: client connections (a node refuses more than 65,000)",
        )
        .default(DefaultValue::Int(DEFAULT_CONNECTIONS))
        .code(codes::E0156)
        .cfn(&[at(ALARM, "Threshold")]),
        key(
            "swap",
            Ty::Int {
                min: 0,
                max: UNBOUNDED,
            },
            "SwapUsage",
        )
        .unit("MB")
        .default(DefaultValue::Int(DEFAULT_SWAP_MB))
        .code(codes::E0156)
        .cfn(&[at(ALARM, "Threshold")]),
    ],
    children: &[],
    free_keys: false,
};

const NODE_GROUP: &str = "AWS::ElastiCache::ReplicationGroup.NodeGroupConfiguration";

// Source: CloudFormation `AWS::ElastiCache::ReplicationGroup NodeGroupConfiguration`
// (https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-properties-elasticache-replicationgroup-nodegroupconfiguration.html).
const SHARD: KindSchema = KindSchema {
    kind: Kind::Shard,
    keyword: "shard",
    names: Names::One,
    top_level: false,
    doc: "One shard of a group with cluster mode enabled: its hash slots and the zones of its nodes. Its name is local to the group.",
    service: "ElastiCache",
    resource: "",
    keys: &[
        key(
            "slots",
            Ty::Str,
            "hash slots the shard holds, \"start-end\" within 0-16383, such as \"0-5460\"",
        )
        .cfn(&[at(NODE_GROUP, "Slots")]),
        key(
            "primary_zone",
            Ty::Str,
            "zone letter of the shard's primary",
        )
        .cfn(&[at(NODE_GROUP, "PrimaryAvailabilityZone")]),
        key(
            "replica_zones",
            Ty::Strs,
            "zone letter of each of the shard's replicas; as many as replicas_per_shard",
        )
        .cfn(&[at(NODE_GROUP, "ReplicaAvailabilityZones")]),
    ],
    children: &[],
    free_keys: false,
};

const SERVERLESS: &str = "AWS::ElastiCache::ServerlessCache";

// Source: CloudFormation `AWS::ElastiCache::ServerlessCache`
// (https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-elasticache-serverlesscache.html);
// ElastiCache API reference, CreateServerlessCache.
const SERVERLESS_CACHE: KindSchema = KindSchema {
    kind: Kind::ServerlessCache,
    keyword: "serverless_cache",
    names: Names::One,
    top_level: true,
    doc: "An ElastiCache serverless cache (Valkey or Redis OSS): it scales by itself within its limits, spans the zones of its subnets and always requires TLS.",
    service: "ElastiCache",
    resource: SERVERLESS,
    keys: &[
        key(
            "engine",
            Ty::Word(ServerlessEngine::WORDS),
            "valkey or redis (Redis OSS)",
        )
        .required()
        .cfn(&[at(SERVERLESS, "Engine")]),
        key(
            "major_version",
            Ty::Str,
            "major engine version, such as \"8\"; ElastiCache applies minor versions itself (default: the newest)",
        )
        .cfn(&[at(SERVERLESS, "MajorEngineVersion")]),
        key(
            "subnets",
            Ty::Refs(Kind::Subnet),
            "subnets of the cache's VPC endpoints, one per zone",
        )
        .required()
        .cfn(&[at(SERVERLESS, "SubnetIds")]),
        // Source: ElastiCache API reference, CreateServerlessCache (DailySnapshotTime).
        key(
            "snapshot_time",
            Ty::Str,
            "daily automatic snapshot, \"hh:mm\" in UTC",
        )
        .cfn(&[at(SERVERLESS, "DailySnapshotTime")]),
        // Source: ElastiCache API reference, CreateServerlessCache (SnapshotRetentionLimit);
        // "Scheduling automatic backups" (at most 35).
        key(
            "snapshot_retention",
            Ty::Int { min: 0, max: 35 },
            "automatic daily snapshots to keep",
        )
        .unit("snapshots")
        .cfn(&[at(SERVERLESS, "SnapshotRetentionLimit")]),
        key(
            "final_snapshot",
            Ty::Str,
            "name of the snapshot taken when the cache is deleted (default: <stack>-<name>-final)",
        )
        .cfn(&[at(SERVERLESS, "FinalSnapshotName")]),
        // CloudFormation's `Snapshot` policy does not apply to serverless caches (cfn-lint E3035,
        // "DeletionPolicy attribute"): `snapshot` is a Delete policy with a FinalSnapshotName.
        key(
            "on_delete",
            Ty::Word(OnDelete::WORDS),
            "what deleting or replacing the cache does to its data: a final snapshot, keep it, or delete it",
        )
        .default(DefaultValue::Word("snapshot"))
        .cfn(&[
            at(SERVERLESS, "DeletionPolicy"),
            at(SERVERLESS, "UpdateReplacePolicy"),
            at(SERVERLESS, "FinalSnapshotName"),
        ]),
        key(
            "kms_key",
            Ty::RefOrStr(Kind::KmsKey),
            "customer managed key for the data at rest: a declared kms_key, or a key id, key ARN, \"alias/name\" or alias ARN",
        )
        .cfn(&[at(SERVERLESS, "KmsKeyId")]),
        // Source: ElastiCache "Role-Based Access Control (RBAC)": the only access control of
        // serverless caches.
        key(
            "user_group",
            Ty::RefOrStr(Kind::UserGroup),
            "RBAC: the user group whose users may connect (default: anyone who reaches the endpoint)",
        )
        .cfn(&[at(SERVERLESS, "UserGroupId")]),
        key(
            "export",
            Ty::Bool,
            "export the endpoints, ports and security group id for other stacks to import",
        )
        .default(DefaultValue::Bool(false))
        .cfn(&[at("template", "Outputs.Export")]),
        key(
            "allow_cidrs",
            Ty::Strs,
            "extra CIDR blocks admitted to the ports, besides `connects` clients",
        )
        .cfn(&[at(SECURITY_GROUP, "SecurityGroupIngress.CidrIp")]),
        key("description", Ty::Str, "description of the cache, at most 255 characters")
            .cfn(&[at(SERVERLESS, "Description")]),
    ],
    children: &[Kind::Limits, Kind::Tags],
    free_keys: false,
};

const USAGE_LIMITS: &str = "AWS::ElastiCache::ServerlessCache.CacheUsageLimits";

// Ranges. Source: ElastiCache "Scaling ElastiCache" (serverless: up to 5,000 GB, up to 15,000,000
// ECPUs per second; https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/Scaling.html); the
// CDK's `CacheUsageLimitsProperty` (1 to 5,000 GB, 1,000 to 15,000,000 ECPUs per second).
const LIMITS: KindSchema = KindSchema {
    kind: Kind::Limits,
    keyword: "limits",
    names: Names::None,
    top_level: false,
    doc: "Usage limits of a serverless cache (CacheUsageLimits): data storage in GB and ElastiCache Processing Units per second; at the maximum the cache evicts or throttles.",
    service: "ElastiCache",
    resource: "",
    keys: &[
        key(
            "storage_min",
            Ty::Int { min: 1, max: 5000 },
            "data storage always provisioned (and billed)",
        )
        .unit("GB")
        .cfn(&[at(USAGE_LIMITS, "DataStorage.Minimum")]),
        key(
            "storage_max",
            Ty::Int { min: 1, max: 5000 },
            "data storage the cache may grow to",
        )
        .unit("GB")
        .cfn(&[at(USAGE_LIMITS, "DataStorage.Maximum")]),
        key(
            "ecpu_min",
            Ty::Int {
                min: 1000,
                max: 15_000_000,
            },
            "ECPUs per second always provisioned (and billed)",
        )
        .unit("ECPUs per second")
        .cfn(&[at(USAGE_LIMITS, "ECPUPerSecond.Minimum")]),
        key(
            "ecpu_max",
            Ty::Int {
                min: 1000,
                max: 15_000_000,
            },
            "ECPUs per second the cache may consume",
        )
        .unit("ECPUs per second")
        .cfn(&[at(USAGE_LIMITS, "ECPUPerSecond.Maximum")]),
    ],
    children: &[],
    free_keys: false,
};

const GLOBAL_GROUP: &str = "AWS::ElastiCache::GlobalReplicationGroup";
const SCALABLE_TARGET: &str = "AWS::ApplicationAutoScaling::ScalableTarget";
const SCALING_POLICY: &str = "AWS::ApplicationAutoScaling::ScalingPolicy";

/// A Global Datastore: the group is its primary, in the stack's region, and cachec writes one
/// template set per secondary region. Source: ElastiCache "Prerequisites and limitations" of
/// global datastores (up to two secondary regions).
const GLOBAL: KindSchema = KindSchema {
    kind: Kind::Global,
    keyword: "global",
    names: Names::None,
    top_level: false,
    doc: "A Global Datastore: the group is the primary in the stack's region, replicated to secondary regions.",
    service: "ElastiCache",
    resource: GLOBAL_GROUP,
    keys: &[key(
        "regions",
        Ty::Strs,
        "secondary regions, such as [\"us-east-1\"]: each gets its own network and a replication group that joins the datastore (at most two)",
    )
    .required()
    .cfn(&[
        at(GLOBAL_GROUP, "Members"),
        at(GROUP, "GlobalReplicationGroupId"),
    ])],
    children: &[],
    free_keys: false,
};

/// Auto scaling by target tracking. Sources: ElastiCache "Auto Scaling Valkey and Redis OSS
/// clusters" (replicas 0 to 5 per shard; shards up to 500) and "Defining a scaling policy".
const AUTOSCALING: KindSchema = KindSchema {
    kind: Kind::Autoscaling,
    keyword: "autoscaling",
    names: Names::None,
    top_level: false,
    doc: "Application Auto Scaling of the group's replicas or shards, tracking a metric's target.",
    service: "Application Auto Scaling",
    resource: SCALABLE_TARGET,
    keys: &[
        key(
            "replicas_min",
            Ty::Int {
                min: 0,
                max: READ_REPLICAS,
            },
            "fewest replicas (per shard) auto scaling keeps",
        )
        .cfn(&[at(SCALABLE_TARGET, "MinCapacity")]),
        key(
            "replicas_max",
            Ty::Int {
                min: 0,
                max: READ_REPLICAS,
            },
            "most replicas (per shard) auto scaling adds",
        )
        .cfn(&[at(SCALABLE_TARGET, "MaxCapacity")]),
        key(
            "replicas_target",
            Ty::Int { min: 1, max: 100 },
            "percent of ElastiCacheReplicaEngineCPUUtilization the replicas are scaled to keep",
        )
        .unit("percent")
        .default(DefaultValue::Int(DEFAULT_SCALING_TARGET))
        .cfn(&[at(SCALING_POLICY, "TargetTrackingScalingPolicyConfiguration.TargetValue")]),
        key(
            "shards_min",
            Ty::Int { min: 1, max: SHARDS },
            "fewest shards auto scaling keeps (cluster mode enabled)",
        )
        .cfn(&[at(SCALABLE_TARGET, "MinCapacity")]),
        key(
            "shards_max",
            Ty::Int { min: 1, max: SHARDS },
            "most shards auto scaling adds (cluster mode enabled)",
        )
        .cfn(&[at(SCALABLE_TARGET, "MaxCapacity")]),
        key(
            "shards_metric",
            Ty::Word(ShardMetric::WORDS),
            "what shard scaling tracks: engine CPU of the primaries, memory or capacity counted for eviction",
        )
        .default(DefaultValue::Word("primary_cpu"))
        .cfn(&[at(
            SCALING_POLICY,
            "TargetTrackingScalingPolicyConfiguration.PredefinedMetricSpecification",
        )]),
        key(
            "shards_target",
            Ty::Int { min: 1, max: 100 },
            "percent of the shard metric the shards are scaled to keep",
        )
        .unit("percent")
        .default(DefaultValue::Int(DEFAULT_SCALING_TARGET))
        .cfn(&[at(SCALING_POLICY, "TargetTrackingScalingPolicyConfiguration.TargetValue")]),
    ],
    children: &[],
    free_keys: false,
};

/// Every kind's schema, in the order of [`Kind::ALL`].
pub const SCHEMAS: &[KindSchema] = &[
    STACK,
    NETWORK,
    SUBNET,
    ENDPOINT,
    REPLICATION_GROUP,
    LAYER,
    INSTANCE,
    FUNCTION,
    ENVIRONMENT,
    MOVED,
    TAGS,
    KMS_KEY,
    PARAMETER_GROUP,
    PARAMETERS,
    USER,
    USER_GROUP,
    TOPIC,
    SLOW_LOG,
    ENGINE_LOG,
    ALARMS,
    SHARD,
    SERVERLESS_CACHE,
    LIMITS,
    GLOBAL,
    AUTOSCALING,
];

/// The schema declared by `keyword`, if any.
pub fn by_keyword(keyword: &str) -> Option<&'static KindSchema> {
    Kind::ALL
        .iter()
        .map(|k| k.schema())
        .find(|s| s.keyword == keyword)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn schemas_follow_the_kinds() {
        assert_eq!(SCHEMAS.len(), Kind::ALL.len());
        for (kind, s) in Kind::ALL.iter().zip(SCHEMAS) {
            assert_eq!(s.kind, *kind);
            assert_eq!(kind.schema().kind, *kind);
            assert_eq!(kind.schema().keyword, s.keyword);
        }
    }

    #[test]
    fn keys_are_unique_and_defaults_fit_their_type() {
        for s in SCHEMAS {
            for (i, k) in s.keys.iter().enumerate() {
                assert!(
                    s.keys.iter().skip(i + 1).all(|o| o.name != k.name),
                    "{}.{} twice",
                    s.keyword,
                    k.name
                );
                assert!(!(k.required && k.default.is_some()), "{}", k.name);
                let fits = match (k.default, k.ty) {
                    (None, _) => true,
                    (Some(DefaultValue::Int(n)), Ty::Int { min, max }) => (min..=max).contains(&n),
                    (Some(DefaultValue::Bool(_)), Ty::Bool) => true,
                    (Some(DefaultValue::Word(w)), Ty::Word(words)) => words.contains(&w),
                    _ => false,
                };
                assert!(fits, "default of {}.{}", s.keyword, k.name);
                if let Ty::Int { min, max } = k.ty {
                    assert!(min <= max, "{}", k.name);
                }
            }
        }
    }
}
