//! The REF list: its items, the shapes of the ids they cite, and where the list ends.
//! One block whose items the builders turn into references, cable by cable.

use super::{matches, refuses};
use crate::grammar::Rule;

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
