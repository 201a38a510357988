"""to_dataframe: one row per cable, flat columns."""

from __future__ import annotations

import csv
import io
import os
import subprocess
import sys
from pathlib import Path

import cable
from conftest import ASTANA, REPO

import pytest

import pandas as pd  # noqa: E402 (the DataFrame tests need pandas: installed by .ci/python.sh)


def test_columns_and_rows(corpus: list[Path]) -> None:
    cables = cable.parse_many([p.read_text(encoding="utf-8") for p in corpus])
    df = cable.to_dataframe(cables)
    assert list(df.columns) == list(cable.DATAFRAME_COLUMNS)
    for col in ["id", "metadata_date", "sent", "classification", "origin", "subject", "tags", "references",
                "recipients", "signature", "partial", "n_paragraphs"]:
        assert col in df.columns
    assert len(df) == len(cables)
    row = df[df.id == "09ASTANA1145"].iloc[0]
    assert row.metadata_date == pd.Timestamp("2009-07-09T00:00:00+02:00")
    assert str(row.metadata_date.tz) == "UTC"
    assert row.sent == pd.Timestamp("2009-07-09T10:56:00Z")  # the date-time group comes first
    assert row.classification == "UNCLASSIFIED//FOR OFFICIAL USE ONLY"
    assert row.classification_level == "unclassified"
    assert row.origin == "Embassy Astana"
    assert row.subject == "KAZAKHSTAN: RBK CUSTOMS UNION, WTO, AND THE WAY FORWARD"
    assert row.tags == ["PGOV", "PREL", "ECON", "ETRD", "WTRO", "RS", "BO", "KZ"]
    assert row.references == ["09ASTANA1018", "09ASTANA1005", "09ASTANA830"]
    assert row.recipients == ["SECSTATE WASHDC"]
    assert len(row.info_recipients) == 19
    assert row.signature == "HOAGLAND"
    assert not row.partial
    assert row.n_paragraphs == 8
    assert row.container == "text_export"
    assert row.dtg == pd.Timestamp("2009-07-09T10:56:00Z")
    assert row.classified_by is None or pd.isna(row.classified_by)
    assert row.n_references == 3 and row.diagnostics == []
    # The canonical columns, read from the cable: DTG 091056Z JUL 09, `E.O. 12958: N/A`,
    # no Classified By (unclassified), `TAGS: PGOV PREL ECON ETRD WTRO RS BO KZ`.
    assert row.sent == pd.Timestamp("2009-07-09T10:56:00Z")
    assert pd.isna(row.classifier)  # pandas keeps a missing value as NaN
    assert row.countries == ["RS", "BO", "KZ"]
    assert row.tag_kinds == ["subject"] * 5 + ["country"] * 3
    # `N/A`: nothing to declassify, so no date.
    assert (row.declassify, row.declassify_kind) == ("N/A", "not_applicable")
    assert row.declassification_date is None or pd.isna(row.declassification_date)
    damascus = df[df.id == "06DAMASCUS141"].iloc[0]
    # `E.O. 12958: DECL: 10/12/2015` and `Classified By: Charge d'Affaires Stephen A. Seche, ...`
    assert (damascus.declassify, damascus.declassify_kind) == ("2015-10-12", "date")
    assert pd.Timestamp(damascus.declassification_date) == pd.Timestamp("2015-10-12")
    assert damascus.classifier == "Stephen A. Seche"
    assert df.partial.sum() >= 13
    assert (df.n_paragraphs == 0).sum() == sum(1 for c in cables if c.body is None or not c.body.paragraphs)
    assert df.n_paragraphs.dtype.kind == "i"


def test_accepts_any_iterable() -> None:
    df = cable.to_dataframe(c for c in [cable.parse_file(ASTANA)])
    assert len(df) == 1
    assert cable.to_dataframe([]).columns.tolist() == list(cable.DATAFRAME_COLUMNS)


def test_without_pandas_or_pyarrow_the_message_says_how_to_get_it() -> None:
    code = (
        "import sys; sys.modules['pandas'] = None\n"
        "import cable\n"
        "try:\n    cable.to_dataframe([])\n"
        "except ImportError as e:\n    print(e)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], check=True, capture_output=True, text=True)
    assert "pip install 'cable-py[pandas]'" in out.stdout
    out = subprocess.run(
        [sys.executable, "-c", code.replace("'pandas'", "'pyarrow'")], check=True, capture_output=True, text=True
    )
    assert "needs pyarrow" in out.stdout and "pip install" in out.stdout


def _as_csv(value: object) -> str:
    """A row value as the CSV export writes it: lists joined with `|`, None empty."""
    if isinstance(value, list):
        return "|".join(value)
    if isinstance(value, bool):
        return "true" if value else "false"
    return "" if value is None else str(value)


def test_to_row_is_the_rows_of_the_dataframe_and_of_the_csv_export() -> None:
    """The row is built once, in cable-core: `to_dataframe`, `Cable.to_row()` and the
    `cable export --format csv` command give the same values."""
    c = cable.parse_file(ASTANA)
    row = c.to_row()
    assert tuple(row) == cable.ROW_COLUMNS
    assert row["references"] == ["09ASTANA1018", "09ASTANA1005", "09ASTANA830"]
    assert row["n_paragraphs"] == 8 and row["partial"] is False
    frame_row = cable.to_dataframe([c]).iloc[0].to_dict()
    for key in cable.ROW_COLUMNS:
        if key in ("metadata_date", "dtg", "sent"):
            assert frame_row[key] == pd.Timestamp(row[key]), key  # the same instant, typed
        elif row[key] is None:
            assert frame_row[key] is None or pd.isna(frame_row[key]), key  # pandas may say NaN
        else:
            assert frame_row[key] == row[key], key

    target = Path(os.environ.get("CARGO_TARGET_DIR", REPO / "target"))
    subprocess.run(["cargo", "build", "--quiet", "--bin", "cable"], cwd=REPO, check=True)
    out = subprocess.run(
        [str(target / "debug" / "cable"), "export", str(ASTANA), "--format", "csv", "--quiet"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    exported = next(csv.DictReader(io.StringIO(out)))
    assert {k: _as_csv(v) for k, v in row.items()} == {k: exported[k] for k in cable.ROW_COLUMNS}
