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
