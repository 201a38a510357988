//! Headings over paragraphs. The text does not look for headings as it reads: a
//! paragraph's heading comes either with its `paragraph` pair or, found afterwards from
//! the numbered line below it, out of the last lines of the draft before. Both ways give a
//! [`Heading`], which the paragraph takes or, when its number does not follow, keeps as
//! lines of text.

use pest::iterators::Pair;

use super::lines::lines_of;
use super::{Draft, Line, LineKind};
use crate::grammar::Rule;
use crate::pairs::probe;
use crate::pairs::trimmed_span;
use crate::text::collapse;

/// A heading over a paragraph.
pub(super) struct Heading {
    /// Where it starts.
    pub(super) start: usize,
    /// Its text: its lines without the dashes that underline or box them.
    pub(super) text: String,
    /// Its lines as text lines, for a paragraph whose number did not follow.
    pub(super) lines: Vec<Line>,
}

impl Heading {
    /// The heading of a `heading` or `tight_heading` pair parsed `at` bytes into the text.
    pub(super) fn of(pair: &Pair<'_, Rule>, at: usize) -> Heading {
        let words: Vec<&str> = pair
            .clone()
            .into_inner()
            .filter(|p| matches!(p.as_rule(), Rule::heading_line | Rule::long_heading_line))
            .map(|p| {
                p.as_str()
                    .trim()
                    .trim_matches(['-', '=', '_', '/', '*', ' '])
            })
            .collect();
        let span = trimmed_span(pair);
        let input = pair.get_input();
        let lines = lines_of(&input[span.start..span.end], span.start)
            .filter(|&(s, e)| !input[s..e].trim().is_empty())
            .map(|(s, e)| {
                let end = s + input[s..e].trim_end().len();
                Line::new(at + s, at + end, false, LineKind::Part)
            })
            .collect();
        Heading {
            start: at + span.start,
            text: collapse(&words.join(" ")),
            lines,
        }
    }
}

/// Whether the line at `text[at..]` is a line of dashes (`underline`). Only a line whose
/// first byte after its spaces is `-`, `=` or `_` (or beyond ASCII) can be one: the grammar
/// decides, without a parse for every other line.
fn underline_at(text: &str, at: usize) -> bool {
    crate::regions::may_open_with(&text.as_bytes()[at..], |b| matches!(b, b'-' | b'=' | b'_'))
        && crate::regions::matches(Rule::probe_underline, &text[at..])
}

/// A heading has three lines at most (with lines of dashes that underline or box it, and
/// blank lines): `heading_window`.
const HEADING_LINES: usize = 3;

/// The heading over the numbered line at `numbered`, which the text read as the last lines
/// of the draft before it. The text does not look for headings as it reads; the grammar
/// decides here, where the paragraphs would have stopped for one: at the first line after
/// a gap (or the top line of a box of dashes, which needs no gap) where a `heading` starts,
/// or at a short line right above (`tight_heading`), that
/// ends at the numbered line. The heading is then what the paragraphs read there
/// (`heading` first).
pub(super) fn heading_above(text: &str, draft: &mut Draft, numbered: usize) -> Option<Heading> {
    let last = draft.lines.len();
    // The lines within a heading's reach: the last ones, up to three that are no
    // underline (blank lines are no lines of the draft).
    let mut lines = 0;
    let from = (0..last)
        .rev()
        .take_while(|&i| {
            let underline = underline_at(text, draft.lines[i].start);
            lines += usize::from(!underline);
            lines <= HEADING_LINES
        })
        .last()
        .unwrap_or(last);
    for i in from..last {
        let line = draft.lines[i];
        let LineKind::Text { after_gap } = line.kind else {
            continue;
        };
        let ends_above = |pair: &Pair<'_, Rule>| line.start + pair.as_span().end() == numbered;
        // The top line of a box of dashes opens a heading right under the text, with no
        // gap above it: the box's next line follows at once, and is no line of dashes.
        let is_underline = |l: &Line| underline_at(text, l.start);
        let boxed = || {
            let next = draft.lines.get(i + 1).filter(|n| !n.gap);
            next.is_some_and(|n| !is_underline(n)) && is_underline(&line)
        };
        let after_gap = || {
            (after_gap || boxed())
                .then(|| probe(Rule::probe_heading, text, line.start))
                .flatten()
                .filter(ends_above)
        };
        let tight = || {
            (i + 2 >= last)
                .then(|| probe(Rule::probe_tight_heading, text, line.start))
                .flatten()
                .filter(ends_above)
        };
        if let Some(pair) = after_gap().or_else(tight) {
            draft.lines.truncate(i);
            draft.openers.retain(|o| o.1 < line.start);
            return Some(Heading::of(&pair, line.start));
        }
    }
    None
}
