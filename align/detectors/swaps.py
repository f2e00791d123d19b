"""Numbers exchanged between what they count: both values are on both sides, but the target gives each to the
other's thing ("tres muertos y diez heridos" / "ten dead and three injured", "Juan, de 45 años, y María, de 30" /
"Juan, 30, and María, 45"). A comparison of values sees nothing wrong, and the word aligner links every word to its
counterpart, so no omission shows it either. What each number counts is read from the content words nearest to it
(a word half-way between two numbers belongs to neither); the word links then say which target number stands
beside the rendering of each source number's words. A swap is two numbers each beside the rendering of the
other's words and neither beside its own: a reordered translation ("diez heridos y tres muertos" / "three dead and
ten injured") keeps each number with its words. The two numbers of a change are told apart by their markers instead
("pasó de 30 a 45" / "rose to 45 from 30" keeps them; "from 45 to 30" exchanges them)."""

from __future__ import annotations

import json
import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from itertools import combinations

from align.alignment.words import Word, WordAlignment, words_within
from align.detectors.lexicon import MODELS_DIR, is_content_word, word_list
from align.detectors.numbers import NumberMention

SWAPS = "swaps.json"
_CLOCK = re.compile(r"\d{1,2}[:h]\d{2}")  # "18:00", "18h30" ("18.00" may be an amount: the other side tells)
# What ends the stretch a number's words come from: a sentence or clause break other than a comma (an apposition
# "Juan, de 45 años" is the number's own).
_BREAK = re.compile(r"^[;:.!?…；：。！？]+$")
# Punctuation a number's words are read across, as weaker ties: an apposition or a bracket ("Juan, de 45 años",
# "Adam Manson (32)").
_COMMAS = frozenset({",", "，", "、", "-", "–", "—", "(", ")", "[", "]", "（", "）"})


@dataclass(frozen=True)
class SwappedNumber:
    """A source number and the target number that stands where its value should: beside the rendering of the
    source number's words (`counted`, as the source says them; `rendered`, the target's words)."""

    source: NumberMention
    target: NumberMention
    counted: tuple[Word, ...]
    rendered: tuple[Word, ...]
    exchanged_with: NumberMention  # the other source number, whose value the target gives this one's words


def swapped_numbers(
    words: WordAlignment,
    source_numbers: list[NumberMention],
    target_numbers: list[NumberMention],
    lang: str,
    target_lang: str,
) -> list[SwappedNumber]:
    """Pairs of numbers whose values both sides say once each but give to each other's things; two entries per
    swap, one for each source number."""
    pairs = _same_values(source_numbers, target_numbers)
    if len(pairs) < 2:
        return []
    source_owned = _owned_words(words.source, [m for m, _ in pairs], lang)
    target_owned = _owned_words(words.target, [n for _, n in pairs], target_lang)
    found: list[SwappedNumber] = []
    for (m1, n1), (m2, n2) in combinations(pairs, 2):
        if not exchangeable(m1, m2) or not exchangeable(n1, n2):
            continue
        source_roles = (_change_role(words.source, m1, lang), _change_role(words.source, m2, lang))
        target_roles = (_change_role(words.target, n1, target_lang), _change_role(words.target, n2, target_lang))
        if _a_change(source_roles) and _a_change(target_roles):
            if source_roles != target_roles:  # "de 30 a 45" / "from 45 to 30": the change reversed
                found.append(_reversed(words, m1, n2, m2, (lang, target_lang)))
                found.append(_reversed(words, m2, n1, m1, (lang, target_lang)))
            continue  # each number keeps its role, whatever the order ("rose to 45 from 30")
        if not _apart(words.source, m1, m2, lang) or not _apart(words.target, n1, n2, target_lang):
            continue  # a range, a score, a date: "de 10 a 20", "3-1", "5 de marzo de 2020"
        own = _tie(words, source_owned[id(m1)], target_owned[id(n1)]).weight
        own += _tie(words, source_owned[id(m2)], target_owned[id(n2)]).weight
        first = _tie(words, source_owned[id(m1)], target_owned[id(n2)])
        second = _tie(words, source_owned[id(m2)], target_owned[id(n1)])
        if not first.links or not second.links or first.weight + second.weight <= own:
            continue
        found.append(_swapped(words, m1, n2, first.links, m2))
        found.append(_swapped(words, m2, n1, second.links, m1))
    return found


