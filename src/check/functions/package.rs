//! Packaged code: the handler's module found among the packaged files as Lambda's runtimes look it
//! up, and the module syntax Node.js will load it with. `problem` words what is found.

use super::node::{foreign_syntax, module_type};
use super::problem::FunctionProblem;
use crate::aws::runtimes;
use crate::model::{CodeFile, Function, Package};

/// The file the handler names and the function in it: `service.main.handler` is `handler` in
/// `service/main.py` (or `service/main/__init__.py`) for Python, which imports the part before
/// the last dot; `src/app.handler` is `handler` in `src/app.js`, `.mjs` or `.cjs` (tried in that
/// order) for Node.js, whose module is the handler's last path part up to its first dot.
/// Sources: the runtime interface clients, aws-lambda-python-runtime-interface-client
/// `bootstrap.py` (`_get_handler`) and aws-lambda-nodejs-runtime-interface-client
/// `UserFunction.js`.
pub fn module<'p>(language: &str, handler: &str, package: &'p Package) -> Resolved<'p> {
    let candidates = candidates(language, handler);
    let found = candidates.iter().find_map(|c| package.file(c));
    Resolved { candidates, found }
}

pub struct Resolved<'p> {
    /// The paths Lambda tries, in order.
    pub candidates: Vec<String>,
    /// The first that exists.
    pub found: Option<&'p CodeFile>,
}

fn candidates(language: &str, handler: &str) -> Vec<String> {
    match language {
        "python" => {
            let module = handler.rsplit_once('.').map_or("", |(m, _)| m);
            if module.is_empty() {
                return Vec::new();
            }
            let path = module.replace('.', "/");
            vec![format!("{path}.py"), format!("{path}/__init__.py")]
        }
        "nodejs" => {
            let (root, last) = handler.rsplit_once('/').unwrap_or(("", handler));
            let Some((module, _)) = last.split_once('.') else {
                return Vec::new();
            };
            let stem = if root.is_empty() {
                module.to_string()
            } else {
                format!("{root}/{module}")
            };
            ["js", "mjs", "cjs"]
                .iter()
                .map(|ext| format!("{stem}.{ext}"))
                .collect()
        }
        _ => Vec::new(),
    }
}

/// The function part of a handler: after the last dot (Python), after the module's first dot
/// (Node.js, where it may be a nested path such as `api.get`).
fn handler_function<'h>(language: &str, handler: &'h str) -> &'h str {
    match language {
        "nodejs" => {
            let last = handler.rsplit('/').next().unwrap_or(handler);
            last.split_once('.').map_or("", |(_, f)| f)
        }
        _ => handler.rsplit_once('.').map_or(handler, |(_, f)| f),
    }
}

/// Packaged code's handler and module syntax.
pub fn check<'m>(
    function: &'m Function,
    package: &'m Package,
    found: &mut Vec<FunctionProblem<'m>>,
) {
    let language = runtimes::language(&function.runtime.value);
    if !matches!(language, "python" | "nodejs") {
        return;
    }
    let handler = function.handler.value.as_str();
    let resolved = module(language, handler, package);
    let name = handler_function(language, handler);
    let Some(file) = resolved.found else {
        found.push(FunctionProblem::NoModule {
            function,
            package,
            name,
            candidates: resolved.candidates,
        });
        return;
    };
    if language == "nodejs" {
        let loaded_as = module_type(&file.path, package);
        if let Some((line, text)) = foreign_syntax(&file.text, loaded_as) {
            found.push(FunctionProblem::ModuleSyntax {
                function,
                file: file.path.clone(),
                loaded_as,
                line,
                text,
            });
            return;
        }
    }
    super::handler_in(function, &file.path, &file.text, name, found);
}
