//! The Arrow tables of `cable_core::tables`, built in Rust and handed to Python through
//! the Arrow PyCapsule interface (`__arrow_c_schema__`, `__arrow_c_array__`,
//! `__arrow_c_stream__`): pyarrow, Polars and DuckDB import them without copying.
//! The Python package wraps these in `cable.to_arrow` and `cable.read_archive`.

use std::collections::VecDeque;
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

/// Rows read and parsed at a time: only their trees are alive at once, whatever
/// `batch_rows` (the Arrow builders hold the batch, in about the size of its text).
const PARSE_ROWS: usize = 256;

/// Bytes of rows read and parsed at a time, at most (about): bounds memory when rows are
/// large.
const PARSE_BYTES: usize = 16 * 1024 * 1024;

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

/// One row of the archive, read and parsed, waiting to join a batch.
enum Step {
    Cable(Box<Cable>),
    Failed(RowFailure),
}

/// What draining the queue of parsed rows came to.
enum Drained {
    /// A batch is full.
    Full,
    /// A failure to raise (raise mode), the rows before it being in a batch already or
    /// none being pending.
    Raise(RowFailure),
    /// The queue is empty: read more.
    Empty,
}

/// The batches of a `cables.csv` file (or of a byte range of it), returned by
/// `_read_archive`: each `next()` gives `(cables, paragraphs, references)` batches of
/// up to `batch_rows` cables, read [`PARSE_ROWS`] rows at a time and parsed in parallel
/// without the GIL.
#[pyclass(module = "cable")]
pub struct ArchiveBatches {
    records: Option<Records<BufReader<File>>>,
    options: Options,
    batch_rows: usize,
    pool: Option<rayon::ThreadPool>,
    raise: bool,
    /// Rows read and parsed, in file order, not yet in `tables`.
    queue: VecDeque<Step>,
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

/// Reads up to `rows` records (and at most [`PARSE_BYTES`]) and parses them in parallel:
/// the steps in file order, and whether the file is done.
fn read_steps(
    records: &mut Records<BufReader<File>>,
    rows: usize,
    options: &Options,
    pool: Option<&rayon::ThreadPool>,
) -> (Vec<Step>, bool) {
    let mut read: Vec<Result<Record, RowFailure>> = Vec::new();
    let (mut bytes, mut done) = (0usize, false);
    while read.len() < rows && bytes < PARSE_BYTES {
        match records.next() {
            None => {
                done = true;
                break;
            }
            Some(Ok(record)) => {
                bytes += record.text.len();
                read.push(Ok(record));
            }
            Some(Err(e)) => read.push(Err(RowFailure::Record(e))),
        }
    }
    let parse = || {
        read.into_par_iter()
            .map(|r| match r {
                Ok(record) => match cable_core::parse_record(&record, options) {
                    Ok(cable) => Step::Cable(Box::new(cable)),
                    Err(error) => Step::Failed(RowFailure::Parse {
                        row: record.row,
                        line: record.line,
                        error,
                    }),
                },
                Err(failure) => Step::Failed(failure),
            })
            .collect::<Vec<_>>()
    };
    let steps = match pool {
        Some(pool) => pool.install(parse),
        None => parse(),
    };
    (steps, done)
}

/// Moves parsed rows into `tables` until a batch is full, a failure is to be raised or
/// the queue is empty; the failures passed over (skip mode) go to `skipped`.
fn drain(
    queue: &mut VecDeque<Step>,
    tables: &mut Tables,
    batch_rows: usize,
    raise: bool,
    skipped: &mut Vec<RowFailure>,
) -> Drained {
    while let Some(step) = queue.pop_front() {
        match step {
            Step::Cable(cable) => {
                tables.push(&cable);
                if tables.len() >= batch_rows {
                    return Drained::Full;
                }
            }
            Step::Failed(failure) if raise => {
                if tables.is_empty() {
                    return Drained::Raise(failure);
                }
                // The rows before the failure go out first; it is raised next time.
                queue.push_front(Step::Failed(failure));
                return Drained::Full;
            }
            Step::Failed(failure) => skipped.push(failure),
        }
    }
    Drained::Empty
}

#[pymethods]
impl ArchiveBatches {
    fn __iter__(slf: PyRef<'_, Self>) -> PyRef<'_, Self> {
        slf
    }

    fn __next__(&mut self, py: Python<'_>) -> PyResult<Option<Triple>> {
        loop {
            let mut skipped = Vec::new();
            let (queue, tables) = (&mut self.queue, &mut self.tables);
            let (batch_rows, raise) = (self.batch_rows, self.raise);
            let drained = py.detach(|| drain(queue, tables, batch_rows, raise, &mut skipped));
            for failure in &skipped {
                self.failures.push(Self::failure_to_py(py, failure).0);
            }
            match drained {
                Drained::Full => return Ok(Some(triple(self.tables.finish()))),
                Drained::Raise(failure) => {
                    let (record, err) = Self::failure_to_py(py, &failure);
                    self.failures.push(record);
                    return Err(err);
                }
                Drained::Empty => {}
            }
            let Some(records) = self.records.as_mut() else {
                if self.tables.is_empty() {
                    return Ok(None);
                }
                return Ok(Some(triple(self.tables.finish())));
            };
            let (options, pool) = (&self.options, self.pool.as_ref());
            let rows = PARSE_ROWS.min(batch_rows);
            let (steps, done) = py.detach(|| read_steps(records, rows, options, pool));
            self.queue.extend(steps);
            if done {
                self.records = None;
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
        self.queue.clear();
        self.tables.finish();
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
        queue: VecDeque::new(),
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
