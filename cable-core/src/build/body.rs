//! The body. The grammar classifies each line; the order of the lines decides the rest:
//! which `N.` line is a real paragraph, which `X.` line a REF item, what an addressee is.

use memchr::memmem;
use pest::iterators::Pair;

use super::{collapse, span_of, Ctx};
use crate::ast::*;
use crate::grammar::Rule;

/// What a body line can be, as the grammar classified it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) enum Kind<'t> {
    Blank,
    PageBreak,
    Eo {
        order: Option<&'t str>,
        rest: &'t str,
    },
    Tags(&'t str),
    Subject(&'t str),
    Ref {
        text: &'t str,
        at: usize,
    },
    ClassifiedBy(&'t str),
    Numbered {
        number: Option<u32>,
        marking: Option<&'t str>,
        text: &'t str,
        text_at: usize,
    },
    Lettered {
        letter: &'t str,
        text: &'t str,
        text_at: usize,
    },
    Caveats,
    Text,
}

/// A classified line with its span (line break excluded).
#[derive(Debug, Clone, Copy)]
pub(super) struct Line<'t> {
    pub(super) kind: Kind<'t>,
    pub(super) span: Span,
}

impl Line<'_> {
    /// The line with its offsets moved on by `by`: for a piece parsed on its own.
    pub(super) fn shifted(mut self, by: usize) -> Self {
        self.span = Span::new(self.span.start + by, self.span.end + by);
        match &mut self.kind {
            Kind::Ref { at, .. } => *at += by,
            Kind::Numbered { text_at, .. } | Kind::Lettered { text_at, .. } => *text_at += by,
            _ => {}
        }
        self
    }
}

/// Where the preamble reader is.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Mode {
    None,
    Subject,
    /// After a blank line that follows the subject: a parenthesised line still belongs to it
    /// (`SUBJECT: CUBAN HEALTHCARE: "AQUI NADA ES FACIL"`, blank, `(HERE NOTHING IS EASY)`).
    SubjectGap,
    /// Right after a TAGS line: a line of tags carries on the list.
    Tags,
    /// In the REF list; `gap` after a blank line.
    Ref {
        gap: bool,
    },
    ClassifiedBy,
    Addressee,
}

/// A paragraph being assembled: its line spans.
struct Draft {
    number: Option<u32>,
    marking: Option<String>,
    heading: Option<String>,
    start: usize,
    /// Text pieces (first line after number and marking, then whole lines).
    lines: Vec<(usize, usize)>,
}

/// `body`: banner and lines. `None` when there is no text at all.
pub(crate) fn parse_body(pair: Pair<'_, Rule>, ctx: &mut Ctx<'_>) -> Option<Body> {
    let span = span_of(&pair);
    let mut body = Body {
        prelude: Vec::new(),
        banner: None,
        caveats: Vec::new(),
        addressees: Vec::new(),
        executive_order: None,
        tags: Vec::new(),
        subject: None,
        references: Vec::new(),
        classified_by: None,
        paragraphs: Vec::new(),
        summary: None,
        comments: Vec::new(),
        signature: None,
        page_breaks: Vec::new(),
        span,
    };
    let mut lines = Vec::new();
    for p in pair.into_inner() {
        if p.as_rule() == Rule::prelude {
            let lines = p.into_inner().filter(|l| l.as_rule() == Rule::prelude_line);
            body.prelude.extend(
                lines
                    .map(|l| collapse(l.as_str()))
                    .filter(|l| !l.is_empty()),
            );
        } else if p.as_rule() == Rule::banner_line {
            parse_banner_line(p, &mut body, &mut lines);
        } else {
            body.caveats.extend(caveats_of(&p));
            lines.push(classify(p));
        }
    }
    if ctx.own_year.is_none() {
        // A bare `<pre>` block has no metadata: a publication's date line gives the year,
        // else the caller may know it.
        ctx.own_year = body
            .prelude
            .iter()
            .find_map(|l| year_in(l))
            .or(ctx.year_hint);
    }
    if body.banner.is_none() && lines.iter().all(|l| l.kind == Kind::Blank) {
        return None;
    }
    if body.banner.is_none() {
        // Every cable body opens with its classification banner: strict mode rejects one without.
        ctx.report(
            Severity::Error,
            "no-banner",
            "The body has no classification banner.".into(),
            Span::new(span.start, span.start),
            Rule::banner,
        );
    }
    let station = body.banner.as_ref().and_then(|b| b.station.clone());
    let lines = super::runon::split(lines, ctx.text, station.as_deref(), &mut body.caveats);
    Reader {
        ctx,
        body: &mut body,
        lines: &lines,
        drafts: Vec::new(),
        last_number: None,
    }
    .read();
    Some(body)
}

/// The caveats of a `caveat_line` (none for any other line).
pub(super) fn caveats_of(pair: &Pair<'_, Rule>) -> Vec<String> {
    if pair.as_rule() != Rule::caveat_line {
        return Vec::new();
    }
    let caveats = pair
        .clone()
        .into_inner()
        .filter(|c| c.as_rule() == Rule::caveat);
    caveats.map(|c| c.as_str().to_string()).collect()
}

