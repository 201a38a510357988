//! Small helpers on text that several parts of the crate share.

/// The largest character boundary of `s` at or below `i`.
///
/// Used wherever an offset computed in bytes (a diagnostic, an error location, a window)
/// must land on a character boundary before `s` is sliced.
pub(crate) fn floor_char_boundary(s: &str, mut i: usize) -> usize {
    if i >= s.len() {
        return s.len();
    }
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// Whitespace runs collapsed to one space, ends trimmed.
pub(crate) fn collapse(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for word in s.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

/// A line without its trailing spaces and the backslash that a `cables.csv` dump pasted
/// into a page left before each line break. The grammar's `eol` reads that backslash as
/// part of the break when only its `sp` spaces stand between them, U+FEFF among them
/// (no Unicode whitespace), U+2028 not (one).
pub(crate) fn strip_line_end(line: &str) -> &str {
    let before_spaces = line.trim_end_matches(is_sp);
    before_spaces.strip_suffix('\\').unwrap_or(line).trim_end()
}

/// A character the grammar's `sp` reads as a space (`grammar/tokens.pest`): space, tab,
/// vertical tab, form feed, and the wide spaces of `wide_space`.
pub(crate) fn is_sp(c: char) -> bool {
    matches!(
        c,
        ' ' | '\t' | '\u{b}' | '\u{c}' | '\u{a0}' | '\u{1680}' | '\u{2000}'
            ..='\u{200a}' | '\u{202f}' | '\u{205f}' | '\u{3000}' | '\u{feff}'
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn boundaries_land_on_characters() {
        let s = "a¶b";
        assert_eq!(floor_char_boundary(s, 2), 1);
        assert_eq!(floor_char_boundary(s, 99), s.len());
    }

    #[test]
    fn a_backslash_leaves_a_line_before_sp_spaces_only() {
        assert_eq!(strip_line_end("A \\ \u{feff}\t"), "A");
        assert_eq!(strip_line_end("A \\\u{2028}"), "A \\");
        assert_eq!(strip_line_end("A\\B "), "A\\B");
    }

    #[test]
    fn whitespace_collapses() {
        assert_eq!(collapse("  A \n B\t"), "A B");
    }
}
