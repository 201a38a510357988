//! The Arrow tables of `cable_core::tables`, built in Rust and handed to Python through
//! the Arrow PyCapsule interface (`__arrow_c_schema__`, `__arrow_c_array__`,
//! `__arrow_c_stream__`): pyarrow, Polars and DuckDB import them without copying.
//! The Python package wraps these in `cable.to_arrow` and `cable.read_archive`.

use std::ffi::CString;
use std::fs::File;
use std::io::BufReader;
use std::path::PathBuf;

use arrow_array::ffi::{FFI_ArrowArray, FFI_ArrowSchema};
use arrow_array::ffi_stream::FFI_ArrowArrayStream;
use arrow_array::{Array, RecordBatch, RecordBatchIterator, StructArray};
use cable_core::csv::{Record, Records};
use cable_core::tables::{Batches, Table, Tables};
use cable_core::{Cable, Container, Options};
use pyo3::exceptions::{PyRuntimeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::{PyCapsule, PyTuple};
use rayon::prelude::*;

use crate::csv::{csv_error, CsvRowError};
use crate::parse_error;

/// Bytes of rows read for one batch, at most (about): bounds memory when rows are large.
const BATCH_BYTES: usize = 64 * 1024 * 1024;

fn ffi_error(e: impl std::fmt::Display) -> PyErr {
    PyRuntimeError::new_err(format!("Arrow C data interface: {e}"))
}

fn capsule<'py, T: 'static + Send>(
    py: Python<'py>,
    value: T,
    name: &str,
) -> PyResult<Bound<'py, PyCapsule>> {
    let name = CString::new(name).expect("capsule names have no NUL byte");
    PyCapsule::new(py, value, Some(name))
}

/// The table name given to Python, checked.
fn table_arg(name: &str) -> PyResult<Table> {
    Table::ALL
        .into_iter()
        .find(|t| t.name() == name)
        .ok_or_else(|| {
            PyValueError::new_err(format!(
                "unknown table {name:?}: expected \"cables\", \"paragraphs\" or \"references\""
            ))
        })
}

/// One record batch of one of the three tables (`cables`, `paragraphs`, `references`),
/// built in Rust. It implements the Arrow PyCapsule interface, so that
/// `pyarrow.record_batch(b)`, `pyarrow.table(b)`, `polars.DataFrame(b)` or a DuckDB
/// query over it import it without copying.
#[pyclass(module = "cable", frozen)]
pub struct ArrowBatch {
    table: Table,
    batch: RecordBatch,
}

#[pymethods]
impl ArrowBatch {
    /// The table: `"cables"`, `"paragraphs"` or `"references"`.
    #[getter]
    fn table(&self) -> &'static str {
        self.table.name()
    }

    /// Number of rows.
    #[getter]
    fn num_rows(&self) -> usize {
        self.batch.num_rows()
    }

    fn __len__(&self) -> usize {
        self.batch.num_rows()
    }

    fn __repr__(&self) -> String {
        format!(
            "ArrowBatch(table={:?}, num_rows={})",
            self.table.name(),
            self.batch.num_rows()
        )
    }

    /// The schema as an `arrow_schema` PyCapsule.
    fn __arrow_c_schema__<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyCapsule>> {
        let schema = FFI_ArrowSchema::try_from(self.batch.schema().as_ref()).map_err(ffi_error)?;
        capsule(py, schema, "arrow_schema")
    }

    /// The batch as a struct array: `(arrow_schema, arrow_array)` PyCapsules.
    /// `requested_schema` is accepted and ignored (the batch has one schema).
    #[pyo3(signature = (requested_schema = None))]
    fn __arrow_c_array__<'py>(
        &self,
        py: Python<'py>,
        requested_schema: Option<Bound<'py, PyAny>>,
    ) -> PyResult<Bound<'py, PyTuple>> {
        let _ = requested_schema;
        let array = StructArray::from(self.batch.clone());
        let data = array.into_data();
        let (array, schema) = arrow_array::ffi::to_ffi(&data).map_err(ffi_error)?;
        let schema: FFI_ArrowSchema = schema;
        let array: FFI_ArrowArray = array;
        let schema = capsule(py, schema, "arrow_schema")?;
        let array = capsule(py, array, "arrow_array")?;
        PyTuple::new(py, [schema.into_any(), array.into_any()])
    }

    /// The batch as a stream of one batch: an `arrow_array_stream` PyCapsule.
    #[pyo3(signature = (requested_schema = None))]
    fn __arrow_c_stream__<'py>(
        &self,
        py: Python<'py>,
        requested_schema: Option<Bound<'py, PyAny>>,
    ) -> PyResult<Bound<'py, PyCapsule>> {
        let _ = requested_schema;
        let schema = self.batch.schema();
        let reader = RecordBatchIterator::new([Ok(self.batch.clone())], schema);
        capsule(
            py,
            FFI_ArrowArrayStream::new(Box::new(reader)),
            "arrow_array_stream",
        )
    }
}

