//! The resolved program: typed declarations whose references are indexes, with spans kept.
//! Optional attributes stay `Option` so checks can tell "written" from "defaulted".

use super::damage::Damage;
use crate::span::{Span, Spanned};
use crate::words::{Word, words};

pub type S<T> = Spanned<T>;

/// A value of `Ty::RefOrStr`: a declared thing, or one outside the program given by its name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RefOrStr {
    Declared(Ref),
    Existing(S<String>),
}

impl RefOrStr {
    /// Where the value was written: the name, or the quoted string.
    pub fn span(&self) -> Span {
        match self {
            RefOrStr::Declared(r) => r.name.span,
            RefOrStr::Existing(s) => s.span,
        }
    }
}

/// A resolved reference: the name as written and the index of its target in the model's list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Ref {
    pub name: S<String>,
    pub index: usize,
}

#[derive(Debug, Clone, Default)]
pub struct Model {
    pub stack: Stack,
    pub network: Network,
    pub caches: Vec<Cache>,
    pub layers: Vec<Layer>,
    pub instances: Vec<Instance>,
    pub functions: Vec<Function>,
    /// Declarations lowering left incomplete; what checks say about them is not shown.
    pub damage: Damage,
    pub moves: Vec<Moved>,
    pub kms_keys: Vec<KmsKey>,
    pub parameter_groups: Vec<ParameterGroup>,
    pub users: Vec<User>,
    pub user_groups: Vec<UserGroup>,
    pub topics: Vec<Topic>,
    pub serverless: Vec<Serverless>,
}

/// `parameter_group name { family = ...  parameters { ... } }`: a custom parameter group.
#[derive(Debug, Clone)]
pub struct ParameterGroup {
    pub name: S<String>,
    pub family: S<String>,
    pub description: Option<S<String>>,
    /// In the order written; a name is given at most once.
    pub parameters: Vec<Parameter>,
    pub span: Span,
}

/// One engine parameter, by its AWS name.
#[derive(Debug, Clone)]
pub struct Parameter {
    pub name: S<String>,
    pub value: S<ParamValue>,
}

/// A parameter's value as written; checks hold it against the parameter's type.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ParamValue {
    Text(String),
    Int(i64),
    Bool(bool),
}

impl ParamValue {
    /// The value as the API takes it: booleans are `yes` and `no`.
    pub fn api(&self) -> String {
        match self {
            ParamValue::Text(t) => t.clone(),
            ParamValue::Int(n) => n.to_string(),
            ParamValue::Bool(true) => "yes".into(),
            ParamValue::Bool(false) => "no".into(),
        }
    }
}

/// `topic alerts { email = [...] }`: an SNS topic for replication group events and alarms.
#[derive(Debug, Clone)]
pub struct Topic {
    pub name: S<String>,
    pub email: Vec<S<String>>,
    pub span: Span,
}

/// `moved { from = "old"  to = new }`: replication group `to` was called `from` when last deployed;
/// emission keeps the old name's logical ids and physical name so the update replaces nothing.
#[derive(Debug, Clone)]
pub struct Moved {
    pub from: S<String>,
    pub to: Ref,
    pub span: Span,
}

#[derive(Debug, Clone, Default)]
pub struct Stack {
    pub name: S<String>,
    pub region: Option<S<String>>,
    pub description: Option<S<String>>,
    /// Tags for every resource that takes them; a declaration's own tag of the same key wins.
    pub tags: Vec<Tag>,
    pub span: Span,
}

#[derive(Debug, Clone, Default)]
pub struct Network {
    pub name: S<String>,
    /// Required for a network cachec creates; for an existing one, stated so checks can run.
    pub cidr: Option<S<String>>,
    /// `existing = "vpc-..."`: the VPC exists; cachec creates nothing of the network itself.
    pub existing: Option<S<String>>,
    /// Paths to AWS services the existing network already gives its subnets.
    pub provides: Vec<S<Provided>>,
    pub dns_support: Option<S<bool>>,
    pub dns_hostnames: Option<S<bool>>,
    pub subnets: Vec<Subnet>,
    pub endpoints: Vec<Endpoint>,
    pub tags: Vec<Tag>,
    pub span: Span,
}

