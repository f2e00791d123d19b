"""Numbers written as words ("cinco", "twenty-five", "fünfundzwanzig", "treinta y cinco", "dos millones"): news
spells small numbers out, so "Murieron cinco personas" / "Four people died" is a wrong number the figures alone
never see. The word aligner links one number word to another, so no omission shows it either. Words live in
models/number_words.json, as data; numbers.py reads figures and turns these readings into its mentions."""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import lru_cache

from align.detectors.lexicon import MODELS_DIR
from align.text.word_segmentation import phrase_alternation

_WORD = re.compile(r"[^\W\d_]+(?:[-‐][^\W\d_]+)*")
_SENTENCE_START = re.compile(r"(?:^|[.!?…:]\s*|\n\s*)[\"'“”‘’«»„(\[—–-]*\s*$")
_HUNDRED = 100.0
# Ordinals and fractions a hyphenated word may end in ("twenty-first", "vingt-et-unième", "two-thirds").
_ORDINAL_ENDINGS = ("first", "second", "third", "thirds", "th", "ths", "quarter", "quarters", "half", "halves")
_ORDINAL_ENDINGS += ("ième", "ieme", "ièmes", "iemes", "ier", "ière")


@dataclass(frozen=True)
class WordNumber:
    value: float
    start: int
    end: int


@dataclass(frozen=True)
class _Language:
    words: dict[str, int]  # word -> value (2 and up)
    ones: frozenset[str]  # "one" inside a compound only
    tens_stems: dict[str, int]  # Italian "vent" (+ "otto")
    glue: tuple[str, ...]  # German "und", Dutch "en" / "ën", between a unit and its tens in one word
    and_word: str  # Spanish "y", Portuguese "e", French "et", between tens and a unit written apart
    multipliers: dict[str, int]  # "hundred", "thousand" (numbers.py knows the millions)
    ones_before_multiplier: frozenset[str]  # "a", "one" in "a hundred", "un millón"
    decimal_points: frozenset[str]
    and_a_half: re.Pattern[str] | None  # "y medio" after "dos millones"
    alone: frozenset[str]  # "mil": a thousand without a number before it
    compound_units: dict[str, int]  # Italian "sei" inside "ventisei" only
    percent_before: frozenset[str]  # "per cento": no number
    ratios: re.Pattern[str] | None  # "one in five", "tres de cada diez"
    dozens: frozenset[str]  # "dozen", "docena": twelve times the number before
    halves: re.Pattern[str] | None  # "half a", "medio": half of the multiplier after
    denominators: frozenset[str]  # "tercios", "Drittel": the number before is a fraction's top


@dataclass(frozen=True)
class _Token:
    start: int
    end: int
    word: str  # lowercased


def find_number_words(text: str, lang: str, multiplier: Callable[[str], float]) -> list[WordNumber]:
    """Every number written in words, as one value per run of number words ("dos millones quinientos mil" is
    2,500,000); `multiplier` gives the value of a word for a thousand, a million ... (1 for any other word). A run
    whose words do not make one number ("dos y tres") is left out, and so is a run capitalised inside a sentence
    or beside a decimal point said in words ("one point five")."""
    table = _language(lang)
    if table is None:
        return []
    tokens = [_Token(m.start(), m.end(), m.group().lower()) for m in _WORD.finditer(text)]
    ratios = _ratio_spans(text, table)
    found = []
    for first, last, values in _runs(text, tokens, table, multiplier):
        value = _value([v for _, _, v in values])
        if value is None or _beside_decimal_point(tokens, first, last, table):
            continue
        if first > 0 and tokens[first - 1].word in table.percent_before:
            continue  # "per cento", "por cien": the percent of a number before
        if any(a < values[-1][1] and values[0][0] < b for a, b in ratios):
            continue  # "one in five", "nine out of ten": a ratio, which another text gives as a percentage
        if last + 1 < len(tokens) and tokens[last + 1].word in table.denominators:
            continue  # "dos tercios", "trois quarts": a fraction
        head = text[values[0][0] : tokens[first].end]
        if not (
            head.islower() or head.isupper() or _SENTENCE_START.search(text, max(0, values[0][0] - 12), values[0][0])
        ):
            continue  # capitalised inside a sentence: a name ("Otto", "Sette Bello")
        end = values[-1][1]
        dozens = tokens[last].word in table.dozens
        half = table.and_a_half.match(text, end) if table.and_a_half and (values[-1][2] >= 1000 or dozens) else None
        following = _WORD.match(text, len(text) - len(text[half.end() :].lstrip())) if half else None
        if following and (following.group().lower() in table.dozens or multiplier(following.group().lower()) > 1):
            half = None  # "medio millón y media docena": the half is the next number's
        if half:  # "dos millones y medio": 2.5 million; "una docena y media": 18
            value, end = value + (6 if dozens else values[-1][2] / 2), half.end()
        found.append(WordNumber(value, values[0][0], end))
    return found


