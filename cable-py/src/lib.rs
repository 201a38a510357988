//! `cable._cable`: the compiled part of the `cable` Python package.
//!
//! A thin layer over `cable-core`: it converts arguments, releases the GIL while
//! the core parses, fans `parse_many` out over threads and maps errors to
//! `cable.ParseError`. The tree classes (`Cable`, `Header`, ...) are the core's own
//! types, declared once in `cable_core` behind its `python` feature.

use std::path::PathBuf;
use std::str::FromStr;

use cable_core::{Cable, Container, Error, Options};
use pyo3::create_exception;
use pyo3::exceptions::{PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::pybacked::{PyBackedBytes, PyBackedStr};
use pyo3::types::PyTuple;
use rayon::prelude::*;

mod arrow;
mod card;
mod csv;

create_exception!(
    cable,
    ParseError,
    PyValueError,
    "A cable could not be parsed: strict-mode syntax errors, bytes that are not UTF-8, inputs \
     past the size limit.\n\n\
     Attributes:\n\
     \x20   kind: 'syntax', 'invalid_utf8' or 'too_large' (a file that cannot be read raises \
     OSError instead).\n\
     \x20   line: 1-based line of the offending position (syntax errors), else None.\n\
     \x20   column: 1-based column in characters (syntax errors), else None.\n\
     \x20   snippet: the offending line as written (syntax errors), else None.\n\
     \x20   expected: what the grammar expected there, in words (syntax errors), else None.\n\
     \x20   offset: byte offset of the error (in the document text, or in the input bytes for \
     bad UTF-8), else None.\n\
     \x20   index: position of the failing text in parse_many, else None.\n\
     \x20   row: the CSV record number for errors from iter_csv, else None."
);

/// The Python exception of a core error: `OSError` (its subclass for the error's
/// `io::ErrorKind`, such as `FileNotFoundError`) for a file that could not be read, else a
/// `ParseError` carrying the error's kind (core's `Error::kind`) and position.
pub(crate) fn parse_error(py: Python<'_>, err: &Error, index: Option<usize>) -> PyErr {
    if let Error::Io { kind, .. } = err {
        return std::io::Error::new(*kind, err.to_string()).into();
    }
    let message = match index {
        Some(i) => format!("text {i}: {err}"),
        None => err.to_string(),
    };
    let exc = ParseError::new_err(message);
    let value = exc.value(py);
    let set = || -> PyResult<()> {
        value.setattr("kind", err.kind())?;
        value.setattr("line", err.line())?;
        value.setattr("column", err.column())?;
        value.setattr("snippet", err.snippet())?;
        value.setattr("expected", err.expected())?;
        value.setattr("offset", err.offset())?;
        value.setattr("index", index)?;
        value.setattr("row", py.None())
    };
    // Setting attributes on a fresh exception instance does not fail.
    let _ = set();
    exc
}

/// Reads the `container=` argument: a name (`"auto"`, `"text_export"`, ...) or a `Container`.
fn container_arg(container: Option<&Bound<'_, PyAny>>) -> PyResult<Option<Container>> {
    let Some(container) = container else {
        return Ok(None);
    };
    if let Ok(c) = container.extract::<Container>() {
        return Ok(Some(c));
    }
    let Ok(name) = container.extract::<PyBackedStr>() else {
        return Err(PyTypeError::new_err(
            "container must be a str or a cable.Container",
        ));
    };
    match &*name {
        "auto" => Ok(None),
        other => Container::from_str(other)
            .map(Some)
            .map_err(|e| PyValueError::new_err(format!("{e} (or \"auto\")"))),
    }
}

/// The core `Options` of the keyword arguments the entry points share: the one place
/// where Python's arguments become options (`None` keeps a default).
fn options(
    container: Option<&Bound<'_, PyAny>>,
    strict: bool,
    max_input_bytes: Option<usize>,
    year: Option<u16>,
    file_name: Option<String>,
    id_from_file_name: bool,
) -> PyResult<Options> {
    let options = Options::new()
        .container(container_arg(container)?)
        .strict(strict)
        .max_input_bytes(max_input_bytes)
        .year(year)
        .id_from_file_name(id_from_file_name);
    Ok(match file_name {
        Some(name) => options.file_name(name),
        None => options,
    })
}

/// The options of a `cables.csv` reader: every record is a CSV row.
pub(crate) fn csv_options(strict: bool, max_input_bytes: Option<usize>) -> Options {
    let options = Options::new()
        .strict(strict)
        .max_input_bytes(max_input_bytes);
    options.container(Container::CsvRow)
}

/// Parses the text of a cable into a `Cable` tree.
///
/// `container` names the wrapper ("text_export", "html_page", "html_pre", "csv_row",
/// "bare_text", or a `Container`); "auto" detects it. Lenient parsing (the default)
/// never fails on text: what is not understood is kept and reported in
/// `Cable.diagnostics`. With `strict=True` the first deviation from the grammar raises
/// `ParseError` with `.line`, `.column`, `.snippet` and `.expected`. Inputs larger than
/// `max_input_bytes` (64 MiB by default) raise `ParseError` (kind "too_large").
/// `year` (e.g. 2007) is the year the cable was sent, for texts that carry no date (a
/// bare `<pre>` block): REF items that omit their year (`BERLIN 1398`) are resolved with
/// it; a date in the text comes first. `file_name` is the name of the file the text
/// came from: Cablegate files are named by their reference id (`08BRASILIA1224.html`),
/// so when the text gives the cable no id, such a name gives it its id and year (with an
/// `id-from-file-name` diagnostic), unless `id_from_file_name=False`. The GIL is
/// released while parsing.
#[pyfunction]
#[pyo3(
    text_signature = "(text, *, container='auto', strict=False, max_input_bytes=None, year=None, file_name=None, id_from_file_name=True)"
)]
#[pyo3(signature = (text, *, container = None, strict = false, max_input_bytes = None, year = None, file_name = None, id_from_file_name = true))]
#[allow(clippy::too_many_arguments)]
fn parse(
    py: Python<'_>,
    text: PyBackedStr,
    container: Option<&Bound<'_, PyAny>>,
    strict: bool,
    max_input_bytes: Option<usize>,
    year: Option<u16>,
    file_name: Option<String>,
    id_from_file_name: bool,
) -> PyResult<Cable> {
    let opts = options(
        container,
        strict,
        max_input_bytes,
        year,
        file_name,
        id_from_file_name,
    )?;
    py.detach(|| cable_core::parse_with(&text, &opts))
        .map_err(|e| parse_error(py, &e, None))
}