def _swapped(
    words: WordAlignment,
    source: NumberMention,
    target: NumberMention,
    links: list[tuple[int, int]],
    other: NumberMention,
) -> SwappedNumber:
    counted = tuple(words.source[i] for i in sorted({i for i, _ in links}))
    rendered = tuple(words.target[j] for j in sorted({j for _, j in links}))
    return SwappedNumber(source, target, counted, rendered, other)


def _same_values(source: list[NumberMention], target: list[NumberMention]) -> list[tuple[NumberMention, NumberMention]]:
    """Source and target numbers of one value that each side says once (months named in words aside: they belong
    to dates)."""
    source = [m for m in source if not m.month_name]
    target = [n for n in target if not n.month_name]
    pairs = []
    for mention in source:
        if sum(m.same_value(mention) for m in source) != 1:
            continue
        partners = [n for n in target if n.same_value(mention)]
        if len(partners) == 1 and sum(n.same_value(partners[0]) for n in target) == 1:
            pairs.append((mention, partners[0]))
    return pairs


def _change_role(side: list[Word], mention: NumberMention, lang: str) -> str | None:
    """ "from" or "to" where the word right before the number (an article passed over) marks it as the start or the
    end of a change ("de 30", "del 12%", "à 8 %", "to 45")."""
    k = _word_before(side, mention, lang)
    if k is None:
        return None
    before = side[k].text.lower()
    data = _data()
    markers = data["change_markers"]
    role = next((role for role in ("from", "to") if before in markers[role].get(lang, ())), None)
    if role is None:  # Chinese: "由现在公路的6小时" (from the present road's 6 hours)
        reach = data["from_marker_reach"].get(lang, 0)
        for word in reversed(side[max(0, k - reach + 1) : k + 1]):
            if _BREAK.match(word.text) or word.text in _COMMAS or any(ch.isdigit() for ch in word.text):
                break
            if word.text in markers["from"].get(lang, ()):
                return "from"
    return role


def _word_before(side: list[Word], mention: NumberMention, lang: str) -> int | None:
    """The word right before a number, an article passed over ("del 12%", "de los 30")."""
    numbers = _number_words(side, mention)
    k = min(numbers, default=0) - 1
    if k >= 0 and side[k].text.lower() in word_list("articles", lang):
        k -= 1
    return k if k >= 0 else None


def _a_change(roles: tuple[str | None, str | None]) -> bool:
    return None not in roles and roles[0] != roles[1]


def _reversed(
    words: WordAlignment, source: NumberMention, target: NumberMention, other: NumberMention, langs: tuple[str, str]
) -> SwappedNumber:
    """A number of a reversed change, with the markers of its role as its words ("de 30" / "from 30")."""
    source_marker = words.source[_word_before(words.source, source, langs[0]) or 0]
    target_marker = words.target[_word_before(words.target, target, langs[1]) or 0]
    return SwappedNumber(source, target, (source_marker,), (target_marker,), other)


def exchangeable(one: NumberMention, other: NumberMention) -> bool:
    """Whether two numbers of a side could be exchanged by mistake: a year is not exchanged with an amount, nor a
    share with a count; clock times and approximate quantities are left alone."""
    return _sort(one) == _sort(other) and _sort(one) not in ("time", "approximate")


def _sort(mention: NumberMention) -> str:
    """What kind of quantity a number is, as far as exchanging it goes: a share, a year, an amount, an approximate
    quantity, or a clock time, whose things are days and events the word aligner confuses ("am Mittwoch um 18.00 Uhr
    … am Donnerstag um 2.00 Uhr" / "at 6 p.m. on Wednesday … at 2 a.m. on Thursday": it linked "Mittwoch" to
    "Thursday")."""
    if mention.twelve_hour is not None or mention.half_said or _CLOCK.fullmatch(mention.text):
        return "time"
    if mention.approximate:  # "decenas", "hundreds": an order of magnitude, which same_value compares loosely
        return "approximate"
    if mention.percent:
        return "share"
    if len(mention.text) == 4 and mention.text.isdigit() and 1000 <= mention.value <= 2100:
        return "year"
    return "amount"


