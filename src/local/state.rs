//! What a running program left in its state folder, `.cachec/` beside it: the nodes with their
//! process ids and endpoints, saved as JSON so `down`, `status`, `invoke` and `cli` find them.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

/// The folder's name, beside the program.
pub const DIR: &str = ".cachec";
const FILE: &str = "state.json";

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
pub struct State {
    pub groups: Vec<GroupState>,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
pub struct GroupState {
    pub name: String,
    pub engine: String,
    pub port: u16,
    pub tls: bool,
    /// The AUTH token's value, needed to talk to the nodes; the folder is the owner's only.
    pub token: Option<String>,
    pub primary: String,
    pub reader: String,
    pub nodes: Vec<NodeState>,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
pub struct NodeState {
    pub name: String,
    pub address: String,
    pub primary: bool,
    pub pid: u32,
}

/// The places inside one program's state folder.
#[derive(Debug, Clone)]
pub struct Layout {
    pub root: PathBuf,
}

impl Layout {
    /// The state folder of the program at `program`.
    pub fn of(program: &Path) -> Layout {
        let dir = program.parent().unwrap_or(Path::new("."));
        let dir = if dir.as_os_str().is_empty() {
            Path::new(".")
        } else {
            dir
        };
        let dir = std::path::absolute(dir).unwrap_or_else(|_| dir.to_path_buf());
        Layout {
            root: dir.join(DIR),
        }
    }

    pub fn state(&self) -> PathBuf {
        self.root.join(FILE)
    }

    pub fn nodes(&self) -> PathBuf {
        self.root.join("nodes")
    }

    pub fn node(&self, name: &str) -> PathBuf {
        self.nodes().join(name)
    }

    pub fn conf(&self, node: &str) -> PathBuf {
        self.node(node).join("engine.conf")
    }

    pub fn socket(&self, node: &str) -> PathBuf {
        self.node(node).join("engine.sock")
    }

    pub fn log(&self, node: &str) -> PathBuf {
        self.node(node).join("engine.log")
    }

    /// What the engine prints before its log file is open (configuration errors).
    pub fn output(&self, node: &str) -> PathBuf {
        self.node(node).join("engine.out")
    }

    pub fn tls(&self) -> PathBuf {
        self.root.join("tls")
    }

    pub fn ca(&self) -> PathBuf {
        self.tls().join("ca.pem")
    }

    pub fn functions(&self) -> PathBuf {
        self.root.join("functions")
    }

    pub fn load(&self) -> Result<Option<State>, String> {
        let path = self.state();
        match std::fs::read_to_string(&path) {
            Ok(text) => serde_json::from_str(&text)
                .map(Some)
                .map_err(|e| format!("{} is not a cachec state file: {e}", path.display())),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
            Err(e) => Err(format!("cannot read {}: {e}", path.display())),
        }
    }

    pub fn save(&self, state: &State) -> Result<(), String> {
        let path = self.state();
        let text = serde_json::to_string_pretty(state).map_err(|e| e.to_string())?;
        write_private(&path, &text)
    }

    /// Removes what cachec put in the folder, then the folder itself if nothing else is left in
    /// it: a file someone else put there stays.
    pub fn remove(&self) -> Result<(), String> {
        for dir in [self.nodes(), self.tls(), self.functions()] {
            match std::fs::remove_dir_all(&dir) {
                Ok(()) => {}
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
                Err(e) => return Err(format!("cannot remove {}: {e}", dir.display())),
            }
        }
        match std::fs::remove_file(self.state()) {
            Ok(()) => {}
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
            Err(e) => return Err(format!("cannot remove {}: {e}", self.state().display())),
        }
        // Fails when the folder holds something cachec did not write; that is left alone.
        let _ = std::fs::remove_dir(&self.root);
        Ok(())
    }
}

/// Creates `dir` (and its parents) readable by the owner only.
pub fn create_private_dir(dir: &Path) -> Result<(), String> {
    use std::os::unix::fs::DirBuilderExt;
    std::fs::DirBuilder::new()
        .recursive(true)
        .mode(0o700)
        .create(dir)
        .map_err(|e| format!("cannot create {}: {e}", dir.display()))
}

/// Writes a file readable by the owner only: state, configuration and keys hold secrets.
pub fn write_private(path: &Path, text: &str) -> Result<(), String> {
    use std::io::Write;
    use std::os::unix::fs::OpenOptionsExt;
    std::fs::OpenOptions::new()
        .write(true)
        .create(true)
        .truncate(true)
        .mode(0o600)
        .open(path)
        .and_then(|mut f| f.write_all(text.as_bytes()))
        .map_err(|e| format!("cannot write {}: {e}", path.display()))
}