/// Parses a cable from bytes, which must be UTF-8.
///
/// Bytes that are not UTF-8 raise `ParseError` (kind "invalid_utf8") whose `.offset` is
/// the position of the first bad byte. Otherwise like `parse()`.
#[pyfunction]
#[pyo3(
    text_signature = "(data, *, container='auto', strict=False, max_input_bytes=None, year=None, file_name=None, id_from_file_name=True)"
)]
#[pyo3(signature = (data, *, container = None, strict = false, max_input_bytes = None, year = None, file_name = None, id_from_file_name = true))]
#[allow(clippy::too_many_arguments)]
fn parse_bytes(
    py: Python<'_>,
    data: PyBackedBytes,
    container: Option<&Bound<'_, PyAny>>,
    strict: bool,
    max_input_bytes: Option<usize>,
    year: Option<u16>,
    file_name: Option<String>,
    id_from_file_name: bool,
) -> PyResult<Cable> {
    let opts = options(
        container,
        strict,
        max_input_bytes,
        year,
        file_name,
        id_from_file_name,
    )?;
    py.detach(|| cable_core::parse_bytes(&data, &opts))
        .map_err(|e| parse_error(py, &e, None))
}

/// Reads a file (a `str` or `os.PathLike` path) and parses it like `parse_bytes()`,
/// with `file_name` set to the file's name unless given: `cable_core::parse_file`, so that
/// a bare `<pre>` block saved as `08BRASILIA1224.html` gets its id and year.
///
/// A file that cannot be read raises `OSError` (e.g. `FileNotFoundError`); a file that is
/// not UTF-8 raises `ParseError` naming the offset of the first bad byte.
#[pyfunction]
#[pyo3(
    text_signature = "(path, *, container='auto', strict=False, max_input_bytes=None, year=None, file_name=None, id_from_file_name=True)"
)]
#[pyo3(signature = (path, *, container = None, strict = false, max_input_bytes = None, year = None, file_name = None, id_from_file_name = true))]
#[allow(clippy::too_many_arguments)]
fn parse_file(
    py: Python<'_>,
    path: PathBuf,
    container: Option<&Bound<'_, PyAny>>,
    strict: bool,
    max_input_bytes: Option<usize>,
    year: Option<u16>,
    file_name: Option<String>,
    id_from_file_name: bool,
) -> PyResult<Cable> {
    let opts = options(
        container,
        strict,
        max_input_bytes,
        year,
        file_name,
        id_from_file_name,
    )?;
    py.detach(|| cable_core::parse_file(&path, &opts))
        .map_err(|e| parse_error(py, &e, None))
}

