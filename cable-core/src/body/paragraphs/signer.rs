//! A signer run on at the end of the last line of text (`... End comment. SMITH`). Only
//! the last line can hold one, so it is looked for once the drafts are read and before
//! they are finished: it cuts that line's text.

use pest::iterators::Pair;

use super::{Draft, TextPart};
use crate::ast::{Signature, Span};
use crate::grammar::Rule;
use crate::pairs::probe;
use crate::pairs::span_of;

/// A signer run on at the end of the last line of the text (`... End comment. SMITH`):
/// the signature, and the line's text ends before it. Only where blank lines alone stand
/// below the line. The grammar decides at the places where the signer may start: after
/// the line's first sentence end where `runon_at` matches, unless a paragraph run on
/// inside the line stops the search first (`midline_stop`); else after a web address.
pub(super) fn runon_signer(text: &str, body: &mut TextPart, drafts: &mut [Draft]) {
    let Some((Some(from), end)) = body.last_line else {
        return;
    };
    let below = crate::regions::matches(Rule::probe_text_end, &text[end..]);
    let last = drafts.last_mut().and_then(|d| d.lines.last_mut());
    let Some(line) = last.filter(|line| below && line.end == end) else {
        return;
    };
    let found = match signer_after_sentence(text, from, end) {
        Runon::Signer(cut, signer) => {
            line.end = cut;
            Some(signer)
        }
        Runon::None => None,
        Runon::NotAfterSentence => signer_after_url(text, from, end),
    };
    if found.is_some() {
        body.signature = found;
    }
}

/// What the search for a signer after a sentence end found.
enum Runon {
    /// The signer: where the text ends, and the signature.
    Signer(usize, Signature),
    /// A paragraph run on after a sentence end, inside the line: no signer.
    None,
    /// No sentence end before a signer: one may follow a web address.
    NotAfterSentence,
}

/// A signature from a `runon_signature` pair found at `text[at..]`.
fn signature_at(signer: &Pair<'_, Rule>, at: usize) -> Signature {
    let span = span_of(signer);
    Signature {
        name: crate::body::closing::signer_name(signer.as_str()),
        span: Span::new(at + span.start, at + span.end),
    }
}

/// The signer after the first sentence end of `text[from..end]` where `runon_at` matches.
/// The places tried are those where a sentence ends or a paragraph may run on (`.`, `-`):
/// a paragraph run on ends the search (after a sentence end, the line has no signer), a
/// run of dashes is one place, and a `\r` ends the line.
fn signer_after_sentence(text: &str, from: usize, end: usize) -> Runon {
    let bytes = text.as_bytes();
    let mut at = from;
    while at < end {
        let rest = &text[at..];
        let place = match bytes[at] {
            b'\r' => return Runon::NotAfterSentence,
            b'.' | b'!' | b'?' | b'"' | b')' | b'-' => true,
            b'c' => rest.starts_with("cfm"),
            b'h' => rest.starts_with("htm"),
            _ => rest.starts_with('”'),
        };
        if place {
            if let Some(found) = probe(Rule::probe_runon_at, text, at) {
                let mut cut = at;
                let mut signature = None;
                for part in found.into_inner() {
                    match part.as_rule() {
                        Rule::text_cut => cut = at + part.as_span().start(),
                        Rule::runon_signature => signature = Some(signature_at(&part, at)),
                        _ => {}
                    }
                }
                return signature.map_or(Runon::None, |s| Runon::Signer(cut, s));
            }
            if crate::regions::matches(Rule::probe_midline_stop, rest) {
                return if bytes[at] == b'.' {
                    Runon::None
                } else {
                    Runon::NotAfterSentence
                };
            }
            if bytes[at] == b'-' {
                at += rest.len() - rest.trim_start_matches('-').len();
                continue;
            }
        }
        at += rest.chars().next().map_or(1, char::len_utf8);
    }
    Runon::NotAfterSentence
}

/// The signer after the spaces that follow the first `http` of `text[from..end]` (a web
/// address ends the line's last sentence): the signature; the text keeps it.
fn signer_after_url(text: &str, from: usize, end: usize) -> Option<Signature> {
    let line = &text[from..end];
    let http = line.find("http")?;
    if line[..http].contains('\r') {
        return None;
    }
    for (i, c) in line[http..].char_indices() {
        if c == '\r' {
            return None;
        }
        let at = from + http + i;
        // `sp`: ASCII spaces and tabs, and the Unicode spaces, which the grammar tells apart.
        if matches!(c, ' ' | '\t' | '\u{b}' | '\u{c}') || !c.is_ascii() {
            if let Some(found) = probe(Rule::probe_runon_after_url, text, at) {
                let signer = found
                    .into_inner()
                    .find(|p| p.as_rule() == Rule::runon_signature)?;
                return Some(signature_at(&signer, at));
            }
        }
    }
    None
}
