//! Inputs: files, directories, standard input and `cables.csv` archives, read lazily
//! as a stream of cables.
//!
//! - a file holds one cable (any container), unless it is a `cables.csv` archive:
//!   its name ends in `.csv`, or its first line looks like a `cables.csv` row, or
//!   the container was forced to `csv_row`; an archive yields one cable per row,
//!   read with [`cable_core::csv::Records`] in constant memory;
//! - a directory means every cable file under it, recursively, in file-name order:
//!   files ending in `.txt`, `.html`, `.htm` or `.csv`; hidden entries are skipped;
//! - `-` is standard input, read like a file.
//!
//! Nothing is read before it is needed: directories are walked as the stream is
//! consumed, and an archive is read one record at a time.

use std::fmt;
use std::fs::File;
use std::io::{self, BufReader, Cursor, Read};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use cable_core::csv::{Dialect, Record, Records};
use cable_core::{Cable, Container, Options};

/// The name standard input goes by in messages and in the `source` column.
pub const STDIN_NAME: &str = "<stdin>";

/// File name extensions taken from a directory walk (case-insensitive).
pub const CABLE_EXTENSIONS: [&str; 4] = ["txt", "html", "htm", "csv"];

/// How much of a stream is looked at to tell a `cables.csv` archive from a cable.
const SNIFF_BYTES: usize = 64 * 1024;

/// Read buffer for files and archives.
const BUFFER_BYTES: usize = 256 * 1024;

/// Where a cable came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Origin {
    /// The path as given or found by the walk; [`STDIN_NAME`] for standard input.
    pub source: Arc<str>,
    /// For a `cables.csv` row: the 1-based record number.
    pub row: Option<usize>,
    /// For a `cables.csv` row: the 1-based line where the record starts.
    pub line: Option<usize>,
    /// Bytes of input this cable accounts for (for progress and throughput).
    pub bytes: u64,
}

impl fmt::Display for Origin {
    /// `path`, or `path: row R (line L)` for a row of an archive.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (self.row, self.line) {
            (Some(row), Some(line)) => write!(f, "{}: row {row} (line {line})", self.source),
            (Some(row), None) => write!(f, "{}: row {row}", self.source),
            _ => f.write_str(&self.source),
        }
    }
}

/// Why a cable could not be had.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum FailureKind {
    /// The file or directory could not be read.
    Unreadable,
    /// A `cables.csv` record is malformed (unclosed quote, wrong field count, ...).
    MalformedRow,
    /// The bytes are not UTF-8, or the input is over the size limit.
    InvalidInput,
    /// Strict mode rejected the cable.
    Strict,
}

impl FailureKind {
    /// Every kind, in report order.
    pub const ALL: [FailureKind; 4] = [
        FailureKind::Unreadable,
        FailureKind::MalformedRow,
        FailureKind::InvalidInput,
        FailureKind::Strict,
    ];

    /// A short name for summaries.
    pub fn name(self) -> &'static str {
        match self {
            FailureKind::Unreadable => "unreadable",
            FailureKind::MalformedRow => "malformed row",
            FailureKind::InvalidInput => "invalid input",
            FailureKind::Strict => "strict-mode error",
        }
    }
}

/// A cable that could not be had, and why; the run goes on after it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Failure {
    /// What went wrong, in one word.
    pub kind: FailureKind,
    /// What went wrong, for people (without the location).
    pub message: String,
}

impl Failure {
    /// A failure of `kind`.
    pub fn new(kind: FailureKind, message: impl Into<String>) -> Self {
        Failure {
            kind,
            message: message.into(),
        }
    }

    /// A parse error of `cable_core`, as a failure.
    pub fn from_parse(err: &cable_core::Error) -> Self {
        match err {
            cable_core::Error::Syntax { .. } => Failure::new(FailureKind::Strict, err.to_string()),
            _ => Failure::new(FailureKind::InvalidInput, err.to_string()),
        }
    }

