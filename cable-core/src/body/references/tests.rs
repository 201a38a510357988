//! The references the REF list gives, in the tree: each class of the long tail (issue
//! 22) with its invented example.

use crate::{parse_with, Cable, Options, Reference};

/// A cable of 2009 with this REF line below its subject, and one paragraph.
fn parse_refs(banner_station: &str, refs: &str) -> (String, Cable) {
    let text =
        format!("UNCLAS {banner_station} 000001\n\nSUBJECT: TEST\n\n{refs}\n\n1. (U) Text.\n");
    let cable = parse_with(&text, &Options::new().year(2009)).unwrap();
    (text, cable)
}

fn references(cable: &Cable) -> &[Reference] {
    &cable.body.as_ref().unwrap().references
}

fn ids(cable: &Cable) -> Vec<Option<&str>> {
    references(cable)
        .iter()
        .map(|r| r.cited_id.as_deref())
        .collect()
}

/// The written stations that `station-guessed` diagnostics point at.
fn guessed<'t>(text: &'t str, cable: &Cable) -> Vec<&'t str> {
    cable
        .diagnostics
        .iter()
        .filter(|d| d.code == "station-guessed")
        .map(|d| &text[d.span.start..d.span.end])
        .collect()
}

/// Issue 22, class 1: stations typed by hand are guessed, the written form kept.
#[test]
fn stations_typed_by_hand() {
    let (text, cable) = parse_refs(
        "STATE",
        "REF: A. ISLAMBAD 1207 B. KATHMANDOU 330 C. 0SLO 220 D. HILLA 12\n\
         E. GUATEMALA CITY 455 F. KUWAIT CITY 3 G. DAR 1422 H. KL 903\n\
         I. WHITE HOUSE 12 J. SECSTSTE 20311 K. ASTANA 1018",
    );
    assert_eq!(
        ids(&cable),
        [
            Some("09ISLAMABAD1207"),
            Some("09KATHMANDU330"),
            Some("09OSLO220"),
            Some("09HILLAH12"),
            Some("09GUATEMALA455"),
            Some("09KUWAIT3"),
            Some("09DARESSALAAM1422"),
            Some("09KUALALUMPUR903"),
            Some("09WHITEHOUSE12"),
            Some("09STATE20311"),
            Some("09ASTANA1018"),
        ]
    );
    assert_eq!(
        guessed(&text, &cable),
        [
            "ISLAMBAD",
            "KATHMANDOU",
            "0SLO",
            "HILLA",
            "GUATEMALA CITY",
            "KUWAIT CITY",
            "DAR",
            "KL",
            "WHITE HOUSE",
            "SECSTSTE"
        ]
    );
    let first = &references(&cable)[0];
    assert_eq!(first.text, "ISLAMBAD 1207");
    assert_eq!(first.station.as_deref(), Some("ISLAMABAD"));
}

/// A short form of the citing cable's own station, and a year typed with a letter O.
#[test]
fn own_short_forms_and_letter_o_years() {
    let (text, cable) = parse_refs("CASABLANCA", "REF: A. 05 CASA 1220 B. O7 LIMA 55");
    assert_eq!(ids(&cable), [Some("05CASABLANCA1220"), Some("07LIMA55")]);
    assert_eq!(guessed(&text, &cable), ["CASA"]);
    // In another station's cable, CASA is no station.
    let (_, cable) = parse_refs("RABAT", "REF: 05 CASA 1220");
    assert_eq!(ids(&cable), [None]);
}

/// Nothing is guessed when two stations are one edit away (`BANAMA`: MANAMA, PANAMA),
/// or the name is short (`LIMX`), or a word (`PARAGRAPH`).
#[test]
fn no_guess_without_one_answer() {
    let (text, cable) = parse_refs("STATE", "REF: A. BANAMA 12 B. LIMX 5 C. FOLLOWING 7");
    assert_eq!(ids(&cable), [None, None, None]);
    assert!(guessed(&text, &cable).is_empty());
}

