"""The Python surface: classes, repr, equality, enums, docs, the notebook card."""

from __future__ import annotations

import json
import pydoc

import cable
from conftest import ASTANA, CORPUS

import pytest

NODE_CLASSES = [
    cable.Cable, cable.Metadata, cable.Header, cable.Routing, cable.De, cable.Dtg, cable.Recipient,
    cable.Distribution, cable.PageBreak, cable.Unparsed, cable.Body, cable.Banner, cable.Section,
    cable.ExecutiveOrder, cable.Declassify, cable.Tag, cable.Subject, cable.Signature, cable.Trailer,
    cable.Reference, cable.ClassifiedBy, cable.Paragraph, cable.Block, cable.Diagnostic, cable.Span,
]
ENUMS = [
    cable.Container, cable.Classification, cable.Severity, cable.DeclassifyKind, cable.TagKind, cable.Precedence,
    cable.ReferenceKind,
]


def test_every_type_of_the_schema_is_a_class() -> None:
    schema = json.loads(cable.json_schema())
    names = {schema["title"], *schema["$defs"]}
    assert names == {cls.__name__ for cls in NODE_CLASSES + ENUMS}
    for name in names:
        assert name in cable.__all__, name
        assert getattr(cable, name).__doc__, name


def test_classes_live_in_the_cable_module() -> None:
    for cls in NODE_CLASSES + ENUMS + [cable.CsvRowError, cable.CsvReader]:
        assert cls.__module__ == "cable", cls
        assert getattr(cable, cls.__name__) is cls


def test_version() -> None:
    assert isinstance(cable.__version__, str) and cable.__version__.count(".") == 2


def test_docstrings_on_every_public_function_and_class() -> None:
    for name in cable.__all__:
        obj = getattr(cable, name)
        if callable(obj):
            assert obj.__doc__ and len(obj.__doc__.strip()) > 10, name
    text = pydoc.render_doc(cable.parse, renderer=pydoc.plaintext)
    assert "strict" in text and "ParseError" in text
    recipient = pydoc.render_doc(cable.Recipient, renderer=pydoc.plaintext)
    assert "message control number" in recipient  # the Rust field docs
    tag = pydoc.render_doc(cable.Tag, renderer=pydoc.plaintext)
    assert "canonical form" in tag and "For a person tag" in tag
    assert cable.TagKind.__doc__ and "What a tag names" in cable.TagKind.__doc__
    assert cable.Subject.marking.__doc__ and "marking" in cable.Subject.marking.__doc__
    for cls in NODE_CLASSES:
        assert cls.to_json.__doc__ and cls.to_dict.__doc__ and cls.from_json.__doc__


def test_repr_is_short_and_useful() -> None:
    c = cable.parse_file(ASTANA)
    r = repr(c)
    assert r.startswith("Cable(id='09ASTANA1145', container='text_export', subject='KAZAKHSTAN: RBK")
    assert "paragraphs=8" in r and len(r) < 400
    assert c.header is not None and c.body is not None
    assert repr(c.header.to[0]) == (
        "Recipient(route='RUEHC', name='SECSTATE WASHDC', route_name='DEPT OF STATE WASHINGTON DC', "
        "precedence='PRIORITY', precedence_level='priority', mcn='5752', excluded=[], "
        f"span=Span({c.header.to[0].span.start}, {c.header.to[0].span.end}))"
    )
    body = repr(c.body)
    assert body.startswith("Body(") and "banner=Banner(...), caveats=['SENSITIVE', 'SIPDIS']," in body
    assert "tags=[<8 items>]" in body and "subject=Subject(...)" in body and "signature=Signature(...)" in body
    assert "paragraphs=[<8 items>]" in body and "trailers=[]" in body and len(body) < 1000
    tag = c.body.tags[0]
    assert repr(tag) == f"Tag(text='PGOV', code='PGOV', kind='subject', person=None, span=Span({tag.span.start}, {tag.span.end}))"
    assert c.body.signature is not None
    assert repr(c.body.signature).startswith("Signature(name='HOAGLAND', span=Span(")
    assert c.body.executive_order is not None
    assert repr(c.body.executive_order).startswith("ExecutiveOrder(order='12958', declassify=Declassify(...), raw=")
    long_text = repr(c.body.paragraphs[1])
    assert "..." in long_text and len(long_text) < 300
    assert repr(cable.Container.HtmlPre) == "Container.HtmlPre"
    assert repr(cable.TagKind.Organisation) == "TagKind.Organisation"


