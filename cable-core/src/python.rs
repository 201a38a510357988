//! Python methods of the tree types (feature `python`, used by `cable-py`).
//!
//! The classes themselves are declared once, in [`crate::ast`], with
//! `#[cfg_attr(feature = "python", pyo3::pyclass(...))]`: attributes are the
//! struct fields, named as in the JSON tree. This module only adds the methods
//! every node has in Python — `to_json()`, `to_dict()`, `from_json()`,
//! `__repr__` and pickling. No parsing happens here, and no presentation: the
//! notebook card is drawn by `cable-py`.

use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyList, PyString, PyTuple, PyType};
use pyo3::{intern, IntoPyObjectExt};

use crate::ast::*;

/// Longest string shown whole in a `repr`.
const REPR_STR_MAX: usize = 60;
/// Longest list of plain values shown whole in a `repr`.
const REPR_LIST_MAX: usize = 8;

/// The canonical JSON of any node (the same serialiser as [`Cable::to_json`]).
fn json_of<T: serde::Serialize>(node: &T) -> String {
    // Serialising owned strings, integers and enums cannot fail.
    serde_json::to_string(node).expect("a tree node always serialises")
}

/// Reads a node back from its JSON, as a `ValueError` when it does not fit.
fn node_from_json<T: serde::de::DeserializeOwned>(kind: &str, json: &str) -> PyResult<T> {
    serde_json::from_str(json)
        .map_err(|e| PyValueError::new_err(format!("not a {kind} JSON tree: {e}")))
}

/// The node as plain Python data (`dict`, `list`, `str`, `int`, `bool`, `None`), keys
/// in the order of the JSON tree.
fn dict_of<'py, T: serde::Serialize>(py: Python<'py>, node: &T) -> PyResult<Bound<'py, PyAny>> {
    let json = py.import(intern!(py, "json"))?;
    json.call_method1(intern!(py, "loads"), (json_of(node),))
}

/// `repr()` of a plain value taken from a node's dict; nested objects are named by the
/// type of the matching attribute.
fn repr_value(value: &Bound<'_, PyAny>, attr: &dyn Fn() -> PyResult<String>) -> PyResult<String> {
    if let Ok(s) = value.cast::<PyString>() {
        let text = s.to_cow()?;
        if text.chars().count() > REPR_STR_MAX {
            let cut: String = text.chars().take(REPR_STR_MAX - 3).collect();
            return Ok(format!(
                "{}...",
                PyString::new(value.py(), &cut).repr()?.to_cow()?
            ));
        }
        return Ok(s.repr()?.to_cow()?.into_owned());
    }
    if let Ok(list) = value.cast::<PyList>() {
        let n = list.len();
        let plain = list
            .iter()
            .all(|item| !item.is_instance_of::<PyDict>() && !item.is_instance_of::<PyList>());
        if plain && n <= REPR_LIST_MAX {
            let items = list
                .iter()
                .map(|item| repr_value(&item, &|| Ok(String::new())))
                .collect::<PyResult<Vec<_>>>()?;
            return Ok(format!("[{}]", items.join(", ")));
        }
        return Ok(format!("[<{n} item{}>]", if n == 1 { "" } else { "s" }));
    }
    if let Ok(dict) = value.cast::<PyDict>() {
        if dict.len() == 2 {
            if let (Some(start), Some(end)) = (dict.get_item("start")?, dict.get_item("end")?) {
                return Ok(format!("Span({start}, {end})"));
            }
        }
        return Ok(format!("{}(...)", attr()?));
    }
    Ok(value.repr()?.to_cow()?.into_owned())
}

/// `TypeName(field=value, ...)`, fields in JSON order, long values abbreviated.
fn repr_node<T: serde::Serialize>(slf: &Bound<'_, PyAny>, node: &T) -> PyResult<String> {
    let py = slf.py();
    let name = slf.as_any().get_type().name()?;
    let dict = dict_of(py, node)?;
    let dict = dict.cast::<PyDict>()?;
    let mut fields = Vec::with_capacity(dict.len());
    for (key, value) in dict.iter() {
        let key = key.cast::<PyString>()?.to_cow()?.into_owned();
        let shown = repr_value(&value, &|| {
            Ok(slf.getattr(key.as_str())?.get_type().name()?.to_string())
        })?;
        fields.push(format!("{key}={shown}"));
    }
    Ok(format!("{name}({})", fields.join(", ")))
}

/// `repr()` of a node: `TypeName(field=value, ...)` unless a type says otherwise.
trait PyRepr: serde::Serialize + Sized {
    fn py_repr(&self, slf: &Bound<'_, PyAny>) -> PyResult<String> {
        repr_node(slf, self)
    }
}

impl PyRepr for Span {
    fn py_repr(&self, _slf: &Bound<'_, PyAny>) -> PyResult<String> {
        Ok(format!("Span({}, {})", self.start, self.end))
    }
}

impl PyRepr for Cable {
    /// The facts that tell cables apart, not the whole tree.
    fn py_repr(&self, slf: &Bound<'_, PyAny>) -> PyResult<String> {
        let py = slf.py();
        let text = |s: Option<&str>| -> PyResult<String> {
            match s {
                Some(s) => repr_value(PyString::new(py, s).as_any(), &|| Ok(String::new())),
                None => Ok("None".to_owned()),
            }
        };
        let body = self.body.as_ref();
        Ok(format!(
            "Cable(id={}, container={}, subject={}, sent={}, partial={}, header={}, paragraphs={}, diagnostics={})",
            text(self.id.as_deref())?,
            text(Some(self.container.name()))?,
            text(self.subject())?,
            text(self.sent.as_deref())?,
            if self.partial { "True" } else { "False" },
            if self.header.is_some() { "Header(...)" } else { "None" },
            body.map_or(0, |b| b.paragraphs.len()),
            self.diagnostics.len(),
        ))
    }
}

