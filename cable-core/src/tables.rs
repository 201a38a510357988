//! Cables as three Arrow tables (feature `arrow`): `cables` (one row per cable),
//! `paragraphs` (one row per paragraph) and `references` (one row per cited document:
//! the citation graph as an edge list).
//!
//! The `cables` table begins with the columns of [`crate::flat::COLUMNS`], in the same
//! order and with the same values (dates as timestamps, lists as lists), then adds the
//! values a flat CSV row leaves out.
//!
//! Each table's columns are listed once, in [`Table::columns`]'s source below: a name,
//! a sentence of documentation and a getter whose kind gives the Arrow type. The
//! schema, the builders, the command's Parquet and Arrow files, the Python binding's
//! record batches and the README's schema section all come from those lists, so a new
//! column is one line in one of them.
//!
//! ```
//! use cable_core::tables::{Table, Tables};
//!
//! let cable = cable_core::parse("UNCLAS STATE 000001\nTAGS: PREL, PGOV\nSUBJECT: A TEST\nREF: A. STATE 1234\n\n1. (U) HELLO.\n\n2. (SBU) WORLD.\n");
//! let mut tables = Tables::new();
//! tables.push(&cable);
//! let batches = tables.finish();
//! assert_eq!(batches.cables.num_rows(), 1);
//! assert_eq!(batches.paragraphs.num_rows(), 2);
//! assert_eq!(batches.references.num_rows(), 1);
//! assert_eq!(batches.cables.schema(), Table::Cables.schema());
//! let tags = batches.cables.column_by_name("tags").unwrap();
//! assert_eq!(tags.data_type().to_string(), "List(non-null Utf8)");
//! ```

use std::collections::HashMap;
use std::sync::Arc;

use arrow_array::builder::{
    ArrayBuilder, BooleanBuilder, Date32Builder, Int32Builder, Int64Builder, ListBuilder,
    StringBuilder, TimestampMicrosecondBuilder,
};
use arrow_array::{ArrayRef, RecordBatch};
use arrow_schema::{DataType, Field, Schema, SchemaRef, TimeUnit};

use crate::ast::{
    Body, Cable, ClassifiedBy, Declassify, DeclassifyKind, Paragraph, Reference, ReferenceKind,
    TagKind,
};
use crate::flat::FlatRow;

/// The time zone of every timestamp column.
pub const TIME_ZONE: &str = "UTC";

/// Field metadata key under which each column's documentation travels in the schema
/// (and so in the Parquet and Arrow files).
pub const DOC_KEY: &str = "description";

/// One of the three tables.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Table {
    /// One row per cable.
    Cables,
    /// One row per paragraph of a body.
    Paragraphs,
    /// One row per document cited in a REF list: who cites what.
    References,
}

impl Table {
    /// The three tables, in the order of [`Batches`].
    ///
    /// ```
    /// use cable_core::tables::Table;
    /// let names: Vec<_> = Table::ALL.iter().map(|t| t.name()).collect();
    /// assert_eq!(names, ["cables", "paragraphs", "references"]);
    /// ```
    pub const ALL: [Table; 3] = [Table::Cables, Table::Paragraphs, Table::References];

    /// `cables`, `paragraphs` or `references`: the table's name, and its file name
    /// without extension in the command's exports.
    ///
    /// ```
    /// assert_eq!(cable_core::tables::Table::References.name(), "references");
    /// ```
    pub fn name(self) -> &'static str {
        match self {
            Table::Cables => "cables",
            Table::Paragraphs => "paragraphs",
            Table::References => "references",
        }
    }

    /// The Arrow schema of the table (each field's documentation in its metadata under
    /// [`DOC_KEY`]).
    ///
    /// ```
    /// let schema = cable_core::tables::Table::Paragraphs.schema();
    /// assert_eq!(schema.field(0).name(), "cable_id");
    /// ```
    pub fn schema(self) -> SchemaRef {
        match self {
            Table::Cables => schema_of(&cable_columns()),
            Table::Paragraphs => schema_of(&paragraph_columns()),
            Table::References => schema_of(&reference_columns()),
        }
    }

    /// The columns: name, Arrow type, whether it can be null, and what it holds.
    ///
    /// ```
    /// let columns = cable_core::tables::Table::Cables.columns();
    /// assert_eq!(columns[0].name, "reference_id");
    /// ```
    pub fn columns(self) -> Vec<ColumnInfo> {
        fn info<R>(columns: Vec<Column<R>>) -> Vec<ColumnInfo> {
            columns
                .iter()
                .map(|c| ColumnInfo {
                    name: c.name,
                    data_type: c.get.data_type(),
                    nullable: c.nullable,
                    doc: c.doc,
                })
                .collect()
        }
        match self {
            Table::Cables => info(cable_columns()),
            Table::Paragraphs => info(paragraph_columns()),
            Table::References => info(reference_columns()),
        }
    }
}

