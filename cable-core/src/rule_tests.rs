//! Rule-level tests: each tricky grammar rule on small inputs, as pest's own grammars are
//! tested. A case names the rule, the input, what the rule must match, and the inner
//! pairs (rule and text) the builders will read.
//!
//! Body rules run inside a body (a banner line goes first), parsed as the parser does: the
//! head, then the text and the closing as regions of their own (`crate::regions`). The
//! head puts the sentinel on pest's stack that `PEEK` in `page_marker_runon` compares with,
//! and a rule is then tested where the grammar really tries it.

use pest::iterators::Pair;
use pest::Parser;

use crate::grammar::{CableParser, Rule};

/// What goes before each input: a banner line.
const BANNER: &str = "UNCLAS STATE 000001\n";

/// Parses `input` as a body, or directly with `rule` when it is the banner, and returns
/// the text of the first pair of `rule` with every pair inside it, flattened.
fn parse(rule: Rule, input: &str) -> Option<(String, Vec<(Rule, String)>)> {
    let flat = |p: Pair<'_, Rule>| {
        let inner = p
            .clone()
            .into_inner()
            .flatten()
            .map(|q| (q.as_rule(), q.as_str().to_string()))
            .collect();
        (p.as_str().to_string(), inner)
    };
    if rule == Rule::banner {
        return CableParser::parse(rule, input).ok()?.next().map(flat);
    }
    let text = format!("{BANNER}{input}");
    let head = CableParser::parse(Rule::body_head, &text).ok()?.next()?;
    let regions = crate::regions::find(&text, head.as_span().end());
    let (region, _) = crate::body::text_region_input(&head, &text, regions.text);
    let paragraphs = CableParser::parse(Rule::text_region, &region).ok()?;
    let closing = CableParser::parse(Rule::closing, &text[regions.closing..]).ok()?;
    let found = head
        .into_inner()
        .flatten()
        .chain(paragraphs.flatten())
        .chain(closing.flatten())
        .find(|p| p.as_rule() == rule);
    found.map(flat)
}

/// The first pair of `rule` in `input` is `matched`, and its inner pairs include each of
/// `pairs` (in order).
#[track_caller]
fn matches(rule: Rule, input: &str, matched: &str, pairs: &[(Rule, &str)]) {
    let Some((got, inner)) = parse(rule, input) else {
        panic!("{rule:?} does not match {input:?}");
    };
    assert_eq!(got, matched, "{rule:?} on {input:?}");
    let mut rest = inner.iter();
    for (want_rule, want_text) in pairs {
        assert!(
            rest.any(|(r, t)| r == want_rule && t == want_text),
            "{rule:?} on {input:?}: no ({want_rule:?}, {want_text:?}) (in order) among {inner:?}"
        );
    }
}

/// No pair of `rule` is found in `input`.
#[track_caller]
fn refuses(rule: Rule, input: &str) {
    if let Some((got, _)) = parse(rule, input) {
        panic!("{rule:?} matched {got:?} of {input:?}");
    }
}

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
    // Not caveat lines: a caveat word opening other text; a word only after a caveat.
    refuses(caveat_line, &line("SENSITIVE TALKS ON FISHERIES"));
    refuses(caveat_line, &line("SIPDIS EMBASSY NOTES"));
    refuses(caveat_line, &line("SECRET TALKS/NOFORN"));
}

