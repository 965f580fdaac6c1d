//! `cachec completions SHELL` and `cachec man`: shell completions and a man page, both generated
//! from the clap definitions, so they list exactly the commands and options the binary takes.

use std::io::{self, Write};
use std::process::ExitCode;

use clap::CommandFactory;
use clap_complete::Shell;

use super::Cli;

pub fn completions(shell: Shell) -> ExitCode {
    let mut command = Cli::command();
    clap_complete::generate(shell, &mut command, "cachec", &mut io::stdout());
    ExitCode::SUCCESS
}

/// The man page of `cachec` with a section for each command, as roff on standard output: one
/// page, so that `man -l` shows everything (no cachec-build(1) pages to point to).
pub fn man() -> ExitCode {
    let command = Cli::command();
    let man = clap_mangen::Man::new(command.clone());
    let mut page = Vec::new();
    let rendered = (|| {
        man.render_title(&mut page)?;
        man.render_name_section(&mut page)?;
        man.render_synopsis_section(&mut page)?;
        man.render_description_section(&mut page)?;
        man.render_options_section(&mut page)?;
        for sub in command.get_subcommands().filter(|s| !s.is_hide_set()) {
            let sub = sub.clone().bin_name(format!("cachec {}", sub.get_name()));
            roff_section(&mut page, &sub)?;
        }
        man.render_version_section(&mut page)
    })();
    match rendered.and_then(|()| io::stdout().write_all(&page)) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: cannot write the man page: {e}");
            ExitCode::FAILURE
        }
    }
}

/// One command's synopsis, description and options, appended to the page: a section named after
/// the command, whose parts are subsections.
fn roff_section(page: &mut Vec<u8>, command: &clap::Command) -> io::Result<()> {
    let name = command.get_bin_name().unwrap_or(command.get_name());
    writeln!(page, ".SH \"{}\"", name.to_uppercase())?;
    let man = clap_mangen::Man::new(command.clone());
    let mut part = Vec::new();
    man.render_synopsis_section(&mut part)?;
    man.render_description_section(&mut part)?;
    man.render_options_section(&mut part)?;
    let part = String::from_utf8_lossy(&part);
    for line in part.lines() {
        match line.strip_prefix(".SH ") {
            Some(title) => writeln!(page, ".SS {title}")?,
            None => writeln!(page, "{line}")?,
        }
    }
    Ok(())
}
