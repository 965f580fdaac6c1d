//! Lowering: the AST checked against the schema, names resolved, typed model built.
//! Every structural mistake becomes a diagnostic; lowering goes on to report them all.

mod code;
mod fields;

use crate::hash::HashSet;

use crate::hash::IndexMap;

use super::damage::{self, Decl};
use super::requirements_txt;
use super::schema::{self, Kind, KindSchema, Names};
use super::types::*;
use crate::diag::suggest::did_you_mean;
use crate::diag::{Diag, codes};
use crate::span::{Span, Spanned};
use crate::syntax::ast::{Entry, File, Item, Value, ValueKind};
use fields::Fields;

/// Reads a function's source file by the path written in the program.
pub trait SourceLoader {
    fn load(&self, path: &str) -> Result<String, String>;

    /// The files under the folder `dir` (recursively), as `/`-separated paths relative to it,
    /// sorted; hidden entries and `__pycache__` left out. Loaders without folders refuse.
    /// Packaged code reads every file; a layer's content only the names at the top.
    fn list(&self, dir: &str) -> Result<Vec<String>, String> {
        Err(format!("cannot list the folder `{dir}` here"))
    }
}

/// What a code folder's listing leaves out: hidden entries and Python's byte-code caches.
pub fn hidden_from_package(name: &str) -> bool {
    name.starts_with('.') || name == "__pycache__"
}

/// The names at the top of a listing, sorted and once each, folders with a trailing `/`.
fn top_names(files: &[String]) -> Vec<String> {
    let mut names: Vec<String> = files
        .iter()
        .map(|f| match f.split_once('/') {
            Some((folder, _)) => format!("{folder}/"),
            None => f.clone(),
        })
        .collect();
    names.sort();
    names.dedup();
    names
}

/// A declared name: its kind, its index among declarations of that kind, where it was declared,
/// and the declaration (in `Lowerer::decls`) that declares it.
#[derive(Debug, Clone, Copy)]
struct Symbol {
    kind: Kind,
    index: usize,
    span: Span,
    decl: usize,
}

struct Lowerer<'a> {
    symbols: IndexMap<String, Symbol>,
    /// Names declared by blocks that were not lowered (unknown or misplaced kind, wrong names):
    /// already reported, so a reference to one is not reported again as unknown.
    ghosts: HashSet<String>,
    decls: Vec<Decl>,
    /// The declaration being lowered: its errors mark it broken, its references are its dependencies.
    current: Option<usize>,
    diags: Vec<Diag>,
    /// Integers out of range: reported, but the value is kept and the declaration stays whole.
    soft: Vec<Diag>,
    loader: &'a dyn SourceLoader,
}

/// A top-level item that passed its kind and name checks, with its declaration's index.
type Top<'f> = (&'static KindSchema, &'f Item, usize);

/// Lowers a parsed file. The model is returned even with errors, holding what could be resolved,
/// and says in `damage` which declarations an error left incomplete.
pub fn lower(file: &File, loader: &dyn SourceLoader) -> (Model, Vec<Diag>) {
    let mut cx = Lowerer {
        symbols: IndexMap::default(),
        ghosts: HashSet::default(),
        decls: Vec::new(),
        current: None,
        diags: Vec::new(),
        soft: Vec::new(),
        loader,
    };
    let items = cx.top_level(file);
    let child_decls = cx.declare(&items);
    let mut model = cx.build(&items, &child_decls);
    let no_stack = !items.iter().any(|(s, _, _)| s.kind == Kind::Stack);
    model.damage = damage::spread(&cx.decls, no_stack);
    let mut diags = cx.diags;
    diags.append(&mut cx.soft);
    (model, diags)
}

