//! Classified By: who classified the cable, and the reasons (sections of the executive
//! order with their letters).

use pest::iterators::Pair;

use crate::ast::*;
use crate::grammar::Rule;
use crate::pairs::{end_before_eol, parse_page_break, trimmed_span};
use crate::text::collapse;

/// `classified_by`: the classifier and the reasons, each normalised (`1.4(b)`). A page
/// break between them goes to `page_breaks`, and is not part of `raw`.
pub(crate) fn parse_classified_by(
    pair: Pair<'_, Rule>,
    page_breaks: &mut Vec<PageBreak>,
) -> ClassifiedBy {
    let whole = pair.as_span();
    // Without the line-end backslash a `cables.csv` dump left (`eol` reads it).
    let end = end_before_eol(&pair);
    let span = trimmed_span(&pair);
    let span = Span::new(span.start, span.end.min(end).max(span.start));
    let mut written = String::new();
    let mut from = whole.start();
    let input = pair.get_input();
    let mut by = String::new();
    let mut reasons = Vec::new();
    for part in pair.into_inner() {
        match part.as_rule() {
            Rule::page_foot | Rule::page_break => {
                written.push_str(&input[from..part.as_span().start()]);
                written.push(' ');
                from = part.as_span().end();
                page_breaks.push(parse_page_break(part));
            }
            Rule::classifier => {
                let after = part.get_input()[part.as_span().end()..].chars().next();
                by = classifier(part.as_str(), after);
            }
            Rule::reasons => {
                for reason in part.into_inner().filter(|r| r.as_rule() == Rule::reason) {
                    add_reason(reason, &mut reasons);
                }
            }
            _ => {}
        }
    }
    written.push_str(&input[from..end.max(from)]);
    let raw = collapse(&written);
    let (name, title) = person_and_title(&by);
    ClassifiedBy {
        by,
        name,
        title,
        reasons,
        raw,
        span,
    }
}

/// Words of titles and offices (upper case, without a final dot): what is not a name.
const TITLE_WORDS: [&str; 98] = [
    "A.I",
    "A/DCM",
    "A/S",
    "ACTING",
    "ADCM",
    "COUSELOR",
    "D'AFFAIRE",
    "D’AFFAIRE",
    "D’AFFAIRES",
    "M-C",
    "PAS",
    "USEU",
    "USNATO",
    "ADVISER",
    "ADVISOR",
    "AFFAIRE",
    "AFFAIRES",
    "AGRICULTURAL",
    "ALTERNATE",
    "AMB",
    "AMBASSADOR",
    "AND",
    "ASSISTANT",
    "ATTACHE",
    "CDA",
    "CG",
    "CHARGE",
    "CHARGÉ",
    "CHG",
    "CHIEF",
    "COM",
    "COMMERCIAL",
    "CONSUL",
    "CONSULATE",
    "COORDINATOR",
    "COUNS",
    "COUNSELLOR",
    "COUNSELOR",
    "D'AFFAIRES",
    "DAS",
    "DATT",
    "DCM",
    "DEFENSE",
    "DEPARTMENT",
    "DEPT",
    "DEPUTY",
    "DIRECTOR",
    "ECON",
    "ECONCOUNS",
    "ECONOFF",
    "ECONOMIC",
    "ECOPOL",
    "EMBASSY",
    "ENVOY",
    "FOR",
    "GENERAL",
    "HEAD",
    "LABOR",
    "LEGAL",
    "M/C",
    "MANAGEMENT",
    "MC",
    "MINISTER",
    "MINISTER-COUNSELOR",
    "MILITARY",
    "MISSION",
    "OF",
    "OFFICE",
    "OFFICER",
    "PAO",
    "PERMANENT",
    "PMC",
    "POL",
    "POL/ECON",
    "POLCOUNS",
    "POLECON",
    "POLITICAL",
    "POLMC",
    "POLMINCOUNS",
    "POLOFF",
    "PRINCIPAL",
    "PUBLIC",
    "REGIONAL",
    "REPRESENTATIVE",
    "RSO",
    "SECRETARY",
    "SECTION",
    "SECURITY",
    "SENIOR",
    "SPECIAL",
    "STATE",
    "THE",
    "U.S",
    "US",
    "USG",
    "CHARGE'",
    "DOS",
    "AFFAIRS",
];

