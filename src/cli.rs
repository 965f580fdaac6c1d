//! The command line: arguments to library calls to rendered output and an exit status.
//! 0 success, 1 the program has errors (or output could not be written), 2 usage errors.

use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand, ValueEnum};

use cachec::date::Date;
use cachec::diag::render::{Style, render, summary};
use cachec::diag::{Diag, Policy, codes, has_errors};
use cachec::emit::{EmitOptions, Format};
use cachec::{DirLoader, Options};

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

fn parse_date(text: &str) -> Result<Date, String> {
    Date::parse(text).ok_or_else(|| format!("`{text}` is not a date of the form YYYY-MM-DD"))
}

pub fn run(cli: Cli) -> ExitCode {
    match cli.command {
        Command::Explain { code } => explain(&code),
        Command::Check { common } => compile(&common, None),
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

fn compile(common: &Common, build: Option<(&Path, EmitOptions)>) -> ExitCode {
    let file = &common.file;
    let (src, not_utf8) = match std::fs::read(file) {
        Ok(bytes) => cachec::syntax::decode(bytes),
        Err(e) => {
            eprintln!("error: cannot read {}: {e}", file.display());
            return ExitCode::from(2);
        }
    };
    if let Some(diag) = not_utf8 {
        report(common, &[diag], &src);
        return ExitCode::FAILURE;
    }
    let options = Options {
        check: cachec::check::Context {
            today: common.as_of.unwrap_or_else(Date::today),
        },
        policy: Policy {
            deny_warnings: common.deny.is_some(),
            allow: common.allow.clone(),
        },
        emit: build.map(|(_, e)| e).unwrap_or_default(),
    };
    let loader = DirLoader(file.parent().map(Path::to_path_buf).unwrap_or_default());
    let (files, diags) = cachec::compile(&src, &loader, &options);
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
    if diags.is_empty() {
        return;
    }
    let colour = match common.colour {
        ColourArg::Always => true,
        ColourArg::Never => false,
        ColourArg::Auto => std::io::stderr().is_terminal(),
    };
    let style = Style { colour, width: 100 };
    eprint!(
        "{}",
        render(diags, &common.file.display().to_string(), src, style)
    );
    if let Some(line) = summary(diags) {
        eprintln!("{line}");
    }
}
