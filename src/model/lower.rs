//! Lowering: the AST checked against the schema, names resolved, typed model built.
//! Every structural mistake becomes a diagnostic; lowering goes on to report them all.

use indexmap::IndexMap;

use super::schema::{self, Kind, KindSchema, Names, Ty};
use super::types::*;
use crate::diag::suggest::{closest, did_you_mean};
use crate::diag::{Diag, codes};
use crate::span::{Span, Spanned};
use crate::syntax::ast::{Attr, Entry, File, Item, Value, ValueKind};

/// Reads a function's source file by the path written in the program.
pub trait SourceLoader {
    fn load(&self, path: &str) -> Result<String, String>;
}

/// A declared name: its kind, its index among declarations of that kind, and where it was declared.
#[derive(Debug, Clone, Copy)]
struct Symbol {
    kind: Kind,
    index: usize,
    span: Span,
}

struct Lowerer<'a> {
    symbols: IndexMap<String, Symbol>,
    diags: Vec<Diag>,
    loader: &'a dyn SourceLoader,
}

/// Lowers a parsed file. The model is returned even with errors, holding what could be resolved.
pub fn lower(file: &File, loader: &dyn SourceLoader) -> (Model, Vec<Diag>) {
    let mut cx = Lowerer {
        symbols: IndexMap::new(),
        diags: Vec::new(),
        loader,
    };
    let items = cx.top_level(file);
    cx.declare(&items);
    let model = cx.build(&items);
    (model, cx.diags)
}

