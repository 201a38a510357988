//! The typed syntax tree of a cable.
//!
//! Every node carries a [`Span`]: byte offsets into the *document text*, which
//! is the input itself for the text export and bare text, and the decoded text
//! returned by [`crate::decode`] for HTML and CSV containers (tags stripped,
//! entities and escapes decoded). [`crate::Decoded::to_input_offset`] maps an
//! offset of the document text back to the raw input.
//!
//! The JSON produced by [`Cable::to_json`] is a public format: keys are
//! snake_case, optional values are `null` (never omitted), lists are `[]`.
//!
//! Ids: a cable's own id is [`Cable::id`]; the cable a reference cites is
//! [`Reference::cited_id`] (the citing cable is the one whose body holds the reference).
//! [`Metadata::reference_id`] is the id as the container writes it, malformed ones too.
//!
//! This module holds the root ([`Cable`]) with what it carries whatever the text holds
//! (container, metadata, diagnostics) and the nodes both parts share (spans, page breaks,
//! unparsed text); the header's nodes and the body's are modules of their own, re-exported
//! here, since `crate::header` and `crate::body` each build one part.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::names::named_enum;

mod body;
mod header;

pub use body::*;
pub use header::*;

/// A half-open byte range `start..end` into the document text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize, JsonSchema)]
#[cfg_attr(
    feature = "python",
    pyo3::pyclass(module = "cable", get_all, frozen, eq, hash)
)]
pub struct Span {
    /// Offset of the first byte.
    pub start: usize,
    /// Offset one past the last byte.
    pub end: usize,
}

impl Span {
    /// A span from `start` to `end`.
    ///
    /// ```
    /// let s = cable_core::Span::new(3, 7);
    /// assert_eq!(s.len(), 4);
    /// ```
    pub fn new(start: usize, end: usize) -> Self {
        Span { start, end }
    }

    /// Number of bytes covered.
    pub fn len(&self) -> usize {
        self.end.saturating_sub(self.start)
    }

    /// True when the span covers no byte.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// True when `other` lies inside `self`.
    pub fn contains(&self, other: &Span) -> bool {
        self.start <= other.start && other.end <= self.end
    }

    /// The span moved by `by` bytes: a region parsed on its own counts from its start.
    pub(crate) fn offset(self, by: isize) -> Span {
        Span::new(
            self.start.wrapping_add_signed(by),
            self.end.wrapping_add_signed(by),
        )
    }
}

named_enum! {
    /// The wrapper a cable arrived in.
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
    #[cfg_attr(
        feature = "python",
        pyo3::pyclass(module = "cable", eq, eq_int, frozen, hash)
    )]
    #[non_exhaustive]
    pub enum Container as "container" {
        /// Five metadata lines (reference id, subject, date, classification, origin), then the cable.
        TextExport = "text_export",
        /// A whole cablegate HTML page: metadata table plus header and body `<pre>` blocks.
        HtmlPage = "html_page",
        /// A bare `<code><pre>` block from a cablegate page.
        HtmlPre = "html_pre",
        /// One row of the September 2011 `cables.csv` (8 columns).
        CsvRow = "csv_row",
        /// Header and body, or body only, as pasted.
        BareText = "bare_text",
    }
}

named_enum! {
    /// How serious a diagnostic is.
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
    #[cfg_attr(
        feature = "python",
        pyo3::pyclass(module = "cable", eq, eq_int, frozen, hash)
    )]
    #[non_exhaustive]
    pub enum Severity as "severity" {
        /// A deviation from the format (an unparsed line, a missing banner): the text is
        /// kept, and strict mode rejects it.
        Error = "error",
        /// Understood, but not as the format prescribes (e.g. a missing part).
        Warning = "warning",
        /// A fact about the input worth knowing (e.g. a partial extract).
        Info = "info",
    }
}

