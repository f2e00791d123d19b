"""misaligned: a unit of a re-checked memory whose source and target are not each other's translation.

`align check memory.tmx memory.tmx` aligns the memory's two sides afresh, so every bead is a pair the text bears
out; the memory's own pairs are told by the unit each segment came from (Document.units). A unit whose target is not
in the bead its source is aligned in, or is in it with a score no translation gets (a pair swapped with a far unit
stays in place in a monotonic realignment), is paired wrongly by the memory: a shifted or scrambled memory read clean
otherwise, the realignment having repaired what it should report."""

from __future__ import annotations

import os

import numpy as np

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
        crossed = _crossed_units(view, self._targets_of(target.units))
        for unit in sorted({source.units[i] for i in view.bead.source}):
            held = self._targets_of(target.units).get(unit)
            if not held:
                continue  # a unit without a target is no pair (an untranslated segment)
            if unit in crossed:
                found = f"its translation is the target of {_named([crossed[unit]], source)}"
            elif bead_targets.intersection(held):
                if floor is None or view.bead.score >= floor:
                    continue  # the realignment keeps the pair
                found = f"which does not read as its translation (pair score {view.bead.score:.2f})"
            elif target_units:
                found = f"its translation is the target of {_named(target_units, source)}"
            else:
                found = "the realignment finds no translation of it in the memory"
            ids = [i for i in view.bead.source if source.units[i] == unit]
            start, end = source.sentences[ids[0]].start, source.sentences[ids[-1]].end
            message = f"{_named([unit], source)} pairs this with “{target.passage(held)}”, {found}"
            confidence = view.context.settings.misaligned_confidence
            text = source.text[start:end]
            flags.append(Flag(self.kind, confidence, view.index, (start, end), None, text, "", message))
        return flags


def _crossed_units(view: BeadView, targets_of: dict[int, list[int]]) -> dict[int, int]:
    """Units of one bead that hold each other's translations (two neighbours' targets exchanged: the realignment
    joins both into one bead, which keeps every target beside its source), each with the unit holding its
    translation: where a unit's source reads as the other's target more (cosine) than as its own by the settings'
    crossing margin, and the two exchanged read better than as the memory pairs them by twice that."""
    source, target = view.context.source, view.context.target
    assert source.units is not None
    units = sorted({source.units[i] for i in view.bead.source})
    pairs = [(u, held) for u in units if (held := [j for j in targets_of.get(u, []) if j in view.bead.target])]
    if len(pairs) < 2:
        return {}
    sources = [source.passage([i for i in view.bead.source if source.units[i] == u]) for u, _ in pairs]
    vectors = view.context.embed(sources + [target.passage(held) for _, held in pairs])
    if vectors is None:
        return {}
    vectors = vectors / np.linalg.norm(vectors, axis=1, keepdims=True)
    similarity = vectors[: len(pairs)] @ vectors[len(pairs) :].T
    margin = view.context.settings.misaligned_crossing_margin
    crossed: dict[int, int] = {}
    for a in range(len(pairs)):
        for b in range(len(pairs)):
            gain = similarity[a, b] + similarity[b, a] - similarity[a, a] - similarity[b, b]
            if a != b and similarity[a, b] > similarity[a, a] + margin and gain > 2 * margin:
                crossed.setdefault(pairs[a][0], pairs[b][0])
    return crossed


def _one_memory(source: Document, target: Document) -> bool:
    """Both sides read from one memory file (however its path was spelt: a.tmx, ./a.tmx), or from two resource files
    paired by key."""
    if source.units is None or target.units is None:
        return False
    return (
        (source.unit_keys is not None and target.unit_keys is not None)
        or source.path == target.path
        or os.path.realpath(source.path) == os.path.realpath(target.path)
    )


def _named(units: list[int], document: Document) -> str:
    """Units as a translator finds them in the file: by key in a resource file, else counted from 1."""
    if document.unit_keys is not None:
        return "key " + ", ".join(f"'{document.unit_keys[unit]}'" for unit in units)
    return "unit " + ", ".join(str(unit + 1) for unit in units)
