"""parse_many: parallel results equal sequential ones."""

from __future__ import annotations

from pathlib import Path

import cable

import pytest


def test_parse_many_equals_a_loop_of_parse(corpus: list[Path]) -> None:
    texts = [p.read_text(encoding="utf-8") for p in corpus]
    sequential = [cable.parse(t) for t in texts]
    for threads in (None, 1, 2, 3):
        parallel = cable.parse_many(texts, threads=threads)
        assert len(parallel) == len(texts)
        assert parallel == sequential, threads
    assert [c.to_json() for c in cable.parse_many(iter(texts))] == [c.to_json() for c in sequential]


def test_parse_many_options_and_errors() -> None:
    texts = ["UNCLAS STATE 000001\nTAGS: PREL\nSUBJECT: A\n\n1. (U) X.\n", "", "FM X\nTO\n"]
    assert cable.parse_many([]) == []
    assert cable.parse_many(texts, container="bare_text") == [cable.parse(t, container="bare_text") for t in texts]
    with pytest.raises(cable.ParseError) as info:
        cable.parse_many(texts, strict=True)
    assert info.value.index == 1
    assert str(info.value).startswith("text 1: ")
    with pytest.raises(TypeError):
        cable.parse_many("not a list of texts")
    with pytest.raises(TypeError):
        cable.parse_many([b"bytes"])  # type: ignore[list-item]
    with pytest.raises(ValueError):
        cable.parse_many(texts, threads=0)


def test_parse_many_with_file_names(corpus: list[Path]) -> None:
    """With the file names, the trees of `parse_file`: a bare `<pre>` block named by its
    reference id gets that id."""
    paths = corpus[::5]
    texts = [p.read_text(encoding="utf-8") for p in paths]
    names = [p.name for p in paths]
    assert any(p.parent.name == "cablegate-html" for p in paths)
    by_file = [cable.parse_file(p) for p in paths]
    assert cable.parse_many(texts, file_names=names, threads=2) == by_file
    assert cable.parse_many(texts, file_names=iter(names)) == by_file
    assert cable.parse_many(texts, file_names=names, id_from_file_name=False) == cable.parse_many(texts)
    with pytest.raises(ValueError, match="file_names has 1 names for 2 texts"):
        cable.parse_many(texts[:2], file_names=names[:1])
    with pytest.raises(TypeError):
        cable.parse_many(texts[:1], file_names=names[0])


def test_the_gil_is_released_while_parsing(corpus: list[Path]) -> None:
    """Python threads keep running while parse_many parses (the GIL is released)."""
    import threading
    import time

    texts = [p.read_text(encoding="utf-8") for p in corpus] * 2
    window: list[float] = []
    result: list[list[cable.Cable]] = []

    def work() -> None:
        window.append(time.perf_counter())
        result.append(cable.parse_many(texts, threads=1))
        window.append(time.perf_counter())

    worker = threading.Thread(target=work)
    worker.start()
    ticks = []
    while worker.is_alive():
        ticks.append(time.perf_counter())
        time.sleep(0.001)
    worker.join()
    assert len(result[0]) == len(texts)
    start, end = window
    during = [t for t in ticks if start < t < end]
    # Had parse_many held the GIL, this thread could not have ticked during the parse.
    assert end - start > 0.1 and len(during) > 20, (end - start, len(during))
