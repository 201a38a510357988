//! The Arrow tables (feature `arrow`) over the whole corpus: one `cables` row per cable,
//! one `paragraphs` row per paragraph, one `references` row per cited document, each
//! holding the tree's values; the values of a sample cable, read from its text; and the
//! README's schema section is the one the code generates
//! (`UPDATE_README=1 cargo test -p cable-core --features arrow --test tables` rewrites it).
#![cfg(feature = "arrow")]

use std::path::{Path, PathBuf};

use arrow_array::cast::AsArray;
use arrow_array::types::{Date32Type, Int32Type, Int64Type};
use arrow_array::{Array, RecordBatch};
use cable_core::flat::FlatRow;
use cable_core::tables::{Batches, Table, Tables};
use cable_core::{parse_file, Cable, DeclassifyKind, Options};

fn corpus() -> Vec<(PathBuf, Cable)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/corpus");
    let mut files = Vec::new();
    for dir in ["cablegate-txt", "cablegate-html", "cablegate-page"] {
        for entry in std::fs::read_dir(root.join(dir)).expect("corpus folder") {
            files.push(entry.expect("corpus entry").path());
        }
    }
    files.sort();
    assert!(files.len() >= 737, "the corpus is incomplete");
    files
        .into_iter()
        .map(|path| {
            // As the command and Python read files: the name gives a bare block its id.
            let cable = parse_file(&path, &Options::new()).unwrap();
            (path, cable)
        })
        .collect()
}

fn strings(batch: &RecordBatch, column: &str) -> Vec<Option<String>> {
    let array = batch.column_by_name(column).unwrap().as_string::<i32>();
    (0..array.len())
        .map(|i| array.is_valid(i).then(|| array.value(i).to_string()))
        .collect()
}

fn lists(batch: &RecordBatch, column: &str) -> Vec<Vec<String>> {
    let array = batch.column_by_name(column).unwrap().as_list::<i32>();
    (0..array.len())
        .map(|i| {
            let values = array.value(i);
            let values = values.as_string::<i32>();
            (0..values.len())
                .map(|j| values.value(j).to_string())
                .collect()
        })
        .collect()
}

fn bools(batch: &RecordBatch, column: &str) -> Vec<Option<bool>> {
    let array = batch.column_by_name(column).unwrap().as_boolean();
    (0..array.len())
        .map(|i| array.is_valid(i).then(|| array.value(i)))
        .collect()
}

/// A `date` column as ISO days, `2019-07-09`.
fn days(batch: &RecordBatch, column: &str) -> Vec<Option<String>> {
    let array = batch
        .column_by_name(column)
        .unwrap()
        .as_primitive::<Date32Type>();
    let epoch = jiff::civil::date(1970, 1, 1);
    (0..array.len())
        .map(|i| {
            array.is_valid(i).then(|| {
                let span = jiff::Span::new().days(array.value(i));
                epoch.checked_add(span).unwrap().to_string()
            })
        })
        .collect()
}

/// The snake_case name of an enum of the tree, as in its JSON.
fn name<T: serde::Serialize>(value: &T) -> String {
    serde_json::to_value(value)
        .unwrap()
        .as_str()
        .unwrap()
        .to_string()
}

fn ints(batch: &RecordBatch, column: &str) -> Vec<Option<i64>> {
    let array = batch.column_by_name(column).unwrap();
    match array.data_type() {
        arrow_schema::DataType::Int32 => {
            let a = array.as_primitive::<Int32Type>();
            (0..a.len())
                .map(|i| a.is_valid(i).then(|| i64::from(a.value(i))))
                .collect()
        }
        _ => {
            let a = array.as_primitive::<Int64Type>();
            (0..a.len())
                .map(|i| a.is_valid(i).then(|| a.value(i)))
                .collect()
        }
    }
}

