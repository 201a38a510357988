//! The speed helpers of `grammar/body.pest` (its "Speed helpers" section) against the
//! plain forms they stand for, on every line of the test corpus and on each character
//! before a few tails: a first-byte gate must admit every input its rule reads (it may
//! admit more), `runon_free` must share no first character with `runon`, a nested unroll
//! must reach exactly as far as the repetition it writes out, and `plain_lines` must read
//! exactly the lines that `text_line` reads without a marking or an opening.
//!
//! Each rule is reached through a `t_*` entry of the grammar's "Rule-test entries" section,
//! which always matches and holds a `hit` where its rule matched.

use pest::iterators::Pair;
use pest::Parser;

use crate::grammar::{CableParser, Rule};

/// The station that the region's input carries before the text (`STATION\0text`).
const STATION: &str = "ASTANA";

/// Where `rule` put its `hit`, if it did (`None` also when the entry fails, which only the
/// entries with a stack can).
fn hit_at(rule: Rule, input: &str) -> Option<usize> {
    let pairs = CableParser::parse(rule, input).ok()?;
    let found = pairs
        .flatten()
        .find(|p| p.as_rule() == Rule::hit)
        .map(|p| p.as_span().start());
    found
}

/// `hit` on the region's input: the station, `\0`, then `text`; the place is in `text`.
fn hit_in_region(rule: Rule, text: &str) -> Option<usize> {
    let input = format!("{STATION}\0{text}");
    hit_at(rule, &input).map(|at| at - STATION.len() - 1)
}

/// Texts to try rules at: each line of the test corpus with what follows it (to 300
/// bytes), and each character that a gate tests before a few tails that reach its rules.
fn samples() -> Vec<String> {
    let root = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/corpus");
    let mut files: Vec<_> = ["cablegate-txt", "cablegate-html", "cablegate-page"]
        .iter()
        .flat_map(|dir| std::fs::read_dir(format!("{root}/{dir}")).expect("the test corpus"))
        .map(|e| e.expect("a corpus file").path())
        .collect();
    files.sort();
    let mut out = Vec::new();
    for path in files.iter().step_by(3) {
        let input = std::fs::read_to_string(path).expect("UTF-8 cable");
        let text = crate::decode(&input, None).text.into_owned();
        let mut at = 0;
        while at < text.len() {
            let mut end = (at + 300).min(text.len());
            while !text.is_char_boundary(end) {
                end -= 1;
            }
            out.push(text[at..end].to_string());
            at += text[at..].find('\n').map_or(text.len() - at, |i| i + 1);
        }
    }
    let tails = [
        "",
        " ",
        "\n",
        "AGS: PREL",
        ".O. 12958: N/A",
        "UBJECT: X",
        "EF: A. STATE 1",
        "1. (U) Text",
        "---------",
        "(U) Text",
        "UMMARY: x",
        "OMMENT: x",
        "ONFIDENTIAL",
        "NCLAS",
        "ECRET",
        "ASTANA 00000001 001.2 OF 002",
        "LASSIFIED BY: X",
        "C) The",
        ") Text",
        "2. Text",
    ];
    let chars = (0u32..0x180)
        .chain([0xa0, 0xb6, 0x2003, 0x2019, 0x201d, 0x3000, 0xfeff])
        .filter_map(char::from_u32);
    for c in chars {
        for tail in tails {
            out.push(format!("{c}{tail}"));
            out.push(format!(" {c}{tail}"));
        }
    }
    out
}

/// For each pair of a gate and the rule it guards: where the rule matches, the gate does;
/// and both the rule and the gate's refusals are met in the samples (the check is not
/// empty).
#[test]
fn gates_admit_every_input_their_rules_read() {
    use Rule::*;
    let samples = samples();
    let pairs = [
        (t_numbered_gate, t_numbered_shape, false),
        (t_underline_gate, t_underline_shape, false),
        (t_marking_gate, t_marking_spelling, false),
        (t_lead_gate, t_lead, false),
        (t_glued_gate, t_glued_keyword, false),
        (t_runon_gate, t_runon_after_spaces, true),
    ];
    for (gate, rule, region) in pairs {
        let probe = |r: Rule, s: &str| {
            if region {
                hit_in_region(r, s).is_some()
            } else {
                hit_at(r, s).is_some()
            }
        };
        // `runon` tries its gate after all its spaces (`sp+`): never at a space.
        let is_sp = crate::text::is_sp;
        let (mut read, mut refused) = (0, 0);
        for s in &samples {
            let s = if region {
                s.trim_start_matches(is_sp)
            } else {
                s.as_str()
            };
            let admitted = probe(gate, s);
            refused += usize::from(!admitted);
            if probe(rule, s) {
                read += 1;
                assert!(admitted, "{gate:?} refuses {s:?}, which {rule:?} reads");
            }
        }
        assert!(
            read > 0 && refused > 0,
            "{gate:?}: {read} read, {refused} refused"
        );
    }
}

