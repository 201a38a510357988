"""to_arrow, read_archive and arrow_schema: the three tables built in Rust, imported
through the Arrow C data interface; and that they are the tables of the command."""

from __future__ import annotations

import os
import subprocess
from datetime import date, datetime
import sys
from pathlib import Path

import cable
from conftest import ASTANA, CORPUS, REPO

import pytest

pa = pytest.importorskip("pyarrow")
pq = pytest.importorskip("pyarrow.parquet")

TXT = CORPUS / "cablegate-txt"


def _cli() -> Path:
    """The debug build of the `cable` command (built here, so that the test stands alone)."""
    target = Path(os.environ.get("CARGO_TARGET_DIR", REPO / "target"))
    subprocess.run(["cargo", "build", "--quiet", "--bin", "cable", "--features", "parquet"], cwd=REPO, check=True)
    return target / "debug" / "cable"


def _archive(tmp_path: Path, n: int) -> Path:
    """A cables.csv of `n` rows made from the corpus text exports by the benchmarks'
    generator (`make_archive --rows`)."""
    target = Path(os.environ.get("CARGO_TARGET_DIR", REPO / "target"))
    subprocess.run(["cargo", "build", "--quiet", "-p", "cable-benches", "--bin", "make_archive"], cwd=REPO, check=True)
    out = tmp_path / "archive"
    subprocess.run(
        [str(target / "debug" / "make_archive"), "--rows", str(n), "--out", str(out)],
        check=True,
        capture_output=True,
    )
    return out / "cables.csv"


def test_schemas_are_the_rust_schemas() -> None:
    assert cable.TABLES == ("cables", "paragraphs", "references")
    cables = cable.arrow_schema("cables")
    assert tuple(cables.names) == cable.DATAFRAME_COLUMNS
    assert cable.ROW_COLUMNS == cable.DATAFRAME_COLUMNS[: len(cable.ROW_COLUMNS)]
    assert cables.field("metadata_date").type == pa.timestamp("us", tz="UTC")
    assert cables.field("tags").type == pa.list_(pa.field("item", pa.string(), nullable=False))
    assert cables.field("declassification_date").type == pa.date32()
    assert not cables.field("n_paragraphs").nullable
    assert b"description" in cables.field("classified_by").metadata
    assert cable.arrow_schema("paragraphs").names[:3] == ["cable_id", "position", "number"]
    assert cables.field("tag_kinds").type == pa.list_(pa.field("item", pa.string(), nullable=False))
    assert cables.field("sent").type == pa.timestamp("us", tz="UTC")
    references = cable.arrow_schema("references")
    assert references.names == [
        "cable_id", "position", "label", "text", "kind", "notal", "year", "station", "serial", "cited_id",
        "in_release",
    ]
    assert references.field("in_release").type == pa.bool_()
    assert references.field("kind").type == pa.string() and not references.field("kind").nullable
    assert references.field("serial").type == pa.int64() and references.field("year").type == pa.int32()
    with pytest.raises(ValueError, match="unknown table"):
        cable.arrow_schema("nope")  # type: ignore[arg-type]


def _instant(text: str | None) -> datetime | None:
    """An RFC 3339 text of the tree as the table's UTC timestamp."""
    return None if text is None else datetime.fromisoformat(text.replace("Z", "+00:00"))


