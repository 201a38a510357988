//! The columnar exports of `cable export`: the three tables of
//! [`cable_core::tables`] (`cables`, `paragraphs`, `references`), one file per table,
//! as Parquet or as Arrow IPC files, zstd-compressed.
//!
//! Cables are added one at a time; every [`BATCH_ROWS`] cables (or
//! [`BATCH_BYTES`] of buffered text) the rows become one record batch per table and
//! go to the writers. A Parquet writer closes a row group when its encoded size
//! reaches [`ROW_GROUP_BYTES`], so memory stays bounded whatever the size of the input.
//! Files are written under a `.partial` name and renamed when complete.
//!
//! ```
//! use cable_cli::columnar::{Columnar, Format};
//! let dir = tempfile::tempdir().unwrap();
//! let mut out = Columnar::create(dir.path(), Format::Parquet).unwrap();
//! out.push(&cable_core::parse("UNCLAS STATE 000001\n\n1. (U) HELLO.\n")).unwrap();
//! let written = out.finish().unwrap();
//! assert_eq!(written[1].path, dir.path().join("paragraphs.parquet"));
//! assert_eq!((written[0].rows, written[1].rows, written[2].rows), (1, 1, 0));
//! ```

use std::fs::File;
use std::io::{self, BufWriter};
use std::path::{Path, PathBuf};

use arrow_array::RecordBatch;
use arrow_ipc::writer::{FileWriter, IpcWriteOptions};
use arrow_ipc::CompressionType;
use cable_core::tables::{Batches, Table, Tables};
use cable_core::Cable;
use parquet::arrow::ArrowWriter;
use parquet::basic::{Compression, ZstdLevel};
use parquet::file::properties::WriterProperties;

/// Cables per record batch.
pub const BATCH_ROWS: usize = 4096;

/// Bytes buffered in the builders before they become record batches, at most (about).
pub const BATCH_BYTES: usize = 16 * 1024 * 1024;

/// Encoded bytes of a Parquet row group, at most (about).
pub const ROW_GROUP_BYTES: usize = 64 * 1024 * 1024;

/// The zstd level of both formats (the default of the zstd tool).
pub const ZSTD_LEVEL: i32 = 3;

/// A columnar file format.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// Apache Parquet (`.parquet`).
    Parquet,
    /// The Arrow IPC file format (`.arrow`, also called Feather v2).
    Arrow,
}

impl Format {
    /// The file name extension.
    ///
    /// ```
    /// assert_eq!(cable_cli::columnar::Format::Arrow.extension(), "arrow");
    /// ```
    pub fn extension(self) -> &'static str {
        match self {
            Format::Parquet => "parquet",
            Format::Arrow => "arrow",
        }
    }
}

/// A table file that was written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Written {
    /// The table.
    pub table: Table,
    /// Where.
    pub path: PathBuf,
    /// How many rows.
    pub rows: u64,
}

enum Writer {
    Parquet(ArrowWriter<BufWriter<File>>),
    Arrow(FileWriter<BufWriter<File>>),
}

/// One table's file while it is written.
struct TableFile {
    table: Table,
    path: PathBuf,
    partial: PathBuf,
    writer: Writer,
    rows: u64,
}

fn io_error(e: impl std::error::Error + Send + Sync + 'static) -> io::Error {
    io::Error::other(e)
}

impl TableFile {
    fn create(dir: &Path, table: Table, format: Format) -> io::Result<Self> {
        let path = dir.join(format!("{}.{}", table.name(), format.extension()));
        let mut partial = path.clone().into_os_string();
        partial.push(".partial");
        let partial = PathBuf::from(partial);
        let file = BufWriter::with_capacity(1 << 20, File::create(&partial)?);
        let schema = table.schema();
        let writer = match format {
            Format::Parquet => {
                let level = ZstdLevel::try_new(ZSTD_LEVEL).map_err(io_error)?;
                let props = WriterProperties::builder()
                    .set_compression(Compression::ZSTD(level))
                    .set_max_row_group_bytes(Some(ROW_GROUP_BYTES))
                    .set_created_by(format!("cable {}", env!("CARGO_PKG_VERSION")))
                    .build();
                Writer::Parquet(ArrowWriter::try_new(file, schema, Some(props)).map_err(io_error)?)
            }
            Format::Arrow => {
                let options = IpcWriteOptions::default()
                    .try_with_compression(Some(CompressionType::ZSTD))
                    .map_err(io_error)?;
                Writer::Arrow(
                    FileWriter::try_new_with_options(file, &schema, options).map_err(io_error)?,
                )
            }
        };
        Ok(TableFile {
            table,
            path,
            partial,
            writer,
            rows: 0,
        })
    }

    fn write(&mut self, batch: &RecordBatch) -> io::Result<()> {
        if batch.num_rows() == 0 {
            return Ok(());
        }
        self.rows += batch.num_rows() as u64;
        match &mut self.writer {
            Writer::Parquet(w) => w.write(batch).map_err(io_error),
            Writer::Arrow(w) => w.write(batch).map_err(io_error),
        }
    }

