"""The quality report from Python: the core's report, over parsed cables."""

from __future__ import annotations

import cable
from conftest import CORPUS

import pytest

ANOMALIES = [
    "references_without_id",
    "ids_not_in_release",
    "stations_guessed",
    "subject_caveat",
    "subject_page_marker",
    "signature_word",
    "subject_missing",
    "tags_missing",
    "classifier_missing",
]

# Invented: a caveat the grammar does not split off the subject (SIPDIS), a REF item whose station the release does not
# know, a station typed by hand that the parser resolves (ISLAMBAD: ISLAMABAD), and a cited
# cable the release does not hold (neither 09ISLAMABAD1207 nor 09ASTANA999999 is in it).
ODD = """UNCLAS ASTANA 000001
SUBJECT: ROADS SIPDIS
REF: A. XQZWV 1207 B. ISLAMBAD 1207 C. ASTANA 999999

1. (U) Roads are good.
"""

PLAIN = """UNCLAS ASTANA 000002
TAGS: PREL
SUBJECT: BRIDGES

1. (U) Bridges are good.
"""


def test_quality_counts_each_anomaly_with_examples() -> None:
    report = cable.quality(cable.parse_many([PLAIN, ODD, ODD], year=2009))
    assert set(report) == {"cables", "references", *ANOMALIES}
    assert report["cables"] == 3
    assert report["references"] == 6
    assert report["subject_caveat"] == {"count": 2, "cables": 2, "examples": ["09ASTANA1", "09ASTANA1"]}
    assert report["references_without_id"]["count"] == 2
    assert report["ids_not_in_release"]["count"] == 4
    assert report["stations_guessed"] == {"count": 2, "cables": 2, "examples": ["09ASTANA1", "09ASTANA1"]}
    assert report["signature_word"] == {"count": 0, "cables": 0, "examples": []}


def test_quality_of_nothing_is_zero() -> None:
    report = cable.quality([])
    assert report["cables"] == 0
    assert all(report[name]["count"] == 0 for name in ANOMALIES)


def test_quality_wants_cables() -> None:
    with pytest.raises(TypeError):
        cable.quality([PLAIN])
    with pytest.raises(TypeError):
        cable.quality(cable.parse(PLAIN))


def test_quality_of_an_archive_is_the_sum_of_its_cables() -> None:
    cables = [cable.parse_file(f) for f in sorted((CORPUS / "cablegate-txt").iterdir())]
    whole = cable.quality(cables)
    ones = [cable.quality([c]) for c in cables]
    assert whole["cables"] == len(cables)
    assert whole["references"] == sum(one["references"] for one in ones) > 0
    for name in ANOMALIES:
        assert whole[name]["count"] == sum(one[name]["count"] for one in ones), name
        assert whole[name]["cables"] == sum(one[name]["cables"] > 0 for one in ones), name
        shown = [c.id for c, one in zip(cables, ones) if one[name]["cables"]]
        assert whole[name]["examples"] == shown[:5], name
