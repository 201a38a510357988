"""Parse diplomatic cables (Cablegate) into a typed tree.

The Python binding of the Rust library ``cable-core``: the same grammar, the same
tree and the same JSON as in Rust.

>>> import cable
>>> c = cable.parse_file("examples/09ASTANA1145.txt")   # doctest: +SKIP
>>> c.body.subject.text                                  # doctest: +SKIP
'KAZAKHSTAN: RBK CUSTOMS UNION, WTO, AND THE WAY FORWARD'
>>> [t.code for t in c.body.tags]                         # doctest: +SKIP
['PGOV', 'PREL', 'ECON', 'ETRD', 'WTRO', 'RS', 'BO', 'KZ']

Functions: :func:`parse`, :func:`parse_file`, :func:`parse_bytes`,
:func:`parse_many`, :func:`iter_csv`, :func:`to_arrow`, :func:`read_archive`,
:func:`arrow_schema`, :func:`to_dataframe`, :func:`quality`.
Every node of the tree (:class:`Cable`, :class:`Header`, :class:`Body`,
:class:`Subject`, :class:`Tag`, ...) is a frozen class whose attributes are named as
in the JSON tree, with ``to_dict()``, ``to_json()``, ``from_json()``, ``==`` and
pickling. The enums (:class:`Container`, :class:`Classification`, :class:`TagKind`,
:class:`ReferenceKind`, :class:`Precedence`, ...) have ``.value``, the snake_case name
of the JSON. Errors raise :class:`ParseError`, a ``ValueError``.
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING, Any, Iterable, NamedTuple

from ._cable import (
    Banner,
    Block,
    Body,
    Cable,
    Classification,
    ClassifiedBy,
    Container,
    CsvError,
    CsvReader,
    CsvRowError,
    De,
    Declassify,
    DeclassifyKind,
    Diagnostic,
    Distribution,
    Dtg,
    ExecutiveOrder,
    Header,
    Metadata,
    PageBreak,
    Paragraph,
    DATAFRAME_COLUMNS,
    ROW_COLUMNS,
    TABLES,
    ParseError,
    Precedence,
    Recipient,
    Reference,
    ReferenceKind,
    Routing,
    Section,
    Severity,
    Signature,
    Span,
    Subject,
    Tag,
    TagKind,
    Trailer,
    Unparsed,
    __version__,
    iter_csv,
    json_schema,
    parse,
    parse_bytes,
    parse_file,
    parse_many,
    quality,
)
from . import _cable

if TYPE_CHECKING:  # pragma: no cover
    import pandas
    import pyarrow

__all__ = [
    "Banner",
    "Block",
    "Body",
    "Cable",
    "Classification",
    "ClassifiedBy",
    "Container",
    "CsvError",
    "CsvReader",
    "CsvRowError",
    "De",
    "Declassify",
    "DeclassifyKind",
    "Diagnostic",
    "Distribution",
    "Dtg",
    "ExecutiveOrder",
    "Header",
    "Metadata",
    "PageBreak",
    "Paragraph",
    "ParseError",
    "Precedence",
    "Recipient",
    "Reference",
    "ReferenceKind",
    "Routing",
    "Section",
    "Severity",
    "Signature",
    "Span",
    "Subject",
    "Tag",
    "TagKind",
    "Trailer",
    "Unparsed",
    "__version__",
    "iter_csv",
    "json_schema",
    "parse",
    "parse_bytes",
    "parse_file",
    "parse_many",
    "quality",
    "to_dataframe",
    "to_arrow",
    "read_archive",
    "arrow_schema",
    "ArchiveReader",
    "Tables",
    "DATAFRAME_COLUMNS",
    "ROW_COLUMNS",
    "TABLES",
]

class Tables(NamedTuple):
    """The three tables of some cables: ``cables`` (one row per cable), ``paragraphs``
    (one row per paragraph) and ``references`` (one row per cited document: the citation
    graph as an edge list). Each is a ``pyarrow.Table`` (from ``to_arrow`` and
    ``ArchiveReader.read_all``) or a ``pyarrow.RecordBatch`` (from iterating
    ``read_archive``)."""

    cables: Any
    paragraphs: Any
    references: Any


def _pyarrow(what: str) -> Any:
    """Imports pyarrow, or says how to get it."""
    try:
        import pyarrow
    except ImportError as exc:
        raise ImportError(
            f"{what} needs pyarrow, which is not installed: install it with "
            "`pip install 'cable-py[arrow]'` (or `pip install pyarrow`)"
        ) from exc
    return pyarrow


def arrow_schema(table: str = "cables") -> pyarrow.Schema:
    """The Arrow schema of a table: ``"cables"``, ``"paragraphs"`` or ``"references"``
    (see ``TABLES``). Each field's documentation is in its metadata, under
    ``b"description"``. Needs pyarrow."""
    pa = _pyarrow("cable.arrow_schema")
    return pa.schema(_cable._arrow_schema(table))


def to_arrow(cables: Iterable[Cable]) -> Tables[pyarrow.Table]:
    """The three tables of some parsed cables, built in Rust (without the GIL) and
    handed to pyarrow through the Arrow C data interface, without copying.

    >>> t = cable.to_arrow(cable.parse_many(texts))            # doctest: +SKIP
    >>> t.cables.num_rows, t.paragraphs.num_rows, t.references.num_rows  # doctest: +SKIP
    >>> polars.from_arrow(t.references)                         # doctest: +SKIP
    >>> duckdb.sql("SELECT cited_id, count(*) FROM t.references GROUP BY 1")  # doctest: +SKIP

    Columns: see ``arrow_schema()`` or the README. Needs pyarrow
    (``pip install 'cable-py[arrow]'``).
    """
    pa = _pyarrow("cable.to_arrow")
    batches = _cable._to_arrow(cables)
    return Tables(*(pa.table(b) for b in batches))


class ArchiveReader:
    """The iterator returned by ``read_archive()``: a ``Tables`` of
    ``pyarrow.RecordBatch`` per batch of rows. ``errors`` lists the rows that could
    not be read or parsed so far (``CsvRowError``); ``read_all()`` gathers what is
    left into ``pyarrow.Table`` objects."""

    def __init__(self, batches: Any, pa: Any) -> None:
        self._batches = batches
        self._pa = pa

    def __iter__(self) -> ArchiveReader:
        return self

    def __next__(self) -> Tables[pyarrow.RecordBatch]:
        pa = self._pa
        triple = next(self._batches)
        return Tables(*(pa.record_batch(b) for b in triple))

    @property
    def errors(self) -> list[CsvRowError]:
        """The rows that could not be read or parsed so far, in order."""
        return list(self._batches.errors)

    def read_all(self) -> Tables[pyarrow.Table]:
        """Reads the remaining rows into three ``pyarrow.Table`` objects."""
        pa = self._pa
        parts: list[list[Any]] = [[], [], []]
        for batches in self:
            for part, batch in zip(parts, batches):
                part.append(batch)
        schemas = [pa.schema(_cable._arrow_schema(name)) for name in TABLES]
        return Tables(*(pa.Table.from_batches(p, schema=s) for p, s in zip(parts, schemas)))

    def close(self) -> None:
        """Closes the file; the iterator then yields nothing more."""
        self._batches.close()

    def __enter__(self) -> ArchiveReader:
        return self

    def __exit__(self, *args: object) -> None:
        self.close()


def read_archive(
    path: str | os.PathLike[str],
    *,
    batch_rows: int = 10_000,
    start: int = 0,
    end: int | None = None,
    threads: int | None = None,
    strict: bool = False,
    errors: str = "skip",
    max_input_bytes: int | None = None,
) -> ArchiveReader:
    """Reads a ``cables.csv`` archive as Arrow record batches of the three tables,
    in constant memory: each step reads up to ``batch_rows`` rows, parses them in
    parallel in Rust (``threads`` threads, default one per CPU; the GIL released) and
    gives a ``Tables`` of ``pyarrow.RecordBatch`` (``cables``, ``paragraphs``,
    ``references``), handed over through the Arrow C data interface without copying.

    ``start`` and ``end`` read only the rows that start in that byte range of the file
    (from the first row start at or after ``start``): ranges that tile a file give
    every row exactly once, so that N workers can each read 1/N of one archive (see
    ``examples/spark/``). Row numbers in errors then count from the range's start.

    A row that cannot be read (an unclosed quote, a wrong number of fields, bad
    UTF-8) or, with ``strict=True``, parsed is left out and listed in the reader's
    ``errors`` (``errors="skip"``, the default), or raises ``CsvError`` /
    ``ParseError`` after the rows before it were yielded (``errors="raise"``).

    Needs pyarrow (``pip install 'cable-py[arrow]'``).
    """
    pa = _pyarrow("cable.read_archive")
    batches = _cable._read_archive(
        path,
        batch_rows=batch_rows,
        start=start,
        end=end,
        threads=threads,
        strict=strict,
        errors=errors,
        max_input_bytes=max_input_bytes,
    )
    return ArchiveReader(batches, pa)


def to_dataframe(cables: Iterable[Cable]) -> pandas.DataFrame:
    """Returns a pandas DataFrame of the ``cables`` table: one row per cable, the
    columns of ``DATAFRAME_COLUMNS`` (see ``arrow_schema("cables")``), built from
    ``to_arrow()``. Dates are timezone-aware (UTC) timestamps, lists (``tags``,
    ``references``, ...) Python lists of str, counts integers.

    The first columns are those of ``Cable.to_row()`` and of the CSV export
    (``ROW_COLUMNS``), in the same order, with dates as timestamps instead of text;
    the others follow. Each column's documentation is in ``arrow_schema("cables")``
    (field metadata ``b"description"``) and in the README.

    pandas and pyarrow are optional dependencies: ``pip install 'cable-py[pandas]'``.
    """
    try:
        import pandas  # noqa: F401
    except ImportError as exc:
        raise ImportError(
            "cable.to_dataframe needs pandas, which is not installed: "
            "install it with `pip install 'cable-py[pandas]'` (or `pip install pandas pyarrow`)"
        ) from exc
    _pyarrow("cable.to_dataframe (through pandas)")
    table = to_arrow(cables).cables
    df = table.to_pandas()
    # pyarrow gives list columns as numpy arrays; plain lists compare and print as users expect.
    for name in table.column_names:
        if str(table.schema.field(name).type).startswith("list"):
            df[name] = table.column(name).to_pylist()
    return df
