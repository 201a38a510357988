//! Tests of the `cable` command: output formats, exit codes, directory walks,
//! standard input, malformed rows and strict-mode failures.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use cable_core::Options;

const SAMPLE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/09ASTANA1145.txt");

fn corpus(dir: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../cable-core/tests/corpus")
        .join(dir)
}

fn cable(args: &[&str]) -> Output {
    cable_with_stdin(args, None)
}

fn cable_with_stdin(args: &[&str], stdin: Option<&[u8]>) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_cable"))
        .args(args)
        .stdin(if stdin.is_some() {
            Stdio::piped()
        } else {
            Stdio::null()
        })
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the cable binary runs");
    if let Some(input) = stdin {
        let mut pipe = child.stdin.take().unwrap();
        let input = input.to_vec();
        // Write from another thread so that a full stdout pipe cannot block us.
        std::thread::spawn(move || pipe.write_all(&input))
            .join()
            .unwrap()
            .unwrap();
    }
    child.wait_with_output().unwrap()
}

fn stdout(out: &Output) -> String {
    String::from_utf8(out.stdout.clone()).unwrap()
}

fn stderr(out: &Output) -> String {
    String::from_utf8(out.stderr.clone()).unwrap()
}

/// The library's tree of a file: `parse_file`, which gives the file's name to the parser.
fn tree(path: &Path) -> String {
    cable_core::parse_file(path, &Options::new())
        .unwrap()
        .to_json()
}