impl Network {
    /// Whether the VPC exists outside the program.
    pub fn is_existing(&self) -> bool {
        self.existing.is_some()
    }

    /// Whether the network gives a path to `service` without an endpoint the program declares.
    pub fn provides(&self, service: &str) -> bool {
        self.provides
            .iter()
            .any(|p| p.value == Provided::Nat || p.value.word() == service)
    }

    pub fn dns_support(&self) -> bool {
        self.dns_support.as_ref().is_none_or(|b| b.value)
    }

    pub fn dns_hostnames(&self) -> bool {
        self.dns_hostnames.as_ref().is_none_or(|b| b.value)
    }
}

#[derive(Debug, Clone)]
pub struct Subnet {
    pub name: S<String>,
    pub zone: S<String>,
    /// Required for a subnet cachec creates; optional for an existing one.
    pub cidr: Option<S<String>>,
    /// `existing = "subnet-..."`: the subnet exists; cachec creates no subnet or route table.
    pub existing: Option<S<String>>,
    pub span: Span,
}

words! {
    /// A path to AWS services an existing network already has (`provides = [...]`): a NAT
    /// gateway (or any route to the internet), or an interface or gateway endpoint of a service.
    pub enum Provided {
        Nat = "nat",
        Ssm = "ssm",
        Ssmmessages = "ssmmessages",
        Ec2messages = "ec2messages",
        S3 = "s3",
    }
}

