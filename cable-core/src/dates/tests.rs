//! The calendar against jiff's on every day of years 1 to 9999, and each date form the
//! grammar reads, against the hand parser it replaced.

use super::*;

use pest::Parser;

use crate::grammar::CableParser;

/// The date a whole `text` gives as `rule`, as RFC 3339; for `date_line`, its
/// `metadata_date` (none when the line is read as text).
fn read(rule: Rule, text: &str) -> Option<String> {
    let pair = CableParser::parse(rule, text).ok()?.next()?;
    assert_eq!(
        pair.as_span().end(),
        text.len(),
        "{text:?} is not read whole"
    );
    let date = if rule == Rule::date_line {
        of_date_line(&pair)
    } else {
        stamp(&pair)
    };
    date.map(Stamp::rfc3339)
}

fn metadata(text: &str) -> Option<String> {
    read(Rule::date_line, text)
}

#[test]
fn metadata_dates_in_every_format() {
    for (text, date) in [
        (
            "Thu Jul 09 00:00:00 +0200 2009",
            "2009-07-09T00:00:00+02:00",
        ),
        (
            "Tue Feb 19 00:00:00 +0100 1985",
            "1985-02-19T00:00:00+01:00",
        ),
        (
            "Mon Jan 05 13:04:59 -0530 1970",
            "1970-01-05T13:04:59-05:30",
        ),
        ("2007-09-11 09:09", "2007-09-11T09:09:00+00:00"),
        ("2007-09-11 09:09:30", "2007-09-11T09:09:30+00:00"),
        ("12/28/1966 18:48", "1966-12-28T18:48:00+00:00"),
        ("2/8/1966 8:48", "1966-02-08T08:48:00+00:00"),
        // As `split_whitespace` read it: runs of any space, the ends trimmed, a
        // weekday not read, a month by its first three letters, 1 to 4 digits.
        (
            "  Thu\tjuly  9 0:0:0\u{a0}+0200 2009 \u{3000}",
            "2009-07-09T00:00:00+02:00",
        ),
        (
            "Xyz JUL 0009 0000:0000 +0200 9",
            "0009-07-09T00:00:00+02:00",
        ),
        ("2007-9-1\u{85}9:9\u{2028}", "2007-09-01T09:09:00+00:00"),
        (
            "Thu Jul 09 00:00:00 +9999 2009",
            "2009-07-09T00:00:00+99:99",
        ),
    ] {
        assert_eq!(metadata(text).as_deref(), Some(date), "{text:?}");
    }
}

#[test]
fn invalid_metadata_dates_are_none() {
    for text in [
        "Thu Feb 30 00:00:00 +0200 2009",
        "Thu Jul 09 24:00:00 +0200 2009",
        "Thu Jul 09 00:60:00 +0200 2009",
        "Thu Jul 09 00:00:60 +0200 2009",
        "Thu Jux 09 00:00:00 +0200 2009",
        "Thu Jul 09 00:00:00 0200 2009",
        "Thu Jul 09 00:00:00 +02000 2009",
        "Thu Jul 09 00:00:00 +0200 20090",
        "Thu Jul 09 00:00:00 +0200 2009 Z",
        "Jul 09 00:00:00 +0200 2009",
        "2007-13-11 09:09",
        "2007-02-29 09:09",
        "2008-02-29 09:09:00:00",
        "2007-09-11",
        "2007-09-11T09:09",
        "2007-09/11 09:09",
        "12/28/1966 18:48 \\",
        "13/28/1966 18:48",
        "12/28/1966 0128:00",
        "\u{feff}2007-09-11 09:09",
        "yesterday",
        "",
    ] {
        assert_eq!(metadata(text), None, "{text:?}");
    }
    assert_eq!(
        metadata("2008-02-29 09:09").as_deref(),
        Some("2008-02-29T09:09:00+00:00")
    );
}

/// The hand parser the grammar replaced, kept to show that the grammar reads the
/// same lines the same way.
fn hand_parser(s: &str) -> Option<String> {
    let clock = |s: &str| -> Option<(i8, i8, i8)> {
        let mut parts = s.split(':');
        let h = num(parts.next()?)?;
        let m = num(parts.next()?)?;
        let sec = parts.next().map_or(Some(0), num)?;
        parts.next().is_none().then_some((h, m, sec))
    };
    let at = |y, mo, d, c| datetime(Date::new(y, mo, d)?, c);
    let fixed = |negative, hours, minutes| Offset::Fixed {
        negative,
        hours,
        minutes,
    };
    let words: Vec<&str> = s.split_whitespace().collect();
    let (at, offset) = match words.as_slice() {
        [_weekday, month, day, time, zone, year] => {
            let z = zone.as_bytes();
            let signed = z.len() == 5 && (z[0] == b'+' || z[0] == b'-');
            if !signed || !z[1..].iter().all(u8::is_ascii_digit) {
                return None;
            }
            let offset = fixed(
                z[0] == b'-',
                zone[1..3].parse().ok()?,
                zone[3..].parse().ok()?,
            );
            (
                at(num(year)?, month_number(month)?, num(day)?, clock(time)?)?,
                offset,
            )
        }
        [date, time] => {
            let (y, mo, d) = if let [y, mo, d] = date.split('-').collect::<Vec<_>>()[..] {
                (num(y)?, num(mo)?, num(d)?)
            } else if let [mo, d, y] = date.split('/').collect::<Vec<_>>()[..] {
                (num(y)?, num(mo)?, num(d)?)
            } else {
                return None;
            };
            (at(y, mo, d, clock(time)?)?, fixed(false, 0, 0))
        }
        _ => return None,
    };
    Some(Stamp { at, offset }.rfc3339())
}

