"""Whether two aligned texts read as versions of each other at all: two unrelated texts align mostly to nothing or
with near-zero bead scores, and then no bead says anything (every "pair" of a mis-paired manifest line, every flag
of a check)."""

from __future__ import annotations

from dataclasses import dataclass

from align.alignment.beads import Bead
from align.alignment.debris import is_debris
from align.alignment.words import DEFAULT_WORD_MODEL
from align.compare.matching import MatchConfig
from align.compare.thresholds import load_calibration
from align.detectors.calibration import DetectorSettings, load_settings
from align.encoders import Encoder
from align.text.document import Document


@dataclass(frozen=True)
class PairRelatedness:
    score: float  # the mean score of the matched beads
    unrelated_because: str  # the test the pair failed, in words; empty when it looks like a version of the other

    @property
    def related(self) -> bool:
        return not self.unrelated_because


def pair_relatedness(
    source: Document,
    target: Document,
    beads: list[Bead],
    encoder: Encoder,
    settings: DetectorSettings | None = None,
) -> PairRelatedness:
    """Judged from the beads: most of the target aligned to nothing, or a mean bead score under the sentence encoder's
    floor.

    Bead scores are cosines less what the sentences' neighbours score, so texts of a few (distinct) sentences have
    almost no neighbours to measure against: two unrelated three-line texts made one joined bead scoring .06-.08,
    above the floor. There the two whole texts must be closer than a typical unrelated neighbour (the background cosine
    `align compare` calibrates for inputs too short for neighbours), where that calibration covers the encoder.
    Measured with use-m3: sentences paired at random pass .020-.034 of the time; real omissions (Guerreiro et al.)
    and XL-WA sentences cut to 40-70% fail .005-.012 (the match threshold on top: .004-.005 and .044-.061).
    Lines with no word and no number (blank lines between presplit sentences, rules, OCR specks) are left unaligned
    by design (alignment/debris.py) and say nothing about the pair: they do not count as unaligned sentences."""
    settings = settings or load_settings(DEFAULT_WORD_MODEL).for_sentence_model(encoder.info.name)
    beads = [b for b in beads if not _all_debris(source, target, b)]
    if not beads:
        return PairRelatedness(0.0, "")  # nothing but rules and specks on both sides: nothing to judge by
    matched = [b for b in beads if not b.is_null]
    # Counted on the target: a translation mostly of other text (inside a much longer one) is no translation of the
    # source, while one that renders a part of it (wire copy cut short) is, and what it lacks is what a check reports.
    target_sentences = sum(len(b.target) for b in beads)
    unaligned_share = sum(len(b.target) for b in beads if not b.source) / max(target_sentences, 1)
    mean_score = sum(b.score for b in matched) / len(matched) if matched else 0.0
    because = ""
    if not matched or unaligned_share > settings.max_null_share:
        share = unaligned_share if matched else 1.0
        because = f"{share:.0%} of the target's sentences align to nothing in the source"
    elif mean_score < settings.min_mean_bead_score:
        floor = settings.min_mean_bead_score
        because = f"their sentences barely match (mean bead score {mean_score:.2f}, under {floor:.2f})"
    # Distinct sentences: a text that says one sentence over and over has no neighbours either (each copy's
    # neighbours are itself, so every bead's margin is 0 and a faithful pair read as unrelated).
    shortest = min(len({s.text for s in document.sentences}) for document in (source, target))
    if shortest < MatchConfig().knn and matched:
        calibration = load_calibration(encoder.info.name)
        if calibration.exact:
            source_vector, target_vector = encoder.encode([source.text, target.text])
            cosine, background = float(source_vector @ target_vector), calibration.thresholds.background
            because = (
                ""
                if cosine >= background
                else (
                    f"too few distinct sentences to compare, and the whole texts are no closer than unrelated texts "
                    f"(cosine {cosine:.2f}, under {background:.2f})"
                )
            )
    return PairRelatedness(round(mean_score, 4), because)


def _all_debris(source: Document, target: Document, bead: Bead) -> bool:
    texts = [source.sentences[i].text for i in bead.source] + [target.sentences[j].text for j in bead.target]
    return all(is_debris(text) for text in texts)