/// What a column is, for documentation and for other languages.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ColumnInfo {
    /// The column name.
    pub name: &'static str,
    /// Its Arrow type.
    pub data_type: DataType,
    /// Whether it can be null.
    pub nullable: bool,
    /// What it holds, in one sentence.
    pub doc: &'static str,
}

/// The columns of the three tables as Markdown tables (the README's schema section).
///
/// ```
/// let md = cable_core::tables::markdown();
/// assert!(md.contains("| `reference_id` | string |"));
/// ```
pub fn markdown() -> String {
    let mut out = String::new();
    for table in Table::ALL {
        out.push_str(&format!(
            "`{}`:\n\n| column | type | null | what |\n| --- | --- | --- | --- |\n",
            table.name()
        ));
        for c in table.columns() {
            out.push_str(&format!(
                "| `{}` | {} | {} | {} |\n",
                c.name,
                type_name(&c.data_type),
                if c.nullable { "yes" } else { "no" },
                c.doc
            ));
        }
        out.push('\n');
    }
    out
}

/// A short, SQL-like name of an Arrow type.
fn type_name(t: &DataType) -> String {
    match t {
        DataType::Utf8 => "string".into(),
        DataType::Int32 => "int32".into(),
        DataType::Int64 => "int64".into(),
        DataType::Boolean => "bool".into(),
        DataType::Date32 => "date".into(),
        DataType::Timestamp(unit, tz) => {
            let unit = match unit {
                TimeUnit::Second => "s",
                TimeUnit::Millisecond => "ms",
                TimeUnit::Microsecond => "µs",
                TimeUnit::Nanosecond => "ns",
            };
            format!("timestamp[{unit}, {}]", tz.as_deref().unwrap_or("naive"))
        }
        DataType::List(item) => format!("list<{}>", type_name(item.data_type())),
        other => other.to_string(),
    }
}

/// One batch of each table, from the same cables.
#[derive(Debug, Clone, PartialEq)]
pub struct Batches {
    /// The `cables` rows.
    pub cables: RecordBatch,
    /// The `paragraphs` rows.
    pub paragraphs: RecordBatch,
    /// The `references` rows.
    pub references: RecordBatch,
}

impl Batches {
    /// The batch of `table`.
    ///
    /// ```
    /// use cable_core::tables::{Batches, Table};
    /// let batches = Batches::of([&cable_core::parse("UNCLAS STATE 000001\n\n1. (U) HI.\n")]);
    /// assert_eq!(batches.get(Table::Paragraphs).num_rows(), 1);
    /// ```
    pub fn get(&self, table: Table) -> &RecordBatch {
        match table {
            Table::Cables => &self.cables,
            Table::Paragraphs => &self.paragraphs,
            Table::References => &self.references,
        }
    }

    /// The three tables of some cables, in one go.
    ///
    /// ```
    /// let cables = [cable_core::parse("UNCLAS STATE 000001\n\n1. (U) HELLO.\n")];
    /// let batches = cable_core::tables::Batches::of(&cables);
    /// assert_eq!(batches.paragraphs.num_rows(), 1);
    /// ```
    pub fn of<'a>(cables: impl IntoIterator<Item = &'a Cable>) -> Batches {
        let mut tables = Tables::new();
        for cable in cables {
            tables.push(cable);
        }
        tables.finish()
    }
}

/// The rows of the three tables, accumulated cable by cable in Arrow builders, then
/// taken out as [`Batches`] (and the builders start again, empty).
pub struct Tables {
    cables: Builders,
    paragraphs: Builders,
    references: Builders,
    schemas: [SchemaRef; 3],
}

impl Default for Tables {
    fn default() -> Self {
        Self::new()
    }
}

impl Tables {
    /// Empty tables.
    ///
    /// ```
    /// let tables = cable_core::tables::Tables::new();
    /// assert!(tables.is_empty());
    /// ```
    pub fn new() -> Self {
        Tables {
            cables: Builders::new(&cable_columns()),
            paragraphs: Builders::new(&paragraph_columns()),
            references: Builders::new(&reference_columns()),
            schemas: Table::ALL.map(Table::schema),
        }
    }

