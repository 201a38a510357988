"""The DuckDB queries of the README run on the Parquet files of
`cable export --format parquet` (the corpus), and each answers its question: the
same rows as the same question asked of pandas.

Run by `.ci/data.sh`; needs duckdb, pandas, pyarrow and cable-py.
"""

from __future__ import annotations

import os
import re
import subprocess
from pathlib import Path

import duckdb
import pandas as pd
import pyarrow.parquet as pq
import pytest

REPO = Path(__file__).resolve().parents[2]


def readme_queries() -> list[str]:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    section = readme.split("<!-- duckdb:begin -->", 1)[1].split("<!-- duckdb:end -->", 1)[0]
    return re.findall(r"```sql\n(.*?)```", section, flags=re.S)


@pytest.fixture(scope="module")
def workdir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A folder holding `tables/` as the README says: the corpus exported as Parquet."""
    target = Path(os.environ.get("CARGO_TARGET_DIR", REPO / "target"))
    subprocess.run(["cargo", "build", "--quiet", "--bin", "cable", "--features", "parquet"], cwd=REPO, check=True)
    work = tmp_path_factory.mktemp("duckdb")
    corpus = REPO / "cable-core" / "tests" / "corpus"
    subprocess.run(
        [str(target / "debug" / "cable"), "export", str(corpus), "--format", "parquet", "-o", str(work / "tables"), "-q"],
        check=True,
    )
    return work


def run(sql: str, workdir: Path) -> list[tuple[object, ...]]:
    con = duckdb.connect()
    # The README's paths are relative to the folder that holds tables/.
    con.execute(f"SET file_search_path = '{workdir}'")
    return [tuple(row) for row in con.sql(sql).fetchall()]


def table(workdir: Path, name: str) -> pd.DataFrame:
    return pq.read_table(workdir / "tables" / f"{name}.parquet").to_pandas()


def none(v: object) -> object:
    return None if v is None or (not isinstance(v, (list, str)) and pd.isna(v)) else v


def test_the_readme_has_the_four_queries() -> None:
    queries = readme_queries()
    assert len(queries) == 4
    assert all("'tables/" in q for q in queries)


def test_top_signers_per_station(workdir: Path) -> None:
    got = run(readme_queries()[0], workdir)
    cables = table(workdir, "cables").dropna(subset=["origin", "signature"])
    counts = cables.groupby(["origin", "signature"]).size().rename("cables").reset_index()
    counts = counts.sort_values(["origin", "cables", "signature"], ascending=[True, False, True])
    top = counts.groupby("origin").head(3)
    expected = [(o, s, int(n)) for o, s, n in top.itertuples(index=False)]
    assert got == expected
    assert len(got) > 20 and len({o for o, _, _ in got}) > 10


def test_most_cited_cables(workdir: Path) -> None:
    got = run(readme_queries()[1], workdir)
    refs = table(workdir, "references").dropna(subset=["cited_id"])
    cables = table(workdir, "cables")
    ids = set(cables.id.dropna())
    subjects = cables.dropna(subset=["id"]).drop_duplicates("id").set_index("id").subject
    # A reference with a cited id always says whether the release has that cable.
    assert refs.in_release.notna().all()
    grouped = refs.groupby("cited_id").agg(
        cited_by=("cited_id", "size"), citing=("cable_id", "nunique"), in_release=("in_release", "any")
    )
    grouped = grouped.reset_index().sort_values(["cited_by", "cited_id"], ascending=[False, True]).head(20)
    expected = [
        (cid, int(n), int(k), bool(released), cid in ids, subjects.get(cid) if cid in ids else None)
        for cid, n, k, released in grouped.itertuples(index=False)
    ]
    assert [tuple(none(v) for v in row) for row in got] == expected
    assert got[0][1] >= 2
    # Every cable of the archive is in the release; the release has more than the archive.
    assert all(released for _, _, _, released, in_archive, _ in got if in_archive)
    assert any(released and not in_archive for _, _, _, released, in_archive, _ in got)


def test_cables_per_year_and_classification(workdir: Path) -> None:
    got = run(readme_queries()[2], workdir)
    cables = table(workdir, "cables")
    years = cables.sent.dt.year.astype("Int64")
    counts = (
        pd.DataFrame({"year": years, "level": cables.classification_level})
        .groupby(["year", "level"], dropna=False)
        .size()
    )
    expected = sorted(
        ((none(y), none(level), int(n)) for (y, level), n in counts.items()),
        key=lambda r: (r[0] is None, r[0] or 0, r[1] is None, r[1] or ""),
    )
    assert [tuple(none(v) for v in row) for row in got] == expected
    assert sum(n for _, _, n in got) == len(cables)


def test_countries_most_tagged(workdir: Path) -> None:
    got = run(readme_queries()[3], workdir)
    cables = table(workdir, "cables")
    pairs = [
        (tag, kind)
        for tags, kinds in zip(cables.tags, cables.tag_kinds)
        for tag, kind in zip(tags, kinds)
    ]
    counts = pd.Series([tag for tag, kind in pairs if kind == "country"]).value_counts()
    ranked = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:10]
    expected = [(tag, int(n)) for tag, n in ranked]
    assert got == expected
    # Every tag has its kind; two-letter codes of the corpus such as `KZ` are countries.
    assert all(len(t) == len(k) for t, k in zip(cables.tags, cables.tag_kinds))
    assert len(got) == 10 and all(len(tag) == 2 for tag, _ in got)
