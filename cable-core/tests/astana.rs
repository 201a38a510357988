//! Facts a reader can check by eye in 09ASTANA1145, the cable this project was specified from.

use cable_core::{parse, Cable, Classification, Container};

fn astana() -> Cable {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/corpus/cablegate-txt/09ASTANA1145.txt"
    );
    parse(&std::fs::read_to_string(path).expect("sample cable"))
}

#[test]
fn metadata() {
    let c = astana();
    assert_eq!(c.container, Container::TextExport);
    let m = c.metadata.expect("metadata");
    assert_eq!(m.reference_id, "09ASTANA1145");
    assert_eq!(m.date.as_deref(), Some("2009-07-09T00:00:00+02:00"));
    assert_eq!(m.classification, "UNCLASSIFIED//FOR OFFICIAL USE ONLY");
    assert_eq!(m.origin, "Embassy Astana");
    assert!(!c.partial);
}

#[test]
fn header() {
    let c = astana();
    let h = c.header.expect("header");
    assert_eq!(h.transmission_id.as_deref(), Some("VZCZCXRO8970"));
    let routing = h.routing.expect("routing");
    assert_eq!(routing.precedence, "PP");
    assert_eq!(routing.stations.len(), 24);
    assert_eq!(routing.stations.first().map(String::as_str), Some("RUEHAG"));
    let de = h.de.expect("DE line");
    assert_eq!(
        (
            de.station.as_str(),
            de.sequence.as_deref(),
            de.part.as_deref(),
            de.julian_day
        ),
        ("RUEHTA", Some("1145"), Some("01"), Some(190))
    );
    assert_eq!(h.security.as_deref(), Some("ZNR UUUUU ZZH"));
    assert_eq!(h.precedence.as_deref(), Some("P"));
    assert_eq!(
        h.dtg.expect("dtg").timestamp.as_deref(),
        Some("2009-07-09T10:56:00Z")
    );
    assert_eq!(h.from.as_deref(), Some("AMEMBASSY ASTANA"));
    assert_eq!(h.to.len(), 1);
    let to = &h.to[0];
    assert_eq!(
        (
            to.route.as_deref(),
            to.name.as_str(),
            to.precedence.as_deref(),
            to.mcn.as_deref()
        ),
        (
            Some("RUEHC"),
            "SECSTATE WASHDC",
            Some("PRIORITY"),
            Some("5752")
        )
    );
    assert!(h.unparsed.is_empty());
}

#[test]
fn all_nineteen_info_recipients() {
    let info = astana().header.expect("header").info;
    let got: Vec<(String, String, Option<String>)> = info
        .iter()
        .map(|r| {
            (
                r.route.clone().unwrap_or_default(),
                r.name.clone(),
                r.mcn.clone(),
            )
        })
        .collect();
    let expected = [
        ("RUCNCLS", "ALL SOUTH AND CENTRAL ASIA COLLECTIVE", None),
        ("RUCNCIS", "CIS COLLECTIVE", Some("1716")),
        ("RUEHZL", "EUROPEAN POLITICAL COLLECTIVE", None),
        ("RUEHBJ", "AMEMBASSY BEIJING", Some("1083")),
        ("RUEHUL", "AMEMBASSY SEOUL", Some("0751")),
        ("RUEHKO", "AMEMBASSY TOKYO", Some("1785")),
        ("RHMFIUU", "CDR USCENTCOM MACDILL AFB FL", None),
        ("RUEAIIA", "CIA WASHDC", None),
        ("RUEHRC", "DEPT OF AGRICULTURE WASHDC", None),
        ("RUCPDOC", "DEPT OF COMMERCE WASHINGTON DC", None),
        ("RUEATRS", "DEPT OF TREASURY WASHINGTON DC", None),
        ("RHEFAAA", "DIA WASHDC", None),
        ("RUEKJCS", "JOINT STAFF WASHDC", None),
        ("RHEHNSC", "NSC WASHDC", Some("1267")),
        ("RUEKJCS", "SECDEF WASHDC", Some("1184")),
        ("RUEHGV", "USMISSION GENEVA", Some("0989")),
        ("RUEHNO", "USMISSION USNATO", Some("2679")),
        ("RUEHVEN", "USMISSION USOSCE", Some("2052")),
        ("RUCNDT", "USMISSION USUN NEW YORK", Some("2361")),
    ];
    let expected: Vec<(String, String, Option<String>)> = expected
        .iter()
        .map(|(r, n, m)| (r.to_string(), n.to_string(), m.map(String::from)))
        .collect();
    assert_eq!(got, expected);
    assert!(info
        .iter()
        .all(|r| r.precedence.as_deref() == Some("PRIORITY")));
}

