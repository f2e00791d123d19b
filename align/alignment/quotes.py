"""Where quotations open and close: a boundary evidence that survives translation.

Dialogue and quoted speech keep their quotation marks in translation, whatever the marks look like (“ ” in Chinese,
' ' in a British English novel, « » in French). A quotation that runs over a sentence end on one side runs over
the matching sentence end on the other, so a bead whose two sides differ in the parity of their quotation marks
(one side closes a quotation the other leaves open) most likely has a boundary in the wrong place. Parity, not the
count or direction: a quote interrupted by "he said" adds two marks, a term quoted on one side only adds two, and
German „…“ closes with the mark English opens with; none of them changes a run's parity.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

import numpy as np

BeadRuns = tuple[tuple[int, ...], tuple[int, ...]]

_DOUBLE = re.compile('["“”„‟«»‹›「」『』﹁﹂﹃﹄＂]')
# A single mark between two letters is an apostrophe (it's, l'eau), not a quotation mark.
_SINGLE = re.compile(r"(?<![^\W\d_])['‘’‚‛]|['‘’‚‛](?![^\W\d_])")
_SINGLE_OPENING = re.compile(r"(?:^|\s)['‘’‚‛][^\W\d_]")


def quote_marks(texts: Sequence[str]) -> np.ndarray:
    """Prefix counts of quotation marks: entry k counts the marks in sentences 0..k-1 (length n + 1). Single marks
    count only on a side that quotes with them (more words open with one than double marks appear): elsewhere
    they are apostrophes, also where tokenised text spaces them off ("l' eau")."""
    doubles = [len(_DOUBLE.findall(text)) for text in texts]
    singles_quote = sum(len(_SINGLE_OPENING.findall(text)) for text in texts) > sum(doubles)
    marks = [d + (len(_SINGLE.findall(text)) if singles_quote else 0) for d, text in zip(doubles, texts, strict=True)]
    return np.concatenate([[0], np.cumsum(marks, dtype=np.int64)])


def quotes_comparable(source: Sequence[str], target: Sequence[str]) -> bool:
    """Both sides mark their quotations, about as often: OCR that lost one side's marks, or a translation that
    sets dialogue off with dashes, says nothing about where quotations end."""
    marks = sorted(int(quote_marks(texts)[-1]) for texts in (source, target))
    return marks[0] >= 2 and marks[0] >= marks[1] / 2


def quote_breaks(source: Sequence[str], target: Sequence[str]) -> Callable[[BeadRuns], int] | None:
    """Whether a bead of (source ids, target ids) breaks a quotation (1) or not (0), as the search counts it (an
    odd number of marks on one side only, an unaligned side counting none); None where the two documents'
    quotation marks do not compare."""
    if not quotes_comparable(source, target):
        return None
    source_marks, target_marks = quote_marks(source), quote_marks(target)

    def marks(prefix: np.ndarray, run: tuple[int, ...]) -> int:
        return int(prefix[run[-1] + 1] - prefix[run[0]]) if run else 0

    return lambda bead: (marks(source_marks, bead[0]) - marks(target_marks, bead[1])) % 2
