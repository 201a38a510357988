//! The quality report: for each cable, and summed over an archive, the anomalies that tell
//! a researcher which values to trust less and where the parser's next quirk hides.
//!
//! Every check reads the parsed tree; none parses the cable again with rules of its own:
//!
//! - `references_without_id`: references of kind `cable` or `other` without a
//!   [`crate::Reference::cited_id`] (a cable with no year, a station the release does not know,
//!   an item the parser could not read). Documents the parser read as e-mails, telcons,
//!   memcons, letters, meetings or reports cite no cable and need no id.
//! - `ids_not_in_release`: references whose id the release does not hold
//!   ([`crate::Reference::in_release`] is `false`): a cable outside the release, or a misread.
//! - `stations_guessed`: the diagnostics with the code [`STATION_GUESSED`], which the
//!   parser reports for each REF station it resolved by guessing (one letter off, a short
//!   form, ...).
//! - `subject_caveat`: subjects holding a handling caveat ([`SUBJECT_CAVEATS`]), which
//!   belongs to the lines around the subject, not to it.
//! - `subject_page_marker`: subjects holding a page marker (`QUITO 00000221 001.2 OF
//!   003`, `PAGE 02 ...`), as the grammar's own `page_break` rule reads one.
//! - `signature_word`: signatures whose every word (initials aside) is a common English
//!   word ([`SIGNATURE_WORDS`], or a word ending in `-TION`/`-SION`): most often the last
//!   words of an all-caps sentence (`... FOR THEIR COOPERATION.`) read as the signer.
//! - `subject_missing`, `tags_missing`, `classifier_missing`: cables without a subject,
//!   TAGS or a Classified By line although the head of the text writes the label (see
//!   [`head_lines`] for what the head is and [`Quality::of`] for the labels).
//!
//! ```
//! use cable_core::quality::{Quality, QualityReport};
//!
//! let cable = cable_core::parse(
//!     "UNCLAS STATE 000001\nSUBJECT: TALKS SIPDIS\n\n1. (U) TEXT.\n",
//! );
//! let quality = Quality::of(&cable);
//! assert!(quality.subject_caveat);
//! let mut report = QualityReport::default();
//! report.add(&quality);
//! assert_eq!(report.subject_caveat.cables, 1);
//! assert!(report.to_text().contains("subject_caveat"));
//! ```

use std::fmt::Write as _;

use serde::{Deserialize, Serialize};

use crate::ast::{Body, Cable, ReferenceKind};
use crate::grammar::Rule;

/// The code of the diagnostic the parser reports for a REF station it guessed (one
/// letter off, a short form, a city's full name, ...): each counts in `stations_guessed`.
pub const STATION_GUESSED: &str = "station-guessed";

/// How many example cable ids a report keeps for each anomaly.
pub const EXAMPLES: usize = 5;

/// How many lines of text below the REF list and Classified By line the head holds.
pub const HEAD_TEXT_LINES: usize = 40;

/// Handling caveats that never belong to a subject's words, upper case. Caveats that are
/// also ordinary words of subjects (`SENSITIVE`, `VISAS VIPER`, `DISSENT CHANNEL`) are
/// left out: a subject may be about them.
pub const SUBJECT_CAVEATS: &[&str] = &[
    "SENSITIVE BUT UNCLASSIFIED",
    "PLEASE PROTECT ACCORDINGLY",
    "NOT FOR INTERNET DISTRIBUTION",
    "FOR OFFICIAL USE ONLY",
    "NOFORN",
    "SIPDIS",
    "NODIS",
    "EXDIS",
    "LIMDIS",
];

