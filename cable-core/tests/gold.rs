//! The parser against the gold set: cables read by hand (`tests/gold/`, see its README),
//! scored field by field. The test prints the table of accuracies and fails when a field
//! falls below the level committed in `FLOORS`.
//!
//! `GOLD_VERBOSE=1 cargo test -p cable-core --release --test gold -- --nocapture` also
//! prints every disagreement; `GOLD_FIELD=signature` only those of one field.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use cable_core::{Cable, DeclassifyKind, Options};
use serde::Deserialize;

/// The lowest accuracy (in percent) any field of the held-out set may fall to.
const HELD_OUT_FLOOR: f64 = 85.0;

/// The lowest accuracy (in percent) any field of the hard set may fall to: the level the
/// parser has reached, rounded down to 0.1 (issue 22 aims at 97 on every field).
const HARD_FLOORS: [(&str, f64); 26] = [
    ("reference_id", 100.0),
    ("has_body", 100.0),
    ("banner_marking", 99.3),
    ("classification", 99.3),
    ("section", 98.7),
    ("banner_station", 98.7),
    ("station", 98.0),
    ("serial", 98.7),
    ("caveats", 98.7),
    ("eo_order", 98.7),
    ("declassify_raw", 98.7),
    ("tags", 100.0),
    ("subject", 99.3),
    ("subject_marking", 100.0),
    ("classified_by", 100.0),
    ("reasons", 100.0),
    ("paragraphs", 99.3),
    ("summary", 99.3),
    ("has_comment", 98.7),
    ("signature", 100.0),
    ("references", 97.4),
    ("sent", 100.0),
    ("declassify", 98.7),
    ("tag_kinds", 100.0),
    ("classifier_name", 100.0),
    ("classifier_title", 100.0),
];

/// The lowest accuracy (in percent) each field of the gold set may fall to.
const FLOORS: [(&str, f64); 26] = [
    ("reference_id", 99.0),
    ("has_body", 99.0),
    ("banner_marking", 99.0),
    ("classification", 99.0),
    ("section", 99.0),
    ("banner_station", 99.0),
    ("station", 99.0),
    ("serial", 99.0),
    ("caveats", 99.0),
    ("eo_order", 99.0),
    ("declassify_raw", 99.0),
    ("tags", 99.0),
    ("subject", 99.0),
    ("subject_marking", 99.0),
    ("classified_by", 99.0),
    ("reasons", 99.0),
    ("paragraphs", 99.0),
    ("summary", 99.0),
    ("has_comment", 99.0),
    ("signature", 99.0),
    ("references", 99.0),
    ("sent", 99.0),
    ("declassify", 98.0),
    // Since issue 22 the parser reads `AU` as Austria unless the cable is African or names
    // the Union (09VIENNA912, 08KATHMANDU24), and two new readers read `KCRM` as a program
    // where the first two wrote `subject` (`readings/rereadings.json`).
    ("tag_kinds", 99.0),
    ("classifier_name", 98.0),
    ("classifier_title", 98.0),
];

/// One file of the gold set.
#[derive(Debug, Deserialize)]
#[allow(dead_code)]
struct Gold {
    file: String,
    reference_id: String,
    has_body: bool,
    sent: String,
    banner_marking: String,
    classification: String,
    section: String,
    banner_station: String,
    station: String,
    serial: String,
    caveats: Vec<String>,
    eo_order: String,
    declassify_raw: String,
    declassify: String,
    tags: Vec<String>,
    tag_kinds: Vec<String>,
    subject: String,
    subject_marking: String,
    classified_by: String,
    classifier_name: String,
    classifier_title: String,
    reasons: Vec<String>,
    paragraphs: Vec<String>,
    summary_start: String,
    summary_end: String,
    has_comment: bool,
    signature: String,
    references: Vec<GoldReference>,
}

/// One cited document of the gold set.
#[derive(Debug, Deserialize, PartialEq)]
struct GoldReference {
    label: String,
    kind: String,
    cable_id: String,
    notal: bool,
}

fn gold_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/gold")
}