/// Issue 22, class 2: reference ids in other shapes.
#[test]
fn reference_ids_in_other_shapes() {
    let (_, cable) = parse_refs(
        "STATE",
        "REF: A. 08AMMAN0412 B. 09-LIMA-233 C. 2006QUITO1187 D. 2007 LIMA 98\n\
         E. '07 SANTIAGO 912 F. LIMA 101 (07) RECIFE 88 G. 06\nSANAA 14",
    );
    assert_eq!(
        ids(&cable),
        [
            Some("08AMMAN412"),
            Some("09LIMA233"),
            Some("06QUITO1187"),
            Some("07LIMA98"),
            Some("07SANTIAGO912"),
            Some("09LIMA101"),
            Some("07RECIFE88"),
            Some("06SANAA14"),
        ]
    );
    // A year after a cable at the end of its item is still the cable's own.
    let (_, cable) = parse_refs("STATE", "REF: A. MINSK 701 (08) B. LIMA 5");
    assert_eq!(ids(&cable), [Some("08MINSK701"), Some("09LIMA5")]);
}

/// Issue 22, class 3: a page marker of any station run into the list is a page break.
#[test]
fn a_page_marker_is_no_reference() {
    let (_, cable) = parse_refs(
        "GUAYAQUIL",
        "REF: A. QUITO 1187\nB. STATE 4411 QUITO 00000221 001.2 OF 003\nC. LIMA 5",
    );
    let body = cable.body.as_ref().unwrap();
    let texts: Vec<&str> = body.references.iter().map(|r| r.text.as_str()).collect();
    assert_eq!(texts, ["QUITO 1187", "STATE 4411", "LIMA 5"]);
    let breaks: Vec<&str> = body.page_breaks.iter().map(|p| p.text.as_str()).collect();
    assert_eq!(breaks, ["QUITO 00000221 001.2 OF 003"]);
}

/// Issue 22, class 3: the paragraph right below the REF line (no blank line between
/// them, or one) is the text, not the reference's.
#[test]
fn a_reference_never_swallows_the_text() {
    for gap in ["", "\n"] {
        let text = format!(
            "UNCLAS REYKJAVIK 000152\n\nSUBJECT: TEST\n\nRef: STATE 4411\n{gap}\
             (U) Embassy delivered the points to the MFA.\n\nVAN VOORST\n"
        );
        let cable = parse_with(&text, &Options::new().year(2008)).unwrap();
        let body = cable.body.as_ref().unwrap();
        let refs: Vec<&str> = body.references.iter().map(|r| r.text.as_str()).collect();
        assert_eq!(refs, ["STATE 4411"], "{gap:?}");
        assert_eq!(body.references[0].cited_id.as_deref(), Some("08STATE4411"));
        assert_eq!(body.paragraphs.len(), 1, "{gap:?}");
        assert!(body.paragraphs[0].text.contains("Embassy delivered"));
    }
}

/// A country's code after the station (`MADRID SP 0307`), a station alone (`REF:
/// TEGUCIGALPA`, a cable whose serial is not given), and a document of another kind
/// joined to a cable by `and`, which is a reference of its own.
#[test]
fn station_with_its_country_a_station_alone_and_a_joined_document() {
    let (_, cable) = parse_refs("MADRID", "REF: A) SECSTATE 2743 B) MADRID SP 0307");
    assert_eq!(ids(&cable), [Some("09STATE2743"), Some("09MADRID307")]);
    let (_, cable) = parse_refs("TEGUCIGALPA", "REF: TEGUCIGALPA");
    let alone = &references(&cable)[0];
    assert_eq!(
        (alone.kind, alone.station.as_deref(), alone.serial),
        (crate::ReferenceKind::Cable, Some("TEGUCIGALPA"), None)
    );
    // Words that only end in a station are no cable.
    let (_, cable) = parse_refs("LIMA", "REF: Conversation with the FM in LIMA");
    assert_ne!(references(&cable)[0].kind, crate::ReferenceKind::Cable);
    let (_, cable) = parse_refs(
        "REYKJAVIK",
        "REFS: Doe emails to Roe/USNATO and USNATO 00184",
    );
    let kinds: Vec<_> = references(&cable)
        .iter()
        .map(|r| (r.kind, r.text.as_str()))
        .collect();
    assert_eq!(
        kinds,
        [
            (crate::ReferenceKind::Email, "Doe emails to Roe/USNATO"),
            (crate::ReferenceKind::Cable, "USNATO 00184")
        ]
    );
}
