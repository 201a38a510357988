//! A `cables.csv` row as document text: its fields in the text-export layout.

use std::borrow::Cow;

use super::{Decoded, TextBuilder};
use crate::ast::Container;
use crate::csv::{Dialect, Field, Record};

impl Record {
    /// Decodes the record into the document text (the text-export layout), from the
    /// fields the reader found.
    ///
    /// ```
    /// use cable_core::csv::Records;
    /// let data = b"1,\"12/28/1966 18:48\",\"66X1\",\"Embassy X\",\"UNCLASSIFIED\",\"\",\"\",\"HELLO\"";
    /// let record = Records::new(&data[..]).next().unwrap().unwrap();
    /// let decoded = record.decode();
    /// assert!(decoded.text.starts_with("66X1\n\n12/28/1966 18:48\n"));
    /// assert_eq!(decoded, cable_core::decode(&record.text, None));
    /// ```
    pub fn decode(&self) -> Decoded<'_> {
        decode_csv_fields(&self.text, Some(self.fields()), self.dialect())
    }
}

/// One row of `cables.csv`: row number, date, reference id, origin, classification,
/// referenced ids, header, body; decoded into the text-export layout. A text alone is
/// read in the release's dialect; [`crate::csv::Records`] knows the file's.
pub(super) fn decode_csv_row(input: &str) -> Decoded<'_> {
    let mut fields = Vec::with_capacity(8);
    let split = crate::csv::split_fields(input, Dialect::Backslash, |f| fields.push(f));
    decode_csv_fields(input, split.map(|_| &fields[..]), Dialect::Backslash)
}

/// Decodes a CSV row from its fields, as the splitter found them (`None`: it does not split).
fn decode_csv_fields<'a>(
    input: &'a str,
    fields: Option<&[Field]>,
    dialect: Dialect,
) -> Decoded<'a> {
    let mut problems = Vec::new();
    let whole = [Field {
        start: 0,
        end: input.len(),
        quoted: false,
    }];
    let fields = fields.unwrap_or_else(|| {
        problems.push((0, "a CSV row that does not split into fields"));
        &whole
    });
    if fields.len() != 8 {
        problems.push((0, "a CSV row without exactly 8 fields"));
    }
    let field = |i: usize| {
        fields.get(i).map_or((input.len(), Cow::Borrowed("")), |f| {
            (f.start, f.value(input, dialect))
        })
    };
    let mut b = TextBuilder::default();
    if fields.len() >= 8 {
        for (i, empty_subject) in [(2, false), (2, true), (1, false), (4, false), (3, false)] {
            let (at, t) = field(i);
            if !empty_subject {
                b.push(&t, at);
            }
            b.push("\n", at);
        }
        let (at, header) = field(6);
        b.push(&header, at);
        if !header.is_empty() && !header.ends_with('\n') {
            b.push("\n", at + header.len());
        }
        let (at, body) = field(7);
        b.push(&body, at);
    } else {
        for i in 0..fields.len() {
            let (at, t) = field(i);
            b.push(&t, at);
            b.push("\n", at);
        }
    }
    let referenced_ids = field(5)
        .1
        .split('|')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(String::from)
        .collect();
    Decoded {
        container: Container::CsvRow,
        text: Cow::Owned(b.text),
        referenced_ids: if fields.len() >= 8 {
            referenced_ids
        } else {
            Vec::new()
        },
        has_metadata: fields.len() >= 8,
        map: b.map,
        problems,
    }
}

#[cfg(test)]
mod tests {
    use crate::{decode, Container};

    #[test]
    fn csv_row_becomes_text_export_layout() {
        let row = "1,\"12/28/1966 18:48\",\"66BUENOSAIRES2481\",\"Embassy Buenos Aires\",\"UNCLASSIFIED\",\"\",\"R 281848Z DEC 66\",\"UNCLAS \\\"QUOTED\\\"\"";
        let d = decode(row, None);
        assert_eq!(d.container, Container::CsvRow);
        assert_eq!(
            d.text,
            "66BUENOSAIRES2481\n\n12/28/1966 18:48\nUNCLASSIFIED\nEmbassy Buenos Aires\nR 281848Z DEC 66\nUNCLAS \"QUOTED\""
        );
    }
}