/// How `existing = "..."` names a VPC or subnet, by its prefix.
/// `allow_security_groups = ["import:AppStack-AppSg"]`: the group id another stack exports.
pub const IMPORT: &str = "import:";
/// `existing = "ssm:/network/vpc-id"`: an id held in an SSM parameter.
pub const SSM: &str = "ssm:";

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Existing<'a> {
    /// `"vpc-0abc..."`, `"subnet-0abc..."`: the id itself.
    Id(&'a str),
    /// `"import:ExportName"`: the id another stack exports.
    Import(&'a str),
    /// `"ssm:/path/to/param"`: the id held in an SSM parameter, read at deploy time.
    Ssm(&'a str),
}

impl<'a> Existing<'a> {
    pub fn of(text: &'a str) -> Existing<'a> {
        if let Some(export) = text.strip_prefix(IMPORT) {
            Existing::Import(export)
        } else if let Some(name) = text.strip_prefix(SSM) {
            Existing::Ssm(name)
        } else {
            Existing::Id(text)
        }
    }
}

words! {
    /// How a VPC endpoint reaches its service.
    pub enum EndpointKind {
        Gateway = "gateway",
        Interface = "interface",
    }
}

#[derive(Debug, Clone)]
pub struct Endpoint {
    /// The service, such as `s3` or `ssmmessages`; also the endpoint's name.
    pub name: S<String>,
    pub kind: S<EndpointKind>,
    pub subnets: Vec<Ref>,
    pub private_dns: Option<S<bool>>,
    pub span: Span,
}

impl Endpoint {
    pub fn private_dns(&self) -> bool {
        self.kind.value == EndpointKind::Interface
            && self.private_dns.as_ref().is_none_or(|b| b.value)
    }
}

words! {
    /// What deleting or replacing a replication group does to its data.
    pub enum OnDelete {
        Snapshot = "snapshot",
        Retain = "retain",
        Delete = "delete",
    }
}

impl OnDelete {
    /// The `DeletionPolicy`/`UpdateReplacePolicy` value. Source: CloudFormation "DeletionPolicy
    /// attribute" (Snapshot is supported by AWS::ElastiCache::ReplicationGroup).
    pub fn policy(self) -> &'static str {
        match self {
            OnDelete::Snapshot => "Snapshot",
            OnDelete::Retain => "Retain",
            OnDelete::Delete => "Delete",
        }
    }
}

words! {
    /// What shard auto scaling tracks. Source: ElastiCache "Defining a scaling policy"
    /// (the predefined metrics of NodeGroup auto scaling).
    pub enum ShardMetric {
        PrimaryCpu = "primary_cpu",
        Memory = "memory",
        Capacity = "capacity",
    }
}

impl ShardMetric {
    /// The `PredefinedMetricType` of Application Auto Scaling.
    pub fn predefined(self) -> &'static str {
        match self {
            ShardMetric::PrimaryCpu => "ElastiCachePrimaryEngineCPUUtilization",
            ShardMetric::Memory => "ElastiCacheDatabaseMemoryUsageCountedForEvictPercentage",
            ShardMetric::Capacity => "ElastiCacheDatabaseCapacityUsageCountedForEvictPercentage",
        }
    }
}

/// The target of a scaling policy when `autoscaling` leaves it out: the middle of the 35 to 70
/// percent ElastiCache advises for engine CPU.
pub const DEFAULT_SCALING_TARGET: i64 = 50;

/// `global { regions = [...] }` inside a replication group: the secondary regions.
#[derive(Debug, Clone)]
pub struct Global {
    pub keyword: Span,
    pub regions: S<Vec<S<String>>>,
    pub span: Span,
}

/// `autoscaling { ... }` inside a replication group: a target per dimension given.
#[derive(Debug, Clone)]
pub struct Autoscaling {
    pub keyword: Span,
    pub replicas: Option<Scaling>,
    pub shards: Option<Scaling>,
    pub shards_metric: Option<S<ShardMetric>>,
    pub span: Span,
}

/// One dimension's bounds and target; a dimension is scaled when both bounds are written.
#[derive(Debug, Clone)]
pub struct Scaling {
    pub min: S<i64>,
    pub max: S<i64>,
    pub target: Option<S<i64>>,
}

impl Scaling {
    pub fn target(&self) -> i64 {
        self.target
            .as_ref()
            .map_or(DEFAULT_SCALING_TARGET, |t| t.value)
    }
}

impl Autoscaling {
    pub fn shards_metric(&self) -> ShardMetric {
        self.shards_metric
            .as_ref()
            .map_or(ShardMetric::PrimaryCpu, |m| m.value)
    }
}

words! {
    /// Which connections a group with TLS accepts.
    pub enum TransitMode {
        Preferred = "preferred",
        Required = "required",
    }
}

#[derive(Debug, Clone)]
pub struct Cache {
    pub name: S<String>,
    pub engine: S<String>,
    pub engine_version: S<String>,
    pub node_type: S<String>,
    pub parameter_group: Option<RefOrStr>,
    pub port: Option<S<i64>>,
    pub multi_az: Option<S<bool>>,
    pub automatic_failover: Option<S<bool>>,
    pub subnets: Vec<Ref>,
    /// Span of the whole `subnets = [...]` value, for labels about the subnet group.
    pub subnets_span: Span,
    pub primary_zone: Option<S<String>>,
    pub replica_zones: Option<S<Vec<S<String>>>>,
    pub replicas: Option<S<i64>>,
    pub transit_encryption: Option<S<bool>>,
    pub at_rest_encryption: Option<S<bool>>,
    pub auth_token: Option<S<String>>,
    pub data_tiering: Option<S<bool>>,
    pub snapshot_retention: Option<S<i64>>,
    pub on_delete: Option<S<OnDelete>>,
    pub export: Option<S<bool>>,
    /// `sg-...` ids and `import:ExportName` imports admitted to the port.
    pub allow_security_groups: Vec<S<String>>,
    pub maintenance_window: Option<S<String>>,
    pub snapshot_window: Option<S<String>>,
    pub transit_mode: Option<S<TransitMode>>,
    pub kms_key: Option<RefOrStr>,
    pub user_group: Option<RefOrStr>,
    pub notifications: Option<RefOrStr>,
    /// `slow_log` and `engine_log` blocks, in source order.
    pub logs: Vec<LogDelivery>,
    pub alarms: Option<Alarms>,
    pub cluster_mode: Option<S<ClusterMode>>,
    pub shards: Option<S<i64>>,
    pub replicas_per_shard: Option<S<i64>>,
    /// `shard NAME { ... }` blocks, in source order: NodeGroupConfiguration.
    pub shard_blocks: Vec<Shard>,
    pub global: Option<Global>,
    pub autoscaling: Option<Autoscaling>,
    pub allow_cidrs: Vec<S<String>>,
    pub description: Option<S<String>>,
    pub tags: Vec<Tag>,
    pub span: Span,
}

words! {
    /// Whether the engine shards the keyspace. `compatible` is the step between: one shard that
    /// clients reach with either protocol. Source: ElastiCache "Modifying cluster mode"
    /// (https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/modify-cluster-mode.html);
    /// CloudFormation `AWS::ElastiCache::ReplicationGroup` (ClusterMode: enabled, disabled, compatible).
    pub enum ClusterMode {
        Disabled = "disabled",
        Enabled = "enabled",
        Compatible = "compatible",
    }
}

/// `shard NAME { slots = "0-5460" primary_zone = "a" replica_zones = ["b"] }`: one node group.
#[derive(Debug, Clone)]
pub struct Shard {
    pub name: S<String>,
    pub slots: Option<S<String>>,
    pub primary_zone: Option<S<String>>,
    pub replica_zones: Option<S<Vec<S<String>>>>,
    pub span: Span,
}

/// The hash slots of a cluster: 0 to 16383. Source: ElastiCache "Working with shards"
/// (https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/Shards.html) and the Valkey cluster
/// specification (16384 slots).
pub const SLOTS: u32 = 16_384;

pub const DEFAULT_PORT: i64 = 6379;

/// Alarm thresholds when `alarms` leaves them out (the schema documents why these).
pub const DEFAULT_CPU: i64 = 90;
pub const DEFAULT_MEMORY: i64 = 90;
pub const DEFAULT_EVICTIONS: i64 = 1000;
pub const DEFAULT_REPLICATION_LAG: i64 = 30;
pub const DEFAULT_CONNECTIONS: i64 = 50_000;
pub const DEFAULT_SWAP_MB: i64 = 50;

impl Cache {
    pub fn port(&self) -> i64 {
        self.port.as_ref().map_or(DEFAULT_PORT, |p| p.value)
    }

    pub fn multi_az(&self) -> bool {
        self.multi_az.as_ref().is_some_and(|b| b.value)
    }

    /// Automatic failover follows Multi-AZ unless written; cluster mode (enabled or compatible)
    /// needs it, so there it is on unless written.
    pub fn automatic_failover(&self) -> bool {
        self.automatic_failover.as_ref().map_or(
            self.multi_az() || self.cluster_mode() != ClusterMode::Disabled,
            |b| b.value,
        )
    }

    pub fn cluster_mode(&self) -> ClusterMode {
        self.cluster_mode
            .as_ref()
            .map_or(ClusterMode::Disabled, |m| m.value)
    }

    /// Sharded: the layout is shards and replicas per shard (NumNodeGroups), not NumCacheClusters.
    /// A group migrated to `enabled` that still writes `replicas` keeps its one-shard layout.
    pub fn sharded(&self) -> bool {
        self.cluster_mode() == ClusterMode::Enabled
            && (self.shards.is_some()
                || self.replicas_per_shard.is_some()
                || !self.shard_blocks.is_empty()
                || (self.replicas.is_none() && self.replica_zones.is_none()))
    }

    /// Shards of a sharded group: `shards`, else one per `shard` block, else one.
    pub fn shard_count(&self) -> i64 {
        match (&self.shards, self.shard_blocks.len()) {
            (Some(n), _) => n.value,
            (None, 0) => 1,
            (None, n) => n as i64,
        }
    }

    /// Replicas of each shard of a sharded group: `replicas_per_shard`, else none.
    pub fn replicas_per_shard(&self) -> i64 {
        self.replicas_per_shard.as_ref().map_or(0, |n| n.value)
    }

    /// Read replicas: the zones listed, else `replicas`, else none. For a sharded group, the
    /// replicas of each shard.
    pub fn replica_count(&self) -> i64 {
        if self.sharded() {
            return self.replicas_per_shard();
        }
        match (&self.replica_zones, &self.replicas) {
            (Some(zones), _) => zones.value.len() as i64,
            (None, Some(n)) => n.value,
            (None, None) => 0,
        }
    }

    pub fn transit_encryption(&self) -> bool {
        self.transit_encryption.as_ref().is_some_and(|b| b.value)
    }

    pub fn export(&self) -> bool {
        self.export.as_ref().is_some_and(|b| b.value)
    }

    pub fn at_rest_encryption(&self) -> bool {
        self.at_rest_encryption.as_ref().is_some_and(|b| b.value)
    }

    /// A final snapshot unless written otherwise.
    pub fn on_delete(&self) -> OnDelete {
        self.on_delete
            .as_ref()
            .map_or(OnDelete::Snapshot, |o| o.value)
    }
}

words! {
    /// Where ElastiCache delivers a log.
    pub enum LogDestination {
        Cloudwatch = "cloudwatch",
        Firehose = "firehose",
    }
}

impl LogDestination {
    /// The `DestinationType` value.
    pub fn destination_type(self) -> &'static str {
        match self {
            LogDestination::Cloudwatch => "cloudwatch-logs",
            LogDestination::Firehose => "kinesis-firehose",
        }
    }
}

