//! Which handler functions a function's inline source defines: top-level `def NAME(` in Python,
//! `exports.NAME`, `module.exports.NAME` or `export const/function NAME` in Node.js.

/// The names a handler string may end in, in source order, without duplicates.
pub fn defined(language: &str, code: &str) -> Vec<String> {
    let mut names: Vec<String> = Vec::new();
    for line in code.lines() {
        let found = match language {
            "python" => python_def(line),
            "nodejs" => node_export(line),
            _ => None,
        };
        if let Some(name) = found
            && !names.iter().any(|n| n == name)
        {
            names.push(name.to_string());
        }
    }
    names
}

/// `def NAME(` at column 0: Lambda imports the module and looks the name up at top level.
fn python_def(line: &str) -> Option<&str> {
    let rest = line.strip_prefix("def")?;
    let rest = rest.strip_prefix([' ', '\t'])?.trim_start();
    let (name, after) = identifier(rest)?;
    after.trim_start().starts_with('(').then_some(name)
}

fn node_export(line: &str) -> Option<&str> {
    let line = line.trim_start();
    if let Some(rest) = line
        .strip_prefix("module.exports.")
        .or_else(|| line.strip_prefix("exports."))
    {
        let (name, after) = identifier(rest)?;
        return after.trim_start().starts_with('=').then_some(name);
    }
    let rest = line.strip_prefix("export ")?.trim_start();
    let rest = rest.strip_prefix("async ").map_or(rest, str::trim_start);
    let rest = ["const ", "let ", "var ", "function "]
        .iter()
        .find_map(|kw| rest.strip_prefix(kw))?
        .trim_start();
    let rest = rest.strip_prefix('*').map_or(rest, str::trim_start);
    identifier(rest).map(|(name, _)| name)
}

/// A leading identifier (letters, digits, `_`, `$`; not starting with a digit) and the rest.
fn identifier(text: &str) -> Option<(&str, &str)> {
    let end = text
        .find(|c: char| !(c.is_alphanumeric() || c == '_' || c == '$'))
        .unwrap_or(text.len());
    let name = text.get(..end)?;
    let first = name.chars().next()?;
    (!first.is_ascii_digit()).then(|| (name, text.get(end..).unwrap_or_default()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn python_top_level_defs_only() {
        let code = "import os\n\ndef lambda_handler(event, context):\n    def inner(x):\n        pass\n\
                    def  spaced (a):\n    pass\nclass C:\n    def method(self): pass\ndefault = 1\n";
        assert_eq!(defined("python", code), ["lambda_handler", "spaced"]);
    }

    #[test]
    fn node_exports_in_both_module_styles() {
        let code = "exports.handler = async (event) => {};\nmodule.exports.other = f;\n\
                    export const esm = 1;\nexport async function asyncFn() {}\n\
                    const local = 2;\nexports.handler = again;\nexports.notAssigned;\n";
        assert_eq!(
            defined("nodejs", code),
            ["handler", "other", "esm", "asyncFn"]
        );
    }

    #[test]
    fn other_languages_define_nothing_we_can_see() {
        assert!(defined("java", "def handler(): pass").is_empty());
    }
}
