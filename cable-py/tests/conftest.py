"""Shared fixtures: the corpus, and the JSON trees of the Rust library for comparison."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

TESTS = Path(__file__).resolve().parent
REPO = TESTS.parent.parent
CORPUS = REPO / "cable-core" / "tests" / "corpus"
ASTANA = CORPUS / "cablegate-txt" / "09ASTANA1145.txt"
RUST_JSON = TESTS / "rust-json"


def corpus_files() -> list[Path]:
    files = sorted(p for d in ("cablegate-txt", "cablegate-html", "cablegate-page") for p in (CORPUS / d).iterdir())
    assert len(files) >= 737, f"the corpus is incomplete: {len(files)} files under {CORPUS}"
    return files


@pytest.fixture(scope="session")
def corpus() -> list[Path]:
    return corpus_files()


@pytest.fixture(scope="session")
def rust_json_bin() -> Path:
    """Builds tests/rust-json (a few lines over cable-core) with cargo, once per session."""
    cargo = shutil.which("cargo")
    if cargo is None:
        pytest.fail("cargo is needed to compare with the Rust library's JSON (install Rust with rustup)")
    target = Path(os.environ.get("CARGO_TARGET_DIR", REPO / "target"))
    subprocess.run(
        [cargo, "build", "--quiet", "--manifest-path", str(RUST_JSON / "Cargo.toml"), "--target-dir", str(target)],
        check=True,
    )
    exe = target / "debug" / ("cable-py-rust-json.exe" if os.name == "nt" else "cable-py-rust-json")
    assert exe.exists(), exe
    return exe


@pytest.fixture(scope="session")
def rust_json_dir(rust_json_bin: Path, corpus: list[Path], tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The JSON trees of every corpus file, as written by Rust (see rust-json/src/main.rs)."""
    out = tmp_path_factory.mktemp("rust-json")
    subprocess.run([str(rust_json_bin), "files", str(out), *map(str, corpus)], check=True)
    return out


@pytest.fixture(scope="session")
def rust_trees(rust_json_dir: Path, corpus: list[Path]) -> dict[Path, str]:
    """`cable_core::parse(text).to_json()` for every corpus file, as written by Rust."""
    return {path: (rust_json_dir / f"{i}.json").read_text(encoding="utf-8") for i, path in enumerate(corpus)}


@pytest.fixture(scope="session")
def rust_file_trees(rust_json_dir: Path, corpus: list[Path]) -> dict[Path, str]:
    """`cable_core::parse_file(path).to_json()` for every corpus file: the file's name is
    known, so a bare `<pre>` block named by its reference id has that id."""
    return {path: (rust_json_dir / f"{i}.file.json").read_text(encoding="utf-8") for i, path in enumerate(corpus)}
