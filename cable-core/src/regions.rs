//! The regions of a cable's body, found once: the head (everything down to the end of the
//! preamble), the text (the paragraphs) and the closing (signature and trailers).
//!
//! A line of text must not ask whether the cable ends after it: that question alone used
//! to cost more than the line. The closing is short and stands at the end, so it is found
//! here, from the end: Rust picks the few lines where it can start, and the grammar's
//! `closing_at` decides at each of them. The text between the head and the closing is
//! then parsed by `text_region`, whose rules never look for the end of the cable.
//!
//! The closing starts at the first line the text would stop at: the earliest line, below
//! the head, where `closing_at` matches down to the end of the document. A closing holds a
//! signature and at most 32 lines of trailers (blank lines aside), each a `closing_line`,
//! and then the end of the document or another cable that a page appended
//! (`appended_record`, which runs to the end). So it starts above the first appended
//! record, within the last [`CLOSING_LINES`] lines that are not blank, below the last line
//! that is no `closing_line`.

use std::ops::Range;

use pest::Parser;

use crate::grammar::{CableParser, Rule};

/// The most lines that are not blank a closing holds: the signature and 32 lines of
/// trailers (`ending` and `signed_ending` in `body.pest`).
const CLOSING_LINES: usize = 33;

/// Where the text and the closing lie, as byte offsets into the document text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Regions {
    /// The text: from the end of the head to the start of the closing.
    pub(crate) text: Range<usize>,
    /// Where the closing starts; it runs to the end of the document.
    pub(crate) closing: usize,
    /// Whether the last line of the text may end with the signer (`... End comment.
    /// SMITH`): the closing below it is what ends a text, with no signature line of its own.
    pub(crate) signer_in_text: bool,
}

/// The regions of a document whose head ends at `head_end`.
pub(crate) fn find(text: &str, head_end: usize) -> Regions {
    let end = appended_record(text, head_end);
    let closing = closing_start(text, head_end, end);
    let signer_in_text = matches(Rule::probe_ending, &text[closing..]);
    Regions {
        text: head_end..closing,
        closing,
        signer_in_text,
    }
}

/// Whether the rule of `probe`, a probe rule (`probe_*` in `body.pest`), matches at the
/// start of `input`.
pub(crate) fn matches(probe: Rule, input: &str) -> bool {
    CableParser::parse(probe, input)
        .is_ok_and(|pairs| pairs.flatten().any(|p| p.as_rule() == Rule::hit))
}

/// The start of the first line at or after `from` (and `from` itself) where another
/// cable, appended by a page, begins, or of the cablegate site's record line run on in
/// the middle of a line (`... End comment. STEVENS 0 11/21/2007 11229 ECON,EINV,LY ...`);
/// the end of the text when there is none. Only a line that opens with a digit (spaces
/// aside), or a ` 0 ` followed by a digit inside a line, can be one: the grammar decides.
fn appended_record(text: &str, from: usize) -> usize {
    let at_line = appended_at_line(text, from);
    site_record_in_line(text, from, at_line).unwrap_or(at_line)
}

/// The first ` 0 ` in `from..end` followed by a digit where the site's record begins
/// (`site_junk`, at the space before the `0`).
fn site_record_in_line(text: &str, from: usize, end: usize) -> Option<usize> {
    let bytes = &text.as_bytes()[..end];
    memchr::memmem::find_iter(&bytes[from..], b" 0 ")
        .map(|i| from + i)
        .find(|&at| {
            bytes.get(at + 3).is_some_and(u8::is_ascii_digit)
                && matches(Rule::probe_appended, &text[at..])
        })
}

/// Whether the first byte of `line` after the ASCII spaces that `sp` takes (space, tab,
/// vertical tab, form feed) is one that `opens` admits, or beyond ASCII: such a byte may
/// open one of the Unicode spaces that `sp` also takes, so the grammar decides.
pub(crate) fn may_open_with(line: &[u8], opens: impl Fn(u8) -> bool) -> bool {
    line.iter()
        .find(|&&b| !matches!(b, b' ' | b'\t' | 0x0b | 0x0c))
        .is_some_and(|&b| b >= 0x80 || opens(b))
}

/// [`appended_record`] at the start of a line only.
fn appended_at_line(text: &str, from: usize) -> usize {
    let bytes = text.as_bytes();
    let mut start = from;
    while start < bytes.len() {
        if may_open_with(&bytes[start..], |b| b.is_ascii_digit())
            && matches(Rule::probe_appended, &text[start..])
        {
            return start;
        }
        match memchr::memchr2(b'\n', b'\r', &bytes[start..]) {
            Some(i) => {
                start += i + 1;
                if bytes[start - 1] == b'\r' && bytes.get(start) == Some(&b'\n') {
                    start += 1;
                }
            }
            None => break,
        }
    }
    bytes.len()
}

/// Where the closing starts: the earliest candidate line in `from..end` where
/// `closing_at` matches, else `end` (the appended record there, or the end of the text).
fn closing_start(text: &str, from: usize, end: usize) -> usize {
    let mut candidates = Vec::new();
    for line in LinesBack::new(text, from, end) {
        if matches(Rule::probe_blank, &text[line..]) {
            continue;
        }
        candidates.push(line);
        // A line that may stand nowhere in a closing but first ends the search: the
        // closing cannot start above it.
        if candidates.len() == CLOSING_LINES || !matches(Rule::probe_closing_line, &text[line..]) {
            break;
        }
    }
    candidates.reverse();
    let closing_at = |i: &usize| matches(Rule::probe_closing, &text[candidates[*i]..]);
    let mut first = (0..candidates.len())
        .find(closing_at)
        .unwrap_or(candidates.len());
    if candidates
        .get(first)
        .is_some_and(|&line| ends_a_wrapped_sentence(text, from, line))
    {
        first = (first + 1..candidates.len())
            .find(closing_at)
            .unwrap_or(candidates.len());
    }
    // The text takes the page breaks above its closing (and the closing would take them
    // too): they go to the closing when what ends the text starts with them, so that the
    // last line of the text is the last line above the closing.
    let first = (0..first)
        .rev()
        .take_while(|&i| {
            let line = &text[candidates[i]..];
            matches(Rule::probe_page_break, line) && matches(Rule::probe_ending, line)
        })
        .last()
        .unwrap_or(first);
    candidates.get(first).copied().unwrap_or(end)
}

