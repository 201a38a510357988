//! The body: `prelude? ~ banner ~ preamble` (its head), then the paragraphs and the
//! closing, each parsed as a region of its own (`crate::regions`). One builder per rule,
//! in modules named after the parts of the tree.

mod blocks;
mod classified;
mod closing;
mod paragraphs;
mod preamble;
mod references;
mod tags;

use pest::iterators::Pair;
use pest::Parser;

use crate::ast::*;
use crate::ctx::Ctx;
use crate::error::Error;
use crate::grammar::{CableParser, Rule};
use crate::pairs::{span_of, trimmed_span};
use crate::text::collapse;

pub(crate) use classified::parse_classified_by;

/// `body_head`, then the text and the closing below it: `None` when the container holds no
/// cable text at all.
pub(crate) fn parse_body(head: Pair<'_, Rule>, ctx: &mut Ctx<'_>) -> Result<Option<Body>, Error> {
    let text = ctx.text;
    let start = head.as_span().start();
    let span = Span::new(
        start,
        start + text[start..].trim_end_matches(['\n', '\r']).len(),
    );
    let regions = crate::regions::find(text, head.as_span().end());
    let mut body = Body {
        prelude: Vec::new(),
        banner: None,
        caveats: Vec::new(),
        addressees: Vec::new(),
        executive_order: None,
        tags: Vec::new(),
        subject: None,
        references: Vec::new(),
        classified_by: None,
        paragraphs: Vec::new(),
        summary: None,
        comments: Vec::new(),
        signature: None,
        trailers: Vec::new(),
        page_breaks: Vec::new(),
        span,
    };
    let head_pairs = head.clone();
    for part in head.into_inner() {
        match part.as_rule() {
            Rule::prelude => parse_prelude(part, &mut body, ctx),
            Rule::preview => parse_preview(part, ctx),
            Rule::banner_line => parse_banner_line(part, &mut body, ctx),
            Rule::preamble => preamble::parse_preamble(part, &mut body, ctx),
            _ => {}
        }
    }
    let (input, base) = text_region_input(&head_pairs, text, regions.text.clone());
    let pair = parse_region(Rule::text_region, &input, text, base)?;
    let (part, text_map) = paragraphs::parse_paragraphs(pair, regions.signer_in_text);
    let text_map = part.merge_into(text_map, &mut body, base);
    let closing = &text[regions.closing..];
    let pair = parse_region(Rule::closing, closing, text, regions.closing as isize)?;
    closing::parse_closing(pair).merge_into(&mut body, regions.closing as isize);
    let empty = body.banner.is_none()
        && body.paragraphs.is_empty()
        && body.subject.is_none()
        && body.tags.is_empty()
        && body.references.is_empty()
        && body.addressees.is_empty()
        && body.executive_order.is_none()
        && body.classified_by.is_none()
        && body.caveats.is_empty()
        && body.signature.is_none()
        && body.trailers.is_empty()
        && body.page_breaks.is_empty();
    if empty {
        return Ok(None);
    }
    if body.banner.is_none() {
        // Every cable body opens with its classification banner: strict mode rejects one without.
        ctx.report(
            Severity::Error,
            "no-banner",
            "The body has no classification banner.".into(),
            Span::new(span.start, span.start),
            Rule::banner,
        );
    }
    blocks::find_blocks(&mut body, ctx.text, &text_map);
    tags::read_au(&mut body);
    Ok(Some(body))
}

/// The pair of `rule`, the entry rule of a region, parsed on `input`, whose offsets are
/// those of the document `text` less `base`. The regions' rules accept any text
/// (`regions.rs` chose the closing where it matches), so an error here is a bug in the
/// grammar, which strict and lenient parsing alike report.
fn parse_region<'i>(
    rule: Rule,
    input: &'i str,
    text: &str,
    base: isize,
) -> Result<Pair<'i, Rule>, Error> {
    let at = |offset: usize| {
        crate::text::floor_char_boundary(text, offset.saturating_add_signed(base).min(text.len()))
    };
    CableParser::parse(rule, input)
        .map_err(|e| {
            let offset = match e.location {
                pest::error::InputLocation::Pos(p) | pest::error::InputLocation::Span((p, _)) => p,
            };
            Error::syntax(text, at(offset), "a cable")
        })?
        .next()
        .ok_or_else(|| Error::syntax(text, at(0), "a cable"))
}

