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

    #[test]
    fn the_organisations_are_sorted() {
        assert!(ORGANISATIONS.windows(2).all(|w| w[0] < w[1]));
    }
}