/// Parses many cable texts in parallel, in Rust, with the GIL released.
///
/// Returns one `Cable` per text, in order: the same trees as `[parse(t) for t in texts]`.
/// `threads` is the number of worker threads (default: one per CPU). `file_names`, when
/// given, names the file of each text (one per text, in the same order), as the
/// `file_name` of `parse()`. With `strict=True` the first failing text (in input order)
/// raises `ParseError`, whose `.index` is its position.
#[pyfunction]
#[pyo3(
    text_signature = "(texts, *, threads=None, container='auto', strict=False, max_input_bytes=None, year=None, file_names=None, id_from_file_name=True)"
)]
#[pyo3(signature = (texts, *, threads = None, container = None, strict = false, max_input_bytes = None, year = None, file_names = None, id_from_file_name = true))]
#[allow(clippy::too_many_arguments)]
fn parse_many(
    py: Python<'_>,
    texts: &Bound<'_, PyAny>,
    threads: Option<usize>,
    container: Option<&Bound<'_, PyAny>>,
    strict: bool,
    max_input_bytes: Option<usize>,
    year: Option<u16>,
    file_names: Option<&Bound<'_, PyAny>>,
    id_from_file_name: bool,
) -> PyResult<Vec<Cable>> {
    let texts = strings(texts, "texts")?;
    let names = file_names.map(|n| strings(n, "file_names")).transpose()?;
    if let Some(names) = &names {
        if names.len() != texts.len() {
            return Err(PyValueError::new_err(format!(
                "file_names has {} names for {} texts",
                names.len(),
                texts.len()
            )));
        }
    }
    let opts = options(
        container,
        strict,
        max_input_bytes,
        year,
        None,
        id_from_file_name,
    )?;
    let pool = match threads {
        Some(0) => return Err(PyValueError::new_err("threads must be at least 1")),
        Some(n) => Some(
            rayon::ThreadPoolBuilder::new()
                .num_threads(n)
                .build()
                .map_err(|e| pyo3::exceptions::PyRuntimeError::new_err(e.to_string()))?,
        ),
        None => None,
    };
    let results = py.detach(|| {
        let run = || {
            texts
                .par_iter()
                .enumerate()
                .map(|(i, t)| match &names {
                    Some(names) => cable_core::parse_with(t, &opts.clone().file_name(&*names[i])),
                    None => cable_core::parse_with(t, &opts),
                })
                .collect::<Vec<_>>()
        };
        match &pool {
            Some(pool) => pool.install(run),
            None => run(),
        }
    });
    results
        .into_iter()
        .enumerate()
        .map(|(i, r)| r.map_err(|e| parse_error(py, &e, Some(i))))
        .collect()
}

/// The items of an iterable of `str` (`what` names the argument in errors); a lone `str`
/// is refused rather than read as characters.
fn strings(items: &Bound<'_, PyAny>, what: &str) -> PyResult<Vec<PyBackedStr>> {
    if items.is_instance_of::<pyo3::types::PyString>() {
        return Err(PyTypeError::new_err(format!(
            "parse_many takes an iterable of str as {what}, not a str"
        )));
    }
    items
        .try_iter()?
        .map(|t| t?.extract::<PyBackedStr>())
        .collect()
}

