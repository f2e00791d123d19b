"""Shared fixtures: real models, loaded once per session."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
FIXTURES = Path(__file__).resolve().parent / "fixtures"


@pytest.fixture(scope="session")
def use_encoder():
    from align.encoders import load_encoder

    return load_encoder("use-m3")


@pytest.fixture(scope="session")
def default_encoder():
    from align.encoders import DEFAULT_MODEL, load_encoder

    return load_encoder(DEFAULT_MODEL)


@pytest.fixture(scope="session")
def word_aligner():
    from align.alignment.words import shared_word_aligner

    return shared_word_aligner()


@pytest.fixture()
def cache_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A fresh embedding cache; the converted e5 model (used by checks) is shared, not converted again."""
    from align.encoders.e5_convert import default_cache_dir

    models = default_cache_dir() / "models"
    folder = tmp_path / "cache"
    folder.mkdir()
    if models.is_dir():
        (folder / "models").symlink_to(models, target_is_directory=True)
    monkeypatch.setenv("ALIGN_CACHE_DIR", str(folder))
    monkeypatch.delenv("ALIGN_NO_CACHE", raising=False)
    return folder