/// Classified By lines of the long tail (issue 22, class 4).
#[test]
fn classified_by_lines() {
    use Rule::*;
    // A paragraph marking before the label; the order named before the sections, with
    // its number on the next line.
    matches(
        classified_by,
        "SUBJECT: X\n(U) Classified by Ambassador Eric Edelman; reasons: E.O.\n12958 1.4 (a,b,c,d).\n1. (C) TEXT.\n",
        "Classified by Ambassador Eric Edelman; reasons: E.O.\n12958 1.4 (a,b,c,d).\n",
        &[
            (classifier, "Ambassador Eric Edelman"),
            (reason_letter, "a"),
            (reason_letter, "d"),
        ],
    );
    // The letters of a section on the next line.
    matches(
        classified_by,
        "Classified By: Ambassador Janet A. Sanderson. Reason: E.O. 12958 1.4\n(b), (d)\n1. (U) TEXT.\n",
        "Classified By: Ambassador Janet A. Sanderson. Reason: E.O. 12958 1.4\n(b), (d)\n",
        &[
            (reason_section, "1.4"),
            (reason_letter, "b"),
            (reason_letter, "d"),
        ],
    );
    // The invented examples: paragraph 1 of an older telegram; `(C) CLASSIFIED
    // BY` and `This message classified by`; a page break before the reasons; a section
    // that names no one; `under Section`.
    matches(
        classified_by,
        "1. CONFIDENTIAL - ENTIRE TEXT. CLASSIFIED BY: JOHN Q. DOE, AMBASSADOR. REASON: 1.5 (D).\n\n2. TEXT.\n",
        " CLASSIFIED BY: JOHN Q. DOE, AMBASSADOR. REASON: 1.5 (D).\n",
        &[(classifier, "JOHN Q. DOE, AMBASSADOR"), (reason_letter, "D")],
    );
    matches(
        classified_by,
        "SUBJECT: X\n(C) CLASSIFIED BY POLCOUNS JOHN DOE, REASONS 1.4 (B) AND (D).\n\n1. (C) TEXT.\n",
        "CLASSIFIED BY POLCOUNS JOHN DOE, REASONS 1.4 (B) AND (D).\n",
        &[(classifier, "POLCOUNS JOHN DOE")],
    );
    matches(
        classified_by,
        "SUBJECT: X\nThis message classified by DCM John Doe for reasons 1.4 (b) and (d).\n\n1. (C) Text.\n",
        " classified by DCM John Doe for reasons 1.4 (b) and (d).\n",
        &[(classifier, "DCM John Doe")],
    );
    matches(
        classified_by,
        "SUBJECT: X\nClassified By: DCM John Doe\nCONFIDENTIAL\nPAGE 02 ASTANA 00001 091056Z\nREASONS: 1.4 (B) AND (D).\n\n1. (C) Text.\n",
        "Classified By: DCM John Doe\nCONFIDENTIAL\nPAGE 02 ASTANA 00001 091056Z\nREASONS: 1.4 (B) AND (D).\n",
        &[
            (classifier, "DCM John Doe"),
            (page_foot, "CONFIDENTIAL"),
            (page_break, "PAGE 02 ASTANA 00001 091056Z\n"),
            (reason_letter, "B"),
        ],
    );
    matches(
        classified_by,
        "SUBJECT: X\nCLASSIFIED BY SECTION 1.5 (B) AND (D)\n\n1. (C) Text.\n",
        "CLASSIFIED BY SECTION 1.5 (B) AND (D)\n",
        &[(reason_section, "1.5")],
    );
    matches(
        classified_by,
        "SUBJECT: X\nClassified By: Ambassador Jane Roe under Section 1.4 (b)\n\n1. (C) Text.\n",
        "Classified By: Ambassador Jane Roe under Section 1.4 (b)\n",
        &[(classifier, "Ambassador Jane Roe")],
    );
    // `CLASSIFIED BY LINE ADDED` is a correction note that names no one.
    refuses(
        classified_by,
        "SUBJECT: X\nCLASSIFIED BY LINE ADDED\n\n1. (C) Text.\n",
    );
    // `Based upon Reason` leads to the reasons.
    matches(
        classified_by,
        "Classified By: DCM Phillip Chicola Based upon Reason 1.4(B) and (D)\n1. (C) TEXT.\n",
        "Classified By: DCM Phillip Chicola Based upon Reason 1.4(B) and (D)\n",
        &[(classifier, "DCM Phillip Chicola")],
    );
}

#[test]
fn references() {
    use Rule::*;
    matches(
        ref_block,
        "REF: A) STATE 1234; STATE 5678 B) 07 TBILISI 812\n",
        "REF: A) STATE 1234; STATE 5678 B) 07 TBILISI 812\n",
        &[
            (ref_label, "A)"),
            (ref_station, "STATE"),
            (ref_serial, "1234"),
            (ref_station, "STATE"),
            (ref_serial, "5678"),
            (ref_label, "B)"),
            (ref_year, "07"),
            (ref_station, "TBILISI"),
            (ref_serial, "812"),
        ],
    );
    matches(
        ref_block,
        "REFTELS: A) Brasilia 1215, B)Sao Paulo 0031\n",
        "REFTELS: A) Brasilia 1215, B)Sao Paulo 0031\n",
        &[
            (ref_station, "Brasilia"),
            (ref_serial, "1215"),
            (ref_label, "B)"),
            (ref_station, "Sao Paulo"),
            (ref_serial, "0031"),
        ],
    );
    // A year after the item, and NOTAL.
    matches(
        ref_block,
        "REF: MINSK 701 (08) NOTAL\n",
        "REF: MINSK 701 (08) NOTAL\n",
        &[
            (ref_station, "MINSK"),
            (ref_serial, "701"),
            (ref_year_after, "(08)"),
            (ref_notal, "NOTAL"),
        ],
    );
    // An e-mail is no cable.
    matches(
        ref_block,
        "REF: A) EMAIL FROM J. DOE 3/4/09\n",
        "REF: A) EMAIL FROM J. DOE 3/4/09\n",
        &[(ref_label, "A)"), (kind_email, "EMAIL")],
    );
}

