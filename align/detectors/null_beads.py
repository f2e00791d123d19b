"""missing_sentence and addition: a whole sentence on one side with no counterpart on the other.

Two ways a sentence ends up without one: the aligner leaves it alone in a null bead, or it joins it to a neighbour's
bead (a dropped sentence next to its neighbour's translation is a cheap 2-1 bead) where none of its words finds a
partner. The second is most of them: on bench/check_documents.py's dev documents the aligner joined about half of
the dropped sentences to a neighbour."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from align.alignment.words import UNSPACED_LANGUAGES, WordAlignment
from align.detectors.base import BeadView, Detector, Flag, SideText, sentence_key
from align.detectors.calibration import DetectorSettings
from align.detectors.gaps import target_gap_for_source
from align.detectors.lexicon import is_content_word
from align.detectors.untranslated import left_untranslated

# Raw score of a sentence alone in a null bead: the share of its words without a partner is all of them.
ALONE = 1.0


@dataclass(frozen=True)
class UnmatchedSentence:
    """A sentence of a joined bead whose content words are mostly without a partner on the other side."""

    start: int  # offsets into the bead side's text
    end: int
    unmatched_share: float


class MissingSentenceDetector(Detector):
    kind = "missing_sentence"

    def texts_to_embed(self, view: BeadView) -> list[str]:
        return _masking_texts(view, source_side=True)

    def detect(self, view: BeadView) -> list[Flag]:
        if not view.bead.source:
            return []
        message = "source sentence has no counterpart in the target"
        if not view.bead.target:
            if _is_noise(view.source.text):
                return []
            gap = _target_gap(view)
            span = view.source.file_span(0, len(view.source.text))
            return [Flag(self.kind, ALONE, view.index, span, (gap, gap), view.source.text, "", message)]
        flags = []
        for sentence in _unmatched_sentences(view, source_side=True):
            gap = target_gap_for_source(view, sentence.start, sentence.end)
            span = view.source.file_span(sentence.start, sentence.end)
            text = view.source.text[sentence.start : sentence.end]
            flags.append(Flag(self.kind, sentence.unmatched_share, view.index, span, (gap, gap), text, "", message))
        return flags


class AdditionDetector(Detector):
    kind = "addition"

    def texts_to_embed(self, view: BeadView) -> list[str]:
        return _masking_texts(view, source_side=False)

    def detect(self, view: BeadView) -> list[Flag]:
        if not view.bead.target:
            return []
        message = "target sentence has no counterpart in the source"
        if not view.bead.source:
            if _is_noise(view.target.text):
                return []
            if _repeated(view, view.target.text):
                return []  # a repeated sentence is the duplicate detector's case
            if left_untranslated(view):
                return []  # the untranslated detector's case
            span = view.target.file_span(0, len(view.target.text))
            return [Flag(self.kind, ALONE, view.index, None, span, "", view.target.text, message)]
        flags = []
        for sentence in _unmatched_sentences(view, source_side=False):
            text = view.target.text[sentence.start : sentence.end]
            if _repeated(view, text):
                continue
            span = view.target.file_span(sentence.start, sentence.end)
            flags.append(Flag(self.kind, sentence.unmatched_share, view.index, None, span, "", text, message))
        return flags


def _repeated(view: BeadView, text: str) -> bool:
    """Said twice in the target, whole or as part of a sentence just before: the duplicate detector's case."""
    key = sentence_key(text)
    return view.context.target_sentence_counts.get(key, 0) > 1 or key in view.context.target_part_of


def _unmatched_sentences(view: BeadView, source_side: bool) -> Iterator[UnmatchedSentence]:
    """The sentences of a joined bead's side whose words find no partner (_unlinked_sentences), unless the sentence
    encoder says otherwise: where cutting the sentence out leaves the side clearly less like the other side, its
    content is there, and the word aligner only missed the links (a free rendering of a short sentence)."""
    side, other = _sides(view, source_side)
    settings = view.context.settings
    for sentence in _unlinked_in(view, source_side):
        vectors = view.context.embed(_masking_triple(side, other, sentence))
        if vectors is not None:
            whole, cut, partner = vectors
            loss = float(whole @ partner - cut @ partner) * settings.omission_masking_weight
            if loss > settings.sentence_max_masking_loss:
                continue
        yield sentence


def _masking_texts(view: BeadView, source_side: bool) -> list[str]:
    if view.context.encode is None or not (view.bead.source and view.bead.target):
        return []
    side, other = _sides(view, source_side)
    return [text for sentence in _unlinked_in(view, source_side) for text in _masking_triple(side, other, sentence)]


def _sides(view: BeadView, source_side: bool) -> tuple[SideText, SideText]:
    return (view.source, view.target) if source_side else (view.target, view.source)


def _unlinked_in(view: BeadView, source_side: bool) -> list[UnmatchedSentence]:
    """_unlinked_sentences of the bead's side, found once: naming the texts to embed finds them before detect does."""
    key = "unlinked_source_sentences" if source_side else "unlinked_target_sentences"
    if key not in view.evidence:
        side, other = _sides(view, source_side)
        view.evidence[key] = list(_unlinked_sentences(side, other, view.words, view.context.settings, source_side))
    return view.evidence[key]  # type: ignore[return-value]


def _masking_triple(side: SideText, other: SideText, sentence: UnmatchedSentence) -> list[str]:
    """The side, the side without the sentence, and the other side."""
    return [side.text, (side.text[: sentence.start] + side.text[sentence.end :]).strip(), other.text]


def _unlinked_sentences(
    side: SideText, other: SideText, words: WordAlignment | None, settings: DetectorSettings, source_side: bool
) -> Iterator[UnmatchedSentence]:
    """Sentences of a side that holds several, where at least `sentence_min_unmatched_share` of their content words
    (and `sentence_min_content_words` of them) have no word link: argmax links are precise, so a translated
    sentence keeps most of its words linked even when a few are dropped. Not where either side is written without
    spaces: its "words" are clauses, few links are made, and most words of a faithful translation stay unlinked
    (MAC-Dev, Chinese/English: 803 false additions in 1,463 sentences before this test)."""
    if words is None or len(side.pieces) < 2 or not words.source or not words.target:
        return
    if side.lang in UNSPACED_LANGUAGES or other.lang in UNSPACED_LANGUAGES:
        return
    tokens = words.source if source_side else words.target
    linked = {link[0] if source_side else link[1] for link in words.plain_links()}
    starts = [start for start, _ in side.pieces] + [len(side.text) + 1]
    for start, next_start in zip(starts, starts[1:], strict=False):
        end = min(next_start - 1, len(side.text))
        if _is_noise(side.text[start:end]):
            continue
        content = [k for k, w in enumerate(tokens) if start <= w.start < end and is_content_word(w.text, side.lang)]
        if len(content) < settings.sentence_min_content_words:
            continue
        share = sum(k not in linked for k in content) / len(content)
        if share >= settings.sentence_min_unmatched_share:
            yield UnmatchedSentence(start, end, round(share, 4))


def _is_noise(text: str) -> bool:
    """Signature lines and stray symbols ("rja/dgp", "EFE") are not sentences anyone misses."""
    return sum(ch.isalpha() for ch in text) < 8 or len(text.split()) < 2


def _target_gap(view: BeadView) -> int:
    beads = view.context.beads
    for earlier in reversed(beads[: view.index]):
        if earlier.target:
            return view.context.target.sentences[earlier.target[-1]].end
    for later in beads[view.index + 1 :]:
        if later.target:
            return view.context.target.sentences[later.target[0]].start
    return 0
