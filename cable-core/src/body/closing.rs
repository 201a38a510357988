//! The closing: the signature and the trailers that end the text.

use pest::iterators::Pair;

use crate::ast::*;
use crate::grammar::Rule;
use crate::pairs::span_of;
use crate::pairs::{parse_page_break, trimmed_span};
use crate::text::collapse;

/// What the closing gives the body, with spans counted from the start of the closing,
/// which was parsed on its own, until [`ClosingPart::merge_into`] places them.
#[derive(Default)]
pub(super) struct ClosingPart {
    signature: Option<Signature>,
    trailers: Vec<Trailer>,
    page_breaks: Vec<PageBreak>,
}

impl ClosingPart {
    /// Adds the closing's nodes to `body`, their spans moved by `base`, where the closing
    /// starts. A signature line replaces a signer run on at the end of the text.
    pub(super) fn merge_into(self, body: &mut Body, base: isize) {
        if let Some(mut signature) = self.signature {
            signature.span = signature.span.offset(base);
            body.signature = Some(signature);
        }
        body.trailers.extend(self.trailers.into_iter().map(|mut t| {
            t.span = t.span.offset(base);
            t
        }));
        body.page_breaks
            .extend(self.page_breaks.into_iter().map(|mut p| {
                p.span = p.span.offset(base);
                p
            }));
    }
}

/// The signer's name: its words, once when the export wrote the name twice (`END
/// COMMENT. SHANNON SHANNON`; no signer is named the same word twice over).
pub(super) fn signer_name(text: &str) -> String {
    let name = collapse(text);
    let words: Vec<&str> = name.split(' ').collect();
    let half = words.len() / 2;
    if words.len().is_multiple_of(2) && half > 0 && words[..half] == words[half..] {
        words[..half].join(" ")
    } else {
        name
    }
}

/// `closing`: the signature on its own line, trailers and page markers.
pub(super) fn parse_closing(pair: Pair<'_, Rule>) -> ClosingPart {
    let mut out = ClosingPart::default();
    let body = &mut out;
    for part in pair.into_inner() {
        match part.as_rule() {
            Rule::signature => {
                if let Some(signer) = part.into_inner().find(|p| {
                    matches!(
                        p.as_rule(),
                        Rule::signer | Rule::caps_signer | Rule::dotted_signer
                    )
                }) {
                    body.signature = Some(Signature {
                        name: signer_name(signer.as_str()),
                        span: span_of(&signer),
                    });
                }
            }
            Rule::trailer | Rule::loose_trailer | Rule::web_trailer => {
                body.trailers.push(Trailer {
                    text: collapse(part.as_str()),
                    span: trimmed_span(&part),
                })
            }
            Rule::page_break => body.page_breaks.push(parse_page_break(part)),
            // Another cable appended by the page: its first line says which; the whole of
            // it stays in the document, and the trailer's span covers it.
            Rule::appended_record => {
                let first = part.as_str().lines().next().unwrap_or("");
                body.trailers.push(Trailer {
                    text: collapse(first),
                    span: trimmed_span(&part),
                });
            }
            _ => {}
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::signer_name;

    /// A name written twice is one name; other names stay as written.
    #[test]
    fn a_signer_written_twice_is_one() {
        assert_eq!(signer_name("SHANNON SHANNON"), "SHANNON");
        assert_eq!(signer_name("JOHN DOE JOHN DOE"), "JOHN DOE");
        assert_eq!(signer_name("SHANNON"), "SHANNON");
        assert_eq!(signer_name("HUMPHREY HUMPHREYS"), "HUMPHREY HUMPHREYS");
        assert_eq!(signer_name("DOE JOHN JOHN"), "DOE JOHN JOHN");
    }
}