/// Lines built from the words and spaces of the three forms and their near misses,
/// read by the grammar and by the hand parser: the same dates, the same failures.
#[test]
fn the_grammar_reads_metadata_lines_as_the_hand_parser_did() {
    let words = [
        "Thu",
        "Jul",
        "july",
        "JUNE",
        "Jux",
        "ju",
        "09",
        "9",
        "0009",
        "00009",
        "31",
        "30",
        "00:00:00",
        "23:59",
        "1:2:3",
        "24:00",
        "0:60",
        "1:2:3:4",
        "1:",
        "+0200",
        "-0530",
        "+02:00",
        "+020",
        "2009",
        "1985",
        "9",
        "2007-09-11",
        "2007-9-1",
        "2008-02-29",
        "2007-02-29",
        "2007-09",
        "12/28/1966",
        "2/8/1966",
        "13/1/2000",
        "1/2/3/4",
        "\u{feff}",
        "Z",
        "\\",
        "-",
        "/",
        ":",
        "\u{e9}t\u{e9}",
    ];
    let spaces = [
        " ", "  ", "\t", "\u{a0}", "\u{85}", "\u{2028}", "\u{3000}", "\u{b}", "\u{feff}", "",
    ];
    // A small linear congruential generator: the same lines on every run.
    let mut state = 0x2545_f491_4f6c_dd1d_u64;
    let mut next = |n: usize| {
        state = state
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        (state >> 33) as usize % n
    };
    let (mut agreed, mut dates) = (0, 0);
    let templates: [&[usize]; 3] = [&[0, 1, 6, 12, 19, 24], &[26, 13], &[31, 13]];
    for round in 0..60_000 {
        let mut line = String::new();
        if round % 3 == 0 {
            // A valid form with one word or space changed.
            let template = templates[next(3)];
            let change = next(template.len() * 2);
            for (i, &w) in template.iter().enumerate() {
                if i > 0 {
                    line.push_str(if change == 2 * i + 1 {
                        spaces[next(spaces.len())]
                    } else {
                        " "
                    });
                }
                line.push_str(if change == 2 * i {
                    words[next(words.len())]
                } else {
                    words[w]
                });
            }
        } else {
            for _ in 0..[2, 6, next(8)][next(3)] {
                line.push_str(spaces[next(spaces.len())]);
                line.push_str(words[next(words.len())]);
            }
            line.push_str(spaces[next(spaces.len())]);
        }
        let expected = hand_parser(&line);
        assert_eq!(metadata(&line), expected, "{line:?}");
        agreed += 1;
        dates += usize::from(expected.is_some());
    }
    assert_eq!(agreed, 60_000);
    assert!(dates > 5_000, "{dates} dates");
}

#[test]
fn dates_of_the_record_forms() {
    for (rule, text, date) in [
        (Rule::record_date, "2010-01-12", "2010-01-12T00:00:00+00:00"),
        (
            Rule::record_date,
            "2010-01-12 10:11",
            "2010-01-12T10:11:00+00:00",
        ),
        (
            Rule::record_date,
            "2010-01-12 10:11:12",
            "2010-01-12T10:11:12+00:00",
        ),
        (
            Rule::row_date,
            "2/19/2008 6:18",
            "2008-02-19T06:18:00+00:00",
        ),
        (
            Rule::row_date,
            "12/31/1999 23:59",
            "1999-12-31T23:59:00+00:00",
        ),
        (
            Rule::date_line_of_publication,
            "Thursday, 31 January 2008, 19:52\n",
            "2008-01-31T19:52:00+00:00",
        ),
        (
            Rule::date_line_of_publication,
            "Friday, 1 Feb. 2008\n",
            "2008-02-01T00:00:00+00:00",
        ),
    ] {
        assert_eq!(read(rule, text).as_deref(), Some(date), "{text:?}");
    }
    for (rule, text) in [
        (Rule::record_date, "2010-02-30"),
        (Rule::record_date, "2010-01-12 24:00"),
        (Rule::record_date, "2010-01-12 10:11:60"),
        (Rule::row_date, "13/19/2008 6:18"),
        (Rule::row_date, "2/19/2008 6:61"),
        (
            Rule::date_line_of_publication,
            "Sunday, 31 April 2008, 19:52\n",
        ),
    ] {
        assert_eq!(read(rule, text), None, "{text:?}");
    }
}

