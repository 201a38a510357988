//! Benchmarks of cable-core, with a floor to compare against.
//!
//! ```sh
//! cargo bench -p cable-benches                 # all, then a summary with ratios
//! cargo bench -p cable-benches -- corpus       # one group
//! cargo bench -p cable-benches --no-run        # compile only (CI)
//! ```
//!
//! Groups:
//! - `astana`: parse 09ASTANA1145, and count its lines with memchr;
//! - `corpus`: lenient parse of the whole test corpus (every container), per
//!   container, and the memchr line count over the same bytes (the floor);
//! - `html`: `decode` alone (no parse) of the corpus `<pre>` blocks and pages: the
//!   HTML scanner and character references;
//! - `json`: `Cable::to_json` of every corpus tree;
//! - `csv`: the `cables.csv` reader (`Records`) over a generated archive, alone and
//!   with parsing, and the line count;
//! - `pipeline`: `cable export --format csv` of that archive through the command's
//!   pipeline at 1 and 2 threads (the speed-up needs two idle cores), and the same
//!   pipeline with sleeping instead of parsing (its structure, whatever the load);
//! - `scaling`: the sample with its body repeated 1x, 10x and 100x.
//!
//! After a full run, a summary prints MB/s and the parse / line-count ratio, read
//! back from criterion's estimates.

use std::hint::black_box;
use std::path::PathBuf;
use std::time::Duration;

use cable_benches::{
    corpus_files, count_lines, csv_archive, scaled_sample, whole_corpus, CORPUS_DIRS,
};
use cable_cli::input::{CableInput, Inputs, Origin, Payload};
use cable_cli::pipeline;
use cable_core::csv::Records;
use cable_core::flat::FlatRow;
use cable_core::{Container, Options};
use criterion::{BenchmarkId, Criterion, Throughput};

/// The size of the generated `cables.csv` for the `csv` group.
const CSV_BYTES: usize = 4_000_000;

/// Cables of the pipeline model (`pipeline/sleep_model`).
const MODEL_CABLES: usize = 1600;

/// A rayon pool of `n` threads, for the `pipeline` group.
fn thread_pool(n: usize) -> rayon::ThreadPool {
    rayon::ThreadPoolBuilder::new()
        .num_threads(n)
        .build()
        .expect("a thread pool")
}

/// Body repetitions of the `scaling` group.
const SCALES: [usize; 3] = [1, 10, 100];

fn parse_all(files: &[Vec<u8>]) -> usize {
    let options = Options::new();
    files
        .iter()
        .map(|bytes| {
            cable_core::parse_bytes(bytes, &options).map_or(0, |c| c.diagnostics.len() + 1)
        })
        .sum()
}

fn astana(c: &mut Criterion) {
    let text = cable_benches::sample();
    let mut group = c.benchmark_group("astana");
    group.throughput(Throughput::Bytes(text.len() as u64));
    group.bench_function("parse", |b| b.iter(|| cable_core::parse(black_box(&text))));
    group.bench_function("count_lines", |b| {
        b.iter(|| count_lines(black_box(text.as_bytes())))
    });
    group.finish();
}

fn corpus(c: &mut Criterion) -> u64 {
    let all = whole_corpus();
    let bytes: u64 = all.iter().map(|f| f.len() as u64).sum();
    let mut group = c.benchmark_group("corpus");
    group
        .sample_size(10)
        .measurement_time(Duration::from_secs(20));
    group.throughput(Throughput::Bytes(bytes));
    group.bench_function("parse", |b| b.iter(|| parse_all(black_box(&all))));
    group.bench_function("count_lines", |b| {
        b.iter(|| all.iter().map(|f| count_lines(black_box(f))).sum::<usize>())
    });
    for dir in CORPUS_DIRS {
        let files: Vec<Vec<u8>> = corpus_files(dir).into_iter().map(|(_, b)| b).collect();
        group.throughput(Throughput::Bytes(
            files.iter().map(|f| f.len() as u64).sum(),
        ));
        group.bench_with_input(BenchmarkId::new("parse", dir), &files, |b, files| {
            b.iter(|| parse_all(black_box(files)))
        });
    }
    group.finish();
    bytes
}

/// The corpus files of `dir` as text, for `decode` (which takes a `&str`).
fn corpus_texts(dir: &str) -> Vec<String> {
    corpus_files(dir)
        .into_iter()
        .map(|(name, b)| String::from_utf8(b).unwrap_or_else(|_| panic!("{name} is UTF-8")))
        .collect()
}

