//! The names each declaration gets: its AWS name and the logical ids it becomes in the templates.
//! The emitters build templates from these and the checks read them, so the two never disagree.

use super::facts::Client;
use super::types::{AlarmMetric, Existing, LogDestination, LogType, S, Subnet, Topic, UrlAuth};
use super::types::{
    Cache, CacheAttr, ClusterMode, Endpoint, EndpointKind, Function, Instance, Layer, Model,
};
/// The prefixes of values naming things outside the program, for the emitters that resolve them.
pub use super::types::{IMPORT, SSM};
use super::types::{KmsKey, Serverless, ServerlessAttr, User};

/// The UserId of a user: written, else its AWS name lowercased (AWS stores user ids lowercased).
/// Source: ElastiCache API `CreateUser` (UserId).
/// The folder of the output set that holds what becomes a packaged function's zip.
pub const CODE_FOLDER: &str = "code";

/// Where a packaged function's files go, relative to the templates that name it in `Code`.
pub fn code_folder(function: &str) -> String {
    format!("{CODE_FOLDER}/{function}")
}

pub fn user_id(stack: &str, user: &User) -> String {
    user.user_id.as_ref().map_or_else(
        || aws_name(stack, &user.name.value).to_ascii_lowercase(),
        |id| id.value.to_ascii_lowercase(),
    )
}

/// The UserGroupId of a user group: its AWS name, lowercased.
pub fn user_group_name(stack: &str, name: &str) -> String {
    aws_name(stack, name).to_ascii_lowercase()
}

/// `cache_a` -> `CacheA`: logical ids allow only letters and digits.
pub fn pascal(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    push_pascal(&mut out, name);
    out
}

/// [`pascal`] appended to `out`: one buffer, since every logical id of every declaration is
/// made this way (checks and emission both ask for them).
fn push_pascal(out: &mut String, name: &str) {
    for part in name
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|part| !part.is_empty())
    {
        let mut chars = part.chars();
        if let Some(first) = chars.next() {
            out.push(first.to_ascii_uppercase());
            out.push_str(chars.as_str());
        }
    }
}

/// `shop` + `pre_prod` -> `shop-pre-prod`: the stack name an environment builds under, which
/// prefixes every AWS name of that environment, so environments deploy side by side.
pub fn env_stack_name(stack: &str, env: &str) -> String {
    aws_name(stack, env)
}

/// `fa-063` + `cache_a` -> `fa-063-cache-a`: the AWS name of a declared thing.
pub fn aws_name(stack: &str, name: &str) -> String {
    format!("{stack}-{}", name.replace('_', "-"))
}

/// The root parameter of a secondary region's template set that takes the Global Datastore's
/// id, and the primary's root output that gives it.
pub fn global_parameter_id(cache: &str) -> String {
    id(cache, "GlobalReplicationGroupId")
}

/// The ReplicationGroupId of a cache: its AWS name, lowercased as AWS stores it.
pub fn replication_group_name(stack: &str, name: &str) -> String {
    aws_name(stack, name).to_ascii_lowercase()
}

fn id(name: &str, suffix: &str) -> String {
    let mut out = String::with_capacity(name.len() + suffix.len());
    push_pascal(&mut out, name);
    out.push_str(suffix);
    out
}

pub fn subnet_id(name: &str) -> String {
    id(name, "Subnet")
}

pub fn route_table_id(name: &str) -> String {
    id(name, "RouteTable")
}

/// The security group of a cache, a client, or (by [`endpoint_group_name`]) an endpoint.
pub fn security_group_id(name: &str) -> String {
    id(name, "SecurityGroup")
}

/// Endpoint groups get their own name space: `ssm` the endpoint, `ssm_endpoint` its group.
pub fn endpoint_group_name(name: &str) -> String {
    format!("{name}_endpoint")
}

pub fn endpoint_id(name: &str) -> String {
    id(name, "Endpoint")
}

/// The logical id of a declared parameter group.
pub fn parameter_group_id(name: &str) -> String {
    id(name, "ParameterGroup")
}

pub fn replication_group_id(name: &str) -> String {
    id(name, "ReplicationGroup")
}

pub fn user_logical_id(name: &str) -> String {
    id(name, "User")
}

