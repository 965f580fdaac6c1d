//! Seeded generator of valid `.cache` programs of any size, for tests and benchmarks.
//! Same seed, same program, on every machine; it varies every construct the language has.

use std::fmt::Write;

use indexmap::IndexMap;

use crate::aws::engines::{self, Version, default_parameter_group};
use crate::aws::monitoring::{ENGINE_LOG_REDIS, LOG_RETENTION_DAYS, SLOW_LOG_REDIS};
use crate::aws::node_types;
use crate::aws::parameters;
use crate::aws::quotas::{READ_REPLICAS, WINDOW_DAYS};
use crate::aws::{autoscaling, global, regions};
use crate::model::schema::{Kind, Ty};
use crate::model::{Arch, LogFormat, OnDelete, ShardMetric, SourceLoader, TransitMode};
use crate::words::Word;

/// A generated program and the function sources it names.
#[derive(Debug, Clone)]
pub struct Generated {
    pub source: String,
    pub files: IndexMap<String, String>,
}

impl SourceLoader for Generated {
    fn load(&self, path: &str) -> Result<String, String> {
        self.files
            .get(path)
            .cloned()
            .ok_or_else(|| "no such generated file".to_string())
    }

    fn list(&self, dir: &str) -> Result<Vec<String>, String> {
        let prefix = format!("{dir}/");
        let mut found: Vec<String> = self
            .files
            .keys()
            .filter_map(|k| k.strip_prefix(&prefix).map(str::to_string))
            .collect();
        found.sort();
        Ok(found)
    }
}

/// splitmix64: tiny, fast and good enough to vary programs; no dependency needed.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        let i = self.below(items.len());
        // `below` keeps i < len for every non-empty slice passed here.
        #[allow(clippy::indexing_slicing)]
        &items[i]
    }

    fn chance(&mut self, percent: u64) -> bool {
        self.next() % 100 < percent
    }
}

/// Regions with three zone letters every account gets (ap-northeast-1b and ca-central-1c are not
/// offered to new accounts).
const REGIONS: &[(&str, [&str; 3])] = &[
    ("us-east-1", ["a", "b", "c"]),
    ("us-east-2", ["a", "b", "c"]),
    ("us-west-2", ["a", "b", "c"]),
    ("ca-central-1", ["a", "b", "d"]),
    ("eu-west-1", ["a", "b", "c"]),
    ("eu-west-2", ["a", "b", "c"]),
    ("eu-central-1", ["a", "b", "c"]),
    ("eu-north-1", ["a", "b", "c"]),
    ("ap-northeast-1", ["a", "c", "d"]),
    ("ap-southeast-1", ["a", "b", "c"]),
    ("ap-southeast-2", ["a", "b", "c"]),
    ("ap-south-1", ["a", "b", "c"]),
    ("sa-east-1", ["a", "b", "c"]),
];

/// Node types the generator picks from; which regions offer each, which engine versions each runs,
/// and which tier data, is `aws::node_types`'s.
const NODE_TYPES: &[&str] = &[
    "cache.t3.small",
    "cache.t3.medium",
    "cache.t4g.micro",
    "cache.t4g.small",
    "cache.t4g.medium",
    "cache.m5.large",
    "cache.m6g.large",
    "cache.m7g.large",
    "cache.m7g.xlarge",
    "cache.r5.large",
    "cache.r6g.large",
    "cache.r6g.xlarge",
    "cache.r7g.large",
    "cache.r7g.xlarge",
    "cache.c7gn.large",
    "cache.r6gd.xlarge",
    "cache.r6gd.2xlarge",
    "cache.m8g.large",
    "cache.r8g.large",
];

/// The pool's types that `region` offers and that run `engine` `version`, split into (plain, data
/// tiering).
fn node_types(engine: &str, version: &str, region: &str) -> (Vec<&'static str>, Vec<&'static str>) {
    let version = Version::parse(version);
    let runs = |node: &node_types::NodeType| {
        node.generation == node_types::Generation::Current
            && node_types::offered_in(node.name, region).is_none_or(|r| r.contains(&region))
            && (engine == "valkey" || version.zip(node.min_redis).is_some_and(|(v, m)| m <= v))
    };
    let usable: Vec<node_types::NodeType> = NODE_TYPES
        .iter()
        .filter_map(|n| node_types::lookup(n))
        .filter(runs)
        .collect();
    let plain = usable
        .iter()
        .filter(|n| !n.data_tiering)
        .map(|n| n.name)
        .collect();
    let tiered = usable
        .iter()
        .filter(|n| n.data_tiering)
        .map(|n| n.name)
        .collect();
    (plain, tiered)
}

/// A random integer inside the range the schema gives `key` of `kind`.
fn int_for(rng: &mut Rng, kind: Kind, key: &str, cap: i64) -> i64 {
    let (min, max) = match kind.schema().key(key).map(|k| k.ty) {
        Some(Ty::Int { min, max }) => (min, max.min(cap)),
        _ => (0, 0),
    };
    let span = u64::try_from(max.saturating_sub(min)).unwrap_or(0);
    min + i64::try_from(rng.next() % (span + 1)).unwrap_or(0)
}

const RUNTIMES: &[&str] = &["python3.12", "python3.13", "python3.14"];
const INSTANCE_TYPES: &[&str] = &[
    "t4g.nano",
    "t3.micro",
    "t3.nano",
    "m7g.medium",
    "t3a.small",
    "c7g.large",
    "m6i.large",
    "r7g.medium",
];

/// Pure-Python requirements, so a layer built on any architecture works on it.
const REQUIREMENTS: &[&[&str]] = &[
    &["redis==5.2.1"],
    &["redis"],
    &["redis>=5,<6"],
    &["redis==5.2.1", "tenacity"],
];

/// Interface endpoints a Lambda function in the VPC may use besides the cache.
const EXTRA_INTERFACES: &[&str] = &["logs", "secretsmanager", "kms", "sts"];

/// How a generated program names its existing VPC and subnets: `forms` picks, per subnet, an id,
/// an import or an SSM parameter (one in eight), so every form appears across programs.
struct Existing {
    seed: u64,
    forms: u64,
}

impl Existing {
    fn vpc(&self) -> String {
        match self.forms % 3 {
            0 => format!("vpc-{:017x}", self.seed & 0xffff_ffff_ffff),
            1 => format!("import:gen-{}-network-VpcId", self.seed),
            _ => format!("ssm:/gen-{}/network/vpc-id", self.seed),
        }
    }

