#!/usr/bin/env python3
"""Choose the hard set (issue 22) and the held-out additions among corpus HTML cables
that no gold or held-out file covers yet.

usage: hard_select.py CORPUS_DIR GOLD_DIR

This only *chooses* files: each class below is a loose regular expression over the
`<pre>` text, tuned to find candidates, never to read values (the readers read the text).
It prints, for each chosen file, the classes that picked it. The choice is seeded and
stable: the same corpus gives the same sets.
"""
import html
import random
import re
import sys
from pathlib import Path

CLASSES = {
    # 1, 2: REF items with hand-typed stations or other id shapes
    "ref_shape": r"(?m)^\s*(REF|Ref|REFS?|REFTELS?)\b.*(\b\d{2}[A-Z]{3,}\d{2,}|\b\d{2}-[A-Z]+-\d+|\b(19|20)\d\d ?[A-Z]{3,} ?\d+|'\d\d [A-Z]+|\(\d\d\) [A-Z]+)",
    # 3: where the REF block starts and ends
    "ref_label": r"(?m)(Ref\(s\):|REFTELS?:|^\s*REF\.|[A-Z]REF:)",
    "ref_page": r"(?ms)^\s*REF\b[^\n]*\n(?:[^\n]+\n){0,6}?[^\n]*\b\d{8} +\d{3}(\.\d)? +OF +\d{3}",
    "ref_then_text": r"(?m)^\s*Ref(erence)?s?:[^\n]*\n\s*(\(U\)|\(C\)|\(SBU\)|1\.)",
    # 4: Classified By
    "classified_odd": r"(?i)(\(C\) CLASSIFIED BY|message classified by|CLASSIFIED BY SECTION|CLASSIFIED BY LINE ADDED|1\.[^\n]{0,40}ENTIRE TEXT[^\n]{0,20}CLASSIFIED BY)",
    # 5: E.O. line
    "eo_odd": r"(?m)(E\.o\.|decl:|DECL:\s*\d{1,2}/\d{1,2}/\d{2}\b|^TAG [A-Z]{4})",
    # 6: subject
    "subject_odd": r"(?m)^\s*SUBJ(ECT)?:[^\n]*(SENSITIVE BUT UNCLASSIFIED|PLEASE PROTECT|\(U\)\s*$|\(S\)\s*$|\d{8} +\d{3} +OF)|C O R R E C T E D|&#\d+;",
    # 7: signature
    "signature_odd": r"(?m)(^\s*NNNN\s*$|\. M(a)?c[A-Z][a-z]+\s*$|^\s*[A-Z][a-z]+\.\s*$)",
    # 8: summary labels
    "summary_label": r"(Introduction and Summary|Summary and Recommendation|Summary/Introduction|\(SBU\)\. Summary|1, \(C\) Summary)",
    # 9: tags continued with commas after a spaced first line
    "tags_cont": r"(?m)^\s*TAGS:?\s+[A-Z]{2,5}( [A-Z]{2,5})+\s*\n\s*[A-Z]{2,5},",
    # Wider shapes of the same classes, where the corpus has few of the narrow ones:
    # a REF list of three items or more, or wrapped over lines.
    "ref_long": r"(?ms)^\s*REF(S|TELS?)?:?\s[^\n]*\n(\s*[B-Z][.)][^\n]*\n|\s{3,}[^\n]+\n){2,}",
    # a page break before the first paragraph (inside the head).
    "head_page": r"(?s)\A(?:(?!\n\s*1\.).){0,3000}?\n\s*[A-Z ]+ \d{8} +\d{3}(\.\d)? +OF +\d{3}",
    # a subject over two lines or more.
    "subject_wrap": r"(?m)^\s*SUBJ(ECT)?:[^\n]{50,}\n\s*[A-Z(][^\n]*\n(?!\s*\n)",
    # Classified By not at a line start, or with no REASON on its line.
    "classified_wrap": r"(?mi)^\s*\S.*classified by[^\n]*\n(?!.*reason)",
    # a summary lead other than `SUMMARY:` / `Summary:`.
    "summary_other": r"(?m)^\s*(\d\.\s*)?(\([A-Z/]+\)\s*)?(BEGIN SUMMARY|Summary and [A-Z]|SUMMARY AND [A-Z]|Summary\s*\.|SUMMARY\s*\.|-+\s*SUMMARY)",
    # a signer in mixed case, or one run on at the end of the last sentence.
    "signature_mixed": r"(?m)^\s*[A-Z][a-z]+( [A-Z][a-z]+)?\s*\n\s*(\n\s*)*(</pre>|\Z)",
}


def pre_text(path):
    raw = path.read_text(errors="replace")
    m = re.search(r"(?s)<pre>(.*?)</pre>", raw)
    return html.unescape(m.group(1) if m else raw)


def main():
    corpus, gold = Path(sys.argv[1]), Path(sys.argv[2])
    taken = {p.stem for p in gold.rglob("*.toml")}
    files = sorted(p for p in (corpus / "cablegate-html").glob("*.html") if p.stem not in taken)
    hits = {}
    for p in files:
        text = pre_text(p)
        classes = [c for c, rx in CLASSES.items() if re.search(rx, text)]
        if classes:
            hits[p.name] = classes
    rng = random.Random(22)
    # The held-out additions first, drawn at random among all remaining files (whatever
    # classes picked them), so that they stay cables "like any other".
    heldout = sorted(rng.sample([p.name for p in files], min(40, len(files))))
    hits = {f: c for f, c in hits.items() if f not in heldout}
    # The hard set: every other file a class picked, rarest classes first, up to 160.
    counts = {c: sum(c in v for v in hits.values()) for c in CLASSES}
    order = sorted(hits, key=lambda f: (min(counts[c] for c in hits[f]), f))
    hard = sorted(order[:160])
    for c in CLASSES:
        print(f"# {c}: {counts[c]} candidates, {sum(c in hits[f] for f in hard)} chosen")
    for f in hard:
        print("hard", f, " ".join(hits[f]))
    for f in heldout:
        print("heldout", f)


if __name__ == "__main__":
    main()
