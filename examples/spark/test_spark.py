"""The Spark job in local mode (`local[2]`) on a small archive built from the corpus:
its three tables are the tables of `cable export --format parquet` and of
`cable.read_archive` for the same file, row for row.

Run by `.ci/data.sh`; needs pyspark, a Java runtime, pyarrow and cable-py installed.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

import cable

HERE = Path(__file__).resolve().parent
REPO = HERE.parent.parent
sys.path.insert(0, str(HERE))

import cable_spark  # noqa: E402

#: Rows of the fixture archive: a few dozen, so that the test stays quick.
ROWS = 36
#: More ranges than rows fit in, so that ranges start inside rows and some hold none.
SPLITS = 9

#: Columns that order each table's rows.
KEYS = {
    "cables": ["id"],
    "paragraphs": ["cable_id", "position"],
    "references": ["cable_id", "position"],
}


def _target() -> Path:
    return Path(os.environ.get("CARGO_TARGET_DIR", REPO / "target"))


@pytest.fixture(scope="module")
def archive(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """`make_archive --rows 36` (the corpus text exports as cables.csv rows, multi-line
    bodies and escaped quotes included), with one malformed row in the middle."""
    subprocess.run(["cargo", "build", "--quiet", "-p", "cable-benches", "--bin", "make_archive"], cwd=REPO, check=True)
    out = tmp_path_factory.mktemp("archive")
    subprocess.run(
        [str(_target() / "debug" / "make_archive"), "--rows", str(ROWS), "--out", str(out)],
        check=True,
        capture_output=True,
    )
    data = (out / "cables.csv").read_bytes()
    cut = data.index(b"\n20,") + 1
    path = out / "fixture.csv"
    path.write_bytes(data[:cut] + b'999,"01/01/2000 00:00","unclosed quote\n' + data[cut:])
    return path


@pytest.fixture(scope="module")
def cli_tables(archive: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, pa.Table]:
    subprocess.run(["cargo", "build", "--quiet", "--bin", "cable", "--features", "parquet"], cwd=REPO, check=True)
    out = tmp_path_factory.mktemp("cli")
    run = subprocess.run(
        [str(_target() / "debug" / "cable"), "export", str(archive), "--format", "parquet", "-o", str(out), "-q"],
        capture_output=True,
        text=True,
    )
    assert run.returncode == 1, run.stderr  # the malformed row is reported
    assert "unclosed" not in run.stderr and "never closed" in run.stderr
    return {name: pq.read_table(out / f"{name}.parquet") for name in cable.TABLES}


@pytest.fixture(scope="module")
def spark_out(archive: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, int]]:
    out = tmp_path_factory.mktemp("spark")
    spark = cable_spark.session("local[2]", app="cable-test")
    try:
        counts = cable_spark.run(spark, str(archive), str(out), splits=SPLITS, batch_rows=5)
    finally:
        spark.stop()
    return out, counts


def _sorted(table: pa.Table, name: str) -> pa.Table:
    return table.sort_by([(k, "ascending") for k in KEYS[name]])


def test_ranges_tile_the_file() -> None:
    assert cable_spark.byte_ranges(10, 3) == [(0, 3), (3, 6), (6, 10)]
    assert cable_spark.byte_ranges(0, 4) == [(0, 0)]
    assert cable_spark.byte_ranges(2, 5) == [(0, 1), (1, 2)]


def test_spark_tables_are_the_command_tables(spark_out: tuple[Path, dict[str, int]], cli_tables: dict[str, pa.Table]) -> None:
    out, counts = spark_out
    assert counts["cables"] == ROWS
    for name in cable.TABLES:
        expected = cli_tables[name]
        got = pq.read_table(out / name)  # a directory of part files, in no particular order
        assert got.column_names == expected.column_names, name
        assert got.num_rows == expected.num_rows == counts[name], name
        # Spark names list items "element" and writes every column as nullable: the
        # values and value types are what must agree.
        got = got.cast(expected.schema)
        assert _sorted(got, name).equals(_sorted(expected, name)), name


def test_spark_tables_are_the_python_tables(spark_out: tuple[Path, dict[str, int]], archive: Path) -> None:
    out, _ = spark_out
    python = cable.read_archive(archive, batch_rows=7).read_all()
    for name, expected in zip(cable.TABLES, python):
        got = pq.read_table(out / name).cast(expected.schema)
        assert _sorted(got, name).equals(_sorted(expected, name)), name


def test_spark_carries_the_typed_values(spark_out: tuple[Path, dict[str, int]], archive: Path) -> None:
    """The typed values of the tree come through the executors: each cable's tags and
    their kinds, the declassification day, the classifier's name, and each reference's
    kind, cited id and release flag, as the parsed cables hold them."""
    out, _ = spark_out
    parsed = {c.id: c for c in cable.iter_csv(archive, errors="skip") if isinstance(c, cable.Cable)}
    assert len(parsed) == ROWS
    rows = pq.read_table(out / "cables").to_pylist()
    for row in rows:
        c = parsed[row["id"]]
        body = c.body
        tags = body.tags if body else []
        assert row["tags"] == [t.code for t in tags]
        assert row["tag_kinds"] == [t.kind.value for t in tags]
        assert row["signature"] == (body.signature.name if body and body.signature else None)
        assert row["classifier"] == (body.classified_by.name if body and body.classified_by else None)
        d = body.executive_order.declassify if body and body.executive_order else None
        assert row["declassify_kind"] == (d.kind.value if d else None)
        dated = d is not None and d.kind == cable.DeclassifyKind.Date
        assert (row["declassification_date"].isoformat() if row["declassification_date"] else None) == (
            d.date if dated else None
        )
    assert sum(1 for r in rows if r["declassification_date"] is not None) >= 5
    assert sum(1 for r in rows if r["classifier"] is not None) >= 5
    assert any("country" in r["tag_kinds"] for r in rows)
    refs = pq.read_table(out / "references").to_pylist()
    expected = {
        (c.id, i): (r.kind.value, r.cited_id, r.in_release, r.notal)
        for c in parsed.values()
        if c.body
        for i, r in enumerate(c.body.references)
    }
    got = {(r["cable_id"], r["position"]): (r["kind"], r["cited_id"], r["in_release"], r["notal"]) for r in refs}
    assert got == expected
    assert any(v[2] for v in got.values()) and {v[0] for v in got.values()} >= {"cable"}


def test_spark_lists_the_malformed_row(spark_out: tuple[Path, dict[str, int]], archive: Path) -> None:
    out, counts = spark_out
    errors = pq.read_table(out / "errors").to_pylist()
    assert counts["errors"] == 1 and len(errors) == 1
    (error,) = errors
    assert error["kind"] == "csv_record" and "never closed" in error["message"]
    data = archive.read_bytes()
    bad = data.index(b"999,")
    assert error["start"] <= bad < error["end"], error
    assert error["path"] == str(archive)


def test_the_command_line_job(archive: Path, cli_tables: dict[str, pa.Table], tmp_path: Path) -> None:
    """`python cable_spark.py ARCHIVE OUT --master local[2]`, as the README says."""
    out = tmp_path / "out"
    run = subprocess.run(
        [sys.executable, str(HERE / "cable_spark.py"), str(archive), str(out), "--master", "local[2]"],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert run.returncode == 1, run.stderr[-3000:]  # 1: the malformed row
    assert f"{out / 'cables'}: {ROWS} rows" in run.stdout, run.stdout
    got = pq.read_table(out / "references").cast(cli_tables["references"].schema)
    assert _sorted(got, "references").equals(_sorted(cli_tables["references"], "references"))
