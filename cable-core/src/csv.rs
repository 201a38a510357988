//! Streaming over a `cables.csv` file: one record at a time, in constant memory.
//!
//! ```
//! use cable_core::csv::Records;
//! let data = "1,\"12/28/1966 18:48\",\"66X1\",\"Embassy X\",\"UNCLASSIFIED\",\"\",\"\",\"UNCLAS X 000001\nHELLO\"\n\
//!             2,\"oops\n";
//! let rows: Vec<_> = Records::new(data.as_bytes()).collect();
//! assert_eq!(rows.len(), 2);
//! let record = rows[0].as_ref().unwrap();
//! assert_eq!(record.field(2).as_deref(), Some("66X1"));
//! let cable = cable_core::parse_record(record, &Default::default()).unwrap();
//! assert_eq!(cable.metadata.unwrap().reference_id, "66X1");
//! assert_eq!(rows[1].as_ref().unwrap_err().row, 2);
//! ```
//!
//! A record is split into its fields once, by the reader; [`crate::parse_record`]
//! decodes the fields from the offsets the reader kept.
//!
//! ## Dialects
//!
//! The September 2011 release escapes with backslashes ([`Dialect::Backslash`]); the
//! same rows saved again by pandas or Python's `csv` module double their quotes and keep
//! backslashes as they are ([`Dialect::Rfc4180`]). [`Records`] tells them apart from the
//! start of the file ([`Dialect::detect`]) unless [`Records::dialect`] names one.
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

use std::borrow::Cow;
use std::io::{self, BufRead, Read, Seek, SeekFrom};

use memchr::{memchr, memchr2, memchr3};

/// The fields of a `cables.csv` row.
const FIELDS: usize = 8;

/// How much of the start of a file [`Records`] reads to detect its dialect.
pub const DETECT_BYTES: usize = 64 * 1024;

/// How the fields of a `cables.csv` are quoted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Dialect {
    /// The September 2011 release: inside quotes a backslash escapes the next
    /// character (`\"`, `\\`, `\'`, and a backslash before a line break), and `""` is a
    /// quote too.
    #[default]
    Backslash,
    /// RFC 4180, as pandas and Python's `csv` module write: `""` is a quote, a backslash
    /// is a backslash.
    Rfc4180,
}

impl Dialect {
    /// Guesses the dialect from the start of a file: [`Dialect::Rfc4180`] when it
    /// doubles a quote inside a field and never escapes one with a backslash,
    /// [`Dialect::Backslash`] (the release's) otherwise.
    ///
    /// A backslash before a quote that is followed by text can only be an escape; a
    /// doubled quote followed by text is RFC 4180's escape (which the release may also
    /// use, so it decides only when no backslash escape is seen).
    ///
    /// ```
    /// use cable_core::csv::Dialect;
    /// assert_eq!(Dialect::detect(br#"1,"SAID \"NO\" TWICE""#), Dialect::Backslash);
    /// assert_eq!(Dialect::detect(br#"1,"SAID ""NO"" AT C:\""#), Dialect::Rfc4180);
    /// assert_eq!(Dialect::detect(b"1,\"NO QUOTES\""), Dialect::Backslash);
    /// ```
    pub fn detect(head: &[u8]) -> Dialect {
        // After a quote: the end of a field, or another quote, is no evidence.
        let text_follows =
            |at: usize| !matches!(head.get(at), None | Some(b'"' | b',' | b'\r' | b'\n'));
        let mut doubled = false;
        let mut i = 0;
        while let Some(j) = memchr(b'"', &head[i..]) {
            let at = i + j;
            if at > 0 && head[at - 1] == b'\\' && text_follows(at + 1) {
                return Dialect::Backslash;
            }
            if head.get(at + 1) == Some(&b'"') {
                doubled |= (at == 0 || head[at - 1] != b'\\') && text_follows(at + 2);
                i = at + 2;
            } else {
                i = at + 1;
            }
        }
        if doubled {
            Dialect::Rfc4180
        } else {
            Dialect::Backslash
        }
    }

    /// Where the quoted field whose text starts at `from` closes: the first quote that
    /// is neither doubled nor escaped; `None` when none does.
    fn closing_quote(self, b: &[u8], mut from: usize) -> Option<usize> {
        loop {
            let at = from
                + match self {
                    Dialect::Backslash => memchr2(b'"', b'\\', &b[from..])?,
                    Dialect::Rfc4180 => memchr(b'"', &b[from..])?,
                };
            match (b[at], b.get(at + 1)) {
                // A backslash at the very end escapes nothing, and the quote is not closed.
                (b'\\', None) => return None,
                (b'\\', Some(_)) | (b'"', Some(b'"')) => from = at + 2,
                _ => return Some(at),
            }
        }
    }

