"""A bound one side puts on a number that the other side gives bare: "Más de 2.000 personas" / "2,000 people",
"100多名学生" / "100 students", or a bound the translation adds ("murieron 12 personas" / "more than 12 people
died"). Both sides say the same value, so no comparison of values sees it, and a bound is a function word or a
character the omission model passes over. Words live in models/lost_bounds.json; the bounds before a number are the
bound set's (closed_sets.py)."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from functools import lru_cache

from align.detectors.closed_sets import Named, find_named, set_words
from align.detectors.lexicon import MODELS_DIR, WORD_BEFORE
from align.detectors.numbers import NumberMention
from align.text.word_segmentation import SEGMENTED_LANGUAGES, phrase_alternation

LOST_BOUNDS = "lost_bounds.json"
_NEVER = re.compile(r"(?!)")
_NAME_OR_SCORE = re.compile(r"['’]?s\b|(?![CF]\b)[A-Z]\b|[\s\u00a0]+[A-Z]{2,}\b|[:\-–][0-9]")
_SCORE_BEFORE = re.compile(r"[0-9][:\-–]$")
_DAY_GAP = re.compile(r"[\s\u00a0]*(?:de|of|du|del)?[\s\u00a0.]*")
_YEAR = re.compile(r"1[0-9]{3}|20[0-9]{2}|21[0-9]{2}")


@dataclass(frozen=True)
class Bounded:
    """A number with the bound one side puts on it ("más de 2.000", "100多"), spanning both."""

    number: NumberMention
    start: int
    end: int
    text: str
    ambiguous: bool = False  # the bound's word has other senses ("over", "hasta", "unter"): see models/lost_bounds.json


@dataclass(frozen=True)
class LostBound:
    """A bound one side says and the other side's same number lacks; `added`: the target says it, not the source."""

    bounded: Bounded
    bare: NumberMention
    added: bool


def lost_bounds(
    source_text: str,
    target_text: str,
    source_numbers: list[NumberMention],
    target_numbers: list[NumberMention],
    lang: str,
    target_lang: str,
) -> list[LostBound]:
    """Bounds either side says whose number the other side says once, with the same value and nothing about it
    that bounds or approximates it."""
    if not (_covered(lang) and _covered(target_lang)):
        return []
    found = []
    source_quantities = _quantities(source_text, source_numbers, lang)
    target_quantities = _quantities(target_text, target_numbers, target_lang)
    for text, numbers, mine, other_text, theirs, side_lang, other_lang, added in (
        (source_text, source_numbers, source_quantities, target_text, target_quantities, lang, target_lang, False),
        (target_text, target_numbers, target_quantities, source_text, source_quantities, target_lang, lang, True),
    ):
        bounds = _bounded(text, side_lang, numbers, mine)
        for bounded in bounds:
            if _in_range(text, bounded, mine, bounds, side_lang):
                continue
            same = [m for m in theirs if _same(m, bounded.number)]
            said_once = sum(_same(m, bounded.number) for m in mine) == 1
            if not said_once or len(same) != 1:
                continue
            if added and bounded.ambiguous and _words(other_lang).preposition.search(other_text, 0, same[0].start):
                continue  # "tras 12 asaltos" / "over 12 rounds": the translation's word renders the preposition
            if not _qualified(other_text, same[0], other_lang):
                found.append(LostBound(bounded, same[0], added))
    return found


def bounded_numbers(text: str, lang: str, numbers: list[NumberMention]) -> list[Bounded]:
    """The numbers a bound stands before (the bound set's: "más de un centenar") or after ("100多", "50岁以上",
    "2,000 or more"); not a year ("hasta 2030": until), a clock time or a date."""
    return _bounded(text, lang, numbers, _quantities(text, numbers, lang))


