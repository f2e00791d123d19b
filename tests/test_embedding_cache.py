"""The on-disk embedding cache: hits return the very vectors computed before, models never collide, stats/clear work,
and results do not depend on whether the cache is on or what it already holds."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Sequence
from pathlib import Path

import numpy as np
import pytest
from typer.testing import CliRunner

from align.cli import app
from align.encoders.base import Encoder, EncoderInfo, Progress
from align.encoders.cache import (
    CACHE_FILE,
    MAX_MB_ENV,
    OLD_CACHE_FILE,
    CachedEncoder,
    EmbeddingStore,
    default_store,
    text_key,
)
from align.errors import AlignError

FIXTURES = Path(__file__).resolve().parent / "fixtures"
SEEDS = Path(__file__).resolve().parent.parent / "seeds"
runner = CliRunner()


class CountingEncoder(Encoder):
    """A deterministic fake backend that counts what it is asked to embed."""

    def __init__(self, name: str = "fake", dim: int = 8, seed: int = 0) -> None:
        self.info = EncoderInfo(name=name, dim=dim, languages=None, licence="-", description="test double")
        self.seed = seed
        self.calls: list[list[str]] = []

    def encode(self, texts: Sequence[str], progress: Progress | None = None) -> np.ndarray:
        self.calls.append(list(texts))
        rows = []
        for text in texts:
            rng = np.random.default_rng(abs(hash((self.seed, text))) % 2**32)
            rows.append(rng.standard_normal(self.info.dim))
        vectors = np.asarray(rows, dtype=np.float32)
        return vectors / np.linalg.norm(vectors, axis=1, keepdims=True)

    @property
    def embedded(self) -> int:
        return sum(len(c) for c in self.calls)


@pytest.fixture()
def cache_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv("ALIGN_CACHE_DIR", str(folder))
    monkeypatch.delenv("ALIGN_NO_CACHE", raising=False)
    return folder


def test_second_encode_hits_the_cache_with_identical_vectors(cache_dir: Path) -> None:
    inner = CountingEncoder()
    encoder = CachedEncoder(inner)
    texts = ["Der Hund schläft.", "Le chien dort.", "Der Hund schläft.", ""]
    first = encoder.encode(texts)
    assert inner.embedded == 3  # the duplicate is embedded once
    assert (cache_dir / CACHE_FILE).exists()
    # A new wrapper (as a new process would have) finds everything on disk.
    again = CachedEncoder(CountingEncoder())
    second = again.encode(list(reversed(texts)))
    assert again.inner.embedded == 0
    assert np.array_equal(second, first[::-1])
    assert second.dtype == np.float32
    # Only the new text is embedded when one changes.
    encoder.encode(["Le chien dort.", "Le chat dort."])
    assert inner.calls[-1] == ["Le chat dort."]


def test_models_do_not_collide(cache_dir: Path) -> None:
    a = CachedEncoder(CountingEncoder("model-a", 8, seed=1))
    b = CachedEncoder(CountingEncoder("model-b", 8, seed=2))
    a_small = CachedEncoder(CountingEncoder("model-a", 4, seed=3))  # same name, other dimension
    text = ["same text"]
    va, vb, vs = a.encode(text), b.encode(text), a_small.encode(text)
    assert not np.array_equal(va, vb)
    assert vs.shape == (1, 4)
    assert np.array_equal(CachedEncoder(CountingEncoder("model-b", 8, seed=9)).encode(text), vb)


def test_stats_and_clear_from_the_cli(cache_dir: Path) -> None:
    CachedEncoder(CountingEncoder("model-a")).encode(["one", "two", "three"])
    CachedEncoder(CountingEncoder("model-b")).encode(["one"])
    result = runner.invoke(app, ["cache", "stats", "--json"])
    assert result.exit_code == 0, result.output
    stats = json.loads(result.stdout)
    assert stats["entries"] == 4 and stats["bytes"] > 0
    assert {(m["model"], m["entries"]) for m in stats["models"]} == {("model-a", 3), ("model-b", 1)}
    text = runner.invoke(app, ["cache", "stats"])
    assert "model-a (dim 8): 3 entries" in text.stdout

    result = runner.invoke(app, ["cache", "clear", "--model", "model-a"])
    assert result.exit_code == 0 and "removed 3 entries" in result.stdout
    assert EmbeddingStore(cache_dir / CACHE_FILE).stats().entries == 1
    result = runner.invoke(app, ["cache", "clear"])
    assert "removed 1 entries" in result.stdout
    assert EmbeddingStore(cache_dir / CACHE_FILE).stats().entries == 0


def test_an_unreadable_cache_is_removed_by_clear_and_an_unknown_model_is_named(cache_dir: Path) -> None:
    cache_dir.mkdir()
    (cache_dir / CACHE_FILE).write_bytes(b"this is not a database" * 100)
    result = runner.invoke(app, ["cache", "stats"])
    assert result.exit_code == 2 and "without --model removes an unreadable cache file" in result.output
    result = runner.invoke(app, ["cache", "clear"])
    assert result.exit_code == 0 and "removed the unreadable cache file" in result.stdout
    assert not (cache_dir / CACHE_FILE).exists()
    CachedEncoder(CountingEncoder("model-a")).encode(["one"])
    result = runner.invoke(app, ["cache", "clear", "--model", "model-z"])
    assert result.exit_code == 0 and "no vectors of model model-z in the cache (models there: model-a)" in result.stdout
    assert EmbeddingStore(cache_dir / CACHE_FILE).stats().entries == 1


def test_stats_of_a_missing_cache_creates_nothing(cache_dir: Path) -> None:
    result = runner.invoke(app, ["cache", "stats"])
    assert result.exit_code == 0 and "entries: 0" in result.stdout
    assert not (cache_dir / CACHE_FILE).exists()


def test_no_cache_env_turns_it_off(cache_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ALIGN_NO_CACHE", "1")
    assert default_store() is None
    inner = CountingEncoder()
    encoder = CachedEncoder(inner)
    encoder.encode(["a", "b"])
    encoder.encode(["a", "b"])
    assert inner.embedded == 4
    assert not (cache_dir / CACHE_FILE).exists()


def test_unusable_cache_warns_and_still_encodes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    broken = tmp_path / "cache"
    broken.mkdir()
    (broken / CACHE_FILE).write_bytes(b"this is not a database" * 100)
    monkeypatch.setenv("ALIGN_CACHE_DIR", str(broken))
    inner = CountingEncoder()
    vectors = CachedEncoder(inner).encode(["a", "b"])
    assert vectors.shape == (2, 8) and inner.embedded == 2


def test_real_model_cached_vectors_equal_fresh_ones(cache_dir: Path, use_encoder) -> None:  # noqa: ANN001
    """use-m3 gives a text a different vector in different batches; the cache must not let that leak into results:
    a text's vector is the same alone, in any batch, from the cache, or with the cache off."""
    lines = (FIXTURES / "test3.de").read_text(encoding="utf-8").splitlines()[:12]
    assert isinstance(use_encoder, CachedEncoder)
    cold = use_encoder.encode(lines)
    warm = use_encoder.encode(lines[::-1])[::-1]
    assert np.array_equal(cold, warm)
    mixed = use_encoder.encode(lines[:3] + ["Ein neuer Satz, der noch nicht im Cache ist."])
    assert np.array_equal(mixed[:3], cold[:3])
    alone = np.stack([use_encoder.inner.encode([t])[0] for t in lines])
    assert np.array_equal(cold, alone)
    stats = EmbeddingStore(cache_dir / CACHE_FILE).stats()
    assert [(m.model, m.dim) for m in stats.models] == [("use-m3", 512)]


