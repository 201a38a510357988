//! The paragraphs: `heading? ~ numbered line ~ text lines`, and unnumbered text.
//!
//! The grammar starts a paragraph at every `N.` line; numbers run in order, which a PEG
//! cannot check, so a paragraph whose number does not follow (`¶2011.`, a year that
//! starts a line, or a numbered list inside a paragraph) goes back into the paragraph
//! before it as text.

use pest::iterators::Pair;
use pest::Parser;

use super::blocks::{BlockWord, Opener, TextMap};
use crate::ast::*;
use crate::grammar::{CableParser, Rule};
use crate::pairs::span_of;
use crate::pairs::{parse_page_break, trimmed_span};
use crate::text::collapse;

/// What the text region gives the body. Its spans count from the start of the region,
/// which was parsed on its own, until [`TextPart::merge_into`] places them.
pub(super) struct TextPart {
    paragraphs: Vec<Paragraph>,
    page_breaks: Vec<PageBreak>,
    /// A signer run on at the end of the last line (`... End comment. SMITH`).
    signature: Option<Signature>,
    /// `CLASSIFIED BY` in paragraph 1 of an older telegram.
    classified_by: Option<ClassifiedBy>,
    /// The last line read: where its text starts (after its number, marking or opening,
    /// when it has text) and where it ends.
    last_line: Option<(Option<usize>, usize)>,
}

impl TextPart {
    /// Adds the region's nodes to `body`, its spans moved by `base` (from the region's
    /// input to the document),
    /// and returns where the paragraphs' text lies for `blocks`. A classifier in the
    /// preamble comes first.
    pub(super) fn merge_into(self, map: TextMap, body: &mut Body, base: isize) -> TextMap {
        body.paragraphs
            .extend(self.paragraphs.into_iter().map(|mut p| {
                p.span = p.span.offset(base);
                p
            }));
        body.page_breaks
            .extend(self.page_breaks.into_iter().map(|mut p| {
                p.span = p.span.offset(base);
                p
            }));
        if let Some(mut signature) = self.signature {
            signature.span = signature.span.offset(base);
            body.signature = Some(signature);
        }
        if let Some(mut classified) = self.classified_by {
            classified.span = classified.span.offset(base);
            body.classified_by.get_or_insert(classified);
        }
        map.offset(base)
    }
}

/// A line of a draft.
#[derive(Debug, Clone, Copy)]
struct Line {
    start: usize,
    end: usize,
    /// Blank lines stood before it.
    gap: bool,
    kind: LineKind,
}

/// What a line of a draft was read as.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum LineKind {
    /// The rest of a numbered line, or a line of a heading: never a heading of its own.
    Part,
    /// A line of running text: it may turn out to be (the start of) the heading of the
    /// paragraph below it. `after_gap`: it is the first line after blank lines, where the
    /// paragraphs look for a heading (not after a page break: the text goes on there).
    Text { after_gap: bool },
}

impl Line {
    fn new(start: usize, end: usize, gap: bool, kind: LineKind) -> Self {
        Line {
            start,
            end,
            gap,
            kind,
        }
    }
}

/// A heading over a paragraph.
struct Heading {
    /// Where it starts.
    start: usize,
    /// Its text: its lines without the dashes that underline or box them.
    text: String,
    /// Its lines as text lines, for a paragraph whose number did not follow.
    lines: Vec<Line>,
}

