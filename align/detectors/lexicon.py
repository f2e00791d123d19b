"""Which words carry content: closed-class word lists per language live in models/lexicon.json, as data."""

from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

MODELS_DIR = Path(__file__).resolve().parent.parent.parent / "models"
# The word right before a position (search it with an end position): "la" in "la mañana", "bajo" in "bajo cero".
WORD_BEFORE = re.compile(r"([^\W\d_]+)[\s\u00a0]+$")
# An elided word written onto the next ("l'armée", "dall'esercito", "qu'il"); group 1 is the elided word.
ELIDED = re.compile(r"^([^\W\d_]{1,5})['’](?=\w)")


@lru_cache(maxsize=1)
def _raw_lexicon() -> dict[str, Any]:
    return json.loads((MODELS_DIR / "lexicon.json").read_text(encoding="utf-8"))


@lru_cache(maxsize=1)
def _lexicon() -> dict[str, dict[str, frozenset[str]]]:
    raw = _raw_lexicon()
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
            "until_frames",
            "until_words",
            "negative_verbs",
            "litotes",
            "negative_meaning",
            "negations_with_particle",
            "not_yet",
            "correlatives",
            "negation_inside_no_negation",
            "negation_idioms",
            "still_words",
            "clock_hours",
            "separable_particles",
            "number_units",
            "counters",
            "paired_form_conjunctions",
            "courtesy_titles",
            "phrase_renderings",
            "superlatives",
            "ever_words",
            "expletive_ne_after",
            "abbreviations",
            "saints",
            "copulas",
            "age_words",
        )
    }


def folded(text: str) -> str:
    """Lowercase without accents, for spellings compared across languages ("Zürichsee" opens as "Zurich" does, "Việt
    Nam" is "Vietnam" written apart); đ reads as d, as it is romanised."""
    decomposed = unicodedata.normalize("NFKD", text.lower().replace("đ", "d"))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def is_negation(word: str, lang: str) -> bool:
    lower = word.lower()
    stems = _negation_parts(lang)[0]
    return lower in word_list("negations", lang) or lower.startswith(stems) or is_negated_verb(word, lang)


def is_negated_verb(word: str, lang: str) -> bool:
    """A verb negated by a suffix (Turkish düşmeyeceğini, "that it will not fall") or a prefix (Czech nezvýší, "will
    not raise"): one word says the verb and its negation, so a translation that renders the verb without the
    negation still links to it."""
    if is_prefix_negated(word, lang):
        return True
    _, endings, insides = _negation_parts(lang)
    # A suffix negates a verb, which a capital does not start (the surname Yılmaz, "undaunted"), nor does it stand
    # alone ("olmaz", not "maz").
    if not (endings or insides) or not word[:1].islower() or len(word) <= _SHORTEST_AFFIXED:
        return False
    lower = word.lower()
    return lower.endswith(endings) or any(inside in lower[1:] for inside in insides)


_SHORTEST_AFFIXED = 4


@lru_cache(maxsize=65536)
def is_prefix_negated(word: str, lang: str) -> bool:
    """A word negated by its prefix that is rarer than the word it negates (nezvýší 2.6 against zvýší 4.2, nelze
    4.9 against lze 5.5): a negation made as it is needed. One as common as its stem is a word of its own, which a
    translation renders without a negation (nezávislý, independent, 4.0 against 3.9; nebezpečí, danger)."""
    from align.text.word_frequency import zipf

    rules = _negation_affixes().get(lang)
    if rules is None or not rules.negates_verbs or not is_affixed_negation(word, lang):
        return False  # a capital too: the verb opens many a sentence ("Nelze otevřít soubor")
    lower = word.lower()
    stems = [lower[len(p) :] for p in rules.prefixes if lower.startswith(p)]
    return any(zipf(lower, lang) < zipf(stem, lang) for stem in stems)


