//! What the fuzz targets do, shared: parse the input one way, then check every invariant.
//!
//! A panic here is a finding: libFuzzer saves the input under `artifacts/<target>/`.

pub mod invariants;

use cable_core::csv::Records;
use cable_core::{decode, parse, parse_bytes, parse_with, Container, Error, Options};

/// Parses `data` as `container` (detected when `None`), leniently or strictly, and checks the tree.
pub fn parse_as(data: &[u8], container: Option<Container>, strict: bool) {
    let mut options = Options::new().strict(strict);
    if let Some(c) = container {
        options = options.container(c);
    }
    let Ok(input) = std::str::from_utf8(data) else {
        let err = parse_bytes(data, &options).expect_err("bytes that are not UTF-8 are refused");
        let offset = std::str::from_utf8(data).unwrap_err().valid_up_to();
        assert_eq!(
            err,
            Error::InvalidUtf8 { offset },
            "wrong offset for invalid UTF-8"
        );
        return;
    };
    let decoded = decode(input, container);
    match parse_with(input, &options) {
        Ok(cable) => {
            assert_eq!(
                cable.container, decoded.container,
                "the tree names another container than decode"
            );
            invariants::check_cable(&cable, &decoded.text);
        }
        Err(err) => {
            assert!(strict, "lenient parsing failed: {err}");
            check_error(&err, &decoded.text);
        }
    }
}

/// `parse` with detection equals lenient `parse_with`, and its tree holds the invariants.
pub fn parse_detected(data: &[u8]) {
    let Ok(input) = std::str::from_utf8(data) else {
        parse_as(data, None, false);
        return;
    };
    let cable = parse(input);
    invariants::check_cable(&cable, &decode(input, None).text);
    assert!(
        parse_bytes(data, &Options::new()).expect("UTF-8 parses") == cable,
        "parse_bytes differs from parse"
    );
}

/// The CSV stream: records under the limit, each one a row that parses.
pub fn csv_records(data: &[u8]) {
    const LIMIT: usize = 4096;
    for record in Records::new(data)
        .max_record_bytes(LIMIT)
        .take(10_000)
        .flatten()
    {
        assert!(
            record.text.len() <= LIMIT,
            "a record longer than the limit was kept"
        );
        parse_as(record.text.as_bytes(), Some(Container::CsvRow), false);
        // The fields the reader split decode as the text's own split does.
        if record.dialect() == cable_core::csv::Dialect::Backslash {
            assert!(
                record.decode() == cable_core::decode(&record.text, Some(Container::CsvRow)),
                "a record decodes unlike its text"
            );
        }
    }
}

/// A strict-mode error points into the document text, with a consistent line number.
pub fn check_error(err: &Error, text: &str) {
    match err {
        Error::Syntax {
            line,
            column,
            offset,
            ..
        } => {
            assert!(
                *offset <= text.len(),
                "error offset {offset} past the text ({} bytes)",
                text.len()
            );
            assert!(*line >= 1 && *column >= 1, "lines and columns are 1-based");
            assert_eq!(
                *line,
                text.as_bytes()[..*offset]
                    .iter()
                    .filter(|&&b| b == b'\n')
                    .count()
                    + 1,
                "error line does not match its offset"
            );
        }
        other => panic!("unexpected error for a UTF-8 input under the size limit: {other}"),
    }
}
