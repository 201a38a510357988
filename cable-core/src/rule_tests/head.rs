//! The rules of the body's head: the banner, the E.O. line and its declassification,
//! TAGS, the subject and the caveat lines around it. They share one place in the text,
//! above the first paragraph, and each ends where another of them runs on.

use super::{matches, refuses};
use crate::grammar::Rule;

#[test]
fn banner() {
    use Rule::*;
    matches(
        banner,
        "UNCLAS SECTION 01 OF 02 ASTANA 001145\n",
        "UNCLAS SECTION 01 OF 02 ASTANA 001145",
        &[
            (marking, "UNCLAS"),
            (section_number, "01"),
            (section_number, "02"),
            (banner_station, "ASTANA"),
            (serial, "001145"),
        ],
    );
    matches(
        banner,
        "C O N F I D E N T I A L USUN NEW YORK 000123\n",
        "C O N F I D E N T I A L USUN NEW YORK 000123",
        &[
            (marking, "C O N F I D E N T I A L"),
            (banner_station, "USUN NEW YORK"),
            (serial, "000123"),
        ],
    );
}

#[test]
fn eo_line_and_declassification() {
    use Rule::*;
    matches(
        eo_line,
        "E.O. 12958: DECL: 07/09/2019\n",
        "E.O. 12958: DECL: 07/09/2019\n",
        &[(eo_order, "12958"), (decl_date, "07/09/2019")],
    );
    matches(
        eo_line,
        "EO 12958 N/A\n",
        "EO 12958 N/A\n",
        &[(eo_order, "12958"), (decl_na, "N/A")],
    );
    matches(
        eo_line,
        "E.O. 12958: DECL: 1.6X1, X6\n",
        "E.O. 12958: DECL: 1.6X1, X6\n",
        &[(decl_code, "1.6X1"), (decl_code, "X6")],
    );
    matches(
        eo_line,
        "E.O. 11652: DECL: AFTER KOREAN UNIFICATION\n",
        "E.O. 11652: DECL: AFTER KOREAN UNIFICATION\n",
        &[(decl_event, "AFTER KOREAN UNIFICATION")],
    );
    // A colon after `E.O.`; DECL on the next line.
    matches(
        eo_line,
        "E.O.: 12958: N/A\n",
        "E.O.: 12958: N/A\n",
        &[(eo_order, "12958"), (decl_na, "N/A")],
    );
    matches(
        eo_line,
        "E.O. 12958:\nDECL: 08/11/2015\nTAGS: PREL\n",
        "E.O. 12958:\nDECL: 08/11/2015\n",
        &[(eo_order, "12958"), (decl_date, "08/11/2015")],
    );
    // TAGS run on, even with no space after the date.
    matches(
        eo_line,
        "E.O. 12958: DECL: 03/19/2024TAGS: AORC IR\n",
        "E.O. 12958: DECL: 03/19/2024",
        &[(decl_date, "03/19/2024")],
    );
    // Mixed or lower case, as some exports retyped the line.
    matches(
        eo_line,
        "E.o. 12958: decl: 03/09/2031\nTAGS: PREL\n",
        "E.o. 12958: decl: 03/09/2031\n",
        &[(eo_order, "12958"), (decl_date, "03/09/2031")],
    );
    // Run on after an addressee, in lower case.
    matches(
        eo_line,
        "DEPT FOR EUR/CE e.o. 12958: decl: 11/02/10 tags: prel, pter\n",
        " e.o. 12958: decl: 11/02/10",
        &[(eo_order, "12958"), (decl_date, "11/02/10")],
    );
    // The singular `TAG`, with no colon, run on after the E.O. line ends it.
    matches(
        eo_line,
        "E.O. 12958: DECL: 4/15/07 TAG PGOV, PREL\n",
        "E.O. 12958: DECL: 4/15/07",
        &[(decl_date, "4/15/07")],
    );
    matches(
        tags_block,
        "E.O. 12958: N/A TAG PGOV PREL\nSUBJECT: X\n",
        " TAG PGOV PREL\n",
        &[(tag, "PGOV"), (tag, "PREL")],
    );
    matches(
        eo_line,
        "E.O. 12958: DECL: AFTER THE TAG PGOV PREL\n",
        "E.O. 12958: DECL: AFTER THE",
        &[(decl_event, "AFTER THE")],
    );
}

