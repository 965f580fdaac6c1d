//! The command line: arguments to library calls to rendered output and an exit status.
//! 0 success, 1 the program has errors (or output could not be written), 2 usage errors.

use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand, ValueEnum};

use cachec::date::Date;
use cachec::diag::render::{Style, render, summary};
use cachec::diag::{Diag, Policy, codes, has_errors};
use cachec::diag::{json, sarif};
use cachec::emit::{EmitOptions, Format};
use cachec::{DirLoader, Options};

mod completions;
mod down;
mod engine_cli;
mod events;
mod fmt;
mod graph;
mod init;
mod invoke;
mod lint;
mod plan;
mod status;
mod up;

#[derive(Parser)]
#[command(
    name = "cachec",
    version,
    about = "Compile .cache programs to CloudFormation templates"
)]
pub struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Check a program and write its template set.
    Build {
        #[command(flatten)]
        common: Common,
        /// Output folder: missing, empty or written by an earlier build; replaced whole on success
        /// and untouched on failure.
        #[arg(
            short,
            long,
            value_name = "DIR",
            default_value = "out",
            visible_alias = "out"
        )]
        output: PathBuf,
        /// One flat template instead of a root with nested stacks.
        #[arg(long)]
        single: bool,
        #[arg(long, value_enum, default_value_t = FormatArg::Yaml)]
        format: FormatArg,
    },
    /// Parse and check a program, print its diagnostics, write nothing.
    Check {
        #[command(flatten)]
        common: Common,
        /// More programs, each checked on its own (as pre-commit passes them).
        #[arg(value_name = "FILE")]
        more: Vec<PathBuf>,
    },
    /// Print the long explanation of a diagnostic code, such as E0008.
    Explain { code: String },
    /// Rewrite programs in the canonical layout; `-` formats standard input to standard output.
    Fmt {
        /// The .cache programs, or `-` for standard input.
        #[arg(required = true)]
        files: Vec<PathBuf>,
        /// Change nothing: print a diff and exit 1 when a file is not formatted.
        #[arg(long)]
        check: bool,
        /// Colour in diagnostics: auto (on a terminal, unless NO_COLOR is set), always or never.
        #[arg(long, value_enum, default_value_t = ColourArg::Auto, visible_alias = "colour")]
        color: ColourArg,
    },
    /// Draw the stack: VPC, zones and subnets as boxes, what runs in them, and who connects to what.
    Graph {
        #[command(flatten)]
        common: Common,
        /// mermaid (renders in GitHub markdown), dot (Graphviz) or svg (self-contained).
        #[arg(long, value_enum, default_value_t = GraphFormatArg::Mermaid)]
        format: GraphFormatArg,
        /// Write the diagram to this file instead of standard output.
        #[arg(short, long, value_name = "FILE")]
        output: Option<PathBuf>,
    },
    /// Show each failed event of `aws cloudformation describe-stack-events` (a JSON file, or `-`
    /// for standard input) at the .cache line of the resource that failed.
    Events {
        #[command(flatten)]
        common: Common,
        /// The output of `aws cloudformation describe-stack-events`, or `-` for standard input.
        events: PathBuf,
    },
    /// Build the template set and run cfn-lint on it, showing each finding at its .cache line.
    Lint {
        #[command(flatten)]
        common: Common,
    },
    /// Start a project in DIR (new or empty): a commented stack.cache, its function and a Makefile.
    Init {
        /// The project folder: created when missing, refused when it holds anything.
        dir: PathBuf,
        /// A cluster (cluster mode enabled, two shards) and a function with a cluster client.
        #[arg(long)]
        cluster: bool,
    },
    /// Print a shell's completion script for cachec (bash, elvish, fish, powershell, zsh).
    Completions {
        /// The shell to complete in.
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
    /// Print cachec's man page (roff) on standard output: `cachec man | man -l -`.
    Man,
    /// Run the language server for editors, speaking LSP on stdin and stdout.
    Lsp {
        /// Use stdin and stdout: the only transport, accepted because editor clients pass it.
        #[arg(long)]
        stdio: bool,
        /// Compare lifecycle dates against this day instead of today (YYYY-MM-DD).
        #[arg(long, value_name = "DATE", value_parser = parse_date)]
        as_of: Option<Date>,
    },
    /// Start the program's replication groups on this machine, on the real engines, and print
    /// their endpoints (state in .cachec/ beside the program).
    Up {
        #[command(flatten)]
        common: Common,
    },
    /// Stop everything `up` started for the program and remove its state.
    Down {
        /// The .cache program.
        file: PathBuf,
    },
    /// List the nodes `up` started for the program and whether they run and replicate.
    Status {
        /// The .cache program.
        file: PathBuf,
    },
    /// Run a function's handler here against the local endpoints; print its result as JSON.
    Invoke {
        #[command(flatten)]
        common: Common,
        /// The function's name in the program.
        function: String,
        /// The event passed to the handler.
        #[arg(long, default_value = "{}")]
        event: String,
    },
    /// Open redis-cli or valkey-cli on a running group's primary (or reader) endpoint; arguments
    /// after `--` go to it.
    Cli {
        /// The .cache program.
        file: PathBuf,
        /// The replication group's name.
        group: String,
        /// Connect to the reader endpoint instead of the primary.
        #[arg(long)]
        reader: bool,
        #[arg(last = true)]
        args: Vec<String>,
    },
    /// Compare two programs: what deploying NEW over OLD does to each resource, and whether the
    /// update is safe (exit 0) or has errors (exit 1).
    Plan(plan::PlanArgs),
    /// Write a generated program and its function sources into a folder (benchmarks, profiling).
    #[command(hide = true)]
    Gen {
        #[arg(long, default_value_t = 1)]
        seed: u64,
        #[arg(long, default_value_t = 10)]
        caches: usize,
        /// Up to this many instances and functions per cache.
        #[arg(long, default_value_t = 2)]
        clients: usize,
        #[arg(short, long, visible_alias = "out")]
        output: PathBuf,
    },
}

