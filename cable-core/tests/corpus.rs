//! Golden tests: every corpus file parses leniently, and its JSON tree matches the
//! committed snapshot (`INSTA_UPDATE=always cargo test -p cable-core --test corpus` to
//! accept intended changes, then review the diff).

use std::path::{Path, PathBuf};

use cable_core::{parse_bytes, Cable, Container, Options, Severity};

/// The copy of the shared corpus in `tests/corpus`.
fn corpus_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/corpus")
}

fn corpus_files() -> Vec<PathBuf> {
    let root = corpus_root();
    let mut files = Vec::new();
    for dir in ["cablegate-txt", "cablegate-html", "cablegate-page"] {
        for entry in std::fs::read_dir(root.join(dir)).expect("corpus folder") {
            files.push(entry.expect("corpus entry").path());
        }
    }
    files.sort();
    assert!(
        files.len() >= 737,
        "the corpus is incomplete: {} files",
        files.len()
    );
    files
}

/// The corpus folder a file lies in, e.g. `cablegate-txt`.
fn folder_of(path: &Path) -> &str {
    path.parent()
        .and_then(Path::file_name)
        .and_then(|n| n.to_str())
        .unwrap_or("")
}

fn parse_file(path: &Path) -> Cable {
    let bytes = std::fs::read(path).expect("readable corpus file");
    parse_bytes(&bytes, &Options::default()).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

#[test]
fn every_corpus_file_matches_its_snapshot() {
    let mut settings = insta::Settings::clone_current();
    settings.set_prepend_module_to_snapshot(false);
    settings.set_snapshot_path("snapshots");
    settings.bind(|| {
        for path in corpus_files() {
            let cable = parse_file(&path);
            let folder = folder_of(&path);
            let name = format!(
                "{folder}__{}",
                path.file_stem().and_then(|n| n.to_str()).unwrap_or("")
            );
            let json: serde_json::Value =
                serde_json::from_str(&cable.to_json()).expect("valid JSON");
            insta::assert_json_snapshot!(name, json);
        }
    });
}

#[test]
fn every_corpus_tree_round_trips_through_json() {
    for path in corpus_files() {
        let cable = parse_file(&path);
        let back = Cable::from_json(&cable.to_json()).expect("JSON reads back");
        assert_eq!(back, cable, "{}", path.display());
    }
}

#[test]
fn containers_are_detected_by_folder() {
    for path in corpus_files() {
        let cable = parse_file(&path);
        let folder = folder_of(&path);
        let expected = match folder {
            "cablegate-txt" => Container::TextExport,
            "cablegate-html" => Container::HtmlPre,
            _ => Container::HtmlPage,
        };
        assert_eq!(cable.container, expected, "{}", path.display());
    }
}

#[test]
fn cables_have_bodies_and_empty_pages_say_so() {
    for path in corpus_files() {
        let cable = parse_file(&path);
        let raw = std::fs::read_to_string(&path).expect("UTF-8 corpus file");
        let metadata_only = raw.lines().count() <= 5 && cable.container == Container::TextExport;
        let empty_page = raw.contains("Appears in these articles") && !raw.contains("<pre")
            || raw.trim().len() < 40;
        if metadata_only || empty_page {
            assert!(cable.body.is_none(), "{}", path.display());
            assert!(
                cable.diagnostics.iter().any(|d| d.code == "no-cable-text"),
                "{}",
                path.display()
            );
        } else {
            let body = cable
                .body
                .as_ref()
                .unwrap_or_else(|| panic!("{} has no body", path.display()));
            assert!(
                body.banner.is_some() || !body.paragraphs.is_empty(),
                "{}",
                path.display()
            );
        }
    }
}

#[test]
fn every_span_lies_inside_the_document_text() {
    for path in corpus_files() {
        let raw = std::fs::read_to_string(&path).expect("UTF-8 corpus file");
        let cable = parse_file(&path);
        let text = cable_core::decode(&raw, Some(cable.container))
            .text
            .into_owned();
        let body = match &cable.body {
            Some(b) => b,
            None => continue,
        };
        let mut spans = vec![cable.span, body.span];
        spans.extend(body.paragraphs.iter().map(|p| p.span));
        spans.extend(body.references.iter().map(|r| r.span));
        spans.extend(cable.diagnostics.iter().map(|d| d.span));
        for s in spans {
            assert!(
                s.start <= s.end && s.end <= text.len(),
                "{}: {s:?}",
                path.display()
            );
            assert!(
                text.is_char_boundary(s.start) && text.is_char_boundary(s.end),
                "{}: {s:?}",
                path.display()
            );
        }
        for p in &body.paragraphs {
            assert!(
                body.span.contains(&p.span) || cable.span.contains(&p.span),
                "{}",
                path.display()
            );
        }
    }
}

/// Not an assertion on counts (they change as the grammar improves), but a guard that
/// error-level diagnostics stay rare: at most one cable in ten has one.
#[test]
fn error_diagnostics_are_rare() {
    let files = corpus_files();
    let with_errors = files
        .iter()
        .filter(|p| {
            parse_file(p)
                .diagnostics
                .iter()
                .any(|d| d.severity == Severity::Error && d.code != "no-cable-text")
        })
        .count();
    assert!(
        with_errors * 10 <= files.len(),
        "{with_errors} of {} cables have error diagnostics",
        files.len()
    );
}

/// Whether `text` holds a page-break marker such as `BRASILIA 00000707 001.2 OF 003`.
fn has_page_marker(text: &str) -> bool {
    let words: Vec<&str> = text.split_whitespace().collect();
    let digits = |w: &str, n: std::ops::RangeInclusive<usize>| {
        n.contains(&w.len()) && w.bytes().all(|b| b.is_ascii_digit())
    };
    words.windows(4).any(|w| {
        let page = w[1].split_once('.').map_or(w[1], |(page, _)| page);
        digits(w[0], 3..=9) && digits(page, 1..=4) && w[2] == "OF" && digits(w[3], 1..=4)
    })
}

/// Page-break lines (`ROME 00001386 001.2 OF 002` included, a page revised in
/// transmission) are page breaks: they never end up among the addressees. (Subjects are not
/// checked: some `<pre>` blocks, e.g. 09TRIPOLI770, run the subject, the page marker, REF
/// and Classified By together on one line, and the subject keeps that line whole.)
#[test]
fn page_markers_stay_out_of_addressees() {
    assert!(has_page_marker("x BRASILIA 00000707 001.2 OF 003"));
    assert!(!has_page_marker(
        "PARAGRAPH 7 OF CRITERIA-BASED NSG PROPOSAL"
    ));
    let mut leaks = Vec::new();
    for path in corpus_files() {
        let Some(body) = parse_file(&path).body else {
            continue;
        };
        for text in &body.addressees {
            if has_page_marker(text) {
                leaks.push(format!("{}: {text}", path.display()));
            }
        }
    }
    assert!(leaks.is_empty(), "{}", leaks.join("\n"));
}

/// Each tag is listed once, in order of first appearance, whether the TAGS line is repeated
/// (the export's linked list, then the cable's own line) or not.
#[test]
fn tags_are_listed_once() {
    for path in corpus_files() {
        let Some(body) = parse_file(&path).body else {
            continue;
        };
        let mut seen = std::collections::HashSet::new();
        for tag in body.tag_codes() {
            assert!(seen.insert(tag), "{}: {tag} twice", path.display());
        }
    }
}

fn body_of(file: &str) -> cable_core::Body {
    let root = corpus_root();
    parse_file(&root.join(file)).body.expect("a body")
}

/// A TAGS list continued on the next line: the line is tags, not an addressee, and a
/// `SUBJECT:` glued after the tags is the subject.
#[test]
fn tags_continued_on_the_next_line() {
    let body = body_of("cablegate-txt/09ABUDHABI754.txt");
    assert_eq!(body.tag_codes()[body.tags.len() - 3..], ["SA", "QA", "AE"]);
    assert!(!body.addressees.iter().any(|a| a.contains("QA")));
    let body = body_of("cablegate-txt/09BASRAH64.txt");
    assert_eq!(body.tag_codes()[body.tags.len() - 2..], ["OPEC", "BEXP"]);
    assert_eq!(
        body.addressees,
        ["DEPT PASS TO TREASURY AND TRANSPORTATION"]
    );
    let body = body_of("cablegate-html/05BRASILIA2692.html");
    assert_eq!(body.tag_codes(), ["PGOV", "PREL", "SOCI", "BR", "TIP"]);
    assert_eq!(
        body.subject.as_ref().map(|s| s.text.as_str()),
        Some("BRAZIL'S LANDLESS MOVEMENT INVADES AMERICAN-OWNED FARM")
    );
    assert!(body.addressees.is_empty());
}

/// A subject's parenthesised translation after a blank line is part of the subject.
#[test]
fn subject_translation_after_a_blank_line() {
    for file in [
        "cablegate-txt/08HAVANA103.txt",
        "cablegate-html/08HAVANA103.html",
    ] {
        let body = body_of(file);
        assert_eq!(
            body.subject.as_ref().map(|s| s.text.as_str()),
            Some("CUBAN HEALTHCARE: “AQUI NADA ES FACIL” (HERE NOTHING IS EASY)")
        );
        assert_eq!(body.addressees, ["DEPT FOR WHA/CCA"]);
    }
}

/// A `<pre>` block that runs addressees, E.O. line, subject, REF list, page marker and
/// Classified By together: each part is found, and the subject is the subject alone.
#[test]
fn run_on_preamble_lines_are_taken_apart() {
    let body = body_of("cablegate-html/08TRIPOLI214.html");
    assert_eq!(
        body.subject.as_ref().map(|s| s.text.as_str()),
        Some("GOL STILL BRISTLING OVER VICTIMS OF TERRORISM LEGISLATION, UTA JUDGMENT")
    );
    assert_eq!(body.addressees, ["DEPT FOR NEA/MAG AND L"]);
    let eo = body.executive_order.expect("the E.O. line");
    let declassify = eo.declassify.as_ref().expect("a declassification date");
    assert_eq!(declassify.raw, "3/9/2018");
    assert_eq!(declassify.date.as_deref(), Some("2018-03-09"));
    let refs: Vec<_> = body.references.iter().map(|r| r.text.as_str()).collect();
    assert_eq!(refs, ["TRIPOLI 199", "TRIPOLI 149 (EXDIS)"]);
    assert_eq!(body.page_breaks[0].text, "TRIPOLI 00000214 001.2 OF 002");

    let body = body_of("cablegate-html/09TRIPOLI584.html");
    assert_eq!(
        body.subject.as_ref().map(|s| s.text.as_str()),
        Some("BEYOND LOCKERBIE: WRITING THE NEXT CHAPTER OF THE US-LIBYA RELATIONSHIP")
    );
    let by = body.classified_by.expect("Classified By");
    assert_eq!(by.reasons, ["1.4(b)", "1.4(d)"]);
    let first = &body.paragraphs[0];
    assert_eq!(
        (first.number, first.marking.as_deref()),
        (Some(1), Some("S/NF"))
    );
    assert!(first.text.starts_with("Summary. Your visit to Libya"));
}

/// The year of a corpus file's cable, from its name (`07BERLIN1767.html` was sent in 2007).
fn year_of(path: &Path) -> u16 {
    let stem = path.file_stem().and_then(|s| s.to_str()).unwrap_or("");
    let yy: u16 = stem.get(..2).and_then(|y| y.parse().ok()).expect("a year");
    if yy > 50 {
        1900 + yy
    } else {
        2000 + yy
    }
}

/// A bare `<pre>` block carries no date: given the year (`Options::year`), its REF items
/// resolve to the same cable ids as the text export of the same cable, and most of the
/// corpus's REF items resolve.
#[test]
fn pre_blocks_resolve_references_with_the_given_year() {
    let root = corpus_root();
    let ids = |cable: &Cable| -> Vec<Option<String>> {
        let refs = cable.body.iter().flat_map(|b| &b.references);
        refs.map(|r| r.cited_id.clone()).collect()
    };
    let (mut compared, mut resolved) = (0, 0);
    for path in corpus_files()
        .iter()
        .filter(|p| folder_of(p) == "cablegate-html")
    {
        let stem = path.file_stem().and_then(|s| s.to_str()).unwrap_or("");
        let twin = root.join(format!("cablegate-txt/{stem}.txt"));
        let bytes = std::fs::read(path).expect("readable");
        let options = Options::new().year(year_of(path));
        let pre = parse_bytes(&bytes, &options).expect("lenient");
        resolved += ids(&pre).iter().flatten().count();
        // (Some text exports hold the metadata only: no body to compare with.)
        let txt = Some(twin).filter(|t| t.exists()).map(|t| parse_file(&t));
        if let Some(txt) = txt.filter(|t| t.body.is_some()) {
            assert_eq!(ids(&pre), ids(&txt), "{stem}");
            compared += 1;
        }
    }
    assert!(compared >= 4, "only {compared} cables in both folders");
    assert!(resolved >= 500, "only {resolved} REF items resolved");
}
