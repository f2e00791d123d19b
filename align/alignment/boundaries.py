"""Bead boundaries settled by word evidence: where two neighbouring beads are not both 1-1, move the sentence at
their boundary to the other bead when its words find better partners there.

Why: sentence vectors of joined runs blur which bead a boundary sentence belongs to (a Chinese sentence rendered as
three English ones; a caption left unaligned or not), while the words decide it plainly. Each word of a bead scores
its best cosine similarity with a word on the other side of the same bead; a move keeps the same words, only where
their partners are searched changes, so the two partitions are compared on equal terms. A word in a null bead
scores `null_share` of what a word finds in an unrelated sentence of the same document (measured, so the floor
follows the language pair). Only moves that gain more than `min_gain` (in words' worth of similarity) are made, and
only between neighbours one of which the sentence search left in doubt (not 1-1, and scored below
`confident_score`), which keeps the word encoding to the sentences that need it.

Tuned on Text+Berg dev (null_share 0.4-0.7 and min_gain 0.5-1 all gave .900-.903 strict where beads could grow past
the search's shapes, .890-.891 within them, as here); see docs/benchmarks.md.

The same moves can be judged by a translation model instead (`PairEvidence`: how much a bead's source and target
texts say about each other, in nats): a sentence with no counterpart adds nothing there, so unlike words, which
find chance partners in any bead, it is not joined to a neighbour for nothing.
"""

from __future__ import annotations

import bisect
import math
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

import numpy as np

# Sentences in, one (tokens, dim) array of unit vectors per sentence out.
TokenVectors = Callable[[Sequence[str]], list[np.ndarray]]
# A source text and a target text in, how much they say about each other out (a translation model's, in nats).
PairEvidence = Callable[[str, str], float]
Run = tuple[int, ...]
BeadRuns = tuple[Run, Run]


@dataclass(frozen=True)
class BoundarySettings:
    null_share: float = 0.5
    min_gain: float = 1.0
    max_side: int = 4
    max_total: int = 5
    rounds: int = 3
    window: int = 256  # beads settled together (token vectors of one window are held at a time)
    # A bead the sentence search scored above this is taken as settled, like a 1-1 bead: on Text+Berg it halves the
    # sentences whose words are encoded, with the same beads (dev .890 -> .891; 0.3: .886).
    confident_score: float = 0.4
    sample: int = 16  # sentences a side that measure the similarity of unrelated sentences


class _Words:
    """Token vectors of one side, computed on first use (a batch for the sentences known to be needed)."""

    def __init__(self, texts: Sequence[str], token_vectors: TokenVectors) -> None:
        self.texts = texts
        self.token_vectors = token_vectors
        self.cache: dict[int, np.ndarray] = {}

    def prefetch(self, ids: set[int]) -> None:
        wanted = sorted(i for i in ids if i not in self.cache)
        if not wanted:
            return
        for i, vectors in zip(wanted, self.token_vectors([self.texts[i] for i in wanted]), strict=True):
            self.cache[i] = vectors

    def of(self, run: Run) -> np.ndarray | None:
        if not run:
            return None
        self.prefetch(set(run))
        return np.concatenate([self.cache[i] for i in run])


class _WordEvidence:
    """Beads scored by their words' best partners across (the module's docstring); token vectors are fetched a
    window at a time."""

    def __init__(self, source_texts: Sequence[str], target_texts: Sequence[str], token_vectors: TokenVectors) -> None:
        self.source, self.target = _Words(source_texts, token_vectors), _Words(target_texts, token_vectors)
        self.floors: tuple[float, float] | None = None

    def prepare(self, beads: Sequence[BeadRuns], settings: BoundarySettings) -> None:
        self.source.prefetch({i for bead in beads for i in bead[0]})
        self.target.prefetch({j for bead in beads for j in bead[1]})
        if self.floors is None:
            share = settings.null_share
            self.floors = (
                _unrelated_level(self.source, self.target, settings.sample) * share,
                _unrelated_level(self.target, self.source, settings.sample) * share,
            )

    def score(self, bead: BeadRuns) -> float:
        assert self.floors is not None
        src, tgt = self.source.of(bead[0]), self.target.of(bead[1])
        if src is None or tgt is None:
            return self.floors[0] * _count(src) + self.floors[1] * _count(tgt)
        sim = src @ tgt.T
        return float(sim.max(axis=1).sum() + sim.max(axis=0).sum())

    def release(self) -> None:
        self.source.cache.clear()
        self.target.cache.clear()


class _TranslationEvidence:
    """Beads scored by how much their texts say about each other (PairEvidence); a null bead says nothing."""

    def __init__(self, source_texts: Sequence[str], target_texts: Sequence[str], evidence: PairEvidence) -> None:
        self.source_texts, self.target_texts, self.evidence = source_texts, target_texts, evidence
        self.known: dict[BeadRuns, float] = {}

    def prepare(self, beads: Sequence[BeadRuns], settings: BoundarySettings) -> None:
        pass

    def score(self, bead: BeadRuns) -> float:
        if not bead[0] or not bead[1]:
            return 0.0
        if bead not in self.known:
            source = " ".join(self.source_texts[i] for i in bead[0])
            self.known[bead] = self.evidence(source, " ".join(self.target_texts[j] for j in bead[1]))
        return self.known[bead]

    def release(self) -> None:
        self.known.clear()


_Evidence = _WordEvidence | _TranslationEvidence


