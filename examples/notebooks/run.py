#!/usr/bin/env python3
"""Runs a notebook from top to bottom with nbclient; a failing cell fails the run.

    python examples/notebooks/run.py [NOTEBOOK...]     # default: every .ipynb here

Checks first that each notebook is committed without outputs, then executes it in
its own folder with the `python3` kernel of this interpreter (ipykernel), and checks
that the cells which show something (the cable card, the chart, the tables) did.
The executed copy is written to target/notebooks/ for a look, never over the source.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import nbformat
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError

HERE = Path(__file__).resolve().parent
OUT = HERE.parent.parent / "target" / "notebooks"


def clean(nb: nbformat.NotebookNode) -> list[str]:
    """What stops a notebook from being 'committed without outputs'."""
    problems = []
    for i, cell in enumerate(nb.cells):
        if cell.cell_type == "code" and (cell.get("outputs") or cell.get("execution_count") is not None):
            problems.append(f"cell {i} has outputs or an execution count: clear them before committing")
    return problems


def shown(nb: nbformat.NotebookNode) -> set[str]:
    """The MIME types that the executed notebook displays."""
    kinds = set()
    for cell in nb.cells:
        for output in cell.get("outputs", []):
            if output.get("output_type") == "error":
                kinds.add("error")
            kinds.update(output.get("data", {}).keys())
    return kinds


def run(path: Path) -> int:
    nb = nbformat.read(path, as_version=4)
    problems = clean(nb)
    if problems:
        print(f"{path}: " + "; ".join(problems), file=sys.stderr)
        return 1
    client = NotebookClient(nb, timeout=600, kernel_name="python3", resources={"metadata": {"path": str(path.parent)}})
    try:
        client.execute()
    except CellExecutionError as err:
        print(f"{path}: a cell failed\n{err}", file=sys.stderr)
        return 1
    finally:
        OUT.mkdir(parents=True, exist_ok=True)
        nbformat.write(nb, OUT / path.name)
    kinds = shown(nb)
    missing = {"text/html", "image/png"} - kinds
    if missing:
        print(f"{path}: ran, but shows no {', '.join(sorted(missing))}", file=sys.stderr)
        return 1
    cells = sum(1 for c in nb.cells if c.cell_type == "code")
    print(f"{path.name}: {cells} code cells ran; shows {', '.join(sorted(kinds))}; executed copy in {OUT / path.name}")
    return 0


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    ap.add_argument("notebooks", nargs="*", type=Path)
    args = ap.parse_args(argv)
    notebooks = args.notebooks or sorted(HERE.glob("*.ipynb"))
    if not notebooks:
        print("no notebook to run", file=sys.stderr)
        return 1
    return max(run(p) for p in notebooks)


if __name__ == "__main__":
    sys.exit(main())
