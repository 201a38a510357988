//! The nodes of the body: banner, handling lines, E.O. line, TAGS, subject, REF list,
//! Classified By, paragraphs, blocks and the closing lines. They are what `crate::body`
//! builds from the text below the header, each held by [`Body`].

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::{PageBreak, Span};
use crate::names::named_enum;

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
