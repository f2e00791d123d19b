"""missing_sentence and addition: a whole sentence on one side with no counterpart on the other."""

from __future__ import annotations

from align.detectors.base import BeadView, Detector, Flag


class MissingSentenceDetector(Detector):
    kind = "missing_sentence"

    def detect(self, view: BeadView) -> list[Flag]:
        if view.bead.target or not view.bead.source or _is_noise(view.source.text):
            return []
        gap = _target_gap(view)
        span = (view.source.file_offset(0), view.source.file_offset(len(view.source.text)))
        message = "source sentence has no counterpart in the target"
        return [Flag(self.kind, 0.8, view.index, span, (gap, gap), view.source.text, "", message)]


class AdditionDetector(Detector):
    kind = "addition"

    def detect(self, view: BeadView) -> list[Flag]:
        if view.bead.source or not view.bead.target or _is_noise(view.target.text):
            return []
        if view.context.target_sentence_counts.get(_key(view.target.text), 0) > 1:
            return []  # a repeated sentence is the duplicate detector's case
        span = (view.target.file_offset(0), view.target.file_offset(len(view.target.text)))
        message = "target sentence has no counterpart in the source"
        return [Flag(self.kind, 0.7, view.index, None, span, "", view.target.text, message)]


def _key(text: str) -> str:
    return " ".join(text.lower().split())


def _is_noise(text: str) -> bool:
    """Signature lines and stray symbols ("rja/dgp", "EFE") are not sentences anyone misses."""
    return sum(ch.isalpha() for ch in text) < 8 or len(text.split()) < 2


def _target_gap(view: BeadView) -> int:
    beads = view.context.beads
    for earlier in reversed(beads[: view.index]):
        if earlier.target:
            return view.context.target.sentences[earlier.target[-1]].end
    for later in beads[view.index + 1 :]:
        if later.target:
            return view.context.target.sentences[later.target[0]].start
    return 0
