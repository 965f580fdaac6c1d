//! Runs a function's handler on this machine as Lambda would run it: its inline code as
//! `index.py`, its environment pointing at the local endpoints, its layers' requirements in a
//! cached virtual environment.

use std::path::Path;
use std::process::{Command, Stdio};

use super::plan::{self, Endpoints};
use super::state::{self, Layout, State};
use super::venv;
use crate::model::{Function, Model};

/// Lambda's defaults when the program leaves them out: 3 s, 128 MB (Lambda developer guide,
/// "Configuring function timeout" and "Configuring memory").
const DEFAULT_TIMEOUT: i64 = 3;
const DEFAULT_MEMORY: i64 = 128;

const RUNNER: &str = include_str!("runner.py");

/// What the handler printed as JSON (stdout), or why it could not run.
pub fn invoke(
    program: &Path,
    model: &Model,
    state: &State,
    function: &Function,
    event: &str,
) -> Result<Vec<u8>, String> {
    let layout = Layout::of(program);
    let endpoints: Vec<(String, Endpoints)> = state
        .groups
        .iter()
        .map(|g| {
            let e = Endpoints {
                primary: g.primary.clone(),
                reader: g.reader.clone(),
                port: g.port,
            };
            (g.name.clone(), e)
        })
        .collect();
    let env = plan::environment(model, function, |name| {
        endpoints.iter().find(|(n, _)| n == name).map(|(_, e)| e)
    })
    .map_err(|group| format!("group `{group}` is not running: `cachec down` then `cachec up` starts the program as it is now"))?;

    let mut requirements: Vec<String> = Vec::new();
    for layer in &function.layers.value {
        if let Some(layer) = model.layers.get(layer.index) {
            for r in &layer.requirements.value {
                if !requirements.contains(&r.value) {
                    requirements.push(r.value.clone());
                }
            }
        }
    }
    let (python, note) = venv::python(&function.runtime.value)?;
    if let Some(note) = note {
        eprintln!("note: {note}");
    }
    let python = venv::ensure(&python, &requirements)?;

    let code_dir = layout.functions().join(&function.name.value);
    state::create_private_dir(&code_dir)?;
    // Inline code (CloudFormation `Code.ZipFile`) is stored by Lambda as `index.py`; packaged
    // code is unzipped as it is, each file at its path in the zip.
    let files: Vec<(&str, &str)> = match &function.package {
        None => vec![("index.py", function.code.as_str())],
        Some(package) => package
            .files
            .iter()
            .map(|f| (f.path.as_str(), f.text.as_str()))
            .collect(),
    };
    for (path, text) in files {
        let path = code_dir.join(path);
        if let Some(folder) = path.parent() {
            std::fs::create_dir_all(folder)
                .map_err(|e| format!("cannot create {}: {e}", folder.display()))?;
        }
        std::fs::write(&path, text).map_err(|e| format!("cannot write {}: {e}", path.display()))?;
    }
    let runner = layout.functions().join("runner.py");
    std::fs::write(&runner, RUNNER)
        .map_err(|e| format!("cannot write {}: {e}", runner.display()))?;

    let timeout = function
        .timeout
        .as_ref()
        .map_or(DEFAULT_TIMEOUT, |t| t.value);
    let memory = function.memory.as_ref().map_or(DEFAULT_MEMORY, |m| m.value);
    let mut command = Command::new(&python);
    command
        .arg(&runner)
        .arg(&code_dir)
        .arg(&function.handler.value)
        .arg(event)
        .arg(timeout.to_string())
        .arg(&function.name.value)
        .arg(memory.to_string())
        // A Lambda function sees only its own environment and the runtime's.
        .env_clear()
        .envs(std::env::var_os("PATH").map(|p| ("PATH", p)))
        .env("AWS_LAMBDA_FUNCTION_NAME", &function.name.value)
        .env("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", memory.to_string())
        .env("LAMBDA_TASK_ROOT", &code_dir)
        .env("PYTHONDONTWRITEBYTECODE", "1")
        .envs(
            model
                .stack
                .region
                .as_ref()
                .map(|r| ("AWS_REGION", &r.value)),
        )
        .envs(env);
    // ElastiCache's certificates chain to a CA the Lambda runtime trusts; here the run's own CA
    // plays that part, for clients that verify with the default trust store (`ssl=True`).
    if state.groups.iter().any(|g| g.tls) {
        command.env("SSL_CERT_FILE", layout.ca());
    }
    let output = command
        .stdin(Stdio::null())
        .stderr(Stdio::inherit())
        .output()
        .map_err(|e| format!("cannot run {}: {e}", python.display()))?;
    if output.status.success() {
        Ok(output.stdout)
    } else {
        Err(format!(
            "the handler {} of function `{}` failed ({})",
            function.handler.value, function.name.value, output.status
        ))
    }
}
