//! `iter_csv`: the rows of a `cables.csv` file, one at a time: `cable_core::csv::cables`.

use std::fs::File;
use std::io::BufReader;
use std::path::PathBuf;

use cable_core::csv::{Cables, RowError};
use pyo3::create_exception;
use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;

use crate::{csv_options, parse_error, ParseError};

create_exception!(
    cable,
    CsvError,
    ParseError,
    "A row of a CSV file could not be read (raised by iter_csv(errors=\"raise\")).\n\n\
     Attributes:\n\
     \x20   row: 1-based number of the record in the file.\n\
     \x20   line: 1-based line of the file where the record starts.\n\
     \x20   message: what is wrong.\n\
     \x20   kind: 'csv_record'."
);

/// A row of a `cables.csv` file that could not be read or parsed, yielded by
/// `iter_csv()` in place of a `Cable`; the stream goes on after it.
#[pyclass(module = "cable", frozen, eq, get_all)]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CsvRowError {
    /// 1-based number of the record in the file.
    row: usize,
    /// 1-based line of the file where the record starts.
    line: usize,
    /// What is wrong, e.g. `a quoted field is never closed` or a strict-mode syntax error.
    message: String,
    /// `"csv_record"` when the record could not be read; the `ParseError.kind` of the
    /// parse error (e.g. `"syntax"`) when it was read but could not be parsed.
    kind: String,
}

impl CsvRowError {
    /// What Python is told of a row that gives no cable: the `CsvRowError` that
    /// `errors="yield"` yields and `.errors` lists, and the exception that
    /// `errors="raise"` raises (`CsvError`, or the `ParseError` of a row that could not be
    /// parsed, with `.row` set).
    pub(crate) fn of(py: Python<'_>, failure: &RowError) -> (CsvRowError, PyErr) {
        let record = CsvRowError {
            row: failure.row(),
            line: failure.line(),
            message: failure.message(),
            kind: failure.kind().to_string(),
        };
        let err = match failure {
            RowError::Parse { error, .. } => {
                let err = parse_error(py, error, None);
                // Setting an attribute on a fresh exception instance does not fail.
                let _ = err.value(py).setattr("row", failure.row());
                err
            }
            _ => csv_error(py, failure),
        };
        (record, err)
    }
}

#[pymethods]
impl CsvRowError {
    #[new]
    fn new(row: usize, line: usize, message: String, kind: String) -> Self {
        CsvRowError {
            row,
            line,
            message,
            kind,
        }
    }

    fn __repr__(&self) -> String {
        format!(
            "CsvRowError(row={}, line={}, message={:?}, kind={:?})",
            self.row, self.line, self.message, self.kind
        )
    }

    fn __str__(&self) -> String {
        format!("row {} (line {}): {}", self.row, self.line, self.message)
    }

    fn __reduce__<'py>(slf: &Bound<'py, Self>) -> PyResult<Reduced<'py>> {
        let me = slf.get();
        Ok((
            slf.as_any().get_type().into_any(),
            (me.row, me.line, me.message.clone(), me.kind.clone()),
        ))
    }
}

/// What `CsvRowError.__reduce__` returns: the class and its constructor arguments.
type Reduced<'py> = (Bound<'py, PyAny>, (usize, usize, String, String));

/// What to do with a row that cannot be read or parsed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum OnError {
    Yield,
    Raise,
    Skip,
}

/// An iterator over the rows of a `cables.csv` file, returned by `iter_csv()`: yields a
/// `Cable` per row, and a `CsvRowError` per row that cannot be read or parsed. Reads
/// one record at a time; `close()` (or the end of the file) closes the file.
#[pyclass(module = "cable")]
pub struct CsvReader {
    rows: Option<Cables<BufReader<File>>>,
    on_error: OnError,
}

