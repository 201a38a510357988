//! Summary and comment blocks: an opening, paired with the `END SUMMARY` or `END COMMENT`
//! that closes it, possibly paragraphs later.
//!
//! The grammar finds the openings a paragraph starts with (`1. (C) SUMMARY:`, `BEGIN
//! SUMMARY`, a `SUMMARY` heading). End markers, and comments opened inside a sentence
//! (`... (Comment: ...`), stand anywhere in the text: they are found with one SIMD
//! substring search over the paragraphs, not by trying a rule at every character.

use memchr::memmem;

use crate::ast::*;
use crate::text::collapse;

/// How many paragraphs after its own an opening's end marker may stand.
const REACH: usize = 5;

/// Which block a word opens.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum BlockWord {
    Summary,
    Comment,
}

impl BlockWord {
    fn word(self) -> &'static str {
        match self {
            BlockWord::Summary => "SUMMARY",
            BlockWord::Comment => "COMMENT",
        }
    }
}

/// An opening, as the grammar found it.
#[derive(Debug, Clone, Copy)]
pub(super) struct Opener {
    pub(super) word: BlockWord,
    /// The paragraph whose text the block starts in.
    pub(super) para: usize,
    /// Where the opening stands (`SUMMARY:`, the heading, `BEGIN`).
    pub(super) start: usize,
    /// Where the block's text starts.
    pub(super) content: usize,
    /// The opening is a heading that names the block with another part
    /// (`SUMMARY/BACKGROUND`): the block takes the paragraphs under it, to the next heading.
    pub(super) section: bool,
    /// The opening stands inside a sentence (`... (Comment: ...`), not at the start of a
    /// paragraph or a line.
    pub(super) in_sentence: bool,
}

/// The text of the paragraphs, as line spans (numbers, markings and page breaks left out),
/// and the openings the grammar found in it.
#[derive(Debug, Default)]
pub(super) struct TextMap {
    pub(super) lines: Vec<Vec<(usize, usize)>>,
    pub(super) openers: Vec<Opener>,
    /// Whether each paragraph has a heading over it.
    pub(super) headings: Vec<bool>,
}

impl TextMap {
    /// The map moved `by` bytes on (see [`crate::ast::Span::offset`]).
    pub(super) fn offset(mut self, by: isize) -> TextMap {
        for (start, end) in self.lines.iter_mut().flatten() {
            *start = start.wrapping_add_signed(by);
            *end = end.wrapping_add_signed(by);
        }
        for opener in &mut self.openers {
            opener.start = opener.start.wrapping_add_signed(by);
            opener.content = opener.content.wrapping_add_signed(by);
        }
        self
    }
}

/// Fills the body's summary and comments.
pub(super) fn find_blocks(body: &mut Body, text: &str, map: &TextMap) {
    let (Some(first), Some(last)) = (
        map.lines.iter().flatten().next(),
        map.lines.iter().flatten().next_back(),
    ) else {
        return;
    };
    let region = first.0..last.1.max(first.0);
    // One upper-cased copy of the text for every search.
    let upper = text[region.clone()].to_ascii_uppercase();
    // `End` / `Summary.` on the next line is an end marker wrapped, not an opening.
    let mut openers: Vec<Opener> = map
        .openers
        .iter()
        .filter(|o| {
            let before = upper[..o.start.saturating_sub(region.start)].trim_end();
            !(before.ends_with("END") || before.ends_with("END OF"))
        })
        .copied()
        .collect();
    openers.extend(comments_in_sentences(&upper, region.start, map));
    openers.sort_by_key(|o| o.content);
    body.summary = blocks(
        BlockWord::Summary,
        &openers,
        &upper,
        region.start,
        text,
        map,
    )
    .into_iter()
    .next()
    .or_else(|| summary_without_opening(&upper, region.start, text, map));
    body.comments = blocks(
        BlockWord::Comment,
        &openers,
        &upper,
        region.start,
        text,
        map,
    );
}