impl Lowerer<'_> {
    /// Known top-level items, with unknown kinds and wrong name counts reported.
    fn top_level<'f>(&mut self, file: &'f File) -> Vec<(&'static KindSchema, &'f Item)> {
        let mut out = Vec::new();
        for item in &file.items {
            match schema::by_keyword(&item.kind.value) {
                Some(s) if s.top_level => {
                    if self.names_ok(s, item) {
                        out.push((s, item));
                    }
                }
                Some(s) => self.diags.push(
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
                ),
                None => {
                    let top: Vec<&str> = schema::SCHEMAS
                        .iter()
                        .filter(|s| s.top_level)
                        .map(|s| s.keyword)
                        .collect();
                    self.unknown_kind(item, &top);
                }
            }
        }
        out
    }

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
            self.diags.push(
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

    /// Enters every named declaration (top level and nested) into the one namespace.
    fn declare(&mut self, items: &[(&'static KindSchema, &Item)]) {
        let mut counters: IndexMap<Kind, usize> = IndexMap::new();
        for (s, item) in items {
            if s.kind == Kind::Stack {
                continue;
            }
            self.declare_names(s.kind, item, &mut counters);
            for child in children(item) {
                if let Some(cs) = schema::by_keyword(&child.kind.value)
                    && s.children.contains(&cs.kind)
                    && cs.names != Names::None
                {
                    self.declare_names(cs.kind, child, &mut counters);
                }
            }
        }
    }

    fn declare_names(&mut self, kind: Kind, item: &Item, counters: &mut IndexMap<Kind, usize>) {
        for name in &item.names {
            let counter = counters.entry(kind).or_insert(0);
            let index = *counter;
            *counter += 1;
            if let Some(first) = self.symbols.get(&name.value) {
                self.diags.push(
                    Diag::new(
                        codes::E0007,
                        name.span,
                        format!("`{}` is declared twice", name.value),
                        "declared again here",
                    )
                    .with_label(first.span, "first declared here")
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
                },
            );
        }
    }

    fn build(&mut self, items: &[(&'static KindSchema, &Item)]) -> Model {
        let mut model = Model::default();
        let mut stacks = Vec::new();
        let mut networks = Vec::new();
        for (s, item) in items {
            let mut fields = self.fields(s, item);
            match s.kind {
                Kind::Stack => stacks.push(item),
                Kind::Network => networks.push(item),
                Kind::ReplicationGroup => model.caches.push(self.cache(item, &mut fields)),
                Kind::Layer => model.layers.push(self.layer(item, &mut fields)),
                Kind::Instance => model.instances.push(self.instance(item, &mut fields)),
                Kind::Function => model.functions.push(self.function(item, &mut fields)),
                Kind::Moved => {
                    if let Some(moved) = self.moved(item, &mut fields) {
                        model.moves.push(moved);
                    }
                }
                _ => {}
            }
            if s.kind == Kind::Stack {
                model.stack = Stack {
                    name: name_of(item),
                    region: fields.string("region"),
                    description: fields.string("description"),
                    span: item.span,
                };
            }
            if s.kind == Kind::Network && networks.len() == 1 {
                model.network = self.network(item, &mut fields);
            }
        }
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

    fn exactly_one(&mut self, kind: Kind, found: &[&&Item], example: &str) {
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
            [first, rest @ ..] => {
                for item in rest {
                    self.diags.push(
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
            }
        }
    }

    /// Validates an item's entries against its schema and collects them by key.
    fn fields<'i>(&mut self, s: &'static KindSchema, item: &'i Item) -> Fields<'i> {
        let mut attrs: IndexMap<&'i str, &'i Attr> = IndexMap::new();
        // A misspelt key is reported once, as unknown with its suggestion, not also as missing.
        let mut suggested: Vec<&str> = Vec::new();
        for entry in &item.entries {
            let Entry::Attr(attr) = entry else { continue };
            let key = attr.key.value.as_str();
            if let Some(first) = attrs.get(key) {
                self.diags.push(
                    Diag::new(
                        codes::E0006,
                        attr.key.span,
                        format!("`{key}` is given twice"),
                        "given again here",
                    )
                    .with_label(first.key.span, "first given here")
                    .help("keep one of the two"),
                );
                continue;
            }
            if s.free_keys {
                attrs.insert(key, attr);
                continue;
            }
            match s.key(key) {
                None => {
                    let keys: Vec<&str> = s.keys.iter().map(|k| k.name).collect();
                    let children: Vec<&str> = s.children.iter().map(|k| k.keyword()).collect();
                    let help = if children.contains(&key) {
                        format!("`{key}` is a block: write `{key} {{ ... }}` without `=`")
                    } else {
                        suggested.extend(closest(key, keys.iter().copied()));
                        did_you_mean(key, &keys, "attribute")
                    };
                    self.diags.push(
                        Diag::new(
                            codes::E0003,
                            attr.key.span,
                            format!("`{}` has no attribute `{key}`", s.keyword),
                            "unknown attribute",
                        )
                        .help(help),
                    );
                }
                Some(k) => {
                    if self.type_ok(k.ty, &attr.value) {
                        attrs.insert(key, attr);
                    }
                }
            }
        }
        for k in s.keys.iter().filter(|k| k.required) {
            if !attrs.contains_key(k.name)
                && !self.reported_key(item, k.name)
                && !suggested.contains(&k.name)
            {
                let at = item.names.first().map_or(item.kind.span, |n| n.span);
                self.diags.push(
                    Diag::new(
                        codes::E0005,
                        at,
                        format!("`{}` is missing `{}`", s.keyword, k.name),
                        format!("needs `{}`", k.name),
                    )
                    .help(format!(
                        "add `{} = ...`: {} ({})",
                        k.name,
                        k.doc,
                        k.ty.describe()
                    )),
                );
            }
        }
        self.check_children(s, item);
        Fields { attrs }
    }

    /// Whether a key was written (and already reported as badly typed), to avoid a second report.
    fn reported_key(&self, item: &Item, key: &str) -> bool {
        item.entries
            .iter()
            .any(|e| matches!(e, Entry::Attr(a) if a.key.value == key))
    }

    fn check_children(&mut self, s: &KindSchema, item: &Item) {
        for child in children(item) {
            match schema::by_keyword(&child.kind.value) {
                Some(cs) if s.children.contains(&cs.kind) => {}
                _ if s.children.is_empty() => self.diags.push(
                    Diag::new(
                        codes::E0002,
                        child.kind.span,
                        format!("`{}` cannot contain blocks", s.keyword),
                        "unexpected block",
                    )
                    .help(format!(
                        "write attributes as `key = value` inside `{}`",
                        s.keyword
                    )),
                ),
                _ => {
                    let allowed: Vec<&str> = s.children.iter().map(|k| k.keyword()).collect();
                    self.unknown_kind(child, &allowed);
                }
            }
        }
    }

    fn type_ok(&mut self, ty: Ty, value: &Value) -> bool {
        let ok = match (ty, &value.kind) {
            (Ty::Str, ValueKind::Str(_))
            | (Ty::Int, ValueKind::Int(_))
            | (Ty::Bool, ValueKind::Bool(_)) => true,
            (Ty::Strs, ValueKind::List(items)) => {
                return items.iter().all(|v| self.type_ok(Ty::Str, v));
            }
            (Ty::Word(words), ValueKind::Path(p)) if p.len() == 1 => {
                return self.word_ok(words, value, p.first().map_or("", |n| n.value.as_str()));
            }
            (Ty::Word(words), ValueKind::Str(s)) => return self.word_ok(words, value, s),
            (Ty::Ref(kind), ValueKind::Path(p)) if p.len() == 1 => {
                return p.first().is_some_and(|n| self.resolve(kind, n).is_some());
            }
            (Ty::Refs(kind), ValueKind::List(items)) => {
                let mut all = true;
                for v in items {
                    all &= self.type_ok(Ty::Ref(kind), v);
                }
                return all;
            }
            _ => false,
        };
        if !ok {
            let help = match (ty, &value.kind) {
                (Ty::Str, ValueKind::Path(_)) => "put the value in double quotes".to_string(),
                (Ty::Refs(_) | Ty::Strs, _) => "wrap the value in a list: [ ... ]".to_string(),
                (Ty::Ref(_), ValueKind::Str(s)) => format!("write the name without quotes: {s}"),
                _ => format!("write {}", ty.describe()),
            };
            self.diags.push(
                Diag::new(
                    codes::E0004,
                    value.span,
                    format!(
                        "expected {}, found {}",
                        ty.describe(),
                        value.kind.describe()
                    ),
                    format!("expected {}", ty.describe()),
                )
                .help(help),
            );
        }
        ok
    }

    fn word_ok(&mut self, words: &[&str], value: &Value, word: &str) -> bool {
        if words.contains(&word) {
            return true;
        }
        self.diags.push(
            Diag::new(
                codes::E0012,
                value.span,
                format!("`{word}` is not allowed here"),
                format!("expected one of {}", words.join(", ")),
            )
            .help(did_you_mean(word, words, "value")),
        );
        false
    }

    /// Looks a name up, reporting unknown names and names of the wrong kind.
    fn resolve(&mut self, kind: Kind, name: &Spanned<String>) -> Option<Ref> {
        match self.symbols.get(&name.value).copied() {
            Some(sym) if sym.kind == kind => Some(Ref {
                name: name.clone(),
                index: sym.index,
            }),
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
                self.diags.push(
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
                self.diags.push(
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

    fn network(&mut self, item: &Item, fields: &mut Fields) -> Network {
        let mut network = Network {
            name: name_of(item),
            cidr: fields.string("cidr").unwrap_or_else(|| missing(item)),
            dns_support: fields.boolean("dns_support"),
            dns_hostnames: fields.boolean("dns_hostnames"),
            subnets: Vec::new(),
            endpoints: Vec::new(),
            span: item.span,
        };
        for child in children(item) {
            let Some(cs) = schema::by_keyword(&child.kind.value) else {
                continue;
            };
            if !self.names_ok(cs, child) {
                continue;
            }
            let f = self.fields(cs, child);
            match cs.kind {
                Kind::Subnet => network.subnets.push(Subnet {
                    name: name_of(child),
                    zone: f.string("zone").unwrap_or_else(|| missing(child)),
                    cidr: f.string("cidr").unwrap_or_else(|| missing(child)),
                    span: child.span,
                }),
                Kind::Endpoint => {
                    let kind = f.word("kind").map(|w| {
                        let k = if w.value == "gateway" {
                            EndpointKind::Gateway
                        } else {
                            EndpointKind::Interface
                        };
                        Spanned::new(k, w.span)
                    });
                    let subnets = self.refs(&f, "subnets", Kind::Subnet);
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
                _ => {}
            }
        }
        network
    }

    fn cache(&mut self, item: &Item, f: &mut Fields) -> Cache {
        let subnets = self.refs(f, "subnets", Kind::Subnet);
        Cache {
            name: name_of(item),
            engine: f.string("engine").unwrap_or_else(|| missing(item)),
            engine_version: f.string("engine_version").unwrap_or_else(|| missing(item)),
            node_type: f.string("node_type").unwrap_or_else(|| missing(item)),
            parameter_group: f.string("parameter_group"),
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
            allow_cidrs: f
                .strings("allow_cidrs")
                .map(|s| s.value)
                .unwrap_or_default(),
            description: f.string("description"),
            span: item.span,
        }
    }

    fn layer(&mut self, item: &Item, f: &mut Fields) -> Layer {
        Layer {
            name: name_of(item),
            runtime: f.string("runtime").unwrap_or_else(|| missing(item)),
            architecture: f.arch("architecture"),
            requirements: f
                .strings("requirements")
                .unwrap_or_else(|| Spanned::new(Vec::new(), item.kind.span)),
            description: f.string("description"),
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
            connects: self.refs(f, "connects", Kind::ReplicationGroup).value,
            span: item.span,
        }
    }

    fn function(&mut self, item: &Item, f: &mut Fields) -> Function {
        let source = f.string("source").unwrap_or_else(|| missing(item));
        let code = if source.value.is_empty() {
            String::new()
        } else {
            match self.loader.load(&source.value) {
                Ok(code) => code,
                Err(why) => {
                    self.diags.push(
                        Diag::new(
                            codes::E0013,
                            source.span,
                            format!("cannot read `{}`: {why}", source.value),
                            "this file",
                        )
                        .help(
                            "the path is relative to the .cache file; check that the file exists",
                        ),
                    );
                    String::new()
                }
            }
        };
        let url = f.word("url").map(|w| {
            let auth = if w.value == "public" {
                UrlAuth::Public
            } else {
                UrlAuth::Iam
            };
            Spanned::new(auth, w.span)
        });
        Function {
            name: name_of(item),
            subnet: self.one_ref(f, "subnet", Kind::Subnet),
            runtime: f.string("runtime").unwrap_or_else(|| missing(item)),
            architecture: f.arch("architecture"),
            handler: f.string("handler").unwrap_or_else(|| missing(item)),
            source,
            code,
            layers: self.refs(f, "layers", Kind::Layer),
            url,
            connects: self.refs(f, "connects", Kind::ReplicationGroup).value,
            timeout: f.int("timeout"),
            memory: f.int("memory"),
            ephemeral_storage: f.int("ephemeral_storage"),
            environment: self.environment(item),
            span: item.span,
        }
    }

    fn environment(&mut self, item: &Item) -> Vec<EnvVar> {
        let mut vars = Vec::new();
        let blocks: Vec<&Item> = children(item)
            .filter(|c| c.kind.value == Kind::Environment.keyword())
            .collect();
        for extra in blocks.iter().skip(1) {
            self.diags.push(
                Diag::new(
                    codes::E0006,
                    extra.kind.span,
                    "`environment` is given twice",
                    "given again here",
                )
                .with_label(
                    blocks.first().map_or(extra.kind.span, |b| b.kind.span),
                    "first given here",
                )
                .help("put all variables in one `environment` block"),
            );
        }
        let Some(block) = blocks.first() else {
            return vars;
        };
        if !self.names_ok(Kind::Environment.schema(), block) {
            return vars;
        }
        let fields = self.fields(Kind::Environment.schema(), block);
        for (key, attr) in &fields.attrs {
            let value = match &attr.value.kind {
                ValueKind::Str(s) => Some(EnvValue::Text(s.clone())),
                ValueKind::Int(n) => Some(EnvValue::Text(n.to_string())),
                ValueKind::Bool(b) => Some(EnvValue::Text(b.to_string())),
                ValueKind::Path(path) => self.cache_attr(path, &attr.value),
                ValueKind::List(_) => {
                    self.diags.push(
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
            self.diags.push(
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
        let cache = self.resolve(Kind::ReplicationGroup, target)?;
        let attr_value = match attr.value.as_str() {
            "primary_address" => CacheAttr::PrimaryAddress,
            "reader_address" => CacheAttr::ReaderAddress,
            "port" => CacheAttr::Port,
            other => {
                self.diags.push(
                    Diag::new(
                        codes::E0011,
                        attr.span,
                        format!("a replication group has no attribute `{other}`"),
                        "unknown attribute",
                    )
                    .help(did_you_mean(other, &names, "attribute")),
                );
                return None;
            }
        };
        Some(EnvValue::Cache {
            cache,
            attr: attr_value,
        })
    }

    fn refs(&mut self, f: &Fields, key: &str, kind: Kind) -> Spanned<Vec<Ref>> {
        let Some(attr) = f.attrs.get(key) else {
            return Spanned::new(Vec::new(), Span::default());
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

/// Attributes of one item that passed the schema, by key.
struct Fields<'i> {
    attrs: IndexMap<&'i str, &'i Attr>,
}

impl Fields<'_> {
    fn value(&self, key: &str) -> Option<&Value> {
        self.attrs.get(key).map(|a| &a.value)
    }

    fn string(&self, key: &str) -> Option<Spanned<String>> {
        match self.value(key)? {
            Value {
                kind: ValueKind::Str(s),
                span,
            } => Some(Spanned::new(s.clone(), *span)),
            _ => None,
        }
    }

    fn int(&self, key: &str) -> Option<Spanned<i64>> {
        match self.value(key)? {
            Value {
                kind: ValueKind::Int(n),
                span,
            } => Some(Spanned::new(*n, *span)),
            _ => None,
        }
    }

    fn boolean(&self, key: &str) -> Option<Spanned<bool>> {
        match self.value(key)? {
            Value {
                kind: ValueKind::Bool(b),
                span,
            } => Some(Spanned::new(*b, *span)),
            _ => None,
        }
    }

    fn strings(&self, key: &str) -> Option<Spanned<Vec<Spanned<String>>>> {
        let value = self.value(key)?;
        let ValueKind::List(items) = &value.kind else {
            return None;
        };
        let strings = items
            .iter()
            .filter_map(|v| match &v.kind {
                ValueKind::Str(s) => Some(Spanned::new(s.clone(), v.span)),
                _ => None,
            })
            .collect();
        Some(Spanned::new(strings, value.span))
    }

    /// A bare word or string from a fixed set (already validated).
    fn word(&self, key: &str) -> Option<Spanned<String>> {
        let value = self.value(key)?;
        match &value.kind {
            ValueKind::Str(s) => Some(Spanned::new(s.clone(), value.span)),
            ValueKind::Path(p) => p.first().map(|n| Spanned::new(n.value.clone(), value.span)),
            _ => None,
        }
    }

    fn arch(&self, key: &str) -> Option<Spanned<Arch>> {
        self.word(key).map(|w| {
            let arch = if w.value == "arm64" {
                Arch::Arm64
            } else {
                Arch::X86_64
            };
            Spanned::new(arch, w.span)
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
fn missing(item: &Item) -> Spanned<String> {
    Spanned::new(String::new(), item.kind.span)
}

fn parent_of(kind: Kind) -> &'static str {
    schema::SCHEMAS
        .iter()
        .find(|s| s.children.contains(&kind))
        .map_or("", |s| s.keyword)
}
