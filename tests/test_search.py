"""The bead search on vectors built by hand, so each decision it must make is known exactly."""

import numpy as np
import pytest

from align.alignment.beads import bead_types
from align.alignment.search import (
    ScoreCache,
    ScoreParams,
    _chunk_scores,
    _group_by_target_size,
    band_around,
    search,
)
from align.alignment.sentence_aligner import AlignerConfig, SideInput, align_sentences
from align.alignment.spans import SpanTable


def _orthonormal(count: int, dim: int = 64, seed: int = 0) -> np.ndarray:
    q, _ = np.linalg.qr(np.random.default_rng(seed).normal(size=(dim, count)))
    return q.T.astype(np.float32)


def _pairs(beads):
    return [(b.source, b.target) for b in beads]


def test_one_to_one_with_an_insertion_and_a_deletion():
    topics = _orthonormal(8)
    src = topics[[0, 1, 2, 3, 4, 5]]
    tgt = topics[[0, 1, 6, 2, 3, 5]]  # 6 is inserted, 4 is dropped
    texts_src = [f"source sentence number {i}" for i in range(6)]
    texts_tgt = [f"target sentence number {i}" for i in range(6)]
    beads = align_sentences(SideInput(texts_src, src), SideInput(texts_tgt, tgt), AlignerConfig(joins="composed"))
    assert _pairs(beads) == [
        ((0,), (0,)),
        ((1,), (1,)),
        ((), (2,)),
        ((2,), (3,)),
        ((3,), (4,)),
        ((4,), ()),
        ((5,), (5,)),
    ]


def test_a_sentence_split_in_two_becomes_a_one_to_two_bead():
    topics = _orthonormal(6)
    whole = topics[1] + topics[2]
    src = np.stack([topics[0], whole / np.linalg.norm(whole), topics[3], topics[4]])
    tgt = topics[[0, 1, 2, 3, 4]]
    texts_src = ["a" * 40, "b" * 80, "c" * 40, "d" * 40]
    texts_tgt = ["a" * 40, "b" * 40, "c" * 40, "d" * 40, "e" * 40]
    beads = align_sentences(SideInput(texts_src, src), SideInput(texts_tgt, tgt), AlignerConfig(joins="composed"))
    assert _pairs(beads) == [((0,), (0,)), ((1,), (1, 2)), ((2,), (3,)), ((3,), (4,))]


def test_a_short_text_is_not_merged_because_its_runs_have_no_neighbours():
    # An encoder like e5 puts unrelated sentences at cosine ~.8: a run as long as the text has no neighbour to be
    # measured against, so without a stand-in its bare cosine beat the margin scores of the 1-1 beads beside it.
    topics = _orthonormal(4)
    shared = topics[3]
    vectors = 0.9 * shared + 0.45 * topics[:3]
    vectors = (vectors / np.linalg.norm(vectors, axis=1, keepdims=True)).astype(np.float32)
    texts = ["x" * 40, "y" * 50, "z" * 45]
    beads = align_sentences(SideInput(texts, vectors), SideInput(texts, vectors), AlignerConfig(joins="composed"))
    assert _pairs(beads) == [((0,), (0,)), ((1,), (1,)), ((2,), (2,))]


@pytest.mark.parametrize("kept", [slice(0, 4), slice(6, 10), slice(3, 7)])  # cut short, its start lost, a middle
def test_a_translation_missing_most_of_the_original_leaves_the_rest_unaligned_instead_of_joining_it(kept):
    # The whole documents' length ratio (4 sentences against 10) made each source sentence look 2.5 times too long
    # for its translation, and joining an unpaired neighbour into every bead made the lengths agree.
    topics = _orthonormal(10)
    src_texts = ["s" * 40] * 10
    beads = align_sentences(
        SideInput(src_texts, topics), SideInput(["t" * 40] * 4, topics[kept]), AlignerConfig(joins="composed")
    )
    paired = [(i,) for i in range(10)[kept]]
    assert [b.source for b in beads if b.target] == paired
    assert sorted(i for b in beads if not b.target for i in b.source) == sorted(set(range(10)) - set(range(10)[kept]))


