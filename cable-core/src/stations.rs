//! Stations: the posts that send cables, as the Cablegate release names them in its
//! reference ids (`ASTANA`, `USUNNEWYORK`, `STATE`, `UNVIEVIENNA`).
//!
//! The list (`data/stations.txt`, 280 names, 4 KB) is derived from the release's ids by
//! `data/make_stations.py` and compiled in: every build, the wasm one included, knows it.
//!
//! ```
//! use cable_core::stations::canonical_station;
//! assert_eq!(canonical_station("Sao Paulo"), Some("SAOPAULO"));
//! assert_eq!(canonical_station("USUN NEW YORK"), Some("USUNNEWYORK"));
//! assert_eq!(canonical_station("UNVIE"), Some("UNVIEVIENNA"));
//! assert_eq!(canonical_station("SECSTATE"), Some("STATE"));
//! assert_eq!(canonical_station("AMEMBASSY PARIS"), Some("PARIS"));
//! assert_eq!(canonical_station("INCSR"), None);
//! ```

use std::sync::OnceLock;

/// The station list, one `NAME COUNT` per line after two comment lines.
const STATIONS: &str = include_str!("../data/stations.txt");

/// True aliases: names a cable writes for a station the release spells otherwise.
const ALIASES: [(&str, &str); 8] = [
    ("SECSTATE", "STATE"),
    ("USUN", "USUNNEWYORK"),
    ("USUNNY", "USUNNEWYORK"),
    ("UNVIE", "UNVIEVIENNA"),
    ("USEU", "USEUBRUSSELS"),
    ("RIO", "RIODEJANEIRO"),
    ("HOCHIMINH", "HOCHIMINHCITY"),
    ("AIT", "AITTAIPEI"),
];

/// Names a cable types for a station that are no spelling of the release's, and so a
/// guess: a city's full name where the release uses a short one, another spelling, a
/// post's short forms, and the White House, which sends cables but has none in the
/// release (its ids are then never `in_release`).
const GUESSES: [(&str, &str); 10] = [
    ("GUATEMALACITY", "GUATEMALA"),
    ("KUWAITCITY", "KUWAIT"),
    ("MEXICOCITY", "MEXICO"),
    ("PANAMACITY", "PANAMA"),
    ("HILLA", "HILLAH"),
    ("DAR", "DARESSALAAM"),
    ("KL", "KUALALUMPUR"),
    ("ADDIS", "ADDISABABA"),
    ("HCMC", "HOCHIMINHCITY"),
    ("WHITEHOUSE", "WHITEHOUSE"),
];

/// The shortest station a name one edit away may be taken for: shorter names are too
/// close to each other (and to words) for one letter to tell.
const EDIT_MIN_LEN: usize = 6;

/// How a station that a cable typed by hand was read (see [`guess_station`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Guess {
    /// A digit typed for the letter it looks like: `0SLO`.
    LookAlike,
    /// A name of the guess table: `GUATEMALA CITY`, `HILLA`, `DAR`, `KL`.
    Alias,
    /// One letter off a station (or an alias) long enough to be told apart:
    /// `ISLAMBAD`, `KATHMANDOU`, `SECSTSTE`.
    OneEdit,
    /// A short form of the citing cable's own station: `CASA` in a cable of CASABLANCA.
    OwnShortForm,
}

impl Guess {
    /// What was guessed, for a diagnostic.
    pub(crate) fn describe(self) -> &'static str {
        match self {
            Guess::LookAlike => "a digit typed for a letter",
            Guess::Alias => "another name of the station",
            Guess::OneEdit => "one letter off",
            Guess::OwnShortForm => "a short form of the cable's own station",
        }
    }
}

/// Words that name the kind of post before its place: `AMEMBASSY PARIS` is `PARIS`.
const POST_WORDS: [&str; 8] = [
    "AMEMBASSY",
    "EMBASSY",
    "AMCONSUL",
    "CONSULATE",
    "CONGEN",
    "AMCONGEN",
    "USMISSION",
    "MISSION",
];

/// The names of the list, sorted.
fn names() -> &'static [&'static str] {
    static NAMES: OnceLock<Vec<&'static str>> = OnceLock::new();
    NAMES.get_or_init(|| {
        let mut names: Vec<&str> = STATIONS
            .lines()
            .filter(|l| !l.starts_with('#'))
            .filter_map(|l| l.split_whitespace().next())
            .collect();
        names.sort_unstable();
        names
    })
}

/// Every station of the release, as its ids spell them, in alphabetical order.
///
/// ```
/// assert!(cable_core::stations::stations().contains(&"ASTANA"));
/// ```
pub fn stations() -> &'static [&'static str] {
    names()
}

/// A name squeezed the way the release's ids write it: upper case, without spaces,
/// hyphens, apostrophes or dots (`Port-of-Spain` -> `PORTOFSPAIN`).
///
/// ```
/// assert_eq!(cable_core::stations::squeeze("N'Djamena"), "NDJAMENA");
/// ```
pub fn squeeze(name: &str) -> String {
    name.chars()
        .filter(char::is_ascii_alphanumeric)
        .map(|c| c.to_ascii_uppercase())
        .collect()
}

