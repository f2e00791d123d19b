"""name_mismatch: a name on one side that the other side spells differently or replaces by another name."""

from __future__ import annotations

from rapidfuzz import fuzz, process

from align.detectors.base import BeadView, Detector, Flag
from align.detectors.lexicon import is_content_word

SAME_NAME = 80.0  # rapidfuzz ratio at or above which two spellings are the same name
DIFFERENT_NAME = 50.0


class NameMismatchDetector(Detector):
    kind = "name_mismatch"

    def detect(self, view: BeadView) -> list[Flag]:
        words = view.words
        if view.bead.is_null or words is None:
            return []
        links: dict[int, list[int]] = {}
        for s, t in words.links:
            links.setdefault(s, []).append(t)
        target_names = [w.text for w in words.target if _is_name(w.text, view.target.lang)]
        flags = []
        for i, word in enumerate(words.source):
            if i == 0 or not _is_name(word.text, view.source.lang) or i not in links:
                continue
            if any(fuzz.ratio(word.text, other) >= SAME_NAME for other in target_names):
                continue
            linked = [words.target[j] for j in links[i] if _is_name(words.target[j].text, view.target.lang)]
            for other in linked:
                if fuzz.ratio(word.text, other.text) < DIFFERENT_NAME and _looks_foreign_to(word.text, view):
                    src_span = (view.source.file_offset(word.start), view.source.file_offset(word.end))
                    tgt_span = (view.target.file_offset(other.start), view.target.file_offset(other.end))
                    message = f"name '{word.text}' appears as '{other.text}'"
                    flags.append(Flag(self.kind, 0.6, view.index, src_span, tgt_span, word.text, other.text, message))
        return flags


def _is_name(text: str, lang: str) -> bool:
    return text[:1].isupper() and text[1:2].islower() and is_content_word(text, lang)


def _looks_foreign_to(name: str, view: BeadView) -> bool:
    """Only names that should travel unchanged (people, not countries translated word by word) are checked:
    a name whose spelling the source repeats elsewhere in the target document counts as one."""
    words = view.context.target_words
    return process.extractOne(name, words, scorer=fuzz.ratio, processor=None, score_cutoff=SAME_NAME) is not None