/// The blocks of one word: each opening to its end marker (when it may reach it) or to
/// the end of its paragraph. An opening inside a block already taken opens nothing.
fn blocks(
    word: BlockWord,
    openers: &[Opener],
    upper: &str,
    base: usize,
    text: &str,
    map: &TextMap,
) -> Vec<Block> {
    let ends = end_markers(upper, base, word.word());
    let mine: Vec<&Opener> = openers.iter().filter(|o| o.word == word).collect();
    let mut out = Vec::new();
    let mut taken = 0;
    for (n, opener) in mine.iter().enumerate() {
        if opener.start < taken {
            continue;
        }
        // An opening alone in its paragraph (`Summary`, then the text under it) takes
        // the paragraph after it.
        let mut para_end = map.lines[opener.para]
            .last()
            .map_or(opener.content, |l| l.1);
        if para_end <= opener.content {
            let next = map.lines.get(opener.para + 1).and_then(|l| l.last());
            para_end = next.map_or(para_end, |l| l.1);
        }
        if opener.section {
            para_end = para_end.max(section_end(map, opener.para).unwrap_or(0));
        }
        let next_opener = mine.get(n + 1).map_or(usize::MAX, |o| o.start);
        // An end marker closes a block a few paragraphs on (`SUMMARY:` in paragraph 1,
        // `END SUMMARY` in paragraph 3), not one far away that belongs to no opening.
        let reach = map
            .lines
            .get(opener.para + REACH)
            .and_then(|l| l.last())
            .map_or(usize::MAX, |l| l.1);
        let end = ends
            .get(ends.partition_point(|e| e.0 < opener.content))
            .copied()
            .filter(|e| e.0 <= para_end || (e.0 < next_opener && e.0 < reach));
        let (mut close, mut close_end) = end.unwrap_or((para_end, para_end));
        // A summary ends where a later paragraph (or line) opens a comment, though the
        // end marker stands below it (`... END SUMMARY AND COMMENT.`).
        if let Some(stop) = other_opening(word, opener, openers).filter(|&s| s < close) {
            (close, close_end) = (stop, stop);
        }
        let content = text_between(text, map, opener.para, opener.content, close);
        out.push(Block {
            text: content,
            span: Span::new(opener.start, close_end.max(opener.start)),
        });
        taken = close_end;
    }
    out
}

/// The end of a section that a heading opens over paragraph `para`: the end of the
/// paragraph above the next heading, when that heading stands within `REACH` paragraphs.
fn section_end(map: &TextMap, para: usize) -> Option<usize> {
    let next = (para + 1..=para + REACH)
        .take_while(|&p| p < map.lines.len())
        .find(|&p| map.headings.get(p).copied().unwrap_or(false))?;
    map.lines[para..next]
        .iter()
        .flatten()
        .next_back()
        .map(|l| l.1)
}

/// Where a summary opened by `opener` gives way to a comment: the first comment opening
/// at the start of a paragraph (or of a line) after the summary's own paragraph.
fn other_opening(word: BlockWord, opener: &Opener, openers: &[Opener]) -> Option<usize> {
    (word == BlockWord::Summary).then_some(())?;
    openers
        .iter()
        .filter(|o| o.word == BlockWord::Comment && !o.in_sentence)
        .find(|o| o.para > opener.para && o.start > opener.content)
        .map(|o| o.start)
}

/// `END SUMMARY` with no opening: the summary is the text from the start of the first
/// paragraph to the marker.
fn summary_without_opening(upper: &str, base: usize, text: &str, map: &TextMap) -> Option<Block> {
    let (close, close_end) = end_markers(upper, base, "SUMMARY").into_iter().next()?;
    let para = map.lines.iter().position(|l| !l.is_empty())?;
    let start = map.lines[para][0].0;
    let in_reach = map
        .lines
        .iter()
        .take(3)
        .flatten()
        .any(|l| l.0 <= close && close <= l.1);
    in_reach.then(|| Block {
        text: text_between(text, map, para, start, close),
        span: Span::new(start, close_end),
    })
}

/// The end markers of a word: `END SUMMARY`, `END OF COMMENT`, `END\nSUMMARY`, as
/// (start, end) offsets in the text, in order; the end takes the punctuation after it.
fn end_markers(upper: &str, base: usize, word: &str) -> Vec<(usize, usize)> {
    let bytes = upper.as_bytes();
    let mut out = Vec::new();
    for at in memmem::find_iter(bytes, word) {
        let after = at + word.len();
        if bytes.get(after).is_some_and(u8::is_ascii_alphanumeric) {
            continue;
        }
        // `END` and the word stand apart (`ENDSUMMARY` is no marker).
        if !upper[..at].ends_with(|c: char| c.is_ascii_whitespace()) {
            continue;
        }
        let before = upper[..at].trim_end();
        let before = before.strip_suffix(" OF").map_or(before, str::trim_end);
        // `END SUMMARY AND COMMENT` closes both blocks.
        let before = before
            .strip_suffix(" AND")
            .and_then(|b| {
                b.strip_suffix("SUMMARY")
                    .or_else(|| b.strip_suffix("COMMENT"))
            })
            .map_or(before, str::trim_end);
        let Some(start) = before.strip_suffix("END").map(str::len) else {
            continue;
        };
        if start > 0 && bytes[start - 1].is_ascii_alphanumeric() {
            continue;
        }
        let rest = &upper[after..];
        let tail = rest.len() - rest.trim_start_matches(['.', ':', ')', ' ']).len();
        out.push((base + start, base + after + tail));
    }
    out
}