/// `banner_line`: the banner, and any text run on after it.
fn parse_banner_line<'t>(pair: Pair<'t, Rule>, body: &mut Body, lines: &mut Vec<Line<'t>>) {
    for p in pair.into_inner() {
        match p.as_rule() {
            Rule::banner => body.banner = Some(parse_banner(p, &mut body.caveats)),
            Rule::banner_rest => lines.push(Line {
                kind: Kind::Text,
                span: span_of(&p),
            }),
            _ => {}
        }
    }
}

/// `banner`: marking, section, station and serial.
fn parse_banner(pair: Pair<'_, Rule>, caveats: &mut Vec<String>) -> Banner {
    let mut banner = Banner {
        marking: String::new(),
        classification: Classification::Unclassified,
        section: None,
        station: None,
        serial: None,
        span: span_of(&pair),
    };
    for p in pair.into_inner() {
        match p.as_rule() {
            Rule::marking => {
                banner.marking = p.as_str().to_string();
                banner.classification = classification_of(p.as_str());
            }
            Rule::banner_caveat => caveats.push(p.as_str().to_string()),
            Rule::section => {
                let mut n = p
                    .into_inner()
                    .map(|x| x.as_str().parse::<u32>().unwrap_or(0));
                banner.section = Some(Section {
                    number: n.next().unwrap_or(0),
                    of: n.next().unwrap_or(0),
                });
            }
            Rule::banner_station => banner.station = Some(collapse(p.as_str())),
            Rule::serial => banner.serial = Some(p.as_str().to_string()),
            _ => {}
        }
    }
    banner
}

/// The level a marking stands for, whatever its spelling.
pub(crate) fn classification_of(marking: &str) -> Classification {
    let squeezed: String = marking
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect::<String>()
        .to_ascii_uppercase();
    if squeezed.starts_with("TOPSECRET") {
        Classification::TopSecret
    } else if squeezed.starts_with("SECRET") {
        Classification::Secret
    } else if squeezed.starts_with("CONFIDENTIAL") {
        Classification::Confidential
    } else {
        Classification::Unclassified
    }
}

/// Turns one `body_line` pair into a classified line.
pub(super) fn classify(pair: Pair<'_, Rule>) -> Line<'_> {
    let span = span_of(&pair);
    let rule = pair.as_rule();
    let inner_str = |rule: Rule| {
        pair.clone()
            .into_inner()
            .find(|p| p.as_rule() == rule)
            .map(|p| (p.as_str(), p.as_span().start()))
    };
    let kind = match rule {
        Rule::blank => Kind::Blank,
        Rule::page_break => Kind::PageBreak,
        Rule::eo_line => Kind::Eo {
            order: inner_str(Rule::eo_order).map(|x| x.0),
            rest: inner_str(Rule::eo_rest).map_or("", |x| x.0),
        },
        Rule::tags_line => Kind::Tags(inner_str(Rule::tags_text).map_or("", |x| x.0)),
        Rule::subject_line => Kind::Subject(inner_str(Rule::subject_text).map_or("", |x| x.0)),
        Rule::ref_line => {
            let (text, at) = inner_str(Rule::ref_text).unwrap_or(("", span.end));
            Kind::Ref { text, at }
        }
        Rule::classified_by_line => {
            Kind::ClassifiedBy(inner_str(Rule::classified_by_text).map_or("", |x| x.0))
        }
        Rule::numbered_line => {
            let (text, text_at) = inner_str(Rule::line_text).unwrap_or(("", span.end));
            Kind::Numbered {
                number: inner_str(Rule::number).and_then(|n| n.0.parse().ok()),
                marking: inner_str(Rule::paragraph_marking).map(|m| m.0),
                text,
                text_at,
            }
        }
        Rule::lettered_line => {
            let (text, text_at) = inner_str(Rule::line_text).unwrap_or(("", span.end));
            Kind::Lettered {
                letter: inner_str(Rule::letter).map_or("", |x| x.0),
                text,
                text_at,
            }
        }
        Rule::caveat_line => Kind::Caveats,
        _ => Kind::Text,
    };
    Line { kind, span }
}

/// Reads the classified lines in order and fills the body.
struct Reader<'a, 'c, 't> {
    ctx: &'a mut Ctx<'c>,
    body: &'a mut Body,
    lines: &'a [Line<'t>],
    drafts: Vec<Draft>,
    last_number: Option<u32>,
}

