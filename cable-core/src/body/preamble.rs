//! The preamble: caveats, addressees, the E.O. line, TAGS and SUBJECT (the REF list and
//! Classified By have modules of their own).

use pest::iterators::Pair;

use super::{parse_page_break, trimmed_span};
use crate::ast::*;
use crate::document::{span_of, Ctx};
use crate::grammar::Rule;
use crate::text::collapse;

/// `preamble`: each block to its builder.
pub(super) fn parse_preamble(pair: Pair<'_, Rule>, body: &mut Body, ctx: &mut Ctx<'_>) {
    // Where the last addressee line ended: a line carries on only the line right above.
    let mut addressee_end = None;
    for block in pair.into_inner() {
        match block.as_rule() {
            Rule::page_break | Rule::page_marker_runon => {
                body.page_breaks.push(parse_page_break(block))
            }
            Rule::caveat_line => parse_caveat_line(block, &mut body.caveats),
            Rule::addressee_line => {
                parse_addressee_line(block, &mut body.addressees, &mut addressee_end)
            }
            Rule::eo_line => {
                let order = parse_eo_line(block);
                body.executive_order.get_or_insert(order);
            }
            Rule::tags_block => parse_tags_block(block, &mut body.tags),
            Rule::subject_block => {
                let subject = parse_subject_block(block);
                // A subject cut short (`AIVD REPORT...`, a preview's) yields to a full one.
                if body
                    .subject
                    .as_ref()
                    .is_none_or(|s| s.text.ends_with("..."))
                {
                    body.subject = Some(subject);
                }
            }
            Rule::ref_block => super::references::parse_ref_block(block, body, ctx),
            Rule::classified_by => {
                let classified = super::parse_classified_by(block);
                if body
                    .classified_by
                    .as_ref()
                    .is_none_or(|c| c.raw.ends_with("..."))
                {
                    body.classified_by = Some(classified);
                }
            }
            _ => {}
        }
    }
}

/// Adds a caveat once, in the order of its first appearance.
pub(super) fn add_caveat(caveats: &mut Vec<String>, caveat: &str) {
    let caveat = collapse(caveat);
    if !caveats.contains(&caveat) {
        caveats.push(caveat);
    }
}

/// `caveat_line`: `SENSITIVE`, `SIPDIS`, `NOFORN, NOT FOR INTERNET DISTRIBUTION`.
fn parse_caveat_line(pair: Pair<'_, Rule>, caveats: &mut Vec<String>) {
    for caveat in pair.into_inner().filter(|p| p.as_rule() == Rule::caveat) {
        add_caveat(caveats, caveat.as_str());
    }
}

/// `addressee_line`: `STATE FOR SCA/CEN, EEB`. A line carries on the one before when that
/// one ends open (a comma, `AND`, a slash) or this one opens with a parenthesis, a comma,
/// `AND` or lower case.
fn parse_addressee_line(
    pair: Pair<'_, Rule>,
    addressees: &mut Vec<String>,
    last_end: &mut Option<usize>,
) {
    let start = pair.as_span().start();
    let input = pair.get_input();
    let Some(text) = pair
        .into_inner()
        .find(|p| p.as_rule() == Rule::addressee_text)
    else {
        return;
    };
    let adjacent = last_end.is_some_and(|end| input[end..start].matches('\n').count() <= 1);
    *last_end = Some(text.as_span().end());
    let text = collapse(text.as_str());
    let open = addressees
        .last()
        .is_some_and(|l| l.ends_with(',') || l.ends_with(" AND") || l.ends_with('/'));
    let carries_on = text.starts_with(['(', ','])
        || text.starts_with("AND ")
        || text.starts_with(|c: char| c.is_lowercase());
    match addressees.last_mut() {
        Some(last) if adjacent && (open || carries_on) => {
            last.push(' ');
            last.push_str(&text);
        }
        _ => addressees.push(text),
    }
}

/// `eo_line`: the order and its declassification instruction.
fn parse_eo_line(pair: Pair<'_, Rule>) -> ExecutiveOrder {
    let span = trimmed_span(&pair);
    let raw = collapse(pair.as_str());
    let mut order = None;
    let mut declassify = None;
    let mut rest = String::new();
    for part in pair.into_inner() {
        match part.as_rule() {
            Rule::eo_order => order = Some(part.as_str().to_string()),
            Rule::declassify => declassify = Some(declassify_text(part)),
            Rule::eo_rest => rest = collapse(part.as_str()),
            _ => {}
        }
    }
    // Text that is no DECL instruction still says what becomes of the cable.
    let declassify = declassify.or_else(|| (!rest.is_empty()).then_some(rest));
    ExecutiveOrder {
        order,
        declassify,
        raw,
        span,
    }
}

/// `declassify`: the value as written (`N/A` in one spelling).
fn declassify_text(pair: Pair<'_, Rule>) -> String {
    let value = pair
        .into_inner()
        .find(|p| {
            matches!(
                p.as_rule(),
                Rule::decl_date | Rule::decl_na | Rule::decl_codes | Rule::decl_event
            )
        })
        .map(|p| (p.as_rule(), collapse(p.as_str())));
    match value {
        Some((Rule::decl_na, _)) => "N/A".to_string(),
        Some((_, text)) => text,
        None => String::new(),
    }
}

/// `tags_block`: each tag once, in order (a repeated TAGS line adds nothing).
fn parse_tags_block(pair: Pair<'_, Rule>, tags: &mut Vec<String>) {
    for tag in pair.into_inner() {
        if matches!(
            tag.as_rule(),
            Rule::tag | Rule::tag_phrase | Rule::person_tag
        ) {
            let tag = collapse(tag.as_str());
            if !tags.contains(&tag) {
                tags.push(tag);
            }
        }
    }
}

/// `subject_block`: the marking, and the lines of text joined.
fn parse_subject_block(pair: Pair<'_, Rule>) -> Subject {
    let mut span = span_of(&pair);
    let mut marking = None;
    let mut text = String::new();
    for part in pair.into_inner() {
        match part.as_rule() {
            Rule::subject_marking => {
                marking = part.into_inner().next().map(|code| collapse(code.as_str()));
            }
            Rule::subject_text | Rule::subject_line => {
                if !part.as_str().trim().is_empty() {
                    span.end = trimmed_span(&part).end;
                }
                text.push(' ');
                text.push_str(part.as_str());
            }
            _ => {}
        }
    }
    Subject {
        text: collapse(&text),
        marking,
        span,
    }
}
