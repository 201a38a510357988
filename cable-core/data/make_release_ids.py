#!/usr/bin/env python3
"""Derive data/release-ids.bin: the reference ids of the Cablegate release, as a compact
index the library compiles in (`cable_core::release`: `in_release`, and choosing between
two spellings of a station such as IRANRPODUBAI and RPODUBAI).

usage: make_release_ids.py ../shared/data/cablegate-ids.txt.gz data/stations.txt > data/release-ids.bin

Only ids whose station is in data/stations.txt are kept (the malformed ids of the release,
such as 06SECION01OF02HARARE628, name no station a parser resolves). An id is a station,
a two-digit year and a serial; the ids of one station and year form a group.

The file is a directory, then the groups' serials. Integers are LEB128 varints unless
said otherwise.

    directory: for each station of stations.txt, in sorted order:
        number of groups
        for each group, by year:
            year (one byte, 0..99), number of serials, Rice parameter k (one byte),
            length in bytes of the group's serials
    serials: the groups' serials, one after the other, in the order of the directory.

A group's serials are ascending and cut into blocks of BLOCK serials. A block is its first
serial (as the difference from the first serial of the block before, or from 0 for the
first block of a group), the length in bytes of its bit stream, and the bit stream: the
differences between each following serial of the block and the one before, minus one,
each Rice-coded with k (the quotient in unary as that many 1 bits and a 0 bit, then the
k low bits, least significant first; bits fill each byte from its lowest bit). A lookup
reads the directory once, then skips whole blocks by their first serial and decodes at
most BLOCK - 1 differences. k is chosen per group to make its bit streams shortest.
"""
import gzip
import re
import sys
from collections import defaultdict

BLOCK = 128


def varint(n):
    assert n >= 0
    out = bytearray()
    while True:
        b = n & 0x7F
        n >>= 7
        if n:
            out.append(b | 0x80)
        else:
            out.append(b)
            return bytes(out)


def rice(values, k):
    """The Rice codes of `values` (each >= 0) as bytes, LSB first."""
    bits = []
    for v in values:
        q = v >> k
        bits.extend([1] * q + [0])
        bits.extend((v >> i) & 1 for i in range(k))
    out = bytearray((len(bits) + 7) // 8)
    for i, bit in enumerate(bits):
        if bit:
            out[i // 8] |= 1 << (i % 8)
    return bytes(out)


def encode_group(serials, k):
    out = bytearray()
    previous_first = 0
    for at in range(0, len(serials), BLOCK):
        block = serials[at : at + BLOCK]
        gaps = [b - a - 1 for a, b in zip(block, block[1:])]
        stream = rice(gaps, k)
        out += varint(block[0] - previous_first) + varint(len(stream)) + stream
        previous_first = block[0]
    return bytes(out)


def main():
    stations = sorted(l.split()[0] for l in open(sys.argv[2]) if l.strip() and not l.startswith("#"))
    known = set(stations)
    groups = defaultdict(lambda: defaultdict(set))
    with gzip.open(sys.argv[1], "rt") as f:
        for line in f:
            m = re.fullmatch(r"(\d\d)([A-Z]+?)0*(\d+)", line.strip())
            if m and m.group(2) in known:
                groups[m.group(2)][int(m.group(1))].add(int(m.group(3)))

    directory = bytearray()
    streams = bytearray()
    ids = 0
    for station in stations:
        years = groups[station]
        directory += varint(len(years))
        for yy in sorted(years):
            serials = sorted(years[yy])
            k = min(range(24), key=lambda k: len(encode_group(serials, k)))
            data = encode_group(serials, k)
            directory += bytes([yy]) + varint(len(serials)) + bytes([k]) + varint(len(data))
            streams += data
            ids += len(serials)
    sys.stdout.buffer.write(bytes(directory) + bytes(streams))
    print(
        f"{ids} ids in {sum(len(y) for y in groups.values())} groups: directory {len(directory)} bytes, "
        f"serials {len(streams)} bytes ({8 * len(streams) / ids:.2f} bits per id)",
        file=sys.stderr,
    )


if __name__ == "__main__":
    main()
