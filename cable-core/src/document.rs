//! The document: metadata, then the cable (partial notice, header, body): the entry point
//! from decoded text to the tree.

use pest::iterators::Pair;
use pest::Parser;

use crate::ast::*;
use crate::containers::Decoded;
use crate::ctx::Ctx;
use crate::dates::Stamp;
use crate::error::Error;
use crate::grammar::{CableParser, Rule};
use crate::pairs::span_of;

/// Builds the tree of a decoded document.
pub(crate) fn cable(decoded: &Decoded<'_>, options: &crate::Options) -> Result<Cable, Error> {
    let strict = options.strict;
    let text: &str = &decoded.text;
    let mut ctx = Ctx {
        text,
        diagnostics: Vec::new(),
        first_error: None,
        years: crate::ctx::Years::with_hint(
            options
                .year
                .map(|y| u32::from(y) % 100)
                .or_else(|| options.file_id().and_then(crate::reference_id::year_of)),
        ),
        record: None,
        text_date: None,
        unresolved: Default::default(),
    };
    for &(input_at, what) in &decoded.problems {
        let at = crate::text::floor_char_boundary(text, decoded.to_text_offset(input_at));
        ctx.report(
            Severity::Warning,
            "container-markup",
            format!("The container holds {what}."),
            Span::new(at, at),
            // Only an error becomes the strict-mode error and names what was expected.
            Rule::cable_head,
        );
    }
    // The head of the document, from its start: the text and the closing below it are
    // regions of their own, which the body's builder finds and parses (`regions.rs`).
    let parsed = if decoded.has_metadata {
        CableParser::parse(Rule::export_head, text)
    } else {
        Err(no_metadata())
    };
    let mut cable = match parsed {
        Ok(mut pairs) => parse_document(
            pairs.next().expect("export_head yields one pair"),
            &mut ctx,
            decoded,
        )?,
        Err(_) => {
            if decoded.has_metadata {
                let end = text.find('\n').unwrap_or(text.len());
                ctx.report(
                    Severity::Error,
                    "bad-metadata",
                    "The five metadata lines could not be read; parsed as bare text.".into(),
                    Span::new(0, end),
                    Rule::metadata,
                );
            }
            // `bare_head` accepts any text: at worst it is empty, and all is text.
            let mut pairs = CableParser::parse(Rule::bare_head, text).map_err(|e| {
                let offset = match e.location {
                    pest::error::InputLocation::Pos(p)
                    | pest::error::InputLocation::Span((p, _)) => p,
                };
                Error::syntax(text, offset, "a cable")
            })?;
            parse_document(
                pairs.next().expect("bare_head yields one pair"),
                &mut ctx,
                decoded,
            )?
        }
    };
    cable.container = decoded.container;
    cable.id = reference_id(&cable, &ctx, options);
    crate::resolve::resolve(&mut cable, std::mem::take(&mut ctx.unresolved));
    if cable.id.is_some() && cable.id.as_deref() == options.file_id() {
        let id = cable.id.clone().unwrap_or_default();
        if cable.metadata.is_none() {
            ctx.report(
                Severity::Info,
                "id-from-file-name",
                format!("The text gives no reference id; {id} is the file's name."),
                Span::new(0, 0),
                Rule::metadata,
            );
        }
    }
    if strict {
        if let Some(err) = ctx.first_error.take() {
            return Err(err);
        }
    }
    cable.diagnostics = ctx.diagnostics;
    Ok(cable)
}

/// The cable's reference id: the metadata's; else the banner's station and serial with
/// the year the text gives; else the file's name; else the banner with the caller's year.
fn reference_id(cable: &Cable, ctx: &Ctx<'_>, options: &crate::Options) -> Option<String> {
    if let Some(m) = &cable.metadata {
        return Some(m.reference_id.clone());
    }
    let banner = cable.body.as_ref().and_then(|b| b.banner.as_ref());
    let from_banner = |year: u32| {
        let banner = banner?;
        let station = crate::stations::canonical_station(banner.station.as_deref()?)?;
        let serial: u32 = banner.serial.as_deref()?.parse().ok()?;
        Some(crate::ReferenceId::new(year, station, serial).to_string())
    };
    ctx.years
        .own()
        .and_then(from_banner)
        .or_else(|| options.file_id().map(String::from))
        .or_else(|| ctx.years.hint.and_then(from_banner))
}

/// When the cable was sent: the date-time group, else the metadata date (else a date
/// line of the text, which the caller adds).
fn sent(cable: &Cable) -> Option<String> {
    let dtg = cable.header.as_ref().and_then(|h| h.dtg.as_ref());
    dtg.and_then(|d| d.timestamp.clone())
        .or_else(|| cable.metadata.as_ref().and_then(|m| m.date.clone()))
}

