//! One cable as one flat row, for tables: the columns of the Python DataFrame
//! (`cable.to_dataframe`, `Cable.to_row()`) and of `cable export --format csv`. Defined
//! once here, so that every language flattens a cable the same way.
//!
//! `date` is the metadata date, else the header's date-time group; `classification` as
//! written in the metadata, else the banner marking; `origin` the metadata's post, else the
//! `FM` line; `subject` the body's full subject, else the metadata's short one;
//! `references` each REF as its cable id when known, else as written; `sent`,
//! `classifier`, `declassify` and `countries` the canonical values of the tree.
//!
//! ```
//! use cable_core::flat::{FlatRow, COLUMNS};
//!
//! let cable = cable_core::parse("UNCLAS STATE 000001\nTAGS: PREL, PGOV\nSUBJECT: A TEST\n\n1. (U) HELLO.\n");
//! let row = FlatRow::new(&cable);
//! assert_eq!(row.tags, ["PREL", "PGOV"]);
//! assert_eq!(row.classification_level.as_deref(), Some("unclassified"));
//! assert_eq!(COLUMNS[0], "reference_id");
//!
//! let cable = cable_core::parse("UNCLAS STATE 000001\nE.O. 12958: DECL: 07/09/2019\nTAGS: PREL, KZ\nSUBJECT: X\n\n1. (U) Y.\n");
//! let row = FlatRow::new(&cable);
//! assert_eq!(row.declassify.as_deref(), Some("2019-07-09"));
//! assert_eq!(row.countries, ["KZ"]);
//! ```

use serde::Serialize;

use crate::ast::{Cable, Recipient, TagKind};

/// The columns of a [`FlatRow`], in order (the field order of its JSON object).
pub const COLUMNS: [&str; 22] = [
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
    "sent",
    "classifier",
    "declassify",
    "countries",
];

/// The flat values of one cable (the DataFrame's columns).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FlatRow {
    /// `09ASTANA1145`; `None` without metadata.
    pub reference_id: Option<String>,
    /// RFC 3339 date of the metadata, else the UTC timestamp of the date-time group.
    pub date: Option<String>,
    /// As written in the metadata, else the banner marking.
    pub classification: Option<String>,
    /// `unclassified`, `confidential`, `secret` or `top_secret`: the banner's, else the metadata's.
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
    /// When the cable was sent ([`Cable::sent`]), RFC 3339: the date-time group (UTC),
    /// else the metadata date.
    pub sent: Option<String>,
    /// The name of the person who classified the cable (Classified By, without title).
    pub classifier: Option<String>,
    /// The declassification instruction: an ISO date when it is one (`2019-07-09`), else
    /// as written (`N/A`, `1.6X1`, `AFTER KOREAN UNIFICATION`).
    pub declassify: Option<String>,
    /// The TAGS that name countries (two-letter codes), e.g. `["KZ"]`.
    pub countries: Vec<String>,
}

impl FlatRow {
    /// Flattens a cable.
    pub fn new(c: &Cable) -> Self {
        let (header, body) = (c.header.as_ref(), c.body.as_ref());
        let dtg = header
            .and_then(|h| h.dtg.as_ref())
            .and_then(|d| d.timestamp.clone());
        let names = |rs: &[Recipient]| rs.iter().map(|r| r.name.clone()).collect::<Vec<_>>();
        FlatRow {
            reference_id: c.reference_id().map(String::from),
            date: c.date().map(String::from),
            classification: c.classification().map(String::from),
            classification_level: c.classification_level().map(|l| l.name().to_string()),
            origin: c.origin().map(String::from),
            subject: c.subject().map(String::from),
            tags: body
                .map(|b| b.tags.iter().map(|t| t.code.clone()).collect())
                .unwrap_or_default(),
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
            signature: c.signature().map(String::from),
            partial: c.partial,
            n_paragraphs: body.map_or(0, |b| b.paragraphs.len()),
            n_diagnostics: c.diagnostics.len(),
            container: c.container.name(),
            transmission_id: header.and_then(|h| h.transmission_id.clone()),
            dtg,
            caveats: body.map(|b| b.caveats.clone()).unwrap_or_default(),
            sent: c.sent.clone(),
            classifier: body
                .and_then(|b| b.classified_by.as_ref())
                .and_then(|by| by.name.clone()),
            declassify: body
                .and_then(|b| b.executive_order.as_ref())
                .and_then(|eo| eo.declassify.as_ref())
                .map(|d| d.date.clone().unwrap_or_else(|| d.raw.clone())),
            countries: body
                .map(|b| {
                    let countries = b.tags.iter().filter(|t| t.kind == TagKind::Country);
                    countries.map(|t| t.code.clone()).collect()
                })
                .unwrap_or_default(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fields_serialise_in_column_order() {
        let cable = crate::parse("UNCLAS STATE 000001\nSUBJECT: A\n\n1. (U) HELLO.\n");
        let json = serde_json::to_string(&FlatRow::new(&cable)).unwrap();
        let at = |column: &str| json.find(&format!("\"{column}\":"));
        let positions: Vec<_> = COLUMNS.iter().map(|c| at(c).expect(c)).collect();
        assert!(positions.windows(2).all(|w| w[0] < w[1]), "{json}");
        let fields = json.matches("\":").count();
        assert_eq!(fields, COLUMNS.len(), "{json}");
    }
}
