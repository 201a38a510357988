//! Property tests: whatever text the parser is given, it never panics, lenient parsing
//! always returns a tree, every span lies inside the document text on char boundaries
//! with children inside their parents, the JSON round-trips, and each paragraph's span
//! holds exactly that paragraph's words.
//!
//! Inputs: arbitrary strings and bytes, strings built from cable-like tokens, and corpus
//! cables with random mutations (lines deleted, duplicated, truncated, shuffled,
//! whitespace changed, CRLF line ends, a BOM, `\0` bytes).
//!
//! `PROPTEST_CASES=N` sets the number of cases of every property (default: 256 for
//! small strings, 64 for corpus cables, to keep `cargo test` in debug mode quick).
//! Failures are not persisted to files: turn a failing case into a test in
//! `tests/adversarial.rs` (see its `regression_*` tests).

#[path = "../fuzz/src/invariants.rs"]
mod invariants;

use std::path::Path;
use std::sync::OnceLock;

use cable_core::csv::Records;
use cable_core::{decode, parse, parse_bytes, parse_with, Container, Error, Options};
use proptest::prelude::*;
use proptest::sample::Index;
use proptest::test_runner::{Config, RngSeed};

/// The number of cases: `PROPTEST_CASES` when set, else `default`. The seed is fixed
/// unless `PROPTEST_RNG_SEED` gives one, so that a failing run is reproduced by the next;
/// the fuzz targets (`cable-core/fuzz`) are where inputs are explored at random.
fn config(default: u32) -> Config {
    let cases = std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default);
    let mut config = Config {
        cases,
        failure_persistence: None,
        ..Config::default()
    };
    if std::env::var_os("PROPTEST_RNG_SEED").is_none() {
        config.rng_seed = RngSeed::Fixed(20_261_129);
    }
    config
}

/// Every way to parse: detection and each container, lenient and strict.
fn modes() -> Vec<(Option<Container>, bool)> {
    let containers = std::iter::once(None).chain(Container::ALL.into_iter().map(Some));
    containers.flat_map(|c| [(c, false), (c, true)]).collect()
}

/// Parses `input` in every mode and checks the invariants of every tree.
fn check_all_modes(input: &str) {
    for (container, strict) in modes() {
        check_mode(input, container, strict);
    }
    // `parse` is lenient parsing with detection.
    assert_eq!(
        parse(input),
        parse_with(input, &Options::new()).expect("lenient parsing never fails")
    );
}

/// Parses `input` one way and checks the result.
fn check_mode(input: &str, container: Option<Container>, strict: bool) {
    let mut options = Options::new().strict(strict);
    if let Some(c) = container {
        options = options.container(c);
    }
    let decoded = decode(input, container);
    match parse_with(input, &options) {
        Ok(cable) => {
            assert_eq!(cable.container, decoded.container);
            invariants::check_cable(&cable, &decoded.text);
        }
        Err(err) => {
            assert!(strict, "lenient parsing failed ({container:?}): {err}");
            check_error(&err, &decoded.text);
        }
    }
}

/// A strict-mode error points into the document text.
fn check_error(err: &Error, text: &str) {
    match err {
        Error::Syntax {
            line,
            column,
            offset,
            ..
        } => {
            assert!(
                *offset <= text.len(),
                "error offset {offset} past the text ({} bytes)",
                text.len()
            );
            assert!(*line >= 1 && *column >= 1);
            assert_eq!(
                *line,
                text[..*offset].matches('\n').count() + 1,
                "error line does not match its offset"
            );
        }
        other => panic!("unexpected error for a UTF-8 input under the size limit: {other}"),
    }
}

