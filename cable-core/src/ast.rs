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

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::names::named_enum;

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
    /// A classification level, normalised from any spelling of a marking.
    #[derive(
        Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, JsonSchema,
    )]
    #[cfg_attr(
        feature = "python",
        pyo3::pyclass(module = "cable", eq, eq_int, frozen, hash)
    )]
    #[non_exhaustive]
    pub enum Classification as "classification" {
        /// `UNCLAS`, `UNCLASSIFIED`, `UNCLASSIFIED//FOR OFFICIAL USE ONLY`, ...
        Unclassified = "unclassified",
        /// `CONFIDENTIAL`, `C O N F I D E N T I A L`, ...
        Confidential = "confidential",
        /// `SECRET`, `S E C R E T`, `SECRET//NOFORN`, ...
        Secret = "secret",
        /// `TOP SECRET`, `T O P S E C R E T`.
        TopSecret = "top_secret",
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

/// The transmission header: routing, originator and recipients.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[cfg_attr(
    feature = "python",
    pyo3::pyclass(module = "cable", get_all, frozen, eq)
)]
#[non_exhaustive]
pub struct Header {
    /// `VZCZC` + station + serial, e.g. `VZCZCXRO8970`; `null` on older headers.
    pub transmission_id: Option<String>,
    /// The relay precedence prosign and routing indicators.
    pub routing: Option<Routing>,
    /// The `DE` line: originating station, sequence, part and time.
    pub de: Option<De>,
    /// The security line as written, e.g. `ZNR UUUUU ZZH`.
    pub security: Option<String>,
    /// The precedence prosign(s) before the date-time group, e.g. `P` or `O P`.
    pub precedence: Option<String>,
    /// The date-time group.
    pub dtg: Option<Dtg>,
    /// The originator (`FM` line), e.g. `AMEMBASSY ASTANA`.
    pub from: Option<String>,
    /// Action recipients (`TO`).
    pub to: Vec<Recipient>,
    /// Information recipients (`INFO`).
    pub info: Vec<Recipient>,
    /// A State distribution block (`INFO LOG-00 ...`), as written.
    pub distribution: Option<Distribution>,
    /// Page-break lines met inside the header.
    pub page_breaks: Vec<PageBreak>,
    /// Header lines that were not understood, kept verbatim.
    pub unparsed: Vec<Unparsed>,
    /// The whole header.
    pub span: Span,
}

/// The relay precedence and routing indicators, e.g. `PP RUEHAG RUEHAST ...`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[cfg_attr(
    feature = "python",
    pyo3::pyclass(module = "cable", get_all, frozen, eq)
)]
#[non_exhaustive]
pub struct Routing {
    /// The two-letter precedence prosign, e.g. `PP`, `OO`, `RR`, `ZZ`.
    pub precedence: String,
    /// The routing indicators, in order.
    pub stations: Vec<String>,
    /// The routing lines.
    pub span: Span,
}

/// The `DE` line, e.g. `DE RUEHTA #1145/01 1901056`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[cfg_attr(
    feature = "python",
    pyo3::pyclass(module = "cable", get_all, frozen, eq)
)]
#[non_exhaustive]
pub struct De {
    /// The originating station's routing indicator, e.g. `RUEHTA`.
    pub station: String,
    /// The station sequence number, as written, e.g. `1145`.
    pub sequence: Option<String>,
    /// The part number after `/`, e.g. `01`.
    pub part: Option<String>,
    /// The Julian day and time as written, e.g. `1901056`.
    pub time: Option<String>,
    /// The Julian day of the year, e.g. `190`.
    pub julian_day: Option<u16>,
    /// The line.
    pub span: Span,
}

/// A date-time group, e.g. `091056Z JUL 09`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[cfg_attr(
    feature = "python",
    pyo3::pyclass(module = "cable", get_all, frozen, eq)
)]
#[non_exhaustive]
pub struct Dtg {
    /// As written.
    pub raw: String,
    /// As an RFC 3339 UTC timestamp, e.g. `2009-07-09T10:56:00Z`; `null` when invalid.
    pub timestamp: Option<String>,
    /// The group.
    pub span: Span,
}