    /// Whether a record is still inside quotes after `line`, if it was before it.
    fn scan_quotes(self, line: &[u8], mut in_quotes: bool) -> bool {
        let mut i = 0;
        while i < line.len() {
            let found = match self {
                Dialect::Backslash if in_quotes => memchr2(b'"', b'\\', &line[i..]),
                _ => memchr(b'"', &line[i..]),
            };
            let Some(j) = found else { break };
            let at = i + j;
            if line[at] == b'\\' {
                i = at + 2;
            } else {
                in_quotes = !in_quotes;
                i = at + 1;
            }
        }
        in_quotes
    }

    /// The text of a quoted field, its escapes undone.
    fn unescape(self, s: &str) -> Cow<'_, str> {
        let b = s.as_bytes();
        let special = |from: usize| match self {
            Dialect::Backslash => memchr2(b'"', b'\\', &b[from..]),
            Dialect::Rfc4180 => memchr(b'"', &b[from..]),
        };
        let Some(first) = special(0) else {
            return Cow::Borrowed(s);
        };
        let mut out = String::with_capacity(s.len());
        let (mut copied, mut at) = (0, first);
        loop {
            // `""` and `\"` are quotes, `\'` an apostrophe, `\\` a backslash, and a
            // backslash before a line break is the dump's line end; any other backslash is
            // text.
            let escaped = matches!(
                (b[at], b.get(at + 1)),
                (b'"', Some(b'"')) | (b'\\', Some(b'"' | b'\'' | b'\n' | b'\\'))
            );
            let next = if escaped {
                out.push_str(&s[copied..at]);
                copied = at + 1;
                at + 2
            } else {
                at + 1
            };
            match special(next.min(b.len())) {
                Some(j) => at = next + j,
                None => break,
            }
        }
        out.push_str(&s[copied..]);
        Cow::Owned(out)
    }
}

/// Where one field of a record lies: its text, inside the quotes of a quoted field.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub(crate) struct Field {
    /// Byte offset of the field's text in the record.
    pub(crate) start: usize,
    /// Byte offset of the end of the field's text.
    pub(crate) end: usize,
    /// Whether the field was quoted (and so may hold escapes).
    pub(crate) quoted: bool,
}

impl Field {
    /// The field's text in `record`, its escapes undone.
    pub(crate) fn value(self, record: &str, dialect: Dialect) -> Cow<'_, str> {
        let raw = &record[self.start..self.end];
        if self.quoted {
            dialect.unescape(raw)
        } else {
            Cow::Borrowed(raw)
        }
    }
}

// Not `csv-core`: with `escape(Some(b'\\'))` and `double_quote(true)` it drops the
// backslash before any character (`C:\DIR` reads `C:DIR`; the release keeps it), adds
// text after a closing quote to the field (here the row does not split) and reads an
// unclosed quote to the end of the input (here it falls back to an unquoted field); and
// it gives the decoded bytes, not where the fields lie.

/// Splits a record into comma-separated fields, passing each to `each`; returns how
/// many there are, or `None` when the record does not split: text after a closing
/// quote, or a line break outside quotes before the record's end.
///
/// A quoted field whose quote never closes is read as an unquoted one, up to the next
/// comma or line break.
pub(crate) fn split_fields(
    record: &str,
    dialect: Dialect,
    mut each: impl FnMut(Field),
) -> Option<usize> {
    let b = record.as_bytes();
    let mut n = 0;
    let mut pos = 0;
    loop {
        let quoted = match b.get(pos) {
            Some(b'"') => dialect.closing_quote(b, pos + 1),
            _ => None,
        };
        let next = match quoted {
            Some(close) => {
                each(Field {
                    start: pos + 1,
                    end: close,
                    quoted: true,
                });
                close + 1
            }
            None => {
                let end = memchr3(b',', b'\n', b'\r', &b[pos..]).map_or(b.len(), |i| pos + i);
                each(Field {
                    start: pos,
                    end,
                    quoted: false,
                });
                end
            }
        };
        n += 1;
        match &b[next..] {
            [b',', ..] => pos = next + 1,
            [] | b"\n" | b"\r" | b"\r\n" => return Some(n),
            _ => return None,
        }
    }
}

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
    pub fn decode(&self) -> crate::Decoded<'_> {
        crate::containers::decode_csv_fields(&self.text, Some(&self.fields), self.dialect)
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
    /// Reads records from `reader`, detecting the dialect from its first
    /// [`DETECT_BYTES`] bytes.
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