    /// Adds a cable: one `cables` row, one `paragraphs` row per paragraph and one
    /// `references` row per reference.
    ///
    /// ```
    /// let mut tables = cable_core::tables::Tables::new();
    /// tables.push(&cable_core::parse("UNCLAS STATE 000001\nREF: STATE 12\n\n1. (U) HI.\n"));
    /// assert_eq!(tables.len(), 1);
    /// let batches = tables.finish();
    /// assert_eq!((batches.paragraphs.num_rows(), batches.references.num_rows()), (1, 1));
    /// ```
    pub fn push(&mut self, cable: &Cable) {
        let row = CableRow {
            cable,
            flat: FlatRow::new(cable),
        };
        self.cables.append(&cable_columns(), &row);
        let Some(body) = cable.body.as_ref() else {
            return;
        };
        let cable_id = cable.reference_id();
        if !body.paragraphs.is_empty() {
            let columns = paragraph_columns();
            for (position, paragraph) in body.paragraphs.iter().enumerate() {
                let row = ParagraphRow {
                    cable_id,
                    position,
                    paragraph,
                };
                self.paragraphs.append(&columns, &row);
            }
        }
        if !body.references.is_empty() {
            let columns = reference_columns();
            for (position, reference) in body.references.iter().enumerate() {
                let row = ReferenceRow {
                    citing_id: cable_id,
                    position,
                    reference,
                };
                self.references.append(&columns, &row);
            }
        }
    }

    /// Rows of the `cables` table not taken out yet.
    ///
    /// ```
    /// let mut tables = cable_core::tables::Tables::new();
    /// tables.push(&cable_core::parse("UNCLAS STATE 000001\n"));
    /// tables.push(&cable_core::parse("UNCLAS STATE 000002\n"));
    /// assert_eq!(tables.len(), 2);
    /// ```
    pub fn len(&self) -> usize {
        self.cables.rows
    }

    /// True when no cable was pushed since the last [`Tables::finish`].
    ///
    /// ```
    /// let mut tables = cable_core::tables::Tables::new();
    /// tables.push(&cable_core::parse("UNCLAS STATE 000001\n"));
    /// tables.finish();
    /// assert!(tables.is_empty());
    /// ```
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Bytes held by the builders, roughly: for cutting batches by size.
    ///
    /// ```
    /// let mut tables = cable_core::tables::Tables::new();
    /// tables.push(&cable_core::parse(&format!("UNCLAS STATE 000001\n\n1. (U) {}.\n", "X".repeat(10_000))));
    /// assert!(tables.buffered_bytes() > 10_000);
    /// ```
    pub fn buffered_bytes(&self) -> usize {
        self.cables.bytes() + self.paragraphs.bytes() + self.references.bytes()
    }

    /// Takes the rows pushed so far out as record batches; the tables are then empty.
    ///
    /// ```
    /// let mut tables = cable_core::tables::Tables::new();
    /// tables.push(&cable_core::parse("UNCLAS STATE 000001\n"));
    /// assert_eq!(tables.finish().cables.num_rows(), 1);
    /// assert_eq!(tables.finish().cables.num_rows(), 0);
    /// ```
    pub fn finish(&mut self) -> Batches {
        let [cables, paragraphs, references] = self.schemas.clone();
        Batches {
            cables: self.cables.finish(cables),
            paragraphs: self.paragraphs.finish(paragraphs),
            references: self.references.finish(references),
        }
    }
}

// ---------------------------------------------------------------------------------
// The columns. Each getter reads a row context; its variant gives the Arrow type.
// ---------------------------------------------------------------------------------

/// What the `cables` getters read: the tree and its flat row (computed once).
struct CableRow<'c> {
    cable: &'c Cable,
    flat: FlatRow,
}

/// What the `paragraphs` getters read.
struct ParagraphRow<'c> {
    cable_id: Option<&'c str>,
    position: usize,
    paragraph: &'c Paragraph,
}

/// What the `references` getters read.
struct ReferenceRow<'c> {
    citing_id: Option<&'c str>,
    position: usize,
    reference: &'c Reference,
}

/// The body of the cable of a row.
fn body<'c>(r: &CableRow<'c>) -> Option<&'c Body> {
    r.cable.body.as_ref()
}

/// The `Classified By:` line of the cable of a row.
fn classified_by<'c>(r: &CableRow<'c>) -> Option<&'c ClassifiedBy> {
    body(r)?.classified_by.as_ref()
}

/// The declassification instruction of the E.O. line of the cable of a row.
fn declassify<'c>(r: &CableRow<'c>) -> Option<&'c Declassify> {
    body(r)?.executive_order.as_ref()?.declassify.as_ref()
}

