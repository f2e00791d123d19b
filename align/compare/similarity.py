"""Nearest neighbours between two sentence sets, computed in row blocks so memory stays linear in the inputs.

The matcher never needs the whole reference x version matrix: only each sentence's few best partners on the other
side (the candidates) and the mean similarity of its k nearest neighbours (the margin baseline of Artetxe & Schwenk,
which turns a raw cosine into "how much better than this sentence's usual neighbours").
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np


@dataclass(frozen=True)
class Neighbours:
    """Top-k partners of every row of one side, best first, with their cosines."""

    index: np.ndarray  # (rows, k) int64; -1 where the other side has fewer than k sentences
    sims: np.ndarray  # (rows, k) float32; -inf where index is -1

    def knn_mean(self, k: int, background: float) -> np.ndarray:
        """Mean cosine of each row's k nearest partners: the baseline its best partner must clear.

        When the other side has fewer than k sentences, the missing neighbours count as `background` (the cosine of
        a typical unrelated neighbour), so a one-sentence version is judged as if it had ordinary neighbours instead
        of its only partner being its own baseline."""
        k = max(1, min(k, self.sims.shape[1]))
        top = np.where(np.isfinite(self.sims), self.sims, background)
        # Copies of one sentence on the other side ("(Applause)" after every speech) are one neighbour, not k rival
        # ones: counted k times, a sentence's own partner became its baseline and it matched nothing. A copy has the
        # very same cosine as the partner before it in the sorted row; it counts as a typical unrelated neighbour.
        repeats = np.zeros(top.shape, dtype=bool)
        repeats[:, 1:] = np.isfinite(self.sims[:, 1:]) & (self.sims[:, 1:] == self.sims[:, :-1])
        top = np.where(repeats, background, top)[:, :k]
        return top.mean(axis=1).astype(np.float32)


def nearest_both_ways(
    ref: np.ndarray, ver: np.ndarray, k: int, block_rows: int = 1024
) -> tuple[Neighbours, Neighbours]:
    """Top-k version partners of every reference row and top-k reference partners of every version row.

    Rows of the similarity matrix are produced `block_rows` at a time and reduced at once, so peak memory is
    block_rows x len(ver) floats instead of len(ref) x len(ver).
    """
    n, m = len(ref), len(ver)
    k_ref, k_ver = min(k, m), min(k, n)
    ref_index = np.full((n, k), -1, dtype=np.int64)
    ref_sims = np.full((n, k), -np.inf, dtype=np.float32)
    col_index = np.full((k_ver, m), -1, dtype=np.int64)
    col_sims = np.full((k_ver, m), -np.inf, dtype=np.float32)
    for start in range(0, n, block_rows):
        stop = min(start + block_rows, n)
        sims = ref[start:stop] @ ver.T  # (b, m)
        if k_ref:
            top = _top_k(sims, k_ref, axis=1)
            ref_index[start:stop, :k_ref] = top
            ref_sims[start:stop, :k_ref] = np.take_along_axis(sims, top, axis=1)
        if k_ver:
            block_top = _top_k(sims, min(k_ver, stop - start), axis=0)  # (k', m) row offsets within block
            merged_sims = np.concatenate([col_sims, np.take_along_axis(sims, block_top, axis=0)])
            merged_index = np.concatenate([col_index, block_top + start])
            keep = _top_k(merged_sims, k_ver, axis=0)
            col_sims = np.take_along_axis(merged_sims, keep, axis=0)
            col_index = np.take_along_axis(merged_index, keep, axis=0)
    ver_index = np.full((m, k), -1, dtype=np.int64)
    ver_sims = np.full((m, k), -np.inf, dtype=np.float32)
    ver_index[:, :k_ver] = col_index.T
    ver_sims[:, :k_ver] = col_sims.T
    return Neighbours(ref_index, ref_sims), Neighbours(ver_index, ver_sims)


def _top_k(values: np.ndarray, k: int, axis: int) -> np.ndarray:
    """Indices of the k largest values along an axis, sorted best first (argpartition, then a small sort)."""
    size = values.shape[axis]
    if k < size:
        part = np.argpartition(-values, k - 1, axis=axis)
        part = part[:, :k] if axis == 1 else part[:k, :]
    else:
        part = np.broadcast_to(
            np.arange(size).reshape((1, -1) if axis == 1 else (-1, 1)), values.shape
        ).copy()
    order = np.argsort(-np.take_along_axis(values, part, axis=axis), axis=axis, kind="stable")
    return np.take_along_axis(part, order, axis=axis)