#[test]
fn date_time_groups() {
    for (text, date) in [
        ("091056Z JUL 09", Some("2009-07-09T10:56:00Z")),
        ("191237Z FEB 85", Some("1985-02-19T12:37:00Z")),
        ("290000Z feb 2008", Some("2008-02-29T00:00:00Z")),
        ("290000Z FEB 09", None),
        ("321056Z JUL 09", None),
        ("091076Z JUL 09", None),
        ("092456Z JUL 09", None),
    ] {
        assert_eq!(read(Rule::dtg, text).as_deref(), date, "{text:?}");
    }
}

const BODY: &str = "\nUNCLAS ASTANA 001145\n\nSUBJECT: ROADS\n\n1. (U) TEXT.\n";

/// A metadata line that is no date still gives a tree: the other lines are read, the
/// date is empty, and a `bad-date` warning points at the line.
#[test]
fn an_unreadable_metadata_date_is_reported_not_fatal() {
    let line = "Thu Feb 30 00:00:00 +0200 2009";
    let text = format!("09ASTANA1145\nROADS\n{line}\nUNCLASSIFIED\nEmbassy Astana\n{BODY}");
    let export = crate::Options::new().container(crate::ast::Container::TextExport);
    let cable = crate::parse_with(&text, &export).expect("a tree");
    let metadata = cable.metadata.expect("metadata");
    assert_eq!(metadata.reference_id, "09ASTANA1145");
    assert_eq!(metadata.classification, "UNCLASSIFIED");
    assert_eq!(metadata.origin, "Embassy Astana");
    assert_eq!(metadata.date, None);
    assert!(cable.body.is_some());
    let warning = cable.diagnostics.iter().find(|d| d.code == "bad-date");
    let warning = warning.expect("a bad-date warning");
    assert_eq!(warning.severity, crate::ast::Severity::Warning);
    assert_eq!(&text[warning.span.start..warning.span.end], line);
    assert!(warning.message.contains(line), "{}", warning.message);

    let good = text.replace(line, "Thu Jul 09 00:00:00 +0200 2009");
    let cable = crate::parse_with(&good, &export).expect("a tree");
    let date = cable.metadata.and_then(|m| m.date);
    assert_eq!(date.as_deref(), Some("2009-07-09T00:00:00+02:00"));
    assert!(cable.diagnostics.iter().all(|d| d.code != "bad-date"));
}

/// The dates before the banner: a `DATE` field, `Cable dated:`, a publication's line.
#[test]
fn dates_before_the_banner() {
    let record = |date: &str| {
        let text = format!("ORIGIN: 10BERLIN180\nDATE: {date}\n{BODY}");
        crate::parse(&text).metadata.and_then(|m| m.date)
    };
    let date = Some("2010-02-12T17:09:00+00:00");
    assert_eq!(record("2010-02-12 17:09:00").as_deref(), date);
    assert_eq!(record("2010-02-12  17:09 ").as_deref(), date);
    assert_eq!(
        record("12/2/2010 17:09").as_deref(),
        Some("2010-12-02T17:09:00+00:00")
    );
    assert_eq!(record("XXXXXXXXXXXX"), None);
    assert_eq!(record("2010-02-30 17:09:00"), None);

    let sent = |line: &str| crate::parse(&format!("{line}\n{BODY}")).sent;
    assert_eq!(
        sent("Thursday, 31 January 2008, 19:52").as_deref(),
        Some("2008-01-31T19:52:00+00:00")
    );
    assert_eq!(
        sent("Cable dated:2005-11-16 09:53").as_deref(),
        Some("2005-11-16T09:53:00+00:00")
    );
    // The pages write a `T` before the time; a day without its time gives no date.
    assert_eq!(
        sent("Cable dated:2005-11-16T09:53:00").as_deref(),
        Some("2005-11-16T09:53:00+00:00")
    );
    assert_eq!(sent("Cable dated:2005-11-16"), None);
}

#[test]
fn a_text_export_is_detected_by_its_date_line() {
    use crate::ast::Container;
    for (line, container) in [
        ("Thu Jul 09 00:00:00 +0200 2009", Container::TextExport),
        ("  2007-09-11\t09:09  ", Container::TextExport),
        ("12/28/1966 18:48", Container::TextExport),
        ("Thu Jul 09 00:00:00 +0200 2009 \\", Container::BareText),
        ("Thu Jul 32 00:00:00 +0200 2009", Container::BareText),
        ("yesterday", Container::BareText),
    ] {
        let text = format!("09ASTANA1145\nROADS\n{line}\nUNCLASSIFIED\nEmbassy Astana\n");
        assert_eq!(crate::detect(&text), container, "{line:?}");
    }
}

