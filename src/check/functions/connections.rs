//! The cache connections a function's source opens, and whether each uses TLS: textually, from the
//! client constructors of redis-py, valkey-py, GLIDE, node-redis and ioredis. No interpreter.
//!
//! A connection is `On` (TLS), `Off` (clear text) or `Unknown` when its TLS setting is computed
//! (`ssl=USE_TLS`), spread in (`**options`, `...options`) or comes from a variable (a URL, a pool).

use crate::aws::runtimes;
use crate::check::functions::sources;
use crate::model::Function;

/// Whether a connection uses TLS, as far as the text shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tls {
    On,
    Off,
    Unknown,
}

/// One client the source constructs: the file and the 1-based line its constructor is on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Connection {
    pub tls: Tls,
    pub file: String,
    pub line: usize,
}

/// Constructors whose arguments say whether the client uses TLS. Python's are redis-py's and
/// valkey-py's clients and pools and GLIDE's configurations; Node.js's are node-redis
/// (`createClient`, `createCluster`, also GLIDE's `GlideClient.createClient`) and ioredis.
const PYTHON: &[&str] = &[
    "Redis",
    "StrictRedis",
    "RedisCluster",
    "Valkey",
    "StrictValkey",
    "ValkeyCluster",
    "from_url",
    "ConnectionPool",
    "BlockingConnectionPool",
    "GlideClientConfiguration",
    "GlideClusterClientConfiguration",
];
const NODE: &[&str] = &[
    "createClient",
    "createCluster",
    "Redis",
    "Cluster",
    "Valkey",
];

/// Calls that open a TLS socket by hand (`ssl.wrap_socket`, `SSLContext.wrap_socket`; Node.js's
/// `tls.connect`).
const PYTHON_RAW_TLS: &[&str] = &["wrap_socket"];
const NODE_RAW_TLS: &[&str] = &["tls.connect"];

/// The longest argument list read: a call whose closing parenthesis is further is `Unknown`, and
/// no input makes the scan quadratic in the file's length.
const MAX_ARGS: usize = 2_000;

/// Every connection the function's source constructs, in file and line order.
pub fn found(function: &Function) -> Vec<Connection> {
    let python = match runtimes::language(&function.runtime.value) {
        "python" => true,
        "nodejs" => false,
        _ => return Vec::new(),
    };
    let mut out = Vec::new();
    for (file, text) in sources::files(function) {
        out.extend(
            in_file(text, python)
                .into_iter()
                .map(|(tls, line)| Connection {
                    tls,
                    file: file.clone(),
                    line,
                }),
        );
    }
    out
}

/// The connections one file constructs, as (TLS, line), in line order.
fn in_file(text: &str, python: bool) -> Vec<(Tls, usize)> {
    let code = Code::read(text, python);
    let (names, raw) = if python {
        (PYTHON, PYTHON_RAW_TLS)
    } else {
        (NODE, NODE_RAW_TLS)
    };
    let mut out = Vec::new();
    for (at, name, open) in code.calls(names) {
        let tls = match code.arguments(open + 1) {
            Some(args) if python => python_tls(name, args),
            Some(args) => node_tls(args),
            None => Tls::Unknown,
        };
        out.push((at, tls));
    }
    out.extend(code.calls(raw).into_iter().map(|(at, _, _)| (at, Tls::On)));
    out.sort_by_key(|&(at, _)| at);
    out.into_iter()
        .map(|(at, tls)| (tls, code.line(at)))
        .collect()
}

/// A source's text with its comments blanked, and which bytes lie inside string literals.
struct Code {
    text: String,
    in_string: Vec<bool>,
    /// Where each line after the first starts.
    lines: Vec<usize>,
}

