"""Hedges: a claim the source reports as alleged, suspected, reported, possible or probable ("el presunto asesino",
"l'homme aurait tué", "mutmaßlich", "涉嫌受贿") that the translation states as fact ("the murderer", "the man
killed"): in news a libel as much as a mistranslation. The omission model weighs what a word adds to the sentence's
meaning, and a hedge adds little to it, so it is read here from word lists (models/hedges.json). Translators render
a hedge in many ways ("presunto" / "suspected", "accused of"; "aurait tué" / "reportedly killed", "is said to have
killed", "police believe he killed"), so the source's hedges count as rendered where the target hedges or attributes
anything beyond what the source's attributing words ask for ("según la policía" / "according to police", "el
sospechoso" / "the suspect"), and as lost where every hedging or attributing word the target says is owed to those
("Según la policía, el presunto autor" / "According to police, the perpetrator"). A reportative conditional is the
attribution's own mood where the source attributes ("Selon la presse, il aurait agi seul" / "According to the press,
he acted alone"): then only its other hedges are owed."""

from __future__ import annotations

import json
import re
from functools import lru_cache

from align.alignment.words import WordAlignment, words_within
from align.detectors.closed_sets import Named, find_named
from align.detectors.lexicon import MODELS_DIR
from align.text.word_segmentation import phrase_alternation

HEDGES = "hedges.json"
_HEDGE = "hedge"  # words that hedge a source's claim; a target may render them by any listed word
_REPORTATIVE = "reportative"  # the conditional that reports a claim ("aurait tué")
_RENDERING = "hedged"  # further words by which a target hedges ("would", "as though")
_ATTRIBUTING = "attributing"  # words a target renders by a listed word of its own ("según" / "according to") ...
_SUSPECTING = "suspecting"  # ... as it does these ("el sospechoso" / "the suspect")
_NEXT_WORD = re.compile(r"\s*([^\W\d_]+|[^\w\s])")


def lost_hedges(source_text: str, target_text: str, lang: str, target_lang: str) -> list[Named]:
    """The source's hedges, where the target says no more hedging or attributing words than the source's attributing
    and suspecting words ("según", "sospechoso") account for; none where either language has no list."""
    if not _listed(lang) or not _listed(target_lang):
        return []
    named = _named(source_text, lang)
    hedges = [n for n in named if n.kind in (_HEDGE, _REPORTATIVE)]
    owed = [n for n in named if n.kind in (_ATTRIBUTING, _SUSPECTING) and not any(_overlap(n, h) for h in hedges)]
    if any(n.kind == _ATTRIBUTING for n in owed):
        hedges = [n for n in hedges if n.kind == _HEDGE]
    if not hedges or _count(_named(target_text, target_lang)) > _count(owed):
        return []
    return hedges


def hedge_words(words: WordAlignment, source_text: str, lang: str) -> list[int]:
    """Indexes of the source words inside its hedges: whether they are missing is lost_hedges' to judge, not the
    omission model's (which reads "presuntamente" / "allegedly", unlinked, as dropped)."""
    if not _listed(lang):
        return []
    found: set[int] = set()
    for named in _named(source_text, lang):
        if named.kind in (_HEDGE, _REPORTATIVE):
            found |= words_within(words.source, (named.start, named.end))
    return sorted(found)


def lost_hedge_raw() -> float:
    """The raw omission score of a lost hedge (models/hedges.json)."""
    return float(_data()["omission_raw"])


def _named(text: str, lang: str) -> list[Named]:
    """Every listed word of the text, but a hedge made a noun by what follows it ("tres supuestos:"), and German
    "soll" with a perfect infinitive ending its clause ("soll … hinterzogen haben")."""
    not_before = _data().get("not_before", {}).get(lang, {})
    named = []
    for n in find_named(text, lang, data=HEDGES):
        following = _NEXT_WORD.match(text, n.end)
        if following and following.group(1).lower() in not_before.get(n.text.lower(), ()):
            continue
        named.append(n)
    frame = _frame(lang)
    if frame is not None:
        named += [Named(_REPORTATIVE, 0, m.start(1), m.end(1), m.group(1)) for m in frame.finditer(text)]
    return named


def _overlap(one: Named, other: Named) -> bool:
    return one.start < other.end and other.start < one.end


def _count(named: list[Named]) -> int:
    """Words said, each once where several lists name it ("alleged")."""
    return len({(n.start, n.end) for n in named})


@lru_cache(maxsize=32)
def _frame(lang: str) -> re.Pattern[str] | None:
    frame = _data().get("reportative_frames", {}).get(lang)
    if frame is None:
        return None
    verbs, ends = phrase_alternation(frame["verbs"]), phrase_alternation(frame["clause_ends"])
    return re.compile(rf"\b({verbs})\b[^,;:.!?()]*?\s(?:{ends})(?=\s*(?:[,;:.!?()]|$))")


@lru_cache(maxsize=32)
def _listed(lang: str) -> bool:
    """Whether the language has both a source's and a target's list."""
    return all(lang in _data()["sets"][kind]["members"] for kind in (_HEDGE, _RENDERING))


@lru_cache(maxsize=1)
def _data() -> dict:  # type: ignore[type-arg]
    return json.loads((MODELS_DIR / HEDGES).read_text(encoding="utf-8"))