def _number_words(side: list[Word], mention: NumberMention) -> set[int]:
    return words_within(side, (mention.start, mention.end))


def _apart(side: list[Word], one: NumberMention, other: NumberMention, lang: str) -> bool:
    """Whether a content word stands between the two numbers (so that each can count its own thing)."""
    first, second = sorted((one, other), key=lambda m: m.start)
    between = [w for w in side if first.end <= w.start and w.end <= second.start]
    return any(is_content_word(w.text, lang) and not any(ch.isdigit() for ch in w.text) for w in between)


def _owned_words(side: list[Word], numbers: list[NumberMention], lang: str) -> dict[int, dict[int, int]]:
    """For each number (by id), the content words nearest to it on each side (up to `words_per_side`, within `reach`
    words and its clause, not past a coordinator) with their weight: the first word after it, what it counts ("tres
    muertos"), weighs `counted_weight`, the others ("Juan, de 45 años", "killed 10") one. A word two numbers reach
    belongs to the one it shares a comma-free stretch with, then to the nearer, and to neither at a tie; a word said
    twice in the sentence belongs to none (its links may be the other occurrence's)."""
    data = _data()
    reach, per_side = data["reach"], data["words_per_side"]
    coordinators = frozenset(data["coordinators"].get(lang, ()))
    taken = {id(m): _number_words(side, m) for m in numbers}
    in_numbers = set().union(*taken.values())
    forms = Counter(word.text.lower() for word in side)

    def countable(k: int) -> bool:
        text = side[k].text
        return (
            k not in in_numbers
            and forms[text.lower()] == 1
            and not any(ch.isdigit() for ch in text)
            and is_content_word(text, lang)
        )

    # word -> ((comma crossed, words away), number id, weight) of each number reaching it
    claims: dict[int, list[tuple[tuple[int, int], int, int]]] = {}
    for mention in numbers:
        own = taken[id(mention)]
        if not own:
            continue
        for step, edge in ((-1, min(own)), (1, max(own))):
            k, words_passed, comma, found = edge + step, 0, 0, 0
            while 0 <= k < len(side) and not _BREAK.match(side[k].text) and side[k].text.lower() not in coordinators:
                text = side[k].text
                if text in _COMMAS:
                    comma = 1
                elif any(ch.isalnum() for ch in text):
                    words_passed += 1
                    if words_passed > reach or k in in_numbers:
                        break
                    if countable(k):
                        counted = step == 1 and not comma and not found
                        weight = data["counted_weight"] if counted else 1
                        claims.setdefault(k, []).append(((comma, words_passed), id(mention), weight))
                        found += 1
                        if found == per_side:
                            break
                k += step
    owned: dict[int, dict[int, int]] = {id(m): {} for m in numbers}
    for k, reaching in claims.items():
        nearest = min(far for far, _, _ in reaching)
        closest = [(key, weight) for far, key, weight in reaching if far == nearest]
        if len(closest) == 1:
            key, weight = closest[0]
            owned[key][k] = weight
    return owned


@dataclass(frozen=True)
class _Tie:
    links: list[tuple[int, int]]
    weight: int


def _tie(words: WordAlignment, source: dict[int, int], target: dict[int, int]) -> _Tie:
    """The links between one number's words and another's, and how strongly they tie the two: a link between the
    words each counts weighs most."""
    links = [(i, j) for i, j in words.links if i in source and j in target]
    return _Tie(links, sum(source[i] * target[j] for i, j in links))


@lru_cache(maxsize=1)
def _data() -> dict:
    """The reach, weights, coordinators and change markers (models/swaps.json)."""
    return json.loads((MODELS_DIR / SWAPS).read_text(encoding="utf-8"))
