"""What every detector sees (a bead with its texts and word links) and what it returns (flags with spans)."""

from __future__ import annotations

import re
from abc import ABC, abstractmethod
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING, Protocol

import numpy as np

from align.alignment.beads import Bead
from align.alignment.words import Word, WordAlignment, split_words
from align.detectors.term_consistency import TermIndex
from align.text.document import Document

if TYPE_CHECKING:
    from align.detectors.calibration import DetectorSettings


@dataclass(frozen=True)
class SideText:
    """The sentences of one side of a bead joined by spaces, with a map back to offsets in the file."""

    text: str
    pieces: tuple[tuple[int, int], ...]  # (offset in `text`, offset in the file) where each sentence starts
    lang: str
    file_text: str = field(default="", repr=False)  # the whole file's text, which flag texts are cut from

    def file_offset(self, position: int) -> int:
        start_in_text, start_in_file = self._piece(position, 0)
        return start_in_file + (position - start_in_text)

    def text_offset(self, file_offset: int) -> int:
        """Where a file offset inside one of this side's sentences stands in `text` (file_offset's inverse)."""
        start_in_text, start_in_file = self._piece(file_offset, 1)
        return start_in_text + (file_offset - start_in_file)

    def _piece(self, position: int, axis: int) -> tuple[int, int]:
        """The (text, file) start of the sentence holding a position in `text` (axis 0) or in the file (axis 1)."""
        found = self.pieces[0] if self.pieces else (0, 0)
        for piece in self.pieces:
            if piece[axis] <= position:
                found = piece
        return found

    def file_span(self, start: int, end: int) -> tuple[int, int]:
        """File offsets of the stretch [start, end) of this side's text."""
        return self.file_offset(start), self.file_offset(end)

    @staticmethod
    def of(document: Document, ids: tuple[int, ...]) -> SideText:
        parts: list[str] = []
        pieces: list[tuple[int, int]] = []
        position = 0
        for i in ids:
            sentence = document.sentences[i]
            raw = document.text[sentence.start : sentence.end].replace("\n", " ")
            pieces.append((position, sentence.start))
            parts.append(raw)
            position += len(raw) + 1
        return SideText(" ".join(parts), tuple(pieces), document.lang, document.text)

    def within_one_passage(self, start: int, end: int) -> int:
        """`end`, or the end of the sentence `start` is in where the sentences of the span do not follow each other
        in the file (`compare` matches a version sentence to reference sentences 0 and 2): a span across the
        join would take in the file's sentence 1."""
        for (here, here_file), (after, after_file) in zip(self.pieces, self.pieces[1:], strict=False):
            own_end = after - 1  # the joining space
            if here <= start < after and end > own_end:
                between = self.file_text[here_file + own_end - here : after_file]
                if between.strip():
                    return own_end
                start = after  # the next sentence follows in the file: the span may go on into it
        return end


@dataclass
class BeadView:
    """A bead as detectors need it: both texts, word links between them and the neighbouring context."""

    index: int
    bead: Bead
    source: SideText
    target: SideText
    words: WordAlignment | None
    context: CheckContext
    # What a detector worked out while naming the texts it will embed (Detector.texts_to_embed), kept for its detect.
    evidence: dict[str, object] = field(default_factory=dict)

    @property
    def compared_words(self) -> WordAlignment | None:
        """The word links, where the bead has words on both sides to compare (none for a null bead or an empty
        side)."""
        words = self.words
        if self.bead.is_null or words is None or not words.source or not words.target:
            return None
        return words


def sentence_key(text: str) -> str:
    """How target sentences are told apart when looking for repeats: case and spacing aside."""
    return " ".join(text.lower().split())


def repeated_parts(keys: Sequence[str], min_words: int, reach: int) -> dict[str, int]:
    """Sentences (their sentence_key, in document order) of at least `min_words` words said again, whole, inside one
    of the `reach` sentences before them, with the index of that sentence: a pasted repeat cut short (wire copy that
    says a sentence and then its first half again). Whole repeats are keyed elsewhere (target_first_seen)."""
    found: dict[str, int] = {}
    for k, key in enumerate(keys):
        words = _TRAILING_STOP.sub("", key)
        if len(words.split()) < min_words:
            continue
        inside = re.compile(rf"(?<!\w){re.escape(words)}(?!\w)")
        for earlier in range(k - 1, max(-1, k - 1 - reach), -1):
            if keys[earlier] != key and inside.search(keys[earlier]):
                found.setdefault(key, earlier)
                break
    return found


