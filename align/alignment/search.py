"""Monotonic bead search: dynamic programming restricted to a band of cells, so cost grows with the band, not N x M.

Cell (i, j) means "the first i source and j target sentences are aligned". A bead of sizes (a, b) moves from
(i - a, j - b) to (i, j) and earns a score; the best-scoring path from (0, 0) to (N, M) is the alignment.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
from numpy.lib.stride_tricks import sliding_window_view

from align.alignment.colons import colon_breaks
from align.alignment.spans import SpanTable

NEG = -1e18
_CHUNK_ROWS = 512  # rows scored together ...
_CHUNK_CELLS = 1 << 18  # ... while rows x the columns they span stay under this (the target runs read at once)
_TILE_ROWS = 32  # band rows whose similarities one matrix product computes


@dataclass(frozen=True)
class ScoreParams:
    """Everything that changes a bead's score; part of every output's signature."""

    skip: float = -0.1  # score of the first sentence of a run left unaligned ...
    skip_extend: float | None = None  # ... and of each further one (None: the same; runs of OCR debris, captions)
    margin: float = 1.0
    length_ratio: float = 1.0  # target chars per source char, to compare lengths across scripts
    # What a bead is measured against where it has no neighbour on either side (short texts): the mean cosine of
    # sentences that do not translate each other (sentence_aligner.background_similarity).
    background: float = 0.0
    # Taken off a bead whose last sentences do not both end with a colon, where the cue counts (alignment/colons.py).
    colon_break: float = 0.0


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
    # The lowest / highest centre within `width` rows either side (the ends repeated past the edges).
    lo = sliding_window_view(np.pad(centre_lo, width, mode="edge"), 2 * width + 1).min(axis=1) - width
    hi = sliding_window_view(np.pad(centre_hi, width, mode="edge"), 2 * width + 1).max(axis=1) + width + 1
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
    cache: ScoreCache | None = None,
) -> list[PathStep]:
    """Best monotonic path through the band; returns the beads in order as steps ending at (i, j). With a cache,
    a search of the same band again rescores only what the runs embedded since touch."""
    n, m = src.count, tgt.count
    extend = params.skip if params.skip_extend is None else params.skip_extend
    # Every row's cells sit end to end in flat arrays (row i at offsets[i]), so a row reads the rows it builds on
    # with one gather through indices computed a chunk of rows at a time: row by row, numpy's per-call overhead
    # on rows a few dozen cells wide was most of the search. Scores are only read `reach` rows back, so they live
    # in a ring of as many cells as any reach + 1 consecutive rows hold (cell k at k % ring); moves, gains and gap
    # flags, which the backtrace reads, are kept for every cell.
    widths = band.hi - band.lo
    offsets = np.concatenate([[0], np.cumsum(widths)])
    cells = int(offsets[-1])
    reach = max(a for a, _ in types)
    ring = int((offsets[1:] - offsets[np.maximum(np.arange(n + 1) - reach, 0)]).max())
    # Two more cells, read where a bead would start outside the band (NEG) or before the first row (-inf).
    outside, before_start = ring, ring + 1
    best_ring = np.empty(ring + 2)
    best_ring[outside], best_ring[before_start] = NEG, -np.inf
    moves = np.full(cells, -1, dtype=np.int16)
    gains = np.zeros(cells)
    # Gap states (Gotoh): the best score of paths whose last bead is a source-only / target-only sentence, and
    # whether that gap continues one from the previous cell, so a run of nulls can cost less per sentence.
    down_ring = np.full(ring + 2, NEG)
    down_continues = np.zeros(cells, dtype=bool)
    across_continues = np.zeros(cells, dtype=bool)
    vertical = (1, 0) in types
    horizontal = (0, 1) in types
    down_code = types.index((1, 0)) if vertical else -1
    across_code = types.index((0, 1)) if horizontal else -1
    grouped = _group_by_target_size([t for t in types if t != (1, 0)])
    # Every bead type that ends a sentence pair, in the order the chunk's score arrays list them: their candidate
    # totals are stacked and the best taken at once (argmax keeps the first of equals, as a strict `>` scan did).
    stacked = [(a, b) for b, sizes in grouped.items() for a in sizes]
    codes = np.array([types.index(t) for t in stacked], dtype=np.int16)
    cache = cache if cache is not None else ScoreCache(max_cells=0)
    cache.update(src, tgt, band, grouped, params)
    chunk = np.zeros(0)
    chunk_start = chunk_end = 0
    gather = up = np.zeros((0, 0, 0), dtype=np.int64)
    for i in range(n + 1):
        lo, hi, at = int(band.lo[i]), int(band.hi[i]), int(offsets[i])
        width = hi - lo
        if i >= chunk_end:
            chunk_start = i
            chunk_end, chunk = cache.chunk(src, tgt, band, i, grouped, params)
            shapes = stacked + [(1, 0)]
            gather = _gather_indices(band, offsets, ring, shapes, chunk_start, chunk_end, outside, before_start)
            gather, up = gather[:-1], gather[-1]
        row = slice(at, at + width)
        place = (at + np.arange(width)) % ring
        if i == 0:
            best = np.full(width, NEG)
            if lo == 0:
                best[0] = 0.0
            move = np.full(width, -1, dtype=np.int16)
        else:
            scores = chunk[:, i - chunk_start, :width]
            totals = best_ring[gather[:, i - chunk_start, :width]] + scores
            pick = totals.argmax(axis=0)
            columns = np.arange(width)
            best = totals[pick, columns]
            # A path into this cell exists only if some bead's total beats NEG (bead scores are far too small to
            # lift an unreachable NEG); otherwise the cell stays unreachable, as a start cell would.
            chosen = best > NEG
            best = np.where(chosen, best, NEG)
            move = np.where(chosen, codes[pick], -1).astype(np.int16)
            gains[row] = np.where(chosen, scores[pick, columns], 0.0)
            if vertical:
                previous = up[i - chunk_start, :width]
                opened = best_ring[previous] + params.skip
                continued = down_ring[previous] + extend
                down_continues[row] = continued > opened
                down = np.maximum(opened, continued)
                down_ring[place] = down
                better = down > best
                best = np.where(better, down, best)
                move = np.where(better, down_code, move)
        if horizontal:
            best, move, across_continues[row] = _horizontal(best, move, params.skip, extend, across_code)
        best_ring[place] = best
        moves[row] = move
    trail = _Trail(moves, gains, down_continues, across_continues, offsets, band.lo)
    return _backtrace(trail, types, n, m, params.skip, extend)


def _gather_indices(
    band: Band,
    offsets: np.ndarray,
    ring: int,
    shapes: list[tuple[int, int]],
    first: int,
    stop: int,
    outside: int,
    before_start: int,
) -> np.ndarray:
    """For rows first..stop-1, each bead shape (a, b) and each column of the row: where in the ring of scores the
    cell (i - a, j - b) the bead starts from sits; `outside` when that row's band does not hold the column, and
    `before_start` when the bead would start before the first row. Shape (shapes, rows, widest row)."""
    rows = np.arange(first, stop)
    width = int((band.hi[first:stop] - band.lo[first:stop]).max())
    cols = band.lo[first:stop, None] + np.arange(width)[None, :]
    out = np.empty((len(shapes), len(rows), width), dtype=np.int64)
    for k, (a, b) in enumerate(shapes):
        start_rows = rows - a
        exists = start_rows >= 0
        safe = np.maximum(start_rows, 0)
        start_cols = cols - b
        index = start_cols - band.lo[safe][:, None]
        inside = (index >= 0) & (index < (band.hi[safe] - band.lo[safe])[:, None])
        flat = (offsets[safe][:, None] + index) % ring
        out[k] = np.where(exists[:, None], np.where(inside, flat, outside), before_start)
    return out


def _group_by_target_size(types: list[tuple[int, int]]) -> dict[int, list[int]]:
    grouped: dict[int, list[int]] = {}
    for a, b in types:
        if a > 0:
            grouped.setdefault(b, []).append(a)
    return grouped


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


def _chunk_end(band: Band, first: int, n: int) -> int:
    """Rows first..end-1 are scored together, chosen so the chunk's column span stays small."""
    stop = min(first + _CHUNK_ROWS, n + 1)
    spans = np.maximum.accumulate(band.hi[first:stop]) - np.minimum.accumulate(band.lo[first:stop])
    cells = spans * np.arange(1, stop - first + 1)
    return first + max(int(np.searchsorted(cells > _CHUNK_CELLS, True)), min(8, stop - first))