    fn finish(self) -> io::Result<Written> {
        let file = match self.writer {
            Writer::Parquet(w) => w.into_inner().map_err(io_error)?,
            Writer::Arrow(mut w) => {
                w.finish().map_err(io_error)?;
                w.into_inner().map_err(io_error)?
            }
        };
        file.into_inner().map_err(|e| e.into_error())?.sync_all()?;
        std::fs::rename(&self.partial, &self.path)?;
        Ok(Written {
            table: self.table,
            path: self.path,
            rows: self.rows,
        })
    }
}

/// The three table files of an export, filled cable by cable.
pub struct Columnar {
    tables: Tables,
    files: Vec<TableFile>,
    batch_rows: usize,
}

impl Columnar {
    /// Creates `dir` if needed, and in it `cables.EXT`, `paragraphs.EXT` and
    /// `references.EXT` (first as `.partial` files).
    ///
    /// ```
    /// use cable_cli::columnar::{Columnar, Format};
    /// let dir = tempfile::tempdir().unwrap();
    /// let out = Columnar::create(&dir.path().join("new"), Format::Arrow).unwrap();
    /// assert!(dir.path().join("new/references.arrow.partial").exists());
    /// # drop(out);
    /// ```
    pub fn create(dir: &Path, format: Format) -> io::Result<Self> {
        std::fs::create_dir_all(dir)?;
        let files = Table::ALL
            .into_iter()
            .map(|table| TableFile::create(dir, table, format))
            .collect::<io::Result<Vec<_>>>()?;
        Ok(Columnar {
            tables: Tables::new(),
            files,
            batch_rows: BATCH_ROWS,
        })
    }

    /// Cables per record batch (default [`BATCH_ROWS`]).
    ///
    /// ```
    /// use cable_cli::columnar::{Columnar, Format};
    /// let dir = tempfile::tempdir().unwrap();
    /// let mut out = Columnar::create(dir.path(), Format::Parquet).unwrap().batch_rows(1);
    /// out.push(&cable_core::parse("UNCLAS STATE 000001\n")).unwrap();
    /// assert_eq!(out.finish().unwrap()[0].rows, 1);
    /// ```
    pub fn batch_rows(mut self, rows: usize) -> Self {
        self.batch_rows = rows.max(1);
        self
    }

    /// Adds a cable's rows; writes a batch when enough have gathered.
    ///
    /// ```
    /// use cable_cli::columnar::{Columnar, Format};
    /// let dir = tempfile::tempdir().unwrap();
    /// let mut out = Columnar::create(dir.path(), Format::Arrow).unwrap();
    /// for n in 1..=3 {
    ///     out.push(&cable_core::parse(&format!("UNCLAS STATE 00000{n}\n"))).unwrap();
    /// }
    /// assert_eq!(out.finish().unwrap()[0].rows, 3);
    /// ```
    pub fn push(&mut self, cable: &Cable) -> io::Result<()> {
        self.tables.push(cable);
        if self.tables.len() >= self.batch_rows || self.tables.buffered_bytes() >= BATCH_BYTES {
            self.write_batches()?;
        }
        Ok(())
    }

    fn write_batches(&mut self) -> io::Result<()> {
        let batches: Batches = self.tables.finish();
        for file in &mut self.files {
            file.write(batches.get(file.table))?;
        }
        Ok(())
    }

    /// Writes what is left, closes the files and gives them their final names.
    ///
    /// ```
    /// use cable_cli::columnar::{Columnar, Format};
    /// let dir = tempfile::tempdir().unwrap();
    /// let written = Columnar::create(dir.path(), Format::Parquet).unwrap().finish().unwrap();
    /// assert!(written.iter().all(|w| w.rows == 0 && w.path.exists()));
    /// ```
    pub fn finish(mut self) -> io::Result<Vec<Written>> {
        if !self.tables.is_empty() {
            self.write_batches()?;
        }
        self.files.into_iter().map(TableFile::finish).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn batches_are_written_as_they_fill_up() {
        let dir = tempfile::tempdir().unwrap();
        let mut out = Columnar::create(dir.path(), Format::Arrow)
            .unwrap()
            .batch_rows(2);
        for n in 1..=5 {
            let text = format!("UNCLAS STATE 00000{n}\n\n1. (U) HELLO {n}.\n");
            out.push(&cable_core::parse(&text)).unwrap();
        }
        let partial = dir.path().join("cables.arrow.partial");
        assert!(partial.exists());
        let written = out.finish().unwrap();
        assert!(!partial.exists());
        let file = File::open(&written[1].path).unwrap();
        let reader = arrow_ipc::reader::FileReader::try_new(file, None).unwrap();
        assert_eq!(reader.num_batches(), 3);
        let rows: Vec<usize> = reader.map(|b| b.unwrap().num_rows()).collect();
        assert_eq!(rows, [2, 2, 1]);
    }
}
