//! The resolve step: what depends on the whole cable, settled once the tree is built.
//!
//! A builder sees the cable only as far as the walk has come, so a value that needs the
//! cable's date (a two-digit year) may be read before the date is. The builders leave
//! such values here as written ([`Unresolved`]), and [`resolve`] settles them with the
//! cable's year, whose precedence [`cable_year`] states once.

use crate::ast::Cable;

/// What the builders leave for the resolve step.
#[derive(Debug, Default)]
pub(crate) struct Unresolved {
    /// The date of the cable's declassification instruction, as written.
    pub(crate) declassify: Option<WrittenDate>,
}

/// A date as the grammar found it: the year as written, two digits or four.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct WrittenDate {
    pub(crate) day: u32,
    pub(crate) month: u32,
    pub(crate) year: u32,
}

/// The year the cable was sent: the year of [`Cable::sent`] (the date-time group, else
/// the metadata date, else a date line of the text), else the year of its id (which may
/// come from the file's name or the caller's year).
pub(crate) fn cable_year(cable: &Cable) -> Option<u32> {
    let sent = cable.sent.as_deref().and_then(|s| s.get(..4)?.parse().ok());
    sent.or_else(|| {
        let id = cable.id.as_deref()?;
        crate::reference_id::year_of(id).map(crate::reference_id::full_year)
    })
}

/// Fills in what the builders left, now that the cable is built.
pub(crate) fn resolve(cable: &mut Cable, unresolved: Unresolved) {
    let year = cable_year(cable);
    let declassify = cable
        .body
        .as_mut()
        .and_then(|b| b.executive_order.as_mut())
        .and_then(|eo| eo.declassify.as_mut());
    if let (Some(declassify), Some(date)) = (declassify, unresolved.declassify) {
        declassify.date = crate::dates::declassify_date(date.day, date.month, date.year, year);
    }
}

#[cfg(test)]
mod tests {
    fn declassified(input: &str) -> Option<String> {
        let cable = crate::parse(input);
        cable.body?.executive_order?.declassify?.date
    }

    /// A two-digit year is read in the century nearest the cable's own year, whichever
    /// part of the text gives that year and wherever it stands.
    #[test]
    fn two_digit_declassification_years_follow_the_cable() {
        // The date-time group of the header gives 2008: `07` is 2007, not 2107.
        let header = "P 141234Z APR 08\nFM AMEMBASSY LIMA\nTO SECSTATE WASHDC 1234\nBT\n";
        let body = "C O N F I D E N T I A L LIMA 000412\n\nE.O. 12958: DECL: 4/15/07\nTAGS: PGOV\nSUBJECT: FOO\n\n1. (C) Text.\n";
        assert_eq!(
            declassified(&format!("{header}{body}")).as_deref(),
            Some("2007-04-15")
        );
        // The metadata of a text export gives 1979: `85` is 1985.
        let export = "79TEHRAN8980\nNEGOTIATIONS\nTue Aug 14 00:00:00 +0200 1979\nCONFIDENTIAL\nEmbassy Tehran\n\nCONFIDENTIAL TEHRAN 08980\n\nE.O. 12065: GDS 8/12/85\nSUBJECT: NEGOTIATIONS\n\n1. (C) Text.\n";
        assert_eq!(declassified(export).as_deref(), Some("1985-08-12"));
        // No year at all: 20xx, as the gold set reads it.
        let bare = body.replace("4/15/07", "8/12/85");
        assert_eq!(declassified(&bare).as_deref(), Some("2085-08-12"));
    }
}
