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
//!
//! ## Reading a part of a file
//!
//! [`Records::range`] reads the records of one byte range of a file, so that N workers
//! can share one big archive: each reads the records that *start* in its range, going
//! past the range's end to finish the last one. A worker whose range starts inside a
//! record skips forward to the first line that starts a row (`N,"`, the test the reader
//! uses to recover from an unclosed quote), which is where the worker before it stops.
//! So ranges that tile the file (`0..a`, `a..b`, ..., `z..len`) together yield every
//! record exactly once, in order.

use std::io::{self, BufRead, Seek, SeekFrom};

/// One record of a CSV file: the text of one cable row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Record {
    /// 1-based number of the record in the file.
    pub row: usize,
    /// 1-based line where the record starts.
    pub line: usize,
    /// The record, without its final line break; parse it with [`crate::parse`].
    pub text: String,
    /// Byte offset of the record's first byte in the file (also in a [`Records::range`]
    /// read, whose `row` and `line` count from the range's first record).
    pub offset: u64,
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
    /// Byte offset of the record's first byte in the file.
    pub offset: u64,
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
    /// Offset in the file of the next byte `reader` gives.
    pos: u64,
    /// A line read ahead that starts the next record, and its offset.
    pending: Option<(u64, Vec<u8>)>,
    /// Records starting at a row start at or past this offset belong to the next range.
    end: u64,
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
            pos: 0,
            pending: None,
            end: u64::MAX,
            max_record_bytes: crate::DEFAULT_MAX_INPUT_BYTES,
            done: false,
        }
    }

    /// Records longer than this are reported as errors (and skipped) instead of kept in memory.
    pub fn max_record_bytes(mut self, limit: usize) -> Self {
        self.max_record_bytes = limit;
        self
    }

    /// The next physical line and its offset.
    fn next_line(&mut self) -> io::Result<Option<(u64, Vec<u8>)>> {
        if let Some(pending) = self.pending.take() {
            return Ok(Some(pending));
        }
        let mut buf = Vec::new();
        let at = self.pos;
        let n = self.reader.read_until(b'\n', &mut buf)?;
        self.pos += n as u64;
        Ok((n > 0).then_some((at, buf)))
    }
}

