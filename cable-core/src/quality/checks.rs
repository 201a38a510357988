//! The anomalies of one cable, read off its tree: [`Quality::of`], and the head of the
//! text ([`head_lines`]) where a label the parser missed would stand. What counts as an
//! anomaly is decided here; the words it looks for are in `words`, and the sums over an
//! archive in `report`.

use serde::{Deserialize, Serialize};

use super::words::{
    has_caveat, has_classifier_label, has_page_marker, has_subject_label, has_tags_label,
    is_word_signature, tag_without_colon, word_starts,
};
use crate::ast::{Body, Cable, ReferenceKind};

/// The code of the diagnostic the parser reports for a REF station it guessed (one
/// letter off, a short form, a city's full name, ...): each counts in `stations_guessed`.
pub const STATION_GUESSED: &str = "station-guessed";

/// How many lines of text below the REF list and Classified By line the head holds.
pub const HEAD_TEXT_LINES: usize = 40;

/// The anomalies of one cable.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Quality {
    /// The cable's id ([`Cable::id`]), which reports list as examples.
    pub id: Option<String>,
    /// References in the REF list.
    pub references: u64,
    /// References of kind `cable` or `other` without a cited id.
    pub references_without_id: u64,
    /// References whose cited id the release does not hold.
    pub ids_not_in_release: u64,
    /// Diagnostics [`STATION_GUESSED`].
    pub stations_guessed: u64,
    /// The subject holds a handling caveat.
    pub subject_caveat: bool,
    /// The subject holds a page marker.
    pub subject_page_marker: bool,
    /// The signature is made of common words.
    pub signature_word: bool,
    /// No subject, though the head writes `SUBJECT:` or `SUBJ:`.
    pub subject_missing: bool,
    /// No TAGS, though the head writes `TAGS:` or `TAG:` (or `TAGS PREL` without a colon).
    pub tags_missing: bool,
    /// No Classified By, though the head writes `CLASSIFIED BY`.
    pub classifier_missing: bool,
}

impl Quality {
    /// The anomalies of a parsed cable.
    ///
    /// The labels are looked for, case aside, at the start of a word of the head's lines
    /// ([`head_lines`]): `SUBJECT` or `SUBJ` and a colon; `TAGS` or `TAG` and a colon, or
    /// in capitals followed by a code of four capitals at the start of a line or in the
    /// E.O. line (`E.O. 12958: N/A TAG PREL`); `CLASSIFIED BY`.
    ///
    /// ```
    /// let cable = cable_core::parse("UNCLAS STATE 000001\n\n1. (U) HELLO. SUBJ: ROADS.\n");
    /// let quality = cable_core::quality::Quality::of(&cable);
    /// assert!(quality.subject_missing);
    /// assert!(!quality.tags_missing);
    /// ```
    pub fn of(cable: &Cable) -> Quality {
        let mut q = Quality {
            id: cable.id.clone(),
            stations_guessed: cable
                .diagnostics
                .iter()
                .filter(|d| d.code == STATION_GUESSED)
                .count() as u64,
            ..Quality::default()
        };
        let Some(body) = &cable.body else {
            return q;
        };
        for r in &body.references {
            q.references += 1;
            let may_cite_cable = matches!(r.kind, ReferenceKind::Cable | ReferenceKind::Other);
            if may_cite_cable && r.cited_id.is_none() {
                q.references_without_id += 1;
            }
            if r.in_release == Some(false) {
                q.ids_not_in_release += 1;
            }
        }
        if let Some(subject) = &body.subject {
            q.subject_caveat = has_caveat(&subject.text);
            q.subject_page_marker = has_page_marker(&subject.text);
        }
        q.signature_word = body
            .signature
            .as_ref()
            .is_some_and(|s| is_word_signature(&s.name));
        let lacks_subject = body.subject.as_ref().is_none_or(|s| s.text.is_empty());
        let (lacks_tags, lacks_classifier) = (body.tags.is_empty(), body.classified_by.is_none());
        // The singular TAG run on after the E.O. line: `E.O. 12958: N/A TAG PREL`.
        q.tags_missing = lacks_tags
            && body
                .executive_order
                .as_ref()
                .is_some_and(|eo| word_starts(&eo.raw).any(|at| tag_without_colon(&eo.raw, at)));
        if lacks_subject || lacks_tags || lacks_classifier {
            for line in head_lines(body) {
                q.subject_missing |= lacks_subject && has_subject_label(line);
                q.tags_missing |= lacks_tags && has_tags_label(line);
                q.classifier_missing |= lacks_classifier && has_classifier_label(line);
            }
        }
        q
    }
}

