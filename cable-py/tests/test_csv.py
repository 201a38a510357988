"""iter_csv over a cables.csv fixture built from corpus cables, with malformed rows."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import Any

import cable
from conftest import CORPUS

import pytest

# Text exports with a header and a body, different eras and classifications.
SOURCES = ["09ASTANA1145", "10BERLIN193", "08HAVANA103", "00TASHKENT4223", "88LONDON16998", "09STATE15113", "07LONDON519"]


def csv_field(text: str) -> str:
    """A quoted field the way cables.csv writes it: backslash escapes."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def csv_row(n: int, path: Path) -> str:
    """The cables.csv row of a text-export corpus file, cut out along the tree's spans."""
    data = path.read_bytes()
    c = cable.parse_bytes(data)
    assert c.metadata is not None and c.header is not None and c.body is not None, path.name
    m = c.metadata
    assert m.date is not None
    year, month, day = m.date[:10].split("-")
    date = f"{month}/{day}/{year} {m.date[11:16]}"
    refs = "|".join(r.cited_id for r in c.body.references if r.cited_id)
    header = data[c.header.span.start : c.header.span.end].decode("utf-8")
    body = data[c.body.span.start : c.body.span.end].decode("utf-8")
    fields = [date, m.reference_id, m.origin, m.classification, refs, header, body]
    return f"{n}," + ",".join(csv_field(f) for f in fields) + "\n"


