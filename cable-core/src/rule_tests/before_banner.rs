//! What stands above the body's banner: the telegram header (routing, `DE`, the
//! date-time group, `FM`, `TO`, `INFO`, a State distribution block), the lines a page puts
//! before the cable (its prelude: record metadata, a date line), and a preview (a copy
//! cut short before the full one). Each input is a whole document with its own banner.

use super::{matches, refuses};
use crate::grammar::Rule;

/// A telegram's header, line by line, before the banner.
const HEADER: &str = "RR RUEHWEB\n\
DE RUEHTA #1145/01 1901056\n\
ZNR UUUUU ZZH\n\
R 091056Z JUL 09\n\
FM AMEMBASSY ASTANA\n\
TO RUEHC/SECSTATE WASHDC 5752\n\
INFO RUCNCIS/CIS COLLECTIVE PRIORITY 1234\n\
RUEHMO/AMEMBASSY MOSCOW PIORITY 0921\n\
BT\n\
UNCLAS SECTION 01 OF 02 ASTANA 001145\n\
\n\
1. (U) Text.\n";

#[test]
fn header_lines() {
    use Rule::*;
    matches(
        routing,
        HEADER,
        "RR RUEHWEB\n",
        &[(routing_precedence, "RR"), (routing_indicator, "RUEHWEB")],
    );
    matches(
        de_line,
        HEADER,
        "DE RUEHTA #1145/01 1901056\n",
        &[
            (de_station, "RUEHTA"),
            (de_sequence, "1145"),
            (de_part, "01"),
            (de_time, "1901056"),
        ],
    );
    matches(
        security_line,
        HEADER,
        "ZNR UUUUU ZZH\n",
        &[(security, "ZNR UUUUU ZZH")],
    );
    matches(
        dtg_line,
        HEADER,
        "R 091056Z JUL 09\n",
        &[
            (precedence_prosigns, "R"),
            (day2, "09"),
            (hour2, "10"),
            (minute2, "56"),
            (month, "JUL"),
            (dtg_year, "09"),
        ],
    );
    matches(fm_line, HEADER, "FM AMEMBASSY ASTANA\n", &[]);
}

#[test]
fn recipients() {
    use Rule::*;
    matches(
        to_section,
        HEADER,
        "TO RUEHC/SECSTATE WASHDC 5752\n",
        &[
            (route, "RUEHC"),
            (recipient_name, "SECSTATE WASHDC"),
            (mcn, "5752"),
        ],
    );
    // A recipient on the line below `INFO` belongs to it; a misspelt precedence is still
    // the precedence, not part of the name.
    matches(
        info_section,
        HEADER,
        "INFO RUCNCIS/CIS COLLECTIVE PRIORITY 1234\nRUEHMO/AMEMBASSY MOSCOW PIORITY 0921\n",
        &[
            (recipient_name, "CIS COLLECTIVE"),
            (precedence_priority, "PRIORITY"),
            (mcn, "1234"),
            (route, "RUEHMO"),
            (recipient_name, "AMEMBASSY MOSCOW"),
            (precedence_priority, "PIORITY"),
            (mcn, "0921"),
        ],
    );
    // A name with no route and no number.
    matches(
        recipient,
        "FM SECSTATE WASHDC\nTO ALL DIPLOMATIC POSTS IMMEDIATE\nBT\nUNCLAS STATE 000001\n",
        "ALL DIPLOMATIC POSTS IMMEDIATE",
        &[
            (recipient_name, "ALL DIPLOMATIC POSTS"),
            (precedence_immediate, "IMMEDIATE"),
        ],
    );
}

#[test]
fn distribution_block() {
    use Rule::*;
    matches(
        distribution,
        "INFO LOG-00 EEB-00 AF-00 /002W\n\
         ------------------4A5C21 191100Z /38\n\
         R 191056Z JUL 09\nFM AMEMBASSY ASTANA\nTO SECSTATE WASHDC 5752\nBT\nUNCLAS ASTANA 001145\n",
        "INFO LOG-00 EEB-00 AF-00 /002W\n",
        &[
            (dist_item, "LOG-00"),
            (dist_item, "EEB-00"),
            (dist_item, "AF-00"),
            (dist_item, "/002W"),
        ],
    );
    // `INFO` with recipients is no distribution block.
    refuses(distribution, HEADER);
}

#[test]
fn a_pages_prelude() {
    use Rule::*;
    matches(
        date_line_of_publication,
        "Thursday, 31 January 2008, 19:52\nUNCLAS STATE 000001\n\n1. (U) Text.\n",
        "Thursday, 31 January 2008, 19:52\n",
        &[
            (date_day, "31"),
            (date_month_name, "January"),
            (date_year4, "2008"),
            (hour, "19"),
            (minute2, "52"),
        ],
    );
    matches(
        record_block,
        "141877\n2010-01-12 10:00\n10KABUL102\nEmbassy Kabul\nCONFIDENTIAL//NOFORN\n\
         10KABUL1345|10KABUL717\nCONFIDENTIAL KABUL 000102\n\n1. (C) Text.\n",
        "141877\n2010-01-12 10:00\n10KABUL102\nEmbassy Kabul\nCONFIDENTIAL//NOFORN\n\
         10KABUL1345|10KABUL717\n",
        &[
            (record_date, "2010-01-12 10:00"),
            (record_id, "10KABUL102"),
            (record_origin, "Embassy Kabul"),
            (record_classification, "CONFIDENTIAL//NOFORN"),
            (record_cited, "10KABUL1345|10KABUL717"),
        ],
    );
    matches(
        prelude_line,
        "Cable dated: 2009-07-09T10:56\nUNCLAS ASTANA 001145\n\n1. (U) Text.\n",
        "Cable dated: 2009-07-09T10:56",
        &[
            (cable_dated, "Cable dated: 2009-07-09T10:56"),
            (record_date, "2009-07-09T10:56"),
            (hour2, "10"),
        ],
    );
    // The banner itself is no prelude line.
    refuses(prelude_line, "UNCLAS ASTANA 001145\n\n1. (U) Text.\n");
}