/// The schema of a table, as something with `__arrow_c_schema__`.
#[pyclass(module = "cable", frozen)]
pub struct ArrowSchema {
    table: Table,
}

#[pymethods]
impl ArrowSchema {
    /// The schema as an `arrow_schema` PyCapsule.
    fn __arrow_c_schema__<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyCapsule>> {
        let schema = FFI_ArrowSchema::try_from(self.table.schema().as_ref()).map_err(ffi_error)?;
        capsule(py, schema, "arrow_schema")
    }

    fn __repr__(&self) -> String {
        format!("ArrowSchema(table={:?})", self.table.name())
    }
}

type Triple = (ArrowBatch, ArrowBatch, ArrowBatch);

fn triple(batches: Batches) -> Triple {
    let Batches {
        cables,
        paragraphs,
        references,
    } = batches;
    let batch = |table, batch| ArrowBatch { table, batch };
    (
        batch(Table::Cables, cables),
        batch(Table::Paragraphs, paragraphs),
        batch(Table::References, references),
    )
}

/// `_to_arrow(cables)`: the three tables of some cables, as `(cables, paragraphs,
/// references)` batches. Built without the GIL.
#[pyfunction]
fn _to_arrow(py: Python<'_>, cables: &Bound<'_, PyAny>) -> PyResult<Triple> {
    let cables = cables
        .try_iter()?
        .map(|c| c?.extract::<Py<Cable>>().map_err(PyErr::from))
        .collect::<PyResult<Vec<Py<Cable>>>>()?;
    let batches = py.detach(|| Batches::of(cables.iter().map(|c| c.get())));
    Ok(triple(batches))
}

/// `_arrow_schema(table)`: the schema of `"cables"`, `"paragraphs"` or `"references"`.
#[pyfunction]
fn _arrow_schema(table: &str) -> PyResult<ArrowSchema> {
    Ok(ArrowSchema {
        table: table_arg(table)?,
    })
}

/// What went wrong with one row, kept without the GIL.
enum RowFailure {
    Record(cable_core::csv::RecordError),
    Parse {
        row: usize,
        line: usize,
        error: cable_core::Error,
    },
}

/// The batches of a `cables.csv` file (or of a byte range of it), returned by
/// `_read_archive`: each `next()` reads up to `batch_rows` rows, parses them in
/// parallel without the GIL and gives `(cables, paragraphs, references)` batches.
#[pyclass(module = "cable")]
pub struct ArchiveBatches {
    records: Option<Records<BufReader<File>>>,
    options: Options,
    batch_rows: usize,
    pool: Option<rayon::ThreadPool>,
    raise: bool,
    /// A failure met in raise mode, raised at the next call (after the rows before it).
    pending: Option<RowFailure>,
    failures: Vec<CsvRowError>,
    tables: Tables,
}

impl ArchiveBatches {
    fn failure_to_py(py: Python<'_>, failure: &RowFailure) -> (CsvRowError, PyErr) {
        match failure {
            RowFailure::Record(e) => (
                CsvRowError::from_parts(e.row, e.line, e.message.clone(), "csv_record".into()),
                csv_error(py, e),
            ),
            RowFailure::Parse { row, line, error } => {
                let err = parse_error(py, error, None);
                // Setting an attribute on a fresh exception instance does not fail.
                let _ = err.value(py).setattr("row", row);
                let kind = err
                    .value(py)
                    .getattr("kind")
                    .and_then(|k| k.extract::<String>())
                    .unwrap_or_default();
                (
                    CsvRowError::from_parts(*row, *line, error.to_string(), kind),
                    err,
                )
            }
        }
    }
}

