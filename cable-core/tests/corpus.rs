//! Golden tests: every corpus file parses leniently, and its JSON tree matches the
//! committed snapshot (`INSTA_UPDATE=always cargo test -p cable-core --test corpus` to
//! accept intended changes, then review the diff).

use std::path::{Path, PathBuf};

use cable_core::{parse_bytes, Cable, Container, Options, Severity};

fn corpus_files() -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/corpus");
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