impl Reader<'_, '_, '_> {
    fn read(mut self) {
        let mut mode = Mode::None;
        let mut subject = String::new();
        let mut classified: Option<(Span, String)> = None;
        let mut in_text = false;
        for (i, line) in self.lines.iter().enumerate() {
            if line.kind == Kind::PageBreak {
                let text = collapse(&self.ctx.text[line.span.start..line.span.end]);
                self.body.page_breaks.push(PageBreak {
                    text,
                    span: line.span,
                });
                continue;
            }
            if in_text {
                self.text_line(line);
                continue;
            }
            // The preamble: banner-side lines up to the first paragraph.
            let raw = &self.ctx.text[line.span.start..line.span.end];
            let more_tags = if mode == Mode::Tags {
                tags_continue(raw)
            } else {
                None
            };
            match line.kind {
                Kind::Blank => {
                    mode = match mode {
                        Mode::Ref { .. } => Mode::Ref { gap: true },
                        Mode::Subject => Mode::SubjectGap,
                        _ => Mode::None,
                    };
                }
                Kind::Eo { order, rest } => {
                    mode = Mode::None;
                    // `E.O. 12958: DECL: 09/17/06 TAGS: PTER PGOV AF`: both on one line.
                    let (rest, tags) = match rest.find("TAGS") {
                        Some(i) => (
                            &rest[..i],
                            Some(rest[i + 4..].trim_start_matches([':', ' '])),
                        ),
                        None => (rest, None),
                    };
                    if self.body.executive_order.is_none() {
                        self.body.executive_order =
                            Some(executive_order(order, rest, raw, line.span));
                    }
                    if let Some(tags) = tags {
                        mode = Mode::Tags;
                        self.body.tags.extend(split_tags(tags));
                    }
                }
                Kind::Tags(tags) => {
                    mode = Mode::Tags;
                    self.body.tags.extend(split_tags(tags));
                }
                Kind::Subject(text) => {
                    mode = Mode::Subject;
                    subject = text.to_string();
                }
                Kind::Ref { text, at } => {
                    mode = Mode::Ref { gap: false };
                    self.add_references(text, at, None);
                }
                Kind::ClassifiedBy(text) => {
                    mode = Mode::ClassifiedBy;
                    classified = Some((line.span, text.to_string()));
                }
                Kind::Caveats => mode = Mode::None,
                Kind::Lettered {
                    letter,
                    text,
                    text_at,
                } if matches!(mode, Mode::Ref { .. }) => {
                    mode = Mode::Ref { gap: false };
                    self.add_references(text, text_at, Some((letter, line.span.start)));
                }
                Kind::Numbered { number, .. } if self.accepts(number) => {
                    in_text = true;
                    self.text_line(line);
                }
                _ => match mode {
                    Mode::Subject => subject.push_str(&format!(" {raw}")),
                    Mode::SubjectGap if is_parenthesised(raw) => {
                        mode = Mode::Subject;
                        subject.push_str(&format!(" {raw}"));
                    }
                    // `TAGS: ... SY LE SA` / `QA, AE`, or `TIP SUBJECT: BRAZIL'S ...`.
                    Mode::Tags if more_tags.is_some() => {
                        let (tags, rest) = more_tags.unwrap_or_default();
                        self.body.tags.extend(split_tags(tags));
                        if let Some(text) = rest {
                            mode = Mode::Subject;
                            subject = text.to_string();
                        }
                    }
                    Mode::Ref { gap: false } => self.continue_reference(raw, line.span),
                    Mode::ClassifiedBy => {
                        if let Some((span, text)) = classified.as_mut() {
                            span.end = line.span.end;
                            text.push(' ');
                            text.push_str(raw);
                        }
                    }
                    // A line continues the addressee before it when that one ends open.
                    Mode::Addressee if continues_addressee(self.body.addressees.last(), raw) => {
                        if let Some(last) = self.body.addressees.last_mut() {
                            last.push(' ');
                            last.push_str(&collapse(raw));
                        }
                    }
                    _ if self.keyword_follows(i) || mode == Mode::Addressee => {
                        mode = Mode::Addressee;
                        self.body.addressees.push(collapse(raw));
                    }
                    _ => {
                        in_text = true;
                        self.text_line(line);
                    }
                },
            }
        }
        let subject = collapse(&subject);
        if !subject.is_empty() {
            self.body.subject = Some(subject);
        }
        if let Some((span, text)) = classified {
            self.body.classified_by = Some(classified_by(&text, span));
        }
        self.finish();
    }

    /// Whether `N.` starts a paragraph: numbers run in order, so `¶2011.` after 5 is a year.
    fn accepts(&self, number: Option<u32>) -> bool {
        match (number, self.last_number) {
            (Some(n), None) => (1..=30).contains(&n),
            (Some(n), Some(last)) => n == last + 1,
            (None, _) => false,
        }
    }

    /// Whether a preamble keyword line (E.O., TAGS, SUBJECT, REF, Classified By) comes soon,
    /// so that the text line at `i` is an addressee line rather than the start of the text.
    fn keyword_follows(&self, i: usize) -> bool {
        let text_lines = self
            .lines
            .iter()
            .skip(i + 1)
            .filter(|l| l.kind != Kind::Blank);
        for line in text_lines.take(12) {
            match line.kind {
                Kind::Eo { .. }
                | Kind::Tags(_)
                | Kind::Subject(_)
                | Kind::Ref { .. }
                | Kind::ClassifiedBy(_) => return true,
                Kind::Numbered { .. } => return false,
                _ => {}
            }
        }
        false
    }

    /// A line of the text: a new paragraph or a line of the current one.
    fn text_line(&mut self, line: &Line<'_>) {
        if let Kind::Numbered {
            number,
            marking,
            text_at,
            ..
        } = line.kind
        {
            if self.accepts(number) {
                self.last_number = number;
                let marking =
                    marking.map(|m| m.trim_matches(|c| c == '(' || c == ')').trim().to_string());
                let mut draft = Draft {
                    number,
                    marking,
                    heading: None,
                    start: line.span.start,
                    lines: Vec::new(),
                };
                self.take_heading(&mut draft);
                let text_at = text_at
                    + (self.ctx.text[text_at..line.span.end].len()
                        - self.ctx.text[text_at..line.span.end].trim_start().len());
                draft.lines.push((text_at, line.span.end));
                self.drafts.push(draft);
                return;
            }
        }
        if self.drafts.is_empty() {
            self.drafts.push(Draft {
                number: None,
                marking: None,
                heading: None,
                start: line.span.start,
                lines: Vec::new(),
            });
        }
        let draft = self.drafts.last_mut().expect("a draft exists");
        draft.lines.push((line.span.start, line.span.end));
    }

    /// Moves the heading lines that end the previous paragraph (after a blank line) to `draft`.
    fn take_heading(&mut self, draft: &mut Draft) {
        let text = self.ctx.text;
        let Some(prev) = self.drafts.last_mut() else {
            return;
        };
        let is_blank = |&(s, e): &(usize, usize)| text[s..e].trim().is_empty();
        let mut end = prev.lines.len();
        while end > 0 && is_blank(&prev.lines[end - 1]) {
            end -= 1;
        }
        let mut start = end;
        while start > 0 && !is_blank(&prev.lines[start - 1]) {
            start -= 1;
        }
        let block = &prev.lines[start..end];
        let heading_like = |&(s, e): &(usize, usize)| {
            let t = text[s..e].trim();
            t.chars().count() <= 80 && !t.ends_with([',', ';']) && !t.ends_with('.')
                || t.chars().all(|c| c == '-' || c == ' ')
        };
        // A heading stands alone: a blank line before it (or the start of the text) and
        // at most three lines, none of them running text.
        if block.is_empty()
            || block.len() > 3
            || !block.iter().all(heading_like)
            || (start == 0 && prev.number.is_some())
        {
            return;
        }
        let words: Vec<&str> = block
            .iter()
            .map(|&(s, e)| text[s..e].trim())
            .filter(|t| !t.chars().all(|c| c == '-' || c == ' '))
            .collect();
        if words.is_empty() && block.len() == 1 {
            return;
        }
        draft.start = block[0].0;
        draft.heading = Some(collapse(&words.join(" "))).filter(|h| !h.is_empty());
        prev.lines.truncate(start);
    }

    /// Adds the REF items of `text` (which starts at `at`); `label` when the line began with one.
    fn add_references(&mut self, text: &str, at: usize, label: Option<(&str, usize)>) {
        let mut items: Vec<_> = split_labels(text)
            .into_iter()
            .map(|(label, from, to)| (label.map(|(l, p)| (l, at + p)), from, to))
            .collect();
        if let Some((letter, line_start)) = label {
            match items.first_mut() {
                Some(first) if first.0.is_none() => {
                    first.0 = Some((letter.to_string(), line_start))
                }
                _ => items.insert(0, (Some((letter.to_string(), line_start)), 0, 0)),
            }
        }
        for (label, from, to) in items {
            let mut item = text[from..to].trim();
            // `A. A) HAMBURG 001`: the export doubled the label.
            if let Some((letter, _)) = &label {
                for doubled in [
                    format!("{letter})"),
                    format!("({letter})"),
                    format!("{letter}."),
                ] {
                    if let Some(rest) = item
                        .strip_prefix(doubled.as_str())
                        .filter(|r| r.starts_with(char::is_whitespace))
                    {
                        item = rest.trim_start();
                    }
                }
            }
            if item.is_empty() && label.is_none() {
                continue;
            }
            let start = label.as_ref().map_or(at + from, |(_, s)| *s);
            let end = at + from + text[from..to].trim_end().len();
            let text = collapse(item.trim_end_matches([',', ';']));
            let cable_id = crate::refs::cable_id(&text, self.ctx.own_year);
            self.body.references.push(Reference {
                label: label.map(|l| l.0),
                text,
                cable_id,
                span: Span::new(start, end.max(start)),
            });
        }
    }

    /// A line that continues the last REF item.
    fn continue_reference(&mut self, raw: &str, span: Span) {
        if let Some(last) = self.body.references.last_mut() {
            // Appending keeps this linear; ids are resolved once the list is complete.
            let raw = collapse(raw);
            if !raw.is_empty() {
                last.text.push(' ');
                last.text.push_str(&raw);
            }
            last.span.end = span.end;
        } else {
            self.add_references(raw, span.start, None);
        }
    }

    /// Turns the drafts into paragraphs; finds the signature, summary and comments.
    fn finish(mut self) {
        let text = self.ctx.text;
        // A TAGS line is often repeated (the export's link list, then the cable's own line).
        let mut seen = std::collections::HashSet::new();
        self.body.tags.retain(|tag| seen.insert(tag.clone()));
        for reference in &mut self.body.references {
            if reference.cable_id.is_none() {
                reference.cable_id = crate::refs::cable_id(&reference.text, self.ctx.own_year);
            }
        }
        self.take_signature();
        for draft in self.drafts.drain(..) {
            let mut out = String::new();
            let mut blank_run = false;
            let mut end = draft.start;
            for &(s, e) in &draft.lines {
                let line = text[s..e].trim_end();
                let line = strip_pilcrow(line);
                if line.trim().is_empty() {
                    blank_run = !out.is_empty();
                    continue;
                }
                if blank_run {
                    out.push_str("\n\n");
                } else if !out.is_empty() {
                    out.push('\n');
                }
                blank_run = false;
                out.push_str(line);
                end = e;
            }
            if out.is_empty() && draft.number.is_none() && draft.heading.is_none() {
                continue;
            }
            let end = end.max(
                draft
                    .lines
                    .first()
                    .map_or(draft.start, |l| l.1.min(end.max(l.0))),
            );
            let para = Paragraph {
                number: draft.number,
                marking: draft.marking,
                heading: draft.heading,
                text: out,
                span: Span::new(draft.start, end.max(draft.start)),
            };
            self.body.paragraphs.push(para);
        }
        // Both searches read the same upper-cased copy of the paragraphs' region.
        let upper = upper_region(text, &self.body.paragraphs);
        let (paragraphs, page_breaks) = (&self.body.paragraphs, &self.body.page_breaks);
        let blocks = |word, at_line_start| {
            find_blocks(text, &upper, paragraphs, page_breaks, word, at_line_start)
        };
        let summary = blocks("SUMMARY", true).into_iter().next();
        let comments = blocks("COMMENT", false);
        self.body.summary = summary;
        self.body.comments = comments;
    }

    /// The signature: a short last line that stands apart from the sentence before it.
    fn take_signature(&mut self) {
        let text = self.ctx.text;
        let Some(last) = self.drafts.last_mut() else {
            return;
        };
        let mut idx = last.lines.len();
        while idx > 0
            && text[last.lines[idx - 1].0..last.lines[idx - 1].1]
                .trim()
                .is_empty()
        {
            idx -= 1;
        }
        if idx < 2 {
            return;
        }
        let (s, e) = last.lines[idx - 1];
        let candidate = strip_pilcrow(text[s..e].trim());
        let words = candidate.split_whitespace().count();
        let looks_like_name = (1..=4).contains(&words)
            && candidate.chars().count() <= 40
            && candidate.chars().any(char::is_alphabetic)
            && !candidate.ends_with(['.', ',', ':', ';', ')'])
            && !candidate.chars().all(|c| c == '-' || c == ' ')
            && !candidate.to_ascii_uppercase().starts_with("END ")
            // End-of-message markers, not names.
            && !matches!(candidate, "NNNN" | "BT");
        let before = text[last.lines[idx - 2].0..last.lines[idx - 2].1].trim_end();
        let apart = before.trim().is_empty() || before.ends_with(['.', '!', '?', '"', ')']);
        if looks_like_name && apart {
            self.body.signature = Some(collapse(candidate));
            last.lines.truncate(idx - 1);
        }
    }
}

