//! What the checks look for in text: the word lists (handling caveats, common words that
//! are no signer) and the matchers that read words, labels and page markers in a
//! subject, a signature or a line of the head. They are one unit because each matcher
//! reads words the same way (`word_starts`), case aside where a label may be typed.

use crate::grammar::Rule;

/// Handling caveats that never belong to a subject's words, upper case. Caveats that are
/// also ordinary words of subjects (`SENSITIVE`, `VISAS VIPER`, `DISSENT CHANNEL`) are
/// left out: a subject may be about them.
pub const SUBJECT_CAVEATS: &[&str] = &[
    "SENSITIVE BUT UNCLASSIFIED",
    "PLEASE PROTECT ACCORDINGLY",
    "NOT FOR INTERNET DISTRIBUTION",
    "FOR OFFICIAL USE ONLY",
    "NOFORN",
    "SIPDIS",
    "NODIS",
    "EXDIS",
    "LIMDIS",
];

/// Common English words that are no signer: function words, and the words that end the
/// sentences and blocks of cables. Surnames that are also words (`RICE`, `BROWN`, `KING`,
/// `YOUNG`, `WHITE`, `HILL`, `LONG`, `MAY`, `WILL`) are left out on purpose.
pub const SIGNATURE_WORDS: &[&str] = &[
    // Function words.
    "A",
    "ABOUT",
    "ALL",
    "ALSO",
    "AN",
    "AND",
    "ANY",
    "ARE",
    "AS",
    "AT",
    "BE",
    "BEEN",
    "BUT",
    "BY",
    "CAN",
    "COULD",
    "DO",
    "DOES",
    "FOR",
    "FROM",
    "HAD",
    "HAS",
    "HAVE",
    "HE",
    "HER",
    "HIS",
    "IF",
    "IN",
    "INTO",
    "IS",
    "IT",
    "ITS",
    "NO",
    "NOT",
    "OF",
    "ON",
    "ONLY",
    "OR",
    "OUR",
    "OUT",
    "SHE",
    "SHOULD",
    "SO",
    "SUCH",
    "THAN",
    "THAT",
    "THE",
    "THEIR",
    "THEM",
    "THESE",
    "THEY",
    "THIS",
    "THOSE",
    "TO",
    "UP",
    "US",
    "WAS",
    "WE",
    "WERE",
    "WHAT",
    "WHEN",
    "WHICH",
    "WHO",
    "WITH",
    "WOULD",
    "YOU",
    "YOUR",
    // Words that end sentences and blocks of cables.
    "ACCORDINGLY",
    "ADVISE",
    "AGAIN",
    "APPRECIATED",
    "ASSISTANCE",
    "BELOW",
    "COMMENT",
    "CONCERNED",
    "COOPERATION",
    "DEPARTMENT",
    "EMBASSY",
    "END",
    "GOVERNMENT",
    "HELP",
    "INFORMATION",
    "ISSUE",
    "ISSUES",
    "MEETING",
    "MINISTRY",
    "NOTE",
    "PLEASE",
    "POST",
    "REGARDS",
    "REPORT",
    "REQUEST",
    "SUMMARY",
    "SUPPORT",
    "TEXT",
    "THANK",
    "THANKS",
    "TIME",
    "TODAY",
    "UNCLASSIFIED",
    "WASHINGTON",
    "YEAR",
];

/// Whether `text` holds one of [`SUBJECT_CAVEATS`] as whole words, case aside.
pub(super) fn has_caveat(text: &str) -> bool {
    let upper = text.to_ascii_uppercase();
    SUBJECT_CAVEATS
        .iter()
        .any(|caveat| word_starts(&upper).any(|at| is_word_at(&upper, at, caveat)))
}

/// Whether `text` holds a page marker, as the grammar's `page_break` line reads one: at
/// each word, the marker of a page (`STATION SERIAL PAGE OF PAGES`: one to three words of
/// station and four numbers, so five to seven words) or `PAGE NN` and what follows it.
pub(super) fn has_page_marker(text: &str) -> bool {
    let starts: Vec<usize> = word_starts(text).collect();
    let word_end = |i: usize| {
        let from = starts[i];
        text[from..]
            .find(char::is_whitespace)
            .map_or(text.len(), |n| from + n)
    };
    (0..starts.len()).any(|i| {
        let from = starts[i];
        let page = text[from..].starts_with("PAGE ")
            && starts
                .get(i + 2)
                .is_some_and(|&next| is_page_break(&text[from..next]));
        page || (5..=7)
            .filter(|n| i + n <= starts.len())
            .any(|n| is_page_break(&text[from..word_end(i + n - 1)]))
    })
}

