//! How Node.js loads a file, CommonJS or ES module, and the first line only the other module
//! system can load; read textually, line by line.

use crate::model::Package;

/// How Node.js loads a file: `.mjs`, or `.js` under a package.json with `"type": "module"`, as an
/// ES module; `.cjs` and other `.js` as CommonJS. Inline code is `index.js`, so CommonJS.
/// Source: Lambda Developer Guide, "Building Lambda functions with Node.js", "Designating a
/// function handler as an ES module", https://docs.aws.amazon.com/lambda/latest/dg/lambda-nodejs.html
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ModuleType {
    CommonJs,
    Es,
}

/// How Node.js loads `file` of `package`: by extension, then the nearest package.json's `type`.
pub fn module_type(file: &str, package: &Package) -> ModuleType {
    if file.ends_with(".mjs") {
        return ModuleType::Es;
    }
    if file.ends_with(".cjs") {
        return ModuleType::CommonJs;
    }
    let mut dir = file.rsplit_once('/').map_or("", |(d, _)| d);
    loop {
        let manifest = if dir.is_empty() {
            "package.json".to_string()
        } else {
            format!("{dir}/package.json")
        };
        if let Some(json) = package.file(&manifest) {
            return if declares_module(&json.text) {
                ModuleType::Es
            } else {
                ModuleType::CommonJs
            };
        }
        if dir.is_empty() {
            return ModuleType::CommonJs;
        }
        dir = dir.rsplit_once('/').map_or("", |(d, _)| d);
    }
}

/// `"type": "module"` at the top of a package.json (read as JSON; unreadable JSON is CommonJS).
fn declares_module(json: &str) -> bool {
    serde_json::from_str::<serde_json::Value>(json)
        .ok()
        .and_then(|v| {
            v.get("type")
                .and_then(|t| t.as_str())
                .map(|t| t == "module")
        })
        .unwrap_or(false)
}

/// The first line (1-based) that only the other module system can load: `export`/`import`
/// statements in CommonJS, `exports.`/`module.exports` in an ES module.
pub fn foreign_syntax(code: &str, loaded_as: ModuleType) -> Option<(usize, String)> {
    code.lines().enumerate().find_map(|(i, line)| {
        let line = line.trim_start();
        let foreign = match loaded_as {
            ModuleType::CommonJs => es_statement(line),
            ModuleType::Es => line.starts_with("exports.") || line.starts_with("module.exports"),
        };
        foreign.then(|| (i + 1, line.trim_end().to_string()))
    })
}

/// `export ...` or a static `import ... from` / `import "x"` (not the dynamic `import(`).
fn es_statement(line: &str) -> bool {
    if line.starts_with("export ") || line.starts_with("export{") {
        return true;
    }
    let Some(rest) = line.strip_prefix("import") else {
        return false;
    };
    match rest.chars().next() {
        Some(c) if c.is_whitespace() => !rest.trim_start().starts_with('('),
        Some('{' | '"' | '\'' | '*') => true,
        _ => false,
    }
}