def test_use_m3_texts_run_side_by_side_get_the_vectors_they_get_one_by_one() -> None:
    from align.encoders.use_onnx import UseOnnxEncoder

    lines = (FIXTURES / "test3.de").read_text(encoding="utf-8").splitlines()[:40]
    one_by_one = UseOnnxEncoder(threads=1).encode(lines)
    side_by_side = UseOnnxEncoder(threads=3).encode(lines)
    assert np.array_equal(one_by_one, side_by_side)


def _present(store: EmbeddingStore, model: str, dim: int, texts: list[str]) -> int:
    return len(store.get_many(model, dim, [text_key(t) for t in texts]))


def test_size_cap_evicts_the_least_recently_used(cache_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(MAX_MB_ENV, "0.5")
    encoder = CachedEncoder(CountingEncoder("capped", 256))  # 1 KiB vectors
    store = default_store()
    assert store is not None and store.max_bytes == 2**19
    now = [1000.0]
    store.clock = lambda: now[0]
    keep = [f"kept {i}" for i in range(20)]
    old = [f"old {i}" for i in range(200)]
    new = [f"new {i}" for i in range(200)]
    encoder.encode(keep)
    now[0] = 2000.0
    encoder.encode(old)
    now[0] = 3000.0
    encoder.encode(keep)  # all hits: they become the more recently used
    assert store.used_bytes() <= 2**19  # no eviction yet
    now[0] = 4000.0
    encoder.encode(new)  # over the cap: the oldest go, down to 90% of it
    assert store.used_bytes() <= 0.9 * 2**19
    assert _present(store, "capped", 256, keep) == 20
    assert _present(store, "capped", 256, new) == 200
    assert 0 < _present(store, "capped", 256, old) < 200


def test_a_first_layout_cache_is_adopted(cache_dir: Path) -> None:
    """Caches written before the size cap (a WITHOUT ROWID table in embeddings.sqlite) keep their vectors."""
    cache_dir.mkdir()
    vector = np.arange(8, dtype="<f4")
    old = sqlite3.connect(cache_dir / OLD_CACHE_FILE)
    old.execute("CREATE TABLE embeddings (model TEXT NOT NULL, dim INTEGER NOT NULL, hash BLOB NOT NULL, "
                "vector BLOB NOT NULL, PRIMARY KEY (model, dim, hash)) WITHOUT ROWID")
    old.execute("INSERT INTO embeddings VALUES (?, ?, ?, ?)", ["fake", 8, text_key("seen before"), vector.tobytes()])
    old.commit()
    old.close()
    inner = CountingEncoder()
    assert np.array_equal(CachedEncoder(inner).encode(["seen before"])[0], vector)
    assert inner.embedded == 0
    assert (cache_dir / CACHE_FILE).exists()
    assert (cache_dir / OLD_CACHE_FILE).exists()  # left for older versions sharing the folder...
    runner.invoke(app, ["cache", "clear"])
    assert not (cache_dir / OLD_CACHE_FILE).exists()  # ...until the cache is cleared


@pytest.mark.parametrize(
    "command",
    [
        ["sentences", "--presplit", str(SEEDS / "efe_coalition_es.sentences.txt"),
         str(SEEDS / "efe_coalition_en.sentences.txt")],
        ["compare", "--presplit", str(SEEDS / "outlet_b_en.sentences.txt"), str(SEEDS / "outlet_c_fr.sentences.txt")],
        ["check", str(SEEDS / "efe_coalition_es.txt"), str(SEEDS / "efe_coalition_en.txt")],
    ],
    ids=["sentences", "compare", "check"],
)
def test_no_cache_and_cache_cap_options(command: list[str], cache_dir: Path, use_encoder) -> None:  # noqa: ANN001
    def run(*options: str) -> str:
        result = runner.invoke(app, [command[0], "--quiet", "-f", "json", *options, *command[1:]])
        assert result.exit_code in (0, 1), result.output  # check exits 1 on the seed's defects
        return result.stdout

    cold = run("--no-cache")
    assert not (cache_dir / CACHE_FILE).exists()
    capped = run("--cache-max-mb", "0.1")
    assert 0 < EmbeddingStore(cache_dir / CACHE_FILE).used_bytes() <= 0.1 * 2**20
    assert capped == cold  # the cache never changes a result


@pytest.mark.parametrize("command", ["sentences", "check", "compare", "batch"])
def test_a_bad_cache_cap_is_one_line_and_exit_2(command: str, tmp_path: Path) -> None:
    paths = {"batch": [str(tmp_path), str(tmp_path), "--out-dir", str(tmp_path / "out")]}
    args = paths.get(command, [str(SEEDS / "efe_coalition_es.txt"), str(SEEDS / "efe_coalition_en.txt")])
    result = runner.invoke(app, [command, "--quiet", "--cache-max-mb", "-1", *args])
    assert result.exit_code == 2
    assert "--cache-max-mb must be a positive number" in result.output and "Traceback" not in result.output


def test_a_bad_cap_in_the_environment_is_named(cache_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(MAX_MB_ENV, "lots")
    with pytest.raises(AlignError, match=MAX_MB_ENV):
        default_store()
