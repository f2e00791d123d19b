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
_OF_A_PLACE = re.compile(r" of [^\W\d_]*[A-Z]")
_INITIAL = re.compile(r"\.\s+[A-ZÁÉÍÓÚÑÀÈÌÒÙÄÖÜ]")  # "José I. Wert", "Pedro V. Ruiz": an initial
_LONE_I_A_WORD = frozenset({"en", "it"})  # the pronoun "I", the Italian article "I" ("I Malavoglia")


@dataclass(frozen=True)
class RomanNumber:
    value: int
    start: int
    end: int  # the numeral with its ordinal ending ("XIXe")


def find_roman_numerals(text: str, lang: str) -> list[RomanNumber]:
    tables = _language(lang)
    numerals = [
        RomanNumber(value, m.start(), end)
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
    # Elsewhere a regnal or series number after a word.
    return [n for n, in_century in zip(numerals, century, strict=True) if in_century or _regnal(text, n, lang, tables)]


def find_spelled_centuries(text: str, lang: str) -> list[RomanNumber]:
    """Centuries said with an ordinal word ("the nineteenth century", "nineteenth-century"), which another text
    writes in Roman numerals or figures."""
    tables = _language(lang)
    if tables.spelled is None:
        return []
    found = []
    for match in tables.spelled.finditer(text):
        if tables.century_after.match(text, match.end()):
            value = tables.ordinals[match.group(0).lower()]
            found.append(RomanNumber(value, match.start(), match.end()))
    return found


def _beside_century_word(text: str, numeral: RomanNumber, tables: _Language) -> bool:
    before = tables.century_before.search(text, max(0, numeral.start - 24), numeral.start)
    return bool(tables.century_after.match(text, numeral.end) or before)


def _regnal(text: str, numeral: RomanNumber, lang: str, tables: _Language) -> bool:
    """After a word with a lowercase letter in it ("Felipe VI", "Lager II", "camp II": German capitalises the noun
    French does not), not after an acronym or a word in capitals ("NATO II", "FELIPE VI"), nor in a compound
    ("II-Stellung"). A numeral of one letter without an ending needs a capitalised word before it ("Carlos V",
    "Jaume I"; "der V lker" is an OCR'd "Völker"), is never X (Malcolm X, the network X) nor an initial ("José I.
    Wert"); in English a lone I is the pronoun unless a title stands before the name ("King Charles I") or a place
    after it ("Frederick I of Swabia"), and in Italian the article ("I Malavoglia")."""
    letters = text[numeral.start : numeral.end]
    word = _WORD_BEFORE.search(text, max(0, numeral.start - 40), numeral.start)
    if word is None or not any(ch.islower() for ch in word.group(0)):
        return False
    if text.startswith("-", numeral.end) and text[numeral.end + 1 : numeral.end + 2].isalpha():
        return False
    if len(letters) > 1:
        return True
    if letters == "X" or not word.group(0)[0].isupper() or _INITIAL.match(text, numeral.end):
        return False
    if letters == "V" or lang not in _LONE_I_A_WORD:
        return True
    return lang == "en" and _english_regnal_one(text, word.start(), numeral.end, tables)


def _english_regnal_one(text: str, name_start: int, end: int, tables: _Language) -> bool:
    """A title up to three capitalised words before ("King Charles I", "Pope John Paul I"), or a place after it
    ("Frederick I of Swabia"); two names alone are not enough ("the Grannie Liu I was telling you about")."""
    if _OF_A_PLACE.match(text, end):
        return True
    for _ in range(3):
        before = _WORD_BEFORE.search(text, max(0, name_start - 40), name_start)
        if before is None or not before.group(0)[0].isupper():
            return False
        if before.group(0)[:-1].lower() in tables.titles:
            return True
        name_start = before.start()
    return False


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
    titles: frozenset[str]  # "king", "pope": a lone English I after one and a name is a number
    ordinals: dict[str, int]  # "nineteenth": 19, before a century word
    spelled: re.Pattern[str] | None


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
    ordinals = raw["century_ordinals"].get(lang, {})
    return _Language(
        suffix=re.compile(alternation(suffixes)) if suffixes else re.compile(r"(?!)"),
        century_after=re.compile(rf"[\s-]+(?:{words})(?![^\W\d_])", re.IGNORECASE),
        century_before=re.compile(rf"(?<![^\W\d_])(?:{words})\s+$", re.IGNORECASE),
        joiner=re.compile(rf"\s*(?:{joiners})\s*|\s+", re.IGNORECASE),
        titles=frozenset(raw["titles"]),
        ordinals=ordinals,
        spelled=re.compile(rf"(?<![^\W\d_])(?:{alternation(ordinals)})", re.IGNORECASE) if ordinals else None,
    )