fn html(c: &mut Criterion) {
    let mut group = c.benchmark_group("html");
    // `decode` alone: the parse would drown the decoding in the cable grammar's time.
    for (id, dirs, container) in [
        ("decode", &["cablegate-html", "cablegate-page"][..], None),
        (
            "decode_pre",
            &["cablegate-html"][..],
            Some(Container::HtmlPre),
        ),
        (
            "decode_page",
            &["cablegate-page"][..],
            Some(Container::HtmlPage),
        ),
    ] {
        let texts: Vec<String> = dirs.iter().flat_map(|d| corpus_texts(d)).collect();
        group.throughput(Throughput::Bytes(
            texts.iter().map(|t| t.len() as u64).sum(),
        ));
        group.bench_function(id, |b| {
            b.iter(|| {
                texts
                    .iter()
                    .map(|t| cable_core::decode(black_box(t), container).text.len())
                    .sum::<usize>()
            })
        });
    }
    group.finish();
}

fn json(c: &mut Criterion) {
    let trees: Vec<cable_core::Cable> = whole_corpus()
        .iter()
        .filter_map(|b| cable_core::parse_bytes(b, &Options::new()).ok())
        .collect();
    let json_bytes: u64 = trees.iter().map(|t| t.to_json().len() as u64).sum();
    let mut group = c.benchmark_group("json");
    group.throughput(Throughput::Bytes(json_bytes));
    group.bench_function("to_json", |b| {
        b.iter(|| {
            trees
                .iter()
                .map(|t| black_box(t).to_json().len())
                .sum::<usize>()
        })
    });
    group.finish();
}

fn csv(c: &mut Criterion) -> u64 {
    let data = csv_archive(CSV_BYTES);
    let mut group = c.benchmark_group("csv");
    group
        .sample_size(10)
        .measurement_time(Duration::from_secs(10));
    group.throughput(Throughput::Bytes(data.len() as u64));
    group.bench_function("records", |b| {
        b.iter(|| {
            Records::new(black_box(data.as_bytes()))
                .filter(Result::is_ok)
                .count()
        })
    });
    let options = Options::new().container(Container::CsvRow);
    group.bench_function("records_parse", |b| {
        b.iter(|| {
            Records::new(black_box(data.as_bytes()))
                .filter_map(Result::ok)
                .map(|r| cable_core::parse_record(&r, &options).map_or(0, |c| c.diagnostics.len()))
                .sum::<usize>()
        })
    });
    group.bench_function("count_lines", |b| {
        b.iter(|| count_lines(black_box(data.as_bytes())))
    });
    group.finish();
    data.len() as u64
}

/// `cable export --format csv` of the generated archive through the command's
/// pipeline (lazy reader, ordered parallel batches, flat rows) at 1 and 2 threads.
fn pipeline(c: &mut Criterion) -> Vec<usize> {
    let data = csv_archive(CSV_BYTES);
    let path = std::env::temp_dir().join(format!("cable-bench-{}.csv", std::process::id()));
    std::fs::write(&path, &data).expect("the temporary archive is writable");
    let options = Options::new();
    let mut group = c.benchmark_group("pipeline");
    group
        .sample_size(10)
        .measurement_time(Duration::from_secs(10));
    group.throughput(Throughput::Bytes(data.len() as u64));
    let threads = vec![1, 2];
    for &n in &threads {
        let pool = thread_pool(n);
        group.bench_function(BenchmarkId::new("export_csv", n), |b| {
            b.iter(|| {
                let mut bytes = 0;
                pool.install(|| {
                    let inputs = Inputs::new(vec![path.clone()], &options);
                    let work = |item: &CableInput| {
                        item.parse(&options).map(|cable| {
                            cable_cli::csv_export::csv_row(&FlatRow::new(&cable), &item.origin)
                        })
                    };
                    pipeline::run(inputs, pipeline::BATCH, work, |_, line| {
                        bytes += line.map_or(0, |l| l.len());
                        Ok(())
                    })
                })
                .expect("no sink error");
                bytes
            })
        });
    }
    // The same pipeline with CPU-free work: the reader sleeps 50 us a cable and the
    // work 200 us, so the speed-up shows the pipeline's structure (reading overlapped
    // with parsing, work split across threads) even when other processes hold the cores.
    group.throughput(Throughput::Elements(MODEL_CABLES as u64));
    for &n in &threads {
        let pool = thread_pool(n);
        group.bench_function(BenchmarkId::new("sleep_model", n), |b| {
            b.iter(|| {
                pool.install(|| {
                    let items = (0..MODEL_CABLES).map(|row| {
                        std::thread::sleep(Duration::from_micros(50));
                        let source = "model".into();
                        let origin = Origin {
                            source,
                            row: Some(row),
                            line: None,
                            bytes: 4096,
                        };
                        CableInput {
                            origin,
                            payload: Payload::File(Vec::new()),
                        }
                    });
                    let work = |_: &CableInput| {
                        std::thread::sleep(Duration::from_micros(200));
                        Ok(())
                    };
                    pipeline::run(items, pipeline::BATCH, work, |_, _| Ok(()))
                })
                .expect("no sink error")
            })
        });
    }
    group.finish();
    let _ = std::fs::remove_file(&path);
    threads
}

