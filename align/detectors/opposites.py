"""Opposite words: a word rendered by its opposite turns a sentence round ("El Parlamento aprobó la ley" /
"Parliament rejected the law", "fue absuelto" / "was convicted", "tres muertos" / "three injured"). The word
aligner links the two gladly (they share their context), so no omission shows it. The sets are data
(models/opposites.json) read as closed sets are (closed_sets.py): two members each, listed in part, paired where
the word aligner links them or where each side names the set's one member, unlinked."""

from __future__ import annotations

import json
import re
from functools import lru_cache

from align.alignment.words import Word, WordAlignment, words_within
from align.detectors.closed_sets import Named, differing, find_named, lone_unlinked, said_elsewhere
from align.detectors.lexicon import MODELS_DIR, is_content_word, is_negation, matches_entry
from align.text.word_segmentation import SEGMENTED_LANGUAGES

OPPOSITES = "opposites.json"
_CLAUSE_BREAK = re.compile(r"[,.](?!\d)|[;:!?()\[\]\"“”«»—–…，；：。！？、（）]")  # not "1,4"
_NEGATING_BEFORE = 3  # words before a member where a word that turns a verb round bears on it ("se negó a aprobar")
_ROLE_REACH = 15  # words either side of a member where the parties to its event are named
_VERB_FINAL = frozenset({"de", "nl"})  # a verb may end its clause, after every party, or come second


def opposite_pairs(
    words: WordAlignment, source_text: str, target_text: str, lang: str, target_lang: str
) -> list[tuple[Named, Named]]:
    """Source members whose target word is the other member of their set: linked (directly or through a function
    word beside one of them), or the one member of the set each side leaves unlinked; not where a negation or a
    word that turns a verb round bears on one of the two only ("no aprobó" / "rejected", "se negó a aprobar" /
    "rejected", "perdió" / "failed to win"), nor where the target names the source's member as often elsewhere,
    nor, in a set naming one event from either side, where the parties changed places ("Madrid ganó al Barça" /
    "Barça lost to Madrid")."""
    source = find_named(source_text, lang, data=OPPOSITES)
    target = find_named(target_text, target_lang, data=OPPOSITES)
    if not source or not target:
        return []

    def linked(named: Named, other: Named) -> bool:
        return _linked_near(words, named, other, lang, target_lang)

    kinds = frozenset(named.kind for named in source)
    candidates = differing(source, target, linked, kinds) + lone_unlinked(words, source, target, lang, target_lang)
    found, seen = [], set()
    for named, other in sorted(candidates, key=lambda pair: pair[0].start):
        if (named.start, other.start) in seen:
            continue  # one word in two sets ("rechazó": reject and refuse)
        if said_elsewhere(named, other, source, target, both_ways=False):
            continue  # "die Annahme, die Ablehnung" / "l'acceptation ou le refus": the target says it elsewhere
        if _negated(words.source, source_text, named, lang) != _negated(words.target, target_text, other, target_lang):
            continue
        if named.kind in converse_sets() and _roles_swapped(words, source_text, named, other, lang):
            continue
        seen.add((named.start, other.start))
        found.append((named, other))
    return found


def _linked_near(words: WordAlignment, named: Named, other: Named, lang: str, target_lang: str) -> bool:
    """Whether the two members are linked, or one is linked to a function word beside the other ("cerrará" / "will
    open": the aligner gave the future's one word to "will"), neither member being linked to a content word
    elsewhere."""
    source_member = words_within(words.source, (named.start, named.end))
    target_member = words_within(words.target, (other.start, other.end))
    if any(i in source_member and j in target_member for i, j in words.links):
        return True
    source = _with_function_neighbours(words.source, source_member, lang)
    target = _with_function_neighbours(words.target, target_member, target_lang)
    elsewhere = any(
        (i in source_member and j not in target and is_content_word(words.target[j].text, target_lang))
        or (j in target_member and i not in source and is_content_word(words.source[i].text, lang))
        for i, j in words.links
    )
    return not elsewhere and any(i in source and j in target for i, j in words.links)


