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
    /// Where the cable's two-digit year may come from, to resolve `ASTANA 1018` to
    /// `09ASTANA1018`.
    pub(crate) years: Years,
    /// Record metadata found inside the body (a block of record lines, `ORIGIN:` fields),
    /// for a container that had none of its own.
    pub(crate) record: Option<Metadata>,
    /// A date the text gives outside the header and metadata (a publication's date line,
    /// `Cable dated:`).
    pub(crate) text_date: Option<crate::dates::Stamp>,
    /// What the builders leave for the resolve step (`crate::resolve`).
    pub(crate) unresolved: crate::resolve::Unresolved,
}

/// The sources of the citing cable's two-digit year, each filled by the builder that
/// reads it. Which one wins is stated once, in [`Years::own`] and [`Years::year`], not by
/// the order in which the walk meets them.
#[derive(Debug, Default)]
pub(crate) struct Years {
    /// The year of the metadata's reference id.
    pub(crate) metadata: Option<u32>,
    /// The year of the header's date-time group.
    pub(crate) dtg: Option<u32>,
    /// The first year the text gives (a prelude line's date, a record's id), in text order.
    text: Option<u32>,
    /// The caller's year ([`crate::Options::year`], else the file name's id).
    pub(crate) hint: Option<u32>,
}

impl Years {
    /// No year read yet; `hint` is the caller's.
    pub(crate) fn with_hint(hint: Option<u32>) -> Years {
        Years {
            hint,
            ..Years::default()
        }
    }

    /// The year the cable gives itself: its metadata id's, else its date-time group's,
    /// else the first the text gives.
    pub(crate) fn own(&self) -> Option<u32> {
        self.metadata.or(self.dtg).or(self.text)
    }

    /// The year to read the cable's references with: its own, else the caller's.
    pub(crate) fn year(&self) -> Option<u32> {
        self.own().or(self.hint)
    }

    /// A year the text gives; the first one met in the text stands.
    pub(crate) fn text_gives(&mut self, year: Option<u32>) {
        self.text = self.text.or(year);
    }
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

#[cfg(test)]
mod tests {
    use super::Years;

    /// The metadata's year beats the date-time group's, which beats the text's, which
    /// beats the caller's, in whatever order the walk fills them.
    #[test]
    fn each_year_source_has_one_rank() {
        let mut years = Years::with_hint(Some(5));
        assert_eq!((years.own(), years.year()), (None, Some(5)));
        years.text_gives(Some(8));
        years.text_gives(Some(7));
        assert_eq!((years.own(), years.year()), (Some(8), Some(8)));
        years.metadata = Some(10);
        years.dtg = Some(9);
        assert_eq!(years.year(), Some(10));
        years.metadata = None;
        assert_eq!(years.year(), Some(9));
    }
}
