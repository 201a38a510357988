//! Dates: the metadata date line, the header's date-time group and the declassification
//! date, checked against the proleptic Gregorian calendar and written as RFC 3339 and
//! ISO 8601 text. The calendar is the few lines of [`civil`], not a date library: the tree
//! needs only whether a day exists and, for the Arrow tables, its distance from 1970,
//! and a library (jiff) was 7 s of the 150 s of CPU of the cold build of the `cable`
//! command. The tests check this calendar against jiff's on every day of years 1 to 9999.

use pest::iterators::Pair;

use crate::grammar::Rule;

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

/// A date and time as a date pair of the grammar gives it (`metadata_date` and its forms,
/// `record_date`, `row_date`, `date_line_of_publication`, `dtg`), read from the parts the
/// rules name: checked against the calendar and the clock, with its offset from UTC.
pub(crate) fn stamp(pair: &Pair<'_, Rule>) -> Option<Stamp> {
    let mut offset = if pair.as_rule() == Rule::dtg {
        Offset::Utc
    } else {
        Offset::Fixed {
            negative: false,
            hours: 0,
            minutes: 0,
        }
    };
    let (mut year, mut month, mut day) = (None, None, None);
    let (mut hour, mut minute, mut second) = (0, 0, 0);
    for part in pair.clone().into_inner().flatten() {
        let text = part.as_str();
        let number = || text.parse::<i32>().ok();
        match part.as_rule() {
            Rule::date_year4 | Rule::meta_year => year = number(),
            Rule::dtg_year => year = number().map(|y| i32::from(cable_year(y.unsigned_abs()))),
            Rule::date_month | Rule::meta_month | Rule::month2 => month = number(),
            Rule::export_month | Rule::date_month_name | Rule::month => {
                month = month_number(text).map(i32::from)
            }
            Rule::date_day | Rule::meta_day | Rule::day2 => day = number(),
            Rule::hour | Rule::hour2 | Rule::meta_hour => hour = number()?,
            Rule::minute2 | Rule::meta_minute => minute = number()?,
            Rule::second2 | Rule::meta_second => second = number()?,
            Rule::zone => {
                offset = Offset::Fixed {
                    negative: text.starts_with('-'),
                    hours: text.get(1..3)?.parse().ok()?,
                    minutes: text.get(3..5)?.parse().ok()?,
                }
            }
            _ => {}
        }
    }
    let small = |n: i32| i8::try_from(n).ok();
    let date = Date::new(i16::try_from(year?).ok()?, small(month?)?, small(day?)?)?;
    let at = datetime(date, (small(hour)?, small(minute)?, small(second)?))?;
    Some(Stamp { at, offset })
}

/// The date a `date_line` reads: none when the line is read as text (`rest`), or is a date
/// the calendar or the clock lacks.
pub(crate) fn of_date_line(line: &Pair<'_, Rule>) -> Option<Stamp> {
    let date = line.clone().into_inner().next()?;
    (date.as_rule() == Rule::metadata_date)
        .then(|| stamp(&date))
        .flatten()
}

/// A checked date and time with its offset: what the tree writes as RFC 3339.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Stamp {
    at: DateTime,
    offset: Offset,
}

/// An offset from UTC: `Z` (a date-time group), or as a container writes it (`+0200`;
/// `+00:00` for the containers that give none). Not checked, as it never was: `+9999`
/// is written `+99:99`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Offset {
    Utc,
    Fixed {
        negative: bool,
        hours: u8,
        minutes: u8,
    },
}

impl Stamp {
    /// As RFC 3339: `2009-07-09T00:00:00+02:00`, `2009-07-09T10:56:00Z`.
    pub(crate) fn rfc3339(self) -> String {
        let DateTime {
            date,
            hour,
            minute,
            second,
        } = self.at;
        let clock = format!("{}T{hour:02}:{minute:02}:{second:02}", iso_date(date));
        match self.offset {
            Offset::Utc => format!("{clock}Z"),
            Offset::Fixed {
                negative,
                hours,
                minutes,
            } => {
                let sign = if negative { '-' } else { '+' };
                format!("{clock}{sign}{hours:02}:{minutes:02}")
            }
        }
    }
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

/// A day at a time of day, if the clock has it.
fn datetime(date: Date, (h, mi, s): (i8, i8, i8)) -> Option<DateTime> {
    let clock = (0..24).contains(&h) && (0..60).contains(&mi) && (0..60).contains(&s);
    clock.then_some(DateTime {
        date,
        hour: h,
        minute: mi,
        second: s,
    })
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
mod tests;