/// Whether `line` carries on the addressee line `last` (which ends with a comma or
/// `AND`, or is followed by a parenthesis or lower-case text).
fn continues_addressee(last: Option<&String>, line: &str) -> bool {
    let line = line.trim_start();
    last.is_some_and(|l| l.ends_with(',') || l.ends_with(" AND") || l.ends_with('/'))
        || line.starts_with(['(', ','])
        || line.starts_with("AND ")
        || line.starts_with(|c: char| c.is_lowercase())
}

/// Whether a line is one parenthesised phrase, as a subject's translation or aside is:
/// `(HERE NOTHING IS EASY)`, not `(U)` nor `(C) TEXT (C)`.
fn is_parenthesised(line: &str) -> bool {
    let inner = line
        .trim()
        .strip_prefix('(')
        .and_then(|l| l.strip_suffix(')'));
    inner.is_some_and(|inner| inner.contains(' ') && !inner.contains([')', '(']))
}

/// The tags that carry on a TAGS list on the next line, and the subject when that line goes
/// on with `SUBJECT:`; `None` when the line is not a line of tags. Tags are short upper-case
/// codes (`PREL`, `IZ`, `UNMIK`), so a line with lower case, digits, slashes, longer words
/// or an addressee's words (`STATE FOR NEA/FO`, `PLEASE PASS TO USTR`, `BEGIN SUMMARY`)
/// does not continue them.
fn tags_continue(line: &str) -> Option<(&str, Option<&str>)> {
    let (tags, subject) = match line.find("SUBJECT:") {
        Some(i) => (&line[..i], Some(line[i + "SUBJECT:".len()..].trim())),
        None => (line, None),
    };
    let is_tag_char = |c: char| c.is_ascii_uppercase() || " ,;\t".contains(c);
    let not_a_tag = ["FOR", "PASS", "PLEASE", "ALSO", "DEPT", "AND"];
    let mut words = split_tags(tags).peekable();
    let tag_like = words.peek().is_some()
        && tags.chars().all(is_tag_char)
        && words.all(|w| (2..=5).contains(&w.len()) && !not_a_tag.contains(&w.as_str()));
    tag_like.then_some((tags, subject))
}