pub fn user_group_id(name: &str) -> String {
    id(name, "UserGroup")
}

pub fn layer_id(name: &str) -> String {
    id(name, "Layer")
}

/// The HTTPS rule that lets `client` into the security group of interface endpoint `endpoint`.
pub fn endpoint_ingress_id(client: &str, endpoint: &str) -> String {
    format!(
        "{}{}Ingress",
        pascal(client),
        pascal(&endpoint_group_name(endpoint))
    )
}

/// The name under which a nested template hands `!GetAtt id.attribute` to another template.
pub fn export_id(id: &str, attribute: &str) -> String {
    format!("{id}{}", attribute.replace('.', ""))
}

/// The replication group attribute a cache attribute reads, and the suffix of its root output.
pub fn cache_attr(attr: CacheAttr) -> (&'static str, &'static str) {
    match attr {
        CacheAttr::PrimaryAddress => ("PrimaryEndPoint.Address", "PrimaryAddress"),
        CacheAttr::ReaderAddress => ("ReaderEndPoint.Address", "ReaderAddress"),
        CacheAttr::Port => ("PrimaryEndPoint.Port", "Port"),
        CacheAttr::ConfigurationAddress => {
            ("ConfigurationEndPoint.Address", "ConfigurationAddress")
        }
        CacheAttr::ConfigurationPort => ("ConfigurationEndPoint.Port", "ConfigurationPort"),
    }
}

/// The endpoints a group publishes as root outputs: a sharded group has only its configuration
/// endpoint (ConfigurationEndPoint exists for cluster mode enabled alone, PrimaryEndPoint and
/// ReaderEndPoint for the other modes). Source: CloudFormation `AWS::ElastiCache::ReplicationGroup`
/// return values.
pub fn endpoints(cache: &Cache) -> &'static [CacheAttr] {
    match cache.sharded() {
        true => &[CacheAttr::ConfigurationAddress],
        false => &[CacheAttr::PrimaryAddress, CacheAttr::ReaderAddress],
    }
}

/// The attributes a group has: a sharded group its configuration endpoint alone, a compatible one
/// both kinds of endpoint, a group with cluster mode disabled its primary and reader endpoints.
/// Source: CloudFormation `AWS::ElastiCache::ReplicationGroup` return values (ConfigurationEndPoint
/// is for cluster mode enabled); ElastiCache "Modifying cluster mode" (compatible mode serves
/// clients of either protocol, cluster clients through the configuration endpoint).
pub fn readable(cache: &Cache) -> &'static [CacheAttr] {
    use CacheAttr::*;
    match (cache.sharded(), cache.cluster_mode()) {
        (true, _) => &[ConfigurationAddress, ConfigurationPort],
        (false, ClusterMode::Disabled) => &[PrimaryAddress, ReaderAddress, Port],
        (false, _) => &[
            PrimaryAddress,
            ReaderAddress,
            Port,
            ConfigurationAddress,
            ConfigurationPort,
        ],
    }
}

/// The attribute that holds the port clients use.
pub fn port_attr(cache: &Cache) -> CacheAttr {
    match cache.sharded() {
        true => CacheAttr::ConfigurationPort,
        false => CacheAttr::Port,
    }
}

/// What `export = true` shares with other stacks, as the suffix of the root output id and of the
/// export name: the two endpoint addresses, the port and the cache's security group id.
pub const SHARED: [&str; 4] = ["PrimaryAddress", "ReaderAddress", "Port", "SecurityGroupId"];

/// `production` + `sessions` + `Port` -> `production-sessions-Port`, the name other stacks pass
/// to `Fn::ImportValue`: letters, digits and hyphens only, unique per account and region.
pub fn export_name(stack: &str, cache: &str, what: &str) -> String {
    format!("{}-{what}", aws_name(stack, cache))
}

/// The CacheClusterId of each node of a group with cluster mode disabled: `<group id>-001`,
/// `-002`, ... Source: ElastiCache user guide, "Finding connection endpoints" (node ids).
pub fn node_ids(group: &str, nodes: i64) -> Vec<String> {
    (1..=nodes.max(1))
        .map(|n| format!("{group}-{n:03}"))
        .collect()
}