#[test]
fn every_row_holds_the_values_of_the_tree() {
    let corpus = corpus();
    let cables: Vec<&Cable> = corpus.iter().map(|(_, c)| c).collect();
    let batches = Batches::of(cables.iter().copied());
    for table in Table::ALL {
        assert_eq!(
            batches.get(table).schema(),
            table.schema(),
            "{}",
            table.name()
        );
    }

    // cables: the flat row's values, in input order.
    let c = &batches.cables;
    assert_eq!(c.num_rows(), cables.len());
    let flat: Vec<FlatRow> = cables.iter().map(|c| FlatRow::new(c)).collect();
    let ids = strings(c, "id");
    assert_eq!(ids, flat.iter().map(|f| f.id.clone()).collect::<Vec<_>>());
    assert_eq!(ids, cables.iter().map(|c| c.id.clone()).collect::<Vec<_>>());
    // Every file of the corpus is named by its id, so every cable has one.
    assert_eq!(ids.iter().filter(|id| id.is_none()).count(), 0);
    assert_eq!(
        strings(c, "subject"),
        flat.iter().map(|f| f.subject.clone()).collect::<Vec<_>>()
    );
    assert_eq!(
        strings(c, "subject"),
        cables
            .iter()
            .map(|c| c.subject().map(String::from))
            .collect::<Vec<_>>()
    );
    let tags = lists(c, "tags");
    assert_eq!(
        tags,
        flat.iter().map(|f| f.tags.clone()).collect::<Vec<_>>()
    );
    let body_tags = |c: &Cable| c.body.as_ref().map_or_else(Vec::new, |b| b.tags.clone());
    assert_eq!(
        tags,
        cables
            .iter()
            .map(|c| body_tags(c).iter().map(|t| t.code.clone()).collect())
            .collect::<Vec<Vec<_>>>()
    );
    assert_eq!(
        lists(c, "tag_kinds"),
        cables
            .iter()
            .map(|c| body_tags(c).iter().map(|t| name(&t.kind)).collect())
            .collect::<Vec<Vec<_>>>()
    );
    assert!(tags.iter().filter(|t| !t.is_empty()).count() > 500);
    assert_eq!(
        strings(c, "signature"),
        cables
            .iter()
            .map(|c| c.signature().map(String::from))
            .collect::<Vec<_>>()
    );
    assert_eq!(
        ints(c, "n_paragraphs"),
        flat.iter()
            .map(|f| Some(f.n_paragraphs as i64))
            .collect::<Vec<_>>()
    );
    let signers = strings(c, "classified_by");
    let expected: Vec<_> = cables
        .iter()
        .map(|c| {
            c.body
                .as_ref()
                .and_then(|b| b.classified_by.as_ref())
                .map(|x| x.by.clone())
        })
        .collect();
    assert_eq!(signers, expected);
    assert!(signers.iter().filter(|s| s.is_some()).count() > 100);
    let classified = |c: &Cable| c.body.as_ref().and_then(|b| b.classified_by.clone());
    let names = strings(c, "classifier");
    assert_eq!(
        names,
        cables
            .iter()
            .map(|c| classified(c).and_then(|x| x.name))
            .collect::<Vec<_>>()
    );
    assert!(names.iter().filter(|s| s.is_some()).count() > 100);
    assert_eq!(
        strings(c, "classified_by_title"),
        cables
            .iter()
            .map(|c| classified(c).and_then(|x| x.title))
            .collect::<Vec<_>>()
    );
    let dates = c.column_by_name("metadata_date").unwrap();
    let dated = cables
        .iter()
        .filter(|c| c.metadata_date().is_some())
        .count();
    assert_eq!(
        dates.len() - dates.null_count(),
        dated,
        "every metadata date of the tree is a timestamp"
    );
    let sent = c.column_by_name("sent").unwrap();
    let sent_in_tree = cables.iter().filter(|c| c.sent.is_some()).count();
    assert_eq!(sent.len() - sent.null_count(), sent_in_tree);
    let declassify = |c: &Cable| {
        c.body
            .as_ref()
            .and_then(|b| b.executive_order.as_ref())
            .and_then(|e| e.declassify.clone())
    };
    // The flat row's value: the ISO date when the instruction is a date, else as written.
    assert_eq!(
        strings(c, "declassify"),
        cables
            .iter()
            .map(|c| declassify(c).map(|d| d.date.unwrap_or(d.raw)))
            .collect::<Vec<_>>()
    );
    assert_eq!(
        strings(c, "declassify_kind"),
        cables
            .iter()
            .map(|c| declassify(c).map(|d| name(&d.kind)))
            .collect::<Vec<_>>()
    );
    let declassified = days(c, "declassification_date");
    let expected: Vec<_> = cables
        .iter()
        .map(|c| {
            declassify(c)
                .filter(|d| d.kind == DeclassifyKind::Date)?
                .date
        })
        .collect();
    assert_eq!(declassified, expected);
    let read = declassified.iter().filter(|d| d.is_some()).count();
    assert!(read > 300, "{read} declassification dates");

    // paragraphs: every paragraph of every body, in order, with its cable's id.
    let p = &batches.paragraphs;
    let expected: Vec<_> = cables
        .iter()
        .flat_map(|c| {
            let id = c.id.clone();
            c.body.iter().flat_map(move |b| {
                let id = id.clone();
                b.paragraphs
                    .iter()
                    .enumerate()
                    .map(move |(i, p)| (id.clone(), i, p.clone()))
            })
        })
        .collect();
    assert_eq!(p.num_rows(), expected.len());
    let (pid, position, text, start, end) = (
        strings(p, "cable_id"),
        ints(p, "position"),
        strings(p, "text"),
        ints(p, "span_start"),
        ints(p, "span_end"),
    );
    let number = ints(p, "number");
    for (row, (id, i, paragraph)) in expected.iter().enumerate() {
        assert_eq!(&pid[row], id);
        assert_eq!(position[row], Some(*i as i64));
        assert_eq!(number[row], paragraph.number.map(i64::from));
        assert_eq!(text[row].as_deref(), Some(paragraph.text.as_str()));
        assert_eq!(
            (start[row], end[row]),
            (
                Some(paragraph.span.start as i64),
                Some(paragraph.span.end as i64)
            )
        );
    }

    // references: the cited documents as edges.
    let r = &batches.references;
    let expected: Vec<_> = cables
        .iter()
        .flat_map(|c| {
            let id = c.id.clone();
            c.body.iter().flat_map(move |b| {
                let id = id.clone();
                b.references.iter().enumerate().map(move |(i, r)| {
                    [
                        id.clone(),
                        Some(i.to_string()),
                        r.label.clone(),
                        Some(r.text.clone()),
                        Some(name(&r.kind)),
                        Some(r.notal.to_string()),
                        r.year.map(|y| y.to_string()),
                        r.station.clone(),
                        r.serial.map(|s| s.to_string()),
                        r.cited_id.clone(),
                        r.in_release.map(|b| b.to_string()),
                    ]
                })
            })
        })
        .collect();
    assert_eq!(r.num_rows(), expected.len());
    let text = |v: Vec<Option<i64>>| -> Vec<Option<String>> {
        v.into_iter().map(|n| n.map(|n| n.to_string())).collect()
    };
    let flags = |v: Vec<Option<bool>>| -> Vec<Option<String>> {
        v.into_iter().map(|b| b.map(|b| b.to_string())).collect()
    };
    let columns = [
        strings(r, "cable_id"),
        text(ints(r, "position")),
        strings(r, "label"),
        strings(r, "text"),
        strings(r, "kind"),
        flags(bools(r, "notal")),
        text(ints(r, "year")),
        strings(r, "station"),
        text(ints(r, "serial")),
        strings(r, "cited_id"),
        flags(bools(r, "in_release")),
    ];
    for (row, want) in expected.iter().enumerate() {
        let got: Vec<_> = columns.iter().map(|c| c[row].clone()).collect();
        assert_eq!(got, want.to_vec(), "references row {row}");
    }
    let cited = expected.iter().filter(|e| e[9].is_some()).count();
    assert!(cited > 50, "{cited}");
    let in_release = expected.iter().filter(|e| e[10].as_deref() == Some("true"));
    assert!(in_release.count() > 10);
    let kinds: std::collections::BTreeSet<_> = expected.iter().map(|e| e[4].clone()).collect();
    assert!(kinds.len() >= 3, "{kinds:?}");
}