/// The two-digit year of the first `19xx` or `20xx` word of a date line.
fn year_in(line: &str) -> Option<u32> {
    line.split(|c: char| !c.is_ascii_digit())
        .find(|w| w.len() == 4 && (w.starts_with("19") || w.starts_with("20")))
        .and_then(|w| w[2..].parse().ok())
}

/// The tags of a TAGS line, split on spaces, commas and semicolons.
fn split_tags(tags: &str) -> impl Iterator<Item = String> + '_ {
    tags.split([' ', ',', '\t', ';'])
        .filter(|t| !t.is_empty())
        .map(String::from)
}

/// Removes the export's `¶` artifact at the start of a line (`¶2011.` is the year 2011).
fn strip_pilcrow(line: &str) -> &str {
    let trimmed = line.trim_start();
    match trimmed.strip_prefix('¶') {
        Some(rest) if line.len() - trimmed.len() == 0 => rest,
        Some(rest) => rest,
        None => line,
    }
}

/// Splits REF text at labels `A.`, `B)`, `(C)`: (label with its position, item start, item end).
#[allow(clippy::type_complexity)]
fn split_labels(text: &str) -> Vec<(Option<(String, usize)>, usize, usize)> {
    let b = text.as_bytes();
    let mut cuts: Vec<(usize, usize, String)> = Vec::new(); // (label start, text start, letter)
    let mut i = 0;
    while i < b.len() {
        let at_word_start =
            i == 0 || b[i - 1].is_ascii_whitespace() || b[i - 1] == b',' || b[i - 1] == b';';
        if at_word_start {
            let (open, j) = if b[i] == b'(' {
                (true, i + 1)
            } else {
                (false, i)
            };
            let letter_ok = j < b.len() && b[j].is_ascii_uppercase();
            let close_ok = j + 1 < b.len() && (b[j + 1] == b')' || (!open && b[j + 1] == b'.'));
            let space_after = j + 2 >= b.len() || b[j + 2].is_ascii_whitespace();
            // Labels run A, B, C, ...: `(B), (D)` inside a sentence are no labels.
            let expected = letter_ok
                && cuts
                    .last()
                    .map_or(b[j] == b'A', |c| c.2.as_bytes()[0] + 1 == b[j]);
            if letter_ok && close_ok && space_after && expected {
                cuts.push((i, (j + 2).min(b.len()), (b[j] as char).to_string()));
                i = j + 2;
                continue;
            }
        }
        i += 1;
    }
    if cuts.is_empty() {
        return vec![(None, 0, text.len())];
    }
    let mut items = Vec::new();
    if !text[..cuts[0].0].trim().is_empty() {
        items.push((None, 0, cuts[0].0));
    }
    for (n, (label_at, from, letter)) in cuts.iter().enumerate() {
        let to = cuts.get(n + 1).map_or(text.len(), |c| c.0);
        items.push((Some((letter.clone(), *label_at)), *from, to));
    }
    items
}