/// Counts the anomalies of the quality report (``cable_core::quality``) over some parsed
/// cables (an iterable of ``Cable``: ``parse_many(...)``, an ``iter_csv`` reader, a list).
///
/// Returns a dict with the same keys as ``cable stats --quality --json``: ``cables``,
/// ``references``, and for each anomaly (``references_without_id``,
/// ``ids_not_in_release``, ``stations_guessed``, ``subject_caveat``,
/// ``subject_page_marker``, ``signature_word``, ``subject_missing``, ``tags_missing``,
/// ``classifier_missing``) a dict of ``count``, ``cables`` and ``examples`` (the ids of
/// the first five cables that show it, in order). Counted in Rust without the GIL.
#[pyfunction]
#[pyo3(text_signature = "(cables)")]
fn quality<'py>(py: Python<'py>, cables: &Bound<'py, PyAny>) -> PyResult<Bound<'py, PyAny>> {
    if cables.is_instance_of::<Cable>() {
        return Err(PyTypeError::new_err(
            "quality takes an iterable of Cable, not a Cable: quality([cable])",
        ));
    }
    let cables = cables
        .try_iter()?
        .map(|c| c?.extract::<Py<Cable>>().map_err(PyErr::from))
        .collect::<PyResult<Vec<Py<Cable>>>>()?;
    let json = py.detach(|| {
        let mut report = cable_core::quality::QualityReport::default();
        for cable in &cables {
            report.add(&cable_core::quality::Quality::of(cable.get()));
        }
        report.to_json()
    });
    py.import("json")?.call_method1("loads", (json,))
}

/// json_schema()
/// --
///
/// The JSON Schema of the tree (of `Cable.to_json()` output), as a JSON string: the
/// file committed as `cable-core/schema/cable.schema.json`.
#[pyfunction]
fn json_schema() -> String {
    cable_core::json_schema()
}

/// The compiled module `cable._cable`; the package `cable` re-exports it.
#[pymodule]
fn _cable(m: &Bound<'_, PyModule>) -> PyResult<()> {
    let py = m.py();
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    m.add("ParseError", py.get_type::<ParseError>())?;
    m.add("ROW_COLUMNS", PyTuple::new(py, cable_core::flat::COLUMNS)?)?;
    m.add_function(wrap_pyfunction!(parse, m)?)?;
    m.add_function(wrap_pyfunction!(parse_bytes, m)?)?;
    m.add_function(wrap_pyfunction!(parse_file, m)?)?;
    m.add_function(wrap_pyfunction!(parse_many, m)?)?;
    m.add_function(wrap_pyfunction!(json_schema, m)?)?;
    m.add_function(wrap_pyfunction!(quality, m)?)?;
    m.add_function(wrap_pyfunction!(card::_card_html, m)?)?;
    csv::register(m)?;
    arrow::register(m)?;
    m.add_class::<Cable>()?;
    m.add_class::<Container>()?;
    m.add_class::<cable_core::Classification>()?;
    m.add_class::<cable_core::Severity>()?;
    m.add_class::<cable_core::Span>()?;
    m.add_class::<cable_core::Metadata>()?;
    m.add_class::<cable_core::Header>()?;
    m.add_class::<cable_core::Routing>()?;
    m.add_class::<cable_core::De>()?;
    m.add_class::<cable_core::Dtg>()?;
    m.add_class::<cable_core::Recipient>()?;
    m.add_class::<cable_core::Precedence>()?;
    m.add_class::<cable_core::Distribution>()?;
    m.add_class::<cable_core::PageBreak>()?;
    m.add_class::<cable_core::Unparsed>()?;
    m.add_class::<cable_core::Body>()?;
    m.add_class::<cable_core::Banner>()?;
    m.add_class::<cable_core::Section>()?;
    m.add_class::<cable_core::ExecutiveOrder>()?;
    m.add_class::<cable_core::Declassify>()?;
    m.add_class::<cable_core::DeclassifyKind>()?;
    m.add_class::<cable_core::Tag>()?;
    m.add_class::<cable_core::TagKind>()?;
    m.add_class::<cable_core::Subject>()?;
    m.add_class::<cable_core::Signature>()?;
    m.add_class::<cable_core::Trailer>()?;
    m.add_class::<cable_core::Reference>()?;
    m.add_class::<cable_core::ReferenceKind>()?;
    m.add_class::<cable_core::ClassifiedBy>()?;
    m.add_class::<cable_core::Paragraph>()?;
    m.add_class::<cable_core::Block>()?;
    m.add_class::<cable_core::Diagnostic>()?;
    Ok(())
}
