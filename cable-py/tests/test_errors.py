"""Bad input: the error types, their attributes, and lenient results' diagnostics."""

from __future__ import annotations

from pathlib import Path

import cable
from conftest import ASTANA

import pytest


def test_parse_error_is_a_value_error() -> None:
    assert issubclass(cable.ParseError, ValueError)
    assert issubclass(cable.CsvError, cable.ParseError)


def test_invalid_utf8_names_the_offset() -> None:
    with pytest.raises(cable.ParseError) as info:
        cable.parse_bytes(b"UNCLAS \xff")
    err = info.value
    assert err.kind == "invalid_utf8"
    assert err.offset == 7
    assert "offset 7" in str(err)
    assert err.line is None and err.column is None and err.snippet is None and err.expected is None


def test_invalid_utf8_in_a_real_cable(tmp_path: Path) -> None:
    data = ASTANA.read_bytes()
    bad = data[:2000] + b"\xc3\x28" + data[2000:]
    path = tmp_path / "bad.txt"
    path.write_bytes(bad)
    for call in (lambda: cable.parse_bytes(bad), lambda: cable.parse_file(path)):
        with pytest.raises(ValueError) as info:
            call()
        assert isinstance(info.value, cable.ParseError)
        assert info.value.offset == 2000


def test_binary_junk() -> None:
    junk = bytes(range(256)) * 4
    with pytest.raises(cable.ParseError) as info:
        cable.parse_bytes(junk)
    assert info.value.kind == "invalid_utf8"
    assert info.value.offset == 128
    # Junk that is valid UTF-8: lenient keeps it and says so.
    text = "\x00\x01\x02\x1b[0m\ufffd junk \x7f\n" * 3
    lenient = cable.parse(text)
    assert lenient.diagnostics, "a lenient result says what it did not understand"
    # Strict mode raises nothing but ParseError on it.
    try:
        strict = cable.parse(text, strict=True)
    except cable.ParseError as err:
        assert err.kind == "syntax" and err.line is not None and err.snippet is not None
    else:
        assert strict == lenient


@pytest.mark.parametrize("text", ["", "\n\n", "   "])
def test_empty_input(text: str) -> None:
    c = cable.parse(text)
    assert c.body is None
    assert [d.code for d in c.diagnostics] == ["no-cable-text"]
    assert c.diagnostics[0].severity == cable.Severity.Error
    with pytest.raises(cable.ParseError) as info:
        cable.parse(text, strict=True)
    err = info.value
    assert err.kind == "syntax"
    assert err.line is not None and err.line >= 1 and err.column is not None and err.column >= 1
    assert isinstance(err.expected, str) and err.expected
    with pytest.raises(cable.ParseError):
        cable.parse_bytes(text.encode(), strict=True)


def test_truncated_header() -> None:
    full = ASTANA.read_text(encoding="utf-8")
    bare = "\n".join(full.splitlines()[5:])  # bare text: header and body
    truncated = bare[: bare.index("\nTO ") + len("\nTO")] + "\n"
    lenient = cable.parse(truncated)
    assert lenient.header is not None
    assert lenient.header.from_ == "AMEMBASSY ASTANA"
    assert lenient.body is None
    assert lenient.diagnostics, "a lenient result says what is missing"
    codes = {d.code for d in lenient.diagnostics}
    assert "no-cable-text" in codes
    with pytest.raises(cable.ParseError) as info:
        cable.parse(truncated, strict=True)
    err = info.value
    lines = truncated.splitlines()
    assert err.kind == "syntax"
    assert err.line is not None and 1 < err.line <= len(lines)
    assert err.snippet == lines[err.line - 1]
    assert err.column is not None and err.column >= 1
    assert isinstance(err.expected, str) and err.expected
    assert str(err).startswith(f"{err.line}:{err.column}: expected {err.expected}")


def test_strict_accepts_a_clean_cable() -> None:
    assert cable.parse_file(ASTANA, strict=True) == cable.parse_file(ASTANA)


def test_lenient_results_expose_diagnostics() -> None:
    c = cable.parse("FM AMEMBASSY X\nTO\n")
    assert all(isinstance(d, cable.Diagnostic) for d in c.diagnostics)
    d = c.diagnostics[0]
    assert isinstance(d.code, str) and isinstance(d.message, str) and isinstance(d.span, cable.Span)
    assert d.severity in (cable.Severity.Error, cable.Severity.Warning, cable.Severity.Info)


def test_too_large() -> None:
    with pytest.raises(cable.ParseError) as info:
        cable.parse("UNCLAS STATE 000001\n", max_input_bytes=4)
    assert info.value.kind == "too_large"


def test_bad_arguments() -> None:
    with pytest.raises(ValueError, match="unknown container"):
        cable.parse("x", container="pdf")  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        cable.parse("x", container=3)  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        cable.parse(b"x")  # type: ignore[arg-type]
    with pytest.raises(FileNotFoundError):
        cable.parse_file("/nonexistent/cable.txt")


def test_a_file_that_cannot_be_read_raises_the_matching_os_error(tmp_path: Path) -> None:
    missing = tmp_path / "07BERLIN1767.html"
    with pytest.raises(FileNotFoundError, match="07BERLIN1767.html"):
        cable.parse_file(missing)
    with pytest.raises(IsADirectoryError):
        cable.parse_file(tmp_path)
    # The other errors keep core's kind.
    (tmp_path / "big.txt").write_text("UNCLAS STATE 000001\n")
    with pytest.raises(cable.ParseError) as info:
        cable.parse_file(tmp_path / "big.txt", max_input_bytes=4)
    assert info.value.kind == "too_large"