impl Heading {
    /// The heading of a `heading` or `tight_heading` pair parsed `at` bytes into the text.
    fn of(pair: &Pair<'_, Rule>, at: usize) -> Heading {
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

/// What opens a summary or a comment.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum OpenedBy {
    /// A lead at the start of a paragraph or a line (`SUMMARY:`, `BEGIN COMMENT`).
    Lead,
    /// The heading over the paragraph (`SUMMARY`, boxed or underlined).
    Heading,
    /// A heading that names the block with another part (`SUMMARY/BACKGROUND`, `Summary
    /// and Background`): it heads a section of paragraphs.
    SectionHeading,
}

/// A paragraph being assembled.
struct Draft {
    number: Option<u32>,
    marking: Option<String>,
    heading: Option<String>,
    start: usize,
    lines: Vec<Line>,
    /// Summary and comment openings: word, where the opening stands, where the text
    /// starts, and what opens it.
    openers: Vec<(BlockWord, usize, usize, OpenedBy)>,
}

impl Draft {
    fn new(number: Option<u32>, marking: Option<String>, start: usize) -> Self {
        Draft {
            number,
            marking,
            heading: None,
            start,
            lines: Vec::new(),
            openers: Vec::new(),
        }
    }
}

/// `text_region`: the drafts in order, then the paragraphs; with where their text lies
/// and the summary and comment openings, for `blocks`. `signer_allowed`: whether a
/// signer run on at the end of the last line is the signature (see `regions.rs`).
pub(super) fn parse_paragraphs(pair: Pair<'_, Rule>, signer_allowed: bool) -> (TextPart, TextMap) {
    let text = pair.get_input();
    let mut part = TextPart {
        paragraphs: Vec::new(),
        page_breaks: Vec::new(),
        signature: None,
        classified_by: None,
        last_line: None,
    };
    let body = &mut part;
    let mut drafts: Vec<Draft> = Vec::new();
    let mut last_number = None;
    let paragraphs = pair.into_inner().find(|p| p.as_rule() == Rule::paragraphs);
    for part in paragraphs.into_iter().flat_map(|p| p.into_inner()) {
        match part.as_rule() {
            Rule::page_break => body.page_breaks.push(parse_page_break(part)),
            Rule::paragraph => parse_paragraph(part, text, body, &mut drafts, &mut last_number),
            Rule::lead_text => {
                let start = span_of(&part).start;
                if drafts.is_empty() {
                    drafts.push(Draft::new(None, None, start));
                }
                let draft = drafts.last_mut().expect("a draft exists");
                let gap = !draft.lines.is_empty();
                add_lines(part, body, draft, gap);
            }
            _ => {}
        }
    }
    fill_gaps(text, &mut drafts);
    if signer_allowed {
        runon_signer(text, body, &mut drafts);
    }
    let mut map = TextMap::default();
    for draft in drafts {
        let openers = draft.openers.clone();
        let Some((paragraph, lines)) = finish(draft, text) else {
            continue;
        };
        let para = body.paragraphs.len();
        map.openers.extend(
            openers
                .into_iter()
                .map(|(word, start, content, by)| Opener {
                    word,
                    para,
                    start,
                    content,
                    section: by == OpenedBy::SectionHeading,
                    in_sentence: false,
                }),
        );
        map.headings.push(paragraph.heading.is_some());
        body.paragraphs.push(paragraph);
        map.lines.push(lines);
    }
    (part, map)
}

/// Whether `N.` starts a paragraph after paragraph `last`. Cables skip numbers (a
/// section lost, paragraphs redacted) and repeat them, but a number far ahead is a year
/// (`¶2011.`), and an unmarked number that goes back is a list inside the paragraph; a
/// marked one going back is the cable's own numbering slip.
fn accepts(number: u32, last: Option<(u32, bool)>, marked: bool) -> bool {
    match last {
        None => (1..=30).contains(&number),
        Some((last, _)) if marked => (1..=last + 10).contains(&number),
        // In a cable whose paragraphs are marked, an unmarked number is a paragraph only
        // where it follows (`February` / `¶4. Committee ...` is a date run on).
        Some((last, true)) => number == last + 1,
        Some((last, false)) => (last..=last + 10).contains(&number),
    }
}

/// `paragraph`: a new paragraph, or text of the one before when its number does not follow.
fn parse_paragraph(
    pair: Pair<'_, Rule>,
    text: &str,
    body: &mut TextPart,
    drafts: &mut Vec<Draft>,
    last_number: &mut Option<(u32, bool)>,
) {
    let start = span_of(&pair).start;
    let mut parts = pair.into_inner().peekable();
    let heading = parts
        .next_if(|p| matches!(p.as_rule(), Rule::heading | Rule::tight_heading))
        .map(|h| Heading::of(&h, 0))
        .or_else(|| {
            drafts
                .last_mut()
                .and_then(|d| heading_above(text, d, start))
        });
    let Some(line) = parts.next() else {
        return;
    };
    let (number, marking, text_start) = numbered_line_head(&line);
    // An unmarked number that ends a range broken over two lines, or in parentheses before
    // words in lower case (`(1) to provide ...`, an item of a list), is no paragraph's.
    let bracketed = text.get(..text_start).is_some_and(|t| t.ends_with(')'));
    let list_item = marking.is_none()
        && (ends_a_range(text, span_of(&line).start)
            || bracketed
                && text.get(text_start..).is_some_and(|t| {
                    t.trim_start_matches([' ', '\t'])
                        .starts_with(|c: char| c.is_ascii_lowercase())
                }));
    let mut accepted =
        !list_item && number.is_some_and(|n| accepts(n, *last_number, marking.is_some()));
    if let Some(n) = number.filter(|_| !accepted && !list_item) {
        // The paragraphs read so far from number `n` on were a table of contents.
        if let Some(before) = contents_table(text, drafts, n) {
            *last_number = before;
            accepted = accepts(n, before, marking.is_some());
        }
    }
    if accepted || drafts.is_empty() {
        if accepted {
            *last_number = number.map(|n| (n, marking.is_some()));
        }
        let mut draft = Draft::new(
            number.filter(|_| accepted),
            marking.filter(|_| accepted),
            heading.as_ref().map_or(start, |h| h.start),
        );
        draft.heading = heading
            .as_ref()
            .map(|h| h.text.clone())
            .filter(|h| !h.is_empty());
        if let (Some(h), Some(word)) = (&heading, draft.heading.as_deref().and_then(block_word)) {
            // A `SUMMARY` heading opens a block at the text of the paragraph under it.
            let content = text_start_after(&line, text_start);
            let by = if names_a_section(&h.text) {
                OpenedBy::SectionHeading
            } else {
                OpenedBy::Heading
            };
            draft.openers.push((word, h.start, content, by));
        }
        if !accepted {
            // Text before any paragraph whose number could not open one: its line is text.
            draft.heading = None;
            if let Some(h) = heading {
                draft.lines.extend(h.lines);
            }
        }
        let from = if accepted {
            text_start
        } else {
            span_of(&line).start
        };
        add_first_line(line, from, body, &mut draft);
        merge_heading_lead(&mut draft.openers);
        add_rest(parts, body, &mut draft);
        if accepted {
            title_summary(text, &mut draft);
        }
        drafts.push(draft);
    } else {
        let draft = drafts.last_mut().expect("drafts is not empty");
        let gap = heading.is_some() || blank_before(&line, draft);
        if let Some(h) = heading {
            let mut lines = h.lines;
            if let Some(first) = lines.first_mut() {
                first.gap = true;
            }
            draft.lines.extend(lines);
        }
        let from = span_of(&line).start;
        let at = draft.lines.len();
        add_first_line(line, from, body, draft);
        if let Some(first) = draft.lines.get_mut(at) {
            first.gap = gap;
        }
        add_rest(parts, body, draft);
    }
}

/// Whether a paragraph marking (`(C)`, `(S//NF)`, `(SBU)`, `(c)`) starts with a
/// classification: not a topic (`(Afghanistan)`, `(UN)`).
fn is_classification(marking: &str) -> bool {
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
fn contents_table(text: &str, drafts: &mut Vec<Draft>, number: u32) -> Option<Option<(u32, bool)>> {
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

/// A paragraph whose first line is a title that ends with `Summary` (`1. Lead Stories
/// Summary`, then the text below it) opens the summary at its second line.
fn title_summary(text: &str, draft: &mut Draft) {
    let (Some(first), Some(second)) = (draft.lines.first(), draft.lines.get(1)) else {
        return;
    };
    if !draft.openers.is_empty() {
        return;
    }
    let title = text[first.start..first.end.max(first.start)].trim();
    let words = title.split_whitespace().count();
    let last = title.rsplit(' ').next().unwrap_or("");
    if (2..=6).contains(&words)
        && last.eq_ignore_ascii_case("SUMMARY")
        && title.starts_with(|c: char| c.is_ascii_uppercase())
    {
        let opener = (
            BlockWord::Summary,
            first.start,
            second.start,
            OpenedBy::Heading,
        );
        draft.openers.push(opener);
    }
}

/// Whether the line at `start` begins with the end of a range or a date that the line
/// above broke (`... visit July 1-` / `2. In meetings ...`, `... led to September` /
/// `11."`): its number is no paragraph's.
fn ends_a_range(text: &str, start: usize) -> bool {
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
fn fill_gaps(text: &str, drafts: &mut Vec<Draft>) {
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
fn heading_above(text: &str, draft: &mut Draft, numbered: usize) -> Option<Heading> {
    let last = draft.lines.len();
    // The lines within a heading's reach: the last ones, up to three that are no
    // underline (blank lines are no lines of the draft).
    let mut lines = 0;
    let from = (0..last)
        .rev()
        .take_while(|&i| {
            let underline =
                crate::regions::matches(Rule::probe_underline, &text[draft.lines[i].start..]);
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
        let is_underline =
            |l: &Line| crate::regions::matches(Rule::probe_underline, &text[l.start..]);
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

/// Whether blank lines stand between a draft's last line and `line`.
fn blank_before(line: &Pair<'_, Rule>, draft: &Draft) -> bool {
    let Some(&Line { end, .. }) = draft.lines.last() else {
        return false;
    };
    let between = &line.get_input()[end..line.as_span().start()];
    between.matches('\n').count() > 1
}

/// The number, marking and where the text starts, of a `numbered_line`.
fn numbered_line_head(line: &Pair<'_, Rule>) -> (Option<u32>, Option<String>, usize) {
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
fn add_first_line(line: Pair<'_, Rule>, from: usize, body: &mut TextPart, draft: &mut Draft) {
    let end = line_end(&line, body);
    let text = line.get_input();
    let from = from.min(end);
    let from = from + (text[from..end].len() - text[from..end].trim_start().len());
    for part in line.into_inner() {
        match part.as_rule() {
            Rule::classified_by => {
                let classified = super::parse_classified_by(part, &mut body.page_breaks);
                body.classified_by.get_or_insert(classified);
            }
            Rule::block_lead => draft.openers.extend(opener_of(&part)),
            _ => {}
        }
    }
    draft
        .lines
        .push(Line::new(from, end, false, LineKind::Part));
}

/// The lines after the first: text lines, gaps and page breaks.
fn add_rest<'i>(
    parts: impl Iterator<Item = Pair<'i, Rule>>,
    body: &mut TextPart,
    draft: &mut Draft,
) {
    // Blank lines stand before the next line; `after_gap`: right before it.
    let (mut gap, mut after_gap) = (false, false);
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
                draft.lines.push(Line::new(start, end, gap, kind));
                (gap, after_gap) = (false, false);
            }
            _ => {}
        }
    }
}

/// `lead_text`: lines of unnumbered text added to `draft`. Where it starts, the paragraphs
/// have looked for a heading already (`paragraph` before `lead_text`).
fn add_lines(pair: Pair<'_, Rule>, body: &mut TextPart, draft: &mut Draft, gap_first: bool) {
    let text = LineKind::Text { after_gap: false };
    let mut parts = pair.into_inner().peekable();
    if let Some(first) = parts.next_if(|p| p.as_rule() == Rule::plain_lines) {
        let mut gap = gap_first;
        for (start, end) in plain_line_spans(&first) {
            draft.lines.push(Line::new(start, end, gap, text));
            body.last_line = Some((Some(start), end));
            gap = false;
        }
    } else if let Some(first) = parts.next() {
        let start = span_of(&first).start;
        let end = line_end(&first, body);
        let lead = first
            .clone()
            .into_inner()
            .find(|p| p.as_rule() == Rule::block_lead);
        draft.openers.extend(lead.and_then(|l| opener_of(&l)));
        draft.lines.push(Line::new(start, end, gap_first, text));
    }
    add_rest(parts, body, draft);
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
fn lines_of(text: &str, at: usize) -> impl Iterator<Item = (usize, usize)> + '_ {
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

/// A signer run on at the end of the last line of the text (`... End comment. SMITH`):
/// the signature, and the line's text ends before it. Only where blank lines alone stand
/// below the line. The grammar decides at the places where the signer may start: after
/// the line's first sentence end where `runon_at` matches, unless a paragraph run on
/// inside the line stops the search first (`midline_stop`); else after a web address.
fn runon_signer(text: &str, body: &mut TextPart, drafts: &mut [Draft]) {
    let Some((Some(from), end)) = body.last_line else {
        return;
    };
    let below = crate::regions::matches(Rule::probe_text_end, &text[end..]);
    let last = drafts.last_mut().and_then(|d| d.lines.last_mut());
    let Some(line) = last.filter(|line| below && line.end == end) else {
        return;
    };
    let found = match signer_after_sentence(text, from, end) {
        Runon::Signer(cut, signer) => {
            line.end = cut;
            Some(signer)
        }
        Runon::None => None,
        Runon::NotAfterSentence => signer_after_url(text, from, end),
    };
    if found.is_some() {
        body.signature = found;
    }
}

/// What the search for a signer after a sentence end found.
enum Runon {
    /// The signer: where the text ends, and the signature.
    Signer(usize, Signature),
    /// A paragraph run on after a sentence end, inside the line: no signer.
    None,
    /// No sentence end before a signer: one may follow a web address.
    NotAfterSentence,
}

/// The pair `rule`, a `probe_*` rule holding one, finds at `text[at..]`, with its offset.
pub(super) fn probe<'i>(rule: Rule, text: &'i str, at: usize) -> Option<Pair<'i, Rule>> {
    let pairs = CableParser::parse(rule, &text[at..]).ok()?;
    pairs.flatten().nth(1)
}

/// A signature from a `runon_signature` pair found at `text[at..]`.
fn signature_at(signer: &Pair<'_, Rule>, at: usize) -> Signature {
    let span = span_of(signer);
    Signature {
        name: super::closing::signer_name(signer.as_str()),
        span: Span::new(at + span.start, at + span.end),
    }
}

/// The signer after the first sentence end of `text[from..end]` where `runon_at` matches.
/// The places tried are those where a sentence ends or a paragraph may run on (`.`, `-`):
/// a paragraph run on ends the search (after a sentence end, the line has no signer), a
/// run of dashes is one place, and a `\r` ends the line.
fn signer_after_sentence(text: &str, from: usize, end: usize) -> Runon {
    let bytes = text.as_bytes();
    let mut at = from;
    while at < end {
        let rest = &text[at..];
        let place = match bytes[at] {
            b'\r' => return Runon::NotAfterSentence,
            b'.' | b'!' | b'?' | b'"' | b')' | b'-' => true,
            b'c' => rest.starts_with("cfm"),
            b'h' => rest.starts_with("htm"),
            _ => rest.starts_with('”'),
        };
        if place {
            if let Some(found) = probe(Rule::probe_runon_at, text, at) {
                let mut cut = at;
                let mut signature = None;
                for part in found.into_inner() {
                    match part.as_rule() {
                        Rule::text_cut => cut = at + part.as_span().start(),
                        Rule::runon_signature => signature = Some(signature_at(&part, at)),
                        _ => {}
                    }
                }
                return signature.map_or(Runon::None, |s| Runon::Signer(cut, s));
            }
            if crate::regions::matches(Rule::probe_midline_stop, rest) {
                return if bytes[at] == b'.' {
                    Runon::None
                } else {
                    Runon::NotAfterSentence
                };
            }
            if bytes[at] == b'-' {
                at += rest.len() - rest.trim_start_matches('-').len();
                continue;
            }
        }
        at += rest.chars().next().map_or(1, char::len_utf8);
    }
    Runon::NotAfterSentence
}

/// The signer after the spaces that follow the first `http` of `text[from..end]` (a web
/// address ends the line's last sentence): the signature; the text keeps it.
fn signer_after_url(text: &str, from: usize, end: usize) -> Option<Signature> {
    let line = &text[from..end];
    let http = line.find("http")?;
    if line[..http].contains('\r') {
        return None;
    }
    for (i, c) in line[http..].char_indices() {
        if c == '\r' {
            return None;
        }
        let at = from + http + i;
        // `sp`: ASCII spaces and tabs, and the Unicode spaces, which the grammar tells apart.
        if matches!(c, ' ' | '\t' | '\u{b}' | '\u{c}') || !c.is_ascii() {
            if let Some(found) = probe(Rule::probe_runon_after_url, text, at) {
                let signer = found
                    .into_inner()
                    .find(|p| p.as_rule() == Rule::runon_signature)?;
                return Some(signature_at(&signer, at));
            }
        }
    }
    None
}

/// A heading that opens a block over a paragraph whose text opens the same block again
/// (`Summary -------` / `1. (SBU) Summary: ...`): one opening, at the heading, whose text
/// starts after the paragraph's lead.
fn merge_heading_lead(openers: &mut Vec<(BlockWord, usize, usize, OpenedBy)>) {
    let [.., heading, lead] = openers.as_slice() else {
        return;
    };
    if heading.3 != OpenedBy::Lead
        && lead.3 == OpenedBy::Lead
        && heading.0 == lead.0
        && heading.2 == lead.1
    {
        let content = lead.2;
        openers.pop();
        if let Some(heading) = openers.last_mut() {
            heading.2 = content;
        }
    }
}

/// Whether a heading that opens a block names another part with it: `SUMMARY/BACKGROUND`,
/// `Summary and Background`, `SUMMARY & COMMENT`.
fn names_a_section(heading: &str) -> bool {
    let upper = heading
        .trim_start_matches(|c: char| !c.is_ascii_alphabetic())
        .to_ascii_uppercase();
    let upper = upper.strip_prefix("BEGIN ").unwrap_or(&upper);
    let rest = ["SUMMARY", "COMMENT"]
        .iter()
        .find_map(|w| upper.strip_prefix(w))
        .unwrap_or("");
    let rest = rest.trim_start();
    let joined = rest
        .strip_prefix("AND ")
        .or_else(|| rest.strip_prefix(['/', '&']));
    joined.is_some_and(|r| {
        r.trim_start()
            .starts_with(|c: char| c.is_ascii_alphabetic())
    })
}

/// The opening a `block_lead` makes: `SUMMARY:`, `BEGIN SUMMARY`, `Summary.`.
fn opener_of(lead: &Pair<'_, Rule>) -> Option<(BlockWord, usize, usize, OpenedBy)> {
    let word = lead
        .clone()
        .into_inner()
        .find(|p| p.as_rule() == Rule::block_word)
        .and_then(|w| block_word(w.as_str()))?;
    Some((
        word,
        lead.as_span().start(),
        lead.as_span().end(),
        OpenedBy::Lead,
    ))
}

/// The block a word opens: `SUMMARY`, `Summary and Comment`, `COMMENT`.
fn block_word(text: &str) -> Option<BlockWord> {
    let upper = text
        .trim_start_matches(['-', ' ', '(', '/', '*'])
        .to_ascii_uppercase();
    let upper = upper.strip_prefix("BEGIN ").unwrap_or(&upper);
    if upper.starts_with("SUMMARY") {
        Some(BlockWord::Summary)
    } else if upper.starts_with("COMMENT") {
        Some(BlockWord::Comment)
    } else {
        None
    }
}

/// Where the text of a numbered line starts, after its number and marking.
fn text_start_after(line: &Pair<'_, Rule>, text_start: usize) -> usize {
    let text = line.get_input();
    let end = span_of(line).end.max(text_start);
    text_start + (text[text_start..end].len() - text[text_start..end].trim_start().len())
}

/// A draft's paragraph: its lines joined (a blank line between blocks), the export's `¶`
/// removed from line starts; and the spans of those lines.
fn finish(draft: Draft, text: &str) -> Option<(Paragraph, Vec<(usize, usize)>)> {
    let mut out = String::new();
    let mut end = draft.start;
    let mut spans = Vec::with_capacity(draft.lines.len());
    for &Line {
        start: s,
        end: e,
        gap,
        ..
    } in &draft.lines
    {
        let line = strip_line_end(&text[s..e.max(s)]);
        let line = strip_pilcrow(line);
        if line.trim().is_empty() {
            continue;
        }
        if !out.is_empty() {
            out.push_str(if gap { "\n\n" } else { "\n" });
        }
        out.push_str(line);
        let line_start = s + strip_line_end(&text[s..e.max(s)]).len() - line.len();
        spans.push((line_start, line_start + line.len()));
        end = e;
    }
    if out.is_empty() && draft.number.is_none() && draft.heading.is_none() {
        return None;
    }
    if out.is_empty() {
        end = draft.lines.first().map_or(draft.start, |l| l.end);
    }
    let paragraph = Paragraph {
        number: draft.number,
        marking: draft.marking,
        heading: draft.heading,
        text: out,
        span: Span::new(draft.start, end.max(draft.start)),
    };
    Some((paragraph, spans))
}

/// A line without its trailing spaces and the backslash that a `cables.csv` dump pasted
/// into a page left before each line break (the grammar's `eol` reads it as part of the
/// break).
fn strip_line_end(line: &str) -> &str {
    let line = line.trim_end();
    line.strip_suffix('\\').map_or(line, str::trim_end)
}

/// A line without the export's `¶` artifact at its start (`¶2011.` is the year 2011).
fn strip_pilcrow(line: &str) -> &str {
    let trimmed = line.trim_start();
    trimmed.strip_prefix('¶').unwrap_or(line)
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

    /// The numbers, markings and headings of the paragraphs of a cable with `text` as its
    /// paragraphs.
    fn paragraphs_of(text: &str) -> Vec<(Option<u32>, Option<String>, Option<String>)> {
        let input = format!(
            "UNCLAS STATE 000123\n\nE.O. 12958: N/A\nTAGS: PREL\nSUBJECT: TEST\n\n{text}\nSMITH\n"
        );
        let body = crate::parse(&input).body.expect("a body");
        body.paragraphs
            .into_iter()
            .map(|p| (p.number, p.marking, p.heading))
            .collect()
    }

    #[test]
    fn a_missing_number_with_a_marking_inside_a_line_starts_its_paragraph() {
        let found = paragraphs_of(
            "1. (C) One.\n\nARTICLE 98: 2. (C) Two.\n\n3. (C) Three. End of it. \
             Bankers Speak Out 4. (SBU) Four, see para 5. (C) here.\n\n6. (C) Six.\n",
        );
        let numbers: Vec<_> = found.iter().map(|p| p.0).collect();
        assert_eq!(numbers, [Some(1), Some(2), Some(3), Some(4), Some(6)]);
        assert_eq!(found[1].2.as_deref(), Some("ARTICLE 98:"));
        assert_eq!(found[3].1.as_deref(), Some("SBU"));
        assert_eq!(found[3].2.as_deref(), Some("Bankers Speak Out"));
    }

    #[test]
    fn a_number_that_ends_a_range_or_a_list_item_is_no_paragraph() {
        let found = paragraphs_of(
            "1. Text of a visit on July 1-\n2. In meetings, the aims were:\n\
             (1) to train, and\n\n2. Contact.\n",
        );
        let numbers: Vec<_> = found.iter().map(|p| p.0).collect();
        assert_eq!(numbers, [Some(1), Some(2)]);
        assert!(ends_a_range("a July 1- \n2. b", 11));
        assert!(!ends_a_range("a July -\n2. b", 9));
        assert!(ends_a_range("led to September\n11. b", 17));
        assert!(!ends_a_range("led to Sept.\n11. b", 13));
    }

    #[test]
    fn a_table_of_contents_before_the_paragraphs_is_text() {
        let input =
            "UNCLAS BERLIN 000008\n\nE.O. 12958: N/A\nTAGS: PREL\nSUBJECT: MEDIA REACTION\n\n\
             1.   Lead Stories Summary\n2.   (U.S.)   Obama\n3.   (Afghanistan)   London\n\n\
             1.   Lead Stories Summary\n\nThe main story.\n\n2.   (U.S.)   Obama\n\nText.\n\n\
             3.   (Afghanistan)   London\n\nMore text.\n\nSMITH\n";
        let body = crate::parse(input).body.expect("a body");
        let found: Vec<_> = body
            .paragraphs
            .iter()
            .map(|p| (p.number, p.marking.as_deref()))
            .collect();
        assert_eq!(
            found,
            [
                (None, None),
                (Some(1), None),
                (Some(2), None),
                (Some(3), None)
            ]
        );
        assert!(body.paragraphs[3].text.starts_with("(Afghanistan)"));
        assert_eq!(body.summary.expect("a summary").text, "The main story.");
        assert!(is_classification("(S//NF)") && is_classification("(c)"));
        assert!(!is_classification("(Afghanistan)") && !is_classification("(UN)"));
    }

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