def _ratio_spans(text: str, table: _Language) -> list[tuple[int, int]]:
    """Spans of "N in M" where both are numbers (in words or figures, "one" and "a" included)."""
    if table.ratios is None:
        return []
    spans = []
    for match in table.ratios.finditer(text):
        ends = [match.group(1).lower(), match.group(2).lower()]
        if all(w.isdigit() or w in table.words or w in table.ones or w in table.ones_before_multiplier for w in ends):
            spans.append((match.start(), match.end()))
    return spans


def _beside_decimal_point(tokens: list[_Token], first: int, last: int, table: _Language) -> bool:
    near = [tokens[k].word for k in (first - 1, last + 1) if 0 <= k < len(tokens)]
    return any(word in table.decimal_points for word in near)


def _runs(
    text: str, tokens: list[_Token], table: _Language, multiplier: Callable[[str], float]
) -> Iterator[tuple[int, int, list[tuple[int, int, float]]]]:
    """Runs of neighbouring number words (spaces, or the language's "and" between): the first and last token and
    each word's (start, end, value). A multiplier counts only after a number word, or "a" / "one" ("a hundred")."""
    run: list[tuple[int, int, float]] = []
    first = last = 0

    def big(word: str) -> float:
        return float(table.multipliers.get(word) or multiplier(word))

    def multiplies(word: str) -> bool:  # "hundred", "million", "dozen": what a number before it is times
        return big(word) > 1 or word in table.dozens

    skip_to = 0
    for k, token in enumerate(tokens):
        if k < skip_to:
            continue  # the "a" of "half a million"
        word = token.word
        if run and k == last + 1 and run[-1][2] < 1000:
            following = _multiplier_after(text, tokens, table.and_a_half, tokens[last].end, multiplies)
            if following is not None:  # "two and a half million": 2.5 million ("dos millones y medio" halves after)
                run.append((token.start, tokens[following - 1].end, 0.5))
                last, skip_to = following - 1, following
                continue
        joined = bool(run) and _joined(text[tokens[last].end : token.start], table, run[-1][2] >= 1000)
        if run and word == table.and_word and joined:
            continue  # "treinta y cinco": the run goes on over its "and"
        if run and joined and word in table.dozens:
            dozens = _value([v for _, _, v in run])
            if dozens is not None:  # "two dozen": 24
                run, last = [(run[0][0], token.end, dozens * 12)], k
                continue
        half = _multiplier_after(text, tokens, table.halves, token.start, multiplies)
        if half is not None:  # "half a million", "medio millón": 0.5 of the multiplier, a number of its own
            if run:
                yield first, last, run
            run, first, last, skip_to = [(token.start, token.end, 0.5)], k, half, half
            continue
        value, end = _word_value(word, table), token.end
        if value is None and "-" in word:  # "three-year-old", "sixty-thousand-ton": the number the word starts with
            value, length = _prefix_value(word, table, big)
            end = token.start + length
        after_tens = bool(run) and (_is_tens(int(run[-1][2])) or run[-1][2] >= _HUNDRED)
        if value is None and joined and word in table.ones and after_tens:
            value = 1  # "vingt et un", "treinta y un", "five hundred and one"
        head = word.split("-")[0]  # "two hundred-yuan", "zwei lakh-Anhänger": the multiplier the word starts with
        hundreds = big(head) == _HUNDRED and head != "hundred"  # "deux cents"; "cinquante cents" is money
        if value is None and run and joined and big(head) > 1 and not (hundreds and run[-1][2] >= 10):
            run.append((token.start, token.start + len(head), big(head)))
            last = k
            continue
        if value is None and not run and word in table.alone:
            value = big(word)  # "mil e quinhentos"
        if value is None and word in table.ones_before_multiplier and k + 1 < len(tokens):
            following = tokens[k + 1]
            before_multiplier = multiplies(following.word) and not text[token.end : following.start].strip()
            and_a_half = _multiplier_after(text, tokens, table.and_a_half, token.end, multiplies)
            if before_multiplier or and_a_half is not None:
                value = 1  # "a hundred", "one thousand", "un millón", "una docena", "one and a half million"
        if value is None or (run and not joined):
            if run:
                yield first, last, run
            run = []
        if value is not None:
            if not run:
                first = k
            run.append((token.start, end, value))
            last = k
    if run:
        yield first, last, run


