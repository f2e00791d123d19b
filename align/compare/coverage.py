"""From a version's matching to decisions: full / partial / missing (or skipped) per reference sentence, and added
sentences.

Kept apart from the matcher so the decision rule (calibrated thresholds) can change without touching the search.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from typing import TypeVar

from align.alignment.debris import is_debris
from align.compare.matching import Group, Matching, MatchThresholds
from align.compare.model import CoverageCell, Match, Status

_V = TypeVar("_V")


def decide(score: float | None, log_length: float, thresholds: MatchThresholds) -> Status:
    """Below `match`: missing. Carried, but scoring below `full` or much shorter than usual (`short`): partial."""
    if score is None or score < thresholds.match:
        return Status.missing
    if score < thresholds.full or log_length < thresholds.short:
        return Status.partial
    return Status.full


def without_debris_matches(
    matching: Matching, reference_texts: Sequence[str], version_texts: Sequence[str]
) -> Matching:
    """The matching less groups whose reference or version side is only lines with no word and no number: two
    section rules ("* * *", "— — —") look alike to an encoder, but neither carries anything."""

    def debris_only(group: Group) -> bool:
        return all(is_debris(reference_texts[i]) for i in group.ref) or all(
            is_debris(version_texts[j]) for j in group.ver
        )

    dropped = {i for group in matching.groups if debris_only(group) for i in group.ref}
    if not dropped:
        return matching

    def keep(values: dict[int, _V]) -> dict[int, _V]:
        return {i: v for i, v in values.items() if i not in dropped}

    return replace(
        matching,
        groups=[group for group in matching.groups if not debris_only(group)],
        ref_scores=keep(matching.ref_scores),
        ref_links=keep(matching.ref_links),
        ref_length=keep(matching.ref_length),
    )


def coverage_cells(
    matching: Matching, reference_texts: Sequence[str], version_index: int, thresholds: MatchThresholds
) -> list[CoverageCell]:
    """One cell per reference sentence, in reference order; a line with no word and no number that nothing carries
    is skipped, not missing."""
    cells = []
    for i, text in enumerate(reference_texts):
        score = matching.ref_scores.get(i)
        log_length = matching.ref_length.get(i)
        status = decide(score, 0.0 if log_length is None else log_length, thresholds)
        if status == Status.missing and is_debris(text):
            status = Status.skipped
        sentences = matching.ref_links.get(i, ()) if status not in (Status.missing, Status.skipped) else ()
        cells.append(CoverageCell(i, version_index, status, tuple(sentences), score, log_length))
    return cells


def matches_of(matching: Matching) -> list[Match]:
    return [Match(g.ref, g.ver, round(g.evidence, 4), round(g.cosine, 4)) for g in matching.groups]


def added_sentences(matching: Matching, version_texts: Sequence[str]) -> list[int]:
    """Version sentences no match uses: content the reference lacks (a line with no word and no number is none)."""
    used = {j for group in matching.groups for j in group.ver}
    return [j for j, text in enumerate(version_texts) if j not in used and not is_debris(text)]
