"""moved: a sentence whose translation is elsewhere in the other text, out of the order the alignment follows.

Why: the sentence alignment is monotonic, so a paragraph an editor moved (or a wire service transposed) leaves its
sentences unaligned on both sides, and the check said the source sentences had no counterpart and the target ones
no source: both false, since the content is there. Here the document's missing and added sentences are paired
where one translates the other as well as the document's own aligned pairs do, and each such pair is reported
once, as moved, with both places.

"As well as the document's own pairs": the cosine of the two sentences must lie well above the cosine of the
document's unrelated sentences, part of the way to its aligned ones (both read off a sample of its 1-1 beads), so
the bar follows the language pair and the sentence encoder; and each must be the other's best match in the whole
of the other document, so two sentences that only share a topic (each closer to some aligned sentence) stay missing
and added. Both must say something too (a few content words each): the cosines of short lines ("Aber, o weh:" /
"Enfin, en bas:") are too loose to tell a translation by.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from align.alignment.beads import Bead
from align.alignment.sentence_aligner import background_similarity
from align.alignment.words import split_words
from align.detectors.base import CheckContext, Flag
from align.detectors.lexicon import is_content_word
from align.text.document import Document

KIND = "moved"
_SAMPLED_PAIRS = 64  # 1-1 beads whose cosines set the bar (evenly spaced over the document)


def paired_as_moved(flags: list[Flag], context: CheckContext) -> list[Flag]:
    """The flags with each missing sentence and added sentence that translate each other replaced by one `moved`
    flag (in the missing sentence's place); unchanged without an encoder or without both kinds."""
    source, target, encode, settings = context.source, context.target, context.encode, context.settings
    least = settings.moved_min_content_words
    missing = [
        k
        for k, f in enumerate(flags)
        if f.kind == "missing_sentence" and _content_words(f.source_text, source.lang) >= least
    ]
    added = [
        k for k, f in enumerate(flags) if f.kind == "addition" and _content_words(f.target_text, target.lang) >= least
    ]
    if encode is None or not missing or not added:
        return flags
    bar = _bar(source, target, context.beads, encode, settings.moved_min_share)
    if bar is None:
        return flags
    vectors = encode([flags[k].source_text for k in missing] + [flags[k].target_text for k in added])
    similarity = vectors[: len(missing)] @ vectors[len(missing) :].T
    candidates = _mutual_best(similarity, bar)
    if candidates:  # each must also be the other's best match in the whole document, not only among these
        everywhere = encode(source.sentence_texts + target.sentence_texts)
        sentences = everywhere[: len(source.sentences)], everywhere[len(source.sentences) :]
        spans = [flags[k].source_span for k in missing], [flags[k].target_span for k in added]
        candidates = [
            (row, column)
            for row, column in candidates
            if _best_anywhere(vectors[row], similarity[row, column], sentences[1], target, spans[1][column])
            and _best_anywhere(
                vectors[len(missing) + column], similarity[row, column], sentences[0], source, spans[0][row]
            )
        ]
    replaced: dict[int, Flag] = {}
    dropped: set[int] = set()
    for row, column in candidates:
        gone, came = flags[missing[row]], flags[added[column]]
        message = (
            "source sentence moved: its translation stands elsewhere in the target, "
            f"\u201c{_opening(came.target_text)}\u201d (cosine {similarity[row, column]:.2f})"
        )
        replaced[missing[row]] = Flag(
            KIND,
            settings.moved_confidence,
            gone.bead,
            gone.source_span,
            came.target_span,
            gone.source_text,
            came.target_text,
            message,
        )
        dropped.add(added[column])
    return [replaced.get(k, flag) for k, flag in enumerate(flags) if k not in dropped]


def _bar(
    source: Document,
    target: Document,
    beads: list[Bead],
    encode: Callable[[list[str]], np.ndarray],
    share: float,
) -> float | None:
    """The cosine a moved pair must reach: `share` of the way from the document's unrelated sentences (their mean
    cosine) to its aligned ones (the median cosine of its 1-1 beads). None where it has fewer than three 1-1 beads,
    too few to say what its pairs look like. Both levels are read off the document: they differ between language
    pairs and encoders, and a damaged document's 1-1 beads include wrong ones, so no low quantile of theirs is safe."""
    pairs = [bead for bead in beads if len(bead.source) == 1 and len(bead.target) == 1]
    if len(pairs) < 3:
        return None
    pairs = pairs[:: max(1, -(-len(pairs) // _SAMPLED_PAIRS))]
    vectors = encode(
        [source.sentences[b.source[0]].text for b in pairs] + [target.sentences[b.target[0]].text for b in pairs]
    )
    sources, targets = vectors[: len(pairs)], vectors[len(pairs) :]
    aligned = float(np.median(np.sum(sources * targets, axis=1)))
    unrelated = background_similarity(sources, targets)
    return unrelated + share * (aligned - unrelated)


def _best_anywhere(
    vector: np.ndarray, cosine: float, others: np.ndarray, document: Document, own: tuple[int, int] | None
) -> bool:
    """Whether no sentence of the other document outside the partner's own place matches this text better: a
    text that only shares a topic with its partner reads closer still to some aligned sentence."""
    own_ids = document.sentences_within(own)
    outside = [k for k, s in enumerate(document.sentences) if s.id not in own_ids]
    return not outside or float((others[outside] @ vector).max()) <= cosine


def _mutual_best(similarity: np.ndarray, bar: float) -> list[tuple[int, int]]:
    """Rows and columns that are each other's best match, at or above the bar."""
    best_column = similarity.argmax(axis=1)
    best_row = similarity.argmax(axis=0)
    return [
        (row, int(column))
        for row, column in enumerate(best_column)
        if best_row[column] == row and similarity[row, column] >= bar
    ]


def _content_words(text: str, lang: str) -> int:
    return sum(is_content_word(word.text, lang) for word in split_words(text, lang))


def _opening(text: str, words: int = 8) -> str:
    """The first words of a sentence, to say where it stands (without an opening quotation mark of its own)."""
    parts = text.lstrip("\"'\u201c\u201d\u201e\u2018\u2019\u00ab\u00bb\u2039\u203a\u300c\u300e ").split()
    return " ".join(parts[:words]) + (" \u2026" if len(parts) > words else "")
