//! Building `cables.csv` rows from text exports, for tests, examples and benchmarks.
//!
//! A row has the 8 columns of the September 2011 `cables.csv`: row number, date
//! `MM/DD/YYYY HH:MM`, reference id, origin, classification, referenced ids (left
//! empty), header text and body text; every field but the first is quoted with `"`,
//! inner quotes are escaped as `\"` and backslashes as `\\`.
//!
//! ```
//! let text = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/09ASTANA1145.txt")).unwrap();
//! let row = cable_cli::synth::csv_row(7, &text).unwrap();
//! assert!(row.starts_with("7,\"07/09/2009 00:00\",\"09ASTANA1145\",\"Embassy Astana\","));
//! let cable = cable_core::parse(row.trim_end());
//! assert_eq!(cable.container, cable_core::Container::CsvRow);
//! assert_eq!(cable.id.as_deref(), Some("09ASTANA1145"));
//! ```

use cable_core::{Container, Options};

/// Escapes a field for `cables.csv`: `\` as `\\`, `"` as `\"`.
pub fn escape(field: &str) -> String {
    let mut out = String::with_capacity(field.len() + 16);
    for c in field.chars() {
        if c == '"' || c == '\\' {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// `2009-07-09T00:00:00+02:00` as `07/09/2009 00:00`; empty when the date is not of that form.
pub fn csv_date(rfc3339: &str) -> String {
    let b = rfc3339.as_bytes();
    if b.len() < 16 || b[4] != b'-' || b[7] != b'-' || b[10] != b'T' {
        return String::new();
    }
    format!(
        "{}/{}/{} {}",
        &rfc3339[5..7],
        &rfc3339[8..10],
        &rfc3339[..4],
        &rfc3339[11..16]
    )
}

/// The `cables.csv` row (ending in `\n`) for a text export, numbered `row`; `None`
/// when the text has no five metadata lines.
pub fn csv_row(row: usize, text_export: &str) -> Option<String> {
    let cable = cable_core::parse_with(
        text_export,
        &Options::new().container(Container::TextExport),
    )
    .ok()?;
    let meta = cable.metadata.as_ref()?;
    // The cable text starts after the five metadata lines.
    let mut start = 0;
    for _ in 0..5 {
        start += text_export[start..].find('\n')? + 1;
    }
    // The header ends where the parsed header ends, with its line break if it has
    // one (the body may follow on the same line, as in 09ASTANA1145).
    let split = match &cable.header {
        Some(h) if h.span.end > start && text_export.is_char_boundary(h.span.end) => {
            let rest = &text_export[h.span.end..];
            let eol = ["\r\n", "\n"]
                .iter()
                .find(|e| rest.starts_with(**e))
                .map_or(0, |e| e.len());
            h.span.end + eol
        }
        _ => start,
    };
    let (header, body) = (&text_export[start..split], &text_export[split..]);
    Some(format!(
        "{row},\"{}\",\"{}\",\"{}\",\"{}\",\"\",\"{}\",\"{}\"\n",
        csv_date(meta.date.as_deref().unwrap_or("")),
        escape(&meta.reference_id),
        escape(&meta.origin),
        escape(&meta.classification),
        escape(header),
        escape(body)
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_and_escapes() {
        assert_eq!(csv_date("1966-12-28T18:48:00+00:00"), "12/28/1966 18:48");
        assert_eq!(csv_date("?"), "");
        assert_eq!(escape(r#"a "b" \c"#), r#"a \"b\" \\c"#);
    }

    #[test]
    fn row_splits_header_and_body() {
        let text = "66X1\nSUBJ\nWed Dec 28 18:48:00 +0000 1966\nUNCLASSIFIED\nEmbassy X\nR 281848Z DEC 66\nFM AMEMBASSY X\nTO SECSTATE WASHDC 1\nBT\nUNCLAS X 000001\n\nSUBJECT: \"QUOTED\"\n";
        let row = csv_row(1, text).unwrap();
        let records: Vec<_> = cable_core::csv::Records::new(row.as_bytes()).collect();
        assert_eq!(records.len(), 1);
        let cable = cable_core::parse(&records[0].as_ref().unwrap().text);
        assert_eq!(cable.id.as_deref(), Some("66X1"));
        assert!(row.contains("\\\"QUOTED\\\""));
    }

    #[test]
    fn header_and_body_on_one_line_are_split() {
        let text =
            std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/09ASTANA1145.txt"))
                .unwrap();
        let row = csv_row(1, &text).unwrap();
        assert!(row.contains("PRIORITY 2361\",\"UNCLAS SECTION 01 OF 02 ASTANA 001145 \n"));
    }
}
