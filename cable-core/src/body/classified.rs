//! Classified By: who classified the cable, and the reasons (sections of the executive
//! order with their letters).

use pest::iterators::Pair;

use super::trimmed_span;
use crate::ast::*;
use crate::grammar::Rule;
use crate::text::collapse;

/// `classified_by`: the classifier and the reasons, each normalised (`1.4(b)`).
pub(crate) fn parse_classified_by(pair: Pair<'_, Rule>) -> ClassifiedBy {
    let span = trimmed_span(&pair);
    let raw = collapse(pair.as_str());
    let mut by = String::new();
    let mut reasons = Vec::new();
    for part in pair.into_inner() {
        match part.as_rule() {
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
    ClassifiedBy {
        by,
        reasons,
        raw,
        span,
    }
}

/// The classifier's text, without the punctuation (and the `for`) that led to the reasons.
/// `after` is the character after it, which may be the dot of an abbreviation (`Jr.`).
fn classifier(text: &str, after: Option<char>) -> String {
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
    for part in pair.into_inner() {
        match part.as_rule() {
            // `1/4` is a slip for `1.4`.
            Rule::reason_section => section = part.as_str().replace(' ', "").replace('/', "."),
            Rule::reason_letter => {
                let letter = part.as_str().to_ascii_lowercase();
                let reason = format!("{section}({letter})");
                if !reasons.contains(&reason) {
                    reasons.push(reason);
                }
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
