//! The machinery of the tables: getters, columns and their Arrow builders.

use std::collections::HashMap;
use std::sync::Arc;

use arrow_array::builder::{
    ArrayBuilder, BooleanBuilder, Date32Builder, Int32Builder, Int64Builder, ListBuilder,
    StringBuilder, TimestampMicrosecondBuilder,
};
use arrow_array::{ArrayRef, RecordBatch};
use arrow_schema::{DataType, Field, Schema, SchemaRef, TimeUnit};

use super::{DOC_KEY, TIME_ZONE};

/// What a column holds, in Arrow terms.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Kind {
    /// `Utf8`.
    Str,
    /// `List<Utf8>` (never null: an empty list).
    Strs,
    /// `Int32`.
    Int32,
    /// `Int64`.
    Int64,
    /// `Boolean`.
    Bool,
    /// `Timestamp(µs, UTC)`: microseconds since the epoch.
    Timestamp,
    /// `Date32`: days since the epoch.
    Date,
}

impl Kind {
    pub(super) fn data_type(self) -> DataType {
        match self {
            Kind::Str => DataType::Utf8,
            Kind::Strs => DataType::List(Arc::new(list_item())),
            Kind::Int32 => DataType::Int32,
            Kind::Int64 => DataType::Int64,
            Kind::Bool => DataType::Boolean,
            Kind::Timestamp => DataType::Timestamp(TimeUnit::Microsecond, Some(TIME_ZONE.into())),
            Kind::Date => DataType::Date32,
        }
    }

    fn builder(self) -> Builder {
        match self {
            Kind::Str => Builder::Str(StringBuilder::new()),
            Kind::Strs => {
                Builder::Strs(ListBuilder::new(StringBuilder::new()).with_field(list_item()))
            }
            Kind::Int32 => Builder::Int32(Int32Builder::new()),
            Kind::Int64 => Builder::Int64(Int64Builder::new()),
            Kind::Bool => Builder::Bool(BooleanBuilder::new()),
            Kind::Timestamp => {
                Builder::Timestamp(TimestampMicrosecondBuilder::new().with_timezone(TIME_ZONE))
            }
            Kind::Date => Builder::Date(Date32Builder::new()),
        }
    }
}

/// The item field of list columns: strings, never null.
fn list_item() -> Field {
    Field::new("item", DataType::Utf8, false)
}

/// One value of a row, of the kind of its column.
pub(super) enum Cell<'a> {
    Str(Option<&'a str>),
    Strs(Vec<&'a str>),
    Int32(Option<i32>),
    Int64(Option<i64>),
    Bool(Option<bool>),
    Timestamp(Option<i64>),
    Date(Option<i32>),
}

/// A getter; the variant says the Arrow type.
pub(super) enum Get<R> {
    Str(for<'a> fn(&'a R) -> Option<&'a str>),
    Strs(for<'a> fn(&'a R) -> Vec<&'a str>),
    Int32(fn(&R) -> Option<i32>),
    Int64(fn(&R) -> Option<i64>),
    Bool(fn(&R) -> Option<bool>),
    Date(fn(&R) -> Option<i32>),
}

impl<R> Get<R> {
    fn kind(&self) -> Kind {
        match self {
            Get::Str(_) => Kind::Str,
            Get::Strs(_) => Kind::Strs,
            Get::Int32(_) => Kind::Int32,
            Get::Int64(_) => Kind::Int64,
            Get::Bool(_) => Kind::Bool,
            Get::Date(_) => Kind::Date,
        }
    }

    /// The value of this column in `row`.
    pub(super) fn cell<'a>(&self, row: &'a R) -> Cell<'a> {
        match self {
            Get::Str(get) => Cell::Str(get(row)),
            Get::Strs(get) => Cell::Strs(get(row)),
            Get::Int32(get) => Cell::Int32(get(row)),
            Get::Int64(get) => Cell::Int64(get(row)),
            Get::Bool(get) => Cell::Bool(get(row)),
            Get::Date(get) => Cell::Date(get(row)),
        }
    }
}

/// What the schema and the builders need to know of a column.
#[derive(Debug, Clone, Copy)]
pub(super) struct Spec {
    pub(super) name: &'static str,
    pub(super) doc: &'static str,
    pub(super) nullable: bool,
    pub(super) kind: Kind,
}

/// A column read from a row context `R` by its getter.
pub(super) struct Column<R> {
    pub(super) name: &'static str,
    pub(super) doc: &'static str,
    pub(super) nullable: bool,
    pub(super) get: Get<R>,
}

impl<R> Column<R> {
    pub(super) fn spec(&self) -> Spec {
        Spec {
            name: self.name,
            doc: self.doc,
            nullable: self.nullable,
            kind: self.get.kind(),
        }
    }
}

/// A column that can be null.
pub(super) fn col<R>(name: &'static str, doc: &'static str, get: Get<R>) -> Column<R> {
    Column {
        name,
        doc,
        nullable: true,
        get,
    }
}

/// A column that is never null (its getter always returns a value).
pub(super) fn req<R>(name: &'static str, doc: &'static str, get: Get<R>) -> Column<R> {
    Column {
        name,
        doc,
        nullable: false,
        get,
    }
}

