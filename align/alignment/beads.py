"""The bead: a group of consecutive source sentences matched to a group of consecutive target sentences."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Bead:
    source: tuple[int, ...]
    target: tuple[int, ...]
    score: float

    @property
    def kind(self) -> str:
        return f"{len(self.source)}-{len(self.target)}"

    @property
    def is_null(self) -> bool:
        return not self.source or not self.target


def bead_types(max_side: int, max_total: int) -> list[tuple[int, int]]:
    """Every (source, target) size allowed: nulls, then groups up to max_side a side and max_total in all."""
    types = [(1, 0), (0, 1)]
    for a in range(1, max_side + 1):
        for b in range(1, max_side + 1):
            if a + b <= max_total:
                types.append((a, b))
    return types


def consecutive_runs(ids: tuple[int, ...]) -> list[list[int]]:
    """Sorted ids cut into runs of neighbours: a compare match may join sentences that are not neighbours, and
    reports show each run as one stretch of the document."""
    runs: list[list[int]] = []
    for i in sorted(ids):
        if runs and i == runs[-1][-1] + 1:
            runs[-1].append(i)
        else:
            runs.append([i])
    return runs
