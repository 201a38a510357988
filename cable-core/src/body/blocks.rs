//! Summary and comment blocks: an opening, paired with the `END SUMMARY` or `END COMMENT`
//! that closes it, possibly paragraphs later.
//!
//! The grammar finds the openings a paragraph starts with (`1. (C) SUMMARY:`, `BEGIN
//! SUMMARY`, a `SUMMARY` heading). End markers, and comments opened inside a sentence
//! (`... (Comment: ...`), stand anywhere in the text: a SIMD substring search over the
//! paragraphs finds the words they start with (`END`, `BEGIN`, `COMMENT`), and the
//! grammar's `end_marker` and `sentence_comment` confirm each, rather than a rule tried at
//! every character.

use std::sync::LazyLock;

use memchr::memmem::{Finder, FinderRev};

use crate::ast::*;
use crate::grammar::Rule;
use crate::pairs::probe;
use crate::text::collapse;

/// How many paragraphs after its own an opening's end marker may stand.
const REACH: usize = 5;

/// Which block a word opens.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum BlockWord {
    Summary,
    Comment,
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
    let comments = whole_words(&upper, &COMMENT);
    let markers = end_markers(&upper, region.start, &comments);
    // `End` / `Summary.` on the next line is an end marker wrapped, not an opening.
    let mut openers: Vec<Opener> = map
        .openers
        .iter()
        .filter(|o| !markers.iter().any(|m| m.covers(o.start)))
        .copied()
        .collect();
    openers.extend(comments_in_sentences(
        &upper,
        region.start,
        map,
        &markers,
        &comments,
    ));
    openers.sort_by_key(|o| o.content);
    let summary_ends = ends_of(&markers, BlockWord::Summary);
    body.summary = blocks(BlockWord::Summary, &openers, &summary_ends, text, map)
        .into_iter()
        .next()
        .or_else(|| summary_without_opening(&summary_ends, text, map));
    let comment_ends = ends_of(&markers, BlockWord::Comment);
    body.comments = blocks(BlockWord::Comment, &openers, &comment_ends, text, map);
}