def test_equality_and_hash() -> None:
    a, b = cable.parse_file(ASTANA), cable.parse_file(ASTANA)
    assert a == b and a is not b
    assert a != cable.parse("UNCLAS STATE 000001\n")
    assert a.header is not None and b.header is not None
    assert a.header.to[0] == b.header.to[0]
    assert a.span == b.span and hash(a.span) == hash(b.span)
    assert {cable.Severity.Error, cable.Severity.Error} == {cable.Severity.Error}
    assert len({cable.TagKind.Country, cable.TagKind.Country, cable.TagKind.Subject}) == 2
    assert a.body is not None and b.body is not None
    assert a.body.tags == b.body.tags and a.body.tags[0] != a.body.tags[1]
    assert a.body.subject == b.body.subject and a.body.signature == b.body.signature
    assert cable.Container.CsvRow == cable.Container.CsvRow != cable.Container.HtmlPre


def test_nodes_are_frozen() -> None:
    c = cable.parse_file(ASTANA)
    with pytest.raises(AttributeError):
        c.partial = True  # type: ignore[misc]


def test_enums() -> None:
    assert [c.value for c in (cable.Container.TextExport, cable.Container.HtmlPage, cable.Container.HtmlPre,
                               cable.Container.CsvRow, cable.Container.BareText)] == [
        "text_export", "html_page", "html_pre", "csv_row", "bare_text"]
    assert str(cable.Classification.TopSecret) == "top_secret"
    assert cable.Severity.Warning.value == "warning"
    assert [k.value for k in (cable.TagKind.Subject, cable.TagKind.Country, cable.TagKind.Organisation,
                              cable.TagKind.Program, cable.TagKind.Person, cable.TagKind.Other)] == [
        "subject", "country", "organisation", "program", "person", "other"]
    assert [k.value for k in (cable.DeclassifyKind.Date, cable.DeclassifyKind.NotApplicable,
                              cable.DeclassifyKind.Code, cable.DeclassifyKind.Event)] == [
        "date", "not_applicable", "code", "event"]
    assert [p.value for p in (cable.Precedence.Flash, cable.Precedence.NiactImmediate, cable.Precedence.Immediate,
                              cable.Precedence.Priority, cable.Precedence.Routine)] == [
        "flash", "niact_immediate", "immediate", "priority", "routine"]
    assert [k.value for k in (cable.ReferenceKind.Cable, cable.ReferenceKind.Email, cable.ReferenceKind.Telcon,
                              cable.ReferenceKind.Memcon, cable.ReferenceKind.Letter, cable.ReferenceKind.Meeting,
                              cable.ReferenceKind.Report, cable.ReferenceKind.Other)] == [
        "cable", "email", "telcon", "memcon", "letter", "meeting", "report", "other"]
    assert str(cable.Precedence.NiactImmediate) == "niact_immediate"
    # Every enum's values are the names of its schema definition, in order.
    defs = json.loads(cable.json_schema())["$defs"]
    for enum in ENUMS:
        variants = [v["const"] for v in defs[enum.__name__]["oneOf"]]
        members = [getattr(enum, "".join(w.capitalize() for w in v.split("_"))) for v in variants]
        assert [m.value for m in members] == variants, enum