/// Whether a word is part of a title rather than a name: a title word, a run of them
/// joined by `-` (`Economic-Political`), an office with a slash (`POL/ECON`, `IO/DAS`:
/// no name has one), or a note in parentheses.
fn is_title_word(word: &str) -> bool {
    let upper = word.trim_end_matches(['.', ',']).to_uppercase();
    // `D'AFFAIRS`, however `affaires` is spelled after the `d'`.
    let after_de = ["D'", "D’"]
        .iter()
        .find_map(|d| upper.strip_prefix(d))
        .is_some_and(|rest| TITLE_WORDS.contains(&rest));
    word.starts_with('(')
        || after_de
        || TITLE_WORDS.contains(&upper.as_str())
        || word.contains('/')
        || (upper.contains('-')
            && upper
                .split(['-', '/'])
                .all(|w| w.is_empty() || TITLE_WORDS.contains(&w)))
}

/// The person and the title in `Classified By`'s text: `DCM Lisa Kubiske`, `Margaret
/// Scobey, Ambassador`, `Charge d'Affaires, a.i. Michael J. Fitzpatrick`, `COM: Michael
/// E. Parmly`. The name is the first run of at least two words that are no title words,
/// ending a part (parts are separated by commas, colons and semicolons); the title is
/// the rest.
fn person_and_title(by: &str) -> (Option<String>, Option<String>) {
    let parts: Vec<&str> = by.split([',', ':', ';']).collect();
    let mut name = None;
    for (n, part) in parts.iter().enumerate() {
        let words: Vec<&str> = part.split_whitespace().collect();
        let tail = words.len()
            - words
                .iter()
                .rev()
                .take_while(|w| w.starts_with('('))
                .count();
        let names = words[..tail]
            .iter()
            .rev()
            .take_while(|w| !is_title_word(w))
            .count();
        let run = &words[tail - names..tail];
        let capitalised = run
            .first()
            .is_some_and(|w| w.starts_with(char::is_uppercase))
            && run.iter().all(|w| is_name_word(w));
        // One word is a name after a title (`ADCM RDUNHAM`).
        let after_title = names == 1 && tail > 1;
        // A redacted name (`XXXXXXXXXXXX a.i.`) is a name wherever it stands.
        let redacted = words.iter().find(|w| w.starts_with("XXX"));
        if let Some(redacted) = redacted {
            name = Some(redacted.to_string());
            break;
        }
        if (names >= 2 || after_title) && capitalised {
            let mut found = run.join(" ");
            // `Clark T. Randt, Jr.`: the suffix is part of the name; and so is the
            // surname after an initial whose dot was typed as a comma (`Luis G, Moreno`).
            let next = parts.get(n + 1).map(|p| p.trim());
            let initial = run.last().is_some_and(|w| is_initial(w));
            if let Some(suffix) = next.filter(|p| is_suffix(p)) {
                found = format!("{found}, {suffix}");
            } else if let Some(surname) = next.filter(|p| initial && is_surname(p)) {
                found = format!("{found}, {surname}");
            }
            name = Some(found);
            break;
        }
    }
    // `CAULFIELD, CDA, DOS, CDA`: one word that is no title, then parts of titles, is the
    // name written first.
    if name.is_none() && parts.len() > 1 {
        let first: Vec<&str> = parts[0].split_whitespace().collect();
        let titles_after = parts[1..]
            .iter()
            .all(|p| p.split_whitespace().all(is_title_word));
        if let [word] = first[..] {
            if !is_title_word(word) && is_name_word(word) && titles_after {
                name = Some(word.to_string());
            }
        }
    }
    let title = match &name {
        Some(name) => by.replacen(name.as_str(), "", 1),
        None if by.split_whitespace().any(is_title_word) => by.to_string(),
        None => String::new(),
    };
    let title = collapse(&title.replace(" ,", ","));
    let title = title.trim_matches(|c: char| ",:; ".contains(c)).to_string();
    let title = title.replace(", ,", ",");
    (name, (!title.is_empty()).then_some(title))
}

/// Whether a word can be part of a name: capitalised, an initial, a particle (`van`), or
/// a letter cut off by a wrap that was not joined; no digits.
fn is_name_word(word: &str) -> bool {
    !word.contains(|c: char| c.is_ascii_digit())
        && (word.starts_with(|c: char| c.is_uppercase())
            || word.chars().count() == 1
            || matches!(
                word,
                "van" | "von" | "de" | "da" | "del" | "der" | "bin" | "al" | "el" | "le" | "la"
            ))
}

/// A capital letter alone (`G`), without the dot of an initial.
fn is_initial(word: &str) -> bool {
    let mut chars = word.chars();
    chars.next().is_some_and(|c| c.is_uppercase()) && chars.next().is_none()
}