    fn subnet(&self, name: &str, n: usize) -> String {
        match (self.forms >> 2).wrapping_add(n as u64) % 8 {
            0 => format!("ssm:/gen-{}/network/{name}", self.seed),
            1..=3 => format!(
                "import:gen-{}-network-{}",
                self.seed,
                name.replace('_', "-")
            ),
            _ => format!(
                "subnet-{:017x}",
                ((self.seed & 0xffff_ffff) << 20) | n as u64
            ),
        }
    }
}

/// What one replication group looks like, as far as its clients need to know.
struct CacheShape {
    tls: bool,
    replicas: usize,
    /// Cluster mode enabled: clients read the configuration endpoint.
    sharded: bool,
    /// Its RBAC users and user group, written after the block (and what `sharing` adds to it).
    users: String,
    /// A user group with a `default` user that is off: functions connect as `c{c}_app`.
    rbac: bool,
}

/// A valid program with `caches` replication groups and, per cache, up to `clients` instances and
/// up to `clients` functions (at least one client in all).
pub fn program(seed: u64, caches: usize, clients: usize) -> Generated {
    let mut rng = Rng(seed);
    let caches = caches.max(1);
    let per_cache = clients.max(1);
    let (region, zones) = *rng.pick(REGIONS);
    let mut out = String::new();
    let mut files = IndexMap::new();
    let _ = writeln!(out, "# generated by cachec::generate, seed {seed}");
    let _ = writeln!(out, "stack \"gen-{seed}\" {{\n  region = \"{region}\"");
    if rng.chance(30) {
        let _ = writeln!(out, "  description = \"generated stack {seed}\"");
    }
    // Tags and sharing draw from a stream of their own, so the rest of each program stays as it was.
    let mut share = Rng(seed ^ 0x7461_6773);
    // Pinned AMIs and IMDSv2 settings too.
    let mut pins = Rng(seed ^ 0x7069_6e73);
    if share.chance(30) {
        tags(&mut share, &mut out, "stack");
    }
    let _ = writeln!(out, "}}\n");

    // Clients first, so the network knows which endpoints they need.
    let mut counts = Vec::new();
    for _ in 0..caches {
        let instances = rng.below(per_cache + 1);
        let functions = if instances == 0 {
            1 + rng.below(per_cache)
        } else {
            rng.below(per_cache + 1)
        };
        counts.push((instances, functions));
    }
    let any_instance = counts.iter().any(|(i, _)| *i > 0);
    let any_function = counts.iter().any(|(_, f)| *f > 0);

    // Subnets: one per zone for clients and for functions, two or three per cache; /24s while they
    // fit in the /16, else /28s.
    let needed = caches * 3 + 3 + 3;
    let prefix = if needed <= 250 { 24 } else { 28 };
    let mut next_subnet = 0usize;
    let mut cidr = || {
        let n = next_subnet;
        next_subnet += 1;
        if prefix == 24 {
            format!("10.0.{n}.0/24")
        } else {
            format!("10.0.{}.{}/28", n / 16, (n % 16) * 16)
        }
    };
    // Existing networks draw from a stream of their own, so the rest of each program stays as it was.
    let mut net = Rng(seed ^ 0x6e65_7477);
    let existing = net.chance(30).then(|| Existing {
        seed,
        forms: net.next(),
    });
    let _ = writeln!(out, "network vpc {{\n  cidr = \"10.0.0.0/16\"");
    if let Some(e) = &existing {
        let _ = writeln!(out, "  existing = \"{}\"", e.vpc());
    }
    // An existing VPC's DNS settings are stated, as its interface endpoints need them (W0222).
    if rng.chance(25) || existing.is_some() {
        let _ = writeln!(out, "  dns_support = true  dns_hostnames = true");
    }
    let mut subnet_index = 0usize;
    let mut given = |name: &str| {
        subnet_index += 1;
        existing
            .as_ref()
            .map(|e| format!("  existing = \"{}\"", e.subnet(name, subnet_index)))
            .unwrap_or_default()
    };
    let mut client_cidrs = Vec::new();
    for zone in zones {
        let block = cidr();
        let id = given(&format!("clients_{zone}"));
        let _ = writeln!(
            out,
            "  subnet clients_{zone} {{ zone = \"{zone}\"  cidr = \"{block}\"{id} }}"
        );
        client_cidrs.push(block);
    }
    for zone in zones {
        let id = given(&format!("lambda_{zone}"));
        let _ = writeln!(
            out,
            "  subnet lambda_{zone} {{ zone = \"{zone}\"  cidr = \"{}\"{id} }}",
            cidr()
        );
    }
    // A /16 holds 4,096 /28s: past that many subnets, caches share the subnets of a group.
    let groups = caches.min((4096 - 6) / 3);
    let mut cache_zones = Vec::new();
    for c in 0..caches {
        let spread = 2 + rng.below(2);
        let used: Vec<&str> = zones.iter().copied().take(spread).collect();
        let declared: &[&str] = match (groups < caches, c < groups) {
            (false, _) => &used,
            (true, true) => &zones,
            (true, false) => &[],
        };
        for zone in declared {
            let id = given(&format!("c{c}_{zone}"));
            let _ = writeln!(
                out,
                "  subnet c{c}_{zone} {{ zone = \"{zone}\"  cidr = \"{}\"{id} }}",
                cidr()
            );
        }
        cache_zones.push(used);
    }
    let client_subnets = zones
        .iter()
        .map(|z| format!("clients_{z}"))
        .collect::<Vec<_>>()
        .join(", ");
    let lambda_subnets = zones
        .iter()
        .map(|z| format!("lambda_{z}"))
        .collect::<Vec<_>>()
        .join(", ");
    // Instances install packages from S3 and are reached over Session Manager; without them the
    // endpoints are optional.
    // An existing network's route tables are not cachec's: it states its S3 gateway instead (E0225).
    if any_instance || rng.chance(50) {
        if existing.is_some() {
            let _ = writeln!(out, "  provides = [s3]");
        } else {
            let _ = writeln!(
                out,
                "  endpoint s3 {{ kind = gateway  subnets = [{client_subnets}] }}"
            );
        }
    }
    if rng.chance(20) && existing.is_none() {
        let _ = writeln!(
            out,
            "  endpoint dynamodb {{ kind = gateway  subnets = [{lambda_subnets}] }}"
        );
    }
    if any_instance || rng.chance(50) {
        let dns = if rng.chance(30) {
            "  private_dns = true"
        } else {
            ""
        };
        let _ = writeln!(
            out,
            "  endpoint ssm, ssmmessages, ec2messages {{ kind = interface  subnets = [{client_subnets}]{dns} }}"
        );
    }
    let mut secrets_endpoint = false;
    if any_function && rng.chance(40) {
        let extra: Vec<&str> = EXTRA_INTERFACES
            .iter()
            .copied()
            .filter(|_| rng.chance(50))
            .collect();
        if !extra.is_empty() {
            let _ = writeln!(
                out,
                "  endpoint {} {{ kind = interface  subnets = [{lambda_subnets}] }}",
                extra.join(", ")
            );
        }
        secrets_endpoint = extra.contains(&"secretsmanager");
    }
    // Functions of RBAC caches read their password there: the endpoint is added once they exist.
    let network_end = out.len();
    let _ = writeln!(out, "}}\n");

    let mut shapes = Vec::new();
    for (c, used) in cache_zones.iter().enumerate() {
        shapes.push(replication_group(
            &mut rng,
            &mut out,
            c,
            Placement {
                region,
                group: c % groups.max(1),
                used,
            },
            seed,
            &client_cidrs,
        ));
        sharing(&mut share, &mut out, c, seed);
        if let Some(shape) = shapes.last() {
            out.push_str(&shape.users);
        }
    }
    if let Some(used) = cache_zones.first() {
        auto_scaled(seed, &mut out, region, used);
    }

    // Serverless caches draw from a stream of their own too, so programs without one stay as
    // they were; a quarter of the programs get one, reached by some of the functions.
    let mut sl = Rng(seed ^ 0x736c_7373);
    let has_serverless = sl.chance(25);
    if has_serverless {
        serverless_cache(&mut sl, &mut out, &zones);
    }

    let mut layers: IndexMap<(String, &str, bool), String> = IndexMap::new();
    let mut layer_text = String::new();
    let mut functions = String::new();
    let mut instances = String::new();
    for (c, (instance_count, function_count)) in counts.iter().copied().enumerate() {
        let Some(shape) = shapes.get(c) else {
            continue;
        };
        // Now and then a client also reaches the cache declared before this one.
        let mut connects = format!("cache{c}");
        // A user is in one cache's group: clients of RBAC caches reach that cache alone.
        let alone = shape.rbac || shapes.get(c.wrapping_sub(1)).is_some_and(|s| s.rbac);
        if c > 0 && rng.chance(20) && !alone {
            let _ = write!(connects, ", cache{}", c - 1);
        }
        for i in 0..instance_count {
            let zone = rng.pick(&zones);
            let itype = rng.pick(INSTANCE_TYPES);
            // Amazon Linux 2 is past its end of support (a warning); its redis6 has no TLS.
            let image = if rng.chance(15) { "al2" } else { "al2023" };
            let tls_anywhere = shape.tls || connects.contains(',');
            let packages = match (image, tls_anywhere, rng.below(4)) {
                ("al2", false, 0..=2) => "\"redis-cli\"",
                ("al2", _, _) => "",
                (_, true, 0..=1) => "\"valkey-cli\"",
                (_, true, _) => "\"valkey-cli\", \"redis-cli\"",
                (_, false, 0) => "\"redis-cli\"",
                (_, false, 1) => "\"valkey-cli\"",
                (_, false, 2) => "\"redis-cli\", \"valkey-cli\"",
                (_, false, _) => "",
            };
            let session = if rng.chance(80) {
                "  session_manager = true"
            } else {
                ""
            };
            let stays = stays_put(&mut pins, image, itype);
            let _ = writeln!(
                instances,
                "instance i{c}_{i} {{\n  subnet = clients_{zone}  instance_type = \"{itype}\"  image = \"{image}\"\n  packages = [{packages}]{session}  connects = [{connects}]\n{stays}}}\n"
            );
        }
        for f in 0..function_count {
            let runtime = *rng.pick(RUNTIMES);
            let arch = *rng.pick(Arch::WORDS);
            // A function outside the VPC cannot reach a cache; it gets no connects and no layer.
            let in_vpc = rng.chance(85);
            let mut used_layers = Vec::new();
            if in_vpc {
                used_layers.push(layer(
                    &mut rng,
                    &mut layers,
                    &mut layer_text,
                    &mut files,
                    runtime,
                    arch,
                    false,
                ));
                if rng.chance(25) {
                    used_layers.push(layer(
                        &mut rng,
                        &mut layers,
                        &mut layer_text,
                        &mut files,
                        runtime,
                        arch,
                        true,
                    ));
                }
            }
            let handler = *rng.pick(&["handler", "lambda_handler", "main"]);
            // Decided by what is already drawn, so the programs of every seed stay as they were
            // apart from these shapes: `main` handlers of odd-numbered functions (a sixth) are
            // packaged from a folder, and `lambda_handler` ones run in two zones where there are.
            let packaged = handler == "main" && (c + f) % 2 == 1;
            let source = function_source(handler, in_vpc.then_some(shape.tls));
            let (code, module) = if packaged {
                let folder = format!("f{c}_{f}");
                files.insert(format!("{folder}/app/__init__.py"), String::new());
                files.insert(format!("{folder}/app/main.py"), source);
                (format!("code = \"{folder}/\""), "app.main")
            } else {
                let file = format!("f{c}_{f}.py");
                files.insert(file.clone(), source);
                (format!("source = \"{file}\""), "index")
            };
            let mut text = format!("function f{c}_{f} {{\n");
            if in_vpc {
                let zone = rng.pick(&zones);
                match zones.iter().find(|z| *z != zone) {
                    Some(other) if handler == "lambda_handler" => {
                        let _ = writeln!(text, "  subnets = [lambda_{zone}, lambda_{other}]");
                    }
                    _ => {
                        let _ = writeln!(text, "  subnet = lambda_{zone}");
                    }
                }
            }
            let _ = write!(text, "  runtime = \"{runtime}\"");
            if arch == Arch::Arm64.word() || rng.chance(50) {
                let _ = write!(text, "  architecture = \"{arch}\"");
            }
            let _ = writeln!(text, "\n  handler = \"{module}.{handler}\"  {code}");
            if !used_layers.is_empty() {
                let _ = writeln!(text, "  layers = [{}]", used_layers.join(", "));
            }
            let reaches_sl = in_vpc && has_serverless && sl.chance(60) && !shape.rbac;
            if in_vpc {
                let also = if reaches_sl { ", sl" } else { "" };
                let _ = writeln!(text, "  connects = [{connects}{also}]");
                if shape.rbac {
                    let _ = writeln!(text, "  user = c{c}_app");
                }
            }
            match rng.below(3) {
                0 => text.push_str("  url = \"iam\"\n"),
                1 => text.push_str("  url = \"public\"\n"),
                _ => {}
            }
            // Reserved concurrency stays small: the account's pool is shared by every function.
            for (key, percent, cap) in [
                ("timeout", 70, i64::MAX),
                ("memory", 70, i64::MAX),
                ("ephemeral_storage", 30, i64::MAX),
                ("reserved_concurrency", 15, 10),
            ] {
                if rng.chance(percent) {
                    let value = int_for(&mut rng, Kind::Function, key, cap);
                    let _ = writeln!(text, "  {key} = {value}");
                }
            }
            text.push_str("  environment {\n");
            if in_vpc && shape.sharded {
                let _ = writeln!(
                    text,
                    "    HOST = cache{c}.configuration_address\n    PORT = cache{c}.configuration_port"
                );
            } else if in_vpc {
                let _ = writeln!(
                    text,
                    "    HOST = cache{c}.primary_address\n    PORT = cache{c}.port"
                );
                if shape.replicas > 0 {
                    let _ = writeln!(text, "    READER = cache{c}.reader_address");
                }
            }
            if reaches_sl {
                text.push_str("    SL_HOST = sl.address\n    SL_PORT = sl.port\n");
            }
            let _ = writeln!(text, "    KEY = \"probe-{c}-{f}\"");
            if rng.chance(50) {
                let _ = writeln!(text, "    RETRIES = {}", rng.below(5));
            }
            if rng.chance(50) {
                let _ = writeln!(text, "    VERBOSE = {}", rng.chance(50));
            }
            text.push_str("  }\n");
            if share.chance(20) {
                tags(&mut share, &mut text, &format!("f{c}_{f}"));
            }
            text.push_str("}\n\n");
            functions.push_str(&text);
        }
    }
    out.push_str(&layer_text);
    out.push_str(&instances);
    out.push_str(&functions);
    if !secrets_endpoint && functions.contains("  user = ") {
        out.insert_str(
            network_end,
            &format!(
                "  endpoint secretsmanager {{ kind = interface  subnets = [{lambda_subnets}] }}\n"
            ),
        );
    }
    // Environments draw from a stream of their own and rewrite values of the finished program,
    // so the programs without them are exactly as before.
    let mut envs = Rng(seed ^ 0x656e_7673);
    if envs.chance(25) {
        out = environments(&mut envs, &out);
    }
    Generated { source: out, files }
}

