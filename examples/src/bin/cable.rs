//! `cable`: parse, export and count diplomatic cables (Cablegate), from single files
//! to whole archives. Run `cable --help` or `cable SUBCOMMAND --help`.

use std::collections::BTreeMap;
use std::fs::File;
use std::io::{self, BufWriter, IsTerminal, Write};
use std::num::NonZeroUsize;
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::{Duration, Instant};

use clap::{Args, Parser, Subcommand, ValueEnum};
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

#[cfg(feature = "parquet")]
use cable_cli::columnar::{self, Columnar};
use cable_cli::flat;
use cable_cli::input::{Failure, FailureKind, Inputs, Item, Origin};
use cable_cli::pipeline::{self, Outcome, Settings};
use cable_cli::stats::{Stats, Summary};
use cable_core::csv::Dialect;
use cable_core::flat::FlatRow;
use cable_core::{Cable, Container, Options};

const MAIN_EXAMPLES: &str = "\
Examples:
  cable parse 09ASTANA1145.txt                 the syntax tree of one cable, as JSON
  cable parse --jsonl cables/ > trees.jsonl    every cable under a directory, one tree per line
  cable export cables.csv --format csv -o cables-flat.csv
  cable export cables.csv --format parquet -o tables/   tables/{cables,paragraphs,references}.parquet
  cable stats cables.csv

Exit status: 0 when every input was parsed, 1 when some failed (each is reported on
standard error with its file and row, and the run goes on), 2 on a usage error or when
the output cannot be written.";

const PARSE_EXAMPLES: &str = "\
Examples:
  cable parse 09ASTANA1145.txt                 one tree, compact JSON (as Cable::to_json)
  cable parse --pretty 09ASTANA1145.html       indented
  cable parse a.txt b.html                     several cables: a JSON array
  cable parse --jsonl corpus/                  every cable file under corpus/, one tree per line
  cat 09ASTANA1145.txt | cable parse -         standard input
  cable parse --strict a.txt                   fail (exit 1) at the first deviation from the grammar
  cable parse --year 2007 berlin.html          a <pre> block has no date: resolve its REF ids with 2007

A file named by its reference id (07BERLIN1767.html) gives its id and year to a cable whose
text has none (a bare <pre> block); --no-id-from-file-name turns that off. Standard input
and the rows of a cables.csv have no file name.

A directory means every .txt, .html, .htm and .csv file under it, recursively, in name
order (hidden files skipped). A .csv file, or a file whose first line looks like a
cables.csv row, is an archive: one cable per row.";

const EXPORT_EXAMPLES: &str = "\
Examples:
  cable export cables.csv --format csv -o flat.csv      one row per cable, flat columns
  cable export cables.csv --format jsonl -o trees.jsonl one tree per line
  cable export cables.csv --format parquet -o tables/   three Parquet files (zstd)
  cable export corpus/ --format arrow -o tables/        three Arrow IPC files (zstd)
  cable export corpus/ a.csv --format jsonl --with-source --threads 2
  cat cables.csv | cable export - --format csv

Inputs are files, directories (walked recursively) and cables.csv archives (read one
row at a time). Cables are parsed in parallel in bounded batches; the output keeps the
input order and is written as it goes, so memory stays small whatever the input size.
Failed inputs are reported on standard error (file, row, line), left out of the output
and counted in the summary; the exit status is then 1.

CSV columns: reference_id, date, classification, classification_level, origin, subject,
tags, references, recipients, info_recipients, signature, partial, n_paragraphs,
n_diagnostics, container, transmission_id, dtg, caveats (the columns of the Python
DataFrame), then source (the file) and row (the cables.csv row, if any). Lists are
joined with '|'.

Parquet and Arrow: one file per table in the directory given with -o (created if
needed): cables (one row per cable), paragraphs (one row per paragraph) and
references (one row per cited document: the citation graph). Written in batches as the
input is read (Parquet row groups of at most 64 MB), zstd-compressed, under a
.partial name until complete. The columns are listed in the README.";

const STATS_EXAMPLES: &str = "\
Examples:
  cable stats cables.csv                       counts as a table
  cable stats --json --top 50 corpus/          as JSON, with the 50 most frequent origins

Counts cables by classification (as written in the metadata, else the banner), origin,
year and container; cables with diagnostics; and the most frequent diagnostics by code
(how many times, in how many cables).";

