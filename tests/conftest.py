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