/// One `TO` or `INFO` recipient, e.g. `RUEHC/SECSTATE WASHDC PRIORITY 5752`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[cfg_attr(
    feature = "python",
    pyo3::pyclass(module = "cable", get_all, frozen, eq)
)]
#[non_exhaustive]
pub struct Recipient {
    /// The routing indicator before `/`, e.g. `RUEHC`; `null` when absent.
    pub route: Option<String>,
    /// The addressee, e.g. `SECSTATE WASHDC`.
    pub name: String,
    /// The addressee the routing indicator stands for in ACP 117, e.g. `DEPT OF STATE WASHINGTON DC`
    /// for `RUEHC` (useful where the cable gives no name: `RUEHC/`).
    pub route_name: Option<String>,
    /// The precedence word as written, e.g. `PRIORITY`, `NIACT IMMEDIATE`, `PIORITY`.
    pub precedence: Option<String>,
    /// The precedence it stands for, typos read (`PIORITY` is priority).
    pub precedence_level: Option<Precedence>,
    /// The message control number, e.g. `5752` (leading zeros kept).
    pub mcn: Option<String>,
    /// `XMT` exclusions that follow a collective: names that do not receive it.
    pub excluded: Vec<String>,
    /// The recipient line(s).
    pub span: Span,
}

/// A State distribution block, e.g. `INFO LOG-00 EAP-00 ...`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[cfg_attr(
    feature = "python",
    pyo3::pyclass(module = "cable", get_all, frozen, eq)
)]
#[non_exhaustive]
pub struct Distribution {
    /// The distribution codes in order, e.g. `LOG-00`, `EAP-00`.
    pub codes: Vec<String>,
    /// The block as written.
    pub text: String,
    /// The block.
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

/// The body of a cable: banner, handling lines, subject, references and paragraphs.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[cfg_attr(
    feature = "python",
    pyo3::pyclass(module = "cable", get_all, frozen, eq)
)]
#[non_exhaustive]
pub struct Body {
    /// Lines a publication put before the banner (a date line such as
    /// `Thursday, 31 January 2008, 19:52`, record metadata), trimmed.
    pub prelude: Vec<String>,
    /// The classification banner, e.g. `UNCLAS SECTION 01 OF 02 ASTANA 001145`.
    pub banner: Option<Banner>,
    /// Handling caveats in order: `SENSITIVE`, `SIPDIS`, `NOFORN`, `EXDIS`, ...
    pub caveats: Vec<String>,
    /// Addressee and pass lines, e.g. `STATE FOR SCA/CEN, EEB`.
    pub addressees: Vec<String>,
    /// The executive order line, e.g. `E.O. 12958: N/A`.
    pub executive_order: Option<ExecutiveOrder>,
    /// The TAGS, in order, each once (continuation lines included; a repeated TAGS line
    /// adds nothing).
    pub tags: Vec<Tag>,
    /// The subject: its text (continuation lines joined) and its own marking.
    pub subject: Option<Subject>,
    /// The REF list.
    pub references: Vec<Reference>,
    /// The `Classified By:` line of classified cables.
    pub classified_by: Option<ClassifiedBy>,
    /// The paragraphs, numbered or not, in order.
    pub paragraphs: Vec<Paragraph>,
    /// The summary text (`SUMMARY:` ... `END SUMMARY`), whitespace collapsed.
    pub summary: Option<Block>,
    /// Comment blocks (`COMMENT:` ... `END COMMENT`), whitespace collapsed.
    pub comments: Vec<Block>,
    /// The signature, e.g. `HOAGLAND`.
    pub signature: Option<Signature>,
    /// The lines that end the text after the signature: `NNNN`, `End Cable Text`, a
    /// classification footer.
    pub trailers: Vec<Trailer>,
    /// Page-break lines, left out of paragraph text.
    pub page_breaks: Vec<PageBreak>,
    /// The body.
    pub span: Span,
}