/// The blocks of one word: each opening to its end marker (when it may reach it; `ends`
/// are the word's, see [`ends_of`]) or to the end of its paragraph. An opening inside a
/// block already taken opens nothing.
fn blocks(
    word: BlockWord,
    openers: &[Opener],
    ends: &[(usize, usize)],
    text: &str,
    map: &TextMap,
) -> Vec<Block> {
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
fn summary_without_opening(ends: &[(usize, usize)], text: &str, map: &TextMap) -> Option<Block> {
    let &(close, close_end) = ends.first()?;
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

/// An end marker (`END SUMMARY`, `END SUMMARY AND COMMENT`), as offsets in the text:
/// where it starts, and where it ends for each block it closes (its `end_word`).
#[derive(Debug, Clone, Copy)]
struct EndMarker {
    start: usize,
    summary: Option<usize>,
    comment: Option<usize>,
}

impl EndMarker {
    /// Where the marker ends for the block of `word`, when it closes that block.
    fn end(&self, word: BlockWord) -> Option<usize> {
        match word {
            BlockWord::Summary => self.summary,
            BlockWord::Comment => self.comment,
        }
    }

    /// Whether `at` stands inside the marker, after its `END`.
    fn covers(&self, at: usize) -> bool {
        self.start < at && self.summary.max(self.comment).is_some_and(|end| at < end)
    }
}

/// The searches for the words of the blocks, built once.
static SUMMARY: LazyLock<Finder<'static>> = LazyLock::new(|| Finder::new("SUMMARY"));
static COMMENT: LazyLock<Finder<'static>> = LazyLock::new(|| Finder::new("COMMENT"));
static END: LazyLock<FinderRev<'static>> = LazyLock::new(|| FinderRev::new("END"));
static BEGIN: LazyLock<FinderRev<'static>> = LazyLock::new(|| FinderRev::new("BEGIN"));

/// Where the word that `word` finds stands in `upper`, whole: no letter or digit glued to
/// it.
fn whole_words(upper: &str, word: &Finder<'_>) -> Vec<usize> {
    let bytes = upper.as_bytes();
    let glued = |at: Option<&u8>| at.is_some_and(u8::is_ascii_alphanumeric);
    let len = word.needle().len();
    word.find_iter(bytes)
        .filter(|&at| !(at > 0 && glued(bytes.get(at - 1)) || glued(bytes.get(at + len))))
        .collect()
}

/// How many bytes before a word its lead may stand (`END OF NOTE AND` and the spaces of
/// a wrap; 14 at most in the corpus). A bound in bytes, not in lines, keeps the search
/// linear on a long line.
const LEAD_REACH: usize = 48;

/// For each of `words` in `upper` (in order), the last word that `lead` finds before it,
/// within `LEAD_REACH` bytes and after the word before it (no letter or digit glued before
/// the lead): where a rule that starts with the lead and reaches the word (`END` ...
/// `SUMMARY`, `BEGIN COMMENT`) may start. Each lead is tried once, and only near a word.
fn last_leads(upper: &str, lead: &FinderRev<'_>, words: &[usize]) -> Vec<usize> {
    let bytes = upper.as_bytes();
    let mut out = Vec::new();
    let mut after = 0;
    for &word in words {
        let from = word.saturating_sub(LEAD_REACH).max(after);
        let mut to = word;
        while let Some(at) = lead.rfind(&bytes[from..to]).map(|i| from + i) {
            if at == 0 || !bytes[at - 1].is_ascii_alphanumeric() {
                out.push(at);
                break;
            }
            to = at;
        }
        after = word;
    }
    out
}

/// The end markers in `upper` (the text from offset `base`, upper-cased), in order: the
/// grammar's `end_marker`, tried at the last word `END` before each word `SUMMARY` and
/// `COMMENT` (at `comments`) close before it (see [`last_leads`]).
fn end_markers(upper: &str, base: usize, comments: &[usize]) -> Vec<EndMarker> {
    let mut words = whole_words(upper, &SUMMARY);
    words.extend_from_slice(comments);
    words.sort_unstable();
    let mut out = Vec::new();
    for at in last_leads(upper, &END, &words) {
        let Some(marker) = probe(Rule::probe_end_marker, upper, at) else {
            continue;
        };
        let mut found = EndMarker {
            start: base + at,
            summary: None,
            comment: None,
        };
        for closed in marker.into_inner() {
            let end = base + at + closed.as_span().end();
            // `SUMMARY` or `COMMENT`, as `block_word` reads it.
            if closed.as_str().as_bytes()[0].eq_ignore_ascii_case(&b'S') {
                found.summary = found.summary.or(Some(end));
            } else {
                found.comment = found.comment.or(Some(end));
            }
        }
        out.push(found);
    }
    out
}

/// The end markers that close the block of `word`, as (start, end) offsets, in order.
fn ends_of(markers: &[EndMarker], word: BlockWord) -> Vec<(usize, usize)> {
    markers
        .iter()
        .filter_map(|m| Some((m.start, m.end(word)?)))
        .collect()
}

/// Comments opened inside a sentence: the grammar's `sentence_comment` (`... (Comment:
/// ...`, `BEGIN COMMENT`), tried at each word `COMMENT` (at `comments`) and at the last word
/// `BEGIN` before one, where no paragraph opening of the grammar (`map`'s openers), no end
/// marker and no comment found before already stands.
fn comments_in_sentences(
    upper: &str,
    base: usize,
    map: &TextMap,
    markers: &[EndMarker],
    comments: &[usize],
) -> Vec<Opener> {
    let begins = last_leads(upper, &BEGIN, comments);
    let mut out: Vec<Opener> = Vec::new();
    for &at in begins.iter().chain(comments) {
        let start = base + at;
        let taken = |o: &Opener| o.start <= start && start <= o.content;
        if map.openers.iter().chain(&out).any(taken) || markers.iter().any(|m| m.covers(start)) {
            continue;
        }
        let Some(opening) = probe(Rule::probe_sentence_comment, upper, at) else {
            continue;
        };
        let Some(para) = map.lines.iter().position(|ls| {
            ls.first().is_some_and(|f| f.0 <= start) && ls.last().is_some_and(|l| start <= l.1)
        }) else {
            continue;
        };
        out.push(Opener {
            word: BlockWord::Comment,
            para,
            start,
            content: start + opening.as_span().end(),
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
    let mut out = if out.contains('¶') {
        collapse(&out.replace('¶', ""))
    } else {
        collapse(&out)
    };
    out.truncate(out.trim_end_matches([' ', '-', '(']).len());
    out
}

#[cfg(test)]
mod tests {
    use pest::Parser;

    use super::*;
    use crate::grammar::CableParser;

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

    /// What `rule` matches at the start of `input`, with the text of each inner pair of
    /// `inner`; `None` when it does not match.
    fn rule_match(rule: Rule, inner: Rule, input: &str) -> Option<(String, Vec<String>)> {
        let pair = CableParser::parse(rule, input).ok()?.next()?;
        let pair = if rule == Rule::probe_sentence_comment {
            pair.into_inner().next()?
        } else {
            pair
        };
        let parts = pair.clone().into_inner().flatten();
        let parts = parts.filter(|p| p.as_rule() == inner);
        Some((
            pair.as_str().to_string(),
            parts.map(|p| p.as_str().to_string()).collect(),
        ))
    }

    #[test]
    fn end_marker_rule_in_its_spellings() {
        let cases: &[(&str, &str, &[&str])] = &[
            ("END SUMMARY. X", "END SUMMARY. ", &["SUMMARY. "]),
            ("End Summary X", "End Summary ", &["Summary "]),
            ("END OF COMMENT). X", "END OF COMMENT). ", &["COMMENT). "]),
            ("END\nSUMMARY: X", "END\nSUMMARY: ", &["SUMMARY: "]),
            ("END \r\n  SUMMARY\n", "END \r\n  SUMMARY", &["SUMMARY"]),
            (
                "END SUMMARY AND COMMENT. X",
                "END SUMMARY AND COMMENT. ",
                &["SUMMARY ", "COMMENT. "],
            ),
            (
                "End summary & \ncomment. X",
                "End summary & \ncomment. ",
                &["summary ", "comment. "],
            ),
            (
                "End note and comment.) X",
                "End note and comment.) ",
                &["comment.) "],
            ),
        ];
        for (input, matched, words) in cases {
            let found = rule_match(Rule::end_marker, Rule::end_word, input);
            let words: Vec<String> = words.iter().map(|w| w.to_string()).collect();
            assert_eq!(found, Some((matched.to_string(), words)), "{input:?}");
        }
        for input in [
            "ENDSUMMARY",
            "END SUMMARYX",
            "END COMMENTS",
            "END OF THE SUMMARY",
            "END\n\nSUMMARY",
            "END NOTE.",
        ] {
            assert_eq!(
                rule_match(Rule::end_marker, Rule::end_word, input),
                None,
                "{input:?}"
            );
        }
    }

    #[test]
    fn sentence_comment_rule_in_its_spellings() {
        let cases = [
            ("(Comment: The text", "Comment: "),
            ("COMMENT : - The text", "COMMENT : - "),
            ("BEGIN COMMENT The text", "BEGIN COMMENT "),
            ("Begin comment. The text", "Begin comment. "),
            ("BEGIN\nCOMMENT: The text", "BEGIN\nCOMMENT: "),
        ];
        for (input, matched) in cases {
            let at = input.find(['C', 'B']).unwrap_or(0);
            let found = rule_match(Rule::probe_sentence_comment, Rule::hit, &input[at..]);
            assert_eq!(found, Some((matched.to_string(), vec![])), "{input:?}");
        }
        for input in [
            "END COMMENT. X",
            "COMMENT ON THE TEXT",
            "COMMENTS: X",
            "BEGIN COMMENTS",
            "BEGINCOMMENT",
        ] {
            assert_eq!(
                rule_match(Rule::probe_sentence_comment, Rule::hit, input),
                None,
                "{input:?}"
            );
        }
    }

    #[test]
    fn end_markers_in_the_text() {
        let text = "X. END SUMMARY. Y. End of Summary Z END\nSUMMARY: W ENDSUMMARY \
                    WEEKEND SUMMARY. V End Summary and Comment. U Summary and Comment: T";
        let upper = text.to_ascii_uppercase();
        let comments = whole_words(&upper, &COMMENT);
        let markers = end_markers(&upper, 0, &comments);
        let spans = |word| -> Vec<&str> {
            ends_of(&markers, word)
                .iter()
                .map(|e| &text[e.0..e.1])
                .collect()
        };
        assert_eq!(
            spans(BlockWord::Summary),
            [
                "END SUMMARY. ",
                "End of Summary ",
                "END\nSUMMARY: ",
                "End Summary "
            ]
        );
        assert_eq!(spans(BlockWord::Comment), ["End Summary and Comment. "]);
    }

    #[test]
    fn a_comment_opens_inside_a_sentence_but_not_at_its_end_marker() {
        let body = body_of(
            "1. (C) The text. (Comment: The comment. End comment.) More text.\n\n\
             2. (C) Other text. END COMMENT: not one.\n",
        );
        assert_eq!(body.comments.len(), 1);
        assert_eq!(body.comments[0].text, "The comment.");
    }
}
