"""Pickling round trips, for every node type and every protocol."""

from __future__ import annotations

import copy
import pickle
from typing import Any

import cable
from conftest import ASTANA, corpus_files

import pytest


def nodes(c: cable.Cable) -> list[Any]:
    assert c.header is not None and c.body is not None and c.metadata is not None
    h, b = c.header, c.body
    return [c, c.metadata, h, h.routing, h.de, h.dtg, h.to[0], h.info, b, b.banner, b.banner and b.banner.section,
            b.executive_order, b.references[0], b.paragraphs, b.summary, b.page_breaks[0], c.span,
            c.container, b.banner and b.banner.classification, cable.Severity.Info,
            cable.CsvRowError(3, 17, "a quoted field is never closed", "csv_record")]


@pytest.mark.parametrize("protocol", range(pickle.HIGHEST_PROTOCOL + 1))
def test_pickle_round_trips(protocol: int) -> None:
    c = cable.parse_file(ASTANA)
    for node in nodes(c):
        back = pickle.loads(pickle.dumps(node, protocol=protocol))
        assert back == node, type(node)
        assert type(back) is type(node)


def test_copy_and_deepcopy() -> None:
    c = cable.parse_file(ASTANA)
    assert copy.copy(c) == c
    assert copy.deepcopy(c) == c


def test_pickle_every_corpus_tree() -> None:
    for path in corpus_files()[::3]:
        c = cable.parse_file(path)
        assert pickle.loads(pickle.dumps(c)) == c, path.name