#[pymethods]
impl ArchiveBatches {
    fn __iter__(slf: PyRef<'_, Self>) -> PyRef<'_, Self> {
        slf
    }

    fn __next__(&mut self, py: Python<'_>) -> PyResult<Option<Triple>> {
        if let Some(failure) = self.pending.take() {
            let (record, err) = Self::failure_to_py(py, &failure);
            self.failures.push(record);
            return Err(err);
        }
        loop {
            let Some(records) = self.records.as_mut() else {
                return Ok(None);
            };
            let (batch_rows, raise, options) = (self.batch_rows, self.raise, &self.options);
            let tables = &mut self.tables;
            let pool = self.pool.as_ref();
            let (read, failures, stop, exhausted) = py.detach(|| {
                let mut rows: Vec<Record> = Vec::new();
                let mut failures: Vec<(usize, RowFailure)> = Vec::new();
                let (mut bytes, mut stop, mut exhausted) = (0usize, false, false);
                while rows.len() < batch_rows && bytes < BATCH_BYTES {
                    match records.next() {
                        None => {
                            exhausted = true;
                            break;
                        }
                        Some(Ok(record)) => {
                            bytes += record.text.len();
                            rows.push(record);
                        }
                        Some(Err(e)) => {
                            failures.push((rows.len(), RowFailure::Record(e)));
                            if raise {
                                stop = true;
                                break;
                            }
                        }
                    }
                }
                let parse = || {
                    rows.par_iter()
                        .map(|r| cable_core::parse_with(&r.text, options))
                        .collect::<Vec<_>>()
                };
                let parsed = match pool {
                    Some(pool) => pool.install(parse),
                    None => parse(),
                };
                let mut read = 0usize;
                for (i, (record, result)) in rows.iter().zip(parsed).enumerate() {
                    match result {
                        Ok(cable) => {
                            tables.push(&cable);
                            read += 1;
                        }
                        Err(error) => {
                            failures.push((
                                i,
                                RowFailure::Parse {
                                    row: record.row,
                                    line: record.line,
                                    error,
                                },
                            ));
                            if raise {
                                stop = true;
                                break;
                            }
                        }
                    }
                }
                failures.sort_by_key(|(i, _)| *i);
                (read, failures, stop, exhausted)
            });
            let mut failures = failures.into_iter().map(|(_, f)| f);
            if raise {
                // In raise mode at most one failure stops the batch: the rows before it
                // come first, then the failure.
                self.pending = failures.next();
            } else {
                for failure in failures {
                    self.failures.push(Self::failure_to_py(py, &failure).0);
                }
            }
            if exhausted && !stop {
                self.records = None;
            }
            if read > 0 {
                return Ok(Some(triple(self.tables.finish())));
            }
            if let Some(failure) = self.pending.take() {
                let (record, err) = Self::failure_to_py(py, &failure);
                self.failures.push(record);
                return Err(err);
            }
        }
    }

    /// The rows that could not be read or parsed so far, as `CsvRowError`s, in order.
    #[getter]
    fn errors(&self) -> Vec<CsvRowError> {
        self.failures.clone()
    }

    /// Closes the file; the iterator then yields nothing more.
    fn close(&mut self) {
        self.records = None;
        self.pending = None;
    }
}

/// `_read_archive(path, batch_rows, start, end, threads, strict, errors)`: see
/// `cable.read_archive`.
#[pyfunction]
#[pyo3(signature = (path, *, batch_rows, start, end, threads, strict, errors, max_input_bytes))]
#[allow(clippy::too_many_arguments)]
fn _read_archive(
    py: Python<'_>,
    path: PathBuf,
    batch_rows: usize,
    start: u64,
    end: Option<u64>,
    threads: Option<usize>,
    strict: bool,
    errors: &str,
    max_input_bytes: Option<usize>,
) -> PyResult<ArchiveBatches> {
    let raise = match errors {
        "raise" => true,
        "skip" => false,
        other => {
            return Err(PyValueError::new_err(format!(
                "errors must be \"skip\" or \"raise\", not {other:?}"
            )))
        }
    };
    if batch_rows == 0 {
        return Err(PyValueError::new_err("batch_rows must be at least 1"));
    }
    if end.is_some_and(|end| end < start) {
        return Err(PyValueError::new_err("end must not be before start"));
    }
    let pool = match threads {
        Some(0) => return Err(PyValueError::new_err("threads must be at least 1")),
        Some(n) => Some(
            rayon::ThreadPoolBuilder::new()
                .num_threads(n)
                .build()
                .map_err(|e| PyRuntimeError::new_err(e.to_string()))?,
        ),
        None => None,
    };
    let limit = max_input_bytes.unwrap_or(cable_core::DEFAULT_MAX_INPUT_BYTES);
    let options = Options::new()
        .container(Container::CsvRow)
        .strict(strict)
        .max_input_bytes(limit);
    let records = py.detach(|| {
        let file = BufReader::with_capacity(1 << 16, File::open(&path)?);
        Records::range(file, start, end.unwrap_or(u64::MAX))
    })?;
    Ok(ArchiveBatches {
        records: Some(records.max_record_bytes(limit)),
        options,
        batch_rows,
        pool,
        raise,
        pending: None,
        failures: Vec::new(),
        tables: Tables::new(),
    })
}

/// Adds the Arrow functions and classes to the module.
pub(crate) fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    let py = m.py();
    m.add_class::<ArrowBatch>()?;
    m.add_class::<ArrowSchema>()?;
    m.add_class::<ArchiveBatches>()?;
    m.add_function(wrap_pyfunction!(_to_arrow, m)?)?;
    m.add_function(wrap_pyfunction!(_arrow_schema, m)?)?;
    m.add_function(wrap_pyfunction!(_read_archive, m)?)?;
    let names: Vec<&str> = Table::ALL.iter().map(|t| t.name()).collect();
    m.add("TABLES", PyTuple::new(py, names)?)?;
    let columns: Vec<&str> = Table::Cables.columns().iter().map(|c| c.name).collect();
    m.add("DATAFRAME_COLUMNS", PyTuple::new(py, columns)?)?;
    Ok(())
}
