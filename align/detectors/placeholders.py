"""placeholder_mismatch: a software string's format placeholder or markup tag ("%d", "%(name)s", "{count}", "<b>")
that the translation drops, adds or changes. The program fills them in or renders them: a dropped one loses a value
("Deleted %d files from %s." / "Se eliminaron %d archivos."), an added or changed one prints garbage or crashes it
("%s" read as "%d"). What counts as the same is align/text/placeholders.py's."""

from __future__ import annotations

from align.detectors.base import BeadView, Detector, Flag
from align.detectors.gaps import target_gap_for_source
from align.text.placeholders import Placeholder, PlaceholderDifference, placeholder_differences


class PlaceholderDetector(Detector):
    kind = "placeholder_mismatch"

    def detect(self, view: BeadView) -> list[Flag]:
        if view.bead.is_null:
            return []
        confidence = view.context.settings.placeholder_confidence
        return [
            self._flag(view, difference, confidence)
            for difference in placeholder_differences(view.source.text, view.target.text)
        ]

    def _flag(self, view: BeadView, difference: PlaceholderDifference, confidence: float) -> Flag:
        source, target = difference.source, difference.target
        source_span = view.source.file_span(source.start, source.end) if source else None
        if target:
            target_span = view.target.file_span(target.start, target.end)
        else:
            assert source is not None
            gap = target_gap_for_source(view, source.start, source.end)
            target_span = (gap, gap)
        if source and target:
            message = f"{_sort(source)} '{source.text}' became '{target.text}' in the target"
        elif source:
            message = f"source {_sort(source)} '{source.text}' missing in the target"
        else:
            assert target is not None
            message = f"target {_sort(target)} '{target.text}' not in the source"
        return Flag(
            self.kind,
            confidence,
            view.index,
            source_span,
            target_span,
            source.text if source else "",
            target.text if target else "",
            message,
        )


def _sort(placeholder: Placeholder) -> str:
    return "tag" if placeholder.is_tag else "placeholder"
