//! The update table: for every resource type and property cachec emits, what CloudFormation does
//! when the property changes. Facts from each type's CloudFormation reference page (`source`).

/// What a change of one property costs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Update {
    /// Updated in place, the resource keeps serving.
    None,
    /// Updated in place with a restart or a short outage (an instance stops and starts).
    Some,
    /// A new physical resource is created and the old one deleted.
    Replace,
    /// Depends on the old and new value; [`super::diff`] decides.
    Conditional(Condition),
}

/// The property changes whose cost depends on the values.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Condition {
    /// `EngineVersion`: an upgrade is in place, a downgrade means delete and recreate.
    EngineVersion,
    /// `Engine`: Redis OSS to Valkey is in place; back to Redis OSS means a new group.
    Engine,
}

#[derive(Debug, Clone, Copy)]
pub struct Row {
    pub property: &'static str,
    pub update: Update,
}

/// One resource type's rows.
#[derive(Debug, Clone, Copy)]
pub struct Type {
    pub ty: &'static str,
    /// The CloudFormation reference page the rows come from.
    pub source: &'static str,
    /// A property that gives the resource a fixed physical name: CloudFormation cannot replace it
    /// while the name stays the same.
    pub name: Option<&'static str>,
    /// Holds data that a replacement or removal loses.
    pub stateful: bool,
    pub rows: &'static [Row],
}

impl Type {
    pub fn row(&self, property: &str) -> Option<&Row> {
        self.rows.iter().find(|r| r.property == property)
    }
}

/// The type's rows, or `None` for a type cachec does not emit.
pub fn lookup(ty: &str) -> Option<&'static Type> {
    TABLE.iter().find(|t| t.ty == ty)
}

const fn row(property: &'static str, update: Update) -> Row {
    Row { property, update }
}

use Update::{None as InPlace, Replace, Some as Interrupt};

macro_rules! page {
    ($file:literal) => {
        concat!(
            "https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/",
            $file
        )
    };
}

