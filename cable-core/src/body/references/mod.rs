//! The REF list: items under their labels, and what each item cites.
//!
//! The grammar cuts the list into items and pieces (cables, document kinds, `NOTAL`,
//! `;`, other words). Two things are decided here: a label counts only when it is the
//! next letter (`(B)` inside an item's text is no label), and a cable's station must be
//! one the release knows, so that `INCSR 2008` or `08 MAR 08` never get a cable id. A
//! station typed by hand (`ISLAMBAD 1207`, `GUATEMALA CITY 455`, `DAR 1422`) is guessed
//! (see [`crate::stations::guess_station`]), and a `station-guessed` diagnostic says so.

use pest::iterators::Pair;

use crate::ast::*;
use crate::ctx::Ctx;
use crate::grammar::Rule;
use crate::pairs::{parse_page_break, trimmed_span};
use crate::reference_id::full_year;
use crate::stations::Guess;
use crate::text::collapse;
use crate::ReferenceId;

/// A piece of an item, as the grammar found it.
enum Piece<'t> {
    /// `07 TBILISI 812`, `HANOI 41, 57`: a station with its serials.
    Cable(CablePiece<'t>),
    /// A word saying what the document is (`EMAIL`, `TELCON`).
    Kind(ReferenceKind),
    /// `NOTAL`.
    Notal,
    /// `;` between two documents.
    Sep,
    /// Anything else.
    Word,
}

/// A `ref_cable`.
struct CablePiece<'t> {
    year: Option<u32>,
    station: &'t str,
    station_at: usize,
    serials: Vec<&'t str>,
}

/// An item: its label and pieces, with where each piece stands.
struct Item<'t> {
    label: Option<char>,
    start: usize,
    end: usize,
    pieces: Vec<(Piece<'t>, usize, usize)>,
}

/// `ref_block`: the items in order, each turned into references.
pub(super) fn parse_ref_block(pair: Pair<'_, Rule>, body: &mut Body, ctx: &mut Ctx<'_>) {
    let mut items: Vec<Item<'_>> = Vec::new();
    for part in pair.into_inner() {
        match part.as_rule() {
            Rule::ref_item => add_item(&mut items, part, &mut body.page_breaks),
            Rule::page_break => body.page_breaks.push(parse_page_break(part)),
            _ => {}
        }
    }
    let own = body
        .banner
        .as_ref()
        .and_then(|b| b.station.as_deref())
        .and_then(crate::stations::canonical_station);
    for item in &items {
        references_of(item, own, ctx, &mut body.references);
    }
}

/// Adds a `ref_item`: a new item when its label is the next letter (or it is the first
/// item), else more text of the item before. A page marker run into it is a page break.
fn add_item<'t>(items: &mut Vec<Item<'t>>, pair: Pair<'t, Rule>, breaks: &mut Vec<PageBreak>) {
    let mut span = trimmed_span(&pair);
    let mut label = None;
    let mut pieces = Vec::new();
    let mut marker = false;
    for part in pair.into_inner() {
        let (start, end) = (part.as_span().start(), part.as_span().end());
        match part.as_rule() {
            Rule::ref_page_marker => {
                breaks.push(parse_page_break(part));
                marker = true;
            }
            Rule::ref_label => {
                label = part
                    .into_inner()
                    .next()
                    .and_then(|letter| letter.as_str().chars().next())
                    .map(|letter| (letter, start, end));
            }
            rule => pieces.push((piece(rule, part), start, end)),
        }
    }
    if marker {
        // The item is what stands around the marker, if anything.
        let label_end = label.map(|(_, _, end)| end);
        match pieces.last().map(|p| p.2).or(label_end) {
            Some(end) => span.end = end,
            None => return,
        }
    }
    let last_label = items.iter().rev().find_map(|i| i.label);
    let expected = last_label.map(|l| (l as u8 + 1) as char);
    let opens = items.is_empty() || label.is_some_and(|(letter, ..)| Some(letter) == expected);
    match (label, items.last_mut()) {
        (Some((letter, ..)), _) if opens => items.push(Item {
            label: Some(letter),
            start: span.start,
            end: span.end,
            pieces,
        }),
        (label, Some(last)) => {
            // Not the next label: its text belongs to the item before.
            if let Some((_, start, end)) = label {
                last.pieces.push((Piece::Word, start, end));
            }
            last.pieces.extend(pieces);
            last.end = last.end.max(span.end);
        }
        (_, None) => items.push(Item {
            label: None,
            start: span.start,
            end: span.end,
            pieces,
        }),
    }
}