/// Common English words that are no signer: function words, and the words that end the
/// sentences and blocks of cables. Surnames that are also words (`RICE`, `BROWN`, `KING`,
/// `YOUNG`, `WHITE`, `HILL`, `LONG`, `MAY`, `WILL`) are left out on purpose.
pub const SIGNATURE_WORDS: &[&str] = &[
    // Function words.
    "A",
    "ABOUT",
    "ALL",
    "ALSO",
    "AN",
    "AND",
    "ANY",
    "ARE",
    "AS",
    "AT",
    "BE",
    "BEEN",
    "BUT",
    "BY",
    "CAN",
    "COULD",
    "DO",
    "DOES",
    "FOR",
    "FROM",
    "HAD",
    "HAS",
    "HAVE",
    "HE",
    "HER",
    "HIS",
    "IF",
    "IN",
    "INTO",
    "IS",
    "IT",
    "ITS",
    "NO",
    "NOT",
    "OF",
    "ON",
    "ONLY",
    "OR",
    "OUR",
    "OUT",
    "SHE",
    "SHOULD",
    "SO",
    "SUCH",
    "THAN",
    "THAT",
    "THE",
    "THEIR",
    "THEM",
    "THESE",
    "THEY",
    "THIS",
    "THOSE",
    "TO",
    "UP",
    "US",
    "WAS",
    "WE",
    "WERE",
    "WHAT",
    "WHEN",
    "WHICH",
    "WHO",
    "WITH",
    "WOULD",
    "YOU",
    "YOUR",
    // Words that end sentences and blocks of cables.
    "ACCORDINGLY",
    "ADVISE",
    "AGAIN",
    "APPRECIATED",
    "ASSISTANCE",
    "BELOW",
    "COMMENT",
    "CONCERNED",
    "COOPERATION",
    "DEPARTMENT",
    "EMBASSY",
    "END",
    "GOVERNMENT",
    "HELP",
    "INFORMATION",
    "ISSUE",
    "ISSUES",
    "MEETING",
    "MINISTRY",
    "NOTE",
    "PLEASE",
    "POST",
    "REGARDS",
    "REPORT",
    "REQUEST",
    "SUMMARY",
    "SUPPORT",
    "TEXT",
    "THANK",
    "THANKS",
    "TIME",
    "TODAY",
    "UNCLASSIFIED",
    "WASHINGTON",
    "YEAR",
];

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

/// Whether `text` holds one of [`SUBJECT_CAVEATS`] as whole words, case aside.
fn has_caveat(text: &str) -> bool {
    let upper = text.to_ascii_uppercase();
    SUBJECT_CAVEATS
        .iter()
        .any(|caveat| word_starts(&upper).any(|at| is_word_at(&upper, at, caveat)))
}

/// Whether `text` holds a page marker, as the grammar's `page_break` line reads one: at
/// each word, the marker of a page (`STATION SERIAL PAGE OF PAGES`: one to three words of
/// station and four numbers, so five to seven words) or `PAGE NN` and what follows it.
fn has_page_marker(text: &str) -> bool {
    let starts: Vec<usize> = word_starts(text).collect();
    let word_end = |i: usize| {
        let from = starts[i];
        text[from..]
            .find(char::is_whitespace)
            .map_or(text.len(), |n| from + n)
    };
    (0..starts.len()).any(|i| {
        let from = starts[i];
        let page = text[from..].starts_with("PAGE ")
            && starts
                .get(i + 2)
                .is_some_and(|&next| is_page_break(&text[from..next]));
        page || (5..=7)
            .filter(|n| i + n <= starts.len())
            .any(|n| is_page_break(&text[from..word_end(i + n - 1)]))
    })
}

/// Whether `line` is a page-break line, by the grammar.
fn is_page_break(line: &str) -> bool {
    crate::regions::matches(Rule::probe_page_break, line)
}

/// Whether every word of a signature, initials aside, is a common word.
fn is_word_signature(name: &str) -> bool {
    let words: Vec<String> = name
        .split_whitespace()
        .map(|w| {
            w.trim_matches(|c: char| !c.is_alphanumeric())
                .to_ascii_uppercase()
        })
        .filter(|w| w.chars().count() > 1)
        .collect();
    !words.is_empty()
        && words.iter().all(|w| {
            SIGNATURE_WORDS.contains(&w.as_str())
                || ["TION", "TIONS", "SION", "SIONS"]
                    .iter()
                    .any(|end| w.len() > end.len() + 2 && w.ends_with(end))
        })
}

