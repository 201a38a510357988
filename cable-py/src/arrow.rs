//! The Arrow tables of `cable_core::tables`, built in Rust and handed to Python through
//! the Arrow PyCapsule interface (`__arrow_c_schema__`, `__arrow_c_array__`,
//! `__arrow_c_stream__`): pyarrow, Polars and DuckDB import them without copying.
//! The Python package wraps these in `cable.to_arrow` and `cable.read_archive`.

use std::ffi::CString;
use std::fs::File;
use std::io::BufReader;
use std::iter::Peekable;
use std::path::PathBuf;

use arrow_array::ffi::{FFI_ArrowArray, FFI_ArrowSchema};
use arrow_array::ffi_stream::FFI_ArrowArrayStream;
use arrow_array::{Array, RecordBatch, RecordBatchIterator, StructArray};
use cable_core::csv::{Record, RecordError, Records, RowError};
use cable_core::parallel::{Limits, Ordered};
use cable_core::tables::{Batches, Table, Tables};
use cable_core::Cable;
use pyo3::exceptions::{PyRuntimeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::{PyCapsule, PyTuple};

use crate::csv::CsvRowError;
use crate::csv_options;

/// Rows read and parsed at a time: at most 256 (only their trees are alive at once,
/// whatever `batch_rows`: the Arrow builders hold the batch, in about the size of its
/// text), and about 16 MiB of them, which bounds memory when rows are large.
const PARSE: Limits = Limits {
    items: 256,
    bytes: 16 * 1024 * 1024,
};

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

/// A record of the archive, parsed: a cable, or why its row gives none.
type Row = Result<Cable, RowError>;

/// The parsing of a record, on a worker thread.
type Parse = Box<dyn Fn(Result<Record, RecordError>) -> Row + Send + Sync>;

/// The parsed rows of the archive, in file order.
type Rows = Peekable<Ordered<Records<BufReader<File>>, Row, Parse>>;

/// The batches of a `cables.csv` file (or of a byte range of it), returned by
/// `_read_archive`: each `next()` gives `(cables, paragraphs, references)` batches of
/// up to `batch_rows` cables, the rows read and parsed in parallel, a few hundred at a
/// time ([`PARSE`]), by `cable_core::parallel`, without the GIL.
#[pyclass(module = "cable")]
pub struct ArchiveBatches {
    rows: Option<Rows>,
    batch_rows: usize,
    pool: Option<rayon::ThreadPool>,
    raise: bool,
    failures: Vec<CsvRowError>,
    tables: Tables,
}

/// Moves parsed rows into `tables` until a batch is full or the rows run out; the
/// failures passed over (skip mode) go to `skipped`. In raise mode, a failure stops the
/// filling: it is returned when no row came before it, else left for the next call, so
/// that the rows before it go out first.
fn fill(
    rows: &mut Rows,
    tables: &mut Tables,
    batch_rows: usize,
    raise: bool,
    skipped: &mut Vec<RowError>,
) -> Option<RowError> {
    while tables.len() < batch_rows {
        if raise && !tables.is_empty() && matches!(rows.peek(), Some(Err(_))) {
            break;
        }
        match rows.next()? {
            Ok(cable) => tables.push(&cable),
            Err(failure) if raise => return Some(failure),
            Err(failure) => skipped.push(failure),
        }
    }
    None
}

#[pymethods]
impl ArchiveBatches {
    fn __iter__(slf: PyRef<'_, Self>) -> PyRef<'_, Self> {
        slf
    }

    fn __next__(&mut self, py: Python<'_>) -> PyResult<Option<Triple>> {
        let Some(rows) = self.rows.as_mut() else {
            return Ok(None);
        };
        let mut skipped = Vec::new();
        let (tables, pool) = (&mut self.tables, self.pool.as_ref());
        let (batch_rows, raise) = (self.batch_rows, self.raise);
        let raised = py.detach(|| {
            let mut work = || fill(rows, tables, batch_rows, raise, &mut skipped);
            match pool {
                Some(pool) => pool.install(work),
                None => work(),
            }
        });
        for failure in &skipped {
            self.failures.push(CsvRowError::of(py, failure).0);
        }
        if let Some(failure) = raised {
            let (record, err) = CsvRowError::of(py, &failure);
            self.failures.push(record);
            return Err(err);
        }
        if self.tables.is_empty() {
            self.rows = None;
            return Ok(None);
        }
        Ok(Some(triple(self.tables.finish())))
    }

    /// The rows that could not be read or parsed so far, as `CsvRowError`s, in order.
    #[getter]
    fn errors(&self) -> Vec<CsvRowError> {
        self.failures.clone()
    }

    /// Closes the file; the iterator then yields nothing more.
    fn close(&mut self) {
        self.rows = None;
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
    let options = csv_options(strict, max_input_bytes);
    let records = py.detach(|| {
        let file = BufReader::with_capacity(1 << 16, File::open(&path)?);
        Records::range(file, start, end.unwrap_or(u64::MAX))
    })?;
    let records = records.max_record_bytes(options.get_max_input_bytes());
    let parse: Parse = Box::new(move |record| cable_core::csv::parse_row(record, &options));
    let weight =
        |record: &Result<Record, RecordError>| record.as_ref().map_or(0, |r| r.text.len() as u64);
    let limits = Limits {
        items: PARSE.items.min(batch_rows),
        ..PARSE
    };
    Ok(ArchiveBatches {
        rows: Some(Ordered::new(records, limits, weight, parse).peekable()),
        batch_rows,
        pool,
        raise,
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