#[derive(Clone, Copy, ValueEnum)]
enum GraphFormatArg {
    Mermaid,
    Dot,
    Svg,
}

#[derive(Args, Clone)]
struct Common {
    /// The .cache program.
    file: PathBuf,
    /// Turn warnings into errors (`--deny warnings`).
    #[arg(long, value_parser = ["warnings"])]
    deny: Option<String>,
    /// Silence one warning code; may be repeated.
    #[arg(long, value_name = "CODE", value_parser = parse_allow)]
    allow: Vec<String>,
    /// Compare lifecycle dates against this day instead of today (YYYY-MM-DD).
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    as_of: Option<Date>,
    /// Colour in diagnostics: auto (on a terminal, unless NO_COLOR is set), always or never.
    #[arg(long, value_enum, default_value_t = ColourArg::Auto, visible_alias = "colour")]
    color: ColourArg,
    /// Diagnostics as text on stderr (human), one JSON object per line on stdout (json) or one
    /// SARIF 2.1.0 log on stdout (sarif, for GitHub code scanning).
    #[arg(long, value_enum, default_value_t = MessageFormat::Human)]
    message_format: MessageFormat,
    /// Of a program with `environments`, check (and build, draw, lint, run) this one only; without
    /// it, every environment is checked, built and linted (graph, up and invoke take the first;
    /// events the one whose stack the events name, else the first).
    #[arg(long, value_name = "ENV")]
    env: Option<String>,
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum MessageFormat {
    Human,
    Json,
    Sarif,
}

#[derive(Clone, Copy, ValueEnum)]
enum FormatArg {
    Yaml,
    Json,
}

#[derive(Clone, Copy, ValueEnum)]
enum ColourArg {
    Auto,
    Always,
    Never,
}

impl Common {
    fn options(&self) -> Options {
        Options {
            check: cachec::check::Context {
                today: self.as_of.unwrap_or_else(Date::today),
            },
            policy: Policy {
                deny_warnings: self.deny.is_some(),
                allow: self.allow.clone(),
            },
            emit: EmitOptions::default(),
            env: self.env.clone(),
            assets: String::new(),
        }
    }

    /// Function sources are read relative to the program's folder.
    fn loader(&self) -> DirLoader {
        DirLoader(
            self.file
                .parent()
                .map(Path::to_path_buf)
                .unwrap_or_default(),
        )
    }

