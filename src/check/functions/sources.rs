//! The source files of a function that the textual checks read: the inline file, or every packaged
//! file of the function's language, each with the path the messages name it by.

use crate::aws::runtimes;
use crate::model::Function;

/// File endings of each language's sources: Node.js loads .mjs and .cjs as well as .js.
fn endings(language: &str) -> &'static [&'static str] {
    match language {
        "python" => &[".py"],
        "nodejs" => &[".js", ".mjs", ".cjs"],
        _ => &[],
    }
}

/// Every source file of the function in its runtime's language, as (path, text), in order.
pub fn files(function: &Function) -> Vec<(String, &str)> {
    let ends = endings(runtimes::language(&function.runtime.value));
    match &function.package {
        None if !ends.is_empty() => vec![(function.source.value.clone(), function.code.as_str())],
        None => Vec::new(),
        Some(package) => {
            let folder = function.source.value.trim_end_matches('/');
            package
                .files
                .iter()
                .filter(|f| ends.iter().any(|e| f.path.ends_with(e)))
                .map(|f| {
                    let path = if package.folder {
                        format!("{folder}/{}", f.path)
                    } else {
                        function.source.value.clone()
                    };
                    (path, f.text.as_str())
                })
                .collect()
        }
    }
}