words! {
    /// The format of delivered log entries.
    pub enum LogFormat {
        Text = "text",
        Json = "json",
    }
}

/// Which log a delivery block sends.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum LogType {
    Slow,
    Engine,
}

impl LogType {
    /// The `LogType` value.
    pub fn log_type(self) -> &'static str {
        match self {
            LogType::Slow => "slow-log",
            LogType::Engine => "engine-log",
        }
    }
}

/// `slow_log { ... }` or `engine_log { ... }` inside a replication group.
#[derive(Debug, Clone)]
pub struct LogDelivery {
    pub log: LogType,
    /// The block's keyword, where messages about the block point.
    pub keyword: Span,
    pub to: Option<S<LogDestination>>,
    pub format: Option<S<LogFormat>>,
    pub retention: Option<S<i64>>,
    pub stream: Option<S<String>>,
    pub span: Span,
}

impl LogDelivery {
    pub fn to(&self) -> LogDestination {
        self.to
            .as_ref()
            .map_or(LogDestination::Cloudwatch, |t| t.value)
    }

    pub fn format(&self) -> LogFormat {
        self.format.as_ref().map_or(LogFormat::Text, |f| f.value)
    }
}

/// `alarms { ... }` inside a replication group: thresholds, each defaulted when not written.
#[derive(Debug, Clone)]
pub struct Alarms {
    pub keyword: Span,
    pub cpu: Option<S<i64>>,
    pub memory: Option<S<i64>>,
    pub evictions: Option<S<i64>>,
    pub replication_lag: Option<S<i64>>,
    pub connections: Option<S<i64>>,
    pub swap: Option<S<i64>>,
    pub span: Span,
}

