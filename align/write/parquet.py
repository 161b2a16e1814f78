"""Parquet: the HF corpus rows (see :func:`align.write.corpus.hf_record`) under an explicit schema.

pyarrow is an optional extra (``pip install 'align-ko-en[parquet]'``), imported only here.
An empty corpus is a file with the schema and no row group: datasets, pandas and pyarrow
all read its columns (an empty row group would make ``datasets`` refuse the file).
"""

from __future__ import annotations

import io

from ..errors import AlignError
from .corpus import HF_FIELDS, hf_record


def require_pyarrow():
    """pyarrow, or a one-line error saying how to install it."""
    try:
        import pyarrow
        import pyarrow.parquet  # noqa: F401
    except ImportError:
        raise AlignError("-f parquet needs pyarrow: pip install 'align-ko-en[parquet]'") from None
    return pyarrow


def schema(carry: tuple[str, ...] = ()):
    """The Arrow schema of the rows: :data:`~align.write.corpus.HF_FIELDS`, the types ``datasets``
    infers from the HF JSONL, and ``meta``, a struct of the carried columns' strings."""
    pa = require_pyarrow()
    fields = {**HF_FIELDS, "meta": dict.fromkeys(carry, "string")} if carry else HF_FIELDS
    return pa.schema([(name, _arrow(pa, kind)) for name, kind in fields.items()],
                     metadata={"format": "align-ko-en corpus"})


def _arrow(pa, kind):
    if isinstance(kind, str):
        return pa.bool_() if kind == "bool" else getattr(pa, kind)()  # Arrow spells it bool_
    if isinstance(kind, dict):
        return pa.struct([(name, _arrow(pa, k)) for name, k in kind.items()])
    return pa.list_(_arrow(pa, kind[0]))


def to_parquet(documents, carry: tuple[str, ...] = ()) -> bytes:
    pa = require_pyarrow()
    rows = [hf_record(alignment, bead, carry) for alignment, beads in documents for bead in beads
            if not bead.is_leftover]
    sink = io.BytesIO()
    with pa.parquet.ParquetWriter(sink, schema(carry)) as writer:
        if rows:
            writer.write_table(pa.Table.from_pylist(rows, schema=writer.schema))
    return sink.getvalue()