/// Reference ids in the other shapes a text writes them (issue 22, class 2), and
/// stations typed by hand (class 1), as the grammar cuts them.
#[test]
fn reference_shapes() {
    use Rule::*;
    // Glued and hyphenated.
    matches(
        ref_block,
        "REF: A. 08AMMAN0412 B. 09-LIMA-233\n",
        "REF: A. 08AMMAN0412 B. 09-LIMA-233\n",
        &[
            (ref_year, "08"),
            (ref_station, "AMMAN"),
            (ref_serial, "0412"),
            (ref_label, "B."),
            (ref_year, "09"),
            (ref_station, "LIMA"),
            (ref_serial, "233"),
        ],
    );
    // Four-digit years, glued or not, and a glued year with the serial after a space.
    matches(
        ref_block,
        "REF: A. 2006QUITO1187 B. 2007 LIMA 98 C. 10SHENYANG 003\n",
        "REF: A. 2006QUITO1187 B. 2007 LIMA 98 C. 10SHENYANG 003\n",
        &[
            (ref_year, "2006"),
            (ref_station, "QUITO"),
            (ref_serial, "1187"),
            (ref_year, "2007"),
            (ref_station, "LIMA"),
            (ref_serial, "98"),
            (ref_year, "10"),
            (ref_station, "SHENYANG"),
            (ref_serial, "003"),
        ],
    );
    // An apostrophe year; a bracketed year that belongs to the cable after it.
    matches(
        ref_block,
        "REF: A. '07 SANTIAGO 912 B. LIMA 101 (07) RECIFE 88\n",
        "REF: A. '07 SANTIAGO 912 B. LIMA 101 (07) RECIFE 88\n",
        &[
            (ref_year, "'07"),
            (ref_station, "SANTIAGO"),
            (ref_serial, "912"),
            (ref_station, "LIMA"),
            (ref_serial, "101"),
            (ref_year, "(07)"),
            (ref_station, "RECIFE"),
            (ref_serial, "88"),
        ],
    );
    refuses(ref_year_after, "REF: A. LIMA 101 (07) RECIFE 88\n");
    // The year at the end of one line, the station on the next.
    matches(
        ref_block,
        "REF: A. STATE 4411 B. 07\nLIMA 55\n",
        "REF: A. STATE 4411 B. 07\nLIMA 55\n",
        &[(ref_year, "07"), (ref_station, "LIMA"), (ref_serial, "55")],
    );
    // A year typed with a letter O; a station with a digit for a letter; a typo.
    matches(
        ref_block,
        "REF: A. O7 LIMA 55 B. 0SLO 220 C. SECSTSTE 20311\n",
        "REF: A. O7 LIMA 55 B. 0SLO 220 C. SECSTSTE 20311\n",
        &[
            (ref_year, "O7"),
            (ref_station, "LIMA"),
            (ref_station, "0SLO"),
            (ref_serial, "220"),
            (ref_station, "SECSTSTE"),
        ],
    );
}