fn no_metadata() -> pest::error::Error<Rule> {
    pest::error::Error::new_from_pos(
        pest::error::ErrorVariant::CustomError {
            message: "no metadata".into(),
        },
        pest::Position::from_start(""),
    )
}

/// `export_head` or `bare_head`: optional metadata, then the cable.
fn parse_document(
    pair: Pair<'_, Rule>,
    ctx: &mut Ctx<'_>,
    decoded: &Decoded<'_>,
) -> Result<Cable, Error> {
    let mut cable = empty_cable(decoded.container, ctx.text.len());
    for inner in pair.into_inner() {
        match inner.as_rule() {
            Rule::metadata => {
                let metadata = parse_metadata(inner, ctx, &decoded.referenced_ids);
                ctx.years.metadata = crate::reference_id::year_of(&metadata.reference_id);
                cable.metadata = Some(metadata);
            }
            Rule::cable_head => parse_cable(inner, ctx, &mut cable)?,
            _ => {}
        }
    }
    if cable.metadata.is_none() {
        cable.metadata = ctx.record.take().filter(|r| !r.reference_id.is_empty());
    }
    cable.sent = sent(&cable).or_else(|| ctx.text_date.map(Stamp::rfc3339));
    if cable.body.is_none() {
        let (severity, message) = if cable.metadata.is_some() {
            (
                Severity::Warning,
                "The record has metadata but no cable text.",
            )
        } else {
            (Severity::Error, "No cable text was found in the input.")
        };
        let span = Span::new(ctx.text.len(), ctx.text.len());
        ctx.report(
            severity,
            "no-cable-text",
            message.into(),
            span,
            Rule::body_head,
        );
    }
    Ok(cable)
}

/// The five metadata lines.
fn parse_metadata(pair: Pair<'_, Rule>, ctx: &mut Ctx<'_>, referenced_ids: &[String]) -> Metadata {
    let span = span_of(&pair);
    let lines: Vec<Pair<'_, Rule>> = pair.into_inner().collect();
    let text = |i: usize| {
        lines
            .get(i)
            .map_or(String::new(), |l| l.as_str().trim().into())
    };
    let (reference_id, subject, classification, origin) = (text(0), text(1), text(3), text(4));
    let date_line = lines.get(2);
    let date = date_line
        .and_then(crate::dates::of_date_line)
        .map(Stamp::rfc3339);
    if date.is_none() {
        ctx.report(
            Severity::Warning,
            "bad-date",
            format!("The metadata date {:?} could not be read.", text(2)),
            date_line.map(span_of).unwrap_or_default(),
            Rule::metadata,
        );
    }
    Metadata {
        reference_id,
        subject: (!subject.is_empty()).then_some(subject),
        date,
        classification,
        origin,
        referenced_ids: referenced_ids.to_vec(),
        span,
    }
}

/// `cable_head`: partial notice, header, and the body with its regions.
fn parse_cable(pair: Pair<'_, Rule>, ctx: &mut Ctx<'_>, cable: &mut Cable) -> Result<(), Error> {
    for inner in pair.into_inner() {
        match inner.as_rule() {
            Rule::partial_notice => {
                cable.partial = true;
                ctx.report(
                    Severity::Info,
                    "partial-extract",
                    "The record is a partial extract of the original cable.".into(),
                    span_of(&inner),
                    Rule::cable_head,
                );
            }
            Rule::header => {
                let header = crate::header::parse_header(inner, ctx);
                ctx.years.dtg = header
                    .dtg
                    .as_ref()
                    .and_then(|d| d.timestamp.as_ref())
                    .and_then(|t| t.get(2..4))
                    .and_then(|y| y.parse().ok());
                cable.header = Some(header);
            }
            Rule::body_head => cable.body = crate::body::parse_body(inner, ctx)?,
            _ => {}
        }
    }
    Ok(())
}

/// The tree for an input refused before parsing (too large): no body, one diagnostic.
pub(crate) fn refused(input: &str, err: &Error) -> Cable {
    let mut cable = empty_cable(crate::ast::Container::BareText, input.len());
    cable.diagnostics.push(Diagnostic {
        severity: Severity::Error,
        code: "refused".into(),
        message: err.to_string(),
        span: cable.span,
    });
    cable
}

/// A tree with nothing read yet over a document text of `len` bytes.
fn empty_cable(container: crate::ast::Container, len: usize) -> Cable {
    Cable {
        container,
        id: None,
        sent: None,
        metadata: None,
        partial: false,
        header: None,
        body: None,
        diagnostics: Vec::new(),
        span: Span::new(0, len),
    }
}
