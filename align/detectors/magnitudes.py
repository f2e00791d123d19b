"""Approximate quantities said with collective or plural number words ("decenas de", "un centenar", "hundreds",
"Tausende", "数百"). What a translation must keep is their order of magnitude: "Decenas de personas murieron" /
"Hundreds of people died" is a wrong number, "una decena" / "a dozen" is none. The phrases and their sizes are data
(models/magnitudes.json)."""

from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass
from functools import lru_cache

from align.detectors.lexicon import MODELS_DIR
from align.text.word_segmentation import phrase_alternation

MAGNITUDES = "magnitudes.json"


@dataclass(frozen=True)
class Magnitude:
    value: float
    start: int
    end: int


def find_magnitudes(text: str, lang: str) -> list[Magnitude]:
    """The approximate quantities of a text, longest phrase first ("decenas de miles" is ten thousand)."""
    found = _pattern(lang)
    if found is None:
        return []
    pattern, sizes = found
    return [Magnitude(sizes[" ".join(m.group().lower().split())], m.start(), m.end()) for m in pattern.finditer(text)]


def same_order(one: float, other: float) -> bool:
    """Whether two sizes are of one order of magnitude (10 and 12, 100 and 300; not 10 and 100)."""
    if one <= 0 or other <= 0:
        return one == other
    return math.floor(math.log10(one)) == math.floor(math.log10(other))


@lru_cache(maxsize=16)
def _pattern(lang: str) -> tuple[re.Pattern[str], dict[str, float]] | None:
    phrases = json.loads((MODELS_DIR / MAGNITUDES).read_text(encoding="utf-8"))["phrases"].get(lang)
    if not phrases:
        return None
    sizes = {phrase.lower(): float(size) for phrase, size in phrases.items()}
    if lang in ("zh", "ja"):
        return re.compile(phrase_alternation(list(sizes))), sizes
    return re.compile(rf"(?<![^\W\d_])(?:{phrase_alternation(list(sizes))})(?![^\W\d_])", re.IGNORECASE), sizes