fn cable_columns<'c>() -> Vec<Column<CableRow<'c>>> {
    use Get::*;
    vec![
        col("reference_id", "The cable's id (`Cable.id`), e.g. `09ASTANA1145`: the metadata's, else made from the banner's station and serial and the year, else the file name when it is an id.",
            Str(|r| r.flat.reference_id.as_deref())),
        col("date", "When the cable was sent: the metadata date, else the date-time group.",
            Timestamp(|r| r.flat.date.as_deref().and_then(micros))),
        col("classification", "The classification as written in the metadata, else the banner marking.",
            Str(|r| r.flat.classification.as_deref())),
        col("classification_level", "`unclassified`, `confidential`, `secret` or `top_secret`: the banner's, else read from the metadata.",
            Str(|r| r.flat.classification_level.as_deref())),
        col("origin", "The originating post (metadata), else the `FM` line.",
            Str(|r| r.flat.origin.as_deref())),
        col("subject", "The body's full subject (`Subject.text`, without its marking), else the metadata's short one.",
            Str(|r| r.flat.subject.as_deref())),
        req("tags", "The codes of the TAGS (`Tag.code`: upper case, spaces collapsed), in order.", Strs(|r| strs(&r.flat.tags))),
        req("references", "The REF list: each item's cable id when known, else its text.",
            Strs(|r| strs(&r.flat.references))),
        req("recipients", "Names of the `TO` recipients.", Strs(|r| strs(&r.flat.recipients))),
        req("info_recipients", "Names of the `INFO` recipients.",
            Strs(|r| strs(&r.flat.info_recipients))),
        col("signature", "The signer's name (`Signature.name`), e.g. `HOAGLAND`.", Str(|r| r.flat.signature.as_deref())),
        req("partial", "The record says it is a partial extract of the cable.",
            Bool(|r| Some(r.flat.partial))),
        req("n_paragraphs", "Number of paragraphs.", Int32(|r| Some(count(r.flat.n_paragraphs)))),
        req("n_diagnostics", "Number of diagnostics.", Int32(|r| Some(count(r.flat.n_diagnostics)))),
        req("container", "`text_export`, `html_page`, `html_pre`, `csv_row` or `bare_text`.",
            Str(|r| Some(r.flat.container))),
        col("transmission_id", "`VZCZC` + station + serial, e.g. `VZCZCXRO8970`.",
            Str(|r| r.flat.transmission_id.as_deref())),
        col("dtg", "The date-time group of the header.",
            Timestamp(|r| r.flat.dtg.as_deref().and_then(micros))),
        req("caveats", "Handling caveats: `SENSITIVE`, `SIPDIS`, `NOFORN`, ...",
            Strs(|r| strs(&r.flat.caveats))),
        col("sent", "When the cable was sent (`Cable.sent`): the date-time group, else the metadata date.",
            Timestamp(|r| r.flat.sent.as_deref().and_then(micros))),
        col("classifier", "The classifier's name (`ClassifiedBy.name`), e.g. `Richard E. Hoagland`; null when only an office is given.",
            Str(|r| r.flat.classifier.as_deref())),
        col("declassify", "The declassification instruction: an ISO date when it is one (`2019-07-09`), else as written (`1.6X1`, `N/A`, an event).",
            Str(|r| r.flat.declassify.as_deref())),
        req("countries", "The TAGS that name countries (`TagKind.Country`), e.g. `KZ`.",
            Strs(|r| strs(&r.flat.countries))),
        req("tag_kinds", "What each tag of `tags` names, in the same order: `subject`, `country`, `organisation`, `program`, `person` or `other`.",
            Strs(|r| body(r).map_or_else(Vec::new, |b| b.tags.iter().map(|t| tag_kind_name(t.kind)).collect()))),
        col("classified_by", "Who classified the cable, as written on the `Classified By:` line, e.g. `Ambassador Richard E. Hoagland`.",
            Str(|r| Some(classified_by(r)?.by.as_str()))),
        col("classified_by_title", "The classifier's title or office, e.g. `Ambassador`, `DCM`.",
            Str(|r| classified_by(r)?.title.as_deref())),
        req("classification_reasons", "The reasons of the `Classified By:` line, e.g. `1.4(b)`.",
            Strs(|r| classified_by(r).map_or_else(Vec::new, |c| strs(&c.reasons)))),
        col("executive_order", "The executive order of the E.O. line, e.g. `12958`.",
            Str(|r| body(r)?.executive_order.as_ref()?.order.as_deref())),
        col("declassify_kind", "What the instruction is: `date`, `not_applicable`, `code` or `event`.",
            Str(|r| Some(declassify_kind_name(declassify(r)?.kind)))),
        col("declassification_date", "The day the instruction names, when it is a date (`declassify_kind` = `date`).",
            Date(|r| {
                let d = declassify(r).filter(|d| d.kind == DeclassifyKind::Date)?;
                days(d.date.as_deref()?)
            })),
        col("summary", "The summary (`SUMMARY:` ... `END SUMMARY`), whitespace collapsed.",
            Str(|r| Some(body(r)?.summary.as_ref()?.text.as_str()))),
        req("n_references", "Number of references: the cable's rows in `references`.",
            Int32(|r| Some(count(body(r).map_or(0, |b| b.references.len()))))),
        req("diagnostics", "The code of each diagnostic, e.g. `unparsed-header-line`.",
            Strs(|r| r.cable.diagnostics.iter().map(|d| d.code.as_str()).collect())),
    ]
}