def _chunk_scores(
    src: SpanTable,
    tgt: SpanTable,
    band: Band,
    chunk: tuple[int, int],
    grouped: dict[int, list[int]],
    params: ScoreParams,
    rows_from: int | None = None,
    rows_to: int | None = None,
    target_sizes: list[int] | None = None,
) -> dict[int, np.ndarray]:
    """Bead scores of the chunk's rows (or of rows rows_from..rows_to-1 of it, for the target sizes given), per
    target size b > 0: (len(sizes), rows, width) arrays.

    Scoring row by row spent its time in numpy call overhead on short band rows; one matrix product per tile of
    rows does the same arithmetic at once. A part of a chunk is scored with the chunk's own column layout, so
    its values are the very ones the whole chunk gets."""
    first, last = chunk
    lo, hi = band.lo[first:last], band.hi[first:last]
    width = int((hi - lo).max())
    union_lo, union_hi = int(lo.min()), int(hi.max())
    part = slice((rows_from if rows_from is not None else first) - first, (rows_to or last) - first)
    rows = np.arange(first, last)[part]
    cols = lo[part, None] + np.arange(width)[None, :]  # (rows, width)
    inside = cols < hi[part, None]
    return {
        b: _scores_for_target_size(src, tgt, rows, cols, inside, union_lo, union_hi, b, sizes, params)
        for b, sizes in grouped.items()
        if b > 0 and (target_sizes is None or b in target_sizes)
    }


