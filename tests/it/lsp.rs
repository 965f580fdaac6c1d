//! `cachec lsp` as a process, spoken to over Content-Length framed JSON-RPC like an editor does:
//! diagnostics published and cleared, hover, definition, completion and symbols on the example.

use std::path::Path;

use serde_json::{Value, json};

use crate::lsp_client::{Client, example, example_named, file_uri, range};

fn codes(diags: &[Value]) -> Vec<&str> {
    diags.iter().map(|d| d["code"].as_str().unwrap()).collect()
}

/// The example's own warnings (no TLS, a function in one zone, a public URL without a cap, as in
/// the tutorial): what "clean" means for it.
const EXAMPLE_WARNINGS: [&str; 4] = ["W0502", "W0420", "W0423", "W0501"];

fn replaced(text: &str, old: &str, new: &str) -> String {
    assert!(text.contains(old), "`{old}` is in the example");
    text.replacen(old, new, 1)
}

#[test]
fn diagnostics_are_published_on_open_and_change_and_cleared_when_fixed() {
    let (uri, good) = example();
    // An unknown key after non-ASCII text on its line, a duplicate name, and a reference that then
    // resolves to nothing.
    let bad = replaced(
        &good,
        "region = \"ap-northeast-1\"",
        "region = \"ap-northeast-1\"  description = \"東京 🚀\"  colour = \"x\"",
    );
    let bad = replaced(&bad, "subnet cache_d", "subnet cache_a");
    let mut client = Client::start();
    client.open(&uri, &bad);
    let diags = client.diagnostics(&uri, 1);
    assert_eq!(codes(&diags), ["E0003", "E0007", "E0008"]);

    let unknown = &diags[0];
    assert_eq!(
        unknown["range"],
        range(&bad, bad.find("colour").unwrap(), 6)
    );
    assert_eq!(unknown["severity"], 1);
    assert_eq!(unknown["source"], "cachec");
    let message = unknown["message"].as_str().unwrap();
    assert!(
        message.starts_with("`stack` has no attribute `colour`\nhelp: "),
        "{message}"
    );

    let duplicate = &diags[1];
    let second = bad.match_indices("subnet cache_a").nth(1).unwrap().0 + "subnet ".len();
    let first = bad.find("subnet cache_a").unwrap() + "subnet ".len();
    assert_eq!(duplicate["range"], range(&bad, second, 7));
    let related = duplicate["relatedInformation"].as_array().unwrap();
    assert_eq!(related.len(), 1);
    assert_eq!(related[0]["message"], "first declared here");
    assert_eq!(related[0]["location"]["uri"], uri.as_str());
    assert_eq!(related[0]["location"]["range"], range(&bad, first, 7));

    let missing = &diags[2];
    let at = bad.find("cache_d]").unwrap();
    assert_eq!(missing["range"], range(&bad, at, 7));
    assert!(missing.get("relatedInformation").is_none());

    client.replace(&uri, 2, &good);
    assert_eq!(codes(&client.diagnostics(&uri, 2)), EXAMPLE_WARNINGS);

    // Incremental edits: a syntax error, then its fix.
    let mut text = good.clone();
    client.edit(
        &uri,
        3,
        &mut text,
        "port            = 6379",
        "port            = ",
    );
    // The replication group is cut short, so its own findings wait, and so do those of the
    // function, which connects to it.
    let diags = client.diagnostics(&uri, 3);
    assert_eq!(codes(&diags), ["E0001"]);
    // The next line is `multi_az = true`, not the value: the error is on the line of `port =`.
    let eq = text.find("port            = ").unwrap() + "port            ".len();
    assert_eq!(diags[0]["range"], range(&text, eq, 1));
    client.edit(
        &uri,
        4,
        &mut text,
        "port            = ",
        "port            = 6380",
    );
    assert_eq!(codes(&client.diagnostics(&uri, 4)), EXAMPLE_WARNINGS);

    client.notify(
        "textDocument/didClose",
        json!({ "textDocument": { "uri": uri } }),
    );
    let msg = client.recv();
    assert_eq!(msg["method"], "textDocument/publishDiagnostics");
    assert_eq!(msg["params"]["diagnostics"], json!([]));
    client.shutdown();
}

