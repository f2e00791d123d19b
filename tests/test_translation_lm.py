"""The translation model's omission evidence: Gemma 3 270M from its PyPI package, read as a translator."""

from __future__ import annotations

import math

import pytest

from align.errors import AlignError

SOURCE = "El Reino Unido y Francia convocaron este jueves a la coalición de voluntarios en la sede de la OTAN."
DAMAGED = "The United Kingdom and convened the coalition of the willing at NATO headquarters on Thursday."
COMPLETE = "The United Kingdom and France convened the coalition of the willing at NATO headquarters on Thursday."


@pytest.fixture(scope="session")
def translation_lm():
    from align.encoders.translation_lm import load_translation_lm

    return load_translation_lm()


def _cut(text: str, word: str) -> str:
    return text.replace(f"{word} ", "", 1)


def test_cutting_the_dropped_word_relieves_the_target_most(translation_lm):
    words = ["Francia", "Reino", "convocaron", "coalición", "OTAN"]
    reliefs = translation_lm.reliefs(SOURCE, [_cut(SOURCE, w) for w in words], DAMAGED, "es", "en")
    assert max(zip(reliefs, words, strict=True))[1] == "Francia"
    assert reliefs[0] > 2.0


def test_a_rendered_word_gives_no_relief(translation_lm):
    damaged, complete = (
        translation_lm.reliefs(SOURCE, [_cut(SOURCE, "Francia")], target, "es", "en")[0]
        for target in (DAMAGED, COMPLETE)
    )
    assert complete < 1.0 < damaged


def test_texts_past_the_limit_read_no_evidence(translation_lm):
    from align.encoders.translation_lm import MAX_TOKENS

    long_source = " ".join(["palabra"] * MAX_TOKENS)
    assert translation_lm.reliefs(long_source, [long_source[8:]], "word", "es", "en") == [0.0]
    assert translation_lm.reliefs(SOURCE, [], DAMAGED, "es", "en") == []


def test_check_with_the_translation_model_flags_the_dropped_word(tmp_path):
    from align.check import check_files

    source, target = tmp_path / "es.txt", tmp_path / "en.txt"
    source.write_text(SOURCE + "\n", encoding="utf-8")
    target.write_text(DAMAGED + "\n", encoding="utf-8")
    result = check_files(str(source), str(target), translation_model="gemma-3-270m")
    without = check_files(str(source), str(target))
    sure, unsure = ({f.source_text: f.confidence for f in r.flags if f.kind == "omission"} for r in (result, without))
    # "coalición de voluntarios" / "coalition of the willing" reads as an omission either way, less surely.
    assert max(sure, key=sure.get) == "Francia"
    assert sure["Francia"] > 0.9 > unsure["Francia"]
    assert result.signature["translation_model"]["name"] == "gemma-3-270m"
    assert without.signature["translation_model"] is None


def test_a_word_model_without_its_calibration_is_a_clear_error(tmp_path):
    from align.check import check_files

    source, target = tmp_path / "es.txt", tmp_path / "en.txt"
    source.write_text(SOURCE + "\n", encoding="utf-8")
    target.write_text(DAMAGED + "\n", encoding="utf-8")
    with pytest.raises(AlignError, match="no omission calibration for word model use-m3"):
        check_files(str(source), str(target), word_model="use-m3", translation_model="gemma-3-270m")


def test_a_missing_package_is_a_clear_error(monkeypatch):
    from align.encoders import translation_lm

    monkeypatch.setattr(translation_lm, "PACKAGE_NAME", "gemma3-no-such-package")
    with pytest.raises(AlignError, match="package gemma3-no-such-package is missing"):
        translation_lm.ensure_model()
    monkeypatch.setattr(translation_lm, "_CHUNKS", ["gemma3_no_such_chunk"])
    with pytest.raises(AlignError, match="package gemma3_no_such_chunk is missing"):
        translation_lm._chunk_files()


def test_an_unknown_translation_model_is_a_clear_error():
    from align.check import load_translation_scorer

    with pytest.raises(AlignError, match="unknown translation model 'nllb'"):
        load_translation_scorer("nllb")


def test_language_names_for_the_prompt():
    from align.encoders.translation_lm import language_name

    assert [language_name(c) for c in ("es", "en", "zh", "pt-BR")] == ["Spanish", "English", "Chinese", "Portuguese"]


# A heading the received English ran into the next sentence (the seed story): which bead does it belong to?
HEADING_SOURCE = [
    "También defendió la necesidad de determinar qué «vínculo» puede haber con la OTAN.",
    "Ultimar los detalles",
    "El ministro letón de Defensa, Andris Spruds, dijo que todavía hay que «ultimar» algunos detalles.",
]
HEADING_TARGET = [
    "He also defended the need to determine what “link” there can be with NATO.",
    "Working out the details Latvian Defense Minister Andris Spruds said that some details are still to be worked out.",
]


def test_mutual_information_reads_translations_and_nothing_in_unrelated_text(translation_lm):
    unrelated = "The museum will stay closed on Mondays until the end of the summer."
    related = translation_lm.mutual_information(SOURCE, COMPLETE, "es", "en")
    assert related > translation_lm.mutual_information(SOURCE, unrelated, "es", "en") + 10
    # A sentence with no counterpart joined to the bead adds less than the one nat a boundary move must gain.
    assert translation_lm.mutual_information(SOURCE, f"{COMPLETE} {unrelated}", "es", "en") < related + 1
    # Past the token limit: no evidence, which no boundary move can win or lose by.
    from align.encoders.translation_lm import MAX_TOKENS

    assert math.isnan(translation_lm.mutual_information(" ".join(["palabra"] * MAX_TOKENS), "word", "es", "en"))


def test_the_translation_model_moves_a_run_in_heading_to_the_sentence_it_ran_into(translation_lm):
    from align.alignment.boundaries import settle_boundaries

    def evidence(source: str, target: str) -> float:
        return translation_lm.mutual_information(source, target, "es", "en")

    wrong = [((0, 1), (0,)), ((2,), (1,))]  # the heading with the sentence before, as the sentence search had it
    settled = settle_boundaries(wrong, HEADING_SOURCE, HEADING_TARGET, None, pair_evidence=evidence)
    assert settled == [((0,), (0,)), ((1, 2), (1,))]


def test_sentences_with_translation_boundaries(tmp_path):
    import json

    from typer.testing import CliRunner

    from align.cli import app

    source, target = tmp_path / "es.txt", tmp_path / "en.txt"
    source.write_text("\n".join(HEADING_SOURCE) + "\n", encoding="utf-8")
    target.write_text("\n".join(HEADING_TARGET) + "\n", encoding="utf-8")
    args = ["sentences", str(source), str(target), "--presplit", "-f", "json", "--translation-model", "gemma-3-270m"]
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 0, result.output
    out = json.loads(result.stdout)
    assert [(b["source"], b["target"]) for b in out["beads"]] == [([0], [0]), ([1, 2], [1])]
    aligner = out["signature"]["aligner"]
    assert aligner["translation_boundaries"] == "gemma-3-270m"
    assert aligner["translation_boundary_settings"]["min_gain"] == 1.0
    both = CliRunner().invoke(app, [*args, "--word-boundaries"])
    assert both.exit_code != 0 and "not both" in both.output and "Traceback" not in both.output