def test_node_json_round_trip() -> None:
    c = cable.parse_file(ASTANA)
    assert c.header is not None
    r = c.header.to[0]
    assert cable.Recipient.from_json(r.to_json()) == r
    assert r.to_dict() == {"route": "RUEHC", "name": "SECSTATE WASHDC", "route_name": "DEPT OF STATE WASHINGTON DC",
                           "precedence": "PRIORITY", "precedence_level": "priority", "mcn": "5752",
                           "excluded": [], "span": {"start": r.span.start, "end": r.span.end}}
    with pytest.raises(ValueError, match="not a Recipient"):
        cable.Recipient.from_json('{"name": 1}')
    b = c.body
    assert b is not None and b.subject is not None and b.signature is not None and b.executive_order is not None
    tag = b.tags[-1]
    assert tag.to_dict() == {"text": "KZ", "code": "KZ", "kind": "country", "person": None,
                             "span": {"start": tag.span.start, "end": tag.span.end}}
    assert b.subject.to_dict() == {"text": "KAZAKHSTAN: RBK CUSTOMS UNION, WTO, AND THE WAY FORWARD", "marking": None,
                                   "span": {"start": b.subject.span.start, "end": b.subject.span.end}}
    assert b.signature.to_dict() == {"name": "HOAGLAND", "span": {"start": b.signature.span.start,
                                                                  "end": b.signature.span.end}}
    declassify = b.executive_order.declassify
    assert declassify is not None
    assert declassify.to_dict() == {"raw": "N/A", "kind": "not_applicable", "date": None, "codes": [],
                                    "span": {"start": declassify.span.start, "end": declassify.span.end}}
    assert b.references[0].to_dict()["kind"] == "cable" and b.references[0].to_dict()["in_release"] is True
    # Every node: to_dict() is the JSON, and from_json() reads it back.
    for node in [tag, b.subject, b.signature, declassify, b.executive_order, b.references[0], b.banner, r]:
        assert node is not None
        assert node.to_dict() == json.loads(node.to_json())
        assert type(node).from_json(node.to_json()) == node
    with pytest.raises(ValueError, match="not a Tag"):
        cable.Tag.from_json('{"text": "PGOV"}')
    trailer = cable.parse_file(CORPUS / "cablegate-txt" / "09ANKARA1725.txt").body.trailers[0]
    assert cable.Trailer.from_json(trailer.to_json()) == trailer


def test_html_card() -> None:
    c = cable.parse_file(ASTANA)
    html = c._repr_html_()
    for fact in ["09ASTANA1145", "KAZAKHSTAN: RBK CUSTOMS UNION, WTO, AND THE WAY FORWARD", "2009-07-09T10:56:00Z",
                 "091056Z JUL 09",
                 "Embassy Astana", "UNCLASSIFIED//FOR OFFICIAL USE ONLY", "PGOV", "KZ", "09ASTANA1018",
                 "8 paragraphs", "Sensitive but unclassified.", "HOAGLAND"]:
        assert fact in html, fact
    assert html.startswith("<div") and html.endswith("</div>")
    # Text is escaped.
    assert "<script>" not in cable.parse("UNCLAS STATE 000001\nSUBJECT: <script>\n\n1. X\n")._repr_html_()
    empty = next(c for c in map(cable.parse_file, sorted(CORPUS.glob("*/*"))) if c.body is None)
    assert "no cable text" in empty._repr_html_()


def test_year_resolves_the_references_of_a_pre_block() -> None:
    pre = "<pre>UNCLAS BERLIN 001767\n\nREF: A. BERLIN 1398\n\n1. (U) TEXT.\n</pre>"
    assert cable.parse(pre).body.references[0].cited_id is None
    for parse in (
        lambda: cable.parse(pre, year=2007),
        lambda: cable.parse_bytes(pre.encode(), year=2007),
        lambda: cable.parse_many([pre], year=2007)[0],
    ):
        assert parse().body.references[0].cited_id == "07BERLIN1398"
    # A date in the text comes first: the metadata of a text export says 2009.
    assert cable.parse_file(ASTANA, year=1990).body.references[0].cited_id == "09ASTANA1018"
    with pytest.raises(TypeError):
        cable.parse(pre, year="2007")  # type: ignore[arg-type]


def test_year_is_the_year_the_cable_was_sent() -> None:
    c = cable.parse_file(ASTANA)
    assert (c.sent, c.year) == ("2009-07-09T10:56:00Z", 2009)
    # A <pre> block has no date: the year its id (here, its file name) begins with.
    pre = cable.parse("<pre>UNCLAS BERLIN 001767\n</pre>", file_name="85BERLIN1767.html")
    assert (pre.sent, pre.id, pre.year) == (None, "85BERLIN1767", 1985)
    assert cable.parse("UNCLAS BERLIN 001767\n").year is None