fn paragraph_columns<'c>() -> Vec<Column<ParagraphRow<'c>>> {
    use Get::*;
    vec![
        col(
            "cable_id",
            "The `reference_id` of the cable.",
            Str(|r| r.cable_id),
        ),
        req(
            "position",
            "0-based position of the paragraph in the body.",
            Int32(|r| Some(count(r.position))),
        ),
        col(
            "number",
            "The paragraph number; null for text before the first numbered paragraph.",
            Int32(|r| {
                r.paragraph
                    .number
                    .map(|n| i32::try_from(n).unwrap_or(i32::MAX))
            }),
        ),
        col(
            "marking",
            "The classification marking without parentheses, e.g. `U`, `SBU`, `S/NF`.",
            Str(|r| r.paragraph.marking.as_deref()),
        ),
        col(
            "heading",
            "The heading lines right before the paragraph.",
            Str(|r| r.paragraph.heading.as_deref()),
        ),
        req(
            "text",
            "The text: number and marking removed, page breaks left out, line breaks kept.",
            Str(|r| Some(r.paragraph.text.as_str())),
        ),
        req(
            "span_start",
            "Byte offset of the paragraph in the document text (see `decode`).",
            Int64(|r| Some(offset(r.paragraph.span.start))),
        ),
        req(
            "span_end",
            "Byte offset one past the paragraph's end.",
            Int64(|r| Some(offset(r.paragraph.span.end))),
        ),
    ]
}

fn reference_columns<'c>() -> Vec<Column<ReferenceRow<'c>>> {
    use Get::*;
    vec![
        col("citing_id", "The `reference_id` of the citing cable (`Cable.id`).", Str(|r| r.citing_id)),
        req("position", "0-based position of the reference in the REF list (an item that names several cables gives a row for each).",
            Int32(|r| Some(count(r.position)))),
        col("label", "The item's letter, e.g. `A`; null for an unlettered item.",
            Str(|r| r.reference.label.as_deref())),
        req("text", "The reference as written, whitespace collapsed, e.g. `ASTANA 1018 (NOTAL)`.",
            Str(|r| Some(r.reference.text.as_str()))),
        req("kind", "What the cited document is: `cable`, `email`, `telcon`, `memcon`, `letter`, `meeting`, `report` or `other`.",
            Str(|r| Some(reference_kind_name(r.reference.kind)))),
        req("notal", "The item says `NOTAL` (not sent to all addressees of the cited cable).",
            Bool(|r| Some(r.reference.notal))),
        col("year", "The cited cable's year: as written, else the citing cable's.",
            Int32(|r| r.reference.year.map(i32::from))),
        col("station", "The cited cable's station as the release spells it, e.g. `ASTANA`, `STATE`.",
            Str(|r| r.reference.station.as_deref())),
        col("serial", "The cited cable's serial, e.g. `1018`.",
            Int64(|r| r.reference.serial.map(i64::from))),
        col("cited_id", "The cited cable's id, e.g. `09ASTANA1018`: for a cable with a known station and year only.",
            Str(|r| r.reference.cable_id.as_deref())),
        col("in_release", "Whether the cited cable is one of the Cablegate release; null without `cited_id`.",
            Bool(|r| r.reference.in_release)),
    ]
}

// ---------------------------------------------------------------------------------
// The machinery: getters, columns and their builders.
// ---------------------------------------------------------------------------------

/// A getter; the variant says the Arrow type.
enum Get<R> {
    /// `Utf8`.
    Str(for<'a> fn(&'a R) -> Option<&'a str>),
    /// `List<Utf8>` (never null: an empty list).
    Strs(for<'a> fn(&'a R) -> Vec<&'a str>),
    /// `Int32`.
    Int32(fn(&R) -> Option<i32>),
    /// `Int64`.
    Int64(fn(&R) -> Option<i64>),
    /// `Boolean`.
    Bool(fn(&R) -> Option<bool>),
    /// `Timestamp(µs, UTC)`: microseconds since the epoch.
    Timestamp(fn(&R) -> Option<i64>),
    /// `Date32`: days since the epoch.
    Date(fn(&R) -> Option<i32>),
}

