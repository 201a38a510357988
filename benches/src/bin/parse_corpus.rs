//! Times lenient parsing of a set of files in-process, and prints the throughput as
//! one line of JSON: the native side of the wasm benchmark (`cable-wasm/tests/bench.mjs`),
//! which runs it on the same bytes in the same run.
//!
//! ```sh
//! cargo build --profile artifact -p cable-benches --bin parse_corpus
//! target/artifact/parse_corpus [--iterations N] [--warmup N] [--serve] [PATH...]
//! ```
//!
//! Each PATH is a file, or a folder whose files ending in `.txt`, `.html`, `.htm` or
//! `.csv` are taken, one level of subfolders deep (the layout of the test corpus);
//! without PATH, the test corpus `cable-core/tests/corpus`. The files are read once,
//! then each is parsed with `cable_core::parse_bytes` and lenient options naming the
//! file (`Options::file_name`, as `cable parse` and the binding's `fileName` do),
//! `--warmup` times (default 1) untimed, then `--iterations` times (default 5) timed,
//! as two measures:
//!
//! - `parse`: `parse_bytes` alone;
//! - `parse_json`: `parse_bytes` then `Cable::to_json` (what the binding's `parseJson` does).
//!
//! Output: `{"files":F,"bytes":B,"iterations":N,"parse":{"mb_s":[...],"min":..,"median":..,"max":..},"parse_cpu":{...},"parse_json":{...},"parse_json_cpu":{...}}`
//! with MB = 10^6 bytes, one `mb_s` figure per iteration; `parse` by wall-clock time,
//! `parse_cpu` by the CPU time of the thread (`/proc/thread-self/schedstat`; `null`
//! where there is none), which a loaded machine disturbs less.
//!
//! With `--serve`, after the warm-up it prints `{"files":F,"bytes":B}` and then, for
//! each line read on standard input, times one pass of each measure and prints
//! `{"parse":MB/s,"parse_cpu":MB/s,"parse_json":MB/s,"parse_json_cpu":MB/s}`, until the input ends: the benchmark interleaves
//! these rounds with its own, so that both sides see the same load.

use std::hint::black_box;
use std::io::{BufRead, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

use cable_core::Options;

const USAGE: &str = "usage: parse_corpus [--iterations N] [--warmup N] [PATH...]";

/// The extensions of the corpus files, as `cable-wasm/tests/helpers.mjs` takes them.
const EXTENSIONS: [&str; 4] = ["txt", "html", "htm", "csv"];

fn main() -> ExitCode {
    let mut iterations = 5usize;
    let mut warmup = 1usize;
    let mut serve = false;
    let mut paths: Vec<PathBuf> = Vec::new();
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        let number = |value: Option<String>| value.and_then(|v| v.parse::<usize>().ok());
        match arg.as_str() {
            "--iterations" => match number(args.next()) {
                Some(n) if n > 0 => iterations = n,
                _ => return usage("--iterations needs a positive number"),
            },
            "--warmup" => match number(args.next()) {
                Some(n) => warmup = n,
                None => return usage("--warmup needs a number"),
            },
            "--serve" => serve = true,
            "-h" | "--help" => {
                println!("{USAGE}");
                return ExitCode::SUCCESS;
            }
            _ if arg.starts_with("--") => return usage(&format!("unknown option {arg}")),
            _ => paths.push(PathBuf::from(arg)),
        }
    }
    if paths.is_empty() {
        paths.push(cable_benches::corpus_dir());
    }

    let mut files: Vec<(Options, Vec<u8>)> = Vec::new();
    for path in &paths {
        if let Err(err) = collect(path, 0, &mut files) {
            eprintln!("parse_corpus: {}: {err}", path.display());
            return ExitCode::FAILURE;
        }
    }
    if files.is_empty() {
        return usage("no files to parse");
    }
    let bytes: usize = files.iter().map(|(_, b)| b.len()).sum();

    let parse = |files: &[(Options, Vec<u8>)]| {
        files
            .iter()
            .map(|(options, bytes)| {
                cable_core::parse_bytes(black_box(bytes), options)
                    .map_or(0, |c| c.diagnostics.len() + 1)
            })
            .sum::<usize>()
    };
    let parse_json = |files: &[(Options, Vec<u8>)]| {
        files
            .iter()
            .map(|(options, bytes)| {
                cable_core::parse_bytes(black_box(bytes), options).map_or(0, |c| c.to_json().len())
            })
            .sum::<usize>()
    };

    if serve {
        for _ in 0..warmup {
            black_box(parse_json(&files));
        }
        println!("{{\"files\":{},\"bytes\":{bytes}}}", files.len());
        let mut out = std::io::stdout().lock();
        for line in std::io::stdin().lock().lines() {
            if line.is_err() {
                break;
            }
            let parse_rate = &measure(&files, bytes, 0, 1, parse)[0];
            let json_rate = &measure(&files, bytes, 0, 1, parse_json)[0];
            let written = writeln!(
                out,
                "{{{},{}}}",
                round_members("parse", parse_rate),
                round_members("parse_json", json_rate)
            )
            .and_then(|()| out.flush());
            if written.is_err() {
                break;
            }
        }
        return ExitCode::SUCCESS;
    }

    let parse_rates = measure(&files, bytes, warmup, iterations, parse);
    let json_rates = measure(&files, bytes, warmup, iterations, parse_json);
    println!(
        "{{\"files\":{},\"bytes\":{bytes},\"iterations\":{iterations},{},{}}}",
        files.len(),
        members("parse", &parse_rates),
        members("parse_json", &json_rates)
    );
    ExitCode::SUCCESS
}

