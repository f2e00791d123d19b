"""When a bead's sentences are on screen, for subtitle inputs: how a subtitler finds a line (by its time, not by a
character offset into the extracted text)."""

from __future__ import annotations

from align.alignment.beads import Bead
from align.text.document import Document


def bead_time(source: Document, target: Document, bead: Bead) -> str:
    """The time its source sentences come on screen (or its target's, for an added sentence), as editors write it
    (0:01:02.5); "" where neither side is subtitles."""
    for document, ids in ((source, bead.source), (target, bead.target)):
        time = document.sentence_time(ids[0]) if ids else None
        if time is not None:
            minutes, seconds = divmod(time[0], 60)
            return f"{int(minutes // 60)}:{int(minutes % 60):02d}:{seconds:04.1f}"
    return ""


def bead_label(index: int, source: Document, target: Document, bead: Bead) -> str:
    """A terminal table's bead number, with the time beneath it for subtitles."""
    time = bead_time(source, target, bead)
    return f"{index}\n{time}" if time else str(index)
