"""Temperatures below zero: "-7 grados", "menos 12 grados", "cinco grados bajo cero", "零下41度" are negative, so a
translation that says "7 degrees" says another temperature. The number reader takes figures without their sign
(a hyphen before a figure is as often a range's or a name's: "3-5", "COVID-19", "A-7"), so the sign is read here,
only where the words around the figure make it a temperature. The words live in models/units.json
("below_zero"), as data."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, replace
from functools import lru_cache

from align.detectors.lexicon import MODELS_DIR
from align.detectors.numbers import NumberMention
from align.text.word_segmentation import phrase_alternation

_SIGNS = "-−–"  # hyphen-minus, minus sign, en dash
_SYMBOLS = frozenset({"°", "º"})


@dataclass(frozen=True)
class _Reading:
    unit: re.Pattern[str]  # right after a figure: what makes it a temperature
    below: re.Pattern[str]  # right after a figure (and its unit, if any): "bajo cero"
    minus_word: re.Pattern[str] | None  # right before a figure: "menos", "minus"
    glued: tuple[str, ...]  # written against the figure, before it: "零下"


def below_zero(mention: NumberMention, text: str, lang: str) -> NumberMention:
    """The mention made negative, its span taking in the sign, the minus word or the words after it ("grados bajo
    cero"), where the text says it is below zero; else the mention as it is. Read its units before: they may lie
    inside the new span."""
    if mention.value <= 0:
        return mention
    reading = _reading(lang)
    start, end = mention.start, mention.end
    glued = next((g for g in reading.glued if text.endswith(g, 0, start)), None)
    below = reading.below.match(text, end)
    if glued is not None:
        start -= len(glued)
    elif below is not None:
        end = below.end()
    else:
        if not reading.unit.match(text, mention.end):
            return mention
        word = reading.minus_word.search(text, max(0, start - 12), start) if reading.minus_word else None
        if word is not None:
            start = word.start()
        elif start > 0 and text[start - 1] in _SIGNS and (start == 1 or not text[start - 2].isalnum()):
            start -= 1
        else:
            return mention
    return replace(mention, value=-mention.value, start=start, end=end, text=text[start:end])


@lru_cache(maxsize=32)
def _reading(lang: str) -> _Reading:
    table = json.loads((MODELS_DIR / "units.json").read_text(encoding="utf-8"))["below_zero"]
    units = [*table["sign_units"].get("*", []), *table["sign_units"].get(lang, [])]
    symbols = [u for u in units if u in _SYMBOLS]
    words = [u for u in units if u not in _SYMBOLS]
    unit_words = "|".join(
        [rf"[\s\u00a0]*(?:{'|'.join(map(re.escape, symbols))})"] * bool(symbols)
        + [rf"[\s\u00a0]?(?:{phrase_alternation(words)})(?![^\W\d_])"] * bool(words)
    )
    unit = re.compile(unit_words, re.IGNORECASE)
    after = table["after"].get(lang, [])
    below = re.compile(
        rf"(?:{unit_words})?[\s\u00a0]+(?:{phrase_alternation(after)})(?![^\W\d_])" if after else r"(?!)",
        re.IGNORECASE,
    )
    minus = table["minus_words"].get(lang, [])
    minus_word = (
        re.compile(rf"(?<![^\W\d_])(?:{phrase_alternation(minus)})[\s\u00a0]+$", re.IGNORECASE) if minus else None
    )
    return _Reading(unit, below, minus_word, tuple(sorted(table["glued_before"].get(lang, []), key=len, reverse=True)))