@pytest.mark.parametrize("dropped", [[1, 4, 9, 13], [1, 3, 5, 8, 10, 12, 14]])  # a quarter, near half, one at a time
def test_a_version_that_drops_sentences_here_and_there_keeps_them_unaligned(dropped):
    # Dropped one at a time, the missing sentences sit inside every stretch of pairs the first estimate reads, and
    # the search's first beads join some of them to a neighbour; the ratio of its 1-1 beads is the pair's own.
    topics = _orthonormal(16)
    lengths = [int(x) for x in np.random.default_rng(1).integers(30, 90, 16)]
    kept = [i for i in range(16) if i not in dropped]
    source = SideInput(["s" * n for n in lengths], topics)
    target = SideInput(["t" * lengths[i] for i in kept], topics[kept])
    beads = align_sentences(source, target, AlignerConfig(joins="composed"))
    assert [b.source for b in beads if b.target] == [(i,) for i in kept]


@pytest.mark.parametrize("max_cells", [20_000, 2_000])  # one coarse level; two (blocks of 8, then of 3)
def test_long_documents_take_the_coarse_to_fine_route_and_stay_correct(max_cells):
    n = 600
    topics = _orthonormal(n, dim=n + 8, seed=1)
    src = topics
    keep = [i for i in range(n) if i % 50 != 7]  # drop every 50th sentence from the target
    tgt = topics[keep]
    texts_src = ["x" * 50] * n
    texts_tgt = ["x" * 50] * len(keep)
    config = AlignerConfig(joins="composed", max_first_pass_cells=max_cells)  # forces the downsampled first pass
    beads = align_sentences(SideInput(texts_src, src), SideInput(texts_tgt, tgt), config)
    deleted = [b.source[0] for b in beads if not b.target]
    assert deleted == [i for i in range(n) if i % 50 == 7]
    assert sum(1 for b in beads if len(b.source) == 1 and len(b.target) == 1) == len(keep)


def test_empty_side_gives_null_beads():
    topics = _orthonormal(3)
    beads = align_sentences(SideInput(["a", "b"], topics[:2]), SideInput([], topics[:0]), AlignerConfig())
    assert _pairs(beads) == [((0,), ()), ((1,), ())]


def test_run_vectors_composed_by_block_equal_one_whole_document_pass():
    """The search reads run vectors composed a block at a time (bounded memory); they must be bit for bit what one
    cumulative sum over the whole document gives, across block edges, at the ends, and after an embedded run."""
    from align.alignment.spans import _BLOCK, SpanTable
    from align.encoders.base import normalise_rows

    n, dim, max_size = 2 * _BLOCK + 7, 16, 4
    rng = np.random.default_rng(3)
    vectors = normalise_rows(rng.normal(size=(n, dim)))
    lengths = rng.integers(1, 300, size=n).astype(np.float64)
    table = SpanTable(vectors, lengths, max_size)
    running = np.concatenate([np.zeros((1, dim)), np.cumsum(vectors * lengths[:, None], axis=0, dtype=np.float64)])
    pad = table.pad
    for size in range(2, max_size + 1):
        runs = n - size + 1
        expected = np.zeros((n + 2 * pad, dim), dtype=np.float32)
        expected[pad : pad + runs] = normalise_rows(running[size:] - running[:runs])
        whole = table.vectors[size][0 : n + 2 * pad]
        assert np.array_equal(whole, expected)
        for start in (0, _BLOCK - 3, _BLOCK + 1, n - 2):  # slices within a block, across an edge, past the end
            assert np.array_equal(table.vectors[size][start : start + 9], expected[start : start + 9])
            assert np.array_equal(table.vectors[size][start], expected[start])
    embedded = np.ones(dim, dtype=np.float32)
    table.vectors[3][_BLOCK + pad] = embedded
    assert np.array_equal(table.vectors[3][_BLOCK + pad - 1 : _BLOCK + pad + 2][1], embedded)