def settle_boundaries(
    beads: Sequence[BeadRuns],
    source_texts: Sequence[str],
    target_texts: Sequence[str],
    token_vectors: TokenVectors | None,
    settings: BoundarySettings = BoundarySettings(),
    scores: Mapping[BeadRuns, float] | None = None,
    pair_evidence: PairEvidence | None = None,
    on_first_doubt: Callable[[], None] | None = None,
) -> list[BeadRuns]:
    """The beads after boundary moves; beads left empty by a move disappear. `scores` are the sentence search's
    bead scores: a pair of neighbours is looked at only when one of them is neither 1-1 nor confidently scored.
    Moves are judged by `pair_evidence` where given, else by the words' token vectors; `on_first_doubt` is called
    once, before the first pair is judged (a stage line that would say nothing where no pair is in doubt).

    Beads are settled a window at a time (the last bead of one window meets the first of the next), so only one
    window's token vectors are held: a long document's would take gigabytes."""
    if pair_evidence is not None:
        evidence: _Evidence = _TranslationEvidence(source_texts, target_texts, pair_evidence)
    elif token_vectors is not None:
        evidence = _WordEvidence(source_texts, target_texts, token_vectors)
    else:
        raise ValueError("settle_boundaries needs token vectors or pair evidence")
    known = scores or {}

    def settled_bead(bead: BeadRuns) -> bool:
        if _one_to_one(bead):
            return True
        return bool(bead[0]) and bool(bead[1]) and known.get(bead, -math.inf) > settings.confident_score

    pending = [(tuple(s), tuple(t)) for s, t in beads]
    settled: list[BeadRuns] = []
    while pending:
        window, pending = pending[: settings.window], pending[settings.window :]
        if settled:
            window.insert(0, settled.pop())
        pairs = [k for k in range(len(window) - 1) if not (settled_bead(window[k]) and settled_bead(window[k + 1]))]
        if pairs:
            if on_first_doubt is not None:
                on_first_doubt()
                on_first_doubt = None
            evidence.prepare([bead for k in pairs for bead in window[k : k + 2]], settings)
            window = _settle_window(window, evidence.score, settings, settled_bead)
        settled.extend(window)
        evidence.release()
    return settled


def _settle_window(
    window: list[BeadRuns],
    score: Callable[[BeadRuns], float],
    settings: BoundarySettings,
    settled_bead: Callable[[BeadRuns], bool],
) -> list[BeadRuns]:
    current = list(window)

    for _ in range(settings.rounds):
        moved = False
        k = 0
        while k + 1 < len(current):
            left, right = current[k], current[k + 1]
            if settled_bead(left) and settled_bead(right):
                k += 1
                continue
            best = score(left) + score(right) + settings.min_gain
            choice = None
            for new_left, new_right in _moves(left, right, settings):
                total = score(new_left) + score(new_right)
                if total > best:
                    best, choice = total, (new_left, new_right)
            if choice is not None:
                current[k : k + 2] = [bead for bead in choice if bead[0] or bead[1]]
                moved = True
            k += 1
        if not moved:
            break
    return current


def _moves(left: BeadRuns, right: BeadRuns, settings: BoundarySettings) -> list[tuple[BeadRuns, BeadRuns]]:
    """The sentence at the boundary moves across it, on the source side or the target side, within the bead
    shapes the aligner allows."""
    moves = []
    for side in (0, 1):
        l_run, r_run = left[side], right[side]
        options = []
        if l_run:
            options.append((l_run[:-1], l_run[-1:] + r_run))
        if r_run:
            options.append((l_run + r_run[:1], r_run[1:]))
        for new_l, new_r in options:
            move = ((new_l, left[1]), (new_r, right[1])) if side == 0 else ((left[0], new_l), (right[0], new_r))
            if all(_fits(bead, settings) for bead in move):
                moves.append(move)
    return moves


def _fits(bead: BeadRuns, settings: BoundarySettings) -> bool:
    sizes = (len(bead[0]), len(bead[1]))
    return max(sizes) <= settings.max_side and (min(sizes) == 0 or sum(sizes) <= settings.max_total)


def _unrelated_level(side: _Words, other: _Words, sample: int) -> float:
    """Mean best similarity a word finds in a sentence half a document away: what chance alone gives. Measured on
    up to `sample` sentences of the first window; partners come from the sentences already embedded where one lies
    far enough away."""
    ids = sorted(side.cache)
    if not ids or not other.texts:
        return 0.0
    ids = [ids[k] for k in np.linspace(0, len(ids) - 1, min(sample, len(ids))).round().astype(int)]
    n, m = len(side.texts), len(other.texts)
    embedded = sorted(other.cache)
    partners = {}
    for i in ids:
        wanted = (int(i * m / n) + m // 2) % m
        at = bisect.bisect_left(embedded, wanted)
        near = min(embedded[max(at - 1, 0) : at + 1], key=lambda j: abs(j - wanted), default=wanted)
        far_enough = abs(near / m - i / n) >= 0.25 or m == 1
        partners[i] = near if far_enough else wanted
    other.prefetch(set(partners.values()))
    levels = [float((side.cache[i] @ other.cache[partners[i]].T).max(axis=1).mean()) for i in ids]
    return float(np.mean(levels))


def _one_to_one(bead: BeadRuns) -> bool:
    return len(bead[0]) == 1 and len(bead[1]) == 1


def _count(vectors: np.ndarray | None) -> int:
    return 0 if vectors is None else len(vectors)