/// The three tables of `examples/09ASTANA1145.txt`, checked against what its text says.
#[test]
fn the_sample_cable_as_its_text_reads() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../examples/09ASTANA1145.txt");
    let cable = parse_file(&path, &Options::new()).unwrap();
    let batches = Batches::of([&cable]);
    let c = &batches.cables;
    assert_eq!(c.num_rows(), 1);
    // First line: `09ASTANA1145`.
    assert_eq!(strings(c, "id"), [Some("09ASTANA1145".into())]);
    // `SUBJECT:  KAZAKHSTAN:  RBK CUSTOMS UNION, WTO, AND THE WAY \nFORWARD`
    assert_eq!(
        strings(c, "subject"),
        [Some(
            "KAZAKHSTAN: RBK CUSTOMS UNION, WTO, AND THE WAY FORWARD".into()
        )]
    );
    // `TAGS: PGOV PREL ECON ETRD WTRO RS BO KZ`
    let tags = ["PGOV", "PREL", "ECON", "ETRD", "WTRO", "RS", "BO", "KZ"];
    assert_eq!(lists(c, "tags"), [tags.map(String::from).to_vec()]);
    let kinds = [
        "subject", "subject", "subject", "subject", "subject", "country", "country", "country",
    ];
    assert_eq!(lists(c, "tag_kinds"), [kinds.map(String::from).to_vec()]);
    // The last line of text: `HOAGLAND`.
    assert_eq!(strings(c, "signature"), [Some("HOAGLAND".into())]);
    // `E.O. 12958: N/A`: nothing to declassify, no date.
    assert_eq!(strings(c, "executive_order"), [Some("12958".into())]);
    assert_eq!(strings(c, "declassify"), [Some("N/A".into())]);
    assert_eq!(
        strings(c, "declassify_kind"),
        [Some("not_applicable".into())]
    );
    assert_eq!(days(c, "declassification_date"), [None]);
    // An unclassified cable has no `Classified By:` line.
    assert_eq!(strings(c, "classified_by"), [None]);
    assert_eq!(strings(c, "classifier"), [None]);
    // `UNCLAS SECTION 01 OF 02 ASTANA 001145`
    assert_eq!(
        strings(c, "classification_level"),
        [Some("unclassified".into())]
    );
    assert_eq!(ints(c, "n_references"), [Some(3)]);
    // `P 091056Z JUL 09`: sent on 2009-07-09 at 10:56 UTC.
    let sent = c
        .column_by_name("sent")
        .unwrap()
        .as_primitive::<arrow_array::types::TimestampMicrosecondType>();
    assert_eq!(sent.value(0), 1_247_136_960_000_000);

    // `REF: A. ASTANA 1018 / B. ASTANA 1005 / C. ASTANA 0830`
    let r = &batches.references;
    assert_eq!(r.num_rows(), 3);
    let id = Some("09ASTANA1145".to_string());
    assert_eq!(strings(r, "cable_id"), [id.clone(), id.clone(), id]);
    assert_eq!(ints(r, "position"), [Some(0), Some(1), Some(2)]);
    let some = |v: [&str; 3]| v.map(|s| Some(s.to_string())).to_vec();
    assert_eq!(strings(r, "label"), some(["A", "B", "C"]));
    assert_eq!(
        strings(r, "text"),
        some(["ASTANA 1018", "ASTANA 1005", "ASTANA 0830"])
    );
    assert_eq!(strings(r, "kind"), some(["cable", "cable", "cable"]));
    assert_eq!(bools(r, "notal"), [Some(false), Some(false), Some(false)]);
    assert_eq!(ints(r, "year"), [Some(2009), Some(2009), Some(2009)]);
    assert_eq!(strings(r, "station"), some(["ASTANA", "ASTANA", "ASTANA"]));
    assert_eq!(ints(r, "serial"), [Some(1018), Some(1005), Some(830)]);
    assert_eq!(
        strings(r, "cited_id"),
        some(["09ASTANA1018", "09ASTANA1005", "09ASTANA830"])
    );
    // The three are cables of the release.
    assert_eq!(bools(r, "in_release"), [Some(true), Some(true), Some(true)]);

    // `¶1.  (U) Sensitive but unclassified.`
    let p = &batches.paragraphs;
    assert_eq!(ints(p, "number")[0], Some(1));
    assert_eq!(strings(p, "marking")[0].as_deref(), Some("U"));
}

