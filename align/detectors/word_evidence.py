"""Per-source-word evidence that a word has no counterpart in the target, and the learned model that weighs it.

The weights live in models/omission_model.json, fitted by bench/check_damage.py --fit on damaged XL-WA dev pairs.
"""

from __future__ import annotations

import json
from functools import lru_cache

import numpy as np

from align.alignment.words import DEFAULT_WORD_MODEL, WordAlignment
from align.detectors.calibration import word_model_dir
from align.detectors.gaps import link_gaps
from align.detectors.junctions import cut_probabilities, pair_surprises
from align.detectors.lexicon import is_content_word, is_negation
from align.detectors.logistic import LogisticModel

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
    # The same, read off the target words' contextual vectors by a model of cut junctions (its languages: junctions.py).
    "gap_cut_probability",
)
FEATURES = WORD_FEATURES + CONTEXT_FEATURES


def word_features(words: WordAlignment, source_lang: str, target_lang: str, word_model: str) -> np.ndarray:
    """One row of FEATURES per source word; `word_model` names the aligner that made `words` (its cut model)."""
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
    context = _context_features(
        words, source_lang, target_lang, best, best_col, cut_probabilities(words, target_lang, word_model)
    )
    second = np.sort(sim, axis=1)[:, -2] if m > 1 else np.zeros(n)
    col_best_row = sim.argmax(axis=0)
    # The best other source word in each word's best target column: the column's second value where the word
    # holds its maximum, else the maximum (ties keep the value, as leaving the word out of the column would).
    if n > 1:
        column_top, column_second = sim.max(axis=0), np.partition(sim, n - 2, axis=0)[n - 2]
        holds_top = col_best_row[best_col] == np.arange(n)
        others = np.where(holds_top, column_second[best_col], column_top[best_col])
    else:
        others = np.zeros(n)
    texts = [w.text for w in words.source]
    rows[:, 0] = best
    rows[:, 1] = best - best.mean()
    rows[:, 2] = best - second
    rows[:, 3] = linked
    rows[:, 4] = col_best_row[best_col] == np.arange(n)
    rows[:, 5] = best - others
    rows[:, 6] = [is_content_word(text, source_lang) for text in texts]
    rows[:, 7] = [any(ch.isdigit() for ch in text) for text in texts]
    rows[:, 8] = [text[:1].isupper() for text in texts]
    rows[:, 9] = [is_negation(text, source_lang) for text in texts]
    rows[:, 10] = np.log1p([len(text) for text in texts])
    rows[:, 11] = np.r_[1.0, linked[:-1]] + np.r_[linked[1:], 1.0]
    rows[:, len(WORD_FEATURES) :] = context
    return rows


def _context_features(
    words: WordAlignment,
    source_lang: str,
    target_lang: str,
    best: np.ndarray,
    best_col: np.ndarray,
    cuts: np.ndarray | None,
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
    orphan_best = sim[:, orphans].max(axis=1) if orphans.any() else np.zeros(n)
    # The nearest linked source word on each side: its links bound the gap this word's counterpart would sit in.
    for i, (low, high) in enumerate(link_gaps(words)):
        gap = range(low + 1, high) if low < high else range(0)
        orphan_similarity = float(orphan_best[i])
        near = [t for k in (i - 2, i - 1, i + 1, i + 2) for t in targets_of.get(k, [])]
        near_similarity = float(max(sim[i, t] for t in near)) if near else 0.0
        rows[i] = (
            float(orphans[best_col[i]]),
            orphan_similarity,
            orphan_similarity - best[i],
            float(orphans[gap.start : gap.stop].sum()),
            float(min(len(gap), 5)),
            near_similarity,
            near_similarity - best[i],
            float(best_col[i] in near),
            length_ratio,
            target_orphan_share,
            source_orphan_share,
            _gap_max(junctions, low, high),
            _gap_max(cuts, low, high),
        )
    return rows


def _gap_max(junctions: np.ndarray | None, low: int, high: int) -> float:
    """The highest value of a junction of neighbouring target words from the left neighbour's link to the right
    one's; NaN (unknown: the model reads it as its training mean) where there are no values (a target language
    without bigram counts or one the cut model is not used for, a word model without a cut model)."""
    if junctions is None:
        return float("nan")
    first, last = max(low, 0), min(high, len(junctions))
    return float(junctions[first:last].max()) if last > first else 0.0


@lru_cache(maxsize=4)
def load_omission_model(word_model: str = DEFAULT_WORD_MODEL) -> LogisticModel | None:
    path = word_model_dir(word_model) / "omission_model.json"
    if not path.exists():
        return None
    raw = json.loads(path.read_text(encoding="utf-8"))
    if list(raw["features"]) != list(FEATURES):
        return None
    return LogisticModel.from_json(raw)