impl PyRepr for Metadata {}
impl PyRepr for Header {}
impl PyRepr for Routing {}
impl PyRepr for De {}
impl PyRepr for Dtg {}
impl PyRepr for Recipient {}
impl PyRepr for Distribution {}
impl PyRepr for PageBreak {}
impl PyRepr for Unparsed {}
impl PyRepr for Body {}
impl PyRepr for Banner {}
impl PyRepr for Section {}
impl PyRepr for ExecutiveOrder {}
impl PyRepr for Declassify {}
impl PyRepr for Tag {}
impl PyRepr for Subject {}
impl PyRepr for Signature {}
impl PyRepr for Trailer {}
impl PyRepr for Reference {}
impl PyRepr for ClassifiedBy {}
impl PyRepr for Paragraph {}
impl PyRepr for Block {}
impl PyRepr for Diagnostic {}

/// Methods shared by every struct node; extra methods of a type follow in braces.
macro_rules! node_methods {
    ($($ty:ident { $($extra:tt)* })*) => {$(
        #[pymethods]
        impl $ty {
            /// The node as compact JSON, the format of `Cable::to_json` in Rust.
            #[pyo3(name = "to_json")]
            fn py_to_json(&self) -> String {
                json_of(self)
            }

            /// The node as plain Python data: dicts, lists, str, int, bool and None,
            /// keys as in the JSON tree.
            #[pyo3(name = "to_dict")]
            fn py_to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
                dict_of(py, self)
            }

            /// Reads a node back from the output of `to_json()`; raises `ValueError`
            /// when the JSON is not such a node.
            #[classmethod]
            #[pyo3(name = "from_json")]
            fn py_from_json(_cls: &Bound<'_, PyType>, json: &str) -> PyResult<Self> {
                node_from_json(stringify!($ty), json)
            }

            fn __repr__(slf: &Bound<'_, Self>) -> PyResult<String> {
                PyRepr::py_repr(slf.get(), slf.as_any())
            }

            /// Pickles through the JSON tree.
            fn __reduce__<'py>(slf: &Bound<'py, Self>) -> PyResult<(Bound<'py, PyAny>, Bound<'py, PyTuple>)> {
                let py = slf.py();
                let from_json = slf.as_any().get_type().getattr(intern!(py, "from_json"))?;
                Ok((from_json, PyTuple::new(py, [json_of(slf.get())])?))
            }

            $($extra)*
        }
    )*};
}

node_methods! {
    Span {}
    Metadata {}
    Header {
        /// The originator (`FM` line), e.g. `AMEMBASSY ASTANA`: the `from` field, under a
        /// name Python allows after a dot.
        #[getter]
        fn from_(&self) -> Option<String> {
            self.from.clone()
        }
    }
    Routing {}
    De {}
    Dtg {}
    Recipient {}
    Distribution {}
    PageBreak {}
    Unparsed {}
    Body {}
    Banner {}
    Section {}
    ExecutiveOrder {}
    Declassify {}
    Tag {}
    Subject {}
    Signature {}
    Trailer {}
    Reference {}
    ClassifiedBy {}
    Paragraph {}
    Block {}
    Diagnostic {}
    Cable {
        /// The year the cable was sent: the year of `sent`, else the year its id begins
        /// with (`Cable::year` in Rust).
        #[getter(year)]
        fn py_year(&self) -> Option<u16> {
            self.year()
        }

        /// The cable as one flat row: a dict keyed by `ROW_COLUMNS` (id, metadata date, classification, origin, subject, tags, references, recipients,
        /// ...), the row of `cable export --format csv` and the first columns of
        /// `to_dataframe()` (where the dates are timestamps rather than text).
        fn to_row<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
            dict_of(py, &crate::flat::FlatRow::new(self))
        }

        /// An HTML card for notebooks: subject, date, origin, classification, tags,
        /// references, paragraphs and diagnostics. Drawn by `cable._cable._card_html`
        /// in `cable-py`: the card is presentation, and lives with the binding.
        fn _repr_html_(slf: &Bound<'_, Self>) -> PyResult<String> {
            let py = slf.py();
            let card = py.import(intern!(py, "cable._cable"))?.getattr(intern!(py, "_card_html"))?;
            card.call1((slf,))?.extract()
        }
    }
}

/// Methods shared by the enums: the snake_case name of the JSON tree, and pickling.
macro_rules! enum_methods {
    ($($ty:ident)*) => {$(
        #[pymethods]
        impl $ty {
            /// The snake_case name used in the JSON tree, e.g. `"text_export"`.
            #[getter]
            fn value(&self) -> &'static str {
                self.name()
            }

            fn __str__(&self) -> &'static str {
                self.name()
            }

            /// Pickles as the class attribute of the same name.
            fn __reduce__<'py>(slf: &Bound<'py, Self>) -> PyResult<(Bound<'py, PyAny>, Bound<'py, PyTuple>)> {
                let py = slf.py();
                let getattr = py.import(intern!(py, "builtins"))?.getattr(intern!(py, "getattr"))?;
                let variant = format!("{:?}", slf.get());
                let args = PyTuple::new(py, [slf.as_any().get_type().into_bound_py_any(py)?, variant.into_bound_py_any(py)?])?;
                Ok((getattr, args))
            }
        }
    )*};
}

enum_methods!(Container Classification Severity ReferenceKind TagKind DeclassifyKind Precedence);