/// The CacheClusterId of each node of a sharded group: `<group id>-<NodeGroupId>-<node>`, shard by
/// shard (`-0001-001`, `-0001-002`, `-0002-001`, ...). Source: ElastiCache user guide, "Finding
/// connection endpoints" (node ids of cluster mode enabled).
pub fn shard_node_ids(group: &str, shards: i64, nodes_per_shard: i64) -> Vec<String> {
    (1..=shards.max(1))
        .flat_map(|s| {
            (1..=nodes_per_shard.max(1))
                .map(move |n| format!("{group}-{}-{n:03}", node_group_id(s)))
        })
        .collect()
}

/// The NodeGroupId of the `n`th shard (1-based): four digits, as ElastiCache numbers them.
/// Source: CloudFormation `NodeGroupConfiguration` (NodeGroupId: 1 to 4 digits).
pub fn node_group_id(n: i64) -> String {
    format!("{n:04}")
}

/// Every node's CacheClusterId, for either layout.
pub fn cache_node_ids(group: &str, cache: &Cache) -> Vec<String> {
    match cache.sharded() {
        true => shard_node_ids(group, cache.shard_count(), 1 + cache.replica_count()),
        false => node_ids(group, cache.node_count()),
    }
}

/// The CloudWatch Logs group a log of replication group `group` is delivered to.
pub fn log_group_name(group: &str, log: LogType) -> String {
    format!("/aws/elasticache/{group}/{}", log.log_type())
}

fn log_group_id(name: &str, log: LogType) -> String {
    match log {
        LogType::Slow => id(name, "SlowLogGroup"),
        LogType::Engine => id(name, "EngineLogGroup"),
    }
}

fn alarm_id(name: &str, node: usize, metric: AlarmMetric) -> String {
    let metric = match metric {
        AlarmMetric::Cpu => "Cpu",
        AlarmMetric::Memory => "Memory",
        AlarmMetric::Evictions => "Evictions",
        AlarmMetric::Connections => "Connections",
        AlarmMetric::Swap => "Swap",
        AlarmMetric::ReplicationLag => "ReplicationLag",
    };
    id(name, &format!("Node{:03}{metric}Alarm", node + 1))
}

pub fn topic_id(name: &str) -> String {
    id(name, "Topic")
}

/// The attribute of an `AWS::Lambda::Url` that holds the URL.
pub const FUNCTION_URL: &str = "FunctionUrl";

/// Resources and parameters share one name space in a template; outputs have their own.
/// Exports are the outputs and parameters that carry a value from one nested template to another.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Space {
    Resource,
    Output,
    Export,
}

/// The parameter that reads an existing VPC's id from SSM (`existing = "ssm:/name"`).
pub const VPC_ID_PARAMETER: &str = "VpcIdParameter";

pub struct SubnetIds {
    pub subnet: String,
    pub route_table: String,
    pub association: String,
    /// The parameter that reads an existing subnet's id from SSM.
    pub parameter: String,
}

impl SubnetIds {
    pub fn of(subnet: &Subnet) -> Self {
        let name = &subnet.name.value;
        SubnetIds {
            subnet: subnet_id(name),
            route_table: route_table_id(name),
            association: id(name, "RouteTableAssociation"),
            parameter: id(name, "SubnetIdParameter"),
        }
    }

    /// What the subnet is emitted as: its resources when cachec creates it, the SSM parameter
    /// when it exists and SSM holds its id, nothing when the id or an import names it.
    fn list(self, subnet: &Subnet) -> Vec<(Space, String)> {
        let SubnetIds {
            subnet: id,
            route_table,
            association,
            parameter,
        } = self;
        match subnet.existing.as_ref().map(|e| Existing::of(&e.value)) {
            None => resources([id, route_table, association]),
            Some(Existing::Ssm(_)) => resources([parameter]),
            Some(Existing::Id(_) | Existing::Import(_)) => Vec::new(),
        }
    }
}

pub struct EndpointIds {
    pub endpoint: String,
    /// Interface endpoints only.
    pub security_group: Option<String>,
}

impl EndpointIds {
    pub fn of(endpoint: &Endpoint) -> Self {
        let name = &endpoint.name.value;
        EndpointIds {
            endpoint: endpoint_id(name),
            security_group: (endpoint.kind.value == EndpointKind::Interface)
                .then(|| security_group_id(&endpoint_group_name(name))),
        }
    }