/// Comments opened inside a sentence: `... (Comment: ...`, `BEGIN COMMENT`, where no
/// paragraph opening of the grammar already stands.
fn comments_in_sentences(upper: &str, base: usize, map: &TextMap) -> Vec<Opener> {
    let bytes = upper.as_bytes();
    let mut out = Vec::new();
    for at in memmem::find_iter(bytes, "COMMENT") {
        let after = at + "COMMENT".len();
        let glued = |i: Option<&u8>| i.is_some_and(u8::is_ascii_alphanumeric);
        if glued(bytes.get(after)) || (at > 0 && glued(bytes.get(at - 1))) {
            continue;
        }
        let before = upper[..at].trim_end();
        if before.ends_with("END") || before.ends_with("END OF") || before.ends_with(" AND") {
            continue;
        }
        let begin = before.ends_with("BEGIN");
        let rest = &upper[after..];
        let colon = rest.trim_start_matches(' ').starts_with(':');
        if !(colon || begin) {
            continue;
        }
        let start = if begin {
            before.len() - "BEGIN".len()
        } else {
            at
        };
        let content = after + rest.len() - rest.trim_start_matches([' ', ':', '.', '-']).len();
        let (start, content) = (base + start, base + content);
        if map
            .openers
            .iter()
            .any(|o| o.start <= start && start <= o.content)
        {
            continue;
        }
        let Some(para) = map.lines.iter().position(|ls| {
            ls.first().is_some_and(|f| f.0 <= start) && ls.last().is_some_and(|l| start <= l.1)
        }) else {
            continue;
        };
        out.push(Opener {
            word: BlockWord::Comment,
            para,
            start,
            content,
            section: false,
            in_sentence: true,
        });
    }
    out
}

/// The text of the paragraphs from `from` (in paragraph `para`) to `to`, lines joined,
/// whitespace collapsed, the export's `¶` left out.
fn text_between(text: &str, map: &TextMap, para: usize, from: usize, to: usize) -> String {
    let mut out = String::new();
    'paragraphs: for lines in &map.lines[para..] {
        for &(s, e) in lines {
            if s >= to {
                break 'paragraphs;
            }
            let (s, e) = (s.max(from), e.min(to));
            if s < e {
                out.push(' ');
                out.push_str(&text[s..e]);
            }
        }
    }
    let out = collapse(&out.replace('¶', ""));
    out.trim_end_matches([' ', '-', '(']).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A cable with `text` as its paragraphs.
    fn body_of(text: &str) -> Body {
        let input = format!(
            "UNCLAS STATE 000123\n\nE.O. 12958: N/A\nTAGS: PREL\nSUBJECT: TEST\n\n{text}\nSMITH\n"
        );
        crate::parse(&input).body.expect("a body")
    }

    #[test]
    fn a_heading_that_joins_the_summary_to_another_part_heads_a_section() {
        let body = body_of(
            "------------------\nSUMMARY/BACKGROUND\n------------------\n\n\
             1. (U) First part.\n\n2. (U) Second part.\n\n\
             OBJECTIVES\n----------\n\n3. (U) Third part.\n",
        );
        let summary = body.summary.expect("a summary");
        assert_eq!(summary.text, "First part. Second part.");
        // A plain `SUMMARY` heading heads its paragraph only.
        let body = body_of(
            "-------\nSUMMARY\n-------\n\n1. (U) First part.\n\n2. (U) Second part.\n\n\
             OBJECTIVES\n----------\n\n3. (U) Third part.\n",
        );
        assert_eq!(body.summary.expect("a summary").text, "First part.");
    }

    #[test]
    fn a_summary_ends_where_a_later_paragraph_opens_a_comment() {
        let body = body_of(
            "1. (S) Summary: The summary.\n\n2. (S) Comment: The comment. \
             End Summary and Comment.\n\n3. (S) More.\n",
        );
        assert_eq!(body.summary.expect("a summary").text, "The summary.");
        assert_eq!(body.comments[0].text, "The comment.");
    }

    #[test]
    fn a_summary_heading_over_a_summary_lead_opens_one_block() {
        let body = body_of("Summary -------\n\n1. (SBU) Summary: The summary.\n\n2. (U) More.\n");
        assert_eq!(body.summary.expect("a summary").text, "The summary.");
    }

    #[test]
    fn a_box_of_dashes_right_under_the_text_is_a_heading() {
        let body =
            body_of("1. (U) Text.\n-------------\nOTHER MATTERS\n-------------\n\n2. (U) More.\n");
        assert_eq!(body.paragraphs[0].text, "Text.");
        assert_eq!(body.paragraphs[1].heading.as_deref(), Some("OTHER MATTERS"));
    }

    #[test]
    fn end_markers_in_their_spellings() {
        let text = "X. END SUMMARY. Y. End of Summary Z END\nSUMMARY: W ENDSUMMARY";
        let upper = text.to_ascii_uppercase();
        let ends = end_markers(&upper, 0, "SUMMARY");
        let found: Vec<&str> = ends.iter().map(|e| &text[e.0..e.1]).collect();
        assert_eq!(
            found,
            ["END SUMMARY. ", "End of Summary ", "END\nSUMMARY: "]
        );
        let text = "X. End Summary and Comment. Y. Summary and Comment: Z";
        let upper = text.to_ascii_uppercase();
        let ends = end_markers(&upper, 0, "COMMENT");
        let found: Vec<&str> = ends.iter().map(|e| &text[e.0..e.1]).collect();
        assert_eq!(found, ["End Summary and Comment. "]);
    }
}
