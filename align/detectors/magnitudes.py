"""Approximate quantities said with collective or plural number words ("decenas de", "un centenar", "hundreds",
"Tausende", "数百"). What a translation must keep is their order of magnitude: "Decenas de personas murieron" /
"Hundreds of people died" is a wrong number, "una decena" / "a dozen" is none. The phrases and their sizes are data
(models/magnitudes.json): a size followed by a word for a thousand or a million is multiplied by it ("une dizaine de
milliers" = 10,000), one after a word for half is halved ("medio millar" = 500), and one followed by a word that
makes it a way of speaking is none ("cientos de veces" / "a thousand times")."""

from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass
from functools import lru_cache

from align.detectors.lexicon import MODELS_DIR
from align.detectors.number_words import WordNumber
from align.text.word_segmentation import phrase_alternation

MAGNITUDES = "magnitudes.json"


@dataclass(frozen=True)
class _Patterns:
    phrases: re.Pattern[str]
    sizes: dict[str, float]
    multiplier: re.Pattern[str] | None  # a joiner and a word for a thousand or more, right after a phrase
    multipliers: dict[str, float]
    half: re.Pattern[str] | None  # a word for half, right before a phrase
    hyperbole: re.Pattern[str] | None  # what makes a size a way of speaking, right after it ("cientos de veces")


def find_magnitudes(text: str, lang: str) -> list[WordNumber]:
    """The approximate quantities of a text, longest phrase first ("decenas de miles" is ten thousand)."""
    patterns = _patterns(lang)
    if patterns is None:
        return []
    found: list[WordNumber] = []
    for match in patterns.phrases.finditer(text):
        if found and match.start() < found[-1].end:
            continue  # the multiplier of the phrase before ("dizaine de milliers")
        value, start, end = patterns.sizes[_key(match.group())], match.start(), match.end()
        after = patterns.multiplier.match(text, end) if patterns.multiplier else None
        if after:
            value, end = value * patterns.multipliers[_key(after.group("big"))], after.end()
        if patterns.hyperbole and patterns.hyperbole.match(text, end):
            continue
        before = _half_before(patterns.half, text, start)
        if before is not None:
            value, start = value / 2, before
        found.append(WordNumber(value, start, end))
    return found


def same_order(one: float, other: float) -> bool:
    """Whether two sizes are of one order of magnitude (10 and 12, 100 and 300; not 10 and 100)."""
    if one <= 0 or other <= 0:
        return one == other
    return math.floor(math.log10(one)) == math.floor(math.log10(other))


def _key(said: str) -> str:
    return " ".join(said.lower().split())


def _half_before(half: re.Pattern[str] | None, text: str, start: int) -> int | None:
    if half is None:
        return None
    match = half.search(text, max(0, start - 12), start)
    return match.start() if match and match.end() == start else None


@lru_cache(maxsize=1)
def _data() -> dict:
    return json.loads((MODELS_DIR / MAGNITUDES).read_text(encoding="utf-8"))


@lru_cache(maxsize=16)
def _patterns(lang: str) -> _Patterns | None:
    data = _data()
    phrases = data["phrases"].get(lang)
    if not phrases:
        return None
    sizes = {_key(phrase): float(size) for phrase, size in phrases.items()}
    multipliers = {_key(word): float(size) for word, size in data["multipliers"].get(lang, {}).items()}
    spaced = lang not in ("zh", "ja")
    edge_before, edge_after = (r"(?<![^\W\d_])", r"(?![^\W\d_])") if spaced else ("", "")
    phrase_pattern = re.compile(rf"{edge_before}(?:{phrase_alternation(list(sizes))}){edge_after}", re.IGNORECASE)
    multiplier = None
    if multipliers:
        joiners = "|".join(re.escape(j) for j in data["joiners"].get(lang, []))
        joined = rf"\s*(?:(?:{joiners})\s*)?" if joiners else r"\s*"
        multiplier = re.compile(rf"{joined}(?P<big>{phrase_alternation(list(multipliers))}){edge_after}", re.IGNORECASE)
    halves = data["halves"].get(lang, [])
    half = re.compile(rf"{edge_before}(?:{phrase_alternation(halves)})\s*", re.IGNORECASE) if halves else None
    hyperboles = data["hyperboles"].get(lang, [])
    hyperbole = (
        re.compile(rf"\s*(?:{phrase_alternation(hyperboles)}){edge_after}", re.IGNORECASE) if hyperboles else None
    )
    return _Patterns(phrase_pattern, sizes, multiplier, multipliers, half, hyperbole)
