//! The records of a `cables.csv` file, read one at a time in constant memory, and of a
//! byte range of it.

use std::borrow::Cow;
use std::io::{self, BufRead, Read, Seek, SeekFrom};

use memchr::memchr;

use super::row_start::starts_row;
use super::{split_fields, Dialect, Field};

/// The fields of a `cables.csv` row.
const FIELDS: usize = 8;

/// How much of the start of a file [`Records`] reads to detect its dialect.
const DETECT_BYTES: usize = 64 * 1024;

/// One record of a CSV file: the text of one cable row, and where its fields lie.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Record {
    /// 1-based number of the record in the file.
    pub row: usize,
    /// 1-based line where the record starts.
    pub line: usize,
    /// The record, without its final line break; parse it with [`crate::parse_record`].
    pub text: String,
    /// Byte offset of the record's first byte in the file (also in a [`Records::range`]
    /// read, whose `row` and `line` count from the range's first record).
    pub offset: u64,
    fields: [Field; FIELDS],
    dialect: Dialect,
}

impl Record {
    /// The text of field `i` (0 to 7: row number, date, reference id, origin,
    /// classification, referenced ids, header, body), its escapes undone.
    ///
    /// ```
    /// use cable_core::csv::Records;
    /// let data = b"7,\"01/02/2003 04:05\",\"03X7\",\"X\",\"SECRET\",\"\",\"\",\"SAID \\\"NO\\\"\"\n";
    /// let record = Records::new(&data[..]).next().unwrap().unwrap();
    /// assert_eq!(record.field(0).as_deref(), Some("7"));
    /// assert_eq!(record.field(7).as_deref(), Some("SAID \"NO\""));
    /// assert_eq!(record.field(8), None);
    /// ```
    pub fn field(&self, i: usize) -> Option<Cow<'_, str>> {
        Some(self.fields.get(i)?.value(&self.text, self.dialect))
    }

    /// The dialect the record was read in.
    pub fn dialect(&self) -> Dialect {
        self.dialect
    }

    /// Where the record's fields lie, as the reader split them.
    pub(crate) fn fields(&self) -> &[Field] {
        &self.fields
    }
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
/// Records are split on line breaks outside quoted fields (in [`Dialect::Backslash`], a
/// backslash escapes the next character inside quotes). A record whose quote never
/// closes ends where the next line looks like the start of a row (`N,"`), and is
/// reported as an error.
pub struct Records<R> {
    /// The reader, after the bytes read ahead to detect the dialect.
    reader: io::Chain<io::Cursor<Vec<u8>>, R>,
    row: usize,
    line: usize,
    /// Offset in the file of the next byte `reader` gives.
    pos: u64,
    /// A line read ahead that starts the next record, and its offset.
    pending: Option<(u64, Vec<u8>)>,
    /// The length of the last record, to size the next one's buffer.
    last_len: usize,
    /// Records starting at a row start at or past this offset belong to the next range.
    end: u64,
    max_record_bytes: usize,
    /// `None` until detected from the start of the file.
    dialect: Option<Dialect>,
    done: bool,
}

impl<R: BufRead> Records<R> {
    /// Reads records from `reader`, detecting the dialect from its first 64 KiB.
    pub fn new(reader: R) -> Self {
        Records {
            reader: io::Cursor::new(Vec::new()).chain(reader),
            row: 0,
            line: 1,
            pos: 0,
            pending: None,
            last_len: 0,
            end: u64::MAX,
            max_record_bytes: crate::DEFAULT_MAX_INPUT_BYTES,
            dialect: None,
            done: false,
        }
    }

    /// Records longer than this are reported as errors (and skipped) instead of kept in memory.
    pub fn max_record_bytes(mut self, limit: usize) -> Self {
        self.max_record_bytes = limit;
        self
    }

    /// Reads the file in `dialect` instead of detecting it.
    ///
    /// ```
    /// use cable_core::csv::{Dialect, Records};
    /// // Saved by Python's csv module: the backslash before the quote is text.
    /// let data = b"1,\"12/28/1966 18:48\",\"66X1\",\"X\",\"UNCLASSIFIED\",\"\",\"\",\"C:\\\"\n";
    /// let mut records = Records::new(&data[..]).dialect(Dialect::Rfc4180);
    /// assert_eq!(records.next().unwrap().unwrap().field(7).as_deref(), Some("C:\\"));
    /// ```
    pub fn dialect(mut self, dialect: Dialect) -> Self {
        self.dialect = Some(dialect);
        self
    }