impl Code {
    fn read(source: &str, python: bool) -> Code {
        let mut text = Vec::with_capacity(source.len());
        let mut in_string = Vec::with_capacity(source.len());
        let mut rest = source.as_bytes();
        while let Some(&first) = rest.first() {
            let line_comment = if python {
                first == b'#'
            } else {
                rest.starts_with(b"//")
            };
            let (len, blank, string) = if line_comment {
                let end = rest.iter().position(|&b| b == b'\n');
                (end.unwrap_or(rest.len()), true, false)
            } else if !python && rest.starts_with(b"/*") {
                (find(rest, b"*/").map_or(rest.len(), |e| e + 2), true, false)
            } else if first == b'"' || first == b'\'' || (!python && first == b'`') {
                let triple = python && (rest.starts_with(b"\"\"\"") || rest.starts_with(b"'''"));
                (
                    string_len(rest, triple, triple || first == b'`'),
                    false,
                    true,
                )
            } else {
                (1, false, false)
            };
            let (taken, tail) = rest.split_at_checked(len.max(1)).unwrap_or((rest, &[]));
            if blank {
                text.extend(taken.iter().map(|&b| if b == b'\n' { b'\n' } else { b' ' }));
            } else {
                text.extend_from_slice(taken);
            }
            in_string.extend(std::iter::repeat_n(string, taken.len()));
            rest = tail;
        }
        // Comments are blanked byte for byte with spaces, and strings end at ASCII quotes or
        // line ends, so the text is still UTF-8.
        let text = String::from_utf8(text).unwrap_or_default();
        let lines = text.match_indices('\n').map(|(i, _)| i + 1).collect();
        Code {
            text,
            in_string,
            lines,
        }
    }

    fn in_string(&self, at: usize) -> bool {
        self.in_string.get(at).copied().unwrap_or(false)
    }

    /// Each call of one of `names` outside strings: where it starts, the name, and where its
    /// parenthesis is. A name is matched whole (after a dot or a non-word); definitions are not
    /// calls.
    fn calls<'n>(&self, names: &[&'n str]) -> Vec<(usize, &'n str, usize)> {
        let mut out = Vec::new();
        for &name in names {
            for (at, _) in self.text.match_indices(name) {
                let head = self.text.get(..at).unwrap_or_default();
                let after = self.text.get(at + name.len()..).unwrap_or_default();
                let after = after.trim_start_matches([' ', '\t']);
                let word_before = head
                    .bytes()
                    .next_back()
                    .is_some_and(|b| b.is_ascii_alphanumeric() || b == b'_');
                let head = head.trim_end();
                let definition = head.ends_with("def") || head.ends_with("function");
                if self.in_string(at) || word_before || definition || !after.starts_with('(') {
                    continue;
                }
                out.push((at, name, self.text.len() - after.len()));
            }
        }
        out
    }

    /// The text between the parenthesis before `start` and the one that closes it, when it
    /// closes within `MAX_ARGS` bytes.
    fn arguments(&self, start: usize) -> Option<&str> {
        let mut depth = 0usize;
        let bytes = self.text.bytes().zip(self.in_string.iter().copied());
        for (i, (b, string)) in bytes.enumerate().skip(start).take(MAX_ARGS) {
            match b {
                _ if string => {}
                b'(' | b'[' | b'{' => depth += 1,
                b')' | b']' | b'}' if depth > 0 => depth -= 1,
                b')' => return self.text.get(start..i),
                _ => {}
            }
        }
        None
    }

    fn line(&self, at: usize) -> usize {
        self.lines.partition_point(|&start| start <= at) + 1
    }
}

