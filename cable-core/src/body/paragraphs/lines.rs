//! The lines of a draft: how the grammar's `numbered_line`, `text_line` and
//! `plain_lines` pairs become [`Line`]s, with where their text starts and ends, and the
//! last line read (where a signer may be run on). One unit because every line must end
//! where the grammar's `nl` ends it, whichever pair it came in.

use pest::iterators::Pair;

use super::openers::opener_of;
use super::{Draft, Line, LineKind, TextPart};
use crate::grammar::Rule;
use crate::pairs::{parse_page_break, span_of};

/// Whether a paragraph marking (`(C)`, `(S//NF)`, `(SBU)`, `(c)`) starts with a
/// classification: not a topic (`(Afghanistan)`, `(UN)`).
pub(super) fn is_classification(marking: &str) -> bool {
    let inner = marking.trim_matches(['(', ')', ' ']);
    let first = inner
        .split(['/', ' ', '-', ','])
        .next()
        .unwrap_or("")
        .to_ascii_uppercase();
    matches!(
        first.as_str(),
        "U" | "C"
            | "S"
            | "SBU"
            | "TS"
            | "LOU"
            | "FOUO"
            | "UNCLAS"
            | "UNCLASSIFIED"
            | "CONFIDENTIAL"
            | "SECRET"
            | "TOP"
    )
}

/// Whether blank lines stand between a draft's last line and `line`.
pub(super) fn blank_before(line: &Pair<'_, Rule>, draft: &Draft) -> bool {
    let Some(&Line { end, .. }) = draft.lines.last() else {
        return false;
    };
    let between = &line.get_input()[end..line.as_span().start()];
    between.matches('\n').count() > 1
}

/// The number, marking and where the text starts, of a `numbered_line`.
pub(super) fn numbered_line_head(line: &Pair<'_, Rule>) -> (Option<u32>, Option<String>, usize) {
    let mut number = None;
    let mut marking = None;
    let mut text_start = span_of(line).end;
    for part in line.clone().into_inner() {
        match part.as_rule() {
            Rule::number => {
                number = part.as_str().parse().ok();
                text_start = part.as_span().end() + 1;
            }
            // A topic in parentheses (`3. (Afghanistan) London Conference`, in a media
            // reaction) is no marking: its words stay in the text.
            Rule::paragraph_marking if is_classification(part.as_str()) => {
                let inner = part.as_str().trim_matches(|c| c == '(' || c == ')');
                marking = Some(inner.trim().to_string());
                text_start = part.as_span().end();
            }
            _ => {}
        }
    }
    (number, marking, text_start)
}

/// The first line of a paragraph (from `from`), or of unnumbered text.
pub(super) fn add_first_line(
    line: Pair<'_, Rule>,
    from: usize,
    body: &mut TextPart,
    draft: &mut Draft,
) {
    let end = line_end(&line, body);
    let text = line.get_input();
    let from = from.min(end);
    let from = from + (text[from..end].len() - text[from..end].trim_start().len());
    for part in line.into_inner() {
        match part.as_rule() {
            Rule::classified_by => {
                let classified = crate::body::parse_classified_by(part, &mut body.page_breaks);
                body.classified_by.get_or_insert(classified);
            }
            Rule::block_lead => draft.openers.extend(opener_of(&part)),
            _ => {}
        }
    }
    push_line(draft, text, (from, end), false, LineKind::Part);
}

/// One line of the grammar (`from` to its line break) as the draft's lines. `rest_text`
/// runs past a lone `\r`, which `nl` reads as a line break everywhere else, so the line is
/// cut there, as a `plain_lines` run is: a line-end backslash before that `\r` is then the
/// break's, not text. Only the first piece takes `gap`; the pieces after it are text
/// lines that follow a line.
fn push_line(
    draft: &mut Draft,
    text: &str,
    (from, end): (usize, usize),
    gap: bool,
    kind: LineKind,
) {
    let mut pieces = lines_of(&text[from..end], from).peekable();
    if pieces.peek().is_none() {
        draft.lines.push(Line::new(from, end, gap, kind));
    }
    let (mut gap, mut kind) = (gap, kind);
    for (start, end) in pieces {
        draft.lines.push(Line::new(start, end, gap, kind));
        gap = false;
        if let LineKind::Text { .. } = kind {
            kind = LineKind::Text { after_gap: false };
        }
    }
}

