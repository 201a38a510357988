//! Preamble lines run together. Some `<pre>` blocks (Embassy Tripoli's above all) put the
//! addressees, the E.O. line, the subject, the REF list, a page marker, Classified By and
//! even the first paragraph on one line:
//!
//! ```text
//! SUBJECT: LIBYA'S LATEST ... REF: A) TRIPOLI 199 TRIPOLI 00000214 001.2 OF 002 CLASSIFIED BY: ...
//! ```
//!
//! Such a line is cut where each of them starts, and each piece is classified by the grammar
//! as a line of its own, so the REF list, the E.O. line and Classified By are found.

use pest::Parser;

use super::body::{caveats_of, classify, Kind, Line};
use crate::ast::Span;
use crate::grammar::{CableParser, Rule};

/// Keywords that open a preamble line, as they appear run on after other text.
const OPENERS: [&str; 6] = [
    " TAGS: ",
    " SUBJECT: ",
    " REF: ",
    " CLASSIFIED BY: ",
    " Classified By: ",
    " Classified by: ",
];

/// Paragraph markings that can open paragraph 1 run on after the preamble: `1.(S/NF)`.
const MARKINGS: [&str; 8] = ["U", "C", "S", "SBU", "LOU", "TS", "FOUO", "S//NF"];

/// Splits the run-on lines of the preamble (the lines before the first numbered one) into
/// pieces, each classified as a line. A line opened by a preamble keyword (SUBJECT, REF,
/// Classified By, TAGS), one that goes on with such a line, or one opened by a page marker
/// is cut at every part run on in it; any other line only from an E.O. line on (`DEPT FOR
/// NEA/MAG E.O. 12958: DECL: ...`), so that prose such as `WE RAISED ANOTHER SUBJECT:
/// VISAS.` stays whole. `station` (the banner's) finds page markers
/// such as `TRIPOLI 00000214 001.2 OF 002`. Caveat pieces add their caveats to `caveats`.
pub(super) fn split<'t>(
    lines: Vec<Line<'t>>,
    text: &'t str,
    station: Option<&str>,
    caveats: &mut Vec<String>,
) -> Vec<Line<'t>> {
    let mut out = Vec::with_capacity(lines.len());
    let mut in_preamble = true;
    // Whether the line before was a keyword line or went on with one (no blank between).
    let mut after_keyword = false;
    for line in lines {
        if matches!(line.kind, Kind::Numbered { .. }) {
            in_preamble = false;
        }
        let keyword_line = matches!(
            line.kind,
            Kind::Subject(_) | Kind::Ref { .. } | Kind::ClassifiedBy(_) | Kind::Tags(_)
        ) || (after_keyword && line.kind == Kind::Text);
        after_keyword = keyword_line || (after_keyword && line.kind == Kind::PageBreak);
        if !(in_preamble && (keyword_line || line.kind == Kind::Text)) {
            out.push(line);
            continue;
        }
        let raw = &text[line.span.start..line.span.end];
        let opens_with_marker =
            station.is_some_and(|s| page_marker_at(raw.trim_start(), s).is_some());
        if !keyword_line && !opens_with_marker && !raw.contains(" E.O.") {
            // Most text lines: nothing to cut, so no need to look for every part.
            out.push(line);
            continue;
        }
        let mut cuts = cuts(raw, station);
        if !keyword_line && !opens_with_marker {
            // Text before an E.O. line is whatever it is; from the E.O. line on, preamble.
            let eo = cuts.iter().position(|&c| is_eo_line(&raw[c..]));
            cuts.drain(..eo.unwrap_or(cuts.len()));
        }
        if cuts.is_empty() {
            out.push(line);
            continue;
        }
        let bounds = std::iter::once(line.span.start)
            .chain(cuts.into_iter().map(|c| line.span.start + c))
            .chain(std::iter::once(line.span.end))
            .collect::<Vec<_>>();
        for piece in bounds.windows(2) {
            let piece = classify_piece(text, piece[0], piece[1], caveats);
            if matches!(piece.kind, Kind::Numbered { .. }) {
                in_preamble = false;
            }
            out.push(piece);
        }
    }
    out
}

