"""A script using the public API, checked with `mypy --strict` by .ci/python.sh.

It also runs: `python cable-py/tests/typing_sample.py [FILE...]` prints a line per cable.
"""

from __future__ import annotations

import pickle
import sys
from pathlib import Path

import cable


def describe(c: cable.Cable) -> str:
    """One line about a cable, using attributes of several node types."""
    parts: list[str] = [c.id or "?", c.container.value]
    if c.header is not None:
        to: list[cable.Recipient] = c.header.to
        mcns = [r.mcn for r in to if r.mcn is not None]
        parts.append(f"to={len(to)} mcn={','.join(mcns)} from={c.header.from_}")
        if c.header.dtg is not None and c.header.dtg.timestamp is not None:
            parts.append(c.header.dtg.timestamp)
        levels: list[cable.Precedence] = [r.precedence_level for r in to if r.precedence_level is not None]
        parts.append(f"precedence={','.join(p.value for p in levels)}")
    parts.append(f"id={c.id} sent={c.sent}")
    body = c.body
    if body is not None:
        subject: cable.Subject | None = body.subject
        parts.append(subject.text if subject is not None else "")
        if subject is not None and subject.marking is not None:
            parts.append(f"({subject.marking})")
        tags: list[cable.Tag] = body.tags
        countries: list[str] = [t.code for t in tags if t.kind == cable.TagKind.Country]
        people: list[str] = [t.person for t in tags if t.person is not None]
        parts.append(f"countries={countries} people={people}")
        refs: list[str] = [r.cited_id for r in body.references if r.cited_id is not None]
        kinds: set[cable.ReferenceKindValue] = {r.kind.value for r in body.references}
        serials: list[int] = [r.serial for r in body.references if r.serial is not None]
        parts.append(f"refs={refs} kinds={sorted(kinds)} serials={serials}")
        eo = body.executive_order
        if eo is not None and eo.declassify is not None:
            declassify: cable.Declassify = eo.declassify
            if declassify.kind == cable.DeclassifyKind.Date:
                parts.append(f"decl={declassify.date}")
        if body.classified_by is not None:
            reasons: list[str] = body.classified_by.reasons
            parts.append(f"classified by {body.classified_by.name} ({body.classified_by.title}) {reasons}")
        numbers: list[int] = [p.number for p in body.paragraphs if p.number is not None]
        parts.append(f"paragraphs={len(numbers)}")
        signature: cable.Signature | None = body.signature
        trailers: list[cable.Trailer] = body.trailers
        parts.append(f"signed={signature.name if signature else None} trailers={len(trailers)}")
        if body.banner is not None and body.banner.classification == cable.Classification.Unclassified:
            parts.append("unclassified")
            station: str | None = body.banner.station_code
            parts.append(station or "")
    warnings = [d for d in c.diagnostics if d.severity != cable.Severity.Info]
    span: cable.Span = c.span
    parts.append(f"warnings={len(warnings)} bytes={span.end - span.start}")
    return " | ".join(parts)


def roundtrip(c: cable.Cable) -> bool:
    """JSON, dict and pickle views of one tree agree."""
    d: cable.CableDict = c.to_dict()
    again = cable.Cable.from_json(c.to_json())
    copied: cable.Cable = pickle.loads(pickle.dumps(c))
    same = d["container"] == c.container.value and d["id"] == c.id and again == c and copied == c
    body = d["body"]
    if body is not None and c.body is not None:
        tag_dicts: list[cable.TagDict] = body["tags"]
        same = same and [t["code"] for t in tag_dicts] == [t.code for t in c.body.tags]
        subject: cable.SubjectDict | None = body["subject"]
        if subject is not None and c.body.subject is not None:
            same = same and subject == c.body.subject.to_dict()
    return same


def main(paths: list[str]) -> int:
    texts = [Path(p).read_text(encoding="utf-8") for p in paths]
    cables: list[cable.Cable] = cable.parse_many(texts, threads=2, file_names=[Path(p).name for p in paths])
    for p in paths:
        assert cable.parse_file(p, id_from_file_name=True) == cable.parse(Path(p).read_text(encoding="utf-8"), file_name=p)
    for c in cables:
        print(describe(c), roundtrip(c))
    try:
        cable.parse("", strict=True, container="bare_text")
    except cable.ParseError as err:
        line: int | None = err.line
        print("strict:", line, err.column, err.expected)
    try:
        cable.parse_bytes(b"UNCLAS \xff")
    except cable.ParseError as err:
        print("bytes:", err.offset)
    for item in cable.iter_csv(paths[0], errors="skip") if paths else []:
        if isinstance(item, cable.CsvRowError):
            print("row", item.row, item.message)
        else:
            print(describe(item))
    tables = cable.to_arrow(cables)  # cable.Tables of pyarrow.Table (pyarrow itself is untyped)
    n_rows: int = tables.paragraphs.num_rows
    schema = cable.arrow_schema("references")
    print("tables:", tables.cables.num_rows, n_rows, schema.names, cable.TABLES)
    print(cable.__version__, len(cable.DATAFRAME_COLUMNS), len(cable.ROW_COLUMNS))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
