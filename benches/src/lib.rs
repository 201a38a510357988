//! Inputs for the benchmarks (`benches/parse.rs`) and the synthetic archive
//! (`make_archive`): the test corpus, a cable scaled 1x/10x/100x, `cables.csv`
//! archives built from the text exports, and the memchr floor.

use std::path::{Path, PathBuf};

pub mod adversarial;

/// The folders of the test corpus, one per container.
pub const CORPUS_DIRS: [&str; 3] = ["cablegate-txt", "cablegate-html", "cablegate-page"];

/// The test corpus (`cable-core/tests/corpus`).
pub fn corpus_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../cable-core/tests/corpus")
}

/// The sample cable the project was specified from.
pub fn sample_path() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../examples/09ASTANA1145.txt")
}

/// The sample cable's text.
pub fn sample() -> String {
    std::fs::read_to_string(sample_path()).expect("examples/09ASTANA1145.txt is readable")
}

/// The files of one corpus folder, sorted by name, as (file name, bytes).
pub fn corpus_files(dir: &str) -> Vec<(String, Vec<u8>)> {
    let mut paths: Vec<PathBuf> = std::fs::read_dir(corpus_dir().join(dir))
        .expect("the corpus folder is readable")
        .map(|e| e.expect("a corpus entry").path())
        .filter(|p| p.is_file())
        .collect();
    paths.sort();
    paths
        .into_iter()
        .map(|p| {
            let name = p
                .file_name()
                .unwrap_or_default()
                .to_string_lossy()
                .into_owned();
            (name, std::fs::read(&p).expect("a corpus file is readable"))
        })
        .collect()
}

/// Every corpus file of every container.
pub fn whole_corpus() -> Vec<Vec<u8>> {
    CORPUS_DIRS
        .iter()
        .flat_map(|d| corpus_files(d))
        .map(|(_, b)| b)
        .collect()
}

/// The text exports of the corpus, as strings.
pub fn text_exports() -> Vec<(String, String)> {
    corpus_files("cablegate-txt")
        .into_iter()
        .map(|(name, bytes)| {
            (
                name,
                String::from_utf8(bytes).expect("the text exports are UTF-8"),
            )
        })
        .collect()
}

/// The sample cable with its paragraphs (`¶1.` up to the signature) repeated `times`
/// times: 1x, 10x, 100x the body, to show how parse time grows with size.
pub fn scaled_sample(times: usize) -> String {
    let text = sample();
    let start = text
        .find("¶1.")
        .expect("the sample has numbered paragraphs");
    let end = text.rfind("\nHOAGLAND").expect("the sample is signed") + 1;
    let mut out = String::with_capacity(text.len() + (end - start) * times);
    out.push_str(&text[..start]);
    for _ in 0..times {
        out.push_str(&text[start..end]);
    }
    out.push_str(&text[end..]);
    out
}

/// A `cables.csv` of at least `min_bytes` (and at least one round of the corpus),
/// built from the corpus text exports repeated, rows numbered from 1.
pub fn csv_archive(min_bytes: usize) -> String {
    let rows: Vec<String> = text_exports()
        .iter()
        .filter_map(|(_, text)| cable_cli::synth::csv_row(0, text))
        .collect();
    let mut out = String::with_capacity(min_bytes + 64 * 1024);
    let mut n = 0;
    while out.len() < min_bytes || n < rows.len() {
        let row = &rows[n % rows.len()];
        n += 1;
        // Renumber: the rows were built with number 0.
        out.push_str(&n.to_string());
        out.push_str(&row[1..]);
    }
    out
}

/// The floor: counting lines with memchr, the least any parser has to do.
pub fn count_lines(bytes: &[u8]) -> usize {
    memchr::memchr_iter(b'\n', bytes).count()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scaled_sample_grows_by_the_body() {
        let (one, ten) = (scaled_sample(1), scaled_sample(10));
        assert_eq!(one, sample());
        let body = one.len() - one.find("¶1.").unwrap() - "HOAGLAND\n".len();
        assert!(ten.len() >= one.len() + 9 * (body - 2));
        assert!(ten.trim_end().ends_with("HOAGLAND"));
    }

    #[test]
    fn archive_rows_are_read_back() {
        let data = csv_archive(100_000);
        let records: Vec<_> = cable_core::csv::Records::new(data.as_bytes()).collect();
        assert!(records.iter().all(Result::is_ok));
        assert_eq!(records.last().unwrap().as_ref().unwrap().row, records.len());
        assert!(data.len() >= 100_000);
        assert_eq!(count_lines(b"a\nb\n"), 2);
    }
}
