"""duplicate: a sentence or passage repeated in the target that the source has once."""

from __future__ import annotations

import re

from align.detectors.base import BeadView, Detector, Flag

_REPEATED_PASSAGE = re.compile(r"\b((?:\w+\W+){2,}?\w+)\W+\1\b", re.IGNORECASE)


class DuplicateDetector(Detector):
    kind = "duplicate"

    def detect(self, view: BeadView) -> list[Flag]:
        flags = []
        target_doc = view.context.target
        for j in view.bead.target:
            sentence = target_doc.sentences[j]
            key = _normalised(sentence.text)
            first = view.context.target_first_seen.get(key, sentence.id)
            if first < sentence.id and len(key.split()) >= 3 and not _source_repeats_too(view, first):
                message = f"target sentence repeats sentence {first}"
                span = (sentence.start, sentence.end)
                flags.append(Flag(self.kind, 0.9, view.index, None, span, "", sentence.text, message))
        match = _REPEATED_PASSAGE.search(view.target.text)
        if match and not _REPEATED_PASSAGE.search(view.source.text):
            second = match.start(1) + match.group(0).rfind(match.group(1))
            start, end = view.target.file_offset(second), view.target.file_offset(match.end())
            message = f"passage '{match.group(1)}' is repeated"
            flags.append(Flag(self.kind, 0.8, view.index, None, (start, end), "", match.group(1), message))
        return flags


def _normalised(text: str) -> str:
    return " ".join(text.lower().split())


def _source_repeats_too(view: BeadView, earlier_target: int) -> bool:
    """A repeat is legitimate when the source repeats the same sentence at both places."""
    source_doc = view.context.source
    here = _normalised(" ".join(source_doc.sentences[i].text for i in view.bead.source))
    index = view.context.bead_of_target.get(earlier_target)
    bead = view.context.beads[index] if index is not None else None
    if bead is None or not bead.source:
        return False
    there = _normalised(" ".join(source_doc.sentences[i].text for i in bead.source))
    return bool(here) and here == there