/// What an alarm watches; each becomes one alarm per node.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum AlarmMetric {
    Cpu,
    Memory,
    Evictions,
    Connections,
    Swap,
    ReplicationLag,
}

impl AlarmMetric {
    /// Every metric, in the order the alarms are emitted.
    pub const ALL: [AlarmMetric; 6] = [
        AlarmMetric::Cpu,
        AlarmMetric::Memory,
        AlarmMetric::Evictions,
        AlarmMetric::Connections,
        AlarmMetric::Swap,
        AlarmMetric::ReplicationLag,
    ];
}

impl Cache {
    /// The metrics its alarms watch: none without `alarms`; replication lag only with replicas.
    pub fn alarm_metrics(&self) -> Vec<AlarmMetric> {
        if self.alarms.is_none() {
            return Vec::new();
        }
        AlarmMetric::ALL
            .into_iter()
            .filter(|m| *m != AlarmMetric::ReplicationLag || self.replica_count() > 0)
            .collect()
    }

    /// Nodes of the group: the primary and its replicas, in every shard.
    pub fn node_count(&self) -> i64 {
        let shards = if self.sharded() {
            self.shard_count()
        } else {
            1
        };
        shards.max(1) * (1 + self.replica_count())
    }
}

impl Alarms {
    fn or(value: &Option<S<i64>>, default: i64) -> i64 {
        value.as_ref().map_or(default, |v| v.value)
    }

    pub fn cpu(&self) -> i64 {
        Self::or(&self.cpu, DEFAULT_CPU)
    }