/// `E.O. 12958: DECL: 07/09/2019` and its variants.
fn executive_order(order: Option<&str>, rest: &str, raw: &str, span: Span) -> ExecutiveOrder {
    let rest = rest.trim();
    let upper = rest.to_ascii_uppercase();
    let declassify = if let Some(i) = upper.find("DECL") {
        let after = rest[i + 4..]
            .trim_start_matches(|c: char| c.is_ascii_alphabetic())
            .trim_start_matches([':', ' ', '\t'])
            .trim();
        (!after.is_empty()).then(|| collapse(after))
    } else if matches!(upper.as_str(), "N/A" | "NA" | "N/A." | "NONE") {
        Some("N/A".to_string())
    } else {
        (!rest.is_empty()).then(|| collapse(rest))
    };
    ExecutiveOrder {
        order: order.map(String::from),
        declassify,
        raw: collapse(raw),
        span,
    }
}

/// `Classified By: NAME, for reasons 1.4 (b) and (d)`.
fn classified_by(text: &str, span: Span) -> ClassifiedBy {
    let raw = collapse(text.trim_start_matches([':', ' ']));
    let upper = raw.to_ascii_uppercase();
    let (by, reasons) = match upper.find("REASON") {
        Some(i) => (&raw[..i], reasons_of(&raw[i..])),
        None => (raw.as_str(), Vec::new()),
    };
    let by = by.trim().trim_end_matches(|c: char| {
        c == ',' || c == ';' || c == '.' || c == ':' || c.is_whitespace()
    });
    let by = by
        .strip_suffix(" for")
        .or_else(|| by.strip_suffix(" FOR"))
        .or_else(|| by.strip_suffix(" For"))
        .unwrap_or(by);
    ClassifiedBy {
        by: by.trim_end_matches([',', ';', ' ']).to_string(),
        reasons,
        raw,
        span,
    }
}