/// The classification banner that opens the body.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[cfg_attr(
    feature = "python",
    pyo3::pyclass(module = "cable", get_all, frozen, eq)
)]
#[non_exhaustive]
pub struct Banner {
    /// The marking as written, e.g. `UNCLAS`, `C O N F I D E N T I A L`.
    pub marking: String,
    /// The level the marking stands for.
    pub classification: Classification,
    /// `SECTION n OF m`, when the cable was sent in sections.
    pub section: Option<Section>,
    /// The originating station as written, e.g. `ASTANA`, `USUN NEW YORK`.
    pub station: Option<String>,
    /// The station as the release spells it in reference ids, e.g. `USUNNEWYORK`; a
    /// station the release does not know is kept as written, squeezed (`QRIPOLI`), with a
    /// diagnostic.
    pub station_code: Option<String>,
    /// The serial as written, e.g. `001145`.
    pub serial: Option<String>,
    /// The banner line.
    pub span: Span,
}

/// `SECTION n OF m`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[cfg_attr(
    feature = "python",
    pyo3::pyclass(module = "cable", get_all, frozen, eq)
)]
#[non_exhaustive]
pub struct Section {
    /// This section's number.
    pub number: u32,
    /// How many sections the cable has.
    pub of: u32,
}

/// The executive order line, e.g. `E.O. 12958: DECL: 07/09/2019`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[cfg_attr(
    feature = "python",
    pyo3::pyclass(module = "cable", get_all, frozen, eq)
)]
#[non_exhaustive]
pub struct ExecutiveOrder {
    /// The order number, e.g. `12958`, `13526`, `12356`.
    pub order: Option<String>,
    /// The declassification instruction: a date, `N/A`, a code or an event.
    pub declassify: Option<Declassify>,
    /// The line as written.
    pub raw: String,
    /// The line.
    pub span: Span,
}

/// When a cable may be declassified, e.g. `DECL: 07/09/2019`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[cfg_attr(
    feature = "python",
    pyo3::pyclass(module = "cable", get_all, frozen, eq)
)]
#[non_exhaustive]
pub struct Declassify {
    /// The instruction as written, e.g. `07/09/2019`, `1.6X1`, `N/A`, `AFTER KOREAN
    /// UNIFICATION`.
    pub raw: String,
    /// What the instruction is.
    pub kind: DeclassifyKind,
    /// For a date: the day, ISO 8601 (`2019-07-09`; a two-digit year in the century nearest
    /// the cable's year, 20xx when that is not known).
    pub date: Option<String>,
    /// For codes: each, upper case, e.g. `1.6X1`, `25X1-HUMAN`.
    pub codes: Vec<String>,
    /// The instruction.
    pub span: Span,
}

named_enum! {
    /// The kind of a declassification instruction.
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
    #[cfg_attr(
        feature = "python",
        pyo3::pyclass(module = "cable", eq, eq_int, frozen, hash)
    )]
    #[non_exhaustive]
    pub enum DeclassifyKind as "declassification kind" {
        /// A date, e.g. `07/09/2019`, `2020/02/23`, `22 NOV 2012`.
        Date = "date",
        /// `N/A`: not classified, nothing to declassify.
        NotApplicable = "not_applicable",
        /// Exemption codes, e.g. `1.6X1`, `X1`, `25X1-HUMAN`.
        Code = "code",
        /// An event or anything else, e.g. `AFTER KOREAN UNIFICATION`, `GDS`.
        Event = "event",
    }
}

/// One of the TAGS, e.g. `PGOV`, `KZ`, `OVIP (DOE, JOHN)`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[cfg_attr(
    feature = "python",
    pyo3::pyclass(module = "cable", get_all, frozen, eq)
)]
#[non_exhaustive]
pub struct Tag {
    /// The tag as written (spaces collapsed), e.g. `pgov`, `OVIP (DOE, JOHN)`.
    pub text: String,
    /// The tag in its canonical form: upper case, spaces collapsed, e.g. `PGOV`.
    pub code: String,
    /// What the tag names; see [`TagKind`] for the rules.
    pub kind: TagKind,
    /// For a person tag, the person, e.g. `DOE, JOHN`.
    pub person: Option<String>,
    /// The tag.
    pub span: Span,
}

