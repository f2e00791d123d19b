"""Lines with no word and no number (OCR specks, rules, stray symbols: "V", "■", ".-^ !", "- _-") are left out of
the search and come back as unaligned sentences in place.

Why: such a line says nothing a sentence vector could match, and joining it to a neighbour's bead costs the search
almost nothing, so it was joined (Text+Berg's scanned pages hold dozens); a translation has no counterpart for
it, and the gold sets leave it unaligned. Out of the search, the beads around it come out as they would without
it. A line with a digit stays in (list numbers and years like "1. 1950 :" have their counterpart), as does any
word of two letters or more, or of one CJK character.
"""

from __future__ import annotations

import re
from collections import deque
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np

from align.alignment.beads import Bead
from align.encoders.base import JoinedRuns

_WORD_OR_NUMBER = re.compile(r"[^\W\d_]{2,}|\d|[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff]")


def is_debris(text: str) -> bool:
    """Whether a line has neither a word nor a number in it."""
    return _WORD_OR_NUMBER.search(text) is None


def kept_sentences(texts: Sequence[str]) -> np.ndarray:
    """Indices of the sentences that are not debris."""
    return np.array([k for k, text in enumerate(texts) if not is_debris(text)], dtype=np.int64)


@dataclass(frozen=True)
class KeptRuns:
    """The encoder's joined runs of a document seen through its kept sentences: a run of kept sentences is the
    document's run from the first to the last of them, with any debris between (a few characters of it)."""

    runs: JoinedRuns
    kept: np.ndarray  # document index of each kept sentence, increasing

    def vectors(self, starts: np.ndarray, size: int) -> np.ndarray:
        first, last = self.kept[starts], self.kept[starts + size - 1]
        sizes = last - first + 1
        out = np.zeros((len(starts), 0), dtype=np.float32)
        for length in np.unique(sizes).tolist():
            rows = np.nonzero(sizes == length)[0]
            vectors = self.runs.vectors(first[rows], int(length))
            if out.shape[1] == 0:
                out = np.zeros((len(starts), vectors.shape[1]), dtype=vectors.dtype)
            out[rows] = vectors
        return out

    def refine_seams(self, seams: np.ndarray) -> np.ndarray:
        seams = np.asarray(seams, dtype=np.int64)
        seams = seams[(seams >= 0) & (seams < len(self.kept) - 1)]
        spans = [np.arange(self.kept[k], self.kept[k + 1]) for k in seams.tolist()]
        inner = np.concatenate(spans) if spans else np.zeros(0, dtype=np.int64)
        changed = set(self.runs.refine_seams(inner).tolist())
        hit = [k for k, span in zip(seams.tolist(), spans, strict=True) if changed & set(span.tolist())]
        return np.array(hit, dtype=np.int64)

    def is_exact(self, start: int, size: int) -> bool:
        first, last = int(self.kept[start]), int(self.kept[start + size - 1])
        return self.runs.is_exact(first, last - first + 1)


def with_debris(
    beads: list[Bead],
    source_kept: np.ndarray,
    n: int,
    target_kept: np.ndarray,
    m: int,
    same: Callable[[int, int], bool] = lambda i, j: False,
) -> list[Bead]:
    """The beads of the kept sentences in document indices. Debris between two sentences of one bead joins it (a
    bead stays a run of neighbours, and its vector included it); any other debris line is an unaligned bead, placed
    before the first bead that holds a later sentence of its side, except where both sides have the `same` line
    there (a chapter's "I." in both, a "*" between sections): that is one bead."""
    mapped = [(_spanned(source_kept, bead.source), _spanned(target_kept, bead.target), bead.score) for bead in beads]
    inside = {i for source, _, _ in mapped for i in source}, {j for _, target, _ in mapped for j in target}
    source_debris = deque(i for i in range(n) if i not in inside[0])
    target_debris = deque(j for j in range(m) if j not in inside[1])
    out: list[Bead] = []
    for source, target, score in mapped:
        before_source = _popped(source_debris, source[0] if source else None)
        before_target = _popped(target_debris, target[0] if target else None)
        out += _debris_beads(before_source, before_target, same)
        out.append(Bead(source, target, score))
    out += _debris_beads(list(source_debris), list(target_debris), same)
    return out


def _popped(debris: deque[int], before: int | None) -> list[int]:
    """The debris lines ahead of a bead's first sentence on its side (none where the bead has none on that side)."""
    taken = []
    while before is not None and debris and debris[0] < before:
        taken.append(debris.popleft())
    return taken


def _debris_beads(source: list[int], target: list[int], same: Callable[[int, int], bool]) -> list[Bead]:
    """Unaligned debris beads, the source's first; a line the other side has the same, in the same order, paired."""
    out: list[Bead] = []
    paired: set[int] = set()
    for i in source:
        j = target[len(paired)] if len(paired) < len(target) else None
        if j is not None and same(i, j):
            out.append(Bead((i,), (j,), 1.0))
            paired.add(j)
        else:
            out.append(Bead((i,), (), 0.0))
    return out + [Bead((), (j,), 0.0) for j in target if j not in paired]


def _spanned(kept: np.ndarray, ids: tuple[int, ...]) -> tuple[int, ...]:
    return tuple(range(int(kept[ids[0]]), int(kept[ids[-1]]) + 1)) if ids else ()