    /// The program's text; an unreadable file is a usage error.
    /// The program's text; a file that is not UTF-8 is reported as a syntax error (exit 1).
    fn read(&self) -> Result<String, ExitCode> {
        let bytes = std::fs::read(&self.file).map_err(|e| {
            eprintln!("error: cannot read {}: {e}", self.file.display());
            ExitCode::from(2)
        })?;
        match cachec::syntax::decode(bytes) {
            (src, None) => Ok(src),
            (src, Some(not_utf8)) => {
                report(self, &[not_utf8], &src);
                Err(ExitCode::FAILURE)
            }
        }
    }
}

/// A warning's code in the catalog's spelling; anything else is a usage error naming the
/// nearest warnings.
fn parse_allow(text: &str) -> Result<String, String> {
    cachec::diag::allow::allowed(text)
        .map(|code| code.id.to_string())
        .map_err(|refusal| refusal.to_string())
}

fn parse_date(text: &str) -> Result<Date, String> {
    Date::parse(text).ok_or_else(|| format!("`{text}` is not a date of the form YYYY-MM-DD"))
}

pub fn run(cli: Cli) -> ExitCode {
    match cli.command {
        Command::Explain { code } => explain(&code),
        Command::Fmt {
            files,
            check,
            color,
        } => fmt::run(&files, check, &Report::new(color)),
        Command::Graph {
            common,
            format,
            output,
        } => {
            let format = match format {
                GraphFormatArg::Mermaid => cachec::graph::Format::Mermaid,
                GraphFormatArg::Dot => cachec::graph::Format::Dot,
                GraphFormatArg::Svg => cachec::graph::Format::Svg,
            };
            graph::run(&common, format, output.as_deref())
        }
        Command::Init { dir, cluster } => init::run(&dir, cluster),
        Command::Completions { shell } => completions::completions(shell),
        Command::Man => completions::man(),
        Command::Up { common } => up::run(&common),
        Command::Down { file } => down::run(&file),
        Command::Status { file } => status::run(&file),
        Command::Invoke {
            common,
            function,
            event,
        } => invoke::run(&common, &function, &event),
        Command::Cli {
            file,
            group,
            reader,
            args,
        } => engine_cli::run(&file, &group, reader, &args),
        Command::Events { common, events } => events::run(&common, &events),
        Command::Lint { common } => lint::run(&common),
        Command::Plan(args) => plan::run(&args),
        Command::Lsp { stdio: _, as_of } => lsp(as_of),
        Command::Check { common, more } => check_all(common, more),
        Command::Gen {
            seed,
            caches,
            clients,
            output,
        } => generate(seed, caches, clients, &output),
        Command::Build {
            common,
            output,
            single,
            format,
        } => {
            let emit = EmitOptions {
                single,
                format: match format {
                    FormatArg::Yaml => Format::Yaml,
                    FormatArg::Json => Format::Json,
                },
            };
            compile(&common, Some((&output, emit)))
        }
    }
}

fn explain(code: &str) -> ExitCode {
    match codes::lookup(code) {
        Some(c) => {
            print!("{}", c.explanation);
            ExitCode::SUCCESS
        }
        None => {
            eprintln!(
                "error: `{code}` is not a cachec diagnostic code (they look like E0008 or W0501)"
            );
            ExitCode::from(2)
        }
    }
}

fn lsp(as_of: Option<Date>) -> ExitCode {
    let mut options = Options::default();
    if let Some(day) = as_of {
        options.check.today = day;
    }
    match cachec::lsp::run(options) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: cachec lsp: {e}");
            ExitCode::FAILURE
        }
    }
}

fn generate(seed: u64, caches: usize, clients: usize, out: &Path) -> ExitCode {
    let generated = cachec::generate::program(seed, caches, clients);
    let files = std::iter::once(cachec::emit::File {
        name: "stack.cache".into(),
        contents: generated.source,
    })
    .chain(
        generated
            .files
            .into_iter()
            .map(|(name, contents)| cachec::emit::File { name, contents }),
    )
    .collect::<Vec<_>>();
    match cachec::emit::write::write_all(out, &files) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: cannot write {}: {e}", out.display());
            ExitCode::FAILURE
        }
    }
}

/// Checks each program in turn; the status is the worst of theirs. One SARIF log holds one run of
/// one file, so SARIF takes one program.
fn check_all(common: Common, more: Vec<PathBuf>) -> ExitCode {
    if common.message_format == MessageFormat::Sarif && !more.is_empty() {
        eprintln!(
            "error: --message-format sarif takes one program; run cachec check once per file"
        );
        return ExitCode::from(2);
    }
    let mut status = compile(&common, None);
    for file in more {
        let outcome = compile(
            &Common {
                file,
                ..common.clone()
            },
            None,
        );
        if outcome != ExitCode::SUCCESS && status == ExitCode::SUCCESS {
            status = outcome;
        }
    }
    status
}

