//! Streaming over a `cables.csv` file: one record at a time, in constant memory.
//!
//! ```
//! use cable_core::csv::Records;
//! let data = "1,\"12/28/1966 18:48\",\"66X1\",\"Embassy X\",\"UNCLASSIFIED\",\"\",\"\",\"UNCLAS X 000001\nHELLO\"\n\
//!             2,\"oops\n";
//! let rows: Vec<_> = Records::new(data.as_bytes()).collect();
//! assert_eq!(rows.len(), 2);
//! let record = rows[0].as_ref().unwrap();
//! assert_eq!(record.field(2).as_deref(), Some("66X1"));
//! let cable = cable_core::parse_record(record, &Default::default()).unwrap();
//! assert_eq!(cable.metadata.unwrap().reference_id, "66X1");
//! assert_eq!(rows[1].as_ref().unwrap_err().row, 2);
//! ```
//!
//! A record is split into its fields once, by the reader; [`crate::parse_record`]
//! decodes the fields from the offsets the reader kept. [`cables`] does both in one
//! call: the cables of a file, one row at a time.
//!
//! ## Dialects
//!
//! The September 2011 release escapes with backslashes ([`Dialect::Backslash`]); the
//! same rows saved again by pandas or Python's `csv` module double their quotes and keep
//! backslashes as they are ([`Dialect::Rfc4180`]). [`Records`] tells them apart from the
//! start of the file ([`Dialect::detect`]) unless [`Records::dialect`] names one.
//!
//! ## Reading a part of a file
//!
//! [`Records::range`] reads the records of one byte range of a file, so that N workers
//! can share one big archive: each reads the records that *start* in its range, going
//! past the range's end to finish the last one. A worker whose range starts inside a
//! record skips forward to the first line that starts a row (`N,"`, the test the reader
//! uses to recover from an unclosed quote), which is where the worker before it stops.
//! So ranges that tile the file (`0..a`, `a..b`, ..., `z..len`) together yield every
//! record exactly once, in order.

mod cables;
mod dialect;
mod records;
mod row_start;
mod split;
#[cfg(test)]
mod test_data;

pub use cables::{cables, parse_row, Cables, RowError};
pub use dialect::Dialect;
pub use records::{Record, RecordError, Records};
pub(crate) use row_start::after_row_number;
pub(crate) use split::{split_fields, Field};
