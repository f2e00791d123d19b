"""Vectors and lengths of runs of consecutive sentences, the units a bead compares.

A run's vector is either embedded from its joined text (exact, costly) or composed from its sentences' vectors
(free); `SpanTable` serves both behind one lookup so the search does not care which.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import numpy as np

from align.encoders.base import normalise_rows

EmbedTexts = Callable[[list[str]], np.ndarray]


class SpanTable:
    """Per run size k, a padded matrix whose row `start + pad` is the run start..start+k-1 (zeros outside)."""

    def __init__(
        self,
        vectors: np.ndarray,
        lengths: Sequence[float],
        max_size: int,
        texts: Sequence[str] | None = None,
        embed: EmbedTexts | None = None,
    ) -> None:
        self.count = len(vectors)
        self.max_size = max_size
        self.pad = 2 * max_size + 1
        self.dim = vectors.shape[1]
        self._texts = texts
        self._embed = embed
        self._embedded: set[tuple[int, int]] = set()
        n = self.count
        self.lengths = np.zeros((max_size + 1, n + 2 * self.pad), dtype=np.float64)
        cumulative_length = np.concatenate([[0.0], np.cumsum(np.asarray(lengths, dtype=np.float64))])
        # A run's composed vector weighs each sentence by its length: mean pooling over the joined text's tokens
        # would, and it measured better than an unweighted sum (Text+Berg and MAC dev, use-m3).
        weights = np.asarray(lengths, dtype=np.float64)[:, None]
        cumulative_vector = np.concatenate(
            [np.zeros((1, self.dim)), np.cumsum(vectors * weights, axis=0, dtype=np.float64)]
        )
        self.vectors: list[np.ndarray] = [np.zeros((n + 2 * self.pad, self.dim), dtype=np.float32)]
        for size in range(1, max_size + 1):
            table = np.zeros((n + 2 * self.pad, self.dim), dtype=np.float32)
            runs = n - size + 1
            if runs > 0:
                summed = cumulative_vector[size:] - cumulative_vector[:runs]
                table[self.pad : self.pad + runs] = vectors if size == 1 else normalise_rows(summed)
                self.lengths[size, self.pad : self.pad + runs] = cumulative_length[size:] - cumulative_length[:runs]
            self.vectors.append(table)

    def valid(self, size: int, starts: np.ndarray) -> np.ndarray:
        return (starts >= 0) & (starts + size <= self.count)

    def is_embedded(self, start: int, size: int) -> bool:
        return size == 1 or (start, size) in self._embedded

    def embed_runs(self, runs: Sequence[tuple[int, int]]) -> int:
        """Replace composed vectors of these (start, size) runs by embeddings of their joined text."""
        if self._embed is None or self._texts is None:
            return 0
        wanted = sorted({(s, k) for s, k in runs if k > 1 and s >= 0 and s + k <= self.count})
        if not wanted:
            return 0
        joined = [" ".join(self._texts[s : s + k]) for s, k in wanted]
        embedded = self._embed(joined)
        for (start, size), vector in zip(wanted, embedded, strict=True):
            self.vectors[size][start + self.pad] = vector
        self._embedded.update(wanted)
        return len(wanted)

    def downsampled(self, factor: int) -> SpanTable:
        """Block means of sentence vectors: a coarse document to find the path through before the fine search."""
        n = self.count
        blocks = (n + factor - 1) // factor
        sentence_vectors = self.vectors[1][self.pad : self.pad + n]
        sentence_lengths = self.lengths[1][self.pad : self.pad + n]
        padded = np.zeros((blocks * factor, self.dim), dtype=np.float32)
        padded[:n] = sentence_vectors
        block_vectors = normalise_rows(padded.reshape(blocks, factor, self.dim).sum(axis=1))
        padded_lengths = np.zeros(blocks * factor)
        padded_lengths[:n] = sentence_lengths
        return SpanTable(block_vectors, padded_lengths.reshape(blocks, factor).sum(axis=1), 1)