#[test]
fn declassification_dates() {
    assert_eq!(
        declassify_date(9, 7, 2019, Some(2009)).unwrap(),
        "2019-07-09"
    );
    assert_eq!(declassify_date(22, 11, 12, None).unwrap(), "2012-11-22");
    assert_eq!(
        declassify_date(12, 8, 85, Some(1979)).unwrap(),
        "1985-08-12"
    );
    assert_eq!(declassify_date(17, 9, 6, Some(2006)).unwrap(), "2006-09-17");
    // A year just past, as when a cable of 2008 declassifies a line of 2007.
    assert_eq!(declassify_date(15, 4, 7, Some(2008)).unwrap(), "2007-04-15");
    assert_eq!(declassify_date(14, 7, 6, Some(1996)).unwrap(), "2006-07-14");
    assert_eq!(declassify_date(1, 1, 99, Some(2001)).unwrap(), "1999-01-01");
    // As near either way: the later, since declassification lies ahead.
    assert_eq!(declassify_date(1, 1, 0, Some(1950)).unwrap(), "2000-01-01");
    assert_eq!(declassify_date(31, 2, 2019, None), None);
}

/// The calendar is jiff's (a dev-dependency), on every day of years 1 to 9999 and on
/// every day number that is no day: the days that exist and their ISO text. Their
/// distances from 1970 go up by one from each day to the next, and are jiff's at a few.
#[test]
fn the_calendar_is_jiffs() {
    let mut days = 0;
    let mut previous = None;
    for year in 1..=9999i16 {
        for month in 1..=12i8 {
            for day in 0..=32i8 {
                let ours = Date::new(year, month, day);
                let theirs = jiff::civil::Date::new(year, month, day).ok();
                assert_eq!(ours.is_some(), theirs.is_some(), "{year}-{month}-{day}");
                let (Some(ours), Some(theirs)) = (ours, theirs) else {
                    continue;
                };
                days += 1;
                let text = iso_date(ours);
                assert_eq!(text, theirs.to_string());
                assert_eq!(Date::parse_iso(&text), Some(ours));
                let since = ours.days_since_epoch();
                assert!(previous.is_none_or(|p: i32| since == p + 1), "{text}");
                previous = Some(since);
            }
        }
    }
    assert_eq!(days, 3_652_059);
    let epoch = jiff::civil::date(1970, 1, 1);
    for (y, m, d) in [
        (1, 1, 1),
        (1600, 2, 29),
        (1969, 12, 31),
        (1970, 1, 1),
        (2019, 7, 9),
        (9999, 12, 31),
    ] {
        let theirs = epoch.until(jiff::civil::date(y, m, d)).unwrap().get_days();
        assert_eq!(Date::new(y, m, d).unwrap().days_since_epoch(), theirs);
    }
    for year in [-9999, -1, 0, 9999] {
        assert!(Date::new(year, 1, 1).is_some());
    }
    assert_eq!(Date::new(10_000, 1, 1), None);
    assert_eq!(Date::new(-10_000, 1, 1), None);
    assert_eq!(Date::new(2009, 13, 1), None);
    assert_eq!(Date::new(2009, 0, 1), None);
}

/// Times of day are jiff's too, the edges included.
#[test]
fn times_of_day_are_jiffs() {
    for (h, m, s) in [
        (0, 0, 0),
        (23, 59, 59),
        (24, 0, 0),
        (7, 60, 0),
        (7, 5, 60),
        (-1, 0, 0),
    ] {
        let ours = datetime(Date::new(2009, 7, 9).unwrap(), (h, m, s));
        let theirs = jiff::civil::DateTime::new(2009, 7, 9, h, m, s, 0).ok();
        assert_eq!(ours.is_some(), theirs.is_some(), "{h}:{m}:{s}");
        if let (Some(ours), Some(theirs)) = (ours, theirs) {
            assert_eq!(
                Stamp {
                    at: ours,
                    offset: Offset::Utc
                }
                .rfc3339(),
                format!("{}Z", theirs.strftime("%Y-%m-%dT%H:%M:%S"))
            );
        }
    }
}

#[test]
fn iso_days_are_read_exactly() {
    for no in [
        "",
        "2019-02-30",
        "07/09/2019",
        "2019-07-09T00:00:00Z",
        "2019-7-09",
        "+019-07-09",
    ] {
        assert_eq!(Date::parse_iso(no), None, "{no}");
    }
}