/// `1.4 (b) and (d)` -> `1.4(b)`, `1.4(d)`; `1.5 (b/d)` -> `1.5(b)`, `1.5(d)`.
fn reasons_of(text: &str) -> Vec<String> {
    let b = text.as_bytes();
    let mut out = Vec::new();
    let mut section: Option<String> = None;
    let mut letters = 0;
    let mut i = 0;
    while i < b.len() {
        if b[i].is_ascii_digit() && i + 2 < b.len() && b[i + 1] == b'.' && b[i + 2].is_ascii_digit()
        {
            if let Some(s) = section.take().filter(|_| letters == 0) {
                out.push(s);
            }
            let end = i + 2 + b[i + 2..].iter().take_while(|c| c.is_ascii_digit()).count();
            section = Some(text[i..end].to_string());
            letters = 0;
            i = end;
            continue;
        }
        let alone = |k: usize| k >= b.len() || !b[k].is_ascii_alphanumeric();
        if b[i].is_ascii_alphabetic()
            && (i == 0 || !b[i - 1].is_ascii_alphanumeric())
            && alone(i + 1)
        {
            let c = b[i].to_ascii_lowercase();
            if let (Some(s), b'a'..=b'h') = (&section, c) {
                out.push(format!("{s}({})", c as char));
                letters += 1;
            }
        }
        i += 1;
    }
    if let Some(s) = section.filter(|_| letters == 0) {
        out.push(s);
    }
    out
}

/// Finds `WORD:` ... `END WORD` blocks (`BEGIN WORD` too) in the paragraphs.
/// `at_line_start`: the opening word must start its line (after number and marking).
///
/// Every look around an occurrence is bounded (`WINDOW` bytes) and every search runs
/// once over the text, so the time stays linear however many openings never close.
fn find_blocks(
    text: &str,
    upper: &str,
    paragraphs: &[Paragraph],
    page_breaks: &[PageBreak],
    word: &str,
    at_line_start: bool,
) -> Vec<Block> {
    const WINDOW: usize = 48;
    let Some(first) = paragraphs.first() else {
        return Vec::new();
    };
    let region_start = first.span.start;
    let region = &text[region_start..region_start + upper.len()];
    let end_word = format!("END {word}");
    let ends: Vec<usize> = memmem::find_iter(upper.as_bytes(), &end_word).collect();
    let mut blocks = Vec::new();
    let (mut from, mut line_start, mut scanned) = (0, 0, 0);
    for i in memmem::find_iter(upper.as_bytes(), word) {
        if i < from {
            continue;
        }
        if let Some(nl) = upper[scanned..i].rfind('\n') {
            line_start = scanned + nl + 1;
        }
        scanned = i;
        let before = &upper[..i];
        let after_all = &upper[i + word.len()..];
        let after = after_all.chars().next();
        let glued = |c: Option<char>| c.is_some_and(|c| c.is_ascii_alphanumeric());
        if before.ends_with("END ")
            || before.ends_with("END OF ")
            || glued(after)
            || glued(before.chars().next_back())
        {
            continue;
        }
        let prefix = &upper[line_start..i];
        let prefix_ok = prefix.len() <= WINDOW
            && prefix
                .trim_matches(|c: char| {
                    c.is_whitespace()
                        || c.is_ascii_digit()
                        || "¶.-(/)".contains(c)
                        || c.is_ascii_uppercase()
                })
                .is_empty();
        let ahead = window(after_all, WINDOW);
        let colon = ahead.trim_start().starts_with(':');
        let begin = window_back(before, 16).trim_end().ends_with("BEGIN");
        let line_rest = match ahead.find('\n') {
            Some(n) => Some(&ahead[..n]),
            None if ahead.len() == after_all.len() => Some(ahead),
            None => None,
        };
        let heading_line = prefix.len() <= WINDOW
            && prefix.trim().is_empty()
            && line_rest.is_some_and(|r| {
                r.trim_matches(|c: char| c == '-' || c == '.' || c.is_whitespace())
                    .is_empty()
            });
        let opens = if at_line_start {
            (prefix_ok && (colon || after == Some('.') || heading_line)) || begin
        } else {
            colon || begin || heading_line
        };
        if !opens {
            continue;
        }
        let open_at = if begin {
            before.trim_end().len() - "BEGIN".len()
        } else {
            i
        };
        let body_start = i + word.len() + after_all.len()
            - after_all
                .trim_start_matches([':', '.', '-', ' ', '\t'])
                .len();
        let abs = region_start + i;
        let para_end = match paragraphs.partition_point(|p| p.span.start <= abs) {
            0 => region.len(),
            n if abs < paragraphs[n - 1].span.end => paragraphs[n - 1].span.end - region_start,
            _ => region.len(),
        };
        // A block opened by `WORD:`, `BEGIN WORD` or a heading may run on into later
        // paragraphs until `END WORD`; otherwise it ends with its paragraph.
        let next_end = ends.get(ends.partition_point(|&e| e < body_start)).copied();
        let (close_at, close_end) = match next_end {
            Some(e) if heading_line || e <= para_end.max(body_start) || begin || colon => {
                let mut end = e + end_word.len();
                end += upper[end..].len() - upper[end..].trim_start_matches(['.', ' ', ':']).len();
                (e, end)
            }
            _ => (para_end.max(body_start), para_end.max(body_start)),
        };
        let (abs_from, abs_to) = (
            region_start + body_start,
            region_start + close_at.max(body_start),
        );
        let mut content = String::new();
        let mut pos = abs_from;
        let first_break = page_breaks.partition_point(|pb| pb.span.start < abs_from);
        for pb in page_breaks[first_break..]
            .iter()
            .take_while(|pb| pb.span.end <= abs_to)
        {
            content.push_str(&text[pos..pb.span.start]);
            content.push(' ');
            pos = pb.span.end;
        }
        content.push_str(&text[pos..abs_to.max(pos)]);
        let content = collapse(&content.replace('¶', ""));
        let end = region_start
            + region[..crate::containers::floor_char_boundary(region, close_end)]
                .trim_end()
                .len();
        blocks.push(Block {
            text: content.trim_end_matches([' ', '-']).to_string(),
            span: Span::new(region_start + open_at, end.max(region_start + open_at)),
        });
        from = close_end.max(from);
    }
    blocks
}

