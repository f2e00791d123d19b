"""duplicate: a sentence or passage repeated in the target that the source has once."""

from __future__ import annotations

import re

from align.alignment.words import split_words
from align.detectors.base import BeadView, Detector, Flag, sentence_key, spans_overlap
from align.detectors.lexicon import is_content_word
from align.text.word_segmentation import HAN_LETTERS, KANA_LETTERS, has_east_asian_letters

# Three to forty words said twice in a row. Bounded, so the search stays linear in the bead's length (unbounded,
# one presplit line of 200 KB took minutes); a longer repeat is a sentence said twice, which the sentence rule finds.
_REPEATED_PASSAGE = re.compile(r"\b((?:\w+\W+){2,39}?\w+)\W+\1\b", re.IGNORECASE)
# The same in text written without spaces: a stretch of two characters or more said twice ("对不起，对不起",
# "司令——我没有头啦——司令——我没有头啦——"), or twice around a linking character ("十三岁就十三岁": "if you're
# thirteen, you're thirteen"), which a translation renders as a repeated passage.
_REPEATED_STRETCH = re.compile(rf"([{HAN_LETTERS}{KANA_LETTERS}][^\n]{{1,40}}?)\W*(?:[就是也又还]\W*)?\1")


class DuplicateDetector(Detector):
    kind = "duplicate"

    def detect(self, view: BeadView) -> list[Flag]:
        flags = []
        target_doc = view.context.target
        for j in view.bead.target:
            sentence = target_doc.sentences[j]
            key = sentence_key(sentence.text)
            first = view.context.target_first_seen.get(key, sentence.id)
            part = first == sentence.id and key in view.context.target_part_of
            if part:
                first = view.context.target_part_of[key]
            if (
                first < sentence.id
                and _counts_as_repeat(view, key, sentence.id - first)
                and not _source_repeats_too(view, first)
            ):
                message = f"target sentence repeats {'part of ' if part else ''}sentence {first}"
                span = (sentence.start, sentence.end)
                flags.append(Flag(self.kind, 0.9, view.index, None, span, "", sentence.text, message))
        match = _REPEATED_PASSAGE.search(view.target.text)
        if match and not _source_repeats_passage(view, match.span()):
            second = match.start(1) + match.group(0).rfind(match.group(1))
            start, end = view.target.file_offset(second), view.target.file_offset(match.end())
            message = f"passage '{match.group(1)}' is repeated"
            if not any(spans_overlap(flag.target_span, (start, end)) for flag in flags):  # said as a sentence
                flags.append(Flag(self.kind, 0.8, view.index, None, (start, end), "", match.group(1), message))
        return flags


def _counts_as_repeat(view: BeadView, key: str, apart: int) -> bool:
    """Three words or more; a short sentence only near its first occurrence (further on it is dialogue or a
    formula said again: "I don't care.")."""
    words = len(key.split())
    settings = view.context.settings
    return words >= 3 and (
        words >= settings.duplicate_short_sentence_words or apart <= settings.duplicate_short_sentence_reach
    )


def _source_repeats_passage(view: BeadView, target_span: tuple[int, int]) -> bool:
    """Whether the source says a passage twice in a row too (emphasis, stammering: "I'll come! I'll come!").
    Two characters said twice are common in text without spaces ("一个一个", one by one), so there the repeated
    target passage must also be linked into the repeated stretch."""
    source = view.source.text
    if _REPEATED_PASSAGE.search(source):
        return True
    stretches = [m.span() for m in _REPEATED_STRETCH.finditer(source)] if has_east_asian_letters(source) else []
    words = view.words
    if not stretches or words is None:
        return False
    inside = {j for j, w in enumerate(words.target) if target_span[0] <= w.start and w.end <= target_span[1]}
    linked = [words.source[i] for i, j in words.links if j in inside]
    return any(start <= w.start and w.end <= end for w in linked for start, end in stretches)


def _source_repeats_too(view: BeadView, earlier_target: int) -> bool:
    """A repeat is legitimate when the source says much the same at both places: the same sentence, or most of the
    content words of the shorter one ("Kids bring me bad luck." / "I told you kids bring me bad luck.", which a
    translation may render the same; dialogue repeats itself). Where the repeat joined its first occurrence's bead,
    the two places are two of that bead's source sentences."""
    source_doc = view.context.source
    index = view.context.bead_of_target.get(earlier_target)
    bead = view.context.beads[index] if index is not None else None
    if bead is None or not bead.source or not view.bead.source:
        return False
    if index == view.index:
        texts = [source_doc.sentences[i].text for i in bead.source]
        pairs = [(a, b) for k, a in enumerate(texts) for b in texts[k + 1 :]]
    else:
        here = " ".join(source_doc.sentences[i].text for i in view.bead.source)
        pairs = [(here, " ".join(source_doc.sentences[i].text for i in bead.source))]
    return any(
        _much_the_same(a, b, source_doc.lang, view.context.settings.duplicate_min_source_overlap) for a, b in pairs
    )


def _much_the_same(text: str, other: str, lang: str, min_overlap: float) -> bool:
    if sentence_key(text) == sentence_key(other):
        return True
    mine, theirs = _content_words(text, lang), _content_words(other, lang)
    return len(mine & theirs) / max(min(len(mine), len(theirs)), 1) >= min_overlap


def _content_words(text: str, lang: str) -> set[str]:
    return {w.text.lower() for w in split_words(text, lang) if is_content_word(w.text, lang)}
