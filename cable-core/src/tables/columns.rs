//! The columns of the three tables, each once: a name, a sentence of documentation and a
//! getter whose kind gives the Arrow type.

use crate::ast::{Body, Cable, ClassifiedBy, Declassify, DeclassifyKind, Paragraph, Reference};
use crate::flat::FlatRow;

use super::builders::{col, count, days, micros, offset, req, strs, Column, Get};

/// What the `cables` getters read: the tree and its flat row (computed once).
pub(super) struct CableRow<'c> {
    pub(super) cable: &'c Cable,
    pub(super) flat: FlatRow,
}

/// What the `paragraphs` getters read.
pub(super) struct ParagraphRow<'c> {
    pub(super) cable_id: Option<&'c str>,
    pub(super) position: usize,
    pub(super) paragraph: &'c Paragraph,
}

/// What the `references` getters read.
pub(super) struct ReferenceRow<'c> {
    pub(super) citing_id: Option<&'c str>,
    pub(super) position: usize,
    pub(super) reference: &'c Reference,
}

/// The body of the cable of a row.
fn body<'c>(r: &CableRow<'c>) -> Option<&'c Body> {
    r.cable.body.as_ref()
}

/// The `Classified By:` line of the cable of a row.
fn classified_by<'c>(r: &CableRow<'c>) -> Option<&'c ClassifiedBy> {
    body(r)?.classified_by.as_ref()
}

/// The declassification instruction of the E.O. line of the cable of a row.
fn declassify<'c>(r: &CableRow<'c>) -> Option<&'c Declassify> {
    body(r)?.executive_order.as_ref()?.declassify.as_ref()
}

pub(super) fn cable_columns<'c>() -> Vec<Column<CableRow<'c>>> {
    use Get::*;
    vec![
        col("reference_id", "The cable's id (`Cable.id`), e.g. `09ASTANA1145`: the metadata's, else made from the banner's station and serial and the year, else the file name when it is an id.",
            Str(|r| r.flat.reference_id.as_deref())),
        col("date", "When the cable was sent: the metadata date, else the date-time group.",
            Timestamp(|r| r.flat.date.as_deref().and_then(micros))),
        col("classification", "The classification as written in the metadata, else the banner marking.",
            Str(|r| r.flat.classification.as_deref())),
        col("classification_level", "`unclassified`, `confidential`, `secret` or `top_secret`: the banner's, else read from the metadata.",
            Str(|r| r.flat.classification_level.as_deref())),
        col("origin", "The originating post (metadata), else the `FM` line.",
            Str(|r| r.flat.origin.as_deref())),
        col("subject", "The body's full subject (`Subject.text`, without its marking), else the metadata's short one.",
            Str(|r| r.flat.subject.as_deref())),
        req("tags", "The codes of the TAGS (`Tag.code`: upper case, spaces collapsed), in order.", Strs(|r| strs(&r.flat.tags))),
        req("references", "The REF list: each item's cable id when known, else its text.",
            Strs(|r| strs(&r.flat.references))),
        req("recipients", "Names of the `TO` recipients.", Strs(|r| strs(&r.flat.recipients))),
        req("info_recipients", "Names of the `INFO` recipients.",
            Strs(|r| strs(&r.flat.info_recipients))),
        col("signature", "The signer's name (`Signature.name`), e.g. `HOAGLAND`.", Str(|r| r.flat.signature.as_deref())),
        req("partial", "The record says it is a partial extract of the cable.",
            Bool(|r| Some(r.flat.partial))),
        req("n_paragraphs", "Number of paragraphs.", Int32(|r| Some(count(r.flat.n_paragraphs)))),
        req("n_diagnostics", "Number of diagnostics.", Int32(|r| Some(count(r.flat.n_diagnostics)))),
        req("container", "`text_export`, `html_page`, `html_pre`, `csv_row` or `bare_text`.",
            Str(|r| Some(r.flat.container))),
        col("transmission_id", "`VZCZC` + station + serial, e.g. `VZCZCXRO8970`.",
            Str(|r| r.flat.transmission_id.as_deref())),
        col("dtg", "The date-time group of the header.",
            Timestamp(|r| r.flat.dtg.as_deref().and_then(micros))),
        req("caveats", "Handling caveats: `SENSITIVE`, `SIPDIS`, `NOFORN`, ...",
            Strs(|r| strs(&r.flat.caveats))),
        col("sent", "When the cable was sent (`Cable.sent`): the date-time group, else the metadata date.",
            Timestamp(|r| r.flat.sent.as_deref().and_then(micros))),
        col("classifier", "The classifier's name (`ClassifiedBy.name`), e.g. `Richard E. Hoagland`; null when only an office is given.",
            Str(|r| r.flat.classifier.as_deref())),
        col("declassify", "The declassification instruction: an ISO date when it is one (`2019-07-09`), else as written (`1.6X1`, `N/A`, an event).",
            Str(|r| r.flat.declassify.as_deref())),
        req("countries", "The TAGS that name countries (`TagKind.Country`), e.g. `KZ`.",
            Strs(|r| strs(&r.flat.countries))),
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
            Strs(|r| r.cable.diagnostics.iter().map(|d| d.code.as_str()).collect())),
    ]
}

pub(super) fn paragraph_columns<'c>() -> Vec<Column<ParagraphRow<'c>>> {
    use Get::*;
    vec![
        col(
            "cable_id",
            "The `reference_id` of the cable.",
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
        col("citing_id", "The `reference_id` of the citing cable (`Cable.id`).", Str(|r| r.citing_id)),
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
        col("cited_id", "The cited cable's id, e.g. `09ASTANA1018`: for a cable with a known station and year only.",
            Str(|r| r.reference.cable_id.as_deref())),
        col("in_release", "Whether the cited cable is one of the Cablegate release; null without `cited_id`.",
            Bool(|r| r.reference.in_release)),
    ]
}