/// Classifies `text[start..end]` as a line of its own, with spans in `text`.
fn classify_piece<'t>(
    text: &'t str,
    start: usize,
    end: usize,
    caveats: &mut Vec<String>,
) -> Line<'t> {
    let piece = &text[start..end];
    let pair = CableParser::parse(Rule::body_line, piece)
        .ok()
        .and_then(|mut pairs| pairs.next());
    let Some(pair) = pair else {
        // Unreachable in practice (pieces are never empty and `text_line` takes any
        // non-empty line), but a piece must never be lost.
        return Line {
            kind: Kind::Text,
            span: Span::new(start, end),
        };
    };
    caveats.extend(caveats_of(&pair));
    classify(pair).shifted(start)
}

/// Where pieces start inside `line` (byte offsets, in order, never 0): at each run-on
/// keyword, E.O. line, page marker (and after it) and paragraph 1.
fn cuts(line: &str, station: Option<&str>) -> Vec<usize> {
    let mut cuts = Vec::new();
    // A line opened by a keyword may repeat it (`REF: A. REF: A) 2008 THE HAGUE 21`).
    let own = OPENERS
        .iter()
        .find(|o| line.trim_start().starts_with(o.trim_start()));
    for opener in OPENERS.iter().filter(|&o| Some(o) != own) {
        cuts.extend(line.match_indices(opener).map(|(i, _)| i + 1));
    }
    cuts.extend(
        line.match_indices(" E.O.")
            .map(|(i, _)| i + 1)
            .filter(|&i| is_eo_line(&line[i..])),
    );
    cuts.extend(
        line.match_indices(" 1.")
            .map(|(i, _)| i + 1)
            .filter(|&i| opens_paragraph_one(&line[i + 2..])),
    );
    if let Some(station) = station.filter(|s| !s.is_empty()) {
        for (i, _) in line.match_indices(station) {
            if i > 0 && line.as_bytes()[i - 1] == b' ' {
                if let Some(len) = page_marker_at(&line[i..], station) {
                    cuts.push(i);
                    cuts.push(i + len);
                }
            }
        }
    }
    cuts.retain(|&c| c > 0 && c < line.len());
    cuts.sort_unstable();
    // No piece of spaces only (between a page marker's end and the next keyword, or after
    // the last cut): a blank piece would read as a blank line and end the subject.
    let mut last = 0;
    cuts.retain(|&c| {
        let keep = !line[last..c].trim().is_empty();
        if keep {
            last = c;
        }
        keep
    });
    if cuts.last().is_some_and(|&c| line[c..].trim().is_empty()) {
        cuts.pop();
    }
    cuts
}

/// Whether `s` (from `E.O.` on) is an E.O. line: `E.O. 12958: DECL: ...`, `E.O.12958:
/// N/A`. A subject citing an order (`ENTITIES UNDER E.O. 13382`) is not.
fn is_eo_line(s: &str) -> bool {
    let Some(rest) = s.strip_prefix("E.O.") else {
        return false;
    };
    let rest = rest.strip_prefix(' ').unwrap_or(rest);
    let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
    let rest = rest[digits..].trim_start_matches([':', ' ']);
    (4..=6).contains(&digits) && (rest.starts_with("DECL") || rest.starts_with("N/A"))
}

/// Whether `s` (after `1.`) opens a marked paragraph: `(S/NF) Summary`, ` (C) The`.
fn opens_paragraph_one(s: &str) -> bool {
    let Some(rest) = s.trim_start_matches(' ').strip_prefix('(') else {
        return false;
    };
    // A marking is short: looking further for `)` would make long lines quadratic.
    let Some(close) = rest.bytes().take(12).position(|b| b == b')') else {
        return false;
    };
    let marking = &rest[..close];
    let first = marking.split(['/', ' ']).next().unwrap_or("");
    MARKINGS.contains(&first) || MARKINGS.contains(&marking)
}

/// The length of a page marker such as `TRIPOLI 00000214 001.2 OF 002` at the start of
/// `s`, where `station` is the banner's station.
fn page_marker_at(s: &str, station: &str) -> Option<usize> {
    let len = page_marker_len(s.strip_prefix(station)?)?;
    Some(station.len() + len)
}