/// Pieces of cables, markup and CSV, to build inputs that reach deep into the grammar.
const TOKENS: &[&str] = &[
    "\n",
    "\n",
    "\n",
    "\r\n",
    "\r",
    " ",
    " ",
    "  ",
    "\t",
    "\u{a0}",
    "¶",
    "\0",
    "\u{feff}",
    "é",
    "ü",
    "—",
    "UNCLAS",
    "UNCLASSIFIED",
    "C O N F I D E N T I A L",
    "SECRET",
    "SECTION 01 OF 02",
    "ASTANA",
    "001145",
    "SENSITIVE",
    "SIPDIS",
    "NOFORN",
    "E.O. 12958:",
    "DECL:",
    "N/A",
    "TAGS:",
    "PGOV PREL",
    "SUBJECT:",
    "SUBJ:",
    "REF:",
    "REFTEL:",
    "A.",
    "B.",
    "C)",
    "(D)",
    "STATE 1234",
    "Classified By:",
    "reasons 1.4 (b) and (d)",
    "1.",
    "2.",
    "3.",
    "12.",
    "2011.",
    "(U)",
    "(SBU)",
    "(C/REL X)",
    "SUMMARY:",
    "END SUMMARY",
    "BEGIN SUMMARY",
    "COMMENT:",
    "END COMMENT",
    "PAGE 02",
    "ASTANA 00001145  002 OF 002",
    "VZCZCXRO8970",
    "PP RUEHAG RUEHAST",
    "RUEHBI",
    "DE RUEHTA #1145/01 1901056",
    "ZNR UUUUU ZZH",
    "P 091056Z JUL 09",
    "091056Z JUL 09",
    "FM AMEMBASSY ASTANA",
    "TO ",
    "INFO ",
    "RUEHC/SECSTATE WASHDC PRIORITY 5752",
    "XMT AMEMBASSY SOFIA",
    "BT",
    "INFO LOG-00 EAP-00",
    "ACTION INR-00",
    "---",
    "PRIORITY",
    "5752",
    "HOAGLAND",
    "STATE FOR SCA/CEN,",
    "09ASTANA1145",
    "Thu Jul 09 00:00:00 +0200 2009",
    "UNCLASSIFIED//FOR OFFICIAL USE ONLY",
    "Embassy Astana",
    "This record is a partial extract of the original cable.",
    "The full text of the original cable is not available.",
    "<pre>",
    "</pre>",
    "<code>",
    "<a href='#par1'>",
    "</a>",
    "<br>",
    "<p>",
    "<",
    ">",
    "&",
    "&amp;",
    "&#x000A;",
    "&#39;",
    "&para;",
    "&#0;",
    "&#xFFFFFFFF;",
    "<script>",
    "</script>",
    "<!--",
    "-->",
    "<html>",
    "<table class='cable'>",
    "<td>",
    "</td>",
    "<h3>",
    "Viewing cable 09X1, ",
    "\"",
    "\"\"",
    "\\\"",
    "\\",
    ",",
    "1,\"",
    "\",\"",
    "12/28/1966 18:48",
    "HELLO",
    "WORLD.",
    "a",
    "Z",
];

/// A string built from cable-like tokens.
fn cable_like() -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(TOKENS), 0..80).prop_map(|t| t.concat())
}

proptest! {
    #![proptest_config(config(256))]

    /// Arbitrary strings: no panic, lenient parsing returns a valid tree in every mode.
    #[test]
    fn arbitrary_strings(input in any::<String>()) {
        check_all_modes(&input);
    }

    /// Strings of cable-like tokens reach the header, body, HTML and CSV rules.
    #[test]
    fn cable_like_strings(input in cable_like()) {
        check_all_modes(&input);
    }

    /// Arbitrary bytes: `parse_bytes` refuses exactly the non-UTF-8 ones, at the right offset.
    #[test]
    fn arbitrary_bytes(bytes in prop::collection::vec(any::<u8>(), 0..200)) {
        let result = parse_bytes(&bytes, &Options::new());
        match std::str::from_utf8(&bytes) {
            Ok(text) => invariants::check_cable(&result.expect("UTF-8 parses"), &decode(text, None).text),
            Err(e) => prop_assert_eq!(result.unwrap_err(), Error::InvalidUtf8 { offset: e.valid_up_to() }),
        }
    }

    /// The CSV stream never panics on arbitrary bytes, and its records parse.
    #[test]
    fn csv_records_from_arbitrary_bytes(bytes in prop::collection::vec(prop_oneof![
        4 => any::<u8>(),
        1 => Just(b'"'), 1 => Just(b','), 1 => Just(b'\n'), 1 => Just(b'\\'), 1 => Just(b'1'),
    ], 0..300)) {
        for record in Records::new(&bytes[..]).max_record_bytes(100).flatten() {
            prop_assert!(record.text.len() <= 100);
            check_mode(&record.text, Some(Container::CsvRow), false);
        }
    }
}

