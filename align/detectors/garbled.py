"""garbled: target text broken in itself or against the source, such as a heading run into the next paragraph."""

from __future__ import annotations

from align.detectors.base import BeadView, Detector, Flag

_TERMINAL = tuple(".!?…:;»”\"')。！？")
MAX_HEADING_WORDS = 10


class GarbledDetector(Detector):
    kind = "garbled"

    def detect(self, view: BeadView) -> list[Flag]:
        return self._merged_heading(view)

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
            heading_words = len(heading.text.split())
            target_words = target_sentence.text.split()
            cut = len(" ".join(target_words[:heading_words]))
            span = (target_sentence.start, target_sentence.start + cut)
            message = f"heading '{heading.text}' has run into the next sentence"
            flags.append(
                Flag(self.kind, 0.85, view.index, (heading.start, heading.end), span, heading.text,
                     view.context.target.text[span[0] : span[1]], message)
            )
        return flags