/// `SUBJECT:` or `SUBJ:`, case aside, spaces allowed before the colon.
fn has_subject_label(line: &str) -> bool {
    labels_at(line, &["SUBJECT", "SUBJ"], |rest| {
        rest.trim_start().starts_with(':')
    })
}

/// `TAGS:` or `TAG:`, case aside; or, at the start of the line, `TAGS` or `TAG` in
/// capitals before a code of four capitals (`TAGS PREL PGOV`).
fn has_tags_label(line: &str) -> bool {
    labels_at(line, &["TAGS", "TAG"], |rest| {
        rest.trim_start().starts_with(':')
    }) || word_starts(line)
        .next()
        .is_some_and(|at| tag_without_colon(line, at))
}

/// `TAGS` or `TAG` in capitals at `at`, then a space and a code of four capitals.
fn tag_without_colon(line: &str, at: usize) -> bool {
    ["TAGS ", "TAG "].iter().any(|label| {
        line[at..].starts_with(label) && {
            let code = &line[at + label.len()..];
            let n = code.bytes().take_while(u8::is_ascii_uppercase).count();
            n == 4 && !code[n..].starts_with(|c: char| c.is_alphanumeric())
        }
    })
}

/// `CLASSIFIED BY`, case aside, with any spaces between the words.
fn has_classifier_label(line: &str) -> bool {
    labels_at(line, &["CLASSIFIED"], |rest| {
        let rest = rest.trim_start();
        rest.get(..2)
            .is_some_and(|by| by.eq_ignore_ascii_case("BY"))
            && !rest[2..].starts_with(|c: char| c.is_alphanumeric())
    })
}

/// Whether one of `labels` (upper case) starts a word of `line`, case aside, and ends
/// there (no letter after it), with `after` true of what follows.
fn labels_at(line: &str, labels: &[&str], after: impl Fn(&str) -> bool) -> bool {
    word_starts(line).any(|at| {
        labels.iter().any(|label| {
            let end = at + label.len();
            line.get(at..end)
                .is_some_and(|w| w.eq_ignore_ascii_case(label))
                && !line[end..].starts_with(|c: char| c.is_alphanumeric())
                && after(&line[end..])
        })
    })
}

/// Whether `phrase` stands at `at` in `text` as whole words.
fn is_word_at(text: &str, at: usize, phrase: &str) -> bool {
    text[at..].starts_with(phrase)
        && !text[at + phrase.len()..].starts_with(|c: char| c.is_alphanumeric())
}

/// The byte offsets where words (runs of letters and digits) start.
fn word_starts(text: &str) -> impl Iterator<Item = usize> + '_ {
    let mut before_is_word = false;
    text.char_indices().filter_map(move |(i, c)| {
        let is_word = c.is_alphanumeric();
        let start = is_word && !before_is_word;
        before_is_word = is_word;
        start.then_some(i)
    })
}

/// How often one anomaly was met over an archive, with some cables that show it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Anomaly {
    /// Times met: references for the reference counts, diagnostics for
    /// `stations_guessed`, cables for the others.
    pub count: u64,
    /// Cables that show it.
    pub cables: u64,
    /// The ids of the first cables that show it (at most [`EXAMPLES`]), in input order;
    /// `(no id)` for a cable without one.
    pub examples: Vec<String>,
}

impl Anomaly {
    /// Counts `n` occurrences in the cable `id` (nothing when `n` is 0).
    fn add(&mut self, n: u64, id: Option<&str>) {
        if n == 0 {
            return;
        }
        self.count += n;
        self.cables += 1;
        if self.examples.len() < EXAMPLES {
            self.examples.push(id.unwrap_or("(no id)").to_string());
        }
    }

