//! The columns of the three tables, each once: a name, a sentence of documentation and a
//! getter whose kind gives the Arrow type. The `cables` table begins with the columns of
//! the flat row, declared in [`crate::flat`].

use crate::ast::{Body, Cable, ClassifiedBy, Declassify, DeclassifyKind, Paragraph, Reference};
use crate::flat;

use super::builders::{col, count, days, micros, offset, req, strs, Cell, Column, Get, Kind, Spec};

/// What the `paragraphs` getters read.
pub(super) struct ParagraphRow<'c> {
    pub(super) cable_id: Option<&'c str>,
    pub(super) position: usize,
    pub(super) paragraph: &'c Paragraph,
}

/// What the `references` getters read.
pub(super) struct ReferenceRow<'c> {
    pub(super) cable_id: Option<&'c str>,
    pub(super) position: usize,
    pub(super) reference: &'c Reference,
}

/// The body of a cable.
fn body(c: &Cable) -> Option<&Body> {
    c.body.as_ref()
}

/// The `Classified By:` line of a cable.
fn classified_by(c: &Cable) -> Option<&ClassifiedBy> {
    body(c)?.classified_by.as_ref()
}

/// The declassification instruction of the E.O. line of a cable.
fn declassify(c: &Cable) -> Option<&Declassify> {
    body(c)?.executive_order.as_ref()?.declassify.as_ref()
}

/// The columns of the flat row ([`crate::flat`]), which the `cables` table begins with:
/// the same names, order and values, with a richer type (timestamps, lists).
pub(super) fn flat_columns() -> impl Iterator<Item = Spec> {
    crate::flat::columns().into_iter().map(|c| {
        let (kind, nullable) = match c.kind {
            flat::Kind::Text => (Kind::Str, true),
            flat::Kind::Time => (Kind::Timestamp, true),
            flat::Kind::List => (Kind::Strs, false),
            flat::Kind::Flag => (Kind::Bool, false),
            flat::Kind::Count => (Kind::Int32, false),
            flat::Kind::Name => (Kind::Str, false),
        };
        Spec {
            name: c.name,
            doc: c.doc,
            nullable,
            kind,
        }
    })
}

