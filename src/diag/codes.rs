//! The one catalog of diagnostic codes: id, default severity, one-line title and long explanation.
//! Explanations live in `docs/codes/<ID>.md`; a code without one does not compile.

use super::Severity;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Code {
    pub id: &'static str,
    pub severity: Severity,
    pub title: &'static str,
    pub explanation: &'static str,
}

macro_rules! catalog {
    ($($id:ident $sev:ident $title:literal;)*) => {
        $(
            #[doc = $title]
            pub const $id: Code = Code {
                id: stringify!($id),
                severity: Severity::$sev,
                title: $title,
                explanation: include_str!(concat!("../../docs/codes/", stringify!($id), ".md")),
            };
        )*
        /// Every code, in catalog order.
        pub const ALL: &[Code] = &[$($id),*];
    };
}

catalog! {
    // E00xx: syntax and structure.
    E0001 Error "syntax error";
    E0002 Error "unknown declaration kind";
    E0003 Error "unknown attribute";
    E0004 Error "value of the wrong type";
    E0005 Error "missing required attribute";
    E0006 Error "attribute given twice";
    E0007 Error "name declared twice";
    E0008 Error "unknown name";
    E0009 Error "reference to the wrong kind of thing";
    E0010 Error "missing or repeated top-level declaration";
    E0011 Error "unknown attribute of a reference";
    E0012 Error "value not among the allowed ones";
    E0013 Error "source file cannot be read";
    E0014 Error "declaration needs a name";
    E0020 Error "value out of range";

    // E01xx / W01xx: replication groups.
    E0101 Error "unknown engine";
    E0102 Error "unknown engine version";
    E0103 Error "parameter group of another engine version";
    E0104 Error "cluster-mode-enabled parameter group";
    E0105 Error "unknown node type";
    E0106 Error "node type closed to new clusters";
    E0107 Error "node type needs a newer engine version";
    E0108 Error "node type without automatic failover";
    E0109 Error "data tiering and node type disagree";
    E0110 Error "replica count out of range";
    E0111 Error "replicas and replica_zones disagree";
    E0112 Error "Multi-AZ without a read replica";
    E0113 Error "Multi-AZ with automatic failover off";
    E0114 Error "automatic failover without a read replica";
    E0115 Error "node zones given in part";
    E0116 Error "node zone outside the subnet group";
    E0117 Error "Multi-AZ with every node in one zone";
    E0118 Error "invalid replication group id";
    E0119 Error "port out of range";
    E0120 Error "AUTH token without transit encryption";
    E0121 Error "AUTH token written as a literal secret";
    E0122 Error "malformed AUTH token reference";
    E0123 Error "snapshot retention out of range";
    E0124 Error "snapshots on a node type without them";
    E0125 Error "two replication groups with one id";
    W0101 Warning "engine version past standard support";
    // E017x / W017x: tags, and what a replication group shares with other stacks.
    E0170 Error "tag key empty or too long";
    E0171 Error "tag value too long";
    E0172 Error "tag key with the reserved aws: prefix";
    E0173 Error "tag with characters AWS rejects";
    E0174 Error "more than 50 tags on a resource";
    E0175 Error "malformed security group to admit";
    E0176 Error "security group admitted twice";
    W0170 Warning "tag value with the reserved aws: prefix";
    // E019x: node types against the AWS data tables (region offers, engines a type runs).
    E0190 Error "node type not offered in the stack's region";
    E0191 Error "node type runs Valkey only";

    // E0137-E0149 / W0133-W0139: backups, maintenance and encryption of replication groups.
    E0137 Error "malformed maintenance or snapshot window";
    E0138 Error "maintenance or snapshot window shorter than 60 minutes";
    E0139 Error "snapshot window overlaps the maintenance window";
    E0140 Error "KMS key without at-rest encryption";
    E0141 Error "malformed KMS key reference";
    E0142 Error "transit mode without transit encryption";
    E0143 Error "transit mode on an engine version without it";
    E0144 Error "KMS key deletion window out of range";
    E0145 Error "invalid KMS alias name";
    E0146 Error "transit mode preferred with an AUTH token";
    W0133 Warning "snapshot window without automatic backups";
    W0134 Warning "transit mode preferred admits connections without TLS";

    // E013x / W013x: parameter groups and their parameters.
    E0130 Error "unknown parameter";
    E0131 Error "parameter value of the wrong type";
    E0132 Error "parameter value not allowed";
    E0133 Error "parameter that cannot be modified";
    E0134 Error "unknown parameter group family";
    W0130 Warning "keyspace events published on no channel";
    W0131 Warning "parameter group used by no replication group";

    // E0150-E0169, W0150-W0159: logs, notifications and alarms of replication groups.
    E0150 Error "log retention not one of CloudWatch Logs' values";
    E0151 Error "log delivery on an engine version without it";
    E0152 Error "Firehose log delivery without a stream";
    E0153 Error "invalid Firehose delivery stream name";
    E0154 Error "malformed SNS topic ARN";
    E0155 Error "invalid email address for a topic";
    E0156 Error "alarm threshold out of range";
    W0150 Warning "log setting its destination ignores";
    W0151 Warning "alarms that notify no one";
    W0152 Warning "connections alarm above the node's client limit";

    // E02xx / W02xx: network.
    E0201 Error "invalid CIDR block";
    E0202 Error "CIDR block with host bits set";
    E0203 Error "CIDR block size outside /16 to /28";
    E0204 Error "subnet outside the VPC";
    E0205 Error "overlapping subnets";
    E0206 Error "zone is not a zone letter";
    E0207 Error "unknown region";
    E0208 Error "zone letter not in the region";
    E0209 Error "Multi-AZ subnet group in one zone";
    E0210 Error "subnet listed twice";
    E0211 Error "private DNS without VPC DNS";
    E0212 Error "gateway endpoint for a service without one";
    E0213 Error "interface endpoint with two subnets in one zone";
    E0214 Error "subnet group without subnets";
    W0201 Warning "zone closed to new accounts";
    W0202 Warning "unknown endpoint service";
    // E0220-E0249 / W0220-W0239: existing networks, and the paths to AWS services they provide.
    E0220 Error "malformed VPC id";
    E0221 Error "malformed subnet id";
    E0222 Error "invalid export name to import";
    E0223 Error "invalid SSM parameter name";
    E0224 Error "existing subnet in a network cachec creates";
    E0225 Error "gateway endpoint on an existing subnet";
    E0226 Error "provides on a network cachec creates";
    E0227 Error "Session Manager endpoint without private DNS";
    E0228 Error "update moves a cache to another VPC";
    W0220 Warning "overlap with an existing subnet of unknown block not checked";
    W0221 Warning "created subnets not checked against an existing VPC's block";
    W0222 Warning "private DNS in an existing VPC of unstated DNS settings";

    // E03xx, W03xx: clients (EC2 instances and Lambda functions reaching caches).
    E0301 Error "Session Manager needs the ssm, ssmmessages and ec2messages endpoints";
    E0302 Error "installing packages needs an S3 gateway endpoint";
    E0303 Error "unknown instance type";
    E0304 Error "unknown image";
    E0305 Error "image does not run on this instance type";
    E0306 Error "unknown package";
    E0307 Error "package not available on this image";
    E0308 Error "function reaches a cache without a subnet";
    E0309 Error "client reads a cache it does not connect to";
    W0301 Warning "image past its end of support";
    W0302 Warning "client cannot speak TLS to an encrypted cache";
    // E0310-E0319, W0310-W0319: instances that stay put (pinned AMIs, IMDSv2).
    E0310 Error "malformed pinned AMI";
    E0311 Error "pinned AMI parameter of another architecture";
    W0310 Warning "IMDSv2 turned off";
    // E04xx, W04xx: Lambda functions and layers.
    E0401 Error "unknown Lambda runtime";
    E0402 Error "runtime blocked for new functions";
    E0403 Error "inline code needs a Python or Node.js runtime";
    E0404 Error "handler module must be index";
    E0405 Error "handler function not found in the source";
    E0406 Error "layer built for another runtime";
    E0407 Error "layer built for another architecture";
    E0408 Error "more than 5 layers";
    E0409 Error "layer listed twice";
    E0410 Error "inline source too large";
    E0411 Error "invalid environment variable name";
    E0412 Error "reserved environment variable";
    E0413 Error "environment larger than 4 KB";
    E0414 Error "function setting out of range";
    E0415 Error "invalid function name";
    E0416 Error "invalid layer name";
    E0417 Error "invalid layer requirements";
    E0418 Error "layer runtime must be Python";
    W0401 Warning "deprecated runtime";
    // E042x, W042x: packaged function code, several subnets, and what the source requires.
    E0420 Error "function code given two ways";
    E0421 Error "function without code";
    E0422 Error "both subnet and subnets";
    E0423 Error "handler module not in the packaged code";
    E0424 Error "module syntax Lambda's Node.js runtime cannot load";
    E0425 Error "environment variable the source requires is not set";
    // E0426, W0428: Lambda's VPC config limits, and the default quota of a cache subnet group.
    E0426 Error "too many subnets for a function";
    W0428 Warning "subnet group over the default quota of subnets";
    W0420 Warning "function in one zone reaches a Multi-AZ cache";
    W0423 Warning "public function URL without a concurrency cap";
    // W0421, W0422, W0424: what the function's source does against what the program declares.
    W0421 Warning "source connects without TLS to a cache that requires it";
    W0422 Warning "source connects with TLS to a cache without it";
    W0424 Warning "environment variable the source reads is not set";

    // E0450-E0469, W0450-W0469: layers of real size (requirements files, folders).
    E0450 Error "layer with no way, or several ways, to be built";
    E0451 Error "requirement pip would refuse";
    E0452 Error "requirement line the layer builder cannot follow";
    W0450 Warning "requirement not pinned to one version";
    W0451 Warning "layer folder without its runtime's folder";
    // W05xx: security.
    W0501 Warning "function URL open to the internet";
    W0502 Warning "cache without transit encryption";
    W0503 Warning "cache open to any address";
    // E06xx: template limits.
    E0601 Error "too many resources in a template";
    E0602 Error "too many parameters in a template";
    E0603 Error "too many outputs in a template";
    E0604 Error "template body too large";
    E0605 Error "two names give the same logical id";
    E0606 Error "logical id too long";
    E0607 Error "template description too long";

    // E08xx / W08xx: the local run (`cachec up`).
    E0801 Error "secret without a usable local value";
    W0801 Warning "local engine is not the declared version";

    // E065x: programs no split of the template set fits into CloudFormation's limits.
    E0651 Error "declaration too large for one template";
    E0652 Error "root template cannot hold the nested stacks";

    // E07xx / W07xx: updates (`cachec plan`), judged on the two emitted template sets.
    E0701 Error "update deletes a stateful resource";
    E0702 Error "update replaces a stateful resource";
    E0703 Error "replacement of a resource with a fixed name";
    E0704 Error "failover turned on with the first replica";
    E0705 Error "Multi-AZ turned off while removing replicas";
    E0706 Error "TLS turned on in one update";
    E0707 Error "TLS cannot be turned on in place on this engine version";
    W0701 Warning "instance AMI looked up again at every update";
    // E071x / W071x: the outside judges' reports traced to the source (`cachec events`, `lint`).
    E0710 Error "resource failed to deploy";
    E0711 Error "cfn-lint error in the built templates";
    W0711 Warning "cfn-lint warning in the built templates";
    E0712 Error "moved from a name that is still declared";
    // E072x: cluster mode updates (`cachec plan`).
    E0720 Error "cluster mode enabled straight from disabled";
    E0721 Error "cluster mode compatible together with other changes";
    E0722 Error "cluster mode turned back";
    E0723 Error "resharding together with other changes";

    // E10xx / W10xx: cluster mode enabled and compatible (shards, slots, their parameter group).
    E1001 Error "shards without cluster mode enabled";
    E1002 Error "replicas of cluster mode disabled beside shards";
    E1003 Error "cluster mode without automatic failover";
    E1004 Error "cluster mode with a parameter group that leaves it off";
    E1005 Error "cluster parameter group of another family";
    E1006 Error "more nodes than a cluster may have";
    E1007 Error "slots outside 0-16383";
    E1008 Error "two shards hold one slot";
    E1009 Error "slots no shard holds";
    E1010 Error "shard blocks and shards disagree";
    E1011 Error "shard zone outside the subnet group";
    E1012 Error "shard replica zones and replicas disagree";
    E1013 Error "cluster mode compatible on an engine version without it";
    E1014 Error "cluster mode compatible without a replica";
    E1015 Error "endpoint the group does not have in its cluster mode";
    W1001 Warning "more nodes than the default quota";
    W1002 Warning "shards without replicas";
    W1003 Warning "slots on some shards only";

    // E09xx / W09xx: access control (RBAC users, user groups, access strings).
    E0901 Error "RBAC on an engine version without it";
    E0902 Error "user group without transit encryption";
    E0903 Error "AUTH token and user group together";
    E0904 Error "user group without a default user";
    E0905 Error "invalid user id or user name";
    E0906 Error "password not a Secrets Manager reference";
    E0907 Error "authentication and passwords disagree";
    E0908 Error "IAM user whose id is not its name";
    E0909 Error "IAM authentication before Redis OSS 7.0";
    E0910 Error "user or user group of another engine";
    E0911 Error "malformed access string rule";
    E0912 Error "unknown ACL category";
    E0913 Error "unknown command in an access string";
    E0914 Error "password rule in an access string";
    E0915 Error "two users with one user name in a group";
    W0901 Warning "default user open without credentials";

    // E0916-E0929, W0916: clients connecting as RBAC users.
    E0917 Error "client user not in the cache's user group";
    E0918 Error "client user that is off";
    E0919 Error "client password secret without a path to Secrets Manager";
    W0916 Warning "client without a user on a cache whose default user is off";

    // E103x / W103x: serverless caches.
    E1030 Error "major version serverless caches do not run";
    E1031 Error "invalid serverless cache name";
    E1032 Error "usage limit minimum above its maximum";
    E1033 Error "daily snapshot time not hh:mm";
    E1034 Error "valkey user group on a Redis OSS serverless cache";
    E1035 Error "invalid final snapshot name";
    E1036 Error "serverless cache description too long";
    W1030 Warning "serverless major version newer than cachec knows";
    W1031 Warning "two serverless subnets in one zone";
    W1032 Warning "final snapshot name without a final snapshot";
    // E105x / W105x: Global Datastore (`global` in a replication group).
    E1050 Error "unknown secondary region";
    E1051 Error "secondary region repeated or the primary's";
    E1052 Error "more than two secondary regions";
    E1053 Error "global datastore without the stack's region";
    E1054 Error "node type without Global Datastore";
    E1055 Error "engine version without Global Datastore";
    E1056 Error "zone letter missing in a secondary region";
    E1057 Error "region without Global Datastore";
    E1058 Error "China regions replicate only with each other";
    W1050 Warning "existing KMS key named in every region";

    // E107x / W106x: auto scaling (`autoscaling` in a replication group).
    E1070 Error "auto scaling without cluster mode enabled";
    E1071 Error "node type without auto scaling";
    E1072 Error "engine version without auto scaling";
    E1073 Error "auto scaling minimum above its maximum";
    E1074 Error "auto scaling in a global datastore";
    E1075 Error "auto scaling bounds incomplete";
    W1060 Warning "engine CPU target outside 35 to 70 percent";

    // E11xx / W11xx: environments (`environments = [...]` on the stack, values per environment).
    E1100 Error "value per environment without environments";
    E1101 Error "unknown environment in a value per environment";
    E1102 Error "environment without a value";
    E1103 Error "environment given twice in one value";
    E1104 Error "environment declared twice";
    E1105 Error "`default` declared as an environment";
    E1106 Error "environment name unusable in AWS names";
    E1107 Error "empty list of environments";
    E1108 Error "environments given per environment";
    E1109 Error "--env names an undeclared environment";
    E1110 Error "--env for a program without environments";
    W1100 Warning "the same value in every environment";
    W1101 Warning "a default no environment takes";
}

/// The code with this id, ignoring case (`e0001` finds `E0001`).
pub fn lookup(id: &str) -> Option<Code> {
    ALL.iter().copied().find(|c| c.id.eq_ignore_ascii_case(id))
}