/// Whether `line` is a page-break line, by the grammar.
fn is_page_break(line: &str) -> bool {
    crate::regions::matches(Rule::probe_page_break, line)
}

/// Whether every word of a signature, initials aside, is a common word.
pub(super) fn is_word_signature(name: &str) -> bool {
    let words: Vec<String> = name
        .split_whitespace()
        .map(|w| {
            w.trim_matches(|c: char| !c.is_alphanumeric())
                .to_ascii_uppercase()
        })
        .filter(|w| w.chars().count() > 1)
        .collect();
    !words.is_empty()
        && words.iter().all(|w| {
            SIGNATURE_WORDS.contains(&w.as_str())
                || ["TION", "TIONS", "SION", "SIONS"]
                    .iter()
                    .any(|end| w.len() > end.len() + 2 && w.ends_with(end))
        })
}

/// `SUBJECT:` or `SUBJ:`, case aside, spaces allowed before the colon.
pub(super) fn has_subject_label(line: &str) -> bool {
    labels_at(line, &["SUBJECT", "SUBJ"], |rest| {
        rest.trim_start().starts_with(':')
    })
}

/// `TAGS:` or `TAG:`, case aside; or, at the start of the line, `TAGS` or `TAG` in
/// capitals before a code of four capitals (`TAGS PREL PGOV`).
pub(super) fn has_tags_label(line: &str) -> bool {
    labels_at(line, &["TAGS", "TAG"], |rest| {
        rest.trim_start().starts_with(':')
    }) || word_starts(line)
        .next()
        .is_some_and(|at| tag_without_colon(line, at))
}

/// `TAGS` or `TAG` in capitals at `at`, then a space and a code of four capitals.
pub(super) fn tag_without_colon(line: &str, at: usize) -> bool {
    ["TAGS ", "TAG "].iter().any(|label| {
        line[at..].starts_with(label) && {
            let code = &line[at + label.len()..];
            let n = code.bytes().take_while(u8::is_ascii_uppercase).count();
            n == 4 && !code[n..].starts_with(|c: char| c.is_alphanumeric())
        }
    })
}

/// `CLASSIFIED BY`, case aside, with any spaces between the words.
pub(super) fn has_classifier_label(line: &str) -> bool {
    labels_at(line, &["CLASSIFIED"], |rest| {
        let rest = rest.trim_start();
        rest.get(..2)
            .is_some_and(|by| by.eq_ignore_ascii_case("BY"))
            && !rest[2..].starts_with(|c: char| c.is_alphanumeric())
    })
}

/// Whether one of `labels` (upper case) starts a word of `line`, case aside, and ends
/// there (no letter after it), with `after` true of what follows.
fn labels_at(line: &str, labels: &[&str], after: impl Fn(&str) -> bool) -> bool {
    word_starts(line).any(|at| {
        labels.iter().any(|label| {
            let end = at + label.len();
            line.get(at..end)
                .is_some_and(|w| w.eq_ignore_ascii_case(label))
                && !line[end..].starts_with(|c: char| c.is_alphanumeric())
                && after(&line[end..])
        })
    })
}

/// Whether `phrase` stands at `at` in `text` as whole words.
fn is_word_at(text: &str, at: usize, phrase: &str) -> bool {
    text[at..].starts_with(phrase)
        && !text[at + phrase.len()..].starts_with(|c: char| c.is_alphanumeric())
}

/// The byte offsets where words (runs of letters and digits) start.
pub(super) fn word_starts(text: &str) -> impl Iterator<Item = usize> + '_ {
    let mut before_is_word = false;
    text.char_indices().filter_map(move |(i, c)| {
        let is_word = c.is_alphanumeric();
        let start = is_word && !before_is_word;
        before_is_word = is_word;
        start.then_some(i)
    })
}