def test_to_arrow_matches_the_trees(corpus: list[Path]) -> None:
    # With their file names, as parse_file and the command read them: every cable has an id.
    cables = cable.parse_many([p.read_text(encoding="utf-8") for p in corpus], file_names=[p.name for p in corpus])
    assert all(c.id is not None for c in cables)
    t = cable.to_arrow(cables)
    assert isinstance(t, cable.Tables) and isinstance(t.cables, pa.Table)
    assert t.cables.num_rows == len(cables)
    for name, table in zip(cable.TABLES, t):
        assert table.schema == cable.arrow_schema(name), name
    paragraphs = [(c.id, i, p) for c in cables if c.body for i, p in enumerate(c.body.paragraphs)]
    assert t.paragraphs.num_rows == len(paragraphs)
    got = t.paragraphs.to_pylist()
    for row, (cid, i, p) in zip(got, paragraphs):
        assert (row["cable_id"], row["position"], row["number"], row["marking"], row["heading"], row["text"]) == (
            cid, i, p.number, p.marking, p.heading, p.text,
        )
        assert (row["span_start"], row["span_end"]) == (p.span.start, p.span.end)
    refs = [(c.id, r) for c in cables if c.body for r in c.body.references]
    assert t.references.num_rows == len(refs)
    positions = [i for c in cables if c.body for i, _ in enumerate(c.body.references)]
    for row, (cid, r), i in zip(t.references.to_pylist(), refs, positions):
        assert row == {
            "cable_id": cid,
            "position": i,
            "label": r.label,
            "text": r.text,
            "kind": r.kind.value,
            "notal": r.notal,
            "year": r.year,
            "station": r.station,
            "serial": r.serial,
            "cited_id": r.cited_id,
            "in_release": r.in_release,
        }
    kinds = {row["kind"] for row in t.references.to_pylist()}
    assert {"cable", "other"} <= kinds and len(kinds) >= 3, kinds
    assert sum(1 for r in t.references.column("in_release").to_pylist() if r) > 10
    rows = t.cables.to_pylist()
    for row, c in zip(rows, cables):
        flat = c.to_row()
        for key in cable.ROW_COLUMNS:
            if key in ("metadata_date", "dtg", "sent"):
                # The same instant: the tree's RFC 3339 text, the table's UTC timestamp.
                assert row[key] == _instant(flat[key]), (c.id, key)
            else:
                assert row[key] == flat[key], (c.id, key)
        body = c.body
        assert row["id"] == c.id
        assert row["sent"] == _instant(c.sent)
        assert row["tags"] == ([t.code for t in body.tags] if body else [])
        assert row["tag_kinds"] == ([t.kind.value for t in body.tags] if body else [])
        by = body.classified_by if body else None
        assert (row["classified_by"], row["classifier"], row["classified_by_title"]) == (
            (by.by, by.name, by.title) if by else (None, None, None)
        )
        assert row["classification_reasons"] == (list(by.reasons) if by else [])
        d = body.executive_order.declassify if body and body.executive_order else None
        dated = d is not None and d.kind == cable.DeclassifyKind.Date and d.date is not None
        # `declassify` is the flat row's: the ISO date when the instruction is one, else as written.
        assert (row["declassify"], row["declassify_kind"]) == (
            (d.date or d.raw, d.kind.value) if d else (None, None)
        )
        assert row["declassification_date"] == (date.fromisoformat(d.date) if dated else None)
    assert sum(1 for r in rows if r["declassification_date"] is not None) > 300
    assert sum(1 for r in rows if r["classifier"] is not None) > 100
    astana = next(r for r in rows if r["id"] == "09ASTANA1145")
    assert astana["metadata_date"].isoformat() == "2009-07-08T22:00:00+00:00"
    assert astana["sent"].isoformat() == "2009-07-09T10:56:00+00:00"
    assert astana["dtg"].isoformat() == "2009-07-09T10:56:00+00:00"
    assert astana["n_references"] == 3 and astana["diagnostics"] == []
    # Read from the text of 09ASTANA1145: `TAGS: PGOV PREL ECON ETRD WTRO RS BO KZ`,
    # `SUBJECT:  KAZAKHSTAN:  RBK CUSTOMS UNION, WTO, AND THE WAY / FORWARD`,
    # `E.O. 12958: N/A`, the signer `HOAGLAND` and `P 091056Z JUL 09`.
    assert astana["tags"] == ["PGOV", "PREL", "ECON", "ETRD", "WTRO", "RS", "BO", "KZ"]
    assert astana["tag_kinds"] == ["subject"] * 5 + ["country"] * 3
    assert astana["subject"] == "KAZAKHSTAN: RBK CUSTOMS UNION, WTO, AND THE WAY FORWARD"
    assert (astana["executive_order"], astana["declassify"], astana["declassify_kind"]) == ("12958", "N/A", "not_applicable")
    assert astana["declassification_date"] is None and astana["classified_by"] is None
    assert astana["signature"] == "HOAGLAND"
    assert astana["sent"].isoformat() == "2009-07-09T10:56:00+00:00"
    # `REF: A. ASTANA 1018 / B. ASTANA 1005 / C. ASTANA 0830`: cables of the release.
    astana_refs = [r for r in t.references.to_pylist() if r["cable_id"] == "09ASTANA1145"]
    assert [(r["label"], r["kind"], r["year"], r["station"], r["serial"], r["cited_id"], r["in_release"], r["notal"])
            for r in astana_refs] == [
        ("A", "cable", 2009, "ASTANA", 1018, "09ASTANA1018", True, False),
        ("B", "cable", 2009, "ASTANA", 1005, "09ASTANA1005", True, False),
        ("C", "cable", 2009, "ASTANA", 830, "09ASTANA830", True, False),
    ]
    # 06DAMASCUS141: `E.O. 12958: DECL: 10/12/2015`, `Classified By: Charge d'Affaires
    # Stephen A. Seche, per 1.4 b,d.`
    damascus = next(r for r in rows if r["id"] == "06DAMASCUS141")
    assert (damascus["declassify"], damascus["declassify_kind"], damascus["declassification_date"]) == (
        "2015-10-12", "date", date(2015, 10, 12))
    assert (damascus["classifier"], damascus["classified_by_title"]) == ("Stephen A. Seche", "Charge d'Affaires")
    assert damascus["classification_reasons"] == ["1.4(b)", "1.4(d)"]
    # A bare <pre> block, 07BERLIN1767.html: its id is its file name's.
    berlin = [r for r in t.references.to_pylist() if r["cable_id"] == "07BERLIN1767"]
    assert berlin[0]["cited_id"] == "07BERLIN1681"