    /// Adds the counts of `other`, which comes after `self` in input order.
    fn merge(&mut self, other: Anomaly) {
        self.count += other.count;
        self.cables += other.cables;
        let room = EXAMPLES.saturating_sub(self.examples.len());
        self.examples.extend(other.examples.into_iter().take(room));
    }
}

/// The anomalies of a [`QualityReport`] in report order: the name of each (its field's,
/// as in the JSON) and what it counts.
pub const ANOMALIES: [(&str, &str); 9] = [
    (
        "references_without_id",
        "references (cable or other) without a cited id",
    ),
    ("ids_not_in_release", "cited ids the release does not hold"),
    (
        "stations_guessed",
        "REF stations guessed (station-guessed diagnostics)",
    ),
    ("subject_caveat", "subjects holding a handling caveat"),
    ("subject_page_marker", "subjects holding a page marker"),
    ("signature_word", "signatures made of common words"),
    (
        "subject_missing",
        "no subject, though the head writes SUBJECT:",
    ),
    ("tags_missing", "no TAGS, though the head writes TAGS:"),
    (
        "classifier_missing",
        "no Classified By, though the head writes it",
    ),
];

/// The anomalies of an archive: each [`Anomaly`] under a stable name (the names of
/// [`Quality`]'s fields), with the cables and references counted.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct QualityReport {
    /// Cables counted.
    pub cables: u64,
    /// References in their REF lists.
    pub references: u64,
    /// References of kind `cable` or `other` without a cited id.
    pub references_without_id: Anomaly,
    /// References whose cited id the release does not hold.
    pub ids_not_in_release: Anomaly,
    /// REF stations the parser guessed (diagnostics [`STATION_GUESSED`]).
    pub stations_guessed: Anomaly,
    /// Subjects holding a handling caveat.
    pub subject_caveat: Anomaly,
    /// Subjects holding a page marker.
    pub subject_page_marker: Anomaly,
    /// Signatures made of common words.
    pub signature_word: Anomaly,
    /// Cables without a subject whose head writes `SUBJECT:`.
    pub subject_missing: Anomaly,
    /// Cables without TAGS whose head writes `TAGS:`.
    pub tags_missing: Anomaly,
    /// Cables without Classified By whose head writes `CLASSIFIED BY`.
    pub classifier_missing: Anomaly,
}

impl QualityReport {
    /// Counts one cable.
    pub fn add(&mut self, q: &Quality) {
        let id = q.id.as_deref();
        self.cables += 1;
        self.references += q.references;
        self.references_without_id.add(q.references_without_id, id);
        self.ids_not_in_release.add(q.ids_not_in_release, id);
        self.stations_guessed.add(q.stations_guessed, id);
        let flags = [
            (&mut self.subject_caveat, q.subject_caveat),
            (&mut self.subject_page_marker, q.subject_page_marker),
            (&mut self.signature_word, q.signature_word),
            (&mut self.subject_missing, q.subject_missing),
            (&mut self.tags_missing, q.tags_missing),
            (&mut self.classifier_missing, q.classifier_missing),
        ];
        for (anomaly, met) in flags {
            anomaly.add(u64::from(met), id);
        }
    }

    /// Adds the counts of `other`, a report of the cables that follow those of `self`
    /// (examples stay in input order).
    pub fn merge(&mut self, other: QualityReport) {
        self.cables += other.cables;
        self.references += other.references;
        let theirs = other.slots().map(Anomaly::clone);
        for (mine, theirs) in self.slots_mut().into_iter().zip(theirs) {
            mine.merge(theirs);
        }
    }

    /// Each anomaly with its name (its field's, as in the JSON) and a sentence saying
    /// what it counts, in report order.
    pub fn anomalies(&self) -> impl Iterator<Item = (&'static str, &Anomaly, &'static str)> {
        ANOMALIES
            .into_iter()
            .zip(self.slots())
            .map(|((name, what), a)| (name, a, what))
    }

