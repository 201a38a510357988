//! # cable-core
//!
//! One exact grammar and one typed syntax tree for diplomatic cables: the telegrams
//! published in the Cablegate releases, in any of their containers (text export,
//! cablegate HTML page or `<pre>` block, a `cables.csv` row, bare text).
//!
//! ```
//! let text = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/corpus/cablegate-txt/09ASTANA1145.txt")).unwrap();
//! let cable = cable_core::parse(&text);
//! let body = cable.body.as_ref().unwrap();
//! assert_eq!(body.tag_codes(), ["PGOV", "PREL", "ECON", "ETRD", "WTRO", "RS", "BO", "KZ"]);
//! assert_eq!(cable.header.as_ref().unwrap().info.len(), 19);
//! ```
//!
//! Lenient parsing (the default) never fails on text: whatever is not understood is
//! kept and reported in [`Cable::diagnostics`]. Strict parsing ([`Options::strict`])
//! turns the first deviation into an [`Error`] with line, column and snippet.

#![warn(missing_docs)]

mod ast;
mod body;
mod containers;
pub mod csv;
mod ctx;
mod dates;
mod derived;
mod document;
mod error;
pub mod flat;
mod grammar;
mod header;
#[cfg(test)]
mod helper_tests;
mod names;
mod options;
mod pairs;
#[cfg(feature = "parallel")]
pub mod parallel;
#[cfg(feature = "python")]
#[doc(hidden)]
pub mod python;
pub mod quality;
mod reference_id;
mod regions;
pub mod release;
mod resolve;
pub mod routes;
#[cfg(test)]
mod rule_tests;
pub mod stations;
#[cfg(feature = "arrow")]
pub mod tables;
mod text;

pub use ast::*;
pub use containers::{decode, detect, Decoded};
pub use error::Error;
pub use options::Options;
pub use reference_id::ReferenceId;

/// Default of [`Options::max_input_bytes`]: 64 MiB, far above any real cable.
pub const DEFAULT_MAX_INPUT_BYTES: usize = 64 * 1024 * 1024;

/// Parses a cable leniently, detecting its container. Never fails and never panics:
/// what is not understood is kept and reported in [`Cable::diagnostics`].
///
/// Inputs above [`DEFAULT_MAX_INPUT_BYTES`] yield a tree with no body and a
/// `too-large` diagnostic; use [`parse_with`] to raise the limit.
///
/// ```
/// let cable = cable_core::parse("UNCLAS STATE 000001\nTAGS: PREL\nSUBJECT: A TEST\n\n1. (U) HELLO.\n");
/// assert_eq!(cable.subject(), Some("A TEST"));
/// ```
pub fn parse(input: &str) -> Cable {
    match parse_with(input, &Options::default()) {
        Ok(cable) => cable,
        Err(err) => document::refused(input, &err),
    }
}

/// Parses a cable with options.
///
/// ```
/// use cable_core::{parse_with, Options};
/// let err = parse_with("FM AMEMBASSY X\nTO\n", &Options::new().strict(true)).unwrap_err();
/// assert_eq!(err.line(), Some(2));
/// ```
pub fn parse_with(input: &str, options: &Options) -> Result<Cable, Error> {
    document::cable(&decode_with(input, options)?, options).map(release::vouched)
}

/// The document text of `input` as [`parse_with`] reads it: in the container the options
/// name (else the one detected), after the size limit.
///
/// ```
/// use cable_core::{decode_with, Container, Options};
/// let opts = Options::new().container(Container::HtmlPre);
/// assert_eq!(decode_with("<pre>A&amp;B</pre>", &opts).unwrap().text, "A&B");
/// assert!(decode_with("<pre>A&amp;B</pre>", &opts.max_input_bytes(4)).is_err());
/// ```
pub fn decode_with<'a>(input: &'a str, options: &Options) -> Result<Decoded<'a>, Error> {
    within_limit(input.len(), options)?;
    Ok(decode(input, options.container))
}