impl<R> Get<R> {
    fn data_type(&self) -> DataType {
        match self {
            Get::Str(_) => DataType::Utf8,
            Get::Strs(_) => DataType::List(Arc::new(list_item())),
            Get::Int32(_) => DataType::Int32,
            Get::Int64(_) => DataType::Int64,
            Get::Bool(_) => DataType::Boolean,
            Get::Timestamp(_) => DataType::Timestamp(TimeUnit::Microsecond, Some(TIME_ZONE.into())),
            Get::Date(_) => DataType::Date32,
        }
    }
}

/// The item field of list columns: strings, never null.
fn list_item() -> Field {
    Field::new("item", DataType::Utf8, false)
}

struct Column<R> {
    name: &'static str,
    doc: &'static str,
    nullable: bool,
    get: Get<R>,
}

/// A column that can be null.
fn col<R>(name: &'static str, doc: &'static str, get: Get<R>) -> Column<R> {
    Column {
        name,
        doc,
        nullable: true,
        get,
    }
}

/// A column that is never null (its getter always returns a value).
fn req<R>(name: &'static str, doc: &'static str, get: Get<R>) -> Column<R> {
    Column {
        name,
        doc,
        nullable: false,
        get,
    }
}

fn schema_of<R>(columns: &[Column<R>]) -> SchemaRef {
    let fields: Vec<Field> = columns
        .iter()
        .map(|c| {
            Field::new(c.name, c.get.data_type(), c.nullable)
                .with_metadata(HashMap::from([(DOC_KEY.to_string(), c.doc.to_string())]))
        })
        .collect();
    Arc::new(Schema::new(fields))
}

enum Builder {
    Str(StringBuilder),
    Strs(ListBuilder<StringBuilder>),
    Int32(Int32Builder),
    Int64(Int64Builder),
    Bool(BooleanBuilder),
    Timestamp(TimestampMicrosecondBuilder),
    Date(Date32Builder),
}

/// The builders of one table, one per column, in column order.
struct Builders {
    columns: Vec<Builder>,
    rows: usize,
    /// Bytes of string data appended since the last finish.
    text_bytes: usize,
}

impl Builders {
    fn new<R>(columns: &[Column<R>]) -> Self {
        let columns = columns
            .iter()
            .map(|c| match c.get {
                Get::Str(_) => Builder::Str(StringBuilder::new()),
                Get::Strs(_) => {
                    Builder::Strs(ListBuilder::new(StringBuilder::new()).with_field(list_item()))
                }
                Get::Int32(_) => Builder::Int32(Int32Builder::new()),
                Get::Int64(_) => Builder::Int64(Int64Builder::new()),
                Get::Bool(_) => Builder::Bool(BooleanBuilder::new()),
                Get::Timestamp(_) => {
                    Builder::Timestamp(TimestampMicrosecondBuilder::new().with_timezone(TIME_ZONE))
                }
                Get::Date(_) => Builder::Date(Date32Builder::new()),
            })
            .collect();
        Builders {
            columns,
            rows: 0,
            text_bytes: 0,
        }
    }

    /// Appends one row; `columns` are the ones this was made from.
    fn append<R>(&mut self, columns: &[Column<R>], row: &R) {
        for (builder, column) in self.columns.iter_mut().zip(columns) {
            match (builder, &column.get) {
                (Builder::Str(b), Get::Str(get)) => {
                    let value = get(row);
                    self.text_bytes += value.map_or(0, str::len);
                    b.append_option(value);
                }
                (Builder::Strs(b), Get::Strs(get)) => {
                    for value in get(row) {
                        self.text_bytes += value.len();
                        b.values().append_value(value);
                    }
                    b.append(true);
                }
                (Builder::Int32(b), Get::Int32(get)) => b.append_option(get(row)),
                (Builder::Int64(b), Get::Int64(get)) => b.append_option(get(row)),
                (Builder::Bool(b), Get::Bool(get)) => b.append_option(get(row)),
                (Builder::Timestamp(b), Get::Timestamp(get)) => b.append_option(get(row)),
                (Builder::Date(b), Get::Date(get)) => b.append_option(get(row)),
                _ => unreachable!("builders are made from the same columns"),
            }
        }
        self.rows += 1;
    }

    fn bytes(&self) -> usize {
        // Strings dominate; fixed-width values and offsets are at most 8 bytes each.
        self.text_bytes + self.rows * self.columns.len() * 8
    }