/// The program with `environments` on its stack and some values per environment: backups, log
/// retention, CPU alarms, tags and variables, each valid in every environment and different
/// between them (the same value everywhere would be W1100).
fn environments(rng: &mut Rng, src: &str) -> String {
    let list = match rng.chance(30) {
        true => "[dev, staging, prod]",
        false => "[dev, prod]",
    };
    let mut out = String::with_capacity(src.len() + 256);
    let mut declared = false;
    for line in src.lines() {
        let mut line = line.to_string();
        if let Some(days) = number_after(&line, "  snapshot_retention = ")
            && days > 0
        {
            let dev = if days > 1 { days - 1 } else { 2 };
            line = format!("  snapshot_retention = {{ dev: {dev}, default: {days} }}");
        } else if let Some((head, rest)) = line.split_once("retention = ")
            && let Some(days) = number_after(rest, "")
        {
            let dev = if days == 1 { 3 } else { 1 };
            let tail = rest.trim_start_matches(|c: char| c.is_ascii_digit());
            line = format!("{head}retention = {{ dev: {dev}, default: {days} }}{tail}");
        } else if let Some(cpu) = number_after(&line, "  alarms { cpu = ") {
            let dev = if cpu == 99 { 98 } else { 99 };
            line = format!("  alarms {{ cpu = {{ dev: {dev}, default: {cpu} }} }}");
        } else if line.contains("tags { team = \"team-") && rng.chance(50) {
            line = line.replacen("team = ", "team = { dev: \"sandbox\", default: ", 1);
            if let Some(end) = line.find("\"  ").or_else(|| line.rfind("\" }")) {
                line.insert_str(end + 1, " }");
            }
        } else if line.starts_with("    KEY = \"probe-") && rng.chance(50) {
            let value = line.trim_start_matches("    KEY = ").to_string();
            line = format!("    KEY = {{ dev: \"sandbox\", default: {value} }}");
        }
        out.push_str(&line);
        out.push('\n');
        if !declared && line.starts_with("  region = ") {
            let _ = writeln!(out, "  environments = {list}");
            declared = true;
        }
    }
    out
}

