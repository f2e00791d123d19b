"""Tab-separated tables for spreadsheets, pandas and R: one header line, then one record a line.

Text cells keep their words but lose tabs and line breaks (a cell may not hold either), so every line splits into
exactly as many cells as the header has; offsets in other columns still point into the input files.
"""

from __future__ import annotations

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
    lines = ["\t".join(cell(name) for name in header)]
    lines.extend("\t".join(cell(value) for value in row) for row in rows)
    return "\n".join(lines) + "\n"
