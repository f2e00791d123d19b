"""What a number counts: "3 años" and "3 months" have the same value and say different things, as do "0,25 puntos
porcentuales" and "0.25%", "5 millones de euros" and "$5 million", "10 kilómetros" and "10 miles". The word aligner
links "años" to "months" (both are time words), so only reading the unit beside each number catches such a wrong
number; and a conversion ("10 km" / "6 miles") is the same quantity in other figures. Unit words and conversion
factors live in models/units.json, as data."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

from align.detectors.lexicon import MODELS_DIR
from align.text.word_segmentation import phrase_alternation

if TYPE_CHECKING:  # numbers.py asks unit_end, so this module cannot import it at run time
    from align.detectors.numbers import NumberMention

_GLUED_LANGUAGES = frozenset({"zh", "ja", "ko"})
# Between a number and its unit: spaces or a hyphen ("3-year", "18-billion-euro"), and in Romance languages "de",
# "di" or an elided "d'" before a currency ("5 millones de euros", "10 milliards d'euros").
_LINK = r"[\s\u00a0\u202f-]*(?:(?:de|di)\s+|d['’]\s*)?"


_PERCENT_POINTS = re.compile(r"\s?(?:포인트|ポイント|p(?![^\W\d_])|points?(?![^\W\d_]))", re.IGNORECASE)


@dataclass(frozen=True)
class UnitMention:
    """A unit said beside a number: every unit its words may name ("pounds": the currency or the weight)."""

    names: frozenset[str]
    start: int
    end: int

    def of_kind(self, category: str) -> frozenset[str]:
        """The names of one category (time, percent, currency, era, length, mass, area, volume, temperature)."""
        categories = _tables().categories
        return frozenset(name for name in self.names if categories[name] == category)

    @property
    def categories(self) -> frozenset[str]:
        return frozenset(_tables().categories[name] for name in self.names)


Units = tuple[UnitMention, ...]


@dataclass(frozen=True)
class Measure:
    """A quantity in its category's base unit (days, metres, kilograms, square metres, litres, degrees Celsius)."""

    category: str
    unit: str
    value: float


def contradict(mine: Units, theirs: Units) -> bool:
    """Both sides say a unit of one kind and none the same: "años" / "months", "$" / "euros" (not "$" / "pesos"),
    "kilómetros" / "miles"; "公元前300年" / "AD 300" by its era, though its year word agrees."""
    return any(
        not a.of_kind(kind) & b.of_kind(kind) for a in mine for b in theirs for kind in a.categories & b.categories
    )


def measures(value: float, units: Units) -> list[Measure]:
    """The value in its category's base unit, once for each convertible unit the words beside it may name ("10 km",
    "three decades"; "40 grados": Celsius or Fahrenheit); a temperature also as a difference ("rose by 9 °F" is 5
    °C more), since nothing in the number says which. Empty for a bare number or a currency."""
    factors = _tables().factors
    categories = _tables().categories
    found = []
    for name in sorted({name for unit in units for name in unit.names if name in factors}):
        scale, offset = factors[name]
        found.append(Measure(categories[name], name, value * scale + offset))
        if offset:
            found.append(Measure(categories[name], name, value * scale))
    return found


def units_of(mention: NumberMention, text: str, lang: str) -> Units:
    """The units written right after the number and right before it ("$5 million", "公元前300年"); none for a
    clock time or a month (their own readers compare those)."""
    if mention.month_name or mention.half_said or mention.twelve_hour is not None:
        return ()
    tables = _tables()
    points = _PERCENT_POINTS.match(text, mention.end) if mention.percent else None  # "0.5%포인트", "%p"
    name = "percentage_point" if points else "percent"
    end = points.end() if points else mention.end
    found = [UnitMention(frozenset({name}), mention.start, end)] if mention.percent else []
    after = None if mention.percent else _after_pattern(lang).match(text, mention.end)
    before = _before_pattern(lang).search(text, max(0, mention.start - 16), mention.start)
    for match, table in ((after, tables.after), (before, tables.before)):
        if match:
            names = _names(table, lang, match.group("unit").lower())
            found.append(UnitMention(names, match.start("unit"), match.end("unit")))
    return tuple(found)


def unit_end(text: str, position: int, lang: str) -> int | None:
    """Where the unit written at `position` (right after a number) ends ("dos años| y medio"), or None where none
    is: a lone Chinese digit before one is a number ("三个月", "八年"), not a word ("三心二意")."""
    match = _after_pattern(lang).match(text, position)
    return match.end() if match else None


@dataclass(frozen=True)
class _Tables:
    categories: dict[str, str]  # unit name -> its category
    after: dict[str, dict[str, frozenset[str]]]  # language ('*' for all) -> words -> unit names
    before: dict[str, dict[str, frozenset[str]]]  # language ('*' for all) -> sign, code or word -> unit names
    factors: dict[str, tuple[float, float]]  # unit name -> (scale, offset) to its category's base unit


@lru_cache(maxsize=1)
def _tables() -> _Tables:
    raw = json.loads((MODELS_DIR / "units.json").read_text(encoding="utf-8"))
    categories = {name: category for category, names in raw["categories"].items() for name in names}
    after: dict[str, dict[str, frozenset[str]]] = {}
    for lang, units in {**raw["after"], **raw["glued"]}.items():
        after[lang] = _inverted(units)
    before = {lang: _inverted(units) for lang, units in raw["before"].items()}
    factors = {
        name: (float(f[0]), float(f[1])) if isinstance(f, list) else (float(f), 0.0)
        for name, f in raw["factors"].items()
    }
    return _Tables(categories, after, before, factors)


def _inverted(units: dict[str, list[str]]) -> dict[str, frozenset[str]]:
    words: dict[str, set[str]] = {}
    for name, said in units.items():
        for word in said:
            words.setdefault(word.lower(), set()).add(name)
    return {word: frozenset(names) for word, names in words.items()}


def _names(table: dict[str, dict[str, frozenset[str]]], lang: str, word: str) -> frozenset[str]:
    return table.get(lang, {}).get(word, frozenset()) | table["*"].get(word, frozenset())


@lru_cache(maxsize=64)
def _after_pattern(lang: str) -> re.Pattern[str]:
    tables = _tables()
    alternatives = phrase_alternation(set(tables.after.get(lang, {})) | set(tables.after["*"]))
    if lang in _GLUED_LANGUAGES:  # against the number ("3年", "5か月", "三十多年": thirty-odd years), or after a space
        return re.compile(rf"\s?[多余餘]?(?P<unit>{alternatives})", re.IGNORECASE)
    # A word ends where no letter follows ("3 años", "5 €", not "3 anomalías"); a sign needs no such end.
    return re.compile(rf"{_LINK}(?P<unit>{alternatives})(?![^\W\d_])", re.IGNORECASE)


@lru_cache(maxsize=64)
def _before_pattern(lang: str) -> re.Pattern[str]:
    before = _tables().before
    alternatives = phrase_alternation(set(before.get(lang, {})) | set(before["*"]))
    # A code must not end a longer word ("NUSD"); the sign or code sits right before the number, a space between.
    return re.compile(rf"(?<![^\W\d_])(?P<unit>{alternatives})[\s\u00a0\u202f]?\Z", re.IGNORECASE)
