//! Dates: the metadata date line and the header's date-time group, as RFC 3339.

const MONTHS: [&str; 12] = [
    "JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC",
];

/// Month number (1-12) from an English abbreviation, any case.
fn month_number(name: &str) -> Option<u32> {
    let upper = name.get(..3)?.to_ascii_uppercase();
    MONTHS
        .iter()
        .position(|m| *m == upper)
        .map(|i| i as u32 + 1)
}

/// Two-digit years: 66-99 are 19xx (the archive starts in 1966), the rest 20xx.
pub(crate) fn expand_year(yy: u32) -> u32 {
    match yy {
        0..=65 => 2000 + yy,
        66..=99 => 1900 + yy,
        _ => yy,
    }
}

fn days_in_month(year: u32, month: u32) -> u32 {
    match month {
        4 | 6 | 9 | 11 => 30,
        2 if year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) => 29,
        2 => 28,
        _ => 31,
    }
}

/// Formats a checked date and time as RFC 3339 with the given offset (`Z` or `+hh:mm`).
fn rfc3339(
    year: u32,
    month: u32,
    day: u32,
    hour: u32,
    minute: u32,
    second: u32,
    offset: &str,
) -> Option<String> {
    let valid = (1..=12).contains(&month)
        && (1..=days_in_month(year, month)).contains(&day)
        && hour < 24
        && minute < 60
        && second < 61
        && (1000..=9999).contains(&year);
    valid
        .then(|| format!("{year:04}-{month:02}-{day:02}T{hour:02}:{minute:02}:{second:02}{offset}"))
}

fn num(s: &str) -> Option<u32> {
    if s.is_empty() || s.len() > 4 || !s.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    s.parse().ok()
}

/// `hh:mm` or `hh:mm:ss`.
fn clock(s: &str) -> Option<(u32, u32, u32)> {
    let mut parts = s.split(':');
    let h = num(parts.next()?)?;
    let m = num(parts.next()?)?;
    let sec = parts.next().map_or(Some(0), num)?;
    parts.next().is_none().then_some((h, m, sec))
}

/// Reads the date of a metadata line or cell, in any of the containers' formats:
/// `Thu Jul 09 00:00:00 +0200 2009` (text export), `2007-09-11 09:09` (page),
/// `12/28/1966 18:48` (CSV).
///
/// ```ignore
/// assert_eq!(metadata_date("Thu Jul 09 00:00:00 +0200 2009").unwrap(), "2009-07-09T00:00:00+02:00");
/// ```
pub(crate) fn metadata_date(s: &str) -> Option<String> {
    let words: Vec<&str> = s.split_whitespace().collect();
    match words.as_slice() {
        [_weekday, month, day, time, zone, year] => {
            let (h, m, sec) = clock(time)?;
            let zone = zone.as_bytes();
            if zone.len() != 5
                || !(zone[0] == b'+' || zone[0] == b'-')
                || !zone[1..].iter().all(u8::is_ascii_digit)
            {
                return None;
            }
            let offset = format!(
                "{}{}:{}",
                zone[0] as char,
                &s_from(zone, 1, 3),
                &s_from(zone, 3, 5)
            );
            rfc3339(
                num(year)?,
                month_number(month)?,
                num(day)?,
                h,
                m,
                sec,
                &offset,
            )
        }
        [date, time] => {
            let (h, m, sec) = clock(time)?;
            if let [y, mo, d] = date.split('-').collect::<Vec<_>>().as_slice() {
                rfc3339(num(y)?, num(mo)?, num(d)?, h, m, sec, "+00:00")
            } else if let [mo, d, y] = date.split('/').collect::<Vec<_>>().as_slice() {
                rfc3339(num(y)?, num(mo)?, num(d)?, h, m, sec, "+00:00")
            } else {
                None
            }
        }
        _ => None,
    }
}

fn s_from(b: &[u8], from: usize, to: usize) -> String {
    String::from_utf8_lossy(&b[from..to]).into_owned()
}

/// Reads a date-time group such as `091056Z JUL 09` as a UTC timestamp.
///
/// ```ignore
/// assert_eq!(dtg_timestamp("091056Z JUL 09").unwrap(), "2009-07-09T10:56:00Z");
/// ```
pub(crate) fn dtg_timestamp(dtg: &str) -> Option<String> {
    let mut words = dtg.split_whitespace();
    let group = words.next()?.strip_suffix('Z')?;
    let month = month_number(words.next()?)?;
    let year = words.next()?;
    if group.len() != 6 {
        return None;
    }
    let year = if year.len() == 2 {
        expand_year(num(year)?)
    } else {
        num(year)?
    };
    rfc3339(
        year,
        month,
        num(&group[0..2])?,
        num(&group[2..4])?,
        num(&group[4..6])?,
        0,
        "Z",
    )
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
            dtg_timestamp("091056Z JUL 09").unwrap(),
            "2009-07-09T10:56:00Z"
        );
        assert_eq!(
            dtg_timestamp("191237Z FEB 85").unwrap(),
            "1985-02-19T12:37:00Z"
        );
        assert_eq!(
            dtg_timestamp("091539Z Jan 06").unwrap(),
            "2006-01-09T15:39:00Z"
        );
        assert_eq!(dtg_timestamp("321056Z JUL 09"), None);
        assert_eq!(dtg_timestamp("091076Z JUL 09"), None);
    }
}