/// The text from the first paragraph to the end of the last, upper-cased (ASCII), where
/// [`find_blocks`] looks for its words.
fn upper_region(text: &str, paragraphs: &[Paragraph]) -> String {
    match (paragraphs.first(), paragraphs.last()) {
        (Some(first), Some(last)) => {
            text[first.span.start..last.span.end.max(first.span.start)].to_ascii_uppercase()
        }
        _ => String::new(),
    }
}

/// At most `n` bytes from the start of `s`, cut on a character boundary.
fn window(s: &str, n: usize) -> &str {
    &s[..crate::containers::floor_char_boundary(s, n)]
}

/// At most `n` bytes from the end of `s`, cut on a character boundary.
fn window_back(s: &str, n: usize) -> &str {
    let mut start = s.len().saturating_sub(n);
    while !s.is_char_boundary(start) {
        start += 1;
    }
    &s[start..]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags_go_on_only_on_lines_of_tags() {
        assert_eq!(tags_continue("QA, AE "), Some(("QA, AE ", None)));
        assert_eq!(
            tags_continue("TIP SUBJECT: BRAZIL"),
            Some(("TIP ", Some("BRAZIL")))
        );
        for line in [
            "BEGIN SUMMARY",
            "SUMMARY",
            "(C)",
            "REF STATE 1234",
            "PASS TO USTR",
            "Dept",
        ] {
            assert_eq!(tags_continue(line), None, "{line}");
        }
    }

    #[test]
    fn a_parenthesised_phrase_is_not_a_marking() {
        assert!(is_parenthesised("(HERE NOTHING IS EASY) "));
        for line in ["(U)", "(C) TEXT (C)", "()", "(A)(B C)"] {
            assert!(!is_parenthesised(line), "{line}");
        }
    }

    #[test]
    fn reasons_in_their_spellings() {
        assert_eq!(reasons_of("reasons 1.4 (b) and (d)"), ["1.4(b)", "1.4(d)"]);
        assert_eq!(reasons_of("Reasons 1.4 (b/d)"), ["1.4(b)", "1.4(d)"]);
        assert_eq!(reasons_of("Reason 1.5 (b) (d)"), ["1.5(b)", "1.5(d)"]);
        assert_eq!(reasons_of("reasons 1.4(b) and ( d)."), ["1.4(b)", "1.4(d)"]);
        assert_eq!(reasons_of("reason 1.4"), ["1.4"]);
    }

    #[test]
    fn classified_by_splits_who_and_why() {
        let c = classified_by(
            ": Political M/C George Glass for reasons 1.4 (b/d)",
            Span::default(),
        );
        assert_eq!(c.by, "Political M/C George Glass");
        assert_eq!(c.reasons, ["1.4(b)", "1.4(d)"]);
    }

    #[test]
    fn ref_labels_split_in_order() {
        let items = split_labels("A. STATE 1 B. STATE 2");
        let labels: Vec<_> = items
            .iter()
            .map(|i| i.0.as_ref().map(|l| l.0.clone()))
            .collect();
        assert_eq!(labels, [Some("A".into()), Some("B".into())]);
        assert_eq!(split_labels("BEIRUT 992").len(), 1);
    }

    #[test]
    fn markings_normalise() {
        assert_eq!(
            classification_of("C O N F I D E N T I A L"),
            Classification::Confidential
        );
        assert_eq!(classification_of("S e c r e t"), Classification::Secret);
        assert_eq!(classification_of("UNCLAS"), Classification::Unclassified);
        assert_eq!(classification_of("TOP SECRET"), Classification::TopSecret);
    }
}