    fn list(self) -> Vec<(Space, String)> {
        let EndpointIds {
            endpoint,
            security_group,
        } = self;
        resources([Some(endpoint), security_group].into_iter().flatten())
    }
}

pub struct CacheIds {
    pub subnet_group: String,
    pub replication_group: String,
    pub security_group: String,
    /// The CloudWatch Logs groups of logs delivered there, with their log.
    pub log_groups: Vec<(LogType, String)>,
    /// Per node (0 is `-001`), one alarm per metric.
    pub alarms: Vec<Vec<(AlarmMetric, String)>>,
    /// The root outputs, with the attribute each reads.
    pub outputs: Vec<(CacheAttr, String)>,
    /// With `export = true`, the root outputs of the port and the security group id.
    pub port_output: Option<String>,
    pub security_group_output: Option<String>,
    /// The attributes other templates may read, each exported from the cache template.
    pub readable: &'static [CacheAttr],
    /// With `global`, the Global Datastore and the root output of its id, which the secondary
    /// regions' templates take as the parameter of the same name.
    pub global_group: Option<String>,
    pub global_output: Option<String>,
    /// With `autoscaling`, per dimension scaled: its word, the scalable target and the policy.
    pub scaling: Vec<(&'static str, String, String)>,
}

impl CacheIds {
    pub fn of(cache: &Cache) -> Self {
        let name = &cache.name.value;
        CacheIds {
            subnet_group: id(name, "SubnetGroup"),
            replication_group: replication_group_id(name),
            security_group: security_group_id(name),
            log_groups: cache
                .logs
                .iter()
                .filter(|l| l.to() == LogDestination::Cloudwatch)
                .map(|l| (l.log, log_group_id(name, l.log)))
                .collect(),
            alarms: {
                let metrics = cache.alarm_metrics();
                (0..cache.node_count() as usize)
                    .map(|node| {
                        metrics
                            .iter()
                            .map(|&m| (m, alarm_id(name, node, m)))
                            .collect()
                    })
                    .collect()
            },
            outputs: endpoints(cache)
                .iter()
                .map(|&attr| (attr, id(name, cache_attr(attr).1)))
                .collect(),
            port_output: cache.export().then(|| id(name, "Port")),
            security_group_output: cache.export().then(|| id(name, "SecurityGroupId")),
            readable: readable(cache),
            global_group: cache
                .global
                .as_ref()
                .map(|_| id(name, "GlobalReplicationGroup")),
            global_output: cache.global.as_ref().map(|_| global_parameter_id(name)),
            scaling: cache.autoscaling.as_ref().map_or_else(Vec::new, |a| {
                [
                    ("replicas", a.replicas.is_some()),
                    ("shards", a.shards.is_some()),
                ]
                .into_iter()
                .filter(|(_, on)| *on)
                .map(|(what, _)| {
                    let dimension = if what == "replicas" {
                        "Replicas"
                    } else {
                        "Shards"
                    };
                    (
                        what,
                        id(name, &format!("{dimension}ScalableTarget")),
                        id(name, &format!("{dimension}ScalingPolicy")),
                    )
                })
                .collect()
            }),
        }
    }

