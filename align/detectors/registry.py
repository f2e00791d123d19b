"""Every detector, in the order their flags are reported."""

from __future__ import annotations

from align.detectors.base import Detector
from align.detectors.duplicate import DuplicateDetector
from align.detectors.garbled import GarbledDetector
from align.detectors.memory_pairs import MisalignedUnitDetector
from align.detectors.name_mismatch import NameMismatchDetector
from align.detectors.null_beads import AdditionDetector, MissingSentenceDetector
from align.detectors.number_mismatch import NumberMismatchDetector
from align.detectors.omission import OmissionDetector
from align.detectors.placeholders import PlaceholderDetector
from align.detectors.truncation import TruncationDetector
from align.detectors.untranslated import UntranslatedDetector


def all_detectors() -> list[Detector]:
    return [
        OmissionDetector(),
        MissingSentenceDetector(),
        AdditionDetector(),
        NumberMismatchDetector(),
        PlaceholderDetector(),
        NameMismatchDetector(),
        UntranslatedDetector(),
        TruncationDetector(),
        DuplicateDetector(),
        GarbledDetector(),
        MisalignedUnitDetector(),
    ]


KINDS = [d.kind for d in all_detectors()]
