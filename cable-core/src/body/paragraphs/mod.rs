//! The paragraphs: `heading? ~ numbered line ~ text lines`, and unnumbered text.
//!
//! The grammar starts a paragraph at every `N.` line; numbers run in order, which a PEG
//! cannot check, so a paragraph whose number does not follow (`¶2011.`, a year that
//! starts a line, or a numbered list inside a paragraph) goes back into the paragraph
//! before it as text.
//!
//! This module reads the region into drafts and finishes them into paragraphs; what a
//! draft's lines are, which numbers are paragraphs', headings, the openings of blocks and
//! a run-on signer are each decided in a module of its own, over the same drafts.

use pest::iterators::Pair;

use super::blocks::{BlockWord, Opener, TextMap};
use crate::ast::*;
use crate::grammar::Rule;
use crate::pairs::{parse_page_break, span_of};

mod headings;
mod lines;
mod numbers;
mod openers;
mod signer;

use headings::{heading_above, Heading};
use lines::{
    add_first_line, add_lines, add_rest, blank_before, numbered_line_head, text_start_after,
};
use numbers::{accepts, contents_table, ends_a_range, fill_gaps};
use openers::{block_word, merge_heading_lead, names_a_section, title_summary, OpenedBy};
use signer::runon_signer;

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
        add_rest(parts, body, &mut draft, false);
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
        add_rest(parts, body, draft, false);
    }
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
        let line = crate::text::strip_line_end(&text[s..e.max(s)]);
        let line = strip_pilcrow(line);
        if line.trim().is_empty() {
            continue;
        }
        if !out.is_empty() {
            out.push_str(if gap { "\n\n" } else { "\n" });
        }
        out.push_str(line);
        let line_start = s + crate::text::strip_line_end(&text[s..e.max(s)]).len() - line.len();
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

/// A line without the export's `¶` artifact at its start (`¶2011.` is the year 2011).
fn strip_pilcrow(line: &str) -> &str {
    let trimmed = line.trim_start();
    trimmed.strip_prefix('¶').unwrap_or(line)
}

#[cfg(test)]
mod tests {
    use super::lines::is_classification;
    use super::*;

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
}
