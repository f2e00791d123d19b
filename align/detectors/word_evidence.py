"""Per-source-word evidence that a word has no counterpart in the target, and the learned model that weighs it.

The weights live in models/omission_model.json, fitted by bench/check_damage.py --fit on damaged XL-WA dev pairs.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache

import numpy as np

from align.alignment.words import WordAlignment
from align.detectors.lexicon import MODELS_DIR, is_content_word, is_negation

FEATURES = (
    "max_similarity",
    "relative_max_similarity",
    "best_margin",
    "linked",
    "mutual_best",
    "target_competition",
    "content",
    "number",
    "capitalised",
    "negation",
    "log_length",
    "neighbours_linked",
)


def word_features(words: WordAlignment, lang: str) -> np.ndarray:
    """One row of FEATURES per source word."""
    sim = words.similarity
    n, m = sim.shape
    rows = np.zeros((n, len(FEATURES)), dtype=np.float64)
    if n == 0 or m == 0:
        return rows
    linked = np.zeros(n)
    for s, _ in words.links:
        linked[s] = 1.0
    best = sim.max(axis=1)
    best_col = sim.argmax(axis=1)
    second = np.sort(sim, axis=1)[:, -2] if m > 1 else np.zeros(n)
    col_best_row = sim.argmax(axis=0)
    for i, word in enumerate(words.source):
        j = best_col[i]
        others = np.delete(sim[:, j], i) if n > 1 else np.array([0.0])
        text = word.text
        rows[i] = (
            best[i],
            best[i] - best.mean(),
            best[i] - second[i],
            linked[i],
            float(col_best_row[j] == i),
            sim[i, j] - others.max(),
            float(is_content_word(text, lang)),
            float(any(ch.isdigit() for ch in text)),
            float(text[:1].isupper()),
            float(is_negation(text, lang)),
            np.log1p(len(text)),
            (linked[i - 1] if i > 0 else 1.0) + (linked[i + 1] if i + 1 < n else 1.0),
        )
    return rows


@dataclass(frozen=True)
class WordOmissionModel:
    weights: np.ndarray
    bias: float
    mean: np.ndarray
    scale: np.ndarray

    def probabilities(self, features: np.ndarray) -> np.ndarray:
        z = ((features - self.mean) / self.scale) @ self.weights + self.bias
        return 1.0 / (1.0 + np.exp(-z))


@lru_cache(maxsize=1)
def load_omission_model() -> WordOmissionModel | None:
    path = MODELS_DIR / "omission_model.json"
    if not path.exists():
        return None
    raw = json.loads(path.read_text(encoding="utf-8"))
    if list(raw["features"]) != list(FEATURES):
        return None
    return WordOmissionModel(
        np.array(raw["weights"]), float(raw["bias"]), np.array(raw["mean"]), np.array(raw["scale"])
    )
