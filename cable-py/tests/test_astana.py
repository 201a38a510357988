"""Facts a reader can check by eye in 09ASTANA1145, read through the Python classes."""

from __future__ import annotations

import subprocess
import sys

import cable
from conftest import ASTANA, REPO

import pytest


@pytest.fixture(scope="module")
def c() -> cable.Cable:
    return cable.parse_file(ASTANA)


def test_the_issue_one_liner_runs_from_the_repo_root() -> None:
    code = "import cable; c = cable.parse_file('examples/09ASTANA1145.txt'); print(c.body.subject.text)"
    out = subprocess.run([sys.executable, "-c", code], cwd=REPO, check=True, capture_output=True, text=True)
    assert out.stdout == "KAZAKHSTAN: RBK CUSTOMS UNION, WTO, AND THE WAY FORWARD\n"


def test_metadata(c: cable.Cable) -> None:
    assert c.container == cable.Container.TextExport
    assert c.container.value == "text_export"
    assert c.id == "09ASTANA1145"
    # The date-time group `P 091056Z JUL 09`, in UTC.
    assert c.sent == "2009-07-09T10:56:00Z"
    m = c.metadata
    assert m is not None
    assert m.reference_id == "09ASTANA1145"
    assert m.date == "2009-07-09T00:00:00+02:00"
    assert m.classification == "UNCLASSIFIED//FOR OFFICIAL USE ONLY"
    assert m.origin == "Embassy Astana"
    assert c.partial is False
    assert c.diagnostics == []


def test_header(c: cable.Cable) -> None:
    h = c.header
    assert h is not None
    assert h.transmission_id == "VZCZCXRO8970"
    assert h.routing is not None and h.routing.precedence == "PP" and len(h.routing.stations) == 24
    assert h.routing.stations[0] == "RUEHAG"
    assert h.de is not None
    assert (h.de.station, h.de.sequence, h.de.part, h.de.julian_day) == ("RUEHTA", "1145", "01", 190)
    assert h.security == "ZNR UUUUU ZZH"
    assert h.precedence == "P"
    assert h.dtg is not None and h.dtg.timestamp == "2009-07-09T10:56:00Z"
    assert h.from_ == "AMEMBASSY ASTANA" == getattr(h, "from")
    assert len(h.to) == 1
    to = h.to[0]
    assert (to.route, to.name, to.precedence, to.mcn, to.excluded) == ("RUEHC", "SECSTATE WASHDC", "PRIORITY", "5752", [])
    assert to.precedence_level == cable.Precedence.Priority and to.precedence_level.value == "priority"
    # RUEHC in the ACP 117 list of routing indicators (../shared/data/route2name.csv).
    assert to.route_name == "DEPT OF STATE WASHINGTON DC"
    assert c.header is not None and c.header.to[0].mcn == "5752"
    assert len(h.info) == 19
    assert (h.info[1].route, h.info[1].name, h.info[1].mcn) == ("RUCNCIS", "CIS COLLECTIVE", "1716")
    assert h.info[-1].name == "USMISSION USUN NEW YORK" and h.info[-1].mcn == "2361"
    assert all(r.precedence == "PRIORITY" for r in h.info)
    assert all(r.precedence_level == cable.Precedence.Priority for r in h.info)
    assert h.unparsed == []


def test_body(c: cable.Cable) -> None:
    b = c.body
    assert b is not None
    assert b.banner is not None
    assert b.banner.marking == "UNCLAS"
    assert b.banner.classification == cable.Classification.Unclassified
    assert b.banner.section is not None and (b.banner.section.number, b.banner.section.of) == (1, 2)
    assert (b.banner.station, b.banner.station_code, b.banner.serial) == ("ASTANA", "ASTANA", "001145")
    assert b.prelude == []
    assert b.caveats == ["SENSITIVE", "SIPDIS"]
    assert b.addressees == ["STATE FOR SCA/CEN, EEB", "PLEASE PASS TO USTR"]
    eo = b.executive_order
    assert eo is not None and eo.declassify is not None
    assert (eo.order, eo.raw) == ("12958", "E.O. 12958: N/A")
    d = eo.declassify
    assert (d.raw, d.kind, d.date, d.codes) == ("N/A", cable.DeclassifyKind.NotApplicable, None, [])
    assert [t.code for t in b.tags] == ["PGOV", "PREL", "ECON", "ETRD", "WTRO", "RS", "BO", "KZ"]
    assert [t.text for t in b.tags] == [t.code for t in b.tags]
    assert [t.kind for t in b.tags] == [cable.TagKind.Subject] * 5 + [cable.TagKind.Country] * 3
    assert all(t.person is None for t in b.tags)
    assert b.subject is not None
    assert b.subject.text == "KAZAKHSTAN: RBK CUSTOMS UNION, WTO, AND THE WAY FORWARD"
    assert b.subject.marking is None
    assert [(r.label, r.text, r.kind, r.notal, r.year, r.station, r.serial, r.cited_id) for r in b.references] == [
        ("A", "ASTANA 1018", cable.ReferenceKind.Cable, False, 2009, "ASTANA", 1018, "09ASTANA1018"),
        ("B", "ASTANA 1005", cable.ReferenceKind.Cable, False, 2009, "ASTANA", 1005, "09ASTANA1005"),
        ("C", "ASTANA 0830", cable.ReferenceKind.Cable, False, 2009, "ASTANA", 830, "09ASTANA830"),
    ]
    # All three are in ../shared/data/cablegate-ids.txt.gz.
    assert [r.in_release for r in b.references] == [True, True, True]
    assert b.classified_by is None
    assert [p.number for p in b.paragraphs] == list(range(1, 9))
    assert [p.marking for p in b.paragraphs] == ["U"] + ["SBU"] * 7
    assert b.paragraphs[0].text.startswith("Sensitive but unclassified.")
    assert "\n2011." in b.paragraphs[5].text
    assert b.paragraphs[3].heading == "A DESIRE FOR REGIONAL INTEGRATION AND GLOBALIZATION"
    assert [p.text for p in b.page_breaks] == ["ASTANA 00001145 002 OF 002"]
    assert b.summary is not None and b.summary.text.startswith("On July 9, Kazakhstan's WTO negotiator")
    assert b.signature is not None and b.signature.name == "HOAGLAND"
    assert b.trailers == []  # the file ends with the signature


def test_spans_slice_the_document_text(c: cable.Cable) -> None:
    data = ASTANA.read_bytes()
    assert c.body is not None
    p1 = c.body.paragraphs[0].span
    assert data[p1.start : p1.end].decode("utf-8").startswith("¶1.  (U) Sensitive")
    assert (c.span.start, c.span.end) == (0, len(data))

    def text(span: cable.Span) -> str:
        return data[span.start : span.end].decode("utf-8")

    b = c.body
    assert b.subject is not None and b.signature is not None and b.executive_order is not None
    assert text(b.subject.span) == "SUBJECT:  KAZAKHSTAN:  RBK CUSTOMS UNION, WTO, AND THE WAY \nFORWARD"
    assert text(b.signature.span) == "HOAGLAND"
    assert [text(t.span) for t in b.tags] == ["PGOV", "PREL", "ECON", "ETRD", "WTRO", "RS", "BO", "KZ"]
    assert b.executive_order.declassify is not None and text(b.executive_order.declassify.span) == "N/A"
    assert text(b.references[0].span) == "A. ASTANA 1018"
