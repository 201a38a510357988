//! Errors: strict-mode syntax errors, bad bytes and limits.

use std::io;
use std::path::{Path, PathBuf};

use crate::ast::Span;

/// Why a cable could not be parsed.
///
/// Lenient parsing of valid UTF-8 never fails (see [`crate::parse`]); these come from strict
/// mode, from bytes that are not UTF-8 and from inputs past the configured limits.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The text deviates from the grammar (strict mode).
    #[error("{line}:{column}: expected {expected}\n  | {snippet}")]
    Syntax {
        /// 1-based line of the offending position in the document text.
        line: usize,
        /// 1-based column, in characters.
        column: usize,
        /// Byte offset in the document text.
        offset: usize,
        /// The offending line, as written.
        snippet: String,
        /// What the grammar expected there, in words.
        expected: String,
    },
    /// The input bytes are not UTF-8.
    #[error("invalid UTF-8 at byte offset {offset}")]
    InvalidUtf8 {
        /// Offset of the first byte that is not part of a UTF-8 sequence.
        offset: usize,
    },
    /// A file could not be read ([`crate::parse_file`]).
    #[error("{}: {message}", path.display())]
    Io {
        /// The file.
        path: PathBuf,
        /// What went wrong, as the system classes it: bindings raise their language's
        /// error for it (in Python, `FileNotFoundError` for [`io::ErrorKind::NotFound`]).
        kind: io::ErrorKind,
        /// The system's reason, e.g. `No such file or directory (os error 2)`.
        message: String,
    },
    /// The input is larger than [`crate::Options::max_input_bytes`].
    #[error(
        "input of {size} bytes exceeds the limit of {limit} bytes (raise Options::max_input_bytes)"
    )]
    TooLarge {
        /// The input size in bytes.
        size: usize,
        /// The configured limit.
        limit: usize,
    },
}

impl Error {
    /// Builds a syntax error at `offset` of `text`, computing line, column and snippet.
    pub(crate) fn syntax(text: &str, offset: usize, expected: impl Into<String>) -> Error {
        let (line, column, snippet) = locate(text, offset);
        Error::Syntax {
            line,
            column,
            offset,
            snippet,
            expected: expected.into(),
        }
    }

    /// The error of a file that could not be read.
    pub(crate) fn io(path: &Path, err: &io::Error) -> Error {
        Error::Io {
            path: path.to_path_buf(),
            kind: err.kind(),
            message: err.to_string(),
        }
    }

    /// Builds a syntax error for a span of `text`.
    pub(crate) fn at_span(text: &str, span: Span, expected: impl Into<String>) -> Error {
        Error::syntax(text, span.start, expected)
    }

    /// The kind of error, as the bindings and the command name it: `syntax`,
    /// `invalid_utf8`, `too_large` or `io`.
    ///
    /// ```
    /// let err = cable_core::parse_bytes(b"\xff", &Default::default()).unwrap_err();
    /// assert_eq!(err.kind(), "invalid_utf8");
    /// ```
    pub fn kind(&self) -> &'static str {
        match self {
            Error::Syntax { .. } => "syntax",
            Error::InvalidUtf8 { .. } => "invalid_utf8",
            Error::TooLarge { .. } => "too_large",
            Error::Io { .. } => "io",
        }
    }

    /// 1-based line of the error, when it has a position in text.
    pub fn line(&self) -> Option<usize> {
        match self {
            Error::Syntax { line, .. } => Some(*line),
            _ => None,
        }
    }

    /// 1-based column of the error, when it has a position in text.
    pub fn column(&self) -> Option<usize> {
        match self {
            Error::Syntax { column, .. } => Some(*column),
            _ => None,
        }
    }

    /// The offending line, when the error has a position in text.
    pub fn snippet(&self) -> Option<&str> {
        match self {
            Error::Syntax { snippet, .. } => Some(snippet),
            _ => None,
        }
    }

    /// What was expected, in words, for syntax errors.
    pub fn expected(&self) -> Option<&str> {
        match self {
            Error::Syntax { expected, .. } => Some(expected),
            _ => None,
        }
    }

    /// Byte offset of the error (in the document text, or in the input bytes for bad UTF-8).
    pub fn offset(&self) -> Option<usize> {
        match self {
            Error::Syntax { offset, .. } | Error::InvalidUtf8 { offset } => Some(*offset),
            Error::TooLarge { .. } | Error::Io { .. } => None,
        }
    }
}

/// Line (1-based), column (1-based, in chars) and the line's text for a byte offset.
///
/// Computed only when an error is shown, so parsing never pays for line tables.
pub(crate) fn locate(text: &str, offset: usize) -> (usize, usize, String) {
    let offset = crate::text::floor_char_boundary(text, offset);
    let line_start = text[..offset].rfind('\n').map_or(0, |i| i + 1);
    let line_end = text[offset..].find('\n').map_or(text.len(), |i| offset + i);
    let line = text[..line_start].bytes().filter(|&b| b == b'\n').count() + 1;
    let column = text[line_start..offset].chars().count() + 1;
    let snippet = text[line_start..line_end]
        .trim_end_matches('\r')
        .to_string();
    (line, column, snippet)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn locate_counts_lines_and_chars() {
        let text = "ab\n¶cd\nef";
        // 'c' is at byte 5 (¶ is two bytes): line 2, column 2.
        assert_eq!(locate(text, 5), (2, 2, "¶cd".to_string()));
        assert_eq!(locate(text, 0), (1, 1, "ab".to_string()));
        assert_eq!(locate(text, 99), (3, 3, "ef".to_string()));
    }

    #[test]
    fn syntax_error_message_names_position_and_expectation() {
        let err = Error::syntax("FM X\nTO\n", 5, "a recipient");
        assert_eq!(err.to_string(), "2:1: expected a recipient\n  | TO");
        assert_eq!(err.line(), Some(2));
    }
}
