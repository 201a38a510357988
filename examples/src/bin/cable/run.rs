//! What every command shares: the options, the parallel run with its progress bar, the
//! failures and the closing summary, and the output.

use std::collections::BTreeMap;
use std::fs::File;
use std::io::{self, BufWriter, IsTerminal, Write};
use std::num::NonZeroUsize;
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::{Duration, Instant};

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

use cable_cli::input::{CableInput, Failure, FailureKind, Inputs, Origin};
use cable_cli::pipeline::{self, Outcome};
use cable_core::{Cable, Options};

use crate::args::Common;
use crate::Fatal;

/// Progress, failures and the closing summary of a run.
pub(crate) struct Run {
    progress: ProgressBar,
    pub(crate) quiet: bool,
    started: Instant,
    threads: usize,
    cables: u64,
    bytes: u64,
    with_diagnostics: u64,
    pub(crate) failed: BTreeMap<FailureKind, u64>,
}

impl Run {
    /// `streams_to_stdout`: whether results are written to standard output as they
    /// come (then no bar is drawn when both are the same terminal).
    pub(crate) fn new(common: &Common, inputs: &[PathBuf], streams_to_stdout: bool) -> Self {
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
        Options::new()
            .strict(common.strict)
            .container(common.container)
            .year(common.year)
            .id_from_file_name(!common.no_id_from_file_name)
    }

    /// Parses the inputs on a pool of `self.threads` threads, runs `work` on each
    /// cable there, and hands the results to `sink` in input order.
    pub(crate) fn run<T, F, S>(
        &mut self,
        common: &Common,
        inputs: Vec<PathBuf>,
        work: F,
        mut sink: S,
    ) -> Result<(), Fatal>
    where
        T: Send,
        F: Fn(&CableInput, Cable) -> T + Sync,
        S: FnMut(&Origin, T) -> io::Result<()> + Send,
    {
        let options = Run::options(common);
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(self.threads)
            .thread_name(|i| format!("cable-{i}"))
            .build()
            .map_err(|e| Fatal::Other(format!("cannot start {} threads: {e}", self.threads)))?;
        let items = Inputs::new(inputs, &options).csv_dialect(common.csv_dialect.dialect());
        let result = pool.install(|| {
            let work = |item: &CableInput| -> Outcome<(T, bool)> {
                let cable = item.parse(&options)?;
                let diagnostics = !cable.diagnostics.is_empty();
                Ok((work(item, cable), diagnostics))
            };
            pipeline::run(items, pipeline::BATCH, work, |origin, outcome| {
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

    pub(crate) fn fail(&mut self, origin: &Origin, failure: &Failure) {
        *self.failed.entry(failure.kind).or_default() += 1;
        let line = failure.report(origin);
        self.progress.suspend(|| eprintln!("error: {line}"));
    }

    pub(crate) fn failures(&self) -> u64 {
        self.failed.values().sum()
    }

    pub(crate) fn counts(&self) -> String {
        format!("{} cables, {} failed", self.cables, self.failures())
    }

    /// Prints the summary (unless quiet; for `parse`, only when there were several
    /// cables) and gives the exit status.
    pub(crate) fn finish(self, always: bool) -> ExitCode {
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
pub(crate) fn output(path: Option<&PathBuf>) -> Result<Box<dyn Write + Send>, Fatal> {
    Ok(match path {
        Some(path) if path.as_os_str() != "-" => {
            let file = File::create(path)
                .map_err(|e| Fatal::Other(format!("cannot create {}: {e}", path.display())))?;
            Box::new(BufWriter::with_capacity(256 * 1024, file))
        }
        _ => Box::new(BufWriter::with_capacity(256 * 1024, io::stdout())),
    })
}
