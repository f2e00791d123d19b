"""Closed sets of words where one member said for another is a wrong fact: weekdays ("el lunes" / "on Tuesday"),
days counted from today ("ayer" / "tomorrow"), weeks, months and years counted from now ("el año pasado" / "next
year"), the bound of a number ("más de 50" / "fewer than 50"), compass points ("el norte del país" / "the south of
the country"), the direction of a change ("El paro subió" / "Unemployment fell"), ordinals ("por segunda vez" /
"for the third time"), multiples ("se duplicó" / "tripled") and fractions ("la mitad" / "a third").
The word aligner links one member to another, so no omission shows such a change. Words live in
models/closed_sets.json, as data."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

from align.alignment.words import Word, WordAlignment, words_within
from align.detectors.lexicon import MODELS_DIR, WORD_BEFORE, is_content_word
from align.detectors.numbers import NumberMention, find_numbers
from align.text.word_segmentation import SEGMENTED_LANGUAGES, phrase_pattern

CLOSED_SETS = "closed_sets.json"

_SENTENCE_START = re.compile(r"(?:^|[.!?…:]\s*)[\"'“”‘’«»„(\[—–-]*\s*$")
_WORDS_BEFORE = re.compile(r"(?:[^\W\d_]+[\s\u00a0]+){1,3}$")  # up to three words, no punctuation between
_CAPITALISED_NEXT = re.compile(r"\s+[A-ZÁÉÍÓÚÑÀÈÌÒÙÂÊÎÔÛÄÖÜÇ][^\W\d_]")  # "Domingo Cavallo": a name


@dataclass(frozen=True)
class Named:
    """A member of a closed set named in a text."""

    kind: str  # the set: weekday, relative_day, relative_period, bound, multiple, fraction, direction, change, ordinal
    member: int
    start: int
    end: int
    text: str
    number: tuple[float, bool] | None = None  # the number it stands before (value, percent), in a bound


@dataclass(frozen=True)
class _Set:
    members: dict[str, int]  # lowercased word -> member
    pattern: re.Pattern[str]
    lowercase: bool
    not_after: dict[str, frozenset[str]]  # member word -> words that make it something else before it
    idioms: re.Pattern[str] | None  # phrases a member is no member in ("perder el norte")
    glued_not_before: str  # Chinese: characters before a member that make it something else ("每周三次")
    glued_not_after: str
    before_number: bool  # a member counts only right before a number ("más de 50", not "más de lo que") ...
    articles: re.Pattern[str] | None  # ... or before an article and a number ("al menos un 3 %")
    flipped_after: frozenset[str]  # words that turn a two-member set's member round ("no más de 50": at most)


def find_named(
    text: str, lang: str, numbers_found: list[NumberMention] | None = None, data: str = CLOSED_SETS
) -> list[Named]:
    """Members named in the text; `numbers_found`: the text's numbers where the caller has read them already (a
    bound stands before one), else they are read here when a bound set needs them; `data`: the file under models/
    that lists the sets (another file of the same form: opposites.json)."""
    found = []
    numbers = {m.start: m for m in numbers_found} if numbers_found is not None else None  # by where each starts
    for kind, table in _sets(lang, data).items():
        idioms = [(m.start(), m.end()) for m in table.idioms.finditer(text)] if table.idioms else []
        for match in table.pattern.finditer(text):
            start, end, word = match.start(), match.end(), match.group()
            if not _stands_alone(text, start, end, table) or any(a <= start and end <= b for a, b in idioms):
                continue
            member = _member(table.members, " ".join(word.lower().split()))
            number = None
            if table.before_number:  # the bound spans its number: "source says más de 50, target says fewer than 50"
                numbers = numbers if numbers is not None else {m.start: m for m in find_numbers(text, lang)}
                after = _number_after(text, end, numbers, table.articles)
                if after is None:
                    continue
                number, end = (after.value, after.percent), after.end
            negated = _negated(text, start, table.flipped_after)
            if negated is None:
                continue  # "no tener más de 20": a negation a verb away may or may not turn it round
            if negated:
                member = len(set(table.members.values())) - 1 - member  # "no más de 50": at most 50
            found.append(Named(kind, member, start, end, text[start:end], number))
    return found


def named_words(side: list[Word], found: list[Named]) -> dict[int, tuple[str, int]]:
    """Word index -> (set, member) for the words of a side that the found members span."""
    return {k: (named.kind, named.member) for named in found for k in words_within(side, (named.start, named.end))}


def set_words(kind: str, lang: str, data: str = CLOSED_SETS) -> list[str]:
    """Every word a set lists for the language, lowercased ("más de", "al menos" ... for the bound set)."""
    table = _sets(lang, data).get(kind)
    return list(table.members) if table else []


def _stands_alone(text: str, start: int, end: int, table: _Set) -> bool:
    """Not a name ("Plácido Domingo", "Domingo Cavallo" opening a sentence), nor made something else by the word
    before it ("la mañana": the morning) or, in Chinese, by the characters around it ("每周三次": three a week)."""
    word = text[start:end]
    if table.lowercase and word[:1].isupper() and not word.isupper():
        opens = _SENTENCE_START.search(text, max(0, start - 12), start)
        if not opens or _CAPITALISED_NEXT.match(text, end):
            return False
    before = WORD_BEFORE.search(text, max(0, start - 30), start)
    if before and before.group(1).lower() in table.not_after.get(word.lower(), frozenset()):
        return False
    if table.glued_not_before and text[start - 1 : start] and text[start - 1] in table.glued_not_before:
        return False
    return not (table.glued_not_after and text[end : end + 1] and text[end] in table.glued_not_after)


def differing(
    source: list[Named],
    target: list[Named],
    linked: Callable[[Named, Named], bool] | None = None,
    linked_kinds: frozenset[str] | None = None,
) -> list[tuple[Named, Named]]:
    """Pairs of members of one set that differ, where both sides name some of that set: equal ones settle, the rest
    pair in reading order; a member one side names alone says nothing. With `linked`, a set whose words are listed
    only in part (a change) pairs what is left only where the word aligner links the two ("subió" / "fell"), not
    two leftovers ("salire" / "came down" where "scesi" renders "came down"); `linked_kinds`: such sets, where not
    LINKED_SETS."""
    pairs = []
    for kind in {named.kind for named in source}:
        mine = [named for named in source if named.kind == kind]
        theirs = [named for named in target if named.kind == kind]
        if linked is not None and kind in (LINKED_SETS if linked_kinds is None else linked_kinds):
            # Equal members settle where linked first ("el tercer aniversario" / "the second anniversary" beside a
            # "Segunda Guerra Mundial" the translation writes "World War II": "Segunda" is no partner of "second").
            _settle(mine, theirs, lambda a, b: a.member == b.member and linked(a, b))
            for named in list(mine):
                other = next((o for o in theirs if o.member != named.member and linked(named, o)), None)
                if other is not None:
                    pairs.append((named, other))
                    mine.remove(named)
                    theirs.remove(other)
        elif any(named.number is not None for named in mine):
            # A bound pairs with the one before the same number ("más de 50" / "fewer than 50"): in reading order,
            # a bound one side writes after its number ("50人以上") would shift every pair after it.
            _settle(mine, theirs, lambda a, b: a.member == b.member and a.number == b.number)
            for named in mine:
                other = next((o for o in theirs if o.number == named.number), None)
                if other is not None:
                    pairs.append((named, other))
                    theirs.remove(other)
        else:
            _settle(mine, theirs, lambda a, b: a.member == b.member)
            pairs += list(zip(mine, theirs, strict=False))
    return sorted(pairs, key=lambda pair: pair[0].start)


def lone_unlinked(
    words: WordAlignment,
    source: list[Named],
    target: list[Named],
    lang: str,
    target_lang: str,
    kinds: frozenset[str] | None = None,
) -> list[tuple[Named, Named]]:
    """A set's one member a source names, unlinked, against the one other member the target names, unlinked too,
    where neither side names the member the other says ("victoria" / "defeat" where the aligner linked neither); a
    link to a function word does not count ("aprobará" / "will next week reject", "primavera" / "the autumn"): the
    aligner seldom links two members, which the encoder sets apart. `kinds`: the sets to pair so (None: every one)."""
    content = [
        (i, j)
        for i, j in words.links
        if is_content_word(words.source[i].text, lang) and is_content_word(words.target[j].text, target_lang)
    ]
    linked_source = {i for i, _ in content}
    linked_target = {j for _, j in content}
    pairs = []
    named_kinds = {named.kind for named in source}
    for kind in sorted(named_kinds if kinds is None else named_kinds & kinds):
        mine = [named for named in source if named.kind == kind]
        theirs = [named for named in target if named.kind == kind]
        if len(mine) != 1 or len(theirs) != 1 or mine[0].member == theirs[0].member:
            continue
        if words_within(words.source, (mine[0].start, mine[0].end)) & linked_source:
            continue
        if words_within(words.target, (theirs[0].start, theirs[0].end)) & linked_target:
            continue
        pairs.append((mine[0], theirs[0]))
    return pairs


def said_elsewhere(
    named: Named, other: Named, source: list[Named], target: list[Named], both_ways: bool = True
) -> bool:
    """Whether the target names the source member as often as the source does ("die Annahme, die Ablehnung" /
    "l'acceptation ou le refus"), or (`both_ways`) the source the target member as often as the target: the pair's
    words are then each other's by a wrong link ("春天 ... 秋收" / "spring ... autumn", where "秋收" is no listed
    word; "上午 ... 下午" / "morning ... around four"). Opposites read it one way: a source naming both ("assolto
    ... la condanna") may still have its acquittal said as a conviction."""

    def times(side: list[Named], of: Named) -> int:
        return sum(n.kind == of.kind and n.member == of.member for n in side)

    if times(target, named) >= times(source, named):
        return True
    return both_ways and times(source, other) >= times(target, other)


def _settle(mine: list[Named], theirs: list[Named], same: Callable[[Named, Named], bool]) -> None:
    """Take out of both lists the members that meet their equal on the other side."""
    for named in list(mine):
        other = next((o for o in theirs if same(named, o)), None)
        if other is not None:
            mine.remove(named)
            theirs.remove(other)


# Sets listed only in part, whose leftovers pair through the word aligner's links (see differing); and sets whose
# words often mean something else or are said another way ("il mezzogiorno": southern Italy; the German surname
# "Winter"; "dans la nuit de samedi à dimanche" / "early on Sunday morning"), which pair the same way.
LINKED_SETS = frozenset({"change", "ordinal", "multiple", "fraction", "season", "part_of_day", "noon_midnight"})
# Of those, the sets whose one member each side names, unlinked, pair too (lone_unlinked): "en primavera" / "in the
# autumn", where the aligner linked neither word.
LONE_PAIRED_SETS = frozenset({"season", "part_of_day", "noon_midnight"})


_SIGN = re.compile(r"\s*[$€£¥₹]\s*")


def _number_after(
    text: str, end: int, numbers: dict[int, NumberMention], articles: re.Pattern[str] | None
) -> NumberMention | None:
    """The number right after a bound, or after an article ("al menos un 3 %", where "a million" is itself the
    number) or a currency sign ("more than $50 million")."""
    for at in (end, *([m.end() for m in [articles.match(text, end)] if m] if articles else [])):
        at = len(text) - len(text[at:].lstrip())
        sign = _SIGN.match(text, at)
        found = numbers.get(at) or (numbers.get(sign.end()) if sign else None)
        if found is not None:
            return found
    return None


def _negated(text: str, start: int, negations: frozenset[str]) -> bool | None:
    """Whether a negation stands right before the member ("no más de", "not less than", Chinese "不超过"); None where
    one stands two or three words before, with no punctuation between ("no tener más de 20")."""
    if not negations:
        return False
    if text[start - 1 : start] in negations:  # written against the member (Chinese)
        return True
    words = _WORDS_BEFORE.search(text, max(0, start - 60), start)
    before = words.group(0).lower().split() if words else []
    if before and before[-1] in negations:
        return True
    return None if any(word in negations for word in before[-3:-1]) else False


def _articles_pattern(articles: list[str]) -> re.Pattern[str] | None:
    if not articles:
        return None
    # No space after an elided member ("plus d'une centaine"); a member never ends inside a word.
    return re.compile(rf"\s*(?:{'|'.join(re.escape(a) for a in articles)})(?=\s)", re.IGNORECASE)


def _alternative(word: str) -> str:
    """A listed word as a pattern: its parts apart by spaces, and a final '*' for any ending ("aument*")."""
    return phrase_pattern(word.removesuffix("*")) + (r"[^\W\d_]*" if word.endswith("*") else "")


def _member(members: dict[str, int], word: str) -> int:
    """The member a matched word (its spaces made single) names: listed as it is, or the longest stem it starts."""
    if word in members:
        return members[word]
    stems = sorted((stem for stem in members if stem.endswith("*")), key=len, reverse=True)
    return members[next(stem for stem in stems if word.startswith(stem[:-1]))]


@lru_cache(maxsize=64)
def _sets(lang: str, data: str) -> dict[str, _Set]:
    raw = json.loads((MODELS_DIR / data).read_text(encoding="utf-8"))["sets"]
    sets = {}
    for kind, table in raw.items():
        members = {w.lower(): k for k, words in enumerate(table["members"].get(lang, [])) for w in words}
        if not members:
            continue
        longest_first = sorted(members, key=len, reverse=True)
        alternatives = "|".join(_alternative(word) for word in longest_first)
        if lang in SEGMENTED_LANGUAGES:
            pattern = re.compile(alternatives)
        else:
            # Not inside a longer word, an elision or a compound ("north" in "north-westerly", "est" in "l'est").
            # A possessive "s" may follow ("last year's budget", "Monday's vote").
            ending = r"(?![^\W\d_]|['’](?![sS](?![^\W\d_]))|-)"
            # A member that ends in an elision runs into the next word ("plus d'un million").
            elided = "|".join(_alternative(w) for w in longest_first if w[-1] in "'’")
            either = rf"(?:{alternatives}){ending}" + (f"|(?:{elided})" if elided else "")
            pattern = re.compile(rf"(?<![^\W\d_]|['’-])(?:{either})", re.IGNORECASE)
        not_after = {word: frozenset(before) for word, before in table.get("not_after", {}).get(lang, {}).items()}
        idioms = table.get("idioms", {}).get(lang, [])
        idiom_pattern = None
        if idioms:
            phrases = "|".join(_alternative(i) for i in idioms)
            if lang not in SEGMENTED_LANGUAGES:  # whole words: "as possible" is no idiom in "was possible"
                phrases = rf"(?<![^\W\d_])(?:{phrases})(?![^\W\d_])"
            idiom_pattern = re.compile(phrases, re.IGNORECASE)
        glued = table.get("glued_not_around", {}).get(lang, {})
        sets[kind] = _Set(
            members,
            pattern,
            lang in table.get("lowercase", []),
            not_after,
            idiom_pattern,
            glued.get("before", ""),
            glued.get("after", ""),
            bool(table.get("before_number")),
            _articles_pattern(table.get("articles_before_number", {}).get(lang, [])),
            frozenset(table.get("flipped_after", {}).get(lang, [])),
        )
    return sets
