#!/usr/bin/env python3
"""Derive data/release-ids.bin: the reference ids of the Cablegate release, as a compact
index the library compiles in (`in_release`, and choosing between two spellings of a
station such as IRANRPODUBAI and RPODUBAI).

usage: make_release_ids.py ../shared/data/cablegate-ids.txt.gz data/stations.txt > data/release-ids.bin

Only ids whose station is in data/stations.txt are kept (the malformed ids of the release,
such as 06SECION01OF02HARARE628, name no station a parser resolves). For each station, in
the order of stations.txt: the number of years (varint), then for each year its two
digits (one byte), the number of serials (varint) and the serials, ascending, each as the
difference from the one before (varint). Varints are LEB128.
"""
import gzip
import re
import sys
from collections import defaultdict


def varint(n):
    out = bytearray()
    while True:
        b = n & 0x7F
        n >>= 7
        if n:
            out.append(b | 0x80)
        else:
            out.append(b)
            return bytes(out)


stations = [l.split()[0] for l in open(sys.argv[2]) if l.strip() and not l.startswith("#")]
known = set(stations)
groups = defaultdict(lambda: defaultdict(set))
with gzip.open(sys.argv[1], "rt") as f:
    for line in f:
        m = re.fullmatch(r"(\d\d)([A-Z]+?)0*(\d+)", line.strip())
        if m and m.group(2) in known:
            groups[m.group(2)][int(m.group(1))].add(int(m.group(3)))

out = bytearray()
for station in sorted(stations):
    years = groups[station]
    out += varint(len(years))
    for yy in sorted(years):
        serials = sorted(years[yy])
        out += bytes([yy]) + varint(len(serials))
        last = 0
        for s in serials:
            out += varint(s - last)
            last = s
sys.stdout.buffer.write(bytes(out))
