"""The parts of the tree 09ASTANA1145 does not show, read by eye in corpus cables:
classified cables, subject markings, person tags, NOTAL and non-cable references,
trailers, precedence typos, declassification events, ids from file names."""

from __future__ import annotations

import cable
from conftest import CORPUS

TXT = CORPUS / "cablegate-txt"
PRE = CORPUS / "cablegate-html"
PAGE = CORPUS / "cablegate-page"


def _slice(data: bytes, span: cable.Span) -> str:
    return data[span.start : span.end].decode("utf-8")


def test_a_secret_text_export() -> None:
    """09ANKARA1725: banner, DECL date, tags of four kinds, an e-mail among the REFs,
    `Classified By:`, a signer in mixed case and two footer lines after it."""
    path = TXT / "09ANKARA1725.txt"
    c = cable.parse_file(path)
    data = path.read_bytes()
    assert (c.id, c.sent) == ("09ANKARA1725", "2009-12-04T11:40:00Z")  # P 041140Z DEC 09
    assert c.header is not None and c.body is not None
    assert [(r.name, r.precedence_level) for r in c.header.to + c.header.info] == [
        ("SECSTATE WASHDC", cable.Precedence.Priority),
        ("TREASURY DEPT WASHDC", cable.Precedence.Priority),
    ]
    b = c.body
    assert b.banner is not None
    assert (b.banner.marking, b.banner.classification, b.banner.section) == ("S E C R E T", cable.Classification.Secret, None)
    assert (b.banner.station, b.banner.station_code, b.banner.serial) == ("ANKARA", "ANKARA", "001725")

    eo = b.executive_order
    assert eo is not None and eo.declassify is not None
    assert (eo.order, eo.raw) == ("12958", "E.O. 12958: DECL: 10/30/2019")
    d = eo.declassify
    assert (d.raw, d.kind, d.date, d.codes) == ("10/30/2019", cable.DeclassifyKind.Date, "2019-10-30", [])
    assert _slice(data, d.span) == "10/30/2019"

    K = cable.TagKind
    assert [(t.code, t.kind) for t in b.tags] == [
        ("EFIN", K.Subject), ("PTER", K.Subject), ("TU", K.Country), ("IR", K.Country), ("IS", K.Country),
        ("GZ", K.Country), ("KPAL", K.Program), ("ECON", K.Subject),
    ]
    assert b.subject is not None
    assert (b.subject.text, b.subject.marking) == ("TREASURY OFFICIAL ON FIGHT AGAINST TERRORIST FINANCING", None)

    R = cable.ReferenceKind
    assert [(r.label, r.text, r.kind, r.year, r.station, r.serial, r.cited_id, r.in_release) for r in b.references] == [
        ("A", "ANKARA 1521", R.Cable, 2009, "ANKARA", 1521, "09ANKARA1521", True),
        ("B", "BURDICK 10/16/09 EMAIL", R.Email, None, None, None, None, None),
        ("C", "ANKARA 430", R.Cable, 2009, "ANKARA", 430, "09ANKARA430", True),
        ("D", "STATE 108151", R.Cable, 2009, "STATE", 108151, "09STATE108151", True),
    ]
    assert not any(r.notal for r in b.references)

    cb = b.classified_by
    assert cb is not None
    assert (cb.by, cb.name, cb.title) == ("DCM Doug Silliman", "Doug Silliman", "DCM")
    assert cb.reasons == ["1.4(b)", "1.4(d)"]  # "for reasons 1.4(b and d)"
    assert cb.raw == "Classified By: DCM Doug Silliman for reasons 1.4(b and d)" == _slice(data, cb.span)

    assert b.signature is not None and b.signature.name == "Jeffrey" == _slice(data, b.signature.span)
    assert [t.text for t in b.trailers] == [
        "\"Visit Ankara's Classified Web Site at http://www.intelink.s",
        'gov.gov/wiki/Portal:Turkey"',
    ]
    assert [_slice(data, t.span) for t in b.trailers] == [t.text for t in b.trailers]