/// The input `text_region` reads for `text[range]`: the station the head pushed last, a NUL,
/// then the text; and what moves its offsets to the document's.
pub(crate) fn text_region_input(
    head: &Pair<'_, Rule>,
    text: &str,
    range: std::ops::Range<usize>,
) -> (String, isize) {
    let stack = station_pushed(head, text);
    let base = range.start as isize - (stack.len() + 1) as isize;
    (format!("{stack}\0{}", &text[range]), base)
}

/// What the head left on top of pest's stack: the key of the last banner station it read
/// (`banner_station` pushes its `station_key`), else the sentinel `body_head` pushed first.
fn station_pushed<'t>(head: &Pair<'t, Rule>, text: &'t str) -> &'t str {
    let station = head
        .clone()
        .into_inner()
        .flatten()
        .filter(|p| p.as_rule() == Rule::banner_station)
        .last();
    station
        .and_then(|s| {
            let key = CableParser::parse(Rule::station_key, &text[s.as_span().start()..]).ok()?;
            key.peek().map(|k| k.as_str())
        })
        .unwrap_or("␀␀")
}

/// `prelude`: the lines a publication put before the banner, and the year they give
/// when the text has no date of its own.
fn parse_prelude(pair: Pair<'_, Rule>, body: &mut Body, ctx: &mut Ctx<'_>) {
    for line in pair.into_inner() {
        let text = collapse(line.as_str());
        if line.as_rule() == Rule::blank || text.is_empty() {
            continue;
        }
        match line.as_rule() {
            Rule::record_block => parse_record_block(line.clone(), ctx),
            Rule::record_field => parse_record_field(line.clone(), ctx),
            Rule::date_line_of_publication => parse_date_line(line.clone(), ctx),
            Rule::prelude_line => {
                let dated = line
                    .clone()
                    .into_inner()
                    .find(|p| p.as_rule() == Rule::cable_dated);
                // `2009-02-23T13:07:00` (the pages write a `T`) or with a space; a day
                // without its time gives no date.
                let date = dated.and_then(|d| d.into_inner().next());
                if let Some(date) =
                    date.filter(|d| d.clone().into_inner().any(|p| p.as_rule() == Rule::hour2))
                {
                    ctx.text_date = crate::dates::stamp(&date);
                }
            }
            _ => {}
        }
        ctx.years.text_gives(year_in(&text));
        body.prelude.push(text);
    }
}

/// `preview`: a copy cut short before the full one. Its text stays in the document and
/// is pointed at by a diagnostic; the tree is built from the full copy.
fn parse_preview(pair: Pair<'_, Rule>, ctx: &mut Ctx<'_>) {
    let span = trimmed_span(&pair);
    for part in pair.clone().into_inner() {
        match part.as_rule() {
            Rule::record_block => parse_record_block(part, ctx),
            Rule::record_row => parse_record_row(part, ctx),
            _ => {}
        }
    }
    ctx.report(
        Severity::Info,
        "truncated-copy",
        "The text starts with a copy of the cable cut short; the full copy after it is read."
            .into(),
        span,
        Rule::preview,
    );
}

/// Record metadata with nothing read yet, over `span`.
fn empty_record(span: Span) -> Metadata {
    Metadata {
        reference_id: String::new(),
        subject: None,
        date: None,
        classification: String::new(),
        origin: String::new(),
        referenced_ids: Vec::new(),
        span,
    }
}

/// `record_block`: record metadata inside the body, for a container without its own.
fn parse_record_block(pair: Pair<'_, Rule>, ctx: &mut Ctx<'_>) {
    if ctx.record.is_some() {
        return;
    }
    let span = trimmed_span(&pair);
    let mut record = empty_record(span);
    for part in pair.into_inner() {
        let text = part.as_str().trim();
        match part.as_rule() {
            Rule::record_date => record.date = rfc3339(&part),
            Rule::record_id => record.reference_id = text.to_string(),
            Rule::record_origin => record.origin = collapse(text),
            Rule::record_classification => record.classification = collapse(text),
            Rule::record_cited => {
                record.referenced_ids = text.split('|').map(String::from).collect()
            }
            _ => {}
        }
    }
    ctx.years
        .text_gives(crate::reference_id::year_of(&record.reference_id));
    ctx.record = Some(record);
}

