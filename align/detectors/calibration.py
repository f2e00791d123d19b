"""Raw detector scores to probabilities, with parameters fitted on the dev benchmark and kept under models/."""

from __future__ import annotations

import json
import math
from dataclasses import dataclass, replace
from enum import Enum
from functools import lru_cache
from pathlib import Path

from align.alignment.words import DEFAULT_WORD_MODEL
from align.detectors.base import Flag
from align.detectors.lexicon import MODELS_DIR
from align.errors import AlignError

SEVERITY_ORDER = {"low": 0, "medium": 1, "high": 2}


class Severity(str, Enum):
    """How bad a flag kind is, for `--fail-on`; each kind's severity is data in models/detectors.json."""

    low = "low"
    medium = "medium"
    high = "high"


@dataclass(frozen=True)
class DetectorSettings:
    severity: dict[str, str]
    max_null_share: float
    min_mean_bead_score: float  # for a sentence encoder without a floor of its own (for_sentence_model)
    min_mean_bead_score_by_model: dict[str, float]  # bead scores are on each sentence encoder's own scale
    platt: dict[str, tuple[float, float]]
    calibrated_for: str | None
    word_model: str  # the word aligner's model the omission model and calibration were fitted for
    omission_candidate: float
    omission_span: float
    omission_masking_weight: float  # for a sentence encoder without a weight of its own (for_sentence_model)
    omission_masking_weight_by_model: dict[str, float]  # its cosines move by more or less when a word is cut
    omission_span_edge_confidence: float  # a span's edge words each need this calibrated confidence of their own
    omission_gap_cut_reach: int  # an omission's gap may move this many junctions from where the links put it ...
    omission_gap_cut_margin: float  # ... to one the cut-junction model reads as a cut by this much more
    omission_gap_cut_languages: frozenset[str]  # ... in a target in one of these languages (per word model)
    untranslated_min_foreignness: float  # Zipf units more common in the source language than in the target
    untranslated_min_foreignness_capitalised: float  # the same, for a capitalised word
    untranslated_min_foreignness_single: float  # the same, for one shared word on its own
    untranslated_title_languages: frozenset[str]  # source languages whose title-case names a translation keeps
    duplicate_min_source_overlap: float  # a repeated target sentence is legitimate where the sources share this
    duplicate_short_sentence_words: int  # a repeated sentence shorter than this counts only ...
    duplicate_short_sentence_reach: int  # ... within this many sentences of its first occurrence
    garbled_min_junction_surprise: float  # log(expected / observed) of a bigram that reads as a cut
    garbled_min_cut_probability: float  # ... where the word model's cut-junction model says at least this too
    sentence_min_unmatched_share: float  # a sentence joined into a bead with this share of its words unlinked ...
    sentence_min_content_words: int  # ... and at least this many content words has no counterpart
    sentence_max_masking_loss: float  # ... unless cutting it out costs more similarity (x the masking weight)
    name_max_foreignness: float  # a name this close in frequency in both languages travels unchanged
    name_max_unlinked_gap: int  # unlinked names: the target one stands in a gap of at most this many words ...
    name_max_unlinked_similarity: float  # ... and is less like the source one than this (not its rendering)
    name_max_unlinked_foreignness: float  # ... and the source one is not this much more common in its language
    misaligned_confidence: float  # a re-checked memory's unit the realignment pairs otherwise (measured precision)
    # ... or keeps in a bead scoring under this (on the sentence encoder's scale; None: no such floor measured)
    misaligned_max_pair_score_by_model: dict[str, float]
    misaligned_crossing_margin: float  # ... or holds the translation of another unit of its bead (two exchanged)
    moved_min_share: float  # a missing and an added sentence pair up as moved this far from unrelated to aligned
    moved_min_content_words: int  # ... where each says at least this many content words
    moved_confidence: float  # ... and such a flag is right this often (measured precision)
    placeholder_confidence: float  # a placeholder or tag the translation drops, adds or changes (measured precision)
    misaligned_max_pair_score: float | None = None
    # Omission evidence from a translation model (align/encoders/translation_lm.py): weight x its relief, clipped
    # to +-cap, joins the raw score, which then has a calibration of its own ("omission@<model>").
    omission_translation_weight: float = 0.0
    omission_translation_cap: float = 0.0
    translation_model: str | None = None

    def for_sentence_model(self, sentence_model: str) -> DetectorSettings:
        """The settings with the values that depend on the sentence encoder's similarity scale resolved for it."""
        return replace(
            self,
            min_mean_bead_score=self.min_mean_bead_score_by_model.get(sentence_model, self.min_mean_bead_score),
            omission_masking_weight=self.omission_masking_weight_by_model.get(
                sentence_model, self.omission_masking_weight
            ),
            misaligned_max_pair_score=self.misaligned_max_pair_score_by_model.get(sentence_model),
        )

    def for_translation_model(self, translation_model: str | None) -> DetectorSettings:
        """The settings with a translation model's omission evidence and calibration (unchanged without one)."""
        if translation_model is None:
            return self
        calibrated = self.platt.get(f"omission@{translation_model}")
        if calibrated is None:
            raise AlignError(
                f"translation model {translation_model}: no omission calibration for word model {self.word_model} "
                "(fitted for e5-small only; use --word-model e5-small)"
            )
        return replace(self, translation_model=translation_model, platt={**self.platt, "omission": calibrated})