/// The release's name of the station a cable writes as `name`, or `None` when the release
/// knows no such station. Aliases (`UNVIE`, `SECSTATE`, `RIO`, `USUN`) and a post word
/// before the place (`AMEMBASSY PARIS`) are understood; nothing else is guessed.
pub fn canonical_station(name: &str) -> Option<&'static str> {
    let words: Vec<&str> = name.split_whitespace().collect();
    let start = words
        .iter()
        .position(|w| !POST_WORDS.contains(&squeeze(w).as_str()))?;
    known(&squeeze(&words[start..].join(" ")))
}

/// The stations a run of words ends with, longest first: each run of last words that
/// names a known station (`SEE STATE` -> `STATE`; `IRAN RPO DUBAI` -> `IRANRPODUBAI`,
/// `RPODUBAI`, `DUBAI`), with the index of its first word.
pub(crate) fn stations_ending(words: &[&str]) -> Vec<(usize, &'static str)> {
    (0..words.len())
        .filter_map(|from| {
            let squeezed = squeeze(&words[from..].concat());
            known(&squeezed).map(|s| (from, s))
        })
        .collect()
}

/// The station a squeezed name that is no station (nor a true alias) was typed for, in
/// order: digits for look-alike letters (`0SLO`), the guess table, one edit (a letter
/// added, dropped, changed, or two swapped) off exactly one station of [`EDIT_MIN_LEN`]
/// letters or more, a short form (at least four letters that begin or end it) of `own`,
/// the citing cable's station.
pub(crate) fn guess_station(squeezed: &str, own: Option<&str>) -> Option<(&'static str, Guess)> {
    let name: String = squeezed
        .chars()
        .map(|c| match c {
            '0' => 'O',
            '1' => 'L',
            c => c,
        })
        .collect();
    if name != squeezed {
        if let Some(station) = known(&name) {
            return Some((station, Guess::LookAlike));
        }
    }
    if let Some(&(_, to)) = GUESSES.iter().find(|(alias, _)| *alias == name) {
        return Some((to, Guess::Alias));
    }
    if let Some(station) = one_edit_off(&name) {
        return Some((station, Guess::OneEdit));
    }
    let own = own.and_then(known)?;
    let short_form = name.len() >= 4
        && name.len() < own.len()
        && (own.starts_with(name.as_str()) || own.ends_with(name.as_str()));
    short_form.then_some((own, Guess::OwnShortForm))
}

/// The one station (through the aliases) that `name` is one edit away from, among those
/// long enough to be told apart; `None` when there is none or more than one.
fn one_edit_off(name: &str) -> Option<&'static str> {
    if name.len() + 1 < EDIT_MIN_LEN {
        return None;
    }
    let written = ALIASES
        .iter()
        .chain(&GUESSES)
        .map(|&(alias, to)| (alias, to));
    let spellings = names().iter().map(|&n| (n, n)).chain(written);
    let mut found: Option<&'static str> = None;
    for (spelling, station) in spellings {
        if spelling.len() >= EDIT_MIN_LEN && one_edit(name.as_bytes(), spelling.as_bytes()) {
            if found.is_some_and(|f| f != station) {
                return None;
            }
            found = Some(station);
        }
    }
    found
}

/// Whether `a` and `b` differ by exactly one edit: a byte added, dropped or changed, or
/// two neighbours swapped.
fn one_edit(a: &[u8], b: &[u8]) -> bool {
    let (short, long) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    if long.len() - short.len() > 1 || a == b {
        return false;
    }
    let head = short.iter().zip(long).take_while(|(x, y)| x == y).count();
    if short.len() == long.len() {
        let tail = |from: usize| short[from..] == long[from..];
        // One byte changed, or two neighbours swapped.
        tail(head + 1)
            || (head + 1 < short.len()
                && short[head] == long[head + 1]
                && short[head + 1] == long[head]
                && tail(head + 2))
    } else {
        short[head..] == long[head + 1..]
    }
}

/// The list's spelling of a squeezed name, through the aliases.
fn known(squeezed: &str) -> Option<&'static str> {
    let name = ALIASES
        .iter()
        .find(|(alias, _)| *alias == squeezed)
        .map_or(squeezed, |(_, to)| *to);
    let names = names();
    names.binary_search(&name).ok().map(|i| names[i])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_alias_leads_to_a_station_of_the_release() {
        for (alias, to) in ALIASES {
            assert_eq!(known(alias), Some(to), "{alias}");
        }
    }

    #[test]
    fn names_in_the_spellings_cables_use() {
        for (written, station) in [
            ("Buenos Aires", "BUENOSAIRES"),
            ("PORT-OF-SPAIN", "PORTOFSPAIN"),
            ("N'DJAMENA", "NDJAMENA"),
            ("USEU BRUSSELS", "USEUBRUSSELS"),
            ("THE HAGUE", "THEHAGUE"),
            ("Rio", "RIODEJANEIRO"),
            ("EMBASSY X ABU DHABI", "ABUDHABI"),
        ] {
            let found = canonical_station(written).or_else(|| {
                let words: Vec<&str> = written.split_whitespace().collect();
                stations_ending(&words).first().map(|s| s.1)
            });
            assert_eq!(found, Some(station), "{written}");
        }
        assert_eq!(canonical_station("MAR"), None);
        assert_eq!(canonical_station(""), None);
    }

    #[test]
    fn the_list_is_the_release_s() {
        assert!(stations().len() > 250);
        assert!(stations().windows(2).all(|w| w[0] < w[1]));
    }
}