/// The files of a gold set (`tests/gold` or its `heldout` part).
fn gold_files(dir: &Path) -> Vec<PathBuf> {
    let mut files = Vec::new();
    for sub in ["txt", "html", "page"] {
        let Ok(entries) = std::fs::read_dir(dir.join(sub)) else {
            continue;
        };
        for entry in entries {
            files.push(entry.expect("a gold file").path());
        }
    }
    files.sort();
    files
}

/// Parses a corpus file as a user would: with `parse_file`, so that a bare `<pre>` block
/// takes its id and year from its name.
fn parse_corpus_file(file: &str) -> Cable {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/corpus")
        .join(file);
    cable_core::parse_file(&path, &Options::new()).expect("lenient parsing succeeds")
}

/// Whitespace runs collapsed.
fn squash(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The words of a text, as the gold set counts them: runs of non-space characters that
/// hold a letter or digit, compared without case or the punctuation around them.
fn words(s: &str) -> Vec<String> {
    s.split_whitespace()
        .filter(|w| w.chars().any(char::is_alphanumeric))
        .map(|w| {
            w.trim_matches(|c: char| !c.is_alphanumeric())
                .to_lowercase()
        })
        .collect()
}

/// The parser's value of each field, in the gold set's terms.
fn parsed_fields(cable: &Cable) -> BTreeMap<&'static str, String> {
    let body = cable.body.as_ref();
    let banner = body.and_then(|b| b.banner.as_ref());
    let eo = body.and_then(|b| b.executive_order.as_ref());
    let classified = body.and_then(|b| b.classified_by.as_ref());
    let summary = body
        .and_then(|b| b.summary.as_ref())
        .map(|s| words(&s.text));
    let mut f = BTreeMap::new();
    let s = |v: Option<&str>| squash(v.unwrap_or(""));
    f.insert("reference_id", s(cable.id.as_deref()));
    f.insert("has_body", body.is_some().to_string());
    f.insert("banner_marking", s(banner.map(|b| b.marking.as_str())));
    f.insert(
        "classification",
        banner.map_or(String::new(), |b| b.classification.name().to_string()),
    );
    f.insert(
        "section",
        banner
            .and_then(|b| b.section)
            .map_or(String::new(), |x| format!("{}/{}", x.number, x.of)),
    );
    let station = banner.and_then(|b| b.station.as_deref());
    f.insert("banner_station", s(station));
    f.insert("station", s(banner.and_then(|b| b.station_code.as_deref())));
    f.insert(
        "sent",
        cable
            .sent
            .as_deref()
            .map_or(String::new(), |d| d[..10].to_string()),
    );
    let declassify = eo.and_then(|e| e.declassify.as_ref());
    f.insert(
        "declassify",
        declassify.map_or(String::new(), |d| match d.kind {
            DeclassifyKind::Date => d.date.clone().unwrap_or_else(|| d.raw.clone()),
            DeclassifyKind::NotApplicable => "N/A".into(),
            DeclassifyKind::Code => d.codes.join(", "),
            _ => squash(&d.raw),
        }),
    );
    let kinds: Vec<String> = body
        .map(|b| b.tags.iter().map(|t| name(&t.kind)).collect())
        .unwrap_or_default();
    f.insert("tag_kinds", format!("{kinds:?}"));
    f.insert(
        "classifier_name",
        s(classified.and_then(|c| c.name.as_deref())),
    );
    f.insert(
        "classifier_title",
        s(classified.and_then(|c| c.title.as_deref())),
    );
    f.insert("serial", s(banner.and_then(|b| b.serial.as_deref())));
    f.insert(
        "caveats",
        format!("{:?}", body.map(|b| b.caveats.clone()).unwrap_or_default()),
    );
    f.insert("eo_order", s(eo.and_then(|e| e.order.as_deref())));
    f.insert("declassify_raw", s(declassify.map(|d| d.raw.as_str())));
    let tags: Vec<&str> = body
        .map(|b| b.tags.iter().map(|t| t.code.as_str()).collect())
        .unwrap_or_default();
    f.insert("tags", format!("{tags:?}"));
    let subject = body.and_then(|b| b.subject.as_ref());
    f.insert("subject", s(subject.map(|x| x.text.as_str())));
    f.insert(
        "subject_marking",
        s(subject.and_then(|x| x.marking.as_deref())),
    );
    f.insert("classified_by", s(classified.map(|c| c.by.as_str())));
    f.insert(
        "reasons",
        format!(
            "{:?}",
            classified.map(|c| c.reasons.clone()).unwrap_or_default()
        ),
    );
    let paragraphs: Vec<String> = body
        .map(|b| {
            b.paragraphs
                .iter()
                .filter_map(|p| {
                    let n = p.number?;
                    Some(match &p.marking {
                        Some(m) => format!("{n} {m}"),
                        None => n.to_string(),
                    })
                })
                .collect()
        })
        .unwrap_or_default();
    f.insert("paragraphs", format!("{paragraphs:?}"));
    f.insert(
        "summary",
        summary.map_or(String::new(), |w| {
            let n = w.len();
            format!("{:?} .. {:?}", &w[..n.min(5)], &w[n.saturating_sub(5)..])
        }),
    );
    f.insert(
        "has_comment",
        body.is_some_and(|b| !b.comments.is_empty()).to_string(),
    );
    f.insert("signature", s(cable.signature()));
    let references: Vec<String> = body
        .map(|b| {
            b.references
                .iter()
                .map(|r| {
                    format!(
                        "{}|{}|{}|{}",
                        r.label.as_deref().unwrap_or(""),
                        name(&r.kind),
                        r.cited_id.as_deref().unwrap_or(""),
                        r.notal
                    )
                })
                .collect()
        })
        .unwrap_or_default();
    f.insert("references", format!("{references:?}"));
    f
}