/// `date_line_of_publication`: `Thursday, 31 January 2008, 19:52`, the day the cable
/// was sent (no time zone is given: `+00:00`, as for pages and CSV rows).
fn parse_date_line(pair: Pair<'_, Rule>, ctx: &mut Ctx<'_>) {
    ctx.text_date = crate::dates::stamp(&pair);
}

/// `record_row`: the start of a pasted `cables.csv` row: its date and reference id.
fn parse_record_row(pair: Pair<'_, Rule>, ctx: &mut Ctx<'_>) {
    if ctx.record.is_some() {
        return;
    }
    let span = trimmed_span(&pair);
    let (mut date, mut id) = (None, String::new());
    for part in pair.into_inner() {
        match part.as_rule() {
            Rule::row_date => date = rfc3339(&part),
            Rule::record_id => id = part.as_str().to_string(),
            _ => {}
        }
    }
    ctx.years.text_gives(crate::reference_id::year_of(&id));
    ctx.record = Some(Metadata {
        reference_id: id,
        date,
        ..empty_record(span)
    });
}

/// `record_field`: `ORIGIN: 10BERLIN180`, `DATE: 2010-02-12 17:09:00`, `SOURCE: Embassy
/// Berlin`, `CLASSIFICATION: CONFIDENTIAL`, `MISC: 10BERLIN128|10BERLIN176`.
fn parse_record_field(pair: Pair<'_, Rule>, ctx: &mut Ctx<'_>) {
    let span = trimmed_span(&pair);
    let mut parts = pair.into_inner();
    let (Some(key), Some(field)) = (parts.next(), parts.next()) else {
        return;
    };
    let value = collapse(field.as_str());
    let record = ctx.record.get_or_insert_with(|| empty_record(span));
    record.span.end = span.end;
    match key.as_str() {
        "ORIGIN" if crate::reference_id::is_written_id(&value) => {
            record.reference_id = value;
            ctx.years
                .text_gives(crate::reference_id::year_of(&record.reference_id));
        }
        "DATE" if field.as_rule() == Rule::metadata_date => record.date = rfc3339(&field),
        "SOURCE" => record.origin = value,
        "CLASSIFICATION" => record.classification = value,
        "MISC" => {
            record.referenced_ids = value
                .split('|')
                .filter(|id| crate::reference_id::is_written_id(id))
                .map(String::from)
                .collect()
        }
        _ => {}
    }
}

/// The date of a date pair, as RFC 3339.
fn rfc3339(pair: &Pair<'_, Rule>) -> Option<String> {
    crate::dates::stamp(pair).map(crate::dates::Stamp::rfc3339)
}

/// The two-digit year of the first `19xx` or `20xx` word of a date line.
fn year_in(line: &str) -> Option<u32> {
    line.split(|c: char| !c.is_ascii_digit())
        .find(|w| w.len() == 4 && (w.starts_with("19") || w.starts_with("20")))
        .and_then(|w| w[2..].parse().ok())
}

/// `banner_line`: the banner (text run on after it is read by the preamble).
fn parse_banner_line(pair: Pair<'_, Rule>, body: &mut Body, ctx: &mut Ctx<'_>) {
    for part in pair.into_inner() {
        if part.as_rule() == Rule::banner {
            body.banner = Some(parse_banner(part, &mut body.caveats, ctx));
        }
    }
}