    fn finish(&mut self, schema: SchemaRef) -> RecordBatch {
        let arrays: Vec<ArrayRef> = self
            .columns
            .iter_mut()
            .map(|b| match b {
                Builder::Str(b) => ArrayBuilder::finish(b),
                Builder::Strs(b) => ArrayBuilder::finish(b),
                Builder::Int32(b) => ArrayBuilder::finish(b),
                Builder::Int64(b) => ArrayBuilder::finish(b),
                Builder::Bool(b) => ArrayBuilder::finish(b),
                Builder::Timestamp(b) => ArrayBuilder::finish(b),
                Builder::Date(b) => ArrayBuilder::finish(b),
            })
            .collect();
        self.rows = 0;
        self.text_bytes = 0;
        // Every builder was made from the columns of this schema and got one value per
        // row, and a non-null column's getter always gives a value: the batch is valid.
        RecordBatch::try_new(schema, arrays).expect("the columns fit their schema")
    }
}

fn strs(values: &[String]) -> Vec<&str> {
    values.iter().map(String::as_str).collect()
}

/// A count as an `Int32` (Spark and Java have no unsigned integers).
fn count(n: usize) -> i32 {
    i32::try_from(n).unwrap_or(i32::MAX)
}

/// A byte offset as an `Int64`.
fn offset(n: usize) -> i64 {
    i64::try_from(n).unwrap_or(i64::MAX)
}

/// An RFC 3339 date of the tree (`2009-07-09T00:00:00+02:00`, `2009-07-09T10:56:00Z`)
/// as microseconds since the epoch, UTC.
fn micros(rfc3339: &str) -> Option<i64> {
    rfc3339
        .parse::<jiff::Timestamp>()
        .ok()
        .map(jiff::Timestamp::as_microsecond)
}

/// An ISO 8601 day of the tree (`2019-07-09`) as days since the epoch.
fn days(iso: &str) -> Option<i32> {
    let date = iso.parse::<jiff::civil::Date>().ok()?;
    let span = jiff::civil::date(1970, 1, 1).until(date).ok()?;
    Some(span.get_days())
}

/// The snake_case name of a tag kind, as in the JSON tree.
fn tag_kind_name(kind: TagKind) -> &'static str {
    match kind {
        TagKind::Subject => "subject",
        TagKind::Country => "country",
        TagKind::Organisation => "organisation",
        TagKind::Program => "program",
        TagKind::Person => "person",
        TagKind::Other => "other",
    }
}

/// The snake_case name of a reference kind, as in the JSON tree.
fn reference_kind_name(kind: ReferenceKind) -> &'static str {
    match kind {
        ReferenceKind::Cable => "cable",
        ReferenceKind::Email => "email",
        ReferenceKind::Telcon => "telcon",
        ReferenceKind::Memcon => "memcon",
        ReferenceKind::Letter => "letter",
        ReferenceKind::Meeting => "meeting",
        ReferenceKind::Report => "report",
        ReferenceKind::Other => "other",
    }
}

