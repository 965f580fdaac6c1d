//! How long an edit takes to reach the editor as diagnostics: `didChange` sent to
//! `publishDiagnostics` received, over stdio, for the fa-063 example. Run `cargo bench --bench
//! lsp_latency`; the figure goes in docs/performance.md.

#[path = "../tests/it/as_of.rs"]
mod as_of;
#[path = "../tests/it/lsp_client/mod.rs"]
mod lsp_client;

use std::time::{Duration, Instant};

use serde_json::json;

use lsp_client::{Client, example, pos};

const ROUNDS: usize = 400;

fn main() {
    let (uri, text) = example();
    let options = cachec::Options::default();
    let folder = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/fa-063");
    let loader = cachec::DirLoader(folder);
    let library = time(ROUNDS, || {
        std::hint::black_box(cachec::check(&text, &loader, &options));
    });
    report("cachec::check alone (library)", &library);

    let mut client = Client::start();
    client.open(&uri, &text);
    // The example's own warnings (no TLS, a public URL, as in the tutorial) are its clean state.
    let clean = client.diagnostics(&uri, 1);
    // One keystroke at a time: `node_type` becomes `node_typex` (E0003) and back (clean).
    let at = text.find("node_type ").expect("the key") + "node_type".len();
    let mut version = 1;
    let mut samples = Vec::with_capacity(ROUNDS);
    for round in 0..ROUNDS {
        version += 1;
        let (range, insert) = if round % 2 == 0 {
            (
                json!({ "start": pos(&text, at), "end": pos(&text, at) }),
                "x",
            )
        } else {
            let end = json!({ "line": pos(&text, at)["line"], "character": pos(&text, at)["character"].as_u64().unwrap_or(0) + 1 });
            (json!({ "start": pos(&text, at), "end": end }), "")
        };
        let start = Instant::now();
        client.notify(
            "textDocument/didChange",
            json!({ "textDocument": { "uri": uri, "version": version }, "contentChanges": [{ "range": range, "text": insert }] }),
        );
        let diags = client.diagnostics(&uri, version);
        samples.push(start.elapsed());
        assert_eq!(diags == clean, round % 2 == 1, "round {round}: {diags:?}");
    }
    report("didChange -> publishDiagnostics (cachec lsp)", &samples);
    client.shutdown();
}

fn time(rounds: usize, mut f: impl FnMut()) -> Vec<Duration> {
    (0..rounds)
        .map(|_| {
            let start = Instant::now();
            f();
            start.elapsed()
        })
        .collect()
}

fn report(what: &str, samples: &[Duration]) {
    let mut sorted = samples.to_vec();
    sorted.sort();
    let at = |q: f64| sorted[((sorted.len() - 1) as f64 * q).round() as usize];
    let ms = |d: Duration| format!("{:.3} ms", d.as_secs_f64() * 1000.0);
    println!(
        "{what}: {} rounds, median {}, p95 {}, p99 {}, max {}",
        sorted.len(),
        ms(at(0.5)),
        ms(at(0.95)),
        ms(at(0.99)),
        ms(at(1.0))
    );
}
