"""The one interface every embedding backend implements, so aligners and detectors never care which model runs."""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Protocol

import numpy as np

from align.errors import AlignError

Progress = Callable[[int], None]


@dataclass(frozen=True)
class EncoderInfo:
    name: str
    dim: int
    languages: frozenset[str] | None  # None: unknown, accept any
    licence: str
    description: str


class JoinedRuns(Protocol):
    """Vectors of runs of consecutive sentences of one document, as if their joined text had been encoded."""

    def vectors(self, starts: np.ndarray, size: int) -> np.ndarray:
        """L2-normalised rows for the runs starts[i] .. starts[i] + size - 1 (all inside the document)."""
        ...

    def refine_seams(self, seams: np.ndarray) -> np.ndarray:
        """Make the runs across these seams (k: between sentences k and k + 1) exact, where they were estimated;
        returns the seams that changed."""
        ...

    def is_exact(self, start: int, size: int) -> bool:
        """Whether the run's vector is as exact as it gets (every seam it crosses computed)."""
        ...


class Encoder(ABC):
    info: EncoderInfo

    @abstractmethod
    def encode(self, texts: Sequence[str], progress: Progress | None = None) -> np.ndarray:
        """L2-normalised float32 rows, one per text; `progress` is called with the number of texts done."""

    def encode_document(
        self, sentences: Sequence[str], progress: Progress | None = None
    ) -> tuple[np.ndarray, JoinedRuns | None]:
        """The sentences' vectors, and, from encoders that can compose them from what encoding each sentence once
        leaves behind, the vectors of runs of consecutive sentences (None: joined text must be encoded)."""
        return self.encode(sentences, progress), None

    def check_language(self, lang: str, name: str) -> None:
        option = "--model (e5-small covers about 100 languages)" if self.info.name != "e5-small" else "--model"
        require_language(lang, name, self.info.languages, f"model {self.info.name}", option)


class LanguageNotCovered(AlignError):
    """A model cannot read a document's language; the default model hands such pairs to one that can."""

    def __init__(self, message: str, lang: str) -> None:
        super().__init__(message)
        self.lang = lang


def require_language(lang: str, name: str, languages: frozenset[str] | None, model: str, option: str) -> None:
    """One line naming the file, the model and what it covers, when `lang` is not among `languages` (None: any)."""
    if languages is not None and lang not in languages:
        raise LanguageNotCovered(
            f"{name}: language '{lang}' is not covered by {model} "
            f"(it covers: {', '.join(sorted(languages))}); choose another with {option}",
            lang,
        )


def normalise_rows(vectors: np.ndarray) -> np.ndarray:
    vectors = np.asarray(vectors, dtype=np.float32)
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    return vectors / np.maximum(norms, 1e-12)


def length_sorted_batches(texts: Sequence[str], batch_size: int) -> list[list[int]]:
    """Batches of similar length waste less padding, and padding slightly changes some models' outputs."""
    order = sorted(range(len(texts)), key=lambda i: len(texts[i]))
    return [order[i : i + batch_size] for i in range(0, len(order), batch_size)]
