//! A record split into its fields, once: where each field's text lies.

use std::borrow::Cow;

use memchr::memchr3;

use super::Dialect;

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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::csv::test_data::{fixtures, read};

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
