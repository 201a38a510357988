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
/// into a page left before each line break (the grammar's `eol` reads it as part of the
/// break).
pub(crate) fn strip_line_end(line: &str) -> &str {
    let line = line.trim_end();
    line.strip_suffix('\\').map_or(line, str::trim_end)
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
    fn whitespace_collapses() {
        assert_eq!(collapse("  A \n B\t"), "A B");
    }
}