def _bounded(text: str, lang: str, numbers: list[NumberMention], quantities: list[NumberMention]) -> list[Bounded]:
    """bounded_numbers, given the text's quantities (_quantities) read already."""
    by_end = {m.end: m for m in quantities}
    ambiguous = _words(lang).ambiguous
    found = [
        Bounded(by_end[named.end], named.start, named.end, named.text, bool(ambiguous.match(named.text)))
        for named in find_named(text, lang, numbers)
        if named.kind == "bound" and named.end in by_end and _reads_as_bound(text, named, by_end[named.end], lang)
    ]
    taken = {b.number for b in found}
    for mention in by_end.values():
        after = _bound_after(text, mention, lang)
        if mention not in taken and after is not None:
            found.append(Bounded(mention, mention.start, after, text[mention.start : after]))
    return sorted(found, key=lambda b: b.start)


def _reads_as_bound(text: str, named: Named, number: NumberMention, lang: str) -> bool:
    """Not a bound-set word that says where a quantity went ("subió hasta el 3,2 %"), what a thing is worth ("ein
    Rückkaufprogramm über 500 Millionen"), or when ("over two decades")."""
    words = _words(lang)
    said = " ".join(named.text.lower().split())
    if any(said.startswith(phrase + " ") for phrase in words.not_bounds):
        return False

    def followed(table: dict[str, re.Pattern[str]]) -> bool:  # the bound's word, and after its number one of these
        return any(said.startswith(member + " ") and after.match(text, number.end) for member, after in table.items())

    before = WORD_BEFORE.search(text, 0, named.start)
    after_noun = before is not None and before.group(1)[:1].isupper()
    return not ((after_noun and followed(words.not_after_capitalised)) or followed(words.not_before))


_RANGE_REACH = 30  # characters from a range's first bound to its second ("3 Monaten bis zu 2")
_RANGE_GAP = re.compile(r"[^\W\d_]{0,4}(?:[\s\u00a0]+[^\W\d_]+)?[\s\u00a0]*$")


def _in_range(text: str, bounded: Bounded, numbers: list[NumberMention], bounds: list[Bounded], lang: str) -> bool:
    """Whether the bound opens a range another bound closes ("desde un mínimo de 3 hasta un máximo de 5", "von
    mindestens 3 Monaten bis zu 2 Jahren": the ends said as a minimum and a maximum; not "down from more than 30% …
    to 9%") or closes one that a quantity at most a word before opens ("de 5 hasta 10", "from 2 to over 100",
    "从5人到最多10人"): a span's end, not a bound. Not "29% of nearly 1,600", "693 exhibits at least 14": no word
    opens a range there."""
    words = _words(lang)
    closed = any(
        0 <= other.start - bounded.end <= _RANGE_REACH and words.range_closer.search(text, bounded.end, other.end)
        for other in bounds
    )
    if closed and words.range_start_opener.search(text, 0, bounded.start):
        return True
    opener = words.range_opener
    return any(
        m.end <= bounded.start and _RANGE_GAP.fullmatch(text, m.end, bounded.start) and opener.search(text, 0, m.start)
        for m in numbers
        if m != bounded.number
    )


def _same(mention: NumberMention, other: NumberMention) -> bool:
    """The same quantity: a share only with a share; an approximate one ("un centenar") only with its own value
    ("a hundred"), not anything of its order of magnitude."""
    if mention.approximate or other.approximate:
        return mention.percent == other.percent and mention.value == other.value
    return mention.percent == other.percent and mention.same_value(other)


def _quantities(text: str, numbers: list[NumberMention], lang: str) -> list[NumberMention]:
    """The numbers that count something: not a clock time, a date or month ("marzo" = 3), a year ("hasta 2030":
    until; in Chinese only before 年, "2000余名" is a count), a name or a group ("5G", "737 MAX", "Under 21s", "the
    over-70s"), nor a score ("knapp 2:1")."""

    months = [m for m in numbers if m.month_name]

    def counts(m: NumberMention) -> bool:
        if m.twelve_hour is not None or m.half_said or m.dated or m.month_name:
            return False
        if any(_DAY_GAP.fullmatch(text, m.end, o.start) or _DAY_GAP.fullmatch(text, o.end, m.start) for o in months):
            return False  # a day: "até 30 de setembro", "September 30"
        if _YEAR.fullmatch(m.text):
            return lang in SEGMENTED_LANGUAGES and not text.startswith("年", m.end)
        return not (_NAME_OR_SCORE.match(text, m.end) or _SCORE_BEFORE.search(text, 0, m.start))

    return [m for m in numbers if counts(m)]