    fn list(self) -> Vec<(Space, String)> {
        let CacheIds {
            subnet_group,
            replication_group,
            security_group,
            log_groups,
            alarms,
            outputs,
            port_output,
            security_group_output,
            readable,
            global_group,
            global_output,
            scaling,
        } = self;
        let exports: Vec<(Space, String)> = readable
            .iter()
            .map(|&attr| {
                (
                    Space::Export,
                    export_id(&replication_group, cache_attr(attr).0),
                )
            })
            .collect();
        // An exported group id travels from the network template to the root.
        let group_export = security_group_output
            .is_some()
            .then(|| (Space::Export, export_id(&security_group, "GroupId")));
        let mut out = resources([subnet_group, replication_group, security_group]);
        out.extend(resources(log_groups.into_iter().map(|(_, id)| id)));
        out.extend(resources(alarms.into_iter().flatten().map(|(_, id)| id)));
        out.extend(resources(global_group));
        out.extend(resources(
            scaling
                .into_iter()
                .flat_map(|(_, target, policy)| [target, policy]),
        ));
        out.extend(global_output.map(|o| (Space::Output, o)));
        out.extend(outputs.into_iter().map(|(_, o)| (Space::Output, o)));
        out.extend(
            [port_output, security_group_output]
                .into_iter()
                .flatten()
                .map(|o| (Space::Output, o)),
        );
        out.extend(exports);
        out.extend(group_export);
        out
    }
}

/// The ServerlessCacheName of a serverless cache: its AWS name, lowercased as AWS stores it.
/// Source: ElastiCache API reference, CreateServerlessCache (ServerlessCacheName).
pub fn serverless_cache_name(stack: &str, name: &str) -> String {
    aws_name(stack, name).to_ascii_lowercase()
}

/// The FinalSnapshotName a serverless cache gets unless `final_snapshot` names one.
pub fn final_snapshot_name(stack: &str, cache: &Serverless) -> String {
    cache.final_snapshot.as_ref().map_or_else(
        || format!("{}-final", serverless_cache_name(stack, &cache.name.value)),
        |n| n.value.clone(),
    )
}

pub fn serverless_id(name: &str) -> String {
    id(name, "ServerlessCache")
}

/// The serverless cache attribute a serverless attribute reads, and the suffix of its root output.
pub fn serverless_attr(attr: ServerlessAttr) -> (&'static str, &'static str) {
    match attr {
        ServerlessAttr::Address => ("Endpoint.Address", "Address"),
        ServerlessAttr::ReaderAddress => ("ReaderEndpoint.Address", "ReaderAddress"),
        ServerlessAttr::Port => ("Endpoint.Port", "Port"),
        ServerlessAttr::ReaderPort => ("ReaderEndpoint.Port", "ReaderPort"),
    }
}

pub struct ServerlessIds {
    pub cache: String,
    pub security_group: String,
    /// The root outputs, with the attribute each reads: the four with `export = true`, else the
    /// two addresses.
    pub outputs: Vec<(ServerlessAttr, String)>,
    /// With `export = true`, the root output of the security group id.
    pub security_group_output: Option<String>,
}

impl ServerlessIds {
    pub const ATTRS: [ServerlessAttr; 4] = [
        ServerlessAttr::Address,
        ServerlessAttr::ReaderAddress,
        ServerlessAttr::Port,
        ServerlessAttr::ReaderPort,
    ];

    pub fn of(cache: &Serverless) -> Self {
        let name = &cache.name.value;
        let shown = if cache.export() { 4 } else { 2 };
        ServerlessIds {
            cache: serverless_id(name),
            security_group: security_group_id(name),
            outputs: Self::ATTRS
                .into_iter()
                .take(shown)
                .map(|attr| (attr, id(name, serverless_attr(attr).1)))
                .collect(),
            security_group_output: cache.export().then(|| id(name, "SecurityGroupId")),
        }
    }

    fn list(self) -> Vec<(Space, String)> {
        let ServerlessIds {
            cache,
            security_group,
            outputs,
            security_group_output,
        } = self;
        let exports =
            Self::ATTRS.map(|attr| (Space::Export, export_id(&cache, serverless_attr(attr).0)));
        let group_export = security_group_output
            .is_some()
            .then(|| (Space::Export, export_id(&security_group, "GroupId")));
        let mut out = resources([cache, security_group]);
        out.extend(outputs.into_iter().map(|(_, o)| (Space::Output, o)));
        out.extend(security_group_output.map(|o| (Space::Output, o)));
        out.extend(exports);
        out.extend(group_export);
        out
    }
}

pub struct TopicIds {
    pub topic: String,
}

impl TopicIds {
    pub fn of(topic: &Topic) -> Self {
        TopicIds {
            topic: topic_id(&topic.name.value),
        }
    }

    fn list(self) -> Vec<(Space, String)> {
        resources([self.topic])
    }
}

pub struct LayerIds {
    /// What builds the layer at deploy time; none for a layer packaged from a folder.
    pub build: Option<LayerBuildIds>,
    pub layer: String,
}

/// The requirements parameter, the builder function and its role, and the build it runs.
pub struct LayerBuildIds {
    pub requirements: String,
    pub builder_role: String,
    pub builder: String,
    pub build: String,
}

impl LayerIds {
    pub fn of(layer: &Layer) -> Self {
        let name = &layer.name.value;
        LayerIds {
            build: layer.built().then(|| LayerBuildIds {
                requirements: id(name, "Requirements"),
                builder_role: id(name, "BuilderRole"),
                builder: id(name, "Builder"),
                build: id(name, "Build"),
            }),
            layer: layer_id(name),
        }
    }