/// The integer that `line` holds right after `prefix`, up to its first non-digit.
fn number_after(line: &str, prefix: &str) -> Option<i64> {
    let rest = line.strip_prefix(prefix)?;
    let digits: String = rest.chars().take_while(char::is_ascii_digit).collect();
    digits.parse().ok()
}

/// Serverless cache `sl` in the Lambda subnets of the first two zones, with a version, limits
/// and snapshots drawn from the schema's ranges.
fn serverless_cache(rng: &mut Rng, out: &mut String, zones: &[&str]) {
    let (engine, majors): (&str, &[&str]) = match rng.below(2) {
        0 => ("valkey", &["7", "8"]),
        _ => ("redis", &["7"]),
    };
    let subnets: Vec<String> = zones
        .iter()
        .take(2)
        .map(|z| format!("lambda_{z}"))
        .collect();
    let _ = writeln!(
        out,
        "serverless_cache sl {{\n  engine = {engine}  subnets = [{}]",
        subnets.join(", ")
    );
    if rng.chance(70) {
        let _ = writeln!(out, "  major_version = \"{}\"", rng.pick(majors));
    }
    if rng.chance(60) {
        let max = int_for(rng, Kind::Limits, "storage_max", 5000);
        let ecpu = int_for(rng, Kind::Limits, "ecpu_max", 15_000_000);
        let min = if rng.chance(30) {
            "  storage_min = 1"
        } else {
            ""
        };
        let _ = writeln!(
            out,
            "  limits {{ storage_max = {max}  ecpu_max = {ecpu}{min} }}"
        );
    }
    if rng.chance(50) {
        let _ = writeln!(
            out,
            "  snapshot_time = \"{:02}:{:02}\"  snapshot_retention = {}",
            rng.below(24),
            rng.below(60),
            int_for(rng, Kind::ServerlessCache, "snapshot_retention", 35)
        );
    }
    match rng.below(4) {
        0 => out.push_str("  on_delete = retain\n"),
        1 => out.push_str("  final_snapshot = \"sl-last\"\n"),
        _ => {}
    }
    out.push_str("}\n\n");
}

/// Parameters a generated group may set, with values valid in every family that has them.
const PARAMETERS: &[(&str, &[&str])] = &[
    (
        "maxmemory-policy",
        &["\"allkeys-lru\"", "\"volatile-lfu\"", "\"noeviction\""],
    ),
    ("maxmemory-samples", &["3", "5", "10"]),
    ("timeout", &["0", "20", "300"]),
    ("tcp-keepalive", &["0", "60", "300"]),
    (
        "notify-keyspace-events",
        &["\"\"", "\"Ex\"", "\"KEA\"", "\"Kgx\""],
    ),
    ("reserved-memory-percent", &["25", "30", "50"]),
    ("activedefrag", &["true", "false"]),
    ("active-defrag-cycle-max", &["25", "75"]),
    ("lazyfree-lazy-eviction", &["true", "\"no\""]),
    ("lazyfree-lazy-expire", &["true", "false"]),
    ("lazyfree-lazy-user-del", &["true"]),
    ("slowlog-log-slower-than", &["-1", "10000", "20000"]),
    ("slowlog-max-len", &["128", "1024"]),
    ("close-on-replica-write", &["true", "false"]),
    ("latency-tracking", &["true"]),
];

