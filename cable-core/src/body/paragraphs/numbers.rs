//! Which numbers are paragraphs'. The grammar starts a paragraph at every `N.` line and
//! cannot count; the order of the numbers, tables of contents, ranges broken over two
//! lines and numbers the grammar did not see at the start of a line are decided here,
//! over the drafts, each a repair of the numbering.

use pest::Parser;

use super::openers::opener_of;
use super::{Draft, Line, LineKind};
use crate::grammar::{CableParser, Rule};
use crate::text::collapse;

/// Whether `N.` starts a paragraph after paragraph `last`. Cables skip numbers (a
/// section lost, paragraphs redacted) and repeat them, but a number far ahead is a year
/// (`¶2011.`), and an unmarked number that goes back is a list inside the paragraph; a
/// marked one going back is the cable's own numbering slip.
pub(super) fn accepts(number: u32, last: Option<(u32, bool)>, marked: bool) -> bool {
    match last {
        None => (1..=30).contains(&number),
        Some((last, _)) if marked => (1..=last + 10).contains(&number),
        // In a cable whose paragraphs are marked, an unmarked number is a paragraph only
        // where it follows (`February` / `¶4. Committee ...` is a date run on).
        Some((last, true)) => number == last + 1,
        Some((last, false)) => (last..=last + 10).contains(&number),
    }
}

/// The fewest and the most entries of a table of contents (the most, so that each number
/// that goes back costs a few steps, however many paragraphs stand before it).
const CONTENTS_ENTRIES: usize = 3;
const CONTENTS_MAX: usize = 30;

/// A table of contents that the drafts end with, where paragraph `number` comes again
/// (a media reaction lists its topics, `1. Lead Stories Summary` / `2. (U.S.) ...`, before
/// its paragraphs): the drafts from `number` on are one line each, in a block of lines
/// with no blank line, their numbers in a row, with no heading but over the first (the
/// table's title). They become one draft of unnumbered text, under that title; returns the
/// number before them, from which the paragraphs go on.
pub(super) fn contents_table(
    text: &str,
    drafts: &mut Vec<Draft>,
    number: u32,
) -> Option<Option<(u32, bool)>> {
    // The entries run from `number` to the last draft's number, one draft each.
    let last = drafts.last()?.number?;
    let count = usize::try_from(last.checked_sub(number)?).ok()? + 1;
    if !(CONTENTS_ENTRIES..=CONTENTS_MAX).contains(&count) || count > drafts.len() {
        return None;
    }
    let first = drafts.len() - count;
    let entries = &drafts[first..];
    let in_a_row = entries.iter().zip(number..).enumerate().all(|(i, (d, n))| {
        d.number == Some(n) && d.lines.len() == 1 && (i == 0 || d.heading.is_none())
    });
    let tight = || {
        entries
            .windows(2)
            .all(|w| text[w[0].lines[0].end..w[1].start].matches('\n').count() == 1)
    };
    if !in_a_row || !tight() {
        return None;
    }
    let mut table = Draft::new(None, None, entries[0].start);
    table.heading = entries[0].heading.clone();
    for d in drafts.drain(first..) {
        let line = d.lines[0];
        // The numbered line, without the heading over the first entry.
        let start = match d.heading {
            Some(_) => text[..line.start].rfind('\n').map_or(0, |i| i + 1),
            None => d.start,
        };
        let kind = LineKind::Text { after_gap: false };
        table.lines.push(Line::new(start, line.end, false, kind));
    }
    let before = drafts
        .iter()
        .rev()
        .find_map(|d| d.number.map(|n| (n, d.marking.is_some())));
    drafts.push(table);
    Some(before)
}

/// Whether the line at `start` begins with the end of a range or a date that the line
/// above broke (`... visit July 1-` / `2. In meetings ...`, `... led to September` /
/// `11."`): its number is no paragraph's.
pub(super) fn ends_a_range(text: &str, start: usize) -> bool {
    let Some(above) = text[..start]
        .trim_end_matches([' ', '\t'])
        .strip_suffix('\n')
    else {
        return false;
    };
    let above = above.trim_end_matches(['\r', ' ', '\t', '\\']);
    let month = above.rsplit([' ', '\t']).next().is_some_and(|word| {
        const MONTHS: [&str; 12] = [
            "JANUARY",
            "FEBRUARY",
            "MARCH",
            "APRIL",
            "MAY",
            "JUNE",
            "JULY",
            "AUGUST",
            "SEPTEMBER",
            "OCTOBER",
            "NOVEMBER",
            "DECEMBER",
        ];
        MONTHS.iter().any(|m| m.eq_ignore_ascii_case(word))
    });
    month
        || above
            .strip_suffix('-')
            .is_some_and(|a| a.ends_with(|c: char| c.is_ascii_digit()))
}

