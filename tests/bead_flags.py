"""Checking one short pair as one bead, with the real word aligner: what detector tests share."""

from align.alignment.beads import Bead
from align.check import find_flags
from align.detectors.base import Flag
from align.detectors.calibration import load_settings
from align.pipeline import SentenceAlignment
from align.text.document import Document
from align.text.segment import split_sentences


def bead_flags(
    word_aligner, source: str, target: str, beads=None, source_lang="es", target_lang="en", encode=None
) -> list[Flag]:
    """Every flag of the pair, its sentences one bead unless `beads` says otherwise."""
    src = Document("src", source, source_lang, split_sentences(source, source_lang))
    tgt = Document("tgt", target, target_lang, split_sentences(target, target_lang))
    if beads is None:
        beads = [Bead(tuple(range(len(src.sentences))), tuple(range(len(tgt.sentences))), 1.0)]
    return find_flags(SentenceAlignment(src, tgt, beads), word_aligner, load_settings(), encode=encode)
