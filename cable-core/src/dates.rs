//! Dates, parsed and validated with `jiff`: the metadata date line, the header's
//! date-time group and the declassification date. The tree holds them as RFC 3339 and
//! ISO 8601 text.

use jiff::civil::{Date, DateTime};

/// English month abbreviations, as date-time groups and dates write them.
const MONTHS: [&str; 12] = [
    "JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC",
];

/// Month number (1-12) from an English name or abbreviation, any case (`Jul`, `JUNE`).
pub(crate) fn month_number(name: &str) -> Option<i8> {
    let upper = name.get(..3)?.to_ascii_uppercase();
    let at = MONTHS.iter().position(|m| *m == upper)?;
    i8::try_from(at + 1).ok()
}

/// A two-digit year as a full one: 66-99 are 19xx (the archive starts in 1966), the rest
/// 20xx; four-digit years pass through.
fn cable_year(year: u32) -> i16 {
    i16::try_from(crate::text::full_year(year)).unwrap_or(i16::MAX)
}

/// A checked date and time with an offset (`Z` or `+hh:mm`), as RFC 3339. Written by hand,
/// not with jiff's printers: the same text for the years a cable can have (0 to 9999), and
/// 15 KB less WebAssembly.
fn rfc3339(date: DateTime, offset: &str) -> String {
    format!(
        "{}T{:02}:{:02}:{:02}{offset}",
        iso_date(date.date()),
        date.hour(),
        date.minute(),
        date.second()
    )
}

/// A checked date as ISO 8601 (`2019-07-09`).
fn iso_date(date: Date) -> String {
    format!("{:04}-{:02}-{:02}", date.year(), date.month(), date.day())
}

fn num<T: std::str::FromStr>(s: &str) -> Option<T> {
    if s.is_empty() || s.len() > 4 || !s.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    s.parse().ok()
}

/// `hh:mm` or `hh:mm:ss`.
fn clock(s: &str) -> Option<(i8, i8, i8)> {
    let mut parts = s.split(':');
    let h = num(parts.next()?)?;
    let m = num(parts.next()?)?;
    let sec = parts.next().map_or(Some(0), num)?;
    parts.next().is_none().then_some((h, m, sec))
}

fn datetime(y: i16, mo: i8, d: i8, (h, mi, s): (i8, i8, i8)) -> Option<DateTime> {
    DateTime::new(y, mo, d, h, mi, s, 0).ok()
}

/// Reads the date of a metadata line or cell, in any of the containers' formats:
/// `Thu Jul 09 00:00:00 +0200 2009` (text export), `2007-09-11 09:09` (page),
/// `12/28/1966 18:48` (CSV). The offset is kept as the container gives it.
pub(crate) fn metadata_date(s: &str) -> Option<String> {
    let words: Vec<&str> = s.split_whitespace().collect();
    match words.as_slice() {
        [_weekday, month, day, time, zone, year] => {
            let zone = zone.as_bytes();
            let signed = zone.len() == 5 && (zone[0] == b'+' || zone[0] == b'-');
            if !signed || !zone[1..].iter().all(u8::is_ascii_digit) {
                return None;
            }
            let (hh, mm) = (&zone[1..3], &zone[3..5]);
            let offset = format!(
                "{}{}:{}",
                zone[0] as char,
                String::from_utf8_lossy(hh),
                String::from_utf8_lossy(mm)
            );
            let date = datetime(num(year)?, month_number(month)?, num(day)?, clock(time)?)?;
            Some(rfc3339(date, &offset))
        }
        [date, time] => {
            let (y, mo, d) = if let [y, mo, d] = date.split('-').collect::<Vec<_>>().as_slice() {
                (num(y)?, num(mo)?, num(d)?)
            } else if let [mo, d, y] = date.split('/').collect::<Vec<_>>().as_slice() {
                (num(y)?, num(mo)?, num(d)?)
            } else {
                return None;
            };
            Some(rfc3339(datetime(y, mo, d, clock(time)?)?, "+00:00"))
        }
        _ => None,
    }
}

