//! From pest pairs to the small pieces of the tree that the header and the body share:
//! spans, and page breaks; and the probes, rules tried at one offset of a text.

use pest::iterators::Pair;
use pest::Parser;

use crate::ast::{PageBreak, Span};
use crate::grammar::{CableParser, Rule};
use crate::text::collapse;

/// The span of a pair, without the line break it may end with.
pub(crate) fn span_of(pair: &Pair<'_, Rule>) -> Span {
    let s = pair.as_span();
    let trimmed = s.as_str().trim_end_matches(['\n', '\r']);
    Span::new(s.start(), s.start() + trimmed.len())
}

/// `page_break` and `page_marker_runon`: a page-break line, left out of the text.
pub(crate) fn parse_page_break(pair: Pair<'_, Rule>) -> PageBreak {
    PageBreak {
        text: collapse(pair.as_str()),
        span: trimmed_span(&pair),
    }
}

/// The span of a pair without the spaces and line breaks around it.
pub(crate) fn trimmed_span(pair: &Pair<'_, Rule>) -> Span {
    let s = pair.as_span();
    let text = s.as_str();
    let start = s.start() + (text.len() - text.trim_start().len());
    Span::new(start, start + text.trim().len())
}

/// Where the text of a pair that ends with its line (`eol`) stops: before the line break,
/// and before the backslash that a `cables.csv` dump left at the line's end with the
/// spaces around it. A pair that stops inside its line keeps a backslash: it is text.
pub(crate) fn end_before_eol(pair: &Pair<'_, Rule>) -> usize {
    let s = pair.as_span();
    let text = s.as_str();
    let line = text.trim_end_matches(['\n', '\r']);
    if line.len() == text.len() {
        return s.end();
    }
    s.start() + crate::text::strip_line_end(line).len()
}

/// The pair `rule`, a `probe_*` rule holding one, finds at `text[at..]`, with its offset.
pub(crate) fn probe<'i>(rule: Rule, text: &'i str, at: usize) -> Option<Pair<'i, Rule>> {
    let pairs = CableParser::parse(rule, &text[at..]).ok()?;
    pairs.flatten().nth(1)
}