def test_a_pre_block_takes_its_id_from_the_file_name() -> None:
    """08ABUJA320 is a bare `<pre>` block: no metadata, no date-time group, no year of its
    own, so its id comes from the file's name (as `cable_core::parse_file` does)."""
    path = PRE / "08ABUJA320.html"
    text = path.read_text(encoding="utf-8")
    from_file = cable.parse_file(path)
    assert from_file.container == cable.Container.HtmlPre
    assert (from_file.id, from_file.sent) == ("08ABUJA320", None)
    assert [d.code for d in from_file.diagnostics] == ["id-from-file-name"]
    assert cable.parse(text, file_name="08ABUJA320.html") == from_file
    assert cable.parse_bytes(text.encode(), file_name="/some/dir/08ABUJA320.html") == from_file
    assert cable.parse(text, file_name=path.name) == cable.parse_file(str(path))

    bare = cable.parse(text)
    assert bare.id is None and bare.diagnostics == []
    assert cable.parse_file(path, id_from_file_name=False) == bare
    assert cable.parse(text, file_name="notes.html") == bare
    assert cable.parse_file(path, file_name="08ABUJA999.html").id == "08ABUJA999"

    b = from_file.body
    assert b is not None and b.banner is not None and b.subject is not None
    assert (b.banner.marking, b.banner.classification) == ("S E C R E T", cable.Classification.Secret)
    assert b.banner.section is not None and (b.banner.section.number, b.banner.section.of) == (1, 2)
    # SUBJECT: (S/NF) NIGERIA: KANO BUSINESSMAN ALLEGES YAR'ADUA / CORRUPTION
    assert (b.subject.text, b.subject.marking) == ("NIGERIA: KANO BUSINESSMAN ALLEGES YAR'ADUA CORRUPTION", "S/NF")
    assert b.executive_order is not None and b.executive_order.declassify is not None
    assert b.executive_order.declassify.date == "2033-02-18"  # DECL: 02/18/2033
    assert [(t.code, t.kind.value) for t in b.tags] == [
        ("PGOV", "subject"), ("PINR", "subject"), ("KCOR", "program"), ("NI", "country")]
    # REF: 07 ABUJA 2627 -- unlettered, with its own year.
    [ref] = b.references
    assert (ref.label, ref.year, ref.station, ref.serial, ref.cited_id) == (None, 2007, "ABUJA", 2627, "07ABUJA2627")
    assert b.signature is not None and b.signature.name == "SANDERS"


def test_a_person_tag() -> None:
    """09STATE78274: `TAGS OVIP (CLINTON, HILLARY), PGOV, PREL, KDEV, ECON, / NL, IS, SR`,
    after a publication's date line."""
    c = cable.parse_file(PRE / "09STATE78274.html")
    b = c.body
    assert b is not None
    assert b.prelude == ["Tuesday, 28 July 2009, 02:18"]
    person = b.tags[0]
    assert (person.text, person.kind, person.person) == ("OVIP (CLINTON, HILLARY)", cable.TagKind.Person, "CLINTON, HILLARY")
    assert [t.code for t in b.tags[1:]] == ["PGOV", "PREL", "KDEV", "ECON", "NL", "IS", "SR"]
    assert [t.kind.value for t in b.tags[1:]] == ["subject", "subject", "program", "subject", "country", "country", "country"]
    assert b.subject is not None and b.subject.marking == "U"
    assert b.subject.text == "Secretary Clinton\u2019s July 14 conversation with Dutch Foreign Minister Verhagen"
    assert c.id == "09STATE78274"


def test_notal_references_and_one_not_in_the_release() -> None:
    """04THEHAGUE1846: `REF: A. THE HAGUE 1796 (NOTAL)`, `B. THE HAGUE 1779 (NOTAL)`,
    `C. THE HAGUE 1660`; the last is not among the ids of ../shared/data/cablegate-ids.txt.gz."""
    c = cable.parse_file(PRE / "04THEHAGUE1846.html")
    assert c.body is not None
    assert [(r.label, r.notal, r.station, r.cited_id, r.in_release) for r in c.body.references] == [
        ("A", True, "THEHAGUE", "04THEHAGUE1796", True),
        ("B", True, "THEHAGUE", "04THEHAGUE1779", True),
        ("C", False, "THEHAGUE", "04THEHAGUE1660", False),
    ]


def test_precedence_typos_are_read() -> None:
    """08BRASILIA93: `TO SECSTATE WASHDC IMMEDIATE 0861` ... `INFO AMEMBASSY BUENOS AIRES PRIOITY`."""
    c = cable.parse_file(PAGE / "08BRASILIA93.html")
    assert c.header is not None
    to, info = c.header.to, c.header.info
    assert [(r.name, r.precedence, r.precedence_level) for r in to] == [
        ("SECSTATE WASHDC", "IMMEDIATE", cable.Precedence.Immediate),
        ("SECDEF WASHDC", "IMMEDIATE", cable.Precedence.Immediate),
    ]
    assert (info[0].name, info[0].precedence, info[0].precedence_level) == (
        "AMEMBASSY BUENOS AIRES", "PRIOITY", cable.Precedence.Priority)
    assert all(r.precedence_level == cable.Precedence.Priority for r in info)


def test_an_end_of_text_trailer_and_a_declassification_event() -> None:
    paramaribo = cable.parse_file(PRE / "05PARAMARIBO725.html").body
    assert paramaribo is not None and paramaribo.signature is not None
    assert paramaribo.signature.name == "BARNES"
    assert [t.text for t in paramaribo.trailers] == ["NNNN"]

    # EO 12958 DECL: TEN YEARS AFTER KOREAN UNIFICATION
    shenyang = cable.parse_file(PRE / "10SHENYANG5.html").body
    assert shenyang is not None and shenyang.executive_order is not None
    d = shenyang.executive_order.declassify
    assert d is not None
    assert (d.raw, d.kind, d.date, d.codes) == ("TEN YEARS AFTER KOREAN UNIFICATION", cable.DeclassifyKind.Event, None, [])