/// A value of the flat row as a cell of its column.
pub(super) fn flat_cell(value: flat::Value<'_>) -> Cell<'_> {
    match value {
        flat::Value::Text(v) => Cell::Str(v),
        flat::Value::Time(v) => Cell::Timestamp(v.and_then(micros)),
        flat::Value::List(v) => Cell::Strs(strs(v)),
        flat::Value::Flag(v) => Cell::Bool(Some(v)),
        flat::Value::Count(n) => Cell::Int32(Some(count(n))),
        flat::Value::Name(v) => Cell::Str(Some(v)),
    }
}

/// The columns of the `cables` table after those of the flat row.
pub(super) fn cable_columns() -> Vec<Column<Cable>> {
    use Get::*;
    vec![
        req("tag_kinds", "What each tag of `tags` names, in the same order: `subject`, `country`, `organisation`, `program`, `person` or `other`.",
            Strs(|r| body(r).map_or_else(Vec::new, |b| b.tags.iter().map(|t| t.kind.name()).collect()))),
        col("classified_by", "Who classified the cable, as written on the `Classified By:` line, e.g. `Ambassador Richard E. Hoagland`.",
            Str(|r| Some(classified_by(r)?.by.as_str()))),
        col("classified_by_title", "The classifier's title or office, e.g. `Ambassador`, `DCM`.",
            Str(|r| classified_by(r)?.title.as_deref())),
        req("classification_reasons", "The reasons of the `Classified By:` line, e.g. `1.4(b)`.",
            Strs(|r| classified_by(r).map_or_else(Vec::new, |c| strs(&c.reasons)))),
        col("executive_order", "The executive order of the E.O. line, e.g. `12958`.",
            Str(|r| body(r)?.executive_order.as_ref()?.order.as_deref())),
        col("declassify_kind", "What the instruction is: `date`, `not_applicable`, `code` or `event`.",
            Str(|r| Some(declassify(r)?.kind.name()))),
        col("declassification_date", "The day the instruction names, when it is a date (`declassify_kind` = `date`).",
            Date(|r| {
                let d = declassify(r).filter(|d| d.kind == DeclassifyKind::Date)?;
                days(d.date.as_deref()?)
            })),
        col("summary", "The summary (`SUMMARY:` ... `END SUMMARY`), whitespace collapsed.",
            Str(|r| Some(body(r)?.summary.as_ref()?.text.as_str()))),
        req("n_references", "Number of references: the cable's rows in `references`.",
            Int32(|r| Some(count(body(r).map_or(0, |b| b.references.len()))))),
        req("diagnostics", "The code of each diagnostic, e.g. `unparsed-header-line`.",
            Strs(|r| r.diagnostics.iter().map(|d| d.code.as_str()).collect())),
    ]
}

pub(super) fn paragraph_columns<'c>() -> Vec<Column<ParagraphRow<'c>>> {
    use Get::*;
    vec![
        col(
            "cable_id",
            "The `id` of the cable whose body holds the paragraph.",
            Str(|r| r.cable_id),
        ),
        req(
            "position",
            "0-based position of the paragraph in the body.",
            Int32(|r| Some(count(r.position))),
        ),
        col(
            "number",
            "The paragraph number; null for text before the first numbered paragraph.",
            Int32(|r| {
                r.paragraph
                    .number
                    .map(|n| i32::try_from(n).unwrap_or(i32::MAX))
            }),
        ),
        col(
            "marking",
            "The classification marking without parentheses, e.g. `U`, `SBU`, `S/NF`.",
            Str(|r| r.paragraph.marking.as_deref()),
        ),
        col(
            "heading",
            "The heading lines right before the paragraph.",
            Str(|r| r.paragraph.heading.as_deref()),
        ),
        req(
            "text",
            "The text: number and marking removed, page breaks left out, line breaks kept.",
            Str(|r| Some(r.paragraph.text.as_str())),
        ),
        req(
            "span_start",
            "Byte offset of the paragraph in the document text (see `decode`).",
            Int64(|r| Some(offset(r.paragraph.span.start))),
        ),
        req(
            "span_end",
            "Byte offset one past the paragraph's end.",
            Int64(|r| Some(offset(r.paragraph.span.end))),
        ),
    ]
}

pub(super) fn reference_columns<'c>() -> Vec<Column<ReferenceRow<'c>>> {
    use Get::*;
    vec![
        col("cable_id", "The `id` of the citing cable: the one whose REF list holds the reference.", Str(|r| r.cable_id)),
        req("position", "0-based position of the reference in the REF list (an item that names several cables gives a row for each).",
            Int32(|r| Some(count(r.position)))),
        col("label", "The item's letter, e.g. `A`; null for an unlettered item.",
            Str(|r| r.reference.label.as_deref())),
        req("text", "The reference as written, whitespace collapsed, e.g. `ASTANA 1018 (NOTAL)`.",
            Str(|r| Some(r.reference.text.as_str()))),
        req("kind", "What the cited document is: `cable`, `email`, `telcon`, `memcon`, `letter`, `meeting`, `report` or `other`.",
            Str(|r| Some(r.reference.kind.name()))),
        req("notal", "The item says `NOTAL` (not sent to all addressees of the cited cable).",
            Bool(|r| Some(r.reference.notal))),
        col("year", "The cited cable's year: as written, else the citing cable's.",
            Int32(|r| r.reference.year.map(i32::from))),
        col("station", "The cited cable's station as the release spells it, e.g. `ASTANA`, `STATE`.",
            Str(|r| r.reference.station.as_deref())),
        col("serial", "The cited cable's serial, e.g. `1018`.",
            Int64(|r| r.reference.serial.map(i64::from))),
        col("cited_id", "The cited cable's id (`Reference.cited_id`), e.g. `09ASTANA1018`: for a cable with a known station and year only.",
            Str(|r| r.reference.cited_id.as_deref())),
        col("in_release", "Whether the cited cable is one of the Cablegate release; null without `cited_id`.",
            Bool(|r| r.reference.in_release)),
    ]
}
