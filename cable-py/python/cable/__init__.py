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
:func:`parse_many`, :func:`iter_csv`, :func:`to_dataframe`.
Every node of the tree (:class:`Cable`, :class:`Header`, :class:`Body`,
:class:`Subject`, :class:`Tag`, ...) is a frozen class whose attributes are named as
in the JSON tree, with ``to_dict()``, ``to_json()``, ``from_json()``, ``==`` and
pickling. The enums (:class:`Container`, :class:`Classification`, :class:`TagKind`,
:class:`ReferenceKind`, :class:`Precedence`, ...) have ``.value``, the snake_case name
of the JSON. Errors raise :class:`ParseError`, a ``ValueError``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Iterable

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
    DATAFRAME_COLUMNS,
    __version__,
    iter_csv,
    json_schema,
    parse,
    parse_bytes,
    parse_file,
    parse_many,
)

if TYPE_CHECKING:  # pragma: no cover
    import pandas

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
    "to_dataframe",
    "DATAFRAME_COLUMNS",
]

def to_dataframe(cables: Iterable[Cable]) -> pandas.DataFrame:
    """Returns a pandas DataFrame with one row per cable and flat columns.

    Columns (see ``DATAFRAME_COLUMNS``):

    - ``reference_id``: e.g. ``09ASTANA1145``, the cable's ``id`` (the metadata's,
      else made from the banner's station and serial and the year; None when unknown);
    - ``date``: RFC 3339 date of the metadata, else the header's date-time group;
    - ``classification``: as written in the metadata, else the banner marking;
    - ``classification_level``: ``unclassified``, ``confidential``, ``secret`` or
      ``top_secret``, from the banner, else read from the metadata (None without either);
    - ``origin``: the originating post (metadata), else the ``FM`` line;
    - ``subject``: the full subject of the body, else the metadata's short one;
    - ``tags``: the codes of the TAGS (``Tag.code``), a list of str;
    - ``caveats``: a list of str;
    - ``references``: the REF list, each as its cable id when known, else as written;
    - ``recipients`` / ``info_recipients``: names of the ``TO`` / ``INFO`` recipients;
    - ``signature``: the signer's name (``Signature.name``);
    - ``partial``, ``n_paragraphs``, ``n_diagnostics``,
      ``container``, ``transmission_id``, ``dtg`` (UTC timestamp of the
      date-time group);
    - ``sent``: when the cable was sent, RFC 3339 (``Cable.sent``): the date-time group
      (UTC), else the metadata date;
    - ``classifier``: the classifier's name, without title (``ClassifiedBy.name``);
    - ``declassify``: an ISO date when the E.O. line gives one, else as written
      (``N/A``, ``1.6X1``, an event);
    - ``countries``: the TAGS that name countries (``TagKind.Country``), a list of str.

    pandas is an optional dependency: ``pip install 'cable-py[pandas]'``.
    """
    try:
        import pandas as pd
    except ImportError as exc:  # pragma: no cover - exercised without pandas
        raise ImportError(
            "cable.to_dataframe needs pandas, which is not installed: "
            "install it with `pip install 'cable-py[pandas]'` (or `pip install pandas`)"
        ) from exc
    rows = [c.to_row() for c in cables]
    return pd.DataFrame(rows, columns=list(DATAFRAME_COLUMNS))