/// Whether the line at `line` holds a name with a period (`SMITH.`, `Wayne.`) right below
/// a line of text that does not end a sentence: then the name is the sentence's last word
/// (`... FOR THEIR` / `COOPERATION.`), not a signer.
fn ends_a_wrapped_sentence(text: &str, from: usize, line: usize) -> bool {
    if !matches(Rule::probe_dotted_signature, &text[line..]) {
        return false;
    }
    let above = &text[from..line];
    let above = above
        .strip_suffix("\r\n")
        .or_else(|| above.strip_suffix(['\n', '\r']))
        .unwrap_or(above);
    let last = above.rsplit(['\n', '\r']).next().unwrap_or("").trim_end();
    !last.is_empty() && !last.ends_with(['.', '!', '?', ':', ';', '"', ')', '\u{201d}', '-'])
}

/// The starts of the lines in `from..end`, last first; `from` counts as a line start.
/// `end` is a line start or the end of the text. Line breaks are LF, CRLF or a lone CR,
/// as in the grammar's `nl`.
struct LinesBack<'t> {
    bytes: &'t [u8],
    from: usize,
    /// The end of the next line to yield, before its line break.
    at: Option<usize>,
}

impl<'t> LinesBack<'t> {
    fn new(text: &'t str, from: usize, end: usize) -> Self {
        let bytes = text.as_bytes();
        let at = (from < end).then(|| content_end(bytes, end).max(from));
        LinesBack { bytes, from, at }
    }
}

impl Iterator for LinesBack<'_> {
    type Item = usize;

    fn next(&mut self) -> Option<usize> {
        let at = self.at?;
        let start = memchr::memrchr2(b'\n', b'\r', &self.bytes[self.from..at])
            .map_or(self.from, |i| self.from + i + 1);
        self.at = (start > self.from).then(|| content_end(self.bytes, start).max(self.from));
        Some(start)
    }
}

/// The end of the line's content before `at`, a line start: `at` less the line break
/// before it.
fn content_end(bytes: &[u8], at: usize) -> usize {
    match bytes[..at] {
        [.., b'\r', b'\n'] => at - 2,
        [.., b'\n'] | [.., b'\r'] => at - 1,
        _ => at,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines_back(text: &str, from: usize) -> Vec<&str> {
        LinesBack::new(text, from, text.len())
            .map(|s| &text[s..])
            .collect()
    }

    #[test]
    fn lines_are_found_from_the_end_with_every_line_break() {
        assert_eq!(
            lines_back("a\nb\r\nc\rd", 0),
            ["d", "c\rd", "b\r\nc\rd", "a\nb\r\nc\rd"]
        );
        assert_eq!(lines_back("a\nb\n", 0), ["b\n", "a\nb\n"]);
        assert_eq!(lines_back("a\n\nb\n", 0), ["b\n", "\nb\n", "a\n\nb\n"]);
        // The head may end inside a line: its rest is the first line of the text.
        assert_eq!(lines_back("xx a\nb", 3), ["b", "a\nb"]);
        assert!(lines_back("a\n", 2).is_empty());
    }

    #[test]
    fn the_closing_is_found_once_from_the_end() {
        let text = "1. (U) TEXT.\nMORE TEXT.\n\nSMITH\n\nNNNN\n";
        let regions = find(text, 0);
        assert_eq!(&text[regions.closing..], "SMITH\n\nNNNN\n");
        assert!(!regions.signer_in_text);
        let text = "1. (U) TEXT. SMITH\nNNNN\n";
        let regions = find(text, 0);
        assert_eq!(&text[regions.closing..], "NNNN\n");
        assert!(regions.signer_in_text);
        // A paragraph's number is never the closing, even when it could end one.
        let text = "1. (U) TEXT.\n2.\n";
        assert_eq!(find(text, 0).closing, text.len());
    }

    /// A name with a period ends a sentence that goes on from the line above; below a
    /// sentence's end (or a blank line) it is the signer.
    #[test]
    fn a_wrapped_sentence_keeps_its_last_word() {
        let text = "1. (U) WE THANK THE MINISTRY FOR THEIR\nCOOPERATION.\n";
        assert_eq!(find(text, 0).closing, text.len());
        let text = "1. (U) WE THANK THE MINISTRY.\nSMITH.\n";
        assert!(text[find(text, 0).closing..].starts_with("SMITH."));
        let text = "1. (U) Thanks to the team\n\nWayne.\n";
        assert!(text[find(text, 0).closing..].starts_with("Wayne."));
    }

    #[test]
    fn another_cable_appended_ends_the_text() {
        let text = "1. (U) TEXT.\n121752  2007-09-11 12:50:00  07TBILISI2290  Embassy Tbilisi\n1. MORE.\nSMITH\n";
        let regions = find(text, 0);
        assert!(text[regions.closing..].starts_with("121752"));
    }
}
