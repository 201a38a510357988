#!/usr/bin/env python3
"""Wall time of ``cable.parse_many`` over the whole corpus against a loop of ``cable.parse``.

Usage: python cable-py/scripts/bench_parse_many.py [--repeat N] [--threads N]

Both runs parse the same texts (read once, beforehand), in the same process; the
best of ``--repeat`` runs is reported for each, and the results are checked equal.
"""

from __future__ import annotations

import argparse
import os
import time
from pathlib import Path

import cable

CORPUS = Path(__file__).resolve().parents[2] / "cable-core" / "tests" / "corpus"


def best(fn, repeat: int) -> tuple[float, float, list[cable.Cable]]:  # type: ignore[no-untyped-def]
    """Best wall time, the CPU time of that run (all threads), and the result."""
    runs, result = [], []
    for _ in range(repeat):
        cpu, start = time.process_time(), time.perf_counter()
        result = fn()
        runs.append((time.perf_counter() - start, time.process_time() - cpu))
    wall, cpu = min(runs)
    return wall, cpu, result


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--threads", type=int, default=None, help="parse_many threads (default: one per CPU)")
    args = ap.parse_args()
    files = sorted(p for d in ("cablegate-txt", "cablegate-html", "cablegate-page") for p in (CORPUS / d).iterdir())
    texts = [p.read_text(encoding="utf-8") for p in files]
    size = sum(len(t.encode("utf-8")) for t in texts)
    loop_t, loop_cpu, loop = best(lambda: [cable.parse(t) for t in texts], args.repeat)
    many_t, many_cpu, many = best(lambda: cable.parse_many(texts, threads=args.threads), args.repeat)
    assert many == loop, "parse_many and the loop disagree"
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(f"corpus: {len(texts)} files, {size / 1e6:.1f} MB; {os.cpu_count()} CPUs, load {load:.1f}; best of {args.repeat}")
    print(f"loop of parse: {loop_t * 1000:8.1f} ms wall, {loop_cpu * 1000:8.1f} ms CPU ({size / loop_t / 1e6:5.1f} MB/s)")
    print(
        f"parse_many:    {many_t * 1000:8.1f} ms wall, {many_cpu * 1000:8.1f} ms CPU ({size / many_t / 1e6:5.1f} MB/s)"
        f"  threads={args.threads or 'auto'}"
    )
    print(f"speed-up:      {loop_t / many_t:8.2f}x wall")


if __name__ == "__main__":
    main()