/// Each place in the samples where the `free` rule (a set of characters) takes the
/// character: `begins` (the rules it stands in for) never matches there, and `check`
/// holds. Both kinds of place are met (the check is not empty).
fn shares_no_first_character(free: Rule, begins: Rule, check: impl Fn(&str)) {
    let (mut taken, mut begun) = (0, 0);
    for s in samples() {
        for (i, _) in s.char_indices().take(120) {
            let at = &s[i..];
            let begin = hit_in_region(begins, at).is_some();
            begun += usize::from(begin);
            if hit_at(free, at).is_some() {
                taken += 1;
                assert!(!begin, "{begins:?} begins at {at:?}, which {free:?} takes");
                check(at);
            }
        }
    }
    assert!(
        taken > 0 && begun > 0,
        "{free:?} took {taken} characters, {begins:?} began {begun} times"
    );
}

/// A character `runon_free` takes is never where `runon` begins, nor a line's end, nor a
/// space (`subject_char` and `eo_char` take it before their tails, which begin with
/// spaces).
#[test]
fn runon_free_shares_no_first_character_with_runon() {
    shares_no_first_character(Rule::t_runon_free, Rule::t_runon, |at| {
        assert!(
            !at.starts_with(['\\', '\n', '\r']),
            "runon_free takes a line end: {at:?}"
        );
        assert!(
            !at.starts_with(crate::text::is_sp),
            "runon_free takes a space: {at:?}"
        );
    });
}

/// A character `classifier_free` takes is never where the reasons or the classifier's end
/// begin (`classifier_char` skips those two tests for it).
#[test]
fn classifier_free_shares_no_first_character_with_the_classifiers_end() {
    shares_no_first_character(Rule::t_classifier_free, Rule::t_classifier_end, |_| {});
}

/// A nested unroll reaches exactly as far as the repetition it writes out.
#[test]
fn unrolled_rules_reach_as_far_as_their_plain_forms() {
    use Rule::*;
    let samples = samples();
    let mut long = vec![
        "A".repeat(100),
        "AB CD ".repeat(20),
        "HEADING \\ TEXT".into(),
    ];
    long.extend((0..90).map(|n| format!("{}\n1. x", "H".repeat(n))));
    for (unrolled, plain) in [
        (t_heading_text80, t_heading_text80_plain),
        (t_heading_text10, t_heading_text10_plain),
        (t_prelude_lines4, t_prelude_lines4_plain),
        (t_addressee_block4, t_addressee_block4_plain),
    ] {
        let mut reached = 0;
        for s in samples.iter().chain(&long) {
            let (a, b) = (hit_in_region(unrolled, s), hit_in_region(plain, s));
            assert_eq!(a, b, "{unrolled:?} and {plain:?} reach apart on {s:?}");
            reached += usize::from(a.is_some_and(|at| at > 0));
        }
        assert!(reached > 0, "{unrolled:?} never read anything");
    }
}

/// The rules of `text_line`'s line: its inner pairs.
fn text_line_rules(text: &str) -> Vec<Rule> {
    let input = format!("{STATION}\0{text}");
    let Ok(pairs) = CableParser::parse(Rule::t_text_line, &input) else {
        return Vec::new();
    };
    let line: Option<Pair<'_, Rule>> = pairs.flatten().find(|p| p.as_rule() == Rule::text_line);
    line.map(|l| l.into_inner().flatten().map(|p| p.as_rule()).collect())
        .unwrap_or_default()
}

/// `plain_line` reads a line exactly when `text_line` reads it with no marking and no
/// SUMMARY or COMMENT opening (and it is no blank line, page break or numbered line, which
/// `para_rest` tries first), and to the same end.
#[test]
fn plain_lines_are_text_lines_without_marking_or_opening() {
    let (mut plain, mut other) = (0, 0);
    for s in samples() {
        let plain_end = hit_in_region(Rule::t_plain_line, &s);
        let text_end = hit_in_region(Rule::t_text_line, &s);
        let rules = text_line_rules(&s);
        let marked = rules
            .iter()
            .any(|r| matches!(r, Rule::paragraph_marking | Rule::block_lead));
        let tried_first = crate::regions::matches(Rule::probe_blank, &s)
            || crate::regions::matches(Rule::probe_page_break, &s)
            || (hit_at(Rule::t_numbered_gate, &s).is_some()
                && hit_at(Rule::t_numbered_shape, &s).is_some());
        let expected = if marked || tried_first {
            None
        } else {
            text_end
        };
        assert_eq!(
            plain_end, expected,
            "plain_line and text_line part on {s:?}"
        );
        plain += usize::from(plain_end.is_some());
        other += usize::from(plain_end.is_none() && text_end.is_some());
    }
    assert!(
        plain > 0 && other > 0,
        "{plain} plain lines, {other} other text lines"
    );
}