/// A date-time group (`091056Z JUL 09`: day, hour, minute, month, year) as a UTC
/// timestamp; two-digit years as [`cable_year`] reads them.
pub(crate) fn dtg_timestamp(day: i8, hour: i8, minute: i8, month: i8, year: u32) -> Option<String> {
    let date = datetime(cable_year(year), month, day, (hour, minute, 0))?;
    Some(rfc3339(date, "Z"))
}

/// A declassification date, ISO 8601 (`2019-07-09`), from its day, month and year as the
/// grammar found them. A two-digit year is the one nearest the cable's year (`07` is 2007
/// in a 2008 cable, `85` is 1985 in a 1979 one; the later of two as near), 20xx when the
/// cable's year is not known.
pub(crate) fn declassify_date(
    day: u32,
    month: u32,
    year: u32,
    cable_year: Option<u32>,
) -> Option<String> {
    let year = match (year, cable_year) {
        (y, Some(from)) if y < 100 => {
            let same_century = from / 100 * 100 + y;
            [
                same_century.saturating_sub(100),
                same_century,
                same_century + 100,
            ]
            .into_iter()
            .min_by_key(|&candidate| (candidate.abs_diff(from), std::cmp::Reverse(candidate)))
            .unwrap_or(same_century)
        }
        (y, None) if y < 100 => 2000 + y,
        (y, _) => y,
    };
    let date = Date::new(
        i16::try_from(year).ok()?,
        i8::try_from(month).ok()?,
        i8::try_from(day).ok()?,
    )
    .ok()?;
    Some(iso_date(date))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn metadata_dates_in_every_format() {
        assert_eq!(
            metadata_date("Thu Jul 09 00:00:00 +0200 2009").unwrap(),
            "2009-07-09T00:00:00+02:00"
        );
        assert_eq!(
            metadata_date("Tue Feb 19 00:00:00 +0100 1985").unwrap(),
            "1985-02-19T00:00:00+01:00"
        );
        assert_eq!(
            metadata_date("2007-09-11 09:09").unwrap(),
            "2007-09-11T09:09:00+00:00"
        );
        assert_eq!(
            metadata_date("12/28/1966 18:48").unwrap(),
            "1966-12-28T18:48:00+00:00"
        );
        assert_eq!(metadata_date("Thu Feb 30 00:00:00 +0200 2009"), None);
        assert_eq!(metadata_date("yesterday"), None);
    }

    #[test]
    fn date_time_groups() {
        assert_eq!(
            dtg_timestamp(9, 10, 56, 7, 9).unwrap(),
            "2009-07-09T10:56:00Z"
        );
        assert_eq!(
            dtg_timestamp(19, 12, 37, 2, 85).unwrap(),
            "1985-02-19T12:37:00Z"
        );
        assert_eq!(
            dtg_timestamp(29, 0, 0, 2, 2008).unwrap(),
            "2008-02-29T00:00:00Z"
        );
        assert_eq!(dtg_timestamp(29, 0, 0, 2, 9), None);
        assert_eq!(dtg_timestamp(32, 10, 56, 7, 9), None);
        assert_eq!(dtg_timestamp(9, 10, 76, 7, 9), None);
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

    /// The hand-written ISO dates are jiff's own, early years included.
    #[test]
    fn iso_dates_are_jiffs() {
        for (y, m, d) in [
            (2019, 7, 9),
            (1966, 12, 28),
            (999, 1, 1),
            (1, 2, 3),
            (9999, 12, 31),
        ] {
            let date = Date::new(y, m, d).unwrap();
            assert_eq!(iso_date(date), date.to_string());
            let time = date.at(7, 5, 9, 0);
            assert_eq!(
                rfc3339(time, "Z"),
                format!("{}Z", time.strftime("%Y-%m-%dT%H:%M:%S"))
            );
        }
    }
}
