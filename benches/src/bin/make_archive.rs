//! Builds a large synthetic archive from the corpus text exports, repeated:
//! one `cables.csv` and, with `--txt`, the same cables as text files.
//!
//! ```sh
//! cargo run --release -p cable-benches --bin make_archive -- --size-mb 1024 --out target/archive [--txt]
//! cargo run -p cable-benches --bin make_archive -- --rows 40 --out /tmp/fixture   # a small fixture
//! ```
//!
//! Writes `OUT/cables.csv` (rows numbered from 1, 8 quoted columns, quotes escaped as
//! `\"`) and `OUT/txt/NNNN/NNNNNN-REFID.txt` (1000 files a folder). `benches/make_archive.sh`
//! runs it and times `cable export` over the result.

use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::PathBuf;
use std::process::ExitCode;

const USAGE: &str = "usage: make_archive (--size-mb N | --rows N) --out DIR [--txt]";

fn main() -> ExitCode {
    let mut size_mb: Option<u64> = None;
    let mut rows: Option<usize> = None;
    let mut out: Option<PathBuf> = None;
    let mut txt = false;
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--size-mb" => size_mb = args.next().and_then(|v| v.parse().ok()),
            "--rows" => rows = args.next().and_then(|v| v.parse().ok()),
            "--out" => out = args.next().map(PathBuf::from),
            "--txt" => txt = true,
            "-h" | "--help" => {
                println!("{USAGE}");
                return ExitCode::SUCCESS;
            }
            _ => {
                eprintln!("unknown argument {arg:?}\n{USAGE}");
                return ExitCode::from(2);
            }
        }
    }
    let limit = match (size_mb, rows) {
        (Some(mb), None) => Limit::Bytes(mb * 1_000_000),
        (None, Some(rows)) => Limit::Rows(rows),
        _ => {
            eprintln!("{USAGE}");
            return ExitCode::from(2);
        }
    };
    let Some(out) = out else {
        eprintln!("{USAGE}");
        return ExitCode::from(2);
    };
    match build(limit, &out, txt) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("make_archive: {e}");
            ExitCode::FAILURE
        }
    }
}

/// How much to write: bytes (each output), or a number of rows (cables).
#[derive(Clone, Copy)]
enum Limit {
    Bytes(u64),
    Rows(usize),
}

impl Limit {
    fn more(self, written: u64, n: usize) -> bool {
        match self {
            Limit::Bytes(size) => written < size,
            Limit::Rows(rows) => n < rows,
        }
    }
}

fn build(limit: Limit, out: &std::path::Path, txt: bool) -> std::io::Result<()> {
    std::fs::create_dir_all(out)?;
    let exports = cable_benches::text_exports();
    let rows: Vec<String> = exports
        .iter()
        .filter_map(|(_, text)| cable_cli::synth::csv_row(0, text))
        .collect();

    // cables.csv: the rows, renumbered, until the size is reached.
    let path = out.join("cables.csv");
    let mut csv = BufWriter::with_capacity(1 << 20, File::create(&path)?);
    let (mut written, mut n) = (0u64, 0usize);
    while limit.more(written, n) {
        let row = &rows[n % rows.len()];
        n += 1;
        let number = n.to_string();
        csv.write_all(number.as_bytes())?;
        csv.write_all(&row.as_bytes()[1..])?;
        written += (number.len() + row.len() - 1) as u64;
    }
    csv.flush()?;
    eprintln!(
        "{}: {n} rows, {:.1} MB",
        path.display(),
        written as f64 / 1e6
    );

    if txt {
        let dir = out.join("txt");
        let (mut written, mut n) = (0u64, 0usize);
        while limit.more(written, n) {
            let (name, text) = &exports[n % exports.len()];
            let folder = dir.join(format!("{:04}", n / 1000));
            if n % 1000 == 0 {
                std::fs::create_dir_all(&folder)?;
            }
            std::fs::write(folder.join(format!("{n:06}-{name}")), text)?;
            written += text.len() as u64;
            n += 1;
        }
        eprintln!(
            "{}: {n} files, {:.1} MB",
            dir.display(),
            written as f64 / 1e6
        );
    }
    Ok(())
}