/// Issue 22, class 10: a page whose record fields (`CLASSIFICATION:`, `MISC:`,
/// `DESTINATION:`) come before the banner, with a routing list over many lines after
/// `DESTINATION:`. Each line of it counted against the prelude's 16 lines, so the banner
/// was not found, and with it went the subject, the TAGS, the REF list and Classified By.
#[test]
fn record_fields_with_a_long_destination() {
    use Rule::*;
    let route_list: String = (1..=20)
        .map(|n| format!("RUEHXX/AMEMBASSY POST{n} PRIORITY {n}\n"))
        .collect();
    let page = format!(
        "ID: 190648\nORIGIN: 09KUWAIT110\nDATE: 2009-02-05 16:36:00\nSOURCE: Embassy Kuwait\n\
         CLASSIFICATION: SECRET//NOFORN\nMISC: 09KUWAIT95\nDESTINATION: VZCZCXRO3981\n{route_list}\n\
         S E C R E T KUWAIT 000110\n\nSIPDIS\n\nE.O. 12958: DECL: 02/05/2029\nTAGS: PREL KU\n\
         SUBJECT: THE REMEDY\n\nREF: KUWAIT 0095\n\n\
         Classified By: Ambassador Jane Roe for reasons 1.4 b and d\n\n1. (S) Text.\n"
    );
    let field = format!("DESTINATION: VZCZCXRO3981\n{route_list}");
    let from_destination = &page[page.find("DESTINATION").expect("the field")..];
    matches(
        record_field,
        from_destination,
        &field,
        &[(record_key, "DESTINATION")],
    );
    let cable = crate::parse(&page);
    let body = cable.body.expect("a body");
    assert_eq!(
        body.banner.map(|b| b.marking).as_deref(),
        Some("S E C R E T")
    );
    assert_eq!(body.subject.map(|s| s.text).as_deref(), Some("THE REMEDY"));
    assert_eq!((body.tags.len(), body.references.len()), (2, 1));
    assert!(body.classified_by.is_some());
    assert_eq!(
        cable.metadata.map(|m| m.referenced_ids),
        Some(vec!["09KUWAIT95".to_string()])
    );
}

#[test]
fn a_preview_before_the_full_copy() {
    use Rule::*;
    // A copy cut short (`...`), then the same banner again: the first banner and its
    // lines are the preview.
    matches(
        preview,
        "CONFIDENTIAL RANGOON 000539\n\nSUBJECT: BURMA: PRESSURE ON ...\n\
         CONFIDENTIAL RANGOON 000539\n\nSIPDIS\n\n1. (C) Text.\n",
        "CONFIDENTIAL RANGOON 000539\n\nSUBJECT: BURMA: PRESSURE ON ...\n",
        &[(marking, "CONFIDENTIAL"), (banner_station, "RANGOON")],
    );
    // A pasted `cables.csv` row in the preview.
    matches(
        record_row,
        "UNCLAS JEDDAH 000084\n141877,2/19/2008 6:18,08JEDDAH84,Consulate Jeddah\n\
         UNCLAS JEDDAH 000084\n\n1. (U) Text.\n",
        "141877,2/19/2008 6:18,08JEDDAH84,Consulate Jeddah\n",
        &[(row_date, "2/19/2008 6:18"), (record_id, "08JEDDAH84")],
    );
    // Another station's banner is no second copy.
    refuses(
        preview,
        "UNCLAS JEDDAH 000084\nSUBJECT: X ...\nUNCLAS RIYADH 000012\n\n1. (U) Text.\n",
    );
}

#[test]
fn addressee_lines() {
    use Rule::*;
    matches(
        addressee_line,
        "\nDEPT FOR EUR/CE AND EEB\nE.O. 12958: N/A\nTAGS: PGOV\nSUBJECT: X\n\n1. (U) Text.\n",
        "DEPT FOR EUR/CE AND EEB\n",
        &[(addressee_text, "DEPT FOR EUR/CE AND EEB")],
    );
    // An addressee run on into the E.O. line.
    matches(
        addressee_line,
        "\nCOMMERCE FOR B. ERKUL E.O.12958: N/A\nTAGS: PGOV\nSUBJECT: X\n\n1. (U) Text.\n",
        "COMMERCE FOR B. ERKUL",
        &[(addressee_text, "COMMERCE FOR B. ERKUL")],
    );
    // A line with no keyword line below it is text, not an addressee.
    refuses(addressee_line, "\nDEPT FOR EUR/CE\n\n1. (U) Text.\n");
    // Nor is a line above a numbered paragraph in capitals (no `para_one`), whatever
    // keyword line stands below the paragraph: the look ahead stops at the number.
    let capitals = "\nDEPT PASS USTR\n\u{b6}1.  THE STUDENTS MARCHED.\nREF: STATE 1234\n";
    refuses(addressee_line, capitals);
    matches(
        numbered_line,
        capitals,
        "\u{b6}1.  THE STUDENTS MARCHED.\n",
        &[(number, "1")],
    );
}
