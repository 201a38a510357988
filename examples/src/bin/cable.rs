//! `cable parse FILE...`: prints the JSON tree of each cable.

use std::process::ExitCode;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (Some("parse"), files) = (args.first().map(String::as_str), &args[1.min(args.len())..]) else {
        eprintln!("usage: cable parse [--jsonl] FILE...");
        return ExitCode::from(2);
    };
    let jsonl = files.iter().any(|f| f == "--jsonl");
    let mut failed = false;
    for file in files.iter().filter(|f| *f != "--jsonl") {
        match std::fs::read(file).map_err(|e| e.to_string()).and_then(|bytes| {
            cable_core::parse_bytes(&bytes, &cable_core::Options::default()).map_err(|e| e.to_string())
        }) {
            Ok(cable) => println!("{}", cable.to_json()),
            Err(e) => {
                eprintln!("{file}: {e}");
                failed = true;
            }
        }
        let _ = jsonl;
    }
    if failed { ExitCode::FAILURE } else { ExitCode::SUCCESS }
}
