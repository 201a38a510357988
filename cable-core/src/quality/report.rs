//! The sums over an archive: each anomaly counted with a few example ids, in a fixed
//! order with stable names. A report adds cables one at a time and merges with the report
//! of the cables after it, so that parallel work sums in input order.

use std::fmt::Write as _;

use serde::{Deserialize, Serialize};

use super::Quality;

/// How many example cable ids a report keeps for each anomaly.
pub const EXAMPLES: usize = 5;

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
    /// REF stations the parser guessed (diagnostics [`STATION_GUESSED`](super::STATION_GUESSED)).
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
