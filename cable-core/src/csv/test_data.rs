//! Rows, files and reads that the tests of the reader and of the splitter share.

use super::{Dialect, Record, RecordError, Records};

pub(crate) fn row(n: usize, body: &str) -> String {
    format!(
        "{n},\"12/28/1966 18:48\",\"66X{n}\",\"Embassy X\",\"UNCLASSIFIED\",\"\",\"\",\"{body}\"\n"
    )
}

/// What a read yields, keyed by offset in the file (row and line numbers of a range
/// read count from the range, so they are left out).
pub(crate) fn read(data: &[u8], range: Option<(u64, u64)>) -> Vec<(u64, Result<String, String>)> {
    let records: Box<dyn Iterator<Item = Result<Record, RecordError>>> = match range {
        None => Box::new(Records::new(data)),
        Some((start, end)) => {
            Box::new(Records::range(std::io::Cursor::new(data), start, end).unwrap())
        }
    };
    records
        .map(|r| match r {
            Ok(r) => (r.offset, Ok(r.text)),
            Err(e) => (e.offset, Err(e.message)),
        })
        .collect()
}

/// Rows whose bodies span lines, hold escaped quotes and backslashes, lines that
/// begin like a row but are not one, CRLF line ends, an unclosed quote, stray lines
/// first and between rows, and a last row without a line break.
pub(crate) fn fixtures() -> Vec<Vec<u8>> {
    let mut plain = String::new();
    plain += &row(
        1,
        "UNCLAS X 000001\n\n1. (U) SAY \\\"HI\\\"\n12, NOT A ROW\n",
    );
    plain += &row(2, "C:\\\\DIR\\\\ \n2,\n,\\\"X\n");
    plain += &row(3, "");
    plain += &row(44, "A\r\nB\r\n");
    plain += &row(5, "LAST");
    let last = plain.trim_end().to_string();
    let mut broken = "stray first line\n".to_string();
    broken += &row(1, "A\n");
    broken += "7,\"12/28/1966 18:48\",\"never closed\nSTILL INSIDE\n";
    broken += &row(8, "B\n\n\n");
    broken += "stray line between rows\n";
    broken += &row(9, "\\\"\n9,\"LOOKS LIKE A ROW INSIDE A BODY\n");
    broken += &row(10, "END");
    vec![plain.into_bytes(), last.into_bytes(), broken.into_bytes()]
}

/// Field texts with everything the two dialects escape differently: quotes,
/// backslashes (before a quote, a line break, an apostrophe, another backslash, at
/// the end), apostrophes, commas, CRLF and a line that begins like a row but does not
/// start one.
pub(crate) fn tricky_fields(n: usize) -> [String; 8] {
    [
        n.to_string(),
        "12/28/1966 18:48".into(),
        format!("66X{n}"),
        "Embassy \"X\", Y".into(),
        "UNCLASSIFIED".into(),
        "66X1|66X2".into(),
        "R 281848Z DEC 66\nFM AMEMBASSY X\n".into(),
        format!(
            "UNCLAS X 00000{n}\n\nSUBJECT: \"QUOTED\" AND 'SINGLE'\n\n1. (U) C:\\DIR\\ \\\"A\\\" \
             IT\\'S A\\\nB\r\n12, NOT A ROW\nEND\\\\ \"\"\"\nLAST\\"
        ),
    ]
}

/// A file of `rows` rows written as the release does (backslash escapes), or as
/// Python's `csv` module does (quotes doubled, backslashes as they are), quoting
/// every field but the first or, when `minimal`, only those that need it.
pub(crate) fn write_rows(rows: &[[String; 8]], dialect: Dialect, minimal: bool) -> String {
    let mut out = String::new();
    for fields in rows {
        out += &fields[0];
        for f in &fields[1..] {
            let quoted = match dialect {
                Dialect::Backslash => f.replace('\\', "\\\\").replace('"', "\\\""),
                Dialect::Rfc4180 => f.replace('"', "\"\""),
            };
            if minimal && !f.contains([',', '"', '\n', '\r']) {
                out += &format!(",{quoted}");
            } else {
                out += &format!(",\"{quoted}\"");
            }
        }
        out += "\n";
    }
    out
}