    /// `location: message`, the form written to standard error.
    ///
    /// A strict-mode error of a whole file reads like a compiler's (`file.txt:12:1: expected ...`).
    pub fn report(&self, origin: &Origin) -> String {
        if self.kind == FailureKind::Strict && origin.row.is_none() {
            format!("{origin}:{}", self.message)
        } else if self.kind == FailureKind::Strict {
            format!("{origin}: in the cable text, {}", self.message)
        } else {
            format!("{origin}: {}", self.message)
        }
    }
}

/// The text of one cable, or why there is none.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Payload {
    /// A whole file: one cable in any container.
    File(Vec<u8>),
    /// One row of a `cables.csv` archive, split into its fields.
    Row(Box<Record>),
    /// Nothing could be read.
    Failed(Failure),
}

/// One cable to parse: where it came from and its text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CableInput {
    /// Where it came from.
    pub origin: Origin,
    /// Its text.
    pub payload: Payload,
}

impl CableInput {
    /// Parses the cable with `options`: a file with its container detected (or as
    /// forced by the options), a row as [`Container::CsvRow`].
    ///
    /// A file is parsed as [`cable_core::parse_file`] does: its name is the
    /// [`Options::file_name`] (unless the options name one), so that a file named by its
    /// reference id (`07BERLIN1767.html`) gives a text without one (a bare `<pre>` block)
    /// its id and year. Standard input and the rows of an archive have no such name.
    pub fn parse(&self, options: &Options) -> Result<Cable, Failure> {
        let parsed = match &self.payload {
            Payload::File(bytes) => match self.file_name() {
                Some(name) if options.get_file_name().is_none() => {
                    cable_core::parse_bytes(bytes, &options.clone().file_name(name))
                }
                _ => cable_core::parse_bytes(bytes, options),
            },
            Payload::Row(record) => cable_core::parse_record(record, options),
            Payload::Failed(failure) => return Err(failure.clone()),
        };
        parsed.map_err(|e| Failure::from_parse(&e))
    }

    /// The name of the file a whole-file cable was read from; `None` for standard input.
    fn file_name(&self) -> Option<&str> {
        if self.origin.row.is_some() || &*self.origin.source == STDIN_NAME {
            return None;
        }
        Path::new(&*self.origin.source).file_name()?.to_str()
    }
}

/// Whether a walk takes this file: a cable extension, not hidden.
pub fn is_cable_file(path: &Path) -> bool {
    let hidden = path
        .file_name()
        .and_then(|n| n.to_str())
        .is_some_and(|n| n.starts_with('.'));
    let ext = path.extension().and_then(|e| e.to_str()).unwrap_or("");
    !hidden && CABLE_EXTENSIONS.iter().any(|c| ext.eq_ignore_ascii_case(c))
}

fn has_csv_extension(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| e.eq_ignore_ascii_case("csv"))
}

type Reader = BufReader<Box<dyn Read + Send>>;

type Walk = walkdir::FilterEntry<walkdir::IntoIter, fn(&walkdir::DirEntry) -> bool>;

/// Hidden files and directories below the walked one are skipped.
fn not_hidden(entry: &walkdir::DirEntry) -> bool {
    entry.depth() == 0 || !entry.file_name().to_string_lossy().starts_with('.')
}

/// The stream of cables of a list of inputs (paths, or `-` for standard input).
pub struct Inputs {
    args: std::vec::IntoIter<PathBuf>,
    container: Option<Container>,
    max_input_bytes: usize,
    walk: Option<Walk>,
    archive: Option<(Arc<str>, Records<Reader>)>,
    /// The dialect of `cables.csv` archives; `None` detects it in each.
    dialect: Option<Dialect>,
}

impl Inputs {
    /// The cables of `args`, read as `options` say (container and size limit).
    pub fn new(args: Vec<PathBuf>, options: &Options) -> Self {
        Inputs {
            args: args.into_iter(),
            container: options.get_container(),
            max_input_bytes: options.get_max_input_bytes(),
            walk: None,
            archive: None,
            dialect: None,
        }
    }

    /// Reads every `cables.csv` archive in `dialect` instead of detecting it in each.
    pub fn csv_dialect(mut self, dialect: Option<Dialect>) -> Self {
        self.dialect = dialect;
        self
    }

