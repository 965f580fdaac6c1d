//! AWS and CloudFormation quotas that the checks and the emitter enforce, each with its source.
//! Attribute ranges (timeout, memory, retention days) live with the attribute, not here.

// CloudFormation, "AWS CloudFormation quotas" (User Guide, cloudformation-limits): per template.

/// Resources declared in one template.
pub const TEMPLATE_RESOURCES: usize = 500;
/// Parameters declared in one template.
pub const TEMPLATE_PARAMETERS: usize = 200;
/// Outputs declared in one template.
pub const TEMPLATE_OUTPUTS: usize = 200;
/// Bytes of a template body read from S3 (TemplateURL; cfn-lint uses the same figure). Inline
/// code is part of its template, so this binds before the 4 MB that Code.ZipFile allows.
pub const TEMPLATE_BODY_BYTES: usize = 1_000_000;
/// Characters of a logical id (resource, parameter or output name), letters and digits only.
pub const LOGICAL_ID_CHARS: usize = 255;
/// Bytes of a template's `Description` (Template anatomy, "Description": 0 to 1,024 bytes; cfn-lint
/// `template/description.json`).
pub const TEMPLATE_DESCRIPTION_BYTES: usize = 1024;
/// Bytes of one parameter value.
pub const PARAMETER_VALUE_BYTES: usize = 4096;

// Lambda, "Lambda quotas" (Developer Guide, gettingstarted-limits) and the API reference.

/// FunctionName: 1 to 64 of `[a-zA-Z0-9-_]` (CreateFunction).
pub const FUNCTION_NAME_CHARS: usize = 64;
/// LayerName: 1 to 140 of `[a-zA-Z0-9-_]` (PublishLayerVersion).
pub const LAYER_NAME_CHARS: usize = 140;
/// Subnets of one function's VPC config: `VpcConfig.SubnetIds` holds at most 16 items (Lambda
/// API Reference, VpcConfig: https://docs.aws.amazon.com/lambda/latest/dg/API_VpcConfig.html).
/// cachec gives each function one security group, under the 5 `SecurityGroupIds` allows.
pub const FUNCTION_SUBNETS: usize = 16;
/// Layers attached to one function ("You can add up to five layers", adding-layers).
pub const LAYERS_PER_FUNCTION: usize = 5;
/// The sum of the bytes of all environment keys and values (how Lambda and cfn-lint E3697 count).
pub const ENVIRONMENT_BYTES: usize = 4096;

// Systems Manager, "Parameter Store quotas": a Standard-tier parameter value holds 4 KB.

/// The layer requirements travel in one Standard-tier SSM parameter.
pub const SSM_STANDARD_VALUE_BYTES: usize = 4096;

// ElastiCache, AWS::ElastiCache::ReplicationGroup and CreateReplicationGroup.

/// ReplicationGroupId: 1 to 40 characters (CreateReplicationGroup API).
pub const REPLICATION_GROUP_ID_CHARS: usize = 40;
/// ServerlessCacheName: 1 to 40 letters, digits and hyphens, as a replication group's id. Source:
/// ElastiCache console's constraint on serverless cache names; CreateServerlessCache API.
pub const SERVERLESS_CACHE_NAME_CHARS: usize = 40;
/// Description of a serverless cache: "The maximum length is 255 characters" (CreateServerlessCache).
pub const SERVERLESS_DESCRIPTION_CHARS: usize = 255;
/// Read replicas of one node group: "up to 5 read-only replica nodes" (NumCacheClusters <= 6).
pub const READ_REPLICAS: i64 = 5;

// ElastiCache cluster mode enabled. Source: CloudFormation `AWS::ElastiCache::ReplicationGroup`
// ("from 1 to 90 shards ... The node or shard limit can be increased to a maximum of 500 per
// cluster if the engine version is Valkey 7.2 or higher, or Redis OSS 5.0.6 or higher ... For
// versions below 5.0.6, the limit is 250 per cluster"),
// https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-elasticache-replicationgroup.html,
// and ElastiCache "Working with shards" (https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/Shards.html).

/// Shards (node groups) of one cluster at most, on any engine version.
pub const SHARDS: i64 = 500;
/// Nodes of one cluster (shards x (1 + replicas)) with Valkey 7.2+ or Redis OSS 5.0.6+.
pub const CLUSTER_NODES: i64 = 500;
/// Nodes of one cluster before Redis OSS 5.0.6.
pub const CLUSTER_NODES_OLD: i64 = 250;
/// Subnets of one cache subnet group by default, until a quota increase (ElastiCache quotas,
/// "Subnets per subnet group", adjustable; the API refuses more with CacheSubnetQuotaExceeded:
/// https://docs.aws.amazon.com/AmazonElastiCache/latest/APIReference/API_CreateCacheSubnetGroup.html).
pub const SUBNET_GROUP_SUBNETS_DEFAULT: usize = 20;
/// Nodes of one cluster by default, until a quota increase: "from 1 to 90 shards", "90 shards and
/// 0 replicas to 15 shards and 5 replicas".
pub const CLUSTER_NODES_DEFAULT: i64 = 90;

// Tags. Source: "Tagging your AWS resources" (Tagging Best Practices, "Tag naming limits and
// requirements"), which ElastiCache, EC2 and Lambda each repeat in their tag restrictions.

/// Characters of a tag key (at least 1).
pub const TAG_KEY_CHARS: usize = 128;
/// Characters of a tag value (0 allowed).
pub const TAG_VALUE_CHARS: usize = 256;
/// User tags on one resource; the `aws:` tags CloudFormation adds do not count.
pub const TAGS_PER_RESOURCE: usize = 50;
/// The shortest maintenance or snapshot window, in minutes: "The minimum maintenance window is a
/// 60 minute period" (CreateReplicationGroup, PreferredMaintenanceWindow); "Snapshot window must be
/// at least 60 minutes" (the service's answer to a shorter SnapshotWindow).
pub const WINDOW_MINUTES: u32 = 60;
/// The days of a maintenance window, from Sunday: "Valid values for ddd are: sun, mon, tue, wed,
/// thu, fri, sat" (CreateReplicationGroup, PreferredMaintenanceWindow).
pub const WINDOW_DAYS: [&str; 7] = ["sun", "mon", "tue", "wed", "thu", "fri", "sat"];
