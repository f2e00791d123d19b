"""`align check` as XLIFF, for the CAT tool a reviewer works in (OmegaT, Trados, memoQ, Weblate read it): every bead a
unit, each flag a note on its unit ("omission 0.93: source word 'not' missing in the target"), and a flagged unit
marked for review (state="needs-review-translation"), so the findings are worked through segment by segment where
the translation is edited. Units without a flag read as translated."""

from __future__ import annotations

from dataclasses import replace

from align.check import CheckResult
from align.detectors.base import Flag
from align.reports.translation_units import units_from_alignment
from align.reports.xliff import render_xliff


def render(result: CheckResult) -> str:
    alignment = result.alignment
    by_bead: dict[int, list[Flag]] = {}
    for flag in result.flags:
        by_bead.setdefault(flag.bead, []).append(flag)
    units = []
    for unit in units_from_alignment(alignment):
        flags = by_bead.get(int(unit.id), [])
        if flags:
            notes = [*unit.notes, *(f"{f.kind} {f.confidence:.2f}: {f.message}" for f in flags)]
            unit = replace(unit, notes=notes, needs_review=True)
        units.append(unit)
    source, target = alignment.source.language_tag, alignment.target.language_tag
    return render_xliff(units, source, target, original=alignment.source.path)