def _bound_after(text: str, mention: NumberMention, lang: str) -> int | None:
    """Where a bound written after the number ends ("100多名", "50岁以上", "2,000 or more"), None if there is none."""
    words = _words(lang)
    if lang in SEGMENTED_LANGUAGES and words.glued_after_inside and words.glued_after_inside.search(mention.text):
        return mention.end  # "一百多亿": the number reader took the bound in
    match = words.bound_after.match(text, mention.end)
    return match.end() if match else None


def _qualified(text: str, mention: NumberMention, lang: str) -> bool:
    """Whether a bound or an approximation stands about the number ("about 2,000", "2,000-odd", "约300人",
    "300人左右", "has there not been more than forty"), so that it is not given bare."""
    words = _words(lang)
    if mention.approximate or words.qualifier_before.search(text, 0, mention.start):
        return True  # "un centenar", "上百": approximate in itself
    return _bound_after(text, mention, lang) is not None or bool(words.qualifier_after.match(text, mention.end))


@dataclass(frozen=True)
class _Words:
    bound_after: re.Pattern[str]
    glued_after_inside: re.Pattern[str] | None
    qualifier_before: re.Pattern[str]
    qualifier_after: re.Pattern[str]
    not_bounds: tuple[str, ...] = ()
    not_after_capitalised: dict[str, re.Pattern[str]] = field(default_factory=dict)
    not_before: dict[str, re.Pattern[str]] = field(default_factory=dict)
    range_opener: re.Pattern[str] = _NEVER
    range_start_opener: re.Pattern[str] = _NEVER
    range_closer: re.Pattern[str] = _NEVER
    ambiguous: re.Pattern[str] = _NEVER
    preposition: re.Pattern[str] = _NEVER  # right before a number, an article between


def _covered(lang: str) -> bool:
    return lang in _data()["qualifiers"]


@lru_cache(maxsize=1)
def _data() -> dict:  # type: ignore[type-arg]
    return json.loads((MODELS_DIR / LOST_BOUNDS).read_text(encoding="utf-8"))


_HAN = "\u4e00-\u9fff"
_HAN_DIGITS = "〇零一二两三四五六七八九十百千万亿"


def _right_before_number(words: list[str], lang: str, between: str = "") -> re.Pattern[str]:
    """One of the words right before a number, `between` them ("desde 5", "from $5", "tras 12", "sobre los 40")."""
    if not words:
        return _NEVER
    if lang in SEGMENTED_LANGUAGES:
        return re.compile(rf"(?:{phrase_alternation(words)})$")
    return re.compile(rf"(?<![^\W\d_])(?:{phrase_alternation(words)}){between}[\s\u00a0]*$", re.IGNORECASE)


def _within(words: list[str], lang: str) -> re.Pattern[str]:
    """One of the words anywhere, as a whole word outside Chinese."""
    if not words:
        return _NEVER
    if lang in SEGMENTED_LANGUAGES:
        return re.compile(phrase_alternation(words))
    return re.compile(rf"(?<![^\W\d_])(?:{phrase_alternation(words)})(?![^\W\d_])", re.IGNORECASE)


def _words_after(table: dict[str, list[str]]) -> dict[str, re.Pattern[str]]:
    """Per bound word, a pattern of the words after its number that make it none ("over two decades")."""
    return {
        member: re.compile(rf"[\s\u00a0-]*(?:{phrase_alternation(words)})(?![^\W\d_])", re.IGNORECASE)
        for member, words in table.items()
    }