/// One piece of an item.
fn piece(rule: Rule, pair: Pair<'_, Rule>) -> Piece<'_> {
    match rule {
        Rule::ref_cable | Rule::ref_redacted => Piece::Cable(parse_ref_cable(pair)),
        Rule::ref_notal => Piece::Notal,
        Rule::ref_sep => Piece::Sep,
        Rule::kind_email => Piece::Kind(ReferenceKind::Email),
        Rule::kind_telcon => Piece::Kind(ReferenceKind::Telcon),
        Rule::kind_memcon => Piece::Kind(ReferenceKind::Memcon),
        Rule::kind_letter => Piece::Kind(ReferenceKind::Letter),
        Rule::kind_meeting => Piece::Kind(ReferenceKind::Meeting),
        Rule::kind_report => Piece::Kind(ReferenceKind::Report),
        _ => Piece::Word,
    }
}

/// `ref_cable`: year, station, serials, year after (`ref_redacted`: the station only).
fn parse_ref_cable(pair: Pair<'_, Rule>) -> CablePiece<'_> {
    let mut cable = CablePiece {
        year: None,
        station: "",
        station_at: pair.as_span().start(),
        serials: Vec::new(),
    };
    for part in pair.into_inner() {
        match part.as_rule() {
            Rule::ref_year => cable.year = written_year(part.as_str()),
            Rule::ref_station => {
                cable.station = part.as_str();
                cable.station_at = part.as_span().start();
            }
            Rule::ref_serial => cable.serials.push(part.as_str()),
            // A year after the serial is the item's own: it wins over one before.
            Rule::ref_year_after => {
                let digits = part.into_inner().next().map_or("", |d| d.as_str());
                cable.year = digits.parse().ok().or(cable.year);
            }
            _ => {}
        }
    }
    cable
}

/// The references of an item: one per cable it names, or one for a document that is no
/// cable. Documents are separated by `;`.
fn references_of(item: &Item<'_>, own: Option<&str>, ctx: &mut Ctx<'_>, out: &mut Vec<Reference>) {
    let label = item.label.map(String::from);
    let first = out.len();
    let mut segment_start = 0;
    for at in 0..=item.pieces.len() {
        let at_end = at == item.pieces.len();
        if !at_end && !matches!(item.pieces[at].0, Piece::Sep) {
            continue;
        }
        let segment = &item.pieces[segment_start..at];
        segment_start = at + 1;
        if !segment.is_empty() {
            segment_references(segment, label.clone(), own, ctx, out);
        }
    }
    if out.len() == first {
        // A label with nothing after it is kept, so that the list's letters stay whole.
        out.push(other(
            label.clone(),
            ReferenceKind::Other,
            String::new(),
            item.start,
            item.end,
        ));
    }
    // The first reference of an item starts at its label.
    if let Some(r) = out.get_mut(first) {
        r.span.start = r.span.start.min(item.start);
    }
}

/// The references of one document segment of an item.
fn segment_references(
    segment: &[(Piece<'_>, usize, usize)],
    label: Option<String>,
    own: Option<&str>,
    ctx: &mut Ctx<'_>,
    out: &mut Vec<Reference>,
) {
    let text = ctx.text;
    let seg_start = segment[0].1;
    let seg_end = segment[segment.len() - 1].2;
    let cables: Vec<usize> = (0..segment.len())
        .filter(
            |&i| matches!(&segment[i].0, Piece::Cable(c) if !resolve_station(c, None, own).is_empty()),
        )
        .collect();
    if cables.is_empty() {
        if let Some(r) = station_alone(segment, label.clone(), ctx) {
            out.push(r);
            return;
        }
        let kind = kind_in(segment);
        let body = collapse(&text[seg_start..seg_end]);
        let mut r = other(
            label,
            kind.unwrap_or(ReferenceKind::Other),
            body,
            seg_start,
            seg_end,
        );
        r.notal = segment.iter().any(|p| matches!(p.0, Piece::Notal));
        out.push(r);
        return;
    }
    // `Hodgson emails to Duguid and USNATO 00184`: a document of another kind, joined to
    // the first cable by `and`, is a reference of its own.
    let first = cables[0];
    let joined = first >= 2
        && matches!(segment[first - 1].0, Piece::Word)
        && text[segment[first - 1].1..segment[first - 1].2].eq_ignore_ascii_case("and");
    let seg_start = match kind_in(&segment[..first]).filter(|_| joined) {
        Some(kind) => {
            let end = segment[first - 2].2;
            out.push(other(
                label.clone(),
                kind,
                collapse(&text[seg_start..end]),
                seg_start,
                end,
            ));
            segment[first].1
        }
        None => seg_start,
    };
    for (n, &i) in cables.iter().enumerate() {
        let Piece::Cable(cable) = &segment[i].0 else {
            continue;
        };
        let year = cable
            .year
            .map(full_year)
            .or(ctx.years.year().map(full_year));
        // The text of a cable runs to the next cable of the segment (or its end), so that
        // notes such as `(NOTAL)` or `(MBR)` stay with the cable they follow.
        let until = cables.get(n + 1).map_or(segment.len(), |&j| j);
        let end = segment[until - 1].2;
        let notal = segment[i..until]
            .iter()
            .any(|p| matches!(p.0, Piece::Notal));
        // A redacted serial (`Beijing XXXXXXXXXXXXX`) still cites a cable of the station.
        let serials: Vec<Option<&str>> = if cable.serials.is_empty() {
            vec![None]
        } else {
            cable.serials.iter().map(|s| Some(*s)).collect()
        };
        for serial in serials {
            let serial_n: Option<u32> = serial.and_then(|s| s.parse().ok());
            let known = year.zip(serial_n);
            let candidates = resolve_station(cable, known, own);
            let Some(&(station_at, station, in_release, guess)) = candidates.first() else {
                continue;
            };
            if let Some(guess) = guess {
                let written = &cable.station[station_at - cable.station_at..];
                ctx.report(
                    Severity::Info,
                    "station-guessed",
                    format!(
                        "the station `{written}` was guessed to be {station} ({})",
                        guess.describe()
                    ),
                    Span::new(station_at, cable.station_at + cable.station.len()),
                    Rule::ref_station,
                );
            }
            let start = if n == 0 {
                seg_start.min(station_at)
            } else {
                station_at
            };
            let cited_id = known.map(|(y, s)| ReferenceId::new(y, station, s).to_string());
            out.push(Reference {
                label: label.clone(),
                text: collapse(text[start..end].trim_end_matches([',', ';', ' '])),
                kind: ReferenceKind::Cable,
                notal,
                year: year.and_then(|y| u16::try_from(y).ok()),
                station: Some(station.to_string()),
                serial: serial_n,
                cited_id,
                in_release: known.map(|_| in_release),
                span: Span::new(start, end),
            });
        }
    }
}

/// The known stations a cable piece may name, best first, each with where it starts,
/// whether the release holds that cable, and how it was guessed: the runs of its last
/// words that name a station (`SEE STATE 1234` cites `STATE 1234`), longest first, but
/// one whose cable the release holds before one whose cable it does not (`IRAN RPO DUBAI
/// 50` of 2009 is `09RPODUBAI50`: the station was `IRANRPODUBAI` until 2008). When no run
/// names a station, the first guess (by the order of
/// [`guess_station`](crate::stations::guess_station), then longest first) stands alone.
fn resolve_station(
    cable: &CablePiece<'_>,
    id: Option<(u32, u32)>,
    own: Option<&str>,
) -> Vec<(usize, &'static str, bool, Option<Guess>)> {
    let words: Vec<&str> = cable.station.split_whitespace().collect();
    let word_starts: Vec<usize> = cable
        .station
        .char_indices()
        .filter(|&(i, c)| {
            !c.is_whitespace() && (i == 0 || cable.station[..i].ends_with(char::is_whitespace))
        })
        .map(|(i, _)| i)
        .collect();
    let at = |from: usize| cable.station_at + word_starts.get(from).copied().unwrap_or(0);
    let held = |station: &str| id.is_some_and(|(y, s)| crate::release::contains(station, y, s));
    let named = |words: &[&str]| -> Vec<(usize, &'static str, bool, Option<Guess>)> {
        crate::stations::stations_ending(words)
            .into_iter()
            .map(|(from, station)| (at(from), station, held(station), None))
            .collect()
    };
    let mut candidates = named(&words);
    // `MADRID SP 0307`: the two-letter code of the post's country typed after the station.
    if let [station @ .., code] = &words[..] {
        if candidates.is_empty() && !station.is_empty() && code.len() == 2 {
            candidates = named(station);
        }
    }
    if candidates.is_empty() {
        let guesses = (0..words.len()).filter_map(|from| {
            let squeezed = crate::stations::squeeze(&words[from..].concat());
            crate::stations::guess_station(&squeezed, own).map(|(s, how)| (from, s, how))
        });
        if let Some((from, station, how)) = guesses.min_by_key(|&(from, _, how)| (how, from)) {
            candidates.push((at(from), station, held(station), Some(how)));
        }
    }
    // Stable: among those the release holds (or not), the longest stays first.
    candidates.sort_by_key(|c| !c.2);
    candidates
}

/// The kind of document the first kind word of `pieces` names (`email`, `telcon`, ...).
fn kind_in(pieces: &[(Piece<'_>, usize, usize)]) -> Option<ReferenceKind> {
    pieces.iter().find_map(|p| match p.0 {
        Piece::Kind(kind) => Some(kind),
        _ => None,
    })
}

/// `REF: TEGUCIGALPA`: a segment of words that together name a station, and nothing else,
/// cites a cable of that post whose serial it does not give.
fn station_alone(
    segment: &[(Piece<'_>, usize, usize)],
    label: Option<String>,
    ctx: &Ctx<'_>,
) -> Option<Reference> {
    if !segment.iter().all(|p| matches!(p.0, Piece::Word)) {
        return None;
    }
    let (start, end) = (segment[0].1, segment[segment.len() - 1].2);
    let text = collapse(&ctx.text[start..end]);
    let words: Vec<&str> = text.split_whitespace().collect();
    let (_, station) = crate::stations::stations_ending(&words)
        .into_iter()
        .find(|&(from, _)| from == 0)?;
    let year = ctx.years.year().map(full_year);
    Some(Reference {
        label,
        text,
        kind: ReferenceKind::Cable,
        notal: false,
        year: year.and_then(|y| u16::try_from(y).ok()),
        station: Some(station.to_string()),
        serial: None,
        cited_id: None,
        in_release: None,
        span: Span::new(start, end),
    })
}

/// The year a cable piece writes before its station: `07`, `2007`, `'07`, `(07)`, and
/// `O7` typed with a letter O.
fn written_year(written: &str) -> Option<u32> {
    let digits: String = written
        .chars()
        .filter_map(|c| match c {
            'O' => Some('0'),
            c if c.is_ascii_digit() => Some(c),
            _ => None,
        })
        .collect();
    digits.parse().ok()
}

/// A reference that is no cable.
fn other(
    label: Option<String>,
    kind: ReferenceKind,
    text: String,
    start: usize,
    end: usize,
) -> Reference {
    Reference {
        label,
        text,
        kind,
        notal: false,
        year: None,
        station: None,
        serial: None,
        cited_id: None,
        in_release: None,
        span: Span::new(start, end),
    }
}

#[cfg(test)]
mod tests;
