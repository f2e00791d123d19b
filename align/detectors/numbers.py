"""Numbers as values, whatever the locale writes: 3,2 % = 3.2%, 73.000 = 73,000, 27ª = 27th, 2 millones = 2 million."""

from __future__ import annotations

import re
from dataclasses import dataclass

# Languages that write 1.234,5 (dot groups thousands, comma marks decimals).
_COMMA_DECIMAL = frozenset(
    "es de fr it pt nl pl ru tr da sv nb nn no fi cs sk sl hr sr bg ro hu el uk ca eu gl id".split()
)
_NUMBER = re.compile(
    r"(?<![\w.,])(\d{1,3}(?:[.,\u00a0\u202f ]\d{3})+(?:[.,]\d+)?|\d+(?:[.,]\d+)?)"
    r"(?:\s?(%|por ciento|percent|per cent|pour cent|prozent))?"
    r"(ª|º|°|st|nd|rd|th|er|e|ème|\.(?=\s+[a-zäöü]))?"
    r"(?:\s+(millones|millón|million|millions|millionen|mio\.?|mil millones|billion|billions|milliards?"
    r"|milliarden|mil))?",
    re.IGNORECASE,
)
_MULTIPLIERS = {
    "mil": 1e3,
    "millón": 1e6,
    "millones": 1e6,
    "million": 1e6,
    "millions": 1e6,
    "millionen": 1e6,
    "mio": 1e6,
    "mio.": 1e6,
    "mil millones": 1e9,
    "billion": 1e9,
    "billions": 1e9,
    "milliard": 1e9,
    "milliards": 1e9,
    "milliarden": 1e9,
}


@dataclass(frozen=True)
class NumberMention:
    value: float
    start: int
    end: int
    text: str
    percent: bool


def find_numbers(text: str, lang: str) -> list[NumberMention]:
    mentions = []
    for match in _NUMBER.finditer(text):
        digits, percent, _ordinal, multiplier = match.groups()
        value = parse_number(digits, lang)
        if value is None:
            continue
        if multiplier:
            value *= _MULTIPLIERS.get(multiplier.lower(), 1.0)
        mentions.append(NumberMention(value, match.start(), match.end(), match.group(0), bool(percent)))
    return mentions


def parse_number(digits: str, lang: str) -> float | None:
    compact = re.sub(r"[\u00a0\u202f ]", "", digits)
    comma_decimal = lang in _COMMA_DECIMAL
    groups = re.fullmatch(r"\d{1,3}(?:([.,])\d{3})+", compact)
    if groups and (compact.count(groups.group(1)) > 1 or (groups.group(1) == ".") == comma_decimal):
        return float(compact.replace(groups.group(1), ""))
    if comma_decimal and "," in compact:
        compact = compact.replace(".", "").replace(",", ".")
    else:
        compact = compact.replace(",", "")
    try:
        return float(compact)
    except ValueError:
        return None
