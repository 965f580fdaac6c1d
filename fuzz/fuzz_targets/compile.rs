//! libFuzzer target: any bytes, as the CLI reads a file, through compile and the renderer.
//! Run with `scripts/fuzz` (it needs the nightly toolchain and cargo-fuzz).

#![no_main]

use cachec::diag::render::{Style, render};
use cachec::model::SourceLoader;
use libfuzzer_sys::fuzz_target;

/// Serves every `.py` path, so programs that name sources get past lowering.
struct AnyLoader;

impl SourceLoader for AnyLoader {
    fn load(&self, path: &str) -> Result<String, String> {
        if path.ends_with(".py") {
            Ok("def handler(event, context):\n    return 1\n".to_string())
        } else {
            Err("not found".to_string())
        }
    }
}

fuzz_target!(|data: &[u8]| {
    let (src, not_utf8) = cachec::syntax::decode(data.to_vec());
    let mut options = cachec::Options::default();
    options.check.today = cachec::date::Date::new(2026, 11, 26);
    let (files, diags) = cachec::compile(&src, &AnyLoader, &options);
    assert_eq!(files.is_some(), !cachec::diag::has_errors(&diags));
    let _ = render(&diags, "fuzz.cache", &src, Style::PLAIN);
    if let Some(diag) = not_utf8 {
        let _ = render(&[diag], "fuzz.cache", &src, Style::PLAIN);
    }
});