#[derive(Parser)]
#[command(
    name = "cable",
    version,
    about = "Parse diplomatic cables (Cablegate) into structured data: single files or whole archives.",
    after_help = MAIN_EXAMPLES
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Parse cables and print their syntax trees as JSON.
    #[command(after_help = PARSE_EXAMPLES)]
    Parse(ParseArgs),
    /// Export whole archives as JSON Lines or flat CSV, in parallel.
    #[command(after_help = EXPORT_EXAMPLES)]
    Export(ExportArgs),
    /// Count cables by classification, origin, year, container and diagnostic.
    #[command(after_help = STATS_EXAMPLES)]
    Stats(StatsArgs),
}

#[derive(Args)]
struct Common {
    /// Reject the first deviation from the grammar; such cables are reported and counted as failed.
    #[arg(long)]
    strict: bool,
    /// Read every input as this container instead of detecting it: text_export, html_page,
    /// html_pre, csv_row (files are cables.csv archives) or bare_text.
    #[arg(long, value_name = "NAME")]
    container: Option<Container>,
    /// How cables.csv archives quote their fields: backslash (the 2011 release: \" and \\
    /// escapes), rfc4180 (re-saved by pandas or Python's csv module: quotes doubled,
    /// backslashes as they are), or auto (detected from the start of each archive).
    #[arg(long, value_enum, value_name = "DIALECT", default_value = "auto")]
    csv_dialect: CsvDialect,
    /// The year the cables were sent (e.g. 2007), for inputs that carry no date (bare `<pre>`
    /// blocks): REF items that omit their year are resolved with it.
    #[arg(long, value_name = "YYYY")]
    year: Option<u16>,
    /// Do not take a cable's reference id (and year) from its file's name. By default a file
    /// named by a reference id (07BERLIN1767.html) gives it to a text that has none (a bare
    /// `<pre>` block), with an id-from-file-name diagnostic.
    #[arg(long)]
    no_id_from_file_name: bool,
    /// Number of parsing threads [default: all cores].
    #[arg(long, short = 'j', value_name = "N")]
    threads: Option<NonZeroUsize>,
    /// No progress bar and no summary on standard error (failures are still reported). The bar
    /// is also off when standard error is not a terminal, or shares it with streamed output.
    #[arg(long, short)]
    quiet: bool,
}

#[derive(Args)]
struct ParseArgs {
    /// Cable files, directories, cables.csv archives, or - for standard input.
    #[arg(required = true, value_name = "INPUT")]
    inputs: Vec<PathBuf>,
    /// One compact tree per line (JSON Lines) instead of one JSON document.
    #[arg(long, conflicts_with = "pretty")]
    jsonl: bool,
    /// Indent the JSON.
    #[arg(long)]
    pretty: bool,
    #[command(flatten)]
    common: Common,
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum CsvDialect {
    /// Detected from the start of each archive.
    Auto,
    /// The 2011 release's backslash escapes.
    Backslash,
    /// RFC 4180: quotes doubled, backslashes as they are.
    Rfc4180,
}

impl CsvDialect {
    fn dialect(self) -> Option<Dialect> {
        match self {
            CsvDialect::Auto => None,
            CsvDialect::Backslash => Some(Dialect::Backslash),
            CsvDialect::Rfc4180 => Some(Dialect::Rfc4180),
        }
    }
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Format {
    /// One syntax tree per line (JSON Lines).
    Jsonl,
    /// One row per cable with flat columns.
    Csv,
    /// Three Parquet files (cables, paragraphs, references) in the directory of -o.
    Parquet,
    /// Three Arrow IPC files (cables, paragraphs, references) in the directory of -o.
    Arrow,
}

#[derive(Args)]
struct ExportArgs {
    /// Cable files, directories, cables.csv archives, or - for standard input.
    #[arg(required = true, value_name = "INPUT")]
    inputs: Vec<PathBuf>,
    /// Output format.
    #[arg(long, short, value_enum)]
    format: Format,
    /// Write to this file instead of standard output; for parquet and arrow, the directory
    /// of the three table files (required).
    #[arg(long, short, value_name = "PATH")]
    output: Option<PathBuf>,
    /// JSON Lines: wrap each tree as {"source":..,"row":..,"line":..,"cable":TREE}.
    #[arg(long)]
    with_source: bool,
    #[command(flatten)]
    common: Common,
}

#[derive(Args)]
struct StatsArgs {
    /// Cable files, directories, cables.csv archives, or - for standard input.
    #[arg(required = true, value_name = "INPUT")]
    inputs: Vec<PathBuf>,
    /// Print the counts as JSON.
    #[arg(long)]
    json: bool,
    /// How many origins and diagnostics to list.
    #[arg(long, value_name = "N", default_value_t = 10)]
    top: usize,
    #[command(flatten)]
    common: Common,
}

/// A fatal error: the run cannot go on (exit status 2).
enum Fatal {
    /// The output is closed (e.g. `cable parse --jsonl dir | head`): stop quietly.
    BrokenPipe,
    Other(String),
}

impl From<io::Error> for Fatal {
    fn from(e: io::Error) -> Self {
        if e.kind() == io::ErrorKind::BrokenPipe {
            Fatal::BrokenPipe
        } else {
            Fatal::Other(format!("cannot write the output: {e}"))
        }
    }
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Parse(args) => parse(args),
        Command::Export(args) => export(args),
        Command::Stats(args) => stats(args),
    };
    match result {
        Ok(code) => code,
        Err(Fatal::BrokenPipe) => ExitCode::SUCCESS,
        Err(Fatal::Other(message)) => {
            eprintln!("cable: error: {message}");
            ExitCode::from(2)
        }
    }
}

/// Progress, failures and the closing summary of a run.
struct Run {
    progress: ProgressBar,
    quiet: bool,
    started: Instant,
    threads: usize,
    cables: u64,
    bytes: u64,
    with_diagnostics: u64,
    failed: BTreeMap<FailureKind, u64>,
}

impl Run {
    /// `streams_to_stdout`: whether results are written to standard output as they
    /// come (then no bar is drawn when both are the same terminal).
    fn new(common: &Common, inputs: &[PathBuf], streams_to_stdout: bool) -> Self {
        let threads = common.threads.map_or_else(
            || std::thread::available_parallelism().map_or(1, NonZeroUsize::get),
            NonZeroUsize::get,
        );
        let shared_terminal = streams_to_stdout && io::stdout().is_terminal();
        let progress = if common.quiet || !io::stderr().is_terminal() || shared_terminal {
            ProgressBar::hidden()
        } else {
            progress_bar(inputs)
        };
        Run {
            progress,
            quiet: common.quiet,
            started: Instant::now(),
            threads,
            cables: 0,
            bytes: 0,
            with_diagnostics: 0,
            failed: BTreeMap::new(),
        }
    }