    /// The dialect: detected from the first bytes of the reader, which are kept to be
    /// read again.
    fn detect(&mut self) -> io::Result<Dialect> {
        if let Some(dialect) = self.dialect {
            return Ok(dialect);
        }
        let mut head = Vec::new();
        let (cursor, reader) = self.reader.get_mut();
        reader.take(DETECT_BYTES as u64).read_to_end(&mut head)?;
        let dialect = Dialect::detect(&head);
        *cursor = io::Cursor::new(head);
        self.dialect = Some(dialect);
        Ok(dialect)
    }

    /// Appends the next physical line to `out`; returns its offset, or `None` at the end.
    ///
    /// Lines go straight into the record they belong to (one copy of the bytes), found
    /// with `memchr`, which is several times faster than `BufRead::read_until`'s search.
    fn read_line(&mut self, out: &mut Vec<u8>) -> io::Result<Option<u64>> {
        if let Some((at, line)) = self.pending.take() {
            out.extend_from_slice(&line);
            return Ok(Some(at));
        }
        let at = self.pos;
        let start = out.len();
        loop {
            let available = match self.reader.fill_buf() {
                Ok(available) => available,
                Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                Err(e) => return Err(e),
            };
            if available.is_empty() {
                break;
            }
            let (n, complete) = match memchr(b'\n', available) {
                Some(i) => (i + 1, true),
                None => (available.len(), false),
            };
            out.extend_from_slice(&available[..n]);
            self.reader.consume(n);
            self.pos += n as u64;
            if complete {
                break;
            }
        }
        Ok((out.len() > start).then_some(at))
    }
}

impl<R: BufRead + Seek> Records<R> {
    /// The records of `reader` (a whole file) that start in the byte range
    /// `start..end`: from the first line at or after `start` that starts a row
    /// (`N,"`; offset 0 always does) up to, not including, the first such line at or
    /// after `end`. Ranges that tile a file together give each of its records once.
    /// `end` may lie past the end of the file (`u64::MAX` reads to the end).
    ///
    /// The dialect is detected from the start of the file, as for a whole read, so
    /// that every range reads the same way.
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
    pub fn range(reader: R, start: u64, end: u64) -> io::Result<Self> {
        Self::range_in(reader, start, end, None)
    }

    /// [`Records::range`] in a given dialect.
    pub fn range_with_dialect(
        reader: R,
        start: u64,
        end: u64,
        dialect: Dialect,
    ) -> io::Result<Self> {
        Self::range_in(reader, start, end, Some(dialect))
    }

