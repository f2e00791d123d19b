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

from align.detectors.lexicon import MODELS_DIR, WORD_BEFORE, matches_entry
from align.detectors.numbers import NumberMention
from align.text.word_segmentation import has_east_asian_letters, phrase_alternation

_SIGNS = "-−–"  # hyphen-minus, minus sign, en dash
_SYMBOLS = frozenset({"°", "º", "℃", "℉"})
_RANGE_REACH = 25  # characters after a signed figure where a temperature unit makes it one ("entre -5 y -10 grados")
_WORD = re.compile(r"[^\W\d_]+")


@dataclass(frozen=True)
class _Reading:
    unit: re.Pattern[str]  # right after a figure: what makes it a temperature
    below: re.Pattern[str]  # right after a figure (and its unit, if any): "bajo cero"
    minus_word: re.Pattern[str] | None  # right before a figure: "menos", "minus" ...
    minus_not_after: frozenset[str]  # ... unless one of these comes before it: "al menos", "au moins"
    glued: tuple[str, ...]  # written against the figure, before it: "零下"
    temperature_words: frozenset[str]  # a text naming one of these speaks of temperatures ("temperatura*")


def below_zero(mention: NumberMention, text: str, lang: str) -> NumberMention:
    """The mention made negative, its span taking in the sign, the minus word or the words after it ("grados bajo
    cero"), where the text says it is below zero; else the mention as it is. Read its units before: they may lie
    inside the new span."""
    if mention.value <= 0 or mention.percent:
        return mention
    reading = _reading(lang)
    start, end = mention.start, mention.end
    glued = next((g for g in reading.glued if text.endswith(g, 0, start)), None)
    below = reading.below.match(text, end)
    with_unit = mention.text.endswith(tuple(_SYMBOLS)) or reading.unit.match(text, end) is not None
    word = _minus_word(text, start, reading)
    if glued is not None:
        start -= len(glued)
    elif below is not None:
        end = below.end()
    elif word is not None and with_unit:
        start = word.start("minus")
    elif _signed(text, start) and (with_unit or _speaks_of_temperature(text, end, reading)):
        start -= 1
    else:
        return mention
    return replace(mention, value=-mention.value, start=start, end=end, text=text[start:end])


def _minus_word(text: str, start: int, reading: _Reading) -> re.Match[str] | None:
    """A minus word right before the figure ("menos 12"), not one that is part of "al menos", "au moins", "plus ou
    moins", "plus/minus"."""
    word = reading.minus_word.search(text, max(0, start - 16), start) if reading.minus_word else None
    if word is None:
        return None
    before = WORD_BEFORE.search(text, max(0, word.start() - 16), word.start())
    return None if before and before.group(1).lower() in reading.minus_not_after else word


def _signed(text: str, start: int) -> bool:
    """A minus sign right against the figure, with nothing but a space, a bracket or a Chinese or Japanese word
    before it ("-7", "(-7", "气温-25℃"); not a range's or a name's hyphen ("3-5", "A-7")."""
    if start == 0 or text[start - 1] not in _SIGNS:
        return False
    before = text[start - 2] if start > 1 else " "
    return not before.isalnum() or has_east_asian_letters(before)  # "最低气温-25℃"


def _speaks_of_temperature(text: str, end: int, reading: _Reading) -> bool:
    """A temperature unit within a few characters after the figure ("-5 y -10 grados"), or a word for temperature
    anywhere in the text ("The temperature fell to -7")."""
    if reading.unit.search(text, end, end + _RANGE_REACH):
        return True
    return any(matches_entry(w.lower(), e) for w in _WORD.findall(text) for e in reading.temperature_words)


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
    minus_pattern = rf"(?<![^\W\d_])(?<!/)(?P<minus>{phrase_alternation(minus)})[\s\u00a0]+$"
    minus_word = re.compile(minus_pattern, re.IGNORECASE) if minus else None
    glued = tuple(sorted(table["glued_before"].get(lang, []), key=len, reverse=True))
    temperature_words = frozenset(w.lower() for w in table["temperature_words"].get(lang, []))
    not_after = frozenset(w.lower() for w in table["minus_not_after"].get(lang, []))
    return _Reading(unit, below, minus_word, not_after, glued, temperature_words)