    /// Opens one file (or standard input): an archive becomes the current one, a
    /// cable is read whole and returned.
    fn open(
        &mut self,
        source: Arc<str>,
        reader: io::Result<(Box<dyn Read + Send>, Option<u64>)>,
    ) -> Option<CableInput> {
        let failed = |kind, message: String| {
            let origin = Origin {
                source: source.clone(),
                row: None,
                line: None,
                bytes: 0,
            };
            Some(CableInput {
                origin,
                payload: Payload::Failed(Failure::new(kind, message)),
            })
        };
        let (mut reader, size) = match reader {
            Ok(opened) => opened,
            Err(e) => return failed(FailureKind::Unreadable, e.to_string()),
        };
        let archive = match self.container {
            Some(c) => c == Container::CsvRow,
            None if has_csv_extension(Path::new(&*source)) => true,
            None => {
                // Look at the first line to tell a cables.csv from a single cable.
                let head = match read_head(&mut reader) {
                    Ok(head) => head,
                    Err(e) => return failed(FailureKind::Unreadable, e.to_string()),
                };
                let sniffed = looks_like_archive(&head);
                reader = Box::new(Cursor::new(head).chain(reader));
                sniffed
            }
        };
        if archive {
            let records = Records::new(BufReader::with_capacity(BUFFER_BYTES, reader))
                .max_record_bytes(self.max_input_bytes);
            let records = match self.dialect {
                Some(dialect) => records.dialect(dialect),
                None => records,
            };
            self.archive = Some((source, records));
            return None;
        }
        if let Some(size) = size.filter(|s| *s > self.max_input_bytes as u64) {
            let message = format!(
                "file of {size} bytes exceeds the limit of {} bytes",
                self.max_input_bytes
            );
            return failed(FailureKind::InvalidInput, message);
        }
        let mut bytes =
            Vec::with_capacity(size.unwrap_or(0).min(self.max_input_bytes as u64) as usize);
        // Read one byte past the limit to notice streams that are too long.
        match reader
            .take(self.max_input_bytes as u64 + 1)
            .read_to_end(&mut bytes)
        {
            Ok(_) if bytes.len() > self.max_input_bytes => failed(
                FailureKind::InvalidInput,
                format!("input exceeds the limit of {} bytes", self.max_input_bytes),
            ),
            Ok(_) => {
                let origin = Origin {
                    source,
                    row: None,
                    line: None,
                    bytes: bytes.len() as u64,
                };
                Some(CableInput {
                    origin,
                    payload: Payload::File(bytes),
                })
            }
            Err(e) => failed(FailureKind::Unreadable, e.to_string()),
        }
    }

    fn open_path(&mut self, path: &Path) -> Option<CableInput> {
        let source: Arc<str> = path.to_string_lossy().into();
        let opened = File::open(path).and_then(|f| {
            let size = f.metadata()?.len();
            Ok((Box::new(f) as Box<dyn Read + Send>, Some(size)))
        });
        self.open(source, opened)
    }

    fn next_record(&mut self) -> Option<CableInput> {
        let (source, records) = self.archive.as_mut()?;
        let Some(record) = records.next() else {
            self.archive = None;
            return None;
        };
        let source = source.clone();
        Some(match record {
            Ok(r) => CableInput {
                origin: Origin {
                    source,
                    row: Some(r.row),
                    line: Some(r.line),
                    bytes: r.text.len() as u64 + 1,
                },
                payload: Payload::Row(Box::new(r)),
            },
            Err(e) => CableInput {
                origin: Origin {
                    source,
                    row: Some(e.row),
                    line: Some(e.line),
                    bytes: 0,
                },
                payload: Payload::Failed(Failure::new(FailureKind::MalformedRow, e.message)),
            },
        })
    }