@pytest.mark.parametrize(
    ("skip", "opened", "extended"), [(-0.1, -0.1, -0.05), (-0.2, -0.2, -0.05), (-0.03, -0.03, -0.03)]
)
def test_a_long_run_of_debris_is_one_cheap_gap_not_a_reason_to_misalign(skip: float, opened: float, extended: float):
    """OCR'd captions and page furniture come in blocks; with a flat cost per unaligned sentence, putting weakly
    translated sentences on the debris (score about 0) is cheaper than skipping it all, and the true pairs are lost.
    A dearer gap (a complete translation's `--skip -0.2`) is extended at the same price; an extension never costs
    more than opening the gap."""
    topics = _orthonormal(60, dim=80)
    src = 0.25 * topics[:6] + np.sqrt(1 - 0.25**2) * topics[40:46]  # each a weak translation of its topic
    debris = list(range(6, 40))
    order = [0, 1, *debris, 2, 3, 4, 5]
    tgt = topics[order]
    texts_src = ["x" * 100] * 6
    texts_tgt = ["z" * 3 if k in debris else "y" * 100 for k in order]
    config = AlignerConfig(joins="composed", skip=skip)
    beads = align_sentences(SideInput(texts_src, src), SideInput(texts_tgt, tgt), config)
    for bead in beads:
        if bead.source:
            (i,) = bead.source
            assert order.index(i) in bead.target, (i, bead.target)
    nulls = [b.score for b in beads if not b.source]
    assert nulls[0] == opened and set(nulls[1:]) == {extended}  # one gap: opened once, then extended


def test_a_sentence_split_in_two_is_rejoined_when_its_halves_only_make_sense_together():
    """The path first leaves the second half unaligned (its composed vector with the first half is poor); embedding
    the text of the null sentence joined to its neighbour's run lets the search see the real two-to-one bead."""
    topics = _orthonormal(12)
    half = 0.6 * topics[2] + 0.8 * topics[9]  # the first half says part of sentence 2
    other = -0.5 * topics[2] + np.sqrt(0.75) * topics[10]  # the second half alone reads as something else
    src = topics[[0, 1, 2, 3, 4]]
    tgt = np.stack([topics[0], topics[1], half, other, topics[3], topics[4]]).astype(np.float32)
    texts_src = ["a" * 100, "b" * 100, "c" * 100, "d" * 100, "e" * 100]
    texts_tgt = ["A" * 100, "B" * 100, "C" * 50, "D" * 50, "E" * 100, "F" * 100]
    joined = {"C" * 50 + " " + "D" * 50: topics[2]}

    def embed(texts):
        return np.stack([joined.get(t, topics[11]) for t in texts]).astype(np.float32)

    composed = align_sentences(SideInput(texts_src, src), SideInput(texts_tgt, tgt), AlignerConfig(joins="composed"))
    assert ((2,), (2,)) in _pairs(composed) and ((), (3,)) in _pairs(composed)
    beads = align_sentences(SideInput(texts_src, src), SideInput(texts_tgt, tgt), AlignerConfig(joins="path"), embed)
    assert _pairs(beads) == [((0,), (0,)), ((1,), (1,)), ((2,), (2, 3)), ((3,), (4,)), ((4,), (5,))]


def test_word_evidence_moves_a_boundary_the_sentence_vectors_put_wrong():
    topics = _orthonormal(5)
    joined = topics[1] + topics[2] + 1.5 * topics[4]  # target 1 also says something neither source sentence does,
    src = topics[[0, 1, 2]]  # so the search is not confident of its 2-1 bead (score < 0.4)
    tgt = np.stack([topics[0], joined / np.linalg.norm(joined)])
    texts_src = ["w1 w2", "w3 w4", "w5 w6"]
    texts_tgt = ["w1 w2 w3 w4", "w5 w6"]
    basis = _orthonormal(8, dim=16, seed=1)

    def token_vectors(texts):
        return [np.stack([basis[int(word[1:])] for word in text.split()]) for text in texts]

    sides = SideInput(texts_src, src), SideInput(texts_tgt, tgt)
    off = AlignerConfig(joins="composed", word_boundaries=False)
    by_sentences = align_sentences(*sides, off, None, None, token_vectors)
    assert _pairs(by_sentences) == [((0,), (0,)), ((1, 2), (1,))]
    settled = align_sentences(*sides, AlignerConfig(joins="composed", word_boundaries=True), None, None, token_vectors)
    assert _pairs(settled) == [((0, 1), (0,)), ((2,), (1,))]
    assert all(np.isfinite(b.score) for b in settled)
    # The moved beads are scored again by the sentence vectors (source 2 is half of target 1).
    assert 0 < settled[1].score < by_sentences[1].score


