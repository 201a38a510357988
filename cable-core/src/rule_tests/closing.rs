//! The closing: signatures, trailers and a signer run on after the last sentence. The
//! closing is a region of its own; the run-on signer is read in the text, so its cases
//! look at the tree.

use super::{matches, refuses, BANNER};
use crate::grammar::Rule;

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

/// The cablegate site's record line run on after the signer, in the middle of the last
/// line (`... End comment. STEVENS 0 11/21/2007 11229 ECON,LY TITLE Teaser...`): the signer
/// ends the text and the record is a trailer, not the paragraph's words. A ` 0 ` and a
/// number in running text start no record.
#[test]
fn the_site_record_run_on_after_the_signer() {
    let last = "End comment. STEVENS 0 11/21/2007 11229 ECON,EINV,LY LIBYAN MARKET TESTS \
                COMPANIES Although an alluring market, Libya is difficult...";
    let cable = crate::parse(&format!("{BANNER}\n1. (U) The text.\n\n2. (U) {last}\n"));
    let body = cable.body.expect("a body");
    assert_eq!(body.signature.map(|s| s.name).as_deref(), Some("STEVENS"));
    assert_eq!(body.paragraphs[1].text, "End comment.");
    assert!(body.trailers[0]
        .text
        .starts_with("0 11/21/2007 11229 ECON,EINV,LY"));
    let cable = crate::parse(&format!(
        "{BANNER}\n1. (U) The score was 0 2 after 1 0 in the first half.\n"
    ));
    let body = cable.body.expect("a body");
    assert!(body.paragraphs[0].text.ends_with("first half."));
    assert!(body.trailers.is_empty());
}

/// `MINIMIZE CONSIDERED` before the signer is no part of the name.
#[test]
fn minimize_considered_before_the_signer() {
    let cable = crate::parse(&format!(
        "{BANNER}\n1. (C) The President also mentioned it.\n\nMINIMIZE CONSIDERED SHANNON\n"
    ));
    let signature = cable.body.and_then(|b| b.signature).map(|s| s.name);
    assert_eq!(signature.as_deref(), Some("SHANNON"));
}

/// A word that opens a sentence is no signer run on: the text was cut short after it.
#[test]
fn a_cut_sentence_has_no_signer() {
    for last in [
        "for insulting her dignity.  The",
        "as the minister said. THIS",
    ] {
        let cable = crate::parse(&format!(
            "{BANNER}\n1. (U) The text.\n\n2. (U) {last}\n\n\n***\n* Missing Section 002 *\n***\n"
        ));
        assert_eq!(cable.body.and_then(|b| b.signature), None, "{last}");
    }
}
