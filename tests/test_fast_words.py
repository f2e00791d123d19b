"""Words aligned in use-m3's own token states (`--word-model use-m3`): offsets, links, reuse of the sentence pass."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest
from typer.testing import CliRunner

from align.alignment.words import DEFAULT_DISTORTION, WordAligner
from align.cli import app
from align.errors import AlignError

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
runner = CliRunner()


@pytest.fixture(scope="module")
def sentence_encoder():
    from align.encoders.use_onnx import UseOnnxEncoder

    return UseOnnxEncoder()


@pytest.fixture(scope="module")
def fast_aligner(sentence_encoder):
    return WordAligner(model="use-m3", sentence_encoder=sentence_encoder)


def test_token_offsets_are_characters_not_bytes(fast_aligner):
    text = "El titular neerlandés «Grupo» de Contacto 英国和法国"
    offsets, states = fast_aligner.encoder.run([text], [7])[0]
    assert len(offsets) == len(states[7])
    pieces = [text[a:b] for a, b in offsets if b > a]
    assert "".join(pieces).replace(" ", "") == text.replace(" ", "")
    assert any(piece.strip() == "landés" or piece.endswith("landés") for piece in pieces)


def test_links_a_plain_pair(fast_aligner):
    result = fast_aligner.align("El gato negro duerme en la casa.", "The black cat sleeps in the house.")
    pairs = {(result.source[i].text, result.target[j].text) for i, j in result.links}
    assert {("gato", "cat"), ("negro", "black"), ("casa", "house")} <= pairs


def test_states_of_the_sentence_pass_are_reused_unchanged(sentence_encoder, fast_aligner, monkeypatch):
    source = "La reunión se celebrará el viernes en Bruselas."
    target = "The meeting will be held on Friday in Brussels."
    fresh = fast_aligner.align(source, target)
    sentence_encoder.encode_with_sums([source, target + "  "])  # a presplit line keeps its trailing spaces

    def no_second_pass(texts):  # the states must come from what the sentence pass left
        raise AssertionError(f"encoded again: {texts}")

    monkeypatch.setattr(sentence_encoder, "token_states", no_second_pass)
    reused = fast_aligner.align(source, target)
    assert reused.links == fresh.links
    assert np.array_equal(reused.similarity, fresh.similarity)


def test_a_language_use_m3_was_not_trained_on_is_refused(fast_aligner):
    fast_aligner.check_language("es", "a.txt")
    with pytest.raises(AlignError, match="word model use-m3"):
        fast_aligner.check_language("ro", "a.txt")


def test_check_with_the_fast_word_model_records_it_and_finds_dropped_words():
    result = runner.invoke(
        app,
        [
            "check", "-q", "-f", "json", "--word-model", "use-m3",
            str(SEEDS / "efe_coalition_es.txt"), str(SEEDS / "efe_coalition_en.txt"),
        ],
    )  # fmt: skip
    assert result.exit_code == 1, result.output
    payload = json.loads(result.stdout)
    assert payload["signature"]["word_aligner"]["model"] == "use-m3"
    assert payload["signature"]["word_aligner"]["distortion"] == DEFAULT_DISTORTION["use-m3"]
    assert payload["signature"]["word_aligner"]["centred"] is False  # centring helps e5's links only
    assert payload["signature"]["word_aligner"]["hub_weight"] == 1.0  # and the hub correction use-m3's
    assert payload["signature"]["calibration"].startswith("use-m3")
    assert "words-use-m3/omission_model.json" in payload["signature"]["detector_data"]
    source_text = (SEEDS / "efe_coalition_es.txt").read_text(encoding="utf-8")
    dropped = {d["source_text"] for d in json.loads((SEEDS / "efe_coalition_en.defects.json").read_text("utf-8"))}
    omissions = [f for f in payload["flags"] if f["kind"] == "omission"]
    named = {source_text[f["source_span"][0] : f["source_span"][1]] for f in omissions}
    assert any(word in d for d in dropped for word in named), named


def test_compare_check_takes_the_word_model():
    result = runner.invoke(
        app,
        [
            "compare", "-q", "-f", "json", "--check", "--word-model", "use-m3",
            str(SEEDS / "efe_coalition_es.txt"), str(SEEDS / "efe_coalition_en.txt"),
        ],
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    payload = json.loads(result.stdout)
    assert payload["signature"]["check"]["word_aligner"]["model"] == "use-m3"
    (version,) = payload["versions"]
    assert any(f["kind"] == "omission" for f in version["flags"])


def test_the_html_page_names_the_word_model(tmp_path):
    page = tmp_path / "check.html"
    runner.invoke(
        app,
        [
            "check", "-q", "-f", "html", "-o", str(page), "--word-model", "use-m3",
            str(SEEDS / "efe_coalition_es.txt"), str(SEEDS / "efe_coalition_en_clean.txt"),
        ],
    )  # fmt: skip
    assert "word model use-m3" in page.read_text(encoding="utf-8")


def test_flags_do_not_depend_on_what_the_cache_held(cache_dir, monkeypatch):
    """A second run finds the sentence vectors and token sums cached, so the word stage encodes the states again
    instead of reading what the sentence pass left: the same flags either way."""
    from align.encoders.use_onnx import UseOnnxEncoder

    arguments = [
        "check", "-q", "-f", "json", "--word-model", "use-m3",
        str(SEEDS / "efe_coalition_es.txt"), str(SEEDS / "efe_coalition_en.txt"),
    ]  # fmt: skip
    first = json.loads(runner.invoke(app, arguments).stdout)
    encoded: list[str] = []
    token_states = UseOnnxEncoder.token_states

    def counting(self, texts):  # noqa: ANN001, ANN202
        encoded.extend(texts)
        return token_states(self, texts)

    monkeypatch.setattr(UseOnnxEncoder, "token_states", counting)
    second = json.loads(runner.invoke(app, arguments).stdout)
    assert any(cache_dir.glob("*.sqlite")) and len(encoded) > 20  # the sentence pass found everything cached
    assert first["flags"] == second["flags"] and first["beads"] == second["beads"]
