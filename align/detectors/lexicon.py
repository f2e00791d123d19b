"""Which words carry content: closed-class word lists per language live in models/lexicon.json, as data."""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

MODELS_DIR = Path(__file__).resolve().parent.parent.parent / "models"


@lru_cache(maxsize=1)
def _lexicon() -> dict[str, dict[str, frozenset[str]]]:
    raw = json.loads((MODELS_DIR / "lexicon.json").read_text(encoding="utf-8"))
    return {
        table: {lang: frozenset(w.lower() for w in words) for lang, words in raw[table].items()}
        for table in (
            "function_words",
            "negations",
            "negation_particles",
            "negative_concord",
            "not_negations",
            "articles",
            "auxiliaries",
        )
    }


def is_negation(word: str, lang: str) -> bool:
    return word.lower() in _lexicon()["negations"].get(lang, frozenset())


def is_negation_particle(word: str, lang: str) -> bool:
    return word.lower() in _lexicon()["negation_particles"].get(lang, frozenset())


@lru_cache(maxsize=1)
def _negation_affixes() -> dict[str, tuple[tuple[str, ...], tuple[str, ...]]]:
    raw = json.loads((MODELS_DIR / "lexicon.json").read_text(encoding="utf-8"))["negation_affixes"]
    return {lang: (tuple(a["prefixes"]), tuple(a["suffixes"])) for lang, a in raw.items()}


@lru_cache(maxsize=65536)
def is_affixed_negation(word: str, lang: str) -> bool:
    """A word negated by its prefix or suffix ("unsolved", "non-EU", "careless"): the rest of it a word of the
    language in its own right (wordfreq Zipf >= 3), so "until", "union" and "bless" are not."""
    from align.detectors.word_frequency import covers, zipf

    affixes = _negation_affixes().get(lang)
    if affixes is None or not covers(lang):
        return False
    lower = word.lower()
    prefixes, suffixes = affixes
    stems = [lower[len(p) :] for p in prefixes if lower.startswith(p) and len(lower) - len(p) >= 4]
    stems += [lower[: -len(s)] for s in suffixes if lower.endswith(s) and len(lower) - len(s) >= 3]
    return any(zipf(stem, lang) >= 3.0 for stem in stems)


def is_concord_negation(word: str, lang: str) -> bool:
    return word.lower() in _lexicon()["negative_concord"].get(lang, frozenset())


def not_negations(lang: str) -> frozenset[str]:
    """Phrases whose negation words negate nothing: "sin embargo", or frames written "不是 … 就是" (negations.py)."""
    return _lexicon()["not_negations"].get(lang, frozenset())


def is_article(word: str, lang: str) -> bool:
    return word.lower() in _lexicon()["articles"].get(lang, frozenset())


def is_auxiliary(word: str, lang: str) -> bool:
    return word.lower() in _lexicon()["auxiliaries"].get(lang, frozenset())


@lru_cache(maxsize=262144)
def is_content_word(word: str, lang: str) -> bool:
    """Letters or digits, not a closed-class word; negations count as content (dropping one flips the meaning).
    Cached: detectors ask about the same words over and over (about 140k calls on a 1,000-sentence check)."""
    if not any(ch.isalnum() for ch in word):
        return False
    if any(ch.isdigit() for ch in word) or is_negation(word, lang):
        return True
    function_words = _lexicon()["function_words"].get(lang)
    if function_words is None:
        return len(word) > 3
    return word.lower() not in function_words
