"""number_mismatch: a number, date, percentage or amount that is not the same value on both sides."""

from __future__ import annotations

from collections import Counter

from align.detectors.base import BeadView, Detector, Flag
from align.detectors.gaps import target_gap_for_source
from align.detectors.numbers import NumberMention, find_numbers


class NumberMismatchDetector(Detector):
    kind = "number_mismatch"

    def detect(self, view: BeadView) -> list[Flag]:
        if view.bead.is_null:
            return []
        source = find_numbers(view.source.text, view.source.lang)
        target = find_numbers(view.target.text, view.target.lang)
        missing = _unmatched(source, target)
        extra = _unmatched(target, source)
        flags = []
        for k, mention in enumerate(missing):
            src_span = (view.source.file_offset(mention.start), view.source.file_offset(mention.end))
            if k < len(extra):
                other = extra[k]
                tgt_span = (view.target.file_offset(other.start), view.target.file_offset(other.end))
                message = f"source says {mention.text}, target says {other.text}"
                flags.append(Flag(self.kind, 0.9, view.index, src_span, tgt_span, mention.text, other.text, message))
            else:
                gap = target_gap_for_source(view, mention.start, mention.end)
                message = f"number {mention.text} has no counterpart in the target"
                flags.append(Flag(self.kind, 0.7, view.index, src_span, (gap, gap), mention.text, "", message))
        for other in extra[len(missing) :]:
            tgt_span = (view.target.file_offset(other.start), view.target.file_offset(other.end))
            message = f"number {other.text} in the target is not in the source"
            flags.append(Flag(self.kind, 0.6, view.index, None, tgt_span, "", other.text, message))
        return flags


def _unmatched(side: list[NumberMention], other: list[NumberMention]) -> list[NumberMention]:
    available = Counter(round(m.value, 6) for m in other)
    left = []
    for mention in side:
        key = round(mention.value, 6)
        if available[key] > 0:
            available[key] -= 1
        else:
            left.append(mention)
    return left
