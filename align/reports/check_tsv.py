"""TSV for `align check`: one flag a line, the JSON contract's fields flattened (spans as start and end columns,
empty where a flag has no span on that side), for editors who triage in a spreadsheet."""

from __future__ import annotations

from align.check import CheckResult
from align.reports.tsv import table

HEADER = (
    "bead",
    "kind",
    "confidence",
    "source_start",
    "source_end",
    "target_start",
    "target_end",
    "source_text",
    "target_text",
    "message",
)


def render(result: CheckResult) -> str:
    return table(
        HEADER,
        (
            (
                f.bead,
                f.kind,
                f.confidence,
                *(f.source_span or (None, None)),
                *(f.target_span or (None, None)),
                f.source_text,
                f.target_text,
                f.message,
            )
            for f in result.flags
        ),
    )
