//! Streaming over a `cables.csv` file: one record at a time, in constant memory.
//!
//! ```
//! use cable_core::csv::Records;
//! let data = "1,\"12/28/1966 18:48\",\"66X1\",\"Embassy X\",\"UNCLASSIFIED\",\"\",\"\",\"UNCLAS X 000001\nHELLO\"\n\
//!             2,\"oops\n";
//! let rows: Vec<_> = Records::new(data.as_bytes()).collect();
//! assert_eq!(rows.len(), 2);
//! let cable = cable_core::parse(&rows[0].as_ref().unwrap().text);
//! assert_eq!(cable.metadata.unwrap().reference_id, "66X1");
//! assert_eq!(rows[1].as_ref().unwrap_err().row, 2);
//! ```

use std::io::BufRead;

/// One record of a CSV file: the text of one cable row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Record {
    /// 1-based number of the record in the file.
    pub row: usize,
    /// 1-based line where the record starts.
    pub line: usize,
    /// The record, without its final line break; parse it with [`crate::parse`].
    pub text: String,
}

/// A record that could not be read; the stream goes on after it.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("row {row} (line {line}): {message}")]
pub struct RecordError {
    /// 1-based number of the record in the file.
    pub row: usize,
    /// 1-based line where the record starts.
    pub line: usize,
    /// What is wrong.
    pub message: String,
}

/// An iterator over the records of a `cables.csv` file.
///
/// Records are split on line breaks outside quoted fields (a backslash escapes the
/// next character inside quotes). A record whose quote never closes ends where the
/// next line looks like the start of a row (`N,"`), and is reported as an error.
pub struct Records<R> {
    reader: R,
    row: usize,
    line: usize,
    /// A line read ahead that starts the next record.
    pending: Option<Vec<u8>>,
    max_record_bytes: usize,
    done: bool,
}

impl<R: BufRead> Records<R> {
    /// Reads records from `reader`.
    pub fn new(reader: R) -> Self {
        Records {
            reader,
            row: 0,
            line: 1,
            pending: None,
            max_record_bytes: crate::DEFAULT_MAX_INPUT_BYTES,
            done: false,
        }
    }

    /// Records longer than this are reported as errors (and skipped) instead of kept in memory.
    pub fn max_record_bytes(mut self, limit: usize) -> Self {
        self.max_record_bytes = limit;
        self
    }

    fn next_line(&mut self) -> std::io::Result<Option<Vec<u8>>> {
        if let Some(line) = self.pending.take() {
            return Ok(Some(line));
        }
        let mut buf = Vec::new();
        let n = self.reader.read_until(b'\n', &mut buf)?;
        Ok((n > 0).then_some(buf))
    }
}

/// Whether a physical line starts a new row: digits, a comma, then a quote or digit.
fn starts_row(line: &[u8]) -> bool {
    let line = line.strip_prefix(b"\"").unwrap_or(line);
    let digits = line.iter().take_while(|b| b.is_ascii_digit()).count();
    let rest = &line[digits..];
    let rest = rest.strip_prefix(b"\"").unwrap_or(rest);
    digits > 0 && rest.starts_with(b",\"")
}

/// Scans a line for quotes; returns whether the record is still inside quotes after it.
fn scan_quotes(line: &[u8], mut in_quotes: bool) -> bool {
    let mut i = 0;
    while i < line.len() {
        match line[i] {
            b'\\' if in_quotes => i += 1,
            b'"' => in_quotes = !in_quotes,
            _ => {}
        }
        i += 1;
    }
    in_quotes
}

impl<R: BufRead> Iterator for Records<R> {
    type Item = Result<Record, RecordError>;

    fn next(&mut self) -> Option<Self::Item> {
        if self.done {
            return None;
        }
        let start_line = self.line;
        let mut record: Vec<u8> = Vec::new();
        let mut in_quotes = false;
        let mut too_long = false;
        let mut unterminated = false;
        loop {
            let line = match self.next_line() {
                Ok(Some(line)) => line,
                Ok(None) => {
                    self.done = true;
                    if record.is_empty() && !too_long {
                        return None;
                    }
                    unterminated = in_quotes;
                    break;
                }
                Err(e) => {
                    self.done = true;
                    self.row += 1;
                    return Some(Err(RecordError {
                        row: self.row,
                        line: start_line,
                        message: format!("read error: {e}"),
                    }));
                }
            };
            if in_quotes && starts_row(&line) {
                self.pending = Some(line);
                unterminated = true;
                break;
            }
            self.line += 1;
            in_quotes = scan_quotes(&line, in_quotes);
            if record.len() + line.len() > self.max_record_bytes {
                too_long = true;
            } else if !too_long {
                record.extend_from_slice(&line);
            }
            if !in_quotes {
                break;
            }
        }
        self.row += 1;
        let (row, line) = (self.row, start_line);
        let err = |message: String| Some(Err(RecordError { row, line, message }));
        if too_long {
            return err(format!(
                "record longer than {} bytes",
                self.max_record_bytes
            ));
        }
        if unterminated {
            return err("a quoted field is never closed".to_string());
        }
        while record.last().is_some_and(|b| *b == b'\n' || *b == b'\r') {
            record.pop();
        }
        let text = match String::from_utf8(record) {
            Ok(text) => text,
            Err(e) => {
                return err(format!(
                    "invalid UTF-8 at byte {} of the record",
                    e.utf8_error().valid_up_to()
                ))
            }
        };
        match crate::containers::csv_fields(&text).map(|f| f.len()) {
            Some(8) => Some(Ok(Record { row, line, text })),
            Some(n) => err(format!("expected 8 fields, found {n}")),
            None => err("the record does not split into fields".to_string()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(n: usize, body: &str) -> String {
        format!("{n},\"12/28/1966 18:48\",\"66X{n}\",\"Embassy X\",\"UNCLASSIFIED\",\"\",\"\",\"{body}\"\n")
    }

    #[test]
    fn splits_rows_with_multiline_quoted_fields() {
        let data = row(1, "A\nB \\\"Q\\\"\n") + &row(2, "C");
        let rows: Vec<_> = Records::new(data.as_bytes()).map(Result::unwrap).collect();
        assert_eq!(rows.len(), 2);
        assert_eq!((rows[1].row, rows[1].line), (2, 4));
    }

    #[test]
    fn unterminated_row_is_an_error_and_the_stream_goes_on() {
        let data = "1,\"12/28/1966 18:48\",\"broken\n".to_string() + &row(2, "C");
        let rows: Vec<_> = Records::new(data.as_bytes()).collect();
        assert_eq!(rows.len(), 2);
        assert_eq!(rows[0].as_ref().unwrap_err().row, 1);
        assert_eq!(rows[1].as_ref().unwrap().row, 2);
    }

    #[test]
    fn wrong_field_count_and_bad_utf8_are_errors() {
        let mut data = b"1,2,3\n".to_vec();
        data.extend_from_slice(row(2, "\u{e9}").as_bytes());
        data.extend_from_slice(b"3,\"\xff\",\"\",\"\",\"\",\"\",\"\",\"\"\n");
        let rows: Vec<_> = Records::new(&data[..]).collect();
        assert!(rows[0].as_ref().unwrap_err().message.contains("8 fields"));
        assert!(rows[1].is_ok());
        assert!(rows[2].as_ref().unwrap_err().message.contains("UTF-8"));
    }
}
