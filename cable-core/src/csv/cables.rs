//! The cables of a `cables.csv` file, one row at a time: the records, parsed.

use std::fs::File;
use std::io::{self, BufRead, BufReader};
use std::path::Path;

use super::{Record, RecordError, Records};
use crate::{Cable, Error, Options};

/// Read buffer of [`cables`].
const BUFFER_BYTES: usize = 256 * 1024;

/// Iterates the cables of a `cables.csv` file, in constant memory: one `Ok(Cable)` per
/// row, an `Err(RowError)` for a row that gives none; the stream goes on after it. Rows
/// longer than [`Options::get_max_input_bytes`] are such errors.
///
/// ```
/// # fn main() -> std::io::Result<()> {
/// let dir = std::env::temp_dir().join(format!("cable-doc-{}", std::process::id()));
/// std::fs::create_dir_all(&dir)?;
/// let path = dir.join("cables.csv");
/// std::fs::write(&path, "1,\"12/28/1966 18:48\",\"66X1\",\"Embassy X\",\"UNCLASSIFIED\",\"\",\"\",\"UNCLAS X 000001\"\n2,\"oops\n")?;
/// let rows: Vec<_> = cable_core::csv::cables(&path, &Default::default())?.collect();
/// assert_eq!(rows[0].as_ref().unwrap().id.as_deref(), Some("66X1"));
/// assert_eq!((rows[1].as_ref().unwrap_err().row(), rows[1].as_ref().unwrap_err().kind()), (2, "csv_record"));
/// # std::fs::remove_dir_all(&dir)
/// # }
/// ```
pub fn cables(path: impl AsRef<Path>, options: &Options) -> io::Result<Cables<BufReader<File>>> {
    let file = File::open(path)?;
    let records = Records::new(BufReader::with_capacity(BUFFER_BYTES, file));
    Ok(Cables::new(records, options))
}

/// The cables of the records of a `cables.csv`, parsed one at a time with
/// [`crate::parse_record`]; see [`cables`].
pub struct Cables<R> {
    records: Records<R>,
    options: Options,
}

impl<R: BufRead> Cables<R> {
    /// The cables of `records` (a whole file, or a [`Records::range`] of one), parsed with
    /// `options`; records longer than its size limit are errors.
    ///
    /// ```
    /// use cable_core::csv::{Cables, Records};
    /// let data = "1,\"12/28/1966 18:48\",\"66X1\",\"Embassy X\",\"UNCLASSIFIED\",\"\",\"\",\"UNCLAS X 000001\"\n";
    /// let mut cables = Cables::new(Records::new(data.as_bytes()), &Default::default());
    /// assert_eq!(cables.next().unwrap().unwrap().id.as_deref(), Some("66X1"));
    /// assert!(cables.next().is_none());
    /// ```
    pub fn new(records: Records<R>, options: &Options) -> Self {
        Cables {
            records: records.max_record_bytes(options.max_input_bytes),
            options: options.clone(),
        }
    }
}

impl<R: BufRead> Iterator for Cables<R> {
    type Item = Result<Cable, RowError>;

    fn next(&mut self) -> Option<Self::Item> {
        Some(parse_row(self.records.next()?, &self.options))
    }
}

/// Parses a record read by [`Records`] as [`crate::parse_record`] does, or says why its
/// row gives no cable. The one step from a record to a cable, for readers that parse
/// records elsewhere (on other threads, in batches).
///
/// ```
/// use cable_core::csv::{parse_row, Records};
/// let data = "1,\"12/28/1966 18:48\",\"66X1\",\"X\",\"UNCLASSIFIED\",\"\",\"\",\"FM X\nTO\n\"\n";
/// let record = Records::new(data.as_bytes()).next().unwrap();
/// let strict = cable_core::Options::new().strict(true);
/// let err = parse_row(record, &strict).unwrap_err();
/// assert_eq!((err.row(), err.kind()), (1, "syntax"));
/// ```
pub fn parse_row(
    record: Result<Record, RecordError>,
    options: &Options,
) -> Result<Cable, RowError> {
    let record = record.map_err(RowError::Record)?;
    crate::parse_record(&record, options).map_err(|error| RowError::Parse {
        row: record.row,
        line: record.line,
        offset: record.offset,
        error,
    })
}

/// A row of a `cables.csv` that gives no cable.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum RowError {
    /// The record could not be read: a quote never closed, a wrong number of fields,
    /// bytes that are not UTF-8, a record over the size limit.
    #[error(transparent)]
    Record(RecordError),
    /// The record was read, but its cable could not be parsed (strict mode).
    #[error("row {row} (line {line}): {error}")]
    Parse {
        /// 1-based number of the record in the file (or in the range read).
        row: usize,
        /// 1-based line where the record starts.
        line: usize,
        /// Byte offset of the record's first byte in the file.
        offset: u64,
        /// Why it could not be parsed.
        error: Error,
    },
}

impl RowError {
    /// 1-based number of the record in the file (or in the range read).
    ///
    /// ```
    /// let mut rows = cable_core::csv::Cables::new(cable_core::csv::Records::new(&b"1,\"oops\n"[..]), &Default::default());
    /// assert_eq!(rows.next().unwrap().unwrap_err().row(), 1);
    /// ```
    pub fn row(&self) -> usize {
        match self {
            RowError::Record(e) => e.row,
            RowError::Parse { row, .. } => *row,
        }
    }

    /// 1-based line of the file where the record starts.
    ///
    /// ```
    /// let mut rows = cable_core::csv::Cables::new(cable_core::csv::Records::new(&b"1,\"oops\n"[..]), &Default::default());
    /// assert_eq!(rows.next().unwrap().unwrap_err().line(), 1);
    /// ```
    pub fn line(&self) -> usize {
        match self {
            RowError::Record(e) => e.line,
            RowError::Parse { line, .. } => *line,
        }
    }

    /// Byte offset of the record's first byte in the file.
    ///
    /// ```
    /// let mut rows = cable_core::csv::Cables::new(cable_core::csv::Records::new(&b"1,\"oops\n"[..]), &Default::default());
    /// assert_eq!(rows.next().unwrap().unwrap_err().offset(), 0);
    /// ```
    pub fn offset(&self) -> u64 {
        match self {
            RowError::Record(e) => e.offset,
            RowError::Parse { offset, .. } => *offset,
        }
    }

    /// `csv_record` when the record could not be read, else the [`Error::kind`] of the
    /// parse error (`syntax`, `too_large`, ...).
    ///
    /// ```
    /// let mut rows = cable_core::csv::Cables::new(cable_core::csv::Records::new(&b"1,\"oops\n"[..]), &Default::default());
    /// assert_eq!(rows.next().unwrap().unwrap_err().kind(), "csv_record");
    /// ```
    pub fn kind(&self) -> &'static str {
        match self {
            RowError::Record(_) => "csv_record",
            RowError::Parse { error, .. } => error.kind(),
        }
    }

    /// What is wrong, without the row and line: the record's problem, or the parse error.
    ///
    /// ```
    /// let mut rows = cable_core::csv::Cables::new(cable_core::csv::Records::new(&b"1,\"oops\n"[..]), &Default::default());
    /// assert_eq!(rows.next().unwrap().unwrap_err().message(), "a quoted field is never closed");
    /// ```
    pub fn message(&self) -> String {
        match self {
            RowError::Record(e) => e.message.clone(),
            RowError::Parse { error, .. } => error.to_string(),
        }
    }
}
