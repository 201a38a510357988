//! The `Classified By:` line: its labels, the classifier and the reasons, in the spellings
//! of the long tail. One rule, read in the head and in paragraph 1 of older telegrams.

use super::{matches, parse, refuses};
use crate::grammar::Rule;

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
    // `per reasons` leads to the reasons, after a comma or not; `per` alone does not.
    for line in [
        "Classified By: Consul General John Roe, per reasons 1.4 (b) and (d).\n",
        "Classified By: Legal Counselor Jane Doe per reasons 1.5(b, d).\n",
    ] {
        let Some((_, inner)) = parse(classified_by, line) else {
            panic!("no Classified By in {line:?}");
        };
        let by = inner
            .iter()
            .find(|(r, _)| *r == classifier)
            .map(|(_, t)| t.as_str());
        assert!(!by.unwrap_or_default().contains("per"), "{by:?}");
        assert!(inner.iter().any(|(r, _)| *r == reason_letter), "{line:?}");
    }
    // A dash between two letters is a run (`letter_through`), which the tree spells out.
    matches(
        classified_by,
        "Classified By: Jane Doe, Legal Counselor, Reason 1.5(b)-(d).\n",
        "Classified By: Jane Doe, Legal Counselor, Reason 1.5(b)-(d).\n",
        &[
            (classifier, "Jane Doe, Legal Counselor"),
            (reason_section, "1.5"),
            (reason_letter, "b"),
            (letter_through, "-"),
            (reason_letter, "d"),
        ],
    );
    let cable = crate::parse(
        "CONFIDENTIAL THE HAGUE 000001\n\nSUBJECT: X\n\nClassified By: Jane Doe, Legal Counselor, Reason 1.5(b)-(d).\n\n1. (C) Text.\n",
    );
    let found = cable.body.and_then(|b| b.classified_by).map(|c| c.reasons);
    assert_eq!(
        found.as_deref(),
        Some(&["1.5(b)".to_string(), "1.5(c)".into(), "1.5(d)".into()][..])
    );
    matches(
        classified_by,
        "CLASSIFIED BY: Margaret Scobey, Ambassador; REASON: 1.4(B), (D)\n",
        "CLASSIFIED BY: Margaret Scobey, Ambassador; REASON: 1.4(B), (D)\n",
        &[(classifier, "Margaret Scobey, Ambassador")],
    );
}