@lru_cache(maxsize=32)
def _words(lang: str) -> _Words:
    raw = _data()
    after = [w for direction in raw["bounds_after"].get(lang, {}).values() for w in direction]
    qualifiers = raw["qualifiers"].get(lang, []) + set_words("bound", lang)
    qualifiers_after = raw["qualifiers_after"].get(lang, [])
    reach = int(raw["reach_words"])
    currency = r"[\s\u00a0]+(?:US\$|R\$|[$€£¥₹])?"
    articles = raw["articles"].get(lang, [])
    article = rf"(?:[\s\u00a0]+(?:{phrase_alternation(articles)}))?[\s\u00a0]" if articles else r"[\s\u00a0]"
    exceptions = {
        "not_bounds": tuple(raw["not_bounds"].get(lang, [])),
        "not_after_capitalised": _words_after(raw["not_after_capitalised"].get(lang, {})),
        "not_before": _words_after(raw["not_before"].get(lang, {})),
        "range_opener": _right_before_number(raw["range_openers"].get(lang, []), lang, currency),
        "range_start_opener": _right_before_number(raw["range_start_openers"].get(lang, []), lang, currency),
        "range_closer": _within(raw["range_closers"].get(lang, []), lang),
        "ambiguous": _within(raw["ambiguous"].get(lang, []), lang),  # matched at the bound's start
        "preposition": _right_before_number(raw["prepositions"].get(lang, []), lang, article),
    }
    if lang in SEGMENTED_LANGUAGES:
        glued = phrase_alternation(raw["zh_glued_after"])
        loose = phrase_alternation(w for w in after if w not in raw["zh_glued_after"])
        units = rf"[{_HAN}]{{0,{int(raw['han_between'])}}}"
        no_number = rf"(?![{_HAN_DIGITS}\d半])"  # "两个不到半周岁": 不到 bounds the half year
        # Glued forms right against the number ("100多名") or a counter with nothing glued after ("3个多月", not
        # "2年多次签证"); the rest after a unit ("50岁以上").
        counter = f"[{raw['zh_counters_before_glued']}]"
        bound_after = rf"(?:{glued})|{counter}(?:{glued})(?:(?![{_HAN}])|(?=[月天小钟]))|{units}(?:{loose}){no_number}"
        several = phrase_alternation(q for q in qualifiers if len(q) > 1)
        single = phrase_alternation(q for q in qualifiers if len(q) == 1)
        before = rf"(?:(?:{several})[{_HAN}]{{0,2}}|(?:{single})[了有达共计为也]{{0,2}})$"
        return _Words(
            re.compile(bound_after),
            re.compile(rf"(?<=[{_HAN_DIGITS}\d])(?:{glued})"),  # "一百多亿", not "几千" (several thousand)
            re.compile(before),
            re.compile(rf"{units}(?:{phrase_alternation(qualifiers_after)})"),
            **exceptions,
        )
    # Up to `reach` short words ("the", "force", "another") and a currency sign between a qualifier and its number.
    gap = rf"(?:[\s\u00a0]+[^\W\d_]{{1,7}}){{0,{reach}}}[\s\u00a0-]*(?:US\$|R\$|[$€£¥₹])?[\s\u00a0]*"
    one_word_between = r"(?:[\s\u00a0-]+[^\W\d_]+)?"  # "10 años o más", "a 30-day minimum"
    word_start, word_end = r"(?<![^\W\d_])", r"(?![^\W\d_])"

    def compiled(pattern: str, phrases: list[str]) -> re.Pattern[str]:
        return re.compile(pattern, re.IGNORECASE) if phrases else _NEVER

    after_pattern = (
        rf"{one_word_between}[\s\u00a0-]*{word_start}(?:{phrase_alternation(after)}){word_end}(?![\s\u00a0]*\d)"
    )
    return _Words(
        compiled(after_pattern, after),
        None,
        compiled(rf"{word_start}(?:{phrase_alternation(qualifiers)}){gap}$", qualifiers),
        compiled(
            rf"{one_word_between}[\s\u00a0-]*{word_start}(?:{phrase_alternation(qualifiers_after)}){word_end}",
            qualifiers_after,
        ),
        **exceptions,
    )
