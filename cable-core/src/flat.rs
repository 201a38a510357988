//! One cable as one flat row, for tables: the columns of `cable export --format csv`, of
//! `Cable.to_row()` in Python and the first columns of the `cables` table
//! (`cable_core::tables`, with the feature `arrow`; the Python DataFrame).
//!
//! The columns are declared once, below: a name, a kind, how the value is read from the
//! tree and a sentence of documentation. [`FlatRow`], [`COLUMNS`], [`columns`] and
//! [`FlatRow::values`] are all made from that one list, so that every export flattens a
//! cable the same way and a new column is one line.
//!
//! ```
//! use cable_core::flat::{FlatRow, COLUMNS};
//!
//! let cable = cable_core::parse("UNCLAS STATE 000001\nTAGS: PREL, PGOV\nSUBJECT: A TEST\n\n1. (U) HELLO.\n");
//! let row = FlatRow::new(&cable);
//! assert_eq!(row.tags, ["PREL", "PGOV"]);
//! assert_eq!(row.classification_level.as_deref(), Some("unclassified"));
//! assert_eq!(COLUMNS[0], "id");
//!
//! let cable = cable_core::parse("UNCLAS STATE 000001\nE.O. 12958: DECL: 07/09/2019\nTAGS: PREL, KZ\nSUBJECT: X\n\n1. (U) Y.\n");
//! let row = FlatRow::new(&cable);
//! assert_eq!(row.declassify.as_deref(), Some("2019-07-09"));
//! assert_eq!(row.countries, ["KZ"]);
//! ```

use serde::Serialize;

use crate::ast::{Body, Cable, Header, Recipient, TagKind};

/// What a column holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Kind {
    /// Text, or nothing: `Option<String>`.
    Text,
    /// An instant as RFC 3339 text, or nothing: `Option<String>`.
    Time,
    /// A list of texts (empty rather than absent): `Vec<String>`.
    List,
    /// Yes or no: `bool`.
    Flag,
    /// A count: `usize`.
    Count,
    /// A name, always there: `&'static str`.
    Name,
}

