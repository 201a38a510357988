//! Where a row of a `cables.csv` starts: a line that begins with the row number and a
//! comma (`12,"` or `"12",`). The reader resynchronises on it and `detect` recognises
//! an archive by it; the test is written here once.

use super::Dialect;

/// What follows the row number and its comma when `line` begins like a row: `N,` or
/// `"N",` (one or more digits); `None` otherwise.
#[inline]
pub(crate) fn after_row_number(line: &[u8]) -> Option<&[u8]> {
    // Most lines inside a record start with neither: decide those at once.
    if !matches!(line.first(), Some(b'0'..=b'9' | b'"')) {
        return None;
    }
    let line = line.strip_prefix(b"\"").unwrap_or(line);
    let digits = line.iter().take_while(|b| b.is_ascii_digit()).count();
    let rest = &line[digits..];
    let rest = rest.strip_prefix(b"\"").unwrap_or(rest);
    rest.strip_prefix(b",").filter(|_| digits > 0)
}

/// Whether a physical line starts a new row: a row number (maybe quoted), a comma,
/// then a quote. An RFC 4180 writer quotes only the fields that need it, so there a
/// bare date (`12/28/1966`) may follow the comma too.
#[inline]
pub(super) fn starts_row(line: &[u8], dialect: Dialect) -> bool {
    after_row_number(line).is_some_and(|next| {
        next.starts_with(b"\"") || (dialect == Dialect::Rfc4180 && starts_with_date(next))
    })
}

/// Whether `s` starts with a date `M/D/YYYY` (one or two digits for month and day).
fn starts_with_date(s: &[u8]) -> bool {
    let mut rest = s;
    for (min, max, sep) in [(1, 2, Some(b'/')), (1, 2, Some(b'/')), (4, 4, None)] {
        let n = rest
            .iter()
            .take(max)
            .take_while(|b| b.is_ascii_digit())
            .count();
        if n < min {
            return false;
        }
        rest = &rest[n..];
        if let Some(sep) = sep {
            match rest.split_first() {
                Some((b, tail)) if *b == sep => rest = tail,
                _ => return false,
            }
        }
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_row_begins_with_its_number_and_a_comma() {
        assert_eq!(after_row_number(b"12,\"A\""), Some(&b"\"A\""[..]));
        assert_eq!(after_row_number(b"\"12\",X"), Some(&b"X"[..]));
        for no in [
            &b""[..],
            b",\"A\"",
            b"\",\"A\"",
            b"12 ,\"A\"",
            b"A12,\"A\"",
            b"12",
        ] {
            assert_eq!(
                after_row_number(no),
                None,
                "{:?}",
                String::from_utf8_lossy(no)
            );
        }
    }

    #[test]
    fn a_row_starts_with_a_quoted_field_or_in_rfc_4180_a_date() {
        assert!(starts_row(b"1,\"12/28/1966 18:48\"", Dialect::Backslash));
        assert!(!starts_row(b"1,12/28/1966 18:48", Dialect::Backslash));
        assert!(starts_row(b"1,12/28/1966 18:48", Dialect::Rfc4180));
        assert!(!starts_row(b"12, NOT A ROW", Dialect::Rfc4180));
    }
}