/// In a share of programs, writes parameter group `params{c}` for the engine version's family and
/// says so. Its own generator, so that the rest of each program stays as it was without it.
fn parameter_group(
    seed: u64,
    c: usize,
    engine: &str,
    version: &str,
    tiered: bool,
    cluster: bool,
    out: &mut String,
) -> bool {
    let mut rng = Rng(seed ^ 0x7061_7261_6d73 ^ (c as u64).wrapping_mul(0x9e37_79b9));
    let Some(family) = parameters::family_of(engine, version) else {
        return false;
    };
    let Some(known) = parameters::by_name(family) else {
        return false;
    };
    if !rng.chance(30) {
        return false;
    }
    let _ = writeln!(out, "parameter_group params{c} {{");
    let _ = writeln!(out, "  family = \"{family}\"");
    if rng.chance(50) {
        let _ = writeln!(out, "  description = \"Tuning of cache{c}\"");
    }
    let _ = writeln!(out, "  parameters {{");
    if cluster {
        let _ = writeln!(out, "    cluster-enabled = \"yes\"");
    }
    for (name, values) in PARAMETERS {
        if parameters::lookup(known, name).is_err() || !rng.chance(40) {
            continue;
        }
        // Data tiering nodes take only noeviction, volatile-lru and allkeys-lru (ElastiCache
        // "Redis OSS 6.x parameter changes").
        let value = match *name {
            "maxmemory-policy" if tiered => "\"allkeys-lru\"",
            _ => *rng.pick(values),
        };
        let _ = writeln!(out, "    {name} = {value}");
    }
    out.push_str("  }\n}\n\n");
    true
}

/// Where a replication group goes: the stack's region, its subnet group's index, and its zones.
struct Placement<'a> {
    region: &'a str,
    group: usize,
    used: &'a [&'a str],
}

/// Writes replication group `cache{c}` in the zones `used`; returns what its clients need.
fn replication_group(
    rng: &mut Rng,
    out: &mut String,
    c: usize,
    at: Placement,
    seed: u64,
    client_cidrs: &[String],
) -> CacheShape {
    let Placement {
        region,
        group,
        used,
    } = at;
    let (engine, version, _) = *rng.pick(engines::VERSIONS);
    let (plain, tiering) = node_types(engine, version, region);
    let tiered = rng.chance(10) && !tiering.is_empty();
    let node = if tiered {
        *rng.pick(&tiering)
    } else {
        *rng.pick(&plain)
    };
    let replicas = rng.below(READ_REPLICAS as usize + 1);
    let multi_az = replicas > 0 && rng.chance(60);
    let tls = rng.chance(60);
    let subnets: Vec<String> = used.iter().map(|z| format!("c{group}_{z}")).collect();
    // Cluster mode draws from its own stream too: the layout it writes replaces the replicas'.
    let mut shard_rng = Rng(seed ^ 0x7368_6172_6473 ^ (c as u64).wrapping_mul(0x2545_f491));
    let cluster = shard_rng.chance(20);
    let declared = parameter_group(seed, c, engine, version, tiered, cluster, out);
    // Logs, notifications and alarms draw from their own stream, so the rest of the program is
    // the same with or without them.
    let mut ops = Rng(seed.wrapping_mul(31).wrapping_add(c as u64 + 1));
    let monitoring = monitoring(&mut ops, c, seed, engine, version);
    out.push_str(&monitoring.topic);
    let _ = writeln!(out, "replication_group cache{c} {{");
    let _ = writeln!(
        out,
        "  engine = \"{engine}\"  engine_version = \"{version}\"  node_type = \"{node}\""
    );
    let named = rng.chance(25);
    if declared {
        let _ = writeln!(out, "  parameter_group = params{c}");
    } else if named && cluster {
        let group = engines::default_cluster_group(engine, version).unwrap_or_default();
        let _ = writeln!(out, "  parameter_group = \"{group}\"");
    } else if named && let Some(group) = default_parameter_group(engine, version) {
        let _ = writeln!(out, "  parameter_group = \"{group}\"");
    }
    let _ = writeln!(out, "  subnets = [{}]", subnets.join(", "));
    let mut layout = String::new();
    let out_of_layout = out;
    let out = &mut layout;
    // Replicas placed by zone (the first in another zone than the primary), or counted only.
    if replicas == 0 || rng.chance(70) {
        if replicas > 0 || rng.chance(50) {
            let primary = used.first().copied().unwrap_or("a");
            let replica_zones: Vec<String> = (0..replicas)
                .map(|r| {
                    format!(
                        "\"{}\"",
                        used.get((r + 1) % used.len()).copied().unwrap_or("a")
                    )
                })
                .collect();
            let _ = writeln!(
                out,
                "  primary_zone = \"{primary}\"  replica_zones = [{}]",
                replica_zones.join(", ")
            );
        }
    } else {
        let _ = writeln!(out, "  replicas = {replicas}");
    }
    if multi_az {
        let _ = writeln!(out, "  multi_az = true");
        if rng.chance(30) {
            let _ = writeln!(out, "  automatic_failover = true");
        }
    } else if replicas > 0 && rng.chance(30) {
        let _ = writeln!(out, "  automatic_failover = {}", rng.chance(50));
    }
    let out = out_of_layout;
    let sharded = cluster;
    if sharded {
        shards(&mut shard_rng, out, used, multi_az);
    } else {
        out.push_str(&layout);
    }
    if rng.chance(50) {
        let port = *rng.pick(&[6379, 6380, 6381, 16379]);
        let _ = writeln!(out, "  port = {port}");
    }
    let at_rest = rng.chance(50);
    let _ = writeln!(
        out,
        "  transit_encryption = {tls}  at_rest_encryption = {at_rest}"
    );
    let token = tls && rng.chance(30);
    if token {
        let token = if rng.chance(50) {
            format!("ssm:/gen-{seed}/cache{c}/auth")
        } else {
            format!("secretsmanager:gen-{seed}-cache{c}-auth")
        };
        let _ = writeln!(out, "  auth_token = \"{token}\"");
    }
    if tiered {
        let _ = writeln!(out, "  data_tiering = true");
    }
    let mut backups = false;
    if rng.chance(30) {
        let days = int_for(rng, Kind::ReplicationGroup, "snapshot_retention", i64::MAX);
        let _ = writeln!(out, "  snapshot_retention = {days}");
        backups = days > 0;
    }
    if rng.chance(20) {
        let _ = writeln!(out, "  on_delete = {}", rng.pick(OnDelete::WORDS));
    }
    // Maintenance starts between 04:00 and 08:00 and snapshots end by 03:00, so they never meet.
    if rng.chance(30) {
        let day = rng.pick(&WINDOW_DAYS);
        let hour = 4 + rng.below(5);
        let _ = writeln!(
            out,
            "  maintenance_window = \"{day}:{hour:02}:00-{day}:{:02}:{}\"",
            hour + 1 + rng.below(2),
            rng.pick(&["00", "30"])
        );
    }
    if backups && rng.chance(40) {
        let hour = rng.below(3);
        let _ = writeln!(
            out,
            "  snapshot_window = \"{hour:02}:00-{:02}:00\"",
            hour + 1
        );
    }
    if tls && engines::has_transit_mode(engine, version) == Some(true) && rng.chance(30) {
        // ElastiCache takes no AUTH token with mode preferred (E0146).
        let mode = if token {
            TransitMode::Required.word()
        } else {
            rng.pick(TransitMode::WORDS)
        };
        let _ = writeln!(out, "  transit_mode = {mode}");
    }
    let declared_key = at_rest && rng.chance(30) && rng.chance(50);
    let existing_key = !declared_key && at_rest && rng.chance(15);
    if declared_key {
        let _ = writeln!(out, "  kms_key = cache{c}_key");
    } else if existing_key {
        let key = if rng.chance(50) {
            format!("alias/gen-{seed}-cache{c}")
        } else {
            format!("arn:aws:kms:us-east-1:111122223333:alias/gen-{seed}-cache{c}")
        };
        let _ = writeln!(out, "  kms_key = \"{key}\"");
    }
    if rng.chance(20) {
        let extra = if rng.chance(50) {
            "\"192.168.0.0/24\"".to_string()
        } else {
            format!("\"{}\"", rng.pick(client_cidrs))
        };
        let _ = writeln!(out, "  allow_cidrs = [{extra}]");
    }
    if rng.chance(20) {
        let _ = writeln!(
            out,
            "  description = \"cache {c} of generated stack {seed}\""
        );
    }
    let rbac = tls && !token && rbac_versions(engine, version).0 && rng.chance(40);
    if rbac {
        let _ = writeln!(out, "  user_group = c{c}_users");
    }
    // Global Datastore and auto scaling draw from their own stream too.
    let mut scale = Rng(seed.wrapping_mul(37).wrapping_add(c as u64 + 7));
    scale_out(
        &mut scale,
        out,
        region,
        used,
        (engine, version, node),
        existing_key,
        tiered,
    );
    out.push_str(&monitoring.body);
    let _ = writeln!(out, "}}\n");
    if declared_key {
        let _ = writeln!(out, "kms_key cache{c}_key {{");
        if rng.chance(50) {
            let _ = writeln!(out, "  alias = \"alias/gen-{seed}-cache{c}\"");
        }
        if rng.chance(30) {
            let _ = writeln!(
                out,
                "  on_delete = delete  pending_days = {}",
                7 + rng.below(24)
            );
        }
        let _ = writeln!(out, "}}\n");
    }
    let mut accounts = String::new();
    if rbac {
        users(rng, &mut accounts, c, seed, engine, version);
    }
    CacheShape {
        tls,
        replicas,
        sharded,
        users: accounts,
        rbac,
    }
}