def test_the_capsules_work_without_pyarrow_helpers() -> None:
    """The Rust objects speak the PyCapsule protocol themselves."""
    from cable import _cable

    c, p, r = _cable._to_arrow([cable.parse_file(ASTANA)])
    assert (c.table, c.num_rows, len(p), r.num_rows) == ("cables", 1, 8, 3)
    assert repr(p) == 'ArrowBatch(table="paragraphs", num_rows=8)'
    batch = pa.record_batch(p)  # __arrow_c_array__
    table = pa.table(p)  # __arrow_c_stream__
    assert batch.num_rows == table.num_rows == 8
    assert pa.schema(c) == cable.arrow_schema("cables")  # __arrow_c_schema__
    # A capsule taken and never imported is released by its destructor.
    for _ in range(3):
        p.__arrow_c_stream__()
        p.__arrow_c_array__()


def test_polars_and_duckdb_read_the_tables() -> None:
    pl = pytest.importorskip("polars")
    duckdb = pytest.importorskip("duckdb")
    from cable import _cable

    c = cable.parse_file(ASTANA)
    _, paragraphs, references = _cable._to_arrow([c])
    df = pl.DataFrame(paragraphs)
    assert df.height == 8 and df["number"].to_list() == [p.number for p in c.body.paragraphs]
    # DuckDB finds Python variables by name; this one only has __arrow_c_stream__.
    refs = references
    got = duckdb.sql("SELECT cited_id FROM refs ORDER BY position").fetchall()
    assert [row[0] for row in got] == [r.cited_id for r in c.body.references]


def test_to_dataframe_is_the_cables_table(corpus: list[Path]) -> None:
    pd = pytest.importorskip("pandas")
    cables = cable.parse_many([p.read_text(encoding="utf-8") for p in corpus[:50]])
    df = cable.to_dataframe(cables)
    table = cable.to_arrow(cables).cables
    assert list(df.columns) == list(cable.DATAFRAME_COLUMNS)
    # pandas spells a missing string None or NaN, depending on its version.
    assert [None if pd.isna(v) else v for v in df.id] == table.column("id").to_pylist()
    assert df.tags.tolist() == table.column("tags").to_pylist()
    assert df.tag_kinds.tolist() == table.column("tag_kinds").to_pylist()
    assert [None if pd.isna(v) else v for v in df.declassify_kind] == table.column("declassify_kind").to_pylist()
    assert str(df.sent.dtype).startswith("datetime64") and "UTC" in str(df.sent.dtype)


def test_read_archive_is_to_arrow_of_iter_csv(tmp_path: Path) -> None:
    path = _archive(tmp_path, 40)
    data = path.read_bytes()
    # A malformed row between rows: the reader skips it and says so.
    cut = data.index(b"\n21,") + 1
    broken = tmp_path / "broken.csv"
    broken.write_bytes(data[:cut] + b'999,"12/28/1966 18:48","never closed\n' + data[cut:])
    expected = cable.to_arrow([c for c in cable.iter_csv(broken) if isinstance(c, cable.Cable)])
    reader = cable.read_archive(broken, batch_rows=7, threads=2)
    batches = list(reader)
    assert [b.cables.num_rows for b in batches] == [7, 7, 7, 7, 7, 5]
    assert all(isinstance(b.paragraphs, pa.RecordBatch) for b in batches)
    assert [(e.row, e.kind) for e in reader.errors] == [(21, "csv_record")]
    for i, name in enumerate(cable.TABLES):
        got = pa.Table.from_batches([b[i] for b in batches], schema=cable.arrow_schema(name))
        assert got.equals(expected[i]), name
    all_at_once = cable.read_archive(broken).read_all()
    assert all(a.equals(b) for a, b in zip(all_at_once, expected))


def test_read_archive_raise_mode_yields_the_rows_before_the_error(tmp_path: Path) -> None:
    path = _archive(tmp_path, 10)
    data = path.read_bytes()
    cut = data.index(b"\n4,") + 1
    broken = tmp_path / "broken.csv"
    broken.write_bytes(data[:cut] + b"not a row\n" + data[cut:])
    reader = cable.read_archive(broken, batch_rows=100, errors="raise")
    first = next(reader)
    assert first.cables.num_rows == 3
    with pytest.raises(cable.CsvError) as info:
        next(reader)
    assert info.value.row == 4
    rest = list(reader)
    assert sum(b.cables.num_rows for b in rest) == 10 - 3


