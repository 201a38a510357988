//! Invariants every parse result must hold, whatever the input.
//!
//! Shared by the fuzz targets (`cable-core/fuzz/fuzz_targets/*`) and by the property and
//! adversarial tests (`cable-core/tests/{properties,adversarial}.rs` include this file with
//! `#[path]`). Depends on `cable_core` only. Every check panics with a message naming
//! the node and the span, so a fuzzer crash or a proptest failure says what broke.

#![allow(dead_code)]

use cable_core::{Body, Cable, Header, Paragraph, Span};

/// Checks every invariant of `cable`, parsed from a document whose text is `text`
/// (`decode(input, container).text`: the input itself for text exports and bare text).
pub fn check_cable(cable: &Cable, text: &str) {
    check_spans(cable, text);
    check_paragraph_words(cable, text);
    check_json_round_trip(cable);
}

/// The span lies inside `text`, is not reversed, and both ends are on char boundaries.
pub fn check_span(what: &str, span: Span, text: &str) {
    assert!(span.start <= span.end, "{what}: reversed span {span:?}");
    assert!(
        span.end <= text.len(),
        "{what}: span {span:?} runs past the document text ({} bytes)",
        text.len()
    );
    assert!(
        text.is_char_boundary(span.start) && text.is_char_boundary(span.end),
        "{what}: span {span:?} cuts a character"
    );
}

/// The child span lies inside the parent span (and both are valid).
fn check_child(what: &str, child: Span, parent: Span, text: &str) {
    check_span(what, child, text);
    assert!(
        parent.contains(&child),
        "{what}: span {child:?} lies outside its parent {parent:?}"
    );
}

/// Every span of the tree is valid, and every child lies within its parent.
pub fn check_spans(cable: &Cable, text: &str) {
    assert_eq!(
        cable.span,
        Span::new(0, text.len()),
        "cable: the root span must cover the document text"
    );
    let root = cable.span;
    for d in &cable.diagnostics {
        check_child(&format!("diagnostic {:?}", d.code), d.span, root, text);
    }
    if let Some(m) = &cable.metadata {
        check_child("metadata", m.span, root, text);
    }
    if let Some(h) = &cable.header {
        check_child("header", h.span, root, text);
        check_header(h, text);
    }
    if let Some(b) = &cable.body {
        check_child("body", b.span, root, text);
        check_body(b, text);
    }
    if let (Some(h), Some(b)) = (&cable.header, &cable.body) {
        assert!(
            h.span.end <= b.span.start,
            "header {:?} and body {:?} overlap",
            h.span,
            b.span
        );
    }
}

fn check_header(h: &Header, text: &str) {
    let p = h.span;
    if let Some(r) = &h.routing {
        check_child("header.routing", r.span, p, text);
    }
    if let Some(de) = &h.de {
        check_child("header.de", de.span, p, text);
    }
    if let Some(dtg) = &h.dtg {
        check_child("header.dtg", dtg.span, p, text);
    }
    for (i, r) in h.to.iter().chain(&h.info).enumerate() {
        check_child(&format!("header recipient {i}"), r.span, p, text);
    }
    if let Some(d) = &h.distribution {
        check_child("header.distribution", d.span, p, text);
    }
    for pb in &h.page_breaks {
        check_child("header page break", pb.span, p, text);
        assert_eq!(
            collapse(&text[pb.span.start..pb.span.end]),
            pb.text,
            "header page break text differs from its span"
        );
    }
    for u in &h.unparsed {
        check_child("header unparsed line", u.span, p, text);
        assert_eq!(
            &text[u.span.start..u.span.end],
            u.text,
            "unparsed header text differs from its span"
        );
    }
}

fn check_body(b: &Body, text: &str) {
    let p = b.span;
    if let Some(banner) = &b.banner {
        check_child("body.banner", banner.span, p, text);
    }
    if let Some(eo) = &b.executive_order {
        check_child("body.executive_order", eo.span, p, text);
    }
    for (i, r) in b.references.iter().enumerate() {
        check_child(&format!("reference {i} ({:?})", r.label), r.span, p, text);
    }
    if let Some(c) = &b.classified_by {
        check_child("body.classified_by", c.span, p, text);
    }
    let mut previous_end = p.start;
    for (i, para) in b.paragraphs.iter().enumerate() {
        check_child(
            &format!("paragraph {i} ({:?})", para.number),
            para.span,
            p,
            text,
        );
        assert!(
            para.span.start >= previous_end,
            "paragraph {i} {:?} overlaps the paragraph before it (which ends at {previous_end})",
            para.span
        );
        previous_end = para.span.end;
    }
    if let Some(s) = &b.summary {
        check_child("body.summary", s.span, p, text);
    }
    for c in &b.comments {
        check_child("body comment", c.span, p, text);
    }
    for pb in &b.page_breaks {
        check_child("body page break", pb.span, p, text);
        assert_eq!(
            collapse(&text[pb.span.start..pb.span.end]),
            pb.text,
            "body page break text differs from its span"
        );
    }
}

