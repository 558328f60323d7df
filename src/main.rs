//! The `hoshu` binary: parse the command line, run, map the outcome to an
//! exit code. Everything else is in `cli` (flags), `run` (the commands), `output`
//! (the one writer of files) and the library.

mod cli;
mod output;
mod run;

use std::process::ExitCode;

fn main() -> ExitCode {
    let cli = cli::parse();
    match run::run(cli) {
        Ok(code) => code.into(),
        Err(err) => {
            let code = run::exit_code(&err);
            if code != run::Exit::Success {
                run::say(&format!("error: {err:#}"));
            }
            code.into()
        }
    }
}
