"""Punctuation that survives translation, read as evidence of where beads end.

Quotations. Dialogue and quoted speech keep their quotation marks in translation, whatever the marks look like
(“ ” in Chinese, ' ' in a British English novel, « » in French). A quotation that runs over a sentence end on one
side runs over the matching sentence end on the other, so a bead whose two sides differ in the parity of their
quotation marks (one side closes a quotation the other leaves open) most likely has a boundary in the wrong place.
Parity, not the count or direction: a quote interrupted by "he said" adds two marks, a term quoted on one side only
adds two, and German „…“ closes with the mark English opens with; none of them changes a run's parity.

Colons. A sentence that ends with a colon introduces what follows (a list, a quotation, the text under a label such
as "Technische Angaben :"), and its translation ends with one too: a bead whose last sentences do not both end so
has most likely cut an introduction from what it introduces.

Either cue counts only where both documents use it about as often: OCR that lost one side's quotation marks, a
translation that sets dialogue off with dashes, a style that runs a label into its text, say nothing.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np

BeadRuns = tuple[tuple[int, ...], tuple[int, ...]]

_DOUBLE = re.compile('["“”„‟«»‹›「」『』﹁﹂﹃﹄＂]')
# A single mark between two letters is an apostrophe (it's, l'eau), not a quotation mark.
_SINGLE = re.compile(r"(?<![^\W\d_])['‘’‚‛]|['‘’‚‛](?![^\W\d_])")
_SINGLE_OPENING = re.compile(r"(?:^|\s)['‘’‚‛][^\W\d_]")
_COLON_END = re.compile(r"[:：][\s\"'“”‘’«»‹›「」『』]*$")


@dataclass(frozen=True)
class Punctuation:
    """One document's cues: quote_marks[k] counts the quotation marks of sentences 0..k-1 (length n + 1);
    colon_ends[k] says whether sentence k ends with a colon (length n + 1, the last entry False)."""

    quote_marks: np.ndarray
    colon_ends: np.ndarray

    @classmethod
    def of(cls, texts: Sequence[str]) -> Punctuation:
        """Single marks count as quotation marks only on a side that quotes with them (more words open with one
        than double marks appear): elsewhere they are apostrophes, also where tokenised text spaces them off
        ("l' eau")."""
        doubles = [len(_DOUBLE.findall(text)) for text in texts]
        singles_quote = sum(len(_SINGLE_OPENING.findall(text)) for text in texts) > sum(doubles)
        marks = [d + (len(_SINGLE.findall(t)) if singles_quote else 0) for d, t in zip(doubles, texts, strict=True)]
        colons = [bool(_COLON_END.search(text.rstrip())) for text in texts] + [False]
        return cls(np.concatenate([[0], np.cumsum(marks, dtype=np.int64)]), np.array(colons, dtype=bool))

    @classmethod
    def none(cls, count: int) -> Punctuation:
        return cls(np.zeros(count + 1, dtype=np.int64), np.zeros(count + 1, dtype=bool))

    def quote_count(self) -> int:
        return int(self.quote_marks[-1])

    def colon_count(self) -> int:
        return int(self.colon_ends.sum())


def comparable(source: int, target: int) -> bool:
    """Both documents use a cue, about as often (the rarer side at least half as often, and twice)."""
    fewer, more = sorted((source, target))
    return fewer >= 2 and fewer >= more / 2


def quotation_breaks(source: Punctuation, target: Punctuation) -> Callable[[BeadRuns], int]:
    """Whether a bead of (source ids, target ids) breaks a quotation (1) or not (0), as the search counts it: an odd
    number of quotation marks on one side only, an unaligned side holding none."""

    def marks(prefix: np.ndarray, run: tuple[int, ...]) -> int:
        return int(prefix[run[-1] + 1] - prefix[run[0]]) if run else 0

    return lambda bead: (marks(source.quote_marks, bead[0]) - marks(target.quote_marks, bead[1])) % 2
