"""untranslated: source-language text left in the translation (copied words that are not names or numbers)."""

from __future__ import annotations

from functools import lru_cache

from align.detectors.base import BeadView, Detector, Flag
from align.detectors.lexicon import is_content_word

MIN_RUN_WORDS = 2


class UntranslatedDetector(Detector):
    kind = "untranslated"

    def detect(self, view: BeadView) -> list[Flag]:
        words = view.words
        if view.bead.is_null or words is None or view.source.lang == view.target.lang:
            return []
        if " ".join(view.source.text.split()) == " ".join(view.target.text.split()):
            return []  # a line both sides carry verbatim (signature, agency code) is not a leftover
        source_words = {w.text.lower() for w in words.source if any(ch.isalpha() for ch in w.text)}
        copied = [
            i
            for i, w in enumerate(words.target)
            if w.text.lower() in source_words and any(ch.isalpha() for ch in w.text)
        ]
        flags = []
        for first, last in _runs(copied):
            run = words.target[first : last + 1]
            text = view.target.text[run[0].start : run[-1].end]
            lowercase_content = [
                w for w in run if w.text[:1].islower() and is_content_word(w.text, view.source.lang)
            ]
            if not lowercase_content:
                continue  # names and acronyms are legitimately carried over
            if len(run) < MIN_RUN_WORDS:
                continue  # single shared words ("agenda", "hotel", "general") are too often real words of both
            language_agrees = _looks_like(text, view.source.lang, view.target.lang)
            raw = min(1.0, 0.45 + 0.15 * len(run) + (0.2 if language_agrees else 0.0))
            span = (view.target.file_offset(run[0].start), view.target.file_offset(run[-1].end))
            message = f"'{text}' looks untranslated ({view.source.lang})"
            flags.append(Flag(self.kind, raw, view.index, None, span, "", text, message))
        return flags


def _runs(indices: list[int]) -> list[tuple[int, int]]:
    runs: list[tuple[int, int]] = []
    for i in indices:
        if runs and runs[-1][1] == i - 1:
            runs[-1] = (runs[-1][0], i)
        else:
            runs.append((i, i))
    return runs


def _looks_like(text: str, source_lang: str, target_lang: str) -> bool:
    """Does lingua, choosing between just the two languages at hand, say the text is in the source language?"""
    detector = _pair_detector(source_lang, target_lang)
    if detector is None:
        return False
    confidences = {
        value.language.iso_code_639_1.name.lower(): value.value
        for value in detector.compute_language_confidence_values(text)
    }
    return confidences.get(source_lang, 0.0) > max(0.5, confidences.get(target_lang, 0.0))


@lru_cache(maxsize=16)
def _pair_detector(source_lang: str, target_lang: str):  # type: ignore[no-untyped-def]
    from lingua import IsoCode639_1, LanguageDetectorBuilder

    try:
        codes = [getattr(IsoCode639_1, code.upper()) for code in (source_lang, target_lang)]
        return LanguageDetectorBuilder.from_iso_codes_639_1(*codes).build()
    except (AttributeError, ValueError):
        return None