named_enum! {
    /// What a tag names. Decided from the code's shape, and short lists where the shape is
    /// ambiguous:
    ///
    /// - `person`: a name in parentheses, e.g. `OVIP (DOE, JOHN)`;
    /// - `program`: `K` and three letters, e.g. `KDEM`, `KJUS`, `KPAO`;
    /// - `organisation`: a list of international bodies (`NATO`, `EUN`, `EU`, `UN`, `UNSC`,
    ///   `IAEA`, `OAS`, `OSCE`, `OPEC`, `ASEAN`, `ICTY`, ...);
    /// - `country`: any other two letters, e.g. `KZ`, `RS`, `XF` (the FIPS codes of the TAGS
    ///   system; `AU`, the African Union's tag, is in the list of organisations, though a few
    ///   cables use it for Austria);
    /// - `subject`: any other four letters, e.g. `PGOV`, `ECON`, `MARR`, `OVIP`, `WTRO`;
    /// - `other`: anything else (`TIP`, `HUMAN RIGHTS`, a run-together `EINDETRD`).
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
    #[cfg_attr(
        feature = "python",
        pyo3::pyclass(module = "cable", eq, eq_int, frozen, hash)
    )]
    #[non_exhaustive]
    pub enum TagKind as "tag kind" {
        /// A subject code, e.g. `PGOV`.
        Subject = "subject",
        /// A country or area, e.g. `KZ`.
        Country = "country",
        /// An international organisation, e.g. `NATO`.
        Organisation = "organisation",
        /// A program, e.g. `KDEM`.
        Program = "program",
        /// A person, e.g. `OVIP (DOE, JOHN)`.
        Person = "person",
        /// Anything else.
        Other = "other",
    }
}

named_enum! {
    /// The precedence of a message.
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
    #[cfg_attr(
        feature = "python",
        pyo3::pyclass(module = "cable", eq, eq_int, frozen, hash)
    )]
    #[non_exhaustive]
    pub enum Precedence as "precedence" {
        /// `FLASH`.
        Flash = "flash",
        /// `NIACT IMMEDIATE`: night action, immediate.
        NiactImmediate = "niact_immediate",
        /// `IMMEDIATE`.
        Immediate = "immediate",
        /// `PRIORITY`.
        Priority = "priority",
        /// `ROUTINE`.
        Routine = "routine",
    }
}

/// The SUBJECT line(s), e.g. `SUBJECT: (C) KAZAKHSTAN: RBK CUSTOMS UNION, WTO, AND THE WAY`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[cfg_attr(
    feature = "python",
    pyo3::pyclass(module = "cable", get_all, frozen, eq)
)]
#[non_exhaustive]
pub struct Subject {
    /// The full subject: continuation lines joined (and a parenthesised line after a blank
    /// one, such as a translation), whitespace runs collapsed, without its marking.
    pub text: String,
    /// The subject's own classification marking without parentheses, e.g. `C`, `S/NF`, `U`.
    pub marking: Option<String>,
    /// The subject block, from `SUBJECT` to the end of its last line.
    pub span: Span,
}

/// The signature that ends a cable, e.g. `HOAGLAND`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[cfg_attr(
    feature = "python",
    pyo3::pyclass(module = "cable", get_all, frozen, eq)
)]
#[non_exhaustive]
pub struct Signature {
    /// The signer as written, without trailing punctuation, e.g. `VAN VOORST`.
    pub name: String,
    /// The name (on its own line, or run on at the end of the last line of text).
    pub span: Span,
}

/// A line that ends a cable's text: `NNNN`, `End Cable Text`, a classification footer.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[cfg_attr(
    feature = "python",
    pyo3::pyclass(module = "cable", get_all, frozen, eq)
)]
#[non_exhaustive]
pub struct Trailer {
    /// The line, trimmed.
    pub text: String,
    /// The line.
    pub span: Span,
}

