//! TAGS: each tag with its canonical code and what it names.

use pest::iterators::Pair;

use crate::ast::*;
use crate::grammar::Rule;
use crate::pairs::trimmed_span;
use crate::text::collapse;

/// International bodies among the TAGS: codes whose shape does not tell them apart from
/// countries (`EU`, `UN`) or subjects (`NATO`, `UNSC`).
const ORGANISATIONS: [&str; 70] = [
    "APEC", "ARF", "ASEAN", "AU", "CARICOM", "CSTO", "EAC", "EBRD", "ECOWAS", "EU", "EUN", "FAO",
    "FTAA", "G20", "G8", "GCC", "IAEA", "IBRD", "ICAO", "ICC", "ICJ", "ICTR", "ICTY", "IEA",
    "IFAD", "ILO", "IMF", "IMO", "IOM", "ISAF", "ITU", "JCIC", "MERCOSUR", "MINUSTAH", "MONUC",
    "NAFTA", "NATO", "OAS", "OAU", "OECD", "OIC", "OPEC", "OSCE", "SADC", "SCO", "UN", "UNAIDS",
    "UNAMA", "UNAMI", "UNAMID", "UNDP", "UNEP", "UNESCO", "UNFPA", "UNGA", "UNHCR", "UNHRC",
    "UNICEF", "UNIFIL", "UNMIK", "UNMIS", "UNO", "UNODC", "UNRWA", "UNSC", "WFP", "WHO", "WIPO",
    "WMO", "WTO",
];

/// Four-letter codes that have a subject code's shape but name a US agency or a party, as
/// cables put them among the TAGS (`USTR`, `OPIC`, `PSOE`): no subject of the TAGS list.
const NOT_SUBJECTS: [&str; 6] = ["EXIM", "NASA", "OPIC", "PSOE", "USDA", "USTR"];

/// Subject codes of three letters in the TAGS list (`CBW`: chemical and biological
/// weapons), which the shape of the others (four letters) would miss.
const SHORT_SUBJECTS: [&str; 1] = ["CBW"];

/// Stations of the release in Africa, as the ids spell them: where an `AU` tag is the
/// African Union.
const AFRICAN_STATIONS: [&str; 56] = [
    "ABIDJAN",
    "ABUJA",
    "ACCRA",
    "ADDISABABA",
    "ALEXANDRIA",
    "ALGIERS",
    "ANTANANARIVO",
    "ASMARA",
    "BAMAKO",
    "BANGUI",
    "BANJUL",
    "BRAZZAVILLE",
    "BUJUMBURA",
    "CAIRO",
    "CAPETOWN",
    "CASABLANCA",
    "CONAKRY",
    "COTONOU",
    "DAKAR",
    "DARESSALAAM",
    "DJIBOUTI",
    "DURBAN",
    "FREETOWN",
    "GABORONE",
    "HARARE",
    "JOHANNESBURG",
    "KADUNA",
    "KAMPALA",
    "KHARTOUM",
    "KIGALI",
    "KINSHASA",
    "LAGOS",
    "LIBREVILLE",
    "LILONGWE",
    "LOME",
    "LUANDA",
    "LUSAKA",
    "MALABO",
    "MAPUTO",
    "MASERU",
    "MBABANE",
    "MOGADISHU",
    "MONROVIA",
    "NAIROBI",
    "NDJAMENA",
    "NIAMEY",
    "NOUAKCHOTT",
    "OUAGADOUGOU",
    "PORTLOUIS",
    "PRAIA",
    "PRETORIA",
    "RABAT",
    "TRIPOLI",
    "TUNIS",
    "WINDHOEK",
    "YAOUNDE",
];

/// `AU` is Austria's country code and the African Union's tag. It is the Union when the
/// cable comes from a post in Africa or its subject or text names the Union (`African
/// Union`, `AU`); otherwise Austria (`09VIENNA912`, or a list of countries).
pub(super) fn read_au(body: &mut Body) {
    let Some(at) = body.tags.iter().position(|t| t.code == "AU") else {
        return;
    };
    let station = body.banner.as_ref().and_then(|b| b.station_code.as_deref());
    let african_post = station.is_some_and(|s| AFRICAN_STATIONS.contains(&s));
    let subject = body.subject.iter().map(|s| s.text.as_str());
    let mut texts = subject.chain(body.paragraphs.iter().map(|p| p.text.as_str()));
    let names_union = |t: &str| {
        t.to_ascii_lowercase().contains("african union")
            || t.split(|c: char| !c.is_ascii_alphanumeric())
                .any(|w| w == "AU")
    };
    let union = african_post || texts.any(names_union);
    body.tags[at].kind = if union {
        TagKind::Organisation
    } else {
        TagKind::Country
    };
}

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

/// What a code names, by its shape and the lists above (see [`TagKind`]); `AU` is settled
/// with the rest of the cable ([`read_au`]).
pub(crate) fn kind_of(code: &str) -> TagKind {
    let letters = code.chars().all(|c| c.is_ascii_uppercase());
    if ORGANISATIONS.contains(&code) {
        TagKind::Organisation
    } else if SHORT_SUBJECTS.contains(&code) {
        TagKind::Subject
    } else if !letters || NOT_SUBJECTS.contains(&code) {
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
            ("ICAO", TagKind::Organisation),
            ("USTR", TagKind::Other),
            ("CBW", TagKind::Subject),
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
    fn the_lists_are_sorted() {
        for list in [&ORGANISATIONS[..], &NOT_SUBJECTS, &AFRICAN_STATIONS] {
            assert!(list.windows(2).all(|w| w[0] < w[1]), "{list:?}");
        }
    }

    /// `AU` is the African Union from a post in Africa or where the cable names the Union;
    /// Austria otherwise.
    #[test]
    fn au_is_the_union_or_austria_by_the_cable() {
        let kind = |banner: &str, text: &str| {
            let input = format!("{banner}\nTAGS: PREL AU XY\nSUBJECT: MEETING\n\n1. (U) {text}\n");
            let body = crate::parse(&input).body.expect("a body");
            body.tags.iter().find(|t| t.code == "AU").map(|t| t.kind)
        };
        let (union, austria) = (Some(TagKind::Organisation), Some(TagKind::Country));
        assert_eq!(
            kind("UNCLAS VIENNA 000001", "The minister met us."),
            austria
        );
        assert_eq!(
            kind("UNCLAS KATHMANDU 000001", "Ten states joined."),
            austria
        );
        assert_eq!(kind("UNCLAS TRIPOLI 000001", "The minister met us."), union);
        assert_eq!(kind("UNCLAS STATE 000001", "The AU summit opens."), union);
        assert_eq!(kind("UNCLAS PARIS 000001", "The African Union met."), union);
    }
}
