//! Flattens cables into CSV rows in parallel with the library behind `cable export`:
//! lazy inputs, ordered parallel batches, the DataFrame's flat columns.
//!
//! ```sh
//! cargo run --release --example flat_rows -- cable-core/tests/corpus/cablegate-txt > flat.csv
//! ```

use std::io::Write;

use cable_cli::csv_export::{csv_header, csv_row};
use cable_cli::input::Inputs;
use cable_cli::pipeline;
use cable_core::flat::FlatRow;

fn main() -> std::io::Result<()> {
    let mut args: Vec<std::path::PathBuf> = std::env::args_os().skip(1).map(Into::into).collect();
    if args.is_empty() {
        args.push(concat!(env!("CARGO_MANIFEST_DIR"), "/09ASTANA1145.txt").into());
    }
    let options = cable_core::Options::new();
    let mut out = std::io::BufWriter::new(std::io::stdout());
    out.write_all(csv_header().as_bytes())?;
    let mut failed = 0;
    // Runs on rayon's global pool (all cores); output keeps the input order. The sink
    // runs on a pool thread, hence a `Stdout` (which is `Send`) rather than its lock.
    pipeline::run(
        Inputs::new(args, &options),
        pipeline::BATCH,
        |item| {
            item.parse(&options)
                .map(|cable| csv_row(&FlatRow::new(&cable), &item.origin))
        },
        |origin, line| {
            match line {
                Ok(line) => out.write_all(line.as_bytes())?,
                Err(failure) => {
                    eprintln!("{}", failure.report(origin));
                    failed += 1;
                }
            }
            Ok(())
        },
    )?;
    out.flush()?;
    if failed > 0 {
        eprintln!("{failed} inputs failed");
    }
    Ok(())
}
