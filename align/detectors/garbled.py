"""garbled: target text broken in itself or against the source: a heading run into the next paragraph, or (English)
two neighbouring words the language almost never writes side by side, the trace of words cut out between them."""

from __future__ import annotations

from align.detectors.base import BeadView, Detector, Flag
from align.detectors.calibration import load_settings
from align.detectors.junctions import LANGUAGES as JUNCTION_LANGUAGES
from align.detectors.junctions import pair_surprises

_TERMINAL = tuple(".!?…:;»”\"')。！？")
MAX_HEADING_WORDS = 10
_CLAUSE_BREAK = tuple(",;:.!?")


class GarbledDetector(Detector):
    kind = "garbled"

    def detect(self, view: BeadView) -> list[Flag]:
        return self._merged_heading(view) + self._broken_junctions(view)

    def _broken_junctions(self, view: BeadView) -> list[Flag]:
        """Neighbouring target words with a very surprising bigram ("also in of training"); a pair across a clause
        break (a comma, a full stop) is left alone."""
        if view.bead.is_null or view.words is None or view.target.lang not in JUNCTION_LANGUAGES:
            return []
        tokens = view.words.target
        surprises = pair_surprises([t.text for t in tokens], view.target.lang)
        if surprises is None:
            return []
        threshold = load_settings().garbled_min_junction_surprise
        flags = []
        for k, value in enumerate(surprises):
            left, right = tokens[k], tokens[k + 1]
            if value < threshold or left.text.endswith(_CLAUSE_BREAK):
                continue
            span = (view.target.file_offset(left.start), view.target.file_offset(right.end))
            text = view.target.text[left.start : right.end]
            message = f"'{text}' is almost never written in {view.target.lang}: words may be missing between them"
            flags.append(Flag(self.kind, min(0.9, 0.5 + 0.05 * value), view.index, None, span, "", text, message))
        return flags

    def _merged_heading(self, view: BeadView) -> list[Flag]:
        """A short source line without final punctuation (a heading) that shares one target sentence with the
        paragraph after it: the target lost the line break and now reads as one garbled sentence."""
        bead = view.bead
        if len(bead.source) < 2 or len(bead.target) != 1:
            return []
        flags = []
        source_doc = view.context.source
        for position, i in enumerate(bead.source[:-1]):
            heading = source_doc.sentences[i]
            if heading.text.endswith(_TERMINAL) or len(heading.text.split()) > MAX_HEADING_WORDS:
                continue
            next_sentence = source_doc.sentences[bead.source[position + 1]]
            if "\n" not in source_doc.text[heading.end : next_sentence.start]:
                continue
            target_sentence = view.context.target.sentences[bead.target[0]]
            span = (target_sentence.start, _heading_end_in_target(view, heading.start, heading.end, target_sentence))
            message = f"heading '{heading.text}' has run into the next sentence"
            flags.append(
                Flag(self.kind, 0.85, view.index, (heading.start, heading.end), span, heading.text,
                     view.context.target.text[span[0] : span[1]], message)
            )
        return flags


def _heading_end_in_target(view: BeadView, start: int, end: int, target_sentence) -> int:  # type: ignore[no-untyped-def]
    """End of the target words the heading's words link to, or as many words as the heading has."""
    words = view.words
    heading_words = len(view.context.source.text[start:end].split())
    fallback = target_sentence.start + len(" ".join(target_sentence.text.split()[:heading_words]))
    if words is None:
        return fallback
    limit = heading_words + 3
    linked_ends = [
        words.target[t].end
        for s, t in words.links
        if start <= view.source.file_offset(words.source[s].start) < end and t < limit
    ]
    return view.target.file_offset(max(linked_ends)) if linked_ends else fallback