/// Where the REF list ends (issue 22, class 3): a page marker of another station run into
/// an item is no cable, and a paragraph right below the list is no item.
#[test]
fn ref_block_ends() {
    use Rule::*;
    matches(
        ref_block,
        "REF: A. QUITO 1187 B. STATE 4411 QUITO 00000221 001.2 OF 003\n",
        "REF: A. QUITO 1187 B. STATE 4411 QUITO 00000221 001.2 OF 003\n",
        &[
            (ref_station, "STATE"),
            (ref_serial, "4411"),
            (ref_page_marker, "QUITO 00000221 001.2 OF 003"),
        ],
    );
    for text in [
        "(U) Embassy delivered the points to the MFA.",
        "(SBU) Post delivered the points to the MFA.",
        "(C) EMBASSY DELIVERED THE POINTS TO THE MFA.",
        "2. (C) Embassy delivered the points to the MFA.",
    ] {
        for gap in ["", "\n"] {
            let input = format!("Ref: STATE 4411\n{gap}{text}\n");
            matches(ref_block, &input, "Ref: STATE 4411\n", &[]);
        }
    }
    // A marking before a cited cable is a label.
    matches(
        ref_block,
        "REF: (A) STATE 1\n(B) LIMA 2\n(C) STATE 1234\n",
        "REF: (A) STATE 1\n(B) LIMA 2\n(C) STATE 1234\n",
        &[
            (ref_label, "(C)"),
            (ref_station, "STATE"),
            (ref_serial, "1234"),
        ],
    );
}

#[test]
fn classified_by() {
    use Rule::*;
    matches(
        classified_by,
        "Classified By: DCM Lisa Kubiske, reasons 1.4 (b) and (d)\n",
        "Classified By: DCM Lisa Kubiske, reasons 1.4 (b) and (d)\n",
        &[
            (classifier, "DCM Lisa Kubiske"),
            (reason_section, "1.4"),
            (reason_letter, "b"),
            (reason_letter, "d"),
        ],
    );
    // `REAS ONS` broken by a wrap, letters run together.
    matches(
        classified_by,
        "Classified By: Political Counselor Josiah Rosenblatt for reaso ns 1.4 b/d\n",
        "Classified By: Political Counselor Josiah Rosenblatt for reaso ns 1.4 b/d\n",
        &[
            (classifier, "Political Counselor Josiah Rosenblatt"),
            (reason_letter, "b"),
            (reason_letter, "d"),
        ],
    );
    // Letters wrapped, two separators in a row, a comma after the section, a parenthesis
    // before it, a section broken over two lines.
    for (line, letters) in [
        ("for Reasons 1.4 (b,\nc, & d).", &["b", "c", "d"][..]),
        ("reasons 1.4 (a), (b), and (d).", &["a", "b", "d"]),
        ("reason 1.4,  a/b/c/d.", &["a", "b", "c", "d"]),
        ("Reasons (1.4 b,d)", &["b", "d"]),
        ("reasons 1.\n4 (b/d)", &["b", "d"]),
    ] {
        let input = format!("Classified By: Ambassador Jane Doe {line}\n\n1. (C) Text.\n");
        let Some((_, inner)) = parse(classified_by, &input) else {
            panic!("no Classified By in {input:?}");
        };
        let found: Vec<&str> = inner
            .iter()
            .filter(|(r, _)| *r == reason_letter)
            .map(|(_, t)| t.as_str())
            .collect();
        assert_eq!(found, letters, "{line:?}");
        assert!(inner.contains(&(classifier, "Ambassador Jane Doe".to_string())));
    }
    matches(
        classified_by,
        "CLASSIFIED BY: Margaret Scobey, Ambassador; REASON: 1.4(B), (D)\n",
        "CLASSIFIED BY: Margaret Scobey, Ambassador; REASON: 1.4(B), (D)\n",
        &[(classifier, "Margaret Scobey, Ambassador")],
    );
}

#[test]
fn numbered_lines() {
    use Rule::*;
    matches(
        numbered_line,
        "1. (C) THE TEXT.\n",
        "1. (C) THE TEXT.\n",
        &[(number, "1"), (paragraph_marking, "(C)")],
    );
    matches(
        numbered_line,
        "(3) The text.\n",
        "(3) The text.\n",
        &[(number, "3")],
    );
    // A marking whose `(` was lost.
    matches(
        numbered_line,
        "1. C) THE TEXT.\n",
        "1. C) THE TEXT.\n",
        &[(number, "1"), (paragraph_marking, "C)")],
    );
    // A decimal number is no paragraph number.
    refuses(numbered_line, "1.5 MILLION DOLLARS\n");
    // A comma typed for the period, before a marking.
    matches(
        numbered_line,
        "1, (C) Summary. The vote went well.\n",
        "1, (C) Summary. The vote went well.\n",
        &[
            (number, "1"),
            (paragraph_marking, "(C)"),
            (block_lead, "Summary. "),
        ],
    );
    refuses(numbered_line, "1, 2 AND 3 WERE TAKEN.\n");
}