/// The gold set's value of each field, in the same terms.
fn gold_fields(g: &Gold) -> BTreeMap<&'static str, String> {
    let mut f = BTreeMap::new();
    f.insert("reference_id", squash(&g.reference_id));
    f.insert("has_body", g.has_body.to_string());
    f.insert("banner_marking", squash(&g.banner_marking));
    f.insert("classification", g.classification.clone());
    f.insert("section", g.section.clone());
    f.insert("banner_station", squash(&g.banner_station));
    f.insert("station", squash(&g.station));
    f.insert("serial", squash(&g.serial));
    f.insert("caveats", format!("{:?}", g.caveats));
    f.insert("eo_order", squash(&g.eo_order));
    f.insert("declassify_raw", squash(&g.declassify_raw));
    f.insert("tags", format!("{:?}", g.tags));
    f.insert("subject", squash(&g.subject));
    f.insert("subject_marking", squash(&g.subject_marking));
    f.insert("classified_by", squash(&g.classified_by));
    f.insert("reasons", format!("{:?}", g.reasons));
    f.insert("paragraphs", format!("{:?}", g.paragraphs));
    // Five words each way, as the gold set's format says (a reading that wrote six is
    // compared on its first and last five).
    let (mut start, mut end) = (words(&g.summary_start), words(&g.summary_end));
    start.truncate(5);
    end.drain(..end.len().saturating_sub(5));
    f.insert(
        "summary",
        if start.is_empty() {
            String::new()
        } else {
            format!("{start:?} .. {end:?}")
        },
    );
    f.insert("has_comment", g.has_comment.to_string());
    f.insert("signature", squash(&g.signature));
    let references: Vec<String> = g
        .references
        .iter()
        .map(|r| format!("{}|{}|{}|{}", r.label, r.kind, r.cable_id, r.notal))
        .collect();
    f.insert("references", format!("{references:?}"));
    f.insert("sent", g.sent.clone());
    f.insert("declassify", squash(&g.declassify));
    f.insert("tag_kinds", format!("{:?}", g.tag_kinds));
    f.insert("classifier_name", squash(&g.classifier_name));
    f.insert("classifier_title", squash(&g.classifier_title));
    f
}

/// The snake_case name of an enum, as in the JSON tree.
fn name<T: serde::Serialize>(value: &T) -> String {
    serde_json::to_value(value)
        .ok()
        .and_then(|v| v.as_str().map(String::from))
        .unwrap_or_default()
}

