"""Strict and lax precision/recall/F1 of sentence beads, as in the protocol behind published Text+Berg figures."""

from __future__ import annotations

import ast
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from align.errors import AlignError

BeadPair = tuple[tuple[int, ...], tuple[int, ...]]


@dataclass(frozen=True)
class Counts:
    strict_tp: int = 0
    strict_fp: int = 0
    lax_tp: int = 0
    lax_fp: int = 0

    def __add__(self, other: Counts) -> Counts:
        return Counts(
            self.strict_tp + other.strict_tp,
            self.strict_fp + other.strict_fp,
            self.lax_tp + other.lax_tp,
            self.lax_fp + other.lax_fp,
        )


@dataclass(frozen=True)
class Scores:
    precision_strict: float
    recall_strict: float
    f1_strict: float
    precision_lax: float
    recall_lax: float
    f1_lax: float


def parse_beads(lines: Iterable[str], name: str) -> list[BeadPair]:
    beads = []
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        fields = line.strip().split(":")
        try:
            source, target = ast.literal_eval(fields[0]), ast.literal_eval(fields[1])
            if not all(isinstance(side, list) for side in (source, target)):
                raise ValueError("each side is a list of sentence ids")
            bead = (tuple(source), tuple(target))
            # Line numbers: whole, never negative, once each ([0.5], ["0"], [True] and [0, 0] were read as ids).
            if any(type(i) is not int or i < 0 for side in bead for i in side):
                raise ValueError("a sentence id is a line number")
            if any(len(set(side)) != len(side) for side in bead):
                raise ValueError("a sentence id twice in one bead")
            beads.append(bead)
        except (ValueError, SyntaxError, IndexError, TypeError):
            raise AlignError(f"{name}:{number}: not a bead line like [0, 1]:[2]") from None
    return beads


def count(reference: Sequence[BeadPair], hypothesis: Sequence[BeadPair]) -> Counts:
    ref = {bead for bead in reference if bead[0] or bead[1]}
    hyp = {bead for bead in hypothesis if bead[0] or bead[1]}
    links: dict[int, set[int]] = {}
    for source, target in ref:
        for s in source:
            links.setdefault(s, set()).update(target)
    strict_tp = strict_fp = lax_tp = lax_fp = 0
    for bead in hyp:
        if bead in ref:
            strict_tp += 1
            lax_tp += 1
            continue
        strict_fp += 1
        source, target = bead
        linked = set().union(*(links.get(s, set()) for s in source)) if source else set()
        if linked & set(target):
            lax_tp += 1
        else:
            lax_fp += 1
    return Counts(strict_tp, strict_fp, lax_tp, lax_fp)


def _without_nulls(beads: Sequence[BeadPair]) -> list[BeadPair]:
    return [bead for bead in beads if bead[0] and bead[1]]


def score(pairs: Sequence[tuple[Sequence[BeadPair], Sequence[BeadPair]]]) -> Scores:
    """Pooled over documents: `pairs` is [(gold, predicted), ...]."""
    precision = Counts()
    recall = Counts()
    for gold, predicted in pairs:
        precision = precision + count(gold, predicted)
        recall = recall + count(_without_nulls(predicted), _without_nulls(gold))
    ps, pl = _ratio(precision.strict_tp, precision.strict_fp), _ratio(precision.lax_tp, precision.lax_fp)
    rs, rl = _ratio(recall.strict_tp, recall.strict_fp), _ratio(recall.lax_tp, recall.lax_fp)
    return Scores(ps, rs, _f1(ps, rs), pl, rl, _f1(pl, rl))


def _ratio(tp: int, fp: int) -> float:
    return tp / (tp + fp) if tp + fp else 0.0


def _f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0