def _multiplier_after(
    text: str, tokens: list[_Token], half: re.Pattern[str] | None, at: int, multiplies: Callable[[str], bool]
) -> int | None:
    """Where the phrase `half` matches at offset `at` ("half a", "medio" at a word; "and a half" after one) and a
    multiplier or a dozen follows it, past spaces only: that word's index."""
    found = half.match(text, at) if half else None
    if found is None:
        return None
    following = next((j for j, token in enumerate(tokens) if token.start >= found.end()), None)
    if following is None or text[found.end() : tokens[following].start].strip():
        return None
    return following if multiplies(tokens[following].word) else None


def _joined(between: str, table: _Language, after_thousands: bool) -> bool:
    """Nothing but spaces between two words of one number, or its "and"; after a thousand, a comma too ("thirty-six
    thousand, five hundred")."""
    gap = between.strip().lower()
    return not gap or gap == table.and_word or (after_thousands and gap == ",")


def _value(values: list[float]) -> float | None:
    """The number a run of values says, or None where they do not make one ("dos tres", "cinco cinco", "two
    thousand three thousand")."""
    total, current, place, last_big = 0.0, 0.0, None, None
    for value in values:
        if value == _HUNDRED:
            current, place = (current or 1) * _HUNDRED, _HUNDRED
        elif value >= 1000:
            if current == 0 and total > 0:  # "mil millones", "thousand million"
                total *= value
            elif last_big is not None and value >= last_big:
                return None
            else:
                total, current = total + (current or 1) * value, 0.0
            place = last_big = value
        else:
            if place is not None and value >= place and not (current in (60, 80) and 10 <= value < 20):
                return None  # French "soixante et onze", "quatre-vingt-onze" aside
            current += value
            place = _lowest_place(value)
    return total + current


def _lowest_place(value: float) -> float:
    """The place of a value's last non-zero digit (200: 100, 50: 10, 15: 1): what may still be added to it."""
    place = 1.0
    while value % (place * 10) == 0:
        place *= 10
    return place


def _word_value(word: str, table: _Language) -> float | None:
    """A word's value: listed, a unit glued to its tens ("fünfundzwanzig", "vijfentwintig"), tens glued to a unit
    ("venticinque"), or tens and a unit joined by hyphens ("twenty-five", "vingt-et-un", "quatre-vingt-dix-sept")."""
    if word in table.words:
        return table.words[word]
    for unit, unit_value in _units(table) if table.glue else ():
        tail = word[len(unit) :] if word.startswith(unit) else ""
        for glue in table.glue:
            tens = table.words.get(tail[len(glue) :]) if tail.startswith(glue) else None
            if tens is not None and _is_tens(tens):
                return tens + unit_value
    for stem, tens in table.tens_stems.items():  # Italian: "venti" + "cinque", "vent" + "otto", "venti" + "tré"
        rest = word[len(stem) :] if word.startswith(stem) else ""
        for unit, unit_value in _units(table) if rest else ():
            if rest in (unit, _accented(unit)) or (rest[:1] in "aeiou" and rest[1:] in (unit, _accented(unit))):
                return tens + unit_value
    if "-" in word:
        parts = [p for p in word.split("-") if p != table.and_word]
        return _hyphenated(parts, table)
    return None