#[test]
fn tags() {
    use Rule::*;
    matches(
        tags_block,
        "TAGS: PGOV, PREL, OVIP (DOE, JOHN), KZ\n",
        "TAGS: PGOV, PREL, OVIP (DOE, JOHN), KZ\n",
        &[
            (tag, "PGOV"),
            (tag, "PREL"),
            (person_tag, "OVIP (DOE, JOHN)"),
            (tag, "KZ"),
        ],
    );
    // A continuation line of codes belongs to the block.
    matches(
        tags_block,
        "TAGS: ECON EFIN\n      ETRD KZ\nSUBJECT: X\n",
        "TAGS: ECON EFIN\n      ETRD KZ\n",
        &[(tag, "EFIN"), (tag, "ETRD"), (tag, "KZ")],
    );
    // A line of tags apart by commas below a line apart by spaces.
    matches(
        tags_block,
        "TAGS: PGOV PREL ECON\nETRD, KDEM, HUMAN RIGHTS, OVIP (DOE, JOHN)\nSUBJECT: X\n",
        "TAGS: PGOV PREL ECON\nETRD, KDEM, HUMAN RIGHTS, OVIP (DOE, JOHN)\n",
        &[
            (tag, "ECON"),
            (tag, "ETRD"),
            (tag_phrase, "HUMAN RIGHTS"),
            (person_tag, "OVIP (DOE, JOHN)"),
        ],
    );
    // An addressee line with commas is none.
    matches(
        tags_block,
        "TAGS: PGOV PREL\nEMBASSY LIMA, QUITO\nSUBJECT: X\n",
        "TAGS: PGOV PREL\n",
        &[(tag, "PREL")],
    );
    // SUBJECT run on after the tags ends the block.
    matches(
        tags_block,
        "TAGS: PGOV PREL SUBJECT: A TEST\n",
        "TAGS: PGOV PREL",
        &[(tag, "PGOV"), (tag, "PREL")],
    );
    // A comma list keeps a phrase tag whole.
    matches(
        tags_block,
        "TAGS: PREL, IRAQI FREEDOM, IZ\n",
        "TAGS: PREL, IRAQI FREEDOM, IZ\n",
        &[(tag, "PREL"), (tag_phrase, "IRAQI FREEDOM"), (tag, "IZ")],
    );
}

