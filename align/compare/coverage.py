"""From a version's matching to decisions: full / partial / missing per reference sentence, and added sentences.

Kept apart from the matcher so the decision rule (calibrated thresholds) can change without touching the search.
"""

from __future__ import annotations

from align.compare.matching import Matching, MatchThresholds
from align.compare.model import CoverageCell, Match, Status


def decide(score: float | None, log_length: float, thresholds: MatchThresholds) -> Status:
    """Below `match`: missing. Carried, but scoring below `full` or much shorter than usual (`short`): partial."""
    if score is None or score < thresholds.match:
        return Status.missing
    if score < thresholds.full or log_length < thresholds.short:
        return Status.partial
    return Status.full


def coverage_cells(
    matching: Matching, reference_count: int, version_index: int, thresholds: MatchThresholds
) -> list[CoverageCell]:
    """One cell per reference sentence, in reference order."""
    cells = []
    for i in range(reference_count):
        score = matching.ref_scores.get(i)
        log_length = matching.ref_length.get(i)
        status = decide(score, 0.0 if log_length is None else log_length, thresholds)
        sentences = matching.ref_links.get(i, ()) if status != Status.missing else ()
        cells.append(CoverageCell(i, version_index, status, tuple(sentences), score, log_length))
    return cells


def matches_of(matching: Matching) -> list[Match]:
    return [Match(g.ref, g.ver, round(g.evidence, 4), round(g.cosine, 4)) for g in matching.groups]


def added_sentences(matching: Matching, version_count: int) -> list[int]:
    """Version sentences no match uses: content the reference lacks."""
    used = {j for group in matching.groups for j in group.ver}
    return [j for j in range(version_count) if j not in used]
