#!/usr/bin/env python3
"""Compare two independent readings (A and B) of the gold set, field by field.

usage: gold_compare.py DIR_A DIR_B [--json OUT]

Each DIR holds txt/, html/ and page/ with one TOML file per cable. Prints the
disagreements, one line per field, and the count per field; with --json, writes
them for the third reading.
"""
import json
import re
import sys
import tomllib
from pathlib import Path

TOP = ["file", "reference_id", "has_body", "sent", "banner_marking", "classification",
       "section", "banner_station", "station", "serial", "caveats", "eo_order",
       "declassify_raw", "declassify", "tags", "tag_kinds", "subject", "subject_marking",
       "classified_by", "classifier_name", "classifier_title", "reasons", "paragraphs",
       "summary_start", "summary_end", "has_comment", "signature", "references"]


def load(path):
    data = tomllib.loads(path.read_text())
    refs = data.get("references", [])
    # A reading that wrote [[references]] before the last keys put those keys in the
    # last reference table: lift them back to the top.
    if refs and isinstance(refs, list):
        last = refs[-1]
        for key in list(last):
            if key in TOP and key not in ("label", "kind", "cable_id", "notal"):
                data[key] = last.pop(key)
    return data


def words(s):
    return [re.sub(r"^\W+|\W+$", "", w).lower() for w in s.split() if re.search(r"\w", w)]


def norm(field, value):
    if isinstance(value, str):
        value = " ".join(value.split())
        if field in ("summary_start", "summary_end"):
            return words(value)
    if field == "references":
        return [(r.get("label", ""), r.get("kind", ""), r.get("cable_id", ""), bool(r.get("notal", False)))
                for r in value]
    return value


def main():
    a_dir, b_dir = Path(sys.argv[1]), Path(sys.argv[2])
    out = sys.argv[sys.argv.index("--json") + 1] if "--json" in sys.argv else None
    counts = {f: 0 for f in TOP}
    diffs = []
    files = sorted({p.relative_to(a_dir) for p in a_dir.rglob("*.toml")} |
                   {p.relative_to(b_dir) for p in b_dir.rglob("*.toml")})
    for rel in files:
        pa, pb = a_dir / rel, b_dir / rel
        if not pa.exists() or not pb.exists():
            print(f"{rel}: only in {'A' if pa.exists() else 'B'}")
            continue
        a, b = load(pa), load(pb)
        for f in TOP:
            va, vb = a.get(f), b.get(f)
            if norm(f, va) != norm(f, vb):
                counts[f] += 1
                diffs.append({"file": str(rel), "corpus": a.get("file"), "field": f, "a": va, "b": vb})
    for d in diffs:
        print(f"{d['file']}\t{d['field']}\tA={json.dumps(d['a'], ensure_ascii=False)}\tB={json.dumps(d['b'], ensure_ascii=False)}")
    print(f"\n{len(files)} files; disagreements per field:")
    for f, n in counts.items():
        if n:
            print(f"  {f:18} {n}")
    if out:
        Path(out).write_text(json.dumps(diffs, ensure_ascii=False, indent=1))


if __name__ == "__main__":
    main()
