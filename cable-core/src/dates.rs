//! Dates: the metadata date line, the header's date-time group and the declassification
//! date, checked against the proleptic Gregorian calendar and written as RFC 3339 and
//! ISO 8601 text. The calendar is the few lines of [`civil`], not a date library: the tree
//! needs only whether a day exists and, for the Arrow tables, its distance from 1970,
//! and a library (jiff) was 7 s of the 150 s of CPU of the cold build of the `cable`
//! command. The tests check this calendar against jiff's on every day of years 1 to 9999.

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
    i16::try_from(crate::reference_id::full_year(year)).unwrap_or(i16::MAX)
}

/// A checked date and time with an offset (`Z` or `+hh:mm`), as RFC 3339.
fn rfc3339(date: DateTime, offset: &str) -> String {
    format!(
        "{}T{:02}:{:02}:{:02}{offset}",
        iso_date(date.date),
        date.hour,
        date.minute,
        date.second
    )
}

/// A checked date as ISO 8601 (`2019-07-09`).
fn iso_date(date: Date) -> String {
    format!("{:04}-{:02}-{:02}", date.year, date.month, date.day)
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
    let date = Date::new(y, mo, d)?;
    let clock = (0..24).contains(&h) && (0..60).contains(&mi) && (0..60).contains(&s);
    clock.then_some(DateTime {
        date,
        hour: h,
        minute: mi,
        second: s,
    })
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
    let year = match (year, cable_year.map(crate::reference_id::full_year)) {
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
    )?;
    Some(iso_date(date))
}

/// A day of the proleptic Gregorian calendar.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Date {
    pub(crate) year: i16,
    pub(crate) month: i8,
    pub(crate) day: i8,
}

/// A day and a time of day (no leap second, as in the archive).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct DateTime {
    date: Date,
    hour: i8,
    minute: i8,
    second: i8,
}

impl Date {
    /// The day, if the calendar has it: years -9999 to 9999 (ISO 8601 without the
    /// expanded form, and the range the tree's dates had with jiff).
    pub(crate) fn new(year: i16, month: i8, day: i8) -> Option<Date> {
        let known = (-9999..=9999).contains(&year) && (1..=12).contains(&month);
        (known && day >= 1 && day <= civil::days_in_month(year, month)).then_some(Date {
            year,
            month,
            day,
        })
    }

    /// A day as the tree writes it, `2019-07-09`, and nothing else.
    pub(crate) fn parse_iso(s: &str) -> Option<Date> {
        let b = s.as_bytes();
        if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
            return None;
        }
        Date::new(num(&s[..4])?, num(&s[5..7])?, num(&s[8..])?)
    }

    /// Days since 1970-01-01 (negative before): the Arrow tables' `Date32`.
    #[cfg(any(feature = "arrow", test))]
    pub(crate) fn days_since_epoch(self) -> i32 {
        civil::days_from_epoch(self.year, self.month, self.day)
    }
}

/// The calendar's arithmetic.
mod civil {
    /// Whether a year of the proleptic Gregorian calendar has a 29 February.
    pub(super) fn is_leap(year: i16) -> bool {
        year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
    }

    /// Days in a month (1-12) of a year.
    pub(super) fn days_in_month(year: i16, month: i8) -> i8 {
        match month {
            2 if is_leap(year) => 29,
            2 => 28,
            4 | 6 | 9 | 11 => 30,
            _ => 31,
        }
    }

    /// Days from 1970-01-01 to a valid day: H. Hinnant's `days_from_civil`, which counts
    /// in eras of 400 years (146,097 days) from 0000-03-01, so that 29 February ends a
    /// year.
    #[cfg(any(feature = "arrow", test))]
    pub(super) fn days_from_epoch(year: i16, month: i8, day: i8) -> i32 {
        let (month, day) = (i32::from(month), i32::from(day));
        let year = i32::from(year) - i32::from(month <= 2);
        let era = year.div_euclid(400);
        let year_of_era = year.rem_euclid(400);
        let day_of_year = (153 * ((month + 9) % 12) + 2) / 5 + day - 1;
        let day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
        era * 146_097 + day_of_era - 719_468
    }
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
            let ours = datetime(2009, 7, 9, (h, m, s));
            let theirs = jiff::civil::DateTime::new(2009, 7, 9, h, m, s, 0).ok();
            assert_eq!(ours.is_some(), theirs.is_some(), "{h}:{m}:{s}");
            if let (Some(ours), Some(theirs)) = (ours, theirs) {
                assert_eq!(
                    rfc3339(ours, "Z"),
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
}