    fn list(self) -> Vec<(Space, String)> {
        let LayerIds { build, layer } = self;
        let mut out = Vec::new();
        if let Some(LayerBuildIds {
            requirements,
            builder_role,
            builder,
            build,
        }) = build
        {
            out.extend(resources([requirements, builder_role, builder, build]));
        }
        out.extend(resources([layer]));
        out
    }
}

/// The role and profile of an instance reached over Session Manager.
pub struct SessionIds {
    pub role: String,
    pub profile: String,
}

pub struct InstanceIds {
    /// The template parameter that looks the latest AMI up; none for a pinned AMI.
    pub image: Option<String>,
    pub instance: String,
    pub security_group: String,
    pub session: Option<SessionIds>,
}

impl InstanceIds {
    pub fn of(instance: &Instance) -> Self {
        let name = &instance.name.value;
        InstanceIds {
            image: instance.ami.is_none().then(|| id(name, "ImageId")),
            instance: id(name, "Instance"),
            security_group: security_group_id(name),
            session: instance.session_manager().then(|| SessionIds {
                role: id(name, "Role"),
                profile: id(name, "InstanceProfile"),
            }),
        }
    }

    fn list(self) -> Vec<(Space, String)> {
        let InstanceIds {
            image,
            instance,
            security_group,
            session,
        } = self;
        let mut out = resources(image.into_iter().chain([instance, security_group]));
        if let Some(SessionIds { role, profile }) = session {
            out.extend(resources([role, profile]));
        }
        out
    }
}

/// A function URL, and for a public one the two permissions it needs.
pub struct UrlIds {
    pub url: String,
    pub output: String,
    pub public: Option<(String, String)>,
}

pub struct FunctionIds {
    pub role: String,
    pub function: String,
    /// Functions in a subnet only.
    pub security_group: Option<String>,
    pub url: Option<UrlIds>,
}

impl FunctionIds {
    pub fn of(function: &Function) -> Self {
        let name = &function.name.value;
        FunctionIds {
            role: id(name, "Role"),
            function: id(name, "Function"),
            security_group: function.subnet().map(|_| security_group_id(name)),
            url: function.url.as_ref().map(|auth| UrlIds {
                url: id(name, "Url"),
                output: id(name, "Url"),
                public: (auth.value == UrlAuth::Public)
                    .then(|| (id(name, "UrlPermission"), id(name, "InvokePermission"))),
            }),
        }
    }

    fn list(self) -> Vec<(Space, String)> {
        let FunctionIds {
            role,
            function,
            security_group,
            url,
        } = self;
        let mut out = resources(
            [Some(role), Some(function), security_group]
                .into_iter()
                .flatten(),
        );
        if let Some(UrlIds {
            url,
            output,
            public,
        }) = url
        {
            out.push((Space::Export, export_id(&url, FUNCTION_URL)));
            out.push((Space::Resource, url));
            out.push((Space::Output, output));
            if let Some((url_permission, invoke_permission)) = public {
                out.extend(resources([url_permission, invoke_permission]));
            }
        }
        out
    }
}

/// The logical id of a declared KMS key, which a replication group's `KmsKeyId` reads.
pub fn kms_key_id(name: &str) -> String {
    id(name, "Key")
}

pub struct KmsKeyIds {
    pub key: String,
    /// With `alias` only.
    pub alias: Option<String>,
}

impl KmsKeyIds {
    pub fn of(key: &KmsKey) -> Self {
        let name = &key.name.value;
        KmsKeyIds {
            key: kms_key_id(name),
            alias: key.alias.as_ref().map(|_| id(name, "KeyAlias")),
        }
    }