    pub fn memory(&self) -> i64 {
        Self::or(&self.memory, DEFAULT_MEMORY)
    }

    pub fn evictions(&self) -> i64 {
        Self::or(&self.evictions, DEFAULT_EVICTIONS)
    }

    pub fn replication_lag(&self) -> i64 {
        Self::or(&self.replication_lag, DEFAULT_REPLICATION_LAG)
    }

    pub fn connections(&self) -> i64 {
        Self::or(&self.connections, DEFAULT_CONNECTIONS)
    }

    pub fn swap_mb(&self) -> i64 {
        Self::or(&self.swap, DEFAULT_SWAP_MB)
    }
}

/// An attribute of a replication group that other declarations can read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CacheAttr {
    PrimaryAddress,
    ReaderAddress,
    Port,
    ConfigurationAddress,
    ConfigurationPort,
}

pub use crate::aws::arch::Arch;

#[derive(Debug, Clone)]
pub struct Layer {
    pub name: S<String>,
    pub runtime: S<String>,
    pub architecture: Option<S<Arch>>,
    /// Inline requirements; empty (spanning the keyword) when not written.
    pub requirements: S<Vec<S<String>>>,
    /// Whether `requirements` was written, even as an empty list.
    pub given: bool,
    pub requirements_file: Option<RequirementsFile>,
    /// A folder packaged as the layer's zip, instead of requirements built at deploy time.
    pub content: Option<LayerContent>,
    pub description: Option<S<String>>,
    pub tags: Vec<Tag>,
    pub span: Span,
}

impl Layer {
    pub fn arch(&self) -> Arch {
        self.architecture.as_ref().map_or(Arch::X86_64, |a| a.value)
    }

    /// Built at deploy time by pip, from inline requirements or a requirements file.
    pub fn built(&self) -> bool {
        self.content.is_none()
    }

    /// The requirement lines pip installs, as the builder receives them.
    pub fn requirement_lines(&self) -> Vec<&str> {
        match &self.requirements_file {
            Some(file) => file.lines.iter().map(|l| l.text.as_str()).collect(),
            None => self
                .requirements
                .value
                .iter()
                .map(|r| r.value.as_str())
                .collect(),
        }
    }
}

/// A pip requirements file, read during lowering (no lines when it could not be read).
#[derive(Debug, Clone)]
pub struct RequirementsFile {
    pub path: S<String>,
    pub lines: Vec<super::requirements_txt::Line>,
}

/// A layer's folder, relative to the program, and the names at its top, read during lowering.
#[derive(Debug, Clone)]
pub struct LayerContent {
    pub path: S<String>,
    pub entries: Vec<String>,
}

#[derive(Debug, Clone)]
pub struct Instance {
    pub name: S<String>,
    pub subnet: Ref,
    pub instance_type: S<String>,
    pub image: S<String>,
    pub packages: Vec<S<String>>,
    pub session_manager: Option<S<bool>>,
    pub connects: Vec<Ref>,
    /// The serverless caches among `connects`.
    pub connects_serverless: Vec<Ref>,
    pub imdsv2: Option<S<bool>>,
    /// The pinned AMI as written; `None` reads the image's latest AMI at every deploy.
    pub ami: Option<S<String>>,
    pub tags: Vec<Tag>,
    pub span: Span,
}

impl Instance {
    pub fn session_manager(&self) -> bool {
        self.session_manager.as_ref().is_some_and(|b| b.value)
    }

    /// IMDSv2 is required unless turned off.
    pub fn imdsv2(&self) -> bool {
        self.imdsv2.as_ref().is_none_or(|b| b.value)
    }
}

words! {
    /// Who may call a function URL.
    pub enum UrlAuth {
        Public = "public",
        Iam = "iam",
    }
}