/// Scores the parser on a gold set: per field, how many files it reads right, and the
/// disagreements.
fn score(
    files: &[PathBuf],
) -> (
    BTreeMap<&'static str, usize>,
    BTreeMap<&'static str, Vec<String>>,
) {
    let mut right: BTreeMap<&str, usize> = BTreeMap::new();
    let mut wrong: BTreeMap<&str, Vec<String>> = BTreeMap::new();
    for path in files {
        let gold: Gold = toml::from_str(&std::fs::read_to_string(path).expect("a gold file"))
            .unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        let cable = parse_corpus_file(&gold.file);
        let (want, got) = (gold_fields(&gold), parsed_fields(&cable));
        for (field, _) in FLOORS {
            if want[field] == got[field] {
                *right.entry(field).or_default() += 1;
            } else {
                wrong.entry(field).or_default().push(format!(
                    "{}\n      gold:   {}\n      parser: {}",
                    gold.file, want[field], got[field]
                ));
            }
        }
    }
    (right, wrong)
}

/// Prints the table of a scored set; returns the fields below their floor.
fn table(
    name: &str,
    files: usize,
    right: &BTreeMap<&str, usize>,
    floor_of: impl Fn(&str, f64) -> f64,
) -> Vec<String> {
    let mut failing = Vec::new();
    println!("\n{name}: {files} cables\n\n| field | right | accuracy |\n| --- | ---: | ---: |");
    for (field, floor) in FLOORS {
        let n = right.get(field).copied().unwrap_or(0);
        let accuracy = 100.0 * n as f64 / files as f64;
        println!("| {field} | {n} | {accuracy:.1}% |");
        let floor = floor_of(field, floor);
        if accuracy < floor {
            failing.push(format!("{name} {field}: {accuracy:.1}% < {floor}%"));
        }
    }
    failing
}

/// Prints the disagreements when `GOLD_VERBOSE` is set (of one field with `GOLD_FIELD`).
fn show(wrong: &BTreeMap<&str, Vec<String>>) {
    if std::env::var("GOLD_VERBOSE").is_err() {
        return;
    }
    let only = std::env::var("GOLD_FIELD").ok();
    for (field, cases) in wrong {
        if only.as_deref().is_none_or(|o| o == *field) {
            println!("\n## {field}: {} wrong", cases.len());
            for case in cases {
                println!("  {case}");
            }
        }
    }
}

/// Scores the gold files of `dir` (at least `at_least` of them) and fails on a field
/// below its floor, `floor(field, gold_floor)`.
fn check_set(name: &str, dir: &Path, at_least: usize, floor: impl Fn(&str, f64) -> f64) {
    let files = gold_files(dir);
    assert!(
        files.len() >= at_least,
        "the {name} has {} files",
        files.len()
    );
    let (right, wrong) = score(&files);
    let failing = table(name, files.len(), &right, floor);
    show(&wrong);
    assert!(failing.is_empty(), "below the committed level: {failing:?}");
}

#[test]
fn the_parser_reads_the_gold_set_right() {
    check_set("Gold set", &gold_dir(), 250, |_, floor| floor);
}

/// Cables read by hand after the parser was tuned on the gold set, to see how it does on
/// cables it was not tuned on. Its floor is lower: it measures, the gold set steers.
#[test]
fn the_parser_reads_the_held_out_set() {
    check_set("Held-out set", &gold_dir().join("heldout"), 40, |_, _| {
        HELD_OUT_FLOOR
    });
}

/// 40 cables drawn at random on 7 December 2026 among those no gold file covered and no
/// fix of that day had touched, read by two new readers (`tests/gold/fresh/`), after the
/// held-out set's misses had been fixed, class by class: the set no rule was fitted to.
/// Its floor is the held-out set's.
#[test]
fn the_parser_reads_the_fresh_set() {
    check_set("Fresh set", &gold_dir().join("fresh"), 40, |_, _| {
        HELD_OUT_FLOOR
    });
}

/// Cables chosen for the quirks of the long tail (`tests/gold/hard/`, see its README),
/// read by hand like the gold set. Its floors are the levels reached, field by field.
#[test]
fn the_parser_reads_the_hard_set() {
    check_set("Hard set", &gold_dir().join("hard"), 150, |field, _| {
        HARD_FLOORS
            .iter()
            .find(|(f, _)| *f == field)
            .map(|(_, floor)| *floor)
            .expect("every field has a floor in HARD_FLOORS")
    });
}