#[test]
fn subject() {
    use Rule::*;
    matches(
        subject_block,
        "SUBJECT: (C) KAZAKHSTAN: RBK CUSTOMS UNION,\nWTO, AND THE WAY FORWARD\n\n1. (U) X\n",
        "SUBJECT: (C) KAZAKHSTAN: RBK CUSTOMS UNION,\nWTO, AND THE WAY FORWARD\n",
        &[
            (subject_marking, "(C)"),
            (subject_text, "KAZAKHSTAN: RBK CUSTOMS UNION,"),
            (subject_line, "WTO, AND THE WAY FORWARD"),
        ],
    );
    // REF run on after the subject ends it.
    matches(
        subject_block,
        "SUBJECT: VISA POLICY REF: STATE 1234\n",
        "SUBJECT: VISA POLICY",
        &[(subject_text, "VISA POLICY")],
    );
    // A caveat run on after the text is not the subject.
    matches(
        subject_block,
        "SUBJECT: ETHANOL TALKS SENSITIVE BUT UNCLASSIFIED; PLEASE PROTECT ACCORDINGLY\n\n",
        "SUBJECT: ETHANOL TALKS SENSITIVE BUT UNCLASSIFIED; PLEASE PROTECT ACCORDINGLY\n",
        &[
            (subject_text, "ETHANOL TALKS"),
            (
                subject_caveat,
                "SENSITIVE BUT UNCLASSIFIED; PLEASE PROTECT ACCORDINGLY",
            ),
        ],
    );
    matches(
        subject_block,
        "SUBJECT: RULES ON THE HANDLING OF SBU\n\n",
        "SUBJECT: RULES ON THE HANDLING OF SBU\n",
        &[(subject_text, "RULES ON THE HANDLING OF SBU")],
    );
    // A marking after the text, on its line or alone below it; not one glued to a word.
    matches(
        subject_block,
        "SUBJECT: FIRM SELLING ENGINES TO DEALER (S)\n\n",
        "SUBJECT: FIRM SELLING ENGINES TO DEALER (S)\n",
        &[
            (subject_text, "FIRM SELLING ENGINES TO DEALER"),
            (subject_marking, "(S)"),
        ],
    );
    matches(
        subject_block,
        "SUBJECT: FIRM SELLING ENGINES\nTO DEALER\n(S)\n\n",
        "SUBJECT: FIRM SELLING ENGINES\nTO DEALER\n(S)\n",
        &[(subject_line, "TO DEALER"), (subject_marking, "(S)")],
    );
    matches(
        subject_block,
        "SUBJECT: TALKS ON SANCTION(S)\n\n",
        "SUBJECT: TALKS ON SANCTION(S)\n",
        &[(subject_text, "TALKS ON SANCTION(S)")],
    );
    // A page marker on the subject's line, with a station the banner does not give.
    matches(
        subject_block,
        "SUBJECT: FOO BAR LIMA 00000412 001.2 OF 002\n\n",
        "SUBJECT: FOO BAR LIMA 00000412 001.2 OF 002\n",
        &[
            (subject_text, "FOO BAR"),
            (subject_page_marker, "LIMA 00000412 001.2 OF 002"),
        ],
    );
    // A page break between two lines of the subject.
    matches(
        subject_block,
        "SUBJECT: ELECTIONS IN THE NORTH: A LONG\nCONFIDENTIAL\nPAGE 02 LIMA 00412 141234Z\nNIGHT FOR THE PARTY\n\n",
        "SUBJECT: ELECTIONS IN THE NORTH: A LONG\nCONFIDENTIAL\nPAGE 02 LIMA 00412 141234Z\nNIGHT FOR THE PARTY\n",
        &[
            (subject_text, "ELECTIONS IN THE NORTH: A LONG"),
            (page_foot, "CONFIDENTIAL"),
            (page_break, "PAGE 02 LIMA 00412 141234Z\n"),
            (subject_line, "NIGHT FOR THE PARTY"),
        ],
    );
    // `C O R R E C T E D COPY` above the subject is a caveat line, not an addressee.
    matches(
        caveat_line,
        "TAGS: PGOV\nC O R R E C T E D COPY (SUBJECT LINE)\nSUBJECT: X\n",
        "C O R R E C T E D COPY (SUBJECT LINE)\n",
        &[(caveat, "C O R R E C T E D COPY")],
    );
}

/// A subject without its label, right below the TAGS (issue 22): a line of capitals that
/// names no addressee, between blank lines, before the REF list or paragraph 1.
#[test]
fn unlabelled_subject() {
    use Rule::*;
    matches(
        unlabelled_subject,
        "TAGS: KIPR ETRD BR\n\nBRAZIL'S PLAN TO COMBAT PIRACY: AN UPDATE\n\nREF: A) BRASILIA 599\n",
        "BRAZIL'S PLAN TO COMBAT PIRACY: AN UPDATE\n",
        &[(subject_text, "BRAZIL'S PLAN TO COMBAT PIRACY: AN UPDATE")],
    );
    // In a head whose lines are double-spaced, such a line below the subject goes on with
    // it; a caveat there does not.
    matches(
        subject_block,
        "SUBJECT: SCSL TRIAL MEETS KEY MILESTONE, BUT SCSL\n\nSTILL FACES HURDLES\n\nREF: A) 2008 THE HAGUE 21\n",
        "SUBJECT: SCSL TRIAL MEETS KEY MILESTONE, BUT SCSL\n\nSTILL FACES HURDLES\n",
        &[(subject_line, "STILL FACES HURDLES")],
    );
    matches(
        subject_block,
        "SUBJECT: GERMAN STATUS QUO\n\nSENSITIVE BUT UNCLASSIFIED.\n\nREF: A) BERLIN 169\n",
        "SUBJECT: GERMAN STATUS QUO\n",
        &[],
    );
    // Not an addressee line, a line with lower case, a line before the labelled subject,
    // nor a line with no blank line below it.
    for below_tags in [
        "\nUSDOC ALSO PASS PTO/OLIA\n\nREF: A) BRASILIA 599\n",
        "\nBrazil's plan to combat piracy\n\nREF: A) BRASILIA 599\n",
        "CLEARANCE\n\nSUBJECT: COUNTRY CLEARANCE FOR CODEL\n",
        "\nBRAZIL'S PLAN TO COMBAT PIRACY\nREF: A) BRASILIA 599\n",
    ] {
        refuses(unlabelled_subject, &format!("TAGS: KIPR BR\n{below_tags}"));
    }
}