_TRAILING_STOP = re.compile(r"[\s.!?…。！？]+$")


class TranslationScorer(Protocol):
    """What the omission detector asks a translation model (align/encoders/translation_lm.py)."""

    name: str

    def reliefs(
        self, source: str, cut_sources: Sequence[str], target: str, source_lang: str, target_lang: str
    ) -> list[float]: ...


@dataclass
class CheckContext:
    """Document-level facts some detectors need (repeated passages, how well the pair aligns overall)."""

    source: Document
    target: Document
    beads: list[Bead]
    settings: DetectorSettings  # thresholds and calibration, of the word model that ran
    target_sentence_counts: dict[str, int] = field(default_factory=dict)
    encode: Callable[[list[str]], np.ndarray] | None = None  # sentence encoder, for masking evidence
    translation: TranslationScorer | None = None  # a translation model, for omission evidence
    # Indexes built once so that no detector rescans the document for every bead (quadratic on long documents):
    target_first_seen: dict[str, int] = field(default_factory=dict)  # normalised text -> first target sentence id
    # normalised text -> the sentence just before it that holds all of it ("... as soon as possible and not to
    # delay the reform." / "... as soon as possible."), see repeated_parts
    target_part_of: dict[str, int] = field(default_factory=dict)
    bead_of_target: dict[int, int] = field(default_factory=dict)  # target sentence id -> bead index

    # Sentence vectors fetched ahead for the beads being checked (see Detector.texts_to_embed).
    embedded: dict[str, np.ndarray] = field(default_factory=dict)

    def embed(self, texts: list[str]) -> np.ndarray | None:
        """Sentence vectors of the texts (None without an encoder), encoding only those not fetched ahead."""
        if self.encode is None or not texts:
            return None
        self.fetch(texts)
        return np.stack([self.embedded[t] for t in texts])

    def fetch(self, texts: list[str]) -> None:
        """Encode, in one call, the texts not embedded yet."""
        missing = list(dict.fromkeys(t for t in texts if t not in self.embedded))
        if missing and self.encode is not None:
            self.embedded.update(zip(missing, self.encode(missing), strict=True))

    @cached_property
    def terms(self) -> TermIndex:
        """Which beads each content word occurs in, per side (terms the document renders consistently)."""
        return TermIndex.of(self.source, self.target, self.beads)

    @cached_property
    def target_words(self) -> list[str]:
        """The target document's distinct whitespace-separated words."""
        return list(dict.fromkeys(self.target.text.split()))

    @cached_property
    def source_vocabulary(self) -> frozenset[str]:
        """The source document's words, lowercased (Chinese and Japanese segmented)."""
        return frozenset(w.text.lower() for w in split_words(self.source.text, self.source.lang))


@dataclass(frozen=True)
class Flag:
    kind: str
    confidence: float
    bead: int
    source_span: tuple[int, int] | None  # file offsets into the source's decoded text
    target_span: tuple[int, int] | None
    source_text: str
    target_text: str
    message: str


class Detector(ABC):
    kind: str

    @abstractmethod
    def detect(self, view: BeadView) -> list[Flag]:
        """Flags found inside one bead."""

    def texts_to_embed(self, view: BeadView) -> list[str]:
        """Sentence texts `detect` will embed: the check embeds those of many beads in one call, which the encoder
        runs side by side, before it runs the detectors bead by bead."""
        return []


def spans_overlap(one: tuple[int, int] | None, other: tuple[int, int] | None) -> bool:
    """Whether two flags' spans on one side share a character (a missing span shares none)."""
    return one is not None and other is not None and one[0] < other[1] and other[0] < one[1]


def span_of_words(side: SideText, words: list[Word], first: int, last: int) -> tuple[tuple[int, int], str]:
    """File span and text covering words first..last of a side (within one passage of the file); the text is the
    file's own, line breaks and all."""
    start = words[first].start
    end = side.within_one_passage(start, words[last].end)
    file_start, file_end = side.file_span(start, end)
    if not side.file_text:  # a side made without its file
        return (file_start, file_end), side.text[start:end]
    return (file_start, file_end), side.file_text[file_start:file_end]