/// The corpus: every file under `tests/corpus`, with the container it is in.
fn corpus() -> &'static [(String, String)] {
    static CORPUS: OnceLock<Vec<(String, String)>> = OnceLock::new();
    CORPUS.get_or_init(|| {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/corpus");
        let mut files = Vec::new();
        for dir in ["cablegate-txt", "cablegate-html", "cablegate-page"] {
            let mut entries: Vec<_> = std::fs::read_dir(root.join(dir))
                .expect("corpus folder")
                .map(|e| e.unwrap().path())
                .collect();
            entries.sort();
            for path in entries {
                let text = std::fs::read_to_string(&path).expect("corpus files are UTF-8");
                files.push((
                    path.file_name().unwrap().to_string_lossy().into_owned(),
                    text,
                ));
            }
        }
        assert!(files.len() > 100, "the corpus is missing");
        files
    })
}

/// A cables.csv row holding a corpus cable (all of it in the body column).
fn csv_row(n: usize, name: &str, text: &str) -> String {
    let id = name.split('.').next().unwrap_or("00X1");
    let body = text.replace('"', "\"\"");
    format!("{n},\"12/28/1966 18:48\",\"{id}\",\"Embassy X\",\"UNCLASSIFIED\",\"\",\"\",\"{body}\"")
}

