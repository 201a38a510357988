//! The transmission header.

use pest::iterators::Pair;

use crate::ast::*;
use crate::ctx::Ctx;
use crate::grammar::Rule;
use crate::pairs::{parse_page_break, span_of};
use crate::text::collapse;

/// `header`: the lines before the recipients, then the recipient lists.
pub(crate) fn parse_header(pair: Pair<'_, Rule>, ctx: &mut Ctx<'_>) -> Header {
    let mut header = Header {
        transmission_id: None,
        routing: None,
        de: None,
        security: None,
        precedence: None,
        dtg: None,
        from: None,
        to: Vec::new(),
        info: Vec::new(),
        distribution: None,
        page_breaks: Vec::new(),
        unparsed: Vec::new(),
        span: span_of(&pair),
    };
    for line in pair.into_inner() {
        match line.as_rule() {
            Rule::transmission_line => {
                header.transmission_id = first_str(line, Rule::transmission_id)
            }
            Rule::routing => header.routing = Some(parse_routing(line)),
            Rule::de_line => header.de = Some(parse_de_line(line)),
            Rule::security_line => header.security = first_str(line, Rule::security),
            Rule::dtg_line => parse_dtg_line(line, &mut header),
            Rule::fm_line => header.from = first_str(line, Rule::rest),
            Rule::distribution | Rule::action_line | Rule::dist_trailer_line => {
                parse_distribution(line, &mut header)
            }
            Rule::page_break_header => header.page_breaks.push(parse_page_break(line)),
            Rule::telegram_class_line => {
                header
                    .security
                    .get_or_insert_with(|| collapse(line.as_str()));
            }
            Rule::recipients => parse_recipients(line, &mut header, ctx),
            Rule::unknown_header_line => parse_unknown_header_line(line, &mut header, ctx),
            _ => {}
        }
    }
    header
}

/// The text of the first inner pair of `rule`, trimmed.
fn first_str(pair: Pair<'_, Rule>, rule: Rule) -> Option<String> {
    pair.into_inner()
        .find(|p| p.as_rule() == rule)
        .map(|p| p.as_str().trim().to_string())
        .filter(|s| !s.is_empty())
}

/// `routing`: prosign and routing indicators.
fn parse_routing(pair: Pair<'_, Rule>) -> Routing {
    let span = span_of(&pair);
    let mut precedence = String::new();
    let mut stations = Vec::new();
    for p in pair.into_inner() {
        match p.as_rule() {
            Rule::routing_precedence => precedence = p.as_str().to_string(),
            Rule::routing_indicator => stations.push(p.as_str().to_string()),
            _ => {}
        }
    }
    Routing {
        precedence,
        stations,
        span,
    }
}

/// `de_line`: station, sequence, part and time.
fn parse_de_line(pair: Pair<'_, Rule>) -> De {
    let mut de = De {
        station: String::new(),
        sequence: None,
        part: None,
        time: None,
        julian_day: None,
        span: span_of(&pair),
    };
    for p in pair.into_inner() {
        let s = p.as_str().to_string();
        match p.as_rule() {
            Rule::de_station => de.station = s,
            Rule::de_sequence => de.sequence = Some(s),
            Rule::de_part => de.part = Some(s),
            Rule::de_time => {
                de.julian_day = s
                    .get(..3)
                    .and_then(|d| d.parse().ok())
                    .filter(|d| (1..=366).contains(d));
                de.time = Some(s);
            }
            _ => {}
        }
    }
    de
}

/// `dtg_line`: precedence prosigns and the date-time group.
fn parse_dtg_line(pair: Pair<'_, Rule>, header: &mut Header) {
    for p in pair.into_inner() {
        match p.as_rule() {
            Rule::precedence_prosigns => header.precedence = Some(p.as_str().to_string()),
            Rule::dtg => {
                let raw = collapse(p.as_str());
                let timestamp = crate::dates::stamp(&p).map(crate::dates::Stamp::rfc3339);
                header.dtg = Some(Dtg {
                    raw,
                    timestamp,
                    span: span_of(&p),
                });
            }
            _ => {}
        }
    }
}

