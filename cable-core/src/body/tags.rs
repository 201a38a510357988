//! TAGS: each tag with its canonical code and what it names.

use pest::iterators::Pair;

use crate::ast::*;
use crate::grammar::Rule;
use crate::pairs::trimmed_span;
use crate::text::collapse;

/// International bodies among the TAGS: codes whose shape does not tell them apart from
/// countries (`EU`, `UN`) or subjects (`NATO`, `UNSC`).
const ORGANISATIONS: [&str; 40] = [
    "APEC", "ARF", "ASEAN", "AU", "CARICOM", "EAC", "ECOWAS", "EU", "EUN", "FTAA", "G20", "G8",
    "GCC", "IAEA", "IBRD", "ICC", "ICJ", "ICTR", "ICTY", "IEA", "IMF", "IMO", "JCIC", "MERCOSUR",
    "NAFTA", "NATO", "OAS", "OECD", "OIC", "OPEC", "OSCE", "SADC", "SCO", "UN", "UNESCO", "UNGA",
    "UNHCR", "UNHRC", "UNSC", "WTO",
];

/// `tags_block`: each tag once, in order (a repeated TAGS line adds nothing).
pub(super) fn parse_tags_block(pair: Pair<'_, Rule>, tags: &mut Vec<Tag>) {
    for part in pair.into_inner() {
        if !matches!(
            part.as_rule(),
            Rule::tag | Rule::tag_phrase | Rule::person_tag
        ) {
            continue;
        }
        let tag = tag_of(&part);
        if !tags.iter().any(|t| t.code == tag.code) {
            tags.push(tag);
        }
    }
    mark_visitor(tags);
}

/// `OVIP BIDEN JOSEPH`: the tags right after `OVIP` (a visit of a very important person)
/// that no code has the shape of name the visitor, as tags of their own. A surname of
/// four letters has the shape of a subject, and is one of the name only when a word of
/// no code's shape follows it (`OVIP RICE CONDOLEEZZA`).
fn mark_visitor(tags: &mut [Tag]) {
    let Some(at) = tags.iter().position(|t| t.code == "OVIP") else {
        return;
    };
    let word = |t: &Tag| t.kind == TagKind::Other && t.code.chars().all(|c| c.is_ascii_uppercase());
    let mut i = at + 1;
    while let Some(tag) = tags.get(i) {
        let surname = tag.kind == TagKind::Subject && tags.get(i + 1).is_some_and(word);
        if !(word(tag) || surname) {
            break;
        }
        let tag = &mut tags[i];
        tag.kind = TagKind::Person;
        tag.person = Some(tag.text.clone());
        i += 1;
    }
}

/// A tag: its text, code, kind and person.
fn tag_of(pair: &Pair<'_, Rule>) -> Tag {
    let text = collapse(pair.as_str());
    let code = text.to_uppercase();
    let person = (pair.as_rule() == Rule::person_tag)
        .then(|| {
            let inner = text.split_once('(')?.1.trim_end_matches(')');
            Some(collapse(inner))
        })
        .flatten();
    let kind = if person.is_some() {
        TagKind::Person
    } else {
        kind_of(&code)
    };
    Tag {
        text,
        code,
        kind,
        person,
        span: trimmed_span(pair),
    }
}

/// What a code names, by its shape and the list of organisations (see [`TagKind`]).
pub(crate) fn kind_of(code: &str) -> TagKind {
    let letters = code.chars().all(|c| c.is_ascii_uppercase());
    if ORGANISATIONS.contains(&code) {
        TagKind::Organisation
    } else if !letters {
        TagKind::Other
    } else if code.len() == 2 {
        TagKind::Country
    } else if code.len() == 4 && code.starts_with('K') {
        TagKind::Program
    } else if code.len() == 4 {
        TagKind::Subject
    } else {
        TagKind::Other
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_by_shape_and_list() {
        for (code, kind) in [
            ("PGOV", TagKind::Subject),
            ("MARR", TagKind::Subject),
            ("KZ", TagKind::Country),
            ("KDEM", TagKind::Program),
            ("NATO", TagKind::Organisation),
            ("EU", TagKind::Organisation),
            ("UNSC", TagKind::Organisation),
            ("TIP", TagKind::Other),
            ("HUMAN RIGHTS", TagKind::Other),
            ("EINDETRD", TagKind::Other),
        ] {
            assert_eq!(kind_of(code), kind, "{code}");
        }
    }

    fn kinds(tags: &str) -> Vec<(String, TagKind)> {
        let text = format!("UNCLAS STATE 000001\nTAGS: {tags}\nSUBJECT: X\n\n1. (U) TEXT.\n");
        let body = crate::parse(&text).body.expect("a body");
        body.tags.into_iter().map(|t| (t.code, t.kind)).collect()
    }

    /// The tags after OVIP that have no code's shape name the visitor.
    #[test]
    fn the_visitor_after_ovip_is_a_person() {
        use TagKind::*;
        let k = |c: &str, kind| (c.to_string(), kind);
        assert_eq!(
            kinds("OVIP BIDEN JOSEPH PREL UK"),
            [
                k("OVIP", Subject),
                k("BIDEN", Person),
                k("JOSEPH", Person),
                k("PREL", Subject),
                k("UK", Country)
            ]
        );
        // A surname of four letters, before a first name.
        assert_eq!(
            kinds("OVIP RICE CONDOLEEZZA PREL"),
            [
                k("OVIP", Subject),
                k("RICE", Person),
                k("CONDOLEEZZA", Person),
                k("PREL", Subject)
            ]
        );
        // Codes after OVIP stay codes.
        assert_eq!(
            kinds("OVIP PINR MOPS AF"),
            [
                k("OVIP", Subject),
                k("PINR", Subject),
                k("MOPS", Subject),
                k("AF", Country)
            ]
        );
    }

    #[test]
    fn the_organisations_are_sorted() {
        assert!(ORGANISATIONS.windows(2).all(|w| w[0] < w[1]));
    }
}
