//! The `hoshu` binary: parse the command line, run, map the outcome to an
//! exit code. Everything else is in `cli` (flags), `run` (the commands),
//! `exit` (exit codes and the report of errors), `output` (the one writer of
//! files) and the library.

mod cli;
mod exit;
mod output;
mod pdf;
mod run;

use std::process::ExitCode;

fn main() -> ExitCode {
    let (request, lang) = cli::parse();
    let json_errors = request.json_errors();
    let outcome = run::run(request, lang);
    output::settle();
    match outcome {
        Ok(code) => code.into(),
        Err(err) => {
            let code = exit::exit_code(&err);
            if code != exit::Exit::Success {
                exit::report(&err, json_errors, lang);
            }
            code.into()
        }
    }
}