#[test]
fn hover_shows_documentation_and_what_a_reference_is() {
    let (uri, text) = example();
    let mut client = Client::start();
    client.open(&uri, &text);
    client.diagnostics(&uri, 1);
    let mut hover = |needle: &str, delta: usize| -> String {
        let offset = text.find(needle).unwrap_or_else(|| panic!("{needle}")) + delta;
        let result = client.at("textDocument/hover", &uri, &text, offset);
        assert_eq!(result["contents"]["kind"], "markdown");
        result["contents"]["value"].as_str().unwrap().to_string()
    };
    let key = hover("engine_version", 3);
    assert!(
        key.contains("`engine_version` in `replication_group` (required)"),
        "{key}"
    );
    assert!(key.contains("major.minor"), "{key}");
    assert!(key.contains("Value: a string"), "{key}");

    // Range, default and CloudFormation target come from the schema.
    let port = hover("port            = 6379", 1);
    assert!(
        port.contains("(optional, default `6379`)")
            && port.contains("Value: an integer from 1 to 65535")
            && port.contains("`AWS::ElastiCache::ReplicationGroup` `Port`"),
        "{port}"
    );

    let word = hover("gateway", 0);
    assert!(word.contains("Value: one of gateway, interface"), "{word}");

    let kind = hover("replication_group", 0);
    assert!(
        kind.contains("Required: `engine`, `engine_version`"),
        "{kind}"
    );

    let reference = hover("connects        = [cache]", "connects        = [".len());
    assert!(
        reference.contains("```cache\nreplication_group cache {"),
        "{reference}"
    );
    assert!(
        reference.contains("A replication group `cache`, declared on line 17"),
        "{reference}"
    );

    let member = hover("cache.primary_address", "cache.".len() + 2);
    assert!(
        member.contains("DNS name of the primary endpoint"),
        "{member}"
    );

    let variable = hover("REDIS_PORT", 0);
    assert!(
        variable.contains("a variable of the `environment` block"),
        "{variable}"
    );

    let offset = text.find("# ElastiCache").unwrap() + 3;
    assert_eq!(
        client.at("textDocument/hover", &uri, &text, offset),
        Value::Null
    );
    client.shutdown();
}

#[test]
fn definition_goes_from_references_to_declarations_and_source_files() {
    let (uri, text) = example();
    let mut client = Client::start();
    client.open(&uri, &text);
    client.diagnostics(&uri, 1);
    let offset = text.find("subnet       = lambda").unwrap() + "subnet       = ".len();
    let target = client.at("textDocument/definition", &uri, &text, offset);
    assert_eq!(target["uri"], uri.as_str());
    let declared = text.find("subnet lambda").unwrap() + "subnet ".len();
    assert_eq!(target["range"], range(&text, declared, "lambda".len()));

    let offset = text.find("\"probe.py\"").unwrap() + 2;
    let target = client.at("textDocument/definition", &uri, &text, offset);
    let probe = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/fa-063/probe.py");
    assert_eq!(target["uri"], file_uri(&probe));

    // A word that is not a reference goes nowhere.
    let offset = text.find("gateway").unwrap();
    assert_eq!(
        client.at("textDocument/definition", &uri, &text, offset),
        Value::Null
    );
    client.shutdown();
}

