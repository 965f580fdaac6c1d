//! What `cachec up` starts, derived from a checked model as plain data: per replication group its
//! engine, port, TLS and AUTH settings, and one loopback address per node.

use std::net::Ipv4Addr;

use crate::model::{Cache, CacheAttr, EnvValue, Function, Model};

/// The engine program a group runs on, as ElastiCache does for its `Engine` value.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Engine {
    Redis,
    Valkey,
}

impl Engine {
    /// `engine = "..."` of a checked program is `redis` or `valkey` (ElastiCache's two
    /// replication-group engines).
    fn of(cache: &Cache) -> Engine {
        if cache.engine.value.eq_ignore_ascii_case("valkey") {
            Engine::Valkey
        } else {
            Engine::Redis
        }
    }

    pub fn server(self) -> &'static str {
        match self {
            Engine::Redis => "redis-server",
            Engine::Valkey => "valkey-server",
        }
    }

    pub fn cli(self) -> &'static str {
        match self {
            Engine::Redis => "redis-cli",
            Engine::Valkey => "valkey-cli",
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Engine::Redis => "redis",
            Engine::Valkey => "valkey",
        }
    }

    pub fn parse(text: &str) -> Option<Engine> {
        match text {
            "redis" => Some(Engine::Redis),
            "valkey" => Some(Engine::Valkey),
            _ => None,
        }
    }

    /// What to do when the server program is missing.
    pub fn install_hint(self) -> &'static str {
        match self {
            Engine::Redis => {
                "install it with `apt-get install redis-server` (or scripts/setup-tools)"
            }
            Engine::Valkey => {
                "install it with `apt-get install -t bookworm-backports valkey-server` on Debian 12, \
                 `apt-get install valkey-server` on later releases (or scripts/setup-tools)"
            }
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    Primary,
    Replica,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Node {
    /// ElastiCache's member cluster id: the group's name and a three-digit number.
    pub name: String,
    pub address: Ipv4Addr,
    pub role: Role,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Group {
    pub name: String,
    pub engine: Engine,
    /// The declared `engine_version`, compared with the local server's.
    pub version: String,
    pub port: u16,
    pub tls: bool,
    /// The reference written in `auth_token` (`ssm:...` or `secretsmanager:...`), never a value.
    pub auth: Option<String>,
    /// The primary first, then the replicas in declaration order.
    pub nodes: Vec<Node>,
}

impl Group {
    pub fn primary(&self) -> Option<&Node> {
        self.nodes.iter().find(|n| n.role == Role::Primary)
    }

    /// The reader endpoint: ElastiCache's is a DNS record that resolves round-robin to one of the
    /// replicas (ElastiCache user guide, "Finding replication group endpoints"), and to the only
    /// node of a group without replicas; locally it is the first replica, or the primary.
    pub fn reader(&self) -> Option<&Node> {
        self.nodes
            .iter()
            .find(|n| n.role == Role::Replica)
            .or_else(|| self.primary())
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Plan {
    pub groups: Vec<Group>,
}

/// Loopback addresses are handed out in program order, one per node, from 127.0.0.1 on.
const FIRST_HOST: u8 = 1;

/// Why a plan cannot be made: more nodes than 127.0.0.x has addresses.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TooManyNodes(pub usize);

pub fn plan(model: &Model) -> Result<Plan, TooManyNodes> {
    let total: usize = model
        .caches
        .iter()
        .map(|c| 1 + usize::try_from(c.replica_count()).unwrap_or(0))
        .sum();
    if total > usize::from(u8::MAX - FIRST_HOST) {
        return Err(TooManyNodes(total));
    }
    let mut next = FIRST_HOST;
    let mut groups = Vec::with_capacity(model.caches.len());
    for cache in &model.caches {
        let count = 1 + usize::try_from(cache.replica_count()).unwrap_or(0);
        let mut nodes = Vec::with_capacity(count);
        for i in 0..count {
            nodes.push(Node {
                name: format!("{}-{:03}", cache.name.value, i + 1),
                address: Ipv4Addr::new(127, 0, 0, next),
                role: if i == 0 { Role::Primary } else { Role::Replica },
            });
            next = next.saturating_add(1);
        }
        groups.push(Group {
            name: cache.name.value.clone(),
            engine: Engine::of(cache),
            version: cache.engine_version.value.clone(),
            // A checked program's port is within 1..=65535.
            port: u16::try_from(cache.port()).unwrap_or(0),
            tls: cache.transit_encryption(),
            auth: cache.auth_token.as_ref().map(|t| t.value.clone()),
            nodes,
        });
    }
    Ok(Plan { groups })
}

/// The endpoints of one running group, as the environment of a function reads them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Endpoints {
    pub primary: String,
    pub reader: String,
    pub port: u16,
}

/// A function's environment with each `cache.attribute` replaced by the local endpoint;
/// `endpoints` answers for a group by name. The first group it cannot answer for is the error.
pub fn environment<'a>(
    model: &Model,
    function: &Function,
    endpoints: impl Fn(&str) -> Option<&'a Endpoints>,
) -> Result<Vec<(String, String)>, String> {
    let mut vars = Vec::with_capacity(function.environment.len());
    for var in &function.environment {
        let value = match &var.value.value {
            EnvValue::Text(text) => text.clone(),
            EnvValue::Cache { cache, attr } => {
                let name = model
                    .caches
                    .get(cache.index)
                    .map_or(cache.name.value.as_str(), |c| c.name.value.as_str());
                let e = endpoints(name).ok_or_else(|| name.to_string())?;
                match attr {
                    CacheAttr::PrimaryAddress | CacheAttr::ConfigurationAddress => {
                        e.primary.clone()
                    }
                    CacheAttr::ReaderAddress => e.reader.clone(),
                    CacheAttr::Port | CacheAttr::ConfigurationPort => e.port.to_string(),
                }
            }
            // `up` starts no serverless cache: the cache is the one it cannot answer for.
            EnvValue::Serverless { cache, .. } => return Err(cache.name.value.clone()),
        };
        vars.push((var.key.value.clone(), value));
    }
    Ok(vars)
}