fn scaling(c: &mut Criterion) -> Vec<(usize, u64)> {
    let mut group = c.benchmark_group("scaling");
    group.sample_size(20);
    let mut sizes = Vec::new();
    for times in SCALES {
        let text = scaled_sample(times);
        sizes.push((times, text.len() as u64));
        group.throughput(Throughput::Bytes(text.len() as u64));
        group.bench_with_input(
            BenchmarkId::new("parse", format!("{times}x")),
            &text,
            |b, text| b.iter(|| cable_core::parse(black_box(text))),
        );
    }
    group.finish();
    sizes
}

/// Where criterion writes its estimates (set explicitly so the summary can read them).
fn criterion_home() -> PathBuf {
    if let Some(home) = std::env::var_os("CRITERION_HOME") {
        return home.into();
    }
    let target = std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../target"));
    target.join("criterion")
}

/// The time of a benchmark in seconds, from criterion's `new/estimates.json`.
fn mean_secs(home: &std::path::Path, id: &str) -> Option<f64> {
    let path = home.join(id).join("new/estimates.json");
    let json: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(path).ok()?).ok()?;
    // The estimate criterion prints: the slope when it sampled linearly, else the mean.
    let typical = json["slope"]["point_estimate"].as_f64();
    Some(typical.or_else(|| json["mean"]["point_estimate"].as_f64())? / 1e9)
}

fn summary(
    home: &std::path::Path,
    corpus_bytes: u64,
    csv_bytes: u64,
    threads: &[usize],
    scales: &[(usize, u64)],
) {
    let mbps = |bytes: u64, secs: f64| bytes as f64 / 1e6 / secs;
    println!("\nSummary (MB = 10^6 bytes; one thread unless said):");
    let sample = cable_benches::sample().len() as u64;
    for (name, bytes, parse, floor) in [
        (
            "astana (one cable)",
            sample,
            "astana/parse",
            "astana/count_lines",
        ),
        (
            "corpus (all containers)",
            corpus_bytes,
            "corpus/parse",
            "corpus/count_lines",
        ),
        (
            "cables.csv read + parse",
            csv_bytes,
            "csv/records_parse",
            "csv/count_lines",
        ),
    ] {
        if let (Some(p), Some(f)) = (mean_secs(home, parse), mean_secs(home, floor)) {
            println!(
                "  {name:<26} parse {:>9.1} MB/s   memchr lines {:>9.1} MB/s   ratio {:>7.0}x",
                mbps(bytes, p),
                mbps(bytes, f),
                p / f
            );
        }
    }
    if let Some(r) = mean_secs(home, "csv/records") {
        println!(
            "  cables.csv reader alone    {:>9.1} MB/s",
            mbps(csv_bytes, r)
        );
    }
    let one = mean_secs(home, "pipeline/export_csv/1");
    for n in threads {
        if let (Some(secs), Some(one)) = (mean_secs(home, &format!("pipeline/export_csv/{n}")), one)
        {
            println!(
                "  export pipeline, {n} thread{} {:>9.1} MB/s   speed-up {:>4.2}x over 1 thread",
                if *n == 1 { " " } else { "s" },
                mbps(csv_bytes, secs),
                one / secs
            );
        }
    }
    let one = mean_secs(home, "pipeline/sleep_model/1");
    for n in threads {
        if let (Some(secs), Some(one)) =
            (mean_secs(home, &format!("pipeline/sleep_model/{n}")), one)
        {
            println!(
                "  pipeline model (sleeping work), {n} thread{} {:>8.1} ms   speed-up {:>4.2}x (ideal {n}x)",
                if *n == 1 { " " } else { "s" },
                secs * 1e3,
                one / secs
            );
        }
    }
    let base = scales
        .first()
        .and_then(|(t, b)| Some((mean_secs(home, &format!("scaling/parse/{t}x"))?, *b)));
    for (times, bytes) in scales {
        if let (Some(secs), Some((base_secs, base_bytes))) =
            (mean_secs(home, &format!("scaling/parse/{times}x")), base)
        {
            println!(
                "  scaling {times:>3}x body  {:>8} bytes  {:>10.3} ms  {:>7.1} ns/byte  time {:>6.1}x for {:>6.1}x the bytes",
                bytes,
                secs * 1e3,
                secs * 1e9 / *bytes as f64,
                secs / base_secs,
                *bytes as f64 / base_bytes as f64
            );
        }
    }
}

fn main() {
    let home = criterion_home();
    let mut c = Criterion::default()
        .output_directory(&home)
        .configure_from_args();
    astana(&mut c);
    let corpus_bytes = corpus(&mut c);
    html(&mut c);
    json(&mut c);
    let csv_bytes = csv(&mut c);
    let threads = pipeline(&mut c);
    let scales = scaling(&mut c);
    c.final_summary();
    // Only a real benchmark run (`cargo bench`) writes fresh estimates.
    if std::env::args().any(|a| a == "--bench") {
        summary(&home, corpus_bytes, csv_bytes, &threads, &scales);
    }
}