impl<R: BufRead + Seek> Records<R> {
    /// The records of `reader` (a whole file) that start in the byte range
    /// `start..end`: from the first line at or after `start` that starts a row
    /// (`N,"`; offset 0 always does) up to, not including, the first such line at or
    /// after `end`. Ranges that tile a file together give each of its records once.
    /// `end` may lie past the end of the file (`u64::MAX` reads to the end).
    ///
    /// `row` and `line` count from the range's first record; [`Record::offset`] is the
    /// offset in the file.
    ///
    /// ```
    /// # fn main() -> std::io::Result<()> {
    /// use cable_core::csv::Records;
    /// let row = |n| format!("{n},\"12/28/1966 18:48\",\"66X{n}\",\"X\",\"UNCLASSIFIED\",\"\",\"\",\"A\nB\"\n");
    /// let data: String = (1..=4).map(row).collect();
    /// let half = data.len() as u64 / 2;
    /// let file = || std::io::Cursor::new(data.as_bytes());
    /// let first: Vec<_> = Records::range(file(), 0, half)?.map(Result::unwrap).collect();
    /// let second: Vec<_> = Records::range(file(), half, u64::MAX)?.map(Result::unwrap).collect();
    /// assert_eq!((first.len(), second.len()), (2, 2));
    /// assert!(second[0].text.starts_with("3,"));
    /// assert_eq!((second[0].row, second[0].offset), (1, 2 * row(1).len() as u64));
    /// # Ok(())
    /// # }
    /// ```
    pub fn range(mut reader: R, start: u64, end: u64) -> io::Result<Self> {
        reader.seek(SeekFrom::Start(start.saturating_sub(1)))?;
        let mut records = Records::new(reader);
        records.pos = start.saturating_sub(1);
        records.end = end;
        if start > 0 {
            // The byte before `start` tells whether `start` begins a line: read up to
            // the end of the line it is in, then look for the first row start.
            let mut partial = Vec::new();
            records.pos += records.reader.read_until(b'\n', &mut partial)? as u64;
            loop {
                match records.next_line()? {
                    None => {
                        records.done = true;
                        break;
                    }
                    Some((at, line)) if starts_row(&line) => {
                        records.done = at >= end;
                        records.pending = Some((at, line));
                        break;
                    }
                    Some(_) => {}
                }
            }
        }
        Ok(records)
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
        let mut offset = None;
        loop {
            let (at, line) = match self.next_line() {
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
                        offset: offset.unwrap_or(self.pos),
                    }));
                }
            };
            if offset.is_none() && at >= self.end && (at == 0 || starts_row(&line)) {
                // The first record of the next range (offset 0 starts a record whatever
                // it holds): that range reads it.
                self.done = true;
                return None;
            }
            if in_quotes && starts_row(&line) {
                self.pending = Some((at, line));
                unterminated = true;
                break;
            }
            offset.get_or_insert(at);
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
        let offset = offset.unwrap_or(self.pos);
        let err = |message: String| {
            Some(Err(RecordError {
                row,
                line,
                message,
                offset,
            }))
        };
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
            Some(8) => Some(Ok(Record {
                row,
                line,
                text,
                offset,
            })),
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

    /// What a read yields, keyed by offset in the file (row and line numbers of a range
    /// read count from the range, so they are left out).
    fn read(data: &[u8], range: Option<(u64, u64)>) -> Vec<(u64, Result<String, String>)> {
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
    fn fixtures() -> Vec<Vec<u8>> {
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

    #[test]
    fn fixtures_hold_what_they_claim() {
        let [plain, last, broken] = &fixtures()[..] else {
            unreachable!()
        };
        let rows = read(plain, None);
        assert_eq!(rows.len(), 5);
        assert!(rows.iter().all(|(_, r)| r.is_ok()), "{rows:?}");
        assert!(rows[0].1.as_ref().unwrap().contains("12, NOT A ROW"));
        assert!(!last.ends_with(b"\n"));
        let broken = read(broken, None);
        let errors = broken.iter().filter(|(_, r)| r.is_err()).count();
        assert!(errors >= 3, "{broken:?}");
        let offsets: Vec<_> = broken.iter().map(|(o, _)| *o).collect();
        assert!(offsets.windows(2).all(|w| w[0] < w[1]), "{offsets:?}");
    }

    #[test]
    fn two_ranges_cut_anywhere_give_every_record_once() {
        for data in fixtures() {
            let whole = read(&data, None);
            for cut in 0..=data.len() as u64 + 1 {
                let mut both = read(&data, Some((0, cut)));
                both.extend(read(&data, Some((cut, u64::MAX))));
                assert_eq!(both, whole, "cut at {cut}");
            }
        }
    }

    #[test]
    fn n_ranges_give_every_record_once() {
        for data in fixtures() {
            let whole = read(&data, None);
            let len = data.len() as u64;
            for n in 2..=40u64 {
                let bounds: Vec<u64> = (0..=n).map(|i| len * i / n).collect();
                let all: Vec<_> = bounds
                    .windows(2)
                    .flat_map(|w| read(&data, Some((w[0], w[1]))))
                    .collect();
                assert_eq!(all, whole, "{n} ranges");
            }
            // Three ranges with both cuts anywhere (every third byte, to stay quick).
            for a in (0..=len).step_by(3) {
                for b in (a..=len).step_by(3) {
                    let mut all = read(&data, Some((0, a)));
                    all.extend(read(&data, Some((a, b))));
                    all.extend(read(&data, Some((b, len))));
                    assert_eq!(all, whole, "cuts at {a} and {b}");
                }
            }
        }
    }

    #[test]
    fn a_range_starting_on_a_row_start_reads_from_it() {
        let data = row(1, "A") + &row(2, "B");
        let second = row(1, "A").len() as u64;
        let rows = read(data.as_bytes(), Some((second, u64::MAX)));
        assert_eq!(rows.len(), 1);
        assert_eq!(rows[0].0, second);
        assert!(read(data.as_bytes(), Some((second, second))).is_empty());
        assert!(read(data.as_bytes(), Some((data.len() as u64 + 10, u64::MAX))).is_empty());
    }
}