/// A parsed cable: the root of the tree.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[cfg_attr(
    feature = "python",
    pyo3::pyclass(module = "cable", get_all, frozen, eq)
)]
#[non_exhaustive]
pub struct Cable {
    /// The container the cable was found in.
    pub container: Container,
    /// The cable's reference id, e.g. `09ASTANA1145`: the metadata's, else made from the
    /// banner's station and serial and the year the text gives, else the file's name when
    /// it is a reference id (see [`crate::Options::file_name`]).
    pub id: Option<String>,
    /// When the cable was sent, as RFC 3339. This is the one statement of where it comes
    /// from, first found first: the header's date-time group (UTC); else the metadata
    /// date (with its offset, as the container gives it); else a date the text gives (a
    /// publication's date line, `Cable dated:`).
    pub sent: Option<String>,
    /// The metadata lines (text export), table (HTML page) or columns (CSV row).
    pub metadata: Option<Metadata>,
    /// True when the record says it is a partial extract of the original cable.
    pub partial: bool,
    /// The transmission header, when present.
    pub header: Option<Header>,
    /// The cable body; `null` when the container holds no cable text.
    pub body: Option<Body>,
    /// What was not understood, or is worth knowing, with spans.
    pub diagnostics: Vec<Diagnostic>,
    /// The whole document text.
    pub span: Span,
}

/// Metadata about a cable, from its container.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[cfg_attr(
    feature = "python",
    pyo3::pyclass(module = "cable", get_all, frozen, eq)
)]
#[non_exhaustive]
pub struct Metadata {
    /// The reference id as the container writes it, e.g. `09ASTANA1145` (malformed ones
    /// too); the cable's id is `Cable.id`.
    pub reference_id: String,
    /// The short subject (often cut short by the export); `null` when the container has none.
    pub subject: Option<String>,
    /// The date the metadata gives the record, as RFC 3339 with offset, e.g.
    /// `2009-07-09T00:00:00+02:00`; `null` if unreadable. When the cable was sent is
    /// `Cable.sent`.
    pub date: Option<String>,
    /// The classification as written, e.g. `UNCLASSIFIED//FOR OFFICIAL USE ONLY`.
    pub classification: String,
    /// The originating post, e.g. `Embassy Astana`.
    pub origin: String,
    /// Cable ids the record lists as referenced (CSV column 6); empty elsewhere.
    pub referenced_ids: Vec<String>,
    /// The metadata lines or fields.
    pub span: Span,
}

/// A page-break line such as `ASTANA 00001145  002 OF 002` or `PAGE 02 STATE 015113 182333Z`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[cfg_attr(
    feature = "python",
    pyo3::pyclass(module = "cable", get_all, frozen, eq)
)]
#[non_exhaustive]
pub struct PageBreak {
    /// The line, trimmed.
    pub text: String,
    /// The line.
    pub span: Span,
}

/// Text that was not understood, kept verbatim so that nothing readable is lost.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[cfg_attr(
    feature = "python",
    pyo3::pyclass(module = "cable", get_all, frozen, eq)
)]
#[non_exhaustive]
pub struct Unparsed {
    /// The text as written.
    pub text: String,
    /// Where it stands.
    pub span: Span,
}

/// Something the parser wants the reader to know, with where it happened.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[cfg_attr(
    feature = "python",
    pyo3::pyclass(module = "cable", get_all, frozen, eq)
)]
#[non_exhaustive]
pub struct Diagnostic {
    /// How serious it is.
    pub severity: Severity,
    /// A stable kebab-case code, e.g. `unparsed-header-line`, `no-cable-text`.
    pub code: String,
    /// A sentence for people.
    pub message: String,
    /// Where.
    pub span: Span,
}

impl Cable {
    /// The canonical JSON serialisation of the tree (compact, keys in declaration order).
    ///
    /// The Python and JavaScript bindings return exactly these bytes.
    ///
    /// ```
    /// let cable = cable_core::parse("UNCLAS STATE 000001\nSUBJECT: TEST\n\n1. HELLO.\n");
    /// assert!(cable.to_json().starts_with("{\"container\":\"bare_text\""));
    /// ```
    pub fn to_json(&self) -> String {
        // Serialising owned strings, integers and enums into a Vec cannot fail.
        serde_json::to_string(self).expect("a Cable always serialises")
    }

    /// Reads a tree back from [`Cable::to_json`] output.
    ///
    /// ```
    /// let cable = cable_core::parse("UNCLAS STATE 000001\n");
    /// assert_eq!(cable_core::Cable::from_json(&cable.to_json()).unwrap(), cable);
    /// ```
    pub fn from_json(json: &str) -> Result<Cable, serde_json::Error> {
        serde_json::from_str(json)
    }
}

/// The JSON Schema of [`Cable`], as committed in `cable-core/schema/cable.schema.json`.
///
/// ```
/// assert!(cable_core::json_schema().contains("\"Cable\""));
/// ```
pub fn json_schema() -> String {
    let schema = schemars::schema_for!(Cable);
    let mut out = serde_json::to_string_pretty(&schema).expect("schema serialises");
    out.push('\n');
    out
}