impl Lowerer<'_> {
    /// Reports an error in the declaration being lowered, which is then incomplete.
    fn error(&mut self, diag: Diag) {
        if let Some(decl) = self.current.and_then(|i| self.decls.get_mut(i)) {
            decl.broken = true;
        }
        self.diags.push(diag);
    }

    fn new_decl(&mut self, item: &Item, parent: Option<usize>) -> usize {
        self.decls.push(Decl {
            span: item.span,
            // A block a syntax error cut short holds placeholders too.
            broken: item.broken,
            deps: parent.into_iter().collect(),
        });
        self.decls.len() - 1
    }

    /// Known top-level items, with unknown kinds and wrong name counts reported.
    fn top_level<'f>(&mut self, file: &'f File) -> Vec<Top<'f>> {
        let mut out = Vec::new();
        for item in &file.items {
            match schema::by_keyword(&item.kind.value) {
                Some(s) if s.top_level => {
                    if self.names_ok(s, item) {
                        let decl = self.new_decl(item, None);
                        out.push((s, item, decl));
                    } else {
                        self.haunt(item);
                    }
                }
                Some(s) => {
                    self.diags.push(
                        Diag::new(
                            codes::E0002,
                            item.kind.span,
                            format!("`{}` cannot be declared at the top level", item.kind.value),
                            format!(
                                "{} belongs inside `{}`",
                                s.kind.article(),
                                parent_of(s.kind)
                            ),
                        )
                        .help(format!("move it into the `{}` block", parent_of(s.kind))),
                    );
                    self.haunt(item);
                }
                None => {
                    let top: Vec<&str> = Kind::ALL
                        .iter()
                        .map(|k| k.schema())
                        .filter(|s| s.top_level)
                        .map(|s| s.keyword)
                        .collect();
                    self.unknown_kind(item, &top);
                }
            }
        }
        out
    }

    /// One error for a block of an unknown kind; its names are remembered as ghosts.
    fn unknown_kind(&mut self, item: &Item, allowed: &[&str]) {
        self.diags.push(
            Diag::new(
                codes::E0002,
                item.kind.span,
                format!("unknown declaration kind `{}`", item.kind.value),
                "not a kind of declaration",
            )
            .help(did_you_mean(&item.kind.value, allowed, "kind")),
        );
        self.haunt(item);
    }

    /// The names of a block that is not lowered: references to them depend on a broken block.
    fn haunt(&mut self, item: &Item) {
        self.ghosts
            .extend(item.names.iter().map(|n| n.value.clone()));
    }

    fn names_ok(&mut self, s: &KindSchema, item: &Item) -> bool {
        let (ok, what) = match (s.names, item.names.len()) {
            (Names::None, 0) | (Names::One, 1) => (true, ""),
            (Names::Many, 1..) => (true, ""),
            (Names::None, _) => (false, "takes no name"),
            (Names::One | Names::Many, 0) => (false, "needs a name"),
            (Names::One, _) => (false, "takes exactly one name"),
        };
        if !ok {
            let span = item.names.first().map_or(item.kind.span, |n| {
                n.span.to(item.names.last().map_or(n.span, |l| l.span))
            });
            self.error(
                Diag::new(
                    codes::E0014,
                    span,
                    format!("`{}` {what}", s.keyword),
                    what.to_string(),
                )
                .help(match s.names {
                    Names::None => format!("write `{} {{ ... }}`", s.keyword),
                    _ => format!("write `{} my_name {{ ... }}`", s.keyword),
                }),
            );
        }
        ok
    }

    /// Enters every named declaration (top level and nested) into the one namespace. Returns the
    /// declaration of each nested block that will be lowered, by its span.
    fn declare(&mut self, items: &[Top<'_>]) -> IndexMap<Span, usize> {
        let mut counters: IndexMap<Kind, usize> = IndexMap::default();
        let mut child_decls = IndexMap::default();
        for &(s, item, decl) in items {
            if s.kind == Kind::Stack {
                continue;
            }
            self.declare_names(s.kind, item, decl, &mut counters);
            for child in children(item) {
                let Some(cs) = schema::by_keyword(&child.kind.value) else {
                    self.haunt(child);
                    continue;
                };
                if !s.children.contains(&cs.kind) {
                    self.haunt(child);
                } else if cs.names != Names::None && cs.kind != Kind::Shard {
                    // Shard names are local to their group (`shards` lowers them).
                    // The block lives in its parent: a broken parent breaks it too.
                    let child_decl = self.new_decl(child, Some(decl));
                    self.current = Some(child_decl);
                    if self.names_ok(cs, child) {
                        self.declare_names(cs.kind, child, child_decl, &mut counters);
                        child_decls.insert(child.span, child_decl);
                    } else {
                        self.haunt(child);
                    }
                }
            }
        }
        self.current = None;
        child_decls
    }

    fn declare_names(
        &mut self,
        kind: Kind,
        item: &Item,
        decl: usize,
        counters: &mut IndexMap<Kind, usize>,
    ) {
        let outer = self.current.replace(decl);
        for name in &item.names {
            let counter = counters.entry(kind).or_insert(0);
            let index = *counter;
            *counter += 1;
            if let Some(first) = self.symbols.get(&name.value) {
                let first = first.span;
                self.error(
                    Diag::new(
                        codes::E0007,
                        name.span,
                        format!("`{}` is declared twice", name.value),
                        "declared again here",
                    )
                    .with_label(first, "first declared here")
                    .help("every subnet, endpoint, cache, layer, instance and function needs its own name"),
                );
                continue;
            }
            self.symbols.insert(
                name.value.clone(),
                Symbol {
                    kind,
                    index,
                    span: name.span,
                    decl,
                },
            );
        }
        self.current = outer;
    }

    fn build(&mut self, items: &[Top<'_>], child_decls: &IndexMap<Span, usize>) -> Model {
        let mut model = Model::default();
        let mut stacks = Vec::new();
        let mut networks = Vec::new();
        for &(s, item, decl) in items {
            self.current = Some(decl);
            let mut fields = self.fields(s, item);
            match s.kind {
                Kind::Stack => {
                    stacks.push((item, decl));
                    model.stack = Stack {
                        name: name_of(item),
                        region: fields.string("region"),
                        description: fields.string("description"),
                        tags: self.tags(item),
                        span: item.span,
                    };
                }
                Kind::Network => {
                    networks.push((item, decl));
                    if networks.len() == 1 {
                        model.network = self.network(item, &mut fields, child_decls);
                    }
                }
                Kind::ReplicationGroup => model.caches.push(self.cache(item, &mut fields)),
                Kind::Layer => model.layers.push(self.layer(item, &mut fields)),
                Kind::Instance => model.instances.push(self.instance(item, &mut fields)),
                Kind::Function => model.functions.push(self.function(item, &mut fields)),
                Kind::Moved => {
                    if let Some(moved) = self.moved(item, &mut fields) {
                        model.moves.push(moved);
                    }
                }
                Kind::KmsKey => model.kms_keys.push(KmsKey {
                    name: name_of(item),
                    description: fields.string("description"),
                    rotation: fields.boolean("rotation"),
                    on_delete: fields.word("on_delete"),
                    pending_days: fields.int("pending_days"),
                    alias: fields.string("alias"),
                    span: item.span,
                }),
                Kind::ParameterGroup => {
                    let group = self.parameter_group(item, &mut fields);
                    model.parameter_groups.push(group);
                }
                Kind::User => model.users.push(self.user(item, &mut fields)),
                Kind::UserGroup => model.user_groups.push(self.user_group(item, &mut fields)),
                Kind::ServerlessCache => {
                    let cache = self.serverless(item, &mut fields);
                    model.serverless.push(cache);
                }
                Kind::Topic => model.topics.push(Topic {
                    name: name_of(item),
                    email: fields.strings("email").map(|s| s.value).unwrap_or_default(),
                    span: item.span,
                }),
                // Not top-level kinds: `top_level` let none of them through.
                Kind::Subnet
                | Kind::Endpoint
                | Kind::Environment
                | Kind::Tags
                | Kind::Parameters
                | Kind::SlowLog
                | Kind::EngineLog
                | Kind::Alarms
                | Kind::Shard
                | Kind::Limits
                | Kind::Global
                | Kind::Autoscaling => {}
            }
        }
        self.current = None;
        self.exactly_one(
            Kind::Stack,
            &stacks,
            "stack \"my-stack\" { region = \"us-east-1\" }",
        );
        self.exactly_one(
            Kind::Network,
            &networks,
            "network vpc { cidr = \"10.0.0.0/16\" ... }",
        );
        model
    }

    fn exactly_one(&mut self, kind: Kind, found: &[(&Item, usize)], example: &str) {
        let keyword = kind.keyword();
        match found {
            [] => self.diags.push(
                Diag::new(
                    codes::E0010,
                    Span::new(0, 0),
                    format!("the program has no `{keyword}` declaration"),
                    format!("`{keyword}` is required"),
                )
                .help(format!("add `{example}`")),
            ),
            [_] => {}
            [(first, _), rest @ ..] => {
                for &(item, decl) in rest {
                    self.current = Some(decl);
                    self.error(
                        Diag::new(
                            codes::E0010,
                            item.kind.span,
                            format!("only one `{keyword}` may be declared"),
                            "a second one",
                        )
                        .with_label(first.kind.span, "the first one")
                        .help(format!("merge the two `{keyword}` blocks into one")),
                    );
                }
                self.current = None;
            }
        }
    }

    /// Looks a name up, reporting unknown names and names of the wrong kind.
    /// A resolved name becomes a dependency of the declaration being lowered.
    fn resolve(&mut self, kind: Kind, name: &Spanned<String>) -> Option<Ref> {
        match self.symbols.get(&name.value).copied() {
            Some(sym) if sym.kind == kind => {
                if let Some(decl) = self.current.and_then(|i| self.decls.get_mut(i)) {
                    decl.deps.push(sym.decl);
                }
                Some(Ref {
                    name: name.clone(),
                    index: sym.index,
                })
            }
            // Declared by a block already reported: one cause, one error.
            None if self.ghosts.contains(&name.value) => {
                if let Some(decl) = self.current.and_then(|i| self.decls.get_mut(i)) {
                    decl.broken = true;
                }
                None
            }
            Some(sym) => {
                let same: Vec<&str> = self
                    .symbols
                    .iter()
                    .filter(|(_, s)| s.kind == kind)
                    .map(|(n, _)| n.as_str())
                    .collect();
                let help = match same.as_slice() {
                    [] => format!("declare {} and name it here", kind.article()),
                    _ => format!("name {}: {}", kind.article(), same.join(", ")),
                };
                self.error(
                    Diag::new(
                        codes::E0009,
                        name.span,
                        format!(
                            "`{}` is {}, but {} is expected here",
                            name.value,
                            sym.kind.article(),
                            kind.article()
                        ),
                        format!("expected {}", kind.article()),
                    )
                    .with_label(sym.span, format!("`{}` is declared here", name.value))
                    .help(help),
                );
                None
            }
            None => {
                let same: Vec<&str> = self
                    .symbols
                    .iter()
                    .filter(|(_, s)| s.kind == kind)
                    .map(|(n, _)| n.as_str())
                    .collect();
                self.error(
                    Diag::new(
                        codes::E0008,
                        name.span,
                        format!(
                            "no {} named `{}`",
                            kind.keyword().replace('_', " "),
                            name.value
                        ),
                        "not declared",
                    )
                    .help(did_you_mean(&name.value, &same, kind.keyword())),
                );
                None
            }
        }
    }

    fn network(
        &mut self,
        item: &Item,
        fields: &mut Fields,
        child_decls: &IndexMap<Span, usize>,
    ) -> Network {
        let existing = fields.string("existing");
        let cidr = fields.string("cidr");
        if existing.is_none() && cidr.is_none() {
            self.missing_cidr(item, "network", "the VPC");
        }
        let mut network = Network {
            name: name_of(item),
            cidr,
            existing,
            provides: fields.words("provides"),
            dns_support: fields.boolean("dns_support"),
            dns_hostnames: fields.boolean("dns_hostnames"),
            subnets: Vec::new(),
            endpoints: Vec::new(),
            tags: self.tags(item),
            span: item.span,
        };
        let outer = self.current;
        for child in children(item) {
            let (Some(cs), Some(&decl)) = (
                schema::by_keyword(&child.kind.value),
                child_decls.get(&child.span),
            ) else {
                continue;
            };
            self.current = Some(decl);
            let f = self.fields(cs, child);
            match cs.kind {
                Kind::Subnet => {
                    let existing = f.string("existing");
                    let cidr = f.string("cidr");
                    if existing.is_none() && cidr.is_none() {
                        self.missing_cidr(child, "subnet", "the subnet");
                    }
                    network.subnets.push(Subnet {
                        name: name_of(child),
                        zone: f.string("zone").unwrap_or_else(|| missing(child)),
                        cidr,
                        existing,
                        span: child.span,
                    });
                }
                Kind::Endpoint => {
                    let kind = f.word::<EndpointKind>("kind");
                    let subnets = self.refs(&f, "subnets", Kind::Subnet, child.kind.span);
                    let private_dns = f.boolean("private_dns");
                    for name in &child.names {
                        network.endpoints.push(Endpoint {
                            name: name.clone(),
                            kind: kind
                                .clone()
                                .unwrap_or(Spanned::new(EndpointKind::Interface, name.span)),
                            subnets: subnets.value.clone(),
                            private_dns: private_dns.clone(),
                            span: child.span,
                        });
                    }
                }
                // `declare` gives a declaration to subnets and endpoints only.
                Kind::Stack
                | Kind::Network
                | Kind::ReplicationGroup
                | Kind::Layer
                | Kind::Instance
                | Kind::Function
                | Kind::Environment
                | Kind::Moved
                | Kind::Tags
                | Kind::KmsKey
                | Kind::ParameterGroup
                | Kind::Parameters
                | Kind::User
                | Kind::UserGroup
                | Kind::Topic
                | Kind::SlowLog
                | Kind::EngineLog
                | Kind::Alarms
                | Kind::Shard
                | Kind::ServerlessCache
                | Kind::Limits
                | Kind::Global
                | Kind::Autoscaling => {}
            }
        }
        self.current = outer;
        network
    }

    /// `cidr` is required of what cachec creates; an existing network or subnet may leave it out.
    fn missing_cidr(&mut self, item: &Item, keyword: &str, what: &str) {
        if item.broken || item_writes(item, "cidr") {
            return;
        }
        let at = item.names.first().map_or(item.kind.span, |n| n.span);
        self.error(
            Diag::new(
                codes::E0005,
                at,
                format!("`{keyword}` is missing `cidr`"),
                "needs `cidr`",
            )
            .help(format!(
                "add `cidr = ...`: the IPv4 CIDR block of {what} cachec creates, or \
                 `existing = \"...\"` when it exists already"
            )),
        );
    }

    fn cache(&mut self, item: &Item, f: &mut Fields) -> Cache {
        let subnets = self.refs(f, "subnets", Kind::Subnet, item.kind.span);
        Cache {
            name: name_of(item),
            engine: f.string("engine").unwrap_or_else(|| missing(item)),
            engine_version: f.string("engine_version").unwrap_or_else(|| missing(item)),
            node_type: f.string("node_type").unwrap_or_else(|| missing(item)),
            parameter_group: self.ref_or_str(f, "parameter_group", Kind::ParameterGroup),
            port: f.int("port"),
            multi_az: f.boolean("multi_az"),
            automatic_failover: f.boolean("automatic_failover"),
            subnets: subnets.value,
            subnets_span: subnets.span,
            primary_zone: f.string("primary_zone"),
            replica_zones: f.strings("replica_zones"),
            replicas: f.int("replicas"),
            transit_encryption: f.boolean("transit_encryption"),
            at_rest_encryption: f.boolean("at_rest_encryption"),
            auth_token: f.string("auth_token"),
            data_tiering: f.boolean("data_tiering"),
            snapshot_retention: f.int("snapshot_retention"),
            on_delete: f.word("on_delete"),
            export: f.boolean("export"),
            allow_security_groups: f
                .strings("allow_security_groups")
                .map(|s| s.value)
                .unwrap_or_default(),
            maintenance_window: f.string("maintenance_window"),
            snapshot_window: f.string("snapshot_window"),
            transit_mode: f.word("transit_mode"),
            kms_key: self.ref_or_str(f, "kms_key", Kind::KmsKey),
            user_group: self.ref_or_str(f, "user_group", Kind::UserGroup),
            notifications: self.ref_or_str(f, "notifications", Kind::Topic),
            logs: [
                (Kind::SlowLog, LogType::Slow),
                (Kind::EngineLog, LogType::Engine),
            ]
            .into_iter()
            .filter_map(|(kind, log)| self.log(item, kind, log))
            .collect(),
            alarms: self.alarms(item),
            cluster_mode: f.word("cluster_mode"),
            shards: f.int("shards"),
            replicas_per_shard: f.int("replicas_per_shard"),
            shard_blocks: self.shards(item),
            global: self.global(item),
            autoscaling: self.autoscaling(item),
            allow_cidrs: f
                .strings("allow_cidrs")
                .map(|s| s.value)
                .unwrap_or_default(),
            description: f.string("description"),
            tags: self.tags(item),
            span: item.span,
        }
    }

    fn serverless(&mut self, item: &Item, f: &mut Fields) -> Serverless {
        let subnets = self.refs(f, "subnets", Kind::Subnet, item.kind.span);
        Serverless {
            name: name_of(item),
            engine: f.word("engine"),
            major_version: f.string("major_version"),
            subnets: subnets.value,
            subnets_span: subnets.span,
            limits: self.limits(item),
            snapshot_time: f.string("snapshot_time"),
            snapshot_retention: f.int("snapshot_retention"),
            final_snapshot: f.string("final_snapshot"),
            on_delete: f.word("on_delete"),
            user_group: self.ref_or_str(f, "user_group", Kind::UserGroup),
            kms_key: self.ref_or_str(f, "kms_key", Kind::KmsKey),
            export: f.boolean("export"),
            allow_cidrs: f
                .strings("allow_cidrs")
                .map(|s| s.value)
                .unwrap_or_default(),
            description: f.string("description"),
            tags: self.tags(item),
            span: item.span,
        }
    }

    fn limits(&mut self, item: &Item) -> Option<UsageLimits> {
        let (block, f) = self.one_block(item, Kind::Limits, "limits")?;
        Some(UsageLimits {
            keyword: block.kind.span,
            storage_min: f.int("storage_min"),
            storage_max: f.int("storage_max"),
            ecpu_min: f.int("ecpu_min"),
            ecpu_max: f.int("ecpu_max"),
            span: block.span,
        })
    }

    fn layer(&mut self, item: &Item, f: &mut Fields) -> Layer {
        let requirements_file = f.string("requirements_file").map(|path| {
            let lines = self
                .read(&path)
                .map(|text| requirements_txt::lines(&text))
                .unwrap_or_default();
            RequirementsFile { path, lines }
        });
        let content = f.string("content").map(|path| {
            let entries = match self.loader.list(path.value.trim_end_matches('/')) {
                Ok(files) => top_names(&files),
                Err(why) => {
                    self.error(
                        Diag::new(
                            codes::E0013,
                            path.span,
                            format!("cannot read the folder `{}`: {why}", path.value),
                            "this folder",
                        )
                        .help(
                            "the path is relative to the .cache file; check that the folder exists",
                        ),
                    );
                    Vec::new()
                }
            };
            LayerContent { path, entries }
        });
        let requirements = f.strings("requirements");
        Layer {
            name: name_of(item),
            runtime: f.string("runtime").unwrap_or_else(|| missing(item)),
            architecture: f.word("architecture"),
            given: requirements.is_some(),
            requirements: requirements.unwrap_or_else(|| Spanned::new(Vec::new(), item.kind.span)),
            requirements_file,
            content,
            description: f.string("description"),
            tags: self.tags(item),
            span: item.span,
        }
    }

    fn user(&mut self, item: &Item, f: &mut Fields) -> User {
        User {
            name: name_of(item),
            user_name: f.string("user_name"),
            user_id: f.string("user_id"),
            engine: f.word("engine"),
            access: f.string("access").unwrap_or_else(|| missing(item)),
            authentication: f.word("authentication"),
            passwords: f.strings("passwords"),
            span: item.span,
        }
    }

    fn user_group(&mut self, item: &Item, f: &mut Fields) -> UserGroup {
        UserGroup {
            name: name_of(item),
            users: self.refs(f, "users", Kind::User, item.kind.span),
            engine: f.word("engine"),
            span: item.span,
        }
    }

    /// A rename; the old name must be free, since both would emit the same logical ids.
    fn moved(&mut self, item: &Item, f: &mut Fields) -> Option<Moved> {
        let from = f.string("from")?;
        let to = self.one_ref(f, "to", Kind::ReplicationGroup)?;
        if let Some(symbol) = self.symbols.get(&from.value) {
            self.diags.push(
                Diag::new(
                    codes::E0712,
                    from.span,
                    format!(
                        "`{}` is still declared, so nothing can move from it",
                        from.value
                    ),
                    "still declared",
                )
                .with_label(symbol.span, "declared here")
                .help(format!(
                    "remove or rename the declaration of `{}`, or drop this `moved` statement",
                    from.value
                )),
            );
            return None;
        }
        Some(Moved {
            from,
            to,
            span: item.span,
        })
    }

    fn instance(&mut self, item: &Item, f: &mut Fields) -> Instance {
        let subnet = self.one_ref(f, "subnet", Kind::Subnet);
        Instance {
            name: name_of(item),
            subnet: subnet.unwrap_or_else(|| Ref {
                name: missing(item),
                index: usize::MAX,
            }),
            instance_type: f.string("instance_type").unwrap_or_else(|| missing(item)),
            image: f.string("image").unwrap_or_else(|| missing(item)),
            packages: f.strings("packages").map(|s| s.value).unwrap_or_default(),
            session_manager: f.boolean("session_manager"),
            connects: self
                .refs(f, "connects", Kind::ReplicationGroup, item.kind.span)
                .value,
            connects_serverless: self
                .refs(f, "connects", Kind::ServerlessCache, item.kind.span)
                .value,
            imdsv2: f.boolean("imdsv2"),
            ami: f.string("ami"),
            tags: self.tags(item),
            span: item.span,
        }
    }

    fn function(&mut self, item: &Item, f: &mut Fields) -> Function {
        let (source, code, package) = self.function_code(item, f);
        Function {
            name: name_of(item),
            subnets: self.function_subnets(item, f),
            runtime: f.string("runtime").unwrap_or_else(|| missing(item)),
            architecture: f.word("architecture"),
            handler: f.string("handler").unwrap_or_else(|| missing(item)),
            source,
            code,
            package,
            layers: self.refs(f, "layers", Kind::Layer, item.kind.span),
            url: f.word("url"),
            connects: self
                .refs(f, "connects", Kind::ReplicationGroup, item.kind.span)
                .value,
            connects_serverless: self
                .refs(f, "connects", Kind::ServerlessCache, item.kind.span)
                .value,
            timeout: f.int("timeout"),
            memory: f.int("memory"),
            ephemeral_storage: f.int("ephemeral_storage"),
            reserved_concurrency: f.int("reserved_concurrency"),
            user: self.one_ref(f, "user", Kind::User),
            environment: self.environment(item),
            tags: self.tags(item),
            span: item.span,
        }
    }

    /// The one block of `kind` inside `item`, with a second one reported, checked against its
    /// schema; the block itself comes along for the spans of what is said about it.
    fn one_block<'i>(
        &mut self,
        item: &'i Item,
        kind: Kind,
        what: &str,
    ) -> Option<(&'i Item, Fields<'i>)> {
        let keyword = kind.keyword();
        let blocks: Vec<&Item> = children(item).filter(|c| c.kind.value == keyword).collect();
        for extra in blocks.iter().skip(1) {
            self.error(
                Diag::new(
                    codes::E0006,
                    extra.kind.span,
                    format!("`{keyword}` is given twice"),
                    "given again here",
                )
                .with_label(
                    blocks.first().map_or(extra.kind.span, |b| b.kind.span),
                    "first given here",
                )
                .help(format!("put all {what} in one `{keyword}` block")),
            );
        }
        let block = blocks.first()?;
        if !self.names_ok(kind.schema(), block) {
            return None;
        }
        Some((block, self.fields(kind.schema(), block)))
    }

    /// `tags { team = "payments"  "cost-center" = "42" }`: numbers and booleans are their text.
    fn tags(&mut self, item: &Item) -> Vec<Tag> {
        let Some((_, fields)) = self.one_block(item, Kind::Tags, "tags") else {
            return Vec::new();
        };
        let mut tags = Vec::new();
        for (key, attr) in &fields.attrs {
            let value = match &attr.value.kind {
                ValueKind::Str(s) => s.clone(),
                ValueKind::Int(n) => n.to_string(),
                ValueKind::Bool(b) => b.to_string(),
                // A value per environment was chosen before lowering: only the others get here.
                ValueKind::Path(_) | ValueKind::List(_) | ValueKind::PerEnv(_) => {
                    self.error(
                        Diag::new(
                            codes::E0004,
                            attr.value.span,
                            format!(
                                "a tag's value is a string, not {}",
                                attr.value.kind.describe()
                            ),
                            "not a string",
                        )
                        .help("quote the value, such as \"payments\""),
                    );
                    continue;
                }
            };
            tags.push(Tag {
                key: Spanned::new((*key).to_string(), attr.key.span),
                value: Spanned::new(value, attr.value.span),
            });
        }
        tags
    }

    fn parameter_group(&mut self, item: &Item, f: &mut Fields) -> ParameterGroup {
        let mut parameters = Vec::new();
        if let Some((_, fields)) = self.one_block(item, Kind::Parameters, "parameters") {
            for (key, attr) in &fields.attrs {
                let value = match &attr.value.kind {
                    ValueKind::Str(s) => ParamValue::Text(s.clone()),
                    ValueKind::Int(n) => ParamValue::Int(*n),
                    ValueKind::Bool(b) => ParamValue::Bool(*b),
                    // A bare word, as `maxmemory-policy = noeviction`.
                    ValueKind::Path(p) if p.len() == 1 => {
                        ParamValue::Text(p.first().map(|w| w.value.clone()).unwrap_or_default())
                    }
                    other => {
                        self.error(
                            Diag::new(
                                codes::E0004,
                                attr.value.span,
                                format!(
                                    "a parameter is a string, a number or yes/no, not {}",
                                    other.describe()
                                ),
                                "not a parameter value",
                            )
                            .help("write one value, such as \"allkeys-lru\", 300 or true"),
                        );
                        continue;
                    }
                };
                parameters.push(Parameter {
                    name: Spanned::new((*key).to_string(), attr.key.span),
                    value: Spanned::new(value, attr.value.span),
                });
            }
        }
        ParameterGroup {
            name: name_of(item),
            family: f.string("family").unwrap_or_else(|| missing(item)),
            description: f.string("description"),
            parameters,
            span: item.span,
        }
    }

    /// `shard NAME { ... }` blocks of a replication group; their names are the group's own.
    fn shards(&mut self, item: &Item) -> Vec<Shard> {
        let keyword = Kind::Shard.keyword();
        let mut out: Vec<Shard> = Vec::new();
        for block in children(item).filter(|c| c.kind.value == keyword) {
            if !self.names_ok(Kind::Shard.schema(), block) {
                continue;
            }
            let name = name_of(block);
            if let Some(first) = out.iter().find(|s| s.name.value == name.value) {
                let first = first.name.span;
                self.error(
                    Diag::new(
                        codes::E0007,
                        name.span,
                        format!("shard `{}` is declared twice in this group", name.value),
                        "declared again here",
                    )
                    .with_label(first, "first declared here")
                    .help("give every shard of the group its own name"),
                );
                continue;
            }
            let f = self.fields(Kind::Shard.schema(), block);
            out.push(Shard {
                name,
                slots: f.string("slots"),
                primary_zone: f.string("primary_zone"),
                replica_zones: f.strings("replica_zones"),
                span: block.span,
            });
        }
        out
    }

    /// `slow_log { ... }` or `engine_log { ... }`: at most one of each per replication group.
    fn log(&mut self, item: &Item, kind: Kind, log: LogType) -> Option<LogDelivery> {
        let (block, f) = self.one_block(item, kind, "settings of this log")?;
        Some(LogDelivery {
            log,
            keyword: block.kind.span,
            to: f.word("to"),
            format: f.word("format"),
            retention: f.int("retention"),
            stream: f.string("stream"),
            span: block.span,
        })
    }

    fn alarms(&mut self, item: &Item) -> Option<Alarms> {
        let (block, f) = self.one_block(item, Kind::Alarms, "thresholds")?;
        Some(Alarms {
            keyword: block.kind.span,
            cpu: f.int("cpu"),
            memory: f.int("memory"),
            evictions: f.int("evictions"),
            replication_lag: f.int("replication_lag"),
            connections: f.int("connections"),
            swap: f.int("swap"),
            span: block.span,
        })
    }

    fn global(&mut self, item: &Item) -> Option<Global> {
        let (block, f) = self.one_block(item, Kind::Global, "secondary regions")?;
        Some(Global {
            keyword: block.kind.span,
            regions: f
                .strings("regions")
                .unwrap_or_else(|| Spanned::new(Vec::new(), block.kind.span)),
            span: block.span,
        })
    }

    /// `autoscaling { ... }`: a dimension is scaled when both its bounds are written; one bound
    /// alone, or no dimension at all, is E1075.
    fn autoscaling(&mut self, item: &Item) -> Option<Autoscaling> {
        let (block, f) = self.one_block(item, Kind::Autoscaling, "auto scaling settings")?;
        let dimension = |this: &mut Self, what: &str| {
            let min = f.int(&format!("{what}_min"));
            let max = f.int(&format!("{what}_max"));
            let target = f.int(&format!("{what}_target"));
            match (min, max) {
                (Some(min), Some(max)) => Some(Scaling { min, max, target }),
                (None, None) => None,
                (Some(one), None) | (None, Some(one)) => {
                    this.error(
                        Diag::new(
                            codes::E1075,
                            one.span,
                            format!(
                                "auto scaling of {what} needs both `{what}_min` and `{what}_max`"
                            ),
                            "only this bound is given",
                        )
                        .help(format!("write `{what}_min` and `{what}_max` together")),
                    );
                    None
                }
            }
        };
        let replicas = dimension(self, "replicas");
        let shards = dimension(self, "shards");
        let bounds = ["replicas_min", "replicas_max", "shards_min", "shards_max"];
        if !bounds.iter().any(|b| f.attrs.contains_key(b)) {
            self.error(
                Diag::new(
                    codes::E1075,
                    block.kind.span,
                    "`autoscaling` scales nothing",
                    "no bounds given",
                )
                .help("write `replicas_min` and `replicas_max`, or `shards_min` and `shards_max`"),
            );
        }
        Some(Autoscaling {
            keyword: block.kind.span,
            replicas,
            shards,
            shards_metric: f.word("shards_metric"),
            span: block.span,
        })
    }

    fn environment(&mut self, item: &Item) -> Vec<EnvVar> {
        let mut vars = Vec::new();
        let Some((_, fields)) = self.one_block(item, Kind::Environment, "variables") else {
            return vars;
        };
        for (key, attr) in &fields.attrs {
            let value = match &attr.value.kind {
                ValueKind::Str(s) => Some(EnvValue::Text(s.clone())),
                ValueKind::Int(n) => Some(EnvValue::Text(n.to_string())),
                ValueKind::Bool(b) => Some(EnvValue::Text(b.to_string())),
                ValueKind::Path(path) => self.cache_attr(path, &attr.value),
                ValueKind::List(_) | ValueKind::PerEnv(_) => {
                    self.error(
                        Diag::new(
                            codes::E0004,
                            attr.value.span,
                            "an environment variable cannot hold a list",
                            "a list",
                        )
                        .help("join the items into one string, such as \"a,b\""),
                    );
                    None
                }
            };
            if let Some(value) = value {
                vars.push(EnvVar {
                    key: Spanned::new((*key).to_string(), attr.key.span),
                    value: Spanned::new(value, attr.value.span),
                });
            }
        }
        vars
    }

    /// `cache.primary_address` and friends.
    fn cache_attr(&mut self, path: &[Spanned<String>], value: &Value) -> Option<EnvValue> {
        let names: Vec<&str> = schema::CACHE_ATTRS.iter().map(|(n, _)| *n).collect();
        let [target, attr] = path else {
            self.error(
                Diag::new(
                    codes::E0004,
                    value.span,
                    "expected a value such as \"text\" or cache.port",
                    match path.len() {
                        1 => "a bare name",
                        _ => "too many parts",
                    },
                )
                .help(format!(
                    "name an attribute of a replication group: {}",
                    path.first().map_or(String::new(), |t| names
                        .iter()
                        .map(|n| format!("{}.{n}", t.value))
                        .collect::<Vec<_>>()
                        .join(", "))
                )),
            );
            return None;
        };
        if self
            .symbols
            .get(&target.value)
            .is_some_and(|s| s.kind == Kind::ServerlessCache)
        {
            return self.serverless_attr(target, attr);
        }
        let cache = self.resolve(Kind::ReplicationGroup, target)?;
        let attr_value = match attr.value.as_str() {
            "primary_address" => CacheAttr::PrimaryAddress,
            "reader_address" => CacheAttr::ReaderAddress,
            "port" => CacheAttr::Port,
            "configuration_address" => CacheAttr::ConfigurationAddress,
            "configuration_port" => CacheAttr::ConfigurationPort,
            _ => {
                self.unknown_attr(attr, "a replication group", schema::CACHE_ATTRS);
                return None;
            }
        };
        Some(EnvValue::Cache {
            cache,
            attr: attr_value,
        })
    }

    /// `cache.address` and friends, of a serverless cache.
    fn serverless_attr(
        &mut self,
        target: &Spanned<String>,
        attr: &Spanned<String>,
    ) -> Option<EnvValue> {
        let cache = self.resolve(Kind::ServerlessCache, target)?;
        let attr_value = match attr.value.as_str() {
            "address" => ServerlessAttr::Address,
            "reader_address" => ServerlessAttr::ReaderAddress,
            "port" => ServerlessAttr::Port,
            "reader_port" => ServerlessAttr::ReaderPort,
            _ => {
                self.unknown_attr(attr, "a serverless cache", schema::SERVERLESS_ATTRS);
                return None;
            }
        };
        Some(EnvValue::Serverless {
            cache,
            attr: attr_value,
        })
    }

    /// E0011: `attr` is none of `attrs`, the attributes (name, doc) of `kind`'s resource.
    fn unknown_attr(&mut self, attr: &Spanned<String>, kind: &str, attrs: &[(&str, &str)]) {
        let names: Vec<&str> = attrs.iter().map(|(n, _)| *n).collect();
        let other = &attr.value;
        self.error(
            Diag::new(
                codes::E0011,
                attr.span,
                format!("{kind} has no attribute `{other}`"),
                "unknown attribute",
            )
            .help(did_you_mean(other, &names, "attribute")),
        );
    }

    /// The references under `key`; an absent key (already reported if required) is an empty list
    /// at `absent`, the block's keyword, so anything said about it points into the block.
    fn refs(&mut self, f: &Fields, key: &str, kind: Kind, absent: Span) -> Spanned<Vec<Ref>> {
        let Some(attr) = f.attrs.get(key) else {
            return Spanned::new(Vec::new(), absent);
        };
        let ValueKind::List(items) = &attr.value.kind else {
            return Spanned::new(Vec::new(), attr.value.span);
        };
        let mut refs = Vec::new();
        for v in items {
            if let ValueKind::Path(p) = &v.kind
                && let [name] = p.as_slice()
                && let Some(sym) = self.symbols.get(&name.value)
                && sym.kind == kind
            {
                refs.push(Ref {
                    name: name.clone(),
                    index: sym.index,
                });
            }
        }
        Spanned::new(refs, attr.value.span)
    }

    /// A `Ty::RefOrStr` value: a quoted string names a thing outside the program.
    fn ref_or_str(&mut self, f: &Fields, key: &str, kind: Kind) -> Option<RefOrStr> {
        match f.string(key) {
            Some(existing) => Some(RefOrStr::Existing(existing)),
            None => self.one_ref(f, key, kind).map(RefOrStr::Declared),
        }
    }

    fn one_ref(&mut self, f: &Fields, key: &str, kind: Kind) -> Option<Ref> {
        let attr = f.attrs.get(key)?;
        let ValueKind::Path(p) = &attr.value.kind else {
            return None;
        };
        let [name] = p.as_slice() else { return None };
        let sym = self.symbols.get(&name.value)?;
        (sym.kind == kind).then(|| Ref {
            name: name.clone(),
            index: sym.index,
        })
    }
}

fn children(item: &Item) -> impl Iterator<Item = &Item> {
    item.entries.iter().filter_map(|e| match e {
        Entry::Item(i) => Some(i),
        Entry::Attr(_) => None,
    })
}

fn name_of(item: &Item) -> Spanned<String> {
    item.names
        .first()
        .cloned()
        .unwrap_or_else(|| Spanned::new(String::new(), item.kind.span))
}

/// Placeholder for a required value that is missing (already reported); empty text.
/// Whether `key` was written (and perhaps already reported as badly typed).
fn item_writes(item: &Item, key: &str) -> bool {
    item.entries
        .iter()
        .any(|e| matches!(e, Entry::Attr(a) if a.key.value == key))
}

fn missing(item: &Item) -> Spanned<String> {
    Spanned::new(String::new(), item.kind.span)
}

fn parent_of(kind: Kind) -> &'static str {
    schema::SCHEMAS
        .iter()
        .find(|s| s.children.contains(&kind))
        .map_or("", |s| s.keyword)
}