/// One capitalised word that is no title word and no suffix: a surname on its own.
fn is_surname(part: &str) -> bool {
    let mut words = part.split_whitespace();
    let (Some(word), None) = (words.next(), words.next()) else {
        return false;
    };
    word.chars().count() > 1
        && word.starts_with(char::is_uppercase)
        && is_name_word(word)
        && !is_title_word(word)
        && !is_suffix(word)
}

/// `Jr.`, `JR.`, `Sr.`, `III`: a suffix of a name.
fn is_suffix(part: &str) -> bool {
    matches!(
        part.trim_end_matches('.').to_uppercase().as_str(),
        "JR" | "SR" | "II" | "III" | "IV"
    )
}

/// The classifier's text, without the punctuation (and the `for`) that led to the reasons.
/// `after` is the character after it, which may be the dot of an abbreviation (`Jr.`).
fn classifier(text: &str, after: Option<char>) -> String {
    let joined = join_web_wraps(text);
    let text: &str = &joined;
    let by = collapse(text);
    let by = by.trim_end_matches(|c: char| ",;:.-".contains(c) || c.is_whitespace());
    let by = ["for", "FOR", "For"]
        .iter()
        .find_map(|w| by.strip_suffix(w).filter(|b| b.ends_with(' ')))
        .unwrap_or(by);
    let by = by.trim_end_matches(|c: char| ",;: ".contains(c));
    // A title that ends in an abbreviation keeps its dot: `Jr.`, `a.i.`.
    let full = collapse(text);
    let rest = full.strip_prefix(by).map(str::trim_start).unwrap_or("");
    let dot = rest.starts_with('.') || (rest.is_empty() && after == Some('.'));
    if dot && ends_with_abbreviation(by) {
        format!("{by}.")
    } else {
        by.to_string()
    }
}

/// The text with the words that a web page's wrap cut in two joined again (`Michae` /
/// `l Corbin`, `Economics Affa` / `irs`). A line break cuts a word when the line ends in
/// a letter and the next opens in lower case with either one letter alone (no name or
/// title has a lower-case letter of its own but `a`) or the rest of a title word
/// (`Affa` + `irs` is [`TITLE_WORDS`]' `AFFAIRS`, where neither half is one). Other cuts
/// would need a dictionary of names, and stay.
fn join_web_wraps(text: &str) -> std::borrow::Cow<'_, str> {
    if !text.contains('\n') {
        return text.into();
    }
    let mut out = String::with_capacity(text.len());
    let mut lines = text.split('\n').peekable();
    while let Some(line) = lines.next() {
        let head = line.trim_end_matches([' ', '\r']);
        match lines.peek() {
            Some(next) if cuts_a_word(head, next) => {
                out.push_str(head);
                out.push_str(next.trim_start());
                let _ = lines.next();
            }
            _ => out.push_str(line),
        }
        if lines.peek().is_some() {
            out.push('\n');
        }
    }
    out.into()
}

/// Whether the break between `head` (a line without its trailing spaces) and `next` cuts
/// a word; see [`join_web_wraps`].
fn cuts_a_word(head: &str, next: &str) -> bool {
    let before = head.rsplit(' ').next().unwrap_or("");
    let after: String = next
        .trim_start()
        .chars()
        .take_while(|c| c.is_alphabetic())
        .collect();
    if !before.ends_with(|c: char| c.is_alphabetic())
        || !after.starts_with(|c: char| c.is_lowercase())
    {
        return false;
    }
    let lone_letter = after.chars().count() == 1 && after != "a";
    let title = |w: &str| TITLE_WORDS.contains(&w.to_uppercase().as_str());
    lone_letter || (title(&format!("{before}{after}")) && !title(before) && !title(&after))
}

/// Whether a name ends with an abbreviation whose dot belongs to it (`Jr`, `a.i`, `J`).
fn ends_with_abbreviation(s: &str) -> bool {
    let last = s.rsplit([' ', ',']).next().unwrap_or("");
    matches!(
        last,
        "Jr" | "JR" | "Sr" | "SR" | "a.i" | "A.I" | "Amb" | "AMB"
    ) || (last.len() == 1 && last.chars().all(|c| c.is_ascii_uppercase()))
}