fn usage(message: &str) -> ExitCode {
    eprintln!("parse_corpus: {message}\n{USAGE}");
    ExitCode::from(2)
}

/// Adds `path` (a file, or a folder's files down to one level of subfolders), sorted by name.
fn collect(path: &Path, depth: usize, out: &mut Vec<(Options, Vec<u8>)>) -> std::io::Result<()> {
    if path.is_dir() {
        let mut entries: Vec<PathBuf> = std::fs::read_dir(path)?
            .map(|e| e.map(|e| e.path()))
            .collect::<Result<_, _>>()?;
        entries.sort();
        for entry in entries {
            if entry.is_dir() {
                if depth == 0 {
                    collect(&entry, depth + 1, out)?;
                }
            } else if entry
                .extension()
                .and_then(|e| e.to_str())
                .is_some_and(|e| EXTENSIONS.contains(&e))
            {
                add_file(&entry, out)?;
            }
        }
        Ok(())
    } else {
        add_file(path, out)
    }
}

fn add_file(path: &Path, out: &mut Vec<(Options, Vec<u8>)>) -> std::io::Result<()> {
    let bytes = std::fs::read(path)?;
    let mut options = Options::new();
    if let Some(name) = path.file_name() {
        options = options.file_name(name.to_string_lossy());
    }
    out.push((options, bytes));
    Ok(())
}

/// The throughput of one timed pass: by wall-clock time, and by the CPU time of this
/// thread (Linux; `None` elsewhere), which a loaded machine disturbs less.
struct Rate {
    wall: f64,
    cpu: Option<f64>,
}

/// Each timed pass of `work` over all the files, after `warmup` untimed passes.
fn measure(
    files: &[(Options, Vec<u8>)],
    bytes: usize,
    warmup: usize,
    iterations: usize,
    work: impl Fn(&[(Options, Vec<u8>)]) -> usize,
) -> Vec<Rate> {
    for _ in 0..warmup {
        black_box(work(files));
    }
    let mb = bytes as f64 / 1e6;
    (0..iterations)
        .map(|_| {
            let cpu = thread_cpu_seconds();
            let start = Instant::now();
            black_box(work(files));
            let wall = start.elapsed().as_secs_f64();
            let cpu = cpu.zip(thread_cpu_seconds()).map(|(a, b)| mb / (b - a));
            Rate {
                wall: mb / wall,
                cpu,
            }
        })
        .collect()
}

/// The CPU time this thread has run, in seconds: the first field of
/// `/proc/thread-self/schedstat` (nanoseconds), as `bench.mjs` reads it for Node's thread.
fn thread_cpu_seconds() -> Option<f64> {
    let stat = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    let ns: f64 = stat.split_whitespace().next()?.parse().ok()?;
    Some(ns / 1e9)
}

/// The wall-clock and CPU summaries of `rates` as two JSON members named `name` and `name_cpu`.
fn members(name: &str, rates: &[Rate]) -> String {
    let wall: Vec<f64> = rates.iter().map(|r| r.wall).collect();
    let cpu: Option<Vec<f64>> = rates.iter().map(|r| r.cpu).collect();
    format!(
        "\"{name}\":{},\"{name}_cpu\":{}",
        summary(&wall),
        cpu.map_or("null".to_string(), |c| summary(&c))
    )
}

/// One rate of a `--serve` round, as two JSON members named `name` and `name_cpu`.
fn round_members(name: &str, rate: &Rate) -> String {
    let cpu = rate.cpu.map_or("null".to_string(), |c| format!("{c:.2}"));
    format!("\"{name}\":{:.2},\"{name}_cpu\":{cpu}", rate.wall)
}

/// `{"mb_s":[...],"min":..,"median":..,"max":..}`, figures rounded to 0.01 MB/s.
fn summary(mb_s: &[f64]) -> String {
    let mut sorted = mb_s.to_vec();
    sorted.sort_by(f64::total_cmp);
    let n = sorted.len();
    let median = if n % 2 == 1 {
        sorted[n / 2]
    } else {
        (sorted[n / 2 - 1] + sorted[n / 2]) / 2.0
    };
    let list: Vec<String> = mb_s.iter().map(|v| format!("{v:.2}")).collect();
    format!(
        "{{\"mb_s\":[{}],\"min\":{:.2},\"median\":{median:.2},\"max\":{:.2}}}",
        list.join(","),
        sorted[0],
        sorted[n - 1]
    )
}