/// Bytes of the string literal at the start of `rest`, its quotes included; a string that is
/// not `multiline` and does not close ends at the line's end.
fn string_len(rest: &[u8], triple: bool, multiline: bool) -> usize {
    let Some(&quote) = rest.first() else {
        return 0;
    };
    let open = if triple { 3 } else { 1 };
    let mut i = open;
    while let Some(&b) = rest.get(i) {
        if b == b'\\' {
            i += 2;
            continue;
        }
        if b == b'\n' && !multiline {
            return i;
        }
        if b == quote && (!triple || rest.get(i..i + 3) == rest.get(..3)) {
            return (i + open).min(rest.len());
        }
        i += 1;
    }
    rest.len()
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

/// The value written for the keyword argument or property `key` (`ssl=`, `tls:`), up to the next
/// comma, closing bracket or line end; `None` when `key` is not there.
fn value<'a>(args: &'a str, key: &str, sign: char) -> Option<&'a str> {
    for (at, _) in args.match_indices(key) {
        let before = args.get(..at).unwrap_or_default().bytes().next_back();
        if before.is_some_and(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'.') {
            continue;
        }
        let rest = args.get(at + key.len()..).unwrap_or_default().trim_start();
        let Some(rest) = rest.strip_prefix(sign) else {
            if rest.starts_with(|c: char| c.is_ascii_alphanumeric() || c == '_') {
                continue;
            }
            // A property written by its name alone (`{ tls }`): its value is a variable.
            return Some("");
        };
        if rest.starts_with('=') {
            continue;
        }
        let rest = rest.trim_start();
        if rest.starts_with('{') {
            return Some("{");
        }
        let end = rest.find([',', ')', '}', ']', '\n']).unwrap_or(rest.len());
        return rest.get(..end).map(str::trim);
    }
    None
}

/// What a URL written in the arguments says: `rediss://` and `valkeys://` are TLS.
fn url_tls(args: &str) -> Option<Tls> {
    if args.contains("rediss://") || args.contains("valkeys://") {
        Some(Tls::On)
    } else if args.contains("redis://") || args.contains("valkey://") {
        Some(Tls::Off)
    } else {
        None
    }
}

fn python_tls(name: &str, args: &str) -> Tls {
    if args.contains("**") || value(args, "connection_pool", '=').is_some() {
        return Tls::Unknown;
    }
    if let Some(tls) = url_tls(args) {
        return tls;
    }
    if name.ends_with("from_url") {
        return Tls::Unknown;
    }
    if let Some(class) = value(args, "connection_class", '=') {
        return if class.ends_with("SSLConnection") {
            Tls::On
        } else {
            Tls::Unknown
        };
    }
    match value(args, "ssl", '=').or_else(|| value(args, "use_tls", '=')) {
        Some("True") => Tls::On,
        Some("False") | None => Tls::Off,
        Some(_) => Tls::Unknown,
    }
}