/// `reason`: a section, then its letters: `1.4 (b) and (d)` adds `1.4(b)` and `1.4(d)`.
fn add_reason(pair: Pair<'_, Rule>, reasons: &mut Vec<String>) {
    let mut section = String::new();
    let mut letters = 0;
    // The letter before a `letter_through` dash, from which a run starts.
    let mut run_from: Option<u8> = None;
    let mut last: Option<u8> = None;
    for part in pair.into_inner() {
        match part.as_rule() {
            // `1/4` is a slip for `1.4`.
            Rule::reason_section => {
                section = part
                    .as_str()
                    .split_whitespace()
                    .collect::<String>()
                    .replace('/', ".")
            }
            Rule::letter_through => run_from = last,
            Rule::reason_letter => {
                let letter = part.as_str().to_ascii_lowercase().as_bytes()[0];
                // `(b)-(d)`: the letters between the two ends too, for a short forward run.
                let first = match run_from.take() {
                    Some(from) if from < letter && letter - from <= 8 => from + 1,
                    _ => letter,
                };
                for l in first..=letter {
                    let reason = format!("{section}({})", l as char);
                    if !reasons.contains(&reason) {
                        reasons.push(reason);
                    }
                }
                last = Some(letter);
                letters += 1;
            }
            _ => {}
        }
    }
    if letters == 0 && !section.is_empty() && !reasons.contains(&section) {
        reasons.push(section);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn person_and_title_apart() {
        for (by, name, title) in [
            ("DCM Lisa Kubiske", Some("Lisa Kubiske"), Some("DCM")),
            (
                "Margaret Scobey, Ambassador",
                Some("Margaret Scobey"),
                Some("Ambassador"),
            ),
            (
                "Charge d'Affaires, a.i. Michael J. Fitzpatrick",
                Some("Michael J. Fitzpatrick"),
                Some("Charge d'Affaires, a.i."),
            ),
            (
                "COM: Michael E. Parmly",
                Some("Michael E. Parmly"),
                Some("COM"),
            ),
            (
                "Economic-Political Counselor Philip Kaplan (acting)",
                Some("Philip Kaplan"),
                Some("Economic-Political Counselor (acting)"),
            ),
            ("Ambassador", None, Some("Ambassador")),
            // An office with a slash is a title, whatever its parts.
            (
                "IO/DAS Gerald Anderson",
                Some("Gerald Anderson"),
                Some("IO/DAS"),
            ),
            // One word first, then parts of titles: the name written first.
            (
                "CAULFIELD, CDA, DOS, CDA",
                Some("CAULFIELD"),
                Some("CDA, DOS, CDA"),
            ),
            // Not when what follows is no title.
            ("EMBASSY, Lisbon", None, Some("EMBASSY, Lisbon")),
            // `D'AFFAIRS`, misspelt, is still a title.
            (
                "CHARGE D'AFFAIRS JANE ROE",
                Some("JANE ROE"),
                Some("CHARGE D'AFFAIRS"),
            ),
            // An initial whose dot was typed as a comma keeps the surname after it...
            ("DCM Maria K, Lopez", Some("Maria K, Lopez"), Some("DCM")),
            // ...but a title after an initial's comma stays the title.
            ("Maria K, Ambassador", Some("Maria K"), Some("Ambassador")),
        ] {
            assert_eq!(
                person_and_title(by),
                (name.map(String::from), title.map(String::from)),
                "{by}"
            );
        }
    }

    /// A word a web page's wrap cut in two is joined; a wrap between words stays one.
    #[test]
    fn words_cut_by_a_web_wrap_are_joined() {
        assert_eq!(
            classifier(
                "Minister-Counselor for Political Military Affairs Michae \nl Corbin",
                None
            ),
            "Minister-Counselor for Political Military Affairs Michael Corbin"
        );
        assert_eq!(
            classifier(
                "ROBERT A. POLLARD, Minister-Counselor for Economics Affa\nirs,",
                None
            ),
            "ROBERT A. POLLARD, Minister-Counselor for Economics Affairs"
        );
        assert_eq!(
            classifier("Counselor for Economic\naffairs Jane Roe", None),
            "Counselor for Economic affairs Jane Roe"
        );
        assert_eq!(
            classifier("Charge d'Affaires\na.i. John Doe", None),
            "Charge d'Affaires a.i. John Doe"
        );
    }

    #[test]
    fn the_classifier_loses_what_led_to_the_reasons() {
        assert_eq!(
            classifier("Political Counselor Dennis Hearne for", None),
            "Political Counselor Dennis Hearne"
        );
        assert_eq!(
            classifier("Margaret Scobey, Ambassador;", None),
            "Margaret Scobey, Ambassador"
        );
        assert_eq!(
            classifier("Ambassador William B. Wood.", None),
            "Ambassador William B. Wood"
        );
        assert_eq!(
            classifier("DCM Emil Skodon, Jr.", None),
            "DCM Emil Skodon, Jr."
        );
    }
}
