//! One cable as one flat row: the columns of the Python DataFrame
//! (`cable.to_dataframe`, `DATAFRAME_COLUMNS`), then where the cable came from.
//!
//! The values follow the Python binding: `date` is the metadata date, else the
//! header's date-time group; `classification` as written in the metadata, else the
//! banner marking; `origin` the metadata's post, else the `FM` line; `subject` the
//! body's full subject, else the metadata's short one; `references` each REF as its
//! cable id when known, else as written.
//!
//! In CSV, lists are joined with `|`, booleans are `true`/`false` and missing
//! values are empty fields.
//!
//! ```
//! let cable = cable_core::parse(&std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/09ASTANA1145.txt")).unwrap());
//! let row = cable_cli::flat::FlatRow::new(&cable);
//! assert_eq!(row.reference_id.as_deref(), Some("09ASTANA1145"));
//! assert_eq!(row.origin.as_deref(), Some("Embassy Astana"));
//! assert_eq!(row.classification_level.as_deref(), Some("unclassified"));
//! ```

use serde::Serialize;

use cable_core::Cable;

use crate::input::Origin;

/// The CSV columns, in order: the DataFrame's, then `source` and `row`.
pub const COLUMNS: [&str; 20] = [
    "reference_id",
    "date",
    "classification",
    "classification_level",
    "origin",
    "subject",
    "tags",
    "references",
    "recipients",
    "info_recipients",
    "signature",
    "partial",
    "n_paragraphs",
    "n_diagnostics",
    "container",
    "transmission_id",
    "dtg",
    "caveats",
    "source",
    "row",
];

/// Separator of list values in a CSV field.
pub const LIST_SEPARATOR: &str = "|";

/// The flat values of one cable (the DataFrame's columns).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FlatRow {
    /// `09ASTANA1145`; `None` without metadata.
    pub reference_id: Option<String>,
    /// RFC 3339 date of the metadata, else the UTC timestamp of the date-time group.
    pub date: Option<String>,
    /// As written in the metadata, else the banner marking.
    pub classification: Option<String>,
    /// `unclassified`, `confidential`, `secret` or `top_secret`, from the banner.
    pub classification_level: Option<String>,
    /// The originating post (metadata), else the `FM` line.
    pub origin: Option<String>,
    /// The body's full subject, else the metadata's short one.
    pub subject: Option<String>,
    /// The TAGS.
    pub tags: Vec<String>,
    /// The REF list: cable ids when known, else the text.
    pub references: Vec<String>,
    /// Names of the `TO` recipients.
    pub recipients: Vec<String>,
    /// Names of the `INFO` recipients.
    pub info_recipients: Vec<String>,
    /// The signature.
    pub signature: Option<String>,
    /// A partial extract.
    pub partial: bool,
    /// Number of paragraphs.
    pub n_paragraphs: usize,
    /// Number of diagnostics.
    pub n_diagnostics: usize,
    /// The container's snake_case name.
    pub container: &'static str,
    /// `VZCZC...`.
    pub transmission_id: Option<String>,
    /// UTC timestamp of the date-time group.
    pub dtg: Option<String>,
    /// Handling caveats.
    pub caveats: Vec<String>,
}

/// The snake_case name of a serialisable unit enum value (e.g. a classification level).
fn snake_name<T: Serialize>(value: &T) -> Option<String> {
    match serde_json::to_value(value) {
        Ok(serde_json::Value::String(s)) => Some(s),
        _ => None,
    }
}

impl FlatRow {
    /// Flattens a cable.
    pub fn new(c: &Cable) -> Self {
        let (meta, header, body) = (c.metadata.as_ref(), c.header.as_ref(), c.body.as_ref());
        let banner = body.and_then(|b| b.banner.as_ref());
        let dtg = header
            .and_then(|h| h.dtg.as_ref())
            .and_then(|d| d.timestamp.clone());
        let names =
            |rs: &[cable_core::Recipient]| rs.iter().map(|r| r.name.clone()).collect::<Vec<_>>();
        FlatRow {
            reference_id: c.reference_id().map(String::from),
            date: meta.and_then(|m| m.date.clone()).or_else(|| dtg.clone()),
            classification: meta
                .map(|m| m.classification.clone())
                .or_else(|| banner.map(|b| b.marking.clone())),
            classification_level: banner.and_then(|b| snake_name(&b.classification)),
            origin: meta
                .map(|m| m.origin.clone())
                .or_else(|| header.and_then(|h| h.from.clone())),
            subject: body
                .and_then(|b| b.subject.clone())
                .or_else(|| meta.and_then(|m| m.subject.clone())),
            tags: body.map(|b| b.tags.clone()).unwrap_or_default(),
            references: body
                .map(|b| {
                    b.references
                        .iter()
                        .map(|r| r.cable_id.clone().unwrap_or_else(|| r.text.clone()))
                        .collect()
                })
                .unwrap_or_default(),
            recipients: header.map(|h| names(&h.to)).unwrap_or_default(),
            info_recipients: header.map(|h| names(&h.info)).unwrap_or_default(),
            signature: body.and_then(|b| b.signature.clone()),
            partial: c.partial,
            n_paragraphs: body.map_or(0, |b| b.paragraphs.len()),
            n_diagnostics: c.diagnostics.len(),
            container: c.container.name(),
            transmission_id: header.and_then(|h| h.transmission_id.clone()),
            dtg,
            caveats: body.map(|b| b.caveats.clone()).unwrap_or_default(),
        }
    }

    /// The CSV fields of [`COLUMNS`], `source` and `row` from `origin`.
    pub fn fields(&self, origin: &Origin) -> Vec<String> {
        let opt = |v: &Option<String>| v.clone().unwrap_or_default();
        let list = |v: &[String]| v.join(LIST_SEPARATOR);
        vec![
            opt(&self.reference_id),
            opt(&self.date),
            opt(&self.classification),
            opt(&self.classification_level),
            opt(&self.origin),
            opt(&self.subject),
            list(&self.tags),
            list(&self.references),
            list(&self.recipients),
            list(&self.info_recipients),
            opt(&self.signature),
            self.partial.to_string(),
            self.n_paragraphs.to_string(),
            self.n_diagnostics.to_string(),
            self.container.to_string(),
            opt(&self.transmission_id),
            opt(&self.dtg),
            list(&self.caveats),
            origin.source.to_string(),
            origin.row.map(|r| r.to_string()).unwrap_or_default(),
        ]
    }

    /// One CSV line (with its line break) for this row.
    pub fn to_csv_line(&self, origin: &Origin) -> String {
        csv_line(self.fields(origin).iter().map(String::as_str))
    }
}

/// The header line of the CSV export.
pub fn csv_header() -> String {
    csv_line(COLUMNS)
}

/// Joins fields into one RFC 4180 line ending in `\n`: a field holding a comma, a
/// quote or a line break is quoted, with quotes doubled.
///
/// ```
/// assert_eq!(cable_cli::flat::csv_line(["a", "b,c", "say \"hi\""]), "a,\"b,c\",\"say \"\"hi\"\"\"\n");
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
        let fields = row.fields(&origin);
        assert_eq!(fields.len(), COLUMNS.len());
        assert_eq!(fields[6], "PREL|PGOV");
        assert_eq!(&fields[18..], ["a.csv", "4"]);
        assert!(row.to_csv_line(&origin).contains(",\"A, B\","));
        assert_eq!(csv_header().trim_end().split(',').count(), COLUMNS.len());
    }

    #[test]
    fn quoting() {
        assert_eq!(csv_line(["", "x\ny"]), ",\"x\ny\"\n");
    }
}