def test_a_cached_search_after_embedding_runs_scores_exactly_as_a_fresh_one():
    rng = np.random.default_rng(3)
    n, m = 150, 170
    vectors_src = rng.normal(size=(n, 32)).astype(np.float32)
    vectors_tgt = rng.normal(size=(m, 32)).astype(np.float32)
    texts_src = [f"s{i}" for i in range(n)]
    texts_tgt = [f"t{j}" for j in range(m)]

    def embed(texts):  # a deterministic stand-in for an encoder: a vector drawn from the text's own seed
        rows = [np.random.default_rng(abs(hash(t)) % (1 << 32)).normal(size=32) for t in texts]
        return np.asarray(rows, dtype=np.float32)

    def tables():
        lengths_src, lengths_tgt = [20.0 + i % 7 for i in range(n)], [18.0 + j % 5 for j in range(m)]
        return SpanTable(vectors_src, lengths_src, 3, texts_src, embed), SpanTable(
            vectors_tgt, lengths_tgt, 3, texts_tgt, embed
        )

    types = bead_types(3, 4)
    band = band_around([(k * n // 10, k * m // 10) for k in range(11)], n, m, 8)
    params = ScoreParams()
    src, tgt = tables()
    cache = ScoreCache()
    search(src, tgt, types, band, params, cache)
    fresh_src, fresh_tgt = tables()
    # A few runs: the tiles of rows they touch are rescored in place; then runs all over both documents (at the
    # start, the middle and the end): most of the chunk is scored afresh.
    for src_runs, tgt_runs, in_place in (
        ([(40, 3)], [(90, 2)], True),
        ([(0, 2), (41, 2), (148, 2)], [(0, 3), (60, 2), (167, 3)], False),
    ):
        kept = cache.chunks[0][1]
        src.embed_runs(src_runs)
        tgt.embed_runs(tgt_runs)
        cached = search(src, tgt, types, band, params, cache)
        assert (cache.chunks[0][1] is kept) == in_place
        fresh_src.embed_runs(src_runs)
        fresh_tgt.embed_runs(tgt_runs)
        assert cached == search(fresh_src, fresh_tgt, types, band, params)
        grouped = _group_by_target_size([t for t in types if t != (1, 0)])
        for first, (end, stacked) in cache.chunks.items():
            by_size = _chunk_scores(fresh_src, fresh_tgt, band, (first, end), grouped, params)
            assert np.array_equal(stacked, np.concatenate([by_size[b] for b in grouped]))


def test_a_long_pair_says_which_stage_it_is_in():
    """38,000 sentences a side were aligned in silence for tens of seconds after their embedding bars."""
    rng = np.random.default_rng(1)
    vectors = rng.normal(size=(2100, 32)).astype(np.float32)
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    texts = [f"sentence {i}" for i in range(2100)]
    said: list[str] = []
    align_sentences(
        SideInput(texts, vectors), SideInput(texts, vectors), AlignerConfig(joins="composed"), None, said.append
    )
    assert said and said[0].startswith("aligning 2,100 x 2,100 sentences")
    said.clear()
    align_sentences(
        SideInput(texts[:50], vectors[:50]), SideInput(texts[:50], vectors[:50]), AlignerConfig(), None, said.append
    )
    assert said == []  # short texts stay quiet
