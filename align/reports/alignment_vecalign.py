"""Vecalign's `[i, j]:[k]:score` lines, which every published scorer reads."""

from __future__ import annotations

from align.pipeline import SentenceAlignment


def render(result: SentenceAlignment) -> str:
    return "".join(f"{list(b.source)}:{list(b.target)}:{b.score:.6f}\n" for b in result.beads)
