//! Resolving a REF entry's text to the id of the cable it names.

/// Words that look like a station in `WORD 123` but name no cable source.
const NOT_STATIONS: [&str; 18] = [
    "EMAIL",
    "FAX",
    "MEMO",
    "LETTER",
    "IIR",
    "TELCON",
    "PAGE",
    "SECTION",
    "PARA",
    "PARAGRAPH",
    "NOTE",
    "DIPNOTE",
    "NOTAL",
    "NO",
    "REFTEL",
    "DEMARCHE",
    "AND",
    "OF",
];

/// The cable id named by a reference's text, e.g. `ASTANA 1018` in a 2009 cable is
/// `09ASTANA1018`; `06 TBILISI 2601` is `06TBILISI2601`; `SECSTATE 74879` is `..STATE74879`.
///
/// `own_year` is the citing cable's two-digit year, used when the text gives none.
pub(crate) fn cable_id(text: &str, own_year: Option<u32>) -> Option<String> {
    let mut words = text.split_whitespace().peekable();
    let mut year = None;
    if let Some(first) = words.peek() {
        if first.len() == 2 && first.bytes().all(|b| b.is_ascii_digit()) {
            year = first.parse::<u32>().ok();
            words.next();
        } else if first.len() == 4
            && (first.starts_with("19") || first.starts_with("20"))
            && first.bytes().all(|b| b.is_ascii_digit())
        {
            year = first[2..].parse::<u32>().ok();
            words.next();
        }
    }
    let mut station = String::new();
    let mut serial = None;
    let mut station_words = 0;
    for word in words.by_ref() {
        if word.bytes().all(|b| b.is_ascii_uppercase()) && word.len() >= 2 {
            if NOT_STATIONS.contains(&word) || station_words == 3 {
                return None;
            }
            station.push_str(word);
            station_words += 1;
            continue;
        }
        // The serial, possibly followed by punctuation: `1018,` `1018.` `1018;`
        let digits_end = word.bytes().take_while(u8::is_ascii_digit).count();
        if station.is_empty() || digits_end == 0 || digits_end > 7 {
            return None;
        }
        let after = &word[digits_end..];
        if !after.is_empty() && !after.starts_with([',', '.', ';', ':', ')']) {
            return None;
        }
        serial = Some(&word[..digits_end]);
        break;
    }
    let serial = serial?;
    // A following year in parentheses overrides: `STATE 1234 (2007)` or `(07)`.
    if let Some(next) = words.next() {
        if let Some(y) = next.strip_prefix('(').and_then(|n| n.strip_suffix(')')) {
            if y.bytes().all(|b| b.is_ascii_digit()) {
                match y.len() {
                    2 => year = y.parse().ok(),
                    4 => year = y[2..].parse().ok(),
                    _ => {}
                }
            }
        } else if next.bytes().next().is_some_and(|b| b.is_ascii_digit()) {
            // `IIR 6 876 ...`: more numbers follow, so this is no cable reference.
            return None;
        }
    }
    let year = year.or(own_year)?;
    if station == "SECSTATE" {
        station = "STATE".to_string();
    }
    let serial = serial.trim_start_matches('0');
    let serial = if serial.is_empty() { "0" } else { serial };
    Some(format!("{year:02}{station}{serial}"))
}

#[cfg(test)]
mod tests {
    use super::cable_id;

    #[test]
    fn resolves_the_forms_cables_use() {
        assert_eq!(cable_id("ASTANA 1018", Some(9)).unwrap(), "09ASTANA1018");
        assert_eq!(cable_id("ASTANA 0830", Some(9)).unwrap(), "09ASTANA830");
        assert_eq!(
            cable_id("06 TBILISI 2601", Some(9)).unwrap(),
            "06TBILISI2601"
        );
        assert_eq!(cable_id("SECSTATE 74879", Some(8)).unwrap(), "08STATE74879");
        assert_eq!(
            cable_id("USUN NEW YORK 300", Some(3)).unwrap(),
            "03USUNNEWYORK300"
        );
        assert_eq!(
            cable_id("STATE 124823 (2007)", Some(9)).unwrap(),
            "07STATE124823"
        );
        assert_eq!(
            cable_id("BERN 860, AND PREVIOUS", Some(7)).unwrap(),
            "07BERN860"
        );
    }

    #[test]
    fn leaves_other_references_alone() {
        assert_eq!(cable_id("GUHA-CARTER E-MAIL (07SEP07)", Some(7)), None);
        assert_eq!(cable_id("IIR 6 876 0123 09", Some(9)), None);
        assert_eq!(cable_id("ASTANA 1018", None), None);
        assert_eq!(cable_id("DEPT EMAIL 5/12", Some(9)), None);
        assert_eq!(cable_id("", Some(9)), None);
    }
}
