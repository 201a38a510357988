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

/// A getter; the variant says the Arrow type.
pub(super) enum Get<R> {
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
    pub(super) fn data_type(&self) -> DataType {
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

pub(super) struct Column<R> {
    pub(super) name: &'static str,
    pub(super) doc: &'static str,
    pub(super) nullable: bool,
    pub(super) get: Get<R>,
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

pub(super) fn schema_of<R>(columns: &[Column<R>]) -> SchemaRef {
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
pub(super) struct Builders {
    columns: Vec<Builder>,
    pub(super) rows: usize,
    /// Bytes of string data appended since the last finish.
    text_bytes: usize,
}

impl Builders {
    pub(super) fn new<R>(columns: &[Column<R>]) -> Self {
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
    pub(super) fn append<R>(&mut self, columns: &[Column<R>], row: &R) {
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
    rfc3339
        .parse::<jiff::Timestamp>()
        .ok()
        .map(jiff::Timestamp::as_microsecond)
}

/// An ISO 8601 day of the tree (`2019-07-09`) as days since the epoch.
pub(super) fn days(iso: &str) -> Option<i32> {
    let date = iso.parse::<jiff::civil::Date>().ok()?;
    let span = jiff::civil::date(1970, 1, 1).until(date).ok()?;
    Some(span.get_days())
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
    }
}
