#!/usr/bin/env python3
"""Derive data/stations.txt: the stations of the Cablegate release, as its reference ids
spell them, one per line, with the number of ids of each.

usage: make_stations.py ../shared/data/cablegate-ids.txt.gz > data/stations.txt

A station is what stands between the two-digit year and the serial of an id. The release
also holds malformed ids (`06SECION01OF02HARARE628`, `08EFTOPHNOMPENH416`, typos such as
`SARAEVO`): a spelling is kept when it names at least three cables, carries no digit and
does not start with the EFTO caveat run into it; five real stations with fewer cables are
kept by name.
"""
import gzip
import re
import sys
from collections import Counter

RARE_BUT_REAL = {"UNESCOPARIS", "KRAKOW", "USTRGENEVA", "LENINGRAD", "PONTADELGADA"}

counts = Counter()
with gzip.open(sys.argv[1], "rt") as f:
    for line in f:
        m = re.fullmatch(r"\d\d(.+?)\d+", line.strip())
        if m:
            counts[m.group(1)] += 1

print("# The stations of the Cablegate release as its reference ids spell them, and how")
print("# many ids each has. Made by data/make_stations.py from cablegate-ids.txt.gz.")
for station, n in sorted(counts.items()):
    real = n >= 3 and not re.search(r"\d", station) and not station.startswith("EFTO")
    if real or station in RARE_BUT_REAL:
        print(f"{station} {n}")