/// Every resource type cachec emits. `Custom::` resources are updated by their own provider:
/// CloudFormation sends an Update request whatever changed.
pub const TABLE: &[Type] = &[
    Type {
        ty: "AWS::ElastiCache::ReplicationGroup",
        source: page!("aws-resource-elasticache-replicationgroup.html"),
        name: Some("ReplicationGroupId"),
        stateful: true,
        rows: &[
            row("AtRestEncryptionEnabled", Replace),
            row("AuthToken", Interrupt),
            row("AutoMinorVersionUpgrade", InPlace),
            row("AutomaticFailoverEnabled", InPlace),
            row("CacheNodeType", InPlace),
            row("CacheParameterGroupName", InPlace),
            row("CacheSubnetGroupName", Replace),
            // Cluster mode: disabled to compatible to enabled, in place, one step per update
            // (the rules in `rules.rs`); ElastiCache "Modifying cluster mode".
            row("ClusterMode", InPlace),
            row("DataTieringEnabled", Replace),
            row("Engine", Update::Conditional(Condition::Engine)),
            row(
                "EngineVersion",
                Update::Conditional(Condition::EngineVersion),
            ),
            row("GlobalReplicationGroupId", Replace),
            row("KmsKeyId", Replace),
            row("LogDeliveryConfigurations", InPlace),
            row("MultiAZEnabled", InPlace),
            // Shards and their configuration change without interruption with
            // `UpdatePolicy: UseOnlineResharding`, which cachec gives every sharded group
            // (CloudFormation "UpdatePolicy attribute", UseOnlineResharding); a shard's zones and
            // slots move with the node group, so those count as an interruption.
            row("NodeGroupConfiguration", Interrupt),
            row("NotificationTopicArn", InPlace),
            row("NumCacheClusters", InPlace),
            row("NumNodeGroups", InPlace),
            row("Port", Replace),
            row("PreferredCacheClusterAZs", Replace),
            row("PreferredMaintenanceWindow", InPlace),
            // Create-only in the registry schema: more replicas per shard means a new group.
            row("ReplicasPerNodeGroup", Replace),
            row("ReplicationGroupDescription", InPlace),
            row("ReplicationGroupId", Replace),
            row("SecurityGroupIds", InPlace),
            row("SnapshotRetentionLimit", InPlace),
            row("SnapshotWindow", InPlace),
            row("Tags", InPlace),
            row("TransitEncryptionEnabled", InPlace),
            row("TransitEncryptionMode", InPlace),
            row("UserGroupIds", InPlace),
        ],
    },
    // Create-only as cfn-lint's registry schema has them: ServerlessCacheName, KmsKeyId,
    // SubnetIds (and SnapshotArnsToRestore, not emitted). Engine and MajorEngineVersion change in
    // place forwards only (ModifyServerlessCache: Redis OSS to Valkey, a newer major version).
    Type {
        ty: "AWS::ElastiCache::ServerlessCache",
        source: page!("aws-resource-elasticache-serverlesscache.html"),
        name: Some("ServerlessCacheName"),
        stateful: true,
        rows: &[
            row("CacheUsageLimits", InPlace),
            row("DailySnapshotTime", InPlace),
            row("Description", InPlace),
            row("Engine", Update::Conditional(Condition::Engine)),
            row(
                "MajorEngineVersion",
                Update::Conditional(Condition::EngineVersion),
            ),
            row("FinalSnapshotName", InPlace),
            row("KmsKeyId", Replace),
            row("SecurityGroupIds", InPlace),
            row("ServerlessCacheName", Replace),
            row("SnapshotRetentionLimit", InPlace),
            row("SubnetIds", Replace),
            row("Tags", InPlace),
            row("UserGroupId", InPlace),
        ],
    },
    // A datastore holds no data of its own (its members do); no property is create-only in the
    // registry schema, and a new member region or description updates in place.
    Type {
        ty: "AWS::ElastiCache::GlobalReplicationGroup",
        source: page!("aws-resource-elasticache-globalreplicationgroup.html"),
        name: Some("GlobalReplicationGroupIdSuffix"),
        stateful: false,
        rows: &[
            row("GlobalReplicationGroupDescription", InPlace),
            row("GlobalReplicationGroupIdSuffix", InPlace),
            row("Members", InPlace),
        ],
    },
    Type {
        ty: "AWS::ApplicationAutoScaling::ScalableTarget",
        source: page!("aws-resource-applicationautoscaling-scalabletarget.html"),
        name: None,
        stateful: false,
        rows: &[
            row("MaxCapacity", InPlace),
            row("MinCapacity", InPlace),
            row("ResourceId", Replace),
            row("RoleARN", InPlace),
            row("ScalableDimension", Replace),
            row("ServiceNamespace", Replace),
        ],
    },
    Type {
        ty: "AWS::ApplicationAutoScaling::ScalingPolicy",
        source: page!("aws-resource-applicationautoscaling-scalingpolicy.html"),
        name: Some("PolicyName"),
        stateful: false,
        rows: &[
            row("PolicyName", Replace),
            row("PolicyType", InPlace),
            row("ScalingTargetId", Replace),
            row("TargetTrackingScalingPolicyConfiguration", InPlace),
        ],
    },
    // Engine is updatable (ModifyUser moves a user to Valkey); cfn-lint's registry schema has
    // only UserId and UserName create-only.
    Type {
        ty: "AWS::ElastiCache::User",
        source: page!("aws-resource-elasticache-user.html"),
        name: Some("UserId"),
        stateful: false,
        rows: &[
            row("AccessString", InPlace),
            row("AuthenticationMode", InPlace),
            row("Engine", InPlace),
            row("Tags", InPlace),
            row("UserId", Replace),
            row("UserName", Replace),
        ],
    },
    Type {
        ty: "AWS::ElastiCache::UserGroup",
        source: page!("aws-resource-elasticache-usergroup.html"),
        name: Some("UserGroupId"),
        stateful: false,
        rows: &[
            row("Engine", InPlace),
            row("Tags", InPlace),
            row("UserGroupId", Replace),
            row("UserIds", InPlace),
        ],
    },
    // CacheParameterGroupFamily is create-only (cfn-lint's registry schema); a new family is a new
    // group, which the replication group then names in place.
    Type {
        ty: "AWS::ElastiCache::ParameterGroup",
        source: page!("aws-resource-elasticache-parametergroup.html"),
        name: None,
        stateful: false,
        rows: &[
            row("CacheParameterGroupFamily", Replace),
            row("Description", InPlace),
            row("Properties", InPlace),
            row("Tags", InPlace),
        ],
    },
    Type {
        // A key holds no data itself, but every snapshot encrypted with it is unreadable without
        // it: losing it loses data.
        ty: "AWS::KMS::Key",
        source: page!("aws-resource-kms-key.html"),
        name: None,
        stateful: true,
        rows: &[
            row("Description", InPlace),
            row("EnableKeyRotation", InPlace),
            row("KeyPolicy", InPlace),
            row("PendingWindowInDays", InPlace),
            row("Tags", InPlace),
        ],
    },
    Type {
        ty: "AWS::KMS::Alias",
        source: page!("aws-resource-kms-alias.html"),
        name: Some("AliasName"),
        stateful: false,
        rows: &[row("AliasName", Replace), row("TargetKeyId", InPlace)],
    },
    Type {
        ty: "AWS::Logs::LogGroup",
        source: page!("aws-resource-logs-loggroup.html"),
        name: Some("LogGroupName"),
        stateful: true,
        rows: &[
            row("LogGroupName", Replace),
            row("RetentionInDays", InPlace),
            row("Tags", InPlace),
        ],
    },
    Type {
        ty: "AWS::CloudWatch::Alarm",
        source: page!("aws-resource-cloudwatch-alarm.html"),
        name: None,
        stateful: false,
        rows: &[
            row("AlarmActions", InPlace),
            row("AlarmDescription", InPlace),
            row("ComparisonOperator", InPlace),
            row("Dimensions", InPlace),
            row("EvaluationPeriods", InPlace),
            row("MetricName", InPlace),
            row("Namespace", InPlace),
            row("OKActions", InPlace),
            row("Period", InPlace),
            row("Statistic", InPlace),
            row("Tags", InPlace),
            row("Threshold", InPlace),
            row("TreatMissingData", InPlace),
        ],
    },
    Type {
        ty: "AWS::SNS::Topic",
        source: page!("aws-resource-sns-topic.html"),
        name: None,
        stateful: false,
        rows: &[row("Subscription", InPlace), row("Tags", InPlace)],
    },
    Type {
        ty: "AWS::ElastiCache::SubnetGroup",
        source: page!("aws-resource-elasticache-subnetgroup.html"),
        name: None,
        stateful: false,
        rows: &[
            row("Description", InPlace),
            row("SubnetIds", InPlace),
            row("Tags", InPlace),
        ],
    },
    Type {
        ty: "AWS::EC2::VPC",
        source: page!("aws-resource-ec2-vpc.html"),
        name: None,
        stateful: false,
        rows: &[
            row("CidrBlock", Replace),
            row("EnableDnsHostnames", InPlace),
            row("EnableDnsSupport", InPlace),
            row("Tags", InPlace),
        ],
    },
    Type {
        ty: "AWS::EC2::Subnet",
        source: page!("aws-resource-ec2-subnet.html"),
        name: None,
        stateful: false,
        rows: &[
            row("AvailabilityZone", Replace),
            row("CidrBlock", Replace),
            row("Tags", InPlace),
            row("VpcId", Replace),
        ],
    },
    Type {
        ty: "AWS::EC2::RouteTable",
        source: page!("aws-resource-ec2-routetable.html"),
        name: None,
        stateful: false,
        rows: &[row("Tags", InPlace), row("VpcId", Replace)],
    },
    Type {
        ty: "AWS::EC2::SubnetRouteTableAssociation",
        source: page!("aws-resource-ec2-subnetroutetableassociation.html"),
        name: None,
        stateful: false,
        rows: &[row("RouteTableId", Replace), row("SubnetId", Replace)],
    },
    Type {
        ty: "AWS::EC2::SecurityGroup",
        source: page!("aws-resource-ec2-securitygroup.html"),
        name: None,
        stateful: false,
        rows: &[
            row("GroupDescription", Replace),
            row("SecurityGroupIngress", InPlace),
            row("Tags", InPlace),
            row("VpcId", Replace),
        ],
    },
    Type {
        ty: "AWS::EC2::SecurityGroupIngress",
        source: page!("aws-resource-ec2-securitygroupingress.html"),
        name: None,
        stateful: false,
        rows: &[
            row("Description", InPlace),
            row("FromPort", Replace),
            row("GroupId", Replace),
            row("IpProtocol", Replace),
            row("SourceSecurityGroupId", Replace),
            row("ToPort", Replace),
        ],
    },
    Type {
        ty: "AWS::EC2::VPCEndpoint",
        source: page!("aws-resource-ec2-vpcendpoint.html"),
        name: None,
        stateful: false,
        rows: &[
            row("PrivateDnsEnabled", InPlace),
            row("RouteTableIds", InPlace),
            row("SecurityGroupIds", InPlace),
            row("ServiceName", Replace),
            row("SubnetIds", InPlace),
            row("Tags", InPlace),
            row("VpcEndpointType", Replace),
            row("VpcId", Replace),
        ],
    },
    Type {
        // InstanceType, UserData and SecurityGroupIds stop and start an EBS-backed instance
        // (every AMI cachec looks up is EBS-backed). MetadataOptions: no interruption
        // (aws-properties-ec2-instance-metadataoptions.html).
        ty: "AWS::EC2::Instance",
        source: page!("aws-resource-ec2-instance.html"),
        name: None,
        stateful: false,
        rows: &[
            row("IamInstanceProfile", InPlace),
            row("ImageId", Replace),
            row("InstanceType", Interrupt),
            row("MetadataOptions", InPlace),
            row("SecurityGroupIds", Interrupt),
            row("SubnetId", Replace),
            row("Tags", InPlace),
            row("UserData", Interrupt),
        ],
    },
    Type {
        ty: "AWS::IAM::Role",
        source: page!("aws-resource-iam-role.html"),
        name: None,
        stateful: false,
        rows: &[
            row("AssumeRolePolicyDocument", InPlace),
            row("ManagedPolicyArns", InPlace),
            row("Policies", InPlace),
            row("Tags", InPlace),
        ],
    },
    Type {
        ty: "AWS::IAM::InstanceProfile",
        source: page!("aws-resource-iam-instanceprofile.html"),
        name: None,
        stateful: false,
        rows: &[row("Roles", InPlace)],
    },
    Type {
        ty: "AWS::Lambda::Function",
        source: page!("aws-resource-lambda-function.html"),
        name: Some("FunctionName"),
        stateful: false,
        rows: &[
            row("Architectures", InPlace),
            row("Code", InPlace),
            row("Description", InPlace),
            row("Environment", InPlace),
            row("EphemeralStorage", InPlace),
            row("FunctionName", Replace),
            row("Handler", InPlace),
            row("Layers", InPlace),
            row("MemorySize", InPlace),
            row("ReservedConcurrentExecutions", InPlace),
            row("Role", InPlace),
            row("Runtime", InPlace),
            row("Tags", InPlace),
            row("Timeout", InPlace),
            row("VpcConfig", InPlace),
        ],
    },
    Type {
        // A layer version is immutable: any change publishes a new version.
        ty: "AWS::Lambda::LayerVersion",
        source: page!("aws-resource-lambda-layerversion.html"),
        name: None,
        stateful: false,
        rows: &[
            row("CompatibleArchitectures", Replace),
            row("CompatibleRuntimes", Replace),
            row("Content", Replace),
            row("Description", Replace),
            row("LayerName", Replace),
        ],
    },
    Type {
        ty: "AWS::Lambda::Permission",
        source: page!("aws-resource-lambda-permission.html"),
        name: None,
        stateful: false,
        rows: &[
            row("Action", Replace),
            row("FunctionName", Replace),
            row("FunctionUrlAuthType", Replace),
            row("InvokedViaFunctionUrl", Replace),
            row("Principal", Replace),
        ],
    },
    Type {
        ty: "AWS::Lambda::Url",
        source: page!("aws-resource-lambda-url.html"),
        name: None,
        stateful: false,
        rows: &[row("AuthType", InPlace), row("TargetFunctionArn", Replace)],
    },
    Type {
        ty: "AWS::SSM::Parameter",
        source: page!("aws-resource-ssm-parameter.html"),
        name: Some("Name"),
        stateful: false,
        rows: &[
            row("Description", InPlace),
            row("Name", Replace),
            row("Tags", InPlace),
            row("Type", InPlace),
            row("Value", InPlace),
        ],
    },
    Type {
        ty: "AWS::CloudFormation::Stack",
        source: page!("aws-resource-cloudformation-stack.html"),
        name: None,
        stateful: false,
        rows: &[row("Parameters", InPlace), row("TemplateURL", InPlace)],
    },
    Type {
        ty: "Custom::LayerBuild",
        source: page!("aws-resource-cloudformation-customresource.html"),
        name: None,
        stateful: false,
        rows: &[
            row("Bucket", InPlace),
            row("Key", InPlace),
            row("ParameterName", InPlace),
            row("ServiceTimeout", InPlace),
            row("ServiceToken", Replace),
        ],
    },
];