    /// The anomalies in the order of [`ANOMALIES`].
    fn slots(&self) -> [&Anomaly; 9] {
        [
            &self.references_without_id,
            &self.ids_not_in_release,
            &self.stations_guessed,
            &self.subject_caveat,
            &self.subject_page_marker,
            &self.signature_word,
            &self.subject_missing,
            &self.tags_missing,
            &self.classifier_missing,
        ]
    }

    /// The anomalies in the order of [`ANOMALIES`], to change.
    fn slots_mut(&mut self) -> [&mut Anomaly; 9] {
        [
            &mut self.references_without_id,
            &mut self.ids_not_in_release,
            &mut self.stations_guessed,
            &mut self.subject_caveat,
            &mut self.subject_page_marker,
            &mut self.signature_word,
            &mut self.subject_missing,
            &mut self.tags_missing,
            &mut self.classifier_missing,
        ]
    }

    /// The report as JSON (the field names are stable).
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).expect("a report always serialises")
    }

    /// The report as a table for people: each anomaly, how often, in how many cables,
    /// and the first example ids.
    pub fn to_text(&self) -> String {
        let mut out = String::new();
        let _ = writeln!(out, "cables      {}", self.cables);
        let _ = writeln!(out, "references  {}\n", self.references);
        let _ = writeln!(
            out,
            "{:<22}  {:>8}  {:>8}  examples",
            "anomaly", "count", "cables"
        );
        for (name, a, what) in self.anomalies() {
            let _ = writeln!(
                out,
                "{name:<22}  {:>8}  {:>8}  {}",
                a.count,
                a.cables,
                a.examples.join(" ")
            );
            let _ = writeln!(out, "  {what}");
        }
        out
    }
}

impl<'a> Extend<&'a Quality> for QualityReport {
    fn extend<I: IntoIterator<Item = &'a Quality>>(&mut self, iter: I) {
        for q in iter {
            self.add(q);
        }
    }
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

    #[test]
    fn reports_sum_and_keep_examples_in_order() {
        let q = |id: &str, refs: u64| Quality {
            id: Some(id.to_string()),
            references: refs + 1,
            references_without_id: refs,
            signature_word: refs % 2 == 1,
            ..Quality::default()
        };
        let all: Vec<Quality> = (0..8).map(|i| q(&format!("C{i}"), i)).collect();
        let mut whole = QualityReport::default();
        whole.extend(&all);
        assert_eq!(whole.cables, 8);
        assert_eq!(whole.references, 36);
        assert_eq!(whole.references_without_id.count, 28);
        assert_eq!(whole.references_without_id.cables, 7);
        assert_eq!(
            whole.references_without_id.examples,
            ["C1", "C2", "C3", "C4", "C5"]
        );
        assert_eq!(whole.signature_word.examples, ["C1", "C3", "C5", "C7"]);
        let (mut first, mut second) = (QualityReport::default(), QualityReport::default());
        first.extend(&all[..2]);
        second.extend(&all[2..]);
        first.merge(second);
        assert_eq!(first, whole);
        whole.add(&Quality {
            subject_missing: true,
            ..Quality::default()
        });
        assert_eq!(whole.subject_missing.examples, ["(no id)"]);
    }

    #[test]
    fn the_json_names_are_the_anomalies_names() {
        let json: serde_json::Value =
            serde_json::from_str(&QualityReport::default().to_json()).unwrap();
        let keys: Vec<&str> = json
            .as_object()
            .unwrap()
            .keys()
            .map(String::as_str)
            .collect();
        let mut names = vec!["cables", "references"];
        names.extend(ANOMALIES.iter().map(|(name, _)| *name));
        names.sort_unstable();
        assert_eq!(keys, names);
        let text = QualityReport::default().to_text();
        for (name, _) in ANOMALIES {
            assert!(text.contains(name), "{name}");
        }
    }
}