@lru_cache(maxsize=64)
def _negation_parts(lang: str) -> tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]]:
    """The negations entries with a "*": "x*" begins an inflected negation word (Korean 않*: 않다, 않겠다고), "*x" ends
    one and "*x*" is inside one, a negative suffix of a verb (Turkish *maz: olmaz "will not be", *mıyor*:
    gelmiyorlar "they are not coming")."""
    entries = [entry for entry in word_list("negations", lang) if "*" in entry]
    stems = tuple(e[:-1] for e in entries if e.endswith("*") and not e.startswith("*"))
    endings = tuple(e[1:] for e in entries if e.startswith("*") and not e.endswith("*"))
    insides = tuple(e[1:-1] for e in entries if e.startswith("*") and e.endswith("*"))
    return stems, endings, insides


def is_negation_particle(word: str, lang: str) -> bool:
    return word.lower() in word_list("negation_particles", lang)


@dataclass(frozen=True)
class _NegationAffixes:
    prefixes: tuple[str, ...]
    suffixes: tuple[str, ...]
    min_prefix_stem: int
    min_suffix_stem: int
    min_stem_zipf: float
    # Stems a prefix makes no negation of: Slavic "ne" before a question word makes an indefinite ("nešto", something;
    # "nekoliko", several), not a negation.
    not_stems: frozenset[str]
    # Whether the prefix also negates verbs (Czech nezvýší, "will not raise"), which then count as negation words.
    negates_verbs: bool


@lru_cache(maxsize=1)
def _negation_affixes() -> dict[str, _NegationAffixes]:
    return {
        lang: _NegationAffixes(
            tuple(rules["prefixes"]),
            tuple(rules["suffixes"]),
            rules["min_prefix_stem"],
            rules["min_suffix_stem"],
            rules["min_stem_zipf"],
            frozenset(rules.get("not_stems", ())),
            rules.get("negates_verbs", False),
        )
        for lang, rules in _raw_lexicon()["negation_affixes"].items()
    }


@lru_cache(maxsize=65536)
def is_affixed_negation(word: str, lang: str) -> bool:
    """A word negated by its prefix or suffix ("unsolved", "non-EU", "careless"): the rest of it a word of the
    language in its own right, so "until", "union" and "bless" are not (the rules in models/lexicon.json)."""
    from align.text.word_frequency import covers, zipf

    rules = _negation_affixes().get(lang)
    if rules is None or not covers(lang):
        return False
    lower = word.lower()
    stems = [
        lower[len(p) :] for p in rules.prefixes if lower.startswith(p) and len(lower) - len(p) >= rules.min_prefix_stem
    ]
    if stems and lang == "en" and set(english_readings(lower)) == {"VERB"}:
        stems = []  # an English verb's "un" reverses, negates nothing: "unveiled", "uncovered", "unlock"
    stems += [
        lower[: -len(s)] for s in rules.suffixes if lower.endswith(s) and len(lower) - len(s) >= rules.min_suffix_stem
    ]
    return any(stem not in rules.not_stems and zipf(stem, lang) >= rules.min_stem_zipf for stem in stems)


def is_concord_negation(word: str, lang: str) -> bool:
    return word.lower() in word_list("negative_concord", lang)


@lru_cache(maxsize=64)
def concord_reach(lang: str) -> int:
    """In a translation, a concord word with no negation before it counts only among its clause's first this many
    words ("Nadie vino", "Él nunca vino"; not "había ninguna institución")."""
    return int(_raw_lexicon()["negative_concord_reach"].get(lang, 0))


@lru_cache(maxsize=64)
def a_not_a_negations(lang: str) -> tuple[str, ...]:
    """The negations a yes-no question puts between a word and itself ("要不要", "答应不答应")."""
    return tuple(_raw_lexicon()["a_not_a_negations"].get(lang, ()))


def not_negations(lang: str) -> frozenset[str]:
    """Phrases whose negation words negate nothing: "sin embargo", or frames written "不是 … 就是" (negations.py)."""
    return word_list("not_negations", lang)


def word_list(table: str, lang: str) -> frozenset[str]:
    """One of models/lexicon.json's word lists for a language, lowercased (empty where it has none)."""
    return _lexicon()[table].get(lang, frozenset())


