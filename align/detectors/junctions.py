"""How surprising two neighbouring words are in English: a cut leaves a junction English almost never writes
("in of training", "about its and backing", "We must that"), a free translation does not.

Counts are Google's web unigrams and bigrams (about 10^12 words) as shipped in PyPI `wordsegment` (Apache-2.0,
offline). Surprise is log(expected count if the words were independent / observed count): bigrams under the
list's cut-off of 10^5 count as half of it, and pairs whose expected count is itself near the cut-off say nothing
(rare words are seldom seen together anyway), so only frequent words can raise it. Capitalised words are left out
(the bigrams were counted on lowercase text). English targets only.

A learned model (CutJunctionModel) reads the same thing off the word aligner's contextual vectors, for the target
languages it lists.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np

from align.alignment.words import WordAlignment
from align.detectors.calibration import word_model_dir
from align.detectors.logistic import LogisticModel

LANGUAGES = frozenset({"en"})
_UNSEEN = 5e4  # half the bigram list's cut-off of 10^5
_MIN_EXPECTED = 3e5  # below this an unseen pair is no evidence


@lru_cache(maxsize=1)
def _counts() -> tuple[dict[str, float], dict[str, float], float]:
    from wordsegment import Segmenter

    segmenter = Segmenter()
    segmenter.load()
    return segmenter.unigrams, segmenter.bigrams, float(segmenter.total)


def _normalised(token: str) -> str | None:
    """The token's word in lowercase, or None: the bigram list comes from lowercase text, so a capitalised word
    ("the European") has a bigram count far below what its case-folded unigram count predicts."""
    word = token.strip("\"'“”‘’«»()[]{}.,;:!?¿¡-–—")
    return word if word.isalpha() and word.islower() else None


def surprise(left: str, right: str) -> float:
    """log(expected / observed) for two tokens side by side; 0 when the counts cannot tell."""
    unigrams, bigrams, total = _counts()
    a, b = _normalised(left), _normalised(right)
    if a is None or b is None or a not in unigrams or b not in unigrams:
        return 0.0
    expected = unigrams[a] * unigrams[b] / total
    if expected < _MIN_EXPECTED:
        return 0.0
    observed = bigrams.get(f"{a} {b}", _UNSEEN)
    return max(0.0, math.log(expected / observed))


_INFLECTIONS = (("ied", "y"), ("ed", ""), ("ed", "e"), ("d", ""), ("ing", ""), ("ing", "e"), ("es", ""), ("s", ""))
_MIN_INFLECTED = 5  # shorter words are too often something else with a letter off ("and" is not "an" + d)
# "to" is a preposition too ("when it comes to climbing", "corrections to votes"): after it only a past form is wrong
# ("needed to worked out").
_AFTER_INFINITIVE_TO = frozenset({"ied", "ed", "d"})


def inflection_surprise(left: str, right: str) -> float:
    """How much better the right word's base form fits after the left one than the form written ("to worked" for
    "to work"): log of (bigram count ratio / unigram count ratio), the best over the base forms; 0 when none fits
    better. A cut that leaves a verb after the wrong word shows up here when the pair itself is too rare to judge."""
    unigrams, bigrams, _ = _counts()
    a, b = _normalised(left), _normalised(right)
    if a is None or b is None or len(b) < _MIN_INFLECTED or a not in unigrams or b not in unigrams:
        return 0.0
    observed = bigrams.get(f"{a} {b}", _UNSEEN)
    best = 0.0
    for suffix, replacement in _INFLECTIONS:
        if not b.endswith(suffix) or (a == "to" and suffix not in _AFTER_INFINITIVE_TO):
            continue
        base = b[: len(b) - len(suffix)] + replacement
        with_base = bigrams.get(f"{a} {base}")
        if len(base) >= 3 and base in unigrams and with_base:
            best = max(best, math.log((with_base / observed) / (unigrams[base] / unigrams[b])))
    return best


def pair_surprises(tokens: list[str], lang: str) -> np.ndarray | None:
    """Surprise of each token with the next (len - 1 values); None for languages without counts."""
    if lang not in LANGUAGES:
        return None
    if len(tokens) < 2:
        return np.zeros(0)
    return np.array([surprise(a, b) for a, b in zip(tokens[:-1], tokens[1:], strict=True)])


def junction_features(word_vectors: np.ndarray) -> np.ndarray:
    """One row per junction of neighbouring words (len - 1 rows): both words' unit vectors and their product."""
    norms = np.maximum(np.linalg.norm(word_vectors, axis=1, keepdims=True), 1e-9)
    unit = word_vectors / norms
    left, right = unit[:-1], unit[1:]
    return np.concatenate([left, right, left * right], axis=1)


@dataclass(frozen=True)
class CutJunctionModel:
    """How likely each junction is where a cut brought two words together (bench/fit_junctions.py fits it): the
    word aligner's contextual vectors show it, capitalised words included."""

    model: LogisticModel
    languages: frozenset[str]  # target languages it was trained on or measured to help; others read as unknown

    def probabilities(self, word_vectors: np.ndarray) -> np.ndarray:
        if len(word_vectors) < 2:
            return np.zeros(0)
        return self.model.probabilities(junction_features(word_vectors))


@lru_cache(maxsize=4)
def load_cut_model(folder: Path) -> CutJunctionModel | None:
    """The word model's cut-junction model from its data folder; None where none was fitted."""
    path = folder / "junction_model.json"
    if not path.exists():
        return None
    raw = json.loads(path.read_text(encoding="utf-8"))
    return CutJunctionModel(LogisticModel.from_json(raw), frozenset(raw["languages"]))


def cut_probabilities(
    words: WordAlignment, target_lang: str, word_model: str, languages: frozenset[str] | None = None
) -> np.ndarray | None:
    """Per junction of neighbouring target words, the word model's cut-junction probability; None where it has no
    such model or is not used for this target language (`languages`, default the model's own list)."""
    model = load_cut_model(word_model_dir(word_model))
    if model is None or words.target_vectors is None:
        return None
    if target_lang not in (model.languages if languages is None else languages):
        return None
    return model.probabilities(words.target_vectors)