/// The text-export files of the corpus, sorted.
fn text_exports() -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(corpus("cablegate-txt"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    files
}

/// A cables.csv built from the corpus text exports (those with metadata).
fn archive(rows: usize) -> String {
    let texts: Vec<String> = text_exports()
        .iter()
        .map(|p| std::fs::read_to_string(p).unwrap())
        .collect();
    let mut out = String::new();
    let mut n = 0;
    for text in texts.iter().cycle() {
        if n == rows {
            break;
        }
        if let Some(row) = cable_cli::synth::csv_row(n + 1, text) {
            out.push_str(&row);
            n += 1;
        }
    }
    out
}

/// Splits RFC 4180 CSV into records of fields.
fn read_csv(text: &str) -> Vec<Vec<String>> {
    let (mut records, mut record, mut field) = (Vec::new(), Vec::new(), String::new());
    let (mut quoted, mut chars) = (false, text.chars().peekable());
    while let Some(c) = chars.next() {
        match (c, quoted) {
            ('"', true) if chars.peek() == Some(&'"') => {
                field.push('"');
                chars.next();
            }
            ('"', _) => quoted = !quoted,
            (',', false) => record.push(std::mem::take(&mut field)),
            ('\n', false) => {
                record.push(std::mem::take(&mut field));
                records.push(std::mem::take(&mut record));
            }
            _ => field.push(c),
        }
    }
    records
}

#[test]
fn parse_one_file_prints_exactly_the_tree() {
    let out = cable(&["parse", SAMPLE]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(stdout(&out), tree(Path::new(SAMPLE)) + "\n");
    assert_eq!(stderr(&out), "");
}

#[test]
fn parse_every_corpus_container_like_the_library() {
    for dir in ["cablegate-html", "cablegate-page"] {
        let file = std::fs::read_dir(corpus(dir))
            .unwrap()
            .next()
            .unwrap()
            .unwrap()
            .path();
        let out = cable(&["parse", file.to_str().unwrap()]);
        assert_eq!(stdout(&out), tree(&file) + "\n", "{}", file.display());
    }
}

#[test]
fn parse_year_is_the_library_option() {
    // A bare <pre> block (no metadata, no date) under a name that is no reference id.
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("berlin.html");
    std::fs::copy(corpus("cablegate-html").join("07BERLIN1767.html"), &file).unwrap();
    let out = cable(&["parse", "--year", "2007", file.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let options = Options::new().year(2007);
    let expected = cable_core::parse_file(&file, &options).unwrap();
    assert_eq!(stdout(&out), expected.to_json() + "\n");
    // `C O N F I D E N T I A L SECTION 01 OF 03 BERLIN 001767` in 2007.
    assert_eq!(expected.id.as_deref(), Some("07BERLIN1767"));
    // `REF: A. BERLIN 1681`
    let refs = &expected.body.as_ref().unwrap().references;
    assert_eq!(refs[0].cited_id.as_deref(), Some("07BERLIN1681"));
}

#[test]
fn parse_takes_the_id_from_the_file_name() {
    let file = corpus("cablegate-html").join("07BERLIN1767.html");
    let path = file.to_str().unwrap();
    let out = cable(&["parse", path]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(stdout(&out), tree(&file) + "\n");
    let parsed: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    // The <pre> block gives no year: the name gives the id, and the year of `BERLIN 1681`.
    assert_eq!(parsed["id"], "07BERLIN1767");
    assert_eq!(parsed["body"]["references"][0]["cited_id"], "07BERLIN1681");
    let codes: Vec<&str> = parsed["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["code"].as_str().unwrap())
        .collect();
    assert!(codes.contains(&"id-from-file-name"), "{codes:?}");

    // Turned off, and from standard input (which has no name): no id, no year.
    let bytes = std::fs::read(&file).unwrap();
    let nameless = cable_core::parse_bytes(&bytes, &Options::new()).unwrap();
    assert_eq!(nameless.id, None);
    assert_eq!(nameless.body.as_ref().unwrap().references[0].cited_id, None);
    let off = cable(&["parse", "--no-id-from-file-name", path]);
    assert_eq!(stdout(&off), nameless.to_json() + "\n");
    let stdin = cable_with_stdin(&["parse", "-"], Some(&bytes));
    assert_eq!(stdout(&stdin), nameless.to_json() + "\n");

    // The flat row has the id too.
    let out = cable(&["export", "--format", "csv", path]);
    let rows = read_csv(&stdout(&out));
    assert_eq!(
        (rows[0][0].as_str(), rows[1][0].as_str()),
        ("id", "07BERLIN1767")
    );
}

#[test]
fn parse_stdin_is_like_the_file() {
    let out = cable_with_stdin(&["parse", "-"], Some(&std::fs::read(SAMPLE).unwrap()));
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(stdout(&out), tree(Path::new(SAMPLE)) + "\n");
}

#[test]
fn parse_single_csv_row_is_like_the_library() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("row.txt");
    std::fs::write(&path, archive(1)).unwrap();
    let out = cable(&["parse", path.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(stdout(&out), tree(&path) + "\n");
}

#[test]
fn parse_several_files_is_an_array_or_json_lines() {
    let files = text_exports();
    let (a, b) = (files[0].to_str().unwrap(), files[1].to_str().unwrap());
    let out = cable(&["parse", a, b]);
    assert_eq!(out.status.code(), Some(0));
    let array: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert_eq!(array.as_array().unwrap().len(), 2);
    assert_eq!(
        array[1].to_string(),
        serde_json::from_str::<serde_json::Value>(&tree(&files[1]))
            .unwrap()
            .to_string()
    );

    let out = cable(&["parse", "--jsonl", a, b]);
    assert_eq!(
        stdout(&out),
        format!("{}\n{}\n", tree(&files[0]), tree(&files[1]))
    );

    let out = cable(&["parse", "--pretty", a]);
    let pretty: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert_eq!(
        pretty,
        serde_json::from_str::<serde_json::Value>(&tree(&files[0])).unwrap()
    );
    assert!(stdout(&out).contains("\n  \"container\""));
}

#[test]
fn parse_walks_directories_recursively_in_name_order() {
    let dir = tempfile::tempdir().unwrap();
    let files = text_exports();
    std::fs::create_dir_all(dir.path().join("b/nested")).unwrap();
    std::fs::create_dir_all(dir.path().join(".git")).unwrap();
    std::fs::copy(&files[0], dir.path().join("b/nested/z.txt")).unwrap();
    std::fs::copy(&files[1], dir.path().join("a.TXT")).unwrap();
    std::fs::copy(&files[2], dir.path().join("b/m.txt")).unwrap();
    std::fs::copy(&files[3], dir.path().join(".git/skipped.txt")).unwrap();
    std::fs::copy(&files[3], dir.path().join(".hidden.txt")).unwrap();
    std::fs::write(dir.path().join("README.md"), "not a cable").unwrap();
    let out = cable(&["parse", "--jsonl", dir.path().to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let expected: Vec<String> = [&files[1], &files[2], &files[0]]
        .iter()
        .map(|p| tree(p))
        .collect();
    assert_eq!(stdout(&out).lines().collect::<Vec<_>>(), expected);
    // The summary goes to standard error, never to standard output.
    assert!(stderr(&out).contains("3 cables"), "{}", stderr(&out));
}

#[test]
fn empty_directory_is_an_empty_array() {
    let dir = tempfile::tempdir().unwrap();
    let out = cable(&["parse", "-q", dir.path().to_str().unwrap()]);
    assert_eq!(
        (out.status.code(), stdout(&out).as_str()),
        (Some(0), "[]\n")
    );
}

#[test]
fn missing_and_unreadable_inputs_fail_but_the_run_goes_on() {
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("bad.txt");
    std::fs::write(&bad, b"UNCLAS \xff\xfe\n").unwrap();
    let missing = dir.path().join("missing.txt");
    let out = cable(&[
        "parse",
        "--jsonl",
        missing.to_str().unwrap(),
        bad.to_str().unwrap(),
        SAMPLE,
    ]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(stdout(&out), tree(Path::new(SAMPLE)) + "\n");
    let err = stderr(&out);
    assert!(
        err.contains(&format!("error: {}: ", missing.display())),
        "{err}"
    );
    assert!(
        err.contains(&format!(
            "error: {}: invalid UTF-8 at byte offset 7",
            bad.display()
        )),
        "{err}"
    );
    assert!(
        err.contains("1 cables") && err.contains("2 failed (1 unreadable, 1 invalid input)"),
        "{err}"
    );
}

#[test]
fn strict_mode_failure_is_reported_with_file_and_line() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("x.txt");
    std::fs::write(&path, "FM AMEMBASSY X\nTO\n").unwrap();
    let p = path.to_str().unwrap();
    let lenient = cable(&["parse", p]);
    assert_eq!(lenient.status.code(), Some(0));
    let strict = cable(&["parse", "--strict", p]);
    assert_eq!(strict.status.code(), Some(1));
    assert_eq!(stdout(&strict), "");
    assert!(
        stderr(&strict).contains(&format!("error: {p}:2:")),
        "{}",
        stderr(&strict)
    );
}

/// `cable --version` says the workspace's version, the one of the wheel and the npm package.
#[test]
fn version_is_the_workspace_version() {
    let out = cable(&["--version"]);
    assert!(out.status.success());
    assert_eq!(
        stdout(&out),
        format!("cable {}\n", env!("CARGO_PKG_VERSION"))
    );
    let workspace = include_str!("../../Cargo.toml");
    let line = format!("version = \"{}\"", env!("CARGO_PKG_VERSION"));
    assert!(
        workspace.lines().any(|l| l == line),
        "the workspace's Cargo.toml has no {line}"
    );
}

#[test]
fn usage_errors_exit_2_and_help_has_examples() {
    assert_eq!(cable(&[]).status.code(), Some(2));
    assert_eq!(cable(&["parse"]).status.code(), Some(2));
    assert_eq!(
        cable(&["export", SAMPLE]).status.code(),
        Some(2),
        "--format is required"
    );
    assert_eq!(
        cable(&["export", SAMPLE, "--format", "xml"]).status.code(),
        Some(2)
    );
    assert_eq!(
        cable(&["parse", "--container", "nope", SAMPLE])
            .status
            .code(),
        Some(2)
    );
    assert_eq!(
        cable(&["parse", "--threads", "0", SAMPLE]).status.code(),
        Some(2)
    );
    for sub in ["parse", "export", "stats"] {
        let out = cable(&[sub, "--help"]);
        assert_eq!(out.status.code(), Some(0));
        assert!(stdout(&out).contains("Examples:"), "{sub}");
        assert!(stdout(&out).contains(&format!("cable {sub}")), "{sub}");
    }
    assert!(stdout(&cable(&["--help"])).contains("Exit status"));
}

#[test]
fn export_csv_has_flat_columns_and_one_row_per_cable() {
    let dir = tempfile::tempdir().unwrap();
    let output = dir.path().join("out.csv");
    let out = cable(&[
        "export",
        "--format",
        "csv",
        "-o",
        output.to_str().unwrap(),
        SAMPLE,
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(stdout(&out), "");
    let rows = read_csv(&std::fs::read_to_string(&output).unwrap());
    assert_eq!(rows.len(), 2);
    assert_eq!(
        rows[0],
        cable_cli::csv_export::columns().collect::<Vec<_>>()
    );
    let row: std::collections::HashMap<&str, &str> = rows[0]
        .iter()
        .map(String::as_str)
        .zip(rows[1].iter().map(String::as_str))
        .collect();
    assert_eq!(row["id"], "09ASTANA1145");
    assert_eq!(row["classification"], "UNCLASSIFIED//FOR OFFICIAL USE ONLY");
    assert_eq!(row["origin"], "Embassy Astana");
    assert_eq!(row["tags"], "PGOV|PREL|ECON|ETRD|WTRO|RS|BO|KZ");
    assert_eq!(row["container"], "text_export");
    assert_eq!(row["source"], SAMPLE);
    assert_eq!(row["row"], "");
    assert_eq!(row["partial"], "false");
    assert!(row["recipients"].contains("SECSTATE WASHDC"));
}

#[test]
fn export_of_an_archive_keeps_order_whatever_the_threads() {
    let dir = tempfile::tempdir().unwrap();
    let csv = dir.path().join("cables.csv");
    let data = archive(120);
    std::fs::write(&csv, &data).unwrap();
    let path = csv.to_str().unwrap();
    let one = cable(&["export", "--format", "jsonl", "--threads", "1", path]);
    let two = cable(&["export", "--format", "jsonl", "-j", "2", path]);
    assert_eq!(one.status.code(), Some(0), "{}", stderr(&one));
    assert_eq!(stdout(&one), stdout(&two));
    let expected: String = cable_core::csv::Records::new(data.as_bytes())
        .map(|r| {
            cable_core::parse_record(&r.unwrap(), &Options::new())
                .unwrap()
                .to_json()
                + "\n"
        })
        .collect();
    assert_eq!(stdout(&one), expected);
    assert!(stderr(&two).contains("120 cables"), "{}", stderr(&two));

    // With --with-source, each line says where the tree came from.
    let out = cable(&["export", "--format", "jsonl", "--with-source", path]);
    let third: serde_json::Value =
        serde_json::from_str(stdout(&out).lines().nth(2).unwrap()).unwrap();
    assert_eq!(
        (third["source"].as_str(), third["row"].as_u64()),
        (Some(path), Some(3))
    );
    assert!(third["line"].as_u64().unwrap() > 3);
    assert_eq!(third["cable"]["container"], "csv_row");
}

#[test]
fn an_archive_saved_again_as_rfc_4180_exports_the_same() {
    let dir = tempfile::tempdir().unwrap();
    let data = archive(89);
    // Re-saved as pandas does: quotes doubled, backslashes as they are, fields quoted
    // only when they need it.
    let rfc: String = cable_core::csv::Records::new(data.as_bytes())
        .map(|r| {
            let r = r.unwrap();
            let fields: Vec<String> = (0..8).map(|i| r.field(i).unwrap().into_owned()).collect();
            cable_cli::csv_export::csv_line(fields.iter().map(String::as_str))
        })
        .collect();
    assert!(rfc.contains('\\'), "the corpus has texts with backslashes");
    let (release, saved) = (dir.path().join("release.csv"), dir.path().join("saved.csv"));
    std::fs::write(&release, &data).unwrap();
    std::fs::write(&saved, &rfc).unwrap();
    let export = |path: &Path, dialect: &str| {
        let out = cable(&[
            "export",
            "--format",
            "jsonl",
            "--csv-dialect",
            dialect,
            path.to_str().unwrap(),
        ]);
        (out.status.code(), stdout(&out))
    };
    let expected = export(&release, "auto");
    assert_eq!(expected.0, Some(0));
    assert_eq!(expected.1.lines().count(), 89);
    assert_eq!(export(&saved, "auto"), expected);
    assert_eq!(export(&saved, "rfc4180"), expected);
    assert_eq!(export(&release, "backslash"), expected);
    // Read as the release, the backslashes of the saved file go wrong.
    let misread = export(&saved, "backslash");
    assert_ne!(misread.0, Some(0));
    assert_ne!(misread.1, expected.1);
}

#[test]
fn malformed_row_is_reported_and_skipped() {
    let rows = archive(3);
    let lines: Vec<&str> = rows.split_inclusive('\n').collect();
    // Row 2 of 3 opens a quote that never closes before row 3 starts.
    let second_start = rows.find("\n2,\"").unwrap() + 1;
    let third_start = rows.find("\n3,\"").unwrap() + 1;
    let broken = format!(
        "{}2,\"01/01/2001 00:00\",\"01BROKEN1\n{}",
        &rows[..second_start],
        &rows[third_start..]
    );
    assert!(lines.len() > 3);
    let out = cable_with_stdin(&["export", "--format", "csv", "-"], Some(broken.as_bytes()));
    assert_eq!(out.status.code(), Some(1));
    let table = read_csv(&stdout(&out));
    assert_eq!(table.len(), 3, "header and two rows");
    let col = |name: &str| table[0].iter().position(|c| c == name).expect(name);
    let (row, source) = (col("row"), col("source"));
    assert_eq!((table[1][row].as_str(), table[2][row].as_str()), ("1", "3"));
    assert_eq!(table[1][source], "<stdin>");
    let err = stderr(&out);
    assert!(err.contains("error: <stdin>: row 2 (line "), "{err}");
    assert!(
        err.contains("2 cables") && err.contains("1 failed (1 malformed row)"),
        "{err}"
    );
}

#[test]
fn stats_counts_an_archive_and_a_directory() {
    let dir = tempfile::tempdir().unwrap();
    let csv = dir.path().join("cables.csv");
    std::fs::write(&csv, archive(20)).unwrap();
    let out = cable(&[
        "stats",
        "--json",
        csv.to_str().unwrap(),
        corpus("cablegate-page").to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let stats: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert_eq!(stats["cables"], 23);
    assert_eq!(stats["failed"], 0);
    assert_eq!(stats["by_container"]["csv_row"], 20);
    assert_eq!(stats["by_container"]["html_page"], 3);
    let total: u64 = stats["by_year"]
        .as_object()
        .unwrap()
        .values()
        .map(|v| v.as_u64().unwrap())
        .sum();
    assert_eq!(total, 23);

    let out = cable(&["stats", corpus("cablegate-txt").to_str().unwrap()]);
    let text = stdout(&out);
    assert!(
        text.contains("by classification") && text.contains("most frequent diagnostics"),
        "{text}"
    );
    assert!(text.contains("partial-extract"), "{text}");
}

#[test]
fn stats_quality_is_the_library_report_of_the_inputs() {
    use cable_core::quality::{Quality, QualityReport};
    // An invented cable: a caveat run on after its subject, and no id (it has no date).
    let dir = tempfile::tempdir().unwrap();
    let odd = dir.path().join("odd.txt");
    std::fs::write(
        &odd,
        "UNCLAS ASTANA 000001\nSUBJECT: ROADS SIPDIS\n\n1. (U) Roads are good.\n",
    )
    .unwrap();
    let txt = corpus("cablegate-txt");
    let out = cable(&[
        "stats",
        "--quality",
        "--json",
        "-j",
        "2",
        txt.to_str().unwrap(),
        odd.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let mut files: Vec<PathBuf> = std::fs::read_dir(&txt)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    let mut expected = QualityReport::default();
    for file in &files {
        expected.add(&Quality::of(
            &cable_core::parse_file(file, &Options::new()).unwrap(),
        ));
    }
    let mut last = Quality::of(&cable_core::parse_file(&odd, &Options::new()).unwrap());
    assert!(last.subject_caveat && last.id.is_none());
    // The command names a cable without id by its file.
    last.id = Some(odd.to_str().unwrap().to_string());
    expected.add(&last);
    let report: QualityReport = serde_json::from_str(&stdout(&out)).unwrap();
    assert_eq!(report, expected);
    assert_eq!(report.cables, files.len() as u64 + 1);
    assert!(report
        .subject_caveat
        .examples
        .contains(&odd.to_str().unwrap().to_string()));

    let out = cable(&["stats", "--quality", odd.to_str().unwrap()]);
    let text = stdout(&out);
    assert!(
        text.contains("subject_caveat") && text.contains("classifier_missing"),
        "{text}"
    );
}

#[test]
fn quiet_runs_print_nothing_on_standard_error() {
    let out = cable(&[
        "export",
        "--format",
        "jsonl",
        "-q",
        corpus("cablegate-page").to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(stderr(&out), "");
    assert_eq!(stdout(&out).lines().count(), 3);
}

/// Without the `parquet` feature the columnar formats are refused with a message that
/// says how to get them, and nothing is written.
#[cfg(not(feature = "parquet"))]
#[test]
fn export_parquet_without_the_feature_says_how_to_build_it() {
    let dir = tempfile::tempdir().unwrap();
    for format in ["parquet", "arrow"] {
        let out = cable(&[
            "export",
            SAMPLE,
            "--format",
            format,
            "-o",
            dir.path().to_str().unwrap(),
        ]);
        assert_eq!(out.status.code(), Some(2), "{format}");
        assert!(
            stderr(&out).contains("--features parquet"),
            "{}",
            stderr(&out)
        );
    }
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0);
}

/// Reads the record batches of a Parquet or Arrow file written by the command.
#[cfg(feature = "parquet")]
fn read_table(path: &Path) -> Vec<arrow_array::RecordBatch> {
    let file = std::fs::File::open(path).unwrap();
    if path.extension().is_some_and(|e| e == "parquet") {
        parquet::arrow::arrow_reader::ParquetRecordBatchReader::try_new(file, 1 << 20)
            .unwrap()
            .map(Result::unwrap)
            .collect()
    } else {
        arrow_ipc::reader::FileReader::try_new(file, None)
            .unwrap()
            .map(Result::unwrap)
            .collect()
    }
}

/// A table file's rows as one batch.
#[cfg(feature = "parquet")]
fn read_whole_table(path: &Path, table: cable_core::tables::Table) -> arrow_array::RecordBatch {
    arrow_select::concat::concat_batches(&table.schema(), &read_table(path)).unwrap()
}

#[cfg(feature = "parquet")]
#[test]
fn export_parquet_and_arrow_are_the_library_tables() {
    use cable_core::tables::{Batches, Table};
    let dir = tempfile::tempdir().unwrap();
    let csv = dir.path().join("cables.csv");
    let mut data = archive(30);
    // A malformed row is reported and left out, as in the CSV export.
    data.push_str("31,\"12/28/1966 18:48\",\"never closed\n");
    data.push_str(
        &cable_cli::synth::csv_row(32, &std::fs::read_to_string(SAMPLE).unwrap()).unwrap(),
    );
    std::fs::write(&csv, &data).unwrap();
    let expected_cables: Vec<_> = cable_core::csv::Records::new(data.as_bytes())
        .filter_map(Result::ok)
        .map(|r| {
            cable_core::parse_with(
                &r.text,
                &Options::new().container(cable_core::Container::CsvRow),
            )
            .unwrap()
        })
        .collect();
    assert_eq!(expected_cables.len(), 31);
    let expected = Batches::of(&expected_cables);
    for format in ["parquet", "arrow"] {
        let out = dir.path().join(format);
        let run = cable(&[
            "export",
            csv.to_str().unwrap(),
            "--format",
            format,
            "-o",
            out.to_str().unwrap(),
            "-j",
            "2",
        ]);
        assert_eq!(run.status.code(), Some(1), "{}", stderr(&run));
        assert!(stderr(&run).contains("row 31 (line"), "{}", stderr(&run));
        assert!(
            stderr(&run).contains("cables.") && stderr(&run).contains("(31 rows)"),
            "{}",
            stderr(&run)
        );
        for table in Table::ALL {
            let path = out.join(format!("{}.{format}", table.name()));
            let got = read_whole_table(&path, table);
            assert_eq!(&got, expected.get(table), "{format} {}", table.name());
            let partial = out.join(format!("{}.{format}.partial", table.name()));
            assert!(!partial.exists());
        }
    }
    let refs = expected.references.num_rows();
    assert!(refs > 10 && expected.paragraphs.num_rows() > 100, "{refs}");
}

#[cfg(feature = "parquet")]
#[test]
fn export_parquet_of_the_corpus_is_zstd_and_needs_a_directory() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("tables");
    let corpus_dir = corpus("");
    let run = cable(&[
        "export",
        corpus_dir.to_str().unwrap(),
        "--format",
        "parquet",
        "-o",
        out.to_str().unwrap(),
        "-q",
    ]);
    assert_eq!(run.status.code(), Some(0), "{}", stderr(&run));
    assert_eq!(stderr(&run), "");
    let file = std::fs::File::open(out.join("cables.parquet")).unwrap();
    let reader = parquet::file::reader::SerializedFileReader::new(file).unwrap();
    use parquet::file::reader::FileReader as _;
    let meta = reader.metadata();
    let files = std::fs::read_dir(corpus("cablegate-txt")).unwrap().count()
        + std::fs::read_dir(corpus("cablegate-html")).unwrap().count()
        + std::fs::read_dir(corpus("cablegate-page")).unwrap().count();
    assert_eq!(meta.file_metadata().num_rows() as usize, files);
    for rg in meta.row_groups() {
        for column in rg.columns() {
            assert!(matches!(
                column.compression(),
                parquet::basic::Compression::ZSTD(_)
            ));
        }
    }
    for args in [
        vec!["export", SAMPLE, "--format", "parquet"],
        vec!["export", SAMPLE, "--format", "arrow", "-o", "-"],
    ] {
        let run = cable(&args);
        assert_eq!(run.status.code(), Some(2), "{args:?}");
        assert!(stderr(&run).contains("-o DIR"), "{}", stderr(&run));
    }
}

/// A string column's values.
#[cfg(feature = "parquet")]
fn column_strings(batch: &arrow_array::RecordBatch, name: &str) -> Vec<Option<String>> {
    use arrow_array::cast::AsArray;
    use arrow_array::Array;
    let array = batch.column_by_name(name).unwrap().as_string::<i32>();
    (0..array.len())
        .map(|i| array.is_valid(i).then(|| array.value(i).to_string()))
        .collect()
}

#[cfg(feature = "parquet")]
#[test]
fn export_parquet_of_files_reads_their_text_and_names() {
    use arrow_array::cast::AsArray;
    use arrow_array::types::Int64Type;
    use cable_core::tables::{Batches, Table};
    let dir = tempfile::tempdir().unwrap();
    // A bare <pre> block: no metadata, no date; its file name is its id.
    let html = corpus("cablegate-html").join("07BERLIN1767.html");
    let out = dir.path().join("tables");
    let run = cable(&[
        "export",
        SAMPLE,
        html.to_str().unwrap(),
        "--format",
        "parquet",
        "-o",
        out.to_str().unwrap(),
        "-j",
        "1",
        "-q",
    ]);
    assert_eq!(run.status.code(), Some(0), "{}", stderr(&run));
    let files = [Path::new(SAMPLE), html.as_path()];
    let cables: Vec<_> = files
        .iter()
        .map(|f| cable_core::parse_file(f, &Options::new()).unwrap())
        .collect();
    let expected = Batches::of(&cables);
    let tables: Vec<_> = Table::ALL
        .iter()
        .map(|t| read_whole_table(&out.join(format!("{}.parquet", t.name())), *t))
        .collect();
    for (table, got) in Table::ALL.iter().zip(&tables) {
        assert_eq!(got, expected.get(*table), "{}", table.name());
    }
    let (c, r) = (&tables[0], &tables[2]);
    // `09ASTANA1145` (first line), and `...SECTION 01 OF 03 BERLIN 001767` named by its file.
    assert_eq!(
        column_strings(c, "id"),
        [Some("09ASTANA1145".into()), Some("07BERLIN1767".into())]
    );
    // `SUBJECT:  KAZAKHSTAN:  RBK CUSTOMS UNION, WTO, AND THE WAY \nFORWARD`
    assert_eq!(
        column_strings(c, "subject")[0].as_deref(),
        Some("KAZAKHSTAN: RBK CUSTOMS UNION, WTO, AND THE WAY FORWARD")
    );
    // `HOAGLAND`, the last line of the sample's text.
    assert_eq!(
        column_strings(c, "signature")[0].as_deref(),
        Some("HOAGLAND")
    );
    // `E.O. 12958: N/A`
    assert_eq!(
        column_strings(c, "declassify_kind")[0].as_deref(),
        Some("not_applicable")
    );
    // `TAGS: PGOV PREL ECON ETRD WTRO RS BO KZ`
    let tags = c.column_by_name("tags").unwrap().as_list::<i32>().value(0);
    let tags: Vec<&str> = tags.as_string::<i32>().iter().map(Option::unwrap).collect();
    assert_eq!(
        tags,
        ["PGOV", "PREL", "ECON", "ETRD", "WTRO", "RS", "BO", "KZ"]
    );
    // `REF: A. ASTANA 1018 / B. ASTANA 1005 / C. ASTANA 0830`, then Berlin's `A. BERLIN 1681`.
    let cited = column_strings(r, "cited_id");
    assert_eq!(
        cited[..4],
        [
            Some("09ASTANA1018".into()),
            Some("09ASTANA1005".into()),
            Some("09ASTANA830".into()),
            Some("07BERLIN1681".into()),
        ]
    );
    let citing = column_strings(r, "cable_id");
    assert_eq!(citing[0].as_deref(), Some("09ASTANA1145"));
    assert_eq!(citing[3].as_deref(), Some("07BERLIN1767"));
    assert_eq!(column_strings(r, "kind")[0].as_deref(), Some("cable"));
    let serial = r.column_by_name("serial").unwrap();
    assert_eq!(serial.as_primitive::<Int64Type>().value(2), 830);
    // Berlin: `Classified By: DCM John M. Koenig for Reasons 1.4(b) and (d).` and
    // `E.O. 12958: DECL: 09/17/2017`, a date: day 17,426 of the epoch.
    assert_eq!(
        column_strings(c, "classifier")[1].as_deref(),
        Some("John M. Koenig")
    );
    assert_eq!(
        column_strings(c, "classified_by_title")[1].as_deref(),
        Some("DCM")
    );
    assert_eq!(
        column_strings(c, "declassify_kind")[1].as_deref(),
        Some("date")
    );
    let declassified = c.column_by_name("declassification_date").unwrap();
    let declassified = declassified.as_primitive::<arrow_array::types::Date32Type>();
    assert!(arrow_array::Array::is_null(declassified, 0));
    assert_eq!(declassified.value(1), 17_426);
}