    fn options(common: &Common) -> Options {
        let mut options = Options::new().strict(common.strict);
        if let Some(c) = common.container {
            options = options.container(c);
        }
        if let Some(year) = common.year {
            options = options.year(year);
        }
        if common.no_id_from_file_name {
            options = options.id_from_file_name(false);
        }
        options
    }

    /// Parses the inputs on a pool of `self.threads` threads, runs `work` on each
    /// cable there, and hands the results to `sink` in input order.
    fn run<T, F, S>(
        &mut self,
        common: &Common,
        inputs: Vec<PathBuf>,
        work: F,
        mut sink: S,
    ) -> Result<(), Fatal>
    where
        T: Send,
        F: Fn(&Item, Cable) -> T + Sync,
        S: FnMut(&Origin, T) -> io::Result<()> + Send,
    {
        let options = Run::options(common);
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(self.threads)
            .thread_name(|i| format!("cable-{i}"))
            .build()
            .map_err(|e| Fatal::Other(format!("cannot start {} threads: {e}", self.threads)))?;
        let items = Inputs::new(inputs, &options).csv_dialect(common.csv_dialect.dialect());
        let settings = Settings::default();
        let result = pool.install(|| {
            let work = |item: &Item| -> Outcome<(T, bool)> {
                let cable = item.parse(&options)?;
                let diagnostics = !cable.diagnostics.is_empty();
                Ok((work(item, cable), diagnostics))
            };
            pipeline::run(items, &settings, work, |origin, outcome| {
                match outcome {
                    Ok((value, diagnostics)) => {
                        self.cables += 1;
                        self.with_diagnostics += u64::from(diagnostics);
                        sink(origin, value)?;
                    }
                    Err(failure) => self.fail(origin, &failure),
                }
                self.bytes += origin.bytes;
                self.progress.inc(origin.bytes);
                if (self.cables + self.failures()).is_multiple_of(256) {
                    self.progress.set_message(self.counts());
                }
                Ok(())
            })
        });
        self.progress.finish_and_clear();
        result.map_err(Fatal::from)
    }

    fn fail(&mut self, origin: &Origin, failure: &Failure) {
        *self.failed.entry(failure.kind).or_default() += 1;
        let line = failure.report(origin);
        self.progress.suspend(|| eprintln!("error: {line}"));
    }

    fn failures(&self) -> u64 {
        self.failed.values().sum()
    }