/// One random change to a cable.
#[derive(Debug, Clone)]
enum Mutation {
    DeleteLine(Index),
    DuplicateLine(Index),
    Truncate(Index),
    Shuffle { at: Index, len: usize, seed: u64 },
    Whitespace { at: Index, kind: u8 },
    Crlf,
    LoneCr,
    Bom,
    Nul(Index),
    InsertToken(Index, &'static str),
}

fn mutation() -> impl Strategy<Value = Mutation> {
    prop_oneof![
        3 => any::<Index>().prop_map(Mutation::DeleteLine),
        3 => any::<Index>().prop_map(Mutation::DuplicateLine),
        1 => any::<Index>().prop_map(Mutation::Truncate),
        2 => (any::<Index>(), 2..12usize, any::<u64>()).prop_map(|(at, len, seed)| Mutation::Shuffle { at, len, seed }),
        3 => (any::<Index>(), 0..6u8).prop_map(|(at, kind)| Mutation::Whitespace { at, kind }),
        1 => Just(Mutation::Crlf),
        1 => Just(Mutation::LoneCr),
        1 => Just(Mutation::Bom),
        2 => any::<Index>().prop_map(Mutation::Nul),
        2 => (any::<Index>(), prop::sample::select(TOKENS)).prop_map(|(at, t)| Mutation::InsertToken(at, t)),
    ]
}

/// Applies `m` to `text`.
fn mutate(text: &str, m: &Mutation) -> String {
    let mut lines: Vec<String> = text.split_inclusive('\n').map(String::from).collect();
    let floor = |s: &str, mut i: usize| {
        i = i.min(s.len());
        while !s.is_char_boundary(i) {
            i -= 1;
        }
        i
    };
    match m {
        Mutation::DeleteLine(at) if !lines.is_empty() => {
            lines.remove(at.index(lines.len()));
        }
        Mutation::DuplicateLine(at) if !lines.is_empty() => {
            let i = at.index(lines.len());
            let line = lines[i].clone();
            lines.insert(i, line);
        }
        Mutation::Truncate(at) => {
            let i = floor(text, at.index(text.len() + 1));
            return text[..i].to_string();
        }
        Mutation::Shuffle { at, len, seed } if !lines.is_empty() => {
            let start = at.index(lines.len());
            let end = (start + len).min(lines.len());
            let mut state = *seed | 1;
            for i in (start + 1..end).rev() {
                state = state
                    .wrapping_mul(6364136223846793005)
                    .wrapping_add(1442695040888963407);
                let j = start + (state >> 33) as usize % (i - start + 1);
                lines.swap(i, j);
            }
        }
        Mutation::Whitespace { at, kind } if !lines.is_empty() => {
            let i = at.index(lines.len());
            let line = &lines[i];
            let (content, nl) = line
                .strip_suffix('\n')
                .map_or((line.as_str(), ""), |c| (c, "\n"));
            let changed = match kind {
                0 => content.replace(' ', "\t"),
                1 => content.replace(' ', "  "),
                2 => content.trim().to_string(),
                3 => format!("    {content}   "),
                4 => content.replace(' ', "\u{a0}"),
                _ => content.split_whitespace().collect::<String>(),
            };
            lines[i] = format!("{changed}{nl}");
        }
        Mutation::Crlf => return text.replace("\r\n", "\n").replace('\n', "\r\n"),
        Mutation::LoneCr => return text.replace('\n', "\r"),
        Mutation::Bom => return format!("\u{feff}{text}"),
        Mutation::Nul(at) => {
            let i = floor(text, at.index(text.len() + 1));
            return format!("{}\0{}", &text[..i], &text[i..]);
        }
        Mutation::InsertToken(at, token) => {
            let i = floor(text, at.index(text.len() + 1));
            return format!("{}{token}{}", &text[..i], &text[i..]);
        }
        _ => {}
    }
    lines.concat()
}

/// The container each corpus folder holds.
fn container_of(name: &str, text: &str) -> Container {
    if name.ends_with(".txt") {
        Container::TextExport
    } else if text.to_ascii_lowercase().contains("<html") {
        Container::HtmlPage
    } else {
        Container::HtmlPre
    }
}

proptest! {
    #![proptest_config(config(64))]

    /// Corpus cables with random mutations, parsed with detection and as their container.
    #[test]
    fn mutated_corpus_cables(file in any::<Index>(), mutations in prop::collection::vec(mutation(), 1..6)) {
        let (name, original) = &corpus()[file.index(corpus().len())];
        let mut text = original.clone();
        for m in &mutations {
            text = mutate(&text, m);
        }
        let container = container_of(name, original);
        check_mode(&text, None, false);
        check_mode(&text, Some(container), false);
        check_mode(&text, Some(container), true);
    }

    /// Corpus cables inside a mutated cables.csv row, and the CSV stream over several rows.
    #[test]
    fn mutated_csv_rows(file in any::<Index>(), mutations in prop::collection::vec(mutation(), 0..4)) {
        let (name, original) = &corpus()[file.index(corpus().len())];
        let mut row = csv_row(1, name, original);
        for m in &mutations {
            row = mutate(&row, m);
        }
        check_mode(&row, None, false);
        check_mode(&row, Some(Container::CsvRow), false);
        check_mode(&row, Some(Container::CsvRow), true);
        let file = format!("{row}\n{}\n", csv_row(2, name, original));
        for record in Records::new(file.as_bytes()).flatten() {
            check_mode(&record.text, Some(Container::CsvRow), false);
        }
    }
}

/// Every corpus file, unmutated, holds the invariants (a baseline for the mutations).
#[test]
fn corpus_files_hold_the_invariants() {
    for (name, text) in corpus() {
        let container = container_of(name, text);
        let result = std::panic::catch_unwind(|| {
            check_mode(text, Some(container), false);
            check_mode(text, None, false);
        });
        assert!(
            result.is_ok(),
            "{name}: an invariant failed (see the panic above)"
        );
    }
}

/// The CSV rows built from corpus cables hold the invariants too.
#[test]
fn corpus_csv_rows_hold_the_invariants() {
    for (n, (name, text)) in corpus().iter().enumerate().step_by(7) {
        let row = csv_row(n, name, text);
        assert_eq!(decode(&row, None).container, Container::CsvRow, "{name}");
        check_mode(&row, None, false);
    }
}

/// Inputs that proptest once shrank a failure to, kept as plain tests.
#[test]
fn found_by_the_properties() {
    for input in [
        // A backslash before trailing spaces at the very end: a `cables.csv` dump's line
        // end, which the grammar takes as part of the line break.
        "\u{840}.\u{468}\u{170f}:3<\"s\u{1a6b}\\ ",
        "\n\n\n1.C)",
        // Two backslashes at the very end: one is the line end's, one is text.
        "HELLO 2011.\\\\",
    ] {
        check_all_modes(input);
    }
}
