//! `rust-json files OUT_DIR FILE...`: writes `OUT_DIR/<n>.json`, the exact bytes of
//! `cable_core::parse(text).to_json()` for the n-th FILE (0-based), and
//! `OUT_DIR/<n>.file.json`, those of `cable_core::parse_file(FILE)` (which names the
//! file, so that a bare `<pre>` block named by its reference id gets its id and year).
//!
//! `rust-json csv CSV_FILE`: prints one line per record of a `cables.csv` file: the
//! tree of `cable_core::parse(record)` as JSON, or `ERROR <row> <line> <message>`.

use std::io::{BufReader, Write};
use std::path::Path;
use std::process::ExitCode;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args.first().map(String::as_str) {
        Some("files") if args.len() >= 2 => {
            let out = Path::new(&args[1]);
            for (i, file) in args[2..].iter().enumerate() {
                let text = match std::fs::read_to_string(file) {
                    Ok(text) => text,
                    Err(e) => {
                        eprintln!("{file}: {e}");
                        return ExitCode::FAILURE;
                    }
                };
                let json = cable_core::parse(&text).to_json();
                let from_file = match cable_core::parse_file(file, &Default::default()) {
                    Ok(cable) => cable.to_json(),
                    Err(e) => {
                        eprintln!("{file}: {e}");
                        return ExitCode::FAILURE;
                    }
                };
                for (name, json) in [
                    (format!("{i}.json"), json),
                    (format!("{i}.file.json"), from_file),
                ] {
                    if let Err(e) = std::fs::write(out.join(name), json) {
                        eprintln!("{}: {e}", out.display());
                        return ExitCode::FAILURE;
                    }
                }
            }
            ExitCode::SUCCESS
        }
        Some("csv") if args.len() == 2 => {
            let file = match std::fs::File::open(&args[1]) {
                Ok(file) => file,
                Err(e) => {
                    eprintln!("{}: {e}", args[1]);
                    return ExitCode::FAILURE;
                }
            };
            let stdout = std::io::stdout();
            let mut out = stdout.lock();
            for record in cable_core::csv::Records::new(BufReader::new(file)) {
                let line = match record {
                    Ok(record) => cable_core::parse_record(&record, &Default::default())
                        .map_or_else(|e| e.to_string(), |c| c.to_json()),
                    Err(e) => format!("ERROR {} {} {}", e.row, e.line, e.message),
                };
                if writeln!(out, "{line}").is_err() {
                    return ExitCode::FAILURE;
                }
            }
            ExitCode::SUCCESS
        }
        _ => {
            eprintln!("usage: rust-json files OUT_DIR FILE... | rust-json csv CSV_FILE");
            ExitCode::from(2)
        }
    }
}