@dataclass
class ScoreCache:
    """Bead scores of one band kept from one search to the next. The aligner searches the same band again after
    embedding a few joined runs; only the tiles of rows whose scores read a changed run are scored again."""

    max_cells: int = 1 << 23  # scores kept at most (8 bytes each): beyond, chunks are scored afresh each time
    band: Band | None = None
    chunks: dict[int, tuple[int, np.ndarray]] = field(default_factory=dict)  # first row -> (end, stacked scores)
    seen: tuple[int, int] = (0, 0)  # how many of each side's changed runs the kept scores include

    def chunk(self, src, tgt, band, first, grouped, params) -> tuple[int, np.ndarray]:
        kept = self.chunks.get(first)
        if kept is not None:
            return kept
        end = _chunk_end(band, first, src.count)
        by_size = _chunk_scores(src, tgt, band, (first, end), grouped, params)
        stacked = np.concatenate([by_size[b] for b in grouped])
        if stacked.size + sum(c.size for _, c in self.chunks.values()) <= self.max_cells:
            self.chunks[first] = (end, stacked)
        return end, stacked

    def update(self, src: SpanTable, tgt: SpanTable, band: Band, grouped: dict[int, list[int]], params) -> None:
        """Forget another band's scores; rescore the tiles the runs embedded since the last search touch."""
        if band is not self.band:
            self.band, self.chunks = band, {}
            self.seen = (len(src.changes), len(tgt.changes))
            return
        src_runs, tgt_runs = src.changes[self.seen[0] :], tgt.changes[self.seen[1] :]
        self.seen = (len(src.changes), len(tgt.changes))
        if not self.chunks or not (src_runs or tgt_runs):
            return
        touched = _rows_reading(src_runs, tgt_runs, band, list(grouped))  # target size -> rows
        order = list(grouped)  # the stacked scores list target sizes in this order, each with its source sizes
        offsets = {b: sum(len(grouped[c]) for c in order[: order.index(b)]) for b in order}
        for first, (end, stacked) in list(self.chunks.items()):
            tiles = {
                b: np.unique((rows[(rows >= first) & (rows < end)] - first) // _TILE_ROWS)
                for b, rows in touched.items()
            }
            if sum(len(t) for t in tiles.values()) * 2 > len(grouped) * -(-(end - first) // _TILE_ROWS):
                del self.chunks[first]  # most of it changed: scored afresh, in one go, when the search gets there
                continue
            for b, numbers in tiles.items():
                for number in numbers:
                    tile = first + int(number) * _TILE_ROWS
                    stop = min(tile + _TILE_ROWS, end)
                    fresh = _chunk_scores(src, tgt, band, (first, end), grouped, params, tile, stop, [b])[b]
                    stacked[offsets[b] : offsets[b] + len(grouped[b]), tile - first : stop - first] = fresh


def _rows_reading(
    src_runs: list[tuple[int, int]], tgt_runs: list[tuple[int, int]], band: Band, target_sizes: list[int]
) -> dict[int, np.ndarray]:
    """Per target size b, the band rows whose scores for it read one of these runs (as a bead's run, or the run
    before or after it): a source run's three rows, for every b; every row whose band meets a target run's three
    columns, for its own size."""
    source_rows = np.array([start + k * size for start, size in src_runs for k in range(3)], dtype=np.int64)
    monotone = bool(np.all(np.diff(band.lo) >= 0) and np.all(np.diff(band.hi) >= 0))
    found: dict[int, list[np.ndarray]] = {b: [source_rows] for b in target_sizes}
    for start, size in tgt_runs:
        if size not in found:
            continue
        if monotone:  # bands follow a monotone path, so the rows meeting columns start..start+2b are a range
            first = int(np.searchsorted(band.hi, start, side="right"))
            stop = int(np.searchsorted(band.lo, start + 2 * size, side="right"))
            found[size].append(np.arange(first, stop))
        else:
            found[size].append(np.nonzero((band.hi > start) & (band.lo <= start + 2 * size))[0])
    return {b: np.concatenate(rows) for b, rows in found.items()}


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
    out = np.full((len(sizes), len(rows), cols.shape[1]), NEG)
    # The colon cue reads only each bead's last sentences, the same for every source size: computed once.
    colon_penalty: np.ndarray | float = 0.0
    if params.colon_break and src.colons is not None and tgt.colons is not None:
        last_source, last_target = np.clip(rows - 1, 0, n - 1), np.clip(cols - 1, 0, m - 1)
        colon_penalty = params.colon_break * colon_breaks(src.colons, tgt.colons, last_source, last_target)
    for k, a in enumerate(sizes):
        # Source runs starting first-2a .. last: row i's bead run starts at i-a, the runs before and after it at
        # i-2a and i.
        runs = src.vectors[a][first - 2 * a + src.pad : last + src.pad].astype(np.float64)
        at = (np.minimum(centre_at, limit), np.minimum(left_at, limit), np.minimum(right_at, limit))
        centre, tgt_left, tgt_right, src_left, src_right = _banded_sims(runs, a, block64, *at)
        tgt_count = left_ok + right_ok
        tgt_neighbours = (tgt_left * left_ok + tgt_right * right_ok) / np.maximum(tgt_count, 1)
        src_left_ok = (rows - 2 * a >= 0).astype(np.float64)[:, None]
        src_right_ok = (rows + a <= n).astype(np.float64)[:, None]
        src_count = src_left_ok + src_right_ok
        src_neighbours = (src_left * src_left_ok + src_right * src_right_ok) / np.maximum(src_count, 1)
        # The sides that have neighbours speak; a bead with none (a run as long as a short text) is measured
        # against the background, or it would score its bare cosine and beat the split beads beside it.
        tgt_has, src_has = tgt_count > 0, src_count > 0
        sides = tgt_has.astype(np.float64) + src_has
        margin = np.where(
            sides > 0,
            (tgt_neighbours * tgt_has + src_neighbours * src_has) / np.maximum(sides, 1),
            params.background,
        )
        src_at = np.clip(rows - a + src.pad, 0, src.lengths.shape[1] - 1)
        src_len = src.lengths[a][src_at][:, None] * params.length_ratio
        shorter = np.minimum(src_len, tgt_len)
        longer = np.maximum(np.maximum(src_len, tgt_len), 1e-9)
        agreement = np.log2(1.0 + shorter / longer)
        score = (centre - params.margin * margin) * agreement - colon_penalty
        out[k] = np.where(valid & (rows >= a)[:, None], score, NEG)
    return out


def _banded_sims(
    runs: np.ndarray, a: int, block: np.ndarray, centre_at: np.ndarray, left_at: np.ndarray, right_at: np.ndarray
) -> tuple[np.ndarray, ...]:
    """Cosines a bead score reads, per (row, column): source run against target run, against the target runs
    before and after it, and the source runs before and after against the target run.

    runs: source runs of size a, from 2a before the first row's; block: target runs, indexed by the *_at arrays
    (rows, width). All five are entries of one source-run x target-run matrix, and a band row needs only a few
    dozen target runs, so rows go a tile at a time, each tile's runs against the target runs it spans (one product
    over a chunk's whole span computed ten times too much, three products per tile three times)."""
    rows, width = centre_at.shape
    centre, tgt_left, tgt_right, src_left, src_right = (np.empty((rows, width)) for _ in range(5))
    for first in range(0, rows, _TILE_ROWS):
        last = min(first + _TILE_ROWS, rows)
        lo, hi = int(left_at[first:last].min()), int(right_at[first:last].max()) + 1
        # In float64 the products of float32 vectors are exact and only the sums round, far below what a bead
        # score shows: a float32 product rounds differently with the BLAS thread count, and batch workers run one.
        sims = runs[first : last + 2 * a] @ block[lo:hi].T
        tile = np.arange(last - first)[:, None]
        at_centre = centre_at[first:last] - lo
        centre[first:last] = sims[tile + a, at_centre]
        tgt_left[first:last] = sims[tile + a, left_at[first:last] - lo]
        tgt_right[first:last] = sims[tile + a, right_at[first:last] - lo]
        src_left[first:last] = sims[tile, at_centre]
        src_right[first:last] = sims[tile + 2 * a, at_centre]
    return centre, tgt_left, tgt_right, src_left, src_right


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


@dataclass(frozen=True)
class _Trail:
    """What the backtrace reads, per cell in the search's flat order."""

    moves: np.ndarray
    gains: np.ndarray
    down_continues: np.ndarray
    across_continues: np.ndarray
    offsets: np.ndarray
    lo: np.ndarray


def _backtrace(trail: _Trail, types, n: int, m: int, skip: float, extend: float) -> list[PathStep]:
    """Follow the stored moves back from (N, M); inside a run of nulls, stay in the gap until where it opened.
    A null's score comes from its gap flag (opened: skip, continued: extend), so `gains` holds bead scores only."""
    i, j = n, m
    steps: list[PathStep] = []
    gap_flags = {}
    if (1, 0) in types:
        gap_flags[types.index((1, 0))] = trail.down_continues
    if (0, 1) in types:
        gap_flags[types.index((0, 1))] = trail.across_continues
    gap = -1  # the move code of the run of nulls being followed back, or -1 when following the best path
    while i > 0 or j > 0:
        cell = int(trail.offsets[i]) + j - int(trail.lo[i])
        code = gap if gap >= 0 else int(trail.moves[cell])
        if code < 0:
            raise RuntimeError("alignment search lost its path; the band does not connect start and end")
        a, b = types[code]
        if code in gap_flags:
            continues = bool(gap_flags[code][cell])
            score = extend if continues else skip
            gap = code if continues else -1
        else:
            score = trail.gains[cell]
        steps.append(PathStep(i, j, a, b, float(score)))
        i, j = i - a, j - b
    steps.reverse()
    return steps
