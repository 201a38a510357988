//! What a reference id looks like: `09ASTANA1145`, the two-digit year, the station as the
//! release spells it, and the serial without leading zeros.
//!
//! This is the one place that reads and writes ids. The grammar finds the parts of a
//! cited cable in the shapes a text writes them (`07 TBILISI 812`, `08AMMAN0412`,
//! `09-LIMA-233`); the builders make a [`ReferenceId`] of the parts and print it.
//!
//! ```
//! use cable_core::ReferenceId;
//! let id: ReferenceId = "09ASTANA1145".parse().unwrap();
//! assert_eq!((id.year, id.station.as_str(), id.serial), (2009, "ASTANA", 1145));
//! assert_eq!(ReferenceId::new(2008, "AMMAN", 412).to_string(), "08AMMAN412");
//! ```

use std::fmt;
use std::str::FromStr;

use pest::Parser;

use crate::grammar::{CableParser, Rule};

/// A cable's reference id, in its parts.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct ReferenceId {
    /// The year, four digits (an id's `66`-`99` are 1966-1999, the rest 20xx).
    pub year: u16,
    /// The station as the release's ids spell it, e.g. `ASTANA`, `USUNNEWYORK`.
    pub station: String,
    /// The serial, e.g. `1145`.
    pub serial: u32,
}

/// Why a text is no reference id.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NotAnId;

impl fmt::Display for NotAnId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("not a reference id (two-digit year, station, serial)")
    }
}

impl std::error::Error for NotAnId {}

impl ReferenceId {
    /// The id of a cable of `station` (as the release spells it) of `year` (two or four
    /// digits), number `serial`.
    ///
    /// ```
    /// let id = cable_core::ReferenceId::new(9, "ASTANA", 1145);
    /// assert_eq!((id.year, id.to_string().as_str()), (2009, "09ASTANA1145"));
    /// ```
    pub fn new(year: u32, station: &str, serial: u32) -> Self {
        ReferenceId {
            year: u16::try_from(full_year(year)).unwrap_or(u16::MAX),
            station: station.to_string(),
            serial,
        }
    }
}

impl FromStr for ReferenceId {
    type Err = NotAnId;

    /// Two digits of year, a station (anything but a digit at either end; the release
    /// holds malformed ones such as `SECION01OF02HARARE`), then the serial's digits.
    fn from_str(s: &str) -> Result<Self, NotAnId> {
        let year = year_of(s).ok_or(NotAnId)?;
        let rest = &s[2..];
        let station = rest.trim_end_matches(|c: char| c.is_ascii_digit());
        let serial = rest[station.len()..].parse().map_err(|_| NotAnId)?;
        let alpha = |c: Option<char>| c.is_some_and(|c| c.is_ascii_alphabetic());
        if !alpha(station.chars().next()) || !alpha(station.chars().last()) {
            return Err(NotAnId);
        }
        Ok(ReferenceId::new(year, station, serial))
    }
}

impl fmt::Display for ReferenceId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:02}{}{}", self.year % 100, self.station, self.serial)
    }
}

/// Whether a text is, whole, an id as the release writes a cable's own (the grammar's
/// `reference_id`): `09ASTANA1145`, and malformed ones such as `06SECION01OF02HARARE628`
/// that no [`ReferenceId`] reads.
pub(crate) fn is_written_id(text: &str) -> bool {
    CableParser::parse(Rule::reference_id, text)
        .ok()
        .and_then(|mut pairs| pairs.next())
        .is_some_and(|id| id.as_span().end() == text.len())
}

/// The two-digit year an id starts with (`09ASTANA1145` -> 9), which names the year of a
/// cable even when the rest of its id is malformed.
pub(crate) fn year_of(id: &str) -> Option<u32> {
    let digits = id.get(..2)?;
    digits
        .bytes()
        .all(|b| b.is_ascii_digit())
        .then(|| digits.parse().ok())
        .flatten()
}

/// The four-digit year of a two-digit one: 66-99 are 19xx (the archive starts in 1966),
/// the rest 20xx. Four-digit years pass through.
pub(crate) fn full_year(year: u32) -> u32 {
    match year {
        0..=65 => 2000 + year,
        66..=99 => 1900 + year,
        _ => year,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_read_and_print_back() {
        for id in [
            "09ASTANA1145",
            "66BUENOSAIRES2481",
            "06SECION01OF02HARARE628",
        ] {
            assert_eq!(id.parse::<ReferenceId>().unwrap().to_string(), id);
        }
        let id: ReferenceId = "08AMMAN0412".parse().unwrap();
        assert_eq!(id.to_string(), "08AMMAN412");
        for not in [
            "",
            "09",
            "09ASTANA",
            "X9ASTANA1",
            "091145",
            "09ASTANA 1145",
            "091ASTANA1",
        ] {
            assert_eq!(not.parse::<ReferenceId>(), Err(NotAnId), "{not:?}");
        }
    }

    #[test]
    fn written_ids_are_the_grammars() {
        for id in [
            "09ASTANA1145",
            "06SECION01OF02HARARE628",
            "06ASTANA",
            "0901OF02RPODUBAI288",
            "7575LIBREVILLE1895",
        ] {
            assert!(is_written_id(id), "{id:?}");
        }
        for not in [
            "",
            "09",
            "0912345",
            "X9ASTANA1",
            "09ASTANA 1145",
            " 09ASTANA1",
        ] {
            assert!(!is_written_id(not), "{not:?}");
        }
    }

    #[test]
    fn years() {
        assert_eq!(full_year(9), 2009);
        assert_eq!(full_year(66), 1966);
        assert_eq!(full_year(1985), 1985);
        assert_eq!(year_of("09ASTANA1145"), Some(9));
        assert_eq!(year_of("X9ASTANA"), None);
        assert_eq!(ReferenceId::new(1985, "PARIS", 1).to_string(), "85PARIS1");
    }
}
