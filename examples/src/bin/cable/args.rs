//! The command line: subcommands, their arguments and their help texts.

use std::num::NonZeroUsize;
use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

use cable_core::csv::Dialect;
use cable_core::Container;

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
and counted in the summary; the exit status is then 1.";

const EXPORT_TABLES: &str = "\
Parquet and Arrow: one file per table in the directory given with -o (created if
needed): cables (one row per cable), paragraphs (one row per paragraph) and
references (one row per cited document: the citation graph). Written in batches as the
input is read (Parquet row groups of at most 64 MB), zstd-compressed, under a
.partial name until complete. The columns are listed in the README.";

/// The help after `cable export --help`'s options: the examples, the CSV columns (the
/// flat row's, then where the cable came from) and the tables.
fn export_help() -> String {
    let columns = cable_cli::csv_export::columns()
        .collect::<Vec<_>>()
        .join(", ");
    // Wrapped at 88 columns, as the rest of the help.
    let mut wrapped = String::new();
    let mut width = 0;
    for word in columns.split(' ') {
        if width > 0 && width + 1 + word.len() > 88 {
            wrapped.push('\n');
            width = 0;
        } else if width > 0 {
            wrapped.push(' ');
            width += 1;
        }
        wrapped.push_str(word);
        width += word.len();
    }
    format!(
        "{EXPORT_EXAMPLES}\n\nCSV columns: those of the cables table, then source (the file) and row (the\n\
         cables.csv row, if any); lists are joined with '|':\n{wrapped}\n\n{EXPORT_TABLES}"
    )
}

const STATS_EXAMPLES: &str = "\
Examples:
  cable stats cables.csv                       counts as a table
  cable stats --json --top 50 corpus/          as JSON, with the 50 most frequent origins
  cable stats --quality corpus/                the anomalies that say what to trust less
  cable stats --quality --json cables.csv      the same as JSON

Counts cables by classification (as written in the metadata, else the banner), origin,
year and container; cables with diagnostics; and the most frequent diagnostics by code
(how many times, in how many cables).

With --quality, counts instead the anomalies of the quality report (cable_core::quality),
each with how often, in how many cables and the first five cable ids: references without
an id, cited ids the release does not hold, REF stations guessed, subjects that hold a
caveat or a page marker, signatures made of common words, and cables without a subject,
TAGS or Classified By although their head writes the label.";

#[derive(Parser)]
#[command(
    name = "cable",
    version,
    about = "Parse diplomatic cables (Cablegate) into structured data: single files or whole archives.",
    after_help = MAIN_EXAMPLES
)]
pub(crate) struct Cli {
    #[command(subcommand)]
    pub(crate) command: Command,
}

#[derive(Subcommand)]
pub(crate) enum Command {
    /// Parse cables and print their syntax trees as JSON.
    #[command(after_help = PARSE_EXAMPLES)]
    Parse(ParseArgs),
    /// Export whole archives as JSON Lines or flat CSV, in parallel.
    #[command(after_help = export_help())]
    Export(ExportArgs),
    /// Count cables by classification, origin, year, container and diagnostic.
    #[command(after_help = STATS_EXAMPLES)]
    Stats(StatsArgs),
}

#[derive(Args)]
pub(crate) struct Common {
    /// Reject the first deviation from the grammar; such cables are reported and counted as failed.
    #[arg(long)]
    pub(crate) strict: bool,
    /// Read every input as this container instead of detecting it: text_export, html_page,
    /// html_pre, csv_row (files are cables.csv archives) or bare_text.
    #[arg(long, value_name = "NAME")]
    pub(crate) container: Option<Container>,
    /// How cables.csv archives quote their fields: backslash (the 2011 release: \" and \\
    /// escapes), rfc4180 (re-saved by pandas or Python's csv module: quotes doubled,
    /// backslashes as they are), or auto (detected from the start of each archive).
    #[arg(long, value_enum, value_name = "DIALECT", default_value = "auto")]
    pub(crate) csv_dialect: CsvDialect,
    /// The year the cables were sent (e.g. 2007), for inputs that carry no date (bare `<pre>`
    /// blocks): REF items that omit their year are resolved with it.
    #[arg(long, value_name = "YYYY")]
    pub(crate) year: Option<u16>,
    /// Do not take a cable's reference id (and year) from its file's name. By default a file
    /// named by a reference id (07BERLIN1767.html) gives it to a text that has none (a bare
    /// `<pre>` block), with an id-from-file-name diagnostic.
    #[arg(long)]
    pub(crate) no_id_from_file_name: bool,
    /// Number of parsing threads [default: all cores].
    #[arg(long, short = 'j', value_name = "N")]
    pub(crate) threads: Option<NonZeroUsize>,
    /// No progress bar and no summary on standard error (failures are still reported). The bar
    /// is also off when standard error is not a terminal, or shares it with streamed output.
    #[arg(long, short)]
    pub(crate) quiet: bool,
}

#[derive(Args)]
pub(crate) struct ParseArgs {
    /// Cable files, directories, cables.csv archives, or - for standard input.
    #[arg(required = true, value_name = "INPUT")]
    pub(crate) inputs: Vec<PathBuf>,
    /// One compact tree per line (JSON Lines) instead of one JSON document.
    #[arg(long, conflicts_with = "pretty")]
    pub(crate) jsonl: bool,
    /// Indent the JSON.
    #[arg(long)]
    pub(crate) pretty: bool,
    #[command(flatten)]
    pub(crate) common: Common,
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum CsvDialect {
    /// Detected from the start of each archive.
    Auto,
    /// The 2011 release's backslash escapes.
    Backslash,
    /// RFC 4180: quotes doubled, backslashes as they are.
    Rfc4180,
}

impl CsvDialect {
    pub(crate) fn dialect(self) -> Option<Dialect> {
        match self {
            CsvDialect::Auto => None,
            CsvDialect::Backslash => Some(Dialect::Backslash),
            CsvDialect::Rfc4180 => Some(Dialect::Rfc4180),
        }
    }
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum Format {
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
pub(crate) struct ExportArgs {
    /// Cable files, directories, cables.csv archives, or - for standard input.
    #[arg(required = true, value_name = "INPUT")]
    pub(crate) inputs: Vec<PathBuf>,
    /// Output format.
    #[arg(long, short, value_enum)]
    pub(crate) format: Format,
    /// Write to this file instead of standard output; for parquet and arrow, the directory
    /// of the three table files (required).
    #[arg(long, short, value_name = "PATH")]
    pub(crate) output: Option<PathBuf>,
    /// JSON Lines: wrap each tree as {"source":..,"row":..,"line":..,"cable":TREE}.
    #[arg(long)]
    pub(crate) with_source: bool,
    #[command(flatten)]
    pub(crate) common: Common,
}

#[derive(Args)]
pub(crate) struct StatsArgs {
    /// Cable files, directories, cables.csv archives, or - for standard input.
    #[arg(required = true, value_name = "INPUT")]
    pub(crate) inputs: Vec<PathBuf>,
    /// Print the counts as JSON.
    #[arg(long)]
    pub(crate) json: bool,
    /// How many origins and diagnostics to list.
    #[arg(long, value_name = "N", default_value_t = 10)]
    pub(crate) top: usize,
    /// Count the anomalies of the quality report instead.
    #[arg(long, conflicts_with = "top")]
    pub(crate) quality: bool,
    #[command(flatten)]
    pub(crate) common: Common,
}