/// One value of a [`FlatRow`], by the kind of its column.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Value<'a> {
    /// A [`Kind::Text`] value.
    Text(Option<&'a str>),
    /// A [`Kind::Time`] value.
    Time(Option<&'a str>),
    /// A [`Kind::List`] value.
    List(&'a [String]),
    /// A [`Kind::Flag`] value.
    Flag(bool),
    /// A [`Kind::Count`] value.
    Count(usize),
    /// A [`Kind::Name`] value.
    Name(&'static str),
}

/// A column of the flat row.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Column {
    /// Its name, e.g. `subject`.
    pub name: &'static str,
    /// What it holds.
    pub kind: Kind,
    /// What it is, in one sentence.
    pub doc: &'static str,
}

/// The Rust type of a column of `kind`.
macro_rules! flat_type {
    (Text) => { Option<String> };
    (Time) => { Option<String> };
    (List) => { Vec<String> };
    (Flag) => { bool };
    (Count) => { usize };
    (Name) => { &'static str };
}

/// A field of a row as a [`Value`].
macro_rules! flat_value {
    (Text, $v:expr) => {
        Value::Text($v.as_deref())
    };
    (Time, $v:expr) => {
        Value::Time($v.as_deref())
    };
    (List, $v:expr) => {
        Value::List(&$v)
    };
    (Flag, $v:expr) => {
        Value::Flag($v)
    };
    (Count, $v:expr) => {
        Value::Count($v)
    };
    (Name, $v:expr) => {
        Value::Name($v)
    };
}

/// Declares the columns: `name: Kind = getter, "documentation";`, in order.
macro_rules! flat_columns {
    ($($name:ident: $kind:ident = $get:expr, $doc:literal;)+) => {
        /// The flat values of one cable: one field per column, in the order of [`COLUMNS`]
        /// (also the order of its JSON object).
        #[derive(Debug, Clone, PartialEq, Eq, Serialize)]
        pub struct FlatRow {
            $(
                #[doc = $doc]
                pub $name: flat_type!($kind),
            )+
        }

        /// The names of the columns, in order.
        pub const COLUMNS: [&str; [$(stringify!($name)),+].len()] = [$(stringify!($name)),+];

        /// The columns, in order: name, kind and documentation.
        ///
        /// ```
        /// let columns = cable_core::flat::columns();
        /// assert_eq!((columns[0].name, columns[0].kind), ("id", cable_core::flat::Kind::Text));
        /// ```
        pub fn columns() -> [Column; COLUMNS.len()] {
            [$(Column { name: stringify!($name), kind: Kind::$kind, doc: $doc }),+]
        }

        impl FlatRow {
            /// Flattens a cable.
            ///
            /// ```
            /// let cable = cable_core::parse("UNCLAS STATE 000001\n\n1. (U) HELLO.\n");
            /// assert_eq!(cable_core::flat::FlatRow::new(&cable).n_paragraphs, 1);
            /// ```
            pub fn new(c: &Cable) -> Self {
                FlatRow {
                    $($name: {
                        let get: fn(&Cable) -> flat_type!($kind) = $get;
                        get(c)
                    },)+
                }
            }

            /// The values, in the order of [`COLUMNS`].
            ///
            /// ```
            /// use cable_core::flat::{FlatRow, Value};
            /// let row = FlatRow::new(&cable_core::parse("UNCLAS STATE 000001\nTAGS: PREL\n"));
            /// assert_eq!(row.values()[6], Value::List(&["PREL".to_string()]));
            /// ```
            pub fn values(&self) -> [Value<'_>; COLUMNS.len()] {
                [$(flat_value!($kind, self.$name)),+]
            }
        }
    };
}

flat_columns! {
    id: Text = |c| c.id.clone(),
        "The cable's id (`Cable.id`), e.g. `09ASTANA1145`: the metadata's, else made from the banner's station and serial and the year, else the file name when it is an id.";
    metadata_date: Time = |c| c.metadata_date().map(String::from),
        "The date the metadata gives the record (`Metadata.date`); when the cable was sent is `sent`.";
    classification: Text = |c| c.classification().map(String::from),
        "The classification as written in the metadata, else the banner marking.";
    classification_level: Text = |c| c.classification_level().map(|l| l.name().to_string()),
        "`unclassified`, `confidential`, `secret` or `top_secret`: the banner's, else read from the metadata.";
    origin: Text = |c| c.origin().map(String::from),
        "The originating post (metadata), else the `FM` line.";
    subject: Text = |c| c.subject().map(String::from),
        "The body's full subject (`Subject.text`, without its marking), else the metadata's short one.";
    tags: List = |c| body(c).map(|b| b.tag_codes().into_iter().map(String::from).collect()).unwrap_or_default(),
        "The codes of the TAGS (`Tag.code`: upper case, spaces collapsed), in order.";
    references: List = |c| {
        let refs = body(c).map_or(&[][..], |b| &b.references);
        refs.iter().map(|r| r.cited_id.clone().unwrap_or_else(|| r.text.clone())).collect()
    },
        "The REF list: each reference's `cited_id` when known, else its text.";
    recipients: List = |c| header(c).map(|h| names(&h.to)).unwrap_or_default(),
        "Names of the `TO` recipients.";
    info_recipients: List = |c| header(c).map(|h| names(&h.info)).unwrap_or_default(),
        "Names of the `INFO` recipients.";
    signature: Text = |c| c.signature().map(String::from),
        "The signer's name (`Signature.name`), e.g. `HOAGLAND`.";
    partial: Flag = |c| c.partial,
        "The record says it is a partial extract of the cable.";
    n_paragraphs: Count = |c| body(c).map_or(0, |b| b.paragraphs.len()),
        "Number of paragraphs.";
    n_diagnostics: Count = |c| c.diagnostics.len(),
        "Number of diagnostics.";
    container: Name = |c| c.container.name(),
        "`text_export`, `html_page`, `html_pre`, `csv_row` or `bare_text`.";
    transmission_id: Text = |c| header(c).and_then(|h| h.transmission_id.clone()),
        "`VZCZC` + station + serial, e.g. `VZCZCXRO8970`.";
    dtg: Time = |c| header(c).and_then(|h| h.dtg.as_ref()).and_then(|d| d.timestamp.clone()),
        "The date-time group of the header.";
    caveats: List = |c| body(c).map(|b| b.caveats.clone()).unwrap_or_default(),
        "Handling caveats: `SENSITIVE`, `SIPDIS`, `NOFORN`, ...";
    sent: Time = |c| c.sent.clone(),
        "When the cable was sent (`Cable.sent`, whose documentation says from what).";
    classifier: Text = |c| body(c).and_then(|b| b.classified_by.as_ref()).and_then(|by| by.name.clone()),
        "The classifier's name (`ClassifiedBy.name`), e.g. `Richard E. Hoagland`; null when only an office is given.";
    declassify: Text = |c| {
        let eo = body(c).and_then(|b| b.executive_order.as_ref());
        let declassify = eo.and_then(|eo| eo.declassify.as_ref());
        declassify.map(|d| d.date.clone().unwrap_or_else(|| d.raw.clone()))
    },
        "The declassification instruction: an ISO date when it is one (`2019-07-09`), else as written (`1.6X1`, `N/A`, an event).";
    countries: List = |c| {
        let tags = body(c).map_or(&[][..], |b| &b.tags);
        tags.iter().filter(|t| t.kind == TagKind::Country).map(|t| t.code.clone()).collect()
    },
        "The TAGS that name countries (`TagKind.Country`), e.g. `KZ`.";
}

fn body(c: &Cable) -> Option<&Body> {
    c.body.as_ref()
}

fn header(c: &Cable) -> Option<&Header> {
    c.header.as_ref()
}

fn names(recipients: &[Recipient]) -> Vec<String> {
    recipients.iter().map(|r| r.name.clone()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_json_of_a_row_is_keyed_by_the_columns_in_order() {
        let cable = crate::parse("UNCLAS STATE 000001\nSUBJECT: A\n\n1. (U) HELLO.\n");
        let json = serde_json::to_string(&FlatRow::new(&cable)).unwrap();
        let at = |column: &str| json.find(&format!("\"{column}\":"));
        let positions: Vec<_> = COLUMNS.iter().map(|c| at(c).expect(c)).collect();
        assert!(positions.windows(2).all(|w| w[0] < w[1]), "{json}");
        assert_eq!(json.matches("\":").count(), COLUMNS.len(), "{json}");
    }
}