def _hyphenated(parts: list[str], table: _Language) -> float | None:
    """Tens and what follows them, by the longest listed prefix ("quatre-vingt" before "quatre"): "twenty-five",
    "soixante-douze" (60 + 12), "quatre-vingt-dix-sept" (80 + 17)."""
    for k in range(len(parts) - 1, 0, -1):
        head = table.words.get("-".join(parts[:k]))
        if head is None:
            continue
        rest = parts[k:]
        rest_value = 1 if len(rest) == 1 and rest[0] in table.ones else table.words.get("-".join(rest))
        if rest_value is None or not _is_tens(head):
            return None
        if rest_value < 10 or (rest_value < 20 and head in (60, 80)):
            return head + rest_value
        return None
    return None


def _prefix_value(word: str, table: _Language, big: Callable[[str], float]) -> tuple[float | None, int]:
    """The number a hyphenated word starts with and how many of its characters say it ("three-year-old": 3, 5;
    "sixty-thousand-ton": 60,000); none before an ordinal ("twenty-first", "vingt-deuxième")."""
    parts = word.split("-")
    if parts[-1].endswith(_ORDINAL_ENDINGS):
        return None, 0
    for k in range(len(parts) - 1, 0, -1):
        value = _word_value("-".join(parts[:k]), table)
        if value is None:
            continue
        while k < len(parts) - 1 and big(parts[k]) > 1:
            value, k = value * big(parts[k]), k + 1
        return value, len("-".join(parts[:k]))
    return None, 0


def _is_tens(value: int | None) -> bool:
    return value is not None and 20 <= value < 100 and value % 10 == 0


def _units(table: _Language) -> list[tuple[str, int]]:
    listed = [(w, v) for w, v in table.words.items() if v < 10]
    return listed + [(w, 1) for w in table.ones] + list(table.compound_units.items())


def _accented(unit: str) -> str:
    return unit[:-1] + "é" if unit.endswith("e") else unit  # Italian "ventitré"


def _ratio_pattern(phrases: list[str]) -> re.Pattern[str] | None:
    if not phrases:
        return None
    alternatives = phrase_alternation(phrases)
    return re.compile(rf"([^\W\d_]+|\d+)\s+(?:{alternatives})\s+([^\W\d_]+|\d+)(?![^\W\d_])", re.IGNORECASE)


def _halves_pattern(phrases: list[str]) -> re.Pattern[str] | None:
    if not phrases:
        return None
    return re.compile(rf"(?:{phrase_alternation(phrases)})\s+", re.IGNORECASE)


def _phrase_pattern(phrases: list[str]) -> re.Pattern[str] | None:
    if not phrases:
        return None
    return re.compile(rf"\s+(?:{phrase_alternation(phrases)})(?![^\W\d_])", re.IGNORECASE)


@lru_cache(maxsize=1)
def _tables() -> dict:  # type: ignore[type-arg]
    return json.loads((MODELS_DIR / "number_words.json").read_text(encoding="utf-8"))


@lru_cache(maxsize=32)
def _language(lang: str) -> _Language | None:
    raw = _tables()
    if lang not in raw["words"]:
        return None
    return _Language(
        words=raw["words"][lang],
        ones=frozenset(raw["ones"].get(lang, [])),
        tens_stems=raw["tens_stems"].get(lang, {}),
        glue=tuple(raw["glue"].get(lang, [])),
        and_a_half=_phrase_pattern(raw["and_a_half"].get(lang, [])),
        alone=frozenset(raw["alone"].get(lang, [])),
        compound_units=raw["compound_units"].get(lang, {}),
        percent_before=frozenset(raw["percent_before"]),
        ratios=_ratio_pattern(raw["ratios"].get(lang, [])),
        dozens=frozenset(raw["dozens"].get(lang, [])),
        halves=_halves_pattern(raw["halves"].get(lang, [])),
        denominators=frozenset(raw["denominators"].get(lang, [])),
        and_word=raw["and"].get(lang, ""),
        multipliers=raw["multipliers"].get(lang, {}),
        ones_before_multiplier=frozenset(raw["ones_before_multiplier"].get(lang, [])),
        decimal_points=frozenset(raw["decimal_points"]),
    )
