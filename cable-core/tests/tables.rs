//! The Arrow tables (feature `arrow`) over the whole corpus: one `cables` row per cable,
//! one `paragraphs` row per paragraph, one `references` row per REF item, each holding
//! the tree's values; and the README's schema section is the one the code generates
//! (`UPDATE_README=1 cargo test -p cable-core --features arrow --test tables` rewrites it).
#![cfg(feature = "arrow")]

use std::path::{Path, PathBuf};

use arrow_array::cast::AsArray;
use arrow_array::types::{Int32Type, Int64Type};
use arrow_array::{Array, RecordBatch};
use cable_core::flat::FlatRow;
use cable_core::tables::{Batches, Table, Tables};
use cable_core::{parse_bytes, Cable, Options};

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
            let bytes = std::fs::read(&path).unwrap();
            let cable = parse_bytes(&bytes, &Options::new()).unwrap();
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
    let ids = strings(c, "reference_id");
    assert_eq!(
        ids,
        flat.iter()
            .map(|f| f.reference_id.clone())
            .collect::<Vec<_>>()
    );
    assert_eq!(
        strings(c, "subject"),
        flat.iter().map(|f| f.subject.clone()).collect::<Vec<_>>()
    );
    assert_eq!(
        lists(c, "tags"),
        flat.iter().map(|f| f.tags.clone()).collect::<Vec<_>>()
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
    let dates = c.column_by_name("date").unwrap();
    let dated = flat.iter().filter(|f| f.date.is_some()).count();
    assert_eq!(
        dates.len() - dates.null_count(),
        dated,
        "every date of the tree is a timestamp"
    );
    let declassified = c.column_by_name("declassification_date").unwrap();
    let written: usize = cables
        .iter()
        .filter(|c| {
            let d = c
                .body
                .as_ref()
                .and_then(|b| b.executive_order.as_ref())
                .and_then(|e| e.declassify.as_deref());
            d.is_some_and(|d| d.chars().next().is_some_and(|ch| ch.is_ascii_digit()))
        })
        .count();
    let read = declassified.len() - declassified.null_count();
    assert!(
        read > 300 && read <= written,
        "{read} declassification dates of {written}"
    );

    // paragraphs: every paragraph of every body, in order, with its cable's id.
    let p = &batches.paragraphs;
    let expected: Vec<_> = cables
        .iter()
        .flat_map(|c| {
            let id = c.reference_id().map(String::from);
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

    // references: the REF items as edges.
    let r = &batches.references;
    let expected: Vec<_> = cables
        .iter()
        .flat_map(|c| {
            let id = c.reference_id().map(String::from);
            c.body.iter().flat_map(move |b| {
                let id = id.clone();
                b.references
                    .iter()
                    .map(move |r| (id.clone(), r.label.clone(), r.cable_id.clone()))
            })
        })
        .collect();
    assert_eq!(r.num_rows(), expected.len());
    let got: Vec<_> = strings(r, "citing_id")
        .into_iter()
        .zip(strings(r, "label"))
        .zip(strings(r, "cited_id"))
        .map(|((a, b), c)| (a, b, c))
        .collect();
    assert_eq!(got, expected);
    assert!(expected.iter().filter(|e| e.2.is_some()).count() > 50);
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