/// The snake_case name of a declassification kind, as in the JSON tree.
fn declassify_kind_name(kind: DeclassifyKind) -> &'static str {
    match kind {
        DeclassifyKind::Date => "date",
        DeclassifyKind::NotApplicable => "not_applicable",
        DeclassifyKind::Code => "code",
        DeclassifyKind::Event => "event",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use arrow_array::cast::AsArray;
    use arrow_array::types::{Date32Type, Int32Type, TimestampMicrosecondType};
    use arrow_array::Array;

    #[test]
    fn iso_days_since_the_epoch() {
        assert_eq!(days("1970-01-01"), Some(0));
        assert_eq!(days("1970-01-02"), Some(1));
        assert_eq!(days("1969-12-31"), Some(-1));
        assert_eq!(days("2019-07-09"), Some(18_086));
        assert_eq!(days("2020-02-29"), Some(18_321));
        for no in ["", "2019-02-30", "07/09/2019", "2019-07-09T00:00:00Z"] {
            assert_eq!(days(no), None, "{no}");
        }
    }

    #[test]
    fn kind_names_are_the_json_names() {
        fn json<T: serde::Serialize>(value: &T) -> String {
            serde_json::to_string(value).unwrap()
        }
        for kind in [
            TagKind::Subject,
            TagKind::Country,
            TagKind::Organisation,
            TagKind::Program,
            TagKind::Person,
            TagKind::Other,
        ] {
            assert_eq!(json(&kind), format!("\"{}\"", tag_kind_name(kind)));
        }
        for kind in [
            ReferenceKind::Cable,
            ReferenceKind::Email,
            ReferenceKind::Telcon,
            ReferenceKind::Memcon,
            ReferenceKind::Letter,
            ReferenceKind::Meeting,
            ReferenceKind::Report,
            ReferenceKind::Other,
        ] {
            assert_eq!(json(&kind), format!("\"{}\"", reference_kind_name(kind)));
        }
        for kind in [
            DeclassifyKind::Date,
            DeclassifyKind::NotApplicable,
            DeclassifyKind::Code,
            DeclassifyKind::Event,
        ] {
            assert_eq!(json(&kind), format!("\"{}\"", declassify_kind_name(kind)));
        }
    }

    #[test]
    fn timestamps_are_utc_instants() {
        assert_eq!(micros("1970-01-01T02:00:00+02:00"), Some(0));
        assert_eq!(micros("2009-07-09T10:56:00Z"), Some(1_247_136_960_000_000));
        assert_eq!(micros("not a date"), None);
    }

    #[test]
    fn schema_and_batches_agree_for_every_table() {
        let cable = crate::parse(
            "UNCLAS STATE 000001\nE.O. 12958: DECL: 07/09/2019\nTAGS: PREL\nSUBJECT: T\nREF: A. STATE 12 B. YOUR EMAIL\n\n1. (U) ONE.\n\n2. TWO.\n",
        );
        let batches = Batches::of([&cable, &crate::parse("")]);
        for table in Table::ALL {
            let batch = batches.get(table);
            assert_eq!(batch.schema(), table.schema(), "{}", table.name());
            let names: Vec<_> = table.columns().iter().map(|c| c.name).collect();
            let schema = batch.schema();
            let fields: Vec<_> = schema.fields().iter().map(|f| f.name().as_str()).collect();
            assert_eq!(names, fields);
            let mut unique = names.clone();
            unique.sort_unstable();
            unique.dedup();
            assert_eq!(
                unique.len(),
                names.len(),
                "{}: a column name twice",
                table.name()
            );
        }
        assert_eq!(batches.cables.num_rows(), 2);
        assert_eq!(batches.paragraphs.num_rows(), 2);
        assert_eq!(batches.references.num_rows(), 2);
        let numbers = batches
            .paragraphs
            .column_by_name("number")
            .unwrap()
            .as_primitive::<Int32Type>();
        assert_eq!((numbers.value(0), numbers.value(1)), (1, 2));
        let positions = batches
            .references
            .column_by_name("position")
            .unwrap()
            .as_primitive::<Int32Type>();
        assert_eq!((positions.value(0), positions.value(1)), (0, 1));
        let kind = batches.references.column_by_name("kind").unwrap();
        let kind = kind.as_string::<i32>();
        assert_eq!((kind.value(0), kind.value(1)), ("cable", "email"));
        let decl = batches
            .cables
            .column_by_name("declassification_date")
            .unwrap()
            .as_primitive::<Date32Type>();
        assert_eq!(Some(decl.value(0)), days("2019-07-09"));
        assert!(decl.is_null(1));
    }

    #[test]
    fn cables_table_begins_with_the_flat_row() {
        // One naming across the CSV, the DataFrame and the tables: a column of the flat
        // row keeps its name and place, and only its type is richer here.
        let names: Vec<_> = Table::Cables.columns().iter().map(|c| c.name).collect();
        assert_eq!(names[..crate::flat::COLUMNS.len()], crate::flat::COLUMNS);
    }

    #[test]
    fn finish_starts_afresh() {
        let mut tables = Tables::new();
        tables.push(&crate::parse("UNCLAS STATE 000001\n\n1. (U) ONE.\n"));
        assert!(tables.buffered_bytes() > 0);
        assert_eq!(tables.finish().paragraphs.num_rows(), 1);
        assert!(tables.is_empty());
        let again = tables.finish();
        assert_eq!(
            (again.cables.num_rows(), again.paragraphs.num_rows()),
            (0, 0)
        );
        assert_eq!(tables.buffered_bytes(), 0);
    }

    #[test]
    fn timestamp_columns_carry_the_time_zone() {
        let cable = crate::parse("09ASTANA1145\nSUBJ\nThu Jul 09 00:00:00 +0200 2009\nUNCLASSIFIED\nEmbassy Astana\nUNCLAS ASTANA 001145\n");
        let batches = Batches::of([&cable]);
        let date = batches.cables.column_by_name("date").unwrap();
        assert_eq!(
            date.data_type(),
            &DataType::Timestamp(TimeUnit::Microsecond, Some("UTC".into()))
        );
        let flat = FlatRow::new(&cable);
        let expected = flat.date.as_deref().and_then(micros);
        assert_eq!(expected, Some(1_247_090_400_000_000), "{:?}", flat.date);
        let got = date.as_primitive::<TimestampMicrosecondType>();
        assert_eq!(got.is_valid(0).then(|| got.value(0)), expected);
    }
}
