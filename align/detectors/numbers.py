"""Numbers as values, whatever the locale writes: 3,2 % = 3.2%, 73.000 = 73,000, 27ª = 27th, 2 millones = 2 million,
7.3万 = 73,000."""

from __future__ import annotations

import re
from dataclasses import dataclass

# Languages that write 1.234,5 (dot groups thousands, comma marks decimals).
_COMMA_DECIMAL = frozenset(
    "es de fr it pt nl pl ru tr da sv nb nn no fi cs sk sl hr sr bg ro hu el uk ca eu gl id".split()
)
# Chinese and Japanese write numbers against their words ("有7.3万名", "第27次"): a Han or kana character may come
# right before one; any other letter or digit may not ("A320", "COVID19").
_CJK = "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_NUMBER = re.compile(
    rf"(?<![.,])(?<!(?![{_CJK}])\w)(\d{{1,3}}(?:[.,\u00a0\u202f ]\d{{3}})+(?:[.,]\d+)?|\d+(?:[.,]\d+)?)"
    r"(?:\s?(%|por ciento|percent|per cent|pour cent|prozent))?"
    r"(ª|º|°|st|nd|rd|th|er|e|ème|\.(?=\s+[a-zäöü]))?"
    r"(?:\s+(millones|millón|million|millions|millionen|mio\.?|mil millones|billion|billions|milliards?"
    r"|milliarden|mil)|\s?(万亿|萬億|万|萬|亿|億))?",
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
    "万": 1e4,
    "萬": 1e4,
    "亿": 1e8,
    "億": 1e8,
    "万亿": 1e12,
    "萬億": 1e12,
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
        digits, percent, _ordinal, word_multiplier, cjk_multiplier = match.groups()
        multiplier = word_multiplier or cjk_multiplier
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
