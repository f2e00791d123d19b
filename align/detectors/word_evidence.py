"""Per-source-word evidence that a word has no counterpart in the target, and the learned model that weighs it.

The weights live in models/omission_model.json, fitted by bench/check_damage.py --fit on damaged XL-WA dev pairs.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache

import numpy as np

from align.alignment.words import DEFAULT_WORD_MODEL, WordAlignment
from align.detectors.calibration import word_model_dir
from align.detectors.junctions import pair_surprises
from align.detectors.lexicon import is_content_word, is_negation

WORD_FEATURES = (
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
CONTEXT_FEATURES = (
    # A translation that renders a word freely leaves an unlinked target word opposite it ("Voluntarios" /
    # "Willing"); a cut leaves none. These separate the two.
    "best_target_orphan",
    "orphan_similarity",
    "orphan_margin",
    "gap_orphans",
    "gap_width",
    # One-to-many renderings ("alto el fuego" / "ceasefire"): the word's best target is the one its neighbour took.
    "neighbour_target_similarity",
    "neighbour_target_margin",
    "absorbed_by_neighbour",
    "log_length_ratio",
    "target_orphan_share",
    "source_orphan_share",
    # A cut leaves a junction English almost never writes ("in of training"); a free rendering does not.
    "gap_junction_surprise",
)
FEATURES = WORD_FEATURES + CONTEXT_FEATURES


def word_features(words: WordAlignment, source_lang: str, target_lang: str) -> np.ndarray:
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
    context = _context_features(words, source_lang, target_lang, best, best_col)
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
            float(is_content_word(text, source_lang)),
            float(any(ch.isdigit() for ch in text)),
            float(text[:1].isupper()),
            float(is_negation(text, source_lang)),
            np.log1p(len(text)),
            (linked[i - 1] if i > 0 else 1.0) + (linked[i + 1] if i + 1 < n else 1.0),
            *context[i],
        )
    return rows


def _context_features(
    words: WordAlignment, source_lang: str, target_lang: str, best: np.ndarray, best_col: np.ndarray
) -> np.ndarray:
    """CONTEXT_FEATURES: what looks past the word itself (orphans opposite it, the gap its neighbours leave)."""
    sim = words.similarity
    n, m = sim.shape
    targets_of: dict[int, list[int]] = {}
    linked_target = np.zeros(m, dtype=bool)
    for s, t in words.links:
        targets_of.setdefault(s, []).append(t)
        linked_target[t] = True
    target_content = np.array([is_content_word(w.text, target_lang) for w in words.target])
    source_content = np.array([is_content_word(w.text, source_lang) for w in words.source])
    orphans = target_content & ~linked_target
    source_orphans = source_content & np.array([i not in targets_of for i in range(n)])
    source_chars = sum(len(w.text) for w in words.source)
    target_chars = sum(len(w.text) for w in words.target)
    length_ratio = float(np.log((target_chars + 1) / (source_chars + 1)))
    target_orphan_share = orphans.sum() / max(target_content.sum(), 1)
    source_orphan_share = source_orphans.sum() / max(source_content.sum(), 1)
    junctions = pair_surprises([w.text for w in words.target], target_lang)
    rows = np.zeros((n, len(CONTEXT_FEATURES)))
    for i in range(n):
        left = next((k for k in range(i - 1, -1, -1) if k in targets_of), None)
        right = next((k for k in range(i + 1, n) if k in targets_of), None)
        low = max(targets_of[left]) if left is not None else -1
        high = min(targets_of[right]) if right is not None else m
        gap = range(low + 1, high) if low < high else range(0)
        orphan_similarity = float(sim[i][orphans].max()) if orphans.any() else 0.0
        near = [t for k in (i - 2, i - 1, i + 1, i + 2) for t in targets_of.get(k, [])]
        near_similarity = float(max(sim[i, t] for t in near)) if near else 0.0
        rows[i] = (
            float(orphans[best_col[i]]),
            orphan_similarity,
            orphan_similarity - best[i],
            float(sum(orphans[j] for j in gap)),
            float(min(len(gap), 5)),
            near_similarity,
            near_similarity - best[i],
            float(best_col[i] in near),
            length_ratio,
            target_orphan_share,
            source_orphan_share,
            _junction_surprise(junctions, low, high),
        )
    return rows


def _junction_surprise(junctions: np.ndarray | None, low: int, high: int) -> float:
    """The most surprising pair of neighbouring target words from the left neighbour's link to the right one's;
    NaN (unknown: the model reads it as its training mean) for target languages without bigram counts."""
    if junctions is None:
        return float("nan")
    first, last = max(low, 0), min(high, len(junctions))
    return float(junctions[first:last].max()) if last > first else 0.0


@dataclass(frozen=True)
class WordOmissionModel:
    weights: np.ndarray
    bias: float
    mean: np.ndarray
    scale: np.ndarray

    def probabilities(self, features: np.ndarray) -> np.ndarray:
        features = np.where(np.isnan(features), self.mean, features)  # unknown: as an average training word
        z = ((features - self.mean) / self.scale) @ self.weights + self.bias
        return 1.0 / (1.0 + np.exp(-z))


@lru_cache(maxsize=4)
def load_omission_model(word_model: str = DEFAULT_WORD_MODEL) -> WordOmissionModel | None:
    path = word_model_dir(word_model) / "omission_model.json"
    if not path.exists():
        return None
    raw = json.loads(path.read_text(encoding="utf-8"))
    if list(raw["features"]) != list(FEATURES):
        return None
    return WordOmissionModel(
        np.array(raw["weights"]), float(raw["bias"]), np.array(raw["mean"]), np.array(raw["scale"])
    )
