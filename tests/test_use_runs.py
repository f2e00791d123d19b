"""use-m3 vectors of joined sentences composed from token sums (align/encoders/use_runs.py), with the real model."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from align.alignment.sentence_aligner import AlignerConfig, SideInput, align_sentences, effective_config
from align.encoders.cache import CachedEncoder, EmbeddingStore
from align.encoders.use_runs import EDGE_IDS, TokenSums

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
SENTENCES = [
    line for line in (SEEDS / "efe_coalition_es.sentences.txt").read_text(encoding="utf-8").splitlines() if line
]
SHORT = ["Sí.", "EFE", "", "Bruselas (EFE).- Varios países se reunieron el jueves.", "rja/dgp"]


@pytest.fixture(scope="module")
def backend(use_encoder):  # noqa: ANN001
    return use_encoder.inner


def _cosines(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    return np.sum(a * b, axis=1)


def test_one_sentence_runs_give_back_the_sentence_vectors(backend) -> None:  # noqa: ANN001
    vectors, runs = backend.encode_document(SENTENCES)
    assert np.array_equal(vectors, backend.encode(SENTENCES))
    composed = runs.vectors(np.arange(len(SENTENCES)), 1)
    assert _cosines(composed, vectors).min() > 0.9999  # the numpy head reproduces the graph's


@pytest.mark.parametrize("size", [2, 3, 4])
def test_composed_joins_match_the_encoded_joined_text(backend, size: int) -> None:  # noqa: ANN001
    _, runs = backend.encode_document(SENTENCES)
    starts = np.arange(0, len(SENTENCES) - size + 1)
    joined = backend.encode([" ".join(SENTENCES[s : s + size]) for s in starts])
    estimated = _cosines(runs.vectors(starts, size), joined)
    runs.refine_seams(np.arange(len(SENTENCES) - 1))
    exact = _cosines(runs.vectors(starts, size), joined)
    assert exact.min() > 0.99 and exact.mean() > 0.995
    assert estimated.mean() > 0.97
    assert exact.mean() > estimated.mean()


def test_short_and_empty_sentences_compose(backend) -> None:  # noqa: ANN001
    vectors, runs = backend.encode_document(SHORT)
    runs.refine_seams(np.arange(len(SHORT) - 1))
    for size in (1, 2, 3):
        out = runs.vectors(np.arange(len(SHORT) - size + 1), size)
        assert np.isfinite(out).all() and np.allclose(np.linalg.norm(out, axis=1), 1, atol=1e-5)
    joined = backend.encode([" ".join(SHORT[3:5])])
    assert float(runs.vectors(np.array([3]), 2)[0] @ joined[0]) > 0.98


def test_token_sums_survive_the_cache_row_format(backend) -> None:  # noqa: ANN001
    _, sums = backend.encode_with_sums(SHORT + SENTENCES[:3])
    back = TokenSums.unpacked(sums.packed(), backend.info.dim)
    for field in ("inner", "first_ids", "last_ids"):
        assert np.array_equal(getattr(back, field), getattr(sums, field))
    assert np.array_equal(back.whole, sums.whole)
    assert back.first_ids.shape[1] == EDGE_IDS
    assert (sums.first_ids[0] >= 0).sum() == sums.inner[0]  # a short sentence's missing ids are -1


def test_cached_composition_equals_a_fresh_one(tmp_path: Path, backend) -> None:  # noqa: ANN001
    cached = CachedEncoder(backend, EmbeddingStore(tmp_path / "vectors.sqlite"))
    starts = np.arange(0, len(SENTENCES) - 2)
    for _ in range(2):  # the second time everything comes from the cache
        fresh_vectors, fresh_runs = backend.encode_document(SENTENCES)
        vectors, runs = cached.encode_document(SENTENCES)
        assert np.array_equal(vectors, fresh_vectors)
        assert np.array_equal(runs.vectors(starts, 3), fresh_runs.vectors(starts, 3))
        runs.refine_seams(np.arange(5))
        fresh_runs.refine_seams(np.arange(5))
        assert np.array_equal(runs.vectors(starts, 3), fresh_runs.vectors(starts, 3))
    assert cached.hits >= len(SENTENCES)


def test_the_aligner_uses_composed_joins_and_others_fall_back_to_path(backend) -> None:  # noqa: ANN001
    english = [
        line for line in (SEEDS / "efe_coalition_en.sentences.txt").read_text(encoding="utf-8").splitlines() if line
    ]
    source = SideInput(SENTENCES, *backend.encode_document(SENTENCES))
    target = SideInput(english, *backend.encode_document(english))
    assert effective_config(AlignerConfig(), source, target).joins == "tokens"
    plain = SideInput(english, target.vectors)
    assert effective_config(AlignerConfig(), source, plain).joins == "path"
    asked: list[str] = []

    def embed(texts: list[str]) -> np.ndarray:
        asked.extend(texts)
        return backend.encode(texts)

    beads = align_sentences(source, target, AlignerConfig(), embed)
    assert not asked  # no joined text is encoded
    assert [b.source for b in beads if len(b.source) > 1 or len(b.target) > 1]  # the seed story has merges
    align_sentences(source, plain, AlignerConfig(), embed)
    assert asked  # without composed joins the path's joined text is encoded, as --joins path does


def test_an_unwritable_cache_folder_still_gives_a_working_encoder(tmp_path: Path, monkeypatch, backend) -> None:  # noqa: ANN001
    from align.encoders.use_onnx import UseOnnxEncoder

    blocked = tmp_path / "not-a-folder"
    blocked.write_text("a file where the cache folder would go", encoding="utf-8")
    monkeypatch.setenv("ALIGN_CACHE_DIR", str(blocked))
    encoder = UseOnnxEncoder()  # derives its graphs in memory
    vectors, runs = encoder.encode_document(SENTENCES[:4])
    assert np.array_equal(vectors, backend.encode(SENTENCES[:4]))
    assert (
        _cosines(
            runs.vectors(np.arange(3), 2), backend.encode_document(SENTENCES[:4])[1].vectors(np.arange(3), 2)
        ).min()
        > 0.9999
    )
