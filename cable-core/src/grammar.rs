//! The pest parser. Private: no `Rule` or `Pair` escapes this crate.

use pest_derive::Parser;

/// The cable grammar, joined from the files in `grammar/`.
#[derive(Parser)]
#[grammar = "grammar/tokens.pest"]
#[grammar = "grammar/containers.pest"]
#[grammar = "grammar/header.pest"]
#[grammar = "grammar/body.pest"]
#[grammar = "grammar/dates.pest"]
pub(crate) struct CableParser;

/// Readable words for rules, used in strict-mode error messages.
pub(crate) fn describe(rule: Rule) -> &'static str {
    match rule {
        Rule::unknown_header_line => "a header line (routing, DE, FM, TO, INFO, ...)",
        Rule::recipient => "a recipient (ROUTE/NAME PRECEDENCE MCN)",
        Rule::dtg => "a date-time group such as 091056Z JUL 09",
        Rule::banner => "a classification banner such as UNCLAS SECTION 01 OF 02 ASTANA 001145",
        Rule::metadata => {
            "five metadata lines (reference id, subject, date, classification, origin)"
        }
        Rule::reference_id => "a reference id such as 09ASTANA1145",
        Rule::body_head => "the cable body",
        _ => "a cable line",
    }
}
