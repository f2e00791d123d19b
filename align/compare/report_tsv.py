"""TSV for `align compare`: the coverage matrix, one reference sentence a line, and per version its status and the
version sentences that carry it, for loading into pandas or R."""

from __future__ import annotations

from pathlib import Path

from align.compare.model import Comparison
from align.reports.tsv import table


def render(result: Comparison) -> str:
    header = ["reference_id", "reference_start", "reference_end", "reference_text"]
    for name in _column_names([version.document.path for version in result.versions]):
        header += [f"{name} status", f"{name} sentences"]
    rows = []
    for number, sentence in enumerate(result.reference.sentences):
        row: list[object] = [sentence.id, sentence.start, sentence.end, result.reference.passage([sentence.id])]
        for cell in result.row(number):
            row += [cell.status.value, ",".join(map(str, cell.sentences))]
        rows.append(row)
    return table(header, rows)


def _column_names(paths: list[str]) -> list[str]:
    """Each version's file name, or its path where two share a name (x/story.txt, y/story.txt), numbered where
    even that repeats: a table's columns must tell the versions apart."""
    names = [Path(path).name or path for path in paths]
    if len(set(names)) < len(names):
        names = list(paths)
    if len(set(names)) < len(names):
        names = [f"{name} ({k + 1})" for k, name in enumerate(names)]
    return names