/// Paragraphs whose number the grammar did not find at the start of a line: where the
/// numbers of two marked paragraphs skip one (`4.`, then `6.`), the missing number with a
/// marking inside a line of the paragraph before (`ARTICLE 98: 5. (C) ...`, or `... End
/// Summary. Bonuses and Brussels 2. (SBU) MPs ...` in a text whose line breaks were lost)
/// starts that paragraph; the words run on before it since the last sentence end, when
/// they are few and end no sentence, are its heading. One pass over the drafts, which
/// reads lines only where a number is missing.
pub(super) fn fill_gaps(text: &str, drafts: &mut Vec<Draft>) {
    let mut i = 0;
    while i + 1 < drafts.len() {
        let (Some(n), Some(next)) = (drafts[i].number, drafts[i + 1].number) else {
            i += 1;
            continue;
        };
        if next > n + 1 && drafts[i].marking.is_some() {
            if let Some(found) = missing_number(text, &drafts[i], n + 1) {
                let draft = split_draft(text, &mut drafts[i], n + 1, found);
                drafts.insert(i + 1, draft);
            }
        }
        i += 1;
    }
}

/// Where paragraph `number` starts inside a line of `draft`: the line's index, where the
/// number stands, its marking and where the text after the marking starts.
fn missing_number(text: &str, draft: &Draft, number: u32) -> Option<(usize, usize, String, usize)> {
    let label = format!(" {number}.");
    for (index, line) in draft.lines.iter().enumerate() {
        let content = &text[line.start..line.end.max(line.start)];
        for (i, _) in content.match_indices(&label) {
            let at = line.start + i + 1;
            let after = at + label.len() - 1;
            let spaces = text[after..].len() - text[after..].trim_start_matches(' ').len();
            if spaces == 0 || refers_to_paragraph(&text[line.start..at]) {
                continue;
            }
            let Ok(mut pairs) = CableParser::parse(Rule::subject_marking, &text[after + spaces..])
            else {
                continue;
            };
            let Some(marking) = pairs.next() else {
                continue;
            };
            let marking_end = after + spaces + marking.as_span().end();
            let inner = marking.as_str().trim_matches(['(', ')']).trim().to_string();
            let rest = &text[marking_end..line.end.max(marking_end)];
            let text_start = marking_end + (rest.len() - rest.trim_start().len());
            return Some((index, at, inner, text_start));
        }
    }
    None
}

/// Whether the words before a number cite a paragraph (`see para 5.`, `paragraph 5.`).
fn refers_to_paragraph(before: &str) -> bool {
    let word = before
        .trim_end()
        .rsplit(' ')
        .next()
        .unwrap_or("")
        .to_ascii_lowercase();
    matches!(
        word.trim_start_matches('('),
        "para" | "paras" | "paragraph" | "paragraphs" | "ref" | "reftel" | "no." | "number"
    )
}

/// Cuts `draft` where paragraph `number` starts (`found`, from [`missing_number`]) and
/// returns the new paragraph, with the lines and openings after the cut.
fn split_draft(
    text: &str,
    draft: &mut Draft,
    number: u32,
    (index, at, marking, text_start): (usize, usize, String, usize),
) -> Draft {
    let line = draft.lines[index];
    let before = &text[line.start..at];
    let heading = run_on_heading(before, line.kind != LineKind::Part);
    let start = heading.map_or(at, |h| line.start + h.0);
    let mut new = Draft::new(Some(number), Some(marking), start);
    new.heading = heading.map(|h| collapse(h.1));
    new.lines
        .push(Line::new(text_start, line.end, false, LineKind::Part));
    new.lines.extend(draft.lines.drain(index + 1..));
    let cut = line.start + text[line.start..start].trim_end().len();
    if cut > line.start {
        draft.lines[index].end = cut;
    } else {
        draft.lines.truncate(index);
    }
    let (moved, kept) = draft.openers.iter().partition(|o| o.1 >= at);
    (new.openers, draft.openers) = (moved, kept);
    if let Ok(mut pairs) = CableParser::parse(Rule::block_lead, &text[text_start..]) {
        if let Some((word, s, e, by)) = pairs.next().and_then(|l| opener_of(&l)) {
            new.openers
                .insert(0, (word, text_start + s, text_start + e, by));
        }
    }
    new
}

/// The heading run on before a paragraph's number in `before`, the line's text up to it:
/// the words after the last sentence end (or all of them, at the start of a line of text),
/// when they are few and end no sentence; with where they start.
fn run_on_heading(before: &str, line_start: bool) -> Option<(usize, &str)> {
    let from = before
        .match_indices(['.', '?', '!'])
        .filter(|(i, _)| before[i + 1..].starts_with([' ', '"', '”', ')']))
        .map(|(i, _)| {
            let after = &before[i + 1..];
            i + 1 + after.len() - after.trim_start_matches(['"', '”', ')']).len()
        })
        .next_back();
    let from = match from {
        Some(from) => from,
        None if line_start => 0,
        None => return None,
    };
    let words = before[from..].trim();
    let start = from + (before[from..].len() - before[from..].trim_start().len());
    let fits = !words.is_empty()
        && words.chars().count() <= 80
        && words.starts_with(|c: char| c.is_uppercase())
        && !words.ends_with(['.', ',', ';']);
    fits.then_some((start, words))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_run_in_order() {
        assert!(accepts(1, None, true));
        assert!(!accepts(2011, None, false));
        assert!(accepts(7, Some((6, false)), false));
        assert!(accepts(12, Some((10, false)), false));
        assert!(accepts(16, Some((8, true)), true));
        assert!(!accepts(2011, Some((6, false)), false));
        assert!(!accepts(2, Some((6, false)), false));
        assert!(accepts(5, Some((6, true)), true));
        assert!(!accepts(4, Some((2, true)), false));
    }
}
