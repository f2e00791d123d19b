"""Monotonic bead search: dynamic programming restricted to a band of cells, so cost grows with the band, not N x M.

Cell (i, j) means "the first i source and j target sentences are aligned". A bead of sizes (a, b) moves from
(i - a, j - b) to (i, j) and earns a score; the best-scoring path from (0, 0) to (N, M) is the alignment.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from scipy.ndimage import maximum_filter1d, minimum_filter1d

from align.alignment.spans import SpanTable

NEG = -1e18
_CHUNK_ROWS = 512  # rows scored together ...
_CHUNK_CELLS = 1 << 18  # ... while rows x the columns they span stay under this (a few MB of similarities)


@dataclass(frozen=True)
class ScoreParams:
    """Everything that changes a bead's score; part of every output's signature."""

    skip: float = -0.1  # score of the first sentence of a run left unaligned ...
    skip_extend: float | None = None  # ... and of each further one (None: the same; runs of OCR debris, captions)
    margin: float = 1.0
    length_ratio: float = 1.0  # target chars per source char, to compare lengths across scripts


@dataclass(frozen=True)
class Band:
    """Allowed columns [lo[i], hi[i]) for every row i = 0..N."""

    lo: np.ndarray
    hi: np.ndarray

    @property
    def cells(self) -> int:
        return int(np.sum(self.hi - self.lo))


def full_band(rows: int, cols: int) -> Band:
    return Band(np.zeros(rows + 1, dtype=np.int64), np.full(rows + 1, cols + 1, dtype=np.int64))


def band_around(points: list[tuple[int, int]], rows: int, cols: int, width: int) -> Band:
    """Cells within `width` rows and columns of the piecewise-linear path through `points`."""
    pts = np.array(sorted(set(points) | {(0, 0), (rows, cols)}), dtype=np.float64)
    row_index = np.arange(rows + 1)
    centre_lo = np.full(rows + 1, np.inf)
    centre_hi = np.full(rows + 1, -np.inf)
    for (r0, c0), (r1, c1) in zip(pts[:-1], pts[1:], strict=True):
        if r1 == r0:
            r = int(r0)
            centre_lo[r] = min(centre_lo[r], c0, c1)
            centre_hi[r] = max(centre_hi[r], c0, c1)
            continue
        span = row_index[int(r0) : int(r1) + 1]
        interp = c0 + (span - r0) * (c1 - c0) / (r1 - r0)
        centre_lo[span] = np.minimum(centre_lo[span], np.floor(interp))
        centre_hi[span] = np.maximum(centre_hi[span], np.ceil(interp))
    size = 2 * width + 1
    lo = minimum_filter1d(centre_lo, size=size, mode="nearest") - width
    hi = maximum_filter1d(centre_hi, size=size, mode="nearest") + width + 1
    lo = np.clip(lo, 0, cols).astype(np.int64)
    hi = np.clip(hi, 1, cols + 1).astype(np.int64)
    return Band(lo, hi)


@dataclass(frozen=True)
class PathStep:
    i: int
    j: int
    a: int
    b: int
    score: float


def search(
    src: SpanTable,
    tgt: SpanTable,
    types: list[tuple[int, int]],
    band: Band,
    params: ScoreParams,
) -> list[PathStep]:
    """Best monotonic path through the band; returns the beads in order as steps ending at (i, j)."""
    n, m = src.count, tgt.count
    extend = params.skip if params.skip_extend is None else params.skip_extend
    # Only the last `reach` rows of scores are ever looked back at; moves and gains are kept for the backtrace.
    reach = max(a for a, _ in types)
    rows: dict[int, np.ndarray] = {}
    moves: list[np.ndarray] = []
    gains: list[np.ndarray] = []
    # Gap states (Gotoh): the best score of paths whose last bead is a source-only / target-only sentence, and
    # whether that gap continues one from the previous cell, so a run of nulls can cost less per sentence.
    vertical = (1, 0) in types
    horizontal = (0, 1) in types
    grouped = _group_by_target_size([t for t in types if t != (1, 0)])
    # Every bead type that ends a sentence pair, in the order the chunk's score arrays list them: their candidate
    # totals are stacked and the best taken at once (argmax keeps the first of equals, as a strict `>` scan did).
    stacked = [(a, b) for b, sizes in grouped.items() for a in sizes]
    codes = np.array([types.index(t) for t in stacked], dtype=np.int16)
    shifts_by_size: dict[int, tuple[np.ndarray, np.ndarray]] = {}
    for a in sorted({a for a, _ in stacked}):
        where = np.array([k for k, t in enumerate(stacked) if t[0] == a])
        shifts_by_size[a] = where, np.array([stacked[k][1] for k in where])
    gap_rows: list[tuple[np.ndarray, np.ndarray]] = []
    chunk = np.zeros(0)
    chunk_start = chunk_end = 0
    down = None
    for i in range(n + 1):
        rows.pop(i - reach - 1, None)
        lo, hi = int(band.lo[i]), int(band.hi[i])
        if i >= chunk_end:
            chunk_start = i
            chunk_end, by_size = _chunk_scores(src, tgt, i, band, grouped, params)
            chunk = np.concatenate([by_size[b] for b in grouped])
        cols = np.arange(lo, hi)
        start = np.full(hi - lo, NEG)
        if i == 0 and lo == 0:
            start[0] = 0.0
        scores = chunk[:, i - chunk_start, : hi - lo]
        previous = np.full((len(stacked), hi - lo), -np.inf)  # a bead longer than the rows so far: never
        for a, (where, shifts) in shifts_by_size.items():
            if a <= i:
                previous[where] = _previous(rows[i - a], band.lo[i - a], cols[None, :] - shifts[:, None])
        totals = np.vstack([start[None, :], previous + scores])
        pick = totals.argmax(axis=0)
        columns = np.arange(hi - lo)
        best = totals[pick, columns]
        chosen = pick > 0
        move = np.where(chosen, codes[np.maximum(pick - 1, 0)], -1).astype(np.int16)
        gain = np.where(chosen, scores[np.maximum(pick - 1, 0), columns], 0.0)
        down_continues = np.zeros(hi - lo, dtype=bool)
        if vertical and i > 0:
            opened = _previous(rows[i - 1], band.lo[i - 1], cols) + params.skip
            continued = _previous(down, band.lo[i - 1], cols) + extend
            down_continues = continued > opened
            down = np.maximum(opened, continued)
            better = down > best
            best = np.where(better, down, best)
            move = np.where(better, types.index((1, 0)), move)
        elif vertical:
            down = np.full(hi - lo, NEG)
        across_continues = np.zeros(hi - lo, dtype=bool)
        if horizontal:
            best, move, across_continues = _horizontal(best, move, params.skip, extend, types.index((0, 1)))
        rows[i] = best
        moves.append(move)
        gains.append(gain)
        gap_rows.append((down_continues, across_continues))
    return _backtrace(moves, gains, gap_rows, band, types, n, m, params.skip, extend)


def _group_by_target_size(types: list[tuple[int, int]]) -> dict[int, list[int]]:
    grouped: dict[int, list[int]] = {}
    for a, b in types:
        if a > 0:
            grouped.setdefault(b, []).append(a)
    return grouped


def _previous(prev_row: np.ndarray, prev_lo: int, prev_cols: np.ndarray) -> np.ndarray:
    """The scores of an earlier row at the given columns (any shape); NEG where that row's band does not reach."""
    index = prev_cols - prev_lo
    inside = (index >= 0) & (index < len(prev_row))
    out = np.full(prev_cols.shape, NEG)
    out[inside] = prev_row[index[inside]]
    return out