NOISY_ROW = (
    b'999,"07/09/2009 00:00","09ASTANA1145","Embassy Astana","UNCLASSIFIED","",'
    b'"VZCZCXRO8970\nFM AMEMBASSY ASTANA\n%%% NOISE\nTO RUEHC/SECSTATE WASHDC PRIORITY 5752\n",'
    b'"UNCLAS ASTANA 001145\n\n1. (U) HELLO.\n"\n'
)
"""A well-formed row whose header has a line the grammar does not know: a strict-mode error."""


def test_strict_and_record_errors_in_one_batch_lose_no_row(tmp_path: Path) -> None:
    path = _archive(tmp_path, 12)
    data = path.read_bytes()
    a, b = data.index(b"\n4,") + 1, data.index(b"\n9,") + 1
    broken = tmp_path / "broken.csv"
    broken.write_bytes(data[:a] + NOISY_ROW + data[a:b] + b"not a row\n" + data[b:])
    ids = [c.id for c in cable.iter_csv(broken, errors="skip")]
    assert len(ids) == 13  # the noisy row parses leniently

    # strict, raise: the rows before each failure, then the failure, then the rest.
    reader = cable.read_archive(broken, batch_rows=100, strict=True, errors="raise")
    seen: list[str] = []
    raised: list[type[BaseException]] = []
    while True:
        try:
            batch = next(reader)
        except StopIteration:
            break
        except cable.ParseError as err:  # CsvError is a ParseError too
            raised.append(type(err))
            continue
        seen += batch.cables.column("id").to_pylist()
    assert raised == [cable.ParseError, cable.CsvError]
    assert seen == ids[:3] + ids[4:]
    assert [e.kind for e in reader.errors] == ["syntax", "csv_record"]

    # strict, skip: the same rows, the failures listed.
    reader = cable.read_archive(broken, batch_rows=5, strict=True)
    got = reader.read_all().cables.column("id").to_pylist()
    assert got == seen
    assert [(e.kind, e.row) for e in reader.errors] == [("syntax", 4), ("csv_record", 10)]


def test_byte_ranges_of_an_archive_give_every_row_once(tmp_path: Path) -> None:
    path = _archive(tmp_path, 30)
    size = path.stat().st_size
    whole = cable.read_archive(path).read_all().cables.column("id").to_pylist()
    for n in (2, 3, 7, 16):
        bounds = [size * i // n for i in range(n + 1)]
        ids: list[str] = []
        for start, end in zip(bounds, bounds[1:]):
            part = cable.read_archive(path, start=start, end=end).read_all()
            ids += part.cables.column("id").to_pylist()
        assert ids == whole, n


def test_argument_errors(tmp_path: Path) -> None:
    path = _archive(tmp_path, 2)
    for kwargs, message in [
        ({"batch_rows": 0}, "batch_rows"),
        ({"errors": "yield"}, "errors"),
        ({"start": 10, "end": 5}, "end"),
        ({"threads": 0}, "threads"),
    ]:
        with pytest.raises(ValueError, match=message):
            cable.read_archive(path, **kwargs)  # type: ignore[arg-type]
    with pytest.raises(FileNotFoundError):
        cable.read_archive(tmp_path / "missing.csv")


def test_without_pyarrow_the_message_says_how_to_get_it() -> None:
    code = (
        "import sys; sys.modules['pyarrow'] = None\n"
        "import cable\n"
        "for f in (lambda: cable.to_arrow([]), lambda: cable.read_archive('x'), lambda: cable.arrow_schema()):\n"
        "    try:\n        f()\n"
        "    except ImportError as e:\n        print(e)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], check=True, capture_output=True, text=True)
    lines = out.stdout.splitlines()
    assert len(lines) == 3 and all("pip install 'cable-py[arrow]'" in line for line in lines), out.stdout


def test_the_command_python_tables_are_identical(tmp_path: Path) -> None:
    """`cable export --format parquet` and `cable.read_archive` give the same three tables."""
    path = _archive(tmp_path, 25)
    out = tmp_path / "parquet"
    subprocess.run([str(_cli()), "export", str(path), "--format", "parquet", "-o", str(out), "-q"], check=True)
    python = cable.read_archive(path, batch_rows=4).read_all()
    for name, table in zip(cable.TABLES, python):
        exported = pq.read_table(out / f"{name}.parquet")
        assert exported.schema.equals(table.schema, check_metadata=False), name
        assert exported.equals(table), name
    arrow_out = tmp_path / "arrow"
    subprocess.run([str(_cli()), "export", str(path), "--format", "arrow", "-o", str(arrow_out), "-q"], check=True)
    for name, table in zip(cable.TABLES, python):
        with pa.memory_map(str(arrow_out / f"{name}.arrow")) as source:
            exported = pa.ipc.open_file(source).read_all()
        assert exported.equals(table), name