#[derive(Debug, Clone)]
pub struct Function {
    pub name: S<String>,
    /// The subnets of its VPC config, from `subnet` or `subnets`, in the order written.
    pub subnets: Vec<Ref>,
    pub runtime: S<String>,
    pub architecture: Option<S<Arch>>,
    pub handler: S<String>,
    /// The path written: the `source` file, or the `code` folder.
    pub source: S<String>,
    /// The inline source file's text, read during lowering; empty when packaged or unreadable.
    pub code: String,
    /// Code that `aws cloudformation package` zips instead of inlining; `None` when inlined.
    pub package: Option<Package>,
    pub layers: S<Vec<Ref>>,
    pub url: Option<S<UrlAuth>>,
    pub connects: Vec<Ref>,
    /// The serverless caches among `connects`.
    pub connects_serverless: Vec<Ref>,
    pub timeout: Option<S<i64>>,
    pub memory: Option<S<i64>>,
    pub ephemeral_storage: Option<S<i64>>,
    pub reserved_concurrency: Option<S<i64>>,
    /// The RBAC user it connects as.
    pub user: Option<Ref>,
    pub environment: Vec<EnvVar>,
    pub tags: Vec<Tag>,
    pub span: Span,
}

impl Function {
    pub fn arch(&self) -> Arch {
        self.architecture.as_ref().map_or(Arch::X86_64, |a| a.value)
    }

    /// The first subnet of its VPC config: where it runs, when it runs in the VPC.
    pub fn subnet(&self) -> Option<&Ref> {
        self.subnets.first()
    }
}

/// Function code packaged as a zip: the `code` folder's files, or the one `source` file written
/// with `inline = false`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Package {
    /// Given as a folder (`code`) rather than one file (`source`).
    pub folder: bool,
    /// Each file by its path inside the zip (`/`-separated), sorted.
    pub files: Vec<CodeFile>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CodeFile {
    pub path: String,
    pub text: String,
}

impl Package {
    pub fn file(&self, path: &str) -> Option<&CodeFile> {
        self.files.iter().find(|f| f.path == path)
    }
}

/// One tag of a `tags` block, with the spans of its key and value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Tag {
    pub key: S<String>,
    pub value: S<String>,
}

#[derive(Debug, Clone)]
pub struct EnvVar {
    pub key: S<String>,
    pub value: S<EnvValue>,
}

#[derive(Debug, Clone, PartialEq)]
pub enum EnvValue {
    Text(String),
    Cache { cache: Ref, attr: CacheAttr },
    Serverless { cache: Ref, attr: ServerlessAttr },
}

words! {
    /// What removing a KMS key from the stack does to it.
    pub enum KeyDeletion {
        Retain = "retain",
        Delete = "delete",
    }
}

/// `kms_key NAME { ... }`: a customer managed key for at-rest encryption.
#[derive(Debug, Clone)]
pub struct KmsKey {
    pub name: S<String>,
    pub description: Option<S<String>>,
    pub rotation: Option<S<bool>>,
    pub on_delete: Option<S<KeyDeletion>>,
    pub pending_days: Option<S<i64>>,
    pub alias: Option<S<String>>,
    pub span: Span,
}

impl KmsKey {
    /// Rotation is on unless written off.
    pub fn rotation(&self) -> bool {
        self.rotation.as_ref().is_none_or(|b| b.value)
    }

    /// Retained unless written otherwise: a deleted key makes its snapshots unreadable.
    pub fn on_delete(&self) -> KeyDeletion {
        self.on_delete
            .as_ref()
            .map_or(KeyDeletion::Retain, |d| d.value)
    }
}

impl KeyDeletion {
    /// The `DeletionPolicy`/`UpdateReplacePolicy` value.
    pub fn policy(self) -> &'static str {
        match self {
            KeyDeletion::Retain => "Retain",
            KeyDeletion::Delete => "Delete",
        }
    }
}

words! {
    /// The engine an RBAC user or user group is for.
    pub enum UserEngine {
        Redis = "redis",
        Valkey = "valkey",
    }
}

words! {
    /// How an RBAC user proves who it is.
    pub enum Authentication {
        Password = "password",
        Iam = "iam",
        None = "none",
    }
}

impl Authentication {
    /// `AuthenticationMode.Type`. Source: CloudFormation `AWS::ElastiCache::User AuthenticationMode`.
    pub fn mode(self) -> &'static str {
        match self {
            Authentication::Password => "password",
            Authentication::Iam => "iam",
            Authentication::None => "no-password-required",
        }
    }
}

