"""Hedges: a claim the source reports as alleged, suspected, reported, possible or probable ("el presunto asesino",
"l'homme aurait tué", "mutmaßlich", "涉嫌受贿") that the translation states as fact ("the murderer", "the man
killed"): in news a libel as much as a mistranslation. The omission model weighs what a word adds to the sentence's
meaning, and a hedge adds little to it, so hedges are read here from word lists (models/hedges.json). Translators
render a hedge in many ways ("presunto" / "suspected", "accused of"; "aurait tué" / "reportedly killed", "is said to
have killed", "police believe he killed"), so any hedging or attributing word of the target may render it, provided
the word links show it renders no other source word ("appeared" renders "compareció") and the source's own
attributing words have theirs ("Según la policía, el presunto autor" / "According to police, the perpetrator" loses
"presunto"). A reportative conditional is the mood of an attribution or of another hedge in its clause ("Selon la
presse, il aurait agi seul" / "According to the press, he acted alone" is faithful): read_hedges says how."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache

from align.alignment.words import Word, WordAlignment, words_within
from align.detectors.base import spans_overlap
from align.detectors.closed_sets import Named, find_named
from align.detectors.lexicon import MODELS_DIR, is_content_word
from align.text.word_segmentation import phrase_alternation

HEDGES = "hedges.json"
_HEDGE = "hedge"  # words that hedge a source's claim; a target may render them by any listed word
_REPORTATIVE = "reportative"  # the conditional that reports a claim ("aurait tué")
_RENDERING = "hedged"  # further words by which a target hedges ("would", "as though")
_ATTRIBUTING = "attributing"  # words a target renders by a listed word of its own ("según" / "according to") ...
_SUSPECTING = "suspecting"  # ... as it does these ("el sospechoso" / "the suspect") ...
_APPROXIMATING = "approximating"  # ... and these ("unos 200" / "some 200")
_OWED_KINDS = (_ATTRIBUTING, _SUSPECTING, _APPROXIMATING)
_NEXT_WORD = re.compile(r"\s*(\w+|[^\w\s])")
_WORD = re.compile(r"[^\W\d_]+")
_CLAUSE_BREAK = re.compile(r"[,;:.!?()\[\]\"“”«»—–…，；：。！？]")


@dataclass(frozen=True)
class HedgeReading:
    """What a bead's hedges come to: those the target loses, and the source words of those it renders (or that an
    attribution or another hedge speaks for), which are no omissions."""

    lost: list[Named]
    rendered: list[int]


def read_hedges(words: WordAlignment, source_text: str, target_text: str, lang: str, target_lang: str) -> HedgeReading:
    """The source's hedges against the target's hedging and attributing words. A target word counts only where it
    renders no other source word (linked to a content word the lists lack: "appeared" for "compareció",
    "reporters", "Theresa May"; a word beside a hedge may share its rendering, "permettra peut-être" / "may"). A
    hedge linked to such a word, or kept as it is (a quoted title), is rendered, and so is its repetition; the
    others (a repeated one once) and the source's attributing, suspecting and approximating words ("según",
    "sospechoso", "unos 200") each need one of the words left over, unless rendered by a word the lists lack ("said"
    / "sagte"). Where none is left beyond what those words
    need, every such hedge is lost; where some are, but fewer than needed, they are lost if no more of them than are
    missing. A reportative conditional is the mood of an attribution or of another hedge in its clause ("Selon la
    presse, il aurait" / "According to the press, he"): then it needs nothing of its own. None where either
    language has no list."""
    if not _listed(lang) or not _listed(target_lang):
        return HedgeReading([], [])
    named = _named(source_text, lang)
    found = [n for n in named if n.kind in (_HEDGE, _REPORTATIVE)]
    owed = _distinct([n for n in named if n.kind in _OWED_KINDS and not _within(n, found)])
    target_named = _distinct(_named(target_text, target_lang))
    target_listed = set(_indexes(words.target, target_named))
    owed = [n for n in owed if not _rendered_otherwise(words, n, target_listed, target_lang)]
    attributed = any(n.kind == _ATTRIBUTING for n in owed)
    hedges = [
        n
        for n in found
        if n.kind == _HEDGE
        or not (attributed or any(o.kind == _HEDGE and _same_clause(source_text, o, n) for o in found))
    ]
    absorbed = _indexes(words.source, [n for n in found if n not in hedges])
    if not hedges:
        return HedgeReading([], absorbed)
    near = {k + step for k in _indexes(words.source, found) for step in (-1, 1)}  # "permettra peut-être" / "may"
    listed = set(_indexes(words.source, [n for n in named if n.kind != _RENDERING])) | near
    spans = [set(_indexes(words.target, [n])) for n in target_named]
    counting = [span for span in spans if _renders_nothing_else(words, span, listed, lang)]
    kept = {w.text.lower() for w in words.target}
    said, unsaid = [], []
    for hedge in hedges:
        mine = words_within(words.source, (hedge.start, hedge.end))
        linked = {j for i, j in words.links if i in mine}
        (said if hedge.text.lower() in kept or any(linked & c for c in counting) else unsaid).append(hedge)
    repeated = {n.text.lower() for n in said}
    said, unsaid = (
        said + [n for n in unsaid if n.text.lower() in repeated],
        [n for n in unsaid if n.text.lower() not in repeated],
    )
    if not unsaid:
        return HedgeReading([], absorbed + _indexes(words.source, hedges))
    said_words = set(_indexes(words.source, said))
    spoken = {j for i, j in words.links if i in said_words}
    free = len([c for c in counting if not c & spoken])
    needed = len({n.text.lower() for n in unsaid}) + len(owed)
    if free >= needed:
        return HedgeReading([], absorbed + _indexes(words.source, hedges))
    lost = unsaid if free <= len(owed) or len(unsaid) <= needed - free else []
    return HedgeReading(lost, absorbed + _indexes(words.source, said))


def _renders_nothing_else(words: WordAlignment, target: set[int], listed: set[int], lang: str) -> bool:
    """Whether target words render no source word but hedges, owed words and their neighbours: unlinked, linked to
    one of those, or linked only to function words ("must" for "muss" renders "muss", not "mutmaßliche")."""
    sources = {i for i, j in words.links if j in target}
    return bool(sources & listed) or not any(is_content_word(words.source[i].text, lang) for i in sources)


def _rendered_otherwise(words: WordAlignment, owed: Named, listed: set[int], target_lang: str) -> bool:
    """Whether an attributing, suspecting or approximating word is linked to a target content word the lists lack
    (`listed`: the target words the lists name; "said" / "sagte"): it needs none of the target's listed words then."""
    mine = words_within(words.source, (owed.start, owed.end))
    return any(
        i in mine and j not in listed and is_content_word(words.target[j].text, target_lang) for i, j in words.links
    )


def _indexes(side: list[Word], named: list[Named]) -> list[int]:
    found: set[int] = set()
    for n in named:
        found |= words_within(side, (n.start, n.end))
    return sorted(found)


def _same_clause(text: str, one: Named, other: Named) -> bool:
    """Whether no clause break stands between the two ("supuestamente habría", not "aurait perçu …, une affaire qui
    pourrait")."""
    start, end = min(one.start, other.start), max(one.end, other.end)
    return _CLAUSE_BREAK.search(text, start, end) is None


def _within(one: Named, others: list[Named]) -> bool:
    return any(spans_overlap((one.start, one.end), (other.start, other.end)) for other in others)


def _distinct(named: list[Named]) -> list[Named]:
    """One per span where several lists name the same words ("alleged")."""
    seen: dict[tuple[int, int], Named] = {}
    for n in named:
        seen.setdefault((n.start, n.end), n)
    return list(seen.values())


def lost_hedge_raw() -> float:
    """The raw omission score of a lost hedge (models/hedges.json)."""
    return float(_data()["omission_raw"])


def _named(text: str, lang: str) -> list[Named]:
    """Every listed word of the text, but a hedge made a noun or a name by what follows it ("tres supuestos:", "May
    5"), and a conditional after a subordinator in its clause ("a dit qu'il serait candidat": a future in the past);
    with German "soll" before a perfect infinitive ending its clause ("soll … hinterzogen haben")."""
    data = _data()
    not_before = data.get("not_before", {}).get(lang, {})
    subordinators = frozenset(data.get("reportative_not_in_clause_after", {}).get(lang, ()))
    named = []
    for n in find_named(text, lang, data=HEDGES):
        following = _NEXT_WORD.match(text, n.end)
        after = following.group(1).lower() if following else ""
        refused = not_before.get(n.text.lower(), ())
        if after and (after in refused or (after.isdigit() and "#" in refused)):
            continue
        if n.kind == _REPORTATIVE and subordinators & set(_clause_before(text, n.start)):
            continue
        named.append(n)
    frame = _frame(lang)
    if frame is not None:
        named += [Named(_REPORTATIVE, 0, m.start(1), m.end(1), m.group(1)) for m in frame.finditer(text)]
    return named


def _clause_before(text: str, at: int) -> list[str]:
    """The words of the clause before offset `at`, lowercased ("qu'il" is "qu", "il")."""
    start = max((m.end() for m in _CLAUSE_BREAK.finditer(text, 0, at)), default=0)
    return [w.lower() for w in _WORD.findall(text, start, at)]


@lru_cache(maxsize=32)
def _frame(lang: str) -> re.Pattern[str] | None:
    """German "soll" (or "sollen") whose clause ends in a perfect infinitive: "gewesen sein", "worden sein", or
    "haben" after a participle, a word in small letters ("soll … hinterzogen haben"; not "soll jede Schule einen
    Internetanschluss haben", a plan)."""
    frame = _data().get("reportative_frames", {}).get(lang)
    if frame is None:
        return None
    verbs, ends = phrase_alternation(frame["verbs"]), phrase_alternation(frame["clause_ends"])
    participle = rf"[^\W\d_A-ZÄÖÜ][^\W\d_]*\s+(?:{phrase_alternation(frame['after_participle'])})"
    return re.compile(rf"\b({verbs})\b[^,;:.!?()]*?\s(?:{ends}|{participle})(?=\s*(?:[,;:.!?()]|$))")


@lru_cache(maxsize=32)
def _listed(lang: str) -> bool:
    """Whether the language has both a source's and a target's list."""
    return all(lang in _data()["sets"][kind]["members"] for kind in (_HEDGE, _RENDERING))


@lru_cache(maxsize=1)
def _data() -> dict:  # type: ignore[type-arg]
    return json.loads((MODELS_DIR / HEDGES).read_text(encoding="utf-8"))
