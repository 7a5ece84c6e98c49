//! `spanmark`: the command line over Spanmark's core.
//!
//! Each subcommand lives in its own module and exposes `run(args) -> Result<u8, String>`.

mod agree;
mod convert;
mod eval;
mod input;
mod link;
mod stats;
mod suggest;
mod validate;

use std::process::ExitCode;

const USAGE: &str = "usage: spanmark <command> [args]

commands:
  convert --from <fmt> --to <fmt> IN OUT   convert between dataset formats
  validate IN                              check a file (format detected)
  stats IN                                 documents and spans per label
  suggest IN.txt|IN.jsonl [--labels quote,figure,claim] [--format jsonl]
  eval GOLD_DIR [HELDOUT_DIR]              P/R/F1 of suggestions against gold (development, held out)
  agree FILE FILE [FILE...] [--names a,b] [--format <fmt>] [--json]
                                           inter-annotator agreement (agree --help)
  link FILE… [--suggest] [--regroup] [--json] [--jsonl OUT] [--w3c OUT]
                                           group articles into stories; link quotes and figures
";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some((command, rest)) = args.split_first() else {
        eprint!("{USAGE}");
        return ExitCode::from(2);
    };
    let result = match command.as_str() {
        "convert" => convert::run(rest),
        "validate" => validate::run(rest),
        "stats" => stats::run(rest),
        "suggest" => suggest::run(rest),
        "eval" => eval::run(rest),
        "agree" => agree::run(rest),
        "link" => link::run(rest),
        "help" | "--help" | "-h" => {
            print!("{USAGE}");
            Ok(0)
        }
        other => Err(format!("unknown command {other:?}\n{USAGE}")),
    };
    match result {
        Ok(code) => ExitCode::from(code),
        Err(message) => {
            eprintln!("spanmark: {message}");
            ExitCode::from(1)
        }
    }
}