/// `user app { access = "..." }`: an RBAC user.
#[derive(Debug, Clone)]
pub struct User {
    pub name: S<String>,
    pub user_name: Option<S<String>>,
    pub user_id: Option<S<String>>,
    pub engine: Option<S<UserEngine>>,
    pub access: S<String>,
    pub authentication: Option<S<Authentication>>,
    pub passwords: Option<S<Vec<S<String>>>>,
    pub span: Span,
}

impl User {
    /// The name clients authenticate as: as written, else the declaration's name.
    pub fn user_name(&self) -> &S<String> {
        self.user_name.as_ref().unwrap_or(&self.name)
    }

    /// The Secrets Manager secret (name or ARN) of its first password, which clients read to
    /// authenticate.
    pub fn password_secret(&self) -> Option<&str> {
        let first = self.passwords.as_ref()?.value.first()?;
        first.value.strip_prefix("secretsmanager:")
    }

    pub fn engine(&self) -> UserEngine {
        self.engine.as_ref().map_or(UserEngine::Redis, |e| e.value)
    }

    pub fn authentication(&self) -> Authentication {
        self.authentication
            .as_ref()
            .map_or(Authentication::Password, |a| a.value)
    }
}

/// `user_group app_users { users = [...] }`.
#[derive(Debug, Clone)]
pub struct UserGroup {
    pub name: S<String>,
    pub users: S<Vec<Ref>>,
    pub engine: Option<S<UserEngine>>,
    pub span: Span,
}

impl UserGroup {
    pub fn engine(&self) -> UserEngine {
        self.engine.as_ref().map_or(UserEngine::Redis, |e| e.value)
    }
}

words! {
    /// The engines a serverless cache of cachec runs (ElastiCache also has serverless Memcached).
    pub enum ServerlessEngine {
        Redis = "redis",
        Valkey = "valkey",
    }
}

/// `serverless_cache NAME { ... }`: an ElastiCache serverless cache.
#[derive(Debug, Clone)]
pub struct Serverless {
    pub name: S<String>,
    pub engine: Option<S<ServerlessEngine>>,
    pub major_version: Option<S<String>>,
    pub subnets: Vec<Ref>,
    /// Span of the whole `subnets = [...]` value.
    pub subnets_span: Span,
    pub limits: Option<UsageLimits>,
    pub snapshot_time: Option<S<String>>,
    pub snapshot_retention: Option<S<i64>>,
    pub final_snapshot: Option<S<String>>,
    pub on_delete: Option<S<OnDelete>>,
    pub user_group: Option<RefOrStr>,
    pub kms_key: Option<RefOrStr>,
    pub export: Option<S<bool>>,
    pub allow_cidrs: Vec<S<String>>,
    pub description: Option<S<String>>,
    pub tags: Vec<Tag>,
    pub span: Span,
}

/// The ports of a serverless cache's endpoints: writes and reads on 6379, reads from the
/// nearest replica on 6380. Source: ElastiCache "Finding connection endpoints" (serverless).
pub const SERVERLESS_PORT: i64 = 6379;
pub const SERVERLESS_READER_PORT: i64 = 6380;

impl Serverless {
    pub fn engine(&self) -> ServerlessEngine {
        self.engine
            .as_ref()
            .map_or(ServerlessEngine::Valkey, |e| e.value)
    }

    pub fn export(&self) -> bool {
        self.export.as_ref().is_some_and(|b| b.value)
    }

    /// A final snapshot unless written otherwise.
    pub fn on_delete(&self) -> OnDelete {
        self.on_delete
            .as_ref()
            .map_or(OnDelete::Snapshot, |o| o.value)
    }
}

/// `limits { ... }` inside a serverless cache: CacheUsageLimits.
#[derive(Debug, Clone)]
pub struct UsageLimits {
    pub keyword: Span,
    pub storage_min: Option<S<i64>>,
    pub storage_max: Option<S<i64>>,
    pub ecpu_min: Option<S<i64>>,
    pub ecpu_max: Option<S<i64>>,
    pub span: Span,
}

/// An attribute of a serverless cache that other declarations can read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ServerlessAttr {
    Address,
    ReaderAddress,
    Port,
    ReaderPort,
}