/// Whether a physical line starts a new row: a row number (maybe quoted), a comma,
/// then a quote. An RFC 4180 writer quotes only the fields that need it, so there a
/// bare date (`12/28/1966`) may follow the comma too.
#[inline]
fn starts_row(line: &[u8], dialect: Dialect) -> bool {
    // Most lines inside a record start with neither: decide those at once.
    if !matches!(line.first(), Some(b'0'..=b'9' | b'"')) {
        return false;
    }
    let line = line.strip_prefix(b"\"").unwrap_or(line);
    let digits = line.iter().take_while(|b| b.is_ascii_digit()).count();
    let rest = &line[digits..];
    let rest = rest.strip_prefix(b"\"").unwrap_or(rest);
    let Some(next) = rest.strip_prefix(b",").filter(|_| digits > 0) else {
        return false;
    };
    next.starts_with(b"\"") || (dialect == Dialect::Rfc4180 && starts_with_date(next))
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

    /// Field texts with everything the two dialects escape differently: quotes,
    /// backslashes (before a quote, a line break, an apostrophe, another backslash, at
    /// the end), apostrophes, commas, CRLF and a line that begins like a row but does not
    /// start one.
    fn tricky_fields(n: usize) -> [String; 8] {
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
    fn write_rows(rows: &[[String; 8]], dialect: Dialect, minimal: bool) -> String {
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

    /// The `csv_record` rule the splitter replaced, kept as the reference it is checked
    /// against (the release's dialect).
    #[derive(pest_derive::Parser)]
    #[grammar_inline = r#"
csv_record = { SOI ~ csv_field ~ ("," ~ csv_field)* ~ nl? ~ EOI }
csv_field = _{ csv_quoted | csv_bare }
csv_quoted = { "\"" ~ csv_quoted_inner ~ "\"" }
csv_quoted_inner = @{ ("\"\"" | "\\" ~ ANY | !"\"" ~ ANY)* }
csv_bare = @{ (!("," | "\n" | "\r") ~ ANY)* }
nl = _{ "\r\n" | "\n" | "\r" }
"#]
    struct PestCsv;

    /// The fields as the `csv_record` rule split and unescaped them.
    fn pest_fields(record: &str) -> Option<Vec<(usize, String)>> {
        use pest::Parser;
        let pairs = PestCsv::parse(Rule::csv_record, record)
            .ok()?
            .next()?
            .into_inner();
        let mut fields = Vec::new();
        for pair in pairs {
            match pair.as_rule() {
                Rule::csv_quoted => {
                    let inner = pair.into_inner().next()?;
                    fields.push((inner.as_span().start(), pest_unescape(inner.as_str())));
                }
                Rule::csv_bare => fields.push((pair.as_span().start(), pair.as_str().to_string())),
                _ => {}
            }
        }
        Some(fields)
    }

    /// The unescaping that went with the rule, as it was.
    fn pest_unescape(s: &str) -> String {
        let mut out = String::with_capacity(s.len());
        let mut chars = s.chars().peekable();
        while let Some(c) = chars.next() {
            match (c, chars.peek().copied()) {
                ('"', Some('"'))
                | ('\\', Some('"'))
                | ('\\', Some('\''))
                | ('\\', Some('\n'))
                | ('\\', Some('\\')) => out.push(chars.next().unwrap_or(c)),
                _ => out.push(c),
            }
        }
        out
    }

    fn new_fields(record: &str) -> Option<Vec<(usize, String)>> {
        let mut fields = Vec::new();
        split_fields(record, Dialect::Backslash, |f| {
            fields.push((f.start, f.value(record, Dialect::Backslash).into_owned()))
        })?;
        Some(fields)
    }

    #[test]
    fn the_splitter_splits_as_the_rule_did() {
        let mut cases: Vec<String> = vec![
            String::new(),
            "\"".into(),
            "\\".into(),
            "\"a\\".into(),
            "\"a\"x,b".into(),
            "a,\"b\nc\",d\r\n".into(),
            "a\n\n".into(),
            "\"\"\"\",\"\\\"\\'\\\\\\\n\\x\"".into(),
            "1,\"never closed, at all\nb".into(),
            "a\"b,\"c\"\"\",\"\u{e9}\\\u{e9}\"".into(),
        ];
        for data in fixtures() {
            let text = String::from_utf8(data).unwrap();
            cases.extend(text.split_inclusive('\n').map(String::from));
            cases.extend(
                read(text.as_bytes(), None)
                    .into_iter()
                    .filter_map(|(_, r)| r.ok()),
            );
        }
        // Every string of up to 6 characters over the characters that matter.
        let alphabet = ['"', '\\', ',', '\n', '\r', 'a', '\''];
        let mut strings = vec![String::new()];
        for _ in 0..6 {
            strings = strings
                .iter()
                .flat_map(|s| alphabet.iter().map(move |c| format!("{s}{c}")))
                .collect();
            cases.extend(strings.iter().cloned());
        }
        for case in &cases {
            assert_eq!(new_fields(case), pest_fields(case), "{case:?}");
        }
    }
}
