"""Tab-separated tables for spreadsheets, pandas and R: one header line, then one record a line.

Text cells keep their words but lose tabs and line breaks (a cell may not hold either), so every line splits into
exactly as many cells as the header has; offsets in other columns still point into the input files. A cell holding a
double quote is quoted as spreadsheets, pandas, R and Python's csv read tab-separated files (`"` doubled inside
`"..."`): unquoted, a cell opening with a quotation mark swallowed the lines after it.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from numbers import Integral, Real


def cell(value: object) -> str:
    """A cell: None as empty, floats to four places, text with tabs and line breaks turned into spaces."""
    if value is None:
        return ""
    if isinstance(value, Real) and not isinstance(value, Integral):  # numpy's floats too
        return f"{float(value):.4f}"
    return " ".join(str(value).replace("\t", " ").splitlines())


def table(header: Sequence[str], rows: Iterable[Sequence[object]]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, delimiter="\t", lineterminator="\n", quoting=csv.QUOTE_MINIMAL)
    writer.writerow([cell(name) for name in header])
    writer.writerows([cell(value) for value in row] for row in rows)
    return out.getvalue()