/// The layout of a group with cluster mode enabled: 1 to 3 shards of 0 to 2 replicas, in half of
/// them placed by `shard` blocks whose slots split the 16,384 evenly. Multi-AZ only with replicas.
fn shards(rng: &mut Rng, out: &mut String, used: &[&str], multi_az: bool) {
    let shards = 1 + rng.below(3);
    let replicas = rng.below(3) + usize::from(multi_az);
    let _ = writeln!(
        out,
        "  cluster_mode = enabled  shards = {shards}  replicas_per_shard = {replicas}"
    );
    if multi_az && replicas > 0 {
        let _ = writeln!(out, "  multi_az = true");
    }
    if rng.chance(50) {
        let slots = crate::model::SLOTS as usize;
        for s in 0..shards {
            let (start, end) = (s * slots / shards, (s + 1) * slots / shards - 1);
            let zone = |i: usize| used.get(i % used.len().max(1)).copied().unwrap_or("a");
            let zones: Vec<String> = (0..replicas)
                .map(|r| format!("\"{}\"", zone(s + r + 1)))
                .collect();
            let _ = writeln!(
                out,
                "  shard s{s} {{ slots = \"{start}-{end}\"  primary_zone = \"{}\"  replica_zones = [{}] }}",
                zone(s),
                zones.join(", ")
            );
        }
    }
}

/// In a share of the groups that may be members, a Global Datastore with one secondary region
/// that has the zone letters the group uses.
fn scale_out(
    rng: &mut Rng,
    out: &mut String,
    region: &str,
    used: &[&str],
    (engine, version, node): (&str, &str, &str),
    existing_key: bool,
    tiered: bool,
) {
    let version_ok =
        engine == "valkey" || Version::parse(version).is_some_and(|v| v >= global::MIN_REDIS);
    if !rng.chance(12)
        || existing_key
        || tiered
        || !version_ok
        || !global::node_type_supported(node)
    {
        return;
    }
    let secondaries: Vec<&str> = REGIONS
        .iter()
        .map(|(r, _)| *r)
        .filter(|r| *r != region && global::region_supported(r))
        .filter(|r| {
            regions::zone_letters(r)
                .is_some_and(|letters| used.iter().all(|z| letters.contains(*z)))
        })
        .collect();
    if secondaries.is_empty() {
        return;
    }
    let secondary = *rng.pick(&secondaries);
    let _ = writeln!(out, "  global {{ regions = [\"{secondary}\"] }}");
}

