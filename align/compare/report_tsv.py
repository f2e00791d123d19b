"""TSV for `align compare`: the coverage matrix, one reference sentence a line, and per version its status and the
version sentences that carry it, for loading into pandas or R."""

from __future__ import annotations

from pathlib import Path

from align.compare.model import Comparison
from align.reports.tsv import table


def render(result: Comparison) -> str:
    header = ["reference_id", "reference_start", "reference_end", "reference_text"]
    for version in result.versions:
        name = Path(version.document.path).name or f"version {version.index}"
        header += [f"{name} status", f"{name} sentences"]
    rows = []
    for number, sentence in enumerate(result.reference.sentences):
        row: list[object] = [sentence.id, sentence.start, sentence.end, sentence.text]
        for cell in result.row(number):
            row += [cell.status.value, ",".join(map(str, cell.sentences))]
        rows.append(row)
    return table(header, rows)
