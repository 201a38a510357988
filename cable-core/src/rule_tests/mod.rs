//! Rule-level tests: each tricky grammar rule on small inputs, as pest's own grammars are
//! tested. A case names the rule, the input, what the rule must match, and the inner
//! pairs (rule and text) the builders will read.
//!
//! Body rules run inside a body (a banner line goes first), parsed as the parser does: the
//! head, then the text and the closing as regions of their own (`crate::regions`). The
//! head puts the sentinel on pest's stack that `PEEK` in `page_marker_runon` compares with,
//! and a rule is then tested where the grammar really tries it.
//!
//! This module is the harness every case goes through (`matches`, `refuses`); the cases
//! are in one module per area of the grammar, as the body reads it from top to bottom.

use pest::iterators::Pair;
use pest::Parser;

use crate::grammar::{CableParser, Rule};

mod before_banner;
mod classified_by;
mod closing;
mod head;
mod paragraphs;
mod references;

/// What goes before each input: a banner line.
const BANNER: &str = "UNCLAS STATE 000001\n";

/// Rules that stand above the body's banner (the header, a page's prelude, a preview):
/// their inputs are whole documents, which bring their own banner.
const ABOVE_THE_BANNER: &[Rule] = &[
    Rule::routing,
    Rule::de_line,
    Rule::security_line,
    Rule::dtg_line,
    Rule::fm_line,
    Rule::to_section,
    Rule::info_section,
    Rule::recipient,
    Rule::distribution,
    Rule::prelude,
    Rule::prelude_line,
    Rule::date_line_of_publication,
    Rule::record_block,
    Rule::record_field,
    Rule::preview,
    Rule::record_row,
];

/// Parses `input` as a body, or directly with `rule` when it is the banner, or as a whole
/// document when `rule` stands above the banner, and returns the text of the first pair
/// of `rule` with every pair inside it, flattened.
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
    if ABOVE_THE_BANNER.contains(&rule) {
        let document = CableParser::parse(Rule::bare_head, input).ok()?;
        return document.flatten().find(|p| p.as_rule() == rule).map(flat);
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
