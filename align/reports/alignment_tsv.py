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
                " ".join(result.source.sentences[i].text for i in bead.source),
                " ".join(result.target.sentences[j].text for j in bead.target),
            )
            for bead in result.beads
        ),
    )
