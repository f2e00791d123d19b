"""Vectors and lengths of runs of consecutive sentences, the units a bead compares.

A run's vector is embedded from its joined text (exact, costly), composed by the encoder from what encoding each
sentence left behind (use-m3: near exact, cheap), or averaged from its sentences' vectors (free, poorer);
`SpanTable` serves them all behind one lookup so the search does not care which.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable, Sequence

import numpy as np

from align.alignment.colons import ColonEndings
from align.encoders.base import JoinedRuns, normalise_rows

EmbedTexts = Callable[[list[str]], np.ndarray]
_BLOCK = 2048  # run starts composed at a time
_BLOCKS_KEPT = 6  # a row's band rarely spans more than two blocks; a long insertion may span a few more


class SpanTable:
    """Per run size k, a padded table whose row `start + pad` is the run start..start+k-1 (zeros outside).

    Size 1 is a real matrix of the sentence vectors; larger sizes are `RunVectors`, composed a block at a time
    when the search reaches them.
    """

    def __init__(
        self,
        vectors: np.ndarray,
        lengths: Sequence[float],
        max_size: int,
        texts: Sequence[str] | None = None,
        embed: EmbedTexts | None = None,
        composed: JoinedRuns | None = None,
        colons: ColonEndings | None = None,
    ) -> None:
        self.count = len(vectors)
        self.max_size = max_size
        self.pad = 2 * max_size + 1
        self.dim = vectors.shape[1]
        self._texts = texts
        self._embed = embed
        self._embedded: set[tuple[int, int]] = set()
        self.changes: list[tuple[int, int]] = []  # runs embedded, in order (the search rescores what they touch)
        # Where sentences end with a colon, read against the other document (alignment/colons.py).
        self.colons = colons
        n = self.count
        self.lengths = np.zeros((max_size + 1, n + 2 * self.pad), dtype=np.float64)
        cumulative_length = np.concatenate([[0.0], np.cumsum(np.asarray(lengths, dtype=np.float64))])
        for size in range(1, max_size + 1):
            runs = n - size + 1
            if runs > 0:
                self.lengths[size, self.pad : self.pad + runs] = cumulative_length[size:] - cumulative_length[:runs]
        sentences = np.zeros((n + 2 * self.pad, self.dim), dtype=np.float32)
        sentences[self.pad : self.pad + n] = vectors
        composer = _RunComposer(
            sentences[self.pad : self.pad + n], np.asarray(lengths, dtype=np.float64), max_size, composed
        )
        self._composer = composer
        # Index 0 (no sentences) is never looked up.
        self.vectors: list[np.ndarray | RunVectors] = [sentences, sentences]
        self.vectors.extend(RunVectors(composer, size, self.pad) for size in range(2, max_size + 1))

    def valid(self, size: int, starts: np.ndarray) -> np.ndarray:
        return (starts >= 0) & (starts + size <= self.count)

    def is_embedded(self, start: int, size: int) -> bool:
        composed = self._composer.composed
        if composed is not None and size > 1:
            return composed.is_exact(start, size)
        return size == 1 or (start, size) in self._embedded

    def embed_runs(self, runs: Sequence[tuple[int, int]]) -> int:
        """Replace composed vectors of these (start, size) runs by embeddings of their joined text."""
        return embed_runs_together([(self, runs)])

    def _wanted(self, runs: Sequence[tuple[int, int]]) -> list[tuple[int, int]]:
        if self._embed is None or self._texts is None:
            return []
        return sorted({(s, k) for s, k in runs if k > 1 and s >= 0 and s + k <= self.count})

    def refine_composed(self, runs: Sequence[tuple[int, int]]) -> int:
        """Where the encoder composes joined runs: compute the seams these runs cross exactly, and mark every run
        across a changed seam for rescoring. Returns how many seams changed."""
        composed = self._composer.composed
        if composed is None:
            return 0
        seams = [s + q for s, k in runs if k > 1 and s >= 0 and s + k <= self.count for q in range(k - 1)]
        changed = composed.refine_seams(np.array(seams, dtype=np.int64))
        touched = sorted(
            {
                (start, size)
                for seam in changed.tolist()
                for size in range(2, self.max_size + 1)
                for start in range(max(seam - size + 2, 0), min(seam, self.count - size) + 1)
            }
        )
        self._composer.recompose(touched)
        self.changes.extend(touched)
        return len(changed)

    def _store(self, runs: list[tuple[int, int]], vectors: np.ndarray) -> None:
        for (start, size), vector in zip(runs, vectors, strict=True):
            self.vectors[size][start + self.pad] = vector
        self._embedded.update(runs)
        self.changes.extend(runs)

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


def embed_runs_together(requests: Sequence[tuple[SpanTable, Sequence[tuple[int, int]]]]) -> int:
    """Embed the joined text of runs of both documents in one encoder call (the first table's encoder): a call
    of a few texts leaves threads idle while the longest finishes, and the aligner asks for a few at a time.
    Tables whose encoder composes joined runs compute the seams instead."""
    refined = sum(table.refine_composed(runs) for table, runs in requests)
    wanted = [(table, table._wanted(runs)) for table, runs in requests]
    texts = [" ".join(table._texts[s : s + k]) for table, runs in wanted for s, k in runs]  # type: ignore[index]
    if not texts:
        return refined
    embed = next(table._embed for table, runs in wanted if runs)
    vectors = embed(texts)  # type: ignore[misc]
    at = 0
    for table, runs in wanted:
        table._store(runs, vectors[at : at + len(runs)])
        at += len(runs)
    return len(texts)


class _RunComposer:
    """Composed run vectors, a block of run starts at a time, bit for bit what one whole-document pass gives.

    A run's vector weighs each sentence by its length: mean pooling over the joined text's tokens would, and it
    measured better than an unweighted sum (Text+Berg and MAC dev, use-m3). Whole-document tables of them took
    200 MB per run size and side at 100k sentences, plus float64 running sums five times that while building; here
    only the float64 running sum at each block start is kept (carrying it across blocks is what makes every value
    identical to one cumulative sum over the document), and the search, which walks the document in order, keeps
    the few blocks it is in.
    """

    def __init__(
        self, vectors: np.ndarray, lengths: np.ndarray, max_size: int, composed: JoinedRuns | None = None
    ) -> None:
        self.vectors, self.lengths, self.max_size = vectors, lengths, max_size
        self.composed = composed  # the encoder's own composition of joined text, used instead when given
        self.count, self.dim = vectors.shape
        self.overrides: dict[tuple[int, int], np.ndarray] = {}  # (start, size) -> an embedded run vector
        self._blocks: OrderedDict[int, dict[int, np.ndarray]] = OrderedDict()
        self._carries: list[np.ndarray] = []
        carry = np.zeros((1, self.dim), dtype=np.float64)
        for first in range(0, self.count if composed is None else 0, _BLOCK):
            self._carries.append(carry)
            weighted = vectors[first : first + _BLOCK] * lengths[first : first + _BLOCK, None]
            carry = np.cumsum(np.concatenate([carry, weighted]), axis=0)[-1:]

    def block(self, index: int) -> dict[int, np.ndarray]:
        """Run size -> (runs, dim) vectors of the runs starting in block `index`."""
        if index in self._blocks:
            self._blocks.move_to_end(index)
            return self._blocks[index]
        n, first = self.count, index * _BLOCK
        last = min(first + _BLOCK, n)
        made: dict[int, np.ndarray] = {}
        if self.composed is not None:
            for size in range(2, self.max_size + 1):
                starts = np.arange(first, max(min(last, n - size + 1), first))
                made[size] = self.composed.vectors(starts, size).astype(np.float32)
        else:
            stop = min(last + self.max_size - 1, n)
            weighted = self.vectors[first:stop] * self.lengths[first:stop, None]
            running = np.cumsum(np.concatenate([self._carries[index], weighted]), axis=0)  # rows before first + r
            for size in range(2, self.max_size + 1):
                starts = max(min(last, n - size + 1) - first, 0)
                made[size] = normalise_rows(running[size : size + starts] - running[:starts])
        for (start, size), vector in self.overrides.items():
            if first <= start < last:
                made[size][start - first] = vector
        self._blocks[index] = made
        if len(self._blocks) > _BLOCKS_KEPT:
            self._blocks.popitem(last=False)
        return made

    def set(self, start: int, size: int, vector: np.ndarray) -> None:
        self.overrides[(start, size)] = np.asarray(vector, dtype=np.float32)
        self._blocks.pop(start // _BLOCK, None)

    def recompose(self, runs: list[tuple[int, int]]) -> None:
        """Compose these runs again in the blocks kept (their seams changed); other blocks compose afresh."""
        assert self.composed is not None
        for size in range(2, self.max_size + 1):
            starts = np.array([start for start, k in runs if k == size and start // _BLOCK in self._blocks], dtype=int)
            if len(starts):
                vectors = self.composed.vectors(starts, size).astype(np.float32)
                for start, vector in zip(starts.tolist(), vectors, strict=True):
                    self._blocks[start // _BLOCK][size][start % _BLOCK] = vector


class RunVectors:
    """The padded table of one run size, as the search indexes it: `table[row]` and `table[a:b]` (zeros outside)."""

    def __init__(self, composer: _RunComposer, size: int, pad: int) -> None:
        self._composer, self._size, self._pad = composer, size, pad
        self._runs = max(composer.count - size + 1, 0)

    def __len__(self) -> int:
        return self._composer.count + 2 * self._pad

    def __getitem__(self, key: int | slice) -> np.ndarray:
        if isinstance(key, slice):
            first, stop, step = key.indices(len(self))
            assert step == 1, "run tables are read in contiguous slices"
            return self._rows(first - self._pad, max(stop - first, 0))
        return self._rows(key - self._pad, 1)[0]

    def __setitem__(self, row: int, vector: np.ndarray) -> None:
        self._composer.set(row - self._pad, self._size, vector)

    def _rows(self, start: int, count: int) -> np.ndarray:
        """Vectors of the runs starting at start..start+count-1; a view into a block when it lies inside one."""
        lo, hi = max(start, 0), min(start + count, self._runs)
        if lo < hi and lo // _BLOCK == (hi - 1) // _BLOCK and lo == start and hi == start + count:
            block = lo // _BLOCK
            return self._composer.block(block)[self._size][lo - block * _BLOCK : hi - block * _BLOCK]
        out = np.zeros((count, self._composer.dim), dtype=np.float32)
        position = lo
        while position < hi:
            block = position // _BLOCK
            end = min(hi, (block + 1) * _BLOCK)
            out[position - start : end - start] = self._composer.block(block)[self._size][
                position - block * _BLOCK : end - block * _BLOCK
            ]
            position = end
        return out