    fn next_walked(&mut self) -> Option<Option<CableInput>> {
        let walk = self.walk.as_mut()?;
        let Some(entry) = walk.next() else {
            self.walk = None;
            return None;
        };
        Some(match entry {
            Ok(entry) if entry.file_type().is_file() && is_cable_file(entry.path()) => {
                let path = entry.into_path();
                self.open_path(&path)
            }
            Ok(_) => None,
            Err(e) => {
                let source: Arc<str> = e
                    .path()
                    .map_or_else(
                        || "<walk>".to_string(),
                        |p| p.to_string_lossy().into_owned(),
                    )
                    .into();
                let message = e
                    .io_error()
                    .map_or_else(|| e.to_string(), |io| io.to_string());
                let failure = Failure::new(FailureKind::Unreadable, message);
                Some(CableInput {
                    origin: Origin {
                        source,
                        row: None,
                        line: None,
                        bytes: 0,
                    },
                    payload: Payload::Failed(failure),
                })
            }
        })
    }
}

impl Iterator for Inputs {
    type Item = CableInput;

    fn next(&mut self) -> Option<CableInput> {
        loop {
            if self.archive.is_some() {
                match self.next_record() {
                    Some(item) => return Some(item),
                    None => continue,
                }
            }
            if self.walk.is_some() {
                match self.next_walked() {
                    Some(Some(item)) => return Some(item),
                    Some(None) | None => continue,
                }
            }
            let arg = self.args.next()?;
            if arg.as_os_str() == "-" {
                let stdin: Box<dyn Read + Send> = Box::new(io::stdin());
                if let Some(item) = self.open(STDIN_NAME.into(), Ok((stdin, None))) {
                    return Some(item);
                }
                continue;
            }
            match std::fs::metadata(&arg) {
                Ok(meta) if meta.is_dir() => {
                    let walk = walkdir::WalkDir::new(&arg)
                        .follow_links(true)
                        .sort_by_file_name()
                        .into_iter();
                    self.walk = Some(walk.filter_entry(not_hidden));
                }
                Ok(_) => {
                    if let Some(item) = self.open_path(&arg) {
                        return Some(item);
                    }
                }
                Err(e) => {
                    let origin = Origin {
                        source: arg.to_string_lossy().into(),
                        row: None,
                        line: None,
                        bytes: 0,
                    };
                    let failure = Failure::new(FailureKind::Unreadable, e.to_string());
                    return Some(CableInput {
                        origin,
                        payload: Payload::Failed(failure),
                    });
                }
            }
        }
    }
}

/// Reads up to the end of the first line, at most [`SNIFF_BYTES`].
fn read_head(reader: &mut dyn Read) -> io::Result<Vec<u8>> {
    let mut head = Vec::with_capacity(8 * 1024);
    let mut chunk = [0u8; 8 * 1024];
    while head.len() < SNIFF_BYTES && !head.contains(&b'\n') {
        let n = match reader.read(&mut chunk) {
            Ok(0) => break,
            Ok(n) => n,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        head.extend_from_slice(&chunk[..n]);
    }
    Ok(head)
}

/// Whether the start of a stream looks like a `cables.csv` archive.
pub fn looks_like_archive(head: &[u8]) -> bool {
    let text = match std::str::from_utf8(head) {
        Ok(text) => text,
        Err(e) => std::str::from_utf8(&head[..e.valid_up_to()]).unwrap_or_default(),
    };
    cable_core::detect(text) == Container::CsvRow
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn origin_display() {
        let mut origin = Origin {
            source: "a.csv".into(),
            row: Some(3),
            line: Some(7),
            bytes: 0,
        };
        assert_eq!(origin.to_string(), "a.csv: row 3 (line 7)");
        origin.row = None;
        assert_eq!(origin.to_string(), "a.csv");
    }

    #[test]
    fn walk_filter() {
        assert!(is_cable_file(Path::new("x/09ASTANA1145.txt")));
        assert!(is_cable_file(Path::new("x/A.HTML")));
        assert!(!is_cable_file(Path::new("x/README.md")));
        assert!(!is_cable_file(Path::new("x/.hidden.txt")));
    }

    #[test]
    fn sniffing() {
        assert!(looks_like_archive(
            b"1,\"12/28/1966 18:48\",\"66X1\",\"Embassy X\",\"UNCLASSIFIED\",\"\",\"\",\"A\n"
        ));
        assert!(!looks_like_archive(b"09ASTANA1145\nSUBJECT\n"));
    }
}