/// `distribution`, `action_line`, `dist_trailer_line`: one State distribution block.
fn parse_distribution(pair: Pair<'_, Rule>, header: &mut Header) {
    let span = span_of(&pair);
    let dist = header.distribution.get_or_insert_with(|| Distribution {
        codes: Vec::new(),
        text: String::new(),
        span,
    });
    dist.span = Span::new(dist.span.start.min(span.start), span.end);
    if !dist.text.is_empty() {
        dist.text.push('\n');
    }
    dist.text.push_str(pair.as_str().trim_end());
    dist.codes.extend(
        pair.into_inner()
            .filter(|p| p.as_rule() == Rule::dist_item)
            .map(|p| p.as_str().to_string()),
    );
}

/// `recipients`: TO and INFO sections and XMT exclusions.
fn parse_recipients(pair: Pair<'_, Rule>, header: &mut Header, ctx: &mut Ctx<'_>) {
    // Which list the last recipient went to, so that XMT lines attach to it.
    let mut last_is_info = false;
    for section in pair.into_inner() {
        match section.as_rule() {
            Rule::to_section | Rule::info_section => {
                let is_info = section.as_rule() == Rule::info_section;
                last_is_info = is_info;
                for p in section.into_inner() {
                    match p.as_rule() {
                        Rule::recipient => {
                            let list = if is_info {
                                &mut header.info
                            } else {
                                &mut header.to
                            };
                            list.push(parse_recipient(p));
                        }
                        Rule::page_break_header => header.page_breaks.push(parse_page_break(p)),
                        _ => {}
                    }
                }
            }
            Rule::xmt_line => {
                let span = span_of(&section);
                let excluded = section
                    .into_inner()
                    .find(|p| p.as_rule() == Rule::recipient)
                    .map(parse_recipient);
                let list = if last_is_info {
                    &mut header.info
                } else {
                    &mut header.to
                };
                match (list.last_mut(), excluded) {
                    (Some(collective), Some(r)) => {
                        collective.excluded.push(r.name);
                        collective.span.end = span.end;
                    }
                    _ => {
                        header.unparsed.push(Unparsed {
                            text: ctx.text[span.start..span.end].to_string(),
                            span,
                        });
                        ctx.report(
                            Severity::Error,
                            "orphan-xmt",
                            "An XMT exclusion follows no recipient.".into(),
                            span,
                            Rule::recipient,
                        );
                    }
                }
            }
            Rule::page_break_header => header.page_breaks.push(parse_page_break(section)),
            _ => {}
        }
    }
}

/// `recipient`: route, name, precedence and message control number.
fn parse_recipient(pair: Pair<'_, Rule>) -> Recipient {
    let mut r = Recipient {
        route: None,
        name: String::new(),
        route_name: None,
        precedence: None,
        precedence_level: None,
        mcn: None,
        excluded: Vec::new(),
        span: span_of(&pair),
    };
    for p in pair.into_inner() {
        let s = p.as_str().trim().to_string();
        match p.as_rule() {
            Rule::route => {
                r.route_name = crate::routes::route_name(&s).map(String::from);
                r.route = Some(s);
            }
            Rule::recipient_name => r.name = collapse(&s),
            Rule::recipient_precedence => {
                r.precedence_level = p.into_inner().next().map(|level| match level.as_rule() {
                    Rule::precedence_niact => Precedence::NiactImmediate,
                    Rule::precedence_immediate => Precedence::Immediate,
                    Rule::precedence_priority => Precedence::Priority,
                    Rule::precedence_flash => Precedence::Flash,
                    _ => Precedence::Routine,
                });
                r.precedence = Some(s);
            }
            Rule::mcn => r.mcn = Some(s),
            _ => {}
        }
    }
    r
}

/// `unknown_header_line`: kept verbatim and reported.
fn parse_unknown_header_line(pair: Pair<'_, Rule>, header: &mut Header, ctx: &mut Ctx<'_>) {
    let span = span_of(&pair);
    let text = pair.as_str().trim_end_matches(['\n', '\r']).to_string();
    let shown: String = text.chars().take(60).collect();
    ctx.report(
        Severity::Error,
        "unparsed-header-line",
        format!("Header line not understood: {shown:?}"),
        span,
        Rule::unknown_header_line,
    );
    header.unparsed.push(Unparsed { text, span });
}