pub(super) fn schema_of(columns: &[Spec]) -> SchemaRef {
    let fields: Vec<Field> = columns
        .iter()
        .map(|c| {
            Field::new(c.name, c.kind.data_type(), c.nullable)
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
pub(super) struct Builders {
    columns: Vec<Builder>,
    pub(super) rows: usize,
    /// Bytes of string data appended since the last finish.
    text_bytes: usize,
}

impl Builders {
    pub(super) fn new(columns: &[Spec]) -> Self {
        Builders {
            columns: columns.iter().map(|c| c.kind.builder()).collect(),
            rows: 0,
            text_bytes: 0,
        }
    }

    /// Appends one row: a cell per column, in column order.
    pub(super) fn append<'a>(&mut self, cells: impl IntoIterator<Item = Cell<'a>>) {
        let mut cells = cells.into_iter();
        for builder in &mut self.columns {
            let cell = cells.next().expect("a cell for every column");
            match (builder, cell) {
                (Builder::Str(b), Cell::Str(value)) => {
                    self.text_bytes += value.map_or(0, str::len);
                    b.append_option(value);
                }
                (Builder::Strs(b), Cell::Strs(values)) => {
                    for value in values {
                        self.text_bytes += value.len();
                        b.values().append_value(value);
                    }
                    b.append(true);
                }
                (Builder::Int32(b), Cell::Int32(value)) => b.append_option(value),
                (Builder::Int64(b), Cell::Int64(value)) => b.append_option(value),
                (Builder::Bool(b), Cell::Bool(value)) => b.append_option(value),
                (Builder::Timestamp(b), Cell::Timestamp(value)) => b.append_option(value),
                (Builder::Date(b), Cell::Date(value)) => b.append_option(value),
                _ => unreachable!("the cells come from the columns the builders were made for"),
            }
        }
        self.rows += 1;
    }

    pub(super) fn bytes(&self) -> usize {
        // Strings dominate; fixed-width values and offsets are at most 8 bytes each.
        self.text_bytes + self.rows * self.columns.len() * 8
    }

    pub(super) fn finish(&mut self, schema: SchemaRef) -> RecordBatch {
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

pub(super) fn strs(values: &[String]) -> Vec<&str> {
    values.iter().map(String::as_str).collect()
}

/// A count as an `Int32` (Spark and Java have no unsigned integers).
pub(super) fn count(n: usize) -> i32 {
    i32::try_from(n).unwrap_or(i32::MAX)
}

/// A byte offset as an `Int64`.
pub(super) fn offset(n: usize) -> i64 {
    i64::try_from(n).unwrap_or(i64::MAX)
}

/// An RFC 3339 date of the tree (`2009-07-09T00:00:00+02:00`, `2009-07-09T10:56:00Z`)
/// as microseconds since the epoch, UTC.
pub(super) fn micros(rfc3339: &str) -> Option<i64> {
    let (day, rest) = rfc3339.split_at_checked(10)?;
    let day = i64::from(crate::dates::Date::parse_iso(day)?.days_since_epoch());
    let (time, offset) = rest.strip_prefix('T')?.split_at_checked(8)?;
    let b = time.as_bytes();
    if b[2] != b':' || b[5] != b':' {
        return None;
    }
    let (h, m, s) = (two(&b[..2])?, two(&b[3..5])?, two(&b[6..])?);
    if h > 23 || m > 59 || s > 59 {
        return None;
    }
    let offset = match offset.as_bytes() {
        b"Z" => 0,
        [sign @ (b'+' | b'-'), h1, h2, b':', m1, m2] => {
            let minutes = two(&[*h1, *h2])? * 60 + two(&[*m1, *m2])?;
            if *sign == b'-' {
                -minutes
            } else {
                minutes
            }
        }
        _ => return None,
    };
    let seconds = day * 86_400 + h * 3_600 + m * 60 + s - offset * 60;
    Some(seconds * 1_000_000)
}

/// Two ASCII digits as a number.
fn two(b: &[u8]) -> Option<i64> {
    match b {
        [a @ b'0'..=b'9', b @ b'0'..=b'9'] => Some(i64::from((a - b'0') * 10 + (b - b'0'))),
        _ => None,
    }
}

/// An ISO 8601 day of the tree (`2019-07-09`) as days since the epoch.
pub(super) fn days(iso: &str) -> Option<i32> {
    crate::dates::Date::parse_iso(iso).map(crate::dates::Date::days_since_epoch)
}

#[cfg(test)]
mod tests {
    use super::*;

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
    fn timestamps_are_utc_instants() {
        assert_eq!(micros("1970-01-01T02:00:00+02:00"), Some(0));
        assert_eq!(micros("2009-07-09T10:56:00Z"), Some(1_247_136_960_000_000));
        assert_eq!(micros("not a date"), None);
        for no in [
            "2009-07-09",
            "2009-07-09T10:56Z",
            "2009-07-09T24:00:00Z",
            "2009-07-09T10:56:00+0200",
            "2009-07-09T10:56:00",
        ] {
            assert_eq!(micros(no), None, "{no}");
        }
    }

    /// The instants are jiff's (a dev-dependency), offsets and early years included. (jiff
    /// refuses instants after 9999-12-30T22:00:00Z, which leaves room for any offset, such
    /// as 9999-12-31T23:59:59-12:00; these count on.)
    #[test]
    fn timestamps_are_jiffs() {
        for text in [
            "2009-07-09T10:56:00Z",
            "1966-12-28T18:48:00+00:00",
            "1985-02-19T00:00:00+01:00",
            "2001-03-04T23:59:59-05:30",
            "0001-01-01T00:00:00+14:00",
            "9999-12-30T09:59:59-12:00",
        ] {
            let theirs = text.parse::<jiff::Timestamp>().unwrap().as_microsecond();
            assert_eq!(micros(text), Some(theirs), "{text}");
        }
    }
}