/// In a share of programs, a sharded Valkey group beside the others, in the first group's
/// subnets, that auto scales its replicas and, now and then, its shards.
fn auto_scaled(seed: u64, out: &mut String, region: &str, used: &[&str]) {
    let mut rng = Rng(seed ^ 0x7363_616c_6564);
    let (plain, _) = node_types("valkey", "8.0", region);
    let nodes: Vec<&str> = plain
        .into_iter()
        .filter(|n| autoscaling::node_type_supported(n))
        .collect();
    if !rng.chance(15) || nodes.is_empty() {
        return;
    }
    let node = *rng.pick(&nodes);
    let shards = 1 + rng.below(4);
    let replicas = 1 + rng.below(READ_REPLICAS as usize);
    let subnets: Vec<String> = used.iter().map(|z| format!("c0_{z}")).collect();
    let _ = writeln!(out, "replication_group scaled {{");
    let _ = writeln!(
        out,
        "  engine = \"valkey\"  engine_version = \"8.0\"  node_type = \"{node}\""
    );
    let _ = writeln!(
        out,
        "  cluster_mode = enabled  shards = {shards}  replicas_per_shard = {replicas}"
    );
    let _ = writeln!(out, "  subnets = [{}]", subnets.join(", "));
    let _ = writeln!(out, "  transit_encryption = true");
    let low = rng.below(replicas + 1);
    let high = replicas + rng.below(READ_REPLICAS as usize + 1 - replicas);
    let target = autoscaling::CPU_TARGETS.start() + rng.below(36) as i64;
    let mut block =
        format!("replicas_min = {low}  replicas_max = {high}  replicas_target = {target}");
    if rng.chance(50) {
        let metric = rng.pick(ShardMetric::WORDS);
        let _ = write!(
            block,
            "  shards_min = {shards}  shards_max = {}  shards_metric = {metric}  shards_target = {target}",
            shards + rng.below(8)
        );
    }
    let _ = writeln!(out, "  autoscaling {{ {block} }}");
    let _ = writeln!(out, "}}\n");
}

/// Whether the engine version has RBAC users, and IAM authentication (Redis OSS 6.0 and 7.0).
fn rbac_versions(engine: &str, version: &str) -> (bool, bool) {
    let v = engines::Version::parse(version).unwrap_or(engines::Version::new(0, 0, 0));
    let valkey = engine == "valkey";
    (
        valkey || v >= engines::Version::new(6, 0, 0),
        valkey || v >= engines::Version::new(7, 0, 0),
    )
}

/// The RBAC users of cache `c`: a disabled `default` user, an application user with a password
/// reference, and on newer engines now and then an IAM user; and their group.
fn users(rng: &mut Rng, out: &mut String, c: usize, seed: u64, engine: &str, version: &str) {
    let _ = writeln!(
        out,
        "user c{c}_nobody {{\n  user_name = \"default\"\n  access = \"off -@all\"\n  passwords = [\"secretsmanager:gen-{seed}/c{c}-nobody\"]\n}}\n"
    );
    let access = rng.pick(&[
        "on ~app:* -@all +@read +@write +@connection",
        "on ~* &* +@all -@dangerous",
        "on %R~cache:* ~app:* -@all +@read +get +set +client|setname",
    ]);
    let passwords = if rng.chance(25) {
        format!(
            "\"secretsmanager:gen-{seed}/c{c}-app\", \"secretsmanager:gen-{seed}/c{c}-app-next\""
        )
    } else {
        format!("\"secretsmanager:gen-{seed}/c{c}-app\"")
    };
    let _ = writeln!(
        out,
        "user c{c}_app {{\n  access = \"{access}\"\n  passwords = [{passwords}]\n}}\n"
    );
    let mut members = vec![format!("c{c}_nobody"), format!("c{c}_app")];
    if rbac_versions(engine, version).1 && rng.chance(40) {
        let id = format!("gen-{seed}-c{c}-reporter");
        let _ = writeln!(
            out,
            "user c{c}_reporter {{\n  user_id = \"{id}\"  user_name = \"{id}\"\n  authentication = iam\n  access = \"on ~* -@all +@read\"\n}}\n"
        );
        members.push(format!("c{c}_reporter"));
    }
    let group_engine = if engine == "valkey" && rng.chance(50) {
        "  engine = valkey"
    } else {
        ""
    };
    let _ = writeln!(
        out,
        "user_group c{c}_users {{ users = [{}]{group_engine} }}\n",
        members.join(", ")
    );
}

/// What cache `c` shares: exports, admitted groups and tags, inside its block (before its `}`).
fn sharing(rng: &mut Rng, out: &mut String, c: usize, seed: u64) {
    let mut text = String::new();
    if rng.chance(20) {
        text.push_str("  export = true\n");
    }
    if rng.chance(15) {
        let group = if rng.chance(50) {
            "sg-0123456789abcdef0".to_string()
        } else {
            format!("import:app-{seed}-{c}-SecurityGroupId")
        };
        let _ = writeln!(text, "  allow_security_groups = [\"{group}\"]");
    }
    if rng.chance(25) {
        tags(rng, &mut text, &format!("cache{c}"));
    }
    // The group's block may be followed by its key's, so find its own closing brace.
    let head = format!("replication_group cache{c} {{");
    if let Some(start) = out.rfind(&head)
        && let Some(end) = out.get(start..).and_then(|rest| rest.find("\n}\n"))
    {
        out.insert_str(start + end + 1, &text);
    }
}

/// A `tags` block of one to three tags, one of them with a key that needs quotes.
fn tags(rng: &mut Rng, out: &mut String, owner: &str) {
    let mut text = format!("  tags {{ team = \"team-{}\"", rng.below(9));
    if rng.chance(50) {
        let _ = write!(text, "  \"cost-center\" = \"{}\"", 100 + rng.below(900));
    }
    if rng.chance(30) {
        let _ = write!(text, "  owner = \"{owner}\"");
    }
    let _ = writeln!(out, "{text} }}");
}

/// A topic to declare before the group, and the lines inside it: notifications, logs, alarms.
struct Monitoring {
    topic: String,
    body: String,
}

fn monitoring(rng: &mut Rng, c: usize, seed: u64, engine: &str, version: &str) -> Monitoring {
    let mut topic = String::new();
    let mut body = String::new();
    let notify = rng.chance(20);
    if notify {
        if rng.chance(50) {
            let _ = writeln!(
                topic,
                "topic alerts{c} {{\n  email = [\"ops{c}@example.com\"]\n}}\n"
            );
            let _ = writeln!(body, "  notifications = alerts{c}");
        } else {
            let _ = writeln!(
                body,
                "  notifications = \"arn:aws:sns:us-east-1:123456789012:gen-{seed}-ops\""
            );
        }
    }
    let redis = Version::parse(version).filter(|_| engine == "redis");
    for (block, first) in [
        ("slow_log", SLOW_LOG_REDIS.0),
        ("engine_log", ENGINE_LOG_REDIS.0),
    ] {
        if redis.is_some_and(|v| v < first) || !rng.chance(15) {
            continue;
        }
        let format = rng.pick(LogFormat::WORDS);
        if rng.chance(60) {
            let days = rng.pick(LOG_RETENTION_DAYS);
            let _ = writeln!(
                body,
                "  {block} {{ to = cloudwatch  format = {format}  retention = {days} }}"
            );
        } else {
            let _ = writeln!(
                body,
                "  {block} {{ to = firehose  format = {format}  stream = \"gen-{seed}-{c}-{block}\" }}"
            );
        }
    }
    if notify && rng.chance(50) {
        let cpu = 50 + rng.below(50);
        let _ = writeln!(body, "  alarms {{ cpu = {cpu} }}");
    }
    Monitoring { topic, body }
}