def word_model_dir(word_model: str) -> Path:
    """Where the omission model and calibration fitted for a word aligner's model live: models/ itself for the
    default, a folder of its own for another (the thresholds in models/detectors.json are shared)."""
    return MODELS_DIR if word_model == DEFAULT_WORD_MODEL else MODELS_DIR / f"words-{word_model}"


def _detectors_json() -> dict:  # type: ignore[type-arg]
    """models/detectors.json as it is now (not cached: benchmarks rewrite the data and clear load_settings)."""
    return json.loads((MODELS_DIR / "detectors.json").read_text(encoding="utf-8"))


def severity_summary() -> str:
    """Each severity's kinds, worst first ("high: omission, ...; low: addition"), for `--fail-on`'s help."""
    severity = _detectors_json()["severity"]
    return "; ".join(
        f"{level.value}: {', '.join(kind for kind, said in severity.items() if said == level.value)}"
        for level in reversed(Severity)
    )


@lru_cache(maxsize=4)
def load_settings(word_model: str = DEFAULT_WORD_MODEL) -> DetectorSettings:
    detectors = _detectors_json()
    calibration = json.loads((word_model_dir(word_model) / "calibration.json").read_text(encoding="utf-8"))
    return DetectorSettings(
        severity=detectors["severity"],
        max_null_share=detectors["unrelated_pair"]["max_null_share"],
        min_mean_bead_score=detectors["unrelated_pair"]["min_mean_bead_score"],
        min_mean_bead_score_by_model=detectors["unrelated_pair"].get("min_mean_bead_score_by_model", {}),
        platt={kind: (p["a"], p["b"]) for kind, p in calibration["kinds"].items()},
        calibrated_for=calibration.get("model"),
        word_model=word_model,
        omission_candidate=detectors["omission"]["candidate_probability"],
        omission_span=detectors["omission"]["span_probability"],
        omission_masking_weight=detectors["omission"]["masking_weight"],
        omission_masking_weight_by_model=detectors["omission"].get("masking_weight_by_model", {}),
        omission_span_edge_confidence=detectors["omission"]["span_edge_confidence"],
        omission_gap_cut_reach=detectors["omission"]["gap_cut_reach"],
        omission_gap_cut_margin=detectors["omission"]["gap_cut_margin"],
        omission_gap_cut_languages=frozenset(detectors["omission"]["gap_cut_languages"].get(word_model, ())),
        untranslated_min_foreignness=detectors["untranslated"]["min_foreignness"],
        untranslated_min_foreignness_capitalised=detectors["untranslated"]["min_foreignness_capitalised"],
        untranslated_min_foreignness_single=detectors["untranslated"]["min_foreignness_single"],
        untranslated_title_languages=frozenset(detectors["untranslated"]["title_case_names_kept_from"]),
        duplicate_min_source_overlap=detectors["duplicate"]["min_source_overlap"],
        duplicate_short_sentence_words=detectors["duplicate"]["short_sentence_words"],
        duplicate_short_sentence_reach=detectors["duplicate"]["short_sentence_reach"],
        garbled_min_junction_surprise=detectors["garbled"]["min_junction_surprise"],
        garbled_min_cut_probability=detectors["garbled"]["min_cut_probability"],
        sentence_min_unmatched_share=detectors["unmatched_sentence"]["min_unmatched_share"],
        sentence_min_content_words=detectors["unmatched_sentence"]["min_content_words"],
        sentence_max_masking_loss=detectors["unmatched_sentence"]["max_masking_loss"],
        name_max_foreignness=detectors["name_mismatch"]["max_foreignness"],
        name_max_unlinked_gap=detectors["name_mismatch"]["max_unlinked_gap"],
        name_max_unlinked_similarity=detectors["name_mismatch"]["max_unlinked_similarity"],
        name_max_unlinked_foreignness=detectors["name_mismatch"]["max_unlinked_foreignness"],
        misaligned_confidence=detectors["misaligned"]["confidence"],
        misaligned_max_pair_score_by_model=detectors["misaligned"]["max_pair_score_by_model"],
        misaligned_crossing_margin=detectors["misaligned"]["crossing_margin"],
        moved_min_share=detectors["moved"]["min_share"],
        moved_min_content_words=detectors["moved"]["min_content_words"],
        moved_confidence=detectors["moved"]["confidence"],
        placeholder_confidence=detectors["placeholder_mismatch"]["confidence"],
        omission_translation_weight=detectors["omission"]["translation_weight"],
        omission_translation_cap=detectors["omission"]["translation_cap"],
    )


def calibrate(flag: Flag, settings: DetectorSettings) -> Flag:
    return replace(flag, confidence=round(_calibrated(flag.kind, flag.confidence, settings), 4))


def word_confidence(raw: float, settings: DetectorSettings) -> float:
    """The confidence an omission flag of this one word's raw score would get."""
    return _calibrated("omission", raw, settings)


def _calibrated(kind: str, raw: float, settings: DetectorSettings) -> float:
    if kind in settings.platt:
        a, b = settings.platt[kind]
        return 1.0 / (1.0 + math.exp(-(a * raw + b)))
    return min(max(raw, 0.0), 1.0)