/// Whitespace runs collapsed to one space, ends trimmed.
fn collapse(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The characters that carry words: whitespace (with U+FEFF, which the grammar reads as a
/// space) and the export's `¶` artifact removed. A backslash at the end of a line (a `cables.csv` dump's artifact, read by the grammar as
/// part of the line break) is no word either.
pub fn squash(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for (i, c) in s.char_indices() {
        // Only spaces between it and the line break or the end of the text, as the
        // grammar's `sp` reads them: space, tab, vertical tab, form feed, the wide spaces.
        let ends_line = || {
            let after = s[i + 1..].trim_start_matches(is_grammar_space);
            after.is_empty() || after.starts_with(['\n', '\r'])
        };
        if c == '\\' && ends_line() {
            continue;
        }
        if !c.is_whitespace() && c != '¶' && c != '\u{feff}' {
            out.push(c);
        }
    }
    out
}

/// A character the grammar's `sp` rule reads as a space (`grammar/tokens.pest`).
fn is_grammar_space(c: char) -> bool {
    matches!(
        c,
        ' ' | '\t' | '\u{b}' | '\u{c}' | '\u{a0}' | '\u{1680}' | '\u{2000}'
            ..='\u{200a}' | '\u{202f}' | '\u{205f}' | '\u{3000}' | '\u{feff}'
    )
}

/// The characters of a tree value that carry words: whitespace, U+FEFF and `¶` removed.
fn squash_text(s: &str) -> String {
    s.chars()
        .filter(|c| !c.is_whitespace() && *c != '¶' && *c != '\u{feff}')
        .collect()
}

/// Each paragraph's span, sliced from the document text (page-break lines left out),
/// holds exactly the paragraph's words, after its heading, number and marking:
/// nothing is invented or dropped.
pub fn check_paragraph_words(cable: &Cable, text: &str) {
    let Some(body) = &cable.body else { return };
    for (i, para) in body.paragraphs.iter().enumerate() {
        check_span(&format!("paragraph {i}"), para.span, text);
        let sliced = squash(&paragraph_source(para, &body.page_breaks, text));
        // The tree's text has no line-end artifacts left: a backslash in it is a character.
        let words = squash_text(&para.text);
        assert!(
            sliced.ends_with(&words),
            "paragraph {i} ({:?}) at {:?}: its text is not what its span holds\n  text: {:?}\n  span: {:?}",
            para.number,
            para.span,
            para.text,
            &text[para.span.start..para.span.end]
        );
        // What precedes the text: the heading, then the number and marking. Dashes and the
        // characters that box a heading (`//HEADING//`, `*** HEADING ***`) carry no words.
        let no_dash = |s: &str| s.replace(['-', '=', '_', '/', '*'], "");
        let before = no_dash(&sliced[..sliced.len() - words.len()]);
        // The heading is a tree value too: a backslash left at its end (`HEADING \`, from a
        // line of dashes holding one) is a character, not a line-end artifact.
        let heading = no_dash(&para.heading.as_deref().map(squash_text).unwrap_or_default());
        assert!(
            before.starts_with(&heading),
            "paragraph {i} ({:?}) at {:?}: heading {:?} is not in its span (found {before:?} before the text)",
            para.number,
            para.span,
            para.heading
        );
        let rest = &before[heading.len()..];
        match para.number {
            None => assert!(
                rest.is_empty(),
                "paragraph {i} without number at {:?}: {rest:?} dropped from its text",
                para.span
            ),
            Some(n) => {
                // The number is written `3.` or `(3)`.
                let rest = rest.strip_prefix('(').unwrap_or(rest);
                let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
                assert_eq!(
                    rest[..digits].parse::<u64>().ok(),
                    Some(u64::from(n)),
                    "paragraph {i}: number {n} not at its start ({rest:?})"
                );
                let after = &rest[digits..];
                let after = after.strip_prefix(')').unwrap_or(after);
                let marking = para.marking.as_deref().map(|m| no_dash(&squash_text(m)));
                // The grammar also takes a marking whose `(` was lost (`1. C) text`), and a
                // comma for the dot before a marking (`1, (C) Summary`, issue 22).
                let allowed = match &marking {
                    Some(m) => vec![
                        format!(".({m})"),
                        format!(".{m})"),
                        format!("({m})"),
                        format!(",({m})"),
                    ],
                    None => vec![".".to_string(), String::new()],
                };
                assert!(
                    allowed.iter().any(|a| after == a),
                    "paragraph {i} ({n}): words dropped between number and text ({after:?})"
                );
            }
        }
    }
}

/// The text a paragraph's span covers, without the page-break lines inside it.
fn paragraph_source(para: &Paragraph, page_breaks: &[cable_core::PageBreak], text: &str) -> String {
    let mut out = String::new();
    let mut pos = para.span.start;
    for pb in page_breaks.iter().filter(|pb| para.span.contains(&pb.span)) {
        if pb.span.start < pos {
            continue;
        }
        out.push_str(&text[pos..pb.span.start]);
        out.push('\n');
        pos = pb.span.end;
    }
    out.push_str(&text[pos..para.span.end]);
    out
}

/// `to_json` output deserialises back to an equal tree.
pub fn check_json_round_trip(cable: &Cable) {
    let json = cable.to_json();
    let back = Cable::from_json(&json)
        .unwrap_or_else(|e| panic!("to_json output does not deserialise: {e}"));
    assert!(
        back == *cable,
        "from_json(to_json(cable)) differs from the cable"
    );
}