def until_frames(lang: str) -> frozenset[str]:
    """Where a negation says "until": "tant que … " (the conjunction, then the negation later in its clause), or
    "… until" (the negation, then the word later in its clause)."""
    return word_list("until_frames", lang)


def is_until_word(word: str, lang: str, after_negation: bool = False) -> bool:
    """A word for "until"; `after_negation`: one that also renders "not … until" (German "erst"; "bis" does not:
    "wird bis 2030 schließen" says the opposite of "will not close until 2030"), marked "*" in the list."""
    lower = word.lower()
    entries = word_list("until_words", lang)
    return lower + "*" in entries or (not after_negation and lower in entries)


def is_negative_verb(word: str, lang: str) -> bool:
    """A word that renders a negated verb in a translation ("declined to comment" for "no quiso comentar")."""
    return word.lower() in word_list("negative_verbs", lang)


@lru_cache(maxsize=65536)
def is_negative_meaning(word: str, lang: str) -> bool:
    """A word a translation may render with a negation ("rechazó" / "did not accept", "falta" / "not enough"): the
    negative_meaning list (an entry ending in "*" is a stem), the verbs of negative meaning and the litotes words."""
    lower = _after_elision(word.lower())
    entries = (*word_list("negative_meaning", lang), *word_list("litotes", lang))
    return is_negative_verb(lower, lang) or any(matches_entry(lower, entry) for entry in entries)


def _after_elision(word: str) -> str:
    """The word after an elided article or preposition ("l'absence", "dell'assenza"), as French and Italian write it."""
    for apostrophe in "'’":
        head, _, tail = word.partition(apostrophe)
        if tail and len(head) <= 4:
            return tail
    return word


def matches_entry(word: str, entry: str) -> bool:
    """Whether a word list's entry names the word: an entry ending in "*" is a stem, one starting with "*" an ending
    ("*los": hoffnungslos), any other the word itself."""
    if entry.endswith("*"):
        return word.startswith(entry[:-1])
    if entry.startswith("*"):  # a stem of four letters or more before it: "grundlos", not "Carlos"
        return word.endswith(entry[1:]) and len(word) - len(entry) + 1 >= 4
    return word == entry


@lru_cache(maxsize=65536)
def is_litotes_word(word: str, lang: str) -> bool:
    """A word of negative meaning that a negation beside it turns positive ("no dudó": was quick to; "non loin":
    near). An entry ending in "*" is a stem ("dud*": dudó, dudaron, and "dudo" written without its accent)."""
    return any(matches_entry(word.lower(), entry) for entry in word_list("litotes", lang))


def is_courtesy_title(word: str, lang: str) -> bool:
    """A title before a name ("M.", "Mme", "Sr.", "Herr", "San"): capitalised, of models/lexicon.json's list."""
    return word[:1].isupper() and word.lower() in word_list("courtesy_titles", lang)


def is_article(word: str, lang: str) -> bool:
    return word.lower() in word_list("articles", lang)


def is_auxiliary(word: str, lang: str) -> bool:
    return word.lower() in word_list("auxiliaries", lang)


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
    lower = word.lower()
    elided = _ELISION.match(lower) if lang in _ELIDING else None
    if elided and elided.end() < len(lower):  # "n'aura", "l'ha": the word after the elided one decides
        return lower[elided.end() :] not in function_words
    return lower not in function_words


# French and Italian write an elided article, pronoun or "ne" against the next word ("n'aura", "dell'ordine").
_ELIDING = frozenset({"fr", "it"})
_ELISION = re.compile(r"^[^\W\d_]{1,4}['’]")


@lru_cache(maxsize=65536)
def english_readings(word: str) -> dict[str, tuple[str, ...]]:
    """lemminflect's readings of an English word: part of speech -> base forms ("beaten": VERB -> "beat")."""
    from lemminflect import getAllLemmas

    return getAllLemmas(word.lower())
