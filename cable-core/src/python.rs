//! Python methods of the tree types (feature `python`, used by `cable-py`).
//!
//! The classes themselves are declared once, in [`crate::ast`], with
//! `#[cfg_attr(feature = "python", pyo3::pyclass(...))]`: attributes are the
//! struct fields, named as in the JSON tree. This module only adds the methods
//! every node has in Python — `to_json()`, `to_dict()`, `from_json()`,
//! `__repr__` and pickling — plus the notebook card of [`Cable`]. No parsing
//! happens here.

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
        let meta = self.metadata.as_ref();
        let body = self.body.as_ref();
        let subject = body
            .and_then(|b| b.subject.as_deref())
            .or_else(|| meta.and_then(|m| m.subject.as_deref()));
        Ok(format!(
            "Cable(reference_id={}, container={}, subject={}, date={}, partial={}, header={}, paragraphs={}, diagnostics={})",
            text(self.reference_id())?,
            text(Some(self.container.name()))?,
            text(subject)?,
            text(meta.and_then(|m| m.date.as_deref()))?,
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
    Reference {}
    ClassifiedBy {}
    Paragraph {}
    Block {}
    Diagnostic {}
    Cable {
        /// The reference id from the metadata, e.g. `09ASTANA1145`; None when the
        /// container carries no metadata.
        #[getter(reference_id)]
        fn py_reference_id(&self) -> Option<String> {
            self.reference_id().map(str::to_owned)
        }

        /// The cable as one flat row: a dict keyed by `ROW_COLUMNS` (reference id,
        /// date, classification, origin, subject, tags, references, recipients, ...), the
        /// row of `cable export --format csv` and the first columns of `to_dataframe()`
        /// (where `date` and `dtg` are timestamps rather than text).
        fn to_row<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
            dict_of(py, &crate::flat::FlatRow::new(self))
        }

        /// An HTML card for notebooks: subject, date, origin, classification, tags,
        /// references, paragraphs and diagnostics.
        fn _repr_html_(&self) -> String {
            html_card(self)
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
            fn value(&self) -> String {
                name_of(self)
            }

            fn __str__(&self) -> String {
                self.value()
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

enum_methods!(Container Classification Severity);

/// The snake_case name of an enum value, as in JSON.
fn name_of<T: serde::Serialize>(value: &T) -> String {
    json_of(value).trim_matches('"').to_owned()
}

/// Escapes text for HTML.
fn esc(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// One `<tr>` of the card, left out when there is nothing to show.
fn row(out: &mut String, label: &str, value_html: &str) {
    if !value_html.is_empty() {
        out.push_str(&format!(
            "<tr><th style=\"text-align:left;padding-right:1em;vertical-align:top\">{label}</th>\
             <td style=\"text-align:left\">{value_html}</td></tr>"
        ));
    }
}

/// The notebook card of a cable.
fn html_card(cable: &Cable) -> String {
    let meta = cable.metadata.as_ref();
    let body = cable.body.as_ref();
    let header = cable.header.as_ref();
    let subject = body
        .and_then(|b| b.subject.as_deref())
        .or_else(|| meta.and_then(|m| m.subject.as_deref()));
    let date = meta.and_then(|m| m.date.as_deref()).or_else(|| {
        header
            .and_then(|h| h.dtg.as_ref())
            .and_then(|d| d.timestamp.as_deref())
    });
    let origin = meta
        .map(|m| m.origin.as_str())
        .or_else(|| header.and_then(|h| h.from.as_deref()));
    let classification = meta.map(|m| m.classification.as_str()).or_else(|| {
        body.and_then(|b| b.banner.as_ref())
            .map(|b| b.marking.as_str())
    });

    let mut out = String::from(
        "<div class=\"cable-card\" style=\"border:1px solid #ccc;border-radius:6px;padding:0.6em 1em;max-width:60em\">",
    );
    out.push_str(&format!(
        "<div style=\"font-weight:bold;font-size:1.1em\">{}{}</div>",
        cable
            .reference_id()
            .map(|r| format!("{} — ", esc(r)))
            .unwrap_or_default(),
        esc(subject.unwrap_or("(no subject)"))
    ));
    out.push_str("<table style=\"margin:0.4em 0\">");
    row(&mut out, "Date", &esc(date.unwrap_or("")));
    row(&mut out, "Origin", &esc(origin.unwrap_or("")));
    row(
        &mut out,
        "Classification",
        &esc(classification.unwrap_or("")),
    );
    let dtg = header.and_then(|h| h.dtg.as_ref()).map(|d| d.raw.as_str());
    row(&mut out, "Sent", &esc(dtg.unwrap_or("")));
    row(&mut out, "Container", &esc(cable.container.name()));
    if cable.partial {
        row(&mut out, "Partial", "partial extract of the original cable");
    }
    if let Some(body) = body {
        let tags = body
            .tags
            .iter()
            .map(|t| format!("<code>{}</code>", esc(t)))
            .collect::<Vec<_>>()
            .join(" ");
        row(&mut out, "Tags", &tags);
        row(&mut out, "Caveats", &esc(&body.caveats.join(", ")));
        let refs = body
            .references
            .iter()
            .map(|r| {
                let label = r
                    .label
                    .as_deref()
                    .map(|l| format!("{}. ", esc(l)))
                    .unwrap_or_default();
                let id = r
                    .cable_id
                    .as_deref()
                    .map(|id| format!(" (<code>{}</code>)", esc(id)))
                    .unwrap_or_default();
                format!("{label}{}{id}", esc(&r.text))
            })
            .collect::<Vec<_>>()
            .join("<br>");
        row(&mut out, "References", &refs);
        row(
            &mut out,
            "Signature",
            &esc(body.signature.as_deref().unwrap_or("")),
        );
    }
    if !cable.diagnostics.is_empty() {
        let diags = cable
            .diagnostics
            .iter()
            .map(|d| {
                format!(
                    "{}: <code>{}</code> {}",
                    esc(&name_of(&d.severity)),
                    esc(&d.code),
                    esc(&d.message)
                )
            })
            .collect::<Vec<_>>()
            .join("<br>");
        row(&mut out, "Diagnostics", &diags);
    }
    out.push_str("</table>");
    match body {
        Some(body) if !body.paragraphs.is_empty() => {
            let n = body.paragraphs.len();
            out.push_str(&format!(
                "<details><summary>{n} paragraph{}</summary><div style=\"max-height:30em;overflow:auto\">",
                if n == 1 { "" } else { "s" }
            ));
            for p in &body.paragraphs {
                let number = p.number.map(|n| format!("{n}. ")).unwrap_or_default();
                let marking = p
                    .marking
                    .as_deref()
                    .map(|m| format!("({}) ", esc(m)))
                    .unwrap_or_default();
                let heading = p
                    .heading
                    .as_deref()
                    .map(|h| format!("<div><b>{}</b></div>", esc(h)))
                    .unwrap_or_default();
                out.push_str(&format!(
                    "{heading}<p style=\"white-space:pre-wrap;text-align:left\"><b>{number}</b>{marking}{}</p>",
                    esc(&p.text)
                ));
            }
            out.push_str("</div></details>");
        }
        Some(_) => out.push_str("<div><i>no paragraphs</i></div>"),
        None => out.push_str("<div><i>no cable text</i></div>"),
    }
    out.push_str("</div>");
    out
}
