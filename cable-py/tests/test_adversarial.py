"""The adversarial cases of cable-core/tests/adversarial.rs, through the binding: every input
gives a tree (lenient) or a cable.ParseError (strict, bad UTF-8, too large), never another
exception, a crash or a hang; readable text is kept."""

from __future__ import annotations

from typing import Callable

import pytest

import cable

BANNER = "UNCLAS SECTION 01 OF 02 ASTANA 001145\n\nE.O. 12958: N/A\nTAGS: PREL\nSUBJECT: A TEST\n\n"
CABLE = BANNER + "1. (U) HELLO.\n\n2. (SBU) WORLD.\n"


def ten_megabyte_line() -> str:
    return BANNER + "1. (U) " + "WORD " * (2 * 1024 * 1024)


def million_lines() -> str:
    return BANNER + "".join(f"{i + 1}. (U) LINE.\n" if i < 30 else "TEXT OF A LINE\n" for i in range(1_000_000))


def hundred_thousand_recipients() -> str:
    infos = "".join(f"RUEHXX/AMEMBASSY CITY{i} PRIORITY {i}\n" for i in range(100_000))
    return (
        "VZCZCXRO8970\nPP RUEHAST\nDE RUEHTA #1145/01 1841109\nZNR UUUUU ZZH\nP 031109Z JUL 09\n"
        "FM AMEMBASSY ASTANA\nTO RUEHC/SECSTATE WASHDC PRIORITY 5752\nINFO " + infos + CABLE
    )


def fifty_thousand_refs() -> str:
    refs = "".join(f"{chr(ord('A') + i % 26)}. STATE {i + 1}\n" for i in range(1, 50_000))
    return "UNCLAS ASTANA 001145\n\nSUBJECT: REFS\n\nREF: A. STATE 1\n" + refs + "\n1. (U) HELLO.\n"


def deep_markup() -> str:
    return "<pre>" + "<b>" * 200_000 + BANNER + "1. (U) HELLO." + "</b>" * 200_000 + "</pre>"


CASES: dict[str, Callable[[], str]] = {
    "a 10 MB line": ten_megabyte_line,
    "a 1,000,000-line cable": million_lines,
    "100,000 recipients": hundred_thousand_recipients,
    "a REF list of 50,000 items": fifty_thousand_refs,
    "200,000 nested tags": deep_markup,
    "500,000 open brackets": lambda: BANNER + "(" * 500_000,
    "empty": lambda: "",
    "whitespace only": lambda: " \t\r\n\u000b\f\u00a0\ufeff" * 1000,
    "NUL bytes": lambda: CABLE.replace("\n", "\0\n"),
}


@pytest.mark.parametrize("name", list(CASES))
def test_lenient_always_gives_a_tree_and_strict_only_parse_errors(name: str) -> None:
    text = CASES[name]()
    tree = cable.parse(text)
    assert isinstance(tree, cable.Cable)
    assert tree.span.end <= len(text.encode())
    try:
        cable.parse(text, strict=True)
    except cable.ParseError as err:
        assert err.kind == "syntax"
        assert err.line is not None and err.line >= 1


def test_big_inputs_keep_their_text() -> None:
    tree = cable.parse(ten_megabyte_line())
    assert tree.body is not None
    assert len(tree.body.paragraphs[0].text) == len("WORD " * (2 * 1024 * 1024)) - 1
    tree = cable.parse(hundred_thousand_recipients())
    assert tree.header is not None and len(tree.header.info) == 100_000
    tree = cable.parse(fifty_thousand_refs())
    assert tree.body is not None and len(tree.body.references) == 50_000


@pytest.mark.parametrize("at", ["first", "middle", "last"])
def test_invalid_utf8_at_the_first_a_middle_and_the_last_byte(at: str) -> None:
    data = bytearray(CABLE.encode())
    index = {"first": 0, "middle": len(data) // 2, "last": len(data) - 1}[at]
    data[index] = 0xFF
    with pytest.raises(cable.ParseError) as info:
        cable.parse_bytes(bytes(data))
    assert info.value.kind == "invalid_utf8"
    assert info.value.offset == index


def test_latin1_bytes_are_refused_and_latin1_text_is_kept() -> None:
    latin1 = (BANNER + "1. (U) SAO TOME E PRINCIPE, CAFÉ, JOSÉ.\n").encode("latin-1")
    with pytest.raises(cable.ParseError) as info:
        cable.parse_bytes(latin1)
    assert info.value.kind == "invalid_utf8"
    # Decoded by the caller, the same text parses and keeps its accents.
    tree = cable.parse(latin1.decode("latin-1"))
    assert tree.body is not None and "CAFÉ, JOSÉ." in tree.body.paragraphs[0].text


def test_html_scripts_and_unclosed_tags_never_reach_the_tree() -> None:
    html = (
        "<pre>" + BANNER + "1. (U) HELLO <script>alert(1)</script>WORLD.\n"
        "2. (U) MORE <style>p{}</style><script>never closed <img src=x onerror=alert(1)"
    )
    tree = cable.parse(html, container="html_pre")
    text = tree.to_json()
    for markup in ("<script", "alert(", "<style", "onerror", "<img"):
        assert markup not in text
    assert tree.body is not None and tree.body.paragraphs[0].text == "HELLO WORLD."


def test_the_size_limit_is_a_parse_error_and_can_be_raised() -> None:
    text = CABLE * 10
    with pytest.raises(cable.ParseError) as info:
        cable.parse(text, max_input_bytes=100)
    assert info.value.kind == "too_large"
    with pytest.raises(cable.ParseError):
        cable.parse_bytes(text.encode(), max_input_bytes=100)
    assert cable.parse(text, max_input_bytes=len(text.encode())).body is not None