/// The openings of a summary, in their spellings.
#[test]
fn summary_labels() {
    use Rule::*;
    for (line, lead) in [
        (
            "1. Introduction and Summary: The vote",
            "Introduction and Summary: ",
        ),
        (
            "1. Summary and Recommendations. The vote",
            "Summary and Recommendations. ",
        ),
        (
            "1. Summary/Introduction. The vote",
            "Summary/Introduction. ",
        ),
        ("1. (SBU). Summary: The vote", ". Summary: "),
    ] {
        matches(
            numbered_line,
            &format!("{line} went well.\n"),
            &format!("{line} went well.\n"),
            &[(block_lead, lead), (block_word, "Summary")],
        );
    }
    // `In` is no opening.
    refuses(block_lead, "1. In summary, the vote went well.\n");
}

#[test]
fn headings() {
    use Rule::*;
    matches(
        heading,
        "SUMMARY\n-------\n\n1. (C) X\n",
        "SUMMARY\n-------\n\n",
        &[(long_heading_line, "SUMMARY"), (underline, "-------")],
    );
    // A sentence is no heading.
    refuses(heading, "The minister said so.\n1. (C) X\n");
}

#[test]
fn signature_and_trailers() {
    use Rule::*;
    const TEXT: &str = "1. (U) The text.\n\n";
    let closing_of = |end: &str| format!("{TEXT}{end}");
    matches(
        closing,
        &closing_of("HOAGLAND\n"),
        "HOAGLAND\n",
        &[(caps_signer, "HOAGLAND")],
    );
    matches(
        closing,
        &closing_of("VAN VOORST\nNNNN\n"),
        "VAN VOORST\nNNNN\n",
        &[(caps_signer, "VAN VOORST"), (trailer, "NNNN\n")],
    );
    // Junk after the name stays out of it.
    matches(
        closing,
        &closing_of("STEVENS 0 03/12/2008\n"),
        "STEVENS 0 03/12/2008\n",
        &[(caps_signer, "STEVENS")],
    );
    matches(
        closing,
        &closing_of("van Voorst\n"),
        "van Voorst\n",
        &[(signer, "van Voorst")],
    );
    // End markers and trailers are no signers.
    refuses(signature, &closing_of("END COMMENT.\n"));
    refuses(signature, &closing_of("NNNN\n"));
    refuses(signature, &closing_of("SIPDIS\n"));
    // Text after the name: not the end of the cable.
    refuses(signature, &closing_of("SMITH\nThe minister said so.\n"));
    // One name in mixed case alone on its line may end with a period.
    matches(
        closing,
        &closing_of("Wayne.\n"),
        "Wayne.\n",
        &[(dotted_signer, "Wayne")],
    );
    refuses(signature, &closing_of("Tawar Rasheed.\n"));
    // The signer, then `NNNN` and a footer.
    matches(
        closing,
        &closing_of("MCCARTHY\nNNNN\n2008LIMA00412 - Classification: UNCLASSIFIED\n"),
        "MCCARTHY\nNNNN\n2008LIMA00412 - Classification: UNCLASSIFIED\n",
        &[(caps_signer, "MCCARTHY"), (trailer, "NNNN\n")],
    );
}

/// The last word of a sentence in capitals, alone on the line below it, is no signer.
#[test]
fn a_sentence_keeps_its_last_word() {
    let text = format!("{BANNER}\n1. (U) WE THANK THE MINISTRY FOR THEIR\nCOOPERATION.\n");
    let cable = crate::parse(&text);
    assert_eq!(cable.body.and_then(|b| b.signature), None);
}

/// A signer run on after the last sentence, in the tree: `Mc` and `Mac` names too.
#[test]
fn signers_run_on() {
    for (last, signer) in [
        (
            "Thanks to all who cleared this message. McCarthy",
            "McCarthy",
        ),
        ("End comment. MacLeod", "MacLeod"),
        ("End comment. Hoffman", "Hoffman"),
    ] {
        let cable = crate::parse(&format!("{BANNER}\n1. (U) The text.\n\n2. (U) {last}\n"));
        let signature = cable.body.and_then(|b| b.signature).map(|s| s.name);
        assert_eq!(signature.as_deref(), Some(signer), "{last}");
    }
}