fn node_tls(args: &str) -> Tls {
    if args.contains("...") {
        return Tls::Unknown;
    }
    if let Some(tls) = url_tls(args) {
        return tls;
    }
    let trimmed = args.trim();
    if !trimmed.is_empty() && !trimmed.contains(['{', '[', '"', '\'', '`']) {
        // `createClient(options)`: the options are a variable.
        return Tls::Unknown;
    }
    for nested in ["socket", "redisOptions"] {
        if value(args, nested, ':').is_some_and(|v| v != "{") {
            return Tls::Unknown;
        }
    }
    match value(args, "tls", ':').or_else(|| value(args, "useTLS", ':')) {
        Some("true" | "{") => Tls::On,
        Some("false" | "null" | "undefined") | None => Tls::Off,
        Some(_) => Tls::Unknown,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn python(source: &str) -> Vec<(Tls, usize)> {
        in_file(source, true)
    }

    fn node(source: &str) -> Vec<(Tls, usize)> {
        in_file(source, false)
    }

    #[test]
    fn redis_py_clients_by_their_ssl_argument() {
        assert_eq!(
            python("c = redis.Redis(host=H, port=P, ssl=True)\n"),
            [(Tls::On, 1)]
        );
        assert_eq!(
            python("import redis\nc = redis.Redis(host=H,\n  port=P)\n"),
            [(Tls::Off, 2)]
        );
        assert_eq!(python("c = Redis(ssl = False)"), [(Tls::Off, 1)]);
        assert_eq!(
            python("c = RedisCluster(host=H, ssl=TLS)"),
            [(Tls::Unknown, 1)]
        );
        assert_eq!(python("c = Redis(**options)"), [(Tls::Unknown, 1)]);
        assert_eq!(
            python("c = Redis(connection_pool=pool)"),
            [(Tls::Unknown, 1)]
        );
        assert_eq!(
            python("p = ConnectionPool(connection_class=SSLConnection)"),
            [(Tls::On, 1)]
        );
        assert_eq!(
            python("c = GlideClientConfiguration(addresses, use_tls=True)"),
            [(Tls::On, 1)]
        );
    }

    #[test]
    fn urls_say_tls_with_their_scheme_and_a_url_in_a_variable_is_unknown() {
        assert_eq!(
            python("c = redis.from_url(f\"rediss://{HOST}:6379\")"),
            [(Tls::On, 1)]
        );
        assert_eq!(
            python("c = redis.from_url('redis://localhost')"),
            [(Tls::Off, 1)]
        );
        assert_eq!(python("c = redis.from_url(URL)"), [(Tls::Unknown, 1)]);
        assert_eq!(
            node("const c = createClient({ url: `rediss://${host}:6379` });"),
            [(Tls::On, 1)]
        );
    }

    #[test]
    fn comments_strings_and_definitions_are_not_connections() {
        assert_eq!(python("# c = redis.Redis(host=H)\n"), []);
        assert_eq!(python("\"\"\"Uses redis.Redis(host=H).\"\"\"\n"), []);
        assert_eq!(
            python("print('Redis(x)')\ndef from_url(u):\n    pass\n"),
            []
        );
        assert_eq!(node("// createClient({})\n/* new Redis() */\n"), []);
        assert_eq!(python("x = MyRedis(host=H)"), []);
    }

    #[test]
    fn node_clients_by_their_tls_option() {
        assert_eq!(
            node("const c = createClient({ socket: { host, port, tls: true } });"),
            [(Tls::On, 1)]
        );
        assert_eq!(
            node("const c = new Redis({ host, port, tls: {} });"),
            [(Tls::On, 1)]
        );
        assert_eq!(
            node("const c = new Redis({ host, port });"),
            [(Tls::Off, 1)]
        );
        assert_eq!(
            node("const c = createClient({ socket: { tls: false } });"),
            [(Tls::Off, 1)]
        );
        assert_eq!(
            node("const c = createClient(options);"),
            [(Tls::Unknown, 1)]
        );
        assert_eq!(
            node("const c = createClient({ socket: socketOptions });"),
            [(Tls::Unknown, 1)]
        );
        assert_eq!(
            node("const c = new Redis({ host, tls });"),
            [(Tls::Unknown, 1)]
        );
        assert_eq!(
            node("const c = createClient({ ...base, url });"),
            [(Tls::Unknown, 1)]
        );
        assert_eq!(
            node("const s = tls.connect({ host, port }, () => {});"),
            [(Tls::On, 1)]
        );
    }

    #[test]
    fn a_call_that_never_closes_is_unknown_and_ends_the_scan() {
        assert_eq!(python("c = redis.Redis(host=H,"), [(Tls::Unknown, 1)]);
        let long = format!("c = Redis({})", "x".repeat(MAX_ARGS + 1));
        assert_eq!(python(&long), [(Tls::Unknown, 1)]);
        assert_eq!(
            python("Redis(\"unclosed\nRedis(ssl=True)"),
            [(Tls::Unknown, 1), (Tls::On, 2)]
        );
    }

    /// Pieces of the syntax the scan reads, and the bytes it must not trip on.
    const PIECES: &[&str] = &[
        "Redis",
        "createClient",
        "from_url",
        "tls.connect",
        "wrap_socket",
        "(",
        ")",
        "{",
        "}",
        "[",
        "ssl",
        "=",
        "True",
        "tls",
        ":",
        "true",
        ",",
        "\"",
        "'",
        "`",
        "\"\"\"",
        "\\",
        "#",
        "//",
        "/*",
        "*/",
        "\n",
        " ",
        "é",
        "rediss://",
        "**",
        "...",
        "def ",
    ];

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig { cases: 2_000, failure_persistence: None, ..Default::default() })]

        /// Any soup of these pieces is scanned without a panic, and every line found is in the text.
        #[test]
        fn any_text_is_scanned(words in proptest::collection::vec(proptest::sample::select(PIECES), 0..60)) {
            let text = words.concat();
            for python in [true, false] {
                for (_, line) in in_file(&text, python) {
                    proptest::prop_assert!(line >= 1 && line <= text.lines().count().max(1));
                }
            }
        }
    }
}
