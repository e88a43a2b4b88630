//! `completions` and `manual`: the shell completions and the man page,
//! generated from the command line's own definition.

use std::io::Write;

use clap::{Args, CommandFactory};
use clap_complete::Shell;

use super::Cli;

/// Arguments of `completions`.
#[derive(Debug, Args)]
pub struct CompletionsArgs {
    /// The shell: bash, zsh, fish, elvish or powershell
    pub shell: Shell,
}

/// Writes the completion script for a shell.
pub fn run(args: CompletionsArgs, out: &mut dyn Write) -> anyhow::Result<()> {
    let mut cmd = Cli::command();
    // Into memory first: clap_complete panics when its writer fails (a
    // closed pipe), and we report that as an error.
    let mut script = Vec::new();
    clap_complete::generate(args.shell, &mut cmd, "claimledger", &mut script);
    out.write_all(&script)?;
    Ok(())
}

/// Writes the man page, in roff: the program's page as clap_mangen makes
/// it, then a section for each command with its full help (every option,
/// every export format), so one page covers them all.
pub fn manual(out: &mut dyn Write) -> anyhow::Result<()> {
    let mut cmd = Cli::command();
    cmd.build();
    clap_mangen::Man::new(cmd.clone()).render(out)?;
    for sub in cmd.get_subcommands() {
        write_section(sub, "claimledger", out)?;
    }
    Ok(())
}

/// A command's section: its full help, kept as laid out, then its own
/// commands' sections.
fn write_section(cmd: &clap::Command, parent: &str, out: &mut dyn Write) -> anyhow::Result<()> {
    if cmd.is_hide_set() || cmd.get_name() == "help" {
        return Ok(());
    }
    let name = format!("{parent} {}", cmd.get_name());
    let help = cmd
        .clone()
        .bin_name(&name)
        .term_width(80)
        .render_long_help()
        .to_string();
    writeln!(out, ".SH \"{}\"\n.nf", name.to_uppercase())?;
    for line in help.lines() {
        let line = line.replace('\\', "\\e");
        if line.starts_with(['.', '\'']) {
            writeln!(out, "\\&{line}")?;
        } else {
            writeln!(out, "{line}")?;
        }
    }
    writeln!(out, ".fi")?;
    for sub in cmd.get_subcommands() {
        write_section(sub, &name, out)?;
    }
    Ok(())
}