/// One document cited in the REF list. An item that names several cables (`A. STATE 1234;
/// STATE 5678`, `HANOI 41, 57`) gives one reference per cable, each with its own span.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[cfg_attr(
    feature = "python",
    pyo3::pyclass(module = "cable", get_all, frozen, eq)
)]
#[non_exhaustive]
pub struct Reference {
    /// The letter of the item, e.g. `A`; `null` for an unlettered item.
    pub label: Option<String>,
    /// The text of this reference, whitespace collapsed, e.g. `ASTANA 1018 (NOTAL)`.
    pub text: String,
    /// What the document is: a cable, an e-mail, a telcon, ...
    pub kind: ReferenceKind,
    /// The item says `NOTAL` (not sent to all addressees of the cited cable).
    pub notal: bool,
    /// The cited cable's year (four digits): as written, else the citing cable's.
    pub year: Option<u16>,
    /// The cited cable's station as the release spells it, e.g. `SAOPAULO`, `STATE`.
    pub station: Option<String>,
    /// The cited cable's serial, e.g. `1018` (leading zeros dropped).
    pub serial: Option<u32>,
    /// The cited cable's reference id, e.g. `09ASTANA1018`: a cable with a known station
    /// and a year only; never invented for other documents. The citing cable is the one
    /// whose body holds the reference (its `Cable.id`).
    pub cited_id: Option<String>,
    /// Whether the cited cable is one of the Cablegate release (`null` without a cable id).
    pub in_release: Option<bool>,
    /// The reference, from its label (for the first of an item) to its last word.
    pub span: Span,
}

named_enum! {
    /// What a cited document is.
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
    #[cfg_attr(
        feature = "python",
        pyo3::pyclass(module = "cable", eq, eq_int, frozen, hash)
    )]
    #[non_exhaustive]
    pub enum ReferenceKind as "reference kind" {
        /// A cable: station and serial, e.g. `ASTANA 1018`.
        Cable = "cable",
        /// An e-mail.
        Email = "email",
        /// A telephone call (`TELCON`).
        Telcon = "telcon",
        /// A memorandum of conversation (`MEMCON`).
        Memcon = "memcon",
        /// A letter, diplomatic note, fax or memo.
        Letter = "letter",
        /// A meeting or conversation.
        Meeting = "meeting",
        /// A report (`IIR`, `INCSR 2008`, a daily report).
        Report = "report",
        /// Anything else.
        Other = "other",
    }
}

/// The `Classified By:` line.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[cfg_attr(
    feature = "python",
    pyo3::pyclass(module = "cable", get_all, frozen, eq)
)]
#[non_exhaustive]
pub struct ClassifiedBy {
    /// Who classified the cable, with their title, as written, e.g. `Ambassador Richard
    /// E. Hoagland`, `Margaret Scobey, Ambassador`.
    pub by: String,
    /// The person's name, e.g. `Richard E. Hoagland`; `null` when only an office is given.
    pub name: Option<String>,
    /// The title or office, e.g. `Ambassador`, `DCM`, `Political Counselor`.
    pub title: Option<String>,
    /// The reasons, normalised to sections of the order and their letters, e.g. `1.4(b)`,
    /// `1.4(d)`, `1.5(d)`.
    pub reasons: Vec<String>,
    /// The line(s) as written, whitespace collapsed.
    pub raw: String,
    /// The line(s).
    pub span: Span,
}

/// A paragraph of the body.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[cfg_attr(
    feature = "python",
    pyo3::pyclass(module = "cable", get_all, frozen, eq)
)]
#[non_exhaustive]
pub struct Paragraph {
    /// The paragraph number; `null` for text before the first numbered paragraph.
    pub number: Option<u32>,
    /// The classification marking without parentheses, e.g. `U`, `SBU`, `S/NF`.
    pub marking: Option<String>,
    /// The heading lines that stood right before the paragraph, if any.
    pub heading: Option<String>,
    /// The text: number and marking removed, page breaks left out, line breaks kept.
    pub text: String,
    /// The paragraph, from its number (or heading) to its last line.
    pub span: Span,
}

/// A block of text found inside the paragraphs: a summary or a comment.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[cfg_attr(
    feature = "python",
    pyo3::pyclass(module = "cable", get_all, frozen, eq)
)]
#[non_exhaustive]
pub struct Block {
    /// The text, whitespace runs collapsed, without the opening and closing words.
    pub text: String,
    /// The block.
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