/// The length of ` 00000214 001.2 OF 002` at the start of `s` (after the station), if
/// that is what `s` starts with and a word does not go on after it.
fn page_marker_len(s: &str) -> Option<usize> {
    let digits = |at: usize, min: usize, max: usize| {
        let n = s[at..].bytes().take_while(u8::is_ascii_digit).count();
        (min..=max).contains(&n).then_some(at + n)
    };
    let spaces = |at: usize| {
        let n = s[at..].bytes().take_while(|&b| b == b' ').count();
        (n > 0).then_some(at + n)
    };
    let mut at = digits(spaces(0)?, 3, 9)?;
    at = digits(spaces(at)?, 1, 4)?;
    if s[at..].starts_with('.') {
        at = digits(at + 1, 1, 2)?;
    }
    at = spaces(at)?;
    at = spaces(at + s[at..].strip_prefix("OF").map(|_| 2)?)?;
    at = digits(at, 1, 4)?;
    let glued = s[at..].starts_with(|c: char| c.is_alphanumeric());
    (!glued).then_some(at)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cuts_at_each_run_on_part() {
        let line =
            "SUBJECT: X REF: A) TRIPOLI 199 TRIPOLI 00000214 001.2 OF 002 CLASSIFIED BY: Y 1.(C) Z";
        let pieces: Vec<&str> = {
            let cuts = cuts(line, Some("TRIPOLI"));
            let mut bounds = vec![0];
            bounds.extend(cuts);
            bounds.push(line.len());
            bounds.windows(2).map(|w| line[w[0]..w[1]].trim()).collect()
        };
        assert_eq!(
            pieces,
            [
                "SUBJECT: X",
                "REF: A) TRIPOLI 199",
                "TRIPOLI 00000214 001.2 OF 002",
                "CLASSIFIED BY: Y",
                "1.(C) Z"
            ]
        );
    }

    #[test]
    fn leaves_ordinary_lines_whole() {
        for line in [
            "SUBJECT: GOI NOTIFIED OF IRANIAN ENTITIES UNDER E.O. 13382",
            "Classified By: Ambassador X for reasons 1.4 (b) and (d)",
            "REF: A. STATE 1234 B. TRIPOLI 12",
            "STATE FOR NEA/MAG AND DRL",
        ] {
            assert!(cuts(line, Some("TRIPOLI")).is_empty(), "{line}");
        }
        assert_eq!(
            cuts("DEPT FOR NEA/MAG E.O. 12958: DECL: 8/27/2019", None),
            [17]
        );
    }

    #[test]
    fn prose_is_not_taken_apart() {
        let cable = crate::parse(
            "UNCLAS STATE 001234\n\nSUBJECT: TRADE TALKS\n\nWE RAISED ANOTHER SUBJECT: VISAS.\n\n\
             SEE PARA 1.(C) ABOVE.\n",
        );
        let body = cable.body.expect("a body");
        assert_eq!(body.subject.as_deref(), Some("TRADE TALKS"));
        let text: Vec<&str> = body.paragraphs.iter().map(|p| p.text.as_str()).collect();
        assert_eq!(
            text,
            ["WE RAISED ANOTHER SUBJECT: VISAS.\n\nSEE PARA 1.(C) ABOVE."]
        );
    }

    #[test]
    fn a_subject_goes_on_after_a_run_on_page_marker() {
        let cable = crate::parse(
            "UNCLAS TRIPOLI 000214\n\nSUBJECT: X TRIPOLI 00000214 001.2 OF 002 \nMORE SUBJECT\n\n1. (U) T.\n",
        );
        let body = cable.body.expect("a body");
        assert_eq!(body.subject.as_deref(), Some("X MORE SUBJECT"));
        assert_eq!(body.page_breaks.len(), 1);
    }

    #[test]
    fn page_markers_are_measured() {
        assert_eq!(page_marker_len(" 00000770 001.2 OF 002 X"), Some(22));
        assert_eq!(page_marker_len(" 00000770 002 OF 002"), Some(20));
        assert_eq!(page_marker_len(" 199, B) TRIPOLI"), None);
        assert_eq!(page_marker_len(" 00000770 001. OF 002"), None);
        assert_eq!(page_marker_len(" 00001145  002 OF 002"), Some(21));
        assert_eq!(page_marker_len(" 00000770 002 OF 002ND"), None);
    }
}