/// The lines of a body's head that the parser did not read as a field, in order: the
/// lines before the banner, the addressee lines, the E.O. line, the REF items' text, and
/// the first [`HEAD_TEXT_LINES`] lines of text before the second numbered paragraph (its
/// unnumbered lead text and paragraph 1, where older telegrams write `CLASSIFIED BY`).
/// A label there, with its field empty, is a label the parser missed.
///
/// ```
/// let cable = cable_core::parse("UNCLAS STATE 000001\n\n1. (U) HELLO.\n\n2. (U) BYE.\n");
/// let lines: Vec<&str> = cable_core::quality::head_lines(cable.body.as_ref().unwrap()).collect();
/// assert_eq!(lines, ["HELLO."]);
/// ```
pub fn head_lines(body: &Body) -> impl Iterator<Item = &str> {
    let fields = body
        .prelude
        .iter()
        .chain(&body.addressees)
        .map(String::as_str)
        .chain(body.executive_order.iter().map(|e| e.raw.as_str()))
        .chain(body.references.iter().map(|r| r.text.as_str()));
    let mut numbered = 0;
    let text = body
        .paragraphs
        .iter()
        .take_while(move |p| {
            numbered += usize::from(p.number.is_some());
            numbered < 2
        })
        .flat_map(|p| p.heading.iter().chain(std::iter::once(&p.text)))
        .flat_map(|t| t.lines())
        .take(HEAD_TEXT_LINES);
    fields.chain(text)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ast::{ClassifiedBy, Diagnostic, Severity, Signature, Span, Subject, Tag, TagKind};
    use crate::{parse, parse_with, Options};

    /// A plain cable, with a subject, TAGS and a classifier: no anomaly.
    const PLAIN: &str = "CONFIDENTIAL STATE 000001\n\nE.O. 12958: DECL: 1/1/2019\nTAGS: PREL\nSUBJECT: ROADS AND BRIDGES\n\nClassified By: Ambassador Jane Roe, reasons 1.4 (b) and (d).\n\n1. (C) Roads are good.\n\n2. (C) Bridges are good.\n\nHOAGLAND\n";

    fn plain() -> Cable {
        let cable = parse(PLAIN);
        assert_eq!(
            Quality::of(&cable),
            Quality {
                id: cable.id.clone(),
                ..Quality::default()
            }
        );
        cable
    }

    fn body(cable: &mut Cable) -> &mut Body {
        cable.body.as_mut().unwrap()
    }

    #[test]
    fn references_without_id_are_cables_and_unread_items_not_other_documents() {
        let text = "UNCLAS ASTANA 000001\nSUBJECT: X\nREF: A. ASTANA 1018 B. XQZWV 1207 C. EMAIL FROM JOHN DOE 3 MAY\n\n1. (U) HELLO.\n";
        let cable = parse_with(text, &Options::new().year(2009)).unwrap();
        let kinds: Vec<ReferenceKind> = cable
            .body
            .as_ref()
            .unwrap()
            .references
            .iter()
            .map(|r| r.kind)
            .collect();
        assert_eq!(
            kinds,
            [
                ReferenceKind::Cable,
                ReferenceKind::Other,
                ReferenceKind::Email
            ]
        );
        let q = Quality::of(&cable);
        assert_eq!((q.references, q.references_without_id), (3, 1));
    }

    /// A station typed by hand (`ISLAMBAD`) that the parser resolves counts as guessed,
    /// and its reference has an id.
    #[test]
    fn guessed_stations_are_counted() {
        let text = "UNCLAS ASTANA 000001\nSUBJECT: X\nREF: A. ISLAMBAD 1207\n\n1. (U) HELLO.\n";
        let cable = parse_with(text, &Options::new().year(2009)).unwrap();
        let q = Quality::of(&cable);
        assert_eq!(
            (q.references, q.references_without_id, q.stations_guessed),
            (1, 0, 1)
        );
    }

    #[test]
    fn ids_not_in_release_are_counted() {
        let text = "UNCLAS ASTANA 000001\nSUBJECT: X\nREF: A. ASTANA 1018 B. ASTANA 999999\n\n1. (U) HELLO.\n";
        let cable = parse_with(text, &Options::new().year(2009)).unwrap();
        let held: Vec<Option<bool>> = cable
            .body
            .as_ref()
            .unwrap()
            .references
            .iter()
            .map(|r| r.in_release)
            .collect();
        // Without the release index (the web page's build) nothing is known to be held.
        if cfg!(feature = "release-index") {
            assert_eq!(held, [Some(true), Some(false)]);
            assert_eq!(Quality::of(&cable).ids_not_in_release, 1);
        } else {
            assert_eq!(held, [None, None]);
            assert_eq!(Quality::of(&cable).ids_not_in_release, 0);
        }
    }

    #[test]
    fn stations_guessed_come_from_the_diagnostics() {
        let mut cable = plain();
        for code in [STATION_GUESSED, "unknown-station", STATION_GUESSED] {
            cable.diagnostics.push(Diagnostic {
                severity: Severity::Info,
                code: code.to_string(),
                message: String::new(),
                span: Span::default(),
            });
        }
        assert_eq!(Quality::of(&cable).stations_guessed, 2);
    }

    fn with_subject(text: &str) -> Quality {
        let mut cable = plain();
        body(&mut cable).subject = Some(Subject {
            text: text.to_string(),
            marking: None,
            span: Span::default(),
        });
        Quality::of(&cable)
    }

    #[test]
    fn subjects_holding_caveats() {
        assert!(
            with_subject("RUNOFF ELECTIONS SENSITIVE BUT UNCLASSIFIED; PLEASE PROTECT ACCORDINGLY")
                .subject_caveat
        );
        assert!(with_subject("Talks with the minister noforn").subject_caveat);
        assert!(with_subject("FISHERIES SIPDIS").subject_caveat);
        // A subject about a sensitive matter, or a caveat's letters inside a word.
        assert!(!with_subject("SENSITIVE TALKS ON FISHERIES").subject_caveat);
        assert!(!with_subject("SIPDISTRIBUTION OF AID").subject_caveat);
    }

    #[test]
    fn subjects_holding_page_markers() {
        assert!(with_subject("RUNOFF QUITO 00000221 001.2 OF 003 ELECTIONS").subject_page_marker);
        assert!(
            with_subject("RUNOFF ELECTIONS USUN NEW YORK 00000300 002 OF 004").subject_page_marker
        );
        assert!(
            with_subject("TRADE TALKS CONFIDENTIAL PAGE 02 STATE 015113 182333Z CONTINUE")
                .subject_page_marker
        );
        assert!(!with_subject("UNSCR 1737: PART 2 OF 3").subject_page_marker);
        assert!(!with_subject("THE FRONT PAGE OF THE PAPERS").subject_page_marker);
        assert!(!with_subject("").subject_page_marker);
    }

    fn signed(name: &str) -> bool {
        let mut cable = plain();
        body(&mut cable).signature = Some(Signature {
            name: name.to_string(),
            span: Span::default(),
        });
        Quality::of(&cable).signature_word
    }

    #[test]
    fn signatures_made_of_words() {
        for word in [
            "COOPERATION",
            "THEIR COOPERATION",
            "END COMMENT",
            "Text",
            "ASSISTANCE.",
        ] {
            assert!(signed(word), "{word}");
        }
        for name in [
            "HOAGLAND",
            "RICE",
            "VAN VOORST",
            "J. SMITH",
            "Wayne",
            "BROWN",
            "MORRISON",
        ] {
            assert!(!signed(name), "{name}");
        }
    }

    #[test]
    fn a_subject_label_without_a_subject() {
        let mut cable = plain();
        body(&mut cable).subject = None;
        assert!(!Quality::of(&cable).subject_missing, "no label in the head");
        body(&mut cable).paragraphs[0].text = "Roads are good.\nSubj : ROADS".into();
        assert!(Quality::of(&cable).subject_missing);
        body(&mut cable).subject = Some(Subject {
            text: "ROADS".into(),
            marking: None,
            span: Span::default(),
        });
        assert!(
            !Quality::of(&cable).subject_missing,
            "the cable has its subject"
        );
    }

    #[test]
    fn a_tags_label_without_tags() {
        let mut cable = plain();
        body(&mut cable).tags.clear();
        assert!(!Quality::of(&cable).tags_missing);
        // The singular TAG, run on after the E.O. line, without a colon.
        body(&mut cable).executive_order.as_mut().unwrap().raw = "E.O. 12958: N/A TAG PREL".into();
        assert!(Quality::of(&cable).tags_missing);
        body(&mut cable).executive_order.as_mut().unwrap().raw = "E.O. 12958: N/A".into();
        body(&mut cable).addressees = vec!["Tags: PREL, PGOV".into()];
        assert!(Quality::of(&cable).tags_missing);
        body(&mut cable).addressees = vec!["TAGS PREL PGOV".into()];
        assert!(Quality::of(&cable).tags_missing);
        body(&mut cable).addressees = vec!["STATE FOR TAGS OFFICE".into(), "THE TAG LINE".into()];
        assert!(!Quality::of(&cable).tags_missing);
        body(&mut cable).tags.push(Tag {
            text: "PREL".into(),
            code: "PREL".into(),
            kind: TagKind::Subject,
            person: None,
            span: Span::default(),
        });
        body(&mut cable).addressees = vec!["TAGS: PREL".into()];
        assert!(!Quality::of(&cable).tags_missing, "the cable has its tags");
    }

    #[test]
    fn a_classifier_label_without_a_classifier() {
        let mut cable = plain();
        body(&mut cable).classified_by = None;
        assert!(!Quality::of(&cable).classifier_missing);
        body(&mut cable).paragraphs[0].text =
            "CONFIDENTIAL - ENTIRE TEXT. CLASSIFIED BY: JOHN Q. DOE, AMBASSADOR. REASON: 1.5 (D)."
                .into();
        assert!(Quality::of(&cable).classifier_missing);
        body(&mut cable).paragraphs[0].text = "THE PAPER WAS DECLASSIFIED BY THE MINISTRY.".into();
        assert!(!Quality::of(&cable).classifier_missing);
        body(&mut cable).classified_by = Some(ClassifiedBy {
            by: "JOHN Q. DOE".into(),
            name: None,
            title: None,
            reasons: vec![],
            raw: String::new(),
            span: Span::default(),
        });
        body(&mut cable).paragraphs[0].text = "CLASSIFIED BY: JOHN Q. DOE".into();
        assert!(
            !Quality::of(&cable).classifier_missing,
            "the cable has its classifier"
        );
    }

    #[test]
    fn the_head_ends_before_paragraph_two_and_after_forty_lines() {
        let mut cable = plain();
        body(&mut cable).classified_by = None;
        let paragraphs = &mut body(&mut cable).paragraphs;
        paragraphs[1].text = "CLASSIFIED BY: JOHN Q. DOE".into();
        assert!(
            !Quality::of(&cable).classifier_missing,
            "paragraph 2 is no head"
        );
        let paragraphs = &mut body(&mut cable).paragraphs;
        paragraphs[0].text = format!(
            "{}CLASSIFIED BY: JOHN Q. DOE",
            "A LINE.\n".repeat(HEAD_TEXT_LINES - 1)
        );
        assert!(
            Quality::of(&cable).classifier_missing,
            "line {HEAD_TEXT_LINES}"
        );
        let paragraphs = &mut body(&mut cable).paragraphs;
        paragraphs[0].text = format!(
            "{}CLASSIFIED BY: JOHN Q. DOE",
            "A LINE.\n".repeat(HEAD_TEXT_LINES)
        );
        assert!(!Quality::of(&cable).classifier_missing, "past the head");
    }

    #[test]
    fn a_cable_without_body_has_no_anomaly() {
        let mut cable = plain();
        cable.body = None;
        assert_eq!(
            Quality::of(&cable),
            Quality {
                id: cable.id.clone(),
                ..Quality::default()
            }
        );
    }
}
