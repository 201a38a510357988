//! How the fields of a `cables.csv` are quoted, and what that means for its bytes.

use std::borrow::Cow;

use memchr::{memchr, memchr2};

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
    pub(super) fn closing_quote(self, b: &[u8], mut from: usize) -> Option<usize> {
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
    pub(super) fn scan_quotes(self, line: &[u8], mut in_quotes: bool) -> bool {
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
    pub(super) fn unescape(self, s: &str) -> Cow<'_, str> {
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
