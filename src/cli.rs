//! The command line: arguments to library calls to rendered output and an exit status.
//! 0 success, 1 the program has errors (or output could not be written), 2 usage errors.

use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand, ValueEnum};

use cachec::date::Date;
use cachec::diag::json;
use cachec::diag::render::{Style, render, summary};
use cachec::diag::{Diag, Policy, codes, has_errors};
use cachec::emit::{EmitOptions, Format};
use cachec::{DirLoader, Options};

mod events;
mod fmt;
mod graph;
mod init;
mod lint;
mod plan;

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
        /// Output folder, replaced whole on success and untouched on failure.
        #[arg(short, long, default_value = "out")]
        out: PathBuf,
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
        /// Colour in diagnostics: auto (when the output is a terminal), always or never.
        #[arg(long, value_enum, default_value_t = ColourArg::Auto)]
        colour: ColourArg,
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
    },
    /// Run the language server for editors, speaking LSP on stdin and stdout.
    Lsp {
        /// Use stdin and stdout: the only transport, accepted because editor clients pass it.
        #[arg(long)]
        stdio: bool,
        /// Compare lifecycle dates against this day instead of today (YYYY-MM-DD).
        #[arg(long, value_name = "DATE", value_parser = parse_date)]
        as_of: Option<Date>,
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
        #[arg(short, long)]
        out: PathBuf,
    },
}

#[derive(Clone, Copy, ValueEnum)]
enum GraphFormatArg {
    Mermaid,
    Dot,
    Svg,
}

#[derive(Args)]
struct Common {
    /// The .cache program.
    file: PathBuf,
    /// Turn warnings into errors (`--deny warnings`).
    #[arg(long, value_parser = ["warnings"])]
    deny: Option<String>,
    /// Silence one warning code; may be repeated.
    #[arg(long, value_name = "CODE")]
    allow: Vec<String>,
    /// Compare lifecycle dates against this day instead of today (YYYY-MM-DD).
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    as_of: Option<Date>,
    /// Colour in diagnostics: auto (when the output is a terminal), always or never.
    #[arg(long, value_enum, default_value_t = ColourArg::Auto)]
    colour: ColourArg,
    /// Diagnostics as text on stderr (human) or one JSON object per line on stdout (json).
    #[arg(long, value_enum, default_value_t = MessageFormat::Human)]
    message_format: MessageFormat,
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum MessageFormat {
    Human,
    Json,
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

fn parse_date(text: &str) -> Result<Date, String> {
    Date::parse(text).ok_or_else(|| format!("`{text}` is not a date of the form YYYY-MM-DD"))
}

pub fn run(cli: Cli) -> ExitCode {
    match cli.command {
        Command::Explain { code } => explain(&code),
        Command::Fmt {
            files,
            check,
            colour,
        } => fmt::run(&files, check, &Report::new(colour)),
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
        Command::Init { dir } => init::run(&dir),
        Command::Events { common, events } => events::run(&common, &events),
        Command::Lint { common } => lint::run(&common),
        Command::Plan(args) => plan::run(&args),
        Command::Lsp { stdio: _, as_of } => lsp(as_of),
        Command::Check { common } => compile(&common, None),
        Command::Gen {
            seed,
            caches,
            clients,
            out,
        } => generate(seed, caches, clients, &out),
        Command::Build {
            common,
            out,
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
            compile(&common, Some((&out, emit)))
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

fn compile(common: &Common, build: Option<(&Path, EmitOptions)>) -> ExitCode {
    let src = match common.read() {
        Ok(src) => src,
        Err(code) => return code,
    };
    let options = Options {
        emit: build.map(|(_, e)| e).unwrap_or_default(),
        ..common.options()
    };
    // `check` stops before emission: it writes nothing, so it need not build the templates.
    let (files, diags) = match build {
        Some(_) => cachec::compile(&src, &common.loader(), &options),
        None => (None, cachec::check(&src, &common.loader(), &options).diags),
    };
    report(common, &diags, &src);
    if has_errors(&diags) {
        return ExitCode::FAILURE;
    }
    let (Some((out, _)), Some(files)) = (build, files) else {
        return ExitCode::SUCCESS;
    };
    match cachec::emit::write::write_all(out, &files) {
        Ok(()) => {
            eprintln!("wrote {} template(s) to {}", files.len(), out.display());
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("error: cannot write {}: {e}", out.display());
            ExitCode::FAILURE
        }
    }
}

fn report(common: &Common, diags: &[Diag], src: &str) {
    if common.message_format == MessageFormat::Json {
        let file = common.file.display().to_string();
        for diag in diags {
            println!("{}", json::to_json(diag, &file, src));
        }
        return;
    }
    Report::new(common.colour).diags(&common.file.display().to_string(), src, diags);
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
            ColourArg::Auto => std::io::stderr().is_terminal(),
        };
        Report { colour }
    }

    pub fn diags(&self, name: &str, src: &str, diags: &[Diag]) {
        if diags.is_empty() {
            return;
        }
        let style = Style {
            colour: self.colour,
            width: 100,
        };
        eprint!("{}", render(diags, name, src, style));
        if let Some(line) = summary(diags) {
            eprintln!("{line}");
        }
    }
}
