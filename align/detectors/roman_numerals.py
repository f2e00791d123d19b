"""Roman numerals where a text writes a number in them: a century beside its word ("siglo XX", "XIXe siècle",
"XX secolo", "siglos XVI y XVII") and a regnal or series number after a name ("Felipe VI", "Luis XIV", "Gasherbrum
II", "camp II"), which a translation may write in figures ("the 20th century", "Louis XIV"): "siglo XX" / "the
21st century" is a wrong number the figures alone never saw. Capital letters are read only in those places: "I" is also
a pronoun, "X" a network or a generation, "DC" a city. Century words and joiners live in models/roman_numerals.json."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache

from align.detectors.lexicon import MODELS_DIR
from align.text.word_segmentation import alternation

_VALUES = {"I": 1, "V": 5, "X": 10}
# Centuries and regnal numbers stay below 40: X, V and I, in the order that writes each value once.
_VALID = re.compile(r"X{0,3}(?:IX|IV|V?I{0,3})")
_NUMERAL = re.compile(r"(?<![\w'’.])([IVX]+)")
_WORD_BEFORE = re.compile(r"(?<![\w'’-])[^\W\d_]{2,} $")


@dataclass(frozen=True)
class RomanNumber:
    value: int
    start: int
    end: int  # the numeral with its ordinal ending ("XIXe")
    century: bool  # read beside a century word (else after a word, as a regnal or series number)


def find_roman_numerals(text: str, lang: str) -> list[RomanNumber]:
    tables = _language(lang)
    numerals = [
        RomanNumber(value, m.start(), end, False)
        for m in _NUMERAL.finditer(text)
        if (value := _value(m.group(1))) and (end := _end(text, m, tables)) is not None
    ]
    century = [_beside_century_word(text, n, tables) for n in numerals]
    # A list or range of centuries shares the word: "siglos XVI y XVII", "XVe-XVIe siècles".
    for order in (range(1, len(numerals)), range(len(numerals) - 2, -1, -1)):
        for k in order:
            near = k - 1 if order.step == 1 else k + 1
            first, second = sorted((numerals[k], numerals[near]), key=lambda n: n.start)
            if century[near] and tables.joiner.fullmatch(text, first.end, second.start):
                century[k] = True
    found = []
    for numeral, in_century in zip(numerals, century, strict=True):
        if in_century:
            found.append(RomanNumber(numeral.value, numeral.start, numeral.end, True))
        elif _regnal(text, numeral):
            found.append(numeral)
    return found


def _beside_century_word(text: str, numeral: RomanNumber, tables: _Language) -> bool:
    before = tables.century_before.search(text, max(0, numeral.start - 24), numeral.start)
    return bool(tables.century_after.match(text, numeral.end) or before)


def _regnal(text: str, numeral: RomanNumber) -> bool:
    """After a word with a lowercase letter in it ("Felipe VI", "Lager II", "camp II": German capitalises the noun
    French does not), not after an acronym or a word in capitals ("NATO II", "FELIPE VI"), nor in a compound
    ("II-Stellung"). A numeral of one letter without an ending is a V after a capitalised word ("Carlos V"): a lone
    I is a pronoun, a lone X a name, and "der V lker" an OCR'd "Völker"."""
    letters = text[numeral.start : numeral.end]
    if len(letters) == 1 and letters != "V":
        return False
    word = _WORD_BEFORE.search(text, max(0, numeral.start - 40), numeral.start)
    if word is None or not any(ch.islower() for ch in word.group(0)):
        return False
    if len(letters) == 1 and not word.group(0)[0].isupper():
        return False
    return not (text.startswith("-", numeral.end) and text[numeral.end + 1 : numeral.end + 2].isalpha())


def _value(numeral: str) -> int:
    if not _VALID.fullmatch(numeral):
        return 0
    total = 0
    for k, letter in enumerate(numeral):
        value = _VALUES[letter]
        total += -value if k + 1 < len(numeral) and _VALUES[numeral[k + 1]] > value else value
    return total


def _end(text: str, match: re.Match[str], tables: _Language) -> int | None:
    """Where the numeral ends with its ordinal ending; None where a letter or digit goes on ("XIV2", "VIP")."""
    end = match.end()
    suffix = tables.suffix.match(text, end)
    end = suffix.end() if suffix else end
    return None if end < len(text) and (text[end].isalnum() or text[end] in "'’") else end


@dataclass(frozen=True)
class _Language:
    suffix: re.Pattern[str]
    century_after: re.Pattern[str]  # a century word right after the numeral
    century_before: re.Pattern[str]  # a century word right before it
    joiner: re.Pattern[str]


@lru_cache(maxsize=1)
def _tables() -> dict:  # type: ignore[type-arg]
    return json.loads((MODELS_DIR / "roman_numerals.json").read_text(encoding="utf-8"))


@lru_cache(maxsize=64)
def _language(lang: str) -> _Language:
    """A language's patterns; any language reads the century words of all (a quoted "siglo XX" in English)."""
    raw = _tables()
    words = alternation({w for listed in raw["century_words"].values() for w in listed})
    suffixes = raw["suffixes"].get(lang, [])
    joiners = alternation(raw["joiners"])
    return _Language(
        suffix=re.compile(alternation(suffixes)) if suffixes else re.compile(r"(?!)"),
        century_after=re.compile(rf"\s+(?:{words})(?![^\W\d_])", re.IGNORECASE),
        century_before=re.compile(rf"(?<![^\W\d_])(?:{words})\s+$", re.IGNORECASE),
        joiner=re.compile(rf"\s*(?:{joiners})\s*|\s+", re.IGNORECASE),
    )
