"""The Python surface: classes, repr, equality, enums, docs, the notebook card."""

from __future__ import annotations

import pydoc

import cable
from conftest import ASTANA, CORPUS

import pytest

NODE_CLASSES = [
    cable.Cable, cable.Metadata, cable.Header, cable.Routing, cable.De, cable.Dtg, cable.Recipient,
    cable.Distribution, cable.PageBreak, cable.Unparsed, cable.Body, cable.Banner, cable.Section,
    cable.ExecutiveOrder, cable.Reference, cable.ClassifiedBy, cable.Paragraph, cable.Block,
    cable.Diagnostic, cable.Span,
]
ENUMS = [cable.Container, cable.Classification, cable.Severity]


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
    for cls in NODE_CLASSES:
        assert cls.to_json.__doc__ and cls.to_dict.__doc__ and cls.from_json.__doc__


def test_repr_is_short_and_useful() -> None:
    c = cable.parse_file(ASTANA)
    r = repr(c)
    assert r.startswith("Cable(reference_id='09ASTANA1145', container='text_export', subject='KAZAKHSTAN: RBK")
    assert "paragraphs=8" in r and len(r) < 400
    assert c.header is not None and c.body is not None
    assert repr(c.header.to[0]) == (
        "Recipient(route='RUEHC', name='SECSTATE WASHDC', precedence='PRIORITY', mcn='5752', excluded=[], "
        f"span=Span({c.header.to[0].span.start}, {c.header.to[0].span.end}))"
    )
    body = repr(c.body)
    assert body.startswith("Body(") and "banner=Banner(...), caveats=['SENSITIVE', 'SIPDIS']," in body
    assert "paragraphs=[<8 items>]" in body and len(body) < 1000
    long_text = repr(c.body.paragraphs[1])
    assert "..." in long_text and len(long_text) < 300
    assert repr(cable.Container.HtmlPre) == "Container.HtmlPre"


def test_equality_and_hash() -> None:
    a, b = cable.parse_file(ASTANA), cable.parse_file(ASTANA)
    assert a == b and a is not b
    assert a != cable.parse("UNCLAS STATE 000001\n")
    assert a.header is not None and b.header is not None
    assert a.header.to[0] == b.header.to[0]
    assert a.span == b.span and hash(a.span) == hash(b.span)
    assert {cable.Severity.Error, cable.Severity.Error} == {cable.Severity.Error}
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


def test_node_json_round_trip() -> None:
    c = cable.parse_file(ASTANA)
    assert c.header is not None
    r = c.header.to[0]
    assert cable.Recipient.from_json(r.to_json()) == r
    assert r.to_dict() == {"route": "RUEHC", "name": "SECSTATE WASHDC", "precedence": "PRIORITY", "mcn": "5752",
                           "excluded": [], "span": {"start": r.span.start, "end": r.span.end}}
    with pytest.raises(ValueError, match="not a Recipient"):
        cable.Recipient.from_json('{"name": 1}')


def test_html_card() -> None:
    c = cable.parse_file(ASTANA)
    html = c._repr_html_()
    for fact in ["09ASTANA1145", "KAZAKHSTAN: RBK CUSTOMS UNION, WTO, AND THE WAY FORWARD", "2009-07-09",
                 "Embassy Astana", "UNCLASSIFIED//FOR OFFICIAL USE ONLY", "PGOV", "KZ", "09ASTANA1018",
                 "8 paragraphs", "Sensitive but unclassified."]:
        assert fact in html, fact
    assert html.startswith("<div") and html.endswith("</div>")
    # Text is escaped.
    assert "<script>" not in cable.parse("UNCLAS STATE 000001\nSUBJECT: <script>\n\n1. X\n")._repr_html_()
    empty = next(c for c in map(cable.parse_file, sorted(CORPUS.glob("*/*"))) if c.body is None)
    assert "no cable text" in empty._repr_html_()


def test_year_resolves_the_references_of_a_pre_block() -> None:
    pre = "<pre>UNCLAS BERLIN 001767\n\nREF: A. BERLIN 1398\n\n1. (U) TEXT.\n</pre>"
    assert cable.parse(pre).body.references[0].cable_id is None
    for parse in (
        lambda: cable.parse(pre, year=2007),
        lambda: cable.parse_bytes(pre.encode(), year=2007),
        lambda: cable.parse_many([pre], year=2007)[0],
    ):
        assert parse().body.references[0].cable_id == "07BERLIN1398"
    # A date in the text comes first: the metadata of a text export says 2009.
    assert cable.parse_file(ASTANA, year=1990).body.references[0].cable_id == "09ASTANA1018"
    with pytest.raises(TypeError):
        cable.parse(pre, year="2007")  # type: ignore[arg-type]
