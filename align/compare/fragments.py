"""`align compare --check`: `align check`'s fragment detectors run inside each version's matches.

A match is a bead between reference sentences and version sentences (in any order), so the detectors need nothing
new: each version becomes a SentenceAlignment whose beads are its matches. There are no null beads, so the
sentence-level kinds (missing_sentence, addition) never fire here: coverage already says that, per reference
sentence and version.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from align.alignment.words import DEFAULT_WORD_MODEL, WordAligner
from align.check import check_signature, find_flags
from align.compare.model import Comparison
from align.detectors.calibration import DetectorSettings, load_settings
from align.encoders.base import Encoder
from align.pipeline import SentenceAlignment


@dataclass(frozen=True)
class FragmentCheck:
    """What `--check` needs: the word aligner, the detectors' calibration, and the confidence floor."""

    word_aligner: WordAligner
    settings: DetectorSettings
    min_confidence: float = 0.5
    encode: Callable[[list[str]], np.ndarray] | None = None  # sentence encoder, for the omission detector's masking

    @staticmethod
    def load(
        min_confidence: float,
        encoder: Encoder | None,
        status: Callable[[str], None] | None = None,
        word_model: str = DEFAULT_WORD_MODEL,
    ) -> FragmentCheck:
        aligner = WordAligner(model=word_model, status=status, sentence_encoder=encoder)
        encode = encoder.encode if encoder is not None else None
        settings = load_settings(word_model)
        if encoder is not None:
            settings = settings.for_sentence_model(encoder.info.name)
        return FragmentCheck(aligner, settings, min_confidence, encode)

    def signature(self) -> dict[str, object]:
        return check_signature(self.word_aligner, self.settings, self.min_confidence)


def check_matches(result: Comparison, check: FragmentCheck) -> None:
    """Fill every version's `flags` (spans are offsets into the reference's and the version's decoded text) and
    record the check settings in the signature."""
    for version in result.versions:
        alignment = SentenceAlignment(result.reference, version.document, version.beads)
        flags = find_flags(alignment, check.word_aligner, check.settings, encode=check.encode) if version.beads else []
        version.flags = [f for f in flags if f.confidence >= check.min_confidence]
    result.signature["check"] = check.signature()
