#!/usr/bin/env python3
"""Parse a ``cables.csv`` archive on Spark and write the three tables as Parquet.

The archive is cut into byte ranges; each Spark task reads the rows that start in
its range with ``cable.read_archive(path, start=..., end=...)`` (the Rust reader
resynchronises on the first row start, so the ranges together see every row once),
parses them with cable-py inside the executor and hands the Arrow record batches
built in Rust to Spark through ``mapInArrow``. The result is written as Parquet:
``OUT/cables``, ``OUT/paragraphs``, ``OUT/references`` (the tables of
``cable export --format parquet``, see the README) and ``OUT/errors`` (the rows that
could not be read, with their byte range).

Usage::

    python examples/spark/cable_spark.py cables.csv OUT [--splits N] [--master local[2]]
    spark-submit examples/spark/cable_spark.py cables.csv OUT --splits 64

Every executor needs cable-py and pyarrow installed (``pip install 'cable-py[arrow]'``)
and must see the archive at the same path (a local file in local mode; on a cluster,
a shared filesystem). Each row of the archive is parsed exactly once: the parsed
rows are persisted while the three tables are written.
"""

from __future__ import annotations

import argparse
import os
import sys
from typing import Any, Iterator

import pyarrow as pa

import cable

#: The tables written, in order; `errors` lists the rows that could not be read.
OUTPUTS = (*cable.TABLES, "errors")

ERRORS_SCHEMA = pa.schema(
    [
        pa.field("path", pa.string(), nullable=False),
        pa.field("start", pa.int64(), nullable=False),
        pa.field("end", pa.int64(), nullable=False),
        pa.field("row", pa.int64(), nullable=False),
        pa.field("line", pa.int64(), nullable=False),
        pa.field("kind", pa.string(), nullable=False),
        pa.field("message", pa.string(), nullable=False),
    ]
)


def parsed_schema() -> pa.Schema:
    """What the executors return: one struct column per output table; each row fills
    exactly one of them, so that one pass over the archive feeds all the tables."""
    structs = [pa.field(name, pa.struct(list(cable.arrow_schema(name))), nullable=True) for name in cable.TABLES]
    structs.append(pa.field("errors", pa.struct(list(ERRORS_SCHEMA)), nullable=True))
    return pa.schema(structs)


def byte_ranges(size: int, splits: int) -> list[tuple[int, int]]:
    """`splits` ranges of about the same size that tile `0..size`."""
    splits = max(1, min(splits, size or 1))
    bounds = [size * i // splits for i in range(splits + 1)]
    return list(zip(bounds, bounds[1:]))


def _spread(batch: pa.RecordBatch | pa.Table, column: str, schema: pa.Schema) -> pa.RecordBatch:
    """`batch` as rows of `schema` whose `column` holds it and whose other columns are null."""
    n = batch.num_rows
    arrays = []
    for field in schema:
        if field.name == column:
            arrays.append(pa.StructArray.from_arrays(batch.columns, fields=list(field.type)))
        else:
            arrays.append(pa.nulls(n, field.type))
    return pa.RecordBatch.from_arrays(arrays, schema=schema)


def parse_ranges(ranges: Iterator[pa.RecordBatch], batch_rows: int = 2000) -> Iterator[pa.RecordBatch]:
    """The `mapInArrow` function: for each `(path, start, end)` row, the three tables of
    the archive rows that start in that range, then the rows that failed."""
    schema = parsed_schema()
    for batch in ranges:
        for task in batch.to_pylist():
            path, start, end = task["path"], task["start"], task["end"]
            # One thread per task: Spark runs one task per core already.
            reader = cable.read_archive(path, start=start, end=end, batch_rows=batch_rows, threads=1)
            for tables in reader:
                for name, table in zip(cable.TABLES, tables):
                    if table.num_rows:
                        yield _spread(table, name, schema)
            failed = [
                {"path": path, "start": start, "end": end, "row": e.row, "line": e.line, "kind": e.kind, "message": e.message}
                for e in reader.errors
            ]
            if failed:
                yield _spread(pa.RecordBatch.from_pylist(failed, schema=ERRORS_SCHEMA), "errors", schema)


def session(master: str | None, app: str = "cable") -> Any:
    """A SparkSession set for the tables: UTC timestamps, written as microseconds, zstd."""
    from pyspark.sql import SparkSession

    builder = SparkSession.builder.appName(app)
    if master:
        builder = builder.master(master)
        if master.startswith("local"):
            # Local workers run this interpreter, where cable-py is installed.
            os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
            # Everything stays on this machine: no host name to resolve, loopback only.
            os.environ.setdefault("SPARK_LOCAL_IP", "127.0.0.1")
            builder = builder.config("spark.driver.host", "127.0.0.1").config("spark.driver.bindAddress", "127.0.0.1")
    return (
        builder.config("spark.sql.session.timeZone", "UTC")
        .config("spark.sql.parquet.outputTimestampType", "TIMESTAMP_MICROS")
        .config("spark.sql.parquet.compression.codec", "zstd")
        .config("spark.ui.enabled", "false")
        .getOrCreate()
    )


def run(spark: Any, archive: str, out: str, splits: int, batch_rows: int = 2000) -> dict[str, int]:
    """Parses `archive` in `splits` byte ranges and writes the tables under `out`.
    Returns the number of rows written per table."""
    from pyspark import StorageLevel
    from pyspark.sql import functions as F
    from pyspark.sql.pandas.types import from_arrow_schema

    # The executors unpickle parse_ranges by reference to this module: ship it.
    spark.sparkContext.addPyFile(os.path.abspath(__file__))
    path = os.path.abspath(archive)
    ranges = [(path, start, end) for start, end in byte_ranges(os.path.getsize(path), splits)]
    tasks = spark.sparkContext.parallelize(ranges, len(ranges)).toDF("path string, start long, end long")
    spark_schema = from_arrow_schema(parsed_schema())
    parsed = tasks.mapInArrow(lambda it: parse_ranges(it, batch_rows), spark_schema)
    parsed = parsed.persist(StorageLevel.MEMORY_AND_DISK)
    counts = {}
    try:
        for name in OUTPUTS:
            table = parsed.where(F.col(name).isNotNull()).select(f"{name}.*")
            table.write.mode("overwrite").parquet(os.path.join(out, name))
            counts[name] = spark.read.parquet(os.path.join(out, name)).count()
    finally:
        parsed.unpersist()
    return counts


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    ap.add_argument("archive", help="a cables.csv file, readable by every executor at this path")
    ap.add_argument("out", help="output directory: OUT/cables, OUT/paragraphs, OUT/references, OUT/errors")
    ap.add_argument("--splits", type=int, default=None, help="byte ranges (Spark tasks); default: 1 per 64 MB, at least 2 per core")
    ap.add_argument("--master", default=None, help="Spark master, e.g. local[2] (default: as spark-submit sets it)")
    ap.add_argument("--batch-rows", type=int, default=2000, help="cables per Arrow batch")
    args = ap.parse_args(argv)
    spark = session(args.master)
    try:
        splits = args.splits or max(2 * spark.sparkContext.defaultParallelism, os.path.getsize(args.archive) // (64 << 20) + 1)
        counts = run(spark, args.archive, args.out, splits, args.batch_rows)
    finally:
        spark.stop()
    for name, n in counts.items():
        print(f"{os.path.join(args.out, name)}: {n} rows")
    return 1 if counts.get("errors") else 0


if __name__ == "__main__":
    sys.exit(main())