/// Parses one record of a `cables.csv` read by [`csv::Records`], from the fields the
/// reader split (a row is split once) and in the dialect it read. The record is a CSV
/// row whatever [`Options::container`] says.
///
/// ```
/// use cable_core::csv::Records;
/// let data = "1,\"12/28/1966 18:48\",\"66X1\",\"Embassy X\",\"UNCLASSIFIED\",\"\",\"\",\"UNCLAS X 000001\n\nSUBJECT: \\\"HI\\\"\n\"\n";
/// let record = Records::new(data.as_bytes()).next().unwrap().unwrap();
/// let cable = cable_core::parse_record(&record, &Default::default()).unwrap();
/// assert_eq!(cable.id.as_deref(), Some("66X1"));
/// assert_eq!(cable.subject(), Some("\"HI\""));
/// ```
pub fn parse_record(record: &csv::Record, options: &Options) -> Result<Cable, Error> {
    within_limit(record.text.len(), options)?;
    document::cable(&record.decode(), options).map(release::vouched)
}

/// Refuses an input longer than [`Options::max_input_bytes`], before any work on it.
fn within_limit(size: usize, options: &Options) -> Result<(), Error> {
    if size > options.max_input_bytes {
        return Err(Error::TooLarge {
            size,
            limit: options.max_input_bytes,
        });
    }
    Ok(())
}

/// Reads a file and parses it like [`parse_bytes`], with [`Options::file_name`] set to
/// its name (unless the options name one), so that a bare `<pre>` block named
/// `08BRASILIA1224.html` has its id and year. A file that cannot be read is an
/// [`Error::Io`] carrying its path and the system's [`std::io::ErrorKind`].
///
/// ```
/// let path = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/corpus/cablegate-html/08BRASILIA1224.html");
/// let cable = cable_core::parse_file(path, &Default::default()).unwrap();
/// assert_eq!(cable.id.as_deref(), Some("08BRASILIA1224"));
/// let refs = cable.body.unwrap().references;
/// assert_eq!(refs[1].cited_id.as_deref(), Some("08SAOPAULO31"));
/// let err = cable_core::parse_file("no/such/file.txt", &Default::default()).unwrap_err();
/// assert_eq!(err.kind(), "io");
/// assert!(matches!(err, cable_core::Error::Io { kind: std::io::ErrorKind::NotFound, .. }));
/// ```
pub fn parse_file(path: impl AsRef<std::path::Path>, options: &Options) -> Result<Cable, Error> {
    let path = path.as_ref();
    let bytes = std::fs::read(path).map_err(|e| Error::io(path, &e))?;
    let mut options = options.clone();
    if options.file_name.is_none() {
        options.file_name = path.file_name().map(|n| n.to_string_lossy().into_owned());
    }
    parse_bytes(&bytes, &options)
}

/// Parses bytes: like [`parse_with`], after checking that they are UTF-8.
///
/// ```
/// let err = cable_core::parse_bytes(b"UNCLAS \xff", &Default::default()).unwrap_err();
/// assert_eq!(err, cable_core::Error::InvalidUtf8 { offset: 7 });
/// // The size limit comes first: oversized input is refused without being scanned.
/// let opts = cable_core::Options::new().max_input_bytes(1);
/// let err = cable_core::parse_bytes(b"\xff\xff", &opts).unwrap_err();
/// assert_eq!(err, cable_core::Error::TooLarge { size: 2, limit: 1 });
/// ```
pub fn parse_bytes(input: &[u8], options: &Options) -> Result<Cable, Error> {
    // Refuse oversized input before scanning it for UTF-8.
    within_limit(input.len(), options)?;
    let text = std::str::from_utf8(input).map_err(|e| Error::InvalidUtf8 {
        offset: e.valid_up_to(),
    })?;
    parse_with(text, options)
}

/// The Rust examples of the workspace README compile and pass.
#[cfg(doctest)]
#[doc = include_str!("../../README.md")]
struct ReadmeDoctests;

/// The example of the crate's own README (its page on crates.io) compiles and passes.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
struct CrateReadmeDoctests;
