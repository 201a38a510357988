//! Which container an input is: its first bytes tell.

use pest::Parser;

use crate::ast::Container;
use crate::grammar::{CableParser, Rule};

/// Guesses the container of `input`.
///
/// ```
/// use cable_core::{detect, Container};
/// assert_eq!(detect("<code><pre>UNCLAS STATE 000001</pre></code>"), Container::HtmlPre);
/// assert_eq!(detect("UNCLAS STATE 000001\n"), Container::BareText);
/// ```
pub fn detect(input: &str) -> Container {
    let trimmed = input.trim_start_matches('\u{feff}').trim_start();
    let head = &trimmed[..crate::text::floor_char_boundary(trimmed, 4096)];
    if trimmed.starts_with('<') {
        let lower = head.to_ascii_lowercase();
        if lower.contains("<html") || lower.contains("<!doctype") || lower.contains("<?xml") {
            return Container::HtmlPage;
        }
        return Container::HtmlPre;
    }
    let mut lines = trimmed.lines();
    let first = lines.next().unwrap_or("");
    if looks_like_csv_row(first) {
        return Container::CsvRow;
    }
    if ["<pre", "<br", "</a>", "<code>", "&#x000A;"]
        .iter()
        .any(|m| head.contains(m))
    {
        return Container::HtmlPre;
    }
    if crate::reference_id::is_written_id(first.trim()) {
        let _subject = lines.next();
        if lines.next().is_some_and(looks_like_date) {
            return Container::TextExport;
        }
    }
    Container::BareText
}

/// Whether a line looks like the start of a `cables.csv` row: a row number and its comma,
/// then more fields.
fn looks_like_csv_row(line: &str) -> bool {
    crate::csv::after_row_number(line.as_bytes()).is_some() && line.matches(',').count() >= 4
}

/// Whether a line is a metadata date that the calendar has, the whole line
/// (`date_line`'s first alternative).
fn looks_like_date(line: &str) -> bool {
    let Some(pair) = CableParser::parse(Rule::date_line, line)
        .ok()
        .and_then(|mut pairs| pairs.next())
    else {
        return false;
    };
    pair.as_span().end() == line.len() && crate::dates::of_date_line(&pair).is_some()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn detection() {
        assert_eq!(
            detect("09ASTANA1145\nX\nThu Jul 09 00:00:00 +0200 2009\nU\nE\n"),
            Container::TextExport
        );
        assert_eq!(detect("<!DOCTYPE html><html>"), Container::HtmlPage);
        assert_eq!(detect("12,\"a\",\"b\",\"c\",\"d\""), Container::CsvRow);
        assert_eq!(detect(""), Container::BareText);
    }
}