/// `banner`: marking, section, station and serial.
fn parse_banner(pair: Pair<'_, Rule>, caveats: &mut Vec<String>, ctx: &mut Ctx<'_>) -> Banner {
    let mut banner = Banner {
        marking: String::new(),
        classification: Classification::Unclassified,
        section: None,
        station: None,
        station_code: None,
        serial: None,
        span: span_of(&pair),
    };
    for part in pair.into_inner() {
        match part.as_rule() {
            Rule::marking => {
                banner.marking = part.as_str().to_string();
                banner.classification = level_of(&part);
            }
            Rule::banner_caveat => preamble::add_caveat(caveats, part.as_str()),
            Rule::section => {
                let mut n = part
                    .into_inner()
                    .map(|x| x.as_str().parse::<u32>().unwrap_or(0));
                banner.section = Some(Section {
                    number: n.next().unwrap_or(0),
                    of: n.next().unwrap_or(0),
                });
            }
            Rule::banner_station => {
                let station = collapse(part.as_str());
                banner.station_code = Some(station_code(&station, trimmed_span(&part), ctx));
                banner.station = Some(station);
            }
            Rule::serial => banner.serial = Some(part.as_str().to_string()),
            _ => {}
        }
    }
    banner
}

/// The release's spelling of a station; one it does not know is kept as written
/// (squeezed), with a diagnostic: never guessed.
fn station_code(station: &str, span: Span, ctx: &mut Ctx<'_>) -> String {
    match crate::stations::canonical_station(station) {
        Some(code) => code.to_string(),
        None => {
            ctx.report(
                Severity::Info,
                "unknown-station",
                format!("The release knows no station {station:?}; it is kept as written."),
                span,
                Rule::banner,
            );
            crate::stations::squeeze(station)
        }
    }
}

/// The level a `marking` pair names: the grammar reads each spelling as one of the
/// level rules (`top_secret`, `secret`, `confidential`, `unclassified`).
fn level_of(marking: &Pair<'_, Rule>) -> Classification {
    match marking
        .clone()
        .into_inner()
        .next()
        .map(|level| level.as_rule())
    {
        Some(Rule::top_secret) => Classification::TopSecret,
        Some(Rule::secret) => Classification::Secret,
        Some(Rule::confidential) => Classification::Confidential,
        _ => Classification::Unclassified,
    }
}

/// The level of the marking a text starts with (`SECRET//NOFORN`, a metadata line's
/// classification), read by the grammar's `marking`; `None` when it starts with none.
pub(crate) fn level_in(text: &str) -> Option<Classification> {
    let marking = CableParser::parse(Rule::marking, text.trim_start())
        .ok()?
        .next()?;
    Some(level_of(&marking))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markings_name_their_level_in_every_spelling() {
        for (text, level) in [
            (
                "C O N F I D E N T I A L",
                Some(Classification::Confidential),
            ),
            ("S e c r e t", Some(Classification::Secret)),
            ("SS E C R E T", Some(Classification::Secret)),
            ("SECRET//NOFORN", Some(Classification::Secret)),
            ("UNCLAS", Some(Classification::Unclassified)),
            (
                "UNCLASSIFIED//FOR OFFICIAL USE ONLY",
                Some(Classification::Unclassified),
            ),
            ("LIMITED OFFICIAL USE", Some(Classification::Unclassified)),
            ("TOP SECRET", Some(Classification::TopSecret)),
            ("T O P  S E C R E T", Some(Classification::TopSecret)),
            ("  CONFIDENTIAL", Some(Classification::Confidential)),
            ("RESTRICTED", None),
            ("", None),
        ] {
            assert_eq!(level_in(text), level, "{text:?}");
        }
    }

    /// A caveat run on after the subject's text is the cable's caveat, not lost and not
    /// part of the subject.
    #[test]
    fn a_caveat_after_the_subject_is_kept_as_a_caveat() {
        let cable = crate::parse(
            "UNCLAS ASTANA 000001\nSUBJECT: ROADS SENSITIVE BUT UNCLASSIFIED--PLEASE PROTECT ACCORDINGLY\n\n1. (U) TEXT.\n",
        );
        let body = cable.body.expect("a body");
        assert_eq!(body.subject.map(|s| s.text).as_deref(), Some("ROADS"));
        assert_eq!(
            body.caveats,
            ["SENSITIVE BUT UNCLASSIFIED--PLEASE PROTECT ACCORDINGLY"]
        );
    }

    #[test]
    fn date_lines_give_a_year() {
        assert_eq!(year_in("Thursday, 31 January 2008, 19:52"), Some(8));
        assert_eq!(year_in("no year here 12"), None);
    }
}