/// A classified cable's `Classified By:` and declassification date, as its text reads.
#[test]
fn a_classified_cable_as_its_text_reads() {
    let path =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/corpus/cablegate-txt/06DAMASCUS141.txt");
    let cable = parse_file(&path, &Options::new()).unwrap();
    let c = &Batches::of([&cable]).cables;
    assert_eq!(strings(c, "id"), [Some("06DAMASCUS141".into())]);
    // `Classified By: Charge d'Affaires Stephen A. Seche, per 1.4 b,d.`
    assert_eq!(
        strings(c, "classified_by"),
        [Some("Charge d'Affaires Stephen A. Seche".into())]
    );
    assert_eq!(strings(c, "classifier"), [Some("Stephen A. Seche".into())]);
    assert_eq!(
        strings(c, "classified_by_title"),
        [Some("Charge d'Affaires".into())]
    );
    assert_eq!(
        lists(c, "classification_reasons"),
        [vec!["1.4(b)".to_string(), "1.4(d)".to_string()]]
    );
    // `E.O. 12958: DECL: 10/12/2015`
    assert_eq!(strings(c, "declassify"), [Some("2015-10-12".into())]);
    assert_eq!(strings(c, "declassify_kind"), [Some("date".into())]);
    assert_eq!(
        days(c, "declassification_date"),
        [Some("2015-10-12".into())]
    );
    // `TAGS: PGOV PREL SY`
    assert_eq!(lists(c, "tags"), [vec!["PGOV", "PREL", "SY"]]);
    assert_eq!(
        lists(c, "tag_kinds"),
        [vec!["subject", "subject", "country"]]
    );
    // The signer, on the last line: `SECHE`.
    assert_eq!(strings(c, "signature"), [Some("SECHE".into())]);
}

