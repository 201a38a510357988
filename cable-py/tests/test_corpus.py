"""Every corpus file parses, and its tree is byte for byte the Rust library's."""

from __future__ import annotations

import json
from pathlib import Path

import cable
from conftest import corpus_files

import pytest


def test_every_corpus_file_parses_to_the_rust_json(corpus: list[Path], rust_file_trees: dict[Path, str]) -> None:
    mismatched = []
    for path in corpus:
        c = cable.parse_file(path)
        assert isinstance(c, cable.Cable)
        if c.to_json() != rust_file_trees[path]:
            mismatched.append(path.name)
    assert not mismatched, f"{len(mismatched)} trees differ from Rust: {mismatched[:10]}"


def test_parse_text_and_bytes_agree_with_rust(
    corpus: list[Path], rust_trees: dict[Path, str], rust_file_trees: dict[Path, str]
) -> None:
    for path in corpus:
        data = path.read_bytes()
        from_text = cable.parse(data.decode("utf-8"))
        from_bytes = cable.parse_bytes(data)
        assert from_text.to_json() == rust_trees[path], path.name
        assert from_bytes == from_text, path.name
        named = cable.parse(data.decode("utf-8"), file_name=path.name)
        assert named.to_json() == rust_file_trees[path], path.name
        assert cable.parse_bytes(data, file_name=str(path)) == named, path.name


def test_every_bare_pre_block_gets_its_id_from_its_file_name(corpus: list[Path]) -> None:
    """The cablegate-html files are `<pre>` blocks named by their reference id."""
    pre = [p for p in corpus if p.parent.name == "cablegate-html"]
    assert pre
    for path in pre:
        c = cable.parse_file(path)
        if c.body is not None:
            assert c.id == path.stem, path.name


@pytest.mark.parametrize(
    ("folder", "container"),
    [("cablegate-txt", cable.Container.TextExport), ("cablegate-html", cable.Container.HtmlPre), ("cablegate-page", cable.Container.HtmlPage)],
)
def test_containers_are_detected_and_can_be_named(folder: str, container: cable.Container) -> None:
    files = [p for p in corpus_files() if p.parent.name == folder]
    assert files
    for path in files[:40]:
        detected = cable.parse_file(path)
        assert detected.container == container, path.name
        assert cable.parse_file(path, container=container.value) == detected
        assert cable.parse_file(path, container=container) == detected


def test_to_dict_is_the_json_tree_and_from_json_reads_it_back(corpus: list[Path]) -> None:
    for path in corpus[::7]:
        c = cable.parse_file(path)
        assert c.to_dict() == json.loads(c.to_json())
        assert list(c.to_dict()) == [
            "container", "id", "sent", "metadata", "partial", "header", "body", "diagnostics", "span"]
        assert cable.Cable.from_json(c.to_json()) == c


def test_cables_without_text_say_so(corpus: list[Path]) -> None:
    without_body = [c for c in map(cable.parse_file, corpus) if c.body is None]
    assert without_body, "the corpus has records without cable text"
    assert all(c.diagnostics for c in without_body)