    fn counts(&self) -> String {
        format!("{} cables, {} failed", self.cables, self.failures())
    }

    /// Prints the summary (unless quiet; for `parse`, only when there were several
    /// cables) and gives the exit status.
    fn finish(self, always: bool) -> ExitCode {
        if !self.quiet && (always || self.cables + self.failures() > 1) {
            let secs = self.started.elapsed().as_secs_f64();
            let mb = self.bytes as f64 / 1e6;
            let failed = if self.failed.is_empty() {
                "0 failed".to_string()
            } else {
                let kinds: Vec<String> = self
                    .failed
                    .iter()
                    .map(|(k, n)| format!("{n} {}", k.name()))
                    .collect();
                format!("{} failed ({})", self.failures(), kinds.join(", "))
            };
            let diagnostics = if self.with_diagnostics > 0 {
                format!(", {} with diagnostics", self.with_diagnostics)
            } else {
                String::new()
            };
            eprintln!(
                "cable: {} cables{diagnostics}, {failed}; {mb:.1} MB in {secs:.2} s ({:.1} MB/s, {} thread{})",
                self.cables,
                mb / secs.max(1e-9),
                self.threads,
                if self.threads == 1 { "" } else { "s" }
            );
        }
        if self.failed.is_empty() {
            ExitCode::SUCCESS
        } else {
            ExitCode::FAILURE
        }
    }
}

/// A bar over the bytes of the inputs when they are all files, else a spinner.
fn progress_bar(inputs: &[PathBuf]) -> ProgressBar {
    let total: Option<u64> = inputs
        .iter()
        .map(|p| {
            std::fs::metadata(p)
                .ok()
                .filter(|m| m.is_file() && p.as_os_str() != "-")
                .map(|m| m.len())
        })
        .sum();
    let (bar, template) = match total {
        Some(total) => (
            ProgressBar::with_draw_target(Some(total), ProgressDrawTarget::stderr()),
            "{spinner} {elapsed_precise} [{wide_bar}] {bytes}/{total_bytes} {bytes_per_sec} eta {eta} {msg}",
        ),
        None => (
            ProgressBar::with_draw_target(None, ProgressDrawTarget::stderr()),
            "{spinner} {elapsed_precise} {bytes} {bytes_per_sec} {msg}",
        ),
    };
    if let Ok(style) = ProgressStyle::with_template(template) {
        bar.set_style(style.progress_chars("=> "));
    }
    bar.enable_steady_tick(Duration::from_millis(120));
    bar
}

/// Standard output or a file, buffered.
fn output(path: Option<&PathBuf>) -> Result<Box<dyn Write + Send>, Fatal> {
    Ok(match path {
        Some(path) if path.as_os_str() != "-" => {
            let file = File::create(path)
                .map_err(|e| Fatal::Other(format!("cannot create {}: {e}", path.display())))?;
            Box::new(BufWriter::with_capacity(256 * 1024, file))
        }
        _ => Box::new(BufWriter::with_capacity(256 * 1024, io::stdout())),
    })
}

fn parse(args: ParseArgs) -> Result<ExitCode, Fatal> {
    let mut run = Run::new(&args.common, &args.inputs, true);
    let mut out = output(None)?;
    let pretty = args.pretty;
    // One cable prints as one tree; several as an array (unless --jsonl): hold the
    // first tree until a second one shows whether an array is needed.
    let mut first: Option<String> = None;
    let mut count = 0u64;
    let jsonl = args.jsonl;
    run.run(
        &args.common,
        args.inputs,
        |_, cable| {
            if pretty {
                serde_json::to_string_pretty(&cable).expect("a Cable always serialises")
            } else {
                cable.to_json()
            }
        },
        |_, json| {
            count += 1;
            if jsonl {
                out.write_all(json.as_bytes())?;
                return out.write_all(b"\n");
            }
            match count {
                1 => first = Some(json),
                2 => {
                    out.write_all(b"[\n")?;
                    out.write_all(first.take().unwrap_or_default().as_bytes())?;
                    out.write_all(b",\n")?;
                    out.write_all(json.as_bytes())?;
                }
                _ => {
                    out.write_all(b",\n")?;
                    out.write_all(json.as_bytes())?;
                }
            }
            Ok(())
        },
    )?;
    if !jsonl {
        match (count, first) {
            (1, Some(json)) => writeln!(out, "{json}")?,
            (0, _) if run.failures() == 0 => writeln!(out, "[]")?,
            (0, _) => {}
            _ => out.write_all(b"\n]\n")?,
        }
    }
    out.flush()?;
    Ok(run.finish(false))
}

fn export(args: ExportArgs) -> Result<ExitCode, Fatal> {
    if let Format::Parquet | Format::Arrow = args.format {
        return export_columnar(args);
    }
    let to_stdout = args.output.as_ref().is_none_or(|p| p.as_os_str() == "-");
    let mut run = Run::new(&args.common, &args.inputs, to_stdout);
    let mut out = output(args.output.as_ref())?;
    let (format, with_source) = (args.format, args.with_source);
    if format == Format::Csv {
        out.write_all(flat::csv_header().as_bytes())?;
    }
    run.run(
        &args.common,
        args.inputs,
        |item, cable| match format {
            Format::Csv => flat::csv_row(&FlatRow::new(&cable), &item.origin),
            Format::Jsonl if with_source => {
                let o = &item.origin;
                let source = serde_json::to_string(&*o.source).expect("a string serialises");
                let num =
                    |n: Option<usize>| n.map_or_else(|| "null".to_string(), |n| n.to_string());
                format!(
                    "{{\"source\":{source},\"row\":{},\"line\":{},\"cable\":{}}}\n",
                    num(o.row),
                    num(o.line),
                    cable.to_json()
                )
            }
            Format::Jsonl => {
                let mut json = cable.to_json();
                json.push('\n');
                json
            }
            Format::Parquet | Format::Arrow => unreachable!("written by export_columnar"),
        },
        |_, line| out.write_all(line.as_bytes()),
    )?;
    out.flush()?;
    Ok(run.finish(true))
}

/// `export --format parquet|arrow` in a build without the `parquet` feature.
#[cfg(not(feature = "parquet"))]
fn export_columnar(args: ExportArgs) -> Result<ExitCode, Fatal> {
    let name = if args.format == Format::Arrow {
        "arrow"
    } else {
        "parquet"
    };
    Err(Fatal::Other(format!(
        "--format {name}: this cable was built without Parquet and Arrow; \
         build it with `--features parquet` (cargo install --path examples --features parquet)"
    )))
}

/// `export --format parquet|arrow`: three table files in the directory of `-o`.
#[cfg(feature = "parquet")]
fn export_columnar(args: ExportArgs) -> Result<ExitCode, Fatal> {
    let format = match args.format {
        Format::Arrow => columnar::Format::Arrow,
        _ => columnar::Format::Parquet,
    };
    let dir = match &args.output {
        Some(dir) if dir.as_os_str() != "-" => dir.clone(),
        _ => {
            let name = format.extension();
            eprintln!(
                "cable: error: --format {name} writes three files (cables, paragraphs, references): \
                 give their directory with -o DIR"
            );
            return Ok(ExitCode::from(2));
        }
    };
    if args.with_source {
        eprintln!("cable: error: --with-source is for --format jsonl");
        return Ok(ExitCode::from(2));
    }
    let mut run = Run::new(&args.common, &args.inputs, false);
    let mut out = Columnar::create(&dir, format).map_err(|e| {
        Fatal::Other(format!(
            "cannot create the tables in {}: {e}",
            dir.display()
        ))
    })?;
    let cannot_write =
        |e: io::Error| Fatal::Other(format!("cannot write the tables in {}: {e}", dir.display()));
    // Parsed trees go to the writing thread whole: the builders are not shared.
    run.run(
        &args.common,
        args.inputs,
        |_, cable| cable,
        |_, cable| out.push(&cable),
    )?;
    let written = out.finish().map_err(cannot_write)?;
    if !run.quiet {
        let files: Vec<String> = written
            .iter()
            .map(|w| format!("{} ({} rows)", w.path.display(), w.rows))
            .collect();
        eprintln!("cable: wrote {}", files.join(", "));
    }
    Ok(run.finish(true))
}

fn stats(args: StatsArgs) -> Result<ExitCode, Fatal> {
    let mut run = Run::new(&args.common, &args.inputs, false);
    let mut stats = Stats::default();
    run.run(
        &args.common,
        args.inputs,
        |_, cable| Summary::new(&cable),
        |_, summary| {
            stats.add(summary);
            Ok(())
        },
    )?;
    for (kind, n) in &run.failed {
        stats.failed.insert(kind.name().to_string(), *n);
    }
    let mut out = output(None)?;
    if args.json {
        writeln!(out, "{}", stats.to_json(args.top))?;
    } else {
        out.write_all(stats.to_text(args.top).as_bytes())?;
    }
    out.flush()?;
    Ok(run.finish(true))
}