def _horizontal(best: np.ndarray, move: np.ndarray, skip: float, extend: float, code: int):
    """Target-only beads chain along a row: a gap opened at column k and run to j scores
    best[k] + skip + extend * (j - k - 1); the best such k for every j is a running maximum."""
    positions = np.arange(len(best))
    running = np.maximum.accumulate(best - extend * positions)
    # across[j]: the best path into column j whose last bead is target-only (a gap opened at some k < j).
    across = np.concatenate([[NEG], running[:-1] + extend * positions[1:] + (skip - extend)])
    opened = np.concatenate([[NEG], best[:-1] + skip])
    continues = across > opened + 1e-12
    better = across > best + 1e-12
    best = np.where(better, across, best)
    move = np.where(better, code, move)
    return best, move, continues


def _chunk_scores(
    src: SpanTable, tgt: SpanTable, first: int, band: Band, grouped: dict[int, list[int]], params: ScoreParams
) -> tuple[int, dict[int, np.ndarray]]:
    """Bead scores for rows first..end-1, per target size b > 0: (len(sizes), rows, width) arrays; returns end.

    Scoring row by row spent its time in numpy call overhead on short band rows; one matrix product per chunk and
    query kind does the same arithmetic at once. Rows are chosen so the chunk's column span stays small."""
    n = src.count
    stop = min(first + _CHUNK_ROWS, n + 1)
    spans = np.maximum.accumulate(band.hi[first:stop]) - np.minimum.accumulate(band.lo[first:stop])
    cells = spans * np.arange(1, stop - first + 1)
    last = first + max(int(np.searchsorted(cells > _CHUNK_CELLS, True)), min(8, stop - first))
    rows = np.arange(first, last)
    lo, hi = band.lo[first:last], band.hi[first:last]
    width = int((hi - lo).max())
    union_lo, union_hi = int(lo.min()), int(hi.max())
    cols = lo[:, None] + np.arange(width)[None, :]  # (rows, width)
    inside = cols < hi[:, None]
    return last, {
        b: _scores_for_target_size(src, tgt, rows, cols, inside, union_lo, union_hi, b, sizes, params)
        for b, sizes in grouped.items()
        if b > 0
    }


