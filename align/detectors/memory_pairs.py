"""misaligned: a unit of a re-checked memory whose source and target are not each other's translation.

`align check memory.tmx memory.tmx` aligns the memory's two sides afresh, so every bead is a pair the text bears
out; the memory's own pairs are told by the unit each segment came from (Document.units). A unit whose target is not
in the bead its source is aligned in, or is in it with a score no translation gets (a pair swapped with a far unit
stays in place in a monotonic realignment), is paired wrongly by the memory: a shifted or scrambled memory read clean
otherwise, the realignment having repaired what it should report."""

from __future__ import annotations

import os

from align.detectors.base import BeadView, Detector, Flag
from align.text.document import Document


class MisalignedUnitDetector(Detector):
    kind = "misaligned"

    def __init__(self) -> None:
        self._index: tuple[list[int], dict[int, list[int]]] | None = None

    def _targets_of(self, units: list[int]) -> dict[int, list[int]]:
        """Unit -> its target sentences, built once per document (a scan per bead is quadratic in a large memory)."""
        if self._index is None or self._index[0] is not units:
            index: dict[int, list[int]] = {}
            for j, unit in enumerate(units):
                index.setdefault(unit, []).append(j)
            self._index = (units, index)
        return self._index[1]

    def detect(self, view: BeadView) -> list[Flag]:
        source, target = view.context.source, view.context.target
        if not view.bead.source or not _one_memory(source, target):
            return []
        assert source.units is not None and target.units is not None
        bead_targets = set(view.bead.target)
        target_units = sorted({target.units[j] for j in view.bead.target})
        floor = view.context.settings.misaligned_max_pair_score
        flags = []
        for unit in sorted({source.units[i] for i in view.bead.source}):
            held = self._targets_of(target.units).get(unit)
            if not held:
                continue  # a unit without a target is no pair (an untranslated segment)
            if bead_targets.intersection(held):
                if floor is None or view.bead.score >= floor:
                    continue  # the realignment keeps the pair
                found = f"which does not read as its translation (pair score {view.bead.score:.2f})"
            elif target_units:
                found = f"its translation is the target of unit {_numbers(target_units)}"
            else:
                found = "the realignment finds no translation of it in the memory"
            ids = [i for i in view.bead.source if source.units[i] == unit]
            start, end = source.sentences[ids[0]].start, source.sentences[ids[-1]].end
            message = f"unit {unit + 1} pairs this with “{target.passage(held)}”, {found}"
            confidence = view.context.settings.misaligned_confidence
            text = source.text[start:end]
            flags.append(Flag(self.kind, confidence, view.index, (start, end), None, text, "", message))
        return flags


def _one_memory(source: Document, target: Document) -> bool:
    """Both sides read from one memory file (however its path was spelt: a.tmx, ./a.tmx), or from two resource files
    paired by key."""
    if source.units is None or target.units is None:
        return False
    return (
        (source.keyed and target.keyed)
        or source.path == target.path
        or os.path.realpath(source.path) == os.path.realpath(target.path)
    )


def _numbers(units: list[int]) -> str:
    """1-based, as a translator counts the units of the file."""
    return ", ".join(str(unit + 1) for unit in units)