    fn range_in(mut reader: R, start: u64, end: u64, dialect: Option<Dialect>) -> io::Result<Self> {
        let dialect = match dialect {
            Some(dialect) => dialect,
            None if start == 0 => {
                reader.seek(SeekFrom::Start(0))?;
                let mut records = Records::new(reader);
                records.end = end;
                return Ok(records);
            }
            None => {
                reader.seek(SeekFrom::Start(0))?;
                let mut head = Vec::new();
                (&mut reader)
                    .take(DETECT_BYTES as u64)
                    .read_to_end(&mut head)?;
                Dialect::detect(&head)
            }
        };
        reader.seek(SeekFrom::Start(start.saturating_sub(1)))?;
        let mut records = Records::new(reader).dialect(dialect);
        records.pos = start.saturating_sub(1);
        records.end = end;
        if start > 0 {
            // The byte before `start` tells whether `start` begins a line: read up to
            // the end of the line it is in, then look for the first row start.
            let mut line = Vec::new();
            records.read_line(&mut line)?;
            loop {
                line.clear();
                match records.read_line(&mut line)? {
                    None => {
                        records.done = true;
                        break;
                    }
                    Some(at) if starts_row(&line, dialect) => {
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

impl<R: BufRead> Iterator for Records<R> {
    type Item = Result<Record, RecordError>;

    fn next(&mut self) -> Option<Self::Item> {
        if self.done {
            return None;
        }
        let start_line = self.line;
        let read_error = |this: &mut Self, e: io::Error, offset: Option<u64>| {
            this.done = true;
            this.row += 1;
            Some(Err(RecordError {
                row: this.row,
                line: start_line,
                message: format!("read error: {e}"),
                offset: offset.unwrap_or(this.pos),
            }))
        };
        let dialect = match self.detect() {
            Ok(dialect) => dialect,
            Err(e) => return read_error(self, e, None),
        };
        let mut record: Vec<u8> = Vec::with_capacity(self.last_len.min(self.max_record_bytes));
        let mut in_quotes = false;
        let mut too_long = false;
        let mut unterminated = false;
        let mut offset = None;
        loop {
            let start = record.len();
            let at = match self.read_line(&mut record) {
                Ok(Some(at)) => at,
                Ok(None) => {
                    self.done = true;
                    if record.is_empty() && !too_long {
                        return None;
                    }
                    unterminated = in_quotes;
                    break;
                }
                Err(e) => return read_error(self, e, offset),
            };
            let line = &record[start..];
            if offset.is_none() && at >= self.end && (at == 0 || starts_row(line, dialect)) {
                // The first record of the next range (offset 0 starts a record whatever
                // it holds): that range reads it.
                self.done = true;
                return None;
            }
            if in_quotes && starts_row(line, dialect) {
                self.pending = Some((at, line.to_vec()));
                record.truncate(start);
                unterminated = true;
                break;
            }
            offset.get_or_insert(at);
            self.line += 1;
            in_quotes = dialect.scan_quotes(line, in_quotes);
            if too_long || record.len() > self.max_record_bytes {
                // Past the limit the lines are scanned, not kept.
                too_long = true;
                record.truncate(start);
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
        self.last_len = record.len();
        let text = match String::from_utf8(record) {
            Ok(text) => text,
            Err(e) => {
                return err(format!(
                    "invalid UTF-8 at byte {} of the record",
                    e.utf8_error().valid_up_to()
                ))
            }
        };
        let mut fields = [Field::default(); FIELDS];
        let mut n = 0;
        let split = split_fields(&text, dialect, |field| {
            if let Some(slot) = fields.get_mut(n) {
                *slot = field;
            }
            n += 1;
        });
        match split {
            Some(FIELDS) => Some(Ok(Record {
                row,
                line,
                text,
                offset,
                fields,
                dialect,
            })),
            Some(n) => err(format!("expected 8 fields, found {n}")),
            None => err("the record does not split into fields".to_string()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::csv::test_data::{fixtures, read, row, tricky_fields, write_rows};

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

    #[test]
    fn both_dialects_read_the_same_cables() {
        let rows: Vec<_> = (1..=3).map(tricky_fields).collect();
        let mut texts = Vec::new();
        let writers = [
            (Dialect::Backslash, false),
            (Dialect::Rfc4180, false),
            (Dialect::Rfc4180, true),
        ];
        for (dialect, minimal) in writers {
            let data = write_rows(&rows, dialect, minimal);
            assert_eq!(Dialect::detect(data.as_bytes()), dialect);
            let records: Vec<Record> = Records::new(data.as_bytes()).map(Result::unwrap).collect();
            assert_eq!(records.len(), rows.len(), "{dialect:?}");
            for (record, fields) in records.iter().zip(&rows) {
                assert_eq!(record.dialect(), dialect);
                for (i, field) in fields.iter().enumerate() {
                    assert_eq!(
                        record.field(i).as_deref(),
                        Some(field.as_str()),
                        "{dialect:?}"
                    );
                }
            }
            let decoded: Vec<String> = records
                .iter()
                .map(|r| r.decode().text.into_owned())
                .collect();
            texts.push(decoded);
            // Ranges read the dialect of the whole file too.
            let whole = read(data.as_bytes(), None);
            for cut in (0..data.len() as u64).step_by(17) {
                let mut both = read(data.as_bytes(), Some((0, cut)));
                both.extend(read(data.as_bytes(), Some((cut, u64::MAX))));
                assert_eq!(both, whole, "{dialect:?}, cut at {cut}");
            }
        }
        assert_eq!(texts[0], texts[1]);
        assert_eq!(texts[0], texts[2]);
        // Read in the other dialect, the backslashes go wrong: the test can tell them apart.
        let rfc = write_rows(&rows, Dialect::Rfc4180, false);
        let misread: Vec<_> = Records::new(rfc.as_bytes())
            .dialect(Dialect::Backslash)
            .collect();
        assert!(misread.iter().any(|r| match r {
            Ok(r) => r.field(7).as_deref() != Some(rows[0][7].as_str()),
            Err(_) => true,
        }));
    }

    #[test]
    fn a_file_without_escaped_quotes_reads_as_the_release() {
        assert_eq!(Dialect::detect(b""), Dialect::Backslash);
        let data = row(1, "A") + &row(2, "C:\\\\");
        let records: Vec<_> = Records::new(data.as_bytes()).map(Result::unwrap).collect();
        assert_eq!(records[1].dialect(), Dialect::Backslash);
        assert_eq!(records[1].field(7).as_deref(), Some("C:\\"));
        // Doubled quotes alone say RFC 4180; with one backslash escape, the release.
        assert_eq!(Dialect::detect(b"1,\"A \"\"B\"\" C\""), Dialect::Rfc4180);
        assert_eq!(
            Dialect::detect(b"1,\"A \"\"B\"\" \\\"C\\\"\""),
            Dialect::Backslash
        );
    }
}