def _with_function_neighbours(side: list[Word], member: set[int], lang: str) -> set[int]:
    """The member's words and the word right before and after it that is no content word."""
    if not member:
        return member
    beside = {min(member) - 1, max(member) + 1}
    return member | {k for k in beside if 0 <= k < len(side) and not is_content_word(side[k].text, lang)}


def _negated(side: list[Word], text: str, named: Named, lang: str) -> bool:
    """Whether a negation stands before the member in its clause (in German and Dutch also after it: "genehmigte den
    Antrag nicht"), or a word that turns a verb round ("se negó a aprobar", "failed to win") a few words before it."""
    member = words_within(side, (named.start, named.end))
    if not member:
        return False
    start = _clause_start(text, named.start)
    end = next((m.start() for m in _CLAUSE_BREAK.finditer(text, named.end)), len(text))
    before = [k for k in range(min(member)) if side[k].start > start]
    after = [k for k in range(max(member) + 1, len(side)) if side[k].start < end] if lang in _VERB_FINAL else []
    negating = _negating(lang)
    return any(is_negation(side[k].text, lang) for k in before + after) or any(
        any(matches_entry(side[k].text.lower(), e) for e in negating) for k in before[-_NEGATING_BEFORE:]
    )


def _roles_swapped(words: WordAlignment, source_text: str, named: Named, other: Named, lang: str) -> bool:
    """Whether the parties to the member's event may have changed places: a linked content word before the source
    member in its clause (its subject, mostly) is linked to a word after the target member ("Los agricultores
    venden … a las cooperativas" / "Cooperatives are buying … from farmers"), or a name near the source member to a
    target word on the member's other side ("exportaciones de China a EE.UU." / "US imports from China"; in German,
    whose verb may come last, only a name after it: "Am Samstag verlor der Letzte gegen den Ersten"), or no content
    word before the member is linked, so nothing shows who does what ("Las exportaciones de aceite hacia los
    mercados asiáticos" / "Asian markets' imports")."""
    member = words_within(words.source, (named.start, named.end))
    target_member = words_within(words.target, (other.start, other.end))
    if not member or not target_member:
        return True
    first, last = min(member), max(member)
    target_first, target_last = min(target_member), max(target_member)
    side = words.source
    clause = _clause_start(source_text, named.start)
    before = {i for i in range(first) if side[i].start > clause and is_content_word(side[i].text, lang)}
    linked_before = [j for i, j in words.links if i in before]
    if not linked_before or any(j > target_last for j in linked_before):
        return True
    start = last + 1 if lang in _VERB_FINAL else max(0, first - _ROLE_REACH)
    near = [
        i
        for i in range(start, min(len(side), last + _ROLE_REACH + 1))
        if i not in member and is_content_word(side[i].text, lang) and _party(side[i].text, lang)
    ]
    return any(
        (i in near and i < first and j > target_last) or (i in near and i > last and j < target_first)
        for i, j in words.links
    )


def _clause_start(text: str, at: int) -> int:
    """Where the clause holding offset `at` starts: the last clause break before it (-1 for none)."""
    return max((m.start() for m in _CLAUSE_BREAK.finditer(text, 0, at)), default=-1)


def _party(word: str, lang: str) -> bool:
    """A word that may name a party: a capitalised one where the language writes common words in small letters."""
    return lang in SEGMENTED_LANGUAGES or word[:1].isupper()


@lru_cache(maxsize=1)
def _data() -> dict:  # type: ignore[type-arg]
    return json.loads((MODELS_DIR / OPPOSITES).read_text(encoding="utf-8"))


@lru_cache(maxsize=1)
def converse_sets() -> frozenset[str]:
    return frozenset(kind for kind, table in _data()["sets"].items() if table.get("converse"))


@lru_cache(maxsize=32)
def _negating(lang: str) -> frozenset[str]:
    return frozenset(word.lower() for word in _data()["negating"].get(lang, []))
