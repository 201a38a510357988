//! The library behind the `cable` command: reading whole archives lazily, parsing
//! them in parallel in input order, and flattening trees into table rows.
//!
//! - [`input`]: files, directories (walked lazily), standard input and `cables.csv`
//!   files, turned into a stream of [`input::CableInput`]s, one per cable;
//! - [`pipeline`]: parses that stream in bounded batches on a rayon pool, keeping
//!   the input order, while the next batch is read and the previous one written;
//! - [`csv_export`]: the flat row of one cable ([`cable_core::flat`]) as a line of
//!   `cable export --format csv`, and CSV quoting;
//! - [`columnar`]: the three tables of `cable_core::tables` as Parquet or Arrow files;
//! - [`stats`]: counts by classification, origin, year, container and diagnostic.
//!
//! ```
//! use cable_cli::{input::Inputs, pipeline};
//! let sample = concat!(env!("CARGO_MANIFEST_DIR"), "/09ASTANA1145.txt");
//! let inputs = Inputs::new(vec![sample.into()], &cable_core::Options::new());
//! let mut ids = Vec::new();
//! let options = cable_core::Options::new();
//! pipeline::run(inputs, pipeline::BATCH, |item| item.parse(&options).map(|c| c.id), |_, id| {
//!     ids.push(id.unwrap());
//!     Ok(())
//! })
//! .unwrap();
//! assert_eq!(ids, [Some("09ASTANA1145".to_string())]);
//! ```

#[cfg(feature = "parquet")]
pub mod columnar;
pub mod csv_export;
pub mod input;
pub mod pipeline;
pub mod stats;
pub mod synth;