    fn list(self) -> Vec<(Space, String)> {
        let KmsKeyIds { key, alias } = self;
        resources([Some(key), alias].into_iter().flatten())
    }
}

fn resources(ids: impl IntoIterator<Item = String>) -> Vec<(Space, String)> {
    ids.into_iter().map(|id| (Space::Resource, id)).collect()
}

/// One declaration and the ids it is emitted as.
pub struct Declared<'m> {
    pub name: &'m S<String>,
    pub ids: Vec<(Space, String)>,
}

/// Every declaration's ids, in source order.
pub fn all(model: &Model) -> Vec<Declared<'_>> {
    let mut out = Vec::new();
    for s in &model.network.subnets {
        out.push(Declared {
            name: &s.name,
            ids: SubnetIds::of(s).list(s),
        });
    }
    for e in &model.network.endpoints {
        out.push(Declared {
            name: &e.name,
            ids: EndpointIds::of(e).list(),
        });
    }
    for c in &model.caches {
        out.push(Declared {
            name: &c.name,
            ids: CacheIds::of(c).list(),
        });
    }
    for c in &model.serverless {
        out.push(Declared {
            name: &c.name,
            ids: ServerlessIds::of(c).list(),
        });
    }
    for k in &model.kms_keys {
        out.push(Declared {
            name: &k.name,
            ids: KmsKeyIds::of(k).list(),
        });
    }
    for g in &model.parameter_groups {
        out.push(Declared {
            name: &g.name,
            ids: resources([parameter_group_id(&g.name.value)]),
        });
    }
    for u in &model.users {
        out.push(Declared {
            name: &u.name,
            ids: resources([user_logical_id(&u.name.value)]),
        });
    }
    for g in &model.user_groups {
        out.push(Declared {
            name: &g.name,
            ids: resources([user_group_id(&g.name.value)]),
        });
    }
    for t in &model.topics {
        out.push(Declared {
            name: &t.name,
            ids: TopicIds::of(t).list(),
        });
    }
    for l in &model.layers {
        out.push(Declared {
            name: &l.name,
            ids: LayerIds::of(l).list(),
        });
    }
    for client in model.clients() {
        let mut ids = match client {
            Client::Instance(i) => InstanceIds::of(i).list(),
            Client::Function(f) => FunctionIds::of(f).list(),
        };
        let subnets = client.subnets();
        if !subnets.is_empty() {
            ids.extend(
                model
                    .network
                    .endpoints
                    .iter()
                    .filter(|e| e.kind.value == EndpointKind::Interface)
                    .filter(|e| {
                        e.subnets
                            .iter()
                            .any(|s| subnets.iter().any(|c| c.index == s.index))
                    })
                    .map(|e| {
                        let id = endpoint_ingress_id(&client.name().value, &e.name.value);
                        (Space::Resource, id)
                    }),
            );
        }
        out.push(Declared {
            name: client.name(),
            ids,
        });
    }
    out.sort_by_key(|d| d.name.span);
    out
}

/// The environment variables `user = NAME` gives a function: the user name, and the Secrets
/// Manager secret of its password when it has one.
pub fn user_variables(user: &User) -> Vec<(&'static str, String)> {
    let mut vars = vec![("CACHE_USER", user.user_name().value.clone())];
    if let Some(secret) = user.password_secret() {
        vars.push(("CACHE_PASSWORD_SECRET", secret.to_string()));
    }
    vars
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names() {
        assert_eq!(pascal("cache_a"), "CacheA");
        assert_eq!(pascal("ssmmessages"), "Ssmmessages");
        assert_eq!(aws_name("fa-063", "cache_a"), "fa-063-cache-a");
        assert_eq!(replication_group_name("Fa", "Cache_A"), "fa-cache-a");
        assert_eq!(
            node_ids("p-cache", 3),
            ["p-cache-001", "p-cache-002", "p-cache-003"]
        );
        assert_eq!(
            log_group_name("p-cache", LogType::Slow),
            "/aws/elasticache/p-cache/slow-log"
        );
        assert_eq!(
            alarm_id("cache", 1, AlarmMetric::ReplicationLag),
            "CacheNode002ReplicationLagAlarm"
        );
        assert_eq!(
            endpoint_ingress_id("probe", "ssm"),
            "ProbeSsmEndpointIngress"
        );
        assert_eq!(
            export_id("CacheReplicationGroup", "PrimaryEndPoint.Address"),
            "CacheReplicationGroupPrimaryEndPointAddress"
        );
    }
}
