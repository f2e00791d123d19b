"""placeholder_mismatch: a software string's format placeholder or markup tag ("%d", "%(name)s", "{count}", "<b>")
that the translation drops, adds or changes. The program fills them in or renders them: a dropped one loses a value
("Deleted %d files from %s." / "Se eliminaron %d archivos."), an added or changed one prints garbage or crashes it
("%s" read as "%d"). What counts as the same is align/text/placeholders.py's. A memory's inline tags (XLIFF's <x/>,
<bpt>, <g>, TMX's <ph> ...), which the segment's text leaves out, are compared too, by element, id and native
markup: a CAT tool's tag the translation lost."""

from __future__ import annotations

import bisect

from align.detectors.base import BeadView, Detector, Flag
from align.detectors.gaps import target_gap_for_source
from align.text.document import Document, InlineCode
from align.text.placeholders import Placeholder, PlaceholderDifference, placeholder_differences, unmatched


class PlaceholderDetector(Detector):
    kind = "placeholder_mismatch"

    def detect(self, view: BeadView) -> list[Flag]:
        if view.bead.is_null:
            return []
        confidence = view.context.settings.placeholder_confidence
        flags = [
            self._flag(view, difference, confidence)
            for difference in placeholder_differences(view.source.text, view.target.text)
        ]
        return flags + self._inline_tags(view, confidence)

    def _inline_tags(self, view: BeadView, confidence: float) -> list[Flag]:
        source = _codes_within(view.context.source, view.bead.source)
        target = _codes_within(view.context.target, view.bead.target)
        if not source and not target:
            return []
        flags = []
        added = unmatched(target, source)
        for code in unmatched(source, target):
            partner = next((a for a in added if a.sort == code.sort), None)
            if partner is not None:
                added.remove(partner)
                target_span = (partner.offset, partner.offset + partner.length)
                message = f"{code.sort} '{code.label}' became '{partner.label}' in the target"
            else:
                at = view.source.text_offset(code.offset)
                gap = target_gap_for_source(view, at, at)
                target_span = (gap, gap)
                message = f"source {code.sort} '{code.label}' missing in the target"
            source_span = (code.offset, code.offset + code.length)
            target_label = partner.label if partner else ""
            flags.append(
                Flag(self.kind, confidence, view.index, source_span, target_span, code.label, target_label, message)
            )
        for code in added:
            message = f"target {code.sort} '{code.label}' not in the source"
            target_span = (code.offset, code.offset + code.length)
            flags.append(Flag(self.kind, confidence, view.index, None, target_span, "", code.label, message))
        return flags

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


def _codes_within(document: Document, ids: tuple[int, ...]) -> list[InlineCode]:
    """The inline tags standing inside these sentences (at their ends included), in order."""
    codes = document.inline_codes
    if not codes:
        return []
    offsets = [code.offset for code in codes]
    out: list[InlineCode] = []
    for i in ids:
        sentence = document.sentences[i]
        out.extend(codes[bisect.bisect_left(offsets, sentence.start) : bisect.bisect_right(offsets, sentence.end)])
    return out


def _sort(placeholder: Placeholder) -> str:
    return "tag" if placeholder.is_tag else "placeholder"
