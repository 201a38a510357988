//! The rules of the text region: numbered lines, the leads that open a summary, and
//! headings. They decide where a paragraph starts, which the paragraphs then check.

use super::{matches, refuses};
use crate::grammar::Rule;

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
