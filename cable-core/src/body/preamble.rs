//! The preamble: caveats, addressees, the E.O. line, TAGS and SUBJECT (the REF list and
//! Classified By have modules of their own).

use pest::iterators::Pair;

use crate::ast::*;
use crate::ctx::Ctx;
use crate::grammar::Rule;
use crate::pairs::span_of;
use crate::pairs::{parse_page_break, trimmed_span};
use crate::resolve::WrittenDate;
use crate::text::collapse;

/// `preamble`: each block to its builder.
pub(super) fn parse_preamble(pair: Pair<'_, Rule>, body: &mut Body, ctx: &mut Ctx<'_>) {
    // Where the last addressee line ended: a line carries on only the line right above.
    let mut addressee_end = None;
    // A subject without its label stands in only for a labelled one.
    let mut unlabelled = None;
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
                let (order, date) = parse_eo_line(block);
                if body.executive_order.is_none() {
                    ctx.unresolved.declassify = date;
                    body.executive_order = Some(order);
                }
            }
            Rule::tags_block => super::tags::parse_tags_block(block, &mut body.tags),
            Rule::subject_block => {
                let subject = parse_subject_block(block, &mut body.page_breaks, &mut body.caveats);
                // A subject cut short (`AIVD REPORT...`, a preview's) yields to a full one.
                if body
                    .subject
                    .as_ref()
                    .is_none_or(|s| s.text.ends_with("..."))
                {
                    body.subject = Some(subject);
                }
            }
            Rule::unlabelled_subject if unlabelled.is_none() => {
                unlabelled = Some(parse_subject_block(
                    block,
                    &mut body.page_breaks,
                    &mut body.caveats,
                ));
            }
            Rule::ref_block => super::references::parse_ref_block(block, body, ctx),
            Rule::classified_by => {
                let classified = super::parse_classified_by(block, &mut body.page_breaks);
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
    // Where a labelled subject came, the line is read as what it was before: an addressee.
    match unlabelled {
        Some(subject) if body.subject.is_some() => body.addressees.push(subject.text),
        unlabelled => body.subject = body.subject.take().or(unlabelled),
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

/// `eo_line`: the order and its declassification instruction, with the instruction's
/// date as written, which the resolve step reads in the cable's century.
fn parse_eo_line(pair: Pair<'_, Rule>) -> (ExecutiveOrder, Option<WrittenDate>) {
    let span = trimmed_span(&pair);
    let raw = collapse(pair.as_str());
    let mut order = None;
    let mut declassify = None;
    let mut date = None;
    let mut rest = None;
    for part in pair.into_inner() {
        match part.as_rule() {
            Rule::eo_order => order = Some(part.as_str().to_string()),
            Rule::declassify => {
                let (instruction, written) = parse_declassify(part);
                declassify = Some(instruction);
                date = written;
            }
            Rule::eo_rest if !part.as_str().trim().is_empty() => rest = Some(part),
            _ => {}
        }
    }
    // Text that is no `DECL:` instruction still says what becomes of the cable (`GDS`).
    let declassify = declassify.or_else(|| {
        rest.map(|part| Declassify {
            raw: collapse(part.as_str()),
            kind: DeclassifyKind::Event,
            date: None,
            codes: Vec::new(),
            span: trimmed_span(&part),
        })
    });
    let order = ExecutiveOrder {
        order,
        declassify,
        raw,
        span,
    };
    (order, date)
}

/// `declassify`: a date, `N/A`, codes or an event, with the value as written; a date's
/// day is left to the resolve step.
fn parse_declassify(pair: Pair<'_, Rule>) -> (Declassify, Option<WrittenDate>) {
    let mut declassify = Declassify {
        raw: String::new(),
        kind: DeclassifyKind::Event,
        date: None,
        codes: Vec::new(),
        span: trimmed_span(&pair),
    };
    let Some(value) = pair.into_inner().next() else {
        return (declassify, None);
    };
    let mut date = None;
    declassify.raw = collapse(value.as_str());
    declassify.span = trimmed_span(&value);
    match value.as_rule() {
        Rule::decl_date => {
            declassify.kind = DeclassifyKind::Date;
            date = date_of(value);
        }
        Rule::decl_na => declassify.kind = DeclassifyKind::NotApplicable,
        Rule::decl_codes => {
            declassify.kind = DeclassifyKind::Code;
            declassify.codes = value
                .into_inner()
                .map(|code| code.as_str().replace(' ', "").to_uppercase())
                .collect();
        }
        _ => {}
    }
    (declassify, date)
}

/// `decl_date`: the day, month and year as written.
fn date_of(pair: Pair<'_, Rule>) -> Option<WrittenDate> {
    let (mut day, mut month, mut year) = (None, None, None);
    for part in pair.into_inner() {
        let text = part.as_str();
        match part.as_rule() {
            Rule::date_day => day = text.parse().ok(),
            Rule::date_month => month = text.parse().ok(),
            Rule::date_month_name => {
                month = crate::dates::month_number(text).and_then(|m| u32::try_from(m).ok())
            }
            Rule::date_year | Rule::date_year4 => year = text.parse().ok(),
            _ => {}
        }
    }
    Some(WrittenDate {
        day: day?,
        month: month?,
        year: year?,
    })
}

/// `subject_block` (and `unlabelled_subject`): the marking (before the text, else after it), and the lines of text
/// joined; the page breaks inside it go to `page_breaks`, a caveat run on after the text
/// (`SENSITIVE BUT UNCLASSIFIED; PLEASE PROTECT ACCORDINGLY`) to `caveats`.
fn parse_subject_block(
    pair: Pair<'_, Rule>,
    page_breaks: &mut Vec<PageBreak>,
    caveats: &mut Vec<String>,
) -> Subject {
    let mut span = span_of(&pair);
    let mut marking = None;
    let mut text = String::new();
    for part in pair.into_inner() {
        match part.as_rule() {
            Rule::subject_marking if marking.is_none() => {
                marking = part.into_inner().next().map(|code| collapse(code.as_str()));
            }
            Rule::subject_page_marker => page_breaks.push(parse_page_break(part)),
            Rule::subject_caveat => add_caveat(caveats, part.as_str().trim_end_matches('.')),
            Rule::subject_break => page_breaks.extend(
                part.into_inner()
                    .filter(|p| matches!(p.as_rule(), Rule::page_foot | Rule::page_break))
                    .map(parse_page_break),
            ),
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