/// The lines after the first: text lines, gaps and page breaks; `gap_first`: a blank
/// line stands before the first of them.
pub(super) fn add_rest<'i>(
    parts: impl Iterator<Item = Pair<'i, Rule>>,
    body: &mut TextPart,
    draft: &mut Draft,
    gap_first: bool,
) {
    // Blank lines stand before the next line; `after_gap`: right before it.
    let (mut gap, mut after_gap) = (gap_first, false);
    for part in parts {
        match part.as_rule() {
            Rule::page_break => {
                body.page_breaks.push(parse_page_break(part));
                after_gap = false;
            }
            Rule::para_gap => (gap, after_gap) = (true, true),
            Rule::plain_lines => {
                for (start, end) in plain_line_spans(&part) {
                    let kind = LineKind::Text { after_gap };
                    draft.lines.push(Line::new(start, end, gap, kind));
                    body.last_line = Some((Some(start), end));
                    (gap, after_gap) = (false, false);
                }
            }
            Rule::text_line => {
                let start = span_of(&part).start;
                let end = line_end(&part, body);
                let lead = part
                    .clone()
                    .into_inner()
                    .find(|p| p.as_rule() == Rule::block_lead);
                draft.openers.extend(lead.and_then(|l| opener_of(&l)));
                let kind = LineKind::Text { after_gap };
                push_line(draft, part.get_input(), (start, end), gap, kind);
                (gap, after_gap) = (false, false);
            }
            _ => {}
        }
    }
}

/// `lead_text`: lines of unnumbered text added to `draft` (its first line, `plain_lines`
/// or a `text_line`, then the rest as after any first line). Where it starts, the
/// paragraphs have looked for a heading already (`paragraph` before `lead_text`).
pub(super) fn add_lines(
    pair: Pair<'_, Rule>,
    body: &mut TextPart,
    draft: &mut Draft,
    gap_first: bool,
) {
    add_rest(pair.into_inner(), body, draft, gap_first);
}

/// The lines of a `plain_lines` run, as `text_line` spans would give them: from the line's
/// start to its line break.
fn plain_line_spans<'i>(run: &Pair<'i, Rule>) -> impl Iterator<Item = (usize, usize)> + 'i {
    lines_of(run.as_str(), run.as_span().start())
}

/// The lines of `text`, which starts `at` bytes into the input: where each starts and
/// where its line break starts. A line ends where the grammar's `nl` is: `\r\n`, `\n`,
/// or a `\r` alone (a line-end backslash before a lone `\r` is the break's, as before
/// `\n`).
pub(super) fn lines_of(text: &str, at: usize) -> impl Iterator<Item = (usize, usize)> + '_ {
    let bytes = text.as_bytes();
    let mut from = 0;
    std::iter::from_fn(move || {
        if from >= bytes.len() {
            return None;
        }
        let start = from;
        let end = memchr::memchr2(b'\n', b'\r', &bytes[start..]).map_or(bytes.len(), |i| start + i);
        from = match bytes.get(end..end + 2) {
            Some(b"\r\n") => end + 2,
            _ => end + 1,
        };
        Some((at + start, at + end))
    })
}

/// Where a line ends, before its line break; noted as the last line read, with where its
/// text starts.
fn line_end(line: &Pair<'_, Rule>, body: &mut TextPart) -> usize {
    let end = span_of(line).end;
    let text = line
        .clone()
        .into_inner()
        .find(|p| p.as_rule() == Rule::rest_text);
    body.last_line = Some((text.map(|t| t.as_span().start()), end));
    end
}

/// Where the text of a numbered line starts, after its number and marking.
pub(super) fn text_start_after(line: &Pair<'_, Rule>, text_start: usize) -> usize {
    let text = line.get_input();
    let end = span_of(line).end.max(text_start);
    text_start + (text[text_start..end].len() - text[text_start..end].trim_start().len())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_end_where_the_grammar_breaks_them() {
        let text = "a\\\rb\r\nc\n\nd";
        let lines: Vec<&str> = lines_of(text, 0).map(|(s, e)| &text[s..e]).collect();
        assert_eq!(lines, ["a\\", "b", "c", "", "d"]);
        assert_eq!(lines_of("xy\n", 10).collect::<Vec<_>>(), [(10, 12)]);
    }
}