#[test]
fn batches_cut_anywhere_hold_the_same_rows() {
    let corpus = corpus();
    let whole = Batches::of(corpus.iter().map(|(_, c)| c));
    let mut tables = Tables::new();
    let mut parts: Vec<Batches> = Vec::new();
    for (i, (_, cable)) in corpus.iter().enumerate() {
        tables.push(cable);
        if i % 97 == 0 {
            parts.push(tables.finish());
        }
    }
    parts.push(tables.finish());
    for table in Table::ALL {
        let batches: Vec<RecordBatch> = parts.iter().map(|b| b.get(table).clone()).collect();
        let joined = arrow_select::concat::concat_batches(&table.schema(), &batches).unwrap();
        assert_eq!(&joined, whole.get(table), "{}", table.name());
    }
}

#[test]
fn readme_documents_the_schema() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../README.md");
    let readme = std::fs::read_to_string(&path).unwrap();
    let (begin, end) = ("<!-- tables:begin -->\n", "<!-- tables:end -->");
    let start = readme
        .find(begin)
        .expect("README has a tables:begin marker")
        + begin.len();
    let stop = readme[start..]
        .find(end)
        .expect("README has a tables:end marker")
        + start;
    let current = cable_core::tables::markdown();
    if std::env::var_os("UPDATE_README").is_some() {
        let updated = format!("{}{current}{}", &readme[..start], &readme[stop..]);
        std::fs::write(&path, updated).unwrap();
        return;
    }
    assert!(
        readme[start..stop] == current,
        "the schema in README.md is stale: run `UPDATE_README=1 cargo test -p cable-core --features arrow --test tables`"
    );
}
