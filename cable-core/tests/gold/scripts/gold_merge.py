#!/usr/bin/env python3
"""Write the gold files from two readings and the third reading's decisions.

usage: gold_merge.py DIR_A DIR_B DECISIONS.json OUT_DIR

Where A and B agree, the value is theirs. Where they disagree, DECISIONS names the
reading that the third reading of the cable text found right ("A" or "B"), or gives the
value itself ({"value": ...}). A disagreement without a decision stops the merge.

A field that two new readers read again (`rereadings.json` beside DECISIONS: for each
file and field, the value each new reader wrote, "a" and "b") takes the new readers'
value where they agree with each other; where they disagree, the first readings stand.

No step replaces the readers' values with a rule or a table of the parser: the gold says
what the cable text says, so that it can find the parser wrong.
"""
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from gold_compare import TOP, load, norm  # noqa: E402


# Words a web page's wrap cut in two, found by reading the cables (issue 22: "words split
# by a web wrap are joined, in gold values and by the parser"). Both readers wrote them
# as the page shows them; the gold joins them, as it removes the export's pilcrow.
WEB_WRAP_CUTS = {"Michae l": "Michael", "Affa irs": "Affairs"}


def join_web_wraps(v):
    if isinstance(v, str):
        for cut, word in WEB_WRAP_CUTS.items():
            v = v.replace(cut, word)
    elif isinstance(v, list):
        v = [join_web_wraps(x) for x in v]
    return v


def dedupe(values):
    seen, out = set(), []
    for v in values:
        if v not in seen:
            seen.add(v)
            out.append(v)
    return out


def toml_value(v):
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, int):
        return str(v)
    if isinstance(v, str):
        return json.dumps(v, ensure_ascii=False)
    if isinstance(v, list):
        return "[" + ", ".join(toml_value(x) for x in v) + "]"
    raise TypeError(v)


def write(data, path):
    lines = []
    for key in TOP:
        if key == "references":
            continue
        lines.append(f"{key} = {toml_value(data[key])}")
    refs = data["references"]
    if refs:
        lines.append("references = [")
        for r in refs:
            lines.append("  { label = %s, kind = %s, cable_id = %s, notal = %s }," % (
                toml_value(r["label"]), toml_value(r["kind"]), toml_value(r["cable_id"]),
                toml_value(bool(r.get("notal", False)))))
        lines.append("]")
    else:
        lines.append("references = []")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("\n".join(lines) + "\n")


def main():
    a_dir, b_dir, decisions_path, out_dir = map(Path, sys.argv[1:5])
    decisions = json.loads(decisions_path.read_text())
    reread_path = decisions_path.parent / "rereadings.json"
    rereadings = json.loads(reread_path.read_text()) if reread_path.exists() else {}
    missing = []
    for pa in sorted(a_dir.rglob("*.toml")):
        rel = pa.relative_to(a_dir)
        a, b = load(pa), load(b_dir / rel)
        # Each caveat once (the rule both readings were given at the end).
        a["caveats"], b["caveats"] = dedupe(a["caveats"]), dedupe(b["caveats"])
        out = {}
        for f in TOP:
            if norm(f, a.get(f)) == norm(f, b.get(f)):
                out[f] = a.get(f)
                continue
            d = decisions.get(str(rel), {}).get(f)
            if d == "A":
                out[f] = a.get(f)
            elif d == "B":
                out[f] = b.get(f)
            elif isinstance(d, dict) and "value" in d:
                out[f] = d["value"]
            else:
                missing.append(f"{rel} {f}")
        for f, again in rereadings.get(str(rel), {}).items():
            if norm(f, again["a"]) == norm(f, again["b"]):
                out[f] = again["a"]
        write({f: join_web_wraps(v) for f, v in out.items()}, out_dir / rel)
    if missing:
        sys.exit("no decision for:\n" + "\n".join(missing))


if __name__ == "__main__":
    main()