def _scores_for_target_size(
    src: SpanTable,
    tgt: SpanTable,
    rows: np.ndarray,
    cols: np.ndarray,
    inside: np.ndarray,
    union_lo: int,
    union_hi: int,
    b: int,
    sizes: list[int],
    params: ScoreParams,
) -> np.ndarray:
    """Margin-corrected cosine x length agreement of beads (a, b) ending at (row, col), for every a in sizes."""
    n, m = src.count, tgt.count
    first, last = int(rows[0]), int(rows[-1]) + 1
    block = tgt.vectors[b][union_lo - 2 * b + tgt.pad : union_hi + tgt.pad]  # runs starting at union_lo-2b ..
    block64 = block.astype(np.float64)
    offset = cols - union_lo
    centre_at, left_at, right_at = offset + b, offset, offset + 2 * b
    limit = len(block) - 1
    tgt_start = cols - b
    valid = inside & (tgt_start >= 0)
    left_ok = (cols - 2 * b >= 0).astype(np.float64)
    right_ok = (cols + b <= m).astype(np.float64)
    tgt_len = tgt.lengths[b][np.clip(tgt_start + tgt.pad, 0, tgt.lengths.shape[1] - 1)]
    row_index = np.arange(len(rows))[:, None]
    out = np.full((len(sizes), len(rows), cols.shape[1]), NEG)
    for k, a in enumerate(sizes):
        table = src.vectors[a]
        queries = np.concatenate(
            [
                table[first - a + src.pad : last - a + src.pad],
                table[first - 2 * a + src.pad : last - 2 * a + src.pad],
                table[first + src.pad : last + src.pad],
            ]
        )
        # In float64 the products of float32 vectors are exact and only the sums round, far below what a bead score
        # shows: a float32 product rounds differently with the BLAS thread count, and batch workers run one thread.
        sims = queries.astype(np.float64) @ block64.T  # (3 * rows, len(block))
        count = len(rows)
        centre_sims, left_src, right_src = sims[:count], sims[count : 2 * count], sims[2 * count :]
        centre = centre_sims[row_index, np.minimum(centre_at, limit)]
        tgt_neighbours = (
            centre_sims[row_index, np.minimum(left_at, limit)] * left_ok
            + centre_sims[row_index, np.minimum(right_at, limit)] * right_ok
        ) / np.maximum(left_ok + right_ok, 1)
        src_left_ok = (rows - 2 * a >= 0).astype(np.float64)[:, None]
        src_right_ok = (rows + a <= n).astype(np.float64)[:, None]
        src_count = np.maximum(src_left_ok + src_right_ok, 1.0)
        src_neighbours = (
            left_src[row_index, np.minimum(centre_at, limit)] * src_left_ok
            + right_src[row_index, np.minimum(centre_at, limit)] * src_right_ok
        ) / src_count
        margin = (tgt_neighbours + src_neighbours) / 2
        src_at = np.clip(rows - a + src.pad, 0, src.lengths.shape[1] - 1)
        src_len = src.lengths[a][src_at][:, None] * params.length_ratio
        shorter = np.minimum(src_len, tgt_len)
        longer = np.maximum(np.maximum(src_len, tgt_len), 1e-9)
        agreement = np.log2(1.0 + shorter / longer)
        score = (centre - params.margin * margin) * agreement
        out[k] = np.where(valid & (rows >= a)[:, None], score, NEG)
    return out


def bead_score(
    src: SpanTable, tgt: SpanTable, runs: tuple[tuple[int, ...], tuple[int, ...]], params: ScoreParams
) -> float:
    """The score the search gives one bead (a null: the skip score), for beads settled after the search."""
    source, target = runs
    if not source or not target:
        return params.skip
    a, b = len(source), len(target)
    row, col = source[-1] + 1, target[-1] + 1
    cols = np.array([[col]])
    scores = _scores_for_target_size(src, tgt, np.array([row]), cols, cols >= 0, col, col + 1, b, [a], params)
    return float(scores[0, 0, 0])


def _backtrace(moves, gains, gap_rows, band: Band, types, n: int, m: int, skip: float, extend: float) -> list[PathStep]:
    """Follow the stored moves back from (N, M); inside a run of nulls, stay in the gap until where it opened.
    A null's score comes from its gap flag (opened: skip, continued: extend), so `gains` holds bead scores only."""
    i, j = n, m
    steps: list[PathStep] = []
    gap_codes = {types.index(t): side for side, t in enumerate([(1, 0), (0, 1)]) if t in types}
    gap = -1  # the move code of the run of nulls being followed back, or -1 when following the best path
    while i > 0 or j > 0:
        k = j - int(band.lo[i])
        code = gap if gap >= 0 else int(moves[i][k])
        if code < 0:
            raise RuntimeError("alignment search lost its path; the band does not connect start and end")
        a, b = types[code]
        if code in gap_codes:
            continues = bool(gap_rows[i][gap_codes[code]][k])
            score = extend if continues else skip
            gap = code if continues else -1
        else:
            score = gains[i][k]
        steps.append(PathStep(i, j, a, b, float(score)))
        i, j = i - a, j - b
    steps.reverse()
    return steps