/// An instance's pinned AMI (an id, or a version of the public parameter for its architecture)
/// and its IMDSv2 setting, each written now and then.
fn stays_put(rng: &mut Rng, image: &str, itype: &str) -> String {
    let mut out = String::new();
    if rng.chance(30) {
        let ami = if rng.chance(50) {
            format!("ami-{:017x}", rng.next() >> 4)
        } else {
            let arch = crate::aws::images::instance_arch(itype);
            let parameter = crate::aws::images::ami_parameter(image, arch).unwrap_or_default();
            format!("ssm:{parameter}:{}", 1 + rng.below(120))
        };
        let _ = writeln!(out, "  ami = \"{ami}\"");
    }
    match rng.below(20) {
        0 => out.push_str("  imdsv2 = false\n"),
        1..=2 => out.push_str("  imdsv2 = true\n"),
        _ => {}
    }
    out
}

/// The name of the layer for this runtime and architecture (the main one with redis, or a tools
/// layer), declaring it the first time it is asked for.
fn layer(
    rng: &mut Rng,
    layers: &mut IndexMap<(String, &'static str, bool), String>,
    text: &mut String,
    files: &mut IndexMap<String, String>,
    runtime: &str,
    arch: &'static str,
    tools: bool,
) -> String {
    let key = (runtime.to_string(), arch, tools);
    if let Some(name) = layers.get(&key) {
        return name.clone();
    }
    let name = format!(
        "{}_{}_{arch}",
        if tools { "tools" } else { "redis" },
        runtime.replace('.', "")
    );
    let requirements: &[&str] = if tools {
        &["tenacity"]
    } else {
        rng.pick::<&[&str]>(REQUIREMENTS)
    };
    // A share of layers read a requirements file; chosen by name, so the draws stay as they were.
    let from_file = name.len() % 3 == 0;
    let listed = requirements
        .iter()
        .map(|r| format!("\"{r}\""))
        .collect::<Vec<_>>()
        .join(", ");
    let _ = write!(text, "layer {name} {{\n  runtime = \"{runtime}\"");
    if arch == Arch::Arm64.word() || rng.chance(50) {
        let _ = write!(text, "  architecture = \"{arch}\"");
    }
    if from_file {
        let path = format!("requirements-{name}.txt");
        let mut file = format!("# requirements of layer {name}\n\n");
        for r in requirements {
            let _ = writeln!(file, "{r}  # for the generated functions");
        }
        files.insert(path.clone(), file);
        let _ = writeln!(text, "  requirements_file = \"{path}\"");
    } else {
        let _ = writeln!(text, "  requirements = [{listed}]");
    }
    if rng.chance(20) {
        let _ = writeln!(text, "  description = \"{name} for generated functions\"");
    }
    text.push_str("}\n\n");
    layers.insert(key, name.clone());
    name
}

/// A handler that writes and reads a key, over TLS when the cache has it; `None` for a function
/// outside the VPC, which only answers.
fn function_source(handler: &str, tls: Option<bool>) -> String {
    match tls {
        Some(tls) => format!(
            "import os\n\nimport redis\n\n\ndef {handler}(event, context):\n    client = redis.Redis(host=os.environ[\"HOST\"], port=int(os.environ[\"PORT\"]), ssl={})\n    client.set(os.environ[\"KEY\"], \"ok\")\n    return {{\"statusCode\": 200, \"body\": client.get(os.environ[\"KEY\"]).decode()}}\n",
            if tls { "True" } else { "False" }
        ),
        None => format!(
            "import os\n\n\ndef {handler}(event, context):\n    return {{\"statusCode\": 200, \"body\": os.environ[\"KEY\"]}}\n"
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn same_seed_same_program_and_it_compiles() {
        let a = program(7, 3, 2);
        assert_eq!(a.source, program(7, 3, 2).source);
        assert_ne!(a.source, program(8, 3, 2).source);
        let mut options = crate::Options::default();
        options.check.today = crate::date::Date::new(2026, 11, 26);
        for seed in 0..20 {
            let g = program(seed, 1 + (seed as usize % 4), 2);
            let (files, diags) = crate::compile(&g.source, &g, &options);
            let errors: Vec<_> = diags
                .iter()
                .filter(|d| d.severity == crate::diag::Severity::Error)
                .collect();
            assert!(errors.is_empty(), "seed {seed}: {errors:?}\n{}", g.source);
            assert!(files.is_some());
        }
    }

    #[test]
    fn a_share_of_programs_shard_a_cache() {
        let with = (0..100)
            .filter(|seed| {
                program(*seed, 2, 1)
                    .source
                    .contains("cluster_mode = enabled")
            })
            .count();
        assert!((10..=70).contains(&with), "{with} of 100");
    }

    #[test]
    fn a_share_of_programs_are_global_or_auto_scaled() {
        let sources: Vec<String> = (0..100).map(|seed| program(seed, 3, 1).source).collect();
        let global = sources.iter().filter(|s| s.contains("global {")).count();
        let scaled = sources
            .iter()
            .filter(|s| s.contains("autoscaling {"))
            .count();
        assert!((5..=60).contains(&global), "{global} of 100 global");
        assert!((5..=60).contains(&scaled), "{scaled} of 100 auto scaled");
    }

    #[test]
    fn a_share_of_programs_declare_environments_and_build_each() {
        let mut options = crate::Options::default();
        options.check.today = crate::date::Date::new(2026, 11, 26);
        let mut with = 0;
        for seed in 0..40 {
            let g = program(seed, 2, 2);
            if !g.source.contains("environments = [") {
                continue;
            }
            with += 1;
            let (builds, diags) = crate::build_each(&g.source, &g, &options, false);
            assert!(
                diags
                    .iter()
                    .all(|d| d.severity != crate::diag::Severity::Error),
                "seed {seed}: {diags:?}\n{}",
                g.source
            );
            assert!(builds.is_some_and(|b| b.len() >= 2), "seed {seed}");
        }
        assert!((4..=20).contains(&with), "{with} of 40");
    }

    #[test]
    fn a_share_of_programs_declare_parameter_groups() {
        let with = (0..100)
            .filter(|seed| {
                program(*seed, 2, 1)
                    .source
                    .contains("parameter_group params")
            })
            .count();
        assert!((20..=80).contains(&with), "{with} of 100");
    }
}
