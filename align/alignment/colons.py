"""Colon endings, read as evidence of where beads end.

A sentence that ends with a colon introduces what follows (a list, a quotation, the text under a label such as
"Technische Angaben :"), and its translation ends with one too: a bead whose last sentences do not both end so has
most likely cut an introduction from what it introduces.

The cue counts only where both texts end sentences with colons about as often, nearby: a translation that runs a
label into its text, or a stretch where one side ends with colons what the other ends with semicolons (the King
James Bible's verses against the Chinese Union Version's), says nothing. Nearby, not over the whole document: a
long document may hold both kinds of stretch.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

_COLON_END = re.compile(r"[:：][\s\"'“”‘’«»‹›「」『』]*$")
# Source sentences either side (the target's as many, scaled by the documents' lengths): Text+Berg dev strict F1
# .891 (50: .889; over the whole document .891, but a long document of mixed stretches then loses .022).
NEARBY = 100


@dataclass(frozen=True)
class ColonEndings:
    """One side's cue: ends[k] says whether sentence k ends with a colon, nearby[k] how many sentences around it do
    (the window on the target side covers about as much text as the source's)."""

    ends: np.ndarray
    nearby: np.ndarray


def colon_endings(source: Sequence[str], target: Sequence[str]) -> tuple[ColonEndings, ColonEndings]:
    target_reach = max(1, round(NEARBY * len(target) / max(len(source), 1)))
    return _side(source, NEARBY), _side(target, target_reach)


def _side(texts: Sequence[str], reach: int) -> ColonEndings:
    ends = np.array([bool(_COLON_END.search(text.rstrip())) for text in texts], dtype=bool)
    prefix = np.concatenate([[0], np.cumsum(ends, dtype=np.int64)])
    at = np.arange(len(texts))
    nearby = prefix[np.minimum(at + reach + 1, len(texts))] - prefix[np.maximum(at - reach, 0)]
    return ColonEndings(ends, nearby)


def comparable(one: np.ndarray, other: np.ndarray) -> np.ndarray:
    """Where both sides end sentences with colons about as often: the rarer at least twice and half as often."""
    fewer, more = np.minimum(one, other), np.maximum(one, other)
    return (fewer >= 2) & (2 * fewer >= more)


def colon_breaks(
    source: ColonEndings, target: ColonEndings, last_source: np.ndarray, last_target: np.ndarray
) -> np.ndarray:
    """1.0 where a bead whose last sentences are these (rows x columns) ends with a colon on one side only, and
    the cue counts there; else 0.0."""
    differ = source.ends[last_source][:, None] != target.ends[last_target]
    counts = comparable(source.nearby[last_source][:, None], target.nearby[last_target])
    return (differ & counts).astype(np.float64)
