"""Weekdays named on both sides: "El presidente viajará el lunes" / "on Tuesday" is a wrong date, and the word aligner
links one day's name to another's, so no omission shows it. Names live in models/weekdays.json, as data."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache

from align.detectors.lexicon import MODELS_DIR

_SCRIPTS_WITHOUT_SPACES = frozenset({"zh", "ja"})
_SENTENCE_START = re.compile(r"(?:^|[.!?…:]\s*)[\"'“”‘’«»„(\[—–-]*\s*$")


@dataclass(frozen=True)
class Weekday:
    day: int  # Monday 1 ... Sunday 7
    start: int
    end: int
    text: str


def find_weekdays(text: str, lang: str) -> list[Weekday]:
    pattern = _pattern(lang)
    if pattern is None:
        return []
    days = _days(lang)
    lowercase = lang in _tables()["lowercase"]
    found = []
    for match in pattern.finditer(text):
        word = match.group()
        if (
            lowercase
            and word[:1].isupper()
            and not word.isupper()
            and not _SENTENCE_START.search(text, 0, match.start())
        ):
            continue  # "Plácido Domingo", "Jeudi Noir": a name
        found.append(Weekday(days[word.lower()], match.start(), match.end(), word))
    return found


def differing_weekdays(source: list[Weekday], target: list[Weekday]) -> list[tuple[Weekday, Weekday]]:
    """Pairs of weekdays that differ, where both sides name some: equal days settle, the rest pair in reading order;
    a weekday one side names alone says nothing (a translation may give the date instead, or leave it out)."""
    source, target = list(source), list(target)
    for day in list(source):
        same = next((other for other in target if other.day == day.day), None)
        if same is not None:
            source.remove(day)
            target.remove(same)
    return list(zip(source, target, strict=False))


@lru_cache(maxsize=1)
def _tables() -> dict:  # type: ignore[type-arg]
    return json.loads((MODELS_DIR / "weekdays.json").read_text(encoding="utf-8"))


@lru_cache(maxsize=32)
def _days(lang: str) -> dict[str, int]:
    names = _tables()["names"].get(lang, [])
    return {word: day for day, words in enumerate(names, start=1) for word in words}


@lru_cache(maxsize=32)
def _pattern(lang: str) -> re.Pattern[str] | None:
    words = sorted(_days(lang), key=len, reverse=True)
    if not words:
        return None
    alternatives = "|".join(re.escape(word) for word in words)
    if lang in _SCRIPTS_WITHOUT_SPACES:
        return re.compile(alternatives)
    return re.compile(rf"(?<![^\W\d_])(?:{alternatives})(?![^\W\d_])", re.IGNORECASE)
