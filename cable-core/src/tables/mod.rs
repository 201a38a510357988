//! Cables as three Arrow tables (feature `arrow`): `cables` (one row per cable),
//! `paragraphs` (one row per paragraph) and `references` (one row per cited document:
//! the citation graph as an edge list).
//!
//! The `cables` table begins with the columns of [`crate::flat::COLUMNS`], in the same
//! order and with the same values (dates as timestamps, lists as lists), then adds the
//! values a flat CSV row leaves out.
//!
//! Ids go by one name each: a cable's own is `id` (`cables.id`, `Cable.id`); a row that
//! belongs to a cable names it `cable_id` (`paragraphs.cable_id`, and
//! `references.cable_id`, the citing cable); the cable a reference cites is `cited_id`
//! (`references.cited_id`, `Reference.cited_id`).
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

mod builders;
mod columns;

use arrow_array::RecordBatch;
use arrow_schema::{DataType, SchemaRef, TimeUnit};

use crate::ast::Cable;
use crate::flat::FlatRow;
use builders::{schema_of, Builders, Column, Spec};
use columns::{
    cable_columns, flat_cell, flat_columns, paragraph_columns, reference_columns, ParagraphRow,
    ReferenceRow,
};

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
        schema_of(&self.specs())
    }

    /// The columns: name, Arrow type, whether it can be null, and what it holds.
    ///
    /// ```
    /// let columns = cable_core::tables::Table::Cables.columns();
    /// assert_eq!(columns[0].name, "id");
    /// ```
    pub fn columns(self) -> Vec<ColumnInfo> {
        let info = |c: Spec| ColumnInfo {
            name: c.name,
            data_type: c.kind.data_type(),
            nullable: c.nullable,
            doc: c.doc,
        };
        self.specs().into_iter().map(info).collect()
    }

    /// What the schema and the builders need of each column.
    fn specs(self) -> Vec<Spec> {
        match self {
            Table::Cables => flat_columns()
                .chain(cable_columns().iter().map(|c| c.spec()))
                .collect(),
            Table::Paragraphs => paragraph_columns().iter().map(|c| c.spec()).collect(),
            Table::References => reference_columns().iter().map(|c| c.spec()).collect(),
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
/// assert!(md.contains("| `id` | string |"));
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

/// Appends one row per item of a body's list (its paragraphs, its references), made by
/// `row` from the item and its position; the columns are only made when there is a row.
fn append_rows<'c, T, R>(
    builders: &mut Builders,
    columns: fn() -> Vec<Column<R>>,
    items: &'c [T],
    row: impl Fn(usize, &'c T) -> R,
) {
    if items.is_empty() {
        return;
    }
    let columns = columns();
    for (position, item) in items.iter().enumerate() {
        let row = row(position, item);
        builders.append(columns.iter().map(|c| c.get.cell(&row)));
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
            cables: Builders::new(&Table::Cables.specs()),
            paragraphs: Builders::new(&Table::Paragraphs.specs()),
            references: Builders::new(&Table::References.specs()),
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
        let flat = FlatRow::new(cable);
        let extra = cable_columns();
        let cells = flat.values().into_iter().map(flat_cell);
        self.cables
            .append(cells.chain(extra.iter().map(|c| c.get.cell(cable))));
        let Some(body) = cable.body.as_ref() else {
            return;
        };
        let cable_id = cable.id.as_deref();
        append_rows(
            &mut self.paragraphs,
            paragraph_columns,
            &body.paragraphs,
            |position, paragraph| ParagraphRow {
                cable_id,
                position,
                paragraph,
            },
        );
        append_rows(
            &mut self.references,
            reference_columns,
            &body.references,
            |position, reference| ReferenceRow {
                cable_id,
                position,
                reference,
            },
        );
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

#[cfg(test)]
mod tests {
    use super::*;
    use arrow_array::cast::AsArray;
    use arrow_array::types::{Date32Type, Int32Type, TimestampMicrosecondType};
    use arrow_array::Array;
    use builders::{days, micros};

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
    fn columns_of_names_list_every_name() {
        use crate::ast::{Classification, Container, DeclassifyKind, ReferenceKind, TagKind};
        let cases: [(Table, &str, &[&str]); 5] = [
            (
                Table::Cables,
                "classification_level",
                &Classification::ALL.map(Classification::name),
            ),
            (
                Table::Cables,
                "container",
                &Container::ALL.map(Container::name),
            ),
            (Table::Cables, "tag_kinds", &TagKind::ALL.map(TagKind::name)),
            (
                Table::Cables,
                "declassify_kind",
                &DeclassifyKind::ALL.map(DeclassifyKind::name),
            ),
            (
                Table::References,
                "kind",
                &ReferenceKind::ALL.map(ReferenceKind::name),
            ),
        ];
        for (table, column, names) in cases {
            let columns = table.columns();
            let doc = columns.iter().find(|c| c.name == column).expect(column).doc;
            for name in names {
                assert!(
                    doc.contains(&format!("`{name}`")),
                    "{column}: {name} missing from {doc:?}"
                );
            }
        }
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
        let date = batches.cables.column_by_name("metadata_date").unwrap();
        assert_eq!(
            date.data_type(),
            &DataType::Timestamp(TimeUnit::Microsecond, Some("UTC".into()))
        );
        let flat = FlatRow::new(&cable);
        let expected = flat.metadata_date.as_deref().and_then(micros);
        assert_eq!(
            expected,
            Some(1_247_090_400_000_000),
            "{:?}",
            flat.metadata_date
        );
        let got = date.as_primitive::<TimestampMicrosecondType>();
        assert_eq!(got.is_valid(0).then(|| got.value(0)), expected);
    }
}
