"""Closed sets of words where one member said for another is a wrong fact: weekdays ("el lunes" / "on Tuesday"),
days counted from today ("ayer" / "tomorrow"), compass points ("el norte del país" / "the south of the country"),
the direction of a change ("El paro subió" / "Unemployment fell").
The word aligner links one member to another, so no omission shows such a change. Words live in
models/closed_sets.json, as data."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache

_SCRIPTS_WITHOUT_SPACES = frozenset({"zh", "ja"})
_SENTENCE_START = re.compile(r"(?:^|[.!?…:]\s*)[\"'“”‘’«»„(\[—–-]*\s*$")
_WORD_BEFORE = re.compile(r"([^\W\d_]+)[\s\u00a0]+$")


@dataclass(frozen=True)
class Named:
    """A member of a closed set named in a text."""

    kind: str  # the set: weekday, relative_day, direction
    member: int
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class _Set:
    members: dict[str, int]  # lowercased word -> member
    pattern: re.Pattern[str]
    lowercase: bool
    not_after: dict[str, frozenset[str]]  # member word -> words that make it something else before it


def find_named(text: str, lang: str) -> list[Named]:
    found = []
    for kind, table in _sets(lang).items():
        for match in table.pattern.finditer(text):
            word = match.group()
            capitalised = word[:1].isupper() and not word.isupper()
            if (
                table.lowercase
                and capitalised
                and not _SENTENCE_START.search(text, max(0, match.start() - 12), match.start())
            ):
                continue  # "Plácido Domingo", "Jeudi Noir": a name
            before = _WORD_BEFORE.search(text, 0, match.start())
            if before and before.group(1).lower() in table.not_after.get(word.lower(), frozenset()):
                continue  # "la mañana": the morning, not tomorrow
            found.append(Named(kind, _member(table.members, word.lower()), match.start(), match.end(), word))
    return found


def differing(source: list[Named], target: list[Named]) -> list[tuple[Named, Named]]:
    """Pairs of members of one set that differ, where both sides name some of that set: equal ones settle, the rest
    pair in reading order; a member one side names alone says nothing."""
    pairs = []
    for kind in {named.kind for named in source}:
        mine = [named for named in source if named.kind == kind]
        theirs = [named for named in target if named.kind == kind]
        for named in list(mine):
            same = next((other for other in theirs if other.member == named.member), None)
            if same is not None:
                mine.remove(named)
                theirs.remove(same)
        pairs += list(zip(mine, theirs, strict=False))
    return sorted(pairs, key=lambda pair: pair[0].start)


def _alternative(word: str) -> str:
    """A listed word as a pattern: its parts apart by spaces, and a final '*' for any ending ("aument*")."""
    stem, any_ending = word.removesuffix("*"), word.endswith("*")
    return r"\s+".join(re.escape(part) for part in stem.split()) + (r"[^\W\d_]*" if any_ending else "")


def _member(members: dict[str, int], word: str) -> int:
    if word in members:
        return members[word]
    return next(k for stem, k in sorted(members.items(), key=lambda m: -len(m[0])) if word.startswith(stem.rstrip("*")))


@lru_cache(maxsize=32)
def _sets(lang: str) -> dict[str, _Set]:
    from align.detectors.lexicon import MODELS_DIR

    raw = json.loads((MODELS_DIR / "closed_sets.json").read_text(encoding="utf-8"))["sets"]
    sets = {}
    for kind, table in raw.items():
        members = {w.lower(): k for k, words in enumerate(table["members"].get(lang, [])) for w in words}
        if not members:
            continue
        alternatives = "|".join(_alternative(word) for word in sorted(members, key=len, reverse=True))
        if lang in _SCRIPTS_WITHOUT_SPACES:
            pattern = re.compile(alternatives)
        else:
            # Not inside a longer word, an elision or a compound ("north" in "north-westerly", "est" in "l'est").
            pattern = re.compile(rf"(?<![^\W\d_]|['’-])(?:{alternatives})(?![^\W\d_]|['’-])", re.IGNORECASE)
        not_after = {word: frozenset(before) for word, before in table.get("not_after", {}).get(lang, {}).items()}
        sets[kind] = _Set(members, pattern, lang in table.get("lowercase", []), not_after)
    return sets
