"""The result of `align compare` as plain typed data, so the text, JSON and HTML writers all read the same thing.

Nothing here computes; writers never re-derive decisions, they only present them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum

from align.alignment.beads import Bead
from align.detectors.base import Flag
from align.text.document import Document


class Status(str, Enum):
    """How much of one reference sentence a version carries."""

    full = "full"
    partial = "partial"
    missing = "missing"
    # A line with no word and no number (a separator "* * *", an OCR speck) that no version sentence carries:
    # nothing to miss, so it counts neither as missing nor in the reference's size.
    skipped = "skipped"


@dataclass(frozen=True)
class Match:
    """Reference sentences carried by version sentences (any sizes, any order; ids index the documents' sentences).

    `score` is the calibrated decision score (cosine of the joined texts minus the members' mean nearest-neighbour
    cosine); `cosine` is the plain cosine, kept for readers who want it.
    """

    reference: tuple[int, ...]
    version: tuple[int, ...]
    score: float
    cosine: float


@dataclass(frozen=True)
class CoverageCell:
    """One cell of the coverage matrix: reference sentence x version."""

    reference_id: int
    version: int  # index into Comparison.versions
    status: Status
    sentences: tuple[int, ...]  # version sentence ids that carry it (empty when missing)
    score: float | None  # decision score of what carries it; None when nothing does
    log_length: float | None = None  # log of (carrying text length / expected length); None when nothing carries it


@dataclass(frozen=True)
class VersionSummary:
    """Figures a reader wants first: how much of the reference this version carries, and what it adds."""

    reference_sentences: int
    full: int
    partial: int
    missing: int
    added: int
    version_sentences: int
    skipped: int = 0

    @property
    def content_sentences(self) -> int:
        """Reference sentences with something to carry (skipped lines left out)."""
        return self.reference_sentences - self.skipped

    @property
    def covered_share(self) -> float:
        """Share of reference sentences carried at least partly."""
        return (self.full + self.partial) / self.content_sentences if self.content_sentences else 0.0

    @property
    def full_share(self) -> float:
        return self.full / self.content_sentences if self.content_sentences else 0.0


@dataclass
class VersionComparison:
    """One version against the reference: its matches, its added sentences, and one coverage cell per reference
    sentence (in reference order)."""

    index: int
    document: Document
    matches: list[Match]
    added: list[int]
    cells: list[CoverageCell]
    flags: list[Flag] | None = None  # fragment flags in the matches (`--check`); None when not checked
    # False where the version reads as unrelated to the reference (median match score under the floor): its matches
    # are dropped, every reference sentence missing, every one of its sentences added.
    related: bool = True

    @property
    def beads(self) -> list[Bead]:
        """The matches as beads (reference = source side), the unit `align check`'s detectors look inside; a flag's
        `bead` is an index into `matches`."""
        return [Bead(m.reference, m.version, m.score) for m in self.matches]

    @property
    def summary(self) -> VersionSummary:
        counts = {status: 0 for status in Status}
        for cell in self.cells:
            counts[cell.status] += 1
        return VersionSummary(
            reference_sentences=len(self.cells),
            full=counts[Status.full],
            partial=counts[Status.partial],
            missing=counts[Status.missing],
            added=len(self.added),
            version_sentences=len(self.document.sentences),
            skipped=counts[Status.skipped],
        )


@dataclass
class Comparison:
    """The whole answer: the reference, every version's comparison, and the signature that reproduces it."""

    reference: Document
    versions: list[VersionComparison]
    signature: dict[str, object] = field(default_factory=dict)

    def row(self, reference_id: int) -> list[CoverageCell]:
        """The coverage matrix row of one reference sentence: one cell per version, in version order."""
        return [version.cells[reference_id] for version in self.versions]

    @property
    def rows(self) -> list[list[CoverageCell]]:
        return [self.row(i) for i in range(len(self.reference.sentences))]
