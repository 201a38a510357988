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

/// The four-digit year of a two-digit one: 66-99 are 19xx (the archive starts in 1966),
/// the rest 20xx. Four-digit years pass through.
pub(crate) fn full_year(year: u32) -> u32 {
    match year {
        0..=65 => 2000 + year,
        66..=99 => 1900 + year,
        _ => year,
    }
}

/// The two-digit year a reference id starts with (`09ASTANA1145` -> 9).
pub(crate) fn id_year(reference_id: &str) -> Option<u32> {
    let digits = reference_id.get(..2)?;
    digits
        .bytes()
        .all(|b| b.is_ascii_digit())
        .then(|| digits.parse().ok())
        .flatten()
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
    fn years() {
        assert_eq!(full_year(9), 2009);
        assert_eq!(full_year(66), 1966);
        assert_eq!(full_year(1985), 1985);
        assert_eq!(id_year("09ASTANA1145"), Some(9));
        assert_eq!(id_year("X9ASTANA"), None);
    }

    #[test]
    fn whitespace_collapses() {
        assert_eq!(collapse("  A \n B\t"), "A B");
    }
}