@pytest.fixture(scope="module")
def fixture(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """7 good rows; row 3 never closes its quote, row 6 has 3 fields."""
    paths = [CORPUS / "cablegate-txt" / f"{name}.txt" for name in SOURCES]
    rows = [csv_row(1, paths[0]), csv_row(2, paths[1]), '3,"01/01/2009 00:00","09BROKEN1","Embassy X","UNCLASSIFIED","","\n',
            csv_row(4, paths[2]), csv_row(5, paths[3]), '6,"too","few"\n', csv_row(7, paths[4]),
            csv_row(8, paths[5]), csv_row(9, paths[6])]
    out = tmp_path_factory.mktemp("csv") / "cables.csv"
    out.write_text("".join(rows), encoding="utf-8")
    START_LINES[:] = [1 + sum(r.count("\n") for r in rows[:i]) for i in range(len(rows))]
    return out


def without_spans(value: Any) -> Any:
    """A `to_dict()` value with every `span` key left out."""
    if isinstance(value, dict):
        return {k: without_spans(v) for k, v in value.items() if k != "span"}
    if isinstance(value, list):
        return [without_spans(v) for v in value]
    return value


# The file line where each fixture row starts (rows span many lines).
START_LINES: list[int] = []


def test_rows_become_cables_and_malformed_rows_error_records(fixture: Path) -> None:
    items = list(cable.iter_csv(fixture))
    assert len(items) == 9
    errors = [i for i in items if isinstance(i, cable.CsvRowError)]
    assert [(e.row, e.kind) for e in errors] == [(3, "csv_record"), (6, "csv_record")]
    assert "never closed" in errors[0].message and "8 fields" in errors[1].message
    assert [e.line for e in errors] == [START_LINES[2], START_LINES[5]]
    assert START_LINES[2] > 3
    cables = [i for i in items if isinstance(i, cable.Cable)]
    assert [c.id for c in cables] == SOURCES
    for c, name in zip(cables, SOURCES):
        assert c.container == cable.Container.CsvRow
        export = cable.parse_file(CORPUS / "cablegate-txt" / f"{name}.txt")
        assert export.body is not None and c.body is not None and c.metadata is not None
        # The same values; the spans differ, the document text of a CSV row being the decoded record.
        row_body, export_body = without_spans(c.body.to_dict()), without_spans(export.body.to_dict())
        for key in ("banner", "caveats", "addressees", "executive_order", "tags", "subject", "references",
                    "classified_by", "signature", "trailers"):
            assert row_body[key] == export_body[key], (name, key)
        assert c.body.subject is not None and export.body.subject is not None
        assert c.body.subject.text == export.body.subject.text, name
        assert [t.code for t in c.body.tags] == [t.code for t in export.body.tags], name
        assert (c.id, c.sent) == (export.id, export.sent), name
        assert [p.text for p in c.body.paragraphs] == [p.text for p in export.body.paragraphs], name
        assert [r.cited_id for r in c.body.references] == [r.cited_id for r in export.body.references], name
        assert c.header is not None and export.header is not None
        assert [r.name for r in c.header.to] == [r.name for r in export.header.to], name
        assert c.metadata.referenced_ids == [r.cited_id for r in export.body.references if r.cited_id]


def test_iter_csv_matches_the_rust_stream(fixture: Path, rust_json_bin: Path) -> None:
    out = subprocess.run([str(rust_json_bin), "csv", str(fixture)], check=True, capture_output=True, text=True)
    expected = out.stdout.splitlines()
    got = []
    for item in cable.iter_csv(fixture):
        if isinstance(item, cable.CsvRowError):
            got.append(f"ERROR {item.row} {item.line} {item.message}")
        else:
            got.append(item.to_json())
    assert got == expected


def test_errors_raise_and_the_stream_goes_on(fixture: Path) -> None:
    it = cable.iter_csv(fixture, errors="raise")
    assert isinstance(next(it), cable.Cable)
    assert isinstance(next(it), cable.Cable)
    with pytest.raises(cable.CsvError) as info:
        next(it)
    assert isinstance(info.value, cable.ParseError) and isinstance(info.value, ValueError)
    assert (info.value.row, info.value.line, info.value.kind) == (3, START_LINES[2], "csv_record")
    assert "never closed" in info.value.message
    rest = []
    while True:
        try:
            rest.append(next(it))
        except cable.CsvError as err:
            rest.append(err.row)
        except StopIteration:
            break
    assert [x if isinstance(x, int) else x.id for x in rest] == [SOURCES[2], SOURCES[3], 6, *SOURCES[4:]]


def test_errors_skip(fixture: Path) -> None:
    got = list(cable.iter_csv(fixture, errors="skip"))
    assert [c.id for c in got if isinstance(c, cable.Cable)] == SOURCES
    assert len(got) == len(SOURCES)


def test_strict_parse_errors_in_rows(tmp_path: Path) -> None:
    path = tmp_path / "strict.csv"
    good = csv_row(1, CORPUS / "cablegate-txt" / "09ASTANA1145.txt")
    bad = '2,"01/01/2009 00:00","09X1","Embassy X","UNCLASSIFIED","","FM AMEMBASSY X\nTO\n","BODY"\n'
    path.write_text(good + bad + good.replace("1,", "3,", 1), encoding="utf-8")
    lenient = list(cable.iter_csv(path))
    assert all(isinstance(i, cable.Cable) for i in lenient)
    strict = list(cable.iter_csv(path, strict=True))
    assert isinstance(strict[0], cable.Cable) and isinstance(strict[2], cable.Cable)
    assert isinstance(strict[1], cable.CsvRowError)
    assert (strict[1].row, strict[1].kind) == (2, "syntax")
    it = cable.iter_csv(path, strict=True, errors="raise")
    next(it)
    with pytest.raises(cable.ParseError) as info:
        next(it)
    assert info.value.row == 2 and info.value.kind == "syntax" and info.value.line is not None
    assert isinstance(next(it), cable.Cable)


def test_reader_is_an_iterator_and_closes(fixture: Path) -> None:
    with cable.iter_csv(fixture) as it:
        assert iter(it) is it
        next(it)
    assert list(it) == []
    with pytest.raises(FileNotFoundError):
        cable.iter_csv(fixture.parent / "missing.csv")
    with pytest.raises(ValueError, match="errors must be"):
        cable.iter_csv(fixture, errors="ignore")  # type: ignore[arg-type]


def test_bad_utf8_row_does_not_stop_the_stream(tmp_path: Path) -> None:
    good = csv_row(1, CORPUS / "cablegate-txt" / "09ASTANA1145.txt").encode()
    bad = b'2,"01/01/2009 00:00","09X1","Embassy X","UNCLASSIFIED","","","\xff"\n'
    path = tmp_path / "utf8.csv"
    path.write_bytes(good + bad + good.replace(b"1,", b"3,", 1))
    items = list(cable.iter_csv(path))
    assert [type(i).__name__ for i in items] == ["Cable", "CsvRowError", "Cable"]
    err = items[1]
    assert isinstance(err, cable.CsvRowError) and err.row == 2 and "UTF-8" in err.message


def test_constant_memory_on_a_large_file(tmp_path: Path) -> None:
    """Peak memory does not grow with the file: the reader holds one record at a time."""
    row = csv_row(1, CORPUS / "cablegate-txt" / "09ASTANA1145.txt")
    script = (
        "import resource, sys, cable\n"
        "n = sum(isinstance(c, cable.Cable) for c in cable.iter_csv(sys.argv[1]))\n"
        "print(n, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)\n"
    )
    peaks = {}
    for rows in (100, 4000):
        path = tmp_path / f"{rows}.csv"
        with path.open("w", encoding="utf-8") as f:
            for n in range(1, rows + 1):
                f.write(row.replace("1,", f"{n},", 1))
        out = subprocess.run([sys.executable, "-c", script, str(path)], check=True, capture_output=True, text=True)
        count, peak_kib = map(int, out.stdout.split())
        assert count == rows
        peaks[rows] = peak_kib
    size_mib = (tmp_path / "4000.csv").stat().st_size / 2**20
    assert size_mib > 30
    assert peaks[4000] - peaks[100] < 8 * 1024, (peaks, size_mib)