#[pymethods]
impl CsvReader {
    fn __iter__(slf: PyRef<'_, Self>) -> PyRef<'_, Self> {
        slf
    }

    fn __next__(&mut self, py: Python<'_>) -> PyResult<Option<Py<PyAny>>> {
        loop {
            let Some(rows) = self.rows.as_mut() else {
                return Ok(None);
            };
            let Some(row) = py.detach(|| rows.next()) else {
                self.rows = None;
                return Ok(None);
            };
            let failure = match row {
                Ok(cable) => return Ok(Some(Py::new(py, cable)?.into_any())),
                Err(failure) => failure,
            };
            let (record, err) = CsvRowError::of(py, &failure);
            match self.on_error {
                OnError::Yield => return Ok(Some(Py::new(py, record)?.into_any())),
                OnError::Raise => return Err(err),
                OnError::Skip => continue,
            }
        }
    }

    /// Closes the file; the iterator then yields nothing more.
    fn close(&mut self) {
        self.rows = None;
    }

    fn __enter__(slf: PyRef<'_, Self>) -> PyRef<'_, Self> {
        slf
    }

    #[pyo3(signature = (*_args))]
    fn __exit__(&mut self, _args: &Bound<'_, pyo3::types::PyTuple>) -> bool {
        self.close();
        false
    }
}

/// The `CsvError` for an unreadable record.
fn csv_error(py: Python<'_>, failure: &RowError) -> PyErr {
    let err = CsvError::new_err(failure.to_string());
    let value = err.value(py);
    let set = || -> PyResult<()> {
        value.setattr("kind", failure.kind())?;
        value.setattr("row", failure.row())?;
        value.setattr("line", failure.line())?;
        value.setattr("message", failure.message())?;
        for absent in ["column", "snippet", "expected", "offset", "index"] {
            value.setattr(absent, py.None())?;
        }
        Ok(())
    };
    // Setting attributes on a fresh exception instance does not fail.
    let _ = set();
    err
}

/// Streams the rows of a `cables.csv` file (the September 2011 release: 8 columns per
/// row), in constant memory.
///
/// Yields one `Cable` per row (container "csv_row"). A malformed row — a quote never
/// closed, a wrong number of fields, bytes that are not UTF-8, or (with `strict=True`)
/// a cable that does not follow the grammar — does not stop the stream; with
/// `errors="yield"` (the default) it yields a `CsvRowError` carrying its row number,
/// with `errors="raise"` the iterator raises `CsvError` (or `ParseError` for a strict
/// parse error, with `.row` set) and can be resumed with `next()`, and with
/// `errors="skip"` the row is left out. Rows longer than `max_input_bytes` (64 MiB by
/// default) are malformed rows. The GIL is released while a row is read and parsed.
#[pyfunction]
#[pyo3(signature = (path, *, errors = "yield", strict = false, max_input_bytes = None))]
#[pyo3(text_signature = "(path, *, errors='yield', strict=False, max_input_bytes=None)")]
fn iter_csv(
    py: Python<'_>,
    path: PathBuf,
    errors: &str,
    strict: bool,
    max_input_bytes: Option<usize>,
) -> PyResult<CsvReader> {
    let on_error = match errors {
        "yield" => OnError::Yield,
        "raise" => OnError::Raise,
        "skip" => OnError::Skip,
        other => {
            return Err(PyValueError::new_err(format!(
                "errors must be \"yield\", \"raise\" or \"skip\", not {other:?}"
            )))
        }
    };
    let options = csv_options(strict, max_input_bytes);
    let rows = py.detach(|| cable_core::csv::cables(&path, &options))?;
    Ok(CsvReader {
        rows: Some(rows),
        on_error,
    })
}

/// Adds the CSV reader to the module.
pub(crate) fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add("CsvError", m.py().get_type::<CsvError>())?;
    m.add_class::<CsvRowError>()?;
    m.add_class::<CsvReader>()?;
    m.add_function(wrap_pyfunction!(iter_csv, m)?)?;
    Ok(())
}