fn compile(common: &Common, build: Option<(&Path, EmitOptions)>) -> ExitCode {
    let src = match common.read() {
        Ok(src) => src,
        Err(code) => return code,
    };
    let program = common.file.parent().unwrap_or(Path::new(""));
    let options = Options {
        emit: build.map(|(_, e)| e).unwrap_or_default(),
        assets: build.map_or_else(String::new, |(out, _)| {
            cachec::emit::local::prefix(out, program)
        }),
        ..common.options()
    };
    // `check` stops before emission: it writes nothing, so it need not build the templates.
    let (builds, diags) = match build {
        Some(_) => cachec::build_each(&src, &common.loader(), &options, true),
        None => (None, cachec::check(&src, &common.loader(), &options).diags),
    };
    report(common, &diags, &src);
    if has_errors(&diags) {
        return ExitCode::FAILURE;
    }
    let (Some((out, _)), Some(builds)) = (build, builds) else {
        // Silence is the answer for scripts; a person at a terminal is told the check ran.
        if diags.is_empty()
            && common.message_format == MessageFormat::Human
            && std::io::stderr().is_terminal()
        {
            eprintln!("{}: no problems found", common.file.display());
        }
        return ExitCode::SUCCESS;
    };
    // Every environment at once goes into a folder of its own, `DIR/<env>/`; one environment
    // chosen with `--env` (or a program without environments) fills DIR itself.
    let apart = options.env.is_none() && builds.iter().any(|b| b.env.is_some());
    let mut files = Vec::new();
    let mut wrote = Vec::new();
    for built in builds {
        let folder = built.env.clone().filter(|_| apart);
        // A Global Datastore's build also writes the order to deploy its regions in.
        let order = built
            .files
            .iter()
            .any(|f| f.name == cachec::emit::DEPLOY_ORDER)
            .then(|| cachec::emit::regions_in_order(&built.files).join(", then "));
        wrote.push((
            built.files.iter().filter(|f| f.is_template()).count(),
            folder
                .as_ref()
                .map_or_else(|| out.to_path_buf(), |f| out.join(f)),
            order,
        ));
        files.extend(built.files.into_iter().map(|f| {
            cachec::emit::File {
                name: folder
                    .as_ref()
                    .map_or(f.name.clone(), |d| format!("{d}/{}", f.name)),
                contents: f.contents,
            }
        }));
    }
    match cachec::emit::write::write_output(out, &files, Some(&common.file)) {
        Ok(()) => {
            for (count, dir, order) in wrote {
                eprintln!("wrote {count} template(s) to {}", dir.display());
                if let Some(order) = order {
                    eprintln!(
                        "deploy the regions in order ({}): {order}",
                        dir.join(cachec::emit::DEPLOY_ORDER).display()
                    );
                }
            }
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("error: cannot write {}: {e}", out.display());
            ExitCode::FAILURE
        }
    }
}

fn report(common: &Common, diags: &[Diag], src: &str) {
    let file = common.file.display().to_string();
    match common.message_format {
        MessageFormat::Json => {
            for diag in diags {
                println!("{}", json::to_json(diag, &file, src));
            }
        }
        MessageFormat::Sarif => print!("{}", sarif::to_sarif(diags, &file, src)),
        MessageFormat::Human => Report::new(common.color).diags(&file, src, diags),
    }
}

/// NO_COLOR set to anything but the empty string turns colour off (https://no-color.org);
/// `--color always` still turns it on, as the convention allows an explicit flag to.
fn no_color() -> bool {
    std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty())
}

/// Where and how diagnostics are shown: on standard error, coloured when asked or on a terminal.
pub struct Report {
    colour: bool,
}

impl Report {
    fn new(colour: ColourArg) -> Self {
        let colour = match colour {
            ColourArg::Always => true,
            ColourArg::Never => false,
            ColourArg::Auto => std::io::stderr().is_terminal() && !no_color(),
        };
        Report { colour }
    }

    pub fn diags(&self, name: &str, src: &str, diags: &[Diag]) {
        eprint!("{}", self.text(name, src, diags));
    }

    /// What [`Report::diags`] prints, for a caller that renders on one thread and prints on another.
    pub fn text(&self, name: &str, src: &str, diags: &[Diag]) -> String {
        if diags.is_empty() {
            return String::new();
        }
        let style = Style {
            colour: self.colour,
            width: 100,
        };
        let mut out = render(diags, name, src, style);
        if let Some(line) = summary(diags) {
            out.push_str(&line);
            out.push('\n');
        }
        out
    }
}
