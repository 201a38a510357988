"""The typing stub: generated from the committed schema, fresh, and true to the runtime."""

from __future__ import annotations

import ast
import subprocess
import sys

import cable
from conftest import REPO

STUB = REPO / "cable-py" / "python" / "cable" / "__init__.pyi"
SCHEMA = REPO / "cable-core" / "schema" / "cable.schema.json"
GEN = REPO / "cable-py" / "scripts" / "gen_stubs.py"


def test_stub_is_fresh() -> None:
    out = subprocess.run([sys.executable, str(GEN), "--check"], capture_output=True, text=True)
    assert out.returncode == 0, out.stdout + out.stderr


def test_committed_schema_is_the_compiled_one() -> None:
    assert SCHEMA.read_text(encoding="utf-8") == cable.json_schema()


def test_py_typed_marker_ships() -> None:
    assert (STUB.parent / "py.typed").exists()


def test_stub_matches_the_runtime() -> None:
    tree = ast.parse(STUB.read_text(encoding="utf-8"))
    classes = {node.name: node for node in tree.body if isinstance(node, ast.ClassDef)}
    functions = {node.name for node in tree.body if isinstance(node, ast.FunctionDef)}
    constants = {
        node.target.id for node in tree.body if isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name)
    }
    for name in functions:
        assert callable(getattr(cable, name)), name
    for name in constants:
        assert isinstance(getattr(cable, name), (str, tuple)), name
    for name in set(cable.__all__):
        assert name in classes or name in functions or name in constants, f"{name} is exported but not in the stub"
    for name, node in classes.items():
        if name.endswith("Dict"):
            continue
        runtime = getattr(cable, name)
        for member in node.body:
            if isinstance(member, ast.FunctionDef):
                assert hasattr(runtime, member.name), f"{name}.{member.name}"
            elif isinstance(member, ast.AnnAssign) and isinstance(member.target, ast.Name):
                if issubclass(runtime, BaseException):
                    continue  # instance attributes, set when raised
                assert hasattr(runtime, member.target.id), f"{name}.{member.target.id}"
