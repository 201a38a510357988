//! One cable as one CSV line of `cable export --format csv`: the columns of
//! [`cable_core::flat::COLUMNS`] (the Python DataFrame's), then where the cable came from.
//!
//! In CSV, lists are joined with `|`, booleans are `true`/`false` and missing
//! values are empty fields.
//!
//! ```
//! let cable = cable_core::parse(&std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/09ASTANA1145.txt")).unwrap());
//! let row = cable_core::flat::FlatRow::new(&cable);
//! assert_eq!(row.id.as_deref(), Some("09ASTANA1145"));
//! assert_eq!(row.origin.as_deref(), Some("Embassy Astana"));
//! let origin = cable_cli::input::Origin { source: "a.txt".into(), row: None, line: None, bytes: 0 };
//! let fields = cable_cli::csv_export::csv_fields(&row, &origin);
//! assert_eq!((fields[0].as_str(), fields[22].as_str()), ("09ASTANA1145", "a.txt"));
//! assert_eq!((fields[18].as_str(), fields[20].as_str(), fields[21].as_str()), ("2009-07-09T10:56:00Z", "N/A", "RS|BO|KZ"));
//! ```

use cable_core::flat::{FlatRow, Value};

use crate::input::Origin;

/// The CSV columns, in order: the DataFrame's, then `source` and `row`.
pub fn columns() -> impl Iterator<Item = &'static str> {
    cable_core::flat::COLUMNS
        .into_iter()
        .chain(["source", "row"])
}

/// Separator of list values in a CSV field.
pub const LIST_SEPARATOR: &str = "|";

/// The CSV fields of a row: its columns, then `source` and `row` from `origin`.
pub fn csv_fields(row: &FlatRow, origin: &Origin) -> Vec<String> {
    let values = row.values().into_iter().map(|value| match value {
        Value::Text(v) | Value::Time(v) => v.unwrap_or_default().to_string(),
        Value::List(v) => v.join(LIST_SEPARATOR),
        Value::Flag(v) => v.to_string(),
        Value::Count(n) => n.to_string(),
        Value::Name(v) => v.to_string(),
    });
    let source = origin.source.to_string();
    let row = origin.row.map(|r| r.to_string()).unwrap_or_default();
    values.chain([source, row]).collect()
}

/// One CSV line (with its line break) for a row.
pub fn csv_row(row: &FlatRow, origin: &Origin) -> String {
    csv_line(csv_fields(row, origin).iter().map(String::as_str))
}

/// The header line of the CSV export.
pub fn csv_header() -> String {
    csv_line(columns())
}

/// Joins fields into one RFC 4180 line ending in `\n`: a field holding a comma, a
/// quote or a line break is quoted, with quotes doubled.
///
/// ```
/// assert_eq!(cable_cli::csv_export::csv_line(["a", "b,c", "say \"hi\""]), "a,\"b,c\",\"say \"\"hi\"\"\"\n");
/// ```
pub fn csv_line<'a>(fields: impl IntoIterator<Item = &'a str>) -> String {
    let mut out = String::new();
    for (i, field) in fields.into_iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        if field.contains([',', '"', '\n', '\r']) {
            out.push('"');
            out.push_str(&field.replace('"', "\"\""));
            out.push('"');
        } else {
            out.push_str(field);
        }
    }
    out.push('\n');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn header_matches_fields() {
        let cable = cable_core::parse(
            "UNCLAS STATE 000001\nTAGS: PREL, PGOV\nSUBJECT: A, B\n\n1. (U) HELLO.\n",
        );
        let origin = Origin {
            source: "a.csv".into(),
            row: Some(4),
            line: Some(9),
            bytes: 0,
        };
        let row = FlatRow::new(&cable);
        let fields = csv_fields(&row, &origin);
        assert_eq!(fields.len(), columns().count());
        assert_eq!(fields[6], "PREL|PGOV");
        assert_eq!(&fields[22..], ["a.csv", "4"]);
        assert!(csv_row(&row, &origin).contains(",\"A, B\","));
        assert_eq!(
            csv_header().trim_end().split(',').count(),
            columns().count()
        );
    }

    #[test]
    fn quoting() {
        assert_eq!(csv_line(["", "x\ny"]), ",\"x\ny\"\n");
    }
}