fn labels(items: &Value) -> Vec<String> {
    items
        .as_array()
        .expect("a list of items")
        .iter()
        .map(|i| i["label"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn completion_offers_keys_of_the_block_and_names_of_the_right_kind() {
    let (uri, mut text) = example();
    let mut client = Client::start();
    client.open(&uri, &text);
    client.diagnostics(&uri, 1);

    // At the start of a line, before the key written there: a new key of the replication group.
    let offset = text.find("subnets         = [cache_a").unwrap();
    let keys = labels(&client.at("textDocument/completion", &uri, &text, offset));
    assert!(keys.contains(&"automatic_failover".to_string()), "{keys:?}");
    assert!(keys.contains(&"snapshot_retention".to_string()), "{keys:?}");
    assert!(
        !keys.iter().any(|k| k == "engine" || k == "port"),
        "given keys: {keys:?}"
    );
    assert!(
        !keys.contains(&"runtime".to_string()),
        "a layer's key: {keys:?}"
    );

    // While the text does not parse, names come from the tree of what parses, which is still
    // checked (the example's own warnings stay).
    client.edit(
        &uri,
        2,
        &mut text,
        "connects        = [cache]",
        "connects        = [",
    );
    assert_eq!(
        codes(&client.diagnostics(&uri, 2)),
        ["W0502", "E0001", "W0420", "W0423", "W0501"]
    );
    let offset = text.find("connects        = [").unwrap() + "connects        = [".len();
    let names = labels(&client.at("textDocument/completion", &uri, &text, offset));
    assert_eq!(names, ["cache"]);
    let offset = text.find("layers       = [redis_py]").unwrap() + "layers       = [".len();
    let layers = labels(&client.at("textDocument/completion", &uri, &text, offset));
    assert_eq!(layers, ["redis_py"]);
    let offset = text.find("subnet       = lambda").unwrap() + "subnet       = ".len();
    let subnets = labels(&client.at("textDocument/completion", &uri, &text, offset));
    assert_eq!(subnets, ["instance", "lambda", "cache_a", "cache_d"]);
    let offset = text.find("url          = \"public\"").unwrap() - 2;
    let words = labels(&client.at("textDocument/completion", &uri, &text, offset));
    // fa-063's function sets `timeout`, not `memory`: only the keys not yet written are offered.
    assert!(words.contains(&"memory".to_string()), "{words:?}");
    assert!(!words.contains(&"timeout".to_string()), "{words:?}");
    let offset = text.find("cache.reader_address").unwrap() + "cache.".len();
    let members = labels(&client.at("textDocument/completion", &uri, &text, offset));
    assert_eq!(
        members,
        [
            "primary_address",
            "reader_address",
            "port",
            "configuration_address",
            "configuration_port"
        ]
    );

    // Hover and definition still work on the tree of what parses, past the broken line too.
    let offset = text.find("engine_version").unwrap();
    let hover = client.at("textDocument/hover", &uri, &text, offset);
    assert!(
        hover["contents"]["value"]
            .as_str()
            .unwrap()
            .contains("major.minor")
    );
    let offset = text.find("subnet       = lambda").unwrap() + "subnet       = ".len();
    let target = client.at("textDocument/definition", &uri, &text, offset);
    let declared = text.find("subnet lambda").unwrap() + "subnet ".len();
    assert_eq!(target["range"], range(&text, declared, "lambda".len()));
    let offset = text.find("REDIS_PORT").unwrap();
    let hover = client.at("textDocument/hover", &uri, &text, offset);
    assert_eq!(hover["range"], range(&text, offset, "REDIS_PORT".len()));
    client.shutdown();
}

#[test]
fn document_symbols_outline_the_declarations() {
    let (uri, text) = example();
    let mut client = Client::start();
    client.open(&uri, &text);
    client.diagnostics(&uri, 1);
    let symbols = client.request(
        "textDocument/documentSymbol",
        json!({ "textDocument": { "uri": uri } }),
    );
    let names = |list: &Value| -> Vec<String> {
        list.as_array()
            .unwrap()
            .iter()
            .map(|s| s["name"].as_str().unwrap().to_string())
            .collect()
    };
    assert_eq!(
        names(&symbols),
        ["fa-063", "vpc", "cache", "redis_py", "client", "probe"]
    );
    let vpc = &symbols[1];
    assert_eq!(vpc["detail"], "network");
    assert_eq!(
        names(&vpc["children"]),
        [
            "instance",
            "lambda",
            "cache_a",
            "cache_d",
            "s3",
            "ssm, ssmmessages, ec2messages"
        ]
    );
    let start = text.find("network vpc").unwrap();
    let end = text.find("\n}\n\nreplication_group").unwrap() + 2;
    assert_eq!(vpc["range"], range(&text, start, end - start));
    assert_eq!(
        vpc["selectionRange"],
        range(&text, start + "network ".len(), 3)
    );
    assert_eq!(names(&symbols[5]["children"]), ["environment"]);
    client.shutdown();
}

#[test]
fn the_server_survives_any_text_and_bad_requests() {
    let (uri, text) = example();
    let mut client = Client::start();
    client.open(&uri, "");
    client.diagnostics(&uri, 1);
    let mut version = 1;
    let mut texts: Vec<String> = (0..text.len())
        .step_by(37)
        .filter(|i| text.is_char_boundary(*i))
        .map(|i| text[..i].to_string())
        .collect();
    texts.extend(
        [
            "}",
            "{",
            "\"",
            "= = [",
            "a.b.c.d = x",
            "stack",
            "\u{feff}é\r\n\t🚀",
            "[[[[",
            "x { y = [z,, }",
        ]
        .map(String::from),
    );
    texts.push(format!("stack \"s\" {{}}\n{}", "a {".repeat(5000)));
    for t in &texts {
        version += 1;
        client.replace(&uri, version, t);
        for offset in [0, t.len() / 2, t.len()] {
            let offset = (0..=offset).rev().find(|i| t.is_char_boundary(*i)).unwrap();
            for method in [
                "textDocument/hover",
                "textDocument/completion",
                "textDocument/definition",
            ] {
                client.at(method, &uri, t, offset);
            }
        }
        client.request(
            "textDocument/documentSymbol",
            json!({ "textDocument": { "uri": uri } }),
        );
        assert!(!client.diagnostics(&uri, version).is_empty() || t.is_empty());
    }
    // Positions far outside the text, unknown methods and malformed parameters get answers.
    let far =
        json!({ "textDocument": { "uri": uri }, "position": { "line": 9999, "character": 9999 } });
    client.request("textDocument/hover", far);
    let unknown = client.respond("textDocument/rename", json!({}));
    assert_eq!(unknown["error"]["code"], -32601);
    let malformed = client.respond("textDocument/hover", json!({ "textDocument": 3 }));
    assert_eq!(malformed["error"]["code"], -32602);
    let unopened = json!({ "textDocument": { "uri": "file:///nowhere.cache" }, "position": { "line": 0, "character": 0 } });
    assert_eq!(client.request("textDocument/hover", unopened), Value::Null);
    // After all that, the example still checks to its own warnings only.
    client.replace(&uri, version + 1, &text);
    assert_eq!(
        codes(&client.diagnostics(&uri, version + 1)),
        EXAMPLE_WARNINGS
    );
    client.shutdown();
}

#[test]
fn an_unsaved_document_reports_its_source_file_as_unreadable() {
    let (_, text) = example();
    let mut client = Client::start();
    client.open("untitled:Untitled-1", &text);
    let diags = client.diagnostics("untitled:Untitled-1", 1);
    // The function whose source cannot be read is not checked further (its URL warning waits);
    // the cache does not depend on it and keeps its warning.
    assert_eq!(codes(&diags), ["W0502", "E0013"]);
    client.shutdown();
}

#[test]
fn incremental_edits_count_utf16_units_after_non_ascii_text() {
    let uri = "untitled:unicode";
    // 🚀 is two UTF-16 units and four bytes, é one unit and two bytes.
    let mut text = String::from(
        "# Tōkyō 🚀 cache\nstack \"s\" { description = \"é🚀\" }  # ünïcode 🚀\nnetwork vpc { cidr = \"10.0.0.0/16\" }\n",
    );
    let mut client = Client::start();
    client.open(uri, &text);
    assert_eq!(client.diagnostics(uri, 1), Vec::<Value>::new());
    client.edit(
        uri,
        2,
        &mut text,
        "\" }  # ünïcode",
        "\" colour = 1 }  # ünïcode",
    );
    let diags = client.diagnostics(uri, 2);
    assert_eq!(codes(&diags), ["E0003"]);
    let colour = text.find("colour").unwrap();
    assert_eq!(diags[0]["range"], range(&text, colour, "colour".len()));
    // 32 UTF-16 units; 31 characters, 35 bytes.
    assert_eq!(diags[0]["range"]["start"]["character"], 32);
    client.edit(uri, 3, &mut text, " colour = 1", "");
    assert_eq!(client.diagnostics(uri, 3), Vec::<Value>::new());
    client.shutdown();
}

#[test]
fn formatting_replaces_the_text_with_the_formatted_program_and_leaves_broken_text_alone() {
    let (uri, text) = example();
    let messy = text.replacen("  engine          = \"redis\"", "engine=\"redis\"", 1);
    assert_ne!(messy, text);
    let mut client = Client::start();
    client.open(&uri, &messy);
    client.diagnostics(&uri, 1);
    let params = json!({ "textDocument": { "uri": uri }, "options": { "tabSize": 2, "insertSpaces": true } });
    let edits = client.request("textDocument/formatting", params.clone());
    let edits = edits.as_array().expect("a list of edits");
    assert_eq!(edits.len(), 1);
    assert_eq!(
        edits[0]["newText"],
        text.as_str(),
        "the example is the formatted form"
    );
    assert_eq!(
        edits[0]["range"]["start"],
        json!({ "line": 0, "character": 0 })
    );

    client.replace(&uri, 2, "network vpc {");
    client.diagnostics(&uri, 2);
    assert_eq!(
        client.request("textDocument/formatting", params),
        Value::Null
    );
    client.shutdown();
}

#[test]
fn a_document_opened_with_syntax_errors_gets_hover_and_completion_where_it_parses() {
    let (uri, good) = example();
    // Three declarations broken, none of them the replication group or the function.
    let text = replaced(&good, "cidr = \"10.0.0.0/16\"", "cidr \"10.0.0.0/16\"");
    let text = replaced(
        &text,
        "requirements = [\"redis==5.2.1\"]",
        "requirements = [\"redis==5.2.1\" \"x\"]",
    );
    let text = replaced(
        &text,
        "packages        = [\"redis-cli\"]",
        "packages        =",
    );
    let mut client = Client::start();
    client.open(&uri, &text);
    let diags = client.diagnostics(&uri, 1);
    let syntax: Vec<u64> = diags
        .iter()
        .filter(|d| d["code"] == "E0001")
        .map(|d| d["range"]["start"]["line"].as_u64().unwrap())
        .collect();
    let line = |needle: &str| text[..text.find(needle).unwrap()].matches('\n').count() as u64;
    assert_eq!(
        syntax,
        [line("cidr \""), line("requirements"), line("packages")]
    );

    let offset = text.find("engine_version").unwrap();
    let hover = client.at("textDocument/hover", &uri, &text, offset);
    assert!(
        hover["contents"]["value"]
            .as_str()
            .unwrap()
            .contains("major.minor")
    );
    let offset = text.find("layers       = [redis_py]").unwrap() + "layers       = [".len();
    let layers = labels(&client.at("textDocument/completion", &uri, &text, offset));
    assert_eq!(layers, ["redis_py"]);
    let offset = text.find("connects     = [cache]").unwrap() + "connects     = [".len();
    let caches = labels(&client.at("textDocument/completion", &uri, &text, offset));
    assert_eq!(caches, ["cache"]);
    client.shutdown();
}

#[test]
fn kms_keys_get_hover_and_completion_from_the_schema() {
    let (uri, text) = example_named("production");
    let mut client = Client::start();
    client.open(&uri, &text);
    client.diagnostics(&uri, 1);
    let hover = |client: &mut Client, needle: &str| -> String {
        let offset = text.find(needle).unwrap_or_else(|| panic!("{needle}"));
        let result = client.at("textDocument/hover", &uri, &text, offset);
        result["contents"]["value"]
            .as_str()
            .unwrap_or_default()
            .to_string()
    };
    let kind = hover(&mut client, "kms_key cache_key");
    assert!(
        kind.contains("snapshot encrypted with it unreadable"),
        "{kind}"
    );
    let mode = hover(&mut client, "transit_mode");
    assert!(mode.contains("Value: one of preferred, required"), "{mode}");
    let window = hover(&mut client, "maintenance_window");
    assert!(window.contains("PreferredMaintenanceWindow"), "{window}");

    // The value of the group's `kms_key`, however the formatter aligns it.
    let offset = text.find("= cache_key").unwrap() + "= ".len();
    let names = labels(&client.at("textDocument/completion", &uri, &text, offset));
    assert_eq!(names, ["cache_key"]);
    let offset = text.find("  alias       =").unwrap();
    let keys = labels(&client.at("textDocument/completion", &uri, &text, offset));
    assert!(
        keys.contains(&"pending_days".to_string()) && keys.contains(&"rotation".to_string()),
        "{keys:?}"
    );
    client.shutdown();
}

#[test]
fn users_and_user_groups_get_hover_and_completion_from_the_schema() {
    let (uri, text) = example_named("production");
    let mut client = Client::start();
    client.open(&uri, &text);
    client.diagnostics(&uri, 1);

    let offset = text.find("access    = \"on").unwrap() + 2;
    let hover = client.at("textDocument/hover", &uri, &text, offset);
    let value = hover["contents"]["value"].as_str().unwrap().to_string();
    assert!(value.contains("`access` in `user` (required)"), "{value}");
    assert!(
        value.contains("`AWS::ElastiCache::User` `AccessString`"),
        "{value}"
    );

    let offset = text.find("user_group app_users").unwrap();
    let hover = client.at("textDocument/hover", &uri, &text, offset);
    let value = hover["contents"]["value"].as_str().unwrap().to_string();
    assert!(value.contains("Required: `users`"), "{value}");

    // A user group's `users` offers users; a replication group's `user_group` offers groups.
    let offset = text.find("users = [").unwrap() + "users = [".len();
    let users = labels(&client.at("textDocument/completion", &uri, &text, offset));
    assert_eq!(users, ["nobody", "app_user"]);
    let offset = text.find("user_group            = ").unwrap() + "user_group            = ".len();
    let groups = labels(&client.at("textDocument/completion", &uri, &text, offset));
    assert_eq!(groups, ["app_users"]);
    let offset = text
        .find("passwords = [\"secretsmanager:production/app")
        .unwrap()
        - 2;
    let keys = labels(&client.at("textDocument/completion", &uri, &text, offset));
    assert!(keys.contains(&"authentication".to_string()), "{keys:?}");
    client.shutdown();
}

#[test]
fn completion_and_hover_reach_topics_logs_and_alarms() {
    let (uri, text) = example();
    let text = replaced(
        &text,
        "replica_zones   = [\"d\"]  # one read replica",
        "replica_zones   = [\"d\"]\n  notifications   = alerts\n  slow_log { to = cloudwatch }\n  alarms {  }",
    );
    let text = format!("{text}\ntopic alerts {{ email = [\"ops@example.com\"] }}\n");
    let mut client = Client::start();
    client.open(&uri, &text);
    client.diagnostics(&uri, 1);

    let offset = text.find("alarms {  }").unwrap() + "alarms { ".len();
    let keys = labels(&client.at("textDocument/completion", &uri, &text, offset));
    for key in [
        "cpu",
        "memory",
        "evictions",
        "replication_lag",
        "connections",
        "swap",
    ] {
        assert!(keys.contains(&key.to_string()), "{key}: {keys:?}");
    }

    let offset = text.find("notifications   = alerts").unwrap() + "notifications   = ".len();
    let names = labels(&client.at("textDocument/completion", &uri, &text, offset));
    assert!(names.contains(&"alerts".to_string()), "{names:?}");

    let offset = text.find("slow_log").unwrap();
    let hover = client.at("textDocument/hover", &uri, &text, offset);
    let shown = hover["contents"]["value"].as_str().unwrap_or_default();
    assert!(shown.contains("SLOWLOG"), "{shown}");
}

#[test]
fn environments_name_their_diagnostics_and_hover_shows_each_value() {
    let (uri, text) = example_named("environments");
    let mut client = Client::start();
    client.open(&uri, &text);
    assert!(
        client.diagnostics(&uri, 1).is_empty(),
        "the example is clean"
    );

    let offset = text.find("node_type").unwrap() + 2;
    let hover = client.at("textDocument/hover", &uri, &text, offset);
    let shown = hover["contents"]["value"].as_str().unwrap_or_default();
    assert!(
        shown.contains("Per environment:")
            && shown.contains("- `dev`: `\"cache.t4g.micro\"`")
            && shown.contains("- `prod`: `\"cache.r7g.large\"`"),
        "{shown}"
    );

    // A node type only prod's settings reject (dev is as it was): every finding names prod.
    let bad = replaced(
        &text,
        "prod: \"cache.r7g.large\"",
        "prod: \"cache.t1.micro\"",
    );
    client.replace(&uri, 2, &bad);
    let diags = client.diagnostics(&uri, 2);
    assert!(codes(&diags).contains(&"E0106"), "{diags:?}");
    for d in &diags {
        let message = d["message"].as_str().unwrap();
        assert!(message.starts_with("[prod] "), "{message}");
    }
}

#[test]
fn serverless_caches_get_hover_and_completion_from_the_schema() {
    let (uri, text) = example_named("serverless");
    let mut client = Client::start();
    client.open(&uri, &text);
    assert_eq!(codes(&client.diagnostics(&uri, 1)), Vec::<&str>::new());
    let mut hover = |needle: &str, delta: usize| -> String {
        let offset = text.find(needle).unwrap_or_else(|| panic!("{needle}")) + delta;
        let result = client.at("textDocument/hover", &uri, &text, offset);
        result["contents"]["value"]
            .as_str()
            .unwrap_or_default()
            .to_string()
    };
    let kind = hover("serverless_cache", 0);
    assert!(kind.contains("Required: `engine`, `subnets`"), "{kind}");
    let limit = hover("ecpu_max", 1);
    assert!(
        limit.contains("Value: an integer from 1000 to 15000000")
            && limit.contains("ECPUPerSecond.Maximum"),
        "{limit}"
    );
    let reference = hover("connects     = [sessions]", "connects     = [".len());
    assert!(
        reference.contains("A serverless cache `sessions`"),
        "{reference}"
    );
    let member = hover("sessions.port", "sessions.".len() + 1);
    assert!(member.contains("port of the endpoint, 6379"), "{member}");

    let offset = text.find("sessions.address").unwrap() + "sessions.".len();
    let members = labels(&client.at("textDocument/completion", &uri, &text, offset));
    assert_eq!(
        members,
        ["address", "reader_address", "port", "reader_port"]
    );
    let offset = text.find("connects     = [sessions]").unwrap() + "connects     = [".len();
    let names = labels(&client.at("textDocument/completion", &uri, &text, offset));
    assert_eq!(names, ["sessions"]);
    let offset = text.find("  snapshot_time").unwrap();
    let keys = labels(&client.at("textDocument/completion", &uri, &text, offset));
    assert!(
        keys.contains(&"kms_key".to_string()) && keys.contains(&"limits".to_string()),
        "{keys:?}"
    );
    client.shutdown();
}

#[test]
fn completion_and_hover_reach_global_and_autoscaling() {
    let (uri, text) = example();
    let text = replaced(
        &text,
        "replica_zones   = [\"d\"]  # one read replica",
        "replica_zones   = [\"d\"]\n  global { regions = [\"us-east-1\"] }\n  autoscaling {  }",
    );
    let mut client = Client::start();
    client.open(&uri, &text);

    let offset = text.find("autoscaling {  }").unwrap() + "autoscaling { ".len();
    let keys = labels(&client.at("textDocument/completion", &uri, &text, offset));
    for key in [
        "replicas_min",
        "replicas_max",
        "replicas_target",
        "shards_min",
        "shards_max",
        "shards_metric",
        "shards_target",
    ] {
        assert!(keys.contains(&key.to_string()), "{key}: {keys:?}");
    }

    let offset = text.find("global {").unwrap();
    let hover = client.at("textDocument/hover", &uri, &text, offset);
    let shown = hover["contents"]["value"].as_str().unwrap_or_default();
    assert!(shown.contains("Global Datastore"), "{shown}");
    client.shutdown();
}