/// The long tail of caveat lines (issue 22): each form once, and lines that only look
/// like one.
#[test]
fn caveat_lines() {
    use Rule::*;
    let eo = "E.O. 12958: N/A\n";
    let line = |text: &str| format!("{text}\n{eo}");
    // A corrected copy with what was corrected, on its line and an indented one below.
    matches(
        caveat_line,
        &line("C O R R E C T E D  C O P Y:  QUOTATION AND APOSTROPHE SIGNS\n    CORRECTED THROUGHOUT TEXT"),
        "C O R R E C T E D  C O P Y:  QUOTATION AND APOSTROPHE SIGNS\n    CORRECTED THROUGHOUT TEXT\n",
        &[(caveat, "C O R R E C T E D  C O P Y")],
    );
    matches(
        caveat_line,
        &line("C O R R E C T E D COPY CAPTION"),
        "C O R R E C T E D COPY CAPTION\n",
        &[(caveat, "C O R R E C T E D COPY")],
    );
    // The marking again before the caveat; a quoted caveat; a releasability list.
    matches(
        caveat_line,
        &line("SECRET/NOFORN"),
        "SECRET/NOFORN\n",
        &[(caveat, "NOFORN")],
    );
    matches(
        caveat_line,
        &line("\"PERISHABLE INFORMATION -- DO NOT SERVICE\""),
        "\"PERISHABLE INFORMATION -- DO NOT SERVICE\"\n",
        &[(caveat, "PERISHABLE INFORMATION -- DO NOT SERVICE")],
    );
    matches(
        caveat_line,
        &line("RELEASABLE TO NATO/AUST/NZ/ISAF"),
        "RELEASABLE TO NATO/AUST/NZ/ISAF\n",
        &[(caveat, "RELEASABLE TO NATO/AUST/NZ/ISAF")],
    );
    // Caveats and then an addressee on the same line: the line's rest is the addressee's.
    matches(
        caveat_line,
        &line("NOFORN SIPDIS DEPT FOR NEA/MAG"),
        "NOFORN SIPDIS ",
        &[(caveat, "NOFORN"), (caveat, "SIPDIS")],
    );
    matches(
        addressee_line,
        &line("NOFORN SIPDIS DEPT FOR NEA/MAG"),
        "DEPT FOR NEA/MAG\n",
        &[],
    );
    // Caveats, then any office's addressee line (`WHA FOR`), on the banner's line.
    matches(
        caveat_line,
        &line("SIPDIS SIPDIS WHA FOR A/S JOHN DOE"),
        "SIPDIS SIPDIS ",
        &[(caveat, "SIPDIS"), (caveat, "SIPDIS")],
    );
    // Caveats run on at the end of an addressee line, before a keyword run on: the
    // addressee line stops before them, and they are a caveat line.
    let run_on = "COMMERCE FOR JANE DOE SIPDIS E.O.12958: N/A TAGS: PGOV ZI
";
    matches(addressee_line, run_on, "COMMERCE FOR JANE DOE", &[]);
    matches(
        caveat_line,
        &format!("AF/S FOR J.ROE\n{run_on}"),
        " SIPDIS",
        &[(caveat, "SIPDIS")],
    );
    // Caveat lines in a row after the keyword blocks (a head given twice), before a
    // keyword line, are caveats, not addressees.
    refuses(
        addressee_line,
        "E.O. 12958: N/A\nTAGS: CU PGOV\nSUBJECT: X\n\nSIPDIS\n\nSIPDIS\n\nE.O. 12958: N/A\n",
    );
    // Not caveat lines: a caveat word opening other text; a word only after a caveat.
    refuses(caveat_line, &line("SENSITIVE TALKS ON FISHERIES"));
    refuses(caveat_line, &line("SIPDIS EMBASSY NOTES"));
    refuses(caveat_line, &line("SECRET TALKS/NOFORN"));
}
