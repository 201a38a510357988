//! Where summaries and comments open: a lead the grammar reads (`SUMMARY:`, `BEGIN
//! COMMENT`), a heading that names the block, a title that ends with `Summary`. The
//! paragraphs note each opening on their draft as they read it; `blocks` finds the blocks
//! from these openings once the paragraphs are done, so the openings are one unit with
//! one shape, whatever opened them.

use pest::iterators::Pair;

use super::Draft;
use crate::body::blocks::BlockWord;
use crate::grammar::Rule;

/// What opens a summary or a comment.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum OpenedBy {
    /// A lead at the start of a paragraph or a line (`SUMMARY:`, `BEGIN COMMENT`).
    Lead,
    /// The heading over the paragraph (`SUMMARY`, boxed or underlined).
    Heading,
    /// A heading that names the block with another part (`SUMMARY/BACKGROUND`, `Summary
    /// and Background`): it heads a section of paragraphs.
    SectionHeading,
}

/// A paragraph whose first line is a title that ends with `Summary` (`1. Lead Stories
/// Summary`, then the text below it) opens the summary at its second line.
pub(super) fn title_summary(text: &str, draft: &mut Draft) {
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

/// A heading that opens a block over a paragraph whose text opens the same block again
/// (`Summary -------` / `1. (SBU) Summary: ...`): one opening, at the heading, whose text
/// starts after the paragraph's lead.
pub(super) fn merge_heading_lead(openers: &mut Vec<(BlockWord, usize, usize, OpenedBy)>) {
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
pub(super) fn names_a_section(heading: &str) -> bool {
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
pub(super) fn opener_of(lead: &Pair<'_, Rule>) -> Option<(BlockWord, usize, usize, OpenedBy)> {
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
pub(super) fn block_word(text: &str) -> Option<BlockWord> {
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
