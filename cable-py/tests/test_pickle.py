"""Pickling round trips, for every node type and every protocol."""

from __future__ import annotations

import copy
import pickle
from typing import Any

import cable
from conftest import ASTANA, CORPUS, corpus_files

import pytest


def nodes(c: cable.Cable) -> list[Any]:
    assert c.header is not None and c.body is not None and c.metadata is not None
    h, b = c.header, c.body
    eo = b.executive_order
    return [c, c.metadata, h, h.routing, h.de, h.dtg, h.to[0], h.info, b, b.banner, b.banner and b.banner.section,
            eo, eo and eo.declassify, eo and eo.declassify and eo.declassify.kind, b.tags, b.tags[0].kind,
            b.subject, b.signature, b.references[0], b.references[0].kind, h.to[0].precedence_level,
            b.paragraphs, b.summary, b.page_breaks[0], c.span,
            c.container, b.banner and b.banner.classification, cable.Severity.Info,
            cable.CsvRowError(3, 17, "a quoted field is never closed", "csv_record")]


def other_nodes() -> list[Any]:
    """Node types 09ASTANA1145 does not have."""
    c = cable.parse_file(CORPUS / "cablegate-txt" / "09ANKARA1725.txt")
    assert c.body is not None
    return [c.body.classified_by, c.body.trailers[0], c.body.references[1], cable.Precedence.NiactImmediate,
            cable.DeclassifyKind.Event, cable.TagKind.Person, cable.ReferenceKind.Other]


@pytest.mark.parametrize("protocol", range(pickle.HIGHEST_PROTOCOL + 1))
def test_pickle_round_trips(protocol: int) -> None:
    c = cable.parse_file(ASTANA)
    for node in nodes(c) + other_nodes():
        assert node is not None
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
