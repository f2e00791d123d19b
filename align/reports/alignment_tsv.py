"""TSV: one bead a line, ids and texts on both sides, for spreadsheets and quick greps."""

from __future__ import annotations

from align.pipeline import SentenceAlignment
from align.reports.tsv import table


def render(result: SentenceAlignment) -> str:
    return table(
        ["source_ids", "target_ids", "score", "source_text", "target_text"],
        (
            (
                ",".join(map(str, bead.source)),
                ",".join(map(str, bead.target)),
                bead.score,
                result.source.passage(bead.source),
                result.target.passage(bead.target),
            )
            for bead in result.beads
        ),
    )
