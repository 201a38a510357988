//! What every builder function shares while the tree is built ([`Ctx`]): the text, the
//! diagnostics so far, and what the walk has learnt about the cable's year. A leaf: it
//! needs only the tree's types, the error and the resolve step's notes.

use crate::ast::{Diagnostic, Metadata, Severity, Span};
use crate::error::Error;
use crate::grammar::{describe, Rule};

/// What every builder function shares: the document text and the diagnostics so far.
pub(crate) struct Ctx<'t> {
    pub(crate) text: &'t str,
    pub(crate) diagnostics: Vec<Diagnostic>,
    /// The first error-level finding, for strict mode.
    pub(crate) first_error: Option<Error>,
    /// The citing cable's two-digit year, to resolve `ASTANA 1018` to `09ASTANA1018`.
    pub(crate) own_year: Option<u32>,
    /// The caller's two-digit year ([`crate::Options::year`]), when the text has none.
    pub(crate) year_hint: Option<u32>,
    /// Record metadata found inside the body (a block of record lines, `ORIGIN:` fields),
    /// for a container that had none of its own.
    pub(crate) record: Option<Metadata>,
    /// Whether `own_year` is `year_hint`, the caller's (or the file name's), not the text's.
    pub(crate) year_from_hint: bool,
    /// A date the text gives outside the header and metadata (a publication's date line,
    /// `Cable dated:`), as RFC 3339.
    pub(crate) text_date: Option<String>,
    /// What the builders leave for the resolve step (`crate::resolve`).
    pub(crate) unresolved: crate::resolve::Unresolved,
}

impl Ctx<'_> {
    /// Records a diagnostic; error-level ones also become the strict-mode error.
    pub(crate) fn report(
        &mut self,
        severity: Severity,
        code: &str,
        message: String,
        span: Span,
        expected: Rule,
    ) {
        if severity == Severity::Error && self.first_error.is_none() {
            self.first_error = Some(Error::at_span(self.text, span, describe(expected)));
        }
        self.diagnostics.push(Diagnostic {
            severity,
            code: code.to_string(),
            message,
            span,
        });
    }
}