#[test]
fn banner_caveats_and_preamble() {
    let b = astana().body.expect("body");
    let banner = b.banner.clone().expect("banner");
    assert_eq!(banner.marking, "UNCLAS");
    assert_eq!(banner.classification, Classification::Unclassified);
    let section = banner.section.expect("section");
    assert_eq!((section.number, section.of), (1, 2));
    assert_eq!(
        (banner.station.as_deref(), banner.serial.as_deref()),
        (Some("ASTANA"), Some("001145"))
    );
    assert_eq!(b.caveats, ["SENSITIVE", "SIPDIS"]);
    assert_eq!(
        b.addressees,
        ["STATE FOR SCA/CEN, EEB", "PLEASE PASS TO USTR"]
    );
    let eo = b.executive_order.clone().expect("E.O. line");
    assert_eq!(
        (eo.order.as_deref(), eo.declassify.map(|d| d.kind)),
        (
            Some("12958"),
            Some(cable_core::DeclassifyKind::NotApplicable)
        )
    );
    assert_eq!(
        b.tag_codes(),
        ["PGOV", "PREL", "ECON", "ETRD", "WTRO", "RS", "BO", "KZ"]
    );
    assert_eq!(
        b.subject.as_ref().map(|s| s.text.as_str()),
        Some("KAZAKHSTAN: RBK CUSTOMS UNION, WTO, AND THE WAY FORWARD")
    );
    assert!(b.classified_by.is_none());
}

#[test]
fn references_resolve_to_cable_ids() {
    let b = astana().body.expect("body");
    let refs: Vec<(Option<&str>, &str, Option<&str>)> = b
        .references
        .iter()
        .map(|r| (r.label.as_deref(), r.text.as_str(), r.cited_id.as_deref()))
        .collect();
    assert_eq!(
        refs,
        [
            (Some("A"), "ASTANA 1018", Some("09ASTANA1018")),
            (Some("B"), "ASTANA 1005", Some("09ASTANA1005")),
            (Some("C"), "ASTANA 0830", Some("09ASTANA830")),
        ]
    );
}

#[test]
fn paragraphs_one_to_eight_with_markings() {
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/corpus/cablegate-txt/09ASTANA1145.txt"
    ))
    .expect("sample");
    let b = astana().body.expect("body");
    let numbers: Vec<Option<u32>> = b.paragraphs.iter().map(|p| p.number).collect();
    assert_eq!(numbers, (1..=8).map(Some).collect::<Vec<_>>());
    let markings: Vec<&str> = b
        .paragraphs
        .iter()
        .map(|p| p.marking.as_deref().unwrap_or(""))
        .collect();
    assert_eq!(
        markings,
        ["U", "SBU", "SBU", "SBU", "SBU", "SBU", "SBU", "SBU"]
    );
    assert!(b.paragraphs[0]
        .text
        .starts_with("Sensitive but unclassified."));
    // Paragraph 6 runs on across the line the export marked `¶2011.`: a year, not paragraph 2011.
    let six = &b.paragraphs[5];
    assert!(six.text.contains("\n2011."), "{}", six.text);
    assert!(!six.text.contains('¶'));
    // Headings stand before their paragraph, not inside the one before.
    assert_eq!(
        b.paragraphs[3].heading.as_deref(),
        Some("A DESIRE FOR REGIONAL INTEGRATION AND GLOBALIZATION")
    );
    assert!(!b.paragraphs[2].text.contains("A DESIRE FOR REGIONAL"));
    // Page breaks are recognised and left out of the text.
    assert_eq!(b.page_breaks.len(), 1);
    assert_eq!(b.page_breaks[0].text, "ASTANA 00001145 002 OF 002");
    assert!(b.paragraphs.iter().all(|p| !p.text.contains("00001145")));
    // Spans slice back to the paragraph's first words.
    let p1 = &b.paragraphs[0];
    assert!(text[p1.span.start..p1.span.end].starts_with("¶1.  (U) Sensitive"));
}

#[test]
fn summary_and_signature() {
    let b = astana().body.expect("body");
    let summary = b.summary.expect("summary");
    assert!(
        summary
            .text
            .starts_with("On July 9, Kazakhstan's WTO negotiator -- reiterated"),
        "{}",
        summary.text
    );
    assert!(
        summary.text.ends_with("skepticism about TIFA."),
        "{}",
        summary.text
    );
    assert_eq!(
        b.signature.as_ref().map(|s| s.name.as_str()),
        Some("HOAGLAND")
    );
    assert!(!b.paragraphs[7].text.contains("HOAGLAND"));
}

#[test]
fn no_error_diagnostics() {
    let c = astana();
    assert!(c.diagnostics.is_empty(), "{:?}", c.diagnostics);
}
