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

mod ast;
mod body;
mod containers;
pub mod csv;
mod dates;
mod derived;
mod document;
mod error;
pub mod flat;
mod grammar;
mod header;
#[cfg(feature = "python")]
#[doc(hidden)]
pub mod python;
pub mod release;
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

/// Default for [`Options::max_input_bytes`]: 64 MiB, far above any real cable.
pub const DEFAULT_MAX_INPUT_BYTES: usize = 64 * 1024 * 1024;

/// How to parse.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct Options {
    /// The container, or `None` to detect it.
    pub container: Option<Container>,
    /// Reject the first deviation from the grammar instead of recovering.
    pub strict: bool,
    /// Inputs larger than this are refused with [`Error::TooLarge`].
    pub max_input_bytes: usize,
    /// The year the cable was sent, for texts that carry no date; see [`Options::year`].
    pub year: Option<u16>,
    /// The name of the file the text came from; see [`Options::file_name`].
    pub file_name: Option<String>,
    /// Whether a file name that is a reference id gives the cable its id and year when
    /// the text gives none (the default); see [`Options::id_from_file_name`].
    pub id_from_file_name: bool,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            container: None,
            strict: false,
            max_input_bytes: DEFAULT_MAX_INPUT_BYTES,
            year: None,
            file_name: None,
            id_from_file_name: true,
        }
    }
}

impl Options {
    /// Lenient parsing with container detection (the default).
    pub fn new() -> Self {
        Self::default()
    }

    /// Names the container instead of detecting it.
    ///
    /// ```
    /// use cable_core::{Container, Options};
    /// let opts = Options::new().container(Container::BareText).strict(true);
    /// assert!(opts.strict);
    /// ```
    pub fn container(mut self, container: Container) -> Self {
        self.container = Some(container);
        self
    }

    /// Sets strict mode.
    pub fn strict(mut self, strict: bool) -> Self {
        self.strict = strict;
        self
    }

    /// Sets the input size limit in bytes.
    pub fn max_input_bytes(mut self, limit: usize) -> Self {
        self.max_input_bytes = limit;
        self
    }

    /// The year the cable was sent (e.g. 2007), for containers that carry no date: a bare
    /// `<pre>` block or pasted text. REF items that omit their year (`BERLIN 1398`) are
    /// resolved with it. A date in the text itself (metadata, the date-time group, a
    /// publication's date line) comes first.
    ///
    /// ```
    /// use cable_core::{parse_with, Container, Options};
    /// let pre = "<pre>UNCLAS BERLIN 001767\n\nREF: A. BERLIN 1398\n\n1. (U) TEXT.\n</pre>";
    /// let opts = Options::new().container(Container::HtmlPre);
    /// let id = |o: &Options| parse_with(pre, o).unwrap().body.unwrap().references[0].cable_id.clone();
    /// assert_eq!(id(&opts), None);
    /// assert_eq!(id(&opts.clone().year(2007)).as_deref(), Some("07BERLIN1398"));
    /// ```
    pub fn year(mut self, year: u16) -> Self {
        self.year = Some(year);
        self
    }

    /// The name of the file the text came from (a path or a bare name). Cablegate files
    /// are named by their reference id (`08BRASILIA1224.html`): when the text gives the
    /// cable no id (a bare `<pre>` block has no metadata and no date), such a name gives
    /// it its id and year, and an `id-from-file-name` diagnostic says so. [`parse_file`]
    /// sets it.
    ///
    /// ```
    /// use cable_core::{parse_with, Container, Options};
    /// let pre = "<pre>UNCLAS BERLIN 001767\n\nREF: A. BERLIN 1398\n\n1. (U) TEXT.\n</pre>";
    /// let opts = Options::new().container(Container::HtmlPre).file_name("07BERLIN1767.html");
    /// let cable = parse_with(pre, &opts).unwrap();
    /// assert_eq!(cable.id.as_deref(), Some("07BERLIN1767"));
    /// assert_eq!(cable.body.unwrap().references[0].cable_id.as_deref(), Some("07BERLIN1398"));
    /// ```
    pub fn file_name(mut self, name: impl Into<String>) -> Self {
        self.file_name = Some(name.into());
        self
    }

    /// Whether a file name that is a reference id gives the cable its id and year (on by
    /// default; see [`Options::file_name`]).
    ///
    /// ```
    /// use cable_core::{parse_with, Options};
    /// let opts = Options::new().file_name("07BERLIN1767.txt").id_from_file_name(false);
    /// assert_eq!(parse_with("UNCLAS BERLIN 001767\n", &opts).unwrap().id, None);
    /// ```
    pub fn id_from_file_name(mut self, on: bool) -> Self {
        self.id_from_file_name = on;
        self
    }

    /// The reference id the file name gives, when it is one and may be used.
    pub(crate) fn file_id(&self) -> Option<&str> {
        let name = self
            .file_name
            .as_deref()
            .filter(|_| self.id_from_file_name)?;
        let name = name.rsplit(['/', '\\']).next().unwrap_or(name);
        let stem = name.split('.').next().unwrap_or(name);
        crate::containers::is_reference_id(stem).then_some(stem)
    }
}

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
    within_limit(input.len(), options)?;
    let decoded = decode(input, options.container);
    document::cable(&decoded, options).map(release::vouched)
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
/// assert_eq!(cable.reference_id(), Some("66X1"));
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
/// its name, so that a bare `<pre>` block named `08BRASILIA1224.html` has its id and year.
///
/// ```
/// let path = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/corpus/cablegate-html/08BRASILIA1224.html");
/// let cable = cable_core::parse_file(path, &Default::default()).unwrap();
/// assert_eq!(cable.id.as_deref(), Some("08BRASILIA1224"));
/// let refs = cable.body.unwrap().references;
/// assert_eq!(refs[1].cable_id.as_deref(), Some("08SAOPAULO31"));
/// ```
pub fn parse_file(path: impl AsRef<std::path::Path>, options: &Options) -> Result<Cable, Error> {
    let path = path.as_ref();
    let bytes = std::fs::read(path).map_err(|e| Error::Io {
        message: format!("{}: {e}", path.display()),
    })?;
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
